//! The figures as CSV files, the set following the reader: blocks,
//! attendance, turns, talk time, captures, groups and counts, one row per thing, every figure as
//! [`crate::core::stats`] has it (durations in minutes with two decimals).
//!
//! Two dialects: `rfc` (RFC 4180: comma, CRLF, no BOM, ISO dates, a decimal
//! point) for tools, and `excel-de` (semicolon, UTF-8 BOM, decimal comma,
//! `28.11.2022 09:30:00`) so that a German spreadsheet opens it right by a
//! double-click. In both dialects a text cell that a spreadsheet would take
//! for a formula (`=`, `+`, `-`, `@`, a tab or a carriage return first) gets
//! a leading apostrophe, and no text cell carries a control character or a
//! bidirectional override; figures (a difference of `-5.00` min) stay
//! numbers. [`Formulas::Raw`] (`--csv-raw`) leaves the text as it is, for scripts.
//! The quoting is the `csv` crate's (a title with a quote, a semicolon or a
//! line break stays one cell).

use std::io;

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::{Class, Protocol, attendance, counts, organisations, person, speaker_of};
use crate::core::Timestamp;
use crate::core::contacts::GroupKind;
use crate::core::discussion::{Hand, Speaker};
use crate::core::session::BlockState;
use crate::core::stats::{CaptureKind, StationStats, TurnKind};

/// How the CSV files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvDialect {
    /// Comma, no BOM, ISO dates, decimal point.
    Rfc,
    /// Semicolon, UTF-8 BOM, German dates, decimal comma.
    ExcelDe,
}

/// What happens to a text cell that a spreadsheet would take for a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formulas {
    /// A leading apostrophe makes it text (the default).
    Neutralised,
    /// Left as it is, for scripts that read the files (`--csv-raw`).
    Raw,
}

/// One file of the export: its name in the output directory and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

/// The files the protocol's reader gets (see [`super::share`]), in a fixed order.
pub fn csv_files(protocol: &Protocol, dialect: CsvDialect, formulas: Formulas) -> io::Result<Vec<CsvFile>> {
    let cells = Cells { dialect, formulas };
    let mut files = vec![CsvFile { name: "blocks.csv", bytes: blocks(protocol, cells)? }];
    if protocol.shows(Class::Attendance) {
        files.push(CsvFile { name: "attendance.csv", bytes: attendance_list(protocol, cells)? });
    }
    if protocol.shows(Class::TalkPerPerson) {
        files.push(CsvFile { name: "turns.csv", bytes: turns(protocol, cells)? });
        files.push(CsvFile { name: "talk_time.csv", bytes: talk_time(protocol, cells)? });
    }
    if protocol.shows(Class::TalkPerOrganisation) {
        files.push(CsvFile { name: "talk_organisations.csv", bytes: talk_organisations(protocol, cells)? });
    }
    if protocol.shows(Class::Captures) || protocol.shows(Class::Takeaways) {
        files.push(CsvFile { name: "captures.csv", bytes: captures(protocol, cells)? });
    }
    if protocol.shows(Class::Groups) {
        files.push(CsvFile { name: "groups.csv", bytes: groups(protocol, cells)? });
    }
    if protocol.options.counts(Class::Captures) {
        files.push(CsvFile { name: "counts.csv", bytes: count_rows(protocol, cells)? });
    }
    Ok(files)
}

/// A row per person per station: blocks there for, minutes present, late, left early.
fn attendance_list(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record([
        "station",
        "participant_id",
        "participant",
        "organisation",
        "blocks_present",
        "blocks_run",
        "minutes_present",
        "late",
        "left_early",
    ])?;
    for station in &protocol.stats.stations {
        let rows = attendance(protocol, station);
        for (attended, row) in station.attendance().into_iter().zip(rows) {
            out.write_record([
                station.id.clone(),
                attended.participant.clone(),
                cells.text(&row.name),
                cells.text(&row.organisation),
                attended.blocks.len().to_string(),
                attended.ran.to_string(),
                row.minutes.to_string(),
                attended.late.to_string(),
                attended.left_early.to_string(),
            ])?;
        }
    }
    finish(out)
}

/// Per station, the talk time per organisation.
fn talk_organisations(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record(["station", "organisation", "talk_min"])?;
    for station in &protocol.stats.stations {
        for (organisation, total) in organisations(station) {
            out.write_record([station.id.clone(), cells.text(&organisation), cells.minutes(total)])?;
        }
    }
    finish(out)
}

/// Per station, what it brought, counted.
fn count_rows(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record(["station", "what", "count"])?;
    for station in &protocol.stats.stations {
        for (label, count) in counts(protocol, station) {
            out.write_record([station.id.clone(), cells.text(label.text(protocol.lang)), count.to_string()])?;
        }
    }
    finish(out)
}

/// How one dialect writes a cell.
#[derive(Clone, Copy)]
struct Cells {
    dialect: CsvDialect,
    formulas: Formulas,
}

impl Cells {
    fn writer(self) -> ::csv::Writer<Vec<u8>> {
        let (delimiter, bom): (u8, &[u8]) = match self.dialect {
            CsvDialect::Rfc => (b',', b""),
            CsvDialect::ExcelDe => (b';', "\u{feff}".as_bytes()),
        };
        ::csv::WriterBuilder::new()
            .delimiter(delimiter)
            .terminator(::csv::Terminator::CRLF)
            .from_writer(bom.to_vec())
    }

    fn date(self, date: NaiveDate) -> String {
        match self.dialect {
            CsvDialect::Rfc => date.format("%Y-%m-%d").to_string(),
            CsvDialect::ExcelDe => date.format("%d.%m.%Y").to_string(),
        }
    }

    fn time(self, at: NaiveDateTime) -> String {
        match self.dialect {
            CsvDialect::Rfc => at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            CsvDialect::ExcelDe => at.format("%d.%m.%Y %H:%M:%S").to_string(),
        }
    }

    fn at(self, station: &StationStats, at: Option<Timestamp>) -> String {
        at.map_or_else(String::new, |at| self.time(station.local(at)))
    }

    /// A span in minutes with two decimals (rounded to the nearest hundredth).
    fn minutes(self, span: TimeDelta) -> String {
        let seconds = span.num_seconds();
        let hundredths = (seconds.unsigned_abs() * 100 + 30) / 60;
        let sign = if seconds < 0 && hundredths > 0 { "-" } else { "" };
        let point = match self.dialect {
            CsvDialect::Rfc => '.',
            CsvDialect::ExcelDe => ',',
        };
        format!("{sign}{}{point}{:02}", hundredths / 100, hundredths % 100)
    }

    /// Text from a plan or a log: on one line, without control characters,
    /// and never taken for a formula unless [`Formulas::Raw`].
    fn text(self, text: &str) -> String {
        // Checked before cleaning: a leading tab or carriage return becomes a space.
        let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let text = crate::core::text::one_line(text);
        match self.formulas {
            Formulas::Neutralised if formula => format!("'{text}"),
            Formulas::Neutralised | Formulas::Raw => text,
        }
    }
}

fn finish(writer: ::csv::Writer<Vec<u8>>) -> io::Result<Vec<u8>> {
    writer.into_inner().map_err(|err| io::Error::other(err.to_string()))
}

fn block_state_key(state: BlockState) -> &'static str {
    match state {
        BlockState::Upcoming => "upcoming",
        BlockState::Current => "running",
        BlockState::Done => "done",
        BlockState::Skipped => "skipped",
    }
}

fn turn_kind_key(kind: TurnKind) -> &'static str {
    match kind {
        TurnKind::Hand(Hand::Normal) => "normal",
        TurnKind::Hand(Hand::Reply) => "reply",
        TurnKind::Hand(Hand::PointOfOrder) => "point_of_order",
        TurnKind::Blitzlicht => "blitzlicht",
    }
}

fn capture_key(kind: CaptureKind) -> &'static str {
    match kind {
        CaptureKind::Decision => "decision",
        CaptureKind::Action => "action",
        CaptureKind::Parked => "parked",
        CaptureKind::Takeaway => "takeaway",
        CaptureKind::Commitment => "commitment",
        CaptureKind::Note => "note",
    }
}

fn blocks(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record([
        "station",
        "index",
        "block",
        "kind",
        "title",
        "planned_start",
        "actual_start",
        "planned_end",
        "actual_end",
        "planned_min",
        "actual_min",
        "difference_min",
        "state",
        "inserted",
    ])?;
    for station in &protocol.stats.stations {
        for block in &station.blocks {
            out.write_record([
                cells.text(&station.id),
                block.index.to_string(),
                cells.text(&block.id),
                block.kind.key().to_string(),
                cells.text(&block.title),
                cells.at(station, block.planned_start),
                cells.at(station, block.started),
                cells.at(station, block.planned_end),
                cells.at(station, block.ended),
                block.planned_minutes.map_or_else(String::new, |minutes| minutes.to_string()),
                block.actual(station.last_event).map_or_else(String::new, |span| cells.minutes(span)),
                block
                    .difference()
                    .filter(|_| protocol.shows(Class::Drift))
                    .map_or_else(String::new, |span| cells.minutes(span)),
                block_state_key(block.state).to_string(),
                block.inserted.to_string(),
            ])?;
        }
    }
    finish(out)
}

fn turns(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record([
        "station",
        "block",
        "participant_id",
        "participant",
        "organisation",
        "hand",
        "start",
        "duration_min",
    ])?;
    for station in &protocol.stats.stations {
        for turn in &station.turns {
            let (name, organisation) = speaker_of(station, &turn.speaker);
            out.write_record([
                cells.text(&station.id),
                cells.text(&turn.block),
                cells.text(turn.speaker.participant().unwrap_or_default()),
                cells.text(&name),
                cells.text(&organisation),
                turn_kind_key(turn.kind).to_string(),
                cells.time(station.local(turn.started)),
                cells.minutes(turn.length),
            ])?;
        }
    }
    finish(out)
}

/// Per station (an empty `block`: the whole station) and per block that had turns.
fn talk_time(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record([
        "station",
        "block",
        "participant_id",
        "participant",
        "organisation",
        "turns",
        "talk_min",
    ])?;
    for station in &protocol.stats.stations {
        let scopes = std::iter::once(None).chain(station.blocks_with_turns().into_iter().map(Some));
        for scope in scopes {
            for talk in station.talk(scope) {
                let (name, organisation) =
                    speaker_of(station, &Speaker::Participant(talk.participant.clone()));
                out.write_record([
                    cells.text(&station.id),
                    cells.text(scope.unwrap_or_default()),
                    cells.text(&talk.participant),
                    cells.text(&name),
                    cells.text(&organisation),
                    talk.turns.to_string(),
                    cells.minutes(talk.total),
                ])?;
            }
        }
    }
    finish(out)
}

fn captures(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record(["station", "block", "kind", "time", "text", "owner", "due", "protocol"])?;
    for station in &protocol.stats.stations {
        for captured in &station.captures {
            out.write_record([
                cells.text(&station.id),
                cells.text(captured.block.as_deref().unwrap_or_default()),
                capture_key(captured.kind).to_string(),
                cells.time(station.local(captured.at)),
                cells.text(&captured.text),
                captured
                    .owner
                    .as_deref()
                    .map_or_else(String::new, |owner| cells.text(&person(station, owner))),
                captured.due.map_or_else(String::new, |due| cells.date(due)),
                captured.protocol.to_string(),
            ])?;
        }
    }
    finish(out)
}

fn groups(protocol: &Protocol, cells: Cells) -> io::Result<Vec<u8>> {
    let mut out = cells.writer();
    out.write_record([
        "station",
        "block",
        "kind",
        "round",
        "group",
        "participant_id",
        "participant",
        "organisation",
    ])?;
    for station in &protocol.stats.stations {
        for group in &station.groups {
            let kind = match group.kind {
                GroupKind::Exchange => "exchange",
                GroupKind::Consultation => "consultation",
            };
            for member in &group.members {
                let (name, organisation) = speaker_of(station, &Speaker::Participant(member.clone()));
                out.write_record([
                    cells.text(&station.id),
                    cells.text(&group.block),
                    kind.to_string(),
                    group.round.to_string(),
                    group.number.to_string(),
                    cells.text(member),
                    cells.text(&name),
                    cells.text(&organisation),
                ])?;
            }
        }
    }
    finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_have_two_decimals_in_the_dialects_mark() {
        let rfc = Cells { dialect: CsvDialect::Rfc, formulas: Formulas::Neutralised };
        let de = Cells { dialect: CsvDialect::ExcelDe, formulas: Formulas::Neutralised };
        let raw = Cells { dialect: CsvDialect::Rfc, formulas: Formulas::Raw };
        assert_eq!(rfc.minutes(TimeDelta::seconds(90)), "1.50");
        assert_eq!(de.minutes(TimeDelta::seconds(90)), "1,50");
        assert_eq!(rfc.minutes(TimeDelta::seconds(-20)), "-0.33");
        assert_eq!(rfc.minutes(TimeDelta::zero()), "0.00");
        assert_eq!(de.text("=SUMME(A1)"), "'=SUMME(A1)");
        assert_eq!(rfc.text("=SUMME(A1)"), "'=SUMME(A1)");
        assert_eq!(rfc.text("\tx"), "' x");
        assert_eq!(raw.text("=SUMME(A1)"), "=SUMME(A1)");
        assert_eq!(raw.text("a\u{1b}]52;c;x\u{7}b"), "a]52;c;xb");
    }
}
