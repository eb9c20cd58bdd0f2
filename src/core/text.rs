//! Every word the user sees or hears, from the language file: views and cues read it here,
//! so another language is a new file, not new code.

use crate::core::routine::{Equipment, Routine};
use crate::core::session::{Leg, Speech};
use serde::Deserialize;

/// The English texts shipped with the app.
pub const BUNDLED_EN: &str = include_str!("../../assets/text/en.json");

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub language: String,
    pub ui: UiText,
    pub equipment: EquipmentText,
    pub speech: SpeechText,
}

/// Labels, headings and messages on screen. Templates use `{name}` placeholders.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiText {
    pub app_name: String,
    pub tagline: String,
    pub start: String,
    pub resume: String,
    pub start_over: String,
    pub estimate: String,
    pub exercises_count: String,
    pub each_leg: String,
    pub reps: String,
    pub rep_range: String,
    pub hold: String,
    pub tempo: String,
    pub needs: String,
    pub equipment_missing: String,
    pub equipment_question: String,
    pub leg_left: String,
    pub leg_right: String,
    pub phase_not_started: String,
    pub phase_get_ready: String,
    pub phase_lifting: String,
    pub phase_holding: String,
    pub phase_lowering: String,
    pub phase_awaiting: String,
    pub phase_switch_legs: String,
    pub phase_rest: String,
    pub phase_waiting: String,
    pub phase_done: String,
    pub paused: String,
    pub pause: String,
    pub skip: String,
    pub back: String,
    pub finish_leg: String,
    pub go_on: String,
    pub rep_count: String,
    pub seconds_left: String,
    pub next: String,
    pub next_last: String,
    pub target: String,
    pub fewer: String,
    pub more: String,
    pub mode_guided: String,
    pub mode_tap: String,
    pub count_mode: String,
    pub tap_hint: String,
    pub shortcuts: String,
    pub about_exercise: String,
    pub value_for_runners: String,
    pub instructions: String,
    pub tips: String,
    pub close: String,
    pub print: String,
    pub figure: String,
    pub figure_start: String,
    pub figure_top: String,
    pub summary_title: String,
    pub summary_time: String,
    pub summary_left: String,
    pub summary_right: String,
    pub outcome_completed: String,
    pub outcome_ended_early: String,
    pub outcome_skipped: String,
    pub outcome_no_equipment: String,
    pub home: String,
    pub exercise_of: String,
    pub loading_error: String,
    pub settings: String,
    pub wait_for_me: String,
    pub get_ready_time: String,
    pub rest_legs: String,
    pub rest_exercises: String,
    pub pace: String,
    pub pace_slower: String,
    pub pace_faster: String,
    pub pace_value: String,
    pub seconds_value: String,
    pub sound: String,
    pub volume: String,
    pub voice: String,
    pub vibration: String,
    pub flash: String,
    pub equipment_have: String,
    pub end: String,
    pub notice_storage_unavailable: String,
    pub notice_storage_full: String,
    pub notice_storage_unreadable: String,
    pub notice_wake_lock: String,
    pub dismiss: String,
    pub stroke_count: String,
    pub skipped_today: String,
    pub update_available: String,
    pub update_reload: String,
    pub offline_ready: String,
    pub history: String,
    pub streak_current: String,
    pub streak_longest: String,
    pub this_week: String,
    pub this_week_value: String,
    pub weeks_one: String,
    pub weeks_many: String,
    pub streak_goal: String,
    pub calendar_title: String,
    pub calendar_less: String,
    pub calendar_more: String,
    pub months: String,
    pub weekdays: String,
    pub date: String,
    pub date_short: String,
    pub day_none: String,
    pub day_one: String,
    pub day_many: String,
    pub reps_title: String,
    pub exercise: String,
    pub chart_label: String,
    pub chart_empty: String,
    pub target_line: String,
    pub recent_title: String,
    pub session_finished: String,
    pub session_not_finished: String,
    pub session_minutes: String,
    pub no_sessions: String,
    pub backup_title: String,
    pub last_exported: String,
    pub never_exported: String,
    pub export_json: String,
    pub export_csv: String,
    pub import: String,
    pub import_hint: String,
    pub import_done: String,
    pub import_too_large: String,
    pub import_not_json: String,
    pub import_not_bia: String,
    pub import_too_new: String,
    pub import_invalid: String,
    pub import_read_failed: String,
    pub file_failed: String,
    pub download: String,
    pub nudge_backup: String,
    pub nudge_export: String,
    pub nudge_later: String,
    pub storage_title: String,
    pub storage_persistent: String,
    pub storage_not_persistent: String,
    pub storage_unknown: String,
    pub storage_used: String,
    pub storage_data: String,
    pub size_kb: String,
    pub size_mb: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentText {
    pub band: String,
    pub step: String,
    #[serde(rename = "balance-board")]
    pub balance_board: String,
}

/// Spoken cues.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpeechText {
    pub intro: String,
    pub left: String,
    pub right: String,
    pub go: String,
    pub hold: String,
    pub halfway: String,
    pub to_go: String,
    pub last_one: String,
    pub switch_to: String,
    pub switch_left: String,
    pub switch_right: String,
    pub rest: String,
    pub paused: String,
    pub resumed: String,
    pub routine_done: String,
    /// Spoken numbers for hold countdowns: "one", "two", "three".
    pub counts: Vec<String>,
}

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), &value.to_string())
        })
}

impl Text {
    pub fn bundled() -> Text {
        serde_json::from_str(BUNDLED_EN).unwrap_or_else(|e| panic!("bundled text: {e}"))
    }

    pub fn equipment(&self, item: Equipment) -> &str {
        match item {
            Equipment::Band => &self.equipment.band,
            Equipment::Step => &self.equipment.step,
            Equipment::BalanceBoard => &self.equipment.balance_board,
        }
    }

    /// "LEFT" / "RIGHT" as shown on the player.
    pub fn leg(&self, leg: Leg) -> &str {
        match leg {
            Leg::Left => &self.ui.leg_left,
            Leg::Right => &self.ui.leg_right,
        }
    }

    /// The words for a spoken cue.
    pub fn speech(&self, routine: &Routine, speech: Speech) -> String {
        let s = &self.speech;
        match speech {
            Speech::Intro {
                exercise,
                leg,
                target,
            } => {
                let leg = match leg {
                    Leg::Left => &s.left,
                    Leg::Right => &s.right,
                };
                let name = routine
                    .exercises
                    .get(exercise)
                    .map_or("", |e| e.name.as_str());
                fill(
                    &s.intro,
                    &[("leg", &leg), ("exercise", &name), ("target", &target)],
                )
            }
            Speech::Go => s.go.clone(),
            Speech::Hold => s.hold.clone(),
            Speech::HoldCount(n) => s
                .counts
                .get(n as usize - 1)
                .cloned()
                .unwrap_or_else(|| n.to_string()),
            Speech::Halfway => s.halfway.clone(),
            Speech::ToGo(n) => fill(&s.to_go, &[("n", &n)]),
            Speech::LastOne => s.last_one.clone(),
            Speech::SwitchTo(leg) => {
                let leg = match leg {
                    Leg::Left => &s.switch_left,
                    Leg::Right => &s.switch_right,
                };
                fill(&s.switch_to, &[("leg", &leg)])
            }
            Speech::Rest => s.rest.clone(),
            Speech::Paused => s.paused.clone(),
            Speech::Resumed => s.resumed.clone(),
            Speech::RoutineDone => s.routine_done.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("{reps} / {target}", &[("reps", &7), ("target", &20)]),
            "7 / 20"
        );
        assert_eq!(fill("no placeholders", &[("x", &1)]), "no placeholders");
    }

    #[test]
    fn speaks_the_intro_with_exercise_leg_and_target() {
        let text = Text::bundled();
        let routine = Routine::bundled();
        let intro = Speech::Intro {
            exercise: 0,
            leg: Leg::Right,
            target: 20,
        };
        assert_eq!(text.speech(&routine, intro), "Right leg. Clams. 20 reps.");
        assert_eq!(
            text.speech(&routine, Speech::SwitchTo(Leg::Right)),
            "Switch to your right leg"
        );
        assert_eq!(text.speech(&routine, Speech::HoldCount(3)), "three");
    }

    #[test]
    fn every_template_placeholder_is_one_the_code_fills() {
        // A misspelt placeholder would be shown to the user as "{minuts}".
        let known = [
            "minutes", "seconds", "n", "min", "max", "s", "up", "down", "items", "item", "reps",
            "target", "exercise", "leg", "total", "error", "label", "m", "date", "weekday", "day",
            "month", "year", "size", "version", "at", "problem", "used",
        ];
        let doc: serde_json::Value = serde_json::from_str(BUNDLED_EN).unwrap();
        let mut stack = vec![&doc];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::String(text) => {
                    for part in text.split('{').skip(1) {
                        let name = part.split('}').next().unwrap_or("");
                        assert!(
                            known.contains(&name),
                            "unknown placeholder {{{name}}} in {text:?}"
                        );
                    }
                }
                serde_json::Value::Object(map) => stack.extend(map.values()),
                serde_json::Value::Array(items) => stack.extend(items),
                _ => {}
            }
        }
    }
}
