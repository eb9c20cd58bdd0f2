//! A finished session as it is kept: what became of each leg of each exercise.

use crate::core::routine::Equipment;
use crate::core::session::{Leg, Ms, Outcome, Phase, Session, SkipReason};
use serde::{Deserialize, Serialize};

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
    /// Turned off in the user's version of the routine.
    Off,
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
            Outcome::Skipped(SkipReason::Off) => LegOutcome::Off,
        };
        LegRecord {
            reps: outcome.reps(),
            outcome: kind,
        }
    }

    /// Whether the leg was worked at all (as opposed to skipped or never reached).
    pub(super) fn attempted(&self) -> bool {
        matches!(self.outcome, LegOutcome::Completed | LegOutcome::EndedEarly) || self.reps > 0
    }
}

/// One exercise of a recorded session: its first set in `left` and `right`, any further sets in
/// `more_sets`. `right` is `None` for an exercise done on both legs at once (its one record is
/// `left`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExerciseRecord {
    pub id: String,
    pub target: u32,
    pub left: LegRecord,
    pub right: Option<LegRecord>,
    /// Sets 2 and on, in the order done (none before the user's version had sets).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more_sets: Vec<SetRecord>,
}

/// A set after the first of an exercise of a recorded session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetRecord {
    pub target: u32,
    pub left: LegRecord,
    pub right: Option<LegRecord>,
}

impl ExerciseRecord {
    /// Every leg of every set.
    pub fn legs(&self) -> impl Iterator<Item = &LegRecord> {
        std::iter::once(&self.left).chain(&self.right).chain(
            self.more_sets
                .iter()
                .flat_map(|set| std::iter::once(&set.left).chain(&set.right)),
        )
    }

    /// The sets as (target, left, right), the first included.
    pub fn sets(&self) -> impl Iterator<Item = (u32, &LegRecord, Option<&LegRecord>)> {
        std::iter::once((self.target, &self.left, self.right.as_ref())).chain(
            self.more_sets
                .iter()
                .map(|set| (set.target, &set.left, set.right.as_ref())),
        )
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
        let mut exercises: Vec<ExerciseRecord> = Vec::new();
        for (index, (plan, results)) in session.plan.iter().zip(&session.results).enumerate() {
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
            let (left, right) = (leg(Leg::Left), plan.per_leg.then(|| leg(Leg::Right)));
            // The sets of an exercise follow each other in the plan.
            match exercises.last_mut() {
                Some(last) if last.id == plan.id && plan.set > 1 => {
                    last.more_sets.push(SetRecord {
                        target: plan.target,
                        left,
                        right,
                    })
                }
                _ => exercises.push(ExerciseRecord {
                    id: plan.id.clone(),
                    target: plan.target,
                    left,
                    right,
                    more_sets: Vec::new(),
                }),
            }
        }
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
