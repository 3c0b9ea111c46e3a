//! Every reflection format in the console and on the projection at 80x24 and
//! 200x55; the calm timers (no amber, no red: "Zeit"); and what the room never
//! sees (takeaways not shown, commitments of earlier stations).
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, demo};

use chrono::NaiveDate;
use moderato::core::command::Command;
use moderato::core::event::{Envelope, Event, Presence};
use moderato::core::history::{History, PastStation};
use moderato::core::method::{MethodCommand, MethodEvent};
use moderato::core::reflection::{Change, Command as Reflection, Takeaway};
use moderato::core::room::RoomView;
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::{Block, BlockKind, Journey, Method, ReflectionFormat, RoundOrder, Station};
use moderato::ui::{
    ConsoleView, MethodFocus, Overlay, ProjectionView, ReflectionFocus, Theme, ThemeName, draw_console,
    draw_projection,
};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rstest::rstest;
use uuid::Uuid;

/// The München station with one reflection block of `format` first, seated as the cohort is listed.
fn station(journey: &Journey, format: ReflectionFormat, blitzlicht: Option<bool>) -> Station {
    let mut station = journey.stations[0].clone();
    let plan = moderato::plan::Reflection {
        format,
        blitzlicht,
        order: RoundOrder::Seating,
        turn_secs: 45,
        ..moderato::plan::Reflection::default()
    };
    let block = Block {
        id: "reflexion".into(),
        kind: BlockKind::Reflection,
        title: "Reflexion des Vormittags".into(),
        minutes: 30,
        fixed_start: None,
        owner: None,
        speaker: None,
        notes: None,
        last_minutes_secs: 120,
        speaker_clock: moderato::plan::PersonClock::Discreet,
        method: Method::Reflection(plan),
    };
    station.blocks.insert(0, block);
    station
}

fn reflect(command: Reflection) -> Command {
    Command::Method(MethodCommand::Reflection(command))
}

fn next() -> Command {
    reflect(Reflection::Next { seed: 2022 })
}

fn note(text: &str, owner: Option<&str>, commitment: bool) -> Command {
    reflect(Reflection::Note(Takeaway {
        text: text.into(),
        owner: owner.map(String::from),
        commitment,
        protocol: false,
    }))
}

fn absent(participant: &str, presence: Presence) -> Command {
    Command::SetPresence { participant: participant.into(), presence }
}

/// A station's session after `steps`, the block started at 09:00.
fn run(journey: &Journey, station: &Station, steps: &[(&str, Command)]) -> Session {
    let mut session = Session::new(station, &journey.participants);
    let mut all = vec![("09:00:00", Command::StartPause)];
    all.extend(steps.iter().cloned());
    for (time, command) in all {
        let events = session.decide(&command, at(time)).unwrap_or_else(|err| panic!("{command:?}: {err:?}"));
        for event in events {
            let envelope = Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: at(time), event };
            session.apply(&envelope);
        }
    }
    session
}

/// München's commitments, as the history of a later station holds them.
fn history() -> History {
    let noted = |seq: u64, text: &str, owner: &str| Envelope {
        id: Uuid::nil(),
        seq,
        at: at("17:55:00"),
        event: Event::Method(MethodEvent::Reflection {
            block: "reflexion-tag".into(),
            change: Change::Noted {
                takeaway: Takeaway {
                    text: text.into(),
                    owner: Some(owner.into()),
                    commitment: true,
                    protocol: false,
                },
            },
        }),
    };
    History {
        stations: vec![PastStation {
            id: "muenchen".into(),
            date: NaiveDate::from_ymd_opt(2022, 11, 28).unwrap(),
            plan: demo().stations[0].clone(),
            cohort: demo().participants,
            events: vec![
                noted(1, "Bis Köln: eine Teamrunde ohne Agenda ausprobieren", "p01"),
                noted(2, "Digitalbeauftragte ins Leitungsteam holen", "p02"),
            ],
        }],
    }
}

/// A scene: the station, its session, when it is looked at, the takeaway cursor.
struct Scene {
    station: Station,
    session: Session,
    now: &'static str,
    cursor: Option<usize>,
}

fn scene(name: &str, journey: &Journey) -> Scene {
    let plain = |format, blitzlicht, steps: &[(&str, Command)], now| {
        let station = station(journey, format, blitzlicht);
        let session = run(journey, &station, steps);
        Scene { station, session, now, cursor: None }
    };
    match name {
        // The second of three prompts, one after another.
        "silent" => plain(ReflectionFormat::Silent, None, &[("09:02:00", next())], "09:02:40"),
        // The last prompt's time is up: the clock fades to "Zeit".
        "silent_time_up" => {
            plain(ReflectionFormat::Silent, None, &[("09:02:00", next()), ("09:04:00", next())], "09:06:10")
        }
        "think_pair_share" => {
            plain(ReflectionFormat::ThinkPairShare, None, &[("09:03:00", next())], "09:05:30")
        }
        "one_two_four_all" => plain(
            ReflectionFormat::OneTwoFourAll,
            None,
            &[("09:01:00", next()), ("09:03:00", next())],
            "09:04:00",
        ),
        // Two passes, a late arrival, a takeaway on the wall, a commitment.
        "blitzlicht" => {
            let station = station(journey, ReflectionFormat::Blitzlicht, None);
            let steps = [
                ("08:59:00", absent("p03", Presence::Absent)),
                ("09:00:10", next()),
                ("09:00:40", reflect(Reflection::Pass)),
                ("09:01:20", next()),
                ("09:01:50", reflect(Reflection::Pass)),
                ("09:02:00", absent("p03", Presence::Present)),
                ("09:02:30", next()),
                ("09:02:40", note("Mut zur Lücke", None, false)),
                ("09:02:50", note("Bis Köln: Pilot mit zwei Referaten", Some("p05"), true)),
                ("09:02:55", reflect(Reflection::Show(Some(0)))),
            ];
            // Attendance is decided before the block: the absence comes first.
            let mut session = Session::new(&station, &journey.participants);
            for (time, command) in [steps[0].clone(), ("09:00:00", Command::StartPause)]
                .into_iter()
                .chain(steps[1..].iter().cloned())
            {
                for event in session.decide(&command, at(time)).unwrap() {
                    let envelope =
                        Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: at(time), event };
                    session.apply(&envelope);
                }
            }
            Scene { station, session, now: "09:03:05", cursor: Some(0) }
        }
        "one_minute_paper" => plain(ReflectionFormat::OneMinutePaper, Some(true), &[], "09:00:20"),
        "check_in" => {
            plain(ReflectionFormat::CheckIn, None, &[("09:00:30", next()), ("09:01:10", next())], "09:01:30")
        }
        "check_out" => plain(ReflectionFormat::CheckOut, None, &[], "09:00:05"),
        other => panic!("no scene {other}"),
    }
}

fn scene_or_paused(name: &str, journey: &Journey) -> Scene {
    if name == "paused_round" {
        // The block paused mid-turn: the speaker's clock stands still, the wall says so.
        let station = station(journey, ReflectionFormat::Blitzlicht, None);
        let session = run(journey, &station, &[("09:00:10", next()), ("09:00:30", Command::StartPause)]);
        return Scene { station, session, now: "09:05:00", cursor: None };
    }
    scene(name, journey)
}

fn console(journey: &Journey, scene: &Scene, size: (u16, u16), history: &History) -> Terminal<TestBackend> {
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = moderato::app::key_help_for(&scene.session);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let earlier = moderato::core::reflection::commitments(history);
    let view = ConsoleView {
        journey_title: &journey.title,
        station_title: &scene.station.title,
        session: &scene.session,
        now: at(scene.now),
        selected: None,
        queue_cursor: None,
        talk_by_organisation: false,
        overlay: Overlay::None,
        method: MethodFocus::Reflection(ReflectionFocus {
            cursor: scene.cursor,
            commitments: Some(&earlier),
        }),
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

fn room(scene: &Scene) -> RoomView {
    RoomView::new(&scene.station, &scene.session, at(scene.now))
}

fn projection(scene: &Scene, size: (u16, u16), lang: Lang) -> Terminal<TestBackend> {
    let theme = Theme::new(ThemeName::Dark, false);
    let room = room(scene);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ProjectionView { room: &room, warning: None, hint: None, lang, theme: &theme };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    terminal
}

#[rstest]
fn every_format_in_the_console(
    #[values(
        "silent",
        "silent_time_up",
        "think_pair_share",
        "one_two_four_all",
        "blitzlicht",
        "one_minute_paper",
        "check_in",
        "check_out",
        "paused_round"
    )]
    name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let scene = scene_or_paused(name, &journey);
    let terminal = console(&journey, &scene, size, &history());
    insta::assert_snapshot!(format!("console_{name}_{}x{}", size.0, size.1), terminal.backend());
}

#[rstest]
fn every_format_on_the_projection(
    #[values(
        "silent",
        "silent_time_up",
        "think_pair_share",
        "one_two_four_all",
        "blitzlicht",
        "one_minute_paper",
        "check_in",
        "check_out",
        "paused_round"
    )]
    name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let scene = scene_or_paused(name, &journey);
    let terminal = projection(&scene, size, Lang::De);
    insta::assert_snapshot!(format!("projection_{name}_{}x{}", size.0, size.1), terminal.backend());
}

fn text_of(buffer: &Buffer) -> String {
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|cell| cell.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The colours of the current block's panel (right of the agenda, below the
/// header: the drift figures there have colours of their own).
fn panel_colours(buffer: &Buffer) -> Vec<Color> {
    let text = text_of(buffer);
    let left = text.lines().nth(2).and_then(|row| row.chars().position(|c| c == '┐')).unwrap_or(0);
    let width = usize::from(buffer.area.width);
    buffer
        .content
        .iter()
        .enumerate()
        .filter(|(index, _)| index / width >= 2 && index % width > left)
        .map(|(_, cell)| cell.fg)
        .collect()
}

fn colours(buffer: &Buffer) -> Vec<Color> {
    buffer.content.iter().map(|cell| cell.fg).collect()
}

#[test]
fn a_calm_timer_never_turns_amber_or_red_and_fades_to_zeit() {
    let journey = demo();
    // The silent reflection's last prompt over, the block's 30 minutes too.
    let over = Scene { now: "09:31:00", ..scene("silent_time_up", &journey) };
    let near = Scene { now: "09:29:00", ..scene("silent_time_up", &journey) };
    for scene in [&over, &near] {
        for size in [(80, 24), (200, 55)] {
            let console = console(&journey, scene, size, &History::default());
            let wall = projection(scene, size, Lang::De);
            for (buffer, colours) in [
                (console.backend().buffer(), panel_colours(console.backend().buffer())),
                (wall.backend().buffer(), colours(wall.backend().buffer())),
            ] {
                assert!(
                    !colours.contains(&Color::Red),
                    "{}: red on a calm timer\n{}",
                    scene.now,
                    text_of(buffer)
                );
                assert!(!colours.contains(&Color::Yellow), "{}: amber on a calm timer", scene.now);
            }
        }
    }
    let wall = projection(&over, (200, 55), Lang::De);
    let console = console(&journey, &over, (200, 55), &History::default());
    assert!(
        text_of(console.backend().buffer()).contains("ZEIT")
            || text_of(console.backend().buffer()).contains("Zeit")
    );
    assert!(!text_of(console.backend().buffer()).contains("ÜBERZOGEN"));
    // The room's words, small under the big "Zeit".
    assert!(!text_of(wall.backend().buffer()).contains("ÜBERZOGEN"));
    let english = projection(&over, (80, 24), Lang::En);
    assert!(!text_of(english.backend().buffer()).contains("OVERTIME"));
}

#[test]
fn the_room_sees_a_takeaway_only_when_shown_and_never_a_commitment_of_an_earlier_station() {
    let journey = demo();
    let shown = scene("blitzlicht", &journey);
    let wall = text_of(projection(&shown, (200, 55), Lang::De).backend().buffer());
    assert!(wall.contains("Mut zur Lücke"), "the takeaway shown on purpose:\n{wall}");
    assert!(!wall.contains("Pilot mit zwei Referaten"), "a takeaway not shown stays off the wall");
    let seen = format!("{:?}", room(&shown));
    assert!(!seen.contains("Pilot mit zwei Referaten"), "{seen}");
    let check_in = scene("check_in", &journey);
    let console = text_of(console(&journey, &check_in, (200, 55), &history()).backend().buffer());
    assert!(console.contains("Teamrunde ohne Agenda"), "the console shows München's commitments:\n{console}");
    let seen = format!("{:?}", room(&check_in));
    assert!(!seen.contains("Teamrunde ohne Agenda"), "{seen}");
    let wall = text_of(projection(&check_in, (200, 55), Lang::De).backend().buffer());
    assert!(!wall.contains("Teamrunde"), "{wall}");
}

#[test]
fn the_console_and_the_room_see_who_speaks_now_and_who_is_next() {
    let journey = demo();
    let scene = scene("blitzlicht", &journey);
    let name = |id: &str| journey.participants.iter().find(|p| p.id == id).unwrap().name.clone();
    let reflection = scene.session.current().and_then(|item| item.method.reflection()).unwrap();
    let speaker = reflection.speaking().unwrap().participant.clone();
    let cx = scene.session.context("reflexion");
    let next = reflection.queue(&cx)[0].to_string();
    let wall = text_of(projection(&scene, (200, 55), Lang::De).backend().buffer());
    let console = text_of(console(&journey, &scene, (200, 55), &History::default()).backend().buffer());
    assert!(console.contains(&name(&speaker)) && console.contains(&name(&next)), "{console}");
    assert!(wall.contains(&name(&next)), "{wall}");
    assert!(wall.contains("Für sich sprechen"), "the rules are shown:\n{wall}");
}

#[test]
fn undo_takes_back_a_pass_and_the_turn_it_handed_on() {
    let journey = demo();
    let station = station(&journey, ReflectionFormat::Blitzlicht, None);
    let session = run(
        &journey,
        &station,
        &[("09:00:10", next()), ("09:00:40", reflect(Reflection::Pass)), ("09:00:50", Command::Undo)],
    );
    let reflection = session.current().and_then(|item| item.method.reflection()).unwrap();
    let round = reflection.round.as_ref().unwrap();
    assert_eq!(round.turns.len(), 1, "the turn handed on is withdrawn");
    let turn = reflection.speaking().unwrap();
    assert_eq!(turn.participant, round.order[0], "the first speaker has the floor again");
    assert!(!turn.passed);
    // Their clock goes on from where it was: the ten seconds of the mistake do not count.
    assert_eq!(turn.clock.length(at("09:01:00")).num_seconds(), 40);
}

#[test]
fn the_console_marks_a_late_arrival_in_the_round() {
    let journey = demo();
    let station = station(&journey, ReflectionFormat::Blitzlicht, None);
    // Only Katrin Albers and Jens Brockmann are here when the round is ordered; then p03 arrives.
    let mut steps: Vec<(&str, Command)> =
        journey.participants[2..].iter().map(|p| ("09:00:01", absent(&p.id, Presence::Absent))).collect();
    steps.push(("09:00:10", next()));
    steps.push(("09:00:20", absent("p03", Presence::Present)));
    let scene = Scene { session: run(&journey, &station, &steps), station, now: "09:00:30", cursor: None };
    let console = text_of(console(&journey, &scene, (200, 55), &History::default()).backend().buffer());
    let late = journey.participants[2].name.clone();
    assert!(console.contains(&format!("{late} (später dazu)")), "{console}");
}
