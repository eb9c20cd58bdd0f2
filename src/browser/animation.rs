//! Web Animations: a loop the browser's compositor runs by itself, with no work for the page on
//! each frame.

use js_sys::{Array, Object, Reflect};
use leptos::prelude::on_cleanup;
use wasm_bindgen::JsValue;
use web_sys::{Animation, Element, KeyframeAnimationOptions};

/// Runs `keyframes` (offset from 0 to 1, CSS transform) on `element` for ever, one loop every
/// `duration_ms`, each transform held until the next, until the current owner is cleaned up.
/// None where the browser cannot animate.
pub fn loop_transforms(
    element: &Element,
    keyframes: &[(f64, String)],
    duration_ms: f64,
) -> Option<Animation> {
    if !Reflect::has(element, &"animate".into()).unwrap_or(false) {
        return None;
    }
    let frames = Array::new();
    for (offset, transform) in keyframes {
        let frame = Object::new();
        for (key, value) in [
            ("offset", JsValue::from(*offset)),
            ("transform", JsValue::from_str(transform)),
            ("easing", JsValue::from_str("steps(1, end)")),
        ] {
            Reflect::set(&frame, &key.into(), &value).ok()?;
        }
        frames.push(&frame);
    }
    let options = KeyframeAnimationOptions::new();
    options.set_duration(duration_ms);
    options.set_iterations(f64::INFINITY);
    let animation = element.animate_with_keyframe_animation_options(Some(&frames), &options);
    // An animation outlives its element unless cancelled, and a running one, even of an element
    // no longer on the page, keeps the browser making frames.
    let running = animation.clone();
    on_cleanup(move || running.cancel());
    Some(animation)
}
