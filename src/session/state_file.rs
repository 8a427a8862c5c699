//! The read-state file of earlier newsdesks: JSON in the state dir, now only read, once, to
//! import its marks into the store ([`crate::store`]). It is never written, moved or deleted
//! (an older newsdesk may still use it); one that does not parse is left as it is, the reader
//! told, and imported at a later start once it reads.

use std::fs;
use std::io::ErrorKind;
use std::path::Path;

use crate::app::ReadState;
use crate::strings;

/// The file's name in the state directory.
pub const FILE_NAME: &str = "reader-state.json";

/// The file's marks; `None` when there is no file. A file that cannot be read or parsed is an
/// error saying which file and why.
pub fn read(path: &Path) -> Result<Option<ReadState>, String> {
    let shown = crate::shown::shown_path(path);
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
        Err(err) if err.kind() == ErrorKind::NotADirectory => return Ok(None),
        Err(err) => return Err(format!("{shown}: {err}")),
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|err| {
        let args: [(&str, &dyn std::fmt::Display); 2] = [("file", &shown), ("why", &err)];
        strings::fill(strings::text().state_not_imported, &args)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Position;

    #[test]
    fn reads_marks_and_leaves_a_damaged_file_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.json");
        assert_eq!(read(&path).unwrap(), None);
        assert_eq!(read(&dir.path().join("a-file/state.json")).unwrap(), None);
        let mut state = ReadState::default();
        state.remember(Path::new("/lib/a.txt"), Position { line: 12, of: 40 });
        fs::write(&path, serde_json::to_vec(&state).unwrap()).unwrap();
        let loaded = read(&path).unwrap().unwrap();
        assert_eq!(loaded.position(Path::new("/lib/a.txt")), Position { line: 12, of: 40 });
        fs::write(&path, b"{\"articles\":{#").unwrap();
        let why = read(&path).unwrap_err();
        assert!(why.contains("state.json"), "says which file: {why}");
        assert_eq!(fs::read(&path).unwrap(), b"{\"articles\":{#", "left as it is");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["state.json"], "nothing made beside it");
    }
}
