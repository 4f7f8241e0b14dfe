//! ganplay's training core: a GAN on 2-D data with Burn, the same on the CPU, on a native GPU
//! and on WebGPU in the browser. It knows nothing of the page: the page (and the CLI, the tests,
//! the benchmarks) drive a [`Trainer`] and read [`Snapshot`]s.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod bench;
pub mod config;
pub mod data;
pub mod device;
pub mod explain;
pub mod history;
pub mod lesson;
pub mod link;
pub mod loss;
pub mod metrics;
pub mod model;
pub mod model_file;
pub mod noise;
pub mod plot;
pub mod snapshot;
pub mod stages;
pub mod theory;
pub mod train;
pub mod weights;

pub use config::{Config, ConfigError};
pub use data::DatasetKind;
pub use device::BackendKind;
pub use snapshot::{PendingSnapshot, Snapshot, SnapshotRequest};
pub use train::{Phase, SettleToken, TrainError, Trainer};

/// The seeded random number generator behind weights, noise and data: portable, so a seed
/// means the same run everywhere.
pub type Rng = rand::rngs::Xoshiro256PlusPlus;
