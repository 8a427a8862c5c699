//! What the reader remembers between runs: which articles were read, and where each was left.

use std::collections::BTreeMap;
use std::path::Path;

use crate::article::Address;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadState {
    /// Article address (its path, or its path, NUL and its member) → where it was left (line 0: read from the top), and when.
    #[serde(default)]
    pub articles: BTreeMap<String, Mark>,
}

/// Where an article was left: the first line shown, of how many lines its layout had. The
/// layout depends on the pane's width, so an article reopened at another width scales the line
/// (as a resize does): it shows about the same text, not the same line number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    /// Lines in the layout `line` counts in; 0 when unknown.
    pub of: usize,
}

/// An article's read mark: its position and when it was recorded, so two readers' saves keep
/// the newer position of each article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Mark {
    #[serde(flatten)]
    pub position: Position,
    /// Milliseconds since the Unix epoch; 0 in files from before marks had a time.
    pub at: u64,
}

/// A mark as the state file holds it: state files from before positions scaled hold a bare
/// line number, and those from before marks had a time hold no `at`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Stored {
    Scaled {
        line: usize,
        of: usize,
        #[serde(default)]
        at: u64,
    },
    Line(usize),
}

impl From<Stored> for Mark {
    fn from(stored: Stored) -> Mark {
        match stored {
            Stored::Scaled { line, of, at } => Mark { position: Position { line, of }, at },
            Stored::Line(line) => Mark { position: Position { line, of: 0 }, at: 0 },
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

/// Starts the key of a path that is not UTF-8, and parts a member from its file's path (no
/// path holds a NUL).
const NOT_UTF8: char = '\0';
const MEMBER: char = '\0';

/// The state file's key of `path`: the path itself when it is UTF-8 (as state files have always
/// held it), else NUL and the hex of its bytes, so two names that differ only in bytes that are
/// not UTF-8 keep separate marks (a lossy key would merge them).
fn path_key(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    match path.to_str() {
        Some(text) => text.to_string(),
        None => {
            let hex: String = path.as_os_str().as_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
            format!("{NOT_UTF8}{hex}")
        }
    }
}

/// The state file's key of an address: its path's key (so files from before members keep their
/// marks), then for a member of a file of many a NUL and the member, so each keeps its own.
fn key(address: &Address) -> String {
    let path = path_key(&address.path);
    match &address.member {
        Some(member) => format!("{path}{MEMBER}{member}"),
        None => path,
    }
}

fn now_millis() -> u64 {
    let since_epoch = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    u64::try_from(since_epoch.as_millis()).unwrap_or(u64::MAX)
}

impl ReadState {
    /// `address`: an [`Address`], or the path of a file of one article.
    pub fn is_read(&self, address: impl Into<Address>) -> bool {
        self.articles.contains_key(&key(&address.into()))
    }

    pub fn position(&self, address: impl Into<Address>) -> Position {
        self.articles.get(&key(&address.into())).map(|mark| mark.position).unwrap_or_default()
    }

    /// Marks the article read at `position`, now; true when that changed anything.
    pub fn remember(&mut self, address: impl Into<Address>, position: Position) -> bool {
        let key = key(&address.into());
        let before = self.articles.get(&key).copied();
        if before.is_some_and(|mark| mark.position == position) {
            return false;
        }
        // Later than the mark it replaces, even if the clock went back.
        let at = now_millis().max(before.map_or(0, |mark| mark.at.saturating_add(1)));
        self.articles.insert(key, Mark { position, at });
        true
    }

    /// Takes in `newer`'s marks: every article read in either stays read, and each keeps the
    /// position recorded last (on a tie, `newer`'s).
    pub fn merge(&mut self, newer: &ReadState) {
        for (key, mark) in &newer.articles {
            match self.articles.get_mut(key) {
                Some(kept) if kept.at > mark.at => {}
                Some(kept) => *kept = *mark,
                None => {
                    self.articles.insert(key.clone(), *mark);
                }
            }
        }
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
        let old: ReadState =
            serde_json::from_str(r#"{"articles":{"/lib/a.txt":12,"/lib/b.txt":{"line":3,"of":9}}}"#).unwrap();
        assert_eq!(old.position(Path::new("/lib/a.txt")), Position { line: 12, of: 0 });
        assert_eq!(old.position(Path::new("/lib/a.txt")).line_in(300), 12);
        assert_eq!(old.articles["/lib/b.txt"], Mark { position: Position { line: 3, of: 9 }, at: 0 });
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

    #[test]
    fn each_member_of_a_file_keeps_its_own_mark_and_old_path_keys_still_read() {
        let crawl = Path::new("/lib/crawl.warc.gz");
        let (first, second) =
            (Address::member(crawl, "<urn:uuid:1>"), Address::member(crawl, "<urn:uuid:2>"));
        let old: ReadState =
            serde_json::from_str(r#"{"articles":{"/lib/a.txt":{"line":4,"of":9}}}"#).unwrap();
        let mut state = old.clone();
        assert_eq!(state.position(Address::file("/lib/a.txt")), Position { line: 4, of: 9 });
        state.remember(&first, Position { line: 5, of: 20 });
        assert!(state.is_read(&first));
        assert!(!state.is_read(&second), "a mark on one member marks no other");
        assert!(!state.is_read(crawl), "nor the file itself");
        let again: ReadState = serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(again.position(&first), Position { line: 5, of: 20 });
        assert!(again.is_read(Path::new("/lib/a.txt")));
    }

    #[test]
    fn remembering_stamps_the_mark_only_when_it_changes() {
        let (path, mut state) = (Path::new("/lib/a.txt"), ReadState::default());
        assert!(state.remember(path, Position { line: 1, of: 10 }));
        let first = state.articles["/lib/a.txt"];
        assert!(first.at > 0);
        assert!(!state.remember(path, Position { line: 1, of: 10 }), "the same place: no change");
        assert_eq!(state.articles["/lib/a.txt"], first);
        state.articles.get_mut("/lib/a.txt").unwrap().at = u64::MAX - 1;
        assert!(state.remember(path, Position { line: 2, of: 10 }));
        assert_eq!(state.articles["/lib/a.txt"].at, u64::MAX, "later than before, whatever the clock");
    }

    #[test]
    fn merging_keeps_every_read_mark_and_the_newer_position() {
        let mark = |line, at| Mark { position: Position { line, of: 100 }, at };
        let state = |marks: &[(&str, Mark)]| ReadState {
            articles: marks.iter().map(|(key, mark)| (key.to_string(), *mark)).collect(),
        };
        let mut disk = state(&[("a", mark(1, 10)), ("b", mark(2, 30)), ("c", mark(3, 5))]);
        let memory =
            state(&[("b", mark(20, 20)), ("c", mark(30, 50)), ("d", mark(4, 1)), ("a", mark(1, 10))]);
        disk.merge(&memory);
        let expected =
            state(&[("a", mark(1, 10)), ("b", mark(2, 30)), ("c", mark(30, 50)), ("d", mark(4, 1))]);
        assert_eq!(disk, expected);
    }
}
