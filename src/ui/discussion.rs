//! The moderated discussion on screen: the question, who has the floor and
//! for how long, the speaker queue, talk time and captures in the console;
//! question, speaker and the next few in the queue on the projection.

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::Theme;
use super::big::Big;
use super::format::{elapsed, shorten, timer};
use crate::core::Timestamp;
use crate::core::discussion::{Capture, Hand, Room, RoomSpeakerClock, SPEAKER_WARNING, Speaker, State};
use crate::i18n::{DiscussionLabel, ProjectionLabel};
use crate::i18n::{Label, Lang};
use crate::plan::Participant;

fn name_of<'a>(cohort: &'a [Participant], id: &'a str) -> &'a str {
    cohort.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

fn organisation_of<'a>(cohort: &'a [Participant], id: &str) -> &'a str {
    cohort.iter().find(|p| p.id == id).map_or("", |p| p.organisation.as_str())
}

/// A speaker's name and, in brackets after it, their organisation, or the
/// word "guest" for someone not in the cohort (never looked up there).
fn speaker_of<'a>(cohort: &'a [Participant], speaker: &'a Speaker, lang: Lang) -> (&'a str, &'a str) {
    match speaker {
        Speaker::Participant(id) => (name_of(cohort, id), organisation_of(cohort, id)),
        Speaker::Guest(name) => (name.as_str(), Label::Discussion(DiscussionLabel::Guest).text(lang)),
    }
}

fn hand_mark(hand: Hand, lang: Lang) -> Option<String> {
    match hand {
        Hand::Normal => None,
        Hand::Reply => Some(format!("↩ {}", Label::Discussion(DiscussionLabel::Reply).text(lang))),
        Hand::PointOfOrder => {
            Some(format!("‼ {}", Label::Discussion(DiscussionLabel::PointOfOrder).text(lang)))
        }
    }
}

/// The speaker's clock: counting down their limit (amber in the last 30
/// seconds, red and counting up beyond it), or counting up without a limit.
fn speaker_clock(spoken: TimeDelta, limit: Option<TimeDelta>, theme: &Theme) -> (String, Style) {
    match limit {
        None => (elapsed(spoken), theme.base),
        Some(limit) => {
            let remaining = limit - spoken;
            let style = if remaining < TimeDelta::zero() {
                theme.overtime
            } else if remaining <= SPEAKER_WARNING {
                theme.last_minutes
            } else {
                theme.running
            };
            (timer(remaining), style)
        }
    }
}

/// "Question 2/3: …", or "Question: …" when there is one.
fn question_line<'a>(number: usize, of: usize, text: &'a str, lang: Lang, theme: &Theme) -> Line<'a> {
    let label = if of > 1 {
        format!("{} {number}/{of}: ", Label::Discussion(DiscussionLabel::Question).text(lang))
    } else {
        format!("{}: ", Label::Discussion(DiscussionLabel::Question).text(lang))
    };
    Line::from(vec![Span::styled(label, theme.dim), Span::styled(text, theme.title)])
}

/// What the console shows of a discussion below the block's timer.
#[derive(Debug, Clone, Copy)]
pub struct DiscussionPanel<'a> {
    pub discussion: &'a State,
    pub cohort: &'a [Participant],
    /// Who is not here today: not counted among those who have not spoken.
    pub absent: &'a std::collections::BTreeSet<String>,
    pub now: Timestamp,
    /// The queue entry the cursor is on, when the queue has the focus.
    pub queue_cursor: Option<usize>,
    pub by_organisation: bool,
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_discussion_panel(frame: &mut Frame, area: Rect, panel: &DiscussionPanel) {
    let DiscussionPanel { discussion, cohort, now, theme, lang, .. } = *panel;
    let mut lines: Vec<Line> = discussion
        .questions
        .get(discussion.question)
        .map(|text| question_line(discussion.question + 1, discussion.questions.len(), text, lang, theme))
        .into_iter()
        .collect();
    lines.push(Line::default());
    match discussion.speaking() {
        Some(turn) => {
            let (clock, style) = speaker_clock(turn.length(now), discussion.speaker_limit, theme);
            // Said in words: "01:59 of 02:00 left", "+00:15 over 02:00"; a bare
            // "01:59 / 02:00" read as time spoken of the limit.
            let limit = discussion
                .speaker_limit
                .map(|limit| {
                    let (word, tail) = if turn.length(now) > limit {
                        (DiscussionLabel::LimitOver, None)
                    } else {
                        (DiscussionLabel::LimitOf, Some(DiscussionLabel::LimitLeft))
                    };
                    let tail = tail.map(|tail| format!(" {}", tail.text(lang))).unwrap_or_default();
                    format!(" {} {}{tail}", word.text(lang), elapsed(limit))
                })
                .unwrap_or_default();
            let mark = hand_mark(turn.hand, lang).map(|mark| format!("  {mark}")).unwrap_or_default();
            let (name, organisation) = speaker_of(cohort, &turn.speaker, lang);
            // The clock never wraps away from the name: the organisation gives
            // way first, then the mark, then the name is cut.
            let width = usize::from(area.width);
            let clock_width = 2 + clock.chars().count() + limit.chars().count();
            let mark = if 2 + name.chars().count() + clock_width + mark.chars().count() <= width {
                mark
            } else {
                String::new()
            };
            let name = shorten(name, width.saturating_sub(2 + clock_width + mark.chars().count()));
            let budget = width.saturating_sub(2 + name.chars().count() + clock_width + mark.chars().count());
            let organisation = shorten(&format!(" ({organisation})"), budget);
            lines.push(Line::from(vec![
                Span::styled("▶ ", style),
                Span::styled(name, theme.title),
                Span::styled(organisation, theme.dim),
                Span::raw("  "),
                Span::styled(clock, style),
                Span::styled(limit, theme.dim),
                Span::styled(mark, theme.last_minutes),
            ]));
        }
        None => lines.push(Line::from(Span::styled(
            Label::Discussion(DiscussionLabel::NobodySpeaking).text(lang),
            theme.dim,
        ))),
    }
    lines.push(Line::from(vec![
        Span::styled(
            format!("{} · ", Label::Discussion(DiscussionLabel::SpeakerQueue).text(lang)),
            theme.dim,
        ),
        Span::styled(discussion.policy.text(lang), theme.key),
    ]));
    let top = Paragraph::new(lines).wrap(Wrap { trim: false });
    let top_height = (top.line_count(area.width) as u16).min(area.height);

    // The queue, scrolled to keep the cursor in view, with what it hides counted.
    let queue = discussion.queue(cohort);
    let mut queue_lines = Vec::new();
    if queue.is_empty() {
        queue_lines.push(Line::from(Span::styled(
            format!("  {}", Label::Discussion(DiscussionLabel::QueueEmpty).text(lang)),
            theme.dim,
        )));
    }
    let left = area.height.saturating_sub(top_height);
    // The queue may take half of what is left (at least three lines), the rest goes below.
    let room = usize::from(left.min((left / 2).max(3)));
    let shown = if queue.len() > room { room.saturating_sub(1) } else { queue.len() };
    let first = panel.queue_cursor.map_or(0, |cursor| cursor.saturating_sub(shown.saturating_sub(1)));
    let width = usize::from(area.width);
    for (index, raised) in queue.iter().enumerate().skip(first).take(shown) {
        let style = if panel.queue_cursor == Some(index) { theme.selected } else { theme.base };
        let mark = hand_mark(raised.hand, lang).map(|mark| format!("  {mark}")).unwrap_or_default();
        let (name, organisation) = speaker_of(cohort, &raised.speaker, lang);
        let name = format!("{:>2}. {name}", index + 1);
        let organisation = format!(" ({organisation})");
        // One line each, ending in "…" when it does not fit: a list that wraps cannot scroll.
        let budget = width.saturating_sub(name.chars().count() + mark.chars().count());
        queue_lines.push(Line::from(vec![
            Span::styled(shorten(&name, width), style),
            Span::styled(shorten(&organisation, budget), theme.dim),
            Span::styled(mark, theme.last_minutes),
        ]));
    }
    let hidden = queue.len() - shown;
    if hidden > 0 {
        let text = format!("  … +{hidden} {}", DiscussionLabel::MoreInQueue.text(lang));
        queue_lines.push(Line::from(Span::styled(text, theme.dim)));
    }

    // What was captured, then who has not spoken, then talk time: the panel
    // gives way from the bottom in that order of importance.
    let kept = || discussion.captures.iter().filter(|captured| !captured.retracted);
    let count = |pick: fn(&Capture) -> bool| kept().filter(|c| pick(&c.capture)).count();
    let mut capture_lines = vec![Line::from(Span::styled(
        format!(
            "{} {} · {} {} · {} {}",
            Label::Discussion(DiscussionLabel::Decisions).text(lang),
            count(|c| matches!(c, Capture::Decision { .. })),
            Label::Discussion(DiscussionLabel::Actions).text(lang),
            count(|c| matches!(c, Capture::Action { .. })),
            Label::Discussion(DiscussionLabel::Parked).text(lang),
            count(|c| matches!(c, Capture::Parked { .. })),
        ),
        theme.dim,
    ))];
    // The latest captures in full, newest first: what was decided, who does what by when.
    for captured in kept().collect::<Vec<_>>().into_iter().rev().take(3) {
        capture_lines.push(capture_line(&captured.capture, cohort, lang, theme));
    }
    let silent: Vec<&str> = cohort
        .iter()
        .filter(|p| !discussion.has_spoken(&p.id) && !panel.absent.contains(&p.id))
        .map(|p| p.short.as_deref().unwrap_or(p.name.as_str()))
        .collect();
    let silent_line = Line::from(vec![
        Span::styled(
            format!("{} ({}): ", Label::Discussion(DiscussionLabel::NotYetSpoken).text(lang), silent.len()),
            theme.dim,
        ),
        Span::raw(silent.join(", ")),
    ]);
    let title = if panel.by_organisation {
        Label::Discussion(DiscussionLabel::TalkTimeByOrganisation)
    } else {
        Label::Discussion(DiscussionLabel::TalkTime)
    };
    let totals = talk_totals(discussion, cohort, now, panel.by_organisation);
    let mut talk_lines = vec![Line::default()];
    talk_lines.extend(talk_time_bars(title, totals, area.width, lang, theme));

    let sections = [
        Paragraph::new(queue_lines),
        Paragraph::new(capture_lines).wrap(Wrap { trim: false }),
        Paragraph::new(silent_line).wrap(Wrap { trim: false }),
        Paragraph::new(talk_lines),
    ];
    let mut rest = Rect { y: area.y + top_height, height: left, ..area };
    frame.render_widget(top, Rect { height: top_height, ..area });
    for section in sections {
        let height = (section.line_count(area.width) as u16).min(rest.height);
        frame.render_widget(section, Rect { height, ..rest });
        rest = Rect { y: rest.y + height, height: rest.height - height, ..rest };
    }
}

fn capture_line<'a>(capture: &'a Capture, cohort: &'a [Participant], lang: Lang, theme: &Theme) -> Line<'a> {
    let (label, text) = match capture {
        Capture::Parked { text } => (Label::Discussion(DiscussionLabel::CaptureParked), text),
        Capture::Decision { text } => (Label::Discussion(DiscussionLabel::CaptureDecision), text),
        Capture::Action { text, .. } => (Label::Discussion(DiscussionLabel::CaptureAction), text),
    };
    let mut spans =
        vec![Span::styled(format!("  {}: ", label.text(lang)), theme.dim), Span::raw(text.as_str())];
    if let Capture::Action { owner, due, .. } = capture {
        if let Some(owner) = owner {
            spans.push(Span::styled(format!(" → {}", name_of(cohort, owner)), theme.key));
        }
        if let Some(due) = due {
            spans.push(Span::styled(format!(" · {}", due.format("%d.%m.%Y")), theme.key));
        }
    }
    Line::from(spans)
}

/// Talk time per participant or per organisation, summed from the turns.
fn talk_totals(
    discussion: &State,
    cohort: &[Participant],
    now: Timestamp,
    by_organisation: bool,
) -> Vec<(String, TimeDelta)> {
    let mut totals: Vec<(String, TimeDelta)> = Vec::new();
    for (id, spoken) in discussion.talk_time(now) {
        let key = if by_organisation { organisation_of(cohort, id) } else { name_of(cohort, id) }.to_string();
        match totals.iter_mut().find(|(name, _)| *name == key) {
            Some((_, total)) => *total += spoken,
            None => totals.push((key, spoken)),
        }
    }
    totals
}

/// Talk time as bars under a title, longest first.
pub fn talk_time_bars<'a>(
    title: Label,
    mut totals: Vec<(String, TimeDelta)>,
    width: u16,
    lang: Lang,
    theme: &Theme,
) -> Vec<Line<'a>> {
    totals.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut lines = vec![Line::from(Span::styled(title.text(lang), theme.dim))];
    let longest = totals.first().map_or(1, |(_, spoken)| spoken.num_seconds().max(1));
    let label_width = 20usize;
    let bar_width = usize::from(width).saturating_sub(label_width + 9).max(1) as i64;
    for (name, spoken) in totals {
        let cells = (spoken.num_seconds() * bar_width / longest).max(1) as usize;
        let label = shorten(&name, label_width);
        // Padded by columns, not characters, so bars start in one column whatever the names hold.
        let padding = " ".repeat(label_width.saturating_sub(label.width()) + 1);
        lines.push(Line::from(vec![
            Span::raw(format!("{label}{padding}")),
            Span::styled("█".repeat(cells), theme.running),
            Span::styled(format!(" {}", elapsed(spoken)), theme.dim),
        ]));
    }
    lines
}

/// The discussion on the projection: the question, who speaks and for how
/// long, and the next few in the queue. Nothing the facilitator captured.
/// While nobody has the floor, the block's own clock (`block_clock`) is the big one.
pub fn draw_discussion_projection(
    frame: &mut Frame,
    area: Rect,
    room: &Room,
    block_clock: (&str, Style),
    lang: Lang,
    theme: &Theme,
) {
    let question = room.question.as_ref().map(|q| question_line(q.number, q.of, &q.text, lang, theme));
    let question = Paragraph::new(question.into_iter().collect::<Vec<_>>())
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true });
    let question_height = question.line_count(area.width) as u16;
    let shown = room.next.len() as u16;
    // The speaker's name as large as a few rows allow; the clock keeps the most room.
    let name = room.speaker.as_ref().map(|speaker| Big::new(speaker.person.name.as_str(), theme.title));
    let name_height =
        name.as_ref().map_or(0, |name| name.height(area.width, area.height / 8).min(area.height / 8));
    let [question_area, _, name_area, speaker_area, _, clock_area, next_area] = Layout::vertical([
        Constraint::Length(question_height),
        Constraint::Length(1),
        Constraint::Length(name_height),
        Constraint::Length(1),
        Constraint::Length(u16::from(name_height > 1)),
        Constraint::Min(1),
        Constraint::Length(if shown > 0 { shown + 1 } else { 0 }),
    ])
    .areas(area);
    if let Some(name) = &name
        && name_height > 1
    {
        frame.render_widget(name, name_area);
    }
    frame.render_widget(question, question_area);
    match &room.speaker {
        Some(speaker) => {
            // The name in big letters above, when it got the rows; else in this line.
            let mut spans = if name_height > 1 {
                vec![Span::styled(speaker.person.organisation.as_str(), theme.base)]
            } else {
                vec![
                    Span::styled(speaker.person.name.as_str(), theme.title),
                    Span::styled(format!(" · {}", speaker.person.organisation), theme.base),
                ]
            };
            if let Some(mark) = hand_mark(speaker.hand, lang) {
                spans.push(Span::styled(format!("  {mark}"), theme.last_minutes));
            }
            // Only a speaker clock the plan shows is big; otherwise the block's clock
            // stays, and a cue is one calm word, never red and never a figure.
            let clock = match speaker.clock {
                RoomSpeakerClock::Shown { spoken, limit } => Some(speaker_clock(spoken, limit, theme)),
                RoomSpeakerClock::Cue { time_up } => {
                    if time_up {
                        spans.push(Span::styled(
                            format!("  · {}", Label::Projection(ProjectionLabel::SpeakerTimeCue).text(lang)),
                            theme.base,
                        ));
                    }
                    None
                }
                RoomSpeakerClock::Hidden => None,
            };
            frame.render_widget(Paragraph::new(Line::from(spans)).alignment(Alignment::Center), speaker_area);
            match clock {
                Some((clock, style)) => frame.render_widget(&Big::new(&clock, style), clock_area),
                None => frame.render_widget(&Big::new(block_clock.0, block_clock.1), clock_area),
            }
        }
        None => {
            let idle = Paragraph::new(Label::Discussion(DiscussionLabel::NobodySpeaking).text(lang))
                .style(theme.dim)
                .alignment(Alignment::Center);
            frame.render_widget(idle, speaker_area);
            frame.render_widget(&Big::new(block_clock.0, block_clock.1), clock_area);
        }
    }
    if shown > 0 {
        let mut lines = vec![Line::from(Span::styled(
            Label::Discussion(DiscussionLabel::NextSpeakers).text(lang),
            theme.dim,
        ))];
        for (index, (person, hand)) in room.next.iter().enumerate() {
            let mut spans = vec![Span::styled(format!("{}. {}", index + 1, person.name), theme.base)];
            if let Some(mark) = hand_mark(*hand, lang) {
                spans.push(Span::styled(format!("  {mark}"), theme.last_minutes));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), next_area);
    }
}
