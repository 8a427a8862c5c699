//! The page's JSON-LD: the fields of the object that describes the article (`NewsArticle`,
//! `BlogPosting`, `LiveBlogPosting`, `Report`…), found in a list or a `@graph`.

use std::collections::HashMap;

use dom_query::Document;
use serde_json::Value;

/// Objects of the graph remembered by `@id` (a page's graph has tens).
const MAX_OBJECTS: usize = 256;

/// What newsdesk takes from JSON-LD.
#[derive(Debug, Default)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    /// Every author is typed `Organization` (the site, not a writer).
    pub authors_are_organisations: bool,
    pub date_published: Option<String>,
    pub date_modified: Option<String>,
    pub section: Option<String>,
    pub keywords: Vec<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
}

/// The first article object of the page's JSON-LD scripts (and the site's name, which may sit
/// in another object of the graph).
pub fn read(document: &Document) -> LinkedData {
    let mut found = LinkedData::default();
    let (mut website, mut author_value) = (None, None);
    // Objects by `@id`: an article's author is often a reference to a `Person` of the graph.
    let mut by_id: HashMap<String, Value> = HashMap::new();
    for script in document.select("script[type=\"application/ld+json\"]").iter() {
        let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) else { continue };
        for item in objects(value) {
            let kind = types(&item);
            if let Some(id) = item.get("@id").and_then(Value::as_str) {
                if item.get("name").is_some() && by_id.len() < MAX_OBJECTS {
                    by_id.insert(id.to_string(), item.clone());
                }
            }
            if website.is_none() && kind.iter().any(|t| t == "WebSite" || t == "Organization") {
                website = text(item.get("name"));
            }
            if found.headline.is_none() && kind.iter().any(|t| is_article_type(t)) {
                fill(&mut found, &item);
                author_value = item.get("author").cloned();
            }
        }
    }
    let authors = resolve(author_value, &by_id);
    found.authors_are_organisations =
        !authors.is_empty() && authors.iter().all(|a| types(a).iter().any(|t| t == "Organization"));
    found.authors = authors.iter().filter_map(|a| text(Some(a))).collect();
    if found.publisher.is_none() {
        found.publisher = website;
    }
    found
}

fn is_article_type(kind: &str) -> bool {
    kind.ends_with("Article") || kind.ends_with("Posting") || kind == "Report" || kind == "Review"
}

fn fill(found: &mut LinkedData, item: &Value) {
    found.headline = text(item.get("headline")).or_else(|| text(item.get("name")));
    found.date_published = text(item.get("datePublished"));
    found.date_modified = text(item.get("dateModified"));
    found.section = match item.get("articleSection") {
        Some(Value::Array(items)) => items.iter().find_map(|v| text(Some(v))),
        other => text(other),
    };
    found.keywords = match item.get("keywords") {
        Some(Value::Array(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        Some(Value::String(list)) => {
            list.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect()
        }
        _ => Vec::new(),
    };
    found.publisher = item.get("publisher").and_then(|p| text(p.get("name")).or_else(|| text(Some(p))));
    found.url = text(item.get("url"))
        .or_else(|| item.get("mainEntityOfPage").and_then(|m| text(m.get("@id")).or_else(|| text(Some(m)))))
        .filter(|u| u.contains("://"));
}

/// A value that is one object, a list of them, or a `@graph`: the objects, flattened.
fn objects(value: Value) -> Vec<Value> {
    match value {
        Value::Array(items) => items.into_iter().flat_map(objects).collect(),
        Value::Object(mut map) => match map.remove("@graph") {
            Some(graph) => objects(graph),
            None => vec![Value::Object(map)],
        },
        _ => Vec::new(),
    }
}

fn types(item: &Value) -> Vec<String> {
    match item.get("@type") {
        Some(Value::String(kind)) => vec![kind.clone()],
        Some(Value::Array(kinds)) => kinds.iter().filter_map(|k| k.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// A string, or the `name` of an object; never an empty one.
fn text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        Value::String(s) => s.clone(),
        Value::Object(map) => return text(map.get("name")),
        _ => return None,
    };
    let text = crate::text::collapse_spaces(&text);
    (!text.is_empty()).then_some(text)
}

/// Authors: a name, a person, a reference to one by `@id`, or a list of these.
fn resolve(value: Option<Value>, by_id: &HashMap<String, Value>) -> Vec<Value> {
    let items = match value {
        Some(Value::Array(items)) => items,
        Some(other) => vec![other],
        None => Vec::new(),
    };
    items
        .into_iter()
        .map(|item| {
            let reference =
                item.get("name").is_none().then(|| item.get("@id").and_then(Value::as_str)).flatten();
            reference.and_then(|id| by_id.get(id).cloned()).unwrap_or(item)
        })
        .collect()
}
