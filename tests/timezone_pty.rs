//! End to end: the console on a laptop set to New York still shows and
//! records the station's Berlin time (the real binary in a pseudo-terminal,
//! read back through `vt100`; every check polls until it holds).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 40;
const COLS: u16 = 120;

/// `HH:MM` of now and of the next minute in `zone`: the screen shows one of them.
fn clocks(zone: Tz) -> [String; 2] {
    let now = Utc::now().with_timezone(&zone);
    [now.format("%H:%M").to_string(), (now + chrono::TimeDelta::minutes(1)).format("%H:%M").to_string()]
}

#[test]
fn a_laptop_in_new_york_shows_and_records_berlin_time() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("journey");
    std::fs::create_dir(&dir).unwrap();
    let plan = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
    std::fs::copy(plan, dir.join("journey.toml")).unwrap();

    let pty = native_pty_system()
        .openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "run"]);
    command.arg(&dir);
    command.args(["--station", "muenchen", "--quiet"]);
    command.env("TERM", "xterm-256color");
    command.env("TZ", "America/New_York");
    let mut child = pty.slave.spawn_command(command).unwrap();
    drop(pty.slave);
    let rows = NonZeroU16::new(ROWS).unwrap();
    let cols = NonZeroU16::new(COLS).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let screen = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    let header = || parser.lock().unwrap().screen().rows(0, COLS).next().unwrap_or_default();
    let wait_until = |what: &str, holds: &dyn Fn() -> bool| {
        let deadline = Instant::now() + TIMEOUT;
        while !holds() {
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; the screen:\n{}",
                parser.lock().unwrap().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    };

    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let new_york: Tz = "America/New_York".parse().unwrap();
    wait_until("the header's clock in Berlin time", &|| {
        let header = header();
        clocks(berlin).iter().any(|clock| header.trim_end().ends_with(clock.as_str()))
    });
    assert!(
        !clocks(new_york).iter().any(|clock| header().trim_end().ends_with(clock.as_str())),
        "{}",
        header()
    );
    // Start the station (a rehearsal: the demo is dated 2022), then quit.
    writer.write_all(b" ").unwrap();
    writer.flush().unwrap();
    wait_until("the station running", &|| parser.lock().unwrap().screen().contents().contains("LÄUFT"));
    writer.write_all(b"q").unwrap();
    writer.flush().unwrap();
    wait_until("the question to quit", &|| parser.lock().unwrap().screen().contents().contains("beenden?"));
    writer.write_all(b"y").unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + TIMEOUT;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the console did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }

    // The log records the instants with Berlin's offset, not New York's.
    let journal = std::fs::read_to_string(dir.join("logs/muenchen.journal.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    let at = DateTime::parse_from_rfc3339(first["at"].as_str().unwrap()).unwrap();
    let offset_in = |zone: Tz| at.with_timezone(&zone).fixed_offset().offset().local_minus_utc();
    assert_eq!(at.offset().local_minus_utc(), offset_in(berlin), "{first}");
    assert_ne!(at.offset().local_minus_utc(), offset_in(new_york), "{first}");
}
