//! newsdesk moves or deletes only what it can prove it made (issue 16): an index folder that
//! carries its stamp and holds nothing else of unknown shape. A folder that merely looks like an
//! index (a `meta.json`), the library itself, a folder inside the library or holding it, a file,
//! another user's index: each is refused, with a message that names it and says what to do, and
//! left exactly as it was.

use crate::support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use newsdesk::index::{Index, STAMP_FILE};
use newsdesk::shown::shown_path;
use support::process::{running_as_root, start, Finished, Newsdesk};
use support::tree::{assert_unchanged, snapshot};

/// A library whose JSON articles include one named `meta.json`, and a cache folder beside it.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        let setup = Setup { dir: tempfile::tempdir().unwrap() };
        let library = setup.library();
        fs::create_dir_all(library.join("sub")).unwrap();
        let article = |title: &str, url: &str| {
            serde_json::json!({"title": title, "url": url, "body": "Bài viết quokkasafe về giao thông."})
                .to_string()
        };
        fs::write(library.join("meta.json"), article("Tin meta", "https://example.vn/meta")).unwrap();
        fs::write(library.join("a.json"), article("Tin a", "https://example.vn/a")).unwrap();
        fs::write(library.join("sub/b.txt"), "Tin b\n\nMột bài quokkasafe khác.\n").unwrap();
        fs::create_dir_all(setup.cache()).unwrap();
        setup
    }

    fn library(&self) -> PathBuf {
        self.dir.path().join("library")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn newsdesk(&self, index_dir: &Path) -> Newsdesk {
        Newsdesk::new(&self.library(), index_dir)
    }
}

/// Every command that opens the index, with the arguments it needs.
fn index_commands(library: &Path) -> Vec<Vec<String>> {
    let article = library.join("a.json").to_string_lossy().into_owned();
    [vec!["index"], vec!["index", "--rebuild"], vec!["search", "quokkasafe"], vec!["links", &article]]
        .iter()
        .map(|args| args.iter().map(|arg| arg.to_string()).collect())
        .collect()
}

/// The run failed, named `folder`, said `said` and what to do, and did not panic.
fn assert_refused(finished: &Finished, folder: &Path, said: &str, what: &str) {
    finished.assert_no_panic_or_crash(what);
    assert!(!finished.status.success(), "{what}: succeeded\n{}", finished.stdout);
    let output = format!("{}{}", finished.stdout, finished.stderr);
    assert!(output.contains(&shown_path(folder)), "{what}: the folder is not named:\n{output}");
    assert!(output.contains(said), "{what}: does not say {said:?}:\n{output}");
    assert!(output.contains("--index-dir"), "{what}: does not say what to do:\n{output}");
}

/// The names in `dir`: nothing was moved aside beside a folder.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_folder_with_a_meta_json_is_never_taken_for_an_index() {
    let setup = Setup::new();
    // A user's folder of articles, one named meta.json; and one with no meta.json at all.
    let articles = setup.cache().join("articles");
    fs::create_dir_all(&articles).unwrap();
    fs::copy(setup.library().join("meta.json"), articles.join("meta.json")).unwrap();
    fs::write(articles.join("notes.txt"), "mine").unwrap();
    let documents = setup.cache().join("documents");
    fs::create_dir_all(&documents).unwrap();
    fs::write(documents.join("letter.txt"), "mine").unwrap();
    for folder in [&articles, &documents] {
        let before = snapshot(folder);
        for args in index_commands(&setup.library()) {
            let finished = setup.newsdesk(folder).run(&args);
            assert_refused(&finished, folder, "holds no newsdesk index", &format!("{args:?}"));
            assert_unchanged(folder, &before, &[], &format!("{args:?}"));
        }
    }
    assert_eq!(names_in(&setup.cache()), ["articles", "documents"], "nothing moved aside");
}

#[test]
fn the_index_folder_is_never_the_library_inside_it_or_around_it() {
    let setup = Setup::new();
    let library = setup.library();
    let before = snapshot(&library);
    let cases = [
        (library.clone(), "is the library itself"),
        (library.join("index"), "is inside the library"),
        (library.join("sub"), "is inside the library"),
        (setup.dir.path().to_path_buf(), "holds the library"),
    ];
    for (folder, said) in &cases {
        for args in index_commands(&library) {
            let finished = setup.newsdesk(folder).run(&args);
            assert_refused(&finished, folder, said, &format!("{args:?} with {said}"));
        }
        let reader = reader_in_a_terminal(&setup, folder);
        assert_refused(&reader, folder, said, &format!("the reader with {said}"));
        assert_unchanged(&library, &before, &[], said);
    }
    // The API refuses too.
    let refused = Index::open(&library, &library.join("index")).err().expect("refused");
    assert!(refused.to_string().contains("inside the library"), "{refused}");
    assert_unchanged(&library, &before, &[], "Index::open");
}

/// The reader with a terminal (`script` gives it one): it must refuse before drawing; one
/// that starts waits for keys, and the deadline fails the test.
fn reader_in_a_terminal(setup: &Setup, index_dir: &Path) -> Finished {
    let quoted = |path: &Path| format!("'{}'", path.display());
    let line = format!(
        "{} --library {} --index-dir {}",
        quoted(Path::new(env!("CARGO_BIN_EXE_newsdesk"))),
        quoted(&setup.library()),
        quoted(index_dir)
    );
    let mut script = std::process::Command::new("script");
    crate::support::plain_defaults(&mut script)
        .args(["-qec", &line, "/dev/null"])
        .env("NEWSDESK_STATE_DIR", setup.dir.path().join("state"));
    start(script).finish_within(Duration::from_secs(60)).expect("the reader started instead of refusing")
}

#[test]
fn an_outdated_index_is_deleted_only_when_it_holds_nothing_else() {
    let setup = Setup::new();
    let index_dir = setup.cache().join("index");
    let newsdesk = setup.newsdesk(&index_dir);
    newsdesk.run(&["index"]).assert_success("first index");
    // The stamp an earlier newsdesk wrote, and a file of the user's beside it.
    fs::write(index_dir.join(STAMP_FILE), "newsdesk-index 0\n").unwrap();
    fs::write(index_dir.join("my-notes.txt"), "mine").unwrap();
    let before = snapshot(&index_dir);
    let finished = newsdesk.run(&["index"]);
    assert_refused(&finished, &index_dir, "my-notes.txt", "an outdated index with a file of the user's");
    assert_unchanged(&index_dir, &before, &[], "an outdated index with a file of the user's");
    assert_eq!(names_in(&setup.cache()), ["index"]);

    // Without it, the old index is newsdesk's alone: rebuilt, and the old one deleted.
    fs::remove_file(index_dir.join("my-notes.txt")).unwrap();
    let rebuilt = newsdesk.run(&["index"]);
    rebuilt.assert_success("an outdated index of newsdesk's own");
    assert!(rebuilt.stderr.contains("another newsdesk version"), "{}", rebuilt.stderr);
    assert_eq!(names_in(&setup.cache()), ["index"], "the old index is deleted, nothing else");
    assert_eq!(newsdesk.search_json("quokkasafe", 10)["total"], 3);
}

#[test]
fn a_stamp_is_newsdesks_only_with_newsdesks_own_text() {
    let setup = Setup::new();
    for (number, (stamp, ours)) in [
        ("newsdesk-index 0\n", true),
        ("newsdesk-index 1; schema 2; analysers fold_tokenizer(40); nfc; newsdesk 0.0.9\n", true),
        ("hello\n", false),
        ("", false),
    ]
    .into_iter()
    .enumerate()
    {
        let index_dir = setup.cache().join(format!("index-{number}"));
        drop(Index::open(&setup.library(), &index_dir).unwrap());
        fs::write(index_dir.join(STAMP_FILE), stamp).unwrap();
        let before = snapshot(&index_dir);
        match Index::open(&setup.library(), &index_dir) {
            Ok((_, notes)) => {
                assert!(ours, "{stamp:?} taken for newsdesk's");
                assert!(notes.iter().any(|note| note.contains("another newsdesk version")), "{notes:?}");
            }
            Err(err) => {
                assert!(!ours, "{stamp:?}: {err}");
                assert!(err.to_string().contains("holds no newsdesk index"), "{err}");
                assert_unchanged(&index_dir, &before, &[], stamp);
            }
        }
    }
    // An index whose stamp is gone is not provably newsdesk's either.
    let index_dir = setup.cache().join("index-without-stamp");
    setup.newsdesk(&index_dir).run(&["index"]).assert_success("index");
    fs::remove_file(index_dir.join(STAMP_FILE)).unwrap();
    let before = snapshot(&index_dir);
    let finished = setup.newsdesk(&index_dir).run(&["index"]);
    assert_refused(&finished, &index_dir, "delete the folder yourself", "an index without its stamp");
    assert_unchanged(&index_dir, &before, &[], "an index without its stamp");
}

#[test]
fn a_damaged_index_is_moved_aside_only_when_it_holds_nothing_else() {
    let setup = Setup::new();
    // Damage found on opening (meta.json) and by a refresh (a checksum).
    for (name, args) in [("garbage meta.json", &["search", "quokkasafe"][..]), ("flipped .store", &["index"])]
    {
        let index_dir = setup.cache().join(name.replace(' ', "-"));
        let newsdesk = setup.newsdesk(&index_dir);
        newsdesk.run(&["index"]).assert_success("first index");
        fs::write(index_dir.join("keep.me"), "mine").unwrap();
        if name.starts_with("garbage") {
            fs::write(index_dir.join("meta.json"), "{ garbage").unwrap();
        } else {
            support::flip_a_byte(&index_dir, "store");
        }
        let before = snapshot(&index_dir);
        let finished = newsdesk.run(args);
        assert_refused(&finished, &index_dir, "keep.me", name);
        // Only newsdesk's own record that the index was intact is forgotten.
        let verified = Path::new(newsdesk::index::VERIFIED_FILE);
        assert_unchanged(&index_dir, &before, &[verified], name);
    }
    assert_eq!(names_in(&setup.cache()), ["flipped-.store", "garbage-meta.json"], "nothing moved aside");
}

#[test]
fn an_index_dir_that_is_a_file_is_called_a_file() {
    let setup = Setup::new();
    let file = setup.cache().join("index");
    fs::write(&file, "mine").unwrap();
    for args in index_commands(&setup.library()) {
        let finished = setup.newsdesk(&file).run(&args);
        assert_refused(&finished, &file, "is a file, not a folder", &format!("{args:?}"));
        assert!(!finished.stderr.contains("read-only"), "{}", finished.stderr);
    }
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
}

#[test]
fn another_users_index_gets_a_clear_message() {
    if !running_as_root() {
        eprintln!("notice: not running as root: the other user's index case is skipped");
        return;
    }
    let setup = Setup::new();
    let index_dir = setup.cache().join("index");
    // Built by root: tantivy's meta.json is readable by its owner only.
    setup.newsdesk(&index_dir).run(&["index"]).assert_success("index as root");
    for dir in [setup.dir.path().to_path_buf(), setup.library(), setup.library().join("sub"), setup.cache()] {
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = snapshot(&index_dir);
    let unprivileged = Newsdesk { unprivileged: true, ..setup.newsdesk(&index_dir) };
    for args in index_commands(&setup.library()) {
        let finished = unprivileged.run(&args);
        let what = format!("{args:?} on root's index");
        assert_refused(&finished, &index_dir, "belongs to root (uid 0)", &what);
        assert!(finished.stderr.contains("readable by their owner only"), "{what}: {}", finished.stderr);
    }
    assert_unchanged(&index_dir, &before, &[], "another user's index");
}
