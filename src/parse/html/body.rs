//! The article body: reader-mode extraction (rs-trafilatura, dom_smoothie) of a page that is
//! light enough for it, then the blocks of what it kept, without furniture and without the
//! metadata repeated.

use std::collections::{HashMap, HashSet};

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use rs_trafilatura::page_type::PageType;

use super::author::clean_author;
use super::blocks::blocks;
use super::combination::choose;
use super::link_runs::without_link_runs;
use super::metadata::first_text;
use super::Extractor;
use crate::article::{Article, Block, BlockKind};
use crate::parse::dates;
use crate::text::collapse_spaces;

/// Readability stops scoring past this many elements: bounds the work on hostile pages.
const MAX_ELEMENTS: usize = 50_000;
/// Deeper pages are not news articles; the extractors' cost grows with depth times size
/// (rs-trafilatura 0.2.2 takes 24 s on 10,000 nested `<div>`s).
const MAX_DEPTH: usize = 256;
/// More text than any article: such a page is read whole, without scoring.
const MAX_TEXT_BYTES: usize = 512 * 1024;

/// Caption elements: `<figcaption>`, and what sites without it use.
const CAPTION_SELECTOR: &str =
    "figcaption, .image-caption, .cutline, .caption, td.pCaption, .wp-caption-text";
/// Captions looked at: more is a gallery, not an article's figures.
const MAX_CAPTIONS: usize = 64;

const LEAD_SELECTOR: &str =
    ".standfirst, .sapo, .detail-sapo, .singular-sapo, .article-lead, .article__lead, \
    .the-article-summary, p.description, .lead, .intro, .excerpt, [itemprop=description]";

pub fn read(html: &str, document: &Document, extractor: Extractor, article: &mut Article) {
    let extracted = match too_heavy(document) {
        Some(why) => {
            article
                .warnings
                .push(format!("{why}: reader-mode extraction skipped, the article element's text is used"));
            whole_article(document)
        }
        None => match extractor {
            Extractor::Readability => readability(html, article),
            Extractor::Trafilatura => trafilatura(html, article.url.as_deref()),
            Extractor::Combined => combined(html, article),
        },
    };
    let extracted = restore_captions(document, extracted);
    let extracted = without_link_runs(document, extracted);
    // The standfirst becomes the lead when the extraction kept it as a block (where it was
    // left out, it is left out).
    let lead = first_text(document, LEAD_SELECTOR).filter(|lead| lead.split_whitespace().count() >= 5);
    let mut seen = HashSet::new();
    for block in extracted {
        if is_metadata(&block.text, article) {
            continue;
        }
        if lead.as_deref() == Some(block.text.as_str()) && article.lead.is_none() {
            article.lead = lead.clone();
            continue;
        }
        // Blocks repeated (a caption twice, a pull quote) are read once.
        if seen.insert(block.text.clone()) {
            article.body.push(block);
        }
    }
}

/// Captions (`<figcaption>` and the containers older and Vietnamese sites use) that the
/// extractors dropped, put back beside the paragraph their figure stands next to; a figure next
/// to no extracted paragraph is not the article's.
fn restore_captions(document: &Document, mut extracted: Vec<Block>) -> Vec<Block> {
    let mut at: HashMap<String, usize> = HashMap::new();
    for (index, block) in extracted.iter().enumerate() {
        at.entry(block.text.clone()).or_insert(index);
    }
    // (index of the block it goes before or after, after?, caption)
    let mut inserts: Vec<(usize, bool, String)> = Vec::new();
    for caption in document.select(CAPTION_SELECTOR).nodes().iter().take(MAX_CAPTIONS) {
        let text = collapse_spaces(&caption.text());
        if text.is_empty() || at.contains_key(&text) {
            continue;
        }
        if caption.ancestors_it(Some(64)).any(|a| a.is_element() && super::furniture::is_furniture(&a)) {
            continue;
        }
        let figure = caption
            .ancestors_it(Some(4))
            .find(|a| a.node_name().is_some_and(|n| matches!(&*n, "figure" | "table")))
            .unwrap_or(*caption);
        let neighbour = |sibling: Option<NodeRef>| {
            let text = collapse_spaces(&sibling?.text());
            at.get(&text).copied()
        };
        if let Some(index) = neighbour(figure.next_element_sibling()) {
            inserts.push((index, false, text));
        } else if let Some(index) = neighbour(figure.prev_element_sibling()) {
            inserts.push((index, true, text));
        }
    }
    if inserts.is_empty() {
        return extracted;
    }
    let mut restored = Vec::with_capacity(extracted.len() + inserts.len());
    let mut before: HashMap<usize, Vec<String>> = HashMap::new();
    let mut after: HashMap<usize, Vec<String>> = HashMap::new();
    for (index, is_after, text) in inserts {
        if is_after { after.entry(index) } else { before.entry(index) }.or_default().push(text);
    }
    for (index, block) in extracted.drain(..).enumerate() {
        for text in before.remove(&index).unwrap_or_default() {
            restored.push(Block::new(BlockKind::Caption, text));
        }
        restored.push(block);
        for text in after.remove(&index).unwrap_or_default() {
            restored.push(Block::new(BlockKind::Caption, text));
        }
    }
    restored
}

/// The text of the first `article`, `main` (or the whole body), when no extractor may run.
fn whole_article(document: &Document) -> Vec<Block> {
    let container = ["article", "[itemprop=articleBody]", "main", "body", "html"]
        .iter()
        .find_map(|selector| document.select(selector).nodes().first().cloned())
        .unwrap_or_else(|| document.root());
    blocks(&container)
}

fn fragment_blocks(html: &str) -> Vec<Block> {
    let fragment = Document::from(html);
    blocks(&fragment.root())
}

fn readability(html: &str, article: &mut Article) -> Vec<Block> {
    let config = Config { max_elements_to_parse: MAX_ELEMENTS, ..Config::default() };
    match Readability::new(html, article.url.as_deref(), Some(config)).and_then(|mut r| r.parse()) {
        Ok(extracted) => {
            if article.author.is_none() {
                article.author = extracted.byline.and_then(|byline| clean_author(&byline));
            }
            fragment_blocks(&extracted.content)
        }
        Err(err) => {
            article.warnings.push(format!("reader-mode extraction failed ({err}); the page's text is used"));
            Vec::new()
        }
    }
}

fn trafilatura(html: &str, url: Option<&str>) -> Vec<Block> {
    let options = rs_trafilatura::Options {
        page_type: Some(PageType::Article),
        include_tables: true,
        include_comments: false,
        url: url.map(str::to_string),
        ..rs_trafilatura::Options::default()
    };
    let Ok(result) = rs_trafilatura::extract_with_options(html, &options) else { return Vec::new() };
    match result.content_html {
        Some(content) => fragment_blocks(&content),
        None => result
            .content_text
            .split("\n\n")
            .map(collapse_spaces)
            .filter(|text| !text.is_empty())
            .map(Block::paragraph)
            .collect(),
    }
}

/// rs-trafilatura, unless Readability finds at least twice as much (then rs-trafilatura
/// settled on a part of the article: a section, the lead, a caption) or rs-trafilatura's text is
/// one lump where Readability's is not. When both found about as much, rs-trafilatura's blocks that Readability left out (most of their words missing from
/// its text) are furniture both did not agree on, and are dropped.
fn combined(html: &str, article: &mut Article) -> Vec<Block> {
    // Compared on what each would show: a block repeated (a phone and a desktop copy of a
    // sign-up box) or a byline counts once, or not at all.
    let first = trafilatura(html, article.url.as_deref());
    let second = readability(html, article);
    choose(shown_once(first, article), shown_once(second, article))
}

/// `blocks` without the page's metadata lines and without repeats, in order.
fn shown_once(blocks: Vec<Block>, article: &Article) -> Vec<Block> {
    let mut seen = HashSet::new();
    blocks
        .into_iter()
        .filter(|block| !is_metadata(&block.text, article) && seen.insert(block.text.clone()))
        .collect()
}

/// Text that repeats the page's metadata (title, kicker, byline, a dateline) or points to
/// another story ("Read more: …").
fn is_metadata(text: &str, article: &Article) -> bool {
    let known = [Some(&article.title), article.category.as_ref(), article.author.as_ref()];
    known.into_iter().flatten().any(|field| field == text)
        || is_dateline(text)
        || is_byline(text)
        || crate::parse::related::inline_link(text).is_some()
}

/// "Published 8 October 2024 · Updated 9 October 2024": dates and a few words around them.
fn is_dateline(text: &str) -> bool {
    let mut rest = text.to_string();
    let mut found = false;
    for _ in 0..3 {
        match dates::find_date(&rest) {
            Some(date) => {
                found = true;
                rest = format!("{} {}", date.before, date.after);
            }
            None => break,
        }
    }
    found && rest.split_whitespace().count() <= 3
}

/// "By Jane Doe", "Posted by Jane Doe": a short line naming who wrote it.
fn is_byline(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let starts = |prefix: &[&str]| {
        words.len() > prefix.len() && words.iter().zip(prefix).all(|(w, p)| w.eq_ignore_ascii_case(p))
    };
    words.len() <= 6 && (starts(&["by"]) || starts(&["posted", "by"]) || starts(&["written", "by"]))
}

/// Why a page should not go through an extractor, if it should not: too deep, too many
/// elements, or too much text. One walk, with an explicit stack.
fn too_heavy(document: &Document) -> Option<String> {
    let mut stack: Vec<(NodeRef, usize)> = vec![(document.root(), 0)];
    let (mut text_bytes, mut elements) = (0usize, 0usize);
    while let Some((node, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Some(format!("elements nested more than {MAX_DEPTH} deep"));
        }
        if node.is_text() {
            text_bytes += node.text().len();
            if text_bytes > MAX_TEXT_BYTES {
                return Some(format!("more than {} KB of text", MAX_TEXT_BYTES / 1024));
            }
        } else if node.is_element() {
            elements += 1;
            if elements > MAX_ELEMENTS {
                return Some(format!("more than {MAX_ELEMENTS} elements"));
            }
        }
        stack.extend(node.children_it(false).map(|child| (child, depth + 1)));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_pages_are_too_heavy() {
        let deep = format!("<html><body>{}x{}</body></html>", "<div>".repeat(400), "</div>".repeat(400));
        assert!(too_heavy(&Document::from(deep.as_str())).is_some_and(|why| why.contains("deep")));
        assert_eq!(too_heavy(&Document::from("<p>a</p>")), None);
    }

    #[test]
    fn a_repeated_box_does_not_outweigh_the_article() {
        let article = Article::new("a.html", crate::article::Format::Html, "Phà Cát Lái");
        let signup = Block::paragraph(format!("Đăng ký nhận bản tin {}", "mỗi sáng thứ hai ".repeat(10)));
        let first =
            vec![signup.clone(), signup.clone(), signup, Block::paragraph("Phà chạy lại từ sáng nay.")];
        let story =
            "Bến phà Cát Lái hoạt động bình thường sau ba ngày sửa cầu dẫn, hành khách không phải chờ lâu.";
        let second: Vec<Block> =
            (1..=4).map(|day| Block::paragraph(format!("Ngày {day}: {story} {story}"))).collect();
        let shown = choose(shown_once(first.clone(), &article), shown_once(second.clone(), &article));
        assert_eq!(shown, second, "the box counted once: Readability found twice as much");
        assert!(choose(first, second).iter().all(|b| !b.text.contains("Cát Lái")), "counted thrice, it won");
    }

    #[test]
    fn metadata_lines_are_not_body() {
        let mut article = Article::new("a.html", crate::article::Format::Html, "Tiêu đề");
        article.author = Some("Lê Na".into());
        assert!(is_metadata("Tiêu đề", &article));
        assert!(is_metadata("14/03/2024 10:05", &article));
        assert!(!is_metadata("Một đoạn văn có nghĩa.", &article));
    }
}
