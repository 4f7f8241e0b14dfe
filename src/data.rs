//! The 2-D distributions a generator learns to imitate.
//!
//! Every dataset lives in the unit square, the data plane the page draws. GAN Lab's four keep
//! GAN Lab's shapes and scales; the 8-Gaussian ring and the 5x5 grid are the mode-collapse
//! benchmarks of the GAN literature, scaled into the square.

use rand::RngExt;
use rand_distr::StandardNormal;
use serde::{Deserialize, Serialize};
use std::f32::consts::PI;

use crate::Rng;

/// Which distribution the real samples come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DatasetKind {
    /// GAN Lab's line: a thin segment.
    Line,
    /// GAN Lab's "Gaussian mixture": two Gaussians of different shapes.
    TwoGaussians,
    /// GAN Lab's ring: an ellipse with Gaussian thickness.
    Ring,
    /// GAN Lab's "disjoint": three tight blobs.
    ThreeBlobs,
    /// Eight Gaussians on a circle.
    EightGaussians,
    /// A 5x5 grid of Gaussians.
    Grid25,
    /// Two interleaving half circles.
    TwoMoons,
    /// One arm of a spiral.
    Spiral,
    /// Points a user drew, each sampled with small Gaussian jitter.
    Drawn,
}

impl DatasetKind {
    /// Every dataset, in the order a menu shows them.
    pub const ALL: [DatasetKind; 9] = [
        DatasetKind::Line,
        DatasetKind::TwoGaussians,
        DatasetKind::Ring,
        DatasetKind::ThreeBlobs,
        DatasetKind::EightGaussians,
        DatasetKind::Grid25,
        DatasetKind::TwoMoons,
        DatasetKind::Spiral,
        DatasetKind::Drawn,
    ];

    /// A short name for menus.
    pub fn label(self) -> &'static str {
        match self {
            DatasetKind::Line => "Line",
            DatasetKind::TwoGaussians => "Two Gaussians",
            DatasetKind::Ring => "Ring",
            DatasetKind::ThreeBlobs => "Three blobs",
            DatasetKind::EightGaussians => "8 Gaussians",
            DatasetKind::Grid25 => "5x5 grid",
            DatasetKind::TwoMoons => "Two moons",
            DatasetKind::Spiral => "Spiral",
            DatasetKind::Drawn => "Your drawing",
        }
    }
}

/// Standard deviation of the jitter around each drawn point (GAN Lab's).
pub const DRAWN_JITTER: f32 = 0.02;

/// One Gaussian component of a mixture, with axis-aligned spread.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mode {
    pub mean: [f32; 2],
    pub std: [f32; 2],
    /// Probability of drawing from this component.
    pub weight: f32,
}

impl Mode {
    fn round(mean: [f32; 2], std: f32, weight: f32) -> Self {
        Self { mean, std: [std, std], weight }
    }

    /// Distance from the mean in standard deviations (per axis, then Euclidean).
    pub fn sigmas(&self, p: [f32; 2]) -> f32 {
        let dx = (p[0] - self.mean[0]) / self.std[0];
        let dy = (p[1] - self.mean[1]) / self.std[1];
        (dx * dx + dy * dy).sqrt()
    }
}

/// A dataset ready to sample from.
#[derive(Clone, Debug)]
pub struct Dataset {
    kind: DatasetKind,
    drawn: Vec<[f32; 2]>,
    modes: Option<Vec<Mode>>,
}

impl Dataset {
    /// `drawn` is used by [`DatasetKind::Drawn`] only and must then be non-empty
    /// (`Config::validate` sees to it).
    pub fn new(kind: DatasetKind, drawn: &[[f32; 2]]) -> Self {
        let modes = match kind {
            DatasetKind::TwoGaussians => Some(vec![
                Mode { mean: [0.3, 0.7], std: [0.1, 0.1], weight: 0.5 },
                Mode { mean: [0.7, 0.4], std: [0.05, 0.2], weight: 0.5 },
            ]),
            DatasetKind::ThreeBlobs => Some(
                [[0.35, 0.75], [0.75, 0.6], [0.45, 0.35]]
                    .into_iter()
                    .map(|m| Mode::round(m, 0.025, 1.0 / 3.0))
                    .collect(),
            ),
            DatasetKind::EightGaussians => Some(
                (0..8)
                    .map(|k| {
                        let a = 2.0 * PI * k as f32 / 8.0;
                        Mode::round([0.5 + 0.35 * a.cos(), 0.5 + 0.35 * a.sin()], 0.02, 1.0 / 8.0)
                    })
                    .collect(),
            ),
            DatasetKind::Grid25 => Some(
                (0..25)
                    .map(|k| Mode::round([0.1 + 0.2 * (k % 5) as f32, 0.1 + 0.2 * (k / 5) as f32], 0.02, 1.0 / 25.0))
                    .collect(),
            ),
            _ => None,
        };
        let drawn = if kind == DatasetKind::Drawn { drawn.to_vec() } else { Vec::new() };
        Self { kind, drawn, modes }
    }

    pub fn kind(&self) -> DatasetKind {
        self.kind
    }

    /// The mixture's components, for the datasets that are Gaussian mixtures.
    pub fn modes(&self) -> Option<&[Mode]> {
        self.modes.as_deref()
    }

    /// `n` samples, flattened as `[x0, y0, x1, y1, ...]`.
    pub fn sample(&self, rng: &mut Rng, n: usize) -> Vec<f32> {
        let mut out = Vec::with_capacity(2 * n);
        for _ in 0..n {
            let p = self.sample_one(rng);
            out.extend_from_slice(&p);
        }
        out
    }

    fn sample_one(&self, rng: &mut Rng) -> [f32; 2] {
        match self.kind {
            DatasetKind::Line => {
                let u: f32 = rng.random();
                [0.8 - 0.75 * u + 0.01 * normal(rng), 0.6 + 0.3 * u + 0.01 * normal(rng)]
            }
            DatasetKind::Ring => {
                let a = 2.0 * PI * rng.random::<f32>();
                [0.5 + 0.3 * a.cos() + 0.025 * normal(rng), 0.45 + 0.25 * a.sin() + 0.025 * normal(rng)]
            }
            DatasetKind::TwoMoons => {
                // scikit-learn's moons (x in [-1, 2], y in [-0.5, 1]) scaled into the square.
                let t = PI * rng.random::<f32>();
                let (x, y) = if rng.random::<bool>() { (t.cos(), t.sin()) } else { (1.0 - t.cos(), 0.5 - t.sin()) };
                let s = 0.8 / 3.0;
                [0.1 + (x + 1.0) * s + 0.02 * normal(rng), 0.5 + (y - 0.25) * s + 0.02 * normal(rng)]
            }
            DatasetKind::Spiral => {
                let t: f32 = rng.random();
                let a = 3.0 * PI * t;
                let r = 0.05 + 0.35 * t;
                [0.5 + r * a.cos() + 0.01 * normal(rng), 0.5 + r * a.sin() + 0.01 * normal(rng)]
            }
            DatasetKind::Drawn => {
                let p = self.drawn[rng.random_range(0..self.drawn.len())];
                [p[0] + DRAWN_JITTER * normal(rng), p[1] + DRAWN_JITTER * normal(rng)]
            }
            DatasetKind::TwoGaussians | DatasetKind::ThreeBlobs | DatasetKind::EightGaussians | DatasetKind::Grid25 => {
                let modes = self.modes.as_deref().expect("mixtures have modes");
                let mut u: f32 = rng.random();
                let mode = modes
                    .iter()
                    .find(|m| {
                        u -= m.weight;
                        u < 0.0
                    })
                    .unwrap_or(&modes[modes.len() - 1]);
                [mode.mean[0] + mode.std[0] * normal(rng), mode.mean[1] + mode.std[1] * normal(rng)]
            }
        }
    }
}

fn normal(rng: &mut Rng) -> f32 {
    rng.sample(StandardNormal)
}
