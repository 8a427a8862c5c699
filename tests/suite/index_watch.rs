//! Following the library: a file saved while `index --watch` or the reader runs reaches the
//! index within a few seconds, with no query to look for it. The wait is a deadline against
//! hanging, not a timing: each round saves the file again (a watch that works sees the first).

use std::path::Path;
use std::time::{Duration, Instant};

use crate::support::library::{hit_names, Library};
use crate::support::process::{start, Newsdesk};
use crate::support::reader::{key, type_keys};
use crossterm::event::KeyCode;
use newsdesk::index::Index;
use newsdesk::session::Session;
use serde_json::json;

const DEADLINE: Duration = Duration::from_secs(20);
const SAVE_AGAIN_EVERY: Duration = Duration::from_secs(3);

fn library() -> Library {
    let library = Library::new();
    library.json("thoi-su/a.json", "Tin cũ", "một bài đã có từ trước", json!({}));
    library
}

fn save_new_article(library: &Library) {
    library.json("thoi-su/moi.json", "Tin mới", "bão số chín đổ bộ vào miền Trung", json!({}));
}

/// Saves the new article until `found` says it arrived (true), or the deadline passes (false).
fn saved_and_found(library: &Library, mut found: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < DEADLINE {
        save_new_article(library);
        let saved = Instant::now();
        while saved.elapsed() < SAVE_AGAIN_EVERY {
            if found() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    false
}

/// The index as another process sees it: searched as it is, never refreshed.
fn indexed(root: &Path, index_dir: &Path) -> Index {
    Index::open(root, index_dir).unwrap().0
}

#[test]
fn a_file_saved_while_index_watches_is_searchable_within_seconds() {
    let library = library();
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    newsdesk.run(&["index"]).assert_success("first index");
    let watching = start(newsdesk.command(&["index", "--watch"]));
    let index = indexed(library.root.path(), &library.index_dir());
    // The watch's own first pass has nothing to add; then the save is what it must catch.
    let found = saved_and_found(&library, || hit_names(&index, "bão số chín") == ["moi.json"]);
    let finished = watching.finish_within(Duration::ZERO);
    let stderr = finished.map(|finished| finished.stderr).unwrap_or_default();
    assert!(found, "the saved file never reached the index:\n{stderr}");
}

#[test]
fn a_file_saved_while_the_reader_is_open_reaches_its_list() {
    let library = library();
    let state = tempfile::tempdir().unwrap();
    let mut session =
        Session::open(library.root.path(), &library.index_dir(), state.path().join("state.json"));
    session.start_refresh();
    session.wait_for_refresh();
    assert_eq!(session.app.articles.len(), 1);
    session.start_watch();
    let found = saved_and_found(&library, || {
        session.settle();
        session.app.articles.iter().any(|article| article.path.ends_with("thoi-su/moi.json"))
    });
    assert!(found, "the list never showed the saved file");
    let index = indexed(library.root.path(), &library.index_dir());
    assert_eq!(hit_names(&index, "bão số chín"), ["moi.json"]);
}

#[test]
fn a_file_saved_while_the_reader_is_open_reaches_its_open_search_results() {
    let library = library();
    library.json("thoi-su/b.json", "Bão số chín đã qua", "bão số chín tan trên đất liền", json!({}));
    let state = tempfile::tempdir().unwrap();
    let mut session =
        Session::open(library.root.path(), &library.index_dir(), state.path().join("state.json"));
    session.start_refresh();
    session.wait_for_refresh();
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "bão số chín");
    let hits = |session: &Session| -> Vec<String> {
        let results = session.app.hits().map(|results| results.hits.as_slice()).unwrap_or_default();
        results
            .iter()
            .map(|hit| hit.article.path.file_name().unwrap().to_string_lossy().into_owned())
            .collect()
    };
    assert_eq!(hits(&session), ["b.json"]);
    session.start_watch();
    // Nothing is typed while waiting: the results must be run again on their own.
    let found = saved_and_found(&library, || {
        session.settle();
        hits(&session).contains(&"moi.json".to_string())
    });
    assert!(found, "the open results never showed the saved file: {:?}", hits(&session));
    assert_eq!(session.app.search.text, "bão số chín", "the query stays as typed");
    let selected = session.app.selected_summary().map(|summary| summary.path);
    assert!(selected.is_some_and(|path| path.ends_with("b.json")), "the selection stays on its article");
}
