//! A read-it-later export unpacked into a folder: Omnivore's `metadata_*.json` beside
//! `content/` and `highlights/`, Pocket's `part_*.csv` beside `annotations/`. Recognised by
//! its files as the same export in a zip is ([`exports::recognise`]), and read the same way,
//! as one container whose members are named as the zip's entries would be. Only the export's
//! own files are its parts (its lists, and the files of its folders one level down): anything
//! else in the folder stays the library's. Links and other non-regular files are left out,
//! and what reading costs is bounded as a zip's is: files listed, bytes of each, bytes in all.

use std::collections::HashSet;
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::{read_export, ContainerReport, Limits, Stopped};
use crate::article::Article;
use crate::parse::exports::{self, Archive, Files};
use crate::parse::{read::read_part, ParseContext, SkipReason};

/// One of the export's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Its path inside the export's folder, `/` between names (as a zip names its entries).
    pub name: String,
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub modified_ns: i64,
}

/// What an export folder holds, listed without reading a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFolder {
    pub archive: Archive,
    /// Sorted by name.
    pub parts: Vec<Part>,
    /// The export's folders that are there (`content`, …), with their modification times.
    pub folders: Vec<(String, i64)>,
    /// More files than [`Limits::entries`]: the rest are left.
    pub truncated: Option<Stopped>,
}

impl ExportFolder {
    /// The export in the folder at `dir`, if its files make one; at most `max_parts` listed.
    pub fn open(dir: &Path, max_parts: usize) -> Option<ExportFolder> {
        let top = regular_files(dir, max_parts);
        let archive =
            exports::recognise(&top.files.iter().map(|part| part.name.clone()).collect::<Vec<_>>())?;
        let mut parts: Vec<Part> = top.files.into_iter().filter(|part| archive.is_list(&part.name)).collect();
        let mut full = top.truncated.is_some();
        let mut folders = Vec::new();
        for &folder in archive.folders() {
            let Some(modified) = top.folders.iter().find(|(name, _)| name == folder).map(|(_, at)| *at)
            else {
                continue;
            };
            folders.push((folder.to_string(), modified));
            let inner = regular_files(&dir.join(folder), max_parts.saturating_sub(parts.len()));
            full |= inner.truncated.is_some();
            parts.extend(
                inner.files.into_iter().map(|part| Part { name: format!("{folder}/{}", part.name), ..part }),
            );
        }
        parts.sort_by(|a, b| a.name.cmp(&b.name));
        let truncated = full.then_some(Stopped::TooManyEntries(max_parts));
        Some(ExportFolder { archive, parts, folders, truncated })
    }

    /// The bytes of all its files, and a fingerprint of each one's name, size and time (and
    /// of its folders' times): any file changed, added or removed changes it.
    pub fn stamp(&self) -> (u64, i64) {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for part in &self.parts {
            hasher.update(part.name.as_bytes());
            hasher.update(&[0]);
            hasher.update(&part.size.to_le_bytes());
            hasher.update(&part.modified_ns.to_le_bytes());
        }
        for (name, modified) in &self.folders {
            hasher.update(name.as_bytes());
            hasher.update(&modified.to_le_bytes());
        }
        (self.parts.iter().map(|part| part.size).sum(), hasher.digest() as i64)
    }
}

/// The export the folder at `dir` holds, by the names of its files alone (no file is read or
/// stat-ed): what tells whether a path inside it is one of its parts ([`Archive::claims`]).
pub fn export_in(dir: &Path) -> Option<Archive> {
    let entries = fs::read_dir(dir).ok()?;
    let names: Vec<String> = entries
        .flatten()
        .take(Limits::default().entries)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter_map(|entry| entry.file_name().into_string().ok())
        .collect();
    exports::recognise(&names)
}

/// A folder's regular files (not hidden, names that are text) and its folders, one level.
struct Listing {
    files: Vec<Part>,
    folders: Vec<(String, i64)>,
    truncated: Option<Stopped>,
}

fn regular_files(dir: &Path, max: usize) -> Listing {
    let mut listing = Listing { files: Vec::new(), folders: Vec::new(), truncated: None };
    let Ok(entries) = fs::read_dir(dir) else { return listing };
    for entry in entries.flatten() {
        let Ok(name) = entry.file_name().into_string() else { continue };
        // The type of the entry itself: a link is neither a file nor a folder here.
        let Ok(kind) = entry.file_type() else { continue };
        if name.starts_with('.') || !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        let Ok(meta) = entry.metadata() else { continue };
        let modified_ns = meta.mtime() * 1_000_000_000 + meta.mtime_nsec();
        if kind.is_dir() {
            listing.folders.push((name, modified_ns));
        } else if listing.files.len() >= max {
            listing.truncated = Some(Stopped::TooManyEntries(max));
            break;
        } else {
            listing.files.push(Part { name, size: meta.len(), modified_ns });
        }
    }
    listing
}

/// The articles of the export folder at `dir`, streamed to `visit`.
pub fn read(
    dir: &Path,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    let not_an_export = || SkipReason::Invalid(crate::strings::text().not_an_export.into());
    let folder = ExportFolder::open(dir, limits.entries).ok_or_else(not_an_export)?;
    let names: Vec<String> = folder.parts.iter().map(|part| part.name.clone()).collect();
    let listed: HashSet<String> = names.iter().cloned().collect();
    let mut files = FolderFiles { dir, names, listed, limits, read: 0, stopped: None };
    let mut report = ContainerReport { records: files.names.len(), ..ContainerReport::default() };
    let over = read_export(folder.archive, &mut files, dir, "", context, limits, &mut report, visit);
    report.decompressed = files.read;
    report.stopped = files.stopped.or(over).or(folder.truncated);
    Ok(report)
}

/// An export folder's files as the export reads them: only those listed (a name an export's
/// list makes up, `../` or not, is never opened), each within [`Limits::member_bytes`], all
/// within [`Limits::total_bytes`].
struct FolderFiles<'a> {
    dir: &'a Path,
    names: Vec<String>,
    listed: HashSet<String>,
    limits: Limits,
    read: u64,
    stopped: Option<Stopped>,
}

impl Files for FolderFiles<'_> {
    fn names(&self) -> &[String] {
        &self.names
    }

    fn read(&mut self, name: &str) -> Option<Vec<u8>> {
        if self.stopped.is_some() || !self.listed.contains(name) {
            return None;
        }
        let bytes = read_part(&self.dir.join(name), self.limits.member_bytes).ok()?;
        self.read += bytes.len() as u64;
        if self.read > self.limits.total_bytes {
            self.stopped = Some(Stopped::TooManyBytes(self.limits.total_bytes));
            return None;
        }
        Some(bytes)
    }
}
