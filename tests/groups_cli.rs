//! `moderato groups` through the real binary: the text a facilitator prints
//! table cards from, `--json` for other tools, and the impossible requests
//! that exit 2 with a message in the chosen language.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

#[allow(clippy::expect_used, reason = "helpers outside #[test] are not covered by allow-expect-in-tests")]
fn moderato() -> Command {
    Command::cargo_bin("moderato").expect("the moderato binary is built for integration tests")
}

fn demo() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")
}

fn groups(args: &[&str]) -> assert_cmd::assert::Assert {
    let demo = demo();
    let mut command = moderato();
    command.arg("groups").arg(&demo).args(args);
    command.assert()
}

#[test]
fn text_names_each_table_with_repeats_and_new_contacts() {
    groups(&["--lang", "en", "--station", "muenchen", "--size", "3", "--rounds", "2"])
        .success()
        .stdout(predicate::str::contains("Round 1: 0 repeated pairs, 15 new contacts"))
        .stdout(predicate::str::contains("Round 2: 0 repeated pairs, 15 new contacts"))
        .stdout(predicate::str::contains("  Table 5: "))
        .stdout(predicate::str::contains("(p01)"))
        .stdout(predicate::str::contains("In total: 0 repeated pairs, 30 new contacts"));
}

#[test]
fn german_text_speaks_german() {
    groups(&["--lang", "de", "--station", "muenchen", "--size", "3"])
        .success()
        .stdout(predicate::str::contains("Runde 1: 0 wiederholte Paare, 15 neue Kontakte"))
        .stdout(predicate::str::contains("  Tisch 1: "));
}

#[allow(clippy::unwrap_used)]
#[test]
fn json_lists_rounds_of_groups_of_ids_and_the_counts() {
    let output = groups(&["--station", "muenchen", "--size", "3", "--rounds", "5", "--seed", "7", "--json"])
        .success()
        .get_output()
        .stdout
        .clone();
    let json: Value = serde_json::from_slice(&output).unwrap();
    let rounds = json["rounds"].as_array().unwrap();
    assert_eq!(rounds.len(), 5);
    for round in rounds {
        let mut ids: Vec<&str> = round
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|g| g.as_array().unwrap())
            .map(|id| id.as_str().unwrap())
            .collect();
        assert_eq!(ids.len(), 15);
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 15, "nobody twice in a round");
    }
    // 15 in trios over 5 rounds: Kirkman's schoolgirls, no pair twice.
    assert_eq!(json["repeated_pairs"], 0);
    assert_eq!(json["new_pairs"], 75);
}

#[allow(clippy::unwrap_used)]
#[test]
fn absentees_are_left_out_and_the_same_seed_gives_the_same_groups() {
    let run = || {
        groups(&["--station", "koeln", "--size", "4", "--absent", "p03,p11", "--json", "--seed", "3"])
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let first = run();
    assert_eq!(first, run());
    let json: Value = serde_json::from_slice(&first).unwrap();
    let text = json["rounds"].to_string();
    assert!(!text.contains("\"p03\"") && !text.contains("\"p11\""), "{text}");
    let sizes: Vec<usize> =
        json["rounds"][0].as_array().unwrap().iter().map(|g| g.as_array().unwrap().len()).collect();
    assert_eq!(sizes, [4, 3, 3, 3], "13 people in fours: groups of 4 and 3");
}

#[test]
fn a_group_below_two_is_refused_in_both_languages() {
    groups(&["--lang", "en", "--station", "muenchen", "--size", "1"])
        .code(2)
        .stderr(predicate::str::contains("A group needs at least 2 people"));
    groups(&["--lang", "de", "--station", "muenchen", "--size", "1"])
        .code(2)
        .stderr(predicate::str::contains("Eine Gruppe braucht mindestens 2 Personen"));
}

#[test]
fn no_rounds_or_too_many_are_refused() {
    for rounds in ["0", "100000000000"] {
        groups(&["--lang", "en", "--station", "muenchen", "--size", "3", "--rounds", rounds])
            .code(2)
            .stderr(predicate::str::contains("Between 1 and 50 rounds"));
    }
}

#[test]
fn more_groups_than_people_is_refused() {
    groups(&["--lang", "en", "--station", "muenchen", "--size", "20"])
        .code(2)
        .stderr(predicate::str::contains("15 people present cannot all be placed in groups of 20 or 19"));
    groups(&["--lang", "de", "--station", "muenchen", "--size", "20"]).code(2).stderr(
        predicate::str::contains("15 Anwesende lassen sich nicht ohne Rest in Gruppen zu 20 oder 19"),
    );
    // Fewer groups than people, yet no way to split them: not "more groups than people".
    groups(&["--lang", "en", "--station", "muenchen", "--size", "14"]).code(2).stderr(
        predicate::str::contains("cannot all be placed in groups of 14 or 13")
            .and(predicate::str::contains("more groups than people").not()),
    );
}

#[test]
fn unknown_ids_and_stations_are_named() {
    groups(&["--lang", "en", "--station", "muenchen", "--size", "3", "--absent", "p01,p99"])
        .code(2)
        .stderr(predicate::str::contains("Unknown id “p99”"));
    groups(&["--lang", "de", "--station", "muenchen", "--size", "3", "--absent", "p99"])
        .code(2)
        .stderr(predicate::str::contains("Unbekannte ID „p99“"));
    groups(&["--lang", "en", "--station", "berlin", "--size", "3"])
        .code(2)
        .stderr(predicate::str::contains("The station “berlin” is not in the plan."));
}

#[allow(clippy::unwrap_used)]
#[test]
fn check_names_a_bad_never_together_pair_with_its_position() {
    let tmp = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(demo().join("journey.toml")).unwrap();
    let broken = plan.replacen(
        "rounds = 3\n",
        "rounds = 3\nnever_together = [[\"p01\", \"p99\"], [\"p02\"]]\nformat = \"pair-rotation\"\n",
        1,
    );
    assert_ne!(broken, plan, "the demo's München exchange block changed");
    let line = broken.lines().position(|line| line.starts_with("never_together")).unwrap() + 1;
    std::fs::write(tmp.path().join("journey.toml"), &broken).unwrap();
    moderato()
        .current_dir(tmp.path())
        .args(["--lang", "en", "check", "journey.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!(
            "journey.toml:{line}:27: error: unknown participant id \"p99\""
        )))
        .stderr(predicate::str::contains(format!(
            "journey.toml:{line}:35: error: never_together expects pairs of two ids"
        )));
}

#[test]
fn an_online_station_meets_in_breakout_rooms() {
    groups(&["--lang", "de", "--station", "online-reflexion", "--size", "3"])
        .success()
        .stdout(predicate::str::contains("  Raum 1: "))
        .stdout(predicate::str::contains("Tisch").not());
}

/// The demo journey grown to `people` participants of the same shape (the
/// demo's fifteen, then more, each of another authority), in a temporary
/// directory without logs: no history.
#[allow(clippy::unwrap_used)]
fn grown(people: usize) -> tempfile::TempDir {
    let plan = std::fs::read_to_string(demo().join("journey.toml")).unwrap();
    let first = plan.find("[[participants]]").unwrap();
    let stations = plan.find("[[stations]]").unwrap();
    let mut grown = plan[..first].to_string();
    for i in 1..=people {
        grown.push_str(&format!(
            "[[participants]]\nid = \"p{i:02}\"\nname = \"Teilnehmerin {i}\"\norganisation = \"Behörde {i}\"\n\
             role = \"Abteilungsleitung\"\nshort = \"T{i}\"\nattributes = {{ gruppe = \"{}\" }}\n\n",
            ["A", "B", "C"][i % 3]
        ));
    }
    grown.push_str(&plan[stations..]);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("journey.toml"), grown).unwrap();
    tmp
}

#[allow(clippy::unwrap_used)]
fn json_of(dir: &Path, args: &[&str]) -> Value {
    let output = moderato()
        .arg("groups")
        .arg(dir)
        .args(["--station", "muenchen", "--json"])
        .args(args)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&output).unwrap()
}

#[test]
fn the_social_golfer_instances_come_out_without_a_repeat_and_proven() {
    // Kirkman's schoolgirls, the affine plane of order 4, a nearly Kirkman
    // triple system, the plane of order 5 without a line, the plane of order 5.
    for (people, size, rounds) in [(15, 3, 7), (16, 4, 5), (18, 3, 8), (20, 4, 5), (25, 5, 6)] {
        let journey = grown(people);
        // Time enough for an unoptimised build: the search ends at the bound, not the clock.
        let args =
            ["--size", &size.to_string(), "--rounds", &rounds.to_string(), "--time", "60"].map(String::from);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let json = json_of(journey.path(), &args);
        let what = format!("{people} in groups of {size} over {rounds} rounds: {json}");
        assert_eq!(json["repeated_pairs"], 0, "{what}");
        assert_eq!(json["repeats"], serde_json::json!([]), "{what}");
        assert_eq!(json["lower_bound"], 0, "{what}");
        assert_eq!(json["optimal"], true, "{what}");
        assert_eq!(json["ended"], "bound", "{what}");
        assert_eq!(json["new_pairs"].as_u64(), Some((people * (size - 1) / 2 * rounds) as u64), "{what}");
        assert_eq!(json_of(journey.path(), &args), json, "the same seed, the same groups: {what}");
    }
}

#[allow(clippy::unwrap_used)]
#[test]
fn unavoidable_repeats_are_named_with_the_bound_and_the_distance() {
    // 15 in three groups of five over 3 rounds: every later round repeats
    // at least two pairs of each earlier group.
    let journey = grown(15);
    let json = json_of(journey.path(), &["--size", "5", "--rounds", "3", "--time", "0.2"]);
    assert_eq!(json["lower_bound"], 12);
    let repeats = json["repeats"].as_array().unwrap();
    assert_eq!(json["repeated_pairs"].as_u64(), Some(repeats.len() as u64));
    assert!(repeats.len() >= 12);
    assert_eq!(json["optimal"], repeats.len() == 12);
    // Each listed pair shares a group in some round.
    let rounds = json["rounds"].as_array().unwrap();
    for pair in repeats {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(a.as_str() < b.as_str(), "the smaller id first: {pair}");
        let together = rounds.iter().flat_map(|r| r.as_array().unwrap()).filter(|group| {
            let group = group.as_array().unwrap();
            group.contains(a) && group.contains(b)
        });
        assert!(together.count() >= 2, "{pair} meets again");
    }
    let text = moderato()
        .arg("groups")
        .arg(journey.path())
        .args(["--lang", "en", "--station", "muenchen", "--size", "5", "--rounds", "3", "--time", "0.2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("Meet again: Teilnehmerin "), "{text}");
    assert!(text.contains("Lower bound: 12 repeated pairs; this result is "), "{text}");
}

#[test]
fn a_time_that_is_no_positive_number_is_refused() {
    groups(&["--lang", "en", "--station", "muenchen", "--size", "3", "--time", "0"])
        .code(2)
        .stderr(predicate::str::contains("--time needs a number of seconds above 0"));
    groups(&["--lang", "de", "--station", "muenchen", "--size", "3", "--time=-1"])
        .code(2)
        .stderr(predicate::str::contains("--time braucht eine Zahl von Sekunden"));
}
