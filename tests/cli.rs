//! The `moderato` binary as a facilitator meets it: `check` on broken and valid
//! plans, `new`, exit codes, and the exact `file:line:col: error: …` lines.
//!
//! Each fixture in `tests/fixtures/plans/` is a minimal journey with one problem,
//! described in its first comment. The checks run inside that directory with the
//! bare file name, so the messages show stable, short paths.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use rstest::rstest;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixtures() -> PathBuf {
    manifest_dir().join("tests/fixtures/plans")
}

#[allow(clippy::expect_used, reason = "helpers outside #[test] are not covered by allow-expect-in-tests")]
fn moderato() -> Command {
    Command::cargo_bin("moderato").expect("the moderato binary is built for integration tests")
}

/// `moderato --lang <lang> check <file>`, run in the fixtures directory.
fn check_fixture(lang: &str, file: &str) -> Assert {
    moderato().current_dir(fixtures()).args(["--lang", lang, "check", file]).assert()
}

/// What stderr holds when a plan has exactly one problem, an error.
fn one_error(problem: &str) -> String {
    format!("{problem}\n1 error, 0 warnings\n")
}

#[rstest]
#[case::syntax_error(
    "syntax-error.toml",
    // Column 19 counts characters: "Begrüßung" is 9 characters but 11 bytes.
    "syntax-error.toml:22:19: error: TOML syntax error: invalid basic string, expected `\"`"
)]
#[case::missing_key("missing-key.toml", "missing-key.toml:20:1: error: the key `duration` is missing here")]
#[case::duplicate_id(
    "duplicate-id.toml",
    "duplicate-id.toml:12:6: error: duplicate id \"p1\" (participant); already used on line 6"
)]
#[case::unknown_participant(
    "unknown-participant.toml",
    "unknown-participant.toml:24:9: error: unknown participant id \"p2\": it is not listed under [[participants]]"
)]
#[case::fixed_start_too_early(
    "fixed-start-too-early.toml",
    "fixed-start-too-early.toml:35:15: error: fixed start 12:00 is before the planned end of the block \
     before it (12:15): shorten the blocks before by 15 min"
)]
#[case::bad_duration(
    "bad-duration.toml",
    "bad-duration.toml:23:12: error: invalid duration \"1,5h\": expected e.g. \"45m\", \"1h30m\" or \"2h\""
)]
#[case::bad_time(
    "bad-time.toml",
    "bad-time.toml:15:9: error: invalid time \"9.00\": expected HH:MM, e.g. \"09:30\""
)]
fn an_invalid_plan_exits_2_naming_the_problem_and_its_position(#[case] file: &str, #[case] problem: &str) {
    check_fixture("en", file).code(2).stdout("").stderr(one_error(problem));
}

#[test]
fn a_misspelt_key_is_unknown_and_the_key_it_meant_is_missing() {
    check_fixture("en", "unknown-key.toml").code(2).stdout("").stderr(
        "unknown-key.toml:5:1: error: the key `role` is missing here\n\
         unknown-key.toml:9:1: error: unknown key `rolle`; allowed here: \
         `id`, `name`, `organisation`, `role`, `short`, `attributes`\n\
         2 errors, 0 warnings\n",
    );
}

#[test]
fn a_method_table_on_a_block_of_another_kind_names_the_kind_it_belongs_to() {
    check_fixture("en", "wrong-method-table.toml").code(2).stderr(one_error(
        "wrong-method-table.toml:25:1: error: the [stations.blocks.discussion] table belongs to blocks of \
         kind \"discussion\", this block is \"impulse\"",
    ));
}

#[test]
fn an_overlong_agenda_is_only_a_warning_saying_by_how_much() {
    // The fixture names no zone: check takes the machine's and says so.
    moderato()
        .current_dir(fixtures())
        .env("TZ", "Asia/Tokyo")
        .args(["--lang", "en", "check", "overlong-agenda.toml"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(
            "Overlong agenda (fixture) · 1 participant · 1 station\n\
         \n\
         tag1 · Tag 1 · 2025-03-10 09:00–10:00 Asia/Tokyo · Raum 1 · in person\n\
         \x20 09:00–09:30      30 min  impulse     Impuls\n\
         \x20 09:30–10:15      45 min  discussion  Diskussion\n\
         \x20 agenda ends 10:15, 15 min late\n\
         \n\
         overlong-agenda.toml:28:9: warning: the agenda ends at 10:15, 15 min after the station's end (10:00)\n\
         overlong-agenda.toml: warning: the plan names no time zone; its times are taken in this machine's zone, Asia/Tokyo. Name it, e.g. timezone = \"Europe/Berlin\"\n\
         0 errors, 2 warnings\n",
        );
}

#[test]
fn lang_de_reports_in_german() {
    check_fixture("de", "unknown-participant.toml").code(2).stdout("").stderr(
        "unknown-participant.toml:24:9: Fehler: unbekannte Teilnehmer-ID \"p2\": sie steht nicht unter [[participants]]\n\
         1 Fehler, 0 Warnungen\n",
    );
}

#[test]
fn without_lang_a_german_locale_picks_german() {
    moderato()
        .current_dir(fixtures())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "de_DE.UTF-8")
        .args(["check", "overlong-agenda.toml"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::contains("  Ende der Agenda 10:15, 15 min zu spät\n"))
        .stdout(predicate::str::contains(
            "overlong-agenda.toml:28:9: Warnung: die Agenda endet um 10:15, 15 min nach dem Ende der Station (10:00)\n",
        ));
}

#[test]
fn the_demo_journey_passes_with_every_station_and_its_times() {
    moderato()
        .current_dir(manifest_dir())
        .args(["--lang", "en", "check", "sessions/digitaljourney-2022"])
        .assert()
        .code(0)
        .stderr("")
        .stdout(predicate::str::starts_with(
            "#digitaljourney 2022 – Pilotjahrgang (digitaljourney-2022) · 15 participants · 3 stations\n",
        ))
        .stdout(predicate::str::contains(
            "\nmuenchen · Kick-off München · 2022-11-28 09:00–21:30 Europe/Berlin · ZITiS, München · in person\n",
        ))
        .stdout(predicate::str::contains(
            "\nonline-reflexion · Online-Reflexion · 2023-01-17 14:00–16:30 Europe/Berlin · Online (Videokonferenz) · online\n",
        ))
        .stdout(predicate::str::contains(
            "\nkoeln · Lernort Köln · 2023-02-28 09:00–17:00 Europe/Berlin · Bundesverwaltungsamt, Köln · in person\n",
        ))
        // A fixed start after a gap: lunch ends 13:40, the bus leaves at 14:00.
        .stdout(predicate::str::contains("  12:30–13:40  1 h 10 min  break         Mittagessen  [fixed]\n"))
        .stdout(predicate::str::contains(
            "  14:00–15:30  1 h 30 min  visit         Besuch der Bayerischen Agentur für Digitales (byte)  [fixed]\n",
        ))
        // The blocks after a fixed start follow it.
        .stdout(predicate::str::contains(
            "  19:30–20:00      30 min  impulse       Dinner Speech: Digitale Souveränität und Zusammenarbeit  [fixed]\n\
             \x20 20:00–21:30  1 h 30 min  break         Gemeinsames Abendessen\n\
             \x20 agenda ends 21:30, exactly on time\n",
        ))
        // The consultation runs as its method: check shows no "timed block for now" mark.
        .stdout(predicate::str::contains(
            "  11:35–12:20      45 min  consultation  Kollegiale Fallberatung\n",
        ))
        .stdout(predicate::str::contains(
            "  10:50–11:35      45 min  discussion    Moderierte Diskussion: Was heißt digitale Transformation für unsere Häuser?\n",
        ))
        // A reflection says which format it runs.
        .stdout(predicate::str::contains(
            "  17:30–18:00      30 min  reflection    Reflexion des ersten Tages  [Silent reflection + Blitzlicht (lightning round)]\n",
        ))
        .stdout(predicate::str::contains("  16:15–16:25      10 min  reflection  Abschluss-Blitzlicht  [Blitzlicht (lightning round)]\n"))
        .stdout(predicate::str::contains("  agenda ends 16:25, 5 min to spare\n"))
        .stdout(predicate::str::contains("  agenda ends 16:45, 15 min to spare\n"))
        .stdout(predicate::str::ends_with("\nThe plan is fine.\n"));
}

#[test]
fn a_path_that_does_not_exist_is_invalid_input_naming_it() {
    check_fixture("en", "no-such-journey")
        .code(2)
        .stdout("")
        .stderr("moderato: no-such-journey does not exist\n");
}

#[test]
fn a_directory_without_a_plan_is_invalid_input() {
    let temp = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(temp.path().join("leer")).expect("empty journey dir");
    moderato()
        .current_dir(temp.path())
        .args(["--lang", "en", "check", "leer"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "moderato: leer is not a journey: it has no journey.toml (create one with `moderato new leer`)\n",
        );
}

#[test]
fn new_writes_a_plan_that_passes_check_and_never_overwrites_it() {
    let temp = tempfile::tempdir().expect("temp dir");
    let run = |args: &[&str]| moderato().current_dir(temp.path()).args(["--lang", "en"]).args(args).assert();

    run(&["new", "lernreise-2027"]).code(0).stderr("").stdout(
        "New journey created: lernreise-2027/journey.toml\n\
         Edit it, then validate it with `moderato check`.\n",
    );
    run(&["check", "lernreise-2027"])
        .code(0)
        .stderr("")
        .stdout(predicate::str::starts_with("My Learning Journey (lernreise-2027) · "))
        .stdout(predicate::str::ends_with("\nThe plan is fine.\n"));

    let plan = temp.path().join("lernreise-2027/journey.toml");
    let mut edited = std::fs::read(&plan).expect("the new plan");
    edited.extend_from_slice(b"# edited by the facilitator\n");
    std::fs::write(&plan, &edited).expect("edit the plan");

    run(&["new", "lernreise-2027"])
        .code(2)
        .stdout("")
        .stderr("moderato: lernreise-2027/journey.toml already exists; nothing was overwritten\n");
    assert_eq!(std::fs::read(&plan).expect("the plan after a second `new`"), edited);
}

#[rstest]
#[case::english(
    "en",
    "My Learning Journey",
    "# moderato – template for a learning journey\n",
    "language = \"en\""
)]
#[case::german(
    "de",
    "Meine Lernreise",
    "# moderato – Vorlage für eine Lernreise (journey)\n",
    "language = \"de\""
)]
fn new_writes_the_template_in_the_chosen_language(
    #[case] lang: &str,
    #[case] title: &str,
    #[case] heading: &str,
    #[case] language: &str,
) {
    let temp = tempfile::tempdir().expect("temp dir");
    moderato().current_dir(temp.path()).args(["--lang", lang, "new", "reise"]).assert().code(0);
    let plan = std::fs::read_to_string(temp.path().join("reise/journey.toml")).expect("the new plan");
    assert!(plan.contains(heading), "{plan}");
    assert!(plan.contains(&format!("title = \"{title}\"")), "{plan}");
    assert!(plan.contains(language), "{plan}");
    let other = if lang == "en" { "Vorlage" } else { "template for" };
    assert!(!plan.contains(other), "{lang} template holds the other language: {plan}");
}

#[rstest]
#[case::english(
    "en",
    "several-problems.toml:10:1: error: unknown key `rolle`; allowed here: \
     `id`, `name`, `organisation`, `role`, `short`, `attributes`\n\
     several-problems.toml:25:12: error: invalid duration \"1,5h\": expected e.g. \"45m\", \"1h30m\" or \"2h\"\n\
     several-problems.toml:26:9: error: unknown participant id \"p2\": it is not listed under [[participants]]\n\
     several-problems.toml:34:1: error: unknown key `redezeit`; allowed here: \
     `questions`, `speaker_limit`, `policy`, `alternate_by`, `speaker_clock`\n\
     4 errors, 0 warnings\n"
)]
#[case::german(
    "de",
    "several-problems.toml:10:1: Fehler: unbekannter Schlüssel `rolle`; erlaubt sind hier: \
     `id`, `name`, `organisation`, `role`, `short`, `attributes`\n\
     several-problems.toml:25:12: Fehler: ungültige Dauer \"1,5h\": erwartet z. B. \"45m\", \"1h30m\" oder \"2h\"\n\
     several-problems.toml:26:9: Fehler: unbekannte Teilnehmer-ID \"p2\": sie steht nicht unter [[participants]]\n\
     several-problems.toml:34:1: Fehler: unbekannter Schlüssel `redezeit`; erlaubt sind hier: \
     `questions`, `speaker_limit`, `policy`, `alternate_by`, `speaker_clock`\n\
     4 Fehler, 0 Warnungen\n"
)]
fn check_reports_every_problem_of_a_plan_at_once(#[case] lang: &str, #[case] expected: &str) {
    check_fixture(lang, "several-problems.toml").code(2).stdout("").stderr(expected.to_string());
}

/// `moderato` with a German or an English locale and no `--lang`.
fn with_locale(locale: &str) -> Command {
    let mut cmd = moderato();
    cmd.env_remove("LC_ALL").env_remove("LC_MESSAGES").env("LANG", locale);
    cmd
}

#[test]
fn help_speaks_german_with_lang_de_or_a_german_locale() {
    let mut by_flag = moderato();
    by_flag.args(["--lang", "de", "--help"]);
    let mut by_locale = with_locale("de_DE.UTF-8");
    by_locale.arg("--help");
    for mut cmd in [by_flag, by_locale] {
        cmd.assert()
            .code(0)
            .stderr("")
            .stdout(predicate::str::contains("Aufruf: moderato [OPTIONEN] [BEFEHL]\n"))
            .stdout(predicate::str::contains("\nBefehle:\n"))
            .stdout(predicate::str::contains(
                "  check    Den Plan einer Lernreise prüfen: Exit 0 mit den Zeiten jeder Station, oder 2 mit jedem Problem\n",
            ))
            .stdout(predicate::str::contains("  -h, --help            Hilfe anzeigen\n"))
            .stdout(predicate::str::contains("Usage").not())
            .stdout(predicate::str::contains("Print help").not());
    }
    moderato()
        .args(["--lang", "de", "run", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Aufruf: moderato run [OPTIONEN] <LERNREISE>\n"))
        .stdout(predicate::str::contains(
            "  <LERNREISE>  Das Verzeichnis der Lernreise (mit journey.toml)\n",
        ));
    moderato()
        .args(["--lang", "de", "help", "new"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Aufruf: moderato new [OPTIONEN] <VERZEICHNIS>\n"));
}

#[test]
fn help_speaks_english_with_lang_en_or_another_locale() {
    let mut by_flag = moderato();
    by_flag.args(["--lang", "en", "--help"]);
    let mut by_locale = with_locale("C");
    by_locale.arg("--help");
    for mut cmd in [by_flag, by_locale] {
        cmd.assert()
            .code(0)
            .stdout(predicate::str::contains("Usage: moderato [OPTIONS] [COMMAND]\n"))
            .stdout(predicate::str::contains("  -h, --help           Print help\n"))
            .stdout(predicate::str::contains("Aufruf").not());
    }
}

#[rstest]
#[case::unknown_argument(
    &["check", "plan", "--foo"],
    "Fehler: unbekanntes Argument „--foo“\n\nAufruf: moderato check <LERNREISE>\n\nMehr dazu mit „--help“.\n"
)]
#[case::unknown_command(
    &["chek"],
    "Fehler: unbekannter Befehl „chek“\n\n  Tipp: gemeint ist vielleicht „check“\n\n\
     Aufruf: moderato [OPTIONEN] [BEFEHL]\n\nMehr dazu mit „--help“.\n"
)]
#[case::missing_argument(
    &["run"],
    "Fehler: diese Angaben fehlen:\n  <LERNREISE>\n\nAufruf: moderato run <LERNREISE>\n\nMehr dazu mit „--help“.\n"
)]
#[case::missing_value(
    &["run", "plan", "--station"],
    "Fehler: „--station <STATION>“ braucht einen Wert, aber es wurde keiner angegeben\n\nMehr dazu mit „--help“.\n"
)]
#[case::invalid_value(
    &["--theme", "bunt", "check", "plan"],
    "Fehler: ungültiger Wert „bunt“ für „--theme <FARBEN>“\n  [mögliche Werte: dark, light, contrast]\n\n\
     Mehr dazu mit „--help“.\n"
)]
fn command_line_mistakes_are_named_in_german_with_the_usage(#[case] args: &[&str], #[case] expected: &str) {
    moderato().args(["--lang", "de"]).args(args).assert().code(2).stdout("").stderr(expected.to_string());
    with_locale("de_AT.UTF-8").args(args).assert().code(2).stdout("").stderr(expected.to_string());
}

#[test]
fn command_line_mistakes_stay_in_clap_s_english_with_lang_en() {
    moderato().args(["--lang", "en", "check", "plan", "--foo"]).assert().code(2).stdout("").stderr(
        "error: unexpected argument '--foo' found\n\n\
         \x20 tip: to pass '--foo' as a value, use '-- --foo'\n\n\
         Usage: moderato check <JOURNEY>\n\n\
         For more information, try '--help'.\n",
    );
}

/// A journey (the one-station fixture dated 2025-03-10) whose station has a
/// log begun at 09:00 on `day`, its clock `mode`d: a rehearsal when shifted
/// on another day, the real day when planned.
#[allow(clippy::unwrap_used, reason = "a test that cannot set up its log should fail loudly")]
fn journey_with_log(day: &str, mode: moderato::core::event::AnchorMode) -> tempfile::TempDir {
    use moderato::core::event::{Anchor, Event};
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("reise");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixtures().join("overlong-agenda.toml"), dir.join("journey.toml")).unwrap();
    let journey = moderato::plan::load(&dir).unwrap().journey;
    let logs = moderato::store::logs_dir(&dir);
    let (mut store, _) = moderato::store::StationStore::open(&logs, &journey, &journey.stations[0]).unwrap();
    let start = chrono::DateTime::parse_from_rfc3339(&format!("{day}T09:00:00+01:00")).unwrap();
    store.append(start, Event::StationStarted { anchor: Anchor { mode, start } }).unwrap();
    store.checkpoint().unwrap();
    temp
}

/// The files in `logs/` with their bytes, sorted by name.
#[allow(clippy::unwrap_used, reason = "a test that cannot list its logs should fail loudly")]
fn logs_of(temp: &tempfile::TempDir) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(temp.path().join("reise/logs"))
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            (entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[rstest]
#[case::german(
    "de",
    "j\n",
    "Den Probelauf der Station \"tag1\" vom 26.11.2026 verwerfen und neu beginnen? Eine Sicherungskopie bleibt in reise/logs. [j/N] ",
    "Probelauf der Station \"tag1\" verworfen; Sicherung: reise/logs/tag1.rehearsal-"
)]
#[case::english(
    "en",
    "yes\n",
    "Discard the rehearsal of station \"tag1\" from 26.11.2026 and start afresh? A backup copy stays in reise/logs. [y/N] ",
    "Rehearsal of station \"tag1\" discarded; backup: reise/logs/tag1.rehearsal-"
)]
fn run_fresh_discards_a_rehearsal_after_confirming_and_keeps_a_backup(
    #[case] lang: &str,
    #[case] answer: &str,
    #[case] question: &str,
    #[case] done: &str,
) {
    let temp = journey_with_log("2026-11-26", moderato::core::event::AnchorMode::Shifted);
    let before = logs_of(&temp);
    moderato()
        .current_dir(temp.path())
        .args(["--lang", lang, "run", "reise", "--station", "tag1", "--fresh"])
        .write_stdin(answer)
        .assert()
        // Without a terminal the console itself cannot open; the rehearsal is gone by then.
        .code(2)
        .stderr(predicate::str::starts_with(format!("{question}{done}")));
    let after = logs_of(&temp);
    let original = |name: &str| before.iter().find(|(file, _)| file == name).map(|(_, bytes)| bytes.clone());
    let backup = |suffix: &str| {
        after
            .iter()
            .find(|(file, _)| file.starts_with("tag1.rehearsal-") && file.ends_with(suffix))
            .map(|(_, bytes)| bytes.clone())
    };
    assert_eq!(backup(".json"), original("tag1.json"), "{after:?}");
    assert_eq!(backup(".journal.jsonl"), original("tag1.journal.jsonl"), "{after:?}");
    let fresh = after.iter().find(|(file, _)| file == "tag1.json").map(|(_, bytes)| bytes.clone());
    assert!(fresh.is_some_and(|bytes| !String::from_utf8_lossy(&bytes).contains("station_started")));
    #[cfg(unix)]
    for entry in std::fs::read_dir(temp.path().join("reise/logs")).into_iter().flatten().flatten() {
        use std::os::unix::fs::PermissionsExt;
        if entry.file_name().to_string_lossy().contains("rehearsal") {
            let mode = entry.metadata().map(|meta| meta.permissions().mode() & 0o777).unwrap_or(0);
            assert_eq!(mode, 0o600, "{:?} is not owner-only", entry.file_name());
        }
    }
}

#[rstest]
#[case::german("de", "n\n", "Nichts wurde verworfen.\n")]
#[case::english("en", "", "Nothing was discarded.\n")]
fn run_fresh_without_a_yes_changes_nothing(#[case] lang: &str, #[case] answer: &str, #[case] said: &str) {
    let temp = journey_with_log("2026-11-26", moderato::core::event::AnchorMode::Shifted);
    let before = logs_of(&temp);
    moderato()
        .current_dir(temp.path())
        .args(["--lang", lang, "run", "reise", "--station", "tag1", "--fresh"])
        .write_stdin(answer)
        .assert()
        .code(0)
        .stdout("")
        .stderr(predicate::str::ends_with(said));
    assert_eq!(logs_of(&temp), before);
}

#[rstest]
#[case::german(
    "de",
    "moderato: Das Stationslog der Station „tag1“ ist vom echten Tag (10.03.2025), kein Probelauf; --fresh verwirft nur Probeläufe. Nichts wurde verändert. Wer es trotzdem neu beginnen will, verschiebt reise/logs/tag1.json und reise/logs/tag1.journal.jsonl selbst an einen anderen Ort.\n"
)]
#[case::english(
    "en",
    "moderato: The log of station \"tag1\" is the real day's (10.03.2025), not a rehearsal; --fresh discards rehearsals only. Nothing was changed. To start afresh anyway, move reise/logs/tag1.json and reise/logs/tag1.journal.jsonl elsewhere yourself.\n"
)]
fn run_fresh_never_discards_a_real_day_and_says_so(#[case] lang: &str, #[case] expected: &str) {
    let temp = journey_with_log("2025-03-10", moderato::core::event::AnchorMode::Planned);
    let before = logs_of(&temp);
    moderato()
        .current_dir(temp.path())
        .args(["--lang", lang, "run", "reise", "--station", "tag1", "--fresh"])
        .write_stdin("j\n")
        .assert()
        .code(2)
        .stdout("")
        .stderr(expected.to_string());
    assert_eq!(logs_of(&temp), before);
}

#[rstest]
#[case::english(
    "en",
    "missing-key-and-more.toml:21:1: error: the key `duration` is missing here\n\
     missing-key-and-more.toml:24:9: error: unknown participant id \"p2\": it is not listed under [[participants]]\n\
     2 errors, 0 warnings\n"
)]
#[case::german(
    "de",
    "missing-key-and-more.toml:21:1: Fehler: der Schlüssel `duration` fehlt hier\n\
     missing-key-and-more.toml:24:9: Fehler: unbekannte Teilnehmer-ID \"p2\": sie steht nicht unter [[participants]]\n\
     2 Fehler, 0 Warnungen\n"
)]
fn a_missing_key_does_not_hide_the_plan_s_other_problems(#[case] lang: &str, #[case] expected: &str) {
    check_fixture(lang, "missing-key-and-more.toml").code(2).stdout("").stderr(expected.to_string());
}
