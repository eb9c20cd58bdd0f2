//! Sounds scheduled ahead on the audio clock. Each frame the shell asks what the session will
//! play in the next moments (by advancing a copy), schedules those sounds once, and later
//! skips them when the real session reaches them. So the rhythm of the pacer and holds comes
//! from the audio clock, not from when the main thread happens to run.

use crate::core::session::{Command, Cue, Event, Ms, Session};

/// Cues older than this when they reach the shell are not played (a tab back from hiding).
pub const STALE_MS: Ms = 1_000;

/// What has been handed to the audio clock and not yet reached by the session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CueSchedule {
    scheduled: Vec<(Cue, Ms)>,
}

fn cues_of(commands: &[Command]) -> impl Iterator<Item = (Cue, Ms)> + '_ {
    commands.iter().filter_map(|c| match *c {
        Command::Cue { cue, at } => Some((cue, at)),
        _ => None,
    })
}

impl CueSchedule {
    /// The cues that fall in `(now, now + horizon]` if nothing else happens and that are not
    /// scheduled yet. The caller schedules each at `at - now` from now on the audio clock.
    pub fn look_ahead(&mut self, session: &Session, now: Ms, horizon: Ms) -> Vec<(Cue, Ms)> {
        if session.is_paused() || !session.is_active() {
            return Vec::new();
        }
        let mut future = session.clone();
        let commands = future.apply(Event::Tick, now + horizon);
        let fresh: Vec<(Cue, Ms)> = cues_of(&commands)
            .filter(|item| item.1 > now && !self.scheduled.contains(item))
            .collect();
        self.scheduled.extend(&fresh);
        fresh
    }

    /// The cues in `commands` (from the real session) still to be played now: those not
    /// scheduled ahead, and not stale.
    pub fn due(&mut self, commands: &[Command], now: Ms) -> Vec<(Cue, Ms)> {
        let mut due = Vec::new();
        for item in cues_of(commands) {
            if let Some(i) = self.scheduled.iter().position(|s| *s == item) {
                self.scheduled.swap_remove(i);
            } else if item.1 + STALE_MS >= now {
                due.push(item);
            }
        }
        due
    }

    /// After an event that changes the session's course, sounds scheduled for later are void;
    /// the shell cancels them.
    pub fn forget_after(&mut self, now: Ms) {
        self.scheduled.retain(|&(_, at)| at <= now);
    }

    pub fn pending(&self) -> &[(Cue, Ms)] {
        &self.scheduled
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::routine::Routine;
    use crate::core::session::Options;

    /// The standing hip flexor, guided: 2 s up, 2 s down, no countdowns.
    fn flexor_session() -> Session {
        let options = Options {
            get_ready_ms: 0,
            rest_between_legs_ms: 0,
            rest_between_exercises_ms: 0,
            ..Options::default()
        };
        let mut session = Session::new(&Routine::bundled(), options, |e| e.reps.default);
        session.apply(Event::Start, 0);
        for _ in 0..7 {
            session.apply(Event::Skip, 0);
        }
        assert_eq!(session.current().id, "standing-hip-flexor");
        session
    }

    /// Runs frames every `frame` ms from 0 to `until`, scheduling ahead by `horizon`; returns
    /// every sound with the time it was set to play.
    fn play(session: &mut Session, frame: Ms, horizon: Ms, until: Ms) -> Vec<(Cue, Ms)> {
        let mut schedule = CueSchedule::default();
        let mut played = Vec::new();
        let mut now = 0;
        while now <= until {
            played.extend(schedule.look_ahead(session, now, horizon));
            let commands = session.apply(Event::Tick, now);
            played.extend(schedule.due(&commands, now));
            now += frame;
        }
        played.sort_by_key(|&(_, at)| at);
        played
    }

    #[test]
    fn tempo_beats_are_scheduled_ahead_at_exact_times() {
        let mut session = flexor_session();
        let played = play(&mut session, 100, 300, 12_000);
        let beats: Vec<(Cue, Ms)> = played
            .into_iter()
            .filter(|(c, _)| matches!(c, Cue::Up | Cue::Down))
            .collect();
        assert_eq!(
            beats,
            [
                (Cue::Down, 2_000),
                (Cue::Up, 4_000),
                (Cue::Down, 6_000),
                (Cue::Up, 8_000),
                (Cue::Down, 10_000),
                (Cue::Up, 12_000)
            ]
        );
    }

    #[test]
    fn a_stalled_main_thread_does_not_move_or_double_the_beats() {
        // Frames every 900 ms with a 1 s look-ahead: every beat is still scheduled once, at its time.
        let mut smooth = flexor_session();
        let mut stalled = smooth.clone();
        assert_eq!(
            play(&mut smooth, 100, 1_000, 12_000),
            play(&mut stalled, 900, 1_000, 12_000)
        );
    }

    #[test]
    fn stale_cues_are_not_played_after_a_long_hide() {
        let mut session = flexor_session();
        let mut schedule = CueSchedule::default();
        let commands = session.apply(Event::Tick, 60_000);
        let due = schedule.due(&commands, 60_000);
        assert!(
            due.iter().all(|&(_, at)| at + STALE_MS >= 60_000),
            "{due:?}"
        );
    }

    #[test]
    fn hold_countdown_ticks_are_scheduled_ahead() {
        let options = Options {
            get_ready_ms: 0,
            ..Options::default()
        };
        let mut session = Session::new(&Routine::bundled(), options, |e| e.reps.default);
        session.apply(Event::Start, 0);
        let played = play(&mut session, 250, 300, 12_000);
        let ticks: Vec<Ms> = played
            .iter()
            .filter(|(c, _)| *c == Cue::CountdownTick)
            .map(|&(_, at)| at)
            .collect();
        // Clams: the 10 s hold starts at 1.5 s and ends at 11.5 s.
        assert_eq!(ticks, [8_500, 9_500, 10_500]);
        assert!(played.contains(&(Cue::HoldEnd, 11_500)));
    }

    #[test]
    fn forgetting_after_an_event_drops_only_future_sounds() {
        let session = flexor_session();
        let mut schedule = CueSchedule::default();
        let ahead = schedule.look_ahead(&session, 1_800, 300);
        assert_eq!(ahead, [(Cue::Rep, 2_000), (Cue::Down, 2_000)]);
        schedule.forget_after(1_900);
        assert!(schedule.pending().is_empty());
    }
}
