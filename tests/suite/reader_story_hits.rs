//! Search results folded by story, on the story fixtures (`tests/fixtures/stories`): a hit counts
//! the copies of its story that matched too, `c` shows them under it (each marked ↳, opening in
//! place, with its own read mark) and folds them again.

use std::time::Duration;

use crossterm::event::KeyCode;
use newsdesk::app::{Focus, HitRow, Pane};
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::index_stories::stories_library;
use crate::reader_stories::{screen, session};
use crate::support::library::Library;
use crate::support::reader::{key, open_path, type_keys};

/// Searches for `query` and gives the list the keyboard, the selection on the first hit.
fn search(session: &mut Session, query: &str) {
    session.press(key(KeyCode::Char('/')));
    type_keys(session, query);
    session.app.focus = Focus::Pane(Pane::List);
    session.press(key(KeyCode::Char('g')));
    assert!(session.app.hits().is_some_and(|results| !results.hits.is_empty()), "no hits for {query}");
}

/// Moves the selection to result row `row`.
fn select_row(session: &mut Session, row: usize) {
    session.press(key(KeyCode::Char('g')));
    for _ in 0..row {
        session.press(key(KeyCode::Char('j')));
    }
    assert_eq!(session.app.search.cursor.selected, row);
}

/// The row of the first hit with copies folded under it, and how many.
fn hit_with_copies(session: &Session) -> (usize, usize) {
    let results = session.app.hits().unwrap();
    (session.app.search.rows.iter().enumerate())
        .find_map(|(at, row)| Some((at, results.hits[row.hit()].copies.len())).filter(|(_, n)| *n > 0))
        .expect("a hit with copies")
}

/// The Quảng Trị flood (two outlets and a second save: one hit, two copies) searched for, its
/// copies shown under its hit; the library, the session and the hit's row.
fn flood_copies_shown() -> (Library, Session, usize) {
    let (library, index) = stories_library();
    drop(index);
    let mut session = session(&library);
    search(&mut session, "Thạch Hãn");
    let (row, copies) = hit_with_copies(&session);
    assert_eq!(copies, 2);
    select_row(&mut session, row);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(
        session.app.search.rows[row + 2],
        HitRow::Copy { hit: session.app.search.rows[row].hit(), copy: 1 }
    );
    (library, session, row)
}

#[test]
fn the_copies_key_shows_a_hits_copies_under_it_and_folds_them_again() {
    let (library, index) = stories_library();
    drop(index);
    let mut session = session(&library);
    // The ferry wire story (two outlets: one hit, one copy) and the council's ferry fares (alone).
    search(&mut session, "ferry");
    let hits = session.app.hits().unwrap().hits.len();
    assert_eq!(session.app.list_len(), hits, "folded: one row a hit");
    let (row, copies) = hit_with_copies(&session);
    assert_eq!(copies, 1);
    let drawn = screen(&session.app);
    assert!(drawn.contains("×2 ▸") && !drawn.contains('↳'), "{drawn}");

    select_row(&mut session, row);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), hits + 1);
    let rows = &session.app.search.rows;
    assert_eq!(rows[row], HitRow::Hit { hit: rows[row].hit(), expanded: true });
    assert_eq!(rows[row + 1], HitRow::Copy { hit: rows[row].hit(), copy: 0 });
    let drawn = screen(&session.app);
    assert!(drawn.contains("×2 ▾") && drawn.matches('↳').count() == 1, "{drawn}");
    // The copy's row shows the copy, not its hit.
    let results = session.app.hits().unwrap();
    let copy = results.hits[rows[row].hit()].copies[0].clone();
    select_row(&mut session, row + 1);
    assert_eq!(session.app.selected_summary().map(|s| s.address()), Some(copy.address()));
    assert!(drawn.contains(&format!("↳ {}", copy.title.chars().take(20).collect::<String>())), "{drawn}");

    // `c` on the copy folds the hit again and leaves the selection on it.
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), hits);
    assert_eq!(session.app.search.cursor.selected, row);
    assert_eq!(session.app.search.rows[row], HitRow::Hit { hit: row, expanded: false });

    // A hit no copy of which matched: said so, nothing moves.
    let alone = (0..hits).find(|at| *at != row).unwrap();
    select_row(&mut session, alone);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), hits);
    assert_eq!(session.app.notice.as_deref(), Some(session.app.settings.text.no_copies_matched));

    // Another query starts folded.
    select_row(&mut session, row);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), hits + 1);
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, " fares");
    assert!(session.app.search.rows.iter().all(|row| matches!(row, HitRow::Hit { expanded: false, .. })));
}

#[test]
fn a_copy_opens_from_under_its_hit_and_only_it_is_marked_read() {
    let (_library, mut session, row) = flood_copies_shown();
    select_row(&mut session, row + 2);
    let results = session.app.hits().unwrap();
    let hit = &results.hits[session.app.search.rows[row].hit()];
    let (head, copy) = (hit.article.address(), hit.copies[1].address());
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(copy.path.clone()));
    assert!(session.app.read_state.is_read(copy.clone()));
    assert!(!session.app.read_state.is_read(head.clone()), "reading one copy leaves its hit unread");
    // Read marks are the articles' own: the opened copy's row lost its mark, its hit's row and
    // the other copy's kept theirs. Each result is three lines, under the search line and the
    // pane's top border.
    let drawn = screen(&session.app);
    let title_line = |row: usize| {
        let line = drawn.lines().nth(2 + 3 * row).unwrap_or_default();
        line.split("││").next().unwrap_or_default().to_string()
    };
    assert!(title_line(row).contains('•') && !title_line(row).contains('↳'), "{drawn}");
    assert!(title_line(row + 1).contains("• ↳"), "{drawn}");
    assert!(title_line(row + 2).contains('↳') && !title_line(row + 2).contains('•'), "{drawn}");
}

#[test]
fn search_results_with_a_hits_copies_shown() {
    let (_library, mut session, _) = flood_copies_shown();
    // The related pane's similar articles come in the background: hidden, the screen is steady.
    session.press(key(KeyCode::Char('r')));
    session.wait_for_preview();
    if let Some(Ok(results)) = session.app.search.results.as_mut() {
        results.took = Duration::ZERO;
    }
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    insta::assert_snapshot!("search_copies_shown_120x40", terminal.backend());
}
