//! Where things live: the library, the index, the reader's state.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::strings::{self, fill};

pub const LIBRARY_ENV: &str = "NEWSDESK_LIBRARY";
pub const CACHE_ENV: &str = "NEWSDESK_CACHE_DIR";
pub const STATE_ENV: &str = "NEWSDESK_STATE_DIR";

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "newsdesk")
}

/// Where one run's library, its index and the reader's state are: the flags, the environment
/// and the config, resolved in one place.
#[derive(Debug, Clone)]
pub struct Locations {
    pub library: PathBuf,
    pub index_dir: PathBuf,
    pub state_dir: PathBuf,
}

impl Locations {
    /// `--library` (or the positional folder), else `--library-name`, else
    /// `$NEWSDESK_LIBRARY`, else the config's `library`, else the XDG data dir's `articles`.
    pub fn resolve(args: &LibraryArgs, config: &Config) -> Result<Locations, String> {
        let library = match (&args.library, &args.library_name) {
            (Some(dir), _) => dir.clone(),
            (None, Some(name)) => named_library(config, name)?,
            (None, None) => default_library(config),
        };
        Ok(Locations::for_library(library, args.index_dir.as_deref(), config))
    }

    /// The locations of `library`: its index (`index_flag`, else one in the cache) and the state.
    pub fn for_library(library: PathBuf, index_flag: Option<&Path>, config: &Config) -> Locations {
        let index_dir = match index_flag {
            Some(dir) => dir.to_path_buf(),
            None => index_dir(&library, &cache_dir(config)),
        };
        Locations { library, index_dir, state_dir: state_dir(config) }
    }
}

fn named_library(config: &Config, name: &str) -> Result<PathBuf, String> {
    if let Some((_, path)) = config.libraries.iter().find(|(named, _)| named == name) {
        return Ok(path.clone());
    }
    let text = strings::text();
    let names: Vec<&str> = config.libraries.iter().map(|(named, _)| named.as_str()).collect();
    let known = if names.is_empty() { text.config_library_names.to_string() } else { names.join(", ") };
    let file = config.file.clone().unwrap_or_else(|| crate::config::config_path(None).0);
    Err(fill(text.config_no_library_name, &[("name", &name), ("file", &file.display()), ("known", &known)]))
}

/// The library opened when none is named: `$NEWSDESK_LIBRARY`, else the config's `library`,
/// else the XDG data dir's `articles` folder.
pub fn default_library(config: &Config) -> PathBuf {
    if let Some(dir) = std::env::var_os(LIBRARY_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = &config.library {
        return dir.clone();
    }
    project_dirs().map(|dirs| dirs.data_dir().join("articles")).unwrap_or_else(|| PathBuf::from("articles"))
}

/// The libraries the reader's switch key goes through: the default one, then the named ones.
/// Canonical, so the reader can tell which one is open (it opens its library canonical too).
pub fn switchable_libraries(config: &Config) -> Vec<(String, PathBuf)> {
    let canonical = |path: &Path| path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let mut libraries =
        vec![(strings::text().default_library_name.to_string(), canonical(&default_library(config)))];
    for (name, path) in &config.libraries {
        let path = canonical(path);
        if !libraries.iter().any(|(_, known)| *known == path) {
            libraries.push((name.clone(), path));
        }
    }
    libraries
}

/// Where the config file is looked for.
pub fn config_dir() -> PathBuf {
    project_dirs().map(|dirs| dirs.config_dir().to_path_buf()).unwrap_or_else(|| PathBuf::from("."))
}

/// The root of newsdesk's cache: `$NEWSDESK_CACHE_DIR`, else the config's `cache_dir`, else the
/// XDG cache dir.
pub fn cache_dir(config: &Config) -> PathBuf {
    if let Some(dir) = std::env::var_os(CACHE_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = &config.cache_dir {
        return dir.clone();
    }
    project_dirs()
        .map(|dirs| dirs.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("newsdesk-cache"))
}

/// One index per library under `cache`, keyed by a hash of the library's canonical path.
pub fn index_dir(library: &Path, cache: &Path) -> PathBuf {
    let canonical = library.canonicalize().unwrap_or_else(|_| library.to_path_buf());
    let key = xxhash_rust::xxh3::xxh3_64(canonical.as_os_str().as_encoded_bytes());
    let name = canonical
        .file_name()
        .map(|n| n.to_string_lossy().chars().filter(|c| c.is_alphanumeric() || *c == '-').take(32).collect())
        .unwrap_or_else(|| String::from("library"));
    cache.join("indexes").join(format!("{name}-{key:016x}"))
}

/// The reader's state (read marks, positions): `$NEWSDESK_STATE_DIR`, else the config's
/// `state_dir`, else the XDG state dir.
pub fn state_dir(config: &Config) -> PathBuf {
    if let Some(dir) = std::env::var_os(STATE_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = &config.state_dir {
        return dir.clone();
    }
    project_dirs()
        .and_then(|dirs| dirs.state_dir().map(Path::to_path_buf))
        .or_else(|| project_dirs().map(|dirs| dirs.data_local_dir().join("state")))
        .unwrap_or_else(|| std::env::temp_dir().join("newsdesk-state"))
}
