//! What goes into a session (events) and what comes out of it (sounds, words, commands).

use super::CountMode;
use super::{Leg, Ms};
use serde::{Deserialize, Serialize};

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
    /// "Set 2 of 3. Right leg. Clams. Twenty reps." `exercise` is the entry in the plan.
    Intro {
        exercise: usize,
        leg: Leg,
        target: u32,
        set: u32,
        sets: u32,
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
