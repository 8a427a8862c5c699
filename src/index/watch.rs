//! Following the library with the file system's notifications (inotify, FSEvents, kqueue, by the
//! `notify` crate): a burst of changes (a folder copied in, an editor's save) comes back as one
//! batch of paths, to refresh just those. A watch that cannot start or that loses events (the
//! kernel's queue overflowed) asks for a re-scan instead: the caller falls back to looking
//! again, periodically, and says so.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::types::{IndexError, RefreshOptions, RefreshSummary, Scope};
use super::Index;
use crate::strings::{fill, Strings};

/// A batch ends once the library has been quiet this long…
const QUIET: Duration = Duration::from_millis(150);
/// …or this long after its first change, however busy the library stays.
const LONGEST_BATCH: Duration = Duration::from_millis(700);
/// Without notifications, the library is looked at again this often (the cheap check).
pub const EVERY_WITHOUT_WATCH: Duration = Duration::from_secs(10);
/// How often the follower asks whether to go on while nothing happens.
const TICK: Duration = Duration::from_millis(500);
/// More paths than this in one batch: the folders are looked at rather than each path.
const MOST_PATHS: usize = 4096;

/// What the library did since the last batch.
#[derive(Debug, PartialEq, Eq)]
pub enum Batch {
    /// Nothing within the time asked.
    Quiet,
    /// These files and folders were created, changed, renamed or removed.
    Paths(Vec<PathBuf>),
    /// Events were lost (or too many to list): the whole library is looked at.
    Rescan(String),
    /// The watch ended (its thread is gone).
    Ended,
}

pub struct LibraryWatch {
    // Kept alive: dropping it ends the watch.
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    library: PathBuf,
}

impl LibraryWatch {
    /// Watches `library` and every folder below it. An error says why it cannot (the platform
    /// has no notifications, or the limit of watched folders is reached).
    pub fn start(library: &Path) -> Result<LibraryWatch, String> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })
        .map_err(|err| err.to_string())?;
        watcher.watch(library, RecursiveMode::Recursive).map_err(|err| err.to_string())?;
        Ok(LibraryWatch { _watcher: watcher, events, library: library.to_path_buf() })
    }

    /// Waits up to `wait` for a change, then gathers the burst it belongs to.
    pub fn next_batch(&self, wait: Duration) -> Batch {
        let first = match self.events.recv_timeout(wait) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => return Batch::Quiet,
            Err(RecvTimeoutError::Disconnected) => return Batch::Ended,
        };
        let started = Instant::now();
        let mut paths = Vec::new();
        let mut rescan = self.take(first, &mut paths);
        while started.elapsed() < LONGEST_BATCH {
            match self.events.recv_timeout(QUIET.min(LONGEST_BATCH.saturating_sub(started.elapsed()))) {
                Ok(event) => rescan = rescan.or(self.take(event, &mut paths)),
                Err(_) => break,
            }
        }
        if let Some(why) = rescan {
            return Batch::Rescan(why);
        }
        if paths.len() > MOST_PATHS {
            return Batch::Rescan(format!("{} changes at once", paths.len()));
        }
        paths.sort();
        paths.dedup();
        if paths.is_empty() {
            Batch::Quiet
        } else {
            Batch::Paths(paths)
        }
    }

    /// Adds an event's paths; `Some(why)` when it says events were lost.
    fn take(&self, event: notify::Result<Event>, paths: &mut Vec<PathBuf>) -> Option<String> {
        let event = match event {
            Ok(event) => event,
            Err(err) => return Some(format!("the watch failed: {err}")),
        };
        if event.need_rescan() {
            return Some("the file system's queue of changes overflowed".to_string());
        }
        // Reads (access) change nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return None;
        }
        paths.extend(event.paths.into_iter().filter(|path| path.starts_with(&self.library)));
        None
    }
}

/// What following the library did, told to the caller as it happens.
#[derive(Debug)]
pub enum Followed {
    /// Nothing happened (a chance to stop).
    Idle,
    /// The watch cannot follow the library (why): it is looked at again periodically instead.
    Polling(String),
    /// Events were lost: the whole library is looked at.
    Rescanning(String),
    Refreshed(Result<RefreshSummary, IndexError>),
}

impl Followed {
    /// What to tell the user of a fallback (`None` for the other reports), in `t`'s language.
    pub fn note(&self, t: &Strings) -> Option<String> {
        match self {
            Followed::Polling(why) => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("why", why), ("seconds", &EVERY_WITHOUT_WATCH.as_secs())];
                Some(fill(t.watch_polling, &args))
            }
            Followed::Rescanning(why) => Some(fill(t.watch_rescanning, &[("why", why)])),
            Followed::Idle | Followed::Refreshed(_) => None,
        }
    }
}

impl Index {
    /// Follows the library with `watch` (started by [`LibraryWatch::start`]; changes since then
    /// are caught): each burst of changes brings just those paths into the index. `report` is
    /// told what happens and returns whether to go on.
    pub fn follow(&self, watch: Result<LibraryWatch, String>, report: &mut dyn FnMut(Followed) -> bool) {
        let mut watch = match watch {
            Ok(watch) => Some(watch),
            Err(why) => {
                if !report(Followed::Polling(why)) {
                    return;
                }
                None
            }
        };
        let mut last_look = Instant::now();
        loop {
            let scope = match watch.as_ref().map(|watch| watch.next_batch(TICK)) {
                Some(Batch::Quiet) => None,
                Some(Batch::Paths(paths)) => Some(Scope::Paths(paths)),
                Some(Batch::Rescan(why)) => {
                    if !report(Followed::Rescanning(why)) {
                        return;
                    }
                    Some(Scope::Everything)
                }
                Some(Batch::Ended) => {
                    watch = None;
                    if !report(Followed::Polling("the watch ended".to_string())) {
                        return;
                    }
                    Some(Scope::Everything)
                }
                None => {
                    std::thread::sleep(TICK);
                    (last_look.elapsed() >= EVERY_WITHOUT_WATCH).then_some(Scope::Changed)
                }
            };
            let keep_going = match scope {
                None => report(Followed::Idle),
                Some(scope) => {
                    last_look = Instant::now();
                    let options = RefreshOptions { rebuild: false, verify: false, scope };
                    report(Followed::Refreshed(self.refresh_with(&options, &mut |_| {})))
                }
            };
            if !keep_going {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saves_and_new_folders_come_back_as_their_paths() {
        let library = tempfile::tempdir().unwrap();
        let Ok(watch) = LibraryWatch::start(library.path()) else {
            eprintln!("notice: no file-system notifications here; the watch case is skipped");
            return;
        };
        assert_eq!(watch.next_batch(Duration::from_millis(50)), Batch::Quiet);
        std::fs::create_dir(library.path().join("sub")).unwrap();
        for name in ["a.txt", "sub/b.txt"] {
            std::fs::write(library.path().join(name), "text").unwrap();
        }
        // A file written at once into a new folder may come before the folder is watched: the
        // folder's own creation is reported, and a refresh walks it whole.
        let sub = library.path().join("sub");
        let mut seen = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline
            && !(seen.contains(&sub) && seen.contains(&library.path().join("a.txt")))
        {
            match watch.next_batch(Duration::from_millis(500)) {
                Batch::Paths(paths) => seen.extend(paths),
                Batch::Quiet => {}
                other => panic!("{other:?}"),
            }
        }
        assert!(seen.contains(&library.path().join("a.txt")), "{seen:?}");
        assert!(seen.contains(&sub), "a folder made after the start: {seen:?}");
    }
}
