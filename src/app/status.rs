//! The run's numbers in words, and in `#status`'s data attributes for tests and benchmarks.

use leptos::prelude::*;

use super::Ui;

#[component]
pub fn Status(ui: Ui) -> impl IntoView {
    let step = move || ui.snapshot.with(|s| s.as_ref().map_or(0, |s| s.iteration));
    let loss_value = move |d: bool| ui.snapshot.with(|s| s.as_ref().and_then(|s| if d { s.d_loss } else { s.g_loss }));
    // Data attributes carry every digit (a shared run must match bit for bit); the text, four.
    let loss = move |d: bool| loss_value(d).map(|v| v.to_string()).unwrap_or_default();
    let loss_text = move |d: bool| loss_value(d).map(|v| format!("{v:.4}")).unwrap_or_default();
    // A fingerprint of G's output on the fixed evaluation noise: equal exactly when G is unchanged.
    let g_checksum = move || {
        ui.snapshot.with(|s| {
            s.as_ref().and_then(|s| s.generated.as_ref()).map_or(String::new(), |g| {
                format!("{:.6}", g.iter().map(|p| p[0] as f64 * 1.7 + p[1] as f64).sum::<f64>())
            })
        })
    };
    view! {
        <dl id="status"
            data-g-checksum=g_checksum
            data-playing=move || ui.playing.get().to_string()
            data-reading=move || ui.reading.get().to_string()
            data-backend=move || ui.backend.get().unwrap_or("starting")
            data-step=move || step().to_string()
            data-steps-per-second=move || format!("{:.1}", ui.steps_per_second.get())
            data-d-loss=move || loss(true)
            data-g-loss=move || loss(false)>
            <dt>"Backend"</dt><dd>{move || ui.backend.get().unwrap_or("starting…")}</dd>
            <dt>"Iteration"</dt><dd>{step}</dd>
            <dt>"Iterations/s"</dt><dd>{move || format!("{:.1}", ui.steps_per_second.get())}</dd>
            <dt>"D loss"</dt><dd>{move || loss_text(true)}</dd>
            <dt>"G loss"</dt><dd>{move || loss_text(false)}</dd>
        </dl>
    }
}
