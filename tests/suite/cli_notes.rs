//! `newsdesk highlights` and `newsdesk export`: what the reader made (in a real session on the
//! test library) listed as text, JSON and Markdown, filtered, and exported with the article;
//! a passage edited away is exported as no longer found. Neither command writes anything.

use crossterm::event::KeyCode;

use crate::support::process::Newsdesk;
use crate::support::reader::{fixture, key, open, type_keys, Fixture, METRO};
use crate::support::tree::{assert_unchanged, snapshot};

/// A highlight with a note and two tags on the metro article, made with the reader's keys.
fn annotated() -> Fixture {
    let library = fixture();
    let mut session = library.session();
    open(&mut session, &library.article(METRO));
    type_keys(&mut session, "vwwa");
    type_keys(&mut session, "xem lại giờ chạy");
    session.press(key(KeyCode::Enter));
    type_keys(&mut session, "tđọc-sau metro");
    session.press(key(KeyCode::Enter));
    library
}

fn newsdesk(library: &Fixture) -> Newsdesk {
    Newsdesk::new(&library.library(), &library.dir.path().join("index"))
}

fn run(library: &Fixture, args: &[&str]) -> String {
    let mut command = newsdesk(library).command(args);
    command.env("NEWSDESK_STATE_DIR", library.state_file().parent().unwrap());
    let finished = crate::support::process::run(command);
    finished.assert_success(&format!("{args:?}"));
    finished.stdout
}

#[test]
fn highlights_lists_them_as_json_text_and_markdown_and_filters_by_words() {
    let library = annotated();
    let before = snapshot(&library.library());
    let json: serde_json::Value = serde_json::from_str(&run(&library, &["highlights", "--json"])).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["exact"], "Tuyến đường sắt");
    assert_eq!(rows[0]["note"], "xem lại giờ chạy");
    assert_eq!(rows[0]["title"], "Metro Nhổn – ga Hà Nội chạy thử đoạn trên cao");
    assert!(rows[0]["path"].as_str().unwrap().ends_with("vi/metro.json"));
    assert!(rows[0]["suffix"].as_str().unwrap().starts_with(" Nhổn"));
    assert_eq!(rows[0]["detached"], false, "found in the article");
    let text = run(&library, &["highlights"]);
    assert!(text.contains("“Tuyến đường sắt”") && text.contains("✎ xem lại giờ chạy"), "{text}");
    let markdown = run(&library, &["highlights", "--markdown"]);
    assert!(markdown.contains("## Metro Nhổn") && markdown.contains("> Tuyến đường sắt"), "{markdown}");
    let found: serde_json::Value =
        serde_json::from_str(&run(&library, &["highlights", "--json", "gio chay"])).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "a word of the note, without accents");
    let none: serde_json::Value =
        serde_json::from_str(&run(&library, &["highlights", "--json", "xe đạp"])).unwrap();
    assert!(none.as_array().unwrap().is_empty());
    assert_unchanged(&library.library(), &before, &[], "the library after listing");
}

#[test]
fn export_writes_front_matter_marked_passages_and_notes() {
    let library = annotated();
    let path = library.article(METRO);
    let markdown = run(&library, &["export", path.to_str().unwrap(), "--markdown"]);
    assert!(
        markdown.starts_with("---\ntitle: Metro Nhổn – ga Hà Nội chạy thử đoạn trên cao\n"),
        "{markdown}"
    );
    for part in [
        "author: Minh Châu",
        "url: https://nstd.example.vn/metro-nhon",
        "- metro",
        "- đọc-sau",
        "date: 2024-05-02T08:30:00+07:00",
    ] {
        assert!(markdown.contains(part), "{part:?} missing:\n{markdown}");
    }
    assert_eq!(markdown.matches("- metro").count(), 1, "a tag both have is written once");
    assert!(markdown.contains("==Tuyến đường sắt== Nhổn – ga Hà Nội"), "{markdown}");
    assert!(markdown.contains("> [!note]\n> xem lại giờ chạy"), "{markdown}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&library, &["export", path.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(json["highlights"][0]["exact"], "Tuyến đường sắt");
    assert_eq!(json["tags"], serde_json::json!(["metro", "đọc-sau"]));
    // The passage edited away: still exported, as no longer found.
    let edited = std::fs::read_to_string(&path).unwrap().replace("Tuyến đường sắt", "Tuyến tàu điện");
    std::fs::write(&path, edited).unwrap();
    let markdown = run(&library, &["export", path.to_str().unwrap()]);
    assert!(!markdown.contains("=="), "{markdown}");
    let tail = &markdown[markdown.find("## Highlights no longer found in the article").expect("listed")..];
    assert!(tail.contains("> Tuyến đường sắt") && tail.contains("xem lại giờ chạy"), "{tail}");
    let json: serde_json::Value =
        serde_json::from_str(&run(&library, &["export", path.to_str().unwrap(), "--json"])).unwrap();
    assert_eq!(json["highlights"][0]["detached"], true);
    // `highlights` reads the article too: the highlight is listed, as detached, never left out.
    let listed: serde_json::Value = serde_json::from_str(&run(&library, &["highlights", "--json"])).unwrap();
    assert_eq!(listed[0]["exact"], "Tuyến đường sắt");
    assert_eq!(listed[0]["detached"], true);
    let text = run(&library, &["highlights"]);
    assert!(text.contains("“Tuyến đường sắt” (not found in the article now)"), "{text}");
    // The file gone altogether: still listed, detached.
    std::fs::remove_file(&path).unwrap();
    let listed: serde_json::Value = serde_json::from_str(&run(&library, &["highlights", "--json"])).unwrap();
    assert_eq!(
        (listed[0]["exact"].as_str(), listed[0]["detached"].as_bool()),
        (Some("Tuyến đường sắt"), Some(true))
    );
}

#[test]
fn search_finds_articles_by_their_notes_highlights_and_the_readers_tags() {
    let library = annotated();
    let paths = |query: &str| -> Vec<String> {
        let json: serde_json::Value =
            serde_json::from_str(&run(&library, &["search", "--json", "--", query])).unwrap();
        json["hits"].as_array().unwrap().iter().map(|hit| hit["path"].as_str().unwrap().to_string()).collect()
    };
    let metro = |found: Vec<String>| found.len() == 1 && found[0].ends_with("vi/metro.json");
    assert!(metro(paths("note:gio")), "a word of the note, without accents");
    assert!(metro(paths("note:\"xem lại\"")), "a phrase of the note");
    assert!(paths("note:\"lại xem\"").is_empty(), "a phrase keeps its order");
    assert!(metro(paths("highlight:\"đường sắt\"")));
    assert!(metro(paths("tag:đọc-sau")), "the reader's own tag");
    assert!(metro(paths("hl:tuyen note:xem")), "with other clauses");
    assert!(paths("note:xe").len() <= 1 && paths("note:buýt").is_empty());
}

#[test]
fn a_note_on_one_member_of_a_container_finds_that_member_only() {
    use newsdesk::article::Address;
    use newsdesk::index::Index;
    use newsdesk::store::{article_key, Highlight, Quote, Store};
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    std::fs::create_dir(&library).unwrap();
    let crawl = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-articles/saved/crawl-2024-06.warc.gz");
    std::fs::copy(crawl, library.join("crawl.warc.gz")).unwrap();
    let library = library.canonicalize().unwrap();
    let (index, _) = Index::open(&library, &dir.path().join("index")).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    let members = index.articles();
    assert!(members.len() >= 2, "the crawl holds several articles: {}", members.len());
    let chosen = &members[1];
    assert!(chosen.member.is_some(), "a member of the crawl");
    let mut store = Store::open(&dir.path().join("state")).unwrap().store;
    let address = Address { path: chosen.path.clone(), member: chosen.member.clone() };
    let highlight = Highlight {
        id: "m".into(),
        article: article_key(&address),
        title: chosen.title.clone(),
        quote: Quote { exact: "bến".into(), ..Default::default() },
        block: 0,
        note: "chỉ thành viên này".into(),
        created: 1,
        updated: 1,
        detached: false,
    };
    store.put_highlight(&highlight).unwrap();
    let results = index.search_with_notes("note:\"thanh vien nay\"", 10, false, Some(&store)).unwrap();
    let found: Vec<_> =
        results.hits.iter().map(|hit| (hit.article.path.clone(), hit.article.member.clone())).collect();
    assert_eq!(found, [(chosen.path.clone(), chosen.member.clone())]);
}
