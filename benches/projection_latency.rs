//! Time from a key press in the console to the change on a separate
//! `moderato project` terminal: both real binaries in pseudo-terminals, the
//! projection's screen parsed with vt100. Prints the median over 50 changes,
//! on a fresh log and on one that already holds 10 000 events (a long day's
//! journal), where a follower that rereads the whole log would fall behind.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up should stop loudly

// Pseudo-terminals as portable-pty drives them here are unix only (see Cargo.toml).
#[cfg(not(unix))]
fn main() {}

#[cfg(unix)]
use std::io::{Read, Write};
#[cfg(unix)]
use std::num::NonZeroU16;
#[cfg(unix)]
use std::path::Path;
#[cfg(unix)]
use std::sync::{Arc, Mutex};
#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

#[cfg(unix)]
const CHANGES: usize = 50;

#[cfg(unix)]
struct Terminal {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

#[cfg(unix)]
impl Terminal {
    fn start(args: &[&str]) -> Terminal {
        let size = PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 };
        let pair = native_pty_system().openpty(size).unwrap();
        let mut command = CommandBuilder::new(moderato_benches::release_binary());
        command.args(args);
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).unwrap();
        let (rows, cols) = (NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap());
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let feed = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Terminal { master: pair.master, writer, screen, child }
    }

    fn shows(&self, text: &str) -> bool {
        self.screen.lock().unwrap().screen().contents().contains(text)
    }

    fn wait_for(&self, text: &str, present: bool) -> Instant {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if self.shows(text) == present {
                return Instant::now();
            }
            assert!(Instant::now() < deadline, "timed out waiting for {text:?} (present: {present})");
            std::thread::sleep(Duration::from_micros(500));
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }
}

#[cfg(unix)]
impl Drop for Terminal {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = &self.master;
    }
}

/// Writes a log of `events` events for the station, as a console would have:
/// the first block started, then paused and resumed in turn (ending running).
#[cfg(unix)]
fn prefill(journey_dir: &Path, events: usize) {
    use moderato::core::command::Command;
    use moderato::core::session::Session;
    let plan = moderato::plan::load(journey_dir).unwrap();
    let station = plan.journey.station("muenchen").unwrap().clone();
    let logs = moderato::store::logs_dir(journey_dir);
    let (mut store, _) = moderato::store::StationStore::open(&logs, &plan.journey, &station).unwrap();
    let mut session = Session::new(&station, &plan.journey.participants);
    let now = chrono::Local::now().fixed_offset();
    while (session.last_seq as usize) < events
        || session.current().is_none_or(|item| !item.timer.is_running())
    {
        for event in session.decide(&Command::StartPause, now).unwrap() {
            let envelope = store.append(now, event).unwrap().clone();
            session.apply(&envelope);
        }
    }
}

#[cfg(unix)]
fn main() {
    for events in [0, 10_000] {
        measure(events);
    }
}

#[cfg(unix)]
fn measure(events: usize) {
    let temp = tempfile::tempdir().unwrap();
    let journey = temp.path().join("journey");
    std::fs::create_dir_all(&journey).unwrap();
    let plan = moderato_benches::demo().join("journey.toml");
    std::fs::copy(plan, journey.join("journey.toml")).unwrap();
    let dir = journey.to_str().unwrap();
    if events > 0 {
        prefill(&journey, events);
    }

    let mut console = Terminal::start(&["--lang", "de", "run", dir, "--station", "muenchen", "--quiet"]);
    // A fresh station lists what comes next; a resumed one shows its running block.
    console.wait_for(if events == 0 { "Als Nächstes" } else { "Begrüßung" }, true);
    let projection = Terminal::start(&["--lang", "de", "project", dir, "--station", "muenchen"]);
    if events == 0 {
        projection.wait_for("Gleich geht es los", true);
        console.press(" ");
        projection.wait_for("Gleich geht es los", false);
    } else {
        projection.wait_for("Impuls", true);
    }

    let mut latencies = Vec::with_capacity(CHANGES);
    for change in 0..CHANGES {
        // Pause and resume in turn: the projection shows or hides the word.
        let paused = change % 2 == 0;
        let pressed = Instant::now();
        console.press(" ");
        let seen = projection.wait_for("PAUSIERT", paused);
        latencies.push(seen - pressed);
        std::thread::sleep(Duration::from_millis(20));
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "log of {events} events: console key -> projection change over {CHANGES} changes: median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(latencies[CHANGES / 2]),
        ms(latencies[0]),
        ms(latencies[CHANGES - 1])
    );
    console.press("qy");
}
