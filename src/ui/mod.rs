//! Leptos components: they read state and forward events as core events. `AppState::dispatch`
//! is the one road from a tap to the core, and `Shell::perform` the one place the core's
//! commands touch the world.

mod app_signal;
mod backup_nudge;
mod figure;
mod history;
mod home;
mod player;
mod print;
mod settings;
mod summary;
mod update_prompt;

use crate::browser::{
    audio, clock::now_ms, files, frames, persist, speech, storage, vibrate, visibility, wake_lock,
};
use crate::core::cues::CueSchedule;
use crate::core::progress::{History, Overrides, SessionRecord, todays_target};
use crate::core::routine::Routine;
use crate::core::session::{Command, Cue, Event, Ms, Phase, Session};
use crate::core::settings::Settings;
use crate::core::speech_queue::{SpeechAction, SpeechQueue};
use crate::core::store::{BACKUP_KEY, STORE_KEY, StoreError, Stored, StoredParts};
use crate::core::text::Text;
use app_signal::AppSignal;
use leptos::prelude::*;
use std::time::Duration;

/// The session catches up with the clock on every animation frame, and at least this often when
/// frames stop (a hidden page). Time itself comes from timestamps either way.
const FRAME_MS: u64 = 250;
/// How far ahead sounds are handed to the audio clock: longer than the slowest frame of a
/// throttled tab, so the pacer keeps its beat when the main thread stalls.
const LOOK_AHEAD_MS: Ms = 1_500;

/// Room for one more session in the history's JSON (a record is about 1.3 KB).
const RECORD_JSON_SIZE: usize = 2_048;

/// A message shown until dismissed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Notice {
    StorageUnavailable,
    StorageFull,
    StorageUnreadable,
    WakeLockUnsupported,
}

/// The screens reached from home (the player and summary follow the session).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Home,
    History,
}

/// What every screen reads: the routine, the texts, the session, the settings, the history and
/// the time.
#[derive(Clone, Copy)]
pub struct AppState {
    pub routine: &'static Routine,
    pub text: &'static Text,
    pub session: AppSignal<Option<Session>>,
    pub settings: AppSignal<Settings>,
    pub history: AppSignal<History>,
    /// The history as saved, written again only when the history changes (saves come on every
    /// change of phase).
    history_json: Memo<String>,
    /// Targets set by hand, by exercise id.
    pub overrides: AppSignal<Overrides>,
    pub last_export_at: AppSignal<Option<Ms>>,
    pub persist_asked: AppSignal<bool>,
    pub screen: AppSignal<Screen>,
    pub now: AppSignal<Ms>,
    pub notices: AppSignal<Vec<Notice>>,
    /// Counts phase changes, so the flash can restart its animation.
    pub flash: AppSignal<u32>,
    pub keep_awake: AppSignal<bool>,
    shell: StoredValue<Shell, LocalStorage>,
}

/// The shell's own bookkeeping: sounds handed to the audio clock, the speech queue.
#[derive(Default)]
struct Shell {
    schedule: CueSchedule,
    pending_sounds: Vec<((Cue, Ms), audio::ScheduledCue)>,
    speech: SpeechQueue,
    notified: Vec<Notice>,
    deadline_timer: Option<TimeoutHandle>,
}

impl AppState {
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
            last_export_at: self.last_export_at.get_untracked(),
            persist_asked: self.persist_asked.get_untracked(),
            ..Stored::new(self.settings.get_untracked(), self.session.get_untracked())
        }
    }

    /// Takes a whole document (from another tab, or an import) as the app's state.
    pub fn adopt(&self, stored: Stored) {
        self.settings.set(stored.settings);
        self.history.set(stored.history);
        self.overrides.set(stored.overrides);
        self.last_export_at.set(stored.last_export_at);
        self.persist_asked.set(stored.persist_asked);
        if stored.session != self.session.get_untracked() {
            self.session.set(stored.session);
        }
    }

    /// Starts a new session with today's settings and targets.
    pub fn start(&self) {
        audio::unlock();
        let options = self.settings.with_untracked(|s| s.session.clone());
        let session = Session::new(self.routine, options, |e| self.target_for(e));
        self.session.set(Some(session));
        self.dispatch(Event::Start);
    }

    /// Leaves the summary for the home screen.
    pub fn go_home(&self) {
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
    fn notify(&self, notice: Notice) {
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
    fn tick_speech(&self) {
        let actions = self
            .shell
            .try_update_value(|shell| shell.speech.tick(now_ms()))
            .unwrap_or_default();
        self.run_speech(actions);
    }

    /// Writes the whole document. Another tab's writes reach this one through storage events and
    /// are merged in first, so this write carries their data too.
    pub fn save(&self) {
        // The small parts are copied; the history is written from its JSON, kept since it last
        // changed.
        let (settings, session, overrides) = (
            self.settings.get_untracked(),
            self.session.get_untracked(),
            self.overrides.get_untracked(),
        );
        let document = self.history_json.with_untracked(|history_json| {
            StoredParts {
                settings: &settings,
                session: &session,
                overrides: &overrides,
                last_export_at: self.last_export_at.get_untracked(),
                persist_asked: self.persist_asked.get_untracked(),
                history_json,
            }
            .to_json()
        });
        match storage::write(STORE_KEY, &document) {
            Ok(()) => {}
            Err(storage::StorageError::Quota) => self.notify(Notice::StorageFull),
            Err(_) => self.notify(Notice::StorageUnavailable),
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
        let words = self.text.speech(self.routine, speech);
        let actions = self
            .shell
            .try_update_value(|shell| shell.speech.offer(speech, words.chars().count(), at, now))
            .unwrap_or_default();
        self.run_speech(actions);
    }

    fn run_speech(&self, actions: Vec<SpeechAction>) {
        let state = *self;
        for action in actions {
            match action {
                SpeechAction::Cancel => speech::cancel(),
                SpeechAction::Speak(next) => {
                    let words = self.text.speech(self.routine, next);
                    speech::speak(&words, &self.text.language, move || {
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

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Reads the stored document; an unreadable one is moved aside, never overwritten unseen.
fn load_stored() -> (Stored, Option<Notice>) {
    match storage::read(STORE_KEY) {
        Err(_) => (
            Stored::load(None).unwrap_or_default(),
            Some(Notice::StorageUnavailable),
        ),
        Ok(raw) => match Stored::load(raw.as_deref()) {
            Ok(stored) => (stored, None),
            Err(StoreError::Unreadable(_) | StoreError::TooNew(_)) => {
                if let Some(raw) = raw {
                    let _ = storage::write(BACKUP_KEY, &raw);
                }
                (
                    Stored::load(None).unwrap_or_default(),
                    Some(Notice::StorageUnreadable),
                )
            }
        },
    }
}

/// The whole app: home, player or summary, by the session's phase.
#[component]
pub fn App() -> impl IntoView {
    let (mut stored, notice) = load_stored();
    let routine: &'static Routine = Box::leak(Box::new(Routine::bundled()));
    // A session saved by a build with another routine cannot be resumed faithfully.
    if let Some(session) = &stored.session
        && !session
            .plan
            .iter()
            .map(|p| &p.id)
            .eq(routine.exercises.iter().map(|e| &e.id))
    {
        stored.session = None;
    }
    let history = AppSignal::new(stored.history);
    let state = AppState {
        routine,
        text: Box::leak(Box::new(Text::bundled())),
        session: AppSignal::new(stored.session),
        settings: AppSignal::new(stored.settings),
        history,
        history_json: Memo::new(move |previous: Option<&String>| {
            let size_hint = previous.map_or(0, |json| json.len() + RECORD_JSON_SIZE);
            history.with(|history| Stored::history_json(history, size_hint))
        }),
        overrides: AppSignal::new(stored.overrides),
        last_export_at: AppSignal::new(stored.last_export_at),
        persist_asked: AppSignal::new(stored.persist_asked),
        screen: AppSignal::new(Screen::Home),
        now: AppSignal::new(now_ms()),
        notices: AppSignal::new(notice.into_iter().collect()),
        flash: AppSignal::new(0),
        keep_awake: AppSignal::new(false),
        shell: StoredValue::new_local(Shell::default()),
    };
    provide_context(state);
    audio::set_volume(state.settings.with_untracked(|s| s.volume));

    let running = move || {
        state
            .session
            .with_untracked(|s| s.as_ref().is_some_and(|s| s.is_active() && !s.is_paused()))
    };
    let tick = move || {
        if running() {
            state.dispatch(Event::Tick);
        }
    };
    // Each frame moves the displayed time; the session itself is advanced only when a deadline
    // has passed (and by the slower timer, which also refills the sound look-ahead).
    frames::use_animation_frames(move || {
        let now = now_ms();
        let due = state.session.with_untracked(|s| {
            s.as_ref()
                .and_then(Session::next_deadline)
                .is_some_and(|deadline| deadline <= now)
        });
        if due {
            state.dispatch(Event::Tick);
        } else if running() {
            state.now.set(now);
        }
    });
    let ticker = set_interval_with_handle(
        move || {
            tick();
            state.tick_speech();
        },
        Duration::from_millis(FRAME_MS),
    );
    if let Ok(handle) = ticker {
        on_cleanup(move || handle.clear());
    }

    // Another tab saved: take its newer data, keep ours, so neither overwrites the other.
    let other_tab = window_event_listener(leptos::ev::storage, move |e| {
        if e.key().as_deref() != Some(STORE_KEY) {
            return;
        }
        let Some(Ok(theirs)) = e.new_value().map(|raw| Stored::load(Some(&raw))) else {
            return;
        };
        let ours = state.stored();
        state.adopt(ours.merged_with(theirs, true));
    });
    on_cleanup(move || other_tab.remove());

    // Back from hiding: the audio may have been suspended by the system, and the screen shows
    // where the session is now (the next tick would too; this is at once).
    let visible = visibility::use_page_visible();
    Effect::new(move |_| {
        if visible.get() {
            audio::resume_if_interrupted();
            state.dispatch(Event::Tick);
        }
    });

    // Hidden or left (a reload, a closed tab): save where the session is at this moment, so it
    // comes back from here and not from its last change of phase (mid-hold, that is seconds ago).
    // Synchronous listeners, since an effect may not run before the page is gone.
    let save_now = move || {
        state.dispatch(Event::Tick);
        state.save();
    };
    let hiding = window_event_listener(leptos::ev::visibilitychange, move |_| {
        if document().hidden() {
            save_now();
        }
    });
    let leaving = window_event_listener(leptos::ev::pagehide, move |_| save_now());
    on_cleanup(move || {
        hiding.remove();
        leaving.remove();
    });

    // After the first finished session, ask once that the browser keep the data (otherwise it
    // may clear it when space runs low).
    Effect::new(move |_| {
        let finished = state
            .history
            .with(|h| h.sessions().iter().any(|s| !s.abandoned));
        if finished && !state.persist_asked.get_untracked() {
            state.persist_asked.set(true);
            state.save();
            leptos::task::spawn_local(async {
                let _ = persist::persist().await;
            });
        }
    });

    let awake = wake_lock::use_wake_lock(state.keep_awake.into());
    if !awake.supported {
        Effect::new(move |_| {
            if state.keep_awake.get() {
                state.notify(Notice::WakeLockUnsupported);
            }
        });
    }

    // A memo, so the screen is rebuilt only when it changes, not on every tick.
    let screen = Memo::new(move |_| {
        state.session.with(|s| match s.as_ref().map(|s| s.phase) {
            None | Some(Phase::NotStarted) => match state.screen.get() {
                Screen::Home => "home",
                Screen::History => "history",
            },
            Some(Phase::Done) => "summary",
            Some(_) => "player",
        })
    });
    let flash_key = move || state.flash.get();
    view! {
        <main id="app" class="app">
            <Notices />
            {move || match screen.get() {
                "home" => home::Home().into_any(),
                "history" => history::HistoryScreen().into_any(),
                "summary" => summary::Summary().into_any(),
                _ => player::Player().into_any(),
            }}
            {move || {
                (flash_key() > 0)
                    .then(|| view! { <div class="flash" data-flash=flash_key() aria-hidden="true"></div> })
            }}
        </main>
    }
}

/// Messages about storage and the screen, each dismissed by the user.
#[component]
fn Notices() -> impl IntoView {
    let app = use_app();
    let ui = &app.text.ui;
    let message = move |notice: Notice| match notice {
        Notice::StorageUnavailable => ui.notice_storage_unavailable.clone(),
        Notice::StorageFull => ui.notice_storage_full.clone(),
        Notice::StorageUnreadable => ui.notice_storage_unreadable.clone(),
        Notice::WakeLockUnsupported => ui.notice_wake_lock.clone(),
    };
    view! {
        <div class="notices" role="status">
            <For each=move || app.notices.get() key=|n| *n let(notice)>
                <p class="notice">
                    <span>{message(notice)}</span>
                    {(notice == Notice::StorageUnreadable)
                        .then(|| {
                            view! {
                                <button class="notice-dismiss" on:click=|_| download_unreadable()>
                                    {ui.download.clone()}
                                </button>
                            }
                        })}
                    <button class="notice-dismiss" on:click=move |_| app.dismiss(notice)>
                        {ui.dismiss.clone()}
                    </button>
                </p>
            </For>
        </div>
    }
}

/// Offers the document that could not be read, exactly as it was, as a file to keep.
fn download_unreadable() {
    if let Ok(Some(raw)) = storage::read(BACKUP_KEY) {
        let name = crate::core::history_display::file_name("bia-unreadable", now_ms(), "txt");
        let _ = files::download_text(&name, "text/plain", &raw);
    }
}
