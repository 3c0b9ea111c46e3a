//! `moderato export` on the fixture journey (Berlin finished, Online running,
//! Köln without a log): the Markdown against golden files and read by a
//! CommonMark parser, the CSV read back in both dialects with every figure
//! equal to the statistics, the HTML read by an HTML5 parser, and in all
//! three the privacy rules: no private note, no confidential case content
//! and (pseudonymized) no real name or organisation anywhere in the bytes
//! unless a flag asks for it, and then the footer says so.
//!
//! `UPDATE_GOLDEN=1 cargo test --test export` writes the golden files anew
//! (review the diff before committing them).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use moderato::core::event::Event;
use moderato::core::history::PastStation;
use moderato::core::method::MethodEvent;
use moderato::core::reflection;
use moderato::core::stats::{self, CaptureKind, JourneyStats};
use moderato::export::{self, Audience, CsvDialect, Formulas, Options, Protocol};
use moderato::plan::{self, Journey};
use pulldown_cmark::{Event as Markdown, HeadingLevel, Parser, Tag, TagEnd};
use scraper::{Html, Selector};

fn fixture_dir() -> PathBuf {
    common::fixture_journey()
}

fn fixture() -> (Journey, BTreeMap<String, PastStation>) {
    let loaded = plan::load(&fixture_dir()).unwrap();
    let (logs, _) = moderato::store::read_journey_logs(&fixture_dir().join("logs"), &loaded.journey).unwrap();
    (loaded.journey, logs)
}

fn protocol(options: Options) -> Protocol {
    let (journey, logs) = fixture();
    export::protocol(&journey, &logs, None, options)
}

/// The statistics as the review sees them: every station, nothing left out.
fn stats() -> JourneyStats {
    let (journey, logs) = fixture();
    stats::journey(&journey, &logs)
}

const ALL: Options = Options {
    audience: Audience::Facilitator,
    talk_time_per_person: false,
    include_notes: true,
    include_confidential: true,
    pseudonymize: false,
};
const PSEUDONYMS: Options = Options { pseudonymize: true, ..ALL };
/// The facilitator's record without notes and case content.
const RECORD: Options = Options { include_notes: false, include_confidential: false, ..ALL };

/// Every export of `protocol` as bytes, each with a name for the messages.
fn every_format(protocol: &Protocol) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("md".to_string(), export::markdown(protocol).into_bytes()),
        ("html".to_string(), export::html(protocol).into_bytes()),
    ];
    for dialect in [CsvDialect::Rfc, CsvDialect::ExcelDe] {
        for file in export::csv_files(protocol, dialect, Formulas::Neutralised).unwrap() {
            out.push((format!("{dialect:?} {}", file.name), file.bytes));
        }
    }
    out
}

fn contains(bytes: &[u8], needle: &str) -> bool {
    bytes.windows(needle.len()).any(|window| window == needle.as_bytes())
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_GOLDEN=1", path.display()));
    assert!(expected == actual, "{} differs; UPDATE_GOLDEN=1 writes it anew:\n{actual}", path.display());
}

#[test]
fn the_markdown_protocol_matches_its_golden_files() {
    golden("export-fixture.de.md", &export::markdown(&protocol(Options::default())));
    golden("export-fixture-pseudonymized.de.md", &export::markdown(&protocol(PSEUDONYMS)));
}

/// The Markdown's structure as a CommonMark reader sees it.
#[derive(Debug, Default)]
struct Structure {
    /// Level-2 headings, in order.
    sections: Vec<String>,
    /// Per table: its header cells and its number of body rows.
    tables: Vec<(Vec<String>, usize)>,
}

fn structure(markdown: &str) -> Structure {
    let mut found = Structure::default();
    let mut heading: Option<String> = None;
    let mut cell: Option<String> = None;
    let mut in_head = false;
    for event in Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES) {
        match event {
            Markdown::Start(Tag::Heading { level: HeadingLevel::H2, .. }) => heading = Some(String::new()),
            Markdown::End(TagEnd::Heading(HeadingLevel::H2)) => found.sections.extend(heading.take()),
            Markdown::Start(Tag::Table(_)) => found.tables.push((Vec::new(), 0)),
            Markdown::Start(Tag::TableHead) => in_head = true,
            Markdown::End(TagEnd::TableHead) => in_head = false,
            Markdown::Start(Tag::TableRow) => found.tables.last_mut().unwrap().1 += 1,
            Markdown::Start(Tag::TableCell) => cell = Some(String::new()),
            Markdown::End(TagEnd::TableCell) => {
                let text = cell.take().unwrap();
                if in_head {
                    found.tables.last_mut().unwrap().0.push(text);
                }
            }
            Markdown::Text(text) | Markdown::Code(text) => {
                if let Some(heading) = &mut heading {
                    heading.push_str(&text);
                }
                if let Some(cell) = &mut cell {
                    cell.push_str(&text);
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn the_markdown_has_a_section_per_station_and_its_tables() {
    let protocol = protocol(RECORD);
    let markdown = export::markdown(&protocol);
    let found = structure(&markdown);
    let stats = stats();
    // Köln has no log: it is not in the protocol.
    assert_eq!(
        found.sections,
        vec!["Auftakt Berlin".to_string(), "Online-Reflexion".into(), "Vernetzung über die Lernreise".into()],
        "{markdown}"
    );
    let agendas: Vec<&(Vec<String>, usize)> =
        found.tables.iter().filter(|(head, _)| head.first().is_some_and(|cell| cell == "#")).collect();
    assert_eq!(agendas.len(), 2, "an agenda table per station");
    for ((head, rows), station) in agendas.iter().zip(stats.stations.iter().filter(|s| s.logged)) {
        assert_eq!(head.len(), 9, "{head:?}");
        assert_eq!(*rows, station.blocks.len(), "one row per block of {}", station.id);
    }
    let talk: Vec<&(Vec<String>, usize)> =
        found.tables.iter().filter(|(head, _)| head.iter().any(|cell| cell == "Beiträge")).collect();
    assert_eq!(talk.len(), 2, "a talk-time table per station");
    for ((_, rows), station) in talk.iter().zip(stats.stations.iter().filter(|s| s.logged)) {
        assert_eq!(*rows, station.speakers(), "one row per speaker of {}", station.id);
    }
    // The one-station export has the one section, without the journey's network.
    let (journey, logs) = fixture();
    let one = export::markdown(&export::protocol(&journey, &logs, Some("online"), Options::default()));
    assert_eq!(structure(&one).sections, vec!["Online-Reflexion".to_string()]);
}

/// The rows of a CSV file, header first, read as a spreadsheet would.
fn read_csv(bytes: &[u8], dialect: CsvDialect) -> Vec<BTreeMap<String, String>> {
    let (delimiter, body) = match dialect {
        CsvDialect::Rfc => {
            assert!(!bytes.starts_with("\u{feff}".as_bytes()), "no BOM in rfc");
            (b',', bytes)
        }
        CsvDialect::ExcelDe => {
            assert!(bytes.starts_with("\u{feff}".as_bytes()), "excel-de starts with a BOM");
            (b';', &bytes[3..])
        }
    };
    assert!(body.ends_with(b"\r\n"), "records end in CRLF");
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|record| {
            let record = record.unwrap();
            headers.iter().zip(record.iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect()
        })
        .collect()
}

/// A figure in minutes as the dialect writes it, in seconds (to the hundredth of a minute).
fn minutes(text: &str, dialect: CsvDialect) -> f64 {
    let text = match dialect {
        CsvDialect::Rfc => {
            assert!(!text.contains(','), "{text}");
            text.to_string()
        }
        CsvDialect::ExcelDe => {
            assert!(!text.contains('.'), "a decimal comma: {text}");
            text.replace(',', ".")
        }
    };
    text.parse::<f64>().unwrap() * 60.0
}

fn same(seconds: f64, span: TimeDelta) -> bool {
    (seconds - span.num_seconds() as f64).abs() <= 0.3
}

#[test]
fn the_csv_figures_are_the_statistics_in_both_dialects() {
    let stats = stats();
    let protocol = protocol(ALL);
    for dialect in [CsvDialect::Rfc, CsvDialect::ExcelDe] {
        let files: BTreeMap<&str, Vec<BTreeMap<String, String>>> =
            export::csv_files(&protocol, dialect, Formulas::Neutralised)
                .unwrap()
                .into_iter()
                .map(|file| (file.name, read_csv(&file.bytes, dialect)))
                .collect();
        assert_eq!(
            files.keys().copied().collect::<Vec<_>>(),
            vec![
                "attendance.csv",
                "blocks.csv",
                "captures.csv",
                "groups.csv",
                "talk_organisations.csv",
                "talk_time.csv",
                "turns.csv"
            ]
        );
        let logged: Vec<_> = stats.stations.iter().filter(|station| station.logged).collect();
        let blocks = &files["blocks.csv"];
        assert_eq!(blocks.len(), logged.iter().map(|s| s.blocks.len()).sum::<usize>());
        for station in &logged {
            let rows: Vec<_> = blocks.iter().filter(|row| row["station"] == station.id).collect();
            for (row, block) in rows.iter().zip(&station.blocks) {
                assert_eq!(row["index"], block.index.to_string());
                assert_eq!(row["block"], block.id);
                assert_eq!(row["title"], block.title);
                assert_eq!(row["kind"], block.kind.key());
                let planned = block.planned_minutes.map(|m| m.to_string()).unwrap_or_default();
                assert_eq!(row["planned_min"], planned);
                match block.actual(station.last_event) {
                    Some(actual) => assert!(same(minutes(&row["actual_min"], dialect), actual), "{row:?}"),
                    None => assert_eq!(row["actual_min"], ""),
                }
                match block.difference() {
                    Some(diff) => assert!(same(minutes(&row["difference_min"], dialect), diff), "{row:?}"),
                    None => assert_eq!(row["difference_min"], ""),
                }
                if let Some(started) = block.started {
                    let local = station.local(started);
                    let expected = match dialect {
                        CsvDialect::Rfc => local.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        CsvDialect::ExcelDe => local.format("%d.%m.%Y %H:%M:%S").to_string(),
                    };
                    assert_eq!(row["actual_start"], expected);
                }
            }
            let turns: Vec<_> =
                files["turns.csv"].iter().filter(|row| row["station"] == station.id).collect();
            assert_eq!(turns.len(), station.turns.len());
            for (row, turn) in turns.iter().zip(&station.turns) {
                assert_eq!(row["block"], turn.block);
                assert_eq!(row["participant"], station.name_of(&turn.speaker));
                assert!(same(minutes(&row["duration_min"], dialect), turn.length), "{row:?}");
            }
            let talk: Vec<_> = files["talk_time.csv"]
                .iter()
                .filter(|row| row["station"] == station.id && row["block"].is_empty())
                .collect();
            let expected = station.talk(None);
            assert_eq!(talk.len(), expected.len());
            for (row, talk) in talk.iter().zip(&expected) {
                assert_eq!(row["participant_id"], talk.participant);
                assert_eq!(row["turns"], talk.turns.to_string());
                assert!(same(minutes(&row["talk_min"], dialect), talk.total), "{row:?}");
            }
            for block in station.blocks_with_turns() {
                let rows = files["talk_time.csv"]
                    .iter()
                    .filter(|row| row["station"] == station.id && row["block"] == block)
                    .count();
                assert_eq!(rows, station.talk(Some(block)).len(), "{block}");
            }
            let captures = files["captures.csv"].iter().filter(|row| row["station"] == station.id).count();
            assert_eq!(captures, station.captures.len());
            let members: usize = station.groups.iter().map(|group| group.members.len()).sum();
            let groups = files["groups.csv"].iter().filter(|row| row["station"] == station.id).count();
            assert_eq!(groups, members);
        }
    }
}

#[test]
fn the_html_is_one_self_contained_page_with_its_charts() {
    let protocol = protocol(RECORD);
    let text = export::html(&protocol);
    let page = Html::parse_document(&text);
    assert!(page.errors.is_empty(), "{:?}", page.errors);
    for forbidden in
        ["<script", "src=", "href=", "@import", "url(", "http:", "https:", "<link", "<img", "<iframe"]
    {
        assert!(!text.to_lowercase().contains(forbidden), "{forbidden} in the page");
    }
    let select = |css: &str| Selector::parse(css).unwrap();
    let stats = stats();
    let sections: Vec<_> = page.select(&select("section.station")).collect();
    assert_eq!(sections.len(), 2);
    for (section, station) in sections.iter().zip(stats.stations.iter().filter(|s| s.logged)) {
        assert_eq!(section.value().attr("id"), Some(station.id.as_str()));
        let bars = section.select(&select("figure.timeline svg g.block")).count();
        assert_eq!(bars, station.blocks.len(), "a bar per block of {}", station.id);
        let started = station.blocks.iter().filter(|block| block.started.is_some()).count();
        assert_eq!(section.select(&select("figure.timeline svg rect.actual")).count(), started);
        let speakers = section.select(&select("figure.talk-time svg rect.talk")).count();
        assert_eq!(speakers, station.speakers(), "a bar per speaker of {}", station.id);
    }
    assert!(text.contains("break-inside: avoid"), "charts are not cut");
    assert!(text.contains(".station + .station { break-before: page;"), "a page per station");
    assert!(text.contains("@page { size: A4;"));
}

#[test]
fn nothing_private_or_confidential_is_in_any_format_by_default() {
    let all = stats();
    let mut secrets: Vec<String> = vec!["PRIVATE-NOTE".into(), "CONFIDENTIAL".into()];
    secrets.extend(common::FIXTURE_SECRETS.iter().map(|secret| secret.to_string()));
    for station in &all.stations {
        for case in station.consultations.iter().flat_map(|consultation| &consultation.cases) {
            if !case.key_question.is_empty() {
                secrets.push(case.key_question.clone());
            }
        }
        for note in station.captures.iter().filter(|captured| captured.kind == CaptureKind::Note) {
            secrets.push(note.text.clone());
        }
    }
    assert!(secrets.len() > 4, "the fixture has notes and key questions: {secrets:?}");
    let protocol = protocol(Options::default());
    for (name, bytes) in every_format(&protocol) {
        for secret in &secrets {
            assert!(!contains(&bytes, secret), "{secret:?} is in {name}");
        }
    }
    let footer = export::markdown(&protocol);
    assert!(footer.contains("Private Notizen der Moderation sind nicht enthalten."));
    assert!(footer.contains("Vertrauliche Fallinhalte der Beratungen sind nicht enthalten."));
    assert!(!footer.contains("pseudonymisiert"));
}

#[test]
fn the_flags_include_notes_and_case_content_and_say_so() {
    let notes_only =
        protocol(Options { audience: Audience::Facilitator, include_notes: true, ..Options::default() });
    let md = export::markdown(&notes_only);
    assert!(md.contains("PRIVATE-NOTE-BERLIN-1"), "{md}");
    assert!(!md.contains("CONFIDENTIAL"), "notes do not bring the cases");
    assert!(md.contains("Enthält die privaten Notizen der Moderation (--include-notes)."));
    let everything = protocol(ALL);
    for (name, bytes) in every_format(&everything) {
        match name.as_str() {
            "md" | "html" => {
                for needle in ["PRIVATE-NOTE-ONLINE-2", "CONFIDENTIAL-IDEA-1", "CONFIDENTIAL-CLOSING-1"] {
                    assert!(contains(&bytes, needle), "{needle} missing from {name}");
                }
                assert!(contains(
                    &bytes,
                    "Enthält vertrauliche Fallinhalte der Beratungen (--include-confidential)."
                ));
            }
            _ if name.ends_with("captures.csv") => {
                assert!(contains(&bytes, "PRIVATE-NOTE-BERLIN-2"), "{name}")
            }
            _ => {}
        }
    }
}

#[test]
fn pseudonymized_exports_name_nobody_anywhere() {
    let (journey, _) = fixture();
    let mut real: Vec<String> = Vec::new();
    for person in &journey.participants {
        real.push(person.name.clone());
        real.push(person.organisation.clone());
        // The fixture's ids (`p01`) are not the pseudonyms (`P01`): they must not be there either.
        real.push(person.id.clone());
        for part in person.name.split_whitespace().filter(|part| part.chars().all(char::is_alphabetic)) {
            real.push(part.to_string());
        }
    }
    // The guest who spoke in Berlin's discussion is named by no one either.
    real.extend(["Dr. Eva Lange", "Lange"].map(String::from));
    // Everything included, so that the free text of notes and cases is checked too.
    let protocol = protocol(PSEUDONYMS);
    for (name, bytes) in every_format(&protocol) {
        for word in &real {
            assert!(!contains(&bytes, word), "{word:?} is in {name}");
        }
    }
    let md = export::markdown(&protocol);
    assert!(md.contains("| P01 | O01 |"), "{md}");
    let turns = every_format(&protocol).into_iter().find(|(name, _)| name == "Rfc turns.csv").unwrap().1;
    assert!(
        contains(&turns, ",G01,"),
        "the guest by a pseudonym of their own: {}",
        String::from_utf8_lossy(&turns)
    );
    assert!(md.contains("Namen und Organisationen sind pseudonymisiert"));
    // The figures stay the statistics' own.
    let plain = export::markdown(&self::protocol(ALL));
    assert_eq!(md.matches(" | ").count(), plain.matches(" | ").count());
}

#[test]
fn the_plans_block_notes_are_never_exported() {
    let (journey, _) = fixture();
    let notes: Vec<String> = journey
        .stations
        .iter()
        .flat_map(|station| &station.blocks)
        .filter_map(|block| block.notes.clone())
        .collect();
    assert!(!notes.is_empty(), "the fixture's plan has block notes");
    for options in [Options::default(), ALL, PSEUDONYMS] {
        for (name, bytes) in every_format(&protocol(options)) {
            for note in &notes {
                assert!(!contains(&bytes, note), "{note:?} is in {name} with {options:?}");
            }
        }
    }
}

#[test]
fn an_english_journey_gets_an_english_protocol() {
    let (mut journey, logs) = fixture();
    journey.language = moderato::i18n::Lang::En;
    let md = export::markdown(&export::protocol(&journey, &logs, Some("berlin"), Options::default()));
    for words in [
        "# Protocol: ",
        "- **Date:** Wednesday, 5 October 2022\n",
        "### Agenda: planned and actual\n",
        "| Vorlage für den Digitalisierungs-Steckbrief an alle schicken | Dr. Katrin Albers | 2022-10-21 |",
        "- The facilitator's private notes are left out.\n",
    ] {
        assert!(md.contains(words), "{words:?} missing:\n{md}");
    }
    assert!(!md.contains("Redezeit"), "{md}");
}

/// A takeaway goes into the protocol only when the facilitator marked it for
/// it; a transfer commitment always does.
#[test]
fn only_takeaways_marked_for_the_protocol_are_exported() {
    let marked = "Vernetzung über Hausgrenzen hilft mehr als jede Strategie.";
    let commitment = "Bis Köln lade ich das IT-Referat zu einem gemeinsamen Workshop ein.";
    let (journey, mut logs) = fixture();
    let exported = export::protocol(&journey, &logs, None, Options::default());
    for (name, bytes) in every_format(&exported)
        .into_iter()
        .filter(|(name, _)| !name.ends_with(".csv") || name.ends_with("captures.csv"))
    {
        assert!(contains(&bytes, marked) && contains(&bytes, commitment), "{name}");
    }
    // The same day with the mark taken off again: the takeaway stays in the log, not in the protocol.
    let berlin = logs.get_mut("berlin").unwrap();
    for envelope in &mut berlin.events {
        if let Event::Method(MethodEvent::Reflection {
            change: reflection::Change::Marked { protocol, .. },
            ..
        }) = &mut envelope.event
        {
            *protocol = false;
        }
    }
    let unmarked = export::protocol(&journey, &logs, None, Options::default());
    for (name, bytes) in every_format(&unmarked) {
        assert!(!contains(&bytes, marked), "an unmarked takeaway is in {name}");
    }
    assert!(contains(&every_format(&unmarked)[0].1, commitment), "the commitment stays");
}

/// A log with a wrong clock (its last event years later) gets a timeline with
/// a few grid lines, not one per hour in between.
#[test]
fn a_wrong_clock_does_not_bloat_the_timeline_grid() {
    let (journey, mut logs) = fixture();
    let online = logs.get_mut("online").unwrap();
    let last = online.events.last_mut().unwrap();
    last.at += TimeDelta::days(5 * 365);
    let text = export::html(&export::protocol(&journey, &logs, Some("online"), Options::default()));
    let page = Html::parse_document(&text);
    let lines = page.select(&Selector::parse("figure.timeline svg line.axis").unwrap()).count();
    assert!((1..=25).contains(&lines), "{lines} grid lines");
    assert!(text.len() < 100_000, "{} bytes", text.len());
}

/// A copy of the fixture journey with each text of `replace` replaced in the
/// plan and in the logs, read back.
fn edited_fixture(replace: &[(&str, &str)]) -> (Journey, BTreeMap<String, PastStation>) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("journey");
    std::fs::create_dir_all(dir.join("logs")).unwrap();
    let copy = |from: &Path, to: PathBuf| {
        let mut text = std::fs::read_to_string(from).unwrap();
        for (old, new) in replace {
            text = text.replace(old, new);
        }
        std::fs::write(to, text).unwrap();
    };
    copy(&fixture_dir().join("journey.toml"), dir.join("journey.toml"));
    for entry in std::fs::read_dir(fixture_dir().join("logs")).unwrap() {
        let entry = entry.unwrap();
        copy(&entry.path(), dir.join("logs").join(entry.file_name()));
    }
    let loaded = plan::load(&dir).unwrap();
    let (logs, _) = moderato::store::read_journey_logs(&dir.join("logs"), &loaded.journey).unwrap();
    (loaded.journey, logs)
}

/// Initials typed in a capture, an office's abbreviation in brackets and a
/// block id carrying it: pseudonymized, none of them is left.
#[test]
fn pseudonyms_cover_initials_abbreviations_and_ids() {
    let action = "Vorlage für den Digitalisierungs-Steckbrief an alle schicken";
    let (journey, logs) = edited_fixture(&[
        ("\"Bundesverwaltungsamt\"", "\"Bundesverwaltungsamt (BVA)\""),
        ("\"AK\"", "\"AB\""),
        (action, "KA schickt die Vorlage ab, AB fragt beim BVA nach"),
        ("\"besuch\"", "\"besuch-bva\""),
    ]);
    let plain = export::protocol(&journey, &logs, None, ALL);
    assert!(contains(&every_format(&plain)[0].1, "KA schickt die Vorlage ab, AB fragt beim BVA nach"));
    let protocol = export::protocol(&journey, &logs, None, PSEUDONYMS);
    for (name, bytes) in every_format(&protocol) {
        for word in ["KA schickt", "AB fragt", "BVA", "besuch-bva", "Bundesverwaltungsamt"] {
            assert!(!contains(&bytes, word), "{word:?} is in {name}");
        }
        if name == "md" || name.ends_with("captures.csv") {
            assert!(contains(&bytes, "P01 schickt die Vorlage ab, P05 fragt beim O01 nach"), "{name}");
        }
    }
    let files = export::csv_files(&protocol, CsvDialect::Rfc, Formulas::Neutralised).unwrap();
    let blocks = read_csv(&files[0].bytes, CsvDialect::Rfc);
    assert!(blocks.iter().any(|row| row["block"] == "besuch-O01"), "{blocks:?}");
    // Every block id stays one of its own.
    for station in &protocol.stats.stations {
        let mut ids: Vec<&str> = station.blocks.iter().map(|block| block.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), station.blocks.len());
    }
}

/// A station run on another day than planned (a rehearsal, the demo) says so
/// beside its planned date: its times are that day's.
#[test]
fn a_rehearsal_says_the_day_it_ran() {
    use moderato::core::event::{Anchor, AnchorMode};
    let (journey, mut logs) = fixture();
    let plain = export::markdown(&export::protocol(&journey, &logs, Some("berlin"), ALL));
    assert!(!plain.contains("Probelauf"), "{plain}");
    for envelope in &mut logs.get_mut("berlin").unwrap().events {
        if let Event::StationStarted { anchor } = &mut envelope.event {
            let start = chrono::DateTime::parse_from_rfc3339("2022-09-28T09:00:00+02:00").unwrap();
            *anchor = Anchor { mode: AnchorMode::Shifted, start };
        }
    }
    let rehearsal = export::markdown(&export::protocol(&journey, &logs, Some("berlin"), ALL));
    assert!(rehearsal.contains("- **Probelauf am:** Mittwoch, 28. September 2022\n"), "{rehearsal}");
}
