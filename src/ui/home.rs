//! The routine at a glance: every exercise with today's target, the estimated time, Start.

use super::use_app;
use crate::core::display::{exercise_details, minutes_rounded_up};
use crate::core::session::{Options, Session};
use crate::core::text::fill;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let (routine, text) = (app.routine, app.text);
    let plan = Session::new(routine, Options::default(), |e| e.reps.default);
    let estimate = fill(
        &text.ui.estimate,
        &[("minutes", &minutes_rounded_up(plan.estimate_ms()))],
    );
    let count = fill(&text.ui.exercises_count, &[("n", &routine.exercises.len())]);
    let items = routine
        .exercises
        .iter()
        .zip(&plan.plan)
        .map(|(exercise, planned)| {
            let details = exercise_details(text, exercise, planned.target).join(" · ");
            view! {
                <li class="exercise" data-id=exercise.id.clone()>
                    <span class="exercise-order">{exercise.order}</span>
                    <span class="exercise-name">{exercise.name.clone()}</span>
                    <span class="exercise-details">{details}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="home">
            <header class="home-header">
                <h1 class="app-name">{text.ui.app_name.clone()}</h1>
                <p class="tagline">{text.ui.tagline.clone()}</p>
            </header>
            <div class="home-start">
                <p class="estimate" data-testid="estimate">
                    {count} " · " {estimate}
                </p>
                <button class="big-button start" on:click=move |_| app.start()>
                    {text.ui.start.clone()}
                </button>
            </div>
            <h2 class="routine-title">{routine.title.clone()}</h2>
            <ol class="routine" data-testid="routine">{items}</ol>
        </section>
    }
}
