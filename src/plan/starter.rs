//! `moderato new`: a commented starter journey that passes `check`.

use std::path::{Path, PathBuf};

use super::load::{MAX_ID_CHARS, PLAN_FILE, PlanError};
use crate::error::ErrorKind;
use crate::i18n::FileMsg;
use crate::i18n::Msg;

use crate::i18n::Lang;

/// The starter plan in each language: its comments, names and titles are what
/// the facilitator reads first, so they follow `--lang` (or the locale).
const STARTER_DE: &str = include_str!("../../assets/templates/journey.de.toml");
const STARTER_EN: &str = include_str!("../../assets/templates/journey.en.toml");

/// The template's text and the line holding its journey id (replaced by the directory's name).
fn starter(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::De => (STARTER_DE, "id = \"meine-lernreise\""),
        Lang::En => (STARTER_EN, "id = \"my-journey\""),
    }
}

/// Writes the starter plan into `dir` (created if missing) and returns its path.
/// An existing plan is never overwritten. The journey's id is taken from the
/// directory's name when that name is a valid id.
pub fn write_starter(dir: &Path, lang: Lang) -> Result<PathBuf, PlanError> {
    let (template, template_id) = starter(lang);
    let file = dir.join(PLAN_FILE);
    if file.exists() {
        return Err(PlanError::Unreadable {
            kind: ErrorKind::Usage,
            msg: Msg::Files(FileMsg::AlreadyExists { path: file.display().to_string() }),
        });
    }
    let cannot_write = |err: std::io::Error| {
        let msg =
            Msg::Files(FileMsg::CannotWrite { path: file.display().to_string(), reason: err.to_string() });
        PlanError::Unreadable { kind: ErrorKind::Io, msg }
    };
    std::fs::create_dir_all(dir).map_err(cannot_write)?;
    let text = match dir
        .file_name()
        .and_then(|name| name.to_str())
        .filter(|name| is_valid_id(name) && name.chars().count() <= MAX_ID_CHARS)
    {
        Some(name) => template.replacen(template_id, &format!("id = \"{name}\""), 1),
        None => template.to_string(),
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    let mut handle = options.open(&file).map_err(cannot_write)?;
    std::io::Write::write_all(&mut handle, text.as_bytes()).map_err(cannot_write)?;
    Ok(file)
}

/// Ids appear in file names: lowercase ASCII letters, digits, `-` and `_`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_starter_passes_check_without_warnings_in_its_language() {
        for (lang, id) in [(Lang::De, "meine-lernreise"), (Lang::En, "my-journey")] {
            let (template, template_id) = starter(lang);
            let (journey, warnings) = match super::super::parse(template) {
                Ok(loaded) => loaded,
                Err(problems) => panic!("the {lang:?} starter has problems: {problems:?}"),
            };
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(journey.id, id);
            assert_eq!(journey.language, lang);
            assert!(template.contains(template_id));
        }
    }

    #[test]
    fn the_journey_id_follows_the_directory_and_nothing_is_overwritten() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path().join("lernreise-2027");
        let file = write_starter(&dir, Lang::De).unwrap();
        let journey = super::super::load(&dir).unwrap().journey;
        assert_eq!(journey.id, "lernreise-2027");
        std::fs::write(&file, "id = \"edited\"").unwrap();
        assert!(matches!(
            write_starter(&dir, Lang::En),
            Err(PlanError::Unreadable { msg: Msg::Files(FileMsg::AlreadyExists { .. }), .. })
        ));
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "id = \"edited\"");
    }
}
