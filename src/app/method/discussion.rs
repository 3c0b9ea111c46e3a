//! The moderated discussion in the console: the speaker queue's keys, the
//! queue cursor and the talk-time grouping, and the commands they make.

use crossterm::event::KeyCode;

use super::super::keymap::{Action as KeyAction, Binding, Key};
use super::{MethodAction, MethodOverlay, Outcome};
use crate::core::Timestamp;
use crate::core::command::{Command, Refusal};
use crate::core::discussion::{
    Capture, Command as Discussion, Hand, Refusal as DiscussionRefusal, Speaker, parse_action, picker_matches,
};
use crate::core::method::{MethodCommand, MethodKind, MethodRefusal};
use crate::core::session::Session;
use crate::i18n::DiscussionLabel;
use crate::i18n::Label;
use crate::ui::CaptureKind;

/// What a discussion key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Open the picker for a hand of this kind.
    Raise(Hand),
    CallNext,
    EndTurn,
    /// Give the arrow keys to the speaker queue, or back to the agenda.
    FocusQueue,
    CyclePolicy,
    /// The next (`true`) or previous question.
    Question(bool),
    Capture(CaptureKind),
    ToggleTalkTime,
    /// Move the queue cursor up (`true`) or down.
    Cursor(bool),
    /// Move the hand under the cursor earlier (`true`) or later.
    MoveHand(bool),
    Withdraw,
}

/// The overlays a discussion opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The type-ahead picker of a speaker.
    Pick(Hand),
    /// The editor of a parked question, a decision or an action item.
    Capture(CaptureKind),
}

const fn key(action: Action) -> KeyAction {
    KeyAction::Method(MethodAction::Discussion(action))
}

/// The discussion's keys while it runs.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[(Key::char('a'), key(Action::Raise(Hand::Normal)))],
        label: "a",
        help: Label::Discussion(DiscussionLabel::KeyRaise),
        footer: Some(("a", |_| Some(Label::Discussion(DiscussionLabel::KeyRaise)))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Enter), key(Action::CallNext))],
        label: "Enter",
        help: Label::Discussion(DiscussionLabel::KeyCallNext),
        footer: Some(("⏎", |_| Some(Label::Discussion(DiscussionLabel::KeyCallNext)))),
    },
    Binding {
        keys: &[(Key::char('e'), key(Action::EndTurn))],
        label: "e",
        help: Label::Discussion(DiscussionLabel::KeyEndTurn),
        footer: Some(("e", |_| Some(Label::Discussion(DiscussionLabel::KeyEndTurn)))),
    },
    Binding {
        keys: &[(Key::char('d'), key(Action::Raise(Hand::Reply)))],
        label: "d",
        help: Label::Discussion(DiscussionLabel::KeyReply),
        footer: Some(("d", |_| Some(Label::Discussion(DiscussionLabel::KeyReply)))),
    },
    Binding {
        keys: &[(Key::char('!'), key(Action::Raise(Hand::PointOfOrder)))],
        label: "!",
        help: Label::Discussion(DiscussionLabel::KeyPointOfOrder),
        footer: Some(("!", |_| Some(Label::Discussion(DiscussionLabel::KeyPointOfOrder)))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Tab), key(Action::FocusQueue))],
        label: "Tab",
        help: Label::Discussion(DiscussionLabel::KeyQueueFocus),
        footer: Some(("Tab", |_| Some(Label::Discussion(DiscussionLabel::SpeakerQueue)))),
    },
    Binding {
        keys: &[
            (Key::char('F'), key(Action::Capture(CaptureKind::Parked))),
            (Key::char('B'), key(Action::Capture(CaptureKind::Decision))),
            (Key::char('A'), key(Action::Capture(CaptureKind::Action))),
        ],
        label: "F B A",
        help: Label::Discussion(DiscussionLabel::KeyCaptures),
        footer: Some(("F/B/A", |_| Some(Label::Discussion(DiscussionLabel::KeyCapturesShort)))),
    },
    Binding {
        keys: &[(Key::char('l'), key(Action::CyclePolicy))],
        label: "l",
        help: Label::Discussion(DiscussionLabel::KeyPolicy),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Right), key(Action::Question(true))),
            (Key::plain(KeyCode::Left), key(Action::Question(false))),
        ],
        label: "→ ←",
        help: Label::Discussion(DiscussionLabel::KeyQuestion),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('t'), key(Action::ToggleTalkTime))],
        label: "t",
        help: Label::Discussion(DiscussionLabel::KeyTalkTime),
        footer: None,
    },
];

/// While the speaker queue has the arrow keys.
pub const QUEUE_KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Up), key(Action::Cursor(true))),
            (Key::char('k'), key(Action::Cursor(true))),
            (Key::plain(KeyCode::Down), key(Action::Cursor(false))),
            (Key::char('j'), key(Action::Cursor(false))),
        ],
        label: "↑ ↓",
        help: Label::Discussion(DiscussionLabel::KeyQueueCursor),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::char('['), key(Action::MoveHand(true))),
            (Key::char(']'), key(Action::MoveHand(false))),
        ],
        label: "[ ]",
        help: Label::Discussion(DiscussionLabel::KeyMoveHand),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::char('w'), key(Action::Withdraw)),
            (Key::plain(KeyCode::Delete), key(Action::Withdraw)),
        ],
        label: "w",
        help: Label::Discussion(DiscussionLabel::KeyWithdraw),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Tab), key(Action::FocusQueue)),
            (Key::plain(KeyCode::Esc), key(Action::FocusQueue)),
        ],
        label: "Tab Esc",
        help: Label::Discussion(DiscussionLabel::KeyLeaveQueue),
        footer: None,
    },
];

/// The discussion's console state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    /// The speaker queue has the arrow keys, with the cursor on this entry.
    pub queue_cursor: Option<usize>,
    /// Talk time per organisation instead of per participant.
    pub by_organisation: bool,
    /// The hand the cursor follows after a move.
    following: Option<Speaker>,
}

fn refused(refusal: DiscussionRefusal) -> Label {
    Label::Refused(Refusal::Method(MethodRefusal::Discussion(refusal)))
}

fn command(command: Discussion) -> Outcome {
    Outcome::Command(Command::Method(MethodCommand::Discussion(command)))
}

impl Console {
    pub fn tables(&self) -> Vec<&'static [Binding]> {
        match self.queue_cursor {
            Some(_) => vec![QUEUE_KEYS, KEYS],
            None => vec![KEYS],
        }
    }

    /// The speaker under the queue cursor, when the queue has the focus.
    fn under_cursor(&self, session: &Session) -> Option<Speaker> {
        let cursor = self.queue_cursor?;
        let (_, discussion) = session.current_discussion()?;
        discussion.queue(&session.cohort).get(cursor).map(|raised| raised.speaker.clone())
    }

    pub fn update(&mut self, action: Action, session: &Session) -> Outcome {
        let Some((_, discussion)) = session.current_discussion() else {
            return Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::NotRunning(
                MethodKind::Discussion,
            ))));
        };
        match action {
            Action::Raise(hand) => Outcome::Open(MethodOverlay::Discussion(Overlay::Pick(hand))),
            Action::Capture(kind) => Outcome::Open(MethodOverlay::Discussion(Overlay::Capture(kind))),
            Action::CallNext => command(Discussion::CallNext),
            Action::EndTurn => command(Discussion::EndTurn),
            Action::CyclePolicy => command(Discussion::SetPolicy(discussion.next_policy())),
            Action::Question(forward) => command(Discussion::NextQuestion(forward)),
            Action::ToggleTalkTime => {
                self.by_organisation = !self.by_organisation;
                Outcome::Done
            }
            Action::FocusQueue => {
                self.queue_cursor = match self.queue_cursor {
                    Some(_) => None,
                    None => Some(0),
                };
                Outcome::Done
            }
            Action::Cursor(up) => {
                let count = discussion.queue(&session.cohort).len();
                let cursor = self.queue_cursor.unwrap_or(0);
                let moved = if up { cursor.saturating_sub(1) } else { cursor + 1 };
                self.queue_cursor = Some(moved.min(count.saturating_sub(1)));
                Outcome::Done
            }
            Action::MoveHand(earlier) => match self.under_cursor(session) {
                Some(speaker) => {
                    self.following = Some(speaker.clone());
                    command(Discussion::MoveHand { speaker, earlier })
                }
                None => Outcome::Refused(refused(DiscussionRefusal::NobodyQueued)),
            },
            Action::Withdraw => match self.under_cursor(session) {
                Some(speaker) => command(Discussion::Withdraw { speaker }),
                None => Outcome::Refused(refused(DiscussionRefusal::NobodyQueued)),
            },
        }
    }

    /// After a command: the cursor follows a moved hand and stays within the
    /// queue; it goes when the discussion does.
    pub fn settle(&mut self, session: &Session) {
        let following = self.following.take();
        match session.current_discussion() {
            Some((_, discussion)) => {
                let queue = discussion.queue(&session.cohort);
                let followed =
                    following.and_then(|speaker| queue.iter().position(|raised| raised.speaker == speaker));
                self.queue_cursor = self
                    .queue_cursor
                    .map(|cursor| followed.unwrap_or(cursor).min(queue.len().saturating_sub(1)));
            }
            None => self.queue_cursor = None,
        }
    }
}

/// The command of a confirmed discussion overlay.
pub fn confirm(
    overlay: Overlay,
    typed: &str,
    picked: Option<&str>,
    session: &Session,
    now: Timestamp,
) -> Option<Command> {
    let discussion = match overlay {
        Overlay::Pick(hand) => match picked {
            Some(id) => Discussion::Raise { participant: id.to_string(), hand },
            None => {
                let typed = typed.trim();
                if typed.is_empty() {
                    return None;
                }
                // Someone of the cohort who is not here today is still not a
                // guest: their hand goes to the core, which says they are absent.
                match picker_matches(&session.cohort, typed).first() {
                    Some(absent) => Discussion::Raise { participant: absent.id.clone(), hand },
                    None => Discussion::RaiseGuest { name: typed.to_string(), hand },
                }
            }
        },
        Overlay::Capture(kind) => {
            let text = typed.trim().to_string();
            Discussion::Capture(match kind {
                CaptureKind::Parked => Capture::Parked { text },
                CaptureKind::Decision => Capture::Decision { text },
                CaptureKind::Action => parse_action(&text, &session.cohort, now.date_naive()),
            })
        }
    };
    Some(Command::Method(MethodCommand::Discussion(discussion)))
}
