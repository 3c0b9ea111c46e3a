//! What the plan cannot explain is refused on read: an event that names a
//! block, a person, a group or a case the station does not have, an instant
//! far from the station's other instants, or a field the log's schema does
//! not know. Such a line was not written by moderato (or was damaged), and
//! folding it would show figures nobody recorded, or spend minutes on a
//! span of years.

use std::collections::HashSet;

use chrono::TimeDelta;
use serde_json::Value;

use crate::core::Timestamp;
use crate::core::consultation;
use crate::core::discussion::{self, Speaker};
use crate::core::event::{AgendaChange, Envelope, Event};
use crate::core::exchange;
use crate::core::method::MethodEvent;
use crate::core::reflection;
use crate::i18n::EventProblem;
use crate::plan::{Participant, Station};

/// How far an instant may step back behind the latest one before it (a
/// clock set right, a time zone changed), and how far before the first.
const STEP_BACK: TimeDelta = TimeDelta::days(1);
/// How long one station's log may span, first event to last: a station is
/// a day, resumed at most now and then during the journey.
const SPAN: TimeDelta = TimeDelta::days(366);
/// The largest index of a round, phase, question, capture or position.
const MAX_INDEX: usize = 10_000;
/// The most minutes one change of a duration may move (a day).
const MAX_MINUTES: i64 = 24 * 60;

/// What the events so far have established: the blocks (the plan's and
/// those inserted), the cohort, and the instants seen.
#[derive(Debug, Clone)]
pub struct Known {
    blocks: HashSet<String>,
    people: HashSet<String>,
    first: Option<Timestamp>,
    latest: Option<Timestamp>,
}

impl Known {
    pub fn new(plan: &Station, cohort: &[Participant]) -> Known {
        Known {
            blocks: plan.blocks.iter().map(|block| block.id.clone()).collect(),
            people: cohort.iter().map(|person| person.id.clone()).collect(),
            first: None,
            latest: None,
        }
    }

    /// Checks `envelope` and, when it is explained, takes in what it adds.
    pub fn admit(&mut self, envelope: &Envelope) -> Result<(), EventProblem> {
        self.check_instant(envelope.at)?;
        self.check_event(&envelope.event, envelope.at)?;
        if let Event::AgendaChanged { change: AgendaChange::Inserted { block, .. } } = &envelope.event {
            self.blocks.insert(block.id.clone());
        }
        self.first = Some(self.first.map_or(envelope.at, |first| first.min(envelope.at)));
        self.latest = Some(self.latest.map_or(envelope.at, |latest| latest.max(envelope.at)));
        Ok(())
    }

    fn check_instant(&self, at: Timestamp) -> Result<(), EventProblem> {
        let far = |reference: Timestamp| EventProblem::Instant {
            at: at.to_rfc3339(),
            reference: reference.to_rfc3339(),
        };
        if let Some(latest) = self.latest
            && at < latest - STEP_BACK
        {
            return Err(far(latest));
        }
        if let Some(first) = self.first
            && at - first > SPAN
        {
            return Err(far(first));
        }
        Ok(())
    }

    fn block(&self, id: &str) -> Result<(), EventProblem> {
        if self.blocks.contains(id) { Ok(()) } else { Err(EventProblem::Block { id: id.to_string() }) }
    }

    fn person(&self, id: &str) -> Result<(), EventProblem> {
        if self.people.contains(id) { Ok(()) } else { Err(EventProblem::Participant { id: id.to_string() }) }
    }

    fn people<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Result<(), EventProblem> {
        ids.into_iter().try_for_each(|id| self.person(id))
    }

    /// A group or a case: there are never more than people.
    fn group(&self, value: usize) -> Result<(), EventProblem> {
        if value < self.people.len().max(1) {
            Ok(())
        } else {
            Err(EventProblem::Index { value: value as u64 })
        }
    }

    fn index(value: usize) -> Result<(), EventProblem> {
        if value <= MAX_INDEX { Ok(()) } else { Err(EventProblem::Index { value: value as u64 }) }
    }

    fn minutes(value: i64) -> Result<(), EventProblem> {
        if value.abs() <= MAX_MINUTES { Ok(()) } else { Err(EventProblem::Minutes { value }) }
    }

    fn check_event(&self, event: &Event, at: Timestamp) -> Result<(), EventProblem> {
        match event {
            Event::StationStarted { anchor } | Event::ScheduleAnchored { anchor } => {
                if (anchor.start - at).abs() > STEP_BACK {
                    return Err(EventProblem::Instant {
                        at: anchor.start.to_rfc3339(),
                        reference: at.to_rfc3339(),
                    });
                }
                Ok(())
            }
            Event::StationResumed | Event::SceneChanged { .. } | Event::Undone { .. } => Ok(()),
            Event::BlockStarted { block }
            | Event::BlockPaused { block }
            | Event::BlockResumed { block }
            | Event::BlockCompleted { block }
            | Event::BlockSkipped { block }
            | Event::BlockUnstarted { block }
            | Event::BlockRestored { block }
            | Event::BlockReturned { block } => self.block(block),
            Event::BlockExtended { block, minutes } | Event::BlockShortened { block, minutes } => {
                self.block(block)?;
                Self::minutes(i64::from(*minutes))
            }
            Event::AgendaChanged { change } => match change {
                AgendaChange::Moved { block, position } => {
                    self.block(block)?;
                    Self::index(*position)
                }
                AgendaChange::DurationSet { block, minutes } => {
                    self.block(block)?;
                    Self::minutes(i64::from(*minutes))
                }
                AgendaChange::Inserted { block, position } => {
                    Self::minutes(i64::from(block.minutes))?;
                    Self::index(*position)
                }
                AgendaChange::Removed { block } => self.block(block),
            },
            Event::AttendanceChanged { participant, .. } => self.person(participant),
            Event::NoteAdded { block, .. } => block.as_deref().map_or(Ok(()), |block| self.block(block)),
            Event::Method(method) => self.check_method(method),
        }
    }

    fn check_method(&self, event: &MethodEvent) -> Result<(), EventProblem> {
        match event {
            MethodEvent::Discussion { block, change } => {
                self.block(block)?;
                self.check_discussion(change)
            }
            MethodEvent::Consultation { block, change } => {
                self.block(block)?;
                self.check_consultation(change)
            }
            MethodEvent::Reflection { block, change } => {
                self.block(block)?;
                self.check_reflection(change)
            }
            MethodEvent::Exchange { block, change } => {
                self.block(block)?;
                self.check_exchange(change)
            }
        }
    }

    fn speaker(&self, speaker: &Speaker) -> Result<(), EventProblem> {
        speaker.participant().map_or(Ok(()), |id| self.person(id))
    }

    fn check_discussion(&self, change: &discussion::Change) -> Result<(), EventProblem> {
        use discussion::Change as C;
        match change {
            C::HandRaised { speaker, .. } | C::HandWithdrawn { speaker } | C::TurnStarted { speaker, .. } => {
                self.speaker(speaker)
            }
            C::HandMoved { speaker, position } => {
                self.speaker(speaker)?;
                Self::index(*position)
            }
            C::TurnEnded | C::QueuePolicyChanged { .. } | C::Captured { .. } => Ok(()),
            C::QuestionShown { index } | C::Retracted { index } => Self::index(*index),
        }
    }

    fn check_consultation(&self, change: &consultation::Change) -> Result<(), EventProblem> {
        use consultation::Change as C;
        match change {
            C::Cast { group, case, participant, suggested, .. } => {
                self.group(*group)?;
                self.group(*case)?;
                self.people(participant.iter().chain(suggested))
            }
            C::MemberMoved { participant, group } => {
                self.person(participant)?;
                self.group(*group)
            }
            C::PhaseShown { case, phase } => {
                self.group(*case)?;
                Self::index(*phase)
            }
            C::PhaseAdjusted { case, phase, minutes } => {
                self.group(*case)?;
                Self::index(*phase)?;
                Self::minutes(*minutes)
            }
            C::CaseNoted { group, case, .. }
            | C::KeyQuestionSet { group, case, .. }
            | C::MethodChosen { group, case, .. }
            | C::IdeaAdded { group, case, .. }
            | C::KeyQuestionReleased { group, case, .. } => {
                self.group(*group)?;
                self.group(*case)
            }
            C::IdeaRetracted { group, case, index } => {
                self.group(*group)?;
                self.group(*case)?;
                Self::index(*index)
            }
        }
    }

    fn check_reflection(&self, change: &reflection::Change) -> Result<(), EventProblem> {
        use reflection::Change as C;
        match change {
            C::RoundOrdered { order, .. } => self.people(order),
            C::TurnStarted { participant } => self.person(participant),
            C::PhaseShown { index } | C::Retracted { index } | C::Marked { index, .. } => Self::index(*index),
            C::Shown { index } => index.map_or(Ok(()), Self::index),
            C::RoundCleared
            | C::Passed
            | C::TurnEnded
            | C::TurnWithdrawn
            | C::TurnReopened
            | C::Noted { .. } => Ok(()),
        }
    }

    fn check_exchange(&self, change: &exchange::Change) -> Result<(), EventProblem> {
        use exchange::Change as C;
        match change {
            C::GroupsProposed { round, groups, .. } | C::RoundFixed { round, groups } => {
                Self::index(*round)?;
                if groups.len() > self.people.len().max(1) {
                    return Err(EventProblem::Index { value: groups.len() as u64 });
                }
                self.people(groups.iter().flatten())
            }
            C::Swapped { round, a, b } => {
                Self::index(*round)?;
                self.person(a)?;
                self.person(b)
            }
            C::Placed { round, participant, group } => {
                Self::index(*round)?;
                self.person(participant)?;
                group.map_or(Ok(()), |group| self.group(group))
            }
            C::RoundReopened { round } | C::RoundShown { round } => Self::index(*round),
        }
    }
}

/// The first field of `written` that `read` (the same value as moderato
/// writes it back) does not have: a field the schema does not know. Fields
/// left out when empty (`null`, `false`, `[]`, `{}`) are not counted.
pub fn extra_field(written: &Value, read: &Value) -> Option<String> {
    match (written, read) {
        (Value::Object(written), Value::Object(read)) => {
            written.iter().find_map(|(key, value)| match read.get(key) {
                Some(kept) => extra_field(value, kept).map(|inner| format!("{key}.{inner}")),
                None if is_empty(value) => None,
                None => Some(key.clone()),
            })
        }
        (Value::Array(written), Value::Array(read)) => {
            written.iter().zip(read).find_map(|(value, kept)| extra_field(value, kept))
        }
        _ => None,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null | Value::Bool(false) => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        Value::Bool(true) | Value::Number(_) | Value::String(_) => false,
    }
}
