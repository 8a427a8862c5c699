//! Pocket's export (2025): `part_000000.csv` files with `title,url,time_added,tags,status`
//! (tags joined by `|`, status `unread` or `archive`), and `annotations/part_*.json`: lists of
//! `{url, title, highlights: [{quote, created_at}]}`. Every entry is a reference.

use std::collections::HashMap;

use serde_json::Value;

use super::fields::text_date;
use super::{base_name, reference, Archive, Emit, Files, Outcome};
use crate::article::Quote;

pub fn read(files: &mut dyn Files, emit: &mut Emit) -> Outcome {
    let mut outcome = Outcome::default();
    let names = files.names().to_vec();
    let mut highlights: HashMap<String, Vec<Quote>> = HashMap::new();
    for name in names.iter().filter(|name| name.contains("annotations/") && name.ends_with(".json")) {
        let Some(Ok(Value::Array(items))) =
            files.read(name).map(|bytes| serde_json::from_slice::<Value>(&bytes))
        else {
            continue;
        };
        for item in items {
            let Some(url) = item.get("url").and_then(|url| url.as_str()) else { continue };
            let Some(Value::Array(marks)) = item.get("highlights") else { continue };
            let quotes = marks
                .iter()
                .filter_map(|mark| mark.get("quote")?.as_str())
                .map(|quote| Quote { text: quote.trim().to_string(), note: None });
            highlights.entry(url.trim().to_string()).or_default().extend(quotes);
        }
    }
    let mut parts: Vec<&String> =
        names.iter().filter(|name| Archive::Pocket.is_list(base_name(name))).collect();
    parts.sort();
    for part in parts {
        let Some(bytes) = files.read(part) else {
            outcome.skipped += 1;
            continue;
        };
        let text = crate::text::clean(&String::from_utf8_lossy(&bytes));
        let (read, going) = read_rows(part, &text, &highlights, emit);
        outcome.skipped += read.skipped;
        if !going {
            break;
        }
    }
    outcome
}

/// The references of one `part_*.csv`, with the highlights found for their URLs.
pub fn read_part(
    name: &str,
    text: &str,
    highlights: &HashMap<String, Vec<Quote>>,
    emit: &mut Emit,
) -> Outcome {
    read_rows(name, text, highlights, emit).0
}

/// [`read_part`], and whether reading may go on.
fn read_rows(
    part: &str,
    text: &str,
    highlights: &HashMap<String, Vec<Quote>>,
    emit: &mut Emit,
) -> (Outcome, bool) {
    let mut outcome = Outcome::default();
    for (row, record) in super::instapaper::records(text).into_iter().enumerate() {
        let field = |name: &str| record.get(name).map(String::as_str).unwrap_or("");
        let tags =
            field("tags").split('|').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
        let saved = text_date(field("time_added"));
        let member = format!("{part}#{}", row + 1);
        let Some(mut article) = reference(member, "pocket", field("title"), field("url"), tags, saved) else {
            outcome.skipped += 1;
            continue;
        };
        if let Some(shelf) = article.shelf.as_mut() {
            shelf.archived = field("status").trim().eq_ignore_ascii_case("archive");
            shelf.highlights = highlights.get(field("url").trim()).cloned().unwrap_or_default();
        }
        if !emit(article) {
            return (outcome, false);
        }
    }
    (outcome, true)
}
