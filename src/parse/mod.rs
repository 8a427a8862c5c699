//! Saved file → [`Article`]. Detection, decoding, NFC and sanitising happen here, once:
//! nothing downstream sees raw bytes.

mod container;
mod dates;
mod decode;
pub mod exports;
mod html;
mod json;
mod markdown;
mod nesting;
mod page_dump;
mod plain;
mod read;
mod related;
mod saved;

use std::fmt;
use std::fs;
use std::path::Path;

use crate::article::Article;
use crate::strings::fill;

pub use container::bounded_zip;
pub use container::folder::{export_in, ExportFolder, Part as ExportPart};
pub use container::{read_members, ContainerKind, ContainerReport, Limits, Stopped, SNIFF_BYTES};
pub use decode::decode;
pub use page_dump::{ExplainedLine, FurnitureModel, SiteLines, MIN_DUMPS};
pub use read::{
    container_kind_at, read_address, read_article, read_article_in, read_file, read_members_at,
    read_regular_file, LastLink,
};

/// What parsing may know beyond the file itself. `parse` stays a pure function of the path,
/// the bytes and this.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseContext<'a> {
    /// The furniture a library taught per site (read by the page-dump parser only).
    pub furniture: Option<&'a FurnitureModel>,
    /// How an HTML page's body is read (the extraction bench compares them).
    pub extractor: Extractor,
}
pub use html::Extractor;

/// Files larger than this are not articles (a saved page with inline scripts is a few MB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// An HTML page saved whole (SingleFile, "Save as… single file") carries its images as `data:`
/// URIs: up to this size it is read through [`html::single_file::Stripper`], and
/// [`MAX_FILE_BYTES`] applies to what remains.
pub const MAX_HTML_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Why a file is not read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    NotRegular,
    UnsupportedExtension(String),
    Empty,
    TooLarge(u64),
    Binary,
    Unreadable(String),
    NoText,
    Invalid(String),
    /// A symbolic link whose target (shown) is outside the library.
    LeavesLibrary(String),
    /// A folder on another file system than the library's (a mount point).
    OtherFileSystem,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = crate::strings::text();
        let why = |template: &str, why: &dyn fmt::Display| fill(template, &[("why", why)]);
        f.write_str(&match self {
            SkipReason::NotRegular => t.skip_not_regular.to_string(),
            SkipReason::UnsupportedExtension(ext) if ext.is_empty() => t.skip_no_extension.to_string(),
            SkipReason::UnsupportedExtension(ext) => fill(t.skip_extension, &[("ext", ext)]),
            SkipReason::Empty => t.skip_empty.to_string(),
            SkipReason::TooLarge(size) => {
                let size = format!("{:.1}", *size as f64 / 1_048_576.0);
                let (limit, html_limit) = (MAX_FILE_BYTES / 1_048_576, MAX_HTML_FILE_BYTES / 1_048_576);
                fill(t.skip_too_large, &[("size", &size), ("limit", &limit), ("html_limit", &html_limit)])
            }
            SkipReason::Binary => t.skip_binary.to_string(),
            SkipReason::Unreadable(err) => why(t.skip_unreadable, err),
            SkipReason::NoText => t.skip_no_text.to_string(),
            SkipReason::Invalid(err) => why(t.skip_invalid, err),
            SkipReason::LeavesLibrary(target) => fill(t.skip_leaves_library, &[("target", target)]),
            SkipReason::OtherFileSystem => t.skip_other_file_system.to_string(),
        })
    }
}

impl std::error::Error for SkipReason {}

/// What a file's extension says it holds. A `.txt` is a page dump or plain text: decided by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormatHint {
    Text,
    Markdown,
    Html,
    Json,
    /// A page wrapped by a browser: MHTML or a web archive (which one is read from the content).
    SavedPage,
    /// A file of many articles, read as a stream (see [`read_members`]).
    Container(ContainerKind),
}

pub fn format_hint(path: &Path) -> Result<FormatHint, SkipReason> {
    if let Some(kind) = ContainerKind::of(path) {
        return Ok(FormatHint::Container(kind));
    }
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Ok(FormatHint::Text),
        "md" | "markdown" => Ok(FormatHint::Markdown),
        "html" | "htm" | "xhtml" => Ok(FormatHint::Html),
        "json" => Ok(FormatHint::Json),
        "mhtml" | "mht" | "webarchive" => Ok(FormatHint::SavedPage),
        _ => Err(SkipReason::UnsupportedExtension(ext)),
    }
}

/// Whether a file may be read as an article, judged from its metadata alone.
pub fn classify(path: &Path, meta: &fs::Metadata) -> Result<(), SkipReason> {
    if !meta.is_file() {
        return Err(SkipReason::NotRegular);
    }
    let hint = format_hint(path)?;
    if meta.len() == 0 {
        return Err(SkipReason::Empty);
    }
    if meta.len() > size_limit(hint) {
        return Err(SkipReason::TooLarge(meta.len()));
    }
    Ok(())
}

/// How large a file of this kind may be on disk.
fn size_limit(hint: FormatHint) -> u64 {
    match hint {
        FormatHint::Html | FormatHint::SavedPage => MAX_HTML_FILE_BYTES,
        // Streamed: what it may cost is bounded by [`Limits`], not by its size.
        FormatHint::Container(_) => u64::MAX,
        _ => MAX_FILE_BYTES,
    }
}

/// Pure: bytes of a file named `path` → article.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, SkipReason> {
    parse_in(path, bytes, ParseContext::default())
}

/// [`parse`], with an HTML page's body read by `extractor`.
pub fn parse_html_with(path: &Path, bytes: &[u8], extractor: Extractor) -> Result<Article, SkipReason> {
    parse_in(path, bytes, ParseContext { extractor, ..Default::default() })
}

/// Pure: bytes of a file named `path`, and what the library knows → article.
pub fn parse_in(path: &Path, bytes: &[u8], context: ParseContext) -> Result<Article, SkipReason> {
    parse_for_index(path, bytes, context, false).map(|parsed| parsed.article)
}

/// An article, and what furniture learning counts in it when it is a page dump.
#[derive(Debug)]
pub struct Parsed {
    pub article: Article,
    pub site_lines: Option<SiteLines>,
}

/// [`parse_in`], and with `learn` the page dump's [`SiteLines`] (from the same decoded text).
pub fn parse_for_index(
    path: &Path,
    bytes: &[u8],
    context: ParseContext,
    learn: bool,
) -> Result<Parsed, SkipReason> {
    let hint = format_hint(path)?;
    // A WARC or an EPUB under another name is read by member, as its own name would have it.
    if ContainerKind::sniff(bytes).is_some() {
        return Err(SkipReason::Invalid(crate::strings::text().container_read_by_member.into()));
    }
    if let Some(wrapper) = wrapper_of(hint, bytes) {
        return parse_saved_page(path, wrapper, bytes, context);
    }
    let decoded = decode(bytes)?;
    let dump = hint == FormatHint::Text && page_dump::looks_like_page_dump(&decoded.text);
    let site_lines = if dump && learn { page_dump::site_lines(&decoded.text) } else { None };
    let mut article = match hint {
        FormatHint::Text if dump => page_dump::parse(path, &decoded.text, context.furniture),
        FormatHint::Text => plain::parse(path, &decoded.text),
        FormatHint::Markdown => markdown::parse(path, &decoded.text),
        FormatHint::Html => html::parse(path, &decoded.text, context.extractor),
        FormatHint::Json => json::parse(path, &decoded.text),
        // Not the wrapper its name says: read as the HTML it most likely is.
        FormatHint::SavedPage => html::parse(path, &decoded.text, context.extractor),
        FormatHint::Container(_) => {
            return Err(SkipReason::Invalid(crate::strings::text().container_read_by_member.into()))
        }
    }?;
    article.warnings.splice(0..0, decoded.warnings);
    // Page dumps and plain text are slices of the cleaned text; markup and JSON escapes can
    // decode to anything, so their fields are cleaned again.
    let from_markup = hint != FormatHint::Text;
    finish(&mut article, from_markup)?;
    Ok(Parsed { article, site_lines })
}

/// The browser's wrapper a file is, by its content: a `.mhtml` or `.webarchive`, and also an
/// `.html` or `.txt` that is one under another name.
fn wrapper_of(hint: FormatHint, bytes: &[u8]) -> Option<saved::Wrapper> {
    matches!(hint, FormatHint::SavedPage | FormatHint::Html | FormatHint::Text)
        .then(|| saved::Wrapper::sniff(bytes))
        .flatten()
}

/// A page out of its wrapper, through the HTML extraction with what the wrapper knew.
fn parse_saved_page(
    path: &Path,
    wrapper: saved::Wrapper,
    bytes: &[u8],
    context: ParseContext,
) -> Result<Parsed, SkipReason> {
    let page = wrapper.open(bytes)?;
    let decoded = decode::Decoded { text: crate::text::clean(&page.html), warnings: Vec::new() };
    let article = html_article(path, decoded, Some(page.provenance), wrapper.format(), context)?;
    Ok(Parsed { article, site_lines: None })
}

/// The article of an HTML page found inside another file (a WARC record), as `format`.
fn page_article(
    path: &Path,
    html: &[u8],
    provenance: Option<saved::Provenance>,
    format: crate::article::Format,
    context: ParseContext,
) -> Result<Article, SkipReason> {
    html_article(path, decode(html)?, provenance, format, context)
}

fn html_article(
    path: &Path,
    decoded: decode::Decoded,
    provenance: Option<saved::Provenance>,
    format: crate::article::Format,
    context: ParseContext,
) -> Result<Article, SkipReason> {
    let mut article = html::parse_saved(path, &decoded.text, context.extractor, provenance)?;
    article.format = format;
    article.warnings.splice(0..0, decoded.warnings);
    finish(&mut article, true)?;
    Ok(article)
}

/// What furniture learning counts in a file, without parsing it: `None` unless it is a page dump.
pub fn site_lines(path: &Path, bytes: &[u8]) -> Option<SiteLines> {
    if format_hint(path).ok()? != FormatHint::Text {
        return None;
    }
    let decoded = decode(bytes).ok()?;
    page_dump::looks_like_page_dump(&decoded.text).then(|| page_dump::site_lines(&decoded.text)).flatten()
}

/// Every line of a page dump with the class it got and the rule (or the learned model) that
/// decided it; `None` when the file is not read as a page dump.
pub fn explain(
    path: &Path,
    bytes: &[u8],
    context: ParseContext,
) -> Result<Option<Vec<ExplainedLine>>, SkipReason> {
    let hint = format_hint(path)?;
    let decoded = decode(bytes)?;
    if hint != FormatHint::Text || !page_dump::looks_like_page_dump(&decoded.text) {
        return Ok(None);
    }
    Ok(Some(page_dump::explain(&decoded.text, context.furniture)))
}

/// Every field tidied (and cleaned again when it came through markup), empties dropped, a
/// title guaranteed; an article with no text at all is none.
pub(crate) fn finish(article: &mut Article, from_markup: bool) -> Result<(), SkipReason> {
    use crate::text::{clean, collapse_spaces};
    let clean = |s: &str| if from_markup { clean(s) } else { s.to_string() };
    let one_line = |s: &str| collapse_spaces(&clean(s));
    let optional = |field: &mut Option<String>| {
        *field = field.as_deref().map(one_line).filter(|s| !s.is_empty());
    };
    article.title = one_line(&article.title);
    optional(&mut article.category);
    optional(&mut article.author);
    optional(&mut article.source);
    optional(&mut article.url);
    article.lead = article.lead.as_deref().map(|s| clean(s).trim().to_string()).filter(|s| !s.is_empty());
    article.tags = article.tags.iter().map(|t| one_line(t)).filter(|t| !t.is_empty()).collect();
    // A warning may quote what a file holds (a date it could not read, a parser's message).
    article.warnings = article.warnings.iter().map(|w| collapse_spaces(&crate::text::clean(w))).collect();
    article.body.retain_mut(|block| {
        block.text = clean(&block.text).trim().to_string();
        !block.text.is_empty()
    });
    article.related.retain_mut(|link| {
        link.title = one_line(&link.title);
        optional(&mut link.url);
        optional(&mut link.category);
        optional(&mut link.summary);
        !link.title.is_empty()
    });
    if article.title.is_empty() {
        let fallback =
            article.lead.clone().or_else(|| article.body.first().map(|b| b.text.clone())).unwrap_or_default();
        article.title = one_line(&fallback.chars().take(120).collect::<String>());
        if !article.title.is_empty() {
            article.warnings.push("no title found: the first line of text stands in".into());
        }
    }
    if article.title.is_empty() && article.body.is_empty() && article.lead.is_none() {
        return Err(SkipReason::NoText);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the fuzzer: a Markdown file whose only text is an indented block spanning lines.
    #[test]
    fn a_title_taken_from_the_text_is_one_line() {
        let article = parse(Path::new("a.md"), b"\t\t\xad\n\t\xe5").unwrap();
        assert!(!article.title.chars().any(char::is_control), "{:?}", article.title);
        let article = parse(Path::new("a.md"), b"    first line\n    second line\n").unwrap();
        assert_eq!(article.title, "first line second line");
    }
}
