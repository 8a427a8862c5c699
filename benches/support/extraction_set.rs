//! The extraction set (WCXB dev articles: `html/NNNN.html.gz` beside `ground-truth/NNNN.json`):
//! its pages split into tuning and held-out parts, read, and scored by word F1.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use newsdesk::article::Article;

use regex::Regex;
use serde_json::Value;

/// A bench's arguments over the set: `DIR [--heldout] [--per-page] [--dump OUT]`, and any other
/// option `extra` takes (it is given the option and the arguments after it; false: unknown).
pub struct SetOptions {
    pub dir: PathBuf,
    pub heldout: bool,
    pub per_page: bool,
    /// Where to write what each tuning page gave, for a person to read against its answer.
    pub dump: Option<PathBuf>,
}

pub fn set_options(
    usage: &str,
    mut extra: impl FnMut(&str, &mut dyn Iterator<Item = String>) -> bool,
) -> SetOptions {
    let (mut dir, mut heldout, mut per_page, mut dump) = (None, false, false, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--heldout" => heldout = true,
            "--per-page" => per_page = true,
            "--dump" => dump = args.next().map(PathBuf::from),
            "--bench" => {}
            other if !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other if extra(other, &mut args) => {}
            other => {
                eprintln!("unknown option {other}");
                std::process::exit(2)
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!("usage: {usage}");
        std::process::exit(2)
    };
    if heldout && (per_page || dump.is_some()) {
        eprintln!(
            "--per-page and --dump are for the tuning pages only: the held-out pages are scored as a whole"
        );
        std::process::exit(2)
    }
    SetOptions { dir, heldout, per_page, dump }
}

/// The text a reader sees: the lead, then the body.
pub fn shown_text(article: &Article) -> String {
    let mut text = article.lead.clone().unwrap_or_default();
    text.push_str("\n\n");
    text.push_str(&article.body_text());
    text
}

/// The page numbers of the tuning part (the first three quarters) or the held-out part.
pub fn pages(dir: &Path, heldout: bool) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(dir.join("html"))
        .expect("DIR/html")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().to_string_lossy().to_string();
            name.strip_suffix(".html.gz").map(str::to_string)
        })
        .collect();
    ids.sort_by_key(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    let cut = ids.len() - ids.len() / 4;
    if heldout {
        ids.split_off(cut)
    } else {
        ids.truncate(cut);
        ids
    }
}

pub fn gunzip(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).expect("page");
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file).read_to_end(&mut bytes).expect("gzip");
    bytes
}

/// Page `id`'s HTML.
pub fn page(dir: &Path, id: &str) -> Vec<u8> {
    gunzip(&dir.join("html").join(format!("{id}.html.gz")))
}

/// Page `id`'s answer (the `ground_truth` object).
pub fn answer(dir: &Path, id: &str) -> Value {
    let path = dir.join("ground-truth").join(format!("{id}.json"));
    let answer: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("answer")).expect("answer JSON");
    answer["ground_truth"].clone()
}

/// Word counts of `text`: `\w+`, lower-cased.
pub fn words(pattern: &Regex, text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in pattern.find_iter(text) {
        *counts.entry(word.as_str().to_lowercase()).or_insert(0) += 1;
    }
    counts
}

#[derive(Default, Clone, Copy)]
pub struct Score {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
}

/// Word F1 of `extracted` against `answer` (multisets of `pattern`'s words).
pub fn score(pattern: &Regex, extracted: &str, answer: &str) -> Score {
    let (got, want) = (words(pattern, extracted), words(pattern, answer));
    let shared: usize = got.iter().map(|(w, n)| (*n).min(*want.get(w).unwrap_or(&0))).sum();
    let got_total: usize = got.values().sum();
    let want_total: usize = want.values().sum();
    if got_total == 0 && want_total == 0 {
        return Score { f1: 1.0, precision: 1.0, recall: 1.0 };
    }
    let precision = if got_total == 0 { 0.0 } else { shared as f64 / got_total as f64 };
    let recall = if want_total == 0 { 0.0 } else { shared as f64 / want_total as f64 };
    let f1 = if shared == 0 { 0.0 } else { 2.0 * precision * recall / (precision + recall) };
    Score { f1, precision, recall }
}

pub fn mean(scores: &[Score], pick: fn(&Score) -> f64) -> f64 {
    scores.iter().map(pick).sum::<f64>() / scores.len().max(1) as f64
}
