//! Where the app is: its address, for a calendar event that opens it (under a sub-path too).

/// The page's address without its query and fragment.
pub fn app_url() -> String {
    let href = leptos::prelude::window()
        .location()
        .href()
        .unwrap_or_default();
    let end = href.find(['?', '#']).unwrap_or(href.len());
    href[..end].to_owned()
}
