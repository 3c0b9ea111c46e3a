//! Texts of the station log: what recovery found, damage, the writer's lock.
use super::Lang;
use super::counted;
use super::pick;

/// The station log: what recovery found, damage, and the writer's lock.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum StoreMsg {
    /// Station log problems.
    LogUnreadable {
        path: String,
        line: usize,
        reason: String,
    },
    LogSequenceGap {
        path: String,
        line: usize,
        expected: u64,
        found: u64,
    },
    LogConflict {
        journal: String,
        snapshot: String,
        seq: u64,
    },
    TornJournal {
        path: String,
        line: usize,
        bytes: usize,
    },
    /// The journal's last event is whole, but damaged bytes follow it.
    DamagedLineEnd {
        path: String,
        line: usize,
        bytes: usize,
    },
    /// The JSON log of a station is gone but its journal is not.
    OrphanJournal {
        journal: String,
        snapshot: String,
        events: usize,
    },
    /// A station log in a format this moderato does not know.
    UnsupportedLog {
        path: String,
        schema: String,
        /// The version as written (JSON), empty when there is none.
        version: String,
        supported: u32,
    },
    StationLocked {
        station: String,
        pid: String,
    },
    StaleLockTaken {
        pid: String,
    },
    /// The same event twice in a journal.
    DuplicateEvent {
        path: String,
        line: usize,
        first_line: usize,
    },
    /// The journal was deleted or moved and the guard beside `logs/` too:
    /// another console may have the station, so this one stopped recording.
    StationTakenOver {
        station: String,
        rescue: String,
        events: usize,
    },
    /// An event the station's plan and cohort cannot explain.
    UnexplainedEvent {
        path: String,
        /// Its journal line; `None` for an event of the JSON log.
        line: Option<usize>,
        seq: u64,
        problem: EventProblem,
    },
    /// An event that does not fit the station is not written (the clock jumped, say).
    Unrecordable {
        problem: EventProblem,
    },
    /// A JSON log whose cohort is larger than any plan may have.
    CohortTooLarge {
        path: String,
        count: usize,
        max: usize,
    },
    /// A JSON log that names another station than its file.
    OtherStation {
        path: String,
        found: String,
        expected: String,
    },
    /// An event of a type this moderato does not know.
    NewerEvent {
        path: String,
        line: usize,
        kind: String,
    },
    /// A FIFO, a device or a socket in logs/.
    SpecialFile {
        path: String,
    },
    /// Files in which a console that lost its station kept its events.
    RescuedLogs {
        files: String,
    },
    /// A fresh journal was written after the old one went missing.
    JournalRecreated {
        path: String,
        events: usize,
    },
    /// logs/ was readable by others and has been made owner-only.
    LogsTightened {
        path: String,
        mode: String,
    },
    /// A station log that is a rehearsal: begun on `date`, another day than the station's.
    Rehearsal {
        date: String,
    },
    /// The question before a rehearsal is discarded, with the answer keys.
    ConfirmDiscard {
        station: String,
        date: String,
        logs: String,
    },
    /// A rehearsal was discarded; where its copies are.
    RehearsalDiscarded {
        station: String,
        snapshot: String,
        journal: String,
    },
    /// The facilitator said no: nothing was discarded.
    NothingDiscarded,
    /// Only a rehearsal is discarded: this log is the real day's.
    NotARehearsal {
        station: String,
        date: String,
        snapshot: String,
        journal: String,
    },
    /// The picker's key that discards a rehearsal.
    PickerDiscardHint,
    /// The picker's one-line question before a rehearsal is discarded: the answer keys first.
    PickerConfirmDiscard {
        date: String,
    },
    /// An earlier station's log could not be read: what it recorded (roles,
    /// contacts) is left out of the journey's history.
    HistoryLeftOut {
        station: String,
    },
}

/// What in an event the plan cannot explain.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum EventProblem {
    /// A block the plan does not have (nor an inserted one).
    Block { id: String },
    /// A participant the cohort does not have.
    Participant { id: String },
    /// A group, case, round or position far beyond what the station has.
    Index { value: u64 },
    /// More minutes than a day has.
    Minutes { value: i64 },
    /// An instant more than a day before the log's latest, or far after its first.
    Instant { at: String, reference: String },
}

impl Default for EventProblem {
    fn default() -> EventProblem {
        EventProblem::Block { id: String::new() }
    }
}

impl EventProblem {
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            EventProblem::Block { id } => pick(
                de,
                format!("Programmpunkt „{id}“ gibt es im Plan der Station nicht"),
                format!("the station's plan has no block “{id}”"),
            ),
            EventProblem::Participant { id } => pick(
                de,
                format!("Teilnehmende mit der ID „{id}“ gibt es im Jahrgang nicht"),
                format!("the cohort has no participant “{id}”"),
            ),
            EventProblem::Index { value } => pick(
                de,
                format!(
                    "die Nummer {value} (Gruppe, Fall, Runde oder Position) ist weit größer, als die Station hat"
                ),
                format!(
                    "the number {value} (group, case, round or position) is far beyond what the station has"
                ),
            ),
            EventProblem::Minutes { value } => pick(
                de,
                format!("{value} min sind mehr, als ein Tag hat"),
                format!("{value} min are more than a day has"),
            ),
            EventProblem::Instant { at, reference } => pick(
                de,
                format!(
                    "der Zeitpunkt {at} liegt mehr als einen Tag vor {reference} oder über ein Jahr danach"
                ),
                format!("the instant {at} is more than a day before {reference} or over a year after it"),
            ),
        }
    }
}

/// Whether a typed answer says yes, in either language ("j", "ja", "y", "yes").
pub fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_lowercase().as_str(), "j" | "ja" | "y" | "yes")
}

impl StoreMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            StoreMsg::LogUnreadable { path, line, reason } => pick(
                de,
                format!(
                    "{path}:{line}: das Stationslog ist beschädigt ({reason}). Es wurde nichts verändert; bitte eine Kopie sichern und die Zeile prüfen."
                ),
                format!(
                    "{path}:{line}: the log is damaged ({reason}). Nothing was changed; keep a copy and inspect that line."
                ),
            ),
            StoreMsg::LogSequenceGap { path, line, expected, found } => pick(
                de,
                format!(
                    "{path}:{line}: Ereignis Nr. {found} folgt auf Nr. {}; es fehlen Ereignisse. Es wurde nichts verändert.",
                    expected.saturating_sub(1)
                ),
                format!(
                    "{path}:{line}: event #{found} follows #{}; events are missing. Nothing was changed.",
                    expected.saturating_sub(1)
                ),
            ),
            StoreMsg::LogConflict { journal, snapshot, seq } => pick(
                de,
                format!(
                    "{journal} und {snapshot} widersprechen sich bei Ereignis Nr. {seq}. Es wurde nichts verändert."
                ),
                format!("{journal} and {snapshot} disagree about event #{seq}. Nothing was changed."),
            ),
            StoreMsg::TornJournal { path, line, bytes } => pick(
                de,
                format!(
                    "{path}:{line}: die letzte Zeile war unvollständig ({bytes} Bytes, vermutlich Stromausfall beim Schreiben) und wurde verworfen; alles davor ist erhalten"
                ),
                format!(
                    "{path}:{line}: the last line was incomplete ({bytes} bytes, likely a power cut while writing) and was dropped; everything before it is kept"
                ),
            ),
            StoreMsg::DamagedLineEnd { path, line, bytes } => pick(
                de,
                format!(
                    "{path}:{line}: das letzte Ereignis ist vollständig und bleibt erhalten, aber {} danach {} beschädigt; sie werden beim nächsten Öffnen der Station nach {path}.torn verschoben",
                    counted(*bytes, ["Byte", "Bytes"]),
                    if *bytes == 1 { "ist" } else { "sind" }
                ),
                format!(
                    "{path}:{line}: the last event is complete and kept, but {} after it {} damaged; the next console to open the station moves them to {path}.torn",
                    counted(*bytes, ["byte", "bytes"]),
                    if *bytes == 1 { "is" } else { "are" }
                ),
            ),
            StoreMsg::OrphanJournal { journal, snapshot, events } => pick(
                de,
                format!(
                    "{snapshot} fehlt, aber {journal} enthält noch {events} Ereignisse. Nichts wurde verändert. Das Stationslog aus einer Sicherung zurückholen – oder für einen Neubeginn (z. B. nach einem Probelauf) beide Dateien löschen."
                ),
                format!(
                    "{snapshot} is missing but {journal} still holds {events} events. Nothing was changed. Restore the log from a backup, or delete both files to start afresh (e.g. after a rehearsal)."
                ),
            ),
            StoreMsg::UnsupportedLog { path, schema, version, supported } if version.is_empty() => pick(
                de,
                format!(
                    "{path}: Format „{schema}“ ohne Versionsangabe („version“ fehlt); diese moderato-Version liest Version {supported}. Nichts wurde verändert."
                ),
                format!(
                    "{path}: format “{schema}” without a version (“version” is missing); this moderato reads version {supported}. Nothing was changed."
                ),
            ),
            StoreMsg::UnsupportedLog { path, schema, version, supported } => pick(
                de,
                format!(
                    "{path}: Format „{schema}“, Version {version}, kennt diese moderato-Version nicht (sie liest Version {supported}; eine höhere Zahl stammt von einem neueren moderato). Nichts wurde verändert; bitte moderato aktualisieren."
                ),
                format!(
                    "{path}: format “{schema}”, version {version}, is unknown to this moderato (it reads version {supported}; a higher number was written by a newer moderato). Nothing was changed; please update moderato."
                ),
            ),
            StoreMsg::StationLocked { station, pid } => pick(
                de,
                format!(
                    "Station \"{station}\" ist schon in einer anderen Konsole geöffnet (Prozess {pid}). Dort weiterarbeiten oder jene Konsole beenden; für die Projektion `moderato project` nutzen."
                ),
                format!(
                    "station \"{station}\" is already open in another console (process {pid}). Continue there or quit that console; for the audience view use `moderato project`."
                ),
            ),
            StoreMsg::StaleLockTaken { pid } => pick(
                de,
                format!(
                    "eine verwaiste Sperre von Prozess {pid} wurde übernommen (die Konsole war abgestürzt)"
                ),
                format!("Took over a stale lock left by process {pid} (that console had crashed)."),
            ),
            StoreMsg::DuplicateEvent { path, line, first_line } => pick(
                de,
                format!(
                    "{path}:{line}: dasselbe Ereignis steht schon in Zeile {first_line}; das Journal ist beschädigt. Nichts wurde verändert."
                ),
                format!(
                    "{path}:{line}: the same event is already on line {first_line}; the journal is damaged. Nothing was changed."
                ),
            ),
            StoreMsg::StationTakenOver { station, rescue, events } => pick(
                de,
                format!(
                    "Nichts wird mehr aufgezeichnet: Das Stationslog von „{station}“ wurde gelöscht oder verschoben, und eine andere Konsole kann die Station geöffnet haben. Alle {} dieser Konsole stehen in {rescue}. Bitte diese Konsole beenden.",
                    counted(*events, ["Ereignis", "Ereignisse"])
                ),
                format!(
                    "Nothing is recorded any more: the station log of “{station}” was deleted or moved, and another console may have opened the station. All {} of this console are in {rescue}. Please quit this console.",
                    counted(*events, ["event", "events"])
                ),
            ),
            StoreMsg::UnexplainedEvent { path, line, seq, problem } => {
                let place = line.map_or_else(|| path.clone(), |line| format!("{path}:{line}"));
                pick(
                    de,
                    format!(
                        "{place}: Ereignis {seq} passt nicht zur Station: {}. moderato hat es nicht geschrieben (oder es wurde beschädigt). Nichts wurde verändert; das Stationslog aus einer Sicherung zurückholen.",
                        problem.text(lang)
                    ),
                    format!(
                        "{place}: event {seq} does not fit the station: {}. moderato did not write it (or it was damaged). Nothing was changed; restore the station log from a backup.",
                        problem.text(lang)
                    ),
                )
            }
            StoreMsg::Unrecordable { problem } => pick(
                de,
                format!(
                    "Dieses Ereignis passt nicht zur Station und wird nicht aufgezeichnet: {}. Bitte die Uhr des Computers prüfen.",
                    problem.text(lang)
                ),
                format!(
                    "This event does not fit the station and is not recorded: {}. Please check the computer's clock.",
                    problem.text(lang)
                ),
            ),
            StoreMsg::CohortTooLarge { path, count, max } => pick(
                de,
                format!(
                    "{path}: {count} Teilnehmende im Stationslog; moderato ist für Jahrgänge bis {max} Personen gemacht. Nichts wurde verändert."
                ),
                format!(
                    "{path}: {count} participants in the station log; moderato is made for cohorts of up to {max} people. Nothing was changed."
                ),
            ),
            StoreMsg::OtherStation { path, found, expected } => pick(
                de,
                format!(
                    "{path} ist das Stationslog der Station „{found}“, nicht von „{expected}“. Nichts wurde verändert; die Datei an ihren Platz zurücklegen oder aus einer Sicherung zurückholen."
                ),
                format!(
                    "{path} is the station log of station “{found}”, not of “{expected}”. Nothing was changed; put the file back where it belongs or restore it from a backup."
                ),
            ),
            StoreMsg::NewerEvent { path, line, kind } => pick(
                de,
                format!(
                    "{path}:{line}: ein Ereignis der Art „{kind}“, das diese Version nicht kennt: Es wurde von einem neueren moderato geschrieben. Nichts wurde verändert; moderato aktualisieren, um dieses Stationslog zu lesen."
                ),
                format!(
                    "{path}:{line}: an event of type “{kind}” that this version does not know: it was written by a newer moderato. Nothing was changed; update moderato to read this station log."
                ),
            ),
            StoreMsg::SpecialFile { path } => pick(
                de,
                format!(
                    "{path} ist keine gewöhnliche Datei (eine Pipe, ein Gerät oder ein Socket) und hat in logs/ nichts zu suchen. Nichts wurde gelesen oder verändert; bitte entfernen."
                ),
                format!(
                    "{path} is not a regular file (a pipe, a device or a socket) and does not belong in logs/. Nothing was read or changed; please remove it."
                ),
            ),
            StoreMsg::RescuedLogs { files } => pick(
                de,
                format!(
                    "Eine Konsole, die diese Station verloren hatte, hat ihre Ereignisse hier gesichert: {files}. Sie stehen nicht im Stationslog; die Datei nach Prüfung aufbewahren oder löschen."
                ),
                format!(
                    "A console that lost this station kept its events here: {files}. They are not in the station log; keep or delete the file once checked."
                ),
            ),
            StoreMsg::JournalRecreated { path, events } => pick(
                de,
                format!(
                    "Das Journal war verschwunden; {path} wurde neu geschrieben mit {}",
                    counted(*events, ["Ereignis", "Ereignissen"])
                ),
                format!(
                    "The journal had gone; {path} was written afresh with {}",
                    counted(*events, ["event", "events"])
                ),
            ),
            StoreMsg::LogsTightened { path, mode } => pick(
                de,
                format!(
                    "{path} war für andere lesbar (Modus {mode}) und ist jetzt nur für den Eigentümer zugänglich (700)"
                ),
                format!("{path} was readable by others (mode {mode}) and is now owner-only (700)"),
            ),
            StoreMsg::Rehearsal { date } => {
                pick(de, format!("Probelauf vom {date}"), format!("rehearsal of {date}"))
            }
            StoreMsg::ConfirmDiscard { station, date, logs } => pick(
                de,
                format!(
                    "Den Probelauf der Station \"{station}\" vom {date} verwerfen und neu beginnen? Eine Sicherungskopie bleibt in {logs}. [j/N] "
                ),
                format!(
                    "Discard the rehearsal of station \"{station}\" from {date} and start afresh? A backup copy stays in {logs}. [y/N] "
                ),
            ),
            StoreMsg::RehearsalDiscarded { station, snapshot, journal } => pick(
                de,
                format!("Probelauf der Station \"{station}\" verworfen; Sicherung: {snapshot} und {journal}"),
                format!("Rehearsal of station \"{station}\" discarded; backup: {snapshot} and {journal}"),
            ),
            StoreMsg::NothingDiscarded => {
                pick(de, "Nichts wurde verworfen.".to_string(), "Nothing was discarded.".to_string())
            }
            StoreMsg::NotARehearsal { station, date, snapshot, journal } => pick(
                de,
                format!(
                    "Das Stationslog der Station „{station}“ ist vom echten Tag ({date}), kein Probelauf; --fresh verwirft nur Probeläufe. Nichts wurde verändert. Wer es trotzdem neu beginnen will, verschiebt {snapshot} und {journal} selbst an einen anderen Ort."
                ),
                format!(
                    "The log of station \"{station}\" is the real day's ({date}), not a rehearsal; --fresh discards rehearsals only. Nothing was changed. To start afresh anyway, move {snapshot} and {journal} elsewhere yourself."
                ),
            ),
            StoreMsg::PickerConfirmDiscard { date } => pick(
                de,
                format!(
                    "Probelauf vom {date} verwerfen? j ja · jede andere Taste nein · eine Sicherungskopie bleibt in logs/"
                ),
                format!(
                    "Discard the rehearsal of {date}? y yes · any other key no · a backup copy stays in logs/"
                ),
            ),
            StoreMsg::HistoryLeftOut { station } => pick(
                de,
                format!(
                    "Das Stationslog der Station „{station}“ ist nicht lesbar: wer dort welche Rolle hatte und wer sich dort begegnet ist, fehlt in den Vorschlägen."
                ),
                format!(
                    "The log of station {station} cannot be read: who had which role there and who met there is missing from the suggestions."
                ),
            ),
            StoreMsg::PickerDiscardHint => pick(
                de,
                "d verwirft den Probelauf (mit Sicherung)".to_string(),
                "d discards the rehearsal (with a backup)".to_string(),
            ),
        }
    }
}
