//! The English texts as a Rust static, written from `assets/text/en.json` (which stays the source
//! of truth): the app starts with them in place instead of parsing a language file, and the
//! parsing code stays out of the wasm. A key the code does not know, or one it needs that the
//! file lacks, fails the build on the struct literal (`src/core/text.rs`), naming the field.

use serde_json::{Map, Value};
use std::fmt::Write;
use std::{env, fs, path::Path};

const SOURCE: &str = "assets/text/en.json";

fn main() {
    println!("cargo::rerun-if-changed={SOURCE}");
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

    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("text_en.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
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
