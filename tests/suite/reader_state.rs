//! Read marks and reading positions in the store: the JSON state file of earlier newsdesks is
//! imported once and left in place (a mark changed after the import is never undone by it); a
//! file that does not parse is left as it is, the reader says why, and it is imported once it
//! is mended; two readers on one state directory both keep their marks. (A writer killed at
//! random moments: `store_safety`, whose writers store read marks too.)

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::reader::{fixture, key, open, BUS, CYCLING, METRO};
use crossterm::event::KeyCode;
use newsdesk::app::{Action, Position, ReadState};
use newsdesk::article::Address;
use newsdesk::store::Store;

/// Earlier marks as the JSON file held them: `count` old articles, then `metro` left at line 7.
fn json_marks(count: usize, metro: &Path) -> ReadState {
    let mut marks = ReadState::default();
    for n in 0..count {
        marks.remember(Path::new(&format!("/old/article-{n}.txt")), Position { line: n, of: 900 });
    }
    marks.remember(Address::member(Path::new("/old/crawl.warc"), "<urn:1>"), Position { line: 2, of: 9 });
    marks.remember(metro, Position { line: 7, of: 400 });
    marks
}

fn stored_marks(state: &Path) -> usize {
    let store = Store::open_read_only(&state.with_file_name(newsdesk::store::FILE_NAME)).unwrap();
    store.read_marks().unwrap().len()
}

fn files_beside(state: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(state.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with("reader-state"))
        .collect();
    found.sort();
    found
}

#[test]
fn the_json_state_file_is_imported_once_and_left_in_place() {
    let library = fixture();
    let (state, metro, bus) = (library.state_file(), library.article(METRO), library.article(BUS));
    fs::create_dir_all(state.parent().unwrap()).unwrap();
    let json = serde_json::to_vec(&json_marks(300, &metro)).unwrap();
    fs::write(&state, &json).unwrap();

    let mut first = library.session();
    let notice = first.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("302") && notice.contains("reader-state.json"), "the reader says so: {notice}");
    assert_eq!(first.app.read_state.position(&metro), Position { line: 7, of: 400 });
    let member = Address::member(Path::new("/old/crawl.warc"), "<urn:1>");
    assert!(first.app.read_state.is_read(&member));
    assert!(!first.app.read_state.is_read(Path::new("/old/crawl.warc")), "a member's mark is its own");
    assert_eq!(stored_marks(&state), 302);
    // Read on in metro: the mark changes after the import.
    open(&mut first, &metro);
    first.dispatch(Action::Resize { width: 120, height: 16 });
    for _ in 0..3 {
        first.press(key(KeyCode::Char('j')));
    }
    let left_at = first.app.open.as_ref().unwrap().position();
    assert_ne!(left_at, Position { line: 7, of: 400 });
    open(&mut first, &bus);
    first.press(key(KeyCode::Char('q')));
    assert_eq!(fs::read(&state).unwrap(), json, "the JSON file is never rewritten");
    assert_eq!(files_beside(&state), std::slice::from_ref(&state), "nor moved, nor anything made beside it");

    // An older newsdesk writes the file again: it is not taken in a second time.
    let mut rewritten = json_marks(300, &metro);
    rewritten.remember(&metro, Position { line: 1, of: 2 });
    fs::write(&state, serde_json::to_vec(&rewritten).unwrap()).unwrap();
    let second = library.session();
    assert!(second.app.notice.as_deref().is_none_or(|n| !n.contains("reader-state.json")));
    assert_eq!(second.app.read_state.position(&metro), left_at, "the change made after the import stands");
    assert!(second.app.read_state.is_read(&bus));
    assert_eq!(stored_marks(&state), 303, "no mark twice: 302 imported, bus added");
}

#[test]
fn a_state_file_that_does_not_parse_is_left_alone_and_imported_once_mended() {
    let library = fixture();
    let (state, metro, bus) = (library.state_file(), library.article(METRO), library.article(BUS));
    fs::create_dir_all(state.parent().unwrap()).unwrap();
    let marks = json_marks(500, &metro);
    let mut damaged = serde_json::to_vec(&marks).unwrap();
    // One stray byte between two entries.
    let comma = damaged.len() / 2 + damaged[damaged.len() / 2..].iter().position(|b| *b == b',').unwrap();
    damaged.insert(comma + 1, b'#');
    fs::write(&state, &damaged).unwrap();

    let mut session = library.session();
    let notice = session.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("reader-state.json") && notice.contains("left as it is"), "{notice}");
    open(&mut session, &bus);
    session.press(key(KeyCode::Char('q')));
    assert_eq!(fs::read(&state).unwrap(), damaged, "byte for byte");
    assert_eq!(files_beside(&state), std::slice::from_ref(&state));
    assert_eq!(stored_marks(&state), 1, "the new mark is kept in the store");

    // Mended by hand, it is taken in at the next start, beside the mark made meanwhile.
    fs::write(&state, serde_json::to_vec(&marks).unwrap()).unwrap();
    let again = library.session();
    assert!(again.app.read_state.is_read(&bus) && again.app.read_state.is_read(&metro));
    assert_eq!(stored_marks(&state), 503);
}

#[test]
fn two_readers_on_one_state_dir_both_keep_their_marks_and_positions() {
    let library = fixture();
    let (metro, bus, cycling) = (library.article(METRO), library.article(BUS), library.article(CYCLING));
    let mut first = library.session();
    let mut second = library.session();
    open(&mut first, &metro);
    open(&mut second, &bus);
    open(&mut first, &cycling);
    assert!(first.app.read_state.is_read(&bus), "the other reader's mark shows after a save");
    // The second reader reads on in metro: its position is the newer one.
    open(&mut second, &metro);
    second.dispatch(Action::Resize { width: 120, height: 16 });
    for _ in 0..5 {
        second.press(key(KeyCode::Char('j')));
    }
    let left_at = second.app.open.as_ref().unwrap().position();
    assert!(left_at.line > 0);
    second.press(key(KeyCode::Char('q')));
    first.press(key(KeyCode::Char('q')));

    let third = library.session();
    for path in [&metro, &bus, &cycling] {
        assert!(third.app.read_state.is_read(path), "{} kept", path.display());
    }
    assert_eq!(third.app.read_state.position(&metro), left_at, "the newer position wins");
}
