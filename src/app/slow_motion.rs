//! Slow motion: one iteration taken apart into its stages, each shown on the data plane,
//! narrated, and tied to the theory card that explains it; step forward and back.

use leptos::prelude::*;

use super::Ui;
use super::runner::Runner;
use crate::stages::Stage;

#[component]
pub fn SlowMotion(ui: Ui, runner: Runner) -> impl IntoView {
    let stage = move || ui.slow.with(|s| s.as_ref().map(|(_, stage)| *stage));
    let go = move |to: Stage| ui.slow.update(|s| if let Some((_, stage)) = s { *stage = to });
    let runner = StoredValue::new_local(runner);
    let next = move |_| match stage().and_then(Stage::next) {
        Some(to) => go(to),
        // Past the last stage: the next iteration, in slow motion too.
        None => runner.with_value(Runner::slow_step),
    };
    let back = move |_| {
        if let Some(to) = stage().and_then(Stage::previous) {
            go(to)
        }
    };
    view! {
        <section class="slow-motion" id="slow-motion" aria-label="slow motion">
            {move || match stage() {
                None => view! {
                    <button id="slow-start" title="Pause and replay the next iteration stage by stage"
                        on:click=move |_| runner.with_value(Runner::slow_step)>"◔ Slow motion: one iteration, stage by stage"</button>
                }.into_any(),
                Some(current) => view! {
                    <ol class="stages">
                        {Stage::ALL.iter().map(|&s| view! {
                            <li class:current=s == current class:done=s.index() < current.index()>
                                <button on:click=move |_| go(s)>{s.title()}</button>
                            </li>
                        }).collect_view()}
                    </ol>
                    <p id="narration" data-stage=current.index().to_string()>
                        <strong>{format!("{}. {}: ", current.index() + 1, current.title())}</strong>
                        {current.narration()}
                    </p>
                    <div class="slow-buttons">
                        <button id="stage-back" disabled=current.previous().is_none() on:click=back>"◀ Back"</button>
                        <button id="stage-next" class="primary" on:click=next>
                            {if current.next().is_some() { "Next ▶" } else { "Next iteration ▶" }}
                        </button>
                        <button id="slow-exit" on:click=move |_| ui.slow.set(None)>"Done"</button>
                    </div>
                }.into_any(),
            }}
        </section>
    }
}
