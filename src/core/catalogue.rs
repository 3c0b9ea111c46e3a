//! Method content as data: each method's name, purpose and rules in German and
//! English, from `assets/methods/<method>.toml`, embedded in the binary and
//! parsed here. Pure: it reads no file, only the text compiled in.

use std::sync::LazyLock;

use serde::Deserialize;

use super::method::MethodKind;
use crate::i18n::Lang;

/// One text in both languages of the user interface.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    pub de: String,
    pub en: String,
}

impl Texts {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::De => &self.de,
            Lang::En => &self.en,
        }
    }
}

/// What a facilitator is told about a method.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodContent {
    pub name: Texts,
    /// What the method is for, in one sentence.
    pub purpose: Texts,
    /// The rules the room keeps, in the order they are explained.
    pub rules: Vec<Texts>,
}

/// Why a method's embedded content is unusable; the catalogue's tests rule it out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("assets/methods/{file}.toml: {message}")]
    Unreadable { file: &'static str, message: String },
    #[error("assets/methods/{file}.toml: {field} has an empty text")]
    EmptyText { file: &'static str, field: String },
}

/// The name of a method's file in `assets/methods/`, without `.toml`.
pub fn file_name(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Discussion => "discussion",
        MethodKind::Exchange => "exchange",
    }
}

/// The text of a method's file, compiled in: a method without a file does not build.
pub fn source(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Discussion => include_str!("../../assets/methods/discussion.toml"),
        MethodKind::Exchange => include_str!("../../assets/methods/exchange.toml"),
    }
}

/// Parses a method's content and checks that every text has both languages.
pub fn parse(kind: MethodKind) -> Result<MethodContent, CatalogueError> {
    let file = file_name(kind);
    let content: MethodContent = toml::from_str(source(kind))
        .map_err(|err| CatalogueError::Unreadable { file, message: err.to_string() })?;
    let texts = [("name", &content.name), ("purpose", &content.purpose)]
        .into_iter()
        .map(|(field, texts)| (field.to_string(), texts))
        .chain(content.rules.iter().enumerate().map(|(index, texts)| (format!("rules[{index}]"), texts)));
    for (field, texts) in texts {
        for (lang, text) in [("de", &texts.de), ("en", &texts.en)] {
            if text.trim().is_empty() {
                return Err(CatalogueError::EmptyText { file, field: format!("{field}.{lang}") });
            }
        }
    }
    Ok(content)
}

/// The content of a method, parsed once. `None` only if its embedded file is
/// broken, which the tests below rule out; help then shows the keys alone.
pub fn method(kind: MethodKind) -> Option<&'static MethodContent> {
    static DISCUSSION: LazyLock<Option<MethodContent>> = LazyLock::new(|| parse(MethodKind::Discussion).ok());
    static EXCHANGE: LazyLock<Option<MethodContent>> = LazyLock::new(|| parse(MethodKind::Exchange).ok());
    match kind {
        MethodKind::Discussion => DISCUSSION.as_ref(),
        MethodKind::Exchange => EXCHANGE.as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every method kind. The match makes a new kind a compile error here
    /// until it is chained into the list (and `source` until it has a file).
    fn every_kind() -> Vec<MethodKind> {
        let mut kinds = Vec::new();
        let mut next = Some(MethodKind::Discussion);
        while let Some(kind) = next {
            kinds.push(kind);
            next = match kind {
                MethodKind::Discussion => Some(MethodKind::Exchange),
                MethodKind::Exchange => None,
            };
        }
        kinds
    }

    #[test]
    fn every_method_has_content_in_both_languages() {
        for kind in every_kind() {
            let content = parse(kind).unwrap_or_else(|err| panic!("{err}"));
            assert!(!content.rules.is_empty(), "{kind:?} has no rules");
            for texts in [&content.name, &content.purpose].into_iter().chain(&content.rules) {
                for lang in [Lang::De, Lang::En] {
                    assert!(!texts.get(lang).trim().is_empty(), "{kind:?}: {texts:?}");
                }
                assert_ne!(texts.de, texts.en, "{kind:?}: both languages say {:?}", texts.de);
            }
            assert_eq!(method(kind), Some(&content));
        }
    }

    #[test]
    fn every_file_in_assets_methods_belongs_to_a_method() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/methods");
        let names: Vec<&str> = every_kind().into_iter().map(file_name).collect();
        let mut files = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|err| panic!("{}: {err}", dir.display())) {
            let path = entry.unwrap_or_else(|err| panic!("{err}")).path();
            let stem = path.file_stem().and_then(|stem| stem.to_str()).unwrap_or_default();
            assert_eq!(path.extension().and_then(|ext| ext.to_str()), Some("toml"), "{}", path.display());
            assert!(names.contains(&stem), "{} belongs to no method kind", path.display());
            files += 1;
        }
        assert_eq!(files, names.len());
    }

    #[test]
    fn the_discussion_explains_the_speaker_list() {
        let content = parse(MethodKind::Discussion).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(content.name.get(Lang::De), "Moderierte Diskussion");
        assert_eq!(content.name.get(Lang::En), "Moderated discussion");
        let german: String = content.rules.iter().map(|rule| rule.get(Lang::De)).collect();
        for term in ["Redeliste", "direkte Erwiderung", "Geschäftsordnung"] {
            assert!(german.contains(term), "no rule names the {term}");
        }
    }
}
