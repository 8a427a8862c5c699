//! The reader's state file: a file that does not parse is kept aside (never overwritten) and
//! the reader says where; two readers on one state directory both keep their marks; and a
//! process killed with SIGKILL at any moment of its saves leaves a file that loads with every
//! mark saved before.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use crate::support::generated::Rng;
use crate::support::reader::{fixture, key, open, BUS, CYCLING, METRO};
use crossterm::event::KeyCode;
use newsdesk::app::{Position, ReadState};
use newsdesk::session::state_file;

/// The files beside the state file whose names mark a damaged file kept aside.
fn kept_aside(state: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.corrupt-", state.file_name().unwrap().to_string_lossy());
    let mut found: Vec<PathBuf> = fs::read_dir(state.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.file_name().unwrap().to_string_lossy().starts_with(&prefix))
        .collect();
    found.sort();
    found
}

#[test]
fn a_state_file_that_does_not_parse_is_kept_aside_and_the_reader_says_where() {
    let library = fixture();
    let state = library.state_file();
    fs::create_dir_all(state.parent().unwrap()).unwrap();
    let mut marks = ReadState::default();
    for n in 0..500 {
        marks.remember(Path::new(&format!("/old/article-{n}.txt")), Position { line: n, of: 900 });
    }
    let mut damaged = serde_json::to_vec(&marks).unwrap();
    // One stray byte between two entries.
    let comma = damaged.len() / 2 + damaged[damaged.len() / 2..].iter().position(|b| *b == b',').unwrap();
    damaged.insert(comma + 1, b'#');
    fs::write(&state, &damaged).unwrap();

    let mut session = library.session();
    let aside = kept_aside(&state);
    assert_eq!(aside.len(), 1, "kept aside once: {aside:?}");
    assert_eq!(fs::read(&aside[0]).unwrap(), damaged, "byte for byte");
    let notice = session.app.notice.clone().unwrap_or_default();
    assert!(notice.contains(&aside[0].display().to_string()), "the reader says where: {notice}");

    open(&mut session, &library.article(METRO));
    let saved = state_file::load(&state).unwrap();
    assert!(saved.note.is_none());
    assert_eq!(saved.state.articles.len(), 1, "a fresh file with the new mark");
    assert_eq!(fs::read(&aside[0]).unwrap(), damaged, "the damaged file is left alone");
    // Put back by hand (here: the marks it held), it merges with the new one.
    fs::write(&state, serde_json::to_vec(&marks).unwrap()).unwrap();
    open(&mut session, &library.article(BUS));
    assert_eq!(state_file::load(&state).unwrap().state.articles.len(), 502);
}

#[test]
fn two_readers_on_one_state_file_both_keep_their_marks() {
    let library = fixture();
    let (metro, bus, cycling) = (library.article(METRO), library.article(BUS), library.article(CYCLING));
    let mut first = library.session();
    let mut second = library.session();
    open(&mut first, &metro);
    open(&mut second, &bus);
    open(&mut first, &cycling);
    assert!(first.app.read_state.is_read(&bus), "the other reader's mark shows after a save");
    // The second reader reads on in metro: its position is the newer one.
    open(&mut second, &metro);
    second.dispatch(newsdesk::app::Action::Resize { width: 120, height: 16 });
    for _ in 0..5 {
        second.press(key(KeyCode::Char('j')));
    }
    let left_at = second.app.open.as_ref().unwrap().position();
    assert!(left_at.line > 0);
    second.press(key(KeyCode::Char('q')));
    first.press(key(KeyCode::Char('q')));

    let third = library.session();
    for path in [&metro, &bus, &cycling] {
        assert!(third.app.read_state.is_read(path), "{} kept", path.display());
    }
    assert_eq!(third.app.read_state.position(&metro), left_at, "the newer position wins");
}

const SAVER_VAR: &str = "NEWSDESK_TEST_STATE_SAVER";
const SAVER_PREFIX_VAR: &str = "NEWSDESK_TEST_STATE_SAVER_PREFIX";
/// A bound on the child's saves, should it outlive a failed test.
const SAVER_MAX_SAVES: usize = 3000;
const ROUNDS: usize = 12;

fn mark_path(round: &str, n: usize) -> PathBuf {
    PathBuf::from(format!("/lib/round-{round}/article-{n}.txt"))
}

/// Not a test of its own: the child process of the test below (this binary, run again with
/// `--ignored --exact`). Starting from an empty state, it adds one mark and saves, again and
/// again, printing `saved N` after each save returns.
#[test]
#[ignore = "a child process of sigkill_during_saves_loses_nothing_saved_before"]
fn state_saver_child() {
    use std::io::Write;
    let (Some(path), Some(round)) = (std::env::var_os(SAVER_VAR), std::env::var(SAVER_PREFIX_VAR).ok())
    else {
        return;
    };
    let mut state = ReadState::default();
    let mut out = std::io::stdout();
    for n in 0..SAVER_MAX_SAVES {
        state.remember(mark_path(&round, n), Position { line: n, of: n + 1 });
        state_file::save(Path::new(&path), &state).unwrap();
        writeln!(out, "saved {n}").and_then(|()| out.flush()).unwrap();
    }
}

#[test]
fn sigkill_during_saves_loses_nothing_saved_before() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("reader-state.json");
    let seed = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_nanos() as u64;
    eprintln!("kill moments seeded with {seed}");
    let mut rng = Rng::new(seed);
    let mut confirmed: Vec<(String, usize)> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "reader_state::state_saver_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(SAVER_VAR, &state)
            .env(SAVER_PREFIX_VAR, round.to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Somewhere in its saves (a moment, not a bound: any moment must be safe).
        std::thread::sleep(Duration::from_millis(100 + rng.below(500) as u64));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut printed = String::new();
        child.stdout.take().unwrap().read_to_string(&mut printed).unwrap();
        let last = printed.lines().filter_map(|line| line.strip_prefix("saved ")?.parse().ok()).max();
        if let Some(last) = last {
            confirmed.push((round.to_string(), last));
        }

        let loaded = state_file::load(&state).unwrap_or_else(|why| panic!("round {round}: {why}"));
        assert!(loaded.note.is_none(), "round {round}: the file parses: {:?}", loaded.note);
        for (saver, last) in &confirmed {
            for n in 0..=*last {
                assert!(
                    loaded.state.is_read(mark_path(saver, n)),
                    "round {round}: mark {n} of saver {saver} (saved before the kill) is lost"
                );
            }
        }
        assert!(kept_aside(&state).is_empty(), "nothing was ever damaged");
    }
    let saves: usize = confirmed.iter().map(|(_, last)| last + 1).sum();
    eprintln!("{saves} saves confirmed over {ROUNDS} kills");
    assert!(confirmed.len() >= ROUNDS / 2, "most children saved before their kill: {confirmed:?}");
}
