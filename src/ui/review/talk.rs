//! The Talk time tab: bar charts per person and per organisation, across the
//! station's discussions and Blitzlicht rounds or for one of them, and who did not speak.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Paragraph, Wrap};

use super::{ReviewView, offset};
use crate::core::discussion::Speaker;
use crate::core::stats::{StationState, StationStats};
use crate::i18n::{ReviewLabel, ReviewMsg};
use crate::ui::format::{elapsed, shorten};

/// The names beside the bars: at least this wide, and up to a quarter of their chart.
const NAME_WIDTH: usize = 14;
const WIDE_NAME_WIDTH: usize = 28;

/// How wide the names beside the bars of a chart `width` columns wide are.
fn name_width(width: u16) -> usize {
    usize::from(width / 4).clamp(NAME_WIDTH, WIDE_NAME_WIDTH)
}

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView, station: &StationStats) {
    let theme = view.theme;
    if station.state == StationState::NotStarted {
        super::nothing(frame, area, view, ReviewLabel::StationNotStarted);
        return;
    }
    if station.turns.is_empty() {
        super::nothing(frame, area, view, ReviewLabel::NoTurns);
        return;
    }
    let block = view.talk_block;
    let which = match block.and_then(|id| station.block(id)) {
        Some(found) => ReviewMsg::InBlock { block: found.title.clone() }.text(view.lang),
        None => view.text(ReviewLabel::WholeStation).to_string(),
    };
    let silent = station.silent(block);
    let silent_text = if silent.is_empty() {
        view.text(ReviewLabel::EveryoneSpoke).to_string()
    } else {
        let names: Vec<&str> = silent.iter().map(|p| p.name.as_str()).collect();
        format!("{} {}", view.text(ReviewLabel::NeverSpoke), names.join(", "))
    };
    let silent_rows =
        Paragraph::new(silent_text.as_str()).wrap(Wrap { trim: true }).line_count(area.width).min(4);
    let [title, charts, silent_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(silent_rows as u16 + 1),
    ])
    .areas(area);
    let title_line = Line::from(vec![Span::styled(which, theme.title), Span::styled("  (d)", theme.key)]);
    frame.render_widget(Paragraph::new(title_line), title);
    let [people, organisations] =
        Layout::horizontal([Constraint::Percentage(60), Constraint::Percentage(40)]).spacing(2).areas(charts);

    let talk = station.talk(block);
    if talk.iter().all(|talk| talk.turns == 0) {
        super::nothing(frame, charts, view, ReviewLabel::NoTurnsInBlock);
    } else {
        let height = usize::from(people.height.saturating_sub(1));
        let skip = offset(view.scroll, talk.len(), height);
        let bars: Vec<Bar> = talk
            .iter()
            .skip(skip)
            .map(|talk| {
                let speaker = Speaker::Participant(talk.participant.clone());
                let name = station.name_of(&speaker);
                let width = name_width(people.width);
                let label =
                    format!("{:<width$} {:>5} ({})", shorten(name, width), elapsed(talk.total), talk.turns);
                bar(label, talk.total, talk.turns, theme)
            })
            .collect();
        // A line between the bars where there is room for it.
        let gap = u16::from(talk.len() * 2 <= height);
        frame.render_widget(chart(bars, view.text(ReviewLabel::PerParticipant), theme).bar_gap(gap), people);
        let by_organisation: Vec<Bar> = station
            .talk_by_organisation(block)
            .into_iter()
            .map(|(organisation, total)| {
                let width = name_width(organisations.width);
                Bar::default()
                    .label(Line::from(format!(
                        "{:<width$} {:>5}",
                        shorten(&organisation, width),
                        elapsed(total)
                    )))
                    .value(total.num_seconds().max(0) as u64)
                    .text_value(String::new())
                    .style(theme.key)
            })
            .collect();
        frame.render_widget(
            chart(by_organisation, view.text(ReviewLabel::PerOrganisation), theme).bar_gap(gap),
            organisations,
        );
    }
    let silent_style = if silent.is_empty() { theme.dim } else { theme.behind };
    frame.render_widget(
        Paragraph::new(silent_text).style(silent_style).wrap(Wrap { trim: true }),
        silent_area,
    );
}

/// A person's bar: the name, time and turns beside it (a value drawn on the
/// bar would hide a short one).
fn bar<'a>(label: String, total: chrono::TimeDelta, turns: usize, theme: &super::Theme) -> Bar<'a> {
    let style = if turns == 0 { theme.dim } else { theme.running };
    Bar::default()
        .label(Line::from(label))
        .value(total.num_seconds().max(0) as u64)
        .text_value(String::new())
        .style(style)
}

fn chart<'a>(bars: Vec<Bar<'a>>, title: &'a str, theme: &super::Theme) -> BarChart<'a> {
    BarChart::default()
        .direction(Direction::Horizontal)
        .block(Block::new().title(Span::styled(title, theme.dim)))
        .bar_width(1)
        .bar_gap(0)
        .data(ratatui::widgets::BarGroup::default().bars(&bars))
}
