//! Big text for the projection: tui-big-text's 8x8 glyphs, scaled up by whole
//! factors to the largest size that fits, down to half-height glyphs and
//! finally plain text on small terminals.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use tui_big_text::{BigText, PixelSize};

/// Each glyph is 8x8 pixels.
const GLYPH: u16 = 8;

/// How big the text can be drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    /// Every pixel becomes `2f` columns by `f` rows (cells are about twice as
    /// high as wide, so pixels stay square).
    Scaled(u16),
    /// tui-big-text's half-height glyphs: 8 columns by 4 rows a character.
    Half,
    Plain,
}

impl Size {
    /// Columns and rows one character takes.
    fn cell(self) -> (u16, u16) {
        match self {
            Size::Scaled(f) => (GLYPH * 2 * f, GLYPH * f),
            Size::Half => (GLYPH, GLYPH / 2),
            Size::Plain => (1, 1),
        }
    }
}

/// Text in the largest glyphs that fit, broken at spaces into centred lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Big<'a> {
    text: &'a str,
    style: Style,
}

impl<'a> Big<'a> {
    pub fn new(text: &'a str, style: Style) -> Big<'a> {
        Big { text, style }
    }

    /// The largest size at which the text fits `width` × `height`, with its lines.
    fn layout(&self, width: u16, height: u16) -> (Size, Vec<String>) {
        let most = (width / (GLYPH * 2)).min(height / GLYPH);
        let sizes = (1..=most).rev().map(Size::Scaled).chain([Size::Half]);
        for size in sizes {
            let (cell_width, cell_height) = size.cell();
            // In usize: a long message breaks into more lines than a u16 can count rows for.
            if let Some(lines) = wrap(self.text, usize::from(width / cell_width))
                && lines.len().saturating_mul(usize::from(cell_height)) <= usize::from(height)
            {
                return (size, lines);
            }
        }
        (Size::Plain, vec![self.text.to_string()])
    }

    /// The rows this text takes in an area of `width` × `height`.
    pub fn height(&self, width: u16, height: u16) -> u16 {
        match self.layout(width, height) {
            (Size::Plain, _) => Paragraph::new(self.text).wrap(Wrap { trim: true }).line_count(width) as u16,
            (size, lines) => size.cell().1 * lines.len() as u16,
        }
    }
}

/// Breaks `text` at spaces into lines of at most `max` characters; `None`
/// when a single word is longer.
fn wrap(text: &str, max: usize) -> Option<Vec<String>> {
    if max == 0 {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if word.chars().count() > max {
            return None;
        }
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    Some(lines)
}

impl Widget for &Big<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (size, lines) = self.layout(area.width, area.height);
        let (_, cell_height) = size.cell();
        let total = match size {
            Size::Plain => self.height(area.width, area.height).min(area.height),
            Size::Scaled(_) | Size::Half => cell_height * lines.len() as u16,
        };
        let mut top = area.y + area.height.saturating_sub(total) / 2;
        if size == Size::Plain {
            let paragraph = Paragraph::new(self.text)
                .style(self.style)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true });
            paragraph.render(Rect { y: top, height: total, ..area }, buf);
            return;
        }
        for line in &lines {
            let row = Rect { y: top, height: cell_height, ..area };
            match size {
                Size::Scaled(factor) => scaled(line, factor, self.style, row, buf),
                Size::Half | Size::Plain => BigText::builder()
                    .pixel_size(PixelSize::HalfHeight)
                    .style(self.style)
                    .alignment(Alignment::Center)
                    .lines(vec![Line::from(line.as_str())])
                    .build()
                    .render(row, buf),
            }
            top += cell_height;
        }
    }
}

/// Draws one line from tui-big-text's full-size glyphs, each pixel `2f` × `f` cells, centred in `row`.
fn scaled(text: &str, factor: u16, style: Style, row: Rect, buf: &mut Buffer) {
    let pixels = Rect::new(0, 0, text.chars().count() as u16 * GLYPH, GLYPH);
    let mut bitmap = Buffer::empty(pixels);
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .lines(vec![Line::from(text)])
        .build()
        .render(pixels, &mut bitmap);
    let left = row.x + row.width.saturating_sub(pixels.width * 2 * factor) / 2;
    for y in 0..pixels.height {
        for x in 0..pixels.width {
            if bitmap[(x, y)].symbol() == " " {
                continue;
            }
            let cell =
                Rect::new(left + x * 2 * factor, row.y + y * factor, 2 * factor, factor).intersection(row);
            buf.set_style(cell, style);
            for position in cell.positions() {
                buf[position].set_symbol("█");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rendered(text: &str, width: u16, height: u16) -> Buffer {
        let mut buf = Buffer::empty(Rect::new(0, 0, width, height));
        (&Big::new(text, Style::new())).render(buf.area, &mut buf);
        buf
    }

    fn filled(buf: &Buffer) -> usize {
        buf.content.iter().filter(|cell| cell.symbol() != " ").count()
    }

    #[test]
    fn the_digits_grow_with_the_terminal() {
        let small = filled(&rendered("12:34", 80, 8));
        let large = filled(&rendered("12:34", 320, 60));
        assert!(small > 0);
        // Scale 1 at 80 columns, scale 4 at 320: sixteen times the cells.
        assert_eq!(Big::new("12:34", Style::new()).height(320, 60), 32);
        assert_eq!(large, small * 16);
    }

    #[test]
    fn small_areas_fall_back_to_half_height_then_plain_text() {
        assert_eq!(Big::new("12:34", Style::new()).height(60, 10), 4);
        let plain = rendered("12:34", 20, 3);
        let text: String = plain.content.iter().map(|cell| cell.symbol()).collect();
        assert!(text.contains("12:34"), "{text:?}");
        assert_eq!(Big::new("12:34", Style::new()).layout(20, 3).0, Size::Plain);
    }

    #[test]
    fn a_message_is_broken_into_big_lines_at_spaces() {
        assert_eq!(wrap("Weiter um 14:30", 9), Some(vec!["Weiter um".to_string(), "14:30".to_string()]));
        assert_eq!(wrap("Mittagspause", 5), None);
        // 100 columns fit 6 full glyphs a line: three lines of 8 rows.
        let big = Big::new("Weiter um 14:30", Style::new());
        assert_eq!(big.layout(100, 28).0, Size::Scaled(1));
        assert_eq!(big.height(100, 28), 24);
        // With 20 rows, half-height glyphs (12 a line) take two lines of 4.
        assert_eq!(big.height(100, 20), 8);
    }

    #[test]
    fn a_message_of_thousands_of_words_falls_back_to_plain_text() {
        // 20,000 half-height lines of 4 rows would overflow a u16 count of rows.
        let long = "ab ".repeat(20_000);
        let big = Big::new(&long, Style::new());
        assert_eq!(big.layout(16, 55).0, Size::Plain);
        let text: String = rendered(&long, 16, 55).content.iter().map(|cell| cell.symbol()).collect();
        assert!(text.contains("ab ab"), "{text:?}");
    }
}
