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
        let sessions = self.sessions();
        let from = Day(monday.0 - 1).start_ms();
        let to = Day(monday.0.saturating_add(8)).start_ms();
        let start = sessions.partition_point(|s| s.started_at < from);
        let end = sessions.partition_point(|s| s.started_at < to).max(start);
        let days: BTreeSet<Day> = sessions[start..end]
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
        let needed = days_per_week.max(1);
        let weeks = self.days_trained_per_week(zone);
        let kept = |week: i64| weeks.get(&week).is_some_and(|&days| days >= needed);
        let this_week = Week::local(now, zone).0;
        let mut week = if kept(this_week) {
            this_week
        } else {
            this_week - 1
        };
        let mut streak = 0;
        while kept(week) {
            streak += 1;
            week -= 1;
        }
        streak
    }

    /// The longest run ever of consecutive weeks with `days_per_week` distinct days trained, on
    /// the user's clock in `zone`. A `days_per_week` of 0 is taken as 1.
    pub fn longest_streak_by_days(&self, days_per_week: u32, zone: &dyn Zone) -> u32 {
        let needed = days_per_week.max(1);
        let mut longest = 0;
        let mut run = 0;
        let mut previous: Option<i64> = None;
        let weeks = self.days_trained_per_week(zone);
        for (&week, _) in weeks.iter().filter(|&(_, &days)| days >= needed) {
            run = if previous == Some(week - 1) {
                run + 1
            } else {
                1
            };
            longest = longest.max(run);
            previous = Some(week);
        }
        longest
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
