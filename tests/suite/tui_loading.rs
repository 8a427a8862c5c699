//! Opening an article (Enter, a related link, the history) parses it off the UI thread: the key
//! returns at once with "loading…", other keys and `q` work meanwhile, and a newer request
//! supersedes an older one.

use crate::support::reader::{fixture, key, open, open_path, select, BUS, CYCLING, METRO};
use crossterm::event::KeyCode;
use newsdesk::app::{Action, LoadedArticle};
use newsdesk::article::Address;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

fn screen(app: &newsdesk::app::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, app)).unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|cell| cell.symbol()).collect()
}

#[test]
fn enter_returns_before_the_article_is_parsed_and_says_loading() {
    let library = fixture();
    let mut session = library.session();
    let (metro, bus) = (library.article(METRO), library.article(BUS));
    open(&mut session, &bus);
    select(&mut session, &metro);
    session.press(key(KeyCode::Enter));
    // The press handed the parse to a worker: nothing of it was applied on this thread.
    assert_eq!(session.app.loading, Some(Address::file(&metro)));
    assert_eq!(open_path(&session), Some(bus.clone()), "the article before stays until the new one comes");
    assert!(screen(&session.app).contains("Article (loading…)"));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(metro));
    assert!(!screen(&session.app).contains("loading…"));
}

#[test]
fn keys_and_quit_work_while_an_article_loads() {
    let library = fixture();
    let mut session = library.session();
    select(&mut session, &library.article(METRO));
    session.press(key(KeyCode::Enter));
    assert!(session.app.loading.is_some());
    session.press(key(KeyCode::Char('?')));
    assert!(session.app.show_help, "a key while loading is handled at once");
    session.press(key(KeyCode::Char('?')));
    session.press(key(KeyCode::Char('q')));
    assert!(session.app.quit, "q does not wait for the article");
}

#[test]
fn a_newer_request_supersedes_an_older_one() {
    let library = fixture();
    let mut session = library.session();
    let (metro, cycling) = (library.article(METRO), library.article(CYCLING));
    select(&mut session, &metro);
    session.press(key(KeyCode::Enter));
    select(&mut session, &cycling);
    session.press(key(KeyCode::Enter));
    assert_eq!(session.app.loading, Some(Address::file(&cycling)));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(cycling.clone()));
    // The older request's article, arriving late, changes nothing.
    let late = newsdesk::parse::read_article(&metro).unwrap();
    let late = LoadedArticle {
        article: late,
        related: Vec::new(),
        linked_from: Vec::new(),
        annotations: Default::default(),
        same_story: Vec::new(),
        similar: Some(Vec::new()),
    };
    session.dispatch(Action::ArticleLoaded(Box::new(late)));
    assert_eq!(open_path(&session), Some(cycling), "a superseded load is dropped");
    assert_eq!(session.app.history.current, open_path(&session).map(Address::file));
}
