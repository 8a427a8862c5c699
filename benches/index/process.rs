//! Whole-process figures: the binary's `search` and no-change `index` as a user runs them,
//! `rg -l -i` on the same library in the same minutes, and the reader (this bench run again as
//! a child, so its memory is the reader's alone): list shown, refresh done, memory, sorting.
//! With `NEWSDESK_TIMELINE=FILE` the probe's start is written to FILE span by span.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdesk::app::{Action, LibraryStatus};
use newsdesk::session::Session;
use newsdesk::timeline;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// The child's first argument: run as the reader probe.
pub const READER_PROBE: &str = "--reader-probe";
const RUNS: usize = 5;
const PROBE_RUNS: usize = 3;
const QUERY: &str = "giá vàng";

pub fn report(library: &Path, index_dir: &Path) {
    let binary = env!("CARGO_BIN_EXE_newsdesk");
    let newsdesk = |args: &[&str]| {
        let mut command = Command::new(binary);
        command.arg("--library").arg(library).arg("--index-dir").arg(index_dir).args(args);
        command
    };
    let has_rg = Command::new("rg").arg("--version").stdout(Stdio::null()).status().is_ok();
    let (mut search, mut index, mut rg) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..=RUNS {
        let searched = wall(newsdesk(&["search", QUERY]));
        let indexed = wall(newsdesk(&["index"]));
        let grepped = has_rg.then(|| {
            let mut command = Command::new("rg");
            command.args(["-l", "-i", QUERY]).arg(library);
            wall(command)
        });
        // The first round warms the page cache and is not counted.
        if round > 0 {
            search.push(searched);
            index.push(indexed);
            rg.extend(grepped);
        }
    }
    println!("| `newsdesk search \"{QUERY}\"`, whole process ({RUNS} runs) | {} |", spread(&mut search));
    println!("| `newsdesk index`, nothing changed, whole process | {} |", spread(&mut index));
    if has_rg {
        println!("| `rg -l -i \"{QUERY}\"`, same runs interleaved | {} |", spread(&mut rg));
    } else {
        println!("| `rg` | not installed |");
    }
    let probes: Vec<Vec<(String, f64)>> = (0..PROBE_RUNS).map(|_| probe(library, index_dir)).collect();
    let Some(first) = probes.first() else { return };
    for (at, (name, _)) in first.iter().enumerate() {
        let mut values: Vec<f64> = probes.iter().filter_map(|probe| probe.get(at)).map(|(_, v)| *v).collect();
        values.sort_by(f64::total_cmp);
        let (low, mid, high) = (values[0], values[values.len() / 2], values[values.len() - 1]);
        println!("| reader: {name} ({PROBE_RUNS} runs) | median {mid:.1}, range {low:.1}–{high:.1} |");
    }
}

fn wall(mut command: Command) -> Duration {
    let started = Instant::now();
    let status = command.stdout(Stdio::null()).stderr(Stdio::null()).status().expect("run");
    assert!(status.success(), "{command:?} failed");
    started.elapsed()
}

fn spread(samples: &mut [Duration]) -> String {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.0} ms, range {:.0}–{:.0} ms",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    )
}

/// Runs this bench as the reader probe and reads its `name=value` lines.
fn probe(library: &Path, index_dir: &Path) -> Vec<(String, f64)> {
    let output = Command::new(std::env::current_exe().expect("bench binary"))
        .arg(READER_PROBE)
        .arg(library)
        .arg(index_dir)
        .output()
        .expect("reader probe");
    let text = String::from_utf8_lossy(&output.stdout);
    text.lines()
        .filter_map(|line| line.split_once('='))
        .filter_map(|(name, value)| Some((name.to_string(), value.trim().parse().ok()?)))
        .collect()
}

/// The reader on `[library, index_dir]`, printing `name=value` lines.
pub fn reader_probe(args: &[String]) {
    let (library, index_dir) = (Path::new(&args[0]), Path::new(&args[1]));
    let state = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let mut session = timeline::span("probe: session open", || {
        Session::open(library, index_dir, state.path().join("state.json"))
    });
    session.dispatch(Action::Resize { width: 120, height: 40 });
    session.start_refresh();
    while session.app.library_status == LibraryStatus::Loading {
        std::thread::sleep(session.wake_within(Instant::now()).unwrap_or(Duration::from_millis(5)));
        session.settle();
    }
    timeline::span("probe: first frame with the list", || draw(&session));
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("list shown, ms={:.1}", ms(started.elapsed()));
    println!("RSS with the list, MB={:.1}", memory_mb("VmRSS"));
    session.wait_for_refresh();
    println!("background refresh done, ms={:.1}", ms(started.elapsed()));
    for name in ["title", "source", "newest"] {
        let started = Instant::now();
        session.press(key(KeyCode::Char('s')));
        draw(&session);
        println!("sort by {name} → frame, ms={:.1}", ms(started.elapsed()));
    }
    let mut frames = Vec::new();
    for _ in 0..200 {
        let started = Instant::now();
        session.press(key(KeyCode::Char('j')));
        draw(&session);
        frames.push(started.elapsed());
    }
    frames.sort();
    println!("key j → frame p50, ms={:.2}", ms(frames[frames.len() / 2]));
    println!("RSS after, MB={:.1}", memory_mb("VmRSS"));
    println!("peak RSS, MB={:.1}", memory_mb("VmHWM"));
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn draw(session: &Session) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).expect("draw");
}

fn memory_mb(field: &str) -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0.0);
    kb / 1024.0
}
