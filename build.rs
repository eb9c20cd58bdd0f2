//! What ships inside the app, as Rust written from the JSON (which stays the source of truth), so
//! the app starts with it in place instead of parsing it, and the parsing code stays out of the
//! wasm:
//! - the English texts, `assets/text/en.json`, as a static (`src/core/text.rs`). A key the code
//!   does not know, or one it needs that the file lacks, fails the build on the struct literal,
//!   naming the field;
//! - the languages there are, one per file in `assets/text/`: each one's code and own name, for
//!   the language setting (a translation is fetched when chosen, not built in);
//! - the routine, `assets/routine.json`, parsed and checked by the app's own parser
//!   (`src/core/routine.rs`, compiled in here too), as the expression that builds it
//!   (`src/core/bundled.rs`). A document the parser rejects fails the build with its message.

#[allow(dead_code)]
#[path = "src/core/routine.rs"]
mod routine;

use serde_json::{Map, Value};
use std::fmt::Write;
use std::{env, fs, path::Path};

const SOURCE: &str = "assets/text/en.json";
const ROUTINE_SOURCE: &str = "assets/routine.json";
const LANGUAGE_DIR: &str = "assets/text";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
    println!("cargo::rerun-if-changed={ROUTINE_SOURCE}");
    println!("cargo::rerun-if-changed=src/core/routine.rs");
    println!("cargo::rerun-if-changed={LANGUAGE_DIR}");
    write_texts();
    write_routine();
    write_languages();
}

/// `[("de", "Deutsch"), ...]`: every language file's code and name, English first.
fn write_languages() {
    let mut languages = Vec::new();
    let dir = fs::read_dir(LANGUAGE_DIR).unwrap_or_else(|e| panic!("{LANGUAGE_DIR}: {e}"));
    for entry in dir {
        let path = entry.expect("language file").path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        println!("cargo::rerun-if-changed={}", path.display());
        let json = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let doc: Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let field = |key: &str| {
            doc[key]
                .as_str()
                .unwrap_or_else(|| panic!("{}: `{key}` must be a string", path.display()))
                .to_owned()
        };
        let code = field("language");
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        assert_eq!(
            code,
            stem,
            "{}: `language` must be the file's name",
            path.display()
        );
        languages.push((code != "en", code, field("name")));
    }
    languages.sort();
    let items: Vec<String> = languages
        .iter()
        .map(|(_, code, name)| format!("({code:?}, {name:?})"))
        .collect();
    out_file("languages.rs", &format!("&[{}]", items.join(", ")));
}

fn out_file(name: &str, contents: &str) {
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(name);
    fs::write(&dest, contents).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

fn write_texts() {
    let json = fs::read_to_string(SOURCE).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let doc: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{SOURCE}: {e}"));
    let section = |name: &str| -> &Map<String, Value> {
        doc[name]
            .as_object()
            .unwrap_or_else(|| panic!("{SOURCE}: `{name}` must be an object"))
    };
    let language = doc["language"]
        .as_str()
        .unwrap_or_else(|| panic!("{SOURCE}: `language` must be a string"));
    let mut speech = section("speech").clone();
    let counts = speech
        .remove("counts")
        .and_then(|c| c.as_array().cloned())
        .unwrap_or_else(|| panic!("{SOURCE}: `speech.counts` must be a list"));

    let mut out = String::new();
    writeln!(out, "Text {{").unwrap();
    writeln!(out, "    language: {language:?},").unwrap();
    let name = doc["name"]
        .as_str()
        .unwrap_or_else(|| panic!("{SOURCE}: `name` must be a string"));
    writeln!(out, "    name: {name:?},").unwrap();
    let plural_one = doc["plural_one"]
        .as_array()
        .unwrap_or_else(|| panic!("{SOURCE}: `plural_one` must be a list"));
    let plural_one: Vec<String> = plural_one.iter().map(|n| n.to_string()).collect();
    writeln!(out, "    plural_one: &[{}],", plural_one.join(", ")).unwrap();
    fields(&mut out, "ui", "UiText", section("ui"));
    fields(&mut out, "equipment", "EquipmentText", section("equipment"));
    fields(&mut out, "speech", "SpeechText", &speech);
    write!(out, "    counts: &[").unwrap();
    for count in &counts {
        let count = count
            .as_str()
            .unwrap_or_else(|| panic!("{SOURCE}: `speech.counts` must hold strings"));
        write!(out, "{count:?}, ").unwrap();
    }
    writeln!(out, "],\n}}").unwrap();
    out_file("text_en.rs", &out);
}

/// The routine as one Rust expression. Strings are written with `{:?}` (a valid Rust literal),
/// numbers as Rust reads them back (`1.5`, `2.0`).
fn write_routine() {
    let r = routine::Routine::parse_bundled();
    let text = |s: &str| format!("{s:?}.into()");
    let texts = |v: &[String]| {
        let items: Vec<String> = v.iter().map(|s| text(s)).collect();
        format!("vec![{}]", items.join(", "))
    };
    let tempo =
        |t: &routine::Tempo| format!("Tempo {{ up_s: {:?}, down_s: {:?} }}", t.up_s, t.down_s);
    let equipment = |v: &[routine::Equipment]| {
        let items: Vec<String> = v.iter().map(|e| format!("Equipment::{e:?}")).collect();
        format!("vec![{}]", items.join(", "))
    };
    let mut out = String::new();
    writeln!(out, "Routine {{").unwrap();
    writeln!(out, "    title: {},", text(&r.title)).unwrap();
    writeln!(out, "    goals: {},", texts(&r.goals)).unwrap();
    writeln!(out, "    default_tempo: {},", tempo(&r.default_tempo)).unwrap();
    let bounds = |b: &routine::Bounds| {
        format!(
            "Bounds {{ min: {}, max: {}, step: {} }}",
            b.min, b.max, b.step
        )
    };
    let a = &r.adapt;
    writeln!(
        out,
        "    adapt: Adaptation {{ sets: {}, rest_between_sets_s: {}, rest_between_sets_default_s: {}, hold_s: {}, stroke_ms: {} }},",
        bounds(&a.sets),
        bounds(&a.rest_between_sets_s),
        a.rest_between_sets_default_s,
        bounds(&a.hold_s),
        bounds(&a.stroke_ms)
    )
    .unwrap();
    writeln!(out, "    corrections: vec![").unwrap();
    for c in &r.corrections {
        writeln!(
            out,
            "        Correction {{ exercise: {}, field: {}, source: {}, corrected: {} }},",
            text(&c.exercise),
            text(&c.field),
            text(&c.source),
            text(&c.corrected)
        )
        .unwrap();
    }
    writeln!(out, "    ],\n    exercises: vec![").unwrap();
    for e in &r.exercises {
        let reps = format!(
            "RepRange {{ min: {}, max: {}, default: {} }}",
            e.reps.min, e.reps.max, e.reps.default
        );
        let some = |value: Option<String>| value.map_or("None".into(), |v| format!("Some({v})"));
        writeln!(out, "        Exercise {{").unwrap();
        for (name, value) in [
            ("id", text(&e.id)),
            ("order", e.order.to_string()),
            ("name", text(&e.name)),
            ("posture", format!("Posture::{:?}", e.posture)),
            ("outline", text(&e.outline)),
            ("value_for_runners", text(&e.value_for_runners)),
            ("instructions", text(&e.instructions)),
            ("reps", reps),
            ("per_leg", e.per_leg.to_string()),
            ("hold_s", some(e.hold_s.map(|s| s.to_string()))),
            ("tempo", some(e.tempo.as_ref().map(tempo))),
            ("equipment", equipment(&e.equipment)),
            ("optional_equipment", equipment(&e.optional_equipment)),
            ("tips", texts(&e.tips)),
            ("sets", e.sets.to_string()),
            ("off", e.off.to_string()),
        ] {
            writeln!(out, "            {name}: {value},").unwrap();
        }
        writeln!(out, "        }},").unwrap();
    }
    writeln!(out, "    ],\n}}").unwrap();
    out_file("routine_bundled.rs", &out);
}

/// `name: Type { key: "value", ... },` for one section of strings; a JSON key's `-` is a `_` in
/// Rust (`balance-board`).
fn fields(out: &mut String, name: &str, type_name: &str, map: &Map<String, Value>) {
    writeln!(out, "    {name}: {type_name} {{").unwrap();
    for (key, value) in map {
        let value = value
            .as_str()
            .unwrap_or_else(|| panic!("{SOURCE}: `{name}.{key}` must be a string"));
        writeln!(out, "        {}: {value:?},", key.replace('-', "_")).unwrap();
    }
    writeln!(out, "    }},").unwrap();
}
