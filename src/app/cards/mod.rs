//! The theory cards: one idea of the course notes each, typeset, with the numbers of the batch
//! just trained. Every number comes from `explain.rs` or `theory.rs`, the code the tests check
//! against the optimiser's losses.

pub mod bce;
pub mod cross_entropy;
pub mod entropy;
pub mod game;
pub mod information;
pub mod players;

use leptos::html::Details;
use leptos::prelude::*;

use super::Ui;

/// A collapsible card; slow motion opens and highlights the card of its current stage.
#[component]
pub fn Card(ui: Ui, id: &'static str, title: &'static str, #[prop(optional)] open: bool, children: Children) -> impl IntoView {
    let details = NodeRef::<Details>::new();
    let highlighted = Memo::new(move |_| ui.slow.with(|s| s.as_ref().is_some_and(|(_, stage)| stage.card() == id)));
    Effect::new(move |_| {
        if highlighted.get()
            && let Some(d) = details.get()
        {
            d.set_open(true);
        }
    });
    view! {
        <details class="card" id=id node_ref=details open=open class:highlight=move || highlighted.get()>
            <summary>{title}</summary>
            <div class="card-body">{children()}</div>
        </details>
    }
}

/// A number for text: `digits` decimals, "∞" for infinity, "–" when missing.
pub fn show(v: Option<f64>, digits: usize) -> String {
    match v {
        None => "–".into(),
        Some(v) if v.is_nan() => "NaN".into(),
        Some(v) if v == f64::INFINITY => "∞".into(),
        Some(v) if v == f64::NEG_INFINITY => "−∞".into(),
        Some(v) => format!("{v:.digits$}").replace('-', "−"),
    }
}
