//! Saved HTML pages: the article body by reader-mode extraction (dom_smoothie, a port of
//! Mozilla's Readability), metadata from `<title>`, OpenGraph/`article:` meta, JSON-LD and
//! bylines, related links from related/read-more blocks.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use dom_query::{Document, NodeId, Selection};
use dom_smoothie::{Config, Readability};
use serde_json::Value;

use super::{related, SkipReason};
use crate::article::{Article, Block, BlockKind, Format, Published, RelatedLink};
use crate::text::collapse_spaces;

/// Readability stops scoring past this many elements: bounds the work on hostile pages.
const MAX_ELEMENTS: usize = 50_000;
/// Deeper pages are not news articles; Readability's cost grows with depth times size.
const MAX_DEPTH: usize = 256;
const MAX_TEXT_BYTES: usize = 256 * 1024;

/// Blocks of the extracted body, and the furniture Readability may leave in it.
const BLOCK_SELECTOR: &str = "p, h2, h3, h4, h5, h6, figcaption, blockquote, li, pre";
const LEAD_SELECTOR: &str =
    ".standfirst, .lead, .sapo, .article-lead, .article__lead, .description, .summary, \
    .intro, .excerpt, [itemprop=description]";
const RELATED_SELECTOR: &str = ".related, .read-more, .readmore, .more-stories, .see-also, .tin-lien-quan, \
    [class*=related], [class*=read-more], [id*=related], [class*=lien-quan]";
const FURNITURE_SELECTOR: &str = "nav, aside, form, button, script, style, time, .comments, .share, \
    [class*=share], .ad-slot, [class*=advert], .kicker, .byline, .breadcrumb, .dateline, .tags";
const AUTHOR_SELECTOR: &str = "[rel=author], .author, .byline__name, [itemprop=author], .author-name";

pub fn parse(path: &Path, html: &str) -> Result<Article, SkipReason> {
    let html = &super::nesting::cap_nesting(html);
    let document = Document::from(html.as_ref());
    let mut article = Article::new(path, Format::Html, String::new());
    let json_ld = json_ld(&document);
    read_metadata(&document, json_ld.as_ref(), &mut article);
    article.related = related_links(&document, article.url.as_deref());
    read_body(html, &document, &mut article);
    Ok(article)
}

fn meta(document: &Document, name: &str) -> Option<String> {
    let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"], meta[itemprop=\"{name}\"]");
    document
        .select(&selector)
        .iter()
        .find_map(|m| m.attr("content").map(|c| collapse_spaces(&c)).filter(|c| !c.is_empty()))
}

fn meta_all(document: &Document, name: &str) -> Vec<String> {
    let selector = format!("meta[property=\"{name}\"], meta[name=\"{name}\"]");
    document.select(&selector).iter().filter_map(|m| m.attr("content").map(|c| collapse_spaces(&c))).collect()
}

fn first_text(document: &Document, selector: &str) -> Option<String> {
    document.select(selector).iter().map(|s| collapse_spaces(&s.text())).find(|t| !t.is_empty())
}

/// The first JSON-LD object describing an article.
fn json_ld(document: &Document) -> Option<Value> {
    document.select("script[type=\"application/ld+json\"]").iter().find_map(|script| {
        let value: Value = serde_json::from_str(script.text().trim()).ok()?;
        let candidates = match value {
            Value::Array(items) => items,
            Value::Object(ref map) if map.contains_key("@graph") => map["@graph"].as_array().cloned()?,
            other => vec![other],
        };
        candidates.into_iter().find(|item| {
            item.get("@type").and_then(Value::as_str).is_some_and(|t| t.ends_with("Article") || t == "Report")
        })
    })
}

/// A JSON-LD value as text: strings, names of objects, lists joined.
fn ld_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => ld_text(map.get("name")),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(|v| ld_text(Some(v))).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

fn read_metadata(document: &Document, ld: Option<&Value>, article: &mut Article) {
    let ld_field = |key: &str| ld_text(ld.and_then(|v| v.get(key)));
    article.source = meta(document, "og:site_name").or_else(|| ld_field("publisher"));
    article.title = meta(document, "og:title")
        .or_else(|| ld_field("headline"))
        .or_else(|| first_text(document, "h1"))
        .or_else(|| first_text(document, "title").map(|t| strip_site_name(&t, article.source.as_deref())))
        .unwrap_or_default();
    let date = meta(document, "article:published_time")
        .or_else(|| ld_field("datePublished"))
        .or_else(|| {
            document.select("time[datetime]").iter().find_map(|t| t.attr("datetime").map(|d| d.to_string()))
        })
        .or_else(|| meta(document, "date"));
    if let Some(date) = date {
        article.published =
            Published::parse_iso(&date).or_else(|| super::dates::find_date(&date).map(|f| f.published));
    }
    article.category = meta(document, "article:section").or_else(|| ld_field("articleSection"));
    article.tags = meta_all(document, "article:tag");
    if article.tags.is_empty() {
        let keywords = ld.and_then(|v| v.get("keywords")).and_then(|k| match k {
            Value::Array(items) => {
                Some(items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect())
            }
            _ => None,
        });
        let keywords = keywords
            .or_else(|| meta(document, "keywords").or_else(|| ld_field("keywords")).map(|k| split_list(&k)));
        article.tags = keywords.unwrap_or_default();
    }
    article.author = ld_field("author")
        .or_else(|| meta(document, "author"))
        .or_else(|| meta(document, "article:author").filter(|a| !a.starts_with("http")))
        .or_else(|| first_text(document, AUTHOR_SELECTOR))
        .map(|a| a.trim_start_matches("By ").trim_start_matches("by ").to_string());
    article.url = document
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.to_string())
        .or_else(|| meta(document, "og:url"))
        .or_else(|| ld_field("url"));
    article.lead = first_text(document, LEAD_SELECTOR)
        .or_else(|| meta(document, "og:description"))
        .or_else(|| meta(document, "description"));
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// "Title | Outlet" → "Title".
fn strip_site_name(title: &str, site: Option<&str>) -> String {
    for separator in [" | ", " - ", " – ", " — "] {
        if let Some((head, tail)) = title.rsplit_once(separator) {
            if site.is_none_or(|site| tail.trim() == site) {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Links in related / read-more blocks, and in sections headed like one. Linear in the page:
/// URLs already taken are found in a set, and an item's text is read only from a parent that
/// holds that one link (a parent's text per anchor made a block of many anchors quadratic).
fn related_links(document: &Document, base: Option<&str>) -> Vec<RelatedLink> {
    let mut links: Vec<RelatedLink> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut anchors_in: HashMap<NodeId, usize> = HashMap::new();
    let mut add_from = |container: &Selection| {
        let anchors = container.select("a[href]");
        for anchor in anchors.iter() {
            if let Some(parent) = anchor.nodes().first().and_then(|node| node.parent()) {
                *anchors_in.entry(parent.id).or_insert(0) += 1;
            }
        }
        for anchor in anchors.iter() {
            let title = collapse_spaces(&anchor.text());
            let href = anchor.attr("href").map(|h| h.to_string()).unwrap_or_default();
            if title.split_whitespace().count() < 2
                || href.starts_with('#')
                || href.starts_with("javascript:")
            {
                continue;
            }
            let url = absolute_url(&href, base);
            if !seen.insert(url.clone()) {
                continue;
            }
            let mut link = RelatedLink::titled(title.clone());
            let parent = anchor.nodes().first().and_then(|node| node.parent());
            let alone = parent.as_ref().is_some_and(|p| anchors_in.get(&p.id) == Some(&1));
            if let Some(parent) = parent.filter(|_| alone) {
                let item_text = collapse_spaces(&parent.text());
                let summary = item_text
                    .strip_prefix(title.as_str())
                    .map(str::trim)
                    .filter(|s| s.split_whitespace().count() >= 4);
                link.summary = summary.map(str::to_string);
            }
            link.url = Some(url);
            links.push(link);
        }
    };
    for container in document.select(RELATED_SELECTOR).iter() {
        // Nested matches (a `.related` inside a `.related-wrapper`) are read once, by the outer one.
        if container.ancestors(None).is(RELATED_SELECTOR) {
            continue;
        }
        add_from(&container);
    }
    for heading in document.select("h2, h3, h4").iter() {
        if related::is_header(&heading.text()) && !heading.ancestors(None).is(RELATED_SELECTOR) {
            add_from(&heading.parent());
        }
    }
    links
}

/// Text that repeats the page's metadata (title, lead, kicker, byline, a date alone).
fn is_metadata(text: &str, article: &Article) -> bool {
    let known =
        [Some(&article.title), article.lead.as_ref(), article.category.as_ref(), article.author.as_ref()];
    known.into_iter().flatten().any(|field| field == text)
        || super::dates::find_date(text).is_some_and(|d| d.before.len() + d.after.len() < 12)
}

/// Resolves `href` against the page's URL (scheme-relative and root-relative forms).
fn absolute_url(href: &str, base: Option<&str>) -> String {
    let Some(base) = base.filter(|b| b.contains("://")) else { return href.to_string() };
    let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
    let host = rest.split('/').next().unwrap_or(rest);
    if let Some(stripped) = href.strip_prefix("//") {
        format!("{scheme}://{stripped}")
    } else if href.starts_with('/') {
        format!("{scheme}://{host}{href}")
    } else {
        href.to_string()
    }
}

/// The body by Readability, split into blocks. Pages too deep or too large for its scoring
/// (which grows faster than the page) get a plain extraction from the article element instead.
fn read_body(html: &str, document: &Document, article: &mut Article) {
    if let Some(why) = too_heavy_for_readability(document) {
        article
            .warnings
            .push(format!("{why}: reader-mode extraction skipped, the article element's text is used"));
        let container = ["article", "[itemprop=articleBody]", "main", ".content", "body"]
            .iter()
            .map(|selector| document.select(selector).first())
            .find(|found| found.exists())
            .unwrap_or_else(|| document.select("html"));
        push_blocks(&container, article);
        return;
    }
    let config = Config { max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    let extracted = Readability::new(html, article.url.as_deref(), Some(config)).and_then(|mut r| r.parse());
    match extracted {
        Ok(extracted) => {
            if article.author.is_none() {
                article.author = extracted.byline.filter(|b| b.split_whitespace().count() <= 6);
            }
            let body = Document::from(extracted.content.as_ref());
            push_blocks(&body.select("html"), article);
        }
        Err(err) => {
            article.warnings.push(format!("reader-mode extraction failed ({err}); the page's text is used"));
            push_blocks(&document.select("html"), article);
        }
    }
}

/// Why a page should not go through Readability, if it should not.
fn too_heavy_for_readability(document: &Document) -> Option<String> {
    let mut stack = vec![(document.root(), 0usize)];
    let mut text_bytes = 0usize;
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Some(format!("elements nested more than {MAX_DEPTH} deep"));
        }
        if node.is_text() {
            text_bytes += node.text().len();
            if text_bytes > MAX_TEXT_BYTES {
                return Some(format!("more than {} KB of text", MAX_TEXT_BYTES / 1024));
            }
        }
        let mut child = node.first_child();
        while let Some(current) = child {
            child = current.next_sibling();
            stack.push((current, depth + 1));
        }
    }
    None
}

/// The blocks under `container`, without page furniture and without repeating the metadata.
fn push_blocks(container: &Selection, article: &mut Article) {
    container.select(&format!("{RELATED_SELECTOR}, {FURNITURE_SELECTOR}")).remove();
    for element in container.select(BLOCK_SELECTOR).iter() {
        // A list item or quote that holds paragraphs is read through them.
        if element.is("li, blockquote") && element.select("p").exists() {
            continue;
        }
        let text = collapse_spaces(&element.text());
        if text.is_empty() || is_metadata(&text, article) {
            continue;
        }
        let kind = if element.is("h2, h3, h4, h5, h6") {
            BlockKind::Heading
        } else if element.is("figcaption") {
            BlockKind::Caption
        } else if element.is("blockquote") || element.ancestors(Some(8)).is("blockquote") {
            BlockKind::Quote
        } else if element.is("li") {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        article.body.push(Block::new(kind, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_the_site_name_from_titles() {
        assert_eq!(strip_site_name("Tin mới | Báo A", Some("Báo A")), "Tin mới");
        assert_eq!(strip_site_name("A - B", Some("C")), "A - B");
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(absolute_url("/a/b", Some("https://x.example.vn/c")), "https://x.example.vn/a/b");
        assert_eq!(absolute_url("//y.example.vn/d", Some("http://x.example.vn/")), "http://y.example.vn/d");
    }
}
