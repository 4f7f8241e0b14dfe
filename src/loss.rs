//! The losses of the course notes (`shared/seed`), one function each, on the device.
//!
//! Every function takes the discriminator's logits l (D(x) = σ(l)) rather than probabilities:
//! log D(x) = log σ(l) and log(1 - D(x)) = log σ(-l) are then computed without ever forming
//! σ(l), so a confident discriminator (|l| of 100 or more) gives finite losses and gradients.
//! Each returns a one-element tensor, the mean over the batch.

use burn::tensor::Tensor;
use burn::tensor::activation::log_sigmoid;

use crate::config::LossKind;

/// The discriminator's binary cross-entropy, as the notes write it:
/// -1/n Σ [log D(xᵢ) + log(1 - D(G(zᵢ)))] (label 1 for real, label 0 for fake).
pub fn bce_discriminator(real_logits: Tensor<2>, fake_logits: Tensor<2>) -> Tensor<1> {
    (log_sigmoid(real_logits).mean() + log_sigmoid(fake_logits.neg()).mean()).neg()
}

/// The generator's side of the min-max game: it minimises 1/n Σ log(1 - D(G(zᵢ))).
pub fn minimax_generator(fake_logits: Tensor<2>) -> Tensor<1> {
    log_sigmoid(fake_logits.neg()).mean()
}

/// The non-saturating generator loss -1/n Σ log D(G(zᵢ)): same fixed point, but strong
/// gradients while D still rejects the fakes.
pub fn non_saturating_generator(fake_logits: Tensor<2>) -> Tensor<1> {
    log_sigmoid(fake_logits).mean().neg()
}

/// LSGAN's discriminator: ½·1/n Σ (D(xᵢ) - 1)² + ½·1/n Σ D(G(zᵢ))², D being the raw output.
pub fn least_squares_discriminator(real_logits: Tensor<2>, fake_logits: Tensor<2>) -> Tensor<1> {
    let real = (real_logits - 1.0).powi_scalar(2).mean();
    let fake = fake_logits.powi_scalar(2).mean();
    (real + fake) * 0.5
}

/// LSGAN's generator: ½·1/n Σ (D(G(zᵢ)) - 1)².
pub fn least_squares_generator(fake_logits: Tensor<2>) -> Tensor<1> {
    (fake_logits - 1.0).powi_scalar(2).mean() * 0.5
}

/// The Wasserstein critic's loss without the penalty: 1/n Σ D(G(zᵢ)) - 1/n Σ D(xᵢ).
pub fn wasserstein_critic(real_outputs: Tensor<2>, fake_outputs: Tensor<2>) -> Tensor<1> {
    fake_outputs.mean() - real_outputs.mean()
}

/// The Wasserstein generator's loss: -1/n Σ D(G(zᵢ)).
pub fn wasserstein_generator(fake_outputs: Tensor<2>) -> Tensor<1> {
    fake_outputs.mean().neg()
}

/// The gradient penalty λ·1/n Σ (‖∇D(x̂ᵢ)‖ - 1)², given ∇D(x̂) one row per sample.
pub fn gradient_penalty(input_gradients: Tensor<2>, lambda: f64) -> Tensor<1> {
    let norm = (input_gradients.powi_scalar(2).sum_dim(1) + 1e-12).sqrt();
    (norm - 1.0).powi_scalar(2).mean() * lambda
}

/// The discriminator's loss for `kind`, before any gradient penalty.
pub fn discriminator(kind: LossKind, real_logits: Tensor<2>, fake_logits: Tensor<2>) -> Tensor<1> {
    match kind {
        LossKind::Minimax | LossKind::NonSaturating => bce_discriminator(real_logits, fake_logits),
        LossKind::LeastSquares => least_squares_discriminator(real_logits, fake_logits),
        LossKind::WassersteinGp => wasserstein_critic(real_logits, fake_logits),
    }
}

/// The generator's loss for `kind`.
pub fn generator(kind: LossKind, fake_logits: Tensor<2>) -> Tensor<1> {
    match kind {
        LossKind::Minimax => minimax_generator(fake_logits),
        LossKind::NonSaturating => non_saturating_generator(fake_logits),
        LossKind::LeastSquares => least_squares_generator(fake_logits),
        LossKind::WassersteinGp => wasserstein_generator(fake_logits),
    }
}
