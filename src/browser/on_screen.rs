//! Whether an element is on screen, from an `IntersectionObserver`: what is scrolled away can
//! stop moving.

use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry};

/// Calls `on_change(true)` when any part of `element` comes on screen and `false` when it all
/// leaves, until the current owner is cleaned up. False where the browser cannot tell.
pub fn watch(element: &Element, on_change: impl Fn(bool) + 'static) -> bool {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        // Entries come in order; the last says where the element is now.
        if let Some(entry) = entries.iter().last() {
            on_change(
                entry
                    .unchecked_into::<IntersectionObserverEntry>()
                    .is_intersecting(),
            );
        }
    });
    let Ok(observer) = IntersectionObserver::new(callback.as_ref().unchecked_ref()) else {
        return false;
    };
    observer.observe(element);
    let kept = StoredValue::new_local((observer, callback));
    on_cleanup(move || kept.with_value(|(observer, _)| observer.disconnect()));
    true
}

/// Calls `first_seen` once, when any part of `element` first comes on screen (until the current
/// owner is cleaned up), or at once where the browser cannot tell.
pub fn when_first_seen(element: &Element, first_seen: Box<dyn FnOnce()>) {
    let pending = Rc::new(Cell::new(Some(first_seen)));
    let call = |pending: &Cell<Option<Box<dyn FnOnce()>>>| {
        if let Some(first_seen) = pending.take() {
            first_seen();
        }
    };
    let on_change = {
        let pending = pending.clone();
        move |visible: bool| {
            if visible {
                call(&pending);
            }
        }
    };
    if !watch(element, on_change) {
        call(&pending);
    }
}
