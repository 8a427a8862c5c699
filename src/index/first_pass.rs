//! The first passes of a ranked search for words alone (no phrase, `OR`, exclusion, field,
//! date or word being typed): conjunctions of plain terms, whose best hits tantivy finds by
//! skipping whole blocks of postings (block-max WAND) instead of scoring every match. Each pass
//! brings the candidates one of the full query's signals favours — the folded words in the text,
//! the words with their accents as typed, the words in the title, the reader's annotations —
//! and the full query then scores the candidates (see [`super::rank`]).
//!
//! The total is the folded pass's count: the text holds the title, and an exact form is indexed
//! at its folded word's position, so the full query matches where the folded words do.

use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::analysis::{has_exact_form, terms};
use super::build::Analyzers;
use super::query::{Clause, Item, Scope};
use super::schema::Fields;

/// The passes, each ranking some candidates; the first (the folded words in the text) also finds
/// exactly the full query's articles: see [`Passes::count`].
pub struct Passes {
    pub candidates: Vec<Box<dyn Query>>,
}

impl Passes {
    /// The query whose count is the full query's total.
    pub fn count(&self) -> &dyn Query {
        self.candidates[0].as_ref()
    }
}

/// The passes of `items` when they are words alone, each analysed to one term.
pub fn words_only(fields: &Fields, items: &[Item], analyzers: &mut Analyzers) -> Option<Passes> {
    let mut words: Vec<(String, String)> = Vec::new();
    for item in items {
        let [Clause::Text { scope: Scope::Any, text, phrase: false }] = item.alternatives.as_slice() else {
            return None;
        };
        if item.negated {
            return None;
        }
        let (exact, folded) = (terms(&mut analyzers.exact, text), terms(&mut analyzers.folded, text));
        let ([exact], [folded]) = (exact.as_slice(), folded.as_slice()) else { return None };
        words.push((exact.clone(), folded.clone()));
    }
    if words.is_empty() {
        return None;
    }
    let folded: Vec<&str> = words.iter().map(|(_, folded)| folded.as_str()).collect();
    let as_typed: Vec<&str> = words
        .iter()
        .map(|(exact, folded)| if has_exact_form(exact) { exact } else { folded }.as_str())
        .collect();
    // The folded words in the text first: they count the total.
    let mut candidates = vec![all_of(fields.text, &folded), all_of(fields.title, &folded)];
    if as_typed != folded {
        candidates.push(all_of(fields.text, &as_typed));
    }
    Some(Passes { candidates })
}

/// Articles whose `field` holds every word: a term, or a conjunction of terms (the shapes
/// tantivy prunes).
pub fn all_of(field: Field, words: &[&str]) -> Box<dyn Query> {
    let term = |word: &&str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs))
    };
    match words {
        [word] => term(word),
        _ => Box::new(BooleanQuery::new(words.iter().map(|word| (Occur::Must, term(word))).collect())),
    }
}
