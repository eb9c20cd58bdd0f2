//! The bundled routine against its source text (a copy of the seed in tests/fixtures): every text
//! is the source's words except the documented corrections, and every rep range follows the one
//! documented rule.

use bia::core::routine::{Exercise, Routine};

const SEED: &str = include_str!("fixtures/hip-strengthening-routine.md");

/// One exercise's section in the source.
#[derive(Debug)]
struct SeedSection {
    value_for_runners: String,
    instructions: String,
}

/// Strips markdown emphasis and heading marks from a line.
fn plain(line: &str) -> String {
    line.trim_start_matches('#')
        .replace("**", "")
        .trim()
        .to_owned()
}

/// The numbered outline lines, in order.
fn seed_outline() -> Vec<String> {
    SEED.lines()
        .filter_map(|line| {
            let (number, rest) = line.split_once(". ")?;
            number.parse::<u32>().ok()?;
            Some(rest.trim().to_owned())
        })
        .collect()
}

/// The exercise sections between "Images and Descriptions" and "Downloads", in order.
fn seed_sections() -> Vec<SeedSection> {
    let body = SEED
        .split_once("## Images and Descriptions")
        .unwrap()
        .1
        .split_once("Downloads")
        .unwrap()
        .0;
    let mut sections = Vec::new();
    let mut field: Option<&str> = None;
    let mut current = SeedSection {
        value_for_runners: String::new(),
        instructions: String::new(),
    };
    for line in body.lines().map(plain).filter(|l| !l.is_empty()) {
        match line.as_str() {
            "Value for runners:" => field = Some("value"),
            "Instructions:" => field = Some("instructions"),
            _ if field == Some("value") => {
                current.value_for_runners = line;
                field = None;
            }
            _ if field == Some("instructions") => {
                current.instructions = line;
                field = None;
                sections.push(std::mem::replace(
                    &mut current,
                    SeedSection {
                        value_for_runners: String::new(),
                        instructions: String::new(),
                    },
                ));
            }
            _ => {}
        }
    }
    sections
}

/// The source's text with the routine's documented corrections applied.
fn corrected(routine: &Routine, exercise: &Exercise, field: &str, source: &str) -> String {
    routine
        .corrections
        .iter()
        .filter(|c| c.exercise == exercise.id && c.field == field)
        .fold(source.to_owned(), |text, c| {
            assert!(
                text.contains(&c.source),
                "correction for `{}` {field}: the source has no {:?}",
                exercise.id,
                c.source
            );
            text.replacen(&c.source, &c.corrected, 1)
        })
}

/// Rep counts stated in a text: numbers and ranges like "15-25", except those followed by
/// "second(s)", which are holds.
fn rep_figures(text: &str) -> Vec<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut figures = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let token = word.trim_matches(|c: char| !c.is_ascii_digit() && c != '-');
        let next = words.get(i + 1).copied().unwrap_or("");
        if token.is_empty() || next.starts_with("second") {
            continue;
        }
        for part in token.split('-') {
            if let Ok(n) = part.parse() {
                figures.push(n);
            }
        }
    }
    figures
}

#[test]
fn every_text_is_the_source_text() {
    let routine = Routine::bundled();
    let sections = seed_sections();
    assert_eq!(sections.len(), 10, "the source has ten exercise sections");
    for (exercise, section) in routine.exercises.iter().zip(&sections) {
        assert_eq!(
            exercise.instructions,
            corrected(&routine, exercise, "instructions", &section.instructions),
            "instructions of `{}`",
            exercise.id
        );
        assert_eq!(
            exercise.value_for_runners,
            corrected(
                &routine,
                exercise,
                "value_for_runners",
                &section.value_for_runners
            ),
            "value for runners of `{}`",
            exercise.id
        );
    }
}

#[test]
fn every_outline_line_is_the_source_outline() {
    let routine = Routine::bundled();
    let outline = seed_outline();
    assert_eq!(outline.len(), 10);
    for (exercise, line) in routine.exercises.iter().zip(&outline) {
        assert_eq!(&exercise.outline, line, "outline of `{}`", exercise.id);
    }
}

#[test]
fn rep_ranges_follow_the_documented_rule() {
    let routine = Routine::bundled();
    for exercise in &routine.exercises {
        let mut figures = rep_figures(&exercise.outline);
        let stated_in_instructions = rep_figures(&exercise.instructions);
        figures.extend(&stated_in_instructions);
        assert!(!figures.is_empty(), "`{}` states no count", exercise.id);
        let (min, max) = (
            *figures.iter().min().unwrap(),
            *figures.iter().max().unwrap(),
        );
        assert_eq!(
            (exercise.reps.min, exercise.reps.max, exercise.reps.default),
            (min, max, min),
            "`{}`: figures {figures:?}",
            exercise.id
        );
    }
}

#[test]
fn figure_reader_skips_holds_and_reads_ranges() {
    assert_eq!(
        rep_figures("Hold for 10 seconds at the top; work up to 20 repetitions."),
        [20]
    );
    assert_eq!(rep_figures("Perform 15-25 repetitions each leg."), [15, 25]);
    assert_eq!(
        rep_figures("(with your knee up for 2 seconds)"),
        Vec::<u32>::new()
    );
}
