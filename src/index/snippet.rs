//! Highlighting query terms accent-insensitively, and the snippet a hit shows.

use std::collections::{HashSet, VecDeque};
use std::ops::Range;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::analysis::{folded_analyzer, terms};
use super::types::Snippet;

/// About this many characters of context in a snippet.
const SNIPPET_CHARS: usize = 180;
/// Characters kept before the first highlighted term.
const LEAD_IN_CHARS: usize = 40;
/// Only the first matches are weighed when choosing the window: reading a long article to
/// its end costs more than a slightly better snippet is worth.
const MAX_MATCHES_WEIGHED: usize = 48;
const ELLIPSIS: &str = "…";

/// Byte ranges in `text` where any of `terms` occurs, accent- and case-insensitively, on word
/// boundaries (tokens of the folded analyser). A term of several words (a phrase, see
/// [`highlight_terms`]) matches only where they follow one another, as one range from the first
/// word's start to the last one's end; overlapping matches are merged, so ranges are in order.
pub fn highlight_ranges(text: &str, terms_wanted: &[String]) -> Vec<Range<usize>> {
    merged(matches(text, &folded_terms(terms_wanted), usize::MAX, None).into_iter().map(|(range, _)| range))
}

/// The terms to highlight for a clause of the query, as the query reads it: a quoted phrase is
/// one term, its words joined by spaces; otherwise each word typed apart is one, a word the
/// analyser splits ("covid-19") one term of its pieces. Each keeps at most `max_words` words, as
/// the query's phrases do.
pub fn highlight_terms(
    analyzer: &mut TextAnalyzer,
    text: &str,
    phrase: bool,
    max_words: usize,
) -> Vec<String> {
    let mut joined = |text: &str| {
        let words = terms(analyzer, text);
        (!words.is_empty()).then(|| words.into_iter().take(max_words).collect::<Vec<_>>().join(" "))
    };
    match phrase {
        true => joined(text).into_iter().collect(),
        false => text.split_whitespace().filter_map(joined).collect(),
    }
}

/// The folded words of each of the query's terms (one for a word, several for a phrase),
/// without repeats.
fn folded_terms(terms_wanted: &[String]) -> Vec<Vec<String>> {
    let mut analyzer = folded_analyzer();
    let mut wanted: Vec<Vec<String>> = terms_wanted
        .iter()
        .map(|term| terms(&mut analyzer, term))
        .filter(|words| !words.is_empty())
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// The first `limit` matches of the folded terms `wanted`, each with the index of its term, in
/// the order they end. One pass over the text's tokens, keeping the last few: at each token, a
/// term of k words compares the k tokens that end there (a query has a handful of terms:
/// comparing with each beats hashing every word of the text).
///
/// With `full_within` (a snippet window's width in bytes), the pass also ends once a window
/// that wide holds every term and the tokens kept start past it by a snippet's most bytes:
/// no later window holds more terms, and every match a snippet cut there can show is found —
/// [`window`] then chooses as it would from every match (an article's first paragraph often
/// holds all the words; reading the rest cost most of a snippet).
fn matches(
    text: &str,
    wanted: &[Vec<String>],
    limit: usize,
    full_within: Option<usize>,
) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    let longest = wanted.iter().map(Vec::len).max().unwrap_or(0);
    if longest == 0 {
        return found;
    }
    let mut recent: VecDeque<(String, usize)> = VecDeque::with_capacity(longest);
    let mut analyzer = folded_analyzer();
    let mut stream = analyzer.token_stream(text);
    // Each term's last match, the end of the longest-reaching one, and where reading may stop.
    let mut last: Vec<Option<Range<usize>>> = vec![None; wanted.len()];
    let (mut furthest_end, mut stop_at) = (0, usize::MAX);
    while found.len() < limit && stream.advance() {
        let token = stream.token();
        // The oldest word's buffer is reused: no allocation per word of a long article.
        let mut word = if recent.len() == longest { recent.pop_front().map(|(word, _)| word) } else { None }
            .unwrap_or_default();
        word.clear();
        word.push_str(&token.text);
        recent.push_back((word, token.offset_from));
        for (term, words) in wanted.iter().enumerate() {
            let Some(first) = recent.len().checked_sub(words.len()) else { continue };
            if recent.range(first..).zip(words).all(|((seen, _), word)| seen == word) {
                let range = recent[first].1..token.offset_to;
                furthest_end = furthest_end.max(range.end);
                last[term] = Some(range.clone());
                found.push((range, term));
                if let Some(width) = full_within {
                    stop_at = stop_at.min(full_window_end(&last, width));
                }
            }
        }
        // Every later match starts at or after the oldest token kept.
        let oldest = recent.front().map_or(0, |(_, start)| *start);
        if oldest >= stop_at && oldest >= furthest_end {
            break;
        }
    }
    found.truncate(limit);
    found
}

/// Where reading may stop when the terms' last matches (`last`) fit in one window `width`
/// wide: a snippet's most bytes past its start (`usize::MAX` while they do not).
fn full_window_end(last: &[Option<Range<usize>>], width: usize) -> usize {
    let (mut start, mut end) = (usize::MAX, 0);
    for range in last {
        let Some(range) = range else { return usize::MAX };
        (start, end) = (start.min(range.start), end.max(range.end));
    }
    // A window, and a snippet cut around it, is at most four bytes a character.
    match end <= start.saturating_add(width) {
        true => start.saturating_add(SNIPPET_CHARS * 4),
        false => usize::MAX,
    }
}

/// `ranges` in order, overlapping ones made one.
fn merged(ranges: impl Iterator<Item = Range<usize>>) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = ranges.collect();
    ranges.sort_unstable_by_key(|range| (range.start, range.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match out.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => out.push(range),
        }
    }
    out
}

/// The best piece of the body for `terms` — else of the lead, else of the title, whichever
/// has a match — on one line, with highlight ranges into the snippet's text. The window holds
/// the most distinct terms; without any match, the body's start.
pub fn snippet(body: &[&str], lead: Option<&str>, title: &str, terms_wanted: &[String]) -> Snippet {
    let wanted = folded_terms(terms_wanted);
    let body = body.join("\n\n");
    let candidates = [Some(body.as_str()), lead, Some(title)];
    let mut texts = candidates.into_iter().flatten().filter(|text| !text.trim().is_empty());
    let Some(first) = texts.next() else { return Snippet::default() };
    for text in std::iter::once(first).chain(texts) {
        let mut found = matches(text, &wanted, MAX_MATCHES_WEIGHED, Some(window_width(text)));
        if !found.is_empty() {
            // A phrase's match ends where it ends but starts before matches inside it.
            found.sort_unstable_by_key(|(range, term)| (range.start, range.end, *term));
            return window(text, &found);
        }
    }
    window(first, &[])
}

/// The snippet around the window of `found` (in the order they start) that holds the most
/// distinct terms.
fn window(text: &str, found: &[(Range<usize>, usize)]) -> Snippet {
    let width = window_width(text);
    let mut best = (0, 0usize);
    for (at, (range, _)) in found.iter().enumerate() {
        let reach = range.start + width;
        let distinct: HashSet<usize> = found[at..]
            .iter()
            .take_while(|(r, _)| r.start < reach)
            .filter(|(r, _)| r.end <= reach)
            .map(|(_, t)| *t)
            .collect();
        if distinct.len() > best.1 {
            best = (at, distinct.len());
        }
    }
    let anchor = found.get(best.0).map_or(0..0, |(range, _)| range.clone());
    // Never cut the anchoring match out, however long the words around it.
    let start = word_start(text, back_chars(text, anchor.start, LEAD_IN_CHARS)).min(anchor.start);
    let end = word_end(text, start + byte_span(text, start, SNIPPET_CHARS)).max(anchor.end);
    let mut out = String::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
    }
    // Where each source character landed, to move the highlight ranges.
    let mut landed: Vec<(usize, usize)> = Vec::new();
    let mut in_space = false;
    for (at, c) in text[start..end].char_indices() {
        landed.push((start + at, out.len()));
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    let text_end = out.len();
    let to_out = |source: usize| match landed.binary_search_by_key(&source, |(from, _)| *from) {
        Ok(at) => landed[at].1,
        Err(_) => text_end,
    };
    let inside =
        found.iter().map(|(range, _)| range.clone()).filter(|range| range.start >= start && range.end <= end);
    let highlights = merged(inside).into_iter().map(|range| to_out(range.start)..to_out(range.end)).collect();
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    Snippet { text: out, highlights }
}

/// A window's width in bytes: a snippet's characters at the text's start.
fn window_width(text: &str) -> usize {
    byte_span(text, 0, SNIPPET_CHARS).max(1)
}

/// Bytes taken by up to `chars` characters of `text` from byte `from`.
fn byte_span(text: &str, from: usize, chars: usize) -> usize {
    text[from..].char_indices().nth(chars).map_or(text.len() - from, |(at, _)| at)
}

/// The byte index `chars` characters before `at`.
fn back_chars(text: &str, at: usize, chars: usize) -> usize {
    text[..at].char_indices().rev().nth(chars.saturating_sub(1)).map_or(0, |(index, _)| index)
}

/// Moves `at` forward to the start of a word (unless that is the text's start).
fn word_start(text: &str, at: usize) -> usize {
    if at == 0 {
        return 0;
    }
    match text[at..].find(char::is_whitespace) {
        Some(space) => {
            let after = at + space;
            after + text[after..].chars().take_while(|c| c.is_whitespace()).map(char::len_utf8).sum::<usize>()
        }
        None => at,
    }
}

/// Moves `at` back to the end of a word (unless that is the text's end).
fn word_end(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    text[..at].rfind(char::is_whitespace).map_or(at, |space| space)
}

#[cfg(test)]
#[path = "snippet_tests.rs"]
mod tests;
