//! The console's keys in front of the room: the selection stays where the
//! facilitator put it, the running block is never skipped by surprise, a
//! skipped block comes back, and short answers fade.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use chrono::{DateTime, TimeDelta};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::Console;
use moderato::core::Timestamp;
use moderato::core::session::BlockState;
use moderato::i18n::Lang;
use moderato::plan::{self, Journey};
use moderato::store::StationStore;
use moderato::ui::{Overlay, Theme, ThemeName};

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn at(seconds: i64) -> Timestamp {
    DateTime::parse_from_rfc3339("2022-11-28T09:00:00+01:00").unwrap() + TimeDelta::seconds(seconds)
}

fn open(journey: &Journey, logs: &Path) -> Console {
    let station = journey.stations[0].clone();
    let (store, recovery) = StationStore::open(logs, journey, &station).unwrap();
    Console::new(journey.clone(), station.title.clone(), store, &recovery, at(0), Lang::En, true)
}

fn press(console: &mut Console, keys: &[KeyCode], second: i64) {
    for code in keys {
        console.key(KeyEvent::new(*code, KeyModifiers::NONE), at(second));
    }
}

fn states(console: &Console) -> String {
    console
        .session()
        .agenda
        .iter()
        .take(5)
        .map(|item| match item.state {
            BlockState::Upcoming => '.',
            BlockState::Current => '>',
            BlockState::Done => 'x',
            BlockState::Skipped => 's',
        })
        .collect()
}

fn overlay_and_message(console: &Console, second: i64) -> (Overlay<'static>, Option<String>) {
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    let view = console.view(at(second), &keys, &theme);
    let overlay = match view.overlay {
        Overlay::None => Overlay::None,
        Overlay::ConfirmSkip => Overlay::ConfirmSkip,
        _ => Overlay::Help { scroll: 0 },
    };
    (overlay, view.message.map(|label| label.text(Lang::En).to_string()))
}

const S: KeyCode = KeyCode::Char('s');
const DOWN: KeyCode = KeyCode::Down;

#[test]
fn a_skipped_selection_stays_and_the_next_s_brings_it_back() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    // Select the third block and skip it; then press `s` again.
    press(&mut console, &[DOWN, DOWN, S], 2);
    assert_eq!(states(&console), ">.s..");
    press(&mut console, &[S], 3);
    assert_eq!(states(&console), ">....", "the second `s` brought it back; the running block runs on");
}

#[test]
fn skipping_the_running_block_asks_first() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    press(&mut console, &[S], 2);
    assert_eq!(overlay_and_message(&console, 2).0, Overlay::ConfirmSkip);
    press(&mut console, &[KeyCode::Char('n')], 3);
    assert_eq!(states(&console), ">....", "no: nothing skipped");
    press(&mut console, &[S, KeyCode::Char('y')], 4);
    assert_eq!(states(&console), "s>...");
}

#[test]
fn a_refused_key_changes_nothing_and_its_answer_fades() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    press(&mut console, &[KeyCode::Char('n')], 60);
    // Select the finished first block and try to shorten it: refused.
    press(&mut console, &[KeyCode::Up, KeyCode::Char('-')], 61);
    let (_, message) = overlay_and_message(&console, 62);
    assert!(message.is_some_and(|text| text.contains("upcoming")), "refused, and says why");
    // The selection is still on the first block: `s` there skips nothing.
    press(&mut console, &[S], 63);
    assert_eq!(states(&console), "x>...");
    assert_eq!(overlay_and_message(&console, 63).0, Overlay::None, "no question about the running block");
    // A few seconds later the answer has gone by itself.
    assert_eq!(overlay_and_message(&console, 70).1, None);
}

#[test]
fn the_queue_cursor_follows_the_hand_it_moved() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    // Into the discussion; three hands: Albers, Brockmann, Hohlfeld (first come).
    press(&mut console, &[KeyCode::Char(' ')], 1);
    for _ in 0..5 {
        press(&mut console, &[KeyCode::Char('n')], 2);
    }
    // The demo's discussion alternates by group; first come lets a hand move freely.
    press(&mut console, &[KeyCode::Char('l')], 3);
    let (_, discussion) = console.session().current_discussion().unwrap();
    assert_eq!(discussion.policy, moderato::plan::QueuePolicy::FirstCome);
    for who in ["albers", "brockmann", "hohlfeld"] {
        press(&mut console, &[KeyCode::Char('a')], 4);
        for c in who.chars() {
            press(&mut console, &[KeyCode::Char(c)], 4);
        }
        press(&mut console, &[KeyCode::Enter], 4);
    }
    let queue = |console: &Console| -> Vec<moderato::core::discussion::Speaker> {
        let (_, discussion) = console.session().current_discussion().unwrap();
        discussion.queue(&console.session().cohort).iter().map(|raised| raised.speaker.clone()).collect()
    };
    let before = queue(&console);
    assert_eq!(before.len(), 3, "{before:?}");
    // Tab to the queue, cursor on the first; move that hand down.
    press(&mut console, &[KeyCode::Tab, KeyCode::Char(']')], 5);
    assert_eq!(queue(&console), [before[1].clone(), before[0].clone(), before[2].clone()]);
    // The cursor went with it: `w` withdraws the hand that was moved.
    press(&mut console, &[KeyCode::Char('w')], 5);
    let after = queue(&console);
    assert_eq!(after, [before[1].clone(), before[2].clone()], "w withdrew the hand that was moved");
}

#[test]
fn a_block_moved_out_of_the_plans_order_is_marked_so() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    // Move the third block one later: the fourth now stands before it.
    press(&mut console, &[DOWN, DOWN, KeyCode::Char(']')], 2);
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| moderato::ui::draw_console(frame, &console.view(at(3), &keys, &theme))).unwrap();
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> =
        (0..40).map(|y| (0..60).map(|x| buffer[(x, y)].symbol().to_string()).collect()).collect();
    let marked: Vec<&String> = rows.iter().filter(|row| row.contains('↕')).collect();
    assert_eq!(marked.len(), 1, "{rows:#?}");
    assert!(marked[0].contains("↕10:00") && marked[0].contains("Kaffeepause"), "{marked:?}");
}

#[test]
fn help_scrolls_with_the_arrows_and_closes_with_esc() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char('?'), DOWN, DOWN, KeyCode::Up], 1);
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    assert_eq!(console.view(at(1), &keys, &theme).overlay, Overlay::Help { scroll: 1 });
    press(&mut console, &[KeyCode::Esc], 2);
    assert_eq!(console.view(at(2), &keys, &theme).overlay, Overlay::None);
    assert_eq!(states(&console), ".....", "the arrows moved no block and started nothing");
}

#[test]
fn a_message_for_the_room_is_offered_ready_made_in_the_rooms_language() {
    use moderato::core::event::Scene;
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    // The console speaks English; the demo journey (the room) speaks German.
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    let message = |console: &Console| match &console.session().scene {
        Scene::Message { text } => Some(text.clone()),
        _ => None,
    };
    // The first block ends at 09:20: that is when the room is back.
    press(&mut console, &[KeyCode::Char('3'), KeyCode::Enter], 2);
    assert_eq!(message(&console).as_deref(), Some("Weiter um 09:20"));
    // The wall shows the first suggestion: Tab offers the next; typing replaces what is offered.
    press(&mut console, &[KeyCode::Char('3'), KeyCode::Tab, KeyCode::Enter], 3);
    assert!(
        message(&console).is_some_and(|text| text.starts_with("Beginn um 09:20: Der Gastgeber")),
        "{:?}",
        message(&console)
    );
    press(&mut console, &[KeyCode::Char('3'), KeyCode::Char('G'), KeyCode::Char('o'), KeyCode::Enter], 4);
    assert_eq!(message(&console).as_deref(), Some("Go"));
}

/// The casting screen's cursor row and the groups of the running consultation.
fn casting(console: &Console, second: i64) -> (Option<usize>, Vec<Vec<String>>) {
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    let view = console.view(at(second), &keys, &theme);
    let cursor = match view.method {
        moderato::ui::MethodFocus::Consultation(focus) => focus.casting,
        _ => None,
    };
    let session = console.session();
    let (_, state) = session.current_consultation().unwrap();
    let groups = (0..state.groups)
        .map(|group| {
            session
                .present()
                .iter()
                .filter(|p| state.group_of(&p.id) == group)
                .map(|p| p.id.clone())
                .collect()
        })
        .collect();
    (cursor, groups)
}

#[test]
fn the_casting_screen_forms_groups_moves_people_with_the_cursor_and_says_why_not() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    // The seventh block is the consultation; open its casting screen.
    for second in 2..8 {
        press(&mut console, &[KeyCode::Char('n')], second);
    }
    press(&mut console, &[KeyCode::Char('g')], 10);
    // Its footer and help show the casting keys, not the phases' arrows.
    let keys = console.keys();
    let footer: Vec<&str> = keys.footer.iter().map(|(keys, _)| *keys).collect();
    assert!(footer.contains(&"←→") && footer.contains(&"a") && footer.contains(&"1-4/0"), "{footer:?}");
    assert!(!footer.contains(&"→/←"), "the arrows move people here: {footer:?}");
    let help: Vec<&str> = keys.help.iter().flatten().map(|(keys, _)| *keys).collect();
    assert!(help.contains(&"a") && help.contains(&"1 2 3 4") && help.contains(&"v"), "{help:?}");
    let everyone = casting(&console, 10).1.concat().len();
    assert_eq!(everyone, 15);
    // `a`: fifteen people here in one group become three groups of five, everyone once.
    press(&mut console, &[KeyCode::Char('a')], 11);
    let (_, groups) = casting(&console, 11);
    assert_eq!(groups.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 5]);
    let mut all = groups.concat();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), everyone);
    // One undo takes all the moves back.
    press(&mut console, &[KeyCode::Char('u')], 12);
    assert_eq!(casting(&console, 12).1.len(), 1, "the groups the moves opened close again");
    assert_eq!(casting(&console, 12).1[0].len(), everyone);
    press(&mut console, &[KeyCode::Char('a')], 13);
    // The cursor follows the person it moved.
    press(&mut console, &[DOWN], 14);
    let (cursor, groups) = casting(&console, 14);
    assert_eq!(cursor, Some(1));
    let moved = groups[0][1].clone();
    press(&mut console, &[KeyCode::Right], 15);
    let (cursor, groups) = casting(&console, 15);
    assert!(groups[1].contains(&moved));
    let rows: Vec<String> = groups.concat();
    assert_eq!(rows.get(cursor.unwrap()), Some(&moved), "the cursor stays on who moved");
    press(&mut console, &[KeyCode::Right], 16);
    let (cursor, groups) = casting(&console, 16);
    assert!(groups[2].contains(&moved));
    assert_eq!(groups.concat().get(cursor.unwrap()), Some(&moved));
    // The case giver stays in their group for the case, and the console says so.
    press(&mut console, &[KeyCode::Char('1'), KeyCode::Left], 17);
    assert!(casting(&console, 17).1[2].contains(&moved));
    let (_, message) = overlay_and_message(&console, 17);
    assert!(message.is_some_and(|text| text.contains("role")), "refused, and says why");
    // Forming again keeps the case giver in their group, or is refused with the reason.
    press(&mut console, &[KeyCode::Char('a')], 18);
    let (_, message) = overlay_and_message(&console, 18);
    let refused = message.is_some_and(|text| text.contains("role"));
    assert!(refused || casting(&console, 18).1[2].contains(&moved));
}

#[test]
fn a_case_text_opens_with_what_it_already_says_so_a_typo_is_corrected_in_place() {
    let journey = demo();
    let temp = tempfile::tempdir().unwrap();
    let mut console = open(&journey, &temp.path().join("logs"));
    press(&mut console, &[KeyCode::Char(' ')], 1);
    for second in 2..8 {
        press(&mut console, &[KeyCode::Char('n')], second);
    }
    let key_question = |console: &Console| {
        let (_, state) = console.session().current_consultation().unwrap();
        state.current(0).map(|case| case.key_question.clone()).unwrap_or_default()
    };
    let typed = |text: &str| text.chars().map(KeyCode::Char).collect::<Vec<_>>();
    press(&mut console, &[KeyCode::Char('K')], 10);
    press(&mut console, &typed("Wie kann ich erreichen, dass"), 10);
    press(&mut console, &[KeyCode::Enter], 10);
    assert_eq!(key_question(&console), "Wie kann ich erreichen, dass");
    // Opened again, the editor holds the question with the cursor at its end.
    press(&mut console, &[KeyCode::Char('K')], 11);
    let theme = Theme::new(ThemeName::Dark, false);
    let keys = console.keys();
    match console.view(at(11), &keys, &theme).overlay {
        Overlay::Consultation(overlay) => {
            assert_eq!((overlay.text, overlay.cursor), ("Wie kann ich erreichen, dass", 28));
        }
        other => panic!("the key question's editor is not open: {other:?}"),
    }
    press(&mut console, &typed(" mein Haus mitzieht?"), 11);
    press(&mut console, &[KeyCode::Enter], 11);
    assert_eq!(key_question(&console), "Wie kann ich erreichen, dass mein Haus mitzieht?");
}
