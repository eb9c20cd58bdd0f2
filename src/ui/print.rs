//! The routine on paper: every exercise's start and top positions, target, per-leg note and
//! instructions, on two pages. The home screen builds it when printing begins (the browser's own
//! Print as well as the button) and removes it after; only the print stylesheet shows it.

use super::figure::StillFigure;
use super::use_app;
use crate::core::display::exercise_details;
use leptos::prelude::*;

#[component]
pub fn PrintRoutine() -> impl IntoView {
    let app = use_app();
    let (routine, text) = (app.routine(), app.text());
    let ui = &text.ui;
    let exercises = routine
        .exercises
        .iter()
        .enumerate()
        // What the user turned off is not on their page.
        .filter(|(_, e)| !e.off)
        .map(|(i, e)| {
            let details = exercise_details(text, e, e.reps.default).join(" · ");
            view! {
                <li class="print-exercise" data-id=e.id.clone()>
                    <div class="print-figures">
                        <figure>
                            <StillFigure exercise=i progress=0.0 label=ui.figure_start.to_owned() />
                            <figcaption>{ui.figure_start}</figcaption>
                        </figure>
                        <figure>
                            <StillFigure exercise=i progress=1.0 label=ui.figure_top.to_owned() />
                            <figcaption>{ui.figure_top}</figcaption>
                        </figure>
                    </div>
                    <div class="print-text">
                        <h2>{e.name.clone()}</h2>
                        <p class="print-details">{details}</p>
                        <p>{e.instructions.clone()}</p>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="print-routine" data-testid="print-routine">
            <h1>{routine.title.clone()}</h1>
            <ol class="print-list">{exercises}</ol>
        </section>
    }
}
