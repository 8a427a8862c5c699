//! The first passes of a ranked search for plain text alone — words and quoted phrases, with
//! no `OR`, exclusion, field, date or word being typed: conjunctions of each word's term and
//! each phrase, whose best hits are found without the full query's optional clauses. Words alone
//! are pruned by block-max WAND (tantivy skips whole blocks of postings), and so is a phrase of
//! two common words (one pair's term: see [`super::pairs`]); any other phrase has no block
//! maxima, so its pass walks every match once, counting the total on the way. Each pass brings
//! the candidates one of the full query's signals favours — the folded text, the accents as
//! typed, the title, the reader's annotations — and the full query then scores the candidates
//! (see [`super::rank`]).
//!
//! The total is the folded pass's count: the text holds the title, and an exact form is indexed
//! at its folded word's position, so the full query matches where the folded text does.

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;

use super::build::{field_query, Analyzers};
use super::pairs::{phrase_units, PairWords};
use super::query::{Clause, Item, Scope};
use super::schema::Fields;

/// The passes, each ranking some candidates; the first (the folded text) also finds exactly the
/// full query's articles: see [`Passes::count`].
pub struct Passes {
    pub candidates: Vec<Box<dyn Query>>,
    /// The first pass has a phrase: it cannot skip, so it counts while it ranks.
    pub first_walks_every_match: bool,
}

impl Passes {
    /// The query whose count is the full query's total.
    pub fn count(&self) -> &dyn Query {
        self.candidates[0].as_ref()
    }
}

/// A word (one token) or a phrase (several, in order), as the query's analysers read it.
type Tokens = Vec<String>;

/// The passes of `items` when they are plain text alone: each item a word or a phrase.
pub fn plain_text(fields: &Fields, items: &[Item], analyzers: &mut Analyzers) -> Option<Passes> {
    let mut folded: Vec<Tokens> = Vec::new();
    let mut exact: Vec<Tokens> = Vec::new();
    for item in items {
        let [Clause::Text { scope: Scope::Any, text, phrase }] = item.alternatives.as_slice() else {
            return None;
        };
        // Words typed apart inside one item are the full query's own conjunction: left to it.
        if item.negated || (!phrase && text.split_whitespace().nth(1).is_some()) {
            return None;
        }
        let (as_typed, plain) = analyzers.read(text)?;
        exact.push(as_typed);
        folded.push(plain);
    }
    if folded.is_empty() {
        return None;
    }
    let has_phrase = folded.iter().any(|tokens| tokens.len() > 1);
    // A phrase of common words is one pair's term: it skips like a word.
    let walks_positions = folded.iter().any(|tokens| phrase_units(tokens, analyzers.pairs).len() > 1);
    // The folded text first: it counts the total.
    let pairs = analyzers.pairs;
    let mut candidates = vec![all_of(fields.text, &folded, pairs), all_of(fields.title, &folded, pairs)];
    // A second walk of a phrase's every match costs what the first did: the accents as typed
    // are left to the rescoring there (in saved news the folded and the accented text agree).
    if exact != folded && !has_phrase {
        candidates.push(all_of(fields.text, &exact, pairs));
    }
    Some(Passes { candidates, first_walks_every_match: walks_positions })
}

/// Articles whose `field` holds every word and phrase: a term, or a conjunction of terms and
/// phrases.
pub fn all_of(field: Field, units: &[Tokens], pairs: &PairWords) -> Box<dyn Query> {
    match units {
        [unit] => field_query(field, unit, pairs),
        _ => Box::new(BooleanQuery::new(
            units.iter().map(|unit| (Occur::Must, field_query(field, unit, pairs))).collect(),
        )),
    }
}
