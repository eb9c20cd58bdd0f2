//! Short synthesised sounds for the cues (Web Audio oscillators, no audio files), scheduled on
//! the audio clock so they land on time even when the timer that asked for them ran late.
//!
//! Every call does nothing where Web Audio is missing or not yet unlocked.

use crate::core::session::Cue;
use std::cell::{Cell, RefCell};
use web_sys::{AudioContext, AudioContextState, GainNode, OscillatorNode, OscillatorType};

/// Attack and release of every note, long enough to avoid clicks.
const RAMP_S: f64 = 0.01;

struct Audio {
    ctx: AudioContext,
    master: GainNode,
}

thread_local! {
    static AUDIO: RefCell<Option<Audio>> = const { RefCell::new(None) };
    static VOLUME: Cell<f32> = const { Cell::new(1.0) };
}

/// One tone: frequency, start after the cue's start and length (seconds), peak gain.
struct Note(f32, f64, f64, f32);

/// Each cue's sound: a waveform and its notes. Rising for up and go, falling for down, arpeggios
/// for endings, so each is recognisable with the tablet out of sight.
fn sound(cue: Cue) -> (OscillatorType, &'static [Note]) {
    use OscillatorType::{Sine, Triangle};
    match cue {
        Cue::Up => (
            Sine,
            &[Note(523.3, 0.0, 0.08, 0.5), Note(659.3, 0.08, 0.1, 0.5)],
        ),
        Cue::Down => (
            Sine,
            &[Note(659.3, 0.0, 0.08, 0.5), Note(523.3, 0.08, 0.1, 0.5)],
        ),
        Cue::Rep => (Triangle, &[Note(880.0, 0.0, 0.09, 0.55)]),
        Cue::HoldStart => (Sine, &[Note(587.3, 0.0, 0.25, 0.5)]),
        Cue::HoldEnd => (
            Sine,
            &[Note(784.0, 0.0, 0.07, 0.5), Note(784.0, 0.12, 0.07, 0.5)],
        ),
        Cue::CountdownTick => (Triangle, &[Note(1000.0, 0.0, 0.05, 0.4)]),
        Cue::Go => (Sine, &[Note(1318.5, 0.0, 0.3, 0.6)]),
        Cue::SwitchLegs => (
            Triangle,
            &[
                Note(659.3, 0.0, 0.1, 0.5),
                Note(523.3, 0.12, 0.1, 0.5),
                Note(659.3, 0.24, 0.12, 0.5),
            ],
        ),
        Cue::ExerciseDone => (
            Sine,
            &[
                Note(523.3, 0.0, 0.1, 0.5),
                Note(659.3, 0.1, 0.1, 0.5),
                Note(784.0, 0.2, 0.2, 0.5),
            ],
        ),
        Cue::RoutineDone => (
            Sine,
            &[
                Note(523.3, 0.0, 0.12, 0.5),
                Note(659.3, 0.12, 0.12, 0.5),
                Note(784.0, 0.24, 0.12, 0.5),
                Note(1046.5, 0.36, 0.45, 0.55),
            ],
        ),
    }
}

/// Creates the audio context (the first call must come from a user gesture, or the browser keeps
/// it suspended) and resumes it if suspended.
pub fn unlock() {
    AUDIO.with_borrow_mut(|audio| {
        if audio
            .as_ref()
            .is_none_or(|a| a.ctx.state() == AudioContextState::Closed)
        {
            *audio = create();
        }
    });
    resume_if_interrupted();
}

fn create() -> Option<Audio> {
    let ctx = AudioContext::new().ok()?;
    let master = ctx.create_gain().ok()?;
    master.gain().set_value(VOLUME.get());
    master.connect_with_audio_node(&ctx.destination()).ok()?;
    Some(Audio { ctx, master })
}

/// Resumes a context that is suspended, or "interrupted" (Safari, after a call or a hidden
/// page). Call when the page becomes visible again.
pub fn resume_if_interrupted() {
    AUDIO.with_borrow(|audio| {
        if let Some(Audio { ctx, .. }) = audio
            && !matches!(
                ctx.state(),
                AudioContextState::Running | AudioContextState::Closed
            )
            && let Ok(promise) = ctx.resume()
        {
            // Awaited only so a refusal is not reported as an unhandled rejection.
            js_sys::futures::spawn_local(async move {
                let _ = promise.await;
            });
        }
    });
}

/// Master volume, 0 to 1; kept for a context created later.
pub fn set_volume(volume: f32) {
    let volume = if volume.is_nan() {
        0.0
    } else {
        volume.clamp(0.0, 1.0)
    };
    VOLUME.set(volume);
    AUDIO.with_borrow(|audio| {
        if let Some(Audio { ctx, master }) = audio {
            // A short glide rather than a jump, which would click.
            let _ = master
                .gain()
                .set_target_at_time(volume, ctx.current_time(), RAMP_S);
        }
    });
}

/// The audio clock in milliseconds, once unlocked.
pub fn audio_time_ms() -> Option<f64> {
    AUDIO.with_borrow(|audio| audio.as_ref().map(|a| a.ctx.current_time() * 1000.0))
}

/// A sound scheduled by [`play_at`]. Dropping it lets the sound play.
pub struct ScheduledCue {
    /// Each oscillator with its start time on the audio clock.
    notes: Vec<(OscillatorNode, f64)>,
}

impl ScheduledCue {
    /// Silences the notes that have not started yet; one already sounding ends by itself.
    pub fn cancel(&self) {
        let Some(now) = audio_time_ms().map(|ms| ms / 1000.0) else {
            return;
        };
        for (osc, start) in &self.notes {
            if *start > now {
                let _ = osc.stop_with_when(0.0);
            }
        }
    }
}

/// Plays the cue's sound `delay_ms` from now on the audio clock (now if `delay_ms` ≤ 0).
pub fn play_at(cue: Cue, delay_ms: f64) -> Option<ScheduledCue> {
    AUDIO.with_borrow(|audio| {
        let Audio { ctx, master } = audio.as_ref()?;
        let start = ctx.current_time() + delay_ms.max(0.0) / 1000.0;
        let (wave, notes) = sound(cue);
        let notes = notes
            .iter()
            .map(|note| play_note(ctx, master, wave, note, start + note.1))
            .collect::<Option<_>>()?;
        Some(ScheduledCue { notes })
    })
}

fn play_note(
    ctx: &AudioContext,
    master: &GainNode,
    wave: OscillatorType,
    &Note(freq, _, length, peak): &Note,
    at: f64,
) -> Option<(OscillatorNode, f64)> {
    let (osc, env) = (ctx.create_oscillator().ok()?, ctx.create_gain().ok()?);
    osc.set_type(wave);
    osc.frequency().set_value(freq);
    let gain = env.gain();
    gain.set_value(0.0);
    gain.set_value_at_time(0.0, at).ok()?;
    gain.linear_ramp_to_value_at_time(peak, at + RAMP_S).ok()?;
    gain.set_value_at_time(peak, at + length - RAMP_S).ok()?;
    gain.linear_ramp_to_value_at_time(0.0, at + length).ok()?;
    osc.connect_with_audio_node(&env).ok()?;
    env.connect_with_audio_node(master).ok()?;
    osc.start_with_when(at).ok()?;
    osc.stop_with_when(at + length + RAMP_S).ok()?;
    Some((osc, at))
}
