//! The rep progression: today's target for each exercise, earned session by session.

use super::*;
use crate::core::routine::Exercise;
use std::collections::BTreeMap;

/// Sessions in a row reaching today's target before the target goes up.
pub const PROMOTE_AFTER: u32 = 2;
/// Reps added at each promotion.
pub const STEP: u32 = 2;

/// The user's own target per exercise id; it wins over the progression.
pub type Overrides = BTreeMap<String, u32>;

/// Today's target for `exercise`.
///
/// The rule: the target starts at the routine's default. The sessions containing the exercise
/// are replayed oldest first, each once however many sets it had (every leg of every set is
/// judged; a changed hold or tempo is not a target and never counts against it); one where
/// every leg was skipped (by the user, for missing equipment, or turned off in the user's
/// version) does not count either way. A session where a leg was ended early below the target
/// resets the count of sessions in a row (the target never goes down). A session that was not
/// abandoned and where every leg reached the target (reps ≥ target, completed, or ended early
/// only after a target raised by hand) adds one; after [`PROMOTE_AFTER`] the target rises by
/// [`STEP`], clamped to the exercise's maximum, and the count starts again. Anything else (an
/// abandoned session, a leg not done, a day done at a lower target the user chose) leaves the
/// count as it is. An override in `overrides` replaces all this, clamped to the exercise's range.
pub fn todays_target(exercise: &Exercise, history: &History, overrides: &Overrides) -> u32 {
    match overrides.get(&exercise.id) {
        Some(&target) => exercise.reps.clamp(target),
        None => earned_target(exercise, history),
    }
}

/// The target the progression has reached for `exercise`, overrides aside.
pub fn earned_target(exercise: &Exercise, history: &History) -> u32 {
    let mut target = exercise.reps.clamp(exercise.reps.default);
    let mut in_a_row = 0;
    for (session, record) in history
        .sessions()
        .iter()
        .filter_map(|s| Some((s, s.exercise(&exercise.id)?)))
    {
        let worked: Vec<&LegRecord> = record
            .legs()
            .filter(|l| {
                !matches!(
                    l.outcome,
                    LegOutcome::Skipped | LegOutcome::NoEquipment(_) | LegOutcome::Off
                )
            })
            .collect();
        if worked.is_empty() {
            continue;
        }
        let fell_short = worked
            .iter()
            .any(|l| l.outcome == LegOutcome::EndedEarly && l.reps < target);
        let all_legs_reached = worked.len() == record.legs().count()
            && worked.iter().all(|l| {
                matches!(l.outcome, LegOutcome::Completed | LegOutcome::EndedEarly)
                    && l.reps >= target
            });
        if fell_short {
            in_a_row = 0;
        } else if all_legs_reached && !session.abandoned {
            in_a_row += 1;
            if in_a_row >= PROMOTE_AFTER {
                target = exercise.reps.clamp(target.saturating_add(STEP));
                in_a_row = 0;
            }
        }
    }
    target
}
