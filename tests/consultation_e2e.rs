//! End to end, a collegial case consultation: the real `moderato` binary in a
//! pseudo-terminal (as in `tests/e2e.rs`), driven like a facilitator: cast
//! the roles, run all six phases with a case, a key question released to the
//! room, a method from the catalogue, two ideas and a closing statement,
//! quit, start again in the middle of the closing phase, and find the state
//! and the phase clock as they were; the journal holds what happened, the
//! confidential texts marked.
//!
//! Nothing here asserts after a fixed sleep: every check polls the parsed
//! screen until it holds or a generous timeout passes, and a failure prints
//! the whole screen.

// Test code: a failed unwrap is a failed test, with its message and location.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
#![cfg(unix)]

mod common;

use std::time::{Duration, Instant};

use common::pty::{App, Journey};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 45;
const COLS: u16 = 160;
const STATION: &str = "muenchen";
/// How long the console stays closed before it is started again.
const DOWNTIME: Duration = Duration::from_millis(2500);

impl Journey {
    /// The consultation's changes in the journal, in order.
    fn consultation_changes(&self) -> Vec<Value> {
        let path = self.dir.join("logs").join(format!("{STATION}.journal.jsonl"));
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .map(|line| serde_json::from_str::<Value>(line).unwrap())
            .filter(|envelope| envelope["event"]["type"] == "consultation")
            .map(|envelope| envelope["event"]["change"].clone())
            .collect()
    }
}

impl App {
    fn start(journey: &Journey) -> App {
        let mut command = common::pty::moderato(&journey.dir, STATION);
        command.cwd(journey.dir.parent().unwrap());
        App::spawn(command, (ROWS, COLS), TIMEOUT)
    }

    /// The current block's panel as one text: each row's part between the
    /// last two borders, trimmed and joined by spaces, so wrapped lines read on.
    fn panel(&self) -> String {
        let screen = self.screen();
        let rows = screen.lines().filter_map(|line| {
            let parts: Vec<&str> = line.split('│').collect();
            (parts.len() >= 3).then(|| parts[parts.len() - 2].trim().to_string())
        });
        rows.filter(|row| !row.is_empty()).collect::<Vec<_>>().join(" ")
    }

    /// Waits until the current block's panel says `text`, wrapped or not.
    fn wait_for_panel(&self, text: &str) {
        self.wait_until(&format!("{text:?} in the panel"), |app| app.panel().contains(text));
    }

    /// Types a line into the editor a key opened (titled `title`) and saves it.
    fn capture(&mut self, key: &str, title: &str, text: &str) {
        self.press(key);
        self.wait_for(&format!("┌ {title} "));
        self.press(text);
        self.wait_for(text);
        self.press("\r");
        self.wait_until(&format!("the {title} editor closed"), |app| {
            !app.screen().contains(&format!("┌ {title} "))
        });
    }

    /// The next phase, once its name shows with its number.
    fn next_phase(&mut self, name: &str, number: usize) {
        self.press("\x1b[C");
        self.wait_until(&format!("phase {number} {name}"), |app| {
            app.phase_line(number).is_some_and(|line| line.starts_with(name))
        });
    }

    /// The console's phase line ("Abschluss  04:58 / 5 min  Fall 1/1 · Phase 6/6"), trimmed.
    fn phase_line(&self, number: usize) -> Option<String> {
        let screen = self.screen();
        let marker = format!("Phase {number}/6");
        let line = screen.lines().find(|line| line.contains(&marker))?;
        line.split('│').find(|part| part.contains(&marker)).map(|part| part.trim().to_string())
    }

    /// The phase clock in seconds as shown (negative in overtime), once two looks agree.
    fn phase_clock(&self, number: usize) -> i64 {
        let read = |app: &App| -> Option<i64> {
            let line = app.phase_line(number)?;
            let clock = line.split_whitespace().find(|word| word.contains(':'))?;
            let (sign, digits) = clock.strip_prefix('+').map_or((1, clock), |digits| (-1, digits));
            digits
                .split(':')
                .try_fold(0, |secs, part| Some(secs * 60 + part.parse::<i64>().ok()?))
                .map(|s| sign * s)
        };
        self.steady("phase clock", read)
    }
}

#[test]
fn a_case_consultation_runs_through_its_six_phases_and_survives_a_restart() {
    let journey = Journey::new();
    let mut app = App::start(&journey);
    app.wait_for("Leertaste startet");
    // Start the station and go on to the consultation, the seventh block.
    app.press(" ");
    app.wait_for("LÄUFT");
    for _ in 0..6 {
        app.press("n");
    }
    app.wait_for("Phase 1/6");
    app.wait_for("Casting");

    // Casting: the plan's proposal is suggested; accept it, then a secretary by hand.
    app.press("g");
    app.wait_for("Rollen besetzen  Fall 1 von 1");
    app.wait_for("Vorschlag: Fallerzähler/in Dr. Birgit Theissen · Moderator/in Thomas Reimers");
    app.press("v");
    app.wait_until("the suggestions accepted", |app| !app.screen().contains("Vorschlag:"));
    app.press("jj3");
    app.wait_until("Dr. Sabine Hohlfeld cast as secretary", |app| {
        app.screen().lines().any(|line| line.contains("Dr. Sabine Hohlfeld") && line.contains("Schreiber/in"))
    });
    app.press("\x1b");
    app.wait_for_panel(
        "Fallerzähler/in: Dr. Birgit Theissen · Moderator/in: Thomas Reimers · Schreiber/in: Dr. Sabine Hohlfeld",
    );

    app.next_phase("Spontanerzählung", 2);
    app.capture("T", "Fall (Titel)", "Umbau der Abteilung");
    app.next_phase("Schlüsselfrage", 3);
    app.capture("K", "Schlüsselfrage", "Wie kann ich erreichen, dass das Team mitzieht?");
    app.press("f");
    app.wait_for_panel("[auf der Leinwand]");
    app.next_phase("Methodenwahl", 4);
    app.press("m");
    app.wait_for("┌ Methode für die Beratung ");
    app.press("kopf");
    app.wait_until("only the headstand listed", |app| !app.screen().contains("Resonanzrunde"));
    app.press("\r");
    app.wait_for_panel("Methode: Kopfstand");
    app.next_phase("Beratung", 5);
    app.capture("I", "Ideen", "Kleine Pilotgruppe zuerst @Albers");
    app.capture("I", "Ideen", "Personalrat früh einbinden");
    app.wait_for_panel("Ideen (2):");
    app.wait_for_panel("Kleine Pilotgruppe zuerst  (Dr. Katrin Albers)");
    app.next_phase("Abschluss", 6);
    app.capture("S", "Abschluss: was hilft, erster Schritt", "Montag mit dem Personalrat sprechen");
    app.wait_for_panel("Abschluss: Montag mit dem Personalrat sprechen");

    // Mid-phase: quit, stay away a moment, start again.
    let before = app.phase_clock(6);
    assert!(before <= 5 * 60, "the closing phase has five minutes: {before}s");
    let left = Instant::now();
    app.quit();
    std::thread::sleep(DOWNTIME);
    let restarted = Instant::now();
    let app = App::start(&journey);
    app.wait_for("Phase 6/6");
    let after = app.phase_clock(6);
    let closed = (restarted - left).as_secs() as i64;
    assert!(
        after <= before - closed,
        "the phase clock showed {before}s, then {after}s after {closed}s closed"
    );
    assert!(after > before - closed - 30, "the phase clock was reset or ran away: {before}s, then {after}s");
    for kept in [
        "Fallerzähler/in: Dr. Birgit Theissen · Moderator/in: Thomas Reimers · Schreiber/in: Dr. Sabine Hohlfeld",
        "Fall: Umbau der Abteilung",
        "Schlüsselfrage: Wie kann ich erreichen, dass das Team mitzieht?  [auf der Leinwand]",
        "Methode: Kopfstand",
        "Kleine Pilotgruppe zuerst  (Dr. Katrin Albers)",
        "Personalrat früh einbinden",
        "Abschluss: Montag mit dem Personalrat sprechen",
    ] {
        app.wait_for_panel(kept);
    }

    // The journal: casting with its suggestions, every phase, the captures,
    // and the confidential ones marked.
    let changes = journey.consultation_changes();
    let kinds: Vec<&str> = changes.iter().filter_map(|change| change["change"].as_str()).collect();
    assert_eq!(
        kinds,
        [
            "cast",
            "cast",
            "cast",
            "phase_shown",
            "case_noted",
            "phase_shown",
            "key_question_set",
            "key_question_released",
            "phase_shown",
            "method_chosen",
            "phase_shown",
            "idea_added",
            "idea_added",
            "phase_shown",
            "case_noted",
        ]
    );
    assert_eq!(changes[0]["participant"], "p09");
    assert_eq!(changes[0]["suggested"], "p09", "the accepted suggestion is on record");
    assert_eq!(changes[2]["role"], "secretary");
    assert_eq!(changes[2].get("suggested"), None, "a secretary is chosen without a suggestion");
    assert_eq!(changes[9]["method"], "headstand");
    assert_eq!(changes[11]["giver"], "p01");
    for change in &changes {
        // A key question typed before it is released is marked too.
        let confidential =
            matches!(change["change"].as_str(), Some("case_noted" | "idea_added" | "key_question_set"));
        assert_eq!(change.get("confidential") == Some(&Value::Bool(true)), confidential, "{change}");
    }
}
