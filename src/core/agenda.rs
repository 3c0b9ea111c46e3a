//! Planned against actual: when each block starts now that the day has
//! happened as it has, how much pinned blocks squeeze the blocks before them,
//! and how far the day drifts from its plan.

use chrono::TimeDelta;

use super::Timestamp;
use super::event::AnchorMode;
use super::session::{BlockState, Session};
use super::timer::later;
use crate::plan::minute_of_day;

/// One block of the agenda with its times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Where the original plan put it (none for blocks inserted later).
    pub planned_start: Option<Timestamp>,
    /// Actual for blocks that ran, expected for the rest.
    pub start: Timestamp,
    pub end: Timestamp,
    /// For a block with a fixed start: how much the blocks before it must give up to meet it.
    pub squeeze: TimeDelta,
}

impl Row {
    /// The squeeze in whole minutes, when it is worth showing: under half a
    /// minute it rounds to 0 and "0 min short" would only alarm. The console
    /// shows a squeeze (header and agenda) only when this is `Some`.
    pub fn squeeze_minutes(&self) -> Option<i64> {
        Some(round_minutes(self.squeeze)).filter(|minutes| *minutes > 0)
    }
}

/// The agenda as it now stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Projection {
    /// One row per agenda item, in agenda order.
    pub rows: Vec<Row>,
    pub planned_end: Timestamp,
    pub expected_end: Timestamp,
    /// Expected minus planned end once the station has started; positive is behind.
    pub drift: Option<TimeDelta>,
    /// How far the day runs behind its plan once the station has started
    /// (positive is behind): at the next fixed start, how late the blocks
    /// before it would arrive if nothing were cut; without a fixed start
    /// ahead, the drift of the day's end. A pin that squeezes the blocks
    /// before it hides lateness from the end of the day, never from this.
    pub behind: Option<TimeDelta>,
}

/// Projects the agenda at `now`: finished blocks at their actual times, the
/// current block ending when its timer runs out (or now, in overtime), and
/// upcoming blocks one after another from there, never earlier than `now`.
/// A block with a fixed start stays pinned; when the blocks before it run
/// late they are shortened proportionally to meet it. Planned times are the
/// plan's wall clock on the station's day, blocks take elapsed time (see
/// [`Session::plan_later`]). All instants are computed with [`later`] or
/// through it, so absurd durations from a log saturate instead of panicking.
pub fn project(session: &Session, now: Timestamp) -> Projection {
    let base = session.anchor.map_or_else(|| session.planned_instant(now), |anchor| anchor.start);
    // Planned times: the plan's wall clock on the station's day, elapsed
    // minutes in a rehearsal (see `Session::plan_later`).
    let mode = session.anchor.map_or(AnchorMode::Planned, |anchor| anchor.mode);
    let planned = |minutes: u32| session.plan_later(base, i64::from(minutes), mode);
    // Fixed starts keep their clock time on the real day, even after a
    // re-anchoring; a rehearsal on another day shifts them with everything.
    let shifted = session.anchor.filter(|anchor| anchor.mode == AnchorMode::Shifted);
    let station_start = i64::from(minute_of_day(session.planned_start));
    // How late the blocks before the first fixed start ahead would arrive there.
    let mut late_at_pin: Option<TimeDelta> = None;
    let started = session.is_started();
    let mut rows: Vec<Row> = Vec::with_capacity(session.agenda.len());
    let mut cursor = base;
    // The first row of the current run of movable upcoming blocks, which a pin may squeeze.
    let mut movable_from: Option<usize> = None;
    for item in &session.agenda {
        let planned_start = session.planned_offsets.get(&item.block.id).map(|offset| planned(*offset));
        let length = TimeDelta::minutes(i64::from(item.block.minutes));
        let mut squeeze = TimeDelta::zero();
        let (start, end) = match item.state {
            BlockState::Done | BlockState::Skipped => {
                let start = item.started_at.unwrap_or(cursor);
                (start, item.ended_at.unwrap_or(start).max(start))
            }
            BlockState::Current => {
                let start = item.started_at.unwrap_or(now);
                (start, later(now, item.timer.remaining(now).max(TimeDelta::zero())))
            }
            BlockState::Upcoming => {
                let earliest = if started { cursor.max(now) } else { cursor };
                match item.block.fixed_start {
                    Some(fixed) => {
                        let pin = match shifted {
                            Some(anchor) => session.plan_later(
                                anchor.start,
                                i64::from(minute_of_day(fixed)) - station_start,
                                anchor.mode,
                            ),
                            None => session.clock_instant(minute_of_day(fixed), now),
                        };
                        if late_at_pin.is_none() {
                            // Planned arrival: where the plan ended the block before the pin.
                            let planned_arrival = rows
                                .len()
                                .checked_sub(1)
                                .and_then(|before| session.agenda.get(before))
                                .and_then(|before| session.planned_ends.get(&before.block.id))
                                .map_or(pin, |end| planned(*end));
                            late_at_pin = Some(earliest - planned_arrival.min(pin));
                        }
                        // The blocks before can shrink to nothing, not less: a pin
                        // already passed starts when they could at the earliest.
                        let floor =
                            movable_from.and_then(|from| rows.get(from)).map_or(earliest, |row| row.start);
                        let start = pin.max(floor);
                        squeeze = (earliest - start).max(TimeDelta::zero());
                        if let Some(from) = movable_from {
                            squeeze_into(&mut rows[from..], start);
                        }
                        (start, later(start, length))
                    }
                    None => (earliest, later(earliest, length)),
                }
            }
        };
        let movable = item.state == BlockState::Upcoming && item.block.fixed_start.is_none();
        movable_from = match (movable, movable_from) {
            (true, None) => Some(rows.len()),
            (true, from) => from,
            (false, _) => None,
        };
        cursor = end;
        rows.push(Row { planned_start, start, end, squeeze });
    }
    let planned_end = planned(session.planned_length);
    let expected_end = rows.last().map_or(cursor, |row| row.end);
    let drift = expected_end - planned_end;
    // Shown in the station's zone, also the instants a log recorded with
    // another offset (a laptop set to another zone, an older version).
    let local = |at: Timestamp| session.zone.map_or(at, |zone| zone.at(at));
    for row in &mut rows {
        row.planned_start = row.planned_start.map(local);
        row.start = local(row.start);
        row.end = local(row.end);
    }
    Projection {
        rows,
        planned_end: local(planned_end),
        expected_end: local(expected_end),
        drift: started.then_some(drift),
        behind: started.then(|| late_at_pin.unwrap_or(drift)),
    }
}

/// Shortens consecutive rows proportionally so that the last one ends at `pin`.
fn squeeze_into(rows: &mut [Row], pin: Timestamp) {
    let Some(first) = rows.first().map(|row| row.start) else { return };
    let Some(last) = rows.last().map(|row| row.end) else { return };
    if last <= pin {
        return;
    }
    let needed = i128::from((last - first).num_seconds());
    let available = i128::from((pin - first).num_seconds().max(0));
    let mut cursor = first;
    for row in rows.iter_mut() {
        let length = i128::from((row.end - row.start).num_seconds());
        // In i128: the product of two spans of centuries does not fit an i64.
        let scaled = if needed > 0 { length * available / needed } else { 0 };
        row.start = cursor;
        row.end = later(cursor, TimeDelta::seconds(i64::try_from(scaled).unwrap_or(0)));
        cursor = row.end;
    }
}

/// A duration in whole minutes, rounded to the nearest (half a minute rounds away from zero).
pub fn round_minutes(drift: TimeDelta) -> i64 {
    let secs = drift.num_seconds();
    (secs + secs.signum() * 30) / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::command::Command;
    use crate::core::event::Envelope;
    use crate::plan::parse;
    use chrono::DateTime;
    use uuid::Uuid;

    const PLAN: &str = r#"
id = "j"
title = "J"
[[stations]]
id = "s"
title = "S"
date = "2022-11-28"
start = "09:00"
end = "13:30"
place = "Raum"
format = "in-person"
[[stations.blocks]]
kind = "impulse"
title = "Begrüßung"
duration = "20m"
[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "40m"
[[stations.blocks]]
kind = "break"
title = "Kaffee"
duration = "20m"
[[stations.blocks]]
kind = "custom"
title = "Arbeit"
duration = "2h10m"
[[stations.blocks]]
kind = "break"
title = "Mittag"
duration = "1h"
fixed_start = "12:30"
"#;

    fn at(time: &str) -> Timestamp {
        DateTime::parse_from_rfc3339(&format!("2022-11-28T{time}:00+01:00")).unwrap()
    }

    fn session() -> Session {
        let (journey, _) = parse(PLAN).unwrap();
        Session::new(&journey.stations[0], &journey.participants)
    }

    /// Runs commands at the given times through decide and apply.
    fn run(session: &mut Session, steps: &[(&str, Command)]) {
        for (time, command) in steps {
            let now = at(time);
            for event in session.decide(command, now).unwrap() {
                let envelope = Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: now, event };
                session.apply(&envelope);
            }
        }
    }

    fn clock(time: Timestamp) -> String {
        time.format("%H:%M").to_string()
    }

    #[test]
    fn before_the_start_the_plan_is_shown_as_planned() {
        let projection = project(&session(), at("08:40"));
        let starts: Vec<String> = projection.rows.iter().map(|row| clock(row.start)).collect();
        assert_eq!(starts, ["09:00", "09:20", "10:00", "10:20", "12:30"]);
        assert_eq!(projection.drift, None);
        assert_eq!(clock(projection.planned_end), "13:30");
    }

    #[test]
    fn starting_late_on_the_planned_day_is_behind() {
        let mut session = session();
        run(&mut session, &[("09:10", Command::StartPause)]);
        let projection = project(&session, at("09:10"));
        assert_eq!(clock(projection.rows[0].start), "09:10");
        assert_eq!(clock(projection.rows[1].start), "09:30");
        assert_eq!(projection.rows[1].planned_start.map(clock).as_deref(), Some("09:20"));
        // The pinned lunch absorbs the delay: the day still ends as planned.
        assert_eq!(clock(projection.expected_end), "13:30");
        assert_eq!(clock(projection.rows[4].start), "12:30");
    }

    #[test]
    fn an_overrun_block_pushes_the_rest_and_shortening_a_later_one_recovers() {
        let (journey, _) = parse(&PLAN.replace("fixed_start = \"12:30\"\n", "")).unwrap();
        let mut session = Session::new(&journey.stations[0], &journey.participants);
        run(&mut session, &[("09:00", Command::StartPause), ("09:25", Command::NextBlock)]);
        let projection = project(&session, at("09:25"));
        assert_eq!(projection.drift.map(round_minutes), Some(5));
        assert_eq!(clock(projection.expected_end), "13:35");
        assert_eq!(clock(projection.planned_end), "13:30");

        run(&mut session, &[("09:26", Command::AdjustTime { block: "b3".into(), minutes: -5 })]);
        let projection = project(&session, at("09:26"));
        assert_eq!(projection.drift.map(round_minutes), Some(0));
    }

    #[test]
    fn a_pinned_block_squeezes_the_blocks_before_it() {
        let mut session = session();
        // The impulse runs 4 minutes long.
        run(&mut session, &[("09:00", Command::StartPause), ("09:20", Command::NextBlock)]);
        let projection = project(&session, at("10:04"));
        let lunch = projection.rows[4];
        assert_eq!(clock(lunch.start), "12:30");
        assert_eq!(lunch.squeeze, TimeDelta::minutes(4));
        // Coffee and work share the squeeze and end exactly at the pin.
        assert_eq!(clock(projection.rows[2].start), "10:04");
        assert_eq!(projection.rows[3].end, lunch.start);
        assert!(projection.rows[2].end - projection.rows[2].start < TimeDelta::minutes(20));
        assert_eq!(projection.drift.map(round_minutes), Some(0));
    }

    #[test]
    fn a_fixed_start_already_passed_starts_when_it_can_and_the_day_runs_late() {
        let mut session = session();
        // The long work block is still running at 12:40, ten minutes past the lunch pin.
        run(
            &mut session,
            &[
                ("09:00", Command::StartPause),
                ("09:20", Command::NextBlock),
                ("10:00", Command::NextBlock),
                ("10:20", Command::NextBlock),
            ],
        );
        let projection = project(&session, at("12:40"));
        let lunch = projection.rows[4];
        assert_eq!(clock(lunch.start), "12:40");
        assert_eq!(lunch.squeeze, TimeDelta::zero());
        assert_eq!(projection.drift.map(round_minutes), Some(10));
    }

    #[test]
    fn blocks_before_a_pin_shrink_to_nothing_but_not_less() {
        let mut session = session();
        // At 12:25 the coffee break (20 min) and the work block (2h10m) are still to come.
        run(&mut session, &[("09:00", Command::StartPause), ("09:20", Command::NextBlock)]);
        let projection = project(&session, at("12:25"));
        let lunch = projection.rows[4];
        assert_eq!(clock(lunch.start), "12:30");
        assert_eq!(projection.rows[3].end, lunch.start);
        assert!(projection.rows.iter().all(|row| row.end >= row.start));
    }

    #[test]
    fn a_rehearsal_shifts_the_plan_to_its_start() {
        let mut session = session();
        let rehearsal = DateTime::parse_from_rfc3339("2026-11-25T19:03:00+01:00").unwrap();
        for event in session.decide(&Command::StartPause, rehearsal).unwrap() {
            session.apply(&Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: rehearsal, event });
        }
        let projection = project(&session, rehearsal);
        assert_eq!(clock(projection.rows[1].start), "19:23");
        assert_eq!(clock(projection.rows[4].start), "22:33");
        assert_eq!(session.anchor.map(|anchor| anchor.mode), Some(crate::core::event::AnchorMode::Shifted));
        assert_eq!(projection.drift.map(round_minutes), Some(0));
    }

    #[test]
    fn a_squeeze_under_half_a_minute_is_not_worth_showing() {
        let row = |secs| Row {
            planned_start: None,
            start: at("09:00"),
            end: at("09:00"),
            squeeze: TimeDelta::seconds(secs),
        };
        assert_eq!(row(0).squeeze_minutes(), None);
        assert_eq!(row(29).squeeze_minutes(), None);
        assert_eq!(row(30).squeeze_minutes(), Some(1));
        assert_eq!(row(150).squeeze_minutes(), Some(3));
    }

    #[test]
    fn absurd_durations_from_a_log_do_not_panic_the_projection() {
        let mut session = session();
        run(&mut session, &[("09:00", Command::StartPause)]);
        for seq in 0..200 {
            let event = crate::core::event::Event::BlockExtended { block: "b2".into(), minutes: u32::MAX };
            let envelope =
                Envelope { id: Uuid::nil(), seq: session.last_seq + 1 + seq, at: at("09:01"), event };
            session.apply(&envelope);
        }
        let huge = crate::core::event::Event::BlockExtended { block: "b1".into(), minutes: u32::MAX };
        session.apply(&Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: at("09:02"), event: huge });
        let projection = project(&session, at("09:03"));
        assert!(projection.expected_end > projection.planned_end);
        assert!(projection.rows.iter().all(|row| row.end >= row.start));
    }

    #[test]
    fn drift_rounds_to_the_nearest_minute() {
        assert_eq!(round_minutes(TimeDelta::seconds(29)), 0);
        assert_eq!(round_minutes(TimeDelta::seconds(31)), 1);
        assert_eq!(round_minutes(TimeDelta::seconds(-91)), -2);
        assert_eq!(round_minutes(TimeDelta::zero()), 0);
    }

    fn adjust(block: usize, minutes: i64) -> Command {
        let (journey, _) = parse(PLAN).unwrap();
        Command::AdjustTime { block: journey.stations[0].blocks[block].id.clone(), minutes }
    }

    #[test]
    fn a_late_day_is_late_even_when_a_pin_squeezes_it_back_on_time() {
        let mut session = session();
        // 116 minutes late; lunch at 12:30 is fixed, so the day's end looks on time.
        run(&mut session, &[("10:56", Command::StartPause)]);
        let projection = project(&session, at("10:57"));
        assert_eq!(projection.drift.map(round_minutes), Some(0), "the end of the day is pinned");
        assert_eq!(projection.behind.map(round_minutes), Some(116));
        assert_eq!(projection.rows[4].squeeze_minutes(), Some(116), "and that much must be cut before lunch");
    }

    #[test]
    fn five_minutes_behind_until_the_coffee_break_gives_them_back() {
        let mut session = session();
        run(&mut session, &[("09:00", Command::StartPause), ("09:25", Command::NextBlock)]);
        assert_eq!(project(&session, at("09:26")).behind.map(round_minutes), Some(5));
        run(&mut session, &[("09:27", adjust(2, -5))]);
        assert_eq!(project(&session, at("09:28")).behind.map(round_minutes), Some(0));
    }

    #[test]
    fn re_anchoring_on_the_real_day_moves_the_flexible_blocks_only() {
        let mut session = session();
        run(&mut session, &[("09:00", Command::StartPause), ("09:35", Command::NextBlock)]);
        run(&mut session, &[("09:36", Command::Reanchor)]);
        let projection = project(&session, at("09:37"));
        // The impulse is on time by the new anchor; lunch stays at 12:30.
        assert_eq!(projection.rows[1].planned_start.map(clock), Some("09:35".to_string()));
        assert_eq!(clock(projection.rows[4].start), "12:30");
    }
}
