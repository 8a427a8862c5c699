//! The first passes of a ranked search for plain text alone — words and quoted phrases, with
//! `OR` alternatives and exclusions (`-word`) but no field, date or word being typed:
//! conjunctions of each word's term and each phrase, whose best hits are found without the full
//! query's optional clauses. Words alone are pruned by
//! block-max WAND (tantivy skips whole blocks of postings), and so is a phrase of two common
//! words (one pair's term: see [`super::pairs`]); any other phrase has no block maxima, so its
//! pass walks every match once, counting the total on the way. Each pass brings the candidates
//! one of the full query's signals favours — the folded text, the accents as typed, the title,
//! the reader's annotations — and the full query then scores the candidates (see
//! [`super::rank`]). Alternatives are spread into one conjunction per choice (`a b OR c`: `a b`,
//! `a c`): the folded text of all of them is walked once (it counts each article once), the
//! title and the accents of each choice are passes that prune. The excluded articles are
//! skipped by every pass and by the count.
//!
//! The total is counted in the folded text: the text holds the title, and an exact form is
//! indexed at its folded word's position, so the full query matches where the folded text does,
//! and so does each excluded item.

use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::schema::Field;

use super::build::{field_query, Analyzers};
use super::pairs::{phrase_units, PairWords};
use super::query::{Clause, Item, Scope};
use super::schema::Fields;

/// Alternatives spread into at most this many conjunctions; more are left to the full query
/// (each conjunction adds one or two passes).
const MAX_CHOICES: usize = 4;

/// The passes, each ranking some candidates, and the words and phrases that count the full
/// query's articles.
pub struct Passes {
    pub candidates: Vec<Box<dyn Query>>,
    /// The folded text's words and phrases of each choice of alternatives: together, less the
    /// excluded articles, they match exactly what the full query does.
    pub choices: Vec<Vec<Box<dyn Query>>>,
    /// The folded text's words and phrases the full query excludes (each matches where the
    /// excluded item's every field does): no pass's candidate, never counted.
    pub excluded: Vec<Box<dyn Query>>,
    /// The first pass walks every match (a phrase, or the union of several choices): it cannot
    /// skip, so it counts while it ranks.
    pub first_walks_every_match: bool,
}

impl Passes {
    /// The articles of any choice (the excluded ones among them).
    pub fn matching(&self) -> Box<dyn Query> {
        let all = |units: &Vec<Box<dyn Query>>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(units.iter().map(|unit| (Occur::Must, unit.box_clone())).collect()))
        };
        Box::new(BooleanQuery::new(self.choices.iter().map(|units| (Occur::Should, all(units))).collect()))
    }

    /// The articles of the one choice less the excluded ones: the full query's, when the
    /// count is not walked with the first pass. An intersection and its exclusions are counted
    /// by tantivy's own walk (it seeks the longer posting lists by the shorter).
    pub fn counted(&self) -> Box<dyn Query> {
        // A word alone: its term counts from its document frequency, where a boolean query
        // around it walks its postings.
        if let ([units], true) = (self.choices.as_slice(), self.excluded.is_empty()) {
            if let [unit] = units.as_slice() {
                return unit.box_clone();
            }
        }
        let wanted = self.choices.iter().flatten().map(|unit| (Occur::Must, unit.box_clone()));
        let unwanted = self.excluded.iter().map(|unit| (Occur::MustNot, unit.box_clone()));
        Box::new(BooleanQuery::new(wanted.chain(unwanted).collect()))
    }
}

/// A word (one token) or a phrase (several, in order), as the query's analysers read it.
type Tokens = Vec<String>;

/// One item's alternatives, each as typed (exact) and folded.
#[derive(Default)]
struct Alternatives {
    exact: Vec<Tokens>,
    folded: Vec<Tokens>,
}

/// The passes of `items` when they ask for plain text alone: each item a word or a phrase or
/// alternatives of them, wanted or excluded.
pub fn plain_text(fields: &Fields, items: &[Item], analyzers: &mut Analyzers) -> Option<Passes> {
    let mut wanted: Vec<Alternatives> = Vec::new();
    let mut unwanted: Vec<Tokens> = Vec::new();
    for item in items {
        let mut alternatives = Alternatives::default();
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
            alternatives.exact.push(as_typed);
            alternatives.folded.push(plain);
        }
        match item.negated {
            true => unwanted.extend(alternatives.folded),
            false => wanted.push(alternatives),
        }
    }
    let choices = wanted.iter().try_fold(1usize, |product, item| product.checked_mul(item.folded.len()))?;
    if wanted.is_empty() || choices > MAX_CHOICES {
        return None;
    }
    let pairs = analyzers.pairs;
    let excluded = unwanted.iter().map(|unit| field_query(fields.text, unit, pairs)).collect();
    let mut passes =
        Passes { candidates: Vec::new(), choices: Vec::new(), excluded, first_walks_every_match: false };
    for choice in 0..choices {
        let (exact, folded) = chosen(&wanted, choice);
        let walks_positions = folded.iter().any(|tokens| phrase_units(tokens, pairs).len() > 1);
        passes.first_walks_every_match |= walks_positions;
        passes.choices.push(folded.iter().map(|unit| field_query(fields.text, unit, pairs)).collect());
        // The folded text first: it counts. Several choices are walked as one (see below).
        if choices == 1 {
            passes.candidates.push(all_of(fields.text, &folded, pairs));
        }
        passes.candidates.push(all_of(fields.title, &folded, pairs));
        // A second walk of a phrase's every match costs what the first did: the accents as
        // typed are left to the rescoring there (in saved news the folded and the accented
        // text agree).
        let has_phrase = folded.iter().any(|tokens| tokens.len() > 1);
        if exact != folded && !has_phrase {
            passes.candidates.push(all_of(fields.text, &exact, pairs));
        }
    }
    // Several choices: one walk of their union ranks the folded text and counts each article
    // once, where a pass per choice and a count of them cost more (BENCHMARKS.md).
    if choices > 1 {
        passes.candidates.insert(0, passes.matching());
        passes.first_walks_every_match = true;
    }
    Some(passes)
}

/// The `choice`-th conjunction of one alternative per item (as typed, folded).
fn chosen(wanted: &[Alternatives], mut choice: usize) -> (Vec<Tokens>, Vec<Tokens>) {
    let mut exact = Vec::new();
    let mut folded = Vec::new();
    for item in wanted {
        let pick = choice % item.folded.len();
        choice /= item.folded.len();
        exact.push(item.exact[pick].clone());
        folded.push(item.folded[pick].clone());
    }
    (exact, folded)
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
