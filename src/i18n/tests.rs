//! Every text in both languages: none missing, none left in the other
//! language's quotation marks, none with a placeholder that was not filled.

use strum::IntoEnumIterator;

use super::*;
use crate::core::consultation;
use crate::core::discussion;
use crate::core::exchange;
use crate::core::method::{MethodKind, MethodRefusal};
use crate::core::reflection;

#[test]
fn german_locales_pick_german() {
    assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::De);
    assert_eq!(Lang::from_locale("de_AT"), Lang::De);
    assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
    assert_eq!(Lang::from_locale("C"), Lang::En);
    assert_eq!(Lang::from_locale(""), Lang::En);
}

#[test]
fn both_languages_differ_where_words_differ() {
    let msg = Msg::Plan(PlanMsg::UnknownParticipant { id: "p99".into() });
    assert!(msg.text(Lang::De).contains("unbekannte Teilnehmer-ID \"p99\""));
    assert!(msg.text(Lang::En).contains("unknown participant id \"p99\""));
}

/// Every refusal of the session and of each method; the match has no `_`, so
/// a new refusal does not compile until it is listed here.
fn every_refusal() -> Vec<Refusal> {
    let listed = |refusal: &Refusal| match refusal {
        Refusal::AgendaFinished
        | Refusal::NoPreviousBlock
        | Refusal::BlockNotChangeable
        | Refusal::CannotMoveFurther
        | Refusal::TooShort
        | Refusal::EmptyNote
        | Refusal::EmptyMessage
        | Refusal::NotStarted
        | Refusal::UnknownBlock
        | Refusal::UnknownParticipant
        | Refusal::PresenceUnchanged
        | Refusal::NotSkipped
        | Refusal::NothingToUndo
        | Refusal::CannotUndo
        | Refusal::Method(MethodRefusal::NotRunning(MethodKind::Discussion))
        | Refusal::Method(MethodRefusal::Discussion(_))
        | Refusal::Method(MethodRefusal::NotRunning(MethodKind::Consultation))
        | Refusal::Method(MethodRefusal::Consultation(_))
        | Refusal::Method(MethodRefusal::NotRunning(MethodKind::Reflection))
        | Refusal::Method(MethodRefusal::Reflection(_))
        | Refusal::Method(MethodRefusal::NotRunning(MethodKind::Exchange))
        | Refusal::Method(MethodRefusal::Exchange(_)) => true,
    };
    let mut all = vec![
        Refusal::AgendaFinished,
        Refusal::NoPreviousBlock,
        Refusal::BlockNotChangeable,
        Refusal::CannotMoveFurther,
        Refusal::TooShort,
        Refusal::EmptyNote,
        Refusal::EmptyMessage,
        Refusal::NotStarted,
        Refusal::UnknownBlock,
        Refusal::UnknownParticipant,
        Refusal::PresenceUnchanged,
        Refusal::NotSkipped,
        Refusal::NothingToUndo,
        Refusal::CannotUndo,
        Refusal::Method(MethodRefusal::NotRunning(MethodKind::Discussion)),
    ];
    all.extend(
        discussion::Refusal::iter().map(|refusal| Refusal::Method(MethodRefusal::Discussion(refusal))),
    );
    all.push(Refusal::Method(MethodRefusal::NotRunning(MethodKind::Consultation)));
    all.extend(
        consultation::Refusal::iter().map(|refusal| Refusal::Method(MethodRefusal::Consultation(refusal))),
    );
    all.push(Refusal::Method(MethodRefusal::NotRunning(MethodKind::Reflection)));
    all.extend(
        reflection::Refusal::iter().map(|refusal| Refusal::Method(MethodRefusal::Reflection(refusal))),
    );
    all.push(Refusal::Method(MethodRefusal::NotRunning(MethodKind::Exchange)));
    all.extend(exchange::Refusal::iter().map(|refusal| Refusal::Method(MethodRefusal::Exchange(refusal))));
    assert!(all.iter().all(listed));
    all
}

fn every_label() -> Vec<Label> {
    let mut all: Vec<Label> = ConsoleLabel::iter().map(Label::Console).collect();
    all.extend(ProjectionLabel::iter().map(Label::Projection));
    all.extend(DiscussionLabel::iter().map(Label::Discussion));
    all.extend(ConsultationLabel::iter().map(Label::Consultation));
    all.extend(ReflectionLabel::iter().map(Label::Reflection));
    all.extend(crate::i18n::ExchangeLabel::iter().map(Label::Exchange));
    all.extend(ServeLabel::iter().map(Label::Serve));
    all.extend(BlockKind::ALL.into_iter().map(Label::Kind));
    all.extend(TimerState::iter().map(Label::Timer));
    all.extend(every_refusal().into_iter().map(Label::Refused));
    all
}

fn every_message() -> Vec<Msg> {
    let mut all: Vec<Msg> = PlanMsg::iter().map(Msg::Plan).collect();
    all.extend(FileMsg::iter().map(Msg::Files));
    all.extend(StoreMsg::iter().map(Msg::Store));
    all.extend(ConsoleMsg::iter().map(Msg::Console));
    all.extend(AgendaMsg::iter().map(Msg::Agenda));
    all.extend(ServeMsg::iter().map(Msg::Serve));
    all
}

/// What every text must be in `lang`: there, filled, and in its own quotation marks.
fn assert_well_formed(text: &str, lang: Lang, what: &str) {
    assert!(!text.trim().is_empty(), "{what} has no {lang:?} text");
    assert!(!text.contains("{}") && !text.contains("{{"), "{what}: a placeholder was left in {text:?}");
    if lang == Lang::En {
        assert!(!text.contains('„'), "{what}: German quotation marks in English: {text:?}");
    }
}

#[test]
fn every_label_reads_in_both_languages() {
    let labels = every_label();
    assert!(labels.len() > 140, "the walk reaches every area");
    for label in labels {
        for lang in [Lang::De, Lang::En] {
            assert_well_formed(label.text(lang), lang, &format!("{label:?}"));
        }
    }
}

#[test]
fn every_message_reads_in_both_languages() {
    let messages = every_message();
    assert!(messages.len() > 80, "the walk reaches every area");
    for msg in messages {
        for lang in [Lang::De, Lang::En] {
            assert_well_formed(&msg.text(lang), lang, &format!("{msg:?}"));
        }
    }
}

#[test]
fn labels_that_are_the_same_word_are_few() {
    // German and English differ almost everywhere; the same text in both is
    // a sign that one was not translated. These are the same on purpose.
    let same: Vec<String> = every_label()
        .into_iter()
        .filter(|label| label.text(Lang::De) == label.text(Lang::En))
        .map(|label| label.text(Lang::En).to_string())
        .collect();
    let allowed = ["Agenda", "±1 min", "±5 min", "Kollegiale Fallberatung", "Phase", "min"];
    for text in &same {
        assert!(allowed.contains(&text.as_str()), "{text:?} is the same in German and English");
    }
}

#[test]
fn every_command_line_text_reads_in_both_languages() {
    for label in CliLabel::iter() {
        for lang in [Lang::De, Lang::En] {
            assert_well_formed(label.text(lang), lang, &format!("{label:?}"));
        }
        assert_ne!(label.text(Lang::De), label.text(Lang::En), "{label:?} is not translated");
    }
    for msg in CliMsg::iter() {
        for lang in [Lang::De, Lang::En] {
            assert_well_formed(&msg.text(lang), lang, &format!("{msg:?}"));
        }
    }
}

#[test]
fn every_serve_text_reads_in_both_languages() {
    for label in ServeLabel::iter() {
        for lang in [Lang::De, Lang::En] {
            assert_well_formed(label.text(lang), lang, &format!("{label:?}"));
        }
        assert_ne!(label.text(Lang::De), label.text(Lang::En), "{label:?} is not translated");
    }
    // The page says it in the room's language while it waits.
    assert_eq!(ServeLabel::ConnectionLost.text(Lang::De), "Verbindung unterbrochen");
}

#[test]
fn counts_take_the_singular_for_one_only() {
    assert_eq!(counted(1, ["event", "events"]), "1 event");
    assert_eq!(counted(0, ["event", "events"]), "0 events");
    assert_eq!(counted(2, ["Ereignis", "Ereignisse"]), "2 Ereignisse");
    let resumed = |events| Msg::Console(ConsoleMsg::ResumedNoBlock { events });
    assert_eq!(resumed(1).text(Lang::En), "Resumed: 1 event recovered");
    assert_eq!(resumed(3).text(Lang::De), "Fortgesetzt: 3 Ereignisse wiederhergestellt");
}
