//! What the screens show, as plain strings and numbers computed from the routine, the session and
//! the texts. Views call these and only place the results.

use crate::core::routine::{Exercise, Routine};
use crate::core::session::{
    Between, CountMode, Leg, Ms, Outcome, Phase, PlannedExercise, Session, SkipReason,
};
use crate::core::text::{Text, fill};

/// Whole minutes, rounded up, for "About 24 min".
pub fn minutes_rounded_up(ms: Ms) -> Ms {
    ms.div_ceil(60_000)
}

/// Seconds shown on a countdown: 4.2 s left reads "5", 0.0 s reads "0".
pub fn countdown_seconds(ms: Ms) -> Ms {
    ms.div_ceil(1000)
}

/// `x` rounded to `places` decimals, written with integer formatting only (float formatting
/// would pull some 10 KB of machinery into the wasm): decimal(1.25, 1) → "1.3".
pub fn decimal(x: f64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let scaled = (x * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, fraction) = (scaled.abs() / scale, scaled.abs() % scale);
    if places == 0 {
        return format!("{sign}{whole}");
    }
    format!("{sign}{whole}.{fraction:0width$}", width = places as usize)
}

/// One decimal at most, and none when it is 0, as float formatting would write a number rounded
/// to tenths: 2 → "2", 1.5 → "1.5".
pub fn tenths(s: f64) -> String {
    if s.fract() == 0.0 {
        decimal(s, 0)
    } else {
        decimal(s, 1)
    }
}

/// The detail line under an exercise on the home screen: reps, range, hold, tempo, equipment.
pub fn exercise_details(text: &Text, exercise: &Exercise, target: u32) -> Vec<String> {
    let ui = &text.ui;
    let mut parts = Vec::new();
    if exercise.sets > 1 {
        parts.push(fill(ui.sets_count, &[("n", &exercise.sets)]));
    }
    parts.push(fill(ui.reps, &[("n", &target)]));
    if exercise.reps.min != exercise.reps.max {
        parts.push(fill(
            ui.rep_range,
            &[("min", &exercise.reps.min), ("max", &exercise.reps.max)],
        ));
    }
    if exercise.per_leg {
        parts.push(ui.each_leg.to_owned());
    }
    if let Some(hold) = exercise.hold_s {
        parts.push(fill(ui.hold, &[("s", &hold)]));
    }
    if let Some(tempo) = exercise.tempo {
        parts.push(fill(
            ui.tempo,
            &[("up", &tenths(tempo.up_s)), ("down", &tenths(tempo.down_s))],
        ));
    }
    if !exercise.equipment.is_empty() {
        let items: Vec<&str> = exercise
            .equipment
            .iter()
            .map(|e| text.equipment(*e))
            .collect();
        parts.push(fill(ui.needs, &[("items", &items.join(", "))]));
    }
    parts
}

/// The big word for the phase: "Get ready", "Up", "Hold", "Switch legs", …
pub fn phase_label<'a>(text: &'a Text, session: &Session) -> &'a str {
    let ui = &text.ui;
    if session.is_paused() {
        return ui.paused;
    }
    match session.phase {
        Phase::NotStarted => ui.phase_not_started,
        Phase::GetReady { .. } => ui.phase_get_ready,
        Phase::Lifting { .. } => ui.phase_lifting,
        Phase::Holding { .. } => ui.phase_holding,
        Phase::Lowering { .. } => ui.phase_lowering,
        Phase::AwaitingRep => ui.phase_awaiting,
        Phase::Transition { until: None, .. } => ui.phase_waiting,
        Phase::Transition {
            kind: Between::SwitchLegs,
            ..
        } => ui.phase_switch_legs,
        Phase::Transition {
            kind: Between::NextSet,
            ..
        } => ui.phase_next_set,
        Phase::Transition {
            kind: Between::NextExercise,
            ..
        } => ui.phase_rest,
        Phase::Done => ui.phase_done,
    }
}

/// Whole seconds left on a countdown, for the phases that show one (not the strokes of a rep).
pub fn countdown(session: &Session, now: Ms) -> Option<Ms> {
    match session.phase {
        Phase::GetReady { .. } | Phase::Holding { .. } | Phase::Transition { .. } => {
            session.remaining_ms(now).map(countdown_seconds)
        }
        _ => None,
    }
}

/// The pacer's count within a stroke: "Up… 1", "Up… 2" for a two-second lift.
pub fn stroke_count(session: &Session, now: Ms) -> Option<u32> {
    let plan = session.current();
    let stroke_ms = match session.phase {
        Phase::Lifting { .. } => plan.up_ms,
        Phase::Lowering { .. } => plan.down_ms,
        _ => return None,
    };
    let progress = session.phase_progress(now)?;
    let counts = stroke_ms.div_ceil(1000).max(1);
    let elapsed_s = (progress * stroke_ms as f64 / 1000.0).floor() as Ms;
    Some((elapsed_s + 1).min(counts) as u32)
}

/// "7 / 20".
pub fn rep_count(text: &Text, session: &Session) -> String {
    fill(
        text.ui.rep_count,
        &[("reps", &session.reps), ("target", &session.target())],
    )
}

/// Where the session's current exercise is among those it does: (n, total), from 1.
pub fn exercise_position(session: &Session) -> (usize, usize) {
    let mut done: Vec<&str> = Vec::new();
    let mut n = 0;
    for (i, p) in session.plan.iter().enumerate() {
        if p.skipped.is_none() && !done.contains(&p.id.as_str()) {
            done.push(&p.id);
        }
        if i == session.exercise {
            n = done.len();
        }
    }
    (n.max(1), done.len().max(1))
}

/// "Set 2 of 3" for an exercise done in sets; nothing for one set.
pub fn set_of(text: &Text, session: &Session) -> Option<String> {
    let plan = session.current();
    (plan.sets > 1).then(|| fill(text.ui.set_of, &[("set", &plan.set), ("sets", &plan.sets)]))
}

/// The place in `routine` of the session's current exercise (the plan has an entry per set).
pub fn current_in_routine(routine: &Routine, session: &Session) -> usize {
    let id = &session.current().id;
    routine
        .exercises
        .iter()
        .position(|e| &e.id == id)
        .unwrap_or(0)
}

/// The name of the exercise at `entry` of a session's plan, in `routine`'s words.
pub fn planned_name<'a>(routine: &'a Routine, plan: &[PlannedExercise], entry: usize) -> &'a str {
    plan.get(entry)
        .and_then(|p| routine.exercise(&p.id))
        .map_or("", |e| e.name.as_str())
}

/// "Next: Clams, RIGHT" or the last-exercise note.
pub fn next_up(text: &Text, routine: &Routine, session: &Session) -> String {
    match session.next_step() {
        Some((exercise, leg)) => fill(
            text.ui.next,
            &[
                ("exercise", &planned_name(routine, &session.plan, exercise)),
                ("leg", &text.leg(leg)),
            ],
        ),
        None => text.ui.next_last.to_owned(),
    }
}

/// A leg's result in the summary: "20", "7 of 15", "skipped: no theraband".
pub fn outcome(text: &Text, outcome: Option<&Outcome>) -> String {
    let ui = &text.ui;
    match outcome {
        None => "–".to_owned(),
        Some(Outcome::Completed { reps, .. }) => fill(ui.outcome_completed, &[("reps", reps)]),
        Some(Outcome::EndedEarly { reps, target }) => fill(
            ui.outcome_ended_early,
            &[("reps", reps), ("target", target)],
        ),
        Some(Outcome::Skipped(SkipReason::ByUser)) => ui.outcome_skipped.to_owned(),
        Some(Outcome::Skipped(SkipReason::NoEquipment(item))) => {
            fill(ui.outcome_no_equipment, &[("item", &text.equipment(*item))])
        }
        Some(Outcome::Skipped(SkipReason::Off)) => ui.off_in_my_routine.to_owned(),
    }
}

/// "Time: 24 min 10 s".
pub fn duration(text: &Text, ms: Ms) -> String {
    let total_s = ms / 1000;
    fill(
        text.ui.summary_time,
        &[("minutes", &(total_s / 60)), ("seconds", &(total_s % 60))],
    )
}

/// The CSS class naming the leg, for its colour and side.
pub fn leg_class(leg: Leg) -> &'static str {
    match leg {
        Leg::Left => "leg-left",
        Leg::Right => "leg-right",
    }
}

/// The CSS/data name of the phase, for styling and tests.
pub fn phase_name(phase: &Phase) -> &'static str {
    match phase {
        Phase::NotStarted => "not-started",
        Phase::GetReady { .. } => "get-ready",
        Phase::Lifting { .. } => "lifting",
        Phase::Holding { .. } => "holding",
        Phase::Lowering { .. } => "lowering",
        Phase::AwaitingRep => "awaiting-rep",
        Phase::Transition { .. } => "transition",
        Phase::Done => "done",
    }
}

pub fn mode_label(text: &Text, mode: CountMode) -> &str {
    match mode {
        CountMode::Guided => text.ui.mode_guided,
        CountMode::Tap => text.ui.mode_tap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::session::{Event, Options};

    fn fixtures() -> (Text, Routine) {
        (Text::bundled().clone(), Routine::bundled())
    }

    #[test]
    fn decimals_round_like_float_formatting() {
        assert_eq!(decimal(1.25, 1), "1.3");
        assert_eq!(decimal(0.0, 2), "0.00");
        assert_eq!(decimal(0.5, 2), "0.50");
        assert_eq!(decimal(282.743, 1), "282.7");
        assert_eq!(decimal(-3.04, 1), "-3.0");
        assert_eq!(decimal(7.0, 0), "7");
    }

    #[test]
    fn rounds_time_up_for_people() {
        assert_eq!(minutes_rounded_up(0), 0);
        assert_eq!(minutes_rounded_up(60_000), 1);
        assert_eq!(minutes_rounded_up(60_001), 2);
        assert_eq!(countdown_seconds(4_200), 5);
        assert_eq!(countdown_seconds(5_000), 5);
        assert_eq!(countdown_seconds(0), 0);
    }

    #[test]
    fn details_name_reps_range_hold_tempo_and_equipment() {
        let (text, routine) = fixtures();
        let clams = routine.exercise("clams").unwrap();
        assert_eq!(
            exercise_details(&text, clams, 20),
            ["20 reps", "each leg", "hold 10 s at the top"]
        );
        let abductor = routine.exercise("standing-hip-abductor").unwrap();
        assert_eq!(
            exercise_details(&text, abductor, 10),
            [
                "10 reps",
                "10–15",
                "each leg",
                "up 2 s · down 2 s",
                "needs theraband"
            ]
        );
    }

    #[test]
    fn player_texts_follow_the_session() {
        let (text, routine) = fixtures();
        let mut session = Session::new(&routine, Options::default(), |e| e.reps.default);
        session.apply(Event::Start, 0);
        assert_eq!(phase_label(&text, &session), "Get ready");
        assert_eq!(countdown(&session, 1_200), Some(4));
        assert_eq!(rep_count(&text, &session), "0 / 20");
        assert_eq!(next_up(&text, &routine, &session), "Next: Clams, RIGHT");
        session.apply(Event::Pause, 2_000);
        assert_eq!(phase_label(&text, &session), "Paused");
        assert_eq!(countdown(&session, 60_000), Some(3), "frozen while paused");
    }

    #[test]
    fn the_pacer_counts_seconds_within_a_stroke() {
        let (_, routine) = fixtures();
        let options = Options {
            get_ready_ms: 0,
            ..Options::default()
        };
        let mut session = Session::new(&routine, options, |e| e.reps.default);
        session.apply(Event::Start, 0);
        for _ in 0..7 {
            session.apply(Event::Skip, 0);
        }
        // Standing hip flexor: up to a count of two, down to a count of two.
        assert_eq!(stroke_count(&session, 0), Some(1));
        assert_eq!(stroke_count(&session, 999), Some(1));
        assert_eq!(stroke_count(&session, 1_000), Some(2));
        session.apply(Event::Tick, 2_500);
        assert!(matches!(session.phase, Phase::Lowering { .. }));
        assert_eq!(stroke_count(&session, 2_500), Some(1));
        assert_eq!(stroke_count(&session, 3_900), Some(2));
    }

    #[test]
    fn outcomes_read_plainly() {
        let (text, _) = fixtures();
        use crate::core::routine::Equipment;
        assert_eq!(
            outcome(
                &text,
                Some(&Outcome::EndedEarly {
                    reps: 7,
                    target: 15
                })
            ),
            "7 of 15"
        );
        assert_eq!(
            outcome(
                &text,
                Some(&Outcome::Skipped(SkipReason::NoEquipment(Equipment::Step)))
            ),
            "skipped: no step"
        );
        assert_eq!(duration(&text, 1_450_000), "Time: 24 min 10 s");
    }
}
