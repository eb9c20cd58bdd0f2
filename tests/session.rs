//! The session state machine, driven as the app drives it: events with timestamps.

use bia::core::routine::{Equipment, Routine};
use bia::core::session::{
    Between, Command, CountMode, Cue, Event, Leg, Ms, Options, Outcome, Phase, Session, SkipReason,
    Speech, estimate_ms,
};
use proptest::prelude::*;

fn routine() -> Routine {
    Routine::bundled()
}

fn session_with(options: Options) -> Session {
    Session::new(&routine(), options, |e| e.reps.default)
}

/// No countdowns or rests: the reps alone.
fn quick() -> Options {
    Options {
        get_ready_ms: 0,
        rest_between_legs_ms: 0,
        rest_between_exercises_ms: 0,
        ..Options::default()
    }
}

fn index_of(session: &Session, id: &str) -> usize {
    session.plan.iter().position(|p| p.id == id).unwrap()
}

/// Applies `events` in order; returns every command.
fn run(session: &mut Session, events: &[(Event, Ms)]) -> Vec<Command> {
    events
        .iter()
        .flat_map(|&(event, at)| session.apply(event, at))
        .collect()
}

fn cues(commands: &[Command]) -> Vec<(Cue, Ms)> {
    commands
        .iter()
        .filter_map(|c| match *c {
            Command::Cue { cue, at } => Some((cue, at)),
            _ => None,
        })
        .collect()
}

/// Checks what must hold of every reachable state.
fn assert_invariants(s: &Session) {
    assert!(s.exercise < s.plan.len());
    assert!(s.reps <= s.current().max, "reps {} over max", s.reps);
    if s.paused_at.is_some() {
        assert!(s.is_active(), "paused outside a session");
    }
    let all_recorded = s
        .plan
        .iter()
        .zip(&s.results)
        .all(|(p, r)| r[0].is_some() && (r[1].is_some() || !p.per_leg));
    assert_eq!(
        s.phase == Phase::Done,
        all_recorded,
        "done iff all recorded"
    );
    if s.is_active() {
        // Everything before the current exercise is recorded; nothing after it is, unless skipped
        // before the start.
        for (i, (p, r)) in s.plan.iter().zip(&s.results).enumerate() {
            if i < s.exercise {
                assert!(r[0].is_some(), "exercise {i} before current has no result");
            }
            if i > s.exercise && p.skipped.is_none() {
                assert!(
                    r[0].is_none() && r[1].is_none(),
                    "future exercise {i} has a result"
                );
            }
        }
        assert!(
            s.current().skipped.is_none(),
            "current exercise was skipped before start"
        );
        if s.leg == Leg::Right {
            assert!(s.results[s.exercise][0].is_some(), "right leg before left");
        }
        assert!(
            s.results[s.exercise][s.leg.index()].is_none(),
            "current leg already recorded"
        );
        if matches!(s.phase, Phase::Lifting { .. } | Phase::AwaitingRep) && s.paused_at.is_none() {
            assert!(s.reps < s.target(), "a new rep began after the target");
        }
        // No deadline is left behind the time the state is current to.
        if let Some(left) = s.remaining_ms(s.clock) {
            assert!(s.paused_at.is_some() || left > 0 || s.phase == Phase::AwaitingRep);
        }
    }
}

#[test]
fn guided_routine_runs_to_the_end_with_no_input() {
    let mut s = session_with(Options::default());
    let estimate = s.estimate_ms();
    let mut commands = s.apply(Event::Start, 1_000);
    // A tick every 250 ms, as the app's timer does.
    let mut t = 1_000;
    while s.phase != Phase::Done {
        t += 250;
        commands.extend(s.apply(Event::Tick, t));
        assert_invariants(&s);
        assert!(t < 1_000 + 2 * estimate, "routine never finished");
    }
    for (plan, result) in s.plan.iter().zip(&s.results) {
        for outcome in result {
            assert_eq!(
                outcome,
                &Some(Outcome::Completed {
                    reps: plan.target,
                    target: plan.target
                }),
                "{}",
                plan.id
            );
        }
    }
    // Guided with no input takes exactly the estimate.
    assert_eq!(s.elapsed_ms(t), estimate);
    let intros: Vec<(usize, Leg)> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Say {
                speech: Speech::Intro { exercise, leg, .. },
                ..
            } => Some((*exercise, *leg)),
            _ => None,
        })
        .collect();
    let expected: Vec<(usize, Leg)> = (0..10)
        .flat_map(|i| [(i, Leg::Left), (i, Leg::Right)])
        .collect();
    assert_eq!(intros, expected, "every exercise, left then right");
    let reps: usize = cues(&commands)
        .iter()
        .filter(|(c, _)| *c == Cue::Rep)
        .count();
    let total_target: u32 = s.plan.iter().map(|p| 2 * p.target).sum();
    assert_eq!(reps as u32, total_target);
    assert!(commands.contains(&Command::KeepAwake(false)));
}

#[test]
fn a_late_tick_gives_the_same_state_and_cue_times_as_many_ticks() {
    let mut fine = session_with(Options::default());
    let mut coarse = fine.clone();
    let mut fine_commands = fine.apply(Event::Start, 0);
    let mut coarse_commands = coarse.apply(Event::Start, 0);
    for t in (16..=300_000).step_by(16) {
        fine_commands.extend(fine.apply(Event::Tick, t));
    }
    // The tab was hidden for five minutes: one tick at the end.
    coarse_commands.extend(coarse.apply(Event::Tick, 300_000));
    assert_eq!(fine.phase, coarse.phase);
    assert_eq!(fine.results, coarse.results);
    assert_eq!(
        (fine.exercise, fine.leg, fine.reps),
        (coarse.exercise, coarse.leg, coarse.reps)
    );
    assert_eq!(cues(&fine_commands), cues(&coarse_commands));
}

#[test]
fn clams_lift_hold_ten_seconds_then_lower() {
    let mut s = session_with(quick());
    let clams = &s.plan[0].clone();
    assert_eq!(
        (clams.up_ms, clams.hold_ms, clams.down_ms),
        (1_500, 10_000, 1_500)
    );
    s.apply(Event::Start, 0);
    assert_eq!(s.phase, Phase::Lifting { since: 0 });
    s.apply(Event::Tick, 1_499);
    assert_eq!(s.reps, 0);
    let commands = s.apply(Event::Tick, 1_500);
    assert_eq!(s.reps, 1, "the rep counts at the top");
    assert!(cues(&commands).contains(&(Cue::HoldStart, 1_500)));
    assert_eq!(
        s.phase,
        Phase::Holding {
            since: 1_500,
            until: 11_500
        }
    );
    assert_eq!(s.remaining_ms(6_500), Some(5_000));
    let commands = s.apply(Event::Tick, 11_500);
    let counts: Vec<Speech> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Say { speech, .. } => Some(*speech),
            _ => None,
        })
        .collect();
    assert_eq!(
        counts,
        [
            Speech::HoldCount(3),
            Speech::HoldCount(2),
            Speech::HoldCount(1)
        ]
    );
    assert!(cues(&commands).contains(&(Cue::HoldEnd, 11_500)));
    assert_eq!(s.phase, Phase::Lowering { since: 11_500 });
    s.apply(Event::Tick, 13_000);
    assert_eq!(s.phase, Phase::Lifting { since: 13_000 }, "next rep");
}

#[test]
fn pause_inside_a_hold_keeps_the_time_left() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 0);
    s.apply(Event::Tick, 5_000); // 3.5 s into the 10 s hold
    assert_eq!(s.remaining_ms(5_000), Some(6_500));
    let commands = s.apply(Event::Pause, 5_000);
    assert!(commands.contains(&Command::KeepAwake(false)));
    assert!(commands.contains(&Command::Save));
    // A minute paused: nothing moves.
    s.apply(Event::Tick, 65_000);
    assert_eq!(s.remaining_ms(65_000), Some(6_500));
    assert!(matches!(s.phase, Phase::Holding { .. }));
    s.apply(Event::Resume, 65_000);
    assert_eq!(s.remaining_ms(65_000), Some(6_500));
    s.apply(Event::Tick, 71_499);
    assert!(matches!(s.phase, Phase::Holding { .. }));
    s.apply(Event::Tick, 71_500);
    assert!(matches!(s.phase, Phase::Lowering { .. }));
    assert_eq!(s.elapsed_ms(71_500), 11_500, "the pause is not active time");
}

#[test]
fn skip_at_the_last_exercise_finishes_and_back_at_the_first_restarts_it() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 0);
    s.apply(Event::Tick, 20_000);
    s.apply(Event::Back, 20_000);
    assert_eq!((s.exercise, s.leg, s.reps), (0, Leg::Left, 0));
    assert_eq!(s.results[0], [None, None]);
    for _ in 0..9 {
        s.apply(Event::Skip, 21_000);
    }
    assert_eq!(s.exercise, 9);
    s.apply(Event::Back, 21_000);
    assert_eq!(s.exercise, 8, "back goes to the previous exercise");
    assert_eq!(s.results[8], [None, None]);
    s.apply(Event::Skip, 21_000);
    let commands = s.apply(Event::Skip, 21_000);
    assert_eq!(s.phase, Phase::Done);
    assert!(cues(&commands).contains(&(Cue::RoutineDone, 21_000)));
    assert!(s.results.iter().all(|r| r
        == &[
            Some(Outcome::Skipped(SkipReason::ByUser)),
            Some(Outcome::Skipped(SkipReason::ByUser))
        ]));
    // Nothing moves a finished session.
    let before = s.clone();
    run(
        &mut s,
        &[
            (Event::Back, 22_000),
            (Event::Skip, 22_000),
            (Event::Pause, 22_000),
        ],
    );
    assert_eq!(s.phase, before.phase);
    assert_eq!(s.results, before.results);
}

#[test]
fn finishing_a_leg_early_records_the_reps_done() {
    let mut s = session_with(quick());
    let lateral = index_of(&s, "lateral-leg-raises");
    s.apply(Event::Start, 0);
    s.apply(Event::Skip, 0);
    assert_eq!(s.exercise, lateral);
    s.apply(Event::Tick, 3_000 * 7); // seven 3 s reps
    assert_eq!(s.reps, 7);
    s.apply(Event::FinishLegEarly, 21_000);
    assert_eq!(
        s.results[lateral][0],
        Some(Outcome::EndedEarly {
            reps: 7,
            target: 15
        })
    );
    assert_eq!((s.exercise, s.leg, s.reps), (lateral, Leg::Right, 0));
}

#[test]
fn tap_mode_counts_taps_and_runs_holds_itself() {
    let mut s = session_with(Options {
        mode: CountMode::Tap,
        ..quick()
    });
    s.apply(Event::Start, 0);
    assert_eq!(s.phase, Phase::AwaitingRep);
    s.apply(Event::RepDone, 2_000);
    assert_eq!(s.reps, 1);
    assert_eq!(
        s.phase,
        Phase::Holding {
            since: 2_000,
            until: 12_000
        }
    );
    s.apply(Event::RepDone, 3_000);
    assert_eq!(s.reps, 1, "a tap during the hold does not count");
    s.apply(Event::Tick, 12_000);
    assert_eq!(s.phase, Phase::AwaitingRep);
    let mut t = 12_000;
    for _ in 1..20 {
        t += 1_000;
        s.apply(Event::RepDone, t);
        t += 10_000;
        s.apply(Event::Tick, t);
    }
    assert_eq!(
        s.results[0][0],
        Some(Outcome::Completed {
            reps: 20,
            target: 20
        })
    );
    assert_eq!(s.leg, Leg::Right);
}

#[test]
fn switching_mode_mid_leg_keeps_the_count() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 0);
    s.apply(Event::Skip, 0); // lateral leg raises: no hold
    s.apply(Event::Tick, 4_000); // one rep done, lowering
    assert_eq!(s.reps, 1);
    s.apply(Event::SetMode(CountMode::Tap), 4_000);
    assert_eq!(s.phase, Phase::AwaitingRep);
    s.apply(Event::RepDone, 5_000);
    assert_eq!(s.reps, 2);
    s.apply(Event::SetMode(CountMode::Guided), 6_000);
    assert_eq!(s.phase, Phase::Lifting { since: 6_000 });
    s.apply(Event::Tick, 7_500);
    assert_eq!(s.reps, 3);
}

#[test]
fn wait_for_me_holds_between_legs_until_a_tap() {
    let mut s = session_with(Options {
        wait_for_me: true,
        ..quick()
    });
    s.apply(Event::Start, 0);
    s.apply(Event::FinishLegEarly, 1_000);
    assert_eq!(
        s.phase,
        Phase::Transition {
            kind: Between::SwitchLegs,
            until: None
        }
    );
    s.apply(Event::Tick, 600_000);
    assert!(matches!(s.phase, Phase::Transition { .. }), "still waiting");
    s.apply(Event::RepDone, 600_000);
    assert_eq!(s.leg, Leg::Right);
    assert!(s.phase.is_working());
}

#[test]
fn rests_and_countdowns_come_between_legs() {
    let mut s = session_with(Options::default());
    s.apply(Event::Start, 0);
    assert_eq!(s.phase, Phase::GetReady { until: 5_000 });
    let commands = s.apply(Event::Tick, 5_000);
    let ticks: Vec<Ms> = cues(&commands)
        .into_iter()
        .filter(|(c, _)| *c == Cue::CountdownTick)
        .map(|(_, at)| at)
        .collect();
    assert_eq!(ticks, [2_000, 3_000, 4_000], "the last three seconds");
    s.apply(Event::FinishLegEarly, 6_000);
    assert_eq!(
        s.phase,
        Phase::Transition {
            kind: Between::SwitchLegs,
            until: Some(11_000)
        }
    );
    s.apply(Event::Tick, 11_000);
    assert_eq!(s.phase, Phase::GetReady { until: 16_000 });
    s.apply(Event::Continue, 12_000);
    assert!(s.phase.is_working(), "continue skips the countdown");
    s.apply(Event::FinishLegEarly, 13_000);
    assert_eq!(
        s.phase,
        Phase::Transition {
            kind: Between::NextExercise,
            until: Some(23_000)
        }
    );
}

#[test]
fn no_band_today_skips_exactly_the_band_exercises() {
    let mut s = session_with(Options {
        missing_equipment: vec![Equipment::Band],
        ..quick()
    });
    let skipped: Vec<String> = s
        .plan
        .iter()
        .filter(|p| p.skipped.is_some())
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(
        skipped,
        [
            "theraband-balance",
            "standing-hip-flexor",
            "standing-hip-abductor"
        ]
    );
    s.apply(Event::Start, 0);
    s.apply(Event::Tick, 10_000_000);
    assert_eq!(s.phase, Phase::Done);
    let hip_hikes = index_of(&s, "hip-hikes");
    assert!(matches!(
        s.results[hip_hikes][1],
        Some(Outcome::Completed { .. })
    ));
    for id in skipped {
        let i = index_of(&s, &id);
        assert_eq!(
            s.results[i],
            [
                Some(Outcome::Skipped(SkipReason::NoEquipment(Equipment::Band))),
                Some(Outcome::Skipped(SkipReason::NoEquipment(Equipment::Band)))
            ]
        );
    }
}

#[test]
fn target_changes_stay_in_range_and_can_end_the_leg() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 0);
    s.apply(Event::ChangeTarget(5), 0);
    assert_eq!(s.target(), 20, "clams are 20 and only 20");
    s.apply(Event::Skip, 0);
    s.apply(Event::ChangeTarget(99), 0);
    assert_eq!(s.target(), 25);
    s.apply(Event::ChangeTarget(1), 0);
    assert_eq!(s.target(), 15);
    s.apply(Event::Tick, 3_000 * 15 - 1_500); // the 15th rep is at the top
    assert_eq!(s.reps, 15);
    s.apply(Event::ChangeTarget(16), 43_500);
    s.apply(Event::Tick, 47_999);
    assert_eq!(s.reps, 16);
    assert_eq!(s.leg, Leg::Left);
}

#[test]
fn a_saved_session_resumes_identically() {
    let mut live = session_with(Options::default());
    live.apply(Event::Start, 0);
    live.apply(Event::Tick, 40_000);
    let saved = serde_json::to_string(&live).unwrap();
    let mut restored: Session = serde_json::from_str(&saved).unwrap();
    assert_eq!(restored, live);
    let a = live.apply(Event::Tick, 400_000);
    let b = restored.apply(Event::Tick, 400_000);
    assert_eq!(a, b);
    assert_eq!(restored, live);
}

#[test]
fn progress_is_spoken_at_halfway_five_to_go_and_the_last_rep() {
    let mut s = session_with(quick());
    let commands = run(&mut s, &[(Event::Start, 0), (Event::Tick, 13_000 * 20)]);
    let speech: Vec<Speech> = commands
        .iter()
        .filter_map(|c| match c {
            Command::Say { speech, .. }
                if matches!(speech, Speech::Halfway | Speech::ToGo(_) | Speech::LastOne) =>
            {
                Some(*speech)
            }
            _ => None,
        })
        .collect();
    assert_eq!(speech, [Speech::Halfway, Speech::ToGo(5), Speech::LastOne]);
}

#[test]
fn a_clock_that_steps_back_changes_nothing() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 10_000);
    s.apply(Event::Tick, 12_000);
    let before = s.clone();
    let commands = s.apply(Event::Tick, 5_000);
    assert!(commands.is_empty());
    assert_eq!(s, before);
}

#[test]
fn estimate_adds_countdowns_reps_and_rests() {
    let s = session_with(Options::default());
    let rep_time: Ms = s
        .plan
        .iter()
        .map(|p| 2 * Ms::from(p.target) * p.rep_ms())
        .sum();
    let expected = 20 * 5_000 + rep_time + 10 * 5_000 + 9 * 10_000;
    assert_eq!(estimate_ms(&s.plan, &s.options), expected);
}

fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        Just(Event::Start),
        Just(Event::RepDone),
        Just(Event::Tick),
        Just(Event::Tick),
        Just(Event::Tick),
        Just(Event::Pause),
        Just(Event::Resume),
        Just(Event::Skip),
        Just(Event::Back),
        Just(Event::FinishLegEarly),
        Just(Event::Continue),
        Just(Event::End),
        (0u32..40).prop_map(Event::ChangeTarget),
        Just(Event::SetMode(CountMode::Tap)),
        Just(Event::SetMode(CountMode::Guided)),
    ]
}

fn any_options() -> impl Strategy<Value = Options> {
    (
        0u64..8_000,
        0u64..8_000,
        0u64..8_000,
        any::<bool>(),
        any::<bool>(),
        proptest::sample::subsequence(Equipment::ALL.to_vec(), 0..=3),
    )
        .prop_map(|(ready, legs, exercises, wait, tap, missing)| Options {
            mode: if tap {
                CountMode::Tap
            } else {
                CountMode::Guided
            },
            get_ready_ms: ready,
            rest_between_legs_ms: legs,
            rest_between_exercises_ms: exercises,
            rest_between_sets_ms: exercises / 2,
            wait_for_me: wait,
            pace_factor: 1.0,
            missing_equipment: missing,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// No sequence of events panics or reaches an impossible state, and a saved copy always
    /// resumes to the same state.
    #[test]
    fn random_event_sequences_keep_the_invariants(
        options in any_options(),
        steps in proptest::collection::vec((any_event(), 0u64..30_000), 1..120),
    ) {
        let mut s = session_with(options);
        let mut t: Ms = 1_000;
        for (event, gap) in steps {
            t += gap;
            s.apply(event, t);
            assert_invariants(&s);
            let copy: Session = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
            prop_assert_eq!(&copy, &s);
        }
        if let Some(start) = s.started_at {
            prop_assert!(s.elapsed_ms(t) <= t - start);
        }
    }

    /// However the ticks fall, the state at a given time is the same.
    #[test]
    fn tick_spacing_never_changes_the_outcome(
        options in any_options(),
        gaps in proptest::collection::vec(1u64..20_000, 1..80),
    ) {
        let mut fine = session_with(options);
        let mut coarse = fine.clone();
        fine.apply(Event::Start, 0);
        coarse.apply(Event::Start, 0);
        let mut t = 0;
        for gap in gaps {
            t += gap;
            fine.apply(Event::Tick, t);
        }
        coarse.apply(Event::Tick, t);
        prop_assert_eq!(fine, coarse);
    }
}

#[test]
fn a_session_restored_mid_hold_is_paused_with_the_hold_time_left() {
    let mut live = session_with(quick());
    live.apply(Event::Start, 0);
    live.apply(Event::Tick, 5_000); // 6.5 s of the clams hold left
    let saved = serde_json::to_string(&live).unwrap();
    // The page died; it is opened again ten minutes later.
    let mut back = serde_json::from_str::<Session>(&saved).unwrap().restored();
    assert!(back.is_paused());
    assert_eq!(back.remaining_ms(605_000), Some(6_500));
    back.apply(Event::Resume, 605_000);
    back.apply(Event::Tick, 611_499);
    assert!(matches!(back.phase, Phase::Holding { .. }));
    back.apply(Event::Tick, 611_500);
    assert!(matches!(back.phase, Phase::Lowering { .. }));
}

#[test]
fn ending_early_records_what_was_done_and_skips_the_rest() {
    let mut s = session_with(quick());
    s.apply(Event::Start, 0);
    s.apply(Event::FinishLegEarly, 1_000);
    s.apply(Event::Pause, 2_000);
    let commands = s.apply(Event::End, 3_000);
    assert_eq!(s.phase, Phase::Done);
    assert!(commands.contains(&Command::KeepAwake(false)));
    assert_eq!(
        s.results[0][0],
        Some(Outcome::EndedEarly {
            reps: 0,
            target: 20
        })
    );
    assert_eq!(s.results[0][1], Some(Outcome::Skipped(SkipReason::ByUser)));
    assert_eq!(s.results[9][1], Some(Outcome::Skipped(SkipReason::ByUser)));
    assert_eq!(s.elapsed_ms(10_000), 2_000, "paused time is not counted");
}
