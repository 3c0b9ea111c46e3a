//! The Journey tab: the stations side by side, one column each, one row per
//! figure, then the attendance list: a row per member of the cohort, who was
//! there for how many blocks and minutes, came late or left early.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::{ReviewView, behind_text, offset, shorten, state_label, state_style};
use crate::core::stats::{StationState, StationStats};
use crate::i18n::{ReviewLabel, ReviewMsg, short_date};
use crate::plan::Format;

/// The figures, one row each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    Date,
    Place,
    State,
    Planned,
    Actual,
    Blocks,
    Behind,
    Spoke,
    Captures,
    Cases,
    Contacts,
    /// The attendance of the cohort's member at this index.
    Attendance(usize),
}

const ROWS: [Figure; 11] = [
    Figure::Date,
    Figure::Place,
    Figure::State,
    Figure::Planned,
    Figure::Actual,
    Figure::Blocks,
    Figure::Behind,
    Figure::Spoke,
    Figure::Captures,
    Figure::Cases,
    Figure::Contacts,
];

impl Figure {
    fn label(self) -> ReviewLabel {
        match self {
            Figure::Date => ReviewLabel::RowDate,
            Figure::Place => ReviewLabel::RowPlace,
            Figure::State => ReviewLabel::RowState,
            Figure::Planned => ReviewLabel::RowPlanned,
            Figure::Actual => ReviewLabel::RowActual,
            Figure::Blocks => ReviewLabel::RowBlocks,
            Figure::Behind => ReviewLabel::RowBehind,
            Figure::Spoke => ReviewLabel::RowSpoke,
            Figure::Captures => ReviewLabel::RowCaptures,
            Figure::Cases => ReviewLabel::RowCases,
            Figure::Contacts => ReviewLabel::RowContacts,
            Figure::Attendance(_) => ReviewLabel::Nothing,
        }
    }
}

/// The figures and then a row per member of the journey's cohort.
fn figures(view: &ReviewView) -> Vec<Figure> {
    ROWS.into_iter().chain((0..view.stats.cohort.len()).map(Figure::Attendance)).collect()
}

/// The narrowest a station's column gets before stations scroll sideways.
const MIN_COLUMN: u16 = 20;
const LABEL_COLUMN: u16 = 15;

pub(super) fn rows(view: &ReviewView) -> usize {
    figures(view).len()
}

pub(super) fn draw(frame: &mut Frame, area: Rect, view: &ReviewView) {
    let theme = view.theme;
    let stations = &view.stats.stations;
    // As many stations as fit, the selected one among them.
    let fit = usize::from((area.width.saturating_sub(LABEL_COLUMN) / MIN_COLUMN).max(1));
    let first = view.station.saturating_sub(fit.saturating_sub(1)).min(stations.len().saturating_sub(fit));
    let shown: Vec<(usize, &StationStats)> = stations.iter().enumerate().skip(first).take(fit).collect();
    let header = Row::new(std::iter::once(Cell::from("")).chain(shown.iter().map(|(at, station)| {
        let style = if *at == view.station { theme.selected } else { theme.title };
        Cell::from(Span::styled(station.title.clone(), style))
    })));
    let height = usize::from(area.height.saturating_sub(2));
    let rows = figures(view);
    let skip = offset(view.scroll, rows.len(), height);
    // What a station's column holds: a longer figure ends in "…" rather than just stopping.
    let column = usize::from(area.width.saturating_sub(LABEL_COLUMN)) / shown.len().max(1);
    let column = column.saturating_sub(1);
    let body = rows.iter().skip(skip).map(|label| {
        let cells = shown.iter().map(|(at, station)| {
            let (text, style) = figure(view, station, *label);
            let text = shorten(&text, column);
            let style = if *at == view.station { style.patch(theme.selected) } else { style };
            Cell::from(Span::styled(text, style))
        });
        let name = match label {
            Figure::Attendance(index) => view
                .stats
                .cohort
                .get(*index)
                .map_or_else(String::new, |person| shorten(&person.name, usize::from(LABEL_COLUMN))),
            other => view.text(other.label()).to_string(),
        };
        Row::new(std::iter::once(Cell::from(Span::styled(name, theme.dim))).chain(cells))
    });
    let widths = std::iter::once(Constraint::Length(LABEL_COLUMN))
        .chain(shown.iter().map(|_| Constraint::Fill(1)))
        .collect::<Vec<_>>();
    let table = Table::new(body, widths).header(header.bottom_margin(1)).column_spacing(1);
    frame.render_widget(table, area);
    if stations.len() > shown.len() {
        // More stations than columns: say which ones these are.
        let more = format!("{}–{}/{}", first + 1, first + shown.len(), stations.len());
        let corner = Rect { x: area.x, y: area.y, width: LABEL_COLUMN.min(area.width), height: 1 };
        frame.render_widget(Paragraph::new(Line::from(Span::styled(more, theme.dim))), corner);
    }
}

/// One figure of one station, with its style.
fn figure(view: &ReviewView, station: &StationStats, row: Figure) -> (String, ratatui::style::Style) {
    let theme = view.theme;
    let lang = view.lang;
    let none = || (view.text(ReviewLabel::Nothing).to_string(), theme.dim);
    let started = station.state != StationState::NotStarted;
    match row {
        // A station that has not begun has none of these figures.
        Figure::Blocks
        | Figure::Spoke
        | Figure::Captures
        | Figure::Cases
        | Figure::Contacts
        | Figure::Attendance(_)
            if !started =>
        {
            none()
        }
        Figure::Date => {
            let format = match station.format {
                Format::InPerson => ReviewLabel::InPerson,
                Format::Online => ReviewLabel::Online,
            };
            (format!("{} · {}", short_date(station.date, lang), view.text(format)), theme.base)
        }
        Figure::Place => (station.place.clone(), theme.base),
        Figure::State => {
            (view.text(state_label(station.state)).to_string(), state_style(theme, station.state))
        }
        Figure::Planned => (
            format!("{}–{}", station.clock(station.planned_start), station.clock(station.planned_end)),
            theme.base,
        ),
        Figure::Actual => match (station.actual_start, station.actual_end) {
            (Some(start), Some(end)) => {
                (format!("{}–{}", station.clock(start), station.clock(end)), theme.base)
            }
            (Some(start), None) => (format!("{}–…", station.clock(start)), theme.running),
            (None, _) => none(),
        },
        Figure::Blocks => {
            let (run, skipped) = station.blocks_run();
            (ReviewMsg::BlocksRun { run, skipped }.text(lang), theme.base)
        }
        Figure::Behind => match station.worst_behind() {
            Some(worst) if worst > chrono::TimeDelta::zero() => (behind_text(worst, lang), theme.behind),
            Some(worst) => (behind_text(worst, lang), theme.ahead),
            None => none(),
        },
        Figure::Spoke => (
            ReviewMsg::Spoke { speakers: station.speakers(), of: station.could_speak() }.text(lang),
            theme.base,
        ),
        Figure::Captures => {
            let private = station.private_captures();
            (ReviewMsg::Captures { all: station.captures.len(), private }.text(lang), theme.base)
        }
        Figure::Cases => (ReviewMsg::Cases { cases: station.cases() }.text(lang), theme.base),
        Figure::Contacts => (station.new_contacts.to_string(), theme.base),
        Figure::Attendance(index) => {
            let Some(person) = view.stats.cohort.get(index) else { return none() };
            match station.attendance().into_iter().find(|attended| attended.participant == person.id) {
                Some(attended) if attended.absent() => (ReviewMsg::Absent.text(lang), theme.dim),
                Some(attended) => {
                    let msg = ReviewMsg::Present {
                        blocks: attended.blocks.len(),
                        ran: attended.ran,
                        minutes: attended.present.num_minutes(),
                        late: attended.late,
                        left_early: attended.left_early,
                    };
                    let style = if attended.late || attended.left_early { theme.behind } else { theme.base };
                    (msg.text(lang), style)
                }
                // Not of this station's cohort.
                None => none(),
            }
        }
    }
}
