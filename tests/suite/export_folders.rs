//! Read-it-later exports as people unpack them: an Omnivore or Pocket export's folder is one
//! container whose members are named as in the zip (the same articles, fields, tags, state and
//! highlights), its parts are not articles of their own, a change to any part re-reads it, and
//! reading it is bounded. Loose wallabag JSON and bookmarks HTML are known by their content.

use std::io::Read;
use std::path::{Path, PathBuf};

use newsdesk::article::{Article, Format};
use newsdesk::index::{RefreshOptions, Scope};
use newsdesk::parse::{read_members_at, ContainerReport, LastLink, Limits, ParseContext, Stopped};

use crate::support::library::{file_name, json_of, refresh, Library};

const EXPORTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-articles/exports");

/// Unpacks the sample zip `name` into `to` (as a user's unzip would).
fn unpack(name: &str, to: &Path) {
    let file = std::fs::File::open(Path::new(EXPORTS).join(name)).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    for at in 0..zip.len() {
        let mut entry = zip.by_index(at).unwrap();
        let target = to.join(entry.name().unwrap().as_ref());
        if entry.is_dir() {
            continue;
        }
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
}

fn members_at(path: &Path, limits: Limits) -> (Vec<Article>, ContainerReport) {
    let mut articles = Vec::new();
    let report = read_members_at(path, LastLink::Follow, ParseContext::default(), limits, &mut |a| {
        articles.push(a);
        true
    })
    .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    (articles, report)
}

/// What an article is, without where it was found.
fn without_path(mut articles: Vec<Article>) -> Vec<Article> {
    for article in &mut articles {
        article.path = PathBuf::new();
    }
    articles.sort_by(|a, b| a.member.cmp(&b.member));
    articles
}

/// Omnivore's and Pocket's samples unpacked, wallabag's JSON and the bookmarks loose, and the
/// saved page one of Pocket's references points to.
fn library() -> Library {
    let library = Library::new();
    unpack("omnivore-export-2024-11-02.zip", &library.path("omnivore"));
    unpack("pocket-export-2025-07.zip", &library.path("pocket"));
    unpack("wallabag-export-2024-06.zip", &library.path("loose"));
    unpack("bookmarks-2024-12.zip", &library.path("loose"));
    library.write("omnivore/notes.md", "# What to keep\n\nThe export came from the old phone.\n");
    let page = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-articles/html/library-first-month.html");
    std::fs::create_dir_all(library.path("pages")).unwrap();
    std::fs::copy(page, library.path("pages/library-first-month.html")).unwrap();
    library
}

#[test]
fn an_unpacked_export_gives_the_same_members_as_its_zip() {
    let library = library();
    for (zip, folder, count) in
        [("omnivore-export-2024-11-02.zip", "omnivore", 3), ("pocket-export-2025-07.zip", "pocket", 3)]
    {
        let (from_zip, _) = members_at(&Path::new(EXPORTS).join(zip), Limits::default());
        let (from_folder, report) = members_at(&library.path(folder), Limits::default());
        assert_eq!((report.members, report.skipped, report.stopped), (count, 0, None), "{folder}");
        assert!(from_folder.iter().all(|a| a.path == library.path(folder)));
        assert_eq!(without_path(from_folder), without_path(from_zip), "{folder}");
    }
    // The one-file exports, loose: known by their content, read as in the zip.
    for (zip, file, count) in [
        ("wallabag-export-2024-06.zip", "wallabag-export.json", 2),
        ("bookmarks-2024-12.zip", "bookmarks.html", 3),
    ] {
        let (from_zip, _) = members_at(&Path::new(EXPORTS).join(zip), Limits::default());
        let (loose, report) = members_at(&library.path("loose").join(file), Limits::default());
        assert_eq!(report.members, count, "{file}");
        assert_eq!(without_path(loose), without_path(from_zip), "{file}");
    }
    // Read as an article, the bookmarks file says it is read by member.
    assert!(newsdesk::parse::read_article(&library.path("loose/bookmarks.html")).is_err());
}

#[test]
fn the_library_lists_an_export_folder_as_one_container_and_not_its_parts() {
    let library = library();
    let index = library.indexed();
    let listed = index.articles();
    let at = |folder: &str| listed.iter().filter(|a| a.path == library.path(folder)).count();
    assert_eq!((at("omnivore"), at("pocket")), (3, 2), "Pocket's first row attaches to the saved page");
    assert_eq!(at("loose/wallabag-export.json"), 2);
    assert_eq!(at("loose/bookmarks.html"), 3);
    // No part is an article of its own; a file of the folder that is no part is one.
    let mut stray: Vec<_> = listed
        .iter()
        .filter(|a| a.member.is_none())
        .map(|a| a.path.strip_prefix(library.root.path()).unwrap().to_string_lossy().into_owned())
        .collect();
    stray.sort();
    assert_eq!(stray, ["omnivore/notes.md", "pages/library-first-month.html"].map(String::from).to_vec());

    // `list → show --member → search`, through the binary.
    let folder = library.path("omnivore");
    let member = "content/cau-go-lang-chai-duoc-sua.html";
    let rows = json_of(&library, &["list", "--json"]);
    let row = rows.as_array().unwrap().iter().find(|row| row["member"] == member).expect("listed");
    assert_eq!(row["path"].as_str().map(Path::new), Some(folder.as_path()), "{row}");
    let shown = json_of(&library, &["show", folder.to_str().unwrap(), "--member", member, "--json"]);
    assert_eq!(shown["title"], "Cây cầu gỗ ở làng chài được dựng lại sau bão");
    assert_eq!(shown["format"], "export");
    assert_eq!(shown["tags"], serde_json::json!(["làng chài", "sau bão"]));
    assert_eq!(shown["shelf"]["archived"], true);
    assert_eq!(shown["shelf"]["highlights"].as_array().map(Vec::len), Some(2));
    let found = json_of(&library, &["search", "--json", "cầu", "gỗ", "làng", "chài"]);
    assert_eq!(found["hits"][0]["member"], member, "{found}");
    let links = json_of(&library, &["links", folder.to_str().unwrap(), "--member", member, "--json"]);
    assert!(links["related"].as_array().is_some(), "{links}");
}

/// Each hit as `file#member`.
fn hits(index: &newsdesk::index::Index, query: &str) -> Vec<String> {
    hit_names(&index.search(query, 50).unwrap_or_else(|err| panic!("{query:?}: {err}")))
}

/// Each hit of `results` as `file#member`, sorted.
fn hit_names(results: &newsdesk::index::SearchResults) -> Vec<String> {
    let mut names: Vec<String> = results
        .hits
        .iter()
        .map(|hit| {
            format!("{}#{}", file_name(&hit.article.path), hit.article.member.as_deref().unwrap_or(""))
        })
        .collect();
    names.sort();
    names
}

#[test]
fn tags_and_states_of_unpacked_exports_are_searchable() {
    let index = library().indexed();
    assert_eq!(hits(&index, "tag:\"lang chai\""), ["omnivore#content/cau-go-lang-chai-duoc-sua.html"]);
    assert_eq!(hits(&index, "tag:library"), ["library-first-month.html#"], "Pocket's tag, on the saved copy");
    assert_eq!(hits(&index, "is:starred"), ["wallabag-export.json#wallabag-export.json#41"]);
    assert_eq!(
        hits(&index, "is:archived"),
        [
            "library-first-month.html#",
            "omnivore#content/cau-go-lang-chai-duoc-sua.html",
            "wallabag-export.json#wallabag-export.json#41",
        ]
    );
    let unread = hits(&index, "is:unread");
    assert!(unread.contains(&"pocket#part_000000.csv#2".to_string()), "{unread:?}");
    assert!(!unread.iter().any(|hit| hit.starts_with("omnivore#content/cau-go")), "{unread:?}");
}

#[test]
fn a_change_to_any_part_reads_the_export_again() {
    let library = library();
    let index = library.indexed();
    let member = "content/cau-go-lang-chai-duoc-sua.html";
    let highlights = || {
        let folder = library.path("omnivore");
        let read = newsdesk::parse::read_address(&folder, Some(member), LastLink::Follow, Default::default());
        read.unwrap().shelf.unwrap().highlights.len()
    };
    assert_eq!(highlights(), 2);
    let part = library.path("omnivore/highlights/cau-go-lang-chai-duoc-sua.md");
    let mut text = std::fs::read_to_string(&part).unwrap();
    text.push_str("\n> Cầu mở lại cho xe máy từ tuần sau.\n");
    std::fs::write(&part, text).unwrap();
    // The folder's own time is unchanged: the fingerprint of its parts tells.
    let summary = refresh(&index);
    assert_eq!((summary.updated, summary.added), (1, 0), "{summary:?}");
    assert_eq!(highlights(), 3);
    let search = index.search("xe máy tuần sau", 5).unwrap();
    assert!(search.hits.is_empty(), "a highlight is not the article's text");

    // A title changed in the list, seen by a watch naming just that file.
    let list = library.path("omnivore/metadata_0_to_3.json");
    let renamed = std::fs::read_to_string(&list).unwrap().replace("Night buses", "Late buses");
    std::fs::write(&list, renamed).unwrap();
    let options = RefreshOptions { rebuild: false, verify: false, scope: Scope::Paths(vec![list]) };
    let summary = index.refresh_with(&options, &mut |_| {}).unwrap();
    assert_eq!(summary.updated, 1, "{summary:?}");
    assert!(index.articles().iter().any(|a| a.title == "Late buses return to the old harbour"));
    assert!(!index.articles().iter().any(|a| a.path.starts_with(library.path("omnivore/content"))));

    // The folder gone: its members go with it.
    std::fs::remove_dir_all(library.path("omnivore")).unwrap();
    refresh(&index);
    assert!(!index.articles().iter().any(|a| a.path.starts_with(library.path("omnivore"))));
}

#[test]
fn a_part_named_from_outside_the_listing_is_never_opened_and_links_are_left() {
    let library = Library::new();
    library.write("secret.html", "<html><body><h1>Private</h1><p>Not the export's.</p></body></html>");
    let items = serde_json::json!([
        {"slug": "../../secret", "title": "Climbing out", "url": "https://example.com/a"},
        {"slug": "linked", "title": "A link inside", "url": "https://example.com/b"},
    ]);
    library.write("export/metadata_0_to_1.json", &items.to_string());
    std::fs::create_dir_all(library.path("export/content")).unwrap();
    std::os::unix::fs::symlink(library.path("secret.html"), library.path("export/content/linked.html"))
        .unwrap();
    let (articles, _) = members_at(&library.path("export"), Limits::default());
    // Both are references: neither page was read.
    assert_eq!(articles.len(), 2);
    assert!(articles.iter().all(|a| a.format == Format::Reference && a.body.is_empty()), "{articles:?}");
}

#[test]
fn reading_an_export_folder_is_bounded() {
    let library = Library::new();
    let items: Vec<_> = (0..20)
        .map(|n| serde_json::json!({"slug": format!("page-{n:02}"), "title": format!("Page {n}"), "url": format!("https://example.com/{n}")}))
        .collect();
    library.write("export/metadata_0_to_19.json", &serde_json::Value::Array(items).to_string());
    for n in 0..20 {
        let body = format!("<html><body><h1>Page {n}</h1><p>{}</p></body></html>", "Một câu. ".repeat(300));
        library.write(&format!("export/content/page-{n:02}.html"), &body);
    }
    let folder = library.path("export");
    let (all, report) = members_at(&folder, Limits::default());
    assert_eq!((all.len(), report.stopped), (20, None));
    assert!(all.iter().all(|a| a.format == Format::Export));

    let (some, report) = members_at(&folder, Limits { members: 5, ..Limits::default() });
    assert_eq!((some.len(), report.stopped), (5, Some(Stopped::TooManyMembers(5))));

    // Files listed: the list and the first pages; the rest are left, with the reason.
    let (listed, report) = members_at(&folder, Limits { entries: 8, ..Limits::default() });
    assert_eq!(report.stopped, Some(Stopped::TooManyEntries(8)));
    assert_eq!(listed.iter().filter(|a| a.format == Format::Export).count(), 7);

    // Bytes in all: reading stops once past them.
    let (few, report) = members_at(&folder, Limits { total_bytes: 5_000, ..Limits::default() });
    assert_eq!(report.stopped, Some(Stopped::TooManyBytes(5_000)));
    assert!(few.iter().filter(|a| a.format == Format::Export).count() < 5);

    // Bytes of one file: a page past them is left (its item stays, as a reference).
    let (capped, _) = members_at(&folder, Limits { member_bytes: 2_500, ..Limits::default() });
    assert_eq!(capped.len(), 20);
    assert!(capped.iter().all(|a| a.format == Format::Reference));
}

#[test]
fn unread_is_neither_read_in_newsdesk_nor_archived_in_the_service() {
    use newsdesk::article::Address;
    use newsdesk::store::{article_key, ReadMark, Store};
    let library = Library::new();
    library.json(
        "pages/plain.json",
        "A page of its own",
        "Chợ hoa mở sớm hơn mọi năm.",
        serde_json::json!({}),
    );
    let url = |name: &str| format!("https://tin.example.vn/{name}");
    library.json("pages/kept.json", "Kept and read", "Bến xe mới.", serde_json::json!({"url": url("kept")}));
    library.json("pages/done.json", "Done in Pocket", "Cầu mới.", serde_json::json!({"url": url("done")}));
    let rows = format!(
        "title,url,time_added,tags,status\nKept,{},1700000000,,unread\nLater,{},1700000001,,unread\nDone,{},1700000002,,archive\n",
        url("kept"),
        url("later"),
        url("done"),
    );
    library.write("pocket/part_000000.csv", &rows);
    let index = library.indexed();
    let store_dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(store_dir.path()).unwrap().store;
    let unread =
        |store: &Store| hit_names(&index.search_with_notes("is:unread", 50, false, Some(store)).unwrap());
    // A copy whose reference Pocket archived is not unread; the others are, plain or not.
    assert_eq!(unread(&store), ["kept.json#", "plain.json#", "pocket#part_000000.csv#2"]);

    let mark = ReadMark { line: 0, of: 0, at: 1 };
    store.put_read_mark(&article_key(&Address::file(library.path("pages/plain.json"))), mark).unwrap();
    store.put_read_mark(&article_key(&Address::file(library.path("pages/kept.json"))), mark).unwrap();
    // Read in newsdesk: neither the copy nor (through it) its reference Pocket calls unread.
    assert_eq!(unread(&store), ["pocket#part_000000.csv#2"]);
    let later = Address::member(library.path("pocket"), "part_000000.csv#2");
    store.put_read_mark(&article_key(&later), mark).unwrap();
    assert!(unread(&store).is_empty());
    // Negated, and without the store (the service's state alone).
    let results = index.search_with_notes("-is:unread", 50, false, Some(&store)).unwrap();
    assert_eq!(results.hits.len(), 4, "every listed article: {:?}", results.hits);
    assert_eq!(index.search("is:unread", 50).unwrap().hits.len(), 3);
}

#[test]
fn the_reader_opens_a_member_of_an_export_folder_with_its_highlights() {
    use crossterm::event::KeyCode;
    use newsdesk::app::{Action, Focus, Pane};
    use newsdesk::article::Address;
    use newsdesk::session::Session;
    let library = library();
    let mut session =
        Session::open(library.root.path(), &library.index_dir(), library.cache.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    let bridge = Address::member(library.path("omnivore"), "content/cau-go-lang-chai-duoc-sua.html");
    let at = session.app.articles.iter().position(|a| a.address() == bridge).expect("listed");
    session.app.focus = Focus::Pane(Pane::List);
    session.press(crate::support::reader::key(KeyCode::Char('g')));
    for _ in 0..at {
        session.press(crate::support::reader::key(KeyCode::Char('j')));
    }
    session.press(crate::support::reader::key(KeyCode::Enter));
    session.wait_for_article();
    let open = session.app.open.as_ref().expect("opened");
    assert_eq!(open.loaded.article.address(), bridge);
    assert_eq!(open.marks().passages.len(), 2, "Omnivore's highlights, from highlights/, found in the text");
}
