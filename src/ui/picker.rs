//! The station picker: the journey's stations with date, place and state.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

use super::{Theme, too_small};
use crate::i18n::ConsoleLabel;
use crate::i18n::{Label, Lang};

/// One station as the picker lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StationEntry {
    pub date: String,
    pub title: String,
    pub place: String,
    pub state: StationState,
}

/// Where a station stands, from its log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StationState {
    NotStarted,
    InProgress,
    Finished,
    /// The log exists but cannot be read; opening it says why.
    Unreadable,
}

#[derive(Debug, Clone, Copy)]
pub struct PickerView<'a> {
    pub journey_title: &'a str,
    pub stations: &'a [StationEntry],
    pub selected: usize,
    pub banner: Option<&'a str>,
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_picker(frame: &mut Frame, view: &PickerView) {
    let theme = view.theme;
    frame.render_widget(Block::new().style(theme.base), frame.area());
    if too_small(frame, theme, view.lang) {
        return;
    }
    let [title, banner, list, hint] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(u16::from(view.banner.is_some())),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    frame.render_widget(Paragraph::new(format!(" {}", view.journey_title)).style(theme.title), title);
    if let Some(text) = view.banner {
        frame.render_widget(Paragraph::new(format!(" {text}")).style(theme.banner_info), banner);
    }
    let width = view.stations.iter().map(|s| s.title.chars().count()).max().unwrap_or(0);
    let items: Vec<ListItem> = view
        .stations
        .iter()
        .map(|station| {
            let (state_label, state_style) = match station.state {
                StationState::NotStarted => (Label::Console(ConsoleLabel::NotStarted), theme.dim),
                StationState::InProgress => (Label::Console(ConsoleLabel::InProgress), theme.last_minutes),
                StationState::Finished => (Label::Console(ConsoleLabel::Finished), theme.done),
                StationState::Unreadable => (Label::Console(ConsoleLabel::Unreadable), theme.overtime),
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {}  ", station.date), theme.dim),
                Span::styled(format!("{:width$}  ", station.title), theme.title),
                Span::styled(format!("{}  ", station.place), theme.base),
                Span::styled(state_label.text(view.lang), state_style),
            ]))
        })
        .collect();
    let block = Block::new().borders(Borders::ALL).border_style(theme.border).title(Span::styled(
        format!(" {} ", Label::Console(ConsoleLabel::PickerTitle).text(view.lang)),
        theme.title,
    ));
    let mut state = ListState::default().with_selected(Some(view.selected));
    frame.render_stateful_widget(
        List::new(items).block(block).highlight_style(theme.selected),
        list,
        &mut state,
    );
    frame.render_widget(
        Paragraph::new(format!(" {}", Label::Console(ConsoleLabel::PickerHint).text(view.lang)))
            .style(theme.dim),
        hint,
    );
}
