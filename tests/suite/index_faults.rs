//! Faults around the index: two `newsdesk index` at once, `index` while the reader has the
//! index open and refreshing, a read-only cache (unprivileged user; read-only bind mount where
//! `mount` is permitted), a full disk (a small tmpfs where `mount` is permitted). Nothing
//! panics, nothing is damaged, every failure is said plainly, the library is never written.

use crate::support;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use newsdesk::app::Action;
use newsdesk::session::Session;
use support::generated::{write_library, QUERIES};
use support::mount::Mount;
use support::process::{running_as_root, start, Finished, Newsdesk, UNPRIVILEGED_ID};
use support::reference::{clean_build, state};
use support::tree::untouched;

/// Either it did the work, or it said the index was busy and exited non-zero.
fn done_or_busy(finished: &Finished, what: &str) -> bool {
    finished.assert_no_panic_or_crash(what);
    if finished.status.success() {
        return true;
    }
    assert!(finished.stderr.contains("the index is busy"), "{what}: failed otherwise:\n{}", finished.stderr);
    false
}

#[test]
fn two_index_runs_at_once_do_no_damage() {
    let reference = clean_build(300);
    let root = reference.library.path();
    for round in 0..4 {
        let index_dir = reference.cache.path().join(format!("twice-{round}"));
        let newsdesk = Newsdesk::new(root, &index_dir);
        // Rounds 0 and 1 race to create the index; 2 and 3 race to rebuild a complete one.
        if round >= 2 {
            newsdesk.run(&["index"]).assert_success("first build");
        }
        let args: &[&str] = if round >= 2 { &["index", "--rebuild"] } else { &["index"] };
        let (first, second) = untouched(root, "two index runs", || {
            let (a, b) = (start(newsdesk.command(args)), start(newsdesk.command(args)));
            (a.finish(), b.finish())
        });
        let succeeded = [done_or_busy(&first, "first"), done_or_busy(&second, "second")];
        assert!(succeeded.contains(&true), "neither run indexed:\n{}\n{}", first.stderr, second.stderr);
        if !succeeded.iter().all(|ok| *ok) {
            newsdesk.run(&["index"]).assert_success("the run after a busy one");
        }
        assert_eq!(state(root, &index_dir), reference.state, "round {round}");
    }
}

#[test]
fn index_while_the_reader_has_the_index_open_and_refreshing() {
    let reference = clean_build(300);
    let root = reference.library.path();
    let index_dir = reference.cache.path().join("reference");
    let work = tempfile::tempdir().unwrap();
    let mut session = Session::open(root, &index_dir, work.path().join("state.json"));
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    session.wait_for_refresh();
    assert_eq!(session.app.articles.len(), 300);
    let newsdesk = Newsdesk::new(root, &index_dir);
    for round in 0..3 {
        // The reader refreshes in the background while `index --rebuild` runs.
        session.start_refresh();
        let finished = untouched(root, "index beside the reader", || newsdesk.run(&["index", "--rebuild"]));
        done_or_busy(&finished, &format!("round {round}"));
        session.wait_for_refresh();
        for c in QUERIES[0].chars() {
            session.dispatch(Action::SearchInput(c));
        }
        let hits = session.app.hits().expect("the reader searched");
        assert_eq!(hits.total, reference.state.answers[0].0, "round {round}");
        session.dispatch(Action::SearchClear);
        session.dispatch(Action::Escape);
    }
    newsdesk.run(&["index"]).assert_success("index after the reader");
    drop(session);
    assert_eq!(state(root, &index_dir), reference.state);
}

/// Reading works on a cache newsdesk cannot write: `search` answers from the index and says
/// it is read-only; `index` refuses with that reason and a non-zero exit.
fn assert_read_only_behaviour(newsdesk: &Newsdesk, indexed_total: usize, how: &str) {
    let root = newsdesk.library.clone();
    let search = untouched(&root, how, || newsdesk.run(&["search", "--json", QUERIES[0]]));
    search.assert_success(how);
    assert!(search.stderr.contains("read-only"), "{how}: {}", search.stderr);
    let results: serde_json::Value = serde_json::from_str(&search.stdout).expect("search --json");
    assert_eq!(results["total"], indexed_total, "{how}");
    let index = untouched(&root, how, || newsdesk.run(&["index"]));
    index.assert_no_panic_or_crash(how);
    assert!(!index.status.success(), "{how}: index claimed success");
    assert!(index.stderr.contains("read-only"), "{how}: {}", index.stderr);
}

fn chown_tree(dir: &Path, id: u32) {
    std::os::unix::fs::chown(dir, Some(id), Some(id)).unwrap();
    for entry in fs::read_dir(dir).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(id), Some(id)).unwrap();
    }
}

#[test]
fn a_read_only_cache_still_searches_and_says_it_cannot_save() {
    let reference = clean_build(100);
    let root = reference.library.path();
    let index_dir = reference.cache.path().join("reference");
    let indexed_total = reference.state.answers[0].0;
    // A new article the read-only index cannot take in.
    write_library(&root.join("later"), 3);

    // The user's own index in a folder without write permission (as root, the test drops to
    // an unprivileged user that owns the index: root ignores permissions).
    fs::set_permissions(root, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(reference.cache.path(), fs::Permissions::from_mode(0o755)).unwrap();
    if running_as_root() {
        chown_tree(&index_dir, UNPRIVILEGED_ID);
    }
    fs::set_permissions(&index_dir, fs::Permissions::from_mode(0o555)).unwrap();
    let unprivileged = Newsdesk { unprivileged: true, ..Newsdesk::new(root, &index_dir) };
    assert_read_only_behaviour(&unprivileged, indexed_total, "a folder without write permission");
    fs::set_permissions(&index_dir, fs::Permissions::from_mode(0o755)).unwrap();

    // A read-only file system, which binds root too; the reader says so in its status line.
    let Some(_mount) =
        Mount::new(&[&["--bind", index_dir.to_str().unwrap()], &["-o", "remount,bind,ro"]], &index_dir)
    else {
        eprintln!("notice: mount is not permitted here; the read-only bind mount case is skipped");
        return;
    };
    assert_read_only_behaviour(&Newsdesk::new(root, &index_dir), indexed_total, "a read-only mount");
    let work = tempfile::tempdir().unwrap();
    let mut session = Session::open(root, &index_dir, work.path().join("state.json"));
    session.start_refresh();
    session.wait_for_refresh();
    assert_eq!(session.app.articles.len(), 100);
    let notice = session.app.notice.clone().unwrap_or_default();
    assert!(notice.contains("read-only"), "the reader says why it cannot save: {notice:?}");
}

#[test]
fn a_full_disk_fails_cleanly_and_keeps_the_last_index() {
    let reference = clean_build(60);
    let root = reference.library.path();
    let index_dir = reference.cache.path().join("small-disk");
    fs::create_dir(&index_dir).unwrap();
    let Some(_mount) = Mount::new(&[&["-t", "tmpfs", "-o", "size=512k", "tmpfs"]], &index_dir) else {
        eprintln!("notice: mount is not permitted here; the full-disk case is skipped");
        return;
    };
    let newsdesk = Newsdesk::new(root, &index_dir);
    untouched(root, "index on a small disk", || newsdesk.run(&["index"]))
        .assert_success("a small index fits");
    let small = state(root, &index_dir);

    write_library(&root.join("more"), 1500);
    let full = untouched(root, "index on a full disk", || newsdesk.run(&["index"]));
    full.assert_no_panic_or_crash("index on a full disk");
    assert!(!full.status.success(), "index on a full disk claimed success:\n{}", full.stdout);
    assert!(full.stderr.contains("No space left on device"), "the cause is said: {}", full.stderr);
    assert_eq!(state(root, &index_dir), small, "the last complete index is intact");
    let search = untouched(root, "search on a full disk", || newsdesk.run(&["search", "--json", QUERIES[0]]));
    search.assert_success("search on a full disk");
    assert!(search.stderr.contains("cannot update the index"), "{}", search.stderr);
    let results: serde_json::Value = serde_json::from_str(&search.stdout).expect("search --json");
    assert_eq!(results["total"], small.answers[0].0);

    // Space again (the new articles gone): the index recovers.
    fs::remove_dir_all(root.join("more")).unwrap();
    untouched(root, "index after the disk emptied", || newsdesk.run(&["index"]))
        .assert_success("index once there is room");
    assert_eq!(state(root, &index_dir), reference.state);
}
