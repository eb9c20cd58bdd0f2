//! Files of the app fetched after start (a language), from the same origin, relative to the page
//! so the app works under any sub-path. The service worker answers them offline.

use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Response;

/// The text of the app's file at `path` (e.g. "text/de.json"), or why it could not be had.
pub async fn text(path: &str) -> Result<String, String> {
    let response: Response = window()
        .fetch_with_str(path)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    response
        .text()
        .map_err(describe)?
        .await
        .map_err(describe)?
        .as_string()
        .ok_or_else(|| "not text".to_owned())
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "network error".to_owned())
}
