//! The documents sent and carried before the day: the participants' agenda
//! (Markdown, a printable HTML page per station, calendar entries) and the
//! facilitator's run sheet. Pure: they are built from the plan alone, in the
//! journey's language, every time in the station's zone as the plan writes it.
//!
//! What the participants see is chosen here, once, for every format: station
//! facts, start times, titles, who speaks or leads. Notes, buffers and method
//! settings belong to the run sheet ([`Audience::Facilitator`]) only.

mod html;
mod ics;
mod markdown;

pub use html::html;
pub use ics::{ics, sequence};
pub use markdown::markdown;

use crate::i18n::{AgendaLabel, AgendaMsg, Lang, Msg, PlanMsg, long_date, speaker_clock_text};
use crate::plan::{
    Block, Consultation, Discussion, Exchange, Format, Journey, Method, Reflection, Station, fmt_duration,
    fmt_minute_of_day, minute_of_day, planned_slots, wall_clock,
};

/// Who a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The cohort: nothing private or facilitator-only.
    Participants,
    /// The facilitator's run sheet: everything the plan says.
    Facilitator,
}

/// One station as the documents show it.
struct Sheet<'a> {
    station: &'a Station,
    /// Date, time, place, host, directions, format: each with its label.
    facts: Vec<(AgendaLabel, String)>,
    rows: Vec<Row<'a>>,
    /// "All times are local time (Europe/Berlin)", when the plan names a zone.
    zone_note: Option<String>,
}

/// One block with its planned times.
struct Row<'a> {
    block: &'a Block,
    start: u32,
    end: u32,
    /// Minutes of slack the plan leaves before this block's fixed start.
    buffer: Option<u32>,
    /// Who speaks or leads, as the participants may read it.
    with: Option<String>,
}

/// A method setting of the run sheet: one value inline, several as a list.
struct Setting {
    label: AgendaLabel,
    values: Vec<String>,
}

impl<'a> Sheet<'a> {
    fn new(journey: &Journey, station: &'a Station, lang: Lang) -> Sheet<'a> {
        let slots = planned_slots(station);
        let mut previous_end = minute_of_day(station.start);
        // The real minutes between two of the plan's clock times: across a
        // switch of the clocks an hour more or less than their difference
        // (see `Session::plan_later`), as the console's gap shows it too.
        let between = |from: u32, to: u32| match station.timezone {
            Some(zone) => {
                let span =
                    zone.instant(wall_clock(station.date, to)) - zone.instant(wall_clock(station.date, from));
                u32::try_from(span.num_minutes()).unwrap_or(0)
            }
            None => to.saturating_sub(from),
        };
        let rows = station
            .blocks
            .iter()
            .zip(&slots)
            .map(|(block, slot)| {
                let buffer = block.fixed_start.map(|_| between(previous_end, slot.start));
                previous_end = slot.end;
                Row { block, start: slot.start, end: slot.end, buffer, with: who(journey, block) }
            })
            .collect();
        let format = match station.format {
            Format::InPerson => Msg::Plan(PlanMsg::FormatInPerson),
            Format::Online => Msg::Plan(PlanMsg::FormatOnline),
        };
        let mut facts = vec![
            (AgendaLabel::Date, long_date(station.date, lang)),
            (
                AgendaLabel::Time,
                format!(
                    "{}–{}",
                    fmt_minute_of_day(minute_of_day(station.start)),
                    fmt_minute_of_day(minute_of_day(station.end))
                ),
            ),
            (AgendaLabel::Place, clean(&station.place)),
        ];
        facts.extend(station.host.as_deref().map(|host| (AgendaLabel::Host, clean(host))));
        facts.extend(station.directions.as_deref().map(|how| (AgendaLabel::Directions, clean(how))));
        facts.push((AgendaLabel::Format, format.text(lang)));
        let zone_note =
            station.timezone.map(|zone| AgendaMsg::TimesIn { zone: zone.name().to_string() }.text(lang));
        Sheet { station, facts, rows, zone_note }
    }
}

/// Every station's sheet, in plan order.
fn sheets<'a>(journey: &Journey, stations: &[&'a Station]) -> Vec<Sheet<'a>> {
    stations.iter().map(|station| Sheet::new(journey, station, journey.language)).collect()
}

/// The speaker, or the participant who leads the block, with their organisation.
fn who(journey: &Journey, block: &Block) -> Option<String> {
    if let Some(speaker) = &block.speaker {
        return Some(clean(speaker));
    }
    let owner = block.owner.as_deref()?;
    let person = journey.participants.iter().find(|participant| participant.id == owner)?;
    Some(clean(&format!("{}, {}", person.name, person.organisation)))
}

/// A participant's name by id; the id itself if the cohort does not know it.
fn name_of(journey: &Journey, id: &str) -> String {
    clean(
        journey.participants.iter().find(|participant| participant.id == id).map_or(id, |p| p.name.as_str()),
    )
}

/// Plan text on one line, without control characters or bidirectional
/// overrides: nothing in a document can drive a terminal it is printed to,
/// hide text, make a heading of a title or break a table row or a calendar line.
fn clean(text: &str) -> String {
    crate::core::text::one_line(text)
}

/// Like [`clean`], with the line breaks kept (a block's notes).
fn clean_lines(text: &str) -> String {
    crate::core::text::lines(text)
}

/// The run sheet's settings of a block's method, through one function per
/// kind (a new setting of a method is shown by adding it to its function).
fn settings(journey: &Journey, method: &Method, lang: Lang) -> Vec<Setting> {
    match method {
        Method::Plain => Vec::new(),
        Method::Discussion(discussion) => discussion_settings(discussion, lang),
        Method::Consultation(consultation) => consultation_settings(journey, consultation, lang),
        Method::Reflection(reflection) => reflection_settings(reflection, lang),
        Method::Exchange(exchange) => exchange_settings(exchange, lang),
    }
}

fn one(label: AgendaLabel, value: String) -> Setting {
    Setting { label, values: vec![value] }
}

fn discussion_settings(discussion: &Discussion, lang: Lang) -> Vec<Setting> {
    let mut out = Vec::new();
    if !discussion.questions.is_empty() {
        out.push(Setting {
            label: AgendaLabel::Questions,
            values: discussion.questions.iter().map(|question| clean(question)).collect(),
        });
    }
    let mut order = discussion.policy.text(lang).to_string();
    if let Some(attribute) = &discussion.alternate_by {
        order.push_str(&format!(" ({} {})", AgendaLabel::AlternateBy.text(lang), clean(attribute)));
    }
    out.push(one(AgendaLabel::QueueOrder, order));
    if let Some(secs) = discussion.speaker_limit_secs {
        let limit = if secs % 60 == 0 { fmt_duration(secs / 60) } else { format!("{secs} s") };
        out.push(one(AgendaLabel::SpeakerLimit, limit));
    }
    out.push(one(AgendaLabel::SpeakerClock, speaker_clock_text(discussion.speaker_clock, lang).to_string()));
    out
}

fn consultation_settings(journey: &Journey, consultation: &Consultation, lang: Lang) -> Vec<Setting> {
    use crate::core::catalogue;
    let cast = |id: &Option<String>| {
        id.as_deref().map_or_else(|| AgendaLabel::NotCast.text(lang).to_string(), |id| name_of(journey, id))
    };
    let mut out = Vec::new();
    let key = consultation.template.as_deref().unwrap_or(catalogue::DEFAULT_TEMPLATE);
    if let Some(template) = catalogue::template(key) {
        let phases: Vec<String> = template
            .phases
            .iter()
            .map(|phase| {
                let minutes = consultation.phase_minutes.get(&phase.key).copied().unwrap_or(phase.minutes);
                format!("{} {}", phase.name.get(lang), fmt_duration(minutes))
            })
            .collect();
        out.push(one(AgendaLabel::Template, format!("{}: {}", template.name.get(lang), phases.join(" · "))));
    }
    out.push(one(AgendaLabel::Cases, consultation.cases.unwrap_or(1).to_string()));
    out.push(one(AgendaLabel::CaseGiver, cast(&consultation.case_giver)));
    out.push(one(AgendaLabel::Moderator, cast(&consultation.moderator)));
    if !consultation.groups.is_empty() {
        let groups = consultation.groups.iter().enumerate().map(|(index, members)| {
            let names: Vec<String> = members.iter().map(|id| name_of(journey, id)).collect();
            format!("{} {}: {}", AgendaLabel::Group.text(lang), index + 1, names.join(", "))
        });
        out.push(Setting { label: AgendaLabel::Groups, values: groups.collect() });
    }
    let methods = if consultation.methods.is_empty() {
        AgendaLabel::AllMethods.text(lang).to_string()
    } else {
        let names: Vec<&str> = consultation
            .methods
            .iter()
            .filter_map(|key| catalogue::consultation_method(key))
            .map(|method| method.name.get(lang))
            .collect();
        names.join(", ")
    };
    out.push(one(AgendaLabel::Methods, methods));
    out
}

fn reflection_settings(reflection: &Reflection, lang: Lang) -> Vec<Setting> {
    use crate::core::{catalogue, method::MethodKind};
    let mut out = Vec::new();
    let content = catalogue::method(MethodKind::Reflection);
    let format = content.and_then(|content| content.format(reflection.format.key()));
    if let Some(format) = format {
        out.push(one(AgendaLabel::Format, format.name.get(lang).to_string()));
    }
    // The block's own prompts, else its set's, else its format's.
    let prompts: Vec<String> = if reflection.prompts.is_empty() {
        let set = reflection.prompt_set.as_deref().or(format.map(|format| format.prompt_set.as_str()));
        set.and_then(|set| content.and_then(|content| content.prompt_set(set)))
            .map(|set| set.prompts.iter().map(|prompt| prompt.get(lang).to_string()).collect())
            .unwrap_or_default()
    } else {
        reflection.prompts.iter().map(|prompt| clean(prompt)).collect()
    };
    if !prompts.is_empty() {
        out.push(Setting { label: AgendaLabel::Prompts, values: prompts });
    }
    let has_round = format.is_some_and(|format| format.phases.iter().any(|phase| phase.round));
    if let Some(closing) = reflection.blitzlicht.filter(|_| !has_round) {
        let answer = if closing { AgendaLabel::Yes } else { AgendaLabel::No };
        out.push(one(AgendaLabel::Blitzlicht, answer.text(lang).to_string()));
    }
    if has_round || reflection.blitzlicht == Some(true) {
        out.push(one(AgendaLabel::Turn, format!("{} s", reflection.turn_secs)));
        out.push(one(AgendaLabel::RoundOrder, reflection.order.label().text(lang).to_string()));
    }
    out
}

fn exchange_settings(exchange: &Exchange, lang: Lang) -> Vec<Setting> {
    let mut out = vec![
        one(AgendaLabel::Format, exchange.format.text(lang).to_string()),
        one(AgendaLabel::GroupSize, exchange.group_size.to_string()),
        one(AgendaLabel::Rounds, exchange.rounds.to_string()),
    ];
    if let Some(minutes) = exchange.round_minutes {
        out.push(one(AgendaLabel::RoundLength, fmt_duration(minutes)));
    }
    if let Some(question) = &exchange.question {
        out.push(one(AgendaLabel::GuidingQuestion, clean(question)));
    }
    out
}
