//! The user's version of the routine: changes kept on top of the routine as written, never a
//! copy of it, so an update of the routine still reaches everything the user left alone. Each
//! value is kept only while it differs from the routine; setting it back to the routine's value
//! forgets it.

use crate::core::routine::{Routine, Tempo};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the user changed, by exercise id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MyRoutine {
    /// Exercise ids in the user's order; empty while the order is as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub exercises: BTreeMap<String, ExerciseChanges>,
    /// Rest between two sets of an exercise; `None`: the routine's default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rest_between_sets_s: Option<u32>,
}

/// One exercise as the user changed it; `None` is the routine's value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExerciseChanges {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub off: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sets: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hold_s: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub up_ms: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub down_ms: Option<u32>,
}

impl ExerciseChanges {
    pub fn is_empty(&self) -> bool {
        *self == ExerciseChanges::default()
    }
}

/// A value of the user's version that the routine does not allow, and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeError {
    /// The path below the user's version, e.g. `exercises.clams.sets`.
    pub at: String,
    pub problem: String,
}

/// The lift and the lowering of a rep in ms: the exercise's tempo (`tempo`), or the routine's
/// default.
pub fn stroke_times_ms(routine: &Routine, tempo: Option<Tempo>) -> (u32, u32) {
    let tempo = tempo.unwrap_or(routine.default_tempo);
    (
        crate::core::routine::stroke_ms(tempo.up_s),
        crate::core::routine::stroke_ms(tempo.down_s),
    )
}

impl MyRoutine {
    /// Nothing changed: the routine as written.
    pub fn is_as_written(&self) -> bool {
        *self == MyRoutine::default()
    }

    /// What the user changed of `id` (nothing if they changed nothing).
    pub fn of(&self, id: &str) -> ExerciseChanges {
        self.exercises.get(id).cloned().unwrap_or_default()
    }

    /// The rest between sets, within the routine's bounds.
    pub fn rest_between_sets_s(&self, routine: &Routine) -> u32 {
        let bounds = routine.adapt.rest_between_sets_s;
        bounds.clamp(
            self.rest_between_sets_s
                .unwrap_or(routine.adapt.rest_between_sets_default_s),
        )
    }

    /// The positions in `routine.exercises` in the user's order: the ordered ids the routine
    /// still has (the first of a repeated one), then any the order does not name (an exercise
    /// the routine gained since) after the exercise that precedes it as written.
    pub fn order_in(&self, routine: &Routine) -> Vec<usize> {
        let mut order: Vec<usize> = Vec::with_capacity(routine.exercises.len());
        for id in &self.order {
            if let Some(i) = routine.exercises.iter().position(|e| &e.id == id)
                && !order.contains(&i)
            {
                order.push(i);
            }
        }
        for i in 0..routine.exercises.len() {
            if !order.contains(&i) {
                let after = (0..i)
                    .rev()
                    .find_map(|p| order.iter().position(|&o| o == p));
                order.insert(after.map_or(0, |a| a + 1), i);
            }
        }
        order
    }

    /// The routine as the user does it: in their order, with their sets, holds, tempos and the
    /// exercises they turned off. Values the routine's bounds no longer allow (the routine
    /// changed since) are brought within them.
    pub fn applied_to(&self, routine: &Routine) -> Routine {
        let adapt = routine.adapt;
        let exercises = self
            .order_in(routine)
            .into_iter()
            .map(|i| {
                let mut exercise = routine.exercises[i].clone();
                let Some(changes) = self.exercises.get(&exercise.id) else {
                    return exercise;
                };
                exercise.off = changes.off;
                exercise.sets = adapt.sets.clamp(changes.sets.unwrap_or(exercise.sets));
                if let (Some(hold), Some(_)) = (changes.hold_s, exercise.hold_s) {
                    exercise.hold_s = Some(adapt.hold_s.clamp(hold));
                }
                if changes.up_ms.is_some() || changes.down_ms.is_some() {
                    let (up, down) = stroke_times_ms(routine, exercise.tempo);
                    let seconds = |ms: u32| f64::from(adapt.stroke_ms.clamp(ms)) / 1000.0;
                    exercise.tempo = Some(Tempo {
                        up_s: seconds(changes.up_ms.unwrap_or(up)),
                        down_s: seconds(changes.down_ms.unwrap_or(down)),
                    });
                }
                exercise
            })
            .collect();
        Routine {
            exercises,
            ..routine.clone()
        }
    }

    /// The order as the user may have stored it, repaired: one that names an exercise twice, or
    /// one the routine does not have, is set back to the routine's order (`true`: it was). An
    /// order missing an exercise is left to [`MyRoutine::order_in`], which places it as written:
    /// that is a routine grown since.
    pub fn repaired(mut self, routine: &Routine) -> (MyRoutine, bool) {
        let known = |id: &String| routine.exercise(id).is_some();
        let repeated = self
            .order
            .iter()
            .enumerate()
            .any(|(i, id)| self.order[..i].contains(id));
        let broken = repeated || !self.order.iter().all(known);
        if broken {
            self.order.clear();
        }
        self.exercises
            .retain(|id, changes| known(id) && !changes.is_empty());
        (self, broken)
    }

    /// An order from a file: one that lost or repeated an exercise is set back to the routine's
    /// order (`true`: it was).
    pub fn repaired_strictly(self, routine: &Routine) -> (MyRoutine, bool) {
        let lost = !self.order.is_empty()
            && routine
                .exercises
                .iter()
                .any(|e| !self.order.contains(&e.id));
        let (mut mine, broken) = self.repaired(routine);
        if lost {
            mine.order.clear();
        }
        (mine, broken || lost)
    }

    /// Every value within the routine's bounds, for a file read in: the first that is not, with
    /// its path below `at`.
    pub fn check(&self, routine: &Routine, at: &str) -> Result<(), ChangeError> {
        let adapt = &routine.adapt;
        let out_of = |field: String, bounds: &crate::core::routine::Bounds, value: u32| {
            (!bounds.contains(value)).then(|| ChangeError {
                at: format!("{at}.{field}"),
                problem: format!(
                    "{value} is outside {}–{} (the routine's bounds)",
                    bounds.min, bounds.max
                ),
            })
        };
        if let Some(rest) = self.rest_between_sets_s
            && let Some(e) = out_of(
                "rest_between_sets_s".into(),
                &adapt.rest_between_sets_s,
                rest,
            )
        {
            return Err(e);
        }
        for (id, changes) in &self.exercises {
            let field = |name: &str| format!("exercises.{id}.{name}");
            let checks = [
                (field("sets"), &adapt.sets, changes.sets),
                (field("hold_s"), &adapt.hold_s, changes.hold_s),
                (field("up_ms"), &adapt.stroke_ms, changes.up_ms),
                (field("down_ms"), &adapt.stroke_ms, changes.down_ms),
            ];
            for (name, bounds, value) in checks {
                if let Some(value) = value
                    && let Some(e) = out_of(name, bounds, value)
                {
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    fn edit(&mut self, id: &str, change: impl FnOnce(&mut ExerciseChanges)) {
        let changes = self.exercises.entry(id.to_owned()).or_default();
        change(changes);
        if changes.is_empty() {
            self.exercises.remove(id);
        }
    }

    pub fn set_off(&mut self, id: &str, off: bool) {
        self.edit(id, |c| c.off = off);
    }

    /// Sets of `id`, within the routine's bounds.
    pub fn set_sets(&mut self, routine: &Routine, id: &str, sets: u32) {
        let Some(exercise) = routine.exercise(id) else {
            return;
        };
        let sets = routine.adapt.sets.clamp(sets);
        self.edit(id, |c| c.sets = (sets != exercise.sets).then_some(sets));
    }

    /// The hold at the top of `id`, for an exercise that has one.
    pub fn set_hold(&mut self, routine: &Routine, id: &str, hold_s: u32) {
        let Some(as_written) = routine.exercise(id).and_then(|e| e.hold_s) else {
            return;
        };
        let hold = routine.adapt.hold_s.clamp(hold_s);
        self.edit(id, |c| c.hold_s = (hold != as_written).then_some(hold));
    }

    /// The lift (`up`) or the lowering of a rep of `id`.
    pub fn set_stroke(&mut self, routine: &Routine, id: &str, up: bool, ms: u32) {
        let Some(exercise) = routine.exercise(id) else {
            return;
        };
        let (up_as_written, down_as_written) = stroke_times_ms(routine, exercise.tempo);
        let ms = routine.adapt.stroke_ms.clamp(ms);
        self.edit(id, |c| {
            if up {
                c.up_ms = (ms != up_as_written).then_some(ms);
            } else {
                c.down_ms = (ms != down_as_written).then_some(ms);
            }
        });
    }

    pub fn set_rest_between_sets(&mut self, routine: &Routine, seconds: u32) {
        let seconds = routine.adapt.rest_between_sets_s.clamp(seconds);
        self.rest_between_sets_s =
            (seconds != routine.adapt.rest_between_sets_default_s).then_some(seconds);
    }

    /// Moves `id` one place earlier (`by` −1) or later (+1) in the user's order.
    pub fn move_by(&mut self, routine: &Routine, id: &str, by: isize) {
        let mut order: Vec<String> = self
            .order_in(routine)
            .into_iter()
            .map(|i| routine.exercises[i].id.clone())
            .collect();
        let Some(from) = order.iter().position(|o| o == id) else {
            return;
        };
        let to = from.saturating_add_signed(by).min(order.len() - 1);
        let moved = order.remove(from);
        order.insert(to, moved);
        let as_written = order
            .iter()
            .zip(&routine.exercises)
            .all(|(id, e)| *id == e.id);
        self.order = if as_written { Vec::new() } else { order };
    }

    /// `id` back to the routine as written (its place in the order stays the user's).
    pub fn exercise_as_written(&mut self, id: &str) {
        self.exercises.remove(id);
    }
}
