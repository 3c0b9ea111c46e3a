//! A reflection block's settings in `journey.toml`: what loads, and every
//! mistake named at its line and column, as `moderato check` prints it.
#![allow(clippy::unwrap_used)] // a plan that does not parse should fail the test loudly

use moderato::i18n::{Lang, Msg, PlanMsg};
use moderato::plan::{Method, Reflection, ReflectionFormat, RoundOrder, parse};
use rstest::rstest;

/// A station with one reflection block whose table is `table` (from line 24 on).
fn plan(table: &str) -> String {
    format!(
        r#"id = "j"
title = "Journey"

[[participants]]
id = "p1"
name = "Ada"
organisation = "Amt"
role = "Leitung"

[[stations]]
id = "s1"
title = "Tag 1"
date = "2022-11-28"
start = "09:00"
end = "12:00"
place = "Raum"
format = "in-person"

[[stations.blocks]]
kind = "reflection"
title = "Reflexion"
duration = "30m"
[stations.blocks.reflection]
{table}
"#
    )
}

fn reflection(table: &str) -> Reflection {
    let (journey, _) = parse(&plan(table)).unwrap_or_else(|problems| panic!("{problems:?}"));
    match &journey.stations[0].blocks[0].method {
        Method::Reflection(reflection) => reflection.clone(),
        other => panic!("{other:?}"),
    }
}

/// The problems of a plan: line, column and the message in English.
fn problems(table: &str) -> Vec<(usize, usize, String)> {
    let problems = match parse(&plan(table)) {
        Ok((_, warnings)) => warnings,
        Err(problems) => problems,
    };
    problems.into_iter().map(|p| (p.line, p.column, p.msg.text(Lang::En))).collect()
}

#[test]
fn every_setting_loads() {
    let loaded = reflection(
        r#"format = "silent"
prompts = ["Was nehme ich mit?", "Was lasse ich da?"]
times = ["3m", "4m", "10m"]
blitzlicht = true
turn = "50s"
order = "shuffled""#,
    );
    assert_eq!(loaded.format, ReflectionFormat::Silent);
    assert_eq!(loaded.times_secs, [180, 240, 600], "two prompts and the closing round");
    assert_eq!((loaded.turn_secs, loaded.order, loaded.blitzlicht), (50, RoundOrder::Shuffled, Some(true)));
    let defaults = reflection(r#"format = "1-2-4-all""#);
    assert_eq!((defaults.turn_secs, defaults.order), (45, RoundOrder::Seating));
    assert_eq!(reflection(r#"prompt_set = "gibbs""#).prompt_set.as_deref(), Some("gibbs"));
}

#[test]
fn every_format_of_the_plan_loads_by_its_word() {
    for format in ReflectionFormat::ALL {
        let loaded = reflection(&format!("format = \"{}\"", format.key()));
        assert_eq!(loaded.format, format);
    }
}

#[rstest]
#[case::turn_too_short(r#"turn = "20s""#, 24, 8, "Blitzlicht turn \"20s\": 30 to 60 seconds are allowed")]
#[case::turn_too_long(r#"turn = "2m""#, 24, 8, "Blitzlicht turn \"2m\": 30 to 60 seconds are allowed")]
#[case::unknown_set(r#"prompt_set = "nirgends""#, 24, 14, "unknown prompt set \"nirgends\"")]
#[case::times_per_phase(
    "format = \"think-pair-share\"\ntimes = [\"3m\", \"5m\"]",
    25,
    9,
    "2 times for 3 phases"
)]
#[case::both_prompts(
    "prompt_set = \"gibbs\"\nprompts = [\"Eigene Frage\"]",
    25,
    11,
    "either your own `prompts` or a `prompt_set`"
)]
#[case::empty_prompt(r#"prompts = ["Was bleibt?", " "]"#, 24, 11, "a prompt is empty")]
#[case::blitzlicht_without_round(
    "format = \"blitzlicht\"\nblitzlicht = false",
    24,
    10,
    "a Blitzlicht is a round"
)]
#[case::unknown_key(r#"minutes = 5"#, 24, 1, "unknown key `minutes`")]
#[case::round_too_short(
    "format = \"blitzlicht\"\nturn = \"45s\"\ntimes = [\"30s\"]",
    25,
    8,
    "the round needs 1 × 45 s = 1 min but has 0 min"
)]
fn mistakes_are_named_where_they_stand(
    #[case] table: &str,
    #[case] line: usize,
    #[case] column: usize,
    #[case] message: &str,
) {
    let found = problems(table);
    assert!(
        found.iter().any(|(l, c, text)| (*l, *c) == (line, column) && text.contains(message)),
        "expected {line}:{column} {message:?}, found {found:?}"
    );
}

#[test]
fn the_german_message_names_the_allowed_seconds() {
    let text = Msg::Plan(PlanMsg::TurnOutOfRange { text: "20s".into(), min: 30, max: 60 }).text(Lang::De);
    assert!(text.contains("30 bis 60 Sekunden"), "{text}");
}
