//! The projection follower reads what the console writes: after every event
//! its state is the console's, and no private word ever reaches its screen.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use chrono::{DateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::{Console, Follower};
use moderato::core::Timestamp;
use moderato::core::command::Command;
use moderato::core::event::Scene;
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::{self, Journey};
use moderato::store::StationStore;
use moderato::ui::{ProjectionView, Theme, ThemeName, draw_projection};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn at(minutes: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::minutes(minutes)
}

fn the_day(journey: &Journey) -> Vec<Command> {
    let fifth = journey.stations[0].blocks[4].id.clone();
    vec![
        Command::StartPause,
        Command::AddNote { text: "vertraulich: Pilot im BVA wackelt".into() },
        Command::AdjustTime { block: "begruessung".into(), minutes: 5 },
        Command::StartPause,
        Command::StartPause,
        Command::NextBlock,
        Command::SetScene(Scene::Agenda),
        Command::InsertBreak { after: None, minutes: 10, title: "Kurze Pause".into() },
        Command::SetScene(Scene::Message { text: "Weiter um 10:30".into() }),
        Command::NextBlock,
        Command::SetScene(Scene::Blank),
        Command::Skip { block: fifth },
        Command::SetScene(Scene::Auto),
        Command::NextBlock,
        Command::PreviousBlock,
        Command::Reanchor,
    ]
}

#[test]
fn the_follower_agrees_with_the_writer_after_every_event() {
    let journey = demo();
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let mut follower = Follower::new(&logs, &station.id, Lang::De);
    follower.refresh();
    assert!(follower.session().is_none(), "no log yet: the follower waits");

    let (mut store, _) = StationStore::open(&logs, &journey, &station).unwrap();
    let mut live = Session::new(&station, &journey.participants);
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));
    for (minute, command) in (0..).zip(the_day(&journey)) {
        let events = live.decide(&command, at(minute)).unwrap();
        for event in events {
            let envelope = store.append(at(minute), event).unwrap().clone();
            live.apply(&envelope);
            follower.refresh();
            assert_eq!(follower.session(), Some(&live), "after event {}", envelope.seq);
            assert_eq!(follower.warning(), None);
        }
    }
    // The console closes and reopens: the follower keeps following.
    drop(store);
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));
    let (mut store, _) = StationStore::open(&logs, &journey, &station).unwrap();
    let envelope = store.append(at(30), moderato::core::event::Event::StationResumed).unwrap().clone();
    live.apply(&envelope);
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));
}

#[test]
fn unreadable_data_keeps_the_last_good_state_with_a_warning() {
    let journey = demo();
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let (mut store, _) = StationStore::open(&logs, &journey, &station).unwrap();
    let mut live = Session::new(&station, &journey.participants);
    for event in live.decide(&Command::StartPause, at(0)).unwrap() {
        let envelope = store.append(at(0), event).unwrap().clone();
        live.apply(&envelope);
    }
    let mut follower = Follower::new(&logs, &station.id, Lang::De);
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));

    // A half-written line at the end is just not there yet: no warning.
    let journal = store.paths().journal.clone();
    let good = std::fs::read(&journal).unwrap();
    let mut torn = good.clone();
    torn.extend_from_slice(b"{\"id\":\"5");
    std::fs::write(&journal, &torn).unwrap();
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));

    // Damage in the middle: the last good state stays, with a small warning.
    let mut damaged = good.clone();
    damaged[3] = b'#';
    std::fs::write(&journal, &damaged).unwrap();
    follower.refresh();
    assert_eq!(follower.session(), Some(&live));
    let notice = follower.warning().unwrap();
    assert!(!notice.contains("jsonl") && !notice.contains('/'), "the room sees no path: {notice}");
    // The follower only reads: the damaged file is as it was.
    assert_eq!(std::fs::read(&journal).unwrap(), damaged);
}

fn projection_text(follower: &Follower, journey: &Journey, now: Timestamp, size: (u16, u16)) -> String {
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let room = follower.room(&journey.stations[0], now);
    let view = ProjectionView {
        room: &room,
        warning: follower.warning(),
        hint: None,
        lang: Lang::De,
        theme: &theme,
    };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..size.1)
        .map(|y| (0..size.0).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Everything the console typed privately, and facilitator-only wording.
const NEVER_PROJECTED: [&str; 7] = [
    "vertraulich",
    "Pilot im BVA",
    // The demo plan's private notes on its blocks.
    "Video lokal",
    "Beamer vorher",
    // Drift is facilitator information.
    "hinter dem Plan",
    "vor dem Plan",
    "Notiz",
];

#[test]
fn notes_and_drift_never_reach_the_projection() {
    let journey = demo();
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let (store, recovery) = StationStore::open(&logs, &journey, &station).unwrap();
    let mut console =
        Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), Lang::De, true);
    let mut follower = Follower::new(&logs, &station.id, Lang::De);
    let key = |c: char| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let press = |console: &mut Console, keys: &str, minute: i64| {
        for c in keys.chars() {
            let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
            console.key(KeyEvent::new(code, KeyModifiers::NONE), at(minute));
        }
    };
    let mut screens = Vec::new();
    let mut look = |follower: &mut Follower, minute: i64| {
        follower.refresh();
        for size in [(80, 24), (200, 55)] {
            screens.push(projection_text(follower, &journey, at(minute), size));
        }
    };
    look(&mut follower, 0);
    press(&mut console, " ", 1);
    press(&mut console, "overtraulich: Pilot im BVA wackelt\n", 2);
    look(&mut follower, 3);
    // Late: the agenda drifts.
    press(&mut console, "n", 40);
    look(&mut follower, 41);
    for (scene, minute) in [('2', 42), ('4', 43), ('1', 44)] {
        press(&mut console, &scene.to_string(), minute);
        look(&mut follower, minute);
    }
    press(&mut console, "3Gleich geht es weiter\n", 45);
    look(&mut follower, 45);
    let message = Scene::Message { text: "Gleich geht es weiter".into() };
    assert_eq!(follower.session().map(|session| &session.scene), Some(&message), "the message was projected");
    // In mirror mode the console's own terminal shows the projection.
    console.key(key('p'), at(46));
    let theme = Theme::new(ThemeName::Dark, false);
    let room = console.room(at(46)).unwrap();
    let mirrored = console.projection_view(&room, &theme);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| draw_projection(frame, &mirrored)).unwrap();
    screens.push(terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect());
    // A note cannot be typed on the mirrored screen.
    console.key(key('o'), at(47));
    console.key(key('x'), at(47));
    assert!(console.session().notes.len() == 1, "no second note from the mirrored screen");

    assert!(screens.iter().any(|screen| screen.contains("Agenda")), "the agenda was projected");
    for screen in &screens {
        for private in NEVER_PROJECTED {
            assert!(!screen.contains(private), "{private:?} on the projection:\n{screen}");
        }
    }
}

fn open_console(journey: &Journey, logs: &Path) -> Console {
    let station = journey.stations[0].clone();
    let (store, recovery) = StationStore::open(logs, journey, &station).unwrap();
    Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), Lang::De, true)
}

fn press(console: &mut Console, keys: &str, minute: i64) {
    for c in keys.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        console.key(KeyEvent::new(code, KeyModifiers::NONE), at(minute));
    }
}

fn mirrored_text(console: &Console, minute: i64) -> String {
    let theme = Theme::new(ThemeName::Dark, false);
    let room = console.room(at(minute)).unwrap();
    let keys = console.keys();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| {
            draw_projection(frame, &console.projection_view(&room, &theme));
            moderato::ui::draw_overlay(frame, &console.view(at(minute), &keys, &theme));
        })
        .unwrap();
    terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect()
}

#[test]
fn nothing_typed_for_the_record_appears_on_a_mirrored_screen() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open_console(&journey, &temp.path().join("logs"));
    // Into the discussion, then mirror the projection on this terminal.
    press(&mut console, " nnnnn", 1);
    assert!(console.session().current_discussion().is_some());
    press(&mut console, "p", 2);
    for capture in ["F", "B", "A"] {
        press(&mut console, capture, 3);
        let keys = console.keys();
        let theme = Theme::new(ThemeName::Dark, false);
        let view = console.view(at(3), &keys, &theme);
        assert_eq!(
            view.overlay,
            moderato::ui::Overlay::None,
            "no editor opens on the room's screen ({capture})"
        );
        let screen = mirrored_text(&console, 3);
        // The refusal is the facilitator's business: the room's screen shows only the way back.
        assert!(!screen.contains("erst p drücken"), "a refusal on the room's screen:\n{screen}");
        assert!(screen.contains("p: Konsole"), "the way back is in a corner:\n{screen}");
    }
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert!(discussion.captures.is_empty(), "nothing was captured from the mirrored screen");
    // Back in the console, the same keys open the editor.
    press(&mut console, "pBBeschluss im Konsolenfenster\n", 4);
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert_eq!(discussion.captures.len(), 1);
}

#[test]
fn the_speaker_picker_lists_and_takes_the_same_people() {
    // The plan gained a participant after the station's log began: the log's
    // cohort is the one the picker shows and the one Enter takes from.
    let mut journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    drop(open_console(&journey, &logs));
    let mut late = journey.participants[0].clone();
    late.id = "p00".into();
    late.name = "Aaron Abel".into();
    late.short = Some("AA".into());
    journey.participants.insert(0, late);
    let mut console = open_console(&journey, &logs);
    press(&mut console, " nnnnn", 1);
    // The first match for "a" in the log's cohort, not the plan's newcomer.
    press(&mut console, "a", 2);
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| moderato::ui::draw_console(frame, &console.view(at(2), &keys, &theme))).unwrap();
    let screen: String = terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect();
    assert!(!screen.contains("Aaron Abel"), "the picker lists the log's cohort only");
    press(&mut console, "\n", 2);
    let (_, discussion) = console.session().current_discussion().unwrap();
    let first = &console.session().cohort[0];
    assert_eq!(
        discussion.raised.first().and_then(|raised| raised.speaker.participant()),
        Some(first.id.as_str())
    );
}

#[test]
fn someone_marked_absent_cannot_be_picked() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open_console(&journey, &temp.path().join("logs"));
    // The cohort overlay: mark the first participant absent.
    press(&mut console, "c ", 1);
    console.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(1));
    let first = console.session().cohort[0].id.clone();
    assert!(console.session().absent.contains(&first));
    press(&mut console, " nnnnn", 2);
    press(&mut console, "a\n", 3);
    let (_, discussion) = console.session().current_discussion().unwrap();
    let raised =
        discussion.raised.first().and_then(|raised| raised.speaker.participant().map(str::to_string));
    assert_eq!(
        raised.as_deref(),
        Some(console.session().cohort[1].id.as_str()),
        "Enter took the first one present"
    );
    // Typing the absent one's name says why nobody is offered.
    press(&mut console, "a", 4);
    let surname = console.session().cohort[0].name.split_whitespace().last().unwrap().to_string();
    press(&mut console, &surname, 4);
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| moderato::ui::draw_console(frame, &console.view(at(4), &keys, &theme))).unwrap();
    let screen: String = terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect();
    assert!(screen.contains("nicht da"), "{screen}");
}

#[test]
fn a_mirrored_screen_speaks_the_rooms_language_and_the_black_scene_keeps_a_way_back() {
    // An English-speaking facilitator with a German journey: the room reads German.
    let journey = demo();
    assert_eq!(journey.language, Lang::De);
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let (store, recovery) = StationStore::open(&temp.path().join("logs"), &journey, &station).unwrap();
    let mut console =
        Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), Lang::En, true);
    press(&mut console, "p", 1);
    let screen = mirrored_text(&console, 1);
    assert!(screen.contains("Gleich geht es los"), "{screen}");
    assert!(!screen.contains("begin shortly"), "{screen}");
    assert!(screen.contains("p: console"), "the hint is the facilitator's, in their language:\n{screen}");
    // The black scene: nothing for the room but a dim hint in the corner.
    press(&mut console, "p4p", 2);
    let theme = Theme::new(ThemeName::Dark, false);
    let room = console.room(at(2)).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| draw_projection(frame, &console.projection_view(&room, &theme))).unwrap();
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    assert_eq!(text.trim(), "p: console");
    assert!(buffer.content.iter().all(|cell| cell.bg == Color::Black));
    assert!(buffer.content.iter().all(|cell| cell.fg == Color::Reset || cell.fg == Color::DarkGray));
}

/// A log of the day's first `count` events in `logs`, written as the console writes it.
fn write_day(journey: &Journey, logs: &Path, count: usize) -> (StationStore, Session) {
    let station = journey.stations[0].clone();
    let (mut store, _) = StationStore::open(logs, journey, &station).unwrap();
    let mut live = Session::new(&station, &journey.participants);
    let mut written = 0;
    for (minute, command) in (0..).zip(the_day(journey)) {
        for event in live.decide(&command, at(minute)).unwrap() {
            if written == count {
                return (store, live);
            }
            let envelope = store.append(at(minute), event).unwrap().clone();
            live.apply(&envelope);
            written += 1;
        }
    }
    (store, live)
}

#[test]
fn the_follower_reads_only_what_was_appended_and_rereads_a_shrunk_or_replaced_journal() {
    let journey = demo();
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let (mut store, mut live) = write_day(&journey, &logs, 1);
    let mut follower = Follower::new(&logs, &station.id, Lang::De);
    follower.refresh();
    for minute in 100..140 {
        let envelope =
            store.append(at(minute), moderato::core::event::Event::StationResumed).unwrap().clone();
        live.apply(&envelope);
        follower.refresh();
        assert_eq!(follower.session(), Some(&live), "after event {}", envelope.seq);
    }
    assert_eq!(follower.full_reads(), 1, "forty appends, one full read");
    let fresh = |logs: &Path| {
        let mut fresh = Follower::new(logs, &station.id, Lang::De);
        fresh.refresh();
        fresh.session().cloned()
    };

    // The journal cut short (a recovery dropped a torn tail): read whole.
    let journal = store.paths().journal.clone();
    let snapshot = store.paths().snapshot.clone();
    drop(store);
    let bytes = std::fs::read(&journal).unwrap();
    let cut = bytes[..bytes.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    std::fs::write(&journal, &bytes[..cut]).unwrap();
    follower.refresh();
    assert_eq!(follower.full_reads(), 2);
    assert_eq!(follower.session().cloned(), fresh(&logs));

    // Replaced by another log of the station, longer than the one followed: read whole.
    let other = tempfile::tempdir().unwrap();
    let (other_store, other_live) = write_day(&journey, &other.path().join("logs"), 60);
    std::fs::copy(&other_store.paths().snapshot, &snapshot).unwrap();
    std::fs::copy(&other_store.paths().journal, &journal).unwrap();
    follower.refresh();
    assert_eq!(follower.full_reads(), 3);
    assert_eq!(follower.session(), Some(&other_live));
}

#[test]
fn a_station_with_a_console_running_is_known_by_its_held_lock() {
    // `project` without --station offers the station whose console is running.
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let lock = moderato::store::LogPaths::new(&logs, &journey.stations[0].id).lock;
    assert!(!moderato::store::is_held(&lock), "no console yet");
    let console = open_console(&journey, &logs);
    assert!(moderato::store::is_held(&lock), "the console holds its station");
    drop(console);
    assert!(!moderato::store::is_held(&lock), "closed: nothing running");
    // A lock file left by a crash is not a running console.
    std::fs::write(&lock, "4242\n").unwrap();
    assert!(!moderato::store::is_held(&lock));
}
