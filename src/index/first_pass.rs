//! The first passes of a ranked search for plain text alone — words and quoted phrases, choices
//! of them (`OR`), and exclusions of them (`-word`), with no field, date or word being typed:
//! conjunctions of each word's term, each phrase and each choice, whose best hits are found
//! without the full query's optional clauses. Words alone are pruned by block-max WAND (tantivy
//! skips whole blocks of postings), and so is a phrase of two common words (one pair's term: see
//! [`super::pairs`]); any other phrase, or a choice, cannot skip, so its pass walks every match
//! once, counting the total on the way. Each pass brings the candidates one of the full query's
//! signals favours — the folded text, the accents as typed, the title, the reader's annotations
//! — and the full query then scores the candidates (see [`super::rank`]). With accents typed on
//! words alone, the words as typed take the folded text's place (its best articles hold other
//! words of the same letters), and the folded text walks only when they find fewer articles than
//! are kept. The excluded articles are skipped by every pass and by the count.
//!
//! The total is counted in the folded text: the text holds the title, and an exact form is
//! indexed at its folded word's position, so the full query matches where the folded text does,
//! and so does each excluded item. (A choice is a union inside one pass: spread into a
//! conjunction per choice it cost 1.2× at 35k articles and saved nothing at 354k, BENCHMARKS.md;
//! inside a conjunction it is a [`Choice`], sought where the conjunction's other words lead.)

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;

use super::build::{field_query, Analyzers};
use super::choice::Choice;
use super::pairs::{phrase_units, PairWords};
use super::query::{Clause, Item, Scope};
use super::schema::Fields;

/// The passes, each ranking some candidates, and the words and phrases that count the full
/// query's articles.
pub struct Passes {
    pub candidates: Vec<Box<dyn Query>>,
    /// The folded text's words, phrases and choices: the articles of the full query, the
    /// excluded ones among them.
    matching: Box<dyn Query>,
    /// The folded text's words, phrases and choices, each apart: less the excluded articles,
    /// they match exactly what the full query does.
    pub wanted: Vec<Box<dyn Query>>,
    /// The folded text's words and phrases the full query excludes (each matches where the
    /// excluded item's every field does): no pass's candidate, never counted.
    pub excluded: Vec<Box<dyn Query>>,
    /// The first pass (the folded text) has a phrase or a choice: it cannot skip, so it counts
    /// while it ranks.
    pub first_walks_every_match: bool,
    /// Accents typed on words alone: the first pass is the words as typed, and the folded
    /// text's (`matching`) walks only when that one finds fewer articles than are kept.
    pub exact_words_first: bool,
}

impl Passes {
    /// The articles of the folded text (the excluded ones among them).
    pub fn matching(&self) -> Box<dyn Query> {
        self.matching.box_clone()
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

/// The passes of `items` when they ask for plain text alone: each item a word or a phrase, or
/// a choice of them (`OR`), wanted or excluded.
pub fn plain_text(fields: &Fields, items: &[Item], analyzers: &mut Analyzers) -> Option<Passes> {
    // Each wanted item's choices, as typed and folded.
    let mut exact: Vec<Vec<Tokens>> = Vec::new();
    let mut folded: Vec<Vec<Tokens>> = Vec::new();
    let mut unwanted: Vec<Tokens> = Vec::new();
    for item in items {
        let (mut as_typed_choices, mut plain_choices) = (Vec::new(), Vec::new());
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
                as_typed_choices.push(as_typed);
                plain_choices.push(plain);
            }
        }
        if !plain_choices.is_empty() {
            exact.push(as_typed_choices);
            folded.push(plain_choices);
        }
    }
    if folded.is_empty() {
        return None;
    }
    let pairs = analyzers.pairs;
    let units = || folded.iter().flatten();
    let has_phrase = units().any(|tokens| tokens.len() > 1);
    // A choice cannot skip (tantivy prunes conjunctions and unions of terms, not a mix); nor can
    // a phrase, unless it is of common words (one pair's term: it skips like a word).
    let has_choice = folded.iter().any(|choices| choices.len() > 1);
    let walks_every_match = has_choice || units().any(|tokens| phrase_units(tokens, pairs).len() > 1);
    let matching = all_of(fields.text, &folded, pairs);
    let title = all_of(fields.title, &folded, pairs);
    let exact_words_first = exact != folded && !has_phrase && !has_choice;
    let candidates = if exact_words_first {
        // Accents typed on words alone: the exact words' best articles, not the folded ones'
        // (whose best hold other words of the same letters), and the title's; the total
        // counted apart.
        vec![all_of(fields.text, &exact, pairs), title]
    } else {
        // The folded text first: when it cannot skip, it counts the total as it ranks. A
        // second walk of every match would cost what the first did: accents typed with a phrase
        // or a choice are left to the rescoring (in saved news the folded and the accented
        // text agree).
        vec![matching.box_clone(), title]
    };
    let in_text = |item: &[Tokens]| sought_any_of(fields.text, item, pairs);
    Some(Passes {
        candidates,
        matching,
        wanted: folded.iter().map(|choices| in_text(choices)).collect(),
        excluded: unwanted.iter().map(|unit| in_text(std::slice::from_ref(unit))).collect(),
        first_walks_every_match: walks_every_match,
        exact_words_first,
    })
}

/// Articles whose `field` holds each item: one of its words or phrases.
pub fn all_of(field: Field, items: &[Vec<Tokens>], pairs: &PairWords) -> Box<dyn Query> {
    match items {
        [item] => any_of(field, item, pairs),
        _ => Box::new(BooleanQuery::new(
            items.iter().map(|item| (Occur::Must, sought_any_of(field, item, pairs))).collect(),
        )),
    }
}

/// Articles whose `field` holds one of these words or phrases, walked whole: tantivy's union.
fn any_of(field: Field, choices: &[Tokens], pairs: &PairWords) -> Box<dyn Query> {
    match choices {
        [unit] => field_query(field, unit, pairs),
        _ => Box::new(BooleanQuery::new(
            choices.iter().map(|unit| (Occur::Should, field_query(field, unit, pairs))).collect(),
        )),
    }
}

/// The same, inside a conjunction that seeks it (see [`Choice`]).
fn sought_any_of(field: Field, choices: &[Tokens], pairs: &PairWords) -> Box<dyn Query> {
    match choices {
        [_] => any_of(field, choices, pairs),
        _ => Box::new(Choice::new(choices.iter().map(|unit| field_query(field, unit, pairs)).collect())),
    }
}
