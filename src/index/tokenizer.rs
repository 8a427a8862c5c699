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

/// What the table knows of a non-ASCII letter of the Latin blocks whose lower case is one
/// character (the others take the slow path).
struct Letter {
    lower: char,
    folded: Folded,
}

/// A letter's folded form: one ASCII byte for nearly all ("ộ" → "o"), or a few ("æ" → "ae").
enum Folded {
    Byte(u8),
    Text(Box<str>),
}

/// Latin-1 Supplement, Latin Extended-A/B, and Latin Extended Additional (Vietnamese).
const LATIN: std::ops::RangeInclusive<u32> = 0x80..=0x24F;
const LATIN_ADDITIONAL: std::ops::RangeInclusive<u32> = 0x1E00..=0x1EFF;

/// What the table holds for one code point.
enum Entry {
    Letter(Letter),
    /// Alphanumeric, but lower-cased to more than one character (the slow path does it).
    Other,
    Separator,
}

struct Table {
    latin: Vec<Entry>,
    additional: Vec<Entry>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut folder = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build();
        let mut entries = |range: std::ops::RangeInclusive<u32>| {
            range
                .map(|code| {
                    let Some(c) = char::from_u32(code).filter(|c| c.is_alphanumeric()) else {
                        return Entry::Separator;
                    };
                    let mut lower = c.to_lowercase();
                    let (Some(single), None) = (lower.next(), lower.next()) else { return Entry::Other };
                    let folded = fold_slow(&mut folder, single.encode_utf8(&mut [0; 4]));
                    let folded = match folded.as_bytes() {
                        [byte] => Folded::Byte(*byte),
                        _ => Folded::Text(folded.into()),
                    };
                    Entry::Letter(Letter { lower: single, folded })
                })
                .collect()
        };
        Table { latin: entries(LATIN), additional: entries(LATIN_ADDITIONAL) }
    })
}

/// How a character takes part in words.
enum Class<'t> {
    Ascii(u8),
    Letter(&'t Letter),
    /// Alphanumeric, handled by the slow path.
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
    match entry {
        Entry::Letter(letter) => Class::Letter(letter),
        Entry::Other => Class::Other,
        Entry::Separator => Class::Separator,
    }
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

fn push(out: &mut Option<&mut String>, c: char) {
    if let Some(out) = out {
        out.push(c);
    }
}

/// One word read from a text.
struct Word {
    start: usize,
    end: usize,
    /// Whether the word is all ASCII (its exact form is its folded form).
    ascii: bool,
}

/// Skips separators from byte `from`, then reads one word, looking at each character once:
/// its folded form goes into `folded` and its lower-cased form into `lower`, each when given.
fn read_word(
    table: &Table,
    text: &str,
    from: usize,
    mut folded: Option<&mut String>,
    mut lower: Option<&mut String>,
) -> Option<Word> {
    for out in [folded.as_deref_mut(), lower.as_deref_mut()].into_iter().flatten() {
        out.clear();
    }
    let bytes = text.as_bytes();
    let (mut at, mut start, mut ascii) = (from, None, true);
    while let Some(&byte) = bytes.get(at) {
        let (c, class) = if byte.is_ascii() {
            let class = if byte.is_ascii_alphanumeric() { Class::Ascii(byte) } else { Class::Separator };
            (byte as char, class)
        } else {
            let c = text[at..].chars().next()?;
            (c, classify(table, c))
        };
        match class {
            Class::Separator if start.is_some() => break,
            Class::Separator => {}
            Class::Ascii(byte) => {
                let c = byte.to_ascii_lowercase() as char;
                push(&mut folded, c);
                push(&mut lower, c);
            }
            Class::Letter(letter) => {
                ascii = false;
                match (&letter.folded, folded.as_deref_mut()) {
                    (Folded::Byte(byte), Some(out)) => out.push(*byte as char),
                    (Folded::Text(text), Some(out)) => out.push_str(text),
                    (_, None) => {}
                }
                push(&mut lower, letter.lower);
            }
            Class::Other => {
                ascii = false;
                c.to_lowercase().for_each(|c| push(&mut folded, c));
                c.to_lowercase().for_each(|c| push(&mut lower, c));
            }
        }
        if !matches!(class, Class::Separator) {
            start.get_or_insert(at);
        }
        at += c.len_utf8();
    }
    let start = start?;
    if let Some(out) = folded.filter(|out| !out.is_ascii()) {
        let mut folder = TextAnalyzer::builder(RawTokenizer::default()).filter(AsciiFoldingFilter).build();
        *out = fold_slow(&mut folder, out);
    }
    Some(Word { start, end: at, ascii })
}

/// Calls `each` with every word of `text` as the `Folded` analyser makes it (long words dropped
/// alike), from one buffer reused: the fingerprint's pass, without a token stream's positions,
/// offsets and boxed stream per text. ASCII and the table's one-byte folds (Vietnamese letters
/// among them) are done here; a word holding anything else is read again by [`read_word`], so
/// the two give the same words.
pub fn for_each_folded_word(text: &str, mut each: impl FnMut(&[u8])) {
    let table = table();
    let bytes = text.as_bytes();
    let mut word: Vec<u8> = Vec::with_capacity(MAX_TOKEN_BYTES);
    let mut other = String::new();
    let mut at = 0;
    while at < bytes.len() {
        let (start, mut simple) = (at, true);
        word.clear();
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                if !byte.is_ascii_alphanumeric() {
                    break;
                }
                word.push(byte.to_ascii_lowercase());
                at += 1;
                continue;
            }
            let Some(c) = text[at..].chars().next() else { break };
            match classify(table, c) {
                Class::Separator => break,
                Class::Letter(Letter { folded: Folded::Byte(byte), .. }) => word.push(*byte),
                Class::Letter(_) | Class::Other | Class::Ascii(_) => simple = false,
            }
            at += c.len_utf8();
        }
        if at == start {
            // A separator.
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        if at - start >= MAX_TOKEN_BYTES {
            continue;
        }
        if simple {
            each(&word);
        } else if read_word(table, text, start, Some(&mut other), None).is_some() {
            each(other.as_bytes());
        }
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

impl TokenStream for FoldStream<'_> {
    fn advance(&mut self) -> bool {
        if self.exact_pending {
            self.exact_pending = false;
            std::mem::swap(&mut self.token.text, &mut self.exact);
            return true;
        }
        loop {
            let (table, text, from) = (self.table, self.text, self.at);
            let (token, exact) = (&mut self.token.text, &mut self.exact);
            let word = match self.mode {
                Mode::Folded => read_word(table, text, from, Some(token), None),
                Mode::Lower => read_word(table, text, from, None, Some(token)),
                Mode::FoldedWithExact => read_word(table, text, from, Some(token), Some(exact)),
            };
            let Some(word) = word else {
                self.at = text.len();
                return false;
            };
            self.at = word.end;
            self.token.position = self.token.position.wrapping_add(1);
            if word.end - word.start >= MAX_TOKEN_BYTES {
                continue;
            }
            self.exact_pending =
                self.mode == Mode::FoldedWithExact && !word.ascii && self.exact != self.token.text;
            self.token.offset_from = word.start;
            self.token.offset_to = word.end;
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

    proptest::proptest! {
        #[test]
        fn same_tokens_as_the_reference_on_any_text(text in text_strategy()) {
            proptest::prop_assert_eq!(run(Mode::Folded, &text), reference(true, &text));
            proptest::prop_assert_eq!(run(Mode::Lower, &text), reference(false, &text));
        }
    }

    /// Latin and Vietnamese letters (where the table works), separators, and anything else.
    fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let c = prop_oneof![
            4 => proptest::char::range('\u{20}', '\u{7e}'),
            4 => proptest::char::range('\u{80}', '\u{24f}'),
            4 => proptest::char::range('\u{1e00}', '\u{1eff}'),
            1 => proptest::char::range('\u{300}', '\u{36f}'),
            2 => any::<char>(),
        ];
        proptest::collection::vec(c, 0..80).prop_map(|chars| chars.into_iter().collect())
    }

    /// The fingerprint's words are the folded analyser's, whatever the text.
    fn folded_words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_folded_word(text, |word| out.push(String::from_utf8(word.to_vec()).unwrap()));
        out
    }

    proptest::proptest! {
        #[test]
        fn folded_words_are_the_folded_analysers_tokens(text in text_strategy()) {
            let tokens: Vec<String> = run(Mode::Folded, &text).into_iter().map(|t| t.0).collect();
            proptest::prop_assert_eq!(folded_words(&text), tokens);
        }
    }

    #[test]
    fn folded_words_fold_vietnamese_and_the_slow_letters_alike() {
        let long = "x".repeat(MAX_TOKEN_BYTES);
        let text = format!("Đà Nẵng: Ærøskøbing STRAẞE x² {long} ﬁnance İstanbul 東京 — naïve");
        let tokens: Vec<String> = run(Mode::Folded, &text).into_iter().map(|t| t.0).collect();
        assert_eq!(folded_words(&text), tokens);
        assert_eq!(folded_words("Đà Nẵng, ĐÀ NẴNG"), ["da", "nang", "da", "nang"]);
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
