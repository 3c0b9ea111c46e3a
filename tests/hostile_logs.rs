//! Logs no console wrote (issue 30, findings 9 and 11), through the real
//! binary: an event the plan cannot explain, a field the schema does not
//! have, an instant decades away, another station's log, an event of a newer
//! moderato, a version that is no number. Every tool refuses them with the
//! file and line and words that say what is wrong, and changes no byte.
#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

fn moderato() -> Command {
    Command::cargo_bin("moderato").unwrap()
}

/// A copy of the fixture journey, whose `online` station has a journal.
fn copy_of_fixture(into: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey");
    let journey = into.join("journey");
    fs::create_dir_all(journey.join("logs")).unwrap();
    fs::copy(fixture.join("journey.toml"), journey.join("journey.toml")).unwrap();
    for entry in fs::read_dir(fixture.join("logs")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), journey.join("logs").join(entry.file_name())).unwrap();
    }
    journey
}

/// The journal's last envelope.
fn last(journal: &Path) -> Value {
    let text = fs::read_to_string(journal).unwrap();
    serde_json::from_str(text.lines().rfind(|line| !line.trim().is_empty()).unwrap()).unwrap()
}

/// Appends an envelope after the journal's last, with `event` at `at`
/// (the last one's instant when `None`), and returns its line number.
fn append(journal: &Path, event: Value, at: Option<&str>) -> usize {
    let last = last(journal);
    let envelope = json!({
        "id": "6f1c3c52-6c2a-4f0e-9a53-0b8f7d0c1a11",
        "seq": last["seq"].as_u64().unwrap() + 1,
        "at": at.map_or(last["at"].clone(), Value::from),
        "event": event,
    });
    let mut text = fs::read_to_string(journal).unwrap();
    text.push_str(&format!("{envelope}\n"));
    fs::write(journal, &text).unwrap();
    text.lines().count()
}

/// Every tool that reads the journey refuses it, naming `needle`; nothing changes.
fn refused(journey: &Path, needle: &str) {
    let before: Vec<(PathBuf, Vec<u8>)> = fs::read_dir(journey.join("logs"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect();
    for args in [&["export", "--format", "md"][..], &["review", "--station", "online"][..]] {
        let output =
            moderato().args(["--lang", "en"]).arg(args[0]).arg(journey).args(&args[1..]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: expected {needle:?} in {stderr}");
    }
    for (path, bytes) in before {
        assert_eq!(fs::read(&path).unwrap(), bytes, "{} changed", path.display());
    }
}

#[test]
fn events_the_plan_cannot_explain_are_refused_with_their_line() {
    let temp = tempfile::tempdir().unwrap();
    let cases: Vec<(Value, Option<&str>, &str)> = vec![
        (
            json!({"type": "block_started", "block": "no-such-block"}),
            None,
            "the station's plan has no block “no-such-block”",
        ),
        (
            json!({"type": "attendance_changed", "participant": "p99", "presence": "absent"}),
            None,
            "the cohort has no participant “p99”",
        ),
        (
            json!({"type": "exchange", "block": "breakout", "change": {"change": "placed", "round": 0, "participant": "p01", "group": 4_000_000_000u64}}),
            None,
            "the number 4000000000",
        ),
        (json!({"type": "station_resumed", "evil": 1}), None, "unknown field `event.evil`"),
        (
            json!({"type": "block_completed", "block": "check-in"}),
            Some("1970-01-01T00:00:00+00:00"),
            "the instant 1970-01-01T00:00:00+00:00",
        ),
        (
            json!({"type": "station_resumed"}),
            Some("9999-12-31T23:59:59+00:00"),
            "the instant 9999-12-31T23:59:59+00:00",
        ),
        (json!({"type": "from_the_future", "x": 1}), None, "written by a newer moderato"),
    ];
    for (i, (event, at, needle)) in cases.into_iter().enumerate() {
        let journey = copy_of_fixture(&temp.path().join(i.to_string()));
        let journal = journey.join("logs/online.journal.jsonl");
        let line = append(&journal, event, at);
        refused(&journey, &format!("online.journal.jsonl:{line}:"));
        refused(&journey, needle);
    }
}

#[test]
fn a_json_log_of_another_station_or_version_is_named_for_what_it_is() {
    let temp = tempfile::tempdir().unwrap();
    let edit = |dir: &str, change: &dyn Fn(&mut Value)| {
        let journey = copy_of_fixture(&temp.path().join(dir));
        let path = journey.join("logs/berlin.json");
        let mut log: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        change(&mut log);
        fs::write(&path, serde_json::to_string_pretty(&log).unwrap()).unwrap();
        journey
    };
    let other = edit("other", &|log| log["station"]["id"] = json!("online"));
    refused(&other, "is the station log of station “online”, not of “berlin”");
    let text = edit("text", &|log| log["version"] = json!("2"));
    refused(&text, "version \"2\", is unknown");
    let missing = edit("missing", &|log| {
        log.as_object_mut().unwrap().remove("version");
    });
    refused(&missing, "without a version");
    let huge = copy_of_fixture(&temp.path().join("huge"));
    let path = huge.join("logs/berlin.json");
    let log = fs::read_to_string(&path).unwrap().replacen("\"version\": 2", "\"version\": 1e30", 1);
    fs::write(&path, log).unwrap();
    refused(&huge, "version 1e+30, is unknown");
    // A gap in the JSON log's sequence is named by the event's line, not line 1.
    let gap = edit("gap", &|log| log["events"][3]["seq"] = json!(40));
    let text = fs::read_to_string(gap.join("logs/berlin.json")).unwrap();
    let line = text.lines().position(|line| line.contains("\"seq\": 40")).unwrap();
    refused(&gap, &format!("berlin.json:{line}:"));
}
