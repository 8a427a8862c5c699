//! `newsdesk show` and `newsdesk list` as a script sees them: exit codes, JSON shape, stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-articles")
}

fn newsdesk(args: &[&str], library: Option<&Path>) -> Output {
    // `list` keeps an index: in a cache of its own, never the user's.
    let cache = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsdesk"));
    crate::support::plain_defaults(command.args(args).env_remove("NEWSDESK_LIBRARY"));
    command.env("NEWSDESK_CACHE_DIR", cache.path());
    if let Some(library) = library {
        command.env("NEWSDESK_LIBRARY", library);
    }
    command.output().unwrap()
}

#[test]
fn show_json_has_the_documented_keys() {
    let file = samples().join("vi/metro-nhon-ga-ha-noi.txt");
    let output = newsdesk(&["show", file.to_str().unwrap(), "--json"], None);
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    for key in [
        "path",
        "format",
        "title",
        "published",
        "category",
        "tags",
        "author",
        "source",
        "url",
        "lead",
        "body",
        "related",
        "warnings",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["format"], "page_dump");
    assert_eq!(json["body"][0]["kind"], "paragraph");
    for link in json["related"].as_array().unwrap() {
        for key in ["title", "url", "category", "published", "summary"] {
            assert!(link.get(key).is_some(), "related link without {key}");
        }
    }
}

#[test]
fn show_text_is_readable() {
    let file = samples().join("markdown/cam-nang-di-metro.md");
    let output = newsdesk(&["show", file.to_str().unwrap()], None);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.starts_with("Cẩm nang đi metro Hà Nội cho người lần đầu\n2024-09-15 07:00 · Đô thị"),
        "{text}"
    );
    assert!(text.contains("## Mua vé và thẻ"));
    assert!(text.contains("Related (4):"));
}

#[test]
fn show_refuses_what_is_not_an_article_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("x.txt");
    std::fs::write(&binary, b"\x00\x01\x02ELF\x00\x00").unwrap();
    let output = newsdesk(&["show", binary.to_str().unwrap()], None);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("binary file"));
    let missing = newsdesk(&["show", "/no/such/file.txt"], None);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}

#[test]
fn list_is_newest_first_and_reports_skipped_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.json"), r#"{"title": "Cũ", "published": "2020-01-01"}"#).unwrap();
    std::fs::write(dir.path().join("new.json"), r#"{"title": "Mới", "published": "2024-01-01"}"#).unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/undated.txt"), "Không ngày\n\nNội dung.\n").unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("photo.jpg"), "x").unwrap();
    let output = newsdesk(&["list", "--json", "--library", dir.path().to_str().unwrap()], None);
    assert!(output.status.success());
    let rows: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap();
    let titles: Vec<&str> = rows.iter().map(|r| r["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Mới", "Cũ", "Không ngày"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    assert!(stderr.contains("photo.jpg: unsupported file type .jpg"), "{stderr}");
}

#[test]
fn list_reads_the_library_from_the_environment() {
    let output = newsdesk(&["list"], Some(&samples()));
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.lines().count(),
        54,
        "33 files of one article, a crawl of three, 16 from the exports (3 unpacked), a book of two"
    );
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
