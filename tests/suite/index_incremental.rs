//! Keeping the index in step with the library: add, change, delete, rename, nothing changed,
//! unreadable files, version stamps and corrupt indexes.

use std::fs;

use crate::support::library::{hit_names, refresh, Library};
use newsdesk::index::{Index, RefreshOptions, Scope, STAMP_FILE};
use serde_json::json;

fn meta(library: &Library) -> String {
    fs::read_to_string(library.index_dir().join("meta.json")).unwrap()
}

#[test]
fn add_change_delete_and_rename() {
    let library = Library::new();
    library.json("a.json", "Alpha story", "apples grow here", json!({}));
    library.json("b.json", "Beta story", "bananas grow there", json!({}));
    let (index, notes) = library.open();
    assert!(notes.is_empty(), "{notes:?}");
    let first = refresh(&index);
    assert_eq!((first.seen, first.added), (2, 2));

    library.json("c.json", "Gamma story", "cherries", json!({}));
    library.json("a.json", "Alpha story, revised", "apricots now", json!({}));
    fs::remove_file(library.path("b.json")).unwrap();
    let summary = refresh(&index);
    assert_eq!((summary.added, summary.updated, summary.removed, summary.unchanged), (1, 1, 1, 0));
    assert_eq!(hit_names(&index, "cherries"), ["c.json"]);
    assert_eq!(hit_names(&index, "apricots"), ["a.json"]);
    assert!(hit_names(&index, "apples").is_empty());
    assert!(hit_names(&index, "bananas").is_empty());

    fs::create_dir(library.path("moved")).unwrap();
    fs::rename(library.path("c.json"), library.path("moved/c2.json")).unwrap();
    let summary = refresh(&index);
    assert_eq!((summary.renamed, summary.added, summary.removed, summary.unchanged), (1, 0, 0, 1));
    let results = index.search("cherries", 5).unwrap();
    assert_eq!(results.hits.len(), 1);
    assert_eq!(results.hits[0].article.path, library.path("moved/c2.json"));
    assert_eq!(index.len(), 2);
}

#[test]
fn nothing_changed_means_no_commit() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    let index = library.indexed();
    let before = meta(&library);
    let summary = refresh(&index);
    assert_eq!((summary.seen, summary.unchanged, summary.added, summary.updated), (1, 1, 0, 0));
    assert_eq!(meta(&library), before);
}

#[test]
fn a_touched_file_is_not_counted_as_changed() {
    let library = Library::new();
    let path = library.json("a.json", "Alpha", "text", json!({}));
    let index = library.indexed();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    fs::File::options().write(true).open(&path).unwrap().set_modified(later).unwrap();
    let summary = refresh(&index);
    assert_eq!((summary.unchanged, summary.updated), (1, 0));
    // The new time is remembered: the next refresh reads nothing.
    let before = meta(&library);
    refresh(&index);
    assert_eq!(meta(&library), before);
}

#[test]
fn unreadable_files_are_reported_every_time_but_read_once() {
    let library = Library::new();
    library.json("good.json", "Good", "fine text", json!({}));
    library.write("broken.json", "{ not json");
    let index = library.indexed();
    let before = meta(&library);
    let summary = refresh(&index);
    assert_eq!(summary.skipped.len(), 1);
    assert!(summary.skipped[0].reason.to_string().contains("JSON"), "{}", summary.skipped[0].reason);
    assert_eq!(meta(&library), before);
    assert_eq!(index.len(), 1);
    assert_eq!(index.articles().len(), 1);
    // The cheap check (a query's) reports it from the index's tombstones.
    assert_eq!(cheap_check(&index).skipped.len(), 1);

    library.json("broken.json", "Fixed now", "repaired text", json!({}));
    let summary = refresh(&index);
    assert_eq!((summary.updated, summary.skipped.len()), (1, 0));
    assert_eq!(hit_names(&index, "repaired"), ["broken.json"]);
    assert_eq!(cheap_check(&index).skipped.len(), 0, "fixed: {:?}", cheap_check(&index));
}

fn cheap_check(index: &Index) -> newsdesk::index::RefreshSummary {
    let options = RefreshOptions { rebuild: false, verify: false, scope: Scope::Changed };
    index.refresh_with(&options, &mut |_| {}).unwrap()
}

#[test]
fn rebuild_starts_from_scratch() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    let index = library.indexed();
    let summary = index.refresh(true, &mut |_| {}).unwrap();
    assert_eq!((summary.added, summary.unchanged), (1, 0));
    assert_eq!(index.len(), 1);
}

#[test]
fn another_version_stamp_rebuilds() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    drop(library.indexed());
    fs::write(library.index_dir().join(STAMP_FILE), "newsdesk-index 0\n").unwrap();
    let (index, notes) = library.open();
    assert!(notes.iter().any(|note| note.contains("another newsdesk version")), "{notes:?}");
    assert!(index.is_empty());
    assert_eq!(refresh(&index).added, 1);
    assert_eq!(hit_names(&index, "alpha"), ["a.json"]);
}

fn moved_aside(library: &Library) -> Vec<String> {
    fs::read_dir(library.cache.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("index.broken-"))
        .collect()
}

#[test]
fn a_corrupt_meta_json_is_moved_aside_and_rebuilt() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    drop(library.indexed());
    fs::write(library.index_dir().join("meta.json"), "{ garbage").unwrap();
    let (index, notes) = library.open();
    assert!(notes.iter().any(|note| note.contains("could not be read")), "{notes:?}");
    assert_eq!(moved_aside(&library).len(), 1);
    assert_eq!(refresh(&index).added, 1);
    assert_eq!(hit_names(&index, "alpha"), ["a.json"]);
}

#[test]
fn a_truncated_segment_is_moved_aside_and_rebuilt() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    drop(library.indexed());
    let segment_file = fs::read_dir(library.index_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "idx"))
        .expect("a segment file");
    fs::write(&segment_file, b"xx").unwrap();
    let (index, notes) = library.open();
    assert!(notes.iter().any(|note| note.contains("could not be read")), "{notes:?}");
    assert_eq!(moved_aside(&library).len(), 1);
    assert_eq!(refresh(&index).added, 1);
}

#[test]
fn an_index_shared_with_a_background_refresh() {
    let library = Library::new();
    library.json("a.json", "Alpha", "text", json!({}));
    let (index, _) = library.open();
    let index: std::sync::Arc<Index> = std::sync::Arc::new(index);
    let worker = {
        let index = index.clone();
        std::thread::spawn(move || index.refresh(false, &mut |_| {}).map(|summary| summary.added))
    };
    assert_eq!(worker.join().unwrap().unwrap(), 1);
    assert_eq!(hit_names(&index, "alpha"), ["a.json"]);
}
