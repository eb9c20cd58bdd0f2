//! "My routine": the user's version of the routine (exercises on and off, their order, sets,
//! holds, tempos, the rest between sets, "As written"), and the reminder schedule with its
//! calendar file. Every change is saved as it is made; home, the player, the estimate, the print
//! view and the summary follow it.

use super::state::Version;
use super::{Screen, use_app};
use crate::browser::time_zone::DeviceZone;
use crate::browser::{clock::now_ms, files, location};
use crate::core::display::{exercise_details, minutes_rounded_up};
use crate::core::history_display::{clock_minute, clock_time, next_reminder, weekday_name};
use crate::core::my_routine::{MyRoutine, stroke_times_ms};
use crate::core::progress::Day;
use crate::core::reminder::{Invitation, ics};
use crate::core::routine::{Bounds, Routine};
use crate::core::session::Session;
use crate::core::text::fill;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The screen, a wasm chunk of its own (`#[lazy]`), fetched a moment after the first paint.
#[lazy]
pub fn my_routine_screen() -> AnyView {
    // Untracked, as a component is built: a `Suspend` reruns its future whenever a signal read
    // in it changes.
    untrack(|| MyRoutineScreen().into_any())
}

/// The user's version of `written` (`Version::built`), in a chunk of its own, shared with this
/// screen, so the first load goes without it.
#[lazy]
pub(super) async fn adapted(written: &'static Routine, mine: MyRoutine) -> Version {
    Version::built(written, mine)
}

/// Home's "Next: Wednesday 07:00", from the reminder schedule: a chunk of its own, fetched as
/// home is built when the user has chosen days.
#[lazy]
pub fn next_reminder_line() -> AnyView {
    untrack(|| {
        let app = use_app();
        let next = app
            .schedule
            .with_untracked(|s| next_reminder(app.text(), s, now_ms(), &DeviceZone));
        next.map(|next| view! { <p class="next-reminder" data-testid="next-reminder">{next}</p> })
            .into_any()
    })
}

/// A value of the user's version with − and + buttons, its bounds from the routine.
#[component]
fn Stepper(
    label: &'static str,
    /// The exercise it belongs to, for the buttons' names ("More: Sets, Clams").
    of: String,
    #[prop(into)] value: Signal<u32>,
    bounds: Bounds,
    /// How the value reads ("10 s").
    shown: fn(u32) -> String,
    /// The routine's own value, shown beside a changed one.
    as_written: Option<u32>,
    on_change: Callback<u32>,
    testid: &'static str,
) -> impl IntoView {
    let ui = &use_app().text().ui;
    let what = if of.is_empty() {
        label.to_owned()
    } else {
        format!("{label}, {of}")
    };
    let changed = move || {
        as_written
            .filter(|&w| w != value.get())
            .map(|w| fill(ui.as_written_value, &[("value", &shown(w))]))
    };
    view! {
        <div class="setting seconds stepper" role="group" aria-label=what.clone() data-testid=testid>
            <span class="setting-label">{label}</span>
            <button
                class="control small"
                aria-label=fill(ui.less_label, &[("what", &what)])
                disabled=move || { value.get() <= bounds.min }
                on:click=move |_| on_change.run(value.get_untracked().saturating_sub(bounds.step))
            >
                "−"
            </button>
            <output class="setting-value">{move || shown(value.get())}</output>
            <button
                class="control small"
                aria-label=fill(ui.more_label, &[("what", &what)])
                disabled=move || { value.get() >= bounds.max }
                on:click=move |_| on_change.run(value.get_untracked() + bounds.step)
            >
                "+"
            </button>
            {move || changed().map(|c| view! { <span class="muted as-written-value">{c}</span> })}
        </div>
    }
}

/// Seconds as the steppers show them.
fn seconds(s: u32) -> String {
    fill(use_app().text().ui.seconds_value, &[("s", &s)])
}

/// Milliseconds as seconds to a tenth ("1.5 s").
fn stroke(ms: u32) -> String {
    let text = use_app().text();
    fill(
        text.ui.seconds_value,
        &[("s", &text.decimal(f64::from(ms) / 1000.0, 1))],
    )
}

fn count(n: u32) -> String {
    n.to_string()
}

/// Puts the keyboard back on the exercise's move button once the list is drawn again, so a
/// screen reader or keyboard user moving an exercise keeps their place.
fn refocus(id: String, up: bool) {
    request_animation_frame(move || {
        let pick = |which: &str| {
            document()
                .query_selector(&format!("[data-id=\"{id}\"] .{which}"))
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlButtonElement>().ok())
                .filter(|b| !b.disabled())
        };
        let (first, second) = if up {
            ("move-up", "move-down")
        } else {
            ("move-down", "move-up")
        };
        if let Some(button) = pick(first).or_else(|| pick(second)) {
            let _ = button.focus();
        }
    });
}

/// A change to the user's version, made against the routine as written.
type Edit = Box<dyn FnOnce(&mut MyRoutine, &Routine)>;

#[component]
fn MyRoutineScreen() -> impl IntoView {
    let app = use_app();
    let (written, text) = (app.written_routine(), app.text());
    let ui = &text.ui;
    let mine = app.my_routine;
    let adapted = Memo::new(move |_| mine.with(|m| m.applied_to(written)));
    let moved = RwSignal::new(String::new());

    let change = move |edit: Edit| {
        app.change_my_routine(edit);
    };
    let move_by = move |id: String, by: isize, name: String| {
        change(Box::new({
            let id = id.clone();
            move |m, r| m.move_by(r, &id, by)
        }));
        let order = adapted.with_untracked(|r| {
            let place = r.exercises.iter().position(|e| e.id == id).unwrap_or(0);
            (place + 1, r.exercises.len())
        });
        moved.set(fill(
            ui.moved_to,
            &[("exercise", &name), ("n", &order.0), ("total", &order.1)],
        ));
        refocus(id, by < 0);
    };

    let rows = move || {
        let routine = adapted.get();
        let last = routine.exercises.len().saturating_sub(1);
        routine
            .exercises
            .iter()
            .enumerate()
            .map(|(i, exercise)| {
                let id = exercise.id.clone();
                let name = exercise.name.clone();
                let as_written = written.exercise(&id).cloned();
                let details = exercise_details(text, exercise, exercise.reps.default).join(" · ");
                let off = exercise.off;
                let changed = mine.with_untracked(|m| m.exercises.contains_key(&id));
                let adapt = written.adapt;
                let field = {
                    let id = id.clone();
                    move |read: fn(&crate::core::routine::Exercise) -> u32| {
                        let id = id.clone();
                        Signal::derive(move || {
                            adapted.with(|r| r.exercise(&id).map_or(0, read))
                        })
                    }
                };
                let on = |edit: fn(&mut MyRoutine, &Routine, &str, u32)| {
                    let id = id.clone();
                    Callback::new(move |value: u32| {
                        let id = id.clone();
                        change(Box::new(move |m, r| edit(m, r, &id, value)));
                    })
                };
                let (up_written, down_written) = as_written
                    .as_ref()
                    .map_or((0, 0), |e| stroke_times_ms(written, e.tempo));
                let hold = as_written.as_ref().and_then(|e| e.hold_s).map(|hold_written| {
                    view! {
                        <Stepper
                            label=ui.hold_top
                            of=name.clone()
                            value=field(|e| e.hold_s.unwrap_or(0))
                            bounds=adapt.hold_s
                            shown=seconds
                            as_written=Some(hold_written)
                            on_change=on(|m, r, id, v| m.set_hold(r, id, v))
                            testid="hold"
                        />
                    }
                });
                let (toggle_id, up_id, down_id, written_id) =
                    (id.clone(), id.clone(), id.clone(), id.clone());
                let (up_name, down_name) = (name.clone(), name.clone());
                view! {
                    <li class="my-exercise" class:off=off data-id=id.clone()>
                        <div class="my-head">
                            <span class="exercise-order">{i + 1}</span>
                            <span class="exercise-name">{name.clone()}</span>
                            {off.then(|| view! { <span class="exercise-skipped">{ui.off_in_my_routine}</span> })}
                            <span class="exercise-details">{details}</span>
                        </div>
                        <div class="my-controls">
                            <label class="setting toggle">
                                <input
                                    type="checkbox"
                                    data-testid="in-routine"
                                    prop:checked=!off
                                    on:change:target=move |e| {
                                        let (id, on) = (toggle_id.clone(), e.target().checked());
                                        change(Box::new(move |m, _| m.set_off(&id, !on)));
                                    }
                                />
                                <span>{ui.in_my_routine}</span>
                            </label>
                            <button
                                class="control small move-up"
                                aria-label=fill(ui.move_up_label, &[("exercise", &name)])
                                disabled=i == 0
                                on:click=move |_| move_by(up_id.clone(), -1, up_name.clone())
                            >
                                {ui.move_up}
                            </button>
                            <button
                                class="control small move-down"
                                aria-label=fill(ui.move_down_label, &[("exercise", &name)])
                                disabled=i == last
                                on:click=move |_| move_by(down_id.clone(), 1, down_name.clone())
                            >
                                {ui.move_down}
                            </button>
                        </div>
                        <div class="my-values">
                            <Stepper
                                label=ui.sets
                                of=name.clone()
                                value=field(|e| e.sets)
                                bounds=adapt.sets
                                shown=count
                                as_written=Some(1)
                                on_change=on(|m, r, id, v| m.set_sets(r, id, v))
                                testid="sets"
                            />
                            {hold}
                            <Stepper
                                label=ui.lift
                                of=name.clone()
                                value=field(|e| stroke_times_ms(use_app().written_routine(), e.tempo).0)
                                bounds=adapt.stroke_ms
                                shown=stroke
                                as_written=Some(up_written)
                                on_change=on(|m, r, id, v| m.set_stroke(r, id, true, v))
                                testid="lift"
                            />
                            <Stepper
                                label=ui.lower
                                of=name.clone()
                                value=field(|e| stroke_times_ms(use_app().written_routine(), e.tempo).1)
                                bounds=adapt.stroke_ms
                                shown=stroke
                                as_written=Some(down_written)
                                on_change=on(|m, r, id, v| m.set_stroke(r, id, false, v))
                                testid="lower"
                            />
                            <button
                                class="control small"
                                data-testid="exercise-as-written"
                                aria-label=fill(ui.as_written_label, &[("exercise", &name)])
                                disabled=!changed
                                on:click=move |_| {
                                    let id = written_id.clone();
                                    change(Box::new(move |m, _| m.exercise_as_written(&id)));
                                }
                            >
                                {ui.as_written}
                            </button>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    let rest = Signal::derive(move || mine.with(|m| m.rest_between_sets_s(written)));
    let is_as_written = move || mine.with(MyRoutine::is_as_written);

    view! {
        <section class="my-routine" data-testid="my-routine-screen">
            <header class="history-header">
                <h1>{ui.my_routine}</h1>
                <button class="control" on:click=move |_| app.screen.set(Screen::Home)>
                    {ui.home}
                </button>
            </header>
            <p class="muted">{ui.my_routine_hint}</p>
            <p class="sr-only" aria-live="polite">{move || moved.get()}</p>
            <ol class="my-list" data-testid="my-list">{rows}</ol>
            <div class="my-footer">
                <Stepper
                    label=ui.rest_sets
                    of=String::new()
                    value=rest
                    bounds=written.adapt.rest_between_sets_s
                    shown=seconds
                    as_written=Some(written.adapt.rest_between_sets_default_s)
                    on_change=Callback::new(move |v| change(Box::new(move |m, r| m.set_rest_between_sets(r, v))))
                    testid="rest-sets"
                />
                <button
                    class="control"
                    data-testid="all-as-written"
                    disabled=is_as_written
                    on:click=move |_| change(Box::new(|m, _| *m = MyRoutine::default()))
                >
                    {ui.all_as_written}
                </button>
            </div>
            <Reminders />
        </section>
    }
}

/// The days and time the user trains, the next reminder, and the calendar file.
#[component]
fn Reminders() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let schedule = app.schedule;
    let message = RwSignal::new(None::<String>);
    let change = move |edit: Box<dyn FnOnce(&mut crate::core::reminder::Schedule)>| {
        schedule.update(|s| {
            edit(s);
            *s = s.sanitized();
        });
        message.set(None);
        app.save();
    };
    let days = (0..7u32)
        .map(|day| {
            view! {
                <label class="setting toggle day">
                    <input
                        type="checkbox"
                        data-day=day
                        prop:checked=move || schedule.with(|s| s.days[day as usize])
                        on:change:target=move |e| {
                            let on = e.target().checked();
                            change(Box::new(move |s| s.days[day as usize] = on));
                        }
                    />
                    <span>{weekday_name(text, day)}</span>
                </label>
            }
        })
        .collect_view();
    let time = move || schedule.with(|s| clock_time(s.minute_of_day));
    let next = move || schedule.with(|s| next_reminder(text, s, now_ms(), &DeviceZone));
    let download = move |_| {
        let now = now_ms();
        let minutes = {
            let plan = Session::new(app.routine(), app.session_options(), |e| e.reps.default);
            u32::try_from(minutes_rounded_up(plan.estimate_ms())).unwrap_or(60)
        };
        let url = location::app_url();
        let invitation = Invitation {
            title: ui.reminder_title,
            description: ui.reminder_description,
            alarm_text: ui.reminder_alarm,
            url: &url,
            uid: "reminder@bia",
            stamp: now,
            // The first reminder still to come, so a calendar shows none already gone.
            from: schedule
                .with_untracked(|s| s.next_after(now, &DeviceZone))
                .map_or(Day::local(now, &DeviceZone), |(day, _)| day),
            duration_minutes: minutes,
        };
        let file = schedule.with_untracked(|s| ics(s, &invitation));
        message.set(match file {
            None => Some(ui.reminder_none.to_owned()),
            Some(file) => files::download_text("bia-reminder.ics", "text/calendar", &file)
                .err()
                .map(|e| fill(ui.file_failed, &[("error", &e)])),
        });
    };
    view! {
        <section class="history-part reminders" aria-labelledby="reminders-title">
            <h2 id="reminders-title">{ui.reminders}</h2>
            <p class="muted">{ui.reminder_hint}</p>
            <fieldset class="reminder-days">
                <legend>{ui.reminder_days}</legend>
                {days}
            </fieldset>
            <label class="setting reminder-time">
                <span class="setting-label">{ui.reminder_time}</span>
                <input
                    type="time"
                    data-testid="reminder-time"
                    prop:value=time
                    on:change:target=move |e| {
                        if let Some(minute) = clock_minute(&e.target().value()) {
                            change(Box::new(move |s| s.minute_of_day = minute));
                        }
                    }
                />
            </label>
            <p data-testid="reminder-next">{next}</p>
            <button class="control" data-testid="reminder-download" on:click=download>
                {ui.reminder_download}
            </button>
            {move || message.get().map(|m| view! { <p class="notice" role="status">{m}</p> })}
        </section>
    }
}
