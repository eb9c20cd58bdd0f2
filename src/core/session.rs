//! The workout session as a state machine. It changes only through [`Session::apply`], with the
//! time passed in by the caller; it returns what the shell should do as [`Command`] values.
//!
//! Architecture invariant: no clock, no browser, no I/O in here. Every deadline is an absolute
//! timestamp, so a late or missing tick changes nothing: catching up replays each deadline at the
//! time it fell due.

use crate::core::routine::{Equipment, Exercise, Routine};
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

/// One exercise as this session does it: the routine's figures plus today's choices.
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
}

impl PlannedExercise {
    fn legs(&self) -> &'static [Leg] {
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

/// What sits between two legs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Between {
    SwitchLegs,
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
    fn deadline(&self, plan: &PlannedExercise) -> Option<Ms> {
        match *self {
            Phase::GetReady { until } | Phase::Holding { until, .. } => Some(until),
            Phase::Transition { until, .. } => until,
            Phase::Lifting { since } => Some(since + plan.up_ms),
            Phase::Lowering { since } => Some(since + plan.down_ms),
            Phase::NotStarted | Phase::AwaitingRep | Phase::Done => None,
        }
    }

    fn shifted(self, by: Ms) -> Phase {
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

/// What the user (or the clock) did.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    Start,
    /// A tap on the rep target (or Space/Enter).
    RepDone,
    /// Time passed; nothing else happened.
    Tick,
    Pause,
    Resume,
    /// Leave the rest of this exercise and go to the next.
    Skip,
    /// Go back to the previous exercise (or restart the first).
    Back,
    /// Record the reps done on this leg and move on.
    FinishLegEarly,
    /// Today's target for the current exercise, clamped to its range.
    ChangeTarget(u32),
    /// Start the next leg now (after a wait, a rest or during get ready).
    Continue,
    SetMode(CountMode),
    /// End the session now; what is not done is recorded as skipped.
    End,
}

/// Short sounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cue {
    /// Start of a lift (guided pacer).
    Up,
    /// Start of a lowering (guided pacer).
    Down,
    Rep,
    HoldStart,
    HoldEnd,
    /// One of the last three seconds of a countdown.
    CountdownTick,
    Go,
    SwitchLegs,
    ExerciseDone,
    RoutineDone,
}

/// Spoken cues; their words come from the text data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Speech {
    /// "Right leg. Clams. Twenty reps."
    Intro {
        exercise: usize,
        leg: Leg,
        target: u32,
    },
    Go,
    Hold,
    /// "three", "two", "one" before a hold ends.
    HoldCount(u32),
    Halfway,
    ToGo(u32),
    LastOne,
    SwitchTo(Leg),
    Rest,
    Paused,
    Resumed,
    RoutineDone,
}

/// What the shell should do after an event.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Play a sound; `at` is when it fell due (may be earlier than now after a late tick).
    Cue {
        cue: Cue,
        at: Ms,
    },
    Say {
        speech: Speech,
        at: Ms,
    },
    /// Keep the screen on (or let it sleep).
    KeepAwake(bool),
    /// The state changed: persist it.
    Save,
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
}

/// Time of one stroke of a rep, from seconds.
fn stroke_ms(seconds: f64) -> Ms {
    (seconds * 1000.0).round().max(1.0) as Ms
}

impl Session {
    /// A session over the whole routine with each exercise's target from `target_for`.
    pub fn new(routine: &Routine, options: Options, target_for: impl Fn(&Exercise) -> u32) -> Self {
        let plan: Vec<PlannedExercise> = routine
            .exercises
            .iter()
            .map(|exercise| {
                let pace = |s: f64| stroke_ms(s * options.pace_factor.clamp(0.25, 4.0));
                let (up_ms, down_ms) = match exercise.tempo {
                    Some(tempo) => (stroke_ms(tempo.up_s), stroke_ms(tempo.down_s)),
                    None => (
                        pace(routine.default_tempo.up_s),
                        pace(routine.default_tempo.down_s),
                    ),
                };
                PlannedExercise {
                    id: exercise.id.clone(),
                    target: exercise.reps.clamp(target_for(exercise)),
                    min: exercise.reps.min,
                    max: exercise.reps.max,
                    per_leg: exercise.per_leg,
                    up_ms,
                    hold_ms: exercise.hold_s.map_or(0, |s| Ms::from(s) * 1000),
                    down_ms,
                    skipped: exercise
                        .equipment
                        .iter()
                        .find(|e| options.missing_equipment.contains(e))
                        .map(|e| SkipReason::NoEquipment(*e)),
                }
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
            out.push(Command::Save);
        }
        out
    }

    // ----- time -----

    /// Applies every deadline up to `now`, each at the time it fell due.
    fn advance_to(&mut self, now: Ms, out: &mut Vec<Command>) {
        loop {
            let deadline = self.phase.deadline(self.current());
            let reached = match deadline {
                Some(d) if d <= now => d,
                _ => {
                    self.countdown_marks(now, out);
                    return;
                }
            };
            self.countdown_marks(reached, out);
            self.clock = reached;
            self.on_deadline(reached, out);
        }
    }

    /// Sounds and counts for the last three seconds of a countdown, crossed between the
    /// state's clock (exclusive) and `upto`. The clock is never before the phase's start.
    fn countdown_marks(&self, upto: Ms, out: &mut Vec<Command>) {
        let (until, is_hold) = match self.phase {
            Phase::GetReady { until }
            | Phase::Transition {
                until: Some(until), ..
            } => (until, false),
            Phase::Holding { until, .. } => (until, true),
            _ => return,
        };
        for seconds_left in (1..=3u32).rev() {
            let mark = until.saturating_sub(Ms::from(seconds_left) * 1000);
            if mark > self.clock && mark <= upto {
                out.push(Command::Cue {
                    cue: Cue::CountdownTick,
                    at: mark,
                });
                if is_hold {
                    out.push(Command::Say {
                        speech: Speech::HoldCount(seconds_left),
                        at: mark,
                    });
                }
            }
        }
    }

    fn on_deadline(&mut self, at: Ms, out: &mut Vec<Command>) {
        match self.phase {
            Phase::GetReady { .. } => self.begin_work(at, out),
            Phase::Lifting { .. } => {
                self.reps += 1;
                out.push(Command::Cue { cue: Cue::Rep, at });
                self.after_top(at, out);
            }
            Phase::Holding { .. } => {
                out.push(Command::Cue {
                    cue: Cue::HoldEnd,
                    at,
                });
                match self.options.mode {
                    CountMode::Guided => self.lower(at, out),
                    CountMode::Tap => self.next_rep_or_finish(at, out),
                }
            }
            Phase::Lowering { .. } => self.next_rep_or_finish(at, out),
            Phase::Transition { .. } => self.get_ready(at, out),
            Phase::NotStarted | Phase::AwaitingRep | Phase::Done => {}
        }
    }

    // ----- the rep cycle -----

    fn begin_work(&mut self, at: Ms, out: &mut Vec<Command>) {
        out.push(Command::Cue { cue: Cue::Go, at });
        out.push(Command::Say {
            speech: Speech::Go,
            at,
        });
        self.next_rep_or_finish(at, out);
    }

    /// After a rep reached the top: hold if the exercise has one, else lower (guided) or wait.
    fn after_top(&mut self, at: Ms, out: &mut Vec<Command>) {
        let hold_ms = self.current().hold_ms;
        if hold_ms > 0 {
            self.phase = Phase::Holding {
                since: at,
                until: at + hold_ms,
            };
            out.push(Command::Cue {
                cue: Cue::HoldStart,
                at,
            });
            out.push(Command::Say {
                speech: Speech::Hold,
                at,
            });
        } else {
            match self.options.mode {
                CountMode::Guided => self.lower(at, out),
                CountMode::Tap => self.next_rep_or_finish(at, out),
            }
        }
    }

    fn lower(&mut self, at: Ms, out: &mut Vec<Command>) {
        self.phase = Phase::Lowering { since: at };
        out.push(Command::Cue { cue: Cue::Down, at });
    }

    /// Starts the next rep, or ends the leg when the target is reached.
    fn next_rep_or_finish(&mut self, at: Ms, out: &mut Vec<Command>) {
        let target = self.target();
        if self.reps >= target {
            let outcome = Outcome::Completed {
                reps: self.reps,
                target,
            };
            self.end_leg(outcome, at, out);
            return;
        }
        let left_after_this = target - self.reps;
        let progress = if left_after_this == 1 && target > 1 {
            Some(Speech::LastOne)
        } else if left_after_this == 5 && target > 10 {
            Some(Speech::ToGo(5))
        } else if target >= 10 && self.reps == target / 2 && self.reps > 0 {
            Some(Speech::Halfway)
        } else {
            None
        };
        if let Some(speech) = progress {
            out.push(Command::Say { speech, at });
        }
        match self.options.mode {
            CountMode::Guided => {
                self.phase = Phase::Lifting { since: at };
                out.push(Command::Cue { cue: Cue::Up, at });
            }
            CountMode::Tap => self.phase = Phase::AwaitingRep,
        }
    }

    // ----- legs and exercises -----

    fn end_leg(&mut self, outcome: Outcome, at: Ms, out: &mut Vec<Command>) {
        self.results[self.exercise][self.leg.index()] = Some(outcome);
        self.reps = 0;
        match self.next_step() {
            Some((exercise, leg)) => {
                let kind = if exercise == self.exercise {
                    Between::SwitchLegs
                } else {
                    Between::NextExercise
                };
                self.exercise = exercise;
                self.leg = leg;
                self.transition(kind, at, out);
            }
            None => self.finish(at, out),
        }
    }

    fn transition(&mut self, kind: Between, at: Ms, out: &mut Vec<Command>) {
        let rest = match kind {
            Between::SwitchLegs => self.options.rest_between_legs_ms,
            Between::NextExercise => self.options.rest_between_exercises_ms,
        };
        let (cue, speech) = match kind {
            Between::SwitchLegs => (Cue::SwitchLegs, Speech::SwitchTo(self.leg)),
            Between::NextExercise => (Cue::ExerciseDone, Speech::Rest),
        };
        out.push(Command::Cue { cue, at });
        out.push(Command::Say { speech, at });
        let until = (!self.options.wait_for_me).then_some(at + rest);
        self.phase = Phase::Transition { kind, until };
    }

    fn get_ready(&mut self, at: Ms, out: &mut Vec<Command>) {
        self.reps = 0;
        self.phase = Phase::GetReady {
            until: at + self.options.get_ready_ms,
        };
        out.push(Command::Say {
            speech: Speech::Intro {
                exercise: self.exercise,
                leg: self.leg,
                target: self.target(),
            },
            at,
        });
    }

    fn finish(&mut self, at: Ms, out: &mut Vec<Command>) {
        self.phase = Phase::Done;
        self.finished_at = Some(at);
        if let Some(paused_at) = self.paused_at.take() {
            self.paused_total += at.saturating_sub(paused_at);
        }
        out.push(Command::Cue {
            cue: Cue::RoutineDone,
            at,
        });
        out.push(Command::Say {
            speech: Speech::RoutineDone,
            at,
        });
        out.push(Command::KeepAwake(false));
    }

    /// Marks every leg of `exercise` that has no outcome yet as skipped.
    fn skip_rest_of(&mut self, exercise: usize, reason: SkipReason) {
        let per_leg = self.plan[exercise].per_leg;
        for (i, slot) in self.results[exercise].iter_mut().enumerate() {
            if slot.is_none() && (i == 0 || per_leg) {
                *slot = Some(Outcome::Skipped(reason.clone()));
            }
        }
    }

    /// Moves to the first leg of `exercise` and starts its countdown (or finishes).
    fn go_to_exercise(&mut self, exercise: Option<usize>, now: Ms, out: &mut Vec<Command>) {
        if let Some(paused_at) = self.paused_at {
            // The new phase starts now: a pause that goes on is counted from here.
            self.paused_total += now.saturating_sub(paused_at);
            self.paused_at = Some(now);
        }
        match exercise {
            Some(exercise) => {
                self.exercise = exercise;
                self.leg = Leg::Left;
                self.get_ready(now, out);
            }
            None => self.finish(now, out),
        }
    }

    // ----- events -----

    fn start(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.phase != Phase::NotStarted {
            return;
        }
        self.started_at = Some(now);
        out.push(Command::KeepAwake(true));
        let first = first_included(&self.plan, 0);
        self.go_to_exercise(first, now, out);
    }

    fn rep_done(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.is_paused() {
            return;
        }
        match self.phase {
            Phase::AwaitingRep => {
                self.reps += 1;
                out.push(Command::Cue {
                    cue: Cue::Rep,
                    at: now,
                });
                self.after_top(now, out);
            }
            // The whole screen is the tap target: between legs it means "go on".
            Phase::Transition { until: None, .. } => self.continue_now(now, out),
            _ => {}
        }
    }

    fn pause(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() || self.is_paused() {
            return;
        }
        self.paused_at = Some(now);
        out.push(Command::KeepAwake(false));
        out.push(Command::Say {
            speech: Speech::Paused,
            at: now,
        });
    }

    fn resume(&mut self, now: Ms, out: &mut Vec<Command>) {
        let Some(paused_at) = self.paused_at.take() else {
            return;
        };
        let paused_for = now.saturating_sub(paused_at);
        self.paused_total += paused_for;
        self.phase = self.phase.shifted(paused_for);
        out.push(Command::KeepAwake(true));
        out.push(Command::Say {
            speech: Speech::Resumed,
            at: now,
        });
        self.settle_target(now, out);
    }

    fn skip(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        self.reps = 0;
        self.skip_rest_of(self.exercise, SkipReason::ByUser);
        let next = first_included(&self.plan, self.exercise + 1);
        self.go_to_exercise(next, now, out);
    }

    fn end(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        self.reps = 0;
        for exercise in self.exercise..self.plan.len() {
            self.skip_rest_of(exercise, SkipReason::ByUser);
        }
        self.finish(now, out);
    }

    fn back(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        let previous = (0..self.exercise)
            .rev()
            .find(|&i| self.plan[i].skipped.is_none())
            .unwrap_or(self.exercise);
        // Everything from the exercise we go back to onwards is to be done again.
        for i in previous..self.plan.len() {
            if self.plan[i].skipped.is_none() {
                self.results[i] = [None, None];
            }
        }
        self.reps = 0;
        self.go_to_exercise(Some(previous), now, out);
    }

    fn finish_leg_early(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active()
            || self.is_paused()
            || !(self.phase.is_working() || matches!(self.phase, Phase::GetReady { .. }))
        {
            return;
        }
        let target = self.target();
        let outcome = if self.reps >= target {
            Outcome::Completed {
                reps: self.reps,
                target,
            }
        } else {
            Outcome::EndedEarly {
                reps: self.reps,
                target,
            }
        };
        self.end_leg(outcome, now, out);
    }

    fn change_target(&mut self, target: u32, now: Ms, out: &mut Vec<Command>) {
        if self.phase == Phase::Done {
            return;
        }
        let plan = &mut self.plan[self.exercise];
        let target = target.clamp(plan.min, plan.max);
        if target == plan.target {
            return;
        }
        plan.target = target;
        if !self.is_paused() {
            self.settle_target(now, out);
        }
    }

    /// A target lowered to or below the reps done ends the leg before another rep begins (a
    /// rep at the top or on its way down is finished first).
    fn settle_target(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.reps >= self.target()
            && matches!(self.phase, Phase::AwaitingRep | Phase::Lifting { .. })
        {
            self.next_rep_or_finish(now, out);
        }
    }

    fn continue_now(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.is_paused() {
            return;
        }
        match self.phase {
            Phase::Transition { .. } => self.get_ready(now, out),
            Phase::GetReady { .. } => self.begin_work(now, out),
            _ => {}
        }
    }

    fn set_mode(&mut self, mode: CountMode, now: Ms, out: &mut Vec<Command>) {
        if self.options.mode == mode {
            return;
        }
        self.options.mode = mode;
        if self.is_paused() {
            // Resume picks up in the new mode from a waiting or lifting start.
            self.phase = match (mode, self.phase) {
                (CountMode::Tap, Phase::Lifting { .. } | Phase::Lowering { .. }) => {
                    Phase::AwaitingRep
                }
                (CountMode::Guided, Phase::AwaitingRep) => Phase::Lifting {
                    since: self.paused_at.unwrap_or(now),
                },
                (_, phase) => phase,
            };
            return;
        }
        match (mode, self.phase) {
            (CountMode::Tap, Phase::Lifting { .. } | Phase::Lowering { .. })
            | (CountMode::Guided, Phase::AwaitingRep) => self.next_rep_or_finish(now, out),
            _ => {}
        }
    }
}

/// The first exercise at or after `from` that is not skipped before the start.
fn first_included(plan: &[PlannedExercise], from: usize) -> Option<usize> {
    (from..plan.len()).find(|&i| plan[i].skipped.is_none())
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
    let exercise_gaps = (included.len() as Ms).saturating_sub(1);
    legs * options.get_ready_ms
        + work
        + switches * options.rest_between_legs_ms
        + exercise_gaps * options.rest_between_exercises_ms
}
