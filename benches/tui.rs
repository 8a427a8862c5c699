//! Reader figures: first frame from an up-to-date index (and the frame with the list, which a
//! worker loads meanwhile), and key press → frame with new results
//! while typing queries (search as you type), drawn into a 120x40 `TestBackend`.
//!
//!     cargo bench --bench tui -- /tmp/corpora/data      # a corpus folder (indexed first)
//!     cargo bench --bench tui                           # a generated library
//!
//! Not a test: it prints figures for BENCHMARKS.md and asserts nothing about time.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use newsdesk::app::{Action, LibraryStatus};
use newsdesk::index::Index;
use newsdesk::session::Session;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SIZE: (u16, u16) = (120, 40);
const FIRST_FRAME_RUNS: usize = 10;
const QUERIES: [&str; 12] = [
    "ha noi",
    "hà nội",
    "tiếng việt",
    "bong da",
    "giá xăng",
    "\"thủ tướng\"",
    "kinh te -bong",
    "title:covid",
    "after:2017-01 giao thong",
    "government minister",
    "election OR vote",
    "world cup",
];

fn main() {
    let corpus = std::env::args().skip(1).find(|arg| !arg.starts_with('-')).map(PathBuf::from);
    let work = tempfile::tempdir().unwrap();
    let library = match corpus {
        Some(folder) => folder,
        None => generate_library(&work.path().join("library"), 3000),
    };
    let index_dir = work.path().join("index");
    let started = Instant::now();
    {
        let (index, _) = Index::open(&library, &index_dir).unwrap();
        let summary = index.refresh(false, &mut |_| {}).unwrap();
        println!(
            "library {}: {} articles indexed in {:.1?}",
            library.display(),
            index.len(),
            started.elapsed()
        );
        if !summary.skipped.is_empty() {
            println!("  ({} files skipped)", summary.skipped.len());
        }
    }
    let state = work.path().join("state.json");

    let (mut first_frames, mut list_frames) = (Vec::new(), Vec::new());
    for _ in 0..FIRST_FRAME_RUNS {
        let start = Instant::now();
        let mut session = Session::open(&library, &index_dir, state.clone());
        session.dispatch(Action::Resize { width: SIZE.0, height: SIZE.1 });
        draw(&session);
        first_frames.push(start.elapsed());
        // As the reader does: the worker loads the list, the loop looks every few ms.
        session.start_refresh();
        while session.app.library_status == LibraryStatus::Loading {
            std::thread::sleep(session.wake_within(Instant::now()).unwrap_or(Duration::from_millis(10)));
            session.settle();
        }
        draw(&session);
        list_frames.push(start.elapsed());
        session.wait_for_refresh();
    }
    report("first frame (open index, draw \"loading…\")", &mut first_frames);
    report("frame with the list (from start)", &mut list_frames);
    let (mut opens, mut lists, mut listings) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..FIRST_FRAME_RUNS {
        let start = Instant::now();
        let (index, _) = Index::open(&library, &index_dir).unwrap();
        opens.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(index.articles());
        lists.push(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(index.listing());
        listings.push(start.elapsed());
    }
    report("  of which Index::open", &mut opens);
    report("  Index::articles (every summary built; `list`)", &mut lists);
    report("  Index::listing (the reader's list, from columns)", &mut listings);

    let mut session = ready_session(&library, &index_dir, &state);
    let mut frames = typing_frames(&mut session, QUERIES.iter());
    report("key press → frame with new results", &mut frames);
    drop(session);

    with_highlights(&library, &index_dir, &state, HIGHLIGHTS);
    println!("memory: {}", memory());
}

/// Highlights stored for the second half of the bench (notes on a tenth of them).
const HIGHLIGHTS: usize = 10_000;
/// Of which on the article the bench opens.
const ON_THE_OPEN_ARTICLE: usize = 40;

/// The reader's figures again with `count` highlights in the notes store: first frame, key →
/// frame while typing (plain and `note:` queries), opening the article that holds some, `]`
/// and a selection there, and the `H` view with its filter.
fn with_highlights(library: &Path, index_dir: &Path, state: &Path, count: usize) {
    use newsdesk::store::{article_key, Highlight, Passages, Store};
    let (index, _) = Index::open(library, index_dir).unwrap();
    let articles = index.articles();
    let first = articles.first().expect("an article").path.clone();
    let passages = Passages::of(&newsdesk::parse::read_article(&first).unwrap());
    let started = Instant::now();
    let mut store = Store::open(state.parent().unwrap()).unwrap().store;
    for n in 0..count {
        let (article, quote, block) = if n < ON_THE_OPEN_ARTICLE {
            let step = passages.text.len() / ON_THE_OPEN_ARTICLE;
            let at = (n * step..passages.text.len()).find(|&at| passages.text.is_char_boundary(at)).unwrap();
            let end =
                (at + 40..passages.text.len()).find(|&end| passages.text.is_char_boundary(end)).unwrap_or(at);
            let (quote, block) = passages.quote(at..end);
            (&first, quote, block)
        } else {
            let article = &articles[n % articles.len()].path;
            let quote =
                newsdesk::store::Quote { exact: format!("đoạn văn số {n}"), ..Default::default() };
            (article, quote, 0)
        };
        let note = if n % 10 == 0 { format!("ghi chú thứ {n} về giao thông") } else { String::new() };
        let highlight = Highlight {
            id: format!("bench-{n}"),
            article: article_key(&article.into()),
            title: "bench".into(),
            quote,
            block,
            note,
            created: n as i64,
            updated: n as i64,
            detached: false,
        };
        store.put_highlight(&highlight).unwrap();
    }
    drop(store);
    println!(
        "--- with {count} highlights stored ({:.1?} to store them, one transaction each)",
        started.elapsed()
    );

    let mut first_frames = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let start = Instant::now();
        let mut session = Session::open(library, index_dir, state.to_path_buf());
        session.dispatch(Action::Resize { width: SIZE.0, height: SIZE.1 });
        draw(&session);
        first_frames.push(start.elapsed());
    }
    report("first frame (open index and store, draw)", &mut first_frames);

    let mut session = ready_session(library, index_dir, state);
    let mut frames =
        typing_frames(&mut session, QUERIES.iter().chain(&["note:giao thong", "highlight:\"đoạn văn\""]));
    report("key press → frame with new results", &mut frames);

    let (mut opens, mut jumps, mut selections) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..FIRST_FRAME_RUNS {
        session.press(key(KeyCode::Char('g')));
        let start = Instant::now();
        session.press(key(KeyCode::Enter));
        session.wait_for_article();
        draw(&session);
        opens.push(start.elapsed());
        for _ in 0..5 {
            // `]h`: the frame after `]` (the pending key shown), then after `h` (the jump).
            let start = Instant::now();
            session.press(key(KeyCode::Char(']')));
            draw(&session);
            session.press(key(KeyCode::Char('h')));
            draw(&session);
            jumps.push(start.elapsed());
        }
        session.press(key(KeyCode::Char('v')));
        for _ in 0..5 {
            let start = Instant::now();
            session.press(key(KeyCode::Char('w')));
            draw(&session);
            selections.push(start.elapsed());
        }
        session.press(key(KeyCode::Esc));
        session.press(key(KeyCode::Char('h')));
    }
    let held = session.app.open.as_ref().map_or(0, |open| open.loaded.annotations.highlights.len());
    report(&format!("Enter → frame with the article and its {held} highlights"), &mut opens);
    report("]h → frame (both keys)", &mut jumps);
    report("w (selecting) → frame", &mut selections);

    let mut views = Vec::new();
    let mut filters = Vec::new();
    for _ in 0..FIRST_FRAME_RUNS {
        let start = Instant::now();
        session.press(key(KeyCode::Char('H')));
        draw(&session);
        views.push(start.elapsed());
        for c in "giao".chars() {
            let start = Instant::now();
            session.press(key(KeyCode::Char(c)));
            draw(&session);
            filters.push(start.elapsed());
        }
        session.press(key(KeyCode::Esc));
    }
    report(&format!("H → frame listing {count}"), &mut views);
    report("a key in H's filter → frame", &mut filters);
}

/// A session at the bench's size with its index up to date.
fn ready_session(library: &Path, index_dir: &Path, state: &Path) -> Session {
    let mut session = Session::open(library, index_dir, state.to_path_buf());
    session.dispatch(Action::Resize { width: SIZE.0, height: SIZE.1 });
    session.start_refresh();
    session.wait_for_refresh();
    session
}

/// Each query typed into the search line a key at a time: the time from each key to its frame.
fn typing_frames<'a>(session: &mut Session, queries: impl Iterator<Item = &'a &'a str>) -> Vec<Duration> {
    let mut frames = Vec::new();
    for query in queries {
        session.press(key(KeyCode::Char('/')));
        for c in query.chars() {
            let start = Instant::now();
            session.press(key(KeyCode::Char(c)));
            draw(session);
            frames.push(start.elapsed());
        }
        session.press(key(KeyCode::Esc));
    }
    frames
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn draw(session: &Session) {
    let mut terminal = Terminal::new(TestBackend::new(SIZE.0, SIZE.1)).unwrap();
    terminal.draw(|frame| newsdesk::ui::draw(frame, &session.app)).unwrap();
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "{what}: n={} p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        times.len(),
        at(0.5),
        at(0.95),
        at(0.99),
        at(1.0)
    );
}

/// VmRSS and VmHWM of this process (the peak includes the indexing above).
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .filter(|line| line.starts_with("VmRSS") || line.starts_with("VmHWM"))
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Plain-text articles from a small vocabulary, Vietnamese and English, dated across three years.
fn generate_library(root: &Path, count: usize) -> PathBuf {
    const WORDS: [&str; 24] = [
        "hà",
        "nội",
        "giao",
        "thông",
        "metro",
        "giá",
        "xăng",
        "kinh",
        "tế",
        "bóng",
        "đá",
        "tiếng",
        "việt",
        "thủ",
        "tướng",
        "government",
        "minister",
        "election",
        "vote",
        "world",
        "cup",
        "city",
        "rail",
        "covid",
    ];
    std::fs::create_dir_all(root).unwrap();
    let mut seed = 0x2545_f491_u64;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    for n in 0..count {
        let title: Vec<&str> = (0..8).map(|_| word()).collect();
        let body: Vec<String> =
            (0..6).map(|_| (0..60).map(|_| word()).collect::<Vec<_>>().join(" ") + ".").collect();
        let text = format!("{}\n\n{}\n", title.join(" "), body.join("\n\n"));
        std::fs::write(root.join(format!("{n:05}.txt")), text).unwrap();
    }
    root.to_path_buf()
}
