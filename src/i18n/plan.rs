//! Texts of the plan area: what `check` says of a journey plan — its problems,
//! with file, line and column added by the caller — and its report; block kinds name themselves here.
use super::IdKind;
use super::Lang;
use super::counted;
use super::pick;
use crate::plan::BlockKind;

/// What `check` says of a plan: its problems and its report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum PlanMsg {
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
    /// A reflection names a prompt set that `assets/methods/reflection.toml` does not have.
    UnknownPromptSet {
        set: String,
        known: String,
    },
    /// A reflection has its own prompts and a prompt set.
    PromptsAndPromptSet,
    EmptyPrompt,
    /// A Blitzlicht micro-timer outside what the plan may set.
    TurnOutOfRange {
        text: String,
        min: u32,
        max: u32,
    },
    /// `times` gives another number of times than the reflection has phases.
    TimesPerPhase {
        given: usize,
        phases: usize,
    },
    /// A Blitzlicht block with `blitzlicht = false`.
    BlitzlichtWithoutRound,
    /// A round of the whole cohort needs more time than its phase has.
    RoundTooShort {
        people: usize,
        turn_secs: u32,
        needed_minutes: i64,
        minutes: i64,
    },
    /// `never_together` lists pairs: two participant ids each.
    NeverTogetherPair,
    UnknownLanguage {
        text: String,
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
    /// More participants than moderato is made for.
    TooManyParticipants {
        count: usize,
        max: usize,
    },
    /// A method's phases or rounds need more minutes than its block has.
    LongerThanBlock {
        needed: u64,
        minutes: u32,
    },
    /// More consultation cases than people.
    CasesBeyondCohort {
        cases: u32,
        people: usize,
    },
    /// The same person as case giver and moderator of one case.
    TwoRoles {
        id: String,
    },
    /// `never_together` keeps someone from so many others that no grouping exists.
    NeverTogetherInfeasible {
        id: String,
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
    /// A consultation names a template moderato does not have.
    UnknownTemplate {
        name: String,
        known: String,
    },
    /// A consultation gives a time to a phase its template does not have.
    UnknownPhase {
        phase: String,
        template: String,
        known: String,
    },
    /// A consultation offers a method the catalogue does not have.
    UnknownConsultationMethod {
        name: String,
        known: String,
    },
    /// A participant is in two of a consultation's groups.
    InTwoGroups {
        id: String,
    },
    /// A consultation with `cases = 0`.
    NoCases,
    /// A `timezone` that is not an IANA zone name; `suggestion` is one spelt
    /// the same but for upper and lower case.
    UnknownTimezone {
        text: String,
        suggestion: Option<String>,
    },
    /// `check`: the plan names no zone, so the machine's is taken.
    ZoneAssumed {
        zone: String,
    },
}

impl PlanMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            PlanMsg::TomlSyntax { detail } => {
                pick(de, format!("TOML-Syntaxfehler: {detail}"), format!("TOML syntax error: {detail}"))
            }
            PlanMsg::UnknownKey { key, expected } => pick(
                de,
                format!("unbekannter Schlüssel `{key}`; erlaubt sind hier: {expected}"),
                format!("unknown key `{key}`; allowed here: {expected}"),
            ),
            PlanMsg::InvalidValue { detail } => {
                pick(de, format!("ungültiger Wert: {detail}"), format!("invalid value: {detail}"))
            }
            PlanMsg::InvalidId { id } => pick(
                de,
                format!("ungültige ID \"{id}\": erlaubt sind Kleinbuchstaben a–z, Ziffern, '-' und '_'"),
                format!("invalid id \"{id}\": use lowercase letters a-z, digits, '-' and '_'"),
            ),
            PlanMsg::DuplicateId { kind, id, first_line } => {
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
            PlanMsg::UnknownParticipant { id } => pick(
                de,
                format!("unbekannte Teilnehmer-ID \"{id}\": sie steht nicht unter [[participants]]"),
                format!("unknown participant id \"{id}\": it is not listed under [[participants]]"),
            ),
            PlanMsg::OwnerAndSpeaker => pick(
                de,
                "`owner` und `speaker` schließen sich aus: `owner` für Teilnehmende, `speaker` für Gäste"
                    .into(),
                "`owner` and `speaker` exclude each other: `owner` for participants, `speaker` for guests"
                    .into(),
            ),
            PlanMsg::InvalidDuration { text } => pick(
                de,
                format!("ungültige Dauer \"{text}\": erwartet z. B. \"45m\", \"1h30m\" oder \"2h\""),
                format!("invalid duration \"{text}\": expected e.g. \"45m\", \"1h30m\" or \"2h\""),
            ),
            PlanMsg::DurationNotWholeMinutes { text } => pick(
                de,
                format!("Blockdauer \"{text}\" muss aus ganzen Minuten bestehen"),
                format!("block duration \"{text}\" must be whole minutes"),
            ),
            PlanMsg::ZeroDuration => pick(
                de,
                "die Dauer muss größer als null sein".into(),
                "the duration must be more than zero".into(),
            ),
            PlanMsg::InvalidTime { text } => pick(
                de,
                format!("ungültige Uhrzeit \"{text}\": erwartet HH:MM, z. B. \"09:30\""),
                format!("invalid time \"{text}\": expected HH:MM, e.g. \"09:30\""),
            ),
            PlanMsg::InvalidDate { text } => pick(
                de,
                format!("ungültiges Datum \"{text}\": erwartet JJJJ-MM-TT, z. B. \"2022-11-28\""),
                format!("invalid date \"{text}\": expected YYYY-MM-DD, e.g. \"2022-11-28\""),
            ),
            PlanMsg::EndNotAfterStart { start, end } => pick(
                de,
                format!("das Ende ({end}) liegt nicht nach dem Beginn ({start})"),
                format!("the end ({end}) is not after the start ({start})"),
            ),
            PlanMsg::FixedStartTooEarly { fixed, previous_end, minutes } => pick(
                de,
                format!(
                    "fester Beginn {fixed} liegt vor dem geplanten Ende des Blocks davor ({previous_end}): die Blöcke davor um {minutes} min kürzen"
                ),
                format!(
                    "fixed start {fixed} is before the planned end of the block before it ({previous_end}): shorten the blocks before by {minutes} min"
                ),
            ),
            PlanMsg::AgendaRunsOver { agenda_end, station_end, minutes } => pick(
                de,
                format!(
                    "die Agenda endet um {agenda_end}, {minutes} min nach dem Ende der Station ({station_end})"
                ),
                format!(
                    "the agenda ends at {agenda_end}, {minutes} min after the station's end ({station_end})"
                ),
            ),
            PlanMsg::EmptyAgenda { station } => pick(
                de,
                format!("Station \"{station}\" hat keine Blöcke ([[stations.blocks]])"),
                format!("station \"{station}\" has no blocks ([[stations.blocks]])"),
            ),
            PlanMsg::MissingKey { key } => pick(
                de,
                format!("der Schlüssel `{key}` fehlt hier"),
                format!("the key `{key}` is missing here"),
            ),
            PlanMsg::QuoteTimes => pick(
                de,
                "Datum und Uhrzeit bitte in Anführungszeichen schreiben, z. B. \"09:30\" oder \"2022-11-28\""
                    .into(),
                "write dates and times in quotes, e.g. \"09:30\" or \"2022-11-28\"".into(),
            ),
            PlanMsg::MethodTableMismatch { table, kind } => pick(
                de,
                format!(
                    "die Tabelle [stations.blocks.{table}] gehört zu Blöcken der Art \"{table}\", dieser Block ist \"{kind}\""
                ),
                format!(
                    "the [stations.blocks.{table}] table belongs to blocks of kind \"{table}\", this block is \"{kind}\""
                ),
            ),
            PlanMsg::AlternateWithoutAttribute => pick(
                de,
                "policy = \"alternate\" braucht `alternate_by` mit einem Attribut der Teilnehmenden".into(),
                "policy = \"alternate\" needs `alternate_by` naming a participant attribute".into(),
            ),
            PlanMsg::AttributeUnused { attribute } => pick(
                de,
                format!("keine Teilnehmerin und kein Teilnehmer hat das Attribut \"{attribute}\""),
                format!("no participant has the attribute \"{attribute}\""),
            ),
            PlanMsg::GroupSizeTooSmall => {
                pick(de, "group_size muss mindestens 2 sein".into(), "group_size must be at least 2".into())
            }
            PlanMsg::NoRounds => pick(
                de,
                format!("rounds: 1 bis {} Runden", crate::core::grouping::MAX_ROUNDS),
                format!("rounds: 1 to {} rounds", crate::core::grouping::MAX_ROUNDS),
            ),
            PlanMsg::UnknownPromptSet { set, known } => pick(
                de,
                format!("unbekannter Fragensatz \"{set}\": vorhanden sind {known}"),
                format!("unknown prompt set \"{set}\": there are {known}"),
            ),
            PlanMsg::PromptsAndPromptSet => pick(
                de,
                "eigene `prompts` oder ein `prompt_set`, nicht beides".into(),
                "either your own `prompts` or a `prompt_set`, not both".into(),
            ),
            PlanMsg::EmptyPrompt => pick(de, "eine Impulsfrage ist leer".into(), "a prompt is empty".into()),
            PlanMsg::TurnOutOfRange { text, min, max } => pick(
                de,
                format!("Redezeit im Blitzlicht \"{text}\": erlaubt sind {min} bis {max} Sekunden"),
                format!("Blitzlicht turn \"{text}\": {min} to {max} seconds are allowed"),
            ),
            PlanMsg::TimesPerPhase { given, phases } => pick(
                de,
                format!("{given} Zeiten für {phases} Phasen: je Phase (bzw. je Frage) eine Zeit"),
                format!("{given} times for {phases} phases: one time per phase (or per prompt)"),
            ),
            PlanMsg::BlitzlichtWithoutRound => pick(
                de,
                "ein Blitzlicht ist eine Runde: `blitzlicht = false` passt nicht dazu".into(),
                "a Blitzlicht is a round: `blitzlicht = false` does not fit it".into(),
            ),
            PlanMsg::RoundTooShort { people, turn_secs, needed_minutes, minutes } => pick(
                de,
                format!(
                    "die Runde braucht {people} × {turn_secs} s = {needed_minutes} min, hat aber {minutes} min: kürzere `turn` oder mehr Zeit (`times`)"
                ),
                format!(
                    "the round needs {people} × {turn_secs} s = {needed_minutes} min but has {minutes} min: a shorter `turn` or more time (`times`)"
                ),
            ),
            PlanMsg::NeverTogetherPair => pick(
                de,
                "never_together erwartet Paare aus zwei IDs, z. B. [[\"p01\", \"p02\"]]".into(),
                "never_together expects pairs of two ids, e.g. [[\"p01\", \"p02\"]]".into(),
            ),
            PlanMsg::UnknownLanguage { text } => pick(
                de,
                format!("unbekannte Sprache \"{text}\": erwartet \"de\" oder \"en\""),
                format!("unknown language \"{text}\": expected \"de\" or \"en\""),
            ),
            PlanMsg::Error => pick(de, "Fehler".into(), "error".into()),
            PlanMsg::Warning => pick(de, "Warnung".into(), "warning".into()),
            PlanMsg::CheckParticipants { count } => {
                pick(de, format!("{count} Teilnehmende"), counted(*count, ["participant", "participants"]))
            }
            PlanMsg::CheckStations { count } => {
                pick(de, counted(*count, ["Station", "Stationen"]), counted(*count, ["station", "stations"]))
            }
            PlanMsg::FormatInPerson => pick(de, "Präsenz".into(), "in person".into()),
            PlanMsg::FormatOnline => pick(de, "online".into(), "online".into()),
            PlanMsg::FixedMark => pick(de, "fest".into(), "fixed".into()),
            PlanMsg::AgendaEndsEarly { agenda_end, minutes } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, {minutes} min Puffer"),
                format!("agenda ends {agenda_end}, {minutes} min to spare"),
            ),
            PlanMsg::AgendaEndsOnTime { agenda_end } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, genau nach Plan"),
                format!("agenda ends {agenda_end}, exactly on time"),
            ),
            PlanMsg::AgendaEndsLate { agenda_end, minutes } => pick(
                de,
                format!("Ende der Agenda {agenda_end}, {minutes} min zu spät"),
                format!("agenda ends {agenda_end}, {minutes} min late"),
            ),
            PlanMsg::CheckProblems { errors, warnings } => pick(
                de,
                format!("{errors} Fehler, {}", counted(*warnings, ["Warnung", "Warnungen"])),
                format!(
                    "{}, {}",
                    counted(*errors, ["error", "errors"]),
                    counted(*warnings, ["warning", "warnings"])
                ),
            ),
            PlanMsg::CheckClean => pick(de, "Plan ist in Ordnung.".into(), "The plan is fine.".into()),
            PlanMsg::UnknownTemplate { name, known } => pick(
                de,
                format!("unbekannte Vorlage \"{name}\"; vorhanden sind: {known}"),
                format!("unknown template \"{name}\"; there are: {known}"),
            ),
            PlanMsg::UnknownPhase { phase, template, known } => pick(
                de,
                format!("die Vorlage \"{template}\" hat keine Phase \"{phase}\"; sie hat: {known}"),
                format!("the template \"{template}\" has no phase \"{phase}\"; it has: {known}"),
            ),
            PlanMsg::UnknownConsultationMethod { name, known } => pick(
                de,
                format!("unbekannte Beratungsmethode \"{name}\"; vorhanden sind: {known}"),
                format!("unknown consultation method \"{name}\"; there are: {known}"),
            ),
            PlanMsg::InTwoGroups { id } => pick(
                de,
                format!("\"{id}\" steht in zwei Gruppen; jede Person berät in einer Gruppe"),
                format!("\"{id}\" is in two groups; each person consults in one group"),
            ),
            PlanMsg::NoCases => {
                pick(de, "cases muss mindestens 1 sein".into(), "cases must be at least 1".into())
            }
            PlanMsg::DurationTooLong { text, max_hours } => pick(
                de,
                format!("Dauer \"{text}\" ist zu lang: höchstens {max_hours}h"),
                format!("duration \"{text}\" is too long: at most {max_hours}h"),
            ),
            PlanMsg::AgendaTooLong { station, hours, max_hours } => pick(
                de,
                format!(
                    "die Agenda von Station \"{station}\" dauert {hours} Stunden; höchstens {max_hours} Stunden sind möglich"
                ),
                format!(
                    "the agenda of station \"{station}\" runs {hours} hours; at most {max_hours} hours are possible"
                ),
            ),
            PlanMsg::TooManyBlocks { station, count, max } => pick(
                de,
                format!("Station \"{station}\" hat {count} Blöcke; höchstens {max} sind möglich"),
                format!("station \"{station}\" has {count} blocks; at most {max} are possible"),
            ),
            PlanMsg::TooManyParticipants { count, max } => pick(
                de,
                format!("{count} Teilnehmende; moderato ist für Jahrgänge bis {max} Personen gemacht"),
                format!("{count} participants; moderato is made for cohorts of up to {max} people"),
            ),
            PlanMsg::LongerThanBlock { needed, minutes } => pick(
                de,
                format!(
                    "die Phasen oder Runden brauchen zusammen {needed} min, der Programmpunkt hat {minutes} min; kürzere Phasen oder einen längeren Programmpunkt planen"
                ),
                format!(
                    "the phases or rounds take {needed} min together, the block has {minutes} min; plan shorter phases or a longer block"
                ),
            ),
            PlanMsg::CasesBeyondCohort { cases, people } => pick(
                de,
                format!("{cases} Fälle bei {people} Teilnehmenden: höchstens ein Fall je Person"),
                format!("{cases} cases for {people} participants: at most one case per person"),
            ),
            PlanMsg::TwoRoles { id } => pick(
                de,
                format!(
                    "„{id}“ ist Fallerzählerin oder Fallerzähler und zugleich Moderatorin oder Moderator; eine Person hat in einem Fall nur eine Rolle"
                ),
                format!("“{id}” is both case giver and moderator; a person has one role in a case"),
            ),
            PlanMsg::NeverTogetherInfeasible { id } => pick(
                de,
                format!(
                    "never_together hält „{id}“ von zu vielen anderen fern: Keine Gruppeneinteilung ist möglich"
                ),
                format!("never_together keeps “{id}” apart from too many others: no grouping is possible"),
            ),
            PlanMsg::IdTooLong { start, chars, max } => pick(
                de,
                format!("ID \"{start}…\" ist {chars} Zeichen lang; höchstens {max} sind möglich"),
                format!("id \"{start}…\" is {chars} characters long; at most {max} are possible"),
            ),
            PlanMsg::DateOutOfRange { text, first_year, last_year } => pick(
                de,
                format!("Datum \"{text}\" liegt außerhalb der Jahre {first_year} bis {last_year}"),
                format!("date \"{text}\" is outside the years {first_year} to {last_year}"),
            ),
            PlanMsg::ExpectsText { key } => pick(
                de,
                format!("`{key}` erwartet Text in Anführungszeichen, z. B. {key} = \"…\""),
                format!("`{key}` expects text in quotes, e.g. {key} = \"…\""),
            ),
            PlanMsg::ExpectsDuration { key } => pick(
                de,
                format!(
                    "`{key}` erwartet eine Dauer in Anführungszeichen, z. B. {key} = \"45m\" oder \"1h30m\""
                ),
                format!("`{key}` expects a duration in quotes, e.g. {key} = \"45m\" or \"1h30m\""),
            ),
            PlanMsg::UnknownTimezone { text, suggestion: Some(suggestion) } => pick(
                de,
                format!("unbekannte Zeitzone \"{text}\": gemeint ist wohl \"{suggestion}\""),
                format!("unknown time zone \"{text}\": did you mean \"{suggestion}\"?"),
            ),
            PlanMsg::UnknownTimezone { text, suggestion: None } => pick(
                de,
                format!(
                    "unbekannte Zeitzone \"{text}\": erwartet ein Name der IANA-Zeitzonendatenbank, z. B. \"Europe/Berlin\""
                ),
                format!(
                    "unknown time zone \"{text}\": expected a name from the IANA time zone database, e.g. \"Europe/Berlin\""
                ),
            ),
            PlanMsg::ZoneAssumed { zone } => pick(
                de,
                format!(
                    "der Plan nennt keine Zeitzone; seine Uhrzeiten gelten in der Zone dieses Rechners, {zone}. Nennen Sie sie, z. B. timezone = \"Europe/Berlin\""
                ),
                format!(
                    "the plan names no time zone; its times are taken in this machine's zone, {zone}. Name it, e.g. timezone = \"Europe/Berlin\""
                ),
            ),
        }
    }
}

impl BlockKind {
    /// The kind's name for people (the plan file has its own words, [`BlockKind::key`]).
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            BlockKind::Impulse => ("Impuls", "Impulse"),
            BlockKind::Discussion => ("Moderierte Diskussion", "Moderated discussion"),
            BlockKind::Consultation => ("Kollegiale Fallberatung", "Kollegiale Fallberatung"),
            BlockKind::Reflection => ("Reflexion", "Reflection"),
            BlockKind::Exchange => ("Austausch", "Exchange"),
            BlockKind::Break => ("Pause", "Break"),
            BlockKind::Visit => ("Besuch", "Visit"),
            BlockKind::Custom => ("Programmpunkt", "Session"),
        };
        if lang == Lang::De { de } else { en }
    }
}
