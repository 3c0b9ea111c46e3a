//! The station log on real files: round trips, crash recovery, damage, lock, permissions.
#![allow(clippy::unwrap_used)] // a test that cannot set up its files should fail loudly

mod common;

use std::fs;
use std::path::Path;

use chrono::{DateTime, TimeDelta};
use moderato::core::Timestamp;
use moderato::core::consultation;
use moderato::core::discussion::{Capture, Change, Hand, Speaker};
use moderato::core::event::{AgendaChange, Anchor, AnchorMode, Envelope, Event, Presence, Scene};
use moderato::core::exchange::Change as XChange;
use moderato::core::method::MethodEvent;
use moderato::core::reflection::{Change as ReflectionChange, Takeaway};
use moderato::i18n::Msg;
use moderato::i18n::StoreMsg;
use moderato::plan::{self, Block, BlockKind, Journey, Method, QueuePolicy};
use moderato::store::{LogPaths, OpenError, Recovery, StationStore, StoreError, read_history, read_log};
use proptest::prelude::*;

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn t0() -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap()
}

fn open(logs: &Path, journey: &Journey) -> Result<(StationStore, Recovery), OpenError> {
    StationStore::open(logs, journey, &journey.stations[0])
}

fn paths(logs: &Path, journey: &Journey) -> LogPaths {
    LogPaths::new(logs, &journey.stations[0].id)
}

/// An exchange's change as the event that records it.
fn exch(block: String, change: XChange) -> Event {
    Event::Method(MethodEvent::Exchange { block, change })
}

fn groups() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(person(), 2..4), 1..4)
}

/// A discussion's change as the event that records it.
fn disc(block: String, change: Change) -> Event {
    Event::Method(MethodEvent::Discussion { block, change })
}

/// Every change a reflection records.
fn reflection_change() -> impl Strategy<Value = ReflectionChange> {
    let takeaway = ("\\PC{1,40}", proptest::option::of(block_id()), any::<bool>(), any::<bool>())
        .prop_map(|(text, owner, commitment, protocol)| Takeaway { text, owner, commitment, protocol });
    prop_oneof![
        (0usize..20).prop_map(|index| ReflectionChange::PhaseShown { index }),
        (prop::collection::vec(person(), 0..8), proptest::option::of(any::<u64>()))
            .prop_map(|(order, seed)| ReflectionChange::RoundOrdered { order, seed }),
        Just(ReflectionChange::RoundCleared),
        person().prop_map(|participant| ReflectionChange::TurnStarted { participant }),
        Just(ReflectionChange::Passed),
        Just(ReflectionChange::TurnEnded),
        Just(ReflectionChange::TurnWithdrawn),
        Just(ReflectionChange::TurnReopened),
        takeaway.prop_map(|takeaway| ReflectionChange::Noted { takeaway }),
        (0usize..20).prop_map(|index| ReflectionChange::Retracted { index }),
        (0usize..20, any::<bool>())
            .prop_map(|(index, protocol)| ReflectionChange::Marked { index, protocol }),
        proptest::option::of(0usize..20).prop_map(|index| ReflectionChange::Shown { index }),
    ]
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (prop_oneof![Just(AnchorMode::Planned), Just(AnchorMode::Shifted)], 0i64..40_000)
        .prop_map(|(mode, secs)| Anchor { mode, start: t0() + TimeDelta::seconds(secs) })
}

/// The demo's first station's block ids and its cohort's ids, read once.
fn demo_ids() -> &'static (Vec<String>, Vec<String>) {
    static IDS: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    IDS.get_or_init(|| {
        let journey = demo();
        (
            journey.stations[0].blocks.iter().map(|block| block.id.clone()).collect(),
            journey.participants.iter().map(|person| person.id.clone()).collect(),
        )
    })
}

/// A block of the demo's first station: the store refuses events about blocks the plan does not have.
fn block_id() -> impl Strategy<Value = String> {
    prop::sample::select(demo_ids().0.clone())
}

/// A participant of the demo's cohort: the store refuses events about others.
fn person() -> impl Strategy<Value = String> {
    prop::sample::select(demo_ids().1.clone())
}

/// The id of a block inserted into the agenda: any id.
fn new_block_id() -> impl Strategy<Value = String> {
    "[a-z0-9-]{1,12}"
}

fn speaker() -> impl Strategy<Value = Speaker> {
    // A guest's name is free text: spaces, umlauts, even a participant's id.
    prop_oneof![person().prop_map(Speaker::Participant), "[a-zA-Zäöü. ]{1,20}".prop_map(Speaker::Guest)]
}

fn hand() -> impl Strategy<Value = Hand> {
    prop_oneof![Just(Hand::Normal), Just(Hand::Reply), Just(Hand::PointOfOrder)]
}

fn capture() -> impl Strategy<Value = Capture> {
    let due = proptest::option::of((2022i32..2030, 1u32..13, 1u32..29))
        .prop_map(|date| date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)));
    prop_oneof![
        "\\PC{1,40}".prop_map(|text| Capture::Parked { text }),
        "\\PC{1,40}".prop_map(|text| Capture::Decision { text }),
        ("\\PC{1,40}", proptest::option::of(block_id()), due)
            .prop_map(|(text, owner, due)| Capture::Action { text, owner, due }),
    ]
}

/// Every change a consultation records, with free text where the facilitator types.
fn consultation_change() -> impl Strategy<Value = consultation::Change> {
    use consultation::{CaseField, Change as C, Confidential, Role};
    let role = prop_oneof![
        Just(Role::CaseGiver),
        Just(Role::Moderator),
        Just(Role::Secretary),
        Just(Role::Observer)
    ];
    let field = prop_oneof![Just(CaseField::Title), Just(CaseField::Description), Just(CaseField::Closing)];
    prop_oneof![
        (0usize..3, 0usize..3, role, proptest::option::of(person()), proptest::option::of(person()))
            .prop_map(|(group, case, role, participant, suggested)| {
                C::Cast { group, case, role, participant, suggested }
            }),
        (person(), 0usize..4).prop_map(|(participant, group)| C::MemberMoved { participant, group }),
        (0usize..3, 0usize..6).prop_map(|(case, phase)| C::PhaseShown { case, phase }),
        (0usize..3, 0usize..6, -5i64..10).prop_map(|(case, phase, minutes)| C::PhaseAdjusted {
            case,
            phase,
            minutes
        }),
        (0usize..3, 0usize..3, field, "\\PC{0,40}").prop_map(|(group, case, field, text)| C::CaseNoted {
            group,
            case,
            field,
            text,
            confidential: Confidential,
        }),
        (0usize..3, 0usize..3, "\\PC{1,40}", any::<bool>()).prop_map(|(group, case, text, released)| {
            C::KeyQuestionSet { group, case, text, confidential: (!released).then_some(Confidential) }
        }),
        (0usize..3, 0usize..3, proptest::option::of("[a-z_]{1,20}"))
            .prop_map(|(group, case, method)| C::MethodChosen { group, case, method }),
        (0usize..3, 0usize..3, "\\PC{1,40}", proptest::option::of(block_id())).prop_map(
            |(group, case, text, giver)| C::IdeaAdded {
                group,
                case,
                text,
                giver,
                confidential: Confidential,
            }
        ),
        (0usize..3, 0usize..3, 0usize..5).prop_map(|(group, case, index)| C::IdeaRetracted {
            group,
            case,
            index
        }),
        (0usize..4, 0usize..3, any::<bool>()).prop_map(|(group, case, released)| C::KeyQuestionReleased {
            group,
            case,
            released
        }),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        anchor().prop_map(|anchor| Event::StationStarted { anchor }),
        Just(Event::StationResumed),
        anchor().prop_map(|anchor| Event::ScheduleAnchored { anchor }),
        block_id().prop_map(|block| Event::BlockStarted { block }),
        block_id().prop_map(|block| Event::BlockPaused { block }),
        block_id().prop_map(|block| Event::BlockResumed { block }),
        (block_id(), 1u32..30).prop_map(|(block, minutes)| Event::BlockExtended { block, minutes }),
        (block_id(), 1u32..30).prop_map(|(block, minutes)| Event::BlockShortened { block, minutes }),
        block_id().prop_map(|block| Event::BlockCompleted { block }),
        block_id().prop_map(|block| Event::BlockSkipped { block }),
        block_id().prop_map(|block| Event::BlockReturned { block }),
        block_id().prop_map(|block| Event::BlockRestored { block }),
        block_id().prop_map(|block| Event::BlockUnstarted { block }),
        (1u64..1000).prop_map(|seq| Event::Undone { seq }),
        block_id().prop_map(|block| Event::AgendaChanged { change: AgendaChange::Removed { block } }),
        (block_id(), 0usize..20).prop_map(|(block, index)| disc(block, Change::Retracted { index })),
        (block_id(), 0usize..20).prop_map(|(block, position)| Event::AgendaChanged {
            change: AgendaChange::Moved { block, position }
        }),
        (block_id(), 1u32..120).prop_map(|(block, minutes)| Event::AgendaChanged {
            change: AgendaChange::DurationSet { block, minutes }
        }),
        (new_block_id(), "\\PC{1,30}", 1u32..60, 0usize..20).prop_map(|(id, title, minutes, position)| {
            Event::AgendaChanged {
                change: AgendaChange::Inserted {
                    block: Box::new(Block {
                        id,
                        kind: BlockKind::Break,
                        title,
                        minutes,
                        fixed_start: None,
                        owner: None,
                        speaker: None,
                        notes: None,
                        last_minutes_secs: 120,
                        speaker_clock: moderato::plan::PersonClock::Discreet,
                        method: Method::Plain,
                    }),
                    position,
                },
            }
        }),
        (block_id(), speaker(), hand())
            .prop_map(|(block, speaker, hand)| disc(block, Change::HandRaised { speaker, hand })),
        (block_id(), speaker()).prop_map(|(block, speaker)| disc(block, Change::HandWithdrawn { speaker })),
        (block_id(), speaker(), 0usize..20)
            .prop_map(|(block, speaker, position)| disc(block, Change::HandMoved { speaker, position })),
        (block_id(), speaker(), hand())
            .prop_map(|(block, speaker, hand)| disc(block, Change::TurnStarted { speaker, hand })),
        block_id().prop_map(|block| disc(block, Change::TurnEnded)),
        (block_id(), 0usize..5, any::<u64>(), groups()).prop_map(|(block, round, seed, groups)| exch(
            block,
            XChange::GroupsProposed { round, seed, groups }
        )),
        (block_id(), 0usize..5, person(), person())
            .prop_map(|(block, round, a, b)| exch(block, XChange::Swapped { round, a, b })),
        (block_id(), 0usize..5, person(), proptest::option::of(0usize..5)).prop_map(
            |(block, round, participant, group)| exch(block, XChange::Placed { round, participant, group })
        ),
        (block_id(), 0usize..5, groups())
            .prop_map(|(block, round, groups)| exch(block, XChange::RoundFixed { round, groups })),
        (block_id(), 0usize..5).prop_map(|(block, round)| exch(block, XChange::RoundReopened { round })),
        (block_id(), 0usize..5).prop_map(|(block, round)| exch(block, XChange::RoundShown { round })),
        (person(), any::<bool>()).prop_map(|(participant, here)| Event::AttendanceChanged {
            participant,
            presence: if here { Presence::Present } else { Presence::Absent },
        }),
        (
            block_id(),
            prop_oneof![
                Just(QueuePolicy::FirstCome),
                Just(QueuePolicy::FirstTimeFirst),
                Just(QueuePolicy::Alternate)
            ]
        )
            .prop_map(|(block, policy)| disc(block, Change::QueuePolicyChanged { policy })),
        (block_id(), 0usize..5).prop_map(|(block, index)| disc(block, Change::QuestionShown { index })),
        (block_id(), capture()).prop_map(|(block, capture)| disc(block, Change::Captured { capture })),
        (block_id(), consultation_change())
            .prop_map(|(block, change)| Event::Method(MethodEvent::Consultation { block, change })),
        prop_oneof![
            Just(Scene::Auto),
            Just(Scene::Agenda),
            Just(Scene::Blank),
            Just(Scene::TalkTime),
            "\\PC{1,40}".prop_map(|text| Scene::Message { text }),
        ]
        .prop_map(|scene| Event::SceneChanged { scene }),
        (proptest::option::of(block_id()), "\\PC{0,80}")
            .prop_map(|(block, text)| Event::NoteAdded { block, text }),
        (block_id(), reflection_change())
            .prop_map(|(block, change)| Event::Method(MethodEvent::Reflection { block, change })),
    ]
}

fn timed_events() -> impl Strategy<Value = Vec<(i64, Event)>> {
    prop::collection::vec((0i64..1800, event()), 1..40)
}

/// Appends events at increasing times and returns the envelopes as recorded.
fn record(store: &mut StationStore, events: &[(i64, Event)]) -> Vec<Envelope> {
    let mut at = t0();
    events
        .iter()
        .map(|(gap, event)| {
            at += TimeDelta::seconds(*gap);
            store.append(at, event.clone()).unwrap().clone()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Every event, written through the journal, comes back identical after a
    /// reopen, whether the JSON log was checkpointed or only the journal has it.
    #[test]
    fn every_event_survives_the_journal_and_a_reopen(events in timed_events(), checkpoint in any::<bool>()) {
        let temp = tempfile::tempdir().unwrap();
        let logs = temp.path().join("logs");
        let journey = demo();
        let (mut store, recovery) = open(&logs, &journey).unwrap();
        prop_assert!(recovery.created);
        let recorded = record(&mut store, &events);
        if checkpoint {
            store.checkpoint().unwrap();
        }
        drop(store);

        let (log, warnings) = read_log(&logs, &journey.stations[0].id).unwrap().unwrap();
        prop_assert!(warnings.is_empty());
        prop_assert_eq!(&log.events, &recorded);

        let (store, recovery) = open(&logs, &journey).unwrap();
        prop_assert_eq!(store.events(), recorded.as_slice());
        prop_assert_eq!(recovery.replayed, if checkpoint { 0 } else { recorded.len() });
        let seqs: Vec<u64> = store.events().iter().map(|e| e.seq).collect();
        prop_assert_eq!(seqs, (1..=recorded.len() as u64).collect::<Vec<_>>());
    }
}

#[test]
fn the_strategy_covers_every_event_variant() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    let strategy = event();
    for _ in 0..4000 {
        seen.insert(common::variant(&strategy.new_tree(&mut runner).unwrap().current()));
    }
    assert_eq!(seen.len(), common::EVENT_VARIANTS, "{seen:?}");
}

/// A store with a checkpointed empty log and `n` events only in the journal.
fn journal_with_events(logs: &Path, journey: &Journey, n: usize) -> Vec<Envelope> {
    let (mut store, _) = open(logs, journey).unwrap();
    let events: Vec<(i64, Event)> = (0..n)
        .map(|i| {
            (
                60,
                Event::NoteAdded {
                    block: Some("begruessung".into()),
                    text: format!("Notiz {i}: Größe ändern"),
                },
            )
        })
        .collect();
    record(&mut store, &events)
}

/// Copies a logs directory, owner-only as moderato makes it (a wider one is tightened with a warning).
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(to, fs::Permissions::from_mode(0o700)).unwrap();
    }
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

#[test]
fn a_journal_cut_anywhere_in_its_last_line_loses_only_that_line() {
    let temp = tempfile::tempdir().unwrap();
    let original = temp.path().join("original");
    let journey = demo();
    let recorded = journal_with_events(&original, &journey, 3);
    let journal = fs::read(paths(&original, &journey).journal).unwrap();
    let last_line_start = journal[..journal.len() - 1].iter().rposition(|&b| b == b'\n').unwrap() + 1;

    for cut in last_line_start..=journal.len() {
        let logs = temp.path().join(format!("cut-{cut}"));
        copy_dir(&original, &logs);
        let journal_path = paths(&logs, &journey).journal;
        fs::write(&journal_path, &journal[..cut]).unwrap();

        // Whole lines, and a last line missing only its newline, are kept.
        let complete = cut >= journal.len() - 1;
        let kept = if complete { 3 } else { 2 };
        let torn = cut > last_line_start && !complete;

        let (mut store, recovery) = open(&logs, &journey).unwrap();
        assert_eq!(store.events(), &recorded[..kept], "cut at {cut}");
        assert_eq!(recovery.replayed, kept);
        assert_eq!(
            recovery.warnings,
            if torn {
                vec![Msg::Store(StoreMsg::TornJournal {
                    path: journal_path.display().to_string(),
                    line: 3,
                    bytes: cut - last_line_start,
                })]
            } else {
                vec![]
            },
            "cut at {cut}"
        );

        // The next event lands on a clean line and everything reads back.
        let next = store.append(t0() + TimeDelta::hours(2), Event::StationResumed).unwrap().clone();
        assert_eq!(next.seq, kept as u64 + 1);
        drop(store);
        let (log, warnings) = read_log(&logs, &journey.stations[0].id).unwrap().unwrap();
        assert!(warnings.is_empty(), "cut at {cut}: {warnings:?}");
        assert_eq!(log.events.len(), kept + 1);
        assert_eq!(log.events[kept], next);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A complete last line is never dropped, whatever byte replaced its
    /// newline: the event is kept, and anything but whitespace is reported
    /// as damage and moved to `.torn` when the station opens for writing.
    #[test]
    fn a_complete_line_is_never_dropped_whatever_its_last_byte(last in any::<u8>()) {
        let temp = tempfile::tempdir().unwrap();
        let logs = temp.path().join("logs");
        let journey = demo();
        let recorded = journal_with_events(&logs, &journey, 3);
        let journal_path = paths(&logs, &journey).journal;
        let mut journal = fs::read(&journal_path).unwrap();
        *journal.last_mut().unwrap() = last;
        fs::write(&journal_path, &journal).unwrap();

        let (log, warnings) = read_log(&logs, &journey.stations[0].id).unwrap().unwrap();
        prop_assert_eq!(&log.events, &recorded);
        // JSON's whitespace ends a line harmlessly; a form feed does not.
        let damaged = !matches!(last, b' ' | b'\t' | b'\n' | b'\r');
        prop_assert_eq!(
            warnings,
            if damaged {
                vec![Msg::Store(StoreMsg::DamagedLineEnd {
                    path: journal_path.display().to_string(),
                    line: 3,
                    bytes: 1,
                })]
            } else {
                vec![]
            }
        );
        let (mut store, _) = open(&logs, &journey).unwrap();
        prop_assert_eq!(store.events(), recorded.as_slice());
        store.append(t0(), Event::StationResumed).unwrap();
        drop(store);
        let (log, warnings) = read_log(&logs, &journey.stations[0].id).unwrap().unwrap();
        prop_assert!(warnings.is_empty());
        prop_assert_eq!(log.events.len(), 4);
        let mut torn = journal_path.clone().into_os_string();
        torn.push(".torn");
        prop_assert_eq!(fs::read(torn).ok(), damaged.then(|| vec![last, b'\n']));
    }
}

#[test]
fn a_damaged_middle_line_is_refused_and_nothing_is_touched() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 3);
    let paths = paths(&logs, &journey);
    let mut journal = fs::read(&paths.journal).unwrap();
    let second_line = journal.iter().position(|&b| b == b'\n').unwrap() + 1;
    journal[second_line + 5] = b'#';
    fs::write(&paths.journal, &journal).unwrap();
    let snapshot = fs::read(&paths.snapshot).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert!(
        matches!(&err.msg, Msg::Store(StoreMsg::LogUnreadable { path, line: 2, .. }) if *path == paths.journal.display().to_string()),
        "{err:?}"
    );
    assert!(err.to_string().contains("Nothing was changed"), "{err}");
    assert_eq!(fs::read(&paths.journal).unwrap(), journal);
    assert_eq!(fs::read(&paths.snapshot).unwrap(), snapshot);
    assert!(read_log(&logs, &journey.stations[0].id).is_err());
    // The refused open left no lock behind.
    assert!(!paths.lock.exists());
}

#[test]
fn a_complete_last_line_that_cannot_be_read_is_refused_not_dropped() {
    // For example an event of a newer moderato: it was recorded, so it must not vanish.
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 2);
    let paths = paths(&logs, &journey);
    let mut journal = fs::read(&paths.journal).unwrap();
    journal.extend_from_slice(
        b"{\"id\":\"00000000-0000-0000-0000-000000000000\",\"seq\":3,\"at\":\"2022-11-28T10:00:00+01:00\",\"event\":{\"type\":\"from_the_future\"}}\n",
    );
    fs::write(&paths.journal, &journal).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert!(
        matches!(&err.msg, Msg::Store(StoreMsg::NewerEvent { line: 3, kind, .. }) if kind == "from_the_future"),
        "{err:?}"
    );
    assert_eq!(fs::read(&paths.journal).unwrap(), journal);
}

#[test]
fn a_torn_tail_is_kept_beside_the_journal_before_it_is_cut_off() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 1);
    let paths = paths(&logs, &journey);
    let mut journal = fs::read(&paths.journal).unwrap();
    journal.extend_from_slice(b"{\"id\":\"half a li");
    fs::write(&paths.journal, &journal).unwrap();

    let (store, recovery) = open(&logs, &journey).unwrap();
    assert_eq!(store.events().len(), 1);
    assert_eq!(recovery.warnings.len(), 1);
    let mut side = paths.journal.clone().into_os_string();
    side.push(".torn");
    assert_eq!(fs::read(side).unwrap(), b"{\"id\":\"half a li\n");
}

#[test]
fn a_damaged_json_log_is_refused_and_nothing_is_touched() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 2);
    let paths = paths(&logs, &journey);
    let mut snapshot = fs::read(&paths.snapshot).unwrap();
    snapshot.truncate(snapshot.len() / 2);
    fs::write(&paths.snapshot, &snapshot).unwrap();
    let journal = fs::read(&paths.journal).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert!(
        matches!(&err.msg, Msg::Store(StoreMsg::LogUnreadable { path, .. }) if *path == paths.snapshot.display().to_string())
    );
    assert_eq!(fs::read(&paths.snapshot).unwrap(), snapshot);
    assert_eq!(fs::read(&paths.journal).unwrap(), journal);
}

#[test]
fn a_journal_that_contradicts_the_json_log_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (mut store, _) = open(&logs, &journey).unwrap();
    record(&mut store, &[(0, Event::StationResumed), (5, Event::StationResumed)]);
    store.checkpoint().unwrap();
    drop(store);
    let paths = paths(&logs, &journey);
    let journal = fs::read_to_string(&paths.journal)
        .unwrap()
        .replace("station_resumed", "block_started\",\"block\":\"x");
    fs::write(&paths.journal, &journal).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(
        err.msg,
        Msg::Store(StoreMsg::LogConflict {
            journal: paths.journal.display().to_string(),
            snapshot: paths.snapshot.display().to_string(),
            seq: 1
        })
    );
    assert_eq!(fs::read_to_string(&paths.journal).unwrap(), journal);
}

#[test]
fn a_gap_in_the_journal_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 3);
    let paths = paths(&logs, &journey);
    let journal = fs::read_to_string(&paths.journal).unwrap();
    let without_second: Vec<&str> =
        journal.lines().enumerate().filter(|(i, _)| *i != 1).map(|(_, l)| l).collect();
    fs::write(&paths.journal, without_second.join("\n") + "\n").unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert!(
        matches!(err.msg, Msg::Store(StoreMsg::LogSequenceGap { line: 2, expected: 2, found: 3, .. })),
        "{err:?}"
    );
}

#[test]
fn a_journal_without_its_json_log_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 1);
    let paths = paths(&logs, &journey);
    fs::remove_file(&paths.snapshot).unwrap();
    let journal = fs::read(&paths.journal).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(
        err.msg,
        Msg::Store(StoreMsg::OrphanJournal {
            journal: paths.journal.display().to_string(),
            snapshot: paths.snapshot.display().to_string(),
            events: 1
        })
    );
    assert_eq!(fs::read(&paths.journal).unwrap(), journal);
    assert!(!paths.snapshot.exists());
}

#[test]
fn journal_events_newer_than_the_json_log_are_checkpointed_on_open() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let recorded = journal_with_events(&logs, &journey, 4);
    let paths = paths(&logs, &journey);
    let before: serde_json::Value = serde_json::from_slice(&fs::read(&paths.snapshot).unwrap()).unwrap();
    assert_eq!(before["events"].as_array().unwrap().len(), 0);

    let (_store, recovery) = open(&logs, &journey).unwrap();
    assert_eq!(recovery.replayed, 4);
    assert!(!recovery.created);
    let after: moderato::store::StationLog =
        serde_json::from_slice(&fs::read(&paths.snapshot).unwrap()).unwrap();
    assert_eq!(after.events, recorded);
    assert_eq!(after.summary.notes, 4);
    assert_eq!(after.summary.events, 4);
}

#[test]
fn a_second_console_is_refused_while_the_first_holds_the_station() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (first, _) = open(&logs, &journey).unwrap();
    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(
        err.msg,
        Msg::Store(StoreMsg::StationLocked {
            station: journey.stations[0].id.clone(),
            pid: std::process::id().to_string()
        })
    );
    // A reader needs no lock.
    assert!(read_log(&logs, &journey.stations[0].id).unwrap().is_some());
    drop(first);
    assert!(!paths(&logs, &journey).lock.exists());
    assert!(open(&logs, &journey).is_ok());
}

#[test]
fn a_stale_lock_of_a_dead_console_is_taken_over() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 1);
    // A console that crashed leaves its lock file, but the OS released its lock.
    fs::write(paths(&logs, &journey).lock, "424242\n").unwrap();

    let (store, recovery) = open(&logs, &journey).unwrap();
    assert_eq!(recovery.warnings, vec![Msg::Store(StoreMsg::StaleLockTaken { pid: "424242".into() })]);
    assert_eq!(store.events().len(), 1);
    let held = fs::read_to_string(paths(&logs, &journey).lock).unwrap();
    assert_eq!(held.trim(), std::process::id().to_string());
}

#[cfg(unix)]
#[test]
fn logs_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("journey").join("logs");
    let journey = demo();
    let (mut store, _) = open(&logs, &journey).unwrap();
    store.append(t0(), Event::StationResumed).unwrap();
    store.checkpoint().unwrap();
    let mode = |path: &std::path::PathBuf| fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&logs), 0o700);
    let paths = paths(&logs, &journey);
    assert_eq!(mode(&paths.snapshot), 0o600);
    assert_eq!(mode(&paths.journal), 0o600);
    assert_eq!(mode(&paths.lock), 0o600);
    let leftovers: Vec<_> = fs::read_dir(&logs).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 3, "no temp files left: {leftovers:?}");
}

fn notes(n: usize) -> Vec<(i64, Event)> {
    (0..n).map(|i| (60, Event::NoteAdded { block: None, text: format!("Notiz {i}") })).collect()
}

#[test]
fn deleting_the_lock_file_does_not_let_a_second_console_in() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (mut first, _) = open(&logs, &journey).unwrap();
    fs::remove_file(paths(&logs, &journey).lock).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(err.kind, moderato::error::ErrorKind::Conflict);
    assert!(matches!(&err.msg, Msg::Store(StoreMsg::StationLocked { .. })), "{err:?}");
    // The first console writes on, alone.
    record(&mut first, &notes(2));
    drop(first);
    assert_eq!(open(&logs, &journey).unwrap().0.events().len(), 2);
}

#[test]
fn a_deleted_logs_directory_loses_no_event() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (mut store, _) = open(&logs, &journey).unwrap();
    record(&mut store, &notes(3));
    fs::remove_dir_all(&logs).unwrap();

    // The store notices before it writes: nothing goes to the deleted file.
    // It still holds the guard beside logs/, so no other console can have
    // the station: it writes a fresh journal holding every event, then records.
    store.append(t0(), Event::StationResumed).unwrap();
    assert_eq!(
        store.take_notices(),
        vec![Msg::Store(StoreMsg::JournalRecreated {
            path: paths(&logs, &journey).journal.display().to_string(),
            events: 3
        })]
    );
    assert!(store.take_notices().is_empty());
    record(&mut store, &notes(1));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&logs).unwrap().permissions().mode() & 0o777, 0o700);
    }
    drop(store);

    let (reopened, _) = open(&logs, &journey).unwrap();
    assert_eq!(reopened.events().len(), 5);
    assert_eq!(reopened.events().iter().map(|e| e.seq).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5]);
}

#[test]
fn a_replaced_journal_is_noticed_and_kept_aside() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (mut store, _) = open(&logs, &journey).unwrap();
    record(&mut store, &notes(2));
    let journal = paths(&logs, &journey).journal;
    let other = logs.join("other.jsonl");
    fs::write(&other, b"not ours\n").unwrap();
    fs::rename(&other, &journal).unwrap();

    store.append(t0(), Event::StationResumed).unwrap();
    assert_eq!(store.take_notices().len(), 1);
    drop(store);

    let mut aside = journal.clone().into_os_string();
    aside.push(".replaced");
    assert_eq!(fs::read(aside).unwrap(), b"not ours\n");
    assert_eq!(open(&logs, &journey).unwrap().0.events().len(), 3);
}

#[test]
fn one_trailing_empty_line_is_harmless() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    journal_with_events(&logs, &journey, 2);
    let journal = paths(&logs, &journey).journal;
    let mut bytes = fs::read(&journal).unwrap();
    bytes.extend_from_slice(b"\n");
    fs::write(&journal, &bytes).unwrap();

    assert_eq!(read_log(&logs, &journey.stations[0].id).unwrap().unwrap().0.events.len(), 2);
    let (mut store, recovery) = open(&logs, &journey).unwrap();
    assert_eq!(recovery.replayed, 2);
    record(&mut store, &notes(1));
    drop(store);
    assert_eq!(open(&logs, &journey).unwrap().0.events().len(), 3);
}

#[test]
fn a_duplicated_last_line_is_damage_whatever_the_json_log_holds() {
    for checkpointed in [false, true] {
        let temp = tempfile::tempdir().unwrap();
        let logs = temp.path().join("logs");
        let journey = demo();
        let (mut store, _) = open(&logs, &journey).unwrap();
        record(&mut store, &notes(2));
        if checkpointed {
            store.checkpoint().unwrap();
        }
        drop(store);
        let journal = paths(&logs, &journey).journal;
        let text = fs::read_to_string(&journal).unwrap();
        let last = text.lines().last().unwrap().to_string();
        fs::write(&journal, format!("{text}{last}\n")).unwrap();

        let expected = Msg::Store(StoreMsg::DuplicateEvent {
            path: journal.display().to_string(),
            line: 3,
            first_line: 2,
        });
        let err = open(&logs, &journey).unwrap_err();
        assert_eq!(err.msg, expected, "checkpointed: {checkpointed}");
        assert_eq!(err.kind, moderato::error::ErrorKind::Damaged);
        assert_eq!(read_log(&logs, &journey.stations[0].id).unwrap_err(), StoreError(expected));
    }
}

#[cfg(unix)]
#[test]
fn links_in_logs_are_refused_not_followed() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    fs::create_dir(&logs).unwrap();
    let outside = temp.path().join("world-readable.jsonl");
    fs::write(&outside, b"").unwrap();
    let paths = paths(&logs, &journey);
    std::os::unix::fs::symlink(&outside, &paths.journal).unwrap();

    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(
        err.msg,
        Msg::Files(moderato::i18n::FileMsg::LinkRefused { path: paths.journal.display().to_string() })
    );
    assert!(read_log(&logs, &journey.stations[0].id).is_err());
    assert_eq!(fs::read(&outside).unwrap(), b"");

    fs::remove_file(&paths.journal).unwrap();
    std::os::unix::fs::symlink(&outside, &paths.snapshot).unwrap();
    let err = open(&logs, &journey).unwrap_err();
    assert_eq!(
        err.msg,
        Msg::Files(moderato::i18n::FileMsg::LinkRefused { path: paths.snapshot.display().to_string() })
    );
    assert_eq!(fs::read(&outside).unwrap(), b"");
    // The refused open left nothing behind.
    assert!(!paths.journal.exists());
}

#[cfg(unix)]
#[test]
fn a_logs_directory_readable_by_others_is_tightened_once() {
    use std::os::unix::fs::PermissionsExt;
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    fs::create_dir(&logs).unwrap();
    fs::set_permissions(&logs, fs::Permissions::from_mode(0o755)).unwrap();

    let (store, recovery) = open(&logs, &journey).unwrap();
    assert_eq!(
        recovery.warnings,
        vec![Msg::Store(StoreMsg::LogsTightened { path: logs.display().to_string(), mode: "755".into() })]
    );
    assert_eq!(fs::metadata(&logs).unwrap().permissions().mode() & 0o777, 0o700);
    drop(store);
    assert!(open(&logs, &journey).unwrap().1.warnings.is_empty());
}

#[test]
fn a_discarded_log_is_copied_aside_first_and_never_while_a_console_has_it() {
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let journey = demo();
    let (mut store, _) = open(&logs, &journey).unwrap();
    store
        .append(t0(), Event::StationStarted { anchor: Anchor { mode: AnchorMode::Shifted, start: t0() } })
        .unwrap();
    store.checkpoint().unwrap();
    let files = paths(&logs, &journey);
    let snapshot = fs::read(&files.snapshot).unwrap();
    let journal = fs::read(&files.journal).unwrap();

    let refused = moderato::store::discard_log(&logs, &journey.stations[0].id, t0()).unwrap_err();
    assert_eq!(refused.kind, moderato::error::ErrorKind::Conflict);
    assert_eq!(fs::read(&files.snapshot).unwrap(), snapshot);

    drop(store);
    let backup = moderato::store::discard_log(&logs, &journey.stations[0].id, t0()).unwrap();
    assert_eq!(backup.snapshot, logs.join("muenchen.rehearsal-20221128T090000.json"));
    assert_eq!(fs::read(&backup.snapshot).unwrap(), snapshot);
    assert_eq!(fs::read(&backup.journal).unwrap(), journal);
    assert!(!files.snapshot.exists() && !files.journal.exists());
    assert_eq!(read_log(&logs, &journey.stations[0].id).unwrap(), None);
}

#[test]
fn the_history_holds_the_earlier_stations_logs_and_names_an_unreadable_one() {
    let dir = tempfile::tempdir().unwrap();
    let logs = dir.path().join("logs");
    let journey = demo();
    let [first, second, third, ..] = &journey.stations[..] else { panic!("the demo has three stations") };
    let recorded = journal_with_events(&logs, &journey, 2);
    for later in [second, third] {
        let (mut store, _) = StationStore::open(&logs, &journey, later).unwrap();
        store.append(t0(), Event::NoteAdded { block: None, text: "später".into() }).unwrap();
        store.checkpoint().unwrap();
    }

    let (history, notices) = read_history(&logs, &journey, &third.id);
    assert!(notices.is_empty(), "{notices:?}");
    let ids: Vec<&str> = history.stations.iter().map(|past| past.id.as_str()).collect();
    assert_eq!(ids, [first.id.as_str(), second.id.as_str()], "only the stations before, in plan order");
    assert_eq!(history.stations[0].events, recorded);
    assert_eq!(history.stations[0].date, first.date);
    assert!(read_history(&logs, &journey, &first.id).0.stations.is_empty(), "the first station has none");

    fs::write(LogPaths::new(&logs, &first.id).journal, b"{ kaputt\n{ kaputt\n").unwrap();
    let (history, notices) = read_history(&logs, &journey, &third.id);
    assert_eq!(history.stations.len(), 1, "the unreadable station is left out, the other stays");
    assert!(
        notices.contains(&Msg::Store(StoreMsg::HistoryLeftOut { station: first.id.clone() })),
        "{notices:?}"
    );
    assert!(
        notices.iter().any(|msg| matches!(msg, Msg::Store(StoreMsg::LogUnreadable { .. }))),
        "{notices:?}"
    );
}
