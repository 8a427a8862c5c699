//! The header wallabag writes at the top of each chapter of its EPUB export: the entry's title
//! as `<h1>` (numbered "(2/5) " when the book holds several), maybe its picture, then a `<dl>`
//! of the entry's facts, then the title again as `<h2>` before the content. The `<dt>` labels
//! are in the exporting user's language, so the facts are read by their place and shape: the
//! first is the authors, the second the publication date (a date, or the word for "unknown"),
//! the added date the next date, the address the first link, the tags a last fact that is not
//! a link.

use dom_query::{Document, NodeRef};

use crate::article::Published;

/// What a chapter's header says of its entry.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Header {
    pub title: Option<String>,
    pub authors: Option<String>,
    pub published: Option<Published>,
    /// When the entry was saved: a fallback for `published`.
    pub added: Option<Published>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// One `<dt>`/`<dd>` pair: the value's text, and its link when the value is one.
struct Fact {
    text: String,
    link: Option<String>,
}

/// Reads the header at the top of `document`'s body and takes it out (the title, picture,
/// facts and repeated title), leaving the entry's content. `None`, and nothing taken, when
/// the body does not start that way.
pub fn take(document: &Document) -> Option<Header> {
    let body = *document.select("body").nodes().first()?;
    let children = body.element_children();
    let heading = children.first().filter(|node| has_name(node, "h1"))?;
    let list_at = children.iter().take(3).position(|node| has_name(node, "dl"))?;
    if !children[1..list_at].iter().all(|node| has_name(node, "img")) {
        return None;
    }
    let facts = facts(&children[list_at]);
    if facts.len() < 2 {
        return None;
    }
    let second = children.get(list_at + 1).filter(|node| has_name(node, "h2"));
    let title = second.map(|node| node.text().to_string()).unwrap_or_else(|| numbered_off(&heading.text()));
    let mut header = read(&facts);
    header.title = Some(title.trim().to_string()).filter(|title| !title.is_empty());
    for node in children.iter().take(list_at + 1).chain(second) {
        node.remove_from_parent();
    }
    Some(header)
}

fn has_name(node: &NodeRef, name: &str) -> bool {
    node.node_name().is_some_and(|found| found.eq_ignore_ascii_case(name))
}

fn facts(list: &NodeRef) -> Vec<Fact> {
    let mut facts = Vec::new();
    for node in list.element_children() {
        if !has_name(&node, "dd") {
            continue;
        }
        let text = crate::text::collapse_spaces(node.text().trim());
        let anchors = node.element_children();
        let link = match anchors.as_slice() {
            [anchor] if has_name(anchor, "a") && anchor.text().trim() == text => {
                anchor.attr("href").map(|href| href.trim().to_string())
            }
            _ => None,
        };
        facts.push(Fact { text, link });
    }
    facts
}

fn read(facts: &[Fact]) -> Header {
    let date = |fact: &Fact| fact.link.is_none().then(|| Published::parse_iso(&fact.text)).flatten();
    let published = facts.get(1).and_then(date);
    // With no publication date, the second fact is the word this export uses for "unknown":
    // authors written the same are unknown too.
    let unknown = facts.get(1).filter(|_| published.is_none()).map(|fact| fact.text.as_str());
    let authors = facts
        .first()
        .filter(|fact| fact.link.is_none() && date(fact).is_none() && Some(fact.text.as_str()) != unknown)
        .map(|fact| fact.text.clone())
        .filter(|text| !text.is_empty());
    let added = facts.iter().skip(2).find_map(date);
    let url = facts.iter().find_map(|fact| fact.link.clone());
    let last_link = facts.iter().rposition(|fact| fact.link.is_some());
    let tags = match (facts.last(), last_link) {
        (Some(last), Some(at)) if at + 1 < facts.len() && last.link.is_none() => {
            last.text.split(',').map(str::trim).filter(|tag| !tag.is_empty()).map(str::to_string).collect()
        }
        _ => Vec::new(),
    };
    Header { title: None, authors, published, added, url, tags }
}

/// A heading without the "(2/5) " wallabag puts before an entry's title in a book of several.
fn numbered_off(heading: &str) -> String {
    let heading = heading.trim();
    let Some(rest) = heading.strip_prefix('(') else { return heading.to_string() };
    let Some((count, title)) = rest.split_once(") ") else { return heading.to_string() };
    let numbered = count.split_once('/').is_some_and(|(this, all)| {
        !this.is_empty() && !all.is_empty() && (this.chars().chain(all.chars())).all(|c| c.is_ascii_digit())
    });
    if numbered {
        title.trim().to_string()
    } else {
        heading.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(facts: &str) -> String {
        format!(
            "<html><head><title>Unread articles</title></head><body><h1>(2/3) Phà đêm</h1>\
             <img src=\"p.jpg\"/><dl>{facts}</dl><h2>Phà đêm</h2><p>Bến phà cũ đóng cửa.</p></body></html>"
        )
    }

    #[test]
    fn the_facts_are_read_by_place_and_the_header_is_taken_out() {
        let document = Document::from(chapter(
            "<dt>Đăng bởi</dt><dd>Lan, Minh</dd><dt>Đăng ngày</dt><dd>2024-05-20</dd>\
             <dt>Thêm ngày</dt><dd>2024-06-01</dd><dt>Thời gian đọc</dt><dd>3 phút</dd>\
             <dt>Địa chỉ</dt><dd><a href=\"https://tin.example.vn/pha\">https://tin.example.vn/pha</a></dd>\
             <dt>Liên kết nội bộ</dt><dd><a href=\"https://bag.example/view/7\">https://bag.example/view/7</a></dd>\
             <dt>Thẻ</dt><dd>giao thông, miền Tây</dd>",
        ));
        let header = take(&document).unwrap();
        assert_eq!(header.title.as_deref(), Some("Phà đêm"));
        assert_eq!(header.authors.as_deref(), Some("Lan, Minh"));
        assert_eq!(header.published.map(|p| p.to_iso()).as_deref(), Some("2024-05-20"));
        assert_eq!(header.added.map(|p| p.to_iso()).as_deref(), Some("2024-06-01"));
        assert_eq!(header.url.as_deref(), Some("https://tin.example.vn/pha"));
        assert_eq!(header.tags, ["giao thông", "miền Tây"]);
        let left = document.select("body").text().to_string();
        assert_eq!(left.trim(), "Bến phà cũ đóng cửa.");
    }

    #[test]
    fn unknown_authors_and_dates_are_left_empty() {
        let document = Document::from(chapter(
            "<dt>Published by</dt><dd>Unknown</dd><dt>Published on</dt><dd>Unknown</dd>\
             <dt>Added on</dt><dd>2024-06-01</dd><dt>Reading time</dt><dd>2 min</dd>\
             <dt>Address</dt><dd><a href=\"https://e.example/a\">https://e.example/a</a></dd>\
             <dt>Internal link</dt><dd><a href=\"https://bag/view/1\">https://bag/view/1</a></dd>",
        ));
        let header = take(&document).unwrap();
        assert_eq!((header.authors, header.published), (None, None));
        assert_eq!(header.added.map(|p| p.to_iso()).as_deref(), Some("2024-06-01"));
        assert!(header.tags.is_empty(), "{:?}", header.tags);
    }

    #[test]
    fn a_chapter_without_the_header_is_left_whole() {
        let html =
            "<html><body><h1>Chương một</h1><p>Văn bản.</p><dl><dt>a</dt><dd>b</dd></dl></body></html>";
        let document = Document::from(html);
        assert_eq!(take(&document), None);
        assert!(document.select("h1").exists());
        assert_eq!(numbered_off("(12/30) Tin"), "Tin");
        assert_eq!(numbered_off("(a/b) Tin"), "(a/b) Tin");
    }
}
