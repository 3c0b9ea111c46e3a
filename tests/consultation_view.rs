//! The collegial case consultation on screen: snapshots of the casting
//! screen, every phase in the console and on the projection, the method
//! catalogue and two parallel groups (80x24 and 200x55); the phase clock's
//! colours; and the property that nothing confidential reaches the room
//! (the projection and the pages `serve` sends to browsers).
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, demo, session};
use moderato::core::command::Command;
use moderato::core::consultation::{CaseField, Casting, Command as Consultation, Role, RoleCounts};
use moderato::core::method::MethodCommand;
use moderato::core::room::RoomView;
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::Journey;
use moderato::ui::{
    ConsoleView, ConsultationEditor, ConsultationFocus, ConsultationOverlay, MethodFocus, Overlay,
    ProjectionView, Theme, ThemeName, draw_console, draw_projection,
};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rstest::rstest;

fn consultation(command: Consultation) -> Command {
    Command::Method(MethodCommand::Consultation(command))
}

fn cast(group: usize, role: Role, who: &str, suggested: Option<&str>) -> Command {
    consultation(Consultation::Cast(vec![Casting {
        group,
        role,
        participant: Some(who.into()),
        suggested: suggested.map(String::from),
    }]))
}

/// The München consultation: the six blocks before it done by 11:35, then `steps` in it.
fn in_consultation(journey: &Journey, steps: &[(&'static str, Command)]) -> Session {
    let mut all = vec![("09:00:00", Command::StartPause)];
    all.extend((0..6).map(|_| ("11:35:00", Command::NextBlock)));
    all.extend(steps.iter().cloned());
    session(journey, &all)
}

/// When each of the six phases begins.
const PHASE_STARTS: [&str; 6] = ["11:35:00", "11:40:00", "11:50:00", "11:55:00", "12:00:00", "12:10:00"];

/// The confidential texts the facilitator types: none may reach the room.
const TITLE: &str = "Umbau der Z-Abteilung";
const DESCRIPTION: &str = "Widerstand im Referat 3";
const IDEAS: [&str; 2] = ["Pilotgruppe zuerst", "Personalrat früh einbinden"];
const CLOSING: &str = "Ich spreche am Montag mit der Referatsleitung";
const KEY_QUESTION: &str = "Wie kann ich erreichen, dass das Referat mitzieht?";

/// The roles cast, then what happens up to phase `phase` (0-based), as a facilitator does it.
fn up_to_phase(phase: usize, release: bool) -> Vec<(&'static str, Command)> {
    let mut steps = vec![
        ("11:36:00", cast(0, Role::CaseGiver, "p09", Some("p09"))),
        ("11:36:10", cast(0, Role::Moderator, "p06", Some("p06"))),
        ("11:36:20", cast(0, Role::Secretary, "p03", None)),
    ];
    let mut captures: Vec<Vec<(&'static str, Command)>> = vec![
        vec![],
        vec![
            (
                "11:41:00",
                consultation(Consultation::Note { group: 0, field: CaseField::Title, text: TITLE.into() }),
            ),
            (
                "11:41:30",
                consultation(Consultation::Note {
                    group: 0,
                    field: CaseField::Description,
                    text: DESCRIPTION.into(),
                }),
            ),
        ],
        vec![("11:52:00", consultation(Consultation::KeyQuestion { group: 0, text: KEY_QUESTION.into() }))],
        vec![("11:56:00", consultation(Consultation::ChooseMethod { group: 0, method: "headstand".into() }))],
        vec![
            (
                "12:03:00",
                consultation(Consultation::Idea {
                    group: 0,
                    text: IDEAS[0].into(),
                    giver: Some("p01".into()),
                }),
            ),
            ("12:05:00", consultation(Consultation::Idea { group: 0, text: IDEAS[1].into(), giver: None })),
        ],
        vec![(
            "12:12:00",
            consultation(Consultation::Note { group: 0, field: CaseField::Closing, text: CLOSING.into() }),
        )],
    ];
    for (index, start) in PHASE_STARTS.iter().enumerate().take(phase + 1) {
        if index > 0 {
            steps.push((start, consultation(Consultation::Phase(true))));
        }
        steps.append(&mut captures[index]);
        if index == 2 && release {
            steps.push(("11:53:00", consultation(Consultation::Release { group: 0, released: true })));
        }
    }
    steps
}

/// Two minutes into each phase.
const LOOK_AT: [&str; 6] = ["11:37:00", "11:42:00", "11:53:30", "11:57:00", "12:06:00", "12:13:00"];

/// Seven of the fifteen moved into a second group by hand, each group cast.
fn two_groups() -> Vec<(&'static str, Command)> {
    let mut steps: Vec<(&'static str, Command)> = ["p08", "p09", "p10", "p11", "p12", "p13", "p14"]
        .into_iter()
        .map(|who| ("11:35:30", consultation(Consultation::MoveMember { participant: who.into(), group: 1 })))
        .collect();
    steps.extend([
        ("11:36:00", cast(0, Role::CaseGiver, "p02", None)),
        ("11:36:05", cast(0, Role::Moderator, "p06", Some("p06"))),
        ("11:36:10", cast(1, Role::CaseGiver, "p09", Some("p09"))),
        ("11:36:15", cast(1, Role::Moderator, "p12", None)),
        ("11:36:20", cast(1, Role::Observer, "p14", None)),
        ("11:40:00", consultation(Consultation::Phase(true))),
        ("11:40:00", consultation(Consultation::Phase(true))),
        (
            "11:41:00",
            consultation(Consultation::KeyQuestion { group: 0, text: "Wie gewinne ich die Linie?".into() }),
        ),
        ("11:41:10", consultation(Consultation::KeyQuestion { group: 1, text: KEY_QUESTION.into() })),
        ("11:41:20", consultation(Consultation::Release { group: 0, released: true })),
        ("11:41:25", consultation(Consultation::Release { group: 1, released: true })),
    ]);
    steps
}

/// Role counts as two earlier stations might have left them.
fn counts() -> RoleCounts {
    [
        ("p01".to_string(), [(Role::CaseGiver, 1), (Role::Secretary, 1)].into()),
        ("p06".to_string(), [(Role::Moderator, 1)].into()),
        ("p03".to_string(), [(Role::Observer, 2)].into()),
    ]
    .into()
}

fn render_console(
    session: &Session,
    now: &str,
    focus: MethodFocus,
    overlay: Overlay,
    size: (u16, u16),
    lang: Lang,
) -> Terminal<TestBackend> {
    let journey = demo();
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = moderato::app::key_help_for(session);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ConsoleView {
        journey_title: &journey.title,
        station_title: &journey.stations[0].title,
        session,
        now: at(now),
        selected: None,
        queue_cursor: None,
        talk_by_organisation: false,
        overlay,
        method: focus,
        failure: None,
        unrecorded: false,
        banners: &[],
        message: None,
        keys: &keys,
        lang,
        theme: &theme,
    };
    terminal.draw(|frame| draw_console(frame, &view)).unwrap();
    terminal
}

fn render_projection(session: &Session, now: &str, size: (u16, u16)) -> Terminal<TestBackend> {
    let journey = demo();
    let theme = Theme::new(ThemeName::Dark, false);
    let room = RoomView::new(&journey.stations[0], session, at(now));
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ProjectionView { room: &room, warning: None, hint: None, lang: Lang::De, theme: &theme };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    terminal
}

fn text_of(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[rstest]
fn the_casting_screen(#[values((80, 24), (200, 55))] size: (u16, u16), #[values("de", "en")] lang: &str) {
    let journey = demo();
    let session = in_consultation(&journey, &up_to_phase(0, false)[..1]);
    let counts = counts();
    let focus = MethodFocus::Consultation(ConsultationFocus { casting: Some(2), group: 0, counts: &counts });
    let lang_of = if lang == "de" { Lang::De } else { Lang::En };
    let terminal = render_console(&session, "11:37:00", focus, Overlay::None, size, lang_of);
    insta::assert_snapshot!(format!("casting_{lang}_{}x{}", size.0, size.1), terminal.backend());
}

#[rstest]
fn every_phase_in_the_console_and_on_the_projection(
    #[values(0, 1, 2, 3, 4, 5)] phase: usize,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let session = in_consultation(&journey, &up_to_phase(phase, true));
    let counts = counts();
    let focus = MethodFocus::Consultation(ConsultationFocus { casting: None, group: 0, counts: &counts });
    let console = render_console(&session, LOOK_AT[phase], focus, Overlay::None, size, Lang::De);
    insta::assert_snapshot!(format!("phase_{}_console_{}x{}", phase + 1, size.0, size.1), console.backend());
    let projection = render_projection(&session, LOOK_AT[phase], size);
    insta::assert_snapshot!(
        format!("phase_{}_projection_{}x{}", phase + 1, size.0, size.1),
        projection.backend()
    );
}

#[rstest]
fn the_method_catalogue_picker(#[values((80, 24), (200, 55))] size: (u16, u16)) {
    let journey = demo();
    let session = in_consultation(&journey, &up_to_phase(3, false));
    let counts = counts();
    let focus = MethodFocus::Consultation(ConsultationFocus { casting: None, group: 0, counts: &counts });
    let overlay = Overlay::Consultation(ConsultationOverlay {
        editor: ConsultationEditor::Catalogue,
        text: "",
        cursor: 0,
        selected: 1,
    });
    let terminal = render_console(&session, "11:57:00", focus, overlay, size, Lang::De);
    insta::assert_snapshot!(format!("catalogue_{}x{}", size.0, size.1), terminal.backend());
}

#[rstest]
fn two_parallel_groups(#[values((80, 24), (200, 55))] size: (u16, u16)) {
    let journey = demo();
    let session = in_consultation(&journey, &two_groups());
    let counts = counts();
    let focus = MethodFocus::Consultation(ConsultationFocus { casting: None, group: 1, counts: &counts });
    let console = render_console(&session, "11:42:00", focus, Overlay::None, size, Lang::De);
    insta::assert_snapshot!(format!("two_groups_console_{}x{}", size.0, size.1), console.backend());
    let casting =
        MethodFocus::Consultation(ConsultationFocus { casting: Some(9), group: 1, counts: &counts });
    let console = render_console(&session, "11:42:00", casting, Overlay::None, size, Lang::De);
    insta::assert_snapshot!(format!("two_groups_casting_{}x{}", size.0, size.1), console.backend());
    let projection = render_projection(&session, "11:42:00", size);
    insta::assert_snapshot!(format!("two_groups_projection_{}x{}", size.0, size.1), projection.backend());
}

/// The colour of the first cell of the first place `text` is drawn.
fn fg_of(buffer: &Buffer, text: &str) -> Option<Color> {
    let rows = text_of(buffer);
    let width = usize::from(buffer.area.width);
    rows.lines().enumerate().find_map(|(y, row)| {
        let x = row.find(text).map(|byte| row[..byte].chars().count())?;
        buffer.content.get(y * width + x).map(|cell| cell.fg)
    })
}

/// The phase clock is amber in its last minute and red, counting up, in
/// overtime; the big clock of the projection takes the same colour.
#[rstest]
#[case::running("11:41:13", "08:47", Color::Green)]
#[case::last_minute("11:49:30", "00:30", Color::Yellow)]
#[case::overtime("11:51:15", "+01:15", Color::Red)]
fn the_phase_clock_turns_amber_then_red(#[case] now: &str, #[case] shown: &str, #[case] colour: Color) {
    let journey = demo();
    let session = in_consultation(&journey, &up_to_phase(1, false));
    let console = render_console(&session, now, MethodFocus::None, Overlay::None, (120, 40), Lang::De);
    assert_eq!(
        fg_of(console.backend().buffer(), shown),
        Some(colour),
        "{}",
        text_of(console.backend().buffer())
    );
    let projection = render_projection(&session, now, (200, 55));
    let big: Vec<Color> = projection
        .backend()
        .buffer()
        .content
        .iter()
        .filter(|cell| cell.symbol() == "█")
        .map(|cell| cell.fg)
        .collect();
    assert!(big.contains(&colour), "the projection's phase clock is drawn in {colour:?}");
}

/// Confidential texts typed in any order, with the key question released or
/// not, at any moment: none reaches the room's view or a projection buffer;
/// the key question only while released.
mod privacy {
    use super::*;

    /// A confidential text: a word no screen text contains.
    fn secret() -> impl Strategy<Value = String> {
        "[0-9]{4}".prop_map(|digits| format!("GEHEIM{digits}"))
    }

    fn step() -> impl Strategy<Value = Consultation> {
        let field =
            prop_oneof![Just(CaseField::Title), Just(CaseField::Description), Just(CaseField::Closing)];
        prop_oneof![
            2 => (field, secret()).prop_map(|(field, text)| Consultation::Note { group: 0, field, text }),
            2 => secret().prop_map(|text| Consultation::Idea { group: 0, text, giver: Some("p01".into()) }),
            1 => "[0-9]{4}".prop_map(|digits| Consultation::KeyQuestion { group: 0, text: format!("FRAGE{digits}") }),
            1 => any::<bool>().prop_map(|released| Consultation::Release { group: 0, released }),
            2 => any::<bool>().prop_map(Consultation::Phase),
            1 => Just(Consultation::ChooseMethod { group: 0, method: "hypotheses".into() }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn no_confidential_text_reaches_the_room(steps in prop::collection::vec(step(), 1..16)) {
            let journey = demo();
            let mut commands: Vec<(&'static str, Command)> = up_to_phase(0, false);
            commands.extend(steps.iter().cloned().map(|step| ("11:38:00", consultation(step))));
            // Commands the core refuses (a phase past the last) are left out, as the console would.
            let mut session = in_consultation(&journey, &[]);
            for (time, command) in &commands {
                if let Ok(events) = session.decide(command, at(time)) {
                    for event in events {
                        let seq = session.last_seq + 1;
                        session.apply(&moderato::core::event::Envelope { id: uuid::Uuid::nil(), seq, at: at(time), event });
                    }
                }
            }
            let (_, state) = session.current_consultation().unwrap();
            let case = state.current(0).unwrap();
            let secrets: Vec<&str> = [case.title.as_str(), case.description.as_str(), case.closing.as_str()]
                .into_iter()
                .chain(case.ideas.iter().map(|idea| idea.text.as_str()))
                .filter(|text| !text.is_empty())
                .collect();
            let room = RoomView::new(&journey.stations[0], &session, at("11:39:00"));
            let seen = format!("{room:?}");
            // The same sweep over every page `serve` sends to browsers.
            let served = common::served_pages(&room);
            for secret in &secrets {
                prop_assert!(!served.contains(secret), "{} served to browsers", secret);
            }
            let question = case.key_question.as_str();
            if !question.is_empty() && !case.released {
                prop_assert!(!served.contains(question), "an unreleased key question served");
            }
            for size in [(80, 24), (200, 55)] {
                let projection = text_of(render_projection(&session, "11:39:00", size).backend().buffer());
                for secret in &secrets {
                    prop_assert!(!seen.contains(secret), "{} in the room's view", secret);
                    prop_assert!(!projection.contains(secret), "{} projected", secret);
                }
                let question = case.key_question.as_str();
                if !question.is_empty() {
                    prop_assert_eq!(seen.contains(question), case.released, "key question released: {}", case.released);
                    if !case.released {
                        prop_assert!(!projection.contains(question));
                    }
                }
            }
            // The console shows them to the facilitator: the texts were really there.
            if let Some(secret) = secrets.first() {
                let focus = MethodFocus::Consultation(ConsultationFocus { casting: None, group: 0, counts: &RoleCounts::new() });
                let console = render_console(&session, "11:39:00", focus, Overlay::None, (200, 55), Lang::De);
                prop_assert!(text_of(console.backend().buffer()).contains(secret));
            }
        }
    }
}

/// What `serve` sends a group's page: its own members, roles, phase and
/// released key question, never another group's question; the room's page
/// holds every released one, and a question taken back is gone from both.
#[test]
fn each_group_page_shows_its_own_group_and_only_its_key_question() {
    use moderato::serve::{Views, Which};
    let journey = demo();
    let mut steps = two_groups();
    steps.push(("11:41:30", consultation(Consultation::Release { group: 1, released: false })));
    let session = in_consultation(&journey, &steps);
    let room = RoomView::new(&journey.stations[0], &session, at("11:42:00"));
    let later = RoomView::new(&journey.stations[0], &session, at("11:42:01"));
    let views = Views { now: &room, later: &later, lang: Lang::De, warning: None };
    let page = |which| serde_json::to_string(&views.page(which)).unwrap();
    let (first, second, whole) = (page(Which::Group(1)), page(Which::Group(2)), page(Which::Room));
    assert!(first.contains("Wie gewinne ich die Linie?"), "{first}");
    assert!(first.contains("Fallerzähler/in: Jens Brockmann"), "{first}");
    assert!(first.contains("\"scene\":\"group\""));
    assert!(!first.contains("Theissen"), "a member of group 2 on group 1's page: {first}");
    assert!(second.contains("Fallerzähler/in: Dr. Birgit Theissen"), "{second}");
    assert!(second.contains("Prozessbeobachtung: Ralf Hintermeier"), "{second}");
    assert!(!second.contains("Wie gewinne ich die Linie?"), "group 1's question on group 2's page");
    for served in [&first, &second, &whole] {
        assert!(!served.contains(KEY_QUESTION), "a question taken back is served: {served}");
        assert!(served.contains("Schlüsselfrage"), "the phase: {served}");
    }
    assert!(whole.contains("Wie gewinne ich die Linie?"));
    // The phase clock runs: the page says when it reads zero, not what it reads now.
    let clock = views.page(Which::Group(1));
    let json = serde_json::to_value(&clock).unwrap();
    let clock = json["parts"].as_array().unwrap().iter().find(|part| part["k"] == "clock").unwrap();
    assert!(clock["end"].is_i64() && clock["left"].is_null(), "{clock}");
    // A group that does not exist shows the room's view; the groups page links both.
    assert_eq!(page(Which::Group(3)), whole);
    let groups = page(Which::Groups);
    assert!(groups.contains("\"group\":1") && groups.contains("\"group\":2"), "{groups}");
}
