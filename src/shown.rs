//! Text from outside newsdesk (file names, error messages that quote them) made safe to print
//! on a terminal: a hostile file name cannot clear the screen, set the title or reorder text.

use std::path::Path;

use crate::text::sanitize;

/// `path` for a terminal: not-UTF-8 bytes as �, and every character the sanitiser would drop
/// (controls, newlines, bidi and zero-width characters) written as a visible escape such as
/// `\u{1b}`, so the name stays recognisable.
pub fn shown_path(path: &Path) -> String {
    shown_text(&path.to_string_lossy())
}

/// An article's address as a command line takes it back: the path, and `--member M` for an
/// article inside a file of many.
pub fn shown_address(path: &Path, member: Option<&str>) -> String {
    match member {
        Some(member) => format!("{} --member {}", shown_path(path), shown_text(member)),
        None => shown_path(path),
    }
}

/// Like [`shown_path`], for any one-line text.
pub fn shown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        let one: &str = c.encode_utf8(&mut buffer);
        if c == '\n' || sanitize(one) != one {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_bidi_and_zero_width_characters_become_visible_escapes() {
        let hostile = Path::new("/lib/\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}a\u{200b}b\nc\td.txt");
        assert_eq!(
            shown_path(hostile),
            "/lib/\\u{1b}]0;pwned\\u{7}\\u{9b}2J\\u{202e}a\\u{200b}b\\u{a}c\\u{9}d.txt"
        );
        assert_eq!(shown_text("Hà Nội/tin mới.txt"), "Hà Nội/tin mới.txt");
    }

    #[test]
    fn a_name_that_is_not_utf8_is_shown_lossily() {
        use std::os::unix::ffi::OsStrExt;
        let name = std::ffi::OsStr::from_bytes(b"bad-\xff.txt");
        assert_eq!(shown_path(Path::new(name)), "bad-\u{fffd}.txt");
    }
}
