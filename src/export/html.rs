//! The protocol as one self-contained HTML file: its style inline, no
//! scripts, nothing fetched; the timeline (planned against actual, a bar per
//! block) and the talk time (a bar per speaker) drawn as inline SVG. Printed
//! to A4 each station starts on a new page and no chart is cut.

use crate::core::text::html_escape as escape;
use std::fmt::Write;

use chrono::TimeDelta;

use super::{
    Class, Protocol, action_owner, agenda_rows, attendance, clean, clock, consultation, counts, discussions,
    facts, members, network, notes, organisations, speakers, takeaway_label, takeaways,
};
use crate::core::Timestamp;
use crate::core::contacts::GroupKind;
use crate::core::stats::StationStats;
use crate::i18n::{AgendaMsg, ExportLabel, ExportMsg, Lang};

const STYLE: &str = "\
@page { size: A4; margin: 15mm 14mm; }
* { box-sizing: border-box; }
body { font-family: \"Segoe UI\", Helvetica, Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; line-height: 1.35; }
main { max-width: 182mm; margin: 0 auto; padding: 10mm 0; }
.station + .station { break-before: page; page-break-before: always; margin-top: 12mm; }
.journey { font-size: 9pt; color: #555; margin: 0 0 1mm; text-transform: uppercase; letter-spacing: 0.04em; }
h1 { font-size: 18pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; border-bottom: 0.4mm solid #111; padding-bottom: 0.8mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.8mm 5mm; margin: 0 0 3mm; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
p.small { font-size: 8.5pt; color: #555; margin: 1mm 0; }
table { width: 100%; border-collapse: collapse; margin: 1mm 0 2mm; }
th, td { text-align: left; vertical-align: top; padding: 1.1mm 1.6mm; border-bottom: 0.25mm solid #ccc; }
th { border-bottom: 0.45mm solid #111; font-size: 8pt; text-transform: uppercase; letter-spacing: 0.02em; }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.agenda { font-size: 9pt; }
table.narrow th.num, table.narrow td.num { width: 1%; white-space: nowrap; }
table.agenda th { font-size: 7.5pt; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
.inserted { font-size: 8pt; color: #555; font-style: italic; }
.late { color: #a3330c; }
ul { margin: 0.5mm 0 2mm; padding-left: 5mm; }
li { margin: 0.4mm 0; }
.case { break-inside: avoid; page-break-inside: avoid; margin: 1.5mm 0; }
.case .roles { color: #333; }
.confidential { border-left: 0.8mm solid #a3330c; padding-left: 2mm; margin: 1mm 0; }
figure.chart { margin: 2mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: 8.5pt; color: #555; margin-top: 1mm; }
svg text { font-family: \"Segoe UI\", Helvetica, Arial, sans-serif; font-size: 11px; fill: #111; }
svg .axis { stroke: #ccc; stroke-width: 1; }
svg .planned { fill: #c9ced6; }
svg .actual { fill: #2f6db5; }
svg .actual.over { fill: #c4562b; }
svg .talk { fill: #2f6db5; }
svg .muted { fill: #666; }
.key { font-weight: 700; }
.key.planned { color: #c9ced6; }
.key.actual { color: #2f6db5; }
.key.over { color: #c4562b; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 0.3mm solid #999; font-size: 8.5pt; color: #444; break-inside: avoid; }
footer p { margin: 0.5mm 0; }
@media print { main { padding: 0; max-width: none; } }
";

/// The protocol of the stations exported, as one HTML document.
pub fn html(protocol: &Protocol) -> String {
    let lang = protocol.lang;
    let title = clean(&protocol.stats.title);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} · {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<main>\n",
        match lang {
            Lang::De => "de",
            Lang::En => "en",
        },
        escape(protocol.title().text(lang)),
        escape(&title),
    );
    for station in &protocol.stats.stations {
        station_part(&mut out, protocol, station, &title);
    }
    if let Some(line) = network(protocol) {
        let _ =
            writeln!(out, "<h2>{}</h2>\n<p>{}</p>", escape(ExportLabel::Network.text(lang)), escape(&line));
    }
    out.push_str("<footer>\n");
    for line in protocol.footer() {
        let _ = writeln!(out, "<p>{}</p>", escape(&line));
    }
    out.push_str("</footer>\n</main>\n</body>\n</html>\n");
    out
}

fn station_part(out: &mut String, protocol: &Protocol, station: &StationStats, journey: &str) {
    let lang = protocol.lang;
    let _ = writeln!(out, "<section class=\"station\" id=\"{}\">", escape(&station.id));
    let _ = writeln!(
        out,
        "<p class=\"journey\">{} · {}</p>",
        escape(protocol.title().text(lang)),
        escape(journey)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&clean(&station.title)));
    out.push_str("<dl class=\"facts\">\n");
    for (label, value) in facts(protocol, station) {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label.text(lang)), escape(&value));
    }
    out.push_str("</dl>\n");
    let _ = writeln!(
        out,
        "<p class=\"small\">{}</p>",
        escape(&ExportMsg::NewContacts { count: station.new_contacts }.text(lang))
    );
    agenda(out, protocol, station);
    attendance_part(out, protocol, station);
    counts_part(out, protocol, station);
    discussion_parts(out, protocol, station);
    takeaway_part(out, protocol, station);
    consultation_parts(out, protocol, station);
    group_parts(out, protocol, station);
    talk_part(out, protocol, station);
    notes_part(out, protocol, station);
    out.push_str("</section>\n");
}

fn agenda(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let _ = writeln!(out, "<h2>{}</h2>", escape(ExportLabel::Agenda.text(lang)));
    out.push_str("<table class=\"agenda\">\n<thead><tr>");
    let mut headers = vec![
        ("#", "num"),
        (ExportLabel::Item.text(lang), ""),
        (ExportLabel::Planned.text(lang), ""),
        (ExportLabel::Actual.text(lang), ""),
        (ExportLabel::PlannedDuration.text(lang), "num"),
        (ExportLabel::ActualDuration.text(lang), "num"),
    ];
    if protocol.shows(Class::Drift) {
        headers.push((ExportLabel::Difference.text(lang), "num"));
    }
    headers.push((ExportLabel::State.text(lang), ""));
    for (header, class) in headers {
        let _ = write!(out, "<th class=\"{class}\">{}</th>", escape(header));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in agenda_rows(protocol, station) {
        let inserted = if row.inserted {
            format!(" <span class=\"inserted\">({})</span>", escape(ExportLabel::Inserted.text(lang)))
        } else {
            String::new()
        };
        let difference = row.difference.map_or_else(String::new, |difference| {
            let late = if difference.starts_with('+') { " late" } else { "" };
            format!("<td class=\"num{late}\">{}</td>", escape(&difference))
        });
        let _ = writeln!(
            out,
            "<tr><td class=\"num\">{}</td><td><b>{}</b>{}<br><span class=\"inserted\">{}</span></td><td class=\"time\">{}</td><td class=\"time\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{difference}<td>{}</td></tr>",
            row.index,
            escape(&row.title),
            inserted,
            escape(row.kind),
            escape(&row.planned),
            escape(&row.actual),
            escape(&row.planned_length),
            escape(&row.actual_length),
            escape(row.state),
        );
    }
    out.push_str("</tbody>\n</table>\n");
    timeline(out, protocol, station);
    if let Some(zone) = station.zone {
        let _ = writeln!(
            out,
            "<p class=\"small\">{}</p>",
            escape(&AgendaMsg::TimesIn { zone: zone.name().to_string() }.text(lang))
        );
    }
}

/// The most hour lines the timeline's grid draws.
const GRID_LINES: i64 = 24;

/// The chart of the day: per block its planned slot (grey) above when it
/// actually ran (blue; red where it ran longer than planned).
fn timeline(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let mut instants: Vec<Timestamp> = vec![station.planned_start, station.planned_end];
    for block in &station.blocks {
        instants.extend(
            [block.planned_start, block.planned_end, block.started, block.ended].into_iter().flatten(),
        );
    }
    instants.extend(station.last_event);
    let (Some(from), Some(to)) = (instants.iter().min().copied(), instants.iter().max().copied()) else {
        return;
    };
    let span = (to - from).num_seconds().max(60) as f64;
    let (left, width, row) = (190.0, 500.0, 22.0);
    let height = row * station.blocks.len() as f64 + 30.0;
    let x = |at: Timestamp| left + width * ((at - from).num_seconds() as f64 / span);
    let _ = writeln!(
        out,
        "<figure class=\"chart timeline\">\n<svg viewBox=\"0 0 700 {height}\" role=\"img\" aria-label=\"{}\">",
        escape(ExportLabel::Timeline.text(lang))
    );
    // An hour grid in the station's wall clock: every hour, or every few
    // hours so that at most `GRID_LINES` are drawn (a log with a wrong clock,
    // an event years later, gets a few lines, not thousands).
    let hours = (to - from).num_hours() + 1;
    let step = TimeDelta::hours(((hours + GRID_LINES - 1) / GRID_LINES).max(1));
    let label = if step < TimeDelta::days(1) { "%H:%M" } else { "%Y-%m-%d" };
    let mut tick =
        station.local(from).date().and_hms_opt(0, 0, 0).map(|midnight| midnight - station.local(from));
    while let Some(offset) = tick {
        let at = from + offset;
        if at > to {
            break;
        }
        if at >= from {
            let position = x(at);
            let _ = writeln!(
                out,
                "<line class=\"axis\" x1=\"{position:.1}\" y1=\"0\" x2=\"{position:.1}\" y2=\"{:.1}\"/><text class=\"muted\" x=\"{position:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                height - 16.0,
                height - 4.0,
                station.local(at).format(label)
            );
        }
        tick = offset.checked_add(&step);
    }
    for (index, block) in station.blocks.iter().enumerate() {
        let y = row * index as f64 + 2.0;
        let mut title = clean(&block.title);
        if title.chars().count() > 30 {
            title = title.chars().take(29).collect::<String>() + "…";
        }
        let _ = write!(
            out,
            "<g class=\"block\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            y + 13.0,
            escape(&title)
        );
        if let (Some(start), Some(end)) = (block.planned_start, block.planned_end) {
            let _ = write!(
                out,
                "<rect class=\"planned\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"8\"/>",
                x(start),
                (x(end) - x(start)).max(1.0)
            );
        }
        if let Some(started) = block.started {
            let end = block.ended.or(station.last_event).unwrap_or(started);
            let longer = block.difference().is_some_and(|difference| difference > TimeDelta::zero());
            let over = if longer && protocol.shows(Class::Drift) { " over" } else { "" };
            let _ = write!(
                out,
                "<rect class=\"actual{over}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"9\"/>",
                x(started),
                y + 9.0,
                (x(end) - x(started)).max(1.0)
            );
        }
        out.push_str("</g>\n");
    }
    let over = if protocol.shows(Class::Drift) {
        format!(" · <span class=\"key over\">▬</span> {}", escape(ExportLabel::Overran.text(lang)))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}: <span class=\"key planned\">▬</span> {} · <span class=\"key actual\">▬</span> {}{over}</figcaption>\n</figure>",
        escape(ExportLabel::Timeline.text(lang)),
        escape(ExportLabel::Planned.text(lang)),
        escape(ExportLabel::Actual.text(lang)),
    );
}

fn discussion_parts(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    if !protocol.shows(Class::Captures) {
        return;
    }
    for part in discussions(protocol, station) {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&part.title));
        let list = |out: &mut String, label: ExportLabel, items: Vec<String>| {
            if !items.is_empty() {
                let _ = writeln!(out, "<h3>{}</h3>\n<ul>", escape(label.text(lang)));
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", escape(&item));
                }
                out.push_str("</ul>\n");
            }
        };
        list(out, ExportLabel::Questions, part.questions.iter().map(|question| clean(question)).collect());
        list(
            out,
            ExportLabel::Decisions,
            part.decisions.iter().map(|captured| clean(&captured.text)).collect(),
        );
        if !part.actions.is_empty() {
            let _ = writeln!(
                out,
                "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
                escape(ExportLabel::Actions.text(lang)),
                escape(ExportLabel::Task.text(lang)),
                escape(ExportLabel::Owner.text(lang)),
                escape(ExportLabel::Due.text(lang))
            );
            for captured in &part.actions {
                let (owner, due) = action_owner(protocol, station, captured);
                let _ = writeln!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td class=\"time\">{}</td></tr>",
                    escape(&clean(&captured.text)),
                    escape(&owner),
                    escape(&due)
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
        list(out, ExportLabel::Parked, part.parked.iter().map(|captured| clean(&captured.text)).collect());
    }
}

fn takeaway_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let taken = takeaways(station);
    if taken.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", escape(ExportLabel::Takeaways.text(protocol.lang)));
    for captured in taken {
        let label = takeaway_label(protocol, station, captured);
        let _ = writeln!(out, "<li><b>{}:</b> {}</li>", escape(&label), escape(&clean(&captured.text)));
    }
    out.push_str("</ul>\n");
}

fn consultation_parts(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    for found in &station.consultations {
        let title =
            station.block(&found.block).map_or_else(|| found.block.clone(), |block| clean(&block.title));
        let (template, cases) = consultation(protocol, station, found);
        let _ = writeln!(
            out,
            "<h2>{}: {}</h2>\n<p class=\"small\">{}</p>",
            escape(ExportLabel::Consultations.text(lang)),
            escape(&title),
            escape(&template)
        );
        for case in cases {
            let mut roles: Vec<String> = case
                .roles
                .iter()
                .map(|(role, name)| format!("{}: <b>{}</b>", escape(role), escape(name)))
                .collect();
            roles.push(format!(
                "{}: {}",
                escape(ExportLabel::Consultants.text(lang)),
                escape(&case.consultants)
            ));
            if let Some(method) = &case.method {
                roles.push(format!("{}: {}", escape(ExportLabel::Method.text(lang)), escape(method)));
            }
            let _ = writeln!(
                out,
                "<div class=\"case\"><h3>{}</h3><div class=\"roles\">{}</div>",
                escape(&case.heading),
                roles.join(" · ")
            );
            if !case.confidential.is_empty() || !case.ideas.is_empty() {
                out.push_str("<div class=\"confidential\">\n");
                for (label, text) in &case.confidential {
                    let _ = writeln!(out, "<p><b>{}:</b> {}</p>", escape(label.text(lang)), escape(text));
                }
                if !case.ideas.is_empty() {
                    let _ = writeln!(out, "<p><b>{}:</b></p>\n<ul>", escape(ExportLabel::Ideas.text(lang)));
                    for idea in &case.ideas {
                        let _ = writeln!(out, "<li>{}</li>", escape(idea));
                    }
                    out.push_str("</ul>\n");
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
    }
}

fn group_parts(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let mut blocks: Vec<&str> = Vec::new();
    for group in &station.groups {
        if !blocks.contains(&group.block.as_str()) {
            blocks.push(&group.block);
        }
    }
    for block in blocks {
        let title = station.block(block).map_or_else(|| block.to_string(), |block| clean(&block.title));
        let _ = writeln!(
            out,
            "<h2>{}: {}</h2>\n<table class=\"narrow\">\n<thead><tr><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>",
            escape(ExportLabel::Groups.text(lang)),
            escape(&title),
            escape(ExportLabel::Round.text(lang)),
            escape(ExportLabel::Group.text(lang)),
            escape(ExportLabel::Members.text(lang))
        );
        for group in station.groups.iter().filter(|group| group.block == block) {
            let round = match group.kind {
                GroupKind::Exchange => group.round.to_string(),
                GroupKind::Consultation => "–".to_string(),
            };
            let _ = writeln!(
                out,
                "<tr><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                round,
                group.number,
                escape(&members(station, &group.members))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

fn attendance_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    if !protocol.shows(Class::Attendance) {
        return;
    }
    let lang = protocol.lang;
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(ExportLabel::Attendance.text(lang)),
        escape(ExportLabel::Person.text(lang)),
        escape(ExportLabel::Organisation.text(lang)),
        escape(ExportLabel::BlocksPresent.text(lang)),
        escape(ExportLabel::MinutesPresent.text(lang)),
        escape(ExportLabel::Remark.text(lang)),
    );
    for row in attendance(protocol, station) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&row.name),
            escape(&row.organisation),
            escape(&row.blocks),
            row.minutes,
            escape(&row.remark)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn counts_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lines = counts(protocol, station);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", escape(ExportLabel::Counts.text(protocol.lang)));
    for (label, count) in lines {
        let _ = writeln!(out, "<li>{}: {count}</li>", escape(label.text(protocol.lang)));
    }
    out.push_str("</ul>\n");
}

fn talk_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    if !protocol.shows(Class::TalkPerPerson) && !protocol.shows(Class::TalkPerOrganisation) {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>", escape(ExportLabel::TalkTime.text(lang)));
    let speakers = speakers(station);
    if speakers.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&ExportMsg::NoTurns.text(lang)));
        return;
    }
    if protocol.shows(Class::TalkPerPerson) {
        person_talk(out, protocol, &speakers);
    }
    organisation_talk(out, protocol, station);
}

/// The talk time per person: a bar per speaker and the table.
fn person_talk(out: &mut String, protocol: &Protocol, speakers: &[(String, String, usize, TimeDelta)]) {
    let lang = protocol.lang;
    // The chart: a bar per speaker, the longest the full width.
    let longest =
        speakers.iter().map(|(_, _, _, total)| total.num_seconds()).max().unwrap_or(1).max(1) as f64;
    let (left, width, row) = (190.0, 440.0, 20.0);
    let height = row * speakers.len() as f64 + 4.0;
    let _ = writeln!(
        out,
        "<figure class=\"chart talk-time\">\n<svg viewBox=\"0 0 700 {height}\" role=\"img\" aria-label=\"{}\">",
        escape(ExportLabel::TalkTime.text(lang))
    );
    for (index, (name, _, _, total)) in speakers.iter().enumerate() {
        let y = row * index as f64 + 2.0;
        let bar = (width * total.num_seconds() as f64 / longest).max(1.0);
        let _ = writeln!(
            out,
            "<g class=\"speaker\"><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect class=\"talk\" x=\"{left:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"14\"/><text class=\"muted\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            left - 6.0,
            y + 11.0,
            escape(name),
            left + bar + 5.0,
            y + 11.0,
            clock(*total)
        );
    }
    let _ = writeln!(out, "</svg>\n</figure>");
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>",
        escape(ExportLabel::Person.text(lang)),
        escape(ExportLabel::Organisation.text(lang)),
        escape(ExportLabel::Turns.text(lang)),
        escape(ExportLabel::TalkTime.text(lang))
    );
    for (name, organisation, turns, total) in speakers {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(name),
            escape(organisation),
            turns,
            clock(*total)
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The talk time per organisation, as a table.
fn organisation_talk(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let organisations = organisations(station);
    if protocol.shows(Class::TalkPerOrganisation) && !organisations.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>",
            escape(ExportLabel::TalkByOrganisation.text(lang)),
            escape(ExportLabel::Organisation.text(lang)),
            escape(ExportLabel::TalkTime.text(lang))
        );
        for (organisation, total) in organisations {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                escape(&organisation),
                clock(total)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
}

fn notes_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let notes = notes(station);
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "<h2>{}</h2>\n<ul>", escape(ExportLabel::Notes.text(protocol.lang)));
    for (when, captured) in notes {
        let _ = writeln!(out, "<li><b>{}:</b> {}</li>", escape(&when), escape(&clean(&captured.text)));
    }
    out.push_str("</ul>\n");
}
