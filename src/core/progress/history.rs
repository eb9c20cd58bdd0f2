//! Every recorded session, and what they add up to: merging, weekly counts, streaks, the
//! calendar's days and each exercise's reps over time.

use super::*;
use crate::core::session::Ms;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};

/// Every recorded session, sorted by start time, each id once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "RawHistory")]
pub struct History {
    sessions: Vec<SessionRecord>,
}

/// The stored shape; reading it restores the order and drops repeated ids, so a hand-edited or
/// older document cannot break the invariant.
#[derive(Deserialize)]
struct RawHistory {
    #[serde(default)]
    sessions: Vec<SessionRecord>,
}

impl From<RawHistory> for History {
    fn from(raw: RawHistory) -> History {
        let mut history = History::new();
        history.merge_records(raw.sessions);
        history
    }
}

/// What an import merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeReport {
    pub added: usize,
    /// Sessions whose id was already in the history; the existing record was kept.
    pub already_present: usize,
}

/// Sessions a week needs to count toward a streak, unless the user chooses otherwise.
pub const DEFAULT_SESSIONS_PER_WEEK_GOAL: u32 = 2;

impl History {
    pub fn new() -> History {
        History::default()
    }

    pub fn sessions(&self) -> &[SessionRecord] {
        &self.sessions
    }

    pub fn len(&self) -> usize {
        self.sessions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.sessions.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&SessionRecord> {
        self.sessions.iter().find(|s| s.id == id)
    }

    /// Adds a record unless its id is already present (then the existing one stays and this
    /// returns `false`), so recording the same session again is harmless.
    pub fn add(&mut self, record: SessionRecord) -> bool {
        if self.get(&record.id).is_some() {
            return false;
        }
        let at = self
            .sessions
            .partition_point(|s| (s.started_at, &s.id) < (record.started_at, &record.id));
        self.sessions.insert(at, record);
        true
    }

    /// Merges an imported history: never duplicates, keeps the existing record on an id clash.
    pub fn merge(&mut self, other: History) -> MergeReport {
        self.merge_records(other.sessions)
    }

    pub(super) fn merge_records(&mut self, records: Vec<SessionRecord>) -> MergeReport {
        let mut ids: HashSet<String> = self.sessions.iter().map(|s| s.id.clone()).collect();
        let mut report = MergeReport::default();
        for record in records {
            if ids.insert(record.id.clone()) {
                self.sessions.push(record);
                report.added += 1;
            } else {
                report.already_present += 1;
            }
        }
        // One sort for the lot: inserting one by one is quadratic on a large import.
        self.sessions
            .sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        report
    }

    /// The sessions that started within `[from, to)`.
    pub(super) fn started_between(&self, from: Ms, to: Ms) -> &[SessionRecord] {
        let start = self.sessions.partition_point(|s| s.started_at < from);
        let end = self.sessions.partition_point(|s| s.started_at < to);
        &self.sessions[start..end.max(start)]
    }

    /// Non-abandoned sessions started in `week` on the user's clock in `zone`.
    pub fn sessions_in_week(&self, week: Week, zone: &dyn Zone) -> u32 {
        // A week on any clock lies within a day of the same UTC week.
        let monday = week.monday();
        let window = self.started_between(
            Day(monday.0 - 1).start_ms(),
            Day(monday.0.saturating_add(8)).start_ms(),
        );
        let in_week = window
            .iter()
            .filter(|s| Week::local(s.started_at, zone) == week);
        u32::try_from(in_week.filter(|s| !s.abandoned).count()).unwrap_or(u32::MAX)
    }

    /// Non-abandoned sessions per week of the user's clock, for the weeks that have any.
    fn weekly_counts(&self, zone: &dyn Zone) -> BTreeMap<i64, u32> {
        let mut weeks = BTreeMap::new();
        for session in self.sessions.iter().filter(|s| !s.abandoned) {
            *weeks
                .entry(Week::local(session.started_at, zone).0)
                .or_insert(0) += 1;
        }
        weeks
    }

    /// Consecutive counting weeks ending at the week of `now`, Monday to Sunday on the user's
    /// clock in `zone`. The current week extends the streak once it has met `goal`; until then
    /// the streak that ended last week still stands. A `goal` of 0 is taken as 1: a week with
    /// nothing done never counts.
    pub fn current_streak_weeks(&self, now: Ms, goal: u32, zone: &dyn Zone) -> u32 {
        current_streak(&self.weekly_counts(zone), Week::local(now, zone).0, goal)
    }

    /// The longest run of consecutive counting weeks ever, on the user's clock in `zone`.
    pub fn longest_streak_weeks(&self, goal: u32, zone: &dyn Zone) -> u32 {
        longest_streak(&self.weekly_counts(zone), goal)
    }

    /// Non-abandoned sessions started on each day of the user's clock in `zone` from `from` to
    /// `to` inclusive, one entry per day (empty when `to` is before `from`), for a calendar
    /// heat-map.
    pub fn daily_counts(&self, from: Day, to: Day, zone: &dyn Zone) -> Vec<(Day, u32)> {
        if to < from {
            return Vec::new();
        }
        let mut counts: Vec<(Day, u32)> = (from.0..=to.0).map(|d| (Day(d), 0)).collect();
        // A day on any clock lies within a day of the same UTC day.
        let window = self.started_between(
            Day(from.0 - 1).start_ms(),
            Day(to.0.saturating_add(2)).start_ms(),
        );
        for session in window.iter().filter(|s| !s.abandoned) {
            let index = Day::local(session.started_at, zone).0 - from.0;
            if let Some(entry) = usize::try_from(index).ok().and_then(|i| counts.get_mut(i)) {
                entry.1 += 1;
            }
        }
        counts
    }

    /// Reps done on an exercise, session by session: `(started_at, left, right)`, with `right`
    /// 0 for an exercise done on both legs at once. Sessions where it was skipped or never
    /// reached are left out, so a chart shows work, not gaps.
    pub fn reps_series(&self, exercise_id: &str) -> Vec<(Ms, u32, u32)> {
        self.sessions
            .iter()
            .filter_map(|s| {
                let e = s.exercise(exercise_id)?;
                e.legs()
                    .any(LegRecord::attempted)
                    .then(|| (s.started_at, e.left.reps, e.right.map_or(0, |r| r.reps)))
            })
            .collect()
    }
}

/// Consecutive weeks ending at `this_week` whose count in `weeks` (week number → count) reaches
/// `needed` (0 is taken as 1: a week with nothing done never counts). The current week extends
/// the streak once it reaches it; until then the streak that ended last week still stands.
pub(super) fn current_streak(weeks: &BTreeMap<i64, u32>, this_week: i64, needed: u32) -> u32 {
    let needed = needed.max(1);
    let kept = |week: i64| weeks.get(&week).is_some_and(|&n| n >= needed);
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

/// The longest run of consecutive weeks whose count in `weeks` reaches `needed` (0 is taken
/// as 1).
pub(super) fn longest_streak(weeks: &BTreeMap<i64, u32>, needed: u32) -> u32 {
    let needed = needed.max(1);
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<i64> = None;
    for (&week, _) in weeks.iter().filter(|&(_, &n)| n >= needed) {
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
