//! wallabag's JSON export: a list of entries, each with its page as HTML (`content`), `url`,
//! `title`, `tags`, `is_archived`, `is_starred`, `created_at` (saved), `published_at`,
//! `published_by` and `annotations` (highlights: `quote`, and the note as `text`).

use serde_json::Value;

use super::fields::{date, flag, tags, text};
use super::{with_text, Emit, Outcome};
use crate::article::{Quote, Shelf};
use crate::parse::ParseContext;

/// A JSON list whose first entry has wallabag's fields.
pub fn looks_like(head: &str) -> bool {
    head.trim_start().starts_with('[') && head.contains("\"is_archived\"") && head.contains("\"content\"")
}

pub fn read(name: &str, text_of_file: &str, context: ParseContext, emit: &mut Emit) -> Outcome {
    let mut outcome = Outcome::default();
    let Ok(Value::Array(entries)) = serde_json::from_str::<Value>(text_of_file) else {
        outcome.skipped += 1;
        return outcome;
    };
    for (position, entry) in entries.into_iter().enumerate() {
        let Value::Object(entry) = entry else { continue };
        let id = entry.get("id").map(|id| id.to_string().trim_matches('"').to_string());
        let member = format!("{name}#{}", id.unwrap_or_else(|| (position + 1).to_string()));
        if !outcome.offer(article(member, &entry, context), emit) {
            return outcome;
        }
    }
    outcome
}

fn article(
    member: String,
    entry: &serde_json::Map<String, Value>,
    context: ParseContext,
) -> Option<crate::article::Article> {
    let html = text(entry, "content")?;
    let mut article = with_text(member, &html, text(entry, "url"), context)?;
    if let Some(title) = text(entry, "title") {
        article.title = title;
    }
    let authors = tags(entry.get("published_by"));
    if !authors.is_empty() {
        article.author = Some(authors.join(", "));
    }
    let saved = entry.get("created_at").and_then(date);
    article.published = entry.get("published_at").and_then(date).or(article.published).or(saved);
    article.tags = tags(entry.get("tags"));
    let highlights = match entry.get("annotations") {
        Some(Value::Array(notes)) => notes
            .iter()
            .filter_map(|note| {
                let quote = note.get("quote")?.as_str()?.trim().to_string();
                let text = note.get("text").and_then(|t| t.as_str()).map(str::trim).filter(|t| !t.is_empty());
                (!quote.is_empty()).then(|| Quote { text: quote, note: text.map(String::from) })
            })
            .collect(),
        _ => Vec::new(),
    };
    article.shelf = Some(Shelf {
        service: "wallabag".into(),
        archived: flag(entry.get("is_archived")),
        starred: flag(entry.get("is_starred")),
        saved,
        highlights,
    });
    crate::parse::finish(&mut article, true).ok()?;
    Some(article)
}
