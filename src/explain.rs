//! The numbers the theory cards print for the batch just trained, worked out on the host from
//! one [`Snapshot`] with the formulas of `theory.rs`.
//!
//! The optimiser's losses come from `loss.rs` on the device; `tests/explain.rs` checks, for
//! every loss, that the values here equal the ones the optimiser used on that step.

use crate::config::LossKind;
use crate::snapshot::Snapshot;
use crate::theory::{self, Unit};

/// Whether a sample is real (label 1) or generated (label 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Real,
    Fake,
}

impl Label {
    /// y: 1 for real, 0 for fake.
    pub fn y(self) -> f64 {
        match self {
            Label::Real => 1.0,
            Label::Fake => 0.0,
        }
    }
}

/// One sample of the batch D's latest update saw, and what it added to D's loss.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub label: Label,
    /// Its position among the samples of its label.
    pub index: usize,
    pub point: [f32; 2],
    /// D's raw output (a logit for the cross-entropy losses).
    pub raw: f64,
    /// ŷ = D(x) as the page shows it: σ(logit) for the cross-entropy losses, the raw output
    /// otherwise.
    pub d: f64,
    /// The sample's term in D's loss, before the 1/n of its half of the batch, in nats.
    pub term: f64,
}

/// A sample's term in D's loss for `loss`: -[y log ŷ + (1-y) log(1-ŷ)] for the cross-entropy
/// losses, ½(ŷ - y)² for least squares, -ŷ (real) or +ŷ (fake) for the Wasserstein critic.
pub fn d_term(loss: LossKind, label: Label, raw: f64) -> f64 {
    match (loss, label) {
        (LossKind::Minimax | LossKind::NonSaturating, _) => theory::bce_term(label.y(), raw),
        (LossKind::LeastSquares, _) => 0.5 * (raw - label.y()).powi(2),
        (LossKind::WassersteinGp, Label::Real) => -raw,
        (LossKind::WassersteinGp, Label::Fake) => raw,
    }
}

/// Sample `index` of the latest D batch: real ones first, then fakes.
pub fn term(s: &Snapshot, label: Label, index: usize) -> Option<Term> {
    let (points, raws) = match label {
        Label::Real => (&s.real, &s.real_logits),
        Label::Fake => (&s.fake, &s.fake_logits),
    };
    let (&point, &raw) = points.get(index).zip(raws.get(index))?;
    let raw = raw as f64;
    // In f64, so a sample's surprise and its term in the loss agree to the last digit.
    let d = match s.loss {
        LossKind::Minimax | LossKind::NonSaturating => theory::sigmoid(raw),
        LossKind::LeastSquares | LossKind::WassersteinGp => raw,
    };
    Some(Term { label, index, point, raw, d, term: d_term(s.loss, label, raw) })
}

/// The first `per_label` real and `per_label` fake samples, for the loss table.
pub fn terms(s: &Snapshot, per_label: usize) -> Vec<Term> {
    [Label::Real, Label::Fake]
        .into_iter()
        .flat_map(|label| (0..per_label).filter_map(move |i| term(s, label, i)))
        .collect()
}

fn f64s(values: &[f32]) -> Vec<f64> {
    values.iter().map(|&v| v as f64).collect()
}

/// D's loss on its latest batch, from the formula of the run's loss (with the gradient
/// penalty for WGAN-GP), in nats: what the optimiser minimised on that update.
pub fn discriminator_loss(s: &Snapshot) -> Option<f64> {
    if s.d_loss.is_none() || s.real_logits.is_empty() {
        return None;
    }
    let (real, fake) = (f64s(&s.real_logits), f64s(&s.fake_logits));
    Some(match s.loss {
        LossKind::Minimax | LossKind::NonSaturating => theory::discriminator_bce(&real, &fake),
        LossKind::LeastSquares => theory::least_squares_discriminator(&real, &fake),
        LossKind::WassersteinGp => {
            theory::wasserstein_critic(&real, &fake) + gradient_penalty(s)?
        }
    })
}

/// The gradient penalty part of D's latest loss (WGAN-GP only).
pub fn gradient_penalty(s: &Snapshot) -> Option<f64> {
    let gradients: Vec<[f64; 2]> = s.penalty_gradients.as_deref()?.iter().map(|g| [g[0] as f64, g[1] as f64]).collect();
    Some(theory::gradient_penalty(&gradients, s.gp_lambda))
}

/// G's loss on its latest batch, from the formula of the run's loss, in nats.
pub fn generator_loss(s: &Snapshot) -> Option<f64> {
    if s.g_loss.is_none() || s.g_fake_logits.is_empty() {
        return None;
    }
    let fake = f64s(&s.g_fake_logits);
    Some(match s.loss {
        LossKind::Minimax => theory::minimax_generator(&fake),
        LossKind::NonSaturating => theory::non_saturating_generator(&fake),
        LossKind::LeastSquares => theory::least_squares_generator(&fake),
        LossKind::WassersteinGp => theory::wasserstein_generator(&fake),
    })
}

/// The value of the min-max game on the latest batch,
/// V(D, G) = 1/n Σ log D(xᵢ) + 1/n Σ log(1 - D(G(zᵢ))) = -(D's BCE loss), in nats. Only for the
/// cross-entropy losses, where D is a probability.
pub fn game_value(s: &Snapshot) -> Option<f64> {
    match s.loss {
        LossKind::Minimax | LossKind::NonSaturating => discriminator_loss(s).map(|l| -l),
        _ => None,
    }
}

/// Surprise at the right answer for one sample: -log ŷ for a real one, -log(1 - ŷ) for a
/// fake, in `unit`. For the cross-entropy losses this is the sample's BCE term.
pub fn surprise(t: &Term, unit: Unit) -> f64 {
    let p_right = match t.label {
        Label::Real => t.d,
        Label::Fake => 1.0 - t.d,
    };
    theory::information(p_right, unit)
}

/// The average entropy of D's answers on the latest batch (real and fake), each answer a
/// coin with P(real) = D(x): 1 bit when D says ½ everywhere, 0 when it is sure.
pub fn prediction_entropy(s: &Snapshot, unit: Unit) -> Option<f64> {
    if !matches!(s.loss, LossKind::Minimax | LossKind::NonSaturating) || s.real_logits.is_empty() {
        return None;
    }
    let all: Vec<f64> = s
        .real_logits
        .iter()
        .chain(&s.fake_logits)
        .map(|&l| {
            let d = theory::sigmoid(l as f64);
            theory::entropy(&[d, 1.0 - d], unit)
        })
        .collect();
    Some(all.iter().sum::<f64>() / all.len() as f64)
}

/// How hard G is pushed by each generator loss on its latest batch: the mean size of the
/// loss's derivative with respect to D's logit, |∂/∂l log(1 - σ(l))| = D(G(z)) for the minimax
/// loss and |∂/∂l -log σ(l)| = 1 - D(G(z)) for the non-saturating one. When D rejects the
/// fakes (D(G(z)) near 0) the first vanishes and the second does not.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Push {
    pub mean_d_fake: f64,
    pub minimax: f64,
    pub non_saturating: f64,
}

pub fn generator_push(s: &Snapshot) -> Option<Push> {
    if !matches!(s.loss, LossKind::Minimax | LossKind::NonSaturating) || s.g_fake_logits.is_empty() {
        return None;
    }
    let n = s.g_fake_logits.len() as f64;
    let mean_d_fake = s.g_fake_logits.iter().map(|&l| theory::sigmoid(l as f64)).sum::<f64>() / n;
    Some(Push { mean_d_fake, minimax: mean_d_fake, non_saturating: 1.0 - mean_d_fake })
}

/// What the best discriminator against the current generator would achieve.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Optimum {
    /// JS divergence between the data and the generator (grid estimate), in nats.
    pub js_nats: f64,
    /// D's BCE loss if D were optimal: 2·log 2 - 2·JSD.
    pub d_loss: f64,
    /// V(D*, G) = -log 4 + 2·JSD.
    pub value: f64,
}

pub fn optimum(s: &Snapshot) -> Option<Optimum> {
    let js_nats = s.metrics.as_ref()?.js / Unit::Bits.per_nat();
    Some(Optimum { js_nats, d_loss: theory::optimal_discriminator_loss(js_nats), value: theory::EQUILIBRIUM_VALUE + 2.0 * js_nats })
}
