//! Leptos components: they read state and forward events as core events; no logic of their own.

mod home;
mod player;
mod summary;

use crate::browser::clock::now_ms;
use crate::core::routine::Routine;
use crate::core::session::{Command, Event, Ms, Options, Phase, Session};
use crate::core::text::Text;
use leptos::prelude::*;
use std::time::Duration;

/// How often the screen catches up with the clock. Time itself comes from timestamps.
const FRAME_MS: u64 = 100;

/// What every screen reads: the routine, the texts, the session and the time.
#[derive(Clone, Copy)]
pub struct AppState {
    pub routine: &'static Routine,
    pub text: &'static Text,
    pub session: RwSignal<Option<Session>>,
    pub now: RwSignal<Ms>,
}

impl AppState {
    /// The one way a UI event reaches the core: stamp it with the time, apply it, perform what
    /// the core asks for.
    pub fn dispatch(&self, event: Event) {
        let now = now_ms();
        self.now.set(now);
        let mut commands = Vec::new();
        self.session.update(|session| {
            if let Some(session) = session {
                commands = session.apply(event, now);
            }
        });
        perform(&commands);
    }

    /// Starts a new session with today's targets.
    pub fn start(&self) {
        let routine = self.routine;
        self.session
            .set(Some(Session::new(routine, Options::default(), |e| {
                e.reps.default
            })));
        self.dispatch(Event::Start);
    }

    pub fn go_home(&self) {
        self.session.set(None);
    }
}

/// Carries out the core's commands. Sound, speech and wake lock come with the player.
fn perform(commands: &[Command]) {
    for command in commands {
        match command {
            Command::Cue { .. } | Command::Say { .. } | Command::KeepAwake(_) | Command::Save => {}
        }
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The whole app: home, player or summary, by the session's phase.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState {
        routine: Box::leak(Box::new(Routine::bundled())),
        text: Box::leak(Box::new(Text::bundled())),
        session: RwSignal::new(None),
        now: RwSignal::new(now_ms()),
    };
    provide_context(state);

    let ticker = set_interval_with_handle(
        move || {
            let running = state
                .session
                .with_untracked(|s| s.as_ref().is_some_and(|s| s.is_active()));
            if running {
                state.dispatch(Event::Tick);
            }
        },
        Duration::from_millis(FRAME_MS),
    );
    if let Ok(handle) = ticker {
        on_cleanup(move || handle.clear());
    }

    // A memo, so the screen is rebuilt only when it changes, not on every tick.
    let screen = Memo::new(move |_| {
        state.session.with(|s| match s.as_ref().map(|s| s.phase) {
            None => "home",
            Some(Phase::Done) => "summary",
            Some(_) => "player",
        })
    });
    view! {
        <main id="app" class="app">
            {move || match screen.get() {
                "home" => home::Home().into_any(),
                "summary" => summary::Summary().into_any(),
                _ => player::Player().into_any(),
            }}
        </main>
    }
}
