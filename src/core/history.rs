//! What the journey's earlier stations recorded, for the methods that are
//! fair or varied across the whole journey: who has already had which
//! consultation role, who has already been in a group with whom. It is read
//! from their logs when a station opens (never written to them) and handed to
//! the console and to `moderato groups`.

use chrono::NaiveDate;

use super::event::Envelope;
use crate::plan::{Participant, Station};

/// One earlier station, as its log recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastStation {
    pub id: String,
    pub date: NaiveDate,
    /// Its plan as its log recorded it, to replay its session.
    pub plan: Station,
    pub cohort: Vec<Participant>,
    pub events: Vec<Envelope>,
}

/// The stations before this one in the plan that have a log, in plan order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub stations: Vec<PastStation>,
}

/// A plan of one short station, for tests that need an earlier station's plan.
#[cfg(test)]
pub(crate) fn plain_station() -> Station {
    const PLAN: &str = r#"
id = "j"
title = "Reise"
language = "de"

[[participants]]
id = "ab"
name = "Anna Albers"
organisation = "Amt"
role = "Leitung"

[[stations]]
id = "vorher"
title = "Vorher"
date = "2022-10-01"
start = "09:00"
end = "12:00"
place = "Berlin"
format = "in-person"

[[stations.blocks]]
id = "b"
kind = "impulse"
title = "Impuls"
duration = "30m"
"#;
    crate::plan::parse(PLAN).map(|(journey, _)| journey.stations).unwrap_or_default().remove(0)
}
