//! The statistics behind `moderato review` and `moderato export`: a whole
//! journey's figures from its logs, as review computes them on open and on
//! every reload (`r`).
#![allow(clippy::unwrap_used)] // a benchmark that cannot set up should stop loudly

// criterion is a Linux-only dependency (see benches/Cargo.toml).
#[cfg(not(target_os = "linux"))]
fn main() {}

#[cfg(target_os = "linux")]
use std::collections::BTreeMap;

#[cfg(target_os = "linux")]
use chrono::{DateTime, TimeDelta};
#[cfg(target_os = "linux")]
use criterion::{Criterion, criterion_group, criterion_main};
#[cfg(target_os = "linux")]
use moderato::core::Timestamp;
#[cfg(target_os = "linux")]
use moderato::core::command::Command;
#[cfg(target_os = "linux")]
use moderato::core::discussion::{Command as DiscussionCommand, Hand};
#[cfg(target_os = "linux")]
use moderato::core::event::Envelope;
#[cfg(target_os = "linux")]
use moderato::core::history::PastStation;
#[cfg(target_os = "linux")]
use moderato::core::method::MethodCommand;
#[cfg(target_os = "linux")]
use moderato::core::session::Session;
#[cfg(target_os = "linux")]
use moderato::core::stats;
#[cfg(target_os = "linux")]
use moderato::plan::{self, Journey};
#[cfg(target_os = "linux")]
use uuid::Uuid;

#[cfg(target_os = "linux")]
fn demo() -> Journey {
    plan::load(&moderato_benches::demo()).unwrap().journey
}

#[cfg(target_os = "linux")]
fn at(seconds: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::seconds(seconds)
}

/// The demo's first station with `turns` turns in its discussion: a long day
/// of hands, every one raised and called, with the blocks before it done.
#[cfg(target_os = "linux")]
fn station(journey: &Journey, turns: usize) -> PastStation {
    let station = journey.stations[0].clone();
    let mut session = Session::new(&station, &journey.participants);
    let mut events = Vec::new();
    let mut commands = vec![Command::StartPause];
    commands.extend((0..5).map(|_| Command::NextBlock));
    let discussion = |command| Command::Method(MethodCommand::Discussion(command));
    for turn in 0..turns {
        let participant = journey.participants[turn % journey.participants.len()].id.clone();
        commands.push(discussion(DiscussionCommand::Raise { participant, hand: Hand::Normal }));
        commands.push(discussion(DiscussionCommand::CallNext));
    }
    for (second, command) in (0..).zip(&commands) {
        for event in session.decide(command, at(second * 5)).unwrap() {
            let envelope =
                Envelope { id: Uuid::new_v4(), seq: session.last_seq + 1, at: at(second * 5), event };
            session.apply(&envelope);
            events.push(envelope);
        }
    }
    PastStation {
        id: station.id.clone(),
        date: station.date,
        plan: station,
        cohort: journey.participants.clone(),
        events,
    }
}

#[cfg(target_os = "linux")]
fn journey_stats(c: &mut Criterion) {
    let journey = demo();
    for turns in [50, 2500] {
        let log = station(&journey, turns);
        let events = log.events.len();
        let logs = BTreeMap::from([(log.id.clone(), log)]);
        c.bench_function(&format!("journey statistics, a station of {events} events"), |b| {
            b.iter(|| stats::journey(&journey, &logs).stations.len());
        });
    }
}

#[cfg(target_os = "linux")]
criterion_group!(benches, journey_stats);
#[cfg(target_os = "linux")]
criterion_main!(benches);
