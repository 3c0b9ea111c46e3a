//! Texts of the documents written before the day: the participants' agenda,
//! the calendar entries and the facilitator's run sheet (in the journey's
//! language), and what writing them can go wrong with.

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

use super::Lang;
use super::pick;
use crate::core::agenda::round_minutes;
use crate::plan::SpeakerClock;

/// The fixed words of the agenda and the run sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum AgendaLabel {
    Agenda,
    RunSheet,
    Date,
    Time,
    Place,
    Host,
    Directions,
    Format,
    Start,
    Item,
    With,
    Fixed,
    Owner,
    Speaker,
    Notes,
    Duration,
    Kind,
    Questions,
    QueueOrder,
    SpeakerLimit,
    AlternateBy,
    SpeakerClock,
    CaseGiver,
    Moderator,
    NotCast,
    Prompts,
    Blitzlicht,
    Yes,
    No,
    GroupSize,
    Rounds,
    /// A consultation's template and its phases with their minutes.
    Template,
    Cases,
    /// Groups consulting in parallel.
    Groups,
    Group,
    /// The catalogue's methods a consultation offers.
    Methods,
    AllMethods,
    /// A Blitzlicht round: each person's time and the order.
    Turn,
    RoundOrder,
    RoundLength,
    GuidingQuestion,
}

impl AgendaLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            AgendaLabel::Agenda => ("Agenda", "Agenda"),
            AgendaLabel::RunSheet => ("Regieplan", "Run sheet"),
            AgendaLabel::Date => ("Datum", "Date"),
            AgendaLabel::Time => ("Zeit", "Time"),
            AgendaLabel::Place => ("Ort", "Place"),
            AgendaLabel::Host => ("Gastgeber", "Host"),
            AgendaLabel::Directions => ("Anreise", "Getting there"),
            AgendaLabel::Format => ("Format", "Format"),
            AgendaLabel::Start => ("Beginn", "Start"),
            AgendaLabel::Item => ("Programmpunkt", "Item"),
            AgendaLabel::With => ("mit", "with"),
            AgendaLabel::Fixed => ("fest", "fixed"),
            AgendaLabel::Owner => ("Verantwortlich", "Owner"),
            AgendaLabel::Speaker => ("Gast", "Speaker"),
            AgendaLabel::Notes => ("Notizen", "Notes"),
            AgendaLabel::Duration => ("Dauer", "Duration"),
            AgendaLabel::Kind => ("Art", "Kind"),
            AgendaLabel::Questions => ("Leitfragen", "Questions"),
            AgendaLabel::QueueOrder => ("Redeliste", "Speaker queue"),
            AgendaLabel::SpeakerLimit => ("Redezeit", "Speaking time"),
            AgendaLabel::AlternateBy => ("nach", "by"),
            AgendaLabel::SpeakerClock => ("Redezeit im Raum", "Speaker clock in the room"),
            AgendaLabel::CaseGiver => ("Fallerzähler/in", "Case giver"),
            AgendaLabel::Moderator => ("Moderation", "Moderator"),
            AgendaLabel::NotCast => ("noch offen", "not yet cast"),
            AgendaLabel::Prompts => ("Impulsfragen", "Prompts"),
            AgendaLabel::Blitzlicht => ("Blitzlicht zum Abschluss", "Closing Blitzlicht"),
            AgendaLabel::Yes => ("ja", "yes"),
            AgendaLabel::No => ("nein", "no"),
            AgendaLabel::GroupSize => ("Gruppengröße", "Group size"),
            AgendaLabel::Rounds => ("Runden", "Rounds"),
            AgendaLabel::Template => ("Ablauf", "Template"),
            AgendaLabel::Cases => ("Fälle", "Cases"),
            AgendaLabel::Groups => ("Parallele Gruppen", "Parallel groups"),
            AgendaLabel::Group => ("Gruppe", "Group"),
            AgendaLabel::Methods => ("Methoden zur Wahl", "Methods to choose from"),
            AgendaLabel::AllMethods => ("alle des Katalogs", "the whole catalogue"),
            AgendaLabel::Turn => ("Redezeit je Person", "Time per person"),
            AgendaLabel::RoundOrder => ("Reihenfolge", "Order"),
            AgendaLabel::RoundLength => ("Dauer je Runde", "Length of a round"),
            AgendaLabel::GuidingQuestion => ("Leitfrage", "Guiding question"),
        };
        if lang == Lang::De { de } else { en }
    }
}

/// The sentences of the agenda and the run sheet, and what writing them says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum AgendaMsg {
    /// Under the station's times: the zone they are in.
    TimesIn { zone: String },
    /// The run sheet: the gap the plan leaves before a fixed start.
    BufferBefore { minutes: u32, fixed: String },
    /// The output file is there already.
    Exists { path: String },
    /// The output file could not be written.
    CannotWrite { path: String, reason: String },
    /// Something that is not a regular file (a device, a FIFO, a link) is where the output goes.
    NotRegular { path: String },
    /// `--blocks` asks for calendar entries, which only the ICS format has.
    BlocksOnlyIcs,
    /// The participants' agenda has no place for the run sheet's calendar.
    FacilitatorNotIcs,
    /// What was written, and where.
    Written { path: String },
}

impl AgendaMsg {
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            AgendaMsg::TimesIn { zone } => pick(
                de,
                format!("Alle Zeiten in Ortszeit ({zone})."),
                format!("All times are local time ({zone})."),
            ),
            AgendaMsg::BufferBefore { minutes, fixed } => pick(
                de,
                format!("Puffer {minutes} min vor dem festen Beginn um {fixed}"),
                format!("{minutes} min buffer before the fixed start at {fixed}"),
            ),
            AgendaMsg::Exists { path } => pick(
                de,
                format!(
                    "{path} gibt es schon; nichts wurde überschrieben. Mit --force wird die Datei ersetzt."
                ),
                format!("{path} already exists; nothing was overwritten. With --force the file is replaced."),
            ),
            AgendaMsg::NotRegular { path } => pick(
                de,
                format!(
                    "{path} ist keine gewöhnliche Datei (ein Gerät, eine Pipe, ein Verzeichnis oder eine Verknüpfung); nichts wurde geschrieben, auch nicht mit --force. Eine andere Zieldatei angeben."
                ),
                format!(
                    "{path} is not a regular file (a device, a pipe, a directory or a link); nothing was written, not even with --force. Give another output file."
                ),
            ),
            AgendaMsg::CannotWrite { path, reason } => pick(
                de,
                format!("{path} kann nicht geschrieben werden: {reason}"),
                format!("cannot write {path}: {reason}"),
            ),
            AgendaMsg::BlocksOnlyIcs => pick(
                de,
                "--blocks gilt nur für --format ics (ein Kalendereintrag je Block)".into(),
                "--blocks applies to --format ics only (one calendar entry per block)".into(),
            ),
            AgendaMsg::FacilitatorNotIcs => pick(
                de,
                "der Regieplan (--facilitator) ist zum Drucken: --format md oder html".into(),
                "the run sheet (--facilitator) is for printing: --format md or html".into(),
            ),
            AgendaMsg::Written { path } => {
                pick(de, format!("Geschrieben: {path}"), format!("Written: {path}"))
            }
        }
    }
}

/// Whole minutes, rounded: `45 min` (`−3 min` below zero).
pub fn minutes(delta: TimeDelta) -> String {
    match round_minutes(delta) {
        minutes if minutes < 0 => format!("−{} min", minutes.unsigned_abs()),
        minutes => format!("{minutes} min"),
    }
}

/// A difference or a lateness in whole minutes with its sign: `+5`, `−3`, `±0`.
pub fn signed_minutes(delta: TimeDelta) -> String {
    match round_minutes(delta) {
        0 => "±0".to_string(),
        minutes if minutes > 0 => format!("+{minutes}"),
        minutes => format!("−{}", minutes.unsigned_abs()),
    }
}

/// A date as a heading says it: `Montag, 28. November 2022`, `Monday, 28 November 2022`.
pub fn long_date(date: NaiveDate, lang: Lang) -> String {
    let weekday = match (date.weekday(), lang) {
        (Weekday::Mon, Lang::De) => "Montag",
        (Weekday::Tue, Lang::De) => "Dienstag",
        (Weekday::Wed, Lang::De) => "Mittwoch",
        (Weekday::Thu, Lang::De) => "Donnerstag",
        (Weekday::Fri, Lang::De) => "Freitag",
        (Weekday::Sat, Lang::De) => "Samstag",
        (Weekday::Sun, Lang::De) => "Sonntag",
        (Weekday::Mon, Lang::En) => "Monday",
        (Weekday::Tue, Lang::En) => "Tuesday",
        (Weekday::Wed, Lang::En) => "Wednesday",
        (Weekday::Thu, Lang::En) => "Thursday",
        (Weekday::Fri, Lang::En) => "Friday",
        (Weekday::Sat, Lang::En) => "Saturday",
        (Weekday::Sun, Lang::En) => "Sunday",
    };
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let months = if lang == Lang::De { DE } else { EN };
    let month = months.get(date.month0() as usize).copied().unwrap_or_default();
    match lang {
        Lang::De => format!("{weekday}, {}. {month} {}", date.day(), date.year()),
        Lang::En => format!("{weekday}, {} {month} {}", date.day(), date.year()),
    }
}

/// A date in a line or a table's cell: `28.11.2022`, `2022-11-28` (the same width in both).
pub fn short_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::De => date.format("%d.%m.%Y").to_string(),
        Lang::En => date.format("%Y-%m-%d").to_string(),
    }
}

/// What the room sees of a speaker's time, in the run sheet's words.
pub fn speaker_clock_text(clock: SpeakerClock, lang: Lang) -> &'static str {
    let (de, en) = match clock {
        SpeakerClock::Hidden => ("nicht gezeigt", "hidden"),
        SpeakerClock::Cue => ("Hinweis „Zeit“ am Limit", "a \"time\" cue at the limit"),
        SpeakerClock::Shown => ("Uhr gezeigt", "clock shown"),
    };
    if lang == Lang::De { de } else { en }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_agenda_word_reads_in_both_languages() {
        use strum::IntoEnumIterator;
        for label in AgendaLabel::iter() {
            let (de, en) = (label.text(Lang::De), label.text(Lang::En));
            assert!(!de.is_empty() && !en.is_empty(), "{label:?}");
            let same_on_purpose = matches!(label, AgendaLabel::Agenda | AgendaLabel::Format);
            assert!(same_on_purpose || de != en, "{label:?} is not translated");
        }
    }

    #[test]
    fn dates_read_as_headings_do() {
        let date = NaiveDate::from_ymd_opt(2022, 11, 28).unwrap_or_default();
        assert_eq!(long_date(date, Lang::De), "Montag, 28. November 2022");
        assert_eq!(long_date(date, Lang::En), "Monday, 28 November 2022");
        assert_eq!(short_date(date, Lang::De), "28.11.2022");
        assert_eq!(short_date(date, Lang::En), "2022-11-28");
    }
}
