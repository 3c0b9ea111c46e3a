//! The exchange block in the console: forming a round's groups with the
//! grouping engine (the journey's history and this station's fixed rounds
//! count), swapping two people, placing a late arrival, fixing the round,
//! moving between rounds, and the contact matrix one key away.

use crossterm::event::KeyCode;

use super::super::keymap::{Action as KeyAction, Binding, Key};
use super::{MethodAction, MethodOverlay, Outcome};
use crate::core::command::{Command, Refusal};
use crate::core::contacts::{Contacts, Meeting};
use crate::core::exchange::{Command as Exchange, Refusal as ExchangeRefusal, State};
use crate::core::grouping::{self, Budget, GroupingError, Request};
use crate::core::history::History;
use crate::core::method::{MethodCommand, MethodKind, MethodRefusal};
use crate::core::session::Session;
use crate::i18n::{ExchangeLabel, Label};
use crate::plan::ExchangeFormat;

/// The longest `g` may search, whatever its budget.
const CONSOLE_CAP: std::time::Duration = std::time::Duration::from_millis(300);

/// What an exchange key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Form the round's groups, or form them again.
    Form,
    Fix,
    /// The next (`true`) or previous round.
    Round(bool),
    /// Give the arrow keys to the groups, or back to the agenda.
    Focus,
    /// Move the cursor up (`true`) or down through the members.
    Cursor(bool),
    /// Mark the member under the cursor; with one marked, swap the two.
    Swap,
    /// Bring someone into the group under the cursor.
    Place,
    /// Show or hide the contact matrix.
    Contacts,
}

/// The overlays an exchange opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// The picker of who joins the group under the cursor.
    Place,
}

const fn key(action: Action) -> KeyAction {
    KeyAction::Method(MethodAction::Exchange(action))
}

/// The exchange's keys while it runs.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[(Key::char('g'), key(Action::Form))],
        label: "g",
        help: Label::Exchange(ExchangeLabel::KeyForm),
        footer: Some(("g", |_| Some(Label::Exchange(ExchangeLabel::KeyForm)))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Enter), key(Action::Fix))],
        label: "Enter",
        help: Label::Exchange(ExchangeLabel::KeyFix),
        footer: Some(("⏎", |_| Some(Label::Exchange(ExchangeLabel::KeyFix)))),
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Right), key(Action::Round(true))),
            (Key::plain(KeyCode::Left), key(Action::Round(false))),
        ],
        label: "→ ←",
        help: Label::Exchange(ExchangeLabel::KeyRound),
        footer: Some(("→/←", |_| Some(Label::Exchange(ExchangeLabel::Round)))),
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Tab), key(Action::Focus))],
        label: "Tab",
        help: Label::Exchange(ExchangeLabel::KeyFocus),
        footer: Some(("Tab", |_| Some(Label::Exchange(ExchangeLabel::KeyFocus)))),
    },
    Binding {
        keys: &[(Key::char('K'), key(Action::Contacts))],
        label: "K",
        help: Label::Exchange(ExchangeLabel::KeyContacts),
        footer: Some(("K", |_| Some(Label::Exchange(ExchangeLabel::KeyContacts)))),
    },
];

/// While the groups have the arrow keys.
pub const GROUP_KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Up), key(Action::Cursor(true))),
            (Key::char('k'), key(Action::Cursor(true))),
            (Key::plain(KeyCode::Down), key(Action::Cursor(false))),
            (Key::char('j'), key(Action::Cursor(false))),
        ],
        label: "↑ ↓",
        help: Label::Exchange(ExchangeLabel::KeyCursor),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('x'), key(Action::Swap))],
        label: "x",
        help: Label::Exchange(ExchangeLabel::KeySwap),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('m'), key(Action::Place))],
        label: "m",
        help: Label::Exchange(ExchangeLabel::KeyPlace),
        footer: None,
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Tab), key(Action::Focus)),
            (Key::plain(KeyCode::Esc), key(Action::Focus)),
        ],
        label: "Tab Esc",
        help: Label::Exchange(ExchangeLabel::KeyLeave),
        footer: None,
    },
];

/// The exchange's console state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    /// The groups have the arrow keys, with the cursor on this member (table order).
    pub cursor: Option<usize>,
    /// The member marked for a swap.
    pub marked: Option<String>,
    /// The contact matrix is shown instead of the groups.
    pub contacts: bool,
    /// Who met whom at the journey's earlier stations.
    pub past: Contacts,
    /// This station's id, where its own rounds' meetings took place.
    pub station: String,
    /// Who met whom by now (the contact matrix).
    pub matrix: Contacts,
    /// Who met whom before the round on screen (its repeats are counted against this).
    pub before: Contacts,
}

fn refused(refusal: ExchangeRefusal) -> Outcome {
    Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::Exchange(refusal))))
}

fn command(command: Exchange) -> Outcome {
    Outcome::Command(Command::Method(MethodCommand::Exchange(command)))
}

/// The current block, if it is an exchange, with its id and state.
pub fn current_exchange(session: &Session) -> Option<(&str, &State)> {
    let item = session.current()?;
    item.method.exchange().map(|state| (item.block.id.as_str(), state))
}

/// The members of the round on screen in table order.
pub fn members(state: &State) -> Vec<(usize, &str)> {
    state
        .round()
        .map(|round| {
            round
                .groups
                .iter()
                .enumerate()
                .flat_map(|(table, group)| group.iter().map(move |id| (table, id.as_str())))
                .collect()
        })
        .unwrap_or_default()
}

impl Console {
    /// Remembers the journey's earlier stations, for forming groups and the matrix.
    pub fn set_history(&mut self, history: &History, station: &str) {
        self.past = Contacts::of_journey(history);
        self.station = station.to_string();
    }

    pub fn tables(&self) -> Vec<&'static [Binding]> {
        match self.cursor {
            Some(_) => vec![GROUP_KEYS, KEYS],
            None => vec![KEYS],
        }
    }

    /// Who met whom by now: the earlier stations and this station's fixed rounds.
    pub fn contacts(&self, session: &Session) -> Contacts {
        let mut contacts = self.past.clone();
        contacts.add_session(&self.station, session);
        contacts
    }

    /// The groups the engine proposes for the round on screen, optimised
    /// together with the rounds still to come.
    fn form(&self, session: &Session, state: &State) -> Outcome {
        let plan = &state.plan;
        let present = session.present();
        let seed = state.round().map_or(1, |round| round.seed.wrapping_add(1));
        let size = if plan.format == ExchangeFormat::PairRotation { 2 } else { plan.group_size };
        let request = Request {
            people: present.iter().map(|p| p.id.clone()).collect(),
            size: usize::try_from(size).unwrap_or(2),
            rounds: state.round_count().saturating_sub(state.current).max(1),
            allow_larger: plan.allow_larger,
            organisations: present.iter().map(|p| (p.id.clone(), p.organisation.clone())).collect(),
            never_together: plan
                .never_together
                .iter()
                .filter(|(a, b)| present.iter().any(|p| &p.id == a) && present.iter().any(|p| &p.id == b))
                .cloned()
                .collect(),
            // The hosts who are here keep their tables, as many as there are tables today.
            hosts: if state.current > 0 {
                let tables = grouping::size_pattern(
                    present.len(),
                    usize::try_from(size).unwrap_or(2),
                    plan.allow_larger,
                )
                .map_or(0, |sizes| sizes.len());
                state
                    .hosts()
                    .into_iter()
                    .filter(|host| present.iter().any(|p| &p.id == host))
                    .take(tables)
                    .collect()
            } else {
                Vec::new()
            },
            seed,
        };
        // A proposal in a blink: the console's step budget, and a wall-clock
        // cap in case the laptop is busy, so that `g` never stalls the room.
        let started = std::time::Instant::now();
        let mut go_on = |_| started.elapsed() < CONSOLE_CAP;
        match grouping::form_within(&request, &self.contacts(session), Budget::console(), &mut go_on) {
            Ok(schedule) => match schedule.rounds.into_iter().next() {
                Some(groups) => command(Exchange::Propose { groups, seed }),
                None => Outcome::Refused(Label::Exchange(ExchangeLabel::CannotForm)),
            },
            Err(GroupingError::NeverTogether) => {
                Outcome::Refused(Label::Exchange(ExchangeLabel::CannotSeparate))
            }
            Err(
                GroupingError::SizeTooSmall
                | GroupingError::TooFewPeople { .. }
                | GroupingError::Unknown(_)
                | GroupingError::TooManyHosts
                | GroupingError::Rounds,
            ) => Outcome::Refused(Label::Exchange(ExchangeLabel::CannotForm)),
        }
    }

    pub fn update(&mut self, action: Action, session: &Session) -> Outcome {
        let Some((_, state)) = current_exchange(session) else {
            return Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::NotRunning(
                MethodKind::Exchange,
            ))));
        };
        let members = members(state);
        match action {
            Action::Form => self.form(session, state),
            Action::Fix => command(Exchange::Fix),
            Action::Round(forward) => command(Exchange::Show(forward)),
            Action::Contacts => {
                self.contacts = !self.contacts;
                Outcome::Done
            }
            Action::Focus => {
                self.cursor = match self.cursor {
                    Some(_) => None,
                    None => Some(0),
                };
                self.marked = None;
                Outcome::Done
            }
            Action::Cursor(up) => {
                let cursor = self.cursor.unwrap_or(0);
                let moved = if up { cursor.saturating_sub(1) } else { cursor + 1 };
                self.cursor = Some(moved.min(members.len().saturating_sub(1)));
                Outcome::Done
            }
            Action::Swap => {
                let Some((_, under)) = self.cursor.and_then(|cursor| members.get(cursor).copied()) else {
                    return refused(ExchangeRefusal::NoGroups);
                };
                match self.marked.take() {
                    Some(marked) if marked != under => {
                        command(Exchange::Swap { a: marked, b: under.to_string() })
                    }
                    Some(_) => Outcome::Done,
                    None => {
                        self.marked = Some(under.to_string());
                        Outcome::Done
                    }
                }
            }
            Action::Place => match self.cursor.and_then(|cursor| members.get(cursor)) {
                Some(_) => Outcome::Open(MethodOverlay::Exchange(Overlay::Place)),
                None => refused(ExchangeRefusal::NoGroups),
            },
        }
    }

    /// After a command: the contacts are counted again; the cursor stays
    /// within the members and goes with the exchange.
    pub fn settle(&mut self, session: &Session) {
        self.matrix = self.contacts(session);
        self.before = self.past.clone();
        let current = current_exchange(session);
        for item in &session.agenda {
            if let Some(exchange) = item.method.exchange() {
                for (number, round) in exchange.fixed_rounds() {
                    let shown = current
                        .is_some_and(|(block, state)| block == item.block.id && state.current == number);
                    if !shown {
                        for group in &round.groups {
                            self.before.add_group(group, Meeting::planned());
                        }
                    }
                }
            }
        }
        match current {
            Some((_, state)) => {
                let count = members(state).len();
                self.cursor = self.cursor.map(|cursor| cursor.min(count.saturating_sub(1)));
            }
            None => {
                self.cursor = None;
                self.marked = None;
                self.contacts = false;
            }
        }
    }

    /// The command of the confirmed picker: the picked person joins the group under the cursor.
    pub fn confirm(&self, overlay: Overlay, picked: Option<&str>, session: &Session) -> Option<Command> {
        let Overlay::Place = overlay;
        let (_, state) = current_exchange(session)?;
        let (group, _) = self.cursor.and_then(|cursor| members(state).get(cursor).copied())?;
        let participant = picked?.to_string();
        Some(Command::Method(MethodCommand::Exchange(Exchange::Place { participant, group })))
    }
}
