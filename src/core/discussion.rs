//! The moderated discussion (Redeliste): raised hands, the order the queue
//! policy gives them, turns and their talk time, questions, and what the
//! facilitator captures (parked questions, decisions, action items).

use std::collections::BTreeMap;

use chrono::{NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};

use super::Timestamp;
use crate::plan::{Discussion, Participant, QueuePolicy};

/// What a raised hand asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hand {
    /// A contribution in turn.
    Normal,
    /// A direct reply to the current speaker (direkte Erwiderung), taken before the queue.
    Reply,
    /// A point of order (Geschäftsordnung), taken before everything else.
    PointOfOrder,
}

/// A hand in the queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Raised {
    pub participant: String,
    pub hand: Hand,
    pub at: Timestamp,
}

/// One speaker's turn; `ended` is `None` while they speak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub participant: String,
    pub hand: Hand,
    pub started: Timestamp,
    pub ended: Option<Timestamp>,
}

impl Turn {
    /// How long the turn has lasted by `now` (or lasted, once ended).
    pub fn length(&self, now: Timestamp) -> TimeDelta {
        (self.ended.unwrap_or(now) - self.started).max(TimeDelta::zero())
    }
}

/// What the facilitator writes down during a discussion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Capture {
    /// A question parked for later (Parkplatz).
    Parked {
        text: String,
    },
    Decision {
        text: String,
    },
    /// An action item with an owner (participant id or free text) and an optional due date.
    Action {
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        owner: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        due: Option<NaiveDate>,
    },
}

/// A capture with the time it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Captured {
    pub at: Timestamp,
    pub capture: Capture,
}

/// A discussion block as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscussionState {
    pub questions: Vec<String>,
    /// The question on screen.
    pub question: usize,
    pub speaker_limit: Option<TimeDelta>,
    pub policy: QueuePolicy,
    pub alternate_by: Option<String>,
    /// Raised hands in the order they came (or were moved to).
    pub raised: Vec<Raised>,
    /// Every turn so far, the current one last.
    pub turns: Vec<Turn>,
    pub captures: Vec<Captured>,
}

/// Seconds before a speaker's limit at which their timer turns amber.
pub const SPEAKER_WARNING: TimeDelta = TimeDelta::seconds(30);

impl DiscussionState {
    pub fn new(plan: &Discussion) -> DiscussionState {
        DiscussionState {
            questions: plan.questions.clone(),
            question: 0,
            speaker_limit: plan.speaker_limit_secs.map(|secs| TimeDelta::seconds(i64::from(secs))),
            policy: plan.policy,
            alternate_by: plan.alternate_by.clone(),
            raised: Vec::new(),
            turns: Vec::new(),
            captures: Vec::new(),
        }
    }

    /// The turn in progress.
    pub fn speaking(&self) -> Option<&Turn> {
        self.turns.last().filter(|turn| turn.ended.is_none())
    }

    pub fn is_queued(&self, participant: &str) -> bool {
        self.raised.iter().any(|raised| raised.participant == participant)
    }

    pub fn has_spoken(&self, participant: &str) -> bool {
        self.turns.iter().any(|turn| turn.participant == participant)
    }

    /// The queue in the order speakers will be called: points of order, then
    /// replies (each in the order they came), then the other hands as the policy orders them.
    pub fn queue<'a>(&'a self, cohort: &[Participant]) -> Vec<&'a Raised> {
        let of = |hand: Hand| self.raised.iter().filter(move |raised| raised.hand == hand);
        let mut queue: Vec<&Raised> = of(Hand::PointOfOrder).chain(of(Hand::Reply)).collect();
        let normal: Vec<&Raised> = of(Hand::Normal).collect();
        match self.policy {
            QueuePolicy::FirstCome => queue.extend(normal),
            QueuePolicy::FirstTimeFirst => {
                let (first, again): (Vec<&Raised>, Vec<&Raised>) =
                    normal.into_iter().partition(|raised| !self.has_spoken(&raised.participant));
                queue.extend(first);
                queue.extend(again);
            }
            QueuePolicy::Alternate => {
                let attribute = |id: &str| -> Option<&str> {
                    let key = self.alternate_by.as_deref()?;
                    cohort.iter().find(|p| p.id == id)?.attributes.get(key).map(String::as_str)
                };
                let mut last = self.turns.last().and_then(|turn| attribute(&turn.participant));
                let mut rest = normal;
                while !rest.is_empty() {
                    let pick =
                        rest.iter().position(|raised| attribute(&raised.participant) != last).unwrap_or(0);
                    let raised = rest.remove(pick);
                    last = attribute(&raised.participant);
                    queue.push(raised);
                }
            }
        }
        queue
    }

    /// Talk time per participant by `now`, including the turn in progress.
    pub fn talk_time(&self, now: Timestamp) -> BTreeMap<&str, TimeDelta> {
        let mut totals: BTreeMap<&str, TimeDelta> = BTreeMap::new();
        for turn in &self.turns {
            *totals.entry(turn.participant.as_str()).or_insert_with(TimeDelta::zero) += turn.length(now);
        }
        totals
    }

    pub(super) fn raise(&mut self, participant: &str, hand: Hand, at: Timestamp) {
        self.raised.retain(|raised| raised.participant != participant);
        self.raised.push(Raised { participant: participant.to_string(), hand, at });
    }

    pub(super) fn withdraw(&mut self, participant: &str) {
        self.raised.retain(|raised| raised.participant != participant);
    }

    pub(super) fn move_to(&mut self, participant: &str, position: usize) {
        if let Some(from) = self.raised.iter().position(|raised| raised.participant == participant) {
            let raised = self.raised.remove(from);
            self.raised.insert(position.min(self.raised.len()), raised);
        }
    }

    pub(super) fn start_turn(&mut self, participant: &str, hand: Hand, at: Timestamp) {
        self.end_turn(at);
        self.withdraw(participant);
        self.turns.push(Turn { participant: participant.to_string(), hand, started: at, ended: None });
    }

    pub(super) fn end_turn(&mut self, at: Timestamp) {
        if let Some(turn) = self.turns.last_mut().filter(|turn| turn.ended.is_none()) {
            turn.ended = Some(at.max(turn.started));
        }
    }
}

/// Splits an action item typed as `text @owner due` into its parts: the owner
/// is a participant whose id, initials or name starts with what follows `@`
/// (else that word as free text); a last word `31.12.2022`, `31.12.` or
/// `2022-12-31` is the due date (the year of `today` when left out).
pub fn parse_action(input: &str, cohort: &[Participant], today: NaiveDate) -> Capture {
    let mut words: Vec<&str> = input.split_whitespace().collect();
    let due = words.last().and_then(|word| parse_date(word, today));
    if due.is_some() {
        words.pop();
    }
    let mut owner = None;
    if let Some(at) = words.iter().rposition(|word| word.starts_with('@') && word.len() > 1) {
        let handle = words.remove(at).trim_start_matches('@');
        owner = Some(find_participant(handle, cohort).map_or_else(|| handle.to_string(), |p| p.id.clone()));
    }
    Capture::Action { text: words.join(" "), owner, due }
}

fn parse_date(word: &str, today: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(word, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(word, "%d.%m.%Y"))
        .ok()
        .or_else(|| {
            let (day, month) = word.strip_suffix('.')?.split_once('.')?;
            NaiveDate::from_ymd_opt(today.year(), month.parse().ok()?, day.parse().ok()?)
        })
}

/// The participant a few typed letters mean: an exact id or initials first,
/// then the only one whose name or organisation contains the letters.
pub fn find_participant<'a>(typed: &str, cohort: &'a [Participant]) -> Option<&'a Participant> {
    let typed = typed.to_lowercase();
    cohort
        .iter()
        .find(|p| p.id.to_lowercase() == typed || p.short.as_ref().is_some_and(|s| s.to_lowercase() == typed))
        .or_else(|| {
            let matches: Vec<&Participant> = cohort.iter().filter(|p| matches_typed(p, &typed)).collect();
            (matches.len() == 1).then(|| matches[0])
        })
}

/// The participants a type-ahead picker offers for what was typed, in cohort order.
pub fn picker_matches<'a>(cohort: &'a [Participant], typed: &str) -> Vec<&'a Participant> {
    let typed = typed.trim().to_lowercase();
    cohort.iter().filter(|p| matches_typed(p, &typed)).collect()
}

/// Whether what was typed (lowercase) occurs in the participant's name,
/// organisation, initials or id; the type-ahead picker filters with this.
pub fn matches_typed(participant: &Participant, typed: &str) -> bool {
    let fields = [
        Some(participant.name.as_str()),
        Some(participant.organisation.as_str()),
        participant.short.as_deref(),
        Some(participant.id.as_str()),
    ];
    fields.into_iter().flatten().any(|field| field.to_lowercase().contains(typed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use rstest::rstest;

    fn person(id: &str, name: &str, group: &str) -> Participant {
        Participant {
            id: id.into(),
            name: name.into(),
            organisation: format!("Amt {id}"),
            role: "Leitung".into(),
            short: Some(id.to_uppercase()),
            attributes: [("gruppe".to_string(), group.to_string())].into(),
        }
    }

    fn cohort() -> Vec<Participant> {
        vec![
            person("ab", "Anna Albers", "A"),
            person("bb", "Bernd Bauer", "A"),
            person("cc", "Carla Conrad", "B"),
            person("dd", "Dieter Dahl", "B"),
        ]
    }

    fn t(secs: i64) -> Timestamp {
        DateTime::parse_from_rfc3339("2022-11-28T10:50:00+01:00").unwrap() + TimeDelta::seconds(secs)
    }

    fn state(policy: QueuePolicy) -> DiscussionState {
        DiscussionState::new(&Discussion {
            questions: vec!["Warum?".into()],
            speaker_limit_secs: Some(120),
            policy,
            alternate_by: Some("gruppe".into()),
        })
    }

    fn order(state: &DiscussionState) -> Vec<&str> {
        state.queue(&cohort()).iter().map(|raised| raised.participant.as_str()).collect()
    }

    /// Bernd has spoken; then Anna, Bernd, Carla and Dieter raise their hands in that order.
    fn after_bernd(policy: QueuePolicy) -> DiscussionState {
        let mut state = state(policy);
        state.start_turn("bb", Hand::Normal, t(0));
        state.end_turn(t(60));
        for (i, id) in ["ab", "bb", "cc", "dd"].into_iter().enumerate() {
            state.raise(id, Hand::Normal, t(61 + i as i64));
        }
        state
    }

    #[rstest]
    #[case::first_come(QueuePolicy::FirstCome, vec!["ab", "bb", "cc", "dd"])]
    #[case::first_time_first(QueuePolicy::FirstTimeFirst, vec!["ab", "cc", "dd", "bb"])]
    // The last speaker was group A: B, A, B, A.
    #[case::alternate(QueuePolicy::Alternate, vec!["cc", "ab", "dd", "bb"])]
    fn each_policy_orders_the_queue(#[case] policy: QueuePolicy, #[case] expected: Vec<&str>) {
        assert_eq!(order(&after_bernd(policy)), expected);
    }

    #[rstest]
    fn replies_and_points_of_order_go_first_under_every_policy(
        #[values(QueuePolicy::FirstCome, QueuePolicy::FirstTimeFirst, QueuePolicy::Alternate)]
        policy: QueuePolicy,
    ) {
        let mut state = after_bernd(policy);
        state.raise("dd", Hand::Reply, t(70));
        state.raise("ab", Hand::PointOfOrder, t(71));
        let queue = order(&state);
        assert_eq!(queue[..2], ["ab", "dd"]);
        assert_eq!(queue.len(), 4, "a reply replaces the same person's earlier hand");
    }

    #[test]
    fn a_turn_takes_the_speaker_off_the_queue_and_ends_the_one_before() {
        let mut state = after_bernd(QueuePolicy::FirstCome);
        state.start_turn("ab", Hand::Normal, t(100));
        state.start_turn("cc", Hand::Normal, t(160));
        assert_eq!(order(&state), ["bb", "dd"]);
        assert_eq!(state.turns[1].ended, Some(t(160)));
        assert_eq!(state.speaking().map(|turn| turn.participant.as_str()), Some("cc"));
        let talk = state.talk_time(t(190));
        assert_eq!(talk["ab"], TimeDelta::seconds(60));
        assert_eq!(talk["bb"], TimeDelta::seconds(60));
        assert_eq!(talk["cc"], TimeDelta::seconds(30));
    }

    #[test]
    fn moving_and_withdrawing_change_the_order_of_arrival() {
        let mut state = after_bernd(QueuePolicy::FirstCome);
        state.move_to("dd", 0);
        state.withdraw("bb");
        assert_eq!(order(&state), ["dd", "ab", "cc"]);
    }

    #[rstest]
    #[case("Pilot vorbereiten @cc 31.12.2022", "Pilot vorbereiten", Some("cc"), Some((2022, 12, 31)))]
    #[case("Pilot vorbereiten @Dahl 15.1.", "Pilot vorbereiten", Some("dd"), Some((2022, 1, 15)))]
    #[case("Bericht an die AL-Runde @Referat 2023-02-01", "Bericht an die AL-Runde", Some("Referat"), Some((2023, 2, 1)))]
    #[case("Termin finden", "Termin finden", None, None)]
    fn action_items_take_an_owner_and_a_due_date(
        #[case] input: &str,
        #[case] text: &str,
        #[case] owner: Option<&str>,
        #[case] due: Option<(i32, u32, u32)>,
    ) {
        let today = NaiveDate::from_ymd_opt(2022, 11, 28).unwrap();
        assert_eq!(
            parse_action(input, &cohort(), today),
            Capture::Action {
                text: text.into(),
                owner: owner.map(String::from),
                due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            }
        );
    }

    #[test]
    fn a_few_letters_find_a_participant() {
        let cohort = cohort();
        assert_eq!(find_participant("CC", &cohort).map(|p| p.id.as_str()), Some("cc"));
        assert_eq!(find_participant("conr", &cohort).map(|p| p.id.as_str()), Some("cc"));
        // "a" is in every name: no single match.
        assert_eq!(find_participant("a", &cohort).map(|p| p.id.as_str()), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Talk time adds up to the turns: no second is lost or counted twice.
            #[test]
            fn talk_time_sums_to_the_turns(steps in prop::collection::vec((0usize..4, 1i64..300, any::<bool>()), 0..40)) {
                let ids = ["ab", "bb", "cc", "dd"];
                let mut state = state(QueuePolicy::FirstCome);
                let mut now = t(0);
                for (who, gap, end) in steps {
                    now += TimeDelta::seconds(gap);
                    if end {
                        state.end_turn(now);
                    } else {
                        state.start_turn(ids[who], Hand::Normal, now);
                    }
                }
                let later = now + TimeDelta::seconds(17);
                let total: TimeDelta = state.talk_time(later).values().copied().sum();
                let turns: TimeDelta = state.turns.iter().map(|turn| turn.length(later)).sum();
                prop_assert_eq!(total, turns);
                // Turns never overlap: one speaker at a time.
                for pair in state.turns.windows(2) {
                    prop_assert!(pair[0].ended.is_some_and(|ended| ended <= pair[1].started));
                }
            }
        }
    }
}
