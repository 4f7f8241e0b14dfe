//! The numbers the theory cards show for a step are the losses the optimiser used on that step,
//! for every loss.

use ganplay::config::LossKind;
use ganplay::explain::{self, Label};
use ganplay::theory::Unit;
use ganplay::{Config, Snapshot, SnapshotRequest, Trainer, device};

const LOSSES: [LossKind; 4] = [LossKind::Minimax, LossKind::NonSaturating, LossKind::LeastSquares, LossKind::WassersteinGp];

fn trained(loss: LossKind, iterations: usize) -> Snapshot {
    let mut config = Config { loss, ..Config::default() };
    if loss == LossKind::WassersteinGp {
        config.discriminator.optimizer.lr = 0.005;
        config.generator.optimizer.lr = 0.005;
    }
    let mut t = Trainer::new(config, &device::cpu()).unwrap();
    t.train(iterations);
    t.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap()
}

/// Equal to 1e-5, relative above 1 (the optimiser computes in f32 on the device).
fn close(shown: f64, used: f32, what: &str) {
    let used = used as f64;
    assert!((shown - used).abs() < 1e-5 * used.abs().max(1.0), "{what}: the card shows {shown}, the optimiser used {used}");
}

#[test]
fn the_cards_show_the_losses_the_optimiser_used_for_every_loss() {
    for loss in LOSSES {
        for iterations in [1, 40] {
            let s = trained(loss, iterations);
            close(explain::discriminator_loss(&s).unwrap(), s.d_loss.unwrap(), &format!("{loss:?} D loss at {iterations}"));
            close(explain::generator_loss(&s).unwrap(), s.g_loss.unwrap(), &format!("{loss:?} G loss at {iterations}"));
        }
    }
}

#[test]
fn the_loss_table_adds_up_to_the_d_loss() {
    // D's loss is the mean of the real samples' terms plus the mean of the fakes' (plus the
    // penalty for WGAN-GP): the table's rows, summed per half, give the number above it.
    for loss in LOSSES {
        let s = trained(loss, 10);
        let n = s.real.len();
        let all = explain::terms(&s, n);
        assert_eq!(all.len(), 2 * n);
        let half = |label| all.iter().filter(|t| t.label == label).map(|t| t.term).sum::<f64>() / n as f64;
        let penalty = explain::gradient_penalty(&s).unwrap_or(0.0);
        assert_eq!(penalty > 0.0, loss == LossKind::WassersteinGp);
        close(half(Label::Real) + half(Label::Fake) + penalty, s.d_loss.unwrap(), &format!("{loss:?} table"));
    }
}

#[test]
fn a_samples_surprise_is_its_cross_entropy_term() {
    let s = trained(LossKind::Minimax, 20);
    for t in explain::terms(&s, 5) {
        let nats = explain::surprise(&t, Unit::Nats);
        assert!((nats - t.term).abs() < 1e-9, "{t:?}");
        assert!((explain::surprise(&t, Unit::Bits) - nats * std::f64::consts::LOG2_E).abs() < 1e-9);
    }
}

#[test]
fn the_game_value_and_the_optimum_follow_the_notes() {
    let s = trained(LossKind::Minimax, 200);
    // V(D, G) = -(D's BCE loss).
    close(-explain::game_value(&s).unwrap(), s.d_loss.unwrap(), "V");
    let o = explain::optimum(&s).unwrap();
    // JSD between 0 and log 2 nats; D*'s loss = 2 log 2 - 2 JSD and V* = -log 4 + 2 JSD.
    assert!((0.0..=std::f64::consts::LN_2).contains(&o.js_nats));
    assert!((o.d_loss + o.value).abs() < 1e-12);
    // D* is a probability everywhere, and ½ where neither distribution puts mass.
    let m = s.metrics.as_ref().unwrap();
    assert!(m.optimal_discriminator.iter().all(|d| (0.0..=1.0).contains(d)));
    // The push the two generator losses give: they add up to 1 per sample.
    let p = explain::generator_push(&s).unwrap();
    assert!((p.minimax + p.non_saturating - 1.0).abs() < 1e-12);
    // D's answers are coins: their entropy lies between 0 and 1 bit.
    let h = explain::prediction_entropy(&s, Unit::Bits).unwrap();
    assert!((0.0..=1.0).contains(&h));
    // Not defined for the losses whose D is not a probability.
    assert!(explain::game_value(&trained(LossKind::LeastSquares, 5)).is_none());
}

#[test]
fn slow_motion_shows_one_iteration_stage_by_stage() {
    use ganplay::stages::{SlowIteration, Stage};
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    let mut same = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(30);
    same.train(31);
    let before = t.snapshot_blocking(SnapshotRequest::full()).unwrap();
    let (a, b) = t.step_in_halves(SnapshotRequest::full());
    let read = |p: ganplay::PendingSnapshot| futures_lite::future::block_on(p.read()).unwrap();
    let ((after_d, token_d), (after_g, token_g)) = (read(a), read(b));
    t.settle(&after_d, token_d).unwrap();
    t.settle(&after_g, token_g).unwrap();
    // The halves make exactly one ordinary iteration.
    let end = same.snapshot_blocking(SnapshotRequest::losses()).unwrap();
    assert_eq!((after_g.iteration, after_g.d_loss, after_g.g_loss), (31, end.d_loss, end.g_loss));
    assert_eq!(after_d.iteration, 30, "half-way, the iteration is not done");
    let slow = SlowIteration { before: before.clone(), after_d: after_d.clone(), after_g: after_g.clone() };
    let mut stage = Stage::ALL[0];
    let mut seen = vec![stage];
    while let Some(next) = stage.next() {
        assert_eq!(next.previous(), Some(stage));
        stage = next;
        seen.push(stage);
    }
    assert_eq!(seen, Stage::ALL);
    // Noise first: no points yet, the manifold of G before the iteration.
    let v = slow.view(Stage::SampleNoise);
    assert!(v.fake.is_empty() && v.real.is_empty());
    assert_eq!(v.manifold, before.manifold);
    // D scores with the D from before its update, then the heatmap moves.
    assert_eq!(slow.view(Stage::Score).heatmap, before.heatmap);
    assert_eq!(slow.view(Stage::Score).fake_logits, after_d.fake_logits);
    assert_eq!(slow.view(Stage::DiscriminatorUpdate).heatmap, after_d.heatmap);
    assert_ne!(after_d.heatmap, before.heatmap);
    // G's loss shows the arrows; its update shows the new G.
    assert!(slow.view(Stage::GeneratorLoss).gradients.is_some());
    let last = slow.view(Stage::GeneratorUpdate);
    assert_eq!(last.manifold, after_g.manifold);
    assert_ne!(after_g.manifold, after_d.manifold);
    assert_eq!(last.fake.len(), after_d.fake.len());
    for s in Stage::ALL {
        assert!(!s.narration().is_empty() && s.card().starts_with("card-"));
    }
}
