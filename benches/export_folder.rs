//! An Omnivore export as large as people have them, to time reading it:
//! `cargo bench --bench export_folder -- CORPUS_DIR [--items N] [--dir DIR]`. Writes two
//! libraries under DIR (default /tmp/newsdesk-export-bench): `folder/` holding the export
//! unpacked (`omnivore/metadata_*.json` of 50 items each, `content/<slug>.html` per item,
//! `highlights/<slug>.md` for every fifth) and `zip/` holding the same files as one
//! `omnivore.zip`, an item per `.txt` article of the corpus (the first line its title, the rest
//! its paragraphs), going round the corpus when N is larger. Timing is left to a whole-process
//! timer run on `newsdesk index` of each (see BENCHMARKS.md).

use std::fs;
use std::io::Write;
use std::path::PathBuf;

use serde_json::json;

mod support;
use support::corpus_articles;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| arg != "--bench").collect();
    let corpus =
        PathBuf::from(args.first().expect("usage: export_folder CORPUS_DIR [--items N] [--dir DIR]"));
    let value = |flag: &str| args.iter().position(|arg| arg == flag).and_then(|at| args.get(at + 1)).cloned();
    let items: usize = value("--items").and_then(|n| n.parse().ok()).unwrap_or(5000);
    let base = PathBuf::from(value("--dir").unwrap_or_else(|| "/tmp/newsdesk-export-bench".into()));
    let mut articles = corpus_articles(&corpus);
    articles.truncate(items);
    assert!(!articles.is_empty(), "no .txt article in {}", corpus.display());
    let files = export_files(&articles, items);
    let folder = base.join("folder/omnivore");
    let _ = fs::remove_dir_all(&base);
    let mut bytes = 0;
    for (name, content) in &files {
        let path = folder.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        bytes += content.len();
    }
    fs::create_dir_all(base.join("zip")).unwrap();
    let zip = fs::File::create(base.join("zip/omnivore.zip")).unwrap();
    let mut writer = zip::ZipWriter::new(zip);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in &files {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(content).unwrap();
    }
    writer.finish().unwrap();
    let zipped = fs::metadata(base.join("zip/omnivore.zip")).unwrap().len();
    println!(
        "{items} items, {} files, {:.1} MB unpacked in {}, {:.1} MB zipped in {}",
        files.len(),
        bytes as f64 / 1e6,
        base.join("folder").display(),
        zipped as f64 / 1e6,
        base.join("zip").display()
    );
}

/// The export's files (name, bytes): lists of 50 items, a page per item, some highlights.
fn export_files(articles: &[(String, Vec<String>)], items: usize) -> Vec<(String, Vec<u8>)> {
    let escape = |text: &str| text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let labels = ["thời sự", "kinh tế", "đọc sau", "giao thông", "giáo dục"];
    let mut files = Vec::new();
    let mut list = Vec::new();
    for number in 0..items {
        let (title, paragraphs) = &articles[number % articles.len()];
        let slug = format!("item-{number:05}");
        let day = 1 + number % 28;
        list.push(json!({
            "id": format!("bench-{number}"),
            "slug": slug,
            "title": title,
            "author": "Bench",
            "url": format!("https://tin.example.vn/bench/{number}"),
            "state": if number % 3 == 0 { "Archived" } else { "Succeeded" },
            "labels": [labels[number % labels.len()], labels[(number / 5) % labels.len()]],
            "savedAt": format!("2024-10-{day:02}T08:00:00.000Z"),
            "publishedAt": format!("2024-09-{day:02}T06:00:00.000Z"),
        }));
        let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
        let page = format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{0}</title></head><body><article><h1>{0}</h1>{body}</article></body></html>",
            escape(title)
        );
        files.push((format!("content/{slug}.html"), page.into_bytes()));
        if let Some(first) = paragraphs.first().filter(|_| number % 5 == 0) {
            let quote: String = first.chars().take(80).collect();
            files.push((format!("highlights/{slug}.md"), format!("# {title}\n\n> {quote}\n").into_bytes()));
        }
        if list.len() == 50 || number + 1 == items {
            let (from, to) = (number + 1 - list.len(), number);
            let text = serde_json::to_vec_pretty(&std::mem::take(&mut list)).unwrap();
            files.push((format!("metadata_{from}_to_{to}.json"), text));
        }
    }
    files
}
