//! A speaker who is not in the cohort: the speaker picker offers to queue the
//! typed name as a guest, the log records a guest (never a participant), and
//! nobody of the cohort is ever taken for one.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use chrono::{DateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::Console;
use moderato::core::Timestamp;
use moderato::core::discussion::Speaker;
use moderato::i18n::Lang;
use moderato::plan::{self, Journey};
use moderato::store::StationStore;
use moderato::ui::{Theme, ThemeName, draw_console};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn at(minutes: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::minutes(minutes)
}

fn open_console(journey: &Journey, logs: &Path, lang: Lang) -> Console {
    let station = journey.stations[0].clone();
    let (store, recovery) = StationStore::open(logs, journey, &station).unwrap();
    Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), lang, true)
}

fn press(console: &mut Console, keys: &str, minute: i64) {
    for c in keys.chars() {
        let code = if c == '\n' { KeyCode::Enter } else { KeyCode::Char(c) };
        console.key(KeyEvent::new(code, KeyModifiers::NONE), at(minute));
    }
}

fn screen(console: &Console, minute: i64) -> String {
    let theme = Theme::new(ThemeName::Dark, true);
    let keys = console.keys();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| draw_console(frame, &console.view(at(minute), &keys, &theme))).unwrap();
    let buffer = terminal.backend().buffer();
    (0..40).map(|y| (0..120).map(|x| buffer[(x, y)].symbol()).collect::<String>() + "\n").collect()
}

#[rstest]
#[case::german(
    Lang::De,
    "Niemand aus dem Jahrgang passt. Enter setzt als Gast auf die Redeliste:",
    "„Frau Dr. Gast“",
    "(Gast)"
)]
#[case::english(
    Lang::En,
    "Nobody in the cohort matches. Enter queues as a guest:",
    "“Frau Dr. Gast”",
    "(guest)"
)]
fn a_name_nobody_in_the_cohort_has_is_queued_as_a_guest(
    #[case] lang: Lang,
    #[case] offer: &str,
    #[case] quoted: &str,
    #[case] marked: &str,
) {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let mut console = open_console(&journey, &logs, lang);
    press(&mut console, " nnnnn", 1);
    assert!(console.session().current_discussion().is_some());
    press(&mut console, "aFrau Dr. Gast", 2);
    let picker = screen(&console, 2);
    assert!(picker.contains(offer), "{picker}");
    assert!(picker.contains(quoted), "{picker}");

    press(&mut console, "\n", 2);
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert_eq!(
        discussion.raised.first().map(|raised| &raised.speaker),
        Some(&Speaker::Guest("Frau Dr. Gast".into()))
    );
    let queued = screen(&console, 2);
    assert!(queued.contains(&format!("Frau Dr. Gast {marked}")), "{queued}");

    // The guest gets the floor: it is theirs, and no participant's talk time grows.
    press(&mut console, "\n", 3);
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert_eq!(
        discussion.speaking().map(|turn| &turn.speaker),
        Some(&Speaker::Guest("Frau Dr. Gast".into()))
    );
    assert!(discussion.talk_time(at(5)).is_empty());

    // The log says guest, never participant.
    let journal = std::fs::read_to_string(logs.join("muenchen.journal.jsonl")).unwrap();
    let guest_lines: Vec<&str> = journal.lines().filter(|line| line.contains("Frau Dr. Gast")).collect();
    assert_eq!(guest_lines.len(), 2, "{journal}");
    for line in guest_lines {
        assert!(line.contains("\"guest\":\"Frau Dr. Gast\""), "{line}");
        assert!(!line.contains("\"participant\""), "{line}");
    }
}

#[test]
fn someone_of_the_cohort_who_is_absent_is_not_offered_as_a_guest() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open_console(&journey, &temp.path().join("logs"), Lang::De);
    // The cohort overlay: mark the first participant absent.
    press(&mut console, "c ", 1);
    console.key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), at(1));
    let absent = console.session().cohort[0].name.clone();
    press(&mut console, " nnnnn", 1);
    press(&mut console, &format!("a{absent}"), 2);
    let picker = screen(&console, 2);
    assert!(!picker.contains("als Gast"), "{picker}");
    press(&mut console, "\n", 2);
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert!(discussion.raised.is_empty(), "nobody queued: {:?}", discussion.raised);
    assert!(screen(&console, 2).contains("Diese Person ist heute nicht da."));
}
