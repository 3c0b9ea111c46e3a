//! `moderato groups`: the groups the engine would form now for a station,
//! honouring what the journey's earlier stations (and this station's own
//! log) recorded, for table cards printed the evening before.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::core::contacts::Contacts;
use crate::core::grouping::{self, Budget, Ended, Progress, Request};
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
    /// The most seconds the search may take (`--time`).
    pub time: f64,
}

/// How long a search runs before the terminal shows its progress.
const QUIET: Duration = Duration::from_millis(500);

#[derive(Debug)]
pub enum GroupsError {
    Plan(PlanError),
    /// An impossible request: exit 2 with this message.
    Invalid(GroupsMsg),
}

/// The groups as text (or JSON), ready to print.
pub fn groups(options: &GroupsOptions, lang: Lang) -> Result<String, GroupsError> {
    if !(options.time.is_finite() && options.time > 0.0 && options.time <= 3600.0) {
        return Err(GroupsError::Invalid(GroupsMsg::Time));
    }
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
    let started = Instant::now();
    let cap = Duration::from_secs_f64(options.time);
    let terminal = std::io::stderr().is_terminal();
    let mut shown = false;
    let mut go_on = |progress: Progress| {
        let elapsed = started.elapsed();
        if terminal && elapsed >= QUIET {
            // Whichever is further: the steps or the clock.
            let by_steps = progress.steps.saturating_mul(100) / progress.budget.max(1);
            let by_clock = u64::try_from(elapsed.as_millis() * 100 / cap.as_millis().max(1)).unwrap_or(100);
            let percent = by_steps.max(by_clock).min(99);
            eprint!("\r{}", GroupsMsg::Searching { percent }.text(lang));
            let _flushed = std::io::stderr().flush();
            shown = true;
        }
        elapsed < cap
    };
    let formed = grouping::form_within(&request, &contacts, Budget::seconds(options.time), &mut go_on);
    if shown {
        // The progress line goes away again.
        eprint!("\r\x1b[2K");
    }
    let schedule = formed.map_err(|err| GroupsError::Invalid(GroupsMsg::Failed(err)))?;
    let quality = &schedule.quality;
    if options.json {
        let ended = match schedule.ended {
            Ended::Bound => "bound",
            Ended::Steps => "steps",
            Ended::Cap => "time",
        };
        let repeats: Vec<[&String; 2]> = quality.repeats.iter().flatten().map(|(a, b)| [a, b]).collect();
        let json = serde_json::json!({
            "rounds": schedule.rounds,
            "repeated_pairs": quality.repeated_pairs(),
            "new_pairs": quality.new_pairs(),
            "repeats": repeats,
            "lower_bound": schedule.lower_bound,
            "optimal": schedule.optimal,
            "ended": ended,
            "seed": options.seed,
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
    let short = |id: &String| {
        journey.participants.iter().find(|p| &p.id == id).map_or_else(|| id.clone(), |p| p.name.clone())
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
        if let Some(pairs) = quality.repeats.get(index).filter(|pairs| !pairs.is_empty()) {
            let pairs = pairs.iter().map(|(a, b)| (short(a), short(b))).collect();
            out.push_str(&format!("  {}\n", GroupsMsg::Again { pairs }.text(lang)));
        }
        out.push('\n');
    }
    let total = GroupsMsg::Total { repeated: quality.repeated_pairs(), new: quality.new_pairs() };
    out.push_str(&format!("{}\n", total.text(lang)));
    let verdict = if schedule.optimal {
        GroupsMsg::Optimal { bound: schedule.lower_bound }
    } else {
        GroupsMsg::AboveBound {
            bound: schedule.lower_bound,
            above: quality.repeated_pairs().saturating_sub(schedule.lower_bound),
        }
    };
    out.push_str(&format!("{}\n", verdict.text(lang)));
    match schedule.ended {
        Ended::Cap => out.push_str(&format!(
            "{}\n",
            GroupsMsg::TimeUp { millis: cap.as_millis().try_into().unwrap_or(u64::MAX) }.text(lang)
        )),
        Ended::Bound | Ended::Steps => {}
    }
    Ok(out)
}
