//! What the pseudo-terminal tests share: the real `moderato` binary in a
//! portable-pty, its screen kept up to date by a `vt100` parser fed from a
//! reader thread, and a temporary copy of the demo journey to run it on.
//! Each test file adds what only it reads off the screen (panels, clocks,
//! queues) in its own `impl App` block.
#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test code: a panic is a test failure")]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// How often the screen (or the child) is looked at while waiting.
pub const POLL: Duration = Duration::from_millis(50);

/// A copy of the demo journey in a temporary directory: `<tmp>/journey/journey.toml`.
pub struct Journey {
    _tmp: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Journey {
    pub fn new() -> Journey {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("journey");
        std::fs::create_dir(&dir).unwrap();
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/digitaljourney-2022/journey.toml");
        std::fs::copy(&source, dir.join("journey.toml")).unwrap();
        Journey { _tmp: tmp, dir }
    }
}

/// `moderato --lang de run <journey> --station <station> --quiet` with `TERM=xterm-256color`,
/// to be adjusted (working directory, environment) before [`App::spawn`].
pub fn moderato(journey: &Path, station: &str) -> CommandBuilder {
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_moderato"));
    command.args(["--lang", "de", "run"]);
    command.arg(journey);
    command.args(["--station", station, "--quiet"]);
    command.env("TERM", "xterm-256color");
    command
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

/// A program running in a pseudo-terminal, its screen kept up to date by a reader thread.
/// Dropping it kills the process if it is still running (a failed test leaves nothing behind).
pub struct App {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    // Kept open for the child's lifetime: closing the master hangs up the terminal.
    _master: Box<dyn MasterPty + Send>,
    exited: bool,
    /// How long any one expectation may take.
    timeout: Duration,
}

impl App {
    /// Runs `command` in a `rows` × `cols` terminal; every wait gives up after `timeout`.
    pub fn spawn(command: CommandBuilder, (rows, cols): (u16, u16), timeout: Duration) -> App {
        let pty =
            native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let child = pty.slave.spawn_command(command).unwrap();
        // Only the child holds the terminal's other end now; its exit ends the reader.
        drop(pty.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nonzero(rows), nonzero(cols), 0)));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let screen = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => screen.lock().unwrap().process(&buf[..n]),
                }
            }
        });
        let writer = pty.master.take_writer().unwrap();
        App { parser, writer, child, _master: pty.master, exited: false, timeout }
    }

    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child has a process id")
    }

    /// The whole screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen's columns `start..start + width`, one string per row.
    pub fn rows(&self, start: u16, width: u16) -> Vec<String> {
        self.parser.lock().unwrap().screen().rows(start, width).collect()
    }

    /// The foreground colour of every cell that shows something, with its text.
    pub fn colours(&self) -> Vec<(String, vt100::Color)> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        (0..rows.get())
            .flat_map(|row| (0..cols.get()).map(move |col| (row, col)))
            .filter_map(|(row, col)| screen.cell(row, col))
            .filter(|cell| !cell.contents().trim().is_empty())
            .map(|cell| (cell.contents().to_string(), cell.fgcolor()))
            .collect()
    }

    /// Waits until `holds` is true of the app, or panics with `what` and the screen.
    pub fn wait_until(&self, what: &str, holds: impl Fn(&App) -> bool) {
        let deadline = Instant::now() + self.timeout;
        while !holds(self) {
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {:?} waiting for {what}; the screen:\n{}",
                    self.timeout,
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text`.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |app| app.screen().contains(text));
    }

    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// What `read` finds on screen once two looks 50 ms apart agree (a frame can
    /// arrive in several writes; this never reads a half-drawn one).
    pub fn steady<T: PartialEq + Default>(&self, what: &str, read: impl Fn(&App) -> Option<T>) -> T {
        let deadline = Instant::now() + self.timeout;
        let mut last = None;
        loop {
            let now = read(self);
            if now.is_some() && now == last {
                return now.unwrap_or_default();
            }
            if Instant::now() >= deadline {
                panic!("no steady {what} on screen; the screen:\n{}", self.screen());
            }
            last = now;
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the process to end, panicking with the screen after the timeout.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + self.timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.exited = true;
                return status;
            }
            if Instant::now() >= deadline {
                panic!("moderato did not exit within {:?}; the screen:\n{}", self.timeout, self.screen());
            }
            std::thread::sleep(POLL);
        }
    }

    /// `q`, the question, `y`: the facilitator quits; the process must end successfully.
    pub fn quit(&mut self) {
        self.press("q");
        self.wait_for("beenden?");
        self.press("y");
        let status = self.wait_exit();
        assert!(status.success(), "moderato exited with {status:?}; the screen:\n{}", self.screen());
    }

    /// `kill -9`: the process ends without any chance to clean up.
    pub fn kill_hard(&mut self) {
        let pid = self.pid().to_string();
        let killed = std::process::Command::new("kill").args(["-9", &pid]).status().unwrap();
        assert!(killed.success(), "kill -9 {pid} failed");
        let status = self.wait_exit();
        assert!(!status.success(), "a killed moderato reported success");
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.exited {
            // SIGHUP, then SIGKILL after a short grace period (portable-pty's kill on unix).
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
