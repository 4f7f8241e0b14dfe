//! The share button: a link with the whole configuration, the seed, the iteration reached and
//! the backend, copied to the clipboard (and shown, for copying by hand).

use leptos::prelude::*;

use super::Ui;
use super::url;
use crate::device::BackendKind;
use crate::link::Link;

/// Shows `message` briefly.
pub fn toast(ui: Ui, message: impl Into<String>) {
    ui.toast.set(Some(message.into()));
    set_timeout(move || ui.toast.set(None), std::time::Duration::from_secs(4));
}

#[component]
pub fn Share(ui: Ui) -> impl IntoView {
    let link = RwSignal::new(String::new());
    let make = move |_| {
        let step = ui.snapshot.with_untracked(|s| s.as_ref().map_or(0, |s| s.iteration));
        let backend = match ui.backend.get_untracked() {
            Some("webgpu") => BackendKind::Wgpu,
            _ => BackendKind::Cpu,
        };
        let share = Link {
            config: ui.config.get_untracked(),
            stop: Some(step),
            backend: Some(backend),
            play: None,
            hide: ui.hidden.get_untracked(),
            lesson: ui.lesson.with_untracked(|l| l.as_ref().map(|(l, _)| l.clone())),
        };
        let url = url::share_url(&share);
        link.set(url.clone());
        let copied = web_sys::window().map(|w| w.navigator().clipboard().write_text(&url));
        leptos::task::spawn_local(async move {
            let ok = match copied {
                Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
                None => false,
            };
            toast(ui, if ok {
                format!("Link copied: it rebuilds this run up to iteration {step}.")
            } else {
                format!("Copy the link below: it rebuilds this run up to iteration {step}.")
            });
        });
    };
    view! {
        <section class="box share" aria-label="share">
            <h2>"Share"</h2>
            <div class="row">
                <button id="share" title="A link that rebuilds this run, up to this iteration" on:click=make>"🔗 Copy a link to this run"</button>
            </div>
            {move || (!link.get().is_empty()).then(|| view! {
                <input id="share-link" readonly prop:value=move || link.get() on:focus=move |ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
                <p class="muted">
                    {move || if ui.backend.get() == Some("cpu") {
                        "On the CPU a run is the same, bit for bit, wherever it is opened."
                    } else {
                        "On WebGPU the numbers may differ in the last digits between machines; on the CPU they do not."
                    }}
                </p>
            })}
        </section>
    }
}
