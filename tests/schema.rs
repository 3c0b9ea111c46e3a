//! The station log's JSON Schema (`assets/schema/station-log.schema.json`)
//! checked against logs the store really writes: fresh logs, a log with every
//! kind of event, a log replayed from its journal, and mutated logs the schema
//! must refuse.
#![allow(
    clippy::unwrap_used,
    reason = "helpers outside #[test] fns are not covered by allow-unwrap-in-tests; a test that cannot set up its logs should fail loudly"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::sync::OnceLock;

use chrono::{DateTime, NaiveTime};
use moderato::core::Timestamp;
use moderato::core::consultation::{self, CaseField, Confidential, Role};
use moderato::core::discussion::{Capture, Change, Hand, Speaker};
use moderato::core::event::{AgendaChange, Anchor, AnchorMode, Event, Presence, Scene};
use moderato::core::exchange::Change as XChange;
use moderato::core::method::MethodEvent;
use moderato::core::reflection::{Change as ReflectionChange, Takeaway};
use moderato::plan::{
    self, Block, BlockKind, Discussion, Journey, Method, QueuePolicy, SpeakerClock, Station,
};
use moderato::store::{StationLog, StationStore};
use rstest::rstest;
use serde_json::{Value, json};
use tempfile::TempDir;

const SCHEMA_FILE: &str = "assets/schema/station-log.schema.json";

fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SCHEMA_FILE);
    let text = fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// The schema compiled as draft 2020-12, with `format` asserted rather than
/// only annotated.
fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema())
        .unwrap_or_else(|err| panic!("{SCHEMA_FILE} does not compile: {err}"))
}

/// Every way `log` breaks the schema, one line each: the validator's errors,
/// then the details behind them. For a failed `oneOf` over tagged variants
/// only the branch whose tag (`type`, `change`, `method`) matches is shown:
/// the other branches only say that the tag differs.
fn schema_errors(log: &Value) -> Vec<String> {
    let validator = validator();
    let mut errors: Vec<String> = validator
        .iter_errors(log)
        .map(|err| format!("at '{}' (schema '{}'): {err}", err.instance_path(), err.schema_path()))
        .collect();
    if errors.is_empty() {
        return errors;
    }
    let list = serde_json::to_value(validator.evaluate(log).list()).unwrap_or_default();
    let units = list["details"].as_array().cloned().unwrap_or_default();
    // (evaluation path, instance location, keyword, message) of every failed keyword.
    let failed: Vec<(&str, &str, &str, &str)> = units
        .iter()
        .flat_map(|unit| {
            let path = unit["evaluationPath"].as_str().unwrap_or_default();
            let at = unit["instanceLocation"].as_str().unwrap_or_default();
            unit["errors"].as_object().into_iter().flatten().map(move |(keyword, message)| {
                (path, at, keyword.as_str(), message.as_str().unwrap_or_default())
            })
        })
        .collect();
    let other_variants: Vec<(String, &str)> = failed
        .iter()
        .filter_map(|(path, at, _, _)| {
            let branch = ["type", "change", "method"]
                .iter()
                .find_map(|tag| path.strip_suffix(&format!("/properties/{tag}/const")))?;
            let object = at.rsplit_once('/').map_or("", |(object, _)| object);
            Some((format!("{branch}/"), object))
        })
        .collect();
    for (path, at, keyword, message) in failed {
        let other_variant = other_variants
            .iter()
            .any(|(branch, object)| path.starts_with(branch.as_str()) && pointer_within(at, object));
        if other_variant || keyword == "oneOf" || path.contains("/if/") {
            continue;
        }
        let detail = format!("  detail at '{at}': {message}");
        if !errors.contains(&detail) {
            errors.push(detail);
        }
    }
    errors
}

/// Whether the JSON pointer `inner` is `outer` or lies inside it.
fn pointer_within(inner: &str, outer: &str) -> bool {
    inner == outer || inner.starts_with(&format!("{outer}/"))
}

fn assert_valid(log: &Value, what: &str) {
    let errors = schema_errors(log);
    assert!(
        errors.is_empty(),
        "{what} does not match {SCHEMA_FILE}:\n  {}\n\nthe log:\n{}",
        errors.join("\n  "),
        serde_json::to_string_pretty(log).unwrap_or_default()
    );
}

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn station<'a>(journey: &'a Journey, id: &str) -> &'a Station {
    journey.station(id).unwrap_or_else(|| panic!("the demo journey has no station {id}"))
}

fn at(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|err| panic!("{text}: {err}"))
}

fn read_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

/// Groups of three, as an exchange records them.
fn trios() -> Vec<Vec<String>> {
    vec![vec!["p01".into(), "p02".into(), "p03".into()], vec!["p04".into(), "p05".into(), "p06".into()]]
}

/// An exchange's change as the event of the kick-off's exchange block.
fn exch(change: XChange) -> Event {
    Event::Method(MethodEvent::Exchange { block: "vernetzung".into(), change })
}

/// A discussion's change as the event of the station's discussion block.
fn disc(station: &Station, change: Change) -> Event {
    Event::Method(MethodEvent::Discussion { block: block_id(station, 5), change })
}

/// A consultation's change as the event of the station's consultation block.
fn cons(station: &Station, change: consultation::Change) -> Event {
    Event::Method(MethodEvent::Consultation { block: block_id(station, 6), change })
}

/// The name of each case of a consultation's change the schema must accept.
fn consultation_variant(change: &consultation::Change) -> &'static str {
    use consultation::Change as C;
    match change {
        C::Cast { participant: Some(_), .. } => "consultation/cast",
        C::Cast { participant: None, .. } => "consultation/cast/cleared",
        C::MemberMoved { .. } => "consultation/member_moved",
        C::PhaseShown { .. } => "consultation/phase_shown",
        C::PhaseAdjusted { .. } => "consultation/phase_adjusted",
        C::CaseNoted { .. } => "consultation/case_noted",
        C::KeyQuestionSet { .. } => "consultation/key_question_set",
        C::MethodChosen { .. } => "consultation/method_chosen",
        C::IdeaAdded { .. } => "consultation/idea_added",
        C::IdeaRetracted { .. } => "consultation/idea_retracted",
        C::KeyQuestionReleased { .. } => "consultation/key_question_released",
    }
}

/// The name of each case of a discussion's change the schema must accept.
fn discussion_variant(change: &Change) -> &'static str {
    match change {
        // A guest stands under `guest`, not `participant`: each change that names a speaker, once with a guest.
        Change::HandRaised { speaker: Speaker::Guest(_), .. } => "discussion/hand_raised/guest",
        Change::HandWithdrawn { speaker: Speaker::Guest(_) } => "discussion/hand_withdrawn/guest",
        Change::HandMoved { speaker: Speaker::Guest(_), .. } => "discussion/hand_moved/guest",
        Change::TurnStarted { speaker: Speaker::Guest(_), .. } => "discussion/turn_started/guest",
        Change::HandRaised { hand: Hand::Normal, .. } => "discussion/hand_raised/normal",
        Change::HandRaised { hand: Hand::Reply, .. } => "discussion/hand_raised/reply",
        Change::HandRaised { hand: Hand::PointOfOrder, .. } => "discussion/hand_raised/point_of_order",
        Change::HandWithdrawn { .. } => "discussion/hand_withdrawn",
        Change::HandMoved { .. } => "discussion/hand_moved",
        Change::TurnStarted { .. } => "discussion/turn_started",
        Change::TurnEnded => "discussion/turn_ended",
        Change::QueuePolicyChanged { .. } => "discussion/queue_policy_changed",
        Change::QuestionShown { .. } => "discussion/question_shown",
        Change::Captured { capture: Capture::Parked { .. } } => "discussion/captured/parked",
        Change::Captured { capture: Capture::Decision { .. } } => "discussion/captured/decision",
        Change::Captured { capture: Capture::Action { .. } } => "discussion/captured/action",
        Change::Retracted { .. } => "discussion/retracted",
    }
}

/// A reflection's change as the event of the station's evening reflection.
fn refl(change: ReflectionChange) -> Event {
    Event::Method(MethodEvent::Reflection { block: "reflexion-tag".into(), change })
}

/// The name of each case of a reflection's change the schema must accept.
fn reflection_variant(change: &ReflectionChange) -> &'static str {
    match change {
        ReflectionChange::PhaseShown { .. } => "reflection/phase_shown",
        ReflectionChange::RoundOrdered { seed: Some(_), .. } => "reflection/round_ordered/shuffled",
        ReflectionChange::RoundOrdered { seed: None, .. } => "reflection/round_ordered",
        ReflectionChange::RoundCleared => "reflection/round_cleared",
        ReflectionChange::TurnStarted { .. } => "reflection/turn_started",
        ReflectionChange::Passed => "reflection/passed",
        ReflectionChange::TurnEnded => "reflection/turn_ended",
        ReflectionChange::TurnWithdrawn => "reflection/turn_withdrawn",
        ReflectionChange::TurnReopened => "reflection/turn_reopened",
        ReflectionChange::Noted { takeaway: Takeaway { owner: None, .. } } => "reflection/noted/anonymous",
        ReflectionChange::Noted { .. } => "reflection/noted/attributed",
        ReflectionChange::Retracted { .. } => "reflection/retracted",
        ReflectionChange::Marked { .. } => "reflection/marked",
        ReflectionChange::Shown { index: Some(_) } => "reflection/shown",
        ReflectionChange::Shown { index: None } => "reflection/hidden",
    }
}

/// The name of each case of an event the schema must accept. There is no `_`
/// arm: a new event variant, anchor mode or agenda change does not compile
/// until it is named here, listed in [`EVENT_CASES`] and recorded below.
fn event_case(event: &Event) -> &'static str {
    match event {
        Event::StationStarted { anchor: Anchor { mode: AnchorMode::Planned, .. } } => {
            "station_started/planned"
        }
        Event::StationStarted { anchor: Anchor { mode: AnchorMode::Shifted, .. } } => {
            "station_started/shifted"
        }
        Event::StationResumed => "station_resumed",
        Event::ScheduleAnchored { anchor: Anchor { mode: AnchorMode::Planned, .. } } => {
            "schedule_anchored/planned"
        }
        Event::ScheduleAnchored { anchor: Anchor { mode: AnchorMode::Shifted, .. } } => {
            "schedule_anchored/shifted"
        }
        Event::BlockStarted { .. } => "block_started",
        Event::BlockPaused { .. } => "block_paused",
        Event::BlockResumed { .. } => "block_resumed",
        Event::BlockExtended { .. } => "block_extended",
        Event::BlockShortened { .. } => "block_shortened",
        Event::BlockCompleted { .. } => "block_completed",
        Event::BlockSkipped { .. } => "block_skipped",
        Event::BlockReturned { .. } => "block_returned",
        Event::BlockRestored { .. } => "block_restored",
        Event::BlockUnstarted { .. } => "block_unstarted",
        Event::Undone { .. } => "undone",
        Event::AgendaChanged { change: AgendaChange::Moved { .. } } => "agenda_changed/moved",
        Event::AgendaChanged { change: AgendaChange::DurationSet { .. } } => "agenda_changed/duration_set",
        Event::AgendaChanged { change: AgendaChange::Inserted { .. } } => "agenda_changed/inserted",
        Event::AgendaChanged { change: AgendaChange::Removed { .. } } => "agenda_changed/removed",
        Event::Method(MethodEvent::Discussion { change, .. }) => discussion_variant(change),
        Event::Method(MethodEvent::Consultation { change, .. }) => consultation_variant(change),
        Event::Method(MethodEvent::Reflection { change, .. }) => reflection_variant(change),
        Event::Method(MethodEvent::Exchange { change, .. }) => match change {
            XChange::GroupsProposed { .. } => "exchange/groups_proposed",
            XChange::Swapped { .. } => "exchange/swapped",
            XChange::Placed { .. } => "exchange/placed",
            XChange::RoundFixed { .. } => "exchange/round_fixed",
            XChange::RoundReopened { .. } => "exchange/round_reopened",
            XChange::RoundShown { .. } => "exchange/round_shown",
        },
        Event::AttendanceChanged { presence: Presence::Present, .. } => "attendance_changed/present",
        Event::AttendanceChanged { presence: Presence::Absent, .. } => "attendance_changed/absent",
        Event::SceneChanged { scene: Scene::Auto } => "scene_changed/auto",
        Event::SceneChanged { scene: Scene::Agenda } => "scene_changed/agenda",
        Event::SceneChanged { scene: Scene::Message { .. } } => "scene_changed/message",
        Event::SceneChanged { scene: Scene::Blank } => "scene_changed/blank",
        Event::SceneChanged { scene: Scene::TalkTime } => "scene_changed/talk_time",
        Event::NoteAdded { block: Some(_), .. } => "note_added/with_block",
        Event::NoteAdded { block: None, .. } => "note_added/without_block",
    }
}

const EVENT_CASES: [&str; 78] = [
    "exchange/groups_proposed",
    "exchange/swapped",
    "exchange/placed",
    "exchange/round_fixed",
    "exchange/round_reopened",
    "exchange/round_shown",
    "station_started/planned",
    "station_started/shifted",
    "station_resumed",
    "schedule_anchored/planned",
    "schedule_anchored/shifted",
    "block_started",
    "block_paused",
    "block_resumed",
    "block_extended",
    "block_shortened",
    "block_completed",
    "block_skipped",
    "block_returned",
    "block_restored",
    "block_unstarted",
    "agenda_changed/moved",
    "agenda_changed/duration_set",
    "agenda_changed/inserted",
    "agenda_changed/removed",
    "discussion/hand_raised/normal",
    "discussion/hand_raised/reply",
    "discussion/hand_raised/point_of_order",
    "discussion/hand_withdrawn",
    "discussion/hand_moved",
    "discussion/turn_started",
    "discussion/hand_raised/guest",
    "discussion/hand_withdrawn/guest",
    "discussion/hand_moved/guest",
    "discussion/turn_started/guest",
    "discussion/turn_ended",
    "discussion/queue_policy_changed",
    "discussion/question_shown",
    "discussion/captured/parked",
    "discussion/captured/decision",
    "discussion/captured/action",
    "discussion/retracted",
    "reflection/phase_shown",
    "reflection/round_ordered",
    "reflection/round_ordered/shuffled",
    "reflection/round_cleared",
    "reflection/turn_started",
    "reflection/passed",
    "reflection/turn_ended",
    "reflection/turn_withdrawn",
    "reflection/turn_reopened",
    "reflection/noted/anonymous",
    "reflection/noted/attributed",
    "reflection/retracted",
    "reflection/marked",
    "reflection/shown",
    "reflection/hidden",
    "undone",
    "attendance_changed/present",
    "attendance_changed/absent",
    "scene_changed/auto",
    "scene_changed/agenda",
    "scene_changed/message",
    "scene_changed/blank",
    "scene_changed/talk_time",
    "note_added/with_block",
    "note_added/without_block",
    "consultation/cast",
    "consultation/cast/cleared",
    "consultation/member_moved",
    "consultation/phase_shown",
    "consultation/phase_adjusted",
    "consultation/case_noted",
    "consultation/key_question_set",
    "consultation/method_chosen",
    "consultation/idea_added",
    "consultation/idea_retracted",
    "consultation/key_question_released",
];

/// The same for block methods and kinds, which the log carries in its plan
/// and in inserted blocks.
fn method_case(method: &Method) -> &'static str {
    match method {
        Method::Plain => "plain",
        Method::Discussion(_) => "discussion",
        Method::Consultation(_) => "consultation",
        Method::Reflection(_) => "reflection",
        Method::Exchange(_) => "exchange",
    }
}

const METHOD_CASES: [&str; 5] = ["plain", "discussion", "consultation", "reflection", "exchange"];

fn block_id(station: &Station, index: usize) -> String {
    station.blocks[index].id.clone()
}

/// A break inserted on the fly, with every optional field a block can have
/// except `owner`.
fn inserted_break() -> Block {
    Block {
        id: "pause-extra".to_string(),
        kind: BlockKind::Break,
        title: "Zusätzliche Pause".to_string(),
        minutes: 10,
        fixed_start: NaiveTime::from_hms_opt(10, 30, 0),
        owner: None,
        speaker: Some("Haustechnik".to_string()),
        notes: Some("Beamer neu starten".to_string()),
        last_minutes_secs: 60,
        speaker_clock: moderato::plan::PersonClock::Discreet,
        method: Method::Plain,
    }
}

/// An inserted discussion led by a participant, with every discussion setting.
fn inserted_discussion() -> Block {
    Block {
        id: "diskussion-spontan".to_string(),
        kind: BlockKind::Discussion,
        title: "Spontane Diskussion".to_string(),
        minutes: 15,
        fixed_start: None,
        owner: Some("p03".to_string()),
        speaker: None,
        notes: None,
        last_minutes_secs: 120,
        speaker_clock: moderato::plan::PersonClock::Discreet,
        method: Method::Discussion(Discussion {
            questions: vec!["Was nehmen wir mit?".to_string()],
            speaker_limit_secs: Some(90),
            policy: QueuePolicy::Alternate,
            alternate_by: Some("gruppe".to_string()),
            speaker_clock: SpeakerClock::Cue,
        }),
    }
}

/// The kick-off day on its planned date: every block event, every agenda
/// change, a step back, notes kept with a block; it ends with one block
/// done, one skipped, one current and the rest upcoming.
fn kickoff_events(station: &Station) -> Vec<(Timestamp, Event)> {
    assert!(station.blocks.len() >= 4, "the kick-off needs at least four blocks");
    let planned = Anchor { mode: AnchorMode::Planned, start: at("2022-11-28T09:00:00+01:00") };
    vec![
        (at("2022-11-28T09:00:05+01:00"), Event::StationStarted { anchor: planned }),
        (at("2022-11-28T09:00:10+01:00"), Event::BlockStarted { block: block_id(station, 0) }),
        (
            at("2022-11-28T09:00:11+01:00"),
            exch(XChange::GroupsProposed { round: 0, seed: 1, groups: trios() }),
        ),
        (
            at("2022-11-28T09:00:12+01:00"),
            exch(XChange::Swapped { round: 0, a: "p01".into(), b: "p04".into() }),
        ),
        (
            at("2022-11-28T09:00:13+01:00"),
            exch(XChange::Placed { round: 0, participant: "p07".into(), group: Some(1) }),
        ),
        (at("2022-11-28T09:00:14+01:00"), exch(XChange::RoundFixed { round: 0, groups: trios() })),
        (at("2022-11-28T09:00:15+01:00"), exch(XChange::RoundReopened { round: 0 })),
        (at("2022-11-28T09:00:16+01:00"), exch(XChange::RoundShown { round: 1 })),
        (
            at("2022-11-28T09:03:00+01:00"),
            Event::NoteAdded {
                block: Some(block_id(station, 0)),
                text: "Ton fehlt – Ersatzlaptop".to_string(),
            },
        ),
        (at("2022-11-28T09:04:00+01:00"), Event::BlockPaused { block: block_id(station, 0) }),
        (at("2022-11-28T09:06:30+01:00"), Event::BlockResumed { block: block_id(station, 0) }),
        (at("2022-11-28T09:08:00+01:00"), Event::BlockExtended { block: block_id(station, 0), minutes: 5 }),
        (at("2022-11-28T09:10:00+01:00"), Event::BlockShortened { block: block_id(station, 0), minutes: 2 }),
        (at("2022-11-28T09:16:00+01:00"), Event::BlockCompleted { block: block_id(station, 0) }),
        (at("2022-11-28T09:16:05+01:00"), Event::BlockSkipped { block: block_id(station, 1) }),
        // A block skipped ahead of time and brought back.
        (at("2022-11-28T09:16:08+01:00"), Event::BlockSkipped { block: block_id(station, 7) }),
        (at("2022-11-28T09:16:10+01:00"), Event::BlockRestored { block: block_id(station, 7) }),
        (at("2022-11-28T09:16:12+01:00"), Event::BlockUnstarted { block: block_id(station, 8) }),
        (
            at("2022-11-28T09:16:20+01:00"),
            Event::AgendaChanged { change: AgendaChange::Moved { block: block_id(station, 3), position: 1 } },
        ),
        (
            at("2022-11-28T09:16:40+01:00"),
            Event::AgendaChanged {
                change: AgendaChange::DurationSet { block: block_id(station, 2), minutes: 20 },
            },
        ),
        (
            at("2022-11-28T09:17:00+01:00"),
            Event::AgendaChanged {
                change: AgendaChange::Inserted { block: Box::new(inserted_break()), position: 3 },
            },
        ),
        (
            at("2022-11-28T09:17:10+01:00"),
            Event::AgendaChanged {
                change: AgendaChange::Inserted { block: Box::new(inserted_discussion()), position: 99 },
            },
        ),
        // A break inserted by mistake and taken out again.
        (
            at("2022-11-28T09:17:20+01:00"),
            Event::AgendaChanged {
                change: AgendaChange::Inserted {
                    block: Box::new(Block { id: "pause-9".into(), ..inserted_break() }),
                    position: 4,
                },
            },
        ),
        (
            at("2022-11-28T09:17:25+01:00"),
            Event::AgendaChanged { change: AgendaChange::Removed { block: "pause-9".into() } },
        ),
        (
            at("2022-11-28T09:17:30+01:00"),
            Event::ScheduleAnchored {
                anchor: Anchor { mode: AnchorMode::Planned, start: at("2022-11-28T09:15:00+01:00") },
            },
        ),
        (at("2022-11-28T09:18:00+01:00"), Event::BlockStarted { block: block_id(station, 3) }),
        // A step back to the first block, which then ends again.
        (at("2022-11-28T09:19:00+01:00"), Event::BlockReturned { block: block_id(station, 3) }),
        (at("2022-11-28T09:19:05+01:00"), Event::BlockStarted { block: block_id(station, 0) }),
        (at("2022-11-28T09:19:40+01:00"), Event::BlockCompleted { block: block_id(station, 0) }),
        (at("2022-11-28T09:19:45+01:00"), Event::BlockStarted { block: block_id(station, 3) }),
        (at("2022-11-28T09:20:00+01:00"), Event::SceneChanged { scene: Scene::Agenda }),
        (
            at("2022-11-28T09:20:10+01:00"),
            Event::SceneChanged { scene: Scene::Message { text: "Weiter um 14:30".to_string() } },
        ),
        (at("2022-11-28T09:20:20+01:00"), Event::SceneChanged { scene: Scene::Blank }),
        (at("2022-11-28T09:20:25+01:00"), Event::SceneChanged { scene: Scene::TalkTime }),
        (at("2022-11-28T09:20:30+01:00"), Event::SceneChanged { scene: Scene::Auto }),
        // The moderated discussion's speaker queue and captures.
        (
            at("2022-11-28T10:51:00+01:00"),
            disc(
                station,
                Change::HandRaised { speaker: Speaker::Participant("p01".into()), hand: Hand::Normal },
            ),
        ),
        (
            at("2022-11-28T10:51:10+01:00"),
            disc(
                station,
                Change::HandRaised { speaker: Speaker::Participant("p02".into()), hand: Hand::Reply },
            ),
        ),
        (
            at("2022-11-28T10:51:20+01:00"),
            disc(
                station,
                Change::HandRaised { speaker: Speaker::Participant("p03".into()), hand: Hand::PointOfOrder },
            ),
        ),
        (
            at("2022-11-28T10:51:30+01:00"),
            disc(station, Change::HandMoved { speaker: Speaker::Participant("p01".into()), position: 0 }),
        ),
        (
            at("2022-11-28T10:51:40+01:00"),
            disc(station, Change::HandWithdrawn { speaker: Speaker::Participant("p03".into()) }),
        ),
        (
            at("2022-11-28T10:52:00+01:00"),
            disc(
                station,
                Change::TurnStarted { speaker: Speaker::Participant("p02".into()), hand: Hand::Reply },
            ),
        ),
        (at("2022-11-28T10:54:00+01:00"), disc(station, Change::TurnEnded)),
        // A guest from the host: queued, moved, given the floor, queued again and withdrawn.
        (
            at("2022-11-28T10:54:01+01:00"),
            disc(
                station,
                Change::HandRaised { speaker: Speaker::Guest("Frau Dr. Gast".into()), hand: Hand::Normal },
            ),
        ),
        (
            at("2022-11-28T10:54:02+01:00"),
            disc(station, Change::HandMoved { speaker: Speaker::Guest("Frau Dr. Gast".into()), position: 0 }),
        ),
        (
            at("2022-11-28T10:54:03+01:00"),
            disc(
                station,
                Change::TurnStarted { speaker: Speaker::Guest("Frau Dr. Gast".into()), hand: Hand::Normal },
            ),
        ),
        (
            at("2022-11-28T10:54:04+01:00"),
            disc(
                station,
                Change::HandRaised { speaker: Speaker::Guest("Frau Dr. Gast".into()), hand: Hand::Reply },
            ),
        ),
        (
            at("2022-11-28T10:54:05+01:00"),
            disc(station, Change::HandWithdrawn { speaker: Speaker::Guest("Frau Dr. Gast".into()) }),
        ),
        (at("2022-11-28T10:54:06+01:00"), disc(station, Change::TurnEnded)),
        (
            at("2022-11-28T10:54:10+01:00"),
            disc(station, Change::QueuePolicyChanged { policy: QueuePolicy::FirstTimeFirst }),
        ),
        (at("2022-11-28T10:54:20+01:00"), disc(station, Change::QuestionShown { index: 1 })),
        (
            at("2022-11-28T10:54:30+01:00"),
            disc(
                station,
                Change::Captured { capture: Capture::Parked { text: "Rolle der Personalräte".into() } },
            ),
        ),
        (
            at("2022-11-28T10:54:40+01:00"),
            disc(
                station,
                Change::Captured { capture: Capture::Decision { text: "Pilot in zwei Häusern".into() } },
            ),
        ),
        (
            at("2022-11-28T10:54:50+01:00"),
            disc(
                station,
                Change::Captured {
                    capture: Capture::Action {
                        text: "Steckbrief schreiben".into(),
                        owner: Some("p01".into()),
                        due: chrono::NaiveDate::from_ymd_opt(2022, 12, 15),
                    },
                },
            ),
        ),
        (
            at("2022-11-28T10:55:00+01:00"),
            disc(
                station,
                Change::Captured {
                    capture: Capture::Action { text: "Termin finden".into(), owner: None, due: None },
                },
            ),
        ),
        // The last capture taken back with `u`: its inverse, then the mark.
        (at("2022-11-28T10:55:30+01:00"), disc(station, Change::Retracted { index: 3 })),
        (at("2022-11-28T10:55:30+01:00"), Event::Undone { seq: 1 }),
        // The evening reflection: phases, a Blitzlicht round with a pass and a
        // step back, takeaways (one a transfer commitment) shown and marked.
        (at("2022-11-28T17:35:00+01:00"), refl(ReflectionChange::PhaseShown { index: 1 })),
        (
            at("2022-11-28T17:50:00+01:00"),
            refl(ReflectionChange::RoundOrdered { order: vec!["p02".into(), "p01".into()], seed: None }),
        ),
        (at("2022-11-28T17:50:01+01:00"), refl(ReflectionChange::RoundCleared)),
        (
            at("2022-11-28T17:50:02+01:00"),
            refl(ReflectionChange::RoundOrdered {
                order: vec!["p01".into(), "p02".into()],
                seed: Some(u64::MAX),
            }),
        ),
        (at("2022-11-28T17:50:03+01:00"), refl(ReflectionChange::TurnStarted { participant: "p01".into() })),
        (at("2022-11-28T17:50:30+01:00"), refl(ReflectionChange::Passed)),
        (at("2022-11-28T17:50:31+01:00"), refl(ReflectionChange::TurnStarted { participant: "p02".into() })),
        (at("2022-11-28T17:50:40+01:00"), refl(ReflectionChange::TurnWithdrawn)),
        (at("2022-11-28T17:50:41+01:00"), refl(ReflectionChange::TurnReopened)),
        (at("2022-11-28T17:51:20+01:00"), refl(ReflectionChange::TurnEnded)),
        (
            at("2022-11-28T17:52:00+01:00"),
            refl(ReflectionChange::Noted {
                takeaway: Takeaway {
                    text: "Mut zur Lücke".into(),
                    owner: None,
                    commitment: false,
                    protocol: false,
                },
            }),
        ),
        (
            at("2022-11-28T17:52:30+01:00"),
            refl(ReflectionChange::Noted {
                takeaway: Takeaway {
                    text: "Bis Köln: Teamrunde ohne Agenda".into(),
                    owner: Some("p02".into()),
                    commitment: true,
                    protocol: true,
                },
            }),
        ),
        (at("2022-11-28T17:53:00+01:00"), refl(ReflectionChange::Marked { index: 0, protocol: true })),
        (at("2022-11-28T17:53:10+01:00"), refl(ReflectionChange::Shown { index: Some(0) })),
        (at("2022-11-28T17:53:20+01:00"), refl(ReflectionChange::Shown { index: None })),
        (at("2022-11-28T17:53:30+01:00"), refl(ReflectionChange::Retracted { index: 0 })),
        (
            at("2022-11-28T10:56:00+01:00"),
            Event::AttendanceChanged { participant: "p04".into(), presence: Presence::Absent },
        ),
        (
            at("2022-11-28T10:57:00+01:00"),
            Event::AttendanceChanged { participant: "p04".into(), presence: Presence::Present },
        ),
        // A collegial case consultation: casting (a suggestion followed, one
        // overridden, one role cleared), groups by hand, phases and captures.
        (
            at("2022-11-28T11:35:00+01:00"),
            cons(
                station,
                consultation::Change::Cast {
                    group: 0,
                    case: 0,
                    role: Role::CaseGiver,
                    participant: Some("p09".into()),
                    suggested: Some("p09".into()),
                },
            ),
        ),
        (
            at("2022-11-28T11:35:10+01:00"),
            cons(
                station,
                consultation::Change::Cast {
                    group: 0,
                    case: 0,
                    role: Role::Moderator,
                    participant: Some("p03".into()),
                    suggested: Some("p06".into()),
                },
            ),
        ),
        (
            at("2022-11-28T11:35:20+01:00"),
            cons(
                station,
                consultation::Change::Cast {
                    group: 0,
                    case: 0,
                    role: Role::Observer,
                    participant: None,
                    suggested: None,
                },
            ),
        ),
        (
            at("2022-11-28T11:35:30+01:00"),
            cons(station, consultation::Change::MemberMoved { participant: "p15".into(), group: 1 }),
        ),
        (
            at("2022-11-28T11:40:00+01:00"),
            cons(station, consultation::Change::PhaseShown { case: 0, phase: 1 }),
        ),
        (
            at("2022-11-28T11:41:00+01:00"),
            cons(station, consultation::Change::PhaseAdjusted { case: 0, phase: 1, minutes: 2 }),
        ),
        (
            at("2022-11-28T11:42:00+01:00"),
            cons(
                station,
                consultation::Change::CaseNoted {
                    group: 0,
                    case: 0,
                    field: CaseField::Title,
                    text: "Umbau der Abteilung".into(),
                    confidential: Confidential,
                },
            ),
        ),
        (
            at("2022-11-28T11:45:00+01:00"),
            cons(
                station,
                consultation::Change::KeyQuestionSet {
                    group: 0,
                    case: 0,
                    text: "Wie kann ich erreichen, dass das Team mitzieht?".into(),
                    confidential: Some(consultation::Confidential),
                },
            ),
        ),
        (
            at("2022-11-28T11:46:00+01:00"),
            cons(station, consultation::Change::KeyQuestionReleased { group: 0, case: 0, released: true }),
        ),
        (
            at("2022-11-28T11:50:00+01:00"),
            cons(
                station,
                consultation::Change::MethodChosen { group: 0, case: 0, method: Some("headstand".into()) },
            ),
        ),
        (
            at("2022-11-28T11:52:00+01:00"),
            cons(
                station,
                consultation::Change::IdeaAdded {
                    group: 0,
                    case: 0,
                    text: "Kleine Pilotgruppe".into(),
                    giver: Some("p04".into()),
                    confidential: Confidential,
                },
            ),
        ),
        (
            at("2022-11-28T11:52:30+01:00"),
            cons(station, consultation::Change::IdeaRetracted { group: 0, case: 0, index: 0 }),
        ),
        // Offset zero and a fraction of a second, as chrono writes them: `Z` and `.250`.
        (
            at("2022-11-28T08:20:00.250Z"),
            Event::NoteAdded { block: Some(block_id(station, 3)), text: String::new() },
        ),
    ]
}

/// A rehearsal of the online station a week early (shifted anchor), begun
/// with a note before any block; the console quits without a checkpoint.
fn rehearsal_first_events(station: &Station) -> Vec<(Timestamp, Event)> {
    vec![
        (
            at("2023-01-10T16:30:00+01:00"),
            Event::NoteAdded { block: None, text: "Probelauf mit dem Team".to_string() },
        ),
        (
            at("2023-01-10T16:31:00+01:00"),
            Event::StationStarted {
                anchor: Anchor { mode: AnchorMode::Shifted, start: at("2023-01-10T16:31:00+01:00") },
            },
        ),
        (at("2023-01-10T16:31:05+01:00"), Event::BlockStarted { block: block_id(station, 0) }),
    ]
}

/// The rehearsal after the console reopened it.
fn rehearsal_second_events(station: &Station) -> Vec<(Timestamp, Event)> {
    vec![
        (at("2023-01-10T16:40:00+01:00"), Event::StationResumed),
        (
            at("2023-01-10T16:40:05+01:00"),
            Event::ScheduleAnchored {
                anchor: Anchor { mode: AnchorMode::Shifted, start: at("2023-01-10T16:35:00+01:00") },
            },
        ),
        (at("2023-01-10T15:41:00.123456789Z"), Event::BlockCompleted { block: block_id(station, 0) }),
        (at("2023-01-10T16:41:30.123456-01:00"), Event::BlockSkipped { block: block_id(station, 1) }),
    ]
}

fn append_all(store: &mut StationStore, events: Vec<(Timestamp, Event)>) {
    for (at, event) in events {
        store.append(at, event).unwrap();
    }
}

/// Records both scenarios in a temporary directory and returns the station
/// logs as the store wrote them to disk, each with a label.
fn record_scenarios() -> Vec<(&'static str, Value)> {
    let dir = TempDir::new().unwrap();
    let logs_dir = dir.path().join("logs");
    let journey = demo();
    let mut logs = Vec::new();

    let kickoff = station(&journey, "muenchen");
    let (mut store, recovery) = StationStore::open(&logs_dir, &journey, kickoff).unwrap();
    assert!(recovery.created);
    append_all(&mut store, kickoff_events(kickoff));
    store.checkpoint().unwrap();
    logs.push(("the kick-off log", read_json(&store.paths().snapshot)));
    drop(store);

    let rehearsal = station(&journey, "online-reflexion");
    let (mut store, recovery) = StationStore::open(&logs_dir, &journey, rehearsal).unwrap();
    assert!(recovery.created);
    append_all(&mut store, rehearsal_first_events(rehearsal));
    let snapshot = store.paths().snapshot.clone();
    // Quit without a checkpoint: the JSON log still has no events.
    drop(store);
    let before_replay = read_json(&snapshot);
    assert_eq!(before_replay["events"], json!([]));
    logs.push(("the rehearsal log before its journal was replayed", before_replay));

    let (mut store, recovery) = StationStore::open(&logs_dir, &journey, rehearsal).unwrap();
    assert_eq!(recovery.replayed, 3, "the reopened rehearsal replays its journal");
    logs.push(("the rehearsal log replayed from its journal", read_json(&snapshot)));
    append_all(&mut store, rehearsal_second_events(rehearsal));
    store.checkpoint().unwrap();
    logs.push(("the resumed rehearsal log", read_json(&snapshot)));
    drop(store);

    logs
}

/// The finished kick-off log, recorded once for the mutation tests.
fn kickoff_log() -> &'static Value {
    static LOG: OnceLock<Value> = OnceLock::new();
    LOG.get_or_init(|| {
        let dir = TempDir::new().unwrap();
        let journey = demo();
        let kickoff = station(&journey, "muenchen");
        let (mut store, _) = StationStore::open(&dir.path().join("logs"), &journey, kickoff).unwrap();
        append_all(&mut store, kickoff_events(kickoff));
        store.checkpoint().unwrap();
        read_json(&store.paths().snapshot)
    })
}

#[test]
fn the_schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["$id"], "https://moderato.invalid/schema/station-log.schema.json");
    if let Err(err) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("{SCHEMA_FILE} is not a valid draft 2020-12 schema: {err}");
    }
    if let Err(err) = jsonschema::validator_for(&schema) {
        panic!("{SCHEMA_FILE} does not compile: {err}");
    }
    validator();
}

#[test]
fn the_schema_pins_the_format_the_code_writes() {
    let schema = schema();
    assert_eq!(schema["properties"]["schema"]["const"], moderato::store::SCHEMA_ID);
    assert_eq!(schema["properties"]["version"]["const"], moderato::store::SCHEMA_VERSION);
}

#[test]
fn a_fresh_log_of_every_demo_station_is_valid() {
    let dir = TempDir::new().unwrap();
    let logs_dir = dir.path().join("logs");
    let journey = demo();
    assert!(!journey.stations.is_empty());
    for station in &journey.stations {
        let (store, recovery) = StationStore::open(&logs_dir, &journey, station).unwrap();
        assert!(recovery.created);
        let log = read_json(&store.paths().snapshot);
        assert_valid(&log, &format!("the fresh log of station {}", station.id));
        assert_eq!(log["events"], json!([]));
        assert_eq!(log["summary"]["started_at"], Value::Null);
        assert_eq!(log["summary"]["last_event_at"], Value::Null);
    }
}

#[test]
fn logs_with_every_kind_of_event_are_valid() {
    for (what, log) in record_scenarios() {
        assert_valid(&log, what);
    }
}

#[test]
fn the_recorded_logs_cover_every_event_and_method() {
    let mut events = BTreeSet::new();
    let mut methods = BTreeSet::new();
    for (what, json) in &record_scenarios() {
        let log: StationLog = serde_json::from_value(json.clone())
            .unwrap_or_else(|err| panic!("{what} does not read back: {err}"));
        methods.extend(log.plan.blocks.iter().map(|block| method_case(&block.method)));
        for (envelope, written) in log.events.iter().zip(json["events"].as_array().unwrap()) {
            let case = event_case(&envelope.event);
            let tag = case.split('/').next().unwrap_or(case);
            assert_eq!(written["event"]["type"], tag, "{what}: the `type` of seq {}", envelope.seq);
            events.insert(case);
            if let Event::AgendaChanged { change: AgendaChange::Inserted { block, .. } } = &envelope.event {
                methods.insert(method_case(&block.method));
            }
        }
    }
    assert_eq!(events, BTreeSet::from(EVENT_CASES), "events the scenarios record");
    assert_eq!(methods, BTreeSet::from(METHOD_CASES), "block methods the logs carry");
}

#[test]
fn the_kickoff_log_has_every_block_state_and_optional_field() {
    let log = kickoff_log();
    assert_valid(log, "the kick-off log");
    let states: BTreeSet<&str> = log["summary"]["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|block| block["state"].as_str())
        .collect();
    assert_eq!(states, BTreeSet::from(["upcoming", "current", "done", "skipped"]));
    let text = serde_json::to_string(log).unwrap();
    let optional =
        ["fixed_start", "owner", "speaker", "notes", "host", "short", "attributes", "timezone", "directions"];
    let method_optional = ["speaker_limit_secs", "alternate_by", "case_giver", "moderator"];
    for field in optional.iter().chain(&method_optional) {
        assert!(text.contains(&format!("\"{field}\":")), "the kick-off log never writes {field}");
    }
    // chrono writes offset zero as `Z` and a fraction of a second only when there is one.
    assert!(text.contains("\"2022-11-28T08:20:00.250Z\""), "{text}");
    assert!(text.contains("\"2022-11-28T09:00:05+01:00\""), "{text}");
}

/// The first event of `log` with this `type`.
fn event_of_type<'a>(log: &'a mut Value, tag: &str) -> &'a mut Value {
    log["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|envelope| &mut envelope["event"])
        .find(|event| event["type"] == tag)
        .unwrap_or_else(|| panic!("the kick-off log has no {tag} event"))
}

/// The first agenda change of `log` with this `change` tag.
fn agenda_change<'a>(log: &'a mut Value, change: &str) -> &'a mut Value {
    log["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|envelope| &mut envelope["event"])
        .find(|event| event["type"] == "agenda_changed" && event["change"]["change"] == change)
        .map(|event| &mut event["change"])
        .unwrap_or_else(|| panic!("the kick-off log has no {change} agenda change"))
}

/// The first discussion change of `log` with this `change` tag whose speaker stands under `key`.
fn discussion_change<'a>(log: &'a mut Value, change: &str, key: &str) -> &'a mut Value {
    log["events"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|envelope| &mut envelope["event"])
        .find(|event| {
            event["type"] == "discussion"
                && event["change"]["change"] == change
                && event["change"].get(key).is_some()
        })
        .map(|event| &mut event["change"])
        .unwrap_or_else(|| panic!("the kick-off log has no {change} change with a {key}"))
}

fn plan_block_of_kind<'a>(log: &'a mut Value, kind: &str) -> &'a mut Value {
    log["plan"]["blocks"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|block| block["kind"] == kind)
        .unwrap_or_else(|| panic!("the kick-off plan has no {kind} block"))
}

/// The JSON pointers at which `before` and `after` differ (an object that
/// was emptied or filled counts as one difference).
fn differences(before: &Value, after: &Value, pointer: &str, found: &mut Vec<String>) {
    let child = |key: &str| format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
    match (before, after) {
        (Value::Object(before), Value::Object(after)) if before.is_empty() == after.is_empty() => {
            let keys: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
            for key in keys {
                match (before.get(key), after.get(key)) {
                    (Some(before), Some(after)) => differences(before, after, &child(key), found),
                    _ => found.push(child(key)),
                }
            }
        }
        (Value::Array(before), Value::Array(after)) if before.len() == after.len() => {
            for (index, (before, after)) in before.iter().zip(after).enumerate() {
                differences(before, after, &child(&index.to_string()), found);
            }
        }
        _ if before != after => found.push(pointer.to_string()),
        _ => {}
    }
}

/// Whether an error at `error` can be caused by a change at `changed`: it is
/// reported at an ancestor of the change (`required`, `additionalProperties`,
/// `oneOf`) or anywhere inside the changed value's parent (a sibling that no
/// longer fits, such as a block's `method` after its `kind` changed).
fn related(error: &str, changed: &str) -> bool {
    let parent = changed.rsplit_once('/').map_or("", |(parent, _)| parent);
    pointer_within(changed, error) || pointer_within(error, parent)
}

fn remove(value: &mut Value, key: &str) {
    let removed = value.as_object_mut().and_then(|object| object.remove(key));
    assert!(removed.is_some(), "nothing to remove at {key}");
}

#[rstest]
#[case::unknown_top_level_key(|log: &mut Value| log["comment"] = json!("hi"))]
#[case::missing_summary(|log: &mut Value| remove(log, "summary"))]
#[case::missing_events(|log: &mut Value| remove(log, "events"))]
#[case::other_version(|log: &mut Value| log["version"] = json!(3))]
#[case::other_schema_name(|log: &mut Value| log["schema"] = json!("moderato/other-log"))]
#[case::unknown_journey_key(|log: &mut Value| log["journey"]["language"] = json!("de"))]
#[case::invalid_station_id(|log: &mut Value| log["station"]["id"] = json!("München"))]
#[case::impossible_station_date(|log: &mut Value| log["station"]["date"] = json!("2022-02-30"))]
#[case::clock_with_seconds(|log: &mut Value| log["plan"]["start"] = json!("09:00:00"))]
#[case::unknown_format(|log: &mut Value| log["plan"]["format"] = json!("hybrid"))]
#[case::null_host(|log: &mut Value| log["plan"]["host"] = Value::Null)]
#[case::unknown_block_kind(|log: &mut Value| log["plan"]["blocks"][0]["kind"] = json!("lecture"))]
#[case::plain_method_written(|log: &mut Value| log["plan"]["blocks"][0]["method"] = json!({"method": "plain"}))]
#[case::method_missing(|log: &mut Value| remove(plan_block_of_kind(log, "exchange"), "method"))]
#[case::method_of_another_kind(|log: &mut Value| plan_block_of_kind(log, "discussion")["kind"] = json!("reflection"))]
#[case::unknown_queue_policy(
    |log: &mut Value| plan_block_of_kind(log, "discussion")["method"]["policy"] = json!("random")
)]
#[case::empty_attributes(|log: &mut Value| log["cohort"][0]["attributes"] = json!({}))]
#[case::numeric_attribute(|log: &mut Value| log["cohort"][0]["attributes"]["ebene"] = json!(2))]
#[case::seq_zero(|log: &mut Value| log["events"][0]["seq"] = json!(0))]
#[case::seq_as_text(|log: &mut Value| log["events"][0]["seq"] = json!("1"))]
#[case::id_not_a_uuid(|log: &mut Value| log["events"][0]["id"] = json!("event-1"))]
#[case::timestamp_without_offset(|log: &mut Value| log["events"][0]["at"] = json!("2022-11-28T09:00:05"))]
#[case::impossible_timestamp(|log: &mut Value| log["events"][0]["at"] = json!("2022-11-31T09:00:05+01:00"))]
#[case::unknown_envelope_key(|log: &mut Value| log["events"][0]["station"] = json!("muenchen"))]
#[case::unknown_event_type(|log: &mut Value| log["events"][0]["event"]["type"] = json!("station_exploded"))]
#[case::event_without_type(|log: &mut Value| remove(&mut log["events"][0]["event"], "type"))]
#[case::unknown_anchor_mode(
    |log: &mut Value| event_of_type(log, "station_started")["anchor"]["mode"] = json!("floating")
)]
#[case::unknown_event_key(|log: &mut Value| event_of_type(log, "block_started")["minutes"] = json!(5))]
#[case::event_without_block(|log: &mut Value| remove(event_of_type(log, "block_completed"), "block"))]
#[case::negative_minutes(|log: &mut Value| event_of_type(log, "block_extended")["minutes"] = json!(-5))]
#[case::null_note_block(|log: &mut Value| event_of_type(log, "note_added")["block"] = Value::Null)]
#[case::unknown_agenda_change(|log: &mut Value| agenda_change(log, "moved")["change"] = json!("renamed"))]
#[case::inserted_block_without_title(|log: &mut Value| remove(&mut agenda_change(log, "inserted")["block"], "title"))]
#[case::summary_without_started_at(|log: &mut Value| remove(&mut log["summary"], "started_at"))]
#[case::unknown_block_state(|log: &mut Value| log["summary"]["blocks"][0]["state"] = json!("running"))]
#[case::speaker_both_participant_and_guest(
    |log: &mut Value| discussion_change(log, "hand_raised", "participant")["guest"] = json!("Frau Dr. Gast")
)]
#[case::speaker_neither(|log: &mut Value| remove(discussion_change(log, "turn_started", "guest"), "guest"))]
#[case::guest_without_a_name(|log: &mut Value| discussion_change(log, "hand_withdrawn", "guest")["guest"] = json!(""))]
#[case::fractional_ran_secs(|log: &mut Value| log["summary"]["blocks"][0]["ran_secs"] = json!(1.5))]
fn a_mutated_log_is_invalid(#[case] mutate: fn(&mut Value)) {
    let original = kickoff_log();
    assert_valid(original, "the kick-off log before the mutation");
    let mut log = original.clone();
    mutate(&mut log);
    let mut changed = Vec::new();
    differences(original, &log, "", &mut changed);
    let [changed] = changed.as_slice() else {
        panic!("the mutation should change one place of the log, it changed {changed:?}");
    };
    let validator = validator();
    let errors: Vec<String> =
        validator.iter_errors(&log).map(|err| err.instance_path().to_string()).collect();
    assert!(
        !errors.is_empty(),
        "the schema accepts a log changed at '{changed}':\n{}",
        serde_json::to_string_pretty(&log).unwrap_or_default()
    );
    let unrelated: Vec<&String> = errors.iter().filter(|error| !related(error, changed)).collect();
    assert!(unrelated.is_empty(), "changed at '{changed}', refused at {unrelated:?} too");
}

/// A version-2 log as version 1 wrote it: only the kinds of event version 1
/// had (renumbered), the discussion's changes flat in the event. Returns the
/// version-1 log and the version-2 log of the same events.
fn as_version_1(log: &Value) -> (Value, Value) {
    const ONLY_IN_2: [&str; 6] =
        ["attendance_changed", "block_restored", "block_unstarted", "undone", "consultation", "exchange"];
    let mut kept = log.clone();
    let events: Vec<Value> = log["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !ONLY_IN_2.contains(&e["event"]["type"].as_str().unwrap_or_default()))
        .filter(|e| e["event"]["type"] != "reflection")
        .filter(|e| !["retracted"].contains(&e["event"]["change"]["change"].as_str().unwrap_or_default()))
        .filter(|e| e["event"]["change"]["change"] != "removed")
        .cloned()
        .enumerate()
        .map(|(i, mut e)| {
            e["seq"] = json!(i + 1);
            e
        })
        .collect();
    kept["events"] = json!(events);
    let mut old = kept.clone();
    old["version"] = json!(1);
    for envelope in old["events"].as_array_mut().unwrap() {
        let event = &mut envelope["event"];
        if event["type"] == "discussion" {
            let mut flat = event["change"].as_object().unwrap().clone();
            let kind = flat.remove("change").unwrap();
            flat.insert("type".into(), kind);
            flat.insert("block".into(), event["block"].clone());
            *event = Value::Object(flat);
        }
    }
    (old, kept)
}

#[test]
fn a_version_1_log_is_upgraded_on_read_and_written_as_version_2() {
    let journey = demo();
    let station = station(&journey, "muenchen").clone();
    let (old, kept) = as_version_1(kickoff_log());
    let log = &kept;
    assert!(old["events"].as_array().unwrap().iter().any(|e| e["event"]["type"] == "hand_raised"));
    let temp = TempDir::new().unwrap();
    let logs = temp.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    let path = logs.join(format!("{}.json", station.id));
    fs::write(&path, serde_json::to_vec_pretty(&old).unwrap()).unwrap();
    // A version-1 journal line beside it, one event past the snapshot.
    let mut last = old["events"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|e| e["event"]["type"] == "hand_raised")
        .unwrap()
        .clone();
    last["seq"] = json!(old["events"].as_array().unwrap().len() + 1);
    last["id"] = json!("6f1c1a52-54a6-4a8e-9a6e-0d4a9b8e2f10");
    let journal = logs.join(format!("{}.journal.jsonl", station.id));
    fs::write(&journal, format!("{}\n", serde_json::to_string(&last).unwrap())).unwrap();

    let (store, recovery) = StationStore::open(&logs, &journey, &station).unwrap();
    assert_eq!(recovery.replayed, 1, "the old journal line is read too");
    let events = &store.log().events;
    assert_eq!(events.len(), log["events"].as_array().unwrap().len() + 1);
    drop(store);
    let written = read_json(&path);
    assert_eq!(written["version"], json!(2));
    assert_valid(&written, "the upgraded log");
    let upgraded: Vec<&Value> = written["events"].as_array().unwrap().iter().map(|e| &e["event"]).collect();
    let expected: Vec<&Value> = log["events"].as_array().unwrap().iter().map(|e| &e["event"]).collect();
    assert_eq!(upgraded[..expected.len()], expected[..], "the same events, namespaced");
    assert_eq!(upgraded.last().unwrap()["type"], "discussion");
}
