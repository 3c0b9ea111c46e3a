//! The planned clock times of a station's agenda, before anything has happened.

use super::model::{Station, minute_of_day};

/// When a block is planned to run, in minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedSlot {
    pub start: u32,
    pub end: u32,
}

/// Blocks follow each other from the station's start; a block with a fixed
/// start begins exactly then, leaving a gap before it (or, in a plan that
/// `check` rejects, overlapping the block before).
pub fn planned_slots(station: &Station) -> Vec<PlannedSlot> {
    let mut cursor = minute_of_day(station.start);
    station
        .blocks
        .iter()
        .map(|block| {
            let start = block.fixed_start.map_or(cursor, minute_of_day);
            // Saturating: a log's copy of the plan has not been through `check`.
            let end = start.saturating_add(block.minutes);
            cursor = end;
            PlannedSlot { start, end }
        })
        .collect()
}
