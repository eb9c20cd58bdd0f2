//! Whether the page is being printed: the browser's `beforeprint` and `afterprint`, and the
//! print media query (which is how a print preview or a PDF export shows itself too).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// True from the moment printing begins until it ends, following the page until the calling
/// component unmounts; [`print`] sets it too.
pub fn use_printing() -> RwSignal<bool> {
    let printing = RwSignal::new(false);
    let before = window_event_listener(leptos::ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(leptos::ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    if let Ok(Some(query)) = window().match_media("print") {
        printing.set(query.matches());
        let changed = Closure::<dyn Fn(web_sys::MediaQueryListEvent)>::new(
            move |e: web_sys::MediaQueryListEvent| printing.set(e.matches()),
        );
        let _ = query.add_event_listener_with_callback("change", changed.as_ref().unchecked_ref());
        let kept = StoredValue::new_local((query, changed));
        on_cleanup(move || {
            kept.with_value(|(query, changed)| {
                let _ = query.remove_event_listener_with_callback(
                    "change",
                    changed.as_ref().unchecked_ref(),
                );
            })
        });
    }
    printing
}

/// Opens the browser's print dialog once what is to be printed is on the page: `print()` blocks
/// the page while its dialog is open, so content made in answer to `beforeprint` would come
/// too late.
pub fn print(printing: RwSignal<bool>) {
    printing.set(true);
    set_timeout(
        || {
            let _ = window().print();
        },
        std::time::Duration::ZERO,
    );
}
