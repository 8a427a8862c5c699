//! What the reader remembers between runs: which articles were read, and where each was left.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadState {
    /// Article path → the first line shown when it was left (0 = read from the top).
    #[serde(default)]
    pub articles: BTreeMap<String, usize>,
}

fn key(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl ReadState {
    pub fn is_read(&self, path: &Path) -> bool {
        self.articles.contains_key(&key(path))
    }

    pub fn position(&self, path: &Path) -> usize {
        self.articles.get(&key(path)).copied().unwrap_or(0)
    }

    /// Marks the article read at `line`; true when that changed anything.
    pub fn remember(&mut self, path: &Path, line: usize) -> bool {
        self.articles.insert(key(path), line) != Some(line)
    }
}
