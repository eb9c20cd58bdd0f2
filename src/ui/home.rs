//! The routine at a glance: every exercise with today's target, the estimated time, Start, and
//! the settings.

use super::backup_nudge::backup_nudge;
use super::settings::settings_panel;
use super::{Screen, use_app};
use crate::browser::printing::{print, use_printing};
use crate::core::display::{exercise_details, minutes_rounded_up};
use crate::core::history_display::NUDGE_AFTER_SESSIONS;
use crate::core::reminder::Schedule;
use crate::core::session::{Session, SkipReason};
use crate::core::text::fill;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let app = use_app();
    let (routine, text) = (app.routine(), app.text());
    let ui = &text.ui;
    let printing = use_printing();
    // Today's plan follows the user's version and the settings (equipment, pace, rests).
    let plan = Memo::new(move |_| {
        app.settings.with(|_| ());
        Session::new(routine, app.session_options(), |e| e.reps.default)
    });
    let summary = move || {
        let plan = plan.get();
        let included = routine
            .exercises
            .iter()
            .filter(|e| {
                plan.plan
                    .iter()
                    .any(|p| p.id == e.id && p.skipped.is_none())
            })
            .count();
        format!(
            "{} · {}",
            fill(
                text.plural(
                    u32::try_from(included).unwrap_or(u32::MAX),
                    ui.exercises_count_one,
                    ui.exercises_count_many
                ),
                &[("n", &included)]
            ),
            fill(
                ui.estimate,
                &[("minutes", &minutes_rounded_up(plan.estimate_ms()))]
            )
        )
    };
    // "Next: Wednesday 07:00", from the reminder schedule, in a chunk of its own.
    let next_reminder = app
        .schedule
        .with_untracked(Schedule::is_set)
        .then(|| Suspend::new(super::my_routine::next_reminder_line()));
    let items = move || {
        let plan = plan.get();
        routine
            .exercises
            .iter()
            .enumerate()
            .filter_map(|(i, exercise)| {
                Some((i, exercise, plan.plan.iter().find(|p| p.id == exercise.id)?))
            })
            .map(|(i, exercise, planned)| {
                let details = exercise_details(text, exercise, planned.target).join(" · ");
                let skipped = match planned.skipped {
                    Some(SkipReason::NoEquipment(item)) => Some(fill(
                        ui.equipment_missing,
                        &[("item", &text.equipment(item))],
                    )),
                    Some(SkipReason::Off) => Some(ui.off_in_my_routine.to_owned()),
                    _ => None,
                };
                let is_skipped = skipped.is_some();
                view! {
                    <li
                        class="exercise"
                        class:skipped=is_skipped
                        class:off=exercise.off
                        data-id=exercise.id.clone()
                    >
                        <span class="exercise-order">{i + 1}</span>
                        <span class="exercise-name">{exercise.name.clone()}</span>
                        // Figures: the movement, on a loop.
                        <super::figure::LoopingFigure exercise=i />
                        <span class="exercise-details">{details}</span>
                        {skipped.map(|s| view! { <span class="exercise-skipped">{s}</span> })}
                    </li>
                }
            })
            .collect_view()
    };
    // The backup nudge's chunks (a dozen) only once there are sessions enough to nudge about: a
    // first visit fetches nothing before its first paint. Home is built again on each visit.
    let backup_nudge = (app.history.with_untracked(|h| h.sessions().len()) >= NUDGE_AFTER_SESSIONS)
        .then(|| Suspend::new(backup_nudge()));
    let settings_near = RwSignal::new(false);
    let settings_place = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(place) = settings_place.get() else {
            return;
        };
        // Until the panel is built, its place (style.css) keeps about its height, so the page
        // does not grow under the user's thumb, and reaches a screen's height up, unseen and
        // untouchable: it comes on screen, and the panel is built, a screen before the panel
        // itself would. A browser that cannot tell builds it now.
        crate::browser::on_screen::when_first_seen(
            &place,
            Box::new(move || settings_near.set(true)),
        );
    });
    view! {
        <section class="home">
            // The service worker's word and the backup nudge are chunks of their own: home is
            // painted without them, and they appear a moment later (the service worker's is
            // fetched once home is painted).
            {move || app.painted.get().then(|| Suspend::new(super::update_prompt::update_prompt()))}
            <header class="home-header">
                <h1 class="app-name">{ui.app_name}</h1>
                <p class="tagline">{ui.tagline}</p>
                <button class="control history-button" on:click=move |_| app.screen.set(Screen::History)>
                    {ui.history}
                </button>
                <button
                    class="control my-routine-button"
                    data-testid="my-routine"
                    on:click=move |_| app.screen.set(Screen::MyRoutine)
                >
                    {ui.my_routine}
                </button>
            </header>
            <div class="home-start">
                <p class="estimate" data-testid="estimate">{summary}</p>
                {next_reminder}
                <button
                    class="big-button start"
                    on:click=move |_| {
                        // Inside the tap: browsers let audio start only there.
                        crate::browser::audio::unlock();
                        leptos::task::spawn_local(super::player::start_session(app));
                    }
                >
                    {ui.start}
                </button>
                // Figures: the printable routine.
                // The still figures' chunk first (fetched soon after start anyway), so the
                // page printed has every figure.
                <button
                    class="control print-button"
                    on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            super::figure::__preload_still_drawing().await;
                            print(printing);
                        })
                    }
                >
                    {ui.print}
                </button>
            </div>
            {backup_nudge}
            <h2 class="routine-title">{routine.title.clone()}</h2>
            <ol class="routine" data-testid="routine">{items}</ol>
            // The settings panel is built when it comes within a screen of sight, not with
            // home: most visits start a session from the top and never scroll to it.
            <div class="settings-place" node_ref=settings_place>
                {move || settings_near.get().then(|| Suspend::new(settings_panel()))}
            </div>
            // Figures: the routine on paper, built only while printing.
            <Show when=move || printing.get()>
                <super::print::PrintRoutine />
            </Show>
        </section>
    }
}
