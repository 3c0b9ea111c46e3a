//! Semantic styles: what a colour means, chosen once per theme.

use ratatui::style::{Color, Modifier, Style};

/// The themes a facilitator can pick with `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    /// Maximum contrast for a washed-out projector.
    Contrast,
}

/// Every style the screens use, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub dim: Style,
    pub border: Style,
    pub selected: Style,
    pub key: Style,
    pub running: Style,
    pub last_minutes: Style,
    pub overtime: Style,
    pub paused: Style,
    pub done: Style,
    pub skipped: Style,
    pub fixed: Style,
    pub behind: Style,
    pub ahead: Style,
    pub banner_info: Style,
    pub banner_error: Style,
}

impl Theme {
    /// The theme's styles; with `no_color` (the `NO_COLOR` convention) only
    /// bold, dim, reverse and underline carry meaning, never colour.
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        if no_color {
            return Theme::monochrome();
        }
        let plain = Style::new();
        let bold = Modifier::BOLD;
        match name {
            ThemeName::Dark => Theme {
                base: plain,
                title: plain.add_modifier(bold),
                dim: plain.fg(Color::DarkGray),
                border: plain.fg(Color::DarkGray),
                selected: plain.bg(Color::Indexed(236)).add_modifier(bold),
                key: plain.fg(Color::Cyan).add_modifier(bold),
                running: plain.fg(Color::Green).add_modifier(bold),
                last_minutes: plain.fg(Color::Yellow).add_modifier(bold),
                overtime: plain.fg(Color::Red).add_modifier(bold),
                paused: plain.fg(Color::DarkGray).add_modifier(bold),
                done: plain.fg(Color::DarkGray),
                skipped: plain.fg(Color::DarkGray).add_modifier(Modifier::CROSSED_OUT),
                fixed: plain.add_modifier(Modifier::UNDERLINED),
                behind: plain.fg(Color::Yellow),
                ahead: plain.fg(Color::Green),
                banner_info: plain.fg(Color::Black).bg(Color::Cyan),
                banner_error: plain.fg(Color::White).bg(Color::Red).add_modifier(bold),
            },
            ThemeName::Light => Theme {
                base: plain.fg(Color::Black).bg(Color::White),
                title: plain.fg(Color::Black).add_modifier(bold),
                // Colour 7 on 15 all but vanishes on a projector: a dark grey reads.
                dim: plain.fg(Color::Indexed(240)),
                border: plain.fg(Color::Gray),
                selected: plain.bg(Color::Indexed(254)).add_modifier(bold),
                key: plain.fg(Color::Blue).add_modifier(bold),
                running: plain.fg(Color::Indexed(28)).add_modifier(bold),
                last_minutes: plain.fg(Color::Indexed(166)).add_modifier(bold),
                overtime: plain.fg(Color::Indexed(160)).add_modifier(bold),
                paused: plain.fg(Color::Indexed(240)).add_modifier(bold),
                done: plain.fg(Color::Indexed(240)),
                skipped: plain.fg(Color::Indexed(240)).add_modifier(Modifier::CROSSED_OUT),
                fixed: plain.add_modifier(Modifier::UNDERLINED),
                behind: plain.fg(Color::Indexed(166)),
                ahead: plain.fg(Color::Indexed(28)),
                banner_info: plain.fg(Color::White).bg(Color::Blue),
                banner_error: plain.fg(Color::White).bg(Color::Indexed(160)).add_modifier(bold),
            },
            ThemeName::Contrast => Theme {
                base: plain.fg(Color::White).bg(Color::Black),
                title: plain.fg(Color::White).add_modifier(bold),
                dim: plain.fg(Color::Gray),
                border: plain.fg(Color::White),
                selected: plain.fg(Color::Black).bg(Color::White).add_modifier(bold),
                key: plain.fg(Color::LightCyan).add_modifier(bold),
                running: plain.fg(Color::LightGreen).add_modifier(bold),
                last_minutes: plain.fg(Color::LightYellow).add_modifier(bold),
                overtime: plain.fg(Color::LightRed).add_modifier(bold),
                paused: plain.fg(Color::Gray).add_modifier(bold),
                done: plain.fg(Color::Gray),
                skipped: plain.fg(Color::Gray).add_modifier(Modifier::CROSSED_OUT),
                fixed: plain.add_modifier(Modifier::UNDERLINED),
                behind: plain.fg(Color::LightYellow).add_modifier(bold),
                ahead: plain.fg(Color::LightGreen).add_modifier(bold),
                banner_info: plain.fg(Color::Black).bg(Color::LightCyan),
                banner_error: plain.fg(Color::White).bg(Color::Red).add_modifier(bold),
            },
        }
    }

    fn monochrome() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::BOLD),
            dim: plain.add_modifier(Modifier::DIM),
            border: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            key: plain.add_modifier(Modifier::BOLD),
            running: plain.add_modifier(Modifier::BOLD),
            last_minutes: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            overtime: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            paused: plain.add_modifier(Modifier::DIM),
            done: plain.add_modifier(Modifier::DIM),
            skipped: plain.add_modifier(Modifier::DIM | Modifier::CROSSED_OUT),
            fixed: plain.add_modifier(Modifier::UNDERLINED),
            behind: plain.add_modifier(Modifier::BOLD),
            ahead: plain,
            banner_info: plain.add_modifier(Modifier::REVERSED),
            banner_error: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }
}
