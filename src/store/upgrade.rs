//! Reading logs written by earlier versions: a version-1 log recorded the
//! discussion's events flat (`{"type":"hand_raised","block":…,"participant":…}`);
//! version 2 namespaces every method's events
//! (`{"type":"discussion","block":…,"change":{"change":"hand_raised",…}}`).
//! Upgrading happens in memory on read; the next checkpoint writes version 2.

use serde_json::{Map, Value};

use crate::core::event::Envelope;

/// The event types of version 1 that belong to the moderated discussion.
const V1_DISCUSSION: [&str; 8] = [
    "hand_raised",
    "hand_withdrawn",
    "hand_moved",
    "turn_started",
    "turn_ended",
    "queue_policy_changed",
    "question_shown",
    "captured",
];

/// Why a journal line is not an event this moderato can read.
#[derive(Debug)]
pub enum Unreadable {
    /// Not JSON, or not an envelope.
    Json(serde_json::Error),
    /// An event type this version does not know: a newer moderato's.
    NewerType(String),
    /// A field the schema does not have.
    ExtraField(String),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Json(err) => write!(f, "{err}"),
            Unreadable::NewerType(kind) => write!(f, "unknown event type `{kind}`"),
            Unreadable::ExtraField(field) => write!(f, "unknown field `{field}`"),
        }
    }
}

/// One journal line or log entry as an envelope, upgrading a version-1
/// event. What the schema does not have is refused: an unknown event type
/// (said as a newer moderato's) and an unknown field.
pub fn parse_envelope(bytes: &[u8]) -> Result<Envelope, Unreadable> {
    let mut value: Value = serde_json::from_slice(bytes).map_err(Unreadable::Json)?;
    upgrade_envelope(&mut value);
    let envelope: Envelope = serde_json::from_value(value.clone()).map_err(|err| {
        match value.get("event").and_then(|event| event.get("type")).and_then(Value::as_str) {
            Some(kind) if !crate::core::event::is_known_type(kind) => Unreadable::NewerType(kind.to_string()),
            Some(_) | None => Unreadable::Json(err),
        }
    })?;
    let written = serde_json::to_value(&envelope).map_err(Unreadable::Json)?;
    match super::validate::extra_field(&value, &written) {
        Some(field) => Err(Unreadable::ExtraField(field)),
        None => Ok(envelope),
    }
}

/// Rewrites a version-1 discussion event inside an envelope in place; says whether it did.
pub fn upgrade_envelope(envelope: &mut Value) -> bool {
    let Some(event) = envelope.get_mut("event").and_then(Value::as_object_mut) else { return false };
    let Some(kind) = event.get("type").and_then(Value::as_str).map(str::to_string) else { return false };
    if !V1_DISCUSSION.contains(&kind.as_str()) {
        return false;
    }
    let block = event.remove("block").unwrap_or(Value::Null);
    event.remove("type");
    let mut change = Map::new();
    change.insert("change".to_string(), Value::String(kind));
    change.extend(std::mem::take(event));
    event.insert("type".to_string(), Value::String("discussion".to_string()));
    event.insert("block".to_string(), block);
    event.insert("change".to_string(), Value::Object(change));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::discussion::{Change, Hand};
    use crate::core::event::Event;
    use crate::core::method::MethodEvent;

    #[test]
    fn a_version_1_discussion_event_reads_as_its_namespaced_form() {
        let line = br#"{"id":"00000000-0000-0000-0000-000000000000","seq":4,"at":"2022-11-28T10:50:00+01:00","event":{"type":"hand_raised","block":"diskussion","participant":"p3","hand":"reply"}}"#;
        let envelope = parse_envelope(line).unwrap();
        assert_eq!(
            envelope.event,
            Event::Method(MethodEvent::Discussion {
                block: "diskussion".into(),
                change: Change::HandRaised { speaker: "p3".into(), hand: Hand::Reply },
            })
        );
        let written = serde_json::to_value(&envelope).unwrap();
        assert_eq!(written["event"]["type"], "discussion");
        assert_eq!(written["event"]["change"]["change"], "hand_raised");
    }

    #[test]
    fn other_damage_is_still_damage() {
        let line = br#"{"id":"00000000-0000-0000-0000-000000000000","seq":4,"at":"2022-11-28T10:50:00+01:00","event":{"type":"no_such_event"}}"#;
        assert!(parse_envelope(line).is_err());
    }
}
