//! The protocol as Markdown: to paste into a mail or a wiki, readable as
//! plain text and rendered cleanly by any CommonMark viewer.

use std::fmt::Write;

use super::{
    Class, Protocol, action_owner, agenda_rows, attendance, clean, clock, consultation, counts, discussions,
    facts, members, network, notes, organisations, speakers, takeaway_label, takeaways,
};
use crate::core::contacts::GroupKind;
use crate::core::stats::StationStats;
use crate::i18n::{AgendaMsg, ExportLabel, ExportMsg};

/// The protocol of the stations exported, as one Markdown document.
pub fn markdown(protocol: &Protocol) -> String {
    let lang = protocol.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}: {}", protocol.title().text(lang), escape(&clean(&protocol.stats.title)));
    for station in &protocol.stats.stations {
        station_part(&mut out, protocol, station);
    }
    if let Some(line) = network(protocol) {
        let _ = writeln!(out, "\n## {}\n\n{}", ExportLabel::Network.text(lang), escape(&line));
    }
    out.push_str("\n---\n\n");
    for line in protocol.footer() {
        let _ = writeln!(out, "- {}", escape(&line));
    }
    out
}

fn station_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let _ = writeln!(out, "\n## {}\n", escape(&clean(&station.title)));
    for (label, value) in facts(protocol, station) {
        let _ = writeln!(out, "- **{}:** {}", label.text(lang), escape(&value));
    }
    let _ = writeln!(out, "- {}", escape(&ExportMsg::NewContacts { count: station.new_contacts }.text(lang)));
    if let Some(zone) = station.zone {
        let _ =
            writeln!(out, "\n{}", escape(&AgendaMsg::TimesIn { zone: zone.name().to_string() }.text(lang)));
    }
    agenda(out, protocol, station);
    attendance_part(out, protocol, station);
    counts_part(out, protocol, station);
    discussion_parts(out, protocol, station);
    takeaway_part(out, protocol, station);
    consultation_parts(out, protocol, station);
    group_parts(out, protocol, station);
    talk_part(out, protocol, station);
    notes_part(out, protocol, station);
}

fn agenda(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    let _ = writeln!(out, "\n### {}\n", ExportLabel::Agenda.text(lang));
    let drift = protocol.shows(Class::Drift);
    let mut headers = vec![
        ("#", false),
        (ExportLabel::Item.text(lang), false),
        (ExportLabel::Kind.text(lang), false),
        (ExportLabel::Planned.text(lang), false),
        (ExportLabel::Actual.text(lang), false),
        (ExportLabel::PlannedDuration.text(lang), true),
        (ExportLabel::ActualDuration.text(lang), true),
    ];
    if drift {
        headers.push((ExportLabel::Difference.text(lang), true));
    }
    headers.push((ExportLabel::State.text(lang), false));
    let (names, right): (Vec<&str>, Vec<bool>) = headers.into_iter().unzip();
    table_head(out, &names, &right);
    for row in agenda_rows(protocol, station) {
        let mut title = escape(&row.title);
        if row.inserted {
            let _ = write!(title, " ({})", ExportLabel::Inserted.text(lang));
        }
        let difference = row.difference.map(|difference| format!(" {difference} |")).unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |{difference} {} |",
            row.index,
            title,
            escape(row.kind),
            row.planned,
            row.actual,
            row.planned_length,
            row.actual_length,
            escape(row.state)
        );
    }
}

fn attendance_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    if !protocol.shows(Class::Attendance) {
        return;
    }
    let lang = protocol.lang;
    let _ = writeln!(out, "\n### {}\n", ExportLabel::Attendance.text(lang));
    let headers = [
        ExportLabel::Person.text(lang),
        ExportLabel::Organisation.text(lang),
        ExportLabel::BlocksPresent.text(lang),
        ExportLabel::MinutesPresent.text(lang),
        ExportLabel::Remark.text(lang),
    ];
    table_head(out, &headers, &[false, false, true, true, false]);
    for row in attendance(protocol, station) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&row.name),
            escape(&row.organisation),
            row.blocks,
            row.minutes,
            escape(&row.remark)
        );
    }
}

fn counts_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lines = counts(protocol, station);
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", ExportLabel::Counts.text(protocol.lang));
    for (label, count) in lines {
        let _ = writeln!(out, "- {}: {count}", label.text(protocol.lang));
    }
}

fn discussion_parts(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    if !protocol.shows(Class::Captures) {
        return;
    }
    for part in discussions(protocol, station) {
        let _ = writeln!(out, "\n### {}", escape(&part.title));
        let list = |out: &mut String, label: ExportLabel, items: Vec<String>| {
            if !items.is_empty() {
                let _ = writeln!(out, "\n**{}**\n", label.text(lang));
                for item in items {
                    let _ = writeln!(out, "- {}", escape(&item));
                }
            }
        };
        list(out, ExportLabel::Questions, part.questions.iter().map(|question| clean(question)).collect());
        list(
            out,
            ExportLabel::Decisions,
            part.decisions.iter().map(|captured| clean(&captured.text)).collect(),
        );
        if !part.actions.is_empty() {
            let _ = writeln!(out, "\n**{}**\n", ExportLabel::Actions.text(lang));
            let headers =
                [ExportLabel::Task.text(lang), ExportLabel::Owner.text(lang), ExportLabel::Due.text(lang)];
            table_head(out, &headers, &[false, false, false]);
            for captured in &part.actions {
                let (owner, due) = action_owner(protocol, station, captured);
                let _ =
                    writeln!(out, "| {} | {} | {} |", escape(&clean(&captured.text)), escape(&owner), due);
            }
        }
        list(out, ExportLabel::Parked, part.parked.iter().map(|captured| clean(&captured.text)).collect());
    }
}

fn takeaway_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let taken = takeaways(station);
    if taken.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", ExportLabel::Takeaways.text(protocol.lang));
    for captured in taken {
        let label = takeaway_label(protocol, station, captured);
        let _ = writeln!(out, "- **{}:** {}", escape(&label), escape(&clean(&captured.text)));
    }
}

fn consultation_parts(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    for found in &station.consultations {
        let title =
            station.block(&found.block).map_or_else(|| found.block.clone(), |block| clean(&block.title));
        let (template, cases) = consultation(protocol, station, found);
        let _ = writeln!(out, "\n### {}: {}\n", ExportLabel::Consultations.text(lang), escape(&title));
        let _ = writeln!(out, "{}\n", escape(&template));
        for case in cases {
            let mut line: Vec<String> =
                case.roles.iter().map(|(role, name)| format!("{}: {}", escape(role), escape(name))).collect();
            line.push(format!("{}: {}", ExportLabel::Consultants.text(lang), escape(&case.consultants)));
            if let Some(method) = &case.method {
                line.push(format!("{}: {}", ExportLabel::Method.text(lang), escape(method)));
            }
            let _ = writeln!(out, "- **{}:** {}", escape(&case.heading), line.join(" · "));
            for (label, text) in &case.confidential {
                let _ = writeln!(out, "  - {}: {}", label.text(lang), escape(text));
            }
            if !case.ideas.is_empty() {
                let _ = writeln!(out, "  - {}:", ExportLabel::Ideas.text(lang));
                for idea in &case.ideas {
                    let _ = writeln!(out, "    - {}", escape(idea));
                }
            }
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
        let _ = writeln!(out, "\n### {}: {}\n", ExportLabel::Groups.text(lang), escape(&title));
        let headers =
            [ExportLabel::Round.text(lang), ExportLabel::Group.text(lang), ExportLabel::Members.text(lang)];
        table_head(out, &headers, &[true, true, false]);
        for group in station.groups.iter().filter(|group| group.block == block) {
            let round = match group.kind {
                GroupKind::Exchange => group.round.to_string(),
                GroupKind::Consultation => "–".to_string(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                round,
                group.number,
                escape(&members(station, &group.members))
            );
        }
    }
}

fn talk_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let lang = protocol.lang;
    if !protocol.shows(Class::TalkPerPerson) && !protocol.shows(Class::TalkPerOrganisation) {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", ExportLabel::TalkTime.text(lang));
    let speakers = speakers(station);
    if speakers.is_empty() {
        let _ = writeln!(out, "{}", ExportMsg::NoTurns.text(lang));
        return;
    }
    if protocol.shows(Class::TalkPerPerson) {
        let headers = [
            ExportLabel::Person.text(lang),
            ExportLabel::Organisation.text(lang),
            ExportLabel::Turns.text(lang),
            ExportLabel::TalkTime.text(lang),
        ];
        table_head(out, &headers, &[false, false, true, true]);
        for (name, organisation, turns, total) in speakers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&name),
                escape(&organisation),
                turns,
                clock(total)
            );
        }
    }
    let organisations = organisations(station);
    if protocol.shows(Class::TalkPerOrganisation) && !organisations.is_empty() {
        let _ = writeln!(out, "\n**{}**\n", ExportLabel::TalkByOrganisation.text(lang));
        let headers = [ExportLabel::Organisation.text(lang), ExportLabel::TalkTime.text(lang)];
        table_head(out, &headers, &[false, true]);
        for (organisation, total) in organisations {
            let _ = writeln!(out, "| {} | {} |", escape(&organisation), clock(total));
        }
    }
}

fn notes_part(out: &mut String, protocol: &Protocol, station: &StationStats) {
    let notes = notes(station);
    if notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n### {}\n", ExportLabel::Notes.text(protocol.lang));
    for (when, captured) in notes {
        let _ = writeln!(out, "- **{}:** {}", escape(&when), escape(&clean(&captured.text)));
    }
}

/// A table's header and its alignment row (`true`: right-aligned, for figures).
fn table_head(out: &mut String, headers: &[&str], right: &[bool]) {
    // Our own labels, without marks: written as they are (`#` stays `#`).
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let aligns: Vec<&str> = right.iter().map(|right| if *right { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
}

/// Text as Markdown shows it literally: its marks escaped, so a title with
/// `*` or `|` neither turns bold nor breaks a table, and text that would
/// open a heading or a list (`# `, `- `, `1. `) stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let opens = |index: usize| chars.get(index + 1).is_none_or(|next| *next == ' ');
    for (index, &c) in chars.iter().enumerate() {
        let marker = index == 0 && matches!(c, '#' | '-' | '+' | '=') && opens(index);
        let numbered = digits > 0 && index == digits && matches!(c, '.' | ')') && opens(index);
        if marker || numbered || matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~')
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn marks_are_shown_literally() {
        assert_eq!(escape("a|b *c* [d](e) <x>"), "a\\|b \\*c\\* \\[d\\](e) \\<x\\>");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("+5:00 #3 - x"), "+5:00 #3 - x");
    }
}
