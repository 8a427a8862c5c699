//! What the benches share: CPU clocks (the calling thread's, the process's), percentiles, and a corpus's
//! articles.
#![allow(dead_code)]

pub mod extraction_set;
pub mod field_match;
pub mod inner_text;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// CPU time of the calling thread: on a shared machine, wall time is mostly noise.
pub fn thread_cpu() -> Duration {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time used so far by every thread of this process (user + system): what a piece of work
/// cost whichever threads did it (an index build's, tantivy's own).
pub fn process_cpu() -> Duration {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

fn cpu_clock(clock: libc::clockid_t) -> Duration {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(clock, &mut now) };
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// The `pct` percentile of `samples` (nearest rank).
pub fn percentile(samples: &[Duration], pct: f64) -> Duration {
    let mut sorted = samples.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((pct / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[at]
}

/// (title, paragraphs) of every `.txt` article in the corpus, in name order.
pub fn corpus_articles(dir: &Path) -> Vec<(String, Vec<String>)> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .expect("corpus folder")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| {
            let text = fs::read_to_string(path).ok()?;
            let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
            let title = lines.next()?.to_string();
            Some((title, lines.map(str::to_string).collect()))
        })
        .collect()
}
