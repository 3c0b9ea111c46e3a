//! What the room may see, computed from the session and nothing else: the
//! projection, the mirror mode and the follower draw only from a [`RoomView`].
//! Private notes, the plan's block notes, drift figures and what a method
//! keeps confidential have no field here, so they cannot reach the wall.

use chrono::TimeDelta;

use super::Timestamp;
use super::agenda::project;
use super::discussion::RoomPerson;
use super::event::Scene;
use super::method::MethodRoom;
use super::session::{AgendaItem, BlockState, Session};
use super::timer::{TimerState, later};
use crate::plan::{Block, BlockKind, Participant, PersonClock, Station};

/// Everything a projection frame may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomView {
    pub station_title: String,
    /// Where the station takes place.
    pub place: String,
    pub now: Timestamp,
    pub scene: RoomScene,
}

/// What the room sees now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomScene {
    /// Before the station (or its next block) starts.
    Waiting {
        next: Option<RoomNext>,
    },
    /// The current block and its timer (boxed: it is by far the largest scene).
    Block(Box<RoomBlock>),
    /// The day's agenda with adjusted times: how many blocks are done (folded
    /// into one line), then the current and upcoming ones; skipped blocks left out.
    Agenda {
        done: usize,
        rows: Vec<RoomAgendaRow>,
    },
    /// A short text for the room.
    Message(String),
    Blank,
    /// The current discussion's talk time per participant, when the facilitator shows it.
    TalkTime(Vec<(RoomPerson, TimeDelta)>),
    /// Every block is done.
    Finished,
}

/// The block that starts next, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomNext {
    pub start: Timestamp,
    pub title: String,
}

/// The current block as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomBlock {
    pub kind: BlockKind,
    pub title: String,
    /// Who gives it: a participant (name · organisation) or a guest speaker.
    pub presenter: Option<String>,
    pub remaining: TimeDelta,
    /// When it ends as the timer stands (now in overtime): a break says "back at" this.
    pub end: Timestamp,
    /// The timer's state as the room may see it: a block with a person on it
    /// is never in last minutes or overtime on the wall unless its plan asks
    /// (`speaker_clock = "visible"`), and its `remaining` stops at zero.
    pub timer: TimerState,
    /// The public part of its method.
    pub method: Option<MethodRoom>,
}

/// One line of the projected agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomAgendaRow {
    pub start: Timestamp,
    pub title: String,
    pub state: BlockState,
    /// The block starts at a fixed time (a meal, a visit, the bus).
    pub fixed: bool,
}

impl RoomView {
    /// What the room may see of `station`'s `session` at `now`.
    pub fn new(station: &Station, session: &Session, now: Timestamp) -> RoomView {
        let scene = match &session.scene {
            Scene::Auto => auto(session, now),
            Scene::Agenda => {
                let projection = project(session, now);
                let items = || session.agenda.iter().zip(&projection.rows);
                RoomScene::Agenda {
                    done: items().filter(|(item, _)| item.state == BlockState::Done).count(),
                    rows: items()
                        .filter(|(item, _)| matches!(item.state, BlockState::Current | BlockState::Upcoming))
                        .map(|(item, row)| RoomAgendaRow {
                            start: row.start,
                            title: item.block.title.clone(),
                            state: item.state,
                            fixed: item.block.fixed_start.is_some(),
                        })
                        .collect(),
                }
            }
            Scene::Message { text } => RoomScene::Message(text.clone()),
            Scene::Blank => RoomScene::Blank,
            Scene::TalkTime => match session.current_discussion() {
                Some((_, discussion)) => RoomScene::TalkTime(discussion.room_talk_time(&session.cohort, now)),
                None => auto(session, now),
            },
        };
        RoomView { station_title: station.title.clone(), place: station.place.clone(), now, scene }
    }

    /// Before the station has a log: waiting for its first block at its planned start.
    pub fn waiting(station: &Station, now: Timestamp) -> RoomView {
        RoomView::new(station, &Session::new(station, &[]), now)
    }
}

/// The current block with its timer, else what comes next, else the end.
fn auto(session: &Session, now: Timestamp) -> RoomScene {
    if let Some(item) = session.current() {
        return RoomScene::Block(Box::new(block(session, item, now)));
    }
    if session.is_finished() {
        return RoomScene::Finished;
    }
    let projection = project(session, now);
    let next = session
        .agenda
        .iter()
        .zip(&projection.rows)
        .find(|(item, _)| item.state == BlockState::Upcoming)
        .map(|(item, row)| RoomNext { start: row.start, title: item.block.title.clone() });
    RoomScene::Waiting { next }
}

/// Who gives a block: the participant who owns it (name · organisation) or a guest speaker.
pub fn presenter(block: &Block, cohort: &[Participant]) -> Option<String> {
    block
        .owner
        .as_ref()
        .and_then(|id| cohort.iter().find(|p| &p.id == id))
        .map(|p| format!("{} · {}", p.name, p.organisation))
        .or_else(|| block.speaker.clone())
}

fn block(session: &Session, item: &AgendaItem, now: Timestamp) -> RoomBlock {
    let block = &item.block;
    let remaining = item.timer.remaining(now);
    let timer = item.timer.state(now, TimeDelta::seconds(i64::from(block.last_minutes_secs)));
    // Nothing on the wall singles out a person's time: the figures stay on the console.
    let (remaining, timer) = match discreet(block) {
        true => (remaining.max(TimeDelta::zero()), calm(timer)),
        false => (remaining, timer),
    };
    RoomBlock {
        kind: block.kind,
        title: block.title.clone(),
        presenter: presenter(block, &session.cohort),
        remaining,
        // Saturating: a log with absurd extensions must not panic the wall.
        end: later(now, remaining.max(TimeDelta::zero())),
        timer,
        method: item.method.room(&session.context(&block.id), now),
    }
}

/// Whether the room sees a calm clock for `block`: a person is on it and its
/// plan did not ask for the clock to be visible.
pub fn discreet(block: &Block) -> bool {
    block.has_person() && block.speaker_clock == PersonClock::Discreet
}

/// A timer state without the cues that would point at a person: running or paused.
fn calm(state: TimerState) -> TimerState {
    match state {
        TimerState::Running | TimerState::LastMinutes | TimerState::Overtime => TimerState::Running,
        TimerState::Paused => TimerState::Paused,
    }
}
