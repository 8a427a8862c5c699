//! Selecting a passage with the keyboard: the selection starts at a word and its end moves by
//! words, lines, sentences and paragraphs over the article's text ([`Passages`]), always on a
//! word's end and never before the end of its first word.

use std::ops::Range;

use crate::store::Passages;

/// How `w`/`b`, `j`/`k`, `)`/`(` and `}`/`{` move the selection's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SelectionMove {
    Word,
    WordBack,
    Line,
    LineBack,
    Sentence,
    SentenceBack,
    Paragraph,
    ParagraphBack,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub start: usize,
    pub end: usize,
    /// The end of the first word: the selection never shrinks below it.
    pub first_end: usize,
}

impl Selection {
    /// The word at or after `at`, if the text has one there.
    pub fn at_word(text: &str, at: usize) -> Option<Selection> {
        let start = at + text.get(at..)?.find(|c: char| !c.is_whitespace())?;
        let end = word_end(text, start);
        Some(Selection { start, end, first_end: end })
    }

    /// The whole words from the one at `start` to the one at `end` (a drag's two ends).
    pub fn spanning(text: &str, start: usize, end: usize) -> Option<Selection> {
        let mut selection = Selection::at_word(text, word_start(text, start))?;
        selection.end = word_end(text, word_start(text, end).max(selection.start)).max(selection.first_end);
        Some(selection)
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Moves the end; `lines` are the layout's lines as ranges of the text, in order.
    pub fn extend(&mut self, passages: &Passages, lines: &[Range<usize>], how: SelectionMove) {
        let text = passages.text.as_str();
        let end = self.end;
        let moved = match how {
            SelectionMove::Word => word_end(text, end),
            SelectionMove::WordBack => previous_word_end(text, end),
            SelectionMove::Line => {
                match lines.iter().position(|line| line.end >= end && line.start < end.max(1)) {
                    Some(at) => lines.get(at + 1).map_or(end, |next| next.end),
                    None => end,
                }
            }
            SelectionMove::LineBack => {
                let current = lines.iter().position(|line| line.end >= end && line.start < end);
                match current.and_then(|at| at.checked_sub(1)) {
                    Some(before) => lines[before].end,
                    None => end,
                }
            }
            SelectionMove::Sentence => sentence_end_after(text, end),
            SelectionMove::SentenceBack => sentence_end_before(text, end),
            SelectionMove::Paragraph => {
                let block = passages.block_range(passages.block_of(end.saturating_sub(1)));
                if end < block.end {
                    block.end
                } else {
                    passages.block_range(passages.block_of(end.saturating_sub(1)) + 1).end.max(end)
                }
            }
            SelectionMove::ParagraphBack => {
                let block = passages.block_of(end.saturating_sub(1));
                block.checked_sub(1).map_or(self.first_end, |before| passages.block_range(before).end)
            }
        };
        self.end = moved.clamp(self.first_end, text.len());
    }
}

/// The start of the word `at` is in (or of the spaces before the next one).
fn word_start(text: &str, at: usize) -> usize {
    let at = (at.min(text.len())..=text.len()).find(|&at| text.is_char_boundary(at)).unwrap_or(text.len());
    text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(space, c)| space + c.len_utf8())
}

/// The end of the word at or after `at` (spaces skipped first).
fn word_end(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let start = rest.find(|c: char| !c.is_whitespace()).unwrap_or(rest.len());
    let length = rest[start..].find(char::is_whitespace).unwrap_or(rest.len() - start);
    at + start + length
}

/// The end of the word before the one that ends at `at`.
fn previous_word_end(text: &str, at: usize) -> usize {
    let before = text[..at].trim_end();
    let word_start = before.rfind(char::is_whitespace).map_or(0, |space| space + 1);
    text[..word_start].trim_end().len()
}

/// Whether a sentence ends at byte `at` (just after its punctuation and closing marks).
fn ends_sentence(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches(['"', '\'', '”', '’', ')', '»']);
    before.ends_with(['.', '!', '?', '…']) && text[at..].chars().next().is_none_or(char::is_whitespace)
}

fn sentence_end_after(text: &str, at: usize) -> usize {
    let mut ends = text[at..].char_indices().map(|(offset, c)| at + offset + c.len_utf8());
    ends.find(|&end| end > at && (ends_sentence(text, end) || text[end..].starts_with("\n\n")))
        .unwrap_or(text.len())
}

fn sentence_end_before(text: &str, at: usize) -> usize {
    let mut ends = text[..at].char_indices().rev().map(|(offset, _)| offset);
    ends.find(|&end| end > 0 && (ends_sentence(text, end) || text[end..].starts_with("\n\n"))).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block, Format};

    fn passages(blocks: &[&str]) -> Passages {
        let mut article = Article::new("/a.txt", Format::Plain, "T");
        article.body = blocks.iter().map(|text| Block::paragraph(*text)).collect();
        Passages::of(&article)
    }

    fn selected(passages: &Passages, selection: &Selection) -> String {
        passages.text[selection.range()].to_string()
    }

    #[test]
    fn words_sentences_and_paragraphs_move_the_end() {
        let p = passages(&["Tàu chạy sớm. Khách đông! Vé rẻ.", "Đoạn hai có chữ."]);
        let mut s = Selection::at_word(&p.text, 0).unwrap();
        assert_eq!(selected(&p, &s), "Tàu");
        s.extend(&p, &[], SelectionMove::Word);
        assert_eq!(selected(&p, &s), "Tàu chạy");
        s.extend(&p, &[], SelectionMove::Sentence);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm.");
        s.extend(&p, &[], SelectionMove::Sentence);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm. Khách đông!");
        s.extend(&p, &[], SelectionMove::SentenceBack);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm.");
        s.extend(&p, &[], SelectionMove::Paragraph);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm. Khách đông! Vé rẻ.");
        s.extend(&p, &[], SelectionMove::Paragraph);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm. Khách đông! Vé rẻ.\n\nĐoạn hai có chữ.");
        s.extend(&p, &[], SelectionMove::ParagraphBack);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm. Khách đông! Vé rẻ.");
        s.extend(&p, &[], SelectionMove::WordBack);
        assert_eq!(selected(&p, &s), "Tàu chạy sớm. Khách đông! Vé");
        for _ in 0..20 {
            s.extend(&p, &[], SelectionMove::WordBack);
        }
        assert_eq!(selected(&p, &s), "Tàu", "never below the first word");
        for _ in 0..40 {
            s.extend(&p, &[], SelectionMove::Word);
        }
        assert_eq!(s.end, p.text.len(), "never past the end");
    }

    #[test]
    fn lines_move_the_end_to_the_next_or_previous_line_end() {
        let p = passages(&["một hai ba bốn năm sáu"]);
        let lines = [
            0..p.text.find(" ba").unwrap(),
            p.text.find("ba").unwrap()..p.text.find(" năm").unwrap(),
            p.text.find("năm").unwrap()..p.text.len(),
        ];
        let mut s = Selection::at_word(&p.text, 0).unwrap();
        s.extend(&p, &lines, SelectionMove::Line);
        assert_eq!(selected(&p, &s), "một hai ba bốn");
        s.extend(&p, &lines, SelectionMove::Line);
        assert_eq!(selected(&p, &s), "một hai ba bốn năm sáu");
        s.extend(&p, &lines, SelectionMove::LineBack);
        assert_eq!(selected(&p, &s), "một hai ba bốn");
        s.extend(&p, &lines, SelectionMove::LineBack);
        assert_eq!(selected(&p, &s), "một hai");
    }
}
