//! The article body on small pages of the project's own (`tests/fixtures/html_gold/body`), one
//! a way real pages mislead the extraction: each `NAME.html` has a `NAME.json` with the `body`
//! a reader should get (lead and blocks, word F1 ≥ 0.95), snippets it must not hold
//! (`without`), the fewest blocks it must come in (`min_blocks`, where the page's structure is at
//! stake) and the `class` of page it stands for.

use std::path::PathBuf;

use serde_json::Value;

use crate::html_extraction::f1;
use crate::support::html_pages::page_and_answer;
use crate::support::library::sorted;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html_gold/body")
}

#[test]
fn body_pages_give_their_article_and_not_their_furniture() {
    // Each answer names a page.
    let names = sorted(
        std::fs::read_dir(dir())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
            .collect(),
    );
    assert!(!names.is_empty());
    let mut wrong = Vec::new();
    for name in &names {
        let (article, want) = page_and_answer(&dir(), name);
        let shown = format!("{}\n\n{}", article.lead.clone().unwrap_or_default(), article.body_text());
        let score = f1(&shown, want["body"].as_str().unwrap());
        if score < 0.95 {
            wrong.push(format!("{name} ({}): F1 {score:.3}\n{shown}", want["class"]));
        }
        // The paragraphs, not the article's text in one lump.
        if let Some(min) = want["min_blocks"].as_u64() {
            if (article.body.len() as u64) < min {
                wrong.push(format!(
                    "{name} ({}): {} blocks, want {min} or more",
                    want["class"],
                    article.body.len()
                ));
            }
        }
        for snippet in want["without"].as_array().unwrap().iter().filter_map(Value::as_str) {
            if shown.contains(snippet) {
                wrong.push(format!("{name} ({}): keeps {snippet:?}", want["class"]));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
