//! Search-as-you-type: the word being typed, completed from the index's own terms, so that
//! "ha no" finds "Hà Nội" before the word is finished. Bounded: a few thousand terms read per
//! segment, the most frequent completions kept.

use std::collections::HashMap;

use tantivy::query::{ConstScoreQuery, Query, TermSetQuery};
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader, Term};

/// Completions kept: the most frequent ones (by documents).
const MAX_COMPLETIONS: usize = 16;
/// Terms read per segment in the prefix's range of the dictionary.
const MAX_TERMS_SCANNED: usize = 4096;
/// What a completion adds to a document's score: less than any whole-word match.
const COMPLETION_SCORE: f32 = 0.01;

/// The most frequent folded terms of `field` that start with the folded word `prefix` (longer
/// than it), most frequent first.
pub fn completions(searcher: &Searcher, field: Field, prefix: &str) -> Vec<String> {
    // Folded terms are ASCII; an exact (accented) form is never a completion.
    let Some(upper) = prefix_end(prefix) else { return Vec::new() };
    // A large library's segments read on two cores, each group's counts added after.
    let asked = prefix.to_string();
    let mut documents = Documents::default();
    for counted in super::split::each(searcher, super::split::large(searcher), move |searcher, segments| {
        let mut documents = Documents::default();
        for &segment in segments {
            count_in(searcher.segment_reader(segment), field, &asked, &upper, &mut documents);
        }
        documents
    }) {
        for (term, count) in counted {
            *documents.entry(term).or_default() += count;
        }
    }
    let mut ranked: Vec<(Vec<u8>, u32)> = documents.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    ranked.into_iter().take(MAX_COMPLETIONS).filter_map(|(term, _)| String::from_utf8(term).ok()).collect()
}

/// Documents of each term; hashed fast (the keys are the index's own terms, not an attacker's).
type Documents = HashMap<Vec<u8>, u32, xxhash_rust::xxh3::Xxh3DefaultBuilder>;

/// Adds the documents of one segment's terms in `prefix..upper` (the first few thousand).
fn count_in(segment: &SegmentReader, field: Field, prefix: &str, upper: &[u8], documents: &mut Documents) {
    let Ok(index) = segment.inverted_index(field) else { return };
    let Ok(mut stream) = index.terms().range().ge(prefix.as_bytes()).lt(upper).into_stream() else {
        return;
    };
    let mut scanned = 0;
    while scanned < MAX_TERMS_SCANNED && stream.advance() {
        scanned += 1;
        let key = stream.key();
        // A pair of common words is no completion of one.
        if key.len() > prefix.len() && key.is_ascii() && !super::pairs::is_pair(key) {
            let found = stream.value().doc_freq;
            // The words of one segment are mostly in the others too: a key is copied once.
            match documents.get_mut(key) {
                Some(count) => *count += found,
                None => {
                    documents.insert(key.to_vec(), found);
                }
            }
        }
    }
}

/// The first byte string after every string starting with `prefix` (an ASCII word).
fn prefix_end(prefix: &str) -> Option<Vec<u8>> {
    let mut end = prefix.as_bytes().to_vec();
    let last = end.last_mut().filter(|byte| byte.is_ascii_alphanumeric())?;
    *last += 1;
    prefix.is_ascii().then_some(end)
}

/// Any of `terms` in `field`, at the constant completion score.
pub fn completion_query(field: Field, terms: &[String]) -> Box<dyn Query> {
    let terms = terms.iter().map(|term| Term::from_field_text(field, term));
    Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), COMPLETION_SCORE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_of_a_prefix_ends_after_its_last_letter() {
        assert_eq!(prefix_end("no").as_deref(), Some(&b"np"[..]));
        assert_eq!(prefix_end("a9").as_deref(), Some(&b"a:"[..]));
        assert_eq!(prefix_end(""), None);
        assert_eq!(prefix_end("мо"), None);
    }
}
