//! Texts of the command line itself: `--help` and the parser's errors, which
//! clap writes in English only, so the German ones are ours.
use super::Lang;
use super::pick;

/// A fixed text of `--help`: the commands, their arguments, the headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum CliLabel {
    About,
    LangHelp,
    ThemeHelp,
    HelpHelp,
    VersionHelp,
    RunAbout,
    JourneyHelp,
    RunStationHelp,
    QuietHelp,
    FreshHelp,
    ProjectAbout,
    ProjectStationHelp,
    ReviewAbout,
    ReviewStationHelp,
    CheckAbout,
    CheckJourneyHelp,
    NewAbout,
    NewDirHelp,
    HelpAbout,
    HelpCommandHelp,
    /// The heading of the usage line, with its colon.
    UsageHeading,
    CommandsHeading,
    ArgumentsHeading,
    OptionsHeading,
    /// The placeholder of a journey in the usage line.
    JourneyValue,
    DirValue,
    LangValue,
    ThemeValue,
    CommandValue,
    /// Where options go in a usage line.
    OptionsPlaceholder,
    /// The last line of an error.
    MoreInformation,
    /// Before an error's message.
    ErrorPrefix,
    AgendaAbout,
    AgendaStationHelp,
    AgendaFormatHelp,
    FacilitatorHelp,
    BlocksHelp,
    OutputHelp,
    ForceHelp,
    FormatValue,
    FileValue,
    GroupsAbout,
    GroupsStationHelp,
    GroupsSizeHelp,
    GroupsRoundsHelp,
    GroupsSeedHelp,
    GroupsAbsentHelp,
    GroupsJsonHelp,
    GroupsTimeHelp,
    ExportAbout,
    ExportStationHelp,
    ExportFormatHelp,
    ExportOutputHelp,
    ExportForceHelp,
    CsvDialectHelp,
    CsvRawHelp,
    IncludeNotesHelp,
    IncludeConfidentialHelp,
    PseudonymizeHelp,
    ExportForHelp,
    TalkPerPersonHelp,
    AudienceValue,
    DialectValue,
    PathValue,
}

impl CliLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            CliLabel::About => (
                "Ein Begleiter im Terminal für die Moderation von Workshops: Agenda, Uhr, Methoden, Projektion und ein absturzsicheres Protokoll. Ohne Befehl öffnet moderato die mitgelieferte Demo-Lernreise.",
                "A terminal companion for facilitators of live workshops: agenda, clock, methods, projection and a crash-safe log. Without a command, moderato opens the bundled demo journey.",
            ),
            CliLabel::LangHelp => (
                "Sprache der Oberfläche: de oder en (Standard: aus LC_ALL / LANG)",
                "Language of the interface: de or en (default: from LC_ALL / LANG)",
            ),
            CliLabel::ThemeHelp => (
                "Farben: dark (Standard), light, oder contrast für einen blassen Beamer. NO_COLOR wird beachtet",
                "Colours: dark (default), light, or contrast for a washed-out projector. NO_COLOR is honoured",
            ),
            CliLabel::HelpHelp => ("Hilfe anzeigen", "Print help"),
            CliLabel::VersionHelp => ("Version anzeigen", "Print version"),
            CliLabel::RunAbout => (
                "Die Konsole der Moderation: eine Station live durchführen (setzt eine Station mit Protokoll fort)",
                "The facilitator console: run a station live (resumes a station that has a log)",
            ),
            CliLabel::JourneyHelp => (
                "Das Verzeichnis der Lernreise (mit journey.toml)",
                "The journey directory (holding journey.toml)",
            ),
            CliLabel::RunStationHelp => (
                "Die Station, die geöffnet wird; ohne sie listet eine Auswahl die Stationen",
                "The station to open; without it, a picker lists the stations",
            ),
            CliLabel::QuietHelp => {
                ("Kein Signalton, wenn ein Timer null erreicht", "No terminal bell when a timer reaches zero")
            }
            CliLabel::FreshHelp => (
                "Einen Probelauf der Station verwerfen (nach Rückfrage; eine Sicherungskopie bleibt in logs/) und neu beginnen",
                "Discard a rehearsal of the station (after confirming; a backup copy stays in logs/) and start afresh",
            ),
            CliLabel::ProjectAbout => (
                "Die Ansicht für den Raum in einem zweiten Terminal; folgt dem Protokoll der Konsole",
                "The audience view in a second terminal, following the console's log",
            ),
            CliLabel::ProjectStationHelp => ("Die Station, die gezeigt wird", "The station to show"),
            CliLabel::ReviewAbout => (
                "Rückblick: was an den Stationen geschah, nur lesend (Ablauf, Redezeit, Festgehaltenes, Fälle, Netzwerk)",
                "Look back at what happened at the stations, read-only (timeline, talk time, captures, cases, network)",
            ),
            CliLabel::ReviewStationHelp => (
                "Mit dem Ablauf dieser Station beginnen; ohne: mit der ganzen Reise",
                "Open on this station's timeline; without it, on the whole journey",
            ),
            CliLabel::CheckAbout => (
                "Den Plan einer Lernreise prüfen: Exit 0 mit den Zeiten jeder Station, oder 2 mit jedem Problem",
                "Validate a journey plan: exit 0 with each station's times, or 2 with every problem",
            ),
            CliLabel::CheckJourneyHelp => (
                "Das Verzeichnis der Lernreise (mit journey.toml) oder die Plandatei selbst",
                "The journey directory (holding journey.toml) or the plan file itself",
            ),
            CliLabel::NewAbout => (
                "Eine neue Lernreise aus einer kommentierten Vorlage anlegen (in der gewählten Sprache)",
                "Start a new journey from a commented template (in the chosen language)",
            ),
            CliLabel::NewDirHelp => (
                "Das Verzeichnis, in dem die Lernreise angelegt wird",
                "The directory to create the journey in",
            ),
            CliLabel::HelpAbout => (
                "Diese Hilfe anzeigen oder die Hilfe eines Befehls",
                "Print this message or the help of the given command",
            ),
            CliLabel::HelpCommandHelp => {
                ("Der Befehl, zu dem die Hilfe gezeigt wird", "The command to show help for")
            }
            CliLabel::UsageHeading => ("Aufruf:", "Usage:"),
            CliLabel::CommandsHeading => ("Befehle", "Commands"),
            CliLabel::ArgumentsHeading => ("Argumente", "Arguments"),
            CliLabel::OptionsHeading => ("Optionen", "Options"),
            CliLabel::JourneyValue => ("LERNREISE", "JOURNEY"),
            CliLabel::DirValue => ("VERZEICHNIS", "DIR"),
            CliLabel::LangValue => ("SPRACHE", "LANG"),
            CliLabel::ThemeValue => ("FARBEN", "THEME"),
            CliLabel::CommandValue => ("BEFEHL", "COMMAND"),
            CliLabel::OptionsPlaceholder => ("[OPTIONEN]", "[OPTIONS]"),
            CliLabel::MoreInformation => ("Mehr dazu mit „--help“.", "For more information, try '--help'."),
            CliLabel::ErrorPrefix => ("Fehler", "error"),
            CliLabel::AgendaAbout => (
                "Vor dem Tag: die Agenda für die Teilnehmenden (md, html, ics) oder der Regieplan der Moderation",
                "Before the day: the participants' agenda (md, html, ics) or the facilitator's run sheet",
            ),
            CliLabel::AgendaStationHelp => (
                "Nur diese Station; ohne die Option alle Stationen",
                "Only this station; without it, every station",
            ),
            CliLabel::AgendaFormatHelp => (
                "md (Markdown), html (druckbar, eine A4-Seite je Station) oder ics (Kalender)",
                "md (Markdown), html (printable, one A4 page per station) or ics (calendar)",
            ),
            CliLabel::FacilitatorHelp => (
                "Der Regieplan: jeder Block mit Beginn und Ende, Verantwortlichen, Notizen, Methode und Puffern",
                "The run sheet: every block with start and end, owner, notes, method settings and buffers",
            ),
            CliLabel::BlocksHelp => (
                "Mit ics: ein Kalendereintrag je Block statt je Station",
                "With ics: one calendar entry per block instead of per station",
            ),
            CliLabel::OutputHelp => (
                "In diese Datei schreiben statt auf die Standardausgabe",
                "Write to this file instead of standard output",
            ),
            CliLabel::ForceHelp => ("Eine vorhandene Datei ersetzen", "Replace an existing file"),
            CliLabel::FormatValue => ("DATEIFORMAT", "FORMAT"),
            CliLabel::FileValue => ("DATEI", "FILE"),
            CliLabel::GroupsAbout => (
                "Die Gruppen, die moderato jetzt für eine Station bilden würde, mit der Vorgeschichte der Lernreise (für Tischkarten am Vorabend)",
                "The groups moderato would form now for a station, honouring the journey's history (for table cards the evening before)",
            ),
            CliLabel::GroupsStationHelp => {
                ("Die Station, für die Gruppen gebildet werden", "The station to form groups for")
            }
            CliLabel::GroupsSizeHelp => {
                ("Die Gruppengröße K (Gruppen zu K und K−1)", "The group size K (groups of K and K−1)")
            }
            CliLabel::GroupsRoundsHelp => ("Wie viele Runden (Standard: 1)", "How many rounds (default: 1)"),
            CliLabel::GroupsSeedHelp => (
                "Startwert: derselbe Wert ergibt dieselben Gruppen (Standard: 1)",
                "The seed: the same seed gives the same groups (default: 1)",
            ),
            CliLabel::GroupsAbsentHelp => {
                ("Wer fehlt, als IDs mit Komma getrennt", "Who is absent, comma-separated ids")
            }
            CliLabel::GroupsJsonHelp => ("JSON statt Text ausgeben", "Print JSON instead of text"),
            CliLabel::GroupsTimeHelp => (
                "Höchstens so viele Sekunden suchen (Standard: 2); derselbe Startwert und dieselbe Zeit ergeben dieselben Gruppen",
                "Search for at most this many seconds (default: 2); the same seed and time give the same groups",
            ),
            CliLabel::ExportAbout => (
                "Nach der Station: das Protokoll für die Teilnehmenden (md, html) oder die Zahlen fürs Programmbüro (csv), aus den Protokollen der Stationen",
                "After the station: the protocol for the participants (md, html) or the figures for the programme office (csv), from the stations' logs",
            ),
            CliLabel::ExportStationHelp => (
                "Nur diese Station; ohne sie jede Station mit Protokoll",
                "Only this station; without it, every station with a log",
            ),
            CliLabel::ExportFormatHelp => (
                "md, html oder csv (mehrere Dateien in das Verzeichnis von -o)",
                "md, html or csv (several files into the directory of -o)",
            ),
            CliLabel::ExportOutputHelp => (
                "Die Datei (md, html) oder das Verzeichnis (csv); ohne sie geht md und html auf die Standardausgabe",
                "The file (md, html) or the directory (csv); without it, md and html go to standard output",
            ),
            CliLabel::ExportForceHelp => ("Vorhandene Dateien ersetzen", "Replace existing files"),
            CliLabel::CsvDialectHelp => (
                "rfc (Komma, Standard) oder excel-de (Semikolon, BOM, Dezimalkomma: öffnet in einer deutschen Tabellenkalkulation per Doppelklick)",
                "rfc (comma, default) or excel-de (semicolon, BOM, decimal comma: opens in a German spreadsheet by double-click)",
            ),
            CliLabel::CsvRawHelp => (
                "Textzellen, die mit =, +, -, @ beginnen, nicht mit einem Apostroph entschärfen (für Skripte; nie in einer Tabellenkalkulation öffnen)",
                "Do not neutralise text cells beginning with =, +, -, @ by an apostrophe (for scripts; never open them in a spreadsheet)",
            ),
            CliLabel::IncludeNotesHelp => (
                "Mit --for facilitator: die privaten Notizen der Moderation aufnehmen (sonst weggelassen)",
                "With --for facilitator: include the facilitator's private notes (left out otherwise)",
            ),
            CliLabel::IncludeConfidentialHelp => (
                "Mit --for facilitator: vertrauliche Fallinhalte der Beratungen aufnehmen: Titel, Beschreibung, Schlüsselfrage, Ideen, Abschluss (sonst weggelassen)",
                "With --for facilitator: include the consultations' confidential case content: title, description, key question, ideas, closing (left out otherwise)",
            ),
            CliLabel::ExportForHelp => (
                "Für wen: participants (das Protokoll für die Teilnehmenden, Standard), office (die Auswertung für das Programmbüro) oder facilitator (die Aufzeichnung der Moderation)",
                "Who it is for: participants (the minutes, default), office (the programme office's report) or facilitator (the facilitator's record)",
            ),
            CliLabel::TalkPerPersonHelp => (
                "Mit --for office: die Redezeit auch je Person, nicht nur je Organisation",
                "With --for office: the talk time per person too, not only per organisation",
            ),
            CliLabel::AudienceValue => ("FÜR", "FOR"),
            CliLabel::PseudonymizeHelp => (
                "Namen und Organisationen durch P01 …, O01 … ersetzen, auch im Freitext; die Zuordnung wird nicht geschrieben",
                "Replace names and organisations by P01 …, O01 …, in free text too; the mapping is not written",
            ),
            CliLabel::DialectValue => ("DIALEKT", "DIALECT"),
            CliLabel::PathValue => ("PFAD", "PATH"),
        };
        if lang == Lang::De { de } else { en }
    }
}

/// A mistake on the command line, as clap found it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum CliMsg {
    /// An option or argument moderato does not know.
    UnknownArgument { arg: String },
    /// A command moderato does not know.
    UnknownCommand { command: String },
    /// Required arguments are missing; `args` lists them, one a line.
    MissingArguments { args: String },
    /// An option without its value.
    MissingValue { arg: String },
    /// A value not among the ones allowed.
    InvalidValue { arg: String, value: String, allowed: String },
    /// An argument given more than once, or one too many.
    UnexpectedArgument { arg: String },
    /// A hint: what was probably meant.
    Tip { suggestion: String },
}

impl CliMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            CliMsg::UnknownArgument { arg } => pick(
                de,
                format!("unbekanntes Argument „{arg}“"),
                format!("unexpected argument '{arg}' found"),
            ),
            CliMsg::UnknownCommand { command } => pick(
                de,
                format!("unbekannter Befehl „{command}“"),
                format!("unrecognized subcommand '{command}'"),
            ),
            CliMsg::MissingArguments { args } => pick(
                de,
                format!("diese Angaben fehlen:\n{args}"),
                format!("the following required arguments were not provided:\n{args}"),
            ),
            CliMsg::MissingValue { arg } => pick(
                de,
                format!("„{arg}“ braucht einen Wert, aber es wurde keiner angegeben"),
                format!("a value is required for '{arg}' but none was supplied"),
            ),
            CliMsg::InvalidValue { arg, value, allowed } => pick(
                de,
                format!("ungültiger Wert „{value}“ für „{arg}“\n  [mögliche Werte: {allowed}]"),
                format!("invalid value '{value}' for '{arg}'\n  [possible values: {allowed}]"),
            ),
            CliMsg::UnexpectedArgument { arg } => pick(
                de,
                format!("das Argument „{arg}“ ist hier zu viel oder doppelt"),
                format!("the argument '{arg}' is unexpected here or given twice"),
            ),
            CliMsg::Tip { suggestion } => pick(
                de,
                format!("Tipp: gemeint ist vielleicht „{suggestion}“"),
                format!("tip: a similar one exists: '{suggestion}'"),
            ),
        }
    }
}
