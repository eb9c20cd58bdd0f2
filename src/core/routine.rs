//! The routine as data: typed structs parsed from the routine document, with errors that name
//! the exercise and field at fault. This file is also compiled into `build.rs`, which parses the
//! bundled document with it, so it uses nothing else of the crate.

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};
use std::fmt;

/// The routine document shipped with the app.
pub const BUNDLED_JSON: &str = include_str!("../../assets/routine.json");

/// The schema of routine documents this build reads.
pub const ROUTINE_SCHEMA: u32 = 1;

/// The whole routine: ten exercises in order, plus the texts around them.
#[derive(Clone, Debug, PartialEq)]
pub struct Routine {
    pub title: String,
    pub goals: Vec<String>,
    /// Pace of a rep where the source gives no tempo.
    pub default_tempo: Tempo,
    /// The documented typo fixes: the source's wording and ours.
    pub corrections: Vec<Correction>,
    /// How far a user's version may stray from the routine as written.
    pub adapt: Adaptation,
    pub exercises: Vec<Exercise>,
}

/// A whole number the user may change, and the range that keeps the exercise sane.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    pub min: u32,
    pub max: u32,
    /// What one press of "more" or "fewer" changes.
    pub step: u32,
}

impl Bounds {
    pub fn clamp(&self, value: u32) -> u32 {
        value.clamp(self.min, self.max)
    }

    pub fn contains(&self, value: u32) -> bool {
        (self.min..=self.max).contains(&value)
    }
}

/// What a user's version of the routine may change, as the routine document allows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Adaptation {
    /// Sets per exercise, each on both legs.
    pub sets: Bounds,
    pub rest_between_sets_s: Bounds,
    pub rest_between_sets_default_s: u32,
    /// The hold at the top, for an exercise that has one.
    pub hold_s: Bounds,
    /// The lift and the lowering of a rep, each.
    pub stroke_ms: Bounds,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    /// Stable across versions: progress and saved sessions refer to it.
    pub id: String,
    /// 1-based position in the routine.
    pub order: u32,
    pub name: String,
    pub posture: Posture,
    /// The source's outline line, kept to trace the rep rule.
    pub outline: String,
    pub value_for_runners: String,
    pub instructions: String,
    pub reps: RepRange,
    pub per_leg: bool,
    /// Seconds to hold at the top of each rep.
    pub hold_s: Option<u32>,
    /// The source's tempo, where it gives one.
    pub tempo: Option<Tempo>,
    pub equipment: Vec<Equipment>,
    pub optional_equipment: Vec<Equipment>,
    pub tips: Vec<String>,
    /// Sets in the user's version (1 as written); each set is done on both legs.
    pub sets: u32,
    /// Left out of the user's version: still listed, never done.
    pub off: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
pub struct RepRange {
    pub min: u32,
    pub max: u32,
    pub default: u32,
}

impl RepRange {
    pub fn clamp(&self, reps: u32) -> u32 {
        reps.clamp(self.min, self.max)
    }
}

/// Seconds up and seconds down for one rep.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, serde::Serialize)]
pub struct Tempo {
    pub up_s: f64,
    pub down_s: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Equipment {
    Band,
    Step,
    BalanceBoard,
}

impl Equipment {
    pub const ALL: [Equipment; 3] = [Equipment::Band, Equipment::Step, Equipment::BalanceBoard];

    pub fn as_str(self) -> &'static str {
        match self {
            Equipment::Band => "band",
            Equipment::Step => "step",
            Equipment::BalanceBoard => "balance-board",
        }
    }
}

/// The body position an exercise is done in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Posture {
    SideLying,
    AllFours,
    Standing,
    OnStep,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    pub exercise: String,
    pub field: String,
    pub source: String,
    pub corrected: String,
}

/// A routine document that cannot be used, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoutineError {
    /// The exercise's id (or `#n` when it has none); `None` for the document itself.
    pub exercise: Option<String>,
    pub field: String,
    pub problem: String,
}

impl fmt::Display for RoutineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.exercise {
            Some(id) => write!(
                f,
                "exercise `{id}`: field `{}`: {}",
                self.field, self.problem
            ),
            None => write!(f, "routine: field `{}`: {}", self.field, self.problem),
        }
    }
}

impl std::error::Error for RoutineError {}

const EXERCISE_FIELDS: &[&str] = &[
    "id",
    "order",
    "name",
    "posture",
    "outline",
    "value_for_runners",
    "instructions",
    "reps",
    "per_leg",
    "hold_s",
    "tempo",
    "equipment",
    "optional_equipment",
    "tips",
];
const ROUTINE_FIELDS: &[&str] = &[
    "schema",
    "language",
    "title",
    "goals",
    "rules",
    "default_tempo",
    "adapt",
    "corrections",
    "exercises",
];
const MAX_REPS: u32 = 200;
const MAX_HOLD_S: u32 = 120;
const MAX_STROKE_S: f64 = 30.0;

/// Reads one field of a JSON object, naming the exercise and field when it is missing or mistyped.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    exercise: Option<String>,
}

impl Fields<'_> {
    fn error(&self, field: &str, problem: impl Into<String>) -> RoutineError {
        RoutineError {
            exercise: self.exercise.clone(),
            field: field.to_owned(),
            problem: problem.into(),
        }
    }

    fn get<T: DeserializeOwned>(&self, field: &str) -> Result<T, RoutineError> {
        let value = self.object.get(field).cloned().unwrap_or(Value::Null);
        if value.is_null() && !self.object.contains_key(field) {
            // Optional fields deserialise from null; required ones report "missing".
            return serde_json::from_value(Value::Null)
                .map_err(|_| self.error(field, "is missing"));
        }
        serde_json::from_value(value).map_err(|e| self.error(field, e.to_string()))
    }

    fn text(&self, field: &str) -> Result<String, RoutineError> {
        let text: String = self.get(field)?;
        if text.trim().is_empty() {
            return Err(self.error(field, "must not be empty"));
        }
        Ok(text)
    }

    fn reject_unknown(&self, known: &[&str]) -> Result<(), RoutineError> {
        match self.object.keys().find(|k| !known.contains(&k.as_str())) {
            Some(unknown) => Err(self.error(unknown, "is not a known field")),
            None => Ok(()),
        }
    }
}

fn check_tempo(fields: &Fields, field: &str, tempo: Tempo) -> Result<Tempo, RoutineError> {
    let ok = |s: f64| s > 0.0 && s <= MAX_STROKE_S;
    if ok(tempo.up_s) && ok(tempo.down_s) {
        Ok(tempo)
    } else {
        Err(fields.error(
            field,
            // A whole number of seconds, written without float formatting (not linked otherwise).
            format!(
                "up_s and down_s must be above 0 and at most {} seconds",
                MAX_STROKE_S as u32
            ),
        ))
    }
}

/// A stroke of `seconds` in whole milliseconds, as the session times it.
pub fn stroke_ms(seconds: f64) -> u32 {
    (seconds * 1000.0).round().max(1.0) as u32
}

fn check_adaptation(fields: &Fields, adapt: Adaptation) -> Result<Adaptation, RoutineError> {
    let sane = |b: &Bounds| b.min <= b.max && b.step >= 1 && b.step <= b.max - b.min + 1;
    let problem = if ![
        adapt.sets,
        adapt.rest_between_sets_s,
        adapt.hold_s,
        adapt.stroke_ms,
    ]
    .iter()
    .all(sane)
    {
        Some("every range needs min ≤ max and a step of at least 1 that fits in it")
    } else if adapt.sets.min != 1 {
        Some("sets must start at 1 (the routine as written)")
    } else if !adapt
        .rest_between_sets_s
        .contains(adapt.rest_between_sets_default_s)
    {
        Some("rest_between_sets_default_s must lie within rest_between_sets_s")
    } else if adapt.hold_s.min < 1 || adapt.hold_s.max > MAX_HOLD_S {
        Some("hold_s must lie within 1 and 120 seconds")
    } else if adapt.stroke_ms.min < 1 || adapt.stroke_ms.max > stroke_ms(MAX_STROKE_S) {
        Some("stroke_ms must lie within 1 and 30000 ms")
    } else {
        None
    };
    match problem {
        Some(problem) => Err(fields.error("adapt", problem)),
        None => Ok(adapt),
    }
}

impl Routine {
    /// The routine shipped inside the app, parsed here: `build.rs` does it to write the app's
    /// copy ([`Routine::bundled`], in `core/bundled.rs`), so a document that fails these checks
    /// fails the build.
    pub fn parse_bundled() -> Routine {
        Routine::parse(BUNDLED_JSON).unwrap_or_else(|e| panic!("{e}"))
    }

    pub fn parse(json: &str) -> Result<Routine, RoutineError> {
        let document: Value = serde_json::from_str(json).map_err(|e| RoutineError {
            exercise: None,
            field: "(document)".into(),
            problem: format!("is not valid JSON: {e}"),
        })?;
        let Value::Object(object) = &document else {
            return Err(RoutineError {
                exercise: None,
                field: "(document)".into(),
                problem: "must be a JSON object".into(),
            });
        };
        let fields = Fields {
            object,
            exercise: None,
        };
        fields.reject_unknown(ROUTINE_FIELDS)?;
        let schema: u32 = fields.get("schema")?;
        if schema != ROUTINE_SCHEMA {
            return Err(fields.error(
                "schema",
                format!("is {schema}; this app reads {ROUTINE_SCHEMA}"),
            ));
        }
        let default_tempo = check_tempo(&fields, "default_tempo", fields.get("default_tempo")?)?;
        let raw_exercises: Vec<Value> = fields.get("exercises")?;
        if raw_exercises.is_empty() {
            return Err(fields.error("exercises", "must list at least one exercise"));
        }
        let mut exercises: Vec<Exercise> = Vec::with_capacity(raw_exercises.len());
        for (index, raw) in raw_exercises.iter().enumerate() {
            let exercise = parse_exercise(raw, index)?;
            if exercises.iter().any(|e| e.id == exercise.id) {
                return Err(RoutineError {
                    exercise: Some(exercise.id),
                    field: "id".into(),
                    problem: "is used by another exercise".into(),
                });
            }
            exercises.push(exercise);
        }
        let corrections: Vec<Correction> =
            fields.get::<Option<_>>("corrections")?.unwrap_or_default();
        for correction in &corrections {
            if !exercises.iter().any(|e| e.id == correction.exercise) {
                return Err(fields.error(
                    "corrections",
                    format!("names unknown exercise `{}`", correction.exercise),
                ));
            }
        }
        let adapt = check_adaptation(&fields, fields.get("adapt")?)?;
        for exercise in &exercises {
            let strokes = exercise.tempo.unwrap_or(default_tempo);
            let as_written_fits = exercise.hold_s.is_none_or(|s| adapt.hold_s.contains(s))
                && [strokes.up_s, strokes.down_s]
                    .iter()
                    .all(|&s| adapt.stroke_ms.contains(stroke_ms(s)));
            if !as_written_fits {
                return Err(RoutineError {
                    exercise: Some(exercise.id.clone()),
                    field: "hold_s".into(),
                    problem: "its hold or tempo as written lies outside `adapt`".into(),
                });
            }
        }
        Ok(Routine {
            title: fields.text("title")?,
            goals: fields.get("goals")?,
            default_tempo,
            corrections,
            adapt,
            exercises,
        })
    }

    pub fn exercise(&self, id: &str) -> Option<&Exercise> {
        self.exercises.iter().find(|e| e.id == id)
    }
}

fn parse_exercise(raw: &Value, index: usize) -> Result<Exercise, RoutineError> {
    let position = format!("#{}", index + 1);
    let Value::Object(object) = raw else {
        return Err(RoutineError {
            exercise: Some(position),
            field: "(exercise)".into(),
            problem: "must be a JSON object".into(),
        });
    };
    let mut fields = Fields {
        object,
        exercise: Some(position),
    };
    let id = fields.text("id")?;
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(fields.error("id", "must be lowercase letters, digits and dashes"));
    }
    fields.exercise = Some(id.clone());
    fields.reject_unknown(EXERCISE_FIELDS)?;

    let order: u32 = fields.get("order")?;
    if order as usize != index + 1 {
        return Err(fields.error(
            "order",
            format!(
                "is {order} but the exercise is number {} in the list",
                index + 1
            ),
        ));
    }
    let reps: RepRange = fields.get("reps")?;
    if !(1 <= reps.min
        && reps.min <= reps.default
        && reps.default <= reps.max
        && reps.max <= MAX_REPS)
    {
        return Err(fields.error(
            "reps",
            format!("must satisfy 1 ≤ min ≤ default ≤ max ≤ {MAX_REPS}"),
        ));
    }
    let hold_s: Option<u32> = fields.get("hold_s")?;
    if let Some(hold) = hold_s
        && !(1..=MAX_HOLD_S).contains(&hold)
    {
        return Err(fields.error(
            "hold_s",
            format!("must be between 1 and {MAX_HOLD_S} seconds"),
        ));
    }
    let tempo = match fields.get::<Option<Tempo>>("tempo")? {
        Some(tempo) => Some(check_tempo(&fields, "tempo", tempo)?),
        None => None,
    };
    let tips: Vec<String> = fields.get("tips")?;
    if tips.iter().any(|t| t.trim().is_empty()) {
        return Err(fields.error("tips", "must not contain an empty tip"));
    }
    Ok(Exercise {
        order,
        name: fields.text("name")?,
        posture: fields.get("posture")?,
        outline: fields.text("outline")?,
        value_for_runners: fields.text("value_for_runners")?,
        instructions: fields.text("instructions")?,
        reps,
        per_leg: fields.get("per_leg")?,
        hold_s,
        tempo,
        equipment: fields.get("equipment")?,
        optional_equipment: fields.get("optional_equipment")?,
        tips,
        id,
        sets: 1,
        off: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled_value() -> Value {
        serde_json::from_str(BUNDLED_JSON).unwrap()
    }

    /// Parses the bundled document after `edit`, expecting an error naming `exercise` and `field`.
    fn assert_rejected(edit: impl FnOnce(&mut Value), exercise: Option<&str>, field: &str) {
        let mut doc = bundled_value();
        edit(&mut doc);
        let err = Routine::parse(&doc.to_string()).expect_err("edited routine must be rejected");
        assert_eq!(err.exercise.as_deref(), exercise, "{err}");
        assert_eq!(err.field, field, "{err}");
        let message = err.to_string();
        assert!(message.contains(field), "{message}");
        if let Some(id) = exercise {
            assert!(message.contains(id), "{message}");
        }
    }

    #[test]
    fn bundled_routine_has_the_ten_exercises_in_order() {
        let routine = Routine::bundled();
        let ids: Vec<&str> = routine.exercises.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "clams",
                "lateral-leg-raises",
                "donkey-kicks",
                "donkey-whips",
                "fire-hydrants",
                "knee-circles",
                "theraband-balance",
                "standing-hip-flexor",
                "standing-hip-abductor",
                "hip-hikes"
            ]
        );
        assert!(routine.exercises.iter().all(|e| e.per_leg));
    }

    #[test]
    fn holds_tempos_and_equipment_follow_the_source() {
        let routine = Routine::bundled();
        let get = |id| routine.exercise(id).unwrap();
        assert_eq!(get("clams").hold_s, Some(10));
        assert_eq!(get("theraband-balance").hold_s, Some(2));
        let two_two = Some(Tempo {
            up_s: 2.0,
            down_s: 2.0,
        });
        assert_eq!(get("standing-hip-flexor").tempo, two_two);
        assert_eq!(get("standing-hip-abductor").tempo, two_two);
        assert_eq!(get("theraband-balance").equipment, [Equipment::Band]);
        assert_eq!(
            get("theraband-balance").optional_equipment,
            [Equipment::BalanceBoard]
        );
        assert_eq!(get("hip-hikes").equipment, [Equipment::Step]);
        assert_eq!(
            get("standing-hip-abductor").reps,
            RepRange {
                min: 10,
                max: 15,
                default: 10
            }
        );
    }

    #[test]
    fn wrong_type_names_exercise_and_field() {
        assert_rejected(
            |d| d["exercises"][0]["hold_s"] = "ten".into(),
            Some("clams"),
            "hold_s",
        );
    }

    #[test]
    fn missing_field_names_exercise_and_field() {
        assert_rejected(
            |d| {
                d["exercises"][3]
                    .as_object_mut()
                    .unwrap()
                    .remove("instructions");
            },
            Some("donkey-whips"),
            "instructions",
        );
    }

    #[test]
    fn inverted_rep_range_is_rejected() {
        assert_rejected(
            |d| d["exercises"][1]["reps"]["min"] = 30.into(),
            Some("lateral-leg-raises"),
            "reps",
        );
    }

    #[test]
    fn hold_out_of_bounds_is_rejected() {
        assert_rejected(
            |d| d["exercises"][0]["hold_s"] = 0.into(),
            Some("clams"),
            "hold_s",
        );
    }

    #[test]
    fn zero_tempo_is_rejected() {
        assert_rejected(
            |d| d["exercises"][7]["tempo"]["down_s"] = 0.into(),
            Some("standing-hip-flexor"),
            "tempo",
        );
    }

    #[test]
    fn unknown_field_is_rejected_by_name() {
        assert_rejected(
            |d| d["exercises"][4]["hold"] = 3.into(),
            Some("fire-hydrants"),
            "hold",
        );
    }

    #[test]
    fn duplicate_id_is_rejected() {
        assert_rejected(
            |d| d["exercises"][2]["id"] = "clams".into(),
            Some("clams"),
            "id",
        );
    }

    #[test]
    fn order_must_match_position() {
        assert_rejected(
            |d| d["exercises"][5]["order"] = 9.into(),
            Some("knee-circles"),
            "order",
        );
    }

    #[test]
    fn unknown_equipment_is_rejected() {
        assert_rejected(
            |d| d["exercises"][9]["equipment"] = serde_json::json!(["chair"]),
            Some("hip-hikes"),
            "equipment",
        );
    }

    #[test]
    fn exercise_without_id_is_named_by_position() {
        assert_rejected(
            |d| {
                d["exercises"][6].as_object_mut().unwrap().remove("id");
            },
            Some("#7"),
            "id",
        );
    }

    #[test]
    fn document_level_errors_name_the_field() {
        assert_rejected(|d| d["schema"] = 2.into(), None, "schema");
        assert_rejected(
            |d| d["exercises"] = serde_json::json!([]),
            None,
            "exercises",
        );
        let err = Routine::parse("{ not json").unwrap_err();
        assert!(err.to_string().contains("not valid JSON"), "{err}");
    }
}
