//! Information h(x) = -log P(x): the surprise of one event. Pick a sample of the batch and see
//! how surprised D is by the right answer; rare events carry more information.

use leptos::prelude::*;

use super::{Card, show};
use crate::app::{Ui, tex};
use crate::config::LossKind;
use crate::explain::{self, Label};
use crate::theory::{self, Unit};

#[component]
pub fn Information(ui: Ui) -> impl IntoView {
    let term = move || ui.shown.with(|s| s.as_ref().and_then(|s| explain::term(s, ui.picked.get().0, ui.picked.get().1)));
    let probability_loss = move || ui.shown.with(|s| s.as_ref().is_some_and(|s| matches!(s.loss, LossKind::Minimax | LossKind::NonSaturating)));
    let batch = move || ui.shown.with(|s| s.as_ref().map_or(0, |s| s.fake.len().min(s.real.len())));
    let pick_label = move |label: Label| {
        move |_| ui.picked.update(|p| p.0 = label)
    };
    let filled = move || {
        let t = term()?;
        let unit = ui.unit.get();
        let p = if t.label == Label::Real { t.d } else { 1.0 - t.d };
        let (log, what) = match unit {
            Unit::Bits => (r"\log_2", "bits"),
            Unit::Nats => (r"\ln", "nats"),
        };
        let answer = if t.label == Label::Real { r"P(\text{real}) = D(x)" } else { r"P(\text{fake}) = 1 - D(x)" };
        Some(tex::block(format!(
            r"{answer} = {p}, \qquad h = -{log}({p}) = {h}\ \text{{{what}}}",
            p = tex::num(p, 4),
            h = tex::num(explain::surprise(&t, unit), 3)
        )))
    };
    let examples = move || {
        let unit = ui.unit.get();
        [(0.5, "½"), (0.125, "⅛"), (1.0 / 1024.0, "1/1024")]
            .map(|(p, name)| format!("P = {name} carries {} {}", show(Some(theory::information(p, unit)), 2), unit.symbol()))
            .join("; ")
    };
    view! {
        <Card ui=ui id="card-information" title="Information: h(x) = −log P(x)">
            <p>
                "The information of an event is the surprise it brings: "
                {tex::inline(r"h(x) = -\log P(x)")}
                ". Likely events tell us little, rare events a lot. "
                {examples}"."
            </p>
            <p class="picker">
                "Sample: "
                <button id="pick-real" class:active=move || ui.picked.get().0 == Label::Real on:click=pick_label(Label::Real)>"real"</button>
                <button id="pick-fake" class:active=move || ui.picked.get().0 == Label::Fake on:click=pick_label(Label::Fake)>"fake"</button>
                <input type="range" id="pick-sample" min="0" max=move || batch().saturating_sub(1).to_string()
                    prop:value=move || ui.picked.get().1.to_string()
                    on:input=move |ev| if let Ok(i) = event_target_value(&ev).parse() { ui.picked.update(|p| p.1 = i) } />
                <span class="muted">{move || format!("#{} (ringed on the plane; or click a point)", ui.picked.get().1 + 1)}</span>
            </p>
            {move || match term() {
                None => view! { <p class="muted">"Train a step to see D's answers."</p> }.into_any(),
                Some(t) => view! {
                    <dl class="numbers">
                        <dt>"point"</dt><dd>{format!("({:.3}, {:.3}), {}", t.point[0], t.point[1], if t.label == Label::Real { "real" } else { "fake" })}</dd>
                        <dt>"D(x)"</dt><dd id="info-d">{show(Some(t.d), 4)}</dd>
                        <dt>"surprise, bits"</dt><dd id="info-bits">{show(Some(explain::surprise(&t, Unit::Bits)), 3)}</dd>
                        <dt>"surprise, nats"</dt><dd id="info-nats">{show(Some(explain::surprise(&t, Unit::Nats)), 3)}</dd>
                    </dl>
                }.into_any(),
            }}
            {move || if probability_loss() {
                view! {
                    {filled}
                    <p>"This surprise, in nats, is exactly what the sample adds to D's loss (the BCE card): D is trained to be less surprised by the truth."</p>
                }.into_any()
            } else {
                view! { <p class="muted">"This run's loss does not make D(x) a probability; pick the minimax or non-saturating loss to read D's answers as probabilities."</p> }.into_any()
            }}
        </Card>
    }
}
