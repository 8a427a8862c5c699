//! Text hygiene shared by every layer: sanitising, NFC, accent folding.

mod ignorable;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

const TAB_WIDTH: usize = 4;
/// An unterminated escape sequence swallows at most this many characters.
const MAX_ESCAPE_LEN: usize = 256;

/// Sanitised and NFC-normalised: what every parser hands on.
pub fn clean(text: &str) -> String {
    let sanitized = if any_needs_sanitizing(text) { sanitize(text) } else { text.to_string() };
    // Most text is already NFC: the quick check saves re-composing it. ASCII is always NFC and
    // never reorders marks, so skipping it can only turn a "yes" into a "maybe" (then composed).
    match is_nfc_quick(sanitized.chars().filter(|c| !c.is_ascii())) {
        IsNormalized::Yes => sanitized,
        _ => sanitized.nfc().collect(),
    }
}

/// Whether `text` holds a character [`sanitize`] changes. Only ASCII controls and a few
/// non-ASCII lead bytes (with, for some, their second byte) can start such a character, so
/// 32-byte blocks are first screened without branching (this runs on every byte of every
/// file: a tenth of parsing). The pairs keep Vietnamese (U+1Exx, lead byte 0xE1), CJK
/// punctuation and kana (0xE3) and emoji (0xF0 0x9F) off the slow path.
fn any_needs_sanitizing(text: &str) -> bool {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    let suspect = |byte: u8, second: u8| {
        (byte < 0x20 && byte != b'\n')
            || byte == 0x7f
            // U+0080–U+00BF (C1, soft hyphen), U+0340–U+037F, U+0600–U+063F, U+2000–U+2FFF,
            // U+F000–U+FFFF, U+C0000–U+FFFFF (TAG characters and variation selectors).
            || matches!(byte, 0xc2 | 0xcd | 0xd8 | 0xe2 | 0xef | 0xf3)
            // U+1140–U+117F (Hangul fillers), U+1780–U+17BF (Khmer), U+1800–U+183F (Mongolian).
            || (byte == 0xe1 && matches!(second, 0x85 | 0x9e | 0xa0))
            // U+3140–U+317F (Hangul filler).
            || (byte == 0xe3 && second == 0x85)
            // U+1B000–U+1BFFF and U+1D000–U+1DFFF (shorthand and musical format controls).
            || (byte == 0xf0 && matches!(second, 0x9b | 0x9d))
    };
    let second = |at: usize| bytes.get(at + 1).copied().unwrap_or(0);
    // A suspect byte starts a character, so slicing there is safe.
    let closer_look = |from: usize, to: usize| {
        (from..to).any(|at| {
            suspect(bytes[at], second(at)) && text[at..].chars().next().is_some_and(needs_sanitizing)
        })
    };
    // Blocks whose every byte has its second byte in the text, as fixed-size arrays.
    let whole_blocks = bytes.len().saturating_sub(1) / BLOCK;
    for block in 0..whole_blocks {
        let from = block * BLOCK;
        let leads: &[u8; BLOCK] = bytes[from..from + BLOCK].try_into().expect("a whole block");
        let seconds: &[u8; BLOCK] = bytes[from + 1..from + 1 + BLOCK].try_into().expect("a whole block");
        let any = leads.iter().zip(seconds).fold(false, |any, (&byte, &next)| any | suspect(byte, next));
        if any && closer_look(from, from + BLOCK) {
            return true;
        }
    }
    closer_look(whole_blocks * BLOCK, bytes.len())
}

fn needs_sanitizing(c: char) -> bool {
    matches!(c, '\r' | '\t' | '\u{2028}' | '\u{2029}') || (c != '\n' && is_invisible_control(c))
}

/// Removes what could drive or confuse a terminal: escape sequences, C0/C1 controls except
/// newline, and every default-ignorable character (bidi controls, zero-width characters and
/// joiners, the soft hyphen, variation selectors, Hangul fillers, TAG characters; see
/// [`is_invisible_control`]). Tabs become spaces, CR/CRLF become newlines.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut column = 0usize;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\u{2028}' | '\u{2029}' => {
                out.push('\n');
                column = 0;
            }
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                    column = 0;
                }
            }
            '\t' => {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1b}' => skip_escape(&mut chars),
            '\u{9b}' => skip_until(&mut chars, |c| ('\u{40}'..='\u{7e}').contains(&c)),
            '\u{9d}' | '\u{90}' | '\u{9e}' | '\u{9f}' => {
                skip_until(&mut chars, |c| c == '\u{7}' || c == '\u{9c}')
            }
            c if is_invisible_control(c) => {}
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

/// A character that shows nothing: a control, one of Unicode's default-ignorable code points,
/// or an interlinear annotation mark. None is kept, not even the joiners: terminals draw the
/// parts of an emoji ZWJ sequence one by one (tmux, most terminals), so the joined width the
/// layout would count (2) disagrees with what is drawn (2 per part) and the line overruns;
/// without the joiner every terminal and the layout agree. ZWNJ and the Mongolian variation
/// selectors shape letters, which a terminal does not do (it draws cell by cell), while kept
/// they split a word unseen, so searching for it fails.
fn is_invisible_control(c: char) -> bool {
    c.is_control() || ignorable::is_default_ignorable(c) || matches!(c, '\u{fff9}'..='\u{fffb}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips the rest of an escape sequence whose ESC was just read.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_until(chars, |c| ('\u{40}'..='\u{7e}').contains(&c));
        }
        Some(']') | Some('P') | Some('_') | Some('^') | Some('X') => {
            chars.next();
            skip_string_sequence(chars);
        }
        Some(c) if !c.is_whitespace() => {
            chars.next();
        }
        _ => {}
    }
}

/// OSC/DCS payloads end with BEL, ST (ESC \) or C1 ST.
fn skip_string_sequence(chars: &mut Chars) {
    for _ in 0..MAX_ESCAPE_LEN {
        match chars.next() {
            None | Some('\u{7}') | Some('\u{9c}') => return,
            Some('\u{1b}') => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                return;
            }
            Some(_) => {}
        }
    }
}

fn skip_until(chars: &mut Chars, is_final: impl Fn(char) -> bool) {
    for _ in 0..MAX_ESCAPE_LEN {
        match chars.peek().copied() {
            None => return,
            Some(c) if is_final(c) => {
                chars.next();
                return;
            }
            // A newline means the sequence was broken: keep the following text.
            Some('\n') => return,
            Some(_) => {
                chars.next();
            }
        }
    }
}

/// Lower-cased, accents removed, đ → d: "Hà Nội" → "ha noi". Used to compare titles and
/// to find query terms in text the way the folded index field does.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'đ' | 'Đ' => out.push('d'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Collapses runs of whitespace into one space and trims.
pub fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` as a web address newsdesk may link to or open: parsed (WHATWG) and written back
/// (percent-encoded, so no control or space can reach a terminal or a command line); only
/// `http` and `https`, never `javascript:`, `file:` and the like.
pub fn web_url(text: &str) -> Option<String> {
    let url = url::Url::parse(text.trim()).ok()?;
    matches!(url.scheme(), "http" | "https").then(|| url.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_url(" https://Báo.example.vn/tin mới?a=1 ").as_deref(),
            Some("https://xn--bo-mia.example.vn/tin%20m%E1%BB%9Bi?a=1")
        );
        assert_eq!(web_url("http://example.com:80/x").as_deref(), Some("http://example.com/x"));
        for not_web in ["javascript:alert(1)", "file:///etc/passwd", "/relative/path", "mailto:a@b.c", ""] {
            assert_eq!(web_url(not_web), None, "{not_web}");
        }
        assert!(web_url("https://example.com/\u{1b}]8;;x").is_some_and(|url| !url.contains('\u{1b}')));
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_test_on_every_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("ạ{c}b");
            assert_eq!(any_needs_sanitizing(&text), needs_sanitizing(c), "{:#x}", c as u32);
        }
        // Across the screening blocks' edges.
        for c in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{feff}', '“', 'ộ'] {
            for padding in 28..=36 {
                let text = format!("{}{c}{}", "x".repeat(padding), "y".repeat(40));
                assert_eq!(any_needs_sanitizing(&text), needs_sanitizing(c), "{c:?} at {padding}");
            }
        }
    }

    #[test]
    fn strips_escape_sequences_whole() {
        let hostile =
            "a\u{1b}[2Jb\u{1b}]0;title\u{7}c\u{1b}]8;;http://x\u{1b}\\d\u{9b}31me\u{202e}f\u{200b}g";
        assert_eq!(sanitize(hostile), "abcdefg");
    }

    /// Each invisible character the sanitiser once let through (issue 16), between letters.
    #[test]
    fn default_ignorable_characters_are_removed() {
        for c in [
            '\u{e0041}', // TAG LATIN CAPITAL LETTER A: hidden text
            '\u{e0001}',
            '\u{e007f}',
            '\u{180e}', // Mongolian vowel separator
            '\u{206a}',
            '\u{206f}',
            '\u{ad}',   // soft hyphen
            '\u{115f}', // Hangul fillers
            '\u{1160}',
            '\u{3164}',
            '\u{ffa0}',
            '\u{200d}', // zero-width joiner, also inside an emoji sequence
            '\u{fe0f}',
            '\u{1d173}',
        ] {
            let text = format!("Hà{c}Nội 👨{c}👩");
            assert_eq!(clean(&text), "HàNội 👨👩", "{:#x}", c as u32);
        }
        let kept = "Tiếng Việt — “trích dẫn” ạ ẹ ỵ 東京の「駅」 한국어 ❤ 👍";
        assert_eq!(clean(kept), kept);
        assert!(!any_needs_sanitizing(kept));
    }

    #[test]
    fn expands_tabs_and_normalises_newlines() {
        assert_eq!(sanitize("a\tb\r\nc\rd"), "a   b\nc\nd");
    }

    #[test]
    fn clean_composes_decomposed_vietnamese() {
        let decomposed: String = "tiếng Việt".nfd().collect();
        assert_ne!(decomposed, "tiếng Việt");
        assert_eq!(clean(&decomposed), "tiếng Việt");
    }

    #[test]
    fn fold_removes_tones_and_stroke() {
        assert_eq!(fold("Hà Nội ĐÀ NẴNG má"), "ha noi da nang ma");
    }
}
