//! The reflection on screen: in the console the phase with its task, prompts
//! and calm clock, the Blitzlicht round (who speaks, their micro-timer, who is
//! next, who passed), the commitments of earlier stations at a check-in and
//! the takeaways; on the projection the phase and prompts, or the speaker and
//! who is next with the round's rules, and a takeaway only when it is shown.
//! No clock here turns amber or red: at zero it fades to "Zeit".

use chrono::TimeDelta;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::big::Big;
use super::format::{elapsed, shorten, timer};
use crate::core::Timestamp;
use crate::core::catalogue::Texts;
use crate::core::method::Context;
use crate::core::reflection::{Commitment, Room, State};
use crate::core::timer::TimerState;
use crate::i18n::{Label, Lang, ProjectionLabel, ReflectionLabel};
use crate::plan::{Participant, ReflectionFormat};

fn word(label: ReflectionLabel, lang: Lang) -> &'static str {
    Label::Reflection(label).text(lang)
}

fn name_of<'a>(cohort: &'a [Participant], id: &'a str) -> &'a str {
    cohort.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

/// A calm countdown: the time left, or the word "Zeit" once it is up (never red).
fn calm(remaining: TimeDelta, theme: &Theme, lang: Lang) -> (String, Style) {
    if remaining <= TimeDelta::zero() {
        (Label::Projection(ProjectionLabel::TimeUp).text(lang).to_string(), theme.dim)
    } else {
        (timer(remaining), theme.running)
    }
}

/// What the console shows of a reflection below the block's timer.
#[derive(Debug, Clone, Copy)]
pub struct ReflectionPanel<'a> {
    pub reflection: &'a State,
    pub cx: Context<'a>,
    pub now: Timestamp,
    /// The takeaway cursor, when the takeaways have the arrow keys.
    pub cursor: Option<usize>,
    /// The transfer commitments of the journey's earlier stations.
    pub commitments: Option<&'a [Commitment]>,
    pub lang: Lang,
    pub theme: &'a Theme,
}

pub fn draw_reflection_panel(frame: &mut Frame, area: Rect, panel: &ReflectionPanel) {
    let ReflectionPanel { reflection, now, lang, theme, .. } = *panel;
    let mut lines: Vec<Line> = Vec::new();
    let width = usize::from(area.width);
    if let Some(phase) = reflection.current_phase() {
        let (clock, clock_style) = calm(reflection.phase_remaining(now), theme, lang);
        // A format of one phase needs no "Phase 1/1".
        let head = match reflection.phases.len() {
            1 => phase.name.get(lang).to_string(),
            of => format!(
                "{} {}/{of}: {}",
                word(ReflectionLabel::Phase, lang),
                reflection.phase + 1,
                phase.name.get(lang)
            ),
        };
        let room = width.saturating_sub(clock.chars().count() + 2);
        lines.push(Line::from(vec![
            Span::styled(shorten(&head, room), theme.title),
            Span::raw("  "),
            Span::styled(clock, clock_style),
        ]));
        lines.push(Line::from(Span::styled(phase.task.get(lang).to_string(), theme.dim)));
        for prompt in &phase.prompts {
            lines.push(Line::from(vec![
                Span::styled("› ", theme.dim),
                Span::raw(prompt.get(lang).to_string()),
            ]));
        }
    }
    if reflection.in_round() {
        lines.push(Line::default());
        round_lines(&mut lines, panel);
    }
    if reflection.format == ReflectionFormat::CheckIn
        && let Some(commitments) = panel.commitments
    {
        lines.push(Line::default());
        commitment_lines(&mut lines, panel, commitments);
    }
    lines.push(Line::default());
    takeaway_lines(&mut lines, panel);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

/// How many of those next the console names (the rest are counted).
const CONSOLE_NEXT: usize = 4;

/// The round: its progress, who speaks with their micro-timer, who is next, who passed.
fn round_lines(lines: &mut Vec<Line>, panel: &ReflectionPanel) {
    let ReflectionPanel { reflection, cx, now, lang, theme, .. } = *panel;
    let (done, of) = reflection.progress(&cx);
    let mut head = format!(
        "{} {} · {}",
        reflection.turn_time.num_seconds(),
        word(ReflectionLabel::Seconds, lang),
        word(reflection.order_rule.label(), lang),
    );
    if reflection.round.is_some() {
        head.push_str(&format!(" · {done} {} {of}", word(ReflectionLabel::Of, lang)));
    }
    lines.push(Line::from(Span::styled(head, theme.dim)));
    let Some(round) = &reflection.round else {
        lines.push(Line::from(Span::styled(word(ReflectionLabel::RoundNotStarted, lang), theme.key)));
        return;
    };
    let label = |label: ReflectionLabel| Span::styled(format!("{:<8}", word(label, lang)), theme.dim);
    match reflection.speaking() {
        Some(turn) => {
            let spoken = turn.clock.length(now);
            let (clock, style) = calm(reflection.turn_time - spoken, theme, lang);
            let organisation =
                cx.cohort.iter().find(|p| p.id == turn.participant).map_or("", |p| p.organisation.as_str());
            // The clock beside the name, where the eye is; the organisation may wrap.
            lines.push(Line::from(vec![
                label(ReflectionLabel::Speaking),
                Span::styled(name_of(cx.cohort, &turn.participant).to_string(), theme.title),
                Span::raw("  "),
                Span::styled(clock, style),
                Span::styled(
                    format!(" · {} {}", word(ReflectionLabel::Spoken, lang), elapsed(spoken)),
                    theme.dim,
                ),
                Span::styled(format!(" · {organisation}"), theme.dim),
            ]));
        }
        None if reflection.queue(&cx).is_empty() => {
            lines.push(Line::from(Span::styled(word(ReflectionLabel::RoundDone, lang), theme.done)));
        }
        None => {}
    }
    // A late arrival (not in the recorded order) is marked: it is why they come last.
    let late = word(ReflectionLabel::JoinedLate, lang);
    let next: Vec<String> = reflection
        .queue(&cx)
        .into_iter()
        .map(|id| {
            let name = name_of(cx.cohort, id);
            if round.order.iter().any(|o| o == id) { name.to_string() } else { format!("{name} ({late})") }
        })
        .collect();
    if !next.is_empty() {
        let mut spans = vec![
            label(ReflectionLabel::Next),
            Span::raw(next.iter().take(CONSOLE_NEXT).cloned().collect::<Vec<_>>().join(", ")),
        ];
        if next.len() > CONSOLE_NEXT {
            spans.push(Span::styled(format!(" +{}", next.len() - CONSOLE_NEXT), theme.dim));
        }
        lines.push(Line::from(spans));
    }
    // Who passed and has not spoken since: once asked again, they are no longer waiting.
    let passed: Vec<&str> = round
        .turns
        .iter()
        .enumerate()
        .filter(|(index, turn)| {
            turn.passed && !round.turns[index + 1..].iter().any(|later| later.participant == turn.participant)
        })
        .map(|(_, turn)| name_of(cx.cohort, &turn.participant))
        .collect();
    if !passed.is_empty() {
        let mut spans = vec![label(ReflectionLabel::Passed), Span::raw(passed.join(", "))];
        if !reflection.queue(&cx).is_empty() {
            spans.push(Span::styled(format!(" ({})", word(ReflectionLabel::AskedAgain, lang)), theme.dim));
        }
        lines.push(Line::from(spans));
    }
}

/// At a check-in: each person's commitments from earlier stations, the speaker's first.
fn commitment_lines(lines: &mut Vec<Line>, panel: &ReflectionPanel, commitments: &[Commitment]) {
    let ReflectionPanel { reflection, cx, lang, theme, .. } = *panel;
    lines.push(Line::from(Span::styled(word(ReflectionLabel::EarlierCommitments, lang), theme.dim)));
    let mut found: Vec<&Commitment> = commitments.iter().collect();
    if found.is_empty() {
        lines.push(Line::from(Span::styled(word(ReflectionLabel::NoEarlierCommitments, lang), theme.dim)));
        return;
    }
    let speaker = reflection.speaking().map(|turn| turn.participant.as_str());
    found.sort_by_key(|commitment| Some(commitment.participant.as_str()) != speaker);
    for commitment in found {
        let style =
            if Some(commitment.participant.as_str()) == speaker { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", name_of(cx.cohort, &commitment.participant)), style),
            Span::styled(format!("({}) ", commitment.date.format("%d.%m.")), theme.dim),
            Span::raw(commitment.text.clone()),
        ]));
    }
}

/// The takeaways written down, with their marks; the one under the cursor highlighted.
fn takeaway_lines(lines: &mut Vec<Line>, panel: &ReflectionPanel) {
    let ReflectionPanel { reflection, cx, cursor, lang, theme, .. } = *panel;
    let noted: Vec<_> = reflection.noted().collect();
    lines.push(Line::from(Span::styled(
        format!("{} ({})", word(ReflectionLabel::Takeaways, lang), noted.len()),
        theme.dim,
    )));
    if noted.is_empty() {
        lines.push(Line::from(Span::styled(word(ReflectionLabel::NoTakeaways, lang), theme.dim)));
        return;
    }
    for (place, (index, taken)) in noted.into_iter().enumerate() {
        let takeaway = &taken.takeaway;
        let style = if cursor == Some(place) { theme.selected } else { theme.base };
        let who = takeaway
            .owner
            .as_deref()
            .map_or_else(|| word(ReflectionLabel::Anonymous, lang), |id| name_of(cx.cohort, id));
        let mut marks = Vec::new();
        if takeaway.commitment {
            marks.push(word(ReflectionLabel::Commitment, lang));
        }
        if takeaway.protocol {
            marks.push(word(ReflectionLabel::Protocol, lang));
        }
        if reflection.shown == Some(index) {
            marks.push(word(ReflectionLabel::OnTheWall, lang));
        }
        let mark = if takeaway.commitment { "★ " } else { "· " };
        let mut spans = vec![
            Span::styled(mark, theme.dim),
            Span::styled(takeaway.text.clone(), style),
            Span::styled(format!(" — {who}"), theme.dim),
        ];
        if !marks.is_empty() {
            spans.push(Span::styled(format!("  [{}]", marks.join(", ")), theme.key));
        }
        lines.push(Line::from(spans));
    }
}

fn centred<'a>(text: impl Into<std::borrow::Cow<'a, str>>, style: Style) -> Paragraph<'a> {
    Paragraph::new(Line::from(Span::styled(text, style)))
        .alignment(Alignment::Center)
        .wrap(Wrap { trim: true })
}

fn height(paragraph: &Paragraph, width: u16) -> u16 {
    paragraph.line_count(width) as u16
}

/// The reflection on the projection, below the block's title.
pub fn draw_reflection_projection(
    frame: &mut Frame,
    area: Rect,
    room: &Room,
    paused: bool,
    lang: Lang,
    theme: &Theme,
) {
    let phase_line = room.phase.as_ref().map(|phase| {
        let name = phase.name.get(lang);
        match (&room.format, phase.of) {
            (Some(format), 1) if format.get(lang) == name => name.to_string(),
            (Some(format), 1) => format!("{} · {name}", format.get(lang)),
            (_, of) => format!("{} {}/{of} · {name}", word(ReflectionLabel::Phase, lang), phase.number),
        }
    });
    let phase_para = phase_line.map(|text| centred(text, theme.dim));
    let task = room.phase.as_ref().map(|phase| centred(phase.task.get(lang).to_string(), theme.base));
    let mut parts: Vec<(Paragraph, u16)> = Vec::new();
    if let Some(phase_para) = phase_para {
        let h = height(&phase_para, area.width);
        parts.push((phase_para, h));
    }
    if let Some(round) = room.round.as_ref().filter(|round| round.started) {
        // The round: its question, who speaks, large; their calm micro-timer;
        // who follows; the rules; and a takeaway when the facilitator shows one.
        let question: Vec<String> = room
            .phase
            .iter()
            .flat_map(|phase| &phase.prompts)
            .map(|prompt| prompt.get(lang).to_string())
            .collect();
        if !question.is_empty() {
            let question = centred(question.join(" · "), theme.title);
            let h = height(&question, area.width);
            parts.push((question, h));
        }
        if let Some(text) = &room.takeaway {
            let shown = centred(format!("„{text}“"), theme.key);
            let h = height(&shown, area.width);
            parts.push((shown, h));
        }
        let rules = centred(word(ReflectionLabel::Rules, lang), theme.dim);
        let next: Vec<&str> = round.next.iter().map(|person| person.name.as_str()).collect();
        let next = (!next.is_empty()).then(|| {
            centred(format!("{}: {}", word(ReflectionLabel::Next, lang), next.join(" · ")), theme.base)
        });
        let rules_h = height(&rules, area.width);
        let next_h = next.as_ref().map_or(0, |next| height(next, area.width));
        let fixed: u16 = parts.iter().map(|(_, h)| *h).sum::<u16>() + rules_h + next_h + 4;
        let room_for_big = area.height.saturating_sub(fixed);
        let (speaker, organisation, clock) = match &round.speaker {
            Some(turn) => {
                let paused =
                    paused.then(|| (Label::Timer(TimerState::Paused).text(lang).to_string(), theme.paused));
                (turn.person.name.clone(), turn.person.organisation.clone(), paused)
            }
            None => (word(ReflectionLabel::RoundDone, lang).to_string(), String::new(), None),
        };
        // The name is the big thing; the person's time is the facilitator's cue
        // (console only), so nobody is put on the spot in front of the room.
        let big_name = Big::new(&speaker, theme.title);
        let name_h = big_name.height(area.width, (room_for_big / 2).max(1)).min(room_for_big.max(1));
        let clock_h = u16::from(clock.is_some());
        let mut heights: Vec<u16> = parts.iter().map(|(_, h)| *h).collect();
        heights.extend([1, name_h, 1, clock_h, 1, next_h, 1, rules_h]);
        let rows = Layout::vertical(heights.iter().map(|h| Constraint::Length(*h)))
            .flex(ratatui::layout::Flex::Center)
            .split(area);
        let count = parts.len();
        for (index, (part, _)) in parts.into_iter().enumerate() {
            frame.render_widget(part, rows[index]);
        }
        frame.render_widget(&big_name, rows[count + 1]);
        frame.render_widget(centred(organisation, theme.dim), rows[count + 2]);
        if let Some((text, style)) = clock {
            frame.render_widget(centred(text, style), rows[count + 3]);
        }
        if let Some(next) = next {
            frame.render_widget(next, rows[count + 5]);
        }
        frame.render_widget(rules, rows[count + 7]);
        return;
    }
    // A phase: its prompts (or the takeaway shown), what to do, and the calm clock.
    let prompts: Vec<&Texts> = room.phase.iter().flat_map(|phase| &phase.prompts).collect();
    let shown = room.takeaway.as_ref().map(|text| format!("„{text}“"));
    let lead: Option<String> = match (&shown, prompts.as_slice()) {
        (Some(shown), _) => Some(shown.clone()),
        (None, [one]) => Some(one.get(lang).to_string()),
        (None, _) => None,
    };
    let list: Vec<Line> = if lead.is_none() {
        prompts.iter().map(|prompt| Line::from(format!("› {}", prompt.get(lang)))).collect()
    } else {
        Vec::new()
    };
    let list_para = Paragraph::new(list).style(theme.title).wrap(Wrap { trim: true });
    let list_width = area.width.min(100);
    let list_h = list_para.line_count(list_width) as u16;
    let task_h = task.as_ref().map_or(0, |task| height(task, area.width));
    let round_hint = room.round.as_ref().map(|_| centred(word(ReflectionLabel::Rules, lang), theme.dim));
    let hint_h = round_hint.as_ref().map_or(0, |hint| height(hint, area.width));
    let fixed: u16 = parts.iter().map(|(_, h)| *h).sum::<u16>() + task_h + list_h + hint_h + 4;
    let room_left = area.height.saturating_sub(fixed);
    let big_lead = lead.as_deref().map(|text| Big::new(text, theme.title));
    let lead_h = big_lead.as_ref().map_or(0, |big| big.height(area.width, (room_left / 2).max(1)));
    let (clock, clock_style) = match &room.phase {
        Some(_) if paused => (Label::Timer(TimerState::Paused).text(lang).to_string(), theme.paused),
        Some(phase) => calm(phase.remaining, theme, lang),
        None => (String::new(), theme.dim),
    };
    let big_clock = Big::new(&clock, clock_style);
    let clock_h = big_clock.height(area.width, room_left.saturating_sub(lead_h).max(1));
    let mut heights: Vec<u16> = parts.iter().map(|(_, h)| *h).collect();
    heights.extend([1, lead_h, list_h, 1, task_h, 1, clock_h, hint_h]);
    let rows = Layout::vertical(heights.iter().map(|h| Constraint::Length(*h)))
        .flex(ratatui::layout::Flex::Center)
        .split(area);
    let count = parts.len();
    for (index, (part, _)) in parts.into_iter().enumerate() {
        frame.render_widget(part, rows[index]);
    }
    if let Some(big) = &big_lead {
        frame.render_widget(big, rows[count + 1]);
    }
    let [column] = Layout::horizontal([Constraint::Length(list_width)])
        .flex(ratatui::layout::Flex::Center)
        .areas(rows[count + 2]);
    frame.render_widget(list_para, column);
    if let Some(task) = task {
        frame.render_widget(task, rows[count + 4]);
    }
    frame.render_widget(&big_clock, rows[count + 6]);
    if let Some(hint) = round_hint {
        frame.render_widget(hint, rows[count + 7]);
    }
}
