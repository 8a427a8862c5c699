//! Walks a library folder: the article files in it, and the files it cannot use with why.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::parse::{classify, SkipReason};

/// One candidate article file as found on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub modified_ns: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<FileEntry>,
    pub skipped: Vec<Skipped>,
}

/// Lists the library recursively, sorted by path. Hidden entries are ignored; symlinks are
/// followed, but a directory is entered once (no loops); nothing but regular files is opened.
pub fn scan_library(root: &Path) -> std::io::Result<Scan> {
    let metadata = fs::metadata(root)?;
    if !metadata.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is not a folder", root.display()),
        ));
    }
    let mut scan = Scan::default();
    let mut visited = HashSet::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        if let Ok(canonical) = dir.canonicalize() {
            if !visited.insert(canonical) {
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) => {
                scan.skipped.push(Skipped { path: dir, reason: SkipReason::Unreadable(err.to_string()) });
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            match fs::metadata(&path) {
                Err(err) => {
                    scan.skipped.push(Skipped { path, reason: SkipReason::Unreadable(err.to_string()) })
                }
                Ok(meta) if meta.is_dir() => pending.push(path),
                Ok(meta) => match classify(&path, &meta) {
                    Ok(()) => {
                        scan.files.push(FileEntry { size: meta.len(), modified_ns: modified_ns(&meta), path })
                    }
                    Err(reason) => scan.skipped.push(Skipped { path, reason }),
                },
            }
        }
    }
    scan.files.sort_by(|a, b| a.path.cmp(&b.path));
    scan.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(scan)
}

pub fn modified_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map(|since| since.as_nanos() as i64)
        .unwrap_or(0)
}
