//! Spoken cues through the browser's speech synthesis. One utterance at a time: which one, and
//! when, is decided by `core::speech_queue`.

use crate::core::language::Voice;
use leptos::prelude::window;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

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

/// The device's voices, as far as the browser has listed them (it may list them late: see
/// [`on_voices_changed`]).
pub fn voices() -> Vec<Voice> {
    synth().map_or_else(Vec::new, |synth| {
        synth
            .get_voices()
            .iter()
            .filter_map(|v| v.dyn_into::<SpeechSynthesisVoice>().ok())
            .map(|v| Voice {
                name: v.name(),
                lang: v.lang(),
                default: v.default(),
            })
            .collect()
    })
}

/// Calls `changed` each time the browser's list of voices changes (Chrome fills it after the
/// page has loaded). Kept for the life of the app.
pub fn on_voices_changed(changed: impl Fn() + 'static) {
    if let Some(synth) = synth() {
        let listener = Closure::<dyn Fn()>::new(changed).into_js_value();
        let _ = synth.add_event_listener_with_callback("voiceschanged", listener.unchecked_ref());
    }
}

/// Says `text` in `lang` (a BCP 47 tag such as "en-US"), with the voice named `voice` when the
/// device has it, at `rate` (1.0 the voice's own); then calls `on_end` once, when the utterance
/// ends or fails. An utterance that is cancelled, or replaced by a later `speak`, never calls it;
/// nor does anything where speech is unsupported.
pub fn speak(
    text: &str,
    lang: &str,
    voice: Option<&str>,
    rate: f32,
    on_end: impl FnOnce() + 'static,
) {
    let Some(synth) = synth() else { return };
    let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    utterance.set_lang(lang);
    utterance.set_rate(rate);
    if let Some(name) = voice {
        let found = synth
            .get_voices()
            .iter()
            .filter_map(|v| v.dyn_into::<SpeechSynthesisVoice>().ok())
            .find(|v| v.name() == name);
        utterance.set_voice(found.as_ref());
    }
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
