//! Spoken cues through the browser's speech synthesis. One utterance at a time: which one, and
//! when, is decided by `core::speech_queue`.

use leptos::prelude::window;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance};

thread_local! {
    /// The utterance being spoken. Holding it keeps its `end` handler alive (Chrome can collect
    /// an unreferenced utterance before it ends) and lets us detach that handler on cancel.
    static CURRENT: RefCell<Option<SpeechSynthesisUtterance>> = const { RefCell::new(None) };
}

/// Whether this browser can speak at all.
pub fn supported() -> bool {
    js_sys::Reflect::has(&window(), &"speechSynthesis".into()).unwrap_or(false)
}

fn synth() -> Option<SpeechSynthesis> {
    if supported() {
        window().speech_synthesis().ok()
    } else {
        None
    }
}

/// Says `text` in `lang` (a BCP 47 tag such as "en-US"), then calls `on_end` once, when the
/// utterance ends or fails. An utterance that is cancelled, or replaced by a later `speak`, never
/// calls it; nor does anything where speech is unsupported.
pub fn speak(text: &str, lang: &str, on_end: impl FnOnce() + 'static) {
    let Some(synth) = synth() else { return };
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    utterance.set_lang(lang);
    let mut on_end = Some(on_end);
    // One function for both events, which may both fire: `take` makes the second a no-op. Given
    // to the JS garbage collector, it is freed with the utterance.
    let done = Closure::<dyn FnMut()>::new(move || {
        if let Some(on_end) = on_end.take() {
            on_end();
        }
    })
    .into_js_value();
    utterance.set_onend(Some(done.unchecked_ref()));
    utterance.set_onerror(Some(done.unchecked_ref()));
    detach(CURRENT.replace(Some(utterance.clone())));
    synth.speak(&utterance);
}

/// Stops what is being said and drops anything the browser has queued, without calling its
/// `on_end`.
pub fn cancel() {
    detach(CURRENT.take());
    if let Some(synth) = synth() {
        synth.cancel();
    }
}

/// Silences an old utterance's handlers: its late `end` or `error` must not be taken for the end
/// of the one that follows.
fn detach(utterance: Option<SpeechSynthesisUtterance>) {
    if let Some(utterance) = utterance {
        utterance.set_onend(None);
        utterance.set_onerror(None);
    }
}
