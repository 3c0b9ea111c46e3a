//! The machine's own time zone, for a plan that names none.

use crate::plan::Zone;

/// The machine's IANA zone: `TZ` when it names one (as `chrono::Local` reads
/// it), else the system's setting, else UTC when neither can be read.
pub fn machine_zone() -> Zone {
    let from_env = std::env::var("TZ").ok().and_then(|tz| Zone::from_name(tz.trim_start_matches(':')));
    from_env
        .or_else(|| iana_time_zone::get_timezone().ok().and_then(|name| Zone::from_name(&name)))
        .unwrap_or(Zone(chrono_tz::Tz::UTC))
}
