//! Files of many articles: a WARC crawl (`.warc`, `.warc.gz`). Each HTML response is an article
//! with an address (the file and its record id); reading is streamed and bounded.

use std::io::Write;
use std::path::Path;

use flate2::write::GzEncoder;
use newsdesk::article::{Article, Format};
use newsdesk::parse::{read_members, ContainerKind, ContainerReport, Limits, ParseContext, Stopped};

use crate::support::library::{hit_names, json_of, refresh, Library};
use crate::support::warc::{crawl_of, gzip, page, page_linking, record, response};

const TRAM: &str =
    "Tuyến tàu điện mới chạy thử qua khu phố cổ, người dân đứng xem dọc hai bên đường từ sáng sớm \
    và nhiều cửa hàng mở cửa sớm hơn thường lệ để đón khách.";
const MARKET: &str =
    "The covered market reopened after a year of repairs, with forty stalls back under the new \
    roof and a waiting list for the ten that are still empty.";

/// A crawl as a `.warc.gz` writes it (a gzip member per record): two pages, and what is not one.
fn crawl() -> Vec<u8> {
    let chunked = {
        let body = gzip(page("The covered market reopens", MARKET).as_bytes());
        let mut chunks = Vec::new();
        for piece in body.chunks(100) {
            chunks.extend_from_slice(format!("{:x}\r\n", piece.len()).as_bytes());
            chunks.extend_from_slice(piece);
            chunks.extend_from_slice(b"\r\n");
        }
        chunks.extend_from_slice(b"0\r\n\r\n");
        chunks
    };
    let records = [
        record(
            "warcinfo",
            "urn:uuid:info",
            "",
            "2024-06-01T08:00:00Z",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        record(
            "request",
            "urn:uuid:req-1",
            "https://tin.example.vn/tau-dien",
            "2024-06-01T08:00:01Z",
            "application/http; msgtype=request",
            b"GET /tau-dien HTTP/1.1\r\nHost: tin.example.vn\r\n\r\n",
        ),
        response(
            "urn:uuid:tram",
            "https://tin.example.vn/tau-dien",
            "2024-06-01T08:00:02Z",
            "200 OK",
            "Content-Type: text/html; charset=utf-8",
            page("Tàu điện chạy thử qua phố cổ", TRAM).as_bytes(),
        ),
        response(
            "urn:uuid:missing",
            "https://tin.example.vn/khong-co",
            "2024-06-01T08:00:03Z",
            "404 Not Found",
            "Content-Type: text/html",
            page("Không tìm thấy trang", TRAM).as_bytes(),
        ),
        response(
            "urn:uuid:image",
            "https://tin.example.vn/anh.png",
            "2024-06-01T08:00:04Z",
            "200 OK",
            "Content-Type: image/png",
            b"\x89PNG\r\n",
        ),
        record(
            "revisit",
            "urn:uuid:again",
            "https://tin.example.vn/tau-dien",
            "2024-06-02T08:00:00Z",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
        ),
        response(
            "urn:uuid:market",
            "https://news.example.com/market",
            "2024-06-01T09:30:00Z",
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip",
            &chunked,
        ),
    ];
    records.iter().flat_map(|record| gzip(record)).collect()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(bytes), &mut out).unwrap();
    out
}

fn members(bytes: &[u8], limits: Limits) -> (Vec<Article>, ContainerReport) {
    let mut articles = Vec::new();
    let report = read_members(
        Path::new("crawl.warc.gz"),
        ContainerKind::Warc,
        bytes,
        ParseContext::default(),
        limits,
        &mut |article| {
            articles.push(article);
            true
        },
    )
    .unwrap();
    (articles, report)
}

#[test]
fn every_html_response_of_a_crawl_is_an_article_with_its_address() {
    let (articles, report) = members(&crawl(), Limits::default());
    assert_eq!(report.records, 7);
    let addresses: Vec<_> = articles.iter().map(|a| a.member.as_deref().unwrap()).collect();
    assert_eq!(addresses, ["urn:uuid:tram", "urn:uuid:market"]);
    let tram = &articles[0];
    assert_eq!(tram.format, Format::Warc);
    assert_eq!(tram.title, "Tàu điện chạy thử qua phố cổ");
    assert_eq!(tram.url.as_deref(), Some("https://tin.example.vn/tau-dien"));
    assert_eq!(tram.published.map(|p| p.to_iso()).as_deref(), Some("2024-06-01T08:00:02+00:00"));
    assert!(tram.warnings.iter().any(|w| w.contains("the date WARC saved")), "{:?}", tram.warnings);
    let market = &articles[1];
    assert_eq!(market.title, "The covered market reopens");
    assert!(market.body_text().contains("forty stalls"), "{}", market.body_text());
    // The same crawl, not compressed, reads the same.
    let (again, _) = members(&gunzip(&crawl()), Limits::default());
    assert_eq!(again, articles);
}

#[test]
fn ten_thousand_records_are_streamed_and_the_member_limit_stops_with_a_reason() {
    let tiny = page("Tin ngắn", "Một dòng tin ngắn về thời tiết hôm nay ở thành phố.");
    let mut warc = Vec::new();
    for number in 0..10_000 {
        let id = format!("urn:uuid:r{number}");
        warc.extend(response(
            &id,
            &format!("https://e.vn/{number}"),
            "2024-01-01T00:00:00Z",
            "200 OK",
            "Content-Type: text/html",
            tiny.as_bytes(),
        ));
    }
    let limits = Limits { members: 1_000, ..Limits::default() };
    let (articles, report) = members(&warc, limits);
    assert_eq!(articles.len(), 1_000);
    assert_eq!(report.records, 1_000, "reading stops at the limit");
    assert_eq!(report.stopped, Some(Stopped::TooManyMembers(1_000)));
    assert!(report.stopped.unwrap().to_string().contains("first 1000 articles"));
    // Records that are not articles are passed over, all of them, none held.
    let requests: Vec<u8> = (0..10_000)
        .flat_map(|n| {
            record(
                "request",
                &format!("urn:uuid:q{n}"),
                "https://e.vn/",
                "2024-01-01T00:00:00Z",
                "application/http; msgtype=request",
                b"GET / HTTP/1.1\r\n\r\n",
            )
        })
        .collect();
    let (none, report) = members(&requests, Limits::default());
    assert!(none.is_empty());
    assert_eq!((report.records, report.stopped), (10_000, None));
}

#[test]
fn a_compression_bomb_is_stopped_early_with_a_reason() {
    // One record that claims 512 MB of zeros: about half a megabyte gzipped.
    let length: u64 = 512 << 20;
    let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::best());
    let header = format!(
        "WARC/1.0\r\nWARC-Type: resource\r\nWARC-Record-ID: <urn:uuid:bomb>\r\nContent-Type: text/plain\r\n\
         Content-Length: {length}\r\n\r\n"
    );
    encoder.write_all(header.as_bytes()).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..(length >> 20) {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = encoder.finish().unwrap();
    let (articles, report) = members(&bomb, Limits::default());
    assert!(articles.is_empty());
    assert_eq!(report.stopped, Some(Stopped::Expands(Limits::default().ratio)));
    assert!(report.decompressed < 32 << 20, "decompressed {} bytes before stopping", report.decompressed);
    // A total that is too large stops a plain file the same way.
    let limits = Limits { total_bytes: 1 << 20, ..Limits::default() };
    let big: Vec<u8> = (0..200)
        .flat_map(|n| {
            response(
                &format!("urn:uuid:{n}"),
                "https://e.vn/",
                "2024-01-01T00:00:00Z",
                "200 OK",
                "Content-Type: text/html",
                page("Tin", &TRAM.repeat(20)).as_bytes(),
            )
        })
        .collect();
    let (_, report) = members(&big, limits);
    assert_eq!(report.stopped, Some(Stopped::TooManyBytes(1 << 20)));
}

#[test]
fn a_file_that_is_not_a_warc_is_skipped_and_a_cut_one_keeps_what_came() {
    let mut articles = Vec::new();
    let not_warc = read_members(
        Path::new("x.warc"),
        ContainerKind::Warc,
        &b"<html>hello</html>"[..],
        ParseContext::default(),
        Limits::default(),
        &mut |a| {
            articles.push(a);
            true
        },
    );
    assert!(not_warc.is_err(), "{not_warc:?}");
    let plain = gunzip(&crawl());
    let (articles, report) = members(&plain[..plain.len() - 200], Limits::default());
    assert_eq!(articles.len(), 1);
    assert!(matches!(report.stopped, Some(Stopped::Broken(_))), "{:?}", report.stopped);
}

#[test]
fn a_crawl_is_indexed_member_by_member_and_read_again_when_it_changes() {
    let library = Library::new();
    let path = library.path("crawls/june.warc.gz");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, crawl()).unwrap();
    library.json("other.json", "Chợ đêm", "Chợ đêm mở cửa đến khuya.", serde_json::json!({}));
    let index = library.indexed();
    assert_eq!(index.len(), 3);
    assert_eq!(hit_names(&index, "covered market"), ["june.warc.gz"]);
    let members: Vec<_> = index.articles().into_iter().filter_map(|a| a.member).collect();
    assert_eq!(crate::support::library::sorted(members), ["urn:uuid:market", "urn:uuid:tram"]);
    // A new crawl in its place: its members replace the old ones.
    let without_market = {
        let plain = gunzip(&crawl());
        let last: &[u8] = b"WARC/1.0\r\nWARC-Type: response";
        let cut = plain.windows(last.len()).rposition(|w| w == last).unwrap();
        plain[..cut].to_vec()
    };
    std::fs::write(&path, gzip(&without_market)).unwrap();
    let summary = refresh(&index);
    assert_eq!(summary.updated, 1, "{summary:?}");
    assert_eq!(index.len(), 2);
    assert!(hit_names(&index, "covered market").is_empty());
    std::fs::remove_file(&path).unwrap();
    refresh(&index);
    assert_eq!(index.len(), 1);
}

/// `links --json` between two members of one crawl: the link resolves to a member, and the
/// backlink names the member it comes from.
#[test]
fn links_between_members_carry_their_members() {
    let library = Library::new();
    let path = library.path("links.warc.gz");
    let market_url = "https://news.example.com/market";
    let pages = [
        (
            "urn:uuid:tram",
            "https://tin.example.vn/tau-dien",
            "2024-06-01T08:00:02Z",
            page_linking("Tàu điện chạy thử qua phố cổ", TRAM, &[(market_url, "The covered market reopens")]),
        ),
        ("urn:uuid:market", market_url, "2024-06-01T09:30:00Z", page("The covered market reopens", MARKET)),
    ];
    std::fs::write(&path, crawl_of(&pages)).unwrap();
    let file = path.to_str().unwrap();
    let from_tram = json_of(&library, &["links", file, "--member", "urn:uuid:tram", "--json"]);
    assert_eq!(from_tram["related"][0]["resolved_member"], "urn:uuid:market", "{from_tram}");
    let to_market = json_of(&library, &["links", file, "--member", "urn:uuid:market", "--json"]);
    let linked_from = to_market["linked_from"].as_array().unwrap();
    assert_eq!(linked_from.len(), 1, "{to_market}");
    assert_eq!(linked_from[0]["member"], "urn:uuid:tram");
    assert_eq!(linked_from[0]["title"], "Tàu điện chạy thử qua phố cổ");
    assert!(linked_from[0]["path"].as_str().unwrap().ends_with("links.warc.gz"));
}

/// `list`, `show --member`, `search --json` and `links --json` give each member its address.
#[test]
fn the_commands_carry_the_member() {
    let library = Library::new();
    let path = library.path("june.warc.gz");
    std::fs::write(&path, crawl()).unwrap();
    let run = |args: &[&str]| json_of(&library, args);
    let listed = run(&["list", "--json"]);
    let members: Vec<&str> =
        listed.as_array().unwrap().iter().map(|row| row["member"].as_str().unwrap()).collect();
    assert_eq!(
        crate::support::library::sorted(members.iter().map(|m| m.to_string()).collect()),
        ["urn:uuid:market", "urn:uuid:tram"]
    );
    let file = path.to_str().unwrap();
    let shown = run(&["show", file, "--member", "urn:uuid:market", "--json"]);
    assert_eq!(shown["title"], "The covered market reopens");
    assert_eq!(shown["member"], "urn:uuid:market");
    let found = run(&["search", "--json", "tàu", "điện"]);
    assert_eq!(found["hits"][0]["member"], "urn:uuid:tram");
    let links = run(&["links", file, "--member", "urn:uuid:tram", "--json"]);
    assert_eq!(links["related"].as_array().unwrap().len(), 0);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .args(["show", file, "--member", "urn:uuid:nothing"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no article"));
}
