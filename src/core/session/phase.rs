//! Where a session is, and the deadline each phase runs to.

use super::{Ms, PlannedExercise};
use serde::{Deserialize, Serialize};

/// What sits between two legs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Between {
    SwitchLegs,
    /// The next set of the same exercise.
    NextSet,
    NextExercise,
}

/// Where the session is. Each variant carries exactly what it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    NotStarted,
    /// Countdown before a leg, naming the exercise and leg.
    GetReady {
        until: Ms,
    },
    /// Guided: the leg goes up.
    Lifting {
        since: Ms,
    },
    /// At the top of a rep.
    Holding {
        since: Ms,
        until: Ms,
    },
    /// Guided: the leg comes down.
    Lowering {
        since: Ms,
    },
    /// Tap mode: waiting for the user's rep.
    AwaitingRep,
    /// Between two legs; `until: None` waits for the user's tap.
    Transition {
        kind: Between,
        until: Option<Ms>,
    },
    Done,
}

impl Phase {
    pub(super) fn deadline(&self, plan: &PlannedExercise) -> Option<Ms> {
        match *self {
            Phase::GetReady { until } | Phase::Holding { until, .. } => Some(until),
            Phase::Transition { until, .. } => until,
            Phase::Lifting { since } => Some(since + plan.up_ms),
            Phase::Lowering { since } => Some(since + plan.down_ms),
            Phase::NotStarted | Phase::AwaitingRep | Phase::Done => None,
        }
    }

    pub(super) fn shifted(self, by: Ms) -> Phase {
        match self {
            Phase::GetReady { until } => Phase::GetReady { until: until + by },
            Phase::Lifting { since } => Phase::Lifting { since: since + by },
            Phase::Holding { since, until } => Phase::Holding {
                since: since + by,
                until: until + by,
            },
            Phase::Lowering { since } => Phase::Lowering { since: since + by },
            Phase::Transition { kind, until } => Phase::Transition {
                kind,
                until: until.map(|u| u + by),
            },
            other => other,
        }
    }

    /// Phases during which the user is doing reps.
    pub fn is_working(&self) -> bool {
        matches!(
            self,
            Phase::Lifting { .. }
                | Phase::Holding { .. }
                | Phase::Lowering { .. }
                | Phase::AwaitingRep
        )
    }
}
