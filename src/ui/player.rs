//! The player: exercise, leg, count, phase and the controls, large enough to read from a mat.

use super::use_app;
use crate::core::display::{countdown, leg_class, next_up, phase_label, phase_name, rep_count};
use crate::core::session::{CountMode, Event, Phase};
use crate::core::text::fill;
use leptos::prelude::*;

#[component]
pub fn Player() -> impl IntoView {
    let app = use_app();
    let (routine, text) = (app.routine, app.text);
    // Each piece of the screen reads only what it shows, so a tick repaints only what changed.
    let exercise = Memo::new(move |_| app.session.with(|s| s.as_ref().map_or(0, |s| s.exercise)));
    let leg = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.leg)));
    let phase = Memo::new(move |_| app.session.with(|s| s.as_ref().map(|s| s.phase)));
    let paused = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().is_some_and(|s| s.is_paused()))
    });
    let mode = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(CountMode::Guided, |s| s.options.mode))
    });

    let name = move || routine.exercises[exercise.get()].name.clone();
    let position = move || {
        fill(
            &text.ui.exercise_of,
            &[
                ("n", &(exercise.get() + 1)),
                ("total", &routine.exercises.len()),
            ],
        )
    };
    let leg_label = move || {
        leg.get()
            .map(|l| text.leg(l).to_owned())
            .unwrap_or_default()
    };
    let leg_css = move || leg.get().map(leg_class).unwrap_or_default();
    let count = move || {
        app.session
            .with(|s| s.as_ref().map(|s| rep_count(text, s)))
            .unwrap_or_default()
    };
    let label = move || {
        app.session
            .with(|s| s.as_ref().map(|s| phase_label(text, s).to_owned()))
            .unwrap_or_default()
    };
    let seconds = move || {
        let now = app.now.get();
        app.session
            .with(|s| s.as_ref().and_then(|s| countdown(s, now)))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let next = move || {
        app.session
            .with(|s| s.as_ref().map(|s| next_up(text, routine, s)))
            .unwrap_or_default()
    };
    let waiting = move || {
        matches!(
            phase.get(),
            Some(Phase::Transition { .. } | Phase::GetReady { .. })
        )
    };
    let tapping = move || mode.get() == CountMode::Tap && phase.get() == Some(Phase::AwaitingRep);

    view! {
        <section
            class=move || format!("player {}", leg_css())
            class:paused=move || paused.get()
            data-phase=move || phase.get().as_ref().map(phase_name).unwrap_or_default()
        >
            <header class="player-header">
                <p class="position">{position}</p>
                <h1 class="player-exercise" data-testid="exercise">{name}</h1>
            </header>
            <p class="leg" data-testid="leg">{leg_label}</p>
            <p class="count" data-testid="count">{count}</p>
            <p class="phase" aria-live="polite">
                <span data-testid="phase">{label}</span>
                " "
                <span class="countdown" data-testid="countdown">{seconds}</span>
            </p>
            <p class="next" data-testid="next">{next}</p>
            <nav class="controls">
                <button class="control" on:click=move |_| app.dispatch(Event::Back)>
                    {text.ui.back.clone()}
                </button>
                <button
                    class="control primary"
                    on:click=move |_| {
                        app.dispatch(if paused.get_untracked() { Event::Resume } else { Event::Pause })
                    }
                >
                    {move || if paused.get() { text.ui.resume.clone() } else { text.ui.pause.clone() }}
                </button>
                <button class="control" on:click=move |_| app.dispatch(Event::Skip)>
                    {text.ui.skip.clone()}
                </button>
                <button class="control" on:click=move |_| app.dispatch(Event::FinishLegEarly)>
                    {text.ui.finish_leg.clone()}
                </button>
                <Show when=waiting>
                    <button class="control" on:click=move |_| app.dispatch(Event::Continue)>
                        {text.ui.go_on.clone()}
                    </button>
                </Show>
                <Show when=tapping>
                    <button class="control primary" on:click=move |_| app.dispatch(Event::RepDone)>
                        {text.ui.phase_awaiting.clone()}
                    </button>
                </Show>
            </nav>
        </section>
    }
}
