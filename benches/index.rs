//! Index benchmark: `cargo bench --bench index -- [CORPUS_DIR] [--copies N] [--keep DIR]
//! [--build-only] [--index-dir DIR] [--queries-only] [--only QUERY]` (a generated corpus without a folder; a temporary index without
//! `--index-dir`, which keeps the index between runs so that query work can be measured again
//! without re-indexing). `--copies N` indexes a library of N copies of the corpus, each but the
//! first with its bodies' sentences shuffled (built in a temporary folder and deleted after, or
//! kept in `--keep DIR` and reused: 10 copies of vn_news take 1.9 GB).
//! Full index time, MB/s, peak RSS, index size; no-change re-scan; query latency with snippets;
//! search-as-you-type; whole-process figures of the binary (`search`, `index` with nothing
//! changed, the reader's list and memory) beside `rg -l -i` on the same library. Prints a
//! Markdown table for BENCHMARKS.md. `--queries-only` (with an index kept in `--index-dir`) stops
//! after the query rows: no repeated re-scans and no whole-process rows. `--only QUERY` runs that
//! one of the bench's queries alone, ten times the rounds, not scored by the full query beside
//! it: a run to profile.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::index::{Index, RefreshOptions, Scope};

#[path = "index/copies.rs"]
mod copies;
#[path = "index/process.rs"]
mod process;
mod support;
use support::{percentile, process_cpu};

const QUERIES: &[&str] = &[
    "hà nội",
    "ha noi",
    "bóng đá",
    "bong da",
    "giá vàng",
    "gia vang",
    "thủ tướng chính phủ",
    "thu tuong chinh phu",
    "má",
    "\"hà nội\"",
    "\"bộ giáo dục\"",
    "title:bóng",
    "title:\"việt nam\"",
    "bóng đá -việt",
    "xe máy OR ô tô",
    "after:2017-01-01 hà nội",
    "on:2017",
    "government",
    "economy growth",
    "\"prime minister\"",
    "title:election",
    "film OR music award",
    "mobile phone -apple",
];
const AS_YOU_TYPE: &[&str] = &["giá vàng hôm nay", "thu tuong", "prime minister"];
const ROUNDS: usize = 20;
const LIMIT: usize = 20;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|arg| arg == process::READER_PROBE) {
        return process::reader_probe(&args[at + 1..]);
    }
    let value = |flag: &str| args.iter().position(|arg| arg == flag).and_then(|at| args.get(at + 1));
    let takes_value = ["--index-dir", "--copies", "--keep", "--only"];
    let corpus_arg = args
        .iter()
        .enumerate()
        .find(|(at, arg)| {
            !arg.starts_with("--") && (*at == 0 || !takes_value.contains(&args[at - 1].as_str()))
        })
        .map(|(_, arg)| arg.clone());
    let queries_only = args.iter().any(|arg| arg == "--queries-only");
    // One query alone (to profile it): the others and the typing rounds are skipped.
    let only = value("--only");
    let copies: usize = value("--copies").map_or(1, |n| n.parse().expect("--copies takes a number"));
    let generated = tempfile::tempdir().expect("temp dir");
    let corpus = match corpus_arg {
        Some(dir) if copies > 1 => {
            let out = value("--keep").map_or_else(|| generated.path().join("library"), PathBuf::from);
            let started = Instant::now();
            let files = copies::build(Path::new(&dir), &out, copies);
            println!("library: {copies} copies of {dir}, {files} files ({:.0?})", started.elapsed());
            if args.iter().any(|arg| arg == "--build-only") {
                return;
            }
            out
        }
        Some(dir) => PathBuf::from(dir),
        None => {
            generate(generated.path(), 5_000);
            generated.path().to_path_buf()
        }
    };
    let cache = tempfile::tempdir().expect("temp dir");
    let index_dir = value("--index-dir").map_or_else(|| cache.path().join("index"), PathBuf::from);
    let (index, _) = Index::open(&corpus, &index_dir).expect("open");
    let started = Instant::now();
    let cpu_before = process_cpu();
    let summary = index.refresh(false, &mut |_| {}).expect("full index");
    let full = started.elapsed();
    let cpu = process_cpu().saturating_sub(cpu_before).as_secs_f64();
    let peak_rss_mb = peak_rss_kb() as f64 / 1024.0;
    let bytes = folder_bytes(&corpus);
    let index_mb = folder_bytes(&index_dir) as f64 / 1_048_576.0;

    let repeats = if queries_only { 1 } else { 5 };
    let rescans: Vec<Duration> = (0..repeats)
        .map(|_| {
            let started = Instant::now();
            let summary = index.refresh(false, &mut |_| {}).expect("re-scan");
            assert_eq!(summary.added + summary.updated + summary.removed, 0);
            started.elapsed()
        })
        .collect();

    // What a query does first: the cheap check (folders' times against the record).
    let cheap = RefreshOptions { rebuild: false, verify: false, scope: Scope::Changed };
    let cheap_checks: Vec<Duration> = (0..repeats)
        .map(|_| {
            let started = Instant::now();
            let summary = index.refresh_with(&cheap, &mut |_| {}).expect("cheap check");
            assert_eq!((summary.files_looked_at, summary.files_read), (0, 0));
            started.elapsed()
        })
        .collect();

    let (mut latencies, mut latencies_cpu) = (Vec::new(), Vec::new());
    let mut slowest = (Duration::ZERO, "");
    let mut max_per_query = vec![Duration::ZERO; QUERIES.len()];
    let mut cpu_per_query = vec![Vec::new(); QUERIES.len()];
    let mut wall_per_query = vec![Vec::new(); QUERIES.len()];
    // The same queries with every match scored by the full query, in the same rounds: what the
    // ranking passes save, and what they change.
    let mut every_match_cpu = vec![Vec::new(); QUERIES.len()];
    // One query alone runs ten times the rounds, and not scored by the full query.
    for _ in 0..ROUNDS * if only.is_some() { 10 } else { 1 } {
        for (number, query) in QUERIES.iter().enumerate() {
            if only.is_some_and(|only| only != query) {
                continue;
            }
            if only.is_none() {
                every_match_cpu[number].push(timed(|| index.search_every_match(query, LIMIT)).1);
            }
            let (took, cpu) = timed(|| index.search(query, LIMIT));
            slowest = slowest.max((cpu, query));
            max_per_query[number] = max_per_query[number].max(took);
            cpu_per_query[number].push(cpu);
            wall_per_query[number].push(took);
            latencies.push(took);
            latencies_cpu.push(cpu);
        }
    }
    let (mut typing, mut typing_cpu) = (Vec::new(), Vec::new());
    let mut per_prefix: std::collections::BTreeMap<String, Vec<Duration>> = Default::default();
    for _ in 0..ROUNDS * usize::from(only.is_none()) {
        for query in AS_YOU_TYPE {
            let chars: Vec<char> = query.chars().collect();
            for end in 1..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                let (took, cpu) = timed(|| index.search_as_you_type(&prefix, LIMIT));
                typing.push(took);
                typing_cpu.push(cpu);
                per_prefix.entry(prefix).or_default().push(took);
            }
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "corpus: {} ({} files seen, {} indexed, {} skipped)",
        corpus.display(),
        summary.seen,
        index.len(),
        summary.skipped.len()
    );
    println!("| measure | value |");
    println!("|---|---|");
    println!("| full index | {:.2} s wall, {cpu:.2} s CPU (user+sys) |", full.as_secs_f64());
    println!(
        "| throughput | {:.1} MB/s ({:.1} MB) |",
        bytes as f64 / 1_048_576.0 / full.as_secs_f64(),
        bytes as f64 / 1_048_576.0
    );
    println!("| peak RSS (VmHWM) | {peak_rss_mb:.0} MB |");
    println!("| index size | {index_mb:.1} MB |");
    println!(
        "| no-change re-scan in-process, full (`Index::refresh`, median of {repeats}) | {:.0} ms |",
        ms(percentile(&rescans, 50.0))
    );
    println!(
        "| no-change cheap check in-process (`Scope::Changed`, median of {repeats}) | {:.1} ms |",
        ms(percentile(&cheap_checks, 50.0))
    );
    let spread = |samples: &[Duration]| {
        let at = |pct| ms(percentile(samples, pct));
        format!(
            "p50 {:.2} ms, p90 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms",
            at(50.0),
            at(90.0),
            at(95.0),
            at(99.0)
        )
    };
    let label = format!("query top-{LIMIT} + snippets, {} queries × {ROUNDS}", QUERIES.len());
    println!("| {label}, wall | {} |", spread(&latencies));
    println!("| {label}, process CPU | {} |", spread(&latencies_cpu));
    let label = format!("search-as-you-type, {} prefixes × {ROUNDS}", typing.len() / ROUNDS);
    println!("| {label}, wall | {} |", spread(&typing));
    println!("| {label}, process CPU | {} |", spread(&typing_cpu));
    println!("| slowest query (CPU) | {:?}: {:.2} ms |", slowest.1, ms(slowest.0));
    let mut prefixes: Vec<(f64, &String)> =
        per_prefix.iter().map(|(prefix, took)| (ms(percentile(took, 50.0)), prefix)).collect();
    prefixes.sort_by(|a, b| b.0.total_cmp(&a.0));
    if !prefixes.is_empty() {
        let slowest: Vec<String> =
            prefixes.iter().take(8).map(|(took, prefix)| format!("{prefix:?} {took:.1}")).collect();
        println!("  slowest prefixes as typed (wall median, ms): {}", slowest.join(", "));
    }
    let paths = |results: &newsdesk::index::SearchResults| -> Vec<PathBuf> {
        results.hits.iter().map(|hit| hit.article.path.clone()).collect()
    };
    for (number, query) in QUERIES.iter().enumerate() {
        if only.is_some_and(|only| only != query) {
            continue;
        }
        if let (Ok(results), Ok(every)) = (index.search(query, LIMIT), index.search_every_match(query, LIMIT))
        {
            let cpu = ms(percentile(&cpu_per_query[number], 50.0));
            let wall = ms(percentile(&wall_per_query[number], 50.0));
            let every_cpu = ms(percentile(&every_match_cpu[number], 50.0));
            let (ours, theirs) = (paths(&results), paths(&every));
            let shared = ours.iter().filter(|path| theirs.contains(path)).count();
            let same = if ours == theirs { "same order" } else { "order differs" };
            println!(
                "  {query:<28} {:>7} hits, wall median {wall:6.2} ms, max {:6.2} ms, CPU median {cpu:6.2} ms \
                 (every match scored: {every_cpu:6.2} ms), top-{LIMIT} shared {shared}/{}, {same}",
                results.total,
                ms(max_per_query[number]),
                theirs.len()
            );
        }
    }
    drop(index);
    if !queries_only {
        process::report(&corpus, &index_dir);
    }
}

/// Wall time and this thread's CPU time of `work`.
fn timed<T>(work: impl FnOnce() -> T) -> (Duration, Duration) {
    let (started, cpu_started) = (Instant::now(), process_cpu());
    std::hint::black_box(work());
    (started.elapsed(), process_cpu().saturating_sub(cpu_started))
}

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn folder_bytes(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => folder_bytes(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// `count` plain-text articles from a small word list (deterministic).
fn generate(dir: &Path, count: usize) {
    const WORDS: &[&str] = &[
        "hà",
        "nội",
        "bóng",
        "đá",
        "giá",
        "vàng",
        "thủ",
        "tướng",
        "chính",
        "phủ",
        "việt",
        "nam",
        "má",
        "ma",
        "người",
        "dân",
        "thành",
        "phố",
        "mưa",
        "lớn",
        "government",
        "economy",
        "growth",
        "prime",
        "minister",
        "film",
        "music",
        "award",
        "mobile",
        "phone",
        "election",
        "market",
        "học",
        "sinh",
        "giáo",
        "dục",
        "xe",
        "máy",
        "ô",
        "tô",
        "hôm",
        "nay",
        "năm",
        "mới",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        WORDS[(seed % WORDS.len() as u64) as usize]
    };
    for n in 0..count {
        let mut text = String::new();
        for line in 0..12 {
            let words = if line == 0 { 8 } else { 60 };
            let sentence: Vec<&str> = (0..words).map(|_| next()).collect();
            text.push_str(&sentence.join(" "));
            text.push('\n');
        }
        std::fs::write(dir.join(format!("{n:05}.txt")), text).expect("write");
    }
}
