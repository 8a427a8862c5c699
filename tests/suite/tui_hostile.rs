//! The reader over hostile content: any article at any size draws without panic, and nothing
//! from a hostile file (its text or its name) puts a control character into the screen buffer.

use crate::support;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::support::reader::{key, open_path};
use crate::support::strategies;
use crossterm::event::KeyCode;
use newsdesk::app::{Action, App, Focus, LoadedArticle, Pane, RowKind};
use newsdesk::article::{Article, Block, BlockKind, Format, RelatedLink};
use newsdesk::index::{ArticleSummary, Listing, ResolvedLink};
use newsdesk::session::Session;
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use support::hostile::{self, ESCAPE_NAME};
use support::{assert_no_forbidden, is_forbidden};

fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, app)).unwrap();
    terminal.backend().buffer().content.iter().map(|cell| cell.symbol()).collect()
}

/// Text meant to hurt, with long words and line breaks.
fn hostile_text() -> BoxedStrategy<String> {
    strategies::hostile_text(&["\n", " "], "[a-z]{1,300}", 8)
}

fn article_strategy() -> impl Strategy<Value = Article> {
    let kinds = prop::sample::select(vec![
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::Caption,
        BlockKind::Quote,
        BlockKind::ListItem,
    ]);
    let blocks = prop::collection::vec((kinds, hostile_text()), 0..12);
    let related = prop::collection::vec((hostile_text(), prop::option::of(hostile_text())), 0..4);
    (hostile_text(), prop::option::of(hostile_text()), prop::option::of(hostile_text()), blocks, related)
        .prop_map(|(title, lead, category, blocks, related)| {
            let mut article = Article::new(PathBuf::from("/library/a.json"), Format::Json, title);
            article.lead = lead;
            article.category = category;
            article.tags = vec!["\u{1b}[1mtag".into()];
            article.body = blocks.into_iter().map(|(kind, text)| Block { kind, text }).collect();
            article.related = related
                .into_iter()
                .map(|(title, url)| RelatedLink { url, ..RelatedLink::titled(title) })
                .collect();
            article
        })
}

/// The app with `article` in the list and open, at `width` × `height`.
fn app_showing(article: &Article, width: u16, height: u16) -> App {
    let mut app = App::new(PathBuf::from("/library"));
    app.update(Action::Resize { width, height });
    let summary = ArticleSummary::of(article);
    app.update(Action::LibraryLoaded(Listing::from_summaries(vec![summary])));
    app.update(Action::Activate);
    let related = article
        .related
        .iter()
        .map(|link| ResolvedLink { link: link.clone(), target: None, by: None })
        .collect();
    let loaded = LoadedArticle {
        article: article.clone(),
        related,
        linked_from: Vec::new(),
        annotations: Default::default(),
        same_story: Vec::new(),
        similar: Some(Vec::new()),
    };
    app.update(Action::ArticleLoaded(Box::new(loaded)));
    assert!(app.open.is_some(), "the article opened");
    app
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Raw (unsanitised) fields must not crash the drawing; parsed ones must not reach the screen.
    #[test]
    fn any_article_at_any_size_draws_and_parsed_ones_show_no_controls(
        article in article_strategy(),
        width in 0u16..160,
        height in 0u16..60,
        moves in prop::collection::vec(0usize..5, 0..6),
    ) {
        let parsed = newsdesk::parse::parse(Path::new("/library/a.json"), serde_json::to_string(&article).unwrap().as_bytes());
        for (raw, shown) in [(true, Some(article)), (false, parsed.ok())] {
            let Some(shown) = shown else { continue };
            let mut app = app_showing(&shown, width, height);
            let mut screens = vec![screen(&app, width, height)];
            for step in &moves {
                let action = [Action::PageDown, Action::Bottom, Action::FocusNext, Action::Down, Action::ToggleRelated][*step].clone();
                app.update(action);
                screens.push(screen(&app, width, height));
            }
            if !raw {
                for text in &screens {
                    prop_assert!(!text.chars().any(is_forbidden), "{:?}", text);
                }
            }
        }
    }
}

#[test]
fn hostile_files_and_names_never_reach_the_screen_raw() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir_all(&library).unwrap();
    let entries = hostile::write_text_library(&library);
    let mut session = Session::open(&library, &dir.path().join("index"), dir.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    let readable = entries.iter().filter(|e| matches!(e.expect, hostile::Expect::Indexed { .. }));
    assert_eq!(session.app.articles.len(), readable.count(), "every readable file is listed");
    // Files with one body fold into one row (one story): show every copy, so each is opened.
    let go_to_row = |session: &mut Session, row: usize| {
        session.app.focus = Focus::Pane(Pane::List);
        session.press(key(KeyCode::Char('g')));
        for _ in 0..row {
            session.press(key(KeyCode::Char('j')));
        }
    };
    let mut row = 0;
    while row < session.app.list_len() {
        if matches!(session.app.folding.rows[row].kind, RowKind::Story { expanded: false, .. }) {
            go_to_row(&mut session, row);
            session.press(key(KeyCode::Char('c')));
        }
        row += 1;
    }
    assert_eq!(session.app.list_len(), session.app.articles.len(), "every copy is shown");
    let mut opened = BTreeSet::new();
    for row in 0..session.app.articles.len() {
        go_to_row(&mut session, row);
        session.press(key(KeyCode::Enter));
        session.wait_for_article();
        let path = open_path(&session).expect("an article opened");
        session.press(key(KeyCode::Tab));
        for (width, height) in [(120, 40), (50, 12), (200, 8)] {
            session.dispatch(Action::Resize { width, height });
            assert_no_forbidden(&screen(&session.app, width, height), &path.to_string_lossy());
        }
        opened.insert(path);
    }
    assert_eq!(opened.len(), session.app.articles.len(), "every article was opened");
    session.press(key(KeyCode::Char('/')));
    crate::support::reader::type_keys(&mut session, "quokkaescapename");
    assert_no_forbidden(&screen(&session.app, 120, 40), "hits");

    // An article that cannot be opened any more: its hostile name is in the message.
    let hostile_name = library.join(OsStr::from_bytes(ESCAPE_NAME));
    std::fs::remove_file(&hostile_name).unwrap();
    session.press(key(KeyCode::Esc));
    session.dispatch(Action::ArticleFailed {
        address: hostile_name.clone().into(),
        message: "gone \u{1b}[2J".into(),
    });
    let text = screen(&session.app, 120, 40);
    assert!(text.contains("pwned"), "the failure is on screen: {text}");
    assert_no_forbidden(&text, "the failure notice");
}
