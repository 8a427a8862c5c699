//! What newsdesk may move or delete: only an index folder it can prove it made. The proof is
//! the stamp file (a name and a first line no other program writes) and nothing in the folder
//! but files of the shapes tantivy and newsdesk write there. A folder that merely looks like an
//! index (it has a `meta.json`) may be a user's library: it is refused and left as it is.

use std::ffi::OsStr;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

use super::fresh::{REFRESHING_FILE, SEEN_FILE, VERIFIED_FILE};
use super::types::IndexError;
use crate::shown::shown_path;

pub const STAMP_FILE: &str = "newsdesk-stamp";
/// Every stamp newsdesk has written starts with this and a version number:
/// `newsdesk-index 1; schema 3; …` (and `newsdesk-index 0` before that).
const STAMP_PREFIX: &str = "newsdesk-index ";
/// A stamp is one short line; a longer file of that name is not one.
const MAX_STAMP_BYTES: u64 = 4096;
/// Files tantivy keeps beside its segments.
const TANTIVY_FILES: [&str; 4] = ["meta.json", ".managed.json", ".tantivy-meta.lock", ".tantivy-writer.lock"];
/// The endings of a segment's files, after its 32-hex-digit id (deletes are `.<opstamp>.del`).
const SEGMENT_ENDINGS: [&str; 7] = [".idx", ".pos", ".term", ".store", ".store.temp", ".fast", ".fieldnorm"];
/// newsdesk's records beside the index: what the library looked like, when the index was verified.
const NEWSDESK_RECORDS: [&str; 3] = [SEEN_FILE, VERIFIED_FILE, REFRESHING_FILE];
/// The writability probe, a file of newsdesk's own (`.newsdesk-probe-<pid>`).
pub const PROBE_PREFIX: &str = ".newsdesk-probe-";
/// tantivy's atomic writes go through `tempfile` files: `.tmp` and random letters or digits.
pub const TEMP_PREFIX: &str = ".tmp";

/// What an existing folder holds.
#[derive(Debug, Default)]
pub struct Examined {
    /// Nothing in it but, at most, the passing files of another newsdesk creating its index
    /// there at this moment (a writability probe, the stamp being written).
    pub empty: bool,
    /// The stamp's first line, when the folder carries newsdesk's stamp.
    pub stamp: Option<String>,
    /// What is in it that newsdesk does not write there (a few names, for the message).
    pub foreign: Vec<String>,
}

impl Examined {
    /// newsdesk's index and nothing else: newsdesk may move it aside or delete it.
    pub fn provably_ours(&self) -> bool {
        self.stamp.is_some() && self.foreign.is_empty()
    }
}

/// Looks at every entry of `dir` (without following links).
pub fn examine(dir: &Path) -> Result<Examined, IndexError> {
    let mut examined = Examined { empty: true, ..Examined::default() };
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let regular = entry.file_type()?.is_file();
        examined.empty &= regular && passing(&name);
        if regular && name == STAMP_FILE {
            match read_stamp(&entry.path())? {
                Some(stamp) => examined.stamp = Some(stamp),
                None => {
                    let t = crate::strings::text();
                    examined.foreign.push(crate::strings::fill(t.foreign_stamp, &[("stamp", &STAMP_FILE)]));
                }
            }
        } else if !(regular && written_by_newsdesk_or_tantivy(&name)) {
            examined.foreign.push(crate::shown::shown_text(&name.to_string_lossy()));
        }
    }
    examined.foreign.sort();
    Ok(examined)
}

/// The stamp's first line, if the file is one newsdesk wrote.
fn read_stamp(path: &Path) -> io::Result<Option<String>> {
    let mut text = String::new();
    let read = fs::File::open(path)?.take(MAX_STAMP_BYTES + 1).read_to_string(&mut text);
    if read.is_err() || text.len() as u64 > MAX_STAMP_BYTES {
        return Ok(None);
    }
    let first = text.lines().next().unwrap_or_default().trim();
    let version = first.strip_prefix(STAMP_PREFIX).map(|rest| rest.split(';').next().unwrap_or_default());
    Ok(version
        .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .then(|| first.to_string()))
}

/// A file newsdesk writes and removes or renames at once: its probe, a temporary file.
fn passing(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else { return false };
    [PROBE_PREFIX, TEMP_PREFIX].iter().any(|prefix| name.starts_with(prefix))
        && written_by_newsdesk_or_tantivy(name.as_ref())
}

fn written_by_newsdesk_or_tantivy(name: &OsStr) -> bool {
    let Some(name) = name.to_str() else { return false };
    let all = |text: &str, test: fn(u8) -> bool| !text.is_empty() && text.bytes().all(test);
    if TANTIVY_FILES.contains(&name)
        || NEWSDESK_RECORDS.contains(&name)
        || name == super::furniture::MODEL_FILE
        || name == super::story_file::STORIES_FILE
        || name == super::ranks_file::TITLE_RANKS_FILE
        || name == super::pairs::PAIRS_FILE
    {
        return true;
    }
    let written_whole = [
        super::furniture::MODEL_FILE,
        super::story_file::STORIES_FILE,
        super::ranks_file::TITLE_RANKS_FILE,
        super::pairs::PAIRS_FILE,
    ];
    if let Some(pid) = written_whole
        .iter()
        .find_map(|file| name.strip_prefix(file).and_then(|rest| rest.strip_prefix(".tmp-")))
    {
        return all(pid, |b| b.is_ascii_digit());
    }
    if let Some(pid) = name.strip_prefix(PROBE_PREFIX) {
        return all(pid, |b| b.is_ascii_digit());
    }
    if let Some(random) = name.strip_prefix(TEMP_PREFIX) {
        return all(random, |b| b.is_ascii_alphanumeric());
    }
    let Some((id, ending)) = name.split_at_checked(32) else { return false };
    let segment_id = all(id, |b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let delete_file = ending
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".del"))
        .is_some_and(|opstamp| all(opstamp, |b| b.is_ascii_digit()));
    segment_id && (SEGMENT_ENDINGS.contains(&ending) || delete_file)
}

/// Refuses to move or delete `dir` unless it is provably newsdesk's index.
pub fn require_ours(dir: &Path, what: &str) -> Result<(), IndexError> {
    let examined = examine(dir)?;
    if examined.provably_ours() {
        return Ok(());
    }
    Err(IndexError::Refused(not_ours(dir, &examined, what)))
}

/// Why newsdesk leaves `dir` alone, and what the user can do.
pub fn not_ours(dir: &Path, examined: &Examined, what: &str) -> String {
    let shown = shown_path(dir);
    let t = crate::strings::text();
    let names = &examined.foreign;
    let mut found = names.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    if names.len() > 5 {
        found = crate::strings::fill(t.and_more, &[("list", &found), ("n", &(names.len() - 5))]);
    }
    let template = if examined.stamp.is_none() { t.not_ours_unstamped } else { t.not_ours_foreign };
    let args: [(&str, &dyn std::fmt::Display); 4] =
        [("dir", &shown), ("stamp", &STAMP_FILE), ("found", &found), ("what", &what)];
    crate::strings::fill(template, &args)
}

/// Deletes a folder that was moved aside after [`require_ours`] proved it newsdesk's: only
/// files of the shapes newsdesk and tantivy write, then the folder if that emptied it. A file
/// that appeared meanwhile stays, and so does the folder.
pub fn delete_moved_aside(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let regular = entry.file_type().is_ok_and(|kind| kind.is_file());
        let ours = name == STAMP_FILE || written_by_newsdesk_or_tantivy(&name);
        if regular && ours {
            let _ = fs::remove_file(entry.path());
        }
    }
    let _ = fs::remove_dir(dir);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shapes_of_an_index_are_known_and_nothing_else() {
        let id = "0123456789abcdef0123456789abcdef";
        for name in [
            "meta.json".to_string(),
            ".managed.json".into(),
            ".tantivy-writer.lock".into(),
            ".tantivy-meta.lock".into(),
            ".newsdesk-probe-4242".into(),
            ".tmpA1b2C3".into(),
            "newsdesk-seen.json".into(),
            "newsdesk-refreshing".into(),
            format!("{id}.idx"),
            format!("{id}.store.temp"),
            format!("{id}.fieldnorm"),
            format!("{id}.12.del"),
            "furniture-model".into(),
            "furniture-model.tmp-77".into(),
        ] {
            assert!(written_by_newsdesk_or_tantivy(OsStr::new(&name)), "{name}");
        }
        for name in [
            "article.json".to_string(),
            "notes.txt".into(),
            ".newsdesk-probe-x".into(),
            ".tmp".into(),
            format!("{id}.txt"),
            format!("{}.idx", &id[1..]),
            format!("{}.idx", id.to_uppercase()),
            format!("{id}.del"),
            format!("{id}.x.del"),
            "newsdesk-stamp".into(),
            "furniture-model.tmp-".into(),
            "furniture-model.old".into(),
        ] {
            assert!(!written_by_newsdesk_or_tantivy(OsStr::new(&name)), "{name}");
        }
    }

    #[test]
    fn another_newsdesks_passing_files_leave_a_folder_empty_and_nothing_else_does() {
        let dir = tempfile::tempdir().unwrap();
        assert!(examine(dir.path()).unwrap().empty);
        fs::write(dir.path().join(".newsdesk-probe-4242"), "mine").unwrap();
        fs::write(dir.path().join(".tmpstamp4242"), "newsdesk-index 1").unwrap();
        let examined = examine(dir.path()).unwrap();
        assert!(examined.empty && examined.foreign.is_empty(), "{examined:?}");
        fs::write(dir.path().join("meta.json"), "{}").unwrap();
        assert!(!examine(dir.path()).unwrap().empty, "an index's own file");
        fs::remove_file(dir.path().join("meta.json")).unwrap();
        fs::create_dir(dir.path().join(".tmpdir")).unwrap();
        assert!(!examine(dir.path()).unwrap().empty, "a folder is not a passing file");
    }

    #[test]
    fn only_newsdesks_own_stamp_text_is_a_stamp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(STAMP_FILE);
        for (text, ours) in [
            ("newsdesk-index 1; schema 3; newsdesk 0.1.0\n", true),
            ("newsdesk-index 0\n", true),
            ("newsdesk-index 12", true),
            ("newsdesk-index ; schema 3\n", false),
            ("newsdesk-index x\n", false),
            ("my notes about newsdesk-index 1\n", false),
            ("", false),
        ] {
            fs::write(&path, text).unwrap();
            assert_eq!(read_stamp(&path).unwrap().is_some(), ours, "{text:?}");
        }
        fs::write(&path, format!("newsdesk-index 1\n{}", "x".repeat(5000))).unwrap();
        assert_eq!(read_stamp(&path).unwrap(), None, "too long to be a stamp");
    }
}
