//! Snapshots of the facilitator console in the states a workshop day goes
//! through, at 80x24, 120x40 and 200x55, and the colours of timer states.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, busy_discussion, demo, hand, in_discussion, session};

use moderato::core::command::Command;
use moderato::core::discussion::Hand;
use moderato::core::event::Scene as Shown;
use moderato::core::session::Session;
use moderato::i18n::ConsoleMsg;
use moderato::i18n::{Label, Lang, Msg};
use moderato::plan::Journey;
use moderato::ui::{Banner, ConsoleView, Overlay, Theme, ThemeName, draw_console};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rstest::rstest;

struct Scene<'a> {
    session: Session,
    now: &'a str,
    overlay: Overlay<'a>,
    banners: Vec<Banner>,
    message: Option<Label>,
}

fn scene(name: &str, journey: &Journey) -> Scene<'static> {
    let start = ("09:00:00", Command::StartPause);
    let plain = |session, now| Scene { session, now, overlay: Overlay::None, banners: vec![], message: None };
    match name {
        "not_started" => plain(session(journey, &[]), "08:40:00"),
        "running" => plain(session(journey, &[start]), "09:07:30"),
        "last_minutes" => plain(session(journey, &[start]), "09:18:45"),
        "overtime" => plain(session(journey, &[start]), "09:22:15"),
        "paused" => plain(session(journey, &[start, ("09:05:00", Command::StartPause)]), "09:09:00"),
        "behind_with_pinned_block" => {
            // The welcome and the host run long; the impulse block is on by 10:40.
            let steps = [
                start,
                ("09:30:00", Command::NextBlock),
                ("10:25:00", Command::NextBlock),
                ("10:40:00", Command::NextBlock),
            ];
            plain(session(journey, &steps), "10:41:00")
        }
        "help" => {
            Scene { overlay: Overlay::Help { scroll: 0 }, ..plain(session(journey, &[start]), "09:07:30") }
        }
        "note_editor" => Scene {
            overlay: Overlay::Note { text: "BVA zum Piloten in Q2 fragen", cursor: 28 },
            ..plain(session(journey, &[start]), "09:07:30")
        },
        "resumed_with_warning" => Scene {
            banners: vec![
                Banner::Info(
                    "Fortgesetzt: 2 Ereignisse wiederhergestellt, aktueller Block „Begrüßung“".into(),
                ),
                Banner::Error("muenchen.journal.jsonl:3: die letzte Zeile war unvollständig".into()),
            ],
            message: Some(Label::Refused(moderato::core::command::Refusal::NoPreviousBlock)),
            ..plain(session(journey, &[start]), "09:07:30")
        },
        "discussion_empty" => plain(in_discussion(journey, &[]), "10:51:00"),
        "discussion_long_queue" => plain(in_discussion(journey, &busy_discussion()), "10:54:40"),
        "discussion_reply" => {
            let mut steps = busy_discussion();
            steps.push(("10:54:50", hand("p11", Hand::Reply)));
            steps.push(("10:54:55", hand("p12", Hand::PointOfOrder)));
            plain(in_discussion(journey, &steps), "10:55:00")
        }
        "discussion_over_limit" => plain(in_discussion(journey, &busy_discussion()), "10:56:00"),
        "discussion_help" => Scene {
            overlay: Overlay::Help { scroll: 0 },
            ..plain(in_discussion(journey, &busy_discussion()), "10:54:40")
        },
        "discussion_help_scrolled" => Scene {
            overlay: Overlay::Help { scroll: 12 },
            ..plain(in_discussion(journey, &busy_discussion()), "10:54:40")
        },
        "message_on_the_wall" => {
            let message = Command::SetScene(Shown::Message { text: "Weiter um 13:15".into() });
            plain(session(journey, &[start, ("09:05:00", message)]), "09:07:30")
        }
        "finished" => {
            let mut steps = vec![start];
            steps.extend((0..journey.stations[0].blocks.len()).map(|_| ("21:35:00", Command::NextBlock)));
            plain(session(journey, &steps), "21:40:00")
        }
        other => panic!("no scene {other}"),
    }
}

fn render(journey: &Journey, scene: &Scene, width: u16, height: u16, theme: &Theme) -> Terminal<TestBackend> {
    render_in(Lang::De, journey, scene, width, height, theme)
}

fn render_in(
    lang: Lang,
    journey: &Journey,
    scene: &Scene,
    width: u16,
    height: u16,
    theme: &Theme,
) -> Terminal<TestBackend> {
    let keys = moderato::app::key_help_for(&scene.session);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let view = ConsoleView {
        journey_title: &journey.title,
        station_title: &journey.stations[0].title,
        session: &scene.session,
        now: at(scene.now),
        selected: None,
        queue_cursor: None,
        talk_by_organisation: false,
        method: Default::default(),
        overlay: scene.overlay,
        failure: None,
        unrecorded: false,
        banners: &scene.banners,
        message: scene.message,
        keys: &keys,
        lang,
        theme,
    };
    terminal.draw(|frame| draw_console(frame, &view)).unwrap();
    terminal
}

#[rstest]
fn console_snapshots(
    #[values(
        "not_started",
        "running",
        "last_minutes",
        "overtime",
        "paused",
        "behind_with_pinned_block",
        "help",
        "note_editor",
        "resumed_with_warning",
        "discussion_empty",
        "discussion_long_queue",
        "discussion_reply",
        "discussion_over_limit",
        "message_on_the_wall",
        "finished",
        "discussion_help",
        "discussion_help_scrolled"
    )]
    name: &str,
    #[values((80, 24), (120, 40), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let scene = scene(name, &journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, &scene, size.0, size.1, &theme);
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), terminal.backend());
}

/// A laptop's terminal at 120x34: the scroll indicator of a long queue, the
/// room indicator, the honest agenda rows of a late day and a finished station.
#[rstest]
fn console_snapshots_at_120x34(
    #[values(
        "discussion_long_queue",
        "discussion_reply",
        "message_on_the_wall",
        "behind_with_pinned_block",
        "finished"
    )]
    name: &str,
) {
    let journey = demo();
    let scene = scene(name, &journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, &scene, 120, 34, &theme);
    insta::assert_snapshot!(format!("{name}_120x34"), terminal.backend());
}

/// The style of the first cell whose text starts `text`.
fn fg_of(buffer: &Buffer, text: &str) -> Option<Color> {
    let width = buffer.area.width as usize;
    let cells = &buffer.content;
    (0..cells.len()).find_map(|start| {
        let matches = text.chars().enumerate().all(|(i, c)| {
            cells.get(start + i).is_some_and(|cell| cell.symbol() == c.to_string())
                && (start % width) + i < width
        });
        matches.then(|| cells[start].fg)
    })
}

#[rstest]
#[case::running("running", "12:30", Color::Green)]
#[case::last_minutes("last_minutes", "01:15", Color::Yellow)]
#[case::overtime("overtime", "+02:15", Color::Red)]
#[case::paused("paused", "15:00", Color::DarkGray)]
fn timer_colours_tell_the_state(#[case] name: &str, #[case] digits: &str, #[case] colour: Color) {
    let journey = demo();
    let scene = scene(name, &journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, &scene, 120, 40, &theme);
    assert_eq!(fg_of(terminal.backend().buffer(), digits), Some(colour), "{name}: {digits}");
}

#[test]
fn without_colour_the_state_is_in_words() {
    let journey = demo();
    let scene = scene("overtime", &journey);
    let theme = Theme::new(ThemeName::Dark, true);
    let terminal = render(&journey, &scene, 120, 40, &theme);
    let buffer = terminal.backend().buffer();
    assert_eq!(fg_of(buffer, "+02:15"), Some(Color::Reset));
    assert!(fg_of(buffer, "ÜBERZOGEN").is_some());
    assert!(buffer.content.iter().all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset));
}

#[test]
fn a_tiny_terminal_asks_to_be_enlarged() {
    let journey = demo();
    let scene = scene("running", &journey);
    let theme = Theme::new(ThemeName::Dark, false);
    for (width, height) in [(40, 10), (59, 24), (80, 15), (20, 5), (1, 1)] {
        let terminal = render(&journey, &scene, width, height, &theme);
        let text: String = terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect();
        if width * height >= 100 {
            assert!(text.contains("vergrößern"), "{width}x{height}: {text}");
            assert!(text.contains(&format!("{width}×{height}")), "the size is shown: {text}");
        } else {
            // Too small for the whole message: what shows is its beginning, never the console.
            let message = Msg::Console(ConsoleMsg::TooSmall { width, height, min_width: 60, min_height: 16 })
                .text(Lang::De);
            let shown: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let expected: String = message.chars().filter(|c| !c.is_whitespace()).collect();
            assert!(expected.starts_with(&shown), "{width}x{height}: {text:?}");
        }
    }
}

#[test]
fn the_private_note_editor_never_hides_the_cursor() {
    let journey = demo();
    let long = "x".repeat(300);
    let scene = Scene { overlay: Overlay::Note { text: &long, cursor: 300 }, ..scene("running", &journey) };
    let theme = Theme::new(ThemeName::Dark, false);
    let mut terminal = render(&journey, &scene, 80, 24, &theme);
    let cursor = terminal.get_cursor_position().unwrap();
    assert!(cursor.x < 80 && cursor.y < 24, "{cursor:?}");
}

#[test]
fn a_long_title_is_cut_between_grapheme_clusters() {
    use unicode_segmentation::UnicodeSegmentation;
    let mut journey = demo();
    journey.title = format!("Lernreise {}", "👩\u{200d}💻🇩🇪e\u{301}".repeat(30));
    let scene = scene("running", &journey);
    let theme = Theme::new(ThemeName::Dark, false);
    let full = format!(" {} · {}", journey.title, journey.stations[0].title);
    let clusters: Vec<&str> = full.graphemes(true).collect();
    // Five widths move the cut across every place in the pattern (2 + 2 + 1 columns).
    for width in 80..85 {
        let terminal = render(&journey, &scene, width, 24, &theme);
        let buffer = terminal.backend().buffer();
        // The title's part of the first row: up to its ellipsis (the room's scene and the clock follow).
        let row: Vec<&str> = (0..width).map(|x| buffer[(x, 0)].symbol()).collect();
        let end = row.iter().position(|symbol| *symbol == "…").map_or(row.len(), |at| at + 1);
        let symbols: Vec<&str> = row[..end].to_vec();
        assert!(symbols.contains(&"…"), "a cut title ends in an ellipsis: {symbols:?}");
        for symbol in symbols {
            assert!(
                symbol == " " || symbol == "…" || clusters.contains(&symbol),
                "{width} columns: {symbol:?} is not a whole cluster of the title"
            );
        }
    }
}

#[test]
fn help_explains_the_method_in_the_consoles_language() {
    let journey = demo();
    let theme = Theme::new(ThemeName::Dark, false);
    let text = |lang, name| {
        let terminal = render_in(lang, &journey, &scene(name, &journey), 200, 55, &theme);
        let buffer = terminal.backend().buffer();
        let rows: Vec<String> = (0..buffer.area.height)
            .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect())
            .collect();
        rows.join("\n")
    };
    let english = text(Lang::En, "discussion_help");
    for expected in ["Moderated discussion", "A point of order concerns the procedure", "Keep to the time"] {
        assert!(english.contains(expected), "{expected:?} not in\n{english}");
    }
    assert!(!english.contains("Geschäftsordnung"), "{english}");
    // Outside a method, help shows the keys alone.
    let plain = text(Lang::En, "help");
    assert!(!plain.contains("Moderated discussion") && !plain.contains("point of order"), "{plain}");
}

#[test]
fn the_speakers_clock_stays_on_the_speakers_line_on_a_small_terminal() {
    let journey = demo();
    // Prof. Dr. Matthias Lorenzen, Statistisches Bundesamt: a long name and organisation.
    let steps = [("10:51:00", hand("p04", Hand::Normal)), ("10:51:10", common::call_next())];
    let scene = Scene {
        session: in_discussion(&journey, &steps),
        now: "10:52:00",
        overlay: Overlay::None,
        banners: vec![],
        message: None,
    };
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, &scene, 80, 24, &theme);
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..24).map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect()).collect();
    let speaker = rows.iter().find(|row| row.contains("▶ Prof.")).unwrap();
    assert!(speaker.contains("von 02:00 übrig"), "the clock and its limit on the speaker's line: {rows:#?}");
}

/// A block with a person on it two minutes over (the demo's first, a guest's
/// video message, with the plan's discreet default): the wall stays calm, the
/// console keeps the real figure, +02:00 in the overtime colour.
#[test]
fn the_console_keeps_a_persons_overtime_the_wall_does_not_show() {
    let journey = demo();
    assert!(journey.stations[0].blocks[0].has_person());
    let scene = Scene { now: "09:22:00", ..scene("overtime", &journey) };
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, &scene, 120, 40, &theme);
    let buffer = terminal.backend().buffer();
    assert_eq!(fg_of(buffer, "+02:00"), Some(Color::Red));
    assert!(fg_of(buffer, "ÜBERZOGEN").is_some());
    insta::assert_snapshot!("console_person_over_time_120x40", terminal.backend());
    let room = moderato::core::room::RoomView::new(&journey.stations[0], &scene.session, at(scene.now));
    let moderato::core::room::RoomScene::Block(block) = &room.scene else { panic!("a block on the wall") };
    assert_eq!(block.remaining, chrono::TimeDelta::zero());
    assert_eq!(block.timer, moderato::core::timer::TimerState::Running);
}
