//! The streak measured against the reminder's schedule: a week is kept when the user trained on
//! as many different days as they chose, whichever days those were (a Tuesday instead of a
//! Monday still keeps it), and two sessions on one day count as one day.

use super::*;
use crate::core::session::Ms;
use std::collections::{BTreeMap, BTreeSet};

impl History {
    /// Distinct days of `week` on the user's clock in `zone` with a session not abandoned.
    pub fn days_trained_in_week(&self, week: Week, zone: &dyn Zone) -> u32 {
        // A week on any clock lies within a day of the same UTC week.
        let monday = week.monday();
        let days: BTreeSet<Day> = self
            .started_between(
                Day(monday.0 - 1).start_ms(),
                Day(monday.0.saturating_add(8)).start_ms(),
            )
            .iter()
            .filter(|s| !s.abandoned)
            .map(|s| Day::local(s.started_at, zone))
            .filter(|day| day.week() == week)
            .collect();
        u32::try_from(days.len()).unwrap_or(u32::MAX)
    }

    /// Consecutive kept weeks ending at the week of `now` on the user's clock in `zone`, a week
    /// being kept when it has `days_per_week` distinct days trained. As with
    /// `current_streak_weeks`, the current week extends the streak once it is kept; until then
    /// the streak that ended last week still stands. A `days_per_week` of 0 is taken as 1.
    pub fn current_streak_by_days(&self, now: Ms, days_per_week: u32, zone: &dyn Zone) -> u32 {
        let this_week = Week::local(now, zone).0;
        history::current_streak(&self.days_trained_per_week(zone), this_week, days_per_week)
    }

    /// The longest run ever of consecutive weeks with `days_per_week` distinct days trained, on
    /// the user's clock in `zone`. A `days_per_week` of 0 is taken as 1.
    pub fn longest_streak_by_days(&self, days_per_week: u32, zone: &dyn Zone) -> u32 {
        history::longest_streak(&self.days_trained_per_week(zone), days_per_week)
    }

    /// Distinct days trained per week of the user's clock, for the weeks that have any.
    fn days_trained_per_week(&self, zone: &dyn Zone) -> BTreeMap<i64, u32> {
        // A set, not a check against the previous session's day: when the clocks go back, a
        // later session can fall on an earlier local day.
        let days: BTreeSet<Day> = self
            .sessions()
            .iter()
            .filter(|s| !s.abandoned)
            .map(|s| Day::local(s.started_at, zone))
            .collect();
        let mut weeks = BTreeMap::new();
        for day in days {
            *weeks.entry(day.week().0).or_insert(0) += 1;
        }
        weeks
    }
}
