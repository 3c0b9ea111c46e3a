//! The audience view: large, legible, calm. It shows the scene the
//! facilitator chose and never a note, a drift figure or anything private.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::big::Big;
use super::discussion::{draw_discussion_projection, talk_time_bars};
use super::format::{clock, timer};
use super::{Theme, timer_style};
use crate::core::discussion::RoomSpeakerClock;
use crate::core::method::MethodRoom;
use crate::core::room::{RoomAgendaRow, RoomBlock, RoomNext, RoomScene, RoomView};
use crate::core::session::BlockState;
use crate::core::timer::TimerState;
use crate::i18n::{DiscussionLabel, ProjectionLabel};
use crate::i18n::{Label, Lang};

/// Everything a projection frame shows: the room's view and nothing else.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionView<'a> {
    pub room: &'a RoomView,
    /// A small notice, e.g. that the log could not be read and the last good state is shown.
    pub warning: Option<&'a str>,
    /// Mirror mode only: the facilitator's way back, small and dim in the bottom-right corner.
    pub hint: Option<&'a str>,
    /// The room's language (the journey's unless `project --lang` says otherwise).
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_projection(frame: &mut Frame, view: &ProjectionView) {
    let theme = view.theme;
    let area = frame.area();
    if view.room.scene == RoomScene::Blank {
        frame.render_widget(Block::new().style(Style::new().bg(Color::Black)), area);
        corner_hint(frame, area, view.hint, Style::new().fg(Color::DarkGray).bg(Color::Black));
        return;
    }
    frame.render_widget(Block::new().style(theme.base), area);
    let [top, body, bottom] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let now = clock(view.room.now);
    let [title, time] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(now.len() as u16 + 1)]).areas(top);
    frame.render_widget(Paragraph::new(format!(" {}", view.room.station_title)).style(theme.dim), title);
    frame.render_widget(Paragraph::new(now).style(theme.dim), time);
    if let Some(warning) = view.warning {
        frame.render_widget(Paragraph::new(format!(" {warning}")).style(theme.dim), bottom);
    }
    corner_hint(frame, area, view.hint, theme.dim);
    let body = body.inner(Margin::new(2, 1));
    match &view.room.scene {
        RoomScene::Waiting { next } => waiting(frame, body, view, next.as_ref()),
        RoomScene::Block(block) => current(frame, body, view, block),
        RoomScene::Agenda(rows) => agenda(frame, body, view, rows),
        RoomScene::Message(text) => message(frame, body, view, text),
        RoomScene::Blank => {}
        RoomScene::TalkTime(talk) => {
            let totals = talk.iter().map(|(person, spoken)| (person.name.clone(), *spoken)).collect();
            let lines = talk_time_bars(
                Label::Discussion(DiscussionLabel::TalkTime),
                totals,
                body.width,
                view.lang,
                theme,
            );
            let height = lines.len() as u16;
            let [middle] = Layout::vertical([Constraint::Length(height)])
                .flex(ratatui::layout::Flex::Center)
                .areas(body);
            frame.render_widget(Paragraph::new(lines), middle);
        }
        RoomScene::Finished => frame.render_widget(
            &Big::new(Label::Projection(ProjectionLabel::ThankYou).text(view.lang), theme.title),
            body,
        ),
    }
}

/// The facilitator's hint in the bottom-right corner, where the room does not look.
fn corner_hint(frame: &mut Frame, area: Rect, hint: Option<&str>, style: Style) {
    let Some(hint) = hint else { return };
    let width = (Line::from(hint).width() as u16 + 1).min(area.width);
    let corner = Rect {
        x: area.right() - width,
        y: area.bottom().saturating_sub(1),
        width,
        height: 1.min(area.height),
    };
    frame.render_widget(Paragraph::new(hint).style(style), corner);
}

/// Title lines above big text: wrapped, centred, with the room's attention on the timer below.
fn heading<'a>(lines: Vec<Line<'a>>, width: u16) -> (Paragraph<'a>, u16) {
    let paragraph = Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true });
    let height = paragraph.line_count(width) as u16;
    (paragraph, height)
}

fn waiting(frame: &mut Frame, area: Rect, view: &ProjectionView, next: Option<&RoomNext>) {
    let theme = view.theme;
    let mut lines =
        vec![Line::from(Span::styled(view.room.station_title.as_str(), theme.title)), Line::default()];
    lines.push(Line::from(Span::styled(
        Label::Projection(ProjectionLabel::Waiting).text(view.lang),
        theme.base,
    )));
    if let Some(next) = next {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(format!("{} · {}", clock(next.start), next.title), theme.dim)));
    }
    let (paragraph, height) = heading(lines, area.width);
    let [middle] =
        Layout::vertical([Constraint::Length(height)]).flex(ratatui::layout::Flex::Center).areas(area);
    frame.render_widget(paragraph, middle);
}

fn current(frame: &mut Frame, area: Rect, view: &ProjectionView, block: &RoomBlock) {
    let theme = view.theme;
    let lang = view.lang;
    let (style, label) = timer_style(theme, block.timer);
    let digits = timer(block.remaining);
    if let Some(MethodRoom::Discussion(discussion)) = &block.method {
        // A speaker's clock the plan shows is the big one: the block's timer goes
        // small, beside the title. Otherwise the block's clock stays big, and once is enough.
        let speaker_clock_shown = discussion
            .speaker
            .as_ref()
            .is_some_and(|speaker| matches!(speaker.clock, RoomSpeakerClock::Shown { .. }));
        let mut spans = vec![Span::styled(block.title.as_str(), theme.title)];
        if speaker_clock_shown {
            spans.push(Span::styled(format!("  {digits}"), style));
        }
        let line = Line::from(spans);
        let (title, title_height) = heading(vec![line], area.width);
        let [title_area, _, rest] =
            Layout::vertical([Constraint::Length(title_height), Constraint::Length(1), Constraint::Min(1)])
                .areas(area);
        frame.render_widget(title, title_area);
        draw_discussion_projection(frame, rest, discussion, (digits.as_str(), style), lang, theme);
        return;
    }
    let mut lines = vec![
        Line::from(Span::styled(block.kind.text(lang), theme.dim)),
        Line::from(Span::styled(block.title.as_str(), theme.title)),
    ];
    if let Some(presenter) = &block.presenter {
        lines.push(Line::from(Span::styled(presenter.as_str(), theme.base)));
    }
    let (title, title_height) = heading(lines, area.width);
    let shows_word = block.timer != TimerState::Running;
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

fn agenda(frame: &mut Frame, area: Rect, view: &ProjectionView, rows: &[RoomAgendaRow]) {
    let theme = view.theme;
    let mut lines = vec![
        Line::from(Span::styled(Label::Projection(ProjectionLabel::Agenda).text(view.lang), theme.title)),
        Line::default(),
    ];
    for row in rows {
        let (mark, style) = match row.state {
            BlockState::Done => ("✓ ", theme.done),
            BlockState::Skipped => ("– ", theme.skipped),
            BlockState::Current => ("▶ ", theme.title),
            BlockState::Upcoming => ("  ", theme.base),
        };
        lines.push(Line::from(vec![
            Span::styled(mark, style),
            Span::styled(format!("{}  ", clock(row.start)), style),
            Span::styled(row.title.clone(), style),
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
    let current = rows.iter().position(|row| row.state == BlockState::Current).unwrap_or(0) as u16;
    let scroll = (current + 2).saturating_sub(column.height / 2).min(height.saturating_sub(column.height));
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), column);
}

fn message(frame: &mut Frame, area: Rect, view: &ProjectionView, text: &str) {
    frame.render_widget(&Big::new(text, view.theme.title), area);
}
