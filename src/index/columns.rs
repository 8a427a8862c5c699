//! Reading the fast columns: the tombstones and the article summaries, without touching the
//! document store (the manifest of indexed files: [`super::manifest`]).

use std::collections::HashMap;
use std::path::Path;

use tantivy::columnar::StrColumn;
use tantivy::{DocAddress, Searcher, SegmentReader};

use super::document::decode_skip;
use super::types::ArticleSummary;

/// Every term of a string column, by term ordinal (one pass over the dictionary).
fn all_strings(column: &StrColumn) -> std::io::Result<Vec<String>> {
    let mut out = Vec::with_capacity(column.dictionary().num_terms());
    let mut stream = column.dictionary().stream()?;
    while stream.advance() {
        out.push(String::from_utf8_lossy(stream.key()).into_owned());
    }
    Ok(out)
}

pub(super) fn str_column(segment: &SegmentReader, name: &str) -> tantivy::Result<Option<StrColumn>> {
    segment.fast_fields().str(name)
}

/// For each live document of each segment: its string value in column `name`.
pub fn for_each_string(
    searcher: &Searcher,
    name: &str,
    mut visit: impl FnMut(DocAddress, &str),
) -> tantivy::Result<()> {
    for (ordinal, segment) in searcher.segment_readers().iter().enumerate() {
        let Some(column) = str_column(segment, name)? else { continue };
        let strings = all_strings(&column)?;
        for doc in segment.doc_ids_alive() {
            if let Some(value) = column.term_ords(doc).next().and_then(|ord| strings.get(ord as usize)) {
                visit(DocAddress::new(ordinal as u32, doc), value);
            }
        }
    }
    Ok(())
}

/// The files indexed as not articles (tombstones), with why.
pub fn tombstones(searcher: &Searcher, library: &Path) -> tantivy::Result<Vec<crate::scan::Skipped>> {
    let mut out = Vec::new();
    for segment in searcher.segment_readers() {
        let (Some(skipped), Some(paths)) = (str_column(segment, "skipped")?, str_column(segment, "path")?)
        else {
            continue;
        };
        let (mut reason, mut path) = (String::new(), String::new());
        for doc in segment.doc_ids_alive() {
            let Some(ord) = skipped.term_ords(doc).next() else { continue };
            let Some(path_ord) = paths.term_ords(doc).next() else { continue };
            if skipped.ord_to_str(ord, &mut reason)? && paths.ord_to_str(path_ord, &mut path)? {
                let path = library.join(super::document::key_path(&path));
                out.push(crate::scan::Skipped { path, reason: decode_skip(&reason) });
            }
        }
    }
    Ok(out)
}

/// Every indexed article's summary, with its publication instant (seconds) for sorting.
pub fn all_summaries(
    searcher: &Searcher,
    library: &Path,
) -> tantivy::Result<Vec<(DocAddress, ArticleSummary)>> {
    let mut paths: HashMap<DocAddress, String> = HashMap::with_capacity(searcher.num_docs() as usize);
    for_each_string(searcher, "path", |address, path| {
        paths.insert(address, path.to_string());
    })?;
    let mut out = Vec::with_capacity(paths.len());
    for_each_string(searcher, "summary", |address, json| {
        if let (Some(path), Ok(stored)) =
            (paths.remove(&address), serde_json::from_str::<ArticleSummary>(json))
        {
            out.push((
                address,
                ArticleSummary { path: library.join(super::document::key_path(&path)), ..stored },
            ));
        }
    })?;
    Ok(out)
}
