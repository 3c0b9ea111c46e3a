//! How times and durations read on screen.

use chrono::TimeDelta;

use crate::core::Timestamp;
use crate::i18n::Label;
use crate::plan::BlockKind;

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

/// `HH:MM` in the timestamp's own offset (the room's local time).
pub fn clock(at: Timestamp) -> String {
    at.format("%H:%M").to_string()
}

pub fn kind_label(kind: BlockKind) -> Label {
    match kind {
        BlockKind::Impulse => Label::KindImpulse,
        BlockKind::Discussion => Label::KindDiscussion,
        BlockKind::Consultation => Label::KindConsultation,
        BlockKind::Reflection => Label::KindReflection,
        BlockKind::Exchange => Label::KindExchange,
        BlockKind::Break => Label::KindBreak,
        BlockKind::Visit => Label::KindVisit,
        BlockKind::Custom => Label::KindCustom,
    }
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
}
