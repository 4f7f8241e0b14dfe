//! Line charts over iterations: D and G losses with the lines where each settles at
//! equilibrium, and the distance between the real and generated distributions (JS, KL, modes).

use leptos::prelude::*;

use super::{HistoryPoint, Ui};
use crate::theory;

const W: f64 = 360.0;
const H: f64 = 150.0;

/// An SVG polyline's points for `values` (None leaves a gap-free line over the rest).
fn polyline(history: &[HistoryPoint], value: impl Fn(&HistoryPoint) -> Option<f64>, lo: f64, hi: f64) -> String {
    let (first, last) = match (history.first(), history.last()) {
        (Some(a), Some(b)) => (a.iteration as f64, (b.iteration as f64).max(a.iteration as f64 + 1.0)),
        _ => return String::new(),
    };
    history
        .iter()
        .filter_map(|p| value(p).filter(|v| v.is_finite()).map(|v| (p.iteration as f64, v)))
        .map(|(i, v)| format!("{:.1},{:.1}", (i - first) / (last - first) * W, H - (v.clamp(lo, hi) - lo) / (hi - lo) * H))
        .collect::<Vec<_>>()
        .join(" ")
}

fn range(history: &[HistoryPoint], values: &[&dyn Fn(&HistoryPoint) -> Option<f64>], extra: &[f64]) -> (f64, f64) {
    let all = history.iter().flat_map(|p| values.iter().filter_map(move |f| f(p))).chain(extra.iter().copied()).filter(|v| v.is_finite());
    let (lo, hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if lo.is_finite() && hi > lo { (lo - 0.05 * (hi - lo), hi + 0.05 * (hi - lo)) } else { (lo - 1.0, lo + 1.0) }
}

fn y_of(v: f64, lo: f64, hi: f64) -> f64 {
    H - (v - lo) / (hi - lo) * H
}

#[component]
pub fn LossChart(ui: Ui) -> impl IntoView {
    let d = |p: &HistoryPoint| p.d_loss.map(f64::from);
    let g = |p: &HistoryPoint| p.g_loss.map(f64::from);
    let equilibrium = move || theory::equilibrium_losses(ui.config.with(|c| c.loss));
    let bounds = move || {
        let (de, ge) = equilibrium();
        ui.history.with(|h| range(h, &[&d, &g], &[de, ge]))
    };
    view! {
        <figure class="chart" id="loss-chart">
            <figcaption>"Losses "<span class="d">"— D"</span>" "<span class="g">"— G"</span>
                " "<span class="eq">"- - equilibrium"</span></figcaption>
            <svg viewBox=format!("0 0 {W} {H}") preserveAspectRatio="none" role="img" aria-label="D and G losses over iterations">
                {move || {
                    let (lo, hi) = bounds();
                    let (de, ge) = equilibrium();
                    view! {
                        <line class="eq d" x1="0" x2=W y1=y_of(de, lo, hi) y2=y_of(de, lo, hi) />
                        <line class="eq g" x1="0" x2=W y1=y_of(ge, lo, hi) y2=y_of(ge, lo, hi) />
                        <polyline class="d" points=ui.history.with(|h| polyline(h, d, lo, hi)) />
                        <polyline class="g" points=ui.history.with(|h| polyline(h, g, lo, hi)) />
                        <text x="4" y="12">{format!("{hi:.2}")}</text>
                        <text x="4" y=H - 4.0>{format!("{lo:.2}")}</text>
                    }
                }}
            </svg>
        </figure>
    }
}

#[component]
pub fn MetricsChart(ui: Ui) -> impl IntoView {
    let js = |p: &HistoryPoint| p.js;
    let latest = move || ui.snapshot.with(|s| s.as_ref().and_then(|s| s.metrics.clone()));
    view! {
        <figure class="chart" id="metrics-chart">
            <figcaption>
                "Real vs generated: "<span class="js">"JS divergence"</span>
                {move || latest().map(|m| {
                    let modes = match (m.modes_covered, m.modes_total) {
                        (Some(c), Some(t)) => format!(" · modes covered {c} / {t} · {:.0} % high quality", 100.0 * m.high_quality.unwrap_or(0.0)),
                        _ => String::new(),
                    };
                    format!(" {:.3} bits · KL {:.2} bits{modes}", m.js, m.kl)
                })}
            </figcaption>
            <svg viewBox=format!("0 0 {W} {H}") preserveAspectRatio="none" role="img" aria-label="JS divergence over iterations">
                <polyline class="js" points=move || ui.history.with(|h| polyline(h, js, 0.0, 1.0)) />
                <text x="4" y="12">"1 bit"</text>
                <text x="4" y=H - 4.0>"0"</text>
            </svg>
        </figure>
    }
}
