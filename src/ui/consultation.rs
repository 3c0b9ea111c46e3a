//! The collegial case consultation on screen: in the console the casting
//! screen, the running phase with its countdown, each group's roles and
//! captures, the method catalogue and the capture editors; on the projection
//! the phase, its purpose and rule, the roles, the method's instruction and
//! the phase clock, and the key question only while it is released.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::big::Big;
use super::console::{ConsoleView, panel};
use super::format::{shorten, timer};
use super::{Theme, centered, timer_style};
use crate::core::catalogue::{self, Phase, Template};
use crate::core::consultation::Role;
use crate::core::consultation::{CaseField, RoleCounts, Room, State, suggest};
use crate::core::method::Context;
use crate::core::session::AgendaItem;
use crate::core::timer::TimerState;
use crate::i18n::{ConsultationLabel, Label, Lang};
use crate::plan::Participant;

/// What a consultation overlay asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsultationEditor {
    /// A confidential text of the case.
    Note(CaseField),
    KeyQuestion,
    /// An idea, optionally `@who` gave it.
    Idea,
    /// The method catalogue for the consultation phase.
    Catalogue,
}

/// The consultation's console state a frame shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationFocus<'a> {
    /// The casting screen is open, with the cursor on this row.
    pub casting: Option<usize>,
    /// The group captures go to.
    pub group: usize,
    /// How often each person had each role in the journey.
    pub counts: &'a RoleCounts,
}

/// An open consultation overlay with what was typed and the highlighted entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationOverlay<'a> {
    pub editor: ConsultationEditor,
    pub text: &'a str,
    pub cursor: usize,
    pub selected: usize,
}

fn label(label: ConsultationLabel, lang: Lang) -> &'static str {
    label.text(lang)
}

fn name_of<'a>(cohort: &'a [Participant], id: &'a str) -> &'a str {
    cohort.iter().find(|p| p.id == id).map_or(id, |p| p.name.as_str())
}

/// The phase of a room or state in its template.
fn phase_of(template: &str, key: &str) -> Option<(&'static Template, &'static Phase)> {
    let template = catalogue::template(template)?;
    template.phase(key).map(|phase| (template, phase))
}

/// The style of a phase clock's state.
fn clock_style(theme: &Theme, state: TimerState) -> Style {
    timer_style(theme, state).0
}

/// "Fall 1/2 · Phase 2/6".
fn progress(case: usize, cases: usize, phase: usize, phases: usize, lang: Lang) -> String {
    format!(
        "{} {case}/{cases} · {} {phase}/{phases}",
        label(ConsultationLabel::Case, lang),
        label(ConsultationLabel::Phase, lang),
    )
}

/// A role's short mark on the casting screen's counts.
fn role_letter(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::CaseGiver, Lang::De) => "F",
        (Role::CaseGiver, Lang::En) => "C",
        (Role::Moderator, _) => "M",
        (Role::Secretary, _) => "S",
        (Role::Observer, Lang::De) => "B",
        (Role::Observer, Lang::En) => "O",
    }
}

/// The block's countdown in one line, when the phases need the rows.
pub fn draw_block_clock_line(frame: &mut Frame, area: Rect, view: &ConsoleView, item: &AgendaItem) {
    let lang = view.lang;
    let (_, style, word) = super::timer_look(view.theme, item, view.now);
    let line = Line::from(vec![
        Span::styled(timer(item.timer.remaining(view.now)), style),
        Span::styled(format!("  {}", word.text(lang)), style),
        Span::styled(
            format!(
                "  · {}",
                crate::i18n::Msg::Console(crate::i18n::ConsoleMsg::OfPlanned {
                    minutes: item.timer.budget().num_minutes()
                })
                .text(lang)
            ),
            view.theme.dim,
        ),
    ]);
    frame.render_widget(Paragraph::new(line).alignment(Alignment::Center), area);
}

/// The consultation below the block's timer: the casting screen while it is
/// open, else the phase with its clock, rule and each group's roles and captures.
pub fn draw_consultation_panel(
    frame: &mut Frame,
    area: Rect,
    view: &ConsoleView,
    item: &AgendaItem,
    state: &State,
    focus: &ConsultationFocus,
) {
    let lines = match focus.casting {
        Some(cursor) => {
            let lines = casting_lines(view, item, state, focus, (cursor, area.width, area.height));
            frame.render_widget(Paragraph::new(lines), area);
            return;
        }
        None => running_lines(view, state, focus, area.width, false),
    };
    let mut paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    // Short of rows, the phase's rule (on the wall anyway) gives way to the groups.
    if paragraph.line_count(area.width) > usize::from(area.height) {
        paragraph =
            Paragraph::new(running_lines(view, state, focus, area.width, true)).wrap(Wrap { trim: false });
    }
    frame.render_widget(paragraph, area);
}

fn running_lines<'a>(
    view: &ConsoleView<'a>,
    state: &'a State,
    focus: &ConsultationFocus,
    width: u16,
    compact: bool,
) -> Vec<Line<'a>> {
    let theme = view.theme;
    let lang = view.lang;
    let cohort = &view.session.cohort;
    let now = view.now;
    let mut lines = Vec::new();
    let phase = state.phase_plan().and_then(|plan| phase_of(&state.template, &plan.key));
    let clock_state = state.phase_state(now);
    let style = clock_style(theme, clock_state);
    let remaining = state.phase_remaining(now);
    // The phase and its clock first; where the case and phase count do not fit, they give way.
    let name = phase.map_or("", |(_, phase)| phase.name.get(lang));
    let mut clock = timer(remaining);
    if clock_state != TimerState::Running {
        clock.push_str(&format!(" {}", Label::Timer(clock_state).text(lang)));
    }
    let budget =
        format!(" / {} {}", state.phase_budget().num_minutes(), label(ConsultationLabel::Minutes, lang));
    let head =
        format!("  {}", progress(state.case + 1, state.cases, state.phase + 1, state.phases.len(), lang));
    let width = usize::from(width);
    let name = shorten(name, width.saturating_sub(2 + clock.chars().count()).max(8));
    // What does not fit gives way: first the phase's minutes, then the case and phase count.
    let mut used = name.chars().count() + 2 + clock.chars().count();
    let budget = if used + budget.chars().count() + head.chars().count() <= width
        || used + head.chars().count() > width && used + budget.chars().count() <= width
    {
        budget
    } else {
        String::new()
    };
    used += budget.chars().count();
    let head = if used + head.chars().count() <= width { head } else { String::new() };
    lines.push(Line::from(vec![
        Span::styled(name, theme.title),
        Span::raw("  "),
        Span::styled(clock, style),
        Span::styled(budget, theme.dim),
        Span::styled(head, theme.dim),
    ]));
    if let Some((_, phase)) = phase.filter(|_| !compact) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", label(ConsultationLabel::Speaks, lang)), theme.dim),
            Span::raw(phase.speaks.get(lang)),
        ]));
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", label(ConsultationLabel::Rule, lang)), theme.dim),
            Span::raw(phase.rule.get(lang)),
        ]));
    }
    let cx = Context { block: "", cohort, absent: &view.session.absent };
    for group in 0..state.groups {
        let case = state.current(group);
        let marker = if state.groups > 1 && group == focus.group { "▸ " } else { "" };
        let mut roles = vec![Span::styled(
            format!("{marker}{} {}", label(ConsultationLabel::Group, lang), group + 1),
            theme.title,
        )];
        for role in Role::ALL {
            let who = case.and_then(|case| case.roles.get(&role));
            if who.is_none() && role == Role::Observer {
                continue;
            }
            roles.push(Span::styled(format!(" · {}: ", role.text(lang)), theme.dim));
            roles.push(Span::raw(
                who.map_or(label(ConsultationLabel::Nobody, lang), |id| name_of(cohort, id)),
            ));
        }
        if !compact {
            lines.push(Line::default());
        }
        lines.push(Line::from(roles));
        let consultants: Vec<&str> = state
            .members(&cx, group)
            .into_iter()
            .filter(|p| case.is_none_or(|case| case.role_of(&p.id).is_none()))
            .map(|p| p.name.as_str())
            .collect();
        // One line: the count says how many, the names as far as they go.
        let lead = format!("{} ({}): ", label(ConsultationLabel::Consultants, lang), consultants.len());
        let names = shorten(&consultants.join(", "), width.saturating_sub(lead.chars().count()));
        lines.push(Line::from(vec![Span::styled(lead, theme.dim), Span::styled(names, theme.base)]));
        let Some(case) = case else { continue };
        if !case.title.is_empty() || !case.description.is_empty() {
            let mut spans = vec![
                Span::styled(format!("{}: ", label(ConsultationLabel::Case, lang)), theme.dim),
                Span::styled(case.title.as_str(), theme.title),
            ];
            if !case.description.is_empty() {
                spans.push(Span::raw(format!(" – {}", case.description)));
            }
            lines.push(Line::from(spans));
        }
        if !case.key_question.is_empty() {
            let shown =
                if case.released { ConsultationLabel::Released } else { ConsultationLabel::NotReleased };
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", label(ConsultationLabel::KeyQuestion, lang)), theme.dim),
                Span::styled(case.key_question.as_str(), theme.base),
                Span::styled(
                    format!("  [{}]", label(shown, lang)),
                    if case.released { theme.last_minutes } else { theme.dim },
                ),
            ]));
        }
        if let Some(method) = case.method.as_deref().and_then(catalogue::consultation_method) {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", label(ConsultationLabel::Method, lang)), theme.dim),
                Span::styled(method.name.get(lang), theme.title),
                Span::styled(
                    format!(" ({} {})", method.minutes, label(ConsultationLabel::Minutes, lang)),
                    theme.dim,
                ),
                Span::raw(format!(" – {}", method.instruction.get(lang))),
            ]));
        }
        let ideas: Vec<_> = case.ideas().collect();
        if !ideas.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("{} ({}):", label(ConsultationLabel::Ideas, lang), ideas.len()),
                theme.dim,
            )));
            for idea in ideas {
                let giver = idea
                    .giver
                    .as_deref()
                    .map(|id| format!("  ({})", name_of(cohort, id)))
                    .unwrap_or_default();
                lines.push(Line::from(vec![
                    Span::raw(format!(" · {}", idea.text)),
                    Span::styled(giver, theme.dim),
                ]));
            }
        }
        if !case.closing.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", label(ConsultationLabel::Closing, lang)), theme.dim),
                Span::raw(case.closing.as_str()),
            ]));
        }
    }
    lines
}

fn casting_lines<'a>(
    view: &ConsoleView<'a>,
    item: &AgendaItem,
    state: &'a State,
    focus: &ConsultationFocus,
    (cursor, width, height): (usize, u16, u16),
) -> Vec<Line<'a>> {
    let theme = view.theme;
    let lang = view.lang;
    let cohort = &view.session.cohort;
    let cx = Context { block: &item.block.id, cohort, absent: &view.session.absent };
    let title = label(ConsultationLabel::Casting, lang);
    let about = format!(
        "  {} {} {} {}  ·  {}",
        label(ConsultationLabel::Case, lang),
        state.case + 1,
        label(ConsultationLabel::Of, lang),
        state.cases,
        label(ConsultationLabel::RoleCounts, lang),
    );
    let mut lines = vec![Line::from(vec![
        Span::styled(title, theme.title),
        Span::styled(shorten(&about, usize::from(width).saturating_sub(title.chars().count())), theme.dim),
    ])];
    let rows = state.casting_rows(&cx);
    // The groups' headers and suggestions, then their members; scrolled so the cursor shows.
    let mut body: Vec<(Option<usize>, Line)> = Vec::new();
    let mut index = 0;
    for group in 0..state.groups {
        let case = state.current(group);
        let members = rows.iter().filter(|(g, _)| *g == group).count();
        let suggested: Vec<(Role, String)> = [Role::CaseGiver, Role::Moderator]
            .into_iter()
            .filter_map(|role| suggest(state, &cx, focus.counts, group, role).map(|who| (role, who)))
            .collect();
        body.push((
            None,
            Line::from(Span::styled(
                format!("{} {} ({members})", label(ConsultationLabel::Group, lang), group + 1),
                theme.title,
            )),
        ));
        let open: Vec<&(Role, String)> = suggested
            .iter()
            .filter(|(role, _)| case.is_none_or(|case| !case.roles.contains_key(role)))
            .collect();
        if !open.is_empty() {
            let names: Vec<String> = open
                .iter()
                .map(|(role, who)| format!("{} {}", role.text(lang), name_of(cohort, who)))
                .collect();
            let text = format!(
                "  {}: {} ({})",
                label(ConsultationLabel::Suggestion, lang),
                names.join(" · "),
                label(ConsultationLabel::SuggestionAccept, lang)
            );
            body.push((
                None,
                Line::from(Span::styled(shorten(&text, usize::from(width)), theme.last_minutes)),
            ));
        }
        for (_, person) in rows.iter().filter(|(g, _)| *g == group) {
            let selected = index == cursor;
            let style = if selected { theme.selected } else { theme.base };
            let role = case.and_then(|case| case.role_of(&person.id));
            let counts: String = Role::ALL
                .iter()
                .map(|role| {
                    let times =
                        focus.counts.get(&person.id).and_then(|roles| roles.get(role)).copied().unwrap_or(0);
                    format!("{}{times}", role_letter(*role, lang))
                })
                .collect::<Vec<_>>()
                .join(" ");
            let star: Vec<&str> = suggested
                .iter()
                .filter(|(_, who)| who == &person.id)
                .map(|(role, _)| role.text(lang))
                .collect();
            // Name, role and counts share the line: the name gives way first.
            let free = usize::from(width).saturating_sub(2 + 1 + counts.chars().count() + 1);
            let role_width = (free / 3).min(18);
            let name_width = free.saturating_sub(role_width).min(28);
            let role = shorten(role.map_or("", |role| role.text(lang)), role_width);
            let name = shorten(&person.name, name_width);
            let mut spans = vec![
                Span::styled(format!("{}{name:<name_width$}", if selected { "▸ " } else { "  " }), style),
                Span::styled(format!(" {role:<role_width$}"), theme.key),
                Span::styled(format!(" {counts}"), theme.dim),
            ];
            if !star.is_empty() {
                spans.push(Span::styled(format!("  ★ {}", star.join(", ")), theme.last_minutes));
            }
            body.push((Some(index), Line::from(spans)));
            index += 1;
        }
    }
    let visible = usize::from(height).saturating_sub(2).max(1);
    let at = body.iter().position(|(row, _)| *row == Some(cursor)).unwrap_or(0);
    let skip = (at + 1).saturating_sub(visible);
    lines.extend(body.into_iter().skip(skip).take(visible).map(|(_, line)| line));
    lines.push(Line::from(Span::styled(
        shorten(label(ConsultationLabel::CastingHint, lang), usize::from(width)),
        theme.dim,
    )));
    lines
}

/// The method catalogue or a capture editor over the console.
pub fn draw_consultation_overlay(frame: &mut Frame, view: &ConsoleView, overlay: &ConsultationOverlay) {
    let theme = view.theme;
    let lang = view.lang;
    let area = frame.area();
    let (title, hint) = match overlay.editor {
        ConsultationEditor::Note(field) => (field.text(lang), label(ConsultationLabel::CaptureHint, lang)),
        // The key question is no secret of the case: it may go on the screen.
        ConsultationEditor::KeyQuestion => {
            (label(ConsultationLabel::KeyQuestion, lang), label(ConsultationLabel::KeyQuestionHint, lang))
        }
        ConsultationEditor::Idea => {
            (label(ConsultationLabel::Ideas, lang), label(ConsultationLabel::IdeaHint, lang))
        }
        ConsultationEditor::Catalogue => {
            (label(ConsultationLabel::CatalogueTitle, lang), label(ConsultationLabel::CatalogueHint, lang))
        }
    };
    let methods = match view.session.current_consultation() {
        Some((_, state)) if overlay.editor == ConsultationEditor::Catalogue => {
            state.methods_matching(overlay.text)
        }
        Some(_) | None => Vec::new(),
    };
    let listed = if overlay.editor == ConsultationEditor::Catalogue {
        (methods.len() as u16 * 2).clamp(1, area.height.saturating_sub(8).max(1))
    } else {
        0
    };
    let group = match view.method {
        super::console::MethodFocus::Consultation(focus) => focus.group,
        super::console::MethodFocus::None
        | super::console::MethodFocus::Reflection(_)
        | super::console::MethodFocus::Exchange(_) => 0,
    };
    let groups = view.session.current_consultation().map_or(1, |(_, state)| state.groups);
    let title = if groups > 1 {
        format!("{title} · {} {}", label(ConsultationLabel::Group, lang), group + 1)
    } else {
        title.to_string()
    };
    let popup = centered(area, area.width.saturating_sub(8).min(100), listed + 4);
    let block = panel(&title, theme);
    let inner = block.inner(popup);
    frame.render_widget(Clear, popup);
    frame.render_widget(block.style(theme.base), popup);
    let [line, list, hint_area] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(listed), Constraint::Length(1)])
            .areas(inner);
    let width = usize::from(line.width.saturating_sub(1));
    let skip = overlay.cursor.saturating_sub(width);
    let visible: String = overlay.text.chars().skip(skip).take(width + 1).collect();
    frame.render_widget(Paragraph::new(visible), line);
    frame.set_cursor_position((line.x + (overlay.cursor - skip) as u16, line.y));
    if !methods.is_empty() {
        let per_page = usize::from(list.height / 2).max(1);
        let first = overlay.selected.saturating_sub(per_page.saturating_sub(1));
        let lines: Vec<Line> = methods
            .iter()
            .enumerate()
            .skip(first)
            .flat_map(|(index, method)| {
                let style = if index == overlay.selected { theme.selected } else { theme.base };
                [
                    Line::from(vec![
                        Span::styled(format!(" {}", method.name.get(lang)), style),
                        Span::styled(
                            format!("  {} {}", method.minutes, label(ConsultationLabel::Minutes, lang)),
                            theme.dim,
                        ),
                    ]),
                    Line::from(Span::styled(
                        format!(
                            "   {}",
                            shorten(method.instruction.get(lang), usize::from(list.width).saturating_sub(4))
                        ),
                        theme.dim,
                    )),
                ]
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
    }
    frame.render_widget(Paragraph::new(hint).style(theme.dim), hint_area);
}

/// The consultation on the projection, in large calm type: the phase with
/// its purpose, who speaks and its rule, the chosen method's instruction, the
/// key question while released, each group's roles, and the phase clock.
pub fn draw_consultation_projection(frame: &mut Frame, area: Rect, room: &Room, lang: Lang, theme: &Theme) {
    let phase = phase_of(&room.template, &room.phase).map(|(_, phase)| phase);
    let style = clock_style(theme, room.clock);
    let head = Paragraph::new(progress(room.case, room.cases, room.phase_number, room.phases, lang))
        .style(theme.dim)
        .alignment(Alignment::Center);
    let name = phase.map_or("", |phase| phase.name.get(lang));
    let centred = |lines: Vec<Line<'static>>| {
        Paragraph::new(lines).alignment(Alignment::Center).wrap(Wrap { trim: true })
    };
    let mut about = Vec::new();
    if let Some(phase) = phase {
        about.push(Line::from(Span::styled(phase.purpose.get(lang).to_string(), theme.base)));
        about.push(Line::from(vec![
            Span::styled(format!("{}: ", label(ConsultationLabel::Speaks, lang)), theme.dim),
            Span::styled(phase.speaks.get(lang).to_string(), theme.base),
        ]));
        about.push(Line::default());
        about.push(Line::from(Span::styled(phase.rule.get(lang).to_string(), theme.title)));
    }
    // The chosen methods: once when all groups chose the same.
    let mut methods: Vec<(usize, &str)> = room
        .groups
        .iter()
        .filter_map(|group| group.method.as_deref().map(|method| (group.number, method)))
        .collect();
    let same = methods.windows(2).all(|pair| pair[0].1 == pair[1].1);
    if same {
        methods.truncate(1);
    }
    for (number, key) in &methods {
        let Some(method) = catalogue::consultation_method(key) else { continue };
        let who = if room.groups.len() > 1 && !same {
            format!("{} {number} · ", label(ConsultationLabel::Group, lang))
        } else {
            String::new()
        };
        about.push(Line::default());
        about.push(Line::from(vec![
            Span::styled(format!("{who}{}: ", label(ConsultationLabel::Method, lang)), theme.dim),
            Span::styled(method.name.get(lang).to_string(), theme.title),
        ]));
        about.push(Line::from(Span::styled(method.instruction.get(lang).to_string(), theme.base)));
    }
    for group in &room.groups {
        let Some(question) = &group.key_question else { continue };
        let who = if room.groups.len() > 1 {
            format!("{} {} · ", label(ConsultationLabel::Group, lang), group.number)
        } else {
            String::new()
        };
        about.push(Line::default());
        about.push(Line::from(vec![
            Span::styled(format!("{who}{}: ", label(ConsultationLabel::KeyQuestion, lang)), theme.dim),
            Span::styled(question.clone(), theme.title),
        ]));
    }
    let roles: Vec<Line<'static>> = room
        .groups
        .iter()
        .filter(|group| !group.roles.is_empty())
        .map(|group| {
            let mut spans = Vec::new();
            if room.groups.len() > 1 {
                spans.push(Span::styled(
                    format!("{} {}  ", label(ConsultationLabel::Group, lang), group.number),
                    theme.dim,
                ));
            }
            for (index, (role, person)) in group.roles.iter().enumerate() {
                if index > 0 {
                    spans.push(Span::styled(" · ".to_string(), theme.dim));
                }
                spans.push(Span::styled(format!("{}: ", role.text(lang)), theme.dim));
                spans.push(Span::styled(person.name.clone(), theme.base));
            }
            Line::from(spans)
        })
        .collect();
    let about = centred(about);
    let roles = centred(roles);
    let about_height = about.line_count(area.width) as u16;
    let roles_height = roles.line_count(area.width) as u16;
    let fixed = 1 + about_height + roles_height + 3;
    let spare = area.height.saturating_sub(fixed);
    let title = Big::new(name, theme.title);
    let title_height = title.height(area.width, (spare / 3).max(1)).min((spare / 3).max(1));
    let [head_area, title_area, _, about_area, _, roles_area, _, clock_area, word_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(title_height),
        Constraint::Length(1),
        Constraint::Length(about_height),
        Constraint::Length(1),
        Constraint::Length(roles_height),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(u16::from(room.clock != TimerState::Running)),
    ])
    .areas(area);
    frame.render_widget(head, head_area);
    frame.render_widget(&title, title_area);
    frame.render_widget(about, about_area);
    frame.render_widget(roles, roles_area);
    frame.render_widget(&Big::new(&timer(room.remaining), style), clock_area);
    if room.clock != TimerState::Running {
        frame.render_widget(
            Paragraph::new(Label::Timer(room.clock).text(lang)).style(style).alignment(Alignment::Center),
            word_area,
        );
    }
}
