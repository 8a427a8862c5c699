//! What newsdesk prints (issue 16): invisible characters never reach `show`, the JSON outputs,
//! the reader or the clipboard; file names in errors, JSON and reader notices are escaped; a
//! closed output pipe ends a command quietly; a huge `--limit` is just large; and two names that
//! differ only in bytes that are not UTF-8 keep separate read marks.

use crate::support;

use std::ffi::OsStr;
use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crossterm::event::KeyCode;
use newsdesk::app::{Action, App, Effect};
use support::generated::write_library;
use support::process::Newsdesk;
use support::reader::{key, open};
use support::{assert_no_forbidden, json_strings};

/// Every kind of invisible character issue 16 found passing, between the letters of words.
const INVISIBLE: &str =
    "\u{e0001}\u{e0049}\u{e0067}\u{e007f}\u{180e}\u{206a}\u{206f}\u{ad}\u{115f}\u{1160}\u{3164}\u{ffa0}";

fn hidden(word: &str) -> String {
    let (head, tail) = word.split_at(3);
    format!("{head}{INVISIBLE}{tail}")
}

#[test]
fn invisible_characters_never_reach_the_output_the_reader_or_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir_all(&library).unwrap();
    let article = serde_json::json!({
        "title": format!("Tin {}", hidden("quokkatitle")),
        "url": format!("https://example.vn/{}", hidden("quokkaurl")),
        "tags": [hidden("quokkatag")],
        "body": format!("Đoạn văn {} về giao thông.", hidden("quokkabody")),
    });
    fs::write(library.join("a.json"), article.to_string()).unwrap();
    fs::write(
        library.join("b.md"),
        format!("# Tin {}\n\nĐoạn {}.\n", hidden("quokkamd"), hidden("quokkamdbody")),
    )
    .unwrap();
    // Quoted back in a warning: a date the front matter spells with YAML escapes.
    let date = r#""2024\u3164\u00ad\U000E0041-01-05\e]0;pwned\a""#;
    let front_matter = format!("---\ntitle: Tin c\ndate: {date}\n---\n\nĐoạn quokkawarned.\n");
    fs::write(library.join("c.md"), front_matter).unwrap();
    let newsdesk = Newsdesk::new(&library, &dir.path().join("index"));
    for file in ["a.json", "b.md", "c.md"] {
        let path = library.join(file);
        for flag in ["--json", "--"] {
            let shown = newsdesk.run(&[OsStr::new("show"), OsStr::new(flag), path.as_os_str()]);
            shown.assert_success(file);
            assert_no_forbidden(&shown.stdout, &format!("show {flag} {file}"));
        }
    }
    let warned = newsdesk.run(&[OsStr::new("show"), library.join("c.md").as_os_str()]);
    assert!(warned.stdout.contains("not understood"), "the date is warned about: {}", warned.stdout);
    let shown = newsdesk.run(&[OsStr::new("show"), library.join("a.json").as_os_str()]);
    for word in ["quokkatitle", "quokkaurl", "quokkatag", "quokkabody"] {
        assert!(shown.stdout.contains(word), "{word} is whole again: {}", shown.stdout);
    }
    for query in ["quokkabody", "quokkamdbody"] {
        let results = newsdesk.search_json(query, 10);
        assert_eq!(results["total"], 1, "{query}: a word with invisible characters inside is found");
        assert_no_forbidden(&json_strings(&results), query);
    }
    let list = newsdesk.run(&["list", "--json"]);
    assert_no_forbidden(&list.stdout, "list --json");

    // The reader shows it and copies it (OSC 52) without them.
    let mut session =
        newsdesk::session::Session::open(&library, &dir.path().join("index"), dir.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    open(&mut session, &library.join("a.json"));
    let opened = &session.app.open.as_ref().unwrap().loaded.article;
    assert_no_forbidden(&format!("{} {:?} {:?}", opened.title, opened.tags, opened.url), "the reader");
    let copied: Vec<String> = session
        .press(key(KeyCode::Char('y')))
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::Copy(text) => Some(text.as_str().to_string()),
            _ => None,
        })
        .collect();
    assert!(copied.iter().any(|text| text.contains("quokkaurl")), "{copied:?}");
    assert_no_forbidden(&copied.concat(), "the clipboard");
}

/// A name with an OSC title sequence, a CSI, C1 controls, a bidi override and a TAG character.
fn hostile_name(stem: &str, extension: &str) -> Vec<u8> {
    let mut name = format!("{stem}-\u{1b}]0;pwned\u{7}\u{1b}[2J\u{85}\u{9b}2J\u{202e}\u{e0041}").into_bytes();
    name.extend_from_slice(extension.as_bytes());
    name
}

#[test]
fn paths_in_error_messages_are_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir_all(&library).unwrap();
    fs::write(library.join("a.json"), r#"{"title": "Tin a"}"#).unwrap();
    let file = dir.path().join(OsStr::from_bytes(&hostile_name("file", ".txt")));
    fs::write(&file, "not a folder").unwrap();
    let cases: [(PathBuf, PathBuf, &[&str], &str); 5] = [
        (file.clone(), dir.path().join("index"), &["list"], "is not a folder"),
        (file.clone(), dir.path().join("index"), &["list", "--json"], "is not a folder"),
        (file.clone(), dir.path().join("index"), &["index"], "is not a folder"),
        (library.clone(), file.clone(), &["index"], "is a file, not a folder"),
        (library.clone(), file.join("index"), &["search", "tin"], "cannot create the index folder"),
    ];
    for (library, index_dir, args, said) in cases {
        let finished = Newsdesk::new(&library, &index_dir).run(args);
        let what = format!("{args:?} with {said}");
        finished.assert_no_panic_or_crash(&what);
        assert!(!finished.status.success(), "{what}");
        assert!(finished.stderr.contains(said), "{what}: {}", finished.stderr);
        assert!(
            finished.stderr.contains("\\u{1b}]0;pwned\\u{7}"),
            "{what}: the name is recognisable: {}",
            finished.stderr
        );
        assert_no_forbidden(&finished.stderr, &what);
    }
}

#[test]
fn file_names_in_json_output_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir_all(&library).unwrap();
    let linked = library.join(OsStr::from_bytes(&hostile_name("linked", ".json")));
    let linking = library.join(OsStr::from_bytes(&hostile_name("linking", ".json")));
    let article = |title: &str, url: &str, related: serde_json::Value| {
        serde_json::json!({"title": title, "url": url, "body": "quokkajson", "related": related}).to_string()
    };
    fs::write(&linked, article("Linked", "https://example.vn/linked", serde_json::json!([]))).unwrap();
    let related = serde_json::json!([{"title": "Linked", "url": "https://example.vn/linked"}]);
    fs::write(&linking, article("Linking", "https://example.vn/linking", related)).unwrap();
    let newsdesk = Newsdesk::new(&library, &dir.path().join("index"));
    let runs: [Vec<&OsStr>; 5] = [
        vec![OsStr::new("list"), OsStr::new("--json")],
        vec![OsStr::new("search"), OsStr::new("--json"), OsStr::new("quokkajson")],
        vec![OsStr::new("links"), OsStr::new("--json"), linking.as_os_str()],
        vec![OsStr::new("links"), OsStr::new("--json"), linked.as_os_str()],
        vec![OsStr::new("show"), OsStr::new("--json"), linked.as_os_str()],
    ];
    for args in runs {
        let finished = newsdesk.run(&args);
        let what = format!("{args:?}");
        finished.assert_success(&what);
        let value: serde_json::Value = serde_json::from_str(&finished.stdout).expect("whole JSON");
        let strings = json_strings(&value);
        assert!(strings.contains("\\u{1b}]0;pwned\\u{7}"), "{what}: the name is recognisable: {strings}");
        assert_no_forbidden(&strings, &what);
        assert_no_forbidden(&finished.stdout, &what);
    }
}

#[test]
fn a_reader_notice_shows_a_file_name_safely() {
    let mut app = App::new(PathBuf::from("/library"));
    let path = Path::new(OsStr::from_bytes(&hostile_name("/library/gone", ".txt"))).to_path_buf();
    let message = "cannot read: \u{1b}[31mred\u{9b}0m".to_string();
    app.update(Action::ArticleFailed { address: path.into(), message });
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.starts_with("cannot open /library/gone-\\u{1b}]0;pwned\\u{7}"), "{notice}");
    assert_no_forbidden(&notice, "the reader's notice");
}

/// Starts `args`, reads one line of its output and closes the pipe, as `| head -1` does.
fn read_one_line_and_close(newsdesk: &Newsdesk, args: &[&str]) -> (std::process::ExitStatus, String) {
    let mut child = newsdesk.command(args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert!(!first.is_empty(), "{args:?} printed nothing");
    let output = child.wait_with_output().unwrap();
    (output.status, String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_closed_output_pipe_ends_quietly_with_success() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    // Far more output than a pipe holds (64 KiB), so the writes meet the closed pipe.
    write_library(&library, 1200);
    let long =
        (0..4000).map(|n| format!("Đoạn văn số {n} về giao thông Hà Nội.")).collect::<Vec<_>>().join("\n\n");
    fs::write(library.join("long.txt"), format!("Bài dài\n\n{long}\n")).unwrap();
    let long_path = library.join("long.txt").to_string_lossy().into_owned();
    let newsdesk = Newsdesk::new(&library, &dir.path().join("index"));
    newsdesk.run(&["index"]).assert_success("index");
    for args in [
        vec!["list"],
        vec!["list", "--json"],
        vec!["search", "--limit", "2000", "after:2000-01-01"],
        vec!["search", "--json", "--limit", "2000", "after:2000-01-01"],
        vec!["show", &long_path],
        vec!["show", "--json", &long_path],
    ] {
        let (status, stderr) = read_one_line_and_close(&newsdesk, &args);
        assert!(status.success(), "{args:?} ended with {status}: {stderr}");
        assert!(!stderr.contains("newsdesk:") && !stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_huge_limit_is_just_large() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    write_library(&library, 20);
    let newsdesk = Newsdesk::new(&library, &dir.path().join("index"));
    for limit in [u64::MAX.to_string(), (usize::MAX / 2).to_string(), "0".into()] {
        let finished = newsdesk.run(&["search", "--json", "--limit", &limit, "after:2000-01-01"]);
        finished.assert_success(&format!("--limit {limit}"));
        let results: serde_json::Value = serde_json::from_str(&finished.stdout).expect("search --json");
        let hits = results["hits"].as_array().expect("hits").len();
        assert_eq!(hits, if limit == "0" { 1 } else { 10 }, "--limit {limit}: {results}");
    }
}

#[test]
fn names_that_differ_only_in_bytes_that_are_not_utf8_keep_separate_read_marks() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("library");
    fs::create_dir_all(&library).unwrap();
    let names = [b"tin-\xff.json", b"tin-\xfe.json"].map(|name| library.join(OsStr::from_bytes(name)));
    for (name, title) in names.iter().zip(["Tin một", "Tin hai"]) {
        fs::write(name, serde_json::json!({"title": title, "body": "Nội dung."}).to_string()).unwrap();
    }
    let session = || {
        let mut session = newsdesk::session::Session::open(
            &library,
            &dir.path().join("index"),
            dir.path().join("state/reader-state.json"),
        );
        session.dispatch(Action::Resize { width: 120, height: 40 });
        session.start_refresh();
        session.wait_for_refresh();
        session
    };
    let mut first = session();
    open(&mut first, &names[0]);
    first.press(key(KeyCode::Char('q')));
    drop(first);
    let again = session();
    assert!(again.app.read_state.is_read(&names[0]));
    assert!(!again.app.read_state.is_read(&names[1]), "the other name took the first one's mark");
}
