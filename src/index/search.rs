//! Running a query: ranked (or, for dates alone, newest-first) hits with snippets.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use tantivy::collector::{Count, TopDocs};
use tantivy::{DocAddress, Order, Searcher};

use super::build::{build, Known};
use super::document::{key_of, stored, StoredHit};
use super::query::parse;
use super::schema::Fields;
use super::snippet::snippet;
use super::stories::story_name;
use super::types::{Hit, QueryError, SearchResults};
use crate::text;

/// Longer input is cut (at a character boundary) before it is read.
pub const MAX_QUERY_BYTES: usize = 4096;
/// The most hits ranked to fill the hits asked for when copies of a story fold away.
const MAX_ROOM: usize = 4096;
/// Copies whose summaries take longer than a hand-off to another core (about 6 µs each).
const MANY_COPIES: usize = 64;

/// A search as asked: the input, how many hits, whether the input is being typed (its last
/// word, unless followed by a space, then also matches as the start of a word), and whether
/// every match is to be scored by the full query (never in passes: see [`super::rank`]).
#[derive(Clone, Copy)]
pub struct Asked<'a> {
    pub input: &'a str,
    pub limit: usize,
    pub typing: bool,
    pub every_match: bool,
}

/// The stories of some documents (each one's story id, when it has one): a search asks for
/// its hits' alone.
pub type StoriesOf<'a> = dyn Fn(&[DocAddress]) -> HashMap<DocAddress, u64> + 'a;

/// Ranked hits for `input`, the copies of a story folded under its best hit.
pub fn search(
    searcher: &Searcher,
    fields: &Fields,
    library: &Path,
    stories_of: &StoriesOf,
    asked: Asked,
    notes: Option<&crate::store::Store>,
    pairs: &super::pairs::PairWords,
) -> Result<SearchResults, QueryError> {
    let Asked { input, limit, typing, every_match } = asked;
    let started = Instant::now();
    let mut cut = input.len().min(MAX_QUERY_BYTES);
    while !input.is_char_boundary(cut) {
        cut -= 1;
    }
    let normalised = text::clean(&input[..cut]);
    let completing = typing && !normalised.ends_with(char::is_whitespace);
    // The notes store answers in its keys (absolute paths); the index keys by library path.
    let lookup = |kind, parts: &[String]| -> Vec<(String, Option<String>)> {
        let Some(Ok(found)) = notes.map(|store| store.articles_matching(kind, parts)) else {
            return Vec::new();
        };
        let addresses = found.iter().map(|key| crate::store::article_address(key));
        addresses.filter_map(|address| Some((key_of(library, &address.path)?, address.member))).collect()
    };
    let unread = || super::shelves::unread(searcher, fields, lookup(crate::store::Annotation::Read, &[]));
    let known = Known { lookup: &lookup, unread: &unread, pairs };
    let mut built = build(fields, &parse(&normalised)?, completing.then_some(searcher), &known)?;
    if every_match {
        built.first = None;
    }
    let failed = |err: tantivy::TantivyError| {
        QueryError(crate::strings::fill(crate::strings::text().query_failed, &[("why", &err)]))
    };
    // tantivy sets room aside for `limit` hits: never more than there are documents.
    let documents = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
    let wanted = limit.min(documents).max(1);
    // Room for the copies folded away; where copies took more than that room, once more with
    // room in proportion (a library of many copies of each article).
    let ranked_in = |room: usize| -> Result<(Vec<(f32, DocAddress)>, usize), QueryError> {
        let room = room.min(documents).max(1);
        let (scored, total) = if built.has_text {
            super::rank::ranked(searcher, &built, room).map_err(failed)?
        } else {
            let newest =
                TopDocs::with_limit(room).order_by_fast_field::<tantivy::DateTime>("published", Order::Desc);
            let (dated, total) = searcher.search(&built.query, &(newest, Count)).map_err(failed)?;
            (dated.into_iter().map(|(_, address)| (1.0, address)).collect(), total)
        };
        Ok((super::shelves::to_saved_copies(searcher, fields, scored), total))
    };
    let folded_in = |scored: Vec<(f32, DocAddress)>| {
        let addresses: Vec<DocAddress> = scored.iter().map(|(_, address)| *address).collect();
        let stories = stories_of(&addresses);
        (fold(&stories, scored), stories)
    };
    // Room for a few hundred: ranking them costs little beside the walk that finds them (the
    // passes score that many whatever is asked), and copies folding away then seldom send the
    // walk round again.
    let room = wanted.saturating_mul(2).max(super::rank::MIN_CANDIDATES);
    let (scored, total) = ranked_in(room)?;
    let full = scored.len() >= room.min(documents);
    let (mut folded, mut stories) = folded_in(scored);
    if folded.len() < wanted && full && total > room {
        let needed = room.saturating_mul(wanted).div_ceil(folded.len().max(1)).saturating_mul(3) / 2;
        (folded, stories) = folded_in(ranked_in(needed.min(MAX_ROOM))?.0);
    }
    let shown: Vec<(f32, DocAddress, Vec<DocAddress>)> = folded.into_iter().take(wanted).collect();
    let hits = crate::timeline::span("search: hits read, snippets, copies", || {
        // A copy is listed, not shown: its summary from the columns, all of them in one pass, on
        // another core while the hits are read.
        let copies = shown.iter().flat_map(|(_, _, copies)| copies.iter().copied());
        let copies: Vec<DocAddress> = copies.collect();
        let many = copies.len() >= MANY_COPIES;
        let (owned, folder) = (searcher.clone(), library.to_path_buf());
        let summaries = move || {
            crate::timeline::span("search: copies' summaries", || {
                super::columns::summaries_at(&owned, &folder, &copies)
            })
        };
        let hit = |(score, address, copies): (f32, DocAddress, Vec<DocAddress>)| {
            let stored: StoredHit = crate::timeline::span("search: a hit's stored article", || {
                stored(searcher, fields, address, library)
            })?;
            let body: Vec<&str> = stored.body.iter().map(|block| block.text.as_str()).collect();
            let snippet = crate::timeline::span("search: a hit's snippet", || {
                snippet(&body, stored.lead.as_deref(), &stored.title, &built.terms)
            });
            let story = stories.get(&address).copied().map(story_name);
            Some((Hit { article: stored.summary(), score, snippet, story, copies: Vec::new() }, copies))
        };
        let read = || shown.into_iter().filter_map(hit).collect::<Vec<_>>();
        let (mut listed, read) = super::split::both(many, summaries, read);
        let with_copies = |(hit, copies): (Hit, Vec<DocAddress>)| Hit {
            copies: copies.iter().filter_map(|copy| listed.remove(copy)).collect(),
            ..hit
        };
        read.into_iter().map(with_copies).collect()
    });
    Ok(SearchResults {
        query: input[..cut].to_string(),
        total,
        took: started.elapsed(),
        hits,
        terms: built.terms,
    })
}

/// Hits in rank order, each story once: at its best hit, with the other copies that matched.
fn fold(
    stories: &HashMap<DocAddress, u64>,
    scored: Vec<(f32, DocAddress)>,
) -> Vec<(f32, DocAddress, Vec<DocAddress>)> {
    let mut out: Vec<(f32, DocAddress, Vec<DocAddress>)> = Vec::with_capacity(scored.len());
    let mut place_of_story: HashMap<u64, usize> = Default::default();
    for (score, address) in scored {
        match stories.get(&address) {
            Some(story) => match place_of_story.get(story) {
                Some(place) => out[*place].2.push(address),
                None => {
                    place_of_story.insert(*story, out.len());
                    out.push((score, address, Vec::new()));
                }
            },
            None => out.push((score, address, Vec::new())),
        }
    }
    out
}
