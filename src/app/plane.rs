//! The data plane: D's decision heatmap, G's manifold as a warped grid, real points, generated
//! points coloured by D(x), and the gradient arrows ∂D/∂x at the fakes, each toggleable; on the
//! "Your drawing" dataset, the mouse draws the real distribution; otherwise a click picks the
//! nearest sample for the information card. In slow motion it shows the stage's moment.

use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::CanvasRenderingContext2d;

use super::runner::Runner;
use super::{Layers, Ui};
use crate::config::MAX_DRAWN_POINTS;
use crate::data::DatasetKind;
use crate::explain::Label;
use crate::snapshot::Snapshot;

const SIZE: f64 = 480.0;

/// Colour of D(x) = `d` (clamped to [0, 1]): green where D says "real", purple where "fake".
fn d_colour(d: f32, alpha: f32) -> String {
    let d = d.clamp(0.0, 1.0);
    let mix = |a: f32, b: f32| (a + (b - a) * d) as u8;
    format!("rgba({},{},{},{alpha})", mix(128.0, 30.0), mix(60.0, 150.0), mix(200.0, 90.0))
}

#[component]
pub fn Plane(ui: Ui, runner: Runner) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let Some(ctx) = el.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok()) else {
            return;
        };
        // Slow motion shows every layer its stage has.
        let slow = ui.slow.with(Option::is_some);
        let layers = if slow { Layers { heatmap: true, manifold: true, real: true, fake: true, arrows: true } } else { ui.layers.get() };
        let drawn = ui.config.with(|c| if c.dataset == DatasetKind::Drawn { c.drawn_points.clone() } else { Vec::new() });
        let picked = ui.picked.get();
        ui.shown.with(|s| draw(&ctx, s.as_ref(), layers, &drawn, picked));
    });
    // A click (not drawing) picks the nearest sample of the batch.
    let pick = move |ev: &web_sys::PointerEvent| {
        let Some(el) = canvas.get_untracked() else { return };
        let rect = el.get_bounding_client_rect();
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width()) as f32;
        let y = (1.0 - (ev.client_y() as f64 - rect.top()) / rect.height()) as f32;
        let nearest = ui.shown.with_untracked(|s| {
            let s = s.as_ref()?;
            let d2 = |p: &[f32; 2]| (p[0] - x).powi(2) + (p[1] - y).powi(2);
            let real = s.real.iter().enumerate().map(|(i, p)| (d2(p), Label::Real, i));
            let fake = s.fake.iter().enumerate().map(|(i, p)| (d2(p), Label::Fake, i));
            real.chain(fake).min_by(|a, b| a.0.total_cmp(&b.0))
        });
        if let Some((_, label, i)) = nearest {
            ui.picked.set((label, i));
        }
    };
    let pressed = StoredValue::new(false);
    let add_point = move |ev: &web_sys::PointerEvent| {
        if !ui.drawing.get_untracked() || !pressed.get_value() {
            return;
        }
        let Some(el) = canvas.get_untracked() else { return };
        let rect = el.get_bounding_client_rect();
        let x = ((ev.client_x() as f64 - rect.left()) / rect.width()) as f32;
        let y = (1.0 - (ev.client_y() as f64 - rect.top()) / rect.height()) as f32;
        if (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y) {
            ui.config.update(|c| {
                if c.drawn_points.len() < MAX_DRAWN_POINTS {
                    c.drawn_points.push([x, y]);
                }
            });
        }
    };
    let r_up = runner.clone();
    let toggle = move |name: &'static str, label: &'static str, get: fn(&Layers) -> bool, set: fn(&mut Layers, bool)| {
        let r = runner.clone();
        view! {
            <label class="toggle">
                <input type="checkbox" id=name prop:checked=move || ui.layers.with(get)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ui.layers.update(|l| set(l, on));
                        r.refresh();
                    } />
                {label}
            </label>
        }
    };
    view! {
        <figure class="plane">
            <canvas id="plane" node_ref=canvas width=SIZE height=SIZE aria-label="data plane"
                class:drawing=move || ui.drawing.get()
                on:pointerdown=move |ev| {
                    if !ui.drawing.get_untracked() {
                        pick(&ev);
                        return;
                    }
                    pressed.set_value(true);
                    if ui.drawing.get_untracked() && ui.config.with_untracked(|c| c.dataset == DatasetKind::Drawn) {
                        ui.config.update(|c| c.drawn_points.clear());
                    }
                    add_point(&ev);
                }
                on:pointermove=move |ev| add_point(&ev)
                on:pointerup=move |_| {
                    pressed.set_value(false);
                    if ui.drawing.get_untracked() {
                        // The drawing is done: train on it.
                        let mut c = ui.config.get_untracked();
                        c.dataset = DatasetKind::Drawn;
                        if c.drawn_points.is_empty() { return; }
                        r_up.set_config(c);
                    }
                }></canvas>
            <figcaption class="layers">
                {toggle("show-heatmap", "D heatmap", |l| l.heatmap, |l, v| l.heatmap = v)}
                {toggle("show-manifold", "G manifold", |l| l.manifold, |l, v| l.manifold = v)}
                {toggle("show-real", "real", |l| l.real, |l, v| l.real = v)}
                {toggle("show-fake", "fake", |l| l.fake, |l, v| l.fake = v)}
                {toggle("show-arrows", "∂D/∂x arrows", |l| l.arrows, |l, v| l.arrows = v)}
                <label class="toggle">
                    <input type="checkbox" id="draw" prop:checked=move || ui.drawing.get()
                        on:change=move |ev| ui.drawing.set(event_target_checked(&ev)) />
                    "draw data"
                </label>
            </figcaption>
        </figure>
    }
}

fn to_px(p: [f32; 2]) -> (f64, f64) {
    (p[0] as f64 * SIZE, (1.0 - p[1] as f64) * SIZE)
}

fn draw(ctx: &CanvasRenderingContext2d, snapshot: Option<&Snapshot>, layers: Layers, drawn: &[[f32; 2]], picked: (Label, usize)) {
    ctx.set_fill_style_str("#f4f4f6");
    ctx.fill_rect(0.0, 0.0, SIZE, SIZE);
    let dot = |p: [f32; 2], r: f64, color: &str| {
        let (x, y) = to_px(p);
        ctx.set_fill_style_str(color);
        ctx.begin_path();
        let _ = ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        ctx.fill();
    };
    let Some(s) = snapshot else {
        for &p in drawn {
            dot(p, 2.0, "#2ca02c");
        }
        return;
    };
    if let Some(h) = s.heatmap.as_ref().filter(|_| layers.heatmap) {
        let cell = SIZE / h.cells as f64;
        for (k, &v) in h.values.iter().enumerate() {
            let (i, j) = (k % h.cells, k / h.cells);
            ctx.set_fill_style_str(&d_colour(v, 0.28));
            ctx.fill_rect(i as f64 * cell, SIZE - (j + 1) as f64 * cell, cell + 0.6, cell + 0.6);
        }
    }
    if let Some(m) = s.manifold.as_ref().filter(|_| layers.manifold) {
        ctx.set_stroke_style_str("rgba(70,70,80,0.45)");
        ctx.set_line_width(1.0);
        let rows = m.rows / m.side;
        let line = |points: &mut dyn Iterator<Item = [f32; 2]>| {
            ctx.begin_path();
            for (n, p) in points.enumerate() {
                let (x, y) = to_px(p);
                if n == 0 { ctx.move_to(x, y) } else { ctx.line_to(x, y) }
            }
            ctx.stroke();
        };
        for r in 0..rows.max(1) {
            line(&mut m.points[r * m.side..(r + 1) * m.side].iter().copied());
        }
        for c in 0..m.side.min(if rows > 1 { m.side } else { 0 }) {
            line(&mut (0..rows).map(|r| m.points[r * m.side + c]));
        }
    }
    if layers.real {
        for &p in drawn {
            dot(p, 1.5, "rgba(44,160,44,0.35)");
        }
        for &p in &s.real {
            dot(p, 3.0, "#2ca02c");
        }
    }
    if layers.fake {
        // Fakes D has not scored yet (slow motion) are grey.
        let scored = s.fake_logits.len() == s.fake.len();
        for (k, p) in s.fake.iter().enumerate() {
            let colour = if scored { d_colour(s.d_value(s.fake_logits[k]), 1.0) } else { "#9a9aa5".to_string() };
            dot(*p, 3.0, &colour);
            let (x, y) = to_px(*p);
            ctx.set_stroke_style_str("rgba(0,0,0,0.35)");
            ctx.begin_path();
            let _ = ctx.arc(x, y, 3.0, 0.0, std::f64::consts::TAU);
            ctx.stroke();
        }
    }
    if let Some(g) = s.gradients.as_ref().filter(|_| layers.arrows) {
        // Arrows show the direction that raises D; scaled so the longest is 30 px.
        let longest = g.iter().map(|v| v[0].hypot(v[1])).fold(1e-9f32, f32::max) as f64;
        ctx.set_stroke_style_str("rgba(20,20,20,0.7)");
        for (p, v) in s.fake.iter().zip(g) {
            let (x, y) = to_px(*p);
            let (dx, dy) = (v[0] as f64 / longest * 30.0, -(v[1] as f64) / longest * 30.0);
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x + dx, y + dy);
            ctx.stroke();
        }
    }
    let picked_point = match picked.0 {
        Label::Real if layers.real => s.real.get(picked.1),
        Label::Fake if layers.fake => s.fake.get(picked.1),
        _ => None,
    };
    if let Some(&p) = picked_point {
        let (x, y) = to_px(p);
        ctx.set_stroke_style_str("#e8a317");
        ctx.set_line_width(2.5);
        ctx.begin_path();
        let _ = ctx.arc(x, y, 8.0, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        ctx.set_line_width(1.0);
    }
}
