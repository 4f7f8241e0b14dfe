//! What a step hands back to draw and explain, read from the device in one asynchronous batch.
//!
//! [`Trainer::snapshot`](crate::Trainer::snapshot) queues the work (D on a grid, G on a grid of
//! noise, ∂D/∂x at the fakes, G on the evaluation noise) and registers every tensor in one
//! [`Transaction`]; [`PendingSnapshot::read`] awaits it. Nothing here reads synchronously, so it
//! is safe on WebGPU.

use burn::tensor::{Device, Tensor, TensorData, Transaction};
use serde::Serialize;

use crate::config::{LossKind, NoiseConfig};
use crate::data::Mode;
use crate::metrics::Metrics;
use crate::model::Mlp;
use crate::train::{LastStep, SettleToken, TrainError};
use crate::{noise, theory};

/// What to read besides the losses and the latest batch.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnapshotRequest {
    /// D on the centres of an n×n grid of cells over the unit square (the decision heatmap).
    pub heatmap_cells: Option<usize>,
    /// G on a grid of noise with n cells a side (the manifold).
    pub manifold_cells: Option<usize>,
    /// ∂D/∂x at the fake points (the gradient arrows).
    pub gradients: bool,
    /// KL / JS divergence and mode coverage on the evaluation set.
    pub metrics: bool,
}

impl SnapshotRequest {
    /// Everything, at the page's resolutions.
    pub fn full() -> Self {
        Self { heatmap_cells: Some(40), manifold_cells: Some(20), gradients: true, metrics: true }
    }
    /// Only the losses and the latest batch.
    pub fn losses() -> Self {
        Self::default()
    }
}

/// G evaluated on a noise grid: `points[r]` is G(z) for the r-th grid node, nodes row-major
/// with `side` per row (`rows == side` when the noise is 1-D: a curve, not a sheet).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Manifold {
    pub side: usize,
    pub rows: usize,
    pub points: Vec<[f32; 2]>,
}

/// D on a grid: `values[j * cells + i]` is D at the centre of cell (i, j), i along x.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Heatmap {
    pub cells: usize,
    pub values: Vec<f32>,
}

/// One step's numbers, on the host.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Snapshot {
    pub iteration: u64,
    pub loss: LossKind,
    /// The latest discriminator loss (with the gradient penalty for WGAN-GP), if D has been
    /// updated.
    pub d_loss: Option<f32>,
    /// The latest generator loss, if G has been updated.
    pub g_loss: Option<f32>,
    /// The real batch of the latest D update.
    pub real: Vec<[f32; 2]>,
    /// The fake batch of the latest D update.
    pub fake: Vec<[f32; 2]>,
    /// D's raw outputs (logits; critic values for WGAN-GP) on `real`.
    pub real_logits: Vec<f32>,
    /// D's raw outputs on `fake`.
    pub fake_logits: Vec<f32>,
    /// D's raw outputs on the fakes of the latest generator update (its own batch): what the
    /// generator's loss was computed from. Empty until G has been updated.
    pub g_fake_logits: Vec<f32>,
    /// For WGAN-GP: ∇D(x̂) at the mixed points x̂ = αx + (1-α)x̃ of the latest D update, from
    /// which the gradient penalty was computed.
    pub penalty_gradients: Option<Vec<[f32; 2]>>,
    /// λ of the gradient penalty the run uses.
    pub gp_lambda: f64,
    pub heatmap: Option<Heatmap>,
    pub manifold: Option<Manifold>,
    /// ∂D/∂x at each fake point, D as [`Snapshot::d_value`] shows it.
    pub gradients: Option<Vec<[f32; 2]>>,
    pub metrics: Option<Metrics>,
    /// G on the fixed evaluation noise (1000 points), read with the metrics.
    pub generated: Option<Vec<[f32; 2]>>,
    /// A loss or weight was NaN or infinite since the last snapshot.
    pub non_finite: bool,
}

impl Snapshot {
    /// D as the page shows it for a raw output: the probability σ(l) for the cross-entropy
    /// losses, the output itself for least squares and the Wasserstein critic.
    pub fn d_value(&self, raw: f32) -> f32 {
        d_value(self.loss, raw)
    }
}

fn d_value(loss: LossKind, raw: f32) -> f32 {
    match loss {
        LossKind::Minimax | LossKind::NonSaturating => theory::sigmoid(raw as f64) as f32,
        LossKind::LeastSquares | LossKind::WassersteinGp => raw,
    }
}

/// Index of each part in the transaction.
#[derive(Default)]
struct Slots {
    d_loss: Option<usize>,
    g_loss: Option<usize>,
    batch: Option<usize>,
    g_fake_logits: Option<usize>,
    penalty_gradients: Option<usize>,
    heatmap: Option<usize>,
    manifold: Option<(usize, usize, usize)>,
    gradients: Option<usize>,
    eval: Option<usize>,
}

/// A snapshot whose numbers are on their way from the device.
pub struct PendingSnapshot {
    transaction: Transaction,
    slots: Slots,
    iteration: u64,
    loss: LossKind,
    gp_lambda: f64,
    real: Vec<f32>,
    heatmap_cells: usize,
    eval_real: Vec<f32>,
    modes: Option<Vec<Mode>>,
    token: SettleToken,
}

impl PendingSnapshot {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        request: SnapshotRequest,
        iteration: u64,
        (loss, gp_lambda): (LossKind, f64),
        last: Option<LastStep>,
        generator: &Mlp,
        discriminator: &Mlp,
        eval_real: &[f32],
        eval_noise: &[f32],
        noise_config: NoiseConfig,
        modes: Option<Vec<Mode>>,
        non_finite: Tensor<1>,
        token: SettleToken,
    ) -> Self {
        let device = non_finite.device();
        let mut t = Transaction::default().register(non_finite);
        let mut next = 1;
        let mut slot = || {
            next += 1;
            Some(next - 1)
        };
        let mut slots = Slots::default();
        let mut real = Vec::new();
        if let Some(last) = last {
            if let Some(d) = last.d_loss {
                t = t.register(d);
                slots.d_loss = slot();
            }
            if let Some(g) = last.g_loss {
                t = t.register(g);
                slots.g_loss = slot();
            }
            // real logits, fake logits and fake points, side by side: [n, 4].
            let batch = Tensor::cat(vec![last.real_logits, last.fake_logits, last.fakes.clone()], 1);
            t = t.register(batch);
            slots.batch = slot();
            if let Some(logits) = last.g_fake_logits {
                t = t.register(logits);
                slots.g_fake_logits = slot();
            }
            if let Some(grad) = last.penalty_gradients {
                t = t.register(grad);
                slots.penalty_gradients = slot();
            }
            if request.gradients {
                let (out, grad) = discriminator.output_and_input_gradient(last.fakes);
                t = t.register(Tensor::cat(vec![out, grad], 1));
                slots.gradients = slot();
            }
            real = last.real;
        }
        if let Some(cells) = request.heatmap_cells {
            let grid = heatmap_grid(cells, &device);
            t = t.register(discriminator.forward(grid));
            slots.heatmap = slot();
        }
        if let Some(cells) = request.manifold_cells {
            let (z, rows) = noise::grid(noise_config.kind, noise_config.dim, cells);
            let z = Tensor::from_data(TensorData::new(z, [rows, noise_config.dim]), &device);
            t = t.register(generator.forward(z));
            slots.manifold = Some((slot().expect("a slot"), cells + 1, rows));
        }
        if request.metrics {
            let n = eval_noise.len() / noise_config.dim;
            let z = Tensor::from_data(TensorData::new(eval_noise.to_vec(), [n, noise_config.dim]), &device);
            t = t.register(generator.forward(z));
            slots.eval = slot();
        }
        Self {
            transaction: t,
            slots,
            iteration,
            loss,
            gp_lambda,
            real,
            heatmap_cells: request.heatmap_cells.unwrap_or(0),
            eval_real: if request.metrics { eval_real.to_vec() } else { Vec::new() },
            modes,
            token,
        }
    }

    /// Awaits the device and assembles the snapshot. Hand both results to
    /// [`Trainer::settle`](crate::Trainer::settle).
    pub async fn read(self) -> Result<(Snapshot, SettleToken), TrainError> {
        let data = self.transaction.execute_async().await.map_err(|e| TrainError::Device(format!("{e:?}")))?;
        let floats = |i: usize| floats(&data[i]);
        let scalar = |slot: Option<usize>| -> Result<Option<f32>, TrainError> {
            slot.map(|i| floats(i).map(|v| v[0])).transpose()
        };
        let non_finite = floats(0)?[0] > 0.0;
        let (mut real_logits, mut fake_logits, mut fake) = (Vec::new(), Vec::new(), Vec::new());
        if let Some(i) = self.slots.batch {
            for row in floats(i)?.chunks_exact(4) {
                real_logits.push(row[0]);
                fake_logits.push(row[1]);
                fake.push([row[2], row[3]]);
            }
        }
        let gradients = match self.slots.gradients {
            Some(i) => Some(
                floats(i)?
                    .chunks_exact(3)
                    .map(|row| {
                        // ∂σ(l)/∂x = σ(l)(1 - σ(l)) ∂l/∂x for the probability losses.
                        let scale = match self.loss {
                            LossKind::Minimax | LossKind::NonSaturating => {
                                let s = theory::sigmoid(row[0] as f64) as f32;
                                s * (1.0 - s)
                            }
                            _ => 1.0,
                        };
                        [row[1] * scale, row[2] * scale]
                    })
                    .collect(),
            ),
            None => None,
        };
        let g_fake_logits = self.slots.g_fake_logits.map(floats).transpose()?.unwrap_or_default();
        let penalty_gradients = self.slots.penalty_gradients.map(|i| floats(i).map(|v| pairs(&v))).transpose()?;
        let heatmap = match self.slots.heatmap {
            Some(i) => Some(Heatmap {
                cells: self.heatmap_cells,
                values: floats(i)?.into_iter().map(|v| d_value(self.loss, v)).collect(),
            }),
            None => None,
        };
        let manifold = match self.slots.manifold {
            Some((i, side, rows)) => Some(Manifold { side, rows, points: pairs(&floats(i)?) }),
            None => None,
        };
        let (metrics, generated) = match self.slots.eval {
            Some(i) => {
                let points = floats(i)?;
                (Some(Metrics::compute(&self.eval_real, &points, self.modes.as_deref())), Some(pairs(&points)))
            }
            None => (None, None),
        };
        let snapshot = Snapshot {
            iteration: self.iteration,
            loss: self.loss,
            d_loss: scalar(self.slots.d_loss)?,
            g_loss: scalar(self.slots.g_loss)?,
            real: pairs(&self.real),
            fake,
            real_logits,
            fake_logits,
            g_fake_logits,
            penalty_gradients,
            gp_lambda: self.gp_lambda,
            heatmap,
            manifold,
            gradients,
            metrics,
            generated,
            non_finite,
        };
        Ok((snapshot, self.token))
    }
}

/// A read tensor's values as `f32`s.
pub(crate) fn floats(data: &TensorData) -> Result<Vec<f32>, TrainError> {
    data.as_slice::<f32>().map(<[f32]>::to_vec).map_err(|e| TrainError::Device(format!("{e:?}")))
}

fn pairs(flat: &[f32]) -> Vec<[f32; 2]> {
    flat.chunks_exact(2).map(|p| [p[0], p[1]]).collect()
}

fn heatmap_grid(cells: usize, device: &Device) -> Tensor<2> {
    let mut xy = Vec::with_capacity(cells * cells * 2);
    for j in 0..cells {
        for i in 0..cells {
            xy.push((i as f32 + 0.5) / cells as f32);
            xy.push((j as f32 + 0.5) / cells as f32);
        }
    }
    Tensor::from_data(TensorData::new(xy, [cells * cells, 2]), device)
}
