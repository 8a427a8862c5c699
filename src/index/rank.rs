//! Ranked hits. Plain words, phrases and choices of them are found in passes (see
//! [`super::first_pass`]): each pass's best `limit` articles (at least [`MIN_CANDIDATES`]) are
//! the candidates, the full query scores them, and the folded words less the excluded ones are
//! counted for the total. When the passes keep every match the ranking is exactly the full
//! query's; past that, an article ranks only if one of the passes puts it among its first
//! candidates (`Index::search_every_match` is the reference the bench compares with). Any other
//! query is ranked by the full query over all its matches.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};

use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SeekDangerResult, SegmentReader, TERMINATED};

use super::build::Built;

/// Each pass keeps at least this many candidates: a few hits asked for still rank among
/// hundreds, whatever ties the passes cut (at 354k articles, 100 changed two of the four best
/// stories of `má` against every match scored, 400 none: BENCHMARKS.md). A search takes them all
/// as room for copies that fold away: 300 holds 30 stories of ten copies each.
pub const MIN_CANDIDATES: usize = 300;

/// The best `limit` hits of `built` with their full-query scores, best first (ties in index
/// order), and how many articles match.
pub fn ranked(
    searcher: &Searcher,
    built: &Built,
    limit: usize,
) -> tantivy::Result<(Vec<(f32, DocAddress)>, usize)> {
    let Some(passes) = &built.first else {
        return searcher.search(built.query.as_ref(), &(TopDocs::with_limit(limit).order_by_score(), Count));
    };
    let keep = limit.max(MIN_CANDIDATES);
    let mut candidates = BTreeSet::new();
    let excluded = passes.excluded.as_slice();
    let (total, walked) = if passes.first_walks_every_match {
        let (first, total) = best_of_every_match(searcher, passes.candidates[0].as_ref(), excluded, keep)?;
        candidates.extend(first);
        (total, 1)
    } else {
        (searcher.search(passes.counted().as_ref(), &Count)?, 0)
    };
    let mut exact_words_short = false;
    for (at, pass) in passes.candidates.iter().enumerate().skip(walked) {
        let found = best(searcher, pass.as_ref(), excluded, keep)?;
        exact_words_short |= at == 0 && passes.exact_words_first && found.len() < keep;
        candidates.extend(found);
    }
    // Fewer articles hold the words as typed than are kept: the ones holding them with other
    // accents rank too (when all the matches fit, every one of them is a candidate).
    if exact_words_short {
        candidates.extend(best(searcher, passes.matching().as_ref(), excluded, keep)?);
    }
    let mut scored = rescore(searcher, built.query.as_ref(), candidates.into_iter())?;
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    Ok((scored, total))
}

/// The addresses of the `limit` best-scored matches of `query`. One bar for the whole library:
/// tantivy's own collector starts each segment from nothing, so with tens of segments most of
/// them score nearly every match before they can skip.
fn best(
    searcher: &Searcher,
    query: &dyn Query,
    excluded: &[Box<dyn Query>],
    limit: usize,
) -> tantivy::Result<Vec<DocAddress>> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let excluded = Excluded::new(searcher, excluded)?;
    let mut best = Best::new(limit);
    let mut segments: Vec<(u32, &SegmentReader)> = (0u32..).zip(searcher.segment_readers()).collect();
    // The largest first: the bar rises soonest.
    segments.sort_by_key(|(_, reader)| Reverse(reader.num_docs()));
    for (segment, reader) in segments {
        let alive = reader.alive_bitset();
        let mut left_out = excluded.in_segment(reader)?;
        weight.for_each_pruning(best.bar(), reader, &mut |doc, score| {
            if !alive.is_some_and(|alive| alive.is_deleted(doc)) && !left_out.holds(doc) {
                best.offer(score, DocAddress::new(segment, doc));
            }
            best.bar()
        })?;
    }
    Ok(best.addresses())
}

/// The addresses of the `limit` best-scored matches of a query that cannot skip (a phrase), and
/// how many there are: one walk instead of one to rank and one to count.
fn best_of_every_match(
    searcher: &Searcher,
    query: &dyn Query,
    excluded: &[Box<dyn Query>],
    limit: usize,
) -> tantivy::Result<(Vec<DocAddress>, usize)> {
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let excluded = Excluded::new(searcher, excluded)?;
    let mut best = Best::new(limit);
    let mut total = 0;
    for (segment, reader) in (0u32..).zip(searcher.segment_readers()) {
        let alive = reader.alive_bitset();
        let mut left_out = excluded.in_segment(reader)?;
        let mut scorer = weight.scorer(reader, 1.0)?;
        let mut doc = scorer.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|alive| alive.is_alive(doc)) && !left_out.holds(doc) {
                total += 1;
                let score = scorer.score();
                if best.wants(score) {
                    best.offer(score, DocAddress::new(segment, doc));
                }
            }
            doc = scorer.advance();
        }
    }
    Ok((best.addresses(), total))
}

/// The excluded words and phrases, each asked about the articles a pass offers.
struct Excluded(Vec<Box<dyn Weight>>);

impl Excluded {
    fn new(searcher: &Searcher, units: &[Box<dyn Query>]) -> tantivy::Result<Excluded> {
        let scoring = EnableScoring::disabled_from_searcher(searcher);
        Ok(Excluded(units.iter().map(|unit| unit.weight(scoring)).collect::<Result<_, _>>()?))
    }

    fn in_segment(&self, reader: &SegmentReader) -> tantivy::Result<LeftOut> {
        let scorers = self.0.iter().map(|weight| weight.scorer(reader, 1.0));
        Ok(LeftOut(
            scorers.map(|scorer| scorer.map(|scorer| (scorer.doc(), scorer))).collect::<Result<_, _>>()?,
        ))
    }
}

/// One segment's excluded units, each with the first document it may hold, read forward: the
/// passes offer each match once, in the order of their documents. A unit is asked as tantivy's
/// own exclusion asks (`seek_danger`): a phrase is checked at that document alone, where a
/// seek would walk its words' common documents to its next match.
struct LeftOut(Vec<(DocId, Box<dyn Scorer>)>);

impl LeftOut {
    fn holds(&mut self, doc: DocId) -> bool {
        self.0.iter_mut().any(|(next, scorer)| {
            if doc < *next {
                return false;
            }
            match scorer.seek_danger(doc) {
                SeekDangerResult::Found => {
                    *next = doc;
                    true
                }
                SeekDangerResult::SeekLowerBound(bound) => {
                    *next = bound;
                    false
                }
            }
        })
    }
}

/// The `limit` best-scored addresses offered so far.
struct Best {
    kept: BinaryHeap<Reverse<Ranked>>,
    limit: usize,
}

impl Best {
    fn new(limit: usize) -> Best {
        Best { kept: BinaryHeap::with_capacity(limit + 1), limit }
    }

    /// What a score must beat to be kept: the lowest kept once there are `limit`.
    fn bar(&self) -> f32 {
        self.kept.peek().filter(|_| self.kept.len() == self.limit).map_or(f32::MIN, |lowest| lowest.0 .0)
    }

    fn wants(&self, score: f32) -> bool {
        self.kept.len() < self.limit || self.kept.peek().is_some_and(|lowest| score > lowest.0 .0)
    }

    fn offer(&mut self, score: f32, address: DocAddress) {
        self.kept.push(Reverse(Ranked(score, address)));
        if self.kept.len() > self.limit {
            self.kept.pop();
        }
    }

    fn addresses(self) -> Vec<DocAddress> {
        self.kept.into_iter().map(|Reverse(Ranked(_, address))| address).collect()
    }
}

/// A score and its address, ordered by score (then by address, the later the lower).
struct Ranked(f32, DocAddress);

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Ranked {}
impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(other.1.cmp(&self.1))
    }
}

/// The full query's score of each address (all of them match it): the sum of the scores of its
/// leaves, each seeked to the addresses alone — a union's scorer would score a window of
/// thousands of documents at each seek.
pub fn rescore(
    searcher: &Searcher,
    query: &dyn Query,
    addresses: impl Iterator<Item = DocAddress>,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    let mut parts = Vec::new();
    leaves(query, &mut parts);
    let scoring = EnableScoring::enabled_from_searcher(searcher);
    let weights: Vec<_> = parts.iter().map(|leaf| leaf.weight(scoring)).collect::<Result<_, _>>()?;
    let mut scored = Vec::new();
    for (segment, mut docs) in by_segment(addresses) {
        docs.sort_unstable();
        let mut sums = vec![0.0f32; docs.len()];
        for weight in &weights {
            let mut scorer = weight.scorer(searcher.segment_reader(segment), 1.0)?;
            for (doc, sum) in docs.iter().zip(sums.iter_mut()) {
                if scorer.doc() < *doc {
                    scorer.seek(*doc);
                }
                if scorer.doc() == TERMINATED {
                    break;
                }
                if scorer.doc() == *doc {
                    *sum += scorer.score();
                }
            }
        }
        scored.extend(sums.into_iter().zip(docs).map(|(sum, doc)| (sum, DocAddress::new(segment, doc))));
    }
    Ok(scored)
}

/// Documents grouped by their segment, in the order given within each.
pub(super) fn by_segment(addresses: impl IntoIterator<Item = DocAddress>) -> BTreeMap<u32, Vec<DocId>> {
    let mut grouped: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for address in addresses {
        grouped.entry(address.segment_ord).or_default().push(address.doc_id);
    }
    grouped
}

/// The queries whose scores a boolean query sums: its clauses, nested booleans opened, the
/// excluded ones left out.
fn leaves<'a>(query: &'a dyn Query, out: &mut Vec<&'a dyn Query>) {
    match query.downcast_ref::<BooleanQuery>() {
        Some(boolean) => {
            for (occur, clause) in boolean.clauses() {
                if *occur != Occur::MustNot {
                    leaves(clause.as_ref(), out);
                }
            }
        }
        None => out.push(query),
    }
}
