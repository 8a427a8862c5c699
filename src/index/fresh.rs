//! Whether the index is current, decided without reading the library or the index:
//! - the library: the modification time of every folder seen at the last refresh (a file
//!   added, removed or renamed changes its folder's time), stat-ed folder by folder, never
//!   file by file. A file edited in place keeps its folder's time: the full check (`--refresh`,
//!   the reader's background refresh, the watch) catches that.
//! - the index's own files: their size, times and inode when they were last verified against
//!   their checksums (or written by a clean refresh). Any difference, a refresh that did not end
//!   cleanly (the marker below is left behind), or an I/O error means verifying again.

use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::document::{decode_skip, encode_skip, relative_key};
use crate::scan::{LinkPolicy, Scan, Skipped};

/// The library as the last refresh saw it.
pub const SEEN_FILE: &str = "newsdesk-seen.json";
/// The index's files as they were when last known intact.
pub const VERIFIED_FILE: &str = "newsdesk-verified.json";
/// Present while a refresh runs (it holds a lock on it); left behind by one that did not end cleanly.
pub const REFRESHING_FILE: &str = "newsdesk-refreshing";
/// A folder whose time is this close to the scan may change again within the file system's
/// clock tick without its time changing: it is recorded as unknown, so it is looked at again
/// (so is a folder holding a file that recent: see [`crate::scan::Scan::folders`]).
use crate::scan::RACY_NS;

/// What the last refresh saw of the library.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Seen {
    library: String,
    follow_links: bool,
    /// Folder key ("" for the library itself) and its modification time (0: unknown).
    folders: Vec<(String, i64)>,
    /// Files the walk itself passed over (key, encoded reason): `list` prints them.
    skipped: Vec<(String, String)>,
}

/// What the cheap check found.
#[derive(Debug, PartialEq, Eq)]
pub enum Changes {
    None,
    /// These folders changed (or are gone): each is looked at again, recursively.
    Folders(Vec<PathBuf>),
    /// No usable record: everything is looked at.
    Unknown,
}

fn now_ns() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |since| since.as_nanos() as i64)
}

fn identity(library: &Path, links: LinkPolicy) -> (String, bool) {
    (library.to_string_lossy().into_owned(), links == LinkPolicy::Follow)
}

impl Seen {
    pub fn load(dir: &Path) -> Option<Seen> {
        serde_json::from_slice(&fs::read(dir.join(SEEN_FILE)).ok()?).ok()
    }

    /// The record of a scan that started at `started_ns`: of the whole library (`within` empty)
    /// or merged into `previous` for the parts at `within`.
    pub fn of_scan(
        library: &Path,
        links: LinkPolicy,
        scan: &Scan,
        within: &[PathBuf],
        previous: Option<Seen>,
        started_ns: i64,
    ) -> Seen {
        let (name, follow_links) = identity(library, links);
        let key = |path: &Path| relative_key(path.strip_prefix(library).unwrap_or(path));
        let mut seen = match previous {
            Some(previous) if !within.is_empty() => {
                let scopes: Vec<String> = within.iter().map(|path| key(path)).collect();
                let outside = |entry: &String| !scopes.iter().any(|scope| is_under(entry, scope));
                Seen {
                    folders: previous.folders.into_iter().filter(|(folder, _)| outside(folder)).collect(),
                    skipped: previous.skipped.into_iter().filter(|(file, _)| outside(file)).collect(),
                    ..previous
                }
            }
            _ => Seen::default(),
        };
        seen.library = name;
        seen.follow_links = follow_links;
        for (folder, modified) in &scan.folders {
            let settled = *modified > 0 && *modified < started_ns - RACY_NS;
            seen.folders.push((key(folder), if settled { *modified } else { 0 }));
        }
        seen.skipped.extend(scan.skipped.iter().map(|s| (key(&s.path), encode_skip(&s.reason))));
        seen.folders.sort();
        seen.folders.dedup();
        seen.skipped.sort();
        seen
    }

    /// Saves the record; when that fails (a full disk), removes the old one, so the next
    /// query looks at the whole library rather than trust it.
    pub fn save(&self, dir: &Path) {
        let json = serde_json::to_vec(self).map_err(io::Error::other);
        keep_or_forget(dir, SEEN_FILE, json.and_then(|json| write_atomically(dir, SEEN_FILE, &json)));
    }

    /// The folders that changed since this record: one `stat` per folder.
    pub fn changes(&self, library: &Path, links: LinkPolicy) -> Changes {
        if identity(library, links) != (self.library.clone(), self.follow_links) || self.folders.is_empty() {
            return Changes::Unknown;
        }
        let mut changed: Vec<PathBuf> = Vec::new();
        for (key, recorded) in &self.folders {
            // A folder under one already changed is looked at with it.
            if changed.last().is_some_and(|last| is_under(key, &relative_key(last))) {
                continue;
            }
            let path = if key.is_empty() { PathBuf::new() } else { super::document::key_path(key) };
            let modified =
                fs::metadata(library.join(&path)).map_or(-1, |meta| crate::scan::modified_ns(&meta));
            if *recorded == 0 || modified != *recorded {
                changed.push(path);
            }
        }
        match changed.as_slice() {
            [] => Changes::None,
            [root] if root.as_os_str().is_empty() => Changes::Unknown,
            _ => Changes::Folders(changed.into_iter().map(|path| library.join(path)).collect()),
        }
    }

    /// The files the walk passed over, with why.
    pub fn skipped(&self, library: &Path) -> Vec<Skipped> {
        let path = |key: &str| library.join(super::document::key_path(key));
        self.skipped
            .iter()
            .map(|(key, reason)| Skipped { path: path(key), reason: decode_skip(reason) })
            .collect()
    }
}

/// Whether `key` is `scope` or inside it ("" is the whole library).
pub fn is_under(key: &str, scope: &str) -> bool {
    scope.is_empty() || key == scope || key.strip_prefix(scope).is_some_and(|rest| rest.starts_with('/'))
}

pub fn started_ns() -> i64 {
    now_ns()
}

/// One file of the index as the file system describes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileState {
    name: String,
    len: u64,
    modified_ns: i64,
    changed_ns: i64,
    inode: u64,
}

fn file_state(dir: &Path, name: &str) -> Option<FileState> {
    let meta = fs::metadata(dir.join(name)).ok()?;
    let changed_ns = meta.ctime() * 1_000_000_000 + meta.ctime_nsec();
    let modified_ns = meta.mtime() * 1_000_000_000 + meta.mtime_nsec();
    Some(FileState { name: name.to_string(), len: meta.len(), modified_ns, changed_ns, inode: meta.ino() })
}

/// The states of `files` (names inside `dir`); a missing one is left out.
fn states(dir: &Path, files: &[String]) -> Vec<FileState> {
    files.iter().filter_map(|name| file_state(dir, name)).collect()
}

/// Whether the index's files are as they were when last known intact (`files`: their names now).
pub fn still_verified(dir: &Path, files: &[String]) -> bool {
    let Ok(bytes) = fs::read(dir.join(VERIFIED_FILE)) else { return false };
    let Ok(recorded) = serde_json::from_slice::<Vec<FileState>>(&bytes) else { return false };
    let mut now = states(dir, files);
    now.sort_by(|a, b| a.name.cmp(&b.name));
    let mut recorded = recorded;
    recorded.sort_by(|a, b| a.name.cmp(&b.name));
    // tantivy names files a segment may not have (`.del`): those present are compared, and a
    // file gone since the record is a difference.
    now == recorded
}

/// Records `files` (names inside `dir`) as intact now; when that fails, forgets instead.
pub fn record_verified(dir: &Path, files: &[String]) {
    let json = serde_json::to_vec(&states(dir, files)).map_err(io::Error::other);
    keep_or_forget(dir, VERIFIED_FILE, json.and_then(|json| write_atomically(dir, VERIFIED_FILE, &json)));
}

/// Forgets that the index was verified: the next refresh verifies it.
pub fn forget_verified(dir: &Path) {
    let _ = fs::remove_file(dir.join(VERIFIED_FILE));
}

/// The records only spare work: one that cannot be written is removed, never left stale.
fn keep_or_forget(dir: &Path, name: &str, written: io::Result<()>) {
    if written.is_err() {
        let _ = fs::remove_file(dir.join(name));
    }
}

fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    // A name of the shape ownership accepts as tantivy's and newsdesk's temporary files.
    let temporary = dir.join(format!(".tmpnewsdesk{}{}", name.replace(['-', '.'], ""), std::process::id()));
    let written = fs::write(&temporary, bytes).and_then(|()| fs::rename(&temporary, dir.join(name)));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// The marker of a refresh in progress: created and locked when one starts, removed when it
/// ends cleanly. Dropped without [`Marker::finish`] (an error), it stays, unlocked, so the next
/// refresh verifies the index.
pub struct Marker {
    path: PathBuf,
    _file: fs::File,
}

impl Marker {
    /// `None` when another process holds it (that one is refreshing) or it cannot be made.
    pub fn start(dir: &Path) -> Option<Marker> {
        let path = dir.join(REFRESHING_FILE);
        let file = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).ok()?;
        rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).ok()?;
        Some(Marker { path, _file: file })
    }

    pub fn finish(self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// Whether a refresh ended without finishing (its marker is there and nobody holds it).
pub fn unclean(dir: &Path) -> bool {
    let Ok(file) = fs::OpenOptions::new().write(true).open(dir.join(REFRESHING_FILE)) else { return false };
    rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_under_their_scope_by_whole_names() {
        assert!(is_under("a/b", "a"));
        assert!(is_under("a", "a"));
        assert!(is_under("a", ""));
        assert!(!is_under("ab", "a"));
        assert!(!is_under("b/a", "a"));
    }

    #[test]
    fn a_marker_left_behind_is_unclean_and_one_held_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!unclean(dir.path()));
        let marker = Marker::start(dir.path()).unwrap();
        assert!(!unclean(dir.path()), "a refresh running is not an unclean end");
        assert!(Marker::start(dir.path()).is_none(), "one refresh holds it");
        drop(marker);
        assert!(unclean(dir.path()));
        Marker::start(dir.path()).unwrap().finish();
        assert!(!unclean(dir.path()));
    }

    #[test]
    fn any_change_to_an_index_file_means_verifying_again() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec!["a.idx".to_string(), "b.store".to_string()];
        for name in &files {
            fs::write(dir.path().join(name), "intact").unwrap();
        }
        assert!(!still_verified(dir.path(), &files), "never verified");
        record_verified(dir.path(), &files);
        assert!(still_verified(dir.path(), &files));
        // Same size, same content length: the inode and change time still tell.
        fs::write(dir.path().join("b.store"), "intacT").unwrap();
        assert!(!still_verified(dir.path(), &files));
        record_verified(dir.path(), &files);
        fs::remove_file(dir.path().join("a.idx")).unwrap();
        assert!(!still_verified(dir.path(), &files), "a missing file");
    }
}
