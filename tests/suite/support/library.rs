//! Fixture libraries for the index tests: small articles written to a temporary folder.

use std::fs;
use std::path::{Path, PathBuf};

use newsdesk::index::{Index, RefreshSummary};
use serde_json::{json, Value};

pub struct Library {
    pub root: tempfile::TempDir,
    pub cache: tempfile::TempDir,
}

impl Library {
    pub fn new() -> Library {
        Library { root: tempfile::tempdir().unwrap(), cache: tempfile::tempdir().unwrap() }
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    pub fn index_dir(&self) -> PathBuf {
        self.cache.path().join("index")
    }

    /// Writes a newsdesk JSON article; `extra` adds or overrides fields.
    pub fn json(&self, relative: &str, title: &str, body: &str, extra: Value) -> PathBuf {
        let mut article = json!({ "title": title, "body": body });
        if let (Some(target), Value::Object(fields)) = (article.as_object_mut(), extra) {
            target.extend(fields);
        }
        self.write(relative, &serde_json::to_string_pretty(&article).unwrap())
    }

    pub fn write(&self, relative: &str, text: &str) -> PathBuf {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    pub fn open(&self) -> (Index, Vec<String>) {
        Index::open(self.root.path(), &self.index_dir()).unwrap()
    }

    /// Opens and refreshes: the index as a command would see it.
    pub fn indexed(&self) -> Index {
        let (index, _) = self.open();
        index.refresh(false, &mut |_| {}).unwrap();
        index
    }
}

pub fn refresh(index: &Index) -> RefreshSummary {
    index.refresh(false, &mut |_| {}).unwrap()
}

/// File names of the hits for `query`, best first.
pub fn hit_names(index: &Index, query: &str) -> Vec<String> {
    let results = index.search(query, 50).unwrap_or_else(|err| panic!("{query:?}: {err}"));
    results.hits.iter().map(|hit| file_name(&hit.article.path)).collect()
}

pub fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

pub fn sorted(mut names: Vec<String>) -> Vec<String> {
    names.sort();
    names
}

/// What the binary prints as JSON for `args`, run on `library`.
pub fn json_of(library: &Library, args: &[&str]) -> serde_json::Value {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(args)
        .env("NEWSDESK_LIBRARY", library.root.path())
        .env("NEWSDESK_CACHE_DIR", library.cache.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).unwrap()
}
