//! An editable probability distribution: bars to drag up and down. The weights are normalised
//! to probabilities, so a learner shapes P freely and the sum stays 1.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

const W: f64 = 240.0;
const H: f64 = 90.0;

/// Probabilities from non-negative weights (uniform when all are zero).
pub fn normalised(weights: &[f64]) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    if total > 0.0 { weights.iter().map(|w| w / total).collect() } else { vec![1.0 / weights.len() as f64; weights.len()] }
}

/// Bars for `weights`; dragging (or clicking) a bar sets its height. `class` colours them.
#[component]
pub fn Bars(id: &'static str, weights: RwSignal<Vec<f64>>, class: &'static str) -> impl IntoView {
    let pressed = StoredValue::new(false);
    let set_from = move |ev: &web_sys::PointerEvent| {
        let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let rect = el.get_bounding_client_rect();
        let n = weights.with_untracked(Vec::len);
        let x = (ev.client_x() as f64 - rect.left()) / rect.width();
        let y = (ev.client_y() as f64 - rect.top()) / rect.height();
        let i = ((x * n as f64).floor().max(0.0) as usize).min(n - 1);
        // The label row at the bottom is not part of the bar's height.
        let height = (1.0 - y * H / (H - 14.0)).clamp(0.0, 1.0);
        weights.update(|w| w[i] = height);
    };
    let bars = move || {
        let w = weights.get();
        let p = normalised(&w);
        let top = w.iter().copied().fold(1e-9, f64::max);
        let bw = W / w.len() as f64;
        w.iter()
            .zip(&p)
            .enumerate()
            .map(|(i, (&wi, &pi))| {
                let h = wi / top * (H - 28.0);
                view! {
                    <rect class=class x=i as f64 * bw + 3.0 y=H - 14.0 - h width=bw - 6.0 height=h.max(0.5) />
                    <text x=i as f64 * bw + bw / 2.0 y=H - 16.0 - h text-anchor="middle">{format!("{pi:.2}")}</text>
                    <text x=i as f64 * bw + bw / 2.0 y=H - 2.0 text-anchor="middle">{format!("x{}", i + 1)}</text>
                }
            })
            .collect_view()
    };
    view! {
        <svg class="bars" id=id viewBox=format!("0 0 {W} {H}") role="img" aria-label="a probability distribution; drag a bar to change it"
            on:pointerdown=move |ev| {
                pressed.set_value(true);
                if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
                set_from(&ev);
            }
            on:pointermove=move |ev| if pressed.get_value() { set_from(&ev) }
            on:pointerup=move |_| pressed.set_value(false)>
            {bars}
        </svg>
    }
}
