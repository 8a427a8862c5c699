//! Index benchmark: `cargo bench --bench index -- [CORPUS_DIR] [--index-dir DIR]` (a generated
//! corpus without a folder; a temporary index without `--index-dir`, which keeps the index
//! between runs so that query work can be measured again without re-indexing).
//! Full index time, MB/s, peak RSS, index size; no-change re-scan; query latency with snippets;
//! search-as-you-type. Prints a Markdown table for BENCHMARKS.md.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::index::Index;

mod support;
use support::{percentile, thread_cpu};

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
    let index_dir_arg = args.iter().position(|arg| arg == "--index-dir").and_then(|at| args.get(at + 1));
    let corpus_arg = args
        .iter()
        .enumerate()
        .find(|(at, arg)| !arg.starts_with("--") && (*at == 0 || args[at - 1] != "--index-dir"))
        .map(|(_, arg)| arg.clone());
    let generated = tempfile::tempdir().expect("temp dir");
    let corpus = match corpus_arg {
        Some(dir) => PathBuf::from(dir),
        None => {
            generate(generated.path(), 5_000);
            generated.path().to_path_buf()
        }
    };
    let cache = tempfile::tempdir().expect("temp dir");
    let index_dir = index_dir_arg.map_or_else(|| cache.path().join("index"), PathBuf::from);

    let (index, _) = Index::open(&corpus, &index_dir).expect("open");
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let summary = index.refresh(false, &mut |_| {}).expect("full index");
    let full = started.elapsed();
    let cpu = cpu_seconds() - cpu_before;
    let peak_rss_mb = peak_rss_kb() as f64 / 1024.0;
    let bytes = folder_bytes(&corpus);
    let index_mb = folder_bytes(&index_dir) as f64 / 1_048_576.0;

    let rescans: Vec<Duration> = (0..5)
        .map(|_| {
            let started = Instant::now();
            let summary = index.refresh(false, &mut |_| {}).expect("re-scan");
            assert_eq!(summary.added + summary.updated + summary.removed, 0);
            started.elapsed()
        })
        .collect();

    let (mut latencies, mut latencies_cpu) = (Vec::new(), Vec::new());
    let mut slowest = (Duration::ZERO, "");
    for _ in 0..ROUNDS {
        for query in QUERIES {
            let (took, cpu) = timed(|| index.search(query, LIMIT));
            slowest = slowest.max((cpu, query));
            latencies.push(took);
            latencies_cpu.push(cpu);
        }
    }
    let (mut typing, mut typing_cpu) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        for query in AS_YOU_TYPE {
            let chars: Vec<char> = query.chars().collect();
            for end in 1..=chars.len() {
                let prefix: String = chars[..end].iter().collect();
                let (took, cpu) = timed(|| index.search_as_you_type(&prefix, LIMIT));
                typing.push(took);
                typing_cpu.push(cpu);
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
        "| no-change re-scan, checksums verified (median of 5) | {:.0} ms |",
        ms(percentile(&rescans, 50.0))
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
    println!("| {label}, thread CPU | {} |", spread(&latencies_cpu));
    let label = format!("search-as-you-type, {} prefixes × {ROUNDS}", typing.len() / ROUNDS);
    println!("| {label}, wall | {} |", spread(&typing));
    println!("| {label}, thread CPU | {} |", spread(&typing_cpu));
    println!("| slowest query (CPU) | {:?}: {:.2} ms |", slowest.1, ms(slowest.0));
    for query in QUERIES {
        if let Ok(results) = index.search(query, LIMIT) {
            println!("  {query:<28} {:>6} hits", results.total);
        }
    }
}

/// Wall time and this thread's CPU time of `work`.
fn timed<T>(work: impl FnOnce() -> T) -> (Duration, Duration) {
    let (started, cpu_started) = (Instant::now(), thread_cpu());
    std::hint::black_box(work());
    (started.elapsed(), thread_cpu().saturating_sub(cpu_started))
}

/// This process's user + system CPU time (from /proc/self/stat, in clock ticks of 1/100 s).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |at: usize| fields.get(at).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
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
