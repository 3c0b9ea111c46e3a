//! End to end: `moderato review` opens a station while a console runs it, in
//! two pseudo-terminals. Review shows the station's blocks, `r` shows what the
//! console recorded since, and review quits; the console keeps its lock and
//! goes on recording, and review changed none of the log's bytes.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use common::pty::{App, Journey, moderato};
use portable_pty::CommandBuilder;

const TIMEOUT: Duration = Duration::from_secs(15);
const SIZE: (u16, u16) = (40, 120);
const STATION: &str = "muenchen";
/// The start of the demo station's second block's title.
const SECOND_TITLE: &str = "Der Gastgeber stellt sich vor";

fn review(journey: &Path) -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "review"]);
    command.arg(journey);
    command.args(["--station", STATION]);
    command.env("TERM", "xterm-256color");
    command
}

/// Every file in logs/ with its bytes.
fn logs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir.join("logs"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path()).unwrap())
        })
        .collect()
}

fn journal_lines(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join(format!("logs/{STATION}.journal.jsonl"))).unwrap().lines().count()
}

fn lock_held(dir: &Path) -> bool {
    moderato::store::is_held(&moderato::store::LogPaths::new(&dir.join("logs"), STATION).lock)
}

#[test]
fn review_reads_a_running_station_without_disturbing_its_console() {
    let journey = Journey::new();
    let mut console = App::spawn(moderato(&journey.dir, STATION), SIZE, TIMEOUT);
    console.wait_for(SECOND_TITLE);
    // The first block starts: one event in the journal.
    console.press(" ");
    console.wait_until("the start recorded", |_| {
        journey.dir.join(format!("logs/{STATION}.journal.jsonl")).exists() && journal_lines(&journey.dir) >= 1
    });
    assert!(lock_held(&journey.dir));

    let mut review = App::spawn(review(&journey.dir), SIZE, TIMEOUT);
    // Its timeline: the blocks, the first one begun.
    review.wait_for("Ablauf");
    review.wait_for(SECOND_TITLE);
    review.wait_for("läuft");
    // The journey tab: no block done yet.
    review.press("1");
    review.wait_for("0 gelaufen");

    // The console moves on to the second block; review shows the log as it was until `r`.
    let recorded = journal_lines(&journey.dir);
    console.press("n");
    console.wait_until("the next block recorded", |_| journal_lines(&journey.dir) > recorded);
    let settled = console.steady("the console's screen", |app| Some(app.screen()));
    assert!(settled.contains(SECOND_TITLE));
    let before = logs(&journey.dir);
    assert!(review.screen().contains("0 gelaufen"), "review changed before r:\n{}", review.screen());
    review.press("r");
    review.wait_for("1 gelaufen");
    review.wait_for("Neu geladen");
    // And the timeline of the station as it is now.
    review.press("2");
    review.wait_for(SECOND_TITLE);
    review.press("q");
    let status = review.wait_exit();
    assert!(status.success(), "review exited with {status:?}:\n{}", review.screen());

    assert_eq!(logs(&journey.dir), before, "review changed the station's log, journal or lock");
    assert!(lock_held(&journey.dir), "the console lost its lock");
    // The console goes on recording.
    let recorded = journal_lines(&journey.dir);
    console.press("n");
    console.wait_until("the third block recorded", |_| journal_lines(&journey.dir) > recorded);
    console.quit();
}
