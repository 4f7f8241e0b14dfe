//! The notes' first idea: G and D as two agents that learn by trial and error, each from the
//! reward the other gives.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::Ui;
use crate::app::tex;
use crate::config::LossKind;

#[component]
pub fn Players(ui: Ui) -> impl IntoView {
    // (share D gets right, share of fakes that fool D, mean D on real, mean D on fake)
    let scores = move || {
        ui.shown.with(|s| {
            let s = s.as_ref()?;
            if s.real_logits.is_empty() || s.fake_logits.is_empty() {
                return None;
            }
            let real: Vec<f64> = s.real_logits.iter().map(|&l| s.d_value(l) as f64).collect();
            let fake: Vec<f64> = s.fake_logits.iter().map(|&l| s.d_value(l) as f64).collect();
            let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
            // A verdict needs a threshold: ½ for the probability and least-squares losses, the
            // middle of the two means for the critic, whose scores have no fixed scale.
            let cut = if s.loss == LossKind::WassersteinGp { (mean(&real) + mean(&fake)) / 2.0 } else { 0.5 };
            let right = real.iter().filter(|&&d| d > cut).count() + fake.iter().filter(|&&d| d <= cut).count();
            let fooled = fake.iter().filter(|&&d| d > cut).count();
            Some((
                right as f64 / (real.len() + fake.len()) as f64,
                fooled as f64 / fake.len() as f64,
                mean(&real),
                mean(&fake),
            ))
        })
    };
    let pct = move |f: fn(&(f64, f64, f64, f64)) -> f64| move || scores().map_or("–".into(), |v| format!("{:.0}%", 100.0 * f(&v)));
    let num = move |f: fn(&(f64, f64, f64, f64)) -> f64| move || show(scores().map(|v| f(&v)), 3);
    view! {
        <Card ui=ui id="card-players" title="Two players learning by trial and error">
            <p>
                "Like the agents of reinforcement learning, G and D learn by trial and error, each chasing the
                 reward the other one gives. D is rewarded for telling real points from fakes; G is rewarded when D
                 takes its fakes for real. Neither sees the data's distribution: G only ever hears what D says."
            </p>
            {tex::block(r"\underbrace{\max_D}_{\text{D: tell them apart}} \quad \underbrace{\min_G}_{\text{G: fool D}} \quad V(D, G)")}
            <dl class="numbers">
                <dt>"D is right about"</dt><dd id="players-right">{pct(|v| v.0)}" of the latest batch"</dd>
                <dt>"G fools D with"</dt><dd id="players-fooled">{pct(|v| v.1)}" of its fakes"</dd>
                <dt>"mean D(x), real"</dt><dd>{num(|v| v.2)}</dd>
                <dt>"mean D(G(z)), fake"</dt><dd>{num(|v| v.3)}</dd>
            </dl>
        </Card>
    }
}
