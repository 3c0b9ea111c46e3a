//! Hostile and absurd plans and logs through the real binary: escape
//! sequences never reach the terminal, absurd values are `check` errors,
//! `run` without a terminal says so after checking the station, and a second
//! console stays out even when the lock file is deleted.

#![allow(clippy::expect_used)] // a test that cannot set up its files should fail loudly

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use moderato::plan;
use moderato::store::StationStore;

fn moderato() -> Command {
    Command::cargo_bin("moderato").expect("the moderato binary is built for integration tests")
}

/// A valid journey with one participant and one station `s1` of two blocks;
/// `edit` rewrites its text before it is written.
fn journey(dir: &Path, edit: impl FnOnce(String) -> String) -> PathBuf {
    let plan = r#"id = "j"
title = "Journey"

[[participants]]
id = "p1"
name = "Ada"
organisation = "Amt"
role = "Leitung"

[[participants]]
id = "p2"
name = "Ben"
organisation = "Amt"
role = "Leitung"

[[stations]]
id = "s1"
title = "Tag 1"
date = "2022-11-28"
start = "09:00"
end = "10:00"
place = "Raum"
format = "in-person"

[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "30m"

[[stations.blocks]]
kind = "custom"
title = "Arbeit"
duration = "30m"
"#;
    let journey = dir.join("journey");
    std::fs::create_dir_all(&journey).expect("journey dir");
    std::fs::write(journey.join("journey.toml"), edit(plan.to_string())).expect("plan");
    journey
}

fn check(journey: &Path) -> std::process::Output {
    moderato().args(["--lang", "en", "check"]).arg(journey).output().expect("moderato runs")
}

/// No control byte but the newline, in any output.
fn assert_clean(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(bad.is_empty(), "control characters {bad:?} reached the terminal:\n{text}");
}

#[test]
fn escape_sequences_in_a_valid_plan_never_reach_the_terminal() {
    let temp = tempfile::tempdir().expect("temp dir");
    // OSC 0 (window title), OSC 52 (clipboard), a cursor query, C1 CSI, DEL, CR.
    let journey = journey(temp.path(), |plan| {
        plan.replace("title = \"Journey\"", r#"title = "J\u001b]0;pwned\u0007""#)
            .replace("place = \"Raum\"", r#"place = "R\u001b]52;c;ZXZpbA==\u0007""#)
            .replace("title = \"Impuls\"", r#"title = "I\u001b[6n\u009b6n\u007f\r""#)
    });
    let output = check(&journey);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert_clean(&output.stdout);
    assert_clean(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(r"J\u{1b}]0;pwned\u{7}"), "{stdout}");
}

#[test]
fn escape_sequences_in_errors_never_reach_the_terminal() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| {
        plan.replace("id = \"s1\"", r#"id = "s\u001b]0;x\u0007""#)
            .replace("role = \"Leitung\"", "role = \"Leitung\"\n\"r\\u001b[2Jolle\" = \"x\"")
    });
    let output = check(&journey);
    assert_eq!(output.status.code(), Some(2));
    assert_clean(&output.stdout);
    assert_clean(&output.stderr);
    // A station the plan does not have, named with an escape on the command line.
    let journey = self::journey(&temp.path().join("other"), |plan| plan);
    let output = moderato()
        .args(["--lang", "en", "run"])
        .arg(&journey)
        .args(["--station", "x\u{1b}]0;t\u{7}"])
        .output()
        .expect("moderato runs");
    assert_eq!(output.status.code(), Some(2));
    assert_clean(&output.stderr);
}

/// A consultation block of 75 min, its table open for more keys.
const CONSULTATION: &str = "\n[[stations.blocks]]\nkind = \"consultation\"\ntitle = \"F\"\nduration = \"75m\"\n[stations.blocks.consultation]\n";
/// An exchange block of 30 min, its table open for more keys.
const EXCHANGE: &str = "\n[[stations.blocks]]\nkind = \"exchange\"\ntitle = \"X\"\nduration = \"30m\"\n[stations.blocks.exchange]\n";

#[test]
fn absurd_values_are_check_errors() {
    let temp = tempfile::tempdir().expect("temp dir");
    type Edit = Box<dyn Fn(String) -> String>;
    let cases: Vec<(&str, Edit)> = vec![
        (
            "duration \"1193046h\" is too long: at most 24h",
            Box::new(|p| p.replace("\"30m\"", "\"1193046h\"")),
        ),
        ("duration \"25h\" is too long: at most 24h", Box::new(|p| p.replacen("\"30m\"", "\"25h\"", 1))),
        (
            "the agenda of station \"s1\" runs 73 hours; at most 72 hours are possible",
            Box::new(|p| {
                let block =
                    "\n[[stations.blocks]]\nkind = \"custom\"\ntitle = \"Lang\"\nduration = \"24h\"\n";
                format!("{p}{block}{block}{block}")
            }),
        ),
        (
            "station \"s1\" has 2002 blocks; at most 500 are possible",
            Box::new(|p| {
                let block = "\n[[stations.blocks]]\nkind = \"custom\"\ntitle = \"B\"\nduration = \"1m\"\n";
                format!("{p}{}", block.repeat(2000))
            }),
        ),
        (
            "is 300 characters long; at most 64 are possible",
            Box::new(|p| p.replace("id = \"s1\"", &format!("id = \"{}\"", "s".repeat(300)))),
        ),
        (
            "date \"3000-01-01\" is outside the years 2000 to 2999",
            Box::new(|p| p.replace("2022-11-28", "3000-01-01")),
        ),
        (
            "date \"0999-01-01\" is outside the years 2000 to 2999",
            Box::new(|p| p.replace("2022-11-28", "0999-01-01")),
        ),
        (
            "`title` expects text in quotes, e.g. title = \"…\"",
            Box::new(|p| p.replace("title = \"Impuls\"", "title = 42")),
        ),
        (
            "`duration` expects a duration in quotes, e.g. duration = \"45m\" or \"1h30m\"",
            Box::new(|p| p.replacen("duration = \"30m\"", "duration = 30", 1)),
        ),
        (
            "the phases or rounds take 2760 min together, the block has 75 min",
            Box::new(|p| format!("{p}{CONSULTATION}phases = {{ casting = \"23h\", report = \"23h\" }}\n")),
        ),
        (
            "1000000000 cases for 2 participants",
            Box::new(|p| format!("{p}{CONSULTATION}cases = 1000000000\n")),
        ),
        (
            "“p1” is both case giver and moderator",
            Box::new(|p| format!("{p}{CONSULTATION}case_giver = \"p1\"\nmoderator = \"p1\"\n")),
        ),
        (
            "never_together keeps “p1” apart from too many others",
            Box::new(|p| format!("{p}{EXCHANGE}never_together = [[\"p1\", \"p2\"]]\n")),
        ),
        (
            "the phases or rounds take 100 min together, the block has 30 min",
            Box::new(|p| format!("{p}{EXCHANGE}rounds = 5\nround_duration = \"20m\"\n")),
        ),
        (
            "501 participants; moderato is made for cohorts of up to 500 people",
            Box::new(|p| {
                let more: String = (3..=501)
                    .map(|i| format!("[[participants]]\nid = \"q{i}\"\nname = \"N\"\norganisation = \"O\"\nrole = \"R\"\n\n"))
                    .collect();
                p.replace("[[stations]]", &format!("{more}[[stations]]"))
            }),
        ),
    ];
    for (index, (expected, edit)) in cases.into_iter().enumerate() {
        let journey = journey(&temp.path().join(index.to_string()), edit);
        let output = check(&journey);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{expected}: {stderr}");
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
}

#[test]
fn ten_thousand_participants_are_refused_quickly() {
    // Slow only if loading were quadratic (it took 2 s in a release build).
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| {
        let mut participants = String::new();
        for i in 0..10_000 {
            participants.push_str(&format!(
                "[[participants]]\nid = \"q{i}\"\nname = \"N {i}\"\norganisation = \"O\"\nrole = \"R\"\n\n"
            ));
        }
        plan.replace("[[stations]]", &format!("{participants}[[stations]]"))
    });
    let output = check(&journey);
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("10002 participants; moderato is made for cohorts of up to 500 people"),
        "{stderr}"
    );
    // Every tool loads the plan first: none takes such a cohort.
    for args in [
        &["groups", "--station", "s1", "--size", "3", "--rounds", "50"][..],
        &["review"][..],
        &["run", "--station", "s1"][..],
        &["export", "--format", "md"][..],
    ] {
        let output = moderato()
            .args(["--lang", "en"])
            .arg(args[0])
            .arg(&journey)
            .args(&args[1..])
            .output()
            .expect("runs");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("cohorts of up to 500"), "{args:?}");
    }
}

#[test]
fn run_without_a_terminal_says_so_after_opening_the_station() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| plan);
    moderato()
        .args(["--lang", "en", "run"])
        .arg(&journey)
        .args(["--station", "s1"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            "moderato: `moderato run` needs a terminal (its input or output is redirected here). \
             Start it in a terminal window; to validate a plan use `moderato check`.\n",
        );
    // The station was opened (and its log created) before the terminal was looked at.
    assert!(journey.join("logs/s1.json").is_file());
    moderato()
        .args(["--lang", "en", "project"])
        .arg(&journey)
        .args(["--station", "s1"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("`moderato project` needs a terminal"));
}

#[test]
fn run_without_a_terminal_reports_a_damaged_log() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| plan);
    let logs = journey.join("logs");
    std::fs::create_dir(&logs).expect("logs");
    std::fs::write(logs.join("s1.json"), b"{\"schema\": \"moderato/station-log\", ").expect("damaged log");
    let output = moderato()
        .args(["--lang", "en", "run"])
        .arg(&journey)
        .args(["--station", "s1"])
        .output()
        .expect("moderato runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("s1.json:1:"), "{stderr}");
    assert!(!stderr.contains("needs a terminal"), "{stderr}");
}

#[test]
fn a_second_console_is_refused_even_after_the_lock_file_is_deleted() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey_dir = journey(temp.path(), |plan| plan);
    let loaded = plan::load(&journey_dir).expect("the plan loads");
    let logs = journey_dir.join("logs");
    let (_first, _) =
        StationStore::open(&logs, &loaded.journey, &loaded.journey.stations[0]).expect("the first console");
    std::fs::remove_file(logs.join("s1.lock")).expect("lock file");

    moderato()
        .args(["--lang", "en", "run"])
        .arg(&journey_dir)
        .args(["--station", "s1"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("station \"s1\" is already open in another console"));
}

/// No control character (but the newline) and no bidirectional override.
fn assert_no_override(name: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\r')
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(bad.is_empty(), "{name}: {bad:?} in\n{text}");
}

#[test]
fn agendas_carry_no_override_and_a_title_never_becomes_a_heading() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| {
        plan.replace("title = \"Impuls\"", r#"title = "Impuls\n# H1 \u202egnp.exe\u001b]52;c;eA==\u0007""#)
            .replace("name = \"Ada\"", r#"name = "Ada\u202e\u2066""#)
            .replace(
                "kind = \"impulse\"",
                "kind = \"impulse\"\nowner = \"p1\"\nnotes = \"Zeile 1\\nZeile 2\\u202e\"",
            )
    });
    for (format, facilitator) in
        [("md", false), ("md", true), ("html", false), ("html", true), ("ics", false)]
    {
        let out = temp.path().join(format!("agenda-{facilitator}.{format}"));
        let mut command = moderato();
        command.args(["--lang", "de", "agenda"]).arg(&journey).args(["--format", format, "-o"]).arg(&out);
        if facilitator {
            command.arg("--facilitator");
        }
        let output = command.output().expect("moderato runs");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let text = std::fs::read_to_string(&out).expect("the agenda");
        assert_no_override(&format!("{format} {facilitator}"), &text);
        assert!(text.contains("gnp.exe"), "{text}");
        if format == "md" {
            // The title stays on its line: no heading of its own.
            assert!(!text.lines().any(|line| line.trim_start().starts_with("# H1")), "{text}");
        }
    }
}

/// A FIFO where a log belongs, and one beside it, are refused at once by
/// every tool (none waits for a writer that never comes), and nothing is left
/// behind; a `logs/` that is a symbolic link is refused like a linked file.
#[cfg(unix)]
#[test]
fn a_fifo_in_logs_or_a_linked_logs_is_refused_at_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let journey_dir = journey(temp.path(), |plan| plan);
    let logs = journey_dir.join("logs");
    std::fs::create_dir(&logs).expect("logs");
    for name in ["s1.journal.jsonl", "s1.json", "other.fifo"] {
        let fifo = logs.join(name);
        let path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid C string and mode.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0);
        let before: Vec<_> =
            std::fs::read_dir(&logs).expect("logs").map(|e| e.expect("entry").path()).collect();
        for args in [
            &["run", "--station", "s1"][..],
            &["review", "--station", "s1"][..],
            &["export", "--format", "md"][..],
        ] {
            let output = moderato()
                .args(["--lang", "en"])
                .arg(args[0])
                .arg(&journey_dir)
                .args(&args[1..])
                .timeout(std::time::Duration::from_secs(20))
                .output()
                .expect("moderato runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success(), "{name} {args:?}: {stderr}");
            assert!(stderr.contains("is not a regular file"), "{name} {args:?}: {stderr}");
        }
        let after: Vec<_> =
            std::fs::read_dir(&logs).expect("logs").map(|e| e.expect("entry").path()).collect();
        assert_eq!(before, after, "nothing left behind");
        assert!(!journey_dir.join(".logs.s1.lock").exists());
        std::fs::remove_file(&fifo).expect("fifo");
    }

    let elsewhere = temp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("elsewhere");
    std::fs::remove_dir(&logs).expect("logs");
    std::os::unix::fs::symlink(&elsewhere, &logs).expect("link");
    for args in [&["run", "--station", "s1"][..], &["review", "--station", "s1"][..]] {
        let output = moderato()
            .args(["--lang", "en"])
            .arg(args[0])
            .arg(&journey_dir)
            .args(&args[1..])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains("symbolic link"), "{args:?}: {stderr}");
    }
    assert_eq!(
        std::fs::read_dir(&elsewhere).expect("elsewhere").count(),
        0,
        "nothing written through the link"
    );
}

/// A closed pipe (or a terminal window closed meanwhile) on stdout or stderr
/// ends a command with its own exit code, not a panic: a write that fails
/// after the work is done is no crash.
#[cfg(unix)]
#[test]
fn a_closed_output_is_no_crash() {
    use std::os::fd::{FromRawFd, OwnedFd};
    let temp = tempfile::tempdir().expect("temp dir");
    let journey = journey(temp.path(), |plan| plan);
    let closed_pipe = || {
        let mut fds = [0; 2];
        // SAFETY: `fds` has room for the two descriptors pipe(2) returns.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: both descriptors were just opened and are owned here alone.
        let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
        drop(read);
        std::process::Stdio::from(write)
    };
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_moderato"))
        .args(["--lang", "en", "check"])
        .arg(&journey)
        .stdout(closed_pipe())
        .output()
        .expect("runs");
    assert_eq!(check.status.code(), Some(0), "{}", String::from_utf8_lossy(&check.stderr));
    let refused = std::process::Command::new(env!("CARGO_BIN_EXE_moderato"))
        .args(["--lang", "en", "export"])
        .arg(&journey)
        .args(["--format", "md"])
        .stderr(closed_pipe())
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(2), "no log yet: a usage error, not a panic");
}
