//! The page (wasm only): a Leptos app that drives the training core through its small API
//! (`Trainer`, `Snapshot`, `Config`) and never touches a tensor.

mod bars;
mod bench;
mod cards;
mod charts;
mod controls;
mod files;
mod histogram;
mod lesson_panel;
mod plane;
mod runner;
mod settings;
mod share;
mod slow_motion;
mod status;
mod tex;
mod theory_panel;
mod url;

use leptos::prelude::*;

use crate::Config;
use crate::device::BackendKind;
use crate::explain::Label;
use crate::lesson::Lesson;
use crate::link::Panel;
pub use crate::history::HistoryPoint;
use crate::snapshot::Snapshot;
use crate::stages::{SlowIteration, Stage};
use crate::theory::Unit;
use runner::Runner;

/// Which layers the data plane draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers {
    pub heatmap: bool,
    pub manifold: bool,
    pub real: bool,
    pub fake: bool,
    pub arrows: bool,
}

/// What the views read and the controls write. Every field is a signal, so `Ui` is `Copy`.
#[derive(Clone, Copy)]
pub struct Ui {
    /// The configuration the trainer runs (the controls show it; the URL carries it).
    pub config: RwSignal<Config>,
    pub snapshot: RwSignal<Option<Snapshot>>,
    pub history: RwSignal<Vec<HistoryPoint>>,
    pub backend: RwSignal<Option<&'static str>>,
    pub webgpu_available: RwSignal<bool>,
    pub notice: RwSignal<Option<String>>,
    pub error: RwSignal<Option<String>>,
    pub playing: RwSignal<bool>,
    /// A snapshot is on its way from the device.
    pub reading: RwSignal<bool>,
    pub steps_per_frame: RwSignal<usize>,
    pub steps_per_second: RwSignal<f64>,
    pub frame_ms: RwSignal<f64>,
    pub layers: RwSignal<Layers>,
    pub drawing: RwSignal<bool>,
    /// Bits or nats, for every number of information.
    pub unit: RwSignal<Unit>,
    /// The sample the information card explains (the plane rings it).
    pub picked: RwSignal<(Label, usize)>,
    /// Slow motion: the iteration being replayed and the stage shown.
    pub slow: RwSignal<Option<(SlowIteration, Stage)>>,
    /// What the views show: the latest snapshot, or in slow motion, the stage's moment.
    pub shown: Memo<Option<Snapshot>>,
    /// Pause when the run reaches this iteration (a share link's step).
    pub stop_at: RwSignal<Option<u64>>,
    /// The backend a link asked for: the page stays on it.
    pub pinned_backend: RwSignal<Option<BackendKind>>,
    /// Panels and controls hidden by a link or a lesson.
    pub hidden: RwSignal<Vec<Panel>>,
    /// The lesson shown beside the page, and its current step.
    pub lesson: RwSignal<Option<(Lesson, usize)>>,
    /// A short confirmation (link copied, model saved), cleared after a while.
    pub toast: RwSignal<Option<String>>,
}

impl Ui {
    /// Whether a link or lesson hides `panel`.
    pub fn hides(&self, panel: Panel) -> bool {
        self.hidden.with(|h| h.contains(&panel)) || self.lesson.with(|l| l.as_ref().is_some_and(|(l, _)| l.hide.contains(&panel)))
    }
}

/// Mounts the page on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    match bench::Request::from_location() {
        Some(request) => leptos::mount::mount_to_body(move || view! { <bench::Bench request=request /> }),
        None => leptos::mount::mount_to_body(App),
    }
}

#[component]
fn App() -> impl IntoView {
    let (link, link_error) = url::initial_link();
    let config = link.config.clone();
    let snapshot = RwSignal::new(None);
    let slow: RwSignal<Option<(SlowIteration, Stage)>> = RwSignal::new(None);
    let shown = Memo::new(move |_| {
        slow.with(|s| s.as_ref().map(|(iteration, stage)| iteration.view(*stage))).or_else(|| snapshot.get())
    });
    let ui = Ui {
        config: RwSignal::new(config),
        snapshot,
        history: RwSignal::new(Vec::new()),
        backend: RwSignal::new(None),
        webgpu_available: RwSignal::new(false),
        notice: RwSignal::new(None),
        error: RwSignal::new(link_error),
        playing: RwSignal::new(link.play.unwrap_or(true)),
        reading: RwSignal::new(false),
        steps_per_frame: RwSignal::new(5),
        steps_per_second: RwSignal::new(0.0),
        frame_ms: RwSignal::new(0.0),
        layers: RwSignal::new(Layers { heatmap: true, manifold: true, real: true, fake: true, arrows: false }),
        drawing: RwSignal::new(false),
        unit: RwSignal::new(Unit::Bits),
        picked: RwSignal::new((Label::Fake, 0)),
        slow,
        shown,
        stop_at: RwSignal::new(link.stop),
        pinned_backend: RwSignal::new(link.backend),
        hidden: RwSignal::new(link.hide.clone()),
        lesson: RwSignal::new(None),
        toast: RwSignal::new(None),
    };
    let runner = Runner::start(ui);
    controls::keyboard_shortcuts(ui, runner.clone());
    if let Some(lesson) = link.lesson {
        lesson_panel::open(ui, &runner, lesson);
    }
    let hidden_classes = move || {
        Panel::ALL.iter().filter(|p| ui.hides(**p)).map(|p| format!("hide-{}", crate::config::name_of(p))).collect::<Vec<_>>().join(" ")
    };
    view! {
        <div class=hidden_classes>
        <header>
            <h1>"ganplay"</h1>
            <p class="tagline">"Watch a generative adversarial network learn, and see why."</p>
        </header>
        <controls::Controls ui=ui runner=runner.clone() />
        {move || ui.notice.get().map(|n| view! { <p class="notice" id="notice">{n}</p> })}
        {move || ui.error.get().map(|e| view! { <p class="error" id="error" role="alert">{e}</p> })}
        {move || ui.toast.get().map(|t| view! { <p class="toast" id="toast" role="status">{t}</p> })}
        <lesson_panel::LessonPanel ui=ui runner=runner.clone() />
        <main>
            <section class="stage">
                <plane::Plane ui=ui runner=runner.clone() />
                <slow_motion::SlowMotion ui=ui runner=runner.clone() />
                <status::Status ui=ui />
            </section>
            <theory_panel::TheoryPanel ui=ui />
            <section class="panels">
                <charts::LossChart ui=ui />
                <histogram::Histogram ui=ui />
                <charts::MetricsChart ui=ui />
            </section>
            <div class="side">
                <share::Share ui=ui />
                <files::Files ui=ui runner=runner.clone() />
                <settings::Settings ui=ui runner=runner />
            </div>
        </main>
        </div>
    }
}
