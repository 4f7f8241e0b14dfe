//! A run moves between devices, and saves and loads, without losing what it learned.

use ganplay::{Config, SnapshotRequest, Trainer, device};

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    futures_lite::future::block_on(f)
}

#[test]
fn moving_to_another_device_keeps_weights_and_iteration() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(20);
    let req = SnapshotRequest { manifold_cells: Some(5), heatmap_cells: Some(5), ..Default::default() };
    let before = t.snapshot_blocking(req.clone()).unwrap();
    let weights = block(t.weights().read()).unwrap();
    t.move_to(&device::cpu(), &weights).unwrap();
    let after = t.snapshot_blocking(req).unwrap();
    assert_eq!(t.iteration(), 20);
    assert_eq!((before.manifold, before.heatmap), (after.manifold, after.heatmap));
}

#[test]
fn a_run_moved_mid_training_goes_on_exactly_as_if_it_had_stayed() {
    // GAN Lab's ring model uses SGD, which keeps no state, so after a move the run must continue
    // bit for bit: the page moves its run from the CPU to WebGPU this way.
    let losses = |t: &mut Trainer| t.snapshot_blocking(SnapshotRequest::losses()).map(|s| (s.d_loss, s.g_loss)).unwrap();
    let mut stayed = Trainer::new(Config::default(), &device::cpu()).unwrap();
    let mut moved = Trainer::new(Config::default(), &device::cpu()).unwrap();
    stayed.train(500);
    moved.train(500);
    let weights = block(moved.weights().read()).unwrap();
    moved.move_to(&device::cpu(), &weights).unwrap();
    stayed.train(500);
    moved.train(500);
    let (a, b) = (losses(&mut stayed), losses(&mut moved));
    assert_eq!(a, b);
    // And it did train: the losses are not where a fresh run's first iteration leaves them.
    let mut fresh = Trainer::new(Config::default(), &device::cpu()).unwrap();
    fresh.train(1);
    assert_ne!(a, losses(&mut fresh), "the run trained");
}

#[test]
fn a_loaded_model_continues_rather_than_restarts() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(300);
    let trained = t.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap();
    let weights = block(t.weights().read()).unwrap();
    let text = serde_json::to_string(&weights).unwrap();
    let loaded = serde_json::from_str(&text).unwrap();
    let mut resumed = Trainer::from_weights(Config::default(), &device::cpu(), &loaded, 300).unwrap();
    let fresh_start = Trainer::new(Config::default(), &device::cpu()).unwrap().snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap();
    let r = resumed.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap();
    assert_eq!(r.iteration, 300);
    assert_eq!(r.generated, trained.generated, "same generator as the one saved");
    assert_ne!(r.generated, fresh_start.generated);
    resumed.train(1);
    assert_eq!(resumed.iteration(), 301);
}

#[test]
fn weights_that_do_not_fit_the_config_are_refused() {
    let t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    let mut w = block(t.weights().read()).unwrap();
    let mut other = Config::default();
    other.generator.hidden = vec![10];
    let e = Trainer::from_weights(other, &device::cpu(), &w, 0).err().unwrap();
    assert!(e.contains("generator's layers are [2, 10, 10, 2]"), "{e}");
    w.discriminator[0].bias[0] = f32::NAN;
    let e = Trainer::from_weights(Config::default(), &device::cpu(), &w, 0).err().unwrap();
    assert!(e.contains("not a finite number"), "{e}");
    w.discriminator[0].bias.pop();
    assert!(Trainer::from_weights(Config::default(), &device::cpu(), &w, 0).is_err());
}
