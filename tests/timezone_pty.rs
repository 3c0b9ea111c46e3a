//! End to end: the console on a laptop set to New York still shows and
//! records the station's Berlin time (the real binary in a pseudo-terminal,
//! read back through `vt100`; every check polls until it holds).
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use common::pty::{App, Journey};

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
    let journey = Journey::new();
    let dir = &journey.dir;
    let mut command = common::pty::moderato(dir, "muenchen");
    command.env("TZ", "America/New_York");
    let mut app = App::spawn(command, (ROWS, COLS), TIMEOUT);
    let header = |app: &App| app.rows(0, COLS).into_iter().next().unwrap_or_default();

    let berlin: Tz = "Europe/Berlin".parse().unwrap();
    let new_york: Tz = "America/New_York".parse().unwrap();
    app.wait_until("the header's clock in Berlin time", |app| {
        let header = header(app);
        clocks(berlin).iter().any(|clock| header.trim_end().ends_with(clock.as_str()))
    });
    assert!(
        !clocks(new_york).iter().any(|clock| header(&app).trim_end().ends_with(clock.as_str())),
        "{}",
        header(&app)
    );
    // Start the station (a rehearsal: the demo is dated 2022), then quit.
    app.press(" ");
    app.wait_until("the station running", |app| app.screen().contains("LÄUFT"));
    app.press("q");
    app.wait_until("the question to quit", |app| app.screen().contains("beenden?"));
    app.press("y");
    app.wait_exit();

    // The log records the instants with Berlin's offset, not New York's.
    let journal = std::fs::read_to_string(dir.join("logs/muenchen.journal.jsonl")).unwrap();
    let first: serde_json::Value = serde_json::from_str(journal.lines().next().unwrap()).unwrap();
    let at = DateTime::parse_from_rfc3339(first["at"].as_str().unwrap()).unwrap();
    let offset_in = |zone: Tz| at.with_timezone(&zone).fixed_offset().offset().local_minus_utc();
    assert_eq!(at.offset().local_minus_utc(), offset_in(berlin), "{first}");
    assert_ne!(at.offset().local_minus_utc(), offset_in(new_york), "{first}");
}
