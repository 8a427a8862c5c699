//! The `H` view's own keys: a highlight's note edited in place (Ctrl-e / F2, the line editor),
//! deleted with Delete and brought back with Ctrl-z — each change in the store at once.

use crossterm::event::KeyCode;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use crate::support::reader::{ctrl, fixture, key, open, type_keys, Fixture, METRO};
use newsdesk::store::Store;

fn stored(library: &Fixture) -> Store {
    Store::open_read_only(&library.state_file().with_file_name(newsdesk::store::FILE_NAME)).unwrap()
}

fn screen(session: &newsdesk::session::Session) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    let buffer = terminal.backend().buffer();
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols.chunks(120).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn in_the_highlights_view_a_note_is_edited_and_a_delete_undone() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    type_keys(&mut session, "vw");
    session.press(key(KeyCode::Enter));
    type_keys(&mut session, "H");
    assert!(screen(&session).contains("Highlights and notes (1)"));

    session.press(ctrl('e'));
    type_keys(&mut session, "đọc kỹ");
    session.press(key(KeyCode::Enter));
    assert!(session.app.editor.is_none() && session.app.highlights_view.is_some(), "back in the view");
    assert_eq!(stored(&library).all_highlights().unwrap()[0].note, "đọc kỹ");
    assert!(screen(&session).contains("✎ đọc kỹ"), "{}", screen(&session));
    // F2 opens the note as it is; Esc leaves it unchanged.
    session.press(key(KeyCode::F(2)));
    assert_eq!(session.app.editor.as_ref().unwrap().text, "đọc kỹ");
    type_keys(&mut session, " nữa");
    session.press(key(KeyCode::Esc));
    assert_eq!(stored(&library).all_highlights().unwrap()[0].note, "đọc kỹ");

    session.press(key(KeyCode::Delete));
    assert!(stored(&library).all_highlights().unwrap().is_empty());
    assert!(screen(&session).contains("Highlights and notes (0)"));
    // `u` is typed text here (the filter); Ctrl-z undoes.
    session.press(ctrl('z'));
    let back = stored(&library).all_highlights().unwrap();
    assert_eq!((back.len(), back[0].note.as_str()), (1, "đọc kỹ"), "back with its note");
    assert!(screen(&session).contains("Highlights and notes (1)"));
    assert!(session.app.highlights_view.is_some(), "Ctrl-z here does not suspend");
}
