//! The whole app: the state read back from storage, the clock that moves a running session, the
//! other tabs' writes, and the screen the session's phase calls for.

use super::app_signal::AppSignal;
use super::language;
use super::state::{AppState, RECORD_JSON_SIZE, Shell, Version};
use super::{
    Notice, Screen, backup_nudge, history, home, my_routine, notices::Notices, player, summary,
};
use crate::browser::{audio, clock::now_ms, languages, persist, storage, wake_lock};
use crate::core::session::Phase;
use crate::core::store::{BACKUP_KEY, HISTORY_KEY, STORE_KEY, StoreError, Stored};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;
use std::time::Duration;

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

/// What the app starts from: the stored data, the notices about it, the stored text that could
/// be neither read nor set aside (held until the user has downloaded it), and the user's version
/// of the routine (as written in English, the language every start begins in).
type Loaded = (Stored, Vec<Notice>, Option<String>, Option<Version>);

fn fresh() -> Stored {
    Stored::new(Default::default(), None)
}

/// Reads the stored document and history; what cannot be read is moved aside, never
/// overwritten unseen, and the rest is used. When there is no room to move it, it is handed back
/// to be held. A wasm chunk of its own (`#[lazy]`): the reader of every stored type is fetched
/// only when something is stored, so a first visit goes without it.
#[lazy]
async fn read_saved(raw: Option<String>, history_raw: Option<String>) -> Loaded {
    let (mut stored, notice, unreadable_kept) = read_stored(raw, history_raw);
    let mut notices: Vec<Notice> = notice.into_iter().collect();
    // An order that names an exercise twice, or one this routine lacks, is set back to the
    // routine's; the user's other changes stay. Their version is built here, for the first
    // screen, in English (where every start begins).
    let english = language::english().routine;
    let (mine, order_repaired) = std::mem::take(&mut stored.my_routine).repaired(english);
    if order_repaired {
        notices.push(Notice::OrderRepaired);
    }
    let version = (!mine.is_as_written()).then(|| Version::built(english, mine.clone()));
    stored.my_routine = mine;
    (stored, notices, unreadable_kept, version)
}

/// The stored document and history, what is wrong with them, and the text that could not be
/// set aside.
fn read_stored(
    raw: Option<String>,
    history_raw: Option<String>,
) -> (Stored, Option<Notice>, Option<String>) {
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
        Saved::Nothing => Either::Left(run((fresh(), Vec::new(), None, None))),
        Saved::NoStorage => {
            Either::Left(run((fresh(), vec![Notice::StorageUnavailable], None, None)))
        }
        Saved::Text(raw, history_raw) => Either::Right(Suspend::new(async move {
            run(read_saved(raw, history_raw).await)
        })),
    }
}

fn run((mut stored, notices, unreadable_kept, version): Loaded) -> impl IntoView {
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
        my_routine: AppSignal::new(stored.my_routine),
        schedule: AppSignal::new(stored.schedule),
        last_export_at: AppSignal::new(stored.last_export_at),
        persist_asked: AppSignal::new(stored.persist_asked),
        summary_left: AppSignal::new(None),
        screen: AppSignal::new(Screen::Home),
        now: AppSignal::new(now_ms()),
        notices: AppSignal::new(Vec::new()),
        flash: AppSignal::new(0),
        keep_awake: AppSignal::new(false),
        painted: AppSignal::new(false),
        shell: StoredValue::new_local(Shell::holding(unreadable_kept)),
        version: AppSignal::new(version),
    };
    provide_context(state);
    // Through `notify`, so a later failure of the same kind is not shown a second time.
    for notice in notices {
        state.notify(notice);
    }
    // The user's version is built in a chunk of its own, after a change (and for the language in
    // use); until it is, the screens wait, as for a language (see `shown`).
    Effect::new(move |_| {
        let written = state.language.with(|l| l.routine);
        let mine = state.my_routine.get();
        let on_my_routine = state.screen.get() == Screen::MyRoutine;
        let built = state
            .version
            .with_untracked(|v| v.as_ref().is_some_and(|v| v.is_of(written, &mine)));
        if on_my_routine || mine.is_as_written() || built {
            return;
        }
        leptos::task::spawn_local(async move {
            state
                .version
                .set(Some(my_routine::adapted(written, mine).await));
        });
    });
    // Until the language asked for is in (a translation is fetched), nothing is shown, so the
    // first screen is never painted in English first.
    let pending = RwSignal::new(true);
    // A change of the device's languages is followed at once, mid-session too.
    languages::on_change(move |preferred| state.browser_languages.set(preferred));
    language::follow(state, pending);
    audio::set_volume(state.settings.with_untracked(|s| s.volume));

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
                    player::__preload_start_session().await;
                    player::__preload_player_screen().await;
                    super::settings::__preload_settings_panel().await;
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
        if pending.get() || !state.version_ready() {
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
    // A frame, then a task: the first screen has been painted by then.
    if !state.painted.get_untracked() {
        request_animation_frame(move || {
            set_timeout(move || state.painted.set(true), Duration::ZERO);
        });
    }
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
