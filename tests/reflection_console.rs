//! A reflection through the console's keys: one soft bell when a phase's
//! time is up (none with `--quiet`), a commitment written for the speaker, a
//! takeaway shown on the wall on purpose, and no editor in mirror mode.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use chrono::{DateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::Console;
use moderato::core::Timestamp;
use moderato::core::method::MethodRoom;
use moderato::core::room::RoomScene;
use moderato::core::room::RoomView;
use moderato::i18n::Lang;
use moderato::plan::{self, Journey};
use moderato::store::StationStore;

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn at(seconds: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2023-01-17T14:00:00+01:00").unwrap() + TimeDelta::seconds(seconds)
}

/// The online station, whose first block is a check-in with a ten-minute round.
fn open(journey: &Journey, logs: &Path, quiet: bool) -> Console {
    let station = journey.station("online-reflexion").unwrap().clone();
    let (store, recovery) = StationStore::open(logs, journey, &station).unwrap();
    Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), Lang::De, quiet)
}

fn press(console: &mut Console, keys: &[KeyCode], second: i64) {
    for code in keys {
        console.key(KeyEvent::new(*code, KeyModifiers::NONE), at(second));
    }
}

fn typed(text: &str) -> Vec<KeyCode> {
    text.chars().map(KeyCode::Char).collect()
}

/// Whether the bell rings at `second` (after the loop's tick).
fn rings(console: &mut Console, second: i64) -> bool {
    console.tick(at(second));
    console.take_bell()
}

#[test]
fn a_phase_ends_with_one_soft_bell_and_none_when_quiet() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, temp.path(), false);
    press(&mut console, &[KeyCode::Char(' ')], 0);
    assert!(!rings(&mut console, 599), "the round's ten minutes are not up");
    assert!(rings(&mut console, 600), "the phase's end rings");
    assert!(!rings(&mut console, 601), "once");
    assert!(!rings(&mut console, 900));
    assert!(rings(&mut console, 1201), "the block's own end rings too, once");
    assert!(!rings(&mut console, 1260));

    let temp = tempfile::tempdir().unwrap();
    let mut quiet = open(&journey, temp.path(), true);
    press(&mut quiet, &[KeyCode::Char(' ')], 0);
    assert!(!(600..=1201).step_by(60).chain([600, 1200]).any(|second| rings(&mut quiet, second)));
}

fn shown_takeaway(room: &RoomView) -> Option<String> {
    match &room.scene {
        RoomScene::Block(block) => match &block.method {
            Some(MethodRoom::Reflection(reflection)) => reflection.takeaway.clone(),
            Some(_) | None => None,
        },
        _ => None,
    }
}

#[test]
fn a_commitment_is_the_speakers_and_a_takeaway_reaches_the_wall_only_when_shown() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, temp.path(), true);
    press(&mut console, &[KeyCode::Char(' '), KeyCode::Enter], 0);
    let speaker = {
        let item = console.session().current().unwrap();
        item.method.reflection().unwrap().speaking().unwrap().participant.clone()
    };
    press(&mut console, &[KeyCode::Char('W')], 10);
    press(&mut console, &typed("Bis Köln ein Pilot"), 11);
    press(&mut console, &[KeyCode::Enter], 12);
    press(&mut console, &[KeyCode::Char('w')], 13);
    press(&mut console, &typed("Mut zur Lücke"), 14);
    press(&mut console, &[KeyCode::Enter], 15);
    let reflection = console.session().current().unwrap().method.reflection().unwrap().clone();
    let noted: Vec<_> = reflection.noted().map(|(_, taken)| taken.takeaway.clone()).collect();
    assert_eq!(noted.len(), 2);
    assert_eq!((noted[0].owner.as_deref(), noted[0].commitment), (Some(speaker.as_str()), true));
    assert_eq!((noted[1].owner.as_deref(), noted[1].commitment), (None, false));

    // Mirror mode: the room's screen; the wall shows no takeaway until one is shown.
    press(&mut console, &[KeyCode::Char('p')], 16);
    assert_eq!(console.room(at(16)).as_ref().and_then(shown_takeaway), None);
    // No editor is typed on the room's screen.
    press(&mut console, &[KeyCode::Char('w')], 17);
    press(&mut console, &typed("geheim"), 18);
    assert_eq!(console.session().current().unwrap().method.reflection().unwrap().noted().count(), 2);
    // Tab to the takeaways (the cursor on the last), up to the first, `v` shows it.
    press(&mut console, &[KeyCode::Tab, KeyCode::Up, KeyCode::Char('v')], 19);
    assert_eq!(console.room(at(20)).as_ref().and_then(shown_takeaway).as_deref(), Some("Bis Köln ein Pilot"));
    press(&mut console, &[KeyCode::Char('v')], 21);
    assert_eq!(console.room(at(22)).as_ref().and_then(shown_takeaway), None, "`v` again hides it");
}
