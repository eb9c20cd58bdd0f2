//! The functional core: plain Rust, no browser, no clock.

mod bundled;
pub mod cues;
pub mod display;
pub mod figure_loop;
pub mod history_display;
pub mod language;
pub mod my_routine;
pub mod pose;
pub mod progress;
pub mod reminder;
pub mod routine;
pub mod session;
pub mod settings;
pub mod speech_queue;
pub mod store;
pub mod text;
