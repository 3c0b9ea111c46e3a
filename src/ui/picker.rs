//! The station picker: the journey's stations with date, place and state, in
//! aligned columns; a rehearsal is marked as one and can be discarded.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

use super::{Theme, too_small};
use crate::i18n::{ConsoleLabel, StoreMsg};
use crate::i18n::{Label, Lang, Msg};

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
    /// A rehearsal begun on `day`, another day than the station's: not the real day.
    Rehearsal {
        day: NaiveDate,
    },
    /// The log exists but cannot be read; opening it says why.
    Unreadable,
}

#[derive(Debug, Clone, Copy)]
pub struct PickerView<'a> {
    pub journey_title: &'a str,
    pub stations: &'a [StationEntry],
    pub selected: usize,
    pub banner: Option<&'a str>,
    /// A question waiting for its answer (discard the rehearsal?), shown instead of the keys.
    pub question: Option<&'a str>,
    pub lang: Lang,
    pub theme: &'a Theme,
}

/// `text` padded with spaces to `width` terminal columns (wide characters count twice).
fn padded(text: &str, width: usize) -> String {
    let used = Span::raw(text).width();
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
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
    // Every column as wide as its widest entry, so the states line up.
    let width = |column: fn(&StationEntry) -> &str| {
        view.stations.iter().map(|station| Span::raw(column(station)).width()).max().unwrap_or(0)
    };
    let (date_width, title_width, place_width) =
        (width(|s| s.date.as_str()), width(|s| s.title.as_str()), width(|s| s.place.as_str()));
    let items: Vec<ListItem> = view
        .stations
        .iter()
        .map(|station| {
            let (state_text, state_style) = match station.state {
                StationState::NotStarted => {
                    (Label::Console(ConsoleLabel::NotStarted).text(view.lang).to_string(), theme.dim)
                }
                StationState::InProgress => {
                    (Label::Console(ConsoleLabel::InProgress).text(view.lang).to_string(), theme.last_minutes)
                }
                StationState::Finished => {
                    (Label::Console(ConsoleLabel::Finished).text(view.lang).to_string(), theme.done)
                }
                StationState::Rehearsal { day } => (
                    Msg::Store(StoreMsg::Rehearsal { date: day.format("%d.%m.%Y").to_string() })
                        .text(view.lang),
                    theme.last_minutes,
                ),
                StationState::Unreadable => {
                    (Label::Console(ConsoleLabel::Unreadable).text(view.lang).to_string(), theme.overtime)
                }
            };
            ListItem::new(Line::from(vec![
                Span::styled(format!(" {}  ", padded(&station.date, date_width)), theme.dim),
                Span::styled(format!("{}  ", padded(&station.title, title_width)), theme.title),
                Span::styled(format!("{}  ", padded(&station.place, place_width)), theme.base),
                Span::styled(state_text, state_style),
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
    let footer = match view.question {
        Some(question) => Paragraph::new(format!(" {question}")).style(theme.last_minutes),
        None => {
            let mut keys = Label::Console(ConsoleLabel::PickerHint).text(view.lang).to_string();
            let on_rehearsal = view
                .stations
                .get(view.selected)
                .is_some_and(|station| matches!(station.state, StationState::Rehearsal { .. }));
            if on_rehearsal {
                keys.push_str(" · ");
                keys.push_str(&Msg::Store(StoreMsg::PickerDiscardHint).text(view.lang));
            }
            Paragraph::new(format!(" {keys}")).style(theme.dim)
        }
    };
    frame.render_widget(footer, hint);
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::ui::ThemeName;

    fn entry(date: &str, title: &str, place: &str, state: StationState) -> StationEntry {
        StationEntry { date: date.into(), title: title.into(), place: place.into(), state }
    }

    fn screen(view: &PickerView, width: u16, height: u16) -> Vec<String> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| draw_picker(frame, view)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>())
            .collect()
    }

    fn stations() -> Vec<StationEntry> {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        vec![
            entry("28.11.2022", "Kick-off München", "ZITiS, München", StationState::Rehearsal { day }),
            entry("17.01.2023", "Online-Reflexion", "Online (Videokonferenz)", StationState::NotStarted),
            entry("28.02.2023", "Lernort Köln", "BVA, Köln", StationState::Finished),
        ]
    }

    #[test]
    fn the_states_line_up_and_a_rehearsal_says_so_with_its_key() {
        let theme = Theme::new(ThemeName::Dark, true);
        let stations = stations();
        for (lang, rehearsal, hint) in [
            (Lang::De, "Probelauf vom 26.11.2026", "d verwirft den Probelauf (mit Sicherung)"),
            (Lang::En, "rehearsal of 26.11.2026", "d discards the rehearsal (with a backup)"),
        ] {
            let view = PickerView {
                journey_title: "Reise",
                stations: &stations,
                selected: 0,
                banner: None,
                question: None,
                lang,
                theme: &theme,
            };
            let lines = screen(&view, 100, 16);
            let rows: Vec<&String> = lines.iter().filter(|line| line.contains(".20")).collect();
            assert_eq!(rows.len(), 3, "{lines:#?}");
            let state_column = |row: &str, state: &str| row.find(state).map(|at| row[..at].chars().count());
            let column = state_column(rows[0], rehearsal);
            assert!(column.is_some(), "{lines:#?}");
            let not_started = Label::Console(ConsoleLabel::NotStarted).text(lang);
            let finished = Label::Console(ConsoleLabel::Finished).text(lang);
            assert_eq!(state_column(rows[1], not_started), column, "{lines:#?}");
            assert_eq!(state_column(rows[2], finished), column, "{lines:#?}");
            assert!(lines.iter().any(|line| line.contains(hint)), "{lines:#?}");
        }
    }

    #[test]
    fn a_question_takes_the_place_of_the_keys() {
        let theme = Theme::new(ThemeName::Dark, true);
        let stations = stations();
        let view = PickerView {
            journey_title: "Reise",
            stations: &stations,
            selected: 1,
            banner: None,
            question: Some("Probelauf verwerfen? [j/N]"),
            lang: Lang::De,
            theme: &theme,
        };
        let lines = screen(&view, 100, 16);
        assert!(lines[15].starts_with(" Probelauf verwerfen? [j/N]"), "{lines:#?}");
    }
}
