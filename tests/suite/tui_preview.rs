//! The article pane follows the list's selection: previews load off the UI thread once the
//! selection rests, are not read and not in the history until opened.

use std::path::PathBuf;
use std::time::Duration;

use crate::support::reader::{fixture, key, open, open_path, type_keys, BUS, CYCLING, METRO};
use crossterm::event::KeyCode;
use newsdesk::app::{Focus, Pane};
use newsdesk::article::Address;
use newsdesk::session::Session;

fn previewed(session: &Session) -> Option<PathBuf> {
    session.app.open.as_ref().filter(|open| open.preview).map(|open| open.loaded.article.path.clone())
}

#[test]
fn moving_the_selection_previews_the_article_without_opening_it() {
    let library = fixture();
    let mut session = library.session();
    let metro = library.article(METRO);
    session.press(key(KeyCode::Char('j')));
    assert_eq!(session.app.selected_summary().map(|s| s.path.clone()), Some(metro.clone()));
    session.wait_for_preview();
    assert_eq!(previewed(&session), Some(metro.clone()));
    assert_eq!(session.app.focus, Focus::Pane(Pane::List), "the list keeps the keyboard");
    assert_eq!(session.app.open.as_ref().unwrap().loaded.related.len(), 2, "with its related links");
    assert!(!session.app.read_state.is_read(&metro), "a preview is not read");
    assert!(session.app.history.current.is_none() && session.app.history.back.is_empty());

    session.press(key(KeyCode::Enter));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Reader));
    assert_eq!(previewed(&session), None);
    assert_eq!(open_path(&session), Some(metro.clone()));
    assert!(session.app.loading.is_none(), "Enter opens the preview without loading it again");
    assert!(session.app.read_state.is_read(&metro), "opened with Enter, it is read");
}

#[test]
fn previews_stay_out_of_the_history_and_the_read_marks() {
    let library = fixture();
    let mut session = library.session();
    let (bus, metro) = (library.article(BUS), library.article(METRO));
    open(&mut session, &bus);
    session.press(key(KeyCode::Char('h')));
    session.press(key(KeyCode::Char('j')));
    session.wait_for_preview();
    assert_eq!(previewed(&session), Some(metro.clone()));
    assert_eq!(session.app.history.current, Some(Address::file(&bus)));
    assert!(session.app.history.back.is_empty(), "a preview pushes nothing");
    session.press(key(KeyCode::Char('q')));

    let again = library.session();
    assert!(again.app.read_state.is_read(&bus));
    assert!(!again.app.read_state.is_read(&metro), "previewed only: still unread in the next run");
    drop(again);

    session = library.session();
    open(&mut session, &bus);
    session.press(key(KeyCode::Char('h')));
    session.press(key(KeyCode::Char('j')));
    session.wait_for_preview();
    // Moving into the article pane is reading it: opened, read, bus kept for Back.
    session.press(key(KeyCode::Tab));
    assert_eq!(previewed(&session), None);
    assert!(session.app.read_state.is_read(&metro));
    assert_eq!(session.app.history.back, [Address::file(&bus)]);
    session.press(key(KeyCode::Backspace));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(bus));
}

#[test]
fn holding_j_loads_one_preview_when_the_selection_rests() {
    let library = fixture();
    for n in 0..30 {
        let article =
            serde_json::json!({"title": format!("Note {n}"), "published": "2020-01-01", "body": "x"});
        std::fs::write(library.article(&format!("en/note-{n}.json")), article.to_string()).unwrap();
    }
    let mut session = library.session();
    session.wait_for_preview();
    let before = session.previews_loaded();
    for _ in 0..25 {
        session.press(key(KeyCode::Char('j')));
        // Key repeat: the next key comes before the selection has rested.
        let due = session.preview_due().expect("a preview is pending");
        session.tick(due - Duration::from_millis(1));
    }
    assert_eq!(session.previews_loaded(), before, "nothing loaded while the key is held");
    session.wait_for_preview();
    assert_eq!(session.previews_loaded(), before + 1);
    let selected = session.app.selected_summary().unwrap().path.clone();
    assert_eq!(previewed(&session), Some(selected));
}

#[test]
fn the_results_preview_their_selected_hit() {
    let library = fixture();
    let mut session = library.session();
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "cycling");
    session.wait_for_preview();
    assert_eq!(previewed(&session), Some(library.article(CYCLING)));
    assert_eq!(session.app.focus, Focus::Search, "typing goes on");
    let shown = session.app.open.as_ref().unwrap();
    assert!(!shown.doc.match_lines.is_empty(), "the query's terms are highlighted in the preview");
}

#[test]
fn opening_another_article_over_a_preview_leaves_the_preview_unread() {
    let library = fixture();
    let mut session = library.session();
    let (bus, metro) = (library.article(BUS), library.article(METRO));
    session.wait_for_preview();
    assert_eq!(previewed(&session), Some(bus.clone()));
    // Enter on the next row before its preview came: that article is loaded and opened.
    session.press(key(KeyCode::Char('j')));
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(metro.clone()));
    assert!(session.app.read_state.is_read(&metro));
    assert!(!session.app.read_state.is_read(&bus), "the replaced preview was never opened");
    assert!(session.app.history.back.is_empty());
}
