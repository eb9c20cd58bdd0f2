//! Time moving a session on: deadlines reached, the rep cycle, legs and exercises ending.

use super::*;

impl Session {
    // ----- time -----

    /// Applies every deadline up to `now`, each at the time it fell due.
    pub(super) fn advance_to(&mut self, now: Ms, out: &mut Vec<Command>) {
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
    pub(super) fn countdown_marks(&self, upto: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn on_deadline(&mut self, at: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn begin_work(&mut self, at: Ms, out: &mut Vec<Command>) {
        out.push(Command::Cue { cue: Cue::Go, at });
        out.push(Command::Say {
            speech: Speech::Go,
            at,
        });
        self.next_rep_or_finish(at, out);
    }

    /// After a rep reached the top: hold if the exercise has one, else lower (guided) or wait.
    pub(super) fn after_top(&mut self, at: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn lower(&mut self, at: Ms, out: &mut Vec<Command>) {
        self.phase = Phase::Lowering { since: at };
        out.push(Command::Cue { cue: Cue::Down, at });
    }

    /// Starts the next rep, or ends the leg when the target is reached.
    pub(super) fn next_rep_or_finish(&mut self, at: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn end_leg(&mut self, outcome: Outcome, at: Ms, out: &mut Vec<Command>) {
        self.results[self.exercise][self.leg.index()] = Some(outcome);
        self.reps = 0;
        match self.next_step() {
            Some((exercise, leg)) => {
                let kind = if exercise == self.exercise {
                    Between::SwitchLegs
                } else if self.plan[exercise].id == self.current().id {
                    Between::NextSet
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

    pub(super) fn transition(&mut self, kind: Between, at: Ms, out: &mut Vec<Command>) {
        let rest = match kind {
            Between::SwitchLegs => self.options.rest_between_legs_ms,
            Between::NextSet => self.options.rest_between_sets_ms,
            Between::NextExercise => self.options.rest_between_exercises_ms,
        };
        let (cue, speech) = match kind {
            Between::SwitchLegs => (Cue::SwitchLegs, Speech::SwitchTo(self.leg)),
            Between::NextSet | Between::NextExercise => (Cue::ExerciseDone, Speech::Rest),
        };
        out.push(Command::Cue { cue, at });
        out.push(Command::Say { speech, at });
        let until = (!self.options.wait_for_me).then_some(at + rest);
        self.phase = Phase::Transition { kind, until };
    }

    pub(super) fn get_ready(&mut self, at: Ms, out: &mut Vec<Command>) {
        self.reps = 0;
        self.phase = Phase::GetReady {
            until: at + self.options.get_ready_ms,
        };
        out.push(Command::Say {
            speech: Speech::Intro {
                exercise: self.exercise,
                leg: self.leg,
                target: self.target(),
                set: self.current().set,
                sets: self.current().sets,
            },
            at,
        });
    }

    pub(super) fn finish(&mut self, at: Ms, out: &mut Vec<Command>) {
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
    pub(super) fn skip_rest_of(&mut self, exercise: usize, reason: SkipReason) {
        let per_leg = self.plan[exercise].per_leg;
        for (i, slot) in self.results[exercise].iter_mut().enumerate() {
            if slot.is_none() && (i == 0 || per_leg) {
                *slot = Some(Outcome::Skipped(reason.clone()));
            }
        }
    }

    /// Marks every leg of the exercise at `entry`, from that set on, as skipped; the entry after
    /// its last set.
    pub(super) fn skip_rest_of_exercise(&mut self, entry: usize, reason: SkipReason) -> usize {
        let id = self.plan[entry].id.clone();
        let mut next = entry;
        while next < self.plan.len() && self.plan[next].id == id {
            self.skip_rest_of(next, reason.clone());
            next += 1;
        }
        next
    }

    /// Moves to the first leg of `exercise` and starts its countdown (or finishes).
    pub(super) fn go_to_exercise(
        &mut self,
        exercise: Option<usize>,
        now: Ms,
        out: &mut Vec<Command>,
    ) {
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
}
