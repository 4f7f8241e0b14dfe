//! How D scores the latest batch: a histogram of D(x) for the real and the fake samples. At
//! equilibrium both pile up at ½.

use leptos::prelude::*;

use super::Ui;
use crate::config::LossKind;

const BINS: usize = 20;
const W: f64 = 360.0;
const H: f64 = 120.0;

/// Counts of `values` in `BINS` equal bins over [lo, hi].
fn counts(values: impl Iterator<Item = f32>, lo: f32, hi: f32) -> Vec<usize> {
    let mut c = vec![0; BINS];
    for v in values.filter(|v| v.is_finite()) {
        let i = (((v - lo) / (hi - lo)) * BINS as f32).floor().clamp(0.0, (BINS - 1) as f32) as usize;
        c[i] += 1;
    }
    c
}

#[component]
pub fn Histogram(ui: Ui) -> impl IntoView {
    let bars = move || {
        ui.snapshot.with(|s| {
            let Some(s) = s else { return Vec::new() };
            let real: Vec<f32> = s.real_logits.iter().map(|&l| s.d_value(l)).collect();
            let fake: Vec<f32> = s.fake_logits.iter().map(|&l| s.d_value(l)).collect();
            // Probabilities live in [0, 1]; raw outputs (least squares, critic) in their own range.
            let (lo, hi) = match s.loss {
                LossKind::Minimax | LossKind::NonSaturating => (0.0, 1.0),
                _ => {
                    let all = real.iter().chain(&fake).filter(|v| v.is_finite());
                    let lo = all.clone().fold(f32::INFINITY, |a, &b| a.min(b));
                    let hi = all.fold(f32::NEG_INFINITY, |a, &b| a.max(b));
                    if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) }
                }
            };
            let (r, f) = (counts(real.into_iter(), lo, hi), counts(fake.into_iter(), lo, hi));
            let top = r.iter().chain(&f).copied().max().unwrap_or(1).max(1) as f64;
            let bw = W / BINS as f64;
            (0..BINS)
                .flat_map(|i| {
                    let x = i as f64 * bw;
                    [("real", x + 1.0, r[i]), ("fake", x + bw / 2.0, f[i])]
                })
                .map(|(class, x, n)| {
                    let h = n as f64 / top * (H - 14.0);
                    view! { <rect class=class x=x y=H - 14.0 - h width=bw / 2.0 - 1.0 height=h /> }
                })
                .collect::<Vec<_>>()
        })
    };
    let axis = move || {
        ui.snapshot.with(|s| match s.as_ref().map(|s| s.loss) {
            Some(LossKind::Minimax | LossKind::NonSaturating) | None => ("D(x) = 0 (fake)", "½", "1 (real)"),
            _ => ("low", "D's raw output", "high"),
        })
    };
    view! {
        <figure class="chart" id="histogram">
            <figcaption>"D(x) on the latest batch: "<span class="real">"■ real"</span>" "<span class="fake">"■ fake"</span></figcaption>
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label="histogram of D(x) for real and fake samples">
                {bars}
                <text x="2" y=H - 2.0>{move || axis().0}</text>
                <text x=W / 2.0 y=H - 2.0 text-anchor="middle">{move || axis().1}</text>
                <text x=W - 2.0 y=H - 2.0 text-anchor="end">{move || axis().2}</text>
            </svg>
        </figure>
    }
}
