//! Reading `journey.toml`: TOML with spans, then every rule checked, each problem
//! reported with its line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Deserialize;
use toml::Spanned;

use super::keys::key_problems;
use super::model::Zone;
use super::model::{
    Block, BlockKind, Consultation, Discussion, Exchange, ExchangeFormat, Format, Journey, Method,
    Participant, QueuePolicy, Reflection, SpeakerClock, Station, fmt_minute_of_day, minute_of_day,
};
use super::model::{DEFAULT_TURN_SECS, PersonClock, ReflectionFormat, RoundOrder, TURN_SECS};
use super::schedule::planned_slots;
use super::starter::is_valid_id;
use crate::error::ErrorKind;
use crate::i18n::{FileMsg, PlanMsg};
use crate::i18n::{IdKind, Lang, Msg};
use crate::platform::zone::machine_zone;

/// The file name of a journey's plan inside its directory.
pub const PLAN_FILE: &str = "journey.toml";

/// How serious a problem is: errors stop the plan from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in a plan file, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub line: usize,
    pub column: usize,
    pub msg: Msg,
}

impl Problem {
    /// `file:line:col: error: message`, the form editors and terminals jump to.
    pub fn render(&self, file: &Path, lang: Lang) -> String {
        let label = match self.severity {
            Severity::Error => Msg::Plan(PlanMsg::Error),
            Severity::Warning => Msg::Plan(PlanMsg::Warning),
        };
        format!(
            "{}:{}:{}: {}: {}",
            file.display(),
            self.line,
            self.column,
            label.text(lang),
            self.msg.text(lang)
        )
    }
}

/// A plan that loaded, with the warnings worth showing.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    pub file: PathBuf,
    pub journey: Journey,
    pub warnings: Vec<Problem>,
    /// The machine's zone, when the plan names none for some station and its
    /// times are taken in this one (`check` says so).
    pub assumed_zone: Option<Zone>,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The plan file could not be found, read or written; `kind` says which.
    #[error("{msg}")]
    Unreadable { kind: ErrorKind, msg: Msg },
    /// The plan has errors; `problems` holds all of them (and the warnings).
    #[error("{file}: {} problems", problems.len())]
    Invalid { file: PathBuf, problems: Vec<Problem> },
}

impl PlanError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            PlanError::Unreadable { kind, .. } => *kind,
            PlanError::Invalid { .. } => ErrorKind::InvalidInput,
        }
    }
}

/// The longest id: ids become file names, and a message must be able to quote one.
pub const MAX_ID_CHARS: usize = 64;
/// The longest block, speaker limit or warning time.
pub const MAX_DURATION_HOURS: u32 = 24;
/// The longest agenda of one station, from its start to the end of its last block.
pub const MAX_AGENDA_HOURS: u32 = 72;
/// The most blocks a station may plan; far more than a day can hold.
pub const MAX_BLOCKS: usize = 500;
/// The largest cohort: far more than one facilitator leads (a learning
/// journey has 10 to 30 people), small enough that grouping, review and the
/// console stay fast and small at the limit (figures in the README).
pub const MAX_PARTICIPANTS: usize = 500;
/// The years a station may be dated in. Narrower than chrono's range on
/// purpose: with a 72-hour agenda every time in a log keeps a four-digit
/// year, as the log schema's RFC 3339 dates require, and nobody plans a
/// workshop before 2000 or after 2999.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2999;

/// Finds the plan file for a journey given as its directory or as the file itself.
pub fn plan_file(journey: &Path) -> Result<PathBuf, PlanError> {
    if journey.is_dir() {
        let file = journey.join(PLAN_FILE);
        if file.is_file() {
            return Ok(file);
        }
        let msg = Msg::Files(FileMsg::NotAJourney { path: journey.display().to_string() });
        return Err(PlanError::Unreadable { kind: ErrorKind::Usage, msg });
    }
    if journey.is_file() {
        return Ok(journey.to_path_buf());
    }
    Err(PlanError::Unreadable {
        kind: ErrorKind::Usage,
        msg: Msg::Files(FileMsg::NoSuchPath { path: journey.display().to_string() }),
    })
}

/// Loads and validates the plan of the journey at `journey` (directory or file).
pub fn load(journey: &Path) -> Result<LoadedPlan, PlanError> {
    let file = plan_file(journey)?;
    let source = std::fs::read_to_string(&file).map_err(|err| {
        let msg =
            Msg::Files(FileMsg::CannotRead { path: file.display().to_string(), reason: err.to_string() });
        PlanError::Unreadable { kind: ErrorKind::Io, msg }
    })?;
    match parse(&source) {
        Ok((mut journey, warnings)) => {
            let assumed_zone = assume_zone(&mut journey, machine_zone());
            Ok(LoadedPlan { file, journey, warnings, assumed_zone })
        }
        Err(problems) => Err(PlanError::Invalid { file, problems }),
    }
}

/// Gives every station without a zone of its own or of its journey the zone
/// `fallback`, which is returned if any station took it.
pub fn assume_zone(journey: &mut Journey, fallback: Zone) -> Option<Zone> {
    let mut assumed = None;
    for station in journey.stations.iter_mut().filter(|station| station.timezone.is_none()) {
        station.timezone = Some(fallback);
        assumed = Some(fallback);
    }
    assumed
}

/// Parses and validates plan text. On success the warnings, on failure every
/// problem found (errors and warnings, in file order).
pub fn parse(source: &str) -> Result<(Journey, Vec<Problem>), Vec<Problem>> {
    let lines = LineIndex::new(source);
    // First every unknown and missing key, so a plan with several typos is
    // fixed in one round; the types come after (serde stops at its first error).
    let keys = match toml::de::DeTable::parse(source) {
        Ok(document) => key_problems(&document),
        // The syntax error is named by the reading below, in the same words as ever.
        Err(_) => Vec::new(),
    };
    let mut problems: Vec<Problem> = keys
        .into_iter()
        .map(|problem| {
            let (line, column) = lines.line_col(source, problem.span.start);
            Problem { severity: Severity::Error, line, column, msg: problem.msg }
        })
        .collect();
    let journey = match toml::from_str::<RawJourney>(source) {
        Ok(raw) => {
            let mut checker =
                Checker { source, lines: LineIndex::new(source), problems: Vec::new(), bad_time: false };
            let journey = checker.journey(raw);
            problems.extend(checker.problems);
            Some(journey)
        }
        // A syntax error or a value of the wrong type: the plan cannot be read past it.
        Err(err) => {
            let offset = err.span().map_or(0, |span| span.start);
            let (line, column) = lines.line_col(source, offset);
            let msg = if err.message().contains("expected a string") {
                expects_text(source, offset).unwrap_or_else(|| toml_msg(err.message()))
            } else {
                toml_msg(err.message())
            };
            problems.push(Problem { severity: Severity::Error, line, column, msg });
            None
        }
    };
    problems.sort_by_key(|problem| (problem.line, problem.column));
    match journey {
        Some(journey) if !problems.iter().any(|problem| problem.severity == Severity::Error) => {
            Ok((journey, problems))
        }
        _ => Err(problems),
    }
}

/// Turns the parser's words into a message: unknown keys get our own wording,
/// the rest keeps the parser's detail.
fn toml_msg(message: &str) -> Msg {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field `")
        && let Some((key, tail)) = rest.split_once('`')
    {
        let expected = tail
            .trim_start_matches(", expected one of ")
            .trim_start_matches(", expected ")
            .trim_start_matches(", there are no fields")
            .to_string();
        return Msg::Plan(PlanMsg::UnknownKey { key: key.to_string(), expected });
    }
    if let Some(rest) = message.strip_prefix("missing field `")
        && let Some((key, _)) = rest.split_once('`')
    {
        return Msg::Plan(PlanMsg::MissingKey { key: key.to_string() });
    }
    let value_problem =
        ["invalid type", "invalid value", "missing field", "unknown variant", "invalid length"]
            .iter()
            .any(|prefix| message.starts_with(prefix));
    if value_problem {
        Msg::Plan(PlanMsg::InvalidValue { detail: message.to_string() })
    } else {
        Msg::Plan(PlanMsg::TomlSyntax { detail: message.to_string() })
    }
}

/// What a key given a bare value (a number, a TOML date or time) expects
/// instead, named by the key on the value's line: dates and times get the
/// quoting advice, durations an example, everything else "text in quotes".
fn expects_text(source: &str, offset: usize) -> Option<Msg> {
    let line_start = source.get(..offset)?.rfind('\n').map_or(0, |at| at + 1);
    let (key, _) = source.get(line_start..offset)?.split_once('=')?;
    let key = key.trim().trim_matches('"');
    Some(match key {
        "date" | "start" | "end" | "fixed_start" => Msg::Plan(PlanMsg::QuoteTimes),
        "duration" | "last_minutes" | "speaker_limit" | "round_duration" => {
            Msg::Plan(PlanMsg::ExpectsDuration { key: key.to_string() })
        }
        _ => Msg::Plan(PlanMsg::ExpectsText { key: key.to_string() }),
    })
}

/// Where each line of the source starts, so a problem's line and column cost
/// a binary search rather than a scan from the top of the file (which made
/// loading a large plan quadratic).
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(source: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(source.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(source.len());
        let line = self.starts.partition_point(|&start| start <= offset);
        let line_start = self.starts.get(line.wrapping_sub(1)).copied().unwrap_or(0);
        let column = source.get(line_start..offset).map_or(0, |text| text.chars().count()) + 1;
        (line.max(1), column)
    }
}

/// Where a placeholder for a missing key "is": nowhere in the source. The key
/// walk has named the missing key at its table; the checks stay quiet about
/// the placeholder (see `Checker::report`), so one missing key is one error
/// and the plan's other problems are still all found.
const MISSING_AT: usize = usize::MAX;

fn missing_text() -> Spanned<String> {
    Spanned::new(MISSING_AT..MISSING_AT, String::new())
}

fn missing_kind() -> Spanned<BlockKind> {
    Spanned::new(MISSING_AT..MISSING_AT, BlockKind::Custom)
}

fn missing_format() -> Format {
    Format::InPerson
}

fn is_missing(span: &Range<usize>) -> bool {
    span.start == MISSING_AT
}

// The raw types take unknown keys silently: `keys::key_problems` names every
// one of them first (serde's `deny_unknown_fields` would stop at the first),
// and a test keeps its tables and these fields the same. Required keys get a
// placeholder when missing, for the same reason.
#[derive(Deserialize)]
struct RawJourney {
    #[serde(default = "missing_text")]
    id: Spanned<String>,
    #[serde(default)]
    title: String,
    language: Option<Spanned<String>>,
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    participants: Vec<RawParticipant>,
    #[serde(default)]
    stations: Vec<RawStation>,
}

#[derive(Deserialize)]
struct RawParticipant {
    #[serde(default = "missing_text")]
    id: Spanned<String>,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organisation: String,
    #[serde(default)]
    role: String,
    short: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawStation {
    #[serde(default = "missing_text")]
    id: Spanned<String>,
    #[serde(default)]
    title: String,
    #[serde(default = "missing_text")]
    date: Spanned<String>,
    #[serde(default = "missing_text")]
    start: Spanned<String>,
    #[serde(default = "missing_text")]
    end: Spanned<String>,
    #[serde(default)]
    place: String,
    host: Option<String>,
    timezone: Option<Spanned<String>>,
    directions: Option<String>,
    #[serde(default = "missing_format")]
    format: Format,
    #[serde(default)]
    blocks: Vec<RawBlock>,
}

#[derive(Deserialize)]
struct RawBlock {
    id: Option<Spanned<String>>,
    #[serde(default = "missing_kind")]
    kind: Spanned<BlockKind>,
    #[serde(default = "missing_text")]
    title: Spanned<String>,
    #[serde(default = "missing_text")]
    duration: Spanned<String>,
    fixed_start: Option<Spanned<String>>,
    owner: Option<Spanned<String>>,
    speaker: Option<Spanned<String>>,
    notes: Option<String>,
    last_minutes: Option<Spanned<String>>,
    speaker_clock: Option<PersonClock>,
    discussion: Option<Spanned<RawDiscussion>>,
    consultation: Option<Spanned<RawConsultation>>,
    reflection: Option<Spanned<RawReflection>>,
    exchange: Option<Spanned<RawExchange>>,
}

#[derive(Deserialize)]
struct RawDiscussion {
    #[serde(default)]
    questions: Vec<String>,
    speaker_limit: Option<Spanned<String>>,
    policy: Option<Spanned<QueuePolicy>>,
    alternate_by: Option<Spanned<String>>,
    speaker_clock: Option<SpeakerClock>,
}

#[derive(Deserialize)]
struct RawConsultation {
    case_giver: Option<Spanned<String>>,
    moderator: Option<Spanned<String>>,
    template: Option<Spanned<String>>,
    cases: Option<Spanned<u32>>,
    #[serde(default)]
    phases: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    groups: Vec<Vec<Spanned<String>>>,
    #[serde(default)]
    methods: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
struct RawReflection {
    format: Option<Spanned<ReflectionFormat>>,
    prompts: Option<Spanned<Vec<String>>>,
    prompt_set: Option<Spanned<String>>,
    #[serde(default)]
    prompts_at_once: bool,
    times: Option<Spanned<Vec<Spanned<String>>>>,
    blitzlicht: Option<bool>,
    turn: Option<Spanned<String>>,
    order: Option<RoundOrder>,
}

#[derive(Deserialize)]
struct RawExchange {
    group_size: Option<Spanned<u32>>,
    rounds: Option<Spanned<u32>>,
    format: Option<ExchangeFormat>,
    round_duration: Option<Spanned<String>>,
    question: Option<String>,
    #[serde(default)]
    never_together: Vec<Spanned<Vec<Spanned<String>>>>,
    #[serde(default)]
    allow_larger: bool,
    #[serde(default)]
    show_organisations: bool,
}

/// The cohort, with its ids in a set: plans name participants in many places.
struct Cohort<'a> {
    participants: &'a [Participant],
    known: HashSet<&'a str>,
}

/// When a block's timer turns amber unless the plan says otherwise.
pub const DEFAULT_LAST_MINUTES_SECS: u32 = 120;

/// Converts the raw plan while collecting every problem instead of stopping at the first.
struct Checker<'a> {
    source: &'a str,
    lines: LineIndex,
    problems: Vec<Problem>,
    /// A clock time of the current station could not be read: its schedule is
    /// not checked, so one typo gives one error.
    bad_time: bool,
}

impl Checker<'_> {
    fn report(&mut self, severity: Severity, span: Range<usize>, msg: Msg) {
        if is_missing(&span) {
            // The placeholder of a missing key, already named: its station's
            // schedule is not checked either, as after a time that cannot be read.
            self.bad_time = true;
            return;
        }
        let (line, column) = self.lines.line_col(self.source, span.start);
        self.problems.push(Problem { severity, line, column, msg });
    }

    fn error(&mut self, span: Range<usize>, msg: Msg) {
        self.report(Severity::Error, span, msg);
    }

    fn warn(&mut self, span: Range<usize>, msg: Msg) {
        self.report(Severity::Warning, span, msg);
    }

    fn line_of(&self, span: &Range<usize>) -> usize {
        self.lines.line_col(self.source, span.start).0
    }

    fn id(&mut self, id: &Spanned<String>) -> String {
        let text = id.get_ref();
        if !is_valid_id(text) {
            self.error(id.span(), Msg::Plan(PlanMsg::InvalidId { id: text.clone() }));
        } else if text.chars().count() > MAX_ID_CHARS {
            let start = text.chars().take(20).collect();
            self.error(
                id.span(),
                Msg::Plan(PlanMsg::IdTooLong { start, chars: text.chars().count(), max: MAX_ID_CHARS }),
            );
        }
        text.clone()
    }

    /// Reports every id that was used before, pointing at the later use.
    fn unique<'s>(&mut self, kind: IdKind, ids: impl IntoIterator<Item = (&'s str, Range<usize>)>) {
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (id, span) in ids {
            match first.get(id) {
                Some(&first_line) => {
                    self.error(
                        span,
                        Msg::Plan(PlanMsg::DuplicateId { kind, id: id.to_string(), first_line }),
                    );
                }
                None => {
                    first.insert(id, self.line_of(&span));
                }
            }
        }
    }

    fn journey(&mut self, raw: RawJourney) -> Journey {
        let id = self.id(&raw.id);
        let language = match &raw.language {
            None => Lang::De,
            Some(text) => match text.get_ref().as_str() {
                "de" => Lang::De,
                "en" => Lang::En,
                other => {
                    self.error(text.span(), Msg::Plan(PlanMsg::UnknownLanguage { text: other.to_string() }));
                    Lang::De
                }
            },
        };
        self.unique(
            IdKind::Participant,
            raw.participants.iter().map(|p| (p.id.get_ref().as_str(), p.id.span())),
        );
        self.unique(IdKind::Station, raw.stations.iter().map(|s| (s.id.get_ref().as_str(), s.id.span())));
        let raw_spans: Vec<Range<usize>> = raw.participants.iter().map(|p| p.id.span()).collect();
        let participants: Vec<Participant> = raw
            .participants
            .into_iter()
            .map(|raw| Participant {
                id: self.id(&raw.id),
                name: raw.name,
                organisation: raw.organisation,
                role: raw.role,
                short: raw.short,
                attributes: raw.attributes,
            })
            .collect();
        if participants.len() > MAX_PARTICIPANTS {
            let span = raw_spans.get(MAX_PARTICIPANTS).cloned().unwrap_or_default();
            self.error(
                span,
                Msg::Plan(PlanMsg::TooManyParticipants { count: participants.len(), max: MAX_PARTICIPANTS }),
            );
        }
        let known: HashSet<&str> = participants.iter().map(|p| p.id.as_str()).collect();
        let cohort = Cohort { participants: &participants, known };
        let timezone = raw.timezone.as_ref().and_then(|name| self.zone(name));
        let stations = raw.stations.into_iter().map(|raw| self.station(raw, &cohort, timezone)).collect();
        Journey { id, title: raw.title, language, timezone, participants, stations }
    }

    /// A zone by its IANA name; a name the database does not know is an error.
    fn zone(&mut self, name: &Spanned<String>) -> Option<Zone> {
        let text = name.get_ref().trim();
        let zone = Zone::from_name(text);
        if zone.is_none() {
            let suggestion = chrono_tz::TZ_VARIANTS
                .iter()
                .find(|tz| tz.name().eq_ignore_ascii_case(text))
                .map(|tz| tz.name().to_string());
            let msg = Msg::Plan(PlanMsg::UnknownTimezone { text: name.get_ref().clone(), suggestion });
            self.error(name.span(), msg);
        }
        zone
    }

    fn station(&mut self, raw: RawStation, cohort: &Cohort, journey_zone: Option<Zone>) -> Station {
        let id = self.id(&raw.id);
        let date = match NaiveDate::parse_from_str(raw.date.get_ref(), "%Y-%m-%d") {
            Ok(date) if (FIRST_YEAR..=LAST_YEAR).contains(&date.year()) => date,
            Ok(_) => {
                let msg = Msg::Plan(PlanMsg::DateOutOfRange {
                    text: raw.date.get_ref().clone(),
                    first_year: FIRST_YEAR,
                    last_year: LAST_YEAR,
                });
                self.error(raw.date.span(), msg);
                NaiveDate::default()
            }
            Err(_) => {
                self.error(
                    raw.date.span(),
                    Msg::Plan(PlanMsg::InvalidDate { text: raw.date.get_ref().clone() }),
                );
                NaiveDate::default()
            }
        };
        self.bad_time = false;
        let start = self.time(&raw.start);
        let end = self.time(&raw.end);
        if end <= start && !self.bad_time {
            self.error(
                raw.end.span(),
                Msg::Plan(PlanMsg::EndNotAfterStart {
                    start: raw.start.get_ref().clone(),
                    end: raw.end.get_ref().clone(),
                }),
            );
        }
        let block_ids: Vec<(String, Range<usize>)> = raw
            .blocks
            .iter()
            .enumerate()
            .map(|(index, block)| match &block.id {
                Some(id) => (self.id(id), id.span()),
                None => (default_block_id(index), block.title.span()),
            })
            .collect();
        self.unique(IdKind::Block, block_ids.iter().map(|(id, span)| (id.as_str(), span.clone())));
        if raw.blocks.is_empty() {
            self.warn(raw.id.span(), Msg::Plan(PlanMsg::EmptyAgenda { station: raw.id.get_ref().clone() }));
        }
        if raw.blocks.len() > MAX_BLOCKS {
            let msg = Msg::Plan(PlanMsg::TooManyBlocks {
                station: raw.id.get_ref().clone(),
                count: raw.blocks.len(),
                max: MAX_BLOCKS,
            });
            self.error(raw.id.span(), msg);
        }
        let title_spans: Vec<Range<usize>> = raw.blocks.iter().map(|block| block.title.span()).collect();
        let fixed_spans: Vec<Option<Range<usize>>> =
            raw.blocks.iter().map(|block| block.fixed_start.as_ref().map(Spanned::span)).collect();
        let mut blocks: Vec<Block> =
            raw.blocks.into_iter().zip(block_ids).map(|(raw, (id, _))| self.block(raw, id, cohort)).collect();
        // Online, an exchange's groups meet in breakout rooms rather than at tables.
        for block in &mut blocks {
            if let Method::Exchange(exchange) = &mut block.method {
                exchange.breakout_rooms = raw.format == Format::Online;
            }
        }
        let station = Station {
            id,
            title: raw.title,
            date,
            start,
            end,
            place: raw.place,
            host: raw.host,
            format: raw.format,
            blocks,
            timezone: raw.timezone.as_ref().and_then(|name| self.zone(name)).or(journey_zone),
            directions: raw.directions,
        };
        if !self.bad_time {
            self.schedule(&station, &title_spans, &fixed_spans);
        }
        station
    }

    /// Fixed starts that the blocks before cannot reach, and an agenda that runs past the end.
    fn schedule(&mut self, station: &Station, titles: &[Range<usize>], fixed: &[Option<Range<usize>>]) {
        let slots = planned_slots(station);
        let mut previous_end = minute_of_day(station.start);
        for ((slot, block), fixed_span) in slots.iter().zip(&station.blocks).zip(fixed) {
            if let (Some(_), Some(span)) = (block.fixed_start, fixed_span)
                && slot.start < previous_end
            {
                self.error(
                    span.clone(),
                    Msg::Plan(PlanMsg::FixedStartTooEarly {
                        fixed: fmt_minute_of_day(slot.start),
                        previous_end: fmt_minute_of_day(previous_end),
                        minutes: previous_end - slot.start,
                    }),
                );
            }
            previous_end = slot.end;
        }
        let station_end = minute_of_day(station.end);
        let agenda_end = slots.last().map_or(station_end, |slot| slot.end);
        let agenda_minutes = agenda_end.saturating_sub(minute_of_day(station.start));
        if agenda_minutes > MAX_AGENDA_HOURS * 60
            && let Some(span) = titles.last()
        {
            let msg = Msg::Plan(PlanMsg::AgendaTooLong {
                station: station.id.clone(),
                hours: agenda_minutes.div_ceil(60),
                max_hours: MAX_AGENDA_HOURS,
            });
            self.error(span.clone(), msg);
        }
        if agenda_end > station_end
            && let Some((_, span)) = slots.iter().zip(titles).find(|(slot, _)| slot.end > station_end)
        {
            self.warn(
                span.clone(),
                Msg::Plan(PlanMsg::AgendaRunsOver {
                    agenda_end: fmt_minute_of_day(agenda_end),
                    station_end: fmt_minute_of_day(station_end),
                    minutes: agenda_end - station_end,
                }),
            );
        }
    }

    fn block(&mut self, raw: RawBlock, id: String, cohort: &Cohort) -> Block {
        let kind = *raw.kind.get_ref();
        let minutes = self.block_minutes(&raw.duration);
        let fixed_start = raw.fixed_start.as_ref().map(|text| self.time(text));
        if let (Some(_), Some(speaker)) = (&raw.owner, &raw.speaker) {
            self.error(speaker.span(), Msg::Plan(PlanMsg::OwnerAndSpeaker));
        }
        let owner = raw.owner.as_ref().map(|owner| self.participant(owner, cohort));
        let last_minutes_secs = match &raw.last_minutes {
            Some(text) => self.seconds(text),
            None => DEFAULT_LAST_MINUTES_SECS,
        };
        let method = self.method(&raw, kind, cohort);
        self.method_fits(&raw, &method, minutes);
        Block {
            id,
            kind,
            title: raw.title.into_inner(),
            minutes,
            fixed_start,
            owner,
            speaker: raw.speaker.map(Spanned::into_inner),
            notes: raw.notes,
            last_minutes_secs,
            speaker_clock: raw.speaker_clock.unwrap_or_default(),
            method,
        }
    }

    /// A method's phases or rounds must fit in the block's minutes: a plan
    /// of 2 × 23 h in a 75-min block cannot run.
    fn method_fits(&mut self, raw: &RawBlock, method: &Method, minutes: u32) {
        let (needed, span) = match (method, raw.consultation.as_ref(), raw.exchange.as_ref()) {
            (Method::Consultation(consultation), Some(table), _) => {
                (consultation.phase_minutes.values().map(|m| u64::from(*m)).sum::<u64>(), table.span())
            }
            (Method::Exchange(exchange), _, Some(table)) => (
                exchange.round_minutes.map_or(0, |m| u64::from(m) * u64::from(exchange.rounds)),
                table.span(),
            ),
            _ => return,
        };
        if needed > u64::from(minutes) {
            self.error(span, Msg::Plan(PlanMsg::LongerThanBlock { needed, minutes }));
        }
    }

    /// The method table of a block, which must match its kind.
    fn method(&mut self, raw: &RawBlock, kind: BlockKind, cohort: &Cohort) -> Method {
        let tables: [(&str, Option<Range<usize>>); 4] = [
            ("discussion", raw.discussion.as_ref().map(Spanned::span)),
            ("consultation", raw.consultation.as_ref().map(Spanned::span)),
            ("reflection", raw.reflection.as_ref().map(Spanned::span)),
            ("exchange", raw.exchange.as_ref().map(Spanned::span)),
        ];
        // Without a kind (a missing key) no table can be said to mismatch it.
        for (table, span) in tables.into_iter().filter(|_| !is_missing(&raw.kind.span())) {
            if let Some(span) = span
                && table != kind.key()
            {
                self.error(
                    span,
                    Msg::Plan(PlanMsg::MethodTableMismatch {
                        table: table.to_string(),
                        kind: kind.key().to_string(),
                    }),
                );
            }
        }
        match kind {
            BlockKind::Discussion => Method::Discussion(match &raw.discussion {
                Some(table) => self.discussion(table.get_ref(), cohort),
                None => Discussion::default(),
            }),
            BlockKind::Consultation => Method::Consultation(match &raw.consultation {
                Some(table) => self.consultation(table.get_ref(), cohort),
                None => Consultation::default(),
            }),
            BlockKind::Reflection => Method::Reflection(match &raw.reflection {
                Some(table) => self.reflection(table.get_ref(), table.span(), cohort),
                None => Reflection::default(),
            }),
            BlockKind::Exchange => Method::Exchange(match &raw.exchange {
                Some(table) => self.exchange(table.get_ref(), cohort),
                None => Exchange::default(),
            }),
            BlockKind::Impulse | BlockKind::Break | BlockKind::Visit | BlockKind::Custom => Method::Plain,
        }
    }

    fn discussion(&mut self, raw: &RawDiscussion, cohort: &Cohort) -> Discussion {
        let speaker_limit_secs = raw.speaker_limit.as_ref().map(|text| self.seconds(text));
        let policy = raw.policy.as_ref().map_or(QueuePolicy::default(), |policy| *policy.get_ref());
        if let Some(span) = raw.policy.as_ref().map(Spanned::span)
            && policy == QueuePolicy::Alternate
            && raw.alternate_by.is_none()
        {
            self.error(span, Msg::Plan(PlanMsg::AlternateWithoutAttribute));
        }
        if let Some(attribute) = &raw.alternate_by {
            let used = cohort.participants.iter().any(|p| p.attributes.contains_key(attribute.get_ref()));
            if !used {
                self.warn(
                    attribute.span(),
                    Msg::Plan(PlanMsg::AttributeUnused { attribute: attribute.get_ref().clone() }),
                );
            }
        }
        Discussion {
            questions: raw.questions.clone(),
            speaker_limit_secs,
            policy,
            alternate_by: raw.alternate_by.as_ref().map(|text| text.get_ref().clone()),
            speaker_clock: raw.speaker_clock.unwrap_or_default(),
        }
    }

    /// A consultation's settings: its template, phases and methods must exist in
    /// the catalogue, its groups name participants, each in one group.
    fn consultation(&mut self, raw: &RawConsultation, cohort: &Cohort) -> Consultation {
        use crate::core::catalogue;
        let keys =
            |keys: Vec<&str>| keys.iter().map(|key| format!("\"{key}\"")).collect::<Vec<_>>().join(", ");
        let template = raw.template.as_ref().and_then(|name| {
            let found = catalogue::template(name.get_ref());
            if found.is_none() {
                let known = keys(catalogue::templates().iter().map(|t| t.key.as_str()).collect());
                self.error(
                    name.span(),
                    Msg::Plan(PlanMsg::UnknownTemplate { name: name.get_ref().clone(), known }),
                );
            }
            found
        });
        let template = template.or_else(|| {
            raw.template.is_none().then(|| catalogue::template(catalogue::DEFAULT_TEMPLATE)).flatten()
        });
        let cases = raw.cases.as_ref().map(|cases| {
            if *cases.get_ref() < 1 {
                self.error(cases.span(), Msg::Plan(PlanMsg::NoCases));
            }
            let people = cohort.participants.len();
            if usize::try_from(*cases.get_ref()).is_ok_and(|wanted| wanted > people) {
                self.error(
                    cases.span(),
                    Msg::Plan(PlanMsg::CasesBeyondCohort { cases: *cases.get_ref(), people }),
                );
            }
            *cases.get_ref()
        });
        let mut phase_minutes = BTreeMap::new();
        for (phase, duration) in &raw.phases {
            if let Some(template) = template
                && template.phase(phase.get_ref()).is_none()
            {
                let known = keys(template.phases.iter().map(|p| p.key.as_str()).collect());
                self.error(
                    phase.span(),
                    Msg::Plan(PlanMsg::UnknownPhase {
                        phase: phase.get_ref().clone(),
                        template: template.key.clone(),
                        known,
                    }),
                );
            }
            phase_minutes.insert(phase.get_ref().clone(), self.block_minutes(duration));
        }
        let mut seen = HashSet::new();
        let mut groups = Vec::new();
        for group in &raw.groups {
            let mut members = Vec::new();
            for id in group {
                let id_text = self.participant(id, cohort);
                if !seen.insert(id_text.clone()) {
                    self.error(id.span(), Msg::Plan(PlanMsg::InTwoGroups { id: id_text.clone() }));
                }
                members.push(id_text);
            }
            groups.push(members);
        }
        let methods = raw
            .methods
            .iter()
            .map(|name| {
                if catalogue::consultation_method(name.get_ref()).is_none() {
                    let known =
                        keys(catalogue::consultation_methods().iter().map(|m| m.key.as_str()).collect());
                    self.error(
                        name.span(),
                        Msg::Plan(PlanMsg::UnknownConsultationMethod { name: name.get_ref().clone(), known }),
                    );
                }
                name.get_ref().clone()
            })
            .collect();
        if let (Some(giver), Some(moderator)) = (&raw.case_giver, &raw.moderator)
            && giver.get_ref() == moderator.get_ref()
        {
            self.error(moderator.span(), Msg::Plan(PlanMsg::TwoRoles { id: giver.get_ref().clone() }));
        }
        Consultation {
            case_giver: raw.case_giver.as_ref().map(|id| self.participant(id, cohort)),
            moderator: raw.moderator.as_ref().map(|id| self.participant(id, cohort)),
            template: raw.template.as_ref().map(|name| name.get_ref().clone()),
            cases,
            phase_minutes,
            groups,
            methods,
        }
    }

    /// A reflection's settings, checked against the formats and prompt sets of
    /// `assets/methods/reflection.toml`.
    fn reflection(&mut self, raw: &RawReflection, table: Range<usize>, cohort: &Cohort) -> Reflection {
        let format = raw.format.as_ref().map_or(ReflectionFormat::default(), |format| *format.get_ref());
        let content = crate::core::catalogue::method(crate::core::method::MethodKind::Reflection);
        let prompts = raw.prompts.as_ref().map(|prompts| prompts.get_ref().clone()).unwrap_or_default();
        if let Some(set) = &raw.prompt_set {
            if content.is_some_and(|content| content.prompt_set(set.get_ref()).is_none()) {
                let known: Vec<String> = content
                    .map(|content| content.prompt_sets.iter().map(|set| format!("`{}`", set.id)).collect())
                    .unwrap_or_default();
                let known = known.join(", ");
                self.error(
                    set.span(),
                    Msg::Plan(PlanMsg::UnknownPromptSet { set: set.get_ref().clone(), known }),
                );
            }
            if let Some(own) = &raw.prompts {
                self.error(own.span(), Msg::Plan(PlanMsg::PromptsAndPromptSet));
            }
        }
        if let Some(own) =
            raw.prompts.as_ref().filter(|own| own.get_ref().iter().any(|p| p.trim().is_empty()))
        {
            self.error(own.span(), Msg::Plan(PlanMsg::EmptyPrompt));
        }
        let turn_secs = raw.turn.as_ref().map_or(DEFAULT_TURN_SECS, |text| {
            let secs = self.seconds(text);
            if secs != 0 && !TURN_SECS.contains(&secs) {
                self.error(
                    text.span(),
                    Msg::Plan(PlanMsg::TurnOutOfRange {
                        text: text.get_ref().clone(),
                        min: *TURN_SECS.start(),
                        max: *TURN_SECS.end(),
                    }),
                );
            }
            secs
        });
        let times_secs: Vec<u32> = raw
            .times
            .as_ref()
            .map(|times| times.get_ref().iter().map(|text| self.seconds(text)).collect())
            .unwrap_or_default();
        let settings = Reflection {
            format,
            prompts,
            prompt_set: raw.prompt_set.as_ref().map(|set| set.get_ref().clone()),
            blitzlicht: raw.blitzlicht,
            prompts_at_once: raw.prompts_at_once,
            times_secs,
            turn_secs,
            order: raw.order.unwrap_or_default(),
        };
        if let (Some(times), Some(content)) = (&raw.times, content) {
            let phases = crate::core::reflection::timed_phases(&settings, content);
            if times.get_ref().len() != phases {
                self.error(
                    times.span(),
                    Msg::Plan(PlanMsg::TimesPerPhase { given: times.get_ref().len(), phases }),
                );
            }
        }
        // A round everyone speaks in must fit its time: said now, not at the wall.
        let people = cohort.participants.len();
        let needed = i64::from(settings.turn_secs).saturating_mul(i64::try_from(people).unwrap_or(i64::MAX));
        let short = content
            .map(|content| crate::core::reflection::phases(&settings, content))
            .unwrap_or_default()
            .into_iter()
            .find(|phase| phase.round && phase.time.num_seconds() < needed);
        if let Some(round) = short {
            let span = raw.turn.as_ref().map_or(table, Spanned::span);
            self.warn(
                span,
                Msg::Plan(PlanMsg::RoundTooShort {
                    people,
                    turn_secs: settings.turn_secs,
                    needed_minutes: needed.div_euclid(60) + i64::from(needed.rem_euclid(60) > 0),
                    minutes: round.time.num_minutes(),
                }),
            );
        }
        if format == ReflectionFormat::Blitzlicht && raw.blitzlicht == Some(false) {
            let span = raw.format.as_ref().map(Spanned::span).unwrap_or_default();
            self.error(span, Msg::Plan(PlanMsg::BlitzlichtWithoutRound));
        }
        settings
    }

    fn exchange(&mut self, raw: &RawExchange, cohort: &Cohort) -> Exchange {
        let defaults = Exchange::default();
        let format = raw.format.unwrap_or_default();
        let default_size = if format == ExchangeFormat::PairRotation { 2 } else { defaults.group_size };
        let group_size = raw.group_size.as_ref().map_or(default_size, |size| {
            if *size.get_ref() < 2 {
                self.error(size.span(), Msg::Plan(PlanMsg::GroupSizeTooSmall));
            }
            *size.get_ref()
        });
        let rounds = raw.rounds.as_ref().map_or(defaults.rounds, |rounds| {
            if !(1..=crate::core::grouping::MAX_ROUNDS).contains(&(*rounds.get_ref() as usize)) {
                self.error(rounds.span(), Msg::Plan(PlanMsg::NoRounds));
            }
            *rounds.get_ref()
        });
        let round_minutes = raw.round_duration.as_ref().map(|text| self.block_minutes(text));
        let mut never_together = Vec::new();
        for pair in &raw.never_together {
            match pair.get_ref().as_slice() {
                [a, b] => never_together.push((self.participant(a, cohort), self.participant(b, cohort))),
                _ => self.error(pair.span(), Msg::Plan(PlanMsg::NeverTogetherPair)),
            }
        }
        // Each person must be allowed with enough others to fill a group of
        // `group_size` or one less: who is kept from nearly everyone cannot be placed.
        let people = cohort.participants.len();
        let needed = usize::try_from(group_size)
            .unwrap_or(usize::MAX)
            .saturating_sub(2)
            .max(1)
            .min(people.saturating_sub(1));
        let mut kept_from: BTreeMap<&str, HashSet<&str>> = BTreeMap::new();
        for (a, b) in &never_together {
            kept_from.entry(a).or_default().insert(b);
            kept_from.entry(b).or_default().insert(a);
        }
        if let Some((id, _)) = kept_from.iter().find(|(id, apart)| {
            people.saturating_sub(1).saturating_sub(apart.len() - usize::from(apart.contains(*id))) < needed
        }) {
            let span = raw.never_together.first().map(Spanned::span).unwrap_or_default();
            self.error(span, Msg::Plan(PlanMsg::NeverTogetherInfeasible { id: id.to_string() }));
        }
        Exchange {
            group_size,
            rounds,
            format,
            round_minutes,
            question: raw.question.clone(),
            never_together,
            allow_larger: raw.allow_larger,
            show_organisations: raw.show_organisations,
            breakout_rooms: false,
        }
    }

    fn participant(&mut self, id: &Spanned<String>, cohort: &Cohort) -> String {
        if !cohort.known.contains(id.get_ref().as_str()) {
            self.error(id.span(), Msg::Plan(PlanMsg::UnknownParticipant { id: id.get_ref().clone() }));
        }
        id.get_ref().clone()
    }

    fn time(&mut self, text: &Spanned<String>) -> NaiveTime {
        NaiveTime::parse_from_str(text.get_ref().trim(), "%H:%M").unwrap_or_else(|_| {
            self.error(text.span(), Msg::Plan(PlanMsg::InvalidTime { text: text.get_ref().clone() }));
            self.bad_time = true;
            NaiveTime::MIN
        })
    }

    fn seconds(&mut self, text: &Spanned<String>) -> u32 {
        match parse_duration_secs(text.get_ref()) {
            Some(0) => {
                self.error(text.span(), Msg::Plan(PlanMsg::ZeroDuration));
                0
            }
            Some(secs) if secs > MAX_DURATION_HOURS * 3600 => {
                let msg = Msg::Plan(PlanMsg::DurationTooLong {
                    text: text.get_ref().clone(),
                    max_hours: MAX_DURATION_HOURS,
                });
                self.error(text.span(), msg);
                0
            }
            Some(secs) => secs,
            None => {
                self.error(text.span(), Msg::Plan(PlanMsg::InvalidDuration { text: text.get_ref().clone() }));
                0
            }
        }
    }

    fn block_minutes(&mut self, text: &Spanned<String>) -> u32 {
        let secs = self.seconds(text);
        if !secs.is_multiple_of(60) {
            self.error(
                text.span(),
                Msg::Plan(PlanMsg::DurationNotWholeMinutes { text: text.get_ref().clone() }),
            );
        }
        secs / 60
    }
}

/// The id a block gets from its position when the plan gives none: `b1`, `b2`, …
pub fn default_block_id(index: usize) -> String {
    format!("b{}", index + 1)
}

/// Parses `"45m"`, `"1h30m"`, `"2h"`, `"90s"`, `"1h 30m"` into seconds.
pub fn parse_duration_secs(text: &str) -> Option<u32> {
    let mut total: u32 = 0;
    let mut number = String::new();
    let mut seen_unit = false;
    let mut last_unit_rank = 0;
    for c in text.trim().chars() {
        match c {
            '0'..='9' => number.push(c),
            ' ' if number.is_empty() => {}
            'h' | 'm' | 's' => {
                let rank = match c {
                    'h' => 1,
                    'm' => 2,
                    _ => 3,
                };
                if number.is_empty() || rank <= last_unit_rank {
                    return None;
                }
                let value: u32 = number.parse().ok()?;
                let factor = match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                total = total.checked_add(value.checked_mul(factor)?)?;
                number.clear();
                seen_unit = true;
                last_unit_rank = rank;
            }
            _ => return None,
        }
    }
    (seen_unit && number.is_empty()).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("45m", Some(2700))]
    #[case("1h30m", Some(5400))]
    #[case("1h 30m", Some(5400))]
    #[case("2h", Some(7200))]
    #[case("90s", Some(90))]
    #[case("1m30s", Some(90))]
    #[case("0m", Some(0))]
    #[case("45", None)]
    #[case("m", None)]
    #[case("30m1h", None)]
    #[case("1h1h", None)]
    #[case("1,5h", None)]
    #[case("", None)]
    #[case("99999999h", None)]
    fn durations(#[case] text: &str, #[case] secs: Option<u32>) {
        assert_eq!(parse_duration_secs(text), secs);
    }

    #[test]
    fn line_and_column_count_characters() {
        let source = "a = 1\nüber = \"x\"\n";
        let lines = LineIndex::new(source);
        assert_eq!(lines.line_col(source, 0), (1, 1));
        assert_eq!(lines.line_col(source, 5), (1, 6));
        assert_eq!(lines.line_col(source, 6), (2, 1));
        assert_eq!(lines.line_col(source, source.len() - 6), (2, 6));
        assert_eq!(lines.line_col(source, source.len()), (3, 1));
    }

    const MINIMAL: &str = r#"
id = "j"
title = "Journey"

[[participants]]
id = "p1"
name = "Ada"
organisation = "Amt"
role = "Leitung"

[[stations]]
id = "s1"
title = "Tag 1"
date = "2022-11-28"
start = "09:00"
end = "10:00"
place = "Raum"
format = "in-person"

[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "30m"
owner = "p1"

[[stations.blocks]]
kind = "discussion"
title = "Diskussion"
duration = "30m"
fixed_start = "09:30"

[stations.blocks.discussion]
questions = ["Warum?"]
speaker_limit = "90s"
speaker_clock = "cue"
"#;

    fn problems(source: &str) -> Vec<(usize, usize, Msg)> {
        match parse(source) {
            Ok((_, warnings)) => warnings.into_iter().map(|p| (p.line, p.column, p.msg)).collect(),
            Err(problems) => problems.into_iter().map(|p| (p.line, p.column, p.msg)).collect(),
        }
    }

    #[test]
    fn a_minimal_plan_loads_with_defaults() {
        let (journey, warnings) = match parse(MINIMAL) {
            Ok(loaded) => loaded,
            Err(problems) => panic!("unexpected problems: {problems:?}"),
        };
        assert!(warnings.is_empty());
        assert_eq!(journey.language, Lang::De);
        let station = &journey.stations[0];
        assert_eq!(station.blocks[0].id, "b1");
        assert_eq!(station.blocks[1].id, "b2");
        assert_eq!(station.blocks[0].last_minutes_secs, 120);
        assert_eq!(
            station.blocks[1].method,
            Method::Discussion(Discussion {
                questions: vec!["Warum?".into()],
                speaker_limit_secs: Some(90),
                policy: QueuePolicy::FirstCome,
                alternate_by: None,
                speaker_clock: SpeakerClock::Cue,
            })
        );
    }

    #[test]
    fn a_block_with_a_person_is_discreet_unless_the_plan_makes_its_clock_visible() {
        let discreet = |source: &str| match parse(source) {
            Ok((journey, _)) => journey.stations[0].blocks[0].speaker_clock,
            Err(problems) => panic!("unexpected problems: {problems:?}"),
        };
        assert_eq!(discreet(MINIMAL), PersonClock::Discreet);
        let visible = MINIMAL.replace("owner = \"p1\"\n", "owner = \"p1\"\nspeaker_clock = \"visible\"\n");
        assert_eq!(discreet(&visible), PersonClock::Visible);
        let wrong = MINIMAL.replace("owner = \"p1\"\n", "owner = \"p1\"\nspeaker_clock = \"loud\"\n");
        let found = problems(&wrong);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, 25, "the line of the wrong value: {found:?}");
    }

    #[test]
    fn a_fixed_start_before_the_previous_end_is_an_error() {
        let source = MINIMAL.replace("fixed_start = \"09:30\"", "fixed_start = \"09:20\"");
        assert_eq!(
            problems(&source),
            vec![(
                30,
                15,
                Msg::Plan(PlanMsg::FixedStartTooEarly {
                    fixed: "09:20".into(),
                    previous_end: "09:30".into(),
                    minutes: 10
                })
            )]
        );
    }

    #[test]
    fn an_overlong_agenda_warns_with_the_overrun() {
        let source = MINIMAL.replace("end = \"10:00\"", "end = \"09:45\"");
        assert_eq!(
            problems(&source),
            vec![(
                28,
                9,
                Msg::Plan(PlanMsg::AgendaRunsOver {
                    agenda_end: "10:00".into(),
                    station_end: "09:45".into(),
                    minutes: 15
                })
            )]
        );
    }

    #[test]
    fn a_method_table_on_another_kind_is_an_error() {
        let source = MINIMAL.replace("kind = \"discussion\"", "kind = \"custom\"");
        let found = problems(&source);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].2,
            Msg::Plan(PlanMsg::MethodTableMismatch { table: "discussion".into(), kind: "custom".into() })
        );
    }

    #[test]
    fn every_semantic_error_is_reported_at_once() {
        let source = MINIMAL
            .replace("owner = \"p1\"", "owner = \"p9\"")
            .replace("duration = \"30m\"\nfixed", "duration = \"halbe Stunde\"\nfixed")
            .replace("id = \"s1\"", "id = \"S 1\"");
        let messages: Vec<Msg> = problems(&source).into_iter().map(|(_, _, msg)| msg).collect();
        assert_eq!(
            messages,
            vec![
                Msg::Plan(PlanMsg::InvalidId { id: "S 1".into() }),
                Msg::Plan(PlanMsg::UnknownParticipant { id: "p9".into() }),
                Msg::Plan(PlanMsg::InvalidDuration { text: "halbe Stunde".into() }),
            ]
        );
    }

    #[test]
    fn a_bare_time_asks_for_quotes() {
        let source = MINIMAL.replace("start = \"09:00\"", "start = 09:00");
        assert_eq!(problems(&source), vec![(15, 9, Msg::Plan(PlanMsg::QuoteTimes))]);
    }

    #[test]
    fn one_bad_time_is_one_error() {
        let source = MINIMAL.replace("end = \"10:00\"", "end = \"10.00\"");
        assert_eq!(
            problems(&source),
            vec![(16, 7, Msg::Plan(PlanMsg::InvalidTime { text: "10.00".into() }))]
        );
        let source = MINIMAL.replace("fixed_start = \"09:30\"", "fixed_start = \"halb zehn\"");
        assert_eq!(
            problems(&source),
            vec![(30, 15, Msg::Plan(PlanMsg::InvalidTime { text: "halb zehn".into() }))]
        );
    }

    #[test]
    fn unknown_keys_name_the_key() {
        let source = MINIMAL.replace("role = \"Leitung\"", "role = \"Leitung\"\nrolle = \"x\"");
        let found = problems(&source);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].0, found[0].1), (10, 1));
        assert!(
            matches!(&found[0].2, Msg::Plan(PlanMsg::UnknownKey { key, .. }) if key == "rolle"),
            "{found:?}"
        );
    }

    /// The field names a raw type asks serde for, caught by a deserializer
    /// that answers nothing else.
    fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
        struct Catch(Option<&'static [&'static str]>);
        impl<'de> serde::Deserializer<'de> for &mut Catch {
            type Error = serde::de::value::Error;
            fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
                Err(serde::de::Error::custom("not a struct"))
            }
            fn deserialize_struct<V: serde::de::Visitor<'de>>(
                self,
                _: &'static str,
                fields: &'static [&'static str],
                _: V,
            ) -> Result<V::Value, Self::Error> {
                self.0 = Some(fields);
                Err(serde::de::Error::custom("caught"))
            }
            serde::forward_to_deserialize_any! {
                bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
                option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
            }
        }
        let mut catch = Catch(None);
        let _ = T::deserialize(&mut catch);
        catch.0.unwrap_or_default()
    }

    #[test]
    fn the_key_walk_knows_exactly_the_keys_the_plan_is_read_with() {
        use super::super::keys;
        assert_eq!(keys::JOURNEY.names(), fields_of::<RawJourney>());
        assert_eq!(keys::PARTICIPANT.names(), fields_of::<RawParticipant>());
        assert_eq!(keys::STATION.names(), fields_of::<RawStation>());
        assert_eq!(keys::BLOCK.names(), fields_of::<RawBlock>());
        assert_eq!(keys::DISCUSSION.names(), fields_of::<RawDiscussion>());
        assert_eq!(keys::CONSULTATION.names(), fields_of::<RawConsultation>());
        assert_eq!(keys::REFLECTION.names(), fields_of::<RawReflection>());
        assert_eq!(keys::EXCHANGE.names(), fields_of::<RawExchange>());
    }

    #[test]
    fn unknown_keys_and_the_other_problems_come_all_at_once() {
        let source = MINIMAL
            .replace("role = \"Leitung\"", "role = \"Leitung\"\nrolle = \"x\"")
            .replace("place = \"Raum\"", "place = \"Raum\"\nort = \"x\"")
            .replace("speaker_limit = \"90s\"", "speaker_limit = \"90s\"\nredezeit = \"2m\"")
            .replace("owner = \"p1\"", "owner = \"p9\"");
        let found: Vec<(usize, usize, String)> = problems(&source)
            .into_iter()
            .map(|(line, column, msg)| (line, column, msg.text(Lang::En)))
            .collect();
        let keys: Vec<(usize, usize)> = found.iter().map(|(line, column, _)| (*line, *column)).collect();
        assert_eq!(keys, vec![(10, 1), (19, 1), (26, 9), (37, 1)], "{found:?}");
        assert!(found[0].2.starts_with("unknown key `rolle`"), "{found:?}");
        assert!(found[1].2.starts_with("unknown key `ort`"), "{found:?}");
        assert!(found[2].2.starts_with("unknown participant id \"p9\""), "{found:?}");
        assert_eq!(
            found[3].2,
            "unknown key `redezeit`; allowed here: `questions`, `speaker_limit`, `policy`, `alternate_by`, `speaker_clock`"
        );
    }

    #[test]
    fn every_missing_key_is_named_at_its_table_and_the_other_checks_still_run() {
        let source = MINIMAL
            .replace("duration = \"30m\"\nowner = \"p1\"", "owner = \"p9\"")
            .replace("place = \"Raum\"\n", "")
            .replace("id = \"p1\"\n", "")
            .replace("kind = \"discussion\"\n", "");
        let found = problems(&source);
        let msgs: Vec<&Msg> = found.iter().map(|(_, _, msg)| msg).collect();
        // No second error about the placeholders (an empty id, a block
        // without a kind holding a discussion table); the owner is unknown.
        assert_eq!(
            msgs,
            vec![
                &Msg::Plan(PlanMsg::MissingKey { key: "id".into() }),
                &Msg::Plan(PlanMsg::MissingKey { key: "place".into() }),
                &Msg::Plan(PlanMsg::MissingKey { key: "duration".into() }),
                &Msg::Plan(PlanMsg::UnknownParticipant { id: "p9".into() }),
                &Msg::Plan(PlanMsg::MissingKey { key: "kind".into() }),
            ],
            "{found:?}"
        );
    }
}
