//! The language in use: English built in, another fetched from `text/<code>.json` when the
//! browser or the user asks for it, and kept for a switch back. The page's `lang` follows it.

use super::{AppState, Notice};
use crate::browser::{fetch, languages, speech};
use crate::core::language::{self, ENGLISH, Language, Speaker};
use crate::core::routine::Routine;
use crate::core::text::Text;
use leptos::prelude::*;
use std::cell::RefCell;

thread_local! {
    /// Every language read so far, English first: each is read once and lives as long as the app.
    static READ: RefCell<Vec<Language>> = const { RefCell::new(Vec::new()) };
}

/// English, as built in.
pub fn english() -> Language {
    if let Some(english) = read(ENGLISH) {
        return english;
    }
    let english = Language {
        text: Text::bundled(),
        routine: Box::leak(Box::new(Routine::bundled())),
    };
    READ.with_borrow_mut(|read| read.push(english));
    english
}

fn read(code: &str) -> Option<Language> {
    READ.with_borrow(|read| read.iter().find(|l| l.text.language == code).copied())
}

/// The language `code`, read before if it was, fetched and read otherwise: a wasm chunk of its
/// own (`#[lazy]`), since only a user of another language needs the fetch and the parser.
#[lazy]
async fn load(code: &'static str) -> Result<Language, String> {
    if let Some(language) = read(code) {
        return Ok(language);
    }
    let json = fetch::text(&format!("text/{code}.json")).await?;
    let language = Language::parse(&json, english().routine)?;
    if language.text.language != code {
        return Err(format!("the file is for `{}`", language.text.language));
    }
    READ.with_borrow_mut(|read| read.push(language));
    Ok(language)
}

/// The code of the language settings and browser ask for.
pub fn wanted(app: AppState) -> &'static str {
    let setting = app.settings.with(|s| s.language.clone());
    app.browser_languages
        .with(|browser| language::chosen(setting.as_deref(), browser))
}

/// Follows the language asked for: on start (`pending` is true until the first one is in, so the
/// first screen is painted in it) and whenever the setting changes. A language that cannot be
/// loaded leaves the one in use, with a notice.
pub fn follow(app: AppState, pending: RwSignal<bool>) {
    Effect::new(move |_| {
        let code = wanted(app);
        if app.language.with_untracked(|l| l.text.language) == code {
            pending.set(false);
            return;
        }
        leptos::task::spawn_local(async move {
            match load(code).await {
                // Still the one asked for: another choice may have come in meanwhile.
                Ok(language) if wanted_untracked(app) == code => app.language.set(language),
                Ok(_) => {}
                Err(error) => app.notify(Notice::LanguageFailed(code, leak(error))),
            }
            pending.set(false);
        });
    });
    Effect::new(move |_| {
        languages::set_page_language(app.language.with(|l| l.text.language));
    });
}

/// The voices the device has, and which one speaks the language: a wasm chunk of its own
/// (`#[lazy]`), started with the screens after the first paint. Until then the browser picks
/// the voice by the utterance's language.
#[lazy]
pub fn watch_voices(app: AppState) {
    // Listed late by some browsers, so listed again on each change.
    app.voices.set(speech::voices());
    speech::on_voices_changed(move || app.voices.set(speech::voices()));
    Effect::new(move |_| {
        let code = app.language.with(|l| l.text.language);
        let chosen = app.settings.with(|s| s.voice_name.clone());
        let speaker = app
            .voices
            .with(|voices| Speaker::pick(voices, code, chosen.as_deref()));
        // With voices listed and none for the language, say so once: the beeps carry on alone.
        if speaker == Speaker::Missing && app.settings.with(|s| s.voice) {
            app.notify(Notice::NoVoice(code));
        }
        app.speaker.set(speaker);
    });
}

fn wanted_untracked(app: AppState) -> &'static str {
    untrack(|| wanted(app))
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}
