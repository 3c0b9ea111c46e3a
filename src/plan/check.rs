//! The report of `moderato check`: every station with its planned times.

use std::fmt::Write;

use super::load::LoadedPlan;
use super::load::Severity;
use super::model::{Format, Method, minute_of_day};
use super::model::{fmt_duration, fmt_minute_of_day};
use super::schedule::planned_slots;
use crate::i18n::PlanMsg;
use crate::i18n::{Lang, Msg};

/// The journey, each station with the computed start and end of every block,
/// then the warnings (if any).
pub fn check_report(plan: &LoadedPlan, lang: Lang) -> String {
    let journey = &plan.journey;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} ({}) · {} · {}",
        journey.title,
        journey.id,
        Msg::Plan(PlanMsg::CheckParticipants { count: journey.participants.len() }).text(lang),
        Msg::Plan(PlanMsg::CheckStations { count: journey.stations.len() }).text(lang),
    );
    for station in &journey.stations {
        let format = match station.format {
            Format::InPerson => Msg::Plan(PlanMsg::FormatInPerson),
            Format::Online => Msg::Plan(PlanMsg::FormatOnline),
        };
        let _ = writeln!(
            out,
            "\n{} · {} · {} {}–{}{} · {} · {}",
            station.id,
            station.title,
            station.date.format("%Y-%m-%d"),
            station.start.format("%H:%M"),
            station.end.format("%H:%M"),
            station.timezone.map(|zone| format!(" {}", zone.name())).unwrap_or_default(),
            station.place,
            format.text(lang),
        );
        let slots = planned_slots(station);
        let kind_width = station.blocks.iter().map(|block| block.kind.key().len()).max().unwrap_or(0);
        for (block, slot) in station.blocks.iter().zip(&slots) {
            let mut fixed = match block.fixed_start {
                Some(_) => format!("  [{}]", Msg::Plan(PlanMsg::FixedMark).text(lang)),
                None => String::new(),
            };
            if let Method::Reflection(reflection) = &block.method {
                fixed.push_str(&reflection_format(reflection, lang));
            }
            let _ = writeln!(
                out,
                "  {}–{}  {:>10}  {:kind_width$}  {}{}",
                fmt_minute_of_day(slot.start),
                fmt_minute_of_day(slot.end),
                fmt_duration(block.minutes),
                block.kind.key(),
                block.title,
                fixed,
            );
        }
        let station_end = minute_of_day(station.end);
        let agenda_end = slots.last().map_or(minute_of_day(station.start), |slot| slot.end);
        let end_text = fmt_minute_of_day(agenda_end);
        let verdict = match agenda_end.cmp(&station_end) {
            std::cmp::Ordering::Less => Msg::Plan(PlanMsg::AgendaEndsEarly {
                agenda_end: end_text,
                minutes: station_end - agenda_end,
            }),
            std::cmp::Ordering::Equal => Msg::Plan(PlanMsg::AgendaEndsOnTime { agenda_end: end_text }),
            std::cmp::Ordering::Greater => {
                Msg::Plan(PlanMsg::AgendaEndsLate { agenda_end: end_text, minutes: agenda_end - station_end })
            }
        };
        let _ = writeln!(out, "  {}", verdict.text(lang));
    }
    out.push('\n');
    for warning in plan.warnings.iter().filter(|problem| problem.severity == Severity::Warning) {
        let _ = writeln!(out, "{}", warning.render(&plan.file, lang));
    }
    if let Some(zone) = plan.assumed_zone {
        let msg = Msg::Plan(PlanMsg::ZoneAssumed { zone: zone.name().to_string() });
        let label = Msg::Plan(PlanMsg::Warning).text(lang);
        let _ = writeln!(out, "{}: {label}: {}", plan.file.display(), msg.text(lang));
    }
    let warnings = plan.warnings.len() + usize::from(plan.assumed_zone.is_some());
    if warnings == 0 {
        let _ = writeln!(out, "{}", Msg::Plan(PlanMsg::CheckClean).text(lang));
    } else {
        let _ = writeln!(out, "{}", Msg::Plan(PlanMsg::CheckProblems { errors: 0, warnings }).text(lang));
    }
    out
}

/// A reflection's format as `check` names it: `  [Silent reflection + Blitzlicht]`.
fn reflection_format(reflection: &super::model::Reflection, lang: Lang) -> String {
    use crate::core::{catalogue, method::MethodKind};
    let Some(content) = catalogue::method(MethodKind::Reflection) else { return String::new() };
    let Some(format) = content.format(reflection.format.key()) else { return String::new() };
    let mut name = format.name.get(lang).to_string();
    let closing = content.format(super::model::ReflectionFormat::Blitzlicht.key());
    if reflection.blitzlicht == Some(true)
        && format.phases.iter().all(|phase| !phase.round)
        && let Some(closing) = closing
    {
        name.push_str(&format!(" + {}", closing.name.get(lang)));
    }
    format!("  [{name}]")
}
