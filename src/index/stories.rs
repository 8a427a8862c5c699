//! The library's stories: articles grouped with their copies (the same text in another file,
//! the same story from another outlet, an update), from the fingerprints kept in the index.
//!
//! Grouping reads two fast columns and does about linear work: articles whose signatures agree
//! on a band of bins are candidates (locality-sensitive hashing), a candidate pair whose
//! signatures agree on at least `SAME_STORY` of their bins is joined, and so is a pair with the
//! same text hash. A story's id is the smallest hash of its members' paths: it stays as long
//! as that member stays.

use std::collections::HashMap;

use tantivy::columnar::BytesColumn;
use tantivy::{DocAddress, Searcher};
use xxhash_rust::xxh3::xxh3_64;

use super::fingerprint::{from_bytes, resemblance, BINS};

/// Bins per band: a pair sharing half its shingles meets in some band of 32 with odds of
/// 1 − 0.75³² (all but certain), a pair sharing a twentieth of them 1 in 12.
const BAND_BINS: usize = 2;
// A band's bins make one u32 key.
const _: () = assert!(BAND_BINS * 16 <= 32);
/// The share of bins two copies of a story agree on at least.
pub const SAME_STORY: f64 = 0.5;
/// Within one band's bucket each member is compared with this many before it (bounded work
/// when a bucket is large: the union joins the rest through them).
const COMPARED_IN_BUCKET: usize = 8;

/// A story id, as `list --json` and `search --json` print it.
pub fn story_name(id: u64) -> String {
    format!("{id:016x}")
}

/// Every article's story, for one state of the index.
#[derive(Debug, Default)]
pub struct Stories {
    /// Per segment, per document: its story (`None` for a tombstone or a deleted document).
    pub(super) ids: Vec<Vec<Option<u64>>>,
    /// The members of each story of more than one article.
    pub(super) members: HashMap<u64, Vec<DocAddress>>,
}

impl Stories {
    pub fn story(&self, address: DocAddress) -> Option<u64> {
        *self.ids.get(address.segment_ord as usize)?.get(address.doc_id as usize)?
    }

    /// The articles of the story of `address`, itself included (empty when it is alone).
    pub fn copies(&self, address: DocAddress) -> &[DocAddress] {
        self.story(address).and_then(|story| self.members.get(&story)).map_or(&[], Vec::as_slice)
    }

    /// How many stories of more than one article there are.
    pub fn groups(&self) -> usize {
        self.members.len()
    }
}

/// One article as grouping sees it.
struct Member {
    address: DocAddress,
    /// Its path's hash, mixed with its member's when it has one.
    article_id: u64,
    text_hash: u64,
    signature: Option<[u16; BINS]>,
}

/// The stories of the documents `searcher` sees.
pub fn group(searcher: &Searcher) -> tantivy::Result<Stories> {
    let members = read_members(searcher)?;
    let mut sets = Sets::new(members.len());
    let mut by_text: HashMap<u64, usize> = HashMap::with_capacity(members.len());
    for (at, member) in members.iter().enumerate() {
        if let Some(first) = by_text.insert(member.text_hash, at) {
            sets.join(first, at);
        }
    }
    // One band at a time, (its bins, member) sorted: each run of one key is a bucket of
    // candidates. A band at a time keeps eight bytes an article, not a band's worth each.
    let mut keys: Vec<(u32, u32)> = Vec::with_capacity(members.len());
    for band in 0..BINS / BAND_BINS {
        keys.clear();
        for (at, member) in members.iter().enumerate() {
            let Some(signature) = &member.signature else { continue };
            let bins = &signature[band * BAND_BINS..(band + 1) * BAND_BINS];
            let key = bins.iter().fold(0u32, |key, bin| (key << 16) | u32::from(*bin));
            keys.push((key, at as u32));
        }
        keys.sort_unstable();
        for bucket in keys.chunk_by(|a, b| a.0 == b.0).filter(|bucket| bucket.len() > 1) {
            join_alike(bucket, &members, &mut sets);
        }
    }
    Ok(stories_of(searcher, &members, &mut sets))
}

/// Joins the members of one bucket whose signatures agree on `SAME_STORY` of their bins, each
/// compared with at most `COMPARED_IN_BUCKET` before it.
fn join_alike(bucket: &[(u32, u32)], members: &[Member], sets: &mut Sets) {
    for (place, (_, at)) in bucket.iter().enumerate() {
        let at = *at as usize;
        for (_, other) in &bucket[place.saturating_sub(COMPARED_IN_BUCKET)..place] {
            let other = *other as usize;
            if sets.root(at) == sets.root(other) {
                continue;
            }
            if let (Some(a), Some(b)) = (&members[at].signature, &members[other].signature) {
                if resemblance(a, b) >= SAME_STORY {
                    sets.join(at, other);
                }
            }
        }
    }
}

/// Story ids from the joined sets: the smallest article id (path and member hashed) of each.
fn stories_of(searcher: &Searcher, members: &[Member], sets: &mut Sets) -> Stories {
    let mut story_of_root: HashMap<usize, u64> = HashMap::new();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for (at, member) in members.iter().enumerate() {
        let root = sets.root(at);
        let id = story_of_root.entry(root).or_insert(member.article_id);
        *id = (*id).min(member.article_id);
        *sizes.entry(root).or_default() += 1;
    }
    let mut stories = Stories {
        ids: searcher
            .segment_readers()
            .iter()
            .map(|segment| vec![None; segment.max_doc() as usize])
            .collect(),
        members: HashMap::new(),
    };
    for (at, member) in members.iter().enumerate() {
        let root = sets.root(at);
        let story = story_of_root[&root];
        let address = member.address;
        stories.ids[address.segment_ord as usize][address.doc_id as usize] = Some(story);
        if sizes[&root] > 1 {
            stories.members.entry(story).or_default().push(address);
        }
    }
    stories
}

/// Every live article with its fingerprint (tombstones have none).
fn read_members(searcher: &Searcher) -> tantivy::Result<Vec<Member>> {
    let mut members = Vec::with_capacity(searcher.num_docs() as usize);
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let fast = segment.fast_fields();
        let (Some(paths), Ok(text_hashes)) = (fast.str("path")?, fast.u64("text_hash")) else { continue };
        let paths = BytesColumn::from(paths);
        // Each dictionary read once, in order (a look-up per document would decode a block each).
        let path_hashes: Vec<u64> = every_term(&paths)?.iter().map(|path| xxh3_64(path)).collect();
        // The members of one file (a crawl's records, a book's chapters) are articles of their
        // own: an article's id is its path's hash mixed with its member's.
        let members_column = fast.str("member")?.map(BytesColumn::from);
        let member_ids: Vec<u64> = match &members_column {
            Some(column) => every_term(column)?.iter().map(|member| xxh3_64(member)).collect(),
            None => Vec::new(),
        };
        let signatures = match fast.bytes("signature")? {
            Some(column) => Some((every_term(&column)?, column)),
            None => None,
        };
        for doc in segment.doc_ids_alive() {
            let Some(text_hash) = text_hashes.first(doc) else { continue };
            let Some(article_id) = paths.term_ords(doc).next().and_then(|ord| path_hashes.get(ord as usize))
            else {
                continue;
            };
            let member_id = members_column
                .as_ref()
                .and_then(|column| column.term_ords(doc).next())
                .and_then(|ord| member_ids.get(ord as usize));
            let article_id = member_id.map_or(*article_id, |member| article_id ^ member.rotate_left(29));
            let signature = signatures
                .as_ref()
                .and_then(|(terms, column)| from_bytes(terms.get(column.term_ords(doc).next()? as usize)?));
            members.push(Member {
                address: DocAddress::new(ordinal as u32, doc),
                article_id,
                text_hash,
                signature,
            });
        }
    }
    Ok(members)
}

/// Every term of a column's dictionary, by ordinal.
fn every_term(column: &BytesColumn) -> std::io::Result<Vec<Vec<u8>>> {
    let mut out = Vec::with_capacity(column.num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        out.push(stream.key().to_vec());
    }
    Ok(out)
}

/// Disjoint sets (union–find with path halving and union by size).
struct Sets {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl Sets {
    fn new(count: usize) -> Sets {
        Sets { parent: (0..count).collect(), size: vec![1; count] }
    }

    fn root(&mut self, mut at: usize) -> usize {
        while self.parent[at] != at {
            self.parent[at] = self.parent[self.parent[at]];
            at = self.parent[at];
        }
        at
    }

    fn join(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.root(a), self.root(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}
