//! Frame render time of the console at 200x55, journal append (with fsync)
//! and replay of a day's worth of events.
#![allow(clippy::unwrap_used)] // a benchmark that cannot set up should stop loudly

// criterion is a Linux-only dependency (see benches/Cargo.toml).
#[cfg(not(target_os = "linux"))]
fn main() {}

#[cfg(target_os = "linux")]
use chrono::{DateTime, TimeDelta};
#[cfg(target_os = "linux")]
use criterion::{Criterion, criterion_group, criterion_main};
#[cfg(target_os = "linux")]
use moderato::core::Timestamp;
#[cfg(target_os = "linux")]
use moderato::core::command::Command;
#[cfg(target_os = "linux")]
use moderato::core::event::{Envelope, Event};
#[cfg(target_os = "linux")]
use moderato::core::session::Session;
#[cfg(target_os = "linux")]
use moderato::i18n::Lang;
#[cfg(target_os = "linux")]
use moderato::plan::{self, Journey};
#[cfg(target_os = "linux")]
use moderato::store::StationStore;
#[cfg(target_os = "linux")]
use moderato::ui::{ConsoleView, Overlay, Theme, ThemeName, draw_console};
#[cfg(target_os = "linux")]
use ratatui::Terminal;
#[cfg(target_os = "linux")]
use ratatui::backend::TestBackend;
#[cfg(target_os = "linux")]
use uuid::Uuid;

#[cfg(target_os = "linux")]
fn demo() -> Journey {
    plan::load(&moderato_benches::demo()).unwrap().journey
}

#[cfg(target_os = "linux")]
fn at(minutes: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::minutes(minutes)
}

/// A day in progress: half the blocks done, a note on each, the current one running.
#[cfg(target_os = "linux")]
fn day(journey: &Journey) -> (Session, Vec<Envelope>) {
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    let mut log = Vec::new();
    let mut commands = vec![Command::StartPause];
    for i in 0..8 {
        commands.push(Command::AddNote { text: format!("Notiz {i}: Rückfrage an das BVA") });
        commands.push(Command::AdjustTime { block: session.agenda[i].block.id.clone(), minutes: 1 });
        commands.push(Command::NextBlock);
    }
    for (minute, command) in (0..).zip(&commands) {
        for event in session.decide(command, at(minute * 7)).unwrap() {
            let envelope =
                Envelope { id: Uuid::new_v4(), seq: session.last_seq + 1, at: at(minute * 7), event };
            session.apply(&envelope);
            log.push(envelope);
        }
    }
    (session, log)
}

#[cfg(target_os = "linux")]
fn render(c: &mut Criterion) {
    let journey = demo();
    let (session, _) = day(&journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(200, 55)).unwrap();
    let mut second = 0;
    let keys = moderato::app::key_help_for(&session);
    c.bench_function("console frame 200x55", |b| {
        b.iter(|| {
            second += 1;
            let view = ConsoleView {
                journey_title: &journey.title,
                station_title: &journey.stations[0].title,
                session: &session,
                now: at(200) + TimeDelta::seconds(second),
                selected: None,
                queue_cursor: None,
                talk_by_organisation: false,
                method: Default::default(),
                overlay: Overlay::None,
                failure: None,
                unrecorded: false,
                banners: &[],
                message: None,
                keys: &keys,
                lang: Lang::De,
                theme: &theme,
            };
            terminal.draw(|frame| draw_console(frame, &view)).unwrap();
        });
    });
}

#[cfg(target_os = "linux")]
fn journal(c: &mut Criterion) {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let (mut store, _) =
        StationStore::open(&temp.path().join("logs"), &journey, &journey.stations[0]).unwrap();
    c.bench_function("journal append + fsync", |b| {
        b.iter(|| store.append(at(0), Event::StationResumed).unwrap().seq);
    });
    let (_, log) = day(&journey);
    let mut events = Vec::new();
    while events.len() < 1000 {
        events.extend(log.iter().cloned());
    }
    let lines: String = events.iter().map(|e| serde_json::to_string(e).unwrap() + "\n").collect();
    c.bench_function("replay 1000 events from JSON lines", |b| {
        b.iter(|| {
            let parsed: Vec<Envelope> =
                lines.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
            Session::replay(&journey.stations[0], &journey.participants, &parsed).last_seq
        });
    });
}

#[cfg(target_os = "linux")]
criterion_group!(benches, render, journal);
#[cfg(target_os = "linux")]
criterion_main!(benches);
