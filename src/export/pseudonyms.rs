//! Stable pseudonyms for an export: P01, P02 … by cohort order (the
//! journey's cohort, then anyone a station's log added), O01 … per
//! organisation in the order they first appear. They replace ids, names and
//! organisations in every field, and in free text every full name, each part
//! of a name (three letters or more) and every organisation, as whole words.
//! The mapping lives only here, in memory: it is never written.

use std::collections::BTreeSet;

use crate::core::contacts::{Contacts, Meeting};
use crate::core::discussion::Speaker;
use crate::core::stats::{JourneyStats, StationStats};
use crate::plan::Participant;

/// What a name part shared by several people becomes: it names none of them.
const AMBIGUOUS: &str = "P??";

pub(super) struct Pseudonyms {
    /// id → pseudonym, in cohort order.
    people: Vec<(String, String)>,
    /// Words of free text and what replaces them, longest first.
    words: Vec<(Vec<char>, String)>,
}

impl Pseudonyms {
    pub(super) fn new(stats: &JourneyStats) -> Pseudonyms {
        let mut cohort: Vec<&Participant> = Vec::new();
        for person in stats.cohort.iter().chain(stats.stations.iter().flat_map(|station| &station.cohort)) {
            if !cohort.iter().any(|known| known.id == person.id) {
                cohort.push(person);
            }
        }
        let mut organisations: Vec<(String, String)> = Vec::new();
        for person in &cohort {
            let name = person.organisation.trim();
            if !name.is_empty() && !organisations.iter().any(|(known, _)| known == name) {
                organisations.push((name.to_string(), format!("O{:02}", organisations.len() + 1)));
            }
        }
        let people: Vec<(String, String)> = cohort
            .iter()
            .enumerate()
            .map(|(index, person)| (person.id.clone(), format!("P{:02}", index + 1)))
            .collect();
        let mut words: Vec<(Vec<char>, String)> = Vec::new();
        let mut add = |word: &str, pseudonym: &str| {
            let chars: Vec<char> = word.chars().collect();
            match words.iter_mut().find(|(known, _)| same(known, &chars)) {
                Some((_, existing)) if existing != pseudonym => *existing = AMBIGUOUS.to_string(),
                Some(_) => {}
                None => words.push((chars, pseudonym.to_string())),
            }
        };
        // A guest who spoke is named in the log by the name the facilitator
        // typed: G01 … in the order they first spoke.
        let mut guests: Vec<(String, String)> = Vec::new();
        for turn in stats.stations.iter().flat_map(|station| &station.turns) {
            if let Speaker::Guest(name) = &turn.speaker
                && !name.trim().is_empty()
                && !guests.iter().any(|(known, _)| known == name.trim())
            {
                guests.push((name.trim().to_string(), format!("G{:02}", guests.len() + 1)));
            }
        }
        let names: Vec<(&str, &str)> = cohort
            .iter()
            .zip(&people)
            .map(|(person, (_, pseudonym))| (person.name.trim(), pseudonym.as_str()))
            .chain(guests.iter().map(|(name, pseudonym)| (name.as_str(), pseudonym.as_str())))
            .collect();
        for (name, pseudonym) in &names {
            add(name, pseudonym);
        }
        for (name, pseudonym) in &organisations {
            add(name, pseudonym);
        }
        let full: BTreeSet<String> = names.iter().map(|(name, _)| name.to_lowercase()).collect();
        for (name, pseudonym) in &names {
            // `Meyer-Kahl` as a whole, and `Meyer` and `Kahl` alone.
            let words = name.split_whitespace();
            let parts = words.clone().chain(words.flat_map(|word| word.split('-')));
            for part in parts {
                // Words only: a title such as `Dr.` names nobody.
                let word = part.chars().all(|c| c.is_alphabetic() || c == '-');
                if word && part.chars().count() >= 3 && !full.contains(&part.to_lowercase()) {
                    add(part, pseudonym);
                }
            }
        }
        words.retain(|(word, _)| !word.is_empty());
        words.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        let mut pseudonyms = Pseudonyms { people, words };
        for (person, (_, pseudonym)) in cohort.iter().zip(pseudonyms.people.clone()) {
            let id: Vec<char> = person.id.chars().collect();
            // An id long enough not to be a common word is replaced in free text too.
            if id.len() >= 4 && !pseudonyms.words.iter().any(|(word, _)| same(word, &id)) {
                pseudonyms.words.push((id, pseudonym));
            }
        }
        pseudonyms.words.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        pseudonyms
    }

    /// A participant's pseudonym by id; anything else (an owner typed as
    /// free text, a guest's name) as free text.
    fn who(&self, who: &str) -> String {
        match self.people.iter().find(|(id, _)| id == who) {
            Some((_, pseudonym)) => pseudonym.clone(),
            None => self.text(who),
        }
    }

    /// Free text with every name, name part, organisation and long id replaced (as whole words).
    pub(super) fn text(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while at < chars.len() {
            let starts_word = at == 0 || !chars[at - 1].is_alphanumeric();
            let found = starts_word
                .then(|| {
                    self.words.iter().find(|(word, _)| {
                        let end = at + word.len();
                        end <= chars.len()
                            && same(&chars[at..end], word)
                            && chars.get(end).is_none_or(|next| !next.is_alphanumeric())
                    })
                })
                .flatten();
            match found {
                Some((word, pseudonym)) => {
                    out.push_str(pseudonym);
                    at += word.len();
                }
                None => {
                    out.push(chars[at]);
                    at += 1;
                }
            }
        }
        out
    }

    /// Replaces every name, id and organisation in `stats`.
    pub(super) fn apply(&self, stats: &mut JourneyStats) {
        stats.title = self.text(&stats.title);
        let ids: Vec<String> = self.people.iter().map(|(id, _)| id.clone()).collect();
        for person in &mut stats.cohort {
            self.person(person);
        }
        for station in &mut stats.stations {
            self.station(station);
        }
        let network = &mut stats.network;
        for (id, _) in &mut network.met {
            *id = self.who(id);
        }
        let mut contacts = Contacts::default();
        for (i, a) in ids.iter().enumerate() {
            for b in &ids[i + 1..] {
                for meeting in network.contacts.meetings(a, b) {
                    contacts.add_group(&[self.who(a), self.who(b)], Meeting::at(&meeting.station));
                }
            }
        }
        network.contacts = contacts;
    }

    fn person(&self, person: &mut Participant) {
        let organisation = self.text(person.organisation.trim());
        person.id = self.who(&person.id);
        person.name = person.id.clone();
        person.organisation = organisation;
        person.role = self.text(&person.role);
        person.short = None;
        person.attributes.clear();
    }

    fn station(&self, station: &mut StationStats) {
        station.title = self.text(&station.title);
        station.place = self.text(&station.place);
        station.host = station.host.as_deref().map(|host| self.text(host));
        for person in &mut station.cohort {
            self.person(person);
        }
        station.attended = station.attended.iter().map(|id| self.who(id)).collect();
        for block in &mut station.blocks {
            block.title = self.text(&block.title);
            block.attended = block.attended.iter().map(|id| self.who(id)).collect();
        }
        for turn in &mut station.turns {
            turn.speaker = match &turn.speaker {
                Speaker::Participant(id) => Speaker::Participant(self.who(id)),
                Speaker::Guest(name) => Speaker::Guest(self.text(name)),
            };
        }
        for captured in &mut station.captures {
            captured.text = self.text(&captured.text);
            captured.owner = captured.owner.as_deref().map(|owner| self.who(owner));
        }
        for consultation in &mut station.consultations {
            for member in consultation.groups.iter_mut().flatten() {
                *member = self.who(member);
            }
            for case in &mut consultation.cases {
                for (_, id) in &mut case.roles {
                    *id = self.who(id);
                }
                for id in &mut case.consultants {
                    *id = self.who(id);
                }
                case.key_question = self.text(&case.key_question);
                let confidential = &mut case.confidential;
                confidential.title = self.text(&confidential.title);
                confidential.description = self.text(&confidential.description);
                confidential.closing = self.text(&confidential.closing);
                for (idea, giver) in &mut confidential.ideas {
                    *idea = self.text(idea);
                    *giver = giver.as_deref().map(|giver| self.who(giver));
                }
            }
        }
        for group in &mut station.groups {
            for member in &mut group.members {
                *member = self.who(member);
            }
        }
    }
}

/// The same word, ignoring case.
fn same(a: &[char], b: &[char]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_lowercase().eq(y.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, organisation: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: organisation.into(),
            role: String::new(),
            short: None,
            attributes: Default::default(),
        }
    }

    fn pseudonyms(cohort: Vec<Participant>) -> Pseudonyms {
        let stats = JourneyStats {
            title: String::new(),
            cohort,
            stations: Vec::new(),
            network: crate::core::stats::Network {
                contacts: Contacts::default(),
                met: Vec::new(),
                never_met: 0,
                pairs: 0,
            },
        };
        Pseudonyms::new(&stats)
    }

    #[test]
    fn names_parts_and_organisations_are_replaced_as_whole_words() {
        let p = pseudonyms(vec![
            person("anna", "Anna Albers", "Stadtwerke Nord"),
            person("bm", "Bernd Meyer-Kahl", "Stadtwerke Nord"),
            person("cz", "Dr. Clara Albers", "Landesamt"),
            person("dd", "Dr. Dora Dietz", "Landesamt"),
        ]);
        assert_eq!(p.text("Anna Albers und Bernd"), "P01 und P02");
        assert_eq!(p.text("Frau Meyer-Kahl (Stadtwerke Nord) fragt Kahl"), "Frau P02 (O01) fragt P02");
        // Shared by two people: it names neither.
        assert_eq!(p.text("Albers berichtet"), "P?? berichtet");
        assert_eq!(p.text("Frau Dr. Dietz"), "Frau Dr. P04");
        // Not inside other words; ignoring case; long ids too.
        assert_eq!(p.text("Annabell, ANNA, landesamt"), "Annabell, P01, O02");
        assert_eq!(p.who("cz"), "P03");
        assert_eq!(p.who("Herr Meyer"), "Herr P02");
        assert_eq!(p.who("Frau Schulz"), "Frau Schulz");
    }
}
