//! The German/English texts: every string a facilitator reads goes through
//! here, one file per area. [`Msg`] and [`Label`] gather the areas' messages
//! and short words; domain enums (block kinds, timer states, queue policies,
//! refusals) render their own text in the file of their area.

mod agenda;
mod cli;
mod console;
mod consultation;
mod discussion;
mod exchange;
mod export;
mod files;
mod plan;
mod projection;
mod reflection;
mod review;
mod serve;
mod store;

use std::fmt;

pub use agenda::{
    AgendaLabel, AgendaMsg, long_date, minutes, short_date, signed_minutes, speaker_clock_text,
};
pub use cli::{CliLabel, CliMsg};
pub use console::{ConsoleLabel, ConsoleMsg};
pub use consultation::ConsultationLabel;
pub use discussion::DiscussionLabel;
pub use exchange::{ExchangeLabel, GroupsMsg};
pub use export::{ExportLabel, ExportMsg, block_state_text, station_state_text, turn_kind_text};
pub use files::FileMsg;
pub use plan::PlanMsg;
pub use projection::ProjectionLabel;
pub use reflection::ReflectionLabel;
pub use review::{ReviewLabel, ReviewMsg};
pub use serve::{ServeLabel, ServeMsg};
pub use store::{EventProblem, StoreMsg, is_yes};

use crate::core::command::Refusal;
use crate::core::timer::TimerState;
use crate::plan::BlockKind;

/// The language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Deutsch
    De,
    /// English
    En,
}

impl Lang {
    /// The language the environment asks for: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`; German when the first one set starts with `de`, English otherwise.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    /// German for locales such as `de_DE.UTF-8`, English for everything else.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("de") { Lang::De } else { Lang::En }
    }
}

/// Which kind of thing an id belongs to, for duplicate-id messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(test, derive(Default))]
pub enum IdKind {
    #[cfg_attr(test, default)]
    Journey,
    Participant,
    Station,
    Block,
}

/// Every message moderato shows, by area; [`Msg::text`] renders it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Plan(PlanMsg),
    Files(FileMsg),
    Store(StoreMsg),
    Console(ConsoleMsg),
    Agenda(AgendaMsg),
    Serve(ServeMsg),
}

impl Msg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Msg::Plan(msg) => msg.text(lang),
            Msg::Files(msg) => msg.text(lang),
            Msg::Store(msg) => msg.text(lang),
            Msg::Console(msg) => msg.text(lang),
            Msg::Agenda(msg) => msg.text(lang),
            Msg::Serve(msg) => msg.text(lang),
        }
    }
}

impl From<PlanMsg> for Msg {
    fn from(msg: PlanMsg) -> Msg {
        Msg::Plan(msg)
    }
}

impl From<FileMsg> for Msg {
    fn from(msg: FileMsg) -> Msg {
        Msg::Files(msg)
    }
}

impl From<StoreMsg> for Msg {
    fn from(msg: StoreMsg) -> Msg {
        Msg::Store(msg)
    }
}

impl From<ConsoleMsg> for Msg {
    fn from(msg: ConsoleMsg) -> Msg {
        Msg::Console(msg)
    }
}

impl From<AgendaMsg> for Msg {
    fn from(msg: AgendaMsg) -> Msg {
        Msg::Agenda(msg)
    }
}

impl fmt::Display for Msg {
    /// English, for logs and error chains; the UI calls [`Msg::text`] with the user's language.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A short fixed word of the interface, by area, or a domain value that names itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Console(ConsoleLabel),
    Projection(ProjectionLabel),
    Discussion(DiscussionLabel),
    Kind(BlockKind),
    Reflection(ReflectionLabel),
    Timer(TimerState),
    Refused(Refusal),
    Consultation(ConsultationLabel),
    Exchange(ExchangeLabel),
    Serve(ServeLabel),
}

impl Label {
    /// The label in the given language.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Label::Console(label) => label.text(lang),
            Label::Projection(label) => label.text(lang),
            Label::Discussion(label) => label.text(lang),
            Label::Kind(kind) => kind.text(lang),
            Label::Reflection(label) => label.text(lang),
            Label::Timer(state) => state.text(lang),
            Label::Refused(refusal) => refusal.text(lang),
            Label::Consultation(label) => label.text(lang),
            Label::Exchange(label) => label.text(lang),
            Label::Serve(label) => label.text(lang),
        }
    }
}

/// The German text or the English one.
fn pick(de: bool, german: String, english: String) -> String {
    if de { german } else { english }
}

/// `count` and the noun in its number: `[one, many]`, e.g. `["event", "events"]`.
/// German and English both take the singular for exactly one, the plural otherwise.
fn counted(count: usize, [one, many]: [&str; 2]) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests;
