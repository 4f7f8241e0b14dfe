//! How close the generated distribution is to the real one.
//!
//! KL and JS divergence are estimated on a grid over the unit square (GAN Lab's method:
//! histograms smoothed by ε, in bits); for the Gaussian-mixture datasets, the mode-collapse
//! measures of the GAN literature: how many modes the samples cover and what share of samples
//! is "high quality", within 3σ of some mode.

use serde::Serialize;

use crate::data::Mode;
use crate::theory;

/// Cells per side of the divergence grid.
pub const GRID_CELLS: usize = 30;
/// Added to every histogram cell before normalising, so no cell has zero probability.
pub const EPSILON: f64 = 1e-4;
/// A sample within this many standard deviations of a mode's mean is "high quality".
pub const HIGH_QUALITY_SIGMAS: f32 = 3.0;
/// A mode counts as covered when it holds at least this share of its fair share of samples
/// (n / modes), and at least one sample.
pub const COVERED_SHARE: f32 = 0.1;

/// One evaluation of the generator against the real distribution.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// KL(P_real ‖ P_generated) in bits, on the grid.
    pub kl: f64,
    /// Jensen-Shannon divergence in bits, on the grid: 0 for equal distributions, at most 1.
    pub js: f64,
    /// Modes with enough samples, for the mixture datasets.
    pub modes_covered: Option<usize>,
    /// How many modes the dataset has.
    pub modes_total: Option<usize>,
    /// Share of samples within 3σ of some mode, for the mixture datasets.
    pub high_quality: Option<f64>,
    /// The best discriminator against the current generator, D*(x) = p_data / (p_data + p_g),
    /// from the same two histograms, one value per grid cell (row-major, y up).
    pub optimal_discriminator: Vec<f32>,
}

impl Metrics {
    /// `real` and `fake` are flattened points `[x0, y0, x1, y1, ...]`.
    pub fn compute(real: &[f32], fake: &[f32], modes: Option<&[Mode]>) -> Self {
        let p = histogram(real);
        let q = histogram(fake);
        let kl = theory::kl_divergence(&p, &q, theory::Unit::Bits);
        let js = theory::js_divergence(&p, &q, theory::Unit::Bits);
        let (modes_covered, high_quality) = match modes {
            Some(modes) => {
                let (covered, hq) = mode_coverage(modes, fake);
                (Some(covered), Some(hq))
            }
            None => (None, None),
        };
        let optimal_discriminator = p.iter().zip(&q).map(|(&p, &q)| theory::optimal_discriminator(p, q) as f32).collect();
        Self { kl, js, modes_covered, modes_total: modes.map(<[Mode]>::len), high_quality, optimal_discriminator }
    }

    /// D*(x) at a point of the plane (the value of its grid cell).
    pub fn optimal_discriminator_at(&self, point: [f32; 2]) -> f32 {
        self.optimal_discriminator.get(cell(point[1]) * GRID_CELLS + cell(point[0])).copied().unwrap_or(0.5)
    }
}

/// The grid cell a coordinate falls in; outside the unit square, the nearest edge cell.
fn cell(v: f32) -> usize {
    if v.is_nan() { 0 } else { ((v * GRID_CELLS as f32).floor().max(0.0) as usize).min(GRID_CELLS - 1) }
}

/// A smoothed, normalised 2-D histogram over the unit square; points outside count in the
/// nearest edge cell.
pub fn histogram(points: &[f32]) -> Vec<f64> {
    let n = GRID_CELLS;
    let mut h = vec![EPSILON; n * n];
    for p in points.chunks_exact(2) {
        h[cell(p[1]) * n + cell(p[0])] += 1.0;
    }
    let total: f64 = h.iter().sum();
    h.iter_mut().for_each(|v| *v /= total);
    h
}

/// (modes covered, share of high-quality samples).
pub fn mode_coverage(modes: &[Mode], points: &[f32]) -> (usize, f64) {
    let mut counts = vec![0usize; modes.len()];
    let mut high_quality = 0usize;
    let samples = points.len() / 2;
    for p in points.chunks_exact(2) {
        let p = [p[0], p[1]];
        let nearest = modes
            .iter()
            .enumerate()
            .map(|(i, m)| (i, m.sigmas(p)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((i, sigmas)) = nearest
            && sigmas <= HIGH_QUALITY_SIGMAS
        {
            counts[i] += 1;
            high_quality += 1;
        }
    }
    let needed = ((COVERED_SHARE * samples as f32 / modes.len() as f32).ceil() as usize).max(1);
    let covered = counts.iter().filter(|&&c| c >= needed).count();
    (covered, if samples == 0 { 0.0 } else { high_quality as f64 / samples as f64 })
}
