//! The Elm loop glue: options, the station picker, the console loop on a
//! tokio runtime, signals and crash reports. The only place that reads the clock.

mod console;
mod demo;
mod editor;
mod follower;
mod keymap;
pub mod method;

use std::io::Write;
use std::path::{Path, PathBuf};

use crossterm::event::{Event as TermEvent, EventStream, KeyCode, KeyEventKind};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;
use tokio::signal::unix::{SignalKind, signal};

pub use console::{Console, Flow, key_help_for};
pub use demo::DEMO_DIR;
pub use follower::Follower;

use crate::core::Timestamp;
use crate::core::session::Session;
use crate::error::ErrorKind;
use crate::i18n::{Lang, Msg};
use crate::plan::{self, Journey, LoadedPlan, PlanError, Station};
use crate::store::{self, OpenError, Recovery, StationStore};
use crate::ui::{
    PickerView, StationEntry, StationState, Theme, draw_console, draw_overlay, draw_picker, draw_projection,
};

/// Added to every sleep so the loop wakes just after a second boundary rather
/// than a hair before it (tokio's timer has millisecond resolution), which
/// would cost a second, useless wake-up.
const WAKE_MARGIN: std::time::Duration = std::time::Duration::from_millis(5);

/// What `moderato run` was asked to do.
#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The journey directory; `None` opens the bundled demo.
    pub journey: Option<PathBuf>,
    pub station: Option<String>,
    pub lang: Lang,
    pub theme: Theme,
    /// No terminal bell when a timer reaches zero.
    pub quiet: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error(transparent)]
    Plan(#[from] PlanError),
    /// A problem worded for the facilitator, with its kind (for the exit code).
    #[error("{msg}")]
    Failed { kind: ErrorKind, msg: Msg },
    #[error("terminal: {0}")]
    Terminal(#[from] std::io::Error),
}

impl AppError {
    /// What kind of failure this is; the command line's exit code follows from it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            AppError::Plan(err) => err.kind(),
            AppError::Failed { kind, .. } => *kind,
            AppError::Terminal(_) => ErrorKind::Io,
        }
    }
}

impl From<OpenError> for AppError {
    fn from(err: OpenError) -> AppError {
        AppError::Failed { kind: err.kind, msg: err.msg }
    }
}

/// The console and the projection draw on a terminal; without one (input or
/// output redirected) they say so instead of failing with an OS error.
fn require_terminal(command: &str) -> Result<(), AppError> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        Ok(())
    } else {
        Err(AppError::Failed {
            kind: ErrorKind::Usage,
            msg: Msg::NeedsTerminal { command: command.to_string() },
        })
    }
}

/// The wall-clock time, with the local UTC offset: the one clock read of the program.
/// Milliseconds are plenty for a workshop and keep the log readable.
pub fn now() -> Timestamp {
    chrono::SubsecRound::trunc_subsecs(chrono::Local::now().fixed_offset(), 3)
}

/// The signals that end a session cleanly: SIGTERM, SIGHUP, SIGINT.
struct Signals {
    terminate: tokio::signal::unix::Signal,
    hangup: tokio::signal::unix::Signal,
    interrupt: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Signals> {
        Ok(Signals {
            terminate: signal(SignalKind::terminate())?,
            hangup: signal(SignalKind::hangup())?,
            interrupt: signal(SignalKind::interrupt())?,
        })
    }

    /// Resolves when any of them arrives.
    async fn recv(&mut self) {
        tokio::select! {
            _ = self.terminate.recv() => {}
            _ = self.hangup.recv() => {}
            _ = self.interrupt.recv() => {}
        }
    }
}

/// Raw mode and the alternate screen (ratatui), plus bracketed paste: pasted
/// text arrives as one piece, so a newline in it cannot act as Enter.
fn open_terminal() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)?;
    Ok(terminal)
}

fn close_terminal() {
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
    ratatui::restore();
}

/// Time until the clock shows the next minute.
fn until_next_minute(now: Timestamp) -> chrono::TimeDelta {
    use chrono::Timelike;
    chrono::TimeDelta::seconds(60)
        - chrono::TimeDelta::seconds(i64::from(now.second()))
        - chrono::TimeDelta::milliseconds(i64::from(now.timestamp_subsec_millis()))
}

/// What `moderato project` was asked to do.
#[derive(Debug, Clone)]
pub struct ProjectOptions {
    pub journey: PathBuf,
    pub station: String,
    pub lang: Lang,
    pub theme: Theme,
}

/// Runs the audience view of a station in this terminal, following the
/// console's journal, until `q`, Esc or a signal.
pub fn project(options: ProjectOptions) -> Result<(), AppError> {
    let plan = plan::load(&options.journey)?;
    let journey_dir = plan.file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let logs = store::logs_dir(&journey_dir);
    known_station(&plan.journey, &options.station)?;
    require_terminal("project")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut terminal = open_terminal()?;
    let result = runtime.block_on(follower::run_projection(
        &mut terminal,
        &plan.journey,
        &journey_dir,
        &logs,
        &options.station,
        options.lang,
        &options.theme,
    ));
    close_terminal();
    result
}

fn known_station<'j>(journey: &'j Journey, station: &str) -> Result<&'j Station, AppError> {
    if let Some(found) = journey.station(station) {
        return Ok(found);
    }
    let known = journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
    Err(AppError::Failed {
        kind: ErrorKind::Usage,
        msg: Msg::UnknownStation { station: station.to_string(), known },
    })
}

/// Runs the facilitator console until the facilitator quits or a signal arrives.
pub fn run(options: RunOptions) -> Result<(), AppError> {
    let (journey_dir, unpacked) = match &options.journey {
        Some(dir) => (dir.clone(), None),
        None => demo::demo_journey().map_err(|msg| AppError::Failed { kind: ErrorKind::Io, msg })?,
    };
    let plan = plan::load(&journey_dir)?;
    let logs = store::logs_dir(plan.file.parent().unwrap_or(Path::new(".")));
    // The station is opened before the terminal is looked at, so a damaged
    // log or a station open elsewhere is reported the same way with or without one.
    let opened = match &options.station {
        Some(station) => {
            let station = known_station(&plan.journey, station)?;
            Some(StationStore::open(&logs, &plan.journey, station)?)
        }
        None => None,
    };
    require_terminal("run")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut terminal = open_terminal()?;
    install_crash_report(&logs, options.lang);
    let banner = unpacked.map(|msg| msg.text(options.lang));
    let result = runtime.block_on(session(&mut terminal, &plan, &logs, &options, banner, opened));
    close_terminal();
    result
}

async fn session(
    terminal: &mut DefaultTerminal,
    plan: &LoadedPlan,
    logs: &Path,
    options: &RunOptions,
    banner: Option<String>,
    opened: Option<(StationStore, Recovery)>,
) -> Result<(), AppError> {
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    let station_id = match &options.station {
        Some(id) => id.clone(),
        None => {
            let picked = pick_station(
                terminal,
                &mut events,
                &mut signals,
                &plan.journey,
                logs,
                options,
                banner.as_deref(),
            );
            match picked.await? {
                Some(id) => id,
                None => return Ok(()),
            }
        }
    };
    let journey = plan.journey.clone();
    let Some(station) = journey.station(&station_id).cloned() else { return Ok(()) };
    let (store, recovery) = match opened {
        Some(opened) => opened,
        None => StationStore::open(logs, &journey, &station)?,
    };
    let mut console =
        Console::new(journey, station.title, store, &recovery, now(), options.lang, options.quiet);
    run_console(terminal, &mut events, &mut signals, &mut console, &options.theme).await
}

async fn run_console(
    terminal: &mut DefaultTerminal,
    events: &mut EventStream,
    signals: &mut Signals,
    console: &mut Console,
    theme: &Theme,
) -> Result<(), AppError> {
    let mut failure = None;
    loop {
        let at = now();
        console.tick(at);
        let keys = console.keys();
        let room = console.room(at);
        terminal.draw(|frame| match &room {
            Some(room) => {
                draw_projection(frame, &console.projection_view(room, theme));
                draw_overlay(frame, &console.view(at, &keys, theme));
            }
            None => draw_console(frame, &console.view(at, &keys, theme)),
        })?;
        if console.take_bell() {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let wake = console.next_wake(at).to_std().unwrap_or(std::time::Duration::from_secs(1)) + WAKE_MARGIN;
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(TermEvent::Key(key))) => {
                    if console.key(key, now()) == Flow::Quit {
                        break;
                    }
                }
                Some(Ok(TermEvent::Paste(text))) => console.paste(&text),
                Some(Ok(_)) => {}
                Some(Err(err)) => {
                    failure = Some(err);
                    break;
                }
                None => break,
            },
            () = tokio::time::sleep(wake) => {}
            () = signals.recv() => break,
        }
    }
    // One last try for an event that could not be written, then the JSON log.
    console.tick(now());
    console.checkpoint(now());
    failure.map_or(Ok(()), |err| Err(err.into()))
}

/// Lists the journey's stations with their state and returns the one chosen.
async fn pick_station(
    terminal: &mut DefaultTerminal,
    events: &mut EventStream,
    signals: &mut Signals,
    journey: &Journey,
    logs: &Path,
    options: &RunOptions,
    banner: Option<&str>,
) -> Result<Option<String>, AppError> {
    let entries: Vec<StationEntry> = journey
        .stations
        .iter()
        .map(|station| StationEntry {
            date: station.date.format("%d.%m.%Y").to_string(),
            title: station.title.clone(),
            place: station.place.clone(),
            state: match store::read_log(logs, &station.id) {
                Ok(None) => StationState::NotStarted,
                Ok(Some((log, _))) => {
                    let session = Session::replay(&log.plan, &log.cohort, &log.events);
                    if session.is_finished() {
                        StationState::Finished
                    } else if session.is_started() {
                        StationState::InProgress
                    } else {
                        StationState::NotStarted
                    }
                }
                Err(_) => StationState::Unreadable,
            },
        })
        .collect();
    // Start on the first station that is not finished.
    let mut selected = entries.iter().position(|entry| entry.state != StationState::Finished).unwrap_or(0);
    loop {
        let view = PickerView {
            journey_title: &journey.title,
            stations: &entries,
            selected,
            banner,
            lang: options.lang,
            theme: &options.theme,
        };
        terminal.draw(|frame| draw_picker(frame, &view))?;
        let event = tokio::select! {
            event = events.next() => event,
            () = signals.recv() => return Ok(None),
        };
        match event {
            Some(Ok(TermEvent::Key(key))) if key.kind != KeyEventKind::Release => match key.code {
                KeyCode::Up | KeyCode::Char('k') => selected = selected.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    selected = (selected + 1).min(entries.len().saturating_sub(1))
                }
                KeyCode::Enter => {
                    return Ok(journey.stations.get(selected).map(|station| station.id.clone()));
                }
                KeyCode::Char('q') | KeyCode::Esc => return Ok(None),
                _ => {}
            },
            Some(Ok(_)) => {}
            Some(Err(err)) => return Err(err.into()),
            None => return Ok(None),
        }
    }
}

/// On a panic: a report next to the logs, then the terminal restored (by
/// ratatui's hook) and a message saying where the report is. The journal
/// holds every event recorded before the panic.
fn install_crash_report(logs: &Path, lang: Lang) {
    let logs = logs.to_path_buf();
    let restore = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let path = logs.join(format!("crash-{}.txt", now().format("%Y%m%dT%H%M%S")));
        let report = format!(
            "moderato {} crashed at {}\n{info}\n\n{}\n",
            env!("CARGO_PKG_VERSION"),
            now().to_rfc3339(),
            std::backtrace::Backtrace::force_capture()
        );
        let written = store::write_private(&path, report.as_bytes());
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
        restore(info);
        if written.is_ok() {
            eprintln!("{}", Msg::CrashReport { path: path.display().to_string() }.text(lang));
        }
    }));
}
