//! Days and weeks from epoch milliseconds, with no date library: the user's own days, in the
//! time zone the shell says they are in at each instant.

use crate::core::session::Ms;

pub const MS_PER_DAY: Ms = 86_400_000;
const MS_PER_MINUTE: i64 = 60_000;

/// Where the user is: how far their clock is ahead of UTC at an instant. The offset changes with
/// daylight saving time, so it is asked for each instant; the browser answers from its time
/// zone (`browser::time_zone`), tests from fixed rules.
pub trait Zone {
    /// Local time minus UTC at `at`, in ms (−8 h in Los Angeles in winter, +13 h in Auckland in
    /// summer).
    fn offset_ms(&self, at: Ms) -> i64;
}

/// Universal time: the zone of a device set to UTC, and of dates that name no place.
pub struct Utc;

impl Zone for Utc {
    fn offset_ms(&self, _: Ms) -> i64 {
        0
    }
}

/// A zone whose clock is always the same distance from UTC.
pub struct FixedOffset(pub i64);

impl Zone for FixedOffset {
    fn offset_ms(&self, _: Ms) -> i64 {
        self.0
    }
}

/// The wall-clock reading at `at` in `zone`, in ms from 1970-01-01 00:00 of that clock.
pub fn local_ms(at: Ms, zone: &dyn Zone) -> i64 {
    (at as i64).saturating_add(zone.offset_ms(at))
}

/// A day of the calendar, counted from 1970-01-01 (day 0, a Thursday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    /// The UTC day of `ms`.
    pub fn of(ms: Ms) -> Day {
        // u64::MAX / MS_PER_DAY fits an i64 many times over.
        Day((ms / MS_PER_DAY) as i64)
    }

    /// The day it is at `at` on the user's clock in `zone`.
    pub fn local(at: Ms, zone: &dyn Zone) -> Day {
        Day(local_ms(at, zone).div_euclid(MS_PER_DAY as i64))
    }

    /// The day of a calendar date, or `None` if there is no such date.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Day> {
        let valid = (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month)
            && (-1_000_000..=1_000_000).contains(&year);
        valid.then(|| Day(days_from_civil(year, month, day)))
    }

    /// (year, month 1–12, day 1–31).
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.0)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // Day 0 was a Thursday (3).
        (self.0 + 3).rem_euclid(7) as u32
    }

    pub fn week(self) -> Week {
        Week((self.0 + 3).div_euclid(7))
    }

    /// The first millisecond of the day (0 for days before the epoch).
    pub fn start_ms(self) -> Ms {
        (self.0.max(0) as Ms).saturating_mul(MS_PER_DAY)
    }
}

/// A Monday-to-Sunday week (ISO 8601), counted from the week of 1970-01-01 (week 0, from Monday
/// 1969-12-29).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week(pub i64);

impl Week {
    /// The UTC week of `ms`.
    pub fn of(ms: Ms) -> Week {
        Day::of(ms).week()
    }

    /// The week it is at `at` on the user's clock in `zone`.
    pub fn local(at: Ms, zone: &dyn Zone) -> Week {
        Day::local(at, zone).week()
    }

    pub fn monday(self) -> Day {
        Day(self.0.saturating_mul(7).saturating_sub(3))
    }

    /// The ISO week-numbering year and week number (1–53): the year of the week's Thursday.
    pub fn iso(self) -> (i64, u32) {
        let thursday = self.0 * 7;
        let (year, _, _) = civil_from_days(thursday);
        let first = days_from_civil(year, 1, 1);
        (year, ((thursday - first) / 7 + 1) as u32)
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// The two conversions below are Howard Hinnant's, on a calendar whose years start in March so
// the leap day falls at the end: 146_097 days per 400-year era, 719_468 days from 0000-03-01 to
// 1970-01-01.

pub(super) const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month as i64 + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day as i64 - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The instant as ISO 8601 to the minute, on the user's clock with its offset from UTC:
/// `2026-12-01T19:30-08:00` (`Z` for UTC itself).
pub fn local_minute(at: Ms, zone: &dyn Zone) -> String {
    let offset = zone.offset_ms(at);
    let local = local_ms(at, zone);
    let (year, month, day) = Day(local.div_euclid(MS_PER_DAY as i64)).ymd();
    let minutes = local.rem_euclid(MS_PER_DAY as i64) / MS_PER_MINUTE;
    let zone = if offset == 0 {
        "Z".to_owned()
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let offset = offset.abs() / MS_PER_MINUTE;
        format!("{sign}{:02}:{:02}", offset / 60, offset % 60)
    };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}{zone}",
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::progress::MAX_TIMESTAMP_MS;

    fn assert_ymd(days: i64, ymd: (i64, u32, u32)) {
        assert_eq!(Day(days).ymd(), ymd, "day {days}");
        assert_eq!(
            Day::from_ymd(ymd.0, ymd.1, ymd.2),
            Some(Day(days)),
            "{ymd:?}"
        );
    }

    fn assert_iso(ymd: (i64, u32, u32), iso: (i64, u32)) {
        let day = Day::from_ymd(ymd.0, ymd.1, ymd.2).unwrap();
        assert_eq!(day.week().iso(), iso, "{ymd:?}");
    }

    #[test]
    fn days_and_dates() {
        assert_ymd(0, (1970, 1, 1));
        assert_ymd(-1, (1969, 12, 31));
        assert_ymd(59, (1970, 3, 1));
        assert_ymd(10_957, (2000, 1, 1));
        assert_ymd(11_016, (2000, 2, 29));
        assert_ymd(19_782, (2024, 2, 29));
        assert_ymd(19_783, (2024, 3, 1));
        assert_ymd(20_453, (2025, 12, 31));
        assert_ymd(376_200, (3000, 1, 1));
    }

    #[test]
    fn impossible_dates_are_none() {
        assert_eq!(Day::from_ymd(2023, 2, 29), None);
        assert_eq!(Day::from_ymd(1900, 2, 29), None);
        assert_eq!(Day::from_ymd(2024, 13, 1), None);
        assert_eq!(Day::from_ymd(2024, 4, 31), None);
        assert_eq!(Day::from_ymd(2024, 1, 0), None);
    }

    #[test]
    fn weekdays_start_on_monday() {
        assert_eq!(Day(0).weekday(), 3); // Thursday 1970-01-01
        assert_eq!(Day::from_ymd(2024, 3, 4).unwrap().weekday(), 0); // a Monday
        assert_eq!(Day::from_ymd(2024, 3, 10).unwrap().weekday(), 6); // a Sunday
        assert_eq!(Day(-3).weekday(), 0);
    }

    #[test]
    fn iso_weeks_around_new_year() {
        assert_iso((1970, 1, 1), (1970, 1));
        assert_iso((2020, 12, 31), (2020, 53));
        assert_iso((2021, 1, 3), (2020, 53));
        assert_iso((2021, 1, 4), (2021, 1));
        assert_iso((2024, 12, 30), (2025, 1));
        assert_iso((2026, 12, 31), (2026, 53));
        assert_iso((2027, 1, 1), (2026, 53));
        assert_iso((2023, 1, 1), (2022, 52));
    }

    #[test]
    fn week_spans_monday_to_sunday() {
        let week = Day::from_ymd(2024, 3, 6).unwrap().week();
        assert_eq!(week.monday(), Day::from_ymd(2024, 3, 4).unwrap());
        let (from, to) = (
            week.monday().start_ms(),
            Day(week.monday().0 + 7).start_ms(),
        );
        assert_eq!(Day::of(from), Day::from_ymd(2024, 3, 4).unwrap());
        assert_eq!(Day::of(to), Day::from_ymd(2024, 3, 11).unwrap());
        assert_eq!(Week::of(from), week);
        assert_eq!(Week::of(to - 1), week);
        assert_eq!(Week::of(to), Week(week.0 + 1));
    }

    const HOUR: i64 = 3_600_000;

    /// An instant given as its UTC reading.
    fn utc(year: i64, month: u32, day: u32, hour: u64, minute: u64) -> Ms {
        Day::from_ymd(year, month, day).unwrap().start_ms() + hour * 3_600_000 + minute * 60_000
    }

    #[test]
    fn minutes_read_on_the_users_clock_with_its_offset() {
        assert_eq!(local_minute(0, &Utc), "1970-01-01T00:00Z");
        assert_eq!(local_minute(MS_PER_DAY - 1, &Utc), "1970-01-01T23:59Z");
        // 19:30 on Tuesday in Los Angeles is 03:30 on Wednesday in UTC.
        let evening = utc(2026, 12, 2, 3, 30);
        assert_eq!(
            local_minute(evening, &FixedOffset(-8 * HOUR)),
            "2026-12-01T19:30-08:00"
        );
        assert_eq!(
            local_minute(evening, &FixedOffset(-10 * HOUR)),
            "2026-12-01T17:30-10:00"
        );
        assert_eq!(
            local_minute(evening, &FixedOffset(11 * HOUR / 2)),
            "2026-12-02T09:00+05:30"
        );
        assert_eq!(
            local_minute(evening, &FixedOffset(13 * HOUR)),
            "2026-12-02T16:30+13:00"
        );
    }

    #[test]
    fn the_users_day_is_the_day_on_their_clock() {
        let evening = utc(2026, 12, 2, 3, 30);
        let tuesday = Day::from_ymd(2026, 12, 1).unwrap();
        assert_eq!(Day::local(evening, &FixedOffset(-8 * HOUR)), tuesday);
        assert_eq!(Day::of(evening), Day(tuesday.0 + 1));
        // 08:00 on Monday in Auckland is 19:00 on Sunday in UTC.
        let morning = utc(2026, 11, 29, 19, 0);
        let monday = Day::from_ymd(2026, 11, 30).unwrap();
        assert_eq!(Day::local(morning, &FixedOffset(13 * HOUR)), monday);
        assert_eq!(monday.weekday(), 0);
        assert_eq!(Week::local(morning, &FixedOffset(13 * HOUR)), monday.week());
        assert_eq!(Week::of(morning), Week(monday.week().0 - 1));
        // A minute before local midnight stays on its day, before UTC too.
        let late = utc(2026, 12, 1, 23, 59) - 5 * 3_600_000 - 1_800_000;
        assert_eq!(
            Day::local(late, &FixedOffset(-(5 * HOUR + HOUR / 2))),
            Day::from_ymd(2026, 12, 1).unwrap()
        );
        assert_eq!(Day::local(0, &FixedOffset(-HOUR)), Day(-1));
    }

    #[test]
    fn the_year_3000_limit() {
        assert_eq!(Day::of(MAX_TIMESTAMP_MS).ymd(), (3000, 1, 1));
        assert_eq!(MAX_TIMESTAMP_MS % MS_PER_DAY, 0);
    }

    #[test]
    fn every_date_round_trips() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = Day(days).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(days)));
            assert_eq!(Day(days).week().monday().weekday(), 0);
        }
    }
}
