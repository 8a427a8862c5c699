//! newsdesk's own JSON schema: the object `show --json` prints, every field but `title` optional.
//! `body` may also be one string (paragraphs separated by blank lines) for simple scripts.

use std::path::Path;

use serde::Deserialize;

use super::SkipReason;
use crate::article::{Article, Block, Format, Published, RelatedLink};

#[derive(Deserialize)]
struct JsonArticle {
    title: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    lead: Option<String>,
    #[serde(default)]
    body: Option<JsonBody>,
    #[serde(default)]
    related: Vec<JsonRelated>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum JsonBody {
    Text(String),
    Blocks(Vec<Block>),
}

#[derive(Deserialize)]
struct JsonRelated {
    title: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    summary: Option<String>,
}

pub fn parse(path: &Path, text: &str) -> Result<Article, SkipReason> {
    let json: JsonArticle = serde_json::from_str(text).map_err(|err| {
        SkipReason::Invalid(format!("not a newsdesk JSON article ({err}); see README, \"JSON articles\""))
    })?;
    let mut article = Article::new(path, Format::Json, json.title);
    article.published = parse_date(json.published.as_deref(), "published", &mut article.warnings);
    article.category = json.category;
    article.tags = json.tags;
    article.author = json.author;
    article.source = json.source;
    article.url = json.url;
    article.lead = json.lead;
    article.body = match json.body {
        Some(JsonBody::Blocks(blocks)) => blocks,
        Some(JsonBody::Text(text)) => {
            super::plain::paragraphs(&text).into_iter().map(Block::paragraph).collect()
        }
        None => Vec::new(),
    };
    for link in json.related {
        let published = parse_date(link.published.as_deref(), "related published", &mut article.warnings);
        article.related.push(RelatedLink {
            title: link.title,
            url: link.url,
            category: link.category,
            published,
            summary: link.summary,
        });
    }
    Ok(article)
}

fn parse_date(text: Option<&str>, field: &str, warnings: &mut Vec<String>) -> Option<Published> {
    let text = text?.trim();
    if text.is_empty() {
        return None;
    }
    let parsed = Published::parse_iso(text);
    if parsed.is_none() {
        warnings.push(format!("{field}: {text:?} is not an ISO 8601 date; ignored"));
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    #[test]
    fn reads_the_documented_schema() {
        let text = r#"{"title": "Tin thử", "published": "2024-03-02T08:15:00+07:00", "tags": ["a"],
            "body": [{"kind": "heading", "text": "Phần một"}, {"kind": "paragraph", "text": "Nội dung."}],
            "related": [{"title": "Bài khác", "url": "https://x.example.vn/b", "published": "2024-02-01"}]}"#;
        let article = parse(Path::new("a.json"), text).unwrap();
        assert_eq!(article.published.unwrap().to_iso(), "2024-03-02T08:15:00+07:00");
        assert_eq!(article.body[0].kind, BlockKind::Heading);
        assert_eq!(article.related[0].published.unwrap().to_iso(), "2024-02-01");
    }

    #[test]
    fn body_may_be_one_string_and_bad_dates_warn() {
        let article =
            parse(Path::new("a.json"), r#"{"title": "T", "published": "hôm qua", "body": "Một.\n\nHai."}"#)
                .unwrap();
        assert_eq!(article.body.len(), 2);
        assert!(article.published.is_none());
        assert_eq!(article.warnings.len(), 1);
    }

    #[test]
    fn missing_title_is_a_clear_error() {
        let err = parse(Path::new("a.json"), r#"{"body": "x"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `title`"), "{err}");
    }
}
