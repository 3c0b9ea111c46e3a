//! `moderato review`: the journey's figures after the day, read-only. It never
//! takes a station's lock and never writes; it reads the logs as they are when
//! it opens and again on `r`. Its keys are one binding table that also gives
//! the footer and `?` help; the loop wakes on keys and resizes only.

use std::path::{Path, PathBuf};

use crossterm::event::{Event as TermEvent, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures_util::StreamExt;
use ratatui::DefaultTerminal;

use super::editor::LineEditor;
use super::keymap::{self, Key, KeyContext};
use super::{AppError, Closed, close_terminal, known_station, open_terminal, require_terminal, settle};
use crate::core::stats::{self, CaptureKind, JourneyStats};
use crate::error::ErrorKind;
use crate::i18n::{Lang, Msg, ReviewLabel, ReviewMsg};
use crate::plan::{self, Journey};
use crate::platform::keys::KeyFilter;
use crate::platform::signals::Signals;
use crate::store;
use crate::ui::Theme;
use crate::ui::review::{CaptureFilter, ReviewView, Tab, draw_review, rows};

/// What `moderato review` was asked to show.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    pub journey: PathBuf,
    /// Open on this station's timeline; without it, on the journey.
    pub station: Option<String>,
    pub lang: Lang,
    pub theme: Theme,
}

/// What a key asks review to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewAction {
    /// The tab to the right (after the last, the first).
    NextTab,
    /// The tab to the left.
    PreviousTab,
    /// A tab by its number.
    ShowTab(Tab),
    /// The next station of the journey (after the last, the first).
    NextStation,
    /// The station before.
    PreviousStation,
    /// On the journey: the selected station's timeline.
    OpenStation,
    /// Scroll the tab's list by a row.
    Up,
    Down,
    /// Scroll by a page.
    PageUp,
    PageDown,
    /// The list's first or last row.
    Top,
    Bottom,
    /// Type a text the captures must contain.
    Filter,
    CycleKind,
    CycleBlock,
    /// Talk time of the next discussion (or the whole station again).
    CycleDiscussion,
    /// Show or hide the cases' confidential content.
    Reveal,
    /// Read the logs again.
    Reload,
    /// Every key.
    Help,
    Quit,
}

/// One line of help: the keys, what each does, where it works, and whether the footer shows it.
#[derive(Debug, Clone, Copy)]
pub struct ReviewBinding {
    pub keys: &'static [(Key, ReviewAction)],
    /// How help and the footer write the keys.
    pub label: &'static str,
    pub help: ReviewLabel,
    /// The tabs it works on; empty for every tab.
    pub tabs: &'static [Tab],
    /// The footer's short word for it, when the footer shows it.
    pub footer: Option<ReviewLabel>,
}

const STATION_TABS: &[Tab] = &[Tab::Journey, Tab::Timeline, Tab::Talk, Tab::Captures, Tab::Cases];

/// Review's keys. Dispatch, the footer and `?` help read this one table.
pub const BINDINGS: &[ReviewBinding] = &[
    ReviewBinding {
        keys: &[
            (Key::plain(KeyCode::Tab), ReviewAction::NextTab),
            (Key::plain(KeyCode::BackTab), ReviewAction::PreviousTab),
        ],
        label: "Tab",
        help: ReviewLabel::KeyTabs,
        tabs: &[],
        footer: None,
    },
    ReviewBinding {
        keys: &[
            (Key::char('1'), ReviewAction::ShowTab(Tab::Journey)),
            (Key::char('2'), ReviewAction::ShowTab(Tab::Timeline)),
            (Key::char('3'), ReviewAction::ShowTab(Tab::Talk)),
            (Key::char('4'), ReviewAction::ShowTab(Tab::Captures)),
            (Key::char('5'), ReviewAction::ShowTab(Tab::Cases)),
            (Key::char('6'), ReviewAction::ShowTab(Tab::Network)),
        ],
        label: "1-6",
        help: ReviewLabel::KeyTabNumbers,
        tabs: &[],
        footer: Some(ReviewLabel::KeyTabNumbersShort),
    },
    ReviewBinding {
        keys: &[
            (Key::char(']'), ReviewAction::NextStation),
            (Key::plain(KeyCode::Right), ReviewAction::NextStation),
            (Key::char('['), ReviewAction::PreviousStation),
            (Key::plain(KeyCode::Left), ReviewAction::PreviousStation),
        ],
        label: "← → [ ]",
        help: ReviewLabel::KeyStation,
        tabs: STATION_TABS,
        footer: Some(ReviewLabel::KeyStationShort),
    },
    ReviewBinding {
        keys: &[(Key::plain(KeyCode::Enter), ReviewAction::OpenStation)],
        label: "Enter",
        help: ReviewLabel::KeyOpen,
        tabs: &[Tab::Journey],
        footer: Some(ReviewLabel::KeyOpenShort),
    },
    ReviewBinding {
        keys: &[(Key::plain(KeyCode::Up), ReviewAction::Up), (Key::plain(KeyCode::Down), ReviewAction::Down)],
        label: "↑ ↓",
        help: ReviewLabel::KeyScroll,
        tabs: &[],
        footer: None,
    },
    ReviewBinding {
        keys: &[
            (Key::plain(KeyCode::PageUp), ReviewAction::PageUp),
            (Key::plain(KeyCode::PageDown), ReviewAction::PageDown),
        ],
        label: "PgUp PgDn",
        help: ReviewLabel::KeyPage,
        tabs: &[],
        footer: None,
    },
    ReviewBinding {
        keys: &[
            (Key::plain(KeyCode::Home), ReviewAction::Top),
            (Key::plain(KeyCode::End), ReviewAction::Bottom),
        ],
        label: "Home End",
        help: ReviewLabel::KeyEnds,
        tabs: &[],
        footer: None,
    },
    ReviewBinding {
        keys: &[(Key::char('d'), ReviewAction::CycleDiscussion)],
        label: "d",
        help: ReviewLabel::KeyDiscussion,
        tabs: &[Tab::Talk],
        footer: Some(ReviewLabel::KeyDiscussionShort),
    },
    ReviewBinding {
        keys: &[(Key::char('/'), ReviewAction::Filter)],
        label: "/",
        help: ReviewLabel::KeyFilter,
        tabs: &[Tab::Captures],
        footer: Some(ReviewLabel::KeyFilterShort),
    },
    ReviewBinding {
        keys: &[(Key::char('k'), ReviewAction::CycleKind)],
        label: "k",
        help: ReviewLabel::KeyKind,
        tabs: &[Tab::Captures],
        footer: Some(ReviewLabel::KeyKindShort),
    },
    ReviewBinding {
        keys: &[(Key::char('b'), ReviewAction::CycleBlock)],
        label: "b",
        help: ReviewLabel::KeyBlock,
        tabs: &[Tab::Captures],
        footer: Some(ReviewLabel::KeyBlockShort),
    },
    ReviewBinding {
        keys: &[(Key::char('v'), ReviewAction::Reveal)],
        label: "v",
        help: ReviewLabel::KeyReveal,
        tabs: &[Tab::Cases],
        footer: Some(ReviewLabel::KeyRevealShort),
    },
    ReviewBinding {
        keys: &[(Key::char('r'), ReviewAction::Reload)],
        label: "r",
        help: ReviewLabel::KeyReload,
        tabs: &[],
        footer: Some(ReviewLabel::KeyReload),
    },
    ReviewBinding {
        keys: &[(Key::char('?'), ReviewAction::Help)],
        label: "?",
        help: ReviewLabel::KeyHelp,
        tabs: &[],
        footer: Some(ReviewLabel::KeyHelp),
    },
    ReviewBinding {
        keys: &[
            (Key::char('q'), ReviewAction::Quit),
            (Key::plain(KeyCode::Esc), ReviewAction::Quit),
            (Key::ctrl('c'), ReviewAction::Quit),
        ],
        label: "q",
        help: ReviewLabel::KeyQuit,
        tabs: &[],
        footer: Some(ReviewLabel::KeyQuit),
    },
];

impl ReviewBinding {
    fn works_on(&self, tab: Tab) -> bool {
        self.tabs.is_empty() || self.tabs.contains(&tab)
    }
}

/// The action of a key on `tab`; `None` for a key that does nothing there.
pub fn action(tab: Tab, key: KeyEvent) -> Option<ReviewAction> {
    if key.kind == KeyEventKind::Release || key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let pressed = Key { code: key.code, ctrl: key.modifiers.contains(KeyModifiers::CONTROL) };
    BINDINGS
        .iter()
        .filter(|binding| binding.works_on(tab))
        .flat_map(|binding| binding.keys.iter())
        .find(|(key, _)| *key == pressed)
        .map(|(_, action)| *action)
}

/// The footer's keys on `tab`: the tab's own first, then the others that
/// show there, `?` and `q` last (the footer keeps those two whatever the width).
pub fn footer(tab: Tab) -> Vec<(&'static str, ReviewLabel)> {
    let shown = |binding: &&ReviewBinding| binding.works_on(tab) && binding.footer.is_some();
    let own = BINDINGS.iter().filter(shown).filter(|binding| binding.tabs == [tab]);
    let general = BINDINGS.iter().filter(shown).filter(|binding| binding.tabs != [tab]);
    own.chain(general).filter_map(|binding| Some((binding.label, binding.footer?))).collect()
}

/// Every key, for `?` help.
pub fn help() -> Vec<(&'static str, ReviewLabel)> {
    BINDINGS.iter().map(|binding| (binding.label, binding.help)).collect()
}

/// What the loop does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Draw again and wait for the next key.
    Stay,
    /// Read the logs again and hand them to [`Review::reload`].
    Reload,
    Quit,
}

/// Review's state: the figures, and where the facilitator is looking.
#[derive(Debug, Clone)]
pub struct Review {
    stats: JourneyStats,
    tab: Tab,
    station: usize,
    scroll: usize,
    text: String,
    /// The filter's editor while it is typed.
    editing: Option<LineEditor>,
    kind: Option<CaptureKind>,
    block: Option<String>,
    talk_block: Option<String>,
    revealed: bool,
    help: Option<u16>,
    message: Option<String>,
    lang: Lang,
    /// The terminal's width, which the Cases tab's wrapped rows depend on.
    width: u16,
}

/// How many rows PgUp and PgDn move.
const PAGE: usize = 10;

impl Review {
    /// Review of `stats`, on the journey or (`station`, an index) on that station's timeline.
    pub fn new(stats: JourneyStats, station: Option<usize>, lang: Lang) -> Review {
        Review {
            stats,
            tab: if station.is_some() { Tab::Timeline } else { Tab::Journey },
            station: station.unwrap_or(0),
            scroll: 0,
            text: String::new(),
            editing: None,
            kind: None,
            block: None,
            talk_block: None,
            revealed: false,
            help: None,
            message: None,
            lang,
            width: 80,
        }
    }

    /// The terminal is `width` columns wide (before each frame): the scroll keys count the rows
    /// wrapped text takes at this width, so the end of a list shows its last line.
    pub fn resize(&mut self, width: u16) {
        if width != self.width {
            self.width = width;
            self.clamp();
        }
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn station(&self) -> usize {
        self.station
    }

    pub fn revealed(&self) -> bool {
        self.revealed
    }

    pub fn stats(&self) -> &JourneyStats {
        &self.stats
    }

    /// The figures read again from disk: where the facilitator looks stays,
    /// revealed content is hidden again.
    pub fn reload(&mut self, stats: JourneyStats) {
        self.stats = stats;
        self.station = self.station.min(self.stats.stations.len().saturating_sub(1));
        self.revealed = false;
        self.message = Some(ReviewLabel::Reloaded.text(self.lang).to_string());
        self.clamp();
    }

    /// What reading the logs left out, in the message line (until the next key).
    pub fn notify(&mut self, notices: &[Msg]) {
        if !notices.is_empty() {
            let texts: Vec<String> = notices.iter().map(|notice| notice.text(self.lang)).collect();
            self.message = Some(texts.join(" "));
        }
    }

    /// Reloading failed: the earlier figures stay, the message says why.
    pub fn reload_failed(&mut self, err: &AppError) {
        let why = match err {
            AppError::Failed { msg, .. } => msg.text(self.lang),
            AppError::Plan(_) | AppError::Terminal(_) => err.to_string(),
        };
        self.message = Some(ReviewMsg::ReloadFailed { why }.text(self.lang));
    }

    /// Handles a key; says what the loop does next.
    pub fn key(&mut self, key: KeyEvent) -> Step {
        self.message = None;
        if let Some(editor) = &mut self.editing {
            match keymap::action(KeyContext::Editing, key) {
                Some(keymap::Action::Confirm) => self.editing = None,
                Some(keymap::Action::Cancel) => {
                    self.editing = None;
                    self.text.clear();
                }
                Some(keymap::Action::Edit(edit)) => {
                    editor.apply(edit);
                    self.text = editor.text().to_string();
                }
                // The editor's table has only the three above; any other key does nothing here.
                Some(_) | None => {}
            }
            self.scroll = 0;
            return Step::Stay;
        }
        if let Some(scroll) = &mut self.help {
            match key.code {
                KeyCode::Up => *scroll = scroll.saturating_sub(1),
                KeyCode::Down => *scroll = scroll.saturating_add(1),
                _ => self.help = None,
            }
            return Step::Stay;
        }
        let Some(action) = action(self.tab, key) else { return Step::Stay };
        self.act(action)
    }

    fn act(&mut self, action: ReviewAction) -> Step {
        let count = self.stats.stations.len().max(1);
        match action {
            ReviewAction::NextTab => self.show(Tab::ALL[(self.tab_index() + 1) % Tab::ALL.len()]),
            ReviewAction::PreviousTab => {
                self.show(Tab::ALL[(self.tab_index() + Tab::ALL.len() - 1) % Tab::ALL.len()])
            }
            ReviewAction::ShowTab(tab) => self.show(tab),
            ReviewAction::NextStation => self.select_station((self.station + 1) % count),
            ReviewAction::PreviousStation => self.select_station((self.station + count - 1) % count),
            ReviewAction::OpenStation => self.show(Tab::Timeline),
            ReviewAction::Up => self.scroll = self.scroll.saturating_sub(1),
            ReviewAction::Down => self.scroll += 1,
            ReviewAction::PageUp => self.scroll = self.scroll.saturating_sub(PAGE),
            ReviewAction::PageDown => self.scroll += PAGE,
            ReviewAction::Top => self.scroll = 0,
            ReviewAction::Bottom => self.scroll = usize::MAX,
            ReviewAction::Filter => self.editing = Some(LineEditor::holding(&self.text)),
            ReviewAction::CycleKind => {
                self.kind = cycle(&CaptureKind::ALL, self.kind.as_ref()).copied();
                self.scroll = 0;
            }
            ReviewAction::CycleBlock => {
                let blocks = self.capture_blocks();
                self.block = cycle(&blocks, self.block.as_ref()).cloned();
                self.scroll = 0;
            }
            ReviewAction::CycleDiscussion => {
                let blocks = self.discussions();
                self.talk_block = cycle(&blocks, self.talk_block.as_ref()).cloned();
                self.scroll = 0;
            }
            ReviewAction::Reveal => self.revealed = !self.revealed,
            ReviewAction::Reload => return Step::Reload,
            ReviewAction::Help => self.help = Some(0),
            ReviewAction::Quit => return Step::Quit,
        }
        self.clamp();
        Step::Stay
    }

    fn tab_index(&self) -> usize {
        Tab::ALL.iter().position(|tab| *tab == self.tab).unwrap_or(0)
    }

    /// Another tab: from its top, confidential content hidden again.
    fn show(&mut self, tab: Tab) {
        if tab != self.tab {
            self.tab = tab;
            self.scroll = 0;
            self.revealed = false;
        }
    }

    /// Another station: its lists from the top, filters of the other station's blocks let go,
    /// confidential content hidden again.
    fn select_station(&mut self, station: usize) {
        if station != self.station {
            self.station = station;
            self.scroll = 0;
            self.revealed = false;
            self.block = None;
            self.talk_block = None;
        }
    }

    /// The blocks of the station that captured something, in agenda order.
    fn capture_blocks(&self) -> Vec<String> {
        let Some(station) = self.stats.stations.get(self.station) else { return Vec::new() };
        station
            .blocks
            .iter()
            .filter(|block| station.captures.iter().any(|c| c.block.as_deref() == Some(block.id.as_str())))
            .map(|block| block.id.clone())
            .collect()
    }

    fn discussions(&self) -> Vec<String> {
        self.stats
            .stations
            .get(self.station)
            .map(|station| station.blocks_with_turns().into_iter().map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// The scroll kept within the tab's rows (which do not depend on the colours).
    fn clamp(&mut self) {
        let theme = Theme::new(crate::ui::ThemeName::Dark, true);
        let (footer, help) = (Vec::new(), Vec::new());
        let rows = rows(&self.view(&theme, &footer, &help), self.width);
        self.scroll = self.scroll.min(rows.saturating_sub(1));
    }

    /// What a frame shows now.
    pub fn view<'a>(
        &'a self,
        theme: &'a Theme,
        footer: &'a [(&'static str, ReviewLabel)],
        help: &'a [(&'static str, ReviewLabel)],
    ) -> ReviewView<'a> {
        ReviewView {
            stats: &self.stats,
            tab: self.tab,
            station: self.station,
            scroll: self.scroll,
            filter: CaptureFilter { text: &self.text, kind: self.kind, block: self.block.as_deref() },
            editing: self.editing.as_ref().map(|editor| (editor.text(), editor.cursor())),
            talk_block: self.talk_block.as_deref(),
            revealed: self.revealed,
            help: self.help,
            message: self.message.as_deref(),
            footer,
            help_lines: help,
            lang: self.lang,
            theme,
        }
    }
}

/// The entry after `current` in `all`, `None` after the last (every entry again).
fn cycle<'a, T: PartialEq>(all: &'a [T], current: Option<&T>) -> Option<&'a T> {
    match current.and_then(|current| all.iter().position(|entry| entry == current)) {
        None => all.first(),
        Some(at) => all.get(at + 1),
    }
}

/// The journey's figures as its logs are now. A log that cannot be read is
/// invalid input for review (exit 2): the store's message names the file and line.
/// The notices say what a log left out (a torn last journal line).
pub fn read_stats(journey_dir: &Path, journey: &Journey) -> Result<(JourneyStats, Vec<Msg>), AppError> {
    let (logs, notices) = store::read_journey_logs(&store::logs_dir(journey_dir), journey)
        .map_err(|err| AppError::Failed { kind: ErrorKind::InvalidInput, msg: err.0 })?;
    Ok((stats::journey(journey, &logs), notices))
}

/// Runs review in this terminal until `q`, Esc or a signal.
pub fn review(options: ReviewOptions) -> Result<(), AppError> {
    let plan = plan::load(&options.journey)?;
    let journey_dir = plan.file.parent().unwrap_or(Path::new(".")).to_path_buf();
    let station = match &options.station {
        Some(id) => {
            let id = known_station(&plan.journey, id)?.id.clone();
            plan.journey.stations.iter().position(|station| station.id == id)
        }
        None => None,
    };
    let (stats, notices) = read_stats(&journey_dir, &plan.journey)?;
    require_terminal("review")?;
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let mut terminal = open_terminal()?;
    let mut review = Review::new(stats, station, options.lang);
    review.notify(&notices);
    let looped = run_review(&mut terminal, &mut review, &journey_dir, &plan.journey, &options.theme);
    let (result, closed) = settle(runtime.block_on(looped));
    close_terminal(terminal, closed);
    result
}

/// Draws, then waits for a key, a resize or a signal: nothing runs while nothing happens.
async fn run_review(
    terminal: &mut DefaultTerminal,
    review: &mut Review,
    journey_dir: &Path,
    journey: &Journey,
    theme: &Theme,
) -> Result<Closed, AppError> {
    let mut events = EventStream::new();
    let mut keys = KeyFilter::for_this_platform();
    let mut signals = Signals::new()?;
    let help = help();
    loop {
        let footer = footer(review.tab());
        review.resize(terminal.size()?.width);
        terminal.draw(|frame| draw_review(frame, &review.view(theme, &footer, &help)))?;
        let event = tokio::select! {
            event = events.next() => event,
            ending = signals.recv() => return Ok(ending.into()),
        };
        let key = match event {
            Some(Ok(TermEvent::Key(key))) => keys.pass(key),
            Some(Ok(_)) => None,
            Some(Err(err)) => return Err(err.into()),
            None => return Ok(Closed::Normally),
        };
        let Some(key) = key else { continue };
        match review.key(key) {
            Step::Stay => {}
            Step::Reload => match read_stats(journey_dir, journey) {
                Ok((stats, notices)) => {
                    review.reload(stats);
                    review.notify(&notices);
                }
                Err(err) => review.reload_failed(&err),
            },
            Step::Quit => return Ok(Closed::Normally),
        }
    }
}
