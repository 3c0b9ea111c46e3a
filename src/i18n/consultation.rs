//! Texts of the collegial case consultation: roles, the casting screen, the
//! phases' frame, captures and keys; its refusals name themselves here.
use super::Lang;
use crate::core::consultation::{CaseField, Refusal, Role};

/// The consultation's words: casting, phases, captures, keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum ConsultationLabel {
    Case,
    Of,
    Phase,
    Group,
    Consultants,
    Speaks,
    Rule,
    Method,
    KeyQuestion,
    Released,
    NotReleased,
    Ideas,
    Closing,
    Nobody,
    Casting,
    CastingHint,
    Suggestion,
    SuggestionAccept,
    RoleCounts,
    CatalogueTitle,
    CatalogueHint,
    CaptureHint,
    KeyQuestionHint,
    IdeaHint,
    Minutes,
    KeyPhase,
    KeyCasting,
    KeyGroup,
    KeyAdjustPhase,
    KeyCaptures,
    KeyIdea,
    KeyCatalogue,
    KeyRelease,
    KeyCastCursor,
    KeyCastRoles,
    KeyUncast,
    KeyAccept,
    KeyMoveGroup,
    KeyLeaveCasting,
    KeyFormGroups,
    FooterPerson,
    FooterRoles,
    FooterSuggestion,
    FooterForm,
    FooterDone,
}

impl ConsultationLabel {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            ConsultationLabel::Case => ("Fall", "Case"),
            ConsultationLabel::Of => ("von", "of"),
            ConsultationLabel::Phase => ("Phase", "Phase"),
            ConsultationLabel::Group => ("Gruppe", "Group"),
            ConsultationLabel::Consultants => ("Beratende", "Consultants"),
            ConsultationLabel::Speaks => ("Es spricht", "Who speaks"),
            ConsultationLabel::Rule => ("Regel", "Rule"),
            ConsultationLabel::Method => ("Methode", "Method"),
            ConsultationLabel::KeyQuestion => ("Schlüsselfrage", "Key question"),
            ConsultationLabel::Released => ("auf der Leinwand", "on the room's screen"),
            ConsultationLabel::NotReleased => ("nicht projiziert", "not projected"),
            ConsultationLabel::Ideas => ("Ideen", "Ideas"),
            ConsultationLabel::Closing => ("Abschluss", "Closing"),
            ConsultationLabel::Nobody => ("offen", "open"),
            ConsultationLabel::Casting => ("Rollen besetzen", "Casting"),
            ConsultationLabel::CastingHint => (
                "↑↓ · 1 Fall · 2 Moderator/in · 3 Schreiber/in · 4 Beobachtung · 0 frei · v Vorschlag · ←→ Gruppe · a Gruppen bilden · Esc",
                "↑↓ choose · 1 case · 2 moderator · 3 note taker · 4 observer · 0 free · v suggestion · ←→ group · a form groups · Esc",
            ),
            ConsultationLabel::Suggestion => ("Vorschlag", "Suggested"),
            ConsultationLabel::SuggestionAccept => ("v übernimmt", "v accepts"),
            ConsultationLabel::RoleCounts => ("bisher F·M·S·B", "so far C·M·S·O"),
            ConsultationLabel::CatalogueTitle => ("Methode für die Beratung", "Method for the consultation"),
            ConsultationLabel::CatalogueHint => {
                ("tippen filtert · ↑↓ · Enter wählt · Esc", "type to filter · ↑↓ · Enter chooses · Esc")
            }
            ConsultationLabel::CaptureHint => {
                ("vertraulich · Enter speichern · Esc verwerfen", "confidential · Enter save · Esc discard")
            }
            ConsultationLabel::KeyQuestionHint => (
                "„Wie kann ich erreichen, dass …?“ · Enter speichern · Esc verwerfen",
                "“How can I make sure that …?” · Enter save · Esc discard",
            ),
            ConsultationLabel::IdeaHint => (
                "vertraulich · Idee @Person (optional) · Enter · Esc",
                "confidential · idea @person (optional) · Enter · Esc",
            ),
            ConsultationLabel::Minutes => ("min", "min"),
            ConsultationLabel::KeyPhase => ("nächste / vorige Phase", "next / previous phase"),
            ConsultationLabel::KeyCasting => ("Rollen besetzen", "casting"),
            ConsultationLabel::KeyGroup => ("Einträge für die nächste Gruppe", "captures to the next group"),
            ConsultationLabel::KeyAdjustPhase => {
                ("Phase 1 min länger / kürzer (Block mit)", "phase a minute longer / shorter (block too)")
            }
            ConsultationLabel::KeyCaptures => (
                "Titel · Beschreibung · Schlüsselfrage · Abschluss",
                "title · description · key question · closing",
            ),
            ConsultationLabel::KeyIdea => ("Idee festhalten", "write down an idea"),
            ConsultationLabel::KeyCatalogue => ("Methode wählen", "choose a method"),
            ConsultationLabel::KeyRelease => (
                "Schlüsselfrage der Gruppe (▸) zeigen / verbergen",
                "show / hide the key question of the group (▸)",
            ),
            ConsultationLabel::KeyCastCursor => ("Person wählen", "choose a person"),
            ConsultationLabel::KeyCastRoles => (
                "Fallerzähler/in · Moderator/in · Schreiber/in · Beobachtung",
                "case giver · moderator · note taker · observer",
            ),
            ConsultationLabel::KeyUncast => ("Rolle freigeben", "clear the role"),
            ConsultationLabel::KeyAccept => ("Vorschläge übernehmen", "accept the suggestions"),
            ConsultationLabel::KeyMoveGroup => {
                ("in die vorige / nächste Gruppe", "to the previous / next group")
            }
            ConsultationLabel::KeyLeaveCasting => ("Besetzung schließen", "close casting"),
            ConsultationLabel::KeyFormGroups => (
                "Gruppen bilden: neue Kontakte, Organisationen gemischt",
                "form groups: new contacts, organisations mixed",
            ),
            ConsultationLabel::FooterPerson => ("Person", "person"),
            ConsultationLabel::FooterRoles => ("Rolle/frei", "role/clear"),
            ConsultationLabel::FooterSuggestion => ("Vorschlag", "suggestion"),
            ConsultationLabel::FooterForm => ("Gruppen bilden", "form groups"),
            ConsultationLabel::FooterDone => ("fertig", "done"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl Role {
    /// The role's name.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Role::CaseGiver => ("Fallerzähler/in", "Case giver"),
            Role::Moderator => ("Moderator/in", "Moderator"),
            Role::Secretary => ("Schreiber/in", "Note taker"),
            Role::Observer => ("Prozessbeobachtung", "Process observer"),
        };
        if lang == Lang::De { de } else { en }
    }
}

impl CaseField {
    /// What the editor of the field is titled.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            CaseField::Title => ("Fall (Titel)", "Case (title)"),
            CaseField::Description => ("Kurzbeschreibung des Falls", "Short description of the case"),
            CaseField::Closing => {
                ("Abschluss: was hilft, erster Schritt", "Closing: what helped, first step")
            }
        };
        if lang == Lang::De { de } else { en }
    }
}

impl Refusal {
    /// Why the consultation changed nothing, in the facilitator's words.
    pub fn text(self, lang: Lang) -> &'static str {
        let (de, en) = match self {
            Refusal::UnknownParticipant => ("Diese Person gibt es nicht.", "No such participant."),
            Refusal::Absent => {
                ("Heute nicht da – kann keine Rolle übernehmen.", "Not here today – cannot take a role.")
            }
            Refusal::NotInGroup => {
                ("Diese Person berät in einer anderen Gruppe.", "This person consults in another group.")
            }
            Refusal::HasOtherRole => (
                "Hat in diesem Fall schon eine Rolle – eine Rolle je Person und Fall.",
                "Already has a role in this case – one role per person and case.",
            ),
            Refusal::HoldsRole => (
                "Hat in diesem Fall eine Rolle und bleibt dafür in der Gruppe.",
                "Has a role in this case and stays in the group for it.",
            ),
            Refusal::FormingMovesRoles => (
                "So nicht: Wer im laufenden Fall eine Rolle hat, würde die Gruppe wechseln. Erst die Rollen freigeben (0), dann Gruppen bilden.",
                "Not like this: someone with a role in the current case would change groups. Clear the roles (0) first, then form the groups.",
            ),
            Refusal::AlreadyInGroup => ("Ist schon in dieser Gruppe.", "Already in this group."),
            Refusal::NoSuchGroup => ("Diese Gruppe gibt es nicht.", "There is no such group."),
            Refusal::NoSuggestion => (
                "Kein Vorschlag: alle haben schon eine Rolle oder niemand ist da.",
                "No suggestion: everyone has a role already, or nobody is here.",
            ),
            Refusal::LastPhase => (
                "Letzte Phase des letzten Falls – n beendet den Block.",
                "Last phase of the last case – n ends the block.",
            ),
            Refusal::FirstPhase => ("Schon in der ersten Phase.", "Already in the first phase."),
            Refusal::PhaseTooShort => {
                ("Eine Phase dauert mindestens 1 Minute.", "A phase lasts at least a minute.")
            }
            Refusal::EmptyCapture => ("Leer – nichts gespeichert.", "Empty — nothing saved."),
            Refusal::UnknownMethod => {
                ("Diese Methode ist nicht im Katalog.", "That method is not in the catalogue.")
            }
            Refusal::Unchanged => ("Schon so.", "Already so."),
        };
        if lang == Lang::De { de } else { en }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn roles_fields_and_refusals_read_in_both_languages() {
        let texts = Role::iter()
            .map(|role| (role.text(Lang::De), role.text(Lang::En)))
            .chain(CaseField::iter().map(|field| (field.text(Lang::De), field.text(Lang::En))))
            .chain(Refusal::iter().map(|refusal| (refusal.text(Lang::De), refusal.text(Lang::En))));
        for (de, en) in texts {
            assert!(!de.trim().is_empty() && !en.trim().is_empty());
            assert_ne!(de, en, "not translated: {de:?}");
            assert!(!en.contains('„'), "German quotation marks in English: {en:?}");
        }
    }
}
