//! What the history screen shows, as plain values: the calendar's layout, the scale of the reps
//! chart, and dates, sizes and import messages in the user's words. Views only place them.
//!
//! Dates are the user's days: each instant is read on their clock in the `Zone` the shell gives.

use crate::core::progress::{
    Day, EXPORT_VERSION, History, ImportError, MAX_IMPORT_BYTES, MergeReport, Zone,
};
use crate::core::session::Ms;
use crate::core::text::{Text, fill};

/// Weeks the calendar shows: about four months, this week last.
pub const CALENDAR_WEEKS: i64 = 18;
/// Sessions the reps chart shows, the latest.
pub const CHART_SESSIONS: usize = 30;
/// Finished sessions without an export before the home screen offers one.
pub const NUDGE_AFTER_SESSIONS: usize = 3;

/// One day of the calendar: its column (a week, oldest first) and row (0 = Monday).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CalendarDay {
    pub day: Day,
    pub column: i64,
    pub row: u32,
    pub sessions: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    /// Every day from the first Monday to `today`; none after it.
    pub days: Vec<CalendarDay>,
    /// `(column, month 1–12)`: a month is named above the week holding its first day (once that
    /// day is shown), and the first week is named too when no name follows within three columns.
    pub months: Vec<(i64, u32)>,
}

/// The last [`CALENDAR_WEEKS`] weeks up to `today`, with the sessions of each day on the user's
/// clock in `zone`.
pub fn calendar(history: &History, today: Day, zone: &dyn Zone) -> Calendar {
    let first = Day(today.week().monday().0 - (CALENDAR_WEEKS - 1) * 7);
    let days = history
        .daily_counts(first, today, zone)
        .into_iter()
        .map(|(day, sessions)| CalendarDay {
            day,
            column: (day.0 - first.0) / 7,
            row: day.weekday(),
            sessions,
        })
        .collect();
    let mut months: Vec<(i64, u32)> = (0..CALENDAR_WEEKS)
        .filter_map(|column| {
            // The week holds a 1st exactly when its Sunday is among the first seven days.
            let sunday = Day(first.0 + column * 7 + 6);
            let (_, month, day) = sunday.ymd();
            (day <= 7 && sunday.0 - i64::from(day) < today.0).then_some((column, month))
        })
        .collect();
    if months.first().is_none_or(|&(column, _)| column >= 3) {
        months.insert(0, (0, first.ymd().1));
    }
    Calendar { days, months }
}

/// The shade of a day: 0 (none) to 3 (three sessions or more).
pub fn shade(sessions: u32) -> u32 {
    sessions.min(3)
}

/// The reps chart of one exercise: its latest points `(started_at, left, right)` and the top of
/// the scale, a multiple of 5 above every point and the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepsChart {
    pub points: Vec<(Ms, u32, u32)>,
    pub top: u32,
}

pub fn reps_chart(history: &History, exercise_id: &str, target: u32) -> RepsChart {
    let mut points = history.reps_series(exercise_id);
    points.drain(..points.len().saturating_sub(CHART_SESSIONS));
    let highest = points
        .iter()
        .map(|&(_, left, right)| left.max(right))
        .fold(target, u32::max);
    RepsChart {
        points,
        top: (highest.max(1)).div_ceil(5) * 5,
    }
}

/// The `index`-th word of a space-separated list ("Jan Feb …").
fn word(list: &str, index: usize) -> &str {
    list.split_whitespace().nth(index).unwrap_or("")
}

pub fn month_name(text: &Text, month: u32) -> &str {
    word(text.ui.months, month.saturating_sub(1) as usize)
}

pub fn weekday_name(text: &Text, weekday: u32) -> &str {
    word(text.ui.weekdays, weekday as usize)
}

/// "Wednesday", from 0 = Monday.
pub fn weekday_long(text: &Text, weekday: u32) -> &str {
    word(text.ui.weekdays_long, weekday as usize)
}

/// "07:00" for a minute of the day.
pub fn clock_time(minute_of_day: u32) -> String {
    let (hour, minute) = (minute_of_day / 60 % 24, minute_of_day % 60);
    format!("{hour:02}:{minute:02}")
}

/// The minute of the day of "07:30" (as a time input gives it, seconds allowed); `None` for
/// anything else.
pub fn clock_minute(time: &str) -> Option<u32> {
    let mut parts = time.split(':');
    let hour: u32 = parts.next()?.parse().ok()?;
    let minute: u32 = parts.next()?.parse().ok()?;
    (hour < 24 && minute < 60).then_some(hour * 60 + minute)
}

/// "Next: Wednesday 07:00", the next reminder of `schedule` after `now` on the user's clock;
/// nothing when no day is chosen.
pub fn next_reminder(
    text: &Text,
    schedule: &crate::core::reminder::Schedule,
    now: crate::core::session::Ms,
    zone: &dyn crate::core::progress::Zone,
) -> Option<String> {
    let (day, minute) = schedule.next_after(now, zone)?;
    Some(fill(
        text.ui.reminder_next,
        &[
            ("weekday", &weekday_long(text, day.weekday())),
            ("time", &clock_time(minute)),
        ],
    ))
}

/// "Mon 5 Jan 2026".
pub fn date(text: &Text, day: Day) -> String {
    let (year, month, day_of_month) = day.ymd();
    fill(
        text.ui.date,
        &[
            ("weekday", &weekday_name(text, day.weekday())),
            ("day", &day_of_month),
            ("month", &month_name(text, month)),
            ("year", &year),
        ],
    )
}

/// "5 Jan", under the reps chart.
pub fn short_date(text: &Text, day: Day) -> String {
    let (_, month, day_of_month) = day.ymd();
    fill(
        text.ui.date_short,
        &[("day", &day_of_month), ("month", &month_name(text, month))],
    )
}

/// "Mon 5 Jan 2026: 2 sessions", for a calendar square.
pub fn day_label(text: &Text, day: Day, sessions: u32) -> String {
    let template = match sessions {
        0 => text.ui.day_none,
        n => text.plural(n, text.ui.day_one, text.ui.day_many),
    };
    fill(template, &[("date", &date(text, day)), ("n", &sessions)])
}

/// "1 week", "3 weeks".
pub fn weeks(text: &Text, n: u32) -> String {
    fill(
        text.plural(n, text.ui.weeks_one, text.ui.weeks_many),
        &[("n", &n)],
    )
}

/// "24 min": the active time of a session, to the nearest minute.
pub fn session_minutes(text: &Text, active_ms: Ms) -> String {
    fill(
        text.ui.session_minutes,
        &[("minutes", &(active_ms + 30_000).div_euclid(60_000))],
    )
}

/// "Last exported: Mon 5 Jan 2026" (the user's day in `zone`), or "never".
pub fn last_exported(text: &Text, at: Option<Ms>, zone: &dyn Zone) -> String {
    match at {
        Some(at) => fill(
            text.ui.last_exported,
            &[("date", &date(text, Day::local(at, zone)))],
        ),
        None => text.ui.never_exported.to_owned(),
    }
}

/// `bia-2026-11-25.json`: the name of a file saved at `ms`, dated on the user's clock in `zone`.
pub fn file_name(stem: &str, ms: Ms, extension: &str, zone: &dyn Zone) -> String {
    let (year, month, day) = Day::local(ms, zone).ymd();
    format!("{stem}-{year:04}-{month:02}-{day:02}.{extension}")
}

/// "14 KB", "1.2 MB": a size in bytes, rounded up so nothing reads as 0.
pub fn size(text: &Text, bytes: f64) -> String {
    const KB: f64 = 1024.0;
    if bytes < KB * KB {
        let kb = (bytes / KB).ceil().max(1.0) as u64;
        fill(text.ui.size_kb, &[("n", &kb)])
    } else {
        let tenths = (bytes / (KB * KB) * 10.0).ceil() / 10.0;
        fill(text.ui.size_mb, &[("n", &text.tenths(tenths))])
    }
}

/// Why a file was not imported, in the user's words.
pub fn import_error(text: &Text, error: &ImportError) -> String {
    let ui = &text.ui;
    match error {
        ImportError::TooLarge { bytes } => fill(
            ui.import_too_large,
            &[
                (
                    "size",
                    &text.tenths((*bytes as f64 / (1024.0 * 1024.0) * 10.0).ceil() / 10.0),
                ),
                ("max", &(MAX_IMPORT_BYTES / (1024 * 1024))),
            ],
        ),
        ImportError::NotJson(why) => fill(ui.import_not_json, &[("error", why)]),
        ImportError::NotBiaExport => ui.import_not_bia.to_owned(),
        ImportError::TooNew { version } => fill(
            ui.import_too_new,
            &[("version", version), ("n", &EXPORT_VERSION)],
        ),
        ImportError::Invalid { at, problem } => {
            fill(ui.import_invalid, &[("at", at), ("problem", problem)])
        }
    }
}

/// "Imported 12 sessions, 3 already here".
pub fn import_done(text: &Text, report: MergeReport) -> String {
    let added = u32::try_from(report.added).unwrap_or(u32::MAX);
    fill(
        text.plural(added, text.ui.import_done_one, text.ui.import_done_many),
        &[("n", &report.added), ("m", &report.already_present)],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::progress::{FixedOffset, SessionRecord, Utc, session_id};

    fn day(year: i64, month: u32, d: u32) -> Day {
        Day::from_ymd(year, month, d).unwrap()
    }

    fn history(days: &[Day]) -> History {
        let mut history = History::new();
        for d in days {
            let started_at = d.start_ms() + 36_000_000;
            history.add(SessionRecord {
                id: session_id(started_at),
                started_at,
                finished_at: started_at + 1_500_000,
                active_ms: 1_400_000,
                abandoned: false,
                exercises: Vec::new(),
            });
        }
        history
    }

    fn assert_months(today: Day, expected: &[(i64, u32)]) {
        assert_eq!(
            calendar(&History::new(), today, &Utc).months,
            expected,
            "{today:?}"
        );
    }

    #[test]
    fn the_calendar_ends_today_in_week_columns() {
        let today = day(2026, 1, 7); // a Wednesday
        let cal = calendar(
            &history(&[today, day(2025, 9, 8), day(2025, 9, 7)]),
            today,
            &Utc,
        );
        let first = cal.days[0];
        assert_eq!(
            (first.day, first.column, first.row),
            (day(2025, 9, 8), 0, 0)
        );
        let last = *cal.days.last().unwrap();
        assert_eq!((last.day, last.column, last.row), (today, 17, 2));
        assert_eq!(cal.days.len(), 17 * 7 + 3);
        assert_eq!(first.sessions, 1, "a session the day before is not shown");
        assert_eq!(last.sessions, 1);
    }

    #[test]
    fn months_are_named_above_the_week_of_their_first_day() {
        // First column: Mon 8 Sep 2025; 1 Oct is in column 3.
        assert_months(
            day(2026, 1, 7),
            &[(0, 9), (3, 10), (7, 11), (12, 12), (16, 1)],
        );
        // First column: Mon 1 Sep 2025, the 1st itself.
        assert_months(day(2025, 12, 31), &[(0, 9), (4, 10), (8, 11), (13, 12)]);
        // First column: Mon 29 Sep 2025; October's name is enough.
        assert_months(day(2026, 1, 28), &[(0, 10), (4, 11), (9, 12), (13, 1)]);
    }

    #[test]
    fn shades_stop_at_three() {
        assert_eq!([0, 1, 2, 3, 9].map(shade), [0, 1, 2, 3, 3]);
    }

    #[test]
    fn the_chart_scale_covers_the_points_and_the_target() {
        let history = History::new();
        assert_eq!(reps_chart(&history, "clams", 20).top, 20);
        assert_eq!(reps_chart(&history, "clams", 17).top, 20);
        assert_eq!(reps_chart(&history, "clams", 0).top, 5);
    }

    #[test]
    fn dates_and_sizes_read_as_words() {
        let text = Text::bundled();
        assert_eq!(date(text, day(2026, 1, 5)), "Mon 5 Jan 2026");
        assert_eq!(short_date(text, day(2025, 12, 31)), "31 Dec");
        assert_eq!(
            day_label(text, day(2026, 1, 5), 2),
            "Mon 5 Jan 2026: 2 sessions"
        );
        assert_eq!(
            day_label(text, day(2026, 1, 5), 1),
            "Mon 5 Jan 2026: 1 session"
        );
        assert_eq!(weeks(text, 1), "1 week");
        assert_eq!(weeks(text, 0), "0 weeks");
        assert_eq!(session_minutes(text, 89_000), "1 min");
        assert_eq!(last_exported(text, None, &Utc), "Last exported: never");
        assert_eq!(
            file_name("bia", day(2026, 11, 25).start_ms() + 1, "json", &Utc),
            "bia-2026-11-25.json"
        );
        // 03:00 UTC on the 26th is still the evening of the 25th in Los Angeles.
        let evening = day(2026, 11, 26).start_ms() + 3 * 3_600_000;
        let los_angeles = FixedOffset(-8 * 3_600_000);
        assert_eq!(
            file_name("bia", evening, "json", &los_angeles),
            "bia-2026-11-25.json"
        );
        assert_eq!(
            last_exported(text, Some(evening), &los_angeles),
            "Last exported: Wed 25 Nov 2026"
        );
        assert_eq!(size(text, 10.0), "1 KB");
        assert_eq!(size(text, 14_000.0), "14 KB");
        assert_eq!(size(text, 1.25 * 1024.0 * 1024.0), "1.3 MB");
        assert_eq!(size(text, 2.0 * 1024.0 * 1024.0), "2 MB");
    }

    #[test]
    fn every_import_error_has_words() {
        let text = Text::bundled();
        let cases = [
            (ImportError::TooLarge { bytes: 6 << 20 }, "is 6 MB"),
            (
                ImportError::TooLarge {
                    bytes: (5 << 20) + 1,
                },
                "is 5.1 MB",
            ),
            (ImportError::NotJson("EOF".into()), "(EOF)"),
            (ImportError::NotBiaExport, "not a Bia export"),
            (ImportError::TooNew { version: 7 }, "format 7"),
            (
                ImportError::Invalid {
                    at: "history.sessions[0].finished_at".into(),
                    problem: "is before started_at".into(),
                },
                "history.sessions[0].finished_at: is before started_at",
            ),
        ];
        for (error, part) in cases {
            let message = import_error(text, &error);
            assert!(message.contains(part), "{message:?} lacks {part:?}");
            assert!(!message.contains('{'), "{message:?}");
        }
    }
}
