//! The end of a routine: time taken and each leg's reps.

use super::use_app;
use crate::core::display::{duration, outcome};
use crate::core::text::fill;
use leptos::prelude::*;

/// The summary, a wasm chunk of its own (`#[lazy]`), fetched soon after the first paint.
#[lazy]
pub fn summary_screen() -> AnyView {
    // Untracked, as a component is built: a `Suspend` reruns its future whenever a signal read
    // in it changes, which would rebuild the screen on every tick.
    untrack(|| Summary().into_any())
}

#[component]
pub fn Summary() -> impl IntoView {
    let app = use_app();
    let (routine, text) = (app.routine(), app.text());
    let Some(session) = app.session.get_untracked() else {
        return ().into_any();
    };
    let time = duration(text, session.elapsed_ms(app.now.get_untracked()));
    // One row per set, in the order done; a set after the first says which.
    let rows = session
        .plan
        .iter()
        .zip(&session.results)
        .map(|(planned, result)| {
            let name = routine
                .exercise(&planned.id)
                .map_or("", |e| e.name.as_str());
            let label = match planned.sets > 1 {
                true => format!(
                    "{name} · {}",
                    fill(
                        text.ui.set_of,
                        &[("set", &planned.set), ("sets", &planned.sets)]
                    )
                ),
                false => name.to_owned(),
            };
            view! {
                <tr data-id=planned.id.clone() data-set=planned.set>
                    <th scope="row">{label}</th>
                    <td>{outcome(text, result[0].as_ref())}</td>
                    <td>{outcome(text, result[1].as_ref())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="summary">
            <h1>{text.ui.summary_title}</h1>
            <p class="summary-time" data-testid="summary-time">{time}</p>
            <table class="summary-table" data-testid="summary">
                <thead>
                    <tr>
                        <th></th>
                        <th scope="col">{text.ui.summary_left}</th>
                        <th scope="col">{text.ui.summary_right}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <button class="big-button" on:click=move |_| app.go_home()>
                {text.ui.home}
            </button>
        </section>
    }
    .into_any()
}
