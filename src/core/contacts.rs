//! Who has been in a group with whom, and where: the networking picture of
//! the journey, built from the stations' sessions (each earlier station's log
//! replayed, and this station's own). An exchange's fixed rounds count, and
//! so do a consultation's groups when it split the room into several.

use std::collections::BTreeMap;

use super::history::History;
use super::method::Context;
use super::session::Session;
use crate::plan::Participant;

/// What a group was formed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Exchange,
    Consultation,
}

/// One group people worked in at a station.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub block: String,
    pub kind: GroupKind,
    /// The exchange round (1-based); 1 for a consultation.
    pub round: usize,
    /// The table or group number (1-based).
    pub number: usize,
    pub members: Vec<String>,
}

/// The groups a station's session formed, in agenda order: every fixed
/// round of its exchanges, and the groups of each consultation that ran in
/// several groups (one group of the whole room is not close work together).
pub fn groups(session: &Session) -> Vec<Group> {
    let mut found = Vec::new();
    for item in &session.agenda {
        let block = &item.block.id;
        if let Some(exchange) = item.method.exchange() {
            for (round, fixed) in exchange.fixed_rounds() {
                for (table, members) in fixed.groups.iter().enumerate() {
                    found.push(Group {
                        block: block.clone(),
                        kind: GroupKind::Exchange,
                        round: round + 1,
                        number: table + 1,
                        members: members.clone(),
                    });
                }
            }
        }
        if let Some(consultation) = item.method.consultation()
            && consultation.groups > 1
            && item.ran()
        {
            // Who was there for it, not who is there at the end of the day.
            let cx = Context { block, cohort: &session.cohort, absent: session.absent_for(item) };
            for group in 0..consultation.groups {
                found.push(Group {
                    block: block.clone(),
                    kind: GroupKind::Consultation,
                    round: 1,
                    number: group + 1,
                    members: consultation.members(&cx, group).into_iter().map(|p| p.id.clone()).collect(),
                });
            }
        }
    }
    found
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
    /// The journey's earlier stations, each replayed from its log.
    pub fn of_journey(history: &History) -> Contacts {
        let mut contacts = Contacts::default();
        for past in &history.stations {
            contacts.add_session(&past.id, &Session::replay(&past.plan, &past.cohort, &past.events));
        }
        contacts
    }

    /// Adds the groups a station's session formed (see [`groups`]).
    pub fn add_session(&mut self, station: &str, session: &Session) {
        for group in groups(session) {
            self.add_group(&group.members, Meeting::at(station));
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

    /// Every pair that has met (the smaller id first) and how often.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str, usize)> {
        self.pairs.iter().map(|((a, b), meetings)| (a.as_str(), b.as_str(), meetings.len()))
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
