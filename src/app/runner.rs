//! Drives the trainer from the browser's animation frames: train a few iterations, read one
//! snapshot asynchronously, draw, repeat. Training waits while a read is under way, so GPU work
//! never piles up and the page never freezes.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;

use super::{HistoryPoint, Ui, url};
use crate::{Config, bench};
use crate::device::{self, BackendKind};
use crate::snapshot::SnapshotRequest;
use crate::stages::{SlowIteration, Stage};
use crate::train::{Phase, Trainer};

/// Most points the charts keep; older ones are thinned out.
const HISTORY_MAX: usize = 600;

struct State {
    trainer: Option<Trainer>,
    /// A snapshot read or a backend switch is under way.
    busy: bool,
    /// (time in ms, iteration) at the last speed measurement.
    mark: (f64, u64),
    last_frame: f64,
    /// Something changed while paused: read a fresh snapshot.
    dirty: bool,
    /// Bumped when the run is replaced (reset, new networks, another backend): a snapshot
    /// read before that belongs to the old run and is dropped.
    generation: u64,
}

/// Where the page trains once WebGPU is ready, and why.
enum Choice {
    WebGpu,
    /// The CPU was faster (iterations/s of each).
    Cpu { cpu: f64, webgpu: f64 },
}

/// The handle the controls use; cheap to clone.
#[derive(Clone)]
pub struct Runner {
    state: Rc<RefCell<State>>,
    ui: Ui,
}

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

impl Runner {
    /// Starts training on the CPU at once, and moves the run to WebGPU as soon as WebGPU has
    /// compiled its shaders (a warm-up run on the side), so the page trains within a second
    /// even where the first WebGPU step takes long.
    pub fn start(ui: Ui) -> Self {
        let state = State { trainer: None, busy: false, mark: (0.0, 0), last_frame: 0.0, dirty: true, generation: 0 };
        let runner = Self { state: Rc::new(RefCell::new(state)), ui };
        let config = ui.config.get_untracked();
        let trainer = Trainer::new(config.clone(), &device::cpu()).or_else(|e| {
            ui.error.set(Some(format!("{e}; starting from the default instead")));
            ui.config.set(Config::default());
            Trainer::new(Config::default(), &device::cpu())
        });
        runner.state.borrow_mut().trainer = trainer.ok();
        ui.backend.set(Some(BackendKind::Cpu.name()));
        runner.frame();
        let r = runner.clone();
        leptos::task::spawn_local(async move {
            // A link that pins the CPU (to reproduce a run bit for bit) keeps it there.
            if r.ui.pinned_backend.get_untracked() == Some(BackendKind::Cpu) {
                r.ui.webgpu_available.set(device::device(BackendKind::Wgpu).await.is_ok());
                return;
            }
            match r.warm_up_webgpu().await {
                Ok(choice) => {
                    r.ui.webgpu_available.set(true);
                    let pinned = r.ui.pinned_backend.get_untracked() == Some(BackendKind::Wgpu);
                    match choice {
                        Choice::Cpu { cpu, webgpu } if !pinned => r.ui.notice.set(Some(format!(
                            "WebGPU is ready, but on this machine the CPU trains this model faster ({cpu:.0} against \
                             {webgpu:.1} iterations/s), so ganplay stays on the CPU. “Use WebGPU” moves the run there."
                        ))),
                        _ => r.switch_backend(BackendKind::Wgpu),
                    }
                }
                Err(why) => {
                    leptos::logging::warn!("WebGPU unavailable: {why}");
                    r.ui.notice.set(Some("WebGPU is not available in this browser, so ganplay trains on the CPU.".into()));
                }
            }
        });
        runner
    }

    /// One iteration and one full read on a throwaway WebGPU run, so that every kernel the page
    /// uses is compiled; then a short race of WebGPU against the CPU on the current model (for
    /// a model this small a CPU often wins: each GPU kernel launch costs more than its work).
    async fn warm_up_webgpu(&self) -> Result<Choice, String> {
        let device = device::device(BackendKind::Wgpu).await?;
        self.ui.notice.set(Some("Training on the CPU while WebGPU prepares its shaders…".into()));
        let config = self.ui.config.get_untracked();
        let mut warm = Trainer::new(config.clone(), &device).map_err(|e| e.to_string())?;
        warm.step(Phase::Both);
        let pending = warm.snapshot(SnapshotRequest { gradients: true, ..SnapshotRequest::full() });
        pending.read().await.map_err(|e| e.to_string())?;
        let seconds = || now_ms() / 1000.0;
        let webgpu = bench::measure(&mut warm, 0.0, 2, seconds).await.map_err(|e| e.to_string())?;
        let mut cpu_run = Trainer::new(config, &device::cpu()).map_err(|e| e.to_string())?;
        let cpu = bench::measure(&mut cpu_run, 0.05, 5, seconds).await.map_err(|e| e.to_string())?;
        let (cpu, webgpu) = (cpu.iterations_per_second, webgpu.iterations_per_second);
        Ok(if webgpu >= cpu { Choice::WebGpu } else { Choice::Cpu { cpu, webgpu } })
    }

    /// A read has landed: the page is free again. Returns the state, or `None` when the run was
    /// replaced meanwhile (reset, new networks, another backend): the read belongs to the old run,
    /// so it is dropped and the next frame reads afresh.
    fn read_landed(&self, generation: u64) -> Option<std::cell::RefMut<'_, State>> {
        let mut s = self.state.borrow_mut();
        s.busy = false;
        self.ui.reading.set(false);
        if s.generation != generation {
            s.dirty = true;
            return None;
        }
        Some(s)
    }

    fn with_trainer(&self, f: impl FnOnce(&mut Trainer)) {
        let mut s = self.state.borrow_mut();
        s.dirty = true;
        if let Some(t) = s.trainer.as_mut() {
            f(t);
        }
    }

    /// The run's weights, on their way from the device.
    pub fn weights(&self) -> Option<crate::weights::PendingWeights> {
        self.state.borrow().trainer.as_ref().map(Trainer::weights)
    }

    /// Replaces the run with a loaded model, on the current backend; the old run is kept if
    /// the model cannot be used.
    pub fn load(&self, model: crate::model_file::Model) -> Result<(), String> {
        let mut s = self.state.borrow_mut();
        if s.busy {
            return Err("the page is busy reading from the device; try again".into());
        }
        let device = s.trainer.as_ref().map(|t| t.device().clone()).ok_or("no run")?;
        let trainer = Trainer::from_weights(model.config.clone(), &device, &model.weights, model.iteration)?;
        s.trainer = Some(trainer);
        s.generation += 1;
        s.dirty = true;
        drop(s);
        self.ui.slow.set(None);
        self.ui.stop_at.set(None);
        self.ui.history.set(Vec::new());
        url::write(&model.config);
        self.ui.config.set(model.config);
        self.ui.error.set(None);
        Ok(())
    }

    /// Reads a fresh snapshot at the next frame (after a view changed, say).
    pub fn refresh(&self) {
        self.state.borrow_mut().dirty = true;
    }

    /// One iteration of `phase`, paused or not.
    pub fn step(&self, phase: Phase) {
        self.ui.slow.set(None);
        self.with_trainer(|t| t.step(phase));
    }

    /// Pauses, then trains one iteration in slow motion: snapshots before it, after D's
    /// updates and after G's, shown stage by stage from the first.
    pub fn slow_step(&self) {
        self.ui.playing.set(false);
        if self.state.borrow().busy {
            let r = self.clone();
            request_animation_frame(move || r.slow_step());
            return;
        }
        let (before, (after_d, after_g), generation) = {
            let mut s = self.state.borrow_mut();
            let generation = s.generation;
            let Some(t) = s.trainer.as_mut() else { return };
            let before = t.snapshot(SnapshotRequest::full());
            let halves = t.step_in_halves(SnapshotRequest::full());
            s.busy = true;
            (before, halves, generation)
        };
        self.ui.reading.set(true);
        let r = self.clone();
        leptos::task::spawn_local(async move {
            let read = async {
                let (before, t0) = before.read().await?;
                let (after_d, t1) = after_d.read().await?;
                let (after_g, t2) = after_g.read().await?;
                Ok::<_, crate::TrainError>(([before, after_d, after_g], [t0, t1, t2]))
            }
            .await;
            let Some(mut s) = r.read_landed(generation) else { return };
            let Some(trainer) = s.trainer.as_mut() else { return };
            let settled = read.and_then(|(snapshots, tokens)| {
                for (snapshot, token) in snapshots.iter().zip(tokens) {
                    trainer.settle(snapshot, token)?;
                }
                Ok(snapshots)
            });
            drop(s);
            match settled {
                Ok([before, after_d, after_g]) => {
                    r.record(&after_g);
                    r.ui.snapshot.set(Some(after_g.clone()));
                    r.ui.slow.set(Some((SlowIteration { before, after_d, after_g }, Stage::SampleNoise)));
                }
                Err(e) => r.ui.error.set(Some(e.to_string())),
            }
        });
    }

    /// Back to iteration 0 with the same configuration and seed.
    pub fn reset(&self) {
        self.ui.slow.set(None);
        self.with_trainer(Trainer::reset);
        self.state.borrow_mut().generation += 1;
        self.ui.history.set(Vec::new());
        self.ui.error.set(None);
    }

    /// Applies a new configuration between steps; the weights stay where they can.
    pub fn set_config(&self, config: Config) {
        let mut result = Ok(());
        self.with_trainer(|t| result = t.set_config(config.clone()));
        match result {
            Ok(()) => {
                self.state.borrow_mut().generation += 1;
                self.ui.slow.set(None);
                url::write(&config);
                self.ui.config.set(config);
                self.ui.error.set(None);
            }
            // The trainer kept the old configuration; so do the controls.
            Err(e) => {
                self.ui.error.set(Some(format!("Not applied: {e}")));
                self.ui.config.notify();
            }
        }
    }

    /// Moves the run to the other backend, with its weights and iteration count.
    pub fn switch_backend(&self, kind: BackendKind) {
        if self.state.borrow().busy {
            // Let the read under way finish first.
            let r = self.clone();
            request_animation_frame(move || r.switch_backend(kind));
            return;
        }
        let Some(pending) = self.state.borrow().trainer.as_ref().map(Trainer::weights) else { return };
        self.state.borrow_mut().busy = true;
        let r = self.clone();
        leptos::task::spawn_local(async move {
            let moved = async {
                let weights = pending.read().await.map_err(|e| e.to_string())?;
                let device = device::device(kind).await?;
                let mut s = r.state.borrow_mut();
                s.generation += 1;
                s.trainer.as_mut().ok_or("no run")?.move_to(&device, &weights)
            }
            .await;
            {
                let mut s = r.state.borrow_mut();
                s.busy = false;
                s.dirty = true;
            }
            match moved {
                Ok(()) => {
                    r.ui.backend.set(Some(kind.name()));
                    r.ui.notice.set(None);
                }
                Err(e) => r.ui.error.set(Some(format!("Could not switch to {}: {e}", kind.name()))),
            }
        });
    }

    fn frame(&self) {
        let t = now_ms();
        let (pending, generation) = {
            let mut s = self.state.borrow_mut();
            let generation = s.generation;
            let frame = t - s.last_frame;
            s.last_frame = t;
            self.ui.frame_ms.set(frame);
            let playing = self.ui.playing.get_untracked();
            if playing && self.ui.slow.with_untracked(Option::is_some) {
                self.ui.slow.set(None);
            }
            let pending = if s.busy || !(playing || s.dirty) {
                None
            } else if let Some(trainer) = s.trainer.as_mut() {
                if playing {
                    let mut n = self.ui.steps_per_frame.get_untracked();
                    // A share link's run pauses at the iteration it was shared at.
                    if let Some(stop) = self.ui.stop_at.get_untracked() {
                        let left = stop.saturating_sub(trainer.iteration());
                        n = n.min(left as usize);
                        if left == 0 {
                            self.ui.playing.set(false);
                            self.ui.stop_at.set(None);
                        }
                    }
                    trainer.train(n);
                }
                let layers = self.ui.layers.get_untracked();
                let request = SnapshotRequest {
                    heatmap_cells: layers.heatmap.then_some(40),
                    manifold_cells: layers.manifold.then_some(20),
                    gradients: layers.arrows,
                    metrics: true,
                };
                let pending = trainer.snapshot(request);
                s.busy = true;
                s.dirty = false;
                self.ui.reading.set(true);
                Some(pending)
            } else {
                None
            };
            (pending, generation)
        };
        if let Some(pending) = pending {
            let r = self.clone();
            leptos::task::spawn_local(async move {
                let read = pending.read().await;
                let Some(mut s) = r.read_landed(generation) else { return };
                let Some(trainer) = s.trainer.as_mut() else { return };
                match read.and_then(|(snapshot, token)| trainer.settle(&snapshot, token).map(|()| snapshot)) {
                    Ok(snapshot) => {
                        let t = now_ms();
                        let (t0, i0) = s.mark;
                        if t - t0 > 500.0 || snapshot.iteration < i0 {
                            if t0 > 0.0 && snapshot.iteration >= i0 {
                                r.ui.steps_per_second.set((snapshot.iteration - i0) as f64 * 1000.0 / (t - t0));
                            }
                            s.mark = (t, snapshot.iteration);
                        }
                        drop(s);
                        r.record(&snapshot);
                        r.ui.snapshot.set(Some(snapshot));
                    }
                    Err(e) => {
                        drop(s);
                        r.ui.playing.set(false);
                        r.ui.error.set(Some(e.to_string()));
                    }
                }
            });
        }
        let r = self.clone();
        request_animation_frame(move || r.frame());
    }

    fn record(&self, s: &crate::Snapshot) {
        let point = HistoryPoint::of(s);
        self.ui.history.update(|h| {
            if h.last().is_some_and(|p| p.iteration == point.iteration) {
                return;
            }
            if h.last().is_some_and(|p| p.iteration > point.iteration) {
                h.clear();
            }
            h.push(point);
            if h.len() > HISTORY_MAX {
                // Keep every other point of the older half.
                let half = h.len() / 2;
                let mut i = 0;
                h.retain(|_| {
                    i += 1;
                    i > half || i % 2 == 0
                });
            }
        });
    }
}
