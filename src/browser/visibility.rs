//! Whether the page is visible: the tab in front and the screen on.

use leptos::prelude::*;
use web_sys::VisibilityState;

fn page_visible() -> bool {
    document().visibility_state() == VisibilityState::Visible
}

/// Follows the document's `visibilitychange` until the calling component unmounts.
pub fn use_page_visible() -> Signal<bool> {
    let visible = RwSignal::new(page_visible());
    // The event is fired at the document and bubbles to the window.
    let handle = window_event_listener(leptos::ev::visibilitychange, move |_| {
        visible.set(page_visible())
    });
    on_cleanup(move || handle.remove());
    visible.into()
}
