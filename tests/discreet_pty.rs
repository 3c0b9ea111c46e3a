//! The real binary in two pseudo-terminals: a person-owned impulse ("Impuls
//! aus der Praxis", owner p02) has run two minutes over, planted in the
//! station's log. `moderato project` shows the room a calm clock under the
//! name (no red or amber cell, no overtime figure, no "ÜBERZOGEN"); the
//! console `moderato run` keeps the real figure: +02:0x in red, "ÜBERZOGEN".
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]

mod common;

use std::time::Duration;

use chrono::{Local, TimeDelta};
use common::pty::{App, Journey, moderato};
use moderato::core::event::{Anchor, AnchorMode, Event};
use portable_pty::CommandBuilder;

const TIMEOUT: Duration = Duration::from_secs(20);

/// The demo's first station begun 17 minutes ago with every block before
/// the impulse skipped and the impulse (15 min) started then.
fn plant(journey: &Journey) {
    let loaded = moderato::plan::load(&journey.dir).unwrap();
    let station = &loaded.journey.stations[0];
    let logs = moderato::store::logs_dir(&journey.dir);
    let (mut store, _) = moderato::store::StationStore::open(&logs, &loaded.journey, station).unwrap();
    let start = Local::now().fixed_offset() - TimeDelta::minutes(17);
    store
        .append(start, Event::StationStarted { anchor: Anchor { mode: AnchorMode::Shifted, start } })
        .unwrap();
    for block in station.blocks.iter().take_while(|block| block.id != "impuls-praxis") {
        store.append(start, Event::BlockSkipped { block: block.id.clone() }).unwrap();
    }
    store.append(start, Event::BlockStarted { block: "impuls-praxis".into() }).unwrap();
    store.checkpoint().unwrap();
}

/// Red, bright red, amber and the light theme's red, as a terminal reports them.
fn loud(colour: vt100::Color) -> bool {
    matches!(colour, vt100::Color::Idx(1 | 3 | 9 | 11 | 160 | 172 | 196))
}

#[test]
fn a_person_over_time_is_calm_on_the_wall_and_counted_on_the_console() {
    let journey = Journey::new();
    plant(&journey);
    let station = "muenchen";
    let mut project = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    project.args(["--lang", "de", "project"]);
    project.arg(&journey.dir);
    project.args(["--station", station]);
    project.env("TERM", "xterm-256color");
    let wall = App::spawn(project, (45, 160), TIMEOUT);
    wall.wait_for("Jens Brockmann");
    let screen = wall.screen();
    for word in ["ÜBERZOGEN", "+"] {
        assert!(!screen.contains(word), "{word} on the wall:\n{screen}");
    }
    let loud_cells: Vec<_> = wall.colours().into_iter().filter(|(_, colour)| loud(*colour)).collect();
    assert!(loud_cells.is_empty(), "{loud_cells:?} on the wall:\n{screen}");
    let console = App::spawn(moderato(&journey.dir, station), (45, 160), TIMEOUT);
    // The console's big digits (+02:0x) are drawn in block glyphs: their colour and the word say it.
    console.wait_for("ÜBERZOGEN");
    let screen = console.screen();
    assert!(screen.contains("über der Zeit · von 15 min"), "{screen}");
    let red_digits =
        console.colours().into_iter().filter(|(text, colour)| text == "█" && loud(*colour)).count();
    assert!(red_digits > 20, "the console's digits are red:\n{screen}");
}
