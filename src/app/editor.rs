//! A one-line text editor with a cursor, for notes and messages.

/// The text being typed and where the cursor stands (in characters).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
    /// The whole text is offered, not yet typed: the first character typed
    /// replaces it, an erase clears it, a cursor move keeps it.
    offered: bool,
}

/// What a key does to the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    Backspace,
    Delete,
    Left,
    Right,
    Home,
    End,
    /// Delete the word before the cursor (Ctrl-W).
    DeleteWord,
}

impl LineEditor {
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(at, _)| at)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    /// An editor holding `text`, offered as a whole (the message on the wall, a suggestion).
    pub fn offering(text: &str) -> LineEditor {
        LineEditor { text: text.to_string(), cursor: text.chars().count(), offered: true }
    }

    /// An editor holding `text` to be corrected: the cursor at its end, typing goes on from there.
    pub fn holding(text: &str) -> LineEditor {
        LineEditor { text: text.to_string(), cursor: text.chars().count(), offered: false }
    }

    /// Whether the text is only offered, not typed.
    pub fn is_offered(&self) -> bool {
        self.offered
    }

    pub fn apply(&mut self, edit: Edit) {
        if std::mem::take(&mut self.offered) {
            match edit {
                Edit::Insert(_) | Edit::Backspace | Edit::Delete | Edit::DeleteWord => {
                    self.text.clear();
                    self.cursor = 0;
                    if !matches!(edit, Edit::Insert(_)) {
                        return;
                    }
                }
                Edit::Left | Edit::Right | Edit::Home | Edit::End => {}
            }
        }
        match edit {
            Edit::Insert(c) if !c.is_control() => {
                let at = self.byte_at(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            Edit::Insert(_) => {}
            Edit::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Edit::Backspace => {}
            Edit::Delete if self.cursor < self.len() => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Edit::Delete => {}
            Edit::Left => self.cursor = self.cursor.saturating_sub(1),
            Edit::Right => self.cursor = (self.cursor + 1).min(self.len()),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.len(),
            Edit::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                self.text = chars[..start].iter().chain(&chars[self.cursor..]).collect();
                self.cursor = start;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> LineEditor {
        let mut editor = LineEditor::default();
        text.chars().for_each(|c| editor.apply(Edit::Insert(c)));
        editor
    }

    #[test]
    fn typing_moving_and_deleting_handle_umlauts() {
        let mut editor = typed("Grße");
        editor.apply(Edit::Left);
        editor.apply(Edit::Left);
        editor.apply(Edit::Insert('ö'));
        assert_eq!((editor.text(), editor.cursor()), ("Größe", 3));
        editor.apply(Edit::Backspace);
        editor.apply(Edit::Delete);
        assert_eq!((editor.text(), editor.cursor()), ("Gre", 2));
        editor.apply(Edit::Home);
        editor.apply(Edit::Backspace);
        editor.apply(Edit::End);
        editor.apply(Edit::Right);
        assert_eq!((editor.text(), editor.cursor()), ("Gre", 3));
    }

    #[test]
    fn ctrl_w_deletes_the_word_before_the_cursor() {
        let mut editor = typed("BVA nach Pilot  ");
        editor.apply(Edit::DeleteWord);
        assert_eq!((editor.text(), editor.cursor()), ("BVA nach ", 9));
        editor.apply(Edit::Home);
        editor.apply(Edit::DeleteWord);
        assert_eq!(editor.text(), "BVA nach ");
    }

    #[test]
    fn an_offered_text_is_replaced_by_typing_cleared_by_erasing_kept_by_moving() {
        let mut editor = LineEditor::offering("Weiter um 13:15");
        editor.apply(Edit::Insert('G'));
        assert_eq!(editor.text(), "G", "typing replaces it");
        let mut editor = LineEditor::offering("Weiter um 13:15");
        editor.apply(Edit::Backspace);
        assert_eq!(editor.text(), "", "an erase clears it");
        let mut editor = LineEditor::offering("Weiter um 13:15");
        editor.apply(Edit::Left);
        editor.apply(Edit::Insert('!'));
        assert_eq!(editor.text(), "Weiter um 13:1!5", "after a move it is text like any other");
    }

    #[test]
    fn control_characters_are_not_inserted() {
        let editor = typed("a\tb\u{7}");
        assert_eq!(editor.text(), "ab");
    }
}
