//! The benchmark's view of the page: `?bench=cpu` (or `webgpu`) trains GAN Lab's ring model for
//! `seconds` (default 10), reading the losses back every `every` iterations (default 50), and
//! writes the result as JSON into `#bench`. `bench/run.mjs` opens it beside TF.js; anyone can
//! open it to measure their own machine.

use leptos::prelude::*;

use crate::bench::{self, READBACK_EVERY};
use crate::device::{self, BackendKind};
use crate::{Config, DatasetKind, Trainer};

/// The benchmark's settings, when the query asks for one.
pub struct Request {
    backend: BackendKind,
    seconds: f64,
    every: usize,
}

impl Request {
    /// Reads `?bench=…&seconds=…&every=…` from the page's address.
    pub fn from_location() -> Option<Self> {
        let search = web_sys::window()?.location().search().ok()?;
        let mut request = Request { backend: BackendKind::Cpu, seconds: 10.0, every: READBACK_EVERY };
        let mut asked = false;
        for (key, value) in search.trim_start_matches('?').split('&').filter_map(|kv| kv.split_once('=')) {
            match key {
                "bench" => {
                    asked = true;
                    request.backend = if value == "webgpu" { BackendKind::Wgpu } else { BackendKind::Cpu };
                }
                "seconds" => request.seconds = value.parse().unwrap_or(request.seconds),
                "every" => request.every = value.parse().unwrap_or(request.every),
                _ => {}
            }
        }
        asked.then_some(request)
    }
}

fn now_seconds() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now() / 1000.0)
}

async fn run(request: &Request) -> Result<serde_json::Value, String> {
    let device = device::device(request.backend).await?;
    let config = Config::ganlab(DatasetKind::Ring);
    let mut trainer = Trainer::new(config.clone(), &device).map_err(|e| e.to_string())?;
    let speed = bench::measure(&mut trainer, request.seconds, request.every, now_seconds).await.map_err(|e| e.to_string())?;
    Ok(serde_json::json!({
        "framework": "ganplay",
        "backend": request.backend.name(),
        "model": "GAN Lab ring: G 2-10-10-2, D 2-9-9-9-1, batch 150, SGD, kD 3 : kG 1",
        "readback_every": request.every,
        "speed": speed,
    }))
}

#[component]
pub fn Bench(request: Request) -> impl IntoView {
    let result = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        let json = match run(&request).await {
            Ok(v) => v,
            Err(e) => serde_json::json!({ "framework": "ganplay", "backend": request.backend.name(), "error": e }),
        };
        result.set(Some(json.to_string()));
    });
    view! {
        <main class="bench">
            <h1>"ganplay benchmark"</h1>
            {move || match result.get() {
                None => view! { <p>"Training GAN Lab's ring model…"</p> }.into_any(),
                Some(json) => view! { <pre id="bench">{json}</pre> }.into_any(),
            }}
        </main>
    }
}
