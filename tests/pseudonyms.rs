//! Pseudonymisation that leaves nothing: every form of every name and
//! organisation of the fixture's plan (full, surname, first name, genitive,
//! with title or salutation, upper case, the other spelling of ß/ss and
//! umlauts, initials, the authorities' known short forms, inflected), planted
//! in every free-text field of its logs (notes, decisions, action items,
//! parked questions, takeaways, case texts, ideas, key questions, block
//! titles), is gone from md, html and csv; and the closing check reports a
//! name a document still holds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use moderato::core::consultation::Change as Consultation;
use moderato::core::discussion::{Capture, Change as Discussion};
use moderato::core::event::Event;
use moderato::core::history::PastStation;
use moderato::core::method::MethodEvent;
use moderato::core::reflection::Change as Reflection;
use moderato::export::{self, Audience, CsvDialect, Formulas, Options};
use moderato::plan::{self, Journey};

fn fixture() -> (Journey, BTreeMap<String, PastStation>) {
    let dir = common::fixture_journey();
    let loaded = plan::load(&dir).unwrap();
    let (logs, _) = moderato::store::read_journey_logs(&dir.join("logs"), &loaded.journey).unwrap();
    (loaded.journey, logs)
}

/// Every form a facilitator might type of the plan's people and organisations.
fn forms(journey: &Journey) -> Vec<String> {
    let mut forms = Vec::new();
    for person in &journey.participants {
        let parts: Vec<&str> = person.name.split_whitespace().filter(|part| !part.ends_with('.')).collect();
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        forms.push(person.name.clone());
        for form in [
            last.to_string(),
            first.to_string(),
            format!("{last}s"),
            format!("Dr. {last}"),
            format!("Frau {last}"),
            format!("Herr {last}"),
            format!("Herrn {last}"),
            last.to_uppercase(),
            last.replace("ss", "ß"),
            last.replace('ü', "ue").replace('ö', "oe").replace('ä', "ae"),
        ] {
            forms.push(form);
        }
        // Initials count as written (`TR`, not the HTML tag `tr`).
        forms.extend(person.short.as_ref().map(|short| format!("={short}")));
        forms.push(person.organisation.clone());
        forms.push(format!("{}es", person.organisation));
    }
    // The known short forms of the plan's authorities, and an inflected one.
    forms.extend(["=BVA", "=DRV", "=BZSt", "Deutschen Rentenversicherung Bund"].map(String::from));
    forms.sort();
    forms.dedup();
    forms
}

/// The fixture with `planted` written into every free-text field of its logs.
fn planted(planted: &str) -> (Journey, BTreeMap<String, PastStation>) {
    let (journey, mut logs) = fixture();
    let mut fields = 0;
    for log in logs.values_mut() {
        for block in &mut log.plan.blocks {
            block.title = format!("{} {planted}", block.title);
        }
        for envelope in &mut log.events {
            let text = match &mut envelope.event {
                Event::NoteAdded { text, .. } => Some(text),
                Event::Method(MethodEvent::Discussion {
                    change: Discussion::Captured { capture }, ..
                }) => match capture {
                    Capture::Parked { text } | Capture::Decision { text } | Capture::Action { text, .. } => {
                        Some(text)
                    }
                },
                Event::Method(MethodEvent::Reflection { change: Reflection::Noted { takeaway }, .. }) => {
                    Some(&mut takeaway.text)
                }
                Event::Method(MethodEvent::Consultation {
                    change:
                        Consultation::CaseNoted { text, .. }
                        | Consultation::IdeaAdded { text, .. }
                        | Consultation::KeyQuestionSet { text, .. },
                    ..
                }) => Some(text),
                _ => None,
            };
            if let Some(text) = text {
                *text = format!("{text} {planted}");
                fields += 1;
            }
        }
    }
    assert!(fields > 15, "the planted text is in {fields} fields");
    (journey, logs)
}

fn outputs(protocol: &moderato::export::Protocol) -> Vec<(String, String)> {
    let mut out =
        vec![("md".to_string(), export::markdown(protocol)), ("html".to_string(), export::html(protocol))];
    for file in export::csv_files(protocol, CsvDialect::ExcelDe, Formulas::Neutralised).unwrap() {
        out.push((file.name.to_string(), String::from_utf8(file.bytes[3..].to_vec()).unwrap()));
    }
    out
}

/// Whether `text` holds `form` as a word; a form written `=KA` only as written.
fn holds_word(text: &str, form: &str) -> bool {
    let (lower, form) = match form.strip_prefix('=') {
        Some(exact) => (text.to_string(), exact.to_string()),
        None => (text.to_lowercase(), form.to_lowercase()),
    };
    lower.match_indices(&form).any(|(at, _)| {
        let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = lower[at + form.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        before && after
    })
}

#[test]
fn every_name_form_planted_in_every_free_text_is_gone_in_every_format() {
    let (journey, _) = fixture();
    let forms = forms(&journey);
    let written: Vec<&str> = forms.iter().map(|form| form.trim_start_matches('=')).collect();
    let text = format!(
        "{} · Mail k.albers@bva.bund.de, https://www.itzbund.de/brockmann · des Statistischen Bundesamtes",
        written.join(" · ")
    );
    let (journey, logs) = planted(&text);
    for audience in Audience::ALL {
        let facilitator = audience == Audience::Facilitator;
        let options = Options {
            audience,
            talk_time_per_person: audience == Audience::Office,
            include_notes: facilitator,
            include_confidential: facilitator,
            pseudonymize: true,
        };
        let protocol = export::protocol(&journey, &logs, None, options);
        for (name, output) in outputs(&protocol) {
            for form in &forms {
                assert!(!holds_word(&output, form), "{form:?} is in {name} for {audience:?}");
            }
            for address in ["k.albers", "bva.bund.de", "itzbund.de", "brockmann"] {
                assert!(!output.to_lowercase().contains(address), "{address:?} is in {name}");
            }
            assert_eq!(protocol.left_names(&output), Vec::<String>::new(), "{name} for {audience:?}");
        }
        if facilitator {
            let md = export::markdown(&protocol);
            assert!(
                md.contains("\\[E-Mail\\]") && md.contains("\\[URL\\]"),
                "the addresses are replaced whole"
            );
        }
    }
}

/// The closing check: a document that still holds a name, in any form the
/// plan knows (its other spelling, a genitive, initials, a short form), is
/// reported; a word that names nobody is not.
#[test]
fn the_closing_check_reports_a_name_left_in_the_output() {
    let (journey, logs) = fixture();
    let options = Options { pseudonymize: true, ..Options::default() };
    let protocol = export::protocol(&journey, &logs, None, options);
    assert_eq!(protocol.left_names("Die Lernreise geht weiter: P01 und O02."), Vec::<String>::new());
    for (planted, reported) in [
        ("Notiz: Theißen fragt nach", "Theißen"),
        ("Brockmanns Idee", "Brockmann"),
        ("Rückfrage an KA", "KA"),
        ("Termin beim DRV", "DRV"),
        ("ein Gast aus dem Bundesverwaltungsamt", "Bundesverwaltungsamt"),
    ] {
        let left = protocol.left_names(&format!("# Protokoll\n\n{planted}\n"));
        assert!(left.iter().any(|name| name == reported), "{planted:?}: {left:?}");
    }
    // Not pseudonymized: nothing to check.
    let plain = export::protocol(&journey, &logs, None, Options::default());
    assert!(plain.left_names("Jens Brockmann").is_empty());
}
