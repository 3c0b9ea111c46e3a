//! The station log `<station>.json`: plan, cohort, events and summary in one
//! JSON document, replaced atomically at checkpoints.

use std::io;
use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::fsutil::{is_link, read_no_follow, write_atomically};
use crate::core::event::Envelope;
use crate::core::session::{Session, Summary};
use crate::i18n::Msg;
use crate::i18n::{FileMsg, StoreMsg};
use crate::plan::{Journey, Participant, Station};

/// The `schema` value of every station log.
pub const SCHEMA_ID: &str = "moderato/station-log";
/// The version of the station log format this build writes and reads.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest version this build still reads (and upgrades on read).
const OLDEST_READABLE: u32 = 1;

/// The whole station log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StationLog {
    pub schema: String,
    pub version: u32,
    pub journey: JourneyIdentity,
    pub station: StationIdentity,
    /// The station's plan as it stood when the log was created.
    pub plan: Station,
    pub cohort: Vec<Participant>,
    pub events: Vec<Envelope>,
    pub summary: Summary,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JourneyIdentity {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StationIdentity {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
}

impl StationLog {
    /// A log with no events yet, for `station` of `journey`.
    pub fn new(journey: &Journey, station: &Station) -> StationLog {
        StationLog {
            schema: SCHEMA_ID.to_string(),
            version: SCHEMA_VERSION,
            journey: JourneyIdentity { id: journey.id.clone(), title: journey.title.clone() },
            station: StationIdentity {
                id: station.id.clone(),
                title: station.title.clone(),
                date: station.date,
            },
            plan: station.clone(),
            cohort: journey.participants.clone(),
            events: Vec::new(),
            summary: Session::new(station, &journey.participants).summary(),
        }
    }

    /// Recomputes the summary from the events.
    pub fn refresh_summary(&mut self) {
        self.summary = Session::replay(&self.plan, &self.cohort, &self.events).summary();
    }

    pub fn last_seq(&self) -> u64 {
        self.events.last().map_or(0, |envelope| envelope.seq)
    }
}

/// Reads a station log; `Ok(None)` when there is none yet.
pub fn read_snapshot(path: &Path) -> Result<Option<StationLog>, Msg> {
    let bytes = match read_no_follow(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) if is_link(path) => {
            return Err(Msg::Files(FileMsg::LinkRefused { path: path.display().to_string() }));
        }
        Err(err) => {
            return Err(Msg::Files(FileMsg::CannotRead {
                path: path.display().to_string(),
                reason: err.to_string(),
            }));
        }
    };
    let unreadable = |line: usize, reason: String| {
        Msg::Store(StoreMsg::LogUnreadable { path: path.display().to_string(), line, reason })
    };
    let mut value: serde_json::Value =
        serde_json::from_slice(&bytes).map_err(|err| unreadable(err.line(), err.to_string()))?;
    let schema = value.get("schema").and_then(serde_json::Value::as_str).unwrap_or_default().to_string();
    let written = value.get("version");
    let version = written.and_then(serde_json::Value::as_u64).and_then(|version| u32::try_from(version).ok());
    let Some(version) =
        version.filter(|version| schema == SCHEMA_ID && (OLDEST_READABLE..=SCHEMA_VERSION).contains(version))
    else {
        return Err(Msg::Store(StoreMsg::UnsupportedLog {
            path: path.display().to_string(),
            schema,
            version: written.map(serde_json::Value::to_string).unwrap_or_default(),
            supported: SCHEMA_VERSION,
        }));
    };
    let log: StationLog = if version < SCHEMA_VERSION {
        if let Some(events) = value.get_mut("events").and_then(serde_json::Value::as_array_mut) {
            events.iter_mut().for_each(|envelope| {
                super::upgrade::upgrade_envelope(envelope);
            });
        }
        value["version"] = serde_json::Value::from(SCHEMA_VERSION);
        serde_json::from_value(value.clone()).map_err(|err| unreadable(1, err.to_string()))?
    } else {
        // Read from the bytes, so that a wrong value is named by its line.
        serde_json::from_slice(&bytes).map_err(|err| unreadable(err.line(), err.to_string()))?
    };
    let rewritten = serde_json::to_value(&log).map_err(|err| unreadable(1, err.to_string()))?;
    if let Some(field) = super::validate::extra_field(&value, &rewritten) {
        return Err(unreadable(1, format!("unknown field `{field}`")));
    }
    for (expected, envelope) in (1u64..).zip(&log.events) {
        if envelope.seq != expected {
            return Err(Msg::Store(StoreMsg::LogSequenceGap {
                path: path.display().to_string(),
                line: line_of_event(&bytes, &envelope.id).unwrap_or(1),
                expected,
                found: envelope.seq,
            }));
        }
    }
    Ok(Some(log))
}

/// The line of the JSON log on which the event with `id` begins, as
/// moderato writes it (`"id": "<uuid>"` first in each event).
pub fn line_of_event(bytes: &[u8], id: &uuid::Uuid) -> Option<usize> {
    let needle = format!("\"id\": \"{id}\"");
    let at = bytes.windows(needle.len()).position(|window| window == needle.as_bytes())?;
    Some(bytes[..at].iter().filter(|&&byte| byte == b'\n').count() + 1)
}

/// Writes the log atomically, with a fresh summary.
pub fn write_snapshot(path: &Path, log: &StationLog) -> io::Result<()> {
    let mut bytes = serde_json::to_vec_pretty(log).map_err(io::Error::other)?;
    bytes.push(b'\n');
    write_atomically(path, &bytes)
}
