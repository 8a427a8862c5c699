//! Ranked hits. Plain words, phrases and choices of them are found in passes (see
//! [`super::first_pass`]): each pass's best `limit` articles (at least [`MIN_CANDIDATES`]) of
//! each of two groups of segments (see [`super::split`]) are the candidates, the full query
//! scores them, and the folded words less the excluded ones are
//! counted for the total. When the passes keep every match the ranking is exactly the full
//! query's; past that, an article ranks only if one of the passes puts it among its group's first
//! candidates (`Index::search_every_match` is the reference the bench compares with). Any other
//! query is ranked by the full query over all its matches.

use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BTreeSet, BinaryHeap};
use std::sync::OnceLock;

use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, Scorer, Weight};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SeekDangerResult, SegmentReader, TERMINATED};

use super::build::Built;
use super::first_pass::Passes;

/// Each pass keeps at least this many candidates: a few hits asked for still rank among
/// hundreds, whatever ties the passes cut (at 354k articles, 100 changed two of the four best
/// stories of `má` against every match scored, 400 none: BENCHMARKS.md). A search takes them all
/// as room for copies that fold away: 300 holds 30 stories of ten copies each.
pub const MIN_CANDIDATES: usize = 300;

/// The best `limit` hits of `built` with their full-query scores, best first (ties in index
/// order), and how many articles match. The two groups of segments are walked at once in a
/// large library.
pub fn ranked(
    searcher: &Searcher,
    built: &Built,
    limit: usize,
) -> tantivy::Result<(Vec<(f32, DocAddress)>, usize)> {
    let Some(passes) = &built.first else { return every_match_scored(searcher, built.query.as_ref(), limit) };
    let walks = Walks::new(searcher, built.query.as_ref(), passes)?;
    let keep = limit.max(MIN_CANDIDATES);
    let mut scored = Vec::new();
    let mut total = 0;
    let worth_it = super::split::worth_splitting(searcher, built.query.as_ref());
    for found in
        super::split::each(searcher, worth_it, move |searcher, segments| walks.rank(searcher, segments, keep))
    {
        let (found, count) = found?;
        scored.extend(found);
        total += count;
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.truncate(limit);
    Ok((scored, total))
}

/// The best `limit` hits of `query` by its own score over all its matches, and how many there
/// are: tantivy's collectors segment by segment, the two groups of segments at once in a large
/// library (the same hits as one walk: each segment is collected on its own either way).
fn every_match_scored(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<(Hits, usize)> {
    let collector = move || (TopDocs::with_limit(limit).order_by_score(), Count);
    let weight = query.weight(EnableScoring::enabled_from_searcher(searcher))?;
    let worth_it = super::split::worth_splitting(searcher, query);
    let collected = super::split::each(searcher, worth_it, move |searcher, segments| {
        let collect = |&segment: &u32| {
            let fruit =
                collector().collect_segment(weight.as_ref(), segment, searcher.segment_reader(segment));
            fruit.map(|fruit| (segment, fruit))
        };
        segments.iter().map(collect).collect::<tantivy::Result<Vec<_>>>()
    });
    let mut fruits = Vec::new();
    for group in collected {
        fruits.extend(group?);
    }
    // In the segments' order, as one walk merges them.
    fruits.sort_by_key(|(segment, _)| *segment);
    let fruits = fruits.into_iter().map(|(_, fruit)| fruit).collect();
    collector().merge_fruits(fruits)
}

/// The weights of a query's passes, made once (a weight reads its words' statistics in every
/// segment) and walked by each group of segments.
struct Walks {
    /// Accents typed on words alone (see [`Passes`]).
    exact_words_first: bool,
    /// The folded text's query (see [`Passes::matching`]).
    matching_query: Box<dyn Query>,
    /// The first pass, when it cannot skip: it ranks and counts in one walk.
    every_match: Option<Box<dyn Weight>>,
    /// What is counted, when the first pass does not count.
    counted: Option<Box<dyn Weight>>,
    /// The passes walked to rank (after the first, when that one walks every match).
    ranking: Vec<Box<dyn Weight>>,
    /// The folded text, walked only when the words as typed fall short: made at most once.
    matching: OnceLock<tantivy::Result<Box<dyn Weight>>>,
    excluded: Excluded,
    /// The full query's leaves, which score the candidates.
    leaves: Vec<Box<dyn Weight>>,
}

impl Walks {
    fn new(searcher: &Searcher, full: &dyn Query, passes: &Passes) -> tantivy::Result<Walks> {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let first_counts = passes.first_walks_every_match;
        let every_match = match first_counts {
            true => Some(passes.candidates[0].weight(scoring)?),
            false => None,
        };
        let counted = match first_counts {
            true => None,
            false => Some(passes.counted().weight(EnableScoring::disabled_from_searcher(searcher))?),
        };
        let ranking = passes.candidates.iter().skip(usize::from(first_counts));
        let mut parts = Vec::new();
        leaves(full, &mut parts);
        Ok(Walks {
            exact_words_first: passes.exact_words_first,
            matching_query: passes.matching(),
            every_match,
            counted,
            ranking: ranking.map(|pass| pass.weight(scoring)).collect::<Result<_, _>>()?,
            matching: OnceLock::new(),
            excluded: Excluded::new(searcher, &passes.excluded)?,
            leaves: parts.iter().map(|leaf| leaf.weight(scoring)).collect::<Result<_, _>>()?,
        })
    }

    /// The candidates of some segments scored by the full query, and how many articles of those
    /// segments match.
    fn rank(&self, searcher: &Searcher, segments: &[u32], keep: usize) -> tantivy::Result<(Hits, usize)> {
        let mut candidates = BTreeSet::new();
        let total = match (&self.every_match, &self.counted) {
            (Some(first), _) => {
                let (found, total) =
                    best_of_every_match(searcher, first.as_ref(), &self.excluded, segments, keep)?;
                candidates.extend(found);
                total
            }
            (None, Some(counted)) => {
                let counts = segments.iter().map(|&segment| counted.count(searcher.segment_reader(segment)));
                counts.sum::<tantivy::Result<u32>>()? as usize
            }
            (None, None) => 0,
        };
        let mut exact_words_short = false;
        for (at, pass) in self.ranking.iter().enumerate() {
            let found = best(searcher, pass.as_ref(), &self.excluded, segments, keep)?;
            let first = at == 0 && self.every_match.is_none();
            exact_words_short |= first && self.exact_words_first && found.len() < keep;
            candidates.extend(found);
        }
        // Fewer articles hold the words as typed than are kept: the ones holding them with other
        // accents rank too (when all the matches fit, every one of them is a candidate).
        if exact_words_short {
            let matching = self
                .matching
                .get_or_init(|| self.matching_query.weight(EnableScoring::enabled_from_searcher(searcher)));
            let matching = matching.as_ref().map_err(Clone::clone)?;
            candidates.extend(best(searcher, matching.as_ref(), &self.excluded, segments, keep)?);
        }
        Ok((rescore(searcher, &self.leaves, candidates)?, total))
    }
}

type Hits = Vec<(f32, DocAddress)>;

/// The addresses of the `limit` best-scored matches of `weight` in some segments. One bar for
/// all of them: tantivy's own collector starts each segment from nothing, so with tens of
/// segments most of them score nearly every match before they can skip.
fn best(
    searcher: &Searcher,
    weight: &dyn Weight,
    excluded: &Excluded,
    segments: &[u32],
    limit: usize,
) -> tantivy::Result<Vec<DocAddress>> {
    let mut best = Best::new(limit);
    let mut segments: Vec<(u32, &SegmentReader)> =
        segments.iter().map(|&segment| (segment, searcher.segment_reader(segment))).collect();
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

/// The addresses of the `limit` best-scored matches of a query that cannot skip (a phrase) in
/// some segments, and how many there are: one walk instead of one to rank and one to count.
fn best_of_every_match(
    searcher: &Searcher,
    weight: &dyn Weight,
    excluded: &Excluded,
    segments: &[u32],
    limit: usize,
) -> tantivy::Result<(Vec<DocAddress>, usize)> {
    let mut best = Best::new(limit);
    let mut total = 0;
    for &segment in segments {
        let reader = searcher.segment_reader(segment);
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
fn rescore(
    searcher: &Searcher,
    leaves: &[Box<dyn Weight>],
    addresses: impl IntoIterator<Item = DocAddress>,
) -> tantivy::Result<Hits> {
    let mut scored = Vec::new();
    for (segment, mut docs) in by_segment(addresses) {
        docs.sort_unstable();
        let mut sums = vec![0.0f32; docs.len()];
        for weight in leaves {
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
