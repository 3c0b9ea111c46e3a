//! End to end in a pseudo-terminal: a two-round exchange in the demo's München
//! station (the second round without a repeated pair), quit and restart with
//! the groups intact, then `moderato groups` for Köln avoiding the München pairs.
//! Every check polls the parsed screen until it holds or a generous timeout passes.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

use std::collections::BTreeSet;
mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{App, Journey};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(20);
const ROWS: u16 = 45;
const COLS: u16 = 160;
/// The networking block is the München station's fourteenth.
const EXCHANGE_INDEX: usize = 13;

impl App {
    fn start(journey: &Path) -> App {
        App::spawn(common::pty::moderato(journey, "muenchen"), (ROWS, COLS), TIMEOUT)
    }

    /// The table lines of the exchange panel, from "Tisch" to the panel's border.
    fn tables(&self) -> Vec<String> {
        self.screen()
            .lines()
            .filter_map(|line| {
                line.find("│ Tisch")
                    .map(|at| line[at..].trim_matches(|c: char| c == '│' || c.is_whitespace()).to_string())
            })
            .collect()
    }

    /// Whether the agenda marks the block starting with `title` as the current one.
    fn is_current(&self, title: &str) -> bool {
        self.screen().lines().any(|line| line.contains('▶') && line.contains(title))
    }
}

fn block_titles(journey: &Path) -> Vec<String> {
    let plan: toml::Value =
        toml::from_str(&std::fs::read_to_string(journey.join("journey.toml")).unwrap()).unwrap();
    let station =
        plan["stations"].as_array().unwrap().iter().find(|s| s["id"].as_str() == Some("muenchen")).unwrap();
    station["blocks"].as_array().unwrap().iter().map(|b| b["title"].as_str().unwrap().to_string()).collect()
}

/// The groups of each fixed round in the journal, in the order they were fixed.
fn fixed_rounds(journey: &Path) -> Vec<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(journey.join("logs/muenchen.journal.jsonl")).unwrap();
    text.lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .filter(|envelope| {
            envelope["event"]["type"] == "exchange" && envelope["event"]["change"]["change"] == "round_fixed"
        })
        .map(|envelope| serde_json::from_value(envelope["event"]["change"]["groups"].clone()).unwrap())
        .collect()
}

fn pairs(groups: &[Vec<String>]) -> BTreeSet<(String, String)> {
    let mut pairs = BTreeSet::new();
    for group in groups {
        for a in group {
            for b in group {
                if a < b {
                    pairs.insert((a.clone(), b.clone()));
                }
            }
        }
    }
    pairs
}

#[test]
fn two_rounds_in_muenchen_then_koeln_avoids_their_pairs() {
    let copy = Journey::new();
    let journey = copy.dir.clone();
    let titles = block_titles(&journey);
    assert!(
        titles[EXCHANGE_INDEX].starts_with("Vernetzung"),
        "the demo's networking block moved: {titles:?}"
    );
    let short = |title: &str| title.chars().take(20).collect::<String>();

    let mut app = App::start(&journey);
    app.wait_for("Als Nächstes");
    app.press(" ");
    app.wait_for("LÄUFT");
    for title in &titles[1..=EXCHANGE_INDEX] {
        app.press("n");
        let title = short(title);
        app.wait_until(&format!("{title:?} as the current block"), |app| app.is_current(&title));
    }
    app.wait_for("Noch keine Gruppen");
    app.press("g");
    app.wait_until("five proposed trios", |app| {
        app.tables().len() == 5 && app.screen().contains("Vorschlag")
    });
    app.press("\r");
    app.wait_for("festgelegt");
    app.press("\x1b[C");
    app.wait_for("Runde 2/3");
    app.press("g");
    app.wait_until("the second round proposed without a repeat", |app| {
        app.screen().contains("Vorschlag") && app.screen().contains("0 Wiederholungen · 15 neue Kontakte")
    });
    app.press("\r");
    app.wait_until("the second round fixed", |app| {
        app.screen().contains("Runde 2/3") && app.screen().contains("festgelegt")
    });
    let shown = app.tables();

    let rounds = fixed_rounds(&journey);
    assert_eq!(rounds.len(), 2, "two rounds fixed in the journal");
    let (first, second) = (pairs(&rounds[0]), pairs(&rounds[1]));
    assert_eq!(first.len(), 15);
    assert!(
        first.is_disjoint(&second),
        "the second round repeats a pair: {:?}",
        first.intersection(&second).collect::<Vec<_>>()
    );

    app.quit();
    let mut app = App::start(&journey);
    app.wait_until("the second round's groups intact after the restart", |app| {
        app.screen().contains("Runde 2/3") && app.screen().contains("festgelegt") && app.tables() == shown
    });
    app.quit();

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_moderato"))
        .arg("groups")
        .arg(&journey)
        .args(["--station", "koeln", "--size", "3", "--rounds", "2", "--json"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["repeated_pairs"], 0, "{json}");
    let muenchen: BTreeSet<_> = first.union(&second).cloned().collect();
    for round in json["rounds"].as_array().unwrap() {
        let groups: Vec<Vec<String>> = serde_json::from_value(round.clone()).unwrap();
        let koeln = pairs(&groups);
        assert!(
            koeln.is_disjoint(&muenchen),
            "Köln repeats München pairs: {:?}",
            koeln.intersection(&muenchen).collect::<Vec<_>>()
        );
    }
}
