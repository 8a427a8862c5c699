//! What the reader remembers between runs: which articles were read, and where each was left.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadState {
    /// Article path → where it was left (line 0: read from the top).
    #[serde(default)]
    pub articles: BTreeMap<String, Position>,
}

/// Where an article was left: the first line shown, of how many lines its layout had. The
/// layout depends on the pane's width, so an article reopened at another width scales the line
/// (as a resize does): it shows about the same text, not the same line number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Position {
    pub line: usize,
    /// Lines in the layout `line` counts in; 0 when unknown.
    pub of: usize,
}

/// A position as the state file holds it: state files from before positions scaled hold a
/// bare line number.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Scaled { line: usize, of: usize },
    Line(usize),
}

impl From<Stored> for Position {
    fn from(stored: Stored) -> Position {
        match stored {
            Stored::Scaled { line, of } => Position { line, of },
            Stored::Line(line) => Position { line, of: 0 },
        }
    }
}

impl Position {
    /// The line to show in a layout of `lines` lines.
    pub fn line_in(self, lines: usize) -> usize {
        if self.of == 0 || self.of == lines {
            self.line
        } else {
            // Wide arithmetic: the file may hold anything.
            (self.line as u128 * lines as u128 / self.of as u128).min(usize::MAX as u128) as usize
        }
    }
}

/// Starts the key of a path that is not UTF-8 (no path holds a NUL).
const NOT_UTF8: char = '\0';

/// The state file's key of `path`: the path itself when it is UTF-8 (as state files have always
/// held it), else NUL and the hex of its bytes, so two names that differ only in bytes that are
/// not UTF-8 keep separate marks (a lossy key would merge them).
fn key(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    match path.to_str() {
        Some(text) => text.to_string(),
        None => {
            let hex: String = path.as_os_str().as_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
            format!("{NOT_UTF8}{hex}")
        }
    }
}

impl ReadState {
    pub fn is_read(&self, path: &Path) -> bool {
        self.articles.contains_key(&key(path))
    }

    pub fn position(&self, path: &Path) -> Position {
        self.articles.get(&key(path)).copied().unwrap_or_default()
    }

    /// Marks the article read at `position`; true when that changed anything.
    pub fn remember(&mut self, path: &Path, position: Position) -> bool {
        self.articles.insert(key(path), position) != Some(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_scales_to_another_layout_and_old_files_still_load() {
        let left = Position { line: 50, of: 100 };
        assert_eq!(left.line_in(100), 50);
        assert_eq!(left.line_in(200), 100, "a narrower pane: twice the lines");
        assert_eq!(left.line_in(0), 0);
        assert_eq!(Position { line: usize::MAX, of: 1 }.line_in(2), usize::MAX, "no overflow");
        let old: ReadState = serde_json::from_str(r#"{"articles":{"/lib/a.txt":12}}"#).unwrap();
        assert_eq!(old.position(Path::new("/lib/a.txt")), Position { line: 12, of: 0 });
        assert_eq!(old.position(Path::new("/lib/a.txt")).line_in(300), 12);
        let mut state = ReadState::default();
        state.remember(Path::new("/lib/b.txt"), left);
        let again: ReadState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(again, state);
    }

    #[test]
    fn names_that_differ_only_in_bytes_that_are_not_utf8_keep_separate_marks() {
        use std::os::unix::ffi::OsStrExt;
        let first = Path::new(std::ffi::OsStr::from_bytes(b"/lib/tin-\xff.txt"));
        let second = Path::new(std::ffi::OsStr::from_bytes(b"/lib/tin-\xfe.txt"));
        let mut state = ReadState::default();
        state.remember(first, Position { line: 7, of: 10 });
        assert!(state.is_read(first));
        assert!(!state.is_read(second), "a lossy key merges the two names");
        state.remember(second, Position { line: 3, of: 10 });
        let again: ReadState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(again.position(first), Position { line: 7, of: 10 });
        assert_eq!(again.position(second), Position { line: 3, of: 10 });
        assert!(!again.is_read(Path::new("/lib/tin-\u{fffd}.txt")));
    }
}
