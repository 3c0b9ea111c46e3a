//! Exports of a log whose every text was written by an attacker (issue 30,
//! findings 2 and 4): every name, organisation, title and captured text
//! begins with a character a spreadsheet takes for a formula and carries an
//! escape sequence, a bell and a bidirectional override. Through the real
//! binary, in both CSV dialects, no cell begins like a formula (figures stay
//! numbers) unless `--csv-raw`, and no document carries a control character.
#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The leading characters a spreadsheet reads as the start of a formula.
const DANGEROUS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// What follows each text: an OSC 52 clipboard write, a bell, a right-to-left override.
const PAYLOAD: &str = "\u{1b}]52;c;aGk=\u{7}\u{202e}txt.exe";
/// The keys whose strings are text for people (not ids, kinds or times).
const TEXT_KEYS: [&str; 5] = ["name", "organisation", "title", "text", "guest"];

fn moderato() -> Command {
    Command::cargo_bin("moderato").unwrap()
}

/// Every string under a text key, by key, so each key's values can be given
/// the dangerous characters in turn.
fn texts(value: &Value, key: Option<&str>, found: &mut BTreeMap<String, Vec<String>>) {
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| texts(v, Some(k), found)),
        Value::Array(items) => items.iter().for_each(|v| texts(v, key, found)),
        Value::String(s) if key.is_some_and(|key| TEXT_KEYS.contains(&key)) => {
            found.entry(key.unwrap_or_default().to_string()).or_default().push(s.clone());
        }
        Value::String(_) | Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fn poison(value: &mut Value, key: Option<&str>, hostile: &BTreeMap<(String, String), String>) {
    match value {
        Value::Object(map) => map.iter_mut().for_each(|(k, v)| poison(v, Some(k.as_str()), hostile)),
        Value::Array(items) => items.iter_mut().for_each(|v| poison(v, key, hostile)),
        Value::String(s) => {
            if let Some(new) = hostile.get(&(key.unwrap_or_default().to_string(), s.clone())) {
                *s = new.clone();
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

/// A copy of the fixture journey whose logs carry hostile text everywhere.
fn hostile_journey(into: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey");
    let journey = into.join("journey");
    fs::create_dir_all(journey.join("logs")).unwrap();
    fs::copy(fixture.join("journey.toml"), journey.join("journey.toml")).unwrap();
    let mut documents: Vec<(PathBuf, Vec<Value>, bool)> = Vec::new();
    for entry in fs::read_dir(fixture.join("logs")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let lines = path.to_string_lossy().ends_with(".jsonl");
        let mut values: Vec<Value> = if lines {
            text.lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| serde_json::from_str(line).unwrap())
                .collect()
        } else {
            vec![serde_json::from_str(&text).unwrap()]
        };
        // One organisation per person, so that organisations meet every character too.
        for value in &mut values {
            if let Some(Value::Array(cohort)) = value.get_mut("cohort") {
                for person in cohort {
                    let id = person["id"].as_str().unwrap_or_default().to_string();
                    if let Some(Value::String(organisation)) = person.get_mut("organisation") {
                        organisation.push_str(&format!(" {id}"));
                    }
                }
            }
        }
        documents.push((journey.join("logs").join(path.file_name().unwrap()), values, lines));
    }
    let mut found = BTreeMap::new();
    for (_, values, _) in &documents {
        values.iter().for_each(|value| texts(value, None, &mut found));
    }
    let mut hostile = BTreeMap::new();
    for (key, mut values) in found {
        values.sort();
        values.dedup();
        for (i, value) in values.into_iter().enumerate() {
            let new = format!("{}{}{value}{PAYLOAD}", DANGEROUS[i % DANGEROUS.len()], "1+2");
            hostile.insert((key.clone(), value), new);
        }
    }
    for (path, mut values, lines) in documents {
        values.iter_mut().for_each(|value| poison(value, None, &hostile));
        let text = if lines {
            values.iter().map(|value| format!("{value}\n")).collect::<String>()
        } else {
            serde_json::to_string_pretty(&values[0]).unwrap()
        };
        fs::write(path, text).unwrap();
    }
    journey
}

fn export_csv(journey: &Path, out: &Path, dialect: &str, raw: bool) -> BTreeMap<String, Vec<Vec<String>>> {
    let mut command = moderato();
    command.args(["--lang", "en", "export"]).arg(journey).args(["--format", "csv", "--csv-dialect", dialect]);
    command.args(["--for", "facilitator", "--include-notes", "--include-confidential", "-o"]).arg(out);
    if raw {
        command.arg("--csv-raw");
    }
    let output = command.output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.contains("--csv-raw"), raw, "{stderr}");
    let delimiter = if dialect == "rfc" { b',' } else { b';' };
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(out).unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).from_reader(bytes);
        let rows = reader.records().map(|row| row.unwrap().iter().map(str::to_string).collect()).collect();
        files.insert(path.file_name().unwrap().to_string_lossy().into_owned(), rows);
    }
    files
}

/// A figure, in either dialect's decimal mark.
fn is_number(cell: &str) -> bool {
    cell.replace(',', ".").parse::<f64>().is_ok()
}

fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn no_csv_cell_begins_like_a_formula_in_either_dialect() {
    let temp = tempfile::tempdir().unwrap();
    let journey = hostile_journey(temp.path());
    for dialect in ["rfc", "excel-de"] {
        let files = export_csv(&journey, &temp.path().join(dialect), dialect, false);
        let mut neutralised = BTreeMap::<char, usize>::new();
        for (name, rows) in &files {
            for cell in rows.iter().flatten() {
                if !is_number(cell) {
                    assert!(!cell.starts_with(DANGEROUS), "{dialect} {name}: {cell:?}");
                }
                assert!(!cell.chars().any(is_unsafe), "{dialect} {name}: {cell:?}");
                // What was neutralised: the apostrophe, then the cell as written (a tab or CR as a space).
                if let Some(rest) = cell.strip_prefix('\'')
                    && let Some(first) = rest.chars().next()
                {
                    let first = if first == ' ' { '\t' } else { first };
                    *neutralised.entry(first).or_default() += 1;
                }
            }
        }
        // Every dangerous character reached a cell, in names, organisations, titles and texts.
        for c in ['=', '+', '-', '@', '\t'] {
            assert!(
                neutralised.get(&c).is_some_and(|n| *n > 0),
                "{dialect}: {c:?} never seen: {neutralised:?}"
            );
        }
        for (name, column) in [
            ("talk_time.csv", 3),
            ("talk_time.csv", 4),
            ("groups.csv", 6),
            ("groups.csv", 7),
            ("blocks.csv", 4),
        ] {
            let firsts: std::collections::BTreeSet<char> =
                files[name].iter().skip(1).filter_map(|row| row[column].chars().nth(1)).collect();
            assert!(firsts.len() >= 5, "{dialect} {name} column {column}: {firsts:?}");
        }
        // A difference of minutes is still a number, negative or not.
        let blocks = &files["blocks.csv"];
        assert!(
            blocks.iter().skip(1).any(|row| row[11].starts_with('-') && is_number(&row[11])),
            "{blocks:?}"
        );
    }
}

#[test]
fn csv_raw_leaves_formulas_for_scripts_and_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let journey = hostile_journey(temp.path());
    let files = export_csv(&journey, &temp.path().join("raw"), "rfc", true);
    let formulas = files.values().flatten().flatten().filter(|cell| cell.starts_with("=1+2")).count();
    assert!(formulas > 0);
    // Control characters are never written, raw or not.
    assert!(!files.values().flatten().flatten().any(|cell| cell.chars().any(is_unsafe)));
}

#[test]
fn no_document_carries_a_control_character_or_an_override() {
    let temp = tempfile::tempdir().unwrap();
    let journey = hostile_journey(temp.path());
    for format in ["md", "html"] {
        let output = moderato()
            .args(["--lang", "en", "export"])
            .arg(&journey)
            .args(["--format", format, "--for", "facilitator", "--include-notes", "--include-confidential"])
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("txt.exe"), "{format}: the texts are there");
        let bad: Vec<char> = text.chars().filter(|c| is_unsafe(*c) && *c != '\n').collect();
        assert!(bad.is_empty(), "{format}: {bad:?}");
    }
}

#[test]
fn review_draws_no_control_character_or_override() {
    use moderato::app::review::{self, Review, read_stats};
    use moderato::i18n::Lang;
    use moderato::ui::review::draw_review;
    use moderato::ui::{Theme, ThemeName};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let temp = tempfile::tempdir().unwrap();
    let journey = hostile_journey(temp.path());
    let loaded = moderato::plan::load(&journey).unwrap();
    let stats = read_stats(&journey, &loaded.journey).unwrap().0;
    let theme = Theme::new(ThemeName::Dark, false);
    let mut seen = false;
    for keys in ["1", "2", "3", "4", "5v", "6", "?"] {
        let mut review = Review::new(stats.clone(), None, Lang::De);
        for c in keys.chars() {
            review.key(crossterm::event::KeyEvent::new(
                crossterm::event::KeyCode::Char(c),
                crossterm::event::KeyModifiers::NONE,
            ));
        }
        let (footer, help) = (review::footer(review.tab()), review::help());
        let mut terminal = Terminal::new(TestBackend::new(160, 50)).unwrap();
        terminal.draw(|frame| draw_review(frame, &review.view(&theme, &footer, &help))).unwrap();
        let cells = &terminal.backend().buffer().content;
        let text: String = cells.iter().map(|cell| cell.symbol()).collect();
        seen |= text.contains("txt.exe");
        let bad: Vec<char> = text.chars().filter(|c| is_unsafe(*c)).collect();
        assert!(bad.is_empty(), "{keys}: {bad:?}");
    }
    assert!(seen, "the hostile texts are drawn");
}
