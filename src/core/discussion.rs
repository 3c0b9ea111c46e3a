//! The moderated discussion (Redeliste): raised hands, the order the queue
//! policy gives them, turns and their talk time, questions, and what the
//! facilitator captures (parked questions, decisions, action items).

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::method::{BlockClock, Context, Method};
use super::timer::saturating_add;
use crate::plan::{Discussion, Participant, QueuePolicy, SpeakerClock};

/// What a raised hand asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hand {
    /// A contribution in turn.
    Normal,
    /// A direct reply to the current speaker (direkte Erwiderung), taken before the queue.
    Reply,
    /// A point of order (Geschäftsordnung), taken before everything else.
    PointOfOrder,
}

/// Who has a hand or the floor: a member of the cohort by id, or a guest (a
/// speaker from the host, a visitor) by the name the facilitator typed. The
/// two never meet: a guest's name is never looked up in the cohort, counts in
/// no participant's talk time, and stands under `guest` in the log, never
/// under `participant`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// A participant's id.
    Participant(String),
    /// A guest's name as typed.
    Guest(String),
}

impl Speaker {
    /// The participant's id, or `None` for a guest.
    pub fn participant(&self) -> Option<&str> {
        match self {
            Speaker::Participant(id) => Some(id),
            Speaker::Guest(_) => None,
        }
    }

    fn is_participant(&self, id: &str) -> bool {
        self.participant() == Some(id)
    }
}

/// In tests a bare id is a participant.
#[cfg(test)]
impl From<&str> for Speaker {
    fn from(id: &str) -> Speaker {
        Speaker::Participant(id.to_string())
    }
}

/// A hand in the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub speaker: Speaker,
    pub hand: Hand,
    pub at: Timestamp,
}

/// One speaker's turn; `ended` is `None` while they speak. While the block's
/// timer is paused, the turn's clock stands still too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub speaker: Speaker,
    pub hand: Hand,
    pub started: Timestamp,
    pub ended: Option<Timestamp>,
    /// Time the block was paused during the turn, before the latest pause.
    paused: TimeDelta,
    /// When the block's current pause began, if it is paused.
    paused_since: Option<Timestamp>,
}

impl Turn {
    /// How long the speaker has had the floor by `now` (or had, once ended),
    /// not counting the time the block was paused.
    pub fn length(&self, now: Timestamp) -> TimeDelta {
        let end = self.ended.unwrap_or(now).max(self.started);
        let pausing =
            self.paused_since.map_or(TimeDelta::zero(), |since| (end - since).max(TimeDelta::zero()));
        (end - self.started - self.paused - pausing).max(TimeDelta::zero())
    }

    fn pause(&mut self, at: Timestamp) {
        if self.ended.is_none() && self.paused_since.is_none() {
            self.paused_since = Some(at.max(self.started));
        }
    }

    fn resume(&mut self, at: Timestamp) {
        if let Some(since) = self.paused_since.take() {
            self.paused = saturating_add(self.paused, (at - since).max(TimeDelta::zero()));
        }
    }
}

/// What the facilitator writes down during a discussion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Capture {
    /// A question parked for later (Parkplatz).
    Parked {
        text: String,
    },
    Decision {
        text: String,
    },
    /// An action item with an owner (participant id or free text) and an optional due date.
    Action {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
}

impl Capture {
    pub fn text(&self) -> &str {
        match self {
            Capture::Parked { text } | Capture::Decision { text } | Capture::Action { text, .. } => text,
        }
    }
}

/// A capture with the time it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub at: Timestamp,
    pub capture: Capture,
    /// Taken back (undone); it stays in the log but counts no more.
    pub retracted: bool,
}

/// What the facilitator does in a moderated discussion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// A participant's hand: a contribution, a reply or a point of order.
    Raise { participant: String, hand: Hand },
    /// A guest's hand, by the name the facilitator typed (someone not in the cohort).
    RaiseGuest { name: String, hand: Hand },
    /// A hand taken back.
    Withdraw { speaker: Speaker },
    /// Move a hand one place earlier or later in the queue.
    MoveHand { speaker: Speaker, earlier: bool },
    /// Give the floor to the first in the queue (the turn before ends).
    CallNext,
    /// The current speaker finished.
    EndTurn,
    /// Order the queue by another policy.
    SetPolicy(QueuePolicy),
    /// Show the next (`true`) or previous question.
    NextQuestion(bool),
    /// Write down a parked question, a decision or an action item.
    Capture(Capture),
}

/// What a discussion records: the `change` of a `{"type":"discussion"}` event.
/// The speaker is flattened: `"participant": "<id>"` as logs always had it,
/// or `"guest": "<name>"`, so older logs read unchanged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Someone raised their hand (or asked to reply, or for a point of
    /// order, which replaces their earlier hand).
    HandRaised {
        #[serde(flatten)]
        speaker: Speaker,
        hand: Hand,
    },
    /// A hand was taken back.
    HandWithdrawn {
        #[serde(flatten)]
        speaker: Speaker,
    },
    /// A hand moved to `position` in the order of arrival.
    HandMoved {
        #[serde(flatten)]
        speaker: Speaker,
        position: usize,
    },
    /// A speaker got the floor (the turn before, if any, ends with it).
    TurnStarted {
        #[serde(flatten)]
        speaker: Speaker,
        hand: Hand,
    },
    /// The current speaker finished.
    TurnEnded,
    /// The speaker queue's policy was switched.
    QueuePolicyChanged { policy: QueuePolicy },
    /// Another of the discussion's questions is on screen.
    QuestionShown { index: usize },
    /// A parked question, a decision or an action item was written down.
    Captured { capture: Capture },
    /// A capture (by its place among the captures) was taken back.
    Retracted { index: usize },
}

/// Why a discussion command changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Refusal {
    AlreadyQueued,
    NotQueued,
    NobodyQueued,
    NobodySpeaking,
    /// There is no question in that direction.
    NoOtherQuestion,
    /// The queue policy decides this order; the hand cannot move there.
    PolicyDecidesOrder,
    /// The hand is already first (or last) in the queue.
    CannotMoveFurther,
    /// Alternation needs a participant attribute (`alternate_by` in the plan).
    NoAlternationAttribute,
    EmptyCapture,
    UnknownParticipant,
    /// The participant is marked absent today.
    Absent,
    /// A guest needs a name, and not the name or id of someone in the cohort.
    NotAGuestName,
}

/// A discussion block as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub questions: Vec<String>,
    /// The question on screen.
    pub question: usize,
    pub speaker_limit: Option<TimeDelta>,
    pub policy: QueuePolicy,
    pub alternate_by: Option<String>,
    /// What the room sees of a speaker's time (the console always sees it).
    pub speaker_clock: SpeakerClock,
    /// Raised hands in the order they came (or were moved to).
    pub raised: Vec<Raised>,
    /// Every turn so far, the current one last.
    pub turns: Vec<Turn>,
    pub captures: Vec<Captured>,
    /// Whether the block's timer runs; a turn's clock stands still while it does not.
    running: bool,
}

/// Seconds before a speaker's limit at which their timer turns amber.
pub const SPEAKER_WARNING: TimeDelta = TimeDelta::seconds(30);

impl State {
    pub fn new(plan: &Discussion) -> State {
        State {
            questions: plan.questions.clone(),
            question: 0,
            speaker_limit: plan.speaker_limit_secs.map(|secs| TimeDelta::seconds(i64::from(secs))),
            policy: plan.policy,
            alternate_by: plan.alternate_by.clone(),
            speaker_clock: plan.speaker_clock,
            raised: Vec::new(),
            turns: Vec::new(),
            captures: Vec::new(),
            running: false,
        }
    }

    /// The turn in progress.
    pub fn speaking(&self) -> Option<&Turn> {
        self.turns.last().filter(|turn| turn.ended.is_none())
    }

    /// Whether the participant (never a guest) has a hand up.
    pub fn is_queued(&self, participant: &str) -> bool {
        self.raised.iter().any(|raised| raised.speaker.is_participant(participant))
    }

    /// Whether the participant (never a guest) has had the floor.
    pub fn has_spoken(&self, participant: &str) -> bool {
        self.turns.iter().any(|turn| turn.speaker.is_participant(participant))
    }

    fn has_hand(&self, speaker: &Speaker) -> bool {
        self.raised.iter().any(|raised| &raised.speaker == speaker)
    }

    /// The queue in the order speakers will be called: points of order, then
    /// replies (each in the order they came), then the other hands as the policy orders them.
    pub fn queue<'a>(&'a self, cohort: &[Participant]) -> Vec<&'a Raised> {
        let of = |hand: Hand| self.raised.iter().filter(move |raised| raised.hand == hand);
        let mut queue: Vec<&Raised> = of(Hand::PointOfOrder).chain(of(Hand::Reply)).collect();
        let normal: Vec<&Raised> = of(Hand::Normal).collect();
        match self.policy {
            QueuePolicy::FirstCome => queue.extend(normal),
            QueuePolicy::FirstTimeFirst => {
                // A guest has not spoken when no turn of theirs is recorded.
                let (first, again): (Vec<&Raised>, Vec<&Raised>) = normal
                    .into_iter()
                    .partition(|raised| !self.turns.iter().any(|turn| turn.speaker == raised.speaker));
                queue.extend(first);
                queue.extend(again);
            }
            QueuePolicy::Alternate => {
                // A guest has no attribute: they alternate like a group of their own.
                let attribute = |speaker: &Speaker| -> Option<&str> {
                    let key = self.alternate_by.as_deref()?;
                    let id = speaker.participant()?;
                    cohort.iter().find(|p| p.id == id)?.attributes.get(key).map(String::as_str)
                };
                let mut last = self.turns.last().and_then(|turn| attribute(&turn.speaker));
                let mut rest = normal;
                while !rest.is_empty() {
                    let pick = rest.iter().position(|raised| attribute(&raised.speaker) != last).unwrap_or(0);
                    let raised = rest.remove(pick);
                    last = attribute(&raised.speaker);
                    queue.push(raised);
                }
            }
        }
        queue
    }

    /// Talk time per participant by `now`, including the turn in progress.
    /// Guests are left out: the figure is about who in the cohort got the floor.
    pub fn talk_time(&self, now: Timestamp) -> BTreeMap<&str, TimeDelta> {
        let mut totals: BTreeMap<&str, TimeDelta> = BTreeMap::new();
        for turn in &self.turns {
            if let Some(id) = turn.speaker.participant() {
                let total = totals.entry(id).or_insert_with(TimeDelta::zero);
                *total = saturating_add(*total, turn.length(now));
            }
        }
        totals
    }

    /// The next policy in the order the `l` key cycles through; alternation
    /// only when the plan names an attribute to alternate by.
    pub fn next_policy(&self) -> QueuePolicy {
        match self.policy {
            QueuePolicy::FirstCome => QueuePolicy::FirstTimeFirst,
            QueuePolicy::FirstTimeFirst if self.alternate_by.is_some() => QueuePolicy::Alternate,
            QueuePolicy::FirstTimeFirst | QueuePolicy::Alternate => QueuePolicy::FirstCome,
        }
    }

    /// What the room may see: the question, who speaks and the next few.
    pub fn room(&self, cohort: &[Participant], now: Timestamp) -> Room {
        let person = |speaker: &Speaker| room_person(cohort, speaker);
        Room {
            question: self.questions.get(self.question).map(|text| RoomQuestion {
                number: self.question + 1,
                of: self.questions.len(),
                text: text.clone(),
            }),
            speaker: self.speaking().map(|turn| RoomSpeaker {
                person: person(&turn.speaker),
                hand: turn.hand,
                clock: self.room_clock(turn.length(now)),
            }),
            next: self
                .queue(cohort)
                .into_iter()
                .take(ROOM_QUEUE)
                .map(|raised| (person(&raised.speaker), raised.hand))
                .collect(),
        }
    }

    /// As much of a speaker's time as the plan lets the room see.
    fn room_clock(&self, spoken: TimeDelta) -> RoomSpeakerClock {
        match self.speaker_clock {
            SpeakerClock::Hidden => RoomSpeakerClock::Hidden,
            SpeakerClock::Cue => {
                RoomSpeakerClock::Cue { time_up: self.speaker_limit.is_some_and(|limit| spoken >= limit) }
            }
            SpeakerClock::Shown => RoomSpeakerClock::Shown { spoken, limit: self.speaker_limit },
        }
    }

    /// Talk time per participant, for the room when the facilitator shows it.
    pub fn room_talk_time(&self, cohort: &[Participant], now: Timestamp) -> Vec<(RoomPerson, TimeDelta)> {
        self.talk_time(now)
            .into_iter()
            .map(|(id, spoken)| (room_person(cohort, &Speaker::Participant(id.to_string())), spoken))
            .collect()
    }

    fn raise(&mut self, speaker: impl Into<Speaker>, hand: Hand, at: Timestamp) {
        let speaker = speaker.into();
        self.raised.retain(|raised| raised.speaker != speaker);
        self.raised.push(Raised { speaker, hand, at });
    }

    fn withdraw(&mut self, speaker: impl Into<Speaker>) {
        let speaker = speaker.into();
        self.raised.retain(|raised| raised.speaker != speaker);
    }

    fn move_to(&mut self, speaker: impl Into<Speaker>, position: usize) {
        let speaker = speaker.into();
        if let Some(from) = self.raised.iter().position(|raised| raised.speaker == speaker) {
            let raised = self.raised.remove(from);
            self.raised.insert(position.min(self.raised.len()), raised);
        }
    }

    fn start_turn(&mut self, speaker: impl Into<Speaker>, hand: Hand, at: Timestamp) {
        let speaker = speaker.into();
        self.end_turn(at);
        self.withdraw(speaker.clone());
        let mut turn =
            Turn { speaker, hand, started: at, ended: None, paused: TimeDelta::zero(), paused_since: None };
        if !self.running {
            turn.pause(at);
        }
        self.turns.push(turn);
    }

    fn end_turn(&mut self, at: Timestamp) {
        if let Some(turn) = self.turns.last_mut().filter(|turn| turn.ended.is_none()) {
            let end = at.max(turn.started);
            turn.resume(end);
            turn.ended = Some(end);
        }
    }
}

/// How many of the queue the room sees.
const ROOM_QUEUE: usize = 5;

fn room_person(cohort: &[Participant], speaker: &Speaker) -> RoomPerson {
    match speaker {
        Speaker::Participant(id) => {
            let found = cohort.iter().find(|p| &p.id == id);
            RoomPerson {
                name: found.map_or_else(|| id.clone(), |p| p.name.clone()),
                organisation: found.map(|p| p.organisation.clone()).unwrap_or_default(),
            }
        }
        // A guest is shown by their name alone: they belong to no organisation of the cohort.
        Speaker::Guest(name) => RoomPerson { name: name.clone(), organisation: String::new() },
    }
}

/// A participant as the room sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomPerson {
    pub name: String,
    pub organisation: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomQuestion {
    /// 1-based.
    pub number: usize,
    pub of: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomSpeaker {
    pub person: RoomPerson,
    pub hand: Hand,
    pub clock: RoomSpeakerClock,
}

/// What the room sees of a speaker's time, as the plan chose ([`SpeakerClock`]):
/// a hidden clock has no figure here, so none can reach the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomSpeakerClock {
    Hidden,
    /// Only whether the speaker's time is up.
    Cue {
        time_up: bool,
    },
    Shown {
        spoken: TimeDelta,
        limit: Option<TimeDelta>,
    },
}

/// The public part of a discussion: nothing the facilitator captured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub question: Option<RoomQuestion>,
    pub speaker: Option<RoomSpeaker>,
    /// The next few in the queue, in order.
    pub next: Vec<(RoomPerson, Hand)>,
}

impl Method for State {
    type Command = Command;
    type Change = Change;
    type Refusal = Refusal;

    fn decide(&self, cx: &Context, command: &Command, _now: Timestamp) -> Result<Vec<Change>, Refusal> {
        match command {
            Command::Raise { participant, hand } => {
                if !cx.is_known(participant) {
                    return Err(Refusal::UnknownParticipant);
                }
                if !cx.is_present(participant) {
                    return Err(Refusal::Absent);
                }
                let speaker = Speaker::Participant(participant.clone());
                let same = self.raised.iter().any(|r| r.speaker == speaker && r.hand == *hand);
                if same {
                    return Err(Refusal::AlreadyQueued);
                }
                Ok(vec![Change::HandRaised { speaker, hand: *hand }])
            }
            Command::RaiseGuest { name, hand } => {
                let name = name.trim();
                let typed = name.to_lowercase();
                // A cohort member is never queued as a guest, present or not.
                let in_cohort = cx.cohort.iter().any(|p| {
                    p.name.to_lowercase() == typed
                        || p.id.to_lowercase() == typed
                        || p.short.as_ref().is_some_and(|short| short.to_lowercase() == typed)
                });
                if name.is_empty() || in_cohort {
                    return Err(Refusal::NotAGuestName);
                }
                let speaker = Speaker::Guest(name.to_string());
                if self.raised.iter().any(|r| r.speaker == speaker && r.hand == *hand) {
                    return Err(Refusal::AlreadyQueued);
                }
                Ok(vec![Change::HandRaised { speaker, hand: *hand }])
            }
            Command::Withdraw { speaker } => {
                if !self.has_hand(speaker) {
                    return Err(Refusal::NotQueued);
                }
                Ok(vec![Change::HandWithdrawn { speaker: speaker.clone() }])
            }
            Command::MoveHand { speaker, earlier } => {
                let queue = self.queue(cx.cohort);
                let at = queue.iter().position(|r| &r.speaker == speaker).ok_or(Refusal::NotQueued)?;
                let neighbour = if *earlier { at.checked_sub(1) } else { Some(at + 1) };
                let neighbour = neighbour.and_then(|n| queue.get(n)).ok_or(Refusal::CannotMoveFurther)?;
                let position = self
                    .raised
                    .iter()
                    .position(|r| r.speaker == neighbour.speaker)
                    .ok_or(Refusal::NotQueued)?;
                let mut moved = self.clone();
                moved.move_to(speaker.clone(), position);
                let before = queue.iter().map(|r| &r.speaker);
                let after: Vec<Speaker> = moved.queue(cx.cohort).iter().map(|r| r.speaker.clone()).collect();
                if after.iter().eq(before) {
                    return Err(Refusal::PolicyDecidesOrder);
                }
                Ok(vec![Change::HandMoved { speaker: speaker.clone(), position }])
            }
            Command::CallNext => {
                let next = self.queue(cx.cohort).first().map(|r| (r.speaker.clone(), r.hand));
                let (speaker, hand) = next.ok_or(Refusal::NobodyQueued)?;
                Ok(vec![Change::TurnStarted { speaker, hand }])
            }
            Command::EndTurn => {
                self.speaking().ok_or(Refusal::NobodySpeaking)?;
                Ok(vec![Change::TurnEnded])
            }
            Command::SetPolicy(policy) => {
                if *policy == QueuePolicy::Alternate && self.alternate_by.is_none() {
                    return Err(Refusal::NoAlternationAttribute);
                }
                Ok(vec![Change::QueuePolicyChanged { policy: *policy }])
            }
            Command::NextQuestion(forward) => {
                let index =
                    if *forward { self.question.checked_add(1) } else { self.question.checked_sub(1) };
                match index {
                    Some(index) if index < self.questions.len() => Ok(vec![Change::QuestionShown { index }]),
                    _ => Err(Refusal::NoOtherQuestion),
                }
            }
            Command::Capture(capture) => {
                if capture.text().trim().is_empty() {
                    return Err(Refusal::EmptyCapture);
                }
                Ok(vec![Change::Captured { capture: capture.clone() }])
            }
        }
    }

    fn apply(&mut self, change: &Change, at: Timestamp) {
        match change {
            Change::HandRaised { speaker, hand } => self.raise(speaker.clone(), *hand, at),
            Change::HandWithdrawn { speaker } => self.withdraw(speaker.clone()),
            Change::HandMoved { speaker, position } => self.move_to(speaker.clone(), *position),
            Change::TurnStarted { speaker, hand } => self.start_turn(speaker.clone(), *hand, at),
            Change::TurnEnded => self.end_turn(at),
            Change::QueuePolicyChanged { policy } => self.policy = *policy,
            Change::QuestionShown { index } => self.question = *index,
            Change::Captured { capture } => {
                self.captures.push(Captured { at, capture: capture.clone(), retracted: false })
            }
            Change::Retracted { index } => {
                if let Some(captured) = self.captures.get_mut(*index) {
                    captured.retracted = true;
                }
            }
        }
    }

    fn inverse(&self, change: &Change) -> Option<Vec<Change>> {
        // A hand goes back to where and what it was, or away if it was not there.
        let hand_as_it_was = |speaker: &Speaker| match self.raised.iter().position(|r| &r.speaker == speaker)
        {
            Some(position) => vec![
                Change::HandRaised { speaker: speaker.clone(), hand: self.raised[position].hand },
                Change::HandMoved { speaker: speaker.clone(), position },
            ],
            None => vec![Change::HandWithdrawn { speaker: speaker.clone() }],
        };
        match change {
            Change::HandRaised { speaker, .. }
            | Change::HandWithdrawn { speaker }
            | Change::HandMoved { speaker, .. } => Some(hand_as_it_was(speaker)),
            Change::QueuePolicyChanged { .. } => {
                Some(vec![Change::QueuePolicyChanged { policy: self.policy }])
            }
            Change::QuestionShown { .. } => Some(vec![Change::QuestionShown { index: self.question }]),
            Change::Captured { .. } => Some(vec![Change::Retracted { index: self.captures.len() }]),
            // Who spoke, and for how long, happened: a turn is not taken back.
            Change::TurnStarted { .. } | Change::TurnEnded | Change::Retracted { .. } => None,
        }
    }

    fn block_clock(&mut self, clock: BlockClock, at: Timestamp) {
        match clock {
            BlockClock::Running => {
                self.running = true;
                if let Some(turn) = self.turns.last_mut() {
                    turn.resume(at);
                }
            }
            BlockClock::Paused => {
                self.running = false;
                if let Some(turn) = self.turns.last_mut() {
                    turn.pause(at);
                }
            }
            // Leaving the block ends its turn: talk time counts only while its block runs.
            BlockClock::Left => {
                self.running = false;
                self.end_turn(at);
            }
        }
    }
}

/// Splits an action item typed as `text @owner due` into its parts: the owner
/// is a participant whose id, initials or name starts with what follows `@`
/// (else that word as free text); a last word `31.12.2022`, `31.12.` or
/// `2022-12-31` is the due date (the year of `today` when left out).
pub fn parse_action(input: &str, cohort: &[Participant], today: NaiveDate) -> Capture {
    let mut words: Vec<&str> = input.split_whitespace().collect();
    let due = words.last().and_then(|word| parse_date(word, today));
    if due.is_some() {
        words.pop();
    }
    let mut owner = None;
    if let Some(at) = words.iter().rposition(|word| word.starts_with('@') && word.len() > 1) {
        let handle = words.remove(at).trim_start_matches('@');
        owner = Some(find_participant(handle, cohort).map_or_else(|| handle.to_string(), |p| p.id.clone()));
    }
    Capture::Action { text: words.join(" "), owner, due }
}

fn parse_date(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(word, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(word, "%d.%m.%Y"))
        .ok()
        .or_else(|| {
            let (day, month) = word.strip_suffix('.')?.split_once('.')?;
            NaiveDate::from_ymd_opt(today.year(), month.parse().ok()?, day.parse().ok()?)
        })
}

/// The participant a few typed letters mean: an exact id or initials first,
/// then the only one whose name or organisation contains the letters.
pub fn find_participant<'a>(typed: &str, cohort: &'a [Participant]) -> Option<&'a Participant> {
    let typed = typed.to_lowercase();
    cohort
        .iter()
        .find(|p| p.id.to_lowercase() == typed || p.short.as_ref().is_some_and(|s| s.to_lowercase() == typed))
        .or_else(|| {
            let matches: Vec<&Participant> = cohort.iter().filter(|p| matches_typed(p, &typed)).collect();
            (matches.len() == 1).then(|| matches[0])
        })
}

/// The participants a type-ahead picker offers for what was typed, in the order given.
pub fn picker_matches<'a>(
    people: impl IntoIterator<Item = &'a Participant>,
    typed: &str,
) -> Vec<&'a Participant> {
    let typed = typed.trim().to_lowercase();
    people.into_iter().filter(|p| matches_typed(p, &typed)).collect()
}

/// Whether what was typed (lowercase) occurs in the participant's name,
/// organisation, initials or id; the type-ahead picker filters with this.
pub fn matches_typed(participant: &Participant, typed: &str) -> bool {
    let fields = [
        Some(participant.name.as_str()),
        Some(participant.organisation.as_str()),
        participant.short.as_deref(),
        Some(participant.id.as_str()),
    ];
    fields.into_iter().flatten().any(|field| field.to_lowercase().contains(typed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use rstest::rstest;

    fn person(id: &str, name: &str, group: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: format!("Amt {id}"),
            role: "Leitung".into(),
            short: Some(id.to_uppercase()),
            attributes: [("gruppe".to_string(), group.to_string())].into(),
        }
    }

    fn cohort() -> Vec<Participant> {
        vec![
            person("ab", "Anna Albers", "A"),
            person("bb", "Bernd Bauer", "A"),
            person("cc", "Carla Conrad", "B"),
            person("dd", "Dieter Dahl", "B"),
        ]
    }

    fn t(secs: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T10:50:00+01:00").unwrap() + TimeDelta::seconds(secs)
    }

    /// A discussion whose block has just started.
    fn state(policy: QueuePolicy) -> State {
        let mut state = State::new(&Discussion {
            questions: vec!["Warum?".into()],
            speaker_limit_secs: Some(120),
            policy,
            alternate_by: Some("gruppe".into()),
            speaker_clock: SpeakerClock::Shown,
        });
        state.block_clock(BlockClock::Running, t(-600));
        state
    }

    fn order(state: &State) -> Vec<&str> {
        state
            .queue(&cohort())
            .iter()
            .map(|raised| match &raised.speaker {
                Speaker::Participant(id) | Speaker::Guest(id) => id.as_str(),
            })
            .collect()
    }

    /// Bernd has spoken; then Anna, Bernd, Carla and Dieter raise their hands in that order.
    fn after_bernd(policy: QueuePolicy) -> State {
        let mut state = state(policy);
        state.start_turn("bb", Hand::Normal, t(0));
        state.end_turn(t(60));
        for (i, id) in ["ab", "bb", "cc", "dd"].into_iter().enumerate() {
            state.raise(id, Hand::Normal, t(61 + i as i64));
        }
        state
    }

    #[rstest]
    #[case::first_come(QueuePolicy::FirstCome, vec!["ab", "bb", "cc", "dd"])]
    #[case::first_time_first(QueuePolicy::FirstTimeFirst, vec!["ab", "cc", "dd", "bb"])]
    // The last speaker was group A: B, A, B, A.
    #[case::alternate(QueuePolicy::Alternate, vec!["cc", "ab", "dd", "bb"])]
    fn each_policy_orders_the_queue(#[case] policy: QueuePolicy, #[case] expected: Vec<&str>) {
        assert_eq!(order(&after_bernd(policy)), expected);
    }

    #[rstest]
    fn replies_and_points_of_order_go_first_under_every_policy(
        #[values(QueuePolicy::FirstCome, QueuePolicy::FirstTimeFirst, QueuePolicy::Alternate)]
        policy: QueuePolicy,
    ) {
        let mut state = after_bernd(policy);
        state.raise("dd", Hand::Reply, t(70));
        state.raise("ab", Hand::PointOfOrder, t(71));
        let queue = order(&state);
        assert_eq!(queue[..2], ["ab", "dd"]);
        assert_eq!(queue.len(), 4, "a reply replaces the same person's earlier hand");
    }

    /// Anna speaking for `secs` seconds of her two minutes, as the room sees it under `choice`.
    #[rstest]
    #[case::hidden_under(SpeakerClock::Hidden, 60, RoomSpeakerClock::Hidden)]
    #[case::hidden_over(SpeakerClock::Hidden, 150, RoomSpeakerClock::Hidden)]
    #[case::cue_under(SpeakerClock::Cue, 119, RoomSpeakerClock::Cue { time_up: false })]
    #[case::cue_over(SpeakerClock::Cue, 120, RoomSpeakerClock::Cue { time_up: true })]
    #[case::shown(SpeakerClock::Shown, 150, RoomSpeakerClock::Shown {
        spoken: TimeDelta::seconds(150),
        limit: Some(TimeDelta::seconds(120)),
    })]
    fn the_plan_chooses_what_the_room_sees_of_a_speakers_time(
        #[case] choice: SpeakerClock,
        #[case] secs: i64,
        #[case] expected: RoomSpeakerClock,
    ) {
        let mut state = state(QueuePolicy::FirstCome);
        state.speaker_clock = choice;
        state.start_turn("ab", Hand::Normal, t(0));
        let speaker = state.room(&cohort(), t(secs)).speaker.unwrap();
        assert_eq!(speaker.clock, expected);
    }

    #[test]
    fn a_turn_takes_the_speaker_off_the_queue_and_ends_the_one_before() {
        let mut state = after_bernd(QueuePolicy::FirstCome);
        state.start_turn("ab", Hand::Normal, t(100));
        state.start_turn("cc", Hand::Normal, t(160));
        assert_eq!(order(&state), ["bb", "dd"]);
        assert_eq!(state.turns[1].ended, Some(t(160)));
        assert_eq!(state.speaking().map(|turn| &turn.speaker), Some(&Speaker::from("cc")));
        let talk = state.talk_time(t(190));
        assert_eq!(talk["ab"], TimeDelta::seconds(60));
        assert_eq!(talk["bb"], TimeDelta::seconds(60));
        assert_eq!(talk["cc"], TimeDelta::seconds(30));
    }

    #[test]
    fn moving_and_withdrawing_change_the_order_of_arrival() {
        let mut state = after_bernd(QueuePolicy::FirstCome);
        state.move_to("dd", 0);
        state.withdraw("bb");
        assert_eq!(order(&state), ["dd", "ab", "cc"]);
    }

    #[rstest]
    #[case("Pilot vorbereiten @cc 31.12.2022", "Pilot vorbereiten", Some("cc"), Some((2022, 12, 31)))]
    #[case("Pilot vorbereiten @Dahl 15.1.", "Pilot vorbereiten", Some("dd"), Some((2022, 1, 15)))]
    #[case("Bericht an die AL-Runde @Referat 2023-02-01", "Bericht an die AL-Runde", Some("Referat"), Some((2023, 2, 1)))]
    #[case("Termin finden", "Termin finden", None, None)]
    fn action_items_take_an_owner_and_a_due_date(
        #[case] input: &str,
        #[case] text: &str,
        #[case] owner: Option<&str>,
        #[case] due: Option<(i32, u32, u32)>,
    ) {
        let today = NaiveDate::from_ymd_opt(2022, 11, 28).unwrap();
        assert_eq!(
            parse_action(input, &cohort(), today),
            Capture::Action {
                text: text.into(),
                owner: owner.map(String::from),
                due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            }
        );
    }

    #[test]
    fn a_few_letters_find_a_participant() {
        let cohort = cohort();
        assert_eq!(find_participant("CC", &cohort).map(|p| p.id.as_str()), Some("cc"));
        assert_eq!(find_participant("conr", &cohort).map(|p| p.id.as_str()), Some("cc"));
        // "a" is in every name: no single match.
        assert_eq!(find_participant("a", &cohort).map(|p| p.id.as_str()), None);
    }

    #[test]
    fn a_participant_stays_under_participant_in_the_log_and_a_guest_goes_under_guest() {
        let participant = Change::HandRaised { speaker: "p01".into(), hand: Hand::Normal };
        let guest =
            Change::TurnStarted { speaker: Speaker::Guest("Frau Dr. Gast".into()), hand: Hand::Reply };
        let written = serde_json::to_string(&participant).unwrap();
        // Exactly what logs have always held, so older logs read unchanged.
        assert_eq!(written, r#"{"change":"hand_raised","participant":"p01","hand":"normal"}"#);
        assert_eq!(
            serde_json::to_string(&guest).unwrap(),
            r#"{"change":"turn_started","guest":"Frau Dr. Gast","hand":"reply"}"#
        );
        for change in [participant, guest] {
            let read: Change = serde_json::from_str(&serde_json::to_string(&change).unwrap()).unwrap();
            assert_eq!(read, change);
        }
        let nobody = serde_json::from_str::<Change>(r#"{"change":"hand_withdrawn"}"#);
        assert!(nobody.is_err(), "{nobody:?}");
    }

    #[rstest]
    #[case::empty("  ")]
    #[case::a_name_of_the_cohort("carla conrad")]
    #[case::an_id_of_the_cohort("cc")]
    fn a_guest_is_never_someone_of_the_cohort(#[case] name: &str) {
        let cohort = cohort();
        let absent = ["cc".to_string()].into();
        let cx = Context { block: "b", cohort: &cohort, absent: &absent };
        let raise = Command::RaiseGuest { name: name.into(), hand: Hand::Normal };
        assert_eq!(state(QueuePolicy::FirstCome).decide(&cx, &raise, t(0)), Err(Refusal::NotAGuestName));
    }

    #[test]
    fn a_guest_named_like_an_id_is_not_that_participant() {
        let mut state = state(QueuePolicy::FirstTimeFirst);
        state.start_turn(Speaker::Guest("zz".into()), Hand::Normal, t(0));
        state.raise(Speaker::Guest("zz".into()), Hand::Normal, t(30));
        state.raise("ab", Hand::Normal, t(31));
        assert!(!state.has_spoken("zz") && !state.is_queued("zz"));
        assert!(state.talk_time(t(60)).is_empty(), "a guest counts in no participant's talk time");
        // The guest has spoken, Anna has not: first-time speakers first puts Anna ahead.
        assert_eq!(order(&state), ["ab", "zz"]);
        let room = state.room(&cohort(), t(60));
        assert_eq!(room.speaker.map(|speaker| speaker.person.organisation), Some(String::new()));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// What the facilitator does to the floor and to the block's timer.
        #[derive(Debug, Clone, Copy)]
        enum Step {
            Give(usize),
            End,
            Pause,
            Resume,
        }

        fn step() -> impl Strategy<Value = Step> {
            prop_oneof![
                4 => (0usize..4).prop_map(Step::Give),
                2 => Just(Step::End),
                1 => Just(Step::Pause),
                1 => Just(Step::Resume),
            ]
        }

        fn command() -> impl Strategy<Value = Command> {
            let who = prop_oneof![Just("ab"), Just("bb"), Just("cc"), Just("dd"), Just("zz")]
                .prop_map(String::from);
            let hand = prop_oneof![Just(Hand::Normal), Just(Hand::Reply), Just(Hand::PointOfOrder)];
            // Guests named like a participant's id, so a mix-up would show.
            let speaker = prop_oneof![
                who.clone().prop_map(Speaker::Participant),
                who.clone().prop_map(Speaker::Guest),
            ];
            let policy = prop_oneof![
                Just(QueuePolicy::FirstCome),
                Just(QueuePolicy::FirstTimeFirst),
                Just(QueuePolicy::Alternate)
            ];
            prop_oneof![
                4 => (who.clone(), hand.clone()).prop_map(|(participant, hand)| Command::Raise { participant, hand }),
                1 => (who.clone(), "[A-Za-z ]{0,6}").prop_map(|(id, name)| Command::RaiseGuest { name: format!("{id}{name}"), hand: Hand::Normal }),
                1 => speaker.clone().prop_map(|speaker| Command::Withdraw { speaker }),
                1 => (speaker, any::<bool>()).prop_map(|(speaker, earlier)| Command::MoveHand { speaker, earlier }),
                3 => Just(Command::CallNext),
                1 => Just(Command::EndTurn),
                1 => policy.prop_map(Command::SetPolicy),
                1 => any::<bool>().prop_map(Command::NextQuestion),
                1 => "[a-z ]{0,8}".prop_map(|text| Command::Capture(Capture::Parked { text })),
            ]
        }

        proptest! {
            /// The generic property of every method, for the discussion.
            #[test]
            fn replaying_a_discussion_gives_the_live_state(
                steps in prop::collection::vec((0i64..200, command()), 0..50),
            ) {
                let cohort = cohort();
                let absent = ["dd".to_string()].into();
                let cx = Context { block: "b", cohort: &cohort, absent: &absent };
                crate::core::method::assert_replay_equals_live(&state(QueuePolicy::FirstCome), &cx, &steps);
            }

            /// Talk time is the time each person held the floor while the
            /// block's timer ran: computed here by walking the timeline second
            /// by second, independently of how the state keeps its turns.
            #[test]
            fn talk_time_is_the_floor_held_while_the_block_ran(
                steps in prop::collection::vec((1i64..300, step()), 0..40),
                tail in 0i64..200,
            ) {
                let ids = ["ab", "bb", "cc", "dd"];
                let mut state = state(QueuePolicy::FirstCome);
                let mut now = t(0);
                let mut floor: Option<usize> = None;
                let mut running = true;
                let mut expected = [0i64; 4];
                for (gap, step) in steps {
                    if let (Some(who), true) = (floor, running) {
                        expected[who] += gap;
                    }
                    now += TimeDelta::seconds(gap);
                    match step {
                        Step::Give(who) => {
                            state.apply(&Change::TurnStarted { speaker: ids[who].into(), hand: Hand::Normal }, now);
                            floor = Some(who);
                        }
                        Step::End => {
                            state.apply(&Change::TurnEnded, now);
                            floor = None;
                        }
                        Step::Pause => {
                            state.block_clock(BlockClock::Paused, now);
                            running = false;
                        }
                        Step::Resume => {
                            state.block_clock(BlockClock::Running, now);
                            running = true;
                        }
                    }
                }
                if let (Some(who), true) = (floor, running) {
                    expected[who] += tail;
                }
                let talk = state.talk_time(now + TimeDelta::seconds(tail));
                for (who, id) in ids.iter().enumerate() {
                    let spoken = talk.get(id).map_or(0, |spoken| spoken.num_seconds());
                    prop_assert_eq!(spoken, expected[who], "talk time of {}", id);
                }
                // Turns never overlap: one speaker at a time.
                for pair in state.turns.windows(2) {
                    prop_assert!(pair[0].ended.is_some_and(|ended| ended <= pair[1].started));
                }
            }
        }
    }
}
