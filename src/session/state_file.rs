//! The read-state file: JSON in the state dir. Another reader may share it, so a save takes an
//! advisory lock, reads the file again, merges (read marks: union; positions: the newer), and
//! replaces it atomically (temp file, fsync, rename): a crash never leaves half a file or loses
//! what an earlier save wrote. A file that cannot be parsed is never overwritten: it is kept
//! aside under a name newsdesk makes (`reader-state.json.corrupt-<time>`), and the user told.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::ReadState;
use crate::strings;

/// The file's name in the state directory.
pub const FILE_NAME: &str = "reader-state.json";
/// How long a save waits for another reader's save to finish before it gives up (and tries again
/// at the next change: nothing is lost, the marks stay in memory).
const LOCK_WAIT: Duration = Duration::from_secs(2);
const LOCK_RETRY: Duration = Duration::from_millis(10);

/// What was read, and a note for the user (a damaged file kept aside).
#[derive(Debug, Default)]
pub struct Loaded {
    pub state: ReadState,
    pub note: Option<String>,
}

/// A missing file is an empty state; one that does not parse is kept aside (with a note); one
/// that cannot be read is an error, and saves then leave it alone.
pub fn load(path: &Path) -> Result<Loaded, String> {
    if !path.parent().is_some_and(Path::is_dir) {
        return Ok(Loaded::default());
    }
    let _lock = Lock::take(path)?;
    read_or_keep_aside(path)
}

/// Saves `state` merged with what the file holds now; returns the merged state (another
/// reader's marks included) and a note for the user, if any.
pub fn save(path: &Path, state: &ReadState) -> Result<Loaded, String> {
    let fail = |err: std::io::Error| format!("{}: {err}", path.display());
    fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(fail)?;
    let _lock = Lock::take(path)?;
    let Loaded { state: mut merged, note } = read_or_keep_aside(path)?;
    merged.merge(state);
    write_atomically(path, &serde_json::to_vec(&merged).map_err(|err| err.to_string())?).map_err(fail)?;
    Ok(Loaded { state: merged, note })
}

fn read_or_keep_aside(path: &Path) -> Result<Loaded, String> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(Loaded::default()),
        Err(err) => return Err(format!("{}: {err}", path.display())),
    };
    match serde_json::from_slice(&bytes) {
        Ok(state) => Ok(Loaded { state, note: None }),
        Err(err) => {
            let aside = keep_aside(path).map_err(|io| {
                let args: [(&str, &dyn std::fmt::Display); 3] =
                    [("file", &path.display()), ("why", &err), ("io", &io)];
                strings::fill(strings::text().state_not_kept_aside, &args)
            })?;
            let (why, aside) = (err.to_string(), aside.display().to_string());
            let note = strings::fill(strings::text().state_kept_aside, &[("why", &why), ("aside", &aside)]);
            Ok(Loaded { state: ReadState::default(), note: Some(note) })
        }
    }
}

/// Renames the damaged file to a free `<name>.corrupt-<UTC time>[-n]` beside it. Only savers
/// holding the lock rename, so the name stays free until the rename.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let base = format!("{}.corrupt-{stamp}", path.file_name().unwrap_or_default().to_string_lossy());
    let aside = (1..)
        .map(|n| path.with_file_name(if n == 1 { base.clone() } else { format!("{base}-{n}") }))
        .find(|candidate| fs::symlink_metadata(candidate).is_err())
        .expect("some suffix is free");
    fs::rename(path, &aside)?;
    Ok(aside)
}

/// Temp file (one fixed name: only the lock holder writes it, and a crash's leftover is
/// simply overwritten), fsync, rename over the file, fsync the folder so the rename lasts.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = path.with_file_name(format!("{}.tmp", path.file_name().unwrap_or_default().to_string_lossy()));
    let mut file = fs::File::create(&temp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&temp, path)?;
    if let Some(dir) = path.parent().and_then(|dir| fs::File::open(dir).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// An exclusive `flock` on `<file>.lock` beside the state file (the state file itself is
/// replaced by each save, so it cannot carry the lock). Released when dropped, or when the
/// process dies.
struct Lock(#[allow(dead_code)] Option<fs::File>);

impl Lock {
    fn take(path: &Path) -> Result<Lock, String> {
        use rustix::fs::{flock, FlockOperation};
        let lock_path =
            path.with_file_name(format!("{}.lock", path.file_name().unwrap_or_default().to_string_lossy()));
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|err| format!("{}: {err}", lock_path.display()))?;
        let give_up = Instant::now() + LOCK_WAIT;
        loop {
            match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                Ok(()) => return Ok(Lock(Some(file))),
                Err(rustix::io::Errno::WOULDBLOCK | rustix::io::Errno::INTR) if Instant::now() < give_up => {
                    std::thread::sleep(LOCK_RETRY)
                }
                Err(rustix::io::Errno::WOULDBLOCK) => {
                    return Err(strings::fill(strings::text().state_busy, &[("lock", &lock_path.display())]))
                }
                // A file system without locks: saving unlocked beats not saving.
                Err(_) => return Ok(Lock(None)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Position;

    #[test]
    fn saves_and_loads_read_marks_and_positions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("deep/state.json");
        assert_eq!(load(&path).unwrap().state, ReadState::default());
        let mut state = ReadState::default();
        state.remember(Path::new("/lib/a.txt"), Position { line: 12, of: 40 });
        save(&path, &state).unwrap();
        let loaded = load(&path).unwrap();
        assert!(loaded.note.is_none());
        assert!(loaded.state.is_read(Path::new("/lib/a.txt")));
        assert_eq!(loaded.state.position(Path::new("/lib/a.txt")), Position { line: 12, of: 40 });
        let mut names: Vec<_> =
            fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, ["state.json", "state.json.lock"], "no temp file left");
    }

    #[test]
    fn an_unusable_state_dir_or_file_is_an_error_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        assert!(save(&blocker.join("state.json"), &ReadState::default()).is_err());
        // A state "file" that cannot be read (here a folder) is not replaced by a save.
        let unreadable = dir.path().join("state.json");
        fs::create_dir(&unreadable).unwrap();
        fs::write(unreadable.join("inside"), "kept").unwrap();
        assert!(load(&unreadable).is_err());
        assert!(save(&unreadable, &ReadState::default()).is_err());
        assert_eq!(fs::read_to_string(unreadable.join("inside")).unwrap(), "kept");
    }
}
