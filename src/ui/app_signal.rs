//! `AppSignal`: a signal for state that outlives the screens reading it.
//!
//! A Leptos 0.8 signal keeps a weak reference to every effect or memo that ever read it, and
//! drops one only when that reader runs again. A view that is unmounted never runs again, so a
//! signal that lives as long as the app would keep one entry (and the memory of the reader's
//! node) for every view ever built on it: each visit to home, each routine. `AppSignal` notes
//! who reads it and, whenever the readers noted have doubled since the last sweep, unsubscribes
//! those that are gone. The cost is bounded by twice the number of live readers.

use leptos::prelude::*;
use leptos::reactive::graph::{AnySubscriber, Observer, Source};

/// A `RwSignal` that forgets readers that no longer exist.
pub struct AppSignal<T: 'static> {
    signal: RwSignal<T>,
    readers: StoredValue<Readers, LocalStorage>,
}

/// The readers noted since the last sweep.
#[derive(Default)]
struct Readers {
    noted: Vec<AnySubscriber>,
    live_at_last_sweep: usize,
}

/// A sweep runs once more than this many readers beyond twice the live count are noted.
const SWEEP_SLACK: usize = 8;

impl<T: 'static> Clone for AppSignal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for AppSignal<T> {}

impl<T: Send + Sync + 'static> AppSignal<T> {
    pub fn new(value: T) -> Self {
        Self {
            signal: RwSignal::new(value),
            readers: StoredValue::new_local(Readers::default()),
        }
    }

    /// Notes the running effect or memo (if any) as a reader, and sweeps when enough are noted.
    fn note_reader(&self) {
        let Some(reader) = Observer::get() else {
            return;
        };
        let signal = self.signal;
        self.readers.update_value(|readers| {
            if !readers.noted.contains(&reader) {
                readers.noted.push(reader);
            }
            if readers.noted.len() > 2 * readers.live_at_last_sweep + SWEEP_SLACK {
                readers.noted.retain(|noted| {
                    let alive = noted.1.strong_count() > 0;
                    if !alive {
                        signal.remove_subscriber(noted);
                    }
                    alive
                });
                readers.live_at_last_sweep = readers.noted.len();
            }
        });
    }

    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.note_reader();
        self.signal.with(read)
    }

    pub fn with_untracked<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        self.signal.with_untracked(read)
    }

    pub fn update(&self, change: impl FnOnce(&mut T)) {
        self.signal.update(change);
    }

    pub fn set(&self, value: T) {
        self.signal.set(value);
    }
}

impl<T: Clone + Send + Sync + 'static> AppSignal<T> {
    pub fn get(&self) -> T {
        self.with(T::clone)
    }

    pub fn get_untracked(&self) -> T {
        self.signal.get_untracked()
    }
}

impl<T: Clone + Send + Sync + 'static> From<AppSignal<T>> for Signal<T> {
    fn from(signal: AppSignal<T>) -> Self {
        Signal::derive(move || signal.get())
    }
}
