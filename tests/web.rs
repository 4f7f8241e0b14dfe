//! The training core in a real browser (headless Chromium): 20 iterations on WebGPU and on the
//! CPU backend, with every number read back asynchronously.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (the runner and the browser
//! flags come from `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use ganplay::{BackendKind, Config, SnapshotRequest, Trainer, device};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn train_twenty(kind: BackendKind) -> (Option<f32>, Option<f32>, Option<f32>, Option<f32>) {
    let device = device::device(kind).await.expect("the backend initialises");
    let mut trainer = Trainer::new(Config::default(), &device).expect("the default config is valid");
    trainer.train(1);
    let pending = trainer.snapshot(SnapshotRequest::losses());
    let (first, token) = pending.read().await.expect("the first read");
    trainer.settle(&first, token).expect("finite");
    trainer.train(19);
    let pending = trainer.snapshot(SnapshotRequest::full());
    let (last, token) = pending.read().await.expect("the last read");
    trainer.settle(&last, token).expect("finite");
    assert_eq!(last.iteration, 20);
    assert_eq!(last.fake.len(), 150);
    assert!(last.heatmap.as_ref().unwrap().values.iter().all(|v| v.is_finite()));
    assert!(last.metrics.is_some());
    (first.d_loss, first.g_loss, last.d_loss, last.g_loss)
}

#[wasm_bindgen_test]
async fn trains_twenty_iterations_on_the_cpu_backend() {
    let (d0, g0, d, g) = train_twenty(BackendKind::Cpu).await;
    assert!(d.unwrap().is_finite() && g.unwrap().is_finite());
    assert_ne!((d0, g0), (d, g), "the losses moved");
}

#[wasm_bindgen_test]
async fn trains_twenty_iterations_on_webgpu_from_the_same_weights_as_the_cpu() {
    let (d0, g0, d, g) = train_twenty(BackendKind::Wgpu).await;
    assert!(d.unwrap().is_finite() && g.unwrap().is_finite());
    assert_ne!((d0, g0), (d, g), "the losses moved");
    // The seed fixes the weights on every backend (they come from the host RNG), so the first
    // iteration's discriminator loss agrees with the CPU's to float rounding.
    let (cpu, ..) = train_twenty(BackendKind::Cpu).await;
    let (cpu, gpu) = (cpu.unwrap(), d0.unwrap());
    assert!((cpu - gpu).abs() < 1e-3 * cpu.abs().max(1.0), "cpu {cpu} webgpu {gpu}");
}
