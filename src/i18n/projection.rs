//! Texts the room reads on the projection; a timer's state names itself here.
use super::Lang;
use crate::core::timer::TimerState;

/// Short words the room reads on the projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ProjectionLabel {
    Agenda,
    LogUnreadableShort,
    Waiting,
    ThankYou,
    /// In mirror mode, the facilitator's way back, small in a corner.
    MirrorHint,
    /// The neutral cue beside a speaker whose time is up, when the plan asks for one.
    SpeakerTimeCue,
    /// Above the start time on the waiting screen.
    StartsAt,
    /// Before a break's end time: "Weiter um 13:15".
    BackAt,
    /// A break past its end.
    BackSoon,
    /// After the number of finished blocks on the agenda.
    BlocksDone,
    /// Beside a block whose start cannot move.
    FixedStart,
    /// A calm timer at zero: the word it fades to instead of red digits.
    TimeUp,
}

impl ProjectionLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ProjectionLabel::Agenda => ("Agenda", "Agenda"),
            ProjectionLabel::LogUnreadableShort => (
                "Stationslog gerade nicht lesbar – letzter guter Stand",
                "log unreadable right now — last good state shown",
            ),
            ProjectionLabel::Waiting => ("Gleich geht es los.", "We will begin shortly."),
            ProjectionLabel::ThankYou => ("Vielen Dank!", "Thank you!"),
            ProjectionLabel::MirrorHint => ("p: Konsole", "p: console"),
            ProjectionLabel::TimeUp => ("Zeit", "Time"),
            ProjectionLabel::SpeakerTimeCue => ("Zeit", "Time"),
            ProjectionLabel::StartsAt => ("Beginn um", "Starting at"),
            ProjectionLabel::BackAt => ("Weiter um", "Back at"),
            ProjectionLabel::BackSoon => ("Gleich geht es weiter.", "We continue shortly."),
            ProjectionLabel::BlocksDone => ("erledigt", "done"),
            ProjectionLabel::FixedStart => ("fester Termin", "fixed time"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl TimerState {
    /// The word for a timer's state, beside the digits.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            TimerState::Running => ("LÄUFT", "RUNNING"),
            TimerState::LastMinutes => ("LETZTE MINUTEN", "LAST MINUTES"),
            TimerState::Overtime => ("ÜBERZOGEN", "OVERTIME"),
            TimerState::Paused => ("PAUSIERT", "PAUSED"),
        };
        if lang == Lang::De { de } else { en }
    }
}
