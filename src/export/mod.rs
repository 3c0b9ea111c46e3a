//! The protocol for the participants and the figures for the programme
//! office, from the stations' logs: Markdown, one self-contained HTML file,
//! or a set of CSV files. Pure: the command reads the logs and writes the bytes.
//!
//! Every figure comes from [`crate::core::stats`]; nothing is computed here.
//! What a document may hold is decided here, once, for every format:
//! [`protocol`] takes the statistics and makes the one view all three
//! renderers draw from, with the reader's share of each class of information
//! ([`share`], DESIGN "Audiences") and the privacy rules already applied (DESIGN,
//! "Privacy by construction"): the facilitator's private notes are gone
//! unless asked for, a case's confidential content and key question are gone
//! unless asked for, a takeaway not marked for the protocol is gone, and with `--pseudonymize` every name, id and
//! organisation is replaced, in free text too. A renderer cannot forget a
//! rule because what it is given no longer holds what the rule keeps out.
//! The plan's block notes never reach the statistics at all.

mod audience;
mod csv;
mod html;
mod markdown;
mod pseudonyms;

use std::collections::BTreeMap;

use chrono::TimeDelta;

pub use self::audience::{Audience, Class, Request, Share, share};
pub use self::csv::{CsvDialect, CsvFile, Formulas, csv_files};
pub use html::html;
pub use markdown::markdown;
use pseudonyms::Pseudonyms;

use crate::core::catalogue;
use crate::core::discussion::Speaker;
use crate::core::history::PastStation;
use crate::core::stats::{
    self, CaptureKind, Captured, Consultation, Counts, JourneyStats, StationState, StationStats,
};
use crate::i18n::{ExportLabel, ExportMsg, Lang, PlanMsg, block_state_text, long_date, station_state_text};
use crate::i18n::{minutes, signed_minutes};
use crate::plan::{Format, Journey, Method};

/// Who the export is for and what the facilitator asked to include.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The reader (`--for`): what the table of [`share`] gives them.
    pub audience: Audience,
    /// The office's report with talk time per person too (`--talk-time-per-person`).
    pub talk_time_per_person: bool,
    /// The facilitator's private notes (`--include-notes`).
    pub include_notes: bool,
    /// The consultations' confidential case content and key questions (`--include-confidential`).
    pub include_confidential: bool,
    /// Names, ids and organisations replaced by P01 …, O01 … (`--pseudonymize`).
    pub pseudonymize: bool,
}

impl Options {
    /// How much of `class` this export holds: the audience's share, with
    /// what is given on request resolved by the flags.
    pub fn share(&self, class: Class) -> Share {
        match share(self.audience, class) {
            Share::OnRequest(request) => {
                let asked = match request {
                    Request::Confidential => self.include_confidential,
                    Request::Notes => self.include_notes,
                    Request::TalkPerPerson => self.talk_time_per_person,
                };
                if asked { Share::Included } else { Share::Omitted }
            }
            share @ (Share::Included | Share::Marked | Share::Counts | Share::Omitted) => share,
        }
    }

    /// Whether this export holds `class` (whole or as marked), not only its counts.
    pub fn shows(&self, class: Class) -> bool {
        matches!(self.share(class), Share::Included | Share::Marked)
    }

    /// Whether this export holds only the counts of `class`.
    pub fn counts(&self, class: Class) -> bool {
        self.share(class) == Share::Counts
    }
}

/// What every format renders: the statistics of the stations exported, with
/// the privacy rules applied, and the discussions' questions from the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Protocol {
    pub lang: Lang,
    /// The statistics, holding only the stations exported.
    pub stats: JourneyStats,
    /// Each discussion's questions from the plan its log recorded, by station and block.
    questions: BTreeMap<(String, String), Vec<String>>,
    pub options: Options,
    /// Per station (by id, as exported): what it brought, counted before anything was left out.
    counts: BTreeMap<String, Counts>,
    /// Pseudonymized: every way the plan and the logs name someone or an
    /// organisation, for the closing check ([`Protocol::left_names`]).
    name_forms: Vec<(String, bool)>,
    /// The whole journey (every station with a log), not one station.
    pub whole: bool,
}

impl Protocol {
    /// The questions a discussion block's plan gave it.
    pub fn questions(&self, station: &str, block: &str) -> &[String] {
        self.questions.get(&(station.to_string(), block.to_string())).map_or(&[], Vec::as_slice)
    }

    /// Whether this document holds `class` (see [`Options::shows`]).
    pub fn shows(&self, class: Class) -> bool {
        self.options.shows(class)
    }

    /// What a station brought, counted (for a reader who gets counts, not content).
    pub fn counts(&self, station: &StationStats) -> Counts {
        self.counts.get(&station.id).copied().unwrap_or_default()
    }

    /// The closing check of a pseudonymized export: the names (any form the
    /// plan or a log knows) that `output` still holds. Empty without `--pseudonymize`.
    pub fn left_names(&self, output: &str) -> Vec<String> {
        pseudonyms::left_in(&self.name_forms, output)
    }

    /// Whether the document holds confidential content or the facilitator's
    /// notes: its files are then written for the owner alone (0600).
    pub fn holds_private(&self) -> bool {
        [Class::Notes, Class::CaseContent, Class::KeyQuestion].into_iter().any(|class| self.shows(class))
    }

    /// The document's name: Protokoll, Auswertung, Aufzeichnung der Moderation.
    pub fn title(&self) -> ExportLabel {
        match self.options.audience {
            Audience::Participants => ExportLabel::Protocol,
            Audience::Office => ExportLabel::Report,
            Audience::Facilitator => ExportLabel::Record,
        }
    }

    /// The footer's sentences: who it is for, what was left out or included.
    pub fn footer(&self) -> Vec<String> {
        let mut lines = vec![ExportMsg::Made.text(self.lang)];
        lines.push(
            ExportMsg::For { audience: self.options.audience, per_person: self.shows(Class::TalkPerPerson) }
                .text(self.lang),
        );
        lines.push(
            match self.options.include_notes {
                true => ExportMsg::NotesIncluded,
                false => ExportMsg::NotesLeftOut,
            }
            .text(self.lang),
        );
        lines.push(
            match self.options.include_confidential {
                true => ExportMsg::ConfidentialIncluded,
                false => ExportMsg::ConfidentialLeftOut,
            }
            .text(self.lang),
        );
        if self.options.pseudonymize {
            lines.push(ExportMsg::Pseudonymized.text(self.lang));
        }
        if self.holds_private() {
            lines.push(ExportMsg::OwnerOnly.text(self.lang));
        }
        lines
    }
}

/// The view every format renders: the figures of `journey` from `logs`, for
/// `station` or (`None`) every station with a log, with `options`' privacy
/// rules applied.
pub fn protocol(
    journey: &Journey,
    logs: &BTreeMap<String, PastStation>,
    station: Option<&str>,
    options: Options,
) -> Protocol {
    let mut stats = stats::journey(journey, logs);
    stats.stations.retain(|stats| stats.logged && station.is_none_or(|id| stats.id == id));
    let mut questions = BTreeMap::new();
    for log in logs.values().filter(|log| station.is_none_or(|id| log.id == id)) {
        for block in &log.plan.blocks {
            if let Method::Discussion(discussion) = &block.method
                && !discussion.questions.is_empty()
            {
                questions.insert((log.id.clone(), block.id.clone()), discussion.questions.clone());
            }
        }
    }
    let counts: Vec<Counts> = stats.stations.iter().map(StationStats::counts).collect();
    for station in &mut stats.stations {
        leave_out(station, &options);
    }
    let mut name_forms = Vec::new();
    if options.pseudonymize {
        let everyone: Vec<_> = stats
            .cohort
            .iter()
            .chain(stats.stations.iter().flat_map(|station| &station.cohort))
            .cloned()
            .collect();
        name_forms = pseudonyms::name_forms(&everyone);
        let pseudonyms = Pseudonyms::new(&stats);
        pseudonyms.apply(&mut stats);
        questions = questions
            .into_iter()
            .map(|((station, block), texts)| {
                let texts = texts.iter().map(|text| pseudonyms.text(text)).collect();
                ((pseudonyms.station_id(&station), pseudonyms.block_id(&station, &block)), texts)
            })
            .collect();
    }
    let counts = stats.stations.iter().map(|station| station.id.clone()).zip(counts).collect();
    Protocol {
        lang: journey.language,
        stats,
        questions,
        options,
        counts,
        name_forms,
        whole: station.is_none(),
    }
}

/// `station` without what `options`' reader does not get: the renderers are
/// not given what they must not show.
fn leave_out(station: &mut StationStats, options: &Options) {
    let kept = |captured: &Captured| match captured.kind {
        CaptureKind::Note => options.shows(Class::Notes),
        CaptureKind::Decision | CaptureKind::Action | CaptureKind::Parked => options.shows(Class::Captures),
        // A takeaway goes into the protocol when the facilitator marked it
        // for it (`m` in a reflection); a transfer commitment always does.
        CaptureKind::Takeaway => match options.share(Class::Takeaways) {
            Share::Included => true,
            Share::Marked => captured.protocol,
            Share::Counts | Share::Omitted | Share::OnRequest(_) => false,
        },
        CaptureKind::Commitment => options.shows(Class::Takeaways),
    };
    station.captures.retain(kept);
    for case in station.consultations.iter_mut().flat_map(|consultation| &mut consultation.cases) {
        if !options.shows(Class::CaseContent) {
            case.confidential = stats::Confidential::default();
        }
        if !options.shows(Class::KeyQuestion) {
            case.key_question.clear();
        }
    }
    if !options.shows(Class::Groups) {
        station.consultations.clear();
        station.groups.clear();
    }
    if !options.shows(Class::Attendance) {
        station.attended.clear();
        for block in &mut station.blocks {
            block.attended.clear();
        }
    }
    if !options.shows(Class::TalkPerPerson) && !options.shows(Class::TalkPerOrganisation) {
        station.turns.clear();
    }
}

/// The facts at the top of a station: each with its label.
pub(crate) fn facts(protocol: &Protocol, station: &StationStats) -> Vec<(ExportLabel, String)> {
    let lang = protocol.lang;
    let mut facts = vec![(ExportLabel::Date, long_date(station.date, lang))];
    // A rehearsal's times are the day it ran, not the planned date's.
    facts.extend(station.rehearsed.map(|day| (ExportLabel::Rehearsal, long_date(day, lang))));
    facts.push((ExportLabel::Place, clean(&station.place)));
    facts.extend(station.host.as_deref().map(|host| (ExportLabel::Host, clean(host))));
    let format = match station.format {
        Format::InPerson => PlanMsg::FormatInPerson,
        Format::Online => PlanMsg::FormatOnline,
    };
    facts.push((ExportLabel::Format, format.text(lang)));
    let mut state = station_state_text(station.state, lang).to_string();
    if station.state == StationState::Running
        && let Some(last) = station.last_event
    {
        let time = station.clock(last);
        state.push_str(&format!(" ({})", ExportMsg::AsOf { time }.text(lang)));
    }
    facts.push((ExportLabel::State, state));
    if let Some(behind) = station.worst_behind().filter(|_| protocol.shows(Class::Drift)) {
        facts.push((ExportLabel::MostBehind, signed(behind)));
    }
    facts
}

/// One row of the agenda table, planned against actual, as text.
pub(crate) struct AgendaRow {
    pub index: usize,
    pub title: String,
    pub kind: &'static str,
    pub inserted: bool,
    pub planned: String,
    pub actual: String,
    pub planned_length: String,
    pub actual_length: String,
    /// Actual minus planned length; `None` for a reader who does not get drift figures.
    pub difference: Option<String>,
    pub state: &'static str,
}

const NONE: &str = "–";

pub(crate) fn agenda_rows(protocol: &Protocol, station: &StationStats) -> Vec<AgendaRow> {
    let lang = protocol.lang;
    let time = |at: Option<crate::core::Timestamp>| at.map(|at| station.clock(at));
    let span = |from: Option<String>, to: Option<String>| match (from, to) {
        (Some(from), Some(to)) => format!("{from}–{to}"),
        (Some(from), None) => format!("{from}–"),
        (None, _) => NONE.to_string(),
    };
    station
        .blocks
        .iter()
        .map(|block| AgendaRow {
            index: block.index,
            title: clean(&block.title),
            kind: block.kind.text(lang),
            inserted: block.inserted,
            planned: span(time(block.planned_start), time(block.planned_end)),
            actual: span(time(block.started), time(block.ended)),
            planned_length: block
                .planned_minutes
                .map_or_else(|| NONE.to_string(), |planned| minutes(TimeDelta::minutes(i64::from(planned)))),
            actual_length: block.actual(station.last_event).map_or_else(|| NONE.to_string(), minutes),
            difference: protocol
                .shows(Class::Drift)
                .then(|| block.difference().map_or_else(|| NONE.to_string(), signed)),
            state: block_state_text(block.state, lang),
        })
        .collect()
}

/// What a discussion block brought: its questions and what was captured in it.
pub(crate) struct DiscussionPart<'a> {
    pub title: String,
    pub questions: &'a [String],
    pub decisions: Vec<&'a Captured>,
    pub actions: Vec<&'a Captured>,
    pub parked: Vec<&'a Captured>,
}

/// The station's discussions with questions or captures, in agenda order.
pub(crate) fn discussions<'a>(protocol: &'a Protocol, station: &'a StationStats) -> Vec<DiscussionPart<'a>> {
    station
        .blocks
        .iter()
        .filter_map(|block| {
            let of = |kind: CaptureKind| -> Vec<&'a Captured> {
                station
                    .captures
                    .iter()
                    .filter(|captured| captured.kind == kind && captured.block.as_deref() == Some(&block.id))
                    .collect()
            };
            let part = DiscussionPart {
                title: clean(&block.title),
                questions: protocol.questions(&station.id, &block.id),
                decisions: of(CaptureKind::Decision),
                actions: of(CaptureKind::Action),
                parked: of(CaptureKind::Parked),
            };
            let empty = part.questions.is_empty()
                && part.decisions.is_empty()
                && part.actions.is_empty()
                && part.parked.is_empty();
            (!empty).then_some(part)
        })
        .collect()
}

/// The takeaways and commitments, in the order they were written down.
pub(crate) fn takeaways(station: &StationStats) -> Vec<&Captured> {
    let kinds = [CaptureKind::Takeaway, CaptureKind::Commitment];
    station.captures.iter().filter(|captured| kinds.contains(&captured.kind)).collect()
}

/// A takeaway's kind and who it is from, as a label: `Transfervorhaben (P01)`.
pub(crate) fn takeaway_label(protocol: &Protocol, station: &StationStats, captured: &Captured) -> String {
    let lang = protocol.lang;
    let kind = match captured.kind {
        CaptureKind::Commitment => ExportLabel::Commitment,
        CaptureKind::Takeaway
        | CaptureKind::Decision
        | CaptureKind::Action
        | CaptureKind::Parked
        | CaptureKind::Note => ExportLabel::Takeaway,
    };
    let owner = captured.owner.as_deref().map_or_else(
        || ExportLabel::Anonymous.text(lang).to_string(),
        |owner| clean(&person(station, owner)),
    );
    format!("{} ({owner})", kind.text(lang))
}

/// An action's owner and due date, as text.
pub(crate) fn action_owner(
    protocol: &Protocol,
    station: &StationStats,
    captured: &Captured,
) -> (String, String) {
    let owner =
        captured.owner.as_deref().map_or_else(|| NONE.to_string(), |owner| clean(&person(station, owner)));
    let format = match protocol.lang {
        Lang::De => "%d.%m.%Y",
        Lang::En => "%Y-%m-%d",
    };
    let due = captured.due.map_or_else(|| NONE.to_string(), |due| due.format(format).to_string());
    (owner, due)
}

/// The private notes (only there with `--include-notes`), with their time and block.
pub(crate) fn notes(station: &StationStats) -> Vec<(String, &Captured)> {
    station
        .captures
        .iter()
        .filter(|captured| captured.private())
        .map(|captured| {
            let mut when = station.clock(captured.at);
            if let Some(block) = captured.block.as_deref().and_then(|id| station.block(id)) {
                when.push_str(&format!(", {}", clean(&block.title)));
            }
            (when, captured)
        })
        .collect()
}

/// One case of a consultation: who consulted whom on which method, and the
/// confidential part (empty unless `--include-confidential`).
pub(crate) struct CaseLine {
    /// `Gruppe 1, Fall 1`.
    pub heading: String,
    /// Each role with the person's name.
    pub roles: Vec<(&'static str, String)>,
    pub consultants: String,
    pub method: Option<String>,
    /// The key question and the confidential fields, each with its label, as far as there are any.
    pub confidential: Vec<(ExportLabel, String)>,
    pub ideas: Vec<String>,
}

/// A consultation's template name and its cases.
pub(crate) fn consultation(
    protocol: &Protocol,
    station: &StationStats,
    consultation: &Consultation,
) -> (String, Vec<CaseLine>) {
    let lang = protocol.lang;
    let template = catalogue::template(&consultation.template)
        .map_or_else(|| consultation.template.clone(), |template| template.name.get(lang).to_string());
    let cases = consultation
        .cases
        .iter()
        .map(|case| {
            let mut confidential = Vec::new();
            for (label, text) in [
                (ExportLabel::KeyQuestion, &case.key_question),
                (ExportLabel::CaseTitle, &case.confidential.title),
                (ExportLabel::Description, &case.confidential.description),
                (ExportLabel::Closing, &case.confidential.closing),
            ] {
                if !text.trim().is_empty() {
                    confidential.push((label, clean(text)));
                }
            }
            let ideas = case
                .confidential
                .ideas
                .iter()
                .map(|(idea, giver)| match giver {
                    Some(giver) => format!("{} ({})", clean(idea), clean(&person(station, giver))),
                    None => clean(idea),
                })
                .collect();
            let names: Vec<String> = case.consultants.iter().map(|id| clean(&person(station, id))).collect();
            CaseLine {
                heading: format!(
                    "{} {}, {} {}",
                    ExportLabel::Group.text(lang),
                    case.group + 1,
                    ExportLabel::Case.text(lang),
                    case.case + 1
                ),
                roles: case
                    .roles
                    .iter()
                    .map(|(role, id)| (role.text(lang), clean(&person(station, id))))
                    .collect(),
                consultants: if names.is_empty() { NONE.to_string() } else { names.join(", ") },
                method: case.method.as_deref().map(|key| {
                    catalogue::consultation_method(key)
                        .map_or_else(|| key.to_string(), |method| method.name.get(lang).to_string())
                }),
                confidential,
                ideas,
            }
        })
        .collect();
    (template, cases)
}

/// The members of a group, by name.
pub(crate) fn members(station: &StationStats, members: &[String]) -> String {
    members.iter().map(|id| clean(&person(station, id))).collect::<Vec<_>>().join(", ")
}

/// Who spoke at the station, most first: name, organisation, turns, talk time.
pub(crate) fn speakers(station: &StationStats) -> Vec<(String, String, usize, TimeDelta)> {
    station
        .talk(None)
        .into_iter()
        .filter(|talk| talk.turns > 0)
        .map(|talk| {
            let (name, organisation) = speaker_of(station, &Speaker::Participant(talk.participant.clone()));
            (clean(&name), clean(&organisation), talk.turns, talk.total)
        })
        .collect()
}

/// The talk time per organisation, of the organisations that spoke.
pub(crate) fn organisations(station: &StationStats) -> Vec<(String, TimeDelta)> {
    station
        .talk_by_organisation(None)
        .into_iter()
        .filter(|(_, total)| *total > TimeDelta::zero())
        .map(|(organisation, total)| (clean(&organisation), total))
        .collect()
}

/// One person's line of the attendance list, as text.
pub(crate) struct AttendanceRow {
    pub name: String,
    pub organisation: String,
    /// `5 / 7`: blocks there for, of the blocks that ran.
    pub blocks: String,
    /// Whole minutes present.
    pub minutes: i64,
    /// kam später, ging früher, abwesend (or nothing).
    pub remark: String,
}

/// The station's attendance list, in cohort order (empty for a reader who does not get it).
pub(crate) fn attendance(protocol: &Protocol, station: &StationStats) -> Vec<AttendanceRow> {
    if !protocol.shows(Class::Attendance) {
        return Vec::new();
    }
    let lang = protocol.lang;
    station
        .attendance()
        .into_iter()
        .map(|attended| {
            let (name, organisation) =
                speaker_of(station, &Speaker::Participant(attended.participant.clone()));
            let mut remarks = Vec::new();
            if attended.absent() {
                remarks.push(ExportLabel::Absent.text(lang));
            }
            if attended.late {
                remarks.push(ExportLabel::Late.text(lang));
            }
            if attended.left_early {
                remarks.push(ExportLabel::LeftEarly.text(lang));
            }
            AttendanceRow {
                name: clean(&name),
                organisation: clean(&organisation),
                blocks: format!("{} / {}", attended.blocks.len(), attended.ran),
                minutes: attended.present.num_minutes(),
                remark: remarks.join(", "),
            }
        })
        .collect()
}

/// What the station brought, counted, for a reader who gets counts instead of content.
pub(crate) fn counts(protocol: &Protocol, station: &StationStats) -> Vec<(ExportLabel, usize)> {
    let counts = protocol.counts(station);
    let mut lines = Vec::new();
    if protocol.options.counts(Class::Captures) {
        lines.push((ExportLabel::Decisions, counts.decisions));
        lines.push((ExportLabel::Actions, counts.actions));
        lines.push((ExportLabel::Parked, counts.parked));
    }
    if protocol.options.counts(Class::Takeaways) {
        lines.push((ExportLabel::Takeaways, counts.takeaways));
    }
    if protocol.options.counts(Class::Groups) {
        lines.push((ExportLabel::Consultations, counts.consultations));
        lines.push((ExportLabel::Cases, counts.cases));
        lines.push((ExportLabel::ExchangeRounds, counts.exchange_rounds));
        lines.push((ExportLabel::ExchangeTables, counts.exchange_groups));
    }
    lines
}

/// The journey's network line, for an export of the whole journey.
pub(crate) fn network(protocol: &Protocol) -> Option<String> {
    let network = &protocol.stats.network;
    (protocol.whole && network.pairs > 0)
        .then(|| ExportMsg::NeverMet { never: network.never_met, pairs: network.pairs }.text(protocol.lang))
}

/// A span of time as a clock reads it: `4:05`, `1:02:30`; negative with a minus.
pub(crate) fn clock(span: TimeDelta) -> String {
    let seconds = span.num_seconds();
    let sign = if seconds < 0 { "−" } else { "" };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    match hours {
        0 => format!("{sign}{minutes}:{seconds:02}"),
        hours => format!("{sign}{hours}:{minutes:02}:{seconds:02}"),
    }
}

/// A difference or a lateness in whole minutes with its sign: `+5 min`, `−2 min`, `±0 min`.
pub(crate) fn signed(span: TimeDelta) -> String {
    format!("{} min", signed_minutes(span))
}

/// A speaker's name, as the statistics give it ([`StationStats::name_of`]),
/// and organisation (a guest has none).
pub(crate) fn speaker_of(station: &StationStats, speaker: &Speaker) -> (String, String) {
    let organisation = speaker
        .participant()
        .and_then(|id| station.participant(id))
        .map_or_else(String::new, |person| person.organisation.clone());
    (station.name_of(speaker).to_string(), organisation)
}

/// An owner or a giver: a participant's name by id, else the text as written.
pub(crate) fn person(station: &StationStats, who: &str) -> String {
    station.name(who).to_string()
}

/// Text from a plan or a log without control characters or bidirectional
/// overrides, on one line: nothing in a document can drive a terminal, hide
/// text or break a table row (see [`crate::core::text`]).
pub(crate) fn clean(text: &str) -> String {
    crate::core::text::one_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn talk_reads_as_a_stopwatch_and_blocks_in_minutes() {
        assert_eq!(clock(TimeDelta::seconds(245)), "4:05");
        assert_eq!(clock(TimeDelta::seconds(3750)), "1:02:30");
        assert_eq!(minutes(TimeDelta::seconds(1530)), "26 min");
        assert_eq!(signed(TimeDelta::seconds(245)), "+4 min");
        assert_eq!(signed(TimeDelta::seconds(-60)), "−1 min");
        assert_eq!(signed(TimeDelta::seconds(20)), "±0 min");
    }
}
