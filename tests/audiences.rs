//! `export --for participants|office|facilitator` on the fixture journey: for
//! each reader, each format (md, html, csv in both dialects) and
//! `--pseudonymize` on and off, the bytes hold exactly the classes of
//! information that reader gets (DESIGN, "Audiences"): the fixture's secrets
//! and notes, each person's talk time (a line with their name and their
//! figure), drift figures, the attendance list, decisions, talk time per
//! organisation and the office's counts are searched for in every file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use chrono::TimeDelta;
use moderato::core::history::PastStation;
use moderato::core::stats::CaptureKind;
use moderato::export::{self, Audience, CsvDialect, Formulas, Options, Protocol};
use moderato::plan::{self, Journey};

fn fixture() -> (Journey, BTreeMap<String, PastStation>) {
    let dir = common::fixture_journey();
    let loaded = plan::load(&dir).unwrap();
    let (logs, _) = moderato::store::read_journey_logs(&dir.join("logs"), &loaded.journey).unwrap();
    (loaded.journey, logs)
}

/// One export's files, each with its name.
struct Output {
    files: Vec<(String, Vec<u8>)>,
}

impl Output {
    fn of(protocol: &Protocol, format: &str) -> Output {
        let files = match format {
            "md" => vec![("md".to_string(), export::markdown(protocol).into_bytes())],
            "html" => vec![("html".to_string(), export::html(protocol).into_bytes())],
            _ => [CsvDialect::Rfc, CsvDialect::ExcelDe]
                .into_iter()
                .flat_map(|dialect| {
                    export::csv_files(protocol, dialect, Formulas::Neutralised)
                        .unwrap()
                        .into_iter()
                        .map(move |file| (format!("{dialect:?} {}", file.name), file.bytes))
                })
                .collect(),
        };
        Output { files }
    }

    fn text(&self) -> String {
        self.files.iter().map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()).collect()
    }

    fn has(&self, needle: &str) -> bool {
        self.files
            .iter()
            .any(|(_, bytes)| bytes.windows(needle.len()).any(|window| window == needle.as_bytes()))
    }

    fn has_file(&self, name: &str) -> bool {
        self.files.iter().any(|(file, _)| file.ends_with(name))
    }

    /// Whether one line of some file holds all of `parts` (a table row).
    fn has_line(&self, parts: &[&str]) -> bool {
        self.text().lines().any(|line| parts.iter().all(|part| line.contains(part)))
    }
}

/// A talk time as the documents show it (`33:28`) and as the CSV files do (`33.47`, `33,47`).
fn figures(span: TimeDelta) -> [String; 3] {
    let seconds = span.num_seconds();
    let clock = match seconds / 3600 {
        0 => format!("{}:{:02}", seconds / 60, seconds % 60),
        hours => format!("{hours}:{:02}:{:02}", seconds / 60 % 60, seconds % 60),
    };
    let hundredths = (seconds.unsigned_abs() * 100 + 30) / 60;
    let point = format!("{}.{:02}", hundredths / 100, hundredths % 100);
    let comma = point.replace('.', ",");
    [clock, point, comma]
}

/// The classes a reader's document holds, as the issue and DESIGN's table say.
#[derive(Debug, PartialEq, Eq)]
struct Holds {
    secrets: bool,
    talk_per_person: bool,
    talk_per_organisation: bool,
    drift: bool,
    attendance: bool,
    decisions: bool,
    counts: bool,
    groups: bool,
}

fn expected(audience: Audience, flags: bool) -> Holds {
    match audience {
        Audience::Participants => Holds {
            secrets: false,
            talk_per_person: false,
            talk_per_organisation: false,
            drift: false,
            attendance: false,
            decisions: true,
            counts: false,
            groups: true,
        },
        Audience::Office => Holds {
            secrets: false,
            talk_per_person: flags,
            talk_per_organisation: true,
            drift: true,
            attendance: true,
            decisions: false,
            counts: true,
            groups: false,
        },
        Audience::Facilitator => Holds {
            secrets: flags,
            talk_per_person: true,
            talk_per_organisation: true,
            drift: true,
            attendance: true,
            decisions: true,
            counts: false,
            groups: true,
        },
    }
}

/// What the export of `options` holds, found by searching its bytes.
fn found(journey: &Journey, logs: &BTreeMap<String, PastStation>, options: Options, format: &str) -> Holds {
    let protocol = export::protocol(journey, logs, None, options);
    let out = Output::of(&protocol, format);
    // The names and figures to look for, as this export names people.
    let record = export::protocol(
        journey,
        logs,
        None,
        Options { audience: Audience::Facilitator, pseudonymize: options.pseudonymize, ..Options::default() },
    );
    let full = export::protocol(
        journey,
        logs,
        None,
        Options {
            audience: Audience::Facilitator,
            include_notes: true,
            include_confidential: true,
            ..Options::default()
        },
    );
    let mut secrets: Vec<String> = common::FIXTURE_SECRETS.iter().map(|secret| secret.to_string()).collect();
    for station in &full.stats.stations {
        for case in station.consultations.iter().flat_map(|consultation| &consultation.cases) {
            secrets.push(case.key_question.clone());
        }
        for note in station.captures.iter().filter(|captured| captured.kind == CaptureKind::Note) {
            secrets.push(note.text.clone());
        }
    }
    secrets.retain(|secret| !secret.is_empty());
    let any_secret = secrets.iter().any(|secret| {
        // A fixture secret is found by its marker: pseudonymized, its names are replaced.
        let marked = secret.starts_with("PRIVATE-NOTE-") || secret.starts_with("CONFIDENTIAL-");
        out.has(if marked { secret.split(':').next().unwrap_or(secret) } else { secret })
    });
    let mut talkers = 0;
    let talk_per_person = record.stats.stations.iter().any(|station| {
        station.talk(None).iter().filter(|talk| talk.turns > 0).any(|talk| {
            talkers += 1;
            let name = station.name(&talk.participant);
            figures(talk.total).iter().any(|figure| out.has_line(&[name, figure]))
        })
    });
    assert!(talkers > 0 || !talk_per_person);
    let talk_per_organisation = record.stats.stations.iter().any(|station| {
        station.talk_by_organisation(None).iter().filter(|(_, total)| *total > TimeDelta::zero()).any(
            |(organisation, total)| {
                figures(*total).iter().any(|figure| out.has_line(&[organisation, figure]))
            },
        )
    });
    let drift = out.has("Differenz")
        || out.has("Größter Verzug")
        || out.has("actual over")
        || out.files.iter().filter(|(name, _)| name.ends_with("blocks.csv")).any(|(name, bytes)| {
            // The difference column holds a figure somewhere.
            let (delimiter, body) =
                if name.starts_with("ExcelDe") { (b';', &bytes[3..]) } else { (b',', &bytes[..]) };
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(body);
            let column =
                reader.headers().unwrap().iter().position(|header| header == "difference_min").unwrap();
            reader.records().any(|record| !record.unwrap()[column].is_empty())
        });
    let attendance = out.has("Teilnahmeliste") || out.has_file("attendance.csv");
    let decisions = out.has("Jede Behörde benennt bis Köln eine Ansprechperson für Digitalisierung.");
    let counts = out.has("In Zahlen") || out.has_file("counts.csv");
    let groups = out.has("Beratende") || out.has_file("groups.csv");
    Holds {
        secrets: any_secret,
        talk_per_person,
        talk_per_organisation,
        drift,
        attendance,
        decisions,
        counts,
        groups,
    }
}

#[test]
fn each_reader_gets_exactly_the_classes_of_their_audience_in_every_format() {
    let (journey, logs) = fixture();
    for audience in Audience::ALL {
        for flags in [false, true] {
            for pseudonymize in [false, true] {
                for format in ["md", "html", "csv"] {
                    let options = Options {
                        audience,
                        talk_time_per_person: flags && audience == Audience::Office,
                        include_notes: flags && audience == Audience::Facilitator,
                        include_confidential: flags && audience == Audience::Facilitator,
                        pseudonymize,
                    };
                    let holds = found(&journey, &logs, options, format);
                    let want = expected(audience, flags);
                    assert_eq!(
                        holds, want,
                        "{audience:?} flags={flags} pseudonymize={pseudonymize} {format}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_protocol_says_what_was_left_out_and_the_report_names_itself() {
    let (journey, logs) = fixture();
    let md = export::markdown(&export::protocol(&journey, &logs, None, Options::default()));
    assert!(md.starts_with("# Protokoll: "), "{md}");
    assert!(md.contains("ohne Redezeiten, Abweichungen vom Plan, Anwesenheit, Notizen"), "{md}");
    let office = Options { audience: Audience::Office, ..Options::default() };
    let report = export::markdown(&export::protocol(&journey, &logs, None, office));
    assert!(report.starts_with("# Auswertung: "), "{report}");
    assert!(report.contains("### Teilnahmeliste"), "{report}");
    assert!(report.contains("- Entscheidungen: 1\n"), "{report}");
}

/// The attendance list says who was absent, came late or left early, with
/// the minutes of the blocks they were there for, in md and in attendance.csv.
#[test]
fn the_attendance_list_says_who_was_absent_late_or_left_early() {
    use moderato::core::event::{Event, Presence};
    let (journey, mut logs) = fixture();
    // In Berlin, Oliver Pietsch (p08) comes back only at 10:10 (in the
    // discussion, not at 09:12) and Birgit Theissen (p07) leaves at 12:30,
    // before the exchange ends; Frank Sellmann (p06) leaves the online
    // session at 13:55 for good.
    let berlin = logs.get_mut("berlin").unwrap();
    let back = berlin
        .events
        .iter()
        .position(|envelope| {
            matches!(&envelope.event, Event::AttendanceChanged { presence: Presence::Present, .. })
        })
        .unwrap();
    let mut returned = berlin.events.remove(back);
    let later = berlin
        .events
        .iter()
        .position(|envelope| envelope.at.format("%H:%M").to_string().as_str() >= "10:10")
        .unwrap();
    returned.at = berlin.events[later].at;
    berlin.events.insert(later, returned.clone());
    let leaves = berlin
        .events
        .iter()
        .position(|envelope| envelope.at.format("%H:%M").to_string().as_str() >= "12:30")
        .unwrap();
    let mut left = returned;
    left.at = berlin.events[leaves].at;
    left.event = Event::AttendanceChanged { participant: "p07".into(), presence: Presence::Absent };
    berlin.events.insert(leaves, left);
    logs.get_mut("online").unwrap().events.retain(|envelope| {
        !matches!(&envelope.event, Event::AttendanceChanged { presence: Presence::Present, .. })
    });
    let office = Options { audience: Audience::Office, ..Options::default() };
    let protocol = export::protocol(&journey, &logs, None, office);
    let report = export::markdown(&protocol);
    let row = |name: &str| {
        report.lines().find(|line| line.contains(name) && line.contains(" / ")).unwrap_or_default()
    };
    assert!(row("Oliver Pietsch").ends_with("| 7 / 9 | 183 | kam später |"), "{report}");
    assert!(row("Dr. Birgit Theissen").ends_with("| 8 / 9 | 198 | ging früher |"), "{report}");
    assert!(report.contains("| Frank Sellmann | ITZBund | 0 / 3 | 0 | abwesend |"), "{report}");
    let files = export::csv_files(&protocol, CsvDialect::ExcelDe, Formulas::Neutralised).unwrap();
    let list = files.iter().find(|file| file.name == "attendance.csv").unwrap();
    assert!(list.bytes.starts_with("\u{feff}".as_bytes()), "Excel-DE reads UTF-8 by its BOM");
    let text = String::from_utf8(list.bytes[3..].to_vec()).unwrap();
    assert!(text.starts_with("station;participant_id;participant;organisation;blocks_present;blocks_run;minutes_present;late;left_early\r\n"), "{text}");
    assert!(
        text.contains("berlin;p08;Oliver Pietsch;Bundeszentralamt für Steuern;7;9;183;true;false\r\n"),
        "{text}"
    );
    assert!(text.contains("online;p06;Frank Sellmann;ITZBund;0;3;0;false;false\r\n"), "{text}");
    assert!(
        text.contains("berlin;p01;Dr. Katrin Albers;Bundesverwaltungsamt;9;9;223;false;false\r\n"),
        "{text}"
    );
}
