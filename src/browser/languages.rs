//! The languages the browser asks for, and the one the page is in (`<html lang>`, which also
//! lets CSS hyphenate in that language).

use leptos::prelude::{document, on_cleanup, window, window_event_listener_untyped};

/// `navigator.languages`, most wanted first; `navigator.language` where the list is missing.
pub fn preferred() -> Vec<String> {
    let navigator = window().navigator();
    let listed: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|tag| tag.as_string())
        .collect();
    if listed.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        listed
    }
}

/// Calls `changed` with the new list each time the user changes the browser's (or the
/// system's) languages, until the current owner is cleaned up.
pub fn on_change(changed: impl Fn(Vec<String>) + 'static) {
    let listener = window_event_listener_untyped("languagechange", move |_| changed(preferred()));
    on_cleanup(move || listener.remove());
}

/// Marks the page as being in `code`.
pub fn set_page_language(code: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", code);
    }
}
