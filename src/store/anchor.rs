//! Where a highlight is in an article: the quoted text with a little of the text before and
//! after it (the W3C Web Annotation `TextQuoteSelector`) and the block it was in, never screen
//! lines. Found again in a new layout, a new parse or an edited file by looking for the quote
//! and preferring the place whose surroundings agree best.

use std::ops::Range;

use crate::article::Article;

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The text highlights count in: the lead, then each body block, a blank line between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passages {
    pub text: String,
    /// Where each block starts in `text`.
    pub starts: Vec<usize>,
}

/// A TextQuoteSelector: `exact` with up to [`CONTEXT_CHARS`] characters before and after it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quote {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// Between two blocks in [`Passages::text`].
pub const BLOCK_SEPARATOR: &str = "\n\n";

impl Passages {
    pub fn of(article: &Article) -> Passages {
        let lead = article.lead.as_deref().filter(|lead| !lead.is_empty());
        let mut passages = Passages::default();
        for text in lead.into_iter().chain(article.body.iter().map(|block| block.text.as_str())) {
            if !passages.starts.is_empty() {
                passages.text.push_str(BLOCK_SEPARATOR);
            }
            passages.starts.push(passages.text.len());
            passages.text.push_str(text);
        }
        passages
    }

    /// The block holding byte `offset` of the text.
    pub fn block_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// The byte range of block `block` in the text.
    pub fn block_range(&self, block: usize) -> Range<usize> {
        let start = self.starts.get(block).copied().unwrap_or(self.text.len());
        let end = self.starts.get(block + 1).map_or(self.text.len(), |next| next - BLOCK_SEPARATOR.len());
        start..end
    }

    /// The quote of `range` (snapped to character boundaries) and the block it starts in.
    pub fn quote(&self, range: Range<usize>) -> (Quote, usize) {
        let (start, end) = (floor_boundary(&self.text, range.start), floor_boundary(&self.text, range.end));
        let before = &self.text[..start];
        let prefix_start = before.char_indices().rev().nth(CONTEXT_CHARS - 1).map_or(0, |(at, _)| at);
        let after = &self.text[end..];
        let suffix_end = after.char_indices().nth(CONTEXT_CHARS).map_or(after.len(), |(at, _)| at);
        let quote = Quote {
            exact: self.text[start..end].to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
        };
        (quote, self.block_of(start))
    }

    /// Where `quote` is now: of every place its text occurs, the one whose surroundings agree
    /// with its prefix and suffix over the most characters, then the nearest to `block`. None
    /// when the text no longer occurs (the highlight is detached). Linear in the text.
    pub fn anchor(&self, quote: &Quote, block: usize) -> Option<Range<usize>> {
        if quote.exact.is_empty() {
            return None;
        }
        let hint = self.block_range(block.min(self.starts.len().saturating_sub(1))).start;
        let score = |at: usize| {
            let before = common_suffix_chars(&self.text[..at], &quote.prefix);
            let after = common_prefix_chars(&self.text[at + quote.exact.len()..], &quote.suffix);
            (before + after, std::cmp::Reverse(at.abs_diff(hint)))
        };
        let best =
            self.text.match_indices(quote.exact.as_str()).map(|(at, _)| at).max_by_key(|&at| score(at))?;
        Some(best..best + quote.exact.len())
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Characters `text` ends with that `context` ends with too (compared up to the context's length).
fn common_suffix_chars(text: &str, context: &str) -> usize {
    text.chars().rev().zip(context.chars().rev()).take_while(|(a, b)| a == b).count()
}

fn common_prefix_chars(text: &str, context: &str) -> usize {
    text.chars().zip(context.chars()).take_while(|(a, b)| a == b).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Format};

    fn article(lead: Option<&str>, blocks: &[&str]) -> Article {
        let mut article = Article::new("/lib/a.txt", Format::Plain, "Tiêu đề");
        article.lead = lead.map(str::to_string);
        article.body = blocks.iter().map(|text| Block::paragraph(*text)).collect();
        article
    }

    #[test]
    fn blocks_join_with_a_blank_line_and_offsets_map_back() {
        let passages = Passages::of(&article(Some("Mở đầu."), &["Một.", "Hai."]));
        assert_eq!(passages.text, "Mở đầu.\n\nMột.\n\nHai.");
        assert_eq!(passages.block_of(0), 0);
        assert_eq!(passages.block_of(passages.starts[2]), 2);
        assert_eq!(&passages.text[passages.block_range(1)], "Một.");
        assert_eq!(&passages.text[passages.block_range(2)], "Hai.");
    }

    #[test]
    fn the_context_picks_the_right_one_of_repeated_words() {
        let passages = Passages::of(&article(None, &["Tàu chạy sớm. Tàu chạy muộn.", "Tàu chạy đêm."]));
        let second = passages.text.find("Tàu chạy muộn").unwrap();
        let (quote, block) = passages.quote(second..second + "Tàu chạy".len());
        assert_eq!(quote.exact, "Tàu chạy");
        assert_eq!(quote.prefix, "Tàu chạy sớm. ");
        assert_eq!(block, 0);
        assert_eq!(passages.anchor(&quote, block), Some(second..second + quote.exact.len()));
        // The text before the first block moves it: still found, by its surroundings.
        let moved =
            Passages::of(&article(Some("Tin mới."), &["Tàu chạy sớm. Tàu chạy muộn.", "Tàu chạy đêm."]));
        let now = moved.text.find("Tàu chạy muộn").unwrap();
        assert_eq!(moved.anchor(&quote, block), Some(now..now + quote.exact.len()));
    }

    #[test]
    fn a_quote_that_no_longer_occurs_is_detached() {
        let passages = Passages::of(&article(None, &["Cầu mới thông xe."]));
        let (quote, block) = passages.quote(0..passages.text.len());
        let edited = Passages::of(&article(None, &["Cầu cũ đóng cửa."]));
        assert_eq!(edited.anchor(&quote, block), None);
        assert_eq!(Passages::default().anchor(&quote, 3), None, "an empty article");
    }

    #[test]
    fn a_range_off_character_boundaries_is_snapped() {
        let passages = Passages::of(&article(None, &["Hà Nội"]));
        // Byte 2 is inside 'à', byte 6 inside 'ộ': both move back to the character's start.
        let (quote, _) = passages.quote(2..6);
        assert_eq!((quote.prefix.as_str(), quote.exact.as_str(), quote.suffix.as_str()), ("H", "à N", "ội"));
    }
}
