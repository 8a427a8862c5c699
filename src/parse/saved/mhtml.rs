//! MHTML: a MIME `multipart/related` message whose first HTML part is the page (quoted-printable
//! or base64, in its charset), the others its images and styles. Chrome writes
//! `Snapshot-Content-Location` (the page's URL) and `Date` (when it was saved) in the headers.

use mail_parser::{MessageParser, MimeHeaders, PartType};

use super::{Provenance, SavedPage};
use crate::article::Published;
use crate::parse::SkipReason;

/// The top of a file that says it is MHTML: a header block (before the first blank line, within
/// the first 16 KB) with a `Content-Type: multipart/related`.
pub fn looks_like(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(16 * 1024)];
    let mut in_content_type = false;
    for line in head.split(|&byte| byte == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return false;
        }
        let continued = line[0] == b' ' || line[0] == b'\t';
        if !continued {
            let Some(colon) = line.iter().position(|&byte| byte == b':') else { return false };
            let name = &line[..colon];
            if name.is_empty() || !name.iter().all(|byte| byte.is_ascii_graphic()) {
                return false;
            }
            in_content_type = name.eq_ignore_ascii_case(b"content-type");
        }
        if in_content_type && contains_ignoring_case(line, b"multipart/related") {
            return true;
        }
    }
    false
}

fn contains_ignoring_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|window| window.eq_ignore_ascii_case(needle))
}

pub fn page(bytes: &[u8]) -> Result<SavedPage, SkipReason> {
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| SkipReason::Invalid(crate::strings::text().not_mhtml.into()))?;
    let (html, location) = message
        .parts
        .iter()
        .find_map(|part| match &part.body {
            PartType::Html(html) => Some((html.to_string(), part.content_location())),
            _ => None,
        })
        .ok_or_else(|| SkipReason::Invalid(crate::strings::text().mhtml_without_html.into()))?;
    let snapshot = message.header_raw("Snapshot-Content-Location").map(str::trim);
    let url = snapshot.or(location).filter(|url| url.contains("://")).map(str::to_string);
    let saved = message.date().and_then(|date| Published::parse_iso(&date.to_rfc3339()));
    Ok(SavedPage { html, provenance: Provenance { saver: "MHTML", url, saved } })
}
