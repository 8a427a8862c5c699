//! `newsdesk index` killed with SIGKILL at random moments on a 2,000-article library: after each
//! kill the index opens without repair, holds the last complete state, and the next `index`
//! reaches exactly the state of a clean build. A damaged index (corrupt or truncated meta.json,
//! a truncated, missing or bit-flipped segment file, another version's stamp) is rebuilt with a
//! message. (An index without its stamp is not provably newsdesk's: see `safety_fs`.)
//! The library is never written.

use crate::support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use newsdesk::index::STAMP_FILE;
use support::generated::{Rng, QUERIES};
use support::process::{start, Ended, Newsdesk};
use support::reference::{clean_build, searched_by_binary, state};
use support::tree::{assert_unchanged, snapshot};

const ARTICLES: usize = 2000;
const KILLS: usize = 12;
/// A kill can miss (the run ended first): allow some, but not so many that few kills landed.
const MAX_ATTEMPTS: usize = 40;

#[test]
fn sigkill_at_random_moments_loses_nothing() {
    let reference = clean_build(ARTICLES);
    let root = reference.library.path();
    let before = snapshot(root);
    let index_dir = reference.cache.path().join("crashed");
    let newsdesk = Newsdesk::new(root, &index_dir);
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64;
    eprintln!("kill moments seeded with {seed}; clean build took {:?}", reference.build_time);
    let mut rng = Rng::new(seed);
    let (mut kills, mut attempts) = (0, 0);
    while kills < KILLS {
        attempts += 1;
        assert!(attempts <= MAX_ATTEMPTS, "only {kills} of {attempts} kills landed");
        // Odd attempts build from nothing; even ones rebuild a complete index.
        let rebuild = attempts % 2 == 0;
        if !rebuild && index_dir.exists() {
            fs::remove_dir_all(&index_dir).unwrap();
        }
        let args: &[&str] = if rebuild { &["index", "--rebuild"] } else { &["index"] };
        let delay = reference.build_time.mul_f64(rng.below(1000) as f64 / 1000.0);
        let running = start(newsdesk.command(args));
        std::thread::sleep(delay);
        let killed = match running.kill() {
            Ended::Killed => true,
            Ended::Finished(finished) => {
                finished.assert_success("an index run that ended before its kill");
                false
            }
        };
        kills += usize::from(killed);

        let after_kill = state(root, &index_dir);
        if rebuild || !after_kill.articles.is_empty() {
            assert_eq!(after_kill, reference.state, "after a kill at {delay:?} (rebuild: {rebuild})");
        }
        let next = newsdesk.run(&["index"]);
        next.assert_success("the index run after a kill");
        assert!(next.stdout.contains(&format!("{ARTICLES} files seen")), "{}", next.stdout);
        assert_eq!(
            state(root, &index_dir),
            reference.state,
            "after the kill at {delay:?} and one more index"
        );
        assert_unchanged(root, &before, &[], "index, killed");
    }
    assert_eq!(searched_by_binary(&newsdesk), reference.searched);
    eprintln!("{kills} kills landed in {attempts} attempts");
}

/// Ways an index on disk gets damaged, each applied to a copy of a complete index.
fn damage(dir: &Path, how: &str) {
    let segment_file = |ext: &str| {
        fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .find(|path| path.extension().is_some_and(|e| e == ext))
            .unwrap_or_else(|| panic!("no .{ext} file in the index"))
    };
    let truncate = |path: PathBuf| {
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    };
    match how {
        "garbage meta.json" => fs::write(dir.join("meta.json"), "{ not json").unwrap(),
        "truncated meta.json" => truncate(dir.join("meta.json")),
        "empty meta.json" => fs::write(dir.join("meta.json"), "").unwrap(),
        "older version stamp" => fs::write(dir.join(STAMP_FILE), "newsdesk-index 0\n").unwrap(),
        "missing .store" => fs::remove_file(segment_file("store")).unwrap(),
        flipped if flipped.starts_with("flipped .") => {
            support::flip_a_byte(dir, flipped.trim_start_matches("flipped ."))
        }
        truncated => truncate(segment_file(truncated.trim_start_matches("truncated ."))),
    }
}

const DAMAGES: &[&str] = &[
    "garbage meta.json",
    "truncated meta.json",
    "empty meta.json",
    "older version stamp",
    "missing .store",
    "truncated .idx",
    "truncated .term",
    "truncated .pos",
    "truncated .store",
    "truncated .fast",
    "truncated .fieldnorm",
    "flipped .fast",
    "flipped .idx",
    "flipped .term",
    "flipped .pos",
    "flipped .store",
    "flipped .fieldnorm",
];

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn a_damaged_index_is_rebuilt_with_a_message() {
    let reference = clean_build(200);
    let root = reference.library.path();
    let before = snapshot(root);
    for (number, how) in DAMAGES.iter().enumerate() {
        let dir = reference.cache.path().join(format!("damaged-{number}"));
        copy_dir(&reference.cache.path().join("reference"), &dir);
        damage(&dir, how);
        let newsdesk = Newsdesk::new(root, &dir);
        let mut told = String::new();
        if how.starts_with("flipped") {
            // `search` reads only part of the index: it may not notice (or may, and rebuild),
            // but must not fail.
            let searched = newsdesk.run(&["search", "--json", "--limit", "1", QUERIES[0]]);
            searched.assert_no_panic_or_crash(how);
            searched.assert_success(how);
            told = searched.stderr;
        }
        // Half the cases meet the damage in `search`, half in `index` (which verifies checksums:
        // all the flipped ones).
        let finished = if number % 2 == 0 && !how.starts_with("flipped") {
            newsdesk.run(&["search", "--json", "--limit", "1", QUERIES[0]])
        } else {
            newsdesk.run(&["index"])
        };
        finished.assert_no_panic_or_crash(how);
        finished.assert_success(how);
        told.push_str(&finished.stderr);
        assert!(told.contains("rebuilding"), "{how}: no word of a rebuild:\n{told}");
        if number % 2 == 0 && !how.starts_with("flipped") {
            let results: serde_json::Value = serde_json::from_str(&finished.stdout).expect("search --json");
            assert_eq!(results["total"], reference.state.answers[0].0, "{how}");
        }
        assert_eq!(state(root, &dir), reference.state, "{how}");
        assert_unchanged(root, &before, &[], how);
    }
}
