//! `moderato export` through the binary, as a facilitator runs it after a
//! station: to standard output, to files that are never overwritten without
//! `--force`, the five CSV files into a directory, and a damaged log that
//! stops everything before a single byte is written.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey")
}

fn moderato() -> Command {
    Command::cargo_bin("moderato").unwrap()
}

/// A copy of the fixture journey to damage or write next to.
fn copy_of_fixture(into: &Path) -> PathBuf {
    let journey = into.join("journey");
    fs::create_dir_all(journey.join("logs")).unwrap();
    fs::copy(fixture().join("journey.toml"), journey.join("journey.toml")).unwrap();
    for entry in fs::read_dir(fixture().join("logs")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), journey.join("logs").join(entry.file_name())).unwrap();
    }
    journey
}

/// The facilitator's CSV files (`--for facilitator`).
const CSV_FILES: [&str; 7] = [
    "blocks.csv",
    "attendance.csv",
    "turns.csv",
    "talk_time.csv",
    "talk_organisations.csv",
    "captures.csv",
    "groups.csv",
];

#[test]
fn the_protocol_goes_to_standard_output_in_the_journeys_language() {
    let output = moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--station", "berlin", "--format", "md"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("# Protokoll: Fixture-Lernreise Führung digital 2022\n\n## Auftakt Berlin\n"),
        "{text}"
    );
    assert!(!text.contains("Online-Reflexion"), "only the station asked for");
    assert!(!text.contains("PRIVATE-NOTE") && !text.contains("CONFIDENTIAL"));
    let html = moderato().arg("export").arg(fixture()).args(["--format", "html"]).output().unwrap();
    assert!(html.status.success());
    assert!(String::from_utf8(html.stdout).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn a_station_without_a_log_or_unknown_is_a_clear_usage_error() {
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--station", "koeln", "--format", "md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("moderato: station 'koeln' has no log yet: there is nothing to export\n");
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--station", "paris", "--format", "md"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("paris"));
}

#[test]
fn csv_needs_a_directory() {
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--format", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("moderato: --format csv writes several files: name a directory with -o\n");
}

#[test]
fn the_five_csv_files_are_written_once_and_replaced_only_with_force() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("figures");
    let run = |force: bool| {
        let mut command = moderato();
        command.args(["--lang", "en", "export"]).arg(fixture());
        command
            .args(["--for", "facilitator", "--format", "csv", "--csv-dialect", "excel-de", "-o"])
            .arg(&dir);
        if force {
            command.arg("--force");
        }
        command.assert()
    };
    run(false).code(0).stdout("");
    for name in CSV_FILES {
        let bytes = fs::read(dir.join(name)).unwrap();
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{name}: excel-de has a BOM");
    }
    // One file edited by hand: the next export writes none of the five.
    fs::write(dir.join("groups.csv"), "edited by hand").unwrap();
    for name in CSV_FILES.iter().filter(|name| **name != "groups.csv") {
        fs::remove_file(dir.join(name)).unwrap();
    }
    run(false).code(2).stdout("").stderr(predicate::str::contains("groups.csv already exists"));
    assert!(!dir.join("blocks.csv").exists(), "nothing written when one file would be overwritten");
    assert_eq!(fs::read_to_string(dir.join("groups.csv")).unwrap(), "edited by hand");
    run(true).code(0);
    assert!(dir.join("blocks.csv").exists());
    assert!(fs::read_to_string(dir.join("groups.csv")).unwrap().contains("participant"));
    let leftovers: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// One of the five cannot be written (a directory is in its way): the export
/// fails and leaves none of the others, nor a temp file, behind.
#[test]
fn the_csv_files_are_written_all_or_none() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("figures");
    fs::create_dir_all(dir.join("talk_time.csv")).unwrap();
    let output = moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--for", "facilitator", "--format", "csv", "--force", "-o"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(stderr.contains("talk_time.csv"), "{stderr}");
    let left: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["talk_time.csv"], "only the directory that was in the way");
}

#[test]
fn a_file_is_written_once_and_replaced_only_with_force() {
    let temp = tempfile::tempdir().unwrap();
    let run = |force: bool| {
        let mut command = moderato();
        command.current_dir(temp.path()).args(["--lang", "en", "export"]).arg(fixture());
        command.args(["--format", "html", "-o", "protocol.html", "--pseudonymize"]);
        if force {
            command.arg("--force");
        }
        command.assert()
    };
    run(false).code(0).stdout("").stderr("Written: protocol.html\n");
    let first = fs::read_to_string(temp.path().join("protocol.html")).unwrap();
    assert!(first.contains("P01") && !first.contains("Albers"));
    fs::write(temp.path().join("protocol.html"), "edited by hand").unwrap();
    run(false).code(2).stdout("").stderr(
        "moderato: protocol.html already exists; nothing was overwritten. With --force the file is replaced.\n",
    );
    assert_eq!(fs::read_to_string(temp.path().join("protocol.html")).unwrap(), "edited by hand");
    run(true).code(0);
    assert_eq!(fs::read_to_string(temp.path().join("protocol.html")).unwrap(), first);
}

#[test]
fn a_damaged_log_names_file_and_line_and_nothing_is_written() {
    let temp = tempfile::tempdir().unwrap();
    let journey = copy_of_fixture(temp.path());
    let journal = journey.join("logs/online.journal.jsonl");
    let text = fs::read_to_string(&journal).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[2] = "{\"this is\": not json";
    fs::write(&journal, lines.join("\n") + "\n").unwrap();
    let out = temp.path().join("out");
    fs::create_dir(&out).unwrap();
    for (format, target) in [("md", out.join("p.md")), ("html", out.join("p.html")), ("csv", out.join("csv"))]
    {
        moderato()
            .args(["--lang", "en", "export"])
            .arg(&journey)
            .args(["--format", format, "-o"])
            .arg(&target)
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("online.journal.jsonl:3:").and(predicate::str::contains("damaged")),
            );
    }
    assert_eq!(fs::read_dir(&out).unwrap().count(), 0, "no output at all");
    // To standard output neither: not a line of a partial protocol.
    moderato().arg("export").arg(&journey).args(["--format", "md"]).assert().code(2).stdout("");
}

/// A station still running when the laptop lost power: its journal's last
/// line is half written. The export says so and goes on with the whole lines.
#[test]
fn a_torn_last_journal_line_is_said_and_the_export_goes_on() {
    let temp = tempfile::tempdir().unwrap();
    let journey = copy_of_fixture(temp.path());
    let journal = journey.join("logs/online.journal.jsonl");
    let mut text = fs::read_to_string(&journal).unwrap();
    assert!(text.ends_with('\n'));
    text.push_str("{\"id\":\"00000000-0000-0000-0000-000200000099\",\"seq\":54,\"at\":\"2022-11-16T14:4");
    fs::write(&journal, text).unwrap();
    let target = temp.path().join("protocol.md");
    let output = moderato()
        .args(["--lang", "en", "export"])
        .arg(&journey)
        .args(["--format", "md", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("online.journal.jsonl") && stderr.contains("incomplete"),
        "the torn journal is named: {stderr}"
    );
    let protocol = fs::read_to_string(&target).unwrap();
    assert!(protocol.contains("## Online-Reflexion"), "{protocol}");
}

#[test]
fn the_help_names_every_option_in_german() {
    let output = moderato().args(["--lang", "de", "export", "--help"]).output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for option in ["--station", "--format", "--output", "--force", "--csv-dialect", "--include-notes"] {
        assert!(help.contains(option), "{option}: {help}");
    }
    assert!(help.contains("die privaten Notizen der Moderation aufnehmen"), "{help}");
    assert!(
        help.contains("--for") && help.contains("das Protokoll für die Teilnehmenden, Standard"),
        "{help}"
    );
    assert!(help.contains("--talk-time-per-person"), "{help}");
    assert!(help.contains("--pseudonymize") && help.contains("--include-confidential"));
}

/// Each reader's CSV set, and the flags that belong to another reader refused.
#[test]
fn the_csv_set_follows_the_reader_and_foreign_flags_are_refused() {
    let temp = tempfile::tempdir().unwrap();
    for (audience, files) in [
        ("participants", &["blocks.csv", "captures.csv", "groups.csv"][..]),
        ("office", &["attendance.csv", "blocks.csv", "counts.csv", "talk_organisations.csv"][..]),
    ] {
        let dir = temp.path().join(audience);
        moderato()
            .args(["--lang", "en", "export"])
            .arg(fixture())
            .args(["--for", audience, "--format", "csv", "-o"])
            .arg(&dir)
            .assert()
            .code(0);
        let mut written: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        written.sort();
        assert_eq!(written, files, "{audience}");
    }
    for (audience, flag) in [
        ("participants", "--include-notes"),
        ("office", "--include-confidential"),
        ("participants", "--talk-time-per-person"),
        ("facilitator", "--talk-time-per-person"),
    ] {
        moderato()
            .args(["--lang", "en", "export"])
            .arg(fixture())
            .args(["--for", audience, "--format", "md", flag])
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("apply to --for").or(predicate::str::contains("applies to --for")),
            );
    }
}

/// An export holding notes or confidential content is readable by its owner
/// alone, every file of it, and its footer says so; the protocol is not marked.
#[cfg(unix)]
#[test]
fn confidential_exports_are_written_for_the_owner_alone() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let mode = |path: &Path| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let record = temp.path().join("record.md");
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--for", "facilitator", "--include-notes", "--format", "md", "-o"])
        .arg(&record)
        .assert()
        .code(0);
    assert_eq!(mode(&record), 0o600);
    assert!(fs::read_to_string(&record).unwrap().contains("nur für Sie lesbar (Dateirechte 0600)"));
    let dir = temp.path().join("figures");
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--for", "facilitator", "--include-confidential", "--format", "csv", "-o"])
        .arg(&dir)
        .assert()
        .code(0);
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    let minutes = temp.path().join("minutes.md");
    moderato()
        .args(["--lang", "en", "export"])
        .arg(fixture())
        .args(["--format", "md", "-o"])
        .arg(&minutes)
        .assert()
        .code(0);
    assert!(!fs::read_to_string(&minutes).unwrap().contains("0600"));
}
