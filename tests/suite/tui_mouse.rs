//! Selecting with the mouse: a left-button drag over the article's text selects whole words,
//! as `v` does; released, the selection waits for Enter (kept) or Esc (dropped).

use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::support::reader::{fixture, key, open, METRO};
use newsdesk::app::Action;
use newsdesk::session::Session;
use newsdesk::store::Store;

/// Where `needle` starts on screen: (column, row), counted in cells.
fn find_on_screen(session: &Session, needle: &str) -> (u16, u16) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    let buffer = terminal.backend().buffer();
    for row in 0..buffer.area.height {
        let cells: Vec<&str> = (0..buffer.area.width).map(|x| buffer[(x, row)].symbol()).collect();
        for column in 0..cells.len() {
            let rest: String = cells[column..].concat();
            if rest.starts_with(needle) {
                return (column as u16, row);
            }
        }
    }
    panic!("{needle:?} is not on screen");
}

fn selected(session: &Session) -> Option<String> {
    let open = session.app.open.as_ref()?;
    Some(open.passages.text[open.selection.as_ref()?.range()].to_string())
}

#[test]
fn a_drag_selects_whole_words_and_enter_keeps_them() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    let (column, row) = find_on_screen(&session, "Tuyến đường sắt");
    // From inside "Tuyến" to inside "đường": both words, whole.
    session.dispatch(Action::Click { column: column + 2, row });
    assert_eq!(selected(&session), None, "a click alone selects nothing");
    session.dispatch(Action::Drag { column: column + 5, row });
    session.dispatch(Action::Drag { column: column + 8, row });
    session.dispatch(Action::MouseUp);
    assert_eq!(selected(&session).as_deref(), Some("Tuyến đường"));
    // Released, it waits: Enter keeps it as a highlight.
    session.press(key(KeyCode::Enter));
    let store =
        Store::open_read_only(&library.state_file().with_file_name(newsdesk::store::FILE_NAME)).unwrap();
    let kept = store.all_highlights().unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].quote.exact, "Tuyến đường");
}

#[test]
fn a_drag_leftwards_selects_the_same_words_and_esc_drops_them() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    let (column, row) = find_on_screen(&session, "Tuyến đường sắt");
    session.dispatch(Action::Click { column: column + 13, row });
    session.dispatch(Action::Drag { column: column + 1, row });
    session.dispatch(Action::MouseUp);
    assert_eq!(selected(&session).as_deref(), Some("Tuyến đường sắt"));
    // A move after the release selects nothing more.
    session.dispatch(Action::Drag { column: column + 30, row: row + 2 });
    assert_eq!(selected(&session).as_deref(), Some("Tuyến đường sắt"));
    session.press(key(KeyCode::Esc));
    assert_eq!(selected(&session), None);
    // Outside the article pane a drag selects nothing.
    session.dispatch(Action::Click { column: 1, row: 5 });
    session.dispatch(Action::Drag { column: 10, row: 6 });
    assert_eq!(selected(&session), None);
}
