//! The history as a file the user keeps: export as JSON and CSV, and import with every field
//! checked.

use super::*;
use crate::core::my_routine::MyRoutine;
use crate::core::reminder::{MINUTES_PER_DAY, Schedule};
use crate::core::routine::{Equipment, Routine};
use crate::core::session::Ms;
use crate::core::settings::Settings;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt;

// ----- export -----

/// The export format this build writes and the newest it reads.
pub const EXPORT_VERSION: u64 = 1;

/// What a file for the user to keep holds besides the history.
pub struct Keep<'a> {
    pub settings: Value,
    pub my_routine: &'a MyRoutine,
    pub schedule: &'a Schedule,
}

/// The history, settings, the user's version of the routine and the reminder schedule as a file
/// for the user to keep: `{"app":"bia","kind":"export","version":1,"exported_at":…,"history":…,
/// "settings":…,"my_routine":…,"schedule":…}`. Compact, so years of sessions stay far below
/// the import limit.
pub fn export_json(history: &History, keep: Keep, exported_at: Ms) -> String {
    let document = serde_json::json!({
        "app": "bia",
        "kind": "export",
        "version": EXPORT_VERSION,
        "exported_at": exported_at,
        "history": history,
        "settings": keep.settings,
        "my_routine": keep.my_routine,
        "schedule": keep.schedule,
    });
    document.to_string()
}

/// One row per session × exercise × leg, oldest first, for a spreadsheet:
/// `date,exercise,name,leg,target,reps,outcome,set` (the set from 1) with the date as ISO 8601 on the user's clock
/// in `zone`, with its offset (`2026-12-01T19:30-08:00`), and the name from `routine` (empty for
/// an exercise it no longer has).
pub fn export_csv(history: &History, routine: &Routine, zone: &dyn Zone) -> String {
    let mut csv = String::from("date,exercise,name,leg,target,reps,outcome,set\n");
    for session in history.sessions() {
        let date = local_minute(session.started_at, zone);
        for exercise in &session.exercises {
            let name = routine
                .exercise(&exercise.id)
                .map_or("", |e| e.name.as_str());
            for (set, (target, left, right)) in (1u32..).zip(exercise.sets()) {
                let legs = match right {
                    Some(right) => vec![("left", left), ("right", right)],
                    None => vec![("both", left)],
                };
                for (leg, record) in legs {
                    let outcome = match record.outcome {
                        LegOutcome::Completed => "completed".to_owned(),
                        LegOutcome::EndedEarly => "ended-early".to_owned(),
                        LegOutcome::Skipped => "skipped".to_owned(),
                        LegOutcome::NoEquipment(e) => format!("no-equipment:{}", e.as_str()),
                        LegOutcome::Off => "off".to_owned(),
                        LegOutcome::NotDone => "not-done".to_owned(),
                    };
                    let row = [
                        date.clone(),
                        csv_cell(&exercise.id),
                        csv_cell(name),
                        leg.to_owned(),
                        target.to_string(),
                        record.reps.to_string(),
                        outcome,
                        set.to_string(),
                    ];
                    csv.push_str(&row.join(","));
                    csv.push('\n');
                }
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
    /// The user's version of the routine; `None` when the file has none (an older export).
    /// Its values are checked against the routine by [`Import::my_routine_for`].
    pub my_routine: Option<MyRoutine>,
    pub schedule: Option<Schedule>,
}

impl Import {
    /// The file's version of the routine, every value within `routine`'s bounds (or the path of
    /// the first that is not), its order repaired if it lost or repeated an exercise (`true`).
    pub fn my_routine_for(
        &self,
        routine: &Routine,
    ) -> Result<Option<(MyRoutine, bool)>, ImportError> {
        let Some(mine) = &self.my_routine else {
            return Ok(None);
        };
        mine.check(routine, "my_routine")
            .map_err(|e| invalid(&e.at, e.problem))?;
        Ok(Some(mine.clone().repaired_strictly(routine)))
    }
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
            "my_routine",
            "schedule",
        ],
    )?;
    let my_routine = match top.get("my_routine") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            serde_json::from_value::<MyRoutine>(value.clone())
                .map_err(|e| invalid("my_routine", e.to_string()))?,
        ),
    };
    let schedule = match top.get("schedule") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let schedule = serde_json::from_value::<Schedule>(value.clone())
                .map_err(|e| invalid("schedule", e.to_string()))?;
            if schedule.minute_of_day >= MINUTES_PER_DAY {
                return Err(invalid(
                    "schedule.minute_of_day",
                    format!(
                        "is {}; a time of day is 0 to {}",
                        schedule.minute_of_day,
                        MINUTES_PER_DAY - 1
                    ),
                ));
            }
            Some(schedule)
        }
    };
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
        my_routine,
        schedule,
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

/// The most sets a recorded exercise may have: more is damage.
pub const MAX_RECORDED_SETS: usize = 10;

fn exercise_record(raw: &Value, at: &str) -> Result<ExerciseRecord, ImportError> {
    let fields = object(raw, at, &["id", "target", "left", "right", "more_sets"])?;
    let id = identifier(required(fields, at, "id")?, &path(at, "id"), |c| {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'
    })?;
    let (target, left, right) = set_record(fields, at)?;
    let more_sets = match fields.get("more_sets") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(sets)) if sets.len() < MAX_RECORDED_SETS => sets
            .iter()
            .enumerate()
            .map(|(index, raw)| {
                let at = format!("{}[{index}]", path(at, "more_sets"));
                let fields = object(raw, &at, &["target", "left", "right"])?;
                let (target, left, right) = set_record(fields, &at)?;
                Ok(SetRecord {
                    target,
                    left,
                    right,
                })
            })
            .collect::<Result<_, _>>()?,
        Some(Value::Array(_)) => {
            return Err(invalid(
                &path(at, "more_sets"),
                format!("has more than {} sets", MAX_RECORDED_SETS - 1),
            ));
        }
        Some(other) => {
            return Err(invalid(
                &path(at, "more_sets"),
                format!("must be a list, not {}", kind(other)),
            ));
        }
    };
    Ok(ExerciseRecord {
        id,
        target,
        left,
        right,
        more_sets,
    })
}

/// The target and legs of one set.
fn set_record(
    fields: &Map<String, Value>,
    at: &str,
) -> Result<(u32, LegRecord, Option<LegRecord>), ImportError> {
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
    Ok((target, left, right))
}

fn leg_record(raw: &Value, at: &str) -> Result<LegRecord, ImportError> {
    let fields = object(raw, at, &["reps", "outcome"])?;
    let reps = whole(
        required(fields, at, "reps")?,
        &path(at, "reps"),
        MAX_RECORDED_REPS,
    )? as u32;
    let at = path(at, "outcome");
    const EXPECTED: &str = "expected \"completed\", \"ended-early\", \"skipped\", \"off\", \
                            \"not-done\" or {\"no-equipment\": …}";
    let outcome = match fields.get("outcome") {
        None => return Err(invalid(&at, "is missing")),
        Some(Value::String(name)) => match name.as_str() {
            "completed" => LegOutcome::Completed,
            "ended-early" => LegOutcome::EndedEarly,
            "skipped" => LegOutcome::Skipped,
            "off" => LegOutcome::Off,
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

    #[test]
    fn csv_cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("clams"), "clams");
        assert_eq!(csv_cell("Clams, banded"), "\"Clams, banded\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-2"), "'-2");
    }
}
