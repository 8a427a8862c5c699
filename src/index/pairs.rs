//! Word pairs of the library's commonest words. A quoted phrase of common words ("hà nội") is a
//! walk over the positions of every article holding both words: tens of thousands at 350k
//! articles. So each two adjacent words of a text that are both common are also indexed as one
//! term of the `pairs` field ("ha noi"), folded, without positions: a two-word phrase of common
//! words is then one posting list, the same matches as the phrase; a longer phrase keeps its
//! walk over the words' positions, but only where every common pair it holds is (a far shorter
//! list to follow). A phrase with a rarer word is fast as it is (the walk follows the rarest word).
//!
//! The common words are learned from a sample of the library when the index is first built (or
//! rebuilt), kept beside the index in a file named by their checksum, and every document names
//! that set with a marker term. A search uses pairs only when every document of every segment
//! names one set and its file is there and intact; otherwise phrases walk their words, as before.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use std::sync::Arc;

use tantivy::schema::Field;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use tantivy::{Searcher, TantivyDocument};
use xxhash_rust::xxh3::xxh3_64;

use super::analysis::folded_analyzer;
use super::schema::Fields;
use super::tokenizer::{FoldStream, FoldTokenizer, Mode};
use crate::article::Article;
use crate::{parse, scan};

/// The set's file: this prefix and the set's id in 16 hexadecimal digits.
pub const FILE_PREFIX: &str = "newsdesk-common-words-";
const FILE_MAGIC: &str = "newsdesk common words 1\n";
/// The tokenizer of the `pairs` field.
pub const PAIRS: &str = "newsdesk_pairs";
/// A word is common when at least this share of the sampled articles holds it: past this,
/// a phrase's walk is the slow one (measured in BENCHMARKS.md).
const COMMON_SHARE: f64 = 0.3;
/// At most this many common words (the commonest): the pairs' vocabulary stays bounded.
const MAX_WORDS: usize = 512;
/// Fewer sampled articles say nothing reliable: no common words (and no pairs).
const MIN_SAMPLE: usize = if cfg!(test) { 20 } else { 100 };
/// The most articles read to learn the common words.
pub const SAMPLE: usize = if cfg!(test) { 32 } else { 512 };

/// The common words of one index, and the id that names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommonWords {
    words: HashSet<String>,
    id: u64,
}

impl Default for CommonWords {
    fn default() -> Self {
        CommonWords::from_words(Vec::new())
    }
}

impl CommonWords {
    /// The words (folded) held by at least [`COMMON_SHARE`] of `articles`, each given as its texts.
    pub fn learn<'a>(articles: impl IntoIterator<Item = Vec<&'a str>>) -> CommonWords {
        let mut analyzer = folded_analyzer();
        let mut held: HashMap<String, usize> = HashMap::new();
        let mut sampled = 0;
        for texts in articles {
            sampled += 1;
            let mut words = HashSet::new();
            for text in texts {
                let mut stream = analyzer.token_stream(text);
                while stream.advance() {
                    words.insert(stream.token().text.clone());
                }
            }
            for word in words {
                *held.entry(word).or_default() += 1;
            }
        }
        if sampled < MIN_SAMPLE {
            return CommonWords::default();
        }
        let least = (sampled as f64 * COMMON_SHARE).ceil() as usize;
        let mut common: Vec<(usize, String)> = held
            .into_iter()
            .filter(|(_, count)| *count >= least)
            .map(|(word, count)| (count, word))
            .collect();
        common.sort_by(|a, b| b.cmp(a));
        common.truncate(MAX_WORDS);
        CommonWords::from_words(common.into_iter().map(|(_, word)| word).collect())
    }

    fn from_words(mut words: Vec<String>) -> CommonWords {
        words.sort();
        words.dedup();
        let id = xxh3_64(words.join("\n").as_bytes());
        CommonWords { words: words.into_iter().collect(), id }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The pair terms of a phrase's folded words: each two adjacent words that are both common.
    pub fn pairs_of(&self, words: &[String]) -> Vec<String> {
        let both = |pair: &&[String]| self.contains(&pair[0]) && self.contains(&pair[1]);
        words.windows(2).filter(both).map(|pair| pair_term(&pair[0], &pair[1])).collect()
    }

    /// Adds the set's marker and each of `texts` (the values of the text field, in the same
    /// order) to `doc`: [`PairTokenizer`] makes their pairs.
    pub fn add_to<'a>(
        &self,
        doc: &mut TantivyDocument,
        fields: &Fields,
        texts: impl Iterator<Item = &'a String>,
    ) {
        doc.add_text(fields.pairs_set, format!("{:016x}", self.id));
        if !self.words.is_empty() {
            for text in texts {
                doc.add_text(fields.pairs, text);
            }
        }
    }

    /// Keeps the set beside the index (once: its name is its id).
    pub fn save(&self, dir: &Path) -> io::Result<()> {
        let name = file_name(self.id);
        if dir.join(&name).is_file() {
            return Ok(());
        }
        let mut words: Vec<&str> = self.words.iter().map(String::as_str).collect();
        words.sort_unstable();
        super::kept_file::replace(dir, &name, format!("{FILE_MAGIC}{}", words.join("\n")).as_bytes())
    }

    /// The set `id` names, when its file is there and holds exactly that set.
    pub fn load(dir: &Path, id: u64) -> Option<CommonWords> {
        let text = fs::read_to_string(dir.join(file_name(id))).ok()?;
        let words = text.strip_prefix(FILE_MAGIC)?.split('\n').filter(|word| !word.is_empty());
        let set = CommonWords::from_words(words.map(str::to_string).collect());
        (set.id == id).then_some(set)
    }

    pub fn id(&self) -> u64 {
        self.id
    }
}

/// The common words of the index whose documents `searcher` sees: the set they all name, or
/// none (no pairs) when they name several or its file is gone.
pub fn current(dir: &Path, searcher: &Searcher, field: Field) -> CommonWords {
    in_use(searcher, field).and_then(|id| CommonWords::load(dir, id)).unwrap_or_default()
}

/// Has `index`'s writers make the pairs of `common` (before a writer opens: each of its
/// segments takes the tokenizer then).
pub fn register(index: &tantivy::Index, common: &CommonWords) {
    index.tokenizers().register(PAIRS, PairTokenizer::new(Arc::new(common.clone())));
}

/// Learns the common words from up to [`SAMPLE`] of `paths`, spread evenly (the files read
/// and parsed as the index reads them; a file that cannot be read is passed over).
pub fn learn_from<'a>(files: &scan::Library, paths: impl ExactSizeIterator<Item = &'a Path>) -> CommonWords {
    let step = paths.len().div_ceil(SAMPLE).max(1);
    let articles = paths.step_by(step).filter_map(|path| {
        let bytes = files.read_file(path).ok()?;
        parse::ContainerKind::sniff(&bytes).is_none().then_some(())?;
        let parsed = parse::parse_for_index(path, &bytes, parse::ParseContext::default(), true).ok()?;
        Some(parsed.article)
    });
    let articles: Vec<Article> = articles.collect();
    CommonWords::learn(articles.iter().map(|article| {
        let texts = std::iter::once(&article.title)
            .chain(&article.lead)
            .chain(article.body.iter().map(|block| &block.text));
        texts.map(String::as_str).collect()
    }))
}

fn pair_term(first: &str, second: &str) -> String {
    format!("{first} {second}")
}

fn file_name(id: u64) -> String {
    format!("{FILE_PREFIX}{id:016x}")
}

/// Whether `name` is a set's file (or its temporary copy), as [`CommonWords::save`] names them.
pub fn is_set_file(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(FILE_PREFIX) else { return false };
    let (id, temporary) = rest.split_at_checked(16).unwrap_or((rest, ""));
    let hex = id.len() == 16 && id.bytes().all(|b| b.is_ascii_hexdigit());
    let pid = temporary
        .strip_prefix(".tmp-")
        .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
    hex && (temporary.is_empty() || pid)
}

/// The id of the one set every document `searcher` sees was built with (deleted ones too):
/// none when a segment mixes sets or holds a document without one.
pub fn in_use(searcher: &Searcher, field: Field) -> Option<u64> {
    let mut found = None;
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field).ok()?;
        let mut stream = index.terms().stream().ok()?;
        let mut marked = 0;
        while stream.advance() {
            let id = u64::from_str_radix(std::str::from_utf8(stream.key()).ok()?, 16).ok()?;
            if found.is_some_and(|known| known != id) {
                return None;
            }
            found = Some(id);
            marked += stream.value().doc_freq;
        }
        if marked != segment.max_doc() {
            return None;
        }
    }
    found
}

/// Each two adjacent common words of a text as one token, at the first word's position.
#[derive(Clone)]
pub struct PairTokenizer {
    common: Arc<CommonWords>,
    folded: FoldTokenizer,
}

impl PairTokenizer {
    pub fn new(common: Arc<CommonWords>) -> PairTokenizer {
        PairTokenizer { common, folded: FoldTokenizer { mode: Mode::Folded } }
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = PairStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> PairStream<'a> {
        let PairTokenizer { common, folded } = self;
        let words = folded.token_stream(text);
        PairStream { words, common, last: String::new(), last_at: None, token: Token::default() }
    }
}

pub struct PairStream<'a> {
    words: FoldStream<'a>,
    common: &'a CommonWords,
    /// The last word when it was common, and its position.
    last: String,
    last_at: Option<usize>,
    token: Token,
}

impl TokenStream for PairStream<'_> {
    fn advance(&mut self) -> bool {
        while self.words.advance() {
            let word = self.words.token();
            let common = self.common.contains(&word.text);
            let joined = match self.last_at {
                Some(at) if common && word.position == at + 1 => {
                    self.token.text.clear();
                    self.token.text.push_str(&self.last);
                    self.token.text.push(' ');
                    self.token.text.push_str(&word.text);
                    self.token.position = at;
                    true
                }
                _ => false,
            };
            self.last_at = common.then_some(word.position);
            if common {
                self.last.clear();
                self.last.push_str(&word.text);
            }
            if joined {
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Removes the sets' files in `dir` other than `keep`'s (files this module names and writes;
/// temporary copies are left to the process writing them).
pub fn remove_others(dir: &Path, keep: u64) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let kept = file_name(keep);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let done = |name: &&str| is_set_file(name) && !name.contains(".tmp-") && *name != kept;
        if let Some(name) = name.to_str().filter(done) {
            let _ = fs::remove_file(dir.join(name));
        }
    }
}
