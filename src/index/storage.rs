//! Where the index lives on disk: creating it, checking its stamp, opening it read-write or
//! read-only, and moving an outdated or corrupt one aside. Never deletes anything on a lock,
//! permission or disk error: those are reported. Never moves or deletes a folder it cannot
//! prove it made (see [`super::ownership`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::schema::Schema;
use tantivy::{IndexReader, ReloadPolicy, TantivyError};

use super::analysis;
use super::mapped::MappedDirectory;
use super::ownership::{self, PROBE_PREFIX, STAMP_FILE, TEMP_PREFIX};
use super::pairs::PairWords;
use super::read_only::ReadOnlyDirectory;
use super::schema::STAMP;
use super::types::IndexError;
use crate::shown::shown_path;
use crate::strings::{fill, text};

pub struct Opened {
    pub index: tantivy::Index,
    pub reader: IndexReader,
    /// The common words whose pairs the index holds (see [`super::pairs`]).
    pub pairs: Arc<PairWords>,
    /// Why the index cannot be written, when it cannot.
    pub read_only: Option<String>,
    pub notes: Vec<String>,
}

impl From<io::Error> for IndexError {
    fn from(err: io::Error) -> Self {
        IndexError::Io(err)
    }
}

/// What a tantivy error means for us: a lock or I/O problem is reported as such.
pub fn index_error(err: TantivyError) -> IndexError {
    match err {
        TantivyError::LockFailure(tantivy::directory::error::LockError::LockBusy, _) => IndexError::Busy,
        err if is_corruption(&err) => IndexError::Damaged(err.to_string()),
        TantivyError::IoError(io) => IndexError::Io(io::Error::new(io.kind(), io.to_string())),
        other => IndexError::Tantivy(other.to_string()),
    }
}

/// Damage the library can repair by rebuilding, as opposed to an environment problem.
fn is_corruption(err: &TantivyError) -> bool {
    use tantivy::directory::error::OpenReadError;
    let damaged_io =
        |kind: io::ErrorKind| matches!(kind, io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof);
    match err {
        TantivyError::DataCorruption(_)
        | TantivyError::IncompatibleIndex(_)
        | TantivyError::SchemaError(_)
        | TantivyError::DeserializeError(_)
        | TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_))
        | TantivyError::OpenReadError(OpenReadError::IncompatibleIndex(_)) => true,
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, .. }) => damaged_io(io_error.kind()),
        TantivyError::IoError(io_error) => damaged_io(io_error.kind()),
        _ => false,
    }
}

/// Whether we may create files in `dir` (a probe file, removed at once).
fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!("{PROBE_PREFIX}{}", std::process::id()));
    let created = fs::OpenOptions::new().write(true).create_new(true).open(&probe).is_ok();
    if created {
        let _ = fs::remove_file(&probe);
    }
    created
}

/// How a new index learns its common words (see [`super::pairs`]): from a sample of the library.
pub type Learn<'a> = &'a dyn Fn() -> PairWords;

pub fn open(dir: &Path, schema: &Schema, learn: Learn) -> Result<Opened, IndexError> {
    open_unexplained(dir, schema, learn).map_err(|err| super::permission::explained(err, dir))
}

fn open_unexplained(dir: &Path, schema: &Schema, learn: Learn) -> Result<Opened, IndexError> {
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            return Err(IndexError::Refused(fill(text().index_dir_is_file, &[("dir", &shown_path(dir))])))
        }
        Ok(_) => {}
        Err(err) if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
            fs::create_dir_all(dir).map_err(|err| {
                IndexError::Io(io::Error::new(
                    err.kind(),
                    fill(text().index_dir_cannot_create, &[("dir", &shown_path(dir)), ("why", &err)]),
                ))
            })?;
        }
        Err(err) => {
            let why = fill(text().index_dir_cannot_use, &[("dir", &shown_path(dir)), ("why", &err)]);
            return Err(IndexError::Io(io::Error::new(err.kind(), why)));
        }
    }
    let examined = crate::timeline::span("index: examine the folder", || ownership::examine(dir))?;
    // Nothing but another newsdesk's passing files (its probe) and no index: one being made.
    let being_made = examined.foreign.is_empty() && !dir.join("meta.json").exists();
    if !examined.empty && examined.stamp.is_none() && !being_made {
        return Err(IndexError::Refused(ownership::not_ours(dir, &examined, text().use_keep_index)));
    }
    let read_only = (!crate::timeline::span("index: writable probe", || writable(dir)))
        .then(|| fill(text().cannot_write_to, &[("dir", &shown_path(dir))]));
    let has_index = dir.join("meta.json").exists();
    let mut notes = Vec::new();
    if let Some(why) = &read_only {
        if !has_index {
            return Err(IndexError::ReadOnly(fill(text().no_index_yet, &[("why", why)])));
        }
        notes.push(fill(text().note_read_only, &[("why", why)]));
    }
    if !has_index {
        return create(dir, schema, notes, learn);
    }
    if examined.stamp.as_deref() != Some(STAMP) {
        if let Some(why) = &read_only {
            return Err(IndexError::ReadOnly(fill(text().other_version_read_only, &[("why", why)])));
        }
        let aside = move_aside(dir, "outdated")?;
        // Our own cache in an old format: nothing in it is worth keeping.
        ownership::delete_moved_aside(&aside);
        notes.push(text().note_outdated.to_string());
        return create(dir, schema, notes, learn);
    }
    match open_existing(dir, read_only.is_some()) {
        Ok((index, reader, pairs)) => Ok(Opened { index, reader, pairs, read_only, notes }),
        Err(err) if is_corruption(&err) && read_only.is_none() => {
            let aside = move_aside(dir, "broken")?;
            notes.push(damaged_note(&err.to_string(), &aside));
            create(dir, schema, notes, learn)
        }
        Err(err) => Err(index_error(err)),
    }
}

/// The index in `dir`, its reader and its common words. Words missing or damaged are damage:
/// its pair terms cannot be trusted (read-only, the index is read without them).
fn open_existing(
    dir: &Path,
    read_only: bool,
) -> tantivy::Result<(tantivy::Index, IndexReader, Arc<PairWords>)> {
    let pairs = match PairWords::load(dir) {
        Some(pairs) => pairs,
        None if read_only => PairWords::default(),
        None => {
            let why = format!("{} is missing or damaged", super::pairs::PAIRS_FILE);
            return Err(TantivyError::DataCorruption(tantivy::error::DataCorruption::comment_only(why)));
        }
    };
    let pairs = Arc::new(pairs);
    let index = crate::timeline::span("index: tantivy open", || {
        let mmap = MappedDirectory::open(dir)?;
        if read_only {
            tantivy::Index::open(ReadOnlyDirectory(mmap))
        } else {
            tantivy::Index::open(mmap)
        }
    })?;
    let reader = crate::timeline::span("index: reader (segments opened)", || reader(&index, &pairs))?;
    Ok((index, reader, pairs))
}

fn reader(index: &tantivy::Index, pairs: &Arc<PairWords>) -> tantivy::Result<IndexReader> {
    analysis::register(index.tokenizers(), pairs);
    index.reader_builder().reload_policy(ReloadPolicy::OnCommitWithDelay).try_into()
}

pub fn create(dir: &Path, schema: &Schema, notes: Vec<String>, learn: Learn) -> Result<Opened, IndexError> {
    // The stamp first: another process that finds meta.json must find the stamp too, or it
    // takes this new index for an outdated one and moves it away.
    // Written whole under a passing name, then renamed: a process that examines the folder
    // meanwhile never finds half a stamp (and takes the folder for someone else's).
    let temp = dir.join(format!("{TEMP_PREFIX}stamp{}", std::process::id()));
    fs::write(&temp, format!("{STAMP}\n"))?;
    fs::rename(&temp, dir.join(STAMP_FILE))?;
    // The common words before any document: whoever finds meta.json finds them too.
    let pairs = match PairWords::load(dir) {
        Some(pairs) => pairs,
        None => crate::timeline::span("index: learn the common words", learn).publish(dir)?,
    };
    let pairs = Arc::new(pairs);
    let mmap = MappedDirectory::open(dir).map_err(|err| IndexError::Tantivy(err.to_string()))?;
    let index = match tantivy::Index::create(mmap, schema.clone(), Default::default()) {
        Ok(index) => index,
        // Another process created it a moment ago.
        Err(TantivyError::IndexAlreadyExists) => {
            let (index, reader, pairs) = open_existing(dir, false).map_err(index_error)?;
            return Ok(Opened { index, reader, pairs, read_only: None, notes });
        }
        Err(err) => return Err(index_error(err)),
    };
    let reader = reader(&index, &pairs).map_err(index_error)?;
    Ok(Opened { index, reader, pairs, read_only: None, notes })
}

/// What the user is told when a damaged index was moved aside.
pub fn damaged_note(why: &str, aside: &Path) -> String {
    fill(text().note_damaged, &[("why", &why), ("path", &shown_path(aside))])
}

/// Renames `dir` to a sibling `<name>.<why>-<timestamp>` and recreates it empty; refuses
/// unless `dir` is provably newsdesk's index and nothing else.
pub fn move_aside(dir: &Path, why: &str) -> Result<PathBuf, IndexError> {
    ownership::require_ours(dir, text().use_move_aside)?;
    let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "index".into());
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut aside = dir.with_file_name(format!("{name}.{why}-{stamp}"));
    let mut attempt = 1;
    while aside.exists() {
        attempt += 1;
        aside = dir.with_file_name(format!("{name}.{why}-{stamp}-{attempt}"));
    }
    fs::rename(dir, &aside)?;
    fs::create_dir_all(dir)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The probe is created with O_EXCL: a file of that name newsdesk did not create is never
    /// removed (the folder then counts as not writable, which is safe).
    #[test]
    fn the_probe_never_removes_a_file_it_did_not_create() {
        let dir = tempfile::tempdir().unwrap();
        assert!(writable(dir.path()));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0, "the probe is removed");
        let probe = dir.path().join(format!("{PROBE_PREFIX}{}", std::process::id()));
        fs::write(&probe, "mine").unwrap();
        assert!(!writable(dir.path()));
        assert_eq!(fs::read_to_string(&probe).unwrap(), "mine");
    }
}
