//! Who has been in a group with whom, and where: the networking picture of
//! the journey, built from recorded events (the earlier stations' logs and
//! this station's own). Each kind of grouping is a [`Source`]; another method
//! whose groups count as contacts (a consultation) adds one to [`SOURCES`].

use std::collections::BTreeMap;

use super::event::{Envelope, Event};
use super::history::History;
use super::method::MethodEvent;
use super::session::Session;
use crate::plan::Participant;

/// The groups one recorded event formed, under a key: a later event with the
/// same key (the same round fixed again) replaces the groups of the earlier.
pub struct Grouped {
    pub key: String,
    pub groups: Vec<Vec<String>>,
}

/// Reads the groups an event formed, if it formed any.
pub type Source = fn(&Event) -> Option<Grouped>;

/// Every kind of event whose groups count as contacts.
pub const SOURCES: &[Source] = &[exchange_rounds];

/// The rounds an exchange block fixed.
fn exchange_rounds(event: &Event) -> Option<Grouped> {
    let Event::Method(MethodEvent::Exchange { block, change }) = event else { return None };
    let (round, groups) = change.fixed_groups()?;
    Some(Grouped { key: format!("exchange/{block}/{round}"), groups: groups.to_vec() })
}

/// Where a pair met.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Meeting {
    /// The station's id; empty for groups only planned (not yet recorded).
    pub station: String,
}

impl Meeting {
    pub fn at(station: &str) -> Meeting {
        Meeting { station: station.to_string() }
    }

    /// A meeting in a schedule that is only proposed.
    pub fn planned() -> Meeting {
        Meeting { station: String::new() }
    }
}

/// The contact matrix: for each pair (the smaller id first), every meeting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    pairs: BTreeMap<(String, String), Vec<Meeting>>,
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b { (a.to_string(), b.to_string()) } else { (b.to_string(), a.to_string()) }
}

impl Contacts {
    /// The journey so far: the earlier stations, then this station's events.
    pub fn of_journey(history: &History, station: &str, events: &[Envelope]) -> Contacts {
        let mut contacts = Contacts::default();
        for past in &history.stations {
            contacts.add_events(&past.id, &past.events);
        }
        contacts.add_events(station, events);
        contacts
    }

    /// The journey so far as the console knows it: the earlier stations, then
    /// the rounds this station's session has fixed.
    pub fn of_session(history: &History, station: &str, session: &Session) -> Contacts {
        let mut contacts = Contacts::of_journey(history, station, &[]);
        contacts.add_session(station, session);
        contacts
    }

    /// Adds the rounds a station's session has fixed.
    pub fn add_session(&mut self, station: &str, session: &Session) {
        for item in &session.agenda {
            if let Some(exchange) = item.method.exchange() {
                for (_, round) in exchange.fixed_rounds() {
                    for group in &round.groups {
                        self.add_group(group, Meeting::at(station));
                    }
                }
            }
        }
    }

    /// Adds the groups a station's events formed (the latest groups per key).
    pub fn add_events(&mut self, station: &str, events: &[Envelope]) {
        let mut formed: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for envelope in events {
            for source in SOURCES {
                if let Some(grouped) = source(&envelope.event) {
                    formed.insert(grouped.key, grouped.groups);
                }
            }
        }
        for group in formed.values().flatten() {
            self.add_group(group, Meeting::at(station));
        }
    }

    /// Everyone in `members` met everyone else in it.
    pub fn add_group(&mut self, members: &[String], meeting: Meeting) {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                if a != b {
                    self.pairs.entry(pair(a, b)).or_default().push(meeting.clone());
                }
            }
        }
    }

    /// How often the two have been in a group together.
    pub fn count(&self, a: &str, b: &str) -> usize {
        self.pairs.get(&pair(a, b)).map_or(0, Vec::len)
    }

    /// Where the two met, in the order recorded.
    pub fn meetings(&self, a: &str, b: &str) -> &[Meeting] {
        self.pairs.get(&pair(a, b)).map_or(&[], Vec::as_slice)
    }

    /// How many of the cohort each member has met (at least once).
    pub fn met_per_person(&self, cohort: &[Participant]) -> Vec<(String, usize)> {
        cohort
            .iter()
            .map(|person| {
                let met = cohort
                    .iter()
                    .filter(|other| other.id != person.id && self.count(&person.id, &other.id) > 0);
                (person.id.clone(), met.count())
            })
            .collect()
    }
}
