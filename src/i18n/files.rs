//! Texts of files and directories the facilitator names: a journey that is not
//! there, a file that cannot be read or written, a journey created.
use super::Lang;
use super::pick;

/// Files and directories the facilitator names: a journey that is not there, a file that cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(test, derive(strum::EnumIter))]
pub enum FileMsg {
    NoSuchPath {
        path: String,
    },
    /// File problems.
    CannotRead {
        path: String,
        reason: String,
    },
    CannotWrite {
        path: String,
        reason: String,
    },
    NotAJourney {
        path: String,
    },
    AlreadyExists {
        path: String,
    },
    /// `moderato new` finished.
    Created {
        path: String,
    },
    /// A symbolic link where a station log file belongs; moderato does not follow it.
    LinkRefused {
        path: String,
    },
}

impl FileMsg {
    /// The message in the given language.
    pub fn text(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match self {
            FileMsg::NoSuchPath { path } => {
                pick(de, format!("{path} gibt es nicht"), format!("{path} does not exist"))
            }
            FileMsg::CannotRead { path, reason } => pick(
                de,
                format!("{path} kann nicht gelesen werden: {reason}"),
                format!("cannot read {path}: {reason}"),
            ),
            FileMsg::CannotWrite { path, reason } => pick(
                de,
                format!("{path} kann nicht geschrieben werden: {reason}"),
                format!("cannot write {path}: {reason}"),
            ),
            FileMsg::NotAJourney { path } => pick(
                de,
                format!(
                    "{path} ist keine Lernreise: dort liegt keine journey.toml (anlegen mit `moderato new {path}`)"
                ),
                format!(
                    "{path} is not a journey: it has no journey.toml (create one with `moderato new {path}`)"
                ),
            ),
            FileMsg::AlreadyExists { path } => pick(
                de,
                format!("{path} gibt es schon; nichts wurde überschrieben"),
                format!("{path} already exists; nothing was overwritten"),
            ),
            FileMsg::Created { path } => pick(
                de,
                format!("Neue Lernreise angelegt: {path}\nBearbeiten, dann prüfen mit `moderato check`."),
                format!("New journey created: {path}\nEdit it, then validate it with `moderato check`."),
            ),
            FileMsg::LinkRefused { path } => pick(
                de,
                format!(
                    "{path} ist ein symbolischer Link; moderato folgt ihm nicht, damit Ereignisse und Notizen nicht außerhalb von logs/ landen. Nichts wurde verändert; den Link durch die Datei selbst ersetzen."
                ),
                format!(
                    "{path} is a symbolic link; moderato does not follow it, so events and notes cannot end up outside logs/. Nothing was changed; replace the link by the file itself."
                ),
            ),
        }
    }
}
