//! One-pass tokeniser: splits on non-alphanumeric characters (like tantivy's `SimpleTokenizer`)
//! and lower-cases — and, for the folded fields, accent-folds (like `AsciiFoldingFilter`) — each
//! word as it goes. Latin letters, Vietnamese included, come from a table built once, so the hot
//! loop never asks Unicode tables whether a letter is alphanumeric or what its lower case is:
//! those look-ups were a fifth of the indexing time with `SimpleTokenizer` + `LowerCaser`.

use std::sync::OnceLock;

use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer};

/// Longer words (base64 blobs, run-together URLs) are dropped: no one searches for them.
pub const MAX_TOKEN_BYTES: usize = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Lower-cased and accent-folded: "Nội" → "noi".
    Folded,
    /// Lower-cased only: "Nội" → "nội".
    Lower,
    /// What the index holds: each word folded ("noi"), and a word folding changes also
    /// lower-cased ("nội") at the same position. A folded token is ASCII and an exact one is
    /// not, so they never collide: one field (one scan of the text, one posting list per
    /// word) serves accent-insensitive search, exact-accent ranking and phrases.
    FoldedWithExact,
}

#[derive(Clone)]
pub struct FoldTokenizer {
    pub mode: Mode,
}

/// What the table knows of a non-ASCII character of the Latin blocks.
struct Letter {
    lower: Box<str>,
    folded: Box<str>,
}

/// Latin-1 Supplement, Latin Extended-A/B, and Latin Extended Additional (Vietnamese).
const LATIN: std::ops::RangeInclusive<u32> = 0x80..=0x24F;
const LATIN_ADDITIONAL: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;

struct Table {
    latin: Vec<Option<Letter>>,
    additional: Vec<Option<Letter>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut folder = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build();
        let mut letters = |range: std::ops::RangeInclusive<u32>| {
            range
                .map(|code| {
                    let c = char::from_u32(code).filter(|c| c.is_alphanumeric())?;
                    let lower: String = c.to_lowercase().collect();
                    let folded = fold_slow(&mut folder, &lower);
                    Some(Letter { lower: lower.into(), folded: folded.into() })
                })
                .collect()
        };
        Table { latin: letters(LATIN), additional: letters(LATIN_ADDITIONAL) }
    })
}

/// How a character takes part in words.
enum Class<'t> {
    Ascii(u8),
    Letter(&'t Letter),
    /// Alphanumeric outside the table: handled by the slow path.
    Other,
    Separator,
}

fn classify(table: &Table, c: char) -> Class<'_> {
    let code = c as u32;
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() { Class::Ascii(code as u8) } else { Class::Separator };
    }
    let entry = if LATIN.contains(&code) {
        &table.latin[(code - LATIN.start()) as usize]
    } else if LATIN_ADDITIONAL.contains(&code) {
        &table.additional[(code - LATIN_ADDITIONAL.start()) as usize]
    } else {
        return if c.is_alphanumeric() { Class::Other } else { Class::Separator };
    };
    entry.as_ref().map_or(Class::Separator, Class::Letter)
}

fn is_word_char(table: &Table, c: char) -> bool {
    !matches!(classify(table, c), Class::Separator)
}

/// Lower-cases and folds `text` with tantivy's own filter (characters outside the table).
fn fold_slow(folder: &mut TextAnalyzer, lower: &str) -> String {
    let mut stream = folder.token_stream(lower);
    if stream.advance() {
        stream.token().text.clone()
    } else {
        lower.to_string()
    }
}

/// Writes the folded form of `word` (a run of word characters) into `folded` and, when asked
/// for, its lower-cased form into `lower`.
fn analyse_word(table: &Table, word: &str, folded: &mut String, mut lower: Option<&mut String>) {
    folded.clear();
    if let Some(lower) = lower.as_deref_mut() {
        lower.clear();
    }
    if word.is_ascii() {
        folded.push_str(word);
        folded.make_ascii_lowercase();
        if let Some(lower) = lower {
            lower.push_str(folded);
        }
        return;
    }
    for c in word.chars() {
        match classify(table, c) {
            Class::Ascii(byte) => {
                let byte = byte.to_ascii_lowercase() as char;
                folded.push(byte);
                if let Some(lower) = lower.as_deref_mut() {
                    lower.push(byte);
                }
            }
            Class::Letter(letter) => {
                folded.push_str(&letter.folded);
                if let Some(lower) = lower.as_deref_mut() {
                    lower.push_str(&letter.lower);
                }
            }
            Class::Other | Class::Separator => {
                folded.extend(c.to_lowercase());
                if let Some(lower) = lower.as_deref_mut() {
                    lower.extend(c.to_lowercase());
                }
            }
        }
    }
    if !folded.is_ascii() {
        let mut folder = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build();
        *folded = fold_slow(&mut folder, folded);
    }
}

impl Tokenizer for FoldTokenizer {
    type TokenStream<'a> = FoldStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldStream<'a> {
        FoldStream {
            text,
            at: 0,
            mode: self.mode,
            table: table(),
            token: Token::default(),
            exact: String::new(),
            exact_pending: false,
        }
    }
}

pub struct FoldStream<'a> {
    text: &'a str,
    at: usize,
    mode: Mode,
    table: &'static Table,
    token: Token,
    /// The exact form of the word just returned folded, returned next (`FoldedWithExact`).
    exact: String,
    exact_pending: bool,
}

impl FoldStream<'_> {
    /// The next run of word characters, as a byte range. ASCII bytes are judged without
    /// decoding a character.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let start = self.scan_from(self.at, true);
        if start >= self.text.len() {
            self.at = start;
            return None;
        }
        let end = self.scan_from(start, false);
        self.at = end;
        Some((start, end))
    }

    /// The first byte from `at` that starts a word character (`word`) or a separator (`!word`).
    fn scan_from(&self, mut at: usize, word: bool) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(at) {
            let (is_word, length) = if byte.is_ascii() {
                (byte.is_ascii_alphanumeric(), 1)
            } else {
                let c = self.text[at..].chars().next().unwrap_or(' ');
                (is_word_char(self.table, c), c.len_utf8())
            };
            if is_word == word {
                return at;
            }
            at += length;
        }
        bytes.len()
    }
}

impl TokenStream for FoldStream<'_> {
    fn advance(&mut self) -> bool {
        if self.exact_pending {
            self.exact_pending = false;
            std::mem::swap(&mut self.token.text, &mut self.exact);
            return true;
        }
        loop {
            let Some((start, end)) = self.next_word() else { return false };
            self.token.position = self.token.position.wrapping_add(1);
            let word = &self.text[start..end];
            if word.len() >= MAX_TOKEN_BYTES {
                continue;
            }
            let table = self.table;
            match self.mode {
                Mode::Folded => analyse_word(table, word, &mut self.token.text, None),
                Mode::Lower => analyse_word(table, word, &mut self.exact, Some(&mut self.token.text)),
                Mode::FoldedWithExact => {
                    let with_exact = !word.is_ascii();
                    analyse_word(table, word, &mut self.token.text, with_exact.then_some(&mut self.exact));
                    self.exact_pending = with_exact && self.exact != self.token.text;
                }
            }
            self.token.offset_from = start;
            self.token.offset_to = end;
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

    fn collect(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    fn run(mode: Mode, text: &str) -> Vec<(String, usize, usize, usize)> {
        collect(&mut TextAnalyzer::from(FoldTokenizer { mode }), text)
    }

    /// The pipeline this tokeniser replaces, as the reference.
    fn reference(fold: bool, text: &str) -> Vec<(String, usize, usize, usize)> {
        let builder = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES));
        let mut analyzer = if fold {
            builder.filter(LowerCaser).filter(AsciiFoldingFilter).build()
        } else {
            builder.filter(LowerCaser).build()
        };
        collect(&mut analyzer, text)
    }

    #[test]
    fn same_tokens_as_simple_tokenizer_lower_caser_and_ascii_folding() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let samples = [
            "Đà Nẵng, Hà Nội — TIẾNG VIỆT: mưa lớn; Ông Ưng ở Đắk Lắk!",
            "Ærøskøbing Straße ﬁnance ÇA İstanbul Σίσυφος Москва 東京 ２０２２ x²",
            "covid-19 e-mail 3.5% A1B2 naïve café œuvre",
            &format!("a {long} b"),
            "",
            "  ,;  ",
        ];
        for text in samples {
            assert_eq!(run(Mode::Folded, text), reference(true, text), "{text}");
            assert_eq!(run(Mode::Lower, text), reference(false, text), "{text}");
        }
    }

    #[test]
    fn the_index_form_adds_the_exact_word_where_folding_changed_it() {
        let found: Vec<_> =
            run(Mode::FoldedWithExact, "Má và ma, Hà Noi").into_iter().map(|t| (t.0, t.3)).collect();
        let expected =
            [("ma", 0), ("má", 0), ("va", 1), ("và", 1), ("ma", 2), ("ha", 3), ("hà", 3), ("noi", 4)];
        assert_eq!(found, expected.map(|(text, at)| (text.to_string(), at)));
    }
}
