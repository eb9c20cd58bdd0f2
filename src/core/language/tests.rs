use super::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn browser(tags: &[&str]) -> Vec<String> {
    tags.iter().map(|t| t.to_string()).collect()
}

/// Every language file as JSON, by code, read from `assets/text/`.
fn language_files() -> BTreeMap<String, Value> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/text");
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|x| x == "json"))
        .map(|path| {
            let code = path.file_stem().unwrap().to_str().unwrap().to_owned();
            let doc = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            (code, doc)
        })
        .collect()
}

fn translations() -> impl Iterator<Item = (String, Value)> {
    language_files()
        .into_iter()
        .filter(|(code, _)| code != ENGLISH)
}

/// Each string of a document by its path ("ui.start", "speech.counts[0]").
fn strings(value: &Value, path: String, out: &mut BTreeMap<String, String>) {
    match value {
        Value::String(s) => {
            out.insert(path, s.clone());
        }
        Value::Object(map) => {
            for (key, value) in map {
                let path = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                strings(value, path, out);
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .split('{')
        .skip(1)
        .filter_map(|part| part.split('}').next())
        .collect();
    found.sort();
    found
}

/// English's strings, with the routine's words as a translation carries them.
fn english_strings() -> BTreeMap<String, String> {
    let mut english = BTreeMap::new();
    strings(&language_files()[ENGLISH], String::new(), &mut english);
    let routine = Routine::bundled();
    english.insert("routine.title".into(), routine.title.clone());
    for e in &routine.exercises {
        let at = |field: &str| format!("routine.exercises.{}.{field}", e.id);
        english.insert(at("name"), e.name.clone());
        english.insert(at("value_for_runners"), e.value_for_runners.clone());
        english.insert(at("instructions"), e.instructions.clone());
        for (i, tip) in e.tips.iter().enumerate() {
            english.insert(format!("{}[{i}]", at("tips")), tip.clone());
        }
    }
    english
}

/// Values a translation may leave as in English: reviewed, each right in that language.
const SAME_AS_ENGLISH: &[(&str, &str)] = &[
    ("nl", "ui.sets_count"),
    ("*", "ui.app_name"),
    ("*", "ui.dismiss"),
    ("*", "ui.seconds_left"),
    ("*", "ui.seconds_value"),
    ("*", "ui.session_minutes"),
    ("*", "ui.size_kb"),
    ("*", "ui.size_mb"),
    ("de", "ui.pause"),
    ("de", "ui.vibration"),
    ("fr", "ui.pause"),
    ("fr", "ui.vibration"),
    ("fr", "ui.volume"),
    ("fr", "equipment.step"),
    ("fr", "routine.exercises.donkey-kicks.name"),
    ("fr", "routine.exercises.donkey-whips.name"),
    ("fr", "routine.exercises.fire-hydrants.name"),
    ("it", "ui.home"),
    ("it", "ui.volume"),
    ("it", "ui.backup_title"),
    ("it", "equipment.band"),
    ("it", "equipment.step"),
    ("nl", "ui.sets_count"),
    ("nl", "ui.sets"),
    ("nl", "ui.start"),
    ("nl", "ui.tips"),
    ("nl", "ui.volume"),
    ("nl", "ui.weeks_one"),
    ("nl", "ui.nudge_later"),
    ("nl", "equipment.band"),
    ("nl", "routine.exercises.donkey-kicks.name"),
    ("nl", "routine.exercises.donkey-whips.name"),
    ("nl", "routine.exercises.fire-hydrants.name"),
    ("nl", "routine.exercises.hip-hikes.name"),
    ("pt", "ui.volume"),
    ("pt", "ui.backup_title"),
    ("pt", "equipment.step"),
];

#[test]
fn the_browser_picks_the_first_language_bia_has() {
    assert_eq!(from_browser(&browser(&["de-AT", "en-GB"])), "de");
    assert_eq!(from_browser(&browser(&["pt-BR"])), "pt");
    assert_eq!(from_browser(&browser(&["ja-JP", "fr-CA", "de"])), "fr");
    assert_eq!(from_browser(&browser(&["ja-JP", "zh"])), "en");
    assert_eq!(from_browser(&[]), "en");
}

#[test]
fn the_users_choice_wins_over_the_browser_unless_bia_lacks_it() {
    let german_browser = browser(&["de-DE"]);
    assert_eq!(chosen(Some("en"), &german_browser), "en");
    assert_eq!(chosen(None, &german_browser), "de");
    assert_eq!(chosen(Some("xx"), &german_browser), "de");
}

#[test]
fn speech_uses_the_browsers_regional_tag_for_the_language() {
    let tags = browser(&["en-US", "pt-BR"]);
    assert_eq!(speech_tag("pt", &tags), "pt-BR");
    assert_eq!(speech_tag("de", &tags), "de");
}

#[test]
fn the_voice_is_one_of_the_language_the_users_first() {
    let voice = |name: &str, lang: &str, default: bool| Voice {
        name: name.into(),
        lang: lang.into(),
        default,
    };
    let voices = [
        voice("Alex", "en-US", true),
        voice("Anna", "de-DE", false),
        voice("Petra", "de_AT", false),
    ];
    assert_eq!(voice_for(&voices, "de", None).unwrap().name, "Anna");
    assert_eq!(
        voice_for(&voices, "de", Some("Petra")).unwrap().name,
        "Petra"
    );
    // A voice chosen for English is not used for German.
    assert_eq!(voice_for(&voices, "de", Some("Alex")).unwrap().name, "Anna");
    assert_eq!(voice_for(&voices, "en", Some("Gone")).unwrap().name, "Alex");
    assert!(voice_for(&voices, "fr", None).is_none());
    assert_eq!(Speaker::pick(&voices, "fr", None), Speaker::Missing);
    assert_eq!(
        Speaker::pick(&voices, "de", None),
        Speaker::Voice("Anna".into())
    );
    assert_eq!(Speaker::pick(&[], "fr", None), Speaker::Unknown);
    // The device's default comes first among a language's voices.
    let english = [voice("Zed", "en-GB", false), voice("Alex", "en-US", true)];
    assert_eq!(voices_for(&english, "en")[0].name, "Alex");
}

#[test]
fn every_language_file_is_listed_with_its_own_name_english_first() {
    let files = language_files();
    assert_eq!(LANGUAGES.len(), files.len());
    assert_eq!(LANGUAGES[0], ("en", "English"));
    for (code, name) in LANGUAGES {
        assert_eq!(files[*code]["name"], *name, "{code}");
    }
    assert!(LANGUAGES.len() >= 7, "English and six translations");
}

#[test]
fn every_translation_reads_and_lays_its_words_over_the_whole_routine() {
    let routine = Routine::bundled();
    for (code, doc) in translations() {
        let language =
            Language::parse(&doc.to_string(), &routine).unwrap_or_else(|e| panic!("{code}: {e}"));
        assert_eq!(language.text.language, code);
        assert!(language.is_translation());
        for (ours, theirs) in routine.exercises.iter().zip(&language.routine.exercises) {
            assert_eq!(
                (&ours.id, ours.reps, ours.hold_s),
                (&theirs.id, theirs.reps, theirs.hold_s)
            );
            assert_ne!(
                ours.instructions, theirs.instructions,
                "{code}: {}",
                ours.id
            );
        }
    }
}

#[test]
fn every_translation_has_the_keys_and_placeholders_of_english() {
    let english = english_strings();
    for (code, doc) in translations() {
        let mut theirs = BTreeMap::new();
        strings(&doc, String::new(), &mut theirs);
        theirs.remove("name");
        let mut ours = english.clone();
        ours.remove("name");
        let missing: Vec<_> = ours.keys().filter(|k| !theirs.contains_key(*k)).collect();
        let extra: Vec<_> = theirs.keys().filter(|k| !ours.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{code}: missing {missing:?}, unknown {extra:?}"
        );
        for (key, text) in &ours {
            assert_eq!(
                placeholders(&theirs[key]),
                placeholders(text),
                "{code}: {key} = {:?}",
                theirs[key]
            );
        }
    }
}

#[test]
fn no_translation_leaves_words_in_english_unless_reviewed() {
    let english = english_strings();
    for (code, doc) in translations() {
        let mut theirs = BTreeMap::new();
        strings(&doc, String::new(), &mut theirs);
        for (key, text) in &theirs {
            let words_left = text
                .split(['{', '}'])
                .step_by(2)
                .any(|outside| outside.chars().any(char::is_alphabetic));
            let reviewed = SAME_AS_ENGLISH
                .iter()
                .any(|(lang, k)| (*lang == "*" || *lang == code) && k == key);
            if key != "language" && words_left && !reviewed {
                assert_ne!(
                    english.get(key),
                    Some(text),
                    "{code}: {key} is still English"
                );
            }
        }
    }
}

#[test]
fn each_count_has_a_singular_and_a_plural_and_dates_have_their_names() {
    for (code, doc) in language_files() {
        let ui = doc["ui"].as_object().unwrap();
        for key in ui.keys().filter_map(|k| k.strip_suffix("_one")) {
            assert!(
                ui.contains_key(&format!("{key}_many")),
                "{code}: {key}_many"
            );
        }
        let words = |key: &str| ui[key].as_str().unwrap().split_whitespace().count();
        assert_eq!(words("months"), 12, "{code}: months");
        assert_eq!(words("weekdays"), 7, "{code}: weekdays");
        assert_eq!(words("weekdays_long"), 7, "{code}: weekdays_long");
        assert!(
            doc["plural_one"]
                .as_array()
                .is_some_and(|p| p.contains(&1.into())),
            "{code}"
        );
        assert_eq!(
            doc["speech"]["counts"].as_array().map(Vec::len),
            Some(3),
            "{code}"
        );
    }
}

#[test]
fn a_translation_that_lost_an_exercise_is_refused_with_its_id() {
    let routine = Routine::bundled();
    let (code, mut doc) = translations().next().expect("a translation");
    doc["routine"]["exercises"]
        .as_object_mut()
        .unwrap()
        .remove("clams");
    let error = Language::parse(&doc.to_string(), &routine).err().unwrap();
    assert_eq!(error, "routine: no texts for `clams`", "{code}");
}

#[test]
fn french_counts_zero_as_singular_german_does_not() {
    let routine = Routine::bundled();
    let files = language_files();
    let french = Language::parse(&files["fr"].to_string(), &routine)
        .unwrap()
        .text;
    let german = Language::parse(&files["de"].to_string(), &routine)
        .unwrap()
        .text;
    assert_eq!(french.plural(0, "one", "many"), "one");
    assert_eq!(german.plural(0, "one", "many"), "many");
    assert_eq!(german.plural(1, "one", "many"), "one");
    assert_eq!(german.decimal(1.5, 1), "1,5");
    assert_eq!(Text::bundled().decimal(1.5, 1), "1.5");
}
