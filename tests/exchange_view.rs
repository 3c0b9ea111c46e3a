//! Snapshots of the exchange block in the console and on the projection, at
//! 80x24 and 200x55: a round proposed, a round fixed with its timer, the
//! contact matrix, and the room's view with tables, question and clock.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, demo, session};

use moderato::core::command::Command;
use moderato::core::contacts::{Contacts, Meeting};
use moderato::core::exchange::Command as Exchange;
use moderato::core::method::MethodCommand;
use moderato::core::room::RoomView;
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::Journey;
use moderato::ui::exchange::ExchangeView;
use moderato::ui::{
    ConsoleView, MethodFocus, Overlay, ProjectionView, Theme, ThemeName, draw_console, draw_projection,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;

fn exchange(command: Exchange) -> Command {
    Command::Method(MethodCommand::Exchange(command))
}

fn trios(ids: [[&str; 3]; 5]) -> Vec<Vec<String>> {
    ids.iter().map(|group| group.iter().map(|id| id.to_string()).collect()).collect()
}

const FIRST: [[&str; 3]; 5] = [
    ["p01", "p02", "p03"],
    ["p04", "p05", "p06"],
    ["p07", "p08", "p09"],
    ["p10", "p11", "p12"],
    ["p13", "p14", "p15"],
];
const SECOND: [[&str; 3]; 5] = [
    ["p01", "p04", "p07"],
    ["p02", "p05", "p10"],
    ["p03", "p08", "p13"],
    ["p06", "p11", "p14"],
    ["p09", "p12", "p15"],
];

/// The second round with two pairs of the first again: Albers & Brockmann, Lorenzen & Kowalczyk.
const AGAIN: [[&str; 3]; 5] = [
    ["p01", "p02", "p07"],
    ["p04", "p05", "p10"],
    ["p03", "p08", "p13"],
    ["p06", "p11", "p14"],
    ["p09", "p12", "p15"],
];

/// München's networking block (the fourteenth) running since 18:00, with `steps` in it.
fn in_exchange(journey: &Journey, steps: &[(&'static str, Command)]) -> Session {
    let mut all = vec![("09:00:00", Command::StartPause)];
    all.extend((0..13).map(|_| ("18:00:00", Command::NextBlock)));
    all.extend(steps.iter().cloned());
    session(journey, &all)
}

fn scene(name: &str, journey: &Journey) -> (Session, &'static str) {
    let propose = |ids| exchange(Exchange::Propose { groups: trios(ids), seed: 1 });
    match name {
        "no_groups_yet" => (in_exchange(journey, &[]), "18:01:00"),
        "proposed" => (in_exchange(journey, &[("18:01:00", propose(FIRST))]), "18:01:10"),
        "fixed" => (
            in_exchange(journey, &[("18:01:00", propose(FIRST)), ("18:02:00", exchange(Exchange::Fix))]),
            "18:05:30",
        ),
        "second_round" | "again" => (
            in_exchange(
                journey,
                &[
                    ("18:01:00", propose(FIRST)),
                    ("18:02:00", exchange(Exchange::Fix)),
                    ("18:14:00", exchange(Exchange::Show(true))),
                    ("18:14:10", propose(if name == "again" { AGAIN } else { SECOND })),
                    ("18:14:30", exchange(Exchange::Fix)),
                ],
            ),
            "18:22:00",
        ),
        other => panic!("no scene {other}"),
    }
}

fn console(journey: &Journey, name: &str, size: (u16, u16), matrix: bool) -> Terminal<TestBackend> {
    console_with_cursor(journey, name, size, matrix, None)
}

fn console_with_cursor(
    journey: &Journey,
    name: &str,
    size: (u16, u16),
    matrix: bool,
    cursor: Option<usize>,
) -> Terminal<TestBackend> {
    let (session, now) = scene(name, journey);
    let mut contacts = Contacts::default();
    contacts.add_session("muenchen", &session);
    // The round on screen is counted against the rounds before it.
    let mut before = Contacts::default();
    if name == "second_round" || name == "again" {
        for group in trios(FIRST) {
            before.add_group(&group, Meeting::at("muenchen"));
        }
    }
    let keys = moderato::app::key_help_for(&session);
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ConsoleView {
        journey_title: &journey.title,
        station_title: &journey.stations[0].title,
        session: &session,
        now: at(now),
        selected: None,
        queue_cursor: None,
        talk_by_organisation: false,
        method: MethodFocus::Exchange(ExchangeView {
            cursor,
            marked: None,
            contacts: Some(&contacts).filter(|_| matrix),
            met: Some(&before),
        }),
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
    terminal
}

fn projection(journey: &Journey, name: &str, size: (u16, u16)) -> Terminal<TestBackend> {
    let (session, now) = scene(name, journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let room = RoomView::new(&journey.stations[0], &session, at(now));
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ProjectionView { room: &room, warning: None, hint: None, lang: Lang::De, theme: &theme };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    terminal
}

#[rstest]
fn exchange_console_snapshots(
    #[values("no_groups_yet", "proposed", "fixed", "second_round")] name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let terminal = console(&journey, name, size, false);
    insta::assert_snapshot!(format!("exchange_console_{name}_{}x{}", size.0, size.1), terminal.backend());
}

#[rstest]
fn exchange_contact_matrix_snapshots(#[values((80, 24), (200, 55))] size: (u16, u16)) {
    let journey = demo();
    let terminal = console(&journey, "second_round", size, true);
    insta::assert_snapshot!(format!("exchange_contacts_{}x{}", size.0, size.1), terminal.backend());
}

#[test]
fn the_contact_matrix_lists_where_the_person_in_focus_met_whom() {
    let journey = demo();
    let terminal = console_with_cursor(&journey, "second_round", (200, 55), true, Some(0));
    insta::assert_snapshot!("exchange_contacts_focus_200x55", terminal.backend());
}

#[test]
fn the_pairs_that_meet_again_are_named_and_marked_in_the_matrix() {
    let journey = demo();
    let terminal = console(&journey, "again", (200, 55), false);
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("2 Wiederholungen"), "{screen}");
    assert!(
        screen.contains("Treffen sich wieder: Dr. Katrin Albers & Jens Brockmann · Prof. Dr. Matthias Lorenzen & Annette Kowalczyk"),
        "{screen}"
    );
    let terminal = console(&journey, "again", (200, 55), true);
    let screen = format!("{:?}", terminal.backend());
    assert!(screen.contains("Treffen sich wieder: Dr. Katrin Albers & Jens Brockmann"), "{screen}");
    // Each pair twice in the grid (its row and its column), in the amber of the last minutes.
    let amber = Theme::new(ThemeName::Dark, false).last_minutes.fg;
    let buffer = terminal.backend().buffer();
    let marked =
        buffer.content().iter().filter(|cell| cell.symbol() == "2" && Some(cell.fg) == amber).count();
    assert_eq!(marked, 4);
    let terminal = console(&journey, "second_round", (200, 55), true);
    let buffer = terminal.backend().buffer();
    assert!(!buffer.content().iter().any(|cell| cell.symbol() == "2" && Some(cell.fg) == amber));
}

#[test]
fn the_swap_mark_and_cursor_show_in_the_groups() {
    let journey = demo();
    let terminal = console_with_cursor(&journey, "proposed", (200, 55), false, Some(4));
    insta::assert_snapshot!("exchange_console_cursor_200x55", terminal.backend());
}

#[rstest]
fn exchange_projection_snapshots(
    #[values("proposed", "fixed", "second_round")] name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let terminal = projection(&journey, name, size);
    insta::assert_snapshot!(format!("exchange_projection_{name}_{}x{}", size.0, size.1), terminal.backend());
}

#[test]
fn the_room_sees_names_not_organisations_and_no_proposal() {
    let journey = demo();
    let text = |name| {
        let terminal = projection(&journey, name, (80, 24));
        terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect::<String>()
    };
    let proposed = text("proposed");
    let p01 = &journey.participants[0];
    assert!(!proposed.contains(&p01.name), "a proposal is the facilitator's until fixed");
    let fixed = text("fixed");
    assert!(fixed.contains(&p01.name));
    assert!(!fixed.contains(&p01.organisation), "no organisations unless the plan asks");
    assert!(fixed.contains("Tisch 5"));
}
