//! Stable pseudonyms for an export: P01, P02 … by cohort order (the
//! journey's cohort, then anyone a station's log added), O01 … per
//! organisation in the order they first appear. They replace ids, names and
//! organisations in every field, and in free text every full name, each part
//! of a name (three letters or more), everyone's initials (`short`, as
//! written) and every organisation (also the part before its abbreviation in
//! brackets, and the abbreviation as written), as whole words. Station and
//! block ids are replaced the same way (`begruessung-bva` → `begruessung-O01`).
//! The mapping lives only here, in memory: it is never written.

use std::collections::BTreeSet;

use crate::core::contacts::{Contacts, Meeting};
use crate::core::discussion::Speaker;
use crate::core::stats::{JourneyStats, StationStats};
use crate::plan::Participant;

/// What a name part shared by several people becomes: it names none of them.
const AMBIGUOUS: &str = "P??";

/// A word of free text that names someone, and what replaces it.
struct Word {
    chars: Vec<char>,
    pseudonym: String,
    /// Matched only as written: initials (`KA`) and abbreviations (`BSI`),
    /// so that the initials `AB` leave the German word `ab` alone.
    exact: bool,
    /// An organisation's name: matched with German inflection too
    /// (`des Statistischen Bundesamtes` for `Statistisches Bundesamt`).
    inflect: bool,
}

impl Word {
    fn matches(&self, text: &[char], ignore_case: bool) -> bool {
        match self.exact && !ignore_case {
            true => self.chars == text,
            false => same(&self.chars, text),
        }
    }
}

pub(super) struct Pseudonyms {
    /// id → pseudonym, in cohort order.
    people: Vec<(String, String)>,
    /// Words of free text and what replaces them, longest first.
    words: Vec<Word>,
    /// Station ids and what replaces them, each unique.
    stations: Vec<(String, String)>,
    /// Per station id, its block ids and what replaces them, each unique in the station.
    blocks: Vec<(String, Vec<(String, String)>)>,
}

impl Pseudonyms {
    pub(super) fn new(stats: &JourneyStats) -> Pseudonyms {
        // Everyone as the plan and each log recorded them (a log may know
        // another spelling or other initials than the plan has now).
        let everyone: Vec<&Participant> =
            stats.cohort.iter().chain(stats.stations.iter().flat_map(|station| &station.cohort)).collect();
        let mut cohort: Vec<&Participant> = Vec::new();
        for person in &everyone {
            if !cohort.iter().any(|known| known.id == person.id) {
                cohort.push(person);
            }
        }
        let people: Vec<(String, String)> = cohort
            .iter()
            .enumerate()
            .map(|(index, person)| (person.id.clone(), format!("P{:02}", index + 1)))
            .collect();
        let pseudonym_of = |id: &str| {
            people
                .iter()
                .find(|(known, _)| known == id)
                .map_or(AMBIGUOUS, |(_, pseudonym)| pseudonym.as_str())
        };
        // An organisation by each way it is written: `Bundesamt für … (BSI)`,
        // `Bundesamt für …` and `BSI`; one written differently by two people
        // (`BSI` and `Bundesamt für … (BSI)`) is one organisation.
        let mut organisations: Vec<(Vec<(String, bool)>, String)> = Vec::new();
        for person in &everyone {
            let forms = organisation_forms(&person.organisation);
            if forms.is_empty() {
                continue;
            }
            let known = organisations.iter_mut().find(|(known, _)| {
                known.iter().any(|(a, _)| forms.iter().any(|(b, _)| a.to_lowercase() == b.to_lowercase()))
            });
            match known {
                Some((known, _)) => known.extend(forms),
                None => {
                    let pseudonym = format!("O{:02}", organisations.len() + 1);
                    organisations.push((forms, pseudonym));
                }
            }
        }
        let mut words: Vec<Word> = Vec::new();
        let mut add = |word: &str, pseudonym: &str, exact: bool| {
            // Each spelling: `Theissen` also as `Theißen`, `für` also as `fuer`.
            for word in spellings(word) {
                let chars: Vec<char> = word.chars().collect();
                let known = words.iter_mut().find(|known| {
                    same(&known.chars, &chars) && (!known.exact || !exact || known.chars == chars)
                });
                match known {
                    Some(known) => {
                        if known.pseudonym != pseudonym {
                            known.pseudonym = AMBIGUOUS.to_string();
                        }
                        // Matched as widely as the wider of the two asks.
                        known.exact &= exact;
                    }
                    None => {
                        words.push(Word { chars, pseudonym: pseudonym.to_string(), exact, inflect: false })
                    }
                }
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
        let names: Vec<(&str, &str)> = everyone
            .iter()
            .map(|person| (person.name.trim(), pseudonym_of(&person.id)))
            .chain(guests.iter().map(|(name, pseudonym)| (name.as_str(), pseudonym.as_str())))
            .collect();
        for (name, pseudonym) in &names {
            add(name, pseudonym, false);
        }
        for (forms, pseudonym) in &mut organisations {
            // The known short forms of federal authorities (`DWD` for the Deutscher Wetterdienst).
            let known: Vec<(String, bool)> = forms
                .iter()
                .filter_map(|(form, _)| short_form(form))
                .map(|short| (short.to_string(), true))
                .collect();
            forms.extend(known);
            for (form, exact) in forms.iter() {
                add(form, pseudonym, *exact);
            }
        }
        // The initials facilitators type in captures (`KA übernimmt`), as written.
        for person in &everyone {
            if let Some(short) = person.short.as_deref().map(str::trim).filter(|short| !short.is_empty()) {
                add(short, pseudonym_of(&person.id), true);
            }
        }
        let full: BTreeSet<String> = names.iter().map(|(name, _)| name.to_lowercase()).collect();
        for (name, pseudonym) in &names {
            // `Meyer-Kahl` as a whole, and `Meyer` and `Kahl` alone.
            let words = name.split_whitespace();
            let parts = words.clone().chain(words.flat_map(|word| word.split('-')));
            for part in parts {
                // Words only: a title such as `Dr.` names nobody; `O'Neill` is a name.
                let word = part.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'));
                if word && part.chars().count() >= 3 && !full.contains(&part.to_lowercase()) {
                    add(part, pseudonym, false);
                }
            }
        }
        for (id, pseudonym) in &people {
            let chars: Vec<char> = id.chars().collect();
            // An id long enough not to be a common word is replaced in free text too.
            if chars.len() >= 4 && !words.iter().any(|word| same(&word.chars, &chars)) {
                words.push(Word { chars, pseudonym: pseudonym.clone(), exact: false, inflect: false });
            }
        }
        let organisation_forms: BTreeSet<String> = organisations
            .iter()
            .flat_map(|(forms, _)| {
                forms.iter().filter(|(_, exact)| !exact).map(|(form, _)| form.to_lowercase())
            })
            .flat_map(|form| spellings(&form))
            .collect();
        for word in &mut words {
            word.inflect = !word.exact
                && organisation_forms.contains(&word.chars.iter().collect::<String>().to_lowercase());
        }
        words.retain(|word| !word.chars.is_empty());
        words.sort_by_key(|word| std::cmp::Reverse(word.chars.len()));
        let mut pseudonyms = Pseudonyms { people, words, stations: Vec::new(), blocks: Vec::new() };
        pseudonyms.stations = pseudonyms.unique_ids(stats.stations.iter().map(|station| station.id.as_str()));
        pseudonyms.blocks = stats
            .stations
            .iter()
            .map(|station| {
                let ids = pseudonyms.unique_ids(station.blocks.iter().map(|block| block.id.as_str()));
                (station.id.clone(), ids)
            })
            .collect();
        pseudonyms
    }

    /// Each id with its names replaced (`begruessung-bva` → `begruessung-O01`),
    /// kept apart by their index where two would become one.
    fn unique_ids<'a>(&self, ids: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
        let mut replaced: Vec<(String, String)> = Vec::new();
        for (index, id) in ids.enumerate() {
            let mut pseudonym = self.replace(id, true);
            while replaced.iter().any(|(_, taken)| *taken == pseudonym) {
                pseudonym = format!("{pseudonym}-{}", index + 1);
            }
            replaced.push((id.to_string(), pseudonym));
        }
        replaced
    }

    /// A station's id, its names replaced.
    pub(super) fn station_id(&self, id: &str) -> String {
        match self.stations.iter().find(|(known, _)| known == id) {
            Some((_, pseudonym)) => pseudonym.clone(),
            None => self.replace(id, true),
        }
    }

    /// A block's id in a station (by its real id), its names replaced.
    pub(super) fn block_id(&self, station: &str, id: &str) -> String {
        let blocks = self.blocks.iter().find(|(known, _)| known == station).map(|(_, blocks)| blocks);
        match blocks.and_then(|blocks| blocks.iter().find(|(known, _)| known == id)) {
            Some((_, pseudonym)) => pseudonym.clone(),
            None => self.replace(id, true),
        }
    }

    /// A participant's pseudonym by id; anything else (an owner typed as
    /// free text, a guest's name) as free text.
    fn who(&self, who: &str) -> String {
        match self.people.iter().find(|(id, _)| id == who) {
            Some((_, pseudonym)) => pseudonym.clone(),
            None => self.text(who),
        }
    }

    /// Free text with every name, name part, initials, organisation and long
    /// id replaced (as whole words).
    pub(super) fn text(&self, text: &str) -> String {
        self.replace(&addresses(text), false)
    }

    /// `text` with the words replaced; an id (`ignore_case`) is written in
    /// small letters, so initials and abbreviations are found in any case there.
    fn replace(&self, text: &str, ignore_case: bool) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        while at < chars.len() {
            let starts_word = at == 0 || !chars[at - 1].is_alphanumeric();
            let found = starts_word
                .then(|| {
                    self.words.iter().find_map(|word| {
                        let ends_word = |at: usize| chars.get(at).is_none_or(|next| !next.is_alphanumeric());
                        if word.inflect {
                            return inflected(&word.chars, &chars, at)
                                .filter(|end| ends_word(*end))
                                .map(|end| (word, end));
                        }
                        let end = at + word.chars.len();
                        if end > chars.len() || !word.matches(&chars[at..end], ignore_case) {
                            return None;
                        }
                        // A name in the German genitive (`Brockmanns Idee`) names them too.
                        let genitive = !word.exact && chars.get(end) == Some(&'s') && ends_word(end + 1);
                        match (ends_word(end), genitive) {
                            (true, _) => Some((word, end)),
                            (false, true) => Some((word, end + 1)),
                            (false, false) => None,
                        }
                    })
                })
                .flatten();
            match found {
                Some((word, end)) => {
                    // A person's title and salutation go with their name: `Frau Dr. P03` is `P03`.
                    if !ignore_case && word.pseudonym.starts_with(['P', 'G']) {
                        strip_titles(&mut out);
                    }
                    out.push_str(&word.pseudonym);
                    at = end;
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
                    let station = self.station_id(&meeting.station);
                    contacts.add_group(&[self.who(a), self.who(b)], Meeting::at(&station));
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
        // Ids can carry names too (`begruessung-bva`): they are replaced like
        // free text, and every reference to a block with its block.
        let real = station.id.clone();
        let block = |id: &str| self.block_id(&real, id);
        station.id = self.station_id(&real);
        station.title = self.text(&station.title);
        station.place = self.text(&station.place);
        station.host = station.host.as_deref().map(|host| self.text(host));
        for person in &mut station.cohort {
            self.person(person);
        }
        station.attended = station.attended.iter().map(|id| self.who(id)).collect();
        for stats in &mut station.blocks {
            stats.id = block(&stats.id);
            stats.title = self.text(&stats.title);
            stats.attended = stats.attended.iter().map(|id| self.who(id)).collect();
        }
        for turn in &mut station.turns {
            turn.block = block(&turn.block);
            turn.speaker = match &turn.speaker {
                Speaker::Participant(id) => Speaker::Participant(self.who(id)),
                Speaker::Guest(name) => Speaker::Guest(self.text(name)),
            };
        }
        for captured in &mut station.captures {
            captured.block = captured.block.as_deref().map(block);
            captured.text = self.text(&captured.text);
            captured.owner = captured.owner.as_deref().map(|owner| self.who(owner));
        }
        for consultation in &mut station.consultations {
            consultation.block = block(&consultation.block);
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
            group.block = block(&group.block);
            for member in &mut group.members {
                *member = self.who(member);
            }
        }
    }
}

/// The ways an organisation is written, each with whether it is matched only
/// as written: `Bundesamt für Sicherheit in der Informationstechnik (BSI)`
/// whole and without the brackets (any case), and `BSI` (as written).
fn organisation_forms(organisation: &str) -> Vec<(String, bool)> {
    let whole = organisation.trim();
    if whole.is_empty() {
        return Vec::new();
    }
    let mut forms = vec![(whole.to_string(), false)];
    if let Some(open) = whole.strip_suffix(')').and_then(|inner| inner.rfind('(')) {
        let before = whole[..open].trim();
        let inside = whole[open + 1..whole.len() - 1].trim();
        if !before.is_empty() {
            forms.push((before.to_string(), false));
        }
        if inside.chars().count() >= 2 {
            forms.push((inside.to_string(), true));
        }
    }
    forms
}

/// The titles and salutations before a name, as they end the text before it.
const TITLES: [&str; 12] = [
    "Frau ",
    "Herrn ",
    "Herr ",
    "Dr. ",
    "Prof. ",
    "Mrs. ",
    "Mrs ",
    "Mr. ",
    "Mr ",
    "Ms. ",
    "Ms ",
    "Dr.-Ing. ",
];

/// `out` without the titles and salutations it ends with (`Frau Dr. `).
fn strip_titles(out: &mut String) {
    while let Some(title) = TITLES.iter().find(|title| {
        out.ends_with(*title)
            && out[..out.len() - title.len()]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric())
    }) {
        out.truncate(out.len() - title.len());
    }
}

/// `text` with every e-mail address and web address replaced whole: the
/// part before the `@` or the path can name someone as well as the domain.
fn addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let token = &rest[..end];
        let core_start = token.find(|c: char| !matches!(c, '<' | '(' | '[' | '"' | '„' | '“')).unwrap_or(0);
        let core_end = token
            .rfind(|c: char| {
                !matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '>' | '"' | '“' | '”')
            })
            .map_or(token.len(), |last| last + token[last..].chars().next().map_or(1, char::len_utf8));
        let core = token.get(core_start..core_end.max(core_start)).unwrap_or("");
        let lower = core.to_lowercase();
        let mail =
            core.split_once('@').is_some_and(|(name, domain)| !name.is_empty() && domain.contains('.'));
        let web = ["http://", "https://", "www."].iter().any(|scheme| lower.starts_with(scheme));
        match (mail, web) {
            (true, _) => out.push_str(&format!(
                "{}[E-Mail]{}",
                &token[..core_start],
                &token[core_end.max(core_start)..]
            )),
            (false, true) => {
                out.push_str(&format!("{}[URL]{}", &token[..core_start], &token[core_end.max(core_start)..]))
            }
            (false, false) => out.push_str(token),
        }
        rest = &rest[end..];
    }
    out
}

/// The ways a word is spelled: as written, with umlauts and ß written out
/// (`ä` → `ae`, `ß` → `ss`) and with them put back (`ss` → `ß`, `ue` → `ü`).
pub(super) fn spellings(word: &str) -> Vec<String> {
    let out_written: String = word
        .chars()
        .flat_map(|c| match c {
            'ä' => "ae".chars().collect::<Vec<_>>(),
            'ö' => "oe".chars().collect(),
            'ü' => "ue".chars().collect(),
            'Ä' => "Ae".chars().collect(),
            'Ö' => "Oe".chars().collect(),
            'Ü' => "Ue".chars().collect(),
            'ß' => "ss".chars().collect(),
            c => vec![c],
        })
        .collect();
    let put_back = word.replace("ss", "ß").replace("ae", "ä").replace("oe", "ö").replace("ue", "ü");
    let mut forms = vec![word.to_string()];
    for form in [out_written, put_back] {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

/// Where an organisation's name `form` ends in `text` from `at`, inflected as
/// German does it: a noun with the genitive `-s`/`-es` (`Bundesamtes`), an
/// adjective with any ending (`Statistischen` for `Statistisches`), each
/// word compared ignoring case, words apart by one or more spaces.
fn inflected(form: &[char], text: &[char], at: usize) -> Option<usize> {
    let form: String = form.iter().collect();
    let mut end = at;
    for (index, expected) in form.split(' ').filter(|word| !word.is_empty()).enumerate() {
        if index > 0 {
            let spaces = text[end..].iter().take_while(|c| **c == ' ').count();
            if spaces == 0 {
                return None;
            }
            end += spaces;
        }
        // A word with marks (`(BSI)`) is compared as written, ignoring case.
        if !expected.chars().all(|c| c.is_alphanumeric() || c == '-') {
            let expected: Vec<char> = expected.chars().collect();
            let stop = end + expected.len();
            if stop > text.len() || !same(&expected, &text[end..stop]) {
                return None;
            }
            end = stop;
            continue;
        }
        let length = text[end..].iter().take_while(|c| c.is_alphanumeric() || **c == '-').count();
        let found: String = text[end..end + length].iter().collect::<String>().to_lowercase();
        let expected = expected.to_lowercase();
        let stem = ["es", "er", "en", "em", "e"]
            .iter()
            .find_map(|ending| expected.strip_suffix(ending).filter(|stem| stem.chars().count() >= 4))
            .unwrap_or(&expected);
        let as_noun = ["", "s", "es", "n", "en"].iter().any(|ending| found == format!("{expected}{ending}"));
        let as_adjective =
            ["e", "es", "er", "en", "em"].iter().any(|ending| found == format!("{stem}{ending}"));
        if !(as_noun || as_adjective) {
            return None;
        }
        end += length;
    }
    (end > at).then_some(end)
}

/// The known short forms of federal authorities, by their name.
const SHORT_FORMS: [(&str, &str); 22] = [
    ("Bundesverwaltungsamt", "BVA"),
    ("Deutscher Wetterdienst", "DWD"),
    ("Statistisches Bundesamt", "Destatis"),
    ("Umweltbundesamt", "UBA"),
    ("Bundesagentur für Arbeit", "BA"),
    ("Informationstechnikzentrum Bund", "ITZBund"),
    ("Bundesamt für Sicherheit in der Informationstechnik", "BSI"),
    ("Bundeszentralamt für Steuern", "BZSt"),
    ("Deutsche Rentenversicherung Bund", "DRV"),
    ("Bundesamt für Migration und Flüchtlinge", "BAMF"),
    ("Bundeskriminalamt", "BKA"),
    ("Zentrale Stelle für Informationstechnik im Sicherheitsbereich", "ZITiS"),
    ("Bundesanstalt für Immobilienaufgaben", "BImA"),
    ("Bundesnetzagentur", "BNetzA"),
    ("Kraftfahrt-Bundesamt", "KBA"),
    ("Bundesamt für Verfassungsschutz", "BfV"),
    ("Bundesinstitut für Arzneimittel und Medizinprodukte", "BfArM"),
    ("Bundesamt für Bevölkerungsschutz und Katastrophenhilfe", "BBK"),
    ("Bundesanstalt für Finanzdienstleistungsaufsicht", "BaFin"),
    ("Bundesamt für das Personalmanagement der Bundeswehr", "BAPersBw"),
    ("Digitalservice des Bundes", "DigitalService"),
    ("Bundesministerium des Innern und für Heimat", "BMI"),
];

/// Every way the plan and the logs name someone or an organisation, each
/// with whether it counts only as written (initials, abbreviations): what the
/// closing check looks for in a pseudonymized export.
pub(super) fn name_forms(everyone: &[Participant]) -> Vec<(String, bool)> {
    let mut forms: Vec<(String, bool)> = Vec::new();
    for person in everyone {
        let name = person.name.trim();
        forms.push((name.to_string(), false));
        for part in name.split_whitespace().flat_map(|word| std::iter::once(word).chain(word.split('-'))) {
            if part.chars().count() >= 3
                && part.chars().all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
            {
                forms.push((part.to_string(), false));
            }
        }
        if let Some(short) = person.short.as_deref().map(str::trim).filter(|short| short.chars().count() >= 2)
        {
            forms.push((short.to_string(), true));
        }
        for (form, exact) in organisation_forms(&person.organisation) {
            forms.extend(short_form(&form).map(|short| (short.to_string(), true)));
            forms.push((form, exact));
        }
    }
    let mut spelled: Vec<(String, bool)> = Vec::new();
    for (form, exact) in forms {
        for form in spellings(&form) {
            if !spelled.iter().any(|(known, _)| *known == form) {
                spelled.push((form, exact));
            }
        }
    }
    spelled
}

/// The forms of `forms` that `text` still holds as a word (or a word with
/// the genitive `s`/`es`), ignoring case unless a form counts only as written.
pub(super) fn left_in(forms: &[(String, bool)], text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut left = Vec::new();
    for (form, exact) in forms {
        let wanted: Vec<char> = form.chars().collect();
        let found = (0..chars.len()).any(|at| {
            let end = at + wanted.len();
            let starts = at == 0 || !chars[at - 1].is_alphanumeric();
            let same_word = end <= chars.len()
                && match exact {
                    true => chars[at..end] == wanted[..],
                    false => same(&chars[at..end], &wanted),
                };
            let ends = |at: usize| chars.get(at).is_none_or(|next| !next.is_alphanumeric());
            let genitive = !exact
                && (chars.get(end) == Some(&'s') && ends(end + 1)
                    || chars.get(end) == Some(&'e') && chars.get(end + 1) == Some(&'s') && ends(end + 2));
            starts && same_word && (ends(end) || genitive)
        });
        if found && !left.contains(form) {
            left.push(form.clone());
        }
    }
    left
}

/// The known short form of an organisation's name, if it is one of [`SHORT_FORMS`].
fn short_form(name: &str) -> Option<&'static str> {
    let name = name.trim();
    SHORT_FORMS
        .iter()
        .find(|(long, _)| {
            spellings(long)
                .iter()
                .any(|long| long.eq_ignore_ascii_case(name) || long.to_lowercase() == name.to_lowercase())
        })
        .map(|(_, short)| *short)
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
        assert_eq!(p.text("Frau Meyer-Kahl (Stadtwerke Nord) fragt Kahl"), "P02 (O01) fragt P02");
        // Shared by two people: it names neither.
        assert_eq!(p.text("Albers berichtet"), "P?? berichtet");
        assert_eq!(p.text("Frau Dr. Dietz"), "P04");
        // Not inside other words; ignoring case; long ids too.
        assert_eq!(p.text("Annabell, ANNA, landesamt"), "Annabell, P01, O02");
        assert_eq!(p.who("cz"), "P03");
        assert_eq!(p.who("Herr Meyer"), "P02");
        assert_eq!(p.who("Frau Schulz"), "Frau Schulz");
        // The German genitive names them too; a plural-looking word that is no name stays.
        assert_eq!(
            p.text("Dietz' Team und Annas Idee, Meyer-Kahls Vorschlag"),
            "P04' Team und P01 Idee, P02 Vorschlag"
        );
        assert_eq!(p.text("Annass"), "Annass");
        // Spelling variants, e-mail addresses and web addresses whole.
        let theissen = pseudonyms(vec![
            person("bt", "Dr. Birgit Theissen", "Deutscher Wetterdienst"),
            person("ak", "Anja Kühn", "Statistisches Bundesamt"),
            person("ba", "Bea Arndt", "Bundesagentur für Arbeit"),
            person("ub", "Uwe Bauer", "Umweltbundesamt"),
        ]);
        assert_eq!(theissen.text("Frau Theißen, Herrn Kuehn, THEISSEN"), "P01, P02, P01");
        assert_eq!(
            theissen
                .text("Mail an k.kuehn@destatis.de oder <b.theissen@dwd.de>, siehe https://dwd.de/theissen."),
            "Mail an [E-Mail] oder <[E-Mail]>, siehe [URL]."
        );
        assert_eq!(
            theissen.text("des Statistischen Bundesamtes, des Deutschen Wetterdienstes, Umweltbundesamtes"),
            "des O02, des O01, O04"
        );
        assert_eq!(
            theissen.text("die Bundesagentur fuer Arbeit, der DWD, Destatis und das UBA"),
            "die O03, der O01, O02 und das O04"
        );
        let irish = pseudonyms(vec![person("on", "Thomas O'Neill", "Landesamt")]);
        assert_eq!(irish.text("O'Neill fragt, O'Neills Idee"), "P01 fragt, P01 Idee");
    }

    #[test]
    fn initials_and_abbreviations_are_replaced_as_written() {
        let mut anna =
            person("anna", "Anna Albers", "Bundesamt für Sicherheit in der Informationstechnik (BSI)");
        anna.short = Some("AB".into());
        let mut bernd = person("bm", "Bernd Meyer", "BSI");
        bernd.short = Some("BM".into());
        let p = pseudonyms(vec![anna, bernd, person("cz", "Clara Zahn", "Bundesverwaltungsamt (BVA)")]);
        assert_eq!(p.text("AB schickt es ab, BM fragt nach"), "P01 schickt es ab, P02 fragt nach");
        // Both ways of writing the office are one organisation; its abbreviation only as written.
        assert_eq!(
            p.text("Das BSI und das Bundesamt für Sicherheit in der Informationstechnik"),
            "Das O01 und das O01"
        );
        assert_eq!(p.text("Bundesamt für Sicherheit in der Informationstechnik (BSI)"), "O01");
        assert_eq!(p.text("BVA, bundesverwaltungsamt, Bva"), "O02, O02, Bva");
        // In an id, written in small letters, they are found in any case.
        assert_eq!(p.replace("begruessung-bva", true), "begruessung-O02");
        assert_eq!(p.replace("ab-ins-bsi", true), "P01-ins-O01");
        // Two ids that would become one are kept apart by their place.
        let ids = p.unique_ids(["kaffee-bva", "kaffee-bundesverwaltungsamt", "kaffee"].into_iter());
        let ids: Vec<&str> = ids.iter().map(|(_, id)| id.as_str()).collect();
        assert_eq!(ids, ["kaffee-O02", "kaffee-O02-2", "kaffee"]);
    }
}
