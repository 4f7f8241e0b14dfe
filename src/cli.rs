//! `ganplay train`: train from a config file or flags, print one JSON line of throughput and
//! final metrics, optionally draw real vs generated points into a PNG.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};
use ganplay::config::{LossKind, OptimizerConfig, OptimizerKind};
use ganplay::{BackendKind, Config, DatasetKind, SnapshotRequest, Trainer, device};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Parser)]
#[command(name = "ganplay", version, about = "Train a small GAN on 2-D data and watch why it learns")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Train for N iterations and print throughput and metrics as one JSON line.
    Train(TrainArgs),
    /// Check a lesson written as JSON and print the link fragment that opens it.
    Lesson {
        /// The lesson: {"title": ..., "steps": [{"text": ..., "setup": ..., "play": ...}], "hide": [...]}
        file: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Backend {
    Cpu,
    Wgpu,
}

#[derive(Parser)]
struct TrainArgs {
    /// A JSON config file (see `Config`); flags below override its fields.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Start from GAN Lab's model for this dataset instead of the default.
    #[arg(long, value_parser = parse_dataset)]
    preset: Option<DatasetKind>,
    #[arg(long, value_parser = parse_dataset)]
    dataset: Option<DatasetKind>,
    #[arg(long, value_parser = parse_loss)]
    loss: Option<LossKind>,
    /// Optimiser of both networks: sgd or adam.
    #[arg(long, value_parser = parse_optimizer)]
    optimizer: Option<OptimizerKind>,
    #[arg(long)]
    lr_d: Option<f64>,
    #[arg(long)]
    lr_g: Option<f64>,
    #[arg(long)]
    d_steps: Option<usize>,
    #[arg(long)]
    g_steps: Option<usize>,
    #[arg(long)]
    batch: Option<usize>,
    #[arg(long)]
    seed: Option<u64>,
    /// Iterations to train (each is kD + kG updates).
    #[arg(long, short = 'n', default_value_t = 1000)]
    iterations: usize,
    #[arg(long, value_enum, default_value_t = Backend::Cpu)]
    backend: Backend,
    /// Read the losses back every this many iterations (as the page does).
    #[arg(long, default_value_t = 50)]
    readback_every: usize,
    /// Draw real (blue) and generated (orange) points into this PNG.
    #[arg(long)]
    png: Option<PathBuf>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
}

fn parse_kebab<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, String> {
    ganplay::config::from_name(s).ok_or_else(|| format!("unknown value {s:?}"))
}
fn parse_dataset(s: &str) -> Result<DatasetKind, String> {
    parse_kebab(s)
}
fn parse_loss(s: &str) -> Result<LossKind, String> {
    parse_kebab(s)
}
fn parse_optimizer(s: &str) -> Result<OptimizerKind, String> {
    parse_kebab(s)
}

pub fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Train(args) => train(args),
        Command::Lesson { file } => lesson_link(&file),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ganplay: {e}");
            ExitCode::FAILURE
        }
    }
}

fn lesson_link(file: &PathBuf) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let lesson: ganplay::lesson::Lesson = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    lesson.check().map_err(|e| format!("{}: {e}", file.display()))?;
    let link = ganplay::link::Link { lesson: Some(lesson), ..Default::default() };
    println!("#{}", link.to_query());
    Ok(())
}

fn config_from(args: &TrainArgs) -> Result<Config, String> {
    let mut c = match (&args.config, args.preset) {
        (Some(path), _) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
        (None, Some(preset)) => Config::ganlab(preset),
        (None, None) => Config::default(),
    };
    if let Some(d) = args.dataset {
        c.dataset = d;
    }
    if let Some(l) = args.loss {
        c.loss = l;
    }
    if let Some(kind) = args.optimizer {
        for net in [&mut c.generator, &mut c.discriminator] {
            net.optimizer = OptimizerConfig { kind, ..net.optimizer.clone() };
        }
    }
    if let Some(lr) = args.lr_d {
        c.discriminator.optimizer.lr = lr;
    }
    if let Some(lr) = args.lr_g {
        c.generator.optimizer.lr = lr;
    }
    c.d_steps = args.d_steps.unwrap_or(c.d_steps);
    c.g_steps = args.g_steps.unwrap_or(c.g_steps);
    c.batch_size = args.batch.unwrap_or(c.batch_size);
    c.seed = args.seed.unwrap_or(c.seed);
    c.validate().map_err(|e| e.to_string())?;
    Ok(c)
}

fn train(args: TrainArgs) -> Result<(), String> {
    let config = config_from(&args)?;
    let backend = match args.backend {
        Backend::Cpu => BackendKind::Cpu,
        Backend::Wgpu => BackendKind::Wgpu,
    };
    let device = futures_lite::future::block_on(device::device(backend))?;
    let mut trainer = Trainer::new(config.clone(), &device).map_err(|e| e.to_string())?;
    let bar = if args.quiet { ProgressBar::hidden() } else { ProgressBar::new(args.iterations as u64) };
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} it  {per_sec}  D {msg}").expect("a valid template"));
    let every = args.readback_every.max(1);
    let start = Instant::now();
    let mut done = 0;
    while done < args.iterations {
        let n = every.min(args.iterations - done);
        trainer.train(n);
        done += n;
        let s = trainer.snapshot_blocking(SnapshotRequest::losses()).map_err(|e| e.to_string())?;
        bar.set_position(done as u64);
        bar.set_message(format!("{:.4}  G {:.4}", s.d_loss.unwrap_or(f32::NAN), s.g_loss.unwrap_or(f32::NAN)));
    }
    let seconds = start.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let last = trainer.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).map_err(|e| e.to_string())?;
    let metrics = last.metrics.clone().expect("asked for metrics");
    let line = serde_json::json!({
        "backend": backend.name(),
        "dataset": config.dataset,
        "loss": config.loss,
        "batch_size": config.batch_size,
        "d_steps": config.d_steps,
        "g_steps": config.g_steps,
        "iterations": args.iterations,
        "updates": trainer.updates(),
        "seconds": seconds,
        "iterations_per_second": args.iterations as f64 / seconds,
        "updates_per_second": trainer.updates() as f64 / seconds,
        "d_loss": last.d_loss,
        "g_loss": last.g_loss,
        "kl_bits": metrics.kl,
        "js_bits": metrics.js,
        "modes_covered": metrics.modes_covered,
        "modes_total": metrics.modes_total,
        "high_quality": metrics.high_quality,
    });
    println!("{line}");
    if let Some(path) = &args.png {
        let real: Vec<[f32; 2]> = trainer
            .dataset()
            .sample(&mut <ganplay::Rng as rand::SeedableRng>::seed_from_u64(0), 1000)
            .chunks_exact(2)
            .map(|p| [p[0], p[1]])
            .collect();
        let png = ganplay::plot::png(&real, last.generated.as_deref().unwrap_or_default())?;
        std::fs::write(path, png).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
