//! Reflection: silent reflection, think–pair–share, 1-2-4-all, Blitzlicht,
//! one-minute paper, check-in and check-out as phases with their own times
//! (from `assets/methods/reflection.toml`); the Blitzlicht round with its
//! recorded order, passes, late arrivals and each person's micro-timer; and
//! the takeaways the facilitator writes down, of which transfer commitments
//! are picked up at the next station's check-in.

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::catalogue::{self, MethodContent, Texts};
use super::discussion::RoomPerson;
use super::event::Event;
use super::history::History;
use super::method::{BlockClock, Context, Method, MethodEvent, MethodKind};
use super::seeded::Seeded;
use super::timer::saturating_add;
use crate::plan::{Participant, Reflection, ReflectionFormat, RoundOrder};

/// A clock that stands still while its block is paused: a phase's or a speaker's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopwatch {
    started: Timestamp,
    ended: Option<Timestamp>,
    /// Time paused before the latest pause.
    paused: TimeDelta,
    /// When the current pause began, if paused.
    paused_since: Option<Timestamp>,
}

impl Stopwatch {
    fn start(at: Timestamp, running: bool) -> Stopwatch {
        let paused_since = (!running).then_some(at);
        Stopwatch { started: at, ended: None, paused: TimeDelta::zero(), paused_since }
    }

    /// When it started.
    pub fn started(&self) -> Timestamp {
        self.started
    }

    /// How long it has run by `now` (or ran, once stopped), pauses left out.
    pub fn length(&self, now: Timestamp) -> TimeDelta {
        let end = self.ended.unwrap_or(now).max(self.started);
        let pausing =
            self.paused_since.map_or(TimeDelta::zero(), |since| (end - since).max(TimeDelta::zero()));
        (end - self.started - self.paused - pausing).max(TimeDelta::zero())
    }

    pub fn is_stopped(&self) -> bool {
        self.ended.is_some()
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

    fn stop(&mut self, at: Timestamp) {
        if self.ended.is_none() {
            let end = at.max(self.started);
            self.resume(end);
            self.ended = Some(end);
        }
    }

    /// Runs on from where it stopped: the time since counts as a pause.
    fn reopen(&mut self, at: Timestamp, running: bool) {
        if let Some(ended) = self.ended.take() {
            self.paused = saturating_add(self.paused, (at - ended).max(TimeDelta::zero()));
            if !running {
                self.paused_since = Some(at.max(ended));
            }
        }
    }
}

/// One phase of a format as this block runs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub name: Texts,
    pub task: Texts,
    /// The prompts shown in this phase.
    pub prompts: Vec<Texts>,
    pub time: TimeDelta,
    /// Everyone speaks in turn: a Blitzlicht round.
    pub round: bool,
}

/// The phases a reflection block runs, from its plan and the format's content.
pub fn phases(plan: &Reflection, content: &MethodContent) -> Vec<Phase> {
    let Some(format) = content.format(plan.format.key()) else { return Vec::new() };
    let prompts: Vec<Texts> = if plan.prompts.is_empty() {
        let set = plan.prompt_set.as_deref().unwrap_or(&format.prompt_set);
        content.prompt_set(set).map(|set| set.prompts.clone()).unwrap_or_default()
    } else {
        plan.prompts.iter().map(|own| Texts { de: own.clone(), en: own.clone() }).collect()
    };
    let minutes = |minutes: u32| TimeDelta::minutes(i64::from(minutes));
    let mut phases: Vec<Phase> = Vec::new();
    for phase in &format.phases {
        let one_by_one =
            plan.format == ReflectionFormat::Silent && !plan.prompts_at_once && prompts.len() > 1;
        if one_by_one {
            // Each prompt its own share of the phase, a minute at least.
            let share = (minutes(phase.minutes) / i32::try_from(prompts.len()).unwrap_or(1))
                .max(TimeDelta::minutes(1));
            phases.extend(prompts.iter().map(|prompt| Phase {
                name: phase.name.clone(),
                task: phase.task.clone(),
                prompts: vec![prompt.clone()],
                time: share,
                round: phase.round,
            }));
        } else {
            phases.push(Phase {
                name: phase.name.clone(),
                task: phase.task.clone(),
                prompts: prompts.clone(),
                time: minutes(phase.minutes),
                round: phase.round && plan.blitzlicht != Some(false),
            });
        }
    }
    // `blitzlicht = true` closes a format without a round with one.
    let closing = content.format(ReflectionFormat::Blitzlicht.key()).and_then(|f| f.phases.first());
    if plan.blitzlicht == Some(true)
        && !phases.iter().any(|phase| phase.round)
        && let Some(round) = closing
    {
        phases.push(Phase {
            name: round.name.clone(),
            task: round.task.clone(),
            prompts: prompts.clone(),
            time: minutes(round.minutes),
            round: true,
        });
    }
    for (phase, secs) in phases.iter_mut().zip(&plan.times_secs) {
        phase.time = TimeDelta::seconds(i64::from(*secs));
    }
    phases
}

/// How many times `times` must give for this plan: one per phase.
pub fn timed_phases(plan: &Reflection, content: &MethodContent) -> usize {
    phases(&Reflection { times_secs: Vec::new(), ..plan.clone() }, content).len()
}

/// One person's turn in a Blitzlicht round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundTurn {
    pub participant: String,
    /// The micro-timer: stands still while the block is paused.
    pub clock: Stopwatch,
    pub passed: bool,
}

/// A Blitzlicht round: its recorded order and every turn so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    pub order: Vec<String>,
    /// The seed that shuffled it, for a shuffled order.
    pub seed: Option<u64>,
    pub turns: Vec<RoundTurn>,
}

/// Something the facilitator wrote down: an insight, a quote, a transfer
/// commitment ("bis Köln probiere ich …", which has an owner).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Takeaway {
    pub text: String,
    /// The participant it is attributed to; none for an anonymous one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// A transfer commitment, picked up at the next station's check-in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub commitment: bool,
    /// Marked for the protocol.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub protocol: bool,
}

/// A takeaway with when it was written down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub at: Timestamp,
    pub takeaway: Takeaway,
    /// Taken back (undone); it stays in the log but counts no more.
    pub retracted: bool,
}

/// What the facilitator does in a reflection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Enter: the next person of the round (the round is ordered first, with
    /// `seed` if it is shuffled), else the next phase.
    Next {
        seed: u64,
    },
    /// The speaker passes; the next person follows.
    Pass,
    /// The turn before again, else the phase before.
    Back,
    Note(Takeaway),
    /// Mark a takeaway (by its place) for the protocol, or not.
    MarkForProtocol {
        index: usize,
        protocol: bool,
    },
    /// Show a takeaway to the room, or none.
    Show(Option<usize>),
}

/// What a reflection records: the `change` of a `{"type":"reflection"}` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Another phase (or prompt) began.
    PhaseShown {
        index: usize,
    },
    /// The order of the Blitzlicht round was decided (with the seed of a shuffle).
    RoundOrdered {
        order: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seed: Option<u64>,
    },
    /// The round's order was forgotten (stepped back before anyone spoke).
    RoundCleared,
    /// A person got their turn; the turn before, if still on, ends as spoken.
    TurnStarted {
        participant: String,
    },
    /// The speaker passed.
    Passed,
    /// The speaker finished and nobody was left.
    TurnEnded,
    /// The last turn was taken back (a step back).
    TurnWithdrawn,
    /// The last turn goes on (a step back to it).
    TurnReopened,
    /// A takeaway was written down.
    Noted {
        takeaway: Takeaway,
    },
    /// A takeaway (by its place) was taken back.
    Retracted {
        index: usize,
    },
    Marked {
        index: usize,
        protocol: bool,
    },
    /// The room sees this takeaway, or none.
    Shown {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        index: Option<usize>,
    },
}

/// Why a reflection command changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Refusal {
    /// Nobody of the cohort is here for a round.
    NobodyPresent,
    /// Everyone has had their turn and no phase follows.
    RoundComplete,
    LastPhase,
    FirstPhase,
    NobodySpeaking,
    EmptyTakeaway,
    /// A transfer commitment needs someone of the cohort who commits to it.
    CommitmentWithoutOwner,
    UnknownParticipant,
    NoSuchTakeaway,
}

/// A reflection block as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub format: ReflectionFormat,
    pub phases: Vec<Phase>,
    /// The phase on screen.
    pub phase: usize,
    /// Each phase's clock that has run, from the block's first start or the
    /// phase's beginning; a phase returned to runs on from where it stood.
    clocks: BTreeMap<usize, Stopwatch>,
    /// Each person's micro-timer in a round.
    pub turn_time: TimeDelta,
    pub order_rule: RoundOrder,
    pub round: Option<Round>,
    pub takeaways: Vec<Taken>,
    /// The takeaway the room sees, if the facilitator shows one.
    pub shown: Option<usize>,
    running: bool,
}

impl State {
    pub fn new(plan: &Reflection) -> State {
        let phases = catalogue::method(MethodKind::Reflection)
            .map(|content| phases(plan, content))
            .unwrap_or_default();
        State {
            format: plan.format,
            phases,
            phase: 0,
            clocks: BTreeMap::new(),
            turn_time: TimeDelta::seconds(i64::from(plan.turn_secs)),
            order_rule: plan.order,
            round: None,
            takeaways: Vec::new(),
            shown: None,
            running: false,
        }
    }

    pub fn current_phase(&self) -> Option<&Phase> {
        self.phases.get(self.phase)
    }

    /// How long the phase on screen has run by `now`.
    pub fn phase_elapsed(&self, now: Timestamp) -> TimeDelta {
        self.clocks.get(&self.phase).map_or(TimeDelta::zero(), |clock| clock.length(now))
    }

    /// What is left of the phase's time (negative once over).
    pub fn phase_remaining(&self, now: Timestamp) -> TimeDelta {
        self.current_phase().map_or(TimeDelta::zero(), |phase| phase.time - self.phase_elapsed(now))
    }

    /// Whether the phase on screen is a Blitzlicht round.
    pub fn in_round(&self) -> bool {
        self.current_phase().is_some_and(|phase| phase.round)
    }

    /// The turn in progress.
    pub fn speaking(&self) -> Option<&RoundTurn> {
        self.round.as_ref()?.turns.last().filter(|turn| !turn.clock.is_stopped())
    }

    /// Who speaks after the current speaker, in order: the recorded order
    /// (skipping who is absent now), then late arrivals in the cohort's order,
    /// then those who passed, asked once more.
    pub fn queue<'a>(&'a self, cx: &Context<'a>) -> Vec<&'a str> {
        let Some(round) = &self.round else { return Vec::new() };
        let turns = |id: &str| round.turns.iter().filter(|turn| turn.participant == id).count();
        let mut queue: Vec<&str> =
            round.order.iter().map(String::as_str).filter(|id| cx.is_present(id) && turns(id) == 0).collect();
        queue.extend(
            cx.cohort
                .iter()
                .map(|p| p.id.as_str())
                .filter(|id| !round.order.iter().any(|o| o == id) && cx.is_present(id) && turns(id) == 0),
        );
        let speaking = self.speaking().map(|turn| turn.participant.as_str());
        for turn in &round.turns {
            let id = turn.participant.as_str();
            let again = turn.passed && turns(id) == 1 && cx.is_present(id) && Some(id) != speaking;
            if again && !queue.contains(&id) {
                queue.push(id);
            }
        }
        queue
    }

    /// Who has had a turn (spoken or passed) and how many are in the round.
    pub fn progress(&self, cx: &Context) -> (usize, usize) {
        let Some(round) = &self.round else { return (0, 0) };
        let mut had: Vec<&str> = round.turns.iter().map(|turn| turn.participant.as_str()).collect();
        had.sort_unstable();
        had.dedup();
        let waiting = self.queue(cx).iter().filter(|id| !had.contains(id)).count();
        (had.len(), had.len() + waiting)
    }

    /// The order a new round takes for who is here: seating (the cohort's
    /// order in the plan), alphabetical by name, or shuffled with `seed`.
    fn order(&self, cx: &Context, seed: u64) -> Vec<String> {
        let mut present: Vec<&Participant> = cx.cohort.iter().filter(|p| cx.is_present(&p.id)).collect();
        match self.order_rule {
            RoundOrder::Seating => {}
            // By surname, as a German list goes: "Dr. Birgit Theissen" under T.
            RoundOrder::Alphabetical => present.sort_by_key(|p| {
                let surname = p.name.split_whitespace().last().unwrap_or_default().to_lowercase();
                (surname, p.name.to_lowercase())
            }),
            RoundOrder::Shuffled => Seeded::new(seed).shuffle(&mut present),
        }
        present.into_iter().map(|p| p.id.clone()).collect()
    }

    /// Talk time in the round per participant by `now`; a pass is no talk.
    pub fn talk_time(&self, now: Timestamp) -> BTreeMap<&str, TimeDelta> {
        let mut totals: BTreeMap<&str, TimeDelta> = BTreeMap::new();
        for turn in self.round.iter().flat_map(|round| &round.turns).filter(|turn| !turn.passed) {
            let total = totals.entry(turn.participant.as_str()).or_insert_with(TimeDelta::zero);
            *total = saturating_add(*total, turn.clock.length(now));
        }
        totals
    }

    /// The takeaways that count (not taken back), with their places.
    pub fn noted(&self) -> impl Iterator<Item = (usize, &Taken)> {
        self.takeaways.iter().enumerate().filter(|(_, taken)| !taken.retracted)
    }

    /// A calm phase whose time has run out: the console rings once for it.
    pub fn phase_over(&self, now: Timestamp) -> Option<usize> {
        (self.clocks.contains_key(&self.phase) && self.phase_remaining(now) <= TimeDelta::zero())
            .then_some(self.phase)
    }

    /// What the room may see: the phase, its prompts and calm clock, the round's
    /// speaker and who is next, and a takeaway only when the facilitator shows one.
    pub fn room(&self, cx: &Context, now: Timestamp) -> Room {
        let person = |id: &str| {
            let found = cx.cohort.iter().find(|p| p.id == id);
            RoomPerson {
                name: found.map_or_else(|| id.to_string(), |p| p.name.clone()),
                organisation: found.map(|p| p.organisation.clone()).unwrap_or_default(),
            }
        };
        let format = catalogue::method(MethodKind::Reflection)
            .and_then(|content| content.format(self.format.key()))
            .map(|format| format.name.clone());
        let round = self.in_round().then(|| {
            let (done, of) = self.progress(cx);
            RoomRound {
                speaker: self.speaking().map(|turn| RoomTurn { person: person(&turn.participant) }),
                next: self.queue(cx).into_iter().take(ROOM_NEXT).map(person).collect(),
                started: self.round.is_some(),
                done,
                of,
            }
        });
        Room {
            format,
            phase: self.current_phase().map(|phase| RoomPhase {
                number: self.phase + 1,
                of: self.phases.len(),
                name: phase.name.clone(),
                task: phase.task.clone(),
                prompts: phase.prompts.clone(),
                remaining: self.phase_remaining(now),
            }),
            round,
            takeaway: self
                .shown
                .and_then(|index| self.takeaways.get(index))
                .filter(|taken| !taken.retracted)
                .map(|taken| taken.takeaway.text.clone()),
        }
    }

    fn start_phase(&mut self, index: usize, at: Timestamp) {
        if let Some(left) = self.clocks.get_mut(&self.phase) {
            left.stop(at);
        }
        self.phase = index;
        let running = self.running;
        match self.clocks.get_mut(&index) {
            Some(returned_to) => returned_to.reopen(at, running),
            None => {
                self.clocks.insert(index, Stopwatch::start(at, running));
            }
        }
    }

    fn end_turn(&mut self, at: Timestamp, passed: bool) {
        if let Some(turn) = self
            .round
            .as_mut()
            .and_then(|round| round.turns.last_mut())
            .filter(|turn| !turn.clock.is_stopped())
        {
            turn.clock.stop(at);
            turn.passed = passed;
        }
    }

    /// After the current speaker: the next one, else the end of the round, else the next phase.
    fn next_changes(&self, cx: &Context, seed: u64) -> Result<Vec<Change>, Refusal> {
        if self.in_round() {
            let Some(_) = &self.round else {
                let order = self.order(cx, seed);
                let first = order.first().cloned().ok_or(Refusal::NobodyPresent)?;
                let seed = (self.order_rule == RoundOrder::Shuffled).then_some(seed);
                return Ok(vec![
                    Change::RoundOrdered { order, seed },
                    Change::TurnStarted { participant: first },
                ]);
            };
            if let Some(next) = self.queue(cx).first() {
                return Ok(vec![Change::TurnStarted { participant: next.to_string() }]);
            }
            if self.speaking().is_some() {
                return Ok(vec![Change::TurnEnded]);
            }
        }
        if self.phase + 1 < self.phases.len() {
            Ok(vec![Change::PhaseShown { index: self.phase + 1 }])
        } else if self.in_round() {
            Err(Refusal::RoundComplete)
        } else {
            Err(Refusal::LastPhase)
        }
    }
}

/// How many of those next the room sees.
const ROOM_NEXT: usize = 3;

/// The public part of a reflection: never a takeaway unless one is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// The format's name in both languages (the room picks its own).
    pub format: Option<Texts>,
    pub phase: Option<RoomPhase>,
    pub round: Option<RoomRound>,
    /// The takeaway the facilitator shows on purpose.
    pub takeaway: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomPhase {
    /// 1-based.
    pub number: usize,
    pub of: usize,
    pub name: Texts,
    pub task: Texts,
    pub prompts: Vec<Texts>,
    /// What is left of the phase (negative once over: the room then reads "Zeit").
    pub remaining: TimeDelta,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomRound {
    pub speaker: Option<RoomTurn>,
    pub next: Vec<RoomPerson>,
    /// The order is decided (the first person was called).
    pub started: bool,
    /// How many have had their turn, of how many.
    pub done: usize,
    pub of: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomTurn {
    /// Who speaks. Their time is the facilitator's cue, never the room's.
    pub person: RoomPerson,
}

impl Method for State {
    type Command = Command;
    type Change = Change;
    type Refusal = Refusal;

    fn decide(&self, cx: &Context, command: &Command, now: Timestamp) -> Result<Vec<Change>, Refusal> {
        match command {
            Command::Next { seed } => self.next_changes(cx, *seed),
            Command::Pass => {
                let passer = self.speaking().ok_or(Refusal::NobodySpeaking)?.participant.as_str();
                let mut passed = self.clone();
                passed.end_turn(now, true);
                let mut changes = vec![Change::Passed];
                // Who passes is asked again at the end, not at once.
                let next = passed.queue(cx).into_iter().find(|id| *id != passer).map(str::to_string);
                if let Some(participant) = next {
                    changes.push(Change::TurnStarted { participant });
                }
                Ok(changes)
            }
            Command::Back => {
                if self.in_round()
                    && let Some(round) = &self.round
                {
                    return Ok(match (self.speaking(), round.turns.len()) {
                        (Some(_), 1) => vec![Change::TurnWithdrawn],
                        (Some(_), _) => vec![Change::TurnWithdrawn, Change::TurnReopened],
                        (None, 0) => vec![Change::RoundCleared],
                        (None, _) => vec![Change::TurnReopened],
                    });
                }
                match self.phase.checked_sub(1) {
                    Some(index) => Ok(vec![Change::PhaseShown { index }]),
                    None => Err(Refusal::FirstPhase),
                }
            }
            Command::Note(takeaway) => {
                let text = takeaway.text.trim();
                if text.is_empty() {
                    return Err(Refusal::EmptyTakeaway);
                }
                match &takeaway.owner {
                    Some(owner) if !cx.is_known(owner) => return Err(Refusal::UnknownParticipant),
                    None if takeaway.commitment => return Err(Refusal::CommitmentWithoutOwner),
                    Some(_) | None => {}
                }
                Ok(vec![Change::Noted { takeaway: Takeaway { text: text.to_string(), ..takeaway.clone() } }])
            }
            Command::MarkForProtocol { index, protocol } => {
                self.noted().find(|(at, _)| at == index).ok_or(Refusal::NoSuchTakeaway)?;
                Ok(vec![Change::Marked { index: *index, protocol: *protocol }])
            }
            Command::Show(index) => {
                if let Some(index) = index {
                    self.noted().find(|(at, _)| at == index).ok_or(Refusal::NoSuchTakeaway)?;
                }
                Ok(vec![Change::Shown { index: *index }])
            }
        }
    }

    fn apply(&mut self, change: &Change, at: Timestamp) {
        match change {
            // A log edited by hand may name a phase the block does not have.
            Change::PhaseShown { index } if *index < self.phases.len() => self.start_phase(*index, at),
            Change::PhaseShown { .. } => {}
            Change::RoundOrdered { order, seed } => {
                self.round = Some(Round { order: order.clone(), seed: *seed, turns: Vec::new() })
            }
            Change::RoundCleared => self.round = None,
            Change::TurnStarted { participant } => {
                self.end_turn(at, false);
                let running = self.running;
                if let Some(round) = &mut self.round {
                    round.turns.push(RoundTurn {
                        participant: participant.clone(),
                        clock: Stopwatch::start(at, running),
                        passed: false,
                    });
                }
            }
            Change::Passed => self.end_turn(at, true),
            Change::TurnEnded => self.end_turn(at, false),
            Change::TurnWithdrawn => {
                if let Some(round) = &mut self.round {
                    round.turns.pop();
                }
            }
            Change::TurnReopened => {
                let running = self.running;
                if let Some(turn) = self.round.as_mut().and_then(|round| round.turns.last_mut()) {
                    turn.clock.reopen(at, running);
                    turn.passed = false;
                }
            }
            Change::Noted { takeaway } => {
                self.takeaways.push(Taken { at, takeaway: takeaway.clone(), retracted: false })
            }
            Change::Retracted { index } => {
                if let Some(taken) = self.takeaways.get_mut(*index) {
                    taken.retracted = true;
                }
            }
            Change::Marked { index, protocol } => {
                if let Some(taken) = self.takeaways.get_mut(*index) {
                    taken.takeaway.protocol = *protocol;
                }
            }
            Change::Shown { index } => self.shown = *index,
        }
    }

    fn inverse(&self, change: &Change) -> Option<Vec<Change>> {
        let last = self.round.as_ref().and_then(|round| round.turns.last());
        Some(match change {
            Change::PhaseShown { .. } => vec![Change::PhaseShown { index: self.phase }],
            Change::RoundOrdered { .. } => vec![Change::RoundCleared],
            Change::RoundCleared => {
                let round = self.round.as_ref()?;
                vec![Change::RoundOrdered { order: round.order.clone(), seed: round.seed }]
            }
            Change::TurnStarted { .. } => match self.speaking() {
                Some(_) => vec![Change::TurnWithdrawn, Change::TurnReopened],
                None => vec![Change::TurnWithdrawn],
            },
            Change::Passed | Change::TurnEnded => vec![Change::TurnReopened],
            Change::TurnWithdrawn => vec![Change::TurnStarted { participant: last?.participant.clone() }],
            Change::TurnReopened => match last {
                Some(turn) if turn.passed => vec![Change::Passed],
                Some(_) | None => vec![Change::TurnEnded],
            },
            Change::Noted { .. } => vec![Change::Retracted { index: self.takeaways.len() }],
            Change::Marked { index, .. } => {
                let taken = self.takeaways.get(*index)?;
                vec![Change::Marked { index: *index, protocol: taken.takeaway.protocol }]
            }
            Change::Shown { .. } => vec![Change::Shown { index: self.shown }],
            // What was taken back stays taken back; its `Noted` is in the log.
            Change::Retracted { .. } => return None,
        })
    }

    fn block_clock(&mut self, clock: BlockClock, at: Timestamp) {
        let turn = self.round.as_mut().and_then(|round| round.turns.last_mut());
        match clock {
            BlockClock::Running => {
                self.running = true;
                if let Some(turn) = turn {
                    turn.clock.resume(at);
                }
                match self.clocks.get_mut(&self.phase) {
                    Some(phase) => phase.resume(at),
                    // The first phase begins with the block.
                    None => {
                        self.clocks.insert(self.phase, Stopwatch::start(at, true));
                    }
                }
            }
            BlockClock::Paused => {
                self.running = false;
                if let Some(turn) = turn {
                    turn.clock.pause(at);
                }
                if let Some(phase) = self.clocks.get_mut(&self.phase) {
                    phase.pause(at);
                }
            }
            // Leaving the block ends its turn; its phase clock stands still.
            BlockClock::Left => {
                self.running = false;
                self.end_turn(at, false);
                if let Some(phase) = self.clocks.get_mut(&self.phase) {
                    phase.pause(at);
                }
            }
        }
    }
}

/// A transfer commitment recorded at an earlier station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commitment {
    pub station: String,
    pub date: NaiveDate,
    pub participant: String,
    pub text: String,
}

/// Every transfer commitment of the journey's earlier stations that still
/// counts (not taken back, its block not unstarted), in the order they were made.
pub fn commitments(history: &History) -> Vec<Commitment> {
    let mut found = Vec::new();
    for station in &history.stations {
        // Per block: its takeaways in order, as the block's state numbers them.
        let mut blocks: BTreeMap<&str, Vec<Option<Takeaway>>> = BTreeMap::new();
        let mut order: Vec<(&str, usize)> = Vec::new();
        for envelope in &station.events {
            match &envelope.event {
                Event::Method(MethodEvent::Reflection { block, change }) => {
                    let noted = blocks.entry(block.as_str()).or_default();
                    match change {
                        Change::Noted { takeaway } => {
                            order.push((block.as_str(), noted.len()));
                            noted.push(Some(takeaway.clone()));
                        }
                        Change::Retracted { index } => {
                            if let Some(taken) = noted.get_mut(*index) {
                                *taken = None;
                            }
                        }
                        Change::PhaseShown { .. }
                        | Change::RoundOrdered { .. }
                        | Change::RoundCleared
                        | Change::TurnStarted { .. }
                        | Change::Passed
                        | Change::TurnEnded
                        | Change::TurnWithdrawn
                        | Change::TurnReopened
                        | Change::Marked { .. }
                        | Change::Shown { .. } => {}
                    }
                }
                // A block unstarted forgets its method state, takeaways included.
                // Its next start numbers its takeaways from 0 again.
                Event::BlockUnstarted { block } => {
                    blocks.remove(block.as_str());
                    order.retain(|(noted_in, _)| noted_in != block);
                }
                Event::Method(
                    MethodEvent::Discussion { .. }
                    | MethodEvent::Consultation { .. }
                    | MethodEvent::Exchange { .. },
                )
                | Event::StationStarted { .. }
                | Event::StationResumed
                | Event::ScheduleAnchored { .. }
                | Event::BlockStarted { .. }
                | Event::BlockPaused { .. }
                | Event::BlockResumed { .. }
                | Event::BlockExtended { .. }
                | Event::BlockShortened { .. }
                | Event::BlockCompleted { .. }
                | Event::BlockSkipped { .. }
                | Event::BlockRestored { .. }
                | Event::BlockReturned { .. }
                | Event::AgendaChanged { .. }
                | Event::AttendanceChanged { .. }
                | Event::SceneChanged { .. }
                | Event::NoteAdded { .. }
                | Event::Undone { .. } => {}
            }
        }
        for (block, index) in order {
            let taken = blocks.get(block).and_then(|noted| noted.get(index)).and_then(Option::as_ref);
            if let Some(Takeaway { text, owner: Some(owner), commitment: true, .. }) = taken {
                found.push(Commitment {
                    station: station.id.clone(),
                    date: station.date,
                    participant: owner.clone(),
                    text: text.clone(),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::event::Envelope;
    use crate::core::history::PastStation;
    use chrono::DateTime;
    use rstest::rstest;

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

    /// Seated as listed: Dieter, Anna, Carla, Bernd.
    fn cohort() -> Vec<Participant> {
        vec![
            person("dd", "Dieter Dahl"),
            person("ab", "Prof. Anna Albers"),
            person("cc", "Carla Conrad"),
            person("bb", "Bernd Bauer"),
        ]
    }

    fn t(secs: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T10:50:00+01:00").unwrap() + TimeDelta::seconds(secs)
    }

    fn plan(format: ReflectionFormat) -> Reflection {
        Reflection { format, ..Reflection::default() }
    }

    /// A reflection whose block has just started (at `t(0)`).
    fn started(plan: &Reflection) -> State {
        let mut state = State::new(plan);
        state.block_clock(BlockClock::Running, t(0));
        state
    }

    /// Decides and applies a command at `now`, as the session does.
    fn run(state: &mut State, cx: &Context, command: Command, now: Timestamp) -> Result<(), Refusal> {
        for change in state.decide(cx, &command, now)? {
            state.apply(&change, now);
        }
        Ok(())
    }

    fn names(phases: &[Phase]) -> Vec<(&str, i64, bool)> {
        phases.iter().map(|p| (p.name.en.as_str(), p.time.num_seconds(), p.round)).collect()
    }

    #[rstest]
    #[case::silent(ReflectionFormat::Silent, vec![("Think alone", 100, false); 3])]
    #[case::think_pair_share(ReflectionFormat::ThinkPairShare, vec![("Alone (think)", 180, false), ("In pairs (pair)", 300, false), ("Plenary (share)", 420, false)])]
    #[case::one_two_four_all(ReflectionFormat::OneTwoFourAll, vec![("1 – alone", 60, false), ("2 – in pairs", 120, false), ("4 – in fours", 240, false), ("All", 300, false)])]
    #[case::blitzlicht(ReflectionFormat::Blitzlicht, vec![("Blitzlicht round", 600, true)])]
    #[case::one_minute_paper(ReflectionFormat::OneMinutePaper, vec![("Write", 60, false)])]
    #[case::check_in(ReflectionFormat::CheckIn, vec![("Round", 600, true)])]
    #[case::check_out(ReflectionFormat::CheckOut, vec![("Round", 600, true)])]
    fn each_format_runs_its_phases_in_order_with_their_times(
        #[case] format: ReflectionFormat,
        #[case] expected: Vec<(&str, i64, bool)>,
    ) {
        let state = State::new(&plan(format));
        assert_eq!(names(&state.phases), expected);
        assert!(state.phases.iter().all(|phase| !phase.prompts.is_empty()), "every phase has its question");
    }

    #[test]
    fn a_silent_reflection_shows_its_prompts_one_after_another_or_all_at_once() {
        let own = Reflection {
            prompts: vec!["Was nehme ich mit?".into(), "Was lasse ich da?".into()],
            times_secs: vec![120, 240],
            ..plan(ReflectionFormat::Silent)
        };
        let state = State::new(&own);
        assert_eq!(state.phases.len(), 2);
        assert_eq!(state.phases[1].prompts[0].de, "Was lasse ich da?");
        assert_eq!(state.phases[1].time, TimeDelta::seconds(240));
        let together = State::new(&Reflection { prompts_at_once: true, times_secs: vec![], ..own });
        assert_eq!(together.phases.len(), 1);
        assert_eq!(together.phases[0].prompts.len(), 2);
        let gibbs =
            State::new(&Reflection { prompt_set: Some("gibbs".into()), ..plan(ReflectionFormat::Silent) });
        assert_eq!(gibbs.phases.len(), 6);
        assert!(gibbs.phases[0].prompts[0].en.starts_with("Description"));
    }

    #[test]
    fn blitzlicht_closes_a_format_or_is_left_out_of_a_check_in() {
        let closing =
            State::new(&Reflection { blitzlicht: Some(true), ..plan(ReflectionFormat::OneMinutePaper) });
        assert_eq!(names(&closing.phases), [("Write", 60, false), ("Blitzlicht round", 600, true)]);
        let popcorn = State::new(&Reflection { blitzlicht: Some(false), ..plan(ReflectionFormat::CheckIn) });
        assert!(!popcorn.phases[0].round);
    }

    #[test]
    fn phases_advance_and_go_back_and_their_clock_stands_still_while_paused() {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let mut state = started(&plan(ReflectionFormat::ThinkPairShare));
        assert_eq!(state.phase_remaining(t(60)), TimeDelta::seconds(120));
        state.block_clock(BlockClock::Paused, t(60));
        assert_eq!(state.phase_remaining(t(600)), TimeDelta::seconds(120));
        state.block_clock(BlockClock::Running, t(600));
        assert_eq!(state.phase_over(t(719)), None);
        assert_eq!(state.phase_over(t(720)), Some(0), "three minutes of thinking, the pause left out");
        run(&mut state, &cx, Command::Next { seed: 0 }, t(800)).unwrap();
        assert_eq!((state.phase, state.phase_remaining(t(860))), (1, TimeDelta::seconds(240)));
        run(&mut state, &cx, Command::Next { seed: 0 }, t(900)).unwrap();
        assert_eq!(run(&mut state, &cx, Command::Next { seed: 0 }, t(901)), Err(Refusal::LastPhase));
        run(&mut state, &cx, Command::Back, t(902)).unwrap();
        assert_eq!(state.phase, 1);
        assert_eq!(
            state.phase_remaining(t(912)),
            TimeDelta::seconds(300 - 100 - 10),
            "a phase returned to runs on from where it stood, not from the start"
        );
        run(&mut state, &cx, Command::Back, t(903)).unwrap();
        assert_eq!(run(&mut state, &cx, Command::Back, t(904)), Err(Refusal::FirstPhase));
    }

    fn speaker(state: &State) -> Option<&str> {
        state.speaking().map(|turn| turn.participant.as_str())
    }

    #[rstest]
    #[case::seating(RoundOrder::Seating, vec!["dd", "ab", "cc", "bb"])]
    // By surname: the title in front of Anna Albers does not count.
    #[case::alphabetical(RoundOrder::Alphabetical, vec!["ab", "bb", "cc", "dd"])]
    fn the_round_takes_the_order_the_plan_chose(#[case] order: RoundOrder, #[case] expected: Vec<&str>) {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let mut state = started(&Reflection { order, ..plan(ReflectionFormat::Blitzlicht) });
        run(&mut state, &cx, Command::Next { seed: 1 }, t(10)).unwrap();
        assert_eq!(state.round.as_ref().unwrap().order, expected);
        assert_eq!(state.round.as_ref().unwrap().seed, None);
    }

    #[test]
    fn a_shuffled_order_records_its_seed_and_the_same_seed_gives_the_same_order() {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let shuffled = Reflection { order: RoundOrder::Shuffled, ..plan(ReflectionFormat::Blitzlicht) };
        let changes = started(&shuffled).decide(&cx, &Command::Next { seed: 2022 }, t(0)).unwrap();
        let again = started(&shuffled).decide(&cx, &Command::Next { seed: 2022 }, t(5)).unwrap();
        assert_eq!(changes, again);
        let Change::RoundOrdered { order, seed } = &changes[0] else { panic!("{changes:?}") };
        assert_eq!(*seed, Some(2022));
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, ["ab", "bb", "cc", "dd"]);
    }

    #[test]
    fn passes_are_asked_again_at_the_end_and_late_arrivals_join_before_them() {
        let cohort = cohort();
        let mut absent: std::collections::BTreeSet<String> = ["cc".to_string()].into();
        let mut state = started(&plan(ReflectionFormat::Blitzlicht));
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        run(&mut state, &cx, Command::Next { seed: 0 }, t(10)).unwrap();
        assert_eq!(state.round.as_ref().unwrap().order, ["dd", "ab", "bb"], "Carla is not here yet");
        assert_eq!(speaker(&state), Some("dd"));
        run(&mut state, &cx, Command::Pass, t(20)).unwrap();
        assert_eq!(speaker(&state), Some("ab"), "a pass hands on to the next");
        // Carla arrives, Bernd leaves.
        absent = ["bb".to_string()].into();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        assert_eq!(state.queue(&cx), ["cc", "dd"]);
        assert_eq!(state.progress(&cx), (2, 3));
        run(&mut state, &cx, Command::Next { seed: 0 }, t(60)).unwrap();
        assert_eq!(speaker(&state), Some("cc"));
        run(&mut state, &cx, Command::Next { seed: 0 }, t(100)).unwrap();
        assert_eq!(speaker(&state), Some("dd"), "asked once more");
        run(&mut state, &cx, Command::Pass, t(105)).unwrap();
        assert_eq!(speaker(&state), None, "a second pass is final: the round is through");
        assert_eq!(state.queue(&cx), Vec::<&str>::new());
        assert_eq!(run(&mut state, &cx, Command::Next { seed: 0 }, t(110)), Err(Refusal::RoundComplete));
        let talk = state.talk_time(t(200));
        assert_eq!(talk.get("ab"), Some(&TimeDelta::seconds(40)));
        assert_eq!(talk.get("cc"), Some(&TimeDelta::seconds(40)));
        assert_eq!(talk.get("dd"), None, "passing is no talk");
    }

    #[test]
    fn a_step_back_reopens_the_turn_before_with_its_clock() {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let mut state = started(&plan(ReflectionFormat::Blitzlicht));
        run(&mut state, &cx, Command::Next { seed: 0 }, t(0)).unwrap();
        run(&mut state, &cx, Command::Next { seed: 0 }, t(30)).unwrap();
        run(&mut state, &cx, Command::Back, t(35)).unwrap();
        assert_eq!(speaker(&state), Some("dd"));
        let turn = state.speaking().unwrap();
        assert_eq!(turn.clock.length(t(45)), TimeDelta::seconds(40), "the five seconds away do not count");
        assert_eq!(state.queue(&cx)[0], "ab");
        run(&mut state, &cx, Command::Back, t(50)).unwrap();
        assert_eq!(speaker(&state), None);
        run(&mut state, &cx, Command::Back, t(51)).unwrap();
        assert_eq!(state.round, None);
    }

    #[test]
    fn a_speakers_micro_timer_stands_still_while_the_block_is_paused() {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let mut state = started(&plan(ReflectionFormat::CheckIn));
        run(&mut state, &cx, Command::Next { seed: 0 }, t(0)).unwrap();
        state.block_clock(BlockClock::Paused, t(20));
        state.block_clock(BlockClock::Running, t(300));
        let turn = state.speaking().unwrap();
        assert_eq!((turn.participant.as_str(), turn.clock.length(t(310))), ("dd", TimeDelta::seconds(30)));
        let room = state.room(&cx, t(310));
        assert_eq!(room.round.unwrap().speaker.unwrap().person.name, "Dieter Dahl");
    }

    #[test]
    fn takeaways_are_private_until_shown_and_commitments_need_an_owner() {
        let cohort = cohort();
        let absent = Default::default();
        let cx = Context { block: "r", cohort: &cohort, absent: &absent };
        let mut state = started(&plan(ReflectionFormat::Silent));
        let note = |text: &str, owner: Option<&str>, commitment| {
            Command::Note(Takeaway {
                text: text.into(),
                owner: owner.map(String::from),
                commitment,
                protocol: false,
            })
        };
        assert_eq!(run(&mut state, &cx, note("  ", None, false), t(1)), Err(Refusal::EmptyTakeaway));
        assert_eq!(
            run(&mut state, &cx, note("Pilot starten", None, true), t(1)),
            Err(Refusal::CommitmentWithoutOwner)
        );
        assert_eq!(
            run(&mut state, &cx, note("Pilot starten", Some("zz"), true), t(1)),
            Err(Refusal::UnknownParticipant)
        );
        run(&mut state, &cx, note("Mut zur Lücke", None, false), t(2)).unwrap();
        run(&mut state, &cx, note("Bis Köln: Pilot starten", Some("ab"), true), t(3)).unwrap();
        assert_eq!(state.room(&cx, t(4)).takeaway, None, "nothing is projected unless shown");
        run(&mut state, &cx, Command::Show(Some(0)), t(5)).unwrap();
        assert_eq!(state.room(&cx, t(6)).takeaway.as_deref(), Some("Mut zur Lücke"));
        run(&mut state, &cx, Command::MarkForProtocol { index: 1, protocol: true }, t(7)).unwrap();
        assert!(state.takeaways[1].takeaway.protocol);
        assert_eq!(run(&mut state, &cx, Command::Show(Some(9)), t(8)), Err(Refusal::NoSuchTakeaway));
    }

    fn envelope(seq: u64, event: Event) -> Envelope {
        Envelope { id: uuid::Uuid::nil(), seq, at: t(seq as i64), event }
    }

    fn noted(block: &str, text: &str, owner: Option<&str>, commitment: bool) -> Event {
        Event::Method(MethodEvent::Reflection {
            block: block.into(),
            change: Change::Noted {
                takeaway: Takeaway {
                    text: text.into(),
                    owner: owner.map(String::from),
                    commitment,
                    protocol: false,
                },
            },
        })
    }

    #[test]
    fn commitments_of_earlier_stations_are_found_in_their_logs() {
        let retract = Event::Method(MethodEvent::Reflection {
            block: "abend".into(),
            change: Change::Retracted { index: 1 },
        });
        let muenchen = PastStation {
            id: "muenchen".into(),
            date: NaiveDate::from_ymd_opt(2022, 11, 28).unwrap(),
            plan: crate::core::history::plain_station(),
            cohort: cohort(),
            events: vec![
                envelope(1, noted("abend", "Teamrunde ohne Agenda ausprobieren", Some("ab"), true)),
                envelope(2, noted("abend", "verworfen", Some("bb"), true)),
                envelope(3, noted("abend", "Mut zur Lücke", Some("cc"), false)),
                envelope(4, retract),
                envelope(5, noted("probe", "nie gelaufen", Some("dd"), true)),
                envelope(6, Event::BlockUnstarted { block: "probe".into() }),
                envelope(7, noted("ende", "Ein Pilot bis Köln", Some("dd"), true)),
                // Started again after it was unstarted: its takeaways count from 0 again,
                // and taking back the new first one takes back that one.
                envelope(8, noted("probe", "zweiter Anlauf", Some("ee"), true)),
                envelope(
                    9,
                    Event::Method(MethodEvent::Reflection {
                        block: "probe".into(),
                        change: Change::Retracted { index: 0 },
                    }),
                ),
                envelope(10, noted("probe", "dritter Anlauf", Some("ee"), true)),
            ],
        };
        let found = commitments(&History { stations: vec![muenchen] });
        let pairs: Vec<(&str, &str)> =
            found.iter().map(|c| (c.participant.as_str(), c.text.as_str())).collect();
        assert_eq!(
            pairs,
            [
                ("ab", "Teamrunde ohne Agenda ausprobieren"),
                ("dd", "Ein Pilot bis Köln"),
                ("ee", "dritter Anlauf")
            ]
        );
        assert_eq!(found[0].station, "muenchen");
    }

    #[test]
    fn the_log_names_the_change_and_a_takeaway_only_what_it_has() {
        let change = Change::Noted {
            takeaway: Takeaway { text: "Mut".into(), owner: None, commitment: false, protocol: false },
        };
        assert_eq!(
            serde_json::to_string(&change).unwrap(),
            r#"{"change":"noted","takeaway":{"text":"Mut"}}"#
        );
        let ordered = Change::RoundOrdered { order: vec!["ab".into()], seed: Some(7) };
        let json = serde_json::to_string(&ordered).unwrap();
        assert_eq!(json, r#"{"change":"round_ordered","order":["ab"],"seed":7}"#);
        assert_eq!(serde_json::from_str::<Change>(&json).unwrap(), ordered);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn command() -> impl Strategy<Value = Command> {
            let who = prop_oneof![Just(None), Just(Some("ab")), Just(Some("cc")), Just(Some("zz"))];
            prop_oneof![
                5 => any::<u64>().prop_map(|seed| Command::Next { seed }),
                2 => Just(Command::Pass),
                2 => Just(Command::Back),
                1 => ("[a-z ]{0,8}", who, any::<bool>()).prop_map(|(text, owner, commitment)| Command::Note(Takeaway {
                    text,
                    owner: owner.map(String::from),
                    commitment,
                    protocol: false,
                })),
                1 => (0usize..4, any::<bool>()).prop_map(|(index, protocol)| Command::MarkForProtocol { index, protocol }),
                1 => prop::option::of(0usize..4).prop_map(Command::Show),
            ]
        }

        fn format() -> impl Strategy<Value = Reflection> {
            let format = prop::sample::select(ReflectionFormat::ALL.to_vec());
            let order = prop_oneof![
                Just(RoundOrder::Seating),
                Just(RoundOrder::Alphabetical),
                Just(RoundOrder::Shuffled)
            ];
            (format, order, prop::option::of(any::<bool>())).prop_map(|(format, order, blitzlicht)| {
                Reflection {
                    format,
                    order,
                    blitzlicht: if format == ReflectionFormat::Blitzlicht { None } else { blitzlicht },
                    ..Reflection::default()
                }
            })
        }

        proptest! {
            /// The generic property of every method, for each reflection format.
            #[test]
            fn replaying_a_reflection_gives_the_live_state(
                plan in format(),
                steps in prop::collection::vec((0i64..120, command()), 0..40),
            ) {
                let cohort = cohort();
                let absent = ["bb".to_string()].into();
                let cx = Context { block: "r", cohort: &cohort, absent: &absent };
                crate::core::method::assert_replay_equals_live(&started(&plan), &cx, &steps);
            }

            /// Whatever is done and undone, nobody speaks twice at once and
            /// every inverse, applied, gives back the state before.
            #[test]
            fn every_change_is_taken_back_by_its_inverse(
                plan in format(),
                steps in prop::collection::vec((1i64..60, command()), 0..30),
            ) {
                let cohort = cohort();
                let absent = ["bb".to_string()].into();
                let cx = Context { block: "r", cohort: &cohort, absent: &absent };
                let mut state = started(&plan);
                let mut now = t(0);
                for (gap, command) in steps {
                    now += TimeDelta::seconds(gap);
                    let Ok(changes) = state.decide(&cx, &command, now) else { continue };
                    let before = state.clone();
                    let mut inverses = Vec::new();
                    for change in &changes {
                        inverses.insert(0, state.inverse(change));
                        state.apply(change, now);
                    }
                    let speaking = state.round.iter().flat_map(|r| &r.turns).filter(|t| !t.clock.is_stopped()).count();
                    prop_assert!(speaking <= 1);
                    if let Some(inverses) = inverses.into_iter().collect::<Option<Vec<_>>>() {
                        let mut undone = state.clone();
                        for change in inverses.into_iter().flatten() {
                            undone.apply(&change, now);
                        }
                        // Who speaks, the order and the phase come back; clocks restart at `now`.
                        prop_assert_eq!(undone.phase, before.phase);
                        prop_assert_eq!(speaker(&undone), speaker(&before));
                        prop_assert_eq!(undone.round.as_ref().map(|r| r.turns.len()), before.round.as_ref().map(|r| r.turns.len()));
                        prop_assert_eq!(undone.shown, before.shown);
                    }
                }
            }
        }
    }
}
