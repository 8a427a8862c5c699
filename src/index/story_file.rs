//! The stories of one state of the index, kept beside it. Grouping reads every article's
//! fingerprint (linear in the library: seconds at a million articles), so a `search` in a new
//! process loads the grouping an earlier process made for the same state instead of redoing it.
//! Kept as [`kept_file`] keeps files; trusted only when that and its shape agree, else grouped again.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

use tantivy::{DocAddress, Searcher};

use super::kept_file;
use super::stories::Stories;

pub const STORIES_FILE: &str = "newsdesk-stories";
const MAGIC: &[u8; 8] = b"NDSTORY1";

/// The stories kept in `dir` for the state `searcher` sees, when they can be trusted.
pub fn load(dir: &Path, searcher: &Searcher) -> Option<Stories> {
    let documents: u64 = searcher.segment_readers().iter().map(|segment| u64::from(segment.max_doc())).sum();
    // Header, a size per segment, a story per document, each document at most once a member.
    let largest = 32 + 4 * searcher.segment_readers().len() as u64 + documents * 28;
    let path = dir.join(STORIES_FILE);
    if fs::metadata(&path).ok()?.len() > largest {
        return None;
    }
    decode(&fs::read(path).ok()?, searcher)
}

/// Keeps `stories` of the state `searcher` sees in `dir` ([`kept_file::write`]).
pub fn save(dir: &Path, searcher: &Searcher, stories: &Stories) -> io::Result<()> {
    let Some(bytes) = encode(searcher, stories) else { return Ok(()) };
    kept_file::write(dir, STORIES_FILE, bytes)
}

/// `None` when a story id is 0, the mark of "no story" in the file (then it is not kept).
fn encode(searcher: &Searcher, stories: &Stories) -> Option<Vec<u8>> {
    let mut out = kept_file::header(MAGIC, searcher);
    out.extend((stories.ids.len() as u32).to_le_bytes());
    for ids in &stories.ids {
        out.extend((ids.len() as u32).to_le_bytes());
        for id in ids {
            if *id == Some(0) {
                return None;
            }
            out.extend(id.unwrap_or(0).to_le_bytes());
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
    let mut reader = Reader { bytes: kept_file::body(bytes, MAGIC, searcher)? };
    let segments = searcher.segment_readers();
    if reader.u32()? as usize != segments.len() {
        return None;
    }
    let mut ids = Vec::with_capacity(segments.len());
    for segment in segments {
        let count = reader.u32()?;
        if count != segment.max_doc() {
            return None;
        }
        let of_segment: Option<Vec<Option<u64>>> =
            (0..count).map(|_| reader.u64().map(|id| (id != 0).then_some(id))).collect();
        ids.push(of_segment?);
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
}
