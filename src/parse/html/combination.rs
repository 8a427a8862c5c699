//! The choice between the two extractors' blocks: rs-trafilatura's (`first`), filtered by
//! Readability's (`second`), or one of them whole.

use std::collections::HashSet;

use super::link_runs::TEXT_WORDS;
use crate::article::Block;

/// The share of a block's words the other extractor must have kept for the block to stay.
const AGREEMENT: f64 = 0.7;
/// The same share for a block before the article's first paragraph or after its last, where the
/// furniture sits (menus, teasers, sign-up boxes).
const EDGE_AGREEMENT: f64 = 0.9;
/// A block this long that holds half an extractor's words is a container read as one lump
/// (the page's text without its paragraphs), not an article's structure.
const LUMP_WORDS: usize = 200;

/// [`super::body`]'s choice between rs-trafilatura's blocks (`first`) and Readability's.
pub(super) fn choose(first: Vec<Block>, second: Vec<Block>) -> Vec<Block> {
    let (first_words, second_words) = (word_count(&first), word_count(&second));
    if second_words > 0 && is_lump(&first, first_words) && !is_lump(&second, second_words) {
        return second;
    }
    if second_words >= 2 * first_words {
        return second;
    }
    if second_words * 2 < first_words {
        return first;
    }
    let known: HashSet<String> = second.iter().flat_map(|b| lower_words(&b.text)).collect();
    let kept: Vec<(Block, f64)> = first
        .into_iter()
        .map(|block| {
            let words = lower_words(&block.text);
            let shared = words.iter().filter(|word| known.contains(*word)).count();
            let share = shared as f64 / words.len().max(1) as f64;
            (block, share)
        })
        .filter(|(_, share)| *share >= AGREEMENT)
        .collect();
    // The article runs from its first paragraph of text to its last; outside, only what
    // Readability kept nearly word for word stays.
    let is_text = |(block, _): &(Block, f64)| block.text.split_whitespace().count() >= TEXT_WORDS;
    let span = kept.iter().position(is_text).zip(kept.iter().rposition(is_text));
    kept.into_iter()
        .enumerate()
        .filter(|(at, (_, share))| {
            span.is_none_or(|(start, end)| (start..=end).contains(at)) || *share >= EDGE_AGREEMENT
        })
        .map(|(_, (block, _))| block)
        .collect()
}

fn lower_words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_lowercase).collect()
}

/// Whether one block of `blocks` (`words` words in all) is a lump: [`LUMP_WORDS`] or more, and at
/// least half the words. Where the other extractor has a lump too (a long table both kept),
/// neither is preferred for it.
fn is_lump(blocks: &[Block], words: usize) -> bool {
    blocks.iter().map(|b| b.text.split_whitespace().count()).any(|n| n >= LUMP_WORDS && 2 * n >= words)
}

fn word_count(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.split_whitespace().count()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lump_gives_way_to_paragraphs() {
        let story =
            "Bến phà Cát Lái hoạt động bình thường sau ba ngày sửa cầu dẫn, hành khách không phải chờ lâu.";
        let lump = vec![Block::paragraph(format!("Trang chủ Thời sự {}", format!("{story} ").repeat(12)))];
        let paragraphs: Vec<Block> = (1..=6).map(|n| Block::paragraph(format!("{n}. {story}"))).collect();
        assert_eq!(choose(lump.clone(), paragraphs.clone()), paragraphs, "the paragraphs, not the lump");
        let table = vec![Block::paragraph(format!("Giá vé | {}", "phà 2.000 đồng | ".repeat(70)))];
        let mut with_table = paragraphs.clone();
        with_table.push(table[0].clone());
        assert_eq!(
            choose(table.clone(), with_table.clone()),
            table,
            "both have the long block: no lump is preferred"
        );
        assert_eq!(
            choose(paragraphs.clone(), lump).len(),
            paragraphs.len(),
            "a lump in Readability's text changes nothing"
        );
    }

    #[test]
    fn the_edges_keep_only_what_both_kept() {
        let story =
            "Bến phà Cát Lái hoạt động bình thường sau ba ngày sửa cầu dẫn, hành khách không phải chờ lâu.";
        let later = Block::paragraph(story.replace("Bến", "Tại bến"));
        // Six of its eight words are Readability's: enough between paragraphs, not at the end.
        let teaser = Block::paragraph("Phà Cát Lái chạy lại sau ba ngày");
        let second = vec![Block::paragraph(story), later.clone()];
        let first = vec![Block::paragraph(story), teaser.clone(), later];
        assert_eq!(choose(first, second.clone()).len(), 3, "between paragraphs the teaser stays");
        let at_the_end = vec![Block::paragraph(story), teaser];
        assert_eq!(choose(at_the_end, second), [Block::paragraph(story)], "after the last paragraph it goes");
    }
}
