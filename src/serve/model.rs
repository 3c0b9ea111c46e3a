//! What a served page shows, as JSON: built from the room's view alone, in
//! the room's language. A page is a list of parts (a title, a line of text,
//! a clock, a list, cards of groups), which the browser draws as text; the
//! catalogue adds only its public texts (a phase's rule, a method's instruction).
//!
//! Clocks carry reference instants, not figures: a running clock says when it
//! reads zero, and the browser counts. To tell a running clock from a stopped
//! one without a field the room's view does not have, the page is built from
//! the view now and the same view a second later: a clock whose time left
//! shrank runs. The JSON changes only when something the room sees changes.

use chrono::TimeDelta;
use serde::Serialize;

use crate::core::Timestamp;
use crate::core::catalogue;
use crate::core::consultation::{self, RoomGroup};
use crate::core::discussion::{self, Hand, RoomPerson, RoomSpeakerClock};
use crate::core::exchange;
use crate::core::method::MethodRoom;
use crate::core::reflection;
use crate::core::room::{RoomAgendaRow, RoomBlock, RoomNext, RoomScene, RoomView};
use crate::core::timer::TimerState;
use crate::i18n::{
    ConsultationLabel, DiscussionLabel, ExchangeLabel, Label, Lang, ProjectionLabel, ReflectionLabel,
    ServeLabel,
};
use crate::plan::BlockKind;
use crate::ui::format::{clock, elapsed};

/// One page's content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    pub lang: &'static str,
    pub station: String,
    /// The station's UTC offset in minutes: the page shows the room's local time.
    pub offset: i32,
    /// What the scene is, for its look: `waiting`, `block`, `agenda`,
    /// `message`, `blank`, `talk`, `finished`, `group`, `groups`.
    pub scene: &'static str,
    /// That the log cannot be read right now (the last good state stays).
    pub warning: Option<String>,
    pub labels: Labels,
    pub parts: Vec<Part>,
}

/// The page's fixed words: the notice while the connection is lost and the links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Labels {
    pub lost: &'static str,
    pub room: &'static str,
    pub groups: &'static str,
}

/// One piece of a page, drawn as text by the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "k", rename_all = "lowercase")]
pub enum Part {
    /// A small line above the title.
    Kicker {
        text: String,
    },
    Title {
        text: String,
    },
    /// As large as the screen allows (a message, a speaker's name, a time).
    Big {
        text: String,
    },
    /// A line with an optional label before it.
    Text {
        label: Option<String>,
        text: String,
        tone: Tone,
    },
    Clock(Clock),
    List {
        heading: Option<String>,
        items: Vec<String>,
    },
    /// Groups or tables side by side.
    Cards {
        items: Vec<Card>,
    },
    Bars {
        items: Vec<Bar>,
    },
    /// Links to the groups' pages (`None`: the room's view).
    Links {
        items: Vec<Link>,
    },
}

/// How a line of text stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tone {
    Base,
    Dim,
    Strong,
    /// Something the group works on (a released key question, a shown takeaway).
    Key,
}

/// A clock the browser counts itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// While it runs: when it reads zero (milliseconds since the epoch).
    pub end: Option<i64>,
    /// While it stands: what it reads, in milliseconds left (negative: over).
    pub left: Option<i64>,
    /// It counts up from zero (a speaker without a limit): `end` is its start.
    pub up: bool,
    /// `running`, `last`, `over`, `paused` or `calm` (a calm clock never turns red).
    pub tone: &'static str,
    /// The state in words beside the digits (not while simply running).
    pub word: Option<&'static str>,
    /// The word shown instead of digits once it reads zero or less.
    pub zero: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Card {
    pub heading: String,
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub name: String,
    pub value: String,
    /// Of the longest bar, in percent.
    pub share: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub group: Option<usize>,
    pub text: String,
}

/// What a page may use: the room's view now and a second later, the room's language.
#[derive(Debug, Clone, Copy)]
pub struct Views<'a> {
    pub now: &'a RoomView,
    pub later: &'a RoomView,
    pub lang: Lang,
    pub warning: Option<&'a str>,
}

/// Which page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Room,
    Groups,
    /// 1-based.
    Group(usize),
}

impl Views<'_> {
    /// The page `which` as it stands.
    pub fn page(&self, which: Which) -> Page {
        let (scene, parts) = match which {
            Which::Room => self.room(),
            Which::Groups => ("groups", self.groups()),
            Which::Group(number) => self.group(number).map_or_else(|| self.room(), |parts| ("group", parts)),
        };
        Page {
            lang: match self.lang {
                Lang::De => "de",
                Lang::En => "en",
            },
            station: self.now.station_title.clone(),
            offset: self.now.now.offset().local_minus_utc() / 60,
            scene,
            warning: self.warning.map(str::to_string),
            labels: Labels {
                lost: ServeLabel::ConnectionLost.text(self.lang),
                room: ServeLabel::RoomView.text(self.lang),
                groups: ServeLabel::Groups.text(self.lang),
            },
            parts,
        }
    }

    /// How many groups (or tables) work in parallel now.
    pub fn group_count(&self) -> usize {
        match current(self.now).and_then(|block| block.method.as_ref()) {
            Some(MethodRoom::Consultation(room)) => room.groups.len(),
            Some(MethodRoom::Exchange(room)) => room.tables.len(),
            Some(MethodRoom::Discussion(_) | MethodRoom::Reflection(_)) | None => 0,
        }
    }

    fn label(&self, label: Label) -> String {
        label.text(self.lang).to_string()
    }

    fn room(&self) -> (&'static str, Vec<Part>) {
        let view = self.now;
        match &view.scene {
            RoomScene::Waiting { next } => ("waiting", self.waiting(next.as_ref())),
            RoomScene::Block(block) => ("block", self.block(block)),
            RoomScene::Agenda { done, rows } => ("agenda", self.agenda(*done, rows)),
            RoomScene::Message(text) => ("message", vec![Part::Big { text: text.clone() }]),
            RoomScene::Blank => ("blank", Vec::new()),
            RoomScene::TalkTime(talk) => ("talk", self.talk_time(talk)),
            RoomScene::Finished => (
                "finished",
                vec![Part::Big { text: self.label(Label::Projection(ProjectionLabel::ThankYou)) }],
            ),
        }
    }

    fn waiting(&self, next: Option<&RoomNext>) -> Vec<Part> {
        let view = self.now;
        let mut parts =
            vec![Part::Title { text: view.station_title.clone() }, text(None, &view.place, Tone::Base)];
        match next.filter(|next| next.start - view.now >= TimeDelta::minutes(1)) {
            Some(next) => {
                parts.push(text(None, &self.label(Label::Projection(ProjectionLabel::StartsAt)), Tone::Dim));
                parts.push(Part::Big { text: clock(next.start) });
                parts.push(text(None, &next.title, Tone::Base));
            }
            None => {
                parts.push(text(None, &self.label(Label::Projection(ProjectionLabel::Waiting)), Tone::Base))
            }
        }
        parts
    }

    fn block(&self, block: &RoomBlock) -> Vec<Part> {
        match &block.method {
            Some(MethodRoom::Discussion(room)) => self.discussion(block, room),
            Some(MethodRoom::Consultation(room)) => self.consultation(block, room),
            Some(MethodRoom::Reflection(room)) => self.reflection(block, room),
            Some(MethodRoom::Exchange(room)) => self.exchange(block, room),
            None => self.plain(block),
        }
    }

    /// The block's own timer.
    fn block_clock(&self, block: &RoomBlock) -> Clock {
        countdown(self.now.now, block.remaining, block.timer != TimerState::Paused, tone(block.timer))
            .with_word(word(block.timer, self.lang))
    }

    fn plain(&self, block: &RoomBlock) -> Vec<Part> {
        let mut parts = vec![
            Part::Kicker { text: self.label(Label::Kind(block.kind)) },
            Part::Title { text: block.title.clone() },
        ];
        if let Some(presenter) = &block.presenter {
            parts.push(text(None, presenter, Tone::Base));
        }
        if block.kind == BlockKind::Break {
            // A break says when the room continues; the countdown stays, small.
            let back = if block.remaining > TimeDelta::zero() {
                let end = clock(block.end + TimeDelta::seconds(30));
                format!("{} {end}", self.label(Label::Projection(ProjectionLabel::BackAt)))
            } else {
                self.label(Label::Projection(ProjectionLabel::BackSoon))
            };
            parts.push(Part::Big { text: back });
        }
        parts.push(Part::Clock(self.block_clock(block)));
        parts
    }

    fn discussion(&self, block: &RoomBlock, room: &discussion::Room) -> Vec<Part> {
        let lang = self.lang;
        let mut parts = vec![Part::Title { text: block.title.clone() }];
        if let Some(question) = &room.question {
            let label = self.label(Label::Discussion(DiscussionLabel::Question));
            let label =
                if question.of > 1 { format!("{label} {}/{}", question.number, question.of) } else { label };
            parts.push(text(Some(label), &question.text, Tone::Strong));
        }
        let mut clock = self.block_clock(block);
        match &room.speaker {
            Some(speaker) => {
                parts.push(Part::Big { text: speaker.person.name.clone() });
                let mut line = speaker.person.organisation.clone();
                if let Some(mark) = hand_mark(speaker.hand, lang) {
                    line = join(&line, &mark);
                }
                match speaker.clock {
                    RoomSpeakerClock::Shown { spoken, limit } => {
                        let later = later_discussion(self.later).and_then(|room| room.speaker.as_ref());
                        let running = later.is_some_and(|later| match later.clock {
                            RoomSpeakerClock::Shown { spoken: after, .. } => after > spoken,
                            RoomSpeakerClock::Hidden | RoomSpeakerClock::Cue { .. } => false,
                        });
                        clock = speaker_clock(self.now.now, spoken, limit, running);
                    }
                    RoomSpeakerClock::Cue { time_up } => {
                        if time_up {
                            line =
                                join(&line, &self.label(Label::Projection(ProjectionLabel::SpeakerTimeCue)));
                        }
                    }
                    RoomSpeakerClock::Hidden => {}
                }
                parts.push(text(None, &line, Tone::Base));
            }
            None => parts.push(text(
                None,
                &self.label(Label::Discussion(DiscussionLabel::NobodySpeaking)),
                Tone::Dim,
            )),
        }
        parts.push(Part::Clock(clock));
        if !room.next.is_empty() {
            parts.push(Part::List {
                heading: Some(self.label(Label::Discussion(DiscussionLabel::NextSpeakers))),
                items: room
                    .next
                    .iter()
                    .enumerate()
                    .map(|(index, (person, hand))| {
                        let name = format!("{}. {}", index + 1, person.name);
                        hand_mark(*hand, lang).map_or(name.clone(), |mark| format!("{name}  {mark}"))
                    })
                    .collect(),
            });
        }
        parts
    }

    /// The phase as the whole room sees it, and the phase clock.
    fn phase_parts(&self, room: &consultation::Room) -> (Vec<Part>, Clock) {
        let lang = self.lang;
        let word_of = |label: ConsultationLabel| label.text(lang).to_string();
        let mut parts = vec![text(
            None,
            &format!(
                "{} {}/{} · {} {}/{}",
                word_of(ConsultationLabel::Case),
                room.case,
                room.cases,
                word_of(ConsultationLabel::Phase),
                room.phase_number,
                room.phases
            ),
            Tone::Dim,
        )];
        if let Some(phase) =
            catalogue::template(&room.template).and_then(|template| template.phase(&room.phase))
        {
            parts.push(Part::Title { text: phase.name.get(lang).to_string() });
            parts.push(text(None, phase.purpose.get(lang), Tone::Base));
            parts.push(text(Some(word_of(ConsultationLabel::Speaks)), phase.speaks.get(lang), Tone::Base));
            parts.push(text(None, phase.rule.get(lang), Tone::Strong));
        }
        let clock =
            countdown(self.now.now, room.remaining, room.clock != TimerState::Paused, tone(room.clock))
                .with_word(word(room.clock, lang));
        (parts, clock)
    }

    fn consultation(&self, block: &RoomBlock, room: &consultation::Room) -> Vec<Part> {
        let lang = self.lang;
        let (mut parts, clock) = self.phase_parts(room);
        parts.insert(0, Part::Kicker { text: block.title.clone() });
        let several = room.groups.len() > 1;
        let group_word = ConsultationLabel::Group.text(lang);
        for group in &room.groups {
            let who = |label: ConsultationLabel| {
                let label = label.text(lang);
                if several { format!("{group_word} {} · {label}", group.number) } else { label.to_string() }
            };
            if let Some(method) = group.method.as_deref().and_then(catalogue::consultation_method) {
                parts.push(text(Some(who(ConsultationLabel::Method)), method.name.get(lang), Tone::Strong));
                parts.push(text(None, method.instruction.get(lang), Tone::Base));
            }
            if let Some(question) = &group.key_question {
                parts.push(text(Some(who(ConsultationLabel::KeyQuestion)), question, Tone::Key));
            }
        }
        parts.push(Part::Clock(clock));
        parts.push(Part::Cards {
            items: room
                .groups
                .iter()
                .map(|group| Card {
                    heading: format!("{group_word} {}", group.number),
                    lines: self.members(group, false),
                })
                .collect(),
        });
        parts
    }

    /// A group's members: the roles first, then the consultants; the
    /// organisations on the group's own page, where there is room for them.
    fn members(&self, group: &RoomGroup, organisations: bool) -> Vec<String> {
        let lang = self.lang;
        let name = |person: &RoomPerson| if organisations { named(person) } else { person.name.clone() };
        let mut lines: Vec<String> = group
            .roles
            .iter()
            .map(|(role, person)| format!("{}: {}", role.text(lang), name(person)))
            .collect();
        if !group.consultants.is_empty() {
            let names: Vec<&str> = group.consultants.iter().map(|person| person.name.as_str()).collect();
            lines.push(format!("{}: {}", ConsultationLabel::Consultants.text(lang), names.join(", ")));
        }
        lines
    }

    fn reflection(&self, block: &RoomBlock, room: &reflection::Room) -> Vec<Part> {
        let lang = self.lang;
        let mut parts = vec![Part::Title { text: block.title.clone() }];
        if let Some(phase) = &room.phase {
            let name = phase.name.get(lang);
            let line = match (&room.format, phase.of) {
                (Some(format), 1) if format.get(lang) == name => name.to_string(),
                (Some(format), 1) => format!("{} · {name}", format.get(lang)),
                (_, of) => format!("{} {}/{of} · {name}", ReflectionLabel::Phase.text(lang), phase.number),
            };
            parts.insert(0, Part::Kicker { text: line });
            parts.push(text(None, phase.task.get(lang), Tone::Base));
            for prompt in &phase.prompts {
                parts.push(text(None, prompt.get(lang), Tone::Strong));
            }
        }
        if let Some(takeaway) = &room.takeaway {
            parts.push(text(None, &format!("„{takeaway}“"), Tone::Key));
        }
        match room.round.as_ref().filter(|round| round.started) {
            Some(round) => {
                match &round.speaker {
                    Some(turn) => {
                        parts.push(Part::Big { text: turn.person.name.clone() });
                        parts.push(text(None, &turn.person.organisation, Tone::Dim));
                    }
                    None => parts.push(Part::Big { text: ReflectionLabel::RoundDone.text(lang).to_string() }),
                }
                let next: Vec<&str> = round.next.iter().map(|person| person.name.as_str()).collect();
                if !next.is_empty() {
                    parts.push(text(
                        Some(ReflectionLabel::Next.text(lang).to_string()),
                        &next.join(" · "),
                        Tone::Base,
                    ));
                }
                parts.push(text(None, ReflectionLabel::Rules.text(lang), Tone::Dim));
            }
            None => {
                if let Some(phase) = &room.phase {
                    let later = later_reflection(self.later).and_then(|room| room.phase.as_ref());
                    let running = later.is_some_and(|later| later.remaining < phase.remaining);
                    let mut clock = countdown(self.now.now, phase.remaining, running, "calm");
                    clock.zero = Some(Label::Projection(ProjectionLabel::TimeUp).text(lang));
                    clock.word = (!running).then(|| word(TimerState::Paused, lang)).flatten();
                    parts.push(Part::Clock(clock));
                }
            }
        }
        parts
    }

    fn exchange(&self, block: &RoomBlock, room: &exchange::Room) -> Vec<Part> {
        let lang = self.lang;
        let mut parts = vec![
            Part::Kicker { text: format!("{} {}/{}", ExchangeLabel::Round.text(lang), room.round, room.of) },
            Part::Title { text: block.title.clone() },
        ];
        if room.tables.is_empty() {
            parts.push(Part::Big { text: ExchangeLabel::GroupsComing.text(lang).to_string() });
        } else {
            parts.push(Part::Cards {
                items: room
                    .tables
                    .iter()
                    .map(|table| Card {
                        heading: self.table_name(room, table.number),
                        lines: self.seats(table),
                    })
                    .collect(),
            });
        }
        if let Some(question) = &room.question {
            parts.push(text(None, question, Tone::Strong));
        }
        if let Some(clock) = self.round_clock(room) {
            parts.push(Part::Clock(clock));
        }
        parts
    }

    fn table_name(&self, room: &exchange::Room, number: usize) -> String {
        let place = if room.breakout_rooms { ExchangeLabel::BreakoutRoom } else { ExchangeLabel::Table };
        format!("{} {number}", place.text(self.lang))
    }

    fn seats(&self, table: &exchange::RoomTable) -> Vec<String> {
        table
            .members
            .iter()
            .map(|member| {
                let mut line = member.name.clone();
                if let Some(organisation) = &member.organisation {
                    line = format!("{line} · {organisation}");
                }
                if member.host {
                    line = format!("{line} ({})", ExchangeLabel::Host.text(self.lang));
                }
                line
            })
            .collect()
    }

    fn round_clock(&self, room: &exchange::Room) -> Option<Clock> {
        let remaining = room.remaining?;
        let later = later_exchange(self.later).and_then(|room| room.remaining);
        let running = later.is_some_and(|later| later < remaining);
        let mut clock =
            countdown(self.now.now, remaining, running, if running { "running" } else { "paused" });
        clock.zero = Some(ExchangeLabel::MoveOn.text(self.lang));
        clock.word = (!running).then(|| word(TimerState::Paused, self.lang)).flatten();
        Some(clock)
    }

    fn agenda(&self, done: usize, rows: &[RoomAgendaRow]) -> Vec<Part> {
        let lang = self.lang;
        let fixed = |row: &RoomAgendaRow| {
            if row.fixed { format!("  · {}", ProjectionLabel::FixedStart.text(lang)) } else { String::new() }
        };
        let mut parts = vec![Part::Kicker { text: ProjectionLabel::Agenda.text(lang).to_string() }];
        if done > 0 {
            parts.push(text(
                None,
                &format!("✓ {done} {}", ProjectionLabel::BlocksDone.text(lang)),
                Tone::Dim,
            ));
        }
        if let Some(first) = rows.first() {
            parts.push(Part::Title {
                text: format!("{}  {}{}", clock(first.start), first.title, fixed(first)),
            });
        }
        parts.push(Part::List {
            heading: None,
            items: rows
                .iter()
                .skip(1)
                .map(|row| format!("{}  {}{}", clock(row.start), row.title, fixed(row)))
                .collect(),
        });
        parts
    }

    fn talk_time(&self, talk: &[(RoomPerson, TimeDelta)]) -> Vec<Part> {
        let mut talk: Vec<&(RoomPerson, TimeDelta)> = talk.iter().collect();
        talk.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
        let longest = talk.first().map_or(1, |(_, spoken)| spoken.num_seconds().max(1));
        vec![
            Part::Title { text: self.label(Label::Discussion(DiscussionLabel::TalkTime)) },
            Part::Bars {
                items: talk
                    .iter()
                    .map(|(person, spoken)| Bar {
                        name: person.name.clone(),
                        value: elapsed(*spoken),
                        share: (spoken.num_seconds().max(0) * 100 / longest).max(1),
                    })
                    .collect(),
            },
        ]
    }

    /// The page listing the groups, with links; the room's view is always one of them.
    fn groups(&self) -> Vec<Part> {
        let lang = self.lang;
        let mut parts = vec![Part::Title { text: ServeLabel::Groups.text(lang).to_string() }];
        let mut links = Vec::new();
        match current(self.now).and_then(|block| block.method.as_ref()) {
            Some(MethodRoom::Consultation(room)) => {
                for group in &room.groups {
                    let mut names: Vec<&str> =
                        group.roles.iter().map(|(_, person)| person.name.as_str()).collect();
                    names.extend(group.consultants.iter().map(|person| person.name.as_str()));
                    let heading = format!("{} {}", ConsultationLabel::Group.text(lang), group.number);
                    links.push(Link { group: Some(group.number), text: join(&heading, &names.join(", ")) });
                }
            }
            Some(MethodRoom::Exchange(room)) => {
                for table in &room.tables {
                    let names: Vec<&str> = table.members.iter().map(|member| member.name.as_str()).collect();
                    let heading = self.table_name(room, table.number);
                    links.push(Link { group: Some(table.number), text: join(&heading, &names.join(", ")) });
                }
            }
            Some(MethodRoom::Discussion(_) | MethodRoom::Reflection(_)) | None => {}
        }
        if links.is_empty() {
            parts.push(text(None, ServeLabel::NoGroups.text(lang), Tone::Dim));
        }
        links.push(Link { group: None, text: ServeLabel::RoomView.text(lang).to_string() });
        parts.push(Part::Links { items: links });
        parts
    }

    /// What group (or table) `number` needs; `None` when nothing runs in groups
    /// or it has no such group: its page then shows the room's view.
    fn group(&self, number: usize) -> Option<Vec<Part>> {
        let lang = self.lang;
        let block = current(self.now)?;
        match block.method.as_ref()? {
            MethodRoom::Consultation(room) => {
                let group = room.groups.iter().find(|group| group.number == number)?;
                let (mut parts, clock) = self.phase_parts(room);
                let heading = format!("{} {number}", ConsultationLabel::Group.text(lang));
                parts.insert(0, Part::Kicker { text: join(&heading, &block.title) });
                if let Some(method) = group.method.as_deref().and_then(catalogue::consultation_method) {
                    parts.push(text(
                        Some(ConsultationLabel::Method.text(lang).to_string()),
                        method.name.get(lang),
                        Tone::Strong,
                    ));
                    parts.push(text(None, method.instruction.get(lang), Tone::Base));
                }
                if let Some(question) = &group.key_question {
                    let label = ConsultationLabel::KeyQuestion.text(lang).to_string();
                    parts.push(text(Some(label), question, Tone::Key));
                }
                parts.push(Part::Clock(clock));
                parts.push(Part::List { heading: Some(heading), items: self.members(group, true) });
                Some(parts)
            }
            MethodRoom::Exchange(room) => {
                let table = room.tables.iter().find(|table| table.number == number)?;
                let mut parts = vec![
                    Part::Kicker {
                        text: format!(
                            "{} · {} {}/{}",
                            block.title,
                            ExchangeLabel::Round.text(lang),
                            room.round,
                            room.of
                        ),
                    },
                    Part::Title { text: self.table_name(room, number) },
                    Part::List { heading: None, items: self.seats(table) },
                ];
                if let Some(question) = &room.question {
                    parts.push(text(None, question, Tone::Strong));
                }
                if let Some(clock) = self.round_clock(room) {
                    parts.push(Part::Clock(clock));
                }
                Some(parts)
            }
            MethodRoom::Discussion(_) | MethodRoom::Reflection(_) => None,
        }
    }
}

impl Clock {
    fn with_word(mut self, word: Option<&'static str>) -> Clock {
        self.word = word;
        self
    }
}

fn text(label: Option<String>, text: &str, tone: Tone) -> Part {
    Part::Text { label, text: text.to_string(), tone }
}

/// "a · b", or whichever is not empty.
fn join(a: &str, b: &str) -> String {
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a} · {b}"),
        (true, _) => b.to_string(),
        (false, true) => a.to_string(),
    }
}

fn named(person: &RoomPerson) -> String {
    join(&person.name, &person.organisation)
}

fn hand_mark(hand: Hand, lang: Lang) -> Option<String> {
    match hand {
        Hand::Normal => None,
        Hand::Reply => Some(format!("↩ {}", DiscussionLabel::Reply.text(lang))),
        Hand::PointOfOrder => Some(format!("‼ {}", DiscussionLabel::PointOfOrder.text(lang))),
    }
}

fn tone(state: TimerState) -> &'static str {
    match state {
        TimerState::Running => "running",
        TimerState::LastMinutes => "last",
        TimerState::Overtime => "over",
        TimerState::Paused => "paused",
    }
}

/// The state in words beside the digits, as the projection says it (not while simply running).
fn word(state: TimerState, lang: Lang) -> Option<&'static str> {
    (state != TimerState::Running).then(|| state.text(lang))
}

fn countdown(now: Timestamp, remaining: TimeDelta, running: bool, tone: &'static str) -> Clock {
    let millis = remaining.num_milliseconds();
    Clock {
        end: running.then(|| now.timestamp_millis().saturating_add(millis)),
        left: (!running).then_some(millis),
        up: false,
        tone,
        word: None,
        zero: None,
    }
}

/// A speaker's clock the plan shows: counting down their limit (then up, red),
/// or counting up without one.
fn speaker_clock(now: Timestamp, spoken: TimeDelta, limit: Option<TimeDelta>, running: bool) -> Clock {
    match limit {
        Some(limit) => {
            let left = limit - spoken;
            let tone = if left < TimeDelta::zero() {
                "over"
            } else if left <= TimeDelta::seconds(30) {
                "last"
            } else {
                "running"
            };
            countdown(now, left, running, tone)
        }
        None => {
            let mut clock = countdown(now, -spoken, running, "running");
            clock.up = true;
            clock
        }
    }
}

fn current(view: &RoomView) -> Option<&RoomBlock> {
    match &view.scene {
        RoomScene::Block(block) => Some(block),
        RoomScene::Waiting { .. }
        | RoomScene::Agenda { .. }
        | RoomScene::Message(_)
        | RoomScene::Blank
        | RoomScene::TalkTime(_)
        | RoomScene::Finished => None,
    }
}

fn later_discussion(view: &RoomView) -> Option<&discussion::Room> {
    match current(view)?.method.as_ref()? {
        MethodRoom::Discussion(room) => Some(room),
        MethodRoom::Consultation(_) | MethodRoom::Reflection(_) | MethodRoom::Exchange(_) => None,
    }
}

fn later_reflection(view: &RoomView) -> Option<&reflection::Room> {
    match current(view)?.method.as_ref()? {
        MethodRoom::Reflection(room) => Some(room),
        MethodRoom::Consultation(_) | MethodRoom::Discussion(_) | MethodRoom::Exchange(_) => None,
    }
}

fn later_exchange(view: &RoomView) -> Option<&exchange::Room> {
    match current(view)?.method.as_ref()? {
        MethodRoom::Exchange(room) => Some(room),
        MethodRoom::Consultation(_) | MethodRoom::Discussion(_) | MethodRoom::Reflection(_) => None,
    }
}
