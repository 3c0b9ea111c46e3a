//! The Elm loop glue: options, the station picker, the console loop on a
//! tokio runtime, signals and crash reports. The only place that reads the clock.

mod console;
mod demo;
mod editor;
mod follower;
pub mod groups;
mod keymap;
pub mod method;
pub mod review;

use std::io::Write;
use std::path::{Path, PathBuf};

use crossterm::event::{Event as TermEvent, EventStream, KeyCode};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;

pub use console::{Console, Flow, key_help_for};
pub use demo::DEMO_DIR;
pub use follower::{Follower, is_write};

use crate::core::Timestamp;
use crate::core::event::AnchorMode;
use crate::core::session::Session;
use crate::error::ErrorKind;
use crate::i18n::{ConsoleMsg, StoreMsg, is_yes};
use crate::i18n::{Lang, Msg};
use crate::plan::Zone;
use crate::plan::{self, Journey, LoadedPlan, PlanError, Station};
use crate::platform::keys::KeyFilter;
use crate::platform::network::network_share_warning;
use crate::platform::signals::{self, Ending, Signals};
use crate::platform::terminal;
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
    /// Discard the station's rehearsal (after confirming, keeping a backup) before opening it.
    pub fresh: bool,
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
            msg: Msg::Console(ConsoleMsg::NeedsTerminal { command: command.to_string() }),
        })
    }
}

/// The wall-clock time, with the local UTC offset: the one clock read of the program.
/// Milliseconds are plenty for a workshop and keep the log readable.
pub fn now() -> Timestamp {
    chrono::SubsecRound::trunc_subsecs(chrono::Local::now().fixed_offset(), 3)
}

/// The wall-clock time with the UTC offset of the station's zone at this
/// moment: what the console, the room and the log show is the station's
/// time, whatever zone the laptop is set to. Without a zone, the local offset.
pub fn now_in(zone: Option<Zone>) -> Timestamp {
    zone.map_or_else(now, |zone| zone.at(now()))
}

/// Whether the terminal is still there when a loop ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closed {
    /// Restore it: leave raw mode and the alternate screen.
    Normally,
    /// It is gone (hang-up, console window closed): write nothing more to it.
    TerminalGone,
}

impl From<Ending> for Closed {
    fn from(ending: Ending) -> Closed {
        match ending {
            Ending::Stop => Closed::Normally,
            Ending::HangUp => Closed::TerminalGone,
        }
    }
}

/// A loop that failed because its terminal is gone ended like a hang-up, not
/// in an error: there is nobody left to tell, and the log is checkpointed.
fn settle(result: Result<Closed, AppError>) -> (Result<(), AppError>, Closed) {
    match result {
        Ok(closed) => (Ok(()), closed),
        Err(AppError::Terminal(err)) if terminal::is_gone(&err) => (Ok(()), Closed::TerminalGone),
        Err(err) => (Err(err), Closed::Normally),
    }
}

/// Raw mode and the alternate screen (ratatui), plus bracketed paste: pasted
/// text arrives as one piece, so a newline in it cannot act as Enter.
fn open_terminal() -> std::io::Result<DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    crossterm::execute!(std::io::stdout(), crossterm::event::EnableBracketedPaste)?;
    Ok(terminal)
}

/// Gives the terminal back. Every step's failure is ignored, and nothing is
/// reported: ratatui's `restore` and its `Terminal`'s drop report failures
/// with `eprintln!`, which panics when stderr is a terminal that is gone.
fn close_terminal(terminal: DefaultTerminal, closed: Closed) {
    match closed {
        Closed::Normally => {
            let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableBracketedPaste);
            let _ = crossterm::terminal::disable_raw_mode();
            let _ = crossterm::execute!(std::io::stdout(), crossterm::terminal::LeaveAlternateScreen);
            drop(terminal);
        }
        Closed::TerminalGone => {
            // Raw mode is a setting of the tty, not output: undoing it writes nothing.
            let _ = crossterm::terminal::disable_raw_mode();
            // Dropping the terminal would write to show the cursor and report the
            // failure with eprintln!. The process is ending; skipping its drop loses nothing.
            std::mem::forget(terminal);
        }
    }
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
    /// Without it: the station whose console is running, else a picker.
    pub station: Option<String>,
    /// The language of messages on the command line (the facilitator's).
    pub lang: Lang,
    /// The room's language when `--lang` was given; otherwise the journey's.
    pub room_lang: Option<Lang>,
    pub theme: Theme,
}

/// Runs the audience view of a station in this terminal, following the
/// console's journal, until `q`, Esc or a signal.
pub fn project(options: ProjectOptions) -> Result<(), AppError> {
    let plan = plan::load(&options.journey)?;
    let journey_dir = plan.file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let logs = store::logs_dir(&journey_dir);
    let chosen = match &options.station {
        Some(id) => Some(known_station(&plan.journey, id)?.id.clone()),
        None => running_station(&plan.journey, &logs),
    };
    // The room reads the journey's language, which may differ from the facilitator's.
    let room_lang = options.room_lang.unwrap_or(plan.journey.language);
    require_terminal("project")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    // Right after the runtime: its timer's start, for deadlines that wake once.
    let grid = follower::WakeGrid::new();
    let mut terminal = open_terminal()?;
    let projected = async {
        let id = match chosen {
            Some(id) => id,
            None => {
                // No console running (or several): the stations to choose from, as `run` offers them.
                let mut input = Input { events: EventStream::new(), keys: KeyFilter::for_this_platform() };
                let mut signals = Signals::new()?;
                let picking = RunOptions {
                    journey: Some(options.journey.clone()),
                    station: None,
                    lang: options.lang,
                    theme: options.theme,
                    quiet: true,
                    fresh: false,
                };
                let picked = pick_station(
                    &mut terminal,
                    &mut input,
                    &mut signals,
                    &plan.journey,
                    &logs,
                    &picking,
                    None,
                );
                match picked.await? {
                    Picked::Station(id) => id,
                    Picked::Nothing(closed) => return Ok(closed),
                }
            }
        };
        let station = known_station(&plan.journey, &id)?;
        follower::run_projection(&mut terminal, &journey_dir, &logs, station, room_lang, &options.theme, grid)
            .await
    };
    let (result, closed) = settle(runtime.block_on(projected));
    close_terminal(terminal, closed);
    result
}

/// The one station whose console is running now, if exactly one is.
fn running_station(journey: &Journey, logs: &Path) -> Option<String> {
    let mut running = journey
        .stations
        .iter()
        .filter(|station| store::is_held(&store::LogPaths::new(logs, &station.id).guard));
    match (running.next(), running.next()) {
        (Some(station), None) => Some(station.id.clone()),
        _ => None,
    }
}

fn known_station<'j>(journey: &'j Journey, station: &str) -> Result<&'j Station, AppError> {
    if let Some(found) = journey.station(station) {
        return Ok(found);
    }
    let known = journey.stations.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ");
    Err(AppError::Failed {
        kind: ErrorKind::Usage,
        msg: Msg::Console(ConsoleMsg::UnknownStation { station: station.to_string(), known }),
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
    let mut notices = Vec::new();
    if options.fresh
        && let Some(station) = &options.station
    {
        let station = known_station(&plan.journey, station)?;
        match discard_before_run(&logs, station, options.lang)? {
            Fresh::Continue(discarded) => notices.extend(discarded),
            Fresh::Declined => return Ok(()),
        }
    }
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
    let share = network_share_warning(plan.file.parent().unwrap_or(Path::new(".")));
    signals::ignore_file_size_limit();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let grid = follower::WakeGrid::new();
    let mut terminal = open_terminal()?;
    install_crash_report(&logs, options.lang);
    let banner = [share.as_ref(), unpacked.as_ref()]
        .into_iter()
        .flatten()
        .map(|msg| msg.text(options.lang))
        .reduce(|first, second| format!("{first} · {second}"));
    notices.extend(share);
    let start = Start { banner, notices, opened, grid };
    let (result, closed) = settle(runtime.block_on(session(&mut terminal, &plan, &logs, &options, start)));
    close_terminal(terminal, closed);
    result
}

/// What `run --fresh` found and did before the station opens.
enum Fresh {
    /// Open the station; with a notice when a rehearsal was discarded.
    Continue(Option<Msg>),
    /// The facilitator said no: nothing changed, nothing opens.
    Declined,
}

/// The day a station's log was rehearsed on: its clock shifted (not the
/// plan's), begun on another day than the station's date. `None` for a real day.
fn rehearsal_day(log: &store::StationLog) -> Option<chrono::NaiveDate> {
    let session = Session::replay(&log.plan, &log.cohort, &log.events);
    session
        .anchor
        .filter(|anchor| anchor.mode == AnchorMode::Shifted && anchor.start.date_naive() != session.date)
        .map(|anchor| anchor.start.date_naive())
}

/// `run --fresh`: a rehearsal is discarded after the facilitator confirms on
/// the terminal (a backup copy stays in logs/); a real day's log is refused,
/// saying so; a station without a log simply opens.
fn discard_before_run(logs: &Path, station: &Station, lang: Lang) -> Result<Fresh, AppError> {
    let log = match store::read_log(logs, &station.id) {
        Ok(Some((log, _))) => log,
        Ok(None) => return Ok(Fresh::Continue(None)),
        // Opening names the damage, with its own words and exit code.
        Err(_) => return Ok(Fresh::Continue(None)),
    };
    let paths = store::LogPaths::new(logs, &station.id);
    let Some(day) = rehearsal_day(&log) else {
        return Err(AppError::Failed {
            kind: ErrorKind::Usage,
            msg: Msg::Store(StoreMsg::NotARehearsal {
                station: station.id.clone(),
                date: station.date.format("%d.%m.%Y").to_string(),
                snapshot: paths.snapshot.display().to_string(),
                journal: paths.journal.display().to_string(),
            }),
        });
    };
    let question = Msg::Store(StoreMsg::ConfirmDiscard {
        station: station.id.clone(),
        date: day.format("%d.%m.%Y").to_string(),
        logs: logs.display().to_string(),
    });
    eprint!("{}", question.text(lang));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    // No answer (end of input, an unreadable terminal) is a no.
    if std::io::stdin().read_line(&mut answer).is_err() || !is_yes(&answer) {
        eprintln!("{}", Msg::Store(StoreMsg::NothingDiscarded).text(lang));
        return Ok(Fresh::Declined);
    }
    let backup = store::discard_log(logs, &station.id, now())?;
    let done = Msg::Store(StoreMsg::RehearsalDiscarded {
        station: station.id.clone(),
        snapshot: backup.snapshot.display().to_string(),
        journal: backup.journal.display().to_string(),
    });
    eprintln!("{}", done.text(lang));
    Ok(Fresh::Continue(Some(done)))
}

/// The journey's stations as the picker lists them, each with its log's state.
fn station_entries(journey: &Journey, logs: &Path) -> Vec<StationEntry> {
    journey
        .stations
        .iter()
        .map(|station| StationEntry {
            date: station.date.format("%d.%m.%Y").to_string(),
            title: station.title.clone(),
            place: station.place.clone(),
            state: match store::read_log(logs, &station.id) {
                Ok(None) => StationState::NotStarted,
                Ok(Some((log, _))) => match rehearsal_day(&log) {
                    Some(day) => StationState::Rehearsal { day },
                    None => {
                        let session = Session::replay(&log.plan, &log.cohort, &log.events);
                        if session.is_finished() {
                            StationState::Finished
                        } else if session.is_started() {
                            StationState::InProgress
                        } else {
                            StationState::NotStarted
                        }
                    }
                },
                Err(_) => StationState::Unreadable,
            },
        })
        .collect()
}

/// `logs/<file name>`: a file in a journey's logs, named short.
fn in_logs(path: &Path) -> String {
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned());
    format!("logs/{name}")
}

/// What the station picker ended with.
enum Picked {
    Station(String),
    /// The facilitator left, or a signal ended the program.
    Nothing(Closed),
}

/// What the console starts from, besides the plan and the options.
struct Start {
    /// A line for the station picker (the demo unpacked, a network share).
    banner: Option<String>,
    /// Shown with the recovery's warnings until the first key.
    notices: Vec<Msg>,
    /// The station opened before the terminal was looked at, when `--station` named it.
    opened: Option<(StationStore, Recovery)>,
    grid: follower::WakeGrid,
}

async fn session(
    terminal: &mut DefaultTerminal,
    plan: &LoadedPlan,
    logs: &Path,
    options: &RunOptions,
    start: Start,
) -> Result<Closed, AppError> {
    let Start { banner, notices, opened, grid } = start;
    let mut input = Input { events: EventStream::new(), keys: KeyFilter::for_this_platform() };
    let mut signals = Signals::new()?;
    let station_id = match &options.station {
        Some(id) => id.clone(),
        None => {
            let picked = pick_station(
                terminal,
                &mut input,
                &mut signals,
                &plan.journey,
                logs,
                options,
                banner.as_deref(),
            );
            match picked.await? {
                Picked::Station(id) => id,
                Picked::Nothing(closed) => return Ok(closed),
            }
        }
    };
    let journey = plan.journey.clone();
    let Some(station) = journey.station(&station_id).cloned() else { return Ok(Closed::Normally) };
    let (store, mut recovery) = match opened {
        Some(opened) => opened,
        None => StationStore::open(logs, &journey, &station)?,
    };
    let (history, unread) = store::read_history(logs, &journey, &station.id);
    // The console shows the recovery's warnings at the top until the first key.
    recovery.warnings.extend(notices);
    recovery.warnings.extend(unread);
    let zone = station.timezone;
    let mut console =
        Console::new(journey, station.title, store, &recovery, now_in(zone), options.lang, options.quiet)
            .with_history(history);
    run_console(terminal, &mut input, &mut signals, &mut console, &options.theme, grid, zone).await
}

/// The terminal's events, and the filter that hands their keys to the keymap.
struct Input {
    events: EventStream,
    keys: KeyFilter,
}

async fn run_console(
    terminal: &mut DefaultTerminal,
    input: &mut Input,
    signals: &mut Signals,
    console: &mut Console,
    theme: &Theme,
    grid: follower::WakeGrid,
    zone: Option<Zone>,
) -> Result<Closed, AppError> {
    let now = || now_in(zone);
    let mut failure = None;
    let mut closed = Closed::Normally;
    loop {
        let at = now();
        console.tick(at);
        let keys = console.keys();
        let room = console.room(at);
        // A failed draw (the terminal gone, say) still ends with the checkpoint below.
        let drawn = terminal.draw(|frame| match &room {
            Some(room) => {
                draw_projection(frame, &console.projection_view(room, theme));
                draw_overlay(frame, &console.view(at, &keys, theme));
            }
            None => draw_console(frame, &console.view(at, &keys, theme)),
        });
        if let Err(err) = drawn {
            failure = Some(err);
            break;
        }
        if console.take_bell() {
            let mut out = std::io::stdout();
            let _ = out.write_all(b"\x07").and_then(|()| out.flush());
        }
        let wake = console.next_wake(at).to_std().unwrap_or(std::time::Duration::from_secs(1)) + WAKE_MARGIN;
        tokio::select! {
            event = input.events.next() => match event {
                Some(Ok(TermEvent::Key(key))) => {
                    if let Some(key) = input.keys.pass(key)
                        && console.key(key, now()) == Flow::Quit
                    {
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
            // On the timer wheel's slot boundary: one wake-up a second, not two.
            () = tokio::time::sleep_until(grid.deadline(wake)) => {}
            ending = signals.recv() => {
                closed = ending.into();
                break;
            }
        }
    }
    // One last try for an event that could not be written, then the JSON log.
    console.tick(now());
    console.checkpoint(now());
    if let Some(err) = failure {
        return Err(err.into());
    }
    // Another console took the station: say where this one's events are, and fail.
    if let Some(msg) = console.rescued() {
        return Err(AppError::Failed { kind: ErrorKind::Io, msg });
    }
    // Quitting cannot save what the journal refused: say what is lost, and fail.
    match console.unrecorded() {
        Some(msg) => Err(AppError::Failed { kind: ErrorKind::Io, msg }),
        None => Ok(closed),
    }
}

/// Lists the journey's stations with their state and returns the one chosen.
async fn pick_station(
    terminal: &mut DefaultTerminal,
    input: &mut Input,
    signals: &mut Signals,
    journey: &Journey,
    logs: &Path,
    options: &RunOptions,
    banner: Option<&str>,
) -> Result<Picked, AppError> {
    let mut entries = station_entries(journey, logs);
    // Start on the first station that is not finished.
    let mut selected = entries.iter().position(|entry| entry.state != StationState::Finished).unwrap_or(0);
    let mut banner = banner.map(str::to_string);
    // The question asked before a rehearsal is discarded; the next key answers it.
    let mut confirming: Option<String> = None;
    loop {
        let view = PickerView {
            journey_title: &journey.title,
            stations: &entries,
            selected,
            banner: banner.as_deref(),
            question: confirming.as_deref(),
            lang: options.lang,
            theme: &options.theme,
        };
        terminal.draw(|frame| draw_picker(frame, &view))?;
        let event = tokio::select! {
            event = input.events.next() => event,
            ending = signals.recv() => return Ok(Picked::Nothing(ending.into())),
        };
        let key = match event {
            Some(Ok(TermEvent::Key(key))) => input.keys.pass(key),
            Some(Ok(_)) => None,
            Some(Err(err)) => return Err(err.into()),
            None => return Ok(Picked::Nothing(Closed::Normally)),
        };
        let Some(code) = key.map(|key| key.code) else { continue };
        if confirming.take().is_some() {
            // Only a yes discards; any other key leaves the rehearsal as it is.
            let yes = matches!(code, KeyCode::Char(c) if is_yes(&c.to_string()));
            if let (true, Some(station)) = (yes, journey.stations.get(selected)) {
                banner = Some(match store::discard_log(logs, &station.id, now()) {
                    // The banner is one line: the copies by their names in logs/.
                    Ok(backup) => Msg::Store(StoreMsg::RehearsalDiscarded {
                        station: station.id.clone(),
                        snapshot: in_logs(&backup.snapshot),
                        journal: in_logs(&backup.journal),
                    })
                    .text(options.lang),
                    Err(err) => err.msg.text(options.lang),
                });
                entries = station_entries(journey, logs);
            } else {
                banner = Some(Msg::Store(StoreMsg::NothingDiscarded).text(options.lang));
            }
            continue;
        }
        match code {
            KeyCode::Up | KeyCode::Char('k') => selected = selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                selected = (selected + 1).min(entries.len().saturating_sub(1))
            }
            KeyCode::Char('d') => {
                if let Some(StationState::Rehearsal { day }) = entries.get(selected).map(|entry| entry.state)
                {
                    // One line, the answer keys before anything a narrow terminal would cut.
                    let question = Msg::Store(StoreMsg::PickerConfirmDiscard {
                        date: day.format("%d.%m.%Y").to_string(),
                    });
                    confirming = Some(question.text(options.lang));
                }
            }
            KeyCode::Enter => {
                return Ok(match journey.stations.get(selected) {
                    Some(station) => Picked::Station(station.id.clone()),
                    None => Picked::Nothing(Closed::Normally),
                });
            }
            KeyCode::Char('q') | KeyCode::Esc => return Ok(Picked::Nothing(Closed::Normally)),
            _ => {}
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
            // Not eprintln!: a panic in the hook (stderr gone) would abort.
            let text = Msg::Console(ConsoleMsg::CrashReport { path: path.display().to_string() }).text(lang);
            let _ = writeln!(std::io::stderr(), "{text}");
        }
    }));
}
