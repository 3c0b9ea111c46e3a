//! `moderato review` on the command line: a log it cannot read is named by
//! file and line and exits 2 with the log untouched; without a terminal it
//! says so; an unknown station is a usage error.
#![allow(clippy::unwrap_used, reason = "test code: a panic is a test failure")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

#[allow(clippy::expect_used, reason = "helpers outside #[test] are not covered by allow-expect-in-tests")]
fn moderato() -> Command {
    Command::cargo_bin("moderato").expect("the moderato binary is built for integration tests")
}

/// A copy of the fixture journey in a temporary directory.
fn journey() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = common::copy_of_fixture(tmp.path());
    (tmp, dir)
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

#[test]
fn a_log_review_cannot_read_is_named_by_file_and_line_and_exits_2_untouched() {
    let (_tmp, dir) = journey();
    let journal = dir.join("logs/online.journal.jsonl");
    let text = std::fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() > 2, "the fixture's journal has a middle line to break");
    lines[1] = "{\"seq\": 2, \"broken\": tru";
    std::fs::write(&journal, format!("{}\n", lines.join("\n"))).unwrap();
    let before = logs(&dir);
    moderato()
        .args(["--lang", "de", "review"])
        .arg(&dir)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(format!("{}:2:", journal.display())))
        .stderr(predicate::str::contains("beschädigt"));
    assert_eq!(logs(&dir), before, "review changed the logs");
    // With a station named, the same: every log is read, the damage is named.
    moderato().args(["--lang", "en", "review"]).arg(&dir).args(["--station", "berlin"]).assert().code(2);
    assert_eq!(logs(&dir), before);
}

#[test]
fn without_a_terminal_review_says_so_and_writes_nothing() {
    let (_tmp, dir) = journey();
    let before = logs(&dir);
    moderato()
        .args(["--lang", "en", "review"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`moderato review` needs a terminal"));
    assert_eq!(logs(&dir), before, "review wrote to the logs");
}

#[test]
fn an_unknown_station_is_a_usage_error_naming_the_known_ones() {
    let (_tmp, dir) = journey();
    moderato()
        .args(["--lang", "en", "review"])
        .arg(&dir)
        .args(["--station", "nowhere"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nowhere").and(predicate::str::contains("berlin, online, koeln")));
}

#[test]
fn review_has_its_help_in_both_languages() {
    moderato()
        .args(["--lang", "de", "review", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nur lesend"));
    moderato()
        .args(["--lang", "en", "help", "review"])
        .assert()
        .success()
        .stdout(predicate::str::contains("read-only"));
}
