//! The reminder: when the next one falls on the user's clock, the iCalendar file their calendar
//! app imports, and the streak counted in days trained against the days chosen.

use bia::core::progress::{
    Day, ExerciseRecord, FixedOffset, History, LegOutcome, LegRecord, SessionRecord, Utc, Week,
    Zone, session_id,
};
use bia::core::reminder::{Invitation, MINUTES_PER_DAY, Schedule, ics};
use bia::core::session::Ms;

const MINUTE: Ms = 60_000;
const HOUR: Ms = 60 * MINUTE;
const H: i64 = HOUR as i64;

fn day(year: i64, month: u32, day: u32) -> Day {
    Day::from_ymd(year, month, day).unwrap()
}

/// An instant given as its UTC reading.
fn utc(year: i64, month: u32, date: u32, hour: Ms, minute: Ms) -> Ms {
    day(year, month, date).start_ms() + hour * HOUR + minute * MINUTE
}

const MONDAY: usize = 0;
const TUESDAY: usize = 1;
const WEDNESDAY: usize = 2;
const FRIDAY: usize = 4;
const SUNDAY: usize = 6;

fn schedule(days: &[usize], hour: u32, minute: u32) -> Schedule {
    let mut chosen = [false; 7];
    for &d in days {
        chosen[d] = true;
    }
    Schedule {
        days: chosen,
        minute_of_day: hour * 60 + minute,
    }
}

fn mon_wed_fri_at_seven() -> Schedule {
    schedule(&[MONDAY, WEDNESDAY, FRIDAY], 7, 0)
}

// ----- the schedule itself -----

#[test]
fn the_default_is_seven_oclock_with_no_day_chosen() {
    let default = Schedule::default();
    assert_eq!(default.minute_of_day, 7 * 60);
    assert_eq!((default.hour(), default.minute()), (7, 0));
    assert!(!default.is_set());
    assert_eq!(default.day_count(), 0);
    assert_eq!(default.next_after(utc(2026, 3, 2, 5, 0), &Utc), None);
}

#[test]
fn a_schedule_counts_its_days_and_reads_its_time() {
    let s = schedule(&[MONDAY, WEDNESDAY, FRIDAY], 18, 45);
    assert!(s.is_set());
    assert_eq!(s.day_count(), 3);
    assert_eq!((s.hour(), s.minute()), (18, 45));
}

#[test]
fn a_time_past_the_day_is_clamped() {
    let s = Schedule {
        days: [true; 7],
        minute_of_day: 5000,
    };
    assert_eq!(s.sanitized().minute_of_day, MINUTES_PER_DAY - 1);
    assert_eq!((s.hour(), s.minute()), (23, 59));
    assert_eq!(s.sanitized().days, [true; 7]);
}

#[test]
fn a_stored_schedule_reads_back_and_missing_fields_take_the_default() {
    let s = mon_wed_fri_at_seven();
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<Schedule>(&json).unwrap(), s);
    assert_eq!(
        serde_json::from_str::<Schedule>("{}").unwrap(),
        Schedule::default()
    );
    let only_days: Schedule =
        serde_json::from_str(r#"{"days":[true,false,false,false,false,false,false]}"#).unwrap();
    assert_eq!(only_days.minute_of_day, 7 * 60);
}

// ----- the next reminder -----

#[test]
fn the_test_calendar() {
    assert_eq!(day(2026, 3, 2).weekday(), MONDAY as u32);
    assert_eq!(day(2026, 3, 8).weekday(), SUNDAY as u32);
}

#[test]
fn today_when_its_time_is_still_ahead() {
    let s = mon_wed_fri_at_seven();
    let monday = day(2026, 3, 2);
    assert_eq!(
        s.next_after(utc(2026, 3, 2, 6, 0), &Utc),
        Some((monday, 420))
    );
    assert_eq!(
        s.next_after(utc(2026, 3, 2, 7, 0) - 1, &Utc),
        Some((monday, 420))
    );
    // Just after midnight counts as today too.
    assert_eq!(s.next_after(monday.start_ms(), &Utc), Some((monday, 420)));
}

#[test]
fn the_next_chosen_day_once_todays_time_has_come() {
    let s = mon_wed_fri_at_seven();
    let wednesday = day(2026, 3, 4);
    // Strictly after: at 07:00 itself the next one is Wednesday's.
    assert_eq!(
        s.next_after(utc(2026, 3, 2, 7, 0), &Utc),
        Some((wednesday, 420))
    );
    assert_eq!(
        s.next_after(utc(2026, 3, 2, 12, 0), &Utc),
        Some((wednesday, 420))
    );
    // A day not chosen goes to the next chosen one, whatever the hour.
    assert_eq!(
        s.next_after(utc(2026, 3, 3, 5, 0), &Utc),
        Some((wednesday, 420))
    );
}

#[test]
fn the_week_wraps_round() {
    let s = mon_wed_fri_at_seven();
    let next_monday = day(2026, 3, 9);
    assert_eq!(
        s.next_after(utc(2026, 3, 6, 8, 0), &Utc),
        Some((next_monday, 420))
    );
    assert_eq!(
        s.next_after(utc(2026, 3, 8, 23, 59), &Utc),
        Some((next_monday, 420))
    );
    // Only Monday chosen and Monday's time gone: a full week on.
    let mondays = schedule(&[MONDAY], 7, 0);
    assert_eq!(
        mondays.next_after(utc(2026, 3, 2, 7, 1), &Utc),
        Some((next_monday, 420))
    );
    // The last minute of Sunday.
    let sunday_night = schedule(&[SUNDAY], 23, 59);
    assert_eq!(
        sunday_night.next_after(utc(2026, 3, 8, 23, 58), &Utc),
        Some((day(2026, 3, 8), 23 * 60 + 59))
    );
}

#[test]
fn no_day_chosen_has_no_next_reminder() {
    let s = schedule(&[], 7, 0);
    assert_eq!(s.next_after(utc(2026, 3, 2, 6, 0), &Utc), None);
}

#[test]
fn the_day_and_time_are_the_users_not_utcs() {
    let los_angeles = FixedOffset(-8 * H);
    // 03:30 UTC on Wednesday is 19:30 on Tuesday in Los Angeles.
    let evening = utc(2026, 12, 2, 3, 30);
    let tuesday = day(2026, 12, 1);
    let tuesday_at_eight = schedule(&[TUESDAY], 20, 0);
    assert_eq!(
        tuesday_at_eight.next_after(evening, &los_angeles),
        Some((tuesday, 20 * 60))
    );
    // On UTC's clock that Tuesday is over.
    assert_eq!(
        tuesday_at_eight.next_after(evening, &Utc),
        Some((day(2026, 12, 8), 20 * 60))
    );
    // 19:00 UTC on Sunday is 08:00 on Monday in Auckland: Sunday's reminder is a week away,
    // though on UTC's clock it is an hour ahead.
    let auckland = FixedOffset(13 * H);
    let monday_morning = utc(2026, 11, 29, 19, 0);
    let sunday_at_eight = schedule(&[SUNDAY], 20, 0);
    assert_eq!(
        sunday_at_eight.next_after(monday_morning, &auckland),
        Some((day(2026, 12, 6), 20 * 60))
    );
    assert_eq!(
        sunday_at_eight.next_after(monday_morning, &Utc),
        Some((day(2026, 11, 29), 20 * 60))
    );
}

/// A zone with daylight saving time: `summer` from `starts` (a UTC instant) on, `standard`
/// before.
struct ClocksGoForward {
    standard: i64,
    summer: i64,
    starts: Ms,
}

impl Zone for ClocksGoForward {
    fn offset_ms(&self, at: Ms) -> i64 {
        if at >= self.starts {
            self.summer
        } else {
            self.standard
        }
    }
}

/// Los Angeles in March 2026: PST (−8) until Sunday 8 March 10:00 UTC, then PDT (−7).
fn los_angeles_in_march() -> ClocksGoForward {
    ClocksGoForward {
        standard: -8 * H,
        summer: -7 * H,
        starts: utc(2026, 3, 8, 10, 0),
    }
}

#[test]
fn a_change_of_clocks_keeps_the_reminder_at_its_local_time() {
    let zone = los_angeles_in_march();
    let sundays = schedule(&[SUNDAY], 7, 0);
    let sunday = day(2026, 3, 8);
    // Saturday 07:30 PST: tomorrow at 07:00, which will be PDT.
    assert_eq!(
        sundays.next_after(utc(2026, 3, 7, 15, 30), &zone),
        Some((sunday, 420))
    );
    // Sunday 06:30 PDT (13:30 UTC): still ahead today.
    assert_eq!(
        sundays.next_after(utc(2026, 3, 8, 13, 30), &zone),
        Some((sunday, 420))
    );
    // Sunday 07:30 PDT (14:30 UTC): gone, though Saturday's 07:00 PST plus 24 hours (15:00 UTC)
    // is still ahead.
    assert_eq!(
        sundays.next_after(utc(2026, 3, 8, 14, 30), &zone),
        Some((day(2026, 3, 15), 420))
    );
}

// ----- the calendar file -----

const GERMAN_DESCRIPTION: &str = "Zeit für deine Hüftübungen! Zehn Übungen, etwa zwanzig \
Minuten: Muschel, Brücke, seitliches Beinheben im Liegen und im Stehen. Größere Schritte, \
weniger Schmerzen – bleib dran; jede Woche zählt.";

const LONG_URL: &str = "https://bia.example.org/hip-routine/?utm_source=calendar&utm_medium=\
reminder&start=1&lang=de#today-and-every-chosen-weekday-of-the-routine";

fn invitation(from: Day) -> Invitation<'static> {
    Invitation {
        title: "Hüftroutine",
        description: GERMAN_DESCRIPTION,
        alarm_text: "Zeit für die Hüftübungen",
        url: LONG_URL,
        uid: "reminder-3f9a@bia",
        stamp: utc(2026, 3, 3, 9, 15) + 42_000,
        from,
        duration_minutes: 20,
    }
}

/// The content lines with folds undone, after checking every line ends in CRLF.
fn unfolded_lines(file: &str) -> Vec<String> {
    assert!(file.ends_with("\r\n"), "the last line ends in CRLF");
    let unfolded = file.replace("\r\n ", "");
    let mut lines: Vec<String> = unfolded.split("\r\n").map(str::to_owned).collect();
    assert_eq!(lines.pop().as_deref(), Some(""));
    lines
}

fn value<'a>(lines: &'a [String], name: &str) -> Vec<&'a str> {
    let prefix = format!("{name}:");
    lines
        .iter()
        .filter_map(|l| l.strip_prefix(prefix.as_str()))
        .collect()
}

/// A TEXT value read back (RFC 5545 3.3.11).
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("a lone backslash ends {text:?}"),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn no_day_chosen_has_no_file() {
    assert_eq!(
        ics(&Schedule::default(), &invitation(day(2026, 3, 3))),
        None
    );
}

#[test]
fn the_file_is_one_weekly_event_with_an_alarm() {
    let file = ics(&mon_wed_fri_at_seven(), &invitation(day(2026, 3, 3))).unwrap();
    let lines = unfolded_lines(&file);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split([':', ';']).next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "BEGIN",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "BEGIN",
            "UID",
            "DTSTAMP",
            "DTSTART",
            "DURATION",
            "RRULE",
            "SUMMARY",
            "DESCRIPTION",
            "URL",
            "BEGIN",
            "ACTION",
            "DESCRIPTION",
            "TRIGGER",
            "END",
            "END",
            "END",
        ]
    );
    assert_eq!(lines[0], "BEGIN:VCALENDAR");
    assert_eq!(lines[1], "VERSION:2.0");
    assert_eq!(lines[2], "PRODID:-//Bia//Hip routine//EN");
    assert_eq!(lines[3], "CALSCALE:GREGORIAN");
    assert_eq!(lines[4], "METHOD:PUBLISH");
    assert_eq!(value(&lines, "BEGIN"), ["VCALENDAR", "VEVENT", "VALARM"]);
    assert_eq!(value(&lines, "END"), ["VALARM", "VEVENT", "VCALENDAR"]);
    assert_eq!(value(&lines, "UID"), ["reminder-3f9a@bia"]);
    assert_eq!(value(&lines, "DTSTAMP"), ["20260303T091542Z"]);
    assert_eq!(value(&lines, "DURATION"), ["PT20M"]);
    assert_eq!(value(&lines, "RRULE"), ["FREQ=WEEKLY;BYDAY=MO,WE,FR"]);
    assert_eq!(value(&lines, "SUMMARY"), ["Hüftroutine"]);
    assert_eq!(value(&lines, "URL"), [LONG_URL]);
    assert_eq!(value(&lines, "ACTION"), ["DISPLAY"]);
    assert_eq!(value(&lines, "TRIGGER"), ["PT0M"]);
    assert_eq!(value(&lines, "DESCRIPTION")[1], "Zeit für die Hüftübungen");
}

#[test]
fn every_line_ends_in_crlf_and_nothing_else_breaks_a_line() {
    let mut inv = invitation(day(2026, 3, 3));
    let with_breaks = "First line\nsecond line\r\nthird\rfourth";
    inv.description = with_breaks;
    let file = ics(&mon_wed_fri_at_seven(), &inv).unwrap();
    assert!(file.ends_with("END:VCALENDAR\r\n"));
    let mut pieces: Vec<&str> = file.split("\r\n").collect();
    assert_eq!(pieces.pop(), Some(""));
    for piece in pieces {
        assert!(
            !piece.contains(['\r', '\n']),
            "a bare line break in {piece:?}"
        );
    }
    let lines = unfolded_lines(&file);
    assert_eq!(
        unescape(value(&lines, "DESCRIPTION")[0]),
        format!("First line\nsecond line\nthird\nfourth\n\n{LONG_URL}")
    );
}

#[test]
fn byday_lists_the_chosen_days_monday_first() {
    let from = day(2026, 3, 2);
    let cases: [(&[usize], &str); 4] = [
        (&[FRIDAY, MONDAY, WEDNESDAY], "MO,WE,FR"),
        (&[SUNDAY], "SU"),
        (&[SUNDAY, MONDAY], "MO,SU"),
        (&[0, 1, 2, 3, 4, 5, 6], "MO,TU,WE,TH,FR,SA,SU"),
    ];
    for (days, byday) in cases {
        let file = ics(&schedule(days, 7, 0), &invitation(from)).unwrap();
        let lines = unfolded_lines(&file);
        assert_eq!(
            value(&lines, "RRULE"),
            [format!("FREQ=WEEKLY;BYDAY={byday}").as_str()]
        );
    }
}

#[test]
fn the_start_is_floating_local_time_on_the_first_chosen_day_from_today() {
    let start = |from: Day, s: &Schedule| {
        let file = ics(s, &invitation(from)).unwrap();
        let lines = unfolded_lines(&file);
        assert!(
            lines.iter().all(|l| !l.starts_with("DTSTART;")),
            "no TZID or other parameter"
        );
        value(&lines, "DTSTART")[0].to_owned()
    };
    let s = mon_wed_fri_at_seven();
    // Monday itself.
    assert_eq!(start(day(2026, 3, 2), &s), "20260302T070000");
    // Tuesday: Wednesday.
    assert_eq!(start(day(2026, 3, 3), &s), "20260304T070000");
    // Saturday: the Monday after, across the end of the month too.
    assert_eq!(start(day(2026, 2, 28), &s), "20260302T070000");
    assert_eq!(
        start(day(2026, 12, 26), &schedule(&[FRIDAY], 18, 5)),
        "20270101T180500"
    );
    // No `Z`: it follows the user's clock wherever they are.
    assert!(!start(day(2026, 3, 2), &s).ends_with('Z'));
}

#[test]
fn texts_are_escaped() {
    let mut inv = invitation(day(2026, 3, 2));
    inv.title = "Hips; glutes, core \\ all";
    inv.alarm_text = "Now, please; go";
    inv.description = "Ten exercises, twenty minutes; go";
    let file = ics(&mon_wed_fri_at_seven(), &inv).unwrap();
    let lines = unfolded_lines(&file);
    assert_eq!(
        value(&lines, "SUMMARY"),
        ["Hips\\; glutes\\, core \\\\ all"]
    );
    assert_eq!(
        value(&lines, "DESCRIPTION"),
        [
            format!("Ten exercises\\, twenty minutes\\; go\\n\\n{LONG_URL}").as_str(),
            "Now\\, please\\; go"
        ]
    );
    assert_eq!(unescape(value(&lines, "SUMMARY")[0]), inv.title);
}

#[test]
fn long_lines_fold_at_75_octets_and_unfold_to_the_exact_text() {
    let file = ics(&mon_wed_fri_at_seven(), &invitation(day(2026, 3, 2))).unwrap();
    let physical: Vec<&str> = file.split("\r\n").collect();
    assert!(
        physical.iter().filter(|l| l.starts_with(' ')).count() >= 3,
        "the description and the url are folded"
    );
    for line in &physical {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
    }
    // Each physical line is whole UTF-8 by itself: no character was split by a fold.
    for line in file.as_bytes().split(|&b| b == b'\n') {
        assert!(std::str::from_utf8(line).is_ok());
    }
    let lines = unfolded_lines(&file);
    assert_eq!(
        unescape(value(&lines, "DESCRIPTION")[0]),
        format!("{GERMAN_DESCRIPTION}\n\n{LONG_URL}")
    );
    assert_eq!(value(&lines, "URL"), [LONG_URL]);
}

#[test]
fn an_empty_url_leaves_the_description_alone() {
    let mut inv = invitation(day(2026, 3, 2));
    inv.url = "";
    let file = ics(&mon_wed_fri_at_seven(), &inv).unwrap();
    let lines = unfolded_lines(&file);
    assert_eq!(
        unescape(value(&lines, "DESCRIPTION")[0]),
        GERMAN_DESCRIPTION
    );
}

// ----- the streak by days -----

fn done(started_at: Ms) -> SessionRecord {
    session(started_at, false)
}

fn abandoned(started_at: Ms) -> SessionRecord {
    session(started_at, true)
}

fn session(started_at: Ms, abandoned: bool) -> SessionRecord {
    let clams = LegRecord {
        reps: 20,
        outcome: LegOutcome::Completed,
    };
    SessionRecord {
        id: session_id(started_at),
        started_at,
        finished_at: started_at + 25 * MINUTE,
        active_ms: 22 * MINUTE,
        abandoned,
        exercises: vec![ExerciseRecord {
            more_sets: Vec::new(),
            id: "clams".into(),
            target: 20,
            left: clams,
            right: Some(clams),
        }],
    }
}

fn history(records: impl IntoIterator<Item = SessionRecord>) -> History {
    let mut history = History::new();
    for r in records {
        history.add(r);
    }
    history
}

/// 10:00 UTC on a date in March 2026 (Mondays 2, 9, 16, 23).
fn march(date: u32) -> Ms {
    utc(2026, 3, date, 10, 0)
}

#[test]
fn two_sessions_on_one_day_count_as_one_day() {
    let h = history([done(march(2)), done(march(2) + 6 * HOUR)]);
    let week = Week::of(march(2));
    assert_eq!(h.sessions_in_week(week, &Utc), 2);
    assert_eq!(h.days_trained_in_week(week, &Utc), 1);
    assert_eq!(h.current_streak_by_days(march(8), 2, &Utc), 0);
    assert_eq!(h.longest_streak_by_days(2, &Utc), 0);
    assert_eq!(h.current_streak_by_days(march(8), 1, &Utc), 1);
}

#[test]
fn abandoned_sessions_are_no_day_trained() {
    let h = history([done(march(2)), abandoned(march(3)), abandoned(march(4))]);
    assert_eq!(h.days_trained_in_week(Week::of(march(2)), &Utc), 1);
    assert_eq!(h.longest_streak_by_days(2, &Utc), 0);
}

#[test]
fn a_week_is_kept_by_as_many_days_as_chosen_whichever_days() {
    // Monday, Wednesday and Friday chosen; trained Tuesday, Thursday and Sunday.
    let days = mon_wed_fri_at_seven().day_count();
    let h = history([done(march(3)), done(march(5)), done(march(8))]);
    assert_eq!(h.days_trained_in_week(Week::of(march(3)), &Utc), 3);
    assert_eq!(h.current_streak_by_days(march(8), days, &Utc), 1);
    assert_eq!(h.longest_streak_by_days(days, &Utc), 1);
    // No days chosen is taken as one.
    assert_eq!(h.current_streak_by_days(march(8), 0, &Utc), 1);
}

#[test]
fn a_week_short_of_days_breaks_the_streak() {
    let h = history([
        // Week of 2 March: kept (two days).
        done(march(2)),
        done(march(4)),
        // Week of 9 March: two sessions, one day — broken.
        done(march(10)),
        done(march(10) + HOUR),
        // Weeks of 16 and 23 March: kept.
        done(march(16)),
        done(march(17)),
        done(march(23)),
        done(march(29)),
    ]);
    assert_eq!(h.days_trained_in_week(Week::of(march(9)), &Utc), 1);
    assert_eq!(h.current_streak_by_days(march(29), 2, &Utc), 2);
    assert_eq!(h.longest_streak_by_days(2, &Utc), 2);
    // With one day a week, all four weeks are kept.
    assert_eq!(h.current_streak_by_days(march(29), 1, &Utc), 4);
    assert_eq!(h.longest_streak_by_days(1, &Utc), 4);
}

#[test]
fn the_current_week_extends_the_streak_once_it_is_kept() {
    let kept_weeks = [
        done(march(2)),
        done(march(4)),
        done(march(9)),
        done(march(11)),
    ];
    // The week of 16 March has one day so far: last week's streak of two stands.
    let h = history(kept_weeks.iter().cloned().chain([done(march(16))]));
    assert_eq!(h.current_streak_by_days(march(17), 2, &Utc), 2);
    // A second session the same day does not keep it.
    let h = history(
        kept_weeks
            .iter()
            .cloned()
            .chain([done(march(16)), done(march(16) + HOUR)]),
    );
    assert_eq!(h.current_streak_by_days(march(17), 2, &Utc), 2);
    // A second day does.
    let h = history(
        kept_weeks
            .iter()
            .cloned()
            .chain([done(march(16)), done(march(18))]),
    );
    assert_eq!(h.current_streak_by_days(march(18) + HOUR, 2, &Utc), 3);
    assert_eq!(h.longest_streak_by_days(2, &Utc), 3);
    // Nor last week kept: the streak is over, the record remains.
    let h = history(kept_weeks.iter().cloned());
    assert_eq!(h.current_streak_by_days(march(23), 2, &Utc), 0);
    assert_eq!(h.longest_streak_by_days(2, &Utc), 2);
}

#[test]
fn days_trained_are_the_users_days() {
    // One UTC day, two weeks in Los Angeles: Monday 2 March 07:30 UTC is Sunday 23:30 there,
    // and 09:30 UTC is Monday 01:30.
    let los_angeles = FixedOffset(-8 * H);
    let h = history([done(utc(2026, 3, 2, 7, 30)), done(utc(2026, 3, 2, 9, 30))]);
    assert_eq!(h.days_trained_in_week(Week::of(march(2)), &Utc), 1);
    assert_eq!(h.days_trained_in_week(Week::of(march(2)), &los_angeles), 1);
    assert_eq!(
        h.days_trained_in_week(Week(Week::of(march(2)).0 - 1), &los_angeles),
        1
    );
    // 07:30 and 09:30 UTC on Tuesday: Monday 23:30 and Tuesday 01:30 in Los Angeles, one week.
    let h = history([done(utc(2026, 3, 3, 7, 30)), done(utc(2026, 3, 3, 9, 30))]);
    assert_eq!(h.days_trained_in_week(Week::of(march(2)), &Utc), 1);
    assert_eq!(h.days_trained_in_week(Week::of(march(2)), &los_angeles), 2);
    assert_eq!(h.current_streak_by_days(march(4), 2, &los_angeles), 1);
    assert_eq!(h.current_streak_by_days(march(4), 2, &Utc), 0);
}
