//! Where things live: the library, the index, the reader's state.

use std::path::{Component, Path, PathBuf};

use directories::ProjectDirs;

use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::shown::shown_path;
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

    /// [`Locations::resolve`] for a command that uses the index: refuses an index folder that
    /// is the library, lies inside it or holds it (see [`check_apart`]).
    pub fn for_index(args: &LibraryArgs, config: &Config) -> Result<Locations, String> {
        let locations = Locations::resolve(args, config)?;
        check_apart(&locations.library, &locations.index_dir)?;
        Ok(locations)
    }
}

/// The index folder must be apart from the library: newsdesk never writes the library, and an
/// index folder holding the library could be moved aside with it. Compared after resolving
/// links (`..` and symlinks), for folders that may not exist yet.
pub fn check_apart(library: &Path, index_dir: &Path) -> Result<(), String> {
    let (library_at, index_at) = (resolved(library), resolved(index_dir));
    let t = strings::text();
    let template = if index_at == library_at {
        t.index_is_library
    } else if index_at.starts_with(&library_at) {
        t.index_inside_library
    } else if library_at.starts_with(&index_at) {
        t.index_holds_library
    } else {
        return Ok(());
    };
    let (index, library) = (shown_path(index_dir), shown_path(library));
    let args: [(&str, &dyn std::fmt::Display); 3] =
        [("index", &index), ("library", &library), ("elsewhere", &t.index_elsewhere)];
    Err(fill(template, &args))
}

/// `path` made absolute with every link resolved, as far as it exists; the rest is followed
/// by name (`..` climbs out of a folder that does not exist yet).
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut at = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                at.pop();
            }
            part => {
                at.push(part);
                if let Ok(real) = at.canonicalize() {
                    at = real;
                }
            }
        }
    }
    at
}

fn named_library(config: &Config, name: &str) -> Result<PathBuf, String> {
    if let Some((_, path)) = config.libraries.iter().find(|(named, _)| named == name) {
        return Ok(path.clone());
    }
    let text = strings::text();
    let names: Vec<&str> = config.libraries.iter().map(|(named, _)| named.as_str()).collect();
    let known = if names.is_empty() { text.config_library_names.to_string() } else { names.join(", ") };
    let file = config.file.clone().unwrap_or_else(|| crate::config::config_path(None).0);
    Err(fill(
        text.config_no_library_name,
        &[("name", &name), ("file", &shown_path(&file)), ("known", &known)],
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_folder_is_apart_from_the_library() {
        let root = tempfile::tempdir().unwrap();
        let library = root.path().join("library");
        std::fs::create_dir_all(library.join("sub")).unwrap();
        std::os::unix::fs::symlink(&library, root.path().join("link")).unwrap();
        let refused = [
            (library.clone(), "is the library itself"),
            (library.join("sub/../"), "is the library itself"),
            (library.join("index"), "is inside the library"),
            (library.join("sub/new/deeper"), "is inside the library"),
            (root.path().join("link/index"), "is inside the library"),
            (root.path().join("elsewhere/../library/x"), "is inside the library"),
            (root.path().to_path_buf(), "holds the library"),
            (PathBuf::from("/"), "holds the library"),
        ];
        for (index, said) in refused {
            let err = check_apart(&library, &index).unwrap_err();
            assert!(err.contains(said), "{}: {err}", index.display());
            assert!(err.contains("--index-dir"), "{err}");
        }
        check_apart(&library, &root.path().join("index")).unwrap();
        check_apart(&library, &root.path().join("library-index")).unwrap();
        check_apart(&root.path().join("link"), &root.path().join("index")).unwrap();
        assert!(check_apart(&root.path().join("link"), &library.join("i")).is_err(), "the library by a link");
    }
}
