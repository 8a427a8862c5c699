//! Where things live: the library, the index, the reader's state.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::cli::LibraryArgs;

pub const LIBRARY_ENV: &str = "NEWSDESK_LIBRARY";
pub const CACHE_ENV: &str = "NEWSDESK_CACHE_DIR";
pub const STATE_ENV: &str = "NEWSDESK_STATE_DIR";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "newsdesk")
}

/// Where one run's library and its index are: the flags and the environment, resolved in one place.
#[derive(Debug, Clone)]
pub struct Locations {
    pub library: PathBuf,
    pub index_dir: PathBuf,
}

impl Locations {
    pub fn resolve(args: &LibraryArgs) -> Locations {
        let library = library_dir(args.library.as_deref());
        let index_dir = index_dir(&library, args.index_dir.as_deref());
        Locations { library, index_dir }
    }
}

/// `--library`, else `$NEWSDESK_LIBRARY`, else the XDG data dir's `articles` folder.
pub fn library_dir(flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if let Some(dir) = std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    project_dirs().map(|dirs| dirs.data_dir().join("articles")).unwrap_or_else(|| PathBuf::from("articles"))
}

/// The root of newsdesk's cache: `$NEWSDESK_CACHE_DIR`, else the XDG cache dir.
pub fn cache_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(CACHE_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    project_dirs()
        .map(|dirs| dirs.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("newsdesk-cache"))
}

/// One index per library, keyed by a hash of the library's canonical path.
pub fn index_dir(library: &Path, flag: Option<&Path>) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    let canonical = library.canonicalize().unwrap_or_else(|_| library.to_path_buf());
    let key = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    let name = canonical
        .file_name()
        .map(|n| n.to_string_lossy().chars().filter(|c| c.is_alphanumeric() || *c == '-').take(32).collect())
        .unwrap_or_else(|| String::from("library"));
    cache_dir().join("indexes").join(format!("{name}-{key:016x}"))
}

/// The reader's state (read marks, positions): `$NEWSDESK_STATE_DIR`, else the XDG state dir.
pub fn state_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(STATE_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    project_dirs()
        .and_then(|dirs| dirs.state_dir().map(Path::to_path_buf))
        .or_else(|| project_dirs().map(|dirs| dirs.data_local_dir().join("state")))
        .unwrap_or_else(|| std::env::temp_dir().join("newsdesk-state"))
}
