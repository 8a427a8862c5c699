//! The one-line editor of notes and tags (and the highlights view's filter): typed and pasted
//! text (sanitised, lines joined), Backspace, Ctrl-w, Ctrl-u, and Tab completing a tag.

/// A note is one line of at most this many characters.
pub const MAX_LINE_CHARS: usize = 2000;

/// What the line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// The note on a highlight, by its id.
    HighlightNote(String),
    ArticleNote,
    Tags,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineEditor {
    pub purpose: Purpose,
    pub text: String,
}

impl LineEditor {
    pub fn new(purpose: Purpose, text: &str) -> LineEditor {
        LineEditor { purpose, text: text.to_string() }
    }
}

/// Appends typed or pasted text, sanitised, lines joined by spaces, cut at `max` characters;
/// true when some was cut.
pub fn insert(line: &mut String, text: &str, max: usize) -> bool {
    let clean = crate::text::clean(text).replace('\n', " ");
    let room = max.saturating_sub(line.chars().count());
    let before = line.len();
    line.extend(clean.chars().take(room));
    line.len() - before < clean.len()
}

/// Ctrl-w: the last word and the spaces after it.
pub fn delete_word(line: &mut String) {
    let kept = line.trim_end().rfind(' ').map_or(0, |space| space + 1);
    line.truncate(kept);
}

/// Tab: the word being typed completed to the first of `known` that starts with it (a
/// `-word` completes too).
pub fn complete(line: &mut String, known: &[String]) {
    let start = line.rfind(' ').map_or(0, |space| space + 1);
    let word = &line[start..];
    let (sign, stem) = match word.strip_prefix('-') {
        Some(stem) => ("-", stem),
        None => ("", word),
    };
    if stem.is_empty() {
        return;
    }
    let stem = stem.to_lowercase();
    if let Some(found) = known.iter().find(|tag| tag.starts_with(&stem) && **tag != stem) {
        line.truncate(start);
        line.push_str(sign);
        line.push_str(found);
    }
}

impl super::App {
    /// Keys while the editor is open; true when the action was used.
    pub(super) fn update_editor(&mut self, action: &super::Action) -> bool {
        use super::Action;
        let Some(editor) = self.editor.as_mut() else { return false };
        match action {
            Action::EditInput(c) => {
                insert(&mut editor.text, c.encode_utf8(&mut [0; 4]), MAX_LINE_CHARS);
            }
            Action::Paste(text) => {
                if insert(&mut editor.text, text, MAX_LINE_CHARS) {
                    let max = MAX_LINE_CHARS;
                    self.notice = Some(crate::strings::fill(self.settings.text.note_cut, &[("max", &max)]));
                }
            }
            Action::EditDeleteChar => {
                editor.text.pop();
            }
            Action::EditDeleteWord => delete_word(&mut editor.text),
            Action::EditClear => editor.text.clear(),
            Action::EditComplete if editor.purpose == Purpose::Tags => {
                complete(&mut editor.text, &self.known_tags)
            }
            Action::EditCommit => self.commit_editor(),
            Action::EditCancel => self.editor = None,
            Action::Quit | Action::Suspend => return false,
            action if super::update::is_from_user(action) => {}
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_pasting_and_deleting() {
        let mut line = String::new();
        assert!(!insert(&mut line, "Ghi chú\nhai dòng\u{1b}[31m", MAX_LINE_CHARS));
        assert_eq!(line, "Ghi chú hai dòng", "escape sequences never reach the line");
        delete_word(&mut line);
        assert_eq!(line, "Ghi chú hai ");
        let long = "x".repeat(MAX_LINE_CHARS + 5);
        assert!(insert(&mut line, &long, MAX_LINE_CHARS));
        assert_eq!(line.chars().count(), MAX_LINE_CHARS);
    }

    #[test]
    fn tab_completes_the_tag_being_typed() {
        let known = ["metro".to_string(), "mưa".to_string()];
        let mut line = "cầu me".to_string();
        complete(&mut line, &known);
        assert_eq!(line, "cầu metro");
        let mut removal = "-mư".to_string();
        complete(&mut removal, &known);
        assert_eq!(removal, "-mưa");
        let mut none = "xe ".to_string();
        complete(&mut none, &known);
        assert_eq!(none, "xe ");
    }
}
