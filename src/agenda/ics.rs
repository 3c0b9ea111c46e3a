//! The agenda as calendar entries (iCalendar, RFC 5545), for the offices that
//! put it in Outlook or Thunderbird: one event per station with the agenda in
//! its description, or one per block. The UIDs come from the journey's,
//! station's and block's ids, so an updated agenda updates the entries it
//! sent before; SEQUENCE grows with the export time, so the update wins.

use std::collections::BTreeSet;
use std::fmt::Write;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc, Weekday};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, Property};

use super::{Sheet, sheets};
use crate::i18n::{AgendaLabel, Lang};
use crate::plan::{Journey, Station, Zone, fmt_minute_of_day, minute_of_day, wall_clock};

/// The SEQUENCE of an export at `stamp`: seconds since 2020, so every later
/// export (a second or more later) carries a higher one. Fits the 31 bits
/// calendar programs keep until 2088.
pub fn sequence(stamp: DateTime<Utc>) -> u32 {
    let epoch = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).single().unwrap_or(stamp);
    u32::try_from((stamp - epoch).num_seconds().max(0)).unwrap_or(u32::MAX).min(i32::MAX as u32)
}

/// The stations as an iCalendar file (CRLF line ends, long lines folded):
/// one event per station, or per block with `per_block`, exported at `stamp`.
pub fn ics(journey: &Journey, stations: &[&Station], per_block: bool, stamp: DateTime<Utc>) -> String {
    let lang = journey.language;
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new("PRODID", "-//moderato//agenda//EN"));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    calendar.append_property(Property::new("X-WR-CALNAME", super::clean(&journey.title)));
    let sequence = sequence(stamp);
    for sheet in sheets(journey, stations) {
        let station = sheet.station;
        let zone = zone_of(station);
        let at = |minute: u32| CalendarDateTime::WithTimezone {
            date_time: wall_clock(station.date, minute),
            tzid: zone.name().to_string(),
        };
        let event = |uid: String, summary: String, start: u32, end: u32, description: String| {
            Event::new()
                .uid(&uid)
                .timestamp(stamp)
                .sequence(sequence)
                .summary(&summary)
                .location(&super::clean(&station.place))
                .starts(at(start))
                .ends(at(end))
                .description(&description)
                .done()
        };
        if per_block {
            for row in &sheet.rows {
                let mut description = super::clean(&station.title);
                if let Some(with) = &row.with {
                    let _ = write!(description, "\n{} {with}", AgendaLabel::With.text(lang));
                }
                calendar.push(event(
                    format!("{}-{}-{}@moderato", journey.id, station.id, row.block.id),
                    super::clean(&row.block.title),
                    row.start,
                    row.end,
                    description,
                ));
            }
        } else {
            calendar.push(event(
                format!("{}-{}@moderato", journey.id, station.id),
                format!("{}: {}", super::clean(&journey.title), super::clean(&station.title)),
                minute_of_day(station.start),
                minute_of_day(station.end),
                description(&sheet, lang),
            ));
        }
    }
    let text = calendar.to_string();
    let zones: BTreeSet<&str> = stations.iter().map(|station| zone_of(station).name()).collect();
    let years = stations.iter().map(|station| station.date.year());
    let (first, last) = (years.clone().min().unwrap_or(2000), years.max().unwrap_or(2000));
    let timezones: String =
        zones.into_iter().filter_map(Zone::from_name).map(|zone| vtimezone(zone, first, last)).collect();
    // The crate writes no VTIMEZONE (and would give any other component a
    // DTSTAMP and a UID, which a VTIMEZONE must not have): ours go before the events.
    match text.find("BEGIN:VEVENT\r\n") {
        Some(at) => format!("{}{timezones}{}", &text[..at], &text[at..]),
        None => text.replacen("END:VCALENDAR\r\n", &format!("{timezones}END:VCALENDAR\r\n"), 1),
    }
}

/// The station's zone; a plan only parsed, never loaded, has none: UTC then.
fn zone_of(station: &Station) -> Zone {
    station.timezone.unwrap_or(Zone(Tz::UTC))
}

/// The station entry's description: its facts, then the agenda, a line per block.
fn description(sheet: &Sheet, lang: Lang) -> String {
    let mut out = String::new();
    for (label, value) in &sheet.facts {
        let _ = writeln!(out, "{}: {value}", label.text(lang));
    }
    let _ = writeln!(out, "\n{}:", AgendaLabel::Agenda.text(lang));
    for row in &sheet.rows {
        let _ = write!(out, "{} {}", fmt_minute_of_day(row.start), super::clean(&row.block.title));
        if let Some(with) = &row.with {
            let _ = write!(out, " ({} {with})", AgendaLabel::With.text(lang));
        }
        out.push('\n');
    }
    if let Some(note) = &sheet.zone_note {
        let _ = write!(out, "\n{note}");
    }
    out.trim_end().to_string()
}

/// A VTIMEZONE for `zone` with its transitions from the year before `first`
/// to the year after `last`, found in the zone database: each change of
/// offset listed as it happened, and the last switch of each kind also as a
/// yearly rule, for calendar programs that keep one standard and one daylight
/// rule per zone and for entries after the stations' years.
fn vtimezone(zone: Zone, first: i32, last: i32) -> String {
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.name());
    let mut observances = transitions(zone.0, first, last);
    for kind in [Kind::Standard, Kind::Daylight] {
        let both = observances.iter().any(|o| o.kind == Kind::Standard)
            && observances.iter().any(|o| o.kind == Kind::Daylight);
        if let Some(last) =
            observances.iter_mut().rev().find(|observance| observance.kind == kind).filter(|_| both)
        {
            last.yearly = true;
        }
    }
    for observance in &observances {
        out.push_str(&observance.render());
    }
    out + "END:VTIMEZONE\r\n"
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Standard,
    Daylight,
}

/// From `onset` (the local time it replaces) on, the offset is `to_secs`.
struct Observance {
    kind: Kind,
    onset: NaiveDateTime,
    from_secs: i32,
    to_secs: i32,
    name: Option<String>,
    /// Also repeats every year on the same weekday of the month.
    yearly: bool,
}

impl Observance {
    fn render(&self) -> String {
        let kind = match self.kind {
            Kind::Standard => "STANDARD",
            Kind::Daylight => "DAYLIGHT",
        };
        let mut out = format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            self.onset.format("%Y%m%dT%H%M%S"),
            utc_offset(self.from_secs),
            utc_offset(self.to_secs)
        );
        if self.yearly {
            let _ = write!(
                out,
                "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={}\r\n",
                self.onset.month(),
                by_day(self.onset.date())
            );
        }
        if let Some(name) = &self.name {
            let _ = write!(out, "TZNAME:{name}\r\n");
        }
        out + &format!("END:{kind}\r\n")
    }
}

/// The weekday of the month a date is, as a yearly rule names it: `-1SU` for
/// the last Sunday, `2MO` for the second Monday.
fn by_day(date: NaiveDate) -> String {
    let day = match date.weekday() {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    };
    let last_of_month = (date + TimeDelta::days(7)).month() != date.month();
    if last_of_month { format!("-1{day}") } else { format!("{}{day}", date.day0() / 7 + 1) }
}

/// Every change of offset of `tz` around the years, found hour by hour and
/// then to the minute; a zone without any gets one observance from 1970 on.
fn transitions(tz: Tz, first: i32, last: i32) -> Vec<Observance> {
    let (Some(start), Some(end)) = (
        Utc.with_ymd_and_hms(first - 1, 1, 1, 0, 0, 0).single(),
        Utc.with_ymd_and_hms(last + 2, 1, 1, 0, 0, 0).single(),
    ) else {
        return Vec::new();
    };
    let offset_at = |at: DateTime<Utc>| tz.offset_from_utc_datetime(&at.naive_utc());
    let seconds = |offset: &<Tz as TimeZone>::Offset| offset.fix().local_minus_utc();
    let same = |a: &<Tz as TimeZone>::Offset, b: &<Tz as TimeZone>::Offset| {
        seconds(a) == seconds(b) && a.abbreviation() == b.abbreviation()
    };
    let observance = |onset: DateTime<Utc>, from: i32, to: &<Tz as TimeZone>::Offset| Observance {
        kind: if to.dst_offset().is_zero() { Kind::Standard } else { Kind::Daylight },
        onset: onset.naive_utc() + TimeDelta::seconds(i64::from(from)),
        from_secs: from,
        to_secs: seconds(to),
        name: to.abbreviation().map(str::to_string),
        yearly: false,
    };
    let mut current = offset_at(start);
    let mut found = Vec::new();
    let mut hour = start;
    while hour < end {
        let next = hour + TimeDelta::hours(1);
        let offset = offset_at(next);
        if !same(&offset, &current) {
            // The minute of the change, within this hour.
            let (mut before, mut after) = (0i64, 60i64);
            while after - before > 1 {
                let middle = (before + after) / 2;
                if same(&offset_at(hour + TimeDelta::minutes(middle)), &current) {
                    before = middle;
                } else {
                    after = middle;
                }
            }
            found.push(observance(hour + TimeDelta::minutes(after), seconds(&current), &offset));
            current = offset;
        }
        hour = next;
    }
    if found.is_empty() {
        let offset = seconds(&current);
        let epoch = Utc.with_ymd_and_hms(1970, 1, 1, 0, 0, 0).single().unwrap_or(start);
        found.push(observance(epoch - TimeDelta::seconds(i64::from(offset)), offset, &current));
    }
    found
}

/// `+0100`, `-0500`, `+0530`; seconds only when there are any.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let total = seconds.unsigned_abs();
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60);
    if secs == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{secs:02}")
    }
}
