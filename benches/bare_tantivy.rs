//! The anchor of the index budget, measured on the machine at hand: a bare tantivy indexer as
//! DESIGN.md describes it (NFC text, one accent-folded text field plus the title, a 200 MB
//! writer, one commit), no parsing, no stored documents, no manifest.
//! `cargo bench --bench bare_tantivy -- CORPUS_DIR`: compare with `cargo bench --bench index`
//! run in the same minutes (the host's speed drifts).

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy::{doc, Index};
use unicode_normalization::UnicodeNormalization;

fn main() {
    let Some(corpus) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench bare_tantivy -- CORPUS_DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    collect(&corpus, &mut files);
    files.sort();

    let folded = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("folded")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut builder = Schema::builder();
    let title = builder.add_text_field("title", folded.clone());
    let body = builder.add_text_field("body", folded);
    let dir = tempfile::tempdir().expect("temp dir");
    let index = Index::create_in_dir(dir.path(), builder.build()).expect("index");
    let analyzer =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(LowerCaser).filter(AsciiFoldingFilter);
    index.tokenizers().register("folded", analyzer.build());

    let started = Instant::now();
    let mut bytes = 0u64;
    let mut writer = index.writer(200_000_000).expect("writer");
    for path in &files {
        let Ok(raw) = std::fs::read(path) else { continue };
        bytes += raw.len() as u64;
        let text: String = String::from_utf8_lossy(&raw).nfc().collect();
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        writer.add_document(doc!(title => first, body => rest)).expect("add");
    }
    writer.commit().expect("commit");
    writer.wait_merging_threads().expect("merge");
    let took = started.elapsed().as_secs_f64();
    println!(
        "bare tantivy: {} files, {:.1} MB in {took:.2} s wall ({:.1} MB/s), peak RSS {}",
        files.len(),
        bytes as f64 / 1_048_576.0,
        bytes as f64 / 1_048_576.0 / took,
        peak_rss()
    );
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|ext| ext == "txt") {
            files.push(path);
        }
    }
}

fn peak_rss() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM"))
        .map_or("?".into(), |line| line.replace("VmHWM:", "").trim().into())
}
