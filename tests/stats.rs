//! The statistics of the fixture journey (`tests/fixtures/journey`, recorded
//! by `tests/fixture_journey.rs`), each figure checked by hand from the
//! instants the generator records: the comments give the arithmetic.
//!
//! Berlin runs on 2022-10-05 (CEST, +02:00), Online on 2022-11-16 and Köln on
//! 2022-12-07 (CET, +01:00); both logged stations started on their date, so
//! the plan's clock times are the planned instants.
#![allow(clippy::unwrap_used, reason = "a fixture that cannot be read should fail the test loudly")]

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, TimeDelta};
use moderato::core::Timestamp;
use moderato::core::consultation::Role;
use moderato::core::contacts::GroupKind;
use moderato::core::discussion::{Hand, Speaker};
use moderato::core::session::BlockState;
use moderato::core::stats::{self, CaptureKind, JourneyStats, StationState, StationStats, TurnKind};
use moderato::plan;
use moderato::store::read_journey_logs;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/journey")
}

/// The journey's figures, computed once from the committed logs.
fn figures() -> &'static JourneyStats {
    static STATS: OnceLock<JourneyStats> = OnceLock::new();
    STATS.get_or_init(|| {
        let journey = plan::load(&fixture_dir()).unwrap().journey;
        let (logs, notices) = read_journey_logs(&fixture_dir().join("logs"), &journey).unwrap();
        assert!(notices.is_empty());
        stats::journey(&journey, &logs)
    })
}

fn station(id: &str) -> &'static StationStats {
    figures().stations.iter().find(|station| station.id == id).unwrap()
}

/// An instant in Berlin on its day (CEST).
fn berlin(time: &str) -> Timestamp {
    instant("2022-10-05", time, "+02:00")
}

/// An instant on the online station's day (CET).
fn online(time: &str) -> Timestamp {
    instant("2022-11-16", time, "+01:00")
}

fn instant(day: &str, time: &str, offset: &str) -> Timestamp {
    let time = if time.len() == 5 { format!("{time}:00") } else { time.to_string() };
    DateTime::parse_from_rfc3339(&format!("{day}T{time}{offset}")).unwrap()
}

fn min(minutes: i64) -> TimeDelta {
    TimeDelta::minutes(minutes)
}

fn secs(seconds: i64) -> TimeDelta {
    TimeDelta::seconds(seconds)
}

/// One block's figures as a row: planned start and end, actual start and
/// end, planned minutes, budget, timer, difference.
type Row = (
    &'static str,
    Option<Timestamp>,
    Option<Timestamp>,
    Option<Timestamp>,
    Option<Timestamp>,
    Option<u32>,
    i64,
    TimeDelta,
    Option<TimeDelta>,
);

fn rows(station: &'static StationStats) -> Vec<Row> {
    station
        .blocks
        .iter()
        .map(|block| {
            (
                block.id.as_str(),
                block.planned_start,
                block.planned_end,
                block.started,
                block.ended,
                block.planned_minutes,
                block.budget_minutes,
                block.ran,
                block.difference(),
            )
        })
        .collect()
}

#[test]
fn the_stations_are_finished_running_and_not_started() {
    let states: Vec<(&str, StationState, bool)> = figures()
        .stations
        .iter()
        .map(|station| (station.id.as_str(), station.state, station.logged))
        .collect();
    assert_eq!(
        states,
        [
            ("berlin", StationState::Finished, true),
            ("online", StationState::Running, true),
            ("koeln", StationState::NotStarted, false),
        ]
    );
}

#[test]
fn berlin_blocks_planned_against_actual() {
    let b = |time| Some(berlin(time));
    assert_eq!(
        rows(station("berlin")),
        [
            // Started two minutes late (09:02), ran its 15 minutes.
            ("ankommen", b("09:00"), b("09:15"), b("09:02"), b("09:17"), Some(15), 15, min(15), Some(min(0))),
            // Extended by 5 at 09:30: 20 + 5 = 25, 09:17 to 09:42.
            ("impuls", b("09:15"), b("09:35"), b("09:17"), b("09:42"), Some(20), 25, min(25), Some(min(5))),
            // 09:42 to 10:20 is 38 minutes; paused 09:48 to 09:50, so the timer ran 36.
            (
                "diskussion",
                b("09:35"),
                b("10:15"),
                b("09:42"),
                b("10:20"),
                Some(40),
                40,
                min(36),
                Some(min(-2))
            ),
            ("kaffee", b("10:15"), b("10:30"), b("10:20"), b("10:35"), Some(15), 15, min(15), Some(min(0))),
            // The phase extension of 5 at 11:06 moves the block's end: 40 + 5 = 45, 10:35 to 11:20.
            (
                "fallberatung",
                b("10:30"),
                b("11:10"),
                b("10:35"),
                b("11:20"),
                Some(40),
                45,
                min(45),
                Some(min(5))
            ),
            // Inserted at 11:01: no plan, no difference.
            ("pause-1", None, None, b("11:20"), b("11:25"), None, 5, min(5), None),
            // 11:25 to 12:00 is 35 minutes of a 30-minute budget: the overrun.
            ("besuch", b("11:10"), b("11:40"), b("11:25"), b("12:00"), Some(30), 30, min(35), Some(min(5))),
            // Moved before the exchange at 11:30; its original slot was 12:05 to 12:25.
            (
                "reflexion",
                b("12:05"),
                b("12:25"),
                b("12:00"),
                b("12:20"),
                Some(20),
                20,
                min(20),
                Some(min(0))
            ),
            (
                "vernetzung",
                b("11:40"),
                b("12:05"),
                b("12:20"),
                b("12:45"),
                Some(25),
                25,
                min(25),
                Some(min(0))
            ),
            // Skipped at 11:35 without running.
            ("abschluss", b("12:25"), b("12:35"), None, b("11:35"), Some(10), 10, min(0), None),
        ]
    );
    let day = station("berlin");
    let flags: Vec<(&str, BlockState, bool, bool, bool, usize, TimeDelta)> = day
        .blocks
        .iter()
        .map(|block| {
            (
                block.id.as_str(),
                block.state,
                block.inserted,
                block.replanned,
                block.overrun,
                block.pauses,
                block.paused,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("ankommen", BlockState::Done, false, false, false, 0, min(0)),
            ("impuls", BlockState::Done, false, false, false, 0, min(0)),
            ("diskussion", BlockState::Done, false, false, false, 1, min(2)),
            ("kaffee", BlockState::Done, false, false, false, 0, min(0)),
            ("fallberatung", BlockState::Done, false, false, false, 0, min(0)),
            ("pause-1", BlockState::Done, true, false, false, 0, min(0)),
            ("besuch", BlockState::Done, false, false, true, 0, min(0)),
            ("reflexion", BlockState::Done, false, true, false, 0, min(0)),
            ("vernetzung", BlockState::Done, false, false, false, 0, min(0)),
            ("abschluss", BlockState::Skipped, false, false, false, 0, min(0)),
        ]
    );
    assert_eq!(day.blocks.iter().map(|block| block.index).collect::<Vec<_>>(), (1..=10).collect::<Vec<_>>());
    assert_eq!(day.block("diskussion").unwrap().actual(None), Some(min(38)));
    assert_eq!(late_start(day.block("ankommen").unwrap()), Some(min(2)));
    // Started five minutes before its original slot: it was moved up.
    assert_eq!(late_start(day.block("reflexion").unwrap()), Some(min(-5)));
    assert_eq!((day.planned_start, day.planned_end), (berlin("09:00"), berlin("12:35")));
    assert_eq!((day.actual_start, day.actual_end), (Some(berlin("09:02")), Some(berlin("12:45"))));
    assert_eq!(day.last_event, Some(berlin("12:46")));
}

#[test]
fn berlin_drift_and_its_worst() {
    let day = station("berlin");
    let drift: Vec<(Timestamp, i64)> =
        day.drift.iter().map(|point| (point.at, point.behind.num_minutes())).collect();
    assert_eq!(
        drift,
        [
            (berlin("09:02"), 2),  // ankommen starts 09:02, planned 09:00
            (berlin("09:17"), 2),  // ankommen ends 09:17, planned 09:15
            (berlin("09:17"), 2),  // impuls starts 09:17, planned 09:15
            (berlin("09:42"), 7),  // impuls ends 09:42, planned 09:35
            (berlin("09:42"), 7),  // diskussion starts 09:42, planned 09:35
            (berlin("10:20"), 5),  // diskussion ends 10:20, planned 10:15
            (berlin("10:20"), 5),  // kaffee starts 10:20, planned 10:15
            (berlin("10:35"), 5),  // kaffee ends 10:35, planned 10:30
            (berlin("10:35"), 5),  // fallberatung starts 10:35, planned 10:30
            (berlin("11:20"), 10), // fallberatung ends 11:20, planned 11:10 (the inserted break has no plan)
            (berlin("11:25"), 15), // besuch starts 11:25, planned 11:10
            (berlin("12:00"), 20), // besuch ends 12:00, planned 11:40
            // The exchange was moved behind the reflection: the plan laid out in
            // that order puts the reflection at 11:40–12:00 and the exchange at 12:00–12:25.
            (berlin("12:00"), 20), // reflexion starts 12:00, planned 11:40
            (berlin("12:20"), 20), // reflexion ends 12:20, planned 12:00
            (berlin("12:20"), 20), // vernetzung starts 12:20, planned 12:00
            (berlin("12:45"), 20), // vernetzung ends 12:45, planned 12:25
        ]
    );
    assert_eq!(day.worst_behind(), Some(min(20)));
}

#[test]
fn online_blocks_planned_against_actual_while_it_runs() {
    let o = |time| Some(online(time));
    assert_eq!(
        rows(station("online")),
        [
            // 14:00 to 14:12 is 12 minutes; paused 14:05 to 14:06, so the timer ran 11.
            (
                "check-in",
                o("14:00"),
                o("14:15"),
                o("14:00"),
                o("14:12"),
                Some(15),
                15,
                min(11),
                Some(min(-3))
            ),
            // Shortened by 5 (budget 10); ran 14:12–14:22, 14:23–14:25 (its end undone) and
            // 14:26–14:28 (stepped back to): 10 + 2 + 2 = 14 minutes; 14:12 to 14:28 is 16.
            (
                "impuls-online",
                o("14:15"),
                o("14:30"),
                o("14:12"),
                o("14:28"),
                Some(15),
                10,
                min(14),
                Some(min(1))
            ),
            // First started 14:25 (the 14:22 start was undone), returned 14:26, running since 14:28:
            // by the last event (14:42:30) 1 + 14:30 = 15:30.
            ("diskussion-online", o("14:30"), o("15:00"), o("14:25"), None, Some(30), 30, secs(930), None),
            ("pause-online", o("15:00"), o("15:10"), None, None, Some(10), 10, min(0), None),
            // Re-planned from 45 to 40 minutes at 14:38:30.
            ("breakout", o("15:10"), o("15:55"), None, None, Some(45), 40, min(0), None),
            ("ausblick", o("15:55"), o("16:10"), None, None, Some(15), 15, min(0), None),
            ("abschluss-online", o("16:10"), o("16:20"), None, None, Some(10), 10, min(0), None),
        ]
    );
    let online_station = station("online");
    let flags: Vec<(&str, BlockState, bool, bool, bool, usize, TimeDelta)> = online_station
        .blocks
        .iter()
        .map(|block| {
            (
                block.id.as_str(),
                block.state,
                block.inserted,
                block.replanned,
                block.overrun,
                block.pauses,
                block.paused,
            )
        })
        .collect();
    assert_eq!(
        flags,
        [
            ("check-in", BlockState::Done, false, false, false, 1, min(1)),
            // 16 minutes from start to end, 14 on the timer: the 2 minutes it was
            // off the agenda (its end undone, the step back) are no pause.
            ("impuls-online", BlockState::Done, false, false, true, 0, min(0)),
            // 17:30 from 14:25 to 14:42:30, 15:30 on the timer: no pause either.
            ("diskussion-online", BlockState::Current, false, false, false, 0, min(0)),
            ("pause-online", BlockState::Upcoming, false, false, false, 0, min(0)),
            ("breakout", BlockState::Upcoming, false, true, false, 0, min(0)),
            ("ausblick", BlockState::Upcoming, false, false, false, 0, min(0)),
            ("abschluss-online", BlockState::Upcoming, false, false, false, 0, min(0)),
        ]
    );
    let discussion = online_station.block("diskussion-online").unwrap();
    assert_eq!(discussion.actual(online_station.last_event), Some(secs(17 * 60 + 30)));
    assert_eq!(late_start(discussion), Some(min(-5)));
    assert_eq!(
        (online_station.planned_start, online_station.planned_end),
        (online("14:00"), online("16:20"))
    );
    assert_eq!((online_station.actual_start, online_station.actual_end), (Some(online("14:00")), None));
    assert_eq!(online_station.last_event, Some(online("14:42:30")));
    // Ahead of the plan all afternoon: 0 at 14:00, -3 at 14:12 (twice), -5 at 14:25, -2 at 14:28.
    let drift: Vec<i64> = online_station.drift.iter().map(|point| point.behind.num_minutes()).collect();
    assert_eq!(drift, [0, -3, -3, -5, -2]);
    assert_eq!(online_station.worst_behind(), Some(min(0)));
}

#[test]
fn koeln_is_planned_only() {
    let koeln = station("koeln");
    let k = |time| Some(instant("2022-12-07", time, "+01:00"));
    assert_eq!((Some(koeln.planned_start), Some(koeln.planned_end)), (k("09:30"), k("12:30")));
    assert_eq!((koeln.actual_start, koeln.actual_end, koeln.last_event), (None, None, None));
    let planned: Vec<(&str, Option<Timestamp>, BlockState)> =
        koeln.blocks.iter().map(|block| (block.id.as_str(), block.planned_start, block.state)).collect();
    assert_eq!(
        planned,
        [
            ("transfer", k("09:30"), BlockState::Upcoming),
            ("diskussion-koeln", k("09:50"), BlockState::Upcoming),
            ("kaffee-koeln", k("10:35"), BlockState::Upcoming),
            ("austausch-koeln", k("10:50"), BlockState::Upcoming),
            ("abschluss-koeln", k("11:35"), BlockState::Upcoming),
        ]
    );
    assert!(koeln.drift.is_empty() && koeln.turns.is_empty() && koeln.captures.is_empty());
    assert!(koeln.consultations.is_empty() && koeln.groups.is_empty());
    assert_eq!(koeln.new_contacts, 0);
    assert_eq!(koeln.speakers(), 0);
}

/// Talk time as (participant, seconds, turns), most first.
fn talk(station: &StationStats, block: Option<&str>) -> Vec<(String, i64, usize)> {
    station
        .talk(block)
        .into_iter()
        .map(|talk| (talk.participant, talk.total.num_seconds(), talk.turns))
        .collect()
}

fn expected(rows: &[(&str, i64, usize)]) -> Vec<(String, i64, usize)> {
    rows.iter().map(|(id, secs, turns)| (id.to_string(), *secs, *turns)).collect()
}

#[test]
fn berlin_talk_time_per_participant_with_the_pause_left_out() {
    let day = station("berlin");
    // The discussion: p01 09:44–09:46 and 10:03–10:08 (2 + 5 = 7 min); p02
    // 09:46–09:47; p05's reply 09:47–09:51 less the pause 09:48–09:50 (4 − 2 =
    // 2 min); p06's point of order 09:53–09:54; p04 09:54–09:57; p07
    // 10:01–10:03. The guest (09:57–10:01) counts for nobody of the cohort.
    assert_eq!(
        talk(day, Some("diskussion")),
        expected(&[
            ("p01", 420, 2),
            ("p04", 180, 1),
            ("p05", 120, 1),
            ("p07", 120, 1),
            ("p02", 60, 1),
            ("p06", 60, 1),
            ("p03", 0, 0),
            ("p08", 0, 0),
        ])
    );
    // The Blitzlicht round from 12:06:30: a minute each, p05 and p06 half a
    // minute; p08 passed twice, which is no turn.
    assert_eq!(
        talk(day, Some("reflexion")),
        expected(&[
            ("p01", 60, 1),
            ("p02", 60, 1),
            ("p03", 60, 1),
            ("p04", 60, 1),
            ("p07", 60, 1),
            ("p05", 30, 1),
            ("p06", 30, 1),
            ("p08", 0, 0),
        ])
    );
    assert_eq!(
        talk(day, None),
        expected(&[
            ("p01", 480, 3),
            ("p04", 240, 2),
            ("p07", 180, 2),
            ("p05", 150, 2),
            ("p02", 120, 2),
            ("p06", 90, 2),
            ("p03", 60, 1),
            ("p08", 0, 0),
        ])
    );
    let ids = |people: Vec<&moderato::plan::Participant>| {
        people.into_iter().map(|p| p.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(day.silent(Some("diskussion"))), ["p03", "p08"]);
    assert_eq!(ids(day.silent(None)), ["p08"]);
    assert_eq!(day.speakers(), 7);
    assert_eq!(day.blocks_with_turns(), ["diskussion", "reflexion"]);
}

#[test]
fn berlin_talk_time_per_organisation() {
    // BVA: p01 8:00 + p05 2:30; DRV: p04 4:00; BSI: p07 3:00 + p03 1:00;
    // ITZBund: p02 2:00 + p06 1:30; BZSt: p08 nothing.
    let by: Vec<(String, i64)> = station("berlin")
        .talk_by_organisation(None)
        .into_iter()
        .map(|(organisation, total)| (organisation, total.num_seconds()))
        .collect();
    assert_eq!(
        by,
        [
            ("Bundesverwaltungsamt".to_string(), 630),
            ("Deutsche Rentenversicherung Bund".to_string(), 240),
            ("BSI".to_string(), 240),
            ("ITZBund".to_string(), 210),
            ("Bundeszentralamt für Steuern".to_string(), 0),
        ]
    );
}

#[test]
fn berlin_turns_by_kind_and_the_guest() {
    let day = station("berlin");
    let kinds: Vec<(String, TurnKind, i64)> = day
        .turns
        .iter()
        .map(|turn| (day.name_of(&turn.speaker).to_string(), turn.kind, turn.length.num_seconds()))
        .collect();
    let hand = TurnKind::Hand;
    let blitz = TurnKind::Blitzlicht;
    let expected: Vec<(String, TurnKind, i64)> = [
        ("Dr. Katrin Albers", hand(Hand::Normal), 120),
        ("Jens Brockmann", hand(Hand::Normal), 60),
        ("Annette Kowalczyk", hand(Hand::Reply), 120),
        ("Frank Sellmann", hand(Hand::PointOfOrder), 60),
        ("Thomas Reimers", hand(Hand::Normal), 180),
        ("Dr. Eva Lange", hand(Hand::Normal), 240),
        ("Dr. Birgit Theissen", hand(Hand::Normal), 120),
        ("Dr. Katrin Albers", hand(Hand::Normal), 300),
        ("Dr. Katrin Albers", blitz, 60),
        ("Jens Brockmann", blitz, 60),
        ("Dr. Sabine Hohlfeld", blitz, 60),
        ("Thomas Reimers", blitz, 60),
        ("Annette Kowalczyk", blitz, 30),
        ("Frank Sellmann", blitz, 30),
        ("Dr. Birgit Theissen", blitz, 60),
    ]
    .into_iter()
    .map(|(name, kind, secs)| (name.to_string(), kind, secs))
    .collect();
    assert_eq!(kinds, expected);
    let guest = day.turns.iter().find(|turn| matches!(turn.speaker, Speaker::Guest(_))).unwrap();
    assert_eq!(guest.started, berlin("09:57"));
    assert_eq!(day.turns.iter().filter(|turn| turn.kind == TurnKind::Blitzlicht).count(), 7);
}

#[test]
fn online_talk_time_with_a_pause_inside_a_blitzlicht_turn() {
    let online_station = station("online");
    // The check-in, alphabetical: p01 14:01:30–14:02:15 (45 s); p02
    // 14:02:15–14:03:00 and, stepped back to, 14:03:30–14:03:40 (45 + 10 = 55 s);
    // p03 14:03:40–14:04:40 (60 s; the turn withdrawn at 14:03:30 is gone); p05
    // 14:04:40–14:06:25 less the pause 14:05–14:06 (105 − 60 = 45 s); p08
    // 14:06:25–14:07:10 (45 s); p04 passes, p07 14:07:20–14:08:05 (45 s), p04
    // again 14:08:05–14:08:35 (30 s). p06 arrives at 14:10.
    assert_eq!(
        talk(online_station, Some("check-in")),
        expected(&[
            ("p03", 60, 1),
            ("p02", 55, 1),
            ("p01", 45, 1),
            ("p05", 45, 1),
            ("p07", 45, 1),
            ("p08", 45, 1),
            ("p04", 30, 1),
            ("p06", 0, 0),
        ])
    );
    // The discussion: p08 14:30–14:32, p02 14:32–14:34, p04 14:34–14:38.
    assert_eq!(
        talk(online_station, None),
        expected(&[
            ("p04", 270, 2),
            ("p02", 175, 2),
            ("p08", 165, 2),
            ("p03", 60, 1),
            ("p01", 45, 1),
            ("p05", 45, 1),
            ("p07", 45, 1),
            ("p06", 0, 0),
        ])
    );
    assert_eq!(online_station.silent(None).iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["p06"]);
    // p06 was marked absent at 13:55 and present at 14:10, before the check-in ended.
    assert_eq!(online_station.attended.len(), 8, "p06 was there");
    assert!(!online_station.block("check-in").unwrap().attended.is_empty());
    assert!(online_station.block("pause-online").unwrap().attended.is_empty(), "a block that has not run");
    let by: Vec<(String, i64)> = online_station
        .talk_by_organisation(None)
        .into_iter()
        .map(|(organisation, total)| (organisation, total.num_seconds()))
        .collect();
    assert_eq!(
        by,
        [
            ("Deutsche Rentenversicherung Bund".to_string(), 270),
            ("ITZBund".to_string(), 175),
            ("Bundeszentralamt für Steuern".to_string(), 165),
            ("BSI".to_string(), 105),
            ("Bundesverwaltungsamt".to_string(), 90),
        ]
    );
}

/// Captures as (kind, block, time, private, protocol).
fn captures(station: &StationStats) -> Vec<(CaptureKind, Option<&str>, Timestamp, bool, bool)> {
    station.captures.iter().map(|c| (c.kind, c.block.as_deref(), c.at, c.private(), c.protocol)).collect()
}

#[test]
fn online_captures_and_private_notes() {
    let online_station = station("online");
    assert_eq!(
        captures(online_station),
        [
            (CaptureKind::Note, None, online("13:50"), true, false),
            (CaptureKind::Note, Some("diskussion-online"), online("14:33"), true, false),
            (CaptureKind::Action, Some("diskussion-online"), online("14:35"), false, false),
        ]
    );
    let action = &online_station.captures[2];
    assert_eq!((action.owner.as_deref(), action.due), (Some("Geschäftsstelle"), None));
    assert!(online_station.consultations.is_empty() && online_station.groups.is_empty());
}

#[test]
fn berlin_captures_keep_owners_due_dates_and_the_protocol_mark() {
    let day = station("berlin");
    let notes: Vec<(Option<&str>, Timestamp)> =
        day.captures.iter().filter(|c| c.private()).map(|c| (c.block.as_deref(), c.at)).collect();
    assert_eq!(notes, [(Some("ankommen"), berlin("09:14")), (None, berlin("12:46"))]);
    assert!(day.captures.iter().filter(|c| c.private()).all(|c| c.kind == CaptureKind::Note));
    let action = day.captures.iter().find(|c| c.kind == CaptureKind::Action).unwrap();
    assert_eq!((action.owner.as_deref(), action.due), (Some("p01"), NaiveDate::from_ymd_opt(2022, 10, 21)));
    let commitment = day.captures.iter().find(|c| c.kind == CaptureKind::Commitment).unwrap();
    assert_eq!((commitment.owner.as_deref(), commitment.protocol), (Some("p03"), false));
    let takeaways: Vec<(CaptureKind, Option<&str>, bool)> = day
        .captures
        .iter()
        .filter(|c| matches!(c.kind, CaptureKind::Takeaway | CaptureKind::Commitment))
        .map(|c| (c.kind, c.owner.as_deref(), c.protocol))
        .collect();
    // "Doppelt notiert" (12:18) was undone: a reflection's takeaway taken back does not count.
    assert_eq!(
        takeaways,
        [(CaptureKind::Commitment, Some("p03"), false), (CaptureKind::Takeaway, None, true)]
    );
}

/// The decision "Pilot nur im BSI", typed at 10:06 and undone at 10:06:30,
/// does not count (a discussion's captures taken back are left out, as a
/// reflection's takeaways are).
#[test]
fn berlin_captures_by_kind_and_block() {
    let day = station("berlin");
    assert_eq!(
        captures(day),
        [
            (CaptureKind::Note, Some("ankommen"), berlin("09:14"), true, false),
            (CaptureKind::Parked, Some("diskussion"), berlin("09:53:30"), false, false),
            (CaptureKind::Decision, Some("diskussion"), berlin("10:04"), false, false),
            (CaptureKind::Action, Some("diskussion"), berlin("10:05"), false, false),
            (CaptureKind::Commitment, Some("reflexion"), berlin("12:15"), false, false),
            (CaptureKind::Takeaway, Some("reflexion"), berlin("12:16"), false, true),
            (CaptureKind::Note, None, berlin("12:46"), true, false),
        ]
    );
    let mut by_kind: BTreeMap<CaptureKind, usize> = BTreeMap::new();
    for captured in &day.captures {
        *by_kind.entry(captured.kind).or_default() += 1;
    }
    assert_eq!(
        by_kind,
        BTreeMap::from([
            (CaptureKind::Decision, 1),
            (CaptureKind::Action, 1),
            (CaptureKind::Parked, 1),
            (CaptureKind::Takeaway, 1),
            (CaptureKind::Commitment, 1),
            (CaptureKind::Note, 2),
        ])
    );
    assert!(day.captures.iter().all(|c| c.text != "Pilot nur im BSI"));
}

#[test]
fn berlin_consultation_roles_method_and_key_question() {
    let consultations = &station("berlin").consultations;
    assert_eq!(consultations.len(), 1);
    let consultation = &consultations[0];
    assert_eq!((consultation.block.as_str(), consultation.template.as_str()), ("fallberatung", "tietze"));
    // p02 moved to the second group and p08 to the first at 10:36.
    assert_eq!(consultation.groups, [vec!["p01", "p03", "p04", "p08"], vec!["p02", "p05", "p06", "p07"]]);
    let cases: Vec<_> = consultation
        .cases
        .iter()
        .map(|case| {
            let roles: Vec<(Role, &str)> =
                case.roles.iter().map(|(role, who)| (*role, who.as_str())).collect();
            (case.group, case.case, roles, case.consultants.clone(), case.method.as_deref(), case.released)
        })
        .collect();
    assert_eq!(
        cases,
        [
            (
                0,
                0,
                vec![(Role::CaseGiver, "p03"), (Role::Moderator, "p04"), (Role::Secretary, "p01")],
                vec!["p08".to_string()],
                Some("brainstorming"),
                true,
            ),
            // The observer p02 was cast at 10:38:30 and cleared at 10:39.
            (
                1,
                0,
                vec![(Role::CaseGiver, "p07"), (Role::Moderator, "p06"), (Role::Secretary, "p05")],
                vec!["p02".to_string()],
                Some("advice"),
                false,
            ),
        ]
    );
    assert_eq!(consultation.cases[0].key_question, "Wie gewinne ich das IT-Referat für die E-Akte?");
    assert_eq!(consultation.cases[1].key_question, "Wie halte ich ein verteiltes Team zusammen?");
    // The confidential content is kept apart; the idea undone at 11:04 is gone.
    let first = &consultation.cases[0].confidential;
    assert!(first.title.starts_with("CONFIDENTIAL-TITLE-1"));
    assert!(first.description.starts_with("CONFIDENTIAL-DESCRIPTION-1"));
    assert!(first.closing.starts_with("CONFIDENTIAL-CLOSING-1"));
    let ideas: Vec<(&str, Option<&str>)> =
        first.ideas.iter().map(|(text, giver)| (&text[..19], giver.as_deref())).collect();
    assert_eq!(ideas, [("CONFIDENTIAL-IDEA-1", Some("p01"))]);
    let second = &consultation.cases[1].confidential;
    assert!(second.title.starts_with("CONFIDENTIAL-TITLE-2"));
    assert_eq!((second.description.as_str(), second.closing.as_str()), ("", ""));
    assert_eq!(second.ideas.len(), 1);
    assert!(
        second.ideas[0].0.starts_with("CONFIDENTIAL-IDEA-3") && second.ideas[0].1.as_deref() == Some("p02")
    );
}

#[test]
fn berlin_groups_per_round() {
    let groups: Vec<(&str, GroupKind, usize, usize, Vec<&str>)> = station("berlin")
        .groups
        .iter()
        .map(|group| {
            let members = group.members.iter().map(String::as_str).collect();
            (group.block.as_str(), group.kind, group.round, group.number, members)
        })
        .collect();
    assert_eq!(
        groups,
        [
            ("fallberatung", GroupKind::Consultation, 1, 1, vec!["p01", "p03", "p04", "p08"]),
            ("fallberatung", GroupKind::Consultation, 1, 2, vec!["p02", "p05", "p06", "p07"]),
            // Proposed, p02 and p03 swapped, fixed, undone, p06 placed at table 2, fixed again.
            ("vernetzung", GroupKind::Exchange, 1, 1, vec!["p01", "p03", "p05"]),
            ("vernetzung", GroupKind::Exchange, 1, 2, vec!["p02", "p04", "p07", "p08", "p06"]),
            ("vernetzung", GroupKind::Exchange, 2, 1, vec!["p01", "p02", "p07", "p08"]),
            ("vernetzung", GroupKind::Exchange, 2, 2, vec!["p03", "p04", "p05", "p06"]),
        ]
    );
}

#[test]
fn contacts_new_per_station_and_pairs_never_met() {
    // Berlin's groups give 6 + 6 pairs in the consultation; round 1 adds
    // p01–p05, p03–p05 and p02–p04, p02–p08, p04–p06, p04–p07, p06–p08,
    // p07–p08 (8); round 2 adds p01–p02, p01–p07, p03–p06, p04–p05 (4): 24 of
    // the 28 pairs. Online has not reached its exchange.
    let new: Vec<(&str, usize)> =
        figures().stations.iter().map(|station| (station.id.as_str(), station.new_contacts)).collect();
    assert_eq!(new, [("berlin", 24), ("online", 0), ("koeln", 0)]);
    let network = &figures().network;
    // Never in a group together: p01–p06, p02–p03, p03–p07, p05–p08.
    assert_eq!((network.never_met, network.pairs), (4, 28));
    for (a, b) in [("p01", "p06"), ("p02", "p03"), ("p03", "p07"), ("p05", "p08")] {
        assert_eq!(network.contacts.count(a, b), 0, "{a}–{b}");
    }
    // p01–p03 met twice: in the consultation and in round 1.
    assert_eq!(network.contacts.count("p01", "p03"), 2);
    let met: Vec<(&str, usize)> = network.met.iter().map(|(id, met)| (id.as_str(), *met)).collect();
    assert_eq!(
        met,
        [("p01", 6), ("p02", 6), ("p03", 5), ("p04", 7), ("p05", 6), ("p06", 6), ("p07", 6), ("p08", 6)]
    );
}

/// The station log's summary carries the same talk time, takeaways and case
/// roles as the statistics (DESIGN: other tools read it without folding), and
/// none of the confidential case texts or private notes.
#[test]
fn the_log_summary_carries_the_statistics_without_confidential_content() {
    let log = std::fs::read_to_string(fixture_dir().join("logs/berlin.json")).unwrap();
    let json: serde_json::Value = serde_json::from_str(&log).unwrap();
    let summary = &json["summary"];
    let talk: Vec<(String, i64)> = summary["talk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|talk| (talk["participant"].as_str().unwrap().to_string(), talk["secs"].as_i64().unwrap()))
        .collect();
    let mut from_stats: Vec<(String, i64)> = station("berlin")
        .talk(None)
        .into_iter()
        .filter(|talk| talk.turns > 0)
        .map(|talk| (talk.participant, talk.total.num_seconds()))
        .collect();
    let mut sorted = talk.clone();
    sorted.sort();
    from_stats.sort();
    assert_eq!(sorted, from_stats);
    assert_eq!(talk[0], ("p01".to_string(), 480), "in the order they first spoke");
    let takeaways = summary["takeaways"].as_array().unwrap();
    assert_eq!(takeaways.len(), 2);
    assert_eq!(
        (takeaways[0]["owner"].as_str(), takeaways[0]["commitment"].as_bool()),
        (Some("p03"), Some(true))
    );
    let cases = summary["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 2);
    assert_eq!(cases[0]["roles"]["case_giver"], "p03");
    assert_eq!(cases[1]["method"], "advice");
    let summary = summary.to_string();
    for secret in common::FIXTURE_SECRETS {
        let marker = secret.split(':').next().unwrap();
        assert!(!summary.contains(marker), "{marker} in the summary");
    }
}

/// How late a block began against where the original plan put it.
fn late_start(block: &stats::BlockStats) -> Option<TimeDelta> {
    Some(block.started? - block.planned_start?)
}
