//! The stories of one state of the index, kept beside it. Grouping reads every article's
//! fingerprint (linear in the library: seconds at a million articles), so a `search` in a new
//! process reads the grouping an earlier process made for the same state instead of redoing it.
//! Kept as [`kept_file`] keeps files; trusted only when that and its shape agree, else grouped again.
//!
//! A search needs the stories of its hits alone, so each document's story is also readable
//! without the rest: after the magic and the state's key comes a head (each segment's size,
//! sealed by its own checksum), then each segment's story ids in blocks of [`BLOCK`], each
//! block sealed by its own checksum; the members of each story follow. [`load`] reads and checks
//! the whole file; [`story_ids`] reads the head and the blocks that hold the documents asked for.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::Path;

use tantivy::{DocAddress, Searcher};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use super::kept_file;
use super::stories::Stories;

pub const STORIES_FILE: &str = "newsdesk-stories";
/// The second layout: story ids in sealed blocks (the first sealed the file alone).
const MAGIC: &[u8; 8] = b"NDSTORY2";
/// Story ids a block: a block read is 4 KiB and its checksum.
const BLOCK: usize = 512;

/// The stories kept in `dir` for the state `searcher` sees, when they can be trusted.
pub fn load(dir: &Path, searcher: &Searcher) -> Option<Stories> {
    let documents: u64 = sizes(searcher).iter().map(|size| u64::from(*size)).sum();
    // Header and head, a story and a block's checksum per document, each document at most
    // once a member.
    let largest = 40 + 4 * sizes(searcher).len() as u64 + documents * 36;
    let path = dir.join(STORIES_FILE);
    if fs::metadata(&path).ok()?.len() > largest {
        return None;
    }
    decode(&fs::read(path).ok()?, searcher)
}

/// The stories of the documents at `addresses`, read from the file kept in `dir` for the state
/// `searcher` sees without reading the rest of it: `None` when any part read cannot be trusted.
pub fn story_ids(
    dir: &Path,
    searcher: &Searcher,
    addresses: &[DocAddress],
) -> Option<HashMap<DocAddress, u64>> {
    let file = fs::File::open(dir.join(STORIES_FILE)).ok()?;
    let sizes = sizes(searcher);
    let key = kept_file::state_key(searcher);
    let mut head = vec![0; head_len(sizes.len())];
    file.read_exact_at(&mut head, 0).ok()?;
    if head[..8] != MAGIC[..] || head[8..16] != key.to_le_bytes() {
        return None;
    }
    Reader { bytes: &head[16..] }.head(key, &sizes)?;
    let mut blocks: HashMap<(u32, usize), Vec<u64>> = HashMap::new();
    let mut out = HashMap::with_capacity(addresses.len());
    for address in addresses {
        let (segment, doc) = (address.segment_ord as usize, address.doc_id as usize);
        let size = *sizes.get(segment)? as usize;
        if doc >= size {
            return None;
        }
        let place = (address.segment_ord, doc / BLOCK);
        let ids = match blocks.entry(place) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(room) => {
                let (at, count) = block_at(&sizes, segment, place.1);
                let mut bytes = vec![0; count * 8 + 8];
                file.read_exact_at(&mut bytes, at).ok()?;
                room.insert(Reader { bytes: &bytes }.block(key, segment, place.1, count)?)
            }
        };
        if let Some(story) = ids.get(doc % BLOCK).filter(|story| **story != 0) {
            out.insert(*address, *story);
        }
    }
    Some(out)
}

/// Keeps `stories` of the state `searcher` sees in `dir` ([`kept_file::write`]).
pub fn save(dir: &Path, searcher: &Searcher, stories: &Stories) -> io::Result<()> {
    let Some(bytes) = encode(searcher, stories) else { return Ok(()) };
    kept_file::write(dir, STORIES_FILE, bytes)
}

/// Each segment's size, as the file's head records it.
fn sizes(searcher: &Searcher) -> Vec<u32> {
    searcher.segment_readers().iter().map(|segment| segment.max_doc()).collect()
}

/// The bytes before the first block: magic, state key, segment count, sizes, checksum.
fn head_len(segments: usize) -> usize {
    16 + 4 + 4 * segments + 8
}

/// Where block `block` of `segment` starts in the file, and how many ids it holds.
fn block_at(sizes: &[u32], segment: usize, block: usize) -> (u64, usize) {
    let blocks_bytes = |size: usize| (size * 8 + size.div_ceil(BLOCK) * 8) as u64;
    let before: u64 = sizes[..segment].iter().map(|size| blocks_bytes(*size as usize)).sum();
    let count = (sizes[segment] as usize - block * BLOCK).min(BLOCK);
    (head_len(sizes.len()) as u64 + before + (block * (BLOCK * 8 + 8)) as u64, count)
}

/// A block's checksum is seeded with the state and the block's place: a block is trusted only
/// where it was written.
fn block_seal(key: u64, segment: usize, block: usize, ids: &[u8]) -> u64 {
    xxh3_64_with_seed(ids, key ^ ((segment as u64) << 32 | block as u64))
}

/// `None` when a story id is 0, the mark of "no story" in the file (then it is not kept).
fn encode(searcher: &Searcher, stories: &Stories) -> Option<Vec<u8>> {
    let key = kept_file::state_key(searcher);
    let mut out = kept_file::header(MAGIC, searcher);
    let head_at = out.len();
    out.extend((stories.ids.len() as u32).to_le_bytes());
    for ids in &stories.ids {
        out.extend((ids.len() as u32).to_le_bytes());
    }
    out.extend(xxh3_64_with_seed(&out[head_at..], key).to_le_bytes());
    for (segment, ids) in stories.ids.iter().enumerate() {
        for (block, ids) in ids.chunks(BLOCK).enumerate() {
            let at = out.len();
            for id in ids {
                if *id == Some(0) {
                    return None;
                }
                out.extend(id.unwrap_or(0).to_le_bytes());
            }
            out.extend(block_seal(key, segment, block, &out[at..]).to_le_bytes());
        }
    }
    out.extend((stories.members.len() as u32).to_le_bytes());
    // In story order: one state's stories always make the same file.
    let mut by_story: Vec<_> = stories.members.iter().collect();
    by_story.sort_unstable_by_key(|(story, _)| **story);
    for (story, members) in by_story {
        out.extend(story.to_le_bytes());
        out.extend((members.len() as u32).to_le_bytes());
        for member in members {
            out.extend(member.segment_ord.to_le_bytes());
            out.extend(member.doc_id.to_le_bytes());
        }
    }
    Some(out)
}

fn decode(bytes: &[u8], searcher: &Searcher) -> Option<Stories> {
    let key = kept_file::state_key(searcher);
    let mut reader = Reader { bytes: kept_file::body(bytes, MAGIC, searcher)? };
    let sizes = sizes(searcher);
    reader.head(key, &sizes)?;
    let mut ids = Vec::with_capacity(sizes.len());
    for (segment, size) in sizes.iter().enumerate() {
        let mut of_segment = Vec::with_capacity(*size as usize);
        for block in 0..(*size as usize).div_ceil(BLOCK) {
            let count = (*size as usize - block * BLOCK).min(BLOCK);
            let read = reader.block(key, segment, block, count)?;
            of_segment.extend(read.into_iter().map(|id| (id != 0).then_some(id)));
        }
        ids.push(of_segment);
    }
    let stories = reader.u32()?;
    let mut members = HashMap::new();
    for _ in 0..stories {
        let story = reader.u64()?;
        let count = reader.u32()?;
        let of_story: Option<Vec<DocAddress>> = (0..count)
            .map(|_| {
                let (segment, doc) = (reader.u32()?, reader.u32()?);
                ids.get(segment as usize)?.get(doc as usize)?;
                Some(DocAddress::new(segment, doc))
            })
            .collect();
        members.insert(story, of_story?);
    }
    reader.bytes.is_empty().then_some(Stories { ids, members })
}

struct Reader<'a> {
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.bytes.split_first_chunk::<N>()?;
        self.bytes = rest;
        Some(*head)
    }

    fn u32(&mut self) -> Option<u32> {
        self.take::<4>().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Option<u64> {
        self.take::<8>().map(u64::from_le_bytes)
    }

    /// The head after the header: `Some` when it is sealed and its sizes are `sizes`.
    fn head(&mut self, key: u64, sizes: &[u32]) -> Option<()> {
        let sealed = self.bytes.get(..4 + 4 * sizes.len())?;
        if self.u32()? as usize != sizes.len() {
            return None;
        }
        for size in sizes {
            if self.u32()? != *size {
                return None;
            }
        }
        (self.u64()? == xxh3_64_with_seed(sealed, key)).then_some(())
    }

    /// The `count` ids of block `block` of `segment`, when its seal agrees.
    fn block(&mut self, key: u64, segment: usize, block: usize, count: usize) -> Option<Vec<u64>> {
        let ids = self.bytes.get(..count * 8)?;
        let sealed = block_seal(key, segment, block, ids);
        let out =
            ids.chunks_exact(8).map(|id| u64::from_le_bytes(id.try_into().unwrap_or_default())).collect();
        self.bytes = &self.bytes[count * 8..];
        (self.u64()? == sealed).then_some(out)
    }
}

#[cfg(test)]
#[path = "story_file_tests.rs"]
mod tests;
