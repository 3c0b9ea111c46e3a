//! The station picker in a pseudo-terminal, as a facilitator meets it after a
//! rehearsal: the rehearsal is marked as one, `d` asks, `j` discards it with a
//! backup copy, and the columns stay aligned.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
// Drives the binary in a unix pseudo-terminal.
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use moderato::core::event::{Anchor, AnchorMode, Event};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

/// Generous for a loaded 2-core machine; every wait polls the screen.
const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 30;
const COLS: u16 = 120;

fn screen(parser: &Arc<Mutex<vt100::Parser>>) -> String {
    parser.lock().unwrap().screen().contents()
}

fn wait_for(parser: &Arc<Mutex<vt100::Parser>>, text: &str) {
    let deadline = Instant::now() + TIMEOUT;
    while !screen(parser).contains(text) {
        assert!(Instant::now() < deadline, "timed out waiting for {text:?}; the screen:\n{}", screen(parser));
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_rehearsal_is_marked_and_discarded_from_the_picker_with_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("journey");
    std::fs::create_dir(&dir).unwrap();
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
    std::fs::copy(&source, dir.join("journey.toml")).unwrap();
    // A rehearsal of the first station (dated 2022-11-28), begun on another day.
    let journey = moderato::plan::load(&dir).unwrap().journey;
    let logs = moderato::store::logs_dir(&dir);
    let (mut store, _) = moderato::store::StationStore::open(&logs, &journey, &journey.stations[0]).unwrap();
    let start = chrono::DateTime::parse_from_rfc3339("2026-11-26T19:30:00+01:00").unwrap();
    store
        .append(start, Event::StationStarted { anchor: Anchor { mode: AnchorMode::Shifted, start } })
        .unwrap();
    store.checkpoint().unwrap();
    drop(store);
    let snapshot = std::fs::read(logs.join("muenchen.json")).unwrap();

    let pty = native_pty_system()
        .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "run"]);
    command.arg(&dir);
    command.env("TERM", "xterm-256color");
    command.cwd(tmp.path());
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let rows = NonZeroU16::new(ROWS).unwrap();
    let cols = NonZeroU16::new(COLS).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let shared = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n @ 1..) = reader.read(&mut buf) {
            shared.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut keys = pty.master.take_writer().unwrap();
    let mut press = |text: &str| {
        keys.write_all(text.as_bytes()).unwrap();
        keys.flush().unwrap();
    };

    wait_for(&parser, "Probelauf vom 26.11.2026");
    wait_for(&parser, "d verwirft den Probelauf (mit Sicherung)");
    // The state column lines up over all three stations.
    let shown = screen(&parser);
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

    press("d");
    wait_for(&parser, "Probelauf vom 26.11.2026 verwerfen? j ja · jede andere Taste nein");
    press("j");
    wait_for(&parser, "Probelauf der Station \"muenchen\" verworfen; Sicherung: logs/muenchen.rehearsal-2");
    let after = screen(&parser);
    assert!(!after.contains("Probelauf vom"), "{after}");
    press("q");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "moderato did not exit; the screen:\n{}", screen(&parser));
        std::thread::sleep(Duration::from_millis(50));
    };
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
