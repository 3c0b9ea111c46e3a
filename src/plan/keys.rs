//! The keys a plan may hold, table by table: a first pass over the parsed TOML
//! that names every unknown and every missing key at once, each at its line,
//! before the plan is read into its types (serde would stop at the first).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::i18n::{Msg, PlanMsg};

/// What a key holds, as far as the walk cares.
#[derive(Debug, Clone, Copy)]
enum Inside {
    /// A value: its type is checked when the plan is read.
    Value,
    /// A table with keys of its own.
    Table(&'static Shape),
    /// An array of tables (`[[…]]`), each with the same keys.
    Tables(&'static Shape),
    /// A table whose keys are the facilitator's own (`attributes`).
    Free,
}

#[derive(Debug, Clone, Copy)]
struct Key {
    name: &'static str,
    required: bool,
    inside: Inside,
}

/// The keys one kind of table may hold, in the order the template explains them.
#[derive(Debug)]
pub(super) struct Shape {
    keys: &'static [Key],
}

const fn required(name: &'static str) -> Key {
    Key { name, required: true, inside: Inside::Value }
}

const fn optional(name: &'static str) -> Key {
    Key { name, required: false, inside: Inside::Value }
}

const fn inside(name: &'static str, inside: Inside) -> Key {
    Key { name, required: false, inside }
}

pub(super) const JOURNEY: Shape = Shape {
    keys: &[
        required("id"),
        required("title"),
        optional("language"),
        optional("timezone"),
        inside("participants", Inside::Tables(&PARTICIPANT)),
        inside("stations", Inside::Tables(&STATION)),
    ],
};

pub(super) const PARTICIPANT: Shape = Shape {
    keys: &[
        required("id"),
        required("name"),
        required("organisation"),
        required("role"),
        optional("short"),
        inside("attributes", Inside::Free),
    ],
};

pub(super) const STATION: Shape = Shape {
    keys: &[
        required("id"),
        required("title"),
        required("date"),
        required("start"),
        required("end"),
        required("place"),
        optional("host"),
        optional("timezone"),
        optional("directions"),
        required("format"),
        inside("blocks", Inside::Tables(&BLOCK)),
    ],
};

pub(super) const BLOCK: Shape = Shape {
    keys: &[
        optional("id"),
        required("kind"),
        required("title"),
        required("duration"),
        optional("fixed_start"),
        optional("owner"),
        optional("speaker"),
        optional("notes"),
        optional("last_minutes"),
        optional("speaker_clock"),
        inside("discussion", Inside::Table(&DISCUSSION)),
        inside("consultation", Inside::Table(&CONSULTATION)),
        inside("reflection", Inside::Table(&REFLECTION)),
        inside("exchange", Inside::Table(&EXCHANGE)),
    ],
};

pub(super) const DISCUSSION: Shape = Shape {
    keys: &[
        optional("questions"),
        optional("speaker_limit"),
        optional("policy"),
        optional("alternate_by"),
        optional("speaker_clock"),
    ],
};

pub(super) const CONSULTATION: Shape = Shape {
    keys: &[
        optional("case_giver"),
        optional("moderator"),
        optional("template"),
        optional("cases"),
        inside("phases", Inside::Free),
        optional("groups"),
        optional("methods"),
    ],
};

pub(super) const REFLECTION: Shape = Shape {
    keys: &[
        optional("format"),
        optional("prompts"),
        optional("prompt_set"),
        optional("prompts_at_once"),
        optional("times"),
        optional("blitzlicht"),
        optional("turn"),
        optional("order"),
    ],
};

pub(super) const EXCHANGE: Shape = Shape {
    keys: &[
        optional("group_size"),
        optional("rounds"),
        optional("format"),
        optional("round_duration"),
        optional("question"),
        optional("never_together"),
        optional("allow_larger"),
        optional("show_organisations"),
    ],
};

impl Shape {
    /// The names of its keys, in order.
    #[cfg(test)]
    pub(super) fn names(&self) -> Vec<&'static str> {
        self.keys.iter().map(|key| key.name).collect()
    }

    /// The allowed keys as a message lists them: `` `id`, `name`, … ``.
    fn allowed(&self) -> String {
        self.keys.iter().map(|key| format!("`{}`", key.name)).collect::<Vec<_>>().join(", ")
    }
}

/// A problem the walk found: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeyProblem {
    pub span: Range<usize>,
    pub msg: Msg,
}

/// Every unknown and every missing key of the document, in no particular order.
pub(super) fn key_problems(document: &Spanned<DeTable>) -> Vec<KeyProblem> {
    let mut found = Vec::new();
    walk(document.get_ref(), document.span(), &JOURNEY, &mut found);
    found
}

fn walk(table: &DeTable, at: Range<usize>, shape: &Shape, found: &mut Vec<KeyProblem>) {
    for (key, value) in table.iter() {
        let name: &str = key.get_ref().as_ref();
        let Some(known) = shape.keys.iter().find(|known| known.name == name) else {
            found.push(KeyProblem {
                span: key.span(),
                msg: Msg::Plan(PlanMsg::UnknownKey { key: name.to_string(), expected: shape.allowed() }),
            });
            continue;
        };
        match (known.inside, value.get_ref()) {
            (Inside::Table(inner), DeValue::Table(table)) => walk(table, value.span(), inner, found),
            (Inside::Tables(inner), DeValue::Array(items)) => {
                for item in items.iter() {
                    if let DeValue::Table(table) = item.get_ref() {
                        walk(table, item.span(), inner, found);
                    }
                }
            }
            // A value of the wrong type is named when the plan is read.
            (Inside::Table(_) | Inside::Tables(_) | Inside::Value | Inside::Free, _) => {}
        }
    }
    for key in shape.keys.iter().filter(|key| key.required) {
        if !table.iter().any(|(name, _)| AsRef::<str>::as_ref(name.get_ref()) == key.name) {
            found.push(KeyProblem {
                span: at.clone(),
                msg: Msg::Plan(PlanMsg::MissingKey { key: key.name.to_string() }),
            });
        }
    }
}
