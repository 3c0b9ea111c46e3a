//! The journey plan as moderato uses it: validated, typed, and serialised into each station log.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A programme: the cohort and its stations (one `journey.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Journey {
    pub id: String,
    pub title: String,
    pub language: Lang,
    /// The zone the plan names for all its stations, if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Zone>,
    pub participants: Vec<Participant>,
    pub stations: Vec<Station>,
}

impl Journey {
    pub fn station(&self, id: &str) -> Option<&Station> {
        self.stations.iter().find(|station| station.id == id)
    }
}

/// One member of the cohort.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub role: String,
    /// Initials or another short handle, for the speaker queue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short: Option<String>,
    /// Free attributes from the plan (group, level, …) for queue alternation and grouping.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
}

/// One event day or online session of the journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Station {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    #[serde(with = "clock")]
    pub start: NaiveTime,
    #[serde(with = "clock")]
    pub end: NaiveTime,
    pub place: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub format: Format,
    pub blocks: Vec<Block>,
    /// The zone its clock times are meant in: its own, else the journey's,
    /// else (filled in by [`crate::plan::load`]) the machine's. Absent only
    /// in logs written before moderato knew zones, and in plans parsed
    /// without loading; then a time takes the UTC offset of the moment it is
    /// computed at, as it always did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<Zone>,
    /// How to get there, for the participants' agenda.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directions: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    InPerson,
    Online,
}

/// One agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub id: String,
    pub kind: BlockKind,
    pub title: String,
    pub minutes: u32,
    /// A start that cannot move (meals, visits, a bus that leaves).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "clock_opt")]
    pub fixed_start: Option<NaiveTime>,
    /// The participant who leads or brings this block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// A guest speaker, as free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// The facilitator's private notes; never projected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Seconds before the end at which the timer turns amber.
    pub last_minutes_secs: u32,
    /// What the room sees of the clock of a block with a person on it (owner or speaker).
    #[serde(default, skip_serializing_if = "PersonClock::is_discreet")]
    pub speaker_clock: PersonClock,
    #[serde(default, skip_serializing_if = "Method::is_plain")]
    pub method: Method,
}

impl Block {
    /// Whether the block has a person on it: a participant who owns it or a guest speaker.
    pub fn has_person(&self) -> bool {
        self.owner.is_some() || self.speaker.is_some()
    }
}

/// What the room sees of the clock of a block a person gives. Discreet by
/// default: an executive over their time is a cue for the facilitator, not for the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PersonClock {
    /// The time left in calm colours, stopping at 0:00: no overtime figure, no red.
    #[default]
    Discreet,
    /// The block's clock as for any block: amber in the last minutes, red and counting beyond.
    Visible,
}

impl PersonClock {
    fn is_discreet(&self) -> bool {
        *self == PersonClock::Discreet
    }
}

/// What kind of agenda item a block is; the kind chooses its panel and keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    Impulse,
    Discussion,
    Consultation,
    Reflection,
    Exchange,
    Break,
    Visit,
    Custom,
}

impl BlockKind {
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Impulse,
        BlockKind::Discussion,
        BlockKind::Consultation,
        BlockKind::Reflection,
        BlockKind::Exchange,
        BlockKind::Break,
        BlockKind::Visit,
        BlockKind::Custom,
    ];

    /// The word used in the plan file.
    pub fn key(self) -> &'static str {
        match self {
            BlockKind::Impulse => "impulse",
            BlockKind::Discussion => "discussion",
            BlockKind::Consultation => "consultation",
            BlockKind::Reflection => "reflection",
            BlockKind::Exchange => "exchange",
            BlockKind::Break => "break",
            BlockKind::Visit => "visit",
            BlockKind::Custom => "custom",
        }
    }
}

/// The method settings of a block, from its kind-specific table.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase")]
pub enum Method {
    /// A plain timed block.
    #[default]
    Plain,
    Discussion(Discussion),
    Consultation(Consultation),
    Reflection(Reflection),
    Exchange(Exchange),
}

impl Method {
    fn is_plain(&self) -> bool {
        *self == Method::Plain
    }
}

/// A moderated discussion (Redeliste).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Discussion {
    pub questions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_limit_secs: Option<u32>,
    pub policy: QueuePolicy,
    /// The participant attribute to alternate by, for [`QueuePolicy::Alternate`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_by: Option<String>,
    /// What the room sees of a speaker's time; the console always sees the clock.
    #[serde(default, skip_serializing_if = "SpeakerClock::is_hidden")]
    pub speaker_clock: SpeakerClock,
}

/// What the room sees of a speaker's time. Hidden by default: a senior
/// executive over their limit is a cue for the facilitator, not for the wall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerClock {
    /// Nothing of the speaker's time: the block's clock stays the big one.
    #[default]
    Hidden,
    /// A neutral "time" word once the limit is reached: no figures, no red.
    Cue,
    /// The speaker's clock itself, amber near the limit and red beyond it.
    Shown,
}

impl SpeakerClock {
    fn is_hidden(&self) -> bool {
        *self == SpeakerClock::Hidden
    }
}

/// How the speaker queue orders hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum QueuePolicy {
    #[default]
    FirstCome,
    FirstTimeFirst,
    Alternate,
}

/// A collegial case consultation (Kollegiale Fallberatung).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Consultation {
    /// The first case's case giver the plan proposes; the casting screen suggests them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_giver: Option<String>,
    /// The first case's moderator the plan proposes; the casting screen suggests them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moderator: Option<String>,
    /// The template's key (`assets/methods/consultation-<key>.toml`); absent means the six phases after Tietze.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// How many cases the block consults one after another; absent means one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cases: Option<u32>,
    /// Minutes for phases, by the phase's key, instead of the template's.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phase_minutes: BTreeMap<String, u32>,
    /// Groups that consult in parallel, as lists of participant ids; none means the whole room.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Vec<String>>,
    /// The catalogue's methods offered for the consultation phase, by key; none means all of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub methods: Vec<String>,
}

/// A reflection: a format (its phases from `assets/methods/reflection.toml`),
/// prompts (the block's own or a set), and how a Blitzlicht round runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    #[serde(default)]
    pub format: ReflectionFormat,
    /// The block's own prompts; when empty, those of `prompt_set` (else the format's set).
    #[serde(default)]
    pub prompts: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt_set: Option<String>,
    /// `true` closes the format with a Blitzlicht round; `false` lets a check-in or
    /// check-out run without a fixed order; unset keeps the format's own phases.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blitzlicht: Option<bool>,
    /// Silent reflection: every prompt at once instead of one after another.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub prompts_at_once: bool,
    /// Seconds of each phase (of each prompt, for a silent reflection one after another).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub times_secs: Vec<u32>,
    /// The micro-timer of each person in a Blitzlicht round.
    #[serde(default = "default_turn_secs")]
    pub turn_secs: u32,
    /// The order of a Blitzlicht round.
    #[serde(default)]
    pub order: RoundOrder,
}

impl Default for Reflection {
    fn default() -> Self {
        Reflection {
            format: ReflectionFormat::default(),
            prompts: Vec::new(),
            prompt_set: None,
            blitzlicht: None,
            prompts_at_once: false,
            times_secs: Vec::new(),
            turn_secs: DEFAULT_TURN_SECS,
            order: RoundOrder::default(),
        }
    }
}

/// Each person's micro-timer in a Blitzlicht round unless the plan says otherwise.
pub const DEFAULT_TURN_SECS: u32 = 45;
/// The shortest and longest micro-timer a plan may set.
pub const TURN_SECS: std::ops::RangeInclusive<u32> = 30..=60;

fn default_turn_secs() -> u32 {
    DEFAULT_TURN_SECS
}

/// The reflection formats, by the word the plan uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReflectionFormat {
    #[default]
    Silent,
    ThinkPairShare,
    #[serde(rename = "1-2-4-all")]
    OneTwoFourAll,
    Blitzlicht,
    OneMinutePaper,
    CheckIn,
    CheckOut,
}

impl ReflectionFormat {
    pub const ALL: [ReflectionFormat; 7] = [
        ReflectionFormat::Silent,
        ReflectionFormat::ThinkPairShare,
        ReflectionFormat::OneTwoFourAll,
        ReflectionFormat::Blitzlicht,
        ReflectionFormat::OneMinutePaper,
        ReflectionFormat::CheckIn,
        ReflectionFormat::CheckOut,
    ];

    /// The word used in the plan file and in `assets/methods/reflection.toml`.
    pub fn key(self) -> &'static str {
        match self {
            ReflectionFormat::Silent => "silent",
            ReflectionFormat::ThinkPairShare => "think-pair-share",
            ReflectionFormat::OneTwoFourAll => "1-2-4-all",
            ReflectionFormat::Blitzlicht => "blitzlicht",
            ReflectionFormat::OneMinutePaper => "one-minute-paper",
            ReflectionFormat::CheckIn => "check-in",
            ReflectionFormat::CheckOut => "check-out",
        }
    }
}

/// Who speaks when in a Blitzlicht round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundOrder {
    /// As the cohort is listed in the plan (its seating order).
    #[default]
    Seating,
    Alphabetical,
    /// Shuffled with a recorded seed.
    Shuffled,
}

/// An exchange or networking round in small groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub group_size: u32,
    pub rounds: u32,
    #[serde(default, skip_serializing_if = "ExchangeFormat::is_small_groups")]
    pub format: ExchangeFormat,
    /// The length of each round, for its own timer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_minutes: Option<u32>,
    /// The guiding question the groups talk about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// Pairs (participant ids) never put in one group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub never_together: Vec<(String, String)>,
    /// Groups of k+1 instead of k−1 where the numbers do not divide.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_larger: bool,
    /// The projection names each member's organisation too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub show_organisations: bool,
    /// The groups meet in breakout rooms (an online station), not at tables; set from the station's format.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub breakout_rooms: bool,
}

impl Default for Exchange {
    fn default() -> Self {
        Exchange {
            group_size: 3,
            rounds: 1,
            format: ExchangeFormat::default(),
            round_minutes: None,
            question: None,
            never_together: Vec::new(),
            allow_larger: false,
            show_organisations: false,
            breakout_rooms: false,
        }
    }
}

/// How an exchange block moves people between rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ExchangeFormat {
    /// Small groups around a guiding question, new groups each round.
    #[default]
    SmallGroups,
    /// Speed networking: pairs, short rounds, a signal to move on.
    PairRotation,
    /// A host stays at each table, the others move.
    TableRotation,
}

impl ExchangeFormat {
    fn is_small_groups(&self) -> bool {
        *self == ExchangeFormat::SmallGroups
    }
}

/// An IANA time zone (`Europe/Berlin`): the plan's clock times are meant in it,
/// daylight saving included. Written as its name in the plan and the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Zone(pub Tz);

impl Zone {
    /// The zone of an IANA name, exactly as the database spells it.
    pub fn from_name(name: &str) -> Option<Zone> {
        name.parse::<Tz>().ok().map(Zone)
    }

    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// The instant a clock time on a date means in this zone. A time that
    /// happens twice (the hour the clocks go back) is the first; one that does
    /// not happen (the hour they skip) is taken an hour later, as a wall clock would show it.
    pub fn instant(self, at: NaiveDateTime) -> DateTime<FixedOffset> {
        let local = match self.0.from_local_datetime(&at) {
            LocalResult::Single(local) | LocalResult::Ambiguous(local, _) => Some(local),
            LocalResult::None => self.0.from_local_datetime(&(at + TimeDelta::hours(1))).earliest(),
        };
        // Only a gap longer than an hour (no zone has one today) is left: then UTC.
        local.map_or_else(|| self.0.from_utc_datetime(&at).fixed_offset(), |local| local.fixed_offset())
    }

    /// The same instant with this zone's offset at that moment.
    pub fn at(self, instant: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        instant.with_timezone(&self.0).fixed_offset()
    }
}

impl TryFrom<String> for Zone {
    type Error = String;

    fn try_from(name: String) -> Result<Zone, String> {
        Zone::from_name(&name).ok_or_else(|| format!("unknown time zone \"{name}\""))
    }
}

impl From<Zone> for String {
    fn from(zone: Zone) -> String {
        zone.name().to_string()
    }
}

/// Minutes since midnight, the unit of planned clock times.
pub fn minute_of_day(time: NaiveTime) -> u32 {
    use chrono::Timelike;
    time.hour() * 60 + time.minute()
}

/// The wall-clock time a plan's clock time (minutes since midnight, past
/// 24:00 on the next day) means on `date`.
pub fn wall_clock(date: NaiveDate, minute: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(minute))
}

/// `HH:MM` for a minute of the day; past midnight it keeps counting (`24:15`).
pub fn fmt_minute_of_day(minute: u32) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// `45 min`, `1 h 30 min`, `2 h`: a number of minutes as people read it (the
/// glossary's unit symbols, the same in both languages; the plan file writes `1h30m`).
pub fn fmt_duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// Clock times as `"HH:MM"` in the station log.
mod clock {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &NaiveTime, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&time.format("%H:%M").to_string())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        NaiveTime::parse_from_str(&text, "%H:%M").map_err(serde::de::Error::custom)
    }
}

mod clock_opt {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(time: &Option<NaiveTime>, serializer: S) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => super::clock::serialize(time, serializer),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| NaiveTime::parse_from_str(&text, "%H:%M").map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn berlin(date: &str, time: &str) -> String {
        let at = NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap();
        Zone::from_name("Europe/Berlin").unwrap().instant(at).to_rfc3339()
    }

    #[test]
    fn a_clock_time_means_the_zones_offset_of_that_day() {
        assert_eq!(berlin("2022-10-30", "09:00"), "2022-10-30T09:00:00+01:00");
        assert_eq!(berlin("2022-10-29", "09:00"), "2022-10-29T09:00:00+02:00");
        assert_eq!(berlin("2023-03-26", "09:00"), "2023-03-26T09:00:00+02:00");
        assert_eq!(berlin("2023-03-25", "09:00"), "2023-03-25T09:00:00+01:00");
    }

    #[test]
    fn the_hour_that_happens_twice_is_the_first_and_the_skipped_hour_comes_an_hour_later() {
        assert_eq!(berlin("2022-10-30", "02:30"), "2022-10-30T02:30:00+02:00");
        assert_eq!(berlin("2023-03-26", "02:30"), "2023-03-26T03:30:00+02:00");
    }

    #[test]
    fn a_zone_is_written_and_read_as_its_name() {
        let zone = Zone::from_name("Europe/Vienna").unwrap();
        assert_eq!(serde_json::to_string(&zone).unwrap(), "\"Europe/Vienna\"");
        assert_eq!(serde_json::from_str::<Zone>("\"Europe/Vienna\"").unwrap(), zone);
        assert!(serde_json::from_str::<Zone>("\"Europe/Wien\"").is_err());
        assert_eq!(Zone::from_name("europe/berlin"), None, "exactly as the database spells it");
    }
}
