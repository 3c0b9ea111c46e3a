//! Each method's part of the console: its keys (binding tables), its own
//! console state (cursors, groupings) and its update. The console dispatches
//! here for the method of the current block; registering a method is one
//! variant in [`MethodAction`] and one arm in each function below.

pub mod consultation;
pub mod discussion;
pub mod exchange;
pub mod reflection;

use super::keymap::Binding;
use crate::core::Timestamp;
use crate::core::command::Command;
use crate::core::history::History;
use crate::core::method::MethodState;
use crate::core::session::Session;
use crate::i18n::Label;

/// A key of a method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodAction {
    Discussion(discussion::Action),
    Consultation(consultation::Action),
    Reflection(reflection::Action),
    Exchange(exchange::Action),
}

/// An overlay a method opens, confirmed with what was typed or picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodOverlay {
    Discussion(discussion::Overlay),
    Consultation(crate::ui::ConsultationEditor),
    Reflection(reflection::Overlay),
    Exchange(exchange::Overlay),
}

impl MethodOverlay {
    /// Whether it chooses a participant (else it takes a line of text).
    pub fn picks(self) -> bool {
        match self {
            MethodOverlay::Discussion(discussion::Overlay::Pick(_)) => true,
            MethodOverlay::Discussion(discussion::Overlay::Capture(_)) => false,
            MethodOverlay::Consultation(editor) => editor == crate::ui::ConsultationEditor::Catalogue,
            MethodOverlay::Reflection(reflection::Overlay::Takeaway(_)) => false,
            MethodOverlay::Exchange(exchange::Overlay::Place) => true,
        }
    }

    /// How many entries it lists for what was typed, when it lists something
    /// other than the people here (a picker of participants lists those).
    pub fn list_len(self, typed: &str, session: &Session) -> Option<usize> {
        match self {
            MethodOverlay::Discussion(_) | MethodOverlay::Reflection(_) | MethodOverlay::Exchange(_) => None,
            MethodOverlay::Consultation(editor) => consultation::list_len(editor, typed, session),
        }
    }
}

/// What a method key leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A command to decide, record and apply.
    Command(Command),
    /// An overlay to open.
    Open(MethodOverlay),
    /// Why nothing happened.
    Refused(Label),
    /// Console state changed; nothing to record.
    Done,
}

/// The console state of every method; each keeps its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MethodConsoles {
    pub discussion: discussion::Console,
    pub consultation: consultation::Console,
    pub reflection: reflection::Console,
    pub exchange: exchange::Console,
}

impl MethodConsoles {
    /// The tables of the current block's method, its focus table (if it has the focus) first.
    pub fn tables(&self, session: &Session) -> Vec<&'static [Binding]> {
        let Some(item) = session.current() else { return Vec::new() };
        match &item.method {
            MethodState::Plain => Vec::new(),
            MethodState::Discussion(_) => self.discussion.tables(),
            MethodState::Consultation(_) => self.consultation.tables(),
            MethodState::Reflection(_) => self.reflection.tables(),
            MethodState::Exchange(_) => self.exchange.tables(),
        }
    }

    /// Carries out a method key.
    pub fn update(&mut self, action: MethodAction, session: &Session, now: Timestamp) -> Outcome {
        match action {
            MethodAction::Discussion(action) => self.discussion.update(action, session),
            MethodAction::Consultation(action) => {
                // Groups are formed with the contacts the exchange counts (the journey's and this station's).
                let exchange = &self.exchange;
                self.consultation.update(action, session, now, || exchange.contacts(session))
            }
            MethodAction::Reflection(action) => self.reflection.update(action, session, now),
            MethodAction::Exchange(action) => self.exchange.update(action, session),
        }
    }

    /// After a command: cursors follow what they pointed at, or go with their method.
    pub fn settle(&mut self, session: &Session, history: &History) {
        self.discussion.settle(session);
        self.consultation.settle(session, history);
        self.reflection.settle(session);
        self.exchange.settle(session);
    }

    /// The text an overlay's editor opens with, when it edits something that exists.
    pub fn current_text(&self, overlay: MethodOverlay, session: &Session) -> Option<String> {
        match overlay {
            MethodOverlay::Consultation(editor) => {
                consultation::current_text(&self.consultation, editor, session)
            }
            MethodOverlay::Discussion(_) | MethodOverlay::Reflection(_) | MethodOverlay::Exchange(_) => None,
        }
    }

    /// The command a confirmed overlay asks for: `typed` is the editor's text,
    /// `picked` the participant chosen in a picker, `selected` the entry
    /// highlighted in a list of the method's own.
    pub fn confirm(
        &self,
        overlay: MethodOverlay,
        typed: &str,
        picked: Option<&str>,
        selected: usize,
        session: &Session,
        now: Timestamp,
    ) -> Option<Command> {
        match overlay {
            MethodOverlay::Discussion(overlay) => discussion::confirm(overlay, typed, picked, session, now),
            MethodOverlay::Consultation(editor) => {
                consultation::confirm(&self.consultation, editor, typed, selected, session)
            }
            MethodOverlay::Reflection(overlay) => reflection::confirm(overlay, typed, session),
            MethodOverlay::Exchange(overlay) => self.exchange.confirm(overlay, picked, session),
        }
    }
}

/// The method table of a method state (not its focus tables), if it has keys.
pub fn bindings(state: &MethodState) -> Option<&'static [Binding]> {
    match state {
        MethodState::Plain => None,
        MethodState::Discussion(_) => Some(discussion::KEYS),
        MethodState::Consultation(_) => Some(consultation::KEYS),
        MethodState::Reflection(_) => Some(reflection::KEYS),
        MethodState::Exchange(_) => Some(exchange::KEYS),
    }
}

/// Every method's own table, which must not shadow a global key.
pub fn method_tables() -> Vec<(&'static str, &'static [Binding])> {
    vec![
        ("discussion", discussion::KEYS),
        ("consultation", consultation::KEYS),
        ("reflection", reflection::KEYS),
        ("exchange", exchange::KEYS),
    ]
}

/// Every table of every method, focus tables included (which take keys on purpose, like an overlay).
pub fn all_tables() -> Vec<(&'static str, &'static [Binding])> {
    let mut tables = method_tables();
    tables.push(("discussion queue", discussion::QUEUE_KEYS));
    tables.push(("consultation casting", consultation::CASTING_KEYS));
    tables.push(("reflection takeaways", reflection::TAKEAWAY_KEYS));
    tables.push(("exchange groups", exchange::GROUP_KEYS));
    tables
}
