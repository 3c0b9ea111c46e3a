//! The agenda and the run sheet as Markdown: to paste into a mail or a wiki.

use std::fmt::Write;

use super::{Audience, Row, Sheet, settings, sheets};
use crate::i18n::{AgendaLabel, AgendaMsg, Lang};
use crate::plan::{Journey, Station, fmt_duration, fmt_minute_of_day};

/// The stations' agenda (or run sheet) as one Markdown document.
pub fn markdown(journey: &Journey, stations: &[&Station], audience: Audience) -> String {
    let lang = journey.language;
    let mut out = String::new();
    let _ = writeln!(out, "# {}", escape(&super::clean(&journey.title)));
    for sheet in sheets(journey, stations) {
        let heading = match audience {
            Audience::Participants => AgendaLabel::Agenda.text(lang),
            Audience::Facilitator => AgendaLabel::RunSheet.text(lang),
        };
        let _ = writeln!(out, "\n## {}: {}\n", heading, escape(&super::clean(&sheet.station.title)));
        for (label, value) in &sheet.facts {
            let _ = writeln!(out, "- **{}:** {}", label.text(lang), escape(value));
        }
        out.push('\n');
        match audience {
            Audience::Participants => participants(&mut out, &sheet, lang),
            Audience::Facilitator => facilitator(&mut out, journey, &sheet, lang),
        }
        if let Some(note) = &sheet.zone_note {
            // One blank line before it, whatever the last block ended with.
            while out.ends_with("\n\n") {
                out.pop();
            }
            let _ = writeln!(out, "\n{}", escape(note));
        }
    }
    out
}

fn participants(out: &mut String, sheet: &Sheet, lang: Lang) {
    let _ = writeln!(out, "| {} | {} |", AgendaLabel::Start.text(lang), AgendaLabel::Item.text(lang));
    out.push_str("|---|---|\n");
    for row in &sheet.rows {
        let mut item = escape(&super::clean(&row.block.title));
        if let Some(with) = &row.with {
            let _ = write!(item, " – {} {}", AgendaLabel::With.text(lang), escape(with));
        }
        let _ = writeln!(out, "| {} | {} |", fmt_minute_of_day(row.start), item);
    }
}

fn facilitator(out: &mut String, journey: &Journey, sheet: &Sheet, lang: Lang) {
    for row in &sheet.rows {
        if let (Some(minutes), Some(_)) = (row.buffer, row.block.fixed_start) {
            let buffer = AgendaMsg::BufferBefore { minutes, fixed: fmt_minute_of_day(row.start) };
            let _ = writeln!(out, "> {}\n", escape(&buffer.text(lang)));
        }
        block(out, journey, row, lang);
    }
}

fn block(out: &mut String, journey: &Journey, row: &Row, lang: Lang) {
    let block = row.block;
    let pinned = if block.fixed_start.is_some() {
        format!(" **[{}]**", AgendaLabel::Fixed.text(lang))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "### {}–{} · {}{}\n",
        fmt_minute_of_day(row.start),
        fmt_minute_of_day(row.end),
        escape(&super::clean(&block.title)),
        pinned,
    );
    let _ = writeln!(
        out,
        "- **{}:** {} · **{}:** {}",
        AgendaLabel::Kind.text(lang),
        block.kind.text(lang),
        AgendaLabel::Duration.text(lang),
        fmt_duration(block.minutes)
    );
    if let Some(speaker) = &block.speaker {
        let _ =
            writeln!(out, "- **{}:** {}", AgendaLabel::Speaker.text(lang), escape(&super::clean(speaker)));
    }
    if let Some(owner) = &block.owner {
        let _ = writeln!(
            out,
            "- **{}:** {}",
            AgendaLabel::Owner.text(lang),
            escape(&super::name_of(journey, owner))
        );
    }
    for setting in settings(journey, &block.method, lang) {
        match setting.values.as_slice() {
            [value] => {
                let _ = writeln!(out, "- **{}:** {}", setting.label.text(lang), escape(value));
            }
            values => {
                let _ = writeln!(out, "- **{}:**", setting.label.text(lang));
                for value in values {
                    let _ = writeln!(out, "  - {}", escape(value));
                }
            }
        }
    }
    if let Some(notes) = &block.notes {
        let notes = super::clean_lines(notes);
        let _ = writeln!(
            out,
            "- **{}:** {}",
            AgendaLabel::Notes.text(lang),
            escape(&notes).replace('\n', "  \n  ")
        );
    }
    out.push('\n');
}

/// Plan text as Markdown shows it literally: its marks escaped, so a title
/// with `*` or `|` neither turns bold nor breaks the table.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
