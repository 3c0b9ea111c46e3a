//! The exchange block on screen: the round's groups by table with their
//! repeats and new contacts, the cursor and the swap mark, and the contact
//! matrix in the console; each table and its members in large type, the
//! guiding question and the round's timer on the projection.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::Theme;
use super::big::Big;
use super::format::{shorten, timer};
use crate::core::Timestamp;
use crate::core::contacts::Contacts;
use crate::core::exchange::{Room, State};
use crate::core::grouping::assess;
use crate::i18n::{ExchangeLabel, Label, Lang};
use crate::plan::Participant;

/// The console's exchange state a frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExchangeView<'a> {
    /// The member the cursor is on (table order), when the groups have the arrow keys.
    pub cursor: Option<usize>,
    /// The member marked for a swap.
    pub marked: Option<&'a str>,
    /// Who met whom by now, shown as the contact matrix when set.
    pub contacts: Option<&'a Contacts>,
    /// Who met whom before this round's groups (for their repeats).
    pub met: Option<&'a Contacts>,
}

fn name_of<'a>(cohort: &'a [Participant], id: &'a str) -> &'a str {
    cohort.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

/// Where a group meets: a table, or a breakout room online.
fn place_label(breakout_rooms: bool) -> ExchangeLabel {
    if breakout_rooms { ExchangeLabel::BreakoutRoom } else { ExchangeLabel::Table }
}

fn text(label: ExchangeLabel, lang: Lang) -> &'static str {
    Label::Exchange(label).text(lang)
}

/// What the console's block panel shows of an exchange.
pub struct ExchangePanel<'a> {
    pub state: &'a State,
    pub cohort: &'a [Participant],
    /// Who is marked absent: nobody expects them in a group.
    pub absent: &'a std::collections::BTreeSet<String>,
    pub view: &'a ExchangeView<'a>,
    pub now: Timestamp,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// The exchange in the console's block panel.
pub fn draw_exchange_panel(frame: &mut Frame, area: Rect, panel: &ExchangePanel) {
    let ExchangePanel { state, cohort, absent, view, now, lang, theme } = *panel;
    if let Some(contacts) = view.contacts {
        // The person under the cursor, whose meetings are listed with their stations.
        let focus = view.cursor.and_then(|cursor| {
            state.round().and_then(|round| round.groups.iter().flatten().nth(cursor)).map(String::as_str)
        });
        // This round's pairs that had met before are marked in the matrix.
        let again = match (state.round(), view.met) {
            (Some(round), Some(met)) => assess(std::slice::from_ref(&round.groups), met, &Default::default())
                .repeats
                .into_iter()
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        draw_contacts(frame, area, contacts, cohort, (focus, &again), lang, theme);
        return;
    }
    let mut lines = Vec::new();
    let round = state.round();
    let mut head = vec![Span::styled(
        format!(
            "{} {}/{} · {}",
            text(ExchangeLabel::Round, lang),
            state.current + 1,
            state.round_count(),
            state.plan.format.text(lang)
        ),
        theme.title,
    )];
    if let Some(round) = round.filter(|round| !round.groups.is_empty()) {
        let status = if round.is_fixed() { ExchangeLabel::Fixed } else { ExchangeLabel::Proposed };
        head.push(Span::styled(format!("  · {}", text(status, lang)), theme.dim));
        if let (Some(length), true) = (state.round_length(), round.is_fixed()) {
            head.push(Span::styled(format!("  {}", timer(length - round.elapsed(now))), theme.running));
        }
    }
    lines.push(Line::from(head));
    if let Some(question) = &state.plan.question {
        lines.push(Line::from(Span::styled(question.clone(), theme.dim)));
    }
    let Some(round) = round.filter(|round| !round.groups.is_empty()) else {
        lines.push(Line::default());
        lines.push(Line::from(text(ExchangeLabel::NoGroupsYet, lang)));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    };
    if let Some(met) = view.met {
        let quality = assess(std::slice::from_ref(&round.groups), met, &Default::default());
        lines.push(Line::from(Span::styled(
            format!(
                "{} {} · {} {}",
                quality.repeated_pairs(),
                text(
                    if quality.repeated_pairs() == 1 {
                        ExchangeLabel::RepeatedPair
                    } else {
                        ExchangeLabel::RepeatedPairs
                    },
                    lang
                ),
                quality.new_pairs(),
                text(
                    if quality.new_pairs() == 1 {
                        ExchangeLabel::NewContact
                    } else {
                        ExchangeLabel::NewContacts
                    },
                    lang
                )
            ),
            theme.dim,
        )));
        if let Some(line) = meet_again(quality.repeats.iter().flatten(), cohort, lang, theme) {
            lines.push(line);
        }
    }
    let mut index = 0;
    for (table, group) in round.groups.iter().enumerate() {
        let mut spans = vec![Span::styled(
            format!("{} {:>2}: ", text(place_label(state.plan.breakout_rooms), lang), table + 1),
            theme.key,
        )];
        for (place, id) in group.iter().enumerate() {
            if place > 0 {
                spans.push(Span::raw(", "));
            }
            let style = if view.cursor == Some(index) {
                theme.selected
            } else if view.marked == Some(id.as_str()) {
                theme.last_minutes
            } else {
                theme.base
            };
            let mut name = shorten(name_of(cohort, id), 24);
            if view.cursor == Some(index) {
                // Seen without colour too.
                name.insert(0, '›');
            }
            if view.marked == Some(id.as_str()) {
                name.push('*');
            }
            spans.push(Span::styled(name, style));
            index += 1;
        }
        lines.push(Line::from(spans));
    }
    let unplaced: Vec<&str> = cohort
        .iter()
        .filter(|p| !absent.contains(&p.id) && round.table_of(&p.id).is_none())
        .map(|p| p.name.as_str())
        .collect();
    if !unplaced.is_empty() {
        lines.push(Line::from(Span::styled(
            format!("{}: {}", text(ExchangeLabel::NotInAGroup, lang), unplaced.join(", ")),
            theme.dim,
        )));
    }
    if let Some(marked) = view.marked {
        lines.push(Line::from(Span::styled(
            format!("* {} {}", name_of(cohort, marked), text(ExchangeLabel::MarkedForSwap, lang)),
            theme.last_minutes,
        )));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

/// The line naming the pairs of a round that meet again, if any.
fn meet_again<'a>(
    pairs: impl Iterator<Item = &'a (String, String)>,
    cohort: &[Participant],
    lang: Lang,
    theme: &Theme,
) -> Option<Line<'static>> {
    let named: Vec<String> =
        pairs.map(|(a, b)| format!("{} & {}", name_of(cohort, a), name_of(cohort, b))).collect();
    (!named.is_empty()).then(|| {
        Line::from(Span::styled(
            format!("{}: {}", text(ExchangeLabel::MeetAgain, lang), named.join(" · ")),
            theme.last_minutes,
        ))
    })
}

/// The contact matrix: per person how many of the cohort they have met, and a
/// grid of how often each pair has met, the pairs of the round on screen that
/// meet again marked (and named below); for the person in focus, whom they
/// met at which station.
fn draw_contacts(
    frame: &mut Frame,
    area: Rect,
    contacts: &Contacts,
    cohort: &[Participant],
    (focus, again): (Option<&str>, &[(String, String)]),
    lang: Lang,
    theme: &Theme,
) {
    let mut lines = vec![Line::from(Span::styled(text(ExchangeLabel::Contacts, lang), theme.title))];
    let others = cohort.len().saturating_sub(1);
    let marked = |a: &str, b: &str| again.iter().any(|(x, y)| (x == a && y == b) || (x == b && y == a));
    for (person, met) in contacts.met_per_person(cohort) {
        let mut spans =
            vec![Span::styled(format!("{:<18}", shorten(name_of(cohort, &person), 18)), theme.base)];
        for other in cohort {
            let cell = match (other.id == person, contacts.count(&person, &other.id)) {
                (true, _) => '·',
                (false, 0) => ' ',
                (false, n) => char::from_digit(n.min(9) as u32, 10).unwrap_or('+'),
            };
            let style = if marked(&person, &other.id) { theme.last_minutes } else { theme.key };
            spans.push(Span::styled(cell.to_string(), style));
        }
        spans
            .push(Span::styled(format!("  {} {met}/{others}", text(ExchangeLabel::HasMet, lang)), theme.dim));
        lines.push(Line::from(spans));
    }
    if let Some(line) = meet_again(again.iter(), cohort, lang, theme) {
        lines.push(line);
    }
    let mut focus_lines = Vec::new();
    if let Some(person) = focus {
        let met: Vec<String> = cohort
            .iter()
            .filter(|other| other.id != person && contacts.count(person, &other.id) > 0)
            .map(|other| {
                let stations: Vec<&str> = contacts
                    .meetings(person, &other.id)
                    .iter()
                    .map(|meeting| {
                        if meeting.station.is_empty() {
                            text(ExchangeLabel::Today, lang)
                        } else {
                            &meeting.station
                        }
                    })
                    .collect();
                format!("{} ({})", other.name, stations.join(", "))
            })
            .collect();
        focus_lines.push(Line::from(vec![
            Span::styled(
                format!("{} {}: ", name_of(cohort, person), text(ExchangeLabel::HasMet, lang)),
                theme.title,
            ),
            Span::styled(met.join(", "), theme.base),
        ]));
    }
    if focus_lines.is_empty() {
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let [matrix_area, _, focus_area] =
        Layout::vertical([Constraint::Length(lines.len() as u16), Constraint::Length(1), Constraint::Min(0)])
            .areas(area);
    frame.render_widget(Paragraph::new(lines), matrix_area);
    frame.render_widget(Paragraph::new(focus_lines).wrap(Wrap { trim: true }), focus_area);
}

/// The exchange on the projection: each table and its members, large, then
/// the guiding question and the round's timer (or the signal to move on).
pub fn draw_exchange_projection(
    frame: &mut Frame,
    area: Rect,
    room: &Room,
    title: &str,
    lang: Lang,
    theme: &Theme,
) {
    let round = format!("{} {}/{}", text(ExchangeLabel::Round, lang), room.round, room.of);
    let clock = room
        .remaining
        .map(|left| if room.move_on() { text(ExchangeLabel::MoveOn, lang).to_string() } else { timer(left) });
    let question_height = if room.question.is_some() { 3 } else { 0 };
    let clock_height = if clock.is_some() { area.height / 5 } else { 0 };
    let [head, tables_area, question_area, clock_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(question_height),
        Constraint::Length(clock_height),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(title.to_string(), theme.title),
            Span::styled(format!("  ·  {round}"), theme.dim),
        ]))
        .alignment(Alignment::Center),
        head,
    );
    if room.tables.is_empty() {
        frame.render_widget(&Big::new(text(ExchangeLabel::GroupsComing, lang), theme.dim), tables_area);
    } else {
        let columns = match room.tables.len() {
            1 => 1,
            2..=4 => 2,
            _ => 3,
        };
        let rows = room.tables.len().div_ceil(columns);
        let row_areas = Layout::vertical(vec![Constraint::Ratio(1, rows as u32); rows]).split(tables_area);
        for (row, chunk) in room.tables.chunks(columns).enumerate() {
            let cells =
                Layout::horizontal(vec![Constraint::Ratio(1, columns as u32); columns]).split(row_areas[row]);
            for (cell, table) in cells.iter().zip(chunk) {
                let members = table.members.len() as u16;
                // The table number in big glyphs where the cell has room, the names below it.
                let heading_height = cell.height.saturating_sub(members + 1).clamp(1, 9);
                let [heading_area, names_area] =
                    Layout::vertical([Constraint::Length(heading_height), Constraint::Min(0)]).areas(*cell);
                let heading = format!("{} {}", text(place_label(room.breakout_rooms), lang), table.number);
                frame.render_widget(&Big::new(&heading, theme.key), heading_area);
                let lines: Vec<Line> = table
                    .members
                    .iter()
                    .map(|member| {
                        let mut spans = vec![Span::styled(member.name.clone(), theme.title)];
                        if let Some(organisation) = &member.organisation {
                            spans.push(Span::styled(format!(" · {organisation}"), theme.dim));
                        }
                        if member.host {
                            spans.push(Span::styled(
                                format!(" ({})", text(ExchangeLabel::Host, lang)),
                                theme.dim,
                            ));
                        }
                        Line::from(spans)
                    })
                    .collect();
                frame.render_widget(
                    Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true }),
                    names_area,
                );
            }
        }
    }
    if let Some(question) = &room.question {
        frame.render_widget(
            Paragraph::new(question.as_str())
                .style(theme.title)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            question_area,
        );
    }
    if let Some(clock) = clock {
        let style = if room.move_on() { theme.overtime } else { theme.running };
        frame.render_widget(&Big::new(&clock, style), clock_area);
    }
}

/// The picker of who joins the group under the cursor: present people matching what is typed.
pub fn draw_place_picker(
    frame: &mut Frame,
    area: Rect,
    picker: (&str, usize, usize),
    present: Vec<&Participant>,
    lang: Lang,
    theme: &Theme,
) {
    let (typed, cursor, selected) = picker;
    let matches = crate::core::discussion::picker_matches(present, typed);
    let rows = (matches.len() as u16).clamp(1, area.height.saturating_sub(8).max(1));
    let popup = super::centered(area, area.width.saturating_sub(8).min(90), rows + 4);
    let block = ratatui::widgets::Block::new()
        .borders(ratatui::widgets::Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", text(ExchangeLabel::PickPlace, lang)), theme.title));
    let inner = block.inner(popup);
    frame.render_widget(ratatui::widgets::Clear, popup);
    frame.render_widget(block.style(theme.base), popup);
    let [line, list, hint] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Paragraph::new(typed), line);
    frame.set_cursor_position((line.x + (cursor as u16).min(line.width.saturating_sub(1)), line.y));
    let first = selected.saturating_sub(usize::from(list.height).saturating_sub(1));
    let lines: Vec<Line> = matches
        .iter()
        .enumerate()
        .skip(first)
        .map(|(index, p)| {
            let style = if index == selected { theme.selected } else { theme.base };
            Line::from(vec![
                Span::styled(format!(" {}", p.name), style),
                Span::styled(format!("  {}", p.organisation), theme.dim),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(Paragraph::new(text(ExchangeLabel::PlaceHint, lang)).style(theme.dim), hint);
}
