//! One-pass tokeniser: splits on non-alphanumeric characters (like tantivy's `SimpleTokenizer`)
//! and lower-cases — and, for the folded fields, accent-folds (like `AsciiFoldingFilter`) — each
//! word as it goes. Latin letters, Vietnamese included, come from a table built once, so the hot
//! loop never asks Unicode tables whether a letter is alphanumeric or what its lower case is:
//! those look-ups were a fifth of the indexing time with `SimpleTokenizer` + `LowerCaser`.

use std::sync::{Arc, OnceLock};

use tantivy::tokenizer::{AsciiFoldingFilter, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer};

use super::pairs::{PairTracker, PairWords};

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
    /// `FoldedWithExact` only: each pair of adjacent common words is also one term, at the
    /// first word's position (see [`super::pairs`]).
    pub pairs: Option<Arc<PairWords>>,
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
    /// The same code points as one byte each for the lean pass: the letter's one-byte fold,
    /// [`FOLD_SEPARATOR`] or [`FOLD_SLOW`] (a fold of more bytes, or alphanumeric without one).
    latin_bytes: Vec<u8>,
    additional_bytes: Vec<u8>,
}

/// In [`Table`]'s byte folds: not part of a word.
const FOLD_SEPARATOR: u8 = 0;
/// In [`Table`]'s byte folds: part of a word that the slow path ([`read_word`]) folds.
const FOLD_SLOW: u8 = 0xFF;

impl Table {
    /// The one-byte fold of the non-ASCII code point `code`, or [`FOLD_SEPARATOR`] or
    /// [`FOLD_SLOW`]: what [`classify`] says, in one load for the table's blocks.
    fn byte_fold(&self, code: u32) -> u8 {
        if LATIN.contains(&code) {
            self.latin_bytes[(code - LATIN.start()) as usize]
        } else if LATIN_ADDITIONAL.contains(&code) {
            self.additional_bytes[(code - LATIN_ADDITIONAL.start()) as usize]
        } else if char::from_u32(code).is_some_and(char::is_alphanumeric) {
            FOLD_SLOW
        } else {
            FOLD_SEPARATOR
        }
    }
}

fn byte_folds(entries: &[Entry]) -> Vec<u8> {
    (entries.iter())
        .map(|entry| match entry {
            Entry::Letter(Letter { folded: Folded::Byte(byte), .. }) => *byte,
            Entry::Letter(_) | Entry::Other => FOLD_SLOW,
            Entry::Separator => FOLD_SEPARATOR,
        })
        .collect()
}

/// The code point starting at `bytes[at]` (a character boundary of valid UTF-8) and its length.
fn decode(bytes: &[u8], at: usize) -> (u32, usize) {
    let lead = u32::from(bytes[at]);
    let next = |n: usize| u32::from(bytes[at + n] & 0x3F);
    match lead {
        0..=0x7F => (lead, 1),
        0xC0..=0xDF => (((lead & 0x1F) << 6) | next(1), 2),
        0xE0..=0xEF => (((lead & 0x0F) << 12) | (next(1) << 6) | next(2), 3),
        _ => (((lead & 0x07) << 18) | (next(1) << 12) | (next(2) << 6) | next(3), 4),
    }
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
                .collect::<Vec<Entry>>()
        };
        let (latin, additional) = (entries(LATIN), entries(LATIN_ADDITIONAL));
        let (latin_bytes, additional_bytes) = (byte_folds(&latin), byte_folds(&additional));
        Table { latin, additional, latin_bytes, additional_bytes }
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
            // Decoded by hand and looked up in one byte table: this loop is most of the
            // fingerprint's cost, and the fingerprint's of indexing.
            let (code, length) = decode(bytes, at);
            match table.byte_fold(code) {
                FOLD_SEPARATOR => break,
                FOLD_SLOW => simple = false,
                byte => word.push(byte),
            }
            at += length;
        }
        if at == start {
            // A separator.
            at += decode(bytes, at).1;
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
        let pairs =
            self.pairs.as_deref().filter(|pairs| self.mode == Mode::FoldedWithExact && !pairs.is_empty());
        FoldStream {
            text,
            at: 0,
            mode: self.mode,
            table: table(),
            token: Token::default(),
            position: usize::MAX,
            exact: String::new(),
            exact_pending: false,
            pairs,
            tracker: PairTracker::default(),
            pair_pending: None,
        }
    }
}

pub struct FoldStream<'a> {
    text: &'a str,
    at: usize,
    mode: Mode,
    table: &'static Table,
    token: Token,
    /// The position of the word read last.
    position: usize,
    /// The exact form of the word just returned folded, returned next (`FoldedWithExact`).
    exact: String,
    exact_pending: bool,
    pairs: Option<&'a PairWords>,
    tracker: PairTracker,
    /// The pair the word just read ends, returned after its word: (position, offset_from).
    pair_pending: Option<(usize, usize)>,
}

impl TokenStream for FoldStream<'_> {
    fn advance(&mut self) -> bool {
        if self.exact_pending {
            self.exact_pending = false;
            std::mem::swap(&mut self.token.text, &mut self.exact);
            return true;
        }
        if let Some((position, offset_from)) = self.pair_pending.take() {
            std::mem::swap(&mut self.token.text, &mut self.tracker.pair);
            self.token.position = position;
            self.token.offset_from = offset_from;
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
            self.position = self.position.wrapping_add(1);
            self.token.position = self.position;
            if word.end - word.start >= MAX_TOKEN_BYTES {
                continue;
            }
            self.exact_pending =
                self.mode == Mode::FoldedWithExact && !word.ascii && self.exact != self.token.text;
            self.token.offset_from = word.start;
            self.token.offset_to = word.end;
            if let Some(pairs) = self.pairs {
                let token = &self.token;
                self.pair_pending =
                    self.tracker.after_word(pairs, &token.text, token.position, token.offset_from);
            }
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
#[path = "tokenizer_tests.rs"]
mod tests;
