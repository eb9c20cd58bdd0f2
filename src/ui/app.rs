//! The whole app: the state read back from storage, the clock that moves a running session, the
//! other tabs' writes, and the screen the session's phase calls for.

use super::app_signal::AppSignal;
use super::language;
use super::state::{AppState, RECORD_JSON_SIZE, Shell};
use super::{
    Notice, Screen, backup_nudge, history, home, my_routine, notices::Notices, player, summary,
};
use crate::browser::{
    audio, clock::now_ms, frames, languages, persist, storage, visibility, wake_lock,
};
use crate::core::session::{Event, Phase, Session};
use crate::core::store::{BACKUP_KEY, HISTORY_KEY, STORE_KEY, StoreError, Stored};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;
use std::time::Duration;

/// The session catches up with the clock on every animation frame, and at least this often when
/// frames stop (a hidden page). Time itself comes from timestamps either way.
const FRAME_MS: u64 = 250;

/// What storage holds as the app starts: nothing (a first visit), the stored document and
/// history as text, or no storage at all.
enum Saved {
    Nothing,
    Text(Option<String>, Option<String>),
    NoStorage,
}

fn saved() -> Saved {
    match (storage::read(STORE_KEY), storage::read(HISTORY_KEY)) {
        (Ok(None), Ok(None)) => Saved::Nothing,
        (Ok(raw), Ok(history_raw)) => Saved::Text(raw, history_raw),
        _ => Saved::NoStorage,
    }
}

/// What the app starts from: the stored data, a notice about it, and the stored text that could
/// be neither read nor set aside (held until the user has downloaded it).
type Loaded = (Stored, Option<Notice>, Option<String>);

fn fresh() -> Stored {
    Stored::new(Default::default(), None)
}

/// Reads the stored document and history; what cannot be read is moved aside, never
/// overwritten unseen, and the rest is used. When there is no room to move it, it is handed back
/// to be held. A wasm chunk of its own (`#[lazy]`): the reader of every stored type is fetched
/// only when something is stored, so a first visit goes without it.
#[lazy]
async fn read_saved(raw: Option<String>, history_raw: Option<String>) -> Loaded {
    let error = match Stored::load(raw.as_deref(), history_raw.as_deref()) {
        Ok(stored) => return (stored, None, None),
        Err(error) => error,
    };
    let (unreadable, rest) = match error {
        StoreError::HistoryUnreadable(_) => (history_raw, Stored::load(raw.as_deref(), None)),
        StoreError::Unreadable(_) | StoreError::TooNew(_) => {
            (raw, Stored::load(None, history_raw.as_deref()))
        }
    };
    let rest = rest.unwrap_or_else(|_| fresh());
    match unreadable {
        Some(text) if storage::write(BACKUP_KEY, &text).is_err() => {
            (rest, Some(Notice::StorageUnreadableNotMoved), Some(text))
        }
        _ => (rest, Some(Notice::StorageUnreadable), None),
    }
}

/// Another tab's document and history, if they can be read (a chunk of its own, as above).
#[lazy]
async fn read_theirs(raw: Option<String>, history_raw: Option<String>) -> Option<Stored> {
    Stored::load(raw.as_deref(), history_raw.as_deref()).ok()
}

/// The whole app: home, player or summary, by the session's phase, once what is stored is read.
#[component]
pub fn App() -> impl IntoView {
    match saved() {
        Saved::Nothing => Either::Left(run((fresh(), None, None))),
        Saved::NoStorage => Either::Left(run((fresh(), Some(Notice::StorageUnavailable), None))),
        Saved::Text(raw, history_raw) => Either::Right(Suspend::new(async move {
            run(read_saved(raw, history_raw).await)
        })),
    }
}

fn run((mut stored, notice, unreadable_kept): Loaded) -> impl IntoView {
    let english = language::english();
    let routine = english.routine;
    // A session saved by a build with another routine cannot be resumed faithfully: it must do
    // each of this routine's exercises (in the user's order, with their sets), and no other.
    if let Some(session) = &stored.session
        && !(session
            .plan
            .iter()
            .all(|p| routine.exercise(&p.id).is_some())
            && routine
                .exercises
                .iter()
                .all(|e| session.plan.iter().any(|p| p.id == e.id)))
    {
        stored.session = None;
    }
    // An order that names an exercise twice, or one this routine lacks, is set back to the
    // routine's; the user's other changes stay.
    let (my_routine, order_repaired) = std::mem::take(&mut stored.my_routine).repaired(routine);
    let history = AppSignal::new(stored.history);
    let state = AppState {
        language: AppSignal::new(english),
        browser_languages: AppSignal::new(languages::preferred()),
        voices: AppSignal::new(Vec::new()),
        speaker: AppSignal::new(Default::default()),
        session: AppSignal::new(stored.session),
        settings: AppSignal::new(stored.settings),
        history,
        history_json: Memo::new(move |previous: Option<&(u64, String)>| {
            let (revision, size_hint) = previous.map_or((1, 0), |(revision, json)| {
                (revision + 1, json.len() + RECORD_JSON_SIZE)
            });
            history.with(|history| (revision, Stored::history_json(history, size_hint)))
        }),
        overrides: AppSignal::new(stored.overrides),
        my_routine: AppSignal::new(my_routine),
        schedule: AppSignal::new(stored.schedule),
        last_export_at: AppSignal::new(stored.last_export_at),
        persist_asked: AppSignal::new(stored.persist_asked),
        summary_left: AppSignal::new(None),
        screen: AppSignal::new(Screen::Home),
        now: AppSignal::new(now_ms()),
        notices: AppSignal::new(Vec::new()),
        flash: AppSignal::new(0),
        keep_awake: AppSignal::new(false),
        shell: StoredValue::new_local(Shell::holding(unreadable_kept)),
        versions: StoredValue::new_local(Default::default()),
    };
    provide_context(state);
    // Through `notify`, so a later failure of the same kind is not shown a second time.
    if let Some(notice) = notice {
        state.notify(notice);
    }
    if order_repaired {
        state.notify(Notice::OrderRepaired);
    }
    // Until the language asked for is in (a translation is fetched), nothing is shown, so the
    // first screen is never painted in English first.
    let pending = RwSignal::new(true);
    // A change of the device's languages is followed at once, mid-session too.
    languages::on_change(move |preferred| state.browser_languages.set(preferred));
    language::follow(state, pending);
    audio::set_volume(state.settings.with_untracked(|s| s.volume));

    // The clock runs only while a session does, so a screen at rest asks for no frames and no
    // timers: frames while the session moves, the slower timer while it is under way (paused
    // too: it lets speech that never ended give way).
    let active = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().is_some_and(Session::is_active))
    });
    let running = Memo::new(move |_| {
        state
            .session
            .with(|s| s.as_ref().is_some_and(|s| s.is_active() && !s.is_paused()))
    });
    // Each frame moves the displayed time; the session itself is advanced only when a deadline
    // has passed (and by the slower timer, which also refills the sound look-ahead).
    Effect::new(move |_| {
        if running.get() {
            frames::use_animation_frames(move || {
                let now = now_ms();
                let due = state.session.with_untracked(|s| {
                    s.as_ref()
                        .and_then(Session::next_deadline)
                        .is_some_and(|deadline| deadline <= now)
                });
                if due {
                    state.dispatch(Event::Tick);
                } else if running.get_untracked() {
                    state.now.set(now);
                }
            });
        }
    });
    Effect::new(move |_| {
        if !active.get() {
            return;
        }
        let ticker = set_interval_with_handle(
            move || {
                if running.get_untracked() {
                    state.dispatch(Event::Tick);
                }
                state.tick_speech();
            },
            Duration::from_millis(FRAME_MS),
        );
        if let Ok(handle) = ticker {
            on_cleanup(move || handle.clear());
        }
    });

    // Another tab saved: take its newer data, keep ours, so neither overwrites the other.
    let other_tab = window_event_listener(leptos::ev::storage, move |e| {
        let key = e.key();
        if !matches!(key.as_deref(), Some(STORE_KEY | HISTORY_KEY)) {
            return;
        }
        // What changed as the event has it (the storage this tab reads may not have it yet, in
        // WebKit), the other key as stored.
        let read = |wanted: &str| match key.as_deref() == Some(wanted) {
            true => Ok(e.new_value()),
            false => storage::read(wanted),
        };
        let (Ok(raw), Ok(history_raw)) = (read(STORE_KEY), read(HISTORY_KEY)) else {
            return;
        };
        leptos::task::spawn_local(async move {
            if let Some(theirs) = read_theirs(raw, history_raw).await {
                let ours = state.stored();
                state.adopt(ours.merged_with(theirs, true));
            }
        });
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

    // The player, summary and history screens are chunks of their own: fetched a moment after
    // the first screen is painted, so that opening one later waits for nothing, offline too.
    request_animation_frame(move || {
        set_timeout(
            move || {
                leptos::task::spawn_local(async move {
                    player::__preload_player_screen().await;
                    summary::__preload_summary_screen().await;
                    history::__preload_history_screen().await;
                    my_routine::__preload_my_routine_screen().await;
                    backup_nudge::__preload_export_backup().await;
                    language::watch_voices(state).await;
                    // The still figures, which printing needs at once.
                    super::figure::__preload_still_drawing().await;
                })
            },
            Duration::from_secs(1),
        )
    });

    // A memo, so the screen is rebuilt only when it changes, not on every tick.
    let screen = Memo::new(move |_| {
        state.session.with(|s| match s.as_ref().map(|s| s.phase) {
            None | Some(Phase::NotStarted) => match state.screen.get() {
                Screen::Home => "home",
                Screen::History => "history",
                Screen::MyRoutine => "my-routine",
            },
            Some(Phase::Done) => "summary",
            Some(_) => "player",
        })
    });
    // A new language builds every screen again in its words (a screen reads its texts once, as
    // it is built). The session and its clock live above, so a running player carries on. Each
    // change of language flips the variant below, so the screens are built anew rather than
    // updated in place (a `Suspend` updated in place keeps the old screen alive): cheaper in the
    // wasm than a keyed list.
    let shown = Memo::new(move |previous: Option<&Option<(&'static str, bool)>>| {
        if pending.get() {
            return None;
        }
        let code = state.language.with(|l| l.text.language);
        Some(match previous.copied().flatten() {
            Some((shown, flip)) if shown == code => (code, flip),
            Some((_, flip)) => (code, !flip),
            None => (code, false),
        })
    });
    view! {
        {move || shown.get().map(|(_, flip)| match flip {
            false => Either::Left(view! { <Screens screen /> }),
            true => Either::Right(view! { <Screens screen /> }),
        })}
    }
}

/// The notices, the screen the session calls for, and the flash.
#[component]
fn Screens(screen: Memo<&'static str>) -> impl IntoView {
    let state = super::use_app();
    let flash_key = move || state.flash.get();
    view! {
        <main id="app" class="app">
            <Notices />
            // The lazy screens are loaded on demand from their own wasm chunks; nothing shows
            // until one is in. One variant per screen, so that a change of screen builds the new
            // one: two `Suspend`s of the same type would update in place, keeping the old screen
            // (whose signals are gone) until the new one's chunk is in.
            {move || match screen.get() {
                "home" => EitherOf5::A(home::Home()),
                "history" => EitherOf5::B(Suspend::new(history::history_screen())),
                "summary" => EitherOf5::C(Suspend::new(summary::summary_screen())),
                "my-routine" => EitherOf5::E(Suspend::new(my_routine::my_routine_screen())),
                _ => EitherOf5::D(Suspend::new(player::player_screen())),
            }}
            {move || {
                (flash_key() > 0)
                    .then(|| view! { <div class="flash" data-flash=flash_key() aria-hidden="true"></div> })
            }}
        </main>
    }
}
