//! Queries trust a current index: what a query's cheap check looks at (folders, not files),
//! what it misses (a file edited in place) and what catches that, and when the index's own
//! files are checked against their checksums. Costs are counted, never timed.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use crate::support::library::{hit_names, Library};
use crate::support::process::Newsdesk;
use newsdesk::index::{Index, RefreshOptions, RefreshSummary, Scope, REFRESHING_FILE};
use serde_json::json;

const FOLDERS: [&str; 3] = ["thoi-su", "kinh-te", "the-thao"];
const PER_FOLDER: usize = 4;

/// Three folders of four articles each, their times an hour ago (settled: a folder changed
/// within the file system's clock tick of a walk is looked at again, whatever its time).
fn library() -> Library {
    let library = Library::new();
    for folder in FOLDERS {
        for number in 0..PER_FOLDER {
            let body = format!("bài số {number} của mục {folder}, viết cho phép thử");
            library.json(
                &format!("{folder}/{number}.json"),
                &format!("Tin {folder} {number}"),
                &body,
                json!({}),
            );
        }
    }
    settle(&library);
    library
}

/// Sets every folder's and file's modification time to one moment long past, as if the
/// library had been quiet (the same moment each time: a folder's time that moves is a change;
/// a file written within the clock tick of a walk has its folder looked at again).
fn settle(library: &Library) {
    let long_ago = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    let root = library.root.path();
    for folder in FOLDERS.iter().map(|name| root.join(name)).chain([root.to_path_buf()]) {
        if folder.is_dir() {
            for file in fs::read_dir(&folder).unwrap().flatten().filter(|entry| entry.path().is_file()) {
                set_modified(&file.path(), long_ago);
            }
            set_modified(&folder, long_ago);
        }
    }
}

fn set_modified(path: &Path, when: SystemTime) {
    fs::File::open(path).unwrap().set_modified(when).unwrap();
}

fn refresh_with(index: &Index, scope: Scope, verify: bool) -> RefreshSummary {
    index.refresh_with(&RefreshOptions { rebuild: false, verify, scope }, &mut |_| {}).unwrap()
}

fn cost(summary: &RefreshSummary) -> (usize, usize, bool) {
    (summary.files_looked_at, summary.files_read, summary.verified)
}

#[test]
fn a_query_on_an_unchanged_library_looks_at_no_file() {
    let library = library();
    let index = library.indexed();
    let summary = refresh_with(&index, Scope::Changed, false);
    assert_eq!(cost(&summary), (0, 0, false));
    assert_eq!((summary.seen, summary.unchanged), (12, 12), "the summary is the index's");
    // The full check looks at every file and reads none.
    let full = refresh_with(&index, Scope::Everything, false);
    assert_eq!(cost(&full), (12, 0, false));
}

#[test]
fn a_file_added_or_removed_is_found_by_walking_its_folder_alone() {
    let library = library();
    let index = library.indexed();
    library.json("kinh-te/gia-vang.json", "Giá vàng tăng", "giá vàng hôm nay tăng mạnh", json!({}));
    fs::remove_file(library.path("the-thao/0.json")).unwrap();
    let summary = refresh_with(&index, Scope::Changed, false);
    // Two folders walked: 5 files in kinh-te, 3 left in the-thao; one file read.
    assert_eq!(cost(&summary), (8, 1, false));
    assert_eq!((summary.added, summary.removed), (1, 1));
    assert_eq!((summary.seen, summary.unchanged), (12, 11));
    assert_eq!(hit_names(&index, "giá vàng"), ["gia-vang.json"]);

    // A new folder changes its parent's time: the library itself is walked.
    library.json("moi/bai.json", "Mục mới", "một mục hoàn toàn mới", json!({}));
    let summary = refresh_with(&index, Scope::Changed, false);
    assert_eq!((summary.added, summary.files_read), (1, 1));
    assert_eq!(hit_names(&index, "hoàn toàn mới"), ["bai.json"]);
}

#[test]
fn a_file_edited_in_place_is_missed_by_the_cheap_check_and_caught_by_the_full_one() {
    let library = library();
    let index = library.indexed();
    library.json("thoi-su/1.json", "Tin sửa", "nội dung đã sửa tại chỗ", json!({}));
    settle(&library);
    let cheap = refresh_with(&index, Scope::Changed, false);
    assert_eq!(cost(&cheap), (0, 0, false));
    assert!(hit_names(&index, "sửa tại chỗ").is_empty(), "the cheap check cannot see it");
    let full = refresh_with(&index, Scope::Everything, false);
    assert_eq!((full.updated, full.files_read), (1, 1));
    assert_eq!(hit_names(&index, "sửa tại chỗ"), ["1.json"]);
}

#[test]
fn checksums_are_verified_only_when_the_index_may_be_damaged() {
    let library = library();
    let index = library.indexed();
    assert!(!refresh_with(&index, Scope::Changed, false).verified, "a clean refresh wrote it");
    // A refresh that did not end: its marker left behind, nobody holding it.
    fs::write(library.index_dir().join(REFRESHING_FILE), "").unwrap();
    assert!(refresh_with(&index, Scope::Changed, false).verified);
    assert!(!refresh_with(&index, Scope::Changed, false).verified, "verified once is enough");
    // An index file changed since it was verified (its time, here).
    let store = fs::read_dir(library.index_dir())
        .unwrap()
        .flatten()
        .map(|entry| entry.path())
        .find(|path| path.extension().is_some_and(|ext| ext == "store"))
        .unwrap();
    set_modified(&store, SystemTime::now() - Duration::from_secs(60));
    assert!(refresh_with(&index, Scope::Changed, false).verified);
    assert!(refresh_with(&index, Scope::Changed, true).verified, "asked for");
    assert!(!refresh_with(&index, Scope::Changed, false).verified);
}

#[test]
fn search_answers_from_the_index_and_refresh_looks_at_every_file() {
    let library = library();
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    newsdesk.run(&["index"]).assert_success("index");
    library.json("the-thao/moi.json", "Bóng đá", "trận chung kết bóng chuyền", json!({}));
    assert_eq!(newsdesk.search_json("bóng chuyền", 5)["total"], 1, "a new file is seen");
    library.json("thoi-su/2.json", "Tin sửa", "bản tin đã cập nhật lúc trưa", json!({}));
    settle(&library);
    assert_eq!(newsdesk.search_json("cập nhật lúc trưa", 5)["total"], 0);
    let refreshed = newsdesk.run(&["search", "--json", "--refresh", "cập nhật lúc trưa"]);
    refreshed.assert_success("search --refresh");
    let results: serde_json::Value = serde_json::from_str(&refreshed.stdout).unwrap();
    assert_eq!(results["total"], 1, "--refresh catches a file edited in place");
}

#[test]
fn index_takes_the_cheap_check_says_what_it_misses_and_refresh_catches_it() {
    let library = library();
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    newsdesk.run(&["index"]).assert_success("index");
    library.json("kinh-te/3.json", "Tin sửa", "giá điện đã sửa tại chỗ", json!({}));
    settle(&library);
    let folder = fs::metadata(library.root.path().join("kinh-te")).unwrap().modified().unwrap();
    assert_eq!(folder, SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000), "its folder's time kept");
    let cheap = newsdesk.run(&["index"]);
    cheap.assert_success("index");
    assert!(cheap.stdout.contains("0 updated"), "{}", cheap.stdout);
    assert!(cheap.stderr.contains("index --refresh"), "it says what catches an edit: {}", cheap.stderr);
    assert_eq!(newsdesk.search_json("giá điện", 5)["total"], 0, "missed by the cheap check");
    let full = newsdesk.run(&["index", "--refresh"]);
    full.assert_success("index --refresh");
    assert!(full.stdout.contains("1 updated"), "{}", full.stdout);
    assert!(!full.stderr.contains("index --refresh"), "every file was looked at: {}", full.stderr);
    assert_eq!(newsdesk.search_json("giá điện", 5)["total"], 1);
}
