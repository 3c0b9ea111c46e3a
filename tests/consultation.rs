//! The collegial case consultation in a station: the plan's settings and
//! their errors with line and column, a phase extension that moves the block
//! the way `+` does (and goes back with `u`), and the demo journey's blocks.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, demo, session};
use moderato::core::command::Command;
use moderato::core::consultation::Command as Consultation;
use moderato::core::event::Event;
use moderato::core::method::{MethodCommand, MethodEvent};
use moderato::i18n::Lang;
use moderato::plan::{self, Method};
use rstest::rstest;

fn consultation(command: Consultation) -> Command {
    Command::Method(MethodCommand::Consultation(command))
}

const PLAN: &str = r#"
id = "j"
title = "J"
[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "BVA"
role = "AL"
[[participants]]
id = "bb"
name = "Bernd Bauer"
organisation = "BSI"
role = "AL"
[[stations]]
id = "s"
title = "S"
date = "2022-11-28"
start = "09:00"
end = "12:00"
place = "Raum"
format = "in-person"
[[stations.blocks]]
kind = "consultation"
title = "Fallberatung"
duration = "1h"
[stations.blocks.consultation]
template = "troika"
cases = 2
phases = { consultation = "6m" }
methods = ["hypotheses"]
groups = [["ab"], ["bb"]]
"#;

#[test]
fn a_plan_names_template_cases_phase_times_methods_and_groups() {
    let (journey, problems) = plan::parse(PLAN).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let Method::Consultation(settings) = &journey.stations[0].blocks[0].method else {
        panic!("not a consultation")
    };
    assert_eq!(settings.template.as_deref(), Some("troika"));
    assert_eq!(settings.cases, Some(2));
    assert_eq!(settings.phase_minutes.get("consultation"), Some(&6));
    assert_eq!(settings.methods, ["hypotheses"]);
    assert_eq!(settings.groups, [vec!["ab".to_string()], vec!["bb".to_string()]]);
}

/// Each wrong setting is an error at its place in the file.
#[rstest]
#[case::template(r#"template = "troika""#, r#"template = "balint""#, "unknown template \"balint\"")]
#[case::phase(r#"consultation = "6m""#, r#"hypothesen = "6m""#, "has no phase \"hypothesen\"")]
#[case::method(
    r#"methods = ["hypotheses"]"#,
    r#"methods = ["hypotheses", "fishbowl"]"#,
    "unknown consultation method \"fishbowl\""
)]
#[case::two_groups(
    r#"groups = [["ab"], ["bb"]]"#,
    r#"groups = [["ab"], ["bb", "ab"]]"#,
    "\"ab\" is in two groups"
)]
#[case::unknown_member(
    r#"groups = [["ab"], ["bb"]]"#,
    r#"groups = [["ab"], ["zz"]]"#,
    "unknown participant id \"zz\""
)]
#[case::no_cases("cases = 2", "cases = 0", "cases must be at least 1")]
fn a_wrong_setting_is_an_error_at_its_place(#[case] good: &str, #[case] bad: &str, #[case] message: &str) {
    let source = PLAN.replace(good, bad);
    let problems = plan::parse(&source).unwrap_err();
    let problem = problems
        .iter()
        .find(|problem| problem.msg.text(Lang::En).contains(message))
        .unwrap_or_else(|| panic!("no {message:?} among {problems:?}"));
    let line = source.lines().nth(problem.line - 1).unwrap();
    assert!(
        line.contains(bad.split('=').next().unwrap().trim()) || line.contains(bad),
        "line {}: {line}",
        problem.line
    );
    assert!(problem.column > 1, "a column inside the line: {problem:?}");
    let rendered = problem.render(std::path::Path::new("journey.toml"), Lang::En);
    assert!(
        rendered.starts_with(&format!("journey.toml:{}:{}: error: ", problem.line, problem.column)),
        "{rendered}"
    );
}

#[test]
fn the_demo_journeys_consultations_run_the_method_one_with_parallel_groups() {
    let journey = demo();
    let consultations: Vec<_> = journey
        .stations
        .iter()
        .flat_map(|station| &station.blocks)
        .filter_map(|block| match &block.method {
            Method::Consultation(settings) => Some(settings),
            Method::Plain | Method::Discussion(_) | Method::Reflection(_) | Method::Exchange(_) => None,
        })
        .collect();
    assert!(consultations.len() >= 2);
    assert!(consultations.iter().all(|settings| settings.template.is_some()));
    assert!(consultations.iter().any(|settings| settings.groups.len() > 1), "one block with parallel groups");
}

/// München's consultation, begun at 11:35.
fn in_consultation(steps: &[(&'static str, Command)]) -> moderato::core::session::Session {
    let journey = demo();
    let mut all = vec![("09:00:00", Command::StartPause)];
    all.extend((0..6).map(|_| ("11:35:00", Command::NextBlock)));
    all.extend(steps.iter().cloned());
    session(&journey, &all)
}

#[test]
fn extending_a_phase_moves_the_rest_of_the_block_and_undo_takes_both_back() {
    let extended = in_consultation(&[
        ("11:40:00", consultation(Consultation::Phase(true))),
        ("11:45:00", consultation(Consultation::AdjustPhase(3))),
    ]);
    let (item, state) = extended.current_consultation().unwrap();
    assert_eq!(item.adjusted_minutes, 3, "the block got the phase's minutes");
    assert_eq!(item.timer.budget(), chrono::TimeDelta::minutes(48));
    assert_eq!(state.phase_budget(), chrono::TimeDelta::minutes(13));
    // The agenda follows: the next block starts three minutes later.
    let rows = moderato::core::agenda::project(&extended, at("11:45:00")).rows;
    let next = extended.agenda.iter().position(|item| item.block.id == "hinweise-nachmittag").unwrap();
    assert_eq!(rows[next].start, at("12:23:00"));
    // Both recorded by one command, a phase change first, then the block's extension.
    let journal = extended.undo.last().unwrap();
    assert_eq!(journal.last_seq - journal.first_seq, 1);

    let mut undone = extended.clone();
    for event in undone.decide(&Command::Undo, at("11:46:00")).unwrap() {
        let envelope = moderato::core::event::Envelope {
            id: uuid::Uuid::nil(),
            seq: undone.last_seq + 1,
            at: at("11:46:00"),
            event,
        };
        undone.apply(&envelope);
    }
    let (item, state) = undone.current_consultation().unwrap();
    assert_eq!(item.adjusted_minutes, 0);
    assert_eq!(state.phase_budget(), chrono::TimeDelta::minutes(10));
}

#[test]
fn a_phase_extension_is_recorded_as_the_phase_and_the_block() {
    let session = in_consultation(&[]);
    let events = session.decide(&consultation(Consultation::AdjustPhase(2)), at("11:36:00")).unwrap();
    assert!(matches!(
        &events[..],
        [Event::Method(MethodEvent::Consultation { .. }), Event::BlockExtended { minutes: 2, .. }]
    ));
    let shorter = session.decide(&consultation(Consultation::AdjustPhase(-1)), at("11:36:00")).unwrap();
    assert!(matches!(shorter.last(), Some(Event::BlockShortened { minutes: 1, .. })));
}

#[test]
fn review_and_export_can_tell_confidential_events_by_the_event_alone() {
    use moderato::core::consultation::{CaseField, Change, Confidential};
    let event = |change| MethodEvent::Consultation { block: "fallberatung".into(), change };
    let confidential = [
        event(Change::CaseNoted {
            group: 0,
            case: 0,
            field: CaseField::Closing,
            text: "t".into(),
            confidential: Confidential,
        }),
        event(Change::IdeaAdded {
            group: 0,
            case: 0,
            text: "i".into(),
            giver: None,
            confidential: Confidential,
        }),
        event(Change::KeyQuestionSet {
            group: 0,
            case: 0,
            text: "Wie kann ich …?".into(),
            confidential: Some(Confidential),
        }),
    ];
    let open = [
        // Set once the room sees it: nothing to hide any more.
        event(Change::KeyQuestionSet {
            group: 0,
            case: 0,
            text: "Wie kann ich …?".into(),
            confidential: None,
        }),
        event(Change::MethodChosen { group: 0, case: 0, method: Some("sharing".into()) }),
    ];
    for event in &confidential {
        assert!(event.is_confidential());
        assert_eq!(serde_json::to_value(event).unwrap()["change"]["confidential"], true);
    }
    for event in &open {
        assert!(!event.is_confidential());
        assert_eq!(serde_json::to_value(event).unwrap()["change"].get("confidential"), None);
    }
}

/// Fairness across the journey from real logs: two earlier stations' logs
/// written through the store and read back as the journey's history, as
/// the console does when Köln opens; Köln's first group gets suggested whom
/// those logs show without the role.
#[test]
fn suggestions_in_koeln_follow_the_roles_of_two_earlier_station_logs() {
    use moderato::core::consultation::{Change, Role, role_counts, suggest};
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let logs = temp.path().join("logs");
    let cast = |block: &str, role: Role, who: &str| {
        Event::Method(MethodEvent::Consultation {
            block: block.into(),
            change: Change::Cast { group: 0, case: 0, role, participant: Some(who.into()), suggested: None },
        })
    };
    let earlier = [
        ("muenchen", [(Role::CaseGiver, "p01"), (Role::Moderator, "p04")]),
        ("online-reflexion", [(Role::CaseGiver, "p07"), (Role::Moderator, "p01")]),
    ];
    for (station, roles) in earlier {
        let station = journey.station(station).unwrap();
        // A block the station has: the store refuses events about others.
        let block =
            station.blocks.iter().find(|block| block.id == "fallberatung").unwrap_or(&station.blocks[0]);
        let (mut store, _) = moderato::store::StationStore::open(&logs, &journey, station).unwrap();
        for (role, who) in roles {
            store.append(at("11:40:00"), cast(&block.id, role, who)).unwrap();
        }
        store.checkpoint().unwrap();
    }
    let (history, notices) = moderato::store::read_history(&logs, &journey, "koeln");
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(history.stations.len(), 2);

    let koeln = journey.station("koeln").unwrap();
    let mut session = moderato::core::session::Session::new(koeln, &journey.participants);
    let index = koeln.blocks.iter().position(|block| block.id == "fallberatung").unwrap();
    for command in std::iter::once(Command::StartPause).chain((0..index).map(|_| Command::NextBlock)) {
        for event in session.decide(&command, at("11:15:00")).unwrap() {
            let seq = session.last_seq + 1;
            session.apply(&moderato::core::event::Envelope {
                id: uuid::Uuid::nil(),
                seq,
                at: at("11:15:00"),
                event,
            });
        }
    }
    let (item, state) = session.current_consultation().unwrap();
    let counts = role_counts(&history, [], state);
    assert_eq!(counts["p01"][&Role::CaseGiver], 1);
    assert_eq!(counts["p01"][&Role::Moderator], 1);
    let cx = session.context(&item.block.id);
    // Group 1 is p01, p04, p07, p10, p13: p04 is the first who never gave a case,
    // p07 the first besides p04 who never moderated.
    assert_eq!(suggest(state, &cx, &counts, 0, Role::CaseGiver).as_deref(), Some("p04"));
    assert_eq!(suggest(state, &cx, &counts, 0, Role::Moderator).as_deref(), Some("p07"));
    // Group 3 gets the plan's proposal.
    assert_eq!(suggest(state, &cx, &counts, 2, Role::CaseGiver).as_deref(), Some("p12"));
}

const SPLIT: &str = r#"
id = "j"
title = "J"
[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "BVA"
role = "AL"
[[participants]]
id = "bb"
name = "Bernd Bauer"
organisation = "BSI"
role = "AL"
[[participants]]
id = "cc"
name = "Carla Conrad"
organisation = "BKA"
role = "AL"
[[participants]]
id = "dd"
name = "Dieter Dahl"
organisation = "DWD"
role = "AL"
[[stations]]
id = "s"
title = "S"
date = "2022-11-28"
start = "09:00"
end = "12:00"
place = "Raum"
format = "in-person"
[[stations.blocks]]
id = "zu-zweit"
kind = "consultation"
title = "Fallberatung in zwei Gruppen"
duration = "30m"
[stations.blocks.consultation]
groups = [["ab", "bb"], ["cc", "dd"]]
[[stations.blocks]]
id = "alle"
kind = "consultation"
title = "Fallberatung im Plenum"
duration = "30m"
"#;

/// Consultation groups count as contacts when the room split into several;
/// a consultation of the whole room does not, and one not yet begun neither.
#[test]
fn consultation_groups_count_as_contacts_across_the_journey() {
    use moderato::core::contacts::Contacts;
    use moderato::core::history::{History, PastStation};
    let (journey, problems) = plan::parse(SPLIT).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let pending = session(&journey, &[]);
    let mut contacts = Contacts::default();
    contacts.add_session("s", &pending);
    assert_eq!(contacts.count("ab", "bb"), 0, "not begun: nobody has met");

    let mut steps = vec![("09:00:00", Command::StartPause)];
    let moved = consultation(Consultation::MoveMember { participant: "cc".into(), group: 0 });
    steps.push(("09:05:00", moved));
    // The whole room consults next: that makes no new contacts.
    steps.push(("09:30:00", Command::NextBlock));
    let ran = session(&journey, &steps);
    let mut contacts = Contacts::default();
    contacts.add_session("s", &ran);
    assert_eq!(contacts.count("ab", "bb"), 1);
    assert_eq!(contacts.count("ab", "cc"), 1, "moved into the first group by hand");
    assert_eq!(contacts.count("bb", "cc"), 1);
    assert_eq!(contacts.count("cc", "dd"), 0, "dd stayed alone in the second group");
    assert_eq!(contacts.count("ab", "dd"), 0, "the plenary consultation is no close contact");

    // The same station, read back from its log as an earlier station of the journey.
    let mut log = Vec::new();
    let mut replay = moderato::core::session::Session::new(&journey.stations[0], &journey.participants);
    for (time, command) in &steps {
        for event in replay.decide(command, at(time)).unwrap() {
            let envelope = moderato::core::event::Envelope {
                id: uuid::Uuid::nil(),
                seq: replay.last_seq + 1,
                at: at(time),
                event,
            };
            replay.apply(&envelope);
            log.push(envelope);
        }
    }
    let history = History {
        stations: vec![PastStation {
            id: "s".into(),
            date: journey.stations[0].date,
            plan: journey.stations[0].clone(),
            cohort: journey.participants.clone(),
            events: log,
        }],
    };
    assert_eq!(Contacts::of_journey(&history), contacts);
}

/// Who was in a consultation's groups is who was there when it ended: someone
/// who leaves later in the day (at lunch) still met their group, and someone
/// who left before it ended did not.
#[test]
fn consultation_contacts_count_who_was_there_not_who_is_there_at_the_end() {
    use moderato::core::contacts::Contacts;
    use moderato::core::event::Presence;
    let (journey, _) = plan::parse(SPLIT).unwrap();
    let leave = |participant: &str| Command::SetPresence {
        participant: participant.into(),
        presence: Presence::Absent,
    };
    let steps = vec![
        ("09:00:00", Command::StartPause),
        ("09:10:00", leave("dd")),
        // The split consultation ends; the plenary one begins, and bb leaves during it.
        ("09:30:00", Command::NextBlock),
        ("09:40:00", leave("bb")),
    ];
    let mut contacts = Contacts::default();
    contacts.add_session("s", &session(&journey, &steps));
    assert_eq!(contacts.count("ab", "bb"), 1, "bb left after the split consultation ended");
    assert_eq!(contacts.count("cc", "dd"), 0, "dd left before it ended");
}

/// A split consultation the facilitator stepped back from and then skipped:
/// its groups are who was there while it ran (dd left after it), in the
/// contacts and in the statistics alike.
#[test]
fn a_consultation_stepped_back_from_keeps_who_was_there_while_it_ran() {
    use moderato::core::contacts::Contacts;
    use moderato::core::event::Presence;
    let plan = SPLIT.replace(
        "[[stations.blocks]]\nid = \"zu-zweit\"",
        "[[stations.blocks]]\nid = \"vorab\"\nkind = \"impulse\"\ntitle = \"Vorab\"\nduration = \"10m\"\n[[stations.blocks]]\nid = \"zu-zweit\"",
    );
    let (journey, problems) = plan::parse(&plan).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let steps = vec![
        ("09:00:00", Command::StartPause),
        ("09:10:00", Command::NextBlock),
        // Back to the impulse: the consultation returns to the agenda, and is skipped later.
        ("09:40:00", Command::PreviousBlock),
        ("09:45:00", Command::SetPresence { participant: "dd".into(), presence: Presence::Absent }),
        ("09:50:00", Command::Skip { block: "zu-zweit".into() }),
    ];
    let day = session(&journey, &steps);
    let mut contacts = Contacts::default();
    contacts.add_session("s", &day);
    assert_eq!(contacts.count("cc", "dd"), 1, "dd was there while it ran");
    let groups: Vec<Vec<String>> =
        moderato::core::contacts::groups(&day).into_iter().map(|group| group.members).collect();
    assert_eq!(groups, [vec!["ab".to_string(), "bb".to_string()], vec!["cc".to_string(), "dd".to_string()]]);
}

/// A key question written before it is released is marked confidential in
/// the log; one written while the room sees it is not.
#[test]
fn a_key_question_is_confidential_until_released() {
    let session = in_consultation(&[]);
    let typed = |session: &moderato::core::session::Session, time: &str| {
        let command = consultation(Consultation::KeyQuestion { group: 0, text: "Wie?".into() });
        let events = session.decide(&command, at(time)).unwrap();
        let [Event::Method(event)] = &events[..] else { panic!("{events:?}") };
        event.is_confidential()
    };
    assert!(typed(&session, "11:40:00"), "not released yet");
    let released = in_consultation(&[
        ("11:40:00", consultation(Consultation::KeyQuestion { group: 0, text: "Wie?".into() })),
        ("11:41:00", consultation(Consultation::Release { group: 0, released: true })),
    ]);
    assert!(!typed(&released, "11:42:00"), "the room sees it already");
}
