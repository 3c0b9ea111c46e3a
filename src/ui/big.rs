//! Big text for the projection: tui-big-text's 8x8 glyphs, scaled up by whole
//! factors to the largest size that fits, down to half-height glyphs and
//! finally plain text on small terminals.

use super::format::wrap_words;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
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
    /// Half-height glyphs: 8 columns by 4 rows a character.
    Half,
    /// Quarter glyphs (two by two pixels a cell): 4 columns by 4 rows, for a
    /// long message that half-height glyphs cannot hold.
    Quarter,
    Plain,
}

impl Size {
    /// Rows between two lines: one pixel row, so a "g" does not touch the "F" below it.
    fn gap(self) -> u16 {
        match self {
            Size::Scaled(f) => f,
            Size::Half | Size::Quarter | Size::Plain => 1,
        }
    }

    /// Columns and rows one character takes.
    fn cell(self) -> (u16, u16) {
        match self {
            Size::Scaled(f) => (GLYPH * 2 * f, GLYPH * f),
            Size::Half => (GLYPH, GLYPH / 2),
            Size::Quarter => (GLYPH / 2, GLYPH / 2),
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
        let sizes = (1..=most).rev().map(Size::Scaled).chain([Size::Half, Size::Quarter]);
        for size in sizes {
            let (cell_width, _) = size.cell();
            // The count of lines checked before it becomes a u16: a long message
            // breaks into more lines than a u16 can count rows for.
            if let Some(lines) = wrap(self.text, usize::from(width / cell_width))
                && u16::try_from(lines.len()).is_ok_and(|count| block_height(size, count) <= height)
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
            (size, lines) => block_height(size, lines.len() as u16),
        }
    }
}

/// The rows `count` lines take at `size`, with the gaps between them.
fn block_height(size: Size, count: u16) -> u16 {
    size.cell().1.saturating_mul(count).saturating_add(size.gap().saturating_mul(count.saturating_sub(1)))
}

/// Breaks `text` at spaces into lines of at most `max` characters; `None`
/// when a single word is longer.
fn wrap(text: &str, max: usize) -> Option<Vec<String>> {
    if max == 0 {
        return None;
    }
    // A word longer than a line stands alone in its row: that size does not fit.
    let lines = wrap_words(text, max);
    lines.iter().all(|line| line.chars().count() <= max).then_some(lines)
}

impl Widget for &Big<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (size, lines) = self.layout(area.width, area.height);
        if size == Size::Plain {
            let total = self.height(area.width, area.height).min(area.height);
            let top = area.y + area.height.saturating_sub(total) / 2;
            // Styled where the text is, not across the padding (an underline would run the full width).
            let paragraph = Paragraph::new(Line::from(Span::styled(self.text, self.style)))
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true });
            paragraph.render(Rect { y: top, height: total, ..area }, buf);
            return;
        }
        for (c, cell) in placed(size, &lines, area) {
            draw_glyph(c, size, self.style, cell, buf);
        }
    }
}

/// Where each character of `lines` goes at `size` in `area`: lines centred
/// and spaced (so descenders keep clear of the next line's capitals), the
/// block centred vertically.
fn placed(size: Size, lines: &[String], area: Rect) -> Vec<(char, Rect)> {
    let (cell_width, cell_height) = size.cell();
    let gap = size.gap();
    let count = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let total = block_height(size, count).min(area.height);
    let mut top = area.y + area.height.saturating_sub(total) / 2;
    let mut cells = Vec::new();
    for line in lines {
        let width = line.chars().count() as u16 * cell_width;
        let mut left = area.x + area.width.saturating_sub(width) / 2;
        for c in line.chars() {
            let cell = Rect::new(left, top, cell_width, cell_height).intersection(area);
            cells.push((c, cell));
            left = left.saturating_add(cell_width);
        }
        top = top.saturating_add(cell_height + gap);
    }
    cells
}

/// Quadrant block characters by the pixels they fill: bit 0 upper left,
/// 1 upper right, 2 lower left, 3 lower right.
const QUADRANTS: [&str; 16] =
    [" ", "▘", "▝", "▀", "▖", "▌", "▞", "▛", "▗", "▚", "▐", "▜", "▄", "▙", "▟", "█"];

/// The character the font draws for `c`: typographic dashes and quotes become
/// their plain forms, which the 8x8 font has.
fn lookalike(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}' => '\'',
        '\u{00A0}' | '\u{202F}' => ' ',
        other => other,
    }
}

/// The 8x8 pixels of `c` (after [`lookalike`]); `None` when the font lacks it.
fn bitmap(c: char) -> Option<[[bool; 8]; 8]> {
    let area = Rect::new(0, 0, GLYPH, GLYPH);
    let mut drawn = Buffer::empty(area);
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .lines(vec![Line::from(lookalike(c).to_string())])
        .build()
        .render(area, &mut drawn);
    let mut pixels = [[false; 8]; 8];
    let mut any = false;
    for (y, row) in pixels.iter_mut().enumerate() {
        for (x, pixel) in row.iter_mut().enumerate() {
            *pixel = drawn[(x as u16, y as u16)].symbol() != " ";
            any |= *pixel;
        }
    }
    any.then_some(pixels)
}

/// Draws one character into its cell: the font's glyph scaled, or, for a
/// character the font lacks, the character itself in the cell's middle, so
/// nothing the facilitator typed goes missing.
fn draw_glyph(c: char, size: Size, style: Style, cell: Rect, buf: &mut Buffer) {
    if c.is_whitespace() {
        return;
    }
    let Some(pixels) = bitmap(c) else {
        let middle = Rect { y: cell.y + cell.height / 2, height: 1.min(cell.height), ..cell };
        Paragraph::new(c.to_string()).style(style).alignment(Alignment::Center).render(middle, buf);
        return;
    };
    match size {
        Size::Scaled(factor) => {
            for (y, row) in pixels.iter().enumerate() {
                for (x, on) in row.iter().enumerate() {
                    if !on {
                        continue;
                    }
                    let (x, y) = (x as u16, y as u16);
                    let pixel = Rect::new(cell.x + x * 2 * factor, cell.y + y * factor, 2 * factor, factor)
                        .intersection(cell);
                    buf.set_style(pixel, style);
                    for position in pixel.positions() {
                        buf[position].set_symbol("█");
                    }
                }
            }
        }
        // Two pixel rows per terminal row, one pixel a column.
        Size::Half => {
            for y in 0..GLYPH / 2 {
                for x in 0..GLYPH {
                    let upper = pixels[usize::from(y * 2)][usize::from(x)];
                    let lower = pixels[usize::from(y * 2 + 1)][usize::from(x)];
                    let symbol = match (upper, lower) {
                        (true, true) => "█",
                        (true, false) => "▀",
                        (false, true) => "▄",
                        (false, false) => continue,
                    };
                    let position = (cell.x + x, cell.y + y);
                    if cell.contains(position.into()) {
                        buf[position].set_symbol(symbol).set_style(style);
                    }
                }
            }
        }
        // Two by two pixels a cell, drawn with the quadrant block characters.
        Size::Quarter => {
            for y in 0..GLYPH / 2 {
                for x in 0..GLYPH / 2 {
                    let pixel = |dx: u16, dy: u16| pixels[usize::from(y * 2 + dy)][usize::from(x * 2 + dx)];
                    let index = usize::from(pixel(0, 0))
                        | usize::from(pixel(1, 0)) << 1
                        | usize::from(pixel(0, 1)) << 2
                        | usize::from(pixel(1, 1)) << 3;
                    if index == 0 {
                        continue;
                    }
                    let position = (cell.x + x, cell.y + y);
                    if cell.contains(position.into()) {
                        buf[position].set_symbol(QUADRANTS[index]).set_style(style);
                    }
                }
            }
        }
        Size::Plain => {}
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
    fn a_long_message_takes_quarter_glyphs_before_plain_text() {
        let long = "Schöne Grüße – zurück um 13:15 Uhr, Mittagessen im Foyer, Gepäck bitte an der Garderobe";
        assert_eq!(Big::new(long, Style::new()).layout(102, 25).0, Size::Quarter);
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
        // 100 columns fit 6 full glyphs a line: three lines of 8 rows, a row apart.
        let big = Big::new("Weiter um 14:30", Style::new());
        assert_eq!(big.layout(100, 28).0, Size::Scaled(1));
        assert_eq!(big.height(100, 28), 26);
        // With 20 rows, half-height glyphs (12 a line) take two lines of 4, a row apart.
        assert_eq!(big.height(100, 20), 9);
    }

    #[test]
    fn lines_keep_a_pixel_row_apart_so_descenders_do_not_touch() {
        // "g" over "F": the row between the two lines stays empty.
        let big = Big::new("Mittagessen Foyer", Style::new());
        let (size, lines) = big.layout(200, 40);
        assert_eq!((size, lines.len()), (Size::Scaled(1), 2));
        let buf = rendered("Mittagessen Foyer", 200, 40);
        let cells = placed(size, &lines, buf.area);
        let first_bottom = cells[0].1.bottom();
        let second_top = cells.last().map(|(_, cell)| cell.y).unwrap();
        assert_eq!(second_top - first_bottom, 1);
        let gap = Rect::new(0, first_bottom, 200, 1);
        assert!(gap.positions().all(|p| buf[p].symbol() == " "));
    }

    #[test]
    fn every_character_of_a_message_is_drawn_as_a_glyph_or_itself() {
        let short = "Schöne Grüße – zurück um 13:15 Uhr „Foyer“ € ✓ 😀";
        let long = "Schöne Grüße – zurück um 13:15 Uhr, Mittagessen im Foyer, Gepäck bitte an der Garderobe";
        let cases = [(80, 20), (200, 50), (320, 86), (1000, 30)].map(|size| (short, size));
        for (text, (width, height)) in cases.into_iter().chain([(long, (102, 25))]) {
            let buf = rendered(text, width, height);
            let (size, lines) = Big::new(text, Style::new()).layout(width, height);
            let screen: String = buf.content.iter().map(|cell| cell.symbol()).collect();
            if size == Size::Plain {
                assert!(text.split_whitespace().all(|word| screen.contains(word)), "{screen}");
                continue;
            }
            let cells = placed(size, &lines, buf.area);
            let placed_text: String = cells.iter().map(|(c, _)| *c).filter(|c| !c.is_whitespace()).collect();
            assert_eq!(placed_text, text.split_whitespace().collect::<String>(), "{width}x{height}");
            for (c, cell) in cells.iter().filter(|(c, _)| !c.is_whitespace()) {
                assert!(
                    cell.positions().any(|p| buf[p].symbol() != " "),
                    "{c:?} left blank at {width}x{height} ({size:?})"
                );
            }
        }
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
