//! "Why it learns": the theory cards beside the data plane, with the bits / nats switch.

use leptos::prelude::*;

use super::Ui;
use super::cards::{bce::Bce, cross_entropy::CrossEntropy, entropy::Entropy, game::Game, information::Information, players::Players};
use crate::theory::Unit;

#[component]
pub fn TheoryPanel(ui: Ui) -> impl IntoView {
    let unit_button = move |unit: Unit, id: &'static str| {
        view! {
            <button id=id class:active=move || ui.unit.get() == unit aria-pressed=move || (ui.unit.get() == unit).to_string()
                on:click=move |_| ui.unit.set(unit)>{unit.symbol()}</button>
        }
    };
    view! {
        <section class="theory" aria-label="the information theory behind the training">
            <header class="theory-head">
                <h2>"Why it learns"</h2>
                <span class="group" role="group" aria-label="unit of information">
                    {unit_button(Unit::Bits, "unit-bits")}
                    {unit_button(Unit::Nats, "unit-nats")}
                </span>
            </header>
            <Players ui=ui />
            <Information ui=ui />
            <Entropy ui=ui />
            <CrossEntropy ui=ui />
            <Bce ui=ui />
            <Game ui=ui />
        </section>
    }
}
