//! The facilitator's console: header with clock and drift, the agenda, the
//! current block with its timer, the keys that work now, and overlays.

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, LineGauge, Paragraph, Row, Table, TableState, Wrap};

use super::big::Big;
use super::consultation::{
    ConsultationFocus, ConsultationOverlay, draw_block_clock_line, draw_consultation_overlay,
    draw_consultation_panel,
};
use super::discussion::{DiscussionPanel, draw_discussion_panel};
use super::exchange::{ExchangePanel, ExchangeView, draw_exchange_panel, draw_place_picker};
use super::format::{clock, shorten, timer, wrap_words};
use super::reflection::{ReflectionPanel, draw_reflection_panel};
use super::{Theme, about_block, centered, timer_look, too_small};
use crate::core::Timestamp;
use crate::core::agenda::{self, Projection, project, round_minutes};
use crate::core::catalogue::MethodContent;
use crate::core::discussion::{Hand, picker_matches};
use crate::core::event::{AnchorMode, Scene};
use crate::core::reflection::Commitment;
use crate::core::session::{AgendaItem, BlockState, Session};
use crate::i18n::{ConsoleLabel, ConsoleMsg, DiscussionLabel, ProjectionLabel, ReflectionLabel};
use crate::i18n::{Label, Lang, Msg};
use crate::plan::Participant;

/// A line across the top of the console: what was recovered, or a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Banner {
    Info(String),
    Error(String),
}

/// What floats over the console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay<'a> {
    None,
    /// Every key, scrolled down by `scroll` lines on a small terminal.
    Help {
        scroll: u16,
    },
    /// The note editor with its text and the cursor position (in characters).
    Note {
        text: &'a str,
        cursor: usize,
    },
    /// The editor of a message for the room; `offered` while the text is a
    /// suggestion (or the message on the wall) that typing replaces.
    Message {
        text: &'a str,
        cursor: usize,
        offered: bool,
    },
    /// The type-ahead picker of a speaker, with the highlighted match.
    Picker {
        hand: Hand,
        text: &'a str,
        cursor: usize,
        selected: usize,
    },
    /// The editor of a parked question, a decision or an action item.
    Capture {
        kind: CaptureKind,
        text: &'a str,
        cursor: usize,
    },
    /// The editor of a reflection's takeaway, or (`commitment`) a transfer commitment.
    Takeaway {
        commitment: bool,
        text: &'a str,
        cursor: usize,
    },
    /// Who is here today, with the cursor on a participant.
    Attendance {
        selected: usize,
    },
    /// The group screens `serve` shows: where it listens, the address and its
    /// QR code (half blocks), or why it could not start.
    Serve {
        addresses: &'a str,
        url: &'a str,
        qr: &'a [String],
        error: Option<&'a str>,
    },
    ConfirmQuit,
    ConfirmReanchor,
    /// Skip the block that runs?
    ConfirmSkip,
    /// A consultation's method catalogue or capture editor.
    Consultation(ConsultationOverlay<'a>),
    /// The picker of who joins an exchange group, with the highlighted match.
    ExchangePlace {
        text: &'a str,
        cursor: usize,
        selected: usize,
    },
}

/// The console state of the current block's method that a frame shows, in
/// the method's own view type.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum MethodFocus<'a> {
    #[default]
    None,
    Consultation(ConsultationFocus<'a>),
    Reflection(ReflectionFocus<'a>),
    Exchange(ExchangeView<'a>),
}

/// What a reflection's panel shows beyond its state: the cursor in its
/// takeaways, and the earlier stations' commitments (read once, when the station opened).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ReflectionFocus<'a> {
    /// The cursor in the takeaways, when they have the arrow keys.
    pub cursor: Option<usize>,
    pub commitments: Option<&'a [Commitment]>,
}

/// The keys to show: the footer's short forms and help's columns, from the
/// same binding tables that dispatch keys.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyHelp {
    pub footer: Vec<(&'static str, Label)>,
    pub help: Vec<Vec<(&'static str, Label)>>,
    /// The current block's method, whose name heads its keys in help and whose purpose and rules follow them.
    pub method: Option<&'static MethodContent>,
}

/// What a capture editor writes down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaptureKind {
    Parked,
    Decision,
    Action,
}

/// The width of one column of help.
const HELP_COLUMN: u16 = 68;

/// Rows of the console's timer in big digits (on a tall terminal).
const BIG_TIMER_ROWS: u16 = 13;

/// Everything a console frame shows.
#[derive(Debug, Clone, Copy)]
pub struct ConsoleView<'a> {
    pub journey_title: &'a str,
    pub station_title: &'a str,
    pub session: &'a Session,
    pub now: Timestamp,
    /// The block the agenda cursor is on (keys like `+`, `s`, `[` act on it).
    pub selected: Option<&'a str>,
    /// The queue entry the cursor is on, when the speaker queue has the focus.
    pub queue_cursor: Option<usize>,
    /// Talk time per organisation instead of per participant.
    pub talk_by_organisation: bool,
    pub overlay: Overlay<'a>,
    /// The console state of the current block's method (beyond the discussion's fields above).
    pub method: MethodFocus<'a>,
    /// A write failure, shown in red above everything else until it is resolved.
    pub failure: Option<&'a str>,
    /// An event is not recorded yet (the journal failed), as opposed to a JSON log not refreshed.
    pub unrecorded: bool,
    pub banners: &'a [Banner],
    /// A short answer to the last key, e.g. why it did nothing.
    pub message: Option<Label>,
    pub keys: &'a KeyHelp,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// Draws the console into the whole frame.
pub fn draw_console(frame: &mut Frame, view: &ConsoleView) {
    let theme = view.theme;
    frame.render_widget(Block::new().style(theme.base), frame.area());
    if too_small(frame, theme, view.lang) {
        return;
    }
    let projection = project(view.session, view.now);
    let banner_lines = (view.banners.len() + usize::from(view.failure.is_some())).min(3) as u16;
    let [header, banners, body, message, footer] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(banner_lines),
        Constraint::Min(8),
        Constraint::Length(u16::from(view.message.is_some())),
        Constraint::Length(1),
    ])
    .areas(frame.area());
    draw_header(frame, header, view, &projection);
    draw_banners(frame, banners, view);
    let in_method = view.session.current().is_some_and(|item| item.method.kind().is_some());
    let agenda_width = if in_method {
        (body.width * 2 / 5).max(30)
    } else if body.width >= 120 {
        body.width / 2
    } else {
        body.width * 11 / 20
    };
    let [agenda, active] =
        Layout::horizontal([Constraint::Length(agenda_width), Constraint::Min(20)]).areas(body);
    draw_agenda(frame, agenda, view, &projection);
    draw_active(frame, active, view);
    if let Some(label) = view.message {
        frame.render_widget(
            Paragraph::new(format!(" {}", label.text(view.lang))).style(theme.behind),
            message,
        );
    }
    draw_footer(frame, footer, view);
    draw_overlay(frame, view);
}

fn draw_header(frame: &mut Frame, area: Rect, view: &ConsoleView, projection: &Projection) {
    let theme = view.theme;
    let lang = view.lang;
    let [top, bottom] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(area);
    let now = view.now.format("%H:%M").to_string();
    let title = format!(" {} · {}", view.journey_title, view.station_title);
    // What the room sees, always in view: a black wall or a message left up is easy to forget.
    let room = room_indicator(view);
    let room_width = room.chars().count() as u16 + 3;
    let [left, room_area, right] = Layout::horizontal([
        Constraint::Min(1),
        Constraint::Length(room_width),
        Constraint::Length(now.len() as u16 + 1),
    ])
    .areas(top);
    // Cut with an ellipsis, so a cut title reads as cut, and between grapheme clusters.
    let title = shorten(&title, usize::from(left.width));
    frame.render_widget(Paragraph::new(title).style(theme.title), left);
    frame.render_widget(
        Paragraph::new(format!("{room}  ")).style(theme.key).alignment(Alignment::Right),
        room_area,
    );
    frame.render_widget(Paragraph::new(now).style(theme.title), right);

    let ends = clock(projection.expected_end);
    let planned = clock(projection.planned_end);
    let status = if view.session.is_finished() {
        // A finished station says so, and how it ended against its plan.
        let text = format!(
            " {} — {}",
            Label::Console(ConsoleLabel::StationDone).text(lang),
            Msg::Console(ConsoleMsg::EndedAt { ended: ends, planned }).text(lang)
        );
        Span::styled(text, theme.title)
    } else {
        match projection.behind.map(round_minutes) {
            None => {
                let start = projection.rows.first().map_or_else(|| planned.clone(), |row| clock(row.start));
                Span::styled(
                    format!(" {} {start}–{planned}", Label::Console(ConsoleLabel::Planned).text(lang)),
                    theme.dim,
                )
            }
            Some(0) => Span::styled(
                format!(" {}", Msg::Console(ConsoleMsg::OnTimeEnds { ends }).text(lang)),
                theme.ahead,
            ),
            Some(minutes) if minutes > 0 => Span::styled(
                format!(" {}", Msg::Console(ConsoleMsg::Behind { minutes, ends, planned }).text(lang)),
                theme.behind,
            ),
            Some(minutes) => Span::styled(
                format!(
                    " {}",
                    Msg::Console(ConsoleMsg::Ahead { minutes: -minutes, ends, planned }).text(lang)
                ),
                theme.ahead,
            ),
        }
    };
    let rehearsal = view.session.anchor.filter(|anchor| anchor.mode == AnchorMode::Shifted);
    let mut spans = Vec::new();
    if rehearsal.is_some() {
        spans.push(Span::styled(
            format!(" {} ·", Label::Console(ConsoleLabel::Rehearsal).text(lang)),
            theme.last_minutes,
        ));
    }
    spans.push(status);
    // Under half a minute is not worth a word: "0 min short" would only alarm.
    let squeezed = view
        .session
        .agenda
        .iter()
        .zip(&projection.rows)
        .find_map(|(item, row)| row.squeeze_minutes().map(|minutes| (item, row, minutes)));
    if let Some((item, row, minutes)) = squeezed {
        let msg = Msg::Console(ConsoleMsg::SqueezedBefore {
            minutes,
            block: item.block.title.clone(),
            at: clock(row.start),
        });
        spans.push(Span::styled(format!("  · {}", msg.text(lang)), theme.last_minutes));
    }
    frame.render_widget(Paragraph::new(Line::from(fit_spans(spans, usize::from(bottom.width)))), bottom);
}

/// Spans cut to `width` columns: the one that overflows ends in "…", the rest go.
fn fit_spans(spans: Vec<Span<'_>>, width: usize) -> Vec<Span<'_>> {
    let mut left = width;
    let mut fitted = Vec::with_capacity(spans.len());
    for span in spans {
        let span_width = span.width();
        if span_width <= left {
            left -= span_width;
            fitted.push(span);
        } else {
            fitted.push(Span::styled(shorten(&span.content, left), span.style));
            break;
        }
    }
    fitted
}

/// "Room: message “Back at 13:15”" — the scene the projection shows now.
fn room_indicator(view: &ConsoleView) -> String {
    let lang = view.lang;
    let scene = match &view.session.scene {
        Scene::Auto => ConsoleLabel::RoomTimer.text(lang).to_string(),
        Scene::Agenda => ConsoleLabel::RoomAgenda.text(lang).to_string(),
        Scene::Message { text } => format!(
            "{} {}",
            ConsoleLabel::RoomMessage.text(lang),
            Msg::Console(ConsoleMsg::Quoted { text: shorten(text, 30) }).text(lang)
        ),
        Scene::Blank => ConsoleLabel::RoomBlank.text(lang).to_string(),
        Scene::TalkTime => ConsoleLabel::RoomTalkTime.text(lang).to_string(),
    };
    format!("{}: {scene}", ConsoleLabel::RoomShows.text(lang))
}

fn draw_banners(frame: &mut Frame, area: Rect, view: &ConsoleView) {
    let rows = Layout::vertical(vec![Constraint::Length(1); area.height as usize]).split(area);
    let failure = view.failure.map(|text| (text, view.theme.banner_error));
    let banners = view.banners.iter().map(|banner| match banner {
        Banner::Info(text) => (text.as_str(), view.theme.banner_info),
        Banner::Error(text) => (text.as_str(), view.theme.banner_error),
    });
    for ((text, style), row) in failure.into_iter().chain(banners).zip(rows.iter()) {
        frame.render_widget(Paragraph::new(format!(" {text}")).style(style), *row);
    }
}

fn draw_agenda(frame: &mut Frame, area: Rect, view: &ConsoleView, projection: &Projection) {
    let theme = view.theme;
    let lang = view.lang;
    // Each table row, and the agenda index it shows (none for a gap).
    let mut rows: Vec<(Row, Option<usize>)> = Vec::with_capacity(view.session.agenda.len() + 2);
    let mut previous_end: Option<Timestamp> = None;
    let mut latest_planned: Option<Timestamp> = None;
    for (index, (item, row)) in view.session.agenda.iter().zip(&projection.rows).enumerate() {
        // Free time before a fixed start (the bus leaves at 14:00, lunch ends
        // 13:40) is shown as a row of its own, not hidden between two times.
        let gap = previous_end.map(|end| row.start - end).filter(|gap| *gap >= TimeDelta::minutes(1));
        if let (Some(gap), Some(end), BlockState::Upcoming) = (gap, previous_end, item.state) {
            let text = Msg::Console(ConsoleMsg::Gap { minutes: round_minutes(gap) }).text(lang);
            rows.push((
                Row::new(vec![
                    Cell::from(""),
                    Cell::from(Span::styled(clock(end), theme.dim)),
                    Cell::from(Span::styled(format!("{:>4}m", round_minutes(gap)), theme.dim)),
                    Cell::from(""),
                    Cell::from(Span::styled(text, theme.dim)),
                ]),
                None,
            ));
        }
        if item.state != BlockState::Skipped {
            previous_end = Some(row.end);
        }
        // Title column: the panel less its borders, four columns and their spacing.
        let title_width = usize::from(area.width).saturating_sub(2 + 6 + 5 + 5 + 1 + 4);
        // Planned earlier than a block above it: it was moved.
        let moved =
            row.planned_start.is_some_and(|planned| latest_planned.is_some_and(|latest| planned < latest));
        latest_planned = latest_planned.max(row.planned_start);
        rows.push((agenda_row(view, item, row, moved, title_width), Some(index)));
    }
    let header = Row::new(vec![
        Cell::from(Label::Console(ConsoleLabel::Planned).text(lang)),
        Cell::from(Label::Console(ConsoleLabel::Now).text(lang)),
        Cell::from(""),
        Cell::from(""),
        Cell::from(""),
    ])
    .style(theme.dim);
    let selected = view
        .selected
        .and_then(|id| view.session.agenda.iter().position(|item| item.block.id == id))
        .or_else(|| view.session.agenda.iter().position(|item| item.state == BlockState::Current))
        .and_then(|index| rows.iter().position(|(_, shown)| *shown == Some(index)));
    let table = Table::new(
        rows.into_iter().map(|(row, _)| row),
        [
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(1),
            Constraint::Fill(1),
        ],
    )
    .header(header)
    .column_spacing(1)
    .row_highlight_style(theme.selected)
    .block(panel(Label::Projection(ProjectionLabel::Agenda).text(lang), theme));
    let mut state = TableState::default().with_selected(selected);
    frame.render_stateful_widget(table, area, &mut state);
}

/// One block of the agenda: planned and expected start, its length (the
/// budget while it runs, the time it took once done), its state, and its
/// title with a pin for a fixed start and a proposal where a pin squeezes it.
fn agenda_row<'a>(
    view: &ConsoleView,
    item: &'a AgendaItem,
    row: &agenda::Row,
    moved: bool,
    width: usize,
) -> Row<'a> {
    let theme = view.theme;
    let lang = view.lang;
    let (mark, style) = match item.state {
        BlockState::Done => ("✓", theme.done),
        BlockState::Skipped => ("–", theme.skipped),
        BlockState::Current => ("▶", timer_look(theme, item, view.now).1),
        BlockState::Upcoming => (" ", theme.base),
    };
    let minutes = match item.state {
        BlockState::Done => round_minutes(item.timer.elapsed(view.now)),
        BlockState::Current => item.timer.budget().num_minutes(),
        BlockState::Skipped => 0,
        BlockState::Upcoming => i64::from(item.block.minutes),
    };
    // What a pin ahead would leave of an upcoming block: a proposal beside the
    // plan ("45→35"), never applied to a timer.
    let proposed = round_minutes(row.end - row.start);
    let length = if item.state == BlockState::Upcoming && proposed < minutes {
        Span::styled(format!("{:>5}", format!("{minutes}→{proposed}")), theme.last_minutes)
    } else {
        Span::styled(format!("{minutes:>4}m"), style)
    };
    // A block moved out of the plan's order keeps its planned time, marked as moved.
    let planned = match row.planned_start {
        Some(start) if moved => format!("↕{}", clock(start)),
        Some(start) => format!(" {}", clock(start)),
        None => "   —  ".to_string(),
    };
    let start_style = if item.block.fixed_start.is_some() { style.patch(theme.fixed) } else { style };
    let pin = if item.block.fixed_start.is_some() { "⚑ " } else { "" };
    let squeezed = row
        .squeeze_minutes()
        .map(|minutes| format!("  {}", Msg::Console(ConsoleMsg::SqueezedBy { minutes }).text(lang)))
        .unwrap_or_default();
    // A title that does not fit ends in "…", and the pin and the squeeze stay in view.
    let room = width.saturating_sub(pin.chars().count() + squeezed.chars().count());
    let title = vec![
        Span::styled(pin, theme.key),
        Span::styled(shorten(&item.block.title, room), style),
        Span::styled(squeezed, theme.last_minutes),
    ];
    Row::new(vec![
        Cell::from(Span::styled(planned, theme.dim)),
        Cell::from(Span::styled(clock(row.start), start_style)),
        Cell::from(length),
        Cell::from(Span::styled(mark, style)),
        Cell::from(Line::from(title)),
    ])
}

pub(super) fn panel(title: &str, theme: &Theme) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title))
}

fn draw_active(frame: &mut Frame, area: Rect, view: &ConsoleView) {
    let theme = view.theme;
    let lang = view.lang;
    let session = view.session;
    let current = session.current();
    let shown = current.or_else(|| session.agenda.iter().find(|item| item.state == BlockState::Upcoming));
    let title = match (current, shown) {
        (Some(_), _) => ConsoleLabel::ActiveBlock,
        (None, Some(_)) => ConsoleLabel::NextUp,
        (None, None) => ConsoleLabel::StationDone,
    };
    let title = Label::Console(title);
    let outer = panel(title.text(lang), theme);
    let content = outer.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(outer, area);
    let Some(item) = shown else {
        let done = Paragraph::new(Label::Console(ConsoleLabel::StationFinished).text(lang))
            .style(theme.title)
            .wrap(Wrap { trim: true });
        frame.render_widget(done, content);
        return;
    };
    let block = &item.block;
    let about = about_block(block, &session.cohort, theme, lang);
    let about = Paragraph::new(about).wrap(Wrap { trim: false });
    let about_height = about.line_count(content.width) as u16;
    // With room to spare (a tall terminal, no method panel below), the
    // countdown is drawn in big digits, as the room sees it.
    let big = current.is_some() && item.method.kind().is_none() && content.height >= 36;
    // A consultation's own phase clock is the one to watch: on a small
    // terminal the block's countdown keeps one line, the phases get the room.
    let compact = current.is_some() && item.method.consultation().is_some() && content.height < 40;
    let [about_area, _, clock_area, _, notes_area] = Layout::vertical([
        Constraint::Length(about_height),
        Constraint::Length(1),
        Constraint::Length(if big {
            BIG_TIMER_ROWS
        } else if compact {
            1
        } else {
            3
        }),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(content);
    frame.render_widget(about, about_area);
    if compact {
        draw_block_clock_line(frame, clock_area, view, item);
    } else if current.is_some() {
        draw_timer(frame, clock_area, view, item);
    } else {
        let title = Msg::Console(ConsoleMsg::Quoted { text: block.title.clone() }).text(lang);
        let hint = format!("{} {title}", Label::Console(ConsoleLabel::PressSpaceToStart).text(lang));
        frame.render_widget(Paragraph::new(hint).style(theme.key).wrap(Wrap { trim: true }), clock_area);
    }
    // A method's panel takes the room below the clock; the plan's notes for
    // the block keep one line at its foot (they are why the block is run so).
    let notes_area = match (&block.notes, current.is_some() && item.method.kind().is_some()) {
        (Some(text), true) if notes_area.height > 6 => {
            let [method_area, line_area] =
                Layout::vertical([Constraint::Min(0), Constraint::Length(1)]).areas(notes_area);
            let lead = format!("{}: ", Label::Console(ConsoleLabel::Notes).text(lang));
            let room = usize::from(line_area.width).saturating_sub(lead.chars().count());
            let text = shorten(&text.split_whitespace().collect::<Vec<_>>().join(" "), room);
            frame.render_widget(Line::from(vec![Span::styled(lead, theme.dim), Span::raw(text)]), line_area);
            method_area
        }
        _ => notes_area,
    };
    if let (Some(discussion), true) = (item.method.discussion(), current.is_some()) {
        let panel = DiscussionPanel {
            discussion,
            cohort: &session.cohort,
            absent: &session.absent,
            now: view.now,
            queue_cursor: view.queue_cursor,
            by_organisation: view.talk_by_organisation,
            lang,
            theme,
        };
        draw_discussion_panel(frame, notes_area, &panel);
        return;
    }
    if let (Some(consultation), true) = (item.method.consultation(), current.is_some()) {
        let empty = Default::default();
        let focus = match view.method {
            MethodFocus::Consultation(focus) => focus,
            MethodFocus::None | MethodFocus::Reflection(_) | MethodFocus::Exchange(_) => {
                ConsultationFocus { casting: None, group: 0, counts: &empty }
            }
        };
        draw_consultation_panel(frame, notes_area, view, item, consultation, &focus);
        return;
    }
    if let (Some(reflection), true) = (item.method.reflection(), current.is_some()) {
        let focus = match view.method {
            MethodFocus::Reflection(focus) => focus,
            MethodFocus::None | MethodFocus::Consultation(_) | MethodFocus::Exchange(_) => {
                ReflectionFocus::default()
            }
        };
        let panel = ReflectionPanel {
            reflection,
            cx: session.context(&block.id),
            now: view.now,
            cursor: focus.cursor,
            commitments: focus.commitments,
            lang,
            theme,
        };
        draw_reflection_panel(frame, notes_area, &panel);
        return;
    }
    if let (Some(exchange), true) = (item.method.exchange(), current.is_some()) {
        let focus = match view.method {
            MethodFocus::Exchange(focus) => focus,
            MethodFocus::None | MethodFocus::Consultation(_) | MethodFocus::Reflection(_) => {
                ExchangeView::default()
            }
        };
        let panel = ExchangePanel {
            state: exchange,
            cohort: &session.cohort,
            absent: &session.absent,
            view: &focus,
            now: view.now,
            lang,
            theme,
        };
        draw_exchange_panel(frame, notes_area, &panel);
        return;
    }
    let mut notes = Vec::new();
    if let Some(text) = &block.notes {
        notes.push(Line::from(Span::styled(
            format!("{}:", Label::Console(ConsoleLabel::Notes).text(lang)),
            theme.dim,
        )));
        notes.push(Line::from(text.clone()));
    }
    let mine: Vec<_> =
        session.notes.iter().filter(|note| note.block.as_deref() == Some(block.id.as_str())).collect();
    if !mine.is_empty() {
        notes.push(Line::from(Span::styled(
            format!("{}:", Label::Console(ConsoleLabel::YourNotes).text(lang)),
            theme.dim,
        )));
        for note in mine {
            notes.push(Line::from(vec![
                Span::styled(format!("{} ", clock(note.at)), theme.dim),
                Span::raw(&note.text),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(notes).wrap(Wrap { trim: false }), notes_area);
}

/// The current block's countdown, its state in words, and its progress.
fn draw_timer(frame: &mut Frame, area: Rect, view: &ConsoleView, item: &AgendaItem) {
    let theme = view.theme;
    let lang = view.lang;
    let (state, style, label) = timer_look(theme, item, view.now);
    let remaining = item.timer.remaining(view.now);
    // A calm method's timer fades to its word at zero instead of counting on in red.
    let faded = item.method.calm() && state == crate::core::timer::TimerState::Overtime;
    let digits_text = if faded { label.text(lang).to_string() } else { timer(remaining) };
    let word_text = if faded { timer(remaining) } else { label.text(lang).to_string() };
    let digits_height = area.height.saturating_sub(2).max(1);
    let [digits, detail, gauge] =
        Layout::vertical([Constraint::Length(digits_height), Constraint::Length(1), Constraint::Length(1)])
            .areas(area);
    if digits_height > 1 {
        let [big, word] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(digits);
        frame.render_widget(&Big::new(&digits_text, style), big);
        frame.render_widget(Paragraph::new(word_text).style(style).alignment(Alignment::Center), word);
    } else if faded {
        let line = Line::from(vec![
            Span::styled(digits_text, style),
            Span::raw("  "),
            Span::styled(word_text, style),
        ]);
        frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), digits);
    } else {
        let line = Line::from(vec![
            Span::styled(timer(remaining), style),
            Span::raw("  "),
            Span::styled(label.text(lang), style),
        ]);
        frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), digits);
    }
    let what = if remaining < TimeDelta::zero() {
        Label::Console(ConsoleLabel::Over)
    } else {
        Label::Console(ConsoleLabel::Remaining)
    };
    let mut of = format!(
        "{} · {}",
        what.text(lang),
        Msg::Console(ConsoleMsg::OfPlanned { minutes: item.timer.budget().num_minutes() }).text(lang)
    );
    if item.adjusted_minutes != 0 {
        of.push_str(&format!(" ({:+})", item.adjusted_minutes));
    }
    frame.render_widget(Paragraph::new(of).style(theme.dim).alignment(Alignment::Center), detail);
    let budget = item.timer.budget().num_milliseconds().max(1) as f64;
    let ratio = (item.timer.elapsed(view.now).num_milliseconds() as f64 / budget).clamp(0.0, 1.0);
    frame.render_widget(
        LineGauge::default().ratio(ratio).filled_style(style).unfilled_style(theme.dim),
        gauge,
    );
}

/// The footer keeps `?` and `q` always and as many of the other keys as fit.
fn draw_footer(frame: &mut Frame, area: Rect, view: &ConsoleView) {
    let theme = view.theme;
    let keys = &view.keys.footer;
    let width = |(key, label): &(&str, Label)| {
        key_name(key, view.lang).chars().count() + label.text(view.lang).chars().count() + 3
    };
    let (optional, always) = keys.split_at(keys.len().saturating_sub(2));
    let mut budget = usize::from(area.width).saturating_sub(1 + always.iter().map(width).sum::<usize>());
    let mut shown: Vec<&(&str, Label)> = Vec::new();
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
        spans.push(Span::styled(key_name(key, view.lang), theme.key));
        spans.push(Span::styled(format!(" {}  ", label.text(view.lang)), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A key's name in the facilitator's language: the tables name keys as
/// printed on them, and only the space bar has a word of its own.
fn key_name(key: &str, lang: Lang) -> &str {
    if key == "Space" { ConsoleLabel::KeySpace.text(lang) } else { key }
}

/// Help, editors and confirmations over whatever the terminal shows.
pub fn draw_overlay(frame: &mut Frame, view: &ConsoleView) {
    let theme = view.theme;
    let lang = view.lang;
    let area = frame.area();
    match view.overlay {
        Overlay::None => {}
        Overlay::Help { scroll } => {
            // The keys' column as wide as its widest name ("Leertaste"), and a space.
            let key_width = view
                .keys
                .help
                .iter()
                .flatten()
                .map(|(key, _)| key_name(key, lang).chars().count())
                .max()
                .unwrap_or(0)
                .max(5);
            // A label longer than its column ends in … rather than running into the next column.
            let label_room = usize::from(HELP_COLUMN).saturating_sub(key_width + 4);
            let key_line = |(key, label): &(&str, Label)| {
                let key = key_name(key, lang);
                Line::from(vec![
                    Span::styled(format!(" {key:<key_width$} "), theme.key),
                    Span::raw(shorten(label.text(lang), label_room)),
                ])
            };
            let mut columns: Vec<Vec<Line>> =
                view.keys.help.iter().map(|keys| keys.iter().map(key_line).collect()).collect();
            // Side by side where they fit; on a narrow terminal one below the
            // other, scrolled with the arrows: no line is cut.
            let side_by_side = area.width >= HELP_COLUMN * columns.len() as u16 + 2;
            // The method's column: its name above its keys, what it is for and its rules below them.
            let method = view.keys.method.filter(|_| columns.len() > 1);
            if let (Some(method), Some(column)) = (method, columns.get_mut(1)) {
                column
                    .insert(0, Line::from(Span::styled(format!(" {}", method.name.get(lang)), theme.title)));
                column.extend(method_note_lines(method, usize::from(HELP_COLUMN - 2), lang, theme));
            }
            let (width, rows) = if side_by_side {
                (HELP_COLUMN * columns.len() as u16, columns.iter().map(Vec::len).max().unwrap_or(0) as u16)
            } else {
                let rows = columns.iter().map(Vec::len).sum::<usize>() + columns.len().saturating_sub(1);
                (HELP_COLUMN, rows as u16)
            };
            let popup = centered(area, width, rows.saturating_add(4));
            let block = panel(Label::Console(ConsoleLabel::HelpTitle).text(lang), theme);
            let inner = block.inner(popup);
            frame.render_widget(Clear, popup);
            frame.render_widget(block.style(theme.base), popup);
            let [keys_area, close_area] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            let hidden = rows.saturating_sub(keys_area.height);
            let scroll = scroll.min(hidden);
            if side_by_side {
                let areas = Layout::horizontal(vec![Constraint::Fill(1); columns.len()]).split(keys_area);
                for (lines, column) in columns.into_iter().zip(areas.iter()) {
                    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), *column);
                }
            } else {
                let stacked: Vec<Line> = columns
                    .into_iter()
                    .enumerate()
                    .flat_map(|(index, lines)| (index > 0).then(Line::default).into_iter().chain(lines))
                    .collect();
                frame.render_widget(Paragraph::new(stacked).scroll((scroll, 0)), keys_area);
            }
            let hint = if hidden > 0 { ConsoleLabel::HelpCloseScroll } else { ConsoleLabel::HelpClose };
            let close = Paragraph::new(format!(" {}", Label::Console(hint).text(lang))).style(theme.dim);
            frame.render_widget(close, close_area);
        }
        Overlay::Note { text, cursor } => {
            editor_popup(
                frame,
                view,
                Label::Console(ConsoleLabel::NoteTitle),
                Label::Console(ConsoleLabel::NoteHint),
                text,
                cursor,
                theme.base,
            );
        }
        Overlay::Message { text, cursor, offered } => {
            editor_popup(
                frame,
                view,
                Label::Console(ConsoleLabel::MessageTitle),
                Label::Console(ConsoleLabel::MessageHint),
                text,
                cursor,
                if offered { theme.selected } else { theme.base },
            );
        }
        Overlay::Picker { hand, text, cursor, selected } => {
            let title = match hand {
                Hand::Normal => Label::Discussion(DiscussionLabel::PickSpeaker),
                Hand::Reply => Label::Discussion(DiscussionLabel::PickReply),
                Hand::PointOfOrder => Label::Discussion(DiscussionLabel::PickPointOfOrder),
            };
            let matches = picker_matches(view.session.present(), text);
            // Nobody in the whole cohort (present or not) matches: Enter queues a guest by this name.
            let guest = text.trim();
            let offer_guest = matches.is_empty()
                && !guest.is_empty()
                && picker_matches(&view.session.cohort, guest).is_empty();
            // Nobody present matches, but someone marked absent does: say so, not an empty list.
            let absent: Vec<&Participant> = if matches.is_empty() && !guest.is_empty() {
                picker_matches(&view.session.cohort, guest)
            } else {
                Vec::new()
            };
            let listed = if offer_guest { 2 } else { matches.len().max(absent.len()) as u16 };
            let rows = listed.clamp(1, area.height.saturating_sub(8).max(1));
            let popup = centered(area, area.width.saturating_sub(8).min(90), rows + 4);
            let block = panel(title.text(lang), theme);
            let inner = block.inner(popup);
            frame.render_widget(Clear, popup);
            frame.render_widget(block.style(theme.base), popup);
            let [line, list, hint_area] =
                Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)])
                    .areas(inner);
            frame.render_widget(Paragraph::new(text), line);
            frame.set_cursor_position((line.x + (cursor as u16).min(line.width.saturating_sub(1)), line.y));
            let discussion = view.session.current_discussion().map(|(_, discussion)| discussion);
            let first = selected.saturating_sub(usize::from(list.height).saturating_sub(1));
            let lines: Vec<Line> = matches
                .iter()
                .enumerate()
                .skip(first)
                .map(|(index, p)| {
                    let style = if index == selected { theme.selected } else { theme.base };
                    let mut spans = vec![
                        Span::styled(format!(" {}", p.name), style),
                        Span::styled(format!("  {}", p.organisation), theme.dim),
                    ];
                    if let Some(short) = &p.short {
                        spans.push(Span::styled(format!("  {short}"), theme.dim));
                    }
                    if discussion.is_some_and(|d| d.is_queued(&p.id)) {
                        spans.push(Span::styled(
                            format!("  · {}", Label::Discussion(DiscussionLabel::AlreadyInQueue).text(lang)),
                            theme.dim,
                        ));
                    }
                    Line::from(spans)
                })
                .collect();
            let absent_lines = absent.iter().map(|p| {
                Line::from(vec![
                    Span::styled(format!(" {}", p.name), theme.dim),
                    Span::styled(format!("  {}", p.organisation), theme.dim),
                    Span::styled(format!("  · {}", ConsoleLabel::Absent.text(lang)), theme.last_minutes),
                ])
            });
            let lines = if !absent.is_empty() {
                absent_lines.collect()
            } else if offer_guest {
                vec![
                    Line::from(Span::styled(
                        format!(" {}", Label::Discussion(DiscussionLabel::QueueAsGuest).text(lang)),
                        theme.dim,
                    )),
                    Line::from(Span::styled(
                        format!(
                            " {}",
                            Msg::Console(ConsoleMsg::Quoted { text: guest.to_string() }).text(lang)
                        ),
                        theme.selected,
                    )),
                ]
            } else {
                lines
            };
            frame.render_widget(Paragraph::new(lines), list);
            frame.render_widget(
                Paragraph::new(Label::Discussion(DiscussionLabel::SpeakerPickerHint).text(lang))
                    .style(theme.dim),
                hint_area,
            );
        }
        Overlay::Capture { kind, text, cursor } => {
            let (title, hint) = match kind {
                CaptureKind::Parked => (
                    Label::Discussion(DiscussionLabel::CaptureParked),
                    Label::Discussion(DiscussionLabel::CaptureHint),
                ),
                CaptureKind::Decision => (
                    Label::Discussion(DiscussionLabel::CaptureDecision),
                    Label::Discussion(DiscussionLabel::CaptureHint),
                ),
                CaptureKind::Action => (
                    Label::Discussion(DiscussionLabel::CaptureAction),
                    Label::Discussion(DiscussionLabel::CaptureActionHint),
                ),
            };
            editor_popup(frame, view, title, hint, text, cursor, theme.base);
        }
        Overlay::Takeaway { commitment, text, cursor } => {
            let (title, hint) = if commitment {
                (ReflectionLabel::CommitmentTitle, ReflectionLabel::CommitmentHint)
            } else {
                (ReflectionLabel::TakeawayTitle, ReflectionLabel::TakeawayHint)
            };
            let (title, hint) = (Label::Reflection(title), Label::Reflection(hint));
            editor_popup(frame, view, title, hint, text, cursor, theme.base);
        }
        Overlay::Attendance { selected } => attendance_popup(frame, view, selected),
        Overlay::Serve { addresses, url, qr, error } => {
            use crate::i18n::ServeLabel;
            let mut lines = Vec::new();
            match error {
                Some(error) => lines.push(Line::from(Span::styled(error, theme.overtime))),
                None => {
                    lines.push(Line::from(vec![
                        Span::styled(format!("{}: ", ServeLabel::ListensOn.text(lang)), theme.dim),
                        Span::raw(addresses),
                    ]));
                    lines.push(Line::from(vec![
                        Span::styled(format!("{}: ", ServeLabel::OpenIn.text(lang)), theme.dim),
                        Span::styled(url, theme.key),
                    ]));
                    lines.push(Line::default());
                    // Light modules on black, whatever the theme: the usual code for a camera.
                    let code = ratatui::style::Style::new()
                        .fg(ratatui::style::Color::White)
                        .bg(ratatui::style::Color::Black);
                    lines.extend(qr.iter().map(|row| Line::from(Span::styled(row.as_str(), code))));
                }
            }
            lines.push(Line::from(Span::styled(ServeLabel::OverlayHint.text(lang), theme.dim)));
            let widest = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
            let popup = centered(area, widest + 4, lines.len() as u16 + 2);
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(lines)
                    .alignment(Alignment::Center)
                    .style(theme.base)
                    .block(panel(ServeLabel::OverlayTitle.text(lang), theme)),
                popup,
            );
        }
        Overlay::ExchangePlace { text, cursor, selected } => {
            draw_place_picker(frame, area, (text, cursor, selected), view.session.present(), lang, theme)
        }
        Overlay::Consultation(overlay) => draw_consultation_overlay(frame, view, &overlay),
        Overlay::ConfirmQuit | Overlay::ConfirmReanchor | Overlay::ConfirmSkip => {
            let (title, question) = match view.overlay {
                Overlay::ConfirmQuit if view.unrecorded => {
                    (ConsoleLabel::QuitTitle, ConsoleLabel::QuitUnsaved)
                }
                Overlay::ConfirmQuit => (ConsoleLabel::QuitTitle, ConsoleLabel::QuitQuestion),
                Overlay::ConfirmSkip => (ConsoleLabel::SkipTitle, ConsoleLabel::SkipQuestion),
                _ => (ConsoleLabel::ReanchorTitle, ConsoleLabel::ReanchorQuestion),
            };
            let (title, question) = (Label::Console(title), Label::Console(question));
            let width = (question.text(lang).chars().count() as u16 + 4).max(30);
            let popup = centered(area, width, 4);
            frame.render_widget(Clear, popup);
            let lines = vec![
                Line::from(question.text(lang)),
                Line::from(Span::styled(Label::Console(ConsoleLabel::YesNo).text(lang), theme.key)),
            ];
            frame.render_widget(
                Paragraph::new(lines)
                    .alignment(Alignment::Center)
                    .style(theme.base)
                    .wrap(Wrap { trim: true })
                    .block(panel(title.text(lang), theme)),
                popup,
            );
        }
    }
}

/// What the method is for and its rules, as lines under its keys: the
/// purpose, then each rule bulleted, wrapped at `width` columns.
fn method_note_lines(method: &MethodContent, width: usize, lang: Lang, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::default()];
    let mut add = |text: &str, first: &str, rest: &str| {
        for (index, row) in
            wrap_words(text, width.saturating_sub(first.chars().count())).into_iter().enumerate()
        {
            let lead = if index == 0 { first } else { rest };
            lines.push(Line::from(Span::styled(format!("{lead}{row}"), theme.dim)));
        }
    };
    add(method.purpose.get(lang), " ", " ");
    for rule in &method.rules {
        add(rule.get(lang), " · ", "   ");
    }
    lines
}

/// A one-line editor in a box: the text (in `style`: an offered text, not typed,
/// is marked so the facilitator sees that typing replaces it) with its cursor
/// kept in view, and a hint.
fn editor_popup(
    frame: &mut Frame,
    view: &ConsoleView,
    title: Label,
    hint: Label,
    text: &str,
    cursor: usize,
    style: ratatui::style::Style,
) {
    let theme = view.theme;
    let area = frame.area();
    let popup = centered(area, area.width.saturating_sub(8).min(100), 4);
    let block = panel(title.text(view.lang), theme);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block.style(theme.base), popup);
    let [line, hint_area] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(inner);
    // Keep the cursor in view: show the tail of a line longer than the box.
    let width = usize::from(line.width.saturating_sub(1));
    let skip = cursor.saturating_sub(width);
    let visible: String = text.chars().skip(skip).take(width + 1).collect();
    frame.render_widget(Paragraph::new(Span::styled(visible, style)), line);
    frame.render_widget(Paragraph::new(hint.text(view.lang)).style(theme.dim), hint_area);
    frame.set_cursor_position((line.x + (cursor - skip) as u16, line.y));
}

/// The cohort with who is here today; Space marks the one under the cursor.
fn attendance_popup(frame: &mut Frame, view: &ConsoleView, selected: usize) {
    let theme = view.theme;
    let lang = view.lang;
    let area = frame.area();
    let cohort = &view.session.cohort;
    let rows = (cohort.len() as u16).clamp(1, area.height.saturating_sub(8).max(1));
    let popup = centered(area, area.width.saturating_sub(8).min(80), rows + 3);
    let present = view.session.present().len();
    let title =
        format!("{} · {present}/{}", Label::Console(ConsoleLabel::AttendanceTitle).text(lang), cohort.len());
    let block = panel(&title, theme);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block.style(theme.base), popup);
    let [list, hint_area] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let first = selected.saturating_sub(usize::from(list.height).saturating_sub(1));
    let lines: Vec<Line> = cohort
        .iter()
        .enumerate()
        .skip(first)
        .map(|(index, p)| {
            let absent = view.session.absent.contains(&p.id);
            let style = if index == selected {
                theme.selected
            } else if absent {
                theme.dim
            } else {
                theme.base
            };
            let mark = if absent {
                Label::Console(ConsoleLabel::Absent)
            } else {
                Label::Console(ConsoleLabel::Present)
            };
            let mark_style = if absent { theme.last_minutes } else { theme.dim };
            Line::from(vec![
                Span::styled(format!(" {} ", if absent { "·" } else { "✓" }), style),
                Span::styled(format!("{:<9} ", mark.text(lang)), mark_style),
                Span::styled(p.name.clone(), style),
                Span::styled(format!("  {}", p.organisation), theme.dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(Label::Console(ConsoleLabel::AttendanceHint).text(lang)).style(theme.dim),
        hint_area,
    );
}
