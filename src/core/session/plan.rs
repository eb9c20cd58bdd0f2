//! What a session is made of before it starts: the user's options, the exercises as planned,
//! and what became of each leg; the estimate of how long it takes.

use super::{Leg, Ms};
use crate::core::routine::Equipment;
use serde::{Deserialize, Serialize};

/// How reps are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CountMode {
    /// The app paces every rep at the exercise's tempo; nothing to tap.
    #[default]
    Guided,
    /// Each tap counts a rep; holds still run by themselves.
    Tap,
}

/// The user's choices that shape a session.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    pub mode: CountMode,
    pub get_ready_ms: Ms,
    pub rest_between_legs_ms: Ms,
    pub rest_between_exercises_ms: Ms,
    /// Between two sets of one exercise.
    pub rest_between_sets_ms: Ms,
    /// The next leg or exercise starts on a tap instead of by itself.
    pub wait_for_me: bool,
    /// Scales the default pace of exercises without a tempo of their own (1.0 = as written).
    pub pace_factor: f64,
    /// Equipment the user does not have today.
    pub missing_equipment: Vec<Equipment>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            mode: CountMode::Guided,
            get_ready_ms: 5_000,
            rest_between_legs_ms: 5_000,
            rest_between_exercises_ms: 10_000,
            rest_between_sets_ms: 30_000,
            wait_for_me: false,
            pace_factor: 1.0,
            missing_equipment: Vec::new(),
        }
    }
}

/// Why an exercise was not done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkipReason {
    ByUser,
    NoEquipment(Equipment),
    /// Turned off in the user's version of the routine.
    Off,
}

/// What happened to one leg of one exercise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    Completed { reps: u32, target: u32 },
    EndedEarly { reps: u32, target: u32 },
    Skipped(SkipReason),
}

impl Outcome {
    pub fn reps(&self) -> u32 {
        match self {
            Outcome::Completed { reps, .. } | Outcome::EndedEarly { reps, .. } => *reps,
            Outcome::Skipped(_) => 0,
        }
    }
}

fn one() -> u32 {
    1
}

/// One set of one exercise as this session does it: the routine's figures plus today's choices.
/// The sets of an exercise follow each other in the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlannedExercise {
    pub id: String,
    pub target: u32,
    pub min: u32,
    pub max: u32,
    pub per_leg: bool,
    pub up_ms: Ms,
    pub hold_ms: Ms,
    pub down_ms: Ms,
    /// Set when the exercise is left out before the session starts.
    pub skipped: Option<SkipReason>,
    /// Which set this is, from 1, and of how many (a session saved before sets has 1 of 1).
    #[serde(default = "one")]
    pub set: u32,
    #[serde(default = "one")]
    pub sets: u32,
}

impl PlannedExercise {
    pub(super) fn legs(&self) -> &'static [Leg] {
        if self.per_leg {
            &[Leg::Left, Leg::Right]
        } else {
            &[Leg::Left]
        }
    }

    /// One rep, start of the lift to the end of the lowering.
    pub fn rep_ms(&self) -> Ms {
        self.up_ms + self.hold_ms + self.down_ms
    }
}

/// Time of one stroke of a rep, from seconds.
pub(super) fn stroke_ms(seconds: f64) -> Ms {
    (seconds * 1000.0).round().max(1.0) as Ms
}

/// The first exercise at or after `from` that is not skipped before the start.
pub(super) fn first_included(plan: &[PlannedExercise], from: usize) -> Option<usize> {
    (from..plan.len()).find(|&i| plan[i].skipped.is_none())
}

/// The first entry of the exercise whose set is at `index` (its sets are consecutive).
pub(super) fn first_set(plan: &[PlannedExercise], index: usize) -> usize {
    let id = &plan[index].id;
    (0..index)
        .rev()
        .take_while(|&i| plan[i].id == *id)
        .last()
        .unwrap_or(index)
}

/// Estimated length of a session: countdowns, reps at their pace, rests.
pub fn estimate_ms(plan: &[PlannedExercise], options: &Options) -> Ms {
    let included: Vec<&PlannedExercise> = plan.iter().filter(|p| p.skipped.is_none()).collect();
    let legs: Ms = included.iter().map(|p| p.legs().len() as Ms).sum();
    let work: Ms = included
        .iter()
        .map(|p| p.legs().len() as Ms * (Ms::from(p.target) * p.rep_ms()))
        .sum();
    let switches: Ms = included.iter().map(|p| p.legs().len() as Ms - 1).sum();
    let gaps: Ms = included
        .windows(2)
        .map(|pair| {
            if pair[0].id == pair[1].id {
                options.rest_between_sets_ms
            } else {
                options.rest_between_exercises_ms
            }
        })
        .sum();
    legs * options.get_ready_ms + work + switches * options.rest_between_legs_ms + gaps
}
