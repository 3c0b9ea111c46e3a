//! The station picker in a pseudo-terminal, as a facilitator meets it after a
//! rehearsal: the rehearsal is marked as one, `d` asks, `j` discards it with a
//! backup copy, and the columns stay aligned.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
// Drives the binary in a unix pseudo-terminal.
#![cfg(unix)]

mod common;

use std::time::Duration;

use common::pty::{App, Journey};
use moderato::core::event::{Anchor, AnchorMode, Event};
use portable_pty::CommandBuilder;

/// Generous for a loaded 2-core machine; every wait polls the screen.
const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 30;
const COLS: u16 = 120;

#[test]
fn a_rehearsal_is_marked_and_discarded_from_the_picker_with_a_backup() {
    let copy = Journey::new();
    let dir = &copy.dir;
    // A rehearsal of the first station (dated 2022-11-28), begun on another day.
    let journey = moderato::plan::load(dir).unwrap().journey;
    let logs = moderato::store::logs_dir(dir);
    let (mut store, _) = moderato::store::StationStore::open(&logs, &journey, &journey.stations[0]).unwrap();
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-26T19:30:00+01:00").unwrap();
    store
        .append(start, Event::StationStarted { anchor: Anchor { mode: AnchorMode::Shifted, start } })
        .unwrap();
    store.checkpoint().unwrap();
    drop(store);
    let snapshot = std::fs::read(logs.join("muenchen.json")).unwrap();

    // No station on the command line: the picker.
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "run"]);
    command.arg(dir);
    command.env("TERM", "xterm-256color");
    command.cwd(dir.parent().unwrap());
    let mut app = App::spawn(command, (ROWS, COLS), TIMEOUT);

    app.wait_for("Probelauf vom 26.11.2026");
    app.wait_for("d verwirft den Probelauf (mit Sicherung)");
    // The state column lines up over all three stations.
    let shown = app.screen();
    let columns: Vec<usize> = shown
        .lines()
        .filter_map(|line| {
            ["Probelauf vom", "nicht begonnen"]
                .iter()
                .find_map(|state| line.find(state).map(|at| line[..at].chars().count()))
        })
        .collect();
    assert_eq!(columns.len(), 3, "{shown}");
    assert!(columns.windows(2).all(|pair| pair[0] == pair[1]), "{columns:?}\n{shown}");

    app.press("d");
    app.wait_for("Probelauf vom 26.11.2026 verwerfen? j ja · jede andere Taste nein");
    app.press("j");
    app.wait_for("Probelauf der Station \"muenchen\" verworfen; Sicherung: logs/muenchen.rehearsal-2");
    let after = app.screen();
    assert!(!after.contains("Probelauf vom"), "{after}");
    app.press("q");
    let status = app.wait_exit();
    assert!(status.success(), "{status:?}");

    assert!(!logs.join("muenchen.json").exists() && !logs.join("muenchen.journal.jsonl").exists());
    let backups: Vec<String> = std::fs::read_dir(&logs)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("muenchen.rehearsal-"))
        .collect();
    assert_eq!(backups.len(), 2, "{backups:?}");
    let json = backups.iter().find(|name| name.ends_with(".json")).unwrap();
    assert_eq!(std::fs::read(logs.join(json)).unwrap(), snapshot);
}
