//! The reader's list folded by story, on the story fixtures (`tests/fixtures/stories`): one row
//! per story with the count of its articles, `c` showing and hiding its copies, a copy opened
//! from under its story, read marks per article.

use crossterm::event::KeyCode;
use newsdesk::app::{App, RowKind};
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::index_stories::stories_library;
use crate::support::library::Library;
use crate::support::reader::{key, open_path};

/// 11 articles: a story of 3 (two outlets and a second save), three stories of 2, two alone.
const ARTICLES: usize = 11;
const ROWS: usize = 6;

pub(crate) fn session(library: &Library) -> Session {
    let state = library.index_dir().with_file_name("reader-state.json");
    let mut session = Session::open(library.root.path(), &library.index_dir(), state);
    session.dispatch(newsdesk::app::Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

pub(crate) fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Selects the row at `row` with the keys (the list focused).
fn select_row(session: &mut Session, row: usize) {
    session.app.focus = newsdesk::app::Focus::Pane(newsdesk::app::Pane::List);
    session.press(key(KeyCode::Char('g')));
    for _ in 0..row {
        session.press(key(KeyCode::Char('j')));
    }
    assert_eq!(session.app.list.selected, row);
}

/// The row of the story of three articles.
fn story_of_three(app: &App) -> usize {
    let rows = &app.folding.rows;
    rows.iter()
        .position(|row| row.kind == RowKind::Story { articles: 3, expanded: false })
        .expect("the story of 3")
}

#[test]
fn each_story_is_one_row_with_its_count() {
    let (library, index) = stories_library();
    drop(index);
    let session = session(&library);
    assert_eq!(session.app.articles.len(), ARTICLES);
    assert_eq!(session.app.list_len(), ROWS, "{:?}", session.app.folding.rows);
    let stories: Vec<usize> = (session.app.folding.rows.iter())
        .filter_map(|row| match row.kind {
            RowKind::Story { articles, .. } => Some(articles),
            _ => None,
        })
        .collect();
    assert_eq!(stories.iter().sum::<usize>(), 9, "{stories:?}");
    let drawn = screen(&session.app);
    assert!(drawn.contains("×3 ▸"), "{drawn}");
    assert_eq!(drawn.matches("×2 ▸").count(), 3, "{drawn}");
    // The count stands before the title of the story's first article (newest first).
    let row = story_of_three(&session.app);
    let title = session.app.articles.get(session.app.folding.rows[row].article).unwrap().title;
    let start: String = title.chars().take(12).collect();
    assert!(drawn.lines().any(|line| line.contains(&format!("×3 ▸ {start}"))), "{drawn}");
}

#[test]
fn the_copies_key_shows_and_hides_a_storys_copies_and_sorting_keeps_them_together() {
    let (library, index) = stories_library();
    drop(index);
    let mut session = session(&library);
    let row = story_of_three(&session.app);
    select_row(&mut session, row);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), ROWS + 2);
    let rows = session.app.folding.rows.clone();
    assert_eq!(rows[row].kind, RowKind::Story { articles: 3, expanded: true });
    assert_eq!([rows[row + 1].kind, rows[row + 2].kind], [RowKind::Copy, RowKind::Copy]);
    let drawn = screen(&session.app);
    assert!(drawn.contains("×3 ▾") && drawn.matches('↳').count() == 2, "{drawn}");

    // Another order: the story still has its copies right under it.
    session.press(key(KeyCode::Char('s')));
    let rows = &session.app.folding.rows;
    let at = rows.iter().position(|row| row.kind == RowKind::Story { articles: 3, expanded: true }).unwrap();
    assert_eq!([rows[at + 1].kind, rows[at + 2].kind], [RowKind::Copy, RowKind::Copy]);
    assert_eq!(session.app.list_len(), ROWS + 2);

    // `c` on a copy folds the story again and leaves the selection on its row.
    select_row(&mut session, at + 2);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), ROWS);
    assert_eq!(session.app.list.selected, at);
    assert_eq!(session.app.folding.rows[at].kind, RowKind::Story { articles: 3, expanded: false });

    // An article alone has no copies to show: said so, nothing moves.
    let alone = session.app.folding.rows.iter().position(|row| row.kind == RowKind::Alone).unwrap();
    select_row(&mut session, alone);
    session.press(key(KeyCode::Char('c')));
    assert_eq!(session.app.list_len(), ROWS);
    assert_eq!(session.app.notice.as_deref(), Some(session.app.settings.text.no_copies));
}

#[test]
fn a_copy_opens_from_under_its_story_and_only_it_is_marked_read() {
    let (library, index) = stories_library();
    drop(index);
    let mut session = session(&library);
    let row = story_of_three(&session.app);
    select_row(&mut session, row);
    session.press(key(KeyCode::Char('c')));
    select_row(&mut session, row + 2);
    let copy = session.app.articles.address(session.app.folding.rows[row + 2].article).unwrap();
    let head = session.app.articles.address(session.app.folding.rows[row].article).unwrap();
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(copy.path.clone()));
    assert!(session.app.read_state.is_read(copy.clone()));
    assert!(!session.app.read_state.is_read(head.clone()), "reading one copy leaves the others unread");
    // Its story's other two are in the related pane's "Same story".
    let same: Vec<_> =
        session.app.open.as_ref().unwrap().loaded.same_story.iter().map(|s| s.address()).collect();
    assert_eq!(same.len(), 2);
    assert!(same.contains(&head));
}
