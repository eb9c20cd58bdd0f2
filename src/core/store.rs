//! What is kept in the browser's storage: a small versioned document (settings, the session in
//! progress, the user's target overrides, bookkeeping) under one key, and the history of
//! sessions under a key of its own, so the saves of a workout, one at each change of phase, do
//! not grow with the history. Older versions are migrated forward step by step; a document that
//! cannot be read is reported, never silently replaced.

use crate::core::my_routine::MyRoutine;
use crate::core::progress::{History, Overrides, SessionRecord};
use crate::core::reminder::Schedule;
use crate::core::session::{Ms, Phase, Session};
use crate::core::settings::Settings;
use serde::{Deserialize, Serialize};

/// The storage key of the document.
pub const STORE_KEY: &str = "bia";
/// The storage key of the history (since version 3; before, it was in the document).
pub const HISTORY_KEY: &str = "bia.history";
/// Where an unreadable document is moved so nothing is lost.
pub const BACKUP_KEY: &str = "bia.unreadable";
/// The schema this build writes.
pub const STORE_VERSION: u32 = 4;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// The session in progress (or just finished, until the user leaves its summary).
    #[serde(default)]
    pub session: Option<Session>,
    /// Kept under [`HISTORY_KEY`]; read from the document only as version 2 wrote it.
    #[serde(default, skip_serializing)]
    pub history: History,
    /// Targets the user set by hand, by exercise id.
    #[serde(default)]
    pub overrides: Overrides,
    /// The user's version of the routine: their changes to it (since version 4).
    #[serde(default)]
    pub my_routine: MyRoutine,
    /// The days and time the user trains, for reminders and the streak (since version 4).
    #[serde(default)]
    pub schedule: Schedule,
    #[serde(default)]
    pub last_export_at: Option<Ms>,
    /// Whether the browser was already asked to keep the storage.
    #[serde(default)]
    pub persist_asked: bool,
    /// When the finished session whose summary the user left in this tab had started: another
    /// tab's copy of that session, done, must not bring its summary back here. This tab's own,
    /// never saved (the other tab keeps its summary until its user leaves it).
    #[serde(skip)]
    pub summary_left: Option<Ms>,
}

/// Whether `theirs` was changed after `ours`. Two copies of one session are told apart by the
/// user's events first: a tab that only follows a session runs its clock on by itself, and its
/// copy must not undo a pause or an end the user gave in the other tab a moment before. Otherwise
/// (another session, or none) the one whose clock is later wins.
fn changed_later(theirs: Option<&Session>, ours: Option<&Session>) -> bool {
    match (theirs, ours) {
        (Some(theirs), Some(ours))
            if theirs.started_at.is_some() && theirs.started_at == ours.started_at =>
        {
            (theirs.user_events, theirs.clock) > (ours.user_events, ours.clock)
        }
        _ => theirs.map(|s| s.clock) > ours.map(|s| s.clock),
    }
}

/// Why a stored document could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// Not JSON, or not the shape of any version.
    Unreadable(String),
    /// The history under [`HISTORY_KEY`] is not JSON, or not a history.
    HistoryUnreadable(String),
    /// Written by a newer Bia; left untouched.
    TooNew(u32),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unreadable(why) => write!(f, "saved data could not be read ({why})"),
            StoreError::HistoryUnreadable(why) => {
                write!(f, "the saved history could not be read ({why})")
            }
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
            ..Stored::default()
        }
    }

    /// Records the session in the history once it is done (ids repeat, so again is harmless).
    pub fn record_finished(&mut self) {
        if let Some(session) = &self.session
            && session.phase == Phase::Done
            && let Some(record) = SessionRecord::from_session(session, session.clock)
        {
            self.history.add(record);
        }
    }

    /// Combines this tab's document with one another tab wrote, so neither loses the other's
    /// newer data: histories are united, the session that was changed last wins, and the other
    /// tab's settings and overrides are taken when `theirs_is_newer` (it wrote after us).
    pub fn merged_with(mut self, theirs: Stored, theirs_is_newer: bool) -> Stored {
        self.history.merge(theirs.history);
        if changed_later(theirs.session.as_ref(), self.session.as_ref()) {
            self.session = theirs.session;
        }
        if theirs_is_newer {
            self.settings = theirs.settings;
            self.overrides = theirs.overrides;
            self.my_routine = theirs.my_routine;
            self.schedule = theirs.schedule;
        }
        self.last_export_at = self.last_export_at.max(theirs.last_export_at);
        self.persist_asked |= theirs.persist_asked;
        self.drop_left_summary();
        self
    }

    /// A finished session whose summary was left here is over.
    fn drop_left_summary(&mut self) {
        let left = self.summary_left;
        if self
            .session
            .as_ref()
            .is_some_and(|s| s.phase == Phase::Done && left.is_some() && s.started_at <= left)
        {
            self.session = None;
        }
    }

    /// Finished sessions recorded since the last export.
    pub fn sessions_since_export(&self) -> usize {
        let since = self.last_export_at.unwrap_or(0);
        self.history
            .sessions()
            .iter()
            .filter(|s| s.finished_at > since)
            .count()
    }

    /// Reads a stored document of this or any earlier version, with the history stored beside
    /// it (`history_raw`, under [`HISTORY_KEY`]). `None` (nothing stored) is a fresh start. A
    /// version 2 document holds a history of its own: both are kept (a version 3 save writes the
    /// history first, so one cut short between its two writes leaves both).
    pub fn load(raw: Option<&str>, history_raw: Option<&str>) -> Result<Stored, StoreError> {
        let mut stored = Stored::load_document(raw)?;
        if let Some(history_raw) = history_raw {
            let history: History = serde_json::from_str(history_raw)
                .map_err(|e| StoreError::HistoryUnreadable(e.to_string()))?;
            stored.history.merge(history);
        }
        stored.record_finished();
        Ok(stored)
    }

    fn load_document(raw: Option<&str>) -> Result<Stored, StoreError> {
        let Some(raw) = raw else {
            return Ok(Stored::new(Settings::default(), None));
        };
        let unreadable = |e: serde_json::Error| StoreError::Unreadable(e.to_string());
        // The version first: a newer document may have another shape, and is reported as newer.
        let probe: VersionProbe = serde_json::from_str(raw).map_err(unreadable)?;
        let version = probe
            .version
            .ok_or_else(|| StoreError::Unreadable("no version".into()))?;
        let version =
            u32::try_from(version).map_err(|_| StoreError::Unreadable("bad version".into()))?;
        if version > STORE_VERSION {
            return Err(StoreError::TooNew(version));
        }
        // Read straight into this version's shape (no JSON tree in between, whose code would
        // weigh on the first load): every field an older version lacks has a default.
        let stored: Stored = serde_json::from_str(raw).map_err(unreadable)?;
        let mut stored = migrate(stored, version)?;
        stored.settings = stored.settings.sanitized();
        stored.schedule = stored.schedule.sanitized();
        stored.session = stored.session.map(Session::restored);
        Ok(stored)
    }

    /// The document as it is written under [`STORE_KEY`] (the history is not in it).
    pub fn to_json(&self) -> String {
        // Serialising plain data to a string cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The history as it is written under [`HISTORY_KEY`]. Built in a buffer of `size_hint`
    /// bytes (the last length, and some): a long history is then written once, not copied each
    /// time the buffer doubles.
    pub fn history_json(history: &History, size_hint: usize) -> String {
        let mut json = Vec::with_capacity(size_hint);
        // Serialising plain data cannot fail, and serde_json writes UTF-8.
        let _ = serde_json::to_writer(&mut json, history);
        String::from_utf8(json).unwrap_or_default()
    }

    /// This document as borrowed parts.
    pub fn parts(&self) -> StoredParts<'_> {
        StoredParts {
            settings: &self.settings,
            session: &self.session,
            overrides: &self.overrides,
            my_routine: &self.my_routine,
            schedule: &self.schedule,
            last_export_at: self.last_export_at,
            persist_asked: self.persist_asked,
        }
    }
}

/// The document written from borrowed parts: the app saves on every change of phase, and this
/// way a save copies nothing.
#[derive(Serialize)]
pub struct StoredParts<'a> {
    pub settings: &'a Settings,
    pub session: &'a Option<Session>,
    pub overrides: &'a Overrides,
    pub my_routine: &'a MyRoutine,
    pub schedule: &'a Schedule,
    pub last_export_at: Option<Ms>,
    pub persist_asked: bool,
}

impl StoredParts<'_> {
    /// The same document as [`Stored::to_json`] of the same data (keys in another order).
    pub fn to_json(&self) -> String {
        let rest = serde_json::to_string(self).unwrap_or_default();
        // `rest` is a JSON object; the version goes before its fields.
        let fields = rest.strip_prefix('{').unwrap_or("}");
        let separator = if fields == "}" { "" } else { "," };
        [
            "{\"version\":",
            &STORE_VERSION.to_string(),
            separator,
            fields,
        ]
        .concat()
    }
}

/// The one field read before the rest.
#[derive(Deserialize)]
struct VersionProbe {
    version: Option<u64>,
}

/// Brings a document read as `version` up to [`STORE_VERSION`], one step at a time. Each future
/// schema change adds a step here with a test that an old document still loads.
fn migrate(mut stored: Stored, version: u32) -> Result<Stored, StoreError> {
    let mut version = version;
    while version < STORE_VERSION {
        match version {
            // Version 2 added the history, overrides and export/persistence bookkeeping: read
            // from a version 1 document, they are empty, as they were.
            1 => {}
            // Version 3 keeps the history under a key of its own; a version 2 document's history
            // is read from it as it is (`Stored::history` is read, never written, there).
            2 => {}
            // Version 4 adds the user's version of the routine and the reminder schedule: read
            // from an older document they are as written and unset, and a session saved then
            // has one set of each exercise (`PlannedExercise::sets` reads as 1).
            3 => {}
            _ => return Err(StoreError::Unreadable(format!("no version {version}"))),
        }
        version += 1;
    }
    stored.version = STORE_VERSION;
    Ok(stored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::routine::Routine;
    use crate::core::session::{Event, Options};
    use serde_json::Value;

    #[test]
    fn nothing_stored_is_a_fresh_start() {
        assert_eq!(
            Stored::load(None, None),
            Ok(Stored::new(Settings::default(), None))
        );
    }

    #[test]
    fn a_running_session_comes_back_paused() {
        let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        session.apply(Event::Start, 1_000);
        session.apply(Event::Tick, 9_000);
        let raw = Stored::new(Settings::default(), Some(session.clone())).to_json();
        let back = Stored::load(Some(&raw), None).unwrap().session.unwrap();
        assert_eq!(back.paused_at, Some(9_000));
        assert_eq!(
            (back.exercise, back.leg, back.reps),
            (session.exercise, session.leg, session.reps)
        );
    }

    #[test]
    fn unreadable_and_newer_documents_are_errors_not_defaults() {
        assert!(matches!(
            Stored::load(Some("{oops"), None),
            Err(StoreError::Unreadable(_))
        ));
        assert!(matches!(
            Stored::load(Some("[]"), None),
            Err(StoreError::Unreadable(_))
        ));
        assert!(matches!(
            Stored::load(Some(r#"{"version":1,"session":{"exercise":"x"}}"#), None),
            Err(StoreError::Unreadable(_))
        ));
        assert_eq!(
            Stored::load(Some(r#"{"version":9}"#), None),
            Err(StoreError::TooNew(9))
        );
    }

    fn finished_session(start: Ms) -> Session {
        let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        session.apply(Event::Start, start);
        session.apply(Event::End, start + 60_000);
        session
    }

    #[test]
    fn version_0_is_refused() {
        assert!(matches!(
            Stored::load(Some(r#"{"version":0}"#), None),
            Err(StoreError::Unreadable(_))
        ));
    }

    #[test]
    fn a_version_1_document_keeps_its_settings_and_session() {
        // Written by the first release: settings and a finished session, no history yet.
        let mut v1 = serde_json::to_value(Stored::new(
            Settings::default(),
            Some(finished_session(1_000)),
        ))
        .unwrap();
        let object = v1.as_object_mut().unwrap();
        for key in ["history", "overrides", "last_export_at", "persist_asked"] {
            object.remove(key);
        }
        object.insert("version".into(), 1.into());
        v1["settings"]["voice"] = false.into();
        let stored = Stored::load(Some(&v1.to_string()), None).unwrap();
        assert_eq!(stored.version, STORE_VERSION);
        assert!(!stored.settings.voice);
        assert_eq!(
            stored.history.len(),
            1,
            "the finished session is recorded on load"
        );
        assert!(stored.overrides.is_empty());
    }

    /// A document with a session in progress and a history of two, as this build saves it: the
    /// document and the history under their two keys.
    fn saved() -> (Stored, String, String) {
        let mut stored = Stored::new(Settings::default(), Some(finished_session(1_000)));
        stored.record_finished();
        stored
            .history
            .add(SessionRecord::from_session(&finished_session(90_000_000), 90_060_000).unwrap());
        let mut in_progress =
            Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        in_progress.apply(Event::Start, 200_000_000);
        stored.session = Some(in_progress);
        stored.settings.voice = false;
        stored.last_export_at = Some(5_000);
        stored.persist_asked = true;
        let document = stored.parts().to_json();
        let history = Stored::history_json(&stored.history, 0);
        (stored, document, history)
    }

    #[test]
    fn the_document_from_parts_is_the_document_of_the_whole() {
        let (stored, document, _) = saved();
        let written: Value = serde_json::from_str(&document).unwrap();
        let whole: Value = serde_json::from_str(&stored.to_json()).unwrap();
        assert_eq!(written, whole);
    }

    #[test]
    fn the_history_is_kept_beside_the_document_not_in_it() {
        let (stored, document, history) = saved();
        let written: Value = serde_json::from_str(&document).unwrap();
        assert_eq!(written["version"], STORE_VERSION);
        assert!(written.get("history").is_none());
        let back = Stored::load(Some(&document), Some(&history)).unwrap();
        assert_eq!(back.history, stored.history);
        assert_eq!(back.settings, stored.settings);
        assert_eq!(back.last_export_at, Some(5_000));
        // Without its history the document still loads.
        assert!(
            Stored::load(Some(&document), None)
                .unwrap()
                .history
                .is_empty()
        );
        assert!(matches!(
            Stored::load(Some(&document), Some("{\"sessions\":[")),
            Err(StoreError::HistoryUnreadable(_))
        ));
    }

    #[test]
    fn a_version_3_session_in_progress_resumes_as_one_set_of_each_exercise() {
        let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        session.apply(Event::Start, 1_000);
        session.apply(Event::Tick, 60_000);
        // The document as version 3 wrote it: no sets, no rest between sets, no user's version.
        let mut v3: Value = serde_json::from_str(
            &Stored::new(Settings::default(), Some(session.clone())).to_json(),
        )
        .unwrap();
        v3["version"] = 3.into();
        let object = v3.as_object_mut().unwrap();
        object.remove("my_routine");
        object.remove("schedule");
        let written = &mut object["session"];
        written["options"]
            .as_object_mut()
            .unwrap()
            .remove("rest_between_sets_ms");
        for entry in written["plan"].as_array_mut().unwrap() {
            let entry = entry.as_object_mut().unwrap();
            assert!(entry.remove("set").is_some() && entry.remove("sets").is_some());
        }
        let back = Stored::load(Some(&v3.to_string()), None).unwrap();
        assert_eq!(back.version, STORE_VERSION);
        assert!(back.my_routine.is_as_written());
        let resumed = back.session.unwrap();
        assert!(resumed.plan.iter().all(|p| (p.set, p.sets) == (1, 1)));
        assert_eq!(resumed.plan, session.plan);
        assert_eq!(
            (resumed.exercise, resumed.reps),
            (session.exercise, session.reps)
        );
        assert_eq!(resumed.paused_at, Some(60_000));
    }

    #[test]
    fn a_version_2_document_brings_its_history_to_the_history_key() {
        // Version 2 kept everything in one document.
        let (stored, document, history) = saved();
        let mut v2: Value = serde_json::from_str(&document).unwrap();
        v2["version"] = 2.into();
        v2["history"] = serde_json::from_str(&history).unwrap();
        let migrated = Stored::load(Some(&v2.to_string()), None).unwrap();
        let as_saved = Stored::load(Some(&document), Some(&history)).unwrap();
        assert_eq!(migrated.version, STORE_VERSION);
        assert_eq!(migrated.history, as_saved.history);
        assert_eq!(migrated.settings, stored.settings);
        assert!(migrated.my_routine.is_as_written());
        assert!(!migrated.schedule.is_set());
        // Saved again, it is a current document and its history under the history key.
        let again = Stored::load(
            Some(&migrated.parts().to_json()),
            Some(&Stored::history_json(&migrated.history, 0)),
        )
        .unwrap();
        assert_eq!(again, migrated);
        // A version 3 save cut short after the history: the version 2 document is still there,
        // and both histories are kept.
        let mut newer = migrated.history.clone();
        newer
            .add(SessionRecord::from_session(&finished_session(300_000_000), 300_060_000).unwrap());
        let both = Stored::load(
            Some(&v2.to_string()),
            Some(&Stored::history_json(&newer, 0)),
        )
        .unwrap();
        assert_eq!(both.history.len(), as_saved.history.len() + 1);
    }

    #[test]
    fn a_summary_left_in_one_tab_does_not_come_back_from_another() {
        // Both tabs saw the session finish; this one left its summary, the other still shows it
        // and saves it again.
        let finished = finished_session(1_000);
        let mut ours = Stored::new(Settings::default(), None);
        ours.summary_left = finished.started_at;
        let theirs = Stored::new(Settings::default(), Some(finished.clone()));
        let merged = ours.clone().merged_with(theirs.clone(), true);
        assert_eq!(merged.session, None);
        assert_eq!(merged.summary_left, finished.started_at);
        // The other tab keeps its summary until its user leaves it.
        assert_eq!(
            theirs.merged_with(ours, true).session,
            Some(finished.clone())
        );
        // A later session still comes through.
        let mut ours = Stored::new(Settings::default(), None);
        ours.summary_left = finished.started_at;
        let next = Stored::new(Settings::default(), Some(finished_session(500_000)));
        assert!(ours.merged_with(next, true).session.is_some());
    }

    #[test]
    fn merging_two_tabs_keeps_both_histories_and_the_newer_session() {
        let mut ours = Stored::new(Settings::default(), Some(finished_session(1_000)));
        ours.record_finished();
        let mut theirs = Stored::new(Settings::default(), Some(finished_session(500_000)));
        theirs.record_finished();
        theirs.settings.voice = false;
        let merged = ours.clone().merged_with(theirs.clone(), true);
        assert_eq!(merged.history.len(), 2);
        assert_eq!(merged.session, theirs.session, "theirs changed last");
        assert!(!merged.settings.voice);
        let merged = theirs.merged_with(ours, false);
        assert_eq!(merged.history.len(), 2);
        assert_eq!(merged.session.unwrap().started_at, Some(500_000));
    }

    /// One session as two tabs hold it: both started it at `start`; the user's events went to
    /// the first.
    fn one_session_in_two_tabs(start: Ms) -> (Session, Session) {
        let mut session = Session::new(&Routine::bundled(), Options::default(), |e| e.reps.default);
        session.apply(Event::Start, start);
        (session.clone(), session)
    }

    #[test]
    fn a_pause_in_one_tab_is_not_undone_by_the_other_tabs_running_clock() {
        // Tab A pauses; tab B, which only follows, has ticked its copy on since.
        let (mut paused_in_a, mut followed_in_b) = one_session_in_two_tabs(1_000);
        paused_in_a.apply(Event::Pause, 20_000);
        followed_in_b.apply(Event::Tick, 25_000);
        assert!(followed_in_b.clock > paused_in_a.clock);
        let tab_a = Stored::new(Settings::default(), Some(paused_in_a.clone()));
        let tab_b = Stored::new(Settings::default(), Some(followed_in_b.clone()));
        // B takes A's pause, and A keeps it when B's copy arrives late.
        let in_b = tab_b.clone().merged_with(tab_a.clone(), true);
        assert_eq!(in_b.session.as_ref().unwrap().paused_at, Some(20_000));
        let in_a = tab_a.merged_with(tab_b, true);
        assert_eq!(in_a.session, Some(paused_in_a));
    }

    #[test]
    fn the_end_given_in_one_tab_stays_over_the_other_tabs_later_copy() {
        let (mut ended_in_a, mut followed_in_b) = one_session_in_two_tabs(1_000);
        ended_in_a.apply(Event::End, 30_000);
        // B's copy moves on to another phase by itself, and is saved.
        let commands = followed_in_b.apply(Event::Tick, 90_000);
        assert!(commands.contains(&crate::core::session::Command::Save));
        let tab_a = Stored::new(Settings::default(), Some(ended_in_a));
        let tab_b = Stored::new(Settings::default(), Some(followed_in_b));
        let in_a = tab_a.merged_with(tab_b, true);
        assert_eq!(in_a.session.unwrap().phase, Phase::Done);
    }

    #[test]
    fn without_the_users_events_the_later_clock_of_one_session_wins() {
        // Neither tab acted on it since the start (or both documents come from before the count
        // was kept): the copy current to a later time is the one that went on.
        let (earlier, mut later) = one_session_in_two_tabs(1_000);
        later.apply(Event::Tick, 90_000);
        let merged = Stored::new(Settings::default(), Some(earlier))
            .merged_with(Stored::new(Settings::default(), Some(later.clone())), true);
        assert_eq!(merged.session, Some(later));
    }

    #[test]
    fn a_session_saved_before_the_users_events_were_counted_loads_with_none() {
        let (stored, document, history) = saved();
        let mut older: Value = serde_json::from_str(&document).unwrap();
        older["session"]
            .as_object_mut()
            .unwrap()
            .remove("user_events");
        let loaded = Stored::load(Some(&older.to_string()), Some(&history)).unwrap();
        let session = loaded.session.unwrap();
        assert_eq!(session.user_events, 0);
        assert_eq!(session.plan, stored.session.unwrap().plan);
    }
}
