//! Snapshots of every projection scene at 80x24 and 200x55, the big timer at
//! 320x90, and the colours that must survive a washed-out projector.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, busy_discussion, hand, in_discussion, session};

use moderato::core::command::Command;
use moderato::core::discussion::Hand;
use moderato::core::event::Scene;
use moderato::core::room::{RoomScene, RoomView};
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::{Journey, Method, PersonClock, SpeakerClock};
use moderato::ui::{ProjectionView, Theme, ThemeName, draw_projection};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rstest::rstest;

/// The demo journey with its first block's clock opted in for the room
/// (`speaker_clock = "visible"`), so that the timer scenes show every state's
/// colours; the discreet default for a block with a person on it has tests of its own.
fn demo() -> Journey {
    let mut journey = common::demo();
    journey.stations[0].blocks[0].speaker_clock = PersonClock::Visible;
    journey
}

/// The station in a scene, and the time it is looked at.
fn scene(name: &str, journey: &Journey) -> (Option<Session>, &'static str) {
    let start = ("09:00:00", Command::StartPause);
    let show = |scene: Scene| ("09:01:00", Command::SetScene(scene));
    let note = ("09:02:00", Command::AddNote { text: "BVA zum Piloten fragen".into() });
    match name {
        "no_log_yet" => (None, "08:30:00"),
        "before_the_start" => (Some(session(journey, &[])), "08:45:00"),
        "running" => (Some(session(journey, &[start, note])), "09:07:30"),
        "last_minutes" => (Some(session(journey, &[start])), "09:18:45"),
        "overtime" => (Some(session(journey, &[start])), "09:22:15"),
        "paused" => (Some(session(journey, &[start, ("09:05:00", Command::StartPause)])), "09:09:00"),
        "agenda" => {
            let next = ("09:25:00", Command::NextBlock);
            let skip = ("09:25:30", Command::Skip { block: "impuls-praxis".into() });
            (
                Some(session(journey, &[start, next, skip, ("09:26:00", Command::SetScene(Scene::Agenda))])),
                "09:30:00",
            )
        }
        "break" => {
            let next = |time| (time, Command::NextBlock);
            (Some(session(journey, &[start, next("09:25:00"), next("10:05:20")])), "10:12:00")
        }
        "message" => {
            let text = Scene::Message { text: "Weiter um 14:30".into() };
            (Some(session(journey, &[start, show(text)])), "12:35:00")
        }
        "blank" => (Some(session(journey, &[start, show(Scene::Blank)])), "12:35:00"),
        "finished" => {
            let mut steps = vec![start];
            steps.extend((0..journey.stations[0].blocks.len()).map(|_| ("21:30:00", Command::NextBlock)));
            (Some(session(journey, &steps)), "21:31:00")
        }
        "discussion_empty" => (Some(in_discussion(journey, &[])), "10:51:00"),
        "discussion_long_queue" => (Some(in_discussion(journey, &busy_discussion())), "10:54:40"),
        "discussion_reply" => {
            let mut steps = busy_discussion();
            steps.push(("10:54:50", hand("p11", Hand::Reply)));
            steps.push(("10:54:55", hand("p12", Hand::PointOfOrder)));
            (Some(in_discussion(journey, &steps)), "10:55:00")
        }
        "discussion_over_limit" => (Some(in_discussion(journey, &busy_discussion())), "10:56:00"),
        "talk_time" => {
            let mut steps = busy_discussion();
            steps.push(("10:55:00", Command::SetScene(Scene::TalkTime)));
            (Some(in_discussion(journey, &steps)), "10:56:00")
        }
        other => panic!("no scene {other}"),
    }
}

fn render(journey: &Journey, name: &str, size: (u16, u16), theme: &Theme) -> Terminal<TestBackend> {
    render_in(journey, name, size, theme, Lang::De)
}

fn render_in(
    journey: &Journey,
    name: &str,
    size: (u16, u16),
    theme: &Theme,
    lang: Lang,
) -> Terminal<TestBackend> {
    let (session, now) = scene(name, journey);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let station = &journey.stations[0];
    let room = match &session {
        Some(session) => RoomView::new(station, session, at(now)),
        None => RoomView::waiting(station, at(now)),
    };
    let view = ProjectionView { room: &room, warning: None, hint: None, lang, theme };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    terminal
}

/// Every scene, for the tests that go through them all.
const SCENES: [&str; 16] = [
    "no_log_yet",
    "before_the_start",
    "running",
    "last_minutes",
    "overtime",
    "paused",
    "agenda",
    "message",
    "break",
    "blank",
    "finished",
    "discussion_empty",
    "discussion_long_queue",
    "discussion_reply",
    "discussion_over_limit",
    "talk_time",
];

/// Every scene in German and English at three sizes, as text. German keeps
/// the plain names; English ones end in `_en`.
#[rstest]
fn projection_snapshots(
    #[values(
        "no_log_yet",
        "before_the_start",
        "running",
        "last_minutes",
        "overtime",
        "paused",
        "agenda",
        "message",
        "break",
        "blank",
        "finished",
        "discussion_empty",
        "discussion_long_queue",
        "discussion_reply",
        "discussion_over_limit",
        "talk_time"
    )]
    name: &str,
    #[values((80, 24), (200, 55), (320, 90))] size: (u16, u16),
    #[values(Lang::De, Lang::En)] lang: Lang,
) {
    let journey = demo();
    let terminal = render_in(&journey, name, size, &Theme::new(ThemeName::Dark, false), lang);
    let suffix = if lang == Lang::En { "_en" } else { "" };
    insta::assert_snapshot!(format!("{name}_{}x{}{suffix}", size.0, size.1), terminal.backend());
}

/// Text snapshots cannot tell themes apart: per theme, the styles each scene
/// draws with at 200x55 (foreground, background, modifiers) and on how many cells.
#[rstest]
fn the_styles_of_every_scene_in_each_theme(#[values("dark", "light", "contrast", "no_color")] theme: &str) {
    let journey = demo();
    let theme_of = match theme {
        "light" => Theme::new(ThemeName::Light, false),
        "contrast" => Theme::new(ThemeName::Contrast, false),
        "no_color" => Theme::new(ThemeName::Dark, true),
        _ => Theme::new(ThemeName::Dark, false),
    };
    let mut report = String::new();
    for name in SCENES {
        let terminal = render(&journey, name, (200, 55), &theme_of);
        let mut styles: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
        for cell in terminal.backend().buffer().content.iter().filter(|cell| cell.symbol() != " ") {
            *styles.entry(format!("fg {:?} bg {:?} {:?}", cell.fg, cell.bg, cell.modifier)).or_default() += 1;
        }
        report.push_str(&format!("{name}\n"));
        for (style, cells) in styles {
            report.push_str(&format!("  {style}: {cells}\n"));
        }
    }
    insta::assert_snapshot!(format!("styles_{theme}"), report);
}

/// The colours of the big glyphs, but for big titles and names (in the theme's title colour).
fn colours(buffer: &Buffer, theme: &Theme) -> Vec<Color> {
    let title = theme.title.fg.unwrap_or(Color::Reset);
    let mut found: Vec<Color> = buffer
        .content
        .iter()
        .filter(|cell| cell.symbol() == "█" && cell.fg != title)
        .map(|cell| cell.fg)
        .collect();
    found.sort_by_key(|colour| format!("{colour:?}"));
    found.dedup();
    found
}

#[rstest]
#[case::dark_running(ThemeName::Dark, "running", Color::Green)]
#[case::dark_last_minutes(ThemeName::Dark, "last_minutes", Color::Yellow)]
#[case::dark_overtime(ThemeName::Dark, "overtime", Color::Red)]
#[case::contrast_running(ThemeName::Contrast, "running", Color::LightGreen)]
#[case::contrast_overtime(ThemeName::Contrast, "overtime", Color::LightRed)]
#[case::light_overtime(ThemeName::Light, "overtime", Color::Indexed(160))]
fn the_big_digits_carry_the_state_colour(
    #[case] theme: ThemeName,
    #[case] name: &str,
    #[case] colour: Color,
) {
    let journey = demo();
    let theme = Theme::new(theme, false);
    let terminal = render(&journey, name, (200, 55), &theme);
    assert_eq!(colours(terminal.backend().buffer(), &theme), vec![colour]);
}

#[test]
fn the_contrast_theme_is_white_on_black() {
    let journey = demo();
    let terminal = render(&journey, "running", (200, 55), &Theme::new(ThemeName::Contrast, false));
    let buffer = terminal.backend().buffer();
    assert!(buffer.content.iter().all(|cell| cell.bg == Color::Black), "every cell on black");
}

#[rstest]
#[case::overtime("overtime", "ÜBERZOGEN")]
#[case::paused("paused", "PAUSIERT")]
#[case::last_minutes("last_minutes", "LETZTE MINUTEN")]
fn without_colour_the_state_is_said_in_words(#[case] name: &str, #[case] word: &str) {
    let journey = demo();
    let terminal = render(&journey, name, (200, 55), &Theme::new(ThemeName::Dark, true));
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    assert!(text.contains(word), "{name} says {word}");
    assert!(buffer.content.iter().all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset));
}

#[test]
fn the_blank_scene_is_black_and_empty() {
    let journey = demo();
    let terminal = render(&journey, "blank", (80, 24), &Theme::new(ThemeName::Light, false));
    let buffer = terminal.backend().buffer();
    assert!(buffer.content.iter().all(|cell| cell.symbol() == " " && cell.bg == Color::Black));
}

/// What must never reach the room (the projection, or a browser through
/// `serve`): a private note, the plan's block notes, what the facilitator
/// captured in the discussion, and drift figures.
const PRIVATE: [&str; 6] = [
    "vertraulich: Pilot",
    "Video lokal",
    "Zeichen geben",
    "Pilot in zwei Häusern",
    "hinter dem Plan",
    "Steckbrief",
];

/// Every scene of a discussion in which all of `PRIVATE` was typed, as the room's view.
fn private_day(journey: &Journey) -> Vec<(Session, &'static str)> {
    let mut steps = busy_discussion();
    steps.push(("10:54:35", Command::AddNote { text: "vertraulich: Pilot im BVA wackelt".into() }));
    let action = moderato::core::discussion::Capture::Action {
        text: "Steckbrief schreiben".into(),
        owner: Some("p01".into()),
        due: None,
    };
    steps.push(("10:54:40", common::discussion(moderato::core::discussion::Command::Capture(action))));
    let scenes = [
        Scene::Auto,
        Scene::Agenda,
        Scene::TalkTime,
        Scene::Message { text: "Gleich geht es weiter".into() },
        Scene::Blank,
    ];
    let mut days: Vec<(Session, &str)> = scenes
        .into_iter()
        .map(|shown| {
            let mut steps = steps.clone();
            steps.push(("10:55:00", Command::SetScene(shown)));
            // Half an hour late: the facilitator's header would say so.
            (in_discussion(journey, &steps), "11:40:00")
        })
        .collect();
    // The first block, whose plan notes say how to play the video.
    let note = ("09:02:00", Command::AddNote { text: "vertraulich: Pilot im BVA wackelt".into() });
    days.push((session(journey, &[("09:00:00", Command::StartPause), note]), "09:30:00"));
    days
}

#[test]
fn nothing_private_reaches_the_rooms_view_or_its_plain_text() {
    let journey = demo();
    let theme = Theme::new(ThemeName::Dark, false);
    let mut seen = String::new();
    for (session, now) in private_day(&journey) {
        let room = RoomView::new(&journey.stations[0], &session, at(now));
        let fields = format!("{room:?}");
        let served = common::served_pages(&room);
        for private in PRIVATE {
            assert!(!fields.contains(private), "{private:?} in the room's view: {fields}");
            assert!(!served.contains(private), "{private:?} served to browsers: {served}");
        }
        seen.push_str(&served);
        // Small terminals draw big text as plain text, so a leak cannot hide behind glyphs.
        for (width, height) in [(40, 12), (60, 18), (100, 30)] {
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            let view =
                ProjectionView { room: &room, warning: None, hint: None, lang: Lang::De, theme: &theme };
            terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
            let text: String = terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect();
            for private in PRIVATE {
                assert!(!text.contains(private), "{private:?} projected at {width}x{height}:\n{text}");
            }
            seen.push_str(&text);
        }
    }
    // The scenes did draw what the room may see.
    for public in ["Agenda", "Redezeit", "Gleich", "Lorenzen"] {
        assert!(seen.contains(public), "{public:?} never shown");
    }
}

/// The demo journey with every discussion's speaker clock set to `choice`.
fn with_speaker_clock(choice: SpeakerClock) -> Journey {
    let mut journey = demo();
    for block in journey.stations.iter_mut().flat_map(|station| station.blocks.iter_mut()) {
        if let Method::Discussion(discussion) = &mut block.method {
            discussion.speaker_clock = choice;
        }
    }
    journey
}

/// At 10:56 the speaker has talked 2:30 of a 2:00 limit.
#[rstest]
#[case::hidden_by_default(None, false, false)]
#[case::hidden(Some(SpeakerClock::Hidden), false, false)]
#[case::cue(Some(SpeakerClock::Cue), false, true)]
#[case::shown(Some(SpeakerClock::Shown), true, false)]
fn a_speaker_over_their_limit_is_red_on_the_wall_only_when_the_plan_says_so(
    #[case] choice: Option<SpeakerClock>,
    #[case] red: bool,
    #[case] cue: bool,
) {
    let journey = choice.map_or_else(demo, with_speaker_clock);
    let theme = Theme::new(ThemeName::Dark, false);
    let terminal = render(&journey, "discussion_over_limit", (200, 55), &theme);
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    assert!(text.contains("(ITZBund)"), "the speaker is there:\n{text}");
    assert_eq!(buffer.content.iter().any(|cell| cell.fg == Color::Red), red, "red on the wall");
    assert_eq!(text.contains("· Zeit"), cue, "the neutral cue");
    if !red {
        // The block's clock is the big one, in the calm running colour.
        assert_eq!(colours(buffer, &theme), vec![Color::Green]);
    }
}

#[test]
fn the_agenda_folds_what_is_done_leaves_out_what_was_skipped_and_marks_fixed_starts() {
    let journey = demo();
    let (session, now) = scene("agenda", &journey);
    let room = RoomView::new(&journey.stations[0], &session.unwrap(), at(now));
    let RoomScene::Agenda { done, rows } = &room.scene else { panic!("not the agenda: {room:?}") };
    assert_eq!(*done, 1);
    assert_eq!(rows[0].title, journey.stations[0].blocks[1].title, "the current block leads");
    assert!(rows.iter().all(|row| !row.title.starts_with("Impuls aus der Praxis")), "skipped left out");
    let fixed: Vec<&str> = rows.iter().filter(|row| row.fixed).map(|row| row.title.as_str()).collect();
    assert_eq!(fixed[0], "Mittagessen");
    let text = plain_text(&render(&journey, "agenda", (120, 40), &Theme::new(ThemeName::Dark, false)));
    assert!(text.contains("✓ 1 erledigt") && text.contains("Mittagessen  · fester Termin"), "{text}");
}

fn plain_text(terminal: &Terminal<TestBackend>) -> String {
    terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect()
}

#[rstest]
#[case::german(Lang::De, "Weiter um 10:20")]
#[case::english(Lang::En, "Back at 10:20")]
fn a_break_says_when_the_room_continues_in_the_rooms_language(#[case] lang: Lang, #[case] said: &str) {
    // The break began at 10:05:20 for 15 minutes: the room is back at 10:20.
    let journey = demo();
    // Narrow enough that the big text falls back to plain text, which can be read here.
    let terminal = render_in(&journey, "break", (40, 16), &Theme::new(ThemeName::Dark, false), lang);
    let text = plain_text(&terminal);
    assert!(text.contains(said), "{text}");
}

#[rstest]
fn without_colour_an_underline_stays_under_the_words(
    #[values("last_minutes", "overtime", "paused", "break")] name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let terminal = render(&journey, name, size, &Theme::new(ThemeName::Dark, true));
    let buffer = terminal.backend().buffer();
    let underlined = |x: u16, y: u16| buffer[(x, y)].modifier.contains(ratatui::style::Modifier::UNDERLINED);
    for y in 0..size.1 {
        let words: Vec<u16> =
            (0..size.0).filter(|&x| underlined(x, y) && buffer[(x, y)].symbol() != " ").collect();
        let (first, last) = (words.first().copied().unwrap_or(u16::MAX), words.last().copied().unwrap_or(0));
        let outside = (0..size.0).filter(|&x| underlined(x, y) && (x < first || x > last)).count();
        assert_eq!(outside, 0, "underlined padding in row {y} of {name}");
    }
}

#[rstest]
fn the_light_theme_has_no_pale_grey_text_on_white(
    #[values("before_the_start", "running", "agenda", "talk_time", "discussion_long_queue")] name: &str,
) {
    let journey = demo();
    let terminal = render(&journey, name, (200, 55), &Theme::new(ThemeName::Light, false));
    let pale = [Color::Gray, Color::White, Color::Indexed(7), Color::Indexed(250)];
    for cell in terminal.backend().buffer().content.iter().filter(|cell| cell.symbol() != " ") {
        assert!(!pale.contains(&cell.fg), "{:?} in {:?} on the wall", cell.symbol(), cell.fg);
    }
}

/// A block with a person on it (the demo's first, a guest's video message)
/// two minutes over, with the plan's default: the room sees a calm 0:00, no
/// red or amber anywhere, no overtime figure and no "ÜBERZOGEN" under the name.
#[rstest]
fn a_person_over_time_gets_a_calm_clock_on_the_wall(
    #[values((80, 24), (200, 55))] size: (u16, u16),
    #[values(ThemeName::Dark, ThemeName::Light, ThemeName::Contrast)] theme: ThemeName,
) {
    let journey = common::demo();
    assert_eq!(journey.stations[0].blocks[0].speaker_clock, PersonClock::Discreet);
    let start = ("09:00:00", Command::StartPause);
    let session = session(&journey, &[start]);
    let room = RoomView::new(&journey.stations[0], &session, at("09:22:00"));
    let theme_of = Theme::new(theme, false);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let view = ProjectionView { room: &room, warning: None, hint: None, lang: Lang::De, theme: &theme_of };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    let RoomScene::Block(block) = &room.scene else { panic!("the block is on the wall") };
    assert!(
        block.presenter.as_deref().is_some_and(|who| who.contains("Bundes-CIO")),
        "the name is on the wall"
    );
    assert_eq!(
        (block.remaining, block.timer),
        (chrono::TimeDelta::zero(), moderato::core::timer::TimerState::Running)
    );
    for word in ["ÜBERZOGEN", "LETZTE MINUTEN", "+"] {
        assert!(!text.contains(word), "{word} on the wall at {size:?}");
    }
    let loud = [theme_of.overtime.fg, theme_of.last_minutes.fg];
    for cell in buffer.content.iter().filter(|cell| cell.symbol() != " ") {
        assert!(!loud.contains(&Some(cell.fg)), "{:?} is the overtime or last-minutes colour", cell.fg);
    }
    if theme == ThemeName::Dark {
        insta::assert_snapshot!(format!("person_over_time_{}x{}", size.0, size.1), terminal.backend());
    }
}
