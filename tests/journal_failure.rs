//! A journal that cannot be written (here: a file-size limit, as on a full
//! disk) shows a red banner, leaves the event unrecorded and unapplied, and
//! records it once writing works again. Its own test binary, because the
//! file-size limit applies to the whole process.
#![allow(clippy::unwrap_used)]
// a test that cannot set up should fail loudly
// Sets a unix file-size limit (setrlimit), which has no Windows counterpart.
#![cfg(unix)]

use std::path::Path;

use chrono::{DateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::Console;
use moderato::core::Timestamp;
use moderato::core::session::BlockState;
use moderato::i18n::Lang;
use moderato::plan;
use moderato::store::{LogPaths, StationStore, read_journal};
use moderato::ui::{Theme, ThemeName, draw_console};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn at(seconds: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00+01:00").unwrap() + TimeDelta::seconds(seconds)
}

fn screen(console: &Console, now: Timestamp) -> String {
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let keys = console.keys();
    terminal.draw(|frame| draw_console(frame, &console.view(now, &keys, &theme))).unwrap();
    terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect()
}

/// A console on the demo's first station, with a fresh log in a temporary directory.
fn demo_console() -> (tempfile::TempDir, Console, LogPaths) {
    let journey = plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022"))
        .unwrap()
        .journey;
    let station = journey.stations[0].clone();
    let temp = tempfile::tempdir().unwrap();
    let (store, recovery) = StationStore::open(&temp.path().join("logs"), &journey, &station).unwrap();
    let paths = store.paths().clone();
    let console = Console::new(journey, station.title.clone(), store, &recovery, at(0), Lang::De, true);
    (temp, console, paths)
}

/// The file-size limit is the whole process's: the tests that set it take turns.
static FILE_LIMIT: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Limits the size of files this process writes; writes past it fail with EFBIG.
fn limit_file_size(bytes: Option<u64>) {
    let limit = bytes.unwrap_or(libc::RLIM_INFINITY);
    let rlimit = libc::rlimit { rlim_cur: limit, rlim_max: libc::RLIM_INFINITY };
    // SAFETY: plain libc calls with valid arguments; SIGXFSZ is ignored so a
    // write past the limit fails with EFBIG instead of ending the process.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit), 0);
    }
}

#[test]
fn an_unwritable_journal_is_shown_and_retried_without_losing_the_event() {
    let _turn = FILE_LIMIT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_temp, mut console, paths) = demo_console();
    let journal = paths.journal;
    let space = KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE);

    let recorded = read_journal(&journal).unwrap().events.len();
    limit_file_size(Some(std::fs::metadata(&journal).unwrap().len()));
    console.key(space, at(1));
    let shown = screen(&console, at(2));
    limit_file_size(None);

    assert!(shown.contains("NICHT GESPEICHERT"), "{shown}");
    // Quitting now would say what is not recorded: the kinds of event, never their content.
    let lost = console.unrecorded().map(|msg| msg.text(Lang::En)).unwrap_or_default();
    assert!(lost.contains("station_started") && lost.contains("block_started"), "{lost}");
    assert_eq!(console.session().agenda[0].state, BlockState::Upcoming, "an unrecorded start is not shown");
    assert_eq!(read_journal(&journal).unwrap().events.len(), recorded);
    // Other keys wait until the event is on disk.
    console.key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE), at(3));
    assert!(screen(&console, at(3)).contains("Erst muss das letzte Ereignis gespeichert sein."));

    console.tick(at(4));
    let content = read_journal(&journal).unwrap();
    assert_eq!(content.torn, None, "the failed write left no partial line");
    let types: Vec<String> =
        content.events.iter().map(|e| serde_json::to_value(&e.event).unwrap()["type"].to_string()).collect();
    assert_eq!(types[recorded..], ["\"station_started\"", "\"block_started\""]);
    // The events keep the time the facilitator pressed the key.
    assert!(content.events[recorded..].iter().all(|e| e.at == at(1)));
    assert_eq!(console.session().agenda[0].state, BlockState::Current);
    let shown = screen(&console, at(5));
    assert!(!shown.contains("NICHT GESPEICHERT"), "{shown}");
    assert!(shown.contains("LÄUFT"), "{shown}");
    assert!(console.unrecorded().is_none());
}

#[test]
fn a_json_log_that_cannot_be_saved_loses_nothing_and_says_so() {
    let _turn = FILE_LIMIT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let (_temp, mut console, paths) = demo_console();
    let (snapshot, journal) = (paths.snapshot, paths.journal);
    // The JSON log is much larger than a journal line: a limit between the two
    // lets the journal write and the JSON log fail.
    let limit = std::fs::metadata(&snapshot).unwrap().len() / 2;
    limit_file_size(Some(limit.max(std::fs::metadata(&journal).unwrap().len() + 4096)));
    console.key(KeyEvent::new(KeyCode::Char(' '), KeyModifiers::NONE), at(1));
    let shown = screen(&console, at(2));
    let keys = console.keys();
    let theme = Theme::new(ThemeName::Dark, false);
    let view = console.view(at(2), &keys, &theme);
    let unrecorded = view.unrecorded;
    limit_file_size(None);

    assert!(shown.contains("Stationslog (JSON) nicht aktualisiert – nichts verloren"), "{shown}");
    assert!(!unrecorded, "the quit dialog does not claim an event is lost");
    assert_eq!(console.session().agenda[0].state, BlockState::Current, "the journal has the start");
    assert!(console.unrecorded().is_none());
    // The save is tried again within half a minute, and its banner goes once it succeeds.
    console.tick(at(10));
    assert!(screen(&console, at(10)).contains("Stationslog (JSON)"), "not retried at once");
    console.tick(at(40));
    assert!(!screen(&console, at(40)).contains("Stationslog (JSON)"), "the banner clears after a good save");
}
