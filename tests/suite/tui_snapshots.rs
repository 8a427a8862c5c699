//! The real app over `sample-articles/`, drawn into a `TestBackend` at three sizes and compared
//! with the committed insta snapshots (`cargo insta review` after an intended change).

use std::path::PathBuf;
use std::time::Duration;

use crate::support::reader::{key, open, type_keys};
use crossterm::event::KeyCode;
use newsdesk::app::Action;
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SIZES: [(u16, u16); 3] = [(120, 40), (90, 30), (60, 20)];

fn sample_library() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-articles")
}

fn snapshot(session: &Session, name: &str, (width, height): (u16, u16)) {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
    insta::assert_snapshot!(format!("{name}_{width}x{height}"), terminal.backend());
}

/// Query times vary from run to run; the snapshot shows a fixed one.
fn steady_query_time(session: &mut Session) {
    if let Some(Ok(results)) = session.app.search.results.as_mut() {
        results.took = Duration::ZERO;
    }
}

#[test]
fn the_reader_over_the_sample_library() {
    let work = tempfile::tempdir().unwrap();
    for size in SIZES {
        let mut session = Session::open(
            &sample_library(),
            &work.path().join(format!("index-{}", size.0)),
            // A state folder each: the store in it keeps the read marks.
            work.path().join(format!("state-{}/reader-state.json", size.0)),
        );
        session.dispatch(Action::Resize { width: size.0, height: size.1 });
        session.start_refresh();
        session.wait_for_refresh();
        // The article pane previews the selection once it has rested.
        session.wait_for_preview();
        snapshot(&session, "library", size);

        session.press(key(KeyCode::Char('/')));
        type_keys(&mut session, "ha noi");
        session.wait_for_preview();
        steady_query_time(&mut session);
        snapshot(&session, "search_ha_noi", size);

        session.press(key(KeyCode::Esc));
        open(&mut session, &sample_library().join("vi/metro-nhon-ga-ha-noi.txt"));
        snapshot(&session, "article", size);

        session.press(key(KeyCode::Tab));
        snapshot(&session, "article_related", size);

        session.press(key(KeyCode::Char('?')));
        snapshot(&session, "help", size);
    }
}
