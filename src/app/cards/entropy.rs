//! Entropy H(X) = -Σ P(xᵢ) log P(xᵢ): the average surprise of a distribution. Drag the bars:
//! a skewed distribution has low entropy, a uniform one the most. Then the entropy of D's own
//! answers on the latest batch.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::bars::{Bars, normalised};
use crate::app::{Ui, tex};
use crate::explain;
use crate::theory::{self, Unit};

/// The sum written out with the distribution's numbers.
pub fn written_out(p: &[f64], unit: Unit) -> String {
    let log = if unit == Unit::Bits { r"\log_2" } else { r"\ln" };
    let terms: Vec<String> = p.iter().map(|&pi| format!("{}\\,{log} {}", tex::num(pi, 2), tex::num(pi, 2))).collect();
    format!(r"H = -\left({}\right) = {}\ \text{{{}}}", terms.join(" + "), tex::num(theory::entropy(p, unit), 3), unit.symbol())
}

#[component]
pub fn Entropy(ui: Ui) -> impl IntoView {
    let weights = RwSignal::new(vec![0.5, 0.25, 0.125, 0.125]);
    let p = move || normalised(&weights.get());
    let h = move || theory::entropy(&p(), ui.unit.get());
    let max = move || theory::entropy(&[0.25; 4], ui.unit.get());
    let preset = move |w: [f64; 4]| move |_| weights.set(w.to_vec());
    let d_entropy = move || ui.shown.with(|s| s.as_ref().and_then(|s| explain::prediction_entropy(s, ui.unit.get())));
    view! {
        <Card ui=ui id="card-entropy" title="Entropy: H(X) = −Σ P(xᵢ) log P(xᵢ)">
            <p>
                "Entropy is the average surprise of a distribution: how many "{move || ui.unit.get().symbol()}
                " it takes, on average, to say which outcome happened. A skewed distribution is predictable (low
                 entropy); a uniform one is the least predictable (the most). Drag the bars."
            </p>
            {tex::block(r"H(X) = -\sum_{i=1}^{n} P(x_i)\,\log P(x_i)")}
            <Bars id="entropy-bars" weights=weights class="p" />
            <p class="presets">
                <button id="entropy-uniform" on:click=preset([1.0; 4])>"uniform"</button>
                <button id="entropy-skewed" on:click=preset([0.5, 0.25, 0.125, 0.125])>"skewed"</button>
                <button id="entropy-certain" on:click=preset([1.0, 0.0, 0.0, 0.0])>"certain"</button>
            </p>
            {move || tex::block(written_out(&p(), ui.unit.get()))}
            <p>
                "H = "<strong id="entropy-value">{move || show(Some(h()), 3)}</strong>" "{move || ui.unit.get().symbol()}
                ", at most "{move || show(Some(max()), 3)}" (uniform over 4 outcomes)."
            </p>
            <p>
                "D's answers are coins too: P(real) = D(x). Their entropy, averaged over the latest batch, is "
                <strong id="entropy-d">{move || show(d_entropy(), 3)}</strong>" "{move || ui.unit.get().symbol()}
                ". It nears 1 bit when D cannot tell (D(x) = ½, the equilibrium) and 0 when D is sure."
            </p>
        </Card>
    }
}
