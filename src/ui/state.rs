//! `AppState`, the context every screen reads, and the one road from a tap to the core
//! (`dispatch`) and from the core's commands to the world (`perform`).

use super::app_signal::AppSignal;
use super::{Notice, Screen};
use crate::browser::{audio, clock::now_ms, speech, storage, vibrate};
use crate::core::cues::CueSchedule;
use crate::core::language::{Language, Speaker, Voice, speech_tag};
use crate::core::my_routine::MyRoutine;
use crate::core::progress::{History, Overrides, SessionRecord, todays_target};
use crate::core::reminder::Schedule;
use crate::core::routine::Routine;
use crate::core::session::{Command, Cue, Event, Ms, Phase, Session};
use crate::core::settings::Settings;
use crate::core::speech_queue::{SpeechAction, SpeechQueue};
use crate::core::store::{BACKUP_KEY, HISTORY_KEY, STORE_KEY, Stored, StoredParts};
use crate::core::text::Text;
use leptos::prelude::*;
use std::time::Duration;

/// How far ahead sounds are handed to the audio clock: longer than the slowest frame of a
/// throttled tab, so the pacer keeps its beat when the main thread stalls.
const LOOK_AHEAD_MS: Ms = 1_500;

/// Room for one more session in the history's JSON (a record is about 1.3 KB).
pub(super) const RECORD_JSON_SIZE: usize = 2_048;

/// What every screen reads: the routine, the texts, the session, the settings, the history and
/// the time.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The language in use: its texts, and the routine in its words.
    pub language: AppSignal<Language>,
    /// The browser's languages, most wanted first (`navigator.languages`), as they change.
    pub browser_languages: AppSignal<Vec<String>>,
    /// The voices the device offers; empty until the browser has listed them.
    pub voices: AppSignal<Vec<Voice>>,
    /// The voice cues are spoken with, once the device has listed its voices.
    pub speaker: AppSignal<Speaker>,
    pub session: AppSignal<Option<Session>>,
    pub settings: AppSignal<Settings>,
    pub history: AppSignal<History>,
    /// The history as saved, written again only when the history changes (saves come on every
    /// change of phase).
    /// The history as written under its key, with a revision that grows with each change.
    pub(super) history_json: Memo<(u64, String)>,
    /// Targets set by hand, by exercise id.
    pub overrides: AppSignal<Overrides>,
    /// The user's version of the routine: their changes to it.
    pub my_routine: AppSignal<MyRoutine>,
    /// The days and time the user trains.
    pub schedule: AppSignal<Schedule>,
    pub last_export_at: AppSignal<Option<Ms>>,
    pub persist_asked: AppSignal<bool>,
    /// When the finished session whose summary was last left in this tab had started (never
    /// saved: see `Stored::summary_left`).
    pub summary_left: AppSignal<Option<Ms>>,
    pub screen: AppSignal<Screen>,
    pub now: AppSignal<Ms>,
    pub notices: AppSignal<Vec<Notice>>,
    /// Counts phase changes, so the flash can restart its animation.
    pub flash: AppSignal<u32>,
    pub keep_awake: AppSignal<bool>,
    /// Whether the first screen has been painted: what it does not need to be painted (the
    /// settings panel's chunk, the service worker, home's figures) waits for it.
    pub painted: AppSignal<bool>,
    pub(super) shell: StoredValue<Shell, LocalStorage>,
    /// The user's version of the routine as last built (by `my_routine::adapted`, a chunk of its
    /// own), with the routine as written and the changes it was built from.
    pub(super) version: AppSignal<Option<Version>>,
}

/// A user's version of the routine, built from `written` and `changes`.
#[derive(Clone, PartialEq)]
pub(super) struct Version {
    pub written: &'static Routine,
    pub changes: MyRoutine,
    pub routine: &'static Routine,
}

impl Version {
    /// `changes` laid over `written`, kept for as long as the app runs: a screen holds its
    /// routine for its whole life. Called from chunks only (`read_saved`, `my_routine::adapted`),
    /// so the first load goes without it.
    pub fn built(written: &'static Routine, changes: MyRoutine) -> Version {
        let routine: &'static Routine = Box::leak(Box::new(changes.applied_to(written)));
        Version {
            written,
            changes,
            routine,
        }
    }

    /// Built from this routine as written (the language in use) and these changes.
    pub fn is_of(&self, written: &'static Routine, changes: &MyRoutine) -> bool {
        std::ptr::eq(self.written, written) && self.changes == *changes
    }
}

/// The shell's own bookkeeping: sounds handed to the audio clock, the speech queue.
#[derive(Default)]
pub(super) struct Shell {
    schedule: CueSchedule,
    pending_sounds: Vec<((Cue, Ms), audio::ScheduledCue)>,
    speech: SpeechQueue,
    notified: Vec<Notice>,
    deadline_timer: Option<TimeoutHandle>,
    /// A stored document that could not be read nor set aside (storage full): the only copy,
    /// so nothing is saved over it until the user has downloaded it.
    unreadable_kept: Option<String>,
    /// The revision of the history last written under its key (0: not yet since the load).
    history_saved: u64,
}

impl Shell {
    /// A new shell, holding the stored document that could not be set aside, if any.
    pub(super) fn holding(unreadable_kept: Option<String>) -> Shell {
        Shell {
            unreadable_kept,
            ..Shell::default()
        }
    }
}

impl AppState {
    /// The texts of the language in use. Read untracked, as a screen is built: a change of
    /// language builds the screens again (see `App`).
    pub fn text(&self) -> &'static Text {
        self.language.with_untracked(|l| l.text)
    }

    /// The routine as the user does it (their version), in the words of the language in use.
    /// Screens are shown only once the version of their language is built (`version_ready`).
    pub fn routine(&self) -> &'static Routine {
        let written = self.written_routine();
        if self.my_routine.with_untracked(MyRoutine::is_as_written) {
            return written;
        }
        self.version.with_untracked(|version| match version {
            Some(version) if std::ptr::eq(version.written, written) => version.routine,
            _ => written,
        })
    }

    /// Whether `routine` is the user's version as it stands (or the screen is the one where it
    /// is being changed, which builds its own).
    pub(super) fn version_ready(&self) -> bool {
        let written = self.language.with(|l| l.routine);
        self.screen.get() == Screen::MyRoutine
            || self.my_routine.with(|mine| {
                mine.is_as_written()
                    || self
                        .version
                        .with(|v| v.as_ref().is_some_and(|v| v.is_of(written, mine)))
            })
    }

    /// The routine as written, in the words of the language in use.
    pub fn written_routine(&self) -> &'static Routine {
        self.language.with_untracked(|l| l.routine)
    }

    /// Changes the user's version of the routine, and saves it.
    pub fn change_my_routine(&self, change: impl FnOnce(&mut MyRoutine, &Routine)) {
        let written = self.written_routine();
        self.my_routine.update(|mine| change(mine, written));
        self.save();
    }

    /// The document that could not be read, exactly as it was: set aside in storage, or held
    /// here when there was no room for it.
    pub fn unreadable_document(&self) -> Option<String> {
        self.shell
            .with_value(|shell| shell.unreadable_kept.clone())
            .or_else(|| storage::read(BACKUP_KEY).ok().flatten())
    }

    /// The user has the unreadable document as a file, or has chosen to discard it: what they
    /// do now may be saved again, over it.
    pub fn release_unreadable_document(&self) {
        let held = self
            .shell
            .try_update_value(|shell| shell.unreadable_kept.take().is_some())
            .unwrap_or(false);
        if held {
            self.dismiss(Notice::StorageUnreadableNotMoved);
            self.save();
        }
    }

    /// The one way a UI event reaches the core: stamp it with the time, apply it, perform what
    /// the core asks for.
    pub fn dispatch(&self, event: Event) {
        let now = now_ms();
        self.now.set(now);
        if event != Event::Tick {
            // A user's tap: browsers let audio start only inside one.
            audio::unlock();
            // The course may change: sounds scheduled for later are void.
            self.cancel_pending_sounds(now);
        }
        let mut commands = Vec::new();
        let mut ahead = Vec::new();
        self.session.update(|session| {
            if let Some(session) = session {
                commands = session.apply(event, now);
                ahead = self
                    .shell
                    .try_update_value(|shell| {
                        shell.schedule.look_ahead(session, now, LOOK_AHEAD_MS)
                    })
                    .unwrap_or_default();
            }
        });
        self.record_if_done();
        self.perform(&commands, now);
        self.schedule_sounds(&ahead, now);
        self.wake_at_next_deadline(now);
    }

    /// Arms a timer for the session's next deadline, so the state changes on time even when
    /// animation frames stop (a hidden page) and the regular timer is slow.
    fn wake_at_next_deadline(&self, now: Ms) {
        let deadline = self
            .session
            .with_untracked(|s| s.as_ref().and_then(Session::next_deadline));
        let state = *self;
        let timer = deadline.and_then(|deadline| {
            set_timeout_with_handle(
                move || state.dispatch(Event::Tick),
                Duration::from_millis(deadline.saturating_sub(now)),
            )
            .ok()
        });
        self.shell.update_value(|shell| {
            if let Some(old) = std::mem::replace(&mut shell.deadline_timer, timer) {
                old.clear();
            }
        });
    }

    /// A session that just finished goes into the history (once: records are keyed by start).
    fn record_if_done(&self) {
        let record = self.session.with_untracked(|s| {
            s.as_ref()
                .filter(|s| s.phase == Phase::Done)
                .and_then(|s| SessionRecord::from_session(s, s.clock))
        });
        if let Some(record) = record
            && self.history.with_untracked(|h| h.get(&record.id).is_none())
        {
            self.history.update(|h| {
                h.add(record);
            });
        }
    }

    /// Today's target for each exercise: earned by progression, or set by hand.
    pub fn target_for(&self, exercise: &crate::core::routine::Exercise) -> u32 {
        self.history.with_untracked(|h| {
            self.overrides
                .with_untracked(|o| todays_target(exercise, h, o))
        })
    }

    /// Everything that is saved, as one document.
    pub fn stored(&self) -> Stored {
        Stored {
            history: self.history.get_untracked(),
            overrides: self.overrides.get_untracked(),
            my_routine: self.my_routine.get_untracked(),
            schedule: self.schedule.get_untracked(),
            last_export_at: self.last_export_at.get_untracked(),
            persist_asked: self.persist_asked.get_untracked(),
            summary_left: self.summary_left.get_untracked(),
            ..Stored::new(self.settings.get_untracked(), self.session.get_untracked())
        }
    }

    /// Takes a whole document (from another tab, or an import) as the app's state.
    pub fn adopt(&self, stored: Stored) {
        self.settings.set(stored.settings);
        self.history.set(stored.history);
        self.overrides.set(stored.overrides);
        if stored.my_routine != self.my_routine.get_untracked() {
            self.my_routine.set(stored.my_routine);
        }
        if stored.schedule != self.schedule.get_untracked() {
            self.schedule.set(stored.schedule);
        }
        self.last_export_at.set(stored.last_export_at);
        self.persist_asked.set(stored.persist_asked);
        if stored.session != self.session.get_untracked() {
            self.session.set(stored.session);
        }
    }

    /// Starts a new session with today's settings and targets.
    pub fn start(&self) {
        audio::unlock();
        let options = self.session_options();
        let session = Session::new(self.routine(), options, |e| self.target_for(e));
        self.session.set(Some(session));
        self.dispatch(Event::Start);
    }

    /// The options a session starts with: the settings, and the rest between sets of the user's
    /// version.
    pub fn session_options(&self) -> crate::core::session::Options {
        let mut options = self.settings.with_untracked(|s| s.session.clone());
        let rest_s = self
            .my_routine
            .with_untracked(|mine| mine.rest_between_sets_s(self.written_routine()));
        options.rest_between_sets_ms = Ms::from(rest_s) * 1000;
        options
    }

    /// Leaves the summary for the home screen.
    pub fn go_home(&self) {
        let started_at = self
            .session
            .with_untracked(|s| s.as_ref().and_then(|s| s.started_at));
        self.summary_left
            .update(|left| *left = (*left).max(started_at));
        self.session.set(None);
        self.save();
    }

    pub fn update_settings(&self, change: impl FnOnce(&mut Settings)) {
        self.settings.update(|s| {
            change(s);
            *s = s.clone().sanitized();
        });
        audio::set_volume(self.settings.with_untracked(|s| s.volume));
        self.save();
    }

    pub fn dismiss(&self, notice: Notice) {
        self.notices.update(|n| n.retain(|x| *x != notice));
    }

    /// Shows a notice once per page load, even if the cause comes back after it was dismissed.
    pub(super) fn notify(&self, notice: Notice) {
        let new = self
            .shell
            .try_update_value(|shell| {
                let new = !shell.notified.contains(&notice);
                shell.notified.push(notice);
                new
            })
            .unwrap_or(false);
        if new {
            self.notices.update(|n| n.push(notice));
        }
    }

    /// Speech that outlived its estimate (an engine that never says "ended") gives way.
    pub(super) fn tick_speech(&self) {
        let actions = self
            .shell
            .try_update_value(|shell| shell.speech.tick(now_ms()))
            .unwrap_or_default();
        self.run_speech(actions);
    }

    /// Writes the whole document. Another tab's writes reach this one through storage events and
    /// are merged in first, so this write carries their data too.
    pub fn save(&self) {
        if self
            .shell
            .with_value(|shell| shell.unreadable_kept.is_some())
        {
            return;
        }
        // The history first, and only when it has changed: a save cut short between the two
        // writes leaves the document of before, which the next load takes with this history.
        let saved = self.shell.with_value(|shell| shell.history_saved);
        let written = self.history_json.with_untracked(|(revision, json)| {
            (*revision != saved).then(|| (*revision, storage::write(HISTORY_KEY, json)))
        });
        match written {
            Some((revision, Ok(()))) => self
                .shell
                .update_value(|shell| shell.history_saved = revision),
            Some((_, Err(error))) => return self.storage_failed(error),
            None => {}
        }
        let (settings, session, overrides, my_routine, schedule) = (
            self.settings.get_untracked(),
            self.session.get_untracked(),
            self.overrides.get_untracked(),
            self.my_routine.get_untracked(),
            self.schedule.get_untracked(),
        );
        let document = StoredParts {
            settings: &settings,
            session: &session,
            overrides: &overrides,
            my_routine: &my_routine,
            schedule: &schedule,
            last_export_at: self.last_export_at.get_untracked(),
            persist_asked: self.persist_asked.get_untracked(),
        }
        .to_json();
        if let Err(error) = storage::write(STORE_KEY, &document) {
            self.storage_failed(error);
        }
    }

    fn storage_failed(&self, error: storage::StorageError) {
        match error {
            storage::StorageError::Quota => self.notify(Notice::StorageFull),
            _ => self.notify(Notice::StorageUnavailable),
        }
    }

    fn perform(&self, commands: &[Command], now: Ms) {
        let settings = self.settings.get_untracked();
        let due = self
            .shell
            .try_update_value(|shell| shell.schedule.due(commands, now))
            .unwrap_or_default();
        for &(cue, at) in &due {
            self.feel(cue, &settings);
            if settings.sound {
                audio::play_at(cue, at as f64 - now as f64);
            }
        }
        for command in commands {
            match *command {
                Command::Cue { .. } => {}
                Command::Say { speech, at } if settings.voice => self.say(speech, at, now),
                Command::Say { .. } => {}
                Command::KeepAwake(on) => self.keep_awake.set(on),
                Command::Save => self.save(),
            }
        }
    }

    /// Vibration and the screen flash, for cues that mark a change of phase.
    fn feel(&self, cue: Cue, settings: &Settings) {
        let pattern: &[u32] = match cue {
            Cue::Go | Cue::HoldEnd => &[120],
            Cue::SwitchLegs | Cue::ExerciseDone => &[200, 100, 200],
            Cue::RoutineDone => &[300, 100, 300, 100, 300],
            _ => return,
        };
        if settings.vibration {
            vibrate::vibrate(pattern);
        }
        if settings.flash {
            self.flash.update(|n| *n += 1);
        }
    }

    fn say(&self, speech: crate::core::session::Speech, at: Ms, now: Ms) {
        // A device whose voices all speak other languages would read the cue wrongly: the beeps
        // say it instead (a notice has told the user so).
        if self.speaker.with_untracked(|s| *s == Speaker::Missing) {
            return;
        }
        let words = self.words(speech);
        let actions = self
            .shell
            .try_update_value(|shell| shell.speech.offer(speech, words.chars().count(), at, now))
            .unwrap_or_default();
        self.run_speech(actions);
    }

    /// The words of a spoken cue, naming the exercises of the session's plan.
    fn words(&self, speech: crate::core::session::Speech) -> String {
        let (text, routine) = (self.text(), self.routine());
        self.session.with_untracked(|session| {
            let plan = session.as_ref().map_or(&[][..], |s| &s.plan[..]);
            text.speech(routine, plan, speech)
        })
    }

    fn run_speech(&self, actions: Vec<SpeechAction>) {
        let state = *self;
        for action in actions {
            match action {
                SpeechAction::Cancel => speech::cancel(),
                SpeechAction::Speak(next) => {
                    let words = self.words(next);
                    let tag = self
                        .browser_languages
                        .with_untracked(|tags| speech_tag(self.text().language, tags));
                    let rate = self.settings.with_untracked(|s| s.speech_rate);
                    let voice = self.speaker.with_untracked(|s| match s {
                        Speaker::Voice(name) => Some(name.clone()),
                        _ => None,
                    });
                    speech::speak(&words, &tag, voice.as_deref(), rate, move || {
                        let actions = state
                            .shell
                            .try_update_value(|shell| shell.speech.finished(now_ms()))
                            .unwrap_or_default();
                        state.run_speech(actions);
                    });
                }
            }
        }
    }

    fn schedule_sounds(&self, ahead: &[(Cue, Ms)], now: Ms) {
        if !self.settings.with_untracked(|s| s.sound) {
            return;
        }
        for &(cue, at) in ahead {
            if let Some(handle) = audio::play_at(cue, at as f64 - now as f64) {
                self.shell
                    .update_value(|shell| shell.pending_sounds.push(((cue, at), handle)));
            }
        }
        // Forget handles of sounds already played.
        self.shell
            .update_value(|shell| shell.pending_sounds.retain(|((_, at), _)| *at > now));
    }

    fn cancel_pending_sounds(&self, now: Ms) {
        self.shell.update_value(|shell| {
            shell.schedule.forget_after(now);
            for ((_, at), handle) in shell.pending_sounds.drain(..) {
                if at > now {
                    handle.cancel();
                }
            }
        });
    }
}
