//! The console's state and its update: a key becomes an action, an action a
//! command, the command events that are recorded and then applied.

use std::collections::VecDeque;

use chrono::TimeDelta;
use crossterm::event::KeyEvent;

use super::editor::{Edit, LineEditor};
use super::keymap::{self, Action, KeyContext, Situation, action};
use super::method::{MethodConsoles, MethodOverlay, Outcome, discussion, exchange, reflection};
use crate::core::Timestamp;
use crate::core::agenda::project;
use crate::core::catalogue;
use crate::core::command::Command;
use crate::core::discussion::picker_matches;
use crate::core::event::{AnchorMode, Event, Presence, Scene};
use crate::core::history::History;
use crate::core::method::MethodState;
use crate::core::reflection::{Commitment, commitments};
use crate::core::room::RoomView;
use crate::core::session::{BlockState, Session};
use crate::core::timer::TimerState;
use crate::i18n::{ConsoleLabel, ConsoleMsg, ProjectionLabel};
use crate::i18n::{Label, Lang, Msg};
use crate::plan::Journey;
use crate::store::{Recovery, StationStore, StoreError};
use crate::ui::exchange::ExchangeView;
use crate::ui::format::clock;
use crate::ui::{
    Banner, ConsoleView, ConsultationFocus, ConsultationOverlay, KeyHelp, MethodFocus, Overlay,
    ProjectionView, ReflectionFocus, Theme,
};

/// How long between two checkpoints of the JSON log while nothing else triggers one.
const CHECKPOINT_EVERY: TimeDelta = TimeDelta::minutes(5);
/// How long a short answer to a key stays on screen.
const MESSAGE_SHOWN: TimeDelta = TimeDelta::seconds(5);
/// How soon a JSON log that could not be saved is tried again.
const SAVE_RETRY: TimeDelta = TimeDelta::seconds(30);
/// The length of a break inserted with `b`.
const BREAK_MINUTES: u32 = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Mode {
    Normal,
    /// Help, scrolled down by this many lines.
    Help(u16),
    Note(LineEditor),
    /// Typing a message for the projection, with the ready-made one offered last.
    Message(LineEditor, usize),
    /// A method's overlay: a type-ahead picker of a participant (`selected`
    /// indexes the matches among those present) or a one-line editor.
    Method {
        overlay: MethodOverlay,
        editor: LineEditor,
        selected: usize,
    },
    /// Who is here today, with the cursor on a participant of the cohort.
    Attendance {
        selected: usize,
    },
    /// The address of the group screens `serve` shows, with its QR code.
    Serve,
    ConfirmQuit,
    ConfirmReanchor,
    /// Skipping the block that runs asks first: it ends what the room is watching.
    ConfirmSkip(String),
}

/// Events decided but not yet on disk, because the journal could not be written.
#[derive(Debug)]
struct Unrecorded {
    at: Timestamp,
    events: VecDeque<Event>,
    reason: String,
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

/// A running console on one station.
#[derive(Debug)]
pub struct Console {
    journey: Journey,
    station_title: String,
    store: StationStore,
    session: Session,
    mode: Mode,
    selected: Option<String>,
    banners: Vec<Banner>,
    /// A short answer to the last key, with when it was given: it fades.
    message: Option<(Label, Timestamp)>,
    unrecorded: Option<Unrecorded>,
    /// Why the last checkpoint of the JSON log failed, if it did.
    snapshot_error: Option<String>,
    /// The block whose timer has already rung its bell at zero.
    rung_for: Option<String>,
    /// The block and step of a calm method (a reflection's phase) whose end has rung its bell.
    rung_step: Option<(String, usize)>,
    bell_pending: bool,
    last_checkpoint: Timestamp,
    /// The console part of each method: its cursors and groupings.
    methods: MethodConsoles,
    /// What the journey's earlier stations recorded (roles, contacts).
    history: History,
    /// Their transfer commitments, for a check-in (read once from `history`).
    commitments: Vec<Commitment>,
    /// This terminal shows the projection (a mirrored screen) instead of the console.
    mirror: bool,
    lang: Lang,
    quiet: bool,
    /// `serve` started from here with `h`: it ends with the console.
    served: Option<Served>,
}

/// A `serve` process the console started, and what it said: its addresses
/// and URL, or why it could not start.
#[derive(Debug)]
struct Served {
    child: Option<std::process::Child>,
    /// Where it listens (`--lan`: every address, and the one others use).
    addresses: String,
    url: String,
    qr: Vec<String>,
    /// Why it did not start (a port in use, say), as it said it.
    error: Option<String>,
    /// Its address file beside the logs, which a killed serve cannot remove itself.
    published: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(child) = &mut self.child {
            let _ = child.kill();
            let _ = child.wait();
            let _ = std::fs::remove_file(&self.published);
        }
    }
}

impl Served {
    /// `moderato serve <journey> --station ID --lan`, beside this console. It
    /// prints where it listens once it does, or says why not and ends; the
    /// token stays in this process and that one, never in a log.
    fn start(store: &StationStore) -> Served {
        use std::io::{BufRead, Read};
        let logs = store.paths().lock.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let published = crate::serve::address::path(&logs, &store.log().station.id);
        let failed = |error: String| Served {
            child: None,
            addresses: String::new(),
            url: String::new(),
            qr: Vec::new(),
            error: Some(error),
            published: published.clone(),
        };
        let journey = logs.parent().map(std::path::Path::to_path_buf).unwrap_or_default();
        let exe = match std::env::current_exe() {
            Ok(exe) => exe,
            Err(err) => return failed(err.to_string()),
        };
        let spawned = std::process::Command::new(exe)
            .arg("serve")
            .arg(&journey)
            .args(["--station", &store.log().station.id, "--lan"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn();
        let mut child = match spawned {
            Ok(child) => child,
            Err(err) => return failed(err.to_string()),
        };
        // "Listening on: …" then "Open in a browser: http://…", in either language.
        let said: Vec<String> = child
            .stdout
            .take()
            .map(|out| std::io::BufReader::new(out).lines().take(2).map_while(Result::ok).collect())
            .unwrap_or_default();
        let after_colon = |line: &String| line.split_once(": ").map(|(_, rest)| rest.trim().to_string());
        match (said.first().and_then(after_colon), said.get(1).and_then(after_colon)) {
            (Some(addresses), Some(url)) if url.starts_with("http://") => {
                let qr = crate::serve::qr_lines(&url);
                Served { qr, child: Some(child), addresses, url, error: None, published }
            }
            _ => {
                let mut error = String::new();
                if let Some(mut err) = child.stderr.take() {
                    let _ = err.read_to_string(&mut error);
                }
                let _ = child.wait();
                failed(error.trim().to_string())
            }
        }
    }
}

impl Console {
    /// A console on an opened store; records the resumption of a station that had begun.
    pub fn new(
        journey: Journey,
        station_title: String,
        store: StationStore,
        recovery: &Recovery,
        now: Timestamp,
        lang: Lang,
        quiet: bool,
    ) -> Console {
        let session = Session::replay(&store.log().plan, &store.log().cohort, store.events());
        let mut banners: Vec<Banner> =
            recovery.warnings.iter().map(|warning| Banner::Error(warning.text(lang))).collect();
        if session.is_started() {
            let events = store.events().len();
            let resumed = match session.current() {
                Some(item) => Msg::Console(ConsoleMsg::Resumed {
                    block: crate::ui::format::shorten(&item.block.title, 40),
                    events,
                }),
                None => Msg::Console(ConsoleMsg::ResumedNoBlock { events }),
            };
            banners.insert(0, Banner::Info(resumed.text(lang)));
        }
        // A rehearsal begun on another day would otherwise pass for the real day.
        if let Some(anchor) = session.anchor.filter(|a| a.mode == AnchorMode::Shifted)
            && anchor.start.date_naive() != now.date_naive()
        {
            let paths = store.paths();
            let files = format!("{} {}", paths.snapshot.display(), paths.journal.display());
            let date = anchor.start.format("%d.%m.%Y").to_string();
            banners
                .insert(0, Banner::Error(Msg::Console(ConsoleMsg::OldRehearsal { date, files }).text(lang)));
        }
        // A block already over its time when the console opens has had its bell.
        let rung_for = session
            .current()
            .filter(|item| item.timer.remaining(now) < TimeDelta::zero())
            .map(|item| item.block.id.clone());
        let rung_step = session
            .current()
            .and_then(|item| item.method.step_over(now).map(|step| (item.block.id.clone(), step)));
        let mut console = Console {
            journey,
            station_title,
            store,
            session,
            mode: Mode::Normal,
            selected: None,
            banners,
            message: None,
            unrecorded: None,
            snapshot_error: None,
            rung_for,
            rung_step,
            bell_pending: false,
            last_checkpoint: now,
            mirror: false,
            methods: MethodConsoles::default(),
            history: History::default(),
            commitments: Vec::new(),
            lang,
            quiet,
            served: None,
        };
        console.execute(Command::Resume, now);
        console
    }

    /// The console with what the journey's earlier stations recorded.
    pub fn with_history(mut self, history: History) -> Console {
        self.methods.exchange.set_history(&history, &self.store.log().station.id);
        self.commitments = commitments(&history);
        self.history = history;
        self.methods.settle(&self.session, &self.history);
        self
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The keys of the footer and of `?` help, from the same tables as dispatch.
    pub fn keys(&self) -> KeyHelp {
        key_help(&self.session, &self.methods.tables(&self.session))
    }

    /// The console state of the current block's method that a frame shows.
    fn method_focus(&self) -> MethodFocus<'_> {
        let Some(item) = self.session.current() else { return MethodFocus::None };
        match &item.method {
            MethodState::Plain | MethodState::Discussion(_) => MethodFocus::None,
            MethodState::Consultation(_) => MethodFocus::Consultation(ConsultationFocus {
                casting: self.methods.consultation.casting,
                group: self.methods.consultation.group,
                counts: &self.methods.consultation.counts,
            }),
            MethodState::Reflection(_) => MethodFocus::Reflection(ReflectionFocus {
                cursor: self.methods.reflection.cursor,
                commitments: Some(&self.commitments),
            }),
            MethodState::Exchange(_) => MethodFocus::Exchange(ExchangeView {
                cursor: self.methods.exchange.cursor,
                marked: self.methods.exchange.marked.as_deref(),
                contacts: Some(&self.methods.exchange.matrix).filter(|_| self.methods.exchange.contacts),
                met: Some(&self.methods.exchange.before),
            }),
        }
    }

    /// The frame's view of this console at `now`; `keys` from [`Console::keys`].
    pub fn view<'a>(&'a self, now: Timestamp, keys: &'a KeyHelp, theme: &'a Theme) -> ConsoleView<'a> {
        ConsoleView {
            journey_title: &self.journey.title,
            station_title: &self.station_title,
            session: &self.session,
            now,
            selected: self.selected.as_deref(),
            queue_cursor: self.methods.discussion.queue_cursor,
            talk_by_organisation: self.methods.discussion.by_organisation,
            method: self.method_focus(),
            overlay: match &self.mode {
                Mode::Normal => Overlay::None,
                Mode::Help(scroll) => Overlay::Help { scroll: *scroll },
                Mode::Note(editor) => Overlay::Note { text: editor.text(), cursor: editor.cursor() },
                Mode::Message(editor, _) => Overlay::Message {
                    text: editor.text(),
                    cursor: editor.cursor(),
                    offered: editor.is_offered(),
                },
                Mode::Method { overlay: MethodOverlay::Discussion(overlay), editor, selected } => {
                    match overlay {
                        discussion::Overlay::Pick(hand) => Overlay::Picker {
                            hand: *hand,
                            text: editor.text(),
                            cursor: editor.cursor(),
                            selected: *selected,
                        },
                        discussion::Overlay::Capture(kind) => {
                            Overlay::Capture { kind: *kind, text: editor.text(), cursor: editor.cursor() }
                        }
                    }
                }
                Mode::Method { overlay: MethodOverlay::Consultation(editor), editor: line, selected } => {
                    Overlay::Consultation(ConsultationOverlay {
                        editor: *editor,
                        text: line.text(),
                        cursor: line.cursor(),
                        selected: *selected,
                    })
                }
                Mode::Method {
                    overlay: MethodOverlay::Reflection(reflection::Overlay::Takeaway(commitment)),
                    editor,
                    ..
                } => Overlay::Takeaway {
                    commitment: *commitment,
                    text: editor.text(),
                    cursor: editor.cursor(),
                },
                Mode::Method {
                    overlay: MethodOverlay::Exchange(exchange::Overlay::Place),
                    editor,
                    selected,
                } => Overlay::ExchangePlace {
                    text: editor.text(),
                    cursor: editor.cursor(),
                    selected: *selected,
                },
                Mode::Attendance { selected } => Overlay::Attendance { selected: *selected },
                Mode::Serve => match &self.served {
                    Some(served) => Overlay::Serve {
                        addresses: &served.addresses,
                        url: &served.url,
                        qr: &served.qr,
                        error: served.error.as_deref(),
                    },
                    None => Overlay::None,
                },
                Mode::ConfirmQuit => Overlay::ConfirmQuit,
                Mode::ConfirmReanchor => Overlay::ConfirmReanchor,
                Mode::ConfirmSkip(_) => Overlay::ConfirmSkip,
            },
            failure: self.unrecorded.as_ref().map(|u| u.reason.as_str()).or(self.snapshot_error.as_deref()),
            unrecorded: self.unrecorded.is_some(),
            banners: &self.banners,
            message: self.message.filter(|(_, at)| now - *at < MESSAGE_SHOWN).map(|(label, _)| label),
            keys,
            lang: self.lang,
            theme,
        }
    }

    /// What the room would see, for mirror mode; computed by the core like the follower's.
    pub fn room(&self, now: Timestamp) -> Option<RoomView> {
        self.mirror.then(|| RoomView::new(&self.store.log().plan, &self.session, now))
    }

    /// The projection of this station drawn from `room`, for mirror mode: in
    /// the room's language (the journey's), with no console message on it (a
    /// refusal is the facilitator's business, not the room's), and a small
    /// corner hint of the way back in the facilitator's language.
    pub fn projection_view<'a>(&'a self, room: &'a RoomView, theme: &'a Theme) -> ProjectionView<'a> {
        ProjectionView {
            room,
            warning: None,
            hint: Some(Label::Projection(ProjectionLabel::MirrorHint).text(self.lang)),
            lang: self.journey.language,
            theme,
        }
    }

    /// Pasted text goes into an open editor as one line; elsewhere it is ignored.
    pub fn paste(&mut self, text: &str) {
        match &mut self.mode {
            Mode::Note(editor) | Mode::Message(editor, _) | Mode::Method { editor, .. } => {
                let flat = text.replace(['\r', '\n'], " ");
                flat.chars().for_each(|c| editor.apply(Edit::Insert(c)));
            }
            Mode::Normal
            | Mode::Help(_)
            | Mode::Serve
            | Mode::Attendance { .. }
            | Mode::ConfirmQuit
            | Mode::ConfirmReanchor
            | Mode::ConfirmSkip(_) => {}
        }
    }

    /// Handles one key press at `now`.
    pub fn key(&mut self, key: KeyEvent, now: Timestamp) -> Flow {
        let tables = self.methods.tables(&self.session);
        let context = match &self.mode {
            Mode::Normal => KeyContext::Normal { method: &tables },
            // Like help: Esc, Enter, q or ? close it.
            Mode::Help(_) | Mode::Serve => KeyContext::Help,
            Mode::Note(_) => KeyContext::Editing,
            Mode::Message(..) => KeyContext::Composing,
            Mode::Method { overlay, .. } if overlay.picks() => KeyContext::Picking,
            Mode::Method { .. } => KeyContext::Editing,
            Mode::Attendance { .. } => KeyContext::Attendance,
            Mode::ConfirmQuit | Mode::ConfirmReanchor | Mode::ConfirmSkip(_) => KeyContext::Confirming,
        };
        match action(context, key) {
            Some(action) => self.update(action, now),
            None => Flow::Continue,
        }
    }

    /// Ready-made messages for the room, in the room's language, with times
    /// from the agenda as it stands: when the running block (a break, say)
    /// ends, and when the next block begins.
    fn suggestions(&self, now: Timestamp) -> Vec<String> {
        let room = self.journey.language;
        let projection = project(&self.session, now);
        let rows = self.session.agenda.iter().zip(&projection.rows);
        let mut suggestions = Vec::new();
        if let Some((_, row)) = rows.clone().find(|(item, _)| item.state == BlockState::Current) {
            let back = Label::Projection(ProjectionLabel::BackAt).text(room);
            suggestions.push(format!("{back} {}", clock(row.end)));
        }
        if let Some((item, row)) = rows.clone().find(|(item, _)| item.state == BlockState::Upcoming) {
            let starts = Label::Projection(ProjectionLabel::StartsAt).text(room);
            suggestions.push(format!("{starts} {}: {}", clock(row.start), item.block.title));
        }
        suggestions
    }

    /// The block keys act on: the selected one, else the current, else the next.
    fn target(&self) -> Option<String> {
        self.selected.clone().or_else(|| {
            self.session
                .current()
                .or_else(|| self.session.agenda.iter().find(|item| item.state == BlockState::Upcoming))
                .map(|item| item.block.id.clone())
        })
    }

    fn update(&mut self, action: Action, now: Timestamp) -> Flow {
        self.message = None;
        let target = self.target();
        let on_target = |make: fn(String) -> Command| target.clone().map(make);
        let command = match action {
            Action::StartPause => Some(Command::StartPause),
            Action::NextBlock => Some(Command::NextBlock),
            Action::PreviousBlock => Some(Command::PreviousBlock),
            Action::AdjustTime(minutes) => target.clone().map(|block| Command::AdjustTime { block, minutes }),
            // `s` on a skipped block brings it back; on the running block it asks first.
            Action::Skip => {
                let item = target
                    .as_deref()
                    .and_then(|id| self.session.agenda.iter().find(|item| item.block.id == id));
                match item {
                    Some(item) if item.state == BlockState::Skipped => {
                        Some(Command::Restore { block: item.block.id.clone() })
                    }
                    Some(item) if item.state == BlockState::Current => {
                        self.mode = Mode::ConfirmSkip(item.block.id.clone());
                        None
                    }
                    Some(_) | None => on_target(|block| Command::Skip { block }),
                }
            }
            Action::Move(earlier) => target.clone().map(|block| Command::Move { block, earlier }),
            Action::InsertBreak => Some(Command::InsertBreak {
                after: target.clone(),
                minutes: BREAK_MINUTES,
                // The room reads the break's title: in the room's language.
                title: Label::Console(ConsoleLabel::BreakTitle).text(self.journey.language).to_string(),
            }),
            Action::SelectUp | Action::SelectDown => {
                let up = action == Action::SelectUp;
                match &mut self.mode {
                    Mode::Method { overlay, editor, selected } => {
                        let count = overlay
                            .list_len(editor.text(), &self.session)
                            .unwrap_or_else(|| picker_matches(self.session.present(), editor.text()).len());
                        *selected = if up {
                            selected.saturating_sub(1)
                        } else {
                            (*selected + 1).min(count.saturating_sub(1))
                        };
                    }
                    Mode::Help(scroll) => {
                        *scroll = if up { scroll.saturating_sub(1) } else { scroll.saturating_add(1) };
                    }
                    Mode::Attendance { selected } => {
                        let count = self.session.cohort.len();
                        *selected = if up {
                            selected.saturating_sub(1)
                        } else {
                            (*selected + 1).min(count.saturating_sub(1))
                        };
                    }
                    Mode::Normal
                    | Mode::Serve
                    | Mode::Note(_)
                    | Mode::Message(..)
                    | Mode::ConfirmQuit
                    | Mode::ConfirmReanchor
                    | Mode::ConfirmSkip(_) => self.select(up),
                }
                None
            }
            Action::OpenNote if self.mirror => {
                // The room sees this screen: a private note is typed in the console only.
                self.message = Some((Label::Console(ConsoleLabel::NoteNotInMirror), now));
                None
            }
            Action::OpenNote => {
                self.mode = Mode::Note(LineEditor::default());
                None
            }
            Action::OpenHelp => {
                self.mode = Mode::Help(0);
                None
            }
            Action::OpenAttendance if self.mirror => {
                // The room sees this screen: who is not here is not the wall's business.
                self.message = Some((Label::Console(ConsoleLabel::NotInMirror), now));
                None
            }
            Action::OpenAttendance => {
                self.mode = Mode::Attendance { selected: 0 };
                None
            }
            Action::TogglePresence => match &self.mode {
                Mode::Attendance { selected } => self.session.cohort.get(*selected).map(|p| {
                    let presence = if self.session.absent.contains(&p.id) {
                        Presence::Present
                    } else {
                        Presence::Absent
                    };
                    Command::SetPresence { participant: p.id.clone(), presence }
                }),
                Mode::Normal
                | Mode::Help(_)
                | Mode::Serve
                | Mode::Note(_)
                | Mode::Message(..)
                | Mode::Method { .. }
                | Mode::ConfirmQuit
                | Mode::ConfirmReanchor
                | Mode::ConfirmSkip(_) => None,
            },
            Action::AskQuit => {
                self.mode = Mode::ConfirmQuit;
                None
            }
            Action::AskReanchor => {
                self.mode = Mode::ConfirmReanchor;
                None
            }
            Action::Edit(edit) => {
                match &mut self.mode {
                    Mode::Note(editor) | Mode::Message(editor, _) => editor.apply(edit),
                    Mode::Method { editor, selected, .. } => {
                        editor.apply(edit);
                        *selected = 0;
                    }
                    Mode::Normal
                    | Mode::Help(_)
                    | Mode::Serve
                    | Mode::Attendance { .. }
                    | Mode::ConfirmQuit
                    | Mode::ConfirmReanchor
                    | Mode::ConfirmSkip(_) => {}
                }
                None
            }
            Action::Method(action) => match self.methods.update(action, &self.session, now) {
                Outcome::Command(command) => Some(command),
                Outcome::Open(overlay) if self.mirror && !overlay.picks() => {
                    // What the facilitator writes down is never typed on the room's screen.
                    self.message = Some((Label::Console(ConsoleLabel::NotInMirror), now));
                    None
                }
                Outcome::Open(overlay) => {
                    let editor = self
                        .methods
                        .current_text(overlay, &self.session)
                        .map_or_else(LineEditor::default, |text| LineEditor::holding(&text));
                    self.mode = Mode::Method { overlay, editor, selected: 0 };
                    None
                }
                Outcome::Refused(label) => {
                    self.message = Some((label, now));
                    None
                }
                Outcome::Done => None,
            },
            Action::OpenServe if self.mirror => {
                // The room sees this screen: the address is shown in the console (and by `j` in `project`).
                self.message = Some((Label::Serve(crate::i18n::ServeLabel::NotInMirror), now));
                None
            }
            Action::OpenServe => {
                // Started once; a start that failed is tried again.
                if self.served.as_ref().is_none_or(|served| served.error.is_some()) {
                    self.served = Some(Served::start(&self.store));
                }
                self.mode = Mode::Serve;
                None
            }
            Action::ToggleMirror => {
                self.mirror = !self.mirror;
                None
            }
            Action::ShowAuto => Some(Command::SetScene(Scene::Auto)),
            Action::ShowAgenda => Some(Command::SetScene(Scene::Agenda)),
            Action::ShowBlank => Some(Command::SetScene(Scene::Blank)),
            Action::ShowTalkTime => Some(Command::SetScene(Scene::TalkTime)),
            Action::ComposeMessage => {
                // The message on the wall to edit, else the first ready-made one, offered:
                // typing replaces it, Tab offers the next.
                let editor = match &self.session.scene {
                    Scene::Message { text } => LineEditor::offering(text),
                    Scene::Auto | Scene::Agenda | Scene::Blank | Scene::TalkTime => self
                        .suggestions(now)
                        .first()
                        .map_or_else(LineEditor::default, |text| LineEditor::offering(text)),
                };
                self.mode = Mode::Message(editor, 0);
                None
            }
            Action::Suggest => {
                let suggestions = self.suggestions(now);
                if let Mode::Message(editor, index) = &mut self.mode
                    && !suggestions.is_empty()
                {
                    // From a suggestion to the next; from the wall's message or typed text to the first.
                    let next = if editor.is_offered()
                        && suggestions.get(*index).is_some_and(|s| s == editor.text())
                    {
                        (*index + 1) % suggestions.len()
                    } else {
                        0
                    };
                    *index = next;
                    *editor = LineEditor::offering(&suggestions[next]);
                }
                None
            }
            Action::Undo => Some(Command::Undo),
            Action::Dismiss => {
                self.selected = None;
                self.banners.clear();
                None
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                None
            }
            Action::Confirm => match std::mem::replace(&mut self.mode, Mode::Normal) {
                Mode::ConfirmQuit => return Flow::Quit,
                Mode::ConfirmReanchor => Some(Command::Reanchor),
                Mode::ConfirmSkip(block) => Some(Command::Skip { block }),
                Mode::Note(editor) => Some(Command::AddNote { text: editor.text().to_string() }),
                Mode::Message(editor, _) => {
                    Some(Command::SetScene(Scene::Message { text: editor.text().to_string() }))
                }
                Mode::Method { overlay, editor, selected } => {
                    // The one cohort: the picker lists and Enter takes the same people.
                    let matches = picker_matches(self.session.present(), editor.text());
                    let picked = matches.get(selected).map(|p| p.id.as_str());
                    self.methods.confirm(overlay, editor.text(), picked, selected, &self.session, now)
                }
                Mode::Normal | Mode::Help(_) | Mode::Serve | Mode::Attendance { .. } => None,
            },
        };
        if let Some(command) = command {
            self.execute(command, now);
        }
        Flow::Continue
    }

    /// Moves the agenda cursor; it starts on the block keys currently act on.
    fn select(&mut self, up: bool) {
        let agenda = &self.session.agenda;
        let from =
            self.target().and_then(|id| agenda.iter().position(|item| item.block.id == id)).unwrap_or(0);
        let to = if up { from.saturating_sub(1) } else { (from + 1).min(agenda.len().saturating_sub(1)) };
        self.selected = agenda.get(to).map(|item| item.block.id.clone());
    }

    /// Decides, records and applies one command.
    fn execute(&mut self, command: Command, now: Timestamp) {
        if self.unrecorded.is_some() {
            self.message = Some((Label::Console(ConsoleLabel::RefusedWhileUnrecorded), now));
            return;
        }
        match self.session.decide(&command, now) {
            Ok(events) => {
                if command != Command::Resume {
                    // The facilitator is at work: the recovery notice has been seen.
                    self.banners.clear();
                }
                self.record(now, events.into());
            }
            Err(refusal) => self.message = Some((Label::Refused(refusal), now)),
        }
        self.methods.settle(&self.session, &self.history);
        // The selection stays where the facilitator put it, whatever the block
        // became (a skipped block stays selected, so `s` again brings it back);
        // only Esc lets it go. Silently falling back to the running block made
        // the next `s` skip what the room was watching.
        self.watch_bell(now);
    }

    /// Appends events to the journal one by one, applying each once it is on
    /// disk. On a write failure the rest waits, visibly, for the next retry.
    fn record(&mut self, at: Timestamp, mut events: VecDeque<Event>) {
        let mut block_changed = false;
        while let Some(event) = events.front() {
            match self.store.append(at, event.clone()) {
                Ok(envelope) => {
                    block_changed |= matches!(
                        envelope.event,
                        Event::BlockStarted { .. }
                            | Event::BlockCompleted { .. }
                            | Event::BlockSkipped { .. }
                            | Event::BlockReturned { .. }
                    );
                    self.session.apply(envelope);
                    events.pop_front();
                }
                Err(StoreError(msg)) => {
                    let reason =
                        Msg::Console(ConsoleMsg::NotRecorded { reason: msg.text(self.lang) }).text(self.lang);
                    self.unrecorded = Some(Unrecorded { at, events, reason });
                    return;
                }
            }
        }
        if block_changed {
            self.checkpoint(at);
        }
        self.show_store_notices();
    }

    /// What the store did on its own, e.g. a fresh journal after the old one was deleted.
    fn show_store_notices(&mut self) {
        for notice in self.store.take_notices() {
            self.banners.push(Banner::Info(notice.text(self.lang)));
        }
    }

    /// Rewrites the JSON log; a failure is shown (nothing is lost: the
    /// journal holds everything) until a later save succeeds.
    pub fn checkpoint(&mut self, now: Timestamp) {
        self.last_checkpoint = now;
        self.snapshot_error = self.store.checkpoint().err().map(|StoreError(msg)| {
            Msg::Console(ConsoleMsg::LogNotRefreshed { reason: msg.text(self.lang) }).text(self.lang)
        });
    }

    /// Where this console's events went when another console took the
    /// station (see `StationStore::rescued`), for the terminal after quitting.
    pub fn rescued(&self) -> Option<Msg> {
        self.store.rescued()
    }

    /// What is not recorded, if an event still waits for the journal: for the
    /// facilitator's terminal after quitting, since quitting cannot save it.
    pub fn unrecorded(&self) -> Option<Msg> {
        self.unrecorded.as_ref().map(|unrecorded| {
            Msg::Console(ConsoleMsg::QuitUnrecorded {
                events: unrecorded.events.iter().map(event_kind).collect::<Vec<_>>().join("; "),
                at: unrecorded.at.to_rfc3339(),
            })
        })
    }

    /// Called when the loop wakes without a key: retries an unrecorded
    /// event, checkpoints now and then, and watches for a timer reaching zero.
    pub fn tick(&mut self, now: Timestamp) {
        if let Some(Unrecorded { at, events, .. }) = self.unrecorded.take() {
            self.record(at, events);
        }
        // A failed save is tried again soon; a good one every few minutes.
        let every = if self.snapshot_error.is_some() { SAVE_RETRY } else { CHECKPOINT_EVERY };
        if now - self.last_checkpoint >= every {
            self.checkpoint(now);
        }
        self.watch_bell(now);
    }

    fn watch_bell(&mut self, now: Timestamp) {
        let Some(item) = self.session.current() else { return };
        let over = item.timer.state(now, TimeDelta::zero()) == TimerState::Overtime;
        if over && self.rung_for.as_deref() != Some(item.block.id.as_str()) {
            self.rung_for = Some(item.block.id.clone());
            self.bell_pending = !self.quiet;
        }
        // A calm method's step (a phase of silent reflection) ends with one soft bell.
        if let Some(step) = item.method.step_over(now) {
            let rung = (item.block.id.clone(), step);
            if self.rung_step.as_ref() != Some(&rung) {
                self.rung_step = Some(rung);
                self.bell_pending |= !self.quiet;
            }
        }
    }

    /// Whether the terminal bell should sound now (once per block reaching zero).
    pub fn take_bell(&mut self) -> bool {
        std::mem::take(&mut self.bell_pending)
    }

    /// How long the loop may sleep before something on screen changes: the
    /// next second of a running timer, the next minute of the clock, or a
    /// second while an event waits to be recorded.
    pub fn next_wake(&self, now: Timestamp) -> TimeDelta {
        let next_minute = TimeDelta::seconds(60)
            - TimeDelta::milliseconds(i64::from(now.timestamp_subsec_millis()))
            - TimeDelta::seconds(i64::from(chrono::Timelike::second(&now)));
        let timer = self.session.current().and_then(|item| item.timer.until_next_second(now));
        let retry = self.unrecorded.as_ref().map(|_| TimeDelta::seconds(1));
        let fade =
            self.message.map(|(_, at)| at + MESSAGE_SHOWN - now).filter(|left| *left > TimeDelta::zero());
        [Some(next_minute), timer, retry, fade].into_iter().flatten().min().unwrap_or(next_minute)
    }
}

/// An event's kind as the log names it ("block_started", "discussion/captured"),
/// without its content: the terminal after quitting may be the room's.
fn event_kind(event: &Event) -> String {
    let value = serde_json::to_value(event).unwrap_or_default();
    let name =
        |value: &serde_json::Value, key: &str| value.get(key).and_then(|v| v.as_str()).map(str::to_string);
    match (name(&value, "type"), value.get("change").and_then(|change| name(change, "change"))) {
        (Some(kind), Some(change)) => format!("{kind}/{change}"),
        (Some(kind), None) => kind,
        (None, _) => String::new(),
    }
}

/// The keys a console on `session` shows when no method has the focus.
pub fn key_help_for(session: &Session) -> KeyHelp {
    key_help(session, &MethodConsoles::default().tables(session))
}

/// The footer's and help's keys for a session and the tables of its method.
pub fn key_help(session: &Session, method: &[&'static [keymap::Binding]]) -> KeyHelp {
    let content = session.current().and_then(|item| item.method.kind()).and_then(catalogue::method);
    KeyHelp {
        footer: keymap::footer(method, &Situation::of(session)),
        help: keymap::help(method),
        method: content,
    }
}
