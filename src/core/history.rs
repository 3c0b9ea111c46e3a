//! What the journey's earlier stations recorded, for the methods that are
//! fair or varied across the whole journey: who has already had which
//! consultation role, who has already been in a group with whom. It is read
//! from their logs when a station opens (never written to them) and handed to
//! the console and to `moderato groups`.

use chrono::NaiveDate;

use super::event::Envelope;
use crate::plan::Participant;

/// One earlier station, as its log recorded it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastStation {
    pub id: String,
    pub date: NaiveDate,
    pub cohort: Vec<Participant>,
    pub events: Vec<Envelope>,
}

/// The stations before this one in the plan that have a log, in plan order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub stations: Vec<PastStation>,
}
