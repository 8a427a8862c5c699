//! The library folder's tree (names, kinds, sizes, times, modes, link targets) without following
//! links or opening files: newsdesk must leave it exactly as it found it.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: &'static str,
    pub size: u64,
    pub modified_ns: i128,
    pub changed_ns: i128,
    pub mode: u32,
    pub link: Option<PathBuf>,
}

pub type Tree = BTreeMap<PathBuf, Entry>;

pub fn snapshot(root: &Path) -> Tree {
    let mut tree = Tree::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = fs::read_dir(&dir).unwrap_or_else(|err| panic!("snapshot {}: {err}", dir.display()));
        for entry in entries {
            let path = entry.expect("directory entry").path();
            let meta = fs::symlink_metadata(&path).expect("metadata");
            let kind = match meta.file_type() {
                t if t.is_symlink() => "symlink",
                t if t.is_dir() => "dir",
                t if t.is_file() => "file",
                _ => "special",
            };
            if kind == "dir" {
                pending.push(path.clone());
            }
            let link = (kind == "symlink").then(|| fs::read_link(&path).expect("link target"));
            let nanos = |secs: i64, ns: i64| i128::from(secs) * 1_000_000_000 + i128::from(ns);
            let entry = Entry {
                kind,
                size: meta.size(),
                modified_ns: nanos(meta.mtime(), meta.mtime_nsec()),
                changed_ns: nanos(meta.ctime(), meta.ctime_nsec()),
                mode: meta.mode(),
                link,
            };
            tree.insert(path.strip_prefix(root).expect("inside the root").to_path_buf(), entry);
        }
    }
    tree
}

/// Panics listing every entry that appeared, vanished or changed (entries under `except` aside).
pub fn assert_unchanged(root: &Path, before: &Tree, except: &[&Path], what: &str) {
    let after = snapshot(root);
    let kept = |path: &&PathBuf| !except.iter().any(|skip| path.starts_with(skip));
    let mut differences = Vec::new();
    for path in before.keys().chain(after.keys()).filter(kept) {
        match (before.get(path), after.get(path)) {
            (Some(old), Some(new)) if old != new => {
                differences.push(format!("changed {path:?}: {old:?} → {new:?}"))
            }
            (Some(_), None) => differences.push(format!("removed {path:?}")),
            (None, Some(_)) => differences.push(format!("added {path:?}")),
            _ => {}
        }
    }
    differences.dedup();
    assert!(differences.is_empty(), "{what} touched the library:\n{}", differences.join("\n"));
}

/// Runs `f`, then asserts the library is as it was before.
pub fn untouched<T>(root: &Path, what: &str, f: impl FnOnce() -> T) -> T {
    let before = snapshot(root);
    let result = f();
    assert_unchanged(root, &before, &[], what);
    result
}
