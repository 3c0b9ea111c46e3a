//! Texts of the exchange block and of `moderato groups`: rounds, tables,
//! repeats and new contacts, the keys, the refusals and the engine's errors.
use super::Lang;
use crate::core::exchange::Refusal;
use crate::core::grouping::{GroupingError, MAX_ROUNDS};
use crate::plan::ExchangeFormat;

/// The exchange block's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ExchangeLabel {
    Round,
    Table,
    /// A breakout room of an online station, in place of a table.
    BreakoutRoom,
    Host,
    Proposed,
    Fixed,
    NoGroupsYet,
    RepeatedPairs,
    /// One repeated pair (the singular of [`ExchangeLabel::RepeatedPairs`]).
    RepeatedPair,
    NewContacts,
    /// One new contact (the singular of [`ExchangeLabel::NewContacts`]).
    NewContact,
    /// Before the pairs of a round that have met before, by name.
    MeetAgain,
    NotInAGroup,
    MoveOn,
    GroupsComing,
    Contacts,
    HasMet,
    /// This station, in the list of where two people met.
    Today,
    MarkedForSwap,
    PickPlace,
    PlaceHint,
    KeyForm,
    KeyFix,
    KeyRound,
    KeyFocus,
    KeyCursor,
    KeySwap,
    KeyPlace,
    KeyContacts,
    KeyLeave,
    /// The engine could not form groups of the planned size for who is here.
    CannotForm,
    /// The `never_together` pairs cannot all be kept apart.
    CannotSeparate,
}

impl ExchangeLabel {
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ExchangeLabel::Round => ("Runde", "Round"),
            ExchangeLabel::Table => ("Tisch", "Table"),
            ExchangeLabel::BreakoutRoom => ("Raum", "Room"),
            ExchangeLabel::Host => ("bleibt", "host"),
            ExchangeLabel::Proposed => ("Vorschlag", "proposed"),
            ExchangeLabel::Fixed => ("festgelegt", "fixed"),
            ExchangeLabel::NoGroupsYet => {
                ("Noch keine Gruppen – g bildet sie.", "No groups yet — g forms them.")
            }
            ExchangeLabel::RepeatedPairs => ("Wiederholungen", "repeated pairs"),
            ExchangeLabel::RepeatedPair => ("Wiederholung", "repeated pair"),
            ExchangeLabel::NewContacts => ("neue Kontakte", "new contacts"),
            ExchangeLabel::NewContact => ("neuer Kontakt", "new contact"),
            ExchangeLabel::MeetAgain => ("Treffen sich wieder", "Meet again"),
            ExchangeLabel::NotInAGroup => ("Ohne Gruppe", "Not in a group"),
            ExchangeLabel::MoveOn => ("Bitte wechseln", "Please move on"),
            ExchangeLabel::GroupsComing => {
                ("Die Gruppen werden gleich gebildet", "The groups are being formed")
            }
            ExchangeLabel::Contacts => ("Kontakte der Journey", "Contacts of the journey"),
            ExchangeLabel::HasMet => ("kennt", "has met"),
            ExchangeLabel::Today => ("heute", "today"),
            ExchangeLabel::MarkedForSwap => ("zum Tausch gewählt", "marked for a swap"),
            ExchangeLabel::PickPlace => ("Wer kommt in diese Gruppe?", "Who joins this group?"),
            ExchangeLabel::PlaceHint => {
                ("Name tippen, ⏎ nimmt, Esc bricht ab", "type a name, ⏎ takes, Esc cancels")
            }
            ExchangeLabel::KeyForm => ("Gruppen bilden / neu bilden", "form groups / form again"),
            ExchangeLabel::KeyFix => ("Runde festlegen", "fix the round"),
            ExchangeLabel::KeyRound => ("nächste / vorige Runde", "next / previous round"),
            ExchangeLabel::KeyFocus => ("Gruppen bearbeiten", "edit the groups"),
            ExchangeLabel::KeyCursor => ("Person wählen", "choose a person"),
            ExchangeLabel::KeySwap => ("markieren, dann tauschen", "mark, then swap"),
            ExchangeLabel::KeyPlace => ("jemanden in diese Gruppe holen", "bring someone into this group"),
            ExchangeLabel::KeyContacts => ("Kontaktmatrix", "contact matrix"),
            ExchangeLabel::KeyLeave => ("Bearbeiten beenden", "stop editing"),
            ExchangeLabel::CannotForm => {
                ("Für diese Gruppengröße sind zu wenige da.", "Too few people here for this group size.")
            }
            ExchangeLabel::CannotSeparate => (
                "Die never_together-Paare lassen sich nicht trennen.",
                "The never_together pairs cannot be kept apart.",
            ),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl ExchangeFormat {
    /// The format in words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ExchangeFormat::SmallGroups => ("Kleingruppen", "small groups"),
            ExchangeFormat::PairRotation => ("Speed-Networking", "speed networking"),
            ExchangeFormat::TableRotation => ("Tischwechsel", "table rotation"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl Refusal {
    /// Why the exchange changed nothing, in the facilitator's words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Refusal::RoundFixed => {
                ("Diese Runde ist festgelegt; u macht das rückgängig.", "This round is fixed; u undoes that.")
            }
            Refusal::NoGroups => ("Diese Runde hat noch keine Gruppen.", "This round has no groups yet."),
            Refusal::SameGroup => ("Schon in derselben Gruppe.", "Already in the same group."),
            Refusal::NotInAGroup => ("In keiner Gruppe dieser Runde.", "In no group of this round."),
            Refusal::UnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Refusal::Absent => ("Diese Person ist heute nicht da.", "This person is not here today."),
            Refusal::NoSuchTable => ("Diesen Tisch gibt es nicht.", "There is no such table."),
            Refusal::FixFirst => ("Erst diese Runde festlegen (⏎).", "Fix this round first (⏎)."),
            Refusal::NoOtherRound => ("Keine weitere Runde in dieser Richtung.", "No other round that way."),
            Refusal::InvalidGroups => ("Diese Gruppen sind ungültig.", "These groups are invalid."),
            Refusal::WouldLeaveAlone => {
                ("Dann säße jemand allein in der Gruppe.", "That would leave someone alone in their group.")
            }
            Refusal::NeverTogether => (
                "Der Plan hält diese beiden auseinander (never_together).",
                "The plan keeps these two apart (never_together).",
            ),
        };
        if lang == Lang::De { de } else { en }
    }
}

fn repeated_de(n: usize) -> String {
    if n == 1 { "1 wiederholtes Paar".into() } else { format!("{n} wiederholte Paare") }
}

fn repeated_en(n: usize) -> String {
    if n == 1 { "1 repeated pair".into() } else { format!("{n} repeated pairs") }
}

fn new_de(n: usize) -> String {
    if n == 1 { "1 neuer Kontakt".into() } else { format!("{n} neue Kontakte") }
}

fn new_en(n: usize) -> String {
    if n == 1 { "1 new contact".into() } else { format!("{n} new contacts") }
}

/// Milliseconds as seconds: "0.5 s", "2 s".
fn seconds(millis: u64) -> String {
    let fraction = format!("{:03}", millis % 1000);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        format!("{} s", millis / 1000)
    } else {
        format!("{}.{fraction} s", millis / 1000)
    }
}

/// What `moderato groups` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupsMsg {
    /// The headline of a round: its number, repeated pairs and new contacts.
    Round { round: usize, repeated: usize, new: usize },
    /// The last line: the totals.
    Total { repeated: usize, new: usize },
    /// Under a round's tables: the pairs that meet again, by name.
    Again { pairs: Vec<(String, String)> },
    /// No schedule has fewer repeats: the bound is reached.
    Optimal { bound: usize },
    /// The lower bound and how far the result is above it (not proven best).
    AboveBound { bound: usize, above: usize },
    /// The wall-clock cap ended the search, not its own budget: another run may differ.
    TimeUp { millis: u64 },
    /// `--time` is not a positive number of seconds.
    Time,
    /// On the terminal while a search runs longer than half a second.
    Searching { percent: u64 },
    /// The engine's refusal.
    Failed(GroupingError),
    /// `--absent` or the plan names someone not in the cohort.
    UnknownId { id: String },
    /// The station has no such id in the plan.
    UnknownStation { station: String },
}

impl GroupsMsg {
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        let pick = |de_text: String, en_text: String| if de { de_text } else { en_text };
        match self {
            GroupsMsg::Round { round, repeated, new } => pick(
                format!("Runde {round}: {}, {}", repeated_de(*repeated), new_de(*new)),
                format!("Round {round}: {}, {}", repeated_en(*repeated), new_en(*new)),
            ),
            GroupsMsg::Total { repeated, new } => pick(
                format!("Insgesamt: {}, {}", repeated_de(*repeated), new_de(*new)),
                format!("In total: {}, {}", repeated_en(*repeated), new_en(*new)),
            ),
            GroupsMsg::Again { pairs } => {
                let listed: Vec<String> = pairs.iter().map(|(a, b)| format!("{a} & {b}")).collect();
                pick(
                    format!("Treffen sich wieder: {}", listed.join(" · ")),
                    format!("Meet again: {}", listed.join(" · ")),
                )
            }
            GroupsMsg::Optimal { bound: 0 } => pick(
                "Kein Paar trifft sich wieder: besser geht es nicht.".into(),
                "No pair meets again: nothing better exists.".into(),
            ),
            GroupsMsg::Optimal { bound } => pick(
                format!(
                    "Weniger als {} sind nicht möglich (Untergrenze erreicht): besser geht es nicht.",
                    repeated_de(*bound)
                ),
                format!(
                    "Fewer than {} are impossible (lower bound reached): nothing better exists.",
                    repeated_en(*bound)
                ),
            ),
            GroupsMsg::AboveBound { bound, above } => pick(
                format!(
                    "Untergrenze: {}; dieses Ergebnis liegt {above} darüber (nicht als bestmöglich bewiesen).",
                    repeated_de(*bound)
                ),
                format!(
                    "Lower bound: {}; this result is {above} above it (not proven best).",
                    repeated_en(*bound)
                ),
            ),
            GroupsMsg::TimeUp { millis } => pick(
                format!(
                    "Die Zeit (--time {}) war um, bevor die Suche fertig war: ein weiterer Lauf kann andere Gruppen ergeben.",
                    seconds(*millis).replace('.', ",")
                ),
                format!(
                    "The time (--time {}) ran out before the search was done: another run may give other groups.",
                    seconds(*millis)
                ),
            ),
            GroupsMsg::Time => pick(
                "--time braucht eine Zahl von Sekunden größer als 0, zum Beispiel 2 oder 0.5.".into(),
                "--time needs a number of seconds above 0, for example 2 or 0.5.".into(),
            ),
            GroupsMsg::Searching { percent } => pick(
                format!("Gruppen werden gebildet … {percent} %"),
                format!("Forming groups … {percent} %"),
            ),
            GroupsMsg::Failed(GroupingError::SizeTooSmall) => pick(
                "Eine Gruppe braucht mindestens 2 Personen (--size 2 oder mehr).".into(),
                "A group needs at least 2 people (--size 2 or more).".into(),
            ),
            GroupsMsg::Failed(GroupingError::TooFewPeople { people, size }) => pick(
                format!(
                    "{people} Anwesende lassen sich nicht ohne Rest in Gruppen zu {size} oder {} teilen; eine andere Gruppengröße (--size) wählen.",
                    size.saturating_sub(1)
                ),
                format!(
                    "{people} people present cannot all be placed in groups of {size} or {}; choose another group size (--size).",
                    size.saturating_sub(1)
                ),
            ),
            GroupsMsg::Failed(GroupingError::Unknown(id)) | GroupsMsg::UnknownId { id } => pick(
                format!("Unbekannte ID „{id}“: nicht im Jahrgang dieser Lernreise."),
                format!("Unknown id “{id}”: not in this journey's cohort."),
            ),
            GroupsMsg::Failed(GroupingError::TooManyHosts) => {
                pick("Mehr Gastgeber als Tische.".into(), "More hosts than tables.".into())
            }
            GroupsMsg::Failed(GroupingError::Rounds) => pick(
                format!("Zwischen 1 und {MAX_ROUNDS} Runden (--rounds)."),
                format!("Between 1 and {MAX_ROUNDS} rounds (--rounds)."),
            ),
            GroupsMsg::Failed(GroupingError::NeverTogether) => pick(
                "Die never_together-Paare lassen sich nicht alle trennen.".into(),
                "The never_together pairs cannot all be kept apart.".into(),
            ),
            GroupsMsg::UnknownStation { station } => pick(
                format!("Die Station „{station}“ steht nicht im Plan."),
                format!("The station “{station}” is not in the plan."),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pair_and_one_contact_are_singular_in_both_languages() {
        let round = GroupsMsg::Round { round: 2, repeated: 1, new: 1 };
        assert_eq!(round.text(Lang::De), "Runde 2: 1 wiederholtes Paar, 1 neuer Kontakt");
        assert_eq!(round.text(Lang::En), "Round 2: 1 repeated pair, 1 new contact");
        let total = GroupsMsg::Total { repeated: 2, new: 0 };
        assert_eq!(total.text(Lang::De), "Insgesamt: 2 wiederholte Paare, 0 neue Kontakte");
        assert_eq!(total.text(Lang::En), "In total: 2 repeated pairs, 0 new contacts");
    }

    #[test]
    fn the_time_is_written_as_a_person_reads_it() {
        assert_eq!(seconds(2000), "2 s");
        assert_eq!(seconds(500), "0.5 s");
        assert!(GroupsMsg::TimeUp { millis: 1500 }.text(Lang::De).contains("--time 1,5 s"));
        assert!(GroupsMsg::TimeUp { millis: 1500 }.text(Lang::En).contains("--time 1.5 s"));
    }
}
