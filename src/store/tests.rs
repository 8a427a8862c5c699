use std::os::unix::fs::PermissionsExt;

use super::*;

pub(crate) fn sample(id: &str, article: &str, exact: &str, created: i64) -> Highlight {
    Highlight {
        id: id.into(),
        article: article.into(),
        title: "Tiêu đề".into(),
        quote: Quote { exact: exact.into(), prefix: "trước ".into(), suffix: " sau".into() },
        block: 2,
        note: String::new(),
        created,
        updated: created,
        detached: false,
    }
}

#[test]
fn keeps_highlights_notes_and_tags_across_opens() {
    let dir = tempfile::tempdir().unwrap();
    {
        let Opened { mut store, notes } = Store::open(dir.path()).unwrap();
        assert!(notes.is_empty() && store.read_only().is_none());
        store.put_highlight(&sample("a", "/lib/x.txt", "cầu mới", 1)).unwrap();
        store.put_highlight(&sample("b", "/lib/x.txt", "thông xe", 2)).unwrap();
        store.put_highlight(&sample("c", "/lib/y.txt", "khác", 3)).unwrap();
        let mut edited = sample("a", "/lib/x.txt", "cầu mới", 1);
        edited.note = "ghi chú ✎".into();
        store.put_highlight(&edited).unwrap();
        store.set_article_note("/lib/x.txt", "Tiêu đề", "đọc lại").unwrap();
        let tags = store.edit_tags("/lib/x.txt", &TagEdit::parse("Metro, cầu -none")).unwrap();
        assert_eq!(tags, ["cầu", "metro"]);
        store.edit_tags("/lib/y.txt", &TagEdit::parse("metro")).unwrap();
        assert!(store.delete_highlight("c").unwrap());
        assert!(!store.delete_highlight("c").unwrap(), "gone already");
    }
    let Opened { mut store, notes } = Store::open(dir.path()).unwrap();
    assert!(notes.is_empty(), "a clean close leaves no marker: {notes:?}");
    let x = store.annotations("/lib/x.txt").unwrap();
    assert_eq!(x.highlights.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
    assert_eq!(x.highlights[0].note, "ghi chú ✎");
    assert_eq!(x.highlights[0].quote.prefix, "trước ");
    assert_eq!(x.highlights[0].block, 2);
    assert_eq!((x.note.as_str(), x.tags.clone()), ("đọc lại", vec!["cầu".to_string(), "metro".to_string()]));
    assert_eq!(store.all_tags().unwrap(), ["metro", "cầu"], "most used first");
    assert_eq!(store.all_highlights().unwrap().iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), ["b", "a"]);
    assert_eq!(store.edit_tags("/lib/x.txt", &TagEdit::parse("-metro")).unwrap(), ["cầu"]);
    store.set_article_note("/lib/x.txt", "Tiêu đề", "").unwrap();
    assert!(store.annotations("/lib/x.txt").unwrap().note.is_empty());
}

#[test]
fn a_marker_left_by_a_dead_reader_means_an_integrity_check() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    // A pid that no process has: pid_max is at most 2^22.
    let stale = marker_path(&dir.path().join(FILE_NAME), 4_194_304 + 7);
    fs::write(&stale, b"").unwrap();
    let opened = Store::open(dir.path()).unwrap();
    assert!(opened.notes.is_empty(), "an intact store: no note");
    assert!(!stale.exists(), "the dead reader's marker is taken");
    let own = marker_path(&dir.path().join(FILE_NAME), std::process::id());
    assert!(own.exists());
    drop(opened);
    assert!(!own.exists());
}

#[test]
fn a_damaged_store_found_after_an_unclean_exit_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let mut store = Store::open(dir.path()).unwrap().store;
        for n in 0..200 {
            store.put_highlight(&sample(&n.to_string(), "/lib/x.txt", &"chữ ".repeat(50), n)).unwrap();
        }
    }
    // Scribble over pages in the middle of the file, as a failing disk would.
    let mut bytes = fs::read(&path).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle..middle + 8192].fill(0x5a);
    fs::write(&path, &bytes).unwrap();
    fs::write(marker_path(&path, 4_194_304 + 9), b"").unwrap();
    let opened = Store::open(dir.path()).unwrap();
    assert_eq!(opened.notes.len(), 1, "{:?}", opened.notes);
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("notes.sqlite.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), bytes, "kept as it was");
    assert!(opened.store.all_highlights().unwrap().is_empty(), "a new store");
}

#[test]
fn a_read_only_state_dir_reads_what_is_stored_and_refuses_changes() {
    if rustix::process::geteuid().is_root() {
        eprintln!("skipped: root writes read-only folders");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap().store;
        store.put_highlight(&sample("a", "/lib/x.txt", "giữ nguyên", 1)).unwrap();
    }
    let before = fs::read(dir.path().join(FILE_NAME)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let opened = Store::open(dir.path());
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let Opened { mut store, notes } = opened.unwrap();
    assert_eq!(notes.len(), 1, "the reader is told");
    assert!(store.read_only().is_some());
    assert_eq!(store.all_highlights().unwrap().len(), 1);
    assert!(store.put_highlight(&sample("b", "/lib/x.txt", "mới", 2)).is_err());
    assert_eq!(fs::read(dir.path().join(FILE_NAME)).unwrap(), before, "nothing stored is touched");
}

#[test]
fn a_state_dir_that_cannot_be_made_opens_empty_and_read_only_and_reading_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    fs::write(&blocker, "x").unwrap();
    let Opened { mut store, notes } = Store::open(&blocker.join("state")).unwrap();
    assert_eq!(notes.len(), 1, "the reader is told");
    assert!(store.all_highlights().unwrap().is_empty());
    assert!(store.put_highlight(&sample("a", "/lib/x.txt", "mới", 1)).is_err());
    assert_eq!(fs::read_to_string(&blocker).unwrap(), "x");
    let empty = Store::open_read_only(&dir.path().join("none.sqlite")).unwrap();
    assert!(empty.all_highlights().unwrap().is_empty());
    assert!(!dir.path().join("none.sqlite").exists(), "reading never makes a store");
}

#[test]
fn tags_are_read_from_words_and_minus_words() {
    let edit = TagEdit::parse(" Metro,  -Cầu  - tàu-điện ");
    assert_eq!(edit.add, ["metro", "tàu-điện"]);
    assert_eq!(edit.remove, ["cầu"]);
}
