//! `moderato agenda` as a facilitator runs it a week before a station: to
//! standard output, to a file that is never overwritten without `--force`,
//! the calendar twice (the same entries, updated), and on a laptop set to
//! another zone (the station's times stay the station's).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use icalendar::{Component, EventLike};
use predicates::prelude::*;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")
}

fn moderato() -> Command {
    Command::cargo_bin("moderato").unwrap()
}

fn stdout_of(args: &[&str]) -> String {
    let output = moderato().args(args).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_agenda_goes_to_standard_output_in_the_journeys_language() {
    let demo = demo();
    let journey = demo.to_str().unwrap();
    // --lang sets the messages; the agenda speaks the journey's language (German).
    let text = stdout_of(&["--lang", "en", "agenda", journey, "--station", "koeln", "--format", "md"]);
    assert!(
        text.starts_with("# #digitaljourney 2022 – Pilotjahrgang\n\n## Agenda: Lernort Köln\n"),
        "{text}"
    );
    assert!(text.contains("- **Datum:** Dienstag, 28. Februar 2023\n"), "{text}");
    assert!(!text.contains("Kick-off München"), "only the station asked for");
    assert!(!text.contains("Führung beginnt pünktlich im Foyer"), "a note reached the participants");
}

#[test]
fn a_file_is_written_once_and_replaced_only_with_force() {
    let temp = tempfile::tempdir().unwrap();
    let file = temp.path().join("agenda.html");
    let run = |force: bool| {
        let mut command = moderato();
        command.current_dir(temp.path()).args(["--lang", "en", "agenda"]).arg(demo());
        command.args(["--format", "html", "-o", "agenda.html"]);
        if force {
            command.arg("--force");
        }
        command.assert()
    };
    run(false).code(0).stdout("").stderr("Written: agenda.html\n");
    let first = std::fs::read_to_string(&file).unwrap();
    assert!(first.starts_with("<!DOCTYPE html>"));
    std::fs::write(&file, "edited by hand").unwrap();
    run(false).code(2).stdout("").stderr(
        "moderato: agenda.html already exists; nothing was overwritten. With --force the file is replaced.\n",
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "edited by hand");
    run(true).code(0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), first);
    let names: Vec<_> =
        std::fs::read_dir(temp.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(names, ["agenda.html"], "no temp file is left");
}

#[test]
fn the_calendar_twice_keeps_its_uids_and_its_berlin_times_on_a_laptop_in_new_york() {
    let demo = demo();
    let journey = demo.to_str().unwrap();
    let export = || {
        let output = moderato()
            .env("TZ", "America/New_York")
            .args(["agenda", journey, "--format", "ics", "--blocks"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let (first, second) = (export(), export());
    let events = |text: &str| {
        let calendar = icalendar::Calendar::from(
            icalendar::parser::read_calendar(&icalendar::parser::unfold(text)).unwrap(),
        );
        calendar
            .events()
            .map(|event| {
                (
                    event.get_uid().unwrap().to_string(),
                    event.get_sequence().unwrap(),
                    event.property_value("DTSTART").unwrap().to_string(),
                    event.get_location().unwrap().to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (first, second) = (events(&first), events(&second));
    assert_eq!(first.len(), second.len());
    for (before, after) in first.iter().zip(&second) {
        assert_eq!(before.0, after.0, "the same entry");
        assert!(after.1 >= before.1, "never a lower SEQUENCE");
    }
    assert_eq!(first[0].0, "digitaljourney-2022-muenchen-begruessung@moderato");
    assert_eq!(first[0].2, "20221128T090000");
    assert_eq!(first[0].3, "ZITiS, München");
}

#[test]
fn the_calendar_names_the_stations_zone_in_every_start() {
    let demo = demo();
    let text = stdout_of(&["agenda", demo.to_str().unwrap(), "--format", "ics", "--station", "muenchen"]);
    assert!(text.contains("\r\nDTSTART;TZID=Europe/Berlin:20221128T090000\r\n"), "{text}");
    assert!(text.contains("\r\nDTEND;TZID=Europe/Berlin:20221128T213000\r\n"), "{text}");
    assert!(text.contains("\r\nTZID:Europe/Berlin\r\n"), "{text}");
}

#[test]
fn the_run_sheet_is_for_printing_and_blocks_are_for_calendars() {
    let demo = demo();
    let journey = demo.to_str().unwrap();
    moderato()
        .args(["--lang", "en", "agenda", journey, "--format", "ics", "--facilitator"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("moderato: the run sheet (--facilitator) is for printing: --format md or html\n");
    moderato()
        .args(["--lang", "de", "agenda", journey, "--format", "md", "--blocks"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("moderato: --blocks gilt nur für --format ics (ein Kalendereintrag je Block)\n");
    let sheet = stdout_of(&["agenda", journey, "--format", "md", "--facilitator", "--station", "muenchen"]);
    assert!(sheet.contains("## Regieplan: Kick-off München"));
    assert!(sheet.contains("> Puffer 20 min vor dem festen Beginn um 14:00"));
}

#[test]
fn an_unknown_station_names_the_known_ones() {
    moderato()
        .args(["--lang", "en", "agenda"])
        .arg(demo())
        .args(["--format", "md", "--station", "berlin"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            predicate::str::contains("berlin")
                .and(predicate::str::contains("muenchen, online-reflexion, koeln")),
        );
}

#[test]
fn a_plan_without_a_zone_is_written_in_the_machines_and_says_so() {
    let temp = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(demo().join("journey.toml"))
        .unwrap()
        .replace("timezone = \"Europe/Berlin\"\n", "");
    std::fs::write(temp.path().join("journey.toml"), plan).unwrap();
    moderato()
        .current_dir(temp.path())
        .env("TZ", "America/New_York")
        .args(["--lang", "en", "agenda", ".", "--format", "ics", "--station", "koeln"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("DTSTART;TZID=America/New_York:20230228T090000"))
        .stderr(predicate::str::contains(
            "the plan names no time zone; its times are taken in this machine's zone, America/New_York",
        ));
}
