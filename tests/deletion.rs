//! Deleting or moving a running console's log files (issue 30, finding 1):
//! a second console is refused while the first holds the station, and
//! whatever the interleaving, every acknowledged event of either console is
//! in the station log or in a file the store names.
#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::DateTime;
use moderato::core::Timestamp;
use moderato::core::event::Event;
use moderato::error::ErrorKind;
use moderato::i18n::{Msg, StoreMsg};
use moderato::plan::{self, Journey};
use moderato::store::{LogPaths, StationStore, StoreError, read_journal};
use rstest::rstest;
use uuid::Uuid;

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn t0() -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap()
}

/// How the files were removed under the running console.
#[derive(Debug, Clone, Copy)]
enum Removal {
    /// `rm logs/S.journal.jsonl logs/S.lock`
    Files,
    /// `rm -rf logs`
    Directory,
    /// `mv logs logs.old`
    Moved,
}

impl Removal {
    fn apply(self, logs: &Path, paths: &LogPaths) {
        match self {
            Removal::Files => {
                fs::remove_file(&paths.journal).unwrap();
                fs::remove_file(&paths.lock).unwrap();
            }
            Removal::Directory => fs::remove_dir_all(logs).unwrap(),
            Removal::Moved => fs::rename(logs, logs.with_file_name("logs.old")).unwrap(),
        }
    }
}

/// Which console quits first.
#[derive(Debug, Clone, Copy)]
enum First {
    A,
    B,
}

struct Station {
    _dir: tempfile::TempDir,
    logs: PathBuf,
    journey: Journey,
}

impl Station {
    fn new() -> Station {
        let dir = tempfile::tempdir().unwrap();
        let logs = dir.path().join("logs");
        Station { _dir: dir, logs, journey: demo() }
    }

    fn open(&self) -> Result<StationStore, moderato::store::OpenError> {
        StationStore::open(&self.logs, &self.journey, &self.journey.stations[0]).map(|(store, _)| store)
    }

    fn paths(&self) -> LogPaths {
        LogPaths::new(&self.logs, &self.journey.stations[0].id)
    }
}

/// Records `n` notes and returns the ids of those acknowledged.
fn record(store: &mut StationStore, n: usize, who: &str) -> Vec<Uuid> {
    (0..n)
        .filter_map(|i| {
            let event = Event::NoteAdded { block: None, text: format!("{who} {i}") };
            store.append(t0(), event).ok().map(|envelope| envelope.id)
        })
        .collect()
}

/// Every event id in the station's log as a new console opens it, and in
/// every file that opening names as rescued.
fn surviving(station: &Station) -> BTreeSet<Uuid> {
    let (store, recovery) =
        StationStore::open(&station.logs, &station.journey, &station.journey.stations[0]).unwrap();
    let mut ids: BTreeSet<Uuid> = store.events().iter().map(|e| e.id).collect();
    for warning in &recovery.warnings {
        if let Msg::Store(StoreMsg::RescuedLogs { files }) = warning {
            for file in files.split(", ") {
                ids.extend(read_journal(Path::new(file)).unwrap().events.iter().map(|e| e.id));
            }
        }
    }
    ids
}

#[rstest]
fn while_the_guard_holds_a_second_console_is_refused_and_nothing_is_lost(
    #[values(Removal::Files, Removal::Directory, Removal::Moved)] removal: Removal,
) {
    let station = Station::new();
    let mut a = station.open().unwrap();
    let mut acknowledged = record(&mut a, 3, "A");
    a.checkpoint().unwrap();
    acknowledged.extend(record(&mut a, 2, "A"));
    removal.apply(&station.logs, &station.paths());

    let refused = station.open().unwrap_err();
    assert_eq!(refused.kind, ErrorKind::Conflict, "{refused:?}");
    assert!(matches!(refused.msg, Msg::Store(StoreMsg::StationLocked { .. })), "{refused:?}");
    // The first console writes on: a fresh journal with everything it has.
    acknowledged.extend(record(&mut a, 2, "A"));
    assert_eq!(acknowledged.len(), 7);
    assert!(matches!(
        a.take_notices().as_slice(),
        [Msg::Store(StoreMsg::JournalRecreated { events: 5, .. })]
    ));
    // Still refused while it runs, now that the files are back.
    assert_eq!(station.open().unwrap_err().kind, ErrorKind::Conflict);
    // A crash now (no checkpoint at quit) loses nothing either.
    drop(a);

    let survived = surviving(&station);
    let lost: Vec<_> = acknowledged.iter().filter(|id| !survived.contains(id)).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged events lost", lost.len(), acknowledged.len());
}

#[rstest]
fn when_the_guard_goes_too_both_consoles_keep_every_acknowledged_event(
    #[values(Removal::Files, Removal::Directory, Removal::Moved)] removal: Removal,
    #[values(First::A, First::B)] first: First,
) {
    let station = Station::new();
    let mut a = station.open().unwrap();
    let mut acknowledged = record(&mut a, 3, "A");
    a.checkpoint().unwrap();
    acknowledged.extend(record(&mut a, 2, "A"));
    removal.apply(&station.logs, &station.paths());
    fs::remove_file(station.paths().guard).unwrap();

    // Nothing is left to prove that A runs: B opens the station.
    let mut b = station.open().unwrap();
    acknowledged.extend(record(&mut b, 4, "B"));
    let quit = |store: StationStore| {
        // Quitting checkpoints, as the console does.
        let _ = { store }.checkpoint();
    };
    match first {
        First::A => {
            // A's next key: nothing recorded, and A's events are named.
            let refused = a.append(t0(), Event::StationResumed).map(|_| ()).unwrap_err();
            let StoreError(Msg::Store(StoreMsg::StationTakenOver { events: 5, rescue, .. })) = &refused
            else {
                panic!("{refused:?}")
            };
            assert!(Path::new(rescue).exists());
            assert_eq!(a.rescued(), Some(refused.0.clone()));
            acknowledged.extend(record(&mut a, 2, "A"));
            quit(a);
            acknowledged.extend(record(&mut b, 2, "B"));
            quit(b);
        }
        First::B => {
            quit(b);
            acknowledged.extend(record(&mut a, 2, "A"));
            assert!(a.checkpoint().is_err());
            assert!(a.rescued().is_some());
            quit(a);
        }
    }
    assert_eq!(
        acknowledged.len(),
        match first {
            First::A => 11,
            First::B => 9,
        }
    );

    let survived = surviving(&station);
    let lost: Vec<_> = acknowledged.iter().filter(|id| !survived.contains(id)).collect();
    assert!(lost.is_empty(), "{} of {} acknowledged events lost", lost.len(), acknowledged.len());
}
