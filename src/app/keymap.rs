//! Keys as data: one binding table per context (the global keys, each
//! overlay, each method). Dispatch, the footer and `?` help all read the same
//! tables, so a key cannot work without being shown, or be shown without working.
//! Lookup order: the open overlay, then the current block's method, then global.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::editor::Edit;
use super::method::{self, MethodAction};
use crate::core::session::Session;
use crate::i18n::ConsoleLabel;
use crate::i18n::{Label, ServeLabel};

/// A key as the tables name it: a key code, with or without Ctrl.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }

    pub const fn char(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    pub const fn ctrl(c: char) -> Key {
        Key { code: KeyCode::Char(c), ctrl: true }
    }
}

/// What the console knows when it decides which keys to show in the footer.
#[derive(Debug, Clone, Copy)]
pub struct Situation {
    /// A block runs (or is paused).
    pub current: bool,
    /// The current block's timer runs.
    pub running: bool,
    /// Every block is done or skipped.
    pub finished: bool,
    /// The current block has a method with its own keys (they take the footer's room).
    pub in_method: bool,
}

impl Situation {
    pub fn of(session: &Session) -> Situation {
        let current = session.current();
        Situation {
            current: current.is_some(),
            running: current.is_some_and(|item| item.timer.is_running()),
            finished: session.is_finished(),
            in_method: current.is_some_and(|item| method::bindings(&item.method).is_some()),
        }
    }
}

/// The word a binding shows in the footer in a situation, if it shows there.
pub type FooterWord = fn(&Situation) -> Option<Label>;

/// One line of help: the keys, what each does, and the footer's short form.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys and the action of each.
    pub keys: &'static [(Key, Action)],
    /// How help writes the keys, e.g. `+ -`.
    pub label: &'static str,
    /// The line in `?` help.
    pub help: Label,
    /// The footer's short form of the keys and, when it shows there, its word.
    pub footer: Option<(&'static str, FooterWord)>,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Start `serve` on the local network (once) and show its address and QR code.
    OpenServe,
    StartPause,
    NextBlock,
    PreviousBlock,
    /// More or less time for the selected block, in minutes.
    AdjustTime(i64),
    Skip,
    /// Move the selected block earlier (`true`) or later.
    Move(bool),
    InsertBreak,
    SelectUp,
    SelectDown,
    OpenNote,
    OpenHelp,
    /// Who is here today: the cohort overlay.
    OpenAttendance,
    AskReanchor,
    AskQuit,
    /// Switch this terminal between the console and the projection (mirror mode).
    ToggleMirror,
    ShowAuto,
    ShowAgenda,
    /// Open the editor for a message to the room.
    ComposeMessage,
    ShowBlank,
    ShowTalkTime,
    /// Let go of the selection and the banners.
    Dismiss,
    /// Offer the next ready-made message for the room.
    Suggest,
    /// Take back the last change.
    Undo,
    /// Mark the participant under the cursor present or absent.
    TogglePresence,
    /// A key of the current block's method.
    Method(MethodAction),
    /// `y` in a confirmation, Enter in an editor.
    Confirm,
    /// `n` or Esc in a confirmation or editor, Esc or `?` in help.
    Cancel,
    Edit(Edit),
}

/// Up and down, with the vi keys beside the arrows.
const SELECT_KEYS: &[(Key, Action)] = &[
    (Key::plain(KeyCode::Up), Action::SelectUp),
    (Key::char('k'), Action::SelectUp),
    (Key::plain(KeyCode::Down), Action::SelectDown),
    (Key::char('j'), Action::SelectDown),
];

/// The keys that work whenever no overlay is open.
pub const GLOBAL: &[Binding] = &[
    Binding {
        keys: &[(Key::char(' '), Action::StartPause)],
        label: "Space",
        help: Label::Console(ConsoleLabel::KeyStartPause),
        footer: Some(("Space", |s| match (s.current, s.running, s.finished) {
            (true, true, _) => Some(Label::Console(ConsoleLabel::KeyPause)),
            (true, false, _) => Some(Label::Console(ConsoleLabel::KeyResume)),
            (false, _, false) => Some(Label::Console(ConsoleLabel::KeyStart)),
            (false, _, true) => None,
        })),
    },
    Binding {
        keys: &[(Key::char('n'), Action::NextBlock)],
        label: "n",
        help: Label::Console(ConsoleLabel::KeyNext),
        footer: Some(("n", |s| s.current.then_some(Label::Console(ConsoleLabel::KeyNext)))),
    },
    Binding {
        keys: &[(Key::char('N'), Action::PreviousBlock)],
        label: "N",
        help: Label::Console(ConsoleLabel::KeyPrevious),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('o'), Action::OpenNote)],
        label: "o",
        help: Label::Console(ConsoleLabel::KeyNote),
        footer: Some(("o", |_| Some(Label::Console(ConsoleLabel::KeyNote)))),
    },
    Binding {
        keys: &[(Key::char('+'), Action::AdjustTime(1)), (Key::char('-'), Action::AdjustTime(-1))],
        label: "+ -",
        help: Label::Console(ConsoleLabel::KeyTime),
        footer: Some(("+/-", |s| {
            (!s.finished && !s.in_method).then_some(Label::Console(ConsoleLabel::KeyTime))
        })),
    },
    Binding {
        keys: &[(Key::char('*'), Action::AdjustTime(5)), (Key::char('_'), Action::AdjustTime(-5))],
        label: "* _",
        help: Label::Console(ConsoleLabel::KeyTime5),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('s'), Action::Skip)],
        label: "s",
        help: Label::Console(ConsoleLabel::KeySkip),
        footer: Some(("s", |s| {
            (!s.finished && !s.in_method).then_some(Label::Console(ConsoleLabel::KeySkipShort))
        })),
    },
    Binding {
        keys: SELECT_KEYS,
        label: "↑ ↓",
        help: Label::Console(ConsoleLabel::KeySelect),
        footer: Some(("↑↓", |s| {
            (!s.finished && !s.in_method).then_some(Label::Console(ConsoleLabel::KeySelectShort))
        })),
    },
    Binding {
        keys: &[(Key::char('['), Action::Move(true)), (Key::char(']'), Action::Move(false))],
        label: "[ ]",
        help: Label::Console(ConsoleLabel::KeyMove),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('u'), Action::Undo)],
        label: "u",
        help: Label::Console(ConsoleLabel::KeyUndo),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('b'), Action::InsertBreak)],
        label: "b",
        help: Label::Console(ConsoleLabel::KeyBreak),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('c'), Action::OpenAttendance)],
        label: "c",
        help: Label::Console(ConsoleLabel::KeyAttendance),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('r'), Action::AskReanchor)],
        label: "r",
        help: Label::Console(ConsoleLabel::KeyReanchor),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::char('1'), Action::ShowAuto),
            (Key::char('2'), Action::ShowAgenda),
            (Key::char('3'), Action::ComposeMessage),
            (Key::char('4'), Action::ShowBlank),
            (Key::char('5'), Action::ShowTalkTime),
        ],
        label: "1-5",
        help: Label::Console(ConsoleLabel::KeyScenes),
        footer: Some(("1-5", |s| (!s.in_method).then_some(Label::Console(ConsoleLabel::ProjectionScenes)))),
    },
    Binding {
        keys: &[(Key::char('h'), Action::OpenServe)],
        label: "h",
        help: Label::Serve(ServeLabel::KeyServe),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('p'), Action::ToggleMirror)],
        label: "p",
        help: Label::Console(ConsoleLabel::KeyMirror),
        footer: Some(("p", |s| (!s.in_method).then_some(Label::Console(ConsoleLabel::KeyMirrorShort)))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Esc), Action::Dismiss)],
        label: "Esc",
        help: Label::Console(ConsoleLabel::KeyDismiss),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('?'), Action::OpenHelp)],
        label: "?",
        help: Label::Console(ConsoleLabel::KeyHelp),
        footer: Some(("?", |_| Some(Label::Console(ConsoleLabel::KeyHelp)))),
    },
    Binding {
        keys: &[(Key::char('q'), Action::AskQuit), (Key::ctrl('c'), Action::AskQuit)],
        label: "q",
        help: Label::Console(ConsoleLabel::KeyQuit),
        footer: Some(("q", |_| Some(Label::Console(ConsoleLabel::KeyQuit)))),
    },
];

/// Help: the arrows scroll it on a small terminal; any of the others closes it.
pub const HELP: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Esc), Action::Cancel),
            (Key::char('?'), Action::Cancel),
            (Key::char('q'), Action::Cancel),
            (Key::plain(KeyCode::Enter), Action::Cancel),
        ],
        label: "? Esc",
        help: Label::Console(ConsoleLabel::HelpClose),
        footer: None,
    },
    Binding {
        keys: SELECT_KEYS,
        label: "↑ ↓",
        help: Label::Console(ConsoleLabel::HelpCloseScroll),
        footer: None,
    },
];

/// A yes/no question.
pub const CONFIRM: &[Binding] = &[
    Binding {
        keys: &[
            (Key::char('y'), Action::Confirm),
            (Key::char('j'), Action::Confirm),
            (Key::char('Y'), Action::Confirm),
            (Key::char('J'), Action::Confirm),
        ],
        label: "y",
        help: Label::Console(ConsoleLabel::KeyYes),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::char('n'), Action::Cancel),
            (Key::char('N'), Action::Cancel),
            (Key::plain(KeyCode::Esc), Action::Cancel),
        ],
        label: "n",
        help: Label::Console(ConsoleLabel::KeyNo),
        footer: None,
    },
];

/// A one-line editor; every other character is typed into the line.
pub const EDITOR: &[Binding] = &[
    Binding {
        keys: &[(Key::plain(KeyCode::Enter), Action::Confirm)],
        label: "Enter",
        help: Label::Console(ConsoleLabel::KeySave),
        footer: None,
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Esc), Action::Cancel)],
        label: "Esc",
        help: Label::Console(ConsoleLabel::KeyDiscard),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Left), Action::Edit(Edit::Left)),
            (Key::plain(KeyCode::Right), Action::Edit(Edit::Right)),
            (Key::plain(KeyCode::Home), Action::Edit(Edit::Home)),
            (Key::plain(KeyCode::End), Action::Edit(Edit::End)),
            (Key::ctrl('a'), Action::Edit(Edit::Home)),
            (Key::ctrl('e'), Action::Edit(Edit::End)),
        ],
        label: "← → Home End",
        help: Label::Console(ConsoleLabel::KeyCursor),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Backspace), Action::Edit(Edit::Backspace)),
            (Key::plain(KeyCode::Delete), Action::Edit(Edit::Delete)),
            (Key::ctrl('w'), Action::Edit(Edit::DeleteWord)),
        ],
        label: "⌫ Del ^W",
        help: Label::Console(ConsoleLabel::KeyErase),
        footer: None,
    },
];

/// The message for the room: the editor's keys, and Tab for a ready-made message.
pub const COMPOSE: &[Binding] = &[Binding {
    keys: &[(Key::plain(KeyCode::Tab), Action::Suggest)],
    label: "Tab",
    help: Label::Console(ConsoleLabel::KeySuggest),
    footer: None,
}];

/// The type-ahead picker: the editor's keys plus arrows to choose.
pub const PICKER: &[Binding] = &[Binding {
    keys: &[(Key::plain(KeyCode::Up), Action::SelectUp), (Key::plain(KeyCode::Down), Action::SelectDown)],
    label: "↑ ↓",
    help: Label::Console(ConsoleLabel::KeySelectShort),
    footer: None,
}];

/// The cohort overlay: who is here today.
pub const ATTENDANCE: &[Binding] = &[
    Binding {
        keys: SELECT_KEYS,
        label: "↑ ↓",
        help: Label::Console(ConsoleLabel::KeySelectShort),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::char(' '), Action::TogglePresence),
            (Key::plain(KeyCode::Enter), Action::TogglePresence),
        ],
        label: "Space",
        help: Label::Console(ConsoleLabel::KeyPresence),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Esc), Action::Cancel),
            (Key::char('c'), Action::Cancel),
            (Key::char('q'), Action::Cancel),
        ],
        label: "Esc",
        help: Label::Console(ConsoleLabel::KeyClose),
        footer: None,
    },
];

/// What the console shows, as far as keys are concerned.
#[derive(Debug, Clone, Copy)]
pub enum KeyContext<'a> {
    /// No overlay: the method's focus table (if it has the focus), the method's keys, then the global keys.
    Normal {
        method: &'a [&'static [Binding]],
    },
    Help,
    Editing,
    /// The message editor: typing plus Tab for a ready-made message.
    Composing,
    /// The type-ahead picker: typing plus arrows to choose.
    Picking,
    Confirming,
    Attendance,
}

impl KeyContext<'_> {
    /// The tables of this context, first match wins.
    fn tables(&self) -> Vec<&'static [Binding]> {
        match self {
            KeyContext::Normal { method } => method.iter().copied().chain([GLOBAL]).collect(),
            KeyContext::Help => vec![HELP],
            KeyContext::Editing => vec![EDITOR],
            KeyContext::Composing => vec![COMPOSE, EDITOR],
            KeyContext::Picking => vec![PICKER, EDITOR],
            KeyContext::Confirming => vec![CONFIRM],
            KeyContext::Attendance => vec![ATTENDANCE],
        }
    }
}

/// The action of a key press in a context; `None` for keys that do nothing there.
pub fn action(context: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // Ctrl-S out of habit must not skip a block: held Alt, or Ctrl on anything
    // but the keys bound with Ctrl, is no console key.
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let pressed = Key { code: key.code, ctrl };
    let bound = context
        .tables()
        .into_iter()
        .flatten()
        .flat_map(|binding| binding.keys.iter())
        .find(|(key, _)| *key == pressed);
    if let Some((_, action)) = bound {
        return Some(*action);
    }
    match (context, key.code) {
        (KeyContext::Editing | KeyContext::Composing | KeyContext::Picking, KeyCode::Char(c)) if !ctrl => {
            Some(Action::Edit(Edit::Insert(c)))
        }
        _ => None,
    }
}

/// The footer's keys in a situation: Space, the method's, then the other
/// global ones that show (`?` and `q` last).
pub fn footer(method: &[&'static [Binding]], situation: &Situation) -> Vec<(&'static str, Label)> {
    let (start, rest) = GLOBAL.split_at(1);
    start
        .iter()
        .chain(acting(method).into_iter().flatten())
        .chain(rest)
        .filter_map(|binding| {
            let (keys, word) = binding.footer?;
            word(situation).map(|label| (keys, label))
        })
        .collect()
}

/// The help's columns: the global keys, then the method's.
pub fn help(method: &[&'static [Binding]]) -> Vec<Vec<(&'static str, Label)>> {
    std::iter::once(GLOBAL.iter().collect())
        .chain(acting(method))
        .map(|table: Vec<&Binding>| table.iter().map(|binding| (binding.label, binding.help)).collect())
        .collect()
}

/// The method's tables without the bindings whose every key an earlier table
/// takes (first match wins): while the casting screen has `→`, the phase's
/// `→` is neither in the footer nor in help.
fn acting(method: &[&'static [Binding]]) -> Vec<Vec<&'static Binding>> {
    method
        .iter()
        .enumerate()
        .map(|(at, table)| {
            let taken: Vec<Key> = method[..at]
                .iter()
                .flat_map(|earlier| earlier.iter())
                .flat_map(|binding| binding.keys.iter().map(|(key, _)| *key))
                .collect();
            table.iter().filter(|binding| binding.keys.iter().any(|(key, _)| !taken.contains(key))).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    const NORMAL: KeyContext = KeyContext::Normal { method: &[] };

    #[test]
    fn held_ctrl_or_alt_never_acts_as_a_console_key() {
        let plain = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(action(NORMAL, plain), Some(Action::Skip));
        assert_eq!(action(NORMAL, key(KeyCode::Char('s'), KeyModifiers::CONTROL)), None);
        assert_eq!(action(NORMAL, key(KeyCode::Char('n'), KeyModifiers::ALT)), None);
        assert_eq!(action(NORMAL, key(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(Action::AskQuit));
    }

    #[test]
    fn in_an_editor_letters_are_text_and_enter_confirms() {
        let n = key(KeyCode::Char('n'), KeyModifiers::NONE);
        assert_eq!(action(KeyContext::Editing, n), Some(Action::Edit(Edit::Insert('n'))));
        assert_eq!(
            action(KeyContext::Editing, key(KeyCode::Enter, KeyModifiers::NONE)),
            Some(Action::Confirm)
        );
        assert_eq!(
            action(KeyContext::Picking, key(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::SelectDown)
        );
        assert_eq!(action(KeyContext::Picking, n), Some(Action::Edit(Edit::Insert('n'))));
        assert_eq!(
            action(KeyContext::Editing, key(KeyCode::Char('w'), KeyModifiers::CONTROL)),
            Some(Action::Edit(Edit::DeleteWord))
        );
    }

    fn keys_of(table: &[Binding]) -> Vec<Key> {
        table.iter().flat_map(|binding| binding.keys.iter().map(|(key, _)| *key)).collect()
    }

    fn assert_no_collision(name: &str, table: &[Binding]) {
        let keys = keys_of(table);
        for (i, key) in keys.iter().enumerate() {
            assert!(!keys[i + 1..].contains(key), "{name}: {key:?} is bound twice");
        }
    }

    #[test]
    fn no_two_bindings_of_one_context_share_a_key() {
        for (name, table) in [
            ("global", GLOBAL),
            ("help", HELP),
            ("confirm", CONFIRM),
            ("editor", EDITOR),
            ("picker", PICKER),
            ("attendance", ATTENDANCE),
        ] {
            assert_no_collision(name, table);
        }
        for (name, table) in method::all_tables() {
            assert_no_collision(name, table);
        }
        let picking: Vec<Binding> = PICKER.iter().chain(EDITOR).copied().collect();
        assert_no_collision("picker + editor", &picking);
        let composing: Vec<Binding> = COMPOSE.iter().chain(EDITOR).copied().collect();
        assert_no_collision("message + editor", &composing);
    }

    #[test]
    fn no_method_key_shadows_a_global_one() {
        let global = keys_of(GLOBAL);
        for (name, table) in method::method_tables() {
            for key in keys_of(table) {
                assert!(!global.contains(&key), "{name} shadows the global key {key:?}");
            }
        }
    }

    #[test]
    fn every_help_line_has_keys_and_a_name_for_them() {
        for (name, table) in method::all_tables().into_iter().chain([("global", GLOBAL)]) {
            for binding in table {
                assert!(!binding.keys.is_empty(), "{name}: help line {:?} without a key", binding.help);
                assert!(!binding.label.is_empty(), "{name}: keys without a label");
            }
        }
    }
}
