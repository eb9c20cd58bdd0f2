//! Vibration, for a cue felt through the floor. Missing on iOS, where it does nothing.

use leptos::prelude::window;
use wasm_bindgen::JsValue;

/// Vibrates in a pattern of on/off milliseconds (`[200]`, `[100, 50, 100]`); `[]` stops.
pub fn vibrate(pattern_ms: &[u32]) {
    let navigator = window().navigator();
    if js_sys::Reflect::has(&navigator, &"vibrate".into()).unwrap_or(false) {
        let pattern: js_sys::Array = pattern_ms.iter().map(|&ms| JsValue::from(ms)).collect();
        let _ = navigator.vibrate_with_pattern(&pattern);
    }
}
