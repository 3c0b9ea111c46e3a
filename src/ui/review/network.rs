//! The Network tab: who has met whom in a group over the journey so far, how
//! many of the cohort each person has met, and how many pairs never met.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{ReviewView, scrolled};
use crate::i18n::{ReviewLabel, ReviewMsg};
use crate::ui::format::shorten;

/// The names before the matrix.
const NAME_WIDTH: usize = 16;

pub(super) fn rows(view: &ReviewView) -> usize {
    view.stats.cohort.len()
}

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    let network = &view.stats.network;
    let cohort = &view.stats.cohort;
    let [title, summary, header, matrix] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(view.text(ReviewLabel::NetworkTitle)).style(theme.title), title);
    let never = ReviewMsg::NeverMet { never: network.never_met, pairs: network.pairs }.text(view.lang);
    let summary_style = if network.never_met == network.pairs { theme.dim } else { theme.base };
    let summary_text = if network.never_met == network.pairs {
        view.text(ReviewLabel::NoNetwork).to_string()
    } else {
        never
    };
    frame.render_widget(Paragraph::new(summary_text).style(summary_style), summary);
    // Each column is one person, numbered as the rows are; a cell counts the groups they shared.
    let cell = if cohort.len() > 9 { 3 } else { 2 };
    let met_label = view.text(ReviewLabel::Met);
    let mut head = vec![Span::raw(format!("{:width$}", "", width = NAME_WIDTH + 4))];
    head.extend((1..=cohort.len()).map(|n| Span::styled(format!("{n:>cell$}"), theme.dim)));
    head.push(Span::styled(format!("  {met_label}"), theme.dim));
    frame.render_widget(Paragraph::new(Line::from(head)), header);
    let lines: Vec<Line> = cohort
        .iter()
        .enumerate()
        .map(|(row, person)| {
            let mut spans = vec![Span::styled(
                format!("{:>2} {:<width$} ", row + 1, shorten(&person.name, NAME_WIDTH), width = NAME_WIDTH),
                theme.base,
            )];
            for (column, other) in cohort.iter().enumerate() {
                let (text, style) = if row == column {
                    (format!("{:>cell$}", ""), theme.dim)
                } else {
                    match network.contacts.count(&person.id, &other.id) {
                        0 => (format!("{:>cell$}", "·"), theme.dim),
                        times => (format!("{times:>cell$}"), theme.running),
                    }
                };
                spans.push(Span::styled(text, style));
            }
            let met = network.met.iter().find(|(id, _)| *id == person.id).map_or(0, |(_, met)| *met);
            spans.push(Span::styled(format!("  {met}/{}", cohort.len().saturating_sub(1)), theme.title));
            Line::from(spans)
        })
        .collect();
    frame.render_widget(Paragraph::new(scrolled(lines, view.scroll, matrix.height)), matrix);
}
