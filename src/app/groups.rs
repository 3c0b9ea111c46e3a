//! `moderato groups`: the groups the engine would form now for a station,
//! honouring what the journey's earlier stations (and this station's own
//! log) recorded, for table cards printed the evening before.

use std::path::PathBuf;

use crate::core::contacts::Contacts;
use crate::core::grouping::{self, Request};
use crate::core::session::Session;
use crate::i18n::{ExchangeLabel, GroupsMsg, Lang};
use crate::plan::{self, Method, PlanError};
use crate::store;

/// What `moderato groups` was asked.
#[derive(Debug, Clone)]
pub struct GroupsOptions {
    pub journey: PathBuf,
    pub station: String,
    pub size: usize,
    pub rounds: usize,
    pub seed: u64,
    pub absent: Vec<String>,
    pub json: bool,
}

#[derive(Debug)]
pub enum GroupsError {
    Plan(PlanError),
    /// An impossible request: exit 2 with this message.
    Invalid(GroupsMsg),
}

/// The groups as text (or JSON), ready to print.
pub fn groups(options: &GroupsOptions, lang: Lang) -> Result<String, GroupsError> {
    let loaded = plan::load(&options.journey).map_err(GroupsError::Plan)?;
    let journey = &loaded.journey;
    let Some(station) = journey.station(&options.station) else {
        return Err(GroupsError::Invalid(GroupsMsg::UnknownStation { station: options.station.clone() }));
    };
    if let Some(unknown) = options.absent.iter().find(|id| !journey.participants.iter().any(|p| &p.id == *id))
    {
        return Err(GroupsError::Invalid(GroupsMsg::UnknownId { id: unknown.clone() }));
    }
    let logs = store::logs_dir(loaded.file.parent().unwrap_or(std::path::Path::new(".")));
    let (history, _unread) = store::read_history(&logs, journey, &station.id);
    let mut contacts = Contacts::of_journey(&history);
    // The station's own groups count too when it has begun.
    if let Ok(Some((log, _))) = store::read_log(&logs, &station.id) {
        contacts.add_session(&log.station.id, &Session::replay(&log.plan, &log.cohort, &log.events));
    }
    let present: Vec<&plan::Participant> =
        journey.participants.iter().filter(|p| !options.absent.contains(&p.id)).collect();
    let never_together = station
        .blocks
        .iter()
        .filter_map(|block| match &block.method {
            Method::Exchange(exchange) => Some(exchange.never_together.clone()),
            Method::Plain | Method::Discussion(_) | Method::Consultation(_) | Method::Reflection(_) => None,
        })
        .flatten()
        .filter(|(a, b)| !options.absent.contains(a) && !options.absent.contains(b))
        .collect();
    let request = Request {
        people: present.iter().map(|p| p.id.clone()).collect(),
        size: options.size,
        rounds: options.rounds,
        allow_larger: false,
        organisations: present.iter().map(|p| (p.id.clone(), p.organisation.clone())).collect(),
        never_together,
        hosts: Vec::new(),
        seed: options.seed,
    };
    let schedule =
        grouping::form(&request, &contacts).map_err(|err| GroupsError::Invalid(GroupsMsg::Failed(err)))?;
    let quality = &schedule.quality;
    if options.json {
        let json = serde_json::json!({
            "rounds": schedule.rounds,
            "repeated_pairs": quality.repeated_pairs(),
            "new_pairs": quality.new_pairs(),
        });
        return Ok(format!("{json}\n"));
    }
    let name = |id: &String| {
        journey
            .participants
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(|| id.clone(), |p| format!("{} ({id})", p.name))
    };
    let place = if station.format == plan::Format::Online {
        ExchangeLabel::BreakoutRoom
    } else {
        ExchangeLabel::Table
    };
    let mut out = String::new();
    for (index, round) in schedule.rounds.iter().enumerate() {
        let headline =
            GroupsMsg::Round { round: index + 1, repeated: quality.repeated[index], new: quality.new[index] };
        out.push_str(&format!("{}\n", headline.text(lang)));
        for (table, group) in round.iter().enumerate() {
            let members: Vec<String> = group.iter().map(name).collect();
            out.push_str(&format!("  {} {}: {}\n", place.text(lang), table + 1, members.join(", ")));
        }
        out.push('\n');
    }
    let total = GroupsMsg::Total { repeated: quality.repeated_pairs(), new: quality.new_pairs() };
    out.push_str(&format!("{}\n", total.text(lang)));
    Ok(out)
}
