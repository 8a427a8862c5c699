//! The analysers: folded (lower-cased, accents removed) and exact (lower-cased), and the index
//! form that holds both (see [`Mode::FoldedWithExact`]).
//! Documents reach here NFC-normalised by the parsers; queries are normalised by the caller.

use std::ops::Range;
use std::sync::Arc;

use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

use super::pairs::PairWords;
use super::tokenizer::{FoldTokenizer, Mode};

pub const WITH_EXACT: &str = "newsdesk_folded_with_exact";
pub const FOLDED: &str = "newsdesk_folded";

fn analyzer(mode: Mode) -> TextAnalyzer {
    TextAnalyzer::from(FoldTokenizer { mode, pairs: None })
}

/// Lower-cased words, accents kept: the exact terms of a query.
pub fn exact_analyzer() -> TextAnalyzer {
    analyzer(Mode::Lower)
}

/// Lower-cased, accent-folded words.
pub fn folded_analyzer() -> TextAnalyzer {
    analyzer(Mode::Folded)
}

/// Whether the index holds an exact (accented) form of `token` beside its folded form.
pub fn has_exact_form(token: &str) -> bool {
    !token.is_ascii()
}

/// Title and text are indexed folded, each accented word also as itself (one field, see
/// [`Mode::FoldedWithExact`]) and each pair of adjacent common words as one term (see
/// [`super::pairs`]); tags, authors and the like folded only.
pub fn register(manager: &TokenizerManager, pairs: &Arc<PairWords>) {
    let with_exact = FoldTokenizer { mode: Mode::FoldedWithExact, pairs: Some(Arc::clone(pairs)) };
    manager.register(WITH_EXACT, TextAnalyzer::from(with_exact));
    manager.register(FOLDED, folded_analyzer());
}

/// A token of the analysed text and where it is in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub text: String,
    pub range: Range<usize>,
}

/// Tokens of `text` as an analyser makes them, with byte ranges into `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let token = stream.token();
        out.push(Token { text: token.text.clone(), range: token.offset_from..token.offset_to });
    }
    out
}

/// The analysed terms of `text` only.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|token| token.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_merges_tones_and_stroke_exact_keeps_them() {
        assert_eq!(terms(&mut folded_analyzer(), "Đà Nẵng, Hà Nội má"), ["da", "nang", "ha", "noi", "ma"]);
        assert_eq!(terms(&mut exact_analyzer(), "Đà Nẵng má"), ["đà", "nẵng", "má"]);
    }

    #[test]
    fn ranges_point_into_the_original_text() {
        let text = "Tiếng Việt";
        let found = tokens(&mut folded_analyzer(), text);
        assert_eq!(&text[found[1].range.clone()], "Việt");
        assert_eq!(found[1].text, "viet");
    }

    #[test]
    fn very_long_tokens_are_dropped() {
        let long = "x".repeat(crate::index::tokenizer::MAX_TOKEN_BYTES + 1);
        assert_eq!(terms(&mut folded_analyzer(), &format!("a {long} b")), ["a", "b"]);
    }
}
