//! EPUB books (wallabag, Shiori, Readeck exports): a chapter per article, addressed by its
//! href; wallabag's chapter header read into the fields; the book's metadata as the fallback;
//! reading bounded; WARCs and EPUBs known by their content whatever their name.

use std::path::{Path, PathBuf};

use newsdesk::article::{Article, Format};
use newsdesk::parse::{self, ContainerKind, ContainerReport, Limits, ParseContext, Stopped};
use zip::CompressionMethod;

use crate::support::epub::{book, chapter, zip_of};
use crate::support::library::{json_of, sorted, Library};
use crate::support::warc::{crawl_of, gzip, page};

const LIBRARY_ID: &str = "3f1c0a7e.xhtml";
const BUS_ID: &str = "9b27d4c1.xhtml";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles/saved/wallabag-export.epub")
}

fn members_of(
    name: &str,
    bytes: &[u8],
    limits: Limits,
) -> Result<(Vec<Article>, ContainerReport), parse::SkipReason> {
    let mut articles = Vec::new();
    let report = parse::read_members(
        Path::new(name),
        ContainerKind::Epub,
        bytes,
        ParseContext::default(),
        limits,
        &mut |article| {
            articles.push(article);
            true
        },
    )?;
    Ok((articles, report))
}

#[test]
fn each_wallabag_entry_is_an_article_with_the_fields_of_its_header() {
    let (articles, report) =
        members_of("x.epub", &std::fs::read(sample()).unwrap(), Limits::default()).unwrap();
    let members: Vec<_> = articles.iter().map(|a| a.member.as_deref().unwrap()).collect();
    assert_eq!(members, [LIBRARY_ID, BUS_ID], "the contents and the closing notices are not articles");
    assert_eq!((report.records, report.stopped), (3, None), "the table of contents is not a chapter");
    let library = &articles[0];
    assert_eq!(library.format, Format::Epub);
    assert_eq!(library.title, "Thư viện xã mở cửa buổi tối cho công nhân");
    assert_eq!(library.author.as_deref(), Some("Nguyễn Thu Hà"));
    assert_eq!(library.published.map(|p| p.to_iso()).as_deref(), Some("2024-05-28"));
    assert_eq!(library.url.as_deref(), Some("https://tin.example.vn/thu-vien-xa-buoi-toi"));
    assert_eq!(library.tags, ["thư viện", "công nhân"]);
    assert!(library.warnings.is_empty(), "{:?}", library.warnings);
    let body = library.body_text();
    assert!(body.starts_with("Từ đầu tháng sáu"), "{body}");
    for header in ["Published by", "Reading time", "bag.example.org", "(1/2)"] {
        assert!(!body.contains(header), "the header stays out of the body: {header}\n{body}");
    }
    let bus = &articles[1];
    assert_eq!(bus.title, "The night bus returns to the valley");
    assert_eq!(bus.author.as_deref(), Some("Tom Reyes"));
    assert_eq!(bus.tags, ["transport", "rural life"]);
    assert_eq!(bus.related.len(), 1);
    assert_eq!(bus.related[0].url.as_deref(), Some("https://tin.example.vn/thu-vien-xa-buoi-toi"));
}

#[test]
fn a_book_without_headers_gives_every_chapter_and_falls_back_on_its_metadata() {
    let metadata = "<dc:title>Sổ tay đọc sau</dc:title><dc:creator>Readeck</dc:creator>\
                    <dc:date>2024-03-02T10:00:00Z</dc:date>";
    let untitled = "<html><body><p>Một đoạn văn không có tiêu đề nào, chỉ có chữ, kể về buổi chợ phiên \
                    đầu xuân trên núi.</p></body></html>";
    let (pines, harbour) = (
        chapter("Rừng thông sau mưa", "Đường lên đồi thông trơn trượt sau cơn mưa đêm qua."),
        chapter("Harbour lights", "The old harbour lights were switched on again this week."),
    );
    let bytes = book(metadata, &[("a.xhtml", &pines), ("b.xhtml", untitled), ("c.xhtml", &harbour)]);
    let (articles, _) = members_of("notes.epub", &bytes, Limits::default()).unwrap();
    let titles: Vec<_> = articles.iter().map(|a| (a.member.clone().unwrap(), a.title.clone())).collect();
    assert_eq!(
        titles,
        [
            ("a.xhtml".to_string(), "Rừng thông sau mưa".to_string()),
            ("b.xhtml".to_string(), "Sổ tay đọc sau".to_string()),
            ("c.xhtml".to_string(), "Harbour lights".to_string()),
        ]
    );
    for article in &articles {
        assert_eq!(article.author.as_deref(), Some("Readeck"));
        assert_eq!(article.published.map(|p| p.date.to_string()).as_deref(), Some("2024-03-02"));
        assert!(article.warnings.iter().any(|w| w.contains("EPUB")), "{:?}", article.warnings);
    }
}

#[test]
fn a_compression_bomb_stops_with_a_reason_after_bounded_bytes() {
    // Eight chapters of 32 MB of spaces each: 256 MB from a file of a few hundred KB.
    let huge = format!("<html><body><p>Tin</p>{}</body></html>", " ".repeat(32 << 20));
    let names: Vec<String> = (0..8).map(|n| format!("c{n}.xhtml")).collect();
    let chapters: Vec<(&str, &str)> = names.iter().map(|name| (name.as_str(), huge.as_str())).collect();
    let bomb = book("<dc:title>Bom</dc:title>", &chapters);
    assert!(bomb.len() < 1 << 20, "the bomb is small on disk: {}", bomb.len());
    let (articles, report) = members_of("bomb.epub", &bomb, Limits::default()).unwrap();
    assert!(articles.is_empty());
    assert_eq!(report.stopped, Some(Stopped::Expands(Limits::default().ratio)));
    // Each chapter is read to one byte past the 16 MB a member may be, and no further.
    let member = Limits::default().member_bytes + 1;
    assert!(report.decompressed <= 2 * member + 4096, "decompressed {} bytes", report.decompressed);
    assert!(report.stopped.unwrap().to_string().contains("compression bomb"));
    // With no ratio to stop it, every chapter is skipped after the member limit.
    let limits = Limits { member_bytes: 1 << 20, ratio: u64::MAX, ..Limits::default() };
    let (articles, report) = members_of("bomb.epub", &bomb, limits).unwrap();
    assert!(articles.is_empty());
    assert_eq!((report.skipped, report.stopped), (8, None));
    assert!(report.decompressed <= 8 * ((1 << 20) + 1) + 4096, "{}", report.decompressed);
}

#[test]
fn a_zip_of_too_many_files_is_refused_and_a_zip_that_is_no_book_is_named() {
    let names: Vec<String> = (0..2_000).map(|n| format!("f{n}")).collect();
    let entries: Vec<_> =
        names.iter().map(|name| (name.as_str(), &b""[..], CompressionMethod::Stored)).collect();
    let many = zip_of(&entries);
    let limits = Limits { entries: 1_000, ..Limits::default() };
    let refused = members_of("many.epub", &many, limits).unwrap_err();
    assert!(refused.to_string().contains("over 1000 files"), "{refused}");
    let no_book = members_of("many.epub", &many, Limits::default()).unwrap_err();
    assert!(no_book.to_string().contains("not an EPUB"), "{no_book}");
    let not_zip = members_of("x.epub", b"<html>not a zip</html>", Limits::default()).unwrap_err();
    assert!(not_zip.to_string().contains("zip"), "{not_zip}");
}

#[test]
fn warcs_and_epubs_are_known_by_their_content_and_a_plain_gzip_is_not() {
    let crawl = crawl_of(&[(
        "urn:uuid:ferry",
        "https://tin.example.vn/pha",
        "2024-05-20T07:00:00Z",
        page("Chuyến phà đêm cuối cùng", "Bến phà cũ đóng cửa sau khi cây cầu mới thông xe."),
    )]);
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&crawl[..]), &mut plain).unwrap();
    let epub = std::fs::read(sample()).unwrap();
    assert_eq!(ContainerKind::sniff(&crawl), Some(ContainerKind::Warc));
    assert_eq!(ContainerKind::sniff(&plain), Some(ContainerKind::Warc));
    assert_eq!(ContainerKind::sniff(&epub), Some(ContainerKind::Epub));
    let html_gz = gzip(page("Tin", "Một dòng tin.").as_bytes());
    assert_eq!(ContainerKind::sniff(&html_gz), None, "a gzip of a page is not a crawl");
    let other_zip = zip_of(&[("readme.txt", b"application/epub+zip", CompressionMethod::Stored)]);
    assert_eq!(ContainerKind::sniff(&other_zip), None, "a zip is a book only with mimetype first");

    let library = Library::new();
    for (name, bytes) in [
        ("renamed/crawl.dat", &plain),
        ("renamed/crawl-gz.bin", &crawl),
        ("renamed/crawl.txt", &plain),
        ("renamed/book", &epub),
        ("renamed/page.html.gz", &html_gz),
    ] {
        std::fs::create_dir_all(library.path("renamed")).unwrap();
        std::fs::write(library.path(name), bytes).unwrap();
    }
    let index = library.indexed();
    let addresses: Vec<String> = index
        .articles()
        .into_iter()
        .map(|a| {
            format!("{}#{}", a.path.file_name().unwrap().to_string_lossy(), a.member.unwrap_or_default())
        })
        .collect();
    assert_eq!(
        sorted(addresses),
        [
            format!("book#{LIBRARY_ID}"),
            format!("book#{BUS_ID}"),
            "crawl-gz.bin#urn:uuid:ferry".to_string(),
            "crawl.dat#urn:uuid:ferry".to_string(),
            "crawl.txt#urn:uuid:ferry".to_string(),
        ]
    );
    let skipped = newsdesk::scan::scan_library(library.root.path()).unwrap().skipped;
    assert_eq!(skipped.len(), 1, "{skipped:?}");
    assert!(skipped[0].path.ends_with("page.html.gz"));
    // Asked for as one article, a renamed crawl says it is read by member.
    let one = parse::read_article(&library.path("renamed/crawl.txt")).unwrap_err();
    assert!(one.to_string().contains("many articles"), "{one}");
}

/// `list`, `show --member`, `search` and `links` on the sample export: each chapter has its
/// address, and the bus story's related link resolves to the library story's chapter.
#[test]
fn the_commands_carry_the_chapter() {
    let library = Library::new();
    let path = library.path("wallabag.epub");
    std::fs::copy(sample(), &path).unwrap();
    let run = |args: &[&str]| json_of(&library, args);
    let listed = run(&["list", "--json"]);
    let members: Vec<String> =
        listed.as_array().unwrap().iter().map(|row| row["member"].as_str().unwrap().to_string()).collect();
    assert_eq!(sorted(members), [LIBRARY_ID, BUS_ID]);
    let file = path.to_str().unwrap();
    let shown = run(&["show", file, "--member", BUS_ID, "--json"]);
    assert_eq!(shown["title"], "The night bus returns to the valley");
    assert_eq!(
        (&shown["member"], &shown["format"]),
        (&serde_json::json!(BUS_ID), &serde_json::json!("epub"))
    );
    assert_eq!(shown["published"], "2024-05-30");
    let found = run(&["search", "--json", "thư", "viện", "buổi", "tối"]);
    assert_eq!(found["hits"][0]["member"], LIBRARY_ID, "{found}");
    let found = run(&["search", "--json", "tag:transport"]);
    assert_eq!(found["hits"][0]["member"], BUS_ID, "{found}");
    let links = run(&["links", file, "--member", BUS_ID, "--json"]);
    assert_eq!(links["related"][0]["resolved_member"], LIBRARY_ID, "{links}");
    let back = run(&["links", file, "--member", LIBRARY_ID, "--json"]);
    assert_eq!(back["linked_from"][0]["member"], BUS_ID, "{back}");
}
