//! Every word the user sees or hears, from the language file: views and cues read it here,
//! so another language is a new file, not new code.

use crate::core::routine::{Equipment, Routine};
use crate::core::session::{Leg, PlannedExercise, Speech};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The English texts shipped with the app, as written in the language file.
pub const BUNDLED_EN: &str = include_str!("../../assets/text/en.json");

/// The same texts as a static, written by `build.rs` from that file: nothing to parse at start.
static EN: Text = include!(concat!(env!("OUT_DIR"), "/text_en.rs"));

/// Declares a struct of texts read from a JSON object of strings, one field per key. Reading a
/// map and taking each key is far smaller in the wasm than a derived `Deserialize` for a struct
/// of a hundred fields, and still names a missing or unknown key. A language lives as long as the
/// app, so its texts are `&'static str`: the bundled one is a static, one read at run time is
/// leaked once.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($field:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub struct $name {
            $(pub $field: &'static str,)*
        }

        impl $name {
            const KEYS: &[&str] = &[$(stringify!($field)),*];

            fn from_map(mut map: Strings, section: &str) -> Result<Self, String> {
                // Every key is taken before the struct is built: an early return between
                // fields would make the compiler emit drop code for each partial struct.
                let mut values = Vec::with_capacity(Self::KEYS.len());
                for key in Self::KEYS {
                    values.push(take(&mut map, section, key)?);
                }
                if let Some(extra) = map.keys().next() {
                    return Err(format!("{section}: unknown key `{extra}`"));
                }
                let mut values = values.into_iter().map(leak);
                Ok($name {
                    $($field: values.next().unwrap_or_default(),)*
                })
            }
        }
    };
}

type Strings = BTreeMap<String, String>;

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn take(map: &mut Strings, section: &str, key: &str) -> Result<String, String> {
    map.remove(key)
        .ok_or_else(|| format!("{section}: missing key `{key}`"))
}

/// A language file as written: sections of strings, plus the spoken counts and, in a
/// translation, the routine's texts.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    language: String,
    name: String,
    plural_one: Vec<u32>,
    ui: Strings,
    equipment: Strings,
    speech: RawSpeech,
    routine: Option<RoutineText>,
}

/// A translation of the routine's words: its title and, by exercise id, what the info panel,
/// home and the cues say about each exercise. Everything else comes from the routine as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutineText {
    pub title: String,
    pub exercises: BTreeMap<String, ExerciseText>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseText {
    pub name: String,
    pub value_for_runners: String,
    pub instructions: String,
    pub tips: Vec<String>,
}

#[derive(Deserialize)]
struct RawSpeech {
    counts: Vec<String>,
    #[serde(flatten)]
    words: Strings,
}

#[derive(Clone, Debug)]
pub struct Text {
    /// The language's BCP 47 code, e.g. "de".
    pub language: &'static str,
    /// The language's own name for itself, e.g. "Deutsch".
    pub name: &'static str,
    /// The counts that take the singular (`*_one`) form: 1, or 0 and 1 in French.
    pub plural_one: &'static [u32],
    pub ui: UiText,
    pub equipment: EquipmentText,
    pub speech: SpeechText,
    /// Spoken numbers for hold countdowns: "one", "two", "three".
    pub counts: &'static [&'static str],
}

texts! {
    /// Labels, headings and messages on screen. Templates use `{name}` placeholders.
    UiText {
        app_name,
        tagline,
        start,
        resume,
        start_over,
        estimate,
        exercises_count_one,
        exercises_count_many,
        each_leg,
        reps,
        rep_range,
        hold,
        tempo,
        needs,
        equipment_missing,
        equipment_question,
        leg_left,
        leg_right,
        phase_not_started,
        phase_get_ready,
        phase_lifting,
        phase_holding,
        phase_lowering,
        phase_awaiting,
        phase_switch_legs,
        phase_rest,
        phase_waiting,
        phase_done,
        paused,
        pause,
        skip,
        back,
        finish_leg,
        go_on,
        rep_count,
        seconds_left,
        next,
        next_last,
        target,
        fewer,
        more,
        mode_guided,
        mode_tap,
        count_mode,
        tap_hint,
        shortcuts,
        about_exercise,
        value_for_runners,
        instructions,
        tips,
        close,
        print,
        figure,
        figure_start,
        figure_top,
        summary_title,
        summary_time,
        summary_left,
        summary_right,
        outcome_completed,
        outcome_ended_early,
        outcome_skipped,
        outcome_no_equipment,
        home,
        exercise_of,
        loading_error,
        settings,
        wait_for_me,
        get_ready_time,
        rest_legs,
        rest_exercises,
        pace,
        pace_slower,
        pace_faster,
        pace_value,
        seconds_value,
        sound,
        volume,
        voice,
        vibration,
        flash,
        equipment_have,
        end,
        notice_storage_unavailable,
        notice_storage_full,
        notice_storage_unreadable,
        notice_storage_unreadable_not_moved,
        notice_wake_lock,
        dismiss,
        discard,
        stroke_count,
        skipped_today,
        update_available,
        update_reload,
        offline_ready,
        history,
        streak_current,
        streak_longest,
        this_week,
        this_week_value,
        weeks_one,
        weeks_many,
        streak_goal,
        calendar_title,
        calendar_less,
        calendar_more,
        months,
        weekdays,
        date,
        date_short,
        day_none,
        day_one,
        day_many,
        reps_title,
        exercise,
        chart_label,
        chart_empty,
        target_line,
        recent_title,
        session_finished,
        session_not_finished,
        session_minutes,
        no_sessions,
        backup_title,
        last_exported,
        never_exported,
        export_json,
        export_csv,
        import,
        import_hint,
        import_done_one,
        import_done_many,
        import_too_large,
        import_not_json,
        import_not_bia,
        import_too_new,
        import_invalid,
        import_read_failed,
        file_failed,
        download,
        nudge_backup,
        nudge_export,
        nudge_later,
        storage_title,
        storage_persistent,
        storage_not_persistent,
        storage_unknown,
        storage_used,
        storage_data,
        size_kb,
        size_mb,
        language,
        language_automatic,
        language_failed,
        translated_from,
        voice_name,
        voice_default,
        speech_rate,
        speech_rate_value,
        no_voice,
        decimal_separator,
        phase_next_set,
        set_of,
        sets_count,
        off_in_my_routine,
        my_routine,
        my_routine_hint,
        in_my_routine,
        move_up,
        move_down,
        move_up_label,
        move_down_label,
        sets,
        rest_sets,
        hold_top,
        lift,
        lower,
        less,
        more_of,
        less_label,
        more_label,
        as_written,
        as_written_label,
        all_as_written,
        as_written_value,
        order_repaired,
        reminders,
        reminder_hint,
        reminder_days,
        reminder_time,
        reminder_download,
        reminder_none,
        reminder_next,
        reminder_title,
        reminder_description,
        reminder_alarm,
        weekdays_long,
        streak_schedule_goal,
        moved_to,
    }
}

texts! {
    EquipmentText { band, step, balance_board }
}

texts! {
    /// Spoken cues.
    SpeechText {
        intro,
        set,
        left,
        right,
        go,
        hold,
        halfway,
        to_go,
        last_one,
        switch_to,
        switch_left,
        switch_right,
        rest,
        paused,
        resumed,
        routine_done,
    }
}

impl Text {
    /// Reads a language file, naming the section and key at fault; a translation also carries
    /// the routine's texts.
    pub fn parse(json: &str) -> Result<(Text, Option<RoutineText>), String> {
        let raw: RawText = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let mut equipment = raw.equipment;
        if let Some(board) = equipment.remove("balance-board") {
            equipment.insert("balance_board".into(), board);
        }
        let counts: Vec<&'static str> = raw.speech.counts.into_iter().map(leak).collect();
        let text = Text {
            language: leak(raw.language),
            name: leak(raw.name),
            plural_one: Box::leak(raw.plural_one.into_boxed_slice()),
            ui: UiText::from_map(raw.ui, "ui")?,
            equipment: EquipmentText::from_map(equipment, "equipment")?,
            speech: SpeechText::from_map(raw.speech.words, "speech")?,
            counts: Box::leak(counts.into_boxed_slice()),
        };
        Ok((text, raw.routine))
    }
}

/// A value that goes into a template: text or a whole number. Fractions are written by
/// [`crate::core::display::decimal`] first, so no float formatting is linked into the app.
pub trait FillValue {
    fn text(&self) -> std::borrow::Cow<'_, str>;
}

impl FillValue for str {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        self.into()
    }
}

impl FillValue for String {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        self.as_str().into()
    }
}

impl<T: FillValue + ?Sized> FillValue for &T {
    fn text(&self) -> std::borrow::Cow<'_, str> {
        (**self).text()
    }
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl FillValue for $t {
            fn text(&self) -> std::borrow::Cow<'_, str> {
                self.to_string().into()
            }
        }
    )*};
}
whole_numbers!(u8, u16, u32, u64, usize, i32, i64);

/// Replaces each `{key}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &dyn FillValue)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), &value.text())
        })
}

impl Text {
    /// English, as shipped.
    pub fn bundled() -> &'static Text {
        &EN
    }

    /// The singular or the plural form, as the language counts `n`.
    pub fn plural(&self, n: u32, one: &'static str, many: &'static str) -> &'static str {
        if self.plural_one.contains(&n) {
            one
        } else {
            many
        }
    }

    /// A number with `places` decimals, written with the language's decimal separator.
    pub fn decimal(&self, x: f64, places: u32) -> String {
        crate::core::display::decimal(x, places).replace('.', self.ui.decimal_separator)
    }

    /// Tenths as the language writes them: 1.5 → "1,5" in German; 2 → "2".
    pub fn tenths(&self, x: f64) -> String {
        crate::core::display::tenths(x).replace('.', self.ui.decimal_separator)
    }

    pub fn equipment(&self, item: Equipment) -> &'static str {
        match item {
            Equipment::Band => self.equipment.band,
            Equipment::Step => self.equipment.step,
            Equipment::BalanceBoard => self.equipment.balance_board,
        }
    }

    /// "LEFT" / "RIGHT" as shown on the player.
    pub fn leg(&self, leg: Leg) -> &'static str {
        match leg {
            Leg::Left => self.ui.leg_left,
            Leg::Right => self.ui.leg_right,
        }
    }

    /// The words for a spoken cue; `plan` is the session's, whose entries an intro names.
    pub fn speech(&self, routine: &Routine, plan: &[PlannedExercise], speech: Speech) -> String {
        let s = &self.speech;
        match speech {
            Speech::Intro {
                exercise,
                leg,
                target,
                set,
                sets,
            } => {
                let leg = match leg {
                    Leg::Left => &s.left,
                    Leg::Right => &s.right,
                };
                let name = crate::core::display::planned_name(routine, plan, exercise);
                let intro = fill(
                    s.intro,
                    &[("leg", &leg), ("exercise", &name), ("target", &target)],
                );
                if sets > 1 {
                    let set = fill(s.set, &[("set", &set), ("sets", &sets)]);
                    format!("{set} {intro}")
                } else {
                    intro
                }
            }
            Speech::Go => s.go.into(),
            Speech::Hold => s.hold.into(),
            Speech::HoldCount(n) => self
                .counts
                .get(n as usize - 1)
                .map_or_else(|| n.to_string(), |count| (*count).into()),
            Speech::Halfway => s.halfway.into(),
            Speech::ToGo(n) => fill(s.to_go, &[("n", &n)]),
            Speech::LastOne => s.last_one.into(),
            Speech::SwitchTo(leg) => {
                let leg = match leg {
                    Leg::Left => &s.switch_left,
                    Leg::Right => &s.switch_right,
                };
                fill(s.switch_to, &[("leg", &leg)])
            }
            Speech::Rest => s.rest.into(),
            Speech::Paused => s.paused.into(),
            Speech::Resumed => s.resumed.into(),
            Speech::RoutineDone => s.routine_done.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_or_unknown_key_is_named() {
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED_EN).unwrap();
        doc["ui"].as_object_mut().unwrap().remove("start");
        assert_eq!(
            Text::parse(&doc.to_string()).err().unwrap(),
            "ui: missing key `start`"
        );
        let mut doc: serde_json::Value = serde_json::from_str(BUNDLED_EN).unwrap();
        doc["speech"]["gogo"] = "Go".into();
        assert_eq!(
            Text::parse(&doc.to_string()).err().unwrap(),
            "speech: unknown key `gogo`"
        );
    }

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
        let plan =
            crate::core::session::Session::new(&routine, Default::default(), |e| e.reps.default)
                .plan;
        let intro = Speech::Intro {
            exercise: 0,
            leg: Leg::Right,
            target: 20,
            set: 1,
            sets: 1,
        };
        assert_eq!(
            text.speech(&routine, &plan, intro),
            "Right leg. Clams. 20 reps."
        );
        let second_set = Speech::Intro {
            exercise: 0,
            leg: Leg::Left,
            target: 20,
            set: 2,
            sets: 3,
        };
        assert_eq!(
            text.speech(&routine, &plan, second_set),
            "Set 2 of 3. Left leg. Clams. 20 reps."
        );
        assert_eq!(
            text.speech(&routine, &plan, Speech::SwitchTo(Leg::Right)),
            "Switch to your right leg"
        );
        assert_eq!(text.speech(&routine, &plan, Speech::HoldCount(3)), "three");
    }

    #[test]
    fn every_template_placeholder_is_one_the_code_fills() {
        // A misspelt placeholder would be shown to the user as "{minuts}".
        let known = [
            "minutes", "seconds", "n", "min", "max", "s", "up", "down", "items", "item", "reps",
            "target", "exercise", "leg", "total", "error", "label", "m", "date", "weekday", "day",
            "month", "year", "size", "version", "at", "problem", "used", "language", "current",
            "set", "sets", "what", "value", "time",
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
