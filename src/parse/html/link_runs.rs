//! Runs of whole links at the edges of the body: navigation menus above the article, tag lists
//! and "related" lists below it, that an extractor kept. A block whose whole text is the text of
//! one of the page's links, three or more in a row, with no paragraph of the article's size
//! before it (or none after it), is a list of places to go. The same run between paragraphs is
//! the article's own (a table of contents, a list of sources) and stays; one link alone (a
//! "Download the report" line) is left to the other rules.

use std::collections::HashSet;

use dom_query::Document;

use crate::article::{Block, BlockKind};
use crate::text::collapse_spaces;

/// How many whole-link blocks in a row make a list of links.
const MIN_RUN: usize = 3;
/// Words of a block that is the article's text, not a caption or a label.
pub(super) const TEXT_WORDS: usize = 20;

/// `blocks` without their runs of whole links.
pub fn without_link_runs(document: &Document, blocks: Vec<Block>) -> Vec<Block> {
    let link_texts: HashSet<String> = document
        .select("a[href]")
        .nodes()
        .iter()
        .map(|anchor| collapse_spaces(&anchor.text()))
        .filter(|text| !text.is_empty())
        .collect();
    let whole_link = |block: &Block| {
        matches!(block.kind, BlockKind::ListItem | BlockKind::Paragraph)
            && link_texts.contains(&collapse_spaces(&block.text))
    };
    let mut keep = vec![true; blocks.len()];
    let mut start = 0;
    while start < blocks.len() {
        let mut end = start;
        while end < blocks.len() && whole_link(&blocks[end]) {
            end += 1;
        }
        if end - start >= MIN_RUN {
            keep[start..end].iter_mut().for_each(|k| *k = false);
        }
        start = end.max(start + 1);
    }
    // A run with the article's text on both sides is the article's own list.
    let is_text =
        |(block, kept): (&Block, &bool)| *kept && block.text.split_whitespace().count() >= TEXT_WORDS;
    let first_text = blocks.iter().zip(&keep).position(is_text);
    let last_text = blocks.iter().zip(&keep).rposition(is_text);
    if let (Some(first), Some(last)) = (first_text, last_text) {
        keep[first..last].iter_mut().for_each(|k| *k = true);
    }
    blocks.into_iter().zip(keep).filter_map(|(block, keep)| keep.then_some(block)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts.iter().map(|t| Block::new(BlockKind::ListItem, t.to_string())).collect()
    }

    #[test]
    fn three_links_in_a_row_go_one_stays() {
        let page = Document::from(
            "<p>Body text with <a href=/x>a link</a>.</p><ul><li><a href=/a>Ferry times</a></li>\
             <li><a href=/b>Harbour news</a></li><li><a href=/c>Weather</a></li></ul>",
        );
        let blocks = paragraphs(&["Body text with a link.", "Ferry times", "Harbour news", "Weather"]);
        let kept: Vec<String> = without_link_runs(&page, blocks).into_iter().map(|b| b.text).collect();
        assert_eq!(kept, ["Body text with a link."]);
        let blocks = paragraphs(&["Body text with a link.", "Ferry times", "More body text."]);
        assert_eq!(without_link_runs(&page, blocks).len(), 3, "one link alone is kept");
        let text = "A paragraph of the article long enough to be its text, not a label or a caption, \
                    twenty words or more.";
        let blocks = paragraphs(&[text, "Ferry times", "Harbour news", "Weather", text]);
        assert_eq!(without_link_runs(&page, blocks).len(), 5, "a list between paragraphs is the article's");
    }
}
