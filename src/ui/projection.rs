//! The audience view: large, legible, calm. It shows the scene the
//! facilitator chose and never a note, a drift figure or anything private.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::big::Big;
use super::discussion::{DiscussionPanel, draw_discussion_projection, talk_time_lines};
use super::format::{clock, timer};
use super::{Theme, about_block, timer_look};
use crate::core::Timestamp;
use crate::core::agenda::project;
use crate::core::event::Scene;
use crate::core::session::{BlockState, Session};
use crate::core::timer::TimerState;
use crate::i18n::{Label, Lang};
use crate::plan::Participant;

/// Everything a projection frame shows.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionView<'a> {
    pub station_title: &'a str,
    pub cohort: &'a [Participant],
    /// `None` while the station has no log yet.
    pub session: Option<&'a Session>,
    pub now: Timestamp,
    /// A small notice, e.g. that the log could not be read and the last good state is shown.
    pub warning: Option<&'a str>,
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_projection(frame: &mut Frame, view: &ProjectionView) {
    let theme = view.theme;
    let area = frame.area();
    if view.session.is_some_and(|session| session.scene == Scene::Blank) {
        frame.render_widget(Block::new().style(Style::new().bg(Color::Black)), area);
        return;
    }
    frame.render_widget(Block::new().style(theme.base), area);
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let now = clock(view.now);
    let [title, time] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(now.len() as u16 + 1)]).areas(top);
    frame.render_widget(Paragraph::new(format!(" {}", view.station_title)).style(theme.dim), title);
    frame.render_widget(Paragraph::new(now).style(theme.dim), time);
    if let Some(warning) = view.warning {
        frame.render_widget(Paragraph::new(format!(" {warning}")).style(theme.dim), bottom);
    }
    let body = body.inner(Margin::new(2, 1));
    match view.session {
        None => waiting(frame, body, view, None),
        Some(session) => match &session.scene {
            Scene::Auto => auto(frame, body, view, session),
            Scene::Agenda => agenda(frame, body, view, session),
            Scene::Message { text } => message(frame, body, view, text),
            Scene::Blank => {}
            Scene::TalkTime => talk_time(frame, body, view, session),
        },
    }
}

/// Title lines above big text: wrapped, centred, with the room's attention on the timer below.
fn heading<'a>(lines: Vec<Line<'a>>, width: u16) -> (Paragraph<'a>, u16) {
    let paragraph = Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true });
    let height = paragraph.line_count(width) as u16;
    (paragraph, height)
}

fn waiting(frame: &mut Frame, area: Rect, view: &ProjectionView, session: Option<&Session>) {
    let theme = view.theme;
    let mut lines = vec![Line::from(Span::styled(view.station_title, theme.title)), Line::default()];
    lines.push(Line::from(Span::styled(Label::Waiting.text(view.lang), theme.base)));
    if let Some(session) = session {
        let projection = project(session, view.now);
        let next =
            session.agenda.iter().zip(&projection.rows).find(|(item, _)| item.state == BlockState::Upcoming);
        if let Some((item, row)) = next {
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                format!("{} · {}", clock(row.start), item.block.title),
                theme.dim,
            )));
        }
    }
    let (paragraph, height) = heading(lines, area.width);
    let [middle] =
        Layout::vertical([Constraint::Length(height)]).flex(ratatui::layout::Flex::Center).areas(area);
    frame.render_widget(paragraph, middle);
}

fn auto(frame: &mut Frame, area: Rect, view: &ProjectionView, session: &Session) {
    let theme = view.theme;
    let lang = view.lang;
    let Some(item) = session.current() else {
        if session.is_finished() {
            frame.render_widget(&Big::new(Label::ThankYou.text(lang), theme.title), area);
        } else {
            waiting(frame, area, view, Some(session));
        }
        return;
    };
    let block = &item.block;
    let (state, style, label) = timer_look(theme, item, view.now);
    let digits = timer(item.timer.remaining(view.now));
    if let Some(discussion) = &item.discussion {
        // The floor matters more than the block: its timer goes small, beside the title.
        let line = Line::from(vec![
            Span::styled(block.title.as_str(), theme.title),
            Span::styled(format!("  {digits}"), style),
        ]);
        let (title, title_height) = heading(vec![line], area.width);
        let [title_area, _, rest] =
            Layout::vertical([Constraint::Length(title_height), Constraint::Length(1), Constraint::Min(1)])
                .areas(area);
        frame.render_widget(title, title_area);
        let panel = DiscussionPanel {
            discussion,
            cohort: view.cohort,
            now: view.now,
            queue_cursor: None,
            by_organisation: false,
            lang,
            theme,
        };
        draw_discussion_projection(frame, rest, &panel, (digits.as_str(), style));
        return;
    }
    let lines = about_block(block, view.cohort, theme, lang);
    let (title, title_height) = heading(lines, area.width);
    let shows_word = state != TimerState::Running;
    let [title_area, _, digits_area, word_area] = Layout::vertical([
        Constraint::Length(title_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(shows_word) * 2),
    ])
    .areas(area);
    frame.render_widget(title, title_area);
    frame.render_widget(&Big::new(&digits, style), digits_area);
    if shows_word {
        let word = Paragraph::new(label.text(lang)).style(style).alignment(Alignment::Center);
        frame.render_widget(word, word_area);
    }
}

fn agenda(frame: &mut Frame, area: Rect, view: &ProjectionView, session: &Session) {
    let theme = view.theme;
    let projection = project(session, view.now);
    let mut lines =
        vec![Line::from(Span::styled(Label::Agenda.text(view.lang), theme.title)), Line::default()];
    for (item, row) in session.agenda.iter().zip(&projection.rows) {
        let (mark, style) = match item.state {
            BlockState::Done => ("✓ ", theme.done),
            BlockState::Skipped => ("– ", theme.skipped),
            BlockState::Current => ("▶ ", theme.title),
            BlockState::Upcoming => ("  ", theme.base),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(format!("{}  ", clock(row.start)), style),
            Span::styled(item.block.title.clone(), style),
        ]));
    }
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let height = lines.len() as u16;
    let [column] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [column] = Layout::vertical([Constraint::Length(height.min(column.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(column);
    // On a short screen, keep the current block in view.
    let current =
        session.agenda.iter().position(|item| item.state == BlockState::Current).unwrap_or(0) as u16;
    let scroll = (current + 2).saturating_sub(column.height / 2).min(height.saturating_sub(column.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), column);
}

fn message(frame: &mut Frame, area: Rect, view: &ProjectionView, text: &str) {
    frame.render_widget(&Big::new(text, view.theme.title), area);
}

/// Talk time of the current discussion, per participant, when the facilitator
/// chooses to show it; outside a discussion the room sees the current block.
fn talk_time(frame: &mut Frame, area: Rect, view: &ProjectionView, session: &Session) {
    match session.current_discussion() {
        Some((_, discussion)) => {
            let lines = talk_time_lines(
                discussion,
                &session.cohort,
                view.now,
                area.width,
                false,
                view.lang,
                view.theme,
            );
            let height = lines.len() as u16;
            let [middle] = Layout::vertical([Constraint::Length(height)])
                .flex(ratatui::layout::Flex::Center)
                .areas(area);
            frame.render_widget(Paragraph::new(lines), middle);
        }
        None => auto(frame, area, view, session),
    }
}
