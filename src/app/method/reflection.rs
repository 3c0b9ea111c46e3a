//! The reflection in the console: Enter for the next person or phase, a key
//! to pass and one to go back, the takeaway editors, and the takeaway list
//! with its cursor (show one on the wall, mark one for the protocol).

use crossterm::event::KeyCode;

use super::super::keymap::{Action as KeyAction, Binding, Key};
use super::{MethodAction, MethodOverlay, Outcome};
use crate::core::Timestamp;
use crate::core::command::{Command, Refusal};
use crate::core::discussion::find_participant;
use crate::core::method::{MethodCommand, MethodKind, MethodRefusal};
use crate::core::reflection::{Command as Reflection, Refusal as ReflectionRefusal, Takeaway};
use crate::core::session::Session;
use crate::i18n::{Label, ReflectionLabel};

/// What a reflection key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Next,
    Pass,
    Back,
    /// Open the editor of a takeaway (`false`) or a transfer commitment (`true`).
    Write(bool),
    /// Give the arrow keys to the takeaways, or back to the agenda.
    FocusTakeaways,
    /// Move the takeaway cursor up (`true`) or down.
    Cursor(bool),
    /// Show the takeaway under the cursor on the wall, or hide it.
    Show,
    /// Mark the takeaway under the cursor for the protocol, or unmark it.
    Mark,
}

/// The overlays a reflection opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The editor of a takeaway; `true` for a transfer commitment.
    Takeaway(bool),
}

const fn key(action: Action) -> KeyAction {
    KeyAction::Method(MethodAction::Reflection(action))
}

fn word(label: ReflectionLabel) -> Option<Label> {
    Some(Label::Reflection(label))
}

/// The reflection's keys while it runs.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[(Key::plain(KeyCode::Enter), key(Action::Next))],
        label: "Enter",
        help: Label::Reflection(ReflectionLabel::KeyNext),
        footer: Some(("⏎", |_| word(ReflectionLabel::KeyNextShort))),
    },
    Binding {
        keys: &[(Key::char('x'), key(Action::Pass))],
        label: "x",
        help: Label::Reflection(ReflectionLabel::KeyPass),
        footer: Some(("x", |_| word(ReflectionLabel::KeyPassShort))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Backspace), key(Action::Back))],
        label: "⌫",
        help: Label::Reflection(ReflectionLabel::KeyBack),
        footer: Some(("⌫", |_| word(ReflectionLabel::KeyBack))),
    },
    Binding {
        keys: &[(Key::char('w'), key(Action::Write(false)))],
        label: "w",
        help: Label::Reflection(ReflectionLabel::KeyTakeaway),
        footer: Some(("w", |_| word(ReflectionLabel::KeyTakeaway))),
    },
    Binding {
        keys: &[(Key::char('W'), key(Action::Write(true)))],
        label: "W",
        help: Label::Reflection(ReflectionLabel::KeyCommitment),
        footer: Some(("W", |_| word(ReflectionLabel::KeyCommitment))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Tab), key(Action::FocusTakeaways))],
        label: "Tab",
        help: Label::Reflection(ReflectionLabel::KeyFocus),
        footer: Some(("Tab", |_| word(ReflectionLabel::Takeaways))),
    },
];

/// While the takeaways have the arrow keys.
pub const TAKEAWAY_KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Up), key(Action::Cursor(true))),
            (Key::char('k'), key(Action::Cursor(true))),
            (Key::plain(KeyCode::Down), key(Action::Cursor(false))),
            (Key::char('j'), key(Action::Cursor(false))),
        ],
        label: "↑ ↓",
        help: Label::Reflection(ReflectionLabel::KeyCursor),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('v'), key(Action::Show))],
        label: "v",
        help: Label::Reflection(ReflectionLabel::KeyShow),
        footer: Some(("v", |_| word(ReflectionLabel::OnTheWall))),
    },
    Binding {
        keys: &[(Key::char('m'), key(Action::Mark))],
        label: "m",
        help: Label::Reflection(ReflectionLabel::KeyMark),
        footer: Some(("m", |_| word(ReflectionLabel::Protocol))),
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Tab), key(Action::FocusTakeaways)),
            (Key::plain(KeyCode::Esc), key(Action::FocusTakeaways)),
        ],
        label: "Tab Esc",
        help: Label::Reflection(ReflectionLabel::KeyLeave),
        footer: None,
    },
];

/// The reflection's console state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    /// The takeaways have the arrow keys, with the cursor on this one (among those that count).
    pub cursor: Option<usize>,
}

fn command(command: Reflection) -> Outcome {
    Outcome::Command(Command::Method(MethodCommand::Reflection(command)))
}

fn refused(refusal: ReflectionRefusal) -> Label {
    Label::Refused(Refusal::Method(MethodRefusal::Reflection(refusal)))
}

impl Console {
    pub fn tables(&self) -> Vec<&'static [Binding]> {
        match self.cursor {
            Some(_) => vec![TAKEAWAY_KEYS, KEYS],
            None => vec![KEYS],
        }
    }

    pub fn update(&mut self, action: Action, session: &Session, now: Timestamp) -> Outcome {
        let Some(reflection) = session.current().and_then(|item| item.method.reflection()) else {
            return Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::NotRunning(
                MethodKind::Reflection,
            ))));
        };
        // The place (in the log's numbering) of the takeaway under the cursor.
        let under_cursor = || {
            let noted: Vec<usize> = reflection.noted().map(|(index, _)| index).collect();
            self.cursor.and_then(|cursor| noted.get(cursor).copied())
        };
        match action {
            // A fresh seed each time a round is ordered; the order it gives is recorded.
            Action::Next => command(Reflection::Next { seed: seed(now) }),
            Action::Pass => command(Reflection::Pass),
            Action::Back => command(Reflection::Back),
            Action::Write(commitment) => {
                Outcome::Open(MethodOverlay::Reflection(Overlay::Takeaway(commitment)))
            }
            Action::FocusTakeaways => {
                self.cursor = match self.cursor {
                    Some(_) => None,
                    None => Some(reflection.noted().count().saturating_sub(1)),
                };
                Outcome::Done
            }
            Action::Cursor(up) => {
                let count = reflection.noted().count();
                let cursor = self.cursor.unwrap_or(0);
                let moved = if up { cursor.saturating_sub(1) } else { cursor + 1 };
                self.cursor = Some(moved.min(count.saturating_sub(1)));
                Outcome::Done
            }
            Action::Show => match under_cursor() {
                Some(index) if reflection.shown == Some(index) => command(Reflection::Show(None)),
                Some(index) => command(Reflection::Show(Some(index))),
                None => Outcome::Refused(refused(ReflectionRefusal::NoSuchTakeaway)),
            },
            Action::Mark => match under_cursor() {
                Some(index) => {
                    let protocol = reflection.takeaways.get(index).is_some_and(|t| !t.takeaway.protocol);
                    command(Reflection::MarkForProtocol { index, protocol })
                }
                None => Outcome::Refused(refused(ReflectionRefusal::NoSuchTakeaway)),
            },
        }
    }

    /// After a command: the cursor stays within the takeaways; it goes with its reflection.
    pub fn settle(&mut self, session: &Session) {
        match session.current().and_then(|item| item.method.reflection()) {
            Some(reflection) => {
                let count = reflection.noted().count();
                self.cursor = self.cursor.map(|cursor| cursor.min(count.saturating_sub(1)));
            }
            None => self.cursor = None,
        }
    }
}

/// A seed for a shuffled order, from the instant the round begins.
fn seed(now: Timestamp) -> u64 {
    let nanos = now.timestamp_nanos_opt().unwrap_or_else(|| now.timestamp());
    nanos.unsigned_abs()
}

/// The command of a confirmed reflection overlay: the text, and `@who` for
/// whose takeaway it is (a commitment without one is the speaker's).
pub fn confirm(overlay: Overlay, typed: &str, session: &Session) -> Option<Command> {
    let Overlay::Takeaway(commitment) = overlay;
    let mut words: Vec<&str> = typed.split_whitespace().collect();
    let mut owner = None;
    if let Some(at) = words.iter().rposition(|word| word.starts_with('@') && word.len() > 1) {
        let handle = words.remove(at).trim_start_matches('@');
        // An unknown handle stays as typed: the core says there is no such person.
        owner = Some(
            find_participant(handle, &session.cohort).map_or_else(|| handle.to_string(), |p| p.id.clone()),
        );
    }
    if owner.is_none() && commitment {
        owner = session
            .current()
            .and_then(|item| item.method.reflection())
            .and_then(|reflection| reflection.speaking())
            .map(|turn| turn.participant.clone());
    }
    let takeaway = Takeaway { text: words.join(" "), owner, commitment, protocol: false };
    Some(Command::Method(MethodCommand::Reflection(Reflection::Note(takeaway))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_differs_from_one_instant_to_the_next() {
        let at = |text| chrono::DateTime::parse_from_rfc3339(text).unwrap_or_default();
        assert_ne!(seed(at("2022-11-28T18:00:00.1+01:00")), seed(at("2022-11-28T18:00:00.2+01:00")));
    }
}
