//! Keeps the screen on while it is wanted (Screen Wake Lock), in leptos-use's shape.
//!
//! The browser drops the lock whenever the page is hidden, so it is asked for again each time the
//! page comes back while still wanted.

use crate::browser::visibility::use_page_visible;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{WakeLockSentinel, WakeLockType};

pub struct UseWakeLockReturn {
    /// Whether the screen is being kept on right now.
    pub held: Signal<bool>,
    /// Whether the browser has the API at all (it needs a secure origin).
    pub supported: bool,
}

/// Holds a screen wake lock whenever `wanted` is true and the page is visible, until unmount.
pub fn use_wake_lock(wanted: Signal<bool>) -> UseWakeLockReturn {
    let supported =
        js_sys::Reflect::has(&window().navigator(), &"wakeLock".into()).unwrap_or(false);
    let held = RwSignal::new(false);
    let sentinel = StoredValue::new(None::<WakeLockSentinel>);
    let on_release = move || held.set(sentinel.try_with_value(is_live) == Some(true));
    let lock = Lock {
        wanted,
        visible: use_page_visible(),
        held,
        sentinel,
        pending: StoredValue::new(false),
        on_release: StoredValue::new_local(Closure::new(on_release)),
    };
    if supported {
        Effect::new(move |_| {
            wanted.track();
            lock.visible.track();
            lock.sync();
        });
    }
    on_cleanup(move || lock.drop_sentinel());
    UseWakeLockReturn {
        held: held.into(),
        supported,
    }
}

#[derive(Clone, Copy)]
struct Lock {
    wanted: Signal<bool>,
    visible: Signal<bool>,
    held: RwSignal<bool>,
    sentinel: StoredValue<Option<WakeLockSentinel>>,
    /// A request is on its way: don't send a second.
    pending: StoredValue<bool>,
    /// Set as each sentinel's `onrelease`, so `held` follows the browser's own releases (the
    /// page hidden, or the system reclaiming it).
    on_release: StoredValue<Closure<dyn Fn()>, LocalStorage>,
}

impl Lock {
    /// Brings the lock in line with `wanted` and visibility. Reads with `try_`, since it also
    /// runs after an await, when the component may be gone.
    fn sync(self) {
        let wanted = self.wanted.try_get_untracked() == Some(true);
        let visible = self.visible.try_get_untracked() == Some(true);
        if wanted && visible {
            self.acquire();
        } else if !wanted {
            self.drop_sentinel();
            self.held.set(false);
        }
    }

    fn acquire(self) {
        if self.sentinel.try_with_value(is_live) != Some(false)
            || self.pending.try_get_value() != Some(false)
        {
            return;
        }
        self.pending.set_value(true);
        js_sys::futures::spawn_local(async move {
            let request = window()
                .navigator()
                .wake_lock()
                .request(WakeLockType::Screen);
            // Refused (NotAllowedError) when the page was hidden meanwhile: the next
            // visibility change asks again.
            let result = request.await;
            self.pending.set_value(false);
            let Ok(sentinel) = result else { return };
            let alive = self.on_release.try_with_value(|on_release| {
                sentinel.set_onrelease(Some(on_release.as_ref().unchecked_ref()));
            });
            if alive.is_none() || self.wanted.try_get_untracked() != Some(true) {
                release(sentinel);
                return;
            }
            self.held.set(!sentinel.released());
            self.sentinel.set_value(Some(sentinel));
            // Things may have changed while waiting (hidden and back: this one is released).
            self.sync();
        });
    }

    fn drop_sentinel(self) {
        if let Some(sentinel) = self.sentinel.try_update_value(Option::take).flatten() {
            release(sentinel);
        }
    }
}

fn is_live(sentinel: &Option<WakeLockSentinel>) -> bool {
    sentinel.as_ref().is_some_and(|s| !s.released())
}

/// Releases a lock without telling `on_release`, which may be freed before the event fires.
fn release(sentinel: WakeLockSentinel) {
    sentinel.set_onrelease(None);
    let _ = sentinel.release();
}
