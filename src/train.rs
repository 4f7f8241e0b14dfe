//! The training loop: one iteration is kD discriminator updates followed by kG generator updates.
//!
//! Everything a step produces stays on the device; the caller asks for a [`Snapshot`] when it
//! wants to draw, and reads it in one batched, asynchronous readback (see `snapshot.rs`).

use burn::module::{Module, ModuleVisitor, Param};
use burn::optim::{AdamConfig, GradientsParams, ModuleOptimizer, SgdConfig};
use burn::tensor::{Device, Tensor, TensorData};
use rand::{RngExt, SeedableRng};

use crate::config::{Config, ConfigError, LossKind, NetConfig, OptimizerConfig, OptimizerKind};
use crate::data::Dataset;
use crate::model::Mlp;
use crate::snapshot::{PendingSnapshot, SnapshotRequest};
use crate::weights::{PendingWeights, Weights};
use crate::{Rng, loss, noise};

/// Which networks an iteration updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// kD discriminator updates, then kG generator updates.
    Both,
    /// kD discriminator updates only.
    DiscriminatorOnly,
    /// kG generator updates only.
    GeneratorOnly,
}

/// Samples the evaluation set holds: the fixed real points and noise the metrics use.
pub const EVAL_SAMPLES: usize = 1000;

/// Why training stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    /// A loss or a weight became NaN or infinite; the networks were put back to `iteration`,
    /// the last state known to be finite.
    NonFinite { iteration: u64 },
    /// The device failed to run or read back the work (a lost GPU, say).
    Device(String),
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::NonFinite { iteration } => write!(
                f,
                "a loss became NaN or infinite, so training paused and the networks went back to iteration {iteration}; \
                 try a smaller learning rate"
            ),
            TrainError::Device(why) => write!(f, "the device failed: {why}"),
        }
    }
}

impl std::error::Error for TrainError {}

/// The device tensors of the latest updates, for the next snapshot.
#[derive(Clone)]
pub(crate) struct LastStep {
    /// The real batch the latest discriminator update saw, on the host.
    pub real: Vec<f32>,
    /// The fake batch it saw.
    pub fakes: Tensor<2>,
    pub real_logits: Tensor<2>,
    pub fake_logits: Tensor<2>,
    pub d_loss: Option<Tensor<1>>,
    pub g_loss: Option<Tensor<1>>,
    /// D's raw outputs on the fakes of the latest generator update (a batch of its own).
    pub g_fake_logits: Option<Tensor<2>>,
    /// ∇D(x̂) at the mixed points of the latest WGAN-GP discriminator update.
    pub penalty_gradients: Option<Tensor<2>>,
}

/// A state to return to when training produces NaN.
#[derive(Clone)]
struct Checkpoint {
    generator: Mlp,
    discriminator: Mlp,
    g_optim: ModuleOptimizer,
    d_optim: ModuleOptimizer,
    iteration: u64,
    updates: u64,
    rng: Rng,
}

/// A GAN being trained.
pub struct Trainer {
    config: Config,
    device: Device,
    dataset: Dataset,
    generator: Mlp,
    discriminator: Mlp,
    g_optim: ModuleOptimizer,
    d_optim: ModuleOptimizer,
    rng: Rng,
    iteration: u64,
    updates: u64,
    last: Option<LastStep>,
    /// The sum of every loss since the last snapshot (on the device): finite exactly when
    /// they all were.
    loss_sum: Option<Tensor<1>>,
    checkpoint: Checkpoint,
    eval_real: Vec<f32>,
    eval_noise: Vec<f32>,
}

impl Trainer {
    /// A fresh run of `config` on `device` (autodiff is switched on if it is not).
    pub fn new(config: Config, device: &Device) -> Result<Self, ConfigError> {
        config.validate()?;
        let device = device.clone().autodiff();
        let mut rng = Rng::seed_from_u64(config.seed);
        let dataset = Dataset::new(config.dataset, &config.drawn_points);
        let generator = Mlp::generator(&config.generator, config.noise.dim, config.generator_output, &mut rng, &device);
        let discriminator = Mlp::discriminator(&config.discriminator, &mut rng, &device);
        let g_optim = optimizer(&config.generator.optimizer);
        let d_optim = optimizer(&config.discriminator.optimizer);
        // The evaluation set has its own stream, so asking for metrics never changes training.
        let mut eval_rng = Rng::seed_from_u64(config.seed ^ 0x9e37_79b9_7f4a_7c15);
        let eval_real = dataset.sample(&mut eval_rng, EVAL_SAMPLES);
        let eval_noise = noise::sample(config.noise.kind, config.noise.dim, &mut eval_rng, EVAL_SAMPLES);
        let checkpoint = Checkpoint {
            generator: generator.clone(),
            discriminator: discriminator.clone(),
            g_optim: g_optim.clone(),
            d_optim: d_optim.clone(),
            iteration: 0,
            updates: 0,
            rng: rng.clone(),
        };
        Ok(Self {
            config,
            device,
            dataset,
            generator,
            discriminator,
            g_optim,
            d_optim,
            rng,
            iteration: 0,
            updates: 0,
            last: None,
            loss_sum: None,
            checkpoint,
            eval_real,
            eval_noise,
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn device(&self) -> &Device {
        &self.device
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// Iterations done (each is kD + kG updates, or fewer in a D-only or G-only step).
    pub fn iteration(&self) -> u64 {
        self.iteration
    }

    /// Single-network updates done.
    pub fn updates(&self) -> u64 {
        self.updates
    }

    pub fn generator(&self) -> &Mlp {
        &self.generator
    }

    pub fn discriminator(&self) -> &Mlp {
        &self.discriminator
    }

    /// Changes settings between steps, keeping all it can: a network is re-initialised only if
    /// its shape changed (layers, neurons, activation, noise dimension, output), an optimiser
    /// restarts only if its algorithm or betas changed, and a new learning rate, loss, kD:kG,
    /// batch size or dataset simply applies from the next step. A new seed applies at
    /// [`Trainer::reset`].
    pub fn set_config(&mut self, config: Config) -> Result<(), ConfigError> {
        config.validate()?;
        let old = std::mem::replace(&mut self.config, config);
        let new = &self.config;
        if shape_changed(&old.generator, &new.generator) || old.noise.dim != new.noise.dim || old.generator_output != new.generator_output {
            self.generator = Mlp::generator(&new.generator, new.noise.dim, new.generator_output, &mut self.rng, &self.device);
            self.g_optim = optimizer(&new.generator.optimizer);
            self.last = None;
        } else if optimizer_changed(&old.generator.optimizer, &new.generator.optimizer) {
            self.g_optim = optimizer(&new.generator.optimizer);
        }
        if shape_changed(&old.discriminator, &new.discriminator) {
            self.discriminator = Mlp::discriminator(&new.discriminator, &mut self.rng, &self.device);
            self.d_optim = optimizer(&new.discriminator.optimizer);
            self.last = None;
        } else if optimizer_changed(&old.discriminator.optimizer, &new.discriminator.optimizer) {
            self.d_optim = optimizer(&new.discriminator.optimizer);
        }
        if old.dataset != new.dataset || old.drawn_points != new.drawn_points || old.noise != new.noise {
            let mut eval_rng = Rng::seed_from_u64(new.seed ^ 0x9e37_79b9_7f4a_7c15);
            self.dataset = Dataset::new(new.dataset, &new.drawn_points);
            self.eval_real = self.dataset.sample(&mut eval_rng, EVAL_SAMPLES);
            self.eval_noise = noise::sample(new.noise.kind, new.noise.dim, &mut eval_rng, EVAL_SAMPLES);
        }
        self.save_checkpoint();
        Ok(())
    }

    /// Starts over from the configuration's seed: the same run as a new `Trainer`.
    pub fn reset(&mut self) {
        let config = self.config.clone();
        *self = Self::new(config, &self.device).expect("the current config was validated");
    }

    /// Runs `iterations` full iterations.
    pub fn train(&mut self, iterations: usize) {
        for _ in 0..iterations {
            self.step(Phase::Both);
        }
    }

    /// One iteration of `phase`.
    pub fn step(&mut self, phase: Phase) {
        if phase != Phase::GeneratorOnly {
            for _ in 0..self.config.d_steps {
                self.update_discriminator();
            }
        }
        if phase != Phase::DiscriminatorOnly {
            for _ in 0..self.config.g_steps {
                self.update_generator();
            }
        }
        self.iteration += 1;
    }

    /// One full iteration in two halves, for slow motion: a snapshot is taken after D's
    /// updates and another after G's. Read both, and settle them in order.
    pub fn step_in_halves(&mut self, request: SnapshotRequest) -> (PendingSnapshot, PendingSnapshot) {
        for _ in 0..self.config.d_steps {
            self.update_discriminator();
        }
        let after_d = self.snapshot(request.clone());
        for _ in 0..self.config.g_steps {
            self.update_generator();
        }
        self.iteration += 1;
        (after_d, self.snapshot(request))
    }

    fn batch_tensor(&self, values: Vec<f32>, cols: usize) -> Tensor<2> {
        let rows = values.len() / cols;
        Tensor::from_data(TensorData::new(values, [rows, cols]), &self.device)
    }

    fn noise_batch(&mut self) -> Tensor<2> {
        let n = &self.config.noise;
        let z = noise::sample(n.kind, n.dim, &mut self.rng, self.config.batch_size);
        self.batch_tensor(z, n.dim)
    }

    fn update_discriminator(&mut self) {
        let batch = self.config.batch_size;
        let real_host = self.dataset.sample(&mut self.rng, batch);
        let real = self.batch_tensor(real_host.clone(), 2);
        let z = self.noise_batch();
        let fakes = self.generator.forward(z).detach();
        // One pass of D over real and fake together: half the kernel launches of two passes.
        let logits = self.discriminator.forward(Tensor::cat(vec![real.clone(), fakes.clone()], 0));
        let real_logits = logits.clone().slice([0..batch]);
        let fake_logits = logits.slice([batch..2 * batch]);
        let mut d_loss = loss::discriminator(self.config.loss, real_logits.clone(), fake_logits.clone());
        let mut penalty_gradients = None;
        if self.config.loss == LossKind::WassersteinGp {
            // x̂ = αx + (1-α)x̃, one α ~ U(0, 1) per sample.
            let alpha: Vec<f32> = (0..batch).map(|_| self.rng.random::<f32>()).collect();
            let alpha = self.batch_tensor(alpha, 1);
            let mixed = real * alpha.clone() + fakes.clone() * (alpha.neg() + 1.0);
            let (_, grad) = self.discriminator.output_and_input_gradient(mixed);
            penalty_gradients = Some(grad.clone().detach().inner());
            d_loss = d_loss + loss::gradient_penalty(grad, self.config.gp_lambda);
        }
        let grads = GradientsParams::from_grads(d_loss.backward(), &self.discriminator);
        let lr = self.config.discriminator.optimizer.lr;
        self.discriminator = self.d_optim.step(lr, self.discriminator.clone(), grads);
        self.updates += 1;
        let d_loss = d_loss.detach().inner();
        self.add_to_loss_sum(d_loss.clone());
        let (g_loss, g_fake_logits) = match &self.last {
            Some(l) => (l.g_loss.clone(), l.g_fake_logits.clone()),
            None => (None, None),
        };
        self.last = Some(LastStep {
            real: real_host,
            fakes: fakes.inner(),
            real_logits: real_logits.detach().inner(),
            fake_logits: fake_logits.detach().inner(),
            d_loss: Some(d_loss),
            g_loss,
            g_fake_logits,
            penalty_gradients,
        });
    }

    fn update_generator(&mut self) {
        let z = self.noise_batch();
        let fakes = self.generator.forward(z);
        // D only passes the gradient through to G: its own weights need none.
        let fake_logits = self.discriminator.clone().no_grad().forward(fakes);
        let g_fake_logits = fake_logits.clone().detach().inner();
        let g_loss = loss::generator(self.config.loss, fake_logits);
        let grads = GradientsParams::from_grads(g_loss.backward(), &self.generator);
        let lr = self.config.generator.optimizer.lr;
        self.generator = self.g_optim.step(lr, self.generator.clone(), grads);
        self.updates += 1;
        let g_loss = g_loss.detach().inner();
        self.add_to_loss_sum(g_loss.clone());
        match &mut self.last {
            Some(last) => {
                last.g_loss = Some(g_loss);
                last.g_fake_logits = Some(g_fake_logits);
            }
            None => {
                // A G-only start: let the snapshot show D on a batch too.
                let real_host = self.dataset.sample(&mut self.rng, self.config.batch_size);
                let real = self.batch_tensor(real_host.clone(), 2);
                let z = self.noise_batch();
                let fakes = self.generator.forward(z).detach();
                self.last = Some(LastStep {
                    real: real_host,
                    real_logits: self.discriminator.forward(real).detach().inner(),
                    fake_logits: self.discriminator.forward(fakes.clone()).detach().inner(),
                    fakes: fakes.inner(),
                    d_loss: None,
                    g_loss: Some(g_loss),
                    g_fake_logits: Some(g_fake_logits),
                    penalty_gradients: None,
                });
            }
        }
    }

    /// Adds `loss` to the running sum since the last snapshot: one NaN or infinity makes the
    /// sum non-finite, which the snapshot checks (one kernel per update, not four).
    fn add_to_loss_sum(&mut self, loss: Tensor<1>) {
        self.loss_sum = Some(match self.loss_sum.take() {
            Some(sum) => sum + loss,
            None => loss,
        });
    }

    /// Starts reading what the page draws; see [`PendingSnapshot::read`]. Training may go on
    /// while the read is under way.
    pub fn snapshot(&mut self, request: SnapshotRequest) -> PendingSnapshot {
        // Weights that went NaN show up here even before a loss does.
        let mut non_finite = weights_non_finite(&self.generator) + weights_non_finite(&self.discriminator);
        if let Some(sum) = self.loss_sum.take() {
            non_finite = non_finite + sum.is_finite().bool_not().float();
        }
        let candidate = self.checkpoint_now();
        PendingSnapshot::new(
            request,
            self.iteration,
            (self.config.loss, self.config.gp_lambda),
            self.last.clone(),
            &self.generator.valid(),
            &self.discriminator.valid(),
            &self.eval_real,
            &self.eval_noise,
            self.config.noise.clone(),
            self.dataset.modes().map(|m| m.to_vec()),
            non_finite,
            candidate,
        )
    }

    /// Takes in a read snapshot: if it found NaN, puts the networks back to the last state known
    /// to be finite and says so; otherwise that state advances to the snapshot's.
    pub fn settle(&mut self, snapshot: &crate::snapshot::Snapshot, token: SettleToken) -> Result<(), TrainError> {
        if snapshot.non_finite {
            let c = self.checkpoint.clone();
            self.generator = c.generator;
            self.discriminator = c.discriminator;
            self.g_optim = c.g_optim;
            self.d_optim = c.d_optim;
            self.iteration = c.iteration;
            self.updates = c.updates;
            self.rng = c.rng;
            self.last = None;
            self.loss_sum = None;
            return Err(TrainError::NonFinite { iteration: c.iteration });
        }
        self.checkpoint = token.0;
        Ok(())
    }

    fn checkpoint_now(&self) -> SettleToken {
        SettleToken(Checkpoint {
            generator: self.generator.clone(),
            discriminator: self.discriminator.clone(),
            g_optim: self.g_optim.clone(),
            d_optim: self.d_optim.clone(),
            iteration: self.iteration,
            updates: self.updates,
            rng: self.rng.clone(),
        })
    }

    fn save_checkpoint(&mut self) {
        self.checkpoint = self.checkpoint_now().0;
    }

    /// Starts reading both networks' weights (to save them, or to move to another backend).
    pub fn weights(&self) -> PendingWeights {
        PendingWeights::new(&self.generator, &self.discriminator)
    }

    /// Continues this run on `device` from `weights` (read with [`Trainer::weights`]): the
    /// iteration count, the configuration and the random stream carry over; the optimisers
    /// start afresh (Adam's moments are not carried).
    pub fn move_to(&mut self, device: &Device, weights: &Weights) -> Result<(), String> {
        weights.check(&self.config)?;
        let device = device.clone().autodiff();
        self.generator = Weights::network(&weights.generator, &self.config, true, &device);
        self.discriminator = Weights::network(&weights.discriminator, &self.config, false, &device);
        self.g_optim = optimizer(&self.config.generator.optimizer);
        self.d_optim = optimizer(&self.config.discriminator.optimizer);
        self.device = device;
        self.last = None;
        self.loss_sum = None;
        self.save_checkpoint();
        Ok(())
    }

    /// A run of `config` that starts from `weights` at `iteration` (a loaded model file).
    pub fn from_weights(config: Config, device: &Device, weights: &Weights, iteration: u64) -> Result<Self, String> {
        let mut t = Self::new(config, device).map_err(|e| e.to_string())?;
        t.move_to(device, weights)?;
        t.iteration = iteration;
        t.save_checkpoint();
        Ok(t)
    }

    /// Reads a snapshot and settles it, blocking the thread: for native callers (CLI, tests,
    /// benchmarks). In a browser use [`Trainer::snapshot`] and await the read.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn snapshot_blocking(&mut self, request: SnapshotRequest) -> Result<crate::snapshot::Snapshot, TrainError> {
        let pending = self.snapshot(request);
        let (snapshot, token) = futures_lite::future::block_on(pending.read())?;
        self.settle(&snapshot, token)?;
        Ok(snapshot)
    }
}

/// The state a snapshot saw, to keep as the new fallback once its numbers are known finite.
pub struct SettleToken(Checkpoint);

fn optimizer(config: &OptimizerConfig) -> ModuleOptimizer {
    match config.kind {
        OptimizerKind::Sgd => SgdConfig::new().init(),
        OptimizerKind::Adam => AdamConfig::new()
            .with_beta_1(config.beta1 as f32)
            .with_beta_2(config.beta2 as f32)
            .with_epsilon(1e-8)
            .init(),
    }
}

fn shape_changed(old: &NetConfig, new: &NetConfig) -> bool {
    old.hidden != new.hidden || old.activation != new.activation
}

fn optimizer_changed(old: &OptimizerConfig, new: &OptimizerConfig) -> bool {
    old.kind != new.kind || (new.kind == OptimizerKind::Adam && (old.beta1 != new.beta1 || old.beta2 != new.beta2))
}

/// 1 if any weight of `net` is NaN or infinite, else 0 (on the device).
fn weights_non_finite(net: &Mlp) -> Tensor<1> {
    struct Sum(Option<Tensor<1>>);
    impl ModuleVisitor for Sum {
        fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
            let s = param.val().inner().abs().sum();
            self.0 = Some(match self.0.take() {
                Some(t) => t + s,
                None => s,
            });
        }
    }
    let mut sum = Sum(None);
    net.visit(&mut sum);
    sum.0.expect("an Mlp has weights").is_finite().bool_not().float()
}
