//! Any journal, however absurd, folds into a session whose console and
//! projection draw without a panic at any size and any time, whose commands
//! decide without a panic, and whose events survive a JSON round trip.
//!
//! A station log is a file: a hand edit, a clock set to another century or a
//! bug in an older version can put anything into it, and the facilitator
//! must still get a console, not a crash, when the station opens.
#![allow(clippy::unwrap_used)] // a fixture that cannot load should fail the test loudly

mod common;

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};
use moderato::core::Timestamp;
use moderato::core::command::Command;
use moderato::core::consultation::{self, Casting, Command as ConsultationCommand, Role};
use moderato::core::discussion::{Capture, Change, Command as DiscussionCommand, Hand, Speaker};
use moderato::core::event::{AgendaChange, Anchor, AnchorMode, Envelope, Event, Presence, Scene};
use moderato::core::exchange::Change as XChange;
use moderato::core::method::{MethodCommand, MethodEvent};
use moderato::core::reflection::{Change as ReflectionChange, Command as ReflectionCommand, Takeaway};
use moderato::core::room::RoomView;
use moderato::core::session::Session;
use moderato::core::timer::later;
use moderato::i18n::Lang;
use moderato::plan::{
    self, Block, BlockKind, Discussion, Journey, Method, QueuePolicy, Reflection, ReflectionFormat,
    RoundOrder, SpeakerClock,
};
use moderato::ui::{
    ConsoleView, ConsultationFocus, MethodFocus, Overlay, ProjectionView, ReflectionFocus, Theme, ThemeName,
    draw_console, draw_projection,
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use uuid::Uuid;

static JOURNEY: LazyLock<Journey> = LazyLock::new(|| {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
});

/// The sizes a console or a projection may get: below the minimum, the minimum, common and large.
const SIZES: [(u16, u16); 5] = [(1, 1), (20, 5), (60, 16), (80, 24), (200, 55)];

fn t0() -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap()
}

/// Mostly the station's real blocks (so events land), sometimes a block the agenda never had.
fn block_id() -> impl Strategy<Value = String> {
    let known: Vec<String> = JOURNEY.stations[0].blocks.iter().map(|block| block.id.clone()).collect();
    prop_oneof![
        4 => proptest::sample::select(known),
        1 => Just("diskussion-fuehrung".to_string()),
        1 => "[a-z0-9-]{1,12}",
        1 => text(),
    ]
}

/// Mostly the cohort, sometimes someone who is not in it.
/// A participant of the cohort (or an unknown id), or a guest by any name.
fn speaker() -> impl Strategy<Value = Speaker> {
    prop_oneof![3 => participant().prop_map(Speaker::Participant), 1 => text().prop_map(Speaker::Guest)]
}

fn participant() -> impl Strategy<Value = String> {
    let known: Vec<String> = JOURNEY.participants.iter().map(|p| p.id.clone()).collect();
    prop_oneof![3 => proptest::sample::select(known), 1 => "[a-z0-9]{1,6}", 1 => text()]
}

/// Texts a facilitator or a damaged file may hold: empty, ordinary, emoji with
/// joiners, flags, combining marks, right-to-left, control characters, and very long.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just("👩‍💻".to_string()),
        Just("🇩🇪".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{200d}".to_string()),
        Just("\u{301}".to_string()),
        Just("שלום".to_string()),
        Just("\t\n\r".to_string()),
        Just("👨‍👩‍👧‍👦".to_string()),
        Just("ＷＩＤＥ".to_string()),
        "\\PC{1,3}",
        " +",
    ];
    prop_oneof![
        1 => Just(String::new()),
        3 => "\\PC{0,40}",
        3 => prop::collection::vec(tricky.clone(), 1..12).prop_map(|parts| parts.concat()),
        1 => (prop::collection::vec(tricky, 1..4), 1usize..3000)
            .prop_map(|(parts, times)| parts.concat().repeat(times)),
    ]
}

fn minutes() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 1u32..120, 1 => Just(0u32), 1 => Just(u32::MAX), 1 => any::<u32>()]
}

fn position() -> impl Strategy<Value = usize> {
    prop_oneof![3 => 0usize..20, 1 => Just(usize::MAX), 1 => any::<usize>()]
}

/// Offsets from UTC the log may carry, in whole minutes up to a minute short
/// of a day either way (RFC 3339, the log's format, has no seconds in an offset).
fn offset() -> impl Strategy<Value = FixedOffset> {
    prop_oneof![Just(60), Just(0), Just(-12 * 60), Just(14 * 60), -1439i32..1440]
        .prop_map(|minutes| FixedOffset::east_opt(minutes * 60).unwrap())
}

/// An instant: on the day, years away, or at the edge of what chrono can hold.
fn instant() -> impl Strategy<Value = Timestamp> {
    let secs = prop_oneof![
        6 => -3_600i64..86_400,
        2 => -400_000_000_000i64..400_000_000_000, // about ±12,700 years
        1 => Just(i64::MIN),
        1 => Just(i64::MAX),
    ];
    // `later` in the instant's own offset, as chrono would parse it from a log:
    // the local time stays inside the calendar.
    (secs, offset()).prop_map(|(secs, offset)| {
        let delta =
            TimeDelta::try_seconds(secs).unwrap_or(if secs < 0 { TimeDelta::MIN } else { TimeDelta::MAX });
        later(t0().with_timezone(&offset), delta)
    })
}

fn anchor() -> impl Strategy<Value = Anchor> {
    (prop_oneof![Just(AnchorMode::Planned), Just(AnchorMode::Shifted)], instant())
        .prop_map(|(mode, start)| Anchor { mode, start })
}

fn hand() -> impl Strategy<Value = Hand> {
    prop_oneof![Just(Hand::Normal), Just(Hand::Reply), Just(Hand::PointOfOrder)]
}

fn policy() -> impl Strategy<Value = QueuePolicy> {
    prop_oneof![Just(QueuePolicy::FirstCome), Just(QueuePolicy::FirstTimeFirst), Just(QueuePolicy::Alternate)]
}

fn capture() -> impl Strategy<Value = Capture> {
    let due = proptest::option::of((-5000i32..15000, 1u32..13, 1u32..32))
        .prop_map(|date| date.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)));
    prop_oneof![
        text().prop_map(|text| Capture::Parked { text }),
        text().prop_map(|text| Capture::Decision { text }),
        (text(), proptest::option::of(participant()), due).prop_map(|(text, owner, due)| Capture::Action {
            text,
            owner,
            due
        }),
    ]
}

/// A block as an insertion may bring it: any kind, any length, pinned anywhere,
/// a discussion with odd questions and limits.
fn inserted_block() -> impl Strategy<Value = Block> {
    let kind = proptest::sample::select(BlockKind::ALL.to_vec());
    let fixed = proptest::option::of(
        (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
    );
    let clock = prop_oneof![Just(SpeakerClock::Hidden), Just(SpeakerClock::Cue), Just(SpeakerClock::Shown)];
    let discussion = (
        prop::collection::vec(text(), 0..4),
        proptest::option::of(any::<u32>()),
        policy(),
        proptest::option::of(text()),
        clock,
    )
        .prop_map(|(questions, speaker_limit_secs, policy, alternate_by, speaker_clock)| {
            Method::Discussion(Discussion {
                questions,
                speaker_limit_secs,
                policy,
                alternate_by,
                speaker_clock,
            })
        });
    let reflection = (
        proptest::sample::select(ReflectionFormat::ALL.to_vec()),
        prop::collection::vec(text(), 0..4),
        prop::collection::vec(any::<u32>(), 0..6),
        proptest::option::of(any::<bool>()),
        any::<u32>(),
        any::<bool>(),
    )
        .prop_map(|(format, prompts, times_secs, blitzlicht, turn_secs, prompts_at_once)| {
            Method::Reflection(Reflection {
                format,
                prompts,
                prompt_set: None,
                blitzlicht,
                prompts_at_once,
                times_secs,
                turn_secs,
                order: RoundOrder::Shuffled,
            })
        });
    let method = prop_oneof![Just(Method::Plain), discussion, reflection];
    (
        (block_id(), kind, text(), minutes(), fixed),
        (proptest::option::of(participant()), proptest::option::of(text()), proptest::option::of(text())),
        (prop_oneof![Just(0u32), Just(120), any::<u32>()], method),
    )
        .prop_map(
            |((id, kind, title, minutes, fixed_start), (owner, speaker, notes), (last, method))| Block {
                id,
                kind,
                title,
                minutes,
                fixed_start,
                owner,
                speaker,
                notes,
                last_minutes_secs: last,
                speaker_clock: moderato::plan::PersonClock::Discreet,
                method,
            },
        )
}

fn exch(block: String, change: XChange) -> Event {
    Event::Method(MethodEvent::Exchange { block, change })
}

/// A participant id of the demo, or text that is none.
fn member() -> impl Strategy<Value = String> {
    prop_oneof![(1u32..16).prop_map(|n| format!("p{n:02}")), text()]
}

fn groups() -> impl Strategy<Value = Vec<Vec<String>>> {
    proptest::collection::vec(proptest::collection::vec(member(), 0..5), 0..7)
}

/// Every change a consultation records, with extreme indices, minutes and texts.
fn consultation_change() -> impl Strategy<Value = consultation::Change> {
    use consultation::{CaseField, Change as C, Confidential, Role};
    let role = prop_oneof![
        Just(Role::CaseGiver),
        Just(Role::Moderator),
        Just(Role::Secretary),
        Just(Role::Observer)
    ];
    let field = prop_oneof![Just(CaseField::Title), Just(CaseField::Description), Just(CaseField::Closing)];
    let minutes = prop_oneof![3 => -5i64..10, 1 => Just(i64::MAX), 1 => Just(i64::MIN), 1 => any::<i64>()];
    prop_oneof![
        (
            position(),
            position(),
            role,
            proptest::option::of(participant()),
            proptest::option::of(participant())
        )
            .prop_map(|(group, case, role, participant, suggested)| C::Cast {
                group,
                case,
                role,
                participant,
                suggested
            }),
        (participant(), position()).prop_map(|(participant, group)| C::MemberMoved { participant, group }),
        (position(), position()).prop_map(|(case, phase)| C::PhaseShown { case, phase }),
        (position(), position(), minutes).prop_map(|(case, phase, minutes)| C::PhaseAdjusted {
            case,
            phase,
            minutes
        }),
        (position(), position(), field, text()).prop_map(|(group, case, field, text)| C::CaseNoted {
            group,
            case,
            field,
            text,
            confidential: Confidential
        }),
        (position(), position(), text()).prop_map(|(group, case, text)| {
            // Marked or not by the text's length: the strategy draws as before.
            let confidential = (text.len() % 2 == 0).then_some(Confidential);
            C::KeyQuestionSet { group, case, text, confidential }
        }),
        (position(), position(), proptest::option::of(text()))
            .prop_map(|(group, case, method)| C::MethodChosen { group, case, method }),
        (position(), position(), text(), proptest::option::of(participant())).prop_map(
            |(group, case, text, giver)| C::IdeaAdded {
                group,
                case,
                text,
                giver,
                confidential: Confidential
            }
        ),
        (position(), position(), position()).prop_map(|(group, case, index)| C::IdeaRetracted {
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

fn disc(block: String, change: Change) -> Event {
    Event::Method(MethodEvent::Discussion { block, change })
}

/// Every change a reflection records, with extreme numbers and texts.
fn reflection_change() -> impl Strategy<Value = ReflectionChange> {
    let takeaway = (text(), proptest::option::of(participant()), any::<bool>(), any::<bool>())
        .prop_map(|(text, owner, commitment, protocol)| Takeaway { text, owner, commitment, protocol });
    prop_oneof![
        position().prop_map(|index| ReflectionChange::PhaseShown { index }),
        (prop::collection::vec(participant(), 0..20), proptest::option::of(any::<u64>()))
            .prop_map(|(order, seed)| ReflectionChange::RoundOrdered { order, seed }),
        Just(ReflectionChange::RoundCleared),
        participant().prop_map(|participant| ReflectionChange::TurnStarted { participant }),
        Just(ReflectionChange::Passed),
        Just(ReflectionChange::TurnEnded),
        Just(ReflectionChange::TurnWithdrawn),
        Just(ReflectionChange::TurnReopened),
        takeaway.prop_map(|takeaway| ReflectionChange::Noted { takeaway }),
        position().prop_map(|index| ReflectionChange::Retracted { index }),
        (position(), any::<bool>())
            .prop_map(|(index, protocol)| ReflectionChange::Marked { index, protocol }),
        proptest::option::of(position()).prop_map(|index| ReflectionChange::Shown { index }),
    ]
}

/// Every kind of event, with extreme numbers and texts.
fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        anchor().prop_map(|anchor| Event::StationStarted { anchor }),
        Just(Event::StationResumed),
        anchor().prop_map(|anchor| Event::ScheduleAnchored { anchor }),
        block_id().prop_map(|block| Event::BlockStarted { block }),
        block_id().prop_map(|block| Event::BlockPaused { block }),
        block_id().prop_map(|block| Event::BlockResumed { block }),
        (block_id(), minutes()).prop_map(|(block, minutes)| Event::BlockExtended { block, minutes }),
        (block_id(), minutes()).prop_map(|(block, minutes)| Event::BlockShortened { block, minutes }),
        block_id().prop_map(|block| Event::BlockCompleted { block }),
        block_id().prop_map(|block| Event::BlockSkipped { block }),
        block_id().prop_map(|block| Event::BlockReturned { block }),
        block_id().prop_map(|block| Event::BlockRestored { block }),
        block_id().prop_map(|block| Event::BlockUnstarted { block }),
        prop_oneof![Just(0u64), Just(1), Just(u64::MAX), any::<u64>()].prop_map(|seq| Event::Undone { seq }),
        block_id().prop_map(|block| Event::AgendaChanged { change: AgendaChange::Removed { block } }),
        (block_id(), position()).prop_map(|(block, index)| disc(block, Change::Retracted { index })),
        (block_id(), position()).prop_map(|(block, position)| Event::AgendaChanged {
            change: AgendaChange::Moved { block, position }
        }),
        (block_id(), minutes()).prop_map(|(block, minutes)| Event::AgendaChanged {
            change: AgendaChange::DurationSet { block, minutes }
        }),
        (inserted_block(), position()).prop_map(|(block, position)| Event::AgendaChanged {
            change: AgendaChange::Inserted { block: Box::new(block), position }
        }),
        (block_id(), speaker(), hand())
            .prop_map(|(block, speaker, hand)| disc(block, Change::HandRaised { speaker, hand })),
        (block_id(), speaker()).prop_map(|(block, speaker)| disc(block, Change::HandWithdrawn { speaker })),
        (block_id(), speaker(), position())
            .prop_map(|(block, speaker, position)| disc(block, Change::HandMoved { speaker, position })),
        (block_id(), speaker(), hand())
            .prop_map(|(block, speaker, hand)| disc(block, Change::TurnStarted { speaker, hand })),
        block_id().prop_map(|block| disc(block, Change::TurnEnded)),
        (block_id(), 0usize..6, any::<u64>(), groups()).prop_map(|(block, round, seed, groups)| exch(
            block,
            XChange::GroupsProposed { round, seed, groups }
        )),
        (block_id(), 0usize..6, member(), member())
            .prop_map(|(block, round, a, b)| exch(block, XChange::Swapped { round, a, b })),
        (block_id(), 0usize..6, member(), proptest::option::of(0usize..8)).prop_map(
            |(block, round, participant, group)| exch(block, XChange::Placed { round, participant, group })
        ),
        (block_id(), 0usize..6, groups())
            .prop_map(|(block, round, groups)| exch(block, XChange::RoundFixed { round, groups })),
        (block_id(), 0usize..6).prop_map(|(block, round)| exch(block, XChange::RoundReopened { round })),
        (block_id(), 0usize..6).prop_map(|(block, round)| exch(block, XChange::RoundShown { round })),
        (block_id(), policy()).prop_map(|(block, policy)| disc(block, Change::QueuePolicyChanged { policy })),
        (block_id(), position()).prop_map(|(block, index)| disc(block, Change::QuestionShown { index })),
        (block_id(), capture()).prop_map(|(block, capture)| disc(block, Change::Captured { capture })),
        (block_id(), consultation_change())
            .prop_map(|(block, change)| Event::Method(MethodEvent::Consultation { block, change })),
        (participant(), any::<bool>()).prop_map(|(participant, here)| Event::AttendanceChanged {
            participant,
            presence: if here { Presence::Present } else { Presence::Absent },
        }),
        prop_oneof![
            Just(Scene::Auto),
            Just(Scene::Agenda),
            Just(Scene::Blank),
            Just(Scene::TalkTime),
            text().prop_map(|text| Scene::Message { text }),
        ]
        .prop_map(|scene| Event::SceneChanged { scene }),
        (proptest::option::of(block_id()), text()).prop_map(|(block, text)| Event::NoteAdded { block, text }),
        (block_id(), reflection_change())
            .prop_map(|(block, change)| Event::Method(MethodEvent::Reflection { block, change })),
    ]
}

#[test]
fn the_strategy_covers_every_event_variant() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let seen: std::collections::BTreeSet<&str> =
        (0..2000).map(|_| common::variant(&event().new_tree(&mut runner).unwrap().current())).collect();
    assert_eq!(seen.len(), common::EVENT_VARIANTS, "{seen:?}");
}

/// A journal: envelopes in any order of time, with any sequence numbers.
fn journal() -> impl Strategy<Value = Vec<Envelope>> {
    // The discussion block runs in most journals, so its method's events have a state to land in.
    let start_discussion = prop_oneof![
        2 => Just(vec![
            Event::StationStarted { anchor: Anchor { mode: AnchorMode::Planned, start: t0() } },
            Event::BlockStarted { block: "diskussion-fuehrung".into() },
        ]),
        2 => Just(vec![
            Event::StationStarted { anchor: Anchor { mode: AnchorMode::Planned, start: t0() } },
            Event::BlockStarted { block: "fallberatung".into() },
        ]),
        1 => Just(vec![
            Event::StationStarted { anchor: Anchor { mode: AnchorMode::Planned, start: t0() } },
            Event::BlockStarted { block: "reflexion-tag".into() },
        ]),
        1 => Just(Vec::new()),
    ];
    let seq = prop_oneof![3 => 1u64..100, 1 => any::<u64>()];
    (start_discussion, prop::collection::vec((any::<u128>(), seq, instant(), event()), 0..48)).prop_map(
        |(opening, rest)| {
            let opening = opening.into_iter().map(|event| (0u128, 0u64, t0(), event));
            opening
                .chain(rest)
                .map(|(id, seq, at, event)| Envelope { id: Uuid::from_u128(id), seq, at, event })
                .collect()
        },
    )
}

/// Times to look at the session: before everything, between events, far after.
fn moments(journal: &[Envelope]) -> Vec<Timestamp> {
    let mut times: Vec<Timestamp> = journal.iter().map(|envelope| envelope.at).collect();
    times.sort();
    let first = times.first().copied().unwrap_or_else(t0);
    let last = times.last().copied().unwrap_or_else(t0);
    let middle = times.get(times.len() / 2).copied().unwrap_or_else(t0);
    vec![
        later(first, TimeDelta::days(-1)),
        middle,
        later(middle, TimeDelta::seconds(1)),
        t0(),
        later(last, TimeDelta::days(365 * 100)),
        later(last, TimeDelta::MAX),
    ]
}

/// Commands a facilitator may give on any session (the console decides one for every key).
fn commands(session: &Session) -> Vec<Command> {
    let some_block = session.agenda.last().map_or_else(String::new, |item| item.block.id.clone());
    let discussion = |command| Command::Method(MethodCommand::Discussion(command));
    let consultation = |command| Command::Method(MethodCommand::Consultation(command));
    let reflection = |command| Command::Method(MethodCommand::Reflection(command));
    let mut commands = vec![
        Command::StartPause,
        Command::NextBlock,
        Command::PreviousBlock,
        Command::Skip { block: some_block.clone() },
        Command::Move { block: some_block.clone(), earlier: true },
        Command::Move { block: some_block.clone(), earlier: false },
        Command::InsertBreak { after: Some(some_block.clone()), minutes: 10, title: "Pause".into() },
        Command::InsertBreak { after: None, minutes: 10, title: "Pause".into() },
        Command::SetScene(Scene::TalkTime),
        Command::AddNote { text: "n".into() },
        Command::Reanchor,
        Command::Resume,
        Command::Undo,
        Command::Restore { block: some_block.clone() },
        discussion(DiscussionCommand::CallNext),
        discussion(DiscussionCommand::EndTurn),
        discussion(DiscussionCommand::NextQuestion(true)),
        discussion(DiscussionCommand::NextQuestion(false)),
        discussion(DiscussionCommand::Raise { participant: "p01".into(), hand: Hand::Reply }),
        discussion(DiscussionCommand::MoveHand {
            speaker: Speaker::Participant("p01".into()),
            earlier: true,
        }),
        discussion(DiscussionCommand::RaiseGuest { name: "Gast".into(), hand: Hand::Normal }),
        discussion(DiscussionCommand::SetPolicy(QueuePolicy::Alternate)),
        consultation(ConsultationCommand::Phase(true)),
        consultation(ConsultationCommand::Phase(false)),
        consultation(ConsultationCommand::AdjustPhase(1)),
        consultation(ConsultationCommand::AdjustPhase(-1)),
        consultation(ConsultationCommand::Release { group: 0, released: true }),
        consultation(ConsultationCommand::MoveMember { participant: "p01".into(), group: 1 }),
        consultation(ConsultationCommand::Cast(vec![Casting {
            group: 0,
            role: Role::CaseGiver,
            participant: Some("p01".into()),
            suggested: None,
        }])),
        consultation(ConsultationCommand::Idea { group: 0, text: "i".into(), giver: Some("p02".into()) }),
        consultation(ConsultationCommand::ChooseMethod { group: 0, method: "headstand".into() }),
        reflection(ReflectionCommand::Next { seed: u64::MAX }),
        reflection(ReflectionCommand::Pass),
        reflection(ReflectionCommand::Back),
        reflection(ReflectionCommand::Show(Some(usize::MAX))),
        reflection(ReflectionCommand::MarkForProtocol { index: 0, protocol: true }),
        reflection(ReflectionCommand::Note(Takeaway {
            text: "Bis Köln".into(),
            owner: Some("p01".into()),
            commitment: true,
            protocol: true,
        })),
    ];
    for item in &session.agenda {
        for minutes in [1, -1, 5, -5] {
            commands.push(Command::AdjustTime { block: item.block.id.clone(), minutes });
        }
    }
    commands
}

fn draw_both(session: &Session, now: Timestamp, lang: Lang, overlay: Overlay, queue_cursor: Option<usize>) {
    let journey = &*JOURNEY;
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = moderato::app::key_help_for(session);
    let room = RoomView::new(&journey.stations[0], session, now);
    let counts = consultation::RoleCounts::new();
    for (width, height) in SIZES {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let view = ConsoleView {
            journey_title: &journey.title,
            station_title: &journey.stations[0].title,
            session,
            now,
            selected: session.agenda.first().map(|item| item.block.id.as_str()),
            queue_cursor,
            talk_by_organisation: queue_cursor.is_some(),
            // The casting screen with the queue's cursor, when there is one.
            method: match (queue_cursor, session.current().and_then(|item| item.method.reflection())) {
                (Some(cursor), Some(_)) => {
                    MethodFocus::Reflection(ReflectionFocus { cursor: Some(cursor), commitments: None })
                }
                (Some(cursor), None) => MethodFocus::Consultation(ConsultationFocus {
                    casting: Some(cursor),
                    group: cursor,
                    counts: &counts,
                }),
                (None, _) => MethodFocus::None,
            },
            overlay,
            failure: None,
            unrecorded: false,
            banners: &[],
            message: None,
            keys: &keys,
            lang,
            theme: &theme,
        };
        terminal.draw(|frame| draw_console(frame, &view)).unwrap();
        let projection =
            ProjectionView { room: &room, warning: Some("⚠"), hint: Some("p"), lang, theme: &theme };
        terminal.draw(|frame| draw_projection(frame, &projection)).unwrap();
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    /// Replay, summary, every command and both views survive any journal.
    #[test]
    fn any_journal_folds_decides_and_draws(
        journal in journal(),
        english in any::<bool>(),
        help in any::<bool>(),
        queue_cursor in proptest::option::of(position()),
    ) {
        let journey = &*JOURNEY;
        let session = Session::replay(&journey.stations[0], &journey.participants, &journal);
        let _ = session.summary();
        let lang = if english { Lang::En } else { Lang::De };
        let overlay = if help { Overlay::Help { scroll: 0 } } else { Overlay::None };
        for now in moments(&journal) {
            for command in commands(&session) {
                let _ = session.decide(&command, now);
            }
            draw_both(&session, now, lang, overlay, queue_cursor);
        }
    }

    /// Every envelope comes back from JSON as it went in, and replays to the same session.
    #[test]
    fn any_journal_survives_json(journal in journal()) {
        let json = serde_json::to_string(&journal).unwrap();
        let back: Vec<Envelope> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &journal);
        let journey = &*JOURNEY;
        let replay = |events: &[Envelope]| Session::replay(&journey.stations[0], &journey.participants, events);
        prop_assert_eq!(replay(&back), replay(&journal));
    }
}
