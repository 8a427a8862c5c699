//! Word wrapping by display width (CJK and emoji are two columns; combining marks none), and
//! splitting text at highlight ranges. Works on byte ranges so highlights survive wrapping.

use std::ops::Range;

use unicode_width::UnicodeWidthChar;

pub fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

pub fn text_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// The byte ranges of `text`'s lines when wrapped to `width` columns (at least 1). Breaks at
/// spaces, splits words longer than a line, keeps hard newlines. Empty text gives one empty line.
pub fn wrap(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut offset = 0;
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, offset, width, &mut lines);
        offset += paragraph.len() + 1;
    }
    lines
}

fn wrap_paragraph(text: &str, base: usize, width: usize, lines: &mut Vec<Range<usize>>) {
    let mut start: Option<usize> = None; // first byte of the current line
    let mut end = 0; // end of the last word on the current line
    let mut used = 0; // columns used by the current line
    for (word_start, word) in words(text) {
        let word_width = text_width(word);
        let gap = match start {
            Some(_) => text_width(&text[end..word_start]),
            None => 0,
        };
        if start.is_some() && used + gap + word_width <= width {
            used += gap + word_width;
            end = word_start + word.len();
            continue;
        }
        if let Some(line_start) = start.take() {
            lines.push(base + line_start..base + end);
        }
        // The word starts a new line; split it when it is wider than a whole line.
        let mut piece_start = word_start;
        let mut piece_width = 0;
        for (index, c) in word.char_indices() {
            let w = char_width(c);
            if piece_width + w > width && piece_width > 0 {
                lines.push(base + piece_start..base + word_start + index);
                piece_start = word_start + index;
                piece_width = 0;
            }
            piece_width += w;
        }
        start = Some(piece_start);
        end = word_start + word.len();
        used = piece_width;
    }
    match start {
        Some(line_start) => lines.push(base + line_start..base + end),
        None => lines.push(base..base),
    }
}

/// Words with their byte offsets, split on spaces.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .filter(|(_, word)| !word.is_empty())
}

/// `text[range]` cut into pieces, each marked whether it lies in one of `highlights` (sorted or
/// not, possibly overlapping, possibly out of bounds or off char boundaries: those are ignored).
pub fn split_highlighted<'a>(
    text: &'a str,
    range: Range<usize>,
    highlights: &[Range<usize>],
) -> Vec<(&'a str, bool)> {
    split_layers(text, range, &[highlights]).into_iter().map(|(piece, layers)| (piece, layers != 0)).collect()
}

/// [`split_highlighted`] for several layers of ranges at once: each piece with a bit set for
/// every layer (bit `i` for `layers[i]`, at most 8) whose ranges cover it.
pub fn split_layers<'a>(
    text: &'a str,
    range: Range<usize>,
    layers: &[&[Range<usize>]],
) -> Vec<(&'a str, u8)> {
    let usable = |h: &Range<usize>| {
        let clipped = h.start.max(range.start)..h.end.min(range.end);
        let fits = clipped.start < clipped.end
            && text.is_char_boundary(clipped.start)
            && text.is_char_boundary(clipped.end);
        fits.then_some(clipped)
    };
    let clipped: Vec<Vec<Range<usize>>> =
        layers.iter().map(|ranges| ranges.iter().filter_map(usable).collect()).collect();
    let mut cuts: Vec<usize> = clipped.iter().flatten().flat_map(|h| [h.start, h.end]).collect();
    cuts.extend([range.start, range.end]);
    cuts.sort_unstable();
    cuts.dedup();
    let mut pieces: Vec<(&str, u8)> = Vec::new();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let mut bits = 0;
        for (layer, ranges) in clipped.iter().enumerate() {
            if ranges.iter().any(|h| h.start <= start && end <= h.end) {
                bits |= 1 << layer;
            }
        }
        // Neighbours with the same marks are one piece.
        match pieces.last_mut() {
            Some((last, last_bits)) if *last_bits == bits => *last = &text[start - last.len()..end],
            _ => pieces.push((&text[start..end], bits)),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        wrap(text, width).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_by_display_width() {
        assert_eq!(wrapped("Hà Nội mở tuyến metro mới", 10), ["Hà Nội mở", "tuyến", "metro mới"]);
        assert_eq!(wrapped("漢字漢字 abc", 4), ["漢字", "漢字", "abc"]);
    }

    #[test]
    fn splits_words_longer_than_a_line_and_keeps_newlines() {
        assert_eq!(wrapped("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrapped("one\n\ntwo", 10), ["one", "", "two"]);
        assert_eq!(wrapped("", 5), [""]);
        assert_eq!(wrapped("word", 0), ["w", "o", "r", "d"]);
    }

    #[test]
    fn no_line_is_wider_than_the_width() {
        let text = "Tàu điện trên cao tuyến Nhổn – ga Hà Nội chạy thử 漢字漢字漢字 supercalifragilistic";
        for width in 1..30 {
            for line in wrapped(text, width) {
                assert!(text_width(line) <= width.max(2), "{line:?} at {width}");
            }
        }
    }

    #[test]
    fn highlights_split_pieces_and_survive_bad_ranges() {
        let text = "ha noi and Hà Nội";
        let pieces = split_highlighted(text, 0..text.len(), &[11..text.len(), 0..2, 40..50]);
        assert_eq!(pieces, [("ha", true), (" noi and ", false), ("Hà Nội", true)]);
        let inside = split_highlighted(text, 3..6, &[0..4, 12..13]);
        assert_eq!(inside, [("n", true), ("oi", false)]);
    }
}
