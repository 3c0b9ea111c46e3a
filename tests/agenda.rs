//! The documents before the day, built from the demo journey: the Markdown
//! agenda and run sheet against golden copies, the HTML read back as a
//! browser would (what each audience's page holds, and that it is
//! self-contained), the calendar read back as a calendar program would.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use icalendar::{CalendarDateTime, Component, DatePerhapsTime, EventLike};
use moderato::agenda::{Audience, html, ics, markdown, sequence};
use moderato::plan::{self, Journey, Station};
use scraper::{Html, Selector};

fn demo() -> Journey {
    plan::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022")).unwrap().journey
}

fn all(journey: &Journey) -> Vec<&Station> {
    journey.stations.iter().collect()
}

/// Every note the plan holds: none may reach the participants.
fn notes(journey: &Journey) -> Vec<String> {
    let notes: Vec<String> = journey
        .stations
        .iter()
        .flat_map(|station| station.blocks.iter().filter_map(|block| block.notes.clone()))
        .collect();
    assert!(notes.len() >= 5, "the demo journey has notes to keep private");
    notes
}

fn select(selector: &str) -> Selector {
    Selector::parse(selector).unwrap()
}

fn stamp(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

#[test]
fn the_participants_markdown_agenda_of_munich() {
    let journey = demo();
    let station = journey.station("muenchen").unwrap();
    insta::assert_snapshot!("agenda_muenchen_md", markdown(&journey, &[station], Audience::Participants));
}

#[test]
fn the_run_sheet_of_munich_in_markdown() {
    let journey = demo();
    let station = journey.station("muenchen").unwrap();
    insta::assert_snapshot!("run_sheet_muenchen_md", markdown(&journey, &[station], Audience::Facilitator));
}

#[test]
fn the_participants_markdown_holds_no_note_no_buffer_and_no_method_setting() {
    let journey = demo();
    let text = markdown(&journey, &all(&journey), Audience::Participants);
    for note in notes(&journey) {
        assert!(!text.contains(&note), "a note reached the participants: {note}");
    }
    for private in ["Puffer", "Leitfragen", "Fallgeber", "Notizen", "Was bedeutet digitales Mindset"] {
        assert!(!text.contains(private), "{private:?} reached the participants:\n{text}");
    }
    // Every station, in plan order.
    let headings: Vec<&str> = text.lines().filter(|line| line.starts_with("## ")).collect();
    assert_eq!(
        headings,
        ["## Agenda: Kick-off München", "## Agenda: Online-Reflexion", "## Agenda: Lernort Köln"]
    );
}

#[test]
fn the_html_agenda_is_a_self_contained_a4_page_per_station_without_notes() {
    let journey = demo();
    let text = html(&journey, &all(&journey), Audience::Participants);
    let page = Html::parse_document(&text);
    assert_eq!(page.select(&select("section.station")).count(), 3);
    let style: String = page.select(&select("style")).map(|style| style.inner_html()).collect();
    assert!(style.contains("size: A4"), "{style}");
    assert!(style.contains("break-before: page"), "{style}");
    assert_eq!(page.select(&select("script, link, img, iframe, object")).count(), 0);
    assert!(!text.contains("http"), "nothing is fetched");
    let body: String = page.select(&select("body")).flat_map(|body| body.text()).collect();
    for note in notes(&journey) {
        assert!(!body.contains(&note), "a note reached the participants: {note}");
    }
    assert_eq!(page.select(&select(".notes, tr.buffer, .details")).count(), 0);
    // The first station's facts and its first rows, as a participant reads them.
    let munich = page.select(&select("section#muenchen")).next().unwrap();
    let facts: Vec<String> = munich.select(&select("dl.facts dd")).map(|dd| dd.text().collect()).collect();
    assert_eq!(facts[0], "Montag, 28. November 2022");
    assert_eq!(facts[1], "09:00–21:30");
    assert!(facts.iter().any(|fact| fact.starts_with("Zamdorfer Straße 88")), "{facts:?}");
    let rows: Vec<String> =
        munich.select(&select("tbody tr")).map(|row| row.text().collect::<String>()).collect();
    assert_eq!(rows.len(), 17);
    assert_eq!(
        rows[4],
        "10:35Impuls aus der Praxis: IT-Konsolidierung Bund aus Sicht der Hausleitungmit Jens Brockmann, Informationstechnikzentrum Bund (ITZBund)"
    );
    assert!(munich.text().collect::<String>().contains("Alle Zeiten in Ortszeit (Europe/Berlin)."));
}

#[test]
fn the_html_run_sheet_holds_the_notes_buffers_owners_and_method_settings() {
    let journey = demo();
    let station = journey.station("muenchen").unwrap();
    let page = Html::parse_document(&html(&journey, &[station], Audience::Facilitator));
    let notes: Vec<String> = page.select(&select(".notes")).map(|note| note.text().collect()).collect();
    let expected: Vec<String> = station.blocks.iter().filter_map(|block| block.notes.clone()).collect();
    assert_eq!(notes.len(), expected.len());
    for (shown, note) in notes.iter().zip(&expected) {
        assert!(shown.ends_with(note.as_str()), "{shown:?} is not {note:?}");
    }
    let fixed: Vec<String> = page.select(&select(".fixed")).map(|badge| badge.text().collect()).collect();
    assert_eq!(fixed, ["fest"; 4]);
    let buffers: Vec<String> = page.select(&select("tr.buffer")).map(|row| row.text().collect()).collect();
    assert_eq!(buffers[0], "Puffer 0 min vor dem festen Beginn um 12:30");
    assert_eq!(buffers[1], "Puffer 20 min vor dem festen Beginn um 14:00");
    assert_eq!(buffers.len(), station.blocks.iter().filter(|block| block.fixed_start.is_some()).count());
    let text: String = page.select(&select("body")).flat_map(|body| body.text()).collect();
    for setting in [
        "Leitfragen:",
        "Was bedeutet digitales Mindset für Ihre Behörde?",
        "Redeliste: im Wechsel (nach gruppe)",
        "Fallgeber/in: Dr. Birgit Theissen",
        "Moderation: Thomas Reimers",
        "Verantwortlich: Jens Brockmann",
        "12:30–13:40",
    ] {
        assert!(text.contains(setting), "{setting:?} is missing from the run sheet");
    }
}

/// The calendar, unfolded and parsed as a calendar program reads it.
fn parsed(text: &str) -> icalendar::Calendar {
    let unfolded = icalendar::parser::unfold(text);
    icalendar::Calendar::from(icalendar::parser::read_calendar(&unfolded).unwrap())
}

#[test]
fn the_calendar_has_one_event_per_station_with_what_outlook_needs() {
    let journey = demo();
    let text = ics(&journey, &all(&journey), false, stamp("2022-11-20T10:00:00Z"));
    let calendar = parsed(&text);
    let events: Vec<&icalendar::Event> = calendar.events().collect();
    assert_eq!(events.len(), 3);
    let munich = events[0];
    assert_eq!(munich.get_uid(), Some("digitaljourney-2022-muenchen@moderato"));
    assert_eq!(munich.get_summary(), Some("#digitaljourney 2022 – Pilotjahrgang: Kick-off München"));
    assert_eq!(munich.get_location(), Some("ZITiS, München"));
    assert_eq!(munich.get_timestamp(), Some(stamp("2022-11-20T10:00:00Z")));
    assert_eq!(munich.get_sequence(), Some(sequence(stamp("2022-11-20T10:00:00Z"))));
    let berlin = |date_time: &str| {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: chrono::NaiveDateTime::parse_from_str(date_time, "%Y-%m-%d %H:%M").unwrap(),
            tzid: "Europe/Berlin".into(),
        }))
    };
    assert_eq!(munich.get_start(), berlin("2022-11-28 09:00"));
    assert_eq!(munich.get_end(), berlin("2022-11-28 21:30"));
    let description = munich.get_description().unwrap();
    assert!(description.contains("09:00 Begrüßung und Videobotschaft des Schirmherrn"), "{description}");
    assert!(description.contains("Anreise: Zamdorfer Straße 88"), "{description}");
    assert!(description.ends_with("Alle Zeiten in Ortszeit (Europe/Berlin)."), "{description}");
    for note in notes(&journey) {
        assert!(!text.contains(&note[..20]), "a note reached the calendar: {note}");
    }
    assert!(!text.contains("Puffer"));
}

#[test]
fn the_calendar_declares_its_zone_with_the_switches_of_the_stations_years() {
    let journey = demo();
    let text = ics(&journey, &all(&journey), false, stamp("2022-11-20T10:00:00Z"));
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap();
    let zones: Vec<_> =
        calendar.components.iter().filter(|component| component.name == "VTIMEZONE").collect();
    assert_eq!(zones.len(), 1);
    assert_eq!(zones[0].find_prop("TZID").map(|tzid| tzid.val.as_str()), Some("Europe/Berlin"));
    // The switch back on the last Sunday of October 2022, and forward in March 2023.
    let observances: Vec<(String, String, String, String)> = zones[0]
        .components
        .iter()
        .map(|observance| {
            let prop = |name: &str| observance.find_prop(name).unwrap().val.as_str().to_string();
            (observance.name.as_str().to_string(), prop("DTSTART"), prop("TZOFFSETFROM"), prop("TZOFFSETTO"))
        })
        .collect();
    let expect = |kind: &str, start: &str, from: &str, to: &str| {
        (kind.to_string(), start.to_string(), from.to_string(), to.to_string())
    };
    assert!(
        observances.contains(&expect("STANDARD", "20221030T030000", "+0200", "+0100")),
        "{observances:?}"
    );
    assert!(
        observances.contains(&expect("DAYLIGHT", "20230326T020000", "+0100", "+0200")),
        "{observances:?}"
    );
    // The last switch of each kind also as the yearly rule Outlook keeps per zone.
    let rules: Vec<(String, String)> = zones[0]
        .components
        .iter()
        .filter_map(|observance| {
            let rule = observance.find_prop("RRULE")?;
            Some((observance.name.as_str().to_string(), rule.val.as_str().to_string()))
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("DAYLIGHT".to_string(), "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU".to_string()),
            ("STANDARD".to_string(), "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".to_string())
        ]
    );
    // The zone comes before the events that name it, and carries no DTSTAMP or UID of its own.
    assert!(text.find("BEGIN:VTIMEZONE").unwrap() < text.find("BEGIN:VEVENT").unwrap());
    let zone_text = &text[text.find("BEGIN:VTIMEZONE").unwrap()..text.find("END:VTIMEZONE").unwrap()];
    assert!(!zone_text.contains("DTSTAMP") && !zone_text.contains("UID"), "{zone_text}");
}

#[test]
fn the_calendar_is_crlf_with_folded_lines_of_at_most_75_octets() {
    let journey = demo();
    let text = ics(&journey, &all(&journey), false, stamp("2022-11-20T10:00:00Z"));
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "a line ends without CR");
    assert!(!text.replace("\r\n", "").contains('\r'), "a CR without LF");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.iter().all(|line| line.len() <= 75), "a line is longer than 75 octets");
    // The agenda in the description is long: it is folded, each continuation starting with a space.
    let continued = lines.iter().filter(|line| line.starts_with(' ')).count();
    assert!(continued > 10, "{continued} continuation lines");
}

#[test]
fn uids_stay_and_the_sequence_grows_from_one_export_to_the_next() {
    let journey = demo();
    let uids = |text: &str| -> Vec<String> {
        parsed(text).events().map(|event| event.get_uid().unwrap().to_string()).collect()
    };
    let sequences = |text: &str| -> Vec<u32> {
        parsed(text).events().map(|event| event.get_sequence().unwrap()).collect()
    };
    let first = stamp("2022-11-20T10:00:00Z");
    let later = first + TimeDelta::seconds(1);
    for per_block in [false, true] {
        let before = ics(&journey, &all(&journey), per_block, first);
        let after = ics(&journey, &all(&journey), per_block, later);
        assert_eq!(uids(&before), uids(&after));
        assert!(
            sequences(&before).iter().zip(sequences(&after)).all(|(before, after)| after > *before),
            "the later export must carry the higher SEQUENCE"
        );
    }
    let blocks = ics(&journey, &all(&journey), true, first);
    let uids = uids(&blocks);
    let blocks_in_plan: usize = journey.stations.iter().map(|station| station.blocks.len()).sum();
    assert_eq!(uids.len(), blocks_in_plan);
    assert_eq!(uids[0], "digitaljourney-2022-muenchen-begruessung@moderato");
    let unique: std::collections::BTreeSet<&String> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "a UID per block");
}

#[test]
fn a_block_entry_starts_and_ends_as_planned_with_its_speaker() {
    let journey = demo();
    let station = journey.station("muenchen").unwrap();
    let calendar = parsed(&ics(&journey, &[station], true, stamp("2022-11-20T10:00:00Z")));
    let lunch = calendar.events().find(|event| event.get_summary() == Some("Mittagessen")).unwrap();
    let berlin = |date_time: &str| {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: chrono::NaiveDateTime::parse_from_str(date_time, "%Y-%m-%d %H:%M").unwrap(),
            tzid: "Europe/Berlin".into(),
        }))
    };
    assert_eq!(lunch.get_start(), berlin("2022-11-28 12:30"));
    assert_eq!(lunch.get_end(), berlin("2022-11-28 13:40"));
    let dinner =
        calendar.events().find(|event| event.get_summary().is_some_and(|s| s.starts_with("Dinner"))).unwrap();
    assert_eq!(
        dinner.get_description(),
        Some("Kick-off München\nmit National Technology Officer, Microsoft Deutschland")
    );
}

#[test]
fn plan_text_cannot_inject_markup_or_control_characters() {
    let mut journey = demo();
    journey.stations[0].blocks[0].title = "<script>alert(1)</script> *fett* | \u{1b}]0;x\u{7}".into();
    let station = &journey.stations[0];
    let page = html(&journey, &[station], Audience::Participants);
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let text = markdown(&journey, &[station], Audience::Participants);
    assert!(text.contains("\\*fett\\* \\|"), "{text}");
    let calendar = ics(&journey, &[station], true, stamp("2022-11-20T10:00:00Z"));
    for document in [&page, &text, &calendar] {
        assert!(!document.contains('\u{1b}') && !document.contains('\u{7}'));
    }
}

#[test]
fn a_zone_without_daylight_saving_has_one_observance_and_no_rule() {
    let mut journey = demo();
    journey.stations[0].timezone = moderato::plan::Zone::from_name("Asia/Tokyo");
    let text = ics(&journey, &[&journey.stations[0]], false, stamp("2022-11-20T10:00:00Z"));
    let zone = &text[text.find("BEGIN:VTIMEZONE").unwrap()..text.find("END:VTIMEZONE").unwrap()];
    assert_eq!(
        zone,
        "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n\
         TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\n"
    );
    assert!(text.contains("DTSTART;TZID=Asia/Tokyo:20221128T090000"));
}

#[test]
fn a_zone_with_other_rules_gets_its_own_switches() {
    let mut journey = demo();
    journey.stations[0].timezone = moderato::plan::Zone::from_name("America/New_York");
    let text = ics(&journey, &[&journey.stations[0]], false, stamp("2022-11-20T10:00:00Z"));
    assert!(
        text.contains(
            "BEGIN:STANDARD\r\nDTSTART:20221106T020000\r\nTZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\n"
        ),
        "{text}"
    );
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"), "{text}");
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"), "{text}");
}
