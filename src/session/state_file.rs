//! The read-state file: JSON in the state dir, written atomically (temp file + rename) so a
//! crash never leaves half a file.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::Path;

use crate::app::ReadState;

/// The file's name in the state directory.
pub const FILE_NAME: &str = "reader-state.json";

/// A missing file is an empty state; an unreadable or invalid one is an error to report.
pub fn load(path: &Path) -> Result<ReadState, String> {
    match fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| format!("{}: {err}", path.display())),
        Err(err) if err.kind() == ErrorKind::NotFound => Ok(ReadState::default()),
        Err(err) => Err(format!("{}: {err}", path.display())),
    }
}

pub fn save(path: &Path, state: &ReadState) -> Result<(), String> {
    let fail = |err: std::io::Error| format!("{}: {err}", path.display());
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(fail)?;
    let temp = path.with_extension(format!("json.tmp{}", std::process::id()));
    let written = fs::File::create(&temp).and_then(|mut file| {
        file.write_all(&serde_json::to_vec(state).map_err(std::io::Error::other)?)?;
        file.sync_all()
    });
    match written.and_then(|()| fs::rename(&temp, path)) {
        Ok(()) => Ok(()),
        Err(err) => {
            let _ = fs::remove_file(&temp);
            Err(fail(err))
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
        assert_eq!(load(&path).unwrap(), ReadState::default());
        let mut state = ReadState::default();
        state.remember(Path::new("/lib/a.txt"), Position { line: 12, of: 40 });
        save(&path, &state).unwrap();
        let loaded = load(&path).unwrap();
        assert!(loaded.is_read(Path::new("/lib/a.txt")));
        assert_eq!(loaded.position(Path::new("/lib/a.txt")), Position { line: 12, of: 40 });
        assert_eq!(fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temp file left");
    }

    #[test]
    fn an_unusable_state_dir_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "x").unwrap();
        assert!(save(&blocker.join("state.json"), &ReadState::default()).is_err());
        fs::write(dir.path().join("bad.json"), "{not json").unwrap();
        assert!(load(&dir.path().join("bad.json")).is_err());
    }
}
