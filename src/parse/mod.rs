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

pub use decode::decode;
pub use page_dump::{ExplainedLine, FurnitureModel, SiteLines, MIN_DUMPS};

/// What parsing may know beyond the file itself. `parse` stays a pure function of the path,
/// the bytes and this.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseContext<'a> {
    /// The furniture a library taught per site (read by the page-dump parser only).
    pub furniture: Option<&'a FurnitureModel>,
}

/// Files larger than this are not articles (a saved page with inline scripts is a few MB).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::NotRegular => write!(f, "not a regular file"),
            SkipReason::UnsupportedExtension(ext) if ext.is_empty() => {
                write!(f, "no file extension (newsdesk reads .txt, .md, .html, .htm, .json)")
            }
            SkipReason::UnsupportedExtension(ext) => {
                write!(f, "unsupported file type .{ext} (newsdesk reads .txt, .md, .html, .htm, .json)")
            }
            SkipReason::Empty => write!(f, "empty file"),
            SkipReason::TooLarge(size) => write!(
                f,
                "too large: {:.1} MB (the limit is {} MB)",
                *size as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            SkipReason::Binary => write!(f, "binary file, not text"),
            SkipReason::Unreadable(err) => write!(f, "cannot read: {err}"),
            SkipReason::NoText => write!(f, "no article text in the file"),
            SkipReason::Invalid(err) => write!(f, "invalid: {err}"),
        }
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
    format_hint(path)?;
    if meta.len() == 0 {
        return Err(SkipReason::Empty);
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(meta.len()));
    }
    Ok(())
}

/// Reads and parses one file, refusing anything that is not a regular file of sane size.
pub fn read_article(path: &Path) -> Result<Article, SkipReason> {
    read_article_in(path, ParseContext::default())
}

/// [`read_article`] with what the library knows (its furniture model).
pub fn read_article_in(path: &Path, context: ParseContext) -> Result<Article, SkipReason> {
    let bytes = read_file(path)?;
    parse_in(path, &bytes, context)
}

/// The bytes of a regular file no larger than [`MAX_FILE_BYTES`]; never opens a pipe or device.
pub fn read_file(path: &Path) -> Result<Vec<u8>, SkipReason> {
    let meta = fs::metadata(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    classify(path, &meta)?;
    let file = fs::File::open(path).map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow while we read: never take more than the limit.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SkipReason::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SkipReason::TooLarge(bytes.len() as u64));
    }
    if bytes.is_empty() {
        return Err(SkipReason::Empty);
    }
    Ok(bytes)
}

/// Pure: bytes of a file named `path` → article.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, SkipReason> {
    parse_in(path, bytes, ParseContext::default())
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
        FormatHint::Html => html::parse(path, &decoded.text),
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
