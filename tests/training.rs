//! Training behaves as a learner expects: reproducible, improving, and safe from NaN.

use ganplay::config::{Activation, LossKind, NetConfig, NoiseKind, OptimizerConfig};
use ganplay::{Config, DatasetKind, Phase, SnapshotRequest, TrainError, Trainer, device};

fn losses_after(config: &Config, iterations: usize) -> Vec<(u32, u32)> {
    let mut t = Trainer::new(config.clone(), &device::cpu()).unwrap();
    (0..iterations)
        .map(|_| {
            t.train(1);
            let s = t.snapshot_blocking(SnapshotRequest::losses()).unwrap();
            (s.d_loss.unwrap().to_bits(), s.g_loss.unwrap().to_bits())
        })
        .collect()
}

#[test]
fn same_seed_gives_bit_identical_losses_on_cpu() {
    for loss in [LossKind::NonSaturating, LossKind::WassersteinGp] {
        let mut c = Config::default();
        c.loss = loss;
        c.generator.optimizer = OptimizerConfig::adam(1e-3, 0.5, 0.9);
        c.discriminator.optimizer = OptimizerConfig::adam(1e-3, 0.5, 0.9);
        let a = losses_after(&c, 15);
        let b = losses_after(&c, 15);
        assert_eq!(a, b, "{loss:?}");
        c.seed += 1;
        assert_ne!(a, losses_after(&c, 15), "another seed, another run");
    }
}

#[test]
fn asking_for_snapshots_does_not_change_the_run() {
    let c = Config::default();
    let mut quiet = Trainer::new(c.clone(), &device::cpu()).unwrap();
    quiet.train(10);
    let mut watched = Trainer::new(c, &device::cpu()).unwrap();
    for _ in 0..10 {
        watched.train(1);
        watched.snapshot_blocking(SnapshotRequest::full()).unwrap();
    }
    let q = quiet.snapshot_blocking(SnapshotRequest::losses()).unwrap();
    let w = watched.snapshot_blocking(SnapshotRequest::losses()).unwrap();
    assert_eq!((q.d_loss, q.g_loss, &q.fake), (w.d_loss, w.g_loss, &w.fake));
}

#[test]
fn ganlab_ring_lowers_the_js_divergence() {
    let mut t = Trainer::new(Config::ganlab(DatasetKind::Ring), &device::cpu()).unwrap();
    let metrics = |t: &mut Trainer| t.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap().metrics.unwrap();
    let start = metrics(&mut t).js;
    // Plain SGD makes the game oscillate: judge the whole run, checked every 250 iterations.
    let mut seen = Vec::new();
    for _ in 0..12 {
        t.train(250);
        seen.push(metrics(&mut t).js);
    }
    let (lowest, end) = (seen.iter().copied().fold(f64::INFINITY, f64::min), seen[seen.len() - 1]);
    println!("ring JS divergence: {start:.3} -> {seen:.3?} bits");
    assert!(lowest < 0.6 * start, "JS went from {start} down to {lowest} at best");
    assert!(end < 0.85 * start, "JS went from {start} to {end} after 3000 iterations");
}

#[test]
fn eight_gaussians_with_non_saturating_adam_covers_most_modes() {
    let net = |lr| NetConfig { hidden: vec![64, 64], activation: Activation::Relu, optimizer: OptimizerConfig::adam(lr, 0.5, 0.999) };
    let mut c = Config::ganlab(DatasetKind::EightGaussians);
    c.generator = net(1e-3);
    c.discriminator = net(1e-3);
    c.generator_output = ganplay::config::GeneratorOutput::Identity;
    c.noise.kind = NoiseKind::Gaussian;
    c.loss = LossKind::NonSaturating;
    c.d_steps = 1;
    c.g_steps = 1;
    c.batch_size = 256;
    let mut t = Trainer::new(c, &device::cpu()).unwrap();
    t.train(3000);
    let m = t.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap().metrics.unwrap();
    println!("8 Gaussians: {:?} of 8 modes, {:.0} % high quality", m.modes_covered, 100.0 * m.high_quality.unwrap());
    assert!(m.modes_covered.unwrap() >= 6, "{m:?}");
}

#[test]
fn a_loss_that_turns_non_finite_is_reported_and_not_trained_on() {
    let mut c = Config::ganlab(DatasetKind::Ring);
    c.loss = LossKind::LeastSquares;
    c.generator_output = ganplay::config::GeneratorOutput::Identity;
    c.generator.optimizer = OptimizerConfig::sgd(10.0);
    c.discriminator.optimizer = OptimizerConfig::sgd(10.0);
    let mut t = Trainer::new(c, &device::cpu()).unwrap();
    let mut good_iteration = 0;
    let mut failure = None;
    for _ in 0..200 {
        t.train(5);
        match t.snapshot_blocking(SnapshotRequest::losses()) {
            Ok(s) => good_iteration = s.iteration,
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    let failure = failure.expect("lr 10 on least squares blows up");
    assert_eq!(failure, TrainError::NonFinite { iteration: good_iteration });
    assert!(failure.to_string().contains("NaN or infinite"), "{failure}");
    assert_eq!(t.iteration(), good_iteration, "the networks went back to the last finite state");
    let s = t.snapshot_blocking(SnapshotRequest { heatmap_cells: Some(4), ..Default::default() }).unwrap();
    assert!(s.heatmap.unwrap().values.iter().all(|v| v.is_finite()));
}

#[test]
fn discriminator_only_step_changes_d_loss_but_not_the_generator() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(3);
    let before = t.snapshot_blocking(SnapshotRequest { manifold_cells: Some(4), ..Default::default() }).unwrap();
    t.step(Phase::DiscriminatorOnly);
    let after = t.snapshot_blocking(SnapshotRequest { manifold_cells: Some(4), ..Default::default() }).unwrap();
    assert_ne!(before.d_loss, after.d_loss);
    assert_eq!(before.g_loss, after.g_loss);
    assert_eq!(before.manifold, after.manifold, "G's weights did not move");
    t.step(Phase::GeneratorOnly);
    let g = t.snapshot_blocking(SnapshotRequest { manifold_cells: Some(4), ..Default::default() }).unwrap();
    assert_ne!(after.manifold, g.manifold, "a G-only step moves G");
    assert_eq!(after.d_loss, g.d_loss);
}

#[test]
fn changing_hyperparameters_mid_run_keeps_the_weights() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(5);
    let req = SnapshotRequest { manifold_cells: Some(4), heatmap_cells: Some(4), ..Default::default() };
    let before = t.snapshot_blocking(req.clone()).unwrap();
    let mut c = t.config().clone();
    c.generator.optimizer = OptimizerConfig::adam(1e-3, 0.9, 0.999);
    c.discriminator.optimizer.lr = 0.01;
    c.d_steps = 1;
    c.batch_size = 32;
    c.loss = LossKind::WassersteinGp;
    c.dataset = DatasetKind::Spiral;
    t.set_config(c).unwrap();
    let same = t.snapshot_blocking(req.clone()).unwrap();
    assert_eq!(before.manifold, same.manifold);
    assert_eq!(t.iteration(), 5);
    t.train(2);
    let s = t.snapshot_blocking(SnapshotRequest::losses()).unwrap();
    assert_eq!(s.real.len(), 32, "the new batch size applies");
    // A new architecture re-initialises only that network.
    let mut c = t.config().clone();
    c.discriminator.hidden = vec![12];
    t.set_config(c).unwrap();
    let after = t.snapshot_blocking(req).unwrap();
    assert_ne!(same.heatmap, after.heatmap);
}

#[test]
fn a_full_snapshot_has_every_view() {
    let mut c = Config::ganlab(DatasetKind::EightGaussians);
    c.noise.dim = 1;
    let mut t = Trainer::new(c, &device::cpu()).unwrap();
    t.train(2);
    let s = t.snapshot_blocking(SnapshotRequest::full()).unwrap();
    assert_eq!(s.iteration, 2);
    assert_eq!((s.real.len(), s.fake.len(), s.real_logits.len(), s.fake_logits.len()), (150, 150, 150, 150));
    assert_eq!(s.heatmap.as_ref().unwrap().values.len(), 40 * 40);
    assert!(s.heatmap.unwrap().values.iter().all(|v| (0.0..=1.0).contains(v)));
    let m = s.manifold.unwrap();
    assert_eq!((m.side, m.rows, m.points.len()), (21, 21, 21), "1-D noise gives a curve");
    assert_eq!(s.gradients.unwrap().len(), 150);
    let metrics = s.metrics.unwrap();
    assert_eq!(metrics.modes_total, Some(8));
    assert!((0.0..=1.0).contains(&metrics.js));
}
