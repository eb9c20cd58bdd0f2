//! What each event does to a session.

use super::*;

impl Session {
    // ----- events -----

    pub(super) fn start(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.phase != Phase::NotStarted {
            return;
        }
        self.started_at = Some(now);
        out.push(Command::KeepAwake(true));
        let first = first_included(&self.plan, 0);
        self.go_to_exercise(first, now, out);
    }

    pub(super) fn rep_done(&mut self, now: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn pause(&mut self, now: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn resume(&mut self, now: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn skip(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        self.reps = 0;
        let after = self.skip_rest_of_exercise(self.exercise, SkipReason::ByUser);
        let next = first_included(&self.plan, after);
        self.go_to_exercise(next, now, out);
    }

    pub(super) fn end(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        self.reps = 0;
        for exercise in self.exercise..self.plan.len() {
            self.skip_rest_of(exercise, SkipReason::ByUser);
        }
        self.finish(now, out);
    }

    pub(super) fn back(&mut self, now: Ms, out: &mut Vec<Command>) {
        if !self.is_active() {
            return;
        }
        // The previous exercise from its first set; from the first, this one again.
        let this_one = first_set(&self.plan, self.exercise);
        let previous = (0..this_one)
            .rev()
            .find(|&i| self.plan[i].skipped.is_none())
            .map_or(this_one, |i| first_set(&self.plan, i));
        // Everything from the exercise we go back to onwards is to be done again.
        for i in previous..self.plan.len() {
            if self.plan[i].skipped.is_none() {
                self.results[i] = [None, None];
            }
        }
        self.reps = 0;
        self.go_to_exercise(Some(previous), now, out);
    }

    pub(super) fn finish_leg_early(&mut self, now: Ms, out: &mut Vec<Command>) {
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

    pub(super) fn change_target(&mut self, target: u32, now: Ms, out: &mut Vec<Command>) {
        if self.phase == Phase::Done {
            return;
        }
        let plan = &self.plan[self.exercise];
        let target = target.clamp(plan.min, plan.max);
        if target == plan.target {
            return;
        }
        // Today's target: this set and the exercise's sets still to come.
        let id = plan.id.clone();
        for later in self.plan[self.exercise..]
            .iter_mut()
            .take_while(|p| p.id == id)
        {
            later.target = target;
        }
        if !self.is_paused() {
            self.settle_target(now, out);
        }
    }

    /// A target lowered to or below the reps done ends the leg before another rep begins (a
    /// rep at the top or on its way down is finished first).
    pub(super) fn settle_target(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.reps >= self.target()
            && matches!(self.phase, Phase::AwaitingRep | Phase::Lifting { .. })
        {
            self.next_rep_or_finish(now, out);
        }
    }

    pub(super) fn continue_now(&mut self, now: Ms, out: &mut Vec<Command>) {
        if self.is_paused() {
            return;
        }
        match self.phase {
            Phase::Transition { .. } => self.get_ready(now, out),
            Phase::GetReady { .. } => self.begin_work(now, out),
            _ => {}
        }
    }

    pub(super) fn set_mode(&mut self, mode: CountMode, now: Ms, out: &mut Vec<Command>) {
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
