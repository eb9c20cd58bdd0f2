//! The user's time zone, from the browser's `Date`: the offset it applies at each instant,
//! daylight saving time included.

use crate::core::progress::Zone;
use crate::core::session::Ms;

/// The zone the device is set to.
pub struct DeviceZone;

impl Zone for DeviceZone {
    fn offset_ms(&self, at: Ms) -> i64 {
        // getTimezoneOffset is UTC minus local time, in minutes.
        let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
        -(date.get_timezone_offset() as i64) * 60_000
    }
}
