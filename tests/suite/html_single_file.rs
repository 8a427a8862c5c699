//! A page saved by SingleFile with a 60 MB inline image: read (its `data:` URIs, scripts and
//! styles set aside before the 16 MB limit applies), with the same text and metadata as the
//! small page, its URL from SingleFile's header comment, in bounded memory. The large page is
//! generated in a temporary folder, never committed.

use crate::support;

use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};

use newsdesk::parse::{read_article, read_file, SkipReason, MAX_FILE_BYTES};
use support::process::Newsdesk;

const NAME: &str = "singlefile-da-lat-cam-o-to-ho-xuan-huong";

fn small_page() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/html_pages/{NAME}.html"));
    std::fs::read_to_string(path).unwrap()
}

/// The page with the hero image's base64 payload replaced by about `megabytes` MB of base64.
fn inflate(page: &str, megabytes: usize, into: &Path) -> PathBuf {
    let marker = "class=hero-img src=\"data:image/png;base64,";
    let start = page.find(marker).expect("the hero image") + marker.len();
    let end = start + page[start..].find('"').unwrap();
    let path = into.join(format!("{NAME}.html"));
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(&page.as_bytes()[..start]).unwrap();
    let block = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk".repeat(1024);
    for _ in 0..(megabytes << 20) / block.len() {
        file.write_all(block.as_bytes()).unwrap();
    }
    file.write_all(&page.as_bytes()[end..]).unwrap();
    file.flush().unwrap();
    path
}

#[test]
fn a_60_mb_single_file_page_reads_like_the_small_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = inflate(&small_page(), 60, dir.path());
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 60_000_000, "{size}");

    let kept = read_file(&path).expect("read through the filter");
    assert!((kept.len() as u64) < MAX_FILE_BYTES / 100, "{} bytes kept", kept.len());

    let large = read_article(&path).expect("the large page is read");
    let small_dir = tempfile::tempdir().unwrap();
    let small_path = small_dir.path().join(format!("{NAME}.html"));
    std::fs::write(&small_path, small_page()).unwrap();
    let small = read_article(&small_path).unwrap();
    assert_eq!(large.body, small.body);
    assert_eq!(
        (&large.title, &large.author, &large.published),
        (&small.title, &small.author, &small.published)
    );
    assert_eq!(
        large.url.as_deref(),
        Some("https://caonguyen.example.vn/xa-hoi/da-lat-cam-o-to-quanh-ho-xuan-huong-moi-cuoi-tuan-post81235.html"),
        "the URL of SingleFile's header comment"
    );
    assert_eq!(
        large.published.map(|p| p.date.to_string()).as_deref(),
        Some("2024-03-11"),
        "not the saved date"
    );
}

/// The real binary shows a 90 MB page in about the memory it needs for the small one: the page
/// is read in chunks, never whole. (A child's peak RSS includes its parent's at the fork, so the
/// two runs are compared, not measured alone.)
#[test]
fn a_large_single_file_page_is_read_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let large = inflate(&small_page(), 90, dir.path());
    let small_dir = tempfile::tempdir().unwrap();
    let small = small_dir.path().join(format!("{NAME}.html"));
    std::fs::write(&small, small_page()).unwrap();
    let newsdesk = Newsdesk::new(dir.path(), &dir.path().join("index"));
    let peak_mib = |page: &Path| {
        let shown = newsdesk.run(&[OsStr::new("show"), page.as_os_str(), OsStr::new("--json")]);
        shown.assert_success("show the page");
        assert!(shown.stdout.contains("hồ Xuân Hương"), "{}", shown.stdout);
        shown.peak_rss_kib / 1024
    };
    let (small_mib, large_mib) = (peak_mib(&small), peak_mib(&large));
    assert!(
        large_mib < small_mib + 30,
        "peak RSS {large_mib} MiB for a 90 MB page, {small_mib} MiB for 12 KB"
    );
}

/// A page whose text alone is over the limit is still skipped, with its reason.
#[test]
fn a_page_still_too_large_once_stripped_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.html");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    file.write_all(b"<html><body>").unwrap();
    let paragraph = "<p>Chữ thật của bài viết, không phải ảnh nhúng.</p>".repeat(1000);
    while file.get_ref().metadata().unwrap().len() < 20 << 20 {
        file.write_all(paragraph.as_bytes()).unwrap();
        file.flush().unwrap();
    }
    drop(file);
    match read_file(&path) {
        Err(SkipReason::TooLarge(size)) => assert!(size > MAX_FILE_BYTES, "{size}"),
        other => panic!("{:?}", other.map(|b| b.len())),
    }
    let big_text = dir.path().join("huge.txt");
    std::fs::copy(&path, &big_text).unwrap();
    assert!(
        matches!(read_file(&big_text), Err(SkipReason::TooLarge(_))),
        "other formats keep the 16 MB limit"
    );
}
