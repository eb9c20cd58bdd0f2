//! The home screen's word from the service worker: "Update available" with a Reload button when
//! a newer build has been deployed, or, on the visit that cached the app, that it now works
//! offline (until the next visit; no button, so nothing to dismiss).
//!
//! It is on the home screen only, and reloads only on a tap, so a session is never interrupted.

use super::use_app;
use crate::browser::service_worker::use_service_worker;
use leptos::prelude::*;

/// The prompt and the service worker's registration, a wasm chunk of its own (`#[lazy]`): the
/// worker is registered once home is painted, not before.
#[lazy]
pub fn update_prompt() -> AnyView {
    untrack(|| UpdatePrompt().into_any())
}

#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let app = use_app();
    let ui = &app.text().ui;
    let worker = use_service_worker();
    let update = move || worker.update_available.get();
    let offline_note = move || worker.offline_ready.get() && !update();
    // The live region is always there, so what appears in it is announced.
    view! {
        <div class="pwa-status" aria-live="polite" data-testid="pwa-status">
            <Show when=update>
                <p class="update-prompt" data-testid="update-prompt">
                    <span>{ui.update_available}</span>
                    <button
                        class="update-reload"
                        data-testid="update-reload"
                        on:click=move |_| worker.reload.run(())
                    >
                        {ui.update_reload}
                    </button>
                </p>
            </Show>
            <Show when=offline_note>
                <p class="offline-ready" data-testid="offline-ready">
                    {ui.offline_ready}
                </p>
            </Show>
        </div>
    }
}
