//! The user's settings: how a session runs and which cue channels are on.

use crate::core::session::{Ms, Options};
use serde::{Deserialize, Serialize};

/// Bounds of the adjustable times, so a typo cannot make a ten-minute countdown.
pub const MAX_COUNTDOWN_MS: Ms = 60_000;
pub const MAX_REST_MS: Ms = 300_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub session: Options,
    pub sound: bool,
    /// 0.0 to 1.0.
    pub volume: f32,
    pub voice: bool,
    pub vibration: bool,
    /// A full-screen colour flash at each phase change, for noisy rooms.
    pub flash: bool,
    /// The language chosen in settings, e.g. "de"; `None` follows the browser's.
    pub language: Option<String>,
    /// The voice chosen for speech, by its name; `None` takes the device's voice for the
    /// language.
    pub voice_name: Option<String>,
    /// How fast cues are spoken, 1.0 the voice's own pace.
    pub speech_rate: f32,
}

/// Bounds of the speech rate: slower than half and faster than double are hard to follow.
pub const SPEECH_RATE: (f32, f32) = (0.5, 2.0);

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session: Options::default(),
            sound: true,
            volume: 0.8,
            voice: true,
            vibration: true,
            flash: false,
            language: None,
            voice_name: None,
            speech_rate: 1.0,
        }
    }
}

impl Settings {
    /// The same settings with every figure brought into its allowed range.
    pub fn sanitized(mut self) -> Self {
        let o = &mut self.session;
        o.get_ready_ms = o.get_ready_ms.min(MAX_COUNTDOWN_MS);
        o.rest_between_legs_ms = o.rest_between_legs_ms.min(MAX_REST_MS);
        o.rest_between_exercises_ms = o.rest_between_exercises_ms.min(MAX_REST_MS);
        o.pace_factor = if o.pace_factor.is_finite() {
            o.pace_factor.clamp(0.5, 2.0)
        } else {
            1.0
        };
        o.missing_equipment.dedup();
        self.volume = if self.volume.is_finite() {
            self.volume.clamp(0.0, 1.0)
        } else {
            0.8
        };
        self.speech_rate = if self.speech_rate.is_finite() {
            self.speech_rate.clamp(SPEECH_RATE.0, SPEECH_RATE.1)
        } else {
            1.0
        };
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_range_figures_are_brought_back() {
        let mut s = Settings::default();
        s.session.get_ready_ms = 10_000_000;
        s.session.pace_factor = f64::NAN;
        s.volume = 7.0;
        s.speech_rate = 9.0;
        let s = s.sanitized();
        assert_eq!(s.speech_rate, SPEECH_RATE.1);
        assert_eq!(s.session.get_ready_ms, MAX_COUNTDOWN_MS);
        assert_eq!(s.session.pace_factor, 1.0);
        assert_eq!(s.volume, 1.0);
    }

    #[test]
    fn missing_fields_take_defaults() {
        let s: Settings = serde_json::from_str(r#"{"voice": false}"#).unwrap();
        assert!(!s.voice);
        assert_eq!(s.session, Options::default());
        // Settings saved before languages existed follow the browser, at the voice's pace.
        assert_eq!((s.language, s.speech_rate), (None, 1.0));
    }
}
