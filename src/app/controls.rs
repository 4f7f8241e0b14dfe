//! Time controls: play / pause / reset, one step of D, G or both, iterations per frame, the
//! backend switch, and the keyboard shortcuts (space: play/pause, s: step).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Ui;
use super::runner::Runner;
use crate::device::BackendKind;
use crate::train::Phase;

#[component]
pub fn Controls(ui: Ui, runner: Runner) -> impl IntoView {
    let (r_reset, r_both, r_d, r_g) = (runner.clone(), runner.clone(), runner.clone(), runner.clone());
    // Reactive closures must be Send; the runner (an Rc) is reached through a local store.
    let r_backend = StoredValue::new_local(runner);
    let other_backend = move || match ui.backend.get() {
        Some("webgpu") => Some(BackendKind::Cpu),
        Some("cpu") if ui.webgpu_available.get() => Some(BackendKind::Wgpu),
        _ => None,
    };
    view! {
        <nav class="controls" aria-label="training controls">
            <button id="play" class="primary" title="Space"
                on:click=move |_| ui.playing.update(|p| *p = !*p)>
                {move || if ui.playing.get() { "❚❚ Pause" } else { "▶ Play" }}
            </button>
            <button id="reset" title="Start over with the same seed" on:click=move |_| r_reset.reset()>"↺ Reset"</button>
            <span class="group" id="step-group" role="group" aria-label="single step">
                <button id="step" title="s: one iteration (kD discriminator + kG generator updates)"
                    on:click=move |_| r_both.step(Phase::Both)>"Step"</button>
                <button id="step-d" title="kD discriminator updates only" on:click=move |_| r_d.step(Phase::DiscriminatorOnly)>"D only"</button>
                <button id="step-g" title="kG generator updates only" on:click=move |_| r_g.step(Phase::GeneratorOnly)>"G only"</button>
            </span>
            <label class="speed">
                "Iterations per frame "
                <input type="range" min="1" max="100" id="steps-per-frame"
                    prop:value=move || ui.steps_per_frame.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse() { ui.steps_per_frame.set(v) }
                    } />
                <output>{move || ui.steps_per_frame.get()}</output>
            </label>
            <span class="meter" title="iterations per second, and milliseconds per animation frame">
                {move || format!("{:.0} it/s · {:.0} ms/frame", ui.steps_per_second.get(), ui.frame_ms.get())}
            </span>
            <span class="backend">
                <span id="backend-name">{move || match ui.backend.get() {
                    Some("webgpu") => "WebGPU (GPU)",
                    Some("cpu") => "CPU (WebAssembly)",
                    _ => "starting…",
                }}</span>
                {move || other_backend().map(|kind| {
                    view! {
                        <button id="switch-backend" on:click=move |_| r_backend.with_value(|r| r.switch_backend(kind))>
                            {format!("Use {}", if kind == BackendKind::Cpu { "CPU" } else { "WebGPU" })}
                        </button>
                    }
                })}
            </span>
        </nav>
    }
}

/// Space toggles play / pause, `s` steps once; not while typing in a field.
pub fn keyboard_shortcuts(ui: Ui, runner: Runner) {
    let handle = window_event_listener(ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if typing || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            " " => {
                ev.prevent_default();
                ui.playing.update(|p| *p = !*p);
            }
            "s" => runner.step(Phase::Both),
            _ => {}
        }
    });
    // The page lives as long as the tab: keep the listener.
    std::mem::forget(handle);
}
