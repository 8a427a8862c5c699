//! Reading the fast columns: the tombstones and the article summaries, without touching the
//! document store (the manifest of indexed files: [`super::manifest`]).

use std::collections::HashMap;
use std::path::Path;

use tantivy::columnar::{ColumnIndex, StrColumn};
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

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
        for doc in live_docs_with_value(&skipped, segment) {
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

/// The live documents of `segment` with a value in `column`: only those when the column keeps
/// which documents have one (a column few documents have, as the tombstones' reason: a query's
/// freshness check does not walk every article), else every live document.
fn live_docs_with_value<'a>(
    column: &'a StrColumn,
    segment: &'a SegmentReader,
) -> Box<dyn Iterator<Item = DocId> + 'a> {
    match &column.ords().index {
        ColumnIndex::Empty { .. } => Box::new(std::iter::empty()),
        ColumnIndex::Optional(index) => {
            Box::new(index.iter_non_null_docs().filter(|doc| !segment.is_deleted(*doc)))
        }
        ColumnIndex::Full | ColumnIndex::Multivalued(_) => Box::new(segment.doc_ids_alive()),
    }
}

/// The summaries of some articles (a hit's copies) from their fast columns (their stored
/// documents, compressed in blocks of others, are not read): each segment's two columns opened
/// once, however many of its articles are asked for (opening one costs more than a lookup).
pub fn summaries_at(
    searcher: &Searcher,
    library: &Path,
    addresses: &[DocAddress],
) -> HashMap<DocAddress, ArticleSummary> {
    let mut out = HashMap::with_capacity(addresses.len());
    for (ordinal, docs) in super::rank::by_segment(addresses.iter().copied()) {
        let Some(segment) = searcher.segment_readers().get(ordinal as usize) else { continue };
        let (Ok(Some(summaries)), Ok(Some(paths))) =
            (str_column(segment, "summary"), str_column(segment, "path"))
        else {
            continue;
        };
        let (mut summaries, mut paths) = (strings_at(&summaries, &docs), strings_at(&paths, &docs));
        for doc in docs {
            let stored =
                summaries.remove(&doc).and_then(|json| serde_json::from_str::<ArticleSummary>(&json).ok());
            let (Some(stored), Some(path)) = (stored, paths.remove(&doc)) else { continue };
            let path = library.join(super::document::key_path(&path));
            out.insert(DocAddress::new(ordinal, doc), ArticleSummary { path, ..stored });
        }
    }
    out
}

/// The values of `docs` in a string column, its dictionary read once in order: each block
/// decoded once, however many of the values it holds (a copy's summary is its story's).
fn strings_at(column: &StrColumn, docs: &[DocId]) -> HashMap<DocId, String> {
    let mut wanted: Vec<(u64, DocId)> =
        docs.iter().filter_map(|&doc| Some((column.term_ords(doc).next()?, doc))).collect();
    wanted.sort_unstable();
    let ords: Vec<u64> = wanted.iter().map(|(ord, _)| *ord).collect();
    let mut out = HashMap::with_capacity(wanted.len());
    let mut owners = wanted.iter();
    // A failed read leaves the rest out: the caller skips what it does not find.
    let _ = column.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
        if let (Some((_, doc)), Ok(text)) = (owners.next(), std::str::from_utf8(bytes)) {
            out.insert(*doc, text.to_string());
        }
    });
    out
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::SkipReason;
    use tantivy::{Index, Term};

    /// Tombstones are read from the documents that have a reason, and a deleted one (its file
    /// since read as an article) is not among them though its segment stays.
    #[test]
    fn tombstones_are_the_live_documents_with_a_reason() {
        let (schema, fields) = super::super::schema::Fields::build();
        let index = Index::create_in_ram(schema);
        super::super::analysis::register(index.tokenizers(), &Default::default());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let stamp = super::super::document::FileStamp { size: 1, modified_ns: 1, hash: 1 };
        let tombstone =
            |name: &str, reason| super::super::document::tombstone(&fields, Path::new(name), stamp, &reason);
        let mut article = tantivy::TantivyDocument::default();
        article.add_text(fields.path, "fine.txt");
        writer.add_document(article).unwrap();
        writer.add_document(tombstone("empty.txt", SkipReason::Empty)).unwrap();
        writer.add_document(tombstone("binary.txt", SkipReason::Binary)).unwrap();
        writer.commit().unwrap();
        let reader = index.reader().unwrap();
        let names = |searcher: &Searcher| -> Vec<String> {
            let found = tombstones(searcher, Path::new("/lib")).unwrap();
            found.iter().map(|skipped| skipped.path.to_string_lossy().into_owned()).collect()
        };
        assert_eq!(names(&reader.searcher()), ["/lib/empty.txt", "/lib/binary.txt"]);

        writer.delete_term(Term::from_field_text(fields.path, "empty.txt"));
        writer.commit().unwrap();
        reader.reload().unwrap();
        let searcher = reader.searcher();
        assert_eq!(searcher.segment_readers().len(), 1, "the segment stays, one document deleted");
        assert_eq!(names(&searcher), ["/lib/binary.txt"]);
    }
}
