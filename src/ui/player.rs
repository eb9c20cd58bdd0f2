//! The player: exercise, leg, count, phase and the controls, large enough to read from a mat.
//! In tap mode the whole screen is the rep button.

use super::{AppState, use_app};
use crate::browser::{audio, clock::now_ms, frames, visibility};
use crate::core::display::{
    countdown, current_in_routine, decimal, exercise_position, leg_class, mode_label, next_up,
    phase_label, phase_name, rep_count, set_of, stroke_count,
};
use crate::core::session::{CountMode, Event, Leg, Phase, Session};
use crate::core::text::fill;
use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// Radius of the hold ring, in SVG units.
const RING_R: f64 = 45.0;

/// The player, split into its own wasm chunk (`#[lazy]`), like the history screen: fetched soon
/// after the first paint, so Start finds it loaded.
#[lazy]
pub fn player_screen() -> AnyView {
    // Untracked, as a component is built: a `Suspend` reruns its future whenever a signal read
    // in it changes, which would rebuild the screen on every tick.
    untrack(|| Player().into_any())
}

/// The session catches up with the clock on every animation frame, and at least this often when
/// frames stop (a hidden page). Time itself comes from timestamps either way.
const FRAME_MS: u64 = 250;

/// The clock that moves a session, for as long as the player is on screen, which is exactly while
/// a session is under way (home, the summary and history have no session to move). It lives in
/// the player's chunk with everything a running session needs (`dispatch` and what it calls),
/// so the first load goes without them. Frames run while the session moves, the slower timer
/// while it is under way (paused too: it lets speech that never ended give way).
fn run_session_clock(state: AppState) {
    let running = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.is_active() && !s.is_paused()))
    });
    // Each frame moves the displayed time; the session itself is advanced only when a deadline
    // has passed (and by the slower timer, which also refills the sound look-ahead).
    Effect::new(move |_| {
        if running.get() {
            frames::use_animation_frames(move || {
                let now = now_ms();
                let due = state.session.with_untracked(|s| {
                    s.as_ref()
                        .and_then(Session::next_deadline)
                        .is_some_and(|deadline| deadline <= now)
                });
                if due {
                    state.dispatch(Event::Tick);
                } else if running.try_get_untracked() == Some(true) {
                    state.now.set(now);
                }
            });
        }
    });
    let ticker = set_interval_with_handle(
        move || {
            // `try_`: a timer that outlives the player (a clear that missed) then does nothing.
            if running.try_get_untracked() == Some(true) {
                state.dispatch(Event::Tick);
            }
            state.tick_speech();
        },
        Duration::from_millis(FRAME_MS),
    );
    if let Ok(handle) = ticker {
        on_cleanup(move || handle.clear());
    }

    // Back from hiding: the audio may have been suspended by the system, and the screen shows
    // where the session is now (the next tick would too; this is at once).
    let visible = visibility::use_page_visible();
    Effect::new(move |_| {
        if visible.get() {
            audio::resume_if_interrupted();
            state.dispatch(Event::Tick);
        }
    });

    // Hidden or left (a reload, a closed tab): save where the session is at this moment, so it
    // comes back from here and not from its last change of phase (mid-hold, that is seconds ago).
    // Synchronous listeners, since an effect may not run before the page is gone.
    let save_now = move || {
        state.dispatch(Event::Tick);
        state.save();
    };
    let hiding = window_event_listener(ev::visibilitychange, move |_| {
        if document().hidden() {
            save_now();
        }
    });
    let leaving = window_event_listener(ev::pagehide, move |_| save_now());
    on_cleanup(move || {
        hiding.remove();
        leaving.remove();
    });
}

/// Starts a session from home's Start: a chunk call, so what starts and runs a session stays out
/// of the first load (the chunk is fetched a moment after the first paint, before any tap).
#[lazy]
pub async fn start_session(app: AppState) {
    // One session, however many taps came while this chunk was on its way (or another tab
    // started one meanwhile): the one under way carries on.
    if !app
        .session
        .with_untracked(|s| s.as_ref().is_some_and(Session::is_active))
    {
        app.start();
    }
}

#[component]
pub fn Player() -> impl IntoView {
    let app = use_app();
    run_session_clock(app);
    let (routine, text) = (app.routine(), app.text());
    let ui = &text.ui;
    // Each piece of the screen reads only what it shows, so a tick repaints only what changed.
    // The exercise in the routine (the user's version), found by id: the plan has an entry for
    // each set.
    let exercise = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(0, |s| current_in_routine(routine, s)))
    });
    let place = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or((1, 1), exercise_position))
    });
    let set_of = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().and_then(|s| set_of(text, s)))
    });
    let leg = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(Leg::Left, |s| s.leg))
    });
    let phase = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(Phase::NotStarted, |s| s.phase))
    });
    let paused = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().is_some_and(Session::is_paused))
    });
    let mode = Memo::new(move |_| {
        app.session
            .with(|s| s.as_ref().map_or(CountMode::Guided, |s| s.options.mode))
    });
    let show_info = RwSignal::new(false);

    let name = move || routine.exercises[exercise.get()].name.clone();
    let position = move || {
        fill(
            ui.exercise_of,
            &[("n", &place.get().0), ("total", &place.get().1)],
        )
    };
    let count = move || {
        app.session
            .with(|s| s.as_ref().map(|s| rep_count(text, s)))
            .unwrap_or_default()
    };
    let label = move || {
        let now = app.now.get();
        app.session
            .with(|s| {
                s.as_ref().map(|s| {
                    let label = phase_label(text, s);
                    match stroke_count(s, now) {
                        Some(n) if !s.is_paused() => {
                            fill(ui.stroke_count, &[("label", &label), ("n", &n)])
                        }
                        _ => label.to_owned(),
                    }
                })
            })
            .unwrap_or_default()
    };
    let seconds = move || {
        let now = app.now.get();
        app.session
            .with(|s| s.as_ref().and_then(|s| countdown(s, now)))
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    // The ring empties over a hold or countdown; the bar fills over a stroke.
    let ring_offset = move || {
        let now = app.now.get();
        let progress = app.session.with(|s| {
            s.as_ref().and_then(|s| match s.phase {
                Phase::Holding { .. } => s.phase_progress(now),
                _ => None,
            })
        });
        let circumference = 2.0 * std::f64::consts::PI * RING_R;
        decimal(circumference * progress.unwrap_or(1.0), 1)
    };
    let stroke_progress = move || {
        let now = app.now.get();
        let progress = app.session.with(|s| {
            s.as_ref().and_then(|s| match s.phase {
                Phase::Lifting { .. } => s.phase_progress(now),
                Phase::Lowering { .. } => s.phase_progress(now).map(|p| 1.0 - p),
                Phase::Holding { .. } => Some(1.0),
                _ => None,
            })
        });
        format!("{}%", decimal(progress.unwrap_or(0.0) * 100.0, 1))
    };
    let next = move || {
        app.session
            .with(|s| s.as_ref().map(|s| next_up(text, routine, s)))
            .unwrap_or_default()
    };
    let announcement = move || {
        let set = set_of
            .get()
            .map(|set| format!("{set}. "))
            .unwrap_or_default();
        format!(
            "{}. {set}{}. {}",
            name(),
            text.leg(leg.get()),
            app.session
                .with(|s| s.as_ref().map(|s| phase_label(text, s).to_owned()))
                .unwrap_or_default()
        )
    };
    let waiting = move || {
        matches!(
            phase.get(),
            Phase::Transition { .. } | Phase::GetReady { .. }
        )
    };
    let tap_mode = move || mode.get() == CountMode::Tap;

    // The whole screen: a rep in tap mode, "go on" when waiting between legs.
    let tap = move || {
        if paused.get_untracked() {
            return;
        }
        match phase.get_untracked() {
            Phase::AwaitingRep => app.dispatch(Event::RepDone),
            Phase::Transition { until: None, .. } => app.dispatch(Event::Continue),
            _ => {}
        }
    };
    let toggle_pause = move || {
        app.dispatch(if paused.get_untracked() {
            Event::Resume
        } else {
            Event::Pause
        })
    };
    let keys = window_event_listener(ev::keydown, move |e| {
        if e.repeat() || show_info.get_untracked() {
            return;
        }
        match e.key().as_str() {
            " " | "Enter" => {
                e.prevent_default();
                tap();
            }
            "p" | "P" => toggle_pause(),
            "ArrowLeft" => app.dispatch(Event::Back),
            "ArrowRight" => app.dispatch(Event::Skip),
            _ => {}
        }
    });
    on_cleanup(move || keys.remove());

    // A control must not also count as a tap on the screen behind it.
    let control = move |event: Event| {
        move |e: ev::MouseEvent| {
            e.stop_propagation();
            app.dispatch(event);
        }
    };
    let target_of = move || app.session.with(|s| s.as_ref().map_or(0, Session::target));
    let range = move || {
        app.session.with(|s| {
            s.as_ref()
                .map_or((0, 0), |s| (s.current().min, s.current().max))
        })
    };
    let exercise_text = move || routine.exercises[exercise.get()].clone();

    view! {
        <section
            class=move || format!("player {}", leg_class(leg.get()))
            class:paused=move || paused.get()
            class:tap-mode=tap_mode
            data-phase=move || phase_name(&phase.get())
            data-testid="player"
            data-exercise=move || routine.exercises[exercise.get()].id.clone()
            data-leg=move || if leg.get() == Leg::Left { "left" } else { "right" }
            on:click=move |_| tap()
        >
            <p class="sr-only" aria-live="polite" data-testid="announce">{announcement}</p>
            <header class="player-header">
                <p class="position">{position}</p>
                <h1 class="player-exercise" data-testid="exercise">{name}</h1>
                {move || set_of.get().map(|set| view! { <p class="player-set" data-testid="set">{set}</p> })}
                <button
                    class="info-button"
                    on:click=move |e| {
                        e.stop_propagation();
                        show_info.set(true);
                    }
                >
                    {ui.about_exercise}
                </button>
            </header>
            <p class="leg" data-testid="leg">
                <span class="leg-arrow" aria-hidden="true">
                    {move || if leg.get() == Leg::Left { "◀" } else { "▶" }}
                </span>
                {move || text.leg(leg.get()).to_owned()}
            </p>
            <div class="count-row">
                // Figures: the movement, in step with the pacer.
                <super::figure::PlayerFigure />
                <p class="count" data-testid="count">{count}</p>
                <svg class="ring" viewBox="0 0 100 100" aria-hidden="true">
                    <circle class="ring-track" cx="50" cy="50" r=decimal(RING_R, 0) />
                    <circle
                        class="ring-fill"
                        cx="50"
                        cy="50"
                        r=decimal(RING_R, 0)
                        stroke-dasharray=decimal(2.0 * std::f64::consts::PI * RING_R, 1)
                        stroke-dashoffset=ring_offset
                    />
                    <text class="ring-text" x="50" y="50" data-testid="countdown">
                        {seconds}
                    </text>
                </svg>
            </div>
            <div class="stroke" aria-hidden="true">
                <div class="stroke-fill" style:width=stroke_progress></div>
            </div>
            <p class="phase" data-testid="phase">{label}</p>
            <p class="next" data-testid="next">{next}</p>
            <Show when=tap_mode>
                <p class="tap-hint">{ui.tap_hint}</p>
            </Show>
            <nav class="controls" on:click=|e| e.stop_propagation()>
                <button class="control" on:click=control(Event::Back)>{ui.back}</button>
                <button
                    class="control primary"
                    data-testid="pause"
                    on:click=move |e| {
                        e.stop_propagation();
                        toggle_pause();
                    }
                >
                    {move || if paused.get() { ui.resume } else { ui.pause }}
                </button>
                <button class="control" on:click=control(Event::Skip)>{ui.skip}</button>
                <button class="control" on:click=control(Event::FinishLegEarly)>
                    {ui.finish_leg}
                </button>
                <Show when=waiting>
                    <button class="control" on:click=control(Event::Continue)>
                        {ui.go_on}
                    </button>
                </Show>
                <Show when=move || paused.get()>
                    <button class="control" on:click=control(Event::End)>{ui.end}</button>
                </Show>
                <span class="target-adjust" role="group" aria-label=ui.target>
                    <button
                        class="control small"
                        aria-label=ui.fewer
                        disabled=move || { target_of() <= range().0 }
                        on:click=move |e| {
                            e.stop_propagation();
                            app.dispatch(Event::ChangeTarget(target_of().saturating_sub(1)));
                        }
                    >
                        "−"
                    </button>
                    <span class="target-value">{ui.target} " " {target_of}</span>
                    <button
                        class="control small"
                        aria-label=ui.more
                        disabled=move || { target_of() >= range().1 }
                        on:click=move |e| {
                            e.stop_propagation();
                            app.dispatch(Event::ChangeTarget(target_of() + 1));
                        }
                    >
                        "+"
                    </button>
                </span>
                <button
                    class="control"
                    data-testid="mode"
                    on:click=move |e| {
                        e.stop_propagation();
                        let other = match mode.get_untracked() {
                            CountMode::Guided => CountMode::Tap,
                            CountMode::Tap => CountMode::Guided,
                        };
                        app.update_settings(|s| s.session.mode = other);
                        app.dispatch(Event::SetMode(other));
                    }
                >
                    {ui.count_mode} ": " {move || mode_label(text, mode.get()).to_owned()}
                </button>
            </nav>
            <p class="shortcuts">{ui.shortcuts}</p>
            <Show when=move || show_info.get()>
                <div
                    class="info-panel"
                    role="dialog"
                    aria-modal="true"
                    aria-label=ui.about_exercise
                    on:click=|e| e.stop_propagation()
                >
                    <h2>{move || exercise_text().name}</h2>
                    // Figures: the movement, on a loop.
                    {move || view! { <super::figure::LoopingFigure exercise=exercise.get() /> }}
                    <h3>{ui.value_for_runners}</h3>
                    <p>{move || exercise_text().value_for_runners}</p>
                    <h3>{ui.instructions}</h3>
                    <p>{move || exercise_text().instructions}</p>
                    <Show when=move || !exercise_text().tips.is_empty()>
                        <h3>{ui.tips}</h3>
                        <ul>
                            {move || {
                                exercise_text()
                                    .tips
                                    .into_iter()
                                    .map(|tip| view! { <li>{tip}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    </Show>
                    {(text.language != crate::core::language::ENGLISH)
                        .then(|| view! { <p class="translated-from">{ui.translated_from}</p> })}
                    <button class="big-button" on:click=move |_| show_info.set(false)>
                        {ui.close}
                    </button>
                </div>
            </Show>
        </section>
    }
}
