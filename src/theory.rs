//! The information theory of the course notes on plain numbers (f64): information, entropy,
//! cross-entropy, KL and JS divergence, and the discriminator's losses sample by sample.
//!
//! These are what the page's theory cards print. The training losses in `loss.rs` compute the
//! same formulas on the device; tests check that the two agree.

/// The unit of information: log base 2 or base e.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Bits,
    Nats,
}

impl Unit {
    fn log(self, x: f64) -> f64 {
        match self {
            Unit::Bits => x.log2(),
            Unit::Nats => x.ln(),
        }
    }

    /// How many of this unit make one nat.
    pub fn per_nat(self) -> f64 {
        match self {
            Unit::Bits => std::f64::consts::LOG2_E,
            Unit::Nats => 1.0,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Bits => "bits",
            Unit::Nats => "nats",
        }
    }
}

/// Information ("surprise") of an event of probability `p`: h = -log p. Infinite at p = 0.
pub fn information(p: f64, unit: Unit) -> f64 {
    if p <= 0.0 { f64::INFINITY } else { -unit.log(p) }
}

/// Entropy H(P) = -Σ P(xᵢ) log P(xᵢ); terms with P(xᵢ) = 0 add nothing.
pub fn entropy(p: &[f64], unit: Unit) -> f64 {
    p.iter().filter(|&&pi| pi > 0.0).map(|&pi| -pi * unit.log(pi)).sum::<f64>() + 0.0
}

/// Cross-entropy H(P, Q) = -Σ P(xᵢ) log Q(xᵢ): infinite when Q(xᵢ) = 0 where P(xᵢ) > 0.
pub fn cross_entropy(p: &[f64], q: &[f64], unit: Unit) -> f64 {
    p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(&pi, &qi)| if qi <= 0.0 { f64::INFINITY } else { -pi * unit.log(qi) })
        .sum::<f64>()
        + 0.0
}

/// KL(P ‖ Q) = H(P, Q) - H(P) = Σ P(xᵢ) log(P(xᵢ)/Q(xᵢ)): the extra cost of coding P with Q.
/// Infinite when Q misses part of P's support.
pub fn kl_divergence(p: &[f64], q: &[f64], unit: Unit) -> f64 {
    p.iter()
        .zip(q)
        .filter(|(pi, _)| **pi > 0.0)
        .map(|(&pi, &qi)| if qi <= 0.0 { f64::INFINITY } else { pi * unit.log(pi / qi) })
        .sum::<f64>()
        .max(0.0)
}

/// Jensen-Shannon divergence ½KL(P ‖ M) + ½KL(Q ‖ M), M = ½(P + Q): symmetric, finite,
/// between 0 and 1 bit.
pub fn js_divergence(p: &[f64], q: &[f64], unit: Unit) -> f64 {
    let m: Vec<f64> = p.iter().zip(q).map(|(a, b)| 0.5 * (a + b)).collect();
    0.5 * kl_divergence(p, &m, unit) + 0.5 * kl_divergence(q, &m, unit)
}

/// σ(l) = 1 / (1 + e^-l): the probability D(x) for a logit l.
pub fn sigmoid(logit: f64) -> f64 {
    if logit >= 0.0 {
        1.0 / (1.0 + (-logit).exp())
    } else {
        let e = logit.exp();
        e / (1.0 + e)
    }
}

/// log σ(l), without forming σ(l): stays finite for any finite l.
pub fn log_sigmoid(logit: f64) -> f64 {
    -((-logit.abs()).exp().ln_1p()) + logit.min(0.0)
}

/// One sample's binary cross-entropy term -[y log ŷ + (1-y) log(1-ŷ)], from ŷ's logit, in nats.
pub fn bce_term(label: f64, logit: f64) -> f64 {
    -(label * log_sigmoid(logit) + (1.0 - label) * log_sigmoid(-logit))
}

/// The discriminator's loss of the notes, -1/n Σ [log D(xᵢ) + log(1 - D(G(zᵢ)))], in nats.
pub fn discriminator_bce(real_logits: &[f64], fake_logits: &[f64]) -> f64 {
    mean(real_logits.iter().map(|&l| bce_term(1.0, l))) + mean(fake_logits.iter().map(|&l| bce_term(0.0, l)))
}

/// The generator's minimax loss 1/n Σ log(1 - D(G(zᵢ))), in nats.
pub fn minimax_generator(fake_logits: &[f64]) -> f64 {
    mean(fake_logits.iter().map(|&l| log_sigmoid(-l)))
}

/// The non-saturating generator loss -1/n Σ log D(G(zᵢ)), in nats.
pub fn non_saturating_generator(fake_logits: &[f64]) -> f64 {
    mean(fake_logits.iter().map(|&l| -log_sigmoid(l)))
}

/// LSGAN's discriminator loss ½·mean((D(x) - 1)²) + ½·mean(D(G(z))²).
pub fn least_squares_discriminator(real: &[f64], fake: &[f64]) -> f64 {
    0.5 * mean(real.iter().map(|&d| (d - 1.0).powi(2))) + 0.5 * mean(fake.iter().map(|&d| d * d))
}

/// LSGAN's generator loss ½·mean((D(G(z)) - 1)²).
pub fn least_squares_generator(fake: &[f64]) -> f64 {
    0.5 * mean(fake.iter().map(|&d| (d - 1.0).powi(2)))
}

/// The Wasserstein critic's loss, before the penalty: mean(D(G(z))) - mean(D(x)).
pub fn wasserstein_critic(real: &[f64], fake: &[f64]) -> f64 {
    mean(fake.iter().copied()) - mean(real.iter().copied())
}

/// The Wasserstein generator's loss -mean(D(G(z))).
pub fn wasserstein_generator(fake: &[f64]) -> f64 {
    -mean(fake.iter().copied())
}

/// The gradient penalty λ·mean((‖g‖ - 1)²) for gradients `g`, one per sample.
pub fn gradient_penalty(gradients: &[[f64; 2]], lambda: f64) -> f64 {
    lambda * mean(gradients.iter().map(|g| ((g[0] * g[0] + g[1] * g[1]).sqrt() - 1.0).powi(2)))
}

/// The value of the min-max game at equilibrium (D = ½ everywhere): -log 4 nats.
pub const EQUILIBRIUM_VALUE: f64 = -std::f64::consts::LN_2 * 2.0;

/// The discriminator's BCE loss when D is optimal, from the JS divergence (nats) between the
/// data and the generator: 2·log 2 - 2·JSD.
pub fn optimal_discriminator_loss(jsd_nats: f64) -> f64 {
    2.0 * std::f64::consts::LN_2 - 2.0 * jsd_nats
}

/// The optimal discriminator D*(x) = p_data(x) / (p_data(x) + p_g(x)).
pub fn optimal_discriminator(p_data: f64, p_g: f64) -> f64 {
    if p_data + p_g <= 0.0 { 0.5 } else { p_data / (p_data + p_g) }
}

/// Where each loss settles when the game is at equilibrium (D outputs ½ everywhere, or the
/// critic cannot tell real from fake): (D loss, G loss), the reference lines of the loss chart.
pub fn equilibrium_losses(kind: crate::config::LossKind) -> (f64, f64) {
    use crate::config::LossKind;
    let ln2 = std::f64::consts::LN_2;
    match kind {
        LossKind::Minimax => (2.0 * ln2, -ln2),
        LossKind::NonSaturating => (2.0 * ln2, ln2),
        // D = ½ on both: ½·(½-1)² + ½·(½)² = ¼ and ½·(½-1)² = ⅛.
        LossKind::LeastSquares => (0.25, 0.125),
        LossKind::WassersteinGp => (0.0, 0.0),
    }
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}
