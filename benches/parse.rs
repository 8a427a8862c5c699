//! Parse time per page: `cargo bench --bench parse -- DIR [--rounds N]`. Reads every file of
//! DIR (recursively) into memory, then parses each one N times (default 3) on one thread and
//! reports the thread CPU time per page (the best of the rounds, so a busy machine's pauses
//! count less): p50, p95, p99, the slowest, and the total, for all files and per format.
//! Without a folder it parses the sample library.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod support;
use support::{percentile, thread_cpu};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| arg != "--bench").collect();
    let rounds = args
        .iter()
        .position(|arg| arg == "--rounds")
        .and_then(|at| args.get(at + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(3usize);
    let dir = args
        .iter()
        .enumerate()
        .find(|(at, arg)| !arg.starts_with("--") && (*at == 0 || args[at - 1] != "--rounds"))
        .map(|(_, arg)| PathBuf::from(arg))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-articles"));
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let pages: Vec<(PathBuf, Vec<u8>)> =
        files.into_iter().filter_map(|path| Some((path.clone(), std::fs::read(&path).ok()?))).collect();
    let megabytes = pages.iter().map(|(_, bytes)| bytes.len()).sum::<usize>() as f64 / 1_048_576.0;
    let mut best = vec![Duration::MAX; pages.len()];
    let mut formats = vec!["skipped"; pages.len()];
    for _ in 0..rounds {
        for (at, (path, bytes)) in pages.iter().enumerate() {
            let started = thread_cpu();
            let parsed = newsdesk::parse::parse(path, bytes);
            best[at] = best[at].min(thread_cpu().saturating_sub(started));
            formats[at] = parsed.map_or("skipped", |article| article.format.as_str());
        }
    }
    println!(
        "{} files, {megabytes:.1} MB, {rounds} rounds, best round per file, thread CPU time",
        pages.len()
    );
    println!("| files | count | p50 | p95 | p99 | slowest | total |");
    println!("|---|---|---|---|---|---|---|");
    row("all", &best);
    let mut by_format: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    for (format, time) in formats.iter().zip(&best) {
        by_format.entry(format).or_default().push(*time);
    }
    for (format, times) in &by_format {
        row(format, times);
    }
}

fn row(label: &str, times: &[Duration]) {
    if times.is_empty() {
        return;
    }
    let total: Duration = times.iter().sum();
    let micros = |d: Duration| format!("{:.0} µs", d.as_secs_f64() * 1e6);
    println!(
        "| {label} | {} | {} | {} | {} | {} | {:.2} s |",
        times.len(),
        micros(percentile(times, 50.0)),
        micros(percentile(times, 95.0)),
        micros(percentile(times, 99.0)),
        micros(percentile(times, 100.0)),
        total.as_secs_f64()
    );
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => collect(&path, out),
            Ok(kind) if kind.is_file() => out.push(path),
            _ => {}
        }
    }
}
