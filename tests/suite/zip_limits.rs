//! Zip archives of saved pages: each entry an article named by the entry, read in memory,
//! never unpacked; and bombs (one huge entry, many expanding entries, zips in zips) stopped
//! with a reason after a bounded number of decompressed bytes, counted, not timed.

use std::path::Path;

use newsdesk::article::{Article, Format};
use newsdesk::parse::bounded_zip::{BoundedZip, EntryError, Spent, ZipLimits, UNCHECKED_BYTES};
use newsdesk::parse::{ContainerKind, ContainerReport, Limits, SkipReason, Stopped};

use crate::support::library::read_container;
use crate::support::zips::{many_copies, zeros_zip, zip_of};

/// The decompressor hands out at most this much between two checks.
const CHUNK: u64 = 64 * 1024;

fn page(title: &str, text: &str) -> Vec<u8> {
    format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p><p>{text}</p></article></body></html>")
        .into_bytes()
}

fn members(bytes: &[u8], limits: Limits) -> Result<(Vec<Article>, ContainerReport), SkipReason> {
    read_container("pages.zip", ContainerKind::Zip, bytes, limits)
}

const FERRY: &str = "The island ferry now leaves at six in the morning, an hour earlier than last summer, \
    so that fishermen can reach the mainland market before the auction opens.";
const RAIN: &str = "Mưa lớn kéo dài suốt đêm qua khiến nhiều tuyến đường ở trung tâm thành phố ngập sâu, \
    xe máy chết máy hàng loạt và người đi làm phải dắt bộ qua các ngã tư.";

#[test]
fn each_page_in_a_zip_is_an_article_named_by_its_entry() {
    let inner = zip_of(&[("ferry.html", &page("Ferry leaves earlier", FERRY))]);
    let bytes = zip_of(&[
        ("news/mua-lon.html", &page("Mưa lớn gây ngập", RAIN)),
        ("notes/ferry.md", format!("# Ferry notes\n\n{FERRY}\n").as_bytes()),
        ("images/logo.png", b"\x89PNG\r\n\x1a\n"),
        ("older.zip", &inner),
    ]);
    assert!(ContainerKind::of(Path::new("Saved Pages.ZIP")) == Some(ContainerKind::Zip));
    let (articles, report) = members(&bytes, Limits::default()).unwrap();
    let named: Vec<(Option<&str>, &str)> =
        articles.iter().map(|a| (a.member.as_deref(), a.title.as_str())).collect();
    assert_eq!(
        named,
        [
            (Some("news/mua-lon.html"), "Mưa lớn gây ngập"),
            (Some("notes/ferry.md"), "Ferry notes"),
            (Some("older.zip/ferry.html"), "Ferry leaves earlier"),
        ]
    );
    assert!(articles.iter().all(|a| a.path == Path::new("pages.zip")));
    assert_eq!(articles[0].format, Format::Html);
    assert_eq!(report.members, 3);
    assert_eq!(report.stopped, None);
}

#[test]
fn a_file_named_zip_that_is_not_one_is_refused_with_a_reason() {
    let refused = members(b"just some text, not an archive", Limits::default()).unwrap_err();
    assert!(refused.to_string().contains("PK"), "{refused}");
}

#[test]
fn one_entry_of_a_gigabyte_of_zeros_stops_after_a_bounded_count_of_bytes() {
    let bomb = zeros_zip("huge.html", 1 << 30);
    assert!(bomb.len() < 2 << 20, "the bomb is small on disk: {} bytes", bomb.len());
    // The entry's own bound stops it, and it alone is skipped.
    let (articles, report) = members(&bomb, Limits::default()).unwrap();
    assert!(articles.is_empty());
    assert_eq!((report.skipped, report.stopped), (1, None));
    assert!(report.decompressed <= Limits::default().member_bytes + CHUNK, "{} bytes", report.decompressed);
    // Entries allowed to be huge: the archive's expansion stops it, at 100 times its size.
    let lenient = Limits { member_bytes: 4 << 30, ..Limits::default() };
    let (articles, report) = members(&bomb, lenient).unwrap();
    assert!(articles.is_empty());
    assert_eq!(report.stopped, Some(Stopped::Expands(lenient.ratio)));
    let bound = (lenient.ratio * bomb.len() as u64).max(UNCHECKED_BYTES) + CHUNK;
    assert!(report.decompressed <= bound, "{} bytes, bound {bound}", report.decompressed);
}

#[test]
fn many_expanding_entries_stop_at_the_ratio_or_the_total() {
    let bomb = many_copies(&zeros_zip("one.html", 4 << 20), 2_000);
    assert!(bomb.len() < 16 << 20, "{} bytes", bomb.len());
    let (_, report) = members(&bomb, Limits::default()).unwrap();
    assert_eq!(report.stopped, Some(Stopped::Expands(Limits::default().ratio)));
    assert!(report.decompressed <= UNCHECKED_BYTES + CHUNK, "{} bytes", report.decompressed);
    let total = Limits { ratio: u64::MAX, total_bytes: 64 << 20, ..Limits::default() };
    let (_, report) = members(&bomb, total).unwrap();
    assert_eq!(report.stopped, Some(Stopped::TooManyBytes(64 << 20)));
    assert!(report.decompressed <= (64 << 20) + CHUNK, "{} bytes", report.decompressed);
    assert!(report.skipped >= 15, "entries read and found not to be text: {}", report.skipped);
}

#[test]
fn zips_nested_deeper_than_the_bound_are_left_with_a_reason() {
    let mut bytes = zip_of(&[("deepest.html", &page("Ferry leaves earlier", FERRY))]);
    for level in 0..4 {
        bytes =
            zip_of(&[(&format!("level-{level}.zip"), &bytes), ("top.html", &page("Mưa lớn gây ngập", RAIN))]);
    }
    let (articles, report) = members(&bytes, Limits::default()).unwrap();
    let found: Vec<&str> = articles.iter().filter_map(|a| a.member.as_deref()).collect();
    // The outer archive and two levels inside it are read; the zip at the third level is not.
    assert_eq!(found, ["level-3.zip/level-2.zip/top.html", "level-3.zip/top.html", "top.html"]);
    assert_eq!(report.stopped, Some(Stopped::TooDeep(ZipLimits::default().depth)));
}

#[test]
fn the_bounded_reader_lists_no_more_entries_than_its_bound() {
    let files: Vec<(String, Vec<u8>)> = (0..50).map(|n| (format!("p{n}.html"), page("t", FERRY))).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let bytes = zip_of(&refs);
    let limits = ZipLimits { entries: 10, ..ZipLimits::default() };
    let mut zip = BoundedZip::open(&bytes[..], limits).unwrap();
    assert_eq!(zip.entries().len(), 10);
    assert_eq!(zip.truncated, Some(Stopped::TooManyEntries(10)));
    let small = ZipLimits { entry_bytes: 100, ..ZipLimits::default() };
    let mut zip = BoundedZip::open(&bytes[..], small).unwrap();
    let mut spent = Spent::default();
    assert!(matches!(zip.read(0, &mut spent), Err(EntryError::TooLarge(_))));
    let tiny = ZipLimits { archive_bytes: 1_000, ..ZipLimits::default() };
    assert!(matches!(
        BoundedZip::open(&bytes[..], tiny),
        Err(EntryError::Stop(Stopped::TooManyBytes(1_000)))
    ));
}
