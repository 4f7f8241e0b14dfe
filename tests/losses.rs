//! Each loss on the device equals its formula from the course notes, computed by hand.

use burn::tensor::{Tensor, TensorData};
use ganplay::{device, loss, theory};

fn column(values: &[f32]) -> Tensor<2> {
    Tensor::from_data(TensorData::new(values.to_vec(), [values.len(), 1]), &device::cpu())
}

fn value(t: Tensor<1>) -> f64 {
    t.into_data().as_slice::<f32>().unwrap()[0] as f64
}

/// Equal to 1e-6, relative for values above 1 (the device computes in f32).
fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
}

const REAL: [f32; 3] = [2.0, -0.5, 0.3];
const FAKE: [f32; 3] = [-1.0, 0.7, -3.0];

fn sig(l: f32) -> f64 {
    1.0 / (1.0 + (-(l as f64)).exp())
}

#[test]
fn bce_discriminator_is_minus_mean_log_d_real_plus_log_one_minus_d_fake() {
    // -1/n Σ [log D(xᵢ) + log(1 - D(G(zᵢ)))]
    let by_hand = -(REAL.iter().map(|&l| sig(l).ln()).sum::<f64>() + FAKE.iter().map(|&l| (1.0 - sig(l)).ln()).sum::<f64>()) / 3.0;
    close(value(loss::bce_discriminator(column(&REAL), column(&FAKE))), by_hand);
}

#[test]
fn minimax_generator_is_mean_log_one_minus_d_fake() {
    let by_hand = FAKE.iter().map(|&l| (1.0 - sig(l)).ln()).sum::<f64>() / 3.0;
    close(value(loss::minimax_generator(column(&FAKE))), by_hand);
}

#[test]
fn non_saturating_generator_is_minus_mean_log_d_fake() {
    let by_hand = -FAKE.iter().map(|&l| sig(l).ln()).sum::<f64>() / 3.0;
    close(value(loss::non_saturating_generator(column(&FAKE))), by_hand);
}

#[test]
fn least_squares_losses_are_half_mean_squared_distances_to_targets() {
    let d = 0.5 * REAL.iter().map(|&v| (v as f64 - 1.0).powi(2)).sum::<f64>() / 3.0
        + 0.5 * FAKE.iter().map(|&v| (v as f64).powi(2)).sum::<f64>() / 3.0;
    close(value(loss::least_squares_discriminator(column(&REAL), column(&FAKE))), d);
    let g = 0.5 * FAKE.iter().map(|&v| (v as f64 - 1.0).powi(2)).sum::<f64>() / 3.0;
    close(value(loss::least_squares_generator(column(&FAKE))), g);
}

#[test]
fn wasserstein_losses_are_differences_of_mean_critic_values() {
    let mean = |v: &[f32]| v.iter().map(|&x| x as f64).sum::<f64>() / v.len() as f64;
    close(value(loss::wasserstein_critic(column(&REAL), column(&FAKE))), mean(&FAKE) - mean(&REAL));
    close(value(loss::wasserstein_generator(column(&FAKE))), -mean(&FAKE));
}

#[test]
fn gradient_penalty_is_lambda_mean_squared_norm_distance_to_one() {
    let g = [[0.6f32, 0.8], [3.0, 4.0], [0.0, 0.5]];
    let t = Tensor::<2>::from_data(TensorData::new(g.concat(), [3, 2]), &device::cpu());
    // norms 1, 5, 0.5 -> (0² + 4² + 0.5²) / 3 · λ
    close(value(loss::gradient_penalty(t, 10.0)), 10.0 * (0.0 + 16.0 + 0.25) / 3.0);
}

#[test]
fn losses_stay_finite_for_a_confident_discriminator() {
    let real = column(&[200.0, -200.0]);
    let fake = column(&[-200.0, 200.0]);
    let d = value(loss::bce_discriminator(real, fake.clone()));
    assert!(d.is_finite() && (d - 200.0).abs() < 1e-3, "{d}");
    assert!(value(loss::non_saturating_generator(fake.clone())).is_finite());
    assert!(value(loss::minimax_generator(fake)).is_finite());
}

#[test]
fn the_theory_module_computes_the_same_losses_as_the_device() {
    let r: Vec<f64> = REAL.iter().map(|&v| v as f64).collect();
    let f: Vec<f64> = FAKE.iter().map(|&v| v as f64).collect();
    close(theory::discriminator_bce(&r, &f), value(loss::bce_discriminator(column(&REAL), column(&FAKE))));
    close(theory::minimax_generator(&f), value(loss::minimax_generator(column(&FAKE))));
    close(theory::non_saturating_generator(&f), value(loss::non_saturating_generator(column(&FAKE))));
    close(theory::least_squares_discriminator(&r, &f), value(loss::least_squares_discriminator(column(&REAL), column(&FAKE))));
    close(theory::least_squares_generator(&f), value(loss::least_squares_generator(column(&FAKE))));
    close(theory::wasserstein_critic(&r, &f), value(loss::wasserstein_critic(column(&REAL), column(&FAKE))));
}
