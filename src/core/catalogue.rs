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
    /// The formats a block of the method chooses from, with their phases (reflection).
    #[serde(default)]
    pub formats: Vec<FormatContent>,
    /// Ready-made prompts a block can use instead of its own (reflection).
    #[serde(default)]
    pub prompt_sets: Vec<PromptSet>,
}

/// One format of a method: its phases in the order they run.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatContent {
    /// The word the plan uses (`format = "think-pair-share"`).
    pub id: String,
    pub name: Texts,
    pub purpose: Texts,
    /// The prompt set used when the plan names none and writes none.
    pub prompt_set: String,
    pub phases: Vec<PhaseContent>,
}

/// One phase of a format: what to do and for how long by default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseContent {
    pub id: String,
    pub name: Texts,
    pub task: Texts,
    pub minutes: u32,
    /// Everyone speaks in turn (a Blitzlicht round).
    #[serde(default)]
    pub round: bool,
}

/// Prompts for a reflection, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromptSet {
    /// The word the plan uses (`prompt_set = "gibbs"`).
    pub id: String,
    pub name: Texts,
    pub prompts: Vec<Texts>,
}

impl MethodContent {
    pub fn format(&self, id: &str) -> Option<&FormatContent> {
        self.formats.iter().find(|format| format.id == id)
    }

    pub fn prompt_set(&self, id: &str) -> Option<&PromptSet> {
        self.prompt_sets.iter().find(|set| set.id == id)
    }
}

/// Why a method's embedded content is unusable; the catalogue's tests rule it out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("assets/methods/{file}.toml: {message}")]
    Unreadable { file: &'static str, message: String },
    #[error("assets/methods/{file}.toml: {field} has an empty text")]
    EmptyText { file: &'static str, field: String },
    /// A format or prompt set that cannot run: no phases or prompts, a phase
    /// of no minutes, a twice-used id, a prompt set that does not exist.
    #[error("assets/methods/{file}.toml: {field}: {problem}")]
    Unusable { file: &'static str, field: String, problem: &'static str },
}

/// The name of a method's file in `assets/methods/`, without `.toml`.
pub fn file_name(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Discussion => "discussion",
        MethodKind::Consultation => "consultation",
        MethodKind::Reflection => "reflection",
        MethodKind::Exchange => "exchange",
    }
}

/// The text of a method's file, compiled in: a method without a file does not build.
pub fn source(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Discussion => include_str!("../../assets/methods/discussion.toml"),
        MethodKind::Consultation => include_str!("../../assets/methods/consultation.toml"),
        MethodKind::Reflection => include_str!("../../assets/methods/reflection.toml"),
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
        .chain(content.rules.iter().enumerate().map(|(index, texts)| (format!("rules[{index}]"), texts)))
        .chain(format_texts(&content));
    check_formats(file, &content)?;
    for (field, texts) in texts {
        for (lang, text) in [("de", &texts.de), ("en", &texts.en)] {
            if text.trim().is_empty() {
                return Err(CatalogueError::EmptyText { file, field: format!("{field}.{lang}") });
            }
        }
    }
    Ok(content)
}

/// Every text of the formats and prompt sets, named by where it stands.
fn format_texts(content: &MethodContent) -> Vec<(String, &Texts)> {
    let mut texts = Vec::new();
    for (index, format) in content.formats.iter().enumerate() {
        texts.push((format!("formats[{index}].name"), &format.name));
        texts.push((format!("formats[{index}].purpose"), &format.purpose));
        for (phase, content) in format.phases.iter().enumerate() {
            texts.push((format!("formats[{index}].phases[{phase}].name"), &content.name));
            texts.push((format!("formats[{index}].phases[{phase}].task"), &content.task));
        }
    }
    for (index, set) in content.prompt_sets.iter().enumerate() {
        texts.push((format!("prompt_sets[{index}].name"), &set.name));
        for (prompt, texts_of) in set.prompts.iter().enumerate() {
            texts.push((format!("prompt_sets[{index}].prompts[{prompt}]"), texts_of));
        }
    }
    texts
}

/// Formats and prompt sets that can run: ids once each, phases with minutes, known prompt sets.
fn check_formats(file: &'static str, content: &MethodContent) -> Result<(), CatalogueError> {
    let unusable = |field: String, problem| Err(CatalogueError::Unusable { file, field, problem });
    for (index, format) in content.formats.iter().enumerate() {
        let field = format!("formats[{index}]");
        if content.formats[..index].iter().any(|other| other.id == format.id) {
            return unusable(field, "the id is used twice");
        }
        if format.phases.is_empty() {
            return unusable(field, "it has no phases");
        }
        if format.phases.iter().any(|phase| phase.minutes == 0) {
            return unusable(field, "a phase has no minutes");
        }
        if content.prompt_set(&format.prompt_set).is_none() {
            return unusable(field, "its prompt set does not exist");
        }
    }
    for (index, set) in content.prompt_sets.iter().enumerate() {
        let field = format!("prompt_sets[{index}]");
        if content.prompt_sets[..index].iter().any(|other| other.id == set.id) {
            return unusable(field, "the id is used twice");
        }
        if set.prompts.is_empty() {
            return unusable(field, "it has no prompts");
        }
    }
    Ok(())
}

/// The content of a method, parsed once. `None` only if its embedded file is
/// broken, which the tests below rule out; help then shows the keys alone.
pub fn method(kind: MethodKind) -> Option<&'static MethodContent> {
    static DISCUSSION: LazyLock<Option<MethodContent>> = LazyLock::new(|| parse(MethodKind::Discussion).ok());
    static CONSULTATION: LazyLock<Option<MethodContent>> =
        LazyLock::new(|| parse(MethodKind::Consultation).ok());
    static REFLECTION: LazyLock<Option<MethodContent>> = LazyLock::new(|| parse(MethodKind::Reflection).ok());
    static EXCHANGE: LazyLock<Option<MethodContent>> = LazyLock::new(|| parse(MethodKind::Exchange).ok());
    match kind {
        MethodKind::Discussion => DISCUSSION.as_ref(),
        MethodKind::Consultation => CONSULTATION.as_ref(),
        MethodKind::Reflection => REFLECTION.as_ref(),
        MethodKind::Exchange => EXCHANGE.as_ref(),
    }
}

/// One phase of a consultation template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// What a plan calls it when it overrides its time (`report = "15m"`).
    pub key: String,
    /// Its time box.
    pub minutes: u32,
    pub name: Texts,
    pub purpose: Texts,
    /// Who speaks in it.
    pub speaks: Texts,
    /// Its rule, in one or two sentences.
    pub rule: Texts,
}

/// A consultation template: its phases in order.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Template {
    /// What a plan calls it (`template = "troika"`).
    pub key: String,
    pub name: Texts,
    pub phases: Vec<Phase>,
}

impl Template {
    pub fn phase(&self, key: &str) -> Option<&Phase> {
        self.phases.iter().find(|phase| phase.key == key)
    }
}

/// A method for the consultation phase, from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultationMethod {
    /// What a plan and the log call it.
    pub key: String,
    /// Its default time box.
    pub minutes: u32,
    pub name: Texts,
    /// What the consultants do, in one line.
    pub instruction: Texts,
    pub rule: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodCatalogue {
    methods: Vec<ConsultationMethod>,
}

/// The consultation templates' files, compiled in; the first is the default.
pub const TEMPLATE_FILES: [(&str, &str); 2] = [
    ("consultation-tietze", include_str!("../../assets/methods/consultation-tietze.toml")),
    ("consultation-troika", include_str!("../../assets/methods/consultation-troika.toml")),
];

/// The catalogue of methods for the consultation phase, compiled in.
pub const METHOD_CATALOGUE_FILE: (&str, &str) =
    ("consultation-catalogue", include_str!("../../assets/methods/consultation-catalogue.toml"));

/// The template a consultation block runs when its plan names none.
pub const DEFAULT_TEMPLATE: &str = "tietze";

fn check_texts<'a>(
    file: &'static str,
    texts: impl IntoIterator<Item = (String, &'a Texts)>,
) -> Result<(), CatalogueError> {
    for (field, texts) in texts {
        for (lang, text) in [("de", &texts.de), ("en", &texts.en)] {
            if text.trim().is_empty() {
                return Err(CatalogueError::EmptyText { file, field: format!("{field}.{lang}") });
            }
        }
    }
    Ok(())
}

/// Parses a consultation template and checks its texts and time boxes.
pub fn parse_template(file: &'static str, source: &str) -> Result<Template, CatalogueError> {
    let template: Template = toml::from_str(source)
        .map_err(|err| CatalogueError::Unreadable { file, message: err.to_string() })?;
    if template.phases.is_empty() || template.phases.iter().any(|phase| phase.minutes == 0) {
        return Err(CatalogueError::Unreadable {
            file,
            message: "a template needs phases of a minute or more".into(),
        });
    }
    let texts = std::iter::once(("name".to_string(), &template.name)).chain(template.phases.iter().flat_map(
        |phase| {
            [
                ("name", &phase.name),
                ("purpose", &phase.purpose),
                ("speaks", &phase.speaks),
                ("rule", &phase.rule),
            ]
            .into_iter()
            .map(move |(field, texts)| (format!("phases.{}.{field}", phase.key), texts))
        },
    ));
    check_texts(file, texts)?;
    Ok(template)
}

/// Parses the method catalogue of the consultation phase and checks its texts.
pub fn parse_method_catalogue() -> Result<Vec<ConsultationMethod>, CatalogueError> {
    let (file, source) = METHOD_CATALOGUE_FILE;
    let catalogue: MethodCatalogue = toml::from_str(source)
        .map_err(|err| CatalogueError::Unreadable { file, message: err.to_string() })?;
    let texts = catalogue.methods.iter().flat_map(|method| {
        [("name", &method.name), ("instruction", &method.instruction), ("rule", &method.rule)]
            .into_iter()
            .map(move |(field, texts)| (format!("methods.{}.{field}", method.key), texts))
    });
    check_texts(file, texts)?;
    Ok(catalogue.methods)
}

/// Every consultation template, parsed once (a broken file, ruled out by the tests, is left out).
pub fn templates() -> &'static [Template] {
    static TEMPLATES: LazyLock<Vec<Template>> = LazyLock::new(|| {
        TEMPLATE_FILES.iter().filter_map(|(file, source)| parse_template(file, source).ok()).collect()
    });
    &TEMPLATES
}

/// The consultation template a plan names.
pub fn template(key: &str) -> Option<&'static Template> {
    templates().iter().find(|template| template.key == key)
}

/// Every method of the consultation phase, parsed once.
pub fn consultation_methods() -> &'static [ConsultationMethod] {
    static METHODS: LazyLock<Vec<ConsultationMethod>> =
        LazyLock::new(|| parse_method_catalogue().unwrap_or_default());
    &METHODS
}

/// A method of the consultation phase by its key.
pub fn consultation_method(key: &str) -> Option<&'static ConsultationMethod> {
    consultation_methods().iter().find(|method| method.key == key)
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
                MethodKind::Discussion => Some(MethodKind::Consultation),
                MethodKind::Consultation => Some(MethodKind::Reflection),
                MethodKind::Reflection => Some(MethodKind::Exchange),
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
        let mut names: Vec<&str> = every_kind().into_iter().map(file_name).collect();
        names.extend(TEMPLATE_FILES.iter().map(|(file, _)| *file));
        names.push(METHOD_CATALOGUE_FILE.0);
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
    fn every_consultation_template_parses_with_both_languages() {
        for (file, source) in TEMPLATE_FILES {
            let parsed = parse_template(file, source).unwrap_or_else(|err| panic!("{err}"));
            assert_eq!(format!("consultation-{}", parsed.key), file);
            for phase in &parsed.phases {
                for texts in [&phase.name, &phase.purpose, &phase.speaks, &phase.rule] {
                    assert_ne!(texts.de, texts.en, "{file}: both languages say {:?}", texts.de);
                }
            }
            assert_eq!(template(&parsed.key), Some(&parsed));
        }
        assert_eq!(templates().len(), TEMPLATE_FILES.len());
        assert!(template(DEFAULT_TEMPLATE).is_some());
    }

    #[test]
    fn tietze_has_six_phases_and_troika_ten_minutes() {
        let tietze = template("tietze").unwrap();
        let keys: Vec<&str> = tietze.phases.iter().map(|phase| phase.key.as_str()).collect();
        assert_eq!(keys, ["casting", "report", "key_question", "method", "consultation", "closing"]);
        assert_eq!(tietze.phases.iter().map(|phase| phase.minutes).collect::<Vec<_>>(), [5, 10, 5, 5, 10, 5]);
        let troika = template("troika").unwrap();
        assert_eq!(troika.phases.iter().map(|phase| phase.minutes).sum::<u32>(), 10);
    }

    #[test]
    fn the_method_catalogue_has_the_ten_methods_in_both_languages() {
        let methods = parse_method_catalogue().unwrap_or_else(|err| panic!("{err}"));
        let keys: Vec<&str> = methods.iter().map(|method| method.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "brainstorming",
                "headstand",
                "key_question_finding",
                "hypotheses",
                "resonance",
                "advice",
                "identification",
                "actstorming",
                "cross_examination",
                "sharing"
            ]
        );
        for method in &methods {
            assert!(method.minutes > 0);
            for texts in [&method.name, &method.instruction, &method.rule] {
                assert!(!texts.de.trim().is_empty() && !texts.en.trim().is_empty());
            }
        }
        assert_eq!(consultation_method("key_question_finding").map(|method| method.minutes), Some(5));
        assert_eq!(consultation_methods(), methods.as_slice());
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

    #[test]
    fn every_reflection_format_of_the_plan_has_content() {
        let content = parse(MethodKind::Reflection).unwrap_or_else(|err| panic!("{err}"));
        for format in crate::plan::ReflectionFormat::ALL {
            let found = content.format(format.key()).unwrap_or_else(|| panic!("no format {}", format.key()));
            assert!(!found.phases.is_empty());
        }
        assert_eq!(content.formats.len(), crate::plan::ReflectionFormat::ALL.len());
        let rounds = |id: &str| content.format(id).map(|f| f.phases.iter().filter(|p| p.round).count());
        assert_eq!(rounds("blitzlicht"), Some(1));
        assert_eq!(rounds("silent"), Some(0));
    }

    #[test]
    fn the_leadership_prompt_sets_are_there() {
        let content = parse(MethodKind::Reflection).unwrap_or_else(|err| panic!("{err}"));
        let haus = content.prompt_set("haus").unwrap();
        let german: Vec<&str> = haus.prompts.iter().map(|p| p.get(Lang::De)).collect();
        assert!(german.contains(&"Was nehme ich in mein Haus mit?"));
        assert!(german.contains(&"Was probiere ich bis zur nächsten Station aus?"));
        assert_eq!(content.prompt_set("gibbs").map(|set| set.prompts.len()), Some(6));
        for set in &content.prompt_sets {
            for prompt in &set.prompts {
                assert_ne!(prompt.de, prompt.en, "{}: both languages say {:?}", set.id, prompt.de);
            }
        }
    }

    #[test]
    fn a_broken_format_is_named() {
        let mut content = parse(MethodKind::Reflection).unwrap_or_else(|err| panic!("{err}"));
        content.formats[1].prompt_set = "nirgends".into();
        assert!(matches!(check_formats("reflection", &content), Err(CatalogueError::Unusable { .. })));
        let mut content = parse(MethodKind::Reflection).unwrap_or_else(|err| panic!("{err}"));
        content.formats[0].phases[0].minutes = 0;
        assert!(check_formats("reflection", &content).is_err());
    }
}
