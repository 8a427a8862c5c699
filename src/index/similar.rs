//! "Similar in your library": the saved articles closest to one article, by its own most
//! telling words (a more-like-this query), nudged towards articles published near it.
//!
//! The words: the article's title and text, lower-cased with accents kept where the index holds
//! an exact form (Vietnamese syllables folded are ambiguous: "má", "mà", "ma"), weighed by
//! tf·idf. A word found in one document (the article itself) or in over a tenth of the library
//! says nothing. The query ORs the best of them; the article scores itself first, and a hit
//! below a share of that score is not similar, only on the same page of the dictionary.

use std::collections::HashMap;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader, Term};

use super::analysis::{exact_analyzer, terms};
use super::schema::Fields;
use crate::article::Article;

/// Words of the article that make the query.
const QUERY_TERMS: usize = 30;
/// A word in more than this share of the library (and more than `ALWAYS_TELLING` articles) is
/// too common to tell articles apart.
const MAX_DOC_SHARE: f64 = 0.1;
const ALWAYS_TELLING: f64 = 20.0;
/// Words are read from this much of the article at most (its start carries the story).
const MAX_WORDS_READ: usize = 2000;
/// A hit scoring below this share of the article's own score is not similar.
pub const MIN_SHARE_OF_SELF: f32 = 0.3;
/// Title words count this many times.
const TITLE_WEIGHT: usize = 3;
/// The nudge: an article published the same day scores up to this much more, fading over
/// about `NUDGE_DAYS` days apart.
const NUDGE: f32 = 0.15;
const NUDGE_DAYS: f32 = 14.0;

/// A query's words and their weights, best first.
pub fn telling_words(searcher: &Searcher, fields: &Fields, article: &Article) -> Vec<(String, f32)> {
    let mut analyzer = exact_analyzer();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for word in terms(&mut analyzer, &article.title) {
        *counts.entry(word).or_default() += TITLE_WEIGHT;
    }
    let texts = article.lead.iter().chain(article.body.iter().map(|block| &block.text));
    let mut read = 0;
    for text in texts {
        for word in terms(&mut analyzer, text) {
            *counts.entry(word).or_default() += 1;
            read += 1;
        }
        if read >= MAX_WORDS_READ {
            break;
        }
    }
    let documents = searcher.num_docs().max(1) as f64;
    let mut weighed: Vec<(String, f32)> = counts
        .into_iter()
        .filter(|(word, _)| word.chars().count() > 1 && !word.chars().all(|c| c.is_ascii_digit()))
        .filter_map(|(word, count)| {
            let found = searcher.doc_freq(&Term::from_field_text(fields.text, &word)).ok()? as f64;
            if found <= 1.0 || found > (documents * MAX_DOC_SHARE).max(ALWAYS_TELLING) {
                return None;
            }
            let weight = (1.0 + (count as f64).ln()) * (documents / found).ln();
            Some((word, weight as f32))
        })
        .collect();
    weighed.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    weighed.truncate(QUERY_TERMS);
    weighed
}

/// The more-like-this query of `words` over the text.
fn query(fields: &Fields, words: &[(String, f32)]) -> BooleanQuery {
    let clauses: Vec<(Occur, Box<dyn Query>)> = words
        .iter()
        .map(|(word, weight)| {
            let term = TermQuery::new(Term::from_field_text(fields.text, word), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(BoostQuery::new(Box::new(term), weight.sqrt())) as Box<dyn Query>)
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// How much a hit published `days` apart from the article gains.
pub fn nudge(days: Option<f32>) -> f32 {
    match days {
        Some(days) => 1.0 + NUDGE / (1.0 + days.abs() / NUDGE_DAYS),
        None => 1.0,
    }
}

/// The documents most like `article` (`own`: its document, when it is indexed), best first,
/// at most `limit` of them (before the caller drops its duplicates), each with its score as a
/// share of the article's own.
pub fn similar(
    searcher: &Searcher,
    fields: &Fields,
    article: &Article,
    own: Option<DocAddress>,
    limit: usize,
) -> Vec<(f32, DocAddress)> {
    let words = telling_words(searcher, fields, article);
    if words.is_empty() {
        return Vec::new();
    }
    let query = query(fields, &words);
    // tantivy sets room aside for the hits asked for: never more than there are documents.
    let limit = limit.min(usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX));
    let seconds = article.published.map(|published| published.to_utc().timestamp());
    let nudged = TopDocs::with_limit(limit.saturating_add(1)).tweak_score(move |segment: &SegmentReader| {
        let dates = segment.fast_fields().date("published").ok();
        move |doc: DocId, score: Score| {
            let days = seconds
                .zip(dates.as_ref().and_then(|column| column.first(doc)))
                .map(|(seconds, published)| (published.into_timestamp_secs() - seconds) as f32 / 86_400.0);
            score * nudge(days)
        }
    });
    let Ok(found) = searcher.search(&query, &nudged) else { return Vec::new() };
    // What the article scores against its own words: the measure of "close".
    let own_score = match own {
        Some(own) => query.explain(searcher, own).map(|explained| explained.value() * nudge(Some(0.0))).ok(),
        None => None,
    };
    let best = own_score.or_else(|| found.first().map(|(score, _)| *score)).unwrap_or(0.0);
    if best <= 0.0 {
        return Vec::new();
    }
    found
        .into_iter()
        .filter(|(_, address)| Some(*address) != own)
        .map(|(score, address)| (score / best, address))
        .filter(|(share, _)| *share >= MIN_SHARE_OF_SELF)
        .take(limit)
        .collect()
}
