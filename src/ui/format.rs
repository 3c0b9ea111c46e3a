//! How times and durations read on screen.

use chrono::TimeDelta;

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

/// At most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let kept: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// `HH:MM` in the timestamp's own offset (the room's local time).
pub fn clock(at: Timestamp) -> String {
    at.format("%H:%M").to_string()
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
}
