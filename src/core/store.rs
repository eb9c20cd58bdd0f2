//! The document kept in the browser's storage: one versioned JSON value holding settings and the
//! session in progress. Older versions are migrated forward step by step; a document that cannot
//! be read is reported, never silently replaced.

use crate::core::session::Session;
use crate::core::settings::Settings;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The storage key of the document.
pub const STORE_KEY: &str = "bia";
/// Where an unreadable document is moved so nothing is lost.
pub const BACKUP_KEY: &str = "bia.unreadable";
/// The schema this build writes.
pub const STORE_VERSION: u32 = 1;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// The session in progress (or just finished, until the user leaves its summary).
    #[serde(default)]
    pub session: Option<Session>,
}

/// Why a stored document could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Not JSON, or not the shape of any version.
    Unreadable(String),
    /// Written by a newer Bia; left untouched.
    TooNew(u32),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unreadable(why) => write!(f, "saved data could not be read ({why})"),
            StoreError::TooNew(v) => write!(f, "saved data is from a newer version ({v})"),
        }
    }
}

impl Stored {
    pub fn new(settings: Settings, session: Option<Session>) -> Self {
        Stored {
            version: STORE_VERSION,
            settings,
            session,
        }
    }

    /// Reads a stored document of this or any earlier version. `None` (nothing stored) is a
    /// fresh start.
    pub fn load(raw: Option<&str>) -> Result<Stored, StoreError> {
        let Some(raw) = raw else {
            return Ok(Stored::new(Settings::default(), None));
        };
        let value: Value =
            serde_json::from_str(raw).map_err(|e| StoreError::Unreadable(e.to_string()))?;
        let version = value
            .get("version")
            .and_then(Value::as_u64)
            .ok_or_else(|| StoreError::Unreadable("no version".into()))?;
        let version =
            u32::try_from(version).map_err(|_| StoreError::Unreadable("bad version".into()))?;
        if version > STORE_VERSION {
            return Err(StoreError::TooNew(version));
        }
        let value = migrate(value, version)?;
        let mut stored: Stored =
            serde_json::from_value(value).map_err(|e| StoreError::Unreadable(e.to_string()))?;
        stored.settings = stored.settings.sanitized();
        stored.session = stored.session.map(Session::restored);
        Ok(stored)
    }

    pub fn to_json(&self) -> String {
        // Serialising plain data to a string cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// Brings a document from `version` up to [`STORE_VERSION`], one step at a time. Each future
/// schema change adds a step here with a test that an old document still loads.
fn migrate(value: Value, version: u32) -> Result<Value, StoreError> {
    match version {
        0 => Err(StoreError::Unreadable("version 0 was never written".into())),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::routine::Routine;
    use crate::core::session::{Event, Options};

    #[test]
    fn nothing_stored_is_a_fresh_start() {
        assert_eq!(
            Stored::load(None),
            Ok(Stored::new(Settings::default(), None))
        );
    }

    #[test]
    fn a_running_session_comes_back_paused() {
        let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        session.apply(Event::Start, 1_000);
        session.apply(Event::Tick, 9_000);
        let raw = Stored::new(Settings::default(), Some(session.clone())).to_json();
        let back = Stored::load(Some(&raw)).unwrap().session.unwrap();
        assert_eq!(back.paused_at, Some(9_000));
        assert_eq!(
            (back.exercise, back.leg, back.reps),
            (session.exercise, session.leg, session.reps)
        );
    }

    #[test]
    fn unreadable_and_newer_documents_are_errors_not_defaults() {
        assert!(matches!(
            Stored::load(Some("{oops")),
            Err(StoreError::Unreadable(_))
        ));
        assert!(matches!(
            Stored::load(Some("[]")),
            Err(StoreError::Unreadable(_))
        ));
        assert!(matches!(
            Stored::load(Some(r#"{"version":1,"session":{"exercise":"x"}}"#)),
            Err(StoreError::Unreadable(_))
        ));
        assert_eq!(
            Stored::load(Some(r#"{"version":9}"#)),
            Err(StoreError::TooNew(9))
        );
    }
}
