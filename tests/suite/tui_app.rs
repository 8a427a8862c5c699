//! The reader's state, driven by key presses and actions without a terminal.

use crate::support::reader::{ctrl, fixture, key, open, open_path, type_keys, BUS, CYCLING, METRO};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdesk::app::{Action, Effect, Focus, KeyContext, KeyMap, LibraryStatus, Pane, Resolved, Scope};
use newsdesk::handoff::{ClipboardText, WebUrl};
use newsdesk::session::Session;

#[test]
fn the_list_is_newest_first_and_opening_marks_read_between_runs() {
    let library = fixture();
    let mut session = library.session();
    let titles: Vec<String> = session.app.articles.iter().map(|a| a.title).collect();
    assert_eq!(titles[0], "Hà Nội mở thêm tuyến buýt nối ga metro");
    assert_eq!(titles[2], "City opens new cycling lanes along the river");
    let metro = library.article(METRO);
    assert!(!session.app.read_state.is_read(&metro));
    open(&mut session, &metro);
    assert!(session.app.read_state.is_read(&metro));
    for _ in 0..5 {
        session.press(key(KeyCode::Char('j')));
    }
    session.press(key(KeyCode::Char('q')));
    assert!(session.app.quit);

    let mut again = library.session();
    assert!(again.app.read_state.is_read(&metro));
    assert!(!again.app.read_state.is_read(library.article(BUS)));
    open(&mut again, &metro);
    assert_eq!(again.app.open.as_ref().unwrap().scroll, 5, "reopens where it was left");
}

#[test]
fn an_article_reopened_at_another_width_shows_about_the_same_text() {
    let library = fixture();
    let metro = library.article(METRO);
    let mut session = library.session();
    open(&mut session, &metro);
    for _ in 0..6 {
        session.press(key(KeyCode::Char('j')));
    }
    let (lines_then, scroll_then) = {
        let open = session.app.open.as_ref().unwrap();
        (open.doc.lines.len(), open.scroll)
    };
    assert_eq!(scroll_then, 6);
    session.press(key(KeyCode::Char('q')));

    let mut wider = library.session();
    wider.dispatch(Action::Resize { width: 240, height: 14 });
    open(&mut wider, &metro);
    let open = wider.app.open.as_ref().unwrap();
    assert!(open.doc.lines.len() < lines_then, "a wider pane wraps into fewer lines");
    assert_eq!(open.scroll, scroll_then * open.doc.lines.len() / lines_then);
    assert!(open.scroll < scroll_then);
}

#[test]
fn a_silently_damaged_index_is_rebuilt_by_the_readers_refresh() {
    let library = fixture();
    let articles = library.session().app.articles.len();
    // A flipped byte in a fast field can misname articles without any error from tantivy.
    crate::support::flip_a_byte(&library.dir.path().join("index"), "fast");
    let session = library.session();
    let notice = session.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("checksum mismatch") && notice.contains("rebuilding"), "{notice:?}");
    assert_eq!(session.app.articles.len(), articles);
}

#[test]
fn sorting_cycles_and_keeps_the_selection() {
    let library = fixture();
    let mut session = library.session();
    session.press(key(KeyCode::Char('G')));
    let selected = session.app.selected_summary().unwrap().path.clone();
    session.press(key(KeyCode::Char('s')));
    let titles: Vec<String> = session.app.articles.iter().map(|a| a.title).collect();
    assert_eq!(titles[0], "City opens new cycling lanes along the river", "by title");
    assert_eq!(session.app.selected_summary().unwrap().path, selected);
}

#[test]
fn search_as_you_type_finds_accent_free_vietnamese_and_esc_returns() {
    let library = fixture();
    let mut session = library.session();
    session.press(key(KeyCode::Char('/')));
    assert_eq!(session.app.focus, Focus::Search);
    type_keys(&mut session, "ha noi");
    assert_eq!(session.app.search.text, "ha noi", "q, /, j… are text while typing");
    let hits = session.app.hits().expect("results");
    let paths: Vec<_> = hits.hits.iter().map(|h| h.article.path.clone()).collect();
    assert!(paths.contains(&library.article(METRO)) && paths.contains(&library.article(BUS)));
    assert!(!paths.contains(&library.article(CYCLING)));
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    assert_eq!(open_path(&session), Some(paths[0].clone()));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Reader));
    assert!(!session.app.terms().is_empty(), "the query's terms stay highlighted");

    session.press(key(KeyCode::Char('/')));
    session.press(key(KeyCode::Esc));
    assert!(session.app.search.text.is_empty() && session.app.hits().is_none());
    assert_eq!(session.app.focus, Focus::Pane(Pane::List));
    assert_eq!(session.app.list_len(), 3);
}

#[test]
fn a_bad_query_keeps_its_message_and_editing_keys_work() {
    let library = fixture();
    let mut session = library.session();
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "metro after:someday");
    assert!(matches!(&session.app.search.results, Some(Err(message)) if message.0.contains("date")));
    session.press(ctrl('w'));
    assert_eq!(session.app.search.text, "metro ");
    session.press(key(KeyCode::Backspace));
    assert_eq!(session.app.search.text, "metro");
    assert!(session.app.hits().is_some_and(|r| r.total >= 2));
    session.press(ctrl('u'));
    assert!(session.app.search.text.is_empty() && session.app.search.results.is_none());
}

#[test]
fn related_links_open_in_place_with_history() {
    let library = fixture();
    let mut session = library.session();
    let (metro, bus) = (library.article(METRO), library.article(BUS));
    open(&mut session, &metro);
    let open_article = session.app.open.as_ref().unwrap();
    assert_eq!(open_article.loaded.related.len(), 2);
    assert_eq!(open_article.loaded.related[0].target.as_ref().map(|t| t.path.clone()), Some(bus.clone()));
    assert!(open_article.loaded.related[1].target.is_none());
    let linked_from: Vec<_> = open_article.loaded.linked_from.iter().map(|s| &s.path).collect();
    assert_eq!(linked_from, [&bus]);

    session.press(key(KeyCode::Tab));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Related));
    for (press, opened) in [
        (key(KeyCode::Enter), &bus),
        (key(KeyCode::Backspace), &metro),
        (KeyEvent::new(KeyCode::Right, KeyModifiers::ALT), &bus),
        (ctrl('o'), &metro),
        (ctrl('i'), &bus),
    ] {
        session.press(press);
        session.wait_for_article();
        assert_eq!(open_path(&session).as_ref(), Some(opened), "after {press:?}");
    }
}

#[test]
fn an_unsaved_link_searches_its_title_and_shows_its_summary() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    session.press(key(KeyCode::Tab));
    session.press(key(KeyCode::Char('j')));
    let rows = session.app.open.as_ref().unwrap().related_rows(30);
    let summary: Vec<&str> = rows
        .iter()
        .filter_map(|row| match row {
            newsdesk::app::RelatedRow::Summary { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(summary.len() > 1, "wrapped to the pane");
    assert!(summary.join(" ").contains("giá vé sẽ được công bố"), "{summary:?}");
    session.press(key(KeyCode::Enter));
    assert_eq!(session.app.search.text, "Giá vé metro sẽ được công bố tháng sau");
    assert!(session.app.search.results.is_some(), "the title was searched");
    assert!(session.app.notice.as_deref().is_some_and(|n| n.contains("Giá vé")));
}

#[test]
fn n_and_shift_n_jump_between_query_terms() {
    let library = fixture();
    let mut session = library.session();
    session.dispatch(Action::Resize { width: 120, height: 14 });
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "cau giay");
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    let matches = session.app.open.as_ref().unwrap().doc.match_lines.clone();
    assert!(matches.len() >= 2, "{matches:?}");
    session.press(key(KeyCode::Char('n')));
    let first = session.app.open.as_ref().unwrap().scroll;
    assert_eq!(first, matches[0] - 2);
    session.press(key(KeyCode::Char('n')));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, matches[1] - 2);
    session.press(key(KeyCode::Char('N')));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, first);
}

#[test]
fn scrolling_keys_stay_inside_the_article() {
    let library = fixture();
    let mut session = library.session();
    session.dispatch(Action::Resize { width: 90, height: 20 });
    open(&mut session, &library.article(METRO));
    let lines = session.app.open.as_ref().unwrap().doc.lines.len();
    session.press(key(KeyCode::Char('G')));
    let bottom = session.app.open.as_ref().unwrap().scroll;
    assert!(bottom > 0 && bottom < lines);
    session.press(key(KeyCode::Char('j')));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, bottom, "no scrolling past the end");
    session.press(key(KeyCode::Char('b')));
    assert!(session.app.open.as_ref().unwrap().scroll < bottom);
    session.press(key(KeyCode::Char('g')));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, 0);
    session.press(key(KeyCode::Char(' ')));
    assert!(session.app.open.as_ref().unwrap().scroll > 0);
}

fn web(url: &str) -> Effect {
    Effect::OpenInBrowser(WebUrl::parse(url).unwrap())
}

fn copy(text: &str) -> Effect {
    Effect::Copy(ClipboardText::new(text).unwrap().unwrap())
}

#[test]
fn o_and_y_ask_the_terminal_for_the_url() {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    let url = "https://nstd.example.vn/metro-nhon";
    assert_eq!(type_keys(&mut session, "o"), [web(url)]);
    assert_eq!(type_keys(&mut session, "y"), [copy(url)]);
    session.press(key(KeyCode::Tab));
    assert_eq!(type_keys(&mut session, "y"), [copy("https://nstd.example.vn/buyt-noi-metro")]);
    session.press(key(KeyCode::Char('j')));
    assert_eq!(type_keys(&mut session, "o"), [], "an unsaved link without URL has nothing to open");
    assert_eq!(type_keys(&mut session, "y"), [copy("Giá vé metro sẽ được công bố tháng sau")]);
}

#[test]
fn mouse_clicks_select_and_focus_and_the_wheel_scrolls_the_pane_under_it() {
    let library = fixture();
    let mut session = library.session();
    let areas = session.app.areas();
    // The second item of the library list (two rows per item, inside the border).
    session.dispatch(Action::Click { column: areas.list.x + 3, row: areas.list.y + 3 });
    assert_eq!(session.app.list.selected, 1);
    assert_eq!(session.app.focus, Focus::Pane(Pane::List));
    session.press(key(KeyCode::Enter));
    session.wait_for_article();
    let reader = session.app.areas().reader;
    session.dispatch(Action::Click { column: areas.list.x + 3, row: areas.list.y + 1 });
    assert_eq!(session.app.focus, Focus::Pane(Pane::List));
    session.dispatch(Action::Wheel { column: reader.x + 5, row: reader.y + 5, down: true });
    assert_eq!(session.app.focus, Focus::Pane(Pane::List), "the wheel leaves the focus alone");
    session.dispatch(Action::Click { column: areas.search.x + 4, row: areas.search.y });
    assert_eq!(session.app.focus, Focus::Search);
}

#[test]
fn focus_moves_between_the_panes_that_are_shown() {
    let library = fixture();
    let mut session = library.session();
    session.press(key(KeyCode::Char('l')));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Reader));
    session.press(key(KeyCode::Char('l')));
    session.press(key(KeyCode::Char('l')));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Related), "l stops at the last pane");
    session.press(key(KeyCode::Tab));
    assert_eq!(session.app.focus, Focus::Pane(Pane::List), "Tab goes round");
    session.dispatch(Action::Resize { width: 100, height: 30 });
    session.press(key(KeyCode::Char('r')));
    session.press(key(KeyCode::BackTab));
    assert_eq!(session.app.focus, Focus::Pane(Pane::Reader), "a hidden related pane is skipped");
}

#[test]
fn every_key_in_the_table_dispatches_its_own_action() {
    let keys = KeyMap::default();
    let action_for_key = |focus, show_help, event: &KeyEvent| keys.action_for_key(focus, show_help, event);
    for (binding, bound) in keys.rows() {
        let normal = |focus| KeyContext::Normal { focus, show_help: false };
        let context = match binding.scope {
            Scope::Search => normal(Focus::Search),
            Scope::Reader => normal(Focus::Pane(Pane::Reader)),
            Scope::Related => normal(Focus::Pane(Pane::Related)),
            Scope::List | Scope::Panes | Scope::Everywhere => normal(Focus::Pane(Pane::List)),
            Scope::Selecting => KeyContext::Selecting,
            Scope::Editor => KeyContext::Editor,
            Scope::Highlights => KeyContext::Highlights,
        };
        for key in bound {
            let event = KeyEvent::new(key.code, key.modifiers);
            // A sequence: its first key waits, its second finishes it.
            let pending = key.after.map(|first| {
                let Resolved::Pending(waiting) =
                    keys.resolve(context, None, &KeyEvent::new(first.code, first.modifiers))
                else {
                    panic!("{key:?} in {context:?}: its first key does not wait")
                };
                waiting
            });
            let Resolved::Action(action) = keys.resolve(context, pending, &event) else {
                panic!("{key:?} in {context:?} is bound")
            };
            // Enter in the list and in the related pane share an action, so compare names.
            assert_eq!(format!("{action:?}"), format!("{:?}", binding.action), "{key:?} in {context:?}");
        }
    }
    let typed = keys.action_in(KeyContext::Editor, &key(KeyCode::Char('q')));
    assert!(matches!(typed, Some(Action::EditInput('q'))), "a note takes every letter");
    let typed = action_for_key(Focus::Search, false, &key(KeyCode::Char('q')));
    assert!(matches!(typed, Some(Action::SearchInput('q'))));
    let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert!(matches!(action_for_key(Focus::Pane(Pane::Reader), false, &shifted), Some(Action::Bottom)));
}

#[test]
fn an_unwritable_state_dir_is_reported_and_reading_goes_on() {
    let library = fixture();
    let blocker = library.dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").unwrap();
    let mut session = library.session_with_state(&blocker.join("state.json"));
    open(&mut session, &library.article(METRO));
    assert!(
        session.app.notice.as_deref().is_some_and(|n| n.contains("not saved")),
        "{:?}",
        session.app.notice
    );
    session.press(key(KeyCode::Char('j')));
    assert_eq!(session.app.open.as_ref().unwrap().scroll, 1, "the reader still scrolls");
}

#[test]
fn a_missing_library_says_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let mut session = Session::open(&missing, &dir.path().join("index"), dir.path().join("state.json"));
    session.dispatch(Action::Resize { width: 80, height: 24 });
    assert_eq!(session.app.library_status, LibraryStatus::Missing);
    let text = newsdesk::strings::EN.empty_library(&missing.display().to_string(), true, "q").join("\n");
    assert!(text.contains("nowhere") && text.contains("does not exist"));
}

#[test]
fn more_hits_are_fetched_as_the_selection_nears_the_end() {
    let library = fixture();
    for n in 0..70 {
        let article =
            serde_json::json!({"title": format!("Metro note {n}"), "body": "The metro line runs late."});
        std::fs::write(library.article(&format!("en/extra-{n}.json")), article.to_string()).unwrap();
    }
    let mut session = library.session();
    session.press(key(KeyCode::Char('/')));
    type_keys(&mut session, "metro");
    let results = session.app.hits().unwrap();
    assert!(results.total >= 72);
    assert_eq!(results.hits.len(), newsdesk::app::FIRST_HITS, "a new query fetches a screenful or two");
    for _ in 0..newsdesk::app::FIRST_HITS {
        session.press(key(KeyCode::Down));
    }
    assert!(session.app.hits().unwrap().hits.len() > newsdesk::app::FIRST_HITS);
    assert!(
        session.app.search.cursor.selected >= newsdesk::app::FIRST_HITS,
        "the selection went on past the first batch"
    );
    session.press(key(KeyCode::Char('x')));
    assert_eq!(session.app.search.wanted, newsdesk::app::FIRST_HITS, "a changed query starts small again");
}
