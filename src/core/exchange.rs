//! The exchange block: rounds of small groups (a guiding question and a
//! timer per round), pair rotation (speed networking) or table rotation (a
//! host stays, the others move). The groups of a round are proposed by the
//! grouping engine in the console, adjusted by the facilitator (a swap, a
//! late arrival placed) and then fixed; every step is recorded, so the
//! groups are never recomputed from a seed.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use super::Timestamp;
use super::grouping::MAX_ROUNDS;
use super::method::{BlockClock, Context, Method};
use super::timer::saturating_add;
use crate::plan::{Exchange, ExchangeFormat, Participant};

/// One round's groups and its clock.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Round {
    /// The groups by table (table number = place + 1): member ids; a table host first.
    pub groups: Vec<Vec<String>>,
    /// The seed the engine proposed the groups with (kept for the record).
    pub seed: u64,
    /// When the round was fixed: the groups went to their tables and its clock started.
    pub fixed: Option<Timestamp>,
    /// Time the block was paused since the round was fixed, before the latest pause.
    paused: TimeDelta,
    paused_since: Option<Timestamp>,
}

impl Round {
    pub fn is_fixed(&self) -> bool {
        self.fixed.is_some()
    }

    /// The table of a participant in this round.
    pub fn table_of(&self, participant: &str) -> Option<usize> {
        self.groups.iter().position(|group| group.iter().any(|member| member == participant))
    }

    /// How long the round has run by `now`, not counting pauses of the block.
    pub fn elapsed(&self, now: Timestamp) -> TimeDelta {
        let Some(start) = self.fixed else { return TimeDelta::zero() };
        let end = self.paused_since.unwrap_or(now).max(start);
        (end - start - self.paused).max(TimeDelta::zero())
    }

    fn pause(&mut self, at: Timestamp) {
        if self.fixed.is_some() && self.paused_since.is_none() {
            self.paused_since = Some(at);
        }
    }

    fn resume(&mut self, at: Timestamp) {
        if let Some(since) = self.paused_since.take() {
            self.paused = saturating_add(self.paused, (at - since).max(TimeDelta::zero()));
        }
    }
}

/// What the facilitator does in an exchange block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Groups the engine proposed for the round on screen (first or again).
    Propose { groups: Vec<Vec<String>>, seed: u64 },
    /// Two people of different groups trade places.
    Swap { a: String, b: String },
    /// Someone (a late arrival, or someone moved) joins a group.
    Place { participant: String, group: usize },
    /// The groups of the round on screen are final: they go to their tables.
    Fix,
    /// Show the next (`true`) or the previous round.
    Show(bool),
}

/// What an exchange records: the `change` of a `{"type":"exchange"}` event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    GroupsProposed {
        round: usize,
        seed: u64,
        groups: Vec<Vec<String>>,
    },
    Swapped {
        round: usize,
        a: String,
        b: String,
    },
    /// The participant joined `group` (last in it), or left the groups (`None`).
    Placed {
        round: usize,
        participant: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<usize>,
    },
    /// The round's groups are final: these people met.
    RoundFixed {
        round: usize,
        groups: Vec<Vec<String>>,
    },
    /// A fixed round was opened again (its fixing undone).
    RoundReopened {
        round: usize,
    },
    RoundShown {
        round: usize,
    },
}

/// Why an exchange command changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum Refusal {
    /// The round's groups are fixed; undo the fixing to change them.
    RoundFixed,
    /// The round has no groups yet.
    NoGroups,
    /// The two are in the same group already.
    SameGroup,
    /// Someone named is in no group of this round.
    NotInAGroup,
    UnknownParticipant,
    /// The participant is marked absent today.
    Absent,
    /// There is no table with that number.
    NoSuchTable,
    /// Fix this round before moving on.
    FixFirst,
    /// There is no round in that direction.
    NoOtherRound,
    /// A group the engine proposed has someone twice or is smaller than two.
    InvalidGroups,
    /// Moving them would leave someone alone in their group.
    WouldLeaveAlone,
    /// It would put a pair the plan keeps apart (`never_together`) in one group.
    NeverTogether,
}

/// An exchange block as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub plan: Exchange,
    /// The rounds so far (proposed or fixed).
    pub rounds: Vec<Round>,
    /// The round on screen.
    pub current: usize,
    running: bool,
}

impl State {
    pub fn new(plan: &Exchange) -> State {
        State { plan: plan.clone(), rounds: Vec::new(), current: 0, running: false }
    }

    /// Whether the plan keeps the two apart (`never_together`, either way round).
    fn kept_apart(&self, a: &str, b: &str) -> bool {
        self.plan.never_together.iter().any(|(x, y)| (x == a && y == b) || (x == b && y == a))
    }

    /// The planned number of rounds (at least the rounds there are).
    pub fn round_count(&self) -> usize {
        let planned = usize::try_from(self.plan.rounds).unwrap_or(1).min(MAX_ROUNDS);
        planned.max(self.rounds.len()).max(1)
    }

    pub fn round(&self) -> Option<&Round> {
        self.rounds.get(self.current)
    }

    /// The planned length of a round, if the plan gives one.
    pub fn round_length(&self) -> Option<TimeDelta> {
        self.plan.round_minutes.map(|minutes| TimeDelta::minutes(i64::from(minutes)))
    }

    /// The fixed rounds, with their number, for the contact matrix.
    pub fn fixed_rounds(&self) -> impl Iterator<Item = (usize, &Round)> {
        self.rounds.iter().enumerate().filter(|(_, round)| round.is_fixed())
    }

    /// The hosts of a table rotation: the first member of each table in the first fixed round.
    pub fn hosts(&self) -> Vec<String> {
        if self.plan.format != ExchangeFormat::TableRotation {
            return Vec::new();
        }
        self.fixed_rounds()
            .next()
            .map(|(_, round)| round.groups.iter().filter_map(|group| group.first().cloned()).collect())
            .unwrap_or_default()
    }

    /// The round on screen, if it can still be changed.
    fn open_round(&self) -> Result<&Round, Refusal> {
        let round = self.round().filter(|round| !round.groups.is_empty()).ok_or(Refusal::NoGroups)?;
        if round.is_fixed() {
            return Err(Refusal::RoundFixed);
        }
        Ok(round)
    }

    /// What the room may see: the fixed groups of the round on screen, the question, the round's clock.
    pub fn room(&self, cohort: &[Participant], now: Timestamp) -> Room {
        let round = self.round().filter(|round| round.is_fixed());
        let host = self.plan.format == ExchangeFormat::TableRotation;
        let tables = round
            .map(|round| {
                round
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(place, group)| RoomTable {
                        number: place + 1,
                        members: group
                            .iter()
                            .enumerate()
                            .map(|(i, id)| {
                                let person = cohort.iter().find(|p| &p.id == id);
                                RoomMember {
                                    name: person.map_or_else(|| id.clone(), |p| p.name.clone()),
                                    organisation: person
                                        .filter(|_| self.plan.show_organisations)
                                        .map(|p| p.organisation.clone()),
                                    host: host && i == 0,
                                }
                            })
                            .collect(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let remaining = round.zip(self.round_length()).map(|(round, length)| length - round.elapsed(now));
        Room {
            format: self.plan.format,
            round: self.current + 1,
            of: self.round_count(),
            tables,
            question: self.plan.question.clone(),
            remaining,
            breakout_rooms: self.plan.breakout_rooms,
        }
    }
}

/// The public part of an exchange block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    pub format: ExchangeFormat,
    /// The round on screen, from 1, and how many there are.
    pub round: usize,
    pub of: usize,
    /// The groups, once the round is fixed (until then the room waits).
    pub tables: Vec<RoomTable>,
    pub question: Option<String>,
    /// What is left of the round's time (negative: time to move on).
    pub remaining: Option<TimeDelta>,
    /// The groups meet in breakout rooms (online), numbered like tables.
    pub breakout_rooms: bool,
}

impl Room {
    /// The round's time is up: the signal to move on.
    pub fn move_on(&self) -> bool {
        self.remaining.is_some_and(|left| left <= TimeDelta::zero())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomTable {
    pub number: usize,
    pub members: Vec<RoomMember>,
}

/// A member as the room sees them: the name, the organisation only if the plan asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomMember {
    pub name: String,
    pub organisation: Option<String>,
    /// The table's host, who stays (table rotation).
    pub host: bool,
}

impl Method for State {
    type Command = Command;
    type Change = Change;
    type Refusal = Refusal;

    fn decide(&self, cx: &Context, command: &Command, _now: Timestamp) -> Result<Vec<Change>, Refusal> {
        let round = self.current;
        match command {
            Command::Propose { groups, seed } => {
                if self.round().is_some_and(Round::is_fixed) {
                    return Err(Refusal::RoundFixed);
                }
                let mut everyone: Vec<&String> = groups.iter().flatten().collect();
                everyone.sort();
                let before = everyone.len();
                everyone.dedup();
                if groups.is_empty() || everyone.len() != before || groups.iter().any(|group| group.len() < 2)
                {
                    return Err(Refusal::InvalidGroups);
                }
                if everyone.iter().any(|id| !cx.is_known(id)) {
                    return Err(Refusal::UnknownParticipant);
                }
                Ok(vec![Change::GroupsProposed { round, seed: *seed, groups: groups.clone() }])
            }
            Command::Swap { a, b } => {
                let open = self.open_round()?;
                let (Some(table_a), Some(table_b)) = (open.table_of(a), open.table_of(b)) else {
                    return Err(Refusal::NotInAGroup);
                };
                if table_a == table_b {
                    return Err(Refusal::SameGroup);
                }
                // Each lands among the other's group, without the other.
                let joins = |who: &str, table: usize, leaving: &str| {
                    open.groups[table]
                        .iter()
                        .filter(|member| member.as_str() != leaving)
                        .any(|member| self.kept_apart(who, member))
                };
                if joins(a, table_b, b) || joins(b, table_a, a) {
                    return Err(Refusal::NeverTogether);
                }
                Ok(vec![Change::Swapped { round, a: a.clone(), b: b.clone() }])
            }
            Command::Place { participant, group } => {
                let open = self.open_round()?;
                if !cx.is_known(participant) {
                    return Err(Refusal::UnknownParticipant);
                }
                if !cx.is_present(participant) {
                    return Err(Refusal::Absent);
                }
                if *group >= open.groups.len() {
                    return Err(Refusal::NoSuchTable);
                }
                match open.table_of(participant) {
                    Some(from) if from == *group => return Err(Refusal::SameGroup),
                    Some(from) if open.groups[from].len() <= 2 => return Err(Refusal::WouldLeaveAlone),
                    Some(_) | None => {}
                }
                if open.groups[*group].iter().any(|member| self.kept_apart(participant, member)) {
                    return Err(Refusal::NeverTogether);
                }
                Ok(vec![Change::Placed { round, participant: participant.clone(), group: Some(*group) }])
            }
            Command::Fix => {
                let open = self.open_round()?;
                Ok(vec![Change::RoundFixed { round, groups: open.groups.clone() }])
            }
            Command::Show(forward) => {
                if *forward {
                    if !self.round().is_some_and(Round::is_fixed) {
                        return Err(Refusal::FixFirst);
                    }
                    if round + 1 >= self.round_count() {
                        return Err(Refusal::NoOtherRound);
                    }
                    Ok(vec![Change::RoundShown { round: round + 1 }])
                } else if round == 0 {
                    Err(Refusal::NoOtherRound)
                } else {
                    Ok(vec![Change::RoundShown { round: round - 1 }])
                }
            }
        }
    }

    fn apply(&mut self, change: &Change, at: Timestamp) {
        let running = self.running;
        // Only a round the block has can be formed: a log naming round 10^18
        // changes nothing (instead of asking for that many rounds of memory).
        let count = self.round_count();
        let round_at = |rounds: &mut Vec<Round>, index: usize| -> Option<usize> {
            if index >= count {
                return None;
            }
            if rounds.len() <= index {
                rounds.resize_with(index + 1, Round::default);
            }
            Some(index)
        };
        match change {
            Change::GroupsProposed { round, seed, groups } => {
                if let Some(index) = round_at(&mut self.rounds, *round) {
                    self.rounds[index] = Round { groups: groups.clone(), seed: *seed, ..Round::default() };
                }
            }
            Change::Swapped { round, a, b } => {
                if let Some(round) = self.rounds.get_mut(*round) {
                    for member in round.groups.iter_mut().flatten() {
                        if member == a {
                            member.clone_from(b);
                        } else if member == b {
                            member.clone_from(a);
                        }
                    }
                }
            }
            Change::Placed { round, participant, group } => {
                if let Some(round) = self.rounds.get_mut(*round) {
                    for members in &mut round.groups {
                        members.retain(|member| member != participant);
                    }
                    if let Some(members) = group.and_then(|group| round.groups.get_mut(group)) {
                        members.push(participant.clone());
                    }
                }
            }
            Change::RoundFixed { round, groups } => {
                if let Some(index) = round_at(&mut self.rounds, *round) {
                    let fixed = &mut self.rounds[index];
                    fixed.groups.clone_from(groups);
                    fixed.fixed = Some(at);
                    fixed.paused = TimeDelta::zero();
                    fixed.paused_since = None;
                    if !running {
                        fixed.pause(at);
                    }
                }
            }
            Change::RoundReopened { round } => {
                if let Some(round) = self.rounds.get_mut(*round) {
                    round.fixed = None;
                    round.paused = TimeDelta::zero();
                    round.paused_since = None;
                }
            }
            Change::RoundShown { round } => {
                self.current = *round;
            }
        }
    }

    fn inverse(&self, change: &Change) -> Option<Vec<Change>> {
        match change {
            // The first proposal of a round is taken back by an empty one: no groups yet.
            Change::GroupsProposed { round, .. }
                if self.rounds.get(*round).is_none_or(|before| before.groups.is_empty()) =>
            {
                Some(vec![Change::GroupsProposed { round: *round, seed: 0, groups: Vec::new() }])
            }
            Change::GroupsProposed { round, .. } => {
                let before = self.rounds.get(*round)?;
                Some(vec![Change::GroupsProposed {
                    round: *round,
                    seed: before.seed,
                    groups: before.groups.clone(),
                }])
            }
            Change::Swapped { .. } => Some(vec![change.clone()]),
            Change::Placed { round, .. } => {
                // The groups as they were, each member in their place.
                let before = self.rounds.get(*round)?;
                Some(vec![Change::GroupsProposed {
                    round: *round,
                    seed: before.seed,
                    groups: before.groups.clone(),
                }])
            }
            Change::RoundFixed { round, .. } => Some(vec![Change::RoundReopened { round: *round }]),
            Change::RoundReopened { round } => {
                let before = self.rounds.get(*round)?;
                Some(vec![Change::RoundFixed { round: *round, groups: before.groups.clone() }])
            }
            Change::RoundShown { .. } => Some(vec![Change::RoundShown { round: self.current }]),
        }
    }

    fn block_clock(&mut self, clock: BlockClock, at: Timestamp) {
        self.running = clock == BlockClock::Running;
        for round in &mut self.rounds {
            match clock {
                BlockClock::Running => round.resume(at),
                BlockClock::Paused | BlockClock::Left => round.pause(at),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use std::collections::BTreeSet;

    use chrono::DateTime;
    use proptest::prelude::*;

    use super::*;

    fn cohort() -> Vec<Participant> {
        (1..=7)
            .map(|i| Participant {
                id: format!("p{i:02}"),
                name: format!("Person {i}"),
                organisation: format!("Org {}", i % 3),
                role: String::new(),
                short: None,
                attributes: Default::default(),
            })
            .collect()
    }

    fn t(secs: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T18:00:00+01:00").unwrap() + TimeDelta::seconds(secs)
    }

    fn groups(ids: &[&[&str]]) -> Vec<Vec<String>> {
        ids.iter().map(|group| group.iter().map(|id| id.to_string()).collect()).collect()
    }

    fn plan() -> Exchange {
        Exchange {
            rounds: 2,
            round_minutes: Some(10),
            question: Some("Was funktioniert?".into()),
            ..Exchange::default()
        }
    }

    fn running() -> State {
        let mut state = State::new(&plan());
        state.block_clock(BlockClock::Running, t(0));
        state
    }

    fn decide(state: &State, command: Command) -> Result<Vec<Change>, Refusal> {
        let cohort = cohort();
        let absent: BTreeSet<String> = ["p07".to_string()].into();
        let cx = Context { block: "vernetzung", cohort: &cohort, absent: &absent };
        state.decide(&cx, &command, t(0))
    }

    fn run(state: &mut State, command: Command, at: i64) {
        for change in decide(state, command).unwrap() {
            state.apply(&change, t(at));
        }
    }

    fn proposed() -> State {
        let mut state = running();
        let first = groups(&[&["p01", "p02", "p03"], &["p04", "p05", "p06"]]);
        run(&mut state, Command::Propose { groups: first, seed: 1 }, 0);
        state
    }

    #[test]
    fn a_log_naming_a_round_the_block_does_not_have_changes_nothing() {
        let mut state = running();
        let before = state.clone();
        let groups = groups(&[&["p01", "p02"]]);
        state.apply(&Change::GroupsProposed { round: usize::MAX, seed: 1, groups: groups.clone() }, t(1));
        state.apply(&Change::RoundFixed { round: 1_000_000_000_000, groups }, t(2));
        assert_eq!(state, before);
    }

    #[test]
    fn a_round_is_proposed_adjusted_and_fixed() {
        let mut state = proposed();
        run(&mut state, Command::Swap { a: "p01".into(), b: "p04".into() }, 5);
        assert_eq!(state.rounds[0].groups, groups(&[&["p04", "p02", "p03"], &["p01", "p05", "p06"]]));
        assert_eq!(
            decide(&state, Command::Place { participant: "p07".into(), group: 0 }),
            Err(Refusal::Absent)
        );
        run(&mut state, Command::Fix, 10);
        assert!(state.rounds[0].is_fixed());
        assert_eq!(
            decide(&state, Command::Swap { a: "p02".into(), b: "p05".into() }),
            Err(Refusal::RoundFixed)
        );
        let room = state.room(&cohort(), t(70));
        assert_eq!(room.tables.len(), 2);
        assert_eq!(room.tables[0].members[0].name, "Person 4");
        assert_eq!(room.tables[0].members[0].organisation, None, "no organisations unless the plan asks");
        assert_eq!(room.remaining, Some(TimeDelta::minutes(9)));
        assert!(!room.move_on());
        assert!(state.room(&cohort(), t(610)).move_on());
    }

    #[test]
    fn a_table_rotation_keeps_the_first_rounds_hosts() {
        let mut state = State::new(&Exchange { format: ExchangeFormat::TableRotation, ..plan() });
        run(&mut state, Command::Propose { groups: groups(&[&["p01", "p02"], &["p03", "p04"]]), seed: 1 }, 0);
        assert!(state.hosts().is_empty(), "no hosts before the first round is fixed");
        run(&mut state, Command::Fix, 0);
        assert_eq!(state.hosts(), ["p01", "p03"]);
        let room = state.room(&cohort(), t(1));
        assert!(room.tables.iter().all(|table| table.members[0].host && !table.members[1].host));
        assert!(State::new(&plan()).hosts().is_empty(), "small groups have no hosts");
    }

    #[test]
    fn an_online_station_numbers_breakout_rooms() {
        let mut state = State::new(&Exchange { breakout_rooms: true, ..plan() });
        run(&mut state, Command::Propose { groups: groups(&[&["p01", "p02"], &["p03", "p04"]]), seed: 1 }, 0);
        run(&mut state, Command::Fix, 0);
        let room = state.room(&cohort(), t(1));
        assert!(room.breakout_rooms);
        assert_eq!(room.tables.iter().map(|table| table.number).collect::<Vec<_>>(), [1, 2]);
    }

    #[test]
    fn the_room_sees_no_groups_before_they_are_fixed() {
        let room = proposed().room(&cohort(), t(0));
        assert!(room.tables.is_empty());
        assert_eq!(room.question.as_deref(), Some("Was funktioniert?"));
    }

    #[test]
    fn rounds_move_on_only_once_fixed() {
        let mut state = proposed();
        assert_eq!(decide(&state, Command::Show(true)), Err(Refusal::FixFirst));
        assert_eq!(decide(&state, Command::Show(false)), Err(Refusal::NoOtherRound));
        run(&mut state, Command::Fix, 1);
        run(&mut state, Command::Show(true), 2);
        assert_eq!(state.current, 1);
        assert_eq!(decide(&state, Command::Fix), Err(Refusal::NoGroups));
        run(&mut state, Command::Show(false), 3);
        assert_eq!(state.current, 0);
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let state = proposed();
        assert_eq!(
            decide(&state, Command::Swap { a: "p01".into(), b: "p02".into() }),
            Err(Refusal::SameGroup)
        );
        assert_eq!(
            decide(&state, Command::Swap { a: "p01".into(), b: "p07".into() }),
            Err(Refusal::NotInAGroup)
        );
        assert_eq!(
            decide(&state, Command::Place { participant: "p99".into(), group: 0 }),
            Err(Refusal::UnknownParticipant)
        );
        assert_eq!(
            decide(&state, Command::Place { participant: "p01".into(), group: 5 }),
            Err(Refusal::NoSuchTable)
        );
        assert_eq!(
            decide(&state, Command::Propose { groups: groups(&[&["p01", "p01"]]), seed: 2 }),
            Err(Refusal::InvalidGroups)
        );
        assert_eq!(
            decide(&state, Command::Propose { groups: groups(&[&["p01"]]), seed: 2 }),
            Err(Refusal::InvalidGroups)
        );
        let mut pairs = running();
        run(
            &mut pairs,
            Command::Propose { groups: groups(&[&["p01", "p02"], &["p03", "p04", "p05"]]), seed: 1 },
            0,
        );
        assert_eq!(
            decide(&pairs, Command::Place { participant: "p01".into(), group: 1 }),
            Err(Refusal::WouldLeaveAlone)
        );
        run(&mut pairs, Command::Place { participant: "p06".into(), group: 0 }, 1);
        assert_eq!(pairs.rounds[0].groups[0], ["p01", "p02", "p06"]);
    }

    #[test]
    fn the_facilitators_edits_keep_never_together_pairs_apart() {
        let mut state =
            State::new(&Exchange { never_together: vec![("p05".into(), "p01".into())], ..plan() });
        state.block_clock(BlockClock::Running, t(0));
        let first = groups(&[&["p01", "p02", "p03"], &["p04", "p05", "p06"]]);
        run(&mut state, Command::Propose { groups: first, seed: 1 }, 0);
        let swap = |a: &str, b: &str| Command::Swap { a: a.into(), b: b.into() };
        assert_eq!(decide(&state, swap("p02", "p05")), Err(Refusal::NeverTogether), "p05 would join p01");
        assert_eq!(decide(&state, swap("p01", "p04")), Err(Refusal::NeverTogether), "p01 would join p05");
        assert_eq!(
            decide(&state, Command::Place { participant: "p05".into(), group: 0 }),
            Err(Refusal::NeverTogether)
        );
        assert!(decide(&state, swap("p02", "p04")).is_ok(), "other swaps stay possible");
    }

    #[test]
    fn the_first_proposal_of_a_round_is_undone_to_no_groups() {
        let state = running();
        let proposal = Command::Propose { groups: groups(&[&["p01", "p02"], &["p03", "p04"]]), seed: 3 };
        let changes = decide(&state, proposal).unwrap();
        let mut changed = state.clone();
        let mut inverses = Vec::new();
        for change in &changes {
            inverses.extend(changed.inverse(change).unwrap());
            changed.apply(change, t(1));
        }
        for inverse in inverses.iter().rev() {
            changed.apply(inverse, t(1));
        }
        assert!(changed.round().is_none_or(|round| round.groups.is_empty()), "{:?}", changed.rounds);
    }

    #[test]
    fn every_change_is_undone_by_its_inverse() {
        let state = proposed();
        for command in [
            Command::Swap { a: "p01".into(), b: "p04".into() },
            Command::Place { participant: "p01".into(), group: 1 },
            Command::Fix,
            Command::Propose {
                groups: groups(&[&["p01", "p04"], &["p02", "p05"], &["p03", "p06"]]),
                seed: 2,
            },
        ] {
            let changes = decide(&state, command).unwrap();
            let mut changed = state.clone();
            let mut inverses = Vec::new();
            for change in &changes {
                inverses.extend(changed.inverse(change).unwrap());
                changed.apply(change, t(1));
            }
            for inverse in inverses.iter().rev() {
                changed.apply(inverse, t(1));
            }
            assert_eq!(changed.rounds[0].groups, state.rounds[0].groups);
            assert_eq!(changed.rounds[0].is_fixed(), state.rounds[0].is_fixed());
        }
    }

    #[test]
    fn the_round_clock_stands_while_the_block_is_paused() {
        let mut state = proposed();
        run(&mut state, Command::Fix, 0);
        state.block_clock(BlockClock::Paused, t(60));
        state.block_clock(BlockClock::Running, t(360));
        assert_eq!(state.rounds[0].elapsed(t(400)), TimeDelta::seconds(100));
    }

    fn command() -> impl Strategy<Value = Command> {
        let id = (1u32..9).prop_map(|n| format!("p{n:02}"));
        prop_oneof![
            (any::<u64>(), Just(())).prop_map(|(seed, ())| Command::Propose {
                groups: groups(&[&["p01", "p02", "p03"], &["p04", "p05", "p06"]]),
                seed
            }),
            (id.clone(), id.clone()).prop_map(|(a, b)| Command::Swap { a, b }),
            (id, 0usize..3).prop_map(|(participant, group)| Command::Place { participant, group }),
            Just(Command::Fix),
            any::<bool>().prop_map(Command::Show),
        ]
    }

    proptest! {
        #[test]
        fn replay_equals_live(steps in prop::collection::vec((0i64..200, command()), 0..40)) {
            let cohort = cohort();
            let absent: BTreeSet<String> = ["p07".to_string()].into();
            let cx = Context { block: "vernetzung", cohort: &cohort, absent: &absent };
            crate::core::method::assert_replay_equals_live(&running(), &cx, &steps);
        }
    }
}
