//! Thin wrappers over web APIs, one per file. Each degrades quietly where the API is missing.

pub mod animation;
pub mod audio;
pub mod clock;
pub mod fetch;
pub mod files;
pub mod frames;
pub mod languages;
pub mod location;
pub mod on_screen;
pub mod persist;
pub mod printing;
pub mod service_worker;
pub mod speech;
pub mod storage;
pub mod time_zone;
pub mod vibrate;
pub mod visibility;
pub mod wake_lock;
