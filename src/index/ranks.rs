//! Ranks of strings across the index's segments, for sorting the reader's list by numbers:
//! each segment's dictionary is sorted, so merging them ranks every term without copying it.

use tantivy::columnar::StrColumn;
use tantivy::DocAddress;

/// Each key's rank among the distinct keys (equal keys, equal ranks).
pub(super) fn dense_ranks(keys: &[String]) -> Vec<u32> {
    let mut sorted: Vec<&str> = keys.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    sorted.dedup();
    keys.iter().map(|key| sorted.binary_search(&key.as_str()).unwrap_or(0) as u32).collect()
}

/// For each segment, each term ordinal of its column → the term's rank among the terms of
/// every segment: the segments' sorted dictionaries merged, no term copied but the last one.
/// The streams wait in the order of their next term: each term costs a binary search among
/// them, not a look at each.
pub(super) fn term_ranks(columns: &[Option<&StrColumn>]) -> std::io::Result<Vec<Vec<u32>>> {
    let mut out: Vec<Vec<u32>> =
        columns.iter().map(|column| vec![0; column.map_or(0, |c| c.dictionary().num_terms())]).collect();
    let mut streams = Vec::with_capacity(columns.len());
    for (segment, column) in columns.iter().enumerate() {
        let Some(column) = column else { continue };
        let mut stream = column.dictionary().stream()?;
        if stream.advance() {
            streams.push((segment, stream));
        }
    }
    let mut waiting: Vec<usize> = (0..streams.len()).collect();
    waiting.sort_by(|a, b| streams[*a].1.key().cmp(streams[*b].1.key()));
    let (mut last, mut rank) = (None::<Vec<u8>>, 0u32);
    while let Some(least) = waiting.first().copied() {
        let (segment, stream) = &mut streams[least];
        match &mut last {
            Some(last) if last.as_slice() == stream.key() => {}
            Some(last) => {
                rank += 1;
                last.clear();
                last.extend_from_slice(stream.key());
            }
            None => last = Some(stream.key().to_vec()),
        }
        out[*segment][stream.term_ord() as usize] = rank;
        waiting.remove(0);
        if stream.advance() {
            let key = streams[least].1.key();
            let at = waiting.partition_point(|other| streams[*other].1.key() <= key);
            waiting.insert(at, least);
        }
    }
    Ok(out)
}

/// The first term ordinal of each of `docs` (one segment's) in `column`, into `out` (0 for a
/// document without one), read in blocks.
pub(super) fn first_ords(column: &StrColumn, docs: &[u32], out: &mut [u32]) {
    const BLOCK: usize = 1024;
    let mut ords = [None; BLOCK];
    for (docs, out) in docs.chunks(BLOCK).zip(out.chunks_mut(BLOCK)) {
        let ords = &mut ords[..docs.len()];
        ords.fill(None);
        column.ords().first_vals(docs, ords);
        for (ord, out) in ords.iter().zip(out) {
            *out = ord.unwrap_or(0) as u32;
        }
    }
}

/// Each row's term ordinal (in its segment) replaced by that term's rank in every segment.
pub(super) fn rank_rows(docs: &[DocAddress], by_ord: &[Vec<u32>], rows: &mut [u32]) {
    for (doc, row) in docs.iter().zip(rows) {
        *row = by_ord
            .get(doc.segment_ord as usize)
            .and_then(|ranks| ranks.get(*row as usize))
            .copied()
            .unwrap_or(0);
    }
}
