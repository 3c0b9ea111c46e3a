//! The audience view: large, legible, calm. It shows the scene the
//! facilitator chose and never a note, a drift figure or anything private.

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Flex, Layout, Margin, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::big::Big;
use super::consultation::draw_consultation_projection;
use super::discussion::draw_discussion_projection;
use super::exchange::draw_exchange_projection;
use super::format::{clock, elapsed, shorten, timer};
use super::reflection::draw_reflection_projection;
use super::{Theme, timer_style};
use crate::core::discussion::{RoomPerson, RoomSpeakerClock};
use crate::core::method::MethodRoom;
use crate::core::room::{RoomAgendaRow, RoomBlock, RoomNext, RoomScene, RoomView};
use crate::core::timer::TimerState;
use crate::i18n::{DiscussionLabel, ProjectionLabel};
use crate::i18n::{Label, Lang};
use crate::plan::BlockKind;

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
    // The waiting screen shows the station's title large; once is enough.
    if !matches!(view.room.scene, RoomScene::Waiting { .. }) {
        let station = shorten(&format!(" {}", view.room.station_title), usize::from(title.width));
        frame.render_widget(Paragraph::new(station).style(theme.dim), title);
    }
    frame.render_widget(Paragraph::new(now).style(theme.dim), time);
    if let Some(warning) = view.warning {
        frame.render_widget(Paragraph::new(format!(" {warning}")).style(theme.dim), bottom);
    }
    corner_hint(frame, area, view.hint, theme.dim);
    let body = body.inner(Margin::new(2, 1));
    match &view.room.scene {
        RoomScene::Waiting { next } => waiting(frame, body, view, next.as_ref()),
        RoomScene::Block(block) => current(frame, body, view, block),
        RoomScene::Agenda { done, rows } => agenda(frame, body, view, *done, rows),
        RoomScene::Message(text) => message(frame, body, view, text),
        RoomScene::Blank => {}
        RoomScene::TalkTime(talk) => talk_time(frame, body, view, talk),
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

/// Text as large as fits in `width` and at most `most` rows (plain and wrapped
/// when even half-height glyphs do not fit), with the rows it takes.
fn large(text: &str, style: Style, width: u16, most: u16) -> (Big<'_>, u16) {
    let big = Big::new(text, style);
    let height = big.height(width, most.max(1)).min(most.max(1));
    (big, height)
}

/// Lines stacked from the top: each a widget and its height; what does not fit is left out.
fn centred_rows(area: Rect, heights: &[u16]) -> Vec<Rect> {
    let constraints = heights.iter().map(|h| Constraint::Length(*h));
    Layout::vertical(constraints).flex(Flex::Center).split(area).to_vec()
}

/// One styled line, centred and wrapped, styled only where its text is (so an
/// underline does not run across the padding).
fn centred<'a>(text: impl Into<std::borrow::Cow<'a, str>>, style: Style) -> Paragraph<'a> {
    Paragraph::new(Line::from(Span::styled(text, style)))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
}

fn waiting(frame: &mut Frame, area: Rect, view: &ProjectionView, next: Option<&RoomNext>) {
    let theme = view.theme;
    let lang = view.lang;
    let room = view.room;
    let (title, title_height) = large(&room.station_title, theme.title, area.width, area.height * 3 / 10);
    let place = centred(room.place.as_str(), theme.base);
    let place_height = place.line_count(area.width) as u16;
    // The start time, large: when the room will begin, or that it begins any moment now.
    let soon = next.is_none_or(|next| next.start - room.now < TimeDelta::minutes(1));
    let start = next.map(|next| clock(next.start)).unwrap_or_default();
    let (label, first) = match next {
        Some(next) if !soon => (
            Label::Projection(ProjectionLabel::StartsAt).text(lang).to_string(),
            Some(centred(next.title.as_str(), theme.base)),
        ),
        _ => (Label::Projection(ProjectionLabel::Waiting).text(lang).to_string(), None),
    };
    let first_height = first.as_ref().map_or(0, |first| first.line_count(area.width) as u16);
    let fixed = title_height + place_height + 2 + 1 + first_height;
    let digits =
        (!soon).then(|| large(&start, theme.title, area.width, area.height.saturating_sub(fixed) * 2 / 3));
    let digits_height = digits.as_ref().map_or(0, |(_, height)| *height);
    let rows = centred_rows(
        area,
        &[title_height, place_height, 2, 1, u16::from(!soon), digits_height, u16::from(!soon), first_height],
    );
    frame.render_widget(&title, rows[0]);
    frame.render_widget(place, rows[1]);
    frame.render_widget(centred(label, theme.base), rows[3]);
    if let Some((digits, _)) = &digits {
        frame.render_widget(digits, rows[5]);
    }
    if let Some(first) = first {
        frame.render_widget(first, rows[7]);
    }
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
        let title = Paragraph::new(Line::from(spans)).alignment(Alignment::Center).wrap(Wrap { trim: true });
        let title_height = title.line_count(area.width) as u16;
        let [title_area, _, rest] =
            Layout::vertical([Constraint::Length(title_height), Constraint::Length(1), Constraint::Min(1)])
                .areas(area);
        frame.render_widget(title, title_area);
        draw_discussion_projection(frame, rest, discussion, (digits.as_str(), style), lang, theme);
        return;
    }
    if let Some(MethodRoom::Exchange(exchange)) = &block.method {
        draw_exchange_projection(frame, area, exchange, &block.title, lang, theme);
        return;
    }
    if let Some(MethodRoom::Consultation(consultation)) = &block.method {
        // The phase clock is the big one; the block's own stays small beside the title.
        let title = Paragraph::new(Line::from(vec![
            Span::styled(block.title.as_str(), theme.title),
            Span::styled(format!("  {digits}"), style),
        ]))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
        let title_height = title.line_count(area.width) as u16;
        let [title_area, rest] =
            Layout::vertical([Constraint::Length(title_height), Constraint::Min(1)]).areas(area);
        frame.render_widget(title, title_area);
        draw_consultation_projection(frame, rest, consultation, lang, theme);
        return;
    }
    if let Some(MethodRoom::Reflection(reflection)) = &block.method {
        let title = centred(block.title.as_str(), theme.title);
        let title_height = title.line_count(area.width) as u16;
        let [title_area, rest] =
            Layout::vertical([Constraint::Length(title_height), Constraint::Min(1)]).areas(area);
        frame.render_widget(title, title_area);
        let paused = block.timer == TimerState::Paused;
        draw_reflection_projection(frame, rest, reflection, paused, lang, theme);
        return;
    }
    let kind = centred(block.kind.text(lang), theme.dim);
    // Titles and names as large as the room allows, the digits keeping the most room.
    // A break's title gives way to when the room continues.
    let title_share = if block.kind == BlockKind::Break { 6 } else { 4 };
    let (title, title_height) = large(&block.title, theme.title, area.width, area.height / title_share);
    let presenter =
        block.presenter.as_deref().map(|who| large(who, theme.base, area.width, area.height / 10));
    let presenter_height = presenter.as_ref().map_or(0, |(_, height)| *height);
    // A break says when the room continues: the time is what people need, not the countdown.
    let back = (block.kind == BlockKind::Break).then(|| {
        if block.remaining > TimeDelta::zero() {
            let end = clock(block.end + TimeDelta::seconds(30));
            format!("{} {end}", Label::Projection(ProjectionLabel::BackAt).text(lang))
        } else {
            Label::Projection(ProjectionLabel::BackSoon).text(lang).to_string()
        }
    });
    let shows_word = block.timer != TimerState::Running || back.is_some();
    let [kind_area, title_area, presenter_area, _, digits_area, word_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(title_height),
        Constraint::Length(presenter_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(shows_word) * 2),
    ])
    .areas(area);
    frame.render_widget(kind, kind_area);
    frame.render_widget(&title, title_area);
    if let Some((presenter, _)) = &presenter {
        frame.render_widget(presenter, presenter_area);
    }
    match &back {
        Some(back) => {
            frame.render_widget(&Big::new(back, theme.title), digits_area);
            // The countdown stays, small, in the state's colour and words.
            let word = match block.timer {
                TimerState::Running => digits.clone(),
                _ => format!("{digits}  {}", label.text(lang)),
            };
            frame.render_widget(centred(word, style), word_area);
        }
        None => {
            frame.render_widget(&Big::new(&digits, style), digits_area);
            if shows_word {
                frame.render_widget(centred(label.text(lang), style), word_area);
            }
        }
    }
}

/// What is next, large; the finished blocks folded into one line; fixed starts marked.
fn agenda(frame: &mut Frame, area: Rect, view: &ProjectionView, done: usize, rows: &[RoomAgendaRow]) {
    let theme = view.theme;
    let lang = view.lang;
    let heading = centred(Label::Projection(ProjectionLabel::Agenda).text(lang), theme.dim);
    let folded = (done > 0).then(|| {
        centred(format!("✓ {done} {}", Label::Projection(ProjectionLabel::BlocksDone).text(lang)), theme.done)
    });
    let fixed = |row: &RoomAgendaRow| {
        if row.fixed {
            format!("  · {}", Label::Projection(ProjectionLabel::FixedStart).text(lang))
        } else {
            String::new()
        }
    };
    // The first row (the current block, or the next one) is the one the room looks for.
    let lead = rows.first().map(|row| format!("{}  {}", clock(row.start), row.title));
    let lead = lead.as_deref().map(|lead| large(lead, theme.title, area.width, area.height * 2 / 5));
    let lead_height = lead.as_ref().map_or(0, |(_, height)| *height);
    let lead_fixed =
        rows.first().filter(|row| row.fixed).map(|row| centred(fixed(row).trim().to_string(), theme.fixed));
    let mut lines = Vec::new();
    for row in rows.iter().skip(1) {
        let style = if row.fixed { theme.base.patch(theme.fixed) } else { theme.base };
        let mark = fixed(row);
        // A long title gives way, so the fixed-time mark stays in view.
        let room = usize::from(area.width).saturating_sub(7 + mark.chars().count()).max(8);
        lines.push(Line::from(vec![
            Span::styled(clock(row.start), style),
            Span::styled(format!("  {}", shorten(&row.title, room)), theme.base),
            Span::styled(mark, theme.dim),
        ]));
    }
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16;
    let fixed_height =
        1 + u16::from(folded.is_some()) + 1 + lead_height + u16::from(lead_fixed.is_some()) + 1;
    let list_height = (lines.len() as u16).min(area.height.saturating_sub(fixed_height));
    let parts = centred_rows(
        area,
        &[
            1,
            u16::from(folded.is_some()),
            1,
            lead_height,
            u16::from(lead_fixed.is_some()),
            u16::from(list_height > 0),
            list_height,
        ],
    );
    frame.render_widget(heading, parts[0]);
    if let Some(folded) = folded {
        frame.render_widget(folded, parts[1]);
    }
    if let Some((lead, _)) = &lead {
        frame.render_widget(lead, parts[3]);
    }
    if let Some(lead_fixed) = lead_fixed {
        frame.render_widget(lead_fixed, parts[4]);
    }
    let [column] =
        Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(parts[6]);
    frame.render_widget(Paragraph::new(lines), column);
}

fn message(frame: &mut Frame, area: Rect, view: &ProjectionView, text: &str) {
    frame.render_widget(&Big::new(text, view.theme.title), area);
}

/// Talk time as thick bars, longest first: names, bars and minutes, as large as the rows allow.
fn talk_time(frame: &mut Frame, area: Rect, view: &ProjectionView, talk: &[(RoomPerson, TimeDelta)]) {
    let theme = view.theme;
    let mut talk: Vec<(&str, TimeDelta)> =
        talk.iter().map(|(person, spoken)| (person.name.as_str(), *spoken)).collect();
    talk.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let (title, title_height) = large(
        Label::Discussion(DiscussionLabel::TalkTime).text(view.lang),
        theme.title,
        area.width,
        area.height / 5,
    );
    let count = talk.len().max(1) as u16;
    let room_for_bars = area.height.saturating_sub(title_height + 1);
    // Each person a bar up to three rows thick, with a row between bars where there is room.
    let thickness = (room_for_bars / count).saturating_sub(1).clamp(1, 3);
    let pitch = if room_for_bars >= count * (thickness + 1) { thickness + 1 } else { thickness };
    let shown = (room_for_bars / pitch.max(1)).min(count);
    let name_width = talk.iter().map(|(name, _)| Line::from(*name).width()).max().unwrap_or(0).min(32) as u16;
    let width = area.width.min(160);
    let bar_room = width.saturating_sub(name_width + 2 + 8).max(1);
    let longest = talk.first().map_or(1, |(_, spoken)| spoken.num_seconds().max(1));
    let parts = centred_rows(area, &[title_height, 1, shown * pitch]);
    frame.render_widget(&title, parts[0]);
    let [list] = Layout::horizontal([Constraint::Length(width)]).flex(Flex::Center).areas(parts[2]);
    for (index, (name, spoken)) in talk.iter().take(usize::from(shown)).enumerate() {
        let top = list.y + index as u16 * pitch;
        let middle = top + (thickness - 1) / 2;
        let cells = (spoken.num_seconds() * i64::from(bar_room) / longest).max(1) as u16;
        let name_area = Rect::new(list.x, middle, name_width, 1);
        frame.render_widget(
            Paragraph::new(shorten(name, usize::from(name_width)))
                .style(theme.title)
                .alignment(Alignment::Right),
            name_area,
        );
        let bar = Rect::new(list.x + name_width + 2, top, cells, thickness).intersection(list);
        for position in bar.positions() {
            frame.buffer_mut()[position].set_symbol("█").set_style(theme.running);
        }
        let minutes = Rect::new(bar.right() + 1, middle, 8, 1).intersection(list);
        frame.render_widget(Paragraph::new(elapsed(*spoken)).style(theme.base), minutes);
    }
}

/// The join view of a projection terminal (`j`): the address of the group
/// screens with its QR code and a link per group, for the room to scan.
#[derive(Debug, Clone, Copy)]
pub struct JoinView<'a> {
    /// What `serve` published beside the logs; `None` when it does not run.
    pub url: Option<&'a str>,
    pub qr: &'a [String],
    /// Groups (or tables) working in parallel now.
    pub groups: usize,
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_join(frame: &mut Frame, view: &JoinView) {
    use crate::i18n::{ConsultationLabel, ServeLabel};
    let theme = view.theme;
    let lang = view.lang;
    let area = frame.area();
    frame.render_widget(Block::new().style(theme.base), area);
    let mut lines = vec![Line::from(Span::styled(ServeLabel::OverlayTitle.text(lang), theme.title))];
    match view.url {
        Some(url) => {
            lines.push(Line::from(Span::styled(ServeLabel::JoinHint.text(lang), theme.base)));
            lines.push(Line::default());
            // Light modules on black, whatever the theme: the usual code for a camera.
            let code = Style::new().fg(Color::White).bg(Color::Black);
            lines.extend(view.qr.iter().map(|row| Line::from(Span::styled(row.as_str(), code))));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(url, theme.title)));
            for number in 1..=view.groups {
                let group = ConsultationLabel::Group.text(lang);
                lines.push(Line::from(vec![
                    Span::styled(format!("{group} {number}  "), theme.dim),
                    Span::styled(format!("{url}group/{number}"), theme.base),
                ]));
            }
        }
        None => lines.push(Line::from(Span::styled(ServeLabel::NotServing.text(lang), theme.dim))),
    }
    let height = (lines.len() as u16).min(area.height);
    let [column] = Layout::vertical([Constraint::Length(height)]).flex(Flex::Center).areas(area);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), column);
}
