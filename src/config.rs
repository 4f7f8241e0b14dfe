//! Every setting of a training run, with the ranges a user may choose from.
//!
//! A [`Config`] is plain data (serde), so the same value travels through a config file, the
//! command line, the page's controls and a share link. [`Config::validate`] is the one gate:
//! anything that reaches the trainer has passed it, and every refusal names the field and the
//! range it allows.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::data::DatasetKind;

/// Allowed number of hidden layers per network.
pub const HIDDEN_LAYERS: (usize, usize) = (0, 6);
/// Allowed neurons per hidden layer.
pub const NEURONS: (usize, usize) = (1, 128);
/// Allowed noise dimension.
pub const NOISE_DIM: (usize, usize) = (1, 16);
/// Allowed batch size.
pub const BATCH: (usize, usize) = (1, 1024);
/// Allowed discriminator or generator updates per iteration.
pub const STEPS_PER_ITERATION: (usize, usize) = (0, 10);
/// Allowed learning rate, exclusive of 0.
pub const LEARNING_RATE: (f64, f64) = (0.0, 10.0);
/// Allowed gradient-penalty weight λ.
pub const GP_LAMBDA: (f64, f64) = (0.0, 100.0);
/// Most points a user may draw.
pub const MAX_DRAWN_POINTS: usize = 10_000;

/// Non-linearity between hidden layers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Activation {
    Relu,
    LeakyRelu,
    Tanh,
}

impl Activation {
    /// Slope of leaky ReLU for negative inputs.
    pub const LEAKY_SLOPE: f64 = 0.2;
}

/// What the generator's last layer does to its output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GeneratorOutput {
    /// Squash into (-1, 1).
    Tanh,
    /// Leave the last linear layer's output as it is.
    Identity,
}

/// Distribution the generator's input noise z is drawn from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoiseKind {
    /// Uniform on [-1, 1] in every dimension.
    Uniform,
    /// Standard normal in every dimension.
    Gaussian,
}

/// The adversarial objective (see `loss.rs` for the formulas).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LossKind {
    /// D: binary cross-entropy; G minimises E[log(1 - D(G(z)))] (the original min-max game).
    Minimax,
    /// D: binary cross-entropy; G minimises -E[log D(G(z))] (gradients do not vanish early).
    NonSaturating,
    /// Least squares (LSGAN): D pushes real to 1 and fake to 0; G pushes fake to 1.
    LeastSquares,
    /// Wasserstein critic with gradient penalty (WGAN-GP).
    WassersteinGp,
}

/// Optimiser algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OptimizerKind {
    Sgd,
    Adam,
}

/// One network's optimiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OptimizerConfig {
    pub kind: OptimizerKind,
    pub lr: f64,
    pub beta1: f64,
    pub beta2: f64,
}

impl Default for OptimizerConfig {
    fn default() -> Self {
        Self { kind: OptimizerKind::Adam, lr: 1e-3, beta1: 0.9, beta2: 0.999 }
    }
}

impl OptimizerConfig {
    /// Plain SGD at this learning rate.
    pub fn sgd(lr: f64) -> Self {
        Self { kind: OptimizerKind::Sgd, lr, ..Self::default() }
    }
    /// Adam at this learning rate and betas.
    pub fn adam(lr: f64, beta1: f64, beta2: f64) -> Self {
        Self { kind: OptimizerKind::Adam, lr, beta1, beta2 }
    }
}

/// One network: its hidden layers, non-linearity and optimiser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetConfig {
    /// Neurons of each hidden layer, input side first.
    pub hidden: Vec<usize>,
    pub activation: Activation,
    pub optimizer: OptimizerConfig,
}

impl Default for NetConfig {
    fn default() -> Self {
        Self { hidden: vec![16, 16], activation: Activation::Relu, optimizer: OptimizerConfig::default() }
    }
}

/// The generator's noise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NoiseConfig {
    pub dim: usize,
    pub kind: NoiseKind,
}

impl Default for NoiseConfig {
    fn default() -> Self {
        Self { dim: 2, kind: NoiseKind::Uniform }
    }
}

/// Everything that defines a run. Two runs with equal configs on the CPU backend produce
/// bit-identical losses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub dataset: DatasetKind,
    /// The points of [`DatasetKind::Drawn`], in the unit square.
    pub drawn_points: Vec<[f32; 2]>,
    pub noise: NoiseConfig,
    pub generator: NetConfig,
    pub generator_output: GeneratorOutput,
    pub discriminator: NetConfig,
    pub loss: LossKind,
    /// λ of the gradient penalty (WGAN-GP only).
    pub gp_lambda: f64,
    /// kD: discriminator updates per iteration.
    pub d_steps: usize,
    /// kG: generator updates per iteration.
    pub g_steps: usize,
    pub batch_size: usize,
    /// Fixes initial weights, noise and data sampling.
    pub seed: u64,
}

impl Default for Config {
    /// GAN Lab's ring model: the playground's opening scene.
    fn default() -> Self {
        Self::ganlab(DatasetKind::Ring)
    }
}

impl Config {
    /// GAN Lab's model for one of its datasets: G noise-10-10-2 and D 2-9-9-9-1 with ReLU,
    /// 2-D uniform noise, SGD with lr 0.1 (D) / 0.03 (G), log loss with the non-saturating
    /// generator, kD 3 : kG 1, batch 150.
    pub fn ganlab(dataset: DatasetKind) -> Self {
        Self {
            dataset,
            drawn_points: Vec::new(),
            noise: NoiseConfig { dim: 2, kind: NoiseKind::Uniform },
            generator: NetConfig {
                hidden: vec![10, 10],
                activation: Activation::Relu,
                optimizer: OptimizerConfig::sgd(0.03),
            },
            generator_output: GeneratorOutput::Tanh,
            discriminator: NetConfig {
                hidden: vec![9, 9, 9],
                activation: Activation::Relu,
                optimizer: OptimizerConfig::sgd(0.1),
            },
            loss: LossKind::NonSaturating,
            gp_lambda: 10.0,
            d_steps: 3,
            g_steps: 1,
            batch_size: 150,
            seed: 1,
        }
    }

    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        check_int("noise.dim", self.noise.dim, NOISE_DIM)?;
        check_net("generator", &self.generator)?;
        check_net("discriminator", &self.discriminator)?;
        check_int("batch_size", self.batch_size, BATCH)?;
        check_int("d_steps", self.d_steps, STEPS_PER_ITERATION)?;
        check_int("g_steps", self.g_steps, STEPS_PER_ITERATION)?;
        if self.d_steps + self.g_steps == 0 {
            return Err(ConfigError::new("d_steps", "d_steps and g_steps cannot both be 0"));
        }
        if !(self.gp_lambda.is_finite() && (GP_LAMBDA.0..=GP_LAMBDA.1).contains(&self.gp_lambda)) {
            return Err(ConfigError::range("gp_lambda", self.gp_lambda, "0 to 100"));
        }
        if self.drawn_points.len() > MAX_DRAWN_POINTS {
            return Err(ConfigError::new(
                "drawn_points",
                format!("at most {MAX_DRAWN_POINTS} points, got {}", self.drawn_points.len()),
            ));
        }
        if let Some(p) = self.drawn_points.iter().find(|p| !p.iter().all(|v| v.is_finite() && (-1.0..=2.0).contains(v))) {
            return Err(ConfigError::new(
                "drawn_points",
                format!("every coordinate must be a number from -1 to 2, got [{}, {}]", p[0], p[1]),
            ));
        }
        if self.dataset == DatasetKind::Drawn && self.drawn_points.is_empty() {
            return Err(ConfigError::new("drawn_points", "the drawn dataset needs at least 1 point"));
        }
        Ok(())
    }
}

/// The name a setting's value goes by in files, links and menus (`"leaky-relu"`, `"eight-gaussians"`).
pub fn name_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The value a name stands for ([`name_of`] backwards), or `None` for an unknown name.
pub fn from_name<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn check_int(field: &str, value: usize, (lo, hi): (usize, usize)) -> Result<(), ConfigError> {
    if (lo..=hi).contains(&value) {
        Ok(())
    } else {
        Err(ConfigError::new(field, format!("must be from {lo} to {hi}, got {value}")))
    }
}

fn check_net(name: &str, net: &NetConfig) -> Result<(), ConfigError> {
    let layers = net.hidden.len();
    if layers > HIDDEN_LAYERS.1 {
        return Err(ConfigError::new(
            format!("{name}.hidden"),
            format!("must have from {} to {} hidden layers, got {layers}", HIDDEN_LAYERS.0, HIDDEN_LAYERS.1),
        ));
    }
    for (i, &n) in net.hidden.iter().enumerate() {
        check_int(&format!("{name}.hidden[{i}]"), n, NEURONS)?;
    }
    let opt = &net.optimizer;
    let field = |f: &str| format!("{name}.optimizer.{f}");
    if !(opt.lr.is_finite() && opt.lr > LEARNING_RATE.0 && opt.lr <= LEARNING_RATE.1) {
        return Err(ConfigError::range(field("lr"), opt.lr, "greater than 0 and at most 10"));
    }
    for (f, b) in [("beta1", opt.beta1), ("beta2", opt.beta2)] {
        if !(b.is_finite() && (0.0..1.0).contains(&b)) {
            return Err(ConfigError::range(field(f), b, "from 0 up to (not including) 1"));
        }
    }
    Ok(())
}

/// A refused setting: which field, and what it allows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// Dotted path of the field, e.g. `discriminator.optimizer.lr`.
    pub field: String,
    /// What was wrong and what is allowed.
    pub message: String,
}

impl ConfigError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self { field: field.into(), message: message.into() }
    }
    fn range(field: impl Into<String>, value: f64, allowed: &str) -> Self {
        Self::new(field, format!("must be {allowed}, got {value}"))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for ConfigError {}
