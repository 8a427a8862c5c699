//! Read-it-later exports in a library: references attach to the saved copy of their URL (its
//! tags, state and highlights) or are listed as not saved; `tag:` and `is:` find both; the
//! commands carry the member end to end; an export's highlights are drawn in the reader.

use std::path::Path;

use crossterm::event::KeyCode;
use newsdesk::app::{Action, Focus, Pane};
use newsdesk::article::{Address, Format};
use newsdesk::session::Session;

use crate::support::library::{file_name, json_of, Library};
use crate::support::reader::key;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-articles");

/// The export samples, and the two saved pages some of their references point to.
fn library() -> Library {
    let library = Library::new();
    let copy = |from: &str, to: &str| {
        let target = library.path(to);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(SAMPLES).join(from), target).unwrap();
    };
    for export in [
        "omnivore-export-2024-11-02.zip",
        "wallabag-export-2024-06.zip",
        "pocket-export-2025-07.zip",
        "instapaper-export.csv",
        "bookmarks-2024-12.zip",
    ] {
        copy(&format!("exports/{export}"), &format!("exports/{export}"));
    }
    copy("html/library-first-month.html", "pages/library-first-month.html");
    copy("markdown/cho-sach-cu-cuoi-tuan.md", "pages/cho-sach-cu-cuoi-tuan.md");
    library
}

/// Each hit as `file` or `file#member`.
fn hits(index: &newsdesk::index::Index, query: &str) -> Vec<String> {
    let results = index.search(query, 50).unwrap_or_else(|err| panic!("{query:?}: {err}"));
    let mut names: Vec<String> = results
        .hits
        .iter()
        .map(|hit| match &hit.article.member {
            Some(member) => format!("{}#{member}", file_name(&hit.article.path)),
            None => file_name(&hit.article.path),
        })
        .collect();
    names.sort();
    names
}

#[test]
fn references_attach_to_saved_copies_and_the_rest_are_listed_as_not_saved() {
    let library = library();
    let index = library.indexed();
    let listed = index.articles();
    let member = |name: &str| listed.iter().any(|a| a.member.as_deref() == Some(name));
    // Pocket's first row and Instapaper's first are the two saved pages: not listed again.
    assert!(!member("part_000000.csv#1") && !member("instapaper-export.csv#1"));
    assert!(member("part_000000.csv#2") && member("instapaper-export.csv#2"));
    let not_saved = listed.iter().filter(|a| a.format == Format::Reference).count();
    // Omnivore 1, Pocket 2, Instapaper 3, bookmarks 3.
    assert_eq!(not_saved, 9);
    assert_eq!(listed.iter().filter(|a| a.format == Format::Export).count(), 4);
    // Found by its title.
    assert_eq!(
        hits(&index, "bread prices"),
        ["omnivore-export-2024-11-02.zip#metadata_0_to_3.json#bread-prices-morning-market"]
    );

    // The saved copy takes on its references' tags, state and highlights.
    let page = newsdesk::parse::read_article(&library.path("pages/library-first-month.html")).unwrap();
    let mut attached = page.clone();
    attached.attach(index.references_of(&page));
    assert!(attached.tags.iter().any(|t| t == "library"), "{:?}", attached.tags);
    let shelf = attached.shelf.expect("a shelf from Pocket");
    assert!(shelf.archived);
    assert_eq!(shelf.highlights.len(), 1);
    assert!(
        index
            .references_of(
                &newsdesk::parse::read_article(&library.path("pages/cho-sach-cu-cuoi-tuan.md")).unwrap()
            )
            .len()
            == 1
    );
}

#[test]
fn tag_and_is_find_exports_and_the_copies_their_references_attach_to() {
    let index = library().indexed();
    assert_eq!(
        hits(&index, "tag:library"),
        ["instapaper-export.csv#instapaper-export.csv#2", "library-first-month.html"]
    );
    assert_eq!(
        hits(&index, "is:starred"),
        ["cho-sach-cu-cuoi-tuan.md", "wallabag-export-2024-06.zip#wallabag-export.json#41"]
    );
    let archived = hits(&index, "is:archived");
    assert_eq!(
        archived,
        [
            "instapaper-export.csv#instapaper-export.csv#3",
            "library-first-month.html",
            "omnivore-export-2024-11-02.zip#content/cau-go-lang-chai-duoc-sua.html",
            "wallabag-export-2024-06.zip#wallabag-export.json#41",
        ]
    );
    let unread_archived = hits(&index, "is:unread is:archived");
    assert!(unread_archived.is_empty(), "{unread_archived:?}");
    // Accents optional, as every tag.
    assert_eq!(
        hits(&index, "tag:\"lang chai\""),
        ["omnivore-export-2024-11-02.zip#content/cau-go-lang-chai-duoc-sua.html"]
    );
    assert!(index.search("is:later", 5).is_err());
}

#[test]
fn list_show_search_and_links_carry_an_exports_member() {
    let library = library();
    let zip = library.path("exports/omnivore-export-2024-11-02.zip");
    let file = zip.to_str().unwrap();
    let member = "content/night-buses-return-to-the-harbour.html";
    let listed = json_of(&library, &["list", "--json"]);
    assert!(listed.as_array().unwrap().iter().any(|row| row["member"] == member), "{listed}");
    let shown = json_of(&library, &["show", file, "--member", member, "--json"]);
    assert_eq!(shown["title"], "Night buses return to the old harbour");
    assert_eq!(shown["format"], "export");
    assert_eq!(shown["shelf"]["service"], "omnivore");
    assert_eq!(shown["tags"], serde_json::json!(["transport", "night shift"]));
    let found = json_of(&library, &["search", "--json", "night", "buses"]);
    assert_eq!(found["hits"][0]["member"], member, "{found}");
    let links = json_of(&library, &["links", file, "--member", member, "--json"]);
    assert!(links["related"].as_array().is_some(), "{links}");
}

fn session(library: &Library) -> Session {
    let mut session =
        Session::open(library.root.path(), &library.index_dir(), library.cache.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

#[test]
fn the_reader_draws_an_exports_highlights_in_the_article_and_opens_a_reference() {
    let library = library();
    let mut session = session(&library);
    let row = |session: &Session, wanted: &Address| {
        session.app.articles.iter().position(|a| a.address() == *wanted).expect("listed")
    };
    let open_row = |session: &mut Session, at: usize| {
        session.app.focus = Focus::Pane(Pane::List);
        session.press(key(KeyCode::Char('g')));
        for _ in 0..at {
            session.press(key(KeyCode::Char('j')));
        }
        session.press(key(KeyCode::Enter));
        session.wait_for_article();
    };
    let bridge = Address::member(
        library.path("exports/omnivore-export-2024-11-02.zip"),
        "content/cau-go-lang-chai-duoc-sua.html",
    );
    let at = row(&session, &bridge);
    open_row(&mut session, at);
    let open = session.app.open.as_ref().expect("opened");
    assert_eq!(open.loaded.article.address(), bridge);
    let marks = open.marks();
    assert_eq!(marks.passages.len(), 2, "both of Omnivore's highlights are found in the text");
    let marked: String =
        marks.passages.iter().map(|range| &open.passages.text[range.clone()]).collect::<Vec<_>>().join("|");
    assert_eq!(
        marked,
        "Người dân tự góp gỗ và công để dựng lại nhịp cầu bị gió cuốn trôi|cây cầu mới được chôn cọc sâu hơn"
    );
    assert!(marks.notes.iter().any(|(_, note)| note == "Hỏi thêm xã về kinh phí sửa cầu."));
    let drawn = open.doc.lines.iter().flatten().filter(|segment| segment.annotated).count();
    assert!(drawn >= 2, "drawn as highlights: {drawn} segments");
    assert!(open.loaded.annotations.highlights.is_empty(), "nothing copied into the reader's own store");

    // A reference opens to its title, URL and state; `o` hands its URL to the browser.
    let vegetables = Address::member(library.path("exports/pocket-export-2025-07.zip"), "part_000000.csv#2");
    let at = row(&session, &vegetables);
    open_row(&mut session, at);
    let open = session.app.open.as_ref().expect("opened");
    assert_eq!(open.loaded.article.url.as_deref(), Some("https://tin.example.vn/thi-truong/gia-rau-tang"));
    session.app.focus = Focus::Pane(Pane::Reader);
    let effects = session.press(key(KeyCode::Char('o')));
    let [newsdesk::app::Effect::OpenInBrowser(url)] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(url.as_str(), "https://tin.example.vn/thi-truong/gia-rau-tang");
}
