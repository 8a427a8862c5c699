//! OSC 52 "set clipboard": the terminal (also over SSH, and tmux with `set-clipboard on`) copies
//! the text. It is sanitised and bounded first, and travels in base64, whose alphabet holds no
//! ESC or BEL, so nothing in it can end the sequence early and run as terminal commands.

use base64::Engine;

/// The most text one copy carries (the longest link newsdesk opens fits). Terminals cap the
/// sequence anyway, some silently: a bound of our own says so instead of copying half a text.
pub const MAX_CLIPBOARD_BYTES: usize = 32 * 1024;

/// Text fit for the clipboard: sanitised (no controls but newlines, no escape sequences, no bidi
/// controls), non-empty and at most `MAX_CLIPBOARD_BYTES`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClipboardText(String);

impl ClipboardText {
    /// `Ok(None)`: nothing is left to copy; `Err(bytes)`: too long.
    pub fn new(text: &str) -> Result<Option<ClipboardText>, usize> {
        let clean = crate::text::clean(text);
        let clean = clean.trim();
        match clean.len() {
            0 => Ok(None),
            n if n > MAX_CLIPBOARD_BYTES => Err(n),
            _ => Ok(Some(ClipboardText(clean.to_string()))),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The whole sequence to write to the terminal.
pub fn osc52(text: &ClipboardText) -> String {
    format!("\x1b]52;c;{}\x07", base64::engine::general_purpose::STANDARD.encode(text.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sequence(text: &str) -> String {
        osc52(&ClipboardText::new(text).unwrap().unwrap())
    }

    #[test]
    fn carries_the_text_in_base64() {
        assert_eq!(sequence("hi"), "\x1b]52;c;aGk=\x07");
        assert_eq!(sequence("Hà Nội"), "\x1b]52;c;SMOgIE7hu5lp\x07");
    }

    #[test]
    fn nothing_copied_can_end_the_sequence_or_hide_in_it() {
        let hostile = "title\x07\x1b]52;c;ZXZpbA==\x07\x1b\\\x1b[2J\u{9c}\u{9d}\u{202e}end\r\nnext";
        let written = sequence(hostile);
        let payload = written.strip_prefix("\x1b]52;c;").and_then(|rest| rest.strip_suffix('\x07'));
        let payload = payload.expect("one OSC 52 sequence, ended by BEL");
        assert!(
            payload.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
            "only base64 inside: {payload:?}"
        );
        assert_eq!(written.matches('\x1b').count(), 1, "one ESC: the sequence's own");
        assert_eq!(written.matches('\x07').count(), 1, "one BEL: the sequence's end");
        let decoded = base64::engine::general_purpose::STANDARD.decode(payload).unwrap();
        let decoded = String::from_utf8(decoded).unwrap();
        assert!(
            !decoded.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "the copied text is sanitised too: {decoded:?}"
        );
        assert!(decoded.starts_with("title") && decoded.ends_with("next"), "{decoded:?}");
    }

    #[test]
    fn size_is_bounded_and_empty_text_is_nothing() {
        assert_eq!(ClipboardText::new(" \x1b[0m \u{200b} "), Ok(None));
        let long = "ă".repeat(MAX_CLIPBOARD_BYTES / 2 + 1);
        assert_eq!(ClipboardText::new(&long), Err(long.len()));
        let fits = "a".repeat(MAX_CLIPBOARD_BYTES);
        assert!(ClipboardText::new(&fits).unwrap().is_some());
    }
}
