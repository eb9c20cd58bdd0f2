//! The user's version of the routine: its changes laid over the routine as written, the session
//! it makes (sets, order, exercises off), what a session of it records, progression, and the
//! file that carries it.

use bia::core::my_routine::MyRoutine;
use bia::core::progress::{
    History, ImportError, Keep, LegOutcome, SessionRecord, earned_target, export_json, parse_import,
};
use bia::core::reminder::Schedule;
use bia::core::routine::{Routine, Tempo};
use bia::core::session::{
    Between, Command, Event, Leg, Ms, Options, Outcome, Phase, Session, SkipReason, Speech,
};
use serde_json::{Value, json};

fn routine() -> Routine {
    Routine::bundled()
}

/// A physio's version: hip hikes off, three sets of clams, the theraband balance held 5 s, the
/// kicks after the whips.
fn physio_version(routine: &Routine) -> MyRoutine {
    let mut mine = MyRoutine::default();
    mine.set_off("hip-hikes", true);
    mine.set_sets(routine, "clams", 3);
    mine.set_hold(routine, "theraband-balance", 5);
    mine.move_by(routine, "donkey-kicks", 1);
    mine
}

fn ids(routine: &Routine) -> Vec<&str> {
    routine.exercises.iter().map(|e| e.id.as_str()).collect()
}

fn session_of(mine: &MyRoutine, options: Options) -> Session {
    let routine = mine.applied_to(&routine());
    Session::new(&routine, options, |e| e.reps.default)
}

/// Runs a guided session with no input to the end, a tick every 250 ms; every command.
fn run_to_the_end(session: &mut Session, start: Ms) -> (Vec<Command>, Ms) {
    let mut commands = session.apply(Event::Start, start);
    let mut t = start;
    while session.phase != Phase::Done {
        t += 250;
        commands.extend(session.apply(Event::Tick, t));
        assert!(t < start + 24 * 3_600_000, "the session never finished");
    }
    (commands, t)
}

#[test]
fn the_physio_version_reorders_sets_holds_and_turns_off() {
    let written = routine();
    let mine = physio_version(&written).applied_to(&written);
    let order = ids(&mine);
    let kicks = order.iter().position(|&id| id == "donkey-kicks").unwrap();
    assert_eq!(
        order[kicks - 1],
        "donkey-whips",
        "the kicks come after the whips"
    );
    assert_eq!(order.len(), written.exercises.len(), "nothing is dropped");
    let clams = mine.exercise("clams").unwrap();
    assert_eq!((clams.sets, clams.hold_s), (3, Some(10)));
    assert_eq!(mine.exercise("theraband-balance").unwrap().hold_s, Some(5));
    assert!(mine.exercise("hip-hikes").unwrap().off);
    // The routine as written is untouched.
    assert_eq!(written, Routine::bundled());
    assert!(written.exercises.iter().all(|e| e.sets == 1 && !e.off));
}

#[test]
fn a_session_runs_every_exercise_set_and_leg_in_the_users_order() {
    let written = routine();
    let mine = physio_version(&written);
    let options = Options {
        rest_between_sets_ms: 20_000,
        ..Options::default()
    };
    let mut session = session_of(&mine, options);
    let estimate = session.estimate_ms();
    let (commands, end) = run_to_the_end(&mut session, 1_000);

    // Every (exercise, set, leg) announced, in order.
    let intros: Vec<(String, u32, u32, Leg)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Say {
                speech:
                    Speech::Intro {
                        exercise,
                        leg,
                        set,
                        sets,
                        ..
                    },
                ..
            } => Some((session.plan[*exercise].id.clone(), *set, *sets, *leg)),
            _ => None,
        })
        .collect();
    let adapted = mine.applied_to(&written);
    let mut expected = Vec::new();
    for exercise in adapted.exercises.iter().filter(|e| !e.off) {
        for set in 1..=exercise.sets {
            for leg in [Leg::Left, Leg::Right] {
                expected.push((exercise.id.clone(), set, exercise.sets, leg));
            }
        }
    }
    assert_eq!(intros, expected);
    assert!(intros.iter().all(|(id, ..)| id != "hip-hikes"));

    // Between the sets of clams, the rest between sets, announced as a rest.
    let rests: Vec<Between> = session
        .plan
        .windows(2)
        .filter(|pair| pair[0].skipped.is_none() && pair[1].skipped.is_none())
        .map(|pair| {
            if pair[0].id == pair[1].id {
                Between::NextSet
            } else {
                Between::NextExercise
            }
        })
        .collect();
    assert_eq!(
        rests.iter().filter(|&&r| r == Between::NextSet).count(),
        2,
        "three sets, two rests between them"
    );

    // The estimate is the run.
    assert_eq!(session.elapsed_ms(end), estimate);
    let with_shorter_rests = session_of(
        &mine,
        Options {
            rest_between_sets_ms: 5_000,
            ..Options::default()
        },
    );
    assert_eq!(estimate - with_shorter_rests.estimate_ms(), 2 * 15_000);

    // The record says what was done: three sets of clams, hip hikes off.
    let record = SessionRecord::from_session(&session, end).unwrap();
    let clams = record.exercise("clams").unwrap();
    assert_eq!(clams.more_sets.len(), 2);
    assert!(
        clams
            .legs()
            .all(|l| l.outcome == LegOutcome::Completed && l.reps == 20)
    );
    assert_eq!(clams.legs().count(), 6);
    let hikes = record.exercise("hip-hikes").unwrap();
    assert!(hikes.legs().all(|l| l.outcome == LegOutcome::Off));
    assert_eq!(
        record
            .exercises
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>(),
        ids(&adapted),
        "recorded in the order done"
    );
}

#[test]
fn the_rest_between_sets_is_its_own_phase_and_speaks_the_set() {
    let written = routine();
    let mut mine = MyRoutine::default();
    mine.set_sets(&written, "clams", 2);
    let options = Options {
        get_ready_ms: 0,
        rest_between_legs_ms: 0,
        rest_between_sets_ms: 30_000,
        ..Options::default()
    };
    let mut session = session_of(&mine, options);
    session.apply(Event::Start, 0);
    // Both legs of the first set of clams: 20 reps of 1.5 + 10 + 1.5 s each.
    let one_leg: Ms = 20 * 13_000;
    session.apply(Event::Tick, 2 * one_leg);
    assert_eq!(
        session.phase,
        Phase::Transition {
            kind: Between::NextSet,
            until: Some(2 * one_leg + 30_000)
        }
    );
    let commands = session.apply(Event::Tick, 2 * one_leg + 30_000);
    assert_eq!((session.current().set, session.current().sets), (2, 2));
    assert!(commands.iter().any(|c| matches!(
        c,
        Command::Say {
            speech: Speech::Intro {
                set: 2,
                sets: 2,
                leg: Leg::Left,
                ..
            },
            ..
        }
    )));
}

#[test]
fn skip_leaves_every_set_left_and_back_returns_to_the_first_set() {
    let written = routine();
    let mut mine = MyRoutine::default();
    mine.set_sets(&written, "clams", 3);
    mine.set_sets(&written, "lateral-leg-raises", 2);
    let mut session = session_of(&mine, Options::default());
    session.apply(Event::Start, 0);
    session.apply(Event::Skip, 1_000);
    assert_eq!(session.current().id, "lateral-leg-raises");
    assert_eq!(session.current().set, 1);
    assert!(session.results[..3].iter().all(|r| {
        r.iter()
            .all(|o| *o == Some(Outcome::Skipped(SkipReason::ByUser)))
    }));
    // Into the second set of the raises, then back: the clams again from their first set.
    session.apply(Event::FinishLegEarly, 2_000);
    session.apply(Event::Continue, 2_100);
    session.apply(Event::Continue, 2_200);
    session.apply(Event::FinishLegEarly, 2_300);
    session.apply(Event::Continue, 2_400);
    session.apply(Event::Continue, 2_500);
    assert_eq!(
        (session.current().id.as_str(), session.current().set),
        ("lateral-leg-raises", 2)
    );
    session.apply(Event::Back, 3_000);
    assert_eq!(
        (session.current().id.as_str(), session.current().set),
        ("clams", 1)
    );
    assert!(session.results[..5].iter().all(|r| r == &[None, None]));
}

#[test]
fn a_target_changed_in_a_set_holds_for_the_sets_to_come() {
    let written = routine();
    let mut mine = MyRoutine::default();
    mine.set_sets(&written, "donkey-kicks", 3);
    let mut session = session_of(&mine, Options::default());
    session.apply(Event::Start, 0);
    let kicks = session
        .plan
        .iter()
        .position(|p| p.id == "donkey-kicks")
        .unwrap();
    session.exercise = kicks + 1;
    session.apply(Event::ChangeTarget(21), 1_000);
    let targets: Vec<u32> = session.plan[kicks..kicks + 3]
        .iter()
        .map(|p| p.target)
        .collect();
    assert_eq!(targets, [15, 21, 21]);
}

#[test]
fn changes_follow_the_routine_where_the_user_changed_nothing() {
    let written = routine();
    let mine = physio_version(&written);
    // A later routine: lateral leg raises held 3 s, clams gone, a new exercise at the end, the
    // theraband balance may now be held 4 s at most.
    let mut updated: Value = serde_json::from_str(bia::core::routine::BUNDLED_JSON).unwrap();
    let exercises = updated["exercises"].as_array_mut().unwrap();
    exercises[1]["hold_s"] = json!(3);
    let mut extra = exercises[2].clone();
    extra["id"] = json!("bridges");
    extra["name"] = json!("Bridges");
    exercises.push(extra);
    exercises.remove(0);
    for (i, e) in exercises.iter_mut().enumerate() {
        e["order"] = json!(i + 1);
    }
    updated["corrections"] = json!([]);
    updated["adapt"]["hold_s"]["max"] = json!(4);
    let updated = Routine::parse(&updated.to_string()).unwrap();

    let adapted = mine.applied_to(&updated);
    let order = ids(&adapted);
    assert!(
        !order.contains(&"clams"),
        "a change to a gone exercise is ignored"
    );
    assert_eq!(
        order.last(),
        Some(&"bridges"),
        "a new exercise takes its place as written"
    );
    let kicks = order.iter().position(|&id| id == "donkey-kicks").unwrap();
    assert_eq!(
        order[kicks - 1],
        "donkey-whips",
        "the user's order still holds"
    );
    assert_eq!(
        adapted.exercise("lateral-leg-raises").unwrap().hold_s,
        Some(3),
        "the routine's own change reaches what the user left alone"
    );
    assert_eq!(
        adapted.exercise("theraband-balance").unwrap().hold_s,
        Some(4),
        "a change outside the new bounds is brought within them"
    );
    assert!(adapted.exercise("hip-hikes").unwrap().off);
}

#[test]
fn tempo_and_rest_changes_stay_within_the_routines_bounds_and_as_written_forgets_them() {
    let written = routine();
    let bounds = written.adapt;
    let mut mine = MyRoutine::default();
    mine.set_stroke(&written, "fire-hydrants", true, 99_000);
    mine.set_stroke(&written, "fire-hydrants", false, 0);
    mine.set_sets(&written, "fire-hydrants", 9);
    mine.set_rest_between_sets(&written, 1);
    let adapted = mine.applied_to(&written);
    let hydrants = adapted.exercise("fire-hydrants").unwrap();
    assert_eq!(
        hydrants.tempo,
        Some(Tempo {
            up_s: f64::from(bounds.stroke_ms.max) / 1000.0,
            down_s: f64::from(bounds.stroke_ms.min) / 1000.0
        })
    );
    assert_eq!(hydrants.sets, bounds.sets.max);
    assert_eq!(
        mine.rest_between_sets_s(&written),
        bounds.rest_between_sets_s.min
    );
    // A value set back to the routine's is not kept as a change.
    mine.set_sets(&written, "fire-hydrants", 1);
    mine.set_stroke(&written, "fire-hydrants", true, 1_500);
    mine.set_stroke(&written, "fire-hydrants", false, 1_500);
    mine.set_rest_between_sets(&written, bounds.rest_between_sets_default_s);
    assert!(mine.is_as_written(), "{mine:?}");
    // "As written" for one exercise, then for the whole routine.
    let mut mine = physio_version(&written);
    mine.exercise_as_written("clams");
    assert_eq!(mine.applied_to(&written).exercise("clams").unwrap().sets, 1);
    assert!(mine.applied_to(&written).exercise("hip-hikes").unwrap().off);
    let whole = MyRoutine::default();
    assert_eq!(whole.applied_to(&written), written);
    // Moving back where it was written forgets the order.
    let mut moved = MyRoutine::default();
    moved.move_by(&written, "clams", 1);
    assert_eq!(
        ids(&moved.applied_to(&written))[..2],
        ["lateral-leg-raises", "clams"]
    );
    moved.move_by(&written, "clams", -1);
    assert!(moved.is_as_written());
    // An exercise without a hold gets none.
    let mut no_hold = MyRoutine::default();
    no_hold.set_hold(&written, "knee-circles", 5);
    assert!(no_hold.is_as_written());
}

#[test]
fn a_stored_order_that_repeats_or_names_an_unknown_exercise_is_repaired() {
    let written = routine();
    let mut mine = physio_version(&written);
    let good = mine.clone();
    assert_eq!(good.clone().repaired(&written), (good.clone(), false));
    mine.order[3] = mine.order[0].clone();
    let (repaired, was_broken) = mine.repaired(&written);
    assert!(was_broken);
    assert!(repaired.order.is_empty(), "back to the routine's order");
    assert_eq!(
        repaired.exercises, good.exercises,
        "the other changes are kept"
    );
    // From a file, an order that lost an exercise is repaired too.
    let mut lost = good.clone();
    lost.order.pop();
    let (from_file, was_broken) = lost.repaired_strictly(&written);
    assert!(was_broken && from_file.order.is_empty());
}

#[test]
fn progression_counts_a_session_once_whatever_its_sets_hold_or_tempo() {
    let written = routine();
    let mut mine = MyRoutine::default();
    mine.set_sets(&written, "donkey-kicks", 3);
    mine.set_stroke(&written, "donkey-kicks", true, 3_000);
    let adapted = mine.applied_to(&written);
    let kicks = written.exercise("donkey-kicks").unwrap();
    let mut history = History::new();
    for day in 0..2u64 {
        let mut session = Session::new(&adapted, Options::default(), |e| e.reps.default);
        let start = 1_000_000_000 + day * 86_400_000;
        let (_, end) = run_to_the_end(&mut session, start);
        history.add(SessionRecord::from_session(&session, end).unwrap());
    }
    // Two sessions of three full sets each: promoted once (two sessions), not three times.
    assert_eq!(earned_target(kicks, &history), kicks.reps.default + 2);

    // A session whose third set fell short resets the count: full, short, full is not promoted
    // (without the reset, the two full ones would be).
    let full = |start: Ms| {
        let mut session = Session::new(&adapted, Options::default(), |e| e.reps.default);
        let (_, end) = run_to_the_end(&mut session, start);
        SessionRecord::from_session(&session, end).unwrap()
    };
    let mut session = Session::new(&adapted, Options::default(), |e| e.reps.default);
    let start = 2_000_000_000;
    session.apply(Event::Start, start);
    let third = session
        .plan
        .iter()
        .position(|p| p.id == "donkey-kicks" && p.set == 3)
        .unwrap();
    let mut t = start;
    while !(session.exercise == third && session.phase.is_working()) {
        t += 250;
        session.apply(Event::Tick, t);
    }
    session.apply(Event::Tick, t + 10_000);
    session.apply(Event::FinishLegEarly, t + 10_000);
    let (_, end) = run_to_the_end(&mut session, t + 10_000);
    let mut short = History::new();
    short.add(full(1_000_000_000));
    short.add(SessionRecord::from_session(&session, end).unwrap());
    short.add(full(3_000_000_000));
    assert_eq!(earned_target(kicks, &short), kicks.reps.default);
    let record = short.sessions()[1]
        .exercise("donkey-kicks")
        .unwrap()
        .clone();
    assert_eq!(record.sets().count(), 3);
    assert_eq!(record.more_sets[1].left.outcome, LegOutcome::EndedEarly);
    assert!(record.more_sets[1].left.reps < kicks.reps.default);

    let mut off = MyRoutine::default();
    off.set_off("donkey-kicks", true);
    let mut with_off = history.clone();
    let mut session = Session::new(&off.applied_to(&written), Options::default(), |e| {
        e.reps.default
    });
    let (_, end) = run_to_the_end(&mut session, 5_000_000_000);
    with_off.add(SessionRecord::from_session(&session, end).unwrap());
    assert_eq!(
        earned_target(kicks, &with_off),
        earned_target(kicks, &history)
    );
}

fn export_of(mine: &MyRoutine, schedule: &Schedule, history: &History) -> String {
    export_json(
        history,
        Keep {
            settings: Value::Null,
            my_routine: mine,
            schedule,
        },
        1_700_000_000_000,
    )
}

#[test]
fn the_export_carries_the_users_version_and_schedule_and_the_import_checks_them() {
    let written = routine();
    let mine = physio_version(&written);
    let schedule = Schedule {
        days: [true, false, true, false, true, false, false],
        minute_of_day: 7 * 60,
    };
    let mut session = session_of(&mine, Options::default());
    let (_, end) = run_to_the_end(&mut session, 1_000);
    let mut history = History::new();
    history.add(SessionRecord::from_session(&session, end).unwrap());
    let text = export_of(&mine, &schedule, &history);
    let import = parse_import(&text).unwrap();
    assert_eq!(import.schedule, Some(schedule.clone()));
    assert_eq!(
        import.my_routine_for(&written),
        Ok(Some((mine.clone(), false)))
    );
    assert_eq!(
        import.history, history,
        "three sets of clams come back as three"
    );

    // Out of the routine's bounds: refused, with the path.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["my_routine"]["exercises"]["clams"]["sets"] = json!(7);
    let import = parse_import(&doc.to_string()).unwrap();
    match import.my_routine_for(&written) {
        Err(ImportError::Invalid { at, .. }) => assert_eq!(at, "my_routine.exercises.clams.sets"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["schedule"]["minute_of_day"] = json!(1440);
    assert!(matches!(
        parse_import(&doc.to_string()),
        Err(ImportError::Invalid { at, .. }) if at == "schedule.minute_of_day"
    ));
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["my_routine"]["exercises"]["clams"]["reps"] = json!(3);
    assert!(matches!(
        parse_import(&doc.to_string()),
        Err(ImportError::Invalid { at, .. }) if at == "my_routine"
    ));
    // An order that repeats an exercise: repaired to the routine's order, the rest kept.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc["my_routine"]["order"][1] = doc["my_routine"]["order"][0].clone();
    let import = parse_import(&doc.to_string()).unwrap();
    let (repaired, was_broken) = import.my_routine_for(&written).unwrap().unwrap();
    assert!(was_broken && repaired.order.is_empty());
    assert_eq!(repaired.exercises, mine.exercises);
    // A file from before: neither.
    let mut doc: Value = serde_json::from_str(&text).unwrap();
    doc.as_object_mut().unwrap().remove("my_routine");
    doc.as_object_mut().unwrap().remove("schedule");
    let import = parse_import(&doc.to_string()).unwrap();
    assert_eq!(import.my_routine_for(&written), Ok(None));
    assert_eq!(import.schedule, None);
}
