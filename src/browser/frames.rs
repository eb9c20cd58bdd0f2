//! A callback on every animation frame until unmount (leptos' helper is one-shot, so it
//! re-schedules itself). Frames stop while the page is hidden; callers keep a slow timer too.

use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

type Pending = Rc<RefCell<Option<AnimationFrameRequestHandle>>>;

fn schedule(tick: Rc<dyn Fn()>, pending: Pending) {
    let next = pending.clone();
    let handle = request_animation_frame_with_handle(move || {
        tick();
        schedule(tick, next);
    });
    *pending.borrow_mut() = handle.ok();
}

pub fn use_animation_frames(tick: impl Fn() + 'static) {
    let pending: Pending = Rc::default();
    schedule(Rc::new(tick), pending.clone());
    let pending = StoredValue::new_local(pending);
    on_cleanup(move || {
        pending.with_value(|p| {
            if let Some(handle) = p.borrow_mut().take() {
                handle.cancel();
            }
        })
    });
}

/// A signal that turns true in the task after the first frame is painted: content that is never
/// on screen (the printable routine) waits for it, so the screen's first paint, and Start, come
/// sooner.
pub fn use_after_first_paint() -> Signal<bool> {
    let painted = RwSignal::new(false);
    request_animation_frame(move || {
        set_timeout(
            move || {
                // The screen may be gone by then (its signal with it).
                let _ = painted.try_set(true);
            },
            std::time::Duration::ZERO,
        )
    });
    painted.into()
}
