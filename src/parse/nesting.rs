//! Caps how deeply elements nest before an HTML parser sees the page. The HTML parser looks down
//! its stack of open elements at every tag ("is there a `<p>` in scope?"), so a page nested n deep
//! costs n² — a 128 KB page of nested `<div>`s took seconds, 512 KB half a minute. Tags opened
//! past [`MAX_NESTING`] (and their end tags) are dropped; the text inside them is kept.

use std::borrow::Cow;

/// Deeper than any news page's markup (they nest 20–60 deep): only hostile pages are changed.
pub const MAX_NESTING: usize = 128;

/// Elements that never hold content, and those whose end tag a page may leave out: neither
/// deepens the nesting the parser keeps.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rb", "rt", "rp", "thead", "tbody",
    "tfoot", "colgroup", "html", "head", "body",
];

/// Elements whose content is text to the parser: a `<` inside them is not a tag.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp", "noembed", "noframes"];

/// `html` with the tags nested deeper than [`MAX_NESTING`] removed; borrowed when none are.
/// One pass over the bytes.
pub fn cap_nesting(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    // The bytes before `copied` are in `out` already (or need not be, while it is None).
    let mut copied = 0;
    let (mut depth, mut at) = (0usize, 0usize);
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let Some(tag) = read_tag(bytes, start) else {
            at = start + 1;
            continue;
        };
        at = tag.end;
        if tag.is_markup_declaration {
            continue;
        }
        let name = tag.name.to_ascii_lowercase();
        let nests = !NOT_NESTING.contains(&name.as_str()) && !tag.self_closing;
        let dropped = if tag.is_end {
            let dropped = nests && depth > MAX_NESTING;
            if nests {
                depth = depth.saturating_sub(1);
            }
            dropped
        } else {
            if nests {
                depth += 1;
            }
            if RAW_TEXT.contains(&name.as_str()) {
                at = end_of_raw_text(bytes, at, &name);
            }
            nests && depth > MAX_NESTING
        };
        if dropped {
            let kept = out.get_or_insert_with(|| String::with_capacity(html.len()));
            kept.push_str(&html[copied..start]);
            copied = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut kept) => {
            kept.push_str(&html[copied..]);
            Cow::Owned(kept)
        }
    }
}

struct Tag<'a> {
    name: &'a str,
    is_end: bool,
    self_closing: bool,
    /// `<!-- … -->`, `<!DOCTYPE …>`, `<?…>`: not elements.
    is_markup_declaration: bool,
    /// Just past the tag's `>`.
    end: usize,
}

/// The tag starting at `bytes[start] == b'<'`, or None when it is text (`a < b`).
fn read_tag(bytes: &[u8], start: usize) -> Option<Tag<'_>> {
    let rest = &bytes[start + 1..];
    if rest.starts_with(b"!--") {
        let end = find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |at| start + 4 + at + 3);
        return Some(Tag { name: "", is_end: false, self_closing: false, is_markup_declaration: true, end });
    }
    if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
        let end = memchr(b'>', rest).map_or(bytes.len(), |at| start + 1 + at + 1);
        return Some(Tag { name: "", is_end: false, self_closing: false, is_markup_declaration: true, end });
    }
    let is_end = rest.first() == Some(&b'/');
    let name_start = start + 1 + usize::from(is_end);
    let name_len =
        bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name = std::str::from_utf8(&bytes[name_start..name_start + name_len]).ok()?;
    let close = end_of_tag(bytes, name_start + name_len);
    let self_closing = close >= 2 && bytes.get(close - 2) == Some(&b'/');
    Some(Tag { name, is_end, self_closing, is_markup_declaration: false, end: close })
}

/// Just past the `>` that closes a tag whose attributes start at `from` (quoted values may hold `>`).
fn end_of_tag(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (offset, &byte) in bytes[from..].iter().enumerate() {
        match quote {
            Some(q) if byte == q => quote = None,
            Some(_) => {}
            None if byte == b'"' || byte == b'\'' => quote = Some(byte),
            None if byte == b'>' => return from + offset + 1,
            None => {}
        }
    }
    bytes.len()
}

/// Just before the `</name` that ends a raw-text element whose content starts at `from`.
fn end_of_raw_text(bytes: &[u8], from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = find(&bytes[at..], b"</") {
        let tag = at + offset;
        let candidate = &bytes[tag + 2..];
        if candidate.len() >= name.len() && candidate[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return tag;
        }
        at = tag + 2;
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("<body>{}text{}</body>", "<div>".repeat(depth), "</div>".repeat(depth))
    }

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<!DOCTYPE html><html><head><title>a < b</title><script>if (a<b) { x = '</div>'; }</script></head>\
            <body><p>one<p>two<ul><li>a<li>b</ul><img src=x><br/><div class=\"a>b\"><b>x</b></div></body></html>";
        assert!(matches!(cap_nesting(page), Cow::Borrowed(_)));
        assert!(matches!(cap_nesting(&nested(MAX_NESTING)), Cow::Borrowed(_)));
    }

    #[test]
    fn tags_past_the_cap_are_dropped_and_their_text_kept() {
        let deep = nested(MAX_NESTING + 50);
        let capped = cap_nesting(&deep);
        assert_eq!(capped.matches("<div>").count(), MAX_NESTING);
        assert_eq!(capped.matches("</div>").count(), MAX_NESTING);
        assert!(capped.contains("text"));
        let unclosed = format!("<body>{}words", "<div><b>".repeat(1000));
        let capped = cap_nesting(&unclosed);
        assert_eq!(capped.matches('<').count(), 1 + MAX_NESTING);
        assert!(capped.ends_with("words"));
    }

    #[test]
    fn comments_and_raw_text_do_not_count() {
        let page =
            format!("<body><!-- {} --><script>{}</script>x</body>", "<div>".repeat(500), "<div>".repeat(500));
        assert!(matches!(cap_nesting(&page), Cow::Borrowed(_)));
    }
}
