//! Pages saved whole ("single file"): SingleFile's header comment (the page's URL and when it
//! was saved), and the stream filter that sets aside what makes such pages weigh 20–100 MB
//! (`data:` URIs of inline images and fonts, `<script>` and `<style>` content) so the size limit
//! applies to the text that remains.

use chrono::NaiveDateTime;

use crate::article::Published;
use crate::parse::saved::Provenance;

/// The header comment SingleFile writes at the top of a page (the first child of `<html>`).
pub fn header(html: &str) -> Option<Provenance> {
    let mut head = html.len().min(2048);
    while !html.is_char_boundary(head) {
        head -= 1;
    }
    let start = html[..head].find("<!--")?;
    let rest = &html[start + 4..];
    let comment = &rest[..rest.find("-->")?];
    if !comment.contains("saved with SingleFile") {
        return None;
    }
    let field = |name: &str| {
        comment.lines().find_map(|line| line.trim().strip_prefix(name).map(|v| v.trim().to_string()))
    };
    Some(Provenance {
        saver: "SingleFile",
        url: field("url:").filter(|u| u.contains("://")),
        saved: field("saved date:").and_then(|date| saved_date(&date)),
    })
}

/// "Tue Mar 12 2024 10:15:32 GMT+0700 (Indochina Time)" (JavaScript's `Date.toString()`).
fn saved_date(text: &str) -> Option<Published> {
    let mut words = text.split_whitespace().skip(1);
    let (month, day, year, time) = (words.next()?, words.next()?, words.next()?, words.next()?);
    let naive =
        NaiveDateTime::parse_from_str(&format!("{month} {day} {year} {time}"), "%b %d %Y %H:%M:%S").ok()?;
    let offset = words.next().and_then(|zone| zone.strip_prefix("GMT")).and_then(|zone| {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = zone.chars().filter(char::is_ascii_digit).collect();
        let (hours, minutes) =
            (digits.get(..2)?.parse::<i32>().ok()?, digits.get(2..4)?.parse::<i32>().ok()?);
        chrono::FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
    });
    Some(Published { date: naive.date(), time: Some(naive.time()), offset })
}

/// Where the filter is in the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    /// Inside a `data:` URI that ends at this byte (a quote, `)`), or at a space or `>` (0).
    DataUri(u8),
    /// Inside a `<script>` or `<style>` whose content is set aside, until `</` + the name.
    Skipping(&'static [u8]),
}

/// A filter over the bytes of an HTML page, fed in chunks: `data:` URIs become `data:,`, and the
/// content of `<script>` (but JSON-LD) and `<style>` elements is dropped. Works on the bytes of
/// any ASCII-compatible encoding; memory is the output plus a few bytes of look-behind.
pub struct Stripper {
    state: State,
    /// The last bytes written or skipped, to recognise `data:`, `<script` and `</style` across
    /// chunk boundaries.
    recent: Vec<u8>,
    /// The tag being copied when it may open a script or style (`<script type=…>`).
    open_tag: Option<Vec<u8>>,
}

const RECENT: usize = 16;

impl Default for Stripper {
    fn default() -> Self {
        Stripper::new()
    }
}

impl Stripper {
    pub fn new() -> Self {
        Stripper { state: State::Text, recent: Vec::with_capacity(RECENT * 2), open_tag: None }
    }

    fn remember(&mut self, byte: u8) {
        if self.recent.len() >= RECENT * 2 {
            self.recent.drain(..RECENT);
        }
        self.recent.push(byte.to_ascii_lowercase());
    }

    fn recent_ends_with(&self, tail: &[u8]) -> bool {
        self.recent.ends_with(tail)
    }

    /// Filters `input`, appending what is kept to `output`.
    pub fn feed(&mut self, input: &[u8], output: &mut Vec<u8>) {
        for &byte in input {
            match self.state {
                State::DataUri(end) => {
                    let ends =
                        if end == 0 { byte.is_ascii_whitespace() || byte == b'>' } else { byte == end };
                    if ends {
                        self.state = State::Text;
                        output.push(byte);
                        self.remember(byte);
                    }
                }
                State::Skipping(name) => {
                    self.remember(byte);
                    if byte.is_ascii_alphabetic() || byte == b'/' || byte == b'<' {
                        let mut closing = b"</".to_vec();
                        closing.extend_from_slice(name);
                        if self.recent_ends_with(&closing) {
                            output.extend_from_slice(&closing);
                            self.state = State::Text;
                        }
                    }
                }
                State::Text => {
                    output.push(byte);
                    self.remember(byte);
                    self.after_text_byte(byte, output);
                }
            }
        }
    }

    fn after_text_byte(&mut self, byte: u8, output: &mut Vec<u8>) {
        if let Some(tag) = self.open_tag.as_mut() {
            tag.push(byte.to_ascii_lowercase());
            if byte == b'>' {
                let tag = self.open_tag.take().unwrap_or_default();
                let keep = tag.windows(7).any(|w| w == b"ld+json");
                if !keep {
                    self.state =
                        State::Skipping(if tag.starts_with(b"<style") { b"style" } else { b"script" });
                }
            } else if tag.len() > 4096 {
                self.open_tag = None;
            }
            return;
        }
        if byte == b':' && self.recent_ends_with(b"data:") {
            let before = self.recent.len().checked_sub(6).map(|i| self.recent[i]);
            let end = match before {
                Some(b'"') => Some(b'"'),
                Some(b'\'') => Some(b'\''),
                Some(b'(') => Some(b')'),
                Some(b'=') => Some(0),
                _ => None,
            };
            if let Some(end) = end {
                output.push(b',');
                self.remember(b',');
                self.state = State::DataUri(end);
            }
            return;
        }
        if byte.is_ascii_whitespace() || byte == b'>' {
            let opened = if self.recent.ends_with(&[
                b'<',
                b's',
                b'c',
                b'r',
                b'i',
                b'p',
                b't',
                byte.to_ascii_lowercase(),
            ]) {
                Some(b"<script".len())
            } else if self.recent.ends_with(&[b'<', b's', b't', b'y', b'l', b'e', byte.to_ascii_lowercase()])
            {
                Some(b"<style".len())
            } else {
                None
            };
            if let Some(length) = opened {
                let start = self.recent.len() - length - 1;
                self.open_tag = Some(self.recent[start..].to_vec());
                if byte == b'>' {
                    self.open_tag = Some(self.recent[start..self.recent.len() - 1].to_vec());
                    self.after_text_byte(byte, output);
                }
            }
        }
    }
}

/// `bytes` filtered whole.
pub fn strip(bytes: &[u8]) -> Vec<u8> {
    let mut output = Vec::new();
    Stripper::new().feed(bytes, &mut output);
    output
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(html: &str) -> String {
        String::from_utf8(strip(html.as_bytes())).unwrap()
    }

    #[test]
    fn sets_aside_data_uris_scripts_and_styles() {
        assert_eq!(stripped("<img src=\"data:image/png;base64,AAAA\" alt=x>"), "<img src=\"data:,\" alt=x>");
        assert_eq!(stripped("<img src=data:image/png;base64,AAAA alt=x>"), "<img src=data:, alt=x>");
        assert_eq!(
            stripped("<div style='background:url(data:a/b;base64,QQ==)'>"),
            "<div style='background:url(data:,)'>"
        );
        assert_eq!(stripped("<p>data: is a word</p>"), "<p>data: is a word</p>");
        assert_eq!(stripped("<SCRIPT>var a = '</p>';</SCRIPT><p>x</p>"), "<SCRIPT></script><p>x</p>");
        assert_eq!(stripped("<style>p{}</style><p>y</p>"), "<style></style><p>y</p>");
        let ld = "<script type=\"application/ld+json\">{\"a\":1}</script>";
        assert_eq!(stripped(ld), ld);
    }

    #[test]
    fn chunks_make_no_difference() {
        let page = "<html><style>x</style><img src=\"data:image/png;base64,QUJD\"><script>1</script><p>t</p>";
        let mut output = Vec::new();
        let mut stripper = Stripper::new();
        for byte in page.as_bytes() {
            stripper.feed(std::slice::from_ref(byte), &mut output);
        }
        assert_eq!(output, strip(page.as_bytes()));
    }

    #[test]
    fn reads_the_header_comment() {
        let page =
            "<!DOCTYPE html> <html lang=vi><!--\n Page saved with SingleFile \n url: https://a.example/x \n \
                    saved date: Tue Mar 12 2024 10:15:32 GMT+0700 (Indochina Time)\n--><meta charset=utf-8>";
        let header = header(page).unwrap();
        assert_eq!(header.url.as_deref(), Some("https://a.example/x"));
        assert_eq!(header.saved.map(|s| s.to_iso()).as_deref(), Some("2024-03-12T10:15:32+07:00"));
        assert_eq!(super::header("<html><!-- a comment --><p>x</p>"), None);
    }
}
