//! Snapshots of every projection scene at 80x24 and 200x55, the big timer at
//! 320x90, and the colours that must survive a washed-out projector.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

mod common;

use common::{at, busy_discussion, demo, hand, in_discussion, session};

use moderato::core::command::Command;
use moderato::core::discussion::Hand;
use moderato::core::event::Scene;
use moderato::core::room::RoomView;
use moderato::core::session::Session;
use moderato::i18n::Lang;
use moderato::plan::{Journey, Method, SpeakerClock};
use moderato::ui::{ProjectionView, Theme, ThemeName, draw_projection};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use rstest::rstest;

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
            (
                Some(session(journey, &[start, next, ("09:26:00", Command::SetScene(Scene::Agenda))])),
                "09:30:00",
            )
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
    let (session, now) = scene(name, journey);
    let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).unwrap();
    let title = &journey.stations[0].title;
    let room = match &session {
        Some(session) => RoomView::new(title, session, at(now)),
        None => RoomView::waiting(title, at(now)),
    };
    let view = ProjectionView { room: &room, warning: None, hint: None, lang: Lang::De, theme };
    terminal.draw(|frame| draw_projection(frame, &view)).unwrap();
    terminal
}

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
        "blank",
        "finished",
        "discussion_empty",
        "discussion_long_queue",
        "discussion_reply",
        "discussion_over_limit",
        "talk_time"
    )]
    name: &str,
    #[values((80, 24), (200, 55))] size: (u16, u16),
) {
    let journey = demo();
    let terminal = render(&journey, name, size, &Theme::new(ThemeName::Dark, false));
    insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), terminal.backend());
}

#[rstest]
fn the_big_timer_on_a_large_projector_terminal(#[values("running", "overtime")] name: &str) {
    let journey = demo();
    let terminal = render(&journey, name, (320, 90), &Theme::new(ThemeName::Dark, false));
    insta::assert_snapshot!(format!("{name}_320x90"), terminal.backend());
}

fn colours(buffer: &Buffer) -> Vec<Color> {
    let mut found: Vec<Color> =
        buffer.content.iter().filter(|cell| cell.symbol() == "█").map(|cell| cell.fg).collect();
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
    let terminal = render(&journey, name, (200, 55), &Theme::new(theme, false));
    assert_eq!(colours(terminal.backend().buffer()), vec![colour]);
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

/// What must never reach the room: a private note, the plan's block notes,
/// what the facilitator captured in the discussion, and drift figures.
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
        let room = RoomView::new(&journey.stations[0].title, &session, at(now));
        let fields = format!("{room:?}");
        for private in PRIVATE {
            assert!(!fields.contains(private), "{private:?} in the room's view: {fields}");
        }
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
    let terminal = render(&journey, "discussion_over_limit", (200, 55), &Theme::new(ThemeName::Dark, false));
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
    assert!(text.contains("Jens Brockmann"), "the speaker is named:\n{text}");
    assert_eq!(buffer.content.iter().any(|cell| cell.fg == Color::Red), red, "red on the wall");
    assert_eq!(text.contains("· Zeit"), cue, "the neutral cue");
    if !red {
        // The block's clock is the big one, in the calm running colour.
        assert_eq!(colours(buffer), vec![Color::Green]);
    }
}
