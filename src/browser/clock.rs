//! The app's one clock. Epoch milliseconds, so timestamps saved in a session mean the same after
//! a reload.

use crate::core::session::Ms;

pub fn now_ms() -> Ms {
    js_sys::Date::now() as Ms
}
