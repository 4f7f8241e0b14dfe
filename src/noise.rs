//! The generator's input: random noise z, and the regular grid of z that maps to G's manifold.

use rand::RngExt;
use rand_distr::StandardNormal;

use crate::Rng;
use crate::config::NoiseKind;

/// `n` noise vectors of `dim` values each, flattened row by row.
pub fn sample(kind: NoiseKind, dim: usize, rng: &mut Rng, n: usize) -> Vec<f32> {
    (0..n * dim)
        .map(|_| match kind {
            NoiseKind::Uniform => rng.random_range(-1.0f32..=1.0),
            NoiseKind::Gaussian => rng.sample(StandardNormal),
        })
        .collect()
}

/// Half-width of the noise square the manifold grid spans: all of uniform noise, ±2σ of
/// Gaussian noise.
pub fn extent(kind: NoiseKind) -> f32 {
    match kind {
        NoiseKind::Uniform => 1.0,
        NoiseKind::Gaussian => 2.0,
    }
}

/// A regular grid over the first two noise dimensions (the first one only when `dim` is 1),
/// `cells + 1` points a side, row-major with the first dimension varying fastest. Further
/// dimensions are held at 0. Returns the flattened vectors and the number of rows.
pub fn grid(kind: NoiseKind, dim: usize, cells: usize) -> (Vec<f32>, usize) {
    let side = cells + 1;
    let e = extent(kind);
    let coord = |i: usize| -e + 2.0 * e * i as f32 / cells.max(1) as f32;
    let rows = if dim == 1 { side } else { side * side };
    let mut out = vec![0.0; rows * dim];
    for r in 0..rows {
        out[r * dim] = coord(r % side);
        if dim > 1 {
            out[r * dim + 1] = coord(r / side);
        }
    }
    (out, rows)
}
