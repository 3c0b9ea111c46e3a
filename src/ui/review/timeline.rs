//! The Timeline tab: every block on one time axis (the plan's span in the
//! upper half of its row, what happened in the lower half), the drift over
//! the day, and the blocks table.

use chrono::{TimeDelta, Timelike};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis as ChartAxis, Block, Cell, Chart, Dataset, GraphType, Paragraph, Row, Table, Widget,
};

use super::{ReviewView, Theme, offset};
use crate::core::Timestamp;
use crate::core::session::BlockState;
use crate::core::stats::{BlockStats, StationState, StationStats};
use crate::i18n::ReviewLabel;
use crate::i18n::{minutes, signed_minutes};
use crate::ui::format::shorten;

/// The block's number and title before its bars (wider on a wide terminal).
const LABEL_WIDTH: u16 = 18;
const WIDE_LABEL_WIDTH: u16 = 36;
/// The marks after the title: overrun, paused, skipped, inserted, re-planned.
const MARKS_WIDTH: u16 = 5;

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats) {
    let notice = u16::from(station.state == StationState::NotStarted);
    let chart_rows = (station.blocks.len() as u16 + 2).min(area.height * 9 / 20).max(3);
    let drift_rows = match area.height {
        45.. => 14,
        30.. => 9,
        _ => 5,
    };
    let label_width = (area.width / 5).clamp(LABEL_WIDTH, WIDE_LABEL_WIDTH);
    let [notice_area, chart, drift, table] = Layout::vertical([
        Constraint::Length(notice),
        Constraint::Length(chart_rows),
        Constraint::Length(drift_rows),
        Constraint::Min(3),
    ])
    .areas(area);
    if notice > 0 {
        frame.render_widget(
            Paragraph::new(view.text(ReviewLabel::StationNotStarted)).style(view.theme.title),
            notice_area,
        );
    }
    let span = span_of(station);
    let [bars, axis, legend] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(1), Constraint::Length(1)]).areas(chart);
    let skip = offset(view.scroll, station.blocks.len(), usize::from(bars.height));
    frame.render_widget(
        Bars { station, blocks: &station.blocks[skip..], span, label_width, theme: view.theme },
        bars,
    );
    frame.render_widget(TimeAxis { station, span, label_width, theme: view.theme }, axis);
    frame.render_widget(
        Paragraph::new(shorten(view.text(ReviewLabel::Legend), usize::from(legend.width)))
            .style(view.theme.dim),
        legend,
    );
    draw_drift(frame, drift, view, station, span);
    draw_table(frame, table, view, station);
}

/// The time the time axis covers: from the earliest planned or actual moment to the latest.
#[derive(Debug, Clone, Copy)]
struct Axis {
    start: Timestamp,
    end: Timestamp,
}

impl Axis {
    /// The column of an instant in `width` columns.
    fn column(&self, at: Timestamp, width: u16) -> u16 {
        let total = (self.end - self.start).num_seconds().max(1);
        let secs = (at - self.start).num_seconds().clamp(0, total);
        ((secs * i64::from(width)) / total).min(i64::from(width.saturating_sub(1))) as u16
    }

    /// The columns `[from, to)` a span of time takes, at least one.
    fn columns(&self, from: Timestamp, to: Timestamp, width: u16) -> (u16, u16) {
        let first = self.column(from, width);
        let last = self.column(to, width);
        (first, last.max(first + 1))
    }
}

fn span_of(station: &StationStats) -> Axis {
    let moments = station
        .blocks
        .iter()
        .flat_map(|block| [block.planned_start, block.planned_end, block.started, block.ended])
        .chain([Some(station.planned_start), Some(station.planned_end), station.last_event])
        .flatten();
    let start = moments.clone().min().unwrap_or(station.planned_start);
    let end = moments.max().unwrap_or(station.planned_end).max(start + TimeDelta::minutes(1));
    Axis { start, end }
}

/// One row per block: its label, its marks, and its bars.
struct Bars<'a> {
    station: &'a StationStats,
    blocks: &'a [BlockStats],
    span: Axis,
    label_width: u16,
    theme: &'a Theme,
}

impl Widget for Bars<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let theme = self.theme;
        let width = area.width.saturating_sub(self.label_width + MARKS_WIDTH);
        for (row, block) in self.blocks.iter().take(usize::from(area.height)).enumerate() {
            let y = area.y + row as u16;
            let style = actual_style(theme, block);
            let label =
                shorten(&format!("{:>2} {}", block.index, block.title), usize::from(self.label_width - 1));
            buf.set_stringn(area.x, y, &label, usize::from(self.label_width), style_of_label(theme, block));
            let marks = marks(block);
            buf.set_stringn(area.x + self.label_width, y, &marks, usize::from(MARKS_WIDTH), theme.overtime);
            if width == 0 {
                continue;
            }
            let x0 = area.x + self.label_width + MARKS_WIDTH;
            let planned = block
                .planned_start
                .zip(block.planned_end)
                .map(|(from, to)| self.span.columns(from, to, width));
            let actual = block.started.map(|from| {
                self.span.columns(from, block.ended.or(self.station.last_event).unwrap_or(from), width)
            });
            for x in 0..width {
                let inside =
                    |range: Option<(u16, u16)>| range.is_some_and(|(from, to)| (from..to).contains(&x));
                let (symbol, style) = match (inside(planned), inside(actual)) {
                    (true, true) => ("█", style),
                    (true, false) => ("▀", theme.dim),
                    (false, true) => ("▄", style),
                    (false, false) => continue,
                };
                buf.set_string(x0 + x, y, symbol, style);
            }
        }
    }
}

fn actual_style(theme: &Theme, block: &BlockStats) -> Style {
    match block.state {
        BlockState::Current => theme.running,
        BlockState::Skipped => theme.skipped,
        BlockState::Done | BlockState::Upcoming if block.overrun => theme.overtime,
        BlockState::Done | BlockState::Upcoming => theme.base,
    }
}

fn style_of_label(theme: &Theme, block: &BlockStats) -> Style {
    match block.state {
        BlockState::Current => theme.running,
        BlockState::Skipped => theme.skipped,
        BlockState::Done => theme.base,
        BlockState::Upcoming => theme.dim,
    }
}

/// `!` overrun, `‖` paused, `»` skipped, `+` inserted, `~` re-planned.
fn marks(block: &BlockStats) -> String {
    [
        (block.overrun, '!'),
        (block.pauses > 0, '‖'),
        (block.state == BlockState::Skipped, '»'),
        (block.inserted, '+'),
        (block.replanned, '~'),
    ]
    .into_iter()
    .filter_map(|(on, mark)| on.then_some(mark))
    .collect()
}

/// The hours under the bars.
struct TimeAxis<'a> {
    station: &'a StationStats,
    span: Axis,
    label_width: u16,
    theme: &'a Theme,
}

impl Widget for TimeAxis<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = area.width.saturating_sub(self.label_width + MARKS_WIDTH);
        let x0 = area.x + self.label_width + MARKS_WIDTH;
        let mut at = self.span.start;
        let mut next_free = 0;
        // Each full hour of the station's wall clock, as far apart as their labels allow.
        while at <= self.span.end {
            let local = self.station.local(at);
            let to_hour = TimeDelta::seconds(i64::from(3600 - (local.minute() * 60 + local.second()) % 3600));
            let hour = if local.minute() == 0 && local.second() == 0 { at } else { at + to_hour };
            if hour > self.span.end {
                break;
            }
            let x = self.span.column(hour, width);
            let label = self.station.clock(hour);
            if x >= next_free && x + label.len() as u16 <= width {
                buf.set_string(x0 + x, area.y, "╵", self.theme.dim);
                buf.set_string(x0 + x + 1, area.y, &label, self.theme.dim);
                next_free = x + label.len() as u16 + 2;
            }
            at = hour + TimeDelta::minutes(1);
        }
    }
}

fn draw_drift(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats, span: Axis) {
    let theme = view.theme;
    let title = Line::from(Span::styled(view.text(ReviewLabel::DriftTitle), theme.dim));
    if station.drift.is_empty() {
        let lines = vec![title, Line::from(Span::styled(view.text(ReviewLabel::NoDrift), theme.dim))];
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let minutes_from_start = |at: Timestamp| (at - span.start).num_seconds() as f64 / 60.0;
    let points: Vec<(f64, f64)> = station
        .drift
        .iter()
        .map(|point| (minutes_from_start(point.at), point.behind.num_seconds() as f64 / 60.0))
        .collect();
    let length = minutes_from_start(span.end);
    let zero = [(0.0, 0.0), (length, 0.0)];
    let low = points.iter().map(|(_, y)| *y).fold(0.0_f64, f64::min).floor();
    let high = points.iter().map(|(_, y)| *y).fold(1.0_f64, f64::max).ceil();
    let datasets = vec![
        Dataset::default().graph_type(GraphType::Line).marker(Marker::Braille).style(theme.dim).data(&zero),
        Dataset::default()
            .graph_type(GraphType::Line)
            .marker(Marker::Braille)
            .style(theme.behind)
            .data(&points),
    ];
    let label = |minutes: f64| if minutes == 0.0 { "0".to_string() } else { format!("{minutes:+.0}") };
    let y_labels = [label(low), label(high)];
    let chart = Chart::new(datasets)
        .block(Block::new().title(title))
        .x_axis(
            ChartAxis::default()
                .bounds([0.0, length])
                .labels([station.clock(span.start), station.clock(span.end)])
                .style(theme.dim),
        )
        .y_axis(ChartAxis::default().bounds([low, high]).labels(y_labels).style(theme.dim));
    frame.render_widget(chart, area);
}

fn draw_table(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats) {
    let theme = view.theme;
    let none = view.text(ReviewLabel::Nothing);
    let at = |time: Option<Timestamp>| time.map_or_else(|| none.to_string(), |time| station.clock(time));
    let header = Row::new([
        "#",
        view.text(ReviewLabel::ColBlock),
        view.text(ReviewLabel::ColPlanStart),
        view.text(ReviewLabel::ColActual),
        view.text(ReviewLabel::ColPlanEnd),
        view.text(ReviewLabel::ColActual),
        view.text(ReviewLabel::ColPlanMinutes),
        view.text(ReviewLabel::ColActual),
        view.text(ReviewLabel::ColDifference),
    ])
    .style(theme.dim);
    let height = usize::from(area.height.saturating_sub(1));
    let skip = offset(view.scroll, station.blocks.len(), height);
    let rows = station.blocks.iter().skip(skip).map(|block| {
        let planned = block
            .planned_minutes
            .map_or_else(|| none.to_string(), |m| minutes(TimeDelta::minutes(i64::from(m))));
        let actual = block.actual(station.last_event).map_or_else(|| none.to_string(), minutes);
        let (difference, difference_style) = match block.difference() {
            Some(delta) if delta > TimeDelta::seconds(30) => (signed_minutes(delta), theme.behind),
            Some(delta) if delta < TimeDelta::seconds(-30) => (signed_minutes(delta), theme.ahead),
            Some(delta) => (signed_minutes(delta), theme.base),
            None => (none.to_string(), theme.dim),
        };
        Row::new([
            Cell::from(block.index.to_string()),
            Cell::from(Span::styled(block.title.clone(), style_of_label(theme, block))),
            Cell::from(at(block.planned_start)),
            Cell::from(at(block.started)),
            Cell::from(at(block.planned_end)),
            // A block skipped before it began has no end of its own.
            Cell::from(at(block.started.and(block.ended))),
            Cell::from(planned),
            Cell::from(actual),
            Cell::from(Span::styled(difference, difference_style)),
        ])
    });
    let widths = [
        Constraint::Length(2),
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(5),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(5),
    ];
    frame.render_widget(Table::new(rows, widths).header(header).column_spacing(1), area);
}
