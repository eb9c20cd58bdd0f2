//! The training reminder: the weekdays and the time of day the user chose, when the next one
//! falls, and the same schedule as an iCalendar file (RFC 5545) that the user's own calendar app
//! keeps and rings, since a web page cannot wake the device by itself.
//!
//! Architecture invariant: plain data and arithmetic. The time comes in as `now`, where the user
//! is as a `Zone`, and every word the user reads as an `Invitation`; the only words written here
//! are the file format's own keywords. Only integers are formatted, so the app's wasm does not
//! link float formatting.

use crate::core::progress::{Day, MS_PER_DAY, Zone, local_ms};
use crate::core::session::Ms;
use serde::{Deserialize, Serialize};

pub const MINUTES_PER_DAY: u32 = 24 * 60;
const MS_PER_MINUTE: i64 = 60_000;
const DEFAULT_MINUTE_OF_DAY: u32 = 7 * 60;

/// The weekdays (Monday first) and the time of day on the user's clock when they want to train.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Schedule {
    /// Monday first, as `Day::weekday` counts.
    pub days: [bool; 7],
    /// Minutes after local midnight, 0..1440.
    pub minute_of_day: u32,
}

impl Default for Schedule {
    /// No day chosen, so nothing rings until the user picks one; 07:00 is only the time offered.
    fn default() -> Schedule {
        Schedule {
            days: [false; 7],
            minute_of_day: DEFAULT_MINUTE_OF_DAY,
        }
    }
}

impl Schedule {
    /// Whether any day is chosen.
    pub fn is_set(&self) -> bool {
        self.days.iter().any(|&chosen| chosen)
    }

    /// The same schedule with its time inside the day (a stored document may hold anything).
    pub fn sanitized(&self) -> Schedule {
        Schedule {
            days: self.days,
            minute_of_day: self.minute_of_day.min(MINUTES_PER_DAY - 1),
        }
    }

    /// How many weekdays are chosen, 0 to 7.
    pub fn day_count(&self) -> u32 {
        self.days.iter().filter(|&&chosen| chosen).count() as u32
    }

    /// The hour of the reminder, 0–23.
    pub fn hour(&self) -> u32 {
        self.sanitized().minute_of_day / 60
    }

    /// The minute within the hour, 0–59.
    pub fn minute(&self) -> u32 {
        self.sanitized().minute_of_day % 60
    }

    fn is_chosen(&self, day: Day) -> bool {
        self.days[day.weekday() as usize]
    }

    /// The first chosen day from `from` on (`from` itself included), within a week.
    fn first_chosen_from(&self, from: Day) -> Option<Day> {
        (0..7)
            .map(|ahead| Day(from.0 + ahead))
            .find(|&day| self.is_chosen(day))
    }

    /// The day and minute of day of the next reminder strictly after `now` on the user's clock
    /// in `zone`: today when today is chosen and its time is still ahead, else the next chosen
    /// day, up to a week on. `None` when no day is chosen.
    ///
    /// Computed on the wall clock (today's date and the minute of the local day), never by
    /// adding 24 hours, so a change of clocks leaves the reminder at the same local time.
    pub fn next_after(&self, now: Ms, zone: &dyn Zone) -> Option<(Day, u32)> {
        let minute_of_day = self.sanitized().minute_of_day;
        let today = Day::local(now, zone);
        let since_midnight = local_ms(now, zone).rem_euclid(MS_PER_DAY as i64);
        let still_ahead_today = i64::from(minute_of_day) * MS_PER_MINUTE > since_midnight;
        let first = if still_ahead_today {
            today
        } else {
            Day(today.0 + 1)
        };
        self.first_chosen_from(first)
            .map(|day| (day, minute_of_day))
    }
}

/// The words and facts of the calendar event, given by the shell in the user's language.
pub struct Invitation<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// What the calendar's alarm says when it rings.
    pub alarm_text: &'a str,
    /// The app's address, so the event opens it.
    pub url: &'a str,
    /// Stays the same for the same user, so importing the file again updates the event rather
    /// than adding a second one.
    pub uid: &'a str,
    /// When the file was made (its `DTSTAMP`, in UTC).
    pub stamp: Ms,
    /// The first day the event may start: the user's today.
    pub from: Day,
    pub duration_minutes: u32,
}

/// RFC 5545's two-letter weekday names, Monday first like `Schedule::days`.
const WEEKDAY_CODES: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The longest a content line may be, in octets, without its CRLF (RFC 5545 3.1).
const MAX_LINE_OCTETS: usize = 75;

/// The schedule as an iCalendar file: one event repeating weekly on the chosen days at the
/// chosen time, with an alarm at its start. `None` when no day is chosen.
///
/// The start is floating local time (no `Z`, no `TZID`): the reminder rings at the same hour on
/// whatever clock the user's calendar is on, across changes of clocks and travel, as a habit
/// should.
pub fn ics(schedule: &Schedule, invitation: &Invitation) -> Option<String> {
    let schedule = schedule.sanitized();
    let first_day = schedule.first_chosen_from(invitation.from)?;
    let by_day: Vec<&str> = WEEKDAY_CODES
        .iter()
        .zip(schedule.days)
        .filter_map(|(&code, chosen)| chosen.then_some(code))
        .collect();
    let (year, month, day) = first_day.ymd();
    let start = format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}00",
        schedule.hour(),
        schedule.minute()
    );
    let description = [invitation.description, invitation.url]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Bia//Hip routine//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", escape_text(invitation.uid)),
        format!("DTSTAMP:{}", utc_date_time(invitation.stamp)),
        format!("DTSTART:{start}"),
        format!("DURATION:PT{}M", invitation.duration_minutes),
        format!("RRULE:FREQ=WEEKLY;BYDAY={}", by_day.join(",")),
        format!("SUMMARY:{}", escape_text(invitation.title)),
        format!("DESCRIPTION:{}", escape_text(&description)),
        format!("URL:{}", uri_value(invitation.url)),
        "BEGIN:VALARM".to_owned(),
        "ACTION:DISPLAY".to_owned(),
        format!("DESCRIPTION:{}", escape_text(invitation.alarm_text)),
        "TRIGGER:PT0M".to_owned(),
        "END:VALARM".to_owned(),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    let mut file = String::new();
    for line in &lines {
        file.push_str(&fold_line(line));
        file.push_str("\r\n");
    }
    Some(file)
}

/// `YYYYMMDDTHHMMSSZ`, the instant in UTC.
fn utc_date_time(at: Ms) -> String {
    let (year, month, day) = Day::of(at).ymd();
    let seconds = (at % MS_PER_DAY) / 1000;
    format!(
        "{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break
/// (LF, CRLF or CR) as `\n`. Other control characters are not allowed in TEXT and are dropped.
fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            '\t' => escaped.push(c),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A URI value is written as it is (no TEXT escaping); only control characters, which no URI
/// holds and which would break the line, are left out.
fn uri_value(uri: &str) -> String {
    uri.chars().filter(|c| !c.is_control()).collect()
}

/// One content line folded to at most 75 octets a line (RFC 5545 3.1): each continuation starts
/// with a space, which counts within its 75. A line is only broken between characters, never
/// inside a multi-byte UTF-8 one. The result has no trailing CRLF.
fn fold_line(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 25);
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            folded.push_str(rest);
            return folded;
        }
        // A character is at most 4 octets, so a boundary lies within the last 4 of the limit.
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        folded.push_str(&rest[..cut]);
        folded.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unfold(folded: &str) -> String {
        folded.replace("\r\n ", "")
    }

    #[test]
    fn a_short_line_is_left_alone() {
        assert_eq!(fold_line(""), "");
        assert_eq!(fold_line("SUMMARY:Hips"), "SUMMARY:Hips");
        let exactly = "X".repeat(75);
        assert_eq!(fold_line(&exactly), exactly);
    }

    #[test]
    fn a_long_line_folds_at_75_octets_counting_the_space() {
        let line = "A".repeat(75 + 74 + 10);
        let folded = fold_line(&line);
        let parts: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[0].len(), 75);
        assert_eq!(parts[1].len(), 75);
        assert!(parts[1].starts_with(' '));
        assert_eq!(parts[2], format!(" {}", "A".repeat(10)));
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_never_splits_a_character() {
        // Two-, three- and four-octet characters at every position relative to the fold.
        for c in ['ü', '€', '𝄞'] {
            for lead in 0..8 {
                let line = format!("{}{}", "a".repeat(lead), c.to_string().repeat(60));
                let folded = fold_line(&line);
                for part in folded.split("\r\n") {
                    assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
                }
                assert_eq!(unfold(&folded), line);
            }
        }
    }

    #[test]
    fn text_escapes_the_four_specials() {
        assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
        assert_eq!(escape_text("one\r\ntwo\rthree"), "one\\ntwo\\nthree");
        assert_eq!(escape_text("Hüften: Übung"), "Hüften: Übung");
        assert_eq!(escape_text("tab\tbell\u{7}"), "tab\tbell");
    }

    #[test]
    fn stamps_are_utc() {
        let stamp = Day::from_ymd(2026, 3, 1).unwrap().start_ms() + 13 * 3_600_000 + 5 * 60_000;
        assert_eq!(utc_date_time(stamp + 9_999), "20260301T130509Z");
        assert_eq!(utc_date_time(0), "19700101T000000Z");
    }
}
