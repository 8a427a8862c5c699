//! The reader's own store: highlights, notes, tags, read marks and reading positions, in SQLite in the state directory (never
//! the library). WAL mode, each change one transaction, a schema version with migrations, and
//! `PRAGMA integrity_check` when a reader before this one did not close it (its open marker is
//! left behind). A store that cannot be written (a read-only or full state directory) is read
//! as it is and every change is refused with the reason; nothing stored is touched.

pub mod anchor;
mod marks;
mod records;
mod schema;
mod search;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::strings::{self, fill};
pub use anchor::{Passages, Quote};
pub use marks::{Imported, ReadMark};
pub use records::{
    article_address, article_key, fresh_id, grouped_by_article, now_millis, ArticleAnnotations, Highlight,
    TagEdit,
};
pub use search::Annotation;

/// The store's file name in the state directory.
pub const FILE_NAME: &str = "notes.sqlite";
/// Starts the marker a reader leaves while it has the store open: `notes.sqlite.open-<pid>`.
const OPEN_MARKER: &str = ".open-";
/// How long a change waits for another reader's change to finish.
const BUSY_WAIT: Duration = Duration::from_secs(5);

#[derive(Debug)]
pub struct Store {
    connection: Connection,
    /// Why changes are refused, when they are.
    read_only: Option<String>,
    /// This process's open marker, removed on a clean close.
    marker: Option<PathBuf>,
}

pub type StoreResult<T> = Result<T, String>;

/// What opening found: the store, and a note for the user (damage set aside, read-only…).
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub notes: Vec<String>,
}

impl Store {
    /// Opens (or makes) the store in `state_dir`. Fails only when it can be neither written nor
    /// read; a store that can only be read opens read-only with a note saying why.
    pub fn open(state_dir: &Path) -> StoreResult<Opened> {
        let path = state_dir.join(FILE_NAME);
        let mut notes = Vec::new();
        match Store::open_writable(&path, &mut notes) {
            Ok(store) => Ok(Opened { store, notes }),
            Err(why) => {
                let mut store = Store::open_read_only(&path).map_err(|_| why.clone())?;
                store.read_only = Some(why.clone());
                notes.push(fill(strings::text().store_read_only, &[("why", &why)]));
                Ok(Opened { store, notes })
            }
        }
    }

    /// Opens the store read-only (the commands that only list), as it is on disk.
    pub fn open_read_only(path: &Path) -> StoreResult<Store> {
        let shown = crate::shown::shown_path(path);
        let fail = |err: rusqlite::Error| format!("{shown}: {err}");
        if !path.is_file() {
            // Nothing stored yet: an empty store in memory answers every question.
            let connection = Connection::open_in_memory().map_err(fail)?;
            schema::migrate(&connection).map_err(|err| format!("{shown}: {err}"))?;
            return Ok(Store { connection, read_only: Some(String::new()), marker: None });
        }
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // Read-only but sharing the WAL with writers; where its index cannot be made (a folder
        // that cannot be written), the file as it is (without changes not checkpointed yet).
        let shared = format!("file:{}", uri_path(path));
        let open = |uri: &str| -> StoreResult<Connection> {
            let connection = Connection::open_with_flags(uri, flags).map_err(|err| err.to_string())?;
            schema::check_version(&connection)?;
            Ok(connection)
        };
        let connection = open(&shared)
            .or_else(|_| open(&format!("{shared}?immutable=1")))
            .map_err(|err| format!("{shown}: {err}"))?;
        connection.busy_timeout(BUSY_WAIT).map_err(fail)?;
        Ok(Store { connection, read_only: Some(String::new()), marker: None })
    }

    fn open_writable(path: &Path, notes: &mut Vec<String>) -> StoreResult<Store> {
        let shown = crate::shown::shown_path(path);
        let fail = |err: &dyn std::fmt::Display| format!("{shown}: {err}");
        let dir = path.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir).map_err(|err| fail(&err))?;
        let unclean = take_dead_markers(path);
        let mut connection = connect(path).map_err(|err| fail(&err))?;
        if unclean && !is_intact(&connection) {
            drop(connection);
            let aside = keep_aside(path).map_err(|err| fail(&err))?;
            let aside = crate::shown::shown_path(&aside);
            notes.push(fill(strings::text().store_damaged, &[("aside", &aside)]));
            connection = connect(path).map_err(|err| fail(&err))?;
        }
        schema::migrate(&connection).map_err(|err| fail(&err))?;
        let marker = marker_path(path, std::process::id());
        fs::write(&marker, b"").map_err(|err| fail(&err))?;
        Ok(Store { connection, read_only: None, marker: Some(marker) })
    }

    /// Why changes are refused, if they are.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Runs `change` in one transaction, or refuses it when the store is read-only.
    fn change<T>(
        &mut self,
        change: impl FnOnce(&rusqlite::Transaction) -> rusqlite::Result<T>,
    ) -> StoreResult<T> {
        if let Some(why) = &self.read_only {
            return Err(if why.is_empty() {
                strings::text().store_not_writable.to_string()
            } else {
                why.clone()
            });
        }
        // IMMEDIATE: the write lock is taken (waiting for another reader's change) before
        // anything is read; a deferred transaction upgraded later gets "busy" at once instead.
        let transaction = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|err| err.to_string())?;
        let value = change(&transaction).map_err(|err| err.to_string())?;
        transaction.commit().map_err(|err| err.to_string())?;
        Ok(value)
    }
}

impl Drop for Store {
    /// A clean close: the marker goes, so the next start skips the integrity check.
    fn drop(&mut self) {
        if let Some(marker) = self.marker.take() {
            let _ = fs::remove_file(marker);
        }
    }
}

/// Opens the store's connection; another reader setting the store up at the same moment (the
/// switch to WAL takes no busy handler) is waited for, up to [`BUSY_WAIT`].
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let give_up = std::time::Instant::now() + BUSY_WAIT;
    loop {
        match try_connect(path) {
            Err(err) if is_busy(&err) && std::time::Instant::now() < give_up => {
                std::thread::sleep(Duration::from_millis(10))
            }
            result => return result,
        }
    }
}

/// SQLite's "database is locked": another connection holds what this one needs.
fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(err, rusqlite::Error::SqliteFailure(failure, _) if failure.code == rusqlite::ErrorCode::DatabaseBusy)
}

fn try_connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_WAIT)?;
    // WAL: readers never block the writer, and a killed writer's half transaction is ignored.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a change is on disk when its transaction returns, even across a power cut.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

fn is_intact(connection: &Connection) -> bool {
    connection
        .query_row("PRAGMA integrity_check", [], |row| row.get::<_, String>(0))
        .is_ok_and(|answer| answer == "ok")
}

fn marker_path(path: &Path, pid: u32) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!("{name}{OPEN_MARKER}{pid}"))
}

/// Removes the open markers of processes that are gone; true when there was one (a reader that
/// did not close the store: killed, or the machine went down).
fn take_dead_markers(path: &Path) -> bool {
    let Some(dir) = path.parent() else { return false };
    let prefix = format!("{}{OPEN_MARKER}", path.file_name().unwrap_or_default().to_string_lossy());
    let mut unclean = false;
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix(&prefix).and_then(|pid| pid.parse::<i32>().ok()) else { continue };
        if !is_alive(pid) {
            unclean = true;
            let _ = fs::remove_file(entry.path());
        }
    }
    unclean
}

fn is_alive(pid: i32) -> bool {
    // Signal 0 checks without sending: ESRCH means no such process; EPERM means someone else's.
    // SAFETY: kill with signal 0 sends nothing.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Moves a damaged store (and its WAL files) aside under names newsdesk makes.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path.file_name().unwrap_or_default().to_string_lossy().into_owned();
    let aside = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let _ = fs::rename(
            path.with_file_name(format!("{name}{suffix}")),
            aside.with_file_name(format!("{name}.corrupt-{stamp}{suffix}")),
        );
    }
    Ok(aside)
}

/// A path written into an SQLite URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
