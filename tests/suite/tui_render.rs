//! Drawing the real app: no size panics, nothing hostile reaches the screen.

use crate::support::is_forbidden;
use crate::support::reader::{fixture, key, open, type_keys, METRO};
use crossterm::event::KeyCode;
use newsdesk::app::{Action, App, LibraryStatus};
use newsdesk::session::Session;
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, app)).unwrap();
    terminal
}

/// Resizes the app (so it clamps its views) and draws it.
fn resize_and_draw(app: &mut App, width: u16, height: u16) {
    app.update(Action::Resize { width, height });
    draw(app, width, height);
}

/// The states worth drawing: the list, hits, an open article scrolled down with the related
/// pane focused, the help overlay, a bad query.
fn states(session: &mut Session) -> Vec<App> {
    let mut states = vec![session.app.clone()];
    session.press(key(KeyCode::Char('/')));
    type_keys(session, "ha noi");
    states.push(session.app.clone());
    session.press(key(KeyCode::Esc));
    open(session, &session.app.library.join(METRO));
    session.press(key(KeyCode::Char('G')));
    session.press(key(KeyCode::Tab));
    states.push(session.app.clone());
    session.press(key(KeyCode::Char('?')));
    states.push(session.app.clone());
    session.press(key(KeyCode::Esc));
    session.press(key(KeyCode::Char('/')));
    type_keys(session, "after:nope");
    states.push(session.app.clone());
    states
}

#[test]
fn every_size_draws_without_panic() {
    let library = fixture();
    let mut session = library.session();
    for state in states(&mut session) {
        for width in 0..=130u16 {
            for height in [0u16, 1, 2, 5, 9, 10, 11, 15, 24, 40] {
                resize_and_draw(&mut state.clone(), width, height);
            }
        }
        for height in 0..=45u16 {
            for width in [0u16, 1, 39, 40, 79, 80, 119, 120] {
                resize_and_draw(&mut state.clone(), width, height);
            }
        }
    }
}

#[test]
fn a_resize_while_scrolled_to_the_end_keeps_the_view_inside() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    session.press(key(KeyCode::Char('G')));
    let app = &mut session.app;
    for (width, height) in [(200, 60), (120, 40), (60, 12), (1, 1), (0, 0), (90, 30), (45, 10)] {
        resize_and_draw(app, width, height);
        let open = app.open.as_ref().unwrap();
        assert!(open.scroll < open.doc.lines.len().max(1), "{width}x{height}");
    }
}

#[test]
fn control_characters_from_articles_never_reach_the_screen() {
    let library = fixture();
    let hostile = serde_json::json!({
        "title": "Evil \u{1b}[2J\u{1b}]0;pwned\u{7}title\u{9b}31m metro \u{202e}drow\u{200b}",
        "published": "2025-01-01",
        "category": "\u{1b}]52;c;aGk=\u{7}Tin",
        "lead": "Lead\twith tab \u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\ metro",
        "body": "Body \u{7}\u{8}\u{1b}[31mred\u{1b}[0m metro \u{2066}isolate\u{2069}\n\nMore\r\ntext \u{85}end",
        "related": [{"title": "Rel\u{1b}[5m \u{202d}ated", "summary": "sum\u{1b}[1mmary \u{9b}2J"}],
        "tags": ["hidden\u{e0001}\u{e0068}\u{e0069}\u{e007f} \u{ad}soft\u{3164}fill\u{180e}\u{206a}"]
    });
    std::fs::write(library.article("evil.json"), hostile.to_string()).unwrap();
    let mut session = library.session();
    let evil = library.article("evil.json");
    open(&mut session, &evil);
    session.press(key(KeyCode::Tab));
    let mut screens = vec![draw(&session.app, 120, 40), draw(&session.app, 60, 20)];
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "metro");
    screens.push(draw(&session.app, 120, 40));
    let mut all = String::new();
    for terminal in screens {
        let buffer = terminal.backend().buffer();
        let text: String = buffer.content.iter().map(|cell| cell.symbol()).collect();
        all.push_str(&text);
        let bad: Vec<char> = text.chars().filter(|c| is_forbidden(*c)).collect();
        assert!(bad.is_empty(), "control characters on screen: {bad:?}");
    }
    for shown in ["Evil", "title", "Tin", "Lead", "Body", "Rel", "mary", "hidden", "softfill"] {
        assert!(all.contains(shown), "{shown} is on screen");
    }
}

#[test]
fn random_keys_at_random_sizes_never_panic() {
    let library = fixture();
    let session = library.session();
    let base = session.app.clone();
    let keys = prop::sample::select(vec![
        KeyCode::Char('j'),
        KeyCode::Char('k'),
        KeyCode::Char('G'),
        KeyCode::Char('g'),
        KeyCode::Char('n'),
        KeyCode::Char('N'),
        KeyCode::Char('/'),
        KeyCode::Char('h'),
        KeyCode::Char('a'),
        KeyCode::Char('l'),
        KeyCode::Char('r'),
        KeyCode::Char('s'),
        KeyCode::Char('?'),
        KeyCode::Char(' '),
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::PageDown,
        KeyCode::Up,
    ]);
    let case = (prop::collection::vec((keys, 0u16..140, 0u16..50), 1..40), 0u16..140, 0u16..50);
    // The runner wants a `Fn`: the session (its index is the expensive part) is shared.
    let session = std::cell::RefCell::new(session);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&case, |(presses, width, height)| {
            let mut session = session.borrow_mut();
            session.app = base.clone();
            session.dispatch(Action::Resize { width, height });
            for (code, resize_width, resize_height) in presses {
                session.press(key(code));
                if session.app.quit {
                    break;
                }
                if code == KeyCode::Char('r') {
                    session.dispatch(Action::Resize { width: resize_width, height: resize_height });
                }
                let (w, h) = (session.app.size.width, session.app.size.height);
                draw(&session.app, w, h);
            }
            Ok(())
        })
        .unwrap();
}

fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width.max(1) as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|cell| cell.symbol()).collect();
    symbols.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

#[test]
fn a_missing_or_empty_library_shows_where_to_put_articles() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let mut session = Session::open(&missing, &dir.path().join("index-a"), dir.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 30 });
    let screen = screen_text(&draw(&session.app, 120, 30));
    assert!(screen.contains("does not exist") && screen.contains("nowhere"), "{screen}");
    assert!(screen.contains(".txt page dumps"), "{screen}");

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let mut session = Session::open(&empty, &dir.path().join("index-b"), dir.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 30 });
    session.start_refresh();
    session.wait_for_refresh();
    let screen = screen_text(&draw(&session.app, 120, 30));
    assert!(screen.contains("There are no articles in") && screen.contains("empty"), "{screen}");
}

#[test]
fn the_first_frame_comes_before_the_list_and_says_loading() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir(&library).unwrap();
    std::fs::write(library.join("a.txt"), "Metro opens\n\nThe line runs from dawn.\n").unwrap();
    let open = || Session::open(&library, &dir.path().join("index"), dir.path().join("state.json"));
    let mut session = open();
    session.start_refresh();
    session.wait_for_refresh();
    drop(session);

    let mut session = open();
    session.dispatch(Action::Resize { width: 120, height: 30 });
    assert_eq!(session.app.library_status, LibraryStatus::Loading, "opening does not list the library");
    let screen = screen_text(&draw(&session.app, 120, 30));
    assert!(screen.contains("┌ Library") && screen.contains("loading…"), "{screen}");
    assert!(!screen.contains("Metro opens"), "{screen}");
    session.start_refresh();
    session.wait_for_refresh();
    session.wait_for_preview();
    let screen = screen_text(&draw(&session.app, 120, 30));
    assert!(!screen.contains("loading…"), "{screen}");
    assert!(screen.contains("│• Metro opens") && screen.contains("The line runs from dawn"), "{screen}");
}
