//! Text that leaves moderato (the terminal, documents, CSV files, calendars)
//! carries no control characters: nothing from a plan or a log can drive a
//! terminal (an escape sequence writing the clipboard), hide or reorder text
//! behind a bidirectional override, or break a table's line.

/// Whether `c` must never leave moderato as it is: C0 and C1 controls, DEL,
/// and the bidirectional marks, embeddings, overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `c` ends or separates a line (or is a tab): it becomes a space, not nothing.
fn breaks(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `text` on one line: line breaks and tabs become spaces, every other
/// unsafe character is left out.
pub fn one_line(text: &str) -> String {
    text.chars().filter_map(|c| if breaks(c) { Some(' ') } else { (!is_unsafe(c)).then_some(c) }).collect()
}

/// `text` with its line breaks kept as `\n` (a `\r\n` counts as one), tabs
/// and other breaks as spaces, every other unsafe character left out.
pub fn lines(text: &str) -> String {
    text.replace("\r\n", "\n").split('\n').map(one_line).collect::<Vec<_>>().join("\n")
}

/// Text as HTML shows it literally: a participant named `<script>` is a name.
/// The one escape of every page moderato writes (agenda, export, serve).
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_overrides_are_left_out_and_breaks_become_spaces() {
        let hostile = "a\u{1b}]52;c;aGk=\u{07}b\u{202e}c\u{9b}d\u{7f}e\tf\ng\r\nh\u{2066}i";
        assert_eq!(one_line(hostile), "a]52;c;aGk=bcde f g  hi");
        assert_eq!(lines(hostile), "a]52;c;aGk=bcde f\ng\nhi");
        assert!(one_line(hostile).chars().all(|c| !is_unsafe(c)));
        assert_eq!(one_line("Größe „ändern“ – 20 min"), "Größe „ändern“ – 20 min");
    }
}
