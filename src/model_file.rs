//! A trained model as a file: its configuration (as a link), the iteration it reached, and
//! every weight, in versioned JSON. The page exports it and imports it to go on training or
//! generating; anything read from outside is checked before it touches the run.
//!
//! (Burn's own recorders read tensors synchronously, which WebGPU forbids; this file holds the
//! same parameters, read back asynchronously through [`crate::weights`].)

use serde::{Deserialize, Serialize};

use crate::Config;
use crate::link;
use crate::weights::Weights;

/// What the `format` field says.
pub const FORMAT: &str = "ganplay-model";
/// The file format this page writes and reads.
pub const VERSION: u32 = 1;
/// Largest file accepted: the biggest networks the settings allow (6 layers of 128) fit well
/// within it.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: String,
    version: u32,
    /// The configuration, as a configuration link.
    config: String,
    iteration: u64,
    weights: Weights,
}

/// A model read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    pub config: Config,
    pub iteration: u64,
    pub weights: Weights,
}

/// The file's text for a run of `config` at `iteration` with `weights`.
pub fn to_json(config: &Config, iteration: u64, weights: &Weights) -> String {
    let file = File { format: FORMAT.into(), version: VERSION, config: link::to_query(config), iteration, weights: weights.clone() };
    serde_json::to_string(&file).expect("a model serialises")
}

/// Reads a model file, checking everything: size, format, version, configuration, and that
/// the weights fit the configuration's networks and are finite.
pub fn from_json(bytes: &[u8]) -> Result<Model, String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!("the file is larger than {} MB, too large for a ganplay model", MAX_BYTES / (1024 * 1024)));
    }
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("this is not a ganplay model file (not JSON: {e})"))?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err("this is not a ganplay model file (no \"format\": \"ganplay-model\")".into());
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v > VERSION as u64 => {
            return Err(format!("this model was saved by a newer ganplay (file format {v}); this page reads format {VERSION}"));
        }
        Some(_) => {}
        None => return Err("the model file has no version".into()),
    }
    let file: File = serde_json::from_value(value).map_err(|e| format!("the model file is damaged ({e})"))?;
    let config = link::from_query(&file.config).map_err(|e| format!("the model file's configuration is invalid: {e}"))?;
    file.weights.check(&config).map_err(|e| format!("the model file's weights are damaged: {e}"))?;
    Ok(Model { config, iteration: file.iteration, weights: file.weights })
}
