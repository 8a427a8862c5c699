//! Small saved pages beside their answers (`NAME.html` and `NAME.json` in one folder).

use std::path::Path;

use newsdesk::article::Article;
use newsdesk::parse::read_article;
use serde_json::Value;

/// The page `NAME.html` of `dir` as newsdesk reads it, and its answer `NAME.json`.
pub fn page_and_answer(dir: &Path, name: &str) -> (Article, Value) {
    let article = read_article(&dir.join(format!("{name}.html"))).unwrap_or_else(|e| panic!("{name}: {e}"));
    let answer = std::fs::read_to_string(dir.join(format!("{name}.json"))).unwrap();
    (article, serde_json::from_str(&answer).unwrap_or_else(|e| panic!("{name}.json: {e}")))
}
