//! The journey plan: model, TOML loading with spans, validation, and the `check` report.

mod check;
mod keys;
mod load;
mod model;
mod schedule;
mod starter;

pub use check::check_report;
pub use load::assume_zone;
pub use load::{
    DEFAULT_LAST_MINUTES_SECS, LoadedPlan, MAX_PARTICIPANTS, PLAN_FILE, PlanError, Problem, Severity,
    default_block_id, load, parse, parse_duration_secs, plan_file,
};
pub use model::Zone;
pub use model::{
    Block, BlockKind, Consultation, Discussion, Exchange, ExchangeFormat, Format, Journey, Method,
    Participant, QueuePolicy, Reflection, SpeakerClock, Station, fmt_duration, fmt_minute_of_day,
    minute_of_day, wall_clock,
};
pub use model::{DEFAULT_TURN_SECS, PersonClock, ReflectionFormat, RoundOrder, TURN_SECS};
pub use schedule::{PlannedSlot, planned_slots};
pub use starter::{is_valid_id, write_starter};
