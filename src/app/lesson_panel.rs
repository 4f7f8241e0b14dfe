//! A lesson beside the page: its numbered steps, the current one's text, and "next" / "back".
//! Opening a step applies its setup (the run restarts from the seed) and plays or pauses.

use leptos::prelude::*;

use super::Ui;
use super::runner::Runner;
use crate::lesson::{self, Lesson};
use crate::link;

/// Shows `lesson` from its first step.
pub fn open(ui: Ui, runner: &Runner, lesson: Lesson) {
    ui.lesson.set(Some((lesson, 0)));
    go_to(ui, runner, 0);
}

/// Opens step `index` of the current lesson.
fn go_to(ui: Ui, runner: &Runner, index: usize) {
    let Some(step) = ui.lesson.with_untracked(|l| l.as_ref().and_then(|(l, _)| l.steps.get(index).cloned())) else { return };
    ui.lesson.update(|l| {
        if let Some((_, i)) = l {
            *i = index;
        }
    });
    if let Some(setup) = &step.setup {
        // Checked when the lesson was read; a failure here is still reported, not hidden.
        match link::from_query(setup) {
            Ok(config) => {
                runner.set_config(config);
                runner.reset();
            }
            Err(e) => ui.error.set(Some(format!("This lesson step's setup could not be used: {e}"))),
        }
    }
    if let Some(play) = step.play {
        ui.playing.set(play);
    }
}

#[component]
pub fn LessonPanel(ui: Ui, runner: Runner) -> impl IntoView {
    let runner = StoredValue::new_local(runner);
    let step = move |delta: isize| {
        let Some(i) = ui.lesson.with_untracked(|l| l.as_ref().map(|(_, i)| *i)) else { return };
        runner.with_value(|r| go_to(ui, r, i.saturating_add_signed(delta)));
    };
    let choose = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if let Some((_, lesson)) = lesson::builtin().into_iter().find(|(n, _)| *n == name) {
            runner.with_value(|r| open(ui, r, lesson));
        }
    };
    view! {
        {move || match ui.lesson.get() {
            None => view! {
                <p class="lessons">
                    <label>"Lessons: "
                        <select id="lesson-choice" on:change=choose>
                            <option value="" selected=true>"choose one…"</option>
                            {lesson::builtin().into_iter().map(|(name, l)| view! { <option value=name>{l.title}</option> }).collect_view()}
                        </select>
                    </label>
                </p>
            }.into_any(),
            Some((lesson, current)) => {
                let last = lesson.steps.len() - 1;
                view! {
                    <aside class="lesson" id="lesson" data-step=current.to_string() aria-label="lesson">
                        <h2>{lesson.title.clone()}</h2>
                        <ol>
                            {lesson.steps.iter().enumerate().map(|(i, s)| view! {
                                <li class:current=i == current>{if i == current { s.text.clone() } else { first_words(&s.text) }}</li>
                            }).collect_view()}
                        </ol>
                        <div class="row">
                            <button id="lesson-back" disabled=current == 0 on:click=move |_| step(-1)>"◀ Back"</button>
                            <button id="lesson-next" class="primary" disabled=current == last on:click=move |_| step(1)>"Next ▶"</button>
                            <button id="lesson-close" on:click=move |_| ui.lesson.set(None)>"Close the lesson"</button>
                        </div>
                    </aside>
                }.into_any()
            }
        }}
    }
}

/// The start of a step's text, for the steps not shown in full.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(8).collect();
    format!("{}…", words.join(" "))
}
