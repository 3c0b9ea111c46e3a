//! The Cases tab: each consultation's groups and cases with roles, method and
//! key question. A case's confidential content (and a key question never
//! released to the room) is drawn only while the view says it is revealed;
//! this is the one place that decides it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{ReviewView, scrolled};
use crate::core::catalogue;
use crate::core::stats::{Case, StationState, StationStats};
use crate::i18n::{ReviewLabel, ReviewMsg};
use crate::ui::format::wrap_words;

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats) {
    if station.state == StationState::NotStarted {
        super::nothing(frame, area, view, ReviewLabel::StationNotStarted);
        return;
    }
    if station.consultations.is_empty() {
        super::nothing(frame, area, view, ReviewLabel::NoCases);
        return;
    }
    let lines = lines(view, station, usize::from(area.width));
    frame.render_widget(Paragraph::new(scrolled(lines, view.scroll, area.height)), area);
}

/// The tab's lines at `width` columns (wrapped text takes more of them).
pub(super) fn lines<'a>(view: &ReviewView<'a>, station: &'a StationStats, width: usize) -> Vec<Line<'a>> {
    let theme = view.theme;
    let lang = view.lang;
    // A station's events name only its own cohort: its log's cohort has every name.
    let name = |id: &str| station.name(id).to_string();
    let mut lines = Vec::new();
    for consultation in &station.consultations {
        let block =
            station.block(&consultation.block).map_or(consultation.block.as_str(), |b| b.title.as_str());
        let template = catalogue::template(&consultation.template)
            .map_or(consultation.template.as_str(), |t| t.name.get(lang));
        let heading = ReviewMsg::Consultation { block: block.to_string(), template: template.to_string() };
        lines.push(Line::from(Span::styled(heading.text(lang), theme.title)));
        for (group, members) in consultation.groups.iter().enumerate() {
            let members: Vec<String> = members.iter().map(|id| name(id)).collect();
            let text = ReviewMsg::Group { group: group + 1, members: members.join(", ") }.text(lang);
            lines.push(Line::from(Span::styled(format!("  {text}"), theme.dim)));
        }
        for case in &consultation.cases {
            lines.push(Line::default());
            lines.extend(case_lines(view, case, &name, width));
        }
        lines.push(Line::default());
    }
    lines
}

fn case_lines<'a>(
    view: &ReviewView<'a>,
    case: &'a Case,
    name: &dyn Fn(&str) -> String,
    width: usize,
) -> Vec<Line<'a>> {
    let theme = view.theme;
    let lang = view.lang;
    let field = |label: ReviewLabel, value: String| {
        Line::from(vec![Span::styled(format!("    {}: ", view.text(label)), theme.dim), Span::raw(value)])
    };
    let hidden = |label: ReviewLabel| {
        Line::from(vec![
            Span::styled(format!("    {}: ", view.text(label)), theme.dim),
            Span::styled(view.text(ReviewLabel::ConfidentialHidden), theme.last_minutes),
        ])
    };
    let mut lines = vec![Line::from(Span::styled(
        format!("  {}", ReviewMsg::Case { group: case.group + 1, case: case.case + 1 }.text(lang)),
        theme.key,
    ))];
    let roles: Vec<String> =
        case.roles.iter().map(|(role, id)| format!("{} {}", role.text(lang), name(id))).collect();
    lines.push(field(ReviewLabel::Roles, roles.join(" · ")));
    if !case.consultants.is_empty() {
        let consultants: Vec<String> = case.consultants.iter().map(|id| name(id)).collect();
        lines.push(field(ReviewLabel::Consultants, consultants.join(", ")));
    }
    let method = case
        .method
        .as_deref()
        .map(|key| catalogue::consultation_method(key).map_or(key, |method| method.name.get(lang)));
    lines.push(field(ReviewLabel::Method, method.unwrap_or(view.text(ReviewLabel::Nothing)).to_string()));
    // A key question never released to the room is still the case's own words: confidential.
    if case.key_question.is_empty() {
        lines.push(field(ReviewLabel::KeyQuestion, view.text(ReviewLabel::Nothing).to_string()));
    } else if case.released || view.revealed {
        lines.push(field(ReviewLabel::KeyQuestion, case.key_question.clone()));
    } else {
        lines.push(hidden(ReviewLabel::KeyQuestion));
    }
    let confidential = &case.confidential;
    if confidential.is_empty() {
        lines.push(field(ReviewLabel::Confidential, view.text(ReviewLabel::ConfidentialEmpty).to_string()));
    } else if !view.revealed {
        lines.push(hidden(ReviewLabel::Confidential));
    } else {
        lines.push(Line::from(Span::styled(
            format!("    {}:", view.text(ReviewLabel::Confidential)),
            theme.last_minutes,
        )));
        let wrapped = |label: ReviewLabel, text: &str, lines: &mut Vec<Line<'a>>| {
            if text.is_empty() {
                return;
            }
            let indent = "      ";
            let rows = wrap_words(
                &format!("{}: {text}", view.text(label)),
                width.saturating_sub(indent.len()).max(10),
            );
            lines.extend(rows.into_iter().map(|row| Line::from(format!("{indent}{row}"))));
        };
        wrapped(ReviewLabel::CaseTitle, &confidential.title, &mut lines);
        wrapped(ReviewLabel::CaseDescription, &confidential.description, &mut lines);
        if !confidential.ideas.is_empty() {
            lines.push(Line::from(format!("      {}:", view.text(ReviewLabel::Ideas))));
            for (idea, giver) in &confidential.ideas {
                let by = giver.as_deref().map_or_else(String::new, |giver| format!(" ({})", name(giver)));
                lines.push(Line::from(format!("        – {idea}{by}")));
            }
        }
        wrapped(ReviewLabel::Closing, &confidential.closing, &mut lines);
    }
    lines
}
