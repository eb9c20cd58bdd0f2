//! `AppSignal`: a signal for state that outlives the screens reading it.
//!
//! A Leptos 0.8 signal keeps a weak reference to every effect or memo that ever read it, and
//! drops one only when that reader runs again. A view that is unmounted never runs again, so a
//! signal that lives as long as the app would keep one entry (and the memory of the reader's
//! node) for every view ever built on it: each visit to home, each routine. `AppSignal` notes
//! who reads it and, whenever the readers noted have doubled since the last sweep, unsubscribes
//! those that are gone. The cost is bounded by twice the number of live readers.

use leptos::prelude::*;
use leptos::reactive::graph::{AnySource, AnySubscriber, Observer, Source, ToAnySource};

/// A `RwSignal` that forgets readers that no longer exist.
pub struct AppSignal<T: 'static> {
    signal: RwSignal<T>,
    readers: StoredValue<Readers, LocalStorage>,
}

/// The readers noted since the last sweep, and the signal they read.
struct Readers {
    signal: AnySource,
    noted: Vec<AnySubscriber>,
    live_at_last_sweep: usize,
}

/// A sweep runs once more than this many readers beyond twice the live count are noted.
const SWEEP_SLACK: usize = 8;

impl Readers {
    /// Notes the running effect or memo (if any) as a reader of the signal; when the readers
    /// noted have doubled since the last sweep, unsubscribes those that no longer exist. Not
    /// generic: one copy serves the signals of every type.
    fn note_current(readers: StoredValue<Readers, LocalStorage>) {
        if let Some(reader) = Observer::get() {
            readers.update_value(|readers| readers.note(reader));
        }
    }

    fn note(&mut self, reader: AnySubscriber) {
        if !self.noted.contains(&reader) {
            self.noted.push(reader);
        }
        if self.noted.len() > 2 * self.live_at_last_sweep + SWEEP_SLACK {
            let signal = &self.signal;
            self.noted.retain(|noted| {
                let alive = noted.1.strong_count() > 0;
                if !alive {
                    signal.remove_subscriber(noted);
                }
                alive
            });
            self.live_at_last_sweep = self.noted.len();
        }
    }
}

impl<T: 'static> Clone for AppSignal<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for AppSignal<T> {}

impl<T: Send + Sync + 'static> AppSignal<T> {
    pub fn new(value: T) -> Self {
        let signal = RwSignal::new(value);
        let readers = Readers {
            signal: signal.to_any_source(),
            noted: Vec::new(),
            live_at_last_sweep: 0,
        };
        Self {
            signal,
            readers: StoredValue::new_local(readers),
        }
    }

    pub fn with<R>(&self, read: impl FnOnce(&T) -> R) -> R {
        Readers::note_current(self.readers);
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
