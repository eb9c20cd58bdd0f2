//! Messages about storage and the screen, each dismissed by the user.

use super::{AppState, Notice, use_app};
use crate::browser::{clock::now_ms, files};
use crate::core::language;
use crate::core::text::fill;
use leptos::prelude::*;

/// Messages about storage and the screen, each dismissed by the user.
#[component]
pub fn Notices() -> impl IntoView {
    let app = use_app();
    let text = app.text();
    let ui = &text.ui;
    let message = move |notice: Notice| match notice {
        Notice::StorageUnavailable => ui.notice_storage_unavailable.to_owned(),
        Notice::StorageFull => ui.notice_storage_full.to_owned(),
        Notice::StorageUnreadable => ui.notice_storage_unreadable.to_owned(),
        Notice::StorageUnreadableNotMoved => ui.notice_storage_unreadable_not_moved.to_owned(),
        Notice::WakeLockUnsupported => ui.notice_wake_lock.to_owned(),
        Notice::LanguageFailed(code, error) => fill(
            ui.language_failed,
            &[
                ("language", &language::name(code)),
                ("error", &error),
                ("current", &text.name),
            ],
        ),
        Notice::NoVoice(code) => fill(ui.no_voice, &[("language", &language::name(code))]),
        Notice::OrderRepaired => ui.order_repaired.to_owned(),
    };
    view! {
        <div class="notices" role="status">
            // Not keyed: there are rarely more than one, and a keyed list costs kilobytes.
            {move || app.notices.get().into_iter().map(move |notice| view! {
                <p class="notice">
                    <span>{message(notice)}</span>
                    {matches!(notice, Notice::StorageUnreadable | Notice::StorageUnreadableNotMoved)
                        .then(|| {
                            view! {
                                <button class="notice-dismiss" on:click=move |_| download_unreadable(app)>
                                    {ui.download}
                                </button>
                            }
                        })}
                    // Held unreadable data goes only by the user's choice: kept as a file, or
                    // discarded; OK alone would leave nothing saved without a word.
                    {if notice == Notice::StorageUnreadableNotMoved {
                        view! {
                            <button class="notice-dismiss" on:click=move |_| app.release_unreadable_document()>
                                {ui.discard}
                            </button>
                        }
                            .into_any()
                    } else {
                        view! {
                            <button class="notice-dismiss" on:click=move |_| app.dismiss(notice)>
                                {ui.dismiss}
                            </button>
                        }
                            .into_any()
                    }}
                </p>
            }).collect_view()}
        </div>
    }
}

/// Offers the document that could not be read, exactly as it was, as a file to keep.
fn download_unreadable(app: AppState) {
    if let Some(raw) = app.unreadable_document() {
        let name = crate::core::history_display::file_name(
            "bia-unreadable",
            now_ms(),
            "txt",
            &crate::browser::time_zone::DeviceZone,
        );
        if files::download_text(&name, "text/plain", &raw).is_ok() {
            app.release_unreadable_document();
        }
    }
}
