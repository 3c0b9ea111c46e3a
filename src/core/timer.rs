//! A block's clock, derived from the instants it was started, paused and
//! resumed and the current wall-clock time, never from counting ticks.

use chrono::TimeDelta;

use super::Timestamp;

/// The time budget of a block and how much of it has run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timer {
    budget: TimeDelta,
    /// Time run in earlier stretches, before the latest pause.
    banked: TimeDelta,
    /// When the current stretch began, if the timer runs.
    running_since: Option<Timestamp>,
}

impl Timer {
    /// A stopped timer with `budget` to spend.
    pub fn new(budget: TimeDelta) -> Timer {
        Timer { budget, banked: TimeDelta::zero(), running_since: None }
    }

    /// Starts or resumes the timer at `at`; a running timer keeps its stretch.
    pub fn run(&mut self, at: Timestamp) {
        if self.running_since.is_none() {
            self.running_since = Some(at);
        }
    }

    /// Pauses at `at`, banking the stretch that ends there.
    pub fn pause(&mut self, at: Timestamp) {
        if let Some(since) = self.running_since.take() {
            self.banked = saturating_add(self.banked, stretch(since, at));
        }
    }

    /// Gives the block more (positive) or less (negative) time. Saturating:
    /// a log may hold absurd extensions, and replaying it must not panic.
    pub fn adjust(&mut self, delta: TimeDelta) {
        self.budget = saturating_add(self.budget, delta);
    }

    pub fn is_running(&self) -> bool {
        self.running_since.is_some()
    }

    pub fn budget(&self) -> TimeDelta {
        self.budget
    }

    /// How long the timer has run by `now`. A clock set back never makes it negative.
    pub fn elapsed(&self, now: Timestamp) -> TimeDelta {
        saturating_add(self.banked, self.running_since.map_or(TimeDelta::zero(), |since| stretch(since, now)))
    }

    /// Time left at `now`; negative once the block runs over.
    pub fn remaining(&self, now: Timestamp) -> TimeDelta {
        self.budget.checked_sub(&self.elapsed(now)).unwrap_or(TimeDelta::MIN)
    }

    /// How far over its budget the block is at `now`, if it is.
    pub fn overtime(&self, now: Timestamp) -> Option<TimeDelta> {
        let remaining = self.remaining(now);
        (remaining < TimeDelta::zero()).then(|| -remaining)
    }
}

/// How a timer looks at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum TimerState {
    Running,
    /// Running, with no more than the block's warning time left.
    LastMinutes,
    /// Running past its budget.
    Overtime,
    Paused,
}

impl Timer {
    /// The timer's state at `now`, turning to last minutes `warn_before` the end.
    pub fn state(&self, now: Timestamp, warn_before: TimeDelta) -> TimerState {
        let remaining = self.remaining(now);
        if !self.is_running() {
            TimerState::Paused
        } else if remaining < TimeDelta::zero() {
            TimerState::Overtime
        } else if remaining <= warn_before {
            TimerState::LastMinutes
        } else {
            TimerState::Running
        }
    }

    /// Time until what the timer shows next changes: the next whole second of elapsed time.
    pub fn until_next_second(&self, now: Timestamp) -> Option<TimeDelta> {
        let elapsed_ms = self.elapsed(now).num_milliseconds();
        self.is_running().then(|| TimeDelta::milliseconds(1000 - elapsed_ms.rem_euclid(1000)))
    }
}

fn stretch(from: Timestamp, to: Timestamp) -> TimeDelta {
    (to - from).max(TimeDelta::zero())
}

/// `a + b`, held at the largest or smallest duration instead of panicking.
pub fn saturating_add(a: TimeDelta, b: TimeDelta) -> TimeDelta {
    a.checked_add(&b).unwrap_or(if b < TimeDelta::zero() { TimeDelta::MIN } else { TimeDelta::MAX })
}

/// `at + delta`, held at the last (or first) instant moderato shows instead
/// of panicking when an absurd duration from a log runs past chrono's range.
/// The limits keep a day's margin inside that range, so every UTC offset
/// can still show them: a sum that lands inside the margin is held too, as
/// its local date (`date_naive`, `format`) would not exist.
pub fn later(at: Timestamp, delta: TimeDelta) -> Timestamp {
    use chrono::{NaiveDateTime, TimeZone};
    let margin = TimeDelta::days(1);
    let first = NaiveDateTime::MIN.checked_add_signed(margin).unwrap_or(NaiveDateTime::MIN);
    let last = NaiveDateTime::MAX.checked_sub_signed(margin).unwrap_or(NaiveDateTime::MAX);
    let utc = match at.naive_utc().checked_add_signed(delta) {
        Some(sum) => sum.clamp(first, last),
        None if delta < TimeDelta::zero() => first,
        None => last,
    };
    at.offset().from_utc_datetime(&utc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn at(text: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2022-11-28T{text}+01:00")).unwrap()
    }

    #[test]
    fn a_running_timer_counts_wall_clock_time() {
        let mut timer = Timer::new(TimeDelta::minutes(45));
        timer.run(at("09:00:00"));
        assert_eq!(timer.remaining(at("09:10:30")), TimeDelta::seconds(34 * 60 + 30));
        assert_eq!(timer.overtime(at("09:44:59")), None);
        assert_eq!(timer.overtime(at("09:47:15")), Some(TimeDelta::seconds(135)));
    }

    #[test]
    fn a_pause_stops_the_clock_and_a_resume_continues_it() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        timer.run(at("09:00:00"));
        timer.pause(at("09:04:00"));
        assert!(!timer.is_running());
        assert_eq!(timer.elapsed(at("09:30:00")), TimeDelta::minutes(4));
        timer.run(at("09:30:00"));
        assert_eq!(timer.elapsed(at("09:31:00")), TimeDelta::minutes(5));
        assert_eq!(timer.remaining(at("09:31:00")), TimeDelta::minutes(5));
    }

    #[test]
    fn repeated_run_and_pause_are_harmless() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        timer.run(at("09:00:00"));
        timer.run(at("09:05:00"));
        timer.pause(at("09:06:00"));
        timer.pause(at("09:08:00"));
        assert_eq!(timer.elapsed(at("09:20:00")), TimeDelta::minutes(6));
    }

    #[test]
    fn extending_and_shortening_move_the_budget() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        timer.run(at("09:00:00"));
        timer.adjust(TimeDelta::minutes(5));
        timer.adjust(TimeDelta::minutes(-1));
        assert_eq!(timer.budget(), TimeDelta::minutes(14));
        assert_eq!(timer.overtime(at("09:15:00")), Some(TimeDelta::minutes(1)));
    }

    #[test]
    fn a_clock_set_back_does_not_run_the_timer_backwards() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        timer.run(at("09:00:00"));
        assert_eq!(timer.elapsed(at("08:59:00")), TimeDelta::zero());
    }

    #[test]
    fn the_state_shows_last_minutes_overtime_and_pause() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        let warn = TimeDelta::minutes(2);
        timer.run(at("09:00:00"));
        assert_eq!(timer.state(at("09:07:59"), warn), TimerState::Running);
        assert_eq!(timer.state(at("09:08:00"), warn), TimerState::LastMinutes);
        assert_eq!(timer.state(at("09:10:00"), warn), TimerState::LastMinutes);
        assert_eq!(timer.state(at("09:10:01"), warn), TimerState::Overtime);
        timer.pause(at("09:11:00"));
        assert_eq!(timer.state(at("09:12:00"), warn), TimerState::Paused);
    }

    #[test]
    fn the_next_wake_is_the_next_whole_second_of_the_timer() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        assert_eq!(timer.until_next_second(at("09:00:00")), None);
        timer.run(DateTime::parse_from_rfc3339("2022-11-28T09:00:00.250+01:00").unwrap());
        assert_eq!(timer.until_next_second(at("09:00:03")), Some(TimeDelta::milliseconds(250)));
    }

    #[test]
    fn absurd_extensions_saturate_instead_of_panicking() {
        let mut timer = Timer::new(TimeDelta::minutes(10));
        timer.run(at("09:00:00"));
        for _ in 0..100_000 {
            timer.adjust(TimeDelta::minutes(i64::from(u32::MAX)));
        }
        assert_eq!(timer.budget(), TimeDelta::MAX);
        assert!(timer.remaining(at("10:00:00")) > TimeDelta::zero());
        let mut short = Timer::new(TimeDelta::MIN);
        short.run(at("09:00:00"));
        assert_eq!(short.remaining(at("10:00:00")), TimeDelta::MIN);
        assert!(short.overtime(at("10:00:00")).is_some());
    }

    #[test]
    fn an_instant_past_the_calendar_is_held_at_its_end() {
        let end = later(at("09:00:00"), TimeDelta::MAX);
        assert!(end > at("09:00:00"));
        assert_eq!(later(end, TimeDelta::MAX), end);
        assert_eq!(later(end, TimeDelta::days(3)), end);
        let start = later(at("09:00:00"), TimeDelta::MIN);
        assert!(start < at("09:00:00"));
        assert_eq!(later(at("09:00:00"), TimeDelta::minutes(5)), at("09:05:00"));
        assert_eq!(end.format("%H:%M").to_string().len(), 5);
    }

    #[test]
    fn an_instant_near_the_calendar_edge_keeps_a_local_date_in_every_offset() {
        let west = chrono::FixedOffset::west_opt(12 * 3600).unwrap();
        let first = later(at("09:00:00").with_timezone(&west), TimeDelta::MIN);
        // A step back that does not overflow in UTC would leave the local time
        // before the calendar's first day, where `date_naive` panics.
        let stepped = later(first, TimeDelta::hours(-13));
        assert_eq!(stepped, first);
        assert_eq!(stepped.date_naive(), first.date_naive());
        let east = chrono::FixedOffset::east_opt(14 * 3600).unwrap();
        let last = later(at("09:00:00").with_timezone(&east), TimeDelta::MAX);
        assert_eq!(later(last, TimeDelta::hours(15)), last);
        assert_eq!(later(last, TimeDelta::hours(15)).format("%H:%M").to_string().len(), 5);
    }

    #[test]
    fn time_survives_a_suspended_laptop() {
        let mut timer = Timer::new(TimeDelta::minutes(45));
        timer.run(at("12:30:00"));
        // The lid was closed for 40 minutes; wall-clock time kept counting.
        assert_eq!(timer.remaining(at("13:10:00")), TimeDelta::minutes(5));
    }
}
