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

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(15);
const POLL: Duration = Duration::from_millis(50);
const ROWS: u16 = 45;
const COLS: u16 = 170;
const STATION: &str = "online-reflexion";
/// The online station's closing Blitzlicht is its sixth block.
const BLITZLICHT_INDEX: usize = 5;
const BLITZLICHT_TITLE: &str = "Abschluss-Blitzlicht";
const COMMITMENT: &str = "Bis Köln probiere ich eine Teamrunde ohne Agenda aus";
/// How long the console stays closed mid-round.
const DOWNTIME: Duration = Duration::from_millis(1500);

struct Journey {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Journey {
    fn new() -> Journey {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("journey");
        std::fs::create_dir(&dir).unwrap();
        let source =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
        std::fs::copy(&source, dir.join("journey.toml")).unwrap();
        Journey { _tmp: tmp, dir }
    }

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

struct App {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    exited: bool,
}

impl App {
    fn start(journey: &Journey) -> App {
        let pty = native_pty_system()
            .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
            .unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
        command.args(["--lang", "de", "run"]);
        command.arg(&journey.dir);
        command.args(["--station", STATION, "--quiet"]);
        command.env("TERM", "xterm-256color");
        command.cwd(journey.dir.parent().unwrap());
        let child = pty.slave.spawn_command(command).unwrap();
        drop(pty.slave);
        let size = |n| NonZeroU16::new(n).unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(ROWS), size(COLS), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let screen = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => screen.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        App { parser, writer, child, _master: pty.master, exited: false }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_until(&self, what: &str, holds: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while !holds(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |app| app.screen().contains(text));
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
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
        let deadline = Instant::now() + TIMEOUT;
        let mut last = None;
        loop {
            let now = self.speaking();
            if let Some(agreed) = now.clone().filter(|_| now == last) {
                return agreed;
            }
            assert!(Instant::now() < deadline, "nobody speaking on screen:\n{}", self.screen());
            last = now;
            std::thread::sleep(POLL);
        }
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

    fn quit(&mut self) {
        self.press("q");
        self.wait_for("beenden?");
        self.press("y");
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.exited = true;
                assert!(status.success(), "moderato exited with {status:?}");
                return;
            }
            assert!(Instant::now() < deadline, "moderato did not exit; the screen:\n{}", self.screen());
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
        }
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
    app.wait_for("Vorhaben notieren");
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
