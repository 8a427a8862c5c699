//! Markdown articles: YAML (`---`) or TOML (`+++`) front matter, then CommonMark. A section
//! headed "Related" / "Read more" / "Đọc thêm" holds the related links.

use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use super::{related, SkipReason};
use crate::article::{Article, Block, BlockKind, Format, Published, RelatedLink};

pub fn parse(path: &Path, text: &str) -> Result<Article, SkipReason> {
    let mut article = Article::new(path, Format::Markdown, String::new());
    let body = match split_front_matter(text) {
        Some((meta, body)) => {
            match meta {
                Ok(meta) => apply_front_matter(&meta, &mut article),
                Err(err) => article.warnings.push(format!("front matter ignored: {err}")),
            }
            body
        }
        None => text,
    };
    read_body(body, &mut article);
    let first_is_lead = article.body.first().is_some_and(|b| b.kind == BlockKind::Paragraph);
    match &article.lead {
        // Front matter often repeats the first paragraph as its description.
        Some(lead) if article.body.first().is_some_and(|b| &b.text == lead) => {
            article.body.remove(0);
        }
        None if first_is_lead => article.lead = Some(article.body.remove(0).text),
        _ => {}
    }
    Ok(article)
}

/// The front matter as a map, and the Markdown after it.
type FrontMatter = Result<Map<String, Value>, String>;

/// Front matter is a few lines of metadata; anything larger is not read as such.
const MAX_FRONT_MATTER_BYTES: usize = 64 * 1024;
/// Metadata needs a list or a table inside a table at most. YAML flow collections nested deeply
/// cost serde_yaml time that grows with the square of the depth before its own limit fires.
const MAX_FRONT_MATTER_DEPTH: usize = 16;

fn split_front_matter(text: &str) -> Option<(FrontMatter, &str)> {
    let text = text.trim_start_matches('\n');
    let fence =
        ["---", "+++"].into_iter().find(|fence| text.lines().next().map(str::trim_end) == Some(*fence))?;
    let rest = &text[fence.len()..].trim_start_matches([' ', '\r']).strip_prefix('\n')?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == fence || (fence == "---" && line.trim_end() == "...") {
            let meta = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let parsed = match bounded(meta) {
                Err(why) => Err(why),
                Ok(meta) if fence == "---" => parse_yaml(meta),
                Ok(meta) => parse_toml(meta),
            };
            return Some((parsed, body));
        }
        offset += line.len();
    }
    None
}

/// Refuses front matter too large or too deeply nested to be metadata, before any parser sees it.
fn bounded(meta: &str) -> Result<&str, String> {
    if meta.len() > MAX_FRONT_MATTER_BYTES {
        return Err(format!("larger than {} KB", MAX_FRONT_MATTER_BYTES / 1024));
    }
    if bracket_depth(meta) > MAX_FRONT_MATTER_DEPTH {
        return Err(format!("nested more than {MAX_FRONT_MATTER_DEPTH} deep"));
    }
    Ok(meta)
}

/// The deepest nesting of `[` and `{`, quotes or not: an upper bound for YAML flow collections
/// and TOML arrays and inline tables alike (a quote cannot hide brackets from it).
fn bracket_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for byte in text.bytes() {
        match byte {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

fn parse_yaml(meta: &str) -> FrontMatter {
    match serde_yaml_ng::from_str::<Value>(meta).map_err(|e| format!("YAML: {e}"))? {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err("YAML front matter is not a mapping".into()),
    }
}

fn parse_toml(meta: &str) -> FrontMatter {
    let table: toml::Table = meta.parse().map_err(|e: toml::de::Error| format!("TOML: {}", e.message()))?;
    match toml_to_json(toml::Value::Table(table)) {
        Value::Object(map) => Ok(map),
        _ => Err("TOML front matter is not a table".into()),
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// The first of `keys` present in the front matter, as text (lists joined with ", ").
fn field(meta: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| match meta.get(*key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(map) => map.get("name").and_then(Value::as_str).map(str::to_string),
        _ => None,
    })
}

fn list(meta: &Map<String, Value>, keys: &[&str]) -> Vec<String> {
    keys.iter()
        .find_map(|key| match meta.get(*key)? {
            Value::Array(items) => {
                Some(items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
            }
            Value::String(s) => Some(s.split(',').map(|t| t.trim().to_string()).collect()),
            _ => None,
        })
        .unwrap_or_default()
}

fn apply_front_matter(meta: &Map<String, Value>, article: &mut Article) {
    article.title = field(meta, &["title", "headline"]).unwrap_or_default();
    if let Some(date) = field(meta, &["date", "published", "publishDate", "published_at", "pubDate"]) {
        article.published =
            Published::parse_iso(&date).or_else(|| super::dates::find_date(&date).map(|f| f.published));
        if article.published.is_none() {
            article.warnings.push(format!("front matter date {date:?} not understood"));
        }
    }
    article.author = field(meta, &["author", "authors", "byline"]);
    article.tags = list(meta, &["tags", "keywords"]);
    article.category = list(meta, &["category", "categories", "section"]).into_iter().next();
    article.source = field(meta, &["source", "publisher", "site", "site_name"]);
    article.url = field(meta, &["url", "canonical", "canonical_url", "link", "permalink"]);
    article.lead = field(meta, &["lead", "description", "summary", "excerpt", "standfirst"]);
}

/// Where a piece of text belongs while the events stream past.
#[derive(Default)]
struct Reader {
    text: String,
    quote_depth: usize,
    list_depth: usize,
    /// Inside the related section: headed by a related header at this level.
    related_level: Option<HeadingLevel>,
    image_alt: Option<String>,
    in_image: bool,
    link_url: Option<String>,
    link_text: String,
    links: Vec<(String, String)>,
}

fn read_body(markdown: &str, article: &mut Article) {
    let mut reader = Reader::default();
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { .. }) => reader.text.clear(),
            Event::End(TagEnd::Heading(level)) => end_heading(&mut reader, level, article),
            Event::Start(Tag::BlockQuote(_)) => reader.quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => reader.quote_depth -= 1,
            Event::Start(Tag::List(_)) => reader.list_depth += 1,
            Event::End(TagEnd::List(_)) => reader.list_depth -= 1,
            Event::Start(Tag::Paragraph) | Event::Start(Tag::Item) => flush(&mut reader, article),
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => flush(&mut reader, article),
            Event::Start(Tag::Image { title, .. }) => {
                reader.in_image = true;
                reader.image_alt = Some(title.to_string());
            }
            Event::End(TagEnd::Image) => reader.in_image = false,
            Event::Start(Tag::Link { dest_url, .. }) => {
                reader.link_url = Some(dest_url.to_string());
                reader.link_text.clear();
            }
            Event::End(TagEnd::Link) => {
                if let Some(url) = reader.link_url.take() {
                    reader.links.push((std::mem::take(&mut reader.link_text), url));
                }
            }
            Event::Text(text) | Event::Code(text) => push_text(&mut reader, &text),
            Event::SoftBreak | Event::HardBreak => push_text(&mut reader, " "),
            _ => {}
        }
    }
    flush(&mut reader, article);
}

fn push_text(reader: &mut Reader, text: &str) {
    if reader.in_image {
        if let Some(alt) = reader.image_alt.as_mut().filter(|_| !text.is_empty()) {
            if !alt.is_empty() {
                alt.push(' ');
            }
            alt.push_str(text);
        }
        return;
    }
    if reader.link_url.is_some() {
        reader.link_text.push_str(text);
    }
    reader.text.push_str(text);
}

fn end_heading(reader: &mut Reader, level: HeadingLevel, article: &mut Article) {
    let text = std::mem::take(&mut reader.text).trim().to_string();
    reader.links.clear();
    if reader.related_level.is_some_and(|related| level <= related) {
        reader.related_level = None;
    }
    if related::is_header(&text) {
        reader.related_level = Some(level);
    } else if level == HeadingLevel::H1 && article.title.is_empty() {
        article.title = text;
    } else if reader.related_level.is_none() {
        article.body.push(Block::new(BlockKind::Heading, text));
    }
}

/// Ends the current paragraph or list item: a block, a caption, or a related link.
fn flush(reader: &mut Reader, article: &mut Article) {
    let text = std::mem::take(&mut reader.text).trim().to_string();
    let links = std::mem::take(&mut reader.links);
    let image = reader.image_alt.take();
    if reader.related_level.is_some() {
        if let Some((title, url)) = links.into_iter().next() {
            let mut link = RelatedLink::titled(title.trim());
            link.url = Some(url);
            let rest =
                text.strip_prefix(title.trim()).unwrap_or("").trim_start_matches([' ', '-', '–', '—', ':']);
            link.summary = Some(rest.trim().to_string()).filter(|s| !s.is_empty());
            article.related.push(link);
        } else if !text.is_empty() {
            article.related.push(RelatedLink::titled(text));
        }
        return;
    }
    if let Some(alt) = image {
        // An image paragraph: its own text is the caption, else the image's title or alt text.
        let caption = if text.is_empty() { alt } else { text };
        article.body.push(Block::new(BlockKind::Caption, caption));
        return;
    }
    if text.is_empty() {
        return;
    }
    let kind = if reader.list_depth > 0 {
        BlockKind::ListItem
    } else if reader.quote_depth > 0 {
        BlockKind::Quote
    } else {
        BlockKind::Paragraph
    };
    article.body.push(Block::new(kind, text));
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "---\ntitle: \"Chợ phiên\"\ndate: 2024-01-05T09:00:00+07:00\ntags: [chợ, Tết]\nauthor: Lê Na\n---\n\n\
Đoạn mở đầu.\n\n## Phần một\n\nNội dung.\n\n![Ảnh chợ](a.jpg)\n*Chợ đông người. Ảnh: Lê Na*\n\n> Một câu trích.\n\n- Mục một\n- Mục hai\n\n\
## Đọc thêm\n\n- [Bài một](https://a.example.vn/1) — tóm tắt ngắn\n- [Bài hai](https://a.example.vn/2)\n";

    #[test]
    fn front_matter_blocks_and_related_section() {
        let article = parse(Path::new("a.md"), SAMPLE).unwrap();
        assert_eq!(article.title, "Chợ phiên");
        assert_eq!(article.published.unwrap().to_iso(), "2024-01-05T09:00:00+07:00");
        assert_eq!(article.tags, ["chợ", "Tết"]);
        assert_eq!(article.lead.as_deref(), Some("Đoạn mở đầu."));
        let kinds: Vec<BlockKind> = article.body.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(kinds, [Heading, Paragraph, Caption, Quote, ListItem, ListItem]);
        assert_eq!(article.body[2].text, "Chợ đông người. Ảnh: Lê Na");
        assert_eq!(article.related.len(), 2);
        assert_eq!(article.related[0].url.as_deref(), Some("https://a.example.vn/1"));
        assert_eq!(article.related[0].summary.as_deref(), Some("tóm tắt ngắn"));
    }

    #[test]
    fn toml_front_matter_and_h1_title() {
        let text = "+++\ntitle = \"Bão số 3\"\ndate = 2023-09-07T18:00:00+07:00\ncategories = [\"Thời tiết\"]\n+++\n\nMở đầu.\n";
        let article = parse(Path::new("a.md"), text).unwrap();
        assert_eq!(article.title, "Bão số 3");
        assert_eq!(article.category.as_deref(), Some("Thời tiết"));
        assert_eq!(article.published.unwrap().to_iso(), "2023-09-07T18:00:00+07:00");
        let plain = parse(Path::new("b.md"), "# Tiêu đề\n\nMở đầu.\n\nThân bài.\n").unwrap();
        assert_eq!((plain.title.as_str(), plain.lead.as_deref()), ("Tiêu đề", Some("Mở đầu.")));
    }

    #[test]
    fn broken_front_matter_is_a_warning() {
        let article = parse(Path::new("a.md"), "---\ntitle: [unclosed\n---\n# T\n\nx\n").unwrap();
        assert_eq!(article.title, "T");
        assert!(article.warnings[0].starts_with("front matter ignored"));
    }

    #[test]
    fn front_matter_too_deep_or_too_large_is_not_parsed() {
        for fence in ["---", "+++"] {
            let deep = format!("{fence}\ntitle = {}{}\n{fence}\n# T\n\nx\n", "[".repeat(17), "]".repeat(17));
            let article = parse(Path::new("a.md"), &deep).unwrap();
            assert_eq!(article.title, "T");
            assert!(
                article.warnings.iter().any(|w| w.contains("nested more than 16")),
                "{:?}",
                article.warnings
            );
        }
        let fine = "---\ntags: [[a, b], {c: [d]}]\ntitle: Nested a little\n---\nx\n";
        assert_eq!(parse(Path::new("a.md"), fine).unwrap().title, "Nested a little");
        let large = format!("---\ntitle: Big\n{}---\nx\n", "k: v\n".repeat(20_000));
        let article = parse(Path::new("a.md"), &large).unwrap();
        assert!(article.warnings.iter().any(|w| w.contains("larger than 64 KB")), "{:?}", article.warnings);
    }
}
