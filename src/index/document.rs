//! An article as a tantivy document, and the summary the list reads back from a fast column.

use std::borrow::Cow;
use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tantivy::schema::Value;
use tantivy::{DateTime, DocAddress, Searcher, TantivyDocument};

use super::keys::{title_key, url_key};
use super::schema::Fields;
use super::types::ArticleSummary;
use crate::article::{Article, Format, Published};
use crate::parse::SkipReason;

/// What the manifest remembers of a file: enough to tell whether it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub size: u64,
    pub modified_ns: i64,
    pub hash: u64,
}

/// Days since 1970-01-01 of a calendar date: the unit of the `day` field.
pub fn day_number(date: chrono::NaiveDate) -> i64 {
    date.signed_duration_since(chrono::NaiveDate::default()).num_days()
}

/// What the `text` field holds of an article, value by value: its title, lead and body.
pub fn indexed_text(article: &Article) -> impl Iterator<Item = &str> {
    std::iter::once(article.title.as_str())
        .chain(article.lead.as_deref())
        .chain(article.body.iter().map(|block| block.text.as_str()))
}

/// The document of `article`, whose `path` is already relative to the library (so the stored
/// copy does not depend on where the library is mounted).
pub fn build(fields: &Fields, stamp: FileStamp, article: &Article) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, relative_key(&article.path));
    if let Some(member) = &article.member {
        doc.add_text(fields.member, member);
    }
    doc.add_u64(fields.size, stamp.size);
    doc.add_i64(fields.modified, stamp.modified_ns);
    doc.add_u64(fields.hash, stamp.hash);
    let summary = ArticleSummary::of(article);
    doc.add_text(fields.summary, serde_json::to_string(&summary).unwrap_or_default());
    doc.add_text(fields.title_order, super::listing::title_order(&article.title));
    doc.add_text(fields.source_order, super::listing::source_order(&article.source, &article.category));
    doc.add_text(fields.article, serde_json::to_string(article).unwrap_or_default());
    doc.add_text(fields.title, &article.title);
    for text in indexed_text(article) {
        doc.add_text(fields.text, text);
    }
    for tag in &article.tags {
        doc.add_text(fields.tags, tag);
    }
    let optional = [
        (fields.category, &article.category),
        (fields.author, &article.author),
        (fields.source, &article.source),
    ];
    for (field, value) in optional {
        if let Some(value) = value {
            doc.add_text(field, value);
        }
    }
    doc.add_text(fields.format, article.format.as_str());
    if let Some(key) = article.url.as_deref().and_then(url_key) {
        doc.add_text(fields.url_key, key);
    }
    doc.add_text(fields.title_key, title_key(&article.title));
    if let Some(published) = article.published {
        let seconds = published.to_utc().timestamp();
        doc.add_date(fields.published, DateTime::from_timestamp_secs(seconds));
        doc.add_i64(fields.day, day_number(published.date));
    }
    for link in &article.related {
        if let Some(key) = link.url.as_deref().and_then(url_key) {
            doc.add_text(fields.related_url, key);
        }
        doc.add_text(fields.related_title, title_key(&link.title));
        doc.add_text(fields.related_text, &link.title);
    }
    if let Some(shelf) = &article.shelf {
        // Unread is what is neither archived nor read in newsdesk: asked of the store when
        // searched (see `shelves::unread`).
        for (state, set) in [("archived", shelf.archived), ("starred", shelf.starred)] {
            if set {
                doc.add_text(fields.state, state);
            }
        }
    }
    add_fingerprint(&mut doc, fields, article);
    doc
}

/// The article's text hash and signature: what its story is grouped by.
#[cfg(not(feature = "bench-no-fingerprint"))]
fn add_fingerprint(doc: &mut TantivyDocument, fields: &Fields, article: &Article) {
    let fingerprint = super::fingerprint::fingerprint(article);
    doc.add_u64(fields.text_hash, fingerprint.text_hash);
    if let Some(signature) = &fingerprint.signature {
        doc.add_bytes(fields.signature, &super::fingerprint::to_bytes(signature));
    }
}

/// The bench-only build without duplicate detection (Cargo.toml's `bench-no-fingerprint`).
#[cfg(feature = "bench-no-fingerprint")]
fn add_fingerprint(_: &mut TantivyDocument, _: &Fields, _: &Article) {}

/// The library-relative key of `path`, if it is inside `library`.
pub fn key_of(library: &Path, path: &Path) -> Option<String> {
    if let Ok(relative) = path.strip_prefix(library) {
        return Some(relative_key(relative));
    }
    let (library, path): (PathBuf, PathBuf) = (library.canonicalize().ok()?, path.canonicalize().ok()?);
    path.strip_prefix(&library).ok().map(relative_key)
}

/// Starts the key of a file name that is not UTF-8 (no file name holds a NUL).
const NOT_UTF8: char = '\0';

/// A library-relative path as the index keys it: `/`-separated on every platform. A name that
/// is not UTF-8 is kept as NUL and the hex of its bytes, so [`key_path`] gives back the very
/// path and the file can be opened again.
pub fn relative_key(relative: &Path) -> String {
    relative.components().map(|part| component_key(part.as_os_str())).collect::<Vec<_>>().join("/")
}

/// The library-relative path a [`relative_key`] stands for.
pub fn key_path(key: &str) -> PathBuf {
    key.split('/').map(component_path).collect()
}

fn component_key(name: &OsStr) -> Cow<'_, str> {
    #[cfg(unix)]
    if name.to_str().is_none() {
        use std::os::unix::ffi::OsStrExt;
        let hex: String = name.as_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
        return Cow::Owned(format!("{NOT_UTF8}{hex}"));
    }
    name.to_string_lossy()
}

fn component_path(part: &str) -> OsString {
    #[cfg(unix)]
    if let Some(hex) = part.strip_prefix(NOT_UTF8).filter(|hex| hex.len() % 2 == 0) {
        use std::os::unix::ffi::OsStringExt;
        let bytes: Option<Vec<u8>> =
            (0..hex.len()).step_by(2).map(|at| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()).collect();
        if let Some(bytes) = bytes {
            return OsString::from_vec(bytes);
        }
    }
    OsString::from(part)
}

/// The document for a file that is not an article: the manifest entry and why.
pub fn tombstone(fields: &Fields, relative: &Path, stamp: FileStamp, reason: &SkipReason) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.path, relative_key(relative));
    doc.add_u64(fields.size, stamp.size);
    doc.add_i64(fields.modified, stamp.modified_ns);
    doc.add_u64(fields.hash, stamp.hash);
    doc.add_text(fields.skipped, encode_skip(reason));
    doc
}

/// What can be read back from a document's stored article JSON: the whole [`Article`], or a
/// part of it.
pub trait Stored: serde::de::DeserializeOwned {
    /// The path, stored relative to the library.
    fn path_mut(&mut self) -> &mut PathBuf;
}

impl Stored for Article {
    fn path_mut(&mut self) -> &mut PathBuf {
        &mut self.path
    }
}

/// The stored article of a document as `T` (`None` for a tombstone), its path made whole again.
pub fn stored<T: Stored>(
    searcher: &Searcher,
    fields: &Fields,
    address: DocAddress,
    library: &Path,
) -> Option<T> {
    let doc: TantivyDocument = searcher.doc(address).ok()?;
    let json = doc.get_first(fields.article)?.as_str()?;
    let mut value: T = serde_json::from_str(json).ok()?;
    let path = value.path_mut();
    *path = library.join(key_path(&path.to_string_lossy()));
    Some(value)
}

/// What a hit needs of a stored article: its summary and the texts a snippet comes from. Reading
/// only these skips building tags, links and the rest of the article.
#[derive(Debug, Deserialize)]
pub struct StoredHit {
    pub path: PathBuf,
    #[serde(default)]
    pub member: Option<String>,
    pub format: Format,
    pub title: String,
    pub published: Option<Published>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub lead: Option<String>,
    pub body: Vec<BodyText>,
}

#[derive(Debug, Deserialize)]
pub struct BodyText {
    pub text: String,
}

impl Stored for StoredHit {
    fn path_mut(&mut self) -> &mut PathBuf {
        &mut self.path
    }
}

impl StoredHit {
    pub fn summary(&self) -> ArticleSummary {
        ArticleSummary {
            path: self.path.clone(),
            member: self.member.clone(),
            title: self.title.clone(),
            published: self.published,
            category: self.category.clone(),
            source: self.source.clone(),
            author: self.author.clone(),
            format: self.format,
        }
    }
}

/// A skip reason as one string, read back by [`decode_skip`].
pub fn encode_skip(reason: &SkipReason) -> String {
    match reason {
        SkipReason::NotRegular => "not_regular".into(),
        SkipReason::UnsupportedExtension(ext) => format!("extension:{ext}"),
        SkipReason::Empty => "empty".into(),
        SkipReason::TooLarge(size) => format!("too_large:{size}"),
        SkipReason::Binary => "binary".into(),
        SkipReason::Unreadable(why) => format!("unreadable:{why}"),
        SkipReason::NoText => "no_text".into(),
        SkipReason::Invalid(why) => format!("invalid:{why}"),
        SkipReason::LeavesLibrary(target) => format!("leaves_library:{target}"),
        SkipReason::OtherFileSystem => "other_file_system".into(),
    }
}

pub fn decode_skip(text: &str) -> SkipReason {
    let (tag, detail) = text.split_once(':').unwrap_or((text, ""));
    match tag {
        "not_regular" => SkipReason::NotRegular,
        "extension" => SkipReason::UnsupportedExtension(detail.into()),
        "empty" => SkipReason::Empty,
        "too_large" => SkipReason::TooLarge(detail.parse().unwrap_or(0)),
        "binary" => SkipReason::Binary,
        "unreadable" => SkipReason::Unreadable(detail.into()),
        "no_text" => SkipReason::NoText,
        "leaves_library" => SkipReason::LeavesLibrary(detail.into()),
        "other_file_system" => SkipReason::OtherFileSystem,
        _ => SkipReason::Invalid(detail.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_give_back_the_path_even_when_it_is_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let odd = Path::new("tin/mới").join(OsStr::from_bytes(b"bad-\xff\xfe.txt"));
        let key = relative_key(&odd);
        assert_eq!(key, "tin/mới/\u{0}6261642dfffe2e747874");
        assert_eq!(key_path(&key), odd);
        assert_eq!(relative_key(&key_path(&key)), key);
        assert_eq!(relative_key(Path::new("a/b.txt")), "a/b.txt");
    }

    #[test]
    fn skip_reasons_round_trip() {
        for reason in [
            SkipReason::NotRegular,
            SkipReason::UnsupportedExtension("pdf".into()),
            SkipReason::Empty,
            SkipReason::TooLarge(17_000_000),
            SkipReason::Binary,
            SkipReason::Unreadable("permission denied: x".into()),
            SkipReason::NoText,
            SkipReason::Invalid("bad: json".into()),
        ] {
            assert_eq!(decode_skip(&encode_skip(&reason)), reason);
        }
    }
}
