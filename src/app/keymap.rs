//! Which key does what, in which situation.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::editor::Edit;
use crate::core::discussion::Hand;
use crate::ui::CaptureKind;

/// What the console is showing, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyContext {
    Normal,
    Help,
    Editing,
    /// The type-ahead picker: typing plus arrows to choose.
    Picking,
    Confirming,
}

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
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
    /// Open the picker for a hand of this kind in the current discussion.
    Raise(Hand),
    CallNext,
    EndTurn,
    Withdraw,
    /// Switch the arrow keys between the agenda and the speaker queue.
    FocusQueue,
    CyclePolicy,
    /// The next (`true`) or previous question.
    Question(bool),
    Capture(CaptureKind),
    ToggleTalkTime,
    /// `y` in a confirmation, Enter in the editor.
    Confirm,
    /// `n` or Esc in a confirmation or editor, Esc or `?` in help.
    Cancel,
    Edit(Edit),
}

/// The action of a key press in a context; `None` for keys that do nothing there.
pub fn action(context: KeyContext, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match context {
        // Ctrl-S out of habit must not skip a block: held Ctrl or Alt means no console key.
        KeyContext::Normal if ctrl || alt => match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::AskQuit),
            _ => None,
        },
        KeyContext::Normal => match key.code {
            KeyCode::Char(' ') => Some(Action::StartPause),
            KeyCode::Char('n') => Some(Action::NextBlock),
            KeyCode::Char('N') => Some(Action::PreviousBlock),
            KeyCode::Char('+') => Some(Action::AdjustTime(1)),
            KeyCode::Char('-') => Some(Action::AdjustTime(-1)),
            KeyCode::Char('*') => Some(Action::AdjustTime(5)),
            KeyCode::Char('_') => Some(Action::AdjustTime(-5)),
            KeyCode::Char('s') => Some(Action::Skip),
            KeyCode::Char('[') => Some(Action::Move(true)),
            KeyCode::Char(']') => Some(Action::Move(false)),
            KeyCode::Char('b') => Some(Action::InsertBreak),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::SelectUp),
            KeyCode::Down | KeyCode::Char('j') => Some(Action::SelectDown),
            KeyCode::Char('o') => Some(Action::OpenNote),
            KeyCode::Char('?') => Some(Action::OpenHelp),
            KeyCode::Char('r') => Some(Action::AskReanchor),
            KeyCode::Char('p') => Some(Action::ToggleMirror),
            KeyCode::Char('1') => Some(Action::ShowAuto),
            KeyCode::Char('2') => Some(Action::ShowAgenda),
            KeyCode::Char('3') => Some(Action::ComposeMessage),
            KeyCode::Char('4') => Some(Action::ShowBlank),
            KeyCode::Char('5') => Some(Action::ShowTalkTime),
            KeyCode::Char('a') => Some(Action::Raise(Hand::Normal)),
            KeyCode::Char('d') => Some(Action::Raise(Hand::Reply)),
            KeyCode::Char('!') => Some(Action::Raise(Hand::PointOfOrder)),
            KeyCode::Enter => Some(Action::CallNext),
            KeyCode::Char('e') => Some(Action::EndTurn),
            KeyCode::Char('w') | KeyCode::Delete => Some(Action::Withdraw),
            KeyCode::Tab => Some(Action::FocusQueue),
            KeyCode::Char('l') => Some(Action::CyclePolicy),
            KeyCode::Right => Some(Action::Question(true)),
            KeyCode::Left => Some(Action::Question(false)),
            KeyCode::Char('F') => Some(Action::Capture(CaptureKind::Parked)),
            KeyCode::Char('B') => Some(Action::Capture(CaptureKind::Decision)),
            KeyCode::Char('A') => Some(Action::Capture(CaptureKind::Action)),
            KeyCode::Char('t') => Some(Action::ToggleTalkTime),
            KeyCode::Char('q') => Some(Action::AskQuit),
            KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        KeyContext::Help => match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') | KeyCode::Enter => Some(Action::Cancel),
            _ => None,
        },
        KeyContext::Confirming => match key.code {
            KeyCode::Char('y') | KeyCode::Char('j') | KeyCode::Char('Y') | KeyCode::Char('J') => {
                Some(Action::Confirm)
            }
            KeyCode::Char('n') | KeyCode::Char('N') | KeyCode::Esc => Some(Action::Cancel),
            _ => None,
        },
        KeyContext::Picking => match key.code {
            KeyCode::Up => Some(Action::SelectUp),
            KeyCode::Down => Some(Action::SelectDown),
            _ => action(KeyContext::Editing, key),
        },
        KeyContext::Editing => match key.code {
            KeyCode::Enter => Some(Action::Confirm),
            KeyCode::Esc => Some(Action::Cancel),
            KeyCode::Char('w') if ctrl => Some(Action::Edit(Edit::DeleteWord)),
            KeyCode::Char('a') if ctrl => Some(Action::Edit(Edit::Home)),
            KeyCode::Char('e') if ctrl => Some(Action::Edit(Edit::End)),
            KeyCode::Char(c) if !ctrl => Some(Action::Edit(Edit::Insert(c))),
            KeyCode::Backspace => Some(Action::Edit(Edit::Backspace)),
            KeyCode::Delete => Some(Action::Edit(Edit::Delete)),
            KeyCode::Left => Some(Action::Edit(Edit::Left)),
            KeyCode::Right => Some(Action::Edit(Edit::Right)),
            KeyCode::Home => Some(Action::Edit(Edit::Home)),
            KeyCode::End => Some(Action::Edit(Edit::End)),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn held_ctrl_or_alt_never_acts_as_a_console_key() {
        let plain = key(KeyCode::Char('s'), KeyModifiers::NONE);
        assert_eq!(action(KeyContext::Normal, plain), Some(Action::Skip));
        assert_eq!(action(KeyContext::Normal, key(KeyCode::Char('s'), KeyModifiers::CONTROL)), None);
        assert_eq!(action(KeyContext::Normal, key(KeyCode::Char('n'), KeyModifiers::ALT)), None);
        assert_eq!(
            action(KeyContext::Normal, key(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::AskQuit)
        );
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
    }
}
