//! The training core in a real browser (headless Chromium): 20 iterations on WebGPU and on the
//! CPU backend, with every number read back asynchronously, and a run moved from the CPU to
//! WebGPU part-way (as the page does) going on as if it had stayed.
//!
//! Run with `cargo test --target wasm32-unknown-unknown --test web` (the runner and the browser
//! flags come from `.cargo/config.toml` and `webdriver.json`).
#![cfg(target_arch = "wasm32")]

use ganplay::{BackendKind, Config, Snapshot, SnapshotRequest, Trainer, device};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn read(trainer: &mut Trainer, request: SnapshotRequest) -> Snapshot {
    let (snapshot, token) = trainer.snapshot(request).read().await.expect("the read");
    trainer.settle(&snapshot, token).expect("finite numbers");
    snapshot
}

/// The D and G losses after 1 and after 20 iterations.
async fn train_twenty(kind: BackendKind) -> [f32; 4] {
    let device = device::device(kind).await.expect("the backend initialises");
    let mut trainer = Trainer::new(Config::default(), &device).expect("the default config is valid");
    trainer.train(1);
    let first = read(&mut trainer, SnapshotRequest::losses()).await;
    trainer.train(19);
    let last = read(&mut trainer, SnapshotRequest::full()).await;
    assert_eq!(last.iteration, 20);
    assert_eq!(last.fake.len(), 150);
    assert!(last.heatmap.as_ref().unwrap().values.iter().all(|v| v.is_finite()));
    assert!(last.metrics.is_some());
    [first.d_loss, first.g_loss, last.d_loss, last.g_loss].map(|l| l.expect("losses are read"))
}

/// Two backends' losses for the same seed agree to float rounding (the seed fixes the weights,
/// noise and data on the host, so only the order of additions differs).
fn assert_close(cpu: &[f32], other: &[f32], what: &str) {
    for (c, o) in cpu.iter().zip(other) {
        assert!((c - o).abs() < 1e-3 * c.abs().max(1.0), "{what}: cpu {cpu:?}, other {other:?}");
    }
}

#[wasm_bindgen_test]
async fn trains_twenty_iterations_on_the_cpu_backend() {
    let [d0, g0, d, g] = train_twenty(BackendKind::Cpu).await;
    assert!(d.is_finite() && g.is_finite());
    assert_ne!((d0, g0), (d, g), "the losses moved");
}

#[wasm_bindgen_test]
async fn trains_twenty_iterations_on_webgpu_as_the_cpu_does() {
    let gpu = train_twenty(BackendKind::Wgpu).await;
    assert_ne!(gpu[..2], gpu[2..], "the losses moved");
    assert_close(&train_twenty(BackendKind::Cpu).await, &gpu, "20 iterations");
}

#[wasm_bindgen_test]
async fn a_run_moved_from_the_cpu_to_webgpu_goes_on_as_if_it_had_stayed() {
    let cpu = device::device(BackendKind::Cpu).await.unwrap();
    let gpu = device::device(BackendKind::Wgpu).await.expect("WebGPU initialises");
    let mut stayed = Trainer::new(Config::default(), &cpu).unwrap();
    let mut moved = Trainer::new(Config::default(), &cpu).unwrap();
    stayed.train(200);
    moved.train(200);
    let weights = moved.weights().read().await.expect("the weights are read");
    moved.move_to(&gpu, &weights).expect("the weights fit");
    stayed.train(10);
    moved.train(10);
    let (a, b) = (read(&mut stayed, SnapshotRequest::losses()).await, read(&mut moved, SnapshotRequest::losses()).await);
    assert_eq!(b.iteration, 210);
    let losses = |s: &Snapshot| [s.d_loss.unwrap(), s.g_loss.unwrap()];
    assert_close(&losses(&a), &losses(&b), "after the move");
}
