//! The stories grouped for one state of the index are kept beside it, so a new process (a
//! `search`) reads its hits' stories from them instead of grouping the whole library again; a
//! damaged file, or one of another state, is never trusted: the stories are grouped again and
//! come out the same. (A search reads only its hits' part of the file: what it reads is
//! checked; `list --json`, which reads every story, checks the whole.)

use crate::index_stories::stories_library;
use crate::support::library::{json_of, Library};

const STORIES_FILE: &str = "newsdesk-stories";

/// Each hit's path and story id, and its copies, for a query over the story fixtures.
fn stories_found(library: &Library) -> Vec<(String, String, usize)> {
    let dir = library.index_dir();
    let args = ["search", "--json", "--index-dir", dir.to_str().unwrap(), "ferry OR lũ OR levy OR lúa"];
    let found = json_of(library, &args);
    let hits = found["hits"].as_array().unwrap();
    let mut out: Vec<(String, String, usize)> = hits
        .iter()
        .map(|hit| {
            let copies = hit["copies"].as_array().map_or(0, Vec::len);
            (hit["path"].as_str().unwrap().to_string(), hit["story"].as_str().unwrap().to_string(), copies)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_search_keeps_the_stories_and_a_bad_file_is_grouped_again() {
    let (library, index) = stories_library();
    drop(index);
    let kept = library.index_dir().join(STORIES_FILE);
    let first = stories_found(&library);
    assert!(first.iter().any(|(_, _, copies)| *copies > 0), "a hit with copies: {first:?}");
    assert!(kept.is_file(), "the first search keeps the stories beside the index");
    let written = std::fs::read(&kept).unwrap();
    assert_eq!(stories_found(&library), first, "loaded, the same stories");

    // A flipped byte fails a checksum; a truncated file its shape; both are grouped again.
    let dir = library.index_dir();
    let list = ["list", "--json", "--index-dir", dir.to_str().unwrap()];
    let [flipped, truncated, not_ours] = crate::support::damaged_copies(&written);
    for damaged in [flipped, truncated] {
        std::fs::write(&kept, &damaged).unwrap();
        assert_eq!(stories_found(&library), first, "what a search reads damaged is not trusted");
        json_of(&library, &list);
        assert_eq!(std::fs::read(&kept).unwrap(), written, "grouped again and kept again");
    }
    std::fs::write(&kept, &not_ours).unwrap();
    assert_eq!(stories_found(&library), first);
    assert_eq!(std::fs::read(&kept).unwrap(), written, "a search that cannot trust it groups them again");

    // A new state of the index (an article added): the kept stories are not its own.
    library.write("en/late-note.md", "# A late note\n\nNothing to do with any flood or river at all.\n");
    let args =
        ["search", "--json", "--refresh", "--index-dir", dir.to_str().unwrap(), "ferry OR lũ OR levy OR lúa"];
    let again = json_of(&library, &args);
    assert!(again["hits"].as_array().unwrap().len() >= first.len());
    assert_ne!(std::fs::read(&kept).unwrap(), written, "the new state's stories kept");
}
