//! The history screen: streaks, a calendar of sessions, reps over time, the recent sessions, and
//! the backup (export and import). What it shows is computed in `core::history_display`.

use super::{AppState, Notice, Screen, use_app};
use crate::browser::time_zone::DeviceZone;
use crate::browser::{clock::now_ms, files};
use crate::core::display::decimal;
use crate::core::history_display::{
    CALENDAR_WEEKS, calendar, date, day_label, file_name, import_done, import_error, last_exported,
    month_name, reps_chart, session_minutes, shade, short_date, weekday_name, weeks,
};
use crate::core::my_routine::MyRoutine;
use crate::core::progress::{
    DEFAULT_SESSIONS_PER_WEEK_GOAL as GOAL, Day, ImportError, Keep, MAX_IMPORT_BYTES, MergeReport,
    Week, export_csv, export_json, parse_import, todays_target,
};
use crate::core::reminder::Schedule;
use crate::core::session::Ms;
use crate::core::text::fill;
use leptos::prelude::*;
use std::fmt::Write;
use web_sys::HtmlInputElement;

/// Sessions listed under "Recent sessions".
const RECENT: usize = 10;

/// A format the history is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Export {
    /// Everything, to import again.
    Json,
    /// One row per leg, for a spreadsheet.
    Csv,
}

/// Saves the history as a file, then notes when; on failure, why, in the user's words.
pub fn export(app: AppState, format: Export) -> Result<(), String> {
    let now = now_ms();
    let (name, mime, contents) = match format {
        Export::Json => {
            let settings = serde_json::to_value(app.settings.get_untracked()).unwrap_or_default();
            let (mine, schedule) = (app.my_routine.get_untracked(), app.schedule.get_untracked());
            let keep = Keep {
                settings,
                my_routine: &mine,
                schedule: &schedule,
            };
            let json = app.history.with_untracked(|h| export_json(h, keep, now));
            (
                file_name("bia", now, "json", &DeviceZone),
                "application/json",
                json,
            )
        }
        Export::Csv => {
            let csv = app
                .history
                .with_untracked(|h| export_csv(h, app.routine(), &DeviceZone));
            (file_name("bia", now, "csv", &DeviceZone), "text/csv", csv)
        }
    };
    files::download_text(&name, mime, &contents)
        .map_err(|e| fill(app.text().ui.file_failed, &[("error", &e)]))?;
    app.last_export_at.set(Some(now));
    app.save();
    Ok(())
}

/// The history screen, split into its own wasm chunk (`#[lazy]`): the first call fetches and
/// instantiates that chunk, later calls run at once. Needs the split build
/// (`scripts/wasm-split/wasm-bindgen`); a plain wasm-bindgen build of this does not start.
#[lazy]
pub fn history_screen() -> AnyView {
    // Untracked, as a component is built: a `Suspend` reruns its future whenever a signal read
    // in it changes, which would rebuild the screen on every tick.
    untrack(|| HistoryScreen().into_any())
}

#[component]
pub fn HistoryScreen() -> impl IntoView {
    let app = use_app();
    let ui = &app.text().ui;
    let now = now_ms();
    view! {
        <section class="history" aria-labelledby="history-title">
            <header class="history-header">
                <h1 id="history-title">{ui.history}</h1>
                <button class="control" on:click=move |_| app.screen.set(Screen::Home)>
                    {ui.home}
                </button>
            </header>
            <Streaks now />
            <CalendarMap today=Day::local(now, &DeviceZone) />
            <RepsOverTime />
            <Recent />
            <Backup />
        </section>
    }
}

/// The current and longest streak, and this week against the goal.
#[component]
fn Streaks(now: Ms) -> impl IntoView {
    let app = use_app();
    let (text, history) = (app.text(), app.history);
    let ui = &text.ui;
    // With reminders, a week is kept when as many days are trained as the schedule has;
    // without, when it has the default number of sessions.
    let days = app
        .schedule
        .with_untracked(|s| s.is_set().then(|| s.day_count()));
    let current = move || {
        let streak = history.with(|h| match days {
            Some(days) => h.current_streak_by_days(now, days, &DeviceZone),
            None => h.current_streak_weeks(now, GOAL, &DeviceZone),
        });
        weeks(text, streak)
    };
    let longest = move || {
        let streak = history.with(|h| match days {
            Some(days) => h.longest_streak_by_days(days, &DeviceZone),
            None => h.longest_streak_weeks(GOAL, &DeviceZone),
        });
        weeks(text, streak)
    };
    let this_week = move || {
        let week = Week::local(now, &DeviceZone);
        let done = history.with(|h| match days {
            Some(_) => h.days_trained_in_week(week, &DeviceZone),
            None => h.sessions_in_week(week, &DeviceZone),
        });
        fill(
            ui.this_week_value,
            &[("n", &done), ("target", &days.unwrap_or(GOAL))],
        )
    };
    let goal = match days {
        Some(days) => fill(ui.streak_schedule_goal, &[("n", &days)]),
        None => fill(ui.streak_goal, &[("n", &GOAL)]),
    };
    view! {
        <section class="history-part">
            <dl class="tiles">
                <div class="tile">
                    <dt>{ui.streak_current}</dt>
                    <dd data-testid="streak-current">{current}</dd>
                </div>
                <div class="tile">
                    <dt>{ui.streak_longest}</dt>
                    <dd data-testid="streak-longest">{longest}</dd>
                </div>
                <div class="tile">
                    <dt>{ui.this_week}</dt>
                    <dd data-testid="this-week">{this_week}</dd>
                </div>
            </dl>
            <p class="muted" data-testid="streak-goal">{goal}</p>
        </section>
    }
}

// The calendar's geometry, in SVG units: a square per day, a week per column.
const CELL: i64 = 16;
const PITCH: i64 = 20;
const CAL_LEFT: i64 = 36;
const CAL_TOP: i64 = 20;
const SHADES: [&str; 4] = ["day shade-0", "day shade-1", "day shade-2", "day shade-3"];

/// Sessions per day over the last months, shaded.
#[component]
fn CalendarMap(today: Day) -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let cal = Memo::new(move |_| app.history.with(|h| calendar(h, today, &DeviceZone)));
    let width = CAL_LEFT + CALENDAR_WEEKS * PITCH + 12;
    let height = CAL_TOP + 7 * PITCH;
    let squares = move || {
        cal.with(|c| {
            c.days
                .iter()
                .map(|d| {
                    let label = day_label(text, d.day, d.sessions);
                    view! {
                        <rect
                            class=SHADES[shade(d.sessions) as usize]
                            class:today=d.day == today
                            x=CAL_LEFT + d.column * PITCH
                            y=CAL_TOP + i64::from(d.row) * PITCH
                            width=CELL
                            height=CELL
                            rx="3"
                            role="img"
                            aria-label=label.clone()
                            data-sessions=d.sessions
                        >
                            <title>{label.clone()}</title>
                        </rect>
                    }
                })
                .collect_view()
        })
    };
    let months = move || {
        cal.with(|c| {
            c.months
                .iter()
                .map(|&(column, month)| {
                    view! {
                        <text class="cal-label" x=CAL_LEFT + column * PITCH y=CAL_TOP - 6>
                            {month_name(text, month).to_owned()}
                        </text>
                    }
                })
                .collect_view()
        })
    };
    let weekdays = [0u32, 2, 4].map(|row| {
        view! {
            <text class="cal-label" x="0" y=CAL_TOP + i64::from(row) * PITCH + CELL - 3>
                {weekday_name(text, row).to_owned()}
            </text>
        }
    });
    let legend = (0..4)
        .map(|level| view! { <span class=SHADES[level] aria-hidden="true"></span> })
        .collect_view();
    view! {
        <section class="history-part" aria-labelledby="calendar-title">
            <h2 id="calendar-title">{ui.calendar_title}</h2>
            <svg
                class="calendar"
                viewBox=format!("0 0 {width} {height}")
                role="group"
                aria-labelledby="calendar-title"
                data-testid="calendar"
            >
                <g aria-hidden="true">{months}{weekdays}</g>
                {squares}
            </svg>
            <p class="legend">{ui.calendar_less} {legend} {ui.calendar_more}</p>
        </section>
    }
}

// The reps chart's geometry, in SVG units. The drawing is stretched to the width and a fixed
// height (strokes keep their width), so its labels are HTML around it and stay legible on a
// phone; the plot keeps 5 % of the height above and below, where the labels centre.
const CHART_W: f64 = 1000.0;
const CHART_H: f64 = 300.0;
const PLOT_INSET_X: f64 = 12.0;
const PLOT_INSET_Y: f64 = 15.0;

/// Reps on each leg, session by session, for one exercise at a time.
#[component]
fn RepsOverTime() -> impl IntoView {
    let app = use_app();
    let (text, routine) = (app.text(), app.routine());
    let ui = &text.ui;
    let selected = RwSignal::new(0usize);
    let chart = Memo::new(move |_| {
        let exercise = &routine.exercises[selected.get()];
        app.history.with(|h| {
            let target = app.overrides.with(|o| todays_target(exercise, h, o));
            (reps_chart(h, &exercise.id, target), target)
        })
    });
    let options = routine
        .exercises
        .iter()
        .map(|e| view! { <option value=e.id.clone()>{e.name.clone()}</option> })
        .collect_view();
    let plot = move || {
        let (chart, target) = chart.get();
        if chart.points.is_empty() {
            return view! { <p class="muted chart-empty">{ui.chart_empty}</p> }.into_any();
        }
        let n = chart.points.len();
        let top = f64::from(chart.top);
        let y = move |reps: u32| {
            CHART_H - PLOT_INSET_Y - (CHART_H - 2.0 * PLOT_INSET_Y) * f64::from(reps) / top
        };
        let x = move |i: usize| match n {
            1 => CHART_W / 2.0,
            _ => PLOT_INSET_X + (CHART_W - 2.0 * PLOT_INSET_X) * i as f64 / (n - 1) as f64,
        };
        // One path per leg: its line, and one for its dots (each a zero-length round-capped stroke).
        let paths = |pick: fn(&(Ms, u32, u32)) -> u32| {
            let (mut line, mut dots) = (String::new(), String::new());
            for (i, p) in chart.points.iter().enumerate() {
                let (px, py) = (x(i), y(pick(p)));
                let (px, py) = (decimal(px, 1), decimal(py, 1));
                let _ = write!(line, "{}{px} {py}", if i == 0 { "M" } else { "L" });
                let _ = write!(dots, "M{px} {py}h0");
            }
            (line, dots)
        };
        let (left_line, left_dots) = paths(|p| p.1);
        let (right_line, right_dots) = paths(|p| p.2);
        let grid = [0, chart.top / 2, chart.top].map(|reps| {
            let at = decimal(y(reps), 1);
            view! { <line class="grid" x1="0" x2=decimal(CHART_W, 0) y1=at.clone() y2=at /> }
        });
        let target_y = decimal(y(target), 1);
        let name = routine.exercises[selected.get_untracked()].name.as_str();
        let label = fill(ui.chart_label, &[("exercise", &name), ("n", &n)]);
        view! {
            <div class="chart">
                <div class="chart-y" aria-hidden="true">
                    <span>{chart.top}</span>
                    <span>{chart.top / 2}</span>
                    <span>"0"</span>
                </div>
                <svg
                    class="reps-chart"
                    viewBox=format!("0 0 {} {}", decimal(CHART_W, 0), decimal(CHART_H, 0))
                    preserveAspectRatio="none"
                    role="img"
                    aria-label=label
                    data-testid="reps-chart"
                    data-points=n
                >
                    {grid}
                    <line class="target" x1="0" x2=decimal(CHART_W, 0) y1=target_y.clone() y2=target_y />
                    <path class="reps left" d=left_line />
                    <path class="reps right" d=right_line />
                    <path class="dots left" d=left_dots />
                    <path class="dots right" d=right_dots />
                </svg>
                <div class="chart-x" aria-hidden="true">
                    <span>{short_date(text, Day::local(chart.points[0].0, &DeviceZone))}</span>
                    <span>{short_date(text, Day::local(chart.points[n - 1].0, &DeviceZone))}</span>
                </div>
            </div>
            <p class="legend">
                <span class="key left"></span>
                {ui.summary_left}
                <span class="key right"></span>
                {ui.summary_right}
                <span class="key target"></span>
                {fill(ui.target_line, &[("n", &target)])}
            </p>
        }
        .into_any()
    };
    view! {
        <section class="history-part" aria-labelledby="reps-title">
            <h2 id="reps-title">{ui.reps_title}</h2>
            <label class="setting">
                <span class="setting-label">{ui.exercise}</span>
                <select
                    class="exercise-select"
                    on:change:target=move |e| {
                        selected.set(usize::try_from(e.target().selected_index()).unwrap_or(0))
                    }
                >
                    {options}
                </select>
            </label>
            {plot}
        </section>
    }
}

/// The latest sessions, newest first.
#[component]
fn Recent() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let rows = move || {
        app.history.with(|h| {
            if h.is_empty() {
                return view! { <p class="muted">{ui.no_sessions}</p> }.into_any();
            }
            let items = h
                .sessions()
                .iter()
                .rev()
                .take(RECENT)
                .map(|s| {
                    let status = if s.abandoned {
                        ui.session_not_finished
                    } else {
                        ui.session_finished
                    };
                    view! {
                        <li class="session" class:unfinished=s.abandoned>
                            <span class="session-date">{date(text, Day::local(s.started_at, &DeviceZone))}</span>
                            <span class="session-time">{session_minutes(text, s.active_ms)}</span>
                            <span class="session-status">{status}</span>
                        </li>
                    }
                })
                .collect_view();
            view! { <ol class="sessions" data-testid="recent-sessions">{items}</ol> }.into_any()
        })
    };
    view! {
        <section class="history-part" aria-labelledby="recent-title">
            <h2 id="recent-title">{ui.recent_title}</h2>
            {rows}
        </section>
    }
}

/// When the data was last exported; export and import.
#[component]
fn Backup() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    // The outcome of the last export or import: (is an error, message).
    let message = RwSignal::new(None::<(bool, String)>);
    let run_export = move |format| message.set(export(app, format).err().map(|e| (true, e)));
    let import = move |input: HtmlInputElement| {
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        // The same file can be chosen again.
        input.set_value("");
        // Refused by its size before it is read whole.
        if file.size() > MAX_IMPORT_BYTES as f64 {
            let bytes = file.size() as usize;
            message.set(Some((
                true,
                import_error(text, &ImportError::TooLarge { bytes }),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = match files::read_text(&file).await {
                Err(e) => Err(fill(ui.import_read_failed, &[("error", &e)])),
                Ok(contents) => match parse_import(&contents) {
                    Err(e) => Err(import_error(text, &e)),
                    Ok(imported) => match imported.my_routine_for(app.written_routine()) {
                        Err(e) => Err(import_error(text, &e)),
                        Ok(mine) => {
                            let mut report = MergeReport::default();
                            app.history.update(|h| report = h.merge(imported.history));
                            // The file's version of the routine and its reminders, where this
                            // device has none of its own: what is here is not overwritten.
                            if let Some((mine, repaired)) = mine
                                && app.my_routine.with_untracked(MyRoutine::is_as_written)
                            {
                                app.my_routine.set(mine);
                                if repaired {
                                    app.notify(Notice::OrderRepaired);
                                }
                            }
                            if let Some(schedule) = imported.schedule
                                && !app.schedule.with_untracked(Schedule::is_set)
                            {
                                app.schedule.set(schedule);
                            }
                            app.save();
                            Ok(import_done(text, report))
                        }
                    },
                },
            };
            message.try_set(Some(match outcome {
                Ok(done) => (false, done),
                Err(why) => (true, why),
            }));
        });
    };
    view! {
        <section class="history-part backup" aria-labelledby="backup-title">
            <h2 id="backup-title">{ui.backup_title}</h2>
            <p data-testid="last-exported">
                {move || last_exported(text, app.last_export_at.get(), &DeviceZone)}
            </p>
            <div class="backup-actions">
                <button class="control" on:click=move |_| run_export(Export::Json)>
                    {ui.export_json}
                </button>
                <button class="control" on:click=move |_| run_export(Export::Csv)>
                    {ui.export_csv}
                </button>
                <label class="control file-button">
                    {ui.import}
                    <input
                        type="file"
                        class="sr-only"
                        accept=".json,application/json"
                        on:change:target=move |e| import(e.target())
                    />
                </label>
            </div>
            <p class="muted">{ui.import_hint}</p>
            <p
                class="backup-message"
                class:error=move || message.with(|m| m.as_ref().is_some_and(|m| m.0))
                role="status"
                data-testid="backup-message"
            >
                {move || message.get().map(|m| m.1)}
            </p>
        </section>
    }
}
