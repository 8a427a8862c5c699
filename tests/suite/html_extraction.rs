//! Article-body extraction quality on the sample HTML pages: word-level F1 against hand-written
//! gold bodies in `tests/fixtures/html_gold/` (the measure public extraction benchmarks use).

use std::collections::HashMap;
use std::path::PathBuf;

use newsdesk::parse::read_article;

fn words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *counts.entry(word.to_lowercase()).or_insert(0) += 1;
    }
    counts
}

/// Word-bag F1 of `extracted` against `gold`.
fn f1(extracted: &str, gold: &str) -> f64 {
    let (got, want) = (words(extracted), words(gold));
    let common: usize = got.iter().map(|(w, n)| (*n).min(*want.get(w).unwrap_or(&0))).sum();
    let (got_total, want_total): (usize, usize) = (got.values().sum(), want.values().sum());
    if common == 0 {
        return 0.0;
    }
    let precision = common as f64 / got_total as f64;
    let recall = common as f64 / want_total as f64;
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn html_body_extraction_reaches_f1_095() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gold_dir = root.join("tests/fixtures/html_gold");
    let mut scores = Vec::new();
    for entry in std::fs::read_dir(&gold_dir).unwrap() {
        let gold_path = entry.unwrap().path();
        let name = gold_path.file_stem().unwrap().to_string_lossy().to_string();
        let article = read_article(&root.join("sample-articles/html").join(format!("{name}.html"))).unwrap();
        let extracted = format!("{}\n{}", article.lead.clone().unwrap_or_default(), article.body_text());
        let gold = std::fs::read_to_string(&gold_path).unwrap();
        scores.push((name, f1(&extracted, &gold)));
    }
    assert!(scores.len() >= 4);
    for (name, score) in &scores {
        eprintln!("{name}: F1 {score:.3}");
    }
    let mean = scores.iter().map(|(_, s)| s).sum::<f64>() / scores.len() as f64;
    eprintln!("mean F1 {mean:.3}");
    assert!(scores.iter().all(|(_, s)| *s >= 0.95), "{scores:?}");
}

#[test]
fn f1_measures_what_it_should() {
    assert_eq!(f1("a b c", "a b c"), 1.0);
    assert!(f1("a b c nav nav nav", "a b c") < 0.7);
    assert_eq!(f1("x", "a"), 0.0);
}
