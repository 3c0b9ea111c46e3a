//! The figures of a journey, computed from its stations' logs in one place:
//! planned against actual per block and the day's drift, talk time per
//! person and organisation (pauses of the block left out), what was captured,
//! the consultations' roles and the groups people worked in, and the contacts
//! across the journey. `moderato review` shows them and `moderato export`
//! writes them; neither computes a figure of its own.
//!
//! Every piece keeps its class (DESIGN, "Privacy by construction"): the
//! facilitator's notes are captures marked [`Captured::private`], and a case's
//! confidential texts stay in [`Case::confidential`]. What a screen or a file
//! shows of them is the caller's decision, made in one visible place.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::Timestamp;
use super::consultation::Role;
use super::contacts::{self, Contacts, Group};
use super::discussion::{Capture as DiscussionCapture, Hand, Speaker};
use super::event::Envelope;
use super::event::{AgendaChange, AnchorMode, Event};
use super::history::PastStation;
use super::method::Context;
use super::session::{BlockState, Session};
use super::timer::saturating_add;
use crate::plan::{
    Block, BlockKind, Format, Journey, Participant, Station, Zone, minute_of_day, planned_slots,
};

/// Where a station stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StationState {
    /// No log, or a log in which the station has not begun.
    NotStarted,
    /// Begun, and some block is not done or skipped yet.
    Running,
    /// Every block done or skipped.
    Finished,
}

/// The whole journey: each station of the plan in order, and the contacts.
#[derive(Debug, Clone, PartialEq)]
pub struct JourneyStats {
    pub title: String,
    /// The journey's cohort, as its plan lists it.
    pub cohort: Vec<Participant>,
    pub stations: Vec<StationStats>,
    pub network: Network,
}

/// One station: its facts, its blocks planned against actual, and what happened.
#[derive(Debug, Clone, PartialEq)]
pub struct StationStats {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub place: String,
    pub host: Option<String>,
    pub format: Format,
    pub zone: Option<Zone>,
    pub state: StationState,
    /// The day it ran, when that was not its planned date (a rehearsal, the
    /// demo): the plan was shifted to begin then, so its times are that day's.
    pub rehearsed: Option<NaiveDate>,
    /// Whether a log was read for it.
    pub logged: bool,
    /// The cohort as its log recorded it (the plan's, without a log).
    pub cohort: Vec<Participant>,
    /// Who was there: present when at least one block that ran ended (or
    /// now, for the block that runs). Someone who left at lunch was there;
    /// someone marked absent all day was not.
    pub attended: BTreeSet<String>,
    /// The plan's start and end of the day, as instants (a rehearsal on
    /// another day: from when it began, as the console showed them).
    pub planned_start: Timestamp,
    pub planned_end: Timestamp,
    /// When the first block began and the last one that ran ended.
    pub actual_start: Option<Timestamp>,
    pub actual_end: Option<Timestamp>,
    /// The time of the last event recorded.
    pub last_event: Option<Timestamp>,
    /// The agenda as it stood at the end of the log, in its order.
    pub blocks: Vec<BlockStats>,
    /// How late the day ran (positive is behind) at each block's start and
    /// end, against the plan laid out in the agenda's final order.
    pub drift: Vec<DriftPoint>,
    /// Every speaking turn, in the order they began.
    pub turns: Vec<Turn>,
    pub captures: Vec<Captured>,
    pub consultations: Vec<Consultation>,
    /// The groups people worked in (see [`contacts::groups`]).
    pub groups: Vec<Group>,
    /// Pairs of the cohort who met in a group here for the first time in the journey.
    pub new_contacts: usize,
}

/// One block, planned against actual.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockStats {
    /// Its place in the agenda as it ended (1-based).
    pub index: usize,
    pub id: String,
    pub title: String,
    pub kind: BlockKind,
    pub state: BlockState,
    /// Where the original plan put it; `None` for a block inserted on the day.
    pub planned_start: Option<Timestamp>,
    pub planned_end: Option<Timestamp>,
    /// The original plan's minutes; `None` for a block inserted on the day.
    pub planned_minutes: Option<u32>,
    /// The minutes it had when it ran: the plan's, re-planned, extended or shortened.
    pub budget_minutes: i64,
    pub started: Option<Timestamp>,
    pub ended: Option<Timestamp>,
    /// How long its timer ran, pauses left out.
    pub ran: TimeDelta,
    /// Who was there for it (present when it ended, or now while it runs);
    /// nobody for a block that has not run.
    pub attended: BTreeSet<String>,
    /// How often and how long it was paused.
    pub pauses: usize,
    pub paused: TimeDelta,
    /// Inserted on the day (a break added, …).
    pub inserted: bool,
    /// Moved or given another duration before it ran.
    pub replanned: bool,
    /// Its timer ran past its budget.
    pub overrun: bool,
}

impl BlockStats {
    /// How long it took from start to end (pauses included); while it runs, up to the log's last event.
    pub fn actual(&self, last_event: Option<Timestamp>) -> Option<TimeDelta> {
        let started = self.started?;
        let ended = self.ended.or(last_event)?;
        Some((ended - started).max(TimeDelta::zero()))
    }

    /// Actual minus planned duration, for a block of the plan that ended.
    pub fn difference(&self) -> Option<TimeDelta> {
        let planned = TimeDelta::minutes(i64::from(self.planned_minutes?));
        self.ended?;
        Some(self.actual(None)? - planned)
    }
}

/// How far behind the plan the day was at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DriftPoint {
    pub at: Timestamp,
    /// Positive is behind.
    pub behind: TimeDelta,
}

/// What kind of turn someone had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TurnKind {
    /// A hand in a discussion.
    Hand(Hand),
    /// A turn in a Blitzlicht round.
    Blitzlicht,
}

/// One speaking turn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub block: String,
    pub speaker: Speaker,
    pub kind: TurnKind,
    pub started: Timestamp,
    /// How long they spoke, pauses of the block left out (up to the log's end while it runs).
    pub length: TimeDelta,
}

/// One person's talk time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Talk {
    pub participant: String,
    pub total: TimeDelta,
    pub turns: usize,
}

/// What kind of capture it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CaptureKind {
    Decision,
    Action,
    Parked,
    Takeaway,
    /// A transfer commitment, with an owner.
    Commitment,
    /// The facilitator's private note.
    Note,
}

impl CaptureKind {
    pub const ALL: [CaptureKind; 6] = [
        CaptureKind::Decision,
        CaptureKind::Action,
        CaptureKind::Parked,
        CaptureKind::Takeaway,
        CaptureKind::Commitment,
        CaptureKind::Note,
    ];
}

/// Something written down at the station, that still counts (not taken back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub kind: CaptureKind,
    /// The block it belongs to (a note made between blocks has none).
    pub block: Option<String>,
    pub at: Timestamp,
    pub text: String,
    /// A participant's id, or free text for an action's owner who is not in the cohort.
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    /// A takeaway or commitment the facilitator marked for the protocol.
    pub protocol: bool,
}

impl Captured {
    /// The facilitator's own: never for the room, left out of exports unless asked.
    pub fn private(&self) -> bool {
        self.kind == CaptureKind::Note
    }
}

/// A consultation block: its groups and cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consultation {
    pub block: String,
    /// The template's key (`tietze`, `troika`).
    pub template: String,
    /// The members of each group, by id, in cohort order.
    pub groups: Vec<Vec<String>>,
    pub cases: Vec<Case>,
}

/// One case of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The group and the case in it (0-based).
    pub group: usize,
    pub case: usize,
    /// Who had which role, in the order of [`Role::ALL`].
    pub roles: Vec<(Role, String)>,
    /// Everyone else in the group: they consulted.
    pub consultants: Vec<String>,
    /// The catalogue's key of the method of the consultation phase.
    pub method: Option<String>,
    /// The key question: the case's own words, shown to the room only once released.
    pub key_question: String,
    pub released: bool,
    pub confidential: Confidential,
}

/// A case's confidential content: never projected, hidden in review until
/// revealed, left out of exports unless asked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Confidential {
    pub title: String,
    pub description: String,
    /// The ideas that stand, with who gave them.
    pub ideas: Vec<(String, Option<String>)>,
    pub closing: String,
}

impl Confidential {
    /// Whether anything confidential was written down.
    pub fn is_empty(&self) -> bool {
        self.title.is_empty()
            && self.description.is_empty()
            && self.ideas.is_empty()
            && self.closing.is_empty()
    }
}

/// Who has met whom over the journey (all logged stations).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub contacts: Contacts,
    /// Per member of the cohort (in its order): how many of the others they have met.
    pub met: Vec<(String, usize)>,
    /// Pairs of the cohort who have never been in a group together, and all pairs.
    pub never_met: usize,
    pub pairs: usize,
}

impl StationStats {
    /// An instant as the station's wall clock reads it (in its zone; an old
    /// log without one at the offset the instant was recorded with).
    pub fn local(&self, at: Timestamp) -> NaiveDateTime {
        self.zone.map_or_else(|| at.naive_local(), |zone| zone.at(at).naive_local())
    }

    /// `09:30`: an instant on the station's wall clock, as review and export show it.
    pub fn clock(&self, at: Timestamp) -> String {
        self.local(at).format("%H:%M").to_string()
    }

    /// The worst lateness of the day (positive is behind), once it began.
    pub fn worst_behind(&self) -> Option<TimeDelta> {
        self.drift.iter().map(|point| point.behind).max()
    }

    pub fn block(&self, id: &str) -> Option<&BlockStats> {
        self.blocks.iter().find(|block| block.id == id)
    }

    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.cohort.iter().find(|p| p.id == id)
    }

    /// A speaker's name: a participant's from the cohort, a guest's as typed.
    pub fn name_of<'a>(&'a self, speaker: &'a Speaker) -> &'a str {
        match speaker {
            Speaker::Participant(id) => self.name(id),
            Speaker::Guest(name) => name,
        }
    }

    /// A participant's name by id; anything else (an owner typed as free
    /// text, someone not in the log's cohort) as it stands.
    pub fn name<'a>(&'a self, who: &'a str) -> &'a str {
        self.participant(who).map_or(who, |p| p.name.as_str())
    }

    /// Talk time per participant, in `block` or (`None`) across the station:
    /// everyone who spoke and everyone there who did not, most first (ties
    /// in cohort order). Guests are left out: the figure is about the cohort.
    pub fn talk(&self, block: Option<&str>) -> Vec<Talk> {
        let turns: Vec<Turn> =
            self.turns.iter().filter(|turn| block.is_none_or(|block| turn.block == block)).cloned().collect();
        let spoke = talk_per_participant(&turns);
        let mut talk: Vec<Talk> = self
            .cohort
            .iter()
            .filter_map(|p| match spoke.iter().find(|talk| talk.participant == p.id) {
                Some(talk) => Some(talk.clone()),
                None => self.was_there(&p.id, block).then(|| Talk {
                    participant: p.id.clone(),
                    total: TimeDelta::zero(),
                    turns: 0,
                }),
            })
            .collect();
        talk.sort_by_key(|talk| std::cmp::Reverse(talk.total));
        talk
    }

    /// Talk time per organisation, in `block` or across the station, most first.
    pub fn talk_by_organisation(&self, block: Option<&str>) -> Vec<(String, TimeDelta)> {
        let mut by: Vec<(String, TimeDelta)> = Vec::new();
        for talk in self.talk(block) {
            let organisation =
                self.participant(&talk.participant).map_or_else(String::new, |p| p.organisation.clone());
            match by.iter_mut().find(|(name, _)| *name == organisation) {
                Some((_, total)) => *total = saturating_add(*total, talk.total),
                None => by.push((organisation, talk.total)),
            }
        }
        by.sort_by_key(|(_, total)| std::cmp::Reverse(*total));
        by
    }

    /// Whether the participant was there for `block` (or, `None`, for the station).
    fn was_there(&self, participant: &str, block: Option<&str>) -> bool {
        match block {
            None => self.attended.contains(participant),
            Some(id) => self.block(id).is_some_and(|block| block.attended.contains(participant)),
        }
    }

    /// The participants there who did not speak (in `block` or at all), in cohort order.
    pub fn silent(&self, block: Option<&str>) -> Vec<&Participant> {
        let spoke: BTreeSet<&str> = self
            .turns
            .iter()
            .filter(|turn| block.is_none_or(|block| turn.block == block))
            .filter_map(|turn| turn.speaker.participant())
            .collect();
        self.cohort
            .iter()
            .filter(|p| self.was_there(&p.id, block) && !spoke.contains(p.id.as_str()))
            .collect()
    }

    /// How many of the cohort spoke at least once.
    pub fn speakers(&self) -> usize {
        self.talk(None).iter().filter(|talk| talk.turns > 0).count()
    }

    /// The blocks (ids) of the station's discussions and rounds that recorded turns, in agenda order.
    pub fn blocks_with_turns(&self) -> Vec<&str> {
        self.blocks
            .iter()
            .filter(|block| self.turns.iter().any(|turn| turn.block == block.id))
            .map(|block| block.id.as_str())
            .collect()
    }
}

/// One participant's attendance at a station: the blocks that ran they were
/// there for, and the minutes those blocks took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attendance {
    pub participant: String,
    /// The blocks that ran (done, skipped after running, or running) they were there for, by id.
    pub blocks: Vec<String>,
    /// How many blocks ran at all.
    pub ran: usize,
    /// The minutes of the blocks they were there for (start to end, pauses included).
    pub present: TimeDelta,
    /// Not there for the first block that ran, but for a later one.
    pub late: bool,
    /// There for a block, but not for the last one that ran.
    pub left_early: bool,
}

impl Attendance {
    /// There for no block that ran.
    pub fn absent(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// What a station brought, counted (the programme office's report).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub decisions: usize,
    pub actions: usize,
    pub parked: usize,
    /// Takeaways and transfer commitments.
    pub takeaways: usize,
    /// Consultation blocks and their cases.
    pub consultations: usize,
    pub cases: usize,
    /// Exchange rounds and the tables in them.
    pub exchange_rounds: usize,
    pub exchange_groups: usize,
}

impl StationStats {
    /// Each member of the cohort's attendance, in cohort order.
    pub fn attendance(&self) -> Vec<Attendance> {
        let ran: Vec<&BlockStats> = self.blocks.iter().filter(|block| block.started.is_some()).collect();
        self.cohort
            .iter()
            .map(|person| {
                let there: Vec<&&BlockStats> =
                    ran.iter().filter(|block| block.attended.contains(&person.id)).collect();
                let present = there.iter().fold(TimeDelta::zero(), |sum, block| {
                    saturating_add(sum, block.actual(self.last_event).unwrap_or_default())
                });
                let first = ran.first().is_some_and(|block| block.attended.contains(&person.id));
                let last = ran.last().is_some_and(|block| block.attended.contains(&person.id));
                Attendance {
                    participant: person.id.clone(),
                    blocks: there.iter().map(|block| block.id.clone()).collect(),
                    ran: ran.len(),
                    present,
                    late: !there.is_empty() && !first,
                    left_early: !there.is_empty() && !last,
                }
            })
            .collect()
    }

    /// The decisions, action items, … of the station, counted.
    pub fn counts(&self) -> Counts {
        let of = |kind: CaptureKind| self.captures.iter().filter(|captured| captured.kind == kind).count();
        let exchange: BTreeSet<(&str, usize)> = self
            .groups
            .iter()
            .filter(|group| group.kind == contacts::GroupKind::Exchange)
            .map(|group| (group.block.as_str(), group.round))
            .collect();
        Counts {
            decisions: of(CaptureKind::Decision),
            actions: of(CaptureKind::Action),
            parked: of(CaptureKind::Parked),
            takeaways: of(CaptureKind::Takeaway) + of(CaptureKind::Commitment),
            consultations: self.consultations.len(),
            cases: self.cases(),
            exchange_rounds: exchange.len(),
            exchange_groups: self
                .groups
                .iter()
                .filter(|group| group.kind == contacts::GroupKind::Exchange)
                .count(),
        }
    }
}

/// The counts a station's overview shows (review's Journey tab).
impl StationStats {
    /// How many blocks are done and how many were skipped.
    pub fn blocks_run(&self) -> (usize, usize) {
        let count = |state| self.blocks.iter().filter(|block| block.state == state).count();
        (count(BlockState::Done), count(BlockState::Skipped))
    }

    /// How many of the cohort were there to speak: who spoke and who was present and did not.
    pub fn could_speak(&self) -> usize {
        self.speakers() + self.silent(None).len()
    }

    /// How many captures are the facilitator's private notes.
    pub fn private_captures(&self) -> usize {
        self.captures.iter().filter(|captured| captured.private()).count()
    }

    /// How many cases the station's consultations had.
    pub fn cases(&self) -> usize {
        self.consultations.iter().map(|consultation| consultation.cases.len()).sum()
    }
}

/// The figures of `journey`, from the logs read for its stations (by station
/// id; a station without one is planned only). A log carries its own plan and
/// cohort: they are what its events are folded with.
pub fn journey(journey: &Journey, logs: &BTreeMap<String, PastStation>) -> JourneyStats {
    let mut contacts = Contacts::default();
    let mut stations = Vec::with_capacity(journey.stations.len());
    for planned in &journey.stations {
        let stats = match logs.get(&planned.id) {
            Some(log) => {
                let session = Session::replay(&log.plan, &log.cohort, &log.events);
                let before = contacts.clone();
                contacts.add_session(&log.id, &session);
                let new_contacts = new_pairs(&before, &contacts, &session.cohort);
                station(&log.plan, &session, &log.events, true, new_contacts)
            }
            None => {
                let session = Session::new(planned, &journey.participants);
                station(planned, &session, &[], false, 0)
            }
        };
        stations.push(stats);
    }
    JourneyStats {
        title: journey.title.clone(),
        cohort: journey.participants.clone(),
        stations,
        network: network(contacts, &journey.participants),
    }
}

fn network(contacts: Contacts, cohort: &[Participant]) -> Network {
    let met = contacts.met_per_person(cohort);
    let mut pairs = 0;
    let mut never_met = 0;
    for (i, a) in cohort.iter().enumerate() {
        for b in &cohort[i + 1..] {
            pairs += 1;
            if contacts.count(&a.id, &b.id) == 0 {
                never_met += 1;
            }
        }
    }
    Network { contacts, met, never_met, pairs }
}

/// Pairs of `cohort` who had not met in `before` and have in `after`.
fn new_pairs(before: &Contacts, after: &Contacts, cohort: &[Participant]) -> usize {
    let mut new = 0;
    for (i, a) in cohort.iter().enumerate() {
        for b in &cohort[i + 1..] {
            if before.count(&a.id, &b.id) == 0 && after.count(&a.id, &b.id) > 0 {
                new += 1;
            }
        }
    }
    new
}

fn station(
    plan: &Station,
    session: &Session,
    events: &[Envelope],
    logged: bool,
    new_contacts: usize,
) -> StationStats {
    // The instant everything is measured at: the log's last event, or for a
    // station that has not begun the plan's own start.
    let fallback = plan_start_instant(session);
    let now = session.last_at.unwrap_or(fallback);
    // The plan as the station began with it: a later re-anchoring moved the
    // console's plan column for what was still to come, not the plan the day
    // is measured against.
    let first = events.iter().find_map(|envelope| {
        let Event::StationStarted { anchor } = &envelope.event else { return None };
        Some(*anchor)
    });
    let base = first.map_or(fallback, |anchor| anchor.start);
    let mode = first.map_or(AnchorMode::Planned, |anchor| anchor.mode);
    let planned_at = |minutes: u32| session.plan_later(base, i64::from(minutes), mode);
    let replanned = replanned_blocks(events);
    let pauses = pauses(events, now);
    let blocks: Vec<BlockStats> = session
        .agenda
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let id = &item.block.id;
            // A block stepped back from is upcoming again: it has not run as far as the day's record goes.
            let stepped_back = item.state == BlockState::Upcoming;
            let absent = session.absent_for(item);
            let attended = match item.ran() {
                true => {
                    session.cohort.iter().filter(|p| !absent.contains(&p.id)).map(|p| p.id.clone()).collect()
                }
                false => BTreeSet::new(),
            };
            let planned_end = session.planned_ends.get(id).map(|end| planned_at(*end));
            let planned_minutes = session
                .planned_offsets
                .get(id)
                .zip(session.planned_ends.get(id))
                .map(|(start, end)| end.saturating_sub(*start));
            let ran = item.timer.elapsed(now);
            BlockStats {
                index: index + 1,
                id: id.clone(),
                title: item.block.title.clone(),
                kind: item.block.kind,
                state: item.state,
                planned_start: session.planned_offsets.get(id).map(|start| planned_at(*start)),
                planned_end,
                planned_minutes,
                budget_minutes: i64::from(item.block.minutes) + item.adjusted_minutes,
                started: item.started_at.filter(|_| !stepped_back),
                // A block skipped before it ran ended when it was skipped.
                ended: item.ended_at.filter(|_| !stepped_back),
                ran,
                attended,
                pauses: pauses.get(id.as_str()).map_or(0, |(count, _)| *count),
                paused: pauses.get(id.as_str()).map_or(TimeDelta::zero(), |(_, total)| *total),
                inserted: !session.planned_offsets.contains_key(id),
                replanned: replanned.contains(id.as_str()),
                overrun: item.started_at.is_some() && ran > item.timer.budget(),
            }
        })
        .collect();
    let relaid = relaid(plan, session);
    let drift =
        drift(&blocks, |id| relaid.get(id).map(|(start, end)| (planned_at(*start), planned_at(*end))));
    let actual_start = blocks.iter().filter_map(|block| block.started).min();
    let actual_end = match session.is_finished() {
        true => blocks.iter().filter_map(|block| block.ended).max(),
        false => None,
    };
    let state = if !session.is_started() {
        StationState::NotStarted
    } else if session.is_finished() {
        StationState::Finished
    } else {
        StationState::Running
    };
    StationStats {
        id: plan.id.clone(),
        title: plan.title.clone(),
        date: plan.date,
        place: plan.place.clone(),
        host: plan.host.clone(),
        format: plan.format,
        zone: plan.timezone,
        state,
        rehearsed: first
            .filter(|anchor| anchor.mode == AnchorMode::Shifted)
            .map(|anchor| plan.timezone.map_or(anchor.start, |zone| zone.at(anchor.start)).date_naive()),
        logged,
        cohort: session.cohort.clone(),
        attended: blocks.iter().flat_map(|block| block.attended.iter().cloned()).collect(),
        planned_start: planned_at(0),
        planned_end: planned_at(session.planned_length),
        actual_start,
        actual_end,
        last_event: session.last_at,
        drift,
        turns: turns(session, now),
        captures: captures(session),
        consultations: consultations(session),
        groups: contacts::groups(session),
        new_contacts,
        blocks,
    }
}

/// The plan's start on the station's date (in its zone; without one, at UTC).
fn plan_start_instant(session: &Session) -> Timestamp {
    let minute = minute_of_day(session.planned_start);
    let utc = crate::plan::wall_clock(session.date, minute).and_utc().fixed_offset();
    session.clock_instant(minute, utc)
}

/// The blocks moved or given another duration in the log.
fn replanned_blocks(events: &[Envelope]) -> BTreeSet<&str> {
    events
        .iter()
        .filter_map(|envelope| {
            let Event::AgendaChanged {
                change: AgendaChange::Moved { block, .. } | AgendaChange::DurationSet { block, .. },
            } = &envelope.event
            else {
                return None;
            };
            Some(block.as_str())
        })
        .collect()
}

/// How often each block was paused, and for how long (a pause still on
/// counts up to `now`). A block unstarted never ran: its pauses go with it.
fn pauses(events: &[Envelope], now: Timestamp) -> BTreeMap<&str, (usize, TimeDelta)> {
    let mut pauses: BTreeMap<&str, (usize, TimeDelta)> = BTreeMap::new();
    let mut since: BTreeMap<&str, Timestamp> = BTreeMap::new();
    for envelope in events {
        if let Event::BlockPaused { block } = &envelope.event {
            pauses.entry(block.as_str()).or_insert((0, TimeDelta::zero())).0 += 1;
            since.insert(block.as_str(), envelope.at);
        } else if let Event::BlockUnstarted { block } = &envelope.event {
            pauses.remove(block.as_str());
            since.remove(block.as_str());
        } else if let Event::BlockResumed { block }
        | Event::BlockCompleted { block }
        | Event::BlockSkipped { block }
        | Event::BlockReturned { block } = &envelope.event
            && let Some(from) = since.remove(block.as_str())
            && let Some((_, total)) = pauses.get_mut(block.as_str())
        {
            *total = saturating_add(*total, (envelope.at - from).max(TimeDelta::zero()));
        }
    }
    for (block, from) in since {
        if let Some((_, total)) = pauses.get_mut(block) {
            *total = saturating_add(*total, (now - from).max(TimeDelta::zero()));
        }
    }
    pauses
}

/// Where the plan puts each of its blocks in the order the agenda ended up
/// in (minutes after the station's start): its own blocks with the minutes
/// the plan gave them, a fixed start kept, a block inserted on the day left
/// out. The day's drift is measured against it, so a block the facilitator
/// moved counts as late or early by where it now stands, not by the slot it left.
fn relaid(plan: &Station, session: &Session) -> BTreeMap<String, (u32, u32)> {
    let blocks: Vec<Block> = session
        .agenda
        .iter()
        .filter_map(|item| plan.blocks.iter().find(|block| block.id == item.block.id).cloned())
        .collect();
    let start = minute_of_day(plan.start);
    let relaid = Station { blocks, ..plan.clone() };
    relaid
        .blocks
        .iter()
        .zip(planned_slots(&relaid))
        .map(|(block, slot)| {
            (block.id.clone(), (slot.start.saturating_sub(start), slot.end.saturating_sub(start)))
        })
        .collect()
}

/// Lateness at each block's start and end against the plan laid out in the
/// agenda's final order ([`relaid`]); a block inserted on the day has no plan.
fn drift(blocks: &[BlockStats], planned: impl Fn(&str) -> Option<(Timestamp, Timestamp)>) -> Vec<DriftPoint> {
    let mut points: Vec<DriftPoint> = Vec::new();
    for block in blocks {
        let Some((start, end)) = planned(&block.id) else { continue };
        if let Some(started) = block.started {
            points.push(DriftPoint { at: started, behind: started - start });
        }
        if let Some(ended) = block.ended
            && block.state == BlockState::Done
        {
            points.push(DriftPoint { at: ended, behind: ended - end });
        }
    }
    points.sort_by_key(|point| point.at);
    points
}

/// The talk time of each participant who spoke in `turns`, in the order
/// they first spoke (guests left out: the figure is about the cohort).
pub fn talk_per_participant(turns: &[Turn]) -> Vec<Talk> {
    let mut talk: Vec<Talk> = Vec::new();
    for turn in turns {
        let Some(id) = turn.speaker.participant() else { continue };
        match talk.iter_mut().find(|talk| talk.participant == id) {
            Some(entry) => {
                entry.total = saturating_add(entry.total, turn.length);
                entry.turns += 1;
            }
            None => talk.push(Talk { participant: id.to_string(), total: turn.length, turns: 1 }),
        }
    }
    talk
}

/// Every speaking turn of the session's discussions and Blitzlicht rounds
/// (a pass is no turn), measured at `now`, in the order they began.
pub fn turns(session: &Session, now: Timestamp) -> Vec<Turn> {
    let mut turns = Vec::new();
    for item in &session.agenda {
        let block = &item.block.id;
        if let Some(discussion) = item.method.discussion() {
            turns.extend(discussion.turns.iter().map(|turn| Turn {
                block: block.clone(),
                speaker: turn.speaker.clone(),
                kind: TurnKind::Hand(turn.hand),
                started: turn.started,
                length: turn.length(now),
            }));
        }
        if let Some(reflection) = item.method.reflection() {
            let round = reflection.round.iter().flat_map(|round| &round.turns);
            turns.extend(round.filter(|turn| !turn.passed).map(|turn| Turn {
                block: block.clone(),
                speaker: Speaker::Participant(turn.participant.clone()),
                kind: TurnKind::Blitzlicht,
                started: turn.clock.started(),
                length: turn.clock.length(now),
            }));
        }
    }
    turns.sort_by_key(|turn| turn.started);
    turns
}

fn captures(session: &Session) -> Vec<Captured> {
    let mut captures = Vec::new();
    for item in &session.agenda {
        let block = Some(item.block.id.clone());
        if let Some(discussion) = item.method.discussion() {
            captures.extend(discussion.captures.iter().filter(|captured| !captured.retracted).map(
                |captured| {
                    let (kind, owner, due) = match &captured.capture {
                        DiscussionCapture::Decision { .. } => (CaptureKind::Decision, None, None),
                        DiscussionCapture::Parked { .. } => (CaptureKind::Parked, None, None),
                        DiscussionCapture::Action { owner, due, .. } => {
                            (CaptureKind::Action, owner.clone(), *due)
                        }
                    };
                    Captured {
                        kind,
                        block: block.clone(),
                        at: captured.at,
                        text: captured.capture.text().to_string(),
                        owner,
                        due,
                        protocol: false,
                    }
                },
            ));
        }
        if let Some(reflection) = item.method.reflection() {
            captures.extend(reflection.noted().map(|(_, taken)| Captured {
                kind: if taken.takeaway.commitment { CaptureKind::Commitment } else { CaptureKind::Takeaway },
                block: block.clone(),
                at: taken.at,
                text: taken.takeaway.text.clone(),
                owner: taken.takeaway.owner.clone(),
                due: None,
                protocol: taken.takeaway.protocol,
            }));
        }
    }
    captures.extend(session.notes.iter().map(|note| Captured {
        kind: CaptureKind::Note,
        block: note.block.clone(),
        at: note.at,
        text: note.text.clone(),
        owner: None,
        due: None,
        protocol: false,
    }));
    captures.sort_by_key(|captured| captured.at);
    captures
}

/// The consultations that began, with their groups and cases.
pub fn consultations(session: &Session) -> Vec<Consultation> {
    let mut found = Vec::new();
    for item in &session.agenda {
        let Some(state) = item.method.consultation() else { continue };
        if !item.ran() {
            continue;
        }
        let cx = Context { block: &item.block.id, cohort: &session.cohort, absent: session.absent_for(item) };
        let groups: Vec<Vec<String>> = (0..state.groups)
            .map(|group| state.members(&cx, group).into_iter().map(|p| p.id.clone()).collect())
            .collect();
        let cases = state
            .cases_by_group
            .iter()
            .map(|(&(group, case), recorded)| {
                let roles: Vec<(Role, String)> = Role::ALL
                    .iter()
                    .filter_map(|role| Some((*role, recorded.roles.get(role)?.clone())))
                    .collect();
                let consultants = groups
                    .get(group)
                    .map(|members| {
                        members.iter().filter(|member| recorded.role_of(member).is_none()).cloned().collect()
                    })
                    .unwrap_or_default();
                Case {
                    group,
                    case,
                    roles,
                    consultants,
                    method: recorded.method.clone(),
                    key_question: recorded.key_question.clone(),
                    released: recorded.released,
                    confidential: Confidential {
                        title: recorded.title.clone(),
                        description: recorded.description.clone(),
                        ideas: recorded.ideas().map(|idea| (idea.text.clone(), idea.giver.clone())).collect(),
                        closing: recorded.closing.clone(),
                    },
                }
            })
            .collect();
        found.push(Consultation {
            block: item.block.id.clone(),
            template: state.template.clone(),
            groups,
            cases,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::DateTime;
    use uuid::Uuid;

    use super::*;
    use crate::core::command::Command;
    use crate::core::contacts::Meeting;
    use crate::core::discussion::Command as DiscussionCommand;
    use crate::core::event::{Envelope, Presence};
    use crate::core::method::MethodCommand;

    const PLAN: &str = r#"
id = "j"
title = "Reise"
timezone = "Europe/Berlin"

[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "BVA"
role = "AL"

[[participants]]
id = "bb"
name = "Bernd Bauer"
organisation = "BSI"
role = "AL"

[[participants]]
id = "cc"
name = "Carla Conrad"
organisation = "BVA"
role = "UAL"

[[stations]]
id = "eins"
title = "Eins"
date = "2022-11-28"
start = "09:00"
end = "10:00"
place = "Berlin"
format = "in-person"

[[stations.blocks]]
id = "impuls"
kind = "impulse"
title = "Impuls"
duration = "30m"

[[stations.blocks]]
id = "runde"
kind = "discussion"
title = "Runde"
duration = "30m"
[stations.blocks.discussion]
questions = ["Was nun?"]

[[stations.blocks]]
id = "ende"
kind = "custom"
title = "Ende"
duration = "10m"

[[stations]]
id = "zwei"
title = "Zwei"
date = "2022-12-05"
start = "09:00"
end = "10:00"
place = "Köln"
format = "in-person"

[[stations.blocks]]
id = "x"
kind = "impulse"
title = "X"
duration = "60m"
"#;

    fn plan() -> Journey {
        crate::plan::parse(PLAN).unwrap().0
    }

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2022-11-28T{time}+01:00")).unwrap()
    }

    fn discussion(command: DiscussionCommand) -> Command {
        Command::Method(MethodCommand::Discussion(command))
    }

    /// The first station's log after `steps`, recorded through the core.
    fn log(journey: &Journey, steps: &[(&str, Command)]) -> PastStation {
        let station = journey.stations[0].clone();
        let mut session = Session::new(&station, &journey.participants);
        let mut events = Vec::new();
        for (time, command) in steps {
            for event in session.decide(command, at(time)).unwrap() {
                let envelope = Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: at(time), event };
                session.apply(&envelope);
                events.push(envelope);
            }
        }
        PastStation {
            id: station.id.clone(),
            date: station.date,
            plan: station,
            cohort: journey.participants.clone(),
            events,
        }
    }

    /// The impulse from 09:05 to 09:40; the discussion from 09:40, in which
    /// Bernd's reply is taken before Anna's hand: he speaks 09:41–09:45 with
    /// the block paused 09:42–09:43, she 09:45–09:50; the discussion done at
    /// 09:58 and the end at 10:05.
    fn day() -> Vec<(&'static str, Command)> {
        vec![
            ("09:05:00", Command::StartPause),
            ("09:40:00", Command::NextBlock),
            (
                "09:40:30",
                discussion(DiscussionCommand::Raise { participant: "ab".into(), hand: Hand::Normal }),
            ),
            (
                "09:40:40",
                discussion(DiscussionCommand::Raise { participant: "bb".into(), hand: Hand::Reply }),
            ),
            ("09:41:00", discussion(DiscussionCommand::CallNext)),
            ("09:42:00", Command::StartPause),
            ("09:43:00", Command::StartPause),
            ("09:45:00", discussion(DiscussionCommand::CallNext)),
            ("09:50:00", discussion(DiscussionCommand::EndTurn)),
            ("09:55:00", Command::AddNote { text: "privat".into() }),
            ("09:58:00", Command::NextBlock),
            ("10:05:00", Command::NextBlock),
        ]
    }

    fn stats(steps: &[(&str, Command)]) -> JourneyStats {
        let journey = plan();
        let logs = BTreeMap::from([("eins".to_string(), log(&journey, steps))]);
        super::journey(&journey, &logs)
    }

    #[test]
    fn blocks_are_measured_against_the_plan_on_the_station_day() {
        let stats = stats(&day());
        let station = &stats.stations[0];
        assert_eq!(station.state, StationState::Finished);
        assert_eq!(station.planned_start, at("09:00:00"));
        assert_eq!(station.planned_end, at("10:10:00"));
        assert_eq!(station.actual_start, Some(at("09:05:00")));
        assert_eq!(station.actual_end, Some(at("10:05:00")));
        let impulse = station.block("impuls").unwrap();
        assert_eq!(impulse.planned_start, Some(at("09:00:00")));
        assert_eq!(impulse.planned_end, Some(at("09:30:00")));
        assert_eq!(impulse.actual(None), Some(TimeDelta::minutes(35)));
        assert_eq!(impulse.difference(), Some(TimeDelta::minutes(5)));
        assert!(impulse.overrun);
        let discussion = station.block("runde").unwrap();
        // 09:40 to 09:58 with one minute paused: ran 17 minutes of 30.
        assert_eq!(
            (discussion.planned_start, discussion.started),
            (Some(at("09:30:00")), Some(at("09:40:00")))
        );
        assert_eq!(discussion.ran, TimeDelta::minutes(17));
        assert_eq!((discussion.pauses, discussion.paused), (1, TimeDelta::minutes(1)));
        assert_eq!(discussion.difference(), Some(TimeDelta::minutes(-12)));
        assert!(!discussion.overrun);
        // Planned 09:00/09:30/10:00/10:10. Behind at the impulse's start (5)
        // and end (10), the discussion's start (10) and end at 09:58 (-2), the
        // end's start (-2) and its end at 10:05 (-5).
        let behind: Vec<i64> = station.drift.iter().map(|point| point.behind.num_minutes()).collect();
        assert_eq!(behind, [5, 10, 10, -2, -2, -5]);
        assert_eq!(station.worst_behind(), Some(TimeDelta::minutes(10)));
    }

    #[test]
    fn talk_time_leaves_out_the_block_pause_and_names_who_did_not_speak() {
        let stats = stats(&day());
        let station = &stats.stations[0];
        // Bernd 09:41–09:45 less the paused minute: 3 minutes; Anna 09:45–09:50: 5.
        let talk: Vec<(String, i64, usize)> = station
            .talk(None)
            .into_iter()
            .map(|talk| (talk.participant, talk.total.num_seconds(), talk.turns))
            .collect();
        let expected = [("ab", 300, 1), ("bb", 180, 1), ("cc", 0, 0)];
        assert_eq!(talk, expected.map(|(id, secs, turns)| (id.to_string(), secs, turns)));
        assert_eq!(
            station.talk_by_organisation(None),
            [("BVA".to_string(), TimeDelta::minutes(5)), ("BSI".to_string(), TimeDelta::minutes(3))]
        );
        assert_eq!(station.silent(None).iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["cc"]);
        assert_eq!(station.speakers(), 2);
        assert_eq!(station.turns[0].kind, TurnKind::Hand(Hand::Reply));
        assert_eq!(station.turns[1].kind, TurnKind::Hand(Hand::Normal));
        assert_eq!(station.blocks_with_turns(), ["runde"]);
        assert!(station.talk(Some("impuls")).iter().all(|talk| talk.turns == 0));
    }

    #[test]
    fn someone_absent_who_did_not_speak_is_not_counted_as_silent() {
        let mut steps = day();
        steps.insert(
            0,
            ("08:59:00", Command::SetPresence { participant: "cc".into(), presence: Presence::Absent }),
        );
        let stats = stats(&steps);
        let station = &stats.stations[0];
        assert!(station.silent(None).is_empty());
        assert_eq!(station.talk(None).len(), 2);
    }

    #[test]
    fn notes_are_captures_marked_private() {
        let stats = stats(&day());
        let notes: Vec<&Captured> = stats.stations[0].captures.iter().filter(|c| c.private()).collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(
            (notes[0].kind, notes[0].block.as_deref(), notes[0].text.as_str()),
            (CaptureKind::Note, Some("runde"), "privat")
        );
    }

    #[test]
    fn a_station_without_a_log_is_planned_only_and_a_begun_one_runs() {
        let stats = stats(&day()[..3]);
        assert_eq!(stats.stations[0].state, StationState::Running);
        assert_eq!(stats.stations[0].actual_end, None);
        let planned = &stats.stations[1];
        assert_eq!((planned.state, planned.logged), (StationState::NotStarted, false));
        assert_eq!(
            planned.blocks[0].planned_start.map(|at| planned.local(at).to_string()).as_deref(),
            Some("2022-12-05 09:00:00")
        );
        assert!(planned.drift.is_empty() && planned.turns.is_empty());
    }

    #[test]
    fn a_re_anchored_day_is_still_measured_against_the_plan_it_began_with() {
        let mut steps = day();
        // At 09:45 the facilitator shifts the plan so the discussion is on time from now on.
        steps.insert(3, ("09:45:00", Command::Reanchor));
        let stats = stats(&steps);
        let station = &stats.stations[0];
        assert_eq!(station.planned_start, at("09:00:00"));
        assert_eq!(station.block("impuls").unwrap().planned_start, Some(at("09:00:00")));
        assert_eq!(station.worst_behind(), Some(TimeDelta::minutes(10)));
    }

    #[test]
    fn who_left_after_a_block_was_there_for_it_and_a_block_stepped_back_from_has_not_run() {
        let mut steps = day();
        // Carla leaves at 10:06, after the discussion she sat through in silence.
        steps.push((
            "10:06:00",
            Command::SetPresence { participant: "cc".into(), presence: Presence::Absent },
        ));
        let figures = stats(&steps);
        let station = &figures.stations[0];
        assert_eq!(station.silent(None).iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["cc"]);
        assert_eq!(station.silent(Some("runde")).len(), 1);
        // The impulse started, then the facilitator stepped back to the agenda before it.
        let stepped = stats(&[
            ("09:05:00", Command::StartPause),
            ("09:06:00", Command::NextBlock),
            ("09:07:00", Command::PreviousBlock),
        ]);
        let runde = stepped.stations[0].block("runde").unwrap();
        assert_eq!(
            (runde.state, runde.started, runde.actual(stepped.stations[0].last_event)),
            (BlockState::Upcoming, None, None)
        );
        assert!(runde.attended.is_empty());
    }

    #[test]
    fn a_day_run_on_another_date_is_a_rehearsal_and_its_plan_starts_when_it_began() {
        let journey = plan();
        let station = journey.stations[0].clone();
        let mut session = Session::new(&station, &journey.participants);
        let mut events = Vec::new();
        let later = |time: &str| DateTime::parse_from_rfc3339(&format!("2022-11-30T{time}+01:00")).unwrap();
        for (time, command) in [("14:00:00", Command::StartPause), ("14:40:00", Command::NextBlock)] {
            for event in session.decide(&command, later(time)).unwrap() {
                let envelope =
                    Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: later(time), event };
                session.apply(&envelope);
                events.push(envelope);
            }
        }
        let log = PastStation {
            id: "eins".into(),
            date: station.date,
            plan: station,
            cohort: journey.participants.clone(),
            events,
        };
        let stats = super::journey(&journey, &BTreeMap::from([("eins".to_string(), log)]));
        let rehearsal = &stats.stations[0];
        assert_eq!(rehearsal.rehearsed, NaiveDate::from_ymd_opt(2022, 11, 30));
        assert_eq!(rehearsal.planned_start, later("14:00:00"));
        assert_eq!(
            rehearsal.worst_behind(),
            Some(TimeDelta::minutes(10)),
            "the impulse ran 40 of 30 minutes"
        );
        assert_eq!(stats.stations[1].rehearsed, None);
        assert_eq!(super::journey(&journey, &BTreeMap::new()).stations[0].rehearsed, None);
    }

    #[test]
    fn the_network_counts_pairs_new_at_each_station() {
        let cohort = plan().participants;
        let mut before = Contacts::default();
        before.add_group(&["ab".into(), "bb".into()], Meeting::at("eins"));
        let mut after = before.clone();
        after.add_group(&["ab".into(), "bb".into(), "cc".into()], Meeting::at("zwei"));
        assert_eq!(new_pairs(&before, &after, &cohort), 2);
        let network = network(after, &cohort);
        assert_eq!((network.never_met, network.pairs), (0, 3));
        assert_eq!(network.met, [("ab".to_string(), 2), ("bb".to_string(), 2), ("cc".to_string(), 2)]);
        let untouched = super::network(Contacts::default(), &cohort);
        assert_eq!(untouched.never_met, 3);
    }
}
