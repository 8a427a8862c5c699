//! Related links of an HTML page: the anchors of related / read-more blocks (told by class, id
//! or `rel`, or by a heading such as "Tin liên quan" or "More on this story") and of inline
//! "Read more: …" paragraphs. Site-wide lists ("Most read", "Tin cùng chuyên mục") are not
//! related to the story. One walk of the page: each anchor is read once, duplicates are found
//! by a hash set, so a block of 40,000 anchors costs as much as 40,000 anchors.

use std::collections::HashSet;

use dom_query::{Document, NodeId, NodeRef};

use super::furniture::split_words;
use crate::article::RelatedLink;
use crate::parse::related;
use crate::text::collapse_spaces;

/// Whether a class list or id names a related block.
fn names_related(names: &str) -> bool {
    let words = split_words(names);
    words.iter().any(|w| matches!(w.as_str(), "related" | "readmore" | "relatednews" | "lienquan"))
        || words.windows(2).any(|pair| {
            matches!(
                (pair[0].as_str(), pair[1].as_str()),
                ("read", "more") | ("see", "also") | ("lien", "quan")
            )
        })
}

/// Whether a class list or id names a site-wide list that only looks related.
fn names_site_wide(names: &str) -> bool {
    let words = split_words(names);
    words.iter().any(|w| {
        matches!(w.as_str(), "popular" | "trending" | "mostread" | "sponsored" | "outbrain" | "taboola")
    }) || words
        .windows(2)
        .any(|pair| matches!((pair[0].as_str(), pair[1].as_str()), ("most", "read") | ("xem", "nhieu")))
}

/// The parents of headings that head a related block.
fn headed_blocks(document: &Document) -> HashSet<NodeId> {
    document
        .select("h2, h3, h4, h5, strong")
        .nodes()
        .iter()
        .filter(|heading| related::is_story_header(&heading.text()))
        .filter_map(|heading| heading.parent().map(|parent| parent.id))
        .collect()
}

struct Collector<'a> {
    base: Option<&'a str>,
    seen: HashSet<String>,
    links: Vec<RelatedLink>,
}

impl Collector<'_> {
    fn add(&mut self, anchor: &NodeRef) {
        let Some(href) = anchor.attr("href") else { return };
        let href = href.trim();
        let title = collapse_spaces(&anchor.text());
        if title.split_whitespace().count() < 2
            || href.is_empty()
            || href.starts_with('#')
            || href.starts_with("javascript:")
            || href.starts_with("mailto:")
        {
            return;
        }
        let url = absolute_url(href, self.base);
        if !self.seen.insert(url.clone()) {
            return;
        }
        let mut link = RelatedLink::titled(title);
        link.summary = summary_after(anchor);
        link.url = Some(url);
        self.links.push(link);
    }
}

/// A teaser after the anchor (`<a>Title</a><p>Summary…</p>`, or after the heading holding the
/// anchor): each element is the next sibling of one node only, so this stays linear.
fn summary_after(anchor: &NodeRef) -> Option<String> {
    let holder = match anchor.parent() {
        Some(parent) if ["h2", "h3", "h4", "h5", "strong"].iter().any(|n| is_named(&parent, n)) => parent,
        _ => *anchor,
    };
    let next = holder.next_element_sibling()?;
    let name = next.node_name().unwrap_or_default();
    if !matches!(&*name, "p" | "div" | "span") || next.descendants_it().any(|n| is_named(&n, "a")) {
        return None;
    }
    let text = collapse_spaces(&next.text());
    (text.split_whitespace().count() >= 4).then_some(text)
}

/// The page's related links, resolved against `base`.
pub fn links(document: &Document, base: Option<&str>) -> Vec<RelatedLink> {
    let headed = headed_blocks(document);
    let mut collector = Collector { base, seen: HashSet::new(), links: Vec::new() };
    // (node, inside a related block): an explicit stack, so depth costs no native stack.
    let mut stack: Vec<(NodeRef, bool)> = vec![(document.root(), false)];
    while let Some((node, inside)) = stack.pop() {
        if !node.is_element() && !node.is_document() {
            continue;
        }
        let mut inside = inside;
        if node.is_element() {
            let class = node.attr("class").unwrap_or_default();
            let id = node.attr("id").unwrap_or_default();
            if names_site_wide(&class) || names_site_wide(&id) {
                continue;
            }
            inside = inside
                || node.attr("type").is_some_and(|kind| names_related(&kind))
                || names_related(&class)
                || names_related(&id)
                || headed.contains(&node.id)
                || node.attr("rel").is_some_and(|rel| rel.contains("related"));
            if is_named(&node, "a") && node.has_attr("href") {
                if inside {
                    collector.add(&node);
                }
                continue;
            }
            if !inside && is_named(&node, "p") {
                if let Some(anchor) = inline_read_more(&node) {
                    collector.add(&anchor);
                }
                continue;
            }
        }
        let children: Vec<NodeRef> = node.children_it(true).collect();
        stack.extend(children.into_iter().map(|child| (child, inside)));
    }
    collector.links
}

fn is_named(node: &NodeRef, name: &str) -> bool {
    node.node_name().is_some_and(|n| n.eq_ignore_ascii_case(name))
}

/// The anchor of a "Read more: <a>Title</a>" paragraph.
fn inline_read_more<'a>(paragraph: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    let text = paragraph.text();
    if text.len() > 400 {
        return None;
    }
    related::inline_link(&collapse_spaces(&text))?;
    let anchors: Vec<NodeRef> =
        paragraph.descendants_it().filter(|n| is_named(n, "a") && n.has_attr("href")).collect();
    (anchors.len() == 1).then(|| anchors[0])
}

/// Resolves `href` against the page's URL (scheme-relative and root-relative forms).
pub fn absolute_url(href: &str, base: Option<&str>) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(absolute_url("/a/b", Some("https://x.example.vn/c")), "https://x.example.vn/a/b");
        assert_eq!(absolute_url("//y.example.vn/d", Some("http://x.example.vn/")), "http://y.example.vn/d");
    }

    #[test]
    fn related_blocks_but_not_site_wide_lists() {
        let page = Document::from(
            "<article><p>Text.</p><p>Read more: <a href=\"/c\">Inline story here</a></p></article>\
             <div class=\"box\"><h3>Tin liên quan</h3><ul><li><a href=\"/a\">Cầu mới thông xe</a></li></ul></div>\
             <div class=\"most-read\"><h3>Related</h3><a href=\"/b\">Popular story there</a></div>\
             <div class=\"box\"><h3>Tin cùng chuyên mục</h3><a href=\"/d\">Same section story</a></div>",
        );
        let links = links(&page, Some("https://x.example/news/1"));
        let titles: Vec<&str> = links.iter().map(|l| l.title.as_str()).collect();
        assert_eq!(titles, ["Inline story here", "Cầu mới thông xe"]);
        assert_eq!(links[1].url.as_deref(), Some("https://x.example/a"));
    }
}
