//! Persistent storage (`navigator.storage`): whether the browser keeps Bia's data even when space
//! runs low, asking it to, and how much space the site uses. Every call is feature-detected and
//! answers `None` where the browser has no such API or refuses to say.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{StorageEstimate, StorageManager};

/// The storage manager, if this browser has one with `method`.
fn manager(method: &str) -> Option<StorageManager> {
    let navigator = window().navigator();
    let has = |target: &JsValue, name: &str| {
        js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
    };
    if !has(&navigator, "storage") {
        return None;
    }
    let manager = navigator.storage();
    has(&manager, method).then_some(manager)
}

async fn answer(promise: Result<js_sys::Promise, JsValue>) -> Option<JsValue> {
    promise.ok()?.await.ok()
}

/// Whether the storage is persistent.
pub async fn persisted() -> Option<bool> {
    answer(manager("persisted")?.persisted()).await?.as_bool()
}

/// Asks the browser to make the storage persistent; its answer.
pub async fn persist() -> Option<bool> {
    answer(manager("persist")?.persist()).await?.as_bool()
}

/// Bytes used by the site, as the browser estimates them.
pub async fn usage() -> Option<f64> {
    let estimate: StorageEstimate = answer(manager("estimate")?.estimate())
        .await?
        .unchecked_into();
    estimate.get_usage()
}

/// What the browser says about keeping the data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persistence {
    /// The answer is on its way.
    Asking,
    /// Kept until the user deletes it.
    Persistent,
    /// May be cleared when space runs low.
    BestEffort,
    /// The browser has no way to say.
    Unknown,
}

/// `persisted()` as a signal, asked once when the calling component is created.
pub fn use_persistence() -> ReadSignal<Persistence> {
    let (persistence, set) = signal(Persistence::Asking);
    leptos::task::spawn_local(async move {
        set.try_set(match persisted().await {
            Some(true) => Persistence::Persistent,
            Some(false) => Persistence::BestEffort,
            None => Persistence::Unknown,
        });
    });
    persistence
}
