//! Leptos components: they read state and forward events as core events. `AppState::dispatch`
//! is the one road from a tap to the core, and `AppState::perform` the one place the core's
//! commands touch the world.

mod app;
mod app_signal;
mod backup_nudge;
mod figure;
mod history;
mod home;
mod language;
mod my_routine;
mod notices;
mod player;
mod print;
mod settings;
mod state;
mod summary;
mod update_prompt;

pub use app::App;
pub use state::AppState;

use leptos::prelude::expect_context;

/// A message shown until dismissed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    StorageUnavailable,
    StorageFull,
    StorageUnreadable,
    /// Unreadable, and no room to set it aside: nothing is saved until it is downloaded.
    StorageUnreadableNotMoved,
    WakeLockUnsupported,
    /// The language (its code) could not be loaded, and why.
    LanguageFailed(&'static str, &'static str),
    /// The device has voices, but none for the language (its code): cues are beeps alone.
    NoVoice(&'static str),
    /// The stored or imported order of the user's routine lost or repeated an exercise, and is
    /// back to the routine's order.
    OrderRepaired,
}

/// The screens reached from home (the player and summary follow the session).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    History,
    /// The user's version of the routine, and the reminders.
    MyRoutine,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}
