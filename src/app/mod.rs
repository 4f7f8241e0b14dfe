//! The page (wasm only): a Leptos app that drives the training core through its small API
//! (`Trainer`, `Snapshot`, `Config`) and never touches a tensor.

mod charts;
mod controls;
mod histogram;
mod plane;
mod runner;
mod settings;
mod status;
mod url;

use leptos::prelude::*;

use crate::Config;
use crate::snapshot::Snapshot;
use runner::Runner;

/// One point of the run's history, for the charts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HistoryPoint {
    pub iteration: u64,
    pub d_loss: Option<f32>,
    pub g_loss: Option<f32>,
    pub js: Option<f64>,
    pub kl: Option<f64>,
    pub modes: Option<usize>,
}

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
}

/// Mounts the page on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

#[component]
fn App() -> impl IntoView {
    let (config, link_error) = url::initial_config();
    let ui = Ui {
        config: RwSignal::new(config),
        snapshot: RwSignal::new(None),
        history: RwSignal::new(Vec::new()),
        backend: RwSignal::new(None),
        webgpu_available: RwSignal::new(false),
        notice: RwSignal::new(None),
        error: RwSignal::new(link_error),
        playing: RwSignal::new(true),
        reading: RwSignal::new(false),
        steps_per_frame: RwSignal::new(5),
        steps_per_second: RwSignal::new(0.0),
        frame_ms: RwSignal::new(0.0),
        layers: RwSignal::new(Layers { heatmap: true, manifold: true, real: true, fake: true, arrows: false }),
        drawing: RwSignal::new(false),
    };
    let runner = Runner::start(ui);
    controls::keyboard_shortcuts(ui, runner.clone());
    view! {
        <header>
            <h1>"ganplay"</h1>
            <p class="tagline">"Watch a generative adversarial network learn, and see why."</p>
        </header>
        <controls::Controls ui=ui runner=runner.clone() />
        {move || ui.notice.get().map(|n| view! { <p class="notice" id="notice">{n}</p> })}
        {move || ui.error.get().map(|e| view! { <p class="error" id="error" role="alert">{e}</p> })}
        <main>
            <section class="stage">
                <plane::Plane ui=ui runner=runner.clone() />
                <status::Status ui=ui />
            </section>
            <section class="panels">
                <charts::LossChart ui=ui />
                <histogram::Histogram ui=ui />
                <charts::MetricsChart ui=ui />
            </section>
            <settings::Settings ui=ui runner=runner />
        </main>
    }
}
