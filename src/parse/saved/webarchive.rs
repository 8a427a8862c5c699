//! Safari's `.webarchive`: a property list (binary, or XML) whose `WebMainResource` holds the
//! page's bytes (`WebResourceData`), their encoding (`WebResourceTextEncodingName`) and URL
//! (`WebResourceURL`); `WebSubresources` (images, styles) are not read.

use plist::{Dictionary, Value};

use super::{Provenance, SavedPage};
use crate::parse::SkipReason;
use crate::strings::fill;

/// A binary property list, or an XML one, that names `WebMainResource` near its start (the key
/// table of a binary list is at its end, so that is looked for there).
pub fn looks_like(bytes: &[u8]) -> bool {
    let names_main = |part: &[u8]| part.windows(15).any(|window| window == b"WebMainResource");
    if bytes.starts_with(b"bplist00") {
        return names_main(&bytes[bytes.len().saturating_sub(64 * 1024)..]) || names_main(bytes);
    }
    let head = &bytes[..bytes.len().min(4096)];
    head.windows(6).any(|window| window == b"<plist") && names_main(head)
}

pub fn page(bytes: &[u8]) -> Result<SavedPage, SkipReason> {
    let invalid = |why: String| {
        SkipReason::Invalid(fill(crate::strings::text().webarchive_unreadable, &[("why", &why)]))
    };
    let value = Value::from_reader(std::io::Cursor::new(bytes)).map_err(|err| invalid(err.to_string()))?;
    let main = value
        .as_dictionary()
        .and_then(|archive| archive.get("WebMainResource"))
        .and_then(Value::as_dictionary)
        .ok_or_else(|| invalid("no WebMainResource".into()))?;
    let data =
        main.get("WebResourceData").and_then(Value::as_data).ok_or_else(|| invalid("no page data".into()))?;
    let text = |key: &str| string(main, key);
    if let Some(mime) = text("WebResourceMIMEType").filter(|mime| !mime.contains("html")) {
        return Err(SkipReason::Invalid(fill(
            crate::strings::text().webarchive_not_a_page,
            &[("mime", &mime)],
        )));
    }
    let encoding = text("WebResourceTextEncodingName")
        .and_then(|name| encoding_rs::Encoding::for_label(name.as_bytes()))
        .unwrap_or(encoding_rs::UTF_8);
    let (html, _, _) = encoding.decode(data);
    let url = text("WebResourceURL").filter(|url| url.contains("://"));
    Ok(SavedPage { html: html.into_owned(), provenance: Provenance { saver: "Safari", url, saved: None } })
}

fn string(dictionary: &Dictionary, key: &str) -> Option<String> {
    dictionary.get(key).and_then(Value::as_string).map(str::to_string)
}
