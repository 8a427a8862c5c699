//! A second process while this one holds the writer: `index` says the index is busy and fails
//! without damage; `search` still answers from what is indexed.

use std::process::Command;

use crate::support::library::{hit_names, refresh, Library};
use newsdesk::index::IndexError;
use serde_json::json;
use tantivy::{IndexWriter, TantivyDocument};

fn newsdesk(library: &Library, args: &[&str]) -> std::process::Output {
    // The flags go first: a query's words may start with '-' and take what follows them.
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    crate::support::plain_defaults(&mut command)
        .arg("--library")
        .arg(library.root.path())
        .arg("--index-dir")
        .arg(library.index_dir())
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_second_writer_is_told_the_index_is_busy() {
    let library = Library::new();
    library.json("a.json", "Alpha", "apples", json!({}));
    let index = library.indexed();
    library.json("b.json", "Beta", "bananas", json!({}));

    let held = tantivy::Index::open_in_dir(library.index_dir()).unwrap();
    let writer: IndexWriter<TantivyDocument> = held.writer(15_000_000).unwrap();

    let output = newsdesk(&library, &["index"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("the index is busy: another newsdesk is updating it"), "{stderr}");

    let output = newsdesk(&library, &["search", "--json", "apples"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("another newsdesk is updating the index"), "{stderr}");
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results["total"], 1);
    assert!(results["hits"][0]["path"].as_str().unwrap().ends_with("a.json"));

    drop(writer);
    let summary = refresh(&index);
    assert_eq!((summary.added, summary.unchanged), (1, 1));
    assert_eq!(hit_names(&index, "bananas"), ["b.json"]);
}

#[test]
fn what_looks_damaged_while_another_process_writes_is_left_alone() {
    let library = Library::new();
    library.json("a.json", "Alpha", "apples", json!({}));
    let index = library.indexed();
    crate::support::flip_a_byte(&library.index_dir(), "fast");

    let held = tantivy::Index::open_in_dir(library.index_dir()).unwrap();
    let writer: IndexWriter<TantivyDocument> = held.writer(15_000_000).unwrap();
    assert!(matches!(index.refresh(false, &mut |_| {}), Err(IndexError::Busy)));
    let siblings = std::fs::read_dir(library.cache.path()).unwrap().count();
    assert_eq!(siblings, 1, "the index was moved aside while another process held its writer");

    drop(writer);
    let summary = index.refresh(false, &mut |_| {}).unwrap();
    assert!(summary.notes.iter().any(|note| note.contains("checksum")), "{:?}", summary.notes);
    assert_eq!(hit_names(&index, "apples"), ["a.json"]);
}

#[test]
fn commands_print_what_the_issue_asks_for() {
    let library = Library::new();
    library.json(
        "a.json",
        "Mưa lớn ở Hà Nội",
        "Nhiều phố ngập.",
        json!({"published": "2022-04-14", "related": [
            {"title": "Đà Nẵng nắng đẹp", "url": "https://example.vn/da-nang?utm_source=x"},
            {"title": "Một bài không có ở đây"}]}),
    );
    library.json(
        "b.json",
        "Đà Nẵng nắng đẹp",
        "Biển xanh.",
        json!({"url": "http://www.example.vn/da-nang/"}),
    );

    let output = newsdesk(&library, &["index"]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(stdout.contains("2 files seen, 2 added"), "{stdout}");

    let output = newsdesk(&library, &["search", "--json", "ha", "noi"]);
    let results: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(results["query"], "ha noi");
    assert_eq!(results["total"], 1);
    let hit = &results["hits"][0];
    assert_eq!(hit["title"], "Mưa lớn ở Hà Nội");
    assert_eq!(hit["published"], "2022-04-14");
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert!(hit["snippet"].is_string());
    assert!(results["took_ms"].is_number());

    let output = newsdesk(&library, &["links", "--json", library.path("a.json").to_str().unwrap()]);
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(links["related"][0]["resolved"].as_str().unwrap().ends_with("b.json"));
    assert_eq!(links["related"][0]["url"], "https://example.vn/da-nang?utm_source=x");
    assert!(links["related"][1]["resolved"].is_null());

    let output = newsdesk(&library, &["links", "--json", library.path("b.json").to_str().unwrap()]);
    let links: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(links["related"], json!([]));
    assert!(links["linked_from"][0]["path"].as_str().unwrap().ends_with("a.json"));
    assert!(links["linked_from"][0].get("member").is_none(), "a file of one article has no member");

    let output = newsdesk(&library, &["search", "after:2022-99"]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("after: expects a date"));
}
