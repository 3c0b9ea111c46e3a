//! Texts of `moderato export`: the protocol's words (in the journey's
//! language), its footer saying what was left out or included, and what the
//! command says when it cannot export.

use super::Lang;
use super::pick;
use crate::core::discussion::Hand;
use crate::core::session::BlockState;
use crate::core::stats::{StationState, TurnKind};
use crate::export::Audience;

/// The fixed words of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ExportLabel {
    Protocol,
    Date,
    Place,
    Host,
    Format,
    State,
    /// The day's worst lateness against the plan.
    MostBehind,
    /// The day a rehearsal ran (its times are that day's).
    Rehearsal,
    Agenda,
    Item,
    Kind,
    Planned,
    Actual,
    PlannedDuration,
    ActualDuration,
    Difference,
    /// A block added on the day.
    Inserted,
    Timeline,
    /// In the timeline's key: longer than planned.
    Overran,
    Questions,
    Decisions,
    Actions,
    Task,
    Owner,
    Due,
    Parked,
    Takeaways,
    Takeaway,
    Commitment,
    Anonymous,
    Consultations,
    Group,
    Case,
    Consultants,
    Method,
    KeyQuestion,
    CaseTitle,
    Description,
    Ideas,
    Closing,
    Groups,
    Round,
    Members,
    TalkTime,
    TalkByOrganisation,
    Person,
    Organisation,
    Turns,
    Notes,
    Network,
    /// A guest speaker, not of the cohort.
    Guest,
    /// The programme office's document.
    Report,
    /// The facilitator's full document.
    Record,
    /// The attendance list.
    Attendance,
    /// Attendance: blocks there for, of the blocks that ran.
    BlocksPresent,
    MinutesPresent,
    /// Attendance remarks.
    Remark,
    Late,
    LeftEarly,
    Absent,
    /// The office's counts of what a station brought.
    Counts,
    Cases,
    ExchangeRounds,
    ExchangeTables,
}

impl ExportLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ExportLabel::Protocol => ("Protokoll", "Protocol"),
            ExportLabel::Date => ("Datum", "Date"),
            ExportLabel::Place => ("Ort", "Place"),
            ExportLabel::Host => ("Gastgeber", "Host"),
            ExportLabel::Format => ("Format", "Format"),
            ExportLabel::State => ("Stand", "Status"),
            ExportLabel::MostBehind => ("Größter Verzug", "Most behind"),
            ExportLabel::Rehearsal => ("Probelauf am", "Rehearsed on"),
            ExportLabel::Agenda => ("Ablauf: geplant und tatsächlich", "Agenda: planned and actual"),
            ExportLabel::Item => ("Programmpunkt", "Item"),
            ExportLabel::Kind => ("Art", "Kind"),
            ExportLabel::Planned => ("geplant", "planned"),
            ExportLabel::Actual => ("tatsächlich", "actual"),
            ExportLabel::PlannedDuration => ("Dauer geplant", "Planned length"),
            ExportLabel::ActualDuration => ("Dauer tatsächlich", "Actual length"),
            ExportLabel::Difference => ("Differenz", "Difference"),
            ExportLabel::Inserted => ("eingeschoben", "inserted"),
            ExportLabel::Timeline => ("Zeitplan: geplant und tatsächlich", "Timeline: planned and actual"),
            ExportLabel::Overran => ("länger als geplant", "longer than planned"),
            ExportLabel::Questions => ("Leitfragen", "Questions"),
            ExportLabel::Decisions => ("Entscheidungen", "Decisions"),
            ExportLabel::Actions => ("Aufgaben", "Action items"),
            ExportLabel::Task => ("Aufgabe", "Task"),
            ExportLabel::Owner => ("Verantwortlich", "Owner"),
            ExportLabel::Due => ("bis", "Due"),
            ExportLabel::Parked => ("Themenspeicher", "Parked questions"),
            ExportLabel::Takeaways => ("Erkenntnisse und Transfervorhaben", "Takeaways and commitments"),
            ExportLabel::Takeaway => ("Erkenntnis", "Takeaway"),
            ExportLabel::Commitment => ("Transfervorhaben", "Commitment"),
            ExportLabel::Anonymous => ("anonym", "anonymous"),
            ExportLabel::Consultations => ("Kollegiale Beratung", "Peer consultation"),
            ExportLabel::Group => ("Gruppe", "Group"),
            ExportLabel::Case => ("Fall", "Case"),
            ExportLabel::Consultants => ("Beratende", "Consultants"),
            ExportLabel::Method => ("Methode", "Method"),
            ExportLabel::KeyQuestion => ("Schlüsselfrage", "Key question"),
            ExportLabel::CaseTitle => ("Titel", "Title"),
            ExportLabel::Description => ("Beschreibung", "Description"),
            ExportLabel::Ideas => ("Ideen", "Ideas"),
            ExportLabel::Closing => ("Abschluss", "Closing"),
            ExportLabel::Groups => ("Gruppen", "Groups"),
            ExportLabel::Round => ("Runde", "Round"),
            ExportLabel::Members => ("Teilnehmende", "Members"),
            ExportLabel::TalkTime => ("Redezeit", "Talk time"),
            ExportLabel::TalkByOrganisation => ("Redezeit nach Organisation", "Talk time by organisation"),
            ExportLabel::Person => ("Person", "Person"),
            ExportLabel::Organisation => ("Organisation", "Organisation"),
            ExportLabel::Turns => ("Beiträge", "Turns"),
            ExportLabel::Notes => ("Notizen der Moderation (privat)", "Facilitator's notes (private)"),
            ExportLabel::Network => ("Vernetzung über die Lernreise", "Networking across the journey"),
            ExportLabel::Guest => ("Gast", "guest"),
            ExportLabel::Report => ("Auswertung", "Report"),
            ExportLabel::Record => ("Aufzeichnung der Moderation", "Facilitator's record"),
            ExportLabel::Attendance => ("Teilnahmeliste", "Attendance list"),
            ExportLabel::BlocksPresent => ("Programmpunkte anwesend", "Blocks present"),
            ExportLabel::MinutesPresent => ("anwesend (min)", "present (min)"),
            ExportLabel::Remark => ("Vermerk", "Remark"),
            ExportLabel::Late => ("kam später", "arrived late"),
            ExportLabel::LeftEarly => ("ging früher", "left early"),
            ExportLabel::Absent => ("abwesend", "absent"),
            ExportLabel::Counts => ("In Zahlen", "In figures"),
            ExportLabel::Cases => ("Fälle", "Cases"),
            ExportLabel::ExchangeRounds => ("Austauschrunden", "Exchange rounds"),
            ExportLabel::ExchangeTables => ("Tische im Austausch", "Exchange tables"),
        };
        if lang == Lang::De { de } else { en }
    }
}

/// A station's state, as the protocol's facts say it.
pub fn station_state_text(state: StationState, lang: Lang) -> &'static str {
    let (de, en) = match state {
        StationState::NotStarted => ("nicht begonnen", "not started"),
        StationState::Running => ("läuft noch", "still running"),
        StationState::Finished => ("abgeschlossen", "finished"),
    };
    if lang == Lang::De { de } else { en }
}

/// A block's state in the agenda table.
pub fn block_state_text(state: BlockState, lang: Lang) -> &'static str {
    let (de, en) = match state {
        BlockState::Upcoming => ("offen", "upcoming"),
        BlockState::Current => ("läuft", "running"),
        BlockState::Done => ("erledigt", "done"),
        BlockState::Skipped => ("ausgelassen", "skipped"),
    };
    if lang == Lang::De { de } else { en }
}

/// What kind of turn it was, in the talk-time details.
pub fn turn_kind_text(kind: TurnKind, lang: Lang) -> &'static str {
    let (de, en) = match kind {
        TurnKind::Hand(Hand::Normal) => ("Wortmeldung", "contribution"),
        TurnKind::Hand(Hand::Reply) => ("direkte Erwiderung", "direct reply"),
        TurnKind::Hand(Hand::PointOfOrder) => ("Geschäftsordnung", "point of order"),
        TurnKind::Blitzlicht => ("Blitzlicht", "Blitzlicht round"),
    };
    if lang == Lang::De { de } else { en }
}

/// The protocol's sentences and what the command says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ExportMsg {
    /// A running station: how far its log goes.
    AsOf {
        time: String,
    },
    /// Pairs who met for the first time at this station.
    NewContacts {
        count: usize,
    },
    /// Pairs of the cohort never in a group together, of all pairs.
    NeverMet {
        never: usize,
        pairs: usize,
    },
    /// A station whose log has no turns.
    NoTurns,
    /// The footer: made from the logs by moderato.
    Made,
    /// The footer: who the document is for and what that leaves out.
    For {
        audience: Audience,
        /// The office's report with talk time per person (`--talk-time-per-person`).
        per_person: bool,
    },
    NotesLeftOut,
    NotesIncluded,
    ConfidentialLeftOut,
    ConfidentialIncluded,
    Pseudonymized,
    /// The footer of a document with confidential content or notes: written for the owner alone.
    OwnerOnly,
    /// `--format csv` writes several files: it needs a directory.
    CsvNeedsDirectory,
    /// `-o` is a directory for CSV and a file for md and html.
    OutputIsDirectory {
        path: String,
    },
    /// The station asked for has no log.
    NoLog {
        station: String,
    },
    /// No station of the journey has a log.
    NoLogs,
    /// `--csv-dialect` or `--csv-raw` given for another format.
    DialectOnlyCsv,
    /// The closing check found names a pseudonymized export still holds.
    NamesLeft {
        names: String,
    },
    /// `--include-notes` or `--include-confidential` for another reader than the facilitator.
    OnlyForFacilitator,
    /// `--talk-time-per-person` for another reader than the office.
    PerPersonOnlyForOffice,
    /// `--csv-raw`: text cells are written as they are.
    CsvRaw,
}

impl ExportMsg {
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            ExportMsg::AsOf { time } => {
                pick(de, format!("erfasst bis {time}"), format!("recorded up to {time}"))
            }
            ExportMsg::NewContacts { count } => pick(
                de,
                format!("Neue Kontakte hier (Paare erstmals in einer Gruppe): {count}"),
                format!("New contacts here (pairs in a group for the first time): {count}"),
            ),
            ExportMsg::NeverMet { never, pairs } => pick(
                de,
                format!("Paare, die noch nie in einer Gruppe zusammen waren: {never} von {pairs}"),
                format!("Pairs never in a group together yet: {never} of {pairs}"),
            ),
            ExportMsg::NoTurns => {
                pick(de, "Keine Redebeiträge aufgezeichnet.".into(), "No speaking turns recorded.".into())
            }
            ExportMsg::Made => pick(
                de,
                "Erstellt mit moderato aus den Protokollen der Stationen.".into(),
                "Made with moderato from the stations' logs.".into(),
            ),
            ExportMsg::For { audience: Audience::Participants, .. } => pick(
                de,
                "Protokoll für die Teilnehmenden (--for participants): ohne Redezeiten, Abweichungen vom Plan, Anwesenheit, Notizen, vertrauliche Fallinhalte und Schlüsselfragen.".into(),
                "Minutes for the participants (--for participants): without talk time, differences from the plan, attendance, notes, confidential case content and key questions.".into(),
            ),
            ExportMsg::For { audience: Audience::Office, per_person: false } => pick(
                de,
                "Auswertung für das Programmbüro (--for office): Entscheidungen, Aufgaben, Erkenntnisse und Beratungen nur gezählt, Redezeit nur je Organisation, ohne Fallinhalte und Notizen.".into(),
                "Report for the programme office (--for office): decisions, action items, takeaways and consultations counted only, talk time per organisation only, without case content and notes.".into(),
            ),
            ExportMsg::For { audience: Audience::Office, per_person: true } => pick(
                de,
                "Auswertung für das Programmbüro (--for office): Entscheidungen, Aufgaben, Erkenntnisse und Beratungen nur gezählt, Redezeit je Person (--talk-time-per-person), ohne Fallinhalte und Notizen.".into(),
                "Report for the programme office (--for office): decisions, action items, takeaways and consultations counted only, talk time per person (--talk-time-per-person), without case content and notes.".into(),
            ),
            ExportMsg::For { audience: Audience::Facilitator, .. } => pick(
                de,
                "Aufzeichnung für die Moderation (--for facilitator): vollständig bis auf das, was hier als nicht enthalten genannt ist.".into(),
                "Record for the facilitator (--for facilitator): complete but for what is said here to be left out.".into(),
            ),
            ExportMsg::NotesLeftOut => pick(
                de,
                "Private Notizen der Moderation sind nicht enthalten.".into(),
                "The facilitator's private notes are left out.".into(),
            ),
            ExportMsg::NotesIncluded => pick(
                de,
                "Enthält die privaten Notizen der Moderation (--include-notes).".into(),
                "Includes the facilitator's private notes (--include-notes).".into(),
            ),
            ExportMsg::ConfidentialLeftOut => pick(
                de,
                "Vertrauliche Fallinhalte der Beratungen sind nicht enthalten.".into(),
                "Confidential case content of the consultations is left out.".into(),
            ),
            ExportMsg::ConfidentialIncluded => pick(
                de,
                "Enthält vertrauliche Fallinhalte der Beratungen (--include-confidential).".into(),
                "Includes confidential case content of the consultations (--include-confidential).".into(),
            ),
            ExportMsg::Pseudonymized => pick(
                de,
                "Namen und Organisationen sind pseudonymisiert (P01 …, O01 …).".into(),
                "Names and organisations are pseudonymized (P01 …, O01 …).".into(),
            ),
            ExportMsg::OwnerOnly => pick(
                de,
                "Vertraulich: Als Datei gespeichert ist dieses Dokument nur für Sie lesbar (Dateirechte 0600). Bitte nicht weitergeben.".into(),
                "Confidential: saved as a file, this document is readable by you alone (file mode 0600). Do not pass it on.".into(),
            ),
            ExportMsg::CsvNeedsDirectory => pick(
                de,
                "--format csv schreibt mehrere Dateien: bitte mit -o ein Verzeichnis angeben".into(),
                "--format csv writes several files: name a directory with -o".into(),
            ),
            ExportMsg::OutputIsDirectory { path } => pick(
                de,
                format!("{path} ist ein Verzeichnis; md und html schreiben eine Datei"),
                format!("{path} is a directory; md and html write one file"),
            ),
            ExportMsg::NoLog { station } => pick(
                de,
                format!("die Station „{station}“ hat noch kein Protokoll: es gibt nichts zu exportieren"),
                format!("station '{station}' has no log yet: there is nothing to export"),
            ),
            ExportMsg::NoLogs => pick(
                de,
                "keine Station dieser Lernreise hat ein Protokoll: es gibt nichts zu exportieren".into(),
                "no station of this journey has a log: there is nothing to export".into(),
            ),
            ExportMsg::NamesLeft { names } => pick(
                de,
                format!("die Pseudonymisierung hat Namen übrig gelassen ({names}); es wurde nichts geschrieben"),
                format!("pseudonymisation left names in the export ({names}); nothing was written"),
            ),
            ExportMsg::OnlyForFacilitator => pick(
                de,
                "--include-notes und --include-confidential gelten nur mit --for facilitator: Protokoll und Auswertung enthalten nie Notizen oder Fallinhalte".into(),
                "--include-notes and --include-confidential apply to --for facilitator only: the minutes and the report never hold notes or case content".into(),
            ),
            ExportMsg::PerPersonOnlyForOffice => pick(
                de,
                "--talk-time-per-person gilt nur mit --for office (die Aufzeichnung der Moderation enthält sie immer, das Protokoll nie)".into(),
                "--talk-time-per-person applies to --for office only (the facilitator's record always holds it, the minutes never do)".into(),
            ),
            ExportMsg::DialectOnlyCsv => pick(
                de,
                "--csv-dialect und --csv-raw gelten nur für --format csv".into(),
                "--csv-dialect and --csv-raw apply to --format csv only".into(),
            ),
            ExportMsg::CsvRaw => pick(
                de,
                "--csv-raw: Textzellen, die mit =, +, -, @, Tabulator oder Wagenrücklauf beginnen, bleiben unverändert. Diese Dateien nur mit Skripten lesen, nicht in einer Tabellenkalkulation öffnen: Dort würden solche Zellen als Formeln ausgeführt.".into(),
                "--csv-raw: text cells beginning with =, +, -, @, a tab or a carriage return are left as they are. Read these files with scripts only, not in a spreadsheet, which would run such cells as formulas.".into(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_export_word_reads_in_both_languages() {
        for label in ExportLabel::iter() {
            let (de, en) = (label.text(Lang::De), label.text(Lang::En));
            assert!(!de.is_empty() && !en.is_empty(), "{label:?}");
            let same_on_purpose =
                matches!(label, ExportLabel::Format | ExportLabel::Person | ExportLabel::Organisation);
            assert!(same_on_purpose || de != en, "{label:?} is not translated");
        }
        for msg in ExportMsg::iter() {
            let (de, en) = (msg.text(Lang::De), msg.text(Lang::En));
            assert!(!de.is_empty() && de != en, "{msg:?}");
        }
        for state in [StationState::NotStarted, StationState::Running, StationState::Finished] {
            assert_ne!(station_state_text(state, Lang::De), station_state_text(state, Lang::En));
        }
        for state in [BlockState::Upcoming, BlockState::Current, BlockState::Done, BlockState::Skipped] {
            assert_ne!(block_state_text(state, Lang::De), block_state_text(state, Lang::En));
        }
        for hand in [Hand::Normal, Hand::Reply, Hand::PointOfOrder] {
            let kind = TurnKind::Hand(hand);
            assert_ne!(turn_kind_text(kind, Lang::De), turn_kind_text(kind, Lang::En));
        }
    }
}
