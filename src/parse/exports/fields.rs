//! Reading the fields exports share: dates as ISO text or Unix seconds, tags as lists, and the
//! highlights files (Markdown block quotes).

use chrono::DateTime;

use crate::article::{Published, Quote};

/// A date as an export writes it: ISO 8601 / RFC 3339, or Unix seconds (or milliseconds).
pub fn date(value: &serde_json::Value) -> Option<Published> {
    match value {
        serde_json::Value::String(text) => text_date(text),
        serde_json::Value::Number(number) => number.as_i64().and_then(unix),
        _ => None,
    }
}

/// [`date`] of text: ISO, or digits that are Unix seconds.
pub fn text_date(text: &str) -> Option<Published> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok().and_then(unix);
    }
    Published::parse_iso(text)
}

/// Unix seconds (a number past the year 5000 in seconds is taken as milliseconds), in UTC.
fn unix(mut seconds: i64) -> Option<Published> {
    if seconds > 100_000_000_000 {
        seconds /= 1000;
    }
    let at = DateTime::from_timestamp(seconds, 0)?;
    let zone = chrono::FixedOffset::east_opt(0)?;
    Some(Published { date: at.date_naive(), time: Some(at.time()), offset: Some(zone) })
}

/// Tags as a JSON list of strings, or of objects with a `name` (Omnivore's labels) or a `label`.
pub fn tags(value: Option<&serde_json::Value>) -> Vec<String> {
    let Some(serde_json::Value::Array(items)) = value else { return Vec::new() };
    items
        .iter()
        .filter_map(|item| match item {
            serde_json::Value::String(text) => Some(text.clone()),
            serde_json::Value::Object(fields) => {
                fields.get("name").or_else(|| fields.get("label")).and_then(|v| v.as_str()).map(String::from)
            }
            _ => None,
        })
        .filter(|tag| !tag.trim().is_empty())
        .collect()
}

/// A flag written as `true`, `1` or `"1"`.
pub fn flag(value: Option<&serde_json::Value>) -> bool {
    match value {
        Some(serde_json::Value::Bool(set)) => *set,
        Some(serde_json::Value::Number(number)) => number.as_i64().is_some_and(|n| n != 0),
        Some(serde_json::Value::String(text)) => matches!(text.trim(), "1" | "true"),
        _ => false,
    }
}

/// A text field, trimmed; `None` when missing or empty.
pub fn text(fields: &serde_json::Map<String, serde_json::Value>, name: &str) -> Option<String> {
    fields.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
}

/// The highlights of a Markdown file: each block quote (`> …` lines) is a highlight, and the
/// lines after it, up to the next quote, its note. A quote's trailing link back to the service
/// (`[⤴️](https://…)`) is dropped.
pub fn markdown_quotes(text: &str) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut in_quote = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(quoted) = trimmed.strip_prefix('>') {
            let quoted = without_link_back(quoted.trim());
            match quotes.last_mut() {
                Some(last) if in_quote => {
                    last.text.push(' ');
                    last.text.push_str(quoted);
                }
                _ => quotes.push(Quote { text: quoted.to_string(), note: None }),
            }
            in_quote = true;
            continue;
        }
        in_quote = false;
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(last) = quotes.last_mut() {
            let note = last.note.get_or_insert_with(String::new);
            if !note.is_empty() {
                note.push(' ');
            }
            note.push_str(trimmed);
        }
    }
    quotes.retain(|quote| !quote.text.trim().is_empty());
    quotes
}

/// `text [label](url)` without the link at its end.
fn without_link_back(text: &str) -> &str {
    match text.rfind(" [") {
        Some(at) if text.ends_with(')') && text[at..].contains("](") => text[..at].trim_end(),
        _ => text,
    }
}
