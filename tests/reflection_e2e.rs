//! End to end: a Blitzlicht round of the demo cohort in the real binary, in a
//! pseudo-terminal read back through `vt100` (as in `e2e.rs`): the online
//! station's closing Blitzlicht with a shuffled order, two passes, one late
//! arrival and a commitment; quit mid-round, restart, and the round goes on
//! with the same order and the same person's micro-timer; the passes are asked
//! again at the end, after the late arrival.
//!
//! Nothing here asserts after a fixed sleep: every check polls the screen
//! until it holds or a generous timeout passes, and a failure prints the screen.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::{App, Journey};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 45;
const COLS: u16 = 170;
const STATION: &str = "online-reflexion";
/// The online station's closing Blitzlicht is its sixth block.
const BLITZLICHT_INDEX: usize = 5;
const BLITZLICHT_TITLE: &str = "Abschluss-Blitzlicht";
const COMMITMENT: &str = "Bis Köln probiere ich eine Teamrunde ohne Agenda aus";
/// How long the console stays closed mid-round.
const DOWNTIME: Duration = Duration::from_millis(1500);

impl Journey {
    /// The events of the station's journal.
    fn events(&self) -> Vec<Value> {
        let path = self.dir.join("logs").join(format!("{STATION}.journal.jsonl"));
        let text = std::fs::read_to_string(path).unwrap();
        text.lines().map(|line| serde_json::from_str::<Value>(line).unwrap()["event"].clone()).collect()
    }

    /// The reflection's changes in the journal, in order.
    fn changes(&self) -> Vec<Value> {
        self.events()
            .into_iter()
            .filter(|event| event["type"] == "reflection")
            .map(|e| e["change"].clone())
            .collect()
    }

    fn plan(&self) -> toml::Value {
        toml::from_str(&std::fs::read_to_string(self.dir.join("journey.toml")).unwrap()).unwrap()
    }

    fn name(&self, id: &str) -> String {
        let plan = self.plan();
        let found = plan["participants"].as_array().unwrap().iter().find(|p| p["id"].as_str() == Some(id));
        found.unwrap_or_else(|| panic!("no participant {id}"))["name"].as_str().unwrap().to_string()
    }

    /// The cohort's ids in the plan's order (the attendance list's order).
    fn cohort(&self) -> Vec<String> {
        let plan = self.plan();
        plan["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    }

    fn block_title(&self, index: usize) -> String {
        let plan = self.plan();
        let station = plan["stations"].as_array().unwrap().iter().find(|s| s["id"].as_str() == Some(STATION));
        station.unwrap()["blocks"][index]["title"].as_str().unwrap().to_string()
    }
}

impl App {
    fn start(journey: &Journey) -> App {
        let mut command = common::pty::moderato(&journey.dir, STATION);
        command.cwd(journey.dir.parent().unwrap());
        App::spawn(command, (ROWS, COLS), TIMEOUT)
    }

    /// The round's "Jetzt" line: who speaks and, in brackets, for how long (seconds).
    fn speaking(&self) -> Option<(String, i64)> {
        let screen = self.screen();
        let line =
            screen.lines().find_map(|line| line.split_once("Jetzt").map(|(_, rest)| rest.to_string()))?;
        // "Jetzt   Name  00:31 · gesprochen 00:14 · Organisation"
        let (name, clock) = line.trim_start().split_once("  ")?;
        let spoken = clock.split_once("gesprochen ")?.1.get(..5)?;
        let (minutes, seconds) = spoken.split_once(':')?;
        Some((name.to_string(), minutes.parse::<i64>().ok()? * 60 + seconds.parse::<i64>().ok()?))
    }

    /// Who speaks, once two looks agree (a frame may arrive in several writes).
    fn steady_speaking(&self) -> (String, i64) {
        self.steady("speaker", App::speaking)
    }

    fn wait_for_speaker(&self, name: &str) {
        self.wait_until(&format!("{name} speaking"), |app| {
            app.speaking().is_some_and(|(who, _)| who == name)
        });
    }

    /// Marks the participant at `index` of the cohort present or absent in the attendance overlay.
    fn toggle_presence(&mut self, index: usize) {
        self.press("c");
        self.wait_for("Anwesenheit");
        self.press(&"j".repeat(index));
        self.press(" ");
        self.press("c");
        self.wait_until("the attendance overlay closed", |app| !app.screen().contains("Anwesenheit ·"));
    }
}

fn ids(order: &Value) -> Vec<String> {
    order.as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_string()).collect()
}

#[test]
fn a_blitzlicht_round_with_passes_a_late_arrival_and_a_commitment_survives_a_restart() {
    let journey = Journey::new();
    assert_eq!(journey.block_title(BLITZLICHT_INDEX), BLITZLICHT_TITLE, "the demo journey changed");
    let cohort = journey.cohort();
    let late = cohort[0].clone();
    let mut app = App::start(&journey);
    app.wait_for("Check-in mit Blitzlicht");
    // The first of the cohort is not here yet.
    app.toggle_presence(0);
    app.press(" ");
    app.wait_for("Aktueller Block");
    for _ in 0..BLITZLICHT_INDEX {
        app.press("n");
    }
    app.wait_until("the closing Blitzlicht running", |app| {
        app.screen().lines().any(|line| line.contains('▶') && line.contains(BLITZLICHT_TITLE))
    });
    app.wait_for("Enter ruft die erste Person auf");

    // Enter orders the round (shuffled, with its seed recorded) and calls the first person.
    app.press("\r");
    app.wait_for("Jetzt");
    let changes = journey.changes();
    let ordered = changes.iter().find(|change| change["change"] == "round_ordered").unwrap();
    let order = ids(&ordered["order"]);
    assert!(ordered["seed"].is_u64(), "a shuffled order records its seed: {ordered}");
    assert!(!order.contains(&late), "who is not here is not in the order");
    assert_eq!(order.len(), cohort.len() - 1);
    app.wait_for_speaker(&journey.name(&order[0]));

    // Two pass; the third speaks.
    app.press("x");
    app.wait_for_speaker(&journey.name(&order[1]));
    app.press("x");
    app.wait_for_speaker(&journey.name(&order[2]));
    app.wait_for("Gepasst");

    // The late arrival comes in; a commitment of the one speaking is written down.
    app.toggle_presence(0);
    app.press("W");
    app.wait_for("Transfervorhaben notieren");
    app.press(COMMITMENT);
    app.press("\r");
    app.wait_for(COMMITMENT);

    // The micro-timer runs: at least a second on it before the console closes.
    let speaker = journey.name(&order[2]);
    app.wait_until("the micro-timer counting", |app| app.speaking().is_some_and(|(_, secs)| secs >= 1));
    let (shown, before) = app.steady_speaking();
    assert_eq!(shown, speaker);
    let closed_at = Instant::now();
    app.quit();
    std::thread::sleep(DOWNTIME);

    // Restart: the same person speaks, their clock went on while the console was closed.
    let mut app = App::start(&journey);
    let reopened_at = Instant::now();
    app.wait_for_speaker(&speaker);
    let (_, after) = app.steady_speaking();
    let closed = (reopened_at - closed_at).as_secs() as i64;
    assert!(
        after >= before + closed,
        "the micro-timer showed {before}s, then {after}s after {closed}s closed"
    );
    app.wait_for(COMMITMENT);
    let orders = journey.changes().into_iter().filter(|change| change["change"] == "round_ordered").count();
    assert_eq!(orders, 1, "the order is decided once, not again after the restart");

    // The rest of the order, then the late arrival, then the two who passed, asked again.
    let mut expected: Vec<String> = order[3..].to_vec();
    expected.push(late.clone());
    expected.extend([order[0].clone(), order[1].clone()]);
    for id in &expected {
        app.press("\r");
        app.wait_for_speaker(&journey.name(id));
    }
    app.press("\r");
    app.wait_for("Alle waren dran");
    app.quit();

    let called: Vec<String> = journey
        .changes()
        .into_iter()
        .filter(|change| change["change"] == "turn_started")
        .map(|change| change["participant"].as_str().unwrap().to_string())
        .collect();
    let mut all = order[..3].to_vec();
    all.extend(expected);
    assert_eq!(called, all);
    let passes = journey.changes().into_iter().filter(|change| change["change"] == "passed").count();
    assert_eq!(passes, 2);
    let noted = journey.changes().into_iter().find(|change| change["change"] == "noted").unwrap();
    assert_eq!(noted["takeaway"]["text"], COMMITMENT);
    assert_eq!(noted["takeaway"]["owner"].as_str(), Some(order[2].as_str()), "a commitment is the speaker's");
    assert_eq!(noted["takeaway"]["commitment"], true);
}
