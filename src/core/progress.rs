//! Progress over time: finished sessions as records, the weekly habit (streaks, a calendar), the
//! rep progression, and export/import of the history as a file the user keeps.
//!
//! Architecture invariant: plain data and arithmetic. The time is always passed in (`now`,
//! `exported_at`); dates are UTC computed here from epoch milliseconds, with no date library.

use crate::core::routine::{Equipment, Exercise, Routine};
use crate::core::session::{Leg, Ms, Outcome, Phase, Session, SkipReason};
use crate::core::settings::Settings;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;

// ----- records -----

/// What became of one leg.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LegOutcome {
    Completed,
    EndedEarly,
    /// Skipped by the user (the Skip or End button).
    Skipped,
    /// Left out because this equipment was missing.
    NoEquipment(Equipment),
    /// The session was abandoned before this leg got an outcome.
    NotDone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegRecord {
    pub reps: u32,
    pub outcome: LegOutcome,
}

impl LegRecord {
    fn from_outcome(outcome: &Outcome) -> LegRecord {
        let kind = match outcome {
            Outcome::Completed { .. } => LegOutcome::Completed,
            Outcome::EndedEarly { .. } => LegOutcome::EndedEarly,
            Outcome::Skipped(SkipReason::ByUser) => LegOutcome::Skipped,
            Outcome::Skipped(SkipReason::NoEquipment(e)) => LegOutcome::NoEquipment(*e),
        };
        LegRecord {
            reps: outcome.reps(),
            outcome: kind,
        }
    }

    /// Whether the leg was worked at all (as opposed to skipped or never reached).
    fn attempted(&self) -> bool {
        matches!(self.outcome, LegOutcome::Completed | LegOutcome::EndedEarly) || self.reps > 0
    }
}

/// One exercise of a recorded session. `right` is `None` for an exercise done on both legs at
/// once (its one record is `left`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub id: String,
    pub target: u32,
    pub left: LegRecord,
    pub right: Option<LegRecord>,
}

impl ExerciseRecord {
    pub fn legs(&self) -> impl Iterator<Item = &LegRecord> {
        std::iter::once(&self.left).chain(&self.right)
    }
}

/// One finished or abandoned session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// Derived from the start time, so the same session recorded or imported twice is one.
    pub id: String,
    pub started_at: Ms,
    pub finished_at: Ms,
    /// Time from start to finish without pauses.
    pub active_ms: Ms,
    /// Left before the end (the state machine never reached `Done`).
    pub abandoned: bool,
    pub exercises: Vec<ExerciseRecord>,
}

/// The id of the session that started at `started_at`.
pub fn session_id(started_at: Ms) -> String {
    format!("s{started_at}")
}

impl SessionRecord {
    /// The record of `session` as it stands at `now`; `None` if it never started. A session that
    /// is not `Done` is abandoned: its legs without an outcome are `NotDone` (the leg in progress
    /// keeps the reps done on it), and it ends when it was last live (a restored session is
    /// paused at its last save, so discarding it the next day does not stretch it).
    pub fn from_session(session: &Session, now: Ms) -> Option<SessionRecord> {
        let started_at = session.started_at?;
        let done = session.phase == Phase::Done;
        let finished_at = match session.finished_at {
            Some(at) if done => at,
            _ => session.paused_at.unwrap_or(now.max(session.clock)),
        }
        .max(started_at);
        let active_ms = session.elapsed_ms(now).min(finished_at - started_at);
        let exercises = session
            .plan
            .iter()
            .zip(&session.results)
            .enumerate()
            .map(|(index, (plan, results))| {
                let leg = |leg: Leg| match &results[leg.index()] {
                    Some(outcome) => LegRecord::from_outcome(outcome),
                    None => {
                        let in_progress = !done && index == session.exercise && leg == session.leg;
                        LegRecord {
                            reps: if in_progress { session.reps } else { 0 },
                            outcome: LegOutcome::NotDone,
                        }
                    }
                };
                ExerciseRecord {
                    id: plan.id.clone(),
                    target: plan.target,
                    left: leg(Leg::Left),
                    right: plan.per_leg.then(|| leg(Leg::Right)),
                }
            })
            .collect();
        Some(SessionRecord {
            id: session_id(started_at),
            started_at,
            finished_at,
            active_ms,
            abandoned: !done,
            exercises,
        })
    }

    pub fn exercise(&self, id: &str) -> Option<&ExerciseRecord> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

// ----- history -----

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

    fn merge_records(&mut self, records: Vec<SessionRecord>) -> MergeReport {
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
    fn started_between(&self, from: Ms, to: Ms) -> &[SessionRecord] {
        let start = self.sessions.partition_point(|s| s.started_at < from);
        let end = self.sessions.partition_point(|s| s.started_at < to);
        &self.sessions[start..end.max(start)]
    }

    /// Non-abandoned sessions started in `week`.
    pub fn sessions_in_week(&self, week: Week) -> u32 {
        let (from, to) = week.span_ms();
        count_done(self.started_between(from, to))
    }

    /// Non-abandoned sessions per week, for the weeks that have any.
    fn weekly_counts(&self) -> BTreeMap<i64, u32> {
        let mut weeks = BTreeMap::new();
        for session in self.sessions.iter().filter(|s| !s.abandoned) {
            *weeks.entry(Week::of(session.started_at).0).or_insert(0) += 1;
        }
        weeks
    }

    /// Consecutive counting weeks ending at the week of `now`. The current week extends the
    /// streak once it has met `goal`; until then the streak that ended last week still stands.
    /// A `goal` of 0 is taken as 1: a week with nothing done never counts.
    pub fn current_streak_weeks(&self, now: Ms, goal: u32) -> u32 {
        let goal = goal.max(1);
        let weeks = self.weekly_counts();
        let counts = |week: i64| weeks.get(&week).is_some_and(|&n| n >= goal);
        let this_week = Week::of(now).0;
        let mut week = if counts(this_week) {
            this_week
        } else {
            this_week - 1
        };
        let mut streak = 0;
        while counts(week) {
            streak += 1;
            week -= 1;
        }
        streak
    }

    /// The longest run of consecutive counting weeks ever.
    pub fn longest_streak_weeks(&self, goal: u32) -> u32 {
        let goal = goal.max(1);
        let mut longest = 0;
        let mut run = 0;
        let mut previous: Option<i64> = None;
        for (&week, _) in self.weekly_counts().iter().filter(|&(_, &n)| n >= goal) {
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

    /// Non-abandoned sessions started on each UTC day from `from` to `to` inclusive, one entry
    /// per day (empty when `to` is before `from`), for a calendar heat-map.
    pub fn daily_counts(&self, from: Day, to: Day) -> Vec<(Day, u32)> {
        if to < from {
            return Vec::new();
        }
        let mut counts: Vec<(Day, u32)> = (from.0..=to.0).map(|d| (Day(d), 0)).collect();
        let window = self.started_between(from.start_ms(), Day(to.0.saturating_add(1)).start_ms());
        for session in window.iter().filter(|s| !s.abandoned) {
            let index = Day::of(session.started_at).0 - from.0;
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

fn count_done(sessions: &[SessionRecord]) -> u32 {
    let done = sessions.iter().filter(|s| !s.abandoned).count();
    u32::try_from(done).unwrap_or(u32::MAX)
}

// ----- calendar -----

pub const MS_PER_DAY: Ms = 86_400_000;

/// A UTC day, counted from 1970-01-01 (day 0, a Thursday).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i64);

impl Day {
    pub fn of(ms: Ms) -> Day {
        // u64::MAX / MS_PER_DAY fits an i64 many times over.
        Day((ms / MS_PER_DAY) as i64)
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

/// A Monday-to-Sunday UTC week (ISO 8601), counted from the week of 1970-01-01 (week 0, from
/// Monday 1969-12-29).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week(pub i64);

impl Week {
    pub fn of(ms: Ms) -> Week {
        Day::of(ms).week()
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

    /// `[start, end)` in epoch milliseconds.
    fn span_ms(self) -> (Ms, Ms) {
        let next_monday = Day(self.monday().0.saturating_add(7));
        (self.monday().start_ms(), next_monday.start_ms())
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

const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
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

/// `YYYY-MM-DD HH:MM`, UTC.
fn utc_minute(ms: Ms) -> String {
    let (year, month, day) = Day::of(ms).ymd();
    let minutes = (ms % MS_PER_DAY) / 60_000;
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        minutes / 60,
        minutes % 60
    )
}

// ----- progression -----

/// Sessions in a row reaching today's target before the target goes up.
pub const PROMOTE_AFTER: u32 = 2;
/// Reps added at each promotion.
pub const STEP: u32 = 2;

/// The user's own target per exercise id; it wins over the progression.
pub type Overrides = BTreeMap<String, u32>;

/// Today's target for `exercise`.
///
/// The rule: the target starts at the routine's default. The sessions containing the exercise
/// are replayed oldest first; one where every leg was skipped (by the user or for missing
/// equipment) does not count either way. A session where a leg was ended early below the target
/// resets the count of sessions in a row (the target never goes down). A session that was not
/// abandoned and where every leg reached the target (reps ≥ target, completed, or ended early
/// only after a target raised by hand) adds one; after [`PROMOTE_AFTER`] the target rises by
/// [`STEP`], clamped to the exercise's maximum, and the count starts again. Anything else (an
/// abandoned session, a leg not done, a day done at a lower target the user chose) leaves the
/// count as it is. An override in `overrides` replaces all this, clamped to the exercise's range.
pub fn todays_target(exercise: &Exercise, history: &History, overrides: &Overrides) -> u32 {
    match overrides.get(&exercise.id) {
        Some(&target) => exercise.reps.clamp(target),
        None => earned_target(exercise, history),
    }
}

/// The target the progression has reached for `exercise`, overrides aside.
pub fn earned_target(exercise: &Exercise, history: &History) -> u32 {
    let mut target = exercise.reps.clamp(exercise.reps.default);
    let mut in_a_row = 0;
    for (session, record) in history
        .sessions
        .iter()
        .filter_map(|s| Some((s, s.exercise(&exercise.id)?)))
    {
        let worked: Vec<&LegRecord> = record
            .legs()
            .filter(|l| !matches!(l.outcome, LegOutcome::Skipped | LegOutcome::NoEquipment(_)))
            .collect();
        if worked.is_empty() {
            continue;
        }
        let fell_short = worked
            .iter()
            .any(|l| l.outcome == LegOutcome::EndedEarly && l.reps < target);
        let all_legs_reached = worked.len() == record.legs().count()
            && worked.iter().all(|l| {
                matches!(l.outcome, LegOutcome::Completed | LegOutcome::EndedEarly)
                    && l.reps >= target
            });
        if fell_short {
            in_a_row = 0;
        } else if all_legs_reached && !session.abandoned {
            in_a_row += 1;
            if in_a_row >= PROMOTE_AFTER {
                target = exercise.reps.clamp(target.saturating_add(STEP));
                in_a_row = 0;
            }
        }
    }
    target
}

// ----- export -----

/// The export format this build writes and the newest it reads.
pub const EXPORT_VERSION: u64 = 1;

/// The history and settings as a file for the user to keep:
/// `{"app":"bia","kind":"export","version":1,"exported_at":…,"history":…,"settings":…}`.
/// Compact, so years of sessions stay far below the import limit.
pub fn export_json(history: &History, settings_json: Value, exported_at: Ms) -> String {
    let document = serde_json::json!({
        "app": "bia",
        "kind": "export",
        "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "history": history,
        "settings": settings_json,
    });
    document.to_string()
}

/// One row per session × exercise × leg, oldest first, for a spreadsheet:
/// `date,exercise,name,leg,target,reps,outcome` with the date as `YYYY-MM-DD HH:MM` UTC and the
/// name from `routine` (empty for an exercise it no longer has).
pub fn export_csv(history: &History, routine: &Routine) -> String {
    let mut csv = String::from("date,exercise,name,leg,target,reps,outcome\n");
    for session in history.sessions() {
        let date = utc_minute(session.started_at);
        for exercise in &session.exercises {
            let name = routine
                .exercise(&exercise.id)
                .map_or("", |e| e.name.as_str());
            let legs = match &exercise.right {
                Some(right) => vec![("left", &exercise.left), ("right", right)],
                None => vec![("both", &exercise.left)],
            };
            for (leg, record) in legs {
                let outcome = match record.outcome {
                    LegOutcome::Completed => "completed".to_owned(),
                    LegOutcome::EndedEarly => "ended-early".to_owned(),
                    LegOutcome::Skipped => "skipped".to_owned(),
                    LegOutcome::NoEquipment(e) => format!("no-equipment:{}", e.as_str()),
                    LegOutcome::NotDone => "not-done".to_owned(),
                };
                let row = [
                    date.clone(),
                    csv_cell(&exercise.id),
                    csv_cell(name),
                    leg.to_owned(),
                    exercise.target.to_string(),
                    record.reps.to_string(),
                    outcome,
                ];
                csv.push_str(&row.join(","));
                csv.push('\n');
            }
        }
    }
    csv
}

/// A text cell: quoted when it holds a separator, and defused when a spreadsheet would read it
/// as a formula.
fn csv_cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

// ----- import -----

/// Larger files are refused before they are read.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_IMPORT_SESSIONS: usize = 100_000;
pub const MAX_EXERCISES_PER_SESSION: usize = 100;
/// More reps than anyone does on one leg: a larger figure is damage, not a record.
pub const MAX_RECORDED_REPS: u64 = 1000;
/// 3000-01-01T00:00Z: a later timestamp is damage.
pub const MAX_TIMESTAMP_MS: Ms = days_from_civil(3000, 1, 1) as Ms * MS_PER_DAY;
const MAX_ID_CHARS: usize = 64;

/// A validated export, ready to merge.
#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    pub exported_at: Ms,
    pub history: History,
    /// `None` when the file carries no settings.
    pub settings: Option<Settings>,
}

/// Why a file cannot be imported. Nothing is changed when any of these is returned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
    },
    NotJson(String),
    NotBiaExport,
    TooNew {
        version: u64,
    },
    /// `at` is the path of the bad value, e.g. `history.sessions[3].exercises[2].left.reps`.
    Invalid {
        at: String,
        problem: String,
    },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is {} MB; a Bia export is at most {} MB. Choose the .json file \
                 that Bia's Export saved.",
                crate::core::display::decimal(*bytes as f64 / (1024.0 * 1024.0), 1),
                MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            ImportError::NotJson(why) => write!(
                f,
                "The file is not a Bia export: it is not JSON ({why}). Choose the .json file \
                 that Bia's Export saved."
            ),
            ImportError::NotBiaExport => write!(
                f,
                "The file is JSON but not a Bia export. Choose the .json file that Bia's \
                 Export saved."
            ),
            ImportError::TooNew { version } => write!(
                f,
                "The file was exported by a newer Bia (format {version}; this one reads up to \
                 {EXPORT_VERSION}). Update Bia, then import it again."
            ),
            ImportError::Invalid { at, problem } => write!(
                f,
                "The file is damaged at `{at}`: {problem}. Nothing was imported; export again \
                 from the device that made it, or correct that value."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads an export, checking all of it before anything is returned: size, JSON, that it is a
/// Bia export, its version, then every value. Hostile input is an error, never a panic (JSON
/// nested deeper than serde_json's limit of 128 is refused as not JSON).
pub fn parse_import(text: &str) -> Result<Import, ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: text.len() });
    }
    let document: Value =
        serde_json::from_str(text).map_err(|e| ImportError::NotJson(e.to_string()))?;
    let Value::Object(top) = &document else {
        return Err(ImportError::NotBiaExport);
    };
    let is = |key: &str, expected: &str| top.get(key).and_then(Value::as_str) == Some(expected);
    if !(is("app", "bia") && is("kind", "export")) {
        return Err(ImportError::NotBiaExport);
    }
    let version = whole(required(top, "", "version")?, "version", u64::MAX)?;
    if version > EXPORT_VERSION {
        return Err(ImportError::TooNew { version });
    }
    if version == 0 {
        return Err(invalid("version", "is 0; exports start at 1"));
    }
    object(
        &document,
        "",
        &[
            "app",
            "kind",
            "version",
            "exported_at",
            "history",
            "settings",
        ],
    )?;
    let exported_at = timestamp(required(top, "", "exported_at")?, "exported_at")?;
    let settings = match top.get("settings") {
        None | Some(Value::Null) => None,
        Some(value @ Value::Object(_)) => Some(
            serde_json::from_value::<Settings>(value.clone())
                .map_err(|e| invalid("settings", e.to_string()))?
                .sanitized(),
        ),
        Some(other) => {
            return Err(invalid(
                "settings",
                format!("must be an object, not {}", kind(other)),
            ));
        }
    };
    let history = object(required(top, "", "history")?, "history", &["sessions"])?;
    let Value::Array(raw_sessions) = required(history, "history", "sessions")? else {
        return Err(invalid("history.sessions", "must be a list"));
    };
    if raw_sessions.len() > MAX_IMPORT_SESSIONS {
        return Err(invalid(
            "history.sessions",
            format!(
                "has {} sessions; at most {MAX_IMPORT_SESSIONS} can be imported",
                raw_sessions.len()
            ),
        ));
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut sessions = Vec::with_capacity(raw_sessions.len());
    for (index, raw) in raw_sessions.iter().enumerate() {
        let at = format!("history.sessions[{index}]");
        let record = session_record(raw, &at)?;
        if let Some(first) = seen.insert(record.id.clone(), index) {
            return Err(invalid(
                &format!("{at}.id"),
                format!("repeats the id of history.sessions[{first}]"),
            ));
        }
        sessions.push(record);
    }
    let mut imported = History::new();
    imported.merge_records(sessions);
    Ok(Import {
        exported_at,
        history: imported,
        settings,
    })
}

fn session_record(raw: &Value, at: &str) -> Result<SessionRecord, ImportError> {
    let fields = object(
        raw,
        at,
        &[
            "id",
            "started_at",
            "finished_at",
            "active_ms",
            "abandoned",
            "exercises",
        ],
    )?;
    let field = |key: &str| required(fields, at, key);
    let id = identifier(field("id")?, &path(at, "id"), |c| {
        c.is_ascii_alphanumeric() || c == '-' || c == '_'
    })?;
    let started_at = timestamp(field("started_at")?, &path(at, "started_at"))?;
    let finished_at = timestamp(field("finished_at")?, &path(at, "finished_at"))?;
    if finished_at < started_at {
        return Err(invalid(&path(at, "finished_at"), "is before started_at"));
    }
    let span = finished_at - started_at;
    let active_ms = whole(field("active_ms")?, &path(at, "active_ms"), span)?;
    let Value::Bool(abandoned) = *field("abandoned")? else {
        return Err(invalid(&path(at, "abandoned"), "must be true or false"));
    };
    let Value::Array(raw_exercises) = field("exercises")? else {
        return Err(invalid(&path(at, "exercises"), "must be a list"));
    };
    if raw_exercises.len() > MAX_EXERCISES_PER_SESSION {
        return Err(invalid(
            &path(at, "exercises"),
            format!("has more than {MAX_EXERCISES_PER_SESSION} exercises"),
        ));
    }
    let mut exercises: Vec<ExerciseRecord> = Vec::with_capacity(raw_exercises.len());
    for (index, raw) in raw_exercises.iter().enumerate() {
        let at = format!("{at}.exercises[{index}]");
        let exercise = exercise_record(raw, &at)?;
        if exercises.iter().any(|e| e.id == exercise.id) {
            return Err(invalid(
                &path(&at, "id"),
                "names an exercise already in this session",
            ));
        }
        exercises.push(exercise);
    }
    Ok(SessionRecord {
        id,
        started_at,
        finished_at,
        active_ms,
        abandoned,
        exercises,
    })
}

fn exercise_record(raw: &Value, at: &str) -> Result<ExerciseRecord, ImportError> {
    let fields = object(raw, at, &["id", "target", "left", "right"])?;
    let id = identifier(required(fields, at, "id")?, &path(at, "id"), |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
    })?;
    let target = whole(
        required(fields, at, "target")?,
        &path(at, "target"),
        MAX_RECORDED_REPS,
    )? as u32;
    let left = leg_record(required(fields, at, "left")?, &path(at, "left"))?;
    let right = match fields.get("right") {
        None | Some(Value::Null) => None,
        Some(raw) => Some(leg_record(raw, &path(at, "right"))?),
    };
    Ok(ExerciseRecord {
        id,
        target,
        left,
        right,
    })
}

fn leg_record(raw: &Value, at: &str) -> Result<LegRecord, ImportError> {
    let fields = object(raw, at, &["reps", "outcome"])?;
    let reps = whole(
        required(fields, at, "reps")?,
        &path(at, "reps"),
        MAX_RECORDED_REPS,
    )? as u32;
    let at = path(at, "outcome");
    const EXPECTED: &str = "expected \"completed\", \"ended-early\", \"skipped\", \"not-done\" \
                            or {\"no-equipment\": …}";
    let outcome = match fields.get("outcome") {
        None => return Err(invalid(&at, "is missing")),
        Some(Value::String(name)) => match name.as_str() {
            "completed" => LegOutcome::Completed,
            "ended-early" => LegOutcome::EndedEarly,
            "skipped" => LegOutcome::Skipped,
            "not-done" => LegOutcome::NotDone,
            _ => return Err(invalid(&at, format!("is \"{}\"; {EXPECTED}", clip(name)))),
        },
        Some(Value::Object(tagged)) => {
            let equipment = known_keys(tagged, &at, &["no-equipment"])?
                .get("no-equipment")
                .ok_or_else(|| invalid(&at, EXPECTED))?;
            let equipment =
                serde_json::from_value::<Equipment>(equipment.clone()).map_err(|_| {
                    invalid(
                        &path(&at, "no-equipment"),
                        "must be \"band\", \"step\" or \"balance-board\"",
                    )
                })?;
            LegOutcome::NoEquipment(equipment)
        }
        Some(other) => return Err(invalid(&at, format!("is {}; {EXPECTED}", kind(other)))),
    };
    Ok(LegRecord { reps, outcome })
}

// ----- validation helpers -----

fn invalid(at: &str, problem: impl Into<String>) -> ImportError {
    ImportError::Invalid {
        at: at.to_owned(),
        problem: problem.into(),
    }
}

fn path(at: &str, key: &str) -> String {
    if at.is_empty() {
        key.to_owned()
    } else {
        format!("{at}.{key}")
    }
}

/// At most 40 characters of a user's text, so an error message stays readable.
fn clip(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `value` as an object with no keys but `known`.
fn object<'a>(
    value: &'a Value,
    at: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, ImportError> {
    let Value::Object(fields) = value else {
        let at = if at.is_empty() { "(file)" } else { at };
        return Err(invalid(
            at,
            format!("must be an object, not {}", kind(value)),
        ));
    };
    known_keys(fields, at, known)
}

/// `fields`, if it has no keys but `known`.
fn known_keys<'a>(
    fields: &'a Map<String, Value>,
    at: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, ImportError> {
    match fields.keys().find(|k| !known.contains(&k.as_str())) {
        Some(unknown) => Err(invalid(&path(at, &clip(unknown)), "is not a known field")),
        None => Ok(fields),
    }
}

fn required<'a>(
    fields: &'a Map<String, Value>,
    at: &str,
    key: &str,
) -> Result<&'a Value, ImportError> {
    fields
        .get(key)
        .ok_or_else(|| invalid(&path(at, key), "is missing"))
}

/// A whole number from 0 to `max`.
fn whole(value: &Value, at: &str, max: u64) -> Result<u64, ImportError> {
    let Value::Number(number) = value else {
        return Err(invalid(
            at,
            format!("must be a number, not {}", kind(value)),
        ));
    };
    match number.as_u64() {
        Some(n) if n <= max => Ok(n),
        Some(n) => Err(invalid(at, format!("is {n}; at most {max} is allowed"))),
        None if number.as_f64().is_some_and(|n| n < 0.0) => {
            Err(invalid(at, "must not be negative"))
        }
        None => Err(invalid(
            at,
            format!("is {number}; it must be a whole number"),
        )),
    }
}

fn timestamp(value: &Value, at: &str) -> Result<Ms, ImportError> {
    match whole(value, at, u64::MAX)? {
        ms if ms > MAX_TIMESTAMP_MS => {
            Err(invalid(at, format!("is {ms}, a time after the year 3000")))
        }
        ms => Ok(ms),
    }
}

fn identifier(value: &Value, at: &str, allowed: fn(char) -> bool) -> Result<String, ImportError> {
    let Value::String(id) = value else {
        return Err(invalid(at, format!("must be text, not {}", kind(value))));
    };
    if id.is_empty() || id.chars().count() > MAX_ID_CHARS || !id.chars().all(allowed) {
        return Err(invalid(
            at,
            format!(
                "is \"{}\"; an id is 1 to {MAX_ID_CHARS} letters, digits and dashes",
                clip(id)
            ),
        ));
    }
    Ok(id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let (from, to) = week.span_ms();
        assert_eq!(Day::of(from), Day::from_ymd(2024, 3, 4).unwrap());
        assert_eq!(Day::of(to), Day::from_ymd(2024, 3, 11).unwrap());
        assert_eq!(Week::of(to - 1), week);
        assert_eq!(Week::of(to), Week(week.0 + 1));
    }

    #[test]
    fn minutes_are_formatted_in_utc() {
        assert_eq!(utc_minute(0), "1970-01-01 00:00");
        assert_eq!(utc_minute(MS_PER_DAY - 1), "1970-01-01 23:59");
        assert_eq!(utc_minute(1_709_542_800_000), "2024-03-04 09:00");
    }

    #[test]
    fn the_year_3000_limit() {
        assert_eq!(Day::of(MAX_TIMESTAMP_MS).ymd(), (3000, 1, 1));
        assert_eq!(MAX_TIMESTAMP_MS % MS_PER_DAY, 0);
    }

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("clams"), "clams");
        assert_eq!(csv_cell("Clams, banded"), "\"Clams, banded\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-2"), "'-2");
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
