//! Walks a library folder: the article files in it, and the files it cannot use with why. Keeps
//! to the library: a symbolic link whose target is outside it is not followed (unless asked),
//! a folder on another file system is not entered, and every file is read through the same
//! check (see [`Library::read_file`]).

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::article::Article;
use crate::parse::exports::Archive;
use crate::parse::{self, classify, LastLink, SkipReason};
use crate::shown::shown_path;

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
    /// Every folder listed, with its modification time (ns since the epoch, 0 when unknown, or
    /// when a file in it was written within [`RACY_NS`] of the walk): what the index records to
    /// tell cheaply whether the library changed.
    pub folders: Vec<(PathBuf, i64)>,
}

/// Times this close to a walk may change again within the file system's clock tick.
pub const RACY_NS: i64 = 2_000_000_000;

/// What a path named by itself turned out to be.
enum Named {
    Folder((PathBuf, i64)),
    File(FileEntry),
    Neither,
}

/// Which symbolic links the library may follow (`--follow-links`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LinkPolicy {
    /// Links whose target is inside the library (as ripgrep does by default).
    #[default]
    StayInside,
    /// Any link; the walk still never enters another file system.
    Follow,
}

impl LinkPolicy {
    /// The policy `--follow-links` asks for.
    pub fn following(follow_links: bool) -> LinkPolicy {
        if follow_links {
            LinkPolicy::Follow
        } else {
            LinkPolicy::StayInside
        }
    }
}

/// The library folder, resolved once: what the walk and every read of an article file check.
#[derive(Debug, Clone)]
pub struct Library {
    /// As given: the files found are paths under it.
    root: PathBuf,
    /// With every link resolved: what "inside the library" means.
    real: PathBuf,
    device: u64,
    links: LinkPolicy,
}

impl Library {
    pub fn open(root: &Path, links: LinkPolicy) -> io::Result<Library> {
        let metadata = fs::metadata(root)?;
        if !metadata.is_dir() {
            let why = crate::strings::fill(
                crate::strings::text().library_is_not_folder,
                &[("path", &shown_path(root))],
            );
            return Err(io::Error::new(io::ErrorKind::NotADirectory, why));
        }
        Ok(Library { root: root.to_path_buf(), real: root.canonicalize()?, device: metadata.dev(), links })
    }

    /// Lists the library recursively, sorted by path. Hidden entries are ignored; a folder is
    /// entered once (no loops); nothing but regular files is opened.
    pub fn scan(&self) -> Scan {
        self.scan_within(&[])
    }

    /// [`Library::scan`] of the parts of the library at `within` (folders, walked
    /// recursively, and files); the whole library when `within` is empty. A path that is gone
    /// or outside the library is left out.
    pub fn scan_within(&self, within: &[PathBuf]) -> Scan {
        let mut files = Vec::new();
        let mut scan = self.walk_within(within, &mut |file| {
            files.push(file);
            true
        });
        files.sort_by(|a, b| a.path.cmp(&b.path));
        scan.files = files;
        scan
    }

    /// [`Library::scan_within`] without the list of files: each article file goes to `visit`
    /// as it is found (a folder's files in name order, the folders in no set order), so what
    /// the walk holds is its folders and the files it passed over, whatever the library's
    /// size. `visit` returns false to stop the walk.
    pub fn walk_within(&self, within: &[PathBuf], visit: &mut dyn FnMut(FileEntry) -> bool) -> Scan {
        let mut scan = Scan::default();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        let racy_after = now.map_or(0, |since| since.as_nanos() as i64) - RACY_NS;
        let mut visited = HashSet::new();
        let mut pending = Vec::new();
        let mut going = true;
        if within.is_empty() {
            pending.push((self.root.clone(), fs::metadata(&self.root).map_or(0, |meta| modified_ns(&meta))));
        }
        let mut exports = HashMap::new();
        for path in within.iter().filter(|path| path.starts_with(&self.root)) {
            if !going {
                break;
            }
            // A part of an export folder stands for the whole export.
            let path = self.export_around(path, &mut exports).unwrap_or_else(|| path.clone());
            match self.take_named(path, &mut scan) {
                Named::Folder(folder) => pending.push(folder),
                Named::File(file) => going = visit(file),
                Named::Neither => {}
            }
        }
        while let Some((dir, modified)) = pending.pop().filter(|_| going) {
            if let Ok(canonical) = dir.canonicalize() {
                // Checked again here: a folder may have been swapped for a link since it was seen.
                if self.links == LinkPolicy::StayInside && !canonical.starts_with(&self.real) {
                    let reason = SkipReason::LeavesLibrary(shown_path(&canonical));
                    scan.skipped.push(Skipped { path: dir, reason });
                    continue;
                }
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
            let mut entries: Vec<fs::DirEntry> = entries.flatten().collect();
            // In name order: the index's manifest is sorted so, and is then read as a stream.
            entries.sort_by_cached_key(fs::DirEntry::file_name);
            let export = self.take_export(&dir, &entries, &mut scan).map(|(export, file)| {
                going = visit(file);
                export
            });
            scan.folders.push((dir, modified));
            let this_folder = scan.folders.len() - 1;
            if !going {
                break;
            }
            for entry in entries {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') || export.is_some_and(|export| export.claims(&name)) {
                    continue;
                }
                let path = entry.path();
                match self.entry_metadata(&entry) {
                    Err(reason) => scan.skipped.push(Skipped { path, reason }),
                    Ok(meta) if meta.is_dir() && meta.dev() != self.device => {
                        scan.skipped.push(Skipped { path, reason: SkipReason::OtherFileSystem })
                    }
                    Ok(meta) if meta.is_dir() => pending.push((path, modified_ns(&meta))),
                    Ok(meta) => {
                        // A file being written now may be written again in place, which leaves
                        // its folder's time as it is: the folder's time is no record of it.
                        if modified_ns(&meta) >= racy_after {
                            scan.folders[this_folder].1 = 0;
                        }
                        if let Some(file) = Self::take(path, &meta, &mut scan) {
                            going = visit(file);
                            if !going {
                                break;
                            }
                        }
                    }
                }
            }
        }
        scan.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        scan
    }

    /// When the folder `dir` (listed as `entries`) holds a read-it-later export, takes it as
    /// one file of many articles (see [`parse::ExportFolder`]) with its own folders, and returns
    /// which export it is: its parts are not walked as files of their own. The library's own
    /// folder is walked as usual.
    fn take_export(
        &self,
        dir: &Path,
        entries: &[fs::DirEntry],
        scan: &mut Scan,
    ) -> Option<(Archive, FileEntry)> {
        if dir == self.root {
            return None;
        }
        let files: Vec<String> = entries
            .iter()
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect();
        parse::exports::recognise(&files)?;
        let export = parse::ExportFolder::open(dir, parse::Limits::default().entries)?;
        let (size, fingerprint) = export.stamp();
        for (folder, modified) in &export.folders {
            scan.folders.push((dir.join(folder), *modified));
        }
        Some((export.archive, FileEntry { path: dir.to_path_buf(), size, modified_ns: fingerprint }))
    }

    /// The export folder `path` is a part of (see [`Library::take_export`]): a change there is
    /// a change to the export, read again whole.
    fn export_around(&self, path: &Path, known: &mut HashMap<PathBuf, Option<Archive>>) -> Option<PathBuf> {
        let mut ancestor = path.parent()?;
        while ancestor != self.root && ancestor.starts_with(&self.root) {
            let export = *known.entry(ancestor.to_path_buf()).or_insert_with(|| parse::export_in(ancestor));
            let relative = path.strip_prefix(ancestor).ok()?.to_string_lossy().into_owned();
            if export.is_some_and(|export| export.claims(&relative)) {
                return Some(ancestor.to_path_buf());
            }
            ancestor = ancestor.parent()?;
        }
        None
    }

    /// A path named by itself (not found by listing its folder), checked as the walk checks
    /// it: a file is taken; a folder is returned, to be walked.
    fn take_named(&self, path: PathBuf, scan: &mut Scan) -> Named {
        let hidden = path.strip_prefix(&self.root).ok().is_some_and(|relative| {
            relative.components().any(|part| part.as_os_str().to_string_lossy().starts_with('.'))
        });
        if hidden {
            return Named::Neither;
        }
        let checked = match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                self.resolve(&path).and_then(|_| fs::metadata(&path).map_err(unreadable))
            }
            Ok(meta) => Ok(meta),
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Named::Neither,
            Err(err) => Err(unreadable(err)),
        };
        match checked {
            Ok(meta) if meta.is_dir() && meta.dev() != self.device => {
                scan.skipped.push(Skipped { path, reason: SkipReason::OtherFileSystem })
            }
            Ok(meta) if meta.is_dir() => return Named::Folder((path, modified_ns(&meta))),
            Ok(meta) => return Self::take(path, &meta, scan).map_or(Named::Neither, Named::File),
            Err(reason) => scan.skipped.push(Skipped { path, reason }),
        }
        Named::Neither
    }

    /// A file the walk found: an article file (returned), or a skipped one with why. A file its
    /// name does not admit (or admits at a smaller size) is still one when its first bytes
    /// show a WARC or an EPUB under another name.
    fn take(path: PathBuf, meta: &fs::Metadata, scan: &mut Scan) -> Option<FileEntry> {
        let reason = match classify(&path, meta) {
            Ok(()) => None,
            Err(reason @ (SkipReason::UnsupportedExtension(_) | SkipReason::TooLarge(_))) => {
                let container = matches!(parse::container_kind_at(&path, LastLink::Follow), Ok(Some(_)));
                (!container).then_some(reason)
            }
            Err(reason) => Some(reason),
        };
        match reason {
            None => Some(FileEntry { size: meta.len(), modified_ns: modified_ns(meta), path }),
            Some(reason) => {
                scan.skipped.push(Skipped { path, reason });
                None
            }
        }
    }

    /// What an entry is, following a link only where the policy allows.
    fn entry_metadata(&self, entry: &fs::DirEntry) -> Result<fs::Metadata, SkipReason> {
        if !entry.file_type().map_err(unreadable)?.is_symlink() {
            return entry.metadata().map_err(unreadable);
        }
        self.resolve(&entry.path())?;
        fs::metadata(entry.path()).map_err(unreadable)
    }

    /// `path` with every link resolved, refused when it leads out of the library and the
    /// policy keeps to it.
    fn resolve(&self, path: &Path) -> Result<PathBuf, SkipReason> {
        let real = path.canonicalize().map_err(|err| SkipReason::Unreadable(err.to_string()))?;
        if self.links == LinkPolicy::StayInside && !real.starts_with(&self.real) {
            return Err(SkipReason::LeavesLibrary(shown_path(&real)));
        }
        Ok(real)
    }

    /// The bytes of the article file at `path`, a file of this library: its links resolved
    /// and checked as the walk does, then opened without following a link, so one put there
    /// after the check is refused (see [`parse::read_regular_file`]).
    pub fn read_file(&self, path: &Path) -> Result<Vec<u8>, SkipReason> {
        parse::format_hint(path)?;
        parse::read_regular_file(&self.resolve(path)?, LastLink::Refuse)
    }

    /// [`Library::read_file`], parsed.
    pub fn read_article(&self, path: &Path) -> Result<Article, SkipReason> {
        self.read_article_in(path, parse::ParseContext::default())
    }

    /// The article at `path` (and `member`, in a file of many), read as [`Library::read_file`]
    /// reads a file.
    pub fn read_address(
        &self,
        path: &Path,
        member: Option<&str>,
        context: parse::ParseContext,
    ) -> Result<Article, SkipReason> {
        let Some(member) = member else { return self.read_article_in(path, context) };
        parse::read_address(&self.resolve(path)?, Some(member), LastLink::Refuse, context)
            .map(|article| Article { path: path.to_path_buf(), ..article })
    }

    /// The container the library's file at `path` is, by name or content (see
    /// [`parse::container_kind_at`]).
    pub fn container_kind(&self, path: &Path) -> Result<Option<parse::ContainerKind>, SkipReason> {
        parse::container_kind_at(&self.resolve(path)?, LastLink::Refuse)
    }

    /// Every article of the container at `path`, streamed to `visit` (see
    /// [`parse::read_members_at`]).
    pub fn read_members(
        &self,
        path: &Path,
        context: parse::ParseContext,
        visit: &mut dyn FnMut(Article) -> bool,
    ) -> Result<parse::ContainerReport, SkipReason> {
        let mut with_path = |article: Article| visit(Article { path: path.to_path_buf(), ..article });
        parse::read_members_at(
            &self.resolve(path)?,
            LastLink::Refuse,
            context,
            parse::Limits::default(),
            &mut with_path,
        )
    }

    /// [`Library::read_article`] with what the library taught (its furniture model).
    pub fn read_article_in(&self, path: &Path, context: parse::ParseContext) -> Result<Article, SkipReason> {
        let bytes = self.read_file(path)?;
        parse::parse_in(path, &bytes, context)
    }
}

/// [`Library::scan`] of `root`, keeping to it.
pub fn scan_library(root: &Path) -> io::Result<Scan> {
    Ok(Library::open(root, LinkPolicy::StayInside)?.scan())
}

fn unreadable(err: io::Error) -> SkipReason {
    SkipReason::Unreadable(err.to_string())
}

pub fn modified_ns(meta: &fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map(|since| since.as_nanos() as i64)
        .unwrap_or(0)
}
