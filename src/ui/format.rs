//! How times and durations read on screen.

use chrono::TimeDelta;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::core::Timestamp;

/// A countdown: `12:34`, `1:02:03` over an hour, `+02:15` in overtime.
pub fn timer(remaining: TimeDelta) -> String {
    let over = remaining < TimeDelta::zero();
    // Count up in overtime, count down otherwise, both in whole seconds shown.
    let secs = if over { -remaining.num_seconds() } else { (remaining.num_milliseconds() + 999) / 1000 };
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    let sign = if over { "+" } else { "" };
    if hours > 0 {
        format!("{sign}{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{sign}{minutes:02}:{seconds:02}")
    }
}

/// Time spent, in whole seconds passed: `01:05`, `1:02:03`.
pub fn elapsed(spent: TimeDelta) -> String {
    let secs = spent.num_seconds().max(0);
    let (hours, minutes, seconds) = (secs / 3600, secs / 60 % 60, secs % 60);
    if hours > 0 {
        format!("{hours}:{minutes:02}:{seconds:02}")
    } else {
        format!("{minutes:02}:{seconds:02}")
    }
}

/// At most `max` columns on screen, with an ellipsis when cut. The cut falls
/// between grapheme clusters, never inside one: half an emoji with joiners
/// (👩‍💻), half a flag (🇩🇪) or a letter without its accent would show as
/// something else, or glue the ellipsis to a joiner.
pub fn shorten(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    // The ellipsis takes the last column.
    let room = max.saturating_sub(1);
    let mut kept = String::new();
    let mut width = 0;
    for grapheme in text.graphemes(true) {
        width += grapheme.width();
        if width > room {
            break;
        }
        kept.push_str(grapheme);
    }
    if max == 0 {
        return kept;
    }
    format!("{}…", kept.trim_end())
}

/// `HH:MM` in the timestamp's own offset (the room's local time).
pub fn clock(at: Timestamp) -> String {
    at.format("%H:%M").to_string()
}

/// Words joined into rows of at most `width` columns (a longer word stands alone).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match rows.last_mut() {
            Some(row) if row.chars().count() + 1 + word.chars().count() <= width => {
                row.push(' ');
                row.push_str(word);
            }
            Some(_) | None => rows.push(word.to_string()),
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countdowns_round_up_and_overtime_counts_up() {
        assert_eq!(timer(TimeDelta::milliseconds(754_200)), "12:35");
        assert_eq!(timer(TimeDelta::seconds(754)), "12:34");
        assert_eq!(timer(TimeDelta::zero()), "00:00");
        assert_eq!(timer(TimeDelta::milliseconds(-400)), "+00:00");
        assert_eq!(timer(TimeDelta::seconds(-135)), "+02:15");
        assert_eq!(timer(TimeDelta::seconds(3723)), "1:02:03");
        assert_eq!(timer(TimeDelta::seconds(-3723)), "+1:02:03");
    }

    #[test]
    fn time_spent_counts_whole_seconds_passed() {
        assert_eq!(elapsed(TimeDelta::milliseconds(3900)), "00:03");
        assert_eq!(elapsed(TimeDelta::seconds(3723)), "1:02:03");
    }

    #[test]
    fn long_names_get_an_ellipsis() {
        assert_eq!(shorten("Prof. Dr. Matthias Lorenzen", 16), "Prof. Dr. Matth…");
        assert_eq!(shorten("Anna", 16), "Anna");
    }

    #[rstest::rstest]
    #[case::emoji_with_joiners("ab👩\u{200d}💻👩\u{200d}💻", 4, "ab…")]
    #[case::whole_emoji_kept("ab👩\u{200d}💻👩\u{200d}💻", 5, "ab👩\u{200d}💻…")]
    #[case::flag("ab🇩🇪🇩🇪", 4, "ab…")]
    #[case::flag_kept("ab🇩🇪🇩🇪", 5, "ab🇩🇪…")]
    #[case::combining_accent("cafe\u{301}s!", 5, "cafe\u{301}…")]
    #[case::accent_stays_with_its_letter("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}…")]
    #[case::family("👨\u{200d}👩\u{200d}👧\u{200d}👦 Team", 4, "👨\u{200d}👩\u{200d}👧\u{200d}👦…")]
    #[case::wide_letters("ＷＩＤＥ", 6, "ＷＩ…")]
    #[case::fits_by_columns_not_chars("👩\u{200d}💻🇩🇪e\u{301}", 5, "👩\u{200d}💻🇩🇪e\u{301}")]
    #[case::no_room("Anna", 0, "")]
    #[case::only_the_ellipsis("Anna", 1, "…")]
    fn cuts_fall_between_grapheme_clusters(#[case] text: &str, #[case] max: usize, #[case] expected: &str) {
        let short = shorten(text, max);
        assert_eq!(short, expected);
        assert!(short.width() <= max, "{short:?} is {} columns", short.width());
        // Every cluster kept is one of the original's, whole.
        let original: Vec<&str> = text.graphemes(true).collect();
        for grapheme in short.trim_end_matches('…').graphemes(true) {
            assert!(original.contains(&grapheme), "{grapheme:?} is not a cluster of {text:?}");
        }
    }
}
