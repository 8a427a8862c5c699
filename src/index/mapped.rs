//! The index folder as tantivy reads it: each file mapped into memory once (as tantivy's own
//! `MmapDirectory` does), and every map known, so that while the index is written its pages can
//! be handed back to the page cache. A merge reads its input segments through their maps, and
//! each page it touches stays in the process's resident memory until the merge ends: without
//! handing them back, a merge's memory grows with the segments it merges. Handed back, a page
//! costs a minor fault if it is read again (the files never change once written).

use std::collections::HashMap;
use std::fs::File;
use std::io;
use std::ops::Deref;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, LazyLock, Mutex, Weak};
use std::thread::JoinHandle;
use std::time::Duration;

use memmap2::Mmap;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback, WatchHandle,
    WritePtr,
};

/// How often the pages of a write's maps are handed back: a merge reads a few hundred MB a
/// second, so tens of MB at most stay resident between two hand-backs.
const HAND_BACK_EVERY: Duration = Duration::from_millis(100);

/// Every map this process holds, whatever directory made it.
static MAPS: LazyLock<Mutex<Vec<Weak<Mmap>>>> = LazyLock::new(Default::default);

/// tantivy's directory, its files read through maps made here.
#[derive(Debug, Clone)]
pub struct MappedDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    /// One map per file, shared while anything reads it.
    cache: Arc<Mutex<HashMap<PathBuf, Weak<Mmap>>>>,
}

impl MappedDirectory {
    pub fn open(root: &Path) -> tantivy::Result<MappedDirectory> {
        let inner = MmapDirectory::open(root)?;
        Ok(MappedDirectory { inner, root: root.to_path_buf(), cache: Default::default() })
    }

    fn map(&self, path: &Path) -> Result<Option<Arc<Mmap>>, OpenReadError> {
        let full = self.root.join(path);
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(map) = cache.get(&full).and_then(Weak::upgrade) {
            return Ok(Some(map));
        }
        let failed = |err: io::Error| match err.kind() {
            io::ErrorKind::NotFound => OpenReadError::FileDoesNotExist(path.to_path_buf()),
            _ => OpenReadError::wrap_io_error(err, path.to_path_buf()),
        };
        let file = File::open(&full).map_err(failed)?;
        if file.metadata().map_err(failed)?.len() == 0 {
            return Ok(None);
        }
        // SAFETY: an index file is written whole before it is named in the index, and never
        // changed after (tantivy writes new files and deletes old ones): as tantivy's own maps.
        let map = Arc::new(unsafe { Mmap::map(&file) }.map_err(failed)?);
        // The maps dropped since are forgotten when the lists would grow: each map is then
        // looked at a bounded number of times, however many segments are opened.
        if cache.len() == cache.capacity() {
            cache.retain(|_, map| map.strong_count() > 0);
        }
        cache.insert(full, Arc::downgrade(&map));
        let mut all = MAPS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if all.len() == all.capacity() {
            all.retain(|map| map.strong_count() > 0);
        }
        all.push(Arc::downgrade(&map));
        Ok(Some(map))
    }
}

/// A map's bytes, for tantivy's `OwnedBytes`.
struct MappedBytes(Arc<Mmap>);

impl Deref for MappedBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

// SAFETY: the bytes are the map's, which does not move while the Arc holds it.
unsafe impl stable_deref_trait::StableDeref for MappedBytes {}

impl Directory for MappedDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let bytes = self.map(path)?.map_or_else(OwnedBytes::empty, |map| OwnedBytes::new(MappedBytes(map)));
        Ok(Arc::new(bytes))
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

/// Hands every map's pages back to the page cache now.
pub fn hand_back() {
    let maps: Vec<Arc<Mmap>> = {
        let all = MAPS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        all.iter().filter_map(Weak::upgrade).collect()
    };
    #[cfg(unix)]
    for map in maps {
        // SAFETY: the maps are shared, read-only maps of files that never change: a page
        // dropped from this process reads back the same bytes from the file on its next use.
        let _ = unsafe { map.unchecked_advise(memmap2::UncheckedAdvice::DontNeed) };
    }
    #[cfg(not(unix))]
    drop(maps);
}

/// While it lives, a thread hands the maps' pages back every [`HAND_BACK_EVERY`]: held for as
/// long as the index is written (its merges read whole segments).
pub struct HandingBack {
    stop: Arc<(Mutex<bool>, Condvar)>,
    thread: Option<JoinHandle<()>>,
}

impl HandingBack {
    pub fn start() -> HandingBack {
        let stop = Arc::new((Mutex::new(false), Condvar::new()));
        let told = Arc::clone(&stop);
        let thread = std::thread::Builder::new().name("hand back pages".into()).spawn(move || {
            let (stopped, wake) = &*told;
            let mut stopped = stopped.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            while !*stopped {
                stopped = match wake.wait_timeout(stopped, HAND_BACK_EVERY) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
                // Told to stop: the writer is done, nothing more to hand back.
                if !*stopped {
                    hand_back();
                }
            }
        });
        HandingBack { stop, thread: thread.ok() }
    }
}

impl Drop for HandingBack {
    fn drop(&mut self) {
        let (stopped, wake) = &*self.stop;
        *stopped.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = true;
        wake.notify_all();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The resident kB of the map holding `address`, from the kernel's own account of this
    /// process's maps (Linux).
    #[cfg(target_os = "linux")]
    fn resident_kb(address: usize) -> u64 {
        let smaps = std::fs::read_to_string("/proc/self/smaps").expect("smaps");
        let mut inside = false;
        for line in smaps.lines() {
            let range = line.split_whitespace().next().and_then(|first| first.split_once('-'));
            if let Some((start, end)) = range.filter(|_| line.contains(' ')) {
                if let (Ok(start), Ok(end)) =
                    (usize::from_str_radix(start, 16), usize::from_str_radix(end, 16))
                {
                    inside = (start..end).contains(&address);
                    continue;
                }
            }
            if let Some(kb) = line.strip_prefix("Rss:").filter(|_| inside) {
                return kb.trim().trim_end_matches("kB").trim().parse().expect("a number of kB");
            }
        }
        panic!("no map holds {address:#x}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn handed_back_pages_leave_the_process_and_read_back_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let content: Vec<u8> = (0..4 * 1024 * 1024u32).map(|at| (at % 251) as u8).collect();
        std::fs::write(dir.path().join("segment.idx"), &content).unwrap();
        let directory = MappedDirectory::open(dir.path()).unwrap();
        let handle = directory.get_file_handle(Path::new("segment.idx")).unwrap();
        let bytes = handle.read_bytes(0..content.len()).unwrap();
        assert_eq!(bytes.as_slice(), content.as_slice(), "every page read once");
        let address = bytes.as_slice().as_ptr() as usize;
        assert!(resident_kb(address) >= 4 * 1024, "the pages read are the process's");
        hand_back();
        assert_eq!(resident_kb(address), 0, "handed back to the page cache");
        assert_eq!(bytes.as_slice(), content.as_slice(), "and read back the same");
    }

    #[test]
    fn a_file_is_mapped_once_while_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a"), b"abc").unwrap();
        std::fs::write(dir.path().join("empty"), b"").unwrap();
        let directory = MappedDirectory::open(dir.path()).unwrap();
        let first = directory.get_file_handle(Path::new("a")).unwrap().read_bytes(0..3).unwrap();
        let again = directory.get_file_handle(Path::new("a")).unwrap().read_bytes(0..3).unwrap();
        assert_eq!(first.as_slice().as_ptr(), again.as_slice().as_ptr());
        assert_eq!(directory.get_file_handle(Path::new("empty")).unwrap().len(), 0);
        let missing = directory.get_file_handle(Path::new("missing"));
        assert!(matches!(missing, Err(OpenReadError::FileDoesNotExist(_))));
    }
}
