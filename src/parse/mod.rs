//! Saved file → [`Article`]. Detection, decoding, NFC and sanitising happen here, once:
//! nothing downstream sees raw bytes.

mod dates;
mod decode;
mod html;
mod json;
mod markdown;
mod nesting;
mod page_dump;
mod plain;
mod related;

use std::fmt;
use std::fs;
use std::io::Read;
use std::path::Path;

use crate::article::Article;
use crate::strings::fill;

pub use decode::decode;
pub use page_dump::{ExplainedLine, FurnitureModel, SiteLines, MIN_DUMPS};

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
}

pub fn format_hint(path: &Path) -> Result<FormatHint, SkipReason> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "txt" | "text" => Ok(FormatHint::Text),
        "md" | "markdown" => Ok(FormatHint::Markdown),
        "html" | "htm" | "xhtml" => Ok(FormatHint::Html),
        "json" => Ok(FormatHint::Json),
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

/// Reads and parses one file, refusing anything that is not a regular file of sane size.
/// Follows links: for a file the user names. Files of a library are read by
/// [`crate::scan::Library`], which keeps to the library.
pub fn read_article(path: &Path) -> Result<Article, SkipReason> {
    read_article_in(path, ParseContext::default())
}

/// [`read_article`] with what the library knows (its furniture model).
pub fn read_article_in(path: &Path, context: ParseContext) -> Result<Article, SkipReason> {
    let bytes = read_file(path)?;
    parse_in(path, &bytes, context)
}

/// How large a file of this kind may be on disk.
fn size_limit(hint: FormatHint) -> u64 {
    match hint {
        FormatHint::Html => MAX_HTML_FILE_BYTES,
        _ => MAX_FILE_BYTES,
    }
}

/// The bytes of an article file at `path` (following links): see [`read_regular_file`].
pub fn read_file(path: &Path) -> Result<Vec<u8>, SkipReason> {
    format_hint(path)?;
    read_regular_file(path, LastLink::Follow)
}

/// Whether opening a file may follow a symbolic link as its last part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LastLink {
    Follow,
    /// A link there is refused (the caller resolved the path itself).
    Refuse,
}

/// The bytes of the regular file at `path`, no larger than [`MAX_FILE_BYTES`]. Never waits on a
/// pipe or device: the file is opened without blocking, and its type and size are those of
/// what was opened (fstat), not of what a check found there a moment before (a file swapped
/// for a FIFO in between is refused, not read). A larger HTML page (up to
/// [`MAX_HTML_FILE_BYTES`]) is read in chunks through the filter that sets aside its inline
/// images, scripts and styles, so memory stays at the limit plus a chunk.
pub fn read_regular_file(path: &Path, links: LastLink) -> Result<Vec<u8>, SkipReason> {
    use std::os::unix::fs::OpenOptionsExt;
    let unreadable = |err: std::io::Error| SkipReason::Unreadable(err.to_string());
    let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
    if links == LastLink::Refuse {
        flags |= libc::O_NOFOLLOW;
    }
    let file = fs::OpenOptions::new().read(true).custom_flags(flags).open(path).map_err(|err| {
        if err.raw_os_error() == Some(libc::ELOOP) && links == LastLink::Refuse {
            SkipReason::Unreadable("it changed into a symbolic link while being read".into())
        } else {
            unreadable(err)
        }
    })?;
    let meta = file.metadata().map_err(unreadable)?;
    if !meta.is_file() {
        return Err(SkipReason::NotRegular);
    }
    if meta.len() == 0 {
        return Err(SkipReason::Empty);
    }
    if meta.len() > format_hint(path).map_or(MAX_FILE_BYTES, size_limit) {
        return Err(SkipReason::TooLarge(meta.len()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return read_stripped(file);
    }
    // A regular file ignores O_NONBLOCK: reads block on the disk as usual.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while we read: never take more than the limit.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(unreadable)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(bytes)
}

/// A large HTML page through [`html::single_file::Stripper`], chunk by chunk.
fn read_stripped(file: fs::File) -> Result<Vec<u8>, SkipReason> {
    let mut stripper = html::single_file::Stripper::new();
    let mut kept = Vec::new();
    let mut chunk = vec![0; 256 * 1024];
    let (mut reader, mut read_total) = (file.take(MAX_HTML_FILE_BYTES + 1), 0u64);
    loop {
        let count = match reader.read(&mut chunk) {
            Ok(0) => break,
            Ok(count) => count,
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(SkipReason::Unreadable(err.to_string())),
        };
        read_total += count as u64;
        stripper.feed(&chunk[..count], &mut kept);
        if read_total > MAX_HTML_FILE_BYTES {
            return Err(SkipReason::TooLarge(read_total));
        }
        if kept.len() as u64 > MAX_FILE_BYTES {
            return Err(SkipReason::TooLarge(kept.len() as u64));
        }
    }
    if kept.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(kept)
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
    let decoded = decode(bytes)?;
    let dump = hint == FormatHint::Text && page_dump::looks_like_page_dump(&decoded.text);
    let site_lines = if dump && learn { page_dump::site_lines(&decoded.text) } else { None };
    let mut article = match hint {
        FormatHint::Text if dump => page_dump::parse(path, &decoded.text, context.furniture),
        FormatHint::Text => plain::parse(path, &decoded.text),
        FormatHint::Markdown => markdown::parse(path, &decoded.text),
        FormatHint::Html => html::parse(path, &decoded.text, context.extractor),
        FormatHint::Json => json::parse(path, &decoded.text),
    }?;
    article.warnings.splice(0..0, decoded.warnings);
    // Page dumps and plain text are slices of the cleaned text; markup and JSON escapes can
    // decode to anything, so their fields are cleaned again.
    let from_markup = matches!(hint, FormatHint::Markdown | FormatHint::Html | FormatHint::Json);
    finish(&mut article, from_markup);
    if article.title.is_empty() && article.body.is_empty() && article.lead.is_none() {
        return Err(SkipReason::NoText);
    }
    Ok(Parsed { article, site_lines })
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
/// title guaranteed.
fn finish(article: &mut Article, from_markup: bool) {
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
