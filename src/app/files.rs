//! Export and import: the generated samples as PNG, the loss and metric history as CSV, the
//! trained model with its configuration; and loading a model file to go on training. A file
//! that is not a valid model gets a message and leaves the run as it was.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Ui;
use super::runner::Runner;
use super::share::toast;
use crate::{history, model_file, plot};

/// Offers `bytes` as a download called `name`.
fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.click();
    web_sys::Url::revoke_object_url(&url).map_err(err)?;
    Ok(())
}

#[component]
pub fn Files(ui: Ui, runner: Runner) -> impl IntoView {
    let report = move |what: &str, r: Result<(), String>| match r {
        Ok(()) => toast(ui, format!("Saved {what}.")),
        Err(e) => ui.error.set(Some(format!("Could not save {what}: {e}"))),
    };
    let samples = move |_| {
        let r = ui.snapshot.with_untracked(|s| {
            let s = s.as_ref().ok_or("nothing trained yet")?;
            let png = plot::png(&s.real, s.generated.as_deref().unwrap_or(&s.fake))?;
            download("ganplay-samples.png", "image/png", &png)
        });
        report("the samples", r);
    };
    let csv = move |_| {
        let text = ui.history.with_untracked(|h| history::to_csv(h));
        report("the history", download("ganplay-history.csv", "text/csv", text.as_bytes()));
    };
    let r_save = runner.clone();
    let save_model = move |_| {
        let Some(pending) = r_save.weights() else { return };
        leptos::task::spawn_local(async move {
            let r = match pending.read().await {
                Ok(weights) => {
                    let iteration = ui.snapshot.with_untracked(|s| s.as_ref().map_or(0, |s| s.iteration));
                    let json = model_file::to_json(&ui.config.get_untracked(), iteration, &weights);
                    download("ganplay-model.json", "application/json", json.as_bytes())
                }
                Err(e) => Err(e.to_string()),
            };
            report("the model", r);
        });
    };
    let runner = StoredValue::new_local(runner);
    let load_model = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        if file.size() > model_file::MAX_BYTES as f64 {
            ui.error.set(Some(format!("Could not load {name}: larger than {} MB, too large for a ganplay model.", model_file::MAX_BYTES >> 20)));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            let loaded = match text {
                Some(text) => model_file::from_json(text.as_bytes()),
                None => Err("the file could not be read as text".into()),
            };
            match loaded {
                Ok(model) => {
                    let at = model.iteration;
                    match runner.with_value(|r| r.load(model)) {
                        Ok(()) => toast(ui, format!("Loaded {name}: training goes on from iteration {at}.")),
                        Err(e) => ui.error.set(Some(format!("Could not load {name}: {e}. The current run is unchanged."))),
                    }
                }
                Err(e) => ui.error.set(Some(format!("Could not load {name}: {e}. The current run is unchanged."))),
            }
        });
    };
    view! {
        <section class="box files" aria-label="export and import">
            <h2>"Export and import"</h2>
            <div class="row">
                <button id="export-png" title="Real (blue) and generated (orange) points" on:click=samples>"Samples (PNG)"</button>
                <button id="export-csv" title="Losses and metrics over the run" on:click=csv>"History (CSV)"</button>
                <button id="export-model" title="Weights and configuration, to load again later" on:click=save_model>"Model"</button>
                <label class="file-button">
                    <input type="file" id="load-model" accept=".json,application/json" on:change=load_model />
                    <span class="button" role="button">"Load a model…"</span>
                </label>
            </div>
        </section>
    }
}
