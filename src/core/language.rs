//! Which language Bia speaks: the languages there are, the one the browser asks for, the voice
//! that can say it, and a translation laid over the routine as written.

use crate::core::routine::Routine;
use crate::core::text::{RoutineText, Text};

/// Every language file's code and own name, English first (written by `build.rs` from
/// `assets/text/`).
pub static LANGUAGES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// English: built in, and what Bia falls back to.
pub const ENGLISH: &str = "en";

/// The primary subtag of a BCP 47 tag, lower case: "pt-BR" → "pt".
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The code of a language Bia has for `tag` ("de-AT" → "de"), if any.
pub fn known(tag: &str) -> Option<&'static str> {
    let primary = primary(tag);
    LANGUAGES
        .iter()
        .map(|(code, _)| *code)
        .find(|code| *code == primary)
}

/// The first of the browser's languages (`navigator.languages`, most wanted first) that Bia
/// has; English when it has none of them.
pub fn from_browser(browser: &[String]) -> &'static str {
    browser.iter().find_map(|tag| known(tag)).unwrap_or(ENGLISH)
}

/// The language to use: the user's choice when Bia has it, otherwise the browser's.
pub fn chosen(setting: Option<&str>, browser: &[String]) -> &'static str {
    setting
        .and_then(known)
        .unwrap_or_else(|| from_browser(browser))
}

/// The language's own name ("Deutsch"), or the code when Bia does not have it.
pub fn name(code: &str) -> &str {
    LANGUAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map_or(code, |(_, name)| name)
}

/// The tag for speech: the browser's own tag for that language when it has one ("pt-BR" keeps
/// a Brazilian voice), otherwise the bare code.
pub fn speech_tag(code: &str, browser: &[String]) -> String {
    browser
        .iter()
        .find(|tag| primary(tag) == code && tag.len() > code.len())
        .cloned()
        .unwrap_or_else(|| code.to_owned())
}

/// A voice the device offers, as `speechSynthesis.getVoices()` lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Voice {
    pub name: String,
    /// BCP 47, e.g. "de-DE".
    pub lang: String,
    /// The device's default voice.
    pub default: bool,
}

/// The voices that speak `code`, the device's default among them first.
pub fn voices_for<'a>(voices: &'a [Voice], code: &str) -> Vec<&'a Voice> {
    let speaks = |v: &&Voice| primary(&v.lang) == code;
    let defaults = voices.iter().filter(speaks).filter(|v| v.default);
    let others = voices.iter().filter(speaks).filter(|v| !v.default);
    defaults.chain(others).collect()
}

/// The voice to speak `code` with: the one the user chose when it speaks that language,
/// otherwise the first that does (the default first). `None` when the device has none.
pub fn voice_for<'a>(voices: &'a [Voice], code: &str, chosen: Option<&str>) -> Option<&'a Voice> {
    let matching = voices_for(voices, code);
    chosen
        .and_then(|name| matching.iter().find(|v| v.name == name).copied())
        .or_else(|| matching.first().copied())
}

/// What cues are spoken with, as far as the device has said.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Speaker {
    /// The device has listed no voices (yet): the browser picks one for the language.
    #[default]
    Unknown,
    /// This voice, by name.
    Voice(String),
    /// The device has voices, none of them for the language: cues are beeps alone.
    Missing,
}

impl Speaker {
    /// The speaker for `code` among `voices`, the user's `chosen` voice first.
    pub fn pick(voices: &[Voice], code: &str, chosen: Option<&str>) -> Speaker {
        if voices.is_empty() {
            return Speaker::Unknown;
        }
        voice_for(voices, code, chosen).map_or(Speaker::Missing, |v| Speaker::Voice(v.name.clone()))
    }
}

/// The routine as written with a translation's words in place of the English ones. Everything
/// that is not words (order, reps, holds, tempo, equipment) stays the routine's.
pub fn translate(routine: &Routine, words: RoutineText) -> Result<Routine, String> {
    let mut translated = routine.clone();
    let mut exercises = words.exercises;
    translated.title = words.title;
    for exercise in &mut translated.exercises {
        let words = exercises
            .remove(&exercise.id)
            .ok_or_else(|| format!("routine: no texts for `{}`", exercise.id))?;
        if words.tips.len() != exercise.tips.len() {
            return Err(format!(
                "routine: `{}` has {} tips, the routine {}",
                exercise.id,
                words.tips.len(),
                exercise.tips.len()
            ));
        }
        exercise.name = words.name;
        exercise.value_for_runners = words.value_for_runners;
        exercise.instructions = words.instructions;
        exercise.tips = words.tips;
    }
    if let Some(id) = exercises.keys().next() {
        return Err(format!("routine: `{id}` is not an exercise of the routine"));
    }
    Ok(translated)
}

/// A language ready to use: its texts and the routine in its words. Both live as long as the
/// app (a language is read once, and kept for a switch back).
#[derive(Clone, Copy, Debug)]
pub struct Language {
    pub text: &'static Text,
    pub routine: &'static Routine,
}

impl Language {
    /// Reads a language file: English, or a translation with the routine's texts.
    pub fn parse(json: &str, routine: &Routine) -> Result<Language, String> {
        let (text, words) = Text::parse(json)?;
        let routine = match words {
            Some(words) => translate(routine, words)?,
            None if text.language == ENGLISH => routine.clone(),
            None => return Err("routine: the translation has no routine texts".into()),
        };
        Ok(Language {
            text: Box::leak(Box::new(text)),
            routine: Box::leak(Box::new(routine)),
        })
    }

    /// Whether the routine's words are a translation, not the source's own.
    pub fn is_translation(&self) -> bool {
        self.text.language != ENGLISH
    }
}

#[cfg(test)]
mod tests;
