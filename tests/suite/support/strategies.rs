//! The one strategy of hostile text the property tests share: a format's own cues (what its
//! parser or query language gives meaning to) mixed with text meant to hurt.

use proptest::prelude::*;

/// Escape sequences, C0/C1 controls, bidi and zero-width characters, other default-ignorable
/// characters (TAG characters, soft hyphen, fillers, variation selectors), tabs and carriage
/// returns, Vietnamese, wide, combining and joined characters, or anything at all.
fn hurtful_piece() -> BoxedStrategy<String> {
    prop_oneof![
        Just("\u{1b}[2J\u{1b}]0;t\u{7}\u{1b}]8;;x\u{1b}\\l\u{1b}]52;c;eA==\u{7}".to_string()),
        Just("\u{9b}31m\u{202e}\u{2066}\u{200b}\u{feff}\t\r\n".to_string()),
        Just("\u{e0001}\u{e0068}\u{e007f}\u{ad}\u{180e}\u{206a}\u{3164}\u{115f}\u{fe0f}\u{34f}".to_string()),
        Just("Tiếng Việt ".to_string()),
        Just("漢字かな한글 ".to_string()),
        Just("e\u{301}\u{302}\u{303}\u{323} ".to_string()),
        Just("👩‍👩‍👧‍👦🇻🇳 ".to_string()),
        any::<String>(),
    ]
    .boxed()
}

/// Up to `max_pieces` pieces, each one of `cues`, a match of the regex `words`, or a hurtful piece.
pub fn hostile_text(cues: &[&'static str], words: &'static str, max_pieces: usize) -> BoxedStrategy<String> {
    let cue = prop::sample::select(cues.to_vec()).prop_map(str::to_string);
    let piece = prop_oneof![3 => cue, 2 => words, 2 => hurtful_piece()];
    prop::collection::vec(piece, 0..max_pieces).prop_map(|pieces| pieces.concat()).boxed()
}
