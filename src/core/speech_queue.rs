//! The rule that keeps spoken cues from overlapping: one voice at a time, announcements before
//! counts, and nothing that is already history.
//!
//! Plain Rust like the rest of the core: the shell offers each `Command::Say`, reports when the
//! browser finishes an utterance, and performs the [`SpeechAction`]s it gets back, in order.

use crate::core::session::{Ms, Speech};

/// A cue that fell due longer ago than this is dropped: after a long hidden tab we don't recite
/// what already happened.
pub const STALE_MS: Ms = 1_500;

/// What the browser's speech synthesis should do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SpeechAction {
    /// Stop whatever is being said.
    Cancel,
    Speak(Speech),
}

/// How long an utterance of `chars` characters may take before it counts as over even though
/// the browser never said it ended (a safety net: some engines drop the `end` event).
pub fn estimated_ms(chars: usize) -> Ms {
    600 + 80 * chars as Ms
}

/// Announcements outrank counts: a count may be cut short or dropped, an announcement never.
fn is_announcement(speech: Speech) -> bool {
    match speech {
        Speech::Intro { .. }
        | Speech::SwitchTo(_)
        | Speech::Rest
        | Speech::Paused
        | Speech::Resumed
        | Speech::RoutineDone => true,
        Speech::HoldCount(_)
        | Speech::ToGo(_)
        | Speech::Halfway
        | Speech::LastOne
        | Speech::Go
        | Speech::Hold => false,
    }
}

/// Who is speaking and what waits. Start with `SpeechQueue::default()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpeechQueue {
    /// What is being said, and the time by which it counts as over at the latest.
    speaking: Option<(Speech, Ms)>,
    /// One announcement (with its length in characters) waiting for the current one to end.
    queued: Option<(Speech, usize)>,
}

impl SpeechQueue {
    /// A cue to say, `chars` characters long, that fell due at `at`.
    pub fn offer(&mut self, speech: Speech, chars: usize, at: Ms, now: Ms) -> Vec<SpeechAction> {
        let mut actions = self.tick(now);
        if now.saturating_sub(at) > STALE_MS {
            return actions;
        }
        match self.speaking {
            None => actions.push(self.start(speech, chars, now)),
            Some((current, _)) if !is_announcement(current) => {
                actions.push(SpeechAction::Cancel);
                actions.push(self.start(speech, chars, now));
            }
            Some(_) if is_announcement(speech) => self.queued = Some((speech, chars)),
            Some(_) => {}
        }
        actions
    }

    /// The browser says the current utterance ended (or failed).
    pub fn finished(&mut self, now: Ms) -> Vec<SpeechAction> {
        self.speaking = None;
        match self.queued.take() {
            Some((speech, chars)) => vec![self.start(speech, chars, now)],
            None => Vec::new(),
        }
    }

    /// Applies the safety timeout: an utterance past its estimate is cancelled and the queued
    /// one, if any, is spoken. `offer` does this itself; calling it on the app's timer also
    /// moves a queued announcement along when no `end` event comes.
    pub fn tick(&mut self, now: Ms) -> Vec<SpeechAction> {
        match self.speaking {
            Some((_, until)) if now >= until => {
                let mut actions = vec![SpeechAction::Cancel];
                actions.extend(self.finished(now));
                actions
            }
            _ => Vec::new(),
        }
    }

    fn start(&mut self, speech: Speech, chars: usize, now: Ms) -> SpeechAction {
        self.speaking = Some((speech, now + estimated_ms(chars)));
        SpeechAction::Speak(speech)
    }
}

#[cfg(test)]
mod tests {
    use super::SpeechAction::{Cancel, Speak};
    use super::*;
    use crate::core::session::Leg;

    /// Every cue in these tests is 10 characters long, so it counts as over after 1400 ms.
    const CHARS: usize = 10;
    const INTRO: Speech = Speech::Intro {
        exercise: 0,
        leg: Leg::Left,
        target: 20,
        set: 1,
        sets: 1,
    };

    enum Step {
        /// A cue that fell due at `at`, offered at `now`.
        Offer(Speech, Ms, Ms),
        Finished(Ms),
        Tick(Ms),
    }
    use Step::{Finished, Offer, Tick};

    /// Runs the steps on a fresh queue; each must give exactly its actions.
    fn check(steps: &[(Step, &[SpeechAction])]) {
        let mut queue = SpeechQueue::default();
        for (i, (step, expected)) in steps.iter().enumerate() {
            let actions = match *step {
                Offer(speech, at, now) => queue.offer(speech, CHARS, at, now),
                Finished(now) => queue.finished(now),
                Tick(now) => queue.tick(now),
            };
            assert_eq!(actions, *expected, "step {i}");
        }
    }

    #[test]
    fn speaks_when_nothing_is_speaking() {
        check(&[(Offer(Speech::Go, 0, 0), &[Speak(Speech::Go)])]);
        check(&[(Offer(INTRO, 0, 0), &[Speak(INTRO)])]);
    }

    #[test]
    fn drops_a_cue_more_than_1500_ms_old() {
        check(&[(Offer(Speech::Rest, 1_000, 2_501), &[])]);
        check(&[(Offer(Speech::Rest, 1_000, 2_500), &[Speak(Speech::Rest)])]);
    }

    #[test]
    fn a_stale_cue_does_not_interrupt() {
        check(&[
            (Offer(Speech::Go, 5_000, 5_000), &[Speak(Speech::Go)]),
            (Offer(INTRO, 0, 5_100), &[]),
        ]);
    }

    #[test]
    fn an_announcement_cuts_a_count_short() {
        check(&[
            (Offer(Speech::ToGo(5), 0, 0), &[Speak(Speech::ToGo(5))]),
            (
                Offer(Speech::Paused, 100, 100),
                &[Cancel, Speak(Speech::Paused)],
            ),
        ]);
    }

    #[test]
    fn a_newer_count_replaces_a_count() {
        check(&[
            (
                Offer(Speech::HoldCount(3), 0, 0),
                &[Speak(Speech::HoldCount(3))],
            ),
            (
                Offer(Speech::HoldCount(2), 1_000, 1_000),
                &[Cancel, Speak(Speech::HoldCount(2))],
            ),
        ]);
    }

    #[test]
    fn a_count_during_an_announcement_is_dropped() {
        check(&[
            (Offer(INTRO, 0, 0), &[Speak(INTRO)]),
            (Offer(Speech::Go, 500, 500), &[]),
            (Finished(900), &[]),
        ]);
    }

    #[test]
    fn an_announcement_waits_for_the_one_being_spoken() {
        check(&[
            (Offer(Speech::Rest, 0, 0), &[Speak(Speech::Rest)]),
            (Offer(INTRO, 200, 200), &[]),
            (Finished(900), &[Speak(INTRO)]),
            (Finished(2_000), &[]),
        ]);
    }

    #[test]
    fn a_newer_announcement_replaces_the_queued_one() {
        check(&[
            (Offer(INTRO, 0, 0), &[Speak(INTRO)]),
            (Offer(Speech::Paused, 100, 100), &[]),
            (Offer(Speech::Resumed, 200, 200), &[]),
            (Finished(900), &[Speak(Speech::Resumed)]),
        ]);
    }

    #[test]
    fn after_finished_the_next_cue_needs_no_cancel() {
        check(&[
            (Offer(Speech::Hold, 0, 0), &[Speak(Speech::Hold)]),
            (Finished(500), &[]),
            (Offer(Speech::Go, 600, 600), &[Speak(Speech::Go)]),
        ]);
    }

    #[test]
    fn finished_while_silent_does_nothing() {
        check(&[(Finished(0), &[]), (Tick(10_000), &[])]);
    }

    #[test]
    fn an_utterance_without_end_event_is_over_after_its_estimate() {
        // 10 characters: 600 + 80 × 10 = 1400 ms.
        check(&[
            (Offer(INTRO, 0, 0), &[Speak(INTRO)]),
            (Tick(1_399), &[]),
            (Offer(Speech::Go, 1_399, 1_399), &[]),
            (
                Offer(Speech::Go, 1_400, 1_400),
                &[Cancel, Speak(Speech::Go)],
            ),
        ]);
    }

    #[test]
    fn the_timeout_speaks_the_queued_announcement() {
        check(&[
            (Offer(INTRO, 0, 0), &[Speak(INTRO)]),
            (Offer(Speech::Rest, 100, 100), &[]),
            (Tick(1_400), &[Cancel, Speak(Speech::Rest)]),
            (Tick(2_799), &[]),
            (Tick(2_800), &[Cancel]),
            (Tick(2_900), &[]),
        ]);
    }

    #[test]
    fn an_offer_after_the_timeout_first_speaks_the_queued_one() {
        check(&[
            (Offer(INTRO, 0, 0), &[Speak(INTRO)]),
            (Offer(Speech::Rest, 100, 100), &[]),
            (
                Offer(Speech::Go, 1_500, 1_500),
                &[Cancel, Speak(Speech::Rest)],
            ),
        ]);
    }

    #[test]
    fn the_estimate_grows_with_the_text() {
        assert_eq!(estimated_ms(0), 600);
        assert_eq!(estimated_ms(26), 2_680);
        let mut queue = SpeechQueue::default();
        assert_eq!(queue.offer(INTRO, 26, 0, 0), vec![Speak(INTRO)]);
        assert_eq!(queue.tick(2_679), vec![]);
        assert_eq!(queue.tick(2_680), vec![Cancel]);
    }

    #[test]
    fn announcements_and_counts_are_told_apart() {
        let high = [
            INTRO,
            Speech::SwitchTo(Leg::Right),
            Speech::Rest,
            Speech::Paused,
            Speech::Resumed,
            Speech::RoutineDone,
        ];
        let low = [
            Speech::HoldCount(1),
            Speech::ToGo(3),
            Speech::Halfway,
            Speech::LastOne,
            Speech::Go,
            Speech::Hold,
        ];
        assert!(high.into_iter().all(is_announcement));
        assert!(!low.into_iter().any(is_announcement));
    }
}
