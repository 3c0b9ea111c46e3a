//! The station's time zone: planned instants on the station's date in the
//! plan's zone, daylight saving included, whatever offset `now` comes with;
//! and the zone named, validated and assumed by the plan loader.
#![allow(clippy::unwrap_used)]

use chrono::DateTime;
use moderato::core::Timestamp;
use moderato::core::agenda::project;
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
