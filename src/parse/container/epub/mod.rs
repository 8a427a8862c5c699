//! EPUB books, as wallabag, Shiori and Readeck export saved articles: each chapter of the
//! spine is a member (its href the member's name), read through the HTML extraction. The
//! header wallabag puts at the top of each entry's chapter gives the fields (see [`header`]);
//! the book's own metadata (`dc:title`, `dc:creator`, `dc:date`) is the fallback. The zip is
//! read in memory, never unpacked, every entry within [`Limits`] (see [`archive`]).

mod archive;
mod header;
mod opf;

use std::io::Read;
use std::path::Path;

use dom_query::Document;

use self::archive::{Archive, Entry};
use super::{ContainerReport, Limits, Stopped};
use crate::article::{Article, Format, Published};
use crate::parse::decode::{decode, Decoded};
use crate::parse::saved::Provenance;
use crate::parse::{finish, html_article, nesting, ParseContext, SkipReason};
use crate::strings::{fill, text};

/// The largest EPUB read: it is held in memory while its chapters are read.
pub const MAX_EPUB_BYTES: u64 = 256 << 20;

/// An EPUB's first bytes: a zip whose first entry is `mimetype`, stored, holding
/// `application/epub+zip` (as the EPUB container format requires).
pub fn looks_like(head: &[u8]) -> bool {
    if !head.starts_with(b"PK\x03\x04") || head.len() < 30 {
        return false;
    }
    let field = |at: usize| usize::from(u16::from_le_bytes([head[at], head[at + 1]]));
    let (name_length, extra_length) = (field(26), field(28));
    let content = 30 + name_length + extra_length;
    head.get(30..30 + name_length) == Some(b"mimetype")
        && head.get(content..).is_some_and(|rest| rest.starts_with(b"application/epub+zip"))
}

pub fn read(
    path: &Path,
    input: impl Read,
    context: ParseContext,
    limits: Limits,
    visit: &mut dyn FnMut(Article) -> bool,
) -> Result<ContainerReport, SkipReason> {
    let mut bytes = Vec::new();
    input
        .take(MAX_EPUB_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| SkipReason::Unreadable(err.to_string()))?;
    if bytes.len() as u64 > MAX_EPUB_BYTES {
        return Err(SkipReason::Invalid(fill(text().epub_too_large, &[("mb", &(MAX_EPUB_BYTES >> 20))])));
    }
    let mut archive = Archive::open(&bytes, limits)?;
    let stopped = |stopped: Stopped| SkipReason::Invalid(stopped.to_string());
    let (package, package_path) = package_of(&mut archive)
        .map_err(stopped)?
        .ok_or_else(|| SkipReason::Invalid(text().not_an_epub.into()))?;
    let mut book =
        Book { report: ContainerReport::default(), limits, visit, headed: None, undecided: Vec::new() };
    for href in &package.chapters {
        book.report.records += 1;
        let chapter = match entry_name(&package_path, href).map(|name| archive.entry(&name)) {
            Some(Ok(Entry::Bytes(bytes))) => bytes,
            Some(Err(stopped)) => {
                book.report.stopped = Some(stopped);
                break;
            }
            _ => {
                book.report.skipped += 1;
                continue;
            }
        };
        match chapter_article(path, &chapter, &package, context) {
            Ok((mut article, headed)) => {
                article.member = Some(href.clone());
                if !book.take(article, headed) {
                    break;
                }
            }
            Err(_) => book.report.skipped += 1,
        }
    }
    book.finish();
    let mut report = book.report;
    report.decompressed = archive.decompressed;
    Ok(report)
}

/// Chapters read before a book is taken to have no entry headers: a cover and a title page
/// may come before wallabag's first entry.
const UNDECIDED_CHAPTERS: usize = 2;

/// The members of a book as its chapters are read. A book whose chapters carry wallabag's
/// header is an export: its chapters without one (a cover, the closing notices) are not
/// articles. In any other book every chapter with text is.
struct Book<'v> {
    report: ContainerReport,
    limits: Limits,
    visit: &'v mut dyn FnMut(Article) -> bool,
    /// Whether the chapters carry headers, once known.
    headed: Option<bool>,
    /// Header-less chapters read while that is not known yet.
    undecided: Vec<Article>,
}

impl Book<'_> {
    /// Takes a chapter's article; `false` when reading should stop.
    fn take(&mut self, article: Article, headed: bool) -> bool {
        match (self.headed, headed) {
            (_, true) => {
                self.headed = Some(true);
                self.undecided.clear();
                self.give(article)
            }
            (Some(true), false) => true,
            (Some(false), false) => self.give(article),
            (None, false) => {
                self.undecided.push(article);
                if self.undecided.len() < UNDECIDED_CHAPTERS {
                    return true;
                }
                self.headed = Some(false);
                std::mem::take(&mut self.undecided).into_iter().all(|article| self.give(article))
            }
        }
    }

    /// Gives what is still held back once every chapter is read.
    fn finish(&mut self) {
        if self.headed != Some(true) && self.report.stopped.is_none() {
            for article in std::mem::take(&mut self.undecided) {
                if !self.give(article) {
                    break;
                }
            }
        }
    }

    fn give(&mut self, article: Article) -> bool {
        self.report.members += 1;
        if !(self.visit)(article) {
            return false;
        }
        if self.report.members >= self.limits.members {
            self.report.stopped = Some(Stopped::TooManyMembers(self.report.members));
            return false;
        }
        true
    }
}

/// The package document and its path in the zip: the one `container.xml` names, else the
/// first `.opf` file. `Ok(None)` when there is none.
fn package_of(archive: &mut Archive) -> Result<Option<(opf::Package, String)>, Stopped> {
    let named = archive.text("META-INF/container.xml")?.as_deref().and_then(opf::rootfile);
    let path =
        named.or_else(|| archive.names().into_iter().find(|name| name.to_lowercase().ends_with(".opf")));
    let Some(path) = path else { return Ok(None) };
    Ok(archive.text(&path)?.map(|xml| (opf::package(&xml), path)))
}

/// The zip entry an href of the package document at `package_path` names: relative to the
/// package's folder, its %-escapes decoded. `None` for a link out of the book.
fn entry_name(package_path: &str, href: &str) -> Option<String> {
    let package = url::Url::parse("epub:/").ok()?.join(package_path).ok()?;
    let target = package.join(href).ok()?;
    if target.scheme() != "epub" {
        return None;
    }
    let name = target.path().trim_start_matches('/');
    Some(percent_encoding::percent_decode_str(name).decode_utf8().ok()?.into_owned())
}

/// A chapter's article, and whether it carried wallabag's header.
fn chapter_article(
    path: &Path,
    bytes: &[u8],
    package: &opf::Package,
    context: ParseContext,
) -> Result<(Article, bool), SkipReason> {
    let decoded = decode(bytes)?;
    // html5ever's cost grows with the square of the nesting depth: capped first, as for a page.
    let document = Document::from(nesting::cap_nesting(&decoded.text).as_ref());
    let header = header::take(&document);
    let headed = header.is_some();
    let header = header.unwrap_or_default();
    let title = header.title.as_deref().or_else(|| untitled(&document).then_some(package.title.as_deref()?));
    if let Some(title) = title {
        document.select("head title").remove();
        document.select("head").append_html(format!("<title>{}</title>", quick_xml::escape::escape(title)));
    }
    let book_date = package.date.as_deref().and_then(Published::parse_iso);
    // The date an entry was saved (or the book made) stands in only when none was published.
    let saved = if header.published.is_some() { None } else { header.added.or(book_date) };
    let provenance = Provenance { saver: "EPUB", url: header.url.clone(), saved };
    let page = Decoded { text: document.html().to_string(), warnings: decoded.warnings };
    let mut article = html_article(path, page, Some(provenance), Format::Epub, context)?;
    if let Some(title) = &header.title {
        article.title = title.clone();
    }
    article.url = header.url.or(article.url);
    article.published = header.published.or(article.published);
    article.author = header.authors.or(article.author);
    if article.author.is_none() && !package.creators.is_empty() {
        article.author = Some(package.creators.join(", "));
    }
    for tag in header.tags {
        if !article.tags.contains(&tag) {
            article.tags.push(tag);
        }
    }
    finish(&mut article, true)?;
    Ok((article, headed))
}

/// Whether a chapter names itself nowhere: no `<title>`, no heading.
fn untitled(document: &Document) -> bool {
    document.select("title").text().trim().is_empty() && !document.select("h1, h2").exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_href_names_its_entry_relative_to_the_package_document() {
        assert_eq!(entry_name("OEBPS/book.opf", "a.xhtml").as_deref(), Some("OEBPS/a.xhtml"));
        assert_eq!(
            entry_name("OEBPS/book.opf", "../Text/b%20two.xhtml#p2").as_deref(),
            Some("Text/b two.xhtml")
        );
        assert_eq!(
            entry_name("content.opf", "ch/tin%20m%E1%BB%9Bi.xhtml").as_deref(),
            Some("ch/tin mới.xhtml")
        );
        assert_eq!(entry_name("OEBPS/book.opf", "https://e.example/x.html"), None);
    }

    #[test]
    fn a_book_is_known_by_its_mimetype_entry() {
        let mut head = b"PK\x03\x04".to_vec();
        head.extend_from_slice(&[0; 22]);
        head.extend_from_slice(&8u16.to_le_bytes());
        head.extend_from_slice(&0u16.to_le_bytes());
        head.extend_from_slice(b"mimetypeapplication/epub+zip");
        assert!(looks_like(&head));
        assert!(!looks_like(&head[..40]), "cut before its content");
        let other = [&head[..30], b"mimetypeapplication/zip"].concat();
        assert!(!looks_like(&other));
    }
}
