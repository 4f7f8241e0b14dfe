//! Every dataset's samples have the shape and statistics it claims.

use ganplay::data::{Dataset, DatasetKind};
use ganplay::{Rng, metrics};
use rand::SeedableRng;

const N: usize = 20_000;

fn sample(kind: DatasetKind) -> Vec<[f32; 2]> {
    let drawn = [[0.2, 0.2], [0.8, 0.8]];
    let flat = Dataset::new(kind, &drawn).sample(&mut Rng::seed_from_u64(7), N);
    assert_eq!(flat.len(), 2 * N, "{kind:?} gives n points of 2 coordinates");
    flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect()
}

fn mean(points: &[[f32; 2]]) -> [f32; 2] {
    let s = points.iter().fold([0.0f64; 2], |a, p| [a[0] + p[0] as f64, a[1] + p[1] as f64]);
    [(s[0] / points.len() as f64) as f32, (s[1] / points.len() as f64) as f32]
}

fn near(a: f32, b: f32, tol: f32) -> bool {
    (a - b).abs() < tol
}

#[test]
fn every_dataset_stays_in_the_plane_and_is_finite() {
    for kind in DatasetKind::ALL {
        let pts = sample(kind);
        let inside = pts.iter().filter(|p| p.iter().all(|v| v.is_finite() && (-0.05..=1.05).contains(v))).count();
        // GAN Lab's second Gaussian (σy = 0.2 at y = 0.4) spills a little over the edge by design.
        assert!(inside as f32 > 0.99 * N as f32, "{kind:?}: only {inside} of {N} points in the unit square");
    }
}

#[test]
fn the_ring_is_ganlabs_ellipse() {
    let pts = sample(DatasetKind::Ring);
    let m = mean(&pts);
    assert!(near(m[0], 0.5, 0.01) && near(m[1], 0.45, 0.01), "centre {m:?}");
    // Normalised radius ((x-0.5)/0.3)² + ((y-0.45)/0.25)² is 1 on average (thickness σ 0.025).
    let r: f32 = pts.iter().map(|p| (((p[0] - 0.5) / 0.3).powi(2) + ((p[1] - 0.45) / 0.25).powi(2)).sqrt()).sum::<f32>() / N as f32;
    assert!(near(r, 1.0, 0.02), "mean normalised radius {r}");
}

#[test]
fn the_line_runs_from_ganlabs_end_points() {
    let pts = sample(DatasetKind::Line);
    let m = mean(&pts);
    assert!(near(m[0], 0.8 - 0.375, 0.01) && near(m[1], 0.75, 0.01), "mean {m:?}");
    // Points sit on the line through (0.8, 0.6) with direction (-0.75, 0.3), σ 0.01 off it.
    let off: f32 = pts.iter().map(|p| ((p[0] - 0.8) * 0.3 + (p[1] - 0.6) * 0.75).abs() / (0.3f32.hypot(0.75))).sum::<f32>() / N as f32;
    assert!(off < 0.015, "mean distance from the line {off}");
}

#[test]
fn mixtures_put_their_share_of_samples_at_each_mode() {
    for kind in [DatasetKind::TwoGaussians, DatasetKind::ThreeBlobs, DatasetKind::EightGaussians, DatasetKind::Grid25] {
        let data = Dataset::new(kind, &[]);
        let modes = data.modes().expect("a mixture has modes");
        let expected = match kind {
            DatasetKind::TwoGaussians => 2,
            DatasetKind::ThreeBlobs => 3,
            DatasetKind::EightGaussians => 8,
            _ => 25,
        };
        assert_eq!(modes.len(), expected, "{kind:?}");
        let flat: Vec<f32> = sample(kind).concat();
        let (covered, high_quality) = metrics::mode_coverage(modes, &flat);
        assert_eq!(covered, expected, "{kind:?}: real data covers every mode");
        // 3σ holds 98.9 % of a 2-D Gaussian.
        assert!(high_quality > 0.98, "{kind:?}: {high_quality}");
        let mut counts = vec![0usize; modes.len()];
        for p in flat.chunks_exact(2) {
            let i = (0..modes.len()).min_by(|&a, &b| modes[a].sigmas([p[0], p[1]]).total_cmp(&modes[b].sigmas([p[0], p[1]]))).unwrap();
            counts[i] += 1;
        }
        for (i, &c) in counts.iter().enumerate() {
            let share = c as f32 / N as f32;
            assert!(near(share, modes[i].weight, 0.02), "{kind:?} mode {i}: share {share}");
        }
    }
}

#[test]
fn two_moons_has_two_halves_and_the_spiral_winds_outwards() {
    let moons = sample(DatasetKind::TwoMoons);
    let upper = moons.iter().filter(|p| p[1] > 0.5).count() as f32 / N as f32;
    assert!(near(upper, 0.5, 0.06), "share of the upper moon {upper}");
    let spiral = sample(DatasetKind::Spiral);
    let r = |p: &[f32; 2]| (p[0] - 0.5).hypot(p[1] - 0.5);
    assert!(spiral.iter().all(|p| r(p) < 0.45), "the spiral stays within radius 0.4 plus jitter");
    let m = spiral.iter().map(r).sum::<f32>() / N as f32;
    assert!(near(m, 0.225, 0.02), "mean radius {m}");
}

#[test]
fn drawn_points_are_sampled_with_small_jitter() {
    let pts = sample(DatasetKind::Drawn);
    let d = |p: &[f32; 2], q: [f32; 2]| (p[0] - q[0]).hypot(p[1] - q[1]);
    let near_a = pts.iter().filter(|p| d(p, [0.2, 0.2]) < 0.1).count() as f32 / N as f32;
    let near_b = pts.iter().filter(|p| d(p, [0.8, 0.8]) < 0.1).count() as f32 / N as f32;
    assert!(near(near_a, 0.5, 0.03) && near(near_b, 0.5, 0.03), "{near_a} {near_b}");
    let spread = pts.iter().map(|p| d(p, [0.2, 0.2]).min(d(p, [0.8, 0.8])).powi(2)).sum::<f32>() / N as f32;
    // E[r²] = 2σ² for σ = 0.02.
    assert!(near(spread, 2.0 * 0.02 * 0.02, 2e-4), "{spread}");
}
