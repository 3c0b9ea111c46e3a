//! The review screens (`moderato review`): the journey and the station in a
//! header, the tabs, one tab's body (one module each), the keys, and help.
//! Every figure comes from [`crate::core::stats`]; these modules only lay it out.

mod captures;
mod cases;
mod journey;
mod network;
mod talk;
mod timeline;

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Tabs};

use super::format::shorten;
use super::{Theme, centered, too_small};
use crate::core::agenda::round_minutes;
use crate::core::stats::{CaptureKind, JourneyStats, StationState, StationStats};
use crate::i18n::{Lang, ReviewLabel, ReviewMsg, short_date};

/// The review's tabs, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    /// The stations side by side.
    Journey,
    /// One station's blocks planned against actual, the drift, the blocks table.
    Timeline,
    /// Who spoke how long, per person and organisation.
    Talk,
    /// Decisions, actions, parked questions, takeaways, commitments and notes.
    Captures,
    /// The consultations' cases.
    Cases,
    /// Who has met whom over the journey.
    Network,
}

impl Tab {
    pub const ALL: [Tab; 6] =
        [Tab::Journey, Tab::Timeline, Tab::Talk, Tab::Captures, Tab::Cases, Tab::Network];

    pub fn label(self) -> ReviewLabel {
        match self {
            Tab::Journey => ReviewLabel::TabJourney,
            Tab::Timeline => ReviewLabel::TabTimeline,
            Tab::Talk => ReviewLabel::TabTalk,
            Tab::Captures => ReviewLabel::TabCaptures,
            Tab::Cases => ReviewLabel::TabCases,
            Tab::Network => ReviewLabel::TabNetwork,
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|tab| *tab == self).unwrap_or(0)
    }
}

/// What the Captures tab is narrowed to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaptureFilter<'a> {
    /// Text the capture or its owner's name (as shown) contains, case-insensitively; empty for all.
    pub text: &'a str,
    pub kind: Option<CaptureKind>,
    /// A block's id.
    pub block: Option<&'a str>,
}

/// Everything a review frame shows.
#[derive(Debug, Clone, Copy)]
pub struct ReviewView<'a> {
    pub stats: &'a JourneyStats,
    pub tab: Tab,
    /// The station the per-station tabs show (an index into `stats.stations`).
    pub station: usize,
    /// How far the tab's list is scrolled, in its rows.
    pub scroll: usize,
    pub filter: CaptureFilter<'a>,
    /// The filter's text and cursor (in characters) while it is typed.
    pub editing: Option<(&'a str, usize)>,
    /// The discussion Talk time shows (a block's id); `None` for the whole station.
    pub talk_block: Option<&'a str>,
    /// The cases' confidential content is shown (on this screen only).
    pub revealed: bool,
    /// Help is open, scrolled by this many lines.
    pub help: Option<u16>,
    /// A short answer to the last key (reloaded, or why not).
    pub message: Option<&'a str>,
    /// The keys the footer shows, and every key for help, from the binding table.
    pub footer: &'a [(&'static str, ReviewLabel)],
    pub help_lines: &'a [(&'static str, ReviewLabel)],
    pub lang: Lang,
    pub theme: &'a Theme,
}

impl<'a> ReviewView<'a> {
    fn station(&self) -> Option<&'a StationStats> {
        self.stats.stations.get(self.station)
    }

    fn text(&self, label: ReviewLabel) -> &'static str {
        label.text(self.lang)
    }
}

/// How many rows the current tab's list has (what the scroll keys move through)
/// in a terminal `width` columns wide (the Cases tab's wrapped text takes more rows when narrow).
pub fn rows(view: &ReviewView, width: u16) -> usize {
    match (view.tab, view.station()) {
        (Tab::Journey, _) => journey::rows(view),
        (Tab::Network, _) => network::rows(view),
        (_, None) => 0,
        (Tab::Timeline, Some(station)) => station.blocks.len(),
        (Tab::Talk, Some(station)) => station.talk(view.talk_block).len(),
        (Tab::Captures, Some(station)) => captures::shown(station, &view.filter).len(),
        (Tab::Cases, Some(station)) => cases::lines(view, station, usize::from(body_width(width))).len(),
    }
}

/// Draws the review into the whole frame. Whatever a log's texts carry, no
/// control character or bidirectional override reaches the terminal: each
/// cell is cleaned after drawing (ratatui keeps a zero-width U+202E in the
/// cell before it).
pub fn draw_review(frame: &mut Frame, view: &ReviewView) {
    draw(frame, view);
    for cell in &mut frame.buffer_mut().content {
        if cell.symbol().chars().any(crate::core::text::is_unsafe) {
            let clean: String = cell.symbol().chars().filter(|c| !crate::core::text::is_unsafe(*c)).collect();
            cell.set_symbol(if clean.is_empty() { " " } else { &clean });
        }
    }
}

fn draw(frame: &mut Frame, view: &ReviewView) {
    let theme = view.theme;
    frame.render_widget(Block::new().style(theme.base), frame.area());
    if too_small(frame, theme, view.lang) {
        return;
    }
    let bottom = u16::from(view.message.is_some() || view.editing.is_some());
    let [header, tabs, body, message, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(bottom),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_header(frame, header, view);
    draw_tabs(frame, tabs, view);
    // A column's margin either side (as `body_width` counts).
    let body = body.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
    match (view.tab, view.station()) {
        (Tab::Journey, _) => journey::draw(frame, body, view),
        (Tab::Network, _) => network::draw(frame, body, view),
        (_, None) => {}
        (Tab::Timeline, Some(station)) => timeline::draw(frame, body, view, station),
        (Tab::Talk, Some(station)) => talk::draw(frame, body, view, station),
        (Tab::Captures, Some(station)) => captures::draw(frame, body, view, station),
        (Tab::Cases, Some(station)) => cases::draw(frame, body, view, station),
    }
    draw_bottom(frame, message, view);
    draw_footer(frame, footer, view);
    if let Some(scroll) = view.help {
        draw_help(frame, view, scroll);
    }
}

fn draw_header(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    let [top, selector] = Layout::vertical([Constraint::Length(1); 2]).areas(area);
    let Some(station) = view.station() else { return };
    // How far the log goes: review shows it as it was when read (`r` reads it again).
    let until = station
        .last_event
        .map(|at| format!("{} ", ReviewMsg::LogUntil { at: station.clock(at) }.text(view.lang)))
        .unwrap_or_default();
    let [title_area, until_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(until.chars().count() as u16)]).areas(top);
    let title = format!(" {} · {}", view.stats.title, view.text(ReviewLabel::Title));
    frame.render_widget(
        Paragraph::new(shorten(&title, usize::from(title_area.width))).style(theme.title),
        title_area,
    );
    frame.render_widget(Paragraph::new(until).style(theme.dim), until_area);
    let count = view.stats.stations.len();
    let mut spans = vec![
        Span::styled(" ◀ ", theme.key),
        Span::styled(format!("{}/{count}", view.station + 1), theme.dim),
        Span::styled(" ▶ ", theme.key),
        Span::styled(station.title.clone(), theme.title),
        Span::styled(
            format!(" · {} · {} · ", station.place, short_date(station.date, view.lang)),
            theme.base,
        ),
        Span::styled(view.text(state_label(station.state)), state_style(theme, station.state)),
    ];
    // A rehearsal's times are the day it ran, not the planned date's.
    if let Some(day) = station.rehearsed {
        let text = format!(" · {} {}", view.text(ReviewLabel::Rehearsal), short_date(day, view.lang));
        spans.push(Span::styled(text, theme.dim));
    }
    // Cut at the right edge with an ellipsis.
    let mut left = usize::from(selector.width);
    spans.retain_mut(|span| {
        let width = span.width();
        if left == 0 {
            return false;
        }
        if width > left {
            span.content = shorten(&span.content, left).into();
            left = 0;
        } else {
            left -= width;
        }
        true
    });
    frame.render_widget(Paragraph::new(Line::from(spans)), selector);
}

fn draw_tabs(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    let titles = Tab::ALL.iter().enumerate().map(|(at, tab)| {
        Line::from(vec![
            Span::styled(format!("{}", at + 1), theme.key),
            Span::raw(format!(" {}", view.text(tab.label()))),
        ])
    });
    let tabs = Tabs::new(titles)
        .select(view.tab.index())
        .style(theme.dim)
        .highlight_style(theme.selected)
        .divider("│")
        .padding(" ", " ");
    frame.render_widget(tabs, area);
}

/// The filter being typed, or the answer to the last key.
fn draw_bottom(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    if let Some((text, cursor)) = view.editing {
        let prompt = format!(" {}: ", view.text(ReviewLabel::FilterPrompt));
        let hint = format!("   {}", view.text(ReviewLabel::FilterHint));
        let x = area.x + (prompt.chars().count() + text.chars().take(cursor).count()) as u16;
        let line = Line::from(vec![
            Span::styled(prompt, theme.key),
            Span::styled(text.to_string(), theme.base),
            Span::styled(hint, theme.dim),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    } else if let Some(message) = view.message {
        frame.render_widget(
            Paragraph::new(shorten(&format!(" {message}"), usize::from(area.width))).style(theme.behind),
            area,
        );
    }
}

/// The footer keeps `?` and `q` (the last two) and as many of the others as fit.
fn draw_footer(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    let width =
        |(key, label): &(&str, ReviewLabel)| key.chars().count() + view.text(*label).chars().count() + 3;
    let keys = view.footer;
    let (optional, always) = keys.split_at(keys.len().saturating_sub(2));
    let mut budget = usize::from(area.width).saturating_sub(1 + always.iter().map(width).sum::<usize>());
    let mut shown: Vec<&(&str, ReviewLabel)> = Vec::new();
    for key in optional {
        if width(key) > budget {
            break;
        }
        budget -= width(key);
        shown.push(key);
    }
    shown.extend(always);
    let mut spans = vec![Span::raw(" ")];
    for (key, label) in shown {
        spans.push(Span::styled(*key, theme.key));
        spans.push(Span::styled(format!(" {}  ", view.text(*label)), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn draw_help(frame: &mut Frame, view: &ReviewView, scroll: u16) {
    let theme = view.theme;
    let area = frame.area();
    let key_width = view.help_lines.iter().map(|(key, _)| key.chars().count()).max().unwrap_or(0);
    let lines: Vec<Line> = view
        .help_lines
        .iter()
        .map(|(key, label)| {
            Line::from(vec![
                Span::styled(format!(" {key:<key_width$}  "), theme.key),
                Span::raw(view.text(*label)),
            ])
        })
        .collect();
    let width = view
        .help_lines
        .iter()
        .map(|(_, label)| key_width + 4 + view.text(*label).chars().count())
        .max()
        .unwrap_or(20)
        .max(view.text(ReviewLabel::HelpTitle).chars().count() + 4) as u16
        + 2;
    let popup = centered(area, width, lines.len() as u16 + 3);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", view.text(ReviewLabel::HelpTitle)), theme.title));
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block.style(theme.base), popup);
    let [keys, close] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let hidden = (lines.len() as u16).saturating_sub(keys.height);
    frame.render_widget(Paragraph::new(lines).scroll((scroll.min(hidden), 0)), keys);
    frame.render_widget(
        Paragraph::new(format!(" {}", view.text(ReviewLabel::HelpClose))).style(theme.dim),
        close,
    );
}

/// A tab's width in a terminal `width` columns wide: a column's margin either side.
fn body_width(width: u16) -> u16 {
    width.saturating_sub(2)
}

/// Where a list of entries, each `heights` rows tall, starts when scrolled to entry `scroll`
/// and `height` rows show: never further than the last entry's last row needs.
fn first_shown(scroll: usize, heights: &[usize], height: usize) -> usize {
    let mut below = 0;
    let mut last = heights.len().saturating_sub(1);
    for (at, rows) in heights.iter().enumerate().rev() {
        below += rows;
        if below > height {
            break;
        }
        last = at;
    }
    scroll.min(last)
}

/// The lines `scroll..` of a list that fit `area`, never scrolled past its end.
fn scrolled<'a>(lines: Vec<Line<'a>>, scroll: usize, height: u16) -> Vec<Line<'a>> {
    let offset = scroll.min(lines.len().saturating_sub(usize::from(height)));
    lines.into_iter().skip(offset).collect()
}

/// Where a list scrolled to `scroll` starts, showing `height` rows of `rows`.
fn offset(scroll: usize, rows: usize, height: usize) -> usize {
    scroll.min(rows.saturating_sub(height))
}

fn state_label(state: StationState) -> ReviewLabel {
    match state {
        StationState::NotStarted => ReviewLabel::NotStarted,
        StationState::Running => ReviewLabel::Running,
        StationState::Finished => ReviewLabel::Finished,
    }
}

fn state_style(theme: &Theme, state: StationState) -> ratatui::style::Style {
    match state {
        StationState::NotStarted => theme.dim,
        StationState::Running => theme.running,
        StationState::Finished => theme.base,
    }
}

/// The drift in words: `12 min hinter Plan`.
fn behind_text(delta: TimeDelta, lang: Lang) -> String {
    ReviewMsg::Behind { minutes: round_minutes(delta) }.text(lang)
}

/// A paragraph saying plainly that there is nothing to show.
fn nothing(frame: &mut Frame, area: Rect, view: &ReviewView, label: ReviewLabel) {
    frame.render_widget(Paragraph::new(view.text(label)).style(view.theme.dim), area);
}
