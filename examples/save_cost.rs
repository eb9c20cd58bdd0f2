//! Prints what one save during a workout (one at each change of phase) costs as the history
//! grows, for 1, 20, 365 and 1000 finished sessions (natively; the browser is slower, and its
//! storage writes every byte): version 2 wrote one document with the history in it; version 3
//! writes the small document alone, and the history under its own key only when it changes.
//!
//! `cargo run --release --example save_cost`

use bia::core::progress::{History, SessionRecord};
use bia::core::routine::Routine;
use bia::core::session::{Event, Options, Phase, Session};
use bia::core::settings::Settings;
use bia::core::store::Stored;
use std::time::Instant;

fn main() {
    let routine = Routine::bundled();
    let options = Options {
        get_ready_ms: 0,
        rest_between_legs_ms: 0,
        rest_between_exercises_ms: 0,
        ..Options::default()
    };
    let mut session = Session::new(&routine, options, |e| e.reps.default);
    session.apply(Event::Start, 0);
    let mut now = 0;
    while session.phase != Phase::Done {
        now += 1_000;
        session.apply(Event::Tick, now);
    }
    let record = SessionRecord::from_session(&session, now).expect("the session started");
    for sessions in [1u64, 20, 365, 1000] {
        let mut history = History::new();
        for day in 0..sessions {
            let started_at = record.started_at + day * 86_400_000;
            history.add(SessionRecord {
                id: format!("s{started_at}"),
                started_at,
                finished_at: record.finished_at + day * 86_400_000,
                ..record.clone()
            });
        }
        let stored = Stored {
            history,
            ..Stored::new(Settings::default(), Some(session.clone()))
        };
        let rounds = 200;
        let ms_per_save = |save: &dyn Fn() -> usize| {
            let began = Instant::now();
            for _ in 0..rounds {
                std::hint::black_box(save());
            }
            began.elapsed().as_secs_f64() * 1000.0 / f64::from(rounds)
        };
        let history_json = Stored::history_json(&stored.history, 0);
        let one_document = ms_per_save(&|| {
            [stored.parts().to_json(), history_json.clone()]
                .concat()
                .len()
        });
        let document_alone = ms_per_save(&|| stored.parts().to_json().len());
        let (document, history) = (stored.parts().to_json().len(), history_json.len());
        println!(
            "{sessions:>5} sessions: version 2 writes {:>8} bytes ({one_document:.3} ms), version 3 writes {document:>6} bytes ({document_alone:.3} ms); the history key, {history} bytes, only when a session ends",
            document + history
        );
    }
}
