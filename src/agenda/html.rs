//! The agenda and the run sheet as one self-contained HTML file: a printable
//! A4 page per station, its style inline, no scripts, nothing fetched.

use crate::core::text::html_escape as escape;
use std::fmt::Write;

use super::{Audience, Row, Sheet, settings, sheets};
use crate::i18n::{AgendaLabel, AgendaMsg, Lang};
use crate::plan::{Journey, Station, fmt_duration, fmt_minute_of_day};

const STYLE: &str = "\
@page { size: A4; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: \"Segoe UI\", Helvetica, Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 0; line-height: 1.35; }
.station { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
.station + .station { break-before: page; page-break-before: always; }
.journey { font-size: 10pt; color: #555; margin: 0 0 2mm; text-transform: uppercase; letter-spacing: 0.04em; }
h1 { font-size: 20pt; margin: 0 0 5mm; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0 0 6mm; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: 1.6mm 2mm; border-bottom: 0.3mm solid #ccc; }
th { border-bottom: 0.5mm solid #111; font-size: 9pt; text-transform: uppercase; letter-spacing: 0.03em; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; width: 1%; }
tr { break-inside: avoid; page-break-inside: avoid; }
.with { color: #444; }
.fixed { font-size: 8pt; font-weight: 600; text-transform: uppercase; border: 0.3mm solid #111; border-radius: 1mm; padding: 0 1mm; margin-left: 1mm; white-space: nowrap; }
tr.buffer td { color: #555; font-style: italic; border-bottom-style: dashed; }
.details { margin: 1mm 0 0; padding-left: 4mm; font-size: 9.5pt; }
.details li { margin: 0.5mm 0; }
.notes { white-space: pre-line; background: #f4f4f4; padding: 1mm 2mm; margin-top: 1mm; }
.zone { margin-top: 4mm; font-size: 9pt; color: #555; }
@media print { .station { padding: 0; max-width: none; } }
";

/// The stations' agenda (or run sheet) as one HTML document, a page per station.
pub fn html(journey: &Journey, stations: &[&Station], audience: Audience) -> String {
    let lang = journey.language;
    let title = match audience {
        Audience::Participants => AgendaLabel::Agenda.text(lang),
        Audience::Facilitator => AgendaLabel::RunSheet.text(lang),
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} · {}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        match lang {
            Lang::De => "de",
            Lang::En => "en",
        },
        escape(title),
        escape(&super::clean(&journey.title)),
    );
    for sheet in sheets(journey, stations) {
        let _ = writeln!(out, "<section class=\"station\" id=\"{}\">", escape(&sheet.station.id));
        let _ = writeln!(out, "<p class=\"journey\">{}</p>", escape(&super::clean(&journey.title)));
        let _ = writeln!(out, "<h1>{}: {}</h1>", escape(title), escape(&super::clean(&sheet.station.title)));
        out.push_str("<dl class=\"facts\">\n");
        for (label, value) in &sheet.facts {
            let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label.text(lang)), escape(value));
        }
        out.push_str("</dl>\n");
        match audience {
            Audience::Participants => participants(&mut out, &sheet, lang),
            Audience::Facilitator => facilitator(&mut out, journey, &sheet, lang),
        }
        if let Some(note) = &sheet.zone_note {
            let _ = writeln!(out, "<p class=\"zone\">{}</p>", escape(note));
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn participants(out: &mut String, sheet: &Sheet, lang: Lang) {
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(AgendaLabel::Start.text(lang)),
        escape(AgendaLabel::Item.text(lang))
    );
    for row in &sheet.rows {
        let with = row.with.as_ref().map_or_else(String::new, |with| {
            format!(
                "<br><span class=\"with\">{} {}</span>",
                escape(AgendaLabel::With.text(lang)),
                escape(with)
            )
        });
        let _ = writeln!(
            out,
            "<tr><td class=\"time\">{}</td><td>{}{}</td></tr>",
            fmt_minute_of_day(row.start),
            escape(&super::clean(&row.block.title)),
            with
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn facilitator(out: &mut String, journey: &Journey, sheet: &Sheet, lang: Lang) {
    let _ = writeln!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(AgendaLabel::Time.text(lang)),
        escape(AgendaLabel::Duration.text(lang)),
        escape(AgendaLabel::Item.text(lang))
    );
    for row in &sheet.rows {
        if let (Some(minutes), Some(_)) = (row.buffer, row.block.fixed_start) {
            let buffer = AgendaMsg::BufferBefore { minutes, fixed: fmt_minute_of_day(row.start) };
            let _ = writeln!(
                out,
                "<tr class=\"buffer\"><td></td><td></td><td>{}</td></tr>",
                escape(&buffer.text(lang))
            );
        }
        block(out, journey, row, lang);
    }
    out.push_str("</tbody>\n</table>\n");
}

fn block(out: &mut String, journey: &Journey, row: &Row, lang: Lang) {
    let block = row.block;
    let pinned = if block.fixed_start.is_some() {
        format!(" <span class=\"fixed\">{}</span>", escape(AgendaLabel::Fixed.text(lang)))
    } else {
        String::new()
    };
    let mut details = String::new();
    let mut item = |label: AgendaLabel, value: &str| {
        let _ = writeln!(details, "<li><b>{}:</b> {}</li>", escape(label.text(lang)), value);
    };
    item(AgendaLabel::Kind, &escape(block.kind.text(lang)));
    if let Some(speaker) = &block.speaker {
        item(AgendaLabel::Speaker, &escape(&super::clean(speaker)));
    }
    if let Some(owner) = &block.owner {
        item(AgendaLabel::Owner, &escape(&super::name_of(journey, owner)));
    }
    for setting in settings(journey, &block.method, lang) {
        let value = match setting.values.as_slice() {
            [value] => escape(value),
            values => {
                let list: String = values.iter().map(|value| format!("<li>{}</li>", escape(value))).collect();
                format!("<ul>{list}</ul>")
            }
        };
        item(setting.label, &value);
    }
    let notes = block.notes.as_ref().map_or_else(String::new, |notes| {
        format!(
            "<div class=\"notes\"><b>{}:</b> {}</div>",
            escape(AgendaLabel::Notes.text(lang)),
            escape(&super::clean_lines(notes))
        )
    });
    let _ = writeln!(
        out,
        "<tr><td class=\"time\">{}–{}</td><td class=\"time\">{}</td><td><b>{}</b>{}<ul class=\"details\">\n{}</ul>{}</td></tr>",
        fmt_minute_of_day(row.start),
        fmt_minute_of_day(row.end),
        fmt_duration(block.minutes),
        escape(&super::clean(&block.title)),
        pinned,
        details,
        notes
    );
}
