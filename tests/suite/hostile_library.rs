//! `newsdesk index` over a hostile library (see `support::hostile`): it finishes, exits 0,
//! reports every skipped file with its reason, stays within a memory bound, never writes the
//! library; search finds what could be read; no output carries a control character from a file.

use crate::support;

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use newsdesk::index::Index;
use support::hostile::{self, Expect, ESCAPE_NAME, NON_UTF8_NAME, VIETNAMESE};
use support::process::{running_as_root, start, Newsdesk, UNPRIVILEGED_ID};
use support::tree::{assert_unchanged, snapshot};
use support::{assert_no_forbidden, json_strings};
use unicode_normalization::UnicodeNormalization;

/// Peak RSS `newsdesk index` may reach over the hostile library: generous (the 16 MB file
/// limit, a million-entity page and a 10,000-deep DOM in memory at once), but bounded.
const PEAK_RSS_BOUND_MIB: u64 = 400;

/// Lets an unprivileged newsdesk list the library (temp dirs are 0700) and write the cache.
fn open_up_for_unprivileged(library: &Path, cache: &Path) {
    for dir in [library.to_path_buf()].into_iter().chain(dirs_under(library)) {
        if dir.file_name() != Some(OsStr::new("locked")) {
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).expect("chmod");
        }
    }
    if running_as_root() {
        std::os::unix::fs::chown(cache, Some(UNPRIVILEGED_ID), Some(UNPRIVILEGED_ID)).expect("chown cache");
    }
}

fn dirs_under(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    for entry in fs::read_dir(root).expect("read_dir").flatten() {
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) && path.file_name() != Some(OsStr::new("locked")) {
            dirs.extend(dirs_under(&path));
            dirs.push(path);
        }
    }
    dirs
}

/// Rewrites a file with alternating contents until told to stop.
fn keep_changing(path: PathBuf, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<usize> {
    std::thread::spawn(move || {
        let mut writes = 0;
        while !stop.load(Ordering::Relaxed) {
            let text = if writes % 2 == 0 {
                "Changing quokkachanging\n\nShort.\n".to_string()
            } else {
                format!("Changing quokkachanging\n\n{}\n", "Longer text. ".repeat(2000))
            };
            fs::write(&path, text).expect("rewrite");
            writes += 1;
        }
        writes
    })
}

/// The reason an index run gave for skipping `shown`, if it did.
fn skip_reason<'a>(stderr: &'a str, shown: &str) -> Option<&'a str> {
    stderr.lines().find_map(|line| line.strip_prefix("skipped ")?.strip_prefix(shown)?.strip_prefix(": "))
}

/// The paths of the hits and of the copies of their stories folded under them (the same text
/// in several encodings is one story).
fn hit_paths(results: &serde_json::Value) -> BTreeSet<String> {
    let hits = results["hits"].as_array().expect("hits");
    let copies = hits.iter().flat_map(|hit| hit["copies"].as_array().expect("copies"));
    hits.iter()
        .map(|hit| &hit["path"])
        .chain(copies)
        .map(|path| path.as_str().expect("path").to_string())
        .collect()
}

#[test]
fn a_hostile_library_is_indexed_and_searched_safely() {
    if running_as_root() {
        assert!(
            std::process::Command::new("setpriv").arg("--version").output().is_ok(),
            "running as root, the unreadable-file test drops privileges with setpriv (util-linux)"
        );
    }
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = library.path();
    let entries = hostile::write_library(root, true);
    open_up_for_unprivileged(root, cache.path());
    let newsdesk =
        Newsdesk { library: root.to_path_buf(), index_dir: cache.path().join("index"), unprivileged: true };

    // Index while another program keeps rewriting one of the files.
    let changing = root.join("changing.txt");
    fs::write(&changing, "Changing quokkachanging\n").unwrap();
    let before = snapshot(root);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = keep_changing(changing.clone(), stop.clone());
    let first = newsdesk.run(&["index"]);
    stop.store(true, Ordering::Relaxed);
    assert!(writer.join().unwrap() > 0, "the file was never rewritten");
    assert_unchanged(root, &before, &[Path::new("changing.txt")], "index");

    first.assert_success("index over the hostile library");
    assert_no_forbidden(&first.stdout, "index stdout");
    assert_no_forbidden(&first.stderr, "index stderr");
    let peak_mib = first.peak_rss_kib / 1024;
    eprintln!("peak RSS of `newsdesk index` over the hostile library: {peak_mib} MiB");
    assert!(peak_mib < PEAK_RSS_BOUND_MIB, "peak RSS {peak_mib} MiB over the {PEAK_RSS_BOUND_MIB} MiB bound");

    // Every skipped file is reported with its reason, and nothing else is.
    let mut shown_paths = vec![changing.display().to_string()];
    for entry in &entries {
        let shown = root.join(&entry.path).display().to_string();
        match (&entry.expect, skip_reason(&first.stderr, &shown)) {
            (Expect::Skipped { reason }, Some(said)) => {
                assert!(said.contains(reason), "{}: skipped for {said:?}, expected {reason:?}", entry.what)
            }
            (Expect::Skipped { .. }, None) => {
                panic!("{} ({shown}) not reported skipped:\n{}", entry.what, first.stderr)
            }
            (Expect::Indexed { .. }, Some(said)) => panic!("{} ({shown}) skipped: {said}", entry.what),
            (Expect::Indexed { .. }, None) => {}
        }
        shown_paths.push(shown);
    }
    let skip_lines = first.stderr.lines().filter(|line| line.starts_with("skipped "));
    for line in skip_lines {
        let expected = shown_paths.iter().any(|shown| line.starts_with(&format!("skipped {shown}: ")));
        assert!(expected, "unexpected: {line}");
    }

    // Once the file holds still, the next run indexes its final content.
    fs::write(&changing, "Changed quokkachangedfinal\n\nFinal text.\n").unwrap();
    let second = snapshot_checked(&newsdesk, &["index"]);
    second.assert_success("second index");
    let results = newsdesk.search_json("quokkachangedfinal", 10);
    assert_eq!(results["total"], 1, "{results}");
    assert_eq!(newsdesk.search_json("quokkachanging", 10)["total"], 0);

    search_finds_every_readable_file(&newsdesk, &entries);
    shown_articles_hold_no_controls(&newsdesk, &entries);

    // NFD and NFC queries find the same articles: every decoding of the Vietnamese text.
    let nfc = hit_paths(&newsdesk.search_json(VIETNAMESE, 50));
    let nfd = hit_paths(&newsdesk.search_json(&VIETNAMESE.nfd().collect::<String>(), 50));
    assert_eq!(nfc, nfd);
    for name in ["viet-nfd.txt", "viet-nfc.txt", "viet-1258.txt", "utf16-le-bom.txt", "utf16-be.txt"] {
        assert!(nfc.iter().any(|path| path.ends_with(name)), "{VIETNAMESE:?} does not find {name}: {nfc:?}");
    }
}

/// Runs newsdesk and asserts it left the library as it was.
fn snapshot_checked<S: AsRef<OsStr> + std::fmt::Debug>(
    newsdesk: &Newsdesk,
    args: &[S],
) -> support::process::Finished {
    let before = snapshot(&newsdesk.library);
    let finished = newsdesk.run(args);
    assert_unchanged(&newsdesk.library, &before, &[], &format!("{args:?}"));
    finished
}

fn search_finds_every_readable_file(newsdesk: &Newsdesk, entries: &[hostile::Entry]) {
    for entry in entries {
        let Expect::Indexed { marker } = entry.expect else { continue };
        let results = newsdesk.search_json(marker, 10);
        assert_eq!(results["total"], 1, "{} ({marker}): {results}", entry.what);
        // The path as a terminal shows it: a JSON consumer prints it too.
        let path = results["hits"][0]["path"].as_str().unwrap_or_default();
        let expected = newsdesk.library.join(&entry.path);
        assert_eq!(path, newsdesk::shown::shown_path(&expected), "{}", entry.what);
        assert_no_forbidden(path, entry.what);
        assert_no_forbidden(&json_strings(&results["hits"][0]["title"]), entry.what);
        assert_no_forbidden(&json_strings(&results["hits"][0]["snippet"]), entry.what);
    }
    // The reader opens a hit by its path: it must be the file's own, whatever its name.
    let (index, notes) = Index::open(&newsdesk.library, &newsdesk.index_dir).expect("the index opens");
    assert!(notes.is_empty(), "{notes:?}");
    for entry in entries {
        let Expect::Indexed { marker } = entry.expect else { continue };
        let hits = index.search(marker, 10).expect("search").hits;
        assert_eq!(hits.len(), 1, "{marker}");
        assert_eq!(hits[0].article.path, newsdesk.library.join(&entry.path), "{}", entry.what);
    }
    // Words next to escape sequences, bidi controls and zero-width characters survive them.
    for word in
        ["quokkalinktext", "quokkaafterclip", "desrever", "isolated", "zerowidth", "jsonquokkaafterclip"]
    {
        assert!(newsdesk.search_json(word, 10)["total"].as_u64() >= Some(1), "{word} lost");
    }
    // Text printed for a terminal carries nothing from the hostile names either.
    for marker in ["quokkaescapename", "quokkabadname"] {
        let finished = newsdesk.run(&["search", marker]);
        finished.assert_success(marker);
        assert!(finished.stdout.contains("name"), "{}", finished.stdout);
        assert_no_forbidden(&finished.stdout, "search output");
    }
}

/// `show --json` of every readable file, and `show` of those small enough to be quick in a
/// debug build (the markup monsters are parsed the same way for both): all run at once.
fn shown_articles_hold_no_controls(newsdesk: &Newsdesk, entries: &[hostile::Entry]) {
    let mut runs = Vec::new();
    for entry in entries {
        if !matches!(entry.expect, Expect::Indexed { .. }) {
            continue;
        }
        let file = newsdesk.library.join(&entry.path);
        let show = |json: bool| {
            let flag = if json { "--json" } else { "--" };
            start(newsdesk.command(&[OsStr::new("show"), OsStr::new(flag), file.as_os_str()]))
        };
        runs.push((entry.what, true, show(true)));
        if fs::metadata(&file).is_ok_and(|meta| meta.len() < 64 * 1024) {
            runs.push((entry.what, false, show(false)));
        }
    }
    for (what, json, run) in runs {
        let finished = run.finish();
        finished.assert_success(what);
        assert_no_forbidden(&finished.stderr, what);
        if json {
            let mut article: serde_json::Value = serde_json::from_str(&finished.stdout).expect("show --json");
            // The path is the file's name, not its content (see the hostile-names test).
            article.as_object_mut().expect("an object").remove("path");
            assert_no_forbidden(&json_strings(&article), what);
        } else {
            assert_no_forbidden(&finished.stdout, what);
        }
    }
}

/// File names with escape sequences, or not UTF-8, printed by every command: nothing of them
/// reaches the terminal raw, and the JSON outputs stay whole.
#[test]
fn hostile_file_names_are_printed_safely() {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let root = library.path();
    let names = [ESCAPE_NAME, NON_UTF8_NAME].map(|name| root.join(OsStr::from_bytes(name)));
    for (name, marker) in names.iter().zip(["quokkaescapename", "quokkabadname"]) {
        fs::write(name, format!("Hostile name {marker}\n\nText.\n")).unwrap();
    }
    let skipped_name = root.join(OsStr::from_bytes(b"\x1b[2J\x9bskipped.txt"));
    fs::write(&skipped_name, b"").unwrap();
    let missing = root.join("none").join(OsStr::from_bytes(ESCAPE_NAME));
    let newsdesk = Newsdesk::new(root, &cache.path().join("index"));
    let name_args = names.iter().map(|name| name.as_os_str());
    let shows =
        name_args.clone().flat_map(|name| [vec![OsStr::new("show"), name], vec![OsStr::new("links"), name]]);
    let runs: Vec<Vec<&OsStr>> = [
        vec![OsStr::new("index")],
        vec![OsStr::new("search"), OsStr::new("quokkaescapename OR quokkabadname")],
        vec![OsStr::new("list")],
        vec![OsStr::new("show"), missing.as_os_str()],
    ]
    .into_iter()
    .chain(shows)
    .collect();
    for args in runs {
        let finished = snapshot_checked(&newsdesk, &args);
        finished.assert_no_panic_or_crash(&format!("{args:?}"));
        assert_no_forbidden(&finished.stdout, &format!("{args:?} stdout"));
        assert_no_forbidden(&finished.stderr, &format!("{args:?} stderr"));
    }
    for args in [&["list", "--json"][..], &["search", "--json", "quokkaescapename OR quokkabadname"]] {
        let finished = newsdesk.run(args);
        finished.assert_success(&args.join(" "));
        let value: serde_json::Value = serde_json::from_str(&finished.stdout).expect("whole JSON");
        assert_eq!(value.to_string().matches("name.txt").count(), 2, "{value}");
    }
    let index = newsdesk.run(&["index"]);
    assert!(index.stderr.contains("skipped"), "{}", index.stderr);
}
