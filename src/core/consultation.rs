//! The collegial case consultation (Kollegiale Fallberatung): a template's
//! phases on one phase clock, one or several groups consulting in parallel,
//! the roles cast per group and case, what the facilitator captures of each
//! case (most of it confidential), and fair role suggestions across the journey.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Timestamp;
use super::catalogue::{self, DEFAULT_TEMPLATE};
use super::discussion::RoomPerson;
use super::event::Event;
use super::history::History;
use super::method::{BlockClock, Context, Method, MethodEvent};
use super::timer::{TimerState, saturating_add};
use crate::plan::{Consultation, Participant};

/// A role of a case; everyone else present in the group consults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Role {
    /// Fallerzähler/in: brings the case and receives the advice.
    CaseGiver,
    /// Keeps the phases and their rules.
    Moderator,
    /// Schreiber/in: writes down the key question and the ideas.
    Secretary,
    /// Prozessbeobachter/in (optional): watches how the group works.
    Observer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::CaseGiver, Role::Moderator, Role::Secretary, Role::Observer];
}

/// The mark of a confidential change: it is written as `"confidential": true`,
/// so review can hide and export leave out any change carrying it without
/// knowing the method, and a log that says otherwise does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Confidential;

impl Serialize for Confidential {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bool(true)
    }
}

impl<'de> Deserialize<'de> for Confidential {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Confidential, D::Error> {
        if bool::deserialize(deserializer)? {
            Ok(Confidential)
        } else {
            Err(serde::de::Error::custom("a confidential field is always marked `confidential: true`"))
        }
    }
}

/// A confidential text of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum CaseField {
    /// The case in a few words.
    Title,
    /// The case in a sentence or two.
    Description,
    /// What the case giver takes away, a first step.
    Closing,
}

/// An idea from the consultation, optionally with who gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Idea {
    pub text: String,
    pub giver: Option<String>,
    /// Taken back (undone); it stays in the log but counts no more.
    pub retracted: bool,
}

/// One case of one group: its roles and what was captured.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Case {
    pub roles: BTreeMap<Role, String>,
    pub title: String,
    pub description: String,
    pub key_question: String,
    /// The catalogue's key of the method chosen for the consultation phase.
    pub method: Option<String>,
    pub ideas: Vec<Idea>,
    pub closing: String,
    /// Its key question is on the room's screen.
    pub released: bool,
}

impl Case {
    /// The role a participant has in this case.
    pub fn role_of(&self, participant: &str) -> Option<Role> {
        self.roles.iter().find(|(_, who)| who.as_str() == participant).map(|(role, _)| *role)
    }

    /// One of its confidential texts.
    pub fn field(&self, field: CaseField) -> &str {
        match field {
            CaseField::Title => &self.title,
            CaseField::Description => &self.description,
            CaseField::Closing => &self.closing,
        }
    }

    fn field_mut(&mut self, field: CaseField) -> &mut String {
        match field {
            CaseField::Title => &mut self.title,
            CaseField::Description => &mut self.description,
            CaseField::Closing => &mut self.closing,
        }
    }

    /// The ideas that stand (not taken back).
    pub fn ideas(&self) -> impl Iterator<Item = &Idea> {
        self.ideas.iter().filter(|idea| !idea.retracted)
    }
}

/// A phase as this block runs it: the template's, with the plan's time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhasePlan {
    pub key: String,
    pub minutes: u32,
}

/// One role given (or taken away) in a group's current case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Casting {
    pub group: usize,
    pub role: Role,
    /// `None` takes the role away.
    pub participant: Option<String>,
    /// Whom the casting screen suggested for the role then, if anyone.
    pub suggested: Option<String>,
}

/// What the facilitator does in a consultation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Give roles in the current case (several at once when suggestions are accepted).
    Cast(Vec<Casting>),
    /// Move a participant into another group; one past the last opens a new group.
    MoveMember { participant: String, group: usize },
    /// Put the people listed into these groups (the grouping engine's, in the
    /// console): recorded as the moves it takes, so a replay recomputes nothing.
    FormGroups { groups: Vec<Vec<String>> },
    /// The next (`true`) or previous phase; past the last phase the next case begins.
    Phase(bool),
    /// More (or fewer) minutes for the current phase; the block moves with it.
    AdjustPhase(i64),
    /// Write down a confidential text of a group's current case.
    Note { group: usize, field: CaseField, text: String },
    /// Write down a group's key question.
    KeyQuestion { group: usize, text: String },
    /// Choose a method from the catalogue for a group's consultation phase.
    ChooseMethod { group: usize, method: String },
    /// Write down an idea of the consultation, optionally with who gave it.
    Idea { group: usize, text: String, giver: Option<String> },
    /// Show a group's key question to the room, or hide it.
    Release { group: usize, released: bool },
}

/// What a consultation records: the `change` of a `{"type":"consultation"}` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A role of a group's case was given (or, without a participant, taken away);
    /// `suggested` says whom the casting screen suggested, so following and
    /// overriding the suggestion are both on record.
    Cast {
        group: usize,
        case: usize,
        role: Role,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        participant: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        suggested: Option<String>,
    },
    /// A participant now consults in this group.
    MemberMoved { participant: String, group: usize },
    /// This case's phase began (or was returned to).
    PhaseShown { case: usize, phase: usize },
    /// A case's phase got more (or fewer) minutes.
    PhaseAdjusted { case: usize, phase: usize, minutes: i64 },
    /// A confidential text of a case was written (an empty one clears it).
    CaseNoted { group: usize, case: usize, field: CaseField, text: String, confidential: Confidential },
    /// A group's key question for a case; marked confidential while the case's
    /// key question is not released to the room.
    KeyQuestionSet {
        group: usize,
        case: usize,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        confidential: Option<Confidential>,
    },
    /// The method a group chose for a case's consultation phase.
    MethodChosen {
        group: usize,
        case: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        method: Option<String>,
    },
    /// An idea of the consultation (confidential), with who gave it if known.
    IdeaAdded {
        group: usize,
        case: usize,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        giver: Option<String>,
        confidential: Confidential,
    },
    /// An idea, by its place among the case's ideas, was taken back.
    IdeaRetracted { group: usize, case: usize, index: usize },
    /// A group's key question of a case is on the room's screen (or no more).
    KeyQuestionReleased { group: usize, case: usize, released: bool },
}

impl Change {
    /// Whether the change carries a confidential text of a case.
    pub fn is_confidential(&self) -> bool {
        matches!(
            self,
            Change::CaseNoted { .. }
                | Change::IdeaAdded { .. }
                | Change::KeyQuestionSet { confidential: Some(_), .. }
        )
    }

    /// Minutes it moves the block's end by: a phase's extension moves the rest of the block.
    pub fn block_minutes(&self) -> Option<i64> {
        match self {
            Change::PhaseAdjusted { minutes, .. } => Some(*minutes),
            Change::Cast { .. }
            | Change::MemberMoved { .. }
            | Change::PhaseShown { .. }
            | Change::CaseNoted { .. }
            | Change::KeyQuestionSet { .. }
            | Change::MethodChosen { .. }
            | Change::IdeaAdded { .. }
            | Change::IdeaRetracted { .. }
            | Change::KeyQuestionReleased { .. } => None,
        }
    }
}

/// Why a consultation command changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Refusal {
    UnknownParticipant,
    /// The participant is marked absent today and cannot be cast.
    Absent,
    /// The participant consults in another group.
    NotInGroup,
    /// One role per person per case: they already have another.
    HasOtherRole,
    /// They have a role in the current case and stay in their group for it.
    HoldsRole,
    /// The groups formed would move someone who has a role in the current case.
    FormingMovesRoles,
    AlreadyInGroup,
    NoSuchGroup,
    /// Nobody to suggest for the role (everyone has one or nobody is here).
    NoSuggestion,
    /// The last phase of the last case: the block ends with `n`.
    LastPhase,
    FirstPhase,
    /// A phase keeps at least a minute.
    PhaseTooShort,
    EmptyCapture,
    UnknownMethod,
    /// It is already so (the role is theirs, the key questions already shown or hidden).
    Unchanged,
}

/// A consultation block as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// The template's key.
    pub template: String,
    pub phases: Vec<PhasePlan>,
    /// How many cases the block consults.
    pub cases: usize,
    /// The catalogue's methods offered (all when the plan names none).
    pub offered: Vec<String>,
    /// Who consults in which group (0-based); everyone not listed is in the first.
    pub assigned: BTreeMap<String, usize>,
    /// How many groups there are: the plan's, or more once someone was moved into a new one.
    pub groups: usize,
    /// The plan's groups (at least one): taking moves back never goes below them.
    planned_groups: usize,
    /// The plan's proposal of the first case's case giver and moderator.
    pub proposed: BTreeMap<Role, String>,
    /// The current case and phase (0-based).
    pub case: usize,
    pub phase: usize,
    /// Roles and captures by group and case.
    pub cases_by_group: BTreeMap<(usize, usize), Case>,
    /// Minutes added to (or taken from) a phase, by case and phase.
    pub extra: BTreeMap<(usize, usize), i64>,
    /// The time each phase left ran, by case and phase: going back resumes it.
    ran: BTreeMap<(usize, usize), TimeDelta>,
    /// The time the current phase ran before `since`.
    phase_ran: TimeDelta,
    /// Since when the phase clock runs (the block's timer runs).
    since: Option<Timestamp>,
}

impl State {
    pub fn new(plan: &Consultation) -> State {
        let template = plan.template.clone().unwrap_or_else(|| DEFAULT_TEMPLATE.to_string());
        let phases = catalogue::template(&template)
            .map(|template| {
                template
                    .phases
                    .iter()
                    .map(|phase| PhasePlan {
                        key: phase.key.clone(),
                        minutes: plan.phase_minutes.get(&phase.key).copied().unwrap_or(phase.minutes),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let assigned = plan
            .groups
            .iter()
            .enumerate()
            .flat_map(|(group, members)| members.iter().map(move |id| (id.clone(), group)))
            .collect();
        let proposed = [(Role::CaseGiver, &plan.case_giver), (Role::Moderator, &plan.moderator)]
            .into_iter()
            .filter_map(|(role, who)| who.clone().map(|who| (role, who)))
            .collect();
        State {
            template,
            phases,
            cases: plan.cases.map_or(1, |cases| cases.max(1) as usize),
            offered: plan.methods.clone(),
            assigned,
            groups: plan.groups.len().max(1),
            planned_groups: plan.groups.len().max(1),
            proposed,
            case: 0,
            phase: 0,
            cases_by_group: BTreeMap::new(),
            extra: BTreeMap::new(),
            ran: BTreeMap::new(),
            phase_ran: TimeDelta::zero(),
            since: None,
        }
    }

    /// The group a participant consults in.
    pub fn group_of(&self, participant: &str) -> usize {
        self.assigned.get(participant).copied().unwrap_or(0)
    }

    /// The people here today who consult in `group`, in cohort order.
    pub fn members<'a>(&self, cx: &Context<'a>, group: usize) -> Vec<&'a Participant> {
        cx.cohort.iter().filter(|p| !cx.absent.contains(&p.id) && self.group_of(&p.id) == group).collect()
    }

    /// A group's current case.
    pub fn current(&self, group: usize) -> Option<&Case> {
        self.cases_by_group.get(&(group, self.case))
    }

    /// A group's case.
    pub fn case_of(&self, group: usize, case: usize) -> Option<&Case> {
        self.cases_by_group.get(&(group, case))
    }

    /// The current phase as this block runs it.
    pub fn phase_plan(&self) -> Option<&PhasePlan> {
        self.phases.get(self.phase)
    }

    /// The current phase's time box with what was added to it.
    pub fn phase_budget(&self) -> TimeDelta {
        let minutes = self
            .phase_plan()
            .map_or(0, |phase| i64::from(phase.minutes))
            .saturating_add(self.extra.get(&(self.case, self.phase)).copied().unwrap_or(0));
        TimeDelta::try_minutes(minutes).unwrap_or(TimeDelta::MAX)
    }

    /// How long the current phase has run by `now`, not counting the block's pauses.
    pub fn phase_elapsed(&self, now: Timestamp) -> TimeDelta {
        let running = self.since.map_or(TimeDelta::zero(), |since| (now - since).max(TimeDelta::zero()));
        saturating_add(self.phase_ran, running)
    }

    /// What is left of the current phase (negative in overtime).
    pub fn phase_remaining(&self, now: Timestamp) -> TimeDelta {
        self.phase_budget().checked_sub(&self.phase_elapsed(now)).unwrap_or(TimeDelta::MIN)
    }

    /// The phase clock's state: amber in its last minute, red beyond it.
    pub fn phase_state(&self, now: Timestamp) -> TimerState {
        let remaining = self.phase_remaining(now);
        if self.since.is_none() {
            TimerState::Paused
        } else if remaining < TimeDelta::zero() {
            TimerState::Overtime
        } else if remaining <= PHASE_WARNING {
            TimerState::LastMinutes
        } else {
            TimerState::Running
        }
    }

    /// The methods offered for the consultation phase, in the catalogue's order.
    pub fn methods(&self) -> Vec<&'static catalogue::ConsultationMethod> {
        catalogue::consultation_methods()
            .iter()
            .filter(|method| self.offered.is_empty() || self.offered.contains(&method.key))
            .collect()
    }

    /// The casting screen's rows: each group's members here today, group by group.
    pub fn casting_rows<'a>(&self, cx: &Context<'a>) -> Vec<(usize, &'a Participant)> {
        (0..self.groups)
            .flat_map(|group| self.members(cx, group).into_iter().map(move |p| (group, p)))
            .collect()
    }

    /// The offered methods whose key or name (in either language) contains what was typed.
    pub fn methods_matching(&self, typed: &str) -> Vec<&'static catalogue::ConsultationMethod> {
        let typed = typed.trim().to_lowercase();
        self.methods()
            .into_iter()
            .filter(|method| {
                [&method.key, &method.name.de, &method.name.en]
                    .iter()
                    .any(|text| text.to_lowercase().contains(&typed))
            })
            .collect()
    }

    /// Every role given in this block so far, case by case, the current one included.
    pub fn cast_roles(&self) -> impl Iterator<Item = (usize, &str, Role)> {
        self.cases_by_group
            .iter()
            .flat_map(|((_, case), c)| c.roles.iter().map(move |(role, who)| (*case, who.as_str(), *role)))
    }

    /// The step from the current phase forward (`true`) or back, if there is one.
    fn step(&self, forward: bool) -> Option<(usize, usize)> {
        let last = self.phases.len().checked_sub(1)?;
        if forward {
            if self.phase < last {
                Some((self.case, self.phase + 1))
            } else {
                (self.case + 1 < self.cases).then_some((self.case + 1, 0))
            }
        } else if self.phase > 0 {
            Some((self.case, self.phase - 1))
        } else {
            self.case.checked_sub(1).map(|case| (case, last))
        }
    }

    fn show_phase(&mut self, case: usize, phase: usize, at: Timestamp) {
        let elapsed = self.phase_elapsed(at);
        self.ran.insert((self.case, self.phase), elapsed);
        self.case = case;
        self.phase = phase;
        self.phase_ran = self.ran.get(&(case, phase)).copied().unwrap_or_else(TimeDelta::zero);
        self.since = self.since.map(|_| at);
    }

    fn check_cast(
        &self,
        cx: &Context,
        cases: &BTreeMap<Role, String>,
        casting: &Casting,
    ) -> Result<(), Refusal> {
        if casting.group >= self.groups {
            return Err(Refusal::NoSuchGroup);
        }
        let Some(who) = &casting.participant else {
            return if cases.contains_key(&casting.role) { Ok(()) } else { Err(Refusal::Unchanged) };
        };
        if !cx.is_known(who) {
            return Err(Refusal::UnknownParticipant);
        }
        if !cx.is_present(who) {
            return Err(Refusal::Absent);
        }
        if self.group_of(who) != casting.group {
            return Err(Refusal::NotInGroup);
        }
        match cases.iter().find(|(_, holder)| *holder == who) {
            Some((role, _)) if *role != casting.role => Err(Refusal::HasOtherRole),
            Some(_) => Err(Refusal::Unchanged),
            None => Ok(()),
        }
    }

    /// The moves that put everyone listed into their group, group by group (so
    /// that each new group is opened right after the one before it).
    fn form_groups(&self, cx: &Context, groups: &[Vec<String>]) -> Result<Vec<Change>, Refusal> {
        let mut listed = std::collections::BTreeSet::new();
        for who in groups.iter().flatten() {
            if !cx.is_known(who) {
                return Err(Refusal::UnknownParticipant);
            }
            if !cx.is_present(who) {
                return Err(Refusal::Absent);
            }
            if !listed.insert(who.as_str()) {
                return Err(Refusal::AlreadyInGroup);
            }
        }
        if groups.iter().any(Vec::is_empty) {
            return Err(Refusal::NoSuchGroup);
        }
        let mut changes = Vec::new();
        for (group, members) in groups.iter().enumerate() {
            for who in members {
                let from = self.group_of(who);
                if from == group {
                    continue;
                }
                if self.current(from).is_some_and(|case| case.role_of(who).is_some()) {
                    return Err(Refusal::FormingMovesRoles);
                }
                changes.push(Change::MemberMoved { participant: who.clone(), group });
            }
        }
        if changes.is_empty() {
            return Err(Refusal::Unchanged);
        }
        Ok(changes)
    }

    fn case_mut(&mut self, group: usize, case: usize) -> &mut Case {
        self.cases_by_group.entry((group, case)).or_default()
    }

    /// The confidential mark of a key question written for a case whose key
    /// question the room does not see (yet).
    fn unreleased(&self, group: usize, case: usize) -> Option<Confidential> {
        let released = self.cases_by_group.get(&(group, case)).is_some_and(|case| case.released);
        (!released).then_some(Confidential)
    }

    fn group(&self, group: usize) -> Result<usize, Refusal> {
        if group < self.groups { Ok(group) } else { Err(Refusal::NoSuchGroup) }
    }

    /// What the room may see: the phase, the roles by name, each group's chosen
    /// method and, only while released, its key question. No title, description,
    /// idea or closing statement has a field here.
    pub fn room(
        &self,
        cohort: &[Participant],
        absent: &std::collections::BTreeSet<String>,
        now: Timestamp,
    ) -> Room {
        let person = |id: &str| {
            let found = cohort.iter().find(|p| p.id == id);
            RoomPerson {
                name: found.map_or_else(|| id.to_string(), |p| p.name.clone()),
                organisation: found.map(|p| p.organisation.clone()).unwrap_or_default(),
            }
        };
        let cx = Context { block: "", cohort, absent };
        Room {
            template: self.template.clone(),
            phase: self.phase_plan().map(|phase| phase.key.clone()).unwrap_or_default(),
            phase_number: self.phase + 1,
            phases: self.phases.len(),
            case: self.case + 1,
            cases: self.cases,
            remaining: self.phase_remaining(now),
            clock: self.phase_state(now),
            groups: (0..self.groups)
                .map(|group| {
                    let case = self.current(group);
                    RoomGroup {
                        number: group + 1,
                        roles: case
                            .map(|case| case.roles.iter().map(|(role, who)| (*role, person(who))).collect())
                            .unwrap_or_default(),
                        consultants: self
                            .members(&cx, group)
                            .into_iter()
                            .filter(|p| case.is_none_or(|case| case.role_of(&p.id).is_none()))
                            .map(|p| person(&p.id))
                            .collect(),
                        method: case.and_then(|case| case.method.clone()),
                        key_question: case
                            .filter(|case| case.released && !case.key_question.trim().is_empty())
                            .map(|case| case.key_question.clone()),
                    }
                })
                .collect(),
        }
    }
}

/// Seconds before a phase's end at which its clock turns amber.
pub const PHASE_WARNING: TimeDelta = TimeDelta::seconds(60);

/// One group as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomGroup {
    /// 1-based.
    pub number: usize,
    pub roles: Vec<(Role, RoomPerson)>,
    /// Everyone else here in the group.
    pub consultants: Vec<RoomPerson>,
    /// The catalogue's key of the chosen method.
    pub method: Option<String>,
    /// Only while the facilitator releases it.
    pub key_question: Option<String>,
}

/// The public part of a consultation: phase, roles, method, phase clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// The template's key, to look up the phase's texts.
    pub template: String,
    /// The phase's key.
    pub phase: String,
    /// 1-based, of `phases`.
    pub phase_number: usize,
    pub phases: usize,
    /// 1-based, of `cases`.
    pub case: usize,
    pub cases: usize,
    pub remaining: TimeDelta,
    pub clock: TimerState,
    pub groups: Vec<RoomGroup>,
}

impl Method for State {
    type Command = Command;
    type Change = Change;
    type Refusal = Refusal;

    fn decide(&self, cx: &Context, command: &Command, _now: Timestamp) -> Result<Vec<Change>, Refusal> {
        let text = |text: &str| {
            let text = text.trim();
            if text.is_empty() { Err(Refusal::EmptyCapture) } else { Ok(text.to_string()) }
        };
        match command {
            Command::Cast(castings) => {
                if castings.is_empty() {
                    return Err(Refusal::NoSuggestion);
                }
                let mut roles: BTreeMap<usize, BTreeMap<Role, String>> = BTreeMap::new();
                let mut changes = Vec::new();
                for casting in castings {
                    let group = self.group(casting.group)?;
                    let case = roles.entry(group).or_insert_with(|| {
                        self.current(group).map(|case| case.roles.clone()).unwrap_or_default()
                    });
                    self.check_cast(cx, case, casting)?;
                    match &casting.participant {
                        Some(who) => case.insert(casting.role, who.clone()),
                        None => case.remove(&casting.role),
                    };
                    changes.push(Change::Cast {
                        group,
                        case: self.case,
                        role: casting.role,
                        participant: casting.participant.clone(),
                        suggested: casting.suggested.clone(),
                    });
                }
                Ok(changes)
            }
            Command::MoveMember { participant, group } => {
                if !cx.is_known(participant) {
                    return Err(Refusal::UnknownParticipant);
                }
                if *group > self.groups {
                    return Err(Refusal::NoSuchGroup);
                }
                let from = self.group_of(participant);
                if from == *group {
                    return Err(Refusal::AlreadyInGroup);
                }
                if self.current(from).is_some_and(|case| case.role_of(participant).is_some()) {
                    return Err(Refusal::HoldsRole);
                }
                Ok(vec![Change::MemberMoved { participant: participant.clone(), group: *group }])
            }
            Command::FormGroups { groups } => self.form_groups(cx, groups),
            Command::Phase(forward) => {
                let (case, phase) = self.step(*forward).ok_or(if *forward {
                    Refusal::LastPhase
                } else {
                    Refusal::FirstPhase
                })?;
                Ok(vec![Change::PhaseShown { case, phase }])
            }
            Command::AdjustPhase(minutes) => {
                let budget = self.phase_budget().num_minutes().saturating_add(*minutes);
                if budget < 1 || *minutes == 0 {
                    return Err(Refusal::PhaseTooShort);
                }
                Ok(vec![Change::PhaseAdjusted { case: self.case, phase: self.phase, minutes: *minutes }])
            }
            Command::Note { group, field, text: typed } => Ok(vec![Change::CaseNoted {
                group: self.group(*group)?,
                case: self.case,
                field: *field,
                text: text(typed)?,
                confidential: Confidential,
            }]),
            Command::KeyQuestion { group, text: typed } => {
                let group = self.group(*group)?;
                Ok(vec![Change::KeyQuestionSet {
                    group,
                    case: self.case,
                    text: text(typed)?,
                    confidential: self.unreleased(group, self.case),
                }])
            }
            Command::ChooseMethod { group, method } => {
                if !self.methods().iter().any(|offered| &offered.key == method) {
                    return Err(Refusal::UnknownMethod);
                }
                Ok(vec![Change::MethodChosen {
                    group: self.group(*group)?,
                    case: self.case,
                    method: Some(method.clone()),
                }])
            }
            Command::Idea { group, text: typed, giver } => {
                if let Some(giver) = giver
                    && !cx.is_known(giver)
                {
                    return Err(Refusal::UnknownParticipant);
                }
                Ok(vec![Change::IdeaAdded {
                    group: self.group(*group)?,
                    case: self.case,
                    text: text(typed)?,
                    giver: giver.clone(),
                    confidential: Confidential,
                }])
            }
            Command::Release { group, released } => {
                let group = self.group(*group)?;
                if self.current(group).is_some_and(|case| case.released) == *released {
                    return Err(Refusal::Unchanged);
                }
                Ok(vec![Change::KeyQuestionReleased { group, case: self.case, released: *released }])
            }
        }
    }

    fn apply(&mut self, change: &Change, at: Timestamp) {
        match change {
            Change::Cast { group, case, role, participant, .. } => {
                let roles = &mut self.case_mut(*group, *case).roles;
                match participant {
                    Some(who) => {
                        roles.retain(|_, holder| holder != who);
                        roles.insert(*role, who.clone());
                    }
                    None => {
                        roles.remove(role);
                    }
                }
            }
            // A log may hold anything: a group past the next new one, or a
            // phase the template does not have, changes nothing.
            Change::MemberMoved { participant, group } => {
                if *group <= self.groups {
                    self.assigned.insert(participant.clone(), *group);
                    // A group opened by a move closes again when the move is taken back.
                    let highest = self.assigned.values().max().map_or(0, |group| group.saturating_add(1));
                    self.groups = self.planned_groups.max(highest);
                }
            }
            Change::PhaseShown { case, phase } => {
                if *case < self.cases && *phase < self.phases.len() {
                    self.show_phase(*case, *phase, at);
                }
            }
            Change::PhaseAdjusted { case, phase, minutes } => {
                let extra = self.extra.entry((*case, *phase)).or_insert(0);
                *extra = extra.saturating_add(*minutes);
            }
            Change::CaseNoted { group, case, field, text, .. } => {
                *self.case_mut(*group, *case).field_mut(*field) = text.clone();
            }
            Change::KeyQuestionSet { group, case, text, .. } => {
                self.case_mut(*group, *case).key_question = text.clone();
            }
            Change::MethodChosen { group, case, method } => {
                self.case_mut(*group, *case).method = method.clone()
            }
            Change::IdeaAdded { group, case, text, giver, .. } => {
                self.case_mut(*group, *case).ideas.push(Idea {
                    text: text.clone(),
                    giver: giver.clone(),
                    retracted: false,
                });
            }
            Change::IdeaRetracted { group, case, index } => {
                if let Some(idea) = self.case_mut(*group, *case).ideas.get_mut(*index) {
                    idea.retracted = true;
                }
            }
            Change::KeyQuestionReleased { group, case, released } => {
                self.case_mut(*group, *case).released = *released
            }
        }
    }

    fn inverse(&self, change: &Change) -> Option<Vec<Change>> {
        let case = |group: usize, case: usize| self.case_of(group, case).cloned().unwrap_or_default();
        Some(match change {
            Change::Cast { group, case: number, role, .. } => vec![Change::Cast {
                group: *group,
                case: *number,
                role: *role,
                participant: case(*group, *number).roles.get(role).cloned(),
                suggested: None,
            }],
            Change::MemberMoved { participant, .. } => {
                vec![Change::MemberMoved {
                    participant: participant.clone(),
                    group: self.group_of(participant),
                }]
            }
            Change::PhaseShown { .. } => vec![Change::PhaseShown { case: self.case, phase: self.phase }],
            Change::PhaseAdjusted { case, phase, minutes } => {
                vec![Change::PhaseAdjusted { case: *case, phase: *phase, minutes: minutes.saturating_neg() }]
            }
            Change::CaseNoted { group, case: number, field, .. } => vec![Change::CaseNoted {
                group: *group,
                case: *number,
                field: *field,
                text: case(*group, *number).field(*field).to_string(),
                confidential: Confidential,
            }],
            Change::KeyQuestionSet { group, case: number, .. } => vec![Change::KeyQuestionSet {
                group: *group,
                case: *number,
                text: case(*group, *number).key_question,
                confidential: self.unreleased(*group, *number),
            }],
            Change::MethodChosen { group, case: number, .. } => vec![Change::MethodChosen {
                group: *group,
                case: *number,
                method: case(*group, *number).method,
            }],
            Change::IdeaAdded { group, case: number, .. } => vec![Change::IdeaRetracted {
                group: *group,
                case: *number,
                index: case(*group, *number).ideas.len(),
            }],
            Change::KeyQuestionReleased { group, case: number, .. } => vec![Change::KeyQuestionReleased {
                group: *group,
                case: *number,
                released: case(*group, *number).released,
            }],
            // What was written stays in the log: taking back a retraction is writing it again.
            Change::IdeaRetracted { .. } => return None,
        })
    }

    fn block_clock(&mut self, clock: BlockClock, at: Timestamp) {
        match clock {
            BlockClock::Running => {
                self.since.get_or_insert(at);
            }
            BlockClock::Paused | BlockClock::Left => {
                self.phase_ran = self.phase_elapsed(at);
                self.since = None;
            }
        }
    }
}

/// How often each person had each role: by participant id, then role.
pub type RoleCounts = BTreeMap<String, BTreeMap<Role, u32>>;

fn count(counts: &mut RoleCounts, who: &str, role: Role) {
    *counts.entry(who.to_string()).or_default().entry(role).or_insert(0) += 1;
}

/// Who had which role in the consultations these events recorded: the last
/// cast of each role of each case stands (a role given and then changed counts once).
pub fn roles_in_log<'a>(events: impl IntoIterator<Item = &'a Event>) -> RoleCounts {
    let mut last: BTreeMap<(&str, usize, usize, Role), Option<&str>> = BTreeMap::new();
    for event in events {
        if let Event::Method(MethodEvent::Consultation {
            block,
            change: Change::Cast { group, case, role, participant, .. },
        }) = event
        {
            last.insert((block.as_str(), *group, *case, *role), participant.as_deref());
        }
    }
    let mut counts = RoleCounts::new();
    for ((_, _, _, role), who) in last {
        if let Some(who) = who {
            count(&mut counts, who, role);
        }
    }
    counts
}

/// How often each person had each role across the journey: the earlier
/// stations' logs, this station's earlier consultation blocks, and this
/// block's cases before the current one.
pub fn role_counts<'a>(
    history: &History,
    earlier: impl IntoIterator<Item = &'a State>,
    current: &State,
) -> RoleCounts {
    let mut counts = RoleCounts::new();
    let past = history.stations.iter().map(|station| roles_in_log(station.events.iter().map(|e| &e.event)));
    for station in past {
        for (who, roles) in station {
            for (role, times) in roles {
                *counts.entry(who.clone()).or_default().entry(role).or_insert(0) += times;
            }
        }
    }
    for state in earlier {
        for (_, who, role) in state.cast_roles() {
            count(&mut counts, who, role);
        }
    }
    for (case, who, role) in current.cast_roles() {
        if case < current.case {
            count(&mut counts, who, role);
        }
    }
    counts
}

/// Whom the casting screen suggests for a role in a group's current case: a
/// present member without another role who had this role least often in the
/// journey (first those who never had it), the plan's proposal first for the
/// first case (in whichever group they consult); `None` when nobody is free. Suggests nobody for secretary and
/// observer (the group decides those in the room).
pub fn suggest(state: &State, cx: &Context, counts: &RoleCounts, group: usize, role: Role) -> Option<String> {
    if !matches!(role, Role::CaseGiver | Role::Moderator) {
        return None;
    }
    let case = state.current(group);
    let free = |id: &str| case.is_none_or(|case| case.role_of(id).is_none_or(|had| had == role));
    // The moderator is suggested beside the case giver, who is not a candidate.
    let taken = (role == Role::Moderator)
        .then(|| {
            case.and_then(|case| case.roles.get(&Role::CaseGiver).cloned())
                .or_else(|| suggest(state, cx, counts, group, Role::CaseGiver))
        })
        .flatten();
    let candidates: Vec<&Participant> = state
        .members(cx, group)
        .into_iter()
        .filter(|p| free(&p.id) && taken.as_deref() != Some(p.id.as_str()))
        .collect();
    if state.case == 0
        && let Some(proposed) = state.proposed.get(&role)
        && candidates.iter().any(|p| &p.id == proposed)
    {
        return Some(proposed.clone());
    }
    let times = |id: &str| counts.get(id).and_then(|roles| roles.get(&role)).copied().unwrap_or(0);
    candidates.into_iter().min_by_key(|p| times(&p.id)).map(|p| p.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Envelope;
    use crate::core::history::PastStation;
    use chrono::{DateTime, NaiveDate};
    use rstest::rstest;
    use std::collections::BTreeSet;

    fn person(id: &str, name: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: format!("Amt {id}"),
            role: "Leitung".into(),
            short: None,
            attributes: BTreeMap::new(),
        }
    }

    fn cohort() -> Vec<Participant> {
        vec![
            person("ab", "Anna Albers"),
            person("bb", "Bernd Bauer"),
            person("cc", "Carla Conrad"),
            person("dd", "Dieter Dahl"),
            person("ee", "Eva Ebert"),
            person("ff", "Frank Fuchs"),
        ]
    }

    fn t(secs: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T10:50:00+01:00").unwrap() + TimeDelta::seconds(secs)
    }

    fn plan() -> Consultation {
        Consultation { cases: Some(2), ..Consultation::default() }
    }

    /// A consultation whose block started at `t(0)`.
    fn started(plan: &Consultation) -> State {
        let mut state = State::new(plan);
        state.block_clock(BlockClock::Running, t(0));
        state
    }

    fn run(state: &mut State, cx: &Context, command: Command, at: i64) -> Result<(), Refusal> {
        for change in state.decide(cx, &command, t(at))? {
            state.apply(&change, t(at));
        }
        Ok(())
    }

    fn cast(group: usize, role: Role, who: &str) -> Command {
        Command::Cast(vec![Casting { group, role, participant: Some(who.into()), suggested: None }])
    }

    #[test]
    fn the_six_phases_follow_each_other_and_then_the_next_case() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let mut state = started(&plan());
        let mut seen = vec![(state.case, state.phase_plan().unwrap().key.clone())];
        while run(&mut state, &cx, Command::Phase(true), 60).is_ok() {
            seen.push((state.case, state.phase_plan().unwrap().key.clone()));
        }
        let keys = ["casting", "report", "key_question", "method", "consultation", "closing"];
        let expected: Vec<(usize, String)> =
            (0..2).flat_map(|case| keys.iter().map(move |key| (case, key.to_string()))).collect();
        assert_eq!(seen, expected);
        assert_eq!(state.decide(&cx, &Command::Phase(true), t(61)), Err(Refusal::LastPhase));
        let mut back = state.clone();
        for _ in 0..11 {
            run(&mut back, &cx, Command::Phase(false), 70).unwrap();
        }
        assert_eq!((back.case, back.phase), (0, 0));
        assert_eq!(back.decide(&cx, &Command::Phase(false), t(71)), Err(Refusal::FirstPhase));
    }

    #[test]
    fn the_phase_clock_counts_down_stands_still_in_pauses_and_turns_amber_then_red() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let mut state = started(&plan());
        run(&mut state, &cx, Command::Phase(true), 300).unwrap();
        // The case report: ten minutes.
        assert_eq!(state.phase_remaining(t(300)), TimeDelta::minutes(10));
        state.block_clock(BlockClock::Paused, t(400));
        assert_eq!(state.phase_remaining(t(1000)), TimeDelta::seconds(500));
        assert_eq!(state.phase_state(t(1000)), TimerState::Paused);
        state.block_clock(BlockClock::Running, t(1000));
        assert_eq!(state.phase_state(t(1000 + 439)), TimerState::Running);
        assert_eq!(state.phase_state(t(1000 + 440)), TimerState::LastMinutes);
        assert_eq!(state.phase_state(t(1000 + 501)), TimerState::Overtime);
        assert_eq!(state.phase_remaining(t(1000 + 530)), TimeDelta::seconds(-30));
        // Nothing advances by itself: still the report, in overtime.
        assert_eq!(state.phase_plan().map(|phase| phase.key.as_str()), Some("report"));
        // Going back to a phase resumes its clock.
        run(&mut state, &cx, Command::Phase(false), 1600).unwrap();
        assert_eq!(state.phase_elapsed(t(1600)), TimeDelta::seconds(300));
    }

    #[test]
    fn the_plan_overrides_phase_minutes_and_extending_a_phase_adds_to_it() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let plan =
            Consultation { phase_minutes: [("casting".to_string(), 3)].into(), ..Consultation::default() };
        let mut state = started(&plan);
        assert_eq!(state.phase_budget(), TimeDelta::minutes(3));
        run(&mut state, &cx, Command::AdjustPhase(2), 10).unwrap();
        assert_eq!(state.phase_budget(), TimeDelta::minutes(5));
        assert_eq!(state.decide(&cx, &Command::AdjustPhase(-5), t(11)), Err(Refusal::PhaseTooShort));
        let troika = State::new(&Consultation { template: Some("troika".into()), ..Consultation::default() });
        assert_eq!(troika.phases.iter().map(|phase| phase.minutes).collect::<Vec<_>>(), [2, 2, 5, 1]);
    }

    #[rstest]
    #[case::absent(cast(0, Role::CaseGiver, "ff"), Refusal::Absent)]
    #[case::unknown(cast(0, Role::CaseGiver, "zz"), Refusal::UnknownParticipant)]
    #[case::second_role(cast(0, Role::Secretary, "ab"), Refusal::HasOtherRole)]
    #[case::other_group(cast(0, Role::Secretary, "ee"), Refusal::NotInGroup)]
    #[case::no_group(cast(3, Role::Secretary, "ee"), Refusal::NoSuchGroup)]
    fn roles_follow_the_rules(#[case] command: Command, #[case] refusal: Refusal) {
        let cohort = cohort();
        let absent = ["ff".to_string()].into();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let plan = Consultation {
            groups: vec![
                vec!["ab".into(), "bb".into(), "cc".into()],
                vec!["dd".into(), "ee".into(), "ff".into()],
            ],
            ..plan()
        };
        let mut state = started(&plan);
        run(&mut state, &cx, cast(0, Role::CaseGiver, "ab"), 0).unwrap();
        assert_eq!(state.decide(&cx, &command, t(1)), Err(refusal));
        // Recasting the same role to someone else is fine, and the role moves.
        run(&mut state, &cx, cast(0, Role::CaseGiver, "bb"), 2).unwrap();
        assert_eq!(state.current(0).unwrap().roles[&Role::CaseGiver], "bb");
    }

    #[test]
    fn parallel_groups_share_one_phase_clock_and_keep_their_own_cases() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let plan = Consultation {
            groups: vec![
                vec!["ab".into(), "bb".into(), "cc".into()],
                vec!["dd".into(), "ee".into(), "ff".into()],
            ],
            ..plan()
        };
        let mut state = started(&plan);
        run(&mut state, &cx, cast(0, Role::CaseGiver, "ab"), 0).unwrap();
        run(&mut state, &cx, cast(1, Role::CaseGiver, "dd"), 0).unwrap();
        run(&mut state, &cx, Command::KeyQuestion { group: 1, text: "Wie kann ich …?".into() }, 5).unwrap();
        run(&mut state, &cx, Command::Phase(true), 300).unwrap();
        let room = state.room(&cohort, &absent, t(360));
        assert_eq!(room.groups.len(), 2);
        assert_eq!(room.remaining, TimeDelta::minutes(9));
        assert_eq!(room.groups[0].roles[0].1.name, "Anna Albers");
        assert_eq!(room.groups[1].roles[0].1.name, "Dieter Dahl");
        assert_eq!(room.groups[1].consultants.len(), 2);
        assert_eq!(room.groups[1].key_question, None, "not released");
        run(&mut state, &cx, Command::KeyQuestion { group: 0, text: "Wie erreiche ich …?".into() }, 6)
            .unwrap();
        run(&mut state, &cx, Command::Release { group: 1, released: true }, 370).unwrap();
        let room = state.room(&cohort, &absent, t(370));
        assert_eq!(room.groups[1].key_question.as_deref(), Some("Wie kann ich …?"));
        assert_eq!(room.groups[0].key_question, None, "group 1's question is not released");
        run(&mut state, &cx, Command::Release { group: 0, released: true }, 380).unwrap();
        run(&mut state, &cx, Command::Release { group: 1, released: false }, 390).unwrap();
        let room = state.room(&cohort, &absent, t(390));
        assert_eq!(room.groups[0].key_question.as_deref(), Some("Wie erreiche ich …?"));
        assert_eq!(room.groups[1].key_question, None, "hidden again");
    }

    #[test]
    fn groups_formed_by_hand_move_people_and_open_new_groups() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let mut state = started(&plan());
        assert_eq!(state.members(&cx, 0).len(), 6);
        run(&mut state, &cx, Command::MoveMember { participant: "dd".into(), group: 1 }, 1).unwrap();
        run(&mut state, &cx, Command::MoveMember { participant: "ee".into(), group: 1 }, 1).unwrap();
        assert_eq!(state.groups, 2);
        assert_eq!(state.members(&cx, 1).iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["dd", "ee"]);
        assert_eq!(
            state.decide(&cx, &Command::MoveMember { participant: "dd".into(), group: 3 }, t(2)),
            Err(Refusal::NoSuchGroup)
        );
        run(&mut state, &cx, cast(1, Role::Moderator, "dd"), 3).unwrap();
        assert_eq!(
            state.decide(&cx, &Command::MoveMember { participant: "dd".into(), group: 0 }, t(4)),
            Err(Refusal::HoldsRole)
        );
    }

    fn ids(groups: &[&[&str]]) -> Vec<Vec<String>> {
        groups.iter().map(|group| group.iter().map(|id| id.to_string()).collect()).collect()
    }

    #[test]
    fn formed_groups_put_everyone_present_in_exactly_one_group_and_undo_takes_them_all_back() {
        let cohort = cohort();
        let absent = ["ff".to_string()].into();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let state = started(&plan());
        let groups = ids(&[&["ee", "ab"], &["bb", "dd"], &["cc"]]);
        let form = Command::FormGroups { groups: groups.clone() };
        let changes = state.decide(&cx, &form, t(1)).unwrap();
        let mut after = state.clone();
        let mut inverses = Vec::new();
        for change in &changes {
            inverses.push(after.inverse(change).unwrap());
            after.apply(change, t(1));
        }
        assert_eq!(after.groups, 3);
        for (number, group) in groups.iter().enumerate() {
            let members: BTreeSet<String> = after.members(&cx, number).iter().map(|p| p.id.clone()).collect();
            assert_eq!(members, group.iter().cloned().collect::<BTreeSet<_>>());
        }
        let rows: Vec<&str> = after.casting_rows(&cx).iter().map(|(_, p)| p.id.as_str()).collect();
        assert_eq!(rows.len(), 5, "everyone present once: {rows:?}");
        // Live and replayed from the recorded moves alike.
        crate::core::method::assert_replay_equals_live(&state, &cx, &[(1, form.clone())]);
        // The same groups again change nothing.
        assert_eq!(after.decide(&cx, &form, t(2)), Err(Refusal::Unchanged));
        // Undo (the command's inverses, last first) gives every group back.
        for inverse in inverses.into_iter().rev() {
            for change in inverse {
                after.apply(&change, t(3));
            }
        }
        for id in ["ab", "bb", "cc", "dd", "ee"] {
            assert_eq!(after.group_of(id), state.group_of(id));
        }
    }

    #[rstest]
    #[case::absent(ids(&[&["ab", "ff"], &["bb"]]), Refusal::Absent)]
    #[case::unknown(ids(&[&["ab", "zz"], &["bb"]]), Refusal::UnknownParticipant)]
    #[case::twice(ids(&[&["ab", "bb"], &["bb"]]), Refusal::AlreadyInGroup)]
    #[case::empty(ids(&[&["ab", "bb"], &[]]), Refusal::NoSuchGroup)]
    #[case::moves_the_case_giver(ids(&[&["bb", "cc"], &["ab", "dd"]]), Refusal::FormingMovesRoles)]
    fn formed_groups_are_refused_when_they_break_a_rule(
        #[case] groups: Vec<Vec<String>>,
        #[case] refusal: Refusal,
    ) {
        let cohort = cohort();
        let absent = ["ff".to_string()].into();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let mut state = started(&plan());
        run(&mut state, &cx, cast(0, Role::CaseGiver, "ab"), 0).unwrap();
        assert_eq!(state.decide(&cx, &Command::FormGroups { groups }, t(1)), Err(refusal));
        // The case giver keeping their group is fine.
        run(&mut state, &cx, Command::FormGroups { groups: ids(&[&["ab", "cc"], &["bb", "dd", "ee"]]) }, 2)
            .unwrap();
        assert_eq!(state.group_of("bb"), 1);
    }

    fn station(id: &str, casts: &[(&str, usize, Role, &str)]) -> PastStation {
        let events = casts
            .iter()
            .enumerate()
            .map(|(seq, (block, case, role, who))| Envelope {
                id: uuid::Uuid::nil(),
                seq: seq as u64 + 1,
                at: t(seq as i64),
                event: Event::Method(MethodEvent::Consultation {
                    block: block.to_string(),
                    change: Change::Cast {
                        group: 0,
                        case: *case,
                        role: *role,
                        participant: Some(who.to_string()),
                        suggested: None,
                    },
                }),
            })
            .collect();
        PastStation {
            id: id.into(),
            date: NaiveDate::from_ymd_opt(2022, 10, 1).unwrap(),
            plan: crate::core::history::plain_station(),
            cohort: cohort(),
            events,
        }
    }

    #[test]
    fn fairness_counts_roles_over_two_earlier_stations_and_suggests_who_has_not_had_them() {
        let history = History {
            stations: vec![
                // Berlin: Anna gave a case (first Bernd was cast, then replaced by Anna), Carla moderated.
                station(
                    "berlin",
                    &[
                        ("k", 0, Role::CaseGiver, "bb"),
                        ("k", 0, Role::CaseGiver, "ab"),
                        ("k", 0, Role::Moderator, "cc"),
                    ],
                ),
                // Bonn: Bernd gave a case, Anna moderated, Dieter wrote.
                station(
                    "bonn",
                    &[
                        ("k", 0, Role::CaseGiver, "bb"),
                        ("k", 0, Role::Moderator, "ab"),
                        ("k", 0, Role::Secretary, "dd"),
                    ],
                ),
            ],
        };
        let cohort = cohort();
        let absent = ["ee".to_string()].into();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let state = started(&plan());
        let counts = role_counts(&history, [], &state);
        assert_eq!(counts["ab"][&Role::CaseGiver], 1);
        assert_eq!(counts["ab"][&Role::Moderator], 1);
        assert_eq!(counts["bb"][&Role::CaseGiver], 1, "the replaced cast does not count");
        assert_eq!(counts["cc"].get(&Role::CaseGiver), None);
        assert_eq!(counts["dd"][&Role::Secretary], 1);
        // Carla is the first who never gave a case; Eva is absent.
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::CaseGiver).as_deref(), Some("cc"));
        // Bernd never moderated (Anna and Carla did); Carla is the suggested case giver.
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::Moderator).as_deref(), Some("bb"));
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::Secretary), None);
        // In the second case, Carla's first case counts too.
        let mut state = state;
        run(&mut state, &cx, cast(0, Role::CaseGiver, "cc"), 0).unwrap();
        for _ in 0..6 {
            run(&mut state, &cx, Command::Phase(true), 10).unwrap();
        }
        let counts = role_counts(&history, [], &state);
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::CaseGiver).as_deref(), Some("dd"));
    }

    #[test]
    fn the_plans_proposal_is_suggested_first() {
        let cohort = cohort();
        let absent = BTreeSet::new();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let plan = Consultation { case_giver: Some("ff".into()), moderator: Some("ee".into()), ..plan() };
        let state = started(&plan);
        let counts = RoleCounts::new();
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::CaseGiver).as_deref(), Some("ff"));
        assert_eq!(suggest(&state, &cx, &counts, 0, Role::Moderator).as_deref(), Some("ee"));
    }

    #[test]
    fn confidential_changes_are_marked_in_the_log() {
        let noted = Change::CaseNoted {
            group: 0,
            case: 0,
            field: CaseField::Title,
            text: "Umzug".into(),
            confidential: Confidential,
        };
        let json = serde_json::to_string(&noted).unwrap();
        assert_eq!(
            json,
            r#"{"change":"case_noted","group":0,"case":0,"field":"title","text":"Umzug","confidential":true}"#
        );
        assert!(serde_json::from_str::<Change>(&json.replace("true", "false")).is_err());
        assert!(serde_json::from_str::<Change>(&json.replace(r#","confidential":true"#, "")).is_err());
        assert!(noted.is_confidential());
        let set = Change::KeyQuestionSet {
            group: 0,
            case: 0,
            text: "Wie?".into(),
            confidential: Some(Confidential),
        };
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"{"change":"key_question_set","group":0,"case":0,"text":"Wie?","confidential":true}"#
        );
        assert!(set.is_confidential());
        let released = Change::KeyQuestionSet { group: 0, case: 0, text: "Wie?".into(), confidential: None };
        assert!(!serde_json::to_string(&released).unwrap().contains("confidential"));
        assert!(!released.is_confidential());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn who() -> impl Strategy<Value = String> {
            prop_oneof![Just("ab"), Just("bb"), Just("cc"), Just("dd"), Just("ee"), Just("ff"), Just("zz")]
                .prop_map(String::from)
        }

        fn role() -> impl Strategy<Value = Role> {
            prop_oneof![
                Just(Role::CaseGiver),
                Just(Role::Moderator),
                Just(Role::Secretary),
                Just(Role::Observer)
            ]
        }

        fn field() -> impl Strategy<Value = CaseField> {
            prop_oneof![Just(CaseField::Title), Just(CaseField::Description), Just(CaseField::Closing)]
        }

        fn command() -> impl Strategy<Value = Command> {
            let casting =
                (0usize..3, role(), proptest::option::of(who()), proptest::option::of(who())).prop_map(
                    |(group, role, participant, suggested)| Casting { group, role, participant, suggested },
                );
            prop_oneof![
                3 => prop::collection::vec(casting, 0..3).prop_map(Command::Cast),
                1 => (who(), 0usize..3).prop_map(|(participant, group)| Command::MoveMember { participant, group }),
                1 => prop::collection::vec(prop::collection::vec(who(), 0..4), 0..4).prop_map(|groups| Command::FormGroups { groups }),
                3 => any::<bool>().prop_map(Command::Phase),
                1 => (-3i64..4).prop_map(Command::AdjustPhase),
                1 => (0usize..3, field(), "[a-z ]{0,8}").prop_map(|(group, field, text)| Command::Note { group, field, text }),
                1 => (0usize..3, "[a-z ]{0,8}").prop_map(|(group, text)| Command::KeyQuestion { group, text }),
                1 => (0usize..3, prop_oneof![Just("headstand"), Just("nonsense")]).prop_map(|(group, method)| Command::ChooseMethod { group, method: method.into() }),
                1 => (0usize..3, "[a-z ]{0,8}", proptest::option::of(who())).prop_map(|(group, text, giver)| Command::Idea { group, text, giver }),
                1 => (0usize..3, any::<bool>()).prop_map(|(group, released)| Command::Release { group, released }),
            ]
        }

        proptest! {
            /// The generic property of every method, for the consultation.
            #[test]
            fn replaying_a_consultation_gives_the_live_state(
                steps in prop::collection::vec((0i64..400, command()), 0..60),
            ) {
                let cohort = cohort();
                let absent = ["ff".to_string()].into();
                let cx = Context { block: "b", cohort: &cohort, absent: &absent };
                crate::core::method::assert_replay_equals_live(&started(&plan()), &cx, &steps);
            }

            /// Whatever happens, nobody has two roles in one case and nobody absent is cast.
            #[test]
            fn one_role_per_person_and_nobody_absent(
                steps in prop::collection::vec((0i64..400, command()), 0..60),
            ) {
                let cohort = cohort();
                let absent = ["ff".to_string()].into();
                let cx = Context { block: "b", cohort: &cohort, absent: &absent };
                let mut state = started(&plan());
                for (gap, command) in steps {
                    let _ = run(&mut state, &cx, command, gap);
                }
                for case in state.cases_by_group.values() {
                    let people: BTreeSet<&String> = case.roles.values().collect();
                    prop_assert_eq!(people.len(), case.roles.len());
                    prop_assert!(!people.contains(&"ff".to_string()));
                }
            }

            /// Undoing any change gives back the state before it.
            #[test]
            fn the_inverse_takes_a_change_back(
                steps in prop::collection::vec((0i64..400, command()), 0..30),
                last in command(),
            ) {
                let cohort = cohort();
                let absent = ["ff".to_string()].into();
                let cx = Context { block: "b", cohort: &cohort, absent: &absent };
                let mut state = started(&plan());
                for (gap, command) in steps {
                    let _ = run(&mut state, &cx, command, gap);
                }
                let Ok(changes) = state.decide(&cx, &last, t(500)) else { return Ok(()) };
                let mut after = state.clone();
                let mut inverses = Vec::new();
                for change in &changes {
                    inverses.push(after.inverse(change));
                    after.apply(change, t(500));
                }
                for inverse in inverses.into_iter().rev() {
                    for change in inverse.unwrap_or_default() {
                        after.apply(&change, t(500));
                    }
                }
                // Ideas taken back stay as retracted; everything a facilitator sees is as before.
                for case in after.cases_by_group.values_mut() {
                    case.ideas.retain(|idea| !idea.retracted);
                }
                after.cases_by_group.retain(|key, case| state.cases_by_group.contains_key(key) || *case != Case::default());
                prop_assert_eq!(&after.cases_by_group, &state.cases_by_group);
                prop_assert_eq!((after.case, after.phase, after.groups), (state.case, state.phase, state.groups));
                for id in ["ab", "bb", "cc", "dd", "ee"] {
                    prop_assert_eq!(after.group_of(id), state.group_of(id));
                }
            }
        }
    }
}
