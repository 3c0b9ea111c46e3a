//! Texts of the facilitator's console: header, banners, panels, overlays, keys,
//! the terminal and the end of a run; refusals of the session name themselves here.
use super::Lang;
use super::counted;
use super::pick;
use crate::core::command::Refusal;
use crate::core::method::{MethodKind, MethodRefusal};

/// The console's sentences: the header, banners, the terminal, the end of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ConsoleMsg {
    UnknownStation {
        station: String,
        known: String,
    },
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
    /// `run` or `project` without a terminal to draw on.
    NeedsTerminal {
        command: String,
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
    /// The journey lies on a network share (`kind`: nfs, smb, UNC, network drive…).
    NetworkShare {
        kind: String,
    },
    /// How a finished station ended against its plan.
    EndedAt {
        ended: String,
        planned: String,
    },
    /// Free time in the agenda before a fixed start.
    Gap {
        minutes: i64,
    },
}

impl ConsoleMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            ConsoleMsg::Gap { minutes } => {
                pick(de, format!("Puffer ({minutes} min)"), format!("slack ({minutes} min)"))
            }
            ConsoleMsg::EndedAt { ended, planned } => pick(
                de,
                format!("Ende {ended} (geplant {planned})"),
                format!("ended {ended} (planned {planned})"),
            ),
            ConsoleMsg::UnknownStation { station, known } => pick(
                de,
                format!("unbekannte Station \"{station}\"; vorhanden: {known}"),
                format!("unknown station \"{station}\"; available: {known}"),
            ),
            ConsoleMsg::Behind { minutes, ends, planned } => pick(
                de,
                format!("{minutes} min hinter dem Plan – Ende {ends} (geplant {planned})"),
                format!("{minutes} min behind — ends {ends} (planned {planned})"),
            ),
            ConsoleMsg::Ahead { minutes, ends, planned } => pick(
                de,
                format!("{minutes} min vor dem Plan – Ende {ends} (geplant {planned})"),
                format!("{minutes} min ahead — ends {ends} (planned {planned})"),
            ),
            ConsoleMsg::OnTimeEnds { ends } => {
                pick(de, format!("im Plan – Ende {ends}"), format!("on time — ends {ends}"))
            }
            ConsoleMsg::Resumed { block, events } => pick(
                de,
                format!(
                    "Fortgesetzt: {} wiederhergestellt, aktueller Block „{block}“",
                    counted(*events, ["Ereignis", "Ereignisse"])
                ),
                format!(
                    "Resumed: {} recovered, current block “{block}”",
                    counted(*events, ["event", "events"])
                ),
            ),
            ConsoleMsg::ResumedNoBlock { events } => pick(
                de,
                format!("Fortgesetzt: {} wiederhergestellt", counted(*events, ["Ereignis", "Ereignisse"])),
                format!("Resumed: {} recovered", counted(*events, ["event", "events"])),
            ),
            ConsoleMsg::NotRecorded { reason } => pick(
                de,
                format!("NICHT GESPEICHERT – neuer Versuch läuft: {reason}"),
                format!("NOT RECORDED — retrying: {reason}"),
            ),
            ConsoleMsg::TooSmall { width, height, min_width, min_height } => pick(
                de,
                format!(
                    "Bitte das Fenster vergrößern: mindestens {min_width}×{min_height}, jetzt {width}×{height}"
                ),
                format!("Please enlarge the window: at least {min_width}×{min_height}, now {width}×{height}"),
            ),
            ConsoleMsg::DemoUnpacked { path } => pick(
                de,
                format!("Die Demo-Lernreise wurde nach {path} entpackt"),
                format!("The demo journey was unpacked to {path}"),
            ),
            ConsoleMsg::OfPlanned { minutes } => {
                pick(de, format!("von {minutes} min"), format!("of {minutes} min"))
            }
            ConsoleMsg::SqueezedBefore { minutes, block, at } => pick(
                de,
                format!("bis „{block}“ ({at}) fehlen {minutes} min"),
                format!("{minutes} min short before “{block}” ({at})"),
            ),
            ConsoleMsg::SqueezedBy { minutes } => {
                pick(de, format!("−{minutes}m davor"), format!("−{minutes}m before"))
            }
            ConsoleMsg::OldRehearsal { date, files } => pick(
                de,
                format!(
                    "Diese Station wurde am {date} als Probelauf begonnen. Für den echten Tag beenden und neu beginnen mit `moderato run … --fresh` (der Probelauf wird gesichert): {files}"
                ),
                format!(
                    "This station was begun as a rehearsal on {date}. For the real day, quit and start afresh with `moderato run … --fresh` (the rehearsal is kept as a backup): {files}"
                ),
            ),
            ConsoleMsg::CrashReport { path } => pick(
                de,
                format!("moderato ist abgestürzt; das Journal ist intakt. Bericht: {path}"),
                format!("moderato crashed; the journal is intact. Report: {path}"),
            ),
            // hardening
            ConsoleMsg::NeedsTerminal { command } => pick(
                de,
                format!(
                    "`moderato {command}` braucht ein Terminal (Ein- und Ausgabe sind hier umgeleitet). In einem Terminalfenster starten; zum Prüfen eines Plans `moderato check`."
                ),
                format!(
                    "`moderato {command}` needs a terminal (its input or output is redirected here). Start it in a terminal window; to validate a plan use `moderato check`."
                ),
            ),
            ConsoleMsg::Quoted { text } => pick(de, format!("„{text}“"), format!("“{text}”")),
            ConsoleMsg::LogNotRefreshed { reason } => pick(
                de,
                format!(
                    "Stationslog (JSON) nicht aktualisiert – nichts verloren, das Journal hat alles; neuer Versuch läuft: {reason}"
                ),
                format!(
                    "JSON log not refreshed — nothing lost, the journal has everything; retrying: {reason}"
                ),
            ),
            ConsoleMsg::QuitUnrecorded { events, at } => pick(
                de,
                format!(
                    "Beendet, obwohl ein Ereignis nicht gespeichert werden konnte (das Journal war nicht beschreibbar). Nicht aufgezeichnet, Stand {at}: {events}"
                ),
                format!(
                    "Quit while an event could not be recorded (the journal could not be written). Not recorded, as of {at}: {events}"
                ),
            ),
            // platform
            ConsoleMsg::NetworkShare { kind } => pick(
                de,
                format!(
                    "Achtung: Diese Lernreise liegt auf einem Netzlaufwerk ({kind}) – ihre Stationslogs mit Namen und Notizen werden dort gespeichert."
                ),
                format!(
                    "Note: this journey is on a network share ({kind}) – its logs, with names and notes, are stored there."
                ),
            ),
        }
    }
}

/// Short words of the console: panels, overlays, keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ConsoleLabel {
    ActiveBlock,
    Rehearsal,
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
    ProjectionScenes,
    MessageTitle,
    MessageHint,
    KeyMirror,
    KeyMirrorShort,
    KeyScenes,
    RefusedWhileUnrecorded,
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
    AttendanceTitle,
    AttendanceHint,
    Present,
    Absent,
    SkipTitle,
    SkipQuestion,
    /// The header's word for what the room sees now.
    RoomShows,
    RoomTimer,
    RoomAgenda,
    RoomMessage,
    RoomBlank,
    RoomTalkTime,
    /// The header of a finished station.
    StationDone,

    /// The footer's short word for `s`.
    KeySkipShort,
    KeyUndo,
    /// Help's last line when it does not fit: it scrolls.
    HelpCloseScroll,
    /// The space bar, as the footer and help name it.
    KeySpace,
    KeySuggest,
}

impl ConsoleLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ConsoleLabel::KeySuggest => {
                ("fertige Nachricht mit berechneter Zeit", "ready-made message with a computed time")
            }
            ConsoleLabel::KeySpace => ("Leertaste", "Space"),
            ConsoleLabel::HelpCloseScroll => {
                ("↑↓ blättern · ? oder Esc schließt", "↑↓ scroll · ? or Esc closes")
            }
            ConsoleLabel::KeyUndo => ("letzte Änderung zurücknehmen", "undo the last change"),
            ConsoleLabel::KeySkipShort => ("auslassen", "skip"),
            ConsoleLabel::SkipTitle => ("Block auslassen", "Skip the block"),
            ConsoleLabel::SkipQuestion => (
                "Den laufenden Block auslassen und den nächsten beginnen?",
                "Skip the running block and start the next one?",
            ),
            ConsoleLabel::RoomShows => ("Raum", "Room"),
            ConsoleLabel::RoomTimer => ("Block und Zeit", "block and timer"),
            ConsoleLabel::RoomAgenda => ("Agenda", "agenda"),
            ConsoleLabel::RoomMessage => ("Nachricht", "message"),
            ConsoleLabel::RoomBlank => ("schwarz", "black"),
            ConsoleLabel::RoomTalkTime => ("Redezeit", "talk time"),
            ConsoleLabel::StationDone => ("Station beendet", "Station finished"),
            ConsoleLabel::ActiveBlock => ("Aktueller Block", "Current block"),
            ConsoleLabel::Rehearsal => {
                ("Probelauf – Zeiten auf heute verschoben", "rehearsal — times shifted to today")
            }
            ConsoleLabel::NotStarted => ("nicht begonnen", "not started"),
            ConsoleLabel::InProgress => ("läuft", "in progress"),
            ConsoleLabel::Finished => ("beendet", "finished"),
            ConsoleLabel::Unreadable => ("Stationslog beschädigt", "station log damaged"),
            ConsoleLabel::Remaining => ("verbleibend", "remaining"),
            ConsoleLabel::Over => ("über der Zeit", "over time"),
            ConsoleLabel::Planned => ("Plan", "plan"),
            ConsoleLabel::Now => ("jetzt", "now"),
            ConsoleLabel::Notes => ("Notizen", "Notes"),
            ConsoleLabel::YourNotes => ("Ihre Notizen", "Your notes"),
            ConsoleLabel::PressSpaceToStart => {
                ("Leertaste startet die Station mit", "Space starts the station with")
            }
            ConsoleLabel::StationFinished => (
                "Die Station ist beendet. Alles ist gespeichert.",
                "The station is finished. Everything is saved.",
            ),
            ConsoleLabel::NextUp => ("Als Nächstes", "Next up"),
            ConsoleLabel::NoteTitle => ("Private Notiz", "Private note"),
            ConsoleLabel::NoteHint => (
                "Enter speichern · Esc verwerfen · nie projiziert",
                "Enter save · Esc discard · never projected",
            ),
            ConsoleLabel::QuitTitle => ("Beenden", "Quit"),
            ConsoleLabel::QuitQuestion => {
                ("moderato beenden? Alles ist gespeichert.", "Quit moderato? Everything is saved.")
            }
            ConsoleLabel::QuitUnsaved => (
                "Ein Ereignis ist NICHT gespeichert. Trotzdem beenden?",
                "An event is NOT recorded. Quit anyway?",
            ),
            ConsoleLabel::ReanchorTitle => ("Neu verankern", "Re-anchor"),
            ConsoleLabel::ReanchorQuestion => (
                "Plan so verschieben, dass der aktuelle Block im Plan liegt?",
                "Shift the plan so the current block is on time?",
            ),
            ConsoleLabel::YesNo => ("j ja · n nein", "y yes · n no"),
            ConsoleLabel::HelpTitle => ("Tasten", "Keys"),
            ConsoleLabel::HelpClose => ("? oder Esc schließt", "? or Esc closes"),
            ConsoleLabel::PickerTitle => ("Station wählen", "Choose a station"),
            ConsoleLabel::PickerHint => {
                ("↑↓ wählen · Enter öffnen · q beenden", "↑↓ choose · Enter open · q quit")
            }
            ConsoleLabel::BreakTitle => ("Kurze Pause", "Short break"),
            ConsoleLabel::KeyStart => ("starten", "start"),
            ConsoleLabel::KeyStartPause => ("starten / pausieren / fortsetzen", "start / pause / resume"),
            ConsoleLabel::KeyPause => ("pausieren", "pause"),
            ConsoleLabel::KeyResume => ("fortsetzen", "resume"),
            ConsoleLabel::KeyNext => ("nächster Block", "next block"),
            ConsoleLabel::KeyPrevious => ("vorheriger Block", "previous block"),
            ConsoleLabel::KeyTime => ("±1 min", "±1 min"),
            ConsoleLabel::KeyTime5 => ("±5 min", "±5 min"),
            ConsoleLabel::KeySkip => ("Block auslassen / zurückholen", "skip / bring back a block"),
            ConsoleLabel::KeyNote => ("Notiz", "note"),
            ConsoleLabel::KeySelect => {
                ("Block wählen (für + - * _ s [ ] b)", "select a block (for + - * _ s [ ] b)")
            }
            ConsoleLabel::KeySelectShort => ("wählen", "select"),
            ConsoleLabel::KeyMove => ("Block früher/später", "move block earlier/later"),
            ConsoleLabel::KeyBreak => ("Pause einfügen (10 min)", "insert a break (10 min)"),
            ConsoleLabel::KeyReanchor => ("Plan neu verankern", "re-anchor the plan"),
            ConsoleLabel::KeyHelp => ("Hilfe", "help"),
            ConsoleLabel::KeyQuit => ("beenden", "quit"),
            ConsoleLabel::ProjectionScenes => ("Leinwand", "Room's screen"),
            ConsoleLabel::MessageTitle => ("Nachricht an den Raum", "Message for the room"),
            ConsoleLabel::MessageHint => (
                "Enter projizieren · Tab Vorschlag · Esc abbrechen",
                "Enter project · Tab suggestion · Esc cancel",
            ),
            ConsoleLabel::KeyMirror => {
                ("Leinwand in diesem Fenster (Spiegeln)", "the room's screen in this window (mirror)")
            }
            ConsoleLabel::KeyMirrorShort => ("spiegeln", "mirror"),
            ConsoleLabel::KeyScenes => (
                "Leinwand: auto, Agenda, Nachricht, schwarz, Redezeit",
                "room's screen: auto, agenda, message, blank, talk time",
            ),
            ConsoleLabel::RefusedWhileUnrecorded => {
                ("Erst muss das letzte Ereignis gespeichert sein.", "The last event must be saved first.")
            }
            ConsoleLabel::NoteNotInMirror => (
                "Private Notizen nur in der Konsole: erst p drücken.",
                "Private notes only in the console: press p first.",
            ),
            ConsoleLabel::NotInMirror => (
                "Das wird nur in der Konsole geschrieben: erst p drücken.",
                "This is written in the console only: press p first.",
            ),
            ConsoleLabel::KeyAttendance => {
                ("Anwesenheit (wer ist heute da)", "attendance (who is here today)")
            }
            ConsoleLabel::KeyDismiss => ("Auswahl und Hinweise schließen", "clear the selection and notices"),
            ConsoleLabel::KeyYes => ("ja", "yes"),
            ConsoleLabel::KeyNo => ("nein", "no"),
            ConsoleLabel::KeySave => ("speichern", "save"),
            ConsoleLabel::KeyDiscard => ("verwerfen", "discard"),
            ConsoleLabel::KeyCursor => ("Cursor bewegen", "move the cursor"),
            ConsoleLabel::KeyErase => ("löschen", "erase"),
            ConsoleLabel::KeyPresence => ("da / nicht da", "here / not here"),
            ConsoleLabel::KeyClose => ("schließen", "close"),
            ConsoleLabel::AttendanceTitle => ("Anwesenheit", "Attendance"),
            ConsoleLabel::AttendanceHint => (
                "↑↓ wählen · Leertaste da / nicht da · Esc schließen",
                "↑↓ choose · Space here / not here · Esc close",
            ),
            ConsoleLabel::Present => ("da", "here"),
            ConsoleLabel::Absent => ("nicht da", "not here"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl Refusal {
    /// Why a command changed nothing, in the facilitator's words; a method's
    /// refusals are worded by the method's own texts.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Refusal::AgendaFinished => ("Kein Block mehr offen.", "No block left."),
            Refusal::NoPreviousBlock => ("Es gibt keinen Block davor.", "There is no block before this one."),
            Refusal::BlockNotChangeable => (
                "Nur der aktuelle und kommende Blöcke lassen sich ändern.",
                "Only the current and upcoming blocks can be changed.",
            ),
            Refusal::CannotMoveFurther => ("Weiter geht es nicht.", "It cannot move further."),
            Refusal::TooShort => {
                ("Ein Block dauert mindestens eine Minute.", "A block needs at least one minute.")
            }
            Refusal::EmptyNote => ("Leere Notiz – nichts gespeichert.", "Empty note — nothing saved."),
            Refusal::EmptyMessage => {
                ("Leere Nachricht – nichts projiziert.", "Empty message — nothing projected.")
            }
            Refusal::NotStarted => {
                ("Die Station hat noch nicht begonnen.", "The station has not started yet.")
            }
            Refusal::UnknownBlock => ("Diesen Block gibt es nicht.", "There is no such block."),
            Refusal::UnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Refusal::PresenceUnchanged => ("Schon so vermerkt.", "Already marked so."),
            Refusal::Method(MethodRefusal::NotRunning(MethodKind::Discussion)) => (
                "Die Redeliste gibt es nur in einer laufenden Diskussion.",
                "The speaker queue belongs to a running discussion.",
            ),
            Refusal::NotSkipped => (
                "Nur ein ausgelassener Block lässt sich zurückholen.",
                "Only a skipped block can be brought back.",
            ),
            Refusal::NothingToUndo => ("Nichts mehr rückgängig zu machen.", "Nothing left to undo."),
            Refusal::CannotUndo => (
                "Das lässt sich nicht rückgängig machen (ein erteiltes Wort, der Beginn der Station).",
                "That cannot be undone (a turn given, the start of the station).",
            ),
            Refusal::Method(MethodRefusal::Discussion(refusal)) => return refusal.text(lang),
            Refusal::Method(MethodRefusal::NotRunning(MethodKind::Consultation)) => (
                "Das gehört zu einer laufenden Fallberatung.",
                "That belongs to a running case consultation.",
            ),
            Refusal::Method(MethodRefusal::Consultation(refusal)) => return refusal.text(lang),
            Refusal::Method(MethodRefusal::NotRunning(MethodKind::Reflection)) => {
                ("Das gibt es nur in einer laufenden Reflexion.", "That belongs to a running reflection.")
            }
            Refusal::Method(MethodRefusal::Reflection(refusal)) => return refusal.text(lang),
            Refusal::Method(MethodRefusal::NotRunning(MethodKind::Exchange)) => (
                "Die Gruppen gibt es nur in einem laufenden Austausch.",
                "The groups belong to a running exchange.",
            ),
            Refusal::Method(MethodRefusal::Exchange(refusal)) => return refusal.text(lang),
        };
        if lang == Lang::De { de } else { en }
    }
}
