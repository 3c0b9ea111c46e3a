//! The station's time zone: planned instants on the station's date in the
//! plan's zone, daylight saving included, whatever offset `now` comes with;
//! and the zone named, validated and assumed by the plan loader.
#![allow(clippy::unwrap_used)]

use chrono::DateTime;
use moderato::agenda::{Audience, markdown};
use moderato::core::Timestamp;
use moderato::core::agenda::{project, round_minutes};
use moderato::core::command::Command;
use moderato::core::event::{AnchorMode, Envelope, Event};
use moderato::core::session::Session;
use moderato::i18n::{Lang, Msg, PlanMsg};
use moderato::plan::{self, Journey, Zone};
use uuid::Uuid;

/// A day from 08:00 with a pinned lunch at 12:30, on `date`, in Berlin.
fn plan(date: &str, start: &str, extra: &str) -> Journey {
    let source = format!(
        r#"
id = "j"
title = "Journey"
timezone = "Europe/Berlin"
{extra}
[[participants]]
id = "p1"
name = "Ada"
organisation = "Amt"
role = "Leitung"

[[stations]]
id = "s1"
title = "Tag"
date = "{date}"
start = "{start}"
end = "23:00"
place = "Raum"
format = "in-person"

[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "1h"

[[stations.blocks]]
kind = "break"
title = "Mittag"
duration = "1h"
fixed_start = "12:30"
"#
    );
    plan::parse(&source).unwrap().0
}

fn instant(text: &str) -> Timestamp {
    DateTime::parse_from_rfc3339(text).unwrap()
}

fn clock(at: Timestamp) -> String {
    at.format("%H:%M").to_string()
}

fn run(session: &mut Session, now: Timestamp, command: &Command) {
    for event in session.decide(command, now).unwrap() {
        let envelope = Envelope { id: Uuid::nil(), seq: session.last_seq + 1, at: now, event };
        session.apply(&envelope);
    }
}

#[test]
fn the_last_sunday_of_october_starts_in_winter_time() {
    let journey = plan("2022-10-30", "09:00", "");
    let session = Session::new(&journey.stations[0], &journey.participants);
    // The laptop's clock says 07:00 UTC, the night after the switch back.
    let now = instant("2022-10-30T07:00:00Z");
    assert_eq!(session.planned_instant(now), instant("2022-10-30T09:00:00+01:00"));
    let projection = project(&session, now);
    let starts: Vec<String> = projection.rows.iter().map(|row| clock(row.start)).collect();
    assert_eq!(starts, ["09:00", "12:30"]);
    assert_eq!(projection.rows[1].start, instant("2022-10-30T12:30:00+01:00"));
}

#[test]
fn the_last_sunday_of_march_starts_in_summer_time() {
    let journey = plan("2023-03-26", "09:00", "");
    let session = Session::new(&journey.stations[0], &journey.participants);
    let now = instant("2023-03-26T06:00:00Z");
    assert_eq!(session.planned_instant(now), instant("2023-03-26T09:00:00+02:00"));
    let projection = project(&session, now);
    assert_eq!(projection.rows[1].start, instant("2023-03-26T12:30:00+02:00"));
    assert_eq!(clock(projection.planned_end), "13:30");
}

#[test]
fn a_station_across_the_switch_keeps_its_pinned_clock_time() {
    // 01:00 is still summer time, 12:30 is winter time: the first block's hour
    // and the hour the clocks go back both lie between them.
    let journey = plan("2022-10-30", "01:00", "");
    let session = Session::new(&journey.stations[0], &journey.participants);
    let now = instant("2022-10-29T22:00:00Z");
    assert_eq!(session.planned_instant(now), instant("2022-10-30T01:00:00+02:00"));
    let projection = project(&session, now);
    assert_eq!(projection.rows[1].start, instant("2022-10-30T12:30:00+01:00"));
    assert_eq!(clock(projection.rows[1].start), "12:30");
}

#[test]
fn a_laptop_set_to_another_zone_still_starts_the_station_on_berlin_time() {
    let journey = plan("2022-11-28", "09:00", "");
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    // 03:00 in New York is 09:00 in Berlin: the station's day, on its planned clock.
    let now = instant("2022-11-28T03:00:00-05:00");
    run(&mut session, now, &Command::StartPause);
    let anchor = session.anchor.unwrap();
    assert_eq!(anchor.mode, AnchorMode::Planned);
    assert_eq!(anchor.start, instant("2022-11-28T09:00:00+01:00"));
    let projection = project(&session, now);
    assert_eq!(clock(projection.rows[1].start), "12:30");
    // 20:00 in New York on the 27th is already the 28th in Berlin.
    let session = Session::new(&journey.stations[0], &journey.participants);
    let evening = instant("2022-11-27T20:00:00-05:00");
    let events = session.decide(&Command::StartPause, evening).unwrap();
    assert!(
        events.iter().any(|event| matches!(
            event,
            Event::StationStarted { anchor } if anchor.mode == AnchorMode::Planned
        )),
        "{events:?}"
    );
}

#[test]
fn a_station_may_name_its_own_zone() {
    let source = plan("2022-11-28", "09:00", "").stations[0].clone();
    assert_eq!(source.timezone, Zone::from_name("Europe/Berlin"));
    let journey = plan::parse(
        r#"
id = "j"
title = "Journey"
timezone = "Europe/Berlin"

[[stations]]
id = "s1"
title = "Online"
date = "2023-01-17"
start = "14:00"
end = "15:00"
place = "Online"
timezone = "Europe/Lisbon"
format = "online"

[[stations.blocks]]
kind = "impulse"
title = "Impuls"
duration = "1h"
"#,
    )
    .unwrap()
    .0;
    let station = &journey.stations[0];
    assert_eq!(station.timezone.map(Zone::name), Some("Europe/Lisbon"));
    let session = Session::new(station, &[]);
    assert_eq!(
        session.planned_instant(instant("2023-01-17T10:00:00Z")),
        instant("2023-01-17T14:00:00+00:00")
    );
}

#[test]
fn a_zone_that_does_not_exist_is_an_error_at_its_place() {
    let source = r#"id = "j"
title = "Journey"
timezone = "Europe/Berlim"
"#;
    let problems = plan::parse(source).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!((problems[0].line, problems[0].column), (3, 12));
    assert_eq!(
        problems[0].msg,
        Msg::Plan(PlanMsg::UnknownTimezone { text: "Europe/Berlim".into(), suggestion: None })
    );
    assert!(problems[0].msg.text(Lang::En).contains("e.g. \"Europe/Berlin\""));
    let problems = plan::parse(&source.replace("Europe/Berlim", "europe/berlin")).unwrap_err();
    assert_eq!(
        problems[0].msg.text(Lang::En),
        "unknown time zone \"europe/berlin\": did you mean \"Europe/Berlin\"?"
    );
}

#[test]
fn a_plan_without_a_zone_takes_the_one_it_is_given_and_says_so() {
    let source = r#"id = "j"
title = "Journey"

[[stations]]
id = "s1"
title = "Tag"
date = "2023-01-17"
start = "14:00"
end = "15:00"
place = "Raum"
format = "in-person"
"#;
    let (mut journey, _) = plan::parse(source).unwrap();
    assert_eq!(journey.stations[0].timezone, None);
    let tokyo = Zone::from_name("Asia/Tokyo").unwrap();
    assert_eq!(plan::assume_zone(&mut journey, tokyo), Some(tokyo));
    assert_eq!(journey.stations[0].timezone, Some(tokyo));
    // A plan that names its zone assumes nothing.
    let mut named = plan("2022-11-28", "09:00", "");
    assert_eq!(plan::assume_zone(&mut named, tokyo), None);
}

#[test]
fn instants_a_log_recorded_with_another_offset_are_shown_in_the_stations_zone() {
    let journey = plan("2022-11-28", "09:00", "");
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    // A laptop on UTC recorded the start: 08:05 UTC is 09:05 in Berlin.
    run(&mut session, instant("2022-11-28T08:05:00Z"), &Command::StartPause);
    let projection = project(&session, instant("2022-11-28T08:10:00Z"));
    assert_eq!(clock(projection.rows[0].start), "09:05");
    assert_eq!(clock(projection.rows[0].end), "10:05");
    assert_eq!(projection.rows[0].planned_start.map(clock).as_deref(), Some("09:00"));
    assert_eq!(clock(projection.expected_end), "13:30");
}

/// A station in Berlin from 01:00 on `date`, with `blocks` (TOML of
/// `[[stations.blocks]]` tables): a night across a switch of the clocks.
fn night(date: &str, blocks: &str) -> Journey {
    let source = format!(
        r#"
id = "j"
title = "Journey"
language = "en"
timezone = "Europe/Berlin"

[[stations]]
id = "s1"
title = "Nacht"
date = "{date}"
start = "01:00"
end = "23:00"
place = "Raum"
format = "in-person"
{blocks}"#
    );
    plan::parse(&source).unwrap().0
}

fn block(title: &str, duration: &str, fixed: Option<&str>) -> String {
    let fixed = fixed.map(|at| format!("fixed_start = \"{at}\"\n")).unwrap_or_default();
    format!(
        "\n[[stations.blocks]]\nkind = \"custom\"\ntitle = \"{title}\"\nduration = \"{duration}\"\n{fixed}"
    )
}

fn minutes(delta: Option<chrono::TimeDelta>) -> Option<i64> {
    delta.map(round_minutes)
}

#[test]
fn after_the_clocks_go_back_the_plan_column_shows_the_plans_wall_clock() {
    // 01:00 and 4 hours: the plan, the run sheet and the participants'
    // calendars say 05:00 for the next block, though 5 hours pass on the
    // night the clocks go back at 03:00. Run for its 4 hours, the first
    // block really ends at 04:00: the "now" column shows that.
    let journey = night("2022-10-30", &(block("A", "4h", None) + &block("B", "1h", None)));
    let session = Session::new(&journey.stations[0], &journey.participants);
    let projection = project(&session, instant("2022-10-29T22:00:00Z"));
    let second = projection.rows[1];
    assert_eq!(second.planned_start, Some(instant("2022-10-30T05:00:00+01:00")));
    assert_eq!(second.planned_start.map(clock).as_deref(), Some("05:00"));
    assert_eq!(second.start, instant("2022-10-30T04:00:00+01:00"));
    assert_eq!(clock(projection.planned_end), "06:00");
    assert_eq!(clock(projection.expected_end), "05:00");
}

#[test]
fn after_the_clocks_jump_forward_the_plan_column_shows_the_plans_wall_clock() {
    // 01:00 and 4 hours is 05:00 by the plan; the night is an hour shorter,
    // so run for its 4 hours the first block ends at 06:00.
    let journey = night("2023-03-26", &(block("A", "4h", None) + &block("B", "1h", None)));
    let session = Session::new(&journey.stations[0], &journey.participants);
    let projection = project(&session, instant("2023-03-25T23:00:00Z"));
    let second = projection.rows[1];
    assert_eq!(second.planned_start, Some(instant("2023-03-26T05:00:00+02:00")));
    assert_eq!(second.start, instant("2023-03-26T06:00:00+02:00"));
    assert_eq!(clock(projection.planned_end), "06:00");
}

#[test]
fn the_lateness_across_the_switch_is_measured_against_the_plans_clock_times() {
    let blocks = block("A", "4h", None) + &block("B", "1h", None) + &block("Mittag", "1h", Some("12:30"));
    // Back in October: half an hour late at 01:30, yet B ends at 05:30 by
    // the clock where the plan has it end at 06:00; half an hour early.
    let journey = night("2022-10-30", &blocks);
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    let late = instant("2022-10-29T23:30:00Z");
    run(&mut session, late, &Command::StartPause);
    assert_eq!(session.anchor.map(|anchor| anchor.mode), Some(AnchorMode::Planned));
    let projection = project(&session, late);
    assert_eq!(clock(projection.rows[2].start), "12:30");
    assert_eq!(minutes(projection.behind), Some(-30));
    // Forward in March, with nothing pinned: started on time, the day ends
    // an hour after the plan's 06:00, the hour the night does not have.
    let journey = night("2023-03-26", &(block("A", "4h", None) + &block("B", "1h", None)));
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    let on_time = instant("2023-03-26T00:00:00Z");
    run(&mut session, on_time, &Command::StartPause);
    let projection = project(&session, on_time);
    assert_eq!(clock(projection.expected_end), "07:00");
    assert_eq!(minutes(projection.behind), Some(60));
    assert_eq!(minutes(projection.drift), Some(60));
}

#[test]
fn the_buffer_before_a_fixed_start_across_the_switch_is_real_time() {
    // A ends at 02:00 summer time; the pin is at 04:00 winter time, three hours later.
    let blocks = block("A", "1h", None) + &block("Bus", "30m", Some("04:00"));
    let journey = night("2022-10-30", &blocks);
    let sheet = markdown(&journey, &[&journey.stations[0]], Audience::Facilitator);
    assert!(sheet.contains("180 min buffer before the fixed start at 04:00"), "{sheet}");
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    run(&mut session, instant("2022-10-29T23:00:00Z"), &Command::StartPause);
    let projection = project(&session, instant("2022-10-29T23:00:00Z"));
    assert_eq!(projection.rows[1].start - projection.rows[0].end, chrono::TimeDelta::hours(3));
    // The plan puts A's end three hours before the pin: the day is on time.
    assert_eq!(minutes(projection.behind), Some(0));
    // In March 02:00 is 03:00 summer time: one hour before 04:00.
    let journey = night("2023-03-26", &blocks);
    let sheet = markdown(&journey, &[&journey.stations[0]], Audience::Facilitator);
    assert!(sheet.contains("60 min buffer before the fixed start at 04:00"), "{sheet}");
}

#[test]
fn re_anchoring_across_the_switch_puts_the_current_block_on_the_plans_clock() {
    let journey = night("2022-10-30", &(block("A", "4h", None) + &block("B", "1h", None)));
    let mut session = Session::new(&journey.stations[0], &journey.participants);
    run(&mut session, instant("2022-10-29T23:00:00Z"), &Command::StartPause);
    // A runs 4 hours and B starts at 04:00 winter time, an hour before the plan's 05:00.
    let next = instant("2022-10-30T03:00:00Z");
    run(&mut session, next, &Command::NextBlock);
    run(&mut session, next, &Command::Reanchor);
    let projection = project(&session, next);
    assert_eq!(projection.rows[1].planned_start, Some(projection.rows[1].start));
    assert_eq!(minutes(projection.behind), Some(0));
}
