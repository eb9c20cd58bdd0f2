//! The service worker that keeps Bia working offline (`sw.js`, written after each build by
//! `scripts/pwa-post-build.mjs`), in leptos-use's shape: registers it and reports what it brings,
//! a newer build waiting to take over or the app cached for offline use the first time.
//!
//! A newer build never takes over by itself: it waits until `reload` (the user's tap) asks it to,
//! and the page reloads once it is in control. Does nothing where service workers are missing
//! (plain http other than localhost, old browsers).

use crate::browser::visibility::use_page_visible;
use leptos::logging::warn;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

/// Relative to the document, so the app works under any sub-path; the scope is its folder.
const SCRIPT_URL: &str = "./sw.js";
/// The message `sw.js` answers with `skipWaiting()`.
const SKIP_WAITING: &str = "SKIP_WAITING";

/// Why there is no service worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ServiceWorkerError {
    /// No `navigator.serviceWorker`: an insecure origin or an old browser.
    Unsupported,
    /// `register` was refused: `sw.js` missing, not JavaScript, or failing to run.
    RegisterFailed(String),
}

pub struct UseServiceWorkerReturn {
    /// A newer build is installed and waits for `reload`.
    pub update_available: Signal<bool>,
    /// This visit installed the first service worker: from now on the app opens offline.
    pub offline_ready: Signal<bool>,
    /// Why there is no service worker, if there is none.
    pub error: Signal<Option<ServiceWorkerError>>,
    /// Lets the waiting build take over, then reloads the page. Call it only on a user's tap.
    pub reload: Callback<()>,
}

/// Registers `sw.js` and follows its updates until the calling component unmounts. Looks for a
/// newer build at once and whenever the page becomes visible again.
pub fn use_service_worker() -> UseServiceWorkerReturn {
    let worker = Worker {
        registration: RwSignal::new(None),
        first_install: StoredValue::new(false),
        update_available: RwSignal::new(false),
        offline_ready: RwSignal::new(false),
        on_change: StoredValue::new_local(None),
    };
    let error = RwSignal::new(None);
    match container() {
        None => error.set(Some(ServiceWorkerError::Unsupported)),
        Some(container) => {
            worker
                .on_change
                .set_value(Some(Closure::new(move || worker.refresh())));
            // Registered once the page is painted: the first picture waits for nothing.
            crate::browser::frames::after_next_paint(move || {
                js_sys::futures::spawn_local(async move {
                    match container.register(SCRIPT_URL).await {
                        Ok(registration) => worker.follow(registration.unchecked_into()),
                        Err(err) => {
                            let why = describe(&err);
                            warn!("service worker not registered: {why}");
                            error.try_set(Some(ServiceWorkerError::RegisterFailed(why)));
                        }
                    }
                })
            });
        }
    }

    let visible = use_page_visible();
    Effect::new(move |_| {
        if visible.get()
            && let Some(registration) = worker.registration.get()
        {
            check_for_update(registration);
        }
    });
    on_cleanup(move || worker.stop_following());

    UseServiceWorkerReturn {
        update_available: worker.update_available.into(),
        offline_ready: worker.offline_ready.into(),
        error: error.into(),
        reload: Callback::new(move |()| worker.take_over()),
    }
}

#[derive(Clone, Copy)]
struct Worker {
    registration: RwSignal<Option<ServiceWorkerRegistration>>,
    /// No worker was active when this page registered: the one installing is the first.
    first_install: StoredValue<bool>,
    update_available: RwSignal<bool>,
    offline_ready: RwSignal<bool>,
    /// The registration's `onupdatefound` and each incoming worker's `onstatechange`.
    on_change: StoredValue<Option<Closure<dyn Fn()>>, LocalStorage>,
}

impl Worker {
    /// Called once `register` resolves, possibly after the component is gone.
    fn follow(self, registration: ServiceWorkerRegistration) {
        let attached = self.on_change.try_with_value(|on_change| {
            if let Some(on_change) = on_change {
                registration.set_onupdatefound(Some(on_change.as_ref().unchecked_ref()));
            }
        });
        if attached.is_none() {
            return;
        }
        self.first_install
            .set_value(registration.active().is_none());
        self.registration.set(Some(registration));
        self.refresh();
    }

    /// Reads where the registration is now; runs on every update found and change of state.
    fn refresh(self) {
        let Some(registration) = self.registration.try_get_untracked().flatten() else {
            return;
        };
        self.on_change.try_with_value(|on_change| {
            if let Some(on_change) = on_change {
                for incoming in [registration.installing(), registration.waiting()]
                    .into_iter()
                    .flatten()
                {
                    incoming.set_onstatechange(Some(on_change.as_ref().unchecked_ref()));
                }
            }
        });
        // A waiting worker on a page that already has one in control is a newer build. (On a
        // first visit nothing waits: the first worker activates at once.)
        let controlled = container().is_some_and(|c| c.controller().is_some());
        self.update_available
            .set(controlled && registration.waiting().is_some());
        let activated = registration
            .active()
            .is_some_and(|w| w.state() == ServiceWorkerState::Activated);
        if self.first_install.get_value() && activated {
            self.offline_ready.set(true);
        }
    }

    /// Asks the waiting build to take over and reloads once it controls the page. With none
    /// waiting (another tab took it over already), reloads at once.
    fn take_over(self) {
        let waiting = self.registration.get_untracked().and_then(|r| r.waiting());
        match (container(), waiting) {
            (Some(container), Some(waiting)) => {
                // Only now: the first worker's claim of the page must not reload it.
                let reload = Closure::once_into_js(reload_page);
                container.set_oncontrollerchange(Some(reload.unchecked_ref()));
                post_skip_waiting(&waiting);
            }
            _ => reload_page(),
        }
    }

    fn stop_following(self) {
        if let Some(registration) = self.registration.try_get_untracked().flatten() {
            registration.set_onupdatefound(None);
            for worker in [
                registration.installing(),
                registration.waiting(),
                registration.active(),
            ]
            .into_iter()
            .flatten()
            {
                worker.set_onstatechange(None);
            }
        }
    }
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Asks the server for a newer `sw.js`; a failure (offline) just waits for the next time.
fn check_for_update(registration: ServiceWorkerRegistration) {
    if registration.active().is_none() || !window().navigator().on_line() {
        return;
    }
    if let Ok(update) = registration.update() {
        js_sys::futures::spawn_local(async move {
            let _ = update.await;
        });
    }
}

fn post_skip_waiting(worker: &ServiceWorker) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &SKIP_WAITING.into());
    let _ = worker.post_message(&message);
}

fn reload_page() {
    let _ = window().location().reload();
}

fn describe(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .unwrap_or_else(|| format!("{err:?}"))
}
