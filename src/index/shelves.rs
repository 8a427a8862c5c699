//! References — links a read-it-later service or a browser kept without their text — and the
//! saved copies they attach to: a reference whose URL (keyed as link resolution keys it) is
//! also an article's in the library lends that article its tags, state and highlights, and is
//! no longer listed on its own; any other is listed as not saved. Decided when asked, so a copy
//! saved after the export was indexed is found as well.

use std::collections::HashSet;

use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, Term};

use super::document::stored;
use super::keys::url_key;
use super::schema::Fields;
use crate::article::{Article, Format};

/// What is read of a stored document to key it.
#[derive(Debug, serde::Deserialize)]
struct Linked {
    path: std::path::PathBuf,
    format: Format,
    #[serde(default)]
    url: Option<String>,
}

impl super::document::Stored for Linked {
    fn path_mut(&mut self) -> &mut std::path::PathBuf {
        &mut self.path
    }
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, value), IndexRecordOption::Basic))
}

/// Documents keyed `key` that are saved articles (`references` false) or references (true).
fn keyed(fields: &Fields, key: &str, references: bool) -> BooleanQuery {
    let reference = term(fields.format, Format::Reference.as_str());
    let occur = if references { Occur::Must } else { Occur::MustNot };
    BooleanQuery::new(vec![(Occur::Must, term(fields.url_key, key)), (occur, reference)])
}

/// The saved article whose URL is keyed `key`, if the library holds one.
pub fn saved_copy(searcher: &Searcher, fields: &Fields, key: &str) -> Option<DocAddress> {
    let found = searcher.search(&keyed(fields, key, false), &TopDocs::with_limit(1).order_by_score()).ok()?;
    found.into_iter().next().map(|(_, address)| address)
}

/// Whether the document at `address` is a reference, and its URL's key.
pub fn reference_key(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Option<String> {
    let linked: Linked = stored(searcher, fields, address, std::path::Path::new(""))?;
    (linked.format == Format::Reference).then(|| linked.url.as_deref().and_then(url_key)).flatten()
}

/// The references that attach to a saved copy (and so are not listed on their own).
pub fn attached(searcher: &Searcher, fields: &Fields) -> HashSet<DocAddress> {
    let references = term(fields.format, Format::Reference.as_str());
    let Ok(all) = searcher.search(references.as_ref(), &DocSetCollector) else { return HashSet::new() };
    all.into_iter()
        .filter(|address| {
            reference_key(searcher, fields, *address)
                .is_some_and(|key| saved_copy(searcher, fields, &key).is_some())
        })
        .collect()
}

/// The references that attach to `article` (the same URL), as stored.
pub fn references_of(
    searcher: &Searcher,
    fields: &Fields,
    library: &std::path::Path,
    article: &Article,
) -> Vec<Article> {
    if article.format == Format::Reference {
        return Vec::new();
    }
    let Some(key) = article.url.as_deref().and_then(url_key) else { return Vec::new() };
    let query = keyed(fields, &key, true);
    let Ok(count) = searcher.search(&query, &Count) else { return Vec::new() };
    let Ok(found) = searcher.search(&query, &TopDocs::with_limit(count.max(1)).order_by_score()) else {
        return Vec::new();
    };
    found
        .into_iter()
        .filter_map(|(_, address)| stored::<Article>(searcher, fields, address, library))
        .collect()
}

/// `is:unread`: the articles neither read in newsdesk (`read`: the addresses with a read mark)
/// nor archived in their service, what attaches counting as one: a reference whose saved copy
/// was read is not unread, nor is a copy one of whose references is archived. Costs a stored
/// document per read mark and per archived reference.
pub fn unread(searcher: &Searcher, fields: &Fields, read: Vec<(String, Option<String>)>) -> Box<dyn Query> {
    let url_of = |address: DocAddress| {
        let linked: Linked = stored(searcher, fields, address, std::path::Path::new(""))?;
        linked.url.as_deref().and_then(url_key)
    };
    let mut done: HashSet<String> = read
        .iter()
        .filter_map(|(key, member)| super::build::document_at(searcher, fields, key, member.as_deref()))
        .filter_map(url_of)
        .collect();
    let archived_references = BooleanQuery::new(vec![
        (Occur::Must, term(fields.state, "archived")),
        (Occur::Must, term(fields.format, Format::Reference.as_str())),
    ]);
    if let Ok(found) = searcher.search(&archived_references, &DocSetCollector) {
        done.extend(found.into_iter().filter_map(url_of));
    }
    let done = TermSetQuery::new(done.iter().map(|key| Term::from_field_text(fields.url_key, key)));
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, super::build::all_articles(fields)),
        (Occur::MustNot, term(fields.state, "archived")),
        (Occur::MustNot, super::build::articles_keyed(fields, read)),
        (Occur::MustNot, Box::new(done)),
    ]))
}

/// Whether the index holds any reference (a term lookup per segment, no document read).
fn holds_references(searcher: &Searcher, fields: &Fields) -> bool {
    let reference = Term::from_field_text(fields.format, Format::Reference.as_str());
    searcher.doc_freq(&reference).map_or(true, |count| count > 0)
}

/// Hits in rank order with each reference that attaches to a saved copy replaced by that copy
/// (so `tag:` and `is:` find the copy by what its references say), each document once. A
/// library without references is answered without reading a hit's stored document.
pub fn to_saved_copies(
    searcher: &Searcher,
    fields: &Fields,
    scored: Vec<(f32, DocAddress)>,
) -> Vec<(f32, DocAddress)> {
    if !holds_references(searcher, fields) {
        return scored;
    }
    let mut seen = HashSet::with_capacity(scored.len());
    scored
        .into_iter()
        .map(|(score, address)| {
            let copy =
                reference_key(searcher, fields, address).and_then(|key| saved_copy(searcher, fields, &key));
            (score, copy.unwrap_or(address))
        })
        .filter(|(_, address)| seen.insert(*address))
        .collect()
}
