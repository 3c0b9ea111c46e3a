//! PURE rendering: every screen is drawn from a borrowed view of the state and never changes it.

mod big;
pub mod console;
mod consultation;
mod discussion;
pub mod exchange;
pub mod format;
pub mod picker;
pub mod projection;
mod reflection;
pub mod review;
pub mod theme;

pub use console::{
    Banner, CaptureKind, ConsoleView, KeyHelp, MethodFocus, Overlay, ReflectionFocus, draw_console,
    draw_overlay,
};
pub use consultation::{ConsultationEditor, ConsultationFocus, ConsultationOverlay};
pub use picker::{PickerView, StationEntry, StationState, draw_picker};
pub use projection::{JoinView, ProjectionView, draw_join, draw_projection};
pub use theme::{Theme, ThemeName};

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::Timestamp;
use crate::core::session::AgendaItem;
use crate::core::timer::TimerState;
use crate::i18n::ConsoleMsg;
use crate::i18n::{Label, Lang, Msg};

/// The smallest terminal the console is laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the "enlarge the window" message when the terminal is below the
/// minimum; returns whether it did.
fn too_small(frame: &mut Frame, theme: &Theme, lang: Lang) -> bool {
    let area = frame.area();
    if area.width >= MIN_WIDTH && area.height >= MIN_HEIGHT {
        return false;
    }
    let text = Msg::Console(ConsoleMsg::TooSmall {
        width: area.width,
        height: area.height,
        min_width: MIN_WIDTH,
        min_height: MIN_HEIGHT,
    })
    .text(lang);
    let paragraph =
        Paragraph::new(text).style(theme.title).alignment(Alignment::Center).wrap(Wrap { trim: true });
    let height = (paragraph.line_count(area.width) as u16).min(area.height);
    let [middle] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    frame.render_widget(paragraph, middle);
    true
}

/// How a block's timer looks now: its state, the style and the word for it.
fn timer_look(
    theme: &Theme,
    item: &AgendaItem,
    now: Timestamp,
) -> (TimerState, ratatui::style::Style, Label) {
    let state = item.timer.state(now, chrono::TimeDelta::seconds(i64::from(item.block.last_minutes_secs)));
    let (style, label) =
        if item.method.calm() { calm_style(theme, state) } else { timer_style(theme, state) };
    (state, style, label)
}

/// The style and the word of a calm method's timer: no amber and no red; at
/// zero it fades to "Zeit" instead of alarming.
fn calm_style(theme: &Theme, state: TimerState) -> (ratatui::style::Style, Label) {
    match state {
        TimerState::Running | TimerState::LastMinutes => (theme.running, Label::Timer(TimerState::Running)),
        TimerState::Overtime => (theme.dim, Label::Projection(crate::i18n::ProjectionLabel::TimeUp)),
        TimerState::Paused => (theme.paused, Label::Timer(TimerState::Paused)),
    }
}

/// The style and the word for a timer's state.
fn timer_style(theme: &Theme, state: TimerState) -> (ratatui::style::Style, Label) {
    let style = match state {
        TimerState::Running => theme.running,
        TimerState::LastMinutes => theme.last_minutes,
        TimerState::Overtime => theme.overtime,
        TimerState::Paused => theme.paused,
    };
    (style, Label::Timer(state))
}

/// A block's kind, title and who gives it (a participant or a guest speaker).
fn about_block<'a>(
    block: &'a crate::plan::Block,
    cohort: &[crate::plan::Participant],
    theme: &Theme,
    lang: Lang,
) -> Vec<ratatui::text::Line<'a>> {
    use ratatui::text::{Line, Span};
    let mut lines = vec![
        Line::from(Span::styled(block.kind.text(lang), theme.dim)),
        Line::from(Span::styled(block.title.as_str(), theme.title)),
    ];
    if let Some(who) = crate::core::room::presenter(block, cohort) {
        lines.push(Line::from(Span::styled(who, theme.base)));
    }
    lines
}

/// A rectangle of `width` × `height` centred in `area` (clipped to it).
fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] =
        Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(area);
    let [cell] =
        Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(row);
    cell
}
