//! The tantivy schema as a typed struct of fields, and the stamp that names its version.

use tantivy::schema::{
    DateOptions, DateTimePrecision, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing,
    TextOptions, FAST, INDEXED, STORED, STRING,
};

use super::analysis::{FOLDED, WITH_EXACT};

/// Written beside the index; any change to the schema, the analysers or what a document holds
/// must change it, so an old index is rebuilt instead of being misread.
/// It names the package version too: another newsdesk may parse the same files differently.
pub const STAMP: &str = concat!(
    "newsdesk-index 1; schema 7 (fingerprint 1; list keys 1); clean 2; analysers fold_tokenizer(40)[folded_with_exact|folded]; common word pairs 1; nfc; url keys 2 (whatwg); newsdesk ",
    env!("CARGO_PKG_VERSION")
);

/// Every field of the index, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Path relative to the library: the document's identity (delete term) and manifest key.
    pub path: Field,
    /// The article's place in a file of many (a WARC record id): a file's documents share its
    /// path, so deleting the path's term removes them all.
    pub member: Field,
    pub size: Field,
    pub modified: Field,
    pub hash: Field,
    /// [`super::ArticleSummary`] as JSON in a fast column: the list needs no doc store.
    pub summary: Field,
    /// The folded title, and the folded source and category, as fast columns whose dictionaries
    /// are in sort order: the reader sorts its list by them without reading any summary.
    pub title_order: Field,
    pub source_order: Field,
    /// Why the file is not indexed, for a file that could not be read as an article: such a
    /// "tombstone" keeps the manifest complete, so an unchanged broken file is not re-read.
    pub skipped: Field,
    /// The whole article as JSON (stored only): snippets, link resolution, renames without re-parsing.
    pub article: Field,
    /// The title alone, for `title:` and for ranking title matches first. Like `text`, it
    /// holds each word folded and each accented word also exact.
    pub title: Field,
    /// Title, lead and body as one text: one posting list per word instead of six.
    pub text: Field,
    pub tags: Field,
    pub category: Field,
    pub author: Field,
    pub source: Field,
    pub format: Field,
    /// The article's own URL and title, as link resolution keys.
    pub url_key: Field,
    pub title_key: Field,
    /// Publication instant (UTC) for sorting.
    pub published: Field,
    /// The page's own calendar day (days since 1970-01-01) for `after:`/`before:`/`on:`.
    pub day: Field,
    /// Keys of the article's related links, for "linked from".
    pub related_url: Field,
    pub related_title: Field,
    pub related_text: Field,
    /// Its state in a read-it-later service (`archived`, `starred`), for `is:`.
    pub state: Field,
    /// The article's folded lead and body, hashed (see [`super::fingerprint`]): exact copies.
    pub text_hash: Field,
    /// Its MinHash signature (absent for a short text): near copies.
    pub signature: Field,
}

impl Fields {
    pub fn build() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let indexed = |tokenizer: &str, record: IndexRecordOption| {
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record),
            )
        };
        let text = |tokenizer: &str| indexed(tokenizer, IndexRecordOption::WithFreqsAndPositions);
        let number = || NumericOptions::default().set_fast();
        let fields = Fields {
            path: builder.add_text_field("path", STRING | FAST),
            member: builder.add_text_field("member", STRING | FAST),
            size: builder.add_u64_field("size", number()),
            modified: builder.add_i64_field("modified", number()),
            hash: builder.add_u64_field("hash", number()),
            summary: builder.add_text_field("summary", TextOptions::default().set_fast("raw")),
            title_order: builder.add_text_field("title_order", TextOptions::default().set_fast("raw")),
            source_order: builder.add_text_field("source_order", TextOptions::default().set_fast("raw")),
            skipped: builder.add_text_field("skipped", TextOptions::default().set_fast("raw")),
            article: builder.add_text_field("article", STORED),
            title: builder.add_text_field("title", text(WITH_EXACT)),
            text: builder.add_text_field("text", text(WITH_EXACT)),
            tags: builder.add_text_field("tag", text(FOLDED)),
            category: builder.add_text_field("category", text(FOLDED)),
            author: builder.add_text_field("author", text(FOLDED)),
            source: builder.add_text_field("source", text(FOLDED)),
            format: builder.add_text_field("format", STRING),
            url_key: builder.add_text_field("url_key", STRING),
            title_key: builder.add_text_field("title_key", STRING),
            published: builder.add_date_field(
                "published",
                DateOptions::default().set_fast().set_precision(DateTimePrecision::Seconds),
            ),
            day: builder.add_i64_field("day", number() | INDEXED),
            related_url: builder.add_text_field("related_url", STRING),
            related_title: builder.add_text_field("related_title", STRING),
            // Searched word by word (never as a phrase): no positions.
            related_text: builder
                .add_text_field("related_text", indexed(FOLDED, IndexRecordOption::WithFreqs)),
            state: builder.add_text_field("state", STRING),
            text_hash: builder.add_u64_field("text_hash", number()),
            signature: builder.add_bytes_field("signature", FAST),
        };
        (builder.build(), fields)
    }
}
