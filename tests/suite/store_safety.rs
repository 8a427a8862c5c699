//! The notes store under pressure: two readers writing at once lose nothing; a writer killed
//! with SIGKILL at random moments loses at most the change it was saving, and the store opens
//! intact; a read-only or full state folder is said and nothing stored is damaged. Writers are
//! this test binary run again as a child (`writer_child`), so they are real processes.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, SystemTime};

use crate::support::generated::Rng;
use crate::support::mount::Mount;
use crate::support::process::{start, Ended};
use newsdesk::store::{Highlight, Quote, ReadMark, Store, TagEdit};

/// Set in a child: the state folder to write into, the writer's name, how many highlights.
const WRITER_VAR: &str = "NEWSDESK_TEST_STORE_WRITER";
const KILLS: usize = 8;

fn highlight(id: &str, created: i64) -> Highlight {
    Highlight {
        id: id.to_string(),
        article: "/lib/chung.txt".into(),
        title: "Bài chung".into(),
        quote: Quote { exact: format!("đoạn {id}"), prefix: "trước ".into(), suffix: " sau".into() },
        block: 0,
        note: "ghi chú của người đọc".repeat(4),
        created,
        updated: created,
        detached: false,
    }
}

/// The child: writes `count` highlights, a tag and a read mark each, one transaction each, and after each
/// commit appends the id to `<dir>/<name>.log` (so the parent knows what was saved).
#[test]
fn writer_child() {
    let Ok(spec) = std::env::var(WRITER_VAR) else { return };
    let mut parts = spec.splitn(3, '\n');
    let (dir, name, count) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap());
    let dir = Path::new(dir);
    let mut store = Store::open(dir).unwrap().store;
    let mut log =
        fs::OpenOptions::new().create(true).append(true).open(dir.join(format!("{name}.log"))).unwrap();
    for n in 0..count.parse::<usize>().unwrap() {
        let id = format!("{name}-{n}");
        store.put_highlight(&highlight(&id, n as i64)).unwrap();
        store.edit_tags("/lib/chung.txt", &TagEdit::parse(&id)).unwrap();
        store.put_read_mark(&mark_key(&id), ReadMark { line: n, of: n + 1, at: n as u64 }).unwrap();
        writeln!(log, "{id}").unwrap();
    }
}

/// The article a writer's step `id` marks read.
fn mark_key(id: &str) -> String {
    format!("/lib/{id}.txt")
}

fn writer(dir: &Path, name: &str, count: usize) -> Command {
    let mut command = Command::new(std::env::current_exe().unwrap());
    command.args(["--exact", "store_safety::writer_child", "--test-threads=1"]);
    command.env(WRITER_VAR, format!("{}\n{name}\n{count}", dir.display()));
    command
}

fn logged(dir: &Path, name: &str) -> Vec<String> {
    fs::read_to_string(dir.join(format!("{name}.log")))
        .unwrap_or_default()
        .lines()
        .map(str::to_string)
        .collect()
}

fn stored_ids(dir: &Path) -> Vec<String> {
    let store = Store::open(dir).unwrap();
    assert!(store.notes.is_empty(), "{:?}", store.notes);
    store.store.all_highlights().unwrap().into_iter().map(|h| h.id).collect()
}

/// The read marks stored, by key.
fn stored_marks(dir: &Path) -> std::collections::BTreeMap<String, ReadMark> {
    Store::open(dir).unwrap().store.read_marks().unwrap()
}

#[test]
fn two_readers_writing_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let count = 150;
    let first = start(writer(dir.path(), "a", count));
    let second = start(writer(dir.path(), "b", count));
    first.finish().assert_success("the first writer");
    second.finish().assert_success("the second writer");
    let mut ids = stored_ids(dir.path());
    ids.sort();
    let mut expected: Vec<String> =
        ["a", "b"].iter().flat_map(|w| (0..count).map(move |n| format!("{w}-{n}"))).collect();
    expected.sort();
    assert_eq!(ids, expected);
    let store = Store::open(dir.path()).unwrap().store;
    assert_eq!(store.tags_of("/lib/chung.txt").unwrap().len(), 2 * count, "every tag of both");
    let marks = stored_marks(dir.path());
    let mut keys: Vec<String> = expected.iter().map(|id| mark_key(id)).collect();
    keys.sort();
    assert_eq!(marks.keys().cloned().collect::<Vec<_>>(), keys, "every read mark of both");
}

#[test]
fn sigkill_at_random_moments_loses_at_most_the_change_being_saved() {
    let dir = tempfile::tempdir().unwrap();
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64;
    eprintln!("kill moments seeded with {seed}");
    let mut rng = Rng::new(seed);
    let mut landed = 0;
    for round in 0..KILLS * 3 {
        if landed == KILLS {
            break;
        }
        let name = format!("w{round}");
        let running = start(writer(dir.path(), &name, 100_000));
        std::thread::sleep(Duration::from_millis(150 + rng.below(400) as u64));
        landed += usize::from(matches!(running.kill(), Ended::Killed));
        let saved = logged(dir.path(), &name);
        let stored: Vec<String> =
            stored_ids(dir.path()).into_iter().filter(|id| id.starts_with(&format!("{name}-"))).collect();
        let marks = stored_marks(dir.path());
        for id in &saved {
            assert!(stored.contains(id), "{id} was saved before the kill and is gone");
            assert!(
                marks.contains_key(&mark_key(id)),
                "{id}'s read mark was saved before the kill and is gone"
            );
        }
        let own = marks.keys().filter(|key| key.starts_with(&format!("/lib/{name}-"))).count();
        assert!(own <= saved.len() + 1, "{own} marks stored, {} logged", saved.len());
        assert!(stored.len() <= saved.len() + 1, "{} stored, {} logged", stored.len(), saved.len());
    }
    assert_eq!(landed, KILLS, "too few kills landed");
}

#[test]
fn a_read_only_state_folder_is_said_and_nothing_stored_changes() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    {
        let mut store = Store::open(&state).unwrap().store;
        store.put_highlight(&highlight("kept", 1)).unwrap();
    }
    let before = fs::read(state.join(newsdesk::store::FILE_NAME)).unwrap();
    let Some(_mount) =
        Mount::new(&[&["--bind", state.to_str().unwrap()], &["-o", "remount,bind,ro"]], &state)
    else {
        eprintln!("notice: mount is not permitted here; the read-only state folder case is skipped");
        return;
    };
    let opened = Store::open(&state).unwrap();
    assert_eq!(opened.notes.len(), 1, "the reader is told: {:?}", opened.notes);
    let mut store = opened.store;
    assert_eq!(store.all_highlights().unwrap().len(), 1, "what is stored still shows");
    assert!(store.put_highlight(&highlight("new", 2)).is_err());
    drop(store);
    assert_eq!(fs::read(state.join(newsdesk::store::FILE_NAME)).unwrap(), before);
}

#[test]
fn a_full_state_folder_refuses_the_change_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("state");
    fs::create_dir(&state).unwrap();
    let Some(_mount) = Mount::new(&[&["-t", "tmpfs", "-o", "size=256k", "tmpfs"]], &state) else {
        eprintln!("notice: mount is not permitted here; the full-disk case is skipped");
        return;
    };
    let mut store = Store::open(&state).unwrap().store;
    let mut saved = Vec::new();
    let mut refused = 0;
    for n in 0..2000 {
        let mut big = highlight(&format!("h{n}"), n);
        big.note = "một ghi chú dài ".repeat(200);
        match store.put_highlight(&big) {
            Ok(()) => saved.push(big.id),
            Err(_) => refused += 1,
        }
        if refused > 3 {
            break;
        }
    }
    assert!(refused > 0, "the tmpfs never filled");
    assert!(!saved.is_empty());
    drop(store);
    let mut ids = stored_ids(&state);
    ids.sort();
    saved.sort();
    assert_eq!(ids, saved, "every change that was accepted is there, and only those");
}
