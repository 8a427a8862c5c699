//! Parsed query → tantivy query, from analysed tokens: the folded and exact terms in the title
//! and in the whole text (title, lead and body), boosted so a title match beats a text-only one
//! and an exact-accent match beats a folded one.

use std::ops::Bound;

use tantivy::query::{
    BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocAddress, Searcher, Term};

use super::analysis::{exact_analyzer, folded_analyzer, has_exact_form, terms};
use super::complete::{completion_query, completions};
use super::first_pass::{plain_text, Passes};
use super::pairs::{phrase_units, PairWords};
use super::query::{Clause, Item, Scope};
use super::schema::Fields;
use super::snippet::highlight_terms;
use super::types::QueryError;
use crate::article::Format;
use crate::store::Annotation;

/// Added to the text field's score when the title matches too.
const TITLE_BOOST: f32 = 2.0;
/// Multiplies a field's weight for the exact (accent-preserving) terms.
const EXACT_BOOST: f32 = 1.5;
/// Longer phrases are cut: position lists beyond this add cost, not precision.
const MAX_PHRASE_TOKENS: usize = 16;
/// Added to the score of an article whose highlight or note holds the plain query's words.
const ANNOTATION_BOOST: f32 = 2.0;

/// The articles (index path key, member) whose annotations of a kind hold every part (folded
/// words, or a folded phrase): the notes store's answer (none without a store).
pub type Lookup<'a> = &'a dyn Fn(Annotation, &[String]) -> Vec<(String, Option<String>)>;

/// What the store and the index know about the reader's state beside the query: the articles
/// each annotation holds (see [`Lookup`]), and the query of `is:unread`, made when asked (it
/// reads the read marks).
pub struct Known<'a> {
    pub lookup: Lookup<'a>,
    pub unread: &'a dyn Fn() -> Box<dyn Query>,
    /// The common words whose pairs the index holds: a phrase of them is looked up by pairs.
    pub pairs: &'a PairWords,
}

/// The tantivy query, its first passes when it asks for plain words and phrases alone (see
/// [`super::first_pass`]), the positive terms (for highlighting), and whether any text was asked
/// for (when only dates were, results are sorted by date).
pub struct Built {
    pub query: Box<dyn Query>,
    pub first: Option<Passes>,
    pub terms: Vec<String>,
    pub has_text: bool,
}

pub struct Analyzers<'a> {
    pub exact: TextAnalyzer,
    pub folded: TextAnalyzer,
    pub pairs: &'a PairWords,
}

impl Analyzers<'_> {
    /// A clause's text as the index reads it: its exact and folded terms, as many of each (a
    /// phrase cut at [`MAX_PHRASE_TOKENS`]); none when nothing is left to search. The full query
    /// and the passes both read it here: the passes' total is exact only if they agree.
    pub fn read(&mut self, text: &str) -> Option<(Vec<String>, Vec<String>)> {
        let mut exact = terms(&mut self.exact, text);
        let mut folded = terms(&mut self.folded, text);
        if folded.is_empty() || exact.len() != folded.len() {
            return None;
        }
        exact.truncate(MAX_PHRASE_TOKENS);
        folded.truncate(MAX_PHRASE_TOKENS);
        Some((exact, folded))
    }
}

/// The query for `items`. With `typing`, the last word is still being typed: it also matches
/// as the start of a word (see [`super::complete`]), below whole-word matches.
pub fn build(
    fields: &Fields,
    items: &[Item],
    typing: Option<&Searcher>,
    known: &Known,
) -> Result<Built, QueryError> {
    let lookup = known.lookup;
    let mut analyzers = Analyzers { exact: exact_analyzer(), folded: folded_analyzer(), pairs: known.pairs };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    let mut terms_out = Vec::new();
    let mut has_text = false;
    let mut has_positive = false;
    let mut completing = false;
    for (at, item) in items.iter().enumerate() {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for clause in &item.alternatives {
            let Some(query) = clause_query(fields, clause, &mut analyzers, known) else { continue };
            if let Clause::Text { scope, text, phrase } = clause {
                if !item.negated {
                    has_text = true;
                    if matches!(scope, Scope::Any | Scope::Title) {
                        terms_out.extend(highlight_terms(
                            &mut analyzers.exact,
                            text,
                            *phrase,
                            MAX_PHRASE_TOKENS,
                        ));
                    }
                }
            }
            alternatives.push((Occur::Should, query));
        }
        let last_clause = item.alternatives.last().filter(|_| at + 1 == items.len() && !item.negated);
        if let (Some(searcher), Some(clause)) = (typing, last_clause) {
            if let Some((query, completed)) = completion(searcher, fields, clause, &mut analyzers) {
                completing = true;
                alternatives.push((Occur::Should, query));
                terms_out.extend(completed);
            }
        }
        let query: Box<dyn Query> = match alternatives.len() {
            0 => continue,
            1 => alternatives.pop().map(|(_, query)| query).expect("one alternative"),
            _ => Box::new(BooleanQuery::new(alternatives)),
        };
        has_positive |= !item.negated;
        clauses.push((if item.negated { Occur::MustNot } else { Occur::Must }, query));
    }
    if clauses.is_empty() {
        return Err(QueryError(crate::strings::text().query_nothing.into()));
    }
    if !has_positive {
        clauses.push((Occur::Must, all_articles(fields)));
    }
    // Plain words the reader's own highlights or notes hold rank their article higher.
    let plain: Vec<String> = items
        .iter()
        .filter(|item| !item.negated)
        .flat_map(|item| &item.alternatives)
        .filter_map(|clause| match clause {
            Clause::Text { scope: Scope::Any, text, phrase } => Some(parts(text, *phrase)),
            _ => None,
        })
        .flatten()
        .collect();
    let annotated = lookup(Annotation::Any, &plain);
    let mut first = (!completing).then(|| plain_text(fields, items, &mut analyzers)).flatten();
    if !annotated.is_empty() {
        if let Some(passes) = &mut first {
            let both = vec![
                (Occur::Must, passes.matching()),
                (Occur::Must, articles_keyed(fields, annotated.clone())),
            ];
            passes.candidates.push(Box::new(BooleanQuery::new(both)));
        }
        clauses.push((Occur::Should, boosted(articles_keyed(fields, annotated), ANNOTATION_BOOST)));
    }
    terms_out.dedup();
    Ok(Built { query: Box::new(BooleanQuery::new(clauses)), first, terms: terms_out, has_text })
}

/// The completions of a single word being typed in the text or the title, and their query.
fn completion(
    searcher: &Searcher,
    fields: &Fields,
    clause: &Clause,
    analyzers: &mut Analyzers,
) -> Option<(Box<dyn Query>, Vec<String>)> {
    let Clause::Text { scope, text, phrase: false } = clause else { return None };
    let field = match scope {
        Scope::Any => fields.text,
        Scope::Title => fields.title,
        _ => return None,
    };
    let [word] = terms(&mut analyzers.folded, text).try_into().ok()?;
    let completed = completions(searcher, field, &word);
    (!completed.is_empty()).then(|| (completion_query(field, &completed), completed))
}

/// Every article (tombstones of unreadable files have no format).
pub fn all_articles(fields: &Fields) -> Box<dyn Query> {
    let any: Vec<(Occur, Box<dyn Query>)> = Format::ALL
        .iter()
        .map(|format| {
            let term = Term::from_field_text(fields.format, format.as_str());
            (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
        })
        .collect();
    Box::new(BooleanQuery::new(any))
}

/// The live document of the article at `key` (the file's library-relative key) and `member`.
pub fn document_at(
    searcher: &Searcher,
    fields: &Fields,
    key: &str,
    member: Option<&str>,
) -> Option<DocAddress> {
    let term = |field, text: &str| -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
    };
    let mut clauses = vec![(Occur::Must, term(fields.path, key))];
    if let Some(member) = member {
        clauses.push((Occur::Must, term(fields.member, member)));
    }
    let query = BooleanQuery::new(clauses);
    let found = searcher.search(&query, &tantivy::collector::TopDocs::with_limit(1).order_by_score()).ok()?;
    found.into_iter().next().map(|(_, address)| address)
}

/// (field, boost, holds exact forms?) for each scope.
fn scope_fields(fields: &Fields, scope: Scope) -> Vec<(Field, f32, bool)> {
    match scope {
        Scope::Any => vec![(fields.title, TITLE_BOOST, true), (fields.text, 1.0, true)],
        Scope::Title => vec![(fields.title, 1.0, true)],
        Scope::Author => vec![(fields.author, 1.0, false)],
        Scope::Tag => vec![(fields.tags, 1.0, false)],
        Scope::Category => vec![(fields.category, 1.0, false)],
        Scope::Source => vec![(fields.source, 1.0, false)],
        Scope::Note | Scope::Highlight => Vec::new(),
    }
}

/// A clause's text as the store compares it: folded, each word apart, or a phrase whole.
fn parts(text: &str, phrase: bool) -> Vec<String> {
    let folded = crate::text::fold(text);
    match phrase {
        true => vec![folded.split_whitespace().collect::<Vec<_>>().join(" ")],
        false => folded.split_whitespace().map(str::to_string).collect(),
    }
}

/// The articles of these addresses (none for none): a file by its path term, a member of a file
/// of many by its path and member terms.
pub fn articles_keyed(fields: &Fields, addresses: Vec<(String, Option<String>)>) -> Box<dyn Query> {
    let (files, members): (Vec<_>, Vec<_>) = addresses.into_iter().partition(|(_, member)| member.is_none());
    let files = TermSetQuery::new(files.into_iter().map(|(key, _)| Term::from_field_text(fields.path, &key)));
    let mut either: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(files))];
    for (key, member) in members {
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::Basic))
        };
        let both = vec![
            (Occur::Must, term(fields.path, &key)),
            (Occur::Must, term(fields.member, &member.unwrap_or_default())),
        ];
        either.push((Occur::Should, Box::new(BooleanQuery::new(both))));
    }
    Box::new(BooleanQuery::new(either))
}

fn clause_query(
    fields: &Fields,
    clause: &Clause,
    analyzers: &mut Analyzers,
    known: &Known,
) -> Option<Box<dyn Query>> {
    let lookup = known.lookup;
    match clause {
        Clause::State("unread") => Some((known.unread)()),
        Clause::Text { scope: scope @ (Scope::Note | Scope::Highlight), text, phrase } => {
            let kind = if *scope == Scope::Note { Annotation::Note } else { Annotation::Highlight };
            let parts = parts(text, *phrase);
            (!parts.is_empty()).then(|| articles_keyed(fields, lookup(kind, &parts)))
        }
        Clause::Text { scope: Scope::Tag, text, phrase } => {
            // The article's own tags, or the reader's.
            let own = text_query(fields, clause, analyzers);
            let parts = parts(text, *phrase);
            let reader = (!parts.is_empty()).then(|| articles_keyed(fields, lookup(Annotation::Tag, &parts)));
            let either: Vec<(Occur, Box<dyn Query>)> =
                own.into_iter().chain(reader).map(|q| (Occur::Should, q)).collect();
            (!either.is_empty()).then(|| Box::new(BooleanQuery::new(either)) as Box<dyn Query>)
        }
        _ => text_query(fields, clause, analyzers),
    }
}

fn text_query(fields: &Fields, clause: &Clause, analyzers: &mut Analyzers) -> Option<Box<dyn Query>> {
    match clause {
        Clause::State(state) => {
            let term = Term::from_field_text(fields.state, state);
            Some(Box::new(tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic)))
        }
        Clause::Days { from, to } => {
            let bound = |day: &Option<i64>| match day {
                Some(day) => Bound::Included(Term::from_field_i64(fields.day, *day)),
                None => Bound::Unbounded,
            };
            Some(Box::new(RangeQuery::new(bound(from), bound(to))))
        }
        Clause::Text { scope, text, phrase } => {
            let (exact, folded) = analyzers.read(text)?;
            // Words typed apart are separate requirements; a quoted phrase or a word the
            // analyser splits ("covid-19") must match in order.
            if !*phrase && folded.len() > 1 && text.split_whitespace().count() > 1 {
                let words: Vec<(Occur, Box<dyn Query>)> = text
                    .split_whitespace()
                    .filter_map(|word| {
                        let clause = Clause::Text { scope: *scope, text: word.to_string(), phrase: false };
                        text_query(fields, &clause, analyzers).map(|query| (Occur::Must, query))
                    })
                    .collect();
                return Some(Box::new(BooleanQuery::new(words)));
            }
            // Exact forms are indexed for accented words only, at the folded word's position:
            // a phrase of exact forms and plain (folded) words is a phrase too.
            let typed_accents = exact.iter().any(|word| has_exact_form(word));
            // A phrase is a walk over its words' positions: only the widest one (the last
            // field's folded phrase: the text holds the title, and an exact form sits at its
            // folded word's position) is walked; the others only add to the score of what it found.
            let scoped = scope_fields(fields, *scope);
            let widest = scoped.last().map(|(field, _, _)| *field).filter(|_| folded.len() > 1);
            let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for (field, boost, holds_exact) in scoped {
                let occur = if Some(field) == widest { Occur::Must } else { Occur::Should };
                // Only the fields that hold exact forms hold pairs too.
                let no_pairs = PairWords::default();
                let pairs = if holds_exact { analyzers.pairs } else { &no_pairs };
                per_field.push((occur, boosted(field_query(field, &folded, pairs), boost)));
                if holds_exact && typed_accents {
                    let exact = field_query(field, &exact, pairs);
                    per_field.push((Occur::Should, boosted(exact, boost * EXACT_BOOST)));
                }
            }
            Some(Box::new(BooleanQuery::new(per_field)))
        }
    }
}

/// A word's term, or a phrase, in `field`: a phrase of common words by their pairs' terms
/// (one pair: a term; an accented word typed is never common, its folded form is).
pub fn field_query(field: Field, tokens: &[String], pairs: &PairWords) -> Box<dyn Query> {
    let term = |token: &str| Term::from_field_text(field, token);
    match phrase_units(tokens, pairs).as_slice() {
        [(_, unit)] => Box::new(TermQuery::new(term(unit), IndexRecordOption::WithFreqs)),
        units => {
            Box::new(PhraseQuery::new_with_offset(units.iter().map(|(at, unit)| (*at, term(unit))).collect()))
        }
    }
}

fn boosted(query: Box<dyn Query>, boost: f32) -> Box<dyn Query> {
    if boost == 1.0 {
        query
    } else {
        Box::new(BoostQuery::new(query, boost))
    }
}
