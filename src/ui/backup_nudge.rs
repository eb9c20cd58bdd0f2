//! On the home screen: after a few finished sessions without a backup, while the browser may
//! clear its storage, a one-tap export. Never during a workout (the player is its own screen).

use super::history::{Export, export};
use super::{AppState, use_app};
use crate::browser::persist::{Persistence, use_persistence};
use crate::core::history_display::NUDGE_AFTER_SESSIONS;
use crate::core::store::Stored;
use crate::core::text::fill;
use leptos::prelude::*;

/// The export, from a wasm chunk of its own (`#[lazy]`): its code (the JSON of every record)
/// stays out of the first load, and it is fetched with the other chunks soon after the first
/// paint, long before the nudge can be tapped.
#[lazy]
pub fn export_backup(app: AppState) -> Option<String> {
    export(app, Export::Json).err()
}

/// The nudge, a wasm chunk of its own (`#[lazy]`), so the first load does without it.
#[lazy]
pub fn backup_nudge() -> AnyView {
    untrack(|| BackupNudge().into_any())
}

#[component]
pub fn BackupNudge() -> impl IntoView {
    let app = use_app();
    let ui = &app.text().ui;
    let persistence = use_persistence();
    // "Later" hides it until the app is opened again.
    let later = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let unsaved = Memo::new(move |_| {
        Stored {
            history: app.history.get(),
            last_export_at: app.last_export_at.get(),
            ..Stored::default()
        }
        .sessions_since_export()
    });
    let shown = move || {
        !later.get()
            && unsaved.get() >= NUDGE_AFTER_SESSIONS
            && matches!(
                persistence.get(),
                Persistence::BestEffort | Persistence::Unknown
            )
    };
    view! {
        <Show when=shown>
            <aside class="nudge" data-testid="backup-nudge">
                <p>{move || fill(ui.nudge_backup, &[("n", &unsaved.get())])}</p>
                <div class="nudge-actions">
                    <button
                        class="control primary"
                        on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                error.set(export_backup(app).await);
                            })
                        }
                    >
                        {ui.nudge_export}
                    </button>
                    <button class="control" on:click=move |_| later.set(true)>
                        {ui.nudge_later}
                    </button>
                </div>
                {move || error.get().map(|e| view! { <p class="backup-message error">{e}</p> })}
            </aside>
        </Show>
    }
}
