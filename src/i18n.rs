//! The German/English text table: every string a facilitator reads goes through [`Msg::text`].

use std::fmt;

/// The language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Deutsch
    De,
    /// English
    En,
}

impl Lang {
    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`; German when the first one set starts with `de`, English otherwise.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    /// German for locales such as `de_DE.UTF-8`, English for everything else.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("de") { Lang::De } else { Lang::En }
    }
}

/// Which kind of thing an id belongs to, for duplicate-id messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    Journey,
    Participant,
    Station,
    Block,
}

/// Every message moderato shows, with its arguments; [`Msg::text`] renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// The TOML parser rejected the file; `detail` is the parser's own words.
    TomlSyntax {
        detail: String,
    },
    /// A key that the plan format does not know.
    UnknownKey {
        key: String,
        expected: String,
    },
    /// A value of the wrong shape; `detail` is the parser's own words.
    InvalidValue {
        detail: String,
    },
    /// An id with characters that cannot appear in a file name.
    InvalidId {
        id: String,
    },
    DuplicateId {
        kind: IdKind,
        id: String,
        first_line: usize,
    },
    UnknownParticipant {
        id: String,
    },
    OwnerAndSpeaker,
    InvalidDuration {
        text: String,
    },
    DurationNotWholeMinutes {
        text: String,
    },
    ZeroDuration,
    InvalidTime {
        text: String,
    },
    InvalidDate {
        text: String,
    },
    EndNotAfterStart {
        start: String,
        end: String,
    },
    /// A block's fixed start lies before the planned end of the block before it.
    FixedStartTooEarly {
        fixed: String,
        previous_end: String,
        minutes: u32,
    },
    /// The agenda ends after the station's end.
    AgendaRunsOver {
        agenda_end: String,
        station_end: String,
        minutes: u32,
    },
    EmptyAgenda {
        station: String,
    },
    /// A required key is not there.
    MissingKey {
        key: String,
    },
    /// A date or time written as a bare TOML date/time instead of a string.
    QuoteTimes,
    NoSuchPath {
        path: String,
    },
    /// A kind-specific table on a block of another kind.
    MethodTableMismatch {
        table: String,
        kind: String,
    },
    AlternateWithoutAttribute,
    AttributeUnused {
        attribute: String,
    },
    GroupSizeTooSmall,
    NoRounds,
    UnknownLanguage {
        text: String,
    },
    /// File problems.
    CannotRead {
        path: String,
        reason: String,
    },
    CannotWrite {
        path: String,
        reason: String,
    },
    NotAJourney {
        path: String,
    },
    AlreadyExists {
        path: String,
    },
    /// `moderato new` finished.
    Created {
        path: String,
    },
    UnknownStation {
        station: String,
        known: String,
    },
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
        version: u32,
        supported: u32,
    },
    StationLocked {
        station: String,
        pid: String,
    },
    StaleLockTaken {
        pid: String,
    },
    /// Severity labels and the `check` report.
    Error,
    Warning,
    CheckParticipants {
        count: usize,
    },
    CheckStations {
        count: usize,
    },
    FormatInPerson,
    FormatOnline,
    FixedMark,
    AgendaEndsEarly {
        agenda_end: String,
        minutes: u32,
    },
    AgendaEndsOnTime {
        agenda_end: String,
    },
    AgendaEndsLate {
        agenda_end: String,
        minutes: u32,
    },
    CheckProblems {
        errors: usize,
        warnings: usize,
    },
    CheckClean,
    /// Console header: how the day runs against its plan.
    Behind {
        minutes: i64,
        ends: String,
        planned: String,
    },
    Ahead {
        minutes: i64,
        ends: String,
        planned: String,
    },
    OnTimeEnds {
        ends: String,
    },
    /// The banner after reopening a station.
    Resumed {
        block: String,
        events: usize,
    },
    ResumedNoBlock {
        events: usize,
    },
    /// The journal could not be written; the event is not recorded yet.
    NotRecorded {
        reason: String,
    },
    TooSmall {
        width: u16,
        height: u16,
        min_width: u16,
        min_height: u16,
    },
    DemoUnpacked {
        path: String,
    },
    OfPlanned {
        minutes: i64,
    },
    /// Header: the blocks before a fixed start must give up time.
    SqueezedBefore {
        minutes: i64,
        block: String,
        at: String,
    },
    SqueezedBy {
        minutes: i64,
    },
    /// A station resumed on another day than its rehearsal began.
    OldRehearsal {
        date: String,
        files: String,
    },
    CrashReport {
        path: String,
    },
    /// `check`: a block whose method is not built yet runs as a timed block.
    RunsAsTimedBlock,
    // hardening
    /// A symbolic link where a station log file belongs; moderato does not follow it.
    LinkRefused {
        path: String,
    },
    /// The same event twice in a journal.
    DuplicateEvent {
        path: String,
        line: usize,
        first_line: usize,
    },
    /// The journal the console writes to was deleted or replaced.
    JournalGone {
        path: String,
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
    /// `run` or `project` without a terminal to draw on.
    NeedsTerminal {
        command: String,
    },
    /// A duration in the plan longer than moderato plans for.
    DurationTooLong {
        text: String,
        max_hours: u32,
    },
    /// A station whose agenda runs longer than moderato plans for.
    AgendaTooLong {
        station: String,
        hours: u32,
        max_hours: u32,
    },
    TooManyBlocks {
        station: String,
        count: usize,
        max: usize,
    },
    /// An id longer than a file name may sensibly be; `start` is its beginning.
    IdTooLong {
        start: String,
        chars: usize,
        max: usize,
    },
    /// A date outside the years moderato accepts.
    DateOutOfRange {
        text: String,
        first_year: i32,
        last_year: i32,
    },
    /// A number or other bare value where the key expects text in quotes.
    ExpectsText {
        key: String,
    },
    /// A bare number where the key expects a duration such as "45m".
    ExpectsDuration {
        key: String,
    },
    /// Text in the language's quotation marks.
    Quoted {
        text: String,
    },
    /// The JSON log could not be rewritten; the journal has every event.
    LogNotRefreshed {
        reason: String,
    },
    /// Quit while an event still waited for the journal.
    QuitUnrecorded {
        events: String,
        at: String,
    },
    // platform
    /// The journey lies on a network share (`kind`: nfs, smb, UNC, network drive…).
    NetworkShare {
        kind: String,
    },
}

impl Msg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            Msg::TomlSyntax { detail } => {
                pick(de, format!("TOML-Syntaxfehler: {detail}"), format!("TOML syntax error: {detail}"))
            }
            Msg::UnknownKey { key, expected } => pick(
                de,
                format!("unbekannter Schlüssel `{key}`; erlaubt sind hier: {expected}"),
                format!("unknown key `{key}`; allowed here: {expected}"),
            ),
            Msg::InvalidValue { detail } => {
                pick(de, format!("ungültiger Wert: {detail}"), format!("invalid value: {detail}"))
            }
            Msg::InvalidId { id } => pick(
                de,
                format!("ungültige ID \"{id}\": erlaubt sind Kleinbuchstaben a–z, Ziffern, '-' und '_'"),
                format!("invalid id \"{id}\": use lowercase letters a-z, digits, '-' and '_'"),
            ),
            Msg::DuplicateId { kind, id, first_line } => {
                let what = match (kind, de) {
                    (IdKind::Journey, true) => "Lernreise",
                    (IdKind::Journey, false) => "journey",
                    (IdKind::Participant, true) => "Teilnehmende/r",
                    (IdKind::Participant, false) => "participant",
                    (IdKind::Station, true) => "Station",
                    (IdKind::Station, false) => "station",
                    (IdKind::Block, true) => "Block",
                    (IdKind::Block, false) => "block",
                };
                pick(
                    de,
                    format!("doppelte ID \"{id}\" ({what}); schon vergeben in Zeile {first_line}"),
                    format!("duplicate id \"{id}\" ({what}); already used on line {first_line}"),
                )
            }
            Msg::UnknownParticipant { id } => pick(
                de,
                format!("unbekannte Teilnehmer-ID \"{id}\": sie steht nicht unter [[participants]]"),
                format!("unknown participant id \"{id}\": it is not listed under [[participants]]"),
            ),
            Msg::OwnerAndSpeaker => pick(
                de,
                "`owner` und `speaker` schließen sich aus: `owner` für Teilnehmende, `speaker` für Gäste"
                    .into(),
                "`owner` and `speaker` exclude each other: `owner` for participants, `speaker` for guests"
                    .into(),
            ),
            Msg::InvalidDuration { text } => pick(
                de,
                format!("ungültige Dauer \"{text}\": erwartet z. B. \"45m\", \"1h30m\" oder \"2h\""),
                format!("invalid duration \"{text}\": expected e.g. \"45m\", \"1h30m\" or \"2h\""),
            ),
            Msg::DurationNotWholeMinutes { text } => pick(
                de,
                format!("Blockdauer \"{text}\" muss aus ganzen Minuten bestehen"),
                format!("block duration \"{text}\" must be whole minutes"),
            ),
            Msg::ZeroDuration => pick(
                de,
                "die Dauer muss größer als null sein".into(),
                "the duration must be more than zero".into(),
            ),
            Msg::InvalidTime { text } => pick(
                de,
                format!("ungültige Uhrzeit \"{text}\": erwartet HH:MM, z. B. \"09:30\""),
                format!("invalid time \"{text}\": expected HH:MM, e.g. \"09:30\""),
            ),
            Msg::InvalidDate { text } => pick(
                de,
                format!("ungültiges Datum \"{text}\": erwartet JJJJ-MM-TT, z. B. \"2022-11-28\""),
                format!("invalid date \"{text}\": expected YYYY-MM-DD, e.g. \"2022-11-28\""),
            ),
            Msg::EndNotAfterStart { start, end } => pick(
                de,
                format!("das Ende ({end}) liegt nicht nach dem Beginn ({start})"),
                format!("the end ({end}) is not after the start ({start})"),
            ),
            Msg::FixedStartTooEarly { fixed, previous_end, minutes } => pick(
                de,
                format!(
                    "fester Beginn {fixed} liegt vor dem geplanten Ende des Blocks davor ({previous_end}): die Blöcke davor um {minutes} min kürzen"
                ),
                format!(
                    "fixed start {fixed} is before the planned end of the block before it ({previous_end}): shorten the blocks before by {minutes} min"
                ),
            ),
            Msg::AgendaRunsOver { agenda_end, station_end, minutes } => pick(
                de,
                format!(
                    "die Agenda endet um {agenda_end}, {minutes} min nach dem Ende der Station ({station_end})"
                ),
                format!(
                    "the agenda ends at {agenda_end}, {minutes} min after the station's end ({station_end})"
                ),
            ),
            Msg::EmptyAgenda { station } => pick(
                de,
                format!("Station \"{station}\" hat keine Blöcke ([[stations.blocks]])"),
                format!("station \"{station}\" has no blocks ([[stations.blocks]])"),
            ),
            Msg::MethodTableMismatch { table, kind } => pick(
                de,
                format!(
                    "die Tabelle [stations.blocks.{table}] gehört zu Blöcken der Art \"{table}\", dieser Block ist \"{kind}\""
                ),
                format!(
                    "the [stations.blocks.{table}] table belongs to blocks of kind \"{table}\", this block is \"{kind}\""
                ),
            ),
            Msg::MissingKey { key } => pick(
                de,
                format!("der Schlüssel `{key}` fehlt hier"),
                format!("the key `{key}` is missing here"),
            ),
            Msg::QuoteTimes => pick(
                de,
                "Datum und Uhrzeit bitte in Anführungszeichen schreiben, z. B. \"09:30\" oder \"2022-11-28\""
                    .into(),
                "write dates and times in quotes, e.g. \"09:30\" or \"2022-11-28\"".into(),
            ),
            Msg::NoSuchPath { path } => {
                pick(de, format!("{path} gibt es nicht"), format!("{path} does not exist"))
            }
            Msg::AlternateWithoutAttribute => pick(
                de,
                "policy = \"alternate\" braucht `alternate_by` mit einem Attribut der Teilnehmenden".into(),
                "policy = \"alternate\" needs `alternate_by` naming a participant attribute".into(),
            ),
            Msg::AttributeUnused { attribute } => pick(
                de,
                format!("keine Teilnehmerin und kein Teilnehmer hat das Attribut \"{attribute}\""),
                format!("no participant has the attribute \"{attribute}\""),
            ),
            Msg::GroupSizeTooSmall => {
                pick(de, "group_size muss mindestens 2 sein".into(), "group_size must be at least 2".into())
            }
            Msg::NoRounds => {
                pick(de, "rounds muss mindestens 1 sein".into(), "rounds must be at least 1".into())
            }
            Msg::UnknownLanguage { text } => pick(
                de,
                format!("unbekannte Sprache \"{text}\": erwartet \"de\" oder \"en\""),
                format!("unknown language \"{text}\": expected \"de\" or \"en\""),
            ),
            Msg::CannotRead { path, reason } => pick(
                de,
                format!("{path} kann nicht gelesen werden: {reason}"),
                format!("cannot read {path}: {reason}"),
            ),
            Msg::CannotWrite { path, reason } => pick(
                de,
                format!("{path} kann nicht geschrieben werden: {reason}"),
                format!("cannot write {path}: {reason}"),
            ),
            Msg::NotAJourney { path } => pick(
                de,
                format!(
                    "{path} ist keine Lernreise: dort liegt keine journey.toml (anlegen mit `moderato new {path}`)"
                ),
                format!(
                    "{path} is not a journey: it has no journey.toml (create one with `moderato new {path}`)"
                ),
            ),
            Msg::AlreadyExists { path } => pick(
                de,
                format!("{path} gibt es schon; nichts wurde überschrieben"),
                format!("{path} already exists; nothing was overwritten"),
            ),
            Msg::Created { path } => pick(
                de,
                format!("Neue Lernreise angelegt: {path}\nBearbeiten, dann prüfen mit `moderato check`."),
                format!("New journey created: {path}\nEdit it, then validate it with `moderato check`."),
            ),
            Msg::UnknownStation { station, known } => pick(
                de,
                format!("unbekannte Station \"{station}\"; vorhanden: {known}"),
                format!("unknown station \"{station}\"; available: {known}"),
            ),
            Msg::LogUnreadable { path, line, reason } => pick(
                de,
                format!(
                    "{path}:{line}: das Protokoll ist beschädigt ({reason}). Es wurde nichts verändert; bitte eine Kopie sichern und die Zeile prüfen."
                ),
                format!(
                    "{path}:{line}: the log is damaged ({reason}). Nothing was changed; keep a copy and inspect that line."
                ),
            ),
            Msg::LogSequenceGap { path, line, expected, found } => pick(
                de,
                format!(
                    "{path}:{line}: Ereignis Nr. {found} folgt auf Nr. {}; es fehlen Ereignisse. Es wurde nichts verändert.",
                    expected - 1
                ),
                format!(
                    "{path}:{line}: event #{found} follows #{}; events are missing. Nothing was changed.",
                    expected - 1
                ),
            ),
            Msg::LogConflict { journal, snapshot, seq } => pick(
                de,
                format!(
                    "{journal} und {snapshot} widersprechen sich bei Ereignis Nr. {seq}. Es wurde nichts verändert."
                ),
                format!("{journal} and {snapshot} disagree about event #{seq}. Nothing was changed."),
            ),
            Msg::TornJournal { path, line, bytes } => pick(
                de,
                format!(
                    "{path}:{line}: die letzte Zeile war unvollständig ({bytes} Bytes, vermutlich Stromausfall beim Schreiben) und wurde verworfen; alles davor ist erhalten"
                ),
                format!(
                    "{path}:{line}: the last line was incomplete ({bytes} bytes, likely a power cut while writing) and was dropped; everything before it is kept"
                ),
            ),
            Msg::OrphanJournal { journal, snapshot, events } => pick(
                de,
                format!(
                    "{snapshot} fehlt, aber {journal} enthält noch {events} Ereignisse. Nichts wurde verändert. Das Protokoll aus einer Sicherung zurückholen – oder für einen Neubeginn (z. B. nach einem Probelauf) beide Dateien löschen."
                ),
                format!(
                    "{snapshot} is missing but {journal} still holds {events} events. Nothing was changed. Restore the log from a backup, or delete both files to start afresh (e.g. after a rehearsal)."
                ),
            ),
            Msg::UnsupportedLog { path, schema, version, supported } => pick(
                de,
                format!(
                    "{path}: Format {schema} Version {version} kennt diese moderato-Version nicht (sie liest Version {supported}). Nichts wurde verändert; bitte moderato aktualisieren."
                ),
                format!(
                    "{path}: format {schema} version {version} is unknown to this moderato (it reads version {supported}). Nothing was changed; please update moderato."
                ),
            ),
            Msg::StationLocked { station, pid } => pick(
                de,
                format!(
                    "Station \"{station}\" ist schon in einer anderen Konsole geöffnet (Prozess {pid}). Dort weiterarbeiten oder jene Konsole beenden; für die Projektion `moderato project` nutzen."
                ),
                format!(
                    "station \"{station}\" is already open in another console (process {pid}). Continue there or quit that console; for the audience view use `moderato project`."
                ),
            ),
            Msg::StaleLockTaken { pid } => pick(
                de,
                format!(
                    "eine verwaiste Sperre von Prozess {pid} wurde übernommen (die Konsole war abgestürzt)"
                ),
                format!("Took over a stale lock left by process {pid} (that console had crashed)."),
            ),
            Msg::Error => pick(de, "Fehler".into(), "error".into()),
            Msg::Warning => pick(de, "Warnung".into(), "warning".into()),
            Msg::CheckParticipants { count } => {
                pick(de, format!("{count} Teilnehmende"), format!("{count} participant{}", plural(*count)))
            }
            Msg::CheckStations { count } => pick(
                de,
                format!("{count} Station{}", if *count == 1 { "" } else { "en" }),
                format!("{count} station{}", plural(*count)),
            ),
            Msg::FormatInPerson => pick(de, "Präsenz".into(), "in person".into()),
            Msg::FormatOnline => pick(de, "online".into(), "online".into()),
            Msg::FixedMark => pick(de, "fest".into(), "fixed".into()),
            Msg::AgendaEndsEarly { agenda_end, minutes } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, {minutes} min Puffer"),
                format!("agenda ends {agenda_end}, {minutes} min to spare"),
            ),
            Msg::AgendaEndsOnTime { agenda_end } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, genau nach Plan"),
                format!("agenda ends {agenda_end}, exactly on time"),
            ),
            Msg::AgendaEndsLate { agenda_end, minutes } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, {minutes} min zu spät"),
                format!("agenda ends {agenda_end}, {minutes} min late"),
            ),
            Msg::CheckProblems { errors, warnings } => pick(
                de,
                format!("{errors} Fehler, {warnings} Warnung{}", if *warnings == 1 { "" } else { "en" }),
                format!("{errors} error{}, {warnings} warning{}", plural(*errors), plural(*warnings)),
            ),
            Msg::CheckClean => pick(de, "Plan ist in Ordnung.".into(), "The plan is fine.".into()),
            Msg::Behind { minutes, ends, planned } => pick(
                de,
                format!("{minutes} min hinter dem Plan – Ende {ends} (geplant {planned})"),
                format!("{minutes} min behind — ends {ends} (planned {planned})"),
            ),
            Msg::Ahead { minutes, ends, planned } => pick(
                de,
                format!("{minutes} min vor dem Plan – Ende {ends} (geplant {planned})"),
                format!("{minutes} min ahead — ends {ends} (planned {planned})"),
            ),
            Msg::OnTimeEnds { ends } => {
                pick(de, format!("im Plan – Ende {ends}"), format!("on time — ends {ends}"))
            }
            Msg::Resumed { block, events } => pick(
                de,
                format!(
                    "Fortgesetzt: {events} {} wiederhergestellt, aktueller Block „{block}“",
                    if *events == 1 { "Ereignis" } else { "Ereignisse" }
                ),
                format!("Resumed: {events} event{} recovered, current block “{block}”", plural(*events)),
            ),
            Msg::ResumedNoBlock { events } => pick(
                de,
                format!(
                    "Fortgesetzt: {events} {} wiederhergestellt",
                    if *events == 1 { "Ereignis" } else { "Ereignisse" }
                ),
                format!("Resumed: {events} event{} recovered", plural(*events)),
            ),
            Msg::NotRecorded { reason } => pick(
                de,
                format!("NICHT GESPEICHERT – neuer Versuch läuft: {reason}"),
                format!("NOT RECORDED — retrying: {reason}"),
            ),
            Msg::TooSmall { width, height, min_width, min_height } => pick(
                de,
                format!(
                    "Bitte das Fenster vergrößern: mindestens {min_width}×{min_height}, jetzt {width}×{height}"
                ),
                format!("Please enlarge the window: at least {min_width}×{min_height}, now {width}×{height}"),
            ),
            Msg::DemoUnpacked { path } => pick(
                de,
                format!("Die Demo-Lernreise wurde nach {path} entpackt"),
                format!("The demo journey was unpacked to {path}"),
            ),
            Msg::OfPlanned { minutes } => pick(de, format!("von {minutes} min"), format!("of {minutes} min")),
            Msg::SqueezedBy { minutes } => {
                pick(de, format!("−{minutes}m davor"), format!("−{minutes}m before"))
            }
            Msg::SqueezedBefore { minutes, block, at } => pick(
                de,
                format!("bis „{block}“ ({at}) fehlen {minutes} min"),
                format!("{minutes} min short before “{block}” ({at})"),
            ),
            Msg::OldRehearsal { date, files } => pick(
                de,
                format!(
                    "Diese Station wurde am {date} als Probelauf begonnen. Für den echten Tag beenden und das Protokoll löschen: {files}"
                ),
                format!(
                    "This station was begun as a rehearsal on {date}. For the real day, quit and delete its log: {files}"
                ),
            ),
            Msg::RunsAsTimedBlock => pick(
                de,
                "läuft vorerst als Zeitblock, die Methode folgt".into(),
                "runs as a timed block for now; the method is coming".into(),
            ),
            Msg::CrashReport { path } => pick(
                de,
                format!("moderato ist abgestürzt; das Journal ist intakt. Bericht: {path}"),
                format!("moderato crashed; the journal is intact. Report: {path}"),
            ),
            // hardening
            Msg::LinkRefused { path } => pick(
                de,
                format!(
                    "{path} ist ein symbolischer Link; moderato folgt ihm nicht, damit Ereignisse und Notizen nicht außerhalb von logs/ landen. Nichts wurde verändert; den Link durch die Datei selbst ersetzen."
                ),
                format!(
                    "{path} is a symbolic link; moderato does not follow it, so events and notes cannot end up outside logs/. Nothing was changed; replace the link by the file itself."
                ),
            ),
            Msg::DuplicateEvent { path, line, first_line } => pick(
                de,
                format!(
                    "{path}:{line}: dasselbe Ereignis steht schon in Zeile {first_line}; das Journal ist beschädigt. Nichts wurde verändert."
                ),
                format!(
                    "{path}:{line}: the same event is already on line {first_line}; the journal is damaged. Nothing was changed."
                ),
            ),
            Msg::JournalGone { path } => pick(
                de,
                format!(
                    "{path} wurde gelöscht oder ersetzt; beim nächsten Versuch wird ein neues Journal mit allen Ereignissen geschrieben"
                ),
                format!(
                    "{path} was deleted or replaced; the next try writes a fresh journal with every event"
                ),
            ),
            Msg::JournalRecreated { path, events } => pick(
                de,
                format!(
                    "Das Journal war verschwunden; {path} wurde neu geschrieben mit {events} {}",
                    if *events == 1 { "Ereignis" } else { "Ereignissen" }
                ),
                format!(
                    "The journal had gone; {path} was written afresh with {events} event{}",
                    plural(*events)
                ),
            ),
            Msg::LogsTightened { path, mode } => pick(
                de,
                format!(
                    "{path} war für andere lesbar (Modus {mode}) und ist jetzt nur für den Eigentümer zugänglich (700)"
                ),
                format!("{path} was readable by others (mode {mode}) and is now owner-only (700)"),
            ),
            Msg::NeedsTerminal { command } => pick(
                de,
                format!(
                    "`moderato {command}` braucht ein Terminal (Ein- und Ausgabe sind hier umgeleitet). In einem Terminalfenster starten; zum Prüfen eines Plans `moderato check`."
                ),
                format!(
                    "`moderato {command}` needs a terminal (its input or output is redirected here). Start it in a terminal window; to validate a plan use `moderato check`."
                ),
            ),
            Msg::DurationTooLong { text, max_hours } => pick(
                de,
                format!("Dauer \"{text}\" ist zu lang: höchstens {max_hours}h"),
                format!("duration \"{text}\" is too long: at most {max_hours}h"),
            ),
            Msg::AgendaTooLong { station, hours, max_hours } => pick(
                de,
                format!(
                    "die Agenda von Station \"{station}\" dauert {hours} Stunden; höchstens {max_hours} Stunden sind möglich"
                ),
                format!(
                    "the agenda of station \"{station}\" runs {hours} hours; at most {max_hours} hours are possible"
                ),
            ),
            Msg::TooManyBlocks { station, count, max } => pick(
                de,
                format!("Station \"{station}\" hat {count} Blöcke; höchstens {max} sind möglich"),
                format!("station \"{station}\" has {count} blocks; at most {max} are possible"),
            ),
            Msg::IdTooLong { start, chars, max } => pick(
                de,
                format!("ID \"{start}…\" ist {chars} Zeichen lang; höchstens {max} sind möglich"),
                format!("id \"{start}…\" is {chars} characters long; at most {max} are possible"),
            ),
            Msg::DateOutOfRange { text, first_year, last_year } => pick(
                de,
                format!("Datum \"{text}\" liegt außerhalb der Jahre {first_year} bis {last_year}"),
                format!("date \"{text}\" is outside the years {first_year} to {last_year}"),
            ),
            Msg::ExpectsText { key } => pick(
                de,
                format!("`{key}` erwartet Text in Anführungszeichen, z. B. {key} = \"…\""),
                format!("`{key}` expects text in quotes, e.g. {key} = \"…\""),
            ),
            Msg::ExpectsDuration { key } => pick(
                de,
                format!(
                    "`{key}` erwartet eine Dauer in Anführungszeichen, z. B. {key} = \"45m\" oder \"1h30m\""
                ),
                format!("`{key}` expects a duration in quotes, e.g. {key} = \"45m\" or \"1h30m\""),
            ),
            Msg::Quoted { text } => pick(de, format!("„{text}“"), format!("“{text}”")),
            Msg::LogNotRefreshed { reason } => pick(
                de,
                format!(
                    "JSON-Protokoll nicht aktualisiert – nichts verloren, das Journal hat alles; neuer Versuch läuft: {reason}"
                ),
                format!(
                    "JSON log not refreshed — nothing lost, the journal has everything; retrying: {reason}"
                ),
            ),
            Msg::QuitUnrecorded { events, at } => pick(
                de,
                format!(
                    "Beendet, obwohl ein Ereignis nicht gespeichert werden konnte (das Journal war nicht beschreibbar). Nicht aufgezeichnet, Stand {at}: {events}"
                ),
                format!(
                    "Quit while an event could not be recorded (the journal could not be written). Not recorded, as of {at}: {events}"
                ),
            ),
            // platform
            Msg::NetworkShare { kind } => pick(
                de,
                format!(
                    "Achtung: Diese Lernreise liegt auf einem Netzlaufwerk ({kind}) – ihre Protokolle mit Namen und Notizen werden dort gespeichert."
                ),
                format!(
                    "Note: this journey is on a network share ({kind}) – its logs, with names and notes, are stored there."
                ),
            ),
        }
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

fn pick(de: bool, german: String, english: String) -> String {
    if de { german } else { english }
}

impl fmt::Display for Msg {
    /// English, for logs and error chains; the UI calls [`Msg::text`] with the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Short fixed words of the interface, one German and one English text each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Agenda,
    ActiveBlock,
    Rehearsal,
    Running,
    LastMinutes,
    Overtime,
    Paused,
    NotStarted,
    InProgress,
    Finished,
    Unreadable,
    Remaining,
    Over,
    Planned,
    Now,
    Notes,
    YourNotes,
    PressSpaceToStart,
    StationFinished,
    NextUp,
    NoteTitle,
    NoteHint,
    QuitTitle,
    QuitQuestion,
    QuitUnsaved,
    LogUnreadableShort,
    ReanchorTitle,
    ReanchorQuestion,
    YesNo,
    HelpTitle,
    HelpClose,
    PickerTitle,
    PickerHint,
    BreakTitle,
    KeyStart,
    KeyStartPause,
    KeyPause,
    KeyResume,
    KeyNext,
    KeyPrevious,
    KeyTime,
    KeyTime5,
    KeySkip,
    KeyNote,
    KeySelect,
    KeySelectShort,
    KeyMove,
    KeyBreak,
    KeyReanchor,
    KeyHelp,
    KeyQuit,
    Waiting,
    ThankYou,
    ProjectionScenes,
    MessageTitle,
    MessageHint,
    KeyMirror,
    KeyMirrorShort,
    KeyScenes,
    Question,
    SpeakerQueue,
    NobodySpeaking,
    QueueEmpty,
    NotYetSpoken,
    TalkTime,
    TalkTimeByOrganisation,
    Reply,
    PointOfOrder,
    PolicyFirstCome,
    PolicyFirstTimeFirst,
    PolicyAlternate,
    Decisions,
    Actions,
    Parked,
    PickSpeaker,
    PickReply,
    PickPointOfOrder,
    SpeakerPickerHint,
    CaptureParked,
    CaptureDecision,
    CaptureAction,
    CaptureHint,
    CaptureActionHint,
    AlreadyInQueue,
    KeyRaise,
    KeyReply,
    KeyPointOfOrder,
    KeyCallNext,
    KeyEndTurn,
    KeyWithdraw,
    KeyQueueFocus,
    KeyPolicy,
    KeyQuestion,
    KeyCaptures,
    KeyTalkTime,
    NextSpeakers,
    KindImpulse,
    KindDiscussion,
    KindConsultation,
    KindReflection,
    KindExchange,
    KindBreak,
    KindVisit,
    KindCustom,
    RefusedAgendaFinished,
    RefusedNoPreviousBlock,
    RefusedBlockNotChangeable,
    RefusedCannotMoveFurther,
    RefusedTooShort,
    RefusedEmptyNote,
    RefusedEmptyMessage,
    RefusedNotStarted,
    RefusedUnknownBlock,
    RefusedWhileUnrecorded,
    RefusedNotADiscussion,
    RefusedAlreadyQueued,
    RefusedNotQueued,
    RefusedNobodyQueued,
    RefusedNobodySpeaking,
    RefusedNoOtherQuestion,
    RefusedPolicyDecidesOrder,
    RefusedNoAlternationAttribute,
    RefusedEmptyCapture,
    RefusedUnknownParticipant,
    NoteNotInMirror,
    NotInMirror,
    KeyAttendance,
    KeyDismiss,
    KeyYes,
    KeyNo,
    KeySave,
    KeyDiscard,
    KeyCursor,
    KeyErase,
    KeyPresence,
    KeyClose,
    KeyQueueCursor,
    KeyMoveHand,
    KeyLeaveQueue,
    AttendanceTitle,
    AttendanceHint,
    Present,
    Absent,
    RefusedAbsent,
    RefusedPresenceUnchanged,
}

impl Label {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Label::Agenda => ("Agenda", "Agenda"),
            Label::ActiveBlock => ("Aktueller Block", "Current block"),
            Label::Rehearsal => {
                ("Probelauf – Zeiten auf heute verschoben", "rehearsal — times shifted to today")
            }
            Label::Running => ("LÄUFT", "RUNNING"),
            Label::LastMinutes => ("LETZTE MINUTEN", "LAST MINUTES"),
            Label::Overtime => ("ÜBERZOGEN", "OVERTIME"),
            Label::Paused => ("PAUSIERT", "PAUSED"),
            Label::NotStarted => ("nicht begonnen", "not started"),
            Label::InProgress => ("läuft", "in progress"),
            Label::Finished => ("beendet", "finished"),
            Label::Unreadable => ("Protokoll beschädigt", "log damaged"),
            Label::Remaining => ("verbleibend", "remaining"),
            Label::Over => ("über der Zeit", "over time"),
            Label::Planned => ("Plan", "plan"),
            Label::Now => ("jetzt", "now"),
            Label::Notes => ("Notizen", "Notes"),
            Label::YourNotes => ("Ihre Notizen", "Your notes"),
            Label::PressSpaceToStart => {
                ("Leertaste startet die Station mit", "Space starts the station with")
            }
            Label::StationFinished => (
                "Die Station ist beendet. Alles ist gespeichert.",
                "The station is finished. Everything is saved.",
            ),
            Label::NextUp => ("Als Nächstes", "Next up"),
            Label::NoteTitle => ("Private Notiz", "Private note"),
            Label::NoteHint => (
                "Enter speichern · Esc verwerfen · nie projiziert",
                "Enter save · Esc discard · never projected",
            ),
            Label::QuitTitle => ("Beenden", "Quit"),
            Label::QuitQuestion => {
                ("moderato beenden? Alles ist gespeichert.", "Quit moderato? Everything is saved.")
            }
            Label::QuitUnsaved => (
                "Ein Ereignis ist NICHT gespeichert. Trotzdem beenden?",
                "An event is NOT recorded. Quit anyway?",
            ),
            Label::LogUnreadableShort => (
                "Protokoll gerade nicht lesbar – letzter guter Stand",
                "log unreadable right now — last good state shown",
            ),
            Label::ReanchorTitle => ("Neu verankern", "Re-anchor"),
            Label::ReanchorQuestion => (
                "Plan so verschieben, dass der aktuelle Block im Plan liegt?",
                "Shift the plan so the current block is on time?",
            ),
            Label::YesNo => ("y ja · n nein", "y yes · n no"),
            Label::HelpTitle => ("Tasten", "Keys"),
            Label::HelpClose => ("? oder Esc schließt", "? or Esc closes"),
            Label::PickerTitle => ("Station wählen", "Choose a station"),
            Label::PickerHint => ("↑↓ wählen · Enter öffnen · q beenden", "↑↓ choose · Enter open · q quit"),
            Label::BreakTitle => ("Kurze Pause", "Short break"),
            Label::KeyStart => ("starten", "start"),
            Label::KeyStartPause => ("starten / pausieren / fortsetzen", "start / pause / resume"),
            Label::KeyPause => ("pausieren", "pause"),
            Label::KeyResume => ("fortsetzen", "resume"),
            Label::KeyNext => ("nächster Block", "next block"),
            Label::KeyPrevious => ("vorheriger Block", "previous block"),
            Label::KeyTime => ("±1 min", "±1 min"),
            Label::KeyTime5 => ("±5 min", "±5 min"),
            Label::KeySkip => ("Block auslassen", "skip block"),
            Label::KeyNote => ("Notiz", "note"),
            Label::KeySelect => {
                ("Block wählen (für + - * _ s [ ] b)", "select a block (for + - * _ s [ ] b)")
            }
            Label::KeySelectShort => ("wählen", "select"),
            Label::KeyMove => ("Block früher/später", "move block earlier/later"),
            Label::KeyBreak => ("Pause einfügen (10 min)", "insert a break (10 min)"),
            Label::KeyReanchor => ("Plan neu verankern", "re-anchor the plan"),
            Label::KeyHelp => ("Hilfe", "help"),
            Label::KeyQuit => ("beenden", "quit"),
            Label::Waiting => ("Gleich geht es los.", "We will begin shortly."),
            Label::ThankYou => ("Vielen Dank!", "Thank you!"),
            Label::ProjectionScenes => ("Projektion", "Projection"),
            Label::MessageTitle => ("Nachricht an den Raum", "Message for the room"),
            Label::MessageHint => ("Enter projizieren · Esc abbrechen", "Enter project · Esc cancel"),
            Label::KeyMirror => {
                ("Projektion in diesem Fenster (Spiegeln)", "projection in this window (mirror)")
            }
            Label::KeyMirrorShort => ("spiegeln", "mirror"),
            Label::KeyScenes => (
                "Projektion: auto · Agenda · Nachricht · schwarz · Redezeit",
                "projection: auto · agenda · message · blank · talk time",
            ),
            Label::Question => ("Frage", "Question"),
            Label::SpeakerQueue => ("Redeliste", "Speaker queue"),
            Label::NobodySpeaking => ("Niemand hat das Wort.", "Nobody has the floor."),
            Label::QueueEmpty => ("Keine Wortmeldungen.", "No hands raised."),
            Label::NotYetSpoken => ("Noch nicht gesprochen", "Not spoken yet"),
            Label::TalkTime => ("Redezeit", "Talk time"),
            Label::TalkTimeByOrganisation => ("Redezeit je Behörde", "Talk time by organisation"),
            Label::Reply => ("direkte Erwiderung", "direct reply"),
            Label::PointOfOrder => ("zur Geschäftsordnung", "point of order"),
            Label::PolicyFirstCome => ("in Reihenfolge der Meldung", "first come, first served"),
            Label::PolicyFirstTimeFirst => ("Erstredner zuerst", "first-time speakers first"),
            Label::PolicyAlternate => ("im Wechsel", "alternating"),
            Label::Decisions => ("Beschlüsse", "Decisions"),
            Label::Actions => ("Aufgaben", "Action items"),
            Label::Parked => ("Parkplatz", "Parked"),
            Label::PickSpeaker => ("Wortmeldung", "Raise a hand"),
            Label::PickReply => ("Direkte Erwiderung", "Direct reply"),
            Label::PickPointOfOrder => ("Zur Geschäftsordnung", "Point of order"),
            Label::SpeakerPickerHint => (
                "Namen, Behörde oder Kürzel tippen · ↑↓ · Enter · Esc",
                "type a name, organisation or initials · ↑↓ · Enter · Esc",
            ),
            Label::CaptureParked => ("Frage parken", "Park a question"),
            Label::CaptureDecision => ("Beschluss", "Decision"),
            Label::CaptureAction => ("Aufgabe", "Action item"),
            Label::CaptureHint => ("Enter speichern · Esc verwerfen", "Enter save · Esc discard"),
            Label::CaptureActionHint => (
                "Text @Person Datum (z. B. @kra 15.12.) · Enter · Esc",
                "text @person date (e.g. @kra 15.12.) · Enter · Esc",
            ),
            Label::AlreadyInQueue => ("auf der Liste", "in the queue"),
            Label::KeyRaise => ("Wortmeldung", "add a speaker"),
            Label::KeyReply => ("Erwiderung", "reply"),
            Label::KeyPointOfOrder => ("zur GO", "point of order"),
            Label::KeyCallNext => ("Wort erteilen", "give the floor"),
            Label::KeyEndTurn => ("Beitrag beenden", "end the turn"),
            Label::KeyWithdraw => ("Meldung zurückziehen (Liste)", "withdraw a hand (queue)"),
            Label::KeyQueueFocus => ("Agenda ↔ Redeliste (↑↓ [ ] w)", "agenda ↔ queue (↑↓ [ ] w)"),
            Label::KeyPolicy => ("Verfahren der Redeliste wechseln", "switch the queue policy"),
            Label::KeyQuestion => ("nächste / vorige Frage", "next / previous question"),
            Label::KeyCaptures => ("parken · Beschluss · Aufgabe", "park · decision · action"),
            Label::KeyTalkTime => ("Redezeit je Person / je Behörde", "talk time by person / organisation"),
            Label::NextSpeakers => ("Als Nächstes", "Next"),
            Label::KindImpulse => ("Impuls", "Impulse"),
            Label::KindDiscussion => ("Moderierte Diskussion", "Moderated discussion"),
            Label::KindConsultation => ("Kollegiale Fallberatung", "Kollegiale Fallberatung"),
            Label::KindReflection => ("Reflexion", "Reflection"),
            Label::KindExchange => ("Austausch", "Exchange"),
            Label::KindBreak => ("Pause", "Break"),
            Label::KindVisit => ("Besuch", "Visit"),
            Label::KindCustom => ("Programmpunkt", "Session"),
            Label::RefusedAgendaFinished => ("Kein Block mehr offen.", "No block left."),
            Label::RefusedNoPreviousBlock => {
                ("Es gibt keinen Block davor.", "There is no block before this one.")
            }
            Label::RefusedBlockNotChangeable => (
                "Nur der aktuelle und kommende Blöcke lassen sich ändern.",
                "Only the current and upcoming blocks can be changed.",
            ),
            Label::RefusedCannotMoveFurther => ("Weiter geht es nicht.", "It cannot move further."),
            Label::RefusedTooShort => {
                ("Ein Block dauert mindestens eine Minute.", "A block needs at least one minute.")
            }
            Label::RefusedEmptyNote => ("Leere Notiz – nichts gespeichert.", "Empty note — nothing saved."),
            Label::RefusedEmptyMessage => {
                ("Leere Nachricht – nichts projiziert.", "Empty message — nothing projected.")
            }
            Label::RefusedNotStarted => {
                ("Die Station hat noch nicht begonnen.", "The station has not started yet.")
            }
            Label::RefusedUnknownBlock => ("Diesen Block gibt es nicht.", "There is no such block."),
            Label::RefusedWhileUnrecorded => {
                ("Erst muss das letzte Ereignis gespeichert sein.", "The last event must be saved first.")
            }
            Label::RefusedNotADiscussion => (
                "Die Redeliste gibt es nur in einer laufenden Diskussion.",
                "The speaker queue belongs to a running discussion.",
            ),
            Label::RefusedAlreadyQueued => ("Steht schon auf der Redeliste.", "Already in the queue."),
            Label::RefusedNotQueued => ("Steht nicht auf der Redeliste.", "Not in the queue."),
            Label::RefusedNobodyQueued => ("Die Redeliste ist leer.", "The queue is empty."),
            Label::RefusedNobodySpeaking => ("Gerade spricht niemand.", "Nobody is speaking."),
            Label::RefusedNoOtherQuestion => {
                ("Keine weitere Frage in dieser Richtung.", "No other question that way.")
            }
            Label::RefusedPolicyDecidesOrder => (
                "Diese Reihenfolge legt das Verfahren der Redeliste fest.",
                "The queue policy decides this order.",
            ),
            Label::RefusedNoAlternationAttribute => (
                "Für den Wechsel fehlt im Plan `alternate_by`.",
                "Alternation needs `alternate_by` in the plan.",
            ),
            Label::RefusedEmptyCapture => {
                ("Leerer Eintrag – nichts gespeichert.", "Empty entry — nothing saved.")
            }
            Label::RefusedUnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Label::NoteNotInMirror => (
                "Private Notizen nur in der Konsole: erst p drücken.",
                "Private notes only in the console: press p first.",
            ),
            Label::NotInMirror => (
                "Das wird nur in der Konsole geschrieben: erst p drücken.",
                "This is written in the console only: press p first.",
            ),
            Label::KeyAttendance => ("Anwesenheit (wer ist heute da)", "attendance (who is here today)"),
            Label::KeyDismiss => ("Auswahl und Hinweise schließen", "clear the selection and notices"),
            Label::KeyYes => ("ja", "yes"),
            Label::KeyNo => ("nein", "no"),
            Label::KeySave => ("speichern", "save"),
            Label::KeyDiscard => ("verwerfen", "discard"),
            Label::KeyCursor => ("Cursor bewegen", "move the cursor"),
            Label::KeyErase => ("löschen", "erase"),
            Label::KeyPresence => ("da / nicht da", "here / not here"),
            Label::KeyClose => ("schließen", "close"),
            Label::KeyQueueCursor => ("in der Redeliste wählen", "choose in the queue"),
            Label::KeyMoveHand => ("Meldung früher / später", "move a hand earlier / later"),
            Label::KeyLeaveQueue => ("zurück zur Agenda", "back to the agenda"),
            Label::AttendanceTitle => ("Anwesenheit", "Attendance"),
            Label::AttendanceHint => (
                "↑↓ wählen · Leertaste da / nicht da · Esc schließen",
                "↑↓ choose · Space here / not here · Esc close",
            ),
            Label::Present => ("da", "here"),
            Label::Absent => ("nicht da", "not here"),
            Label::RefusedAbsent => ("Diese Person ist heute nicht da.", "This person is not here today."),
            Label::RefusedPresenceUnchanged => ("Schon so vermerkt.", "Already marked so."),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl crate::core::command::Refusal {
    /// Why nothing happened, in the facilitator's words.
    pub fn label(self) -> Label {
        use crate::core::command::Refusal;
        use crate::core::discussion::Refusal as Discussion;
        use crate::core::method::{MethodKind, MethodRefusal};
        match self {
            Refusal::AgendaFinished => Label::RefusedAgendaFinished,
            Refusal::NoPreviousBlock => Label::RefusedNoPreviousBlock,
            Refusal::BlockNotChangeable => Label::RefusedBlockNotChangeable,
            Refusal::CannotMoveFurther => Label::RefusedCannotMoveFurther,
            Refusal::TooShort => Label::RefusedTooShort,
            Refusal::EmptyNote => Label::RefusedEmptyNote,
            Refusal::EmptyMessage => Label::RefusedEmptyMessage,
            Refusal::NotStarted => Label::RefusedNotStarted,
            Refusal::UnknownBlock => Label::RefusedUnknownBlock,
            Refusal::UnknownParticipant => Label::RefusedUnknownParticipant,
            Refusal::PresenceUnchanged => Label::RefusedPresenceUnchanged,
            Refusal::Method(MethodRefusal::NotRunning(MethodKind::Discussion)) => {
                Label::RefusedNotADiscussion
            }
            Refusal::Method(MethodRefusal::Discussion(refusal)) => match refusal {
                Discussion::AlreadyQueued => Label::RefusedAlreadyQueued,
                Discussion::NotQueued => Label::RefusedNotQueued,
                Discussion::NobodyQueued => Label::RefusedNobodyQueued,
                Discussion::NobodySpeaking => Label::RefusedNobodySpeaking,
                Discussion::NoOtherQuestion => Label::RefusedNoOtherQuestion,
                Discussion::PolicyDecidesOrder => Label::RefusedPolicyDecidesOrder,
                Discussion::CannotMoveFurther => Label::RefusedCannotMoveFurther,
                Discussion::NoAlternationAttribute => Label::RefusedNoAlternationAttribute,
                Discussion::EmptyCapture => Label::RefusedEmptyCapture,
                Discussion::UnknownParticipant => Label::RefusedUnknownParticipant,
                Discussion::Absent => Label::RefusedAbsent,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_locales_pick_german() {
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::De);
        assert_eq!(Lang::from_locale("de_AT"), Lang::De);
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn one_recovered_event_is_singular() {
        assert_eq!(Msg::ResumedNoBlock { events: 1 }.text(Lang::En), "Resumed: 1 event recovered");
        assert_eq!(Msg::ResumedNoBlock { events: 2 }.text(Lang::En), "Resumed: 2 events recovered");
        assert_eq!(
            Msg::ResumedNoBlock { events: 1 }.text(Lang::De),
            "Fortgesetzt: 1 Ereignis wiederhergestellt"
        );
        let resumed = Msg::Resumed { block: "Impuls".into(), events: 1 };
        assert_eq!(resumed.text(Lang::En), "Resumed: 1 event recovered, current block “Impuls”");
    }

    #[test]
    fn quotation_marks_follow_the_language() {
        assert_eq!(Msg::Quoted { text: "Impuls".into() }.text(Lang::En), "“Impuls”");
        assert_eq!(Msg::Quoted { text: "Impuls".into() }.text(Lang::De), "„Impuls“");
    }

    #[test]
    fn both_languages_differ_where_words_differ() {
        let msg = Msg::UnknownParticipant { id: "p99".into() };
        assert!(msg.text(Lang::De).contains("unbekannte Teilnehmer-ID \"p99\""));
        assert!(msg.text(Lang::En).contains("unknown participant id \"p99\""));
    }
}
