//! The fixture journey in `tests/fixtures/journey/`: its logs are recorded
//! here through the real core (`Session::decide` at fixed, round instants)
//! and written with the store's own types; `MODERATO_BLESS=1 cargo test
//! --test fixture_journey` writes them again. The tests check that the
//! committed files are exactly what the generator writes today, that they are
//! valid against the schema and read back through the store, and that
//! together they use every kind of event.
//!
//! Berlin (2022-10-05, in person) is finished, Online (2022-11-16) is
//! running with newer events in its journal than in its JSON log, Köln
//! (2022-12-07) has no log. Private notes start with `PRIVATE-NOTE-`,
//! confidential case texts with `CONFIDENTIAL-`, so tests can look for them
//! in anything that must not hold them.
#![allow(
    clippy::unwrap_used,
    reason = "a fixture that cannot be recorded or read should fail the test loudly"
)]

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate};
use moderato::core::Timestamp;
use moderato::core::command::Command;
use moderato::core::consultation::{self, CaseField, Casting, Role};
use moderato::core::discussion::{self, Capture, Hand, Speaker};
use moderato::core::event::{AnchorMode, Envelope, Event, Presence, Scene};
use moderato::core::exchange;
use moderato::core::method::{MethodCommand, MethodEvent};
use moderato::core::reflection::{self, Takeaway};
use moderato::core::session::{BlockState, Session};
use moderato::plan::{self, Journey, QueuePolicy, Station};
use moderato::store::{StationLog, read_log, read_snapshot, write_snapshot};
use serde_json::Value;
use uuid::Uuid;

/// The fixture journey's directory, relative to the crate (for messages).
const FIXTURE: &str = "tests/fixtures/journey";

fn fixture_dir() -> PathBuf {
    common::fixture_journey()
}

fn journey() -> Journey {
    plan::load(&fixture_dir()).unwrap().journey
}

fn station<'a>(journey: &'a Journey, id: &str) -> &'a Station {
    journey.stations.iter().find(|station| station.id == id).unwrap()
}

/// Records a station's day: each command decided by the session at its
/// instant, its events numbered, given a fixed id and applied.
struct Recorder {
    session: Session,
    events: Vec<Envelope>,
    /// `2022-10-05T` and `+02:00`: the day and offset the times are on.
    day: &'static str,
    offset: &'static str,
    /// Distinguishes the stations' event ids: `<station>` in the id's upper bits.
    station_number: u128,
}

impl Recorder {
    fn new(
        journey: &Journey,
        id: &str,
        day: &'static str,
        offset: &'static str,
        station_number: u128,
    ) -> Self {
        let session = Session::new(station(journey, id), &journey.participants);
        Recorder { session, events: Vec::new(), day, offset, station_number }
    }

    fn at(&self, time: &str) -> Timestamp {
        let time = if time.len() == 5 { format!("{time}:00") } else { time.to_string() };
        DateTime::parse_from_rfc3339(&format!("{}T{time}{}", self.day, self.offset)).unwrap()
    }

    /// Carries out `command` at `time` (`HH:MM` or `HH:MM:SS`); a refusal
    /// means the script no longer fits the core and fails the generator.
    fn run(&mut self, time: &str, command: Command) {
        let at = self.at(time);
        let events = self
            .session
            .decide(&command, at)
            .unwrap_or_else(|refusal| panic!("{time} {command:?} was refused: {refusal:?}"));
        assert!(!events.is_empty(), "{time} {command:?} recorded nothing");
        for event in events {
            let seq = self.session.last_seq + 1;
            let id = Uuid::from_u128((self.station_number << 32) | u128::from(seq));
            let envelope = Envelope { id, seq, at, event };
            self.session.apply(&envelope);
            self.events.push(envelope);
        }
    }
}

fn disc(command: discussion::Command) -> Command {
    Command::Method(MethodCommand::Discussion(command))
}

fn raise(participant: &str, hand: Hand) -> Command {
    disc(discussion::Command::Raise { participant: participant.into(), hand })
}

fn call_next() -> Command {
    disc(discussion::Command::CallNext)
}

fn capture(capture: Capture) -> Command {
    disc(discussion::Command::Capture(capture))
}

fn cons(command: consultation::Command) -> Command {
    Command::Method(MethodCommand::Consultation(command))
}

fn cast(group: usize, role: Role, participant: Option<&str>, suggested: Option<&str>) -> Casting {
    Casting {
        group,
        role,
        participant: participant.map(String::from),
        suggested: suggested.map(String::from),
    }
}

fn note(group: usize, field: CaseField, text: &str) -> Command {
    cons(consultation::Command::Note { group, field, text: text.into() })
}

fn idea(group: usize, text: &str, giver: &str) -> Command {
    cons(consultation::Command::Idea { group, text: text.into(), giver: Some(giver.into()) })
}

fn refl(command: reflection::Command) -> Command {
    Command::Method(MethodCommand::Reflection(command))
}

fn next_turn() -> Command {
    refl(reflection::Command::Next { seed: 0 })
}

fn takeaway(text: &str, owner: Option<&str>, commitment: bool) -> Command {
    refl(reflection::Command::Note(Takeaway {
        text: text.into(),
        owner: owner.map(String::from),
        commitment,
        protocol: false,
    }))
}

fn exch(command: exchange::Command) -> Command {
    Command::Method(MethodCommand::Exchange(command))
}

fn groups(ids: &[&[&str]]) -> Vec<Vec<String>> {
    ids.iter().map(|group| group.iter().map(|id| id.to_string()).collect()).collect()
}

fn presence(participant: &str, presence: Presence) -> Command {
    Command::SetPresence { participant: participant.into(), presence }
}

fn add_note(text: &str) -> Command {
    Command::AddNote { text: text.into() }
}

/// The Berlin kick-off, finished: every block kind, a late arrival, a
/// discussion with every hand and capture and a guest, a consultation in two
/// groups, a reflection with a Blitzlicht round and takeaways, an exchange
/// with two fixed rounds; an overrun, an inserted break, a moved, a skipped
/// and a restored block, and undos of several kinds.
fn berlin(journey: &Journey) -> Vec<Envelope> {
    use consultation::Command as C;
    use discussion::Command as D;
    use exchange::Command as X;
    use reflection::Command as R;
    let mut day = Recorder::new(journey, "berlin", "2022-10-05", "+02:00", 1);
    day.run("08:50", Command::SetScene(Scene::Agenda));
    day.run("08:55", presence("p08", Presence::Absent));
    // Two minutes late; the projection goes back from the agenda to the timer.
    day.run("09:02", Command::StartPause);
    day.run("09:12", presence("p08", Presence::Present));
    day.run(
        "09:14",
        add_note("PRIVATE-NOTE-BERLIN-1: Herr Pietsch kam zehn Minuten zu spät, sein Zug fiel aus."),
    );
    day.run("09:17", Command::NextBlock);
    // The impulse overruns by five minutes.
    day.run("09:30", Command::AdjustTime { block: "impuls".into(), minutes: 5 });
    day.run("09:42", Command::NextBlock);

    // The discussion: 09:42 to 10:20.
    day.run("09:43:00", raise("p01", Hand::Normal));
    day.run("09:43:10", raise("p02", Hand::Normal));
    day.run("09:43:20", raise("p03", Hand::Normal));
    day.run("09:44", call_next()); // p01 speaks
    day.run("09:45", raise("p04", Hand::Normal));
    day.run("09:45:30", disc(D::MoveHand { speaker: Speaker::Participant("p04".into()), earlier: true }));
    day.run("09:46", call_next()); // p02 speaks
    day.run("09:46:30", raise("p05", Hand::Reply));
    day.run("09:47", call_next()); // p05 replies
    // The block pauses for two minutes during p05's reply (the beamer fails).
    day.run("09:48", Command::StartPause);
    day.run("09:50", Command::StartPause);
    day.run("09:51", disc(D::EndTurn));
    day.run("09:52", disc(D::RaiseGuest { name: "Dr. Eva Lange".into(), hand: Hand::Normal }));
    day.run("09:52:30", raise("p06", Hand::PointOfOrder));
    day.run("09:53", call_next()); // p06's point of order
    day.run(
        "09:53:30",
        capture(Capture::Parked {
            text: "Wie gehen wir mit Schatten-IT um? (Frage von Jens Brockmann)".into(),
        }),
    );
    day.run("09:54", call_next()); // p04, moved ahead of p03
    day.run("09:55", disc(D::Withdraw { speaker: Speaker::Participant("p03".into()) }));
    day.run("09:56", disc(D::NextQuestion(true)));
    day.run("09:57", call_next()); // the guest
    day.run("09:59", disc(D::SetPolicy(QueuePolicy::FirstTimeFirst)));
    day.run("10:00:00", raise("p07", Hand::Normal));
    day.run("10:00:10", raise("p01", Hand::Normal));
    day.run("10:01", call_next()); // p07 first: p01 has spoken
    day.run("10:03", call_next()); // p01 again
    day.run(
        "10:04",
        capture(Capture::Decision {
            text: "Jede Behörde benennt bis Köln eine Ansprechperson für Digitalisierung.".into(),
        }),
    );
    day.run(
        "10:05",
        capture(Capture::Action {
            text: "Vorlage für den Digitalisierungs-Steckbrief an alle schicken".into(),
            owner: Some("p01".into()),
            due: NaiveDate::from_ymd_opt(2022, 10, 21),
        }),
    );
    day.run("10:06", capture(Capture::Decision { text: "Pilot nur im BSI".into() }));
    day.run("10:06:30", Command::Undo); // a decision typed too early
    day.run("10:08", disc(D::EndTurn));
    day.run("10:09", Command::SetScene(Scene::TalkTime));
    day.run("10:20", Command::NextBlock);

    // The coffee break, with a message and then a black screen.
    day.run("10:21", Command::SetScene(Scene::Message { text: "Weiter um 10:35".into() }));
    day.run("10:33", Command::SetScene(Scene::Blank));
    day.run("10:35", Command::NextBlock);

    // The consultation in two groups: 10:35 to 11:20.
    day.run("10:36", cons(C::MoveMember { participant: "p02".into(), group: 1 }));
    day.run("10:36:30", cons(C::MoveMember { participant: "p08".into(), group: 0 }));
    day.run(
        "10:37",
        cons(C::Cast(vec![
            cast(0, Role::CaseGiver, Some("p03"), Some("p03")),
            cast(0, Role::Moderator, Some("p04"), Some("p01")),
            cast(0, Role::Secretary, Some("p01"), None),
        ])),
    );
    day.run(
        "10:38",
        cons(C::Cast(vec![
            cast(1, Role::CaseGiver, Some("p07"), None),
            cast(1, Role::Moderator, Some("p06"), None),
            cast(1, Role::Secretary, Some("p05"), None),
        ])),
    );
    day.run("10:38:30", cons(C::Cast(vec![cast(1, Role::Observer, Some("p02"), None)])));
    day.run("10:39", cons(C::Cast(vec![cast(1, Role::Observer, None, None)])));
    day.run("10:40", cons(C::Phase(true))); // report
    day.run(
        "10:42",
        note(0, CaseField::Title, "CONFIDENTIAL-TITLE-1: Widerstand im IT-Referat gegen die E-Akte"),
    );
    day.run(
        "10:43",
        note(
            0,
            CaseField::Description,
            "CONFIDENTIAL-DESCRIPTION-1: Das IT-Referat blockiert seit Monaten die Einführung der E-Akte.",
        ),
    );
    day.run("10:44", note(1, CaseField::Title, "CONFIDENTIAL-TITLE-2: Ein Team zwischen Bonn und Berlin"));
    day.run("10:50", cons(C::Phase(true))); // key question
    day.run(
        "10:52",
        cons(C::KeyQuestion { group: 0, text: "Wie gewinne ich das IT-Referat für die E-Akte?".into() }),
    );
    day.run(
        "10:53",
        cons(C::KeyQuestion { group: 1, text: "Wie halte ich ein verteiltes Team zusammen?".into() }),
    );
    day.run("10:54", cons(C::Release { group: 0, released: true }));
    day.run("10:55", cons(C::Phase(true))); // method
    day.run("10:56", cons(C::ChooseMethod { group: 0, method: "brainstorming".into() }));
    day.run("10:57", cons(C::ChooseMethod { group: 1, method: "advice".into() }));
    day.run("11:00", cons(C::Phase(true))); // consultation
    day.run("11:01", Command::InsertBreak { after: None, minutes: 5, title: "Kurze Pause".into() });
    day.run("11:02", idea(0, "CONFIDENTIAL-IDEA-1: Die Referatsleitung als Pilotpartnerin gewinnen", "p01"));
    day.run("11:03", idea(0, "CONFIDENTIAL-IDEA-2: Das Referat auflösen", "p08"));
    day.run("11:04", Command::Undo); // not meant seriously
    day.run("11:05", idea(1, "CONFIDENTIAL-IDEA-3: Feste Präsenztage für das ganze Team", "p02"));
    day.run("11:06", cons(C::AdjustPhase(5)));
    day.run("11:15", cons(C::Phase(true))); // closing
    day.run(
        "11:17",
        note(
            0,
            CaseField::Closing,
            "CONFIDENTIAL-CLOSING-1: Ich spreche nächste Woche mit der Referatsleitung.",
        ),
    );
    day.run("11:20", Command::NextBlock); // the inserted break
    day.run("11:25", Command::NextBlock); // the visit

    // Re-planning during the visit, which overruns by five minutes: the reflection before the exchange, the
    // closing block left out, the exchange skipped and brought back.
    day.run("11:30", Command::Move { block: "reflexion".into(), earlier: true });
    day.run("11:35", Command::Skip { block: "abschluss".into() });
    day.run("11:36", Command::Skip { block: "vernetzung".into() });
    day.run("11:37", Command::Restore { block: "vernetzung".into() });
    day.run("12:00", Command::NextBlock);

    // The reflection: five minutes of silence, then the Blitzlicht round.
    day.run("12:05", next_turn()); // the round phase
    day.run("12:05:30", next_turn()); // the order, p01 first
    day.run("12:06", refl(R::Back)); // started too early
    day.run("12:06:10", refl(R::Back)); // the order forgotten
    day.run("12:06:30", next_turn()); // p01
    day.run("12:07:30", next_turn()); // p02
    day.run("12:08:30", next_turn()); // p03
    day.run("12:09:30", next_turn()); // p04
    day.run("12:10:30", next_turn()); // p05
    day.run("12:11:00", next_turn()); // p06
    day.run("12:11:30", next_turn()); // p07
    day.run("12:12:30", next_turn()); // p08
    day.run("12:12:40", refl(R::Pass));
    day.run("12:13:10", next_turn()); // p08 asked again
    day.run("12:13:20", refl(R::Pass));
    day.run(
        "12:15",
        takeaway("Bis Köln lade ich das IT-Referat zu einem gemeinsamen Workshop ein.", Some("p03"), true),
    );
    day.run("12:16", takeaway("Vernetzung über Hausgrenzen hilft mehr als jede Strategie.", None, false));
    day.run("12:16:30", refl(R::MarkForProtocol { index: 1, protocol: true }));
    day.run("12:17", refl(R::Show(Some(1))));
    day.run("12:17:30", refl(R::Show(None)));
    day.run("12:18", takeaway("Doppelt notiert", Some("p05"), false));
    day.run("12:18:30", Command::Undo);
    day.run("12:20", Command::NextBlock);

    // The exchange: two fixed rounds of two groups.
    day.run(
        "12:21",
        exch(X::Propose {
            groups: groups(&[&["p01", "p02", "p05", "p06"], &["p03", "p04", "p07", "p08"]]),
            seed: 1,
        }),
    );
    day.run("12:21:30", exch(X::Swap { a: "p02".into(), b: "p03".into() }));
    day.run("12:22", exch(X::Fix));
    day.run("12:22:30", Command::Undo); // p06 wants to join the other group
    day.run("12:23", exch(X::Place { participant: "p06".into(), group: 1 }));
    day.run("12:23:30", exch(X::Fix));
    day.run("12:33", exch(X::Show(true)));
    day.run(
        "12:34",
        exch(X::Propose {
            groups: groups(&[&["p01", "p02", "p07", "p08"], &["p03", "p04", "p05", "p06"]]),
            seed: 2,
        }),
    );
    day.run("12:34:30", exch(X::Fix));
    day.run("12:45", Command::NextBlock); // the last block: the station is finished
    day.run(
        "12:46",
        add_note("PRIVATE-NOTE-BERLIN-2: Frau Dr. Hohlfeld vor Köln wegen ihres Falls anrufen."),
    );
    day.events
}

/// The online station, running: the check-in's Blitzlicht round with a
/// pause, a pass and a step back; the impulse shortened, its end undone and
/// stepped back to; the discussion current; re-planning of what is upcoming;
/// the console restarted (its last events only in the journal).
fn online(journey: &Journey) -> Vec<Envelope> {
    use discussion::Command as D;
    use reflection::Command as R;
    let mut day = Recorder::new(journey, "online", "2022-11-16", "+01:00", 2);
    day.run("13:50", add_note("PRIVATE-NOTE-ONLINE-1: Technikcheck in Ordnung, Herr Sellmann kommt später."));
    day.run("13:55", presence("p06", Presence::Absent));
    day.run("14:00", Command::StartPause);
    day.run("14:01", Command::Reanchor); // on time: the anchor stays 14:00
    // The check-in round, alphabetical: Albers, Brockmann, Hohlfeld,
    // Kowalczyk, Pietsch, Reimers, Theissen (Sellmann is not here yet).
    day.run("14:01:30", next_turn()); // p01
    day.run("14:02:15", next_turn()); // p02
    day.run("14:03:00", next_turn()); // p03
    day.run("14:03:30", refl(R::Back)); // p02 had not finished
    day.run("14:03:40", next_turn()); // p03
    day.run("14:04:40", next_turn()); // p05
    day.run("14:05", Command::StartPause); // p05's sound fails for a minute
    day.run("14:06", Command::StartPause);
    day.run("14:06:25", next_turn()); // p08
    day.run("14:07:10", next_turn()); // p04
    day.run("14:07:20", refl(R::Pass));
    day.run("14:08:05", next_turn()); // p04 asked again
    day.run("14:08:35", next_turn()); // the round is complete
    day.run("14:10", presence("p06", Presence::Present));
    day.run("14:12", Command::NextBlock);
    day.run("14:20", Command::AdjustTime { block: "impuls-online".into(), minutes: -5 });
    day.run("14:22", Command::NextBlock);
    day.run("14:23", Command::Undo); // the speaker had one more slide
    day.run("14:25", Command::NextBlock);
    day.run("14:26", Command::PreviousBlock); // a question for the speaker
    day.run("14:28", Command::NextBlock);
    // The discussion, current when the log ends.
    day.run("14:29:00", raise("p08", Hand::Normal));
    day.run("14:29:10", raise("p02", Hand::Normal));
    day.run("14:29:20", raise("p04", Hand::Normal));
    day.run("14:30", call_next()); // p08
    day.run("14:32", call_next()); // p02
    day.run(
        "14:33",
        add_note("PRIVATE-NOTE-ONLINE-2: Herr Brockmann wirkt angespannt, in der Pause ansprechen."),
    );
    day.run("14:34", call_next()); // p04
    day.run(
        "14:35",
        capture(Capture::Action {
            text: "Hospitation im BSI abstimmen".into(),
            owner: Some("Geschäftsstelle".into()),
            due: None,
        }),
    );
    day.run("14:36", disc(D::NextQuestion(true)));
    day.run("14:38", disc(D::EndTurn));
    day.run("14:38:30", Command::AdjustTime { block: "breakout".into(), minutes: -5 });
    day.run(
        "14:39",
        Command::InsertBreak { after: Some("breakout".into()), minutes: 5, title: "Bewegungspause".into() },
    );
    day.run("14:39:30", Command::Undo);
    // The laptop restarted: the console opened the station again.
    day.run("14:41", Command::Resume);
    day.run("14:42:00", raise("p01", Hand::Normal));
    day.run("14:42:30", raise("p05", Hand::Normal));
    day.events
}

/// How many of the online station's events are only in its journal: those
/// since the restart (opening the station again checkpointed the ones before
/// into the JSON log); the journal holds every event.
const ONLINE_JOURNAL_ONLY: usize = 3;

/// One journal line, as the store appends it.
fn journal_line(envelope: &Envelope) -> String {
    format!("{}\n", serde_json::to_string(envelope).unwrap())
}

/// A station's JSON log with `events`, written by the store to a scratch
/// directory and read back as bytes.
fn snapshot_bytes(journey: &Journey, id: &str, events: &[Envelope]) -> Vec<u8> {
    let mut log = StationLog::new(journey, station(journey, id));
    log.events = events.to_vec();
    log.refresh_summary();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join(format!("{id}.json"));
    write_snapshot(&path, &log).unwrap();
    fs::read(&path).unwrap()
}

/// Every file of `logs/`, by name, as the generator writes it.
fn generate() -> Vec<(&'static str, Vec<u8>)> {
    let journey = journey();
    let berlin = berlin(&journey);
    let online = online(&journey);
    let checkpointed = online.len() - ONLINE_JOURNAL_ONLY;
    let journal: String = online.iter().map(journal_line).collect();
    vec![
        ("berlin.json", snapshot_bytes(&journey, "berlin", &berlin)),
        ("online.json", snapshot_bytes(&journey, "online", &online[..checkpointed])),
        ("online.journal.jsonl", journal.into_bytes()),
    ]
}

/// With `MODERATO_BLESS=1` the generator writes the fixture's logs again
/// instead (as `INSTA_UPDATE` does for snapshots): review the diff, then commit.
#[test]
fn the_committed_logs_are_what_the_generator_writes() {
    let logs = fixture_dir().join("logs");
    let generated = generate();
    if std::env::var_os("MODERATO_BLESS").is_some() {
        fs::create_dir_all(&logs).unwrap();
        for (name, bytes) in &generated {
            fs::write(logs.join(name), bytes).unwrap();
        }
        return;
    }
    let mut names: Vec<String> = fs::read_dir(&logs)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut expected: Vec<&str> = generated.iter().map(|(name, _)| *name).collect();
    expected.sort_unstable();
    assert_eq!(names, expected, "the files in {FIXTURE}/logs");
    for (name, bytes) in generated {
        let committed = fs::read(logs.join(name)).unwrap();
        assert!(
            committed == bytes,
            "{FIXTURE}/logs/{name} differs from what the generator writes: \
             run `MODERATO_BLESS=1 cargo test --test fixture_journey` and review the diff"
        );
    }
}

fn logs_dir() -> PathBuf {
    fixture_dir().join("logs")
}

/// A station's log as the store reads it (JSON log and journal merged).
fn read(station: &str) -> StationLog {
    let (log, notices) = read_log(&logs_dir(), station).unwrap().unwrap();
    assert!(notices.is_empty(), "reading {station}: {notices:?}");
    log
}

fn replay(log: &StationLog) -> Session {
    Session::replay(&log.plan, &log.cohort, &log.events)
}

/// Every way `log` breaks the station log's schema, one line each.
fn schema_errors(log: &Value) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/schema/station-log.schema.json");
    let schema: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    let validator = jsonschema::draft202012::options().should_validate_formats(true).build(&schema).unwrap();
    validator.iter_errors(log).map(|err| format!("at '{}': {err}", err.instance_path())).collect()
}

#[test]
fn every_log_is_valid_against_the_schema() {
    let logs = logs_dir();
    for file in ["berlin.json", "online.json"] {
        let json: Value = serde_json::from_slice(&fs::read(logs.join(file)).unwrap()).unwrap();
        assert_eq!(schema_errors(&json), Vec::<String>::new(), "{file}");
    }
    // The running station as a reader sees it: the journal's newer events merged in.
    let merged = serde_json::to_value(read("online")).unwrap();
    assert_eq!(schema_errors(&merged), Vec::<String>::new(), "online, JSON log and journal merged");
}

#[test]
fn the_logs_read_back_through_the_store_without_notices() {
    let berlin = read("berlin");
    assert_eq!(berlin.events.len(), 133);
    assert!(!logs_dir().join("berlin.journal.jsonl").exists(), "Berlin's journal was archived");

    let snapshot = read_snapshot(&logs_dir().join("online.json")).unwrap().unwrap();
    let online = read("online");
    assert_eq!(snapshot.events.len(), 50);
    assert_eq!(online.events.len(), 50 + ONLINE_JOURNAL_ONLY, "the journal's newer events are merged in");
    assert_eq!(online.events[..50], snapshot.events[..]);
    assert!(matches!(online.events[50].event, Event::StationResumed));
    assert_eq!(online.summary.events, 53, "the summary is refreshed after the merge");

    assert!(read_log(&logs_dir(), "koeln").unwrap().is_none(), "Köln has not started: no log");
}

#[test]
fn berlin_is_finished_online_running_and_koeln_not_started() {
    let journey = journey();
    assert_eq!(
        journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["berlin", "online", "koeln"]
    );

    let berlin = replay(&read("berlin"));
    assert!(berlin.is_finished());
    assert_eq!(berlin.anchor.map(|anchor| anchor.mode), Some(AnchorMode::Planned));
    let states: Vec<(&str, BlockState)> =
        berlin.agenda.iter().map(|item| (item.block.id.as_str(), item.state)).collect();
    assert_eq!(
        states,
        [
            ("ankommen", BlockState::Done),
            ("impuls", BlockState::Done),
            ("diskussion", BlockState::Done),
            ("kaffee", BlockState::Done),
            ("fallberatung", BlockState::Done),
            ("pause-1", BlockState::Done),
            ("besuch", BlockState::Done),
            ("reflexion", BlockState::Done),
            ("vernetzung", BlockState::Done),
            ("abschluss", BlockState::Skipped),
        ]
    );

    let online = replay(&read("online"));
    assert!(online.is_started() && !online.is_finished());
    assert_eq!(online.current().map(|item| item.block.id.as_str()), Some("diskussion-online"));
    let states: Vec<BlockState> = online.agenda.iter().map(|item| item.state).collect();
    assert_eq!(
        states,
        [
            BlockState::Done,
            BlockState::Done,
            BlockState::Current,
            BlockState::Upcoming,
            BlockState::Upcoming,
            BlockState::Upcoming,
            BlockState::Upcoming,
        ]
    );
}

#[test]
fn replaying_the_logs_gives_the_state_the_generator_recorded() {
    let journey = journey();
    for (id, events) in [("berlin", berlin(&journey)), ("online", online(&journey))] {
        let log = read(id);
        assert_eq!(log.events, events, "{id}");
        let mut live = Session::new(station(&journey, id), &journey.participants);
        for envelope in &events {
            live.apply(envelope);
        }
        assert_eq!(replay(&log), live, "{id}");
    }
}

/// The finer cases the fixture must show beside every event variant: each
/// scene, presence, hand, capture, role and case field, a guest, notes with
/// and without a block, takeaways of each sort. The matches are exhaustive,
/// so a new scene, hand or role does not compile until it is named here.
fn fine_cases(event: &Event, cases: &mut BTreeSet<&'static str>) {
    if let Event::SceneChanged { scene } = event {
        cases.insert(match scene {
            Scene::Auto => "scene/auto",
            Scene::Agenda => "scene/agenda",
            Scene::Message { .. } => "scene/message",
            Scene::Blank => "scene/blank",
            Scene::TalkTime => "scene/talk_time",
        });
    }
    if let Event::AttendanceChanged { presence, .. } = event {
        cases.insert(match presence {
            Presence::Present => "presence/present",
            Presence::Absent => "presence/absent",
        });
    }
    if let Event::StationStarted { anchor } | Event::ScheduleAnchored { anchor } = event {
        cases.insert(match anchor.mode {
            AnchorMode::Planned => "anchor/planned",
            // A rehearsal's shift is the schema tests' business; the fixture runs on its dates.
            AnchorMode::Shifted => "anchor/shifted",
        });
    }
    if let Event::NoteAdded { block, text } = event {
        assert!(text.starts_with("PRIVATE-NOTE-"), "{text}");
        cases.insert(if block.is_some() { "note/with_block" } else { "note/without_block" });
    }
    let Event::Method(method) = event else { return };
    match method {
        MethodEvent::Discussion { change, .. } => {
            let speaker_and_hand = match change {
                discussion::Change::HandRaised { speaker, hand }
                | discussion::Change::TurnStarted { speaker, hand } => Some((speaker, hand)),
                discussion::Change::Captured { capture } => {
                    cases.insert(match capture {
                        Capture::Parked { .. } => "capture/parked",
                        Capture::Decision { .. } => "capture/decision",
                        Capture::Action { owner: Some(_), due: Some(_), .. } => "capture/action/owner_due",
                        Capture::Action { .. } => "capture/action",
                    });
                    None
                }
                discussion::Change::HandWithdrawn { .. }
                | discussion::Change::HandMoved { .. }
                | discussion::Change::TurnEnded
                | discussion::Change::QueuePolicyChanged { .. }
                | discussion::Change::QuestionShown { .. }
                | discussion::Change::Retracted { .. } => None,
            };
            if let Some((speaker, hand)) = speaker_and_hand {
                cases.insert(match hand {
                    Hand::Normal => "hand/normal",
                    Hand::Reply => "hand/reply",
                    Hand::PointOfOrder => "hand/point_of_order",
                });
                if let Speaker::Guest(_) = speaker {
                    cases.insert("guest");
                }
            }
        }
        MethodEvent::Consultation { change, .. } => match change {
            consultation::Change::Cast { role, participant, .. } => {
                cases.insert(match role {
                    Role::CaseGiver => "role/case_giver",
                    Role::Moderator => "role/moderator",
                    Role::Secretary => "role/secretary",
                    Role::Observer => "role/observer",
                });
                if participant.is_none() {
                    cases.insert("role/cleared");
                }
            }
            consultation::Change::CaseNoted { field, text, .. } => {
                assert!(text.starts_with("CONFIDENTIAL-"), "{text}");
                cases.insert(match field {
                    CaseField::Title => "case/title",
                    CaseField::Description => "case/description",
                    CaseField::Closing => "case/closing",
                });
            }
            consultation::Change::IdeaAdded { text, giver, .. } => {
                assert!(text.starts_with("CONFIDENTIAL-"), "{text}");
                cases.insert(if giver.is_some() { "case/idea_with_giver" } else { "case/idea" });
            }
            consultation::Change::MemberMoved { .. }
            | consultation::Change::PhaseShown { .. }
            | consultation::Change::PhaseAdjusted { .. }
            | consultation::Change::KeyQuestionSet { .. }
            | consultation::Change::MethodChosen { .. }
            | consultation::Change::IdeaRetracted { .. }
            | consultation::Change::KeyQuestionReleased { .. } => {}
        },
        MethodEvent::Reflection { change, .. } => match change {
            reflection::Change::Noted { takeaway } => {
                cases.insert(match (&takeaway.owner, takeaway.commitment) {
                    (Some(_), true) => "takeaway/commitment",
                    (Some(_), false) => "takeaway/attributed",
                    (None, _) => "takeaway/anonymous",
                });
            }
            reflection::Change::Marked { protocol: true, .. } => {
                cases.insert("takeaway/marked_for_protocol");
            }
            reflection::Change::Marked { protocol: false, .. }
            | reflection::Change::PhaseShown { .. }
            | reflection::Change::RoundOrdered { .. }
            | reflection::Change::RoundCleared
            | reflection::Change::TurnStarted { .. }
            | reflection::Change::Passed
            | reflection::Change::TurnEnded
            | reflection::Change::TurnWithdrawn
            | reflection::Change::TurnReopened
            | reflection::Change::Retracted { .. }
            | reflection::Change::Shown { .. } => {}
        },
        MethodEvent::Exchange { .. } => {}
    }
}

/// Every fine case, but a rehearsal's shifted anchor and an anonymous idea.
const FINE_CASES: [&str; 31] = [
    "anchor/planned",
    "capture/action",
    "capture/action/owner_due",
    "capture/decision",
    "capture/parked",
    "case/closing",
    "case/description",
    "case/idea_with_giver",
    "case/title",
    "guest",
    "hand/normal",
    "hand/point_of_order",
    "hand/reply",
    "note/with_block",
    "note/without_block",
    "presence/absent",
    "presence/present",
    "role/case_giver",
    "role/cleared",
    "role/moderator",
    "role/observer",
    "role/secretary",
    "scene/agenda",
    "scene/auto",
    "scene/blank",
    "scene/message",
    "scene/talk_time",
    "takeaway/anonymous",
    "takeaway/attributed",
    "takeaway/commitment",
    "takeaway/marked_for_protocol",
];

#[test]
fn the_logs_together_use_every_kind_of_event() {
    let (berlin, online) = (read("berlin"), read("online"));
    let events = || berlin.events.iter().chain(&online.events).map(|envelope| &envelope.event);
    let variants: BTreeSet<&str> = events().map(common::variant).collect();
    assert_eq!(
        variants.len(),
        common::EVENT_VARIANTS,
        "a new event variant must be recorded in the fixture too (the generator in this file); used: {variants:?}"
    );
    let mut cases = BTreeSet::new();
    events().for_each(|event| fine_cases(event, &mut cases));
    assert_eq!(cases, BTreeSet::from(FINE_CASES));
}

#[test]
fn every_private_and_confidential_text_is_in_the_logs_and_marked() {
    let (berlin, online) = (read("berlin"), read("online"));
    let mut found = BTreeSet::new();
    for envelope in berlin.events.iter().chain(&online.events) {
        let event = &envelope.event;
        if let Event::NoteAdded { text, .. }
        | Event::Method(MethodEvent::Consultation {
            change:
                consultation::Change::CaseNoted { text, .. } | consultation::Change::IdeaAdded { text, .. },
            ..
        }) = event
        {
            found.insert(text.as_str());
        }
        // Nothing else carries the markers: a capture is not secret. A key
        // question is marked confidential until released, without a marker text.
        let key_question = matches!(
            event,
            Event::Method(MethodEvent::Consultation {
                change: consultation::Change::KeyQuestionSet { .. },
                ..
            })
        );
        let secret = matches!(event, Event::NoteAdded { .. })
            || matches!(event, Event::Method(method) if method.is_confidential() && !key_question);
        let json = serde_json::to_string(event).unwrap();
        assert_eq!(secret, json.contains("PRIVATE-NOTE-") || json.contains("CONFIDENTIAL-"), "{json}");
        if key_question {
            assert!(json.contains(r#""confidential":true"#), "an unreleased key question is marked: {json}");
        }
    }
    assert_eq!(found, BTreeSet::from(common::FIXTURE_SECRETS));
}
