//! A callback on every animation frame until unmount (leptos' helper is one-shot, so it
//! re-schedules itself). Frames stop while the page is hidden; callers keep a slow timer too.

use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;

/// One loop of frames: the frame it waits for, and whether it has been stopped.
#[derive(Default)]
struct FrameLoop {
    pending: Option<AnimationFrameRequestHandle>,
    stopped: bool,
}

type Shared = Rc<RefCell<FrameLoop>>;

fn schedule(tick: Rc<dyn Fn()>, frame_loop: Shared) {
    let next = frame_loop.clone();
    let handle = request_animation_frame_with_handle(move || {
        // Cancelling may not reach the browser (a request id the handle cannot hold, as under a
        // test clock), so a stopped loop also ends itself at its next frame.
        if next.borrow().stopped {
            return;
        }
        tick();
        schedule(tick, next);
    });
    frame_loop.borrow_mut().pending = handle.ok();
}

pub fn use_animation_frames(tick: impl Fn() + 'static) {
    let frame_loop: Shared = Rc::default();
    schedule(Rc::new(tick), frame_loop.clone());
    let frame_loop = StoredValue::new_local(frame_loop);
    on_cleanup(move || {
        frame_loop.with_value(|frame_loop| {
            let mut frame_loop = frame_loop.borrow_mut();
            frame_loop.stopped = true;
            if let Some(handle) = frame_loop.pending.take() {
                handle.cancel();
            }
        })
    });
}

/// Runs `f` in a task of its own once the next frame has been painted: work the first picture
/// does not need then neither delays it nor holds the page up in one long task.
pub fn after_next_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}
