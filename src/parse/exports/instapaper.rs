//! Instapaper's CSV export: `URL,Title,Selection,Folder,Timestamp` (and `Tags` in later ones).
//! The folder `Archive` means archived, `Starred` starred; another folder is kept as the
//! entry's category. `Selection` is a highlighted passage. Every entry is a reference.

use std::collections::HashMap;

use super::fields::text_date;
use super::{reference, Emit, Outcome};
use crate::article::Quote;

/// A CSV whose header starts as Instapaper's does.
pub fn looks_like(head: &str) -> bool {
    let first = head.lines().next().unwrap_or("").to_lowercase();
    first.starts_with("url,title,selection,folder")
}

/// The rows of a CSV with a header, each as header (lower-cased) → field. A row that cannot
/// be read ends the file (what came before stays).
pub fn records(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let Ok(header) = reader.headers().cloned() else { return Vec::new() };
    let names: Vec<String> = header.iter().map(|name| name.trim().to_lowercase()).collect();
    reader
        .records()
        .map_while(Result::ok)
        .map(|record| names.iter().cloned().zip(record.iter().map(String::from)).collect())
        .collect()
}

pub fn read(name: &str, text: &str, emit: &mut Emit) -> Outcome {
    let mut outcome = Outcome::default();
    for (row, record) in records(text).into_iter().enumerate() {
        let field = |key: &str| record.get(key).map(String::as_str).unwrap_or("").trim();
        let folder = field("folder");
        let member = format!("{name}#{}", row + 1);
        let Some(mut article) = reference(
            member,
            "instapaper",
            field("title"),
            field("url"),
            tags(field("tags")),
            text_date(field("timestamp")),
        ) else {
            outcome.skipped += 1;
            continue;
        };
        if !matches!(folder.to_lowercase().as_str(), "" | "unread" | "archive" | "starred") {
            article.category = Some(folder.to_string());
        }
        if let Some(shelf) = article.shelf.as_mut() {
            shelf.archived = folder.eq_ignore_ascii_case("archive");
            shelf.starred = folder.eq_ignore_ascii_case("starred");
            let selection = field("selection");
            if !selection.is_empty() {
                shelf.highlights.push(Quote { text: selection.to_string(), note: None });
            }
        }
        if !emit(article) {
            break;
        }
    }
    outcome
}

/// Tags as Instapaper writes them: a JSON list (`["a","b"]`), or words joined by commas.
fn tags(field: &str) -> Vec<String> {
    let listed = field.starts_with('[').then(|| serde_json::from_str::<Vec<String>>(field).ok()).flatten();
    listed
        .unwrap_or_else(|| field.split(',').map(String::from).collect())
        .into_iter()
        .map(|tag| tag.trim().to_string())
        .filter(|tag| !tag.is_empty())
        .collect()
}
