//! Review's keys: tabs, stations, scrolling, the captures' filters, talk time
//! per discussion, revealing, reload, help and quit; and the binding table
//! that dispatch, footer and help share.
#![allow(clippy::unwrap_used)] // fixtures that fail to build should fail the test loudly

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use moderato::app::review::{self, BINDINGS, Review, ReviewAction, Step, read_stats};
use moderato::core::stats::{CaptureKind, JourneyStats};
use moderato::i18n::{Lang, ReviewLabel};
use moderato::plan;
use moderato::ui::review::{ReviewView, Tab};
use moderato::ui::{Theme, ThemeName};

fn fixture() -> JourneyStats {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey");
    let loaded = plan::load(&dir).unwrap();
    read_stats(&dir, &loaded.journey).unwrap().0
}

fn code(review: &mut Review, code: KeyCode) -> Step {
    review.key(KeyEvent::new(code, KeyModifiers::NONE))
}

fn press(review: &mut Review, keys: &str) {
    for c in keys.chars() {
        code(review, KeyCode::Char(c));
    }
}

/// Looks at what a frame would show now.
fn look<T>(review: &Review, read: impl Fn(&ReviewView) -> T) -> T {
    let theme = Theme::new(ThemeName::Dark, true);
    read(&review.view(&theme, &[], &[]))
}

#[test]
fn without_a_station_review_opens_on_the_journey_and_with_one_on_its_timeline() {
    let review = Review::new(fixture(), None, Lang::De);
    assert_eq!((review.tab(), review.station()), (Tab::Journey, 0));
    let review = Review::new(fixture(), Some(2), Lang::De);
    assert_eq!((review.tab(), review.station()), (Tab::Timeline, 2));
}

#[test]
fn numbers_and_tab_switch_tabs() {
    let mut review = Review::new(fixture(), None, Lang::De);
    for (key, tab) in ['1', '2', '3', '4', '5', '6'].into_iter().zip(Tab::ALL) {
        press(&mut review, &key.to_string());
        assert_eq!(review.tab(), tab);
    }
    code(&mut review, KeyCode::Tab);
    assert_eq!(review.tab(), Tab::Journey, "Tab after the last tab is the first");
    code(&mut review, KeyCode::BackTab);
    assert_eq!(review.tab(), Tab::Network);
    code(&mut review, KeyCode::BackTab);
    assert_eq!(review.tab(), Tab::Cases);
}

#[test]
fn the_station_selector_goes_round_and_enter_opens_the_selected_station() {
    let mut review = Review::new(fixture(), None, Lang::De);
    press(&mut review, "]");
    assert_eq!(review.station(), 1);
    code(&mut review, KeyCode::Right);
    assert_eq!(review.station(), 2);
    code(&mut review, KeyCode::Right);
    assert_eq!(review.station(), 0, "after the last station comes the first");
    code(&mut review, KeyCode::Left);
    assert_eq!(review.station(), 2);
    press(&mut review, "[");
    assert_eq!(review.station(), 1);
    code(&mut review, KeyCode::Enter);
    assert_eq!((review.tab(), review.station()), (Tab::Timeline, 1));
    // The network is the journey's: no station to change there.
    press(&mut review, "6]");
    assert_eq!(review.station(), 1);
}

#[test]
fn scrolling_stays_within_the_list() {
    // Berlin's timeline has ten blocks.
    let mut review = Review::new(fixture(), Some(0), Lang::De);
    code(&mut review, KeyCode::Down);
    code(&mut review, KeyCode::Down);
    assert_eq!(look(&review, |view| view.scroll), 2);
    code(&mut review, KeyCode::Up);
    assert_eq!(look(&review, |view| view.scroll), 1);
    code(&mut review, KeyCode::End);
    assert_eq!(look(&review, |view| view.scroll), 9);
    code(&mut review, KeyCode::Down);
    assert_eq!(look(&review, |view| view.scroll), 9, "not past the last block");
    code(&mut review, KeyCode::PageUp);
    assert_eq!(look(&review, |view| view.scroll), 0);
    code(&mut review, KeyCode::PageDown);
    assert_eq!(look(&review, |view| view.scroll), 9);
    code(&mut review, KeyCode::Home);
    assert_eq!(look(&review, |view| view.scroll), 0);
    // Another tab starts at its top.
    code(&mut review, KeyCode::End);
    press(&mut review, "3");
    assert_eq!(look(&review, |view| view.scroll), 0);
}

#[test]
fn slash_filters_the_captures_by_text_enter_keeps_it_and_esc_clears_it() {
    let mut review = Review::new(fixture(), Some(0), Lang::De);
    press(&mut review, "4/schatten-it");
    assert_eq!(
        look(&review, |view| view.editing.map(|(text, _)| text.to_string())),
        Some("schatten-it".into())
    );
    // While typing, letters are text: `q` does not quit, `k` does not cycle.
    assert_eq!(review.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)), Step::Stay);
    code(&mut review, KeyCode::Backspace);
    code(&mut review, KeyCode::Enter);
    assert_eq!(
        look(&review, |view| (view.editing.is_none(), view.filter.text.to_string())),
        (true, "schatten-it".into())
    );
    let rows = look(&review, |view| moderato::ui::review::rows(view, 80));
    assert_eq!(rows, 1, "only the parked question on shadow IT mentions it");
    press(&mut review, "/");
    code(&mut review, KeyCode::Esc);
    assert_eq!(look(&review, |view| view.filter.text.to_string()), "");
    assert_eq!(review.tab(), Tab::Captures, "Esc in the filter clears it, it does not quit");
}

#[test]
fn k_cycles_the_kinds_and_b_the_blocks_that_captured_something() {
    let mut review = Review::new(fixture(), Some(0), Lang::De);
    press(&mut review, "4");
    let mut kinds = Vec::new();
    for _ in 0..=CaptureKind::ALL.len() {
        press(&mut review, "k");
        kinds.push(look(&review, |view| view.filter.kind));
    }
    let mut expected: Vec<Option<CaptureKind>> = CaptureKind::ALL.into_iter().map(Some).collect();
    expected.push(None);
    assert_eq!(kinds, expected);
    // Berlin captured in its welcome (a note), its discussion and its reflection: blocks 1, 3 and 8.
    let stats = fixture();
    let id = |index: usize| Some(stats.stations[0].blocks[index - 1].id.clone());
    let mut blocks = Vec::new();
    for _ in 0..5 {
        press(&mut review, "b");
        blocks.push(look(&review, |view| view.filter.block.map(str::to_string)));
    }
    assert_eq!(blocks, [id(1), id(3), id(8), None, id(1)]);
    // Another station lets go of this one's block.
    press(&mut review, "]");
    assert_eq!(look(&review, |view| view.filter.block.map(str::to_string)), None);
}

#[test]
fn d_shows_talk_time_per_discussion_in_turn_and_then_the_whole_station() {
    let stats = fixture();
    let with_turns: Vec<String> =
        stats.stations[0].blocks_with_turns().into_iter().map(str::to_string).collect();
    assert!(with_turns.len() >= 2, "Berlin has a discussion and a Blitzlicht");
    let mut review = Review::new(stats, Some(0), Lang::De);
    press(&mut review, "3");
    let mut seen = Vec::new();
    for _ in 0..=with_turns.len() {
        press(&mut review, "d");
        seen.push(look(&review, |view| view.talk_block.map(str::to_string)));
    }
    let mut expected: Vec<Option<String>> = with_turns.into_iter().map(Some).collect();
    expected.push(None);
    assert_eq!(seen, expected);
}

#[test]
fn v_reveals_on_the_cases_tab_only_and_never_survives_leaving_it() {
    let mut review = Review::new(fixture(), None, Lang::De);
    press(&mut review, "v");
    assert!(!review.revealed(), "v does nothing on the journey");
    press(&mut review, "5v");
    assert!(review.revealed());
    press(&mut review, "v");
    assert!(!review.revealed(), "v hides it again");
    press(&mut review, "v4");
    assert!(!review.revealed());
    press(&mut review, "5v]");
    assert!(!review.revealed());
    press(&mut review, "v");
    review.reload(fixture());
    assert!(!review.revealed());
}

#[test]
fn r_asks_for_a_reload_and_q_esc_and_ctrl_c_quit() {
    let mut review = Review::new(fixture(), None, Lang::De);
    assert_eq!(code(&mut review, KeyCode::Char('r')), Step::Reload);
    assert_eq!(code(&mut review, KeyCode::Char('q')), Step::Quit);
    assert_eq!(code(&mut review, KeyCode::Esc), Step::Quit);
    assert_eq!(review.key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Step::Quit);
    // Alt held (AltGr on some keyboards) is no review key.
    assert_eq!(review.key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT)), Step::Stay);
}

#[test]
fn help_opens_with_question_mark_and_any_key_closes_it_without_acting() {
    let mut review = Review::new(fixture(), None, Lang::De);
    press(&mut review, "?");
    assert_eq!(look(&review, |view| view.help), Some(0));
    code(&mut review, KeyCode::Down);
    assert_eq!(look(&review, |view| view.help), Some(1));
    assert_eq!(code(&mut review, KeyCode::Char('q')), Step::Stay, "q closes help, it does not quit");
    assert_eq!(look(&review, |view| view.help), None);
    press(&mut review, "?3");
    assert_eq!(review.tab(), Tab::Journey, "the key that closes help does nothing else");
}

#[test]
fn footer_and_help_come_from_the_table_that_dispatches() {
    let help = review::help();
    for tab in Tab::ALL {
        let footer = review::footer(tab);
        let keys: Vec<&str> = footer.iter().map(|(key, _)| *key).collect();
        assert_eq!(keys[keys.len() - 2..], ["?", "q"], "{tab:?}: ? and q close the footer");
        for (key, _) in &footer {
            assert!(help.iter().any(|(label, _)| label == key), "{key} in the footer but not in help");
        }
        // Every key works where the table says it does, and does what it says.
        let mut seen = Vec::new();
        for binding in
            BINDINGS.iter().filter(|binding| binding.tabs.is_empty() || binding.tabs.contains(&tab))
        {
            for (key, action) in binding.keys {
                let modifiers = if key.ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
                assert_eq!(review::action(tab, KeyEvent::new(key.code, modifiers)), Some(*action));
                assert!(!seen.contains(key), "{tab:?}: {key:?} bound twice");
                seen.push(*key);
            }
        }
    }
    // The tab's own keys come first, so a narrow footer keeps them.
    assert_eq!(review::footer(Tab::Cases)[0], ("v", ReviewLabel::KeyRevealShort));
    assert_eq!(review::action(Tab::Journey, KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE)), None);
    assert_eq!(
        review::action(Tab::Cases, KeyEvent::new(KeyCode::Char('v'), KeyModifiers::NONE)),
        Some(ReviewAction::Reveal)
    );
}

#[test]
fn a_reload_that_fails_keeps_the_earlier_figures_and_says_why() {
    use moderato::app::AppError;
    use moderato::error::ErrorKind;
    use moderato::i18n::{Msg, StoreMsg};
    let mut review = Review::new(fixture(), Some(0), Lang::En);
    let before = review.stats().clone();
    let why = Msg::Store(StoreMsg::NothingDiscarded);
    review.reload_failed(&AppError::Failed { kind: ErrorKind::InvalidInput, msg: why.clone() });
    let message = look(&review, |view| view.message.map(str::to_string)).unwrap();
    assert!(message.starts_with("Could not reload") && message.contains(&why.text(Lang::En)), "{message}");
    assert_eq!(review.stats(), &before);
    // The next key lets go of the message.
    press(&mut review, "3");
    assert_eq!(look(&review, |view| view.message.map(str::to_string)), None);
}

#[test]
fn the_overview_counts_come_from_the_statistics() {
    // Hand-checked on the fixture: Berlin ran nine blocks and skipped one, all
    // eight were there, two notes, two cases; Online ran two so far.
    let stats = fixture();
    let [berlin, online, koeln] = &stats.stations[..] else { panic!("three stations") };
    assert_eq!(
        (berlin.blocks_run(), berlin.could_speak(), berlin.private_captures(), berlin.cases()),
        ((9, 1), 8, 2, 2)
    );
    assert_eq!(
        (online.blocks_run(), online.could_speak(), online.private_captures(), online.cases()),
        ((2, 0), 8, 2, 0)
    );
    assert_eq!((koeln.blocks_run(), koeln.private_captures(), koeln.cases()), ((0, 0), 0, 0));
}
