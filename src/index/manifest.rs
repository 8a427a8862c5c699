//! The manifest of indexed files, read from the index's fast columns: every file's key (its
//! path inside the library) and what it was when indexed. Kept compact, for a refresh holds it
//! while it walks the library: the keys in one buffer, sorted, each entry beside its key's
//! place (about 80 bytes a file, where a map of owned keys took twice that).

use tantivy::{DocAddress, DocId, Searcher};

use super::columns::str_column;
use super::document::{decode_skip, FileStamp};
use crate::parse::SkipReason;

/// No live document has this path (deleted since, or in another segment).
const NO_DOC: DocId = DocId::MAX;

/// An indexed file: what it was when indexed, and where its document is.
#[derive(Debug, Clone)]
pub struct ManifestEntry {
    pub stamp: FileStamp,
    pub address: DocAddress,
    /// Set for a file that is not an article (a tombstone): boxed, as few files are.
    pub skipped: Option<Box<SkipReason>>,
    /// A file of many articles: `address` is one of its documents, all sharing this stamp.
    pub container: bool,
}

/// Every indexed file by key, sorted; each has a place (`0..len()`) for the caller's marks.
#[derive(Debug, Default)]
pub struct Manifest {
    keys: String,
    /// (start, length) of each entry's key in `keys`.
    entries: Vec<((u32, u32), ManifestEntry)>,
}

impl Manifest {
    /// The manifest of the index `searcher` reads.
    pub fn read(searcher: &Searcher) -> tantivy::Result<Manifest> {
        let mut manifest = Manifest::default();
        manifest.entries.reserve(searcher.num_docs() as usize);
        for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
            let Some(paths) = str_column(segment, "path")? else { continue };
            let fast = segment.fast_fields();
            let (size, modified, hash) = (fast.u64("size")?, fast.i64("modified")?, fast.u64("hash")?);
            let skipped = str_column(segment, "skipped")?;
            let members = str_column(segment, "member")?;
            let entry_of = |doc: DocId| {
                let stamp = FileStamp {
                    size: size.first(doc).unwrap_or(0),
                    modified_ns: modified.first(doc).unwrap_or(0),
                    hash: hash.first(doc).unwrap_or(0),
                };
                let skipped = skipped.as_ref().and_then(|column| {
                    let ord = column.term_ords(doc).next()?;
                    let mut reason = String::new();
                    column.ord_to_str(ord, &mut reason).ok()?.then(|| Box::new(decode_skip(&reason)))
                });
                let address = DocAddress::new(ordinal as u32, doc);
                let container = members.as_ref().is_some_and(|column| column.term_ords(doc).next().is_some());
                ManifestEntry { stamp, address, skipped, container }
            };
            // A document by the path's term ordinal (a file of many articles has many documents,
            // one entry): four bytes a path while the segment is read, not a whole entry.
            let mut doc_of_path: Vec<DocId> = vec![NO_DOC; paths.dictionary().num_terms()];
            for doc in segment.doc_ids_alive() {
                if let Some(slot) =
                    paths.term_ords(doc).next().and_then(|ord| doc_of_path.get_mut(ord as usize))
                {
                    *slot = doc;
                }
            }
            let mut stream = paths.dictionary().stream()?;
            let mut found = doc_of_path.into_iter();
            while stream.advance() {
                if let Some(doc) = found.next().filter(|doc| *doc != NO_DOC) {
                    manifest.push(&String::from_utf8_lossy(stream.key()), entry_of(doc));
                }
            }
        }
        // Each segment's keys are sorted; a file's documents may lie in two segments.
        let keys = &manifest.keys;
        manifest.entries.sort_by(|(a, _), (b, _)| key_at(keys, *a).cmp(key_at(keys, *b)));
        manifest.entries.dedup_by(|(a, _), (b, _)| key_at(keys, *a) == key_at(keys, *b));
        manifest.entries.shrink_to_fit();
        Ok(manifest)
    }

    fn push(&mut self, key: &str, entry: ManifestEntry) {
        let start = self.keys.len() as u32;
        self.keys.push_str(key);
        self.entries.push(((start, key.len() as u32), entry));
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry of `key`, and its place.
    pub fn get(&self, key: &str) -> Option<(usize, &ManifestEntry)> {
        let at = self.entries.binary_search_by(|(span, _)| key_at(&self.keys, *span).cmp(key)).ok()?;
        Some((at, &self.entries[at].1))
    }

    /// [`Manifest::get`] searching outwards from `near` (where the last key was, or would be):
    /// a walk that hands over a folder's files in name order finds each next to the last, so
    /// it reads the manifest as a sorted stream instead of from its middle each time. Returns
    /// the entry, if any, and the place to start the next search from.
    pub fn get_near(&self, key: &str, near: usize) -> (Option<(usize, &ManifestEntry)>, usize) {
        let order = |at: usize| key_at(&self.keys, self.entries[at].0).cmp(key);
        let len = self.entries.len();
        let near = near.min(len.saturating_sub(1));
        // The range [low, high) the key is in, found by steps that double from `near`.
        let (mut low, mut high) = (0, len);
        if len > 0 {
            let mut step = 1;
            if order(near).is_lt() {
                low = near + 1;
                while low + step <= len && order(low + step - 1).is_lt() {
                    low += step;
                    step *= 2;
                }
                high = (low + step).min(len);
            } else {
                high = near + 1;
                while high > step && order(high - step - 1).is_ge() {
                    high -= step;
                    step *= 2;
                }
                low = high.saturating_sub(step + 1);
            }
        }
        let found = self.entries[low..high].binary_search_by(|(span, _)| key_at(&self.keys, *span).cmp(key));
        match found {
            Ok(offset) => (Some((low + offset, &self.entries[low + offset].1)), low + offset + 1),
            Err(offset) => (None, low + offset),
        }
    }

    /// Every entry with its place and key, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &str, &ManifestEntry)> {
        self.entries.iter().enumerate().map(|(at, (span, entry))| (at, key_at(&self.keys, *span), entry))
    }
}

fn key_at(keys: &str, (start, len): (u32, u32)) -> &str {
    &keys[start as usize..(start + len) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: u64) -> ManifestEntry {
        let stamp = FileStamp { size: 1, modified_ns: 2, hash };
        ManifestEntry { stamp, address: DocAddress::new(0, 0), skipped: None, container: false }
    }

    #[test]
    fn keys_are_found_by_their_place_in_order() {
        let mut manifest = Manifest::default();
        for (key, hash) in [("b/2.txt", 2), ("a-c.txt", 3), ("a/1.txt", 1)] {
            manifest.push(key, entry(hash));
        }
        let keys = &manifest.keys;
        manifest.entries.sort_by(|(a, _), (b, _)| key_at(keys, *a).cmp(key_at(keys, *b)));
        let order: Vec<&str> = manifest.iter().map(|(_, key, _)| key).collect();
        assert_eq!(order, ["a-c.txt", "a/1.txt", "b/2.txt"]);
        let (at, found) = manifest.get("a/1.txt").unwrap();
        assert_eq!((at, found.stamp.hash), (1, 1));
        assert!(manifest.get("a").is_none() && manifest.get("c.txt").is_none());
    }

    #[test]
    fn a_search_from_any_place_finds_what_a_search_from_the_middle_finds() {
        let mut manifest = Manifest::default();
        let keys: Vec<String> = (0..37).map(|n| format!("f/{:03}.txt", n * 2)).collect();
        for (hash, key) in keys.iter().enumerate() {
            manifest.push(key, entry(hash as u64));
        }
        for wanted in 0..76 {
            let key = format!("f/{wanted:03}.txt");
            let expected = manifest.get(&key).map(|(at, _)| at);
            let place = keys.partition_point(|known| known.as_str() < key.as_str());
            for near in [0, 1, 5, 17, 36, 37, 100] {
                let (found, next) = manifest.get_near(&key, near);
                assert_eq!(found.map(|(at, _)| at), expected, "{key} from {near}");
                assert_eq!(next, expected.map_or(place, |at| at + 1), "{key} from {near}");
            }
        }
        assert_eq!(Manifest::default().get_near("a", 3).0.map(|(at, _)| at), None);
    }
}
