//! Prints the phase timeline the core produces for a run with no input after `Start` and one
//! `Skip` (the benchmark's drift check compares a browser run against it), as JSON lines:
//! `{"t": ms from start, "phase": "...", "exercise": i, "leg": "Left", "reps": n}`.
//!
//! `cargo run --release --example timeline -- <pace_factor> <missing equipment…>`

use bia::core::display::phase_name;
use bia::core::routine::{Equipment, Routine};
use bia::core::session::{Event, Options, Phase, Session};

fn main() {
    let mut args = std::env::args().skip(1);
    let pace_factor = args.next().and_then(|a| a.parse().ok()).unwrap_or(1.0);
    let missing_equipment = args
        .filter_map(|a| Equipment::ALL.into_iter().find(|e| e.as_str() == a))
        .collect();
    let options = Options {
        get_ready_ms: 0,
        rest_between_legs_ms: 0,
        rest_between_exercises_ms: 0,
        pace_factor,
        missing_equipment,
        ..Options::default()
    };
    let mut session = Session::new(&Routine::bundled(), options, |e| e.reps.default);
    session.apply(Event::Start, 0);
    session.apply(Event::Skip, 0);
    let mut last = None;
    let mut t = 0;
    while session.phase != Phase::Done {
        let key = (
            phase_name(&session.phase),
            session.exercise,
            session.leg,
            session.reps,
        );
        if last != Some(key) {
            println!(
                "{{\"t\":{t},\"phase\":\"{}\",\"exercise\":{},\"leg\":\"{:?}\",\"reps\":{}}}",
                key.0, key.1, key.2, key.3
            );
            last = Some(key);
        }
        t += 1;
        session.apply(Event::Tick, t);
    }
    println!(
        "{{\"t\":{t},\"phase\":\"done\",\"exercise\":{},\"leg\":\"{:?}\",\"reps\":0}}",
        session.exercise, session.leg
    );
}
