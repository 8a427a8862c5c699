//! Where things live: the library, the index, the reader's state.

use std::path::{Component, Path, PathBuf};

use directories::ProjectDirs;

use crate::cli::LibraryArgs;
use crate::shown::shown_path;

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

    /// [`Locations::resolve`] for a command that uses the index: refuses an index folder that
    /// is the library, lies inside it or holds it (see [`check_apart`]).
    pub fn for_index(args: &LibraryArgs) -> Result<Locations, String> {
        let locations = Locations::resolve(args);
        check_apart(&locations.library, &locations.index_dir)?;
        Ok(locations)
    }
}

/// The index folder must be apart from the library: newsdesk never writes the library, and an
/// index folder holding the library could be moved aside with it. Compared after resolving
/// links (`..` and symlinks), for folders that may not exist yet.
pub fn check_apart(library: &Path, index_dir: &Path) -> Result<(), String> {
    let (library_at, index_at) = (resolved(library), resolved(index_dir));
    let (index, library) = (shown_path(index_dir), shown_path(library));
    let elsewhere = "give an index folder outside the library with --index-dir DIR (or $NEWSDESK_CACHE_DIR)";
    if index_at == library_at {
        Err(format!(
            "the index folder {index} is the library itself: newsdesk never writes the library; {elsewhere}"
        ))
    } else if index_at.starts_with(&library_at) {
        Err(format!(
            "the index folder {index} is inside the library {library}: newsdesk never writes the library; {elsewhere}"
        ))
    } else if library_at.starts_with(&index_at) {
        Err(format!(
            "the index folder {index} holds the library {library}: newsdesk could move the library aside with \
             its index; {elsewhere}"
        ))
    } else {
        Ok(())
    }
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
