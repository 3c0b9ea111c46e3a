//! Texts of the reflection formats: phases, the Blitzlicht round, takeaways
//! and commitments, their keys; the reflection's refusals name themselves here.
use super::Lang;
use crate::core::reflection::Refusal;
use crate::plan::RoundOrder;

/// The reflection's words: phases, the round, takeaways and their keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ReflectionLabel {
    Phase,
    /// Before the first person is called.
    RoundNotStarted,
    RoundDone,
    /// How long the speaker has spoken, beside their countdown.
    Spoken,
    Speaking,
    Next,
    Passed,
    /// Beside someone who arrived after the round's order was decided.
    JoinedLate,
    /// After the names of those who passed.
    AskedAgain,
    /// "3 of 12".
    Of,
    Seconds,
    Takeaways,
    NoTakeaways,
    Commitment,
    Protocol,
    OnTheWall,
    Anonymous,
    /// The commitments of earlier stations, for the check-in.
    EarlierCommitments,
    NoEarlierCommitments,
    TakeawayTitle,
    CommitmentTitle,
    TakeawayHint,
    CommitmentHint,
    KeyNext,
    /// The footer's word for Enter.
    KeyNextShort,
    KeyPass,
    /// The footer's word for passing.
    KeyPassShort,
    KeyBack,
    KeyTakeaway,
    KeyCommitment,
    KeyFocus,
    KeyCursor,
    KeyShow,
    KeyMark,
    KeyLeave,
    Rules,
    /// The order of a round, in the console's round heading.
    OrderSeating,
    OrderAlphabetical,
    OrderShuffled,
}

impl ReflectionLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ReflectionLabel::Phase => ("Phase", "Phase"),
            ReflectionLabel::RoundNotStarted => {
                ("Enter ruft die erste Person auf.", "Enter calls the first person.")
            }
            ReflectionLabel::RoundDone => ("Alle waren dran.", "Everyone has had their turn."),
            ReflectionLabel::Spoken => ("gesprochen", "spoken"),
            ReflectionLabel::Speaking => ("Jetzt", "Now"),
            ReflectionLabel::Next => ("Danach", "Next"),
            ReflectionLabel::Passed => ("Gepasst", "Passed"),
            ReflectionLabel::JoinedLate => ("später dazu", "joined late"),
            ReflectionLabel::AskedAgain => ("am Ende noch einmal gefragt", "asked again at the end"),
            ReflectionLabel::Of => ("von", "of"),
            ReflectionLabel::Seconds => ("s je Person", "s each"),
            ReflectionLabel::Takeaways => ("Erkenntnisse", "Takeaways"),
            ReflectionLabel::NoTakeaways => (
                "Noch nichts notiert (w Erkenntnis, W Transfervorhaben).",
                "Nothing written down yet (w takeaway, W commitment).",
            ),
            ReflectionLabel::Commitment => ("Transfervorhaben", "commitment"),
            ReflectionLabel::Protocol => ("Protokoll", "minutes"),
            ReflectionLabel::OnTheWall => ("auf der Leinwand", "on the room's screen"),
            ReflectionLabel::Anonymous => ("anonym", "anonymous"),
            ReflectionLabel::EarlierCommitments => (
                "Transfervorhaben früherer Stationen (nur Konsole)",
                "Commitments from earlier stations (console only)",
            ),
            ReflectionLabel::NoEarlierCommitments => {
                ("Keine Transfervorhaben aus früheren Stationen.", "No commitments from earlier stations.")
            }
            ReflectionLabel::TakeawayTitle => ("Erkenntnis notieren", "Write down a takeaway"),
            ReflectionLabel::CommitmentTitle => ("Transfervorhaben notieren", "Write down a commitment"),
            ReflectionLabel::TakeawayHint => (
                "Text, @Person für wen (sonst anonym) · Enter · Esc",
                "text, @person whose (else anonymous) · Enter · Esc",
            ),
            ReflectionLabel::CommitmentHint => (
                "„Bis zur nächsten Station probiere ich …“ @Person (sonst wer gerade spricht) · Enter · Esc",
                "“By the next station I will try …” @person (else who speaks now) · Enter · Esc",
            ),
            ReflectionLabel::KeyNext => {
                ("nächste Person der Runde / nächste Phase", "next person of the round / next phase")
            }
            ReflectionLabel::KeyNextShort => ("weiter", "next"),
            ReflectionLabel::KeyPass => {
                ("passt (wird am Ende noch einmal gefragt)", "passes (asked again at the end)")
            }
            ReflectionLabel::KeyPassShort => ("setzt aus", "passes"),
            ReflectionLabel::KeyBack => ("zurück", "back"),
            ReflectionLabel::KeyTakeaway => ("Erkenntnis", "takeaway"),
            ReflectionLabel::KeyCommitment => ("Transfervorhaben", "commitment"),
            ReflectionLabel::KeyFocus => ("Agenda ↔ Erkenntnisse (↑↓ v m)", "agenda ↔ takeaways (↑↓ v m)"),
            ReflectionLabel::KeyCursor => ("Erkenntnis wählen", "choose a takeaway"),
            ReflectionLabel::KeyShow => {
                ("auf der Leinwand zeigen / verbergen", "show on / hide from the room's screen")
            }
            ReflectionLabel::KeyMark => ("fürs Protokoll markieren", "mark for the minutes"),
            ReflectionLabel::KeyLeave => ("zurück zur Agenda", "back to the agenda"),
            ReflectionLabel::Rules => (
                "Für sich sprechen · keine Kommentare · Diskussion erst, wenn alle dran waren",
                "Speak for yourself · no comments · no discussion until all have spoken",
            ),
            ReflectionLabel::OrderSeating => ("Sitzordnung", "seating order"),
            ReflectionLabel::OrderAlphabetical => ("alphabetisch", "alphabetical"),
            ReflectionLabel::OrderShuffled => ("gelost", "shuffled"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl RoundOrder {
    /// How a round is ordered, in words.
    pub fn label(self) -> ReflectionLabel {
        match self {
            RoundOrder::Seating => ReflectionLabel::OrderSeating,
            RoundOrder::Alphabetical => ReflectionLabel::OrderAlphabetical,
            RoundOrder::Shuffled => ReflectionLabel::OrderShuffled,
        }
    }
}

impl Refusal {
    /// Why the reflection changed nothing, in the facilitator's words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Refusal::NobodyPresent => ("Niemand aus dem Jahrgang ist da.", "Nobody of the cohort is here."),
            Refusal::RoundComplete => {
                ("Alle waren dran; keine Phase folgt.", "Everyone has had their turn; no phase follows.")
            }
            Refusal::LastPhase => ("Das ist die letzte Phase.", "This is the last phase."),
            Refusal::FirstPhase => ("Das ist die erste Phase.", "This is the first phase."),
            Refusal::NobodySpeaking => ("Gerade ist niemand dran.", "Nobody's turn right now."),
            Refusal::EmptyTakeaway => {
                ("Leerer Eintrag – nichts gespeichert.", "Empty entry — nothing saved.")
            }
            Refusal::CommitmentWithoutOwner => {
                ("Ein Transfervorhaben braucht eine Person: @Name.", "A commitment needs a person: @name.")
            }
            Refusal::UnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Refusal::NoSuchTakeaway => ("Diese Erkenntnis gibt es nicht.", "There is no such takeaway."),
        };
        if lang == Lang::De { de } else { en }
    }
}
