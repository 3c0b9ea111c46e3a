//! Who a document is for, and the one table of what each reader gets
//! (DESIGN, "Audiences"): the participants' protocol, the programme office's
//! report, the facilitator's record. [`share`] is that table; every format
//! asks it, none decides on its own.

/// Who an export is for (`--for`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The protocol for the participants: the day as it ran and what was decided.
    #[default]
    Participants,
    /// The report for the programme office: attendance, figures, counts; no content.
    Office,
    /// The facilitator's full record.
    Facilitator,
}

/// A class of information in a station's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    /// Blocks with their planned and actual times and lengths.
    Blocks,
    /// How far the day and each block ran from the plan (difference, most behind).
    Drift,
    /// Talk time summed per organisation.
    TalkPerOrganisation,
    /// Talk time and turns per person.
    TalkPerPerson,
    /// Who was there for which block, late, left early, minutes present.
    Attendance,
    /// Decisions, action items and parked questions.
    Captures,
    /// Takeaways and transfer commitments.
    Takeaways,
    /// Consultations (groups, roles, method) and exchange groups.
    Groups,
    /// How far the network has grown (new contacts, pairs never met).
    Network,
    /// A consultation's key question.
    KeyQuestion,
    /// A case's confidential content: title, description, ideas, closing.
    CaseContent,
    /// The facilitator's private notes.
    Notes,
}

/// What the flag asks for, for a class a reader gets only on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Request {
    /// `--include-confidential`.
    Confidential,
    /// `--include-notes`.
    Notes,
    /// `--talk-time-per-person`.
    TalkPerPerson,
}

/// How much of a class a reader gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// All of it.
    Included,
    /// Only what the facilitator marked for the protocol.
    Marked,
    /// How many, not what.
    Counts,
    /// Only when the flag asks for it.
    OnRequest(Request),
    /// Nothing.
    Omitted,
}

/// The table: what `audience` gets of `class`.
pub const fn share(audience: Audience, class: Class) -> Share {
    use Audience::{Facilitator, Office, Participants};
    use Share::{Counts, Included, Marked, Omitted, OnRequest};
    match (class, audience) {
        (Class::Blocks | Class::Network, Participants | Office | Facilitator) => Included,
        (Class::Drift | Class::TalkPerOrganisation | Class::Attendance, Participants) => Omitted,
        (Class::Drift | Class::TalkPerOrganisation | Class::Attendance, Office | Facilitator) => Included,
        (Class::TalkPerPerson, Participants) => Omitted,
        (Class::TalkPerPerson, Office) => OnRequest(Request::TalkPerPerson),
        (Class::TalkPerPerson, Facilitator) => Included,
        (Class::Captures | Class::Groups, Participants | Facilitator) => Included,
        (Class::Captures | Class::Groups | Class::Takeaways, Office) => Counts,
        (Class::Takeaways, Participants) => Marked,
        (Class::Takeaways, Facilitator) => Included,
        (Class::KeyQuestion | Class::CaseContent | Class::Notes, Participants | Office) => Omitted,
        (Class::KeyQuestion | Class::CaseContent, Facilitator) => OnRequest(Request::Confidential),
        (Class::Notes, Facilitator) => OnRequest(Request::Notes),
    }
}

impl Audience {
    /// Every audience, in the table's order.
    pub const ALL: [Audience; 3] = [Audience::Participants, Audience::Office, Audience::Facilitator];
}

impl Class {
    /// Every class, in the table's order.
    pub const ALL: [Class; 12] = [
        Class::Blocks,
        Class::Drift,
        Class::TalkPerOrganisation,
        Class::TalkPerPerson,
        Class::Attendance,
        Class::Captures,
        Class::Takeaways,
        Class::Groups,
        Class::Network,
        Class::KeyQuestion,
        Class::CaseContent,
        Class::Notes,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_protocol_holds_no_figure_about_a_person_and_the_report_no_content() {
        for class in [Class::Drift, Class::TalkPerPerson, Class::Attendance, Class::Notes, Class::KeyQuestion]
        {
            assert_eq!(share(Audience::Participants, class), Share::Omitted, "{class:?}");
        }
        for class in [Class::CaseContent, Class::Notes, Class::KeyQuestion] {
            assert_eq!(share(Audience::Office, class), Share::Omitted, "{class:?}");
        }
        for class in Class::ALL {
            assert_ne!(share(Audience::Facilitator, class), Share::Omitted, "{class:?}");
            assert_ne!(share(Audience::Facilitator, class), Share::Counts, "{class:?}");
        }
    }
}
