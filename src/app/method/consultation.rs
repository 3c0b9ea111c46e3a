//! The collegial case consultation in the console: its keys, the casting
//! screen's cursor, the group captures go to, the role counts across the
//! journey, groups formed by the grouping engine, and the commands they make.

use crossterm::event::KeyCode;

use super::super::keymap::{Action as KeyAction, Binding, Key};
use super::{MethodAction, MethodOverlay, Outcome};
use crate::core::Timestamp;
use crate::core::command::{Command, Refusal};
use crate::core::consultation::{
    CaseField, Casting, Command as Consultation, Refusal as ConsultationRefusal, Role, RoleCounts, State,
    role_counts, suggest,
};
use crate::core::contacts::Contacts;
use crate::core::discussion::find_participant;
use crate::core::grouping::{self, GroupingError, Request};
use crate::core::history::History;
use crate::core::method::{MethodCommand, MethodKind, MethodRefusal};
use crate::core::session::Session;
use crate::i18n::{ConsultationLabel, ExchangeLabel, Label};
use crate::plan::Method;
use crate::ui::ConsultationEditor;

/// What a consultation key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// The next (`true`) or previous phase.
    Phase(bool),
    /// Open or close the casting screen.
    Casting,
    /// Captures go to the next group.
    NextGroup,
    /// A minute more (or less) for the current phase.
    AdjustPhase(i64),
    /// Open an editor (or the method catalogue).
    Open(ConsultationEditor),
    /// Show or hide the key questions on the projection.
    Release,
    /// Casting: move the cursor up (`true`) or down.
    Cursor(bool),
    /// Casting: give the person under the cursor this role, or clear theirs.
    Cast(Option<Role>),
    /// Casting: accept the suggested case giver and moderator of the cursor's group.
    Accept,
    /// Casting: move the person under the cursor to the next (`true`) or previous group.
    MoveGroup(bool),
    /// Casting: form the groups with the grouping engine.
    FormGroups,
}

const fn key(action: Action) -> KeyAction {
    KeyAction::Method(MethodAction::Consultation(action))
}

/// The consultation's keys while it runs.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Right), key(Action::Phase(true))),
            (Key::plain(KeyCode::Left), key(Action::Phase(false))),
        ],
        label: "→ ←",
        help: Label::Consultation(ConsultationLabel::KeyPhase),
        footer: Some(("→/←", |_| Some(Label::Consultation(ConsultationLabel::Phase)))),
    },
    Binding {
        keys: &[(Key::char('g'), key(Action::Casting))],
        label: "g",
        help: Label::Consultation(ConsultationLabel::KeyCasting),
        footer: Some(("g", |_| Some(Label::Consultation(ConsultationLabel::Casting)))),
    },
    Binding {
        keys: &[
            (Key::char('>'), key(Action::AdjustPhase(1))),
            (Key::char('<'), key(Action::AdjustPhase(-1))),
        ],
        label: "> <",
        help: Label::Consultation(ConsultationLabel::KeyAdjustPhase),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('m'), key(Action::Open(ConsultationEditor::Catalogue)))],
        label: "m",
        help: Label::Consultation(ConsultationLabel::KeyCatalogue),
        footer: Some(("m", |_| Some(Label::Consultation(ConsultationLabel::Method)))),
    },
    Binding {
        keys: &[
            (Key::char('T'), key(Action::Open(ConsultationEditor::Note(CaseField::Title)))),
            (Key::char('D'), key(Action::Open(ConsultationEditor::Note(CaseField::Description)))),
            (Key::char('K'), key(Action::Open(ConsultationEditor::KeyQuestion))),
            (Key::char('S'), key(Action::Open(ConsultationEditor::Note(CaseField::Closing)))),
        ],
        label: "T D K S",
        help: Label::Consultation(ConsultationLabel::KeyCaptures),
        footer: Some(("K", |_| Some(Label::Consultation(ConsultationLabel::KeyQuestion)))),
    },
    Binding {
        keys: &[(Key::char('I'), key(Action::Open(ConsultationEditor::Idea)))],
        label: "I",
        help: Label::Consultation(ConsultationLabel::KeyIdea),
        footer: Some(("I", |_| Some(Label::Consultation(ConsultationLabel::Ideas)))),
    },
    Binding {
        keys: &[(Key::char('f'), key(Action::Release))],
        label: "f",
        help: Label::Consultation(ConsultationLabel::KeyRelease),
        footer: None,
    },
    Binding {
        keys: &[(Key::plain(KeyCode::Tab), key(Action::NextGroup))],
        label: "Tab",
        help: Label::Consultation(ConsultationLabel::KeyGroup),
        footer: None,
    },
];

/// While the casting screen has the keys.
pub const CASTING_KEYS: &[Binding] = &[
    Binding {
        keys: &[
            (Key::plain(KeyCode::Up), key(Action::Cursor(true))),
            (Key::char('k'), key(Action::Cursor(true))),
            (Key::plain(KeyCode::Down), key(Action::Cursor(false))),
            (Key::char('j'), key(Action::Cursor(false))),
        ],
        label: "↑ ↓",
        help: Label::Consultation(ConsultationLabel::KeyCastCursor),
        footer: Some(("↑↓", |_| Some(Label::Consultation(ConsultationLabel::FooterPerson)))),
    },
    Binding {
        keys: &[
            (Key::char('1'), key(Action::Cast(Some(Role::CaseGiver)))),
            (Key::char('2'), key(Action::Cast(Some(Role::Moderator)))),
            (Key::char('3'), key(Action::Cast(Some(Role::Secretary)))),
            (Key::char('4'), key(Action::Cast(Some(Role::Observer)))),
        ],
        label: "1 2 3 4",
        help: Label::Consultation(ConsultationLabel::KeyCastRoles),
        footer: Some(("1-4/0", |_| Some(Label::Consultation(ConsultationLabel::FooterRoles)))),
    },
    Binding {
        keys: &[
            (Key::char('0'), key(Action::Cast(None))),
            (Key::plain(KeyCode::Delete), key(Action::Cast(None))),
        ],
        label: "0",
        help: Label::Consultation(ConsultationLabel::KeyUncast),
        footer: None,
    },
    Binding {
        keys: &[(Key::char('v'), key(Action::Accept))],
        label: "v",
        help: Label::Consultation(ConsultationLabel::KeyAccept),
        footer: Some(("v", |_| Some(Label::Consultation(ConsultationLabel::FooterSuggestion)))),
    },
    Binding {
        keys: &[
            (Key::plain(KeyCode::Right), key(Action::MoveGroup(true))),
            (Key::plain(KeyCode::Left), key(Action::MoveGroup(false))),
        ],
        label: "→ ←",
        help: Label::Consultation(ConsultationLabel::KeyMoveGroup),
        footer: Some(("←→", |_| Some(Label::Consultation(ConsultationLabel::Group)))),
    },
    Binding {
        keys: &[(Key::char('a'), key(Action::FormGroups))],
        label: "a",
        help: Label::Consultation(ConsultationLabel::KeyFormGroups),
        footer: Some(("a", |_| Some(Label::Consultation(ConsultationLabel::FooterForm)))),
    },
    Binding {
        keys: &[
            (Key::char('g'), key(Action::Casting)),
            (Key::plain(KeyCode::Esc), key(Action::Casting)),
            (Key::plain(KeyCode::Enter), key(Action::Casting)),
        ],
        label: "g Esc",
        help: Label::Consultation(ConsultationLabel::KeyLeaveCasting),
        footer: Some(("Esc", |_| Some(Label::Consultation(ConsultationLabel::FooterDone)))),
    },
];

/// The consultation's console state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    /// The casting screen has the keys, with the cursor on this row.
    pub casting: Option<usize>,
    /// The group captures go to (with parallel groups).
    pub group: usize,
    /// How often each person had each role in the journey, as of the last command.
    pub counts: RoleCounts,
    /// The person just moved to another group: the cursor follows them.
    moved: Option<String>,
}

fn refused(refusal: ConsultationRefusal) -> Outcome {
    Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::Consultation(refusal))))
}

fn command(command: Consultation) -> Outcome {
    Outcome::Command(Command::Method(MethodCommand::Consultation(command)))
}

impl Console {
    pub fn tables(&self) -> Vec<&'static [Binding]> {
        match self.casting {
            Some(_) => vec![CASTING_KEYS, KEYS],
            None => vec![KEYS],
        }
    }

    /// The group and participant under the casting cursor.
    fn under_cursor(&self, session: &Session, state: &State) -> Option<(usize, String)> {
        let (item, _) = session.current_consultation()?;
        let cx = session.context(&item.block.id);
        state.casting_rows(&cx).get(self.casting?).map(|(group, p)| (*group, p.id.clone()))
    }

    /// The groups the grouping engine forms for the people here: as many as
    /// the block has, or groups of about five when it has one; the fewest
    /// repeated contacts (`contacts`: the journey's and this station's), the
    /// organisations spread, and the station's `never_together` pairs apart.
    /// Each group goes where most of its members already are, so few move.
    fn form(state: &State, session: &Session, contacts: &Contacts, now: Timestamp) -> Outcome {
        let present = session.present();
        let count = if state.groups > 1 { state.groups } else { (present.len() / 5).max(1) };
        let never_together = session
            .agenda
            .iter()
            .filter_map(|item| match &item.block.method {
                Method::Exchange(exchange) => Some(exchange.never_together.clone()),
                Method::Plain | Method::Discussion(_) | Method::Consultation(_) | Method::Reflection(_) => {
                    None
                }
            })
            .flatten()
            .filter(|(a, b)| present.iter().any(|p| &p.id == a) && present.iter().any(|p| &p.id == b))
            .collect();
        let request = Request {
            people: present.iter().map(|p| p.id.clone()).collect(),
            size: present.len().div_ceil(count),
            rounds: 1,
            allow_larger: false,
            organisations: present.iter().map(|p| (p.id.clone(), p.organisation.clone())).collect(),
            never_together,
            hosts: Vec::new(),
            // A fresh seed each time; the moves it gives are recorded, nothing is recomputed on replay.
            seed: seed(now),
        };
        let formed = match grouping::form(&request, contacts) {
            Ok(schedule) => schedule.rounds.into_iter().next().unwrap_or_default(),
            Err(GroupingError::NeverTogether) => {
                return Outcome::Refused(Label::Exchange(ExchangeLabel::CannotSeparate));
            }
            Err(
                GroupingError::SizeTooSmall
                | GroupingError::TooFewPeople { .. }
                | GroupingError::Unknown(_)
                | GroupingError::TooManyHosts
                | GroupingError::Rounds,
            ) => return Outcome::Refused(Label::Exchange(ExchangeLabel::CannotForm)),
        };
        if formed.is_empty() {
            return Outcome::Refused(Label::Exchange(ExchangeLabel::CannotForm));
        }
        // Each formed group, the largest first, takes the free number most of its members have now.
        let mut order: Vec<usize> = (0..formed.len()).collect();
        order.sort_by_key(|&at| std::cmp::Reverse(formed[at].len()));
        let mut numbered: Vec<Option<Vec<String>>> = vec![None; formed.len().max(state.groups)];
        for at in order {
            let staying = |number: usize| formed[at].iter().filter(|id| state.group_of(id) == number).count();
            let number = (0..numbered.len())
                .filter(|&number| numbered[number].is_none())
                .max_by_key(|&number| (staying(number), std::cmp::Reverse(number)))
                .unwrap_or(at);
            numbered[number] = Some(formed[at].clone());
        }
        // Numbers left free by fewer groups than the block has stay as they are; the rest close up.
        let groups: Vec<Vec<String>> = numbered.into_iter().map(Option::unwrap_or_default).collect();
        let last = groups.iter().rposition(|group| !group.is_empty()).map_or(0, |last| last + 1);
        let groups = groups[..last].to_vec();
        if groups.iter().any(Vec::is_empty) {
            return Outcome::Refused(Label::Exchange(ExchangeLabel::CannotForm));
        }
        command(Consultation::FormGroups { groups })
    }

    pub fn update(
        &mut self,
        action: Action,
        session: &Session,
        now: Timestamp,
        contacts: impl FnOnce() -> Contacts,
    ) -> Outcome {
        let Some((item, state)) = session.current_consultation() else {
            return Outcome::Refused(Label::Refused(Refusal::Method(MethodRefusal::NotRunning(
                MethodKind::Consultation,
            ))));
        };
        let cx = session.context(&item.block.id);
        match action {
            Action::Phase(forward) => command(Consultation::Phase(forward)),
            Action::AdjustPhase(minutes) => command(Consultation::AdjustPhase(minutes)),
            Action::Release => {
                let group = self.group.min(state.groups.saturating_sub(1));
                let released = state.current(group).is_some_and(|case| case.released);
                command(Consultation::Release { group, released: !released })
            }
            Action::Open(editor) => Outcome::Open(MethodOverlay::Consultation(editor)),
            Action::Casting => {
                self.casting = match self.casting {
                    Some(_) => None,
                    None => Some(0),
                };
                Outcome::Done
            }
            Action::NextGroup => {
                self.group = (self.group + 1) % state.groups.max(1);
                Outcome::Done
            }
            Action::Cursor(up) => {
                let count = state.casting_rows(&cx).len();
                let cursor = self.casting.unwrap_or(0);
                let moved = if up { cursor.saturating_sub(1) } else { cursor + 1 };
                self.casting = Some(moved.min(count.saturating_sub(1)));
                Outcome::Done
            }
            Action::Cast(role) => {
                let Some((group, who)) = self.under_cursor(session, state) else {
                    return refused(ConsultationRefusal::NoSuggestion);
                };
                self.group = group;
                let casting = match role {
                    Some(role) => Casting {
                        group,
                        role,
                        participant: Some(who),
                        suggested: suggest(state, &cx, &self.counts, group, role),
                    },
                    None => match state.current(group).and_then(|case| case.role_of(&who)) {
                        Some(role) => Casting { group, role, participant: None, suggested: None },
                        None => return Outcome::Done,
                    },
                };
                command(Consultation::Cast(vec![casting]))
            }
            Action::Accept => {
                let group = self.under_cursor(session, state).map_or(self.group, |(group, _)| group);
                let castings: Vec<Casting> = [Role::CaseGiver, Role::Moderator]
                    .into_iter()
                    .filter(|role| state.current(group).is_none_or(|case| !case.roles.contains_key(role)))
                    .filter_map(|role| {
                        let suggested = suggest(state, &cx, &self.counts, group, role)?;
                        Some(Casting {
                            group,
                            role,
                            participant: Some(suggested.clone()),
                            suggested: Some(suggested),
                        })
                    })
                    .collect();
                command(Consultation::Cast(castings))
            }
            Action::MoveGroup(next) => {
                let Some((group, participant)) = self.under_cursor(session, state) else {
                    return refused(ConsultationRefusal::NoSuggestion);
                };
                let to = if next { Some(group + 1) } else { group.checked_sub(1) };
                match to {
                    Some(group) => {
                        self.moved = Some(participant.clone());
                        command(Consultation::MoveMember { participant, group })
                    }
                    None => refused(ConsultationRefusal::NoSuchGroup),
                }
            }
            Action::FormGroups => Console::form(state, session, &contacts(), now),
        }
    }

    /// After a command (and when the journey's history arrives): the role
    /// counts are brought up to date, the cursor stays on its person's row
    /// range, and everything goes with the consultation.
    pub fn settle(&mut self, session: &Session, history: &History) {
        let Some((item, state)) = session.current_consultation() else {
            *self = Console::default();
            return;
        };
        let earlier = session
            .agenda
            .iter()
            .filter(|other| other.block.id != item.block.id && other.started_at.is_some())
            .filter_map(|other| other.method.consultation());
        self.counts = role_counts(history, earlier, state);
        let rows = state.casting_rows(&session.context(&item.block.id));
        let moved = self.moved.take();
        let follow = moved.and_then(|moved| rows.iter().position(|(_, p)| p.id == moved));
        self.casting = match (self.casting, follow) {
            (Some(_), Some(row)) => Some(row),
            (cursor, _) => cursor.map(|cursor| cursor.min(rows.len().saturating_sub(1))),
        };
        self.group = self.group.min(state.groups.saturating_sub(1));
    }
}

/// A seed for the grouping engine, from the instant the groups are formed.
fn seed(now: Timestamp) -> u64 {
    let nanos = now.timestamp_nanos_opt().unwrap_or_else(|| now.timestamp());
    nanos.unsigned_abs()
}

/// How many entries a consultation overlay lists for what was typed, if it lists any of its own.
pub fn list_len(editor: ConsultationEditor, typed: &str, session: &Session) -> Option<usize> {
    match editor {
        ConsultationEditor::Catalogue => {
            session.current_consultation().map(|(_, state)| state.methods_matching(typed).len())
        }
        ConsultationEditor::Note(_) | ConsultationEditor::KeyQuestion | ConsultationEditor::Idea => None,
    }
}

/// What an editor opens with: the text the group's current case already
/// has, so a typo is corrected rather than the whole line typed again.
pub fn current_text(console: &Console, editor: ConsultationEditor, session: &Session) -> Option<String> {
    let (_, state) = session.current_consultation()?;
    let case = state.current(console.group)?;
    let text = match editor {
        ConsultationEditor::Note(field) => case.field(field),
        ConsultationEditor::KeyQuestion => case.key_question.as_str(),
        ConsultationEditor::Idea | ConsultationEditor::Catalogue => return None,
    };
    (!text.is_empty()).then(|| text.to_string())
}

/// The command of a confirmed consultation overlay, for the console's group.
pub fn confirm(
    console: &Console,
    editor: ConsultationEditor,
    typed: &str,
    selected: usize,
    session: &Session,
) -> Option<Command> {
    let group = console.group;
    let consultation = match editor {
        ConsultationEditor::Note(field) => Consultation::Note { group, field, text: typed.to_string() },
        ConsultationEditor::KeyQuestion => Consultation::KeyQuestion { group, text: typed.to_string() },
        ConsultationEditor::Idea => {
            let (text, giver) = split_giver(typed, session);
            Consultation::Idea { group, text, giver }
        }
        ConsultationEditor::Catalogue => {
            let (_, state) = session.current_consultation()?;
            let method = state.methods_matching(typed).get(selected)?.key.clone();
            Consultation::ChooseMethod { group, method }
        }
    };
    Some(Command::Method(MethodCommand::Consultation(consultation)))
}

/// An idea typed as `text @who`: the last `@word` that names one participant is who gave it.
fn split_giver(typed: &str, session: &Session) -> (String, Option<String>) {
    let mut words: Vec<&str> = typed.split_whitespace().collect();
    let giver = words.iter().rposition(|word| word.starts_with('@') && word.len() > 1).and_then(|at| {
        let found = find_participant(words[at].trim_start_matches('@'), &session.cohort)?.id.clone();
        words.remove(at);
        Some(found)
    });
    (words.join(" "), giver)
}
