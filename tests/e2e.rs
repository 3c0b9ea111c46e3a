//! End to end: the real `moderato` binary in a pseudo-terminal, driven with
//! key presses and read back through a terminal emulator (`vt100`), the way a
//! facilitator meets it. Each test works on a copy of the demo journey in its
//! own temporary directory and checks the station log on disk as well as the
//! screen: walk a few blocks, quit and resume; a `kill -9` while a timer runs;
//! a moderated discussion's speaker queue, quit and resume; an unknown station
//! on the command line.
//!
//! Nothing here asserts after a fixed sleep: every check polls the parsed
//! screen (or the child's exit) until it holds or a generous timeout passes,
//! and a failure prints the whole screen.

// Test code: a failed unwrap is a failed test, with its message and location.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]
// Drives the binary in a unix pseudo-terminal and ends it with unix signals.
#![cfg(unix)]

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::Datelike;
use common::pty::{App, Journey};
use serde_json::{Value, json};

/// How long any one expectation may take; generous for a loaded 2-core CI machine.
const TIMEOUT: Duration = Duration::from_secs(15);
const ROWS: u16 = 40;
const COLS: u16 = 120;
const STATION: &str = "muenchen";
/// The start of the second block's title in the demo journey.
const SECOND_TITLE: &str = "Der Gastgeber stellt sich vor";
const NOTE: &str = "BVA zum Piloten fragen";
/// How long the killed console stays down before it is started again.
const DOWNTIME: Duration = Duration::from_millis(1500);
/// The moderated discussion is the demo station's sixth block.
const DISCUSSION_INDEX: usize = 5;
/// The start of its title.
const DISCUSSION_TITLE: &str = "Moderierte Diskussion: Was heißt";
/// The discussion's panel starts here: the agenda takes two fifths of the width then.
const DISCUSSION_PANEL_COL: u16 = COLS * 2 / 5;

/// What this file reads from the journey's copy.
impl Journey {
    fn logs(&self) -> PathBuf {
        self.dir.join("logs")
    }

    fn journal_path(&self) -> PathBuf {
        self.logs().join(format!("{STATION}.journal.jsonl"))
    }

    /// The journal's raw text.
    fn journal_text(&self) -> String {
        std::fs::read_to_string(self.journal_path()).unwrap()
    }

    /// Every journal line, parsed; panics on a line that is not a complete JSON envelope.
    fn journal(&self) -> Vec<Value> {
        let text = self.journal_text();
        assert!(text.ends_with('\n'), "the journal ends in the middle of a line:\n{text}");
        text.lines()
            .enumerate()
            .map(|(number, line)| {
                let envelope: Value = serde_json::from_str(line)
                    .unwrap_or_else(|err| panic!("journal line {} is not JSON ({err}): {line}", number + 1));
                for key in ["id", "seq", "at", "event"] {
                    assert!(
                        envelope.get(key).is_some(),
                        "journal line {} has no {key:?}: {line}",
                        number + 1
                    );
                }
                envelope
            })
            .collect()
    }

    /// The station log (snapshot), parsed.
    fn snapshot(&self) -> Value {
        let path = self.logs().join(format!("{STATION}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("{} is not JSON: {err}", path.display()))
    }

    /// The journey's plan, parsed.
    fn plan(&self) -> toml::Value {
        let text = std::fs::read_to_string(self.dir.join("journey.toml")).unwrap();
        toml::from_str(&text).unwrap()
    }

    /// The ids of the station's first two blocks, from the plan itself.
    fn first_two_blocks(&self) -> (String, String) {
        let (first, _) = self.block(0);
        let (second, second_title) = self.block(1);
        assert!(
            second_title.starts_with(SECOND_TITLE),
            "the demo journey's second block changed: {second_title:?}"
        );
        (first, second)
    }

    /// The id and title of the station's block at `index`, from the plan itself.
    fn block(&self, index: usize) -> (String, String) {
        let plan = self.plan();
        let station = plan["stations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|station| station["id"].as_str() == Some(STATION))
            .expect("the demo journey has the station");
        let block = &station["blocks"].as_array().unwrap()[index];
        (block["id"].as_str().unwrap().to_string(), block["title"].as_str().unwrap().to_string())
    }

    /// The cohort member with this id, from the plan itself.
    fn participant(&self, id: &str) -> toml::Value {
        let plan = self.plan();
        let participants = plan["participants"].as_array().unwrap();
        let found = participants.iter().find(|participant| participant["id"].as_str() == Some(id));
        found.unwrap_or_else(|| panic!("the demo cohort has no {id}")).clone()
    }
}

/// Checks a timer that ran while no console was open: it showed `before` seconds
/// remaining (rounded up) at `read_at`; a new console started at `restarted_at` shows
/// `after`. Everything between read and restart must have been counted.
fn assert_counted_while_closed(before: i64, read_at: Instant, restarted_at: Instant, after: i64) {
    let closed = (restarted_at - read_at).as_secs() as i64;
    assert!(
        after <= before - closed,
        "the timer showed {before}s remaining, then {after}s after {closed}s and more without a console"
    );
}

/// The events of journal envelopes, as `(type, event)` pairs.
fn events(journal: &[Value]) -> Vec<(String, Value)> {
    journal
        .iter()
        .map(|envelope| {
            let event = envelope["event"].clone();
            (event["type"].as_str().unwrap().to_string(), event)
        })
        .collect()
}

/// Asserts that `expected` occurs in `events` in this order (other events may come
/// between); each expectation is a type and the fields the event must have.
fn assert_in_order(events: &[(String, Value)], expected: &[(&str, Value)]) {
    let mut rest = events.iter();
    for (kind, fields) in expected {
        let matches = |event: &Value| {
            fields.as_object().unwrap().iter().all(|(key, value)| event.get(key) == Some(value))
        };
        let found = rest.any(|(k, event)| k == kind && matches(event));
        assert!(found, "no {kind} {fields} (in this order) among the journal's events:\n{events:#?}");
    }
}

/// What this file reads off the console's screen, and how it starts it.
impl App {
    /// Starts `moderato --lang de run <journey> --station muenchen --quiet`.
    fn start(journey: &Journey) -> App {
        let mut command = common::pty::moderato(&journey.dir, STATION);
        command.cwd(journey.dir.parent().unwrap());
        App::spawn(command, (ROWS, COLS), TIMEOUT)
    }

    /// The right half of the screen (the current block's panel), one line per row.
    fn right_panel(&self) -> String {
        self.rows(COLS / 2, COLS / 2).join("\n")
    }

    /// The right part of the screen while a discussion runs (its panel, from the
    /// border on), one line per row, the borders and the margin trimmed.
    fn discussion_panel(&self) -> Vec<String> {
        let rows = self.rows(DISCUSSION_PANEL_COL, COLS - DISCUSSION_PANEL_COL).into_iter();
        rows.map(|row| row.trim_matches(|c: char| c == '│' || c.is_whitespace()).to_string()).collect()
    }

    /// Who has the floor, as the discussion panel says: the text after "▶ ".
    fn speaker(&self) -> Option<String> {
        let panel = self.discussion_panel();
        panel.iter().find_map(|line| line.strip_prefix("▶ ").map(str::to_string))
    }

    /// The speaker's clock in seconds: what is left of their limit, negative in
    /// overtime ("+MM:SS"); `None` while nobody has the floor.
    fn speaker_clock(&self) -> Option<i64> {
        let speaker = self.speaker()?;
        // "▶ Name (Org)  01:57 von 02:00 übrig" or "+00:15 über 02:00": the
        // countdown stands before the limit.
        let clock = speaker
            .rsplit_once(" von ")
            .or_else(|| speaker.rsplit_once(" über "))
            .map_or(speaker.as_str(), |(before, _)| before);
        let clock = clock.split_whitespace().last()?;
        let (sign, digits) = match clock.strip_prefix('+') {
            Some(digits) => (-1, digits),
            None => (1, clock),
        };
        let secs = digits.split(':').try_fold(0, |secs, part| Some(secs * 60 + part.parse::<i64>().ok()?))?;
        Some(sign * secs)
    }

    /// The speaker queue as the panel shows it, in order, without the numbers.
    fn queue(&self) -> Vec<String> {
        let panel = self.discussion_panel();
        let Some(start) = panel.iter().position(|line| line.starts_with("Redeliste · ")) else {
            return Vec::new();
        };
        panel[start + 1..]
            .iter()
            .map_while(|line| {
                let (number, entry) = line.split_once(". ")?;
                number.parse::<usize>().ok().map(|_| entry.to_string())
            })
            .collect()
    }

    /// The inside of the pop-up box titled `title`, one trimmed line per row
    /// (for an editor: the text, then the hint; for a picker: the typed text,
    /// the matches, then the hint); `None` while no such box is open.
    fn popup(&self, title: &str) -> Option<Vec<String>> {
        let rows: Vec<Vec<char>> = self.rows(0, COLS).into_iter().map(|row| row.chars().collect()).collect();
        let heading: Vec<char> = format!("┌ {title} ").chars().collect();
        let (top, left) = rows.iter().enumerate().find_map(|(index, row)| {
            row.windows(heading.len()).position(|window| window == heading).map(|col| (index, col))
        })?;
        let right = left + 1 + rows[top][left + 1..].iter().position(|&c| c == '┐')?;
        let inside = rows[top + 1..]
            .iter()
            .take_while(|row| row.get(left) == Some(&'│'))
            .map(|row| {
                row.get(left + 1..right).unwrap_or_default().iter().collect::<String>().trim().to_string()
            })
            .collect();
        Some(inside)
    }

    /// Waits until the screen shows `block` (the start of its title) as the current block:
    /// under "Aktueller Block" in the right panel, and marked ▶ in the agenda.
    fn wait_for_current(&self, block: &str) {
        self.wait_until(&format!("{block:?} as the current block"), |app| {
            let panel = app.right_panel();
            let marked = app.screen().lines().any(|line| line.contains('▶') && line.contains(block));
            marked && panel.contains("Aktueller Block") && panel.contains(block)
        });
    }

    /// The current block's running timer (remaining time, "MM:SS" or "H:MM:SS") in
    /// whole seconds, rounded up as the console shows it; `None` without a running timer.
    fn shown_remaining(&self) -> Option<i64> {
        let panel = self.right_panel();
        let line = panel.lines().find(|line| line.contains("LÄUFT"))?;
        let digits = line.split_whitespace().find(|word| word.contains(':'))?;
        digits.split(':').try_fold(0, |secs, part| Some(secs * 60 + part.parse::<i64>().ok()?))
    }

    /// The running timer as shown, once two looks 50 ms apart agree (a frame can
    /// arrive in several writes; this never reads a half-drawn one).
    fn remaining_secs(&self) -> i64 {
        self.steady("running timer", App::shown_remaining)
    }

    /// Waits until the running timer shows less than `secs` remaining: it counts down.
    fn wait_for_countdown_below(&self, secs: i64) {
        self.wait_until(&format!("the timer counting down below {secs}s"), |app| {
            app.shown_remaining().is_some_and(|shown| shown < secs)
        });
        let shown = self.remaining_secs();
        assert!(shown < secs, "the timer shows {shown}s, not below {secs}s:\n{}", self.screen());
    }
}

/// Start the station, walk to the second block, write a note, quit; the log on
/// disk holds it all; reopening resumes on the same block with the note and a
/// timer that kept running.
#[test]
fn walk_quit_and_resume() {
    let journey = Journey::new();
    let (first, second) = journey.first_two_blocks();

    let mut app = App::start(&journey);
    app.wait_for("Als Nächstes");
    app.wait_for("Agenda");
    app.wait_for("#digitaljourney 2022");
    app.wait_for("Kick-off München");
    app.press(" ");
    app.wait_for("LÄUFT");
    app.wait_for("Aktueller Block");
    // The demo station is dated 2022: a run today is a rehearsal.
    app.wait_for("Probelauf – Zeiten auf heute verschoben");
    app.press("n");
    app.wait_for_current(SECOND_TITLE);
    app.press("o");
    app.wait_for("Private Notiz");
    app.press(NOTE);
    app.wait_for(NOTE);
    app.press("\r");
    app.wait_until("the note saved under \"Ihre Notizen\"", |app| {
        let panel = app.right_panel();
        !app.screen().contains("Private Notiz") && panel.contains("Ihre Notizen") && panel.contains(NOTE)
    });
    let before_quit = app.remaining_secs();
    let read_at = Instant::now();
    app.quit();
    drop(app);

    let journal = journey.journal();
    let events = events(&journal);
    assert_in_order(
        &events,
        &[
            ("station_started", json!({})),
            ("block_started", json!({ "block": first })),
            ("block_completed", json!({ "block": first })),
            ("block_started", json!({ "block": second })),
            ("note_added", json!({ "block": second, "text": NOTE })),
        ],
    );
    let seqs: Vec<_> = journal.iter().map(|envelope| envelope["seq"].as_u64().unwrap()).collect();
    assert!(seqs.windows(2).all(|pair| pair[0] < pair[1]), "journal seqs are not increasing: {seqs:?}");
    // Quitting checkpoints the station log: it has every event of the journal.
    let snapshot = journey.snapshot();
    assert_eq!(snapshot["events"].as_array().unwrap().len(), journal.len(), "snapshot vs journal");

    let restarted_at = Instant::now();
    let mut app = App::start(&journey);
    app.wait_for("Fortgesetzt");
    app.wait_for(&format!("{} Ereignisse wiederhergestellt", journal.len()));
    app.wait_for_current(SECOND_TITLE);
    app.wait_until("the note, still shown", |app| {
        let panel = app.right_panel();
        panel.contains("Ihre Notizen") && panel.contains(NOTE)
    });
    // The timer ran on while the console was closed, and runs on.
    let after_restart = app.remaining_secs();
    assert_counted_while_closed(before_quit, read_at, restarted_at, after_restart);
    app.wait_for_countdown_below(after_restart);
    app.quit();
    drop(app);

    let journal = journey.journal();
    let events = self::events(&journal);
    assert_eq!(events.last().unwrap().0, "station_resumed", "reopening is recorded: {events:#?}");
    assert_eq!(journey.snapshot()["events"].as_array().unwrap().len(), journal.len(), "snapshot vs journal");
}

/// `kill -9` while a block's timer runs: everything the screen acknowledged is
/// in the journal, the stale lock does not block the next start, and the
/// console resumes with the timer where the clock says it is.
#[test]
fn sigkill_while_a_timer_runs() {
    let journey = Journey::new();
    let (_, second) = journey.first_two_blocks();

    let mut app = App::start(&journey);
    app.wait_for("Als Nächstes");
    app.press(" ");
    app.wait_for("LÄUFT");
    app.press("n");
    app.wait_for_current(SECOND_TITLE);
    let extended_at = Instant::now();
    app.press("*");
    app.wait_until("\"(+5)\" in the current block's panel", |app| app.right_panel().contains("(+5)"));
    let before_kill = app.remaining_secs();
    let read_at = Instant::now();

    // The screen shows only recorded events: the extension is in the journal already.
    let extended = |journey: &Journey| {
        events(&journey.journal()).iter().any(|(kind, event)| {
            kind == "block_extended"
                && event["block"].as_str() == Some(second.as_str())
                && event["minutes"].as_u64() == Some(5)
        })
    };
    assert!(
        extended(&journey),
        "the extension shown on screen is not in the journal:\n{}",
        journey.journal_text()
    );
    let lines_before = journey.journal().len();

    let pid = app.pid();
    app.kill_hard();
    drop(app);

    // Line-complete (checked by `journal`), nothing lost, nothing added by the kill.
    assert!(extended(&journey));
    assert_eq!(journey.journal().len(), lines_before, "the journal changed after the kill");
    // The killed console had no chance to remove its lock file; the OS released the lock.
    let lock = journey.logs().join(format!("{STATION}.lock"));
    let stale = std::fs::read_to_string(&lock)
        .unwrap_or_else(|err| panic!("the killed console's lock file {} is gone: {err}", lock.display()));
    assert_eq!(stale.trim(), pid.to_string(), "the lock file names the killed process");

    // The console stays down for a moment, as after a real crash; the timer runs on meanwhile.
    std::thread::sleep(DOWNTIME.saturating_sub(read_at.elapsed()));

    let restarted_at = Instant::now();
    let mut app = App::start(&journey);
    app.wait_for("Fortgesetzt");
    // The lock the killed console left behind is taken over, and that is said.
    app.wait_for(&format!("Sperre von Prozess {pid} wurde übernommen"));
    app.wait_for_current(SECOND_TITLE);
    app.wait_until("\"(+5)\" after the restart", |app| app.right_panel().contains("(+5)"));
    let after_restart = app.remaining_secs();
    let after_read_at = Instant::now();
    assert_counted_while_closed(before_kill, read_at, restarted_at, after_restart);
    assert!(
        after_restart as f64 > (before_kill - 1) as f64 - (after_read_at - extended_at).as_secs_f64(),
        "the timer jumped from {before_kill}s to {after_restart}s remaining in {:?}:\n{}",
        after_read_at - extended_at,
        app.screen()
    );
    app.wait_for_countdown_below(after_restart);
    app.quit();
    drop(app);

    assert!(!lock.exists(), "a console that quit leaves its lock file behind");
    let journal = journey.journal();
    assert_eq!(events(&journal).last().unwrap().0, "station_resumed");
    assert_eq!(journey.snapshot()["events"].as_array().unwrap().len(), journal.len(), "snapshot vs journal");
}

/// An unknown station is a usage error (exit 2) that names the stations there are;
/// nothing is written and the terminal is never touched.
#[test]
fn unknown_station_lists_the_known_ones() {
    let journey = Journey::new();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_moderato"))
        .args(["--lang", "de", "run"])
        .arg(&journey.dir)
        .args(["--station", "nope"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "stderr: {stderr}");
    assert!(stderr.contains("\"nope\""), "stderr: {stderr}");
    for station in ["muenchen", "online-reflexion", "koeln"] {
        assert!(stderr.contains(station), "{station} is not listed: {stderr}");
    }
    assert!(!journey.logs().exists(), "an unknown station created logs");
}

/// A member of the demo cohort, and the few letters that find them in the picker.
struct Speaker {
    /// What is typed into the picker: a part of the surname that only they have.
    query: &'static str,
    id: &'static str,
    name: &'static str,
    organisation: &'static str,
    /// Their `gruppe`, which the demo discussion alternates by.
    gruppe: &'static str,
}

impl Speaker {
    /// How the console shows them in the queue: "Name (Behörde)"; with the floor the
    /// organisation may be shortened to keep the clock on the line.
    fn shown(&self) -> String {
        format!("{} ({})", self.name, self.organisation)
    }
}

const LORENZEN: Speaker = Speaker {
    query: "lorenz",
    id: "p04",
    name: "Prof. Dr. Matthias Lorenzen",
    organisation: "Statistisches Bundesamt",
    gruppe: "A",
};
const FALKENBERG: Speaker = Speaker {
    query: "falk",
    id: "p13",
    name: "Dr. Miriam Falkenberg",
    organisation: "Bundesamt für Justiz",
    gruppe: "A",
};
const KOWALCZYK: Speaker = Speaker {
    query: "kowal",
    id: "p05",
    name: "Annette Kowalczyk",
    organisation: "Bundesagentur für Arbeit",
    gruppe: "B",
};
const THEISSEN: Speaker = Speaker {
    query: "theiss",
    id: "p09",
    name: "Dr. Birgit Theissen",
    organisation: "Umweltbundesamt",
    gruppe: "C",
};
const DECISION: &str = "Nächstes Treffen in Köln vorbereiten";
/// An action item for Lorenzen (by a part of his name), due on 15 December this year.
const ACTION: &str = "Pilotvorhaben skizzieren @lorenz 15.12.";
const ACTION_TEXT: &str = "Pilotvorhaben skizzieren";

/// Opens the picker with `key` (its box titled `title`), types `speaker`'s query,
/// checks that it finds them and nobody else, and takes them with Enter.
fn pick(app: &mut App, key: &str, title: &str, speaker: &Speaker) {
    app.press(key);
    app.wait_until(&format!("the picker {title:?}, empty"), |app| {
        app.popup(title).is_some_and(|inside| inside.first().is_some_and(String::is_empty))
    });
    app.press(speaker.query);
    let only = format!("{}  {}", speaker.name, speaker.organisation);
    app.wait_until(&format!("{:?} in the picker, finding {} alone", speaker.query, speaker.name), |app| {
        app.popup(title).is_some_and(|inside| match inside.as_slice() {
            [typed, found, _hint] => typed == speaker.query && found.starts_with(&only),
            _ => false,
        })
    });
    app.press("\r");
    app.wait_until(&format!("{} in the queue", speaker.name), |app| {
        app.popup(title).is_none() && app.queue().iter().any(|entry| entry.starts_with(&speaker.shown()))
    });
}

/// Opens the editor with `key` (its box titled `title`), types `text`, saves it with Enter.
fn capture(app: &mut App, key: &str, title: &str, text: &str) {
    app.press(key);
    app.wait_until(&format!("the editor {title:?}"), |app| app.popup(title).is_some());
    app.press(text);
    app.wait_until(&format!("{text:?} in the editor {title:?}"), |app| {
        app.popup(title).is_some_and(|inside| inside.first().map(String::as_str) == Some(text))
    });
    app.press("\r");
    app.wait_until(&format!("the editor {title:?} closed"), |app| app.popup(title).is_none());
}

/// The moderated discussion (Redeliste) end to end: three speakers added by
/// typing parts of their names, two turns in the order the alternating policy
/// gives, a point of order that goes to the front, a decision and an action
/// item; quit; the journal holds exactly that; a restart shows the same speaker
/// with the clock still running, the same queue and the same captures.
#[test]
fn discussion_queue_survives_a_restart() {
    let journey = Journey::new();
    let (discussion, discussion_title) = journey.block(DISCUSSION_INDEX);
    assert!(
        discussion_title.starts_with(DISCUSSION_TITLE),
        "the demo journey's discussion block moved: {discussion_title:?}"
    );
    for speaker in [&LORENZEN, &FALKENBERG, &KOWALCZYK, &THEISSEN] {
        let planned = journey.participant(speaker.id);
        assert_eq!(
            (planned["name"].as_str(), planned["organisation"].as_str()),
            (Some(speaker.name), Some(speaker.organisation)),
            "the demo cohort changed"
        );
        assert_eq!(planned["attributes"]["gruppe"].as_str(), Some(speaker.gruppe), "the demo cohort changed");
    }
    let short = |title: &str| title.chars().take(20).collect::<String>();
    let in_discussion = |app: &App| {
        let panel = app.discussion_panel();
        let marked =
            app.screen().lines().any(|line| line.contains('▶') && line.contains("Moderierte Diskussion"));
        marked
            && panel.iter().any(|line| line.starts_with("┌ Aktueller Block"))
            && panel.iter().any(|line| line.starts_with(DISCUSSION_TITLE))
    };

    let mut app = App::start(&journey);
    app.wait_for("Als Nächstes");
    app.press(" ");
    app.wait_for("LÄUFT");
    for index in 1..DISCUSSION_INDEX {
        app.press("n");
        app.wait_for_current(&short(&journey.block(index).1));
    }
    app.press("n");
    app.wait_until("the discussion as the current block", in_discussion);
    app.wait_until("an empty queue, alternating by group", |app| {
        let panel = app.discussion_panel();
        let has = |text: &str| panel.iter().any(|line| line == text);
        has("Niemand hat das Wort.") && has("Redeliste · im Wechsel") && has("Keine Wortmeldungen.")
    });

    // Two of group A, then one of group B: alternating puts B second.
    for speaker in [&LORENZEN, &FALKENBERG, &KOWALCZYK] {
        pick(&mut app, "a", "Wortmeldung", speaker);
    }
    let queue_is = |app: &App, expected: &[String]| app.queue() == expected;
    app.wait_until("the queue alternating A, B, A", |app| {
        queue_is(app, &[LORENZEN.shown(), KOWALCZYK.shown(), FALKENBERG.shown()])
    });

    // The floor to the first in the queue, then to the next (the first turn ends with it).
    app.press("\r");
    app.wait_until("Lorenzen with the floor", |app| {
        app.speaker().is_some_and(|speaker| speaker.starts_with(LORENZEN.name))
            && queue_is(app, &[KOWALCZYK.shown(), FALKENBERG.shown()])
    });
    app.press("\r");
    app.wait_until("Kowalczyk with the floor", |app| {
        app.speaker().is_some_and(|speaker| speaker.starts_with(KOWALCZYK.name))
            && queue_is(app, &[FALKENBERG.shown()])
    });

    // A point of order goes before everybody, marked; the speaker keeps the floor.
    pick(&mut app, "!", "Zur Geschäftsordnung", &THEISSEN);
    let point_of_order = format!("{}  ‼ zur Geschäftsordnung", THEISSEN.shown());
    app.wait_until("the point of order first in the queue", |app| {
        queue_is(app, &[point_of_order.clone(), FALKENBERG.shown()])
    });
    assert!(app.speaker().unwrap().starts_with(KOWALCZYK.name), "{}", app.screen());

    capture(&mut app, "B", "Entscheidung", DECISION);
    app.wait_until("one decision counted", |app| {
        app.discussion_panel().iter().any(|line| line == "Entscheidungen 1 · Aufgaben 0 · Themenspeicher 0")
    });
    capture(&mut app, "A", "Aufgabe", ACTION);
    // "15.12." is the 15th of December of the console's year.
    let year = chrono::Local::now().year();
    app.wait_until("one decision and one action item counted", |app| {
        app.discussion_panel().iter().any(|line| line == "Entscheidungen 1 · Aufgaben 1 · Themenspeicher 0")
    });

    // The speaker's clock has started counting down their two minutes.
    app.wait_until("the speaker's clock counting", |app| app.speaker_clock().is_some_and(|secs| secs < 120));
    let before_quit = app.steady("speaker's clock", App::speaker_clock);
    let read_at = Instant::now();
    app.quit();
    drop(app);

    // The journal holds exactly what happened in the discussion, in order.
    let journal = journey.journal();
    let discussed = events(&journal);
    let started = discussed
        .iter()
        .position(|(kind, event)| kind == "block_started" && event["block"] == discussion.as_str())
        .unwrap_or_else(|| panic!("the discussion never started: {discussed:#?}"));
    // Each of the discussion's changes is namespaced by its method.
    let change = |change: Value| json!({ "type": "discussion", "block": discussion, "change": change });
    let hand = |speaker: &Speaker, hand: &str| {
        change(json!({ "change": "hand_raised", "participant": speaker.id, "hand": hand }))
    };
    // The second turn ends the first: there is no turn_ended between them.
    let turn = |speaker: &Speaker| {
        change(json!({ "change": "turn_started", "participant": speaker.id, "hand": "normal" }))
    };
    let decision = json!({ "kind": "decision", "text": DECISION });
    let action = json!({
        "kind": "action",
        "text": ACTION_TEXT,
        "owner": LORENZEN.id,
        "due": format!("{year}-12-15"),
    });
    let expected = vec![
        hand(&LORENZEN, "normal"),
        hand(&FALKENBERG, "normal"),
        hand(&KOWALCZYK, "normal"),
        turn(&LORENZEN),
        turn(&KOWALCZYK),
        hand(&THEISSEN, "point_of_order"),
        change(json!({ "change": "captured", "capture": decision })),
        change(json!({ "change": "captured", "capture": action })),
    ];
    let happened: Vec<Value> = discussed[started + 1..].iter().map(|(_, event)| event.clone()).collect();
    assert_eq!(happened, expected, "the discussion's events in the journal");
    let snapshot = journey.snapshot();
    assert_eq!(snapshot["events"].as_array().unwrap().len(), journal.len(), "snapshot vs journal");

    // Closed for a moment: a turn whose clock restarted would show more time left.
    std::thread::sleep(DOWNTIME.saturating_sub(read_at.elapsed()));
    let restarted_at = Instant::now();
    let mut app = App::start(&journey);
    app.wait_for("Fortgesetzt");
    app.wait_for(&format!("{} Ereignisse wiederhergestellt", journal.len()));
    app.wait_until("the discussion as the current block after the restart", in_discussion);
    app.wait_until("Kowalczyk still with the floor, the queue and the captures as they were", |app| {
        app.speaker().is_some_and(|speaker| speaker.starts_with(KOWALCZYK.name))
            && queue_is(app, &[point_of_order.clone(), FALKENBERG.shown()])
            && app
                .discussion_panel()
                .iter()
                .any(|line| line == "Entscheidungen 1 · Aufgaben 1 · Themenspeicher 0")
            && app.discussion_panel().iter().any(|line| line == "Redeliste · im Wechsel")
    });
    // The turn's clock ran on while the console was closed, and runs on.
    let after_restart = app.steady("speaker's clock", App::speaker_clock);
    assert_counted_while_closed(before_quit, read_at, restarted_at, after_restart);
    app.wait_until("the speaker's clock counting on", |app| {
        app.speaker_clock().is_some_and(|secs| secs < after_restart)
    });
    app.quit();
    drop(app);

    let journal = journey.journal();
    assert_eq!(events(&journal).last().unwrap().0, "station_resumed");
    assert_eq!(journey.snapshot()["events"].as_array().unwrap().len(), journal.len(), "snapshot vs journal");
}

/// The scenario's morning on a station dated today: it starts five minutes
/// late, the header says so, and shortening the coffee break brings it back
/// on time.
#[test]
fn a_late_morning_is_caught_up_by_a_shorter_coffee_break() {
    use chrono::{Local, Timelike};
    let now = Local::now();
    let start = now - chrono::TimeDelta::minutes(5);
    // The plan is one morning of 30 minutes on today's date: it cannot span midnight.
    if start.date_naive() != now.date_naive() || now.hour() == 23 && now.minute() >= 20 {
        eprintln!("skipped: too close to midnight for a plan dated today");
        return;
    }
    let end = start + chrono::TimeDelta::minutes(40);
    let plan = format!(
        r#"id = "morgen"
title = "Morgen"
language = "de"
[[participants]]
id = "p01"
name = "Dr. Katrin Albers"
organisation = "Bundesverwaltungsamt"
role = "Abteilungsleiterin"
[[stations]]
id = "{STATION}"
title = "Kick-off"
date = "{date}"
start = "{start}"
end = "{end}"
place = "München"
format = "in-person"
[[stations.blocks]]
kind = "impulse"
title = "Begrüßung"
duration = "5m"
[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "10m"
[[stations.blocks]]
kind = "break"
title = "Kaffeepause"
duration = "10m"
[[stations.blocks]]
kind = "custom"
title = "Arbeit"
duration = "5m"
"#,
        date = now.format("%Y-%m-%d"),
        start = start.format("%H:%M"),
        end = end.format("%H:%M"),
    );
    let journey = Journey::new();
    std::fs::write(journey.dir.join("journey.toml"), plan).unwrap();
    let mut app = App::start(&journey);
    app.wait_for("Begrüßung");
    app.press(" ");
    app.wait_for("min hinter dem Plan");
    let behind: i64 = {
        let screen = app.screen();
        let line = screen.lines().find(|line| line.contains("min hinter dem Plan")).unwrap().to_string();
        line.split_whitespace().next().unwrap().parse().unwrap()
    };
    assert!((5..=6).contains(&behind), "five minutes late: {behind}");
    assert!(!app.screen().contains("Probelauf"), "today is the real day");
    // Select the coffee break (two below the current block) and shorten it.
    app.press("\x1b[B\x1b[B");
    app.press(&"-".repeat(usize::try_from(behind).unwrap()));
    app.wait_for("im Plan");
    app.quit();
    let shortened =
        events(&journey.journal()).into_iter().filter(|(kind, _)| kind == "agenda_changed").count();
    assert_eq!(shortened, usize::try_from(behind).unwrap(), "each minute is recorded");
}
