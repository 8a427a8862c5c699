//! The reader's list at scale: read from the index's columns, sorted by their ranks across
//! segments, with only the rows on screen read in full.

use std::cmp::Reverse;

use crate::support::generated::write_library;
use crate::support::library::{refresh, Library};
use crate::support::reader::key;
use crossterm::event::KeyCode;
use newsdesk::app::Articles;
use newsdesk::index::{ArticleSummary, Index, ListOrder};
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const ARTICLES: usize = 240;

/// A library indexed in two refreshes (so its list spans more than one segment).
fn library() -> (Library, Index) {
    let library = Library::new();
    let half = tempfile::tempdir().unwrap();
    write_library(half.path(), ARTICLES);
    let (index, _) = library.open();
    for (number, entry) in walk(half.path()).into_iter().enumerate() {
        let relative = entry.strip_prefix(half.path()).unwrap();
        let target = library.path(&relative.to_string_lossy());
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(&entry, &target).unwrap();
        if number == ARTICLES / 2 {
            refresh(&index);
        }
    }
    refresh(&index);
    (library, index)
}

/// The files under `dir`, sorted.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn fold(text: &Option<String>) -> String {
    newsdesk::text::fold(text.as_deref().unwrap_or("\u{10ffff}"))
}

#[test]
fn the_list_from_columns_sorts_as_the_summaries_do_across_segments() {
    let (_library, index) = library();
    let summaries = index.articles();
    assert_eq!(summaries.len(), ARTICLES);
    let listing = index.listing();
    assert_eq!(listing.len(), ARTICLES);
    let newest = |a: &ArticleSummary| (a.published.is_none(), Reverse(a.published.map(|p| p.to_utc())));
    type Key = Box<dyn Fn(&ArticleSummary) -> String>;
    let checks: [(ListOrder, Key); 3] = [
        (ListOrder::Newest, Box::new(move |a| format!("{:?}", newest(a)))),
        (ListOrder::Title, Box::new(|a| newsdesk::text::fold(&a.title))),
        (ListOrder::Source, Box::new(|a| format!("{}\u{1}{}", fold(&a.source), fold(&a.category)))),
    ];
    for (order, key) in checks {
        let listed: Vec<String> = Articles::new(listing.clone(), order).iter().map(|a| key(&a)).collect();
        let mut expected: Vec<String> = summaries.iter().map(&key).collect();
        // The index's own order is newest first (debug strings of dates do not sort as dates).
        if order != ListOrder::Newest {
            expected.sort();
        }
        assert_eq!(listed, expected, "{order:?}");
    }
}

fn draw(session: &Session) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
}

#[test]
fn only_the_rows_on_screen_are_read_in_full() {
    let (library, index) = library();
    drop(index);
    let state = tempfile::tempdir().unwrap();
    let mut session = Session::open(library.root.path(), &library.index_dir(), state.path().join("s.json"));
    session.dispatch(newsdesk::app::Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    assert_eq!(session.app.articles.len(), ARTICLES);
    // A screen of 40 lines shows at most 20 rows of two lines; the selection and its preview
    // read one more each (rows read lately are kept, so a frame like the last reads none).
    let most = 40 / 2 + 4;
    for press in [None, Some(KeyCode::Char('G')), Some(KeyCode::Char('s')), Some(KeyCode::Char('s'))] {
        let before = session.app.articles.listing().fetched();
        if let Some(code) = press {
            session.press(key(code));
        }
        draw(&session);
        let read = session.app.articles.listing().fetched() - before;
        assert!(read <= most, "{read} rows read for {press:?}, of {ARTICLES}");
        if press == Some(KeyCode::Char('G')) {
            assert!(read > 0, "the rows at the end, never shown before, are read");
        }
    }
}

/// Each row's title, in the list's title order.
fn titles_in_order(index: &Index) -> Vec<String> {
    Articles::new(index.listing(), ListOrder::Title).iter().map(|a| newsdesk::text::fold(&a.title)).collect()
}

#[test]
fn the_titles_ranks_are_kept_beside_the_index_and_a_bad_or_stale_file_is_merged_again() {
    let (library, index) = library();
    let kept = library.index_dir().join("newsdesk-title-ranks");
    let first = titles_in_order(&index);
    assert!(first.windows(2).all(|pair| pair[0] <= pair[1]), "in title order");
    assert!(kept.is_file(), "the first listing keeps the titles' ranks");
    let written = std::fs::read(&kept).unwrap();
    assert_eq!(titles_in_order(&index), first, "loaded, the same order");

    // A flipped byte fails the checksum, a truncated file its shape: merged again, kept again.
    for damaged in crate::support::damaged_copies(&written) {
        std::fs::write(&kept, &damaged).unwrap();
        assert_eq!(titles_in_order(&index), first);
        assert_eq!(std::fs::read(&kept).unwrap(), written, "merged again and kept again");
    }

    // A new state (an article added): the kept ranks are not its own.
    library.write("aaa-first.md", "# Aaa, the first title\n\nA short note that sorts before the rest.\n");
    refresh(&index);
    let again = titles_in_order(&index);
    assert_eq!(again.len(), first.len() + 1);
    assert!(again.windows(2).all(|pair| pair[0] <= pair[1]), "in title order: {:?}", &again[..3]);
    assert!(again.contains(&newsdesk::text::fold("Aaa, the first title")));
    assert_ne!(std::fs::read(&kept).unwrap(), written, "the new state's ranks kept");
}
