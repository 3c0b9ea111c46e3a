//! Key events as the keymap should see them, whatever the platform reported:
//! AltGr characters freed of the Ctrl+Alt that Windows adds, and held keys
//! that repeat only where repeating is harmless.
//!
//! The rule for held keys: a repeat passes only for keys that move or erase
//! one step at a time (arrows, Home/End, Page Up/Down, Backspace). Every other
//! repeat is dropped, so holding Space, `n`, `s`, Delete (withdraw a hand) or
//! Enter (call the next speaker) acts once. The price: holding a letter in a
//! note types it once. Repeats are recognised in two ways: terminals with the
//! keyboard enhancement protocol mark them as `Repeat`; Windows sends them as
//! further presses without a release in between, which [`KeyFilter`] tells
//! apart because Windows reports every release.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// Whether holding `code` may act again and again.
pub fn repeats(code: KeyCode) -> bool {
    matches!(
        code,
        KeyCode::Up
            | KeyCode::Down
            | KeyCode::Left
            | KeyCode::Right
            | KeyCode::Home
            | KeyCode::End
            | KeyCode::PageUp
            | KeyCode::PageDown
            | KeyCode::Backspace
    )
}

/// A character typed with Ctrl+Alt is that character: Windows reports AltGr
/// as Ctrl+Alt, so on a German keyboard `[ ] @ { } \ | ~` arrive with both.
/// Letters and digits keep their modifiers: no layout puts them on AltGr, so
/// Ctrl+Alt+S is a shortcut gone wrong, not text, and must not skip a block.
pub fn altgr_as_text(key: KeyEvent) -> KeyEvent {
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    match key.code {
        KeyCode::Char(c)
            if key.modifiers.contains(altgr) && !c.is_ascii_alphanumeric() && !c.is_control() =>
        {
            KeyEvent { modifiers: key.modifiers.difference(altgr), ..key }
        }
        _ => key,
    }
}

/// Passes key events on to the keymap, minus releases and unwanted repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyFilter {
    /// The terminal reports key releases, so a second press without one is a repeat.
    releases_reported: bool,
    /// The key pressed last and not released since, when releases are reported.
    held: Option<KeyCode>,
}

impl KeyFilter {
    /// A filter for a terminal that does (`true`) or does not report releases;
    /// one that is seen to report a release is known to from then on.
    pub fn new(releases_reported: bool) -> KeyFilter {
        KeyFilter { releases_reported, held: None }
    }

    /// The filter for this platform: crossterm reports releases on Windows,
    /// elsewhere only under the keyboard enhancement protocol (not enabled).
    pub fn for_this_platform() -> KeyFilter {
        KeyFilter::new(cfg!(windows))
    }

    /// The event for the keymap, or `None` for a release or a repeat to drop.
    pub fn pass(&mut self, key: KeyEvent) -> Option<KeyEvent> {
        let key = altgr_as_text(key);
        let repeat = match key.kind {
            KeyEventKind::Release => {
                self.releases_reported = true;
                // Any release ends the hold: a modifier let go first may change the
                // reported character, and a missed repeat is better than a lost press.
                self.held = None;
                return None;
            }
            KeyEventKind::Repeat => true,
            KeyEventKind::Press => {
                let again = self.releases_reported && self.held == Some(key.code);
                if self.releases_reported {
                    self.held = Some(key.code);
                }
                again
            }
        };
        if repeat && !repeats(key.code) { None } else { Some(KeyEvent { kind: KeyEventKind::Press, ..key }) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new_with_kind(code, modifiers, KeyEventKind::Press)
    }

    fn of(code: KeyCode, kind: KeyEventKind) -> KeyEvent {
        KeyEvent::new_with_kind(code, KeyModifiers::NONE, kind)
    }

    const ALTGR: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::ALT);

    #[test]
    fn altgr_characters_of_a_german_keyboard_are_text() {
        for c in ['[', ']', '@', '{', '}', '\\', '|', '~', '€', 'µ', '²'] {
            let typed = altgr_as_text(press(KeyCode::Char(c), ALTGR));
            assert_eq!(typed, press(KeyCode::Char(c), KeyModifiers::NONE), "{c:?}");
        }
        // Shift survives: it is part of what was typed.
        let shifted = altgr_as_text(press(KeyCode::Char('|'), ALTGR | KeyModifiers::SHIFT));
        assert_eq!(shifted.modifiers, KeyModifiers::SHIFT);
    }

    #[test]
    fn ctrl_alt_with_a_letter_or_a_lone_modifier_stays_a_shortcut() {
        for key in [
            press(KeyCode::Char('s'), ALTGR),
            press(KeyCode::Char('7'), ALTGR),
            press(KeyCode::Char('['), KeyModifiers::CONTROL),
            press(KeyCode::Char('@'), KeyModifiers::ALT),
            press(KeyCode::Delete, ALTGR),
        ] {
            assert_eq!(altgr_as_text(key), key);
        }
    }

    #[test]
    fn marked_repeats_pass_only_for_stepping_keys() {
        let mut filter = KeyFilter::new(false);
        for code in
            [KeyCode::Char(' '), KeyCode::Char('n'), KeyCode::Char('s'), KeyCode::Delete, KeyCode::Enter]
        {
            assert_eq!(filter.pass(of(code, KeyEventKind::Repeat)), None, "{code:?}");
        }
        for code in [KeyCode::Up, KeyCode::Left, KeyCode::PageDown, KeyCode::Backspace] {
            assert_eq!(filter.pass(of(code, KeyEventKind::Repeat)), Some(of(code, KeyEventKind::Press)));
        }
    }

    #[test]
    fn without_releases_every_press_counts() {
        let mut filter = KeyFilter::new(false);
        let space = of(KeyCode::Char(' '), KeyEventKind::Press);
        assert_eq!(filter.pass(space), Some(space));
        assert_eq!(filter.pass(space), Some(space));
    }

    #[test]
    fn on_windows_a_press_without_a_release_is_a_repeat() {
        let mut filter = KeyFilter::new(true);
        let space = of(KeyCode::Char(' '), KeyEventKind::Press);
        assert_eq!(filter.pass(space), Some(space));
        assert_eq!(filter.pass(space), None, "held Space must not toggle pause twice");
        assert_eq!(filter.pass(space), None);
        assert_eq!(filter.pass(of(KeyCode::Char(' '), KeyEventKind::Release)), None);
        assert_eq!(filter.pass(space), Some(space), "pressed again after letting go");
        // A held arrow keeps moving.
        let down = of(KeyCode::Down, KeyEventKind::Press);
        assert_eq!(filter.pass(down), Some(down));
        assert_eq!(filter.pass(down), Some(down));
        // Another key in between is a new press.
        let n = of(KeyCode::Char('n'), KeyEventKind::Press);
        assert_eq!(filter.pass(n), Some(n));
        assert_eq!(filter.pass(space), Some(space));
    }

    #[test]
    fn a_seen_release_teaches_the_filter_that_releases_come() {
        let mut filter = KeyFilter::new(false);
        let s = of(KeyCode::Char('s'), KeyEventKind::Press);
        assert_eq!(filter.pass(of(KeyCode::Char('x'), KeyEventKind::Release)), None);
        assert_eq!(filter.pass(s), Some(s));
        assert_eq!(filter.pass(s), None);
    }

    #[test]
    fn an_altgr_repeat_is_recognised_after_mapping() {
        let mut filter = KeyFilter::new(true);
        let bracket = press(KeyCode::Char(']'), ALTGR);
        assert_eq!(filter.pass(bracket), Some(press(KeyCode::Char(']'), KeyModifiers::NONE)));
        assert_eq!(filter.pass(bracket), None, "a held AltGr+] moves the block once");
    }
}
