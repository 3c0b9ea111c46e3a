//! Texts of the moderated discussion: the speaker queue, its keys and captures;
//! queue policies and the discussion's refusals name themselves here.
use super::Lang;
use crate::core::discussion::Refusal;
use crate::plan::QueuePolicy;

/// The moderated discussion's words: the queue, its keys, its captures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum DiscussionLabel {
    Question,
    SpeakerQueue,
    NobodySpeaking,
    QueueEmpty,
    NotYetSpoken,
    TalkTime,
    TalkTimeByOrganisation,
    Reply,
    PointOfOrder,
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
    /// The footer's short word for the three capture keys.
    KeyCapturesShort,
    KeyTalkTime,
    NextSpeakers,
    KeyQueueCursor,
    KeyMoveHand,
    KeyLeaveQueue,
    /// The speaker's clock against their limit: "01:59 of 02:00 left", "+00:15 over 02:00".
    LimitOf,
    LimitLeft,
    LimitOver,
    /// "… +7 more" under a queue too long for its panel.
    MoreInQueue,
    /// The speaker picker found nobody: Enter queues the typed name as a guest.
    QueueAsGuest,
    /// What marks a guest in the console's queue.
    Guest,
}

impl DiscussionLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            DiscussionLabel::MoreInQueue => ("weitere auf der Liste", "more in the queue"),
            DiscussionLabel::LimitOf => ("von", "of"),
            DiscussionLabel::LimitLeft => ("übrig", "left"),
            DiscussionLabel::LimitOver => ("über", "over"),
            DiscussionLabel::Question => ("Frage", "Question"),
            DiscussionLabel::SpeakerQueue => ("Redeliste", "Speaker queue"),
            DiscussionLabel::NobodySpeaking => ("Niemand hat das Wort.", "Nobody has the floor."),
            DiscussionLabel::QueueEmpty => ("Keine Wortmeldungen.", "No hands raised."),
            DiscussionLabel::NotYetSpoken => ("Noch nicht gesprochen", "Not spoken yet"),
            DiscussionLabel::TalkTime => ("Redezeit", "Talk time"),
            DiscussionLabel::TalkTimeByOrganisation => ("Redezeit je Behörde", "Talk time by organisation"),
            DiscussionLabel::Reply => ("direkte Erwiderung", "direct reply"),
            DiscussionLabel::PointOfOrder => ("zur Geschäftsordnung", "point of order"),
            DiscussionLabel::Decisions => ("Entscheidungen", "Decisions"),
            DiscussionLabel::Actions => ("Aufgaben", "Action items"),
            DiscussionLabel::Parked => ("Themenspeicher", "Parking lot"),
            DiscussionLabel::PickSpeaker => ("Wortmeldung", "Raise a hand"),
            DiscussionLabel::PickReply => ("Direkte Erwiderung", "Direct reply"),
            DiscussionLabel::PickPointOfOrder => ("Zur Geschäftsordnung", "Point of order"),
            DiscussionLabel::SpeakerPickerHint => (
                "Namen, Behörde oder Kürzel tippen · ↑↓ · Enter · Esc",
                "type a name, organisation or initials · ↑↓ · Enter · Esc",
            ),
            DiscussionLabel::CaptureParked => ("In den Themenspeicher", "To the parking lot"),
            DiscussionLabel::CaptureDecision => ("Entscheidung", "Decision"),
            DiscussionLabel::CaptureAction => ("Aufgabe", "Action item"),
            DiscussionLabel::CaptureHint => ("Enter speichern · Esc verwerfen", "Enter save · Esc discard"),
            DiscussionLabel::CaptureActionHint => (
                "Text @Person Datum (z. B. @kra 15.12.) · Enter · Esc",
                "text @person date (e.g. @kra 15.12.) · Enter · Esc",
            ),
            DiscussionLabel::AlreadyInQueue => ("auf der Liste", "in the queue"),
            DiscussionLabel::KeyRaise => ("Wortmeldung", "add a speaker"),
            DiscussionLabel::KeyReply => ("Erwiderung", "reply"),
            DiscussionLabel::KeyPointOfOrder => ("zur GO", "point of order"),
            DiscussionLabel::KeyCallNext => ("Wort erteilen", "give the floor"),
            DiscussionLabel::KeyEndTurn => ("Beitrag beenden", "end the turn"),
            DiscussionLabel::KeyWithdraw => ("Wortmeldung zurückziehen (Liste)", "withdraw a hand (queue)"),
            DiscussionLabel::KeyQueueFocus => ("Agenda ↔ Redeliste (↑↓ [ ] w)", "agenda ↔ queue (↑↓ [ ] w)"),
            DiscussionLabel::KeyPolicy => ("Verfahren der Redeliste wechseln", "switch the queue policy"),
            DiscussionLabel::KeyQuestion => ("nächste / vorige Frage", "next / previous question"),
            DiscussionLabel::KeyCaptures => {
                ("Themenspeicher · Entscheidung · Aufgabe", "parking lot · decision · action item")
            }
            DiscussionLabel::KeyCapturesShort => ("festhalten", "capture"),
            DiscussionLabel::KeyTalkTime => {
                ("Redezeit je Person / je Behörde", "talk time by person / organisation")
            }
            DiscussionLabel::NextSpeakers => ("Als Nächstes", "Next"),
            DiscussionLabel::KeyQueueCursor => ("in der Redeliste wählen", "choose in the queue"),
            DiscussionLabel::KeyMoveHand => ("Wortmeldung früher / später", "move a hand earlier / later"),
            DiscussionLabel::KeyLeaveQueue => ("zurück zur Agenda", "back to the agenda"),
            DiscussionLabel::QueueAsGuest => (
                "Niemand aus dem Jahrgang passt. Enter setzt als Gast auf die Redeliste:",
                "Nobody in the cohort matches. Enter queues as a guest:",
            ),
            DiscussionLabel::Guest => ("Gast", "guest"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl QueuePolicy {
    /// How the speaker queue is ordered, in words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            QueuePolicy::FirstCome => ("in Reihenfolge der Wortmeldungen", "first come, first served"),
            QueuePolicy::FirstTimeFirst => {
                ("Wer noch nicht gesprochen hat, zuerst", "first-time speakers first")
            }
            QueuePolicy::Alternate => ("im Wechsel", "alternating"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl Refusal {
    /// Why the discussion changed nothing, in the facilitator's words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Refusal::AlreadyQueued => ("Steht schon auf der Redeliste.", "Already in the queue."),
            Refusal::NotQueued => ("Steht nicht auf der Redeliste.", "Not in the queue."),
            Refusal::NobodyQueued => ("Die Redeliste ist leer.", "The queue is empty."),
            Refusal::NobodySpeaking => ("Gerade spricht niemand.", "Nobody is speaking."),
            Refusal::NoOtherQuestion => {
                ("Keine weitere Frage in dieser Richtung.", "No other question that way.")
            }
            Refusal::PolicyDecidesOrder => (
                "Diese Reihenfolge legt das Verfahren der Redeliste fest.",
                "The queue policy decides this order.",
            ),
            Refusal::CannotMoveFurther => ("Weiter geht es nicht.", "It cannot move further."),
            Refusal::NoAlternationAttribute => (
                "Für den Wechsel fehlt im Plan `alternate_by`.",
                "Alternation needs `alternate_by` in the plan.",
            ),
            Refusal::EmptyCapture => ("Leerer Eintrag – nichts gespeichert.", "Empty entry — nothing saved."),
            Refusal::UnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Refusal::Absent => ("Diese Person ist heute nicht da.", "This person is not here today."),
            Refusal::NotAGuestName => (
                "Ein Gast braucht einen Namen, der nicht im Jahrgang vorkommt.",
                "A guest needs a name that is not one of the cohort's.",
            ),
        };
        if lang == Lang::De { de } else { en }
    }
}
