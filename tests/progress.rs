//! Progress: sessions recorded from the real state machine, the weekly habit, the rep
//! progression, merging, and export/import against damaged and hostile files.

use bia::core::progress::{
    DEFAULT_SESSIONS_PER_WEEK_GOAL, Day, ExerciseRecord, FixedOffset, History, ImportError, Keep,
    LegOutcome, LegRecord, MAX_IMPORT_BYTES, MAX_IMPORT_SESSIONS, MAX_TIMESTAMP_MS, MergeReport,
    Overrides, SessionRecord, Utc, Week, Zone, export_csv, export_json, parse_import, session_id,
    todays_target,
};
use bia::core::routine::{Equipment, Routine};
use bia::core::session::{CountMode, Event, Ms, Options, Session};
use bia::core::settings::Settings;
use proptest::prelude::*;
use serde_json::{Value, json};

/// What an export keeps besides the history: `settings`, and the routine as written with no
/// reminder.
fn keep(settings: Value) -> Keep<'static> {
    Keep {
        settings,
        my_routine: Box::leak(Box::default()),
        schedule: Box::leak(Box::default()),
    }
}

const MINUTE: Ms = 60_000;
const HOUR: Ms = 60 * MINUTE;

/// 10:00 UTC on a date.
fn at(year: i64, month: u32, day: u32) -> Ms {
    Day::from_ymd(year, month, day).unwrap().start_ms() + 10 * HOUR
}

fn day(year: i64, month: u32, day: u32) -> Day {
    Day::from_ymd(year, month, day).unwrap()
}

fn leg(reps: u32, outcome: LegOutcome) -> LegRecord {
    LegRecord { reps, outcome }
}

fn exercise(id: &str, target: u32, left: LegRecord, right: Option<LegRecord>) -> ExerciseRecord {
    ExerciseRecord {
        more_sets: Vec::new(),
        id: id.into(),
        target,
        left,
        right,
    }
}

fn record(started_at: Ms, abandoned: bool, exercises: Vec<ExerciseRecord>) -> SessionRecord {
    SessionRecord {
        id: session_id(started_at),
        started_at,
        finished_at: started_at + 25 * MINUTE,
        active_ms: 22 * MINUTE,
        abandoned,
        exercises,
    }
}

/// A session with clams done on both legs.
fn done(started_at: Ms) -> SessionRecord {
    let clams = leg(20, LegOutcome::Completed);
    record(
        started_at,
        false,
        vec![exercise("clams", 20, clams, Some(clams))],
    )
}

fn abandoned(started_at: Ms) -> SessionRecord {
    let not_done = leg(0, LegOutcome::NotDone);
    record(
        started_at,
        true,
        vec![exercise("clams", 20, not_done, Some(not_done))],
    )
}

fn history(records: impl IntoIterator<Item = SessionRecord>) -> History {
    let mut history = History::new();
    for r in records {
        history.add(r);
    }
    history
}

fn ids(history: &History) -> Vec<&str> {
    history.sessions().iter().map(|s| s.id.as_str()).collect()
}

// ----- from_session -----

fn bundled_session(options: Options) -> Session {
    Session::new(&Routine::bundled(), options, |e| e.reps.default)
}

/// Each exercise's outcome kinds, left and right.
fn kinds(r: &SessionRecord) -> Vec<(&str, LegOutcome, Option<LegOutcome>)> {
    r.exercises
        .iter()
        .map(|e| (e.id.as_str(), e.left.outcome, e.right.map(|l| l.outcome)))
        .collect()
}

const T0: Ms = 1_709_542_800_000; // 2024-03-04 09:00 UTC

#[test]
fn a_session_never_started_has_no_record() {
    let session = bundled_session(Options::default());
    assert_eq!(SessionRecord::from_session(&session, T0), None);
}

#[test]
fn a_finished_session_is_recorded_whole() {
    let mut s = bundled_session(Options::default());
    s.apply(Event::Start, T0);
    s.apply(Event::Tick, T0 + 5 * HOUR);
    let finished = s.finished_at.expect("the guided routine runs to the end");
    let r = SessionRecord::from_session(&s, T0 + 6 * HOUR).unwrap();
    assert_eq!(r.id, format!("s{T0}"));
    assert_eq!((r.started_at, r.finished_at), (T0, finished));
    assert_eq!(r.active_ms, finished - T0);
    assert!(!r.abandoned);
    let routine = Routine::bundled();
    assert_eq!(r.exercises.len(), routine.exercises.len());
    for (e, source) in r.exercises.iter().zip(&routine.exercises) {
        let full = leg(source.reps.default, LegOutcome::Completed);
        assert_eq!(
            e,
            &exercise(&source.id, source.reps.default, full, Some(full))
        );
    }
}

#[test]
fn pauses_are_not_active_time() {
    let mut s = bundled_session(Options::default());
    s.apply(Event::Start, T0);
    s.apply(Event::Pause, T0 + MINUTE);
    s.apply(Event::Resume, T0 + 11 * MINUTE);
    s.apply(Event::Tick, T0 + 5 * HOUR);
    let r = SessionRecord::from_session(&s, T0 + 5 * HOUR).unwrap();
    assert_eq!(r.active_ms, r.finished_at - r.started_at - 10 * MINUTE);
}

#[test]
fn a_session_left_midway_is_abandoned_and_keeps_the_reps_in_progress() {
    let mut s = bundled_session(Options::default());
    s.apply(Event::Start, T0);
    s.apply(Event::Tick, T0 + 60_000);
    assert!(s.reps > 0, "some clams are done");
    let now = T0 + 2 * MINUTE;
    let r = SessionRecord::from_session(&s, now).unwrap();
    assert!(r.abandoned);
    assert_eq!((r.finished_at, r.active_ms), (now, 2 * MINUTE));
    assert_eq!(r.exercises[0].left, leg(s.reps, LegOutcome::NotDone));
    let rest = r.exercises.iter().flat_map(|e| e.legs()).skip(1);
    assert!(rest.into_iter().all(|l| *l == leg(0, LegOutcome::NotDone)));
}

#[test]
fn a_restored_session_discarded_later_ends_at_its_last_save() {
    let mut s = bundled_session(Options::default());
    s.apply(Event::Start, T0);
    s.apply(Event::Tick, T0 + 3 * MINUTE);
    let restored = s.clone().restored();
    let r = SessionRecord::from_session(&restored, T0 + 20 * HOUR).unwrap();
    assert_eq!((r.finished_at, r.active_ms), (T0 + 3 * MINUTE, 3 * MINUTE));
    assert!(r.abandoned);
}

#[test]
fn skips_missing_equipment_early_ends_and_end_are_recorded_by_kind() {
    let options = Options {
        mode: CountMode::Tap,
        missing_equipment: vec![Equipment::Band],
        ..Options::default()
    };
    let mut s = bundled_session(options);
    s.apply(Event::Start, T0);
    s.apply(Event::Skip, T0 + 1_000); // clams
    s.apply(Event::Continue, T0 + 2_000); // lateral leg raises, left: 3 taps then stop
    for t in 0..3 {
        s.apply(Event::RepDone, T0 + 3_000 + t * 1_000);
    }
    s.apply(Event::FinishLegEarly, T0 + 10_000);
    s.apply(Event::End, T0 + 20_000);
    let r = SessionRecord::from_session(&s, T0 + 30_000).unwrap();
    assert!(!r.abandoned, "End finishes the session");
    use LegOutcome::*;
    let band = NoEquipment(Equipment::Band);
    assert_eq!(
        kinds(&r),
        [
            ("clams", Skipped, Some(Skipped)),
            ("lateral-leg-raises", EndedEarly, Some(Skipped)),
            ("donkey-kicks", Skipped, Some(Skipped)),
            ("donkey-whips", Skipped, Some(Skipped)),
            ("fire-hydrants", Skipped, Some(Skipped)),
            ("knee-circles", Skipped, Some(Skipped)),
            ("theraband-balance", band, Some(band)),
            ("standing-hip-flexor", band, Some(band)),
            ("standing-hip-abductor", band, Some(band)),
            ("hip-hikes", Skipped, Some(Skipped)),
        ]
    );
    assert_eq!(r.exercises[1].left.reps, 3);
    assert_eq!(r.exercises[0].left.reps, 0);
}

#[test]
fn recording_the_same_session_twice_keeps_one() {
    let mut s = bundled_session(Options::default());
    s.apply(Event::Start, T0);
    s.apply(Event::Tick, T0 + 5 * HOUR);
    let mut h = History::new();
    assert!(h.add(SessionRecord::from_session(&s, T0 + 5 * HOUR).unwrap()));
    assert!(!h.add(SessionRecord::from_session(&s, T0 + 6 * HOUR).unwrap()));
    assert_eq!(h.len(), 1);
}

// ----- history and merge -----

#[test]
fn history_stays_sorted_by_start() {
    let h = history([
        done(at(2024, 3, 6)),
        done(at(2024, 3, 4)),
        done(at(2024, 3, 5)),
    ]);
    let starts: Vec<Ms> = h.sessions().iter().map(|s| s.started_at).collect();
    assert_eq!(starts, [at(2024, 3, 4), at(2024, 3, 5), at(2024, 3, 6)]);
}

#[test]
fn merge_adds_new_sessions_and_keeps_existing_ones_on_a_clash() {
    let mut mine = history([done(at(2024, 3, 4)), done(at(2024, 3, 8))]);
    let mut changed = abandoned(at(2024, 3, 8));
    changed.active_ms = 1;
    let theirs = history([abandoned(at(2024, 3, 1)), changed, done(at(2024, 3, 6))]);
    let report = mine.merge(theirs);
    assert_eq!(
        report,
        MergeReport {
            added: 2,
            already_present: 1
        }
    );
    assert_eq!(mine.len(), 4);
    assert_eq!(
        mine.get(&session_id(at(2024, 3, 8))),
        Some(&done(at(2024, 3, 8)))
    );
    let starts: Vec<Ms> = mine.sessions().iter().map(|s| s.started_at).collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn merging_the_same_import_twice_adds_nothing_the_second_time() {
    let import = history([done(at(2024, 3, 4)), done(at(2024, 3, 6))]);
    let mut h = History::new();
    assert_eq!(h.merge(import.clone()).added, 2);
    assert_eq!(
        h.merge(import),
        MergeReport {
            added: 0,
            already_present: 2
        }
    );
    assert_eq!(h.len(), 2);
}

#[test]
fn a_stored_history_out_of_order_or_repeated_is_normalised_on_load() {
    let (a, b) = (done(at(2024, 3, 4)), done(at(2024, 3, 5)));
    let raw = json!({ "sessions": [b, a, abandoned(at(2024, 3, 5))] });
    let h: History = serde_json::from_value(raw).unwrap();
    assert_eq!(ids(&h), [a.id.as_str(), b.id.as_str()]);
    assert_eq!(h.get(&b.id), Some(&b), "the first of a repeated id is kept");
    let empty: History = serde_json::from_str("{}").unwrap();
    assert!(empty.is_empty());
}

// ----- streaks -----

/// Current and longest streak of sessions at `starts` (true = abandoned), at `now`.
fn check_streaks(sessions: &[(Ms, bool)], now: Ms, goal: u32, current: u32, longest: u32) {
    let h = history(
        sessions
            .iter()
            .map(|&(t, gave_up)| if gave_up { abandoned(t) } else { done(t) }),
    );
    assert_eq!(
        (
            h.current_streak_weeks(now, goal, &Utc),
            h.longest_streak_weeks(goal, &Utc)
        ),
        (current, longest),
        "sessions {sessions:?}, now {now}, goal {goal}"
    );
}

const GOAL: u32 = DEFAULT_SESSIONS_PER_WEEK_GOAL;

#[test]
fn streaks() {
    // Weeks of March 2024: Mondays 4, 11, 18, 25.
    let w1 = [(at(2024, 3, 4), false), (at(2024, 3, 7), false)];
    let w2 = [(at(2024, 3, 11), false), (at(2024, 3, 17), false)];
    let w3 = [(at(2024, 3, 19), false), (at(2024, 3, 20), false)];
    let w4 = [(at(2024, 3, 25), false), (at(2024, 3, 26), false)];
    let cat = |parts: &[&[(Ms, bool)]]| parts.concat();

    check_streaks(&[], at(2024, 3, 5), GOAL, 0, 0);
    check_streaks(&w1, at(2024, 3, 8), GOAL, 1, 1);
    check_streaks(&w1[..1], at(2024, 3, 8), GOAL, 0, 0);
    check_streaks(&w1[..1], at(2024, 3, 8), 1, 1, 1);
    check_streaks(&w1[..1], at(2024, 3, 8), 0, 1, 1); // a goal of 0 is taken as 1
    check_streaks(&cat(&[&w1, &w2, &w3]), at(2024, 3, 21), GOAL, 3, 3);
    // A gap: weeks 1, 2, then 4.
    check_streaks(&cat(&[&w1, &w2, &w4]), at(2024, 3, 27), GOAL, 1, 2);
    // The current week not met yet: last week's streak still stands.
    check_streaks(&cat(&[&w1, &w2]), at(2024, 3, 18), GOAL, 2, 2);
    check_streaks(&cat(&[&w1, &w2, &w3[..1]]), at(2024, 3, 19), GOAL, 2, 2);
    // Nor last week: the streak is over, the record remains.
    check_streaks(&cat(&[&w1, &w2]), at(2024, 3, 25), GOAL, 0, 2);
    // Abandoned sessions do not count.
    check_streaks(
        &[(at(2024, 3, 4), true), (at(2024, 3, 5), true)],
        at(2024, 3, 6),
        GOAL,
        0,
        0,
    );
    check_streaks(
        &[(at(2024, 3, 4), false), (at(2024, 3, 5), true)],
        at(2024, 3, 6),
        GOAL,
        0,
        0,
    );
    // Sessions after `now` (a clock set back) do not extend the current streak.
    check_streaks(&cat(&[&w1, &w3]), at(2024, 3, 12), GOAL, 1, 1);
}

#[test]
fn streaks_run_across_the_new_year() {
    // 2020-W52 (Dec 21–27), 2020-W53 (Dec 28 – Jan 3), 2021-W01 (Jan 4–10).
    let sessions = [
        (at(2020, 12, 22), false),
        (at(2020, 12, 24), false),
        (at(2020, 12, 31), false),
        (at(2021, 1, 2), false),
        (at(2021, 1, 4), false),
        (at(2021, 1, 10), false),
    ];
    check_streaks(&sessions, at(2021, 1, 10), GOAL, 3, 3);
    // One session each side of midnight on New Year's Eve, same ISO week (2025-W01).
    check_streaks(
        &[(at(2024, 12, 31), false), (at(2025, 1, 1), false)],
        at(2025, 1, 2),
        GOAL,
        1,
        1,
    );
}

#[test]
fn weeks_turn_at_monday_midnight_utc() {
    let sunday_late = day(2024, 3, 11).start_ms() - 1;
    let monday = day(2024, 3, 11).start_ms();
    let h = history([done(sunday_late), done(monday)]);
    let week = Week::of(monday);
    assert_eq!(week.iso(), (2024, 11));
    assert_eq!(h.sessions_in_week(week, &Utc), 1);
    assert_eq!(h.sessions_in_week(Week(week.0 - 1), &Utc), 1);
    assert_eq!(h.sessions_in_week(Week(week.0 + 1), &Utc), 0);
    let h = history([
        done(monday),
        done(monday + HOUR),
        abandoned(monday + 2 * HOUR),
    ]);
    assert_eq!(h.sessions_in_week(week, &Utc), 2);
}

// ----- the user's own days -----

/// An instant given as its UTC reading.
fn utc(year: i64, month: u32, day: u32, hour: Ms, minute: Ms) -> Ms {
    Day::from_ymd(year, month, day).unwrap().start_ms() + hour * HOUR + minute * MINUTE
}

/// A zone with daylight saving time: `summer` from `starts` to `ends` (UTC instants), else
/// `standard`. Enough of a year's rules for the tests below.
struct Seasonal {
    standard: i64,
    summer: i64,
    starts: Ms,
    ends: Ms,
}

impl Zone for Seasonal {
    fn offset_ms(&self, at: Ms) -> i64 {
        let in_summer = if self.starts < self.ends {
            (self.starts..self.ends).contains(&at)
        } else {
            // Southern hemisphere: summer spans the new year.
            !(self.ends..self.starts).contains(&at)
        };
        if in_summer {
            self.summer
        } else {
            self.standard
        }
    }
}

const H: i64 = HOUR as i64;

/// America/Los_Angeles in 2026: PDT (−7) from 8 March 10:00 UTC to 1 November 09:00 UTC.
fn los_angeles() -> Seasonal {
    Seasonal {
        standard: -8 * H,
        summer: -7 * H,
        starts: utc(2026, 3, 8, 10, 0),
        ends: utc(2026, 11, 1, 9, 0),
    }
}

/// Pacific/Auckland in 2026: NZDT (+13) until 4 April 14:00 UTC and from 26 September 14:00 UTC.
fn auckland() -> Seasonal {
    Seasonal {
        standard: 12 * H,
        summer: 13 * H,
        starts: utc(2026, 9, 26, 14, 0),
        ends: utc(2026, 4, 4, 14, 0),
    }
}

/// The sessions counted on each day from `from` to `to`, on the clock of `zone`.
fn counts(h: &History, from: Day, to: Day, zone: &dyn Zone) -> Vec<u32> {
    h.daily_counts(from, to, zone)
        .iter()
        .map(|&(_, n)| n)
        .collect()
}

#[test]
fn an_evening_in_los_angeles_is_counted_on_its_own_day() {
    // Tuesday 1 December, 19:30 PST: Wednesday 03:30 in UTC.
    let h = history([done(utc(2026, 12, 2, 3, 30))]);
    let zone = los_angeles();
    assert_eq!(
        counts(&h, day(2026, 12, 1), day(2026, 12, 2), &zone),
        [1, 0]
    );
    assert_eq!(counts(&h, day(2026, 12, 1), day(2026, 12, 2), &Utc), [0, 1]);
}

#[test]
fn a_monday_morning_in_auckland_starts_the_week() {
    // Monday 30 November, 08:00 NZDT: Sunday 19:00 in UTC, the week before.
    let monday = day(2026, 11, 30);
    let h = history([done(utc(2026, 11, 29, 19, 0))]);
    let zone = auckland();
    assert_eq!(h.sessions_in_week(monday.week(), &zone), 1);
    assert_eq!(h.sessions_in_week(Week(monday.week().0 - 1), &zone), 0);
    assert_eq!(h.sessions_in_week(monday.week(), &Utc), 0);
    assert_eq!(counts(&h, monday, monday, &zone), [1]);
}

#[test]
fn late_and_early_sessions_stay_on_their_day_at_every_offset() {
    // 23:30 and 00:15 on the user's clock, on either side of their midnight.
    for (offset_minutes, name) in [
        (-600, "UTC−10"),
        (-480, "UTC−8"),
        (330, "UTC+5:30"),
        (780, "UTC+13"),
    ] {
        let zone = FixedOffset(offset_minutes * MINUTE as i64);
        let local_midnight =
            (day(2026, 12, 2).start_ms() as i64 - offset_minutes * MINUTE as i64) as Ms;
        let h = history([
            done(local_midnight - 30 * MINUTE),
            done(local_midnight + 15 * MINUTE),
        ]);
        assert_eq!(
            counts(&h, day(2026, 12, 1), day(2026, 12, 2), &zone),
            [1, 1],
            "{name}"
        );
    }
}

#[test]
fn a_week_with_a_change_of_clocks_runs_monday_to_sunday() {
    let zone = los_angeles();
    // Clocks go forward at 02:00 on Sunday 8 March: the week of 2 March has seven days all the
    // same, from Monday 00:30 PST to Sunday 23:30 PDT.
    let monday = day(2026, 3, 2);
    let first = utc(2026, 3, 2, 8, 30); // Monday 00:30 PST
    let last = utc(2026, 3, 9, 6, 30); // Sunday 23:30 PDT
    let next = utc(2026, 3, 9, 7, 30); // Monday 00:30 PDT
    let h = history([done(first), done(last), done(next)]);
    assert_eq!(h.sessions_in_week(monday.week(), &zone), 2);
    assert_eq!(h.sessions_in_week(Week(monday.week().0 + 1), &zone), 1);
    assert_eq!(
        counts(&h, monday, day(2026, 3, 8), &zone),
        [1, 0, 0, 0, 0, 0, 1]
    );
    // Clocks go back at 02:00 on Sunday 1 November; 23:30 that night is PST.
    let sunday_late = utc(2026, 11, 2, 7, 30);
    let h = history([done(sunday_late)]);
    assert_eq!(
        counts(&h, day(2026, 11, 1), day(2026, 11, 2), &zone),
        [1, 0]
    );
    assert_eq!(h.sessions_in_week(day(2026, 10, 26).week(), &zone), 1);
}

#[test]
fn streaks_count_the_users_weeks_across_a_change_of_clocks() {
    let zone = los_angeles();
    // Two sessions a week, Monday 00:30 and Sunday 23:30, for the three weeks around 8 March.
    let mut sessions = Vec::new();
    for monday in [day(2026, 2, 23), day(2026, 3, 2), day(2026, 3, 9)] {
        let monday_start = monday.start_ms();
        let offset = |at: Ms| zone.offset_ms(at);
        let early =
            (monday_start as i64 + 30 * MINUTE as i64 - offset(monday_start + 10 * HOUR)) as Ms;
        let sunday = Day(monday.0 + 6).start_ms() + 23 * HOUR + 30 * MINUTE;
        let late = (sunday as i64 - offset(sunday + 8 * HOUR)) as Ms;
        sessions.push(done(early));
        sessions.push(done(late));
    }
    let h = history(sessions);
    let now = utc(2026, 3, 16, 20, 0); // Monday 16 March, 13:00 PDT
    assert_eq!(h.current_streak_weeks(now, 2, &zone), 3);
    assert_eq!(h.longest_streak_weeks(2, &zone), 3);
    // Read in UTC, each Sunday night falls in the next week.
    assert!(h.longest_streak_weeks(2, &Utc) < 3);
}

// ----- heat-map and series -----

#[test]
fn daily_counts_fill_every_day_of_the_range() {
    let h = history([
        done(at(2024, 3, 4)),
        done(at(2024, 3, 4) + HOUR),
        abandoned(at(2024, 3, 5)),
        done(day(2024, 3, 6).start_ms()), // midnight starts the 6th
        done(day(2024, 3, 6).start_ms() - 1), // a millisecond before is the 5th
        done(at(2024, 3, 9)),             // outside the range
    ]);
    let counts: Vec<u32> = h
        .daily_counts(day(2024, 3, 3), day(2024, 3, 8), &Utc)
        .iter()
        .map(|&(_, n)| n)
        .collect();
    assert_eq!(counts, [0, 2, 1, 1, 0, 0]);
    let days: Vec<Day> = h
        .daily_counts(day(2024, 2, 28), day(2024, 3, 1), &Utc)
        .iter()
        .map(|&(d, _)| d)
        .collect();
    assert_eq!(days, [day(2024, 2, 28), day(2024, 2, 29), day(2024, 3, 1)]);
    assert!(
        h.daily_counts(day(2024, 3, 8), day(2024, 3, 3), &Utc)
            .is_empty()
    );
}

#[test]
fn reps_series_shows_the_sessions_where_the_exercise_was_worked() {
    let raises = |reps_l: u32, l: LegOutcome, reps_r: u32, r: LegOutcome| {
        exercise(
            "lateral-leg-raises",
            15,
            leg(reps_l, l),
            Some(leg(reps_r, r)),
        )
    };
    use LegOutcome::*;
    let h = history([
        record(
            at(2024, 3, 4),
            false,
            vec![raises(15, Completed, 15, Completed)],
        ),
        record(at(2024, 3, 5), false, vec![raises(0, Skipped, 0, Skipped)]),
        record(
            at(2024, 3, 6),
            false,
            vec![raises(12, EndedEarly, 0, Skipped)],
        ),
        record(at(2024, 3, 7), true, vec![raises(7, NotDone, 0, NotDone)]),
        record(at(2024, 3, 8), true, vec![raises(0, NotDone, 0, NotDone)]),
        done(at(2024, 3, 9)),
    ]);
    assert_eq!(
        h.reps_series("lateral-leg-raises"),
        [
            (at(2024, 3, 4), 15, 15),
            (at(2024, 3, 6), 12, 0),
            (at(2024, 3, 7), 7, 0)
        ]
    );
    assert_eq!(h.reps_series("hip-hikes"), []);
}

// ----- progression -----

/// How an exercise went in one session.
#[derive(Clone, Copy, Debug)]
enum Did {
    /// Both legs completed with these reps.
    Reached(u32),
    /// The right leg ended early at these reps.
    Early(u32),
    /// Both legs ended early at these reps (after a target raised by hand).
    BothEarly(u32),
    Skipped,
    NoKit,
    /// Left completed, right skipped.
    OneLegSkipped(u32),
    /// Both legs completed in a session that was then abandoned.
    Abandoned(u32),
    /// The right leg ended early in a session that was then abandoned.
    AbandonedEarly(u32),
}

/// Today's target for `id` after the sessions `did`, one a day, without overrides.
fn target_after(id: &str, did: &[Did]) -> u32 {
    use LegOutcome::*;
    let sessions = did.iter().enumerate().map(|(i, &d)| {
        let both = |reps, kind| (leg(reps, kind), leg(reps, kind));
        let (abandoned, (left, right)) = match d {
            Did::Reached(r) => (false, both(r, Completed)),
            Did::Early(r) => (false, (leg(r + 5, Completed), leg(r, EndedEarly))),
            Did::BothEarly(r) => (false, both(r, EndedEarly)),
            Did::Skipped => (false, both(0, Skipped)),
            Did::NoKit => (false, both(0, NoEquipment(Equipment::Band))),
            Did::OneLegSkipped(r) => (false, (leg(r, Completed), leg(0, Skipped))),
            Did::Abandoned(r) => (true, both(r, Completed)),
            Did::AbandonedEarly(r) => (true, (leg(r + 5, Completed), leg(r, EndedEarly))),
        };
        let other = exercise("clams", 20, leg(3, EndedEarly), Some(leg(3, EndedEarly)));
        let started = at(2024, 1, 1) + i as Ms * 2 * 24 * HOUR;
        record(
            started,
            abandoned,
            vec![other, exercise(id, 0, left, Some(right))],
        )
    });
    let routine = Routine::bundled();
    todays_target(
        routine.exercise(id).unwrap(),
        &history(sessions),
        &Overrides::new(),
    )
}

#[test]
fn progression() {
    use Did::*;
    let raises = "lateral-leg-raises"; // 15..25, default 15
    let cases: &[(&[Did], u32)] = &[
        (&[], 15),
        (&[Reached(15)], 15),
        (&[Reached(15), Reached(15)], 17),
        (&[Reached(15), Reached(15), Reached(17)], 17),
        (&[Reached(15), Reached(15), Reached(17), Reached(17)], 19),
        // More reps than asked count as reaching the target.
        (&[Reached(18), Reached(16)], 17),
        // A day at a lower target than earned neither counts nor resets.
        (&[Reached(15), Reached(15), Reached(15), Reached(15)], 17),
        (&[Reached(15), Reached(12), Reached(15)], 17),
        // An early end below the target resets the count, and never demotes.
        (&[Reached(15), Early(10), Reached(15)], 15),
        (&[Reached(15), Early(10), Reached(15), Reached(15)], 17),
        (
            &[Reached(15), Reached(15), Early(3), Early(3), Early(3)],
            17,
        ),
        // Ended early above the target still reached it.
        (&[BothEarly(16), BothEarly(16)], 17),
        // Skipped ones count either way.
        (&[Reached(15), Skipped, Reached(15)], 17),
        (&[Reached(15), NoKit, NoKit, Reached(15)], 17),
        (&[Skipped, Skipped], 15),
        // One leg skipped is not both legs reaching the target, nor a failure.
        (&[Reached(15), OneLegSkipped(15), Reached(15)], 17),
        (&[OneLegSkipped(15), OneLegSkipped(15)], 15),
        // Abandoned sessions do not promote, but an early end in one still resets.
        (&[Abandoned(15), Abandoned(15)], 15),
        (&[Reached(15), Abandoned(15), Reached(15)], 17),
        (&[Reached(15), AbandonedEarly(5), Reached(15)], 15),
    ];
    for &(did, expected) in cases {
        assert_eq!(target_after(raises, did), expected, "{did:?}");
    }
}

#[test]
fn progression_stops_at_the_exercise_maximum() {
    use Did::Reached;
    let climb: Vec<Did> = [15, 15, 17, 17, 19, 19, 21, 21, 23, 23]
        .map(Reached)
        .to_vec();
    assert_eq!(target_after("lateral-leg-raises", &climb), 25);
    let beyond = [climb, vec![Reached(25); 6]].concat();
    assert_eq!(target_after("lateral-leg-raises", &beyond), 25);
    // 10..15: 10, 12, 14, then 15 rather than 16.
    let abductor = [10, 10, 12, 12, 14, 14].map(Reached);
    assert_eq!(target_after("standing-hip-abductor", &abductor), 15);
    // A fixed range never moves.
    assert_eq!(target_after("clams", &[Reached(20); 4]), 20);
}

#[test]
fn an_override_wins_clamped_to_the_range() {
    let routine = Routine::bundled();
    let raises = routine.exercise("lateral-leg-raises").unwrap();
    let earned = history((0..2).map(|i| {
        let full = leg(15, LegOutcome::Completed);
        record(
            at(2024, 3, 4) + i * 24 * HOUR,
            false,
            vec![exercise("lateral-leg-raises", 15, full, Some(full))],
        )
    }));
    let with = |id: &str, target: u32| Overrides::from([(id.to_owned(), target)]);
    assert_eq!(todays_target(raises, &earned, &Overrides::new()), 17);
    assert_eq!(
        todays_target(raises, &earned, &with("lateral-leg-raises", 20)),
        20
    );
    assert_eq!(
        todays_target(raises, &earned, &with("lateral-leg-raises", 15)),
        15
    );
    assert_eq!(
        todays_target(raises, &earned, &with("lateral-leg-raises", 99)),
        25
    );
    assert_eq!(
        todays_target(raises, &earned, &with("lateral-leg-raises", 0)),
        15
    );
    assert_eq!(todays_target(raises, &earned, &with("clams", 5)), 17);
}

#[test]
fn the_session_plans_todays_targets() {
    let routine = Routine::bundled();
    let full = leg(15, LegOutcome::Completed);
    let h = history((0..2).map(|i| {
        record(
            at(2024, 3, 4) + i * 24 * HOUR,
            false,
            vec![exercise("donkey-kicks", 15, full, Some(full))],
        )
    }));
    let overrides = Overrides::from([("hip-hikes".to_owned(), 40)]);
    let s = Session::new(&routine, Options::default(), |e| {
        todays_target(e, &h, &overrides)
    });
    let target = |id: &str| s.plan.iter().find(|p| p.id == id).unwrap().target;
    assert_eq!(target("donkey-kicks"), 17);
    assert_eq!(target("donkey-whips"), 15);
    assert_eq!(target("hip-hikes"), 15);
}

// ----- export -----

fn sample_history() -> History {
    use LegOutcome::*;
    history([
        record(
            at(2024, 3, 4),
            false,
            vec![
                exercise("clams", 20, leg(20, Completed), Some(leg(18, EndedEarly))),
                exercise(
                    "hip-hikes",
                    15,
                    leg(0, NoEquipment(Equipment::Step)),
                    Some(leg(0, NoEquipment(Equipment::Step))),
                ),
            ],
        ),
        record(
            at(2024, 3, 6) + 35 * MINUTE,
            true,
            vec![exercise("knee-circles", 17, leg(4, NotDone), None)],
        ),
        record(
            at(2024, 3, 7),
            false,
            vec![exercise("gone-exercise", 9, leg(0, Skipped), None)],
        ),
    ])
}

fn settings_json() -> Value {
    serde_json::to_value(Settings::default()).unwrap()
}

#[test]
fn export_json_has_the_documented_envelope() {
    let text = export_json(&sample_history(), keep(settings_json()), T0);
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["app"], "bia");
    assert_eq!(doc["kind"], "export");
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["exported_at"], T0);
    assert_eq!(doc["settings"], settings_json());
    assert_eq!(doc["history"]["sessions"].as_array().unwrap().len(), 3);
    assert_eq!(
        doc["history"]["sessions"][0]["exercises"][1]["left"],
        json!({ "reps": 0, "outcome": { "no-equipment": "step" } })
    );
    assert_eq!(
        doc["history"]["sessions"][1]["exercises"][0]["right"],
        Value::Null
    );
}

#[test]
fn export_csv_has_one_row_per_leg() {
    let csv = export_csv(&sample_history(), &Routine::bundled(), &Utc);
    let routine = Routine::bundled();
    let name = |id| routine.exercise(id).unwrap().name.clone();
    let expected = format!(
        "date,exercise,name,leg,target,reps,outcome,set\n\
         2024-03-04T10:00Z,clams,{clams},left,20,20,completed,1\n\
         2024-03-04T10:00Z,clams,{clams},right,20,18,ended-early,1\n\
         2024-03-04T10:00Z,hip-hikes,{hikes},left,15,0,no-equipment:step,1\n\
         2024-03-04T10:00Z,hip-hikes,{hikes},right,15,0,no-equipment:step,1\n\
         2024-03-06T10:35Z,knee-circles,{circles},both,17,4,not-done,1\n\
         2024-03-07T10:00Z,gone-exercise,,both,9,0,skipped,1\n",
        clams = name("clams"),
        hikes = name("hip-hikes"),
        circles = name("knee-circles"),
    );
    assert_eq!(csv, expected);
    assert_eq!(
        export_csv(&History::new(), &routine, &Utc),
        "date,exercise,name,leg,target,reps,outcome,set\n"
    );
    // On a clock eight hours behind UTC, each date is that clock's, with its offset.
    let pacific = export_csv(&sample_history(), &routine, &FixedOffset(-8 * HOUR as i64));
    let dates: Vec<&str> = pacific
        .lines()
        .skip(1)
        .map(|row| row.split(',').next().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2024-03-04T02:00-08:00",
            "2024-03-04T02:00-08:00",
            "2024-03-04T02:00-08:00",
            "2024-03-04T02:00-08:00",
            "2024-03-06T02:35-08:00",
            "2024-03-07T02:00-08:00",
        ]
    );
}

#[test]
fn an_export_imports_back_whole() {
    let h = sample_history();
    let import = parse_import(&export_json(&h, keep(settings_json()), T0)).unwrap();
    assert_eq!(import.history, h);
    assert_eq!(import.exported_at, T0);
    assert_eq!(import.settings, Some(Settings::default()));
    let without = parse_import(&export_json(&h, keep(Value::Null), T0)).unwrap();
    assert_eq!(without.settings, None);
}

// ----- import errors -----

fn sample_export() -> Value {
    serde_json::from_str(&export_json(&sample_history(), keep(settings_json()), T0)).unwrap()
}

/// Imports the sample export after `edit`, expecting `Invalid` at `at`.
fn assert_invalid(edit: impl FnOnce(&mut Value), at: &str) {
    let mut doc = sample_export();
    edit(&mut doc);
    match parse_import(&doc.to_string()) {
        Err(ImportError::Invalid { at: got, problem }) => {
            assert_eq!(got, at, "problem: {problem}");
            assert!(!problem.is_empty());
        }
        other => panic!("expected Invalid at {at}, got {other:?}"),
    }
}

/// Sets (or adds) the value at a JSON pointer into the sample export, expecting `Invalid` at
/// `at`.
fn assert_invalid_value(pointer: &str, value: Value, at: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    assert_invalid(
        |d| match d.pointer_mut(parent).expect(parent) {
            Value::Object(fields) => {
                fields.insert(key.to_owned(), value);
            }
            Value::Array(items) => items[key.parse::<usize>().unwrap()] = value,
            other => panic!("{parent} is {other}"),
        },
        at,
    );
}

/// Removes the field at a JSON pointer, expecting `Invalid` at `at`.
fn assert_invalid_without(pointer: &str, at: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    assert_invalid(
        |d| {
            d.pointer_mut(parent)
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(key);
        },
        at,
    );
}

#[test]
fn invalid_values_are_named_by_path() {
    const S0: &str = "/history/sessions/0";
    const E0: &str = "/history/sessions/0/exercises/0";
    const E1: &str = "/history/sessions/0/exercises/1";
    let cases: Vec<(String, Value, &str)> = vec![
        (
            "/history/sessions/1/finished_at".into(),
            json!(1),
            "history.sessions[1].finished_at",
        ),
        (
            format!("{E1}/left/reps"),
            json!(1001),
            "history.sessions[0].exercises[1].left.reps",
        ),
        (
            format!("{E0}/right/reps"),
            json!(-1),
            "history.sessions[0].exercises[0].right.reps",
        ),
        (
            format!("{E0}/left/reps"),
            json!(2.5),
            "history.sessions[0].exercises[0].left.reps",
        ),
        (
            format!("{E0}/left/reps"),
            json!("NaN"),
            "history.sessions[0].exercises[0].left.reps",
        ),
        (
            format!("{E0}/left/reps"),
            json!(1e300),
            "history.sessions[0].exercises[0].left.reps",
        ),
        (
            format!("{E0}/target"),
            json!(null),
            "history.sessions[0].exercises[0].target",
        ),
        (
            format!("{E0}/left/outcome"),
            json!("won"),
            "history.sessions[0].exercises[0].left.outcome",
        ),
        (
            format!("{E0}/left/outcome"),
            json!({ "no-equipment": "chair" }),
            "history.sessions[0].exercises[0].left.outcome.no-equipment",
        ),
        (
            format!("{E0}/left/outcome"),
            json!({ "lost": "band" }),
            "history.sessions[0].exercises[0].left.outcome.lost",
        ),
        (
            format!("{E0}/right"),
            json!("left"),
            "history.sessions[0].exercises[0].right",
        ),
        (
            format!("{E1}/id"),
            json!("clams"),
            "history.sessions[0].exercises[1].id",
        ),
        (
            format!("{E1}/id"),
            json!("Hip Hikes"),
            "history.sessions[0].exercises[1].id",
        ),
        (
            format!("{S0}/exercises"),
            json!({}),
            "history.sessions[0].exercises",
        ),
        (E0.into(), json!([]), "history.sessions[0].exercises[0]"),
        (
            format!("{S0}/mood"),
            json!("great"),
            "history.sessions[0].mood",
        ),
        (
            format!("{S0}/abandoned"),
            json!("no"),
            "history.sessions[0].abandoned",
        ),
        (
            format!("{S0}/active_ms"),
            json!(26 * MINUTE),
            "history.sessions[0].active_ms",
        ),
        (format!("{S0}/id"), json!(""), "history.sessions[0].id"),
        (
            format!("{S0}/id"),
            json!("x".repeat(65)),
            "history.sessions[0].id",
        ),
        (format!("{S0}/id"), json!("s 1"), "history.sessions[0].id"),
        (
            "/history/sessions/2/id".into(),
            json!(session_id(at(2024, 3, 4))),
            "history.sessions[2].id",
        ),
        (
            format!("{S0}/started_at"),
            json!(MAX_TIMESTAMP_MS + 1),
            "history.sessions[0].started_at",
        ),
        (
            format!("{S0}/finished_at"),
            json!(u64::MAX),
            "history.sessions[0].finished_at",
        ),
        (
            format!("{S0}/started_at"),
            json!(-1),
            "history.sessions[0].started_at",
        ),
        (S0.into(), json!(7), "history.sessions[0]"),
        ("/exported_at".into(), json!(-5), "exported_at"),
        ("/exported_at".into(), json!("today"), "exported_at"),
        ("/extra".into(), json!(true), "extra"),
        ("/version".into(), json!(0), "version"),
        ("/version".into(), json!("1"), "version"),
        ("/version".into(), json!(1.5), "version"),
        ("/history".into(), json!([]), "history"),
        ("/history".into(), json!({}), "history.sessions"),
        (
            "/history/sessions".into(),
            json!("all of them"),
            "history.sessions",
        ),
        ("/settings".into(), json!([1]), "settings"),
        ("/settings/volume".into(), json!("loud"), "settings"),
    ];
    for (pointer, value, at) in cases {
        assert_invalid_value(&pointer, value, at);
    }
    assert_invalid_without("/version", "version");
    assert_invalid_without("/history", "history");
    assert_invalid_without("/exported_at", "exported_at");
    assert_invalid_without(
        &format!("{E0}/left/outcome"),
        "history.sessions[0].exercises[0].left.outcome",
    );
    assert_invalid_without(
        &format!("{E0}/left"),
        "history.sessions[0].exercises[0].left",
    );
}

#[test]
fn too_many_sessions_are_refused_before_reading_them() {
    let mut doc = sample_export();
    doc["history"]["sessions"] = Value::Array(vec![json!({}); MAX_IMPORT_SESSIONS + 1]);
    let text = doc.to_string();
    assert!(text.len() < MAX_IMPORT_BYTES);
    match parse_import(&text) {
        Err(ImportError::Invalid { at, problem }) => {
            assert_eq!(at, "history.sessions");
            assert!(problem.contains("100000"), "{problem}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_file_over_five_megabytes_is_too_large() {
    let text = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        parse_import(&text),
        Err(ImportError::TooLarge {
            bytes: MAX_IMPORT_BYTES + 1
        })
    );
}

#[test]
fn not_json_and_hostile_nesting_are_not_json() {
    let deep_inside = {
        let mut doc = sample_export();
        doc["settings"] = json!(null);
        let nested = format!("{}{}", "[".repeat(500), "]".repeat(500));
        doc.to_string()
            .replace("\"settings\":null", &format!("\"settings\":{nested}"))
    };
    for text in [
        String::new(),
        "{oops".into(),
        "NaN".into(),
        "Infinity".into(),
        "[1,2".into(),
        "{\"reps\": 1e999}".into(),
        "[".repeat(100_000),
        format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)),
        deep_inside,
    ] {
        match parse_import(&text) {
            Err(ImportError::NotJson(why)) => assert!(!why.is_empty()),
            other => panic!("{:?}: {other:?}", &text[..text.len().min(40)]),
        }
    }
}

#[test]
fn json_that_is_not_a_bia_export_says_so() {
    for text in [
        "[]",
        "null",
        "42",
        "\"bia\"",
        "{}",
        r#"{"app":"bia"}"#,
        r#"{"app":"bia","kind":"backup","version":1}"#,
        r#"{"app":"Bia","kind":"export","version":1}"#,
        r#"{"app":"other","kind":"export","version":1}"#,
        r#"{"app":["bia"],"kind":"export","version":1}"#,
    ] {
        assert_eq!(parse_import(text), Err(ImportError::NotBiaExport), "{text}");
    }
}

#[test]
fn a_newer_export_is_too_new_even_with_fields_this_build_does_not_know() {
    let mut doc = sample_export();
    doc["version"] = json!(2);
    doc["goals"] = json!({ "weekly": 3 });
    assert_eq!(
        parse_import(&doc.to_string()),
        Err(ImportError::TooNew { version: 2 })
    );
}

#[test]
fn every_error_tells_the_person_what_to_do() {
    let cases = [
        (ImportError::TooLarge { bytes: 6 << 20 }, "6.0 MB"),
        (
            ImportError::NotJson("expected value".into()),
            "expected value",
        ),
        (ImportError::NotBiaExport, "Export"),
        (ImportError::TooNew { version: 3 }, "Update Bia"),
        (
            ImportError::Invalid {
                at: "history.sessions[3].exercises[2].left.reps".into(),
                problem: "is 5000; at most 1000 is allowed".into(),
            },
            "history.sessions[3].exercises[2].left.reps",
        ),
    ];
    for (error, needle) in cases {
        let message = error.to_string();
        assert!(message.contains(needle), "{message}");
        assert!(message.ends_with('.'), "{message}");
    }
}

// ----- properties -----

const EXERCISE_IDS: &[&str] = &[
    "clams",
    "lateral-leg-raises",
    "donkey-kicks",
    "hip-hikes",
    "x-1",
];

fn any_leg() -> impl Strategy<Value = LegRecord> {
    let outcome = prop_oneof![
        Just(LegOutcome::Completed),
        Just(LegOutcome::EndedEarly),
        Just(LegOutcome::Skipped),
        Just(LegOutcome::NotDone),
        prop::sample::select(Equipment::ALL.to_vec()).prop_map(LegOutcome::NoEquipment),
    ];
    (0u32..=1000, outcome).prop_map(|(reps, outcome)| LegRecord { reps, outcome })
}

fn any_record() -> impl Strategy<Value = SessionRecord> {
    let exercise = (
        prop::sample::select(EXERCISE_IDS),
        0u32..=1000,
        any_leg(),
        proptest::option::of(any_leg()),
    )
        .prop_map(|(id, target, left, right)| exercise(id, target, left, right));
    (
        0..=MAX_TIMESTAMP_MS - 10 * HOUR,
        0..=10 * HOUR,
        any::<u8>(),
        any::<bool>(),
        prop::collection::vec(exercise, 0..6),
    )
        .prop_map(|(started_at, span, share, abandoned, mut exercises)| {
            let mut seen = std::collections::HashSet::new();
            exercises.retain(|e| seen.insert(e.id.clone()));
            SessionRecord {
                id: session_id(started_at),
                started_at,
                finished_at: started_at + span,
                active_ms: span / 255 * Ms::from(share),
                abandoned,
                exercises,
            }
        })
}

fn any_history() -> impl Strategy<Value = History> {
    prop::collection::vec(any_record(), 0..12).prop_map(history)
}

fn any_json() -> impl Strategy<Value = Value> {
    let text = prop_oneof![
        Just("NaN".to_owned()),
        Just("-Infinity".to_owned()),
        Just("completed".to_owned()),
        Just("bia".to_owned()),
        Just("export".to_owned()),
        ".{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text.prop_map(Value::String),
    ];
    let key = prop_oneof![
        prop::sample::select(vec![
            "app",
            "kind",
            "version",
            "history",
            "sessions",
            "id",
            "reps",
            "outcome",
            "no-equipment",
            "left",
            "right",
        ])
        .prop_map(str::to_owned),
        ".{0,8}",
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Replaces the value reached by following `choices` (child indices) with `with`.
fn replace_at(doc: &mut Value, choices: &[usize], with: Value) {
    match (choices.split_first(), doc) {
        (Some((&choice, rest)), Value::Array(items)) if !items.is_empty() => {
            let i = choice % items.len();
            replace_at(&mut items[i], rest, with);
        }
        (Some((&choice, rest)), Value::Object(fields)) if !fields.is_empty() => {
            let i = choice % fields.len();
            replace_at(fields.values_mut().nth(i).unwrap(), rest, with);
        }
        (_, here) => *here = with,
    }
}

fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Start),
        Just(Event::RepDone),
        Just(Event::Tick),
        Just(Event::Pause),
        Just(Event::Resume),
        Just(Event::Skip),
        Just(Event::Back),
        Just(Event::FinishLegEarly),
        (0u32..40).prop_map(Event::ChangeTarget),
        Just(Event::Continue),
        Just(Event::SetMode(CountMode::Tap)),
        Just(Event::End),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Export, import, merge into an empty history: the same history comes back.
    #[test]
    fn export_then_import_is_lossless(h in any_history(), exported_at in 0..=MAX_TIMESTAMP_MS) {
        let import = parse_import(&export_json(&h, keep(settings_json()), exported_at)).unwrap();
        prop_assert_eq!(import.exported_at, exported_at);
        let mut merged = History::new();
        let report = merged.merge(import.history);
        prop_assert_eq!(report, MergeReport { added: h.len(), already_present: 0 });
        prop_assert_eq!(merged, h);
    }

    /// What the app records from any run of the state machine is a valid export.
    #[test]
    fn recorded_sessions_always_import(
        steps in prop::collection::vec((any_event(), 0u64..40_000), 1..80),
    ) {
        let mut s = bundled_session(Options::default());
        let mut t = T0;
        s.apply(Event::Start, t);
        for (event, gap) in steps {
            t += gap;
            s.apply(event, t);
        }
        let r = SessionRecord::from_session(&s, t + 1).unwrap();
        prop_assert!(r.finished_at >= r.started_at);
        prop_assert!(r.active_ms <= r.finished_at - r.started_at);
        let h = history([r]);
        let back = parse_import(&export_json(&h, keep(Value::Null), t)).unwrap();
        prop_assert_eq!(back.history, h);
    }

    /// Merging never duplicates and keeps the order.
    #[test]
    fn merge_never_duplicates(a in any_history(), b in any_history()) {
        let mut merged = a.clone();
        let report = merged.merge(b.clone());
        prop_assert_eq!(report.added + report.already_present, b.len());
        prop_assert_eq!(merged.len(), a.len() + report.added);
        let mut seen = std::collections::HashSet::new();
        prop_assert!(merged.sessions().iter().all(|s| seen.insert(s.id.clone())));
        prop_assert!(merged.sessions().windows(2).all(|w| w[0].started_at <= w[1].started_at));
        for s in a.sessions() {
            prop_assert_eq!(merged.get(&s.id), Some(s));
        }
    }

    #[test]
    fn parse_import_never_panics_on_text(text in ".{0,200}") {
        let _ = parse_import(&text);
    }

    #[test]
    fn parse_import_never_panics_on_json(value in any_json()) {
        let _ = parse_import(&value.to_string());
    }

    /// A real export with any one value replaced: an error, or a history that exports and
    /// imports back to itself.
    #[test]
    fn a_damaged_export_is_refused_or_consistent(
        h in any_history(),
        choices in prop::collection::vec(any::<usize>(), 0..8),
        with in any_json(),
    ) {
        let mut doc: Value = serde_json::from_str(&export_json(&h, keep(settings_json()), T0)).unwrap();
        replace_at(&mut doc, &choices, with);
        if let Ok(import) = parse_import(&doc.to_string()) {
            let again = parse_import(&export_json(&import.history, keep(Value::Null), T0)).unwrap();
            prop_assert_eq!(again.history, import.history);
        }
    }

    /// Streaks never exceed the weeks that have sessions, and the current never beats the
    /// longest.
    #[test]
    fn streaks_are_bounded(
        starts in prop::collection::vec(0..60 * 7 * 24 * HOUR, 0..40),
        now in 0..70 * 7 * 24 * HOUR,
        goal in 0u32..4,
    ) {
        let h = history(starts.iter().map(|&t| done(t)));
        let weeks: std::collections::HashSet<Week> = starts.iter().map(|&t| Week::of(t)).collect();
        let current = h.current_streak_weeks(now, goal, &Utc);
        let longest = h.longest_streak_weeks(goal, &Utc);
        prop_assert!(current <= longest);
        prop_assert!(longest as usize <= weeks.len());
    }
}

#[test]
fn leg_records_serialise_as_documented() {
    let raw = |l: LegRecord| serde_json::to_value(l).unwrap();
    assert_eq!(
        raw(leg(12, LegOutcome::EndedEarly)),
        json!({ "reps": 12, "outcome": "ended-early" })
    );
    assert_eq!(
        raw(leg(0, LegOutcome::NoEquipment(Equipment::BalanceBoard))),
        json!({ "reps": 0, "outcome": { "no-equipment": "balance-board" } })
    );
}
