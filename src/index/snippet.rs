//! Highlighting query terms accent-insensitively, and the snippet a hit shows.

use std::collections::HashSet;
use std::ops::Range;

use tantivy::tokenizer::TokenStream;

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
/// boundaries (tokens of the folded analyser).
pub fn highlight_ranges(text: &str, terms_wanted: &[String]) -> Vec<Range<usize>> {
    matches(text, &folded_terms(terms_wanted), usize::MAX).into_iter().map(|(range, _)| range).collect()
}

/// The folded forms of the query's terms, without repeats.
fn folded_terms(terms_wanted: &[String]) -> Vec<String> {
    let mut analyzer = folded_analyzer();
    let mut wanted: Vec<String> = terms_wanted.iter().flat_map(|term| terms(&mut analyzer, term)).collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted
}

/// The first `limit` matches of the folded terms `wanted`, each with the index of its term.
/// A query has a handful of terms: comparing with each beats hashing every word of the text.
fn matches(text: &str, wanted: &[String], limit: usize) -> Vec<(Range<usize>, usize)> {
    let mut found = Vec::new();
    if wanted.is_empty() {
        return found;
    }
    let mut analyzer = folded_analyzer();
    let mut stream = analyzer.token_stream(text);
    while found.len() < limit && stream.advance() {
        let token = stream.token();
        if let Some(term) = wanted.iter().position(|term| *term == token.text) {
            found.push((token.offset_from..token.offset_to, term));
        }
    }
    found
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
        let found = matches(text, &wanted, MAX_MATCHES_WEIGHED);
        if !found.is_empty() {
            return window(text, &found);
        }
    }
    window(first, &[])
}

fn window(text: &str, found: &[(Range<usize>, usize)]) -> Snippet {
    let width = byte_span(text, 0, SNIPPET_CHARS).max(1);
    let mut best = (0, 0usize);
    for (at, (range, _)) in found.iter().enumerate() {
        let distinct: HashSet<usize> =
            found[at..].iter().take_while(|(r, _)| r.end <= range.start + width).map(|(_, t)| *t).collect();
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
    let highlights = found
        .iter()
        .filter(|(range, _)| range.start >= start && range.end <= end)
        .map(|(range, _)| to_out(range.start)..to_out(range.end))
        .collect();
    if end < text.len() {
        out.push_str(ELLIPSIS);
    }
    Snippet { text: out, highlights }
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
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn highlights_ignore_accents_and_case_on_word_boundaries() {
        let text = "Hà Nội mưa to; HA NOI lạnh. Hanoi khác.";
        let ranges = highlight_ranges(text, &strings(&["ha", "nội"]));
        let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(found, ["Hà", "Nội", "HA", "NOI"]);
    }

    #[test]
    fn snippet_centres_on_the_densest_window_and_shifts_ranges() {
        let filler = "lorem ipsum dolor ".repeat(30);
        let body = format!("bão đầu tiên. {filler} Cơn bão số 5 đổ bộ miền Trung hôm qua. {filler}");
        let snippet = snippet(&[&body], None, "", &strings(&["bão", "miền", "trung"]));
        assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'), "{}", snippet.text);
        let found: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
        assert_eq!(found, ["bão", "miền", "Trung"]);
    }

    #[test]
    fn falls_back_to_the_lead_then_the_title_then_to_the_start() {
        let with_lead = snippet(&["nothing here"], Some("the Lead has it"), "Title", &strings(&["lead"]));
        assert_eq!(with_lead.text, "the Lead has it");
        assert_eq!(with_lead.highlights, vec![4..8]);
        let with_title = snippet(&["nothing here"], Some("nor here"), "Hà Nội hôm nay", &strings(&["noi"]));
        assert_eq!(&with_title.text[with_title.highlights[0].clone()], "Nội");
        let plain = snippet(&["first line\nsecond"], None, "Title", &strings(&["absent"]));
        assert_eq!(plain.text, "first line second");
        assert!(plain.highlights.is_empty());
    }

    #[test]
    fn whitespace_runs_collapse_and_highlights_follow() {
        let found = snippet(&["a  \n\n  b\t\tcơn   bão  tới"], None, "", &strings(&["bao"]));
        assert_eq!(found.text, "a b cơn bão tới");
        assert_eq!(&found.text[found.highlights[0].clone()], "bão");
    }

    #[test]
    fn a_match_after_a_long_unbroken_run_stays_in_the_window() {
        let body = format!("{}-bão-{} end", "y".repeat(300), "z".repeat(300));
        let found = snippet(&[&body], None, "", &strings(&["bão"]));
        assert_eq!(found.highlights.len(), 1);
        assert_eq!(&found.text[found.highlights[0].clone()], "bão");
    }
}
