//! The first passes of a ranked search for plain text alone — words and quoted phrases, and
//! exclusions of them (`-word`), with no `OR`, field, date or word being typed: conjunctions of
//! each word's term and each phrase, whose best hits are found without the full query's optional
//! clauses. Words alone are pruned by block-max WAND (tantivy skips whole blocks of postings),
//! and so is a phrase of two common words (one pair's term: see [`super::pairs`]); any other
//! phrase has no block maxima, so its pass walks every match once, counting the total on the
//! way. Each pass brings the candidates one of the full query's signals favours — the folded
//! text, the accents as typed, the title, the reader's annotations — and the full query then
//! scores the candidates (see [`super::rank`]). The excluded articles are skipped by every pass
//! and by the count.
//!
//! The total is counted in the folded text: the text holds the title, and an exact form is
//! indexed at its folded word's position, so the full query matches where the folded text does,
//! and so does each excluded item. (`OR` stays with the full query: spread into a conjunction
//! per choice it cost 1.2× at 35k articles and saved nothing at 354k, BENCHMARKS.md.)

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;

use super::build::{field_query, Analyzers};
use super::pairs::{phrase_units, PairWords};
use super::query::{Clause, Item, Scope};
use super::schema::Fields;

/// The passes, each ranking some candidates, and the words and phrases that count the full
/// query's articles.
pub struct Passes {
    pub candidates: Vec<Box<dyn Query>>,
    /// The folded text's words and phrases: less the excluded articles, they match exactly what
    /// the full query does.
    pub wanted: Vec<Box<dyn Query>>,
    /// The folded text's words and phrases the full query excludes (each matches where the
    /// excluded item's every field does): no pass's candidate, never counted.
    pub excluded: Vec<Box<dyn Query>>,
    /// The first pass (the folded text) has a phrase: it cannot skip, so it counts while it
    /// ranks.
    pub first_walks_every_match: bool,
}

impl Passes {
    /// The articles of the folded text (the excluded ones among them).
    pub fn matching(&self) -> Box<dyn Query> {
        self.candidates[0].box_clone()
    }

    /// The full query's articles: the folded text less the excluded words, counted by tantivy's
    /// own walk (it seeks the longer posting lists by the shorter). With nothing excluded, the
    /// folded pass itself (a word alone: its term, counted from its document frequency).
    pub fn counted(&self) -> Box<dyn Query> {
        if self.excluded.is_empty() {
            return self.matching();
        }
        let wanted = self.wanted.iter().map(|unit| (Occur::Must, unit.box_clone()));
        let unwanted = self.excluded.iter().map(|unit| (Occur::MustNot, unit.box_clone()));
        Box::new(BooleanQuery::new(wanted.chain(unwanted).collect()))
    }
}

/// A word (one token) or a phrase (several, in order), as the query's analysers read it.
type Tokens = Vec<String>;

/// The passes of `items` when they ask for plain text alone: each item a word or a phrase,
/// wanted or excluded.
pub fn plain_text(fields: &Fields, items: &[Item], analyzers: &mut Analyzers) -> Option<Passes> {
    let mut exact: Vec<Tokens> = Vec::new();
    let mut folded: Vec<Tokens> = Vec::new();
    let mut unwanted: Vec<Tokens> = Vec::new();
    for item in items {
        if !item.negated && item.alternatives.len() > 1 {
            return None;
        }
        for clause in &item.alternatives {
            let Clause::Text { scope: Scope::Any, text, phrase } = clause else { return None };
            // Words typed apart inside one item are the full query's own conjunction: left to it.
            if !phrase && text.split_whitespace().nth(1).is_some() {
                return None;
            }
            // Nothing to search: the full query leaves the alternative out too.
            let Some((as_typed, plain)) = analyzers.read(text) else {
                if item.negated {
                    continue;
                }
                return None;
            };
            if item.negated {
                unwanted.push(plain);
            } else {
                exact.push(as_typed);
                folded.push(plain);
            }
        }
    }
    if folded.is_empty() {
        return None;
    }
    let pairs = analyzers.pairs;
    let has_phrase = folded.iter().any(|tokens| tokens.len() > 1);
    // A phrase of common words is one pair's term: it skips like a word.
    let walks_positions = folded.iter().any(|tokens| phrase_units(tokens, pairs).len() > 1);
    // The folded text first: it counts the total.
    let mut candidates = vec![all_of(fields.text, &folded, pairs), all_of(fields.title, &folded, pairs)];
    // A second walk of a phrase's every match costs what the first did: the accents as typed
    // are left to the rescoring there (in saved news the folded and the accented text agree).
    if exact != folded && !has_phrase {
        candidates.push(all_of(fields.text, &exact, pairs));
    }
    let in_text = |units: &[Tokens]| units.iter().map(|unit| field_query(fields.text, unit, pairs)).collect();
    Some(Passes {
        candidates,
        wanted: in_text(&folded),
        excluded: in_text(&unwanted),
        first_walks_every_match: walks_positions,
    })
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
