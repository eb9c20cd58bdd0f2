//! The workout session as a state machine. It changes only through [`Session::apply`], with the
//! time passed in by the caller; it returns what the shell should do as [`Command`] values.
//!
//! Architecture invariant: no clock, no browser, no I/O in here. Every deadline is an absolute
//! timestamp, so a late or missing tick changes nothing: catching up replays each deadline at the
//! time it fell due.

mod advance;
mod events;
mod messages;
mod phase;
mod plan;

pub use messages::{Command, Cue, Event, Speech};
pub use phase::{Between, Phase};
pub use plan::{CountMode, Options, Outcome, PlannedExercise, SkipReason, estimate_ms};

use crate::core::routine::{Exercise, Routine};
use plan::{first_included, first_set, stroke_ms};
use serde::{Deserialize, Serialize};

/// Milliseconds on the caller's clock (epoch milliseconds in the app, so they survive a reload).
pub type Ms = u64;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Leg {
    Left,
    Right,
}

impl Leg {
    pub fn index(self) -> usize {
        match self {
            Leg::Left => 0,
            Leg::Right => 1,
        }
    }
}

/// A workout in progress, from start to summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub plan: Vec<PlannedExercise>,
    pub options: Options,
    pub exercise: usize,
    pub leg: Leg,
    /// Reps done on the current leg.
    pub reps: u32,
    pub phase: Phase,
    /// When the pause began; deadlines are shifted by its length on resume.
    pub paused_at: Option<Ms>,
    /// Per exercise, per leg (left, right).
    pub results: Vec<[Option<Outcome>; 2]>,
    pub started_at: Option<Ms>,
    pub finished_at: Option<Ms>,
    /// Total time spent paused, so the summary reports active time.
    pub paused_total: Ms,
    /// The time the state is current to: every deadline up to here has been applied.
    pub clock: Ms,
    /// How many of the user's own events have changed it. Of two copies of one session (two
    /// tabs), the one with more is the one the user acted on last, however far the other's clock
    /// has since run on by itself.
    #[serde(default)]
    pub user_events: u32,
}

impl Session {
    /// A session over the whole routine with each exercise's target from `target_for`.
    /// A session over the whole routine, as the user's version has it (their order, sets and
    /// exercises turned off), with each exercise's target from `target_for`.
    pub fn new(routine: &Routine, options: Options, target_for: impl Fn(&Exercise) -> u32) -> Self {
        let plan: Vec<PlannedExercise> = routine
            .exercises
            .iter()
            .flat_map(|exercise| {
                let pace = |s: f64| stroke_ms(s * options.pace_factor.clamp(0.25, 4.0));
                let (up_ms, down_ms) = match exercise.tempo {
                    Some(tempo) => (stroke_ms(tempo.up_s), stroke_ms(tempo.down_s)),
                    None => (
                        pace(routine.default_tempo.up_s),
                        pace(routine.default_tempo.down_s),
                    ),
                };
                let skipped = if exercise.off {
                    Some(SkipReason::Off)
                } else {
                    exercise
                        .equipment
                        .iter()
                        .find(|e| options.missing_equipment.contains(e))
                        .map(|e| SkipReason::NoEquipment(*e))
                };
                // An exercise left out is one entry, whatever its sets.
                let sets = if skipped.is_some() {
                    1
                } else {
                    exercise.sets.max(1)
                };
                let target = exercise.reps.clamp(target_for(exercise));
                (1..=sets).map(move |set| PlannedExercise {
                    id: exercise.id.clone(),
                    target,
                    min: exercise.reps.min,
                    max: exercise.reps.max,
                    per_leg: exercise.per_leg,
                    up_ms,
                    hold_ms: exercise.hold_s.map_or(0, |s| Ms::from(s) * 1000),
                    down_ms,
                    skipped: skipped.clone(),
                    set,
                    sets,
                })
            })
            .collect();
        let results = plan
            .iter()
            .map(|p| match &p.skipped {
                Some(reason) => [
                    Some(Outcome::Skipped(reason.clone())),
                    p.per_leg.then(|| Outcome::Skipped(reason.clone())),
                ],
                None => [None, None],
            })
            .collect();
        let exercise = first_included(&plan, 0).unwrap_or(0);
        Session {
            plan,
            options,
            exercise,
            leg: Leg::Left,
            reps: 0,
            phase: Phase::NotStarted,
            paused_at: None,
            results,
            started_at: None,
            finished_at: None,
            paused_total: 0,
            clock: 0,
            user_events: 0,
        }
    }

    /// A session read back from storage. One that was running is paused at the moment it was
    /// last saved: the user gets back into position and resumes with exactly the time that was
    /// left (a hold included).
    pub fn restored(mut self) -> Self {
        if self.is_active() && self.paused_at.is_none() {
            self.paused_at = Some(self.clock);
        }
        self
    }

    pub fn current(&self) -> &PlannedExercise {
        &self.plan[self.exercise]
    }

    pub fn target(&self) -> u32 {
        self.current().target
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    pub fn is_active(&self) -> bool {
        !matches!(self.phase, Phase::NotStarted | Phase::Done)
    }

    /// The time the display should use: frozen while paused.
    fn effective_now(&self, now: Ms) -> Ms {
        self.paused_at.unwrap_or(now.max(self.clock))
    }

    /// When the session changes next by itself (None while paused or waiting for the user).
    pub fn next_deadline(&self) -> Option<Ms> {
        if self.is_paused() {
            return None;
        }
        self.phase.deadline(self.current())
    }

    /// Milliseconds left in the current timed phase (get ready, hold, stroke, rest).
    pub fn remaining_ms(&self, now: Ms) -> Option<Ms> {
        let now = self.effective_now(now);
        self.phase
            .deadline(self.current())
            .map(|d| d.saturating_sub(now))
    }

    /// How far through the current timed phase, 0.0 to 1.0.
    pub fn phase_progress(&self, now: Ms) -> Option<f64> {
        let now = self.effective_now(now);
        let plan = self.current();
        let (start, end) = match self.phase {
            Phase::Lifting { since } => (since, since + plan.up_ms),
            Phase::Lowering { since } => (since, since + plan.down_ms),
            Phase::Holding { since, until } => (since, until),
            _ => return None,
        };
        let span = end.saturating_sub(start).max(1) as f64;
        Some((now.saturating_sub(start) as f64 / span).clamp(0.0, 1.0))
    }

    /// Active time: from start to now (or the finish), without pauses.
    pub fn elapsed_ms(&self, now: Ms) -> Ms {
        let Some(start) = self.started_at else {
            return 0;
        };
        let end = self.finished_at.unwrap_or(self.effective_now(now));
        end.saturating_sub(start).saturating_sub(self.paused_total)
    }

    /// The exercise and leg after the current one, if any.
    pub fn next_step(&self) -> Option<(usize, Leg)> {
        if self.leg == Leg::Left && self.current().per_leg {
            return Some((self.exercise, Leg::Right));
        }
        first_included(&self.plan, self.exercise + 1).map(|i| (i, Leg::Left))
    }

    /// Estimated length of the whole session as planned, in milliseconds.
    pub fn estimate_ms(&self) -> Ms {
        estimate_ms(&self.plan, &self.options)
    }

    /// The only way a session changes. `now` comes from the caller, never from a clock in here.
    pub fn apply(&mut self, event: Event, now: Ms) -> Vec<Command> {
        let mut out = Vec::new();
        let before = self.clone();
        // A clock that steps backwards is treated as standing still.
        let now = now.max(self.clock);
        if self.paused_at.is_none() {
            self.advance_to(now, &mut out);
        }
        self.clock = now;
        let by_user = event != Event::Tick;
        match event {
            Event::Tick => {}
            Event::Start => self.start(now, &mut out),
            Event::RepDone => self.rep_done(now, &mut out),
            Event::Pause => self.pause(now, &mut out),
            Event::Resume => self.resume(now, &mut out),
            Event::Skip => self.skip(now, &mut out),
            Event::Back => self.back(now, &mut out),
            Event::FinishLegEarly => self.finish_leg_early(now, &mut out),
            Event::ChangeTarget(target) => self.change_target(target, now, &mut out),
            Event::Continue => self.continue_now(now, &mut out),
            Event::SetMode(mode) => self.set_mode(mode, now, &mut out),
            Event::End => self.end(now, &mut out),
        }
        // A phase the event began may already be over (a countdown of zero).
        if self.paused_at.is_none() {
            self.advance_to(now, &mut out);
        }
        // Time passing is not worth a write; anything else that changed is.
        let changed = Session {
            clock: self.clock,
            ..before
        } != *self;
        if changed {
            if by_user {
                self.user_events += 1;
            }
            out.push(Command::Save);
        }
        out
    }
}
