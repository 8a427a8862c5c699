//! The titles' ranks of one state of the index, kept beside it: merging every segment's title
//! dictionary is most of the reader's start at hundreds of thousands of articles, and its
//! answer only changes with the index. Kept as [`kept_file`] keeps files; trusted only when
//! that and its shape agree, else merged again.

use std::fs;
use std::io;
use std::path::Path;

use tantivy::columnar::StrColumn;
use tantivy::Searcher;

use super::kept_file;

pub const TITLE_RANKS_FILE: &str = "newsdesk-title-ranks";
const MAGIC: &[u8; 8] = b"NDTRANK1";

/// For each segment, each title's rank among every segment's titles ([`super::ranks::term_ranks`]),
/// loaded from `dir` when it was kept for this state, else merged (and kept when `writable`).
pub fn title_ranks(
    dir: &Path,
    writable: bool,
    searcher: &Searcher,
    columns: &[Option<&StrColumn>],
) -> io::Result<Vec<Vec<u32>>> {
    let terms: Vec<usize> =
        columns.iter().map(|column| column.map_or(0, |c| c.dictionary().num_terms())).collect();
    if let Some(kept) = load(dir, searcher, &terms) {
        return Ok(kept);
    }
    let ranks = super::ranks::term_ranks(columns)?;
    if writable {
        // Kept for the next start on this state; a failure only costs merging again.
        let _ = save(dir, searcher, &ranks);
    }
    Ok(ranks)
}

fn load(dir: &Path, searcher: &Searcher, terms: &[usize]) -> Option<Vec<Vec<u32>>> {
    let path = dir.join(TITLE_RANKS_FILE);
    let expected = 8 + 8 + 4 * terms.len() + 4 * terms.iter().sum::<usize>() + 8;
    if fs::metadata(&path).ok()?.len() != expected as u64 {
        return None;
    }
    let bytes = fs::read(path).ok()?;
    let rest = kept_file::body(&bytes, MAGIC, searcher)?;
    let mut words = rest.chunks_exact(4).map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]]));
    let mut out = Vec::with_capacity(terms.len());
    for count in terms {
        if words.next()? as usize != *count {
            return None;
        }
        out.push(words.by_ref().take(*count).collect::<Vec<u32>>());
    }
    Some(out)
}

fn save(dir: &Path, searcher: &Searcher, ranks: &[Vec<u32>]) -> io::Result<()> {
    let mut out = kept_file::header(MAGIC, searcher);
    for segment in ranks {
        out.extend((segment.len() as u32).to_le_bytes());
        out.extend(segment.iter().flat_map(|rank| rank.to_le_bytes()));
    }
    kept_file::write(dir, TITLE_RANKS_FILE, out)
}
