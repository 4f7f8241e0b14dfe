//! Training speed: how many iterations a second a run trains on its device, with the losses
//! read back every `readback_every` iterations. The same measurement serves the benchmark
//! (`bench/`, against TF.js), the page's choice of backend at start, and the CLI.
//!
//! The clock is the caller's (`Instant` natively, `performance.now()` in a browser), so this
//! file knows nothing of where it runs.

use serde::Serialize;

use crate::snapshot::SnapshotRequest;
use crate::train::{TrainError, Trainer};

/// The readback cadence the benchmark uses on every framework.
pub const READBACK_EVERY: usize = 50;

/// What a measurement found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speed {
    /// Iterations timed (after the warm-up).
    pub iterations: u64,
    /// Seconds they took, readbacks included.
    pub seconds: f64,
    pub iterations_per_second: f64,
    /// Single-network updates a second (an iteration is kD + kG of them).
    pub updates_per_second: f64,
    /// Seconds of the untimed warm-up: one iteration and one readback, where WebGPU compiles
    /// its shaders.
    pub warm_up_seconds: f64,
    /// The losses at the last readback.
    pub d_loss: Option<f32>,
    pub g_loss: Option<f32>,
}

/// Trains `trainer` for about `budget_seconds` after a warm-up, reading the losses back every
/// `readback_every` iterations (in one asynchronous read each time), and reports the speed.
/// `now` gives seconds on any monotonic clock.
pub async fn measure(
    trainer: &mut Trainer,
    budget_seconds: f64,
    readback_every: usize,
    now: impl Fn() -> f64,
) -> Result<Speed, TrainError> {
    let every = readback_every.max(1);
    let warm_start = now();
    trainer.train(1);
    read_losses(trainer).await?;
    let warm_up_seconds = now() - warm_start;

    let (iterations0, updates0) = (trainer.iteration(), trainer.updates());
    let start = now();
    let (mut d_loss, mut g_loss);
    loop {
        trainer.train(every);
        (d_loss, g_loss) = read_losses(trainer).await?;
        if now() - start >= budget_seconds {
            break;
        }
    }
    let seconds = (now() - start).max(f64::MIN_POSITIVE);
    let iterations = trainer.iteration() - iterations0;
    Ok(Speed {
        iterations,
        seconds,
        iterations_per_second: iterations as f64 / seconds,
        updates_per_second: (trainer.updates() - updates0) as f64 / seconds,
        warm_up_seconds,
        d_loss,
        g_loss,
    })
}

async fn read_losses(trainer: &mut Trainer) -> Result<(Option<f32>, Option<f32>), TrainError> {
    let (snapshot, token) = trainer.snapshot(SnapshotRequest::losses()).read().await?;
    trainer.settle(&snapshot, token)?;
    Ok((snapshot.d_loss, snapshot.g_loss))
}
