//! The Captures tab: what was written down at the station, the facilitator's
//! private notes marked private, narrowed by kind, block and text.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{CaptureFilter, ReviewView, first_shown};
use crate::core::stats::{CaptureKind, Captured, StationState, StationStats};
use crate::i18n::{ReviewLabel, short_date};
use crate::ui::format::wrap_words;

/// A kind of capture's name.
fn kind_label(kind: CaptureKind) -> ReviewLabel {
    match kind {
        CaptureKind::Decision => ReviewLabel::KindDecision,
        CaptureKind::Action => ReviewLabel::KindAction,
        CaptureKind::Parked => ReviewLabel::KindParked,
        CaptureKind::Takeaway => ReviewLabel::KindTakeaway,
        CaptureKind::Commitment => ReviewLabel::KindCommitment,
        CaptureKind::Note => ReviewLabel::KindNote,
    }
}

/// The captures the filter lets through, in the order they were made.
pub(super) fn shown<'a>(station: &'a StationStats, filter: &CaptureFilter) -> Vec<&'a Captured> {
    let text = filter.text.to_lowercase();
    station
        .captures
        .iter()
        .filter(|captured| filter.kind.is_none_or(|kind| captured.kind == kind))
        .filter(|captured| filter.block.is_none_or(|block| captured.block.as_deref() == Some(block)))
        .filter(|captured| {
            text.is_empty()
                || captured.text.to_lowercase().contains(&text)
                || captured
                    .owner
                    .as_ref()
                    .is_some_and(|owner| owner_name(station, owner).to_lowercase().contains(&text))
        })
        .collect()
}

/// An owner as the screen names them: a participant's id is their name, free text stays
/// (someone not in the cohort).
fn owner_name(station: &StationStats, owner: &str) -> String {
    station.name(owner).to_string()
}

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats) {
    let theme = view.theme;
    let [filters, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    let kind = view.filter.kind.map_or(ReviewLabel::KindAll, kind_label);
    let block = match view.filter.block {
        Some(id) => station.block(id).map_or_else(|| id.to_string(), |block| block.title.clone()),
        None => view.text(ReviewLabel::BlockAll).to_string(),
    };
    let mut spans = vec![
        Span::styled("k ", theme.key),
        Span::styled(view.text(kind), theme.title),
        Span::styled("  b ", theme.key),
        Span::styled(block, theme.title),
    ];
    if !view.filter.text.is_empty() {
        spans.push(Span::styled("  / ", theme.key));
        spans.push(Span::styled(view.filter.text.to_string(), theme.title));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), filters);
    if station.state == StationState::NotStarted {
        super::nothing(frame, list, view, ReviewLabel::StationNotStarted);
        return;
    }
    if station.captures.is_empty() {
        super::nothing(frame, list, view, ReviewLabel::NoCaptures);
        return;
    }
    let shown = shown(station, &view.filter);
    if shown.is_empty() {
        super::nothing(frame, list, view, ReviewLabel::NoMatch);
        return;
    }
    // What is left beside the time, the kind and the block (and the spaces between them).
    let text_width = usize::from(list.width.saturating_sub(30)).max(10);
    let entries: Vec<(&Captured, Vec<String>)> = shown
        .into_iter()
        .map(|captured| (captured, wrap_words(&text(view, station, captured), text_width)))
        .collect();
    // A long capture takes several rows: the scroll counts captures, the end shows the last one whole.
    let heights: Vec<usize> = entries.iter().map(|(_, wrapped)| wrapped.len().max(1)).collect();
    let skip = first_shown(view.scroll, &heights, usize::from(list.height));
    let rows = entries.into_iter().skip(skip).map(|(captured, wrapped)| {
        let mut kind = view.text(kind_label(captured.kind)).to_string();
        let mut style = theme.base;
        if captured.private() {
            kind = format!("{kind} · {}", view.text(ReviewLabel::Private));
            style = theme.last_minutes;
        }
        let block = captured
            .block
            .as_deref()
            .and_then(|id| station.block(id))
            .map_or_else(String::new, |block| block.index.to_string());
        let height = wrapped.len().max(1) as u16;
        Row::new([
            Cell::from(Span::styled(station.clock(captured.at), theme.dim)),
            Cell::from(Span::styled(kind, style)),
            Cell::from(Span::styled(block, theme.dim)),
            Cell::from(wrapped.into_iter().map(Line::from).collect::<Vec<_>>()),
        ])
        .height(height)
    });
    let widths = [Constraint::Length(5), Constraint::Length(20), Constraint::Length(2), Constraint::Fill(1)];
    frame.render_widget(Table::new(rows, widths).column_spacing(1), list);
}

/// A capture's text with its owner, due date and protocol mark.
fn text(view: &ReviewView, station: &StationStats, captured: &Captured) -> String {
    let mut text = captured.text.clone();
    if let Some(owner) = &captured.owner {
        text.push_str(&format!(" → {}", owner_name(station, owner)));
    }
    if let Some(due) = captured.due {
        text.push_str(&format!(" ({})", short_date(due, view.lang)));
    }
    if captured.protocol {
        text.push_str(&format!(" [{}]", view.text(ReviewLabel::ForProtocol)));
    }
    text
}
