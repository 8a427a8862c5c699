//! Word pairs: a phrase is a walk over its words' positions, and two common words ("hà nội")
//! share ~100k articles at 350k — tens of milliseconds whatever ranks them. So the text also
//! holds each pair of adjacent *common* words as one term ("ha noi", at the first word's
//! position), and a phrase of such words is a term, or a shorter phrase of pairs (see
//! [`phrase_units`]). Which words are common is learned once, when the index folder is made,
//! from a sample of the library (the words of at least [`SHARE`] of its articles), and kept in
//! [`PAIRS_FILE`] for the folder's life: every segment is written with the same words, so a
//! pair term is found exactly where the phrase is. A rarer word's phrase walks as before:
//! its articles are few.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::Path;

use xxhash_rust::xxh3::xxh3_64;

use super::tokenizer::for_each_folded_word;

pub const PAIRS_FILE: &str = "pair-words";
const MAGIC: &str = "newsdesk pair words 1";
/// A word in at least this share of the sampled articles is common: on vn_news 345 words,
/// two thirds of the text's words, ~114k distinct pairs (a fifth: half the pairs again for
/// words whose phrases are already cheap).
const SHARE: f64 = 0.2;
/// Articles read to learn the common words: their shares settle well before this.
const SAMPLE: usize = 2000;
/// A file of more words is not ours (the share bounds them to a few thousand).
const MAX_WORDS: usize = 1 << 16;

/// The common words (their folded forms, as hashes: a collision only adds a pair, and the
/// index and its queries agree on it).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PairWords {
    words: Vec<String>,
    hashes: HashSet<u64>,
}

impl PairWords {
    fn new(mut words: Vec<String>) -> PairWords {
        words.sort_unstable();
        words.dedup();
        let hashes = words.iter().map(|word| xxh3_64(word.as_bytes())).collect();
        PairWords { words, hashes }
    }

    /// Whether the folded word `word` is common: its pairs are indexed.
    pub fn contains(&self, word: &[u8]) -> bool {
        !self.hashes.is_empty() && self.hashes.contains(&xxh3_64(word))
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The common words of `articles` (each one's text): those in at least [`SHARE`] of them.
    pub fn learn<'a>(articles: impl Iterator<Item = &'a str>) -> PairWords {
        let mut counts: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut seen: HashSet<Vec<u8>> = HashSet::new();
        let mut articles_read = 0usize;
        for text in articles.take(SAMPLE) {
            articles_read += 1;
            seen.clear();
            for_each_folded_word(text, |word| {
                if !seen.contains(word) {
                    seen.insert(word.to_vec());
                }
            });
            for word in seen.drain() {
                *counts.entry(word).or_default() += 1;
            }
        }
        let needed = ((articles_read as f64) * SHARE).ceil().max(1.0) as usize;
        let words = counts.into_iter().filter(|(_, count)| *count >= needed);
        PairWords::new(words.filter_map(|(word, _)| String::from_utf8(word).ok()).collect())
    }

    fn encode(&self) -> String {
        let body = format!("{MAGIC}\n{}\n", self.words.join("\n"));
        format!("{body}{:016x}\n", xxh3_64(body.as_bytes()))
    }

    fn decode(text: &str) -> Option<PairWords> {
        let (body, checksum) = text.strip_suffix('\n')?.rsplit_once('\n')?;
        let body = format!("{body}\n");
        if u64::from_str_radix(checksum, 16).ok()? != xxh3_64(body.as_bytes()) {
            return None;
        }
        let mut lines = body.lines();
        (lines.next()? == MAGIC).then_some(())?;
        let words: Vec<String> = lines.filter(|line| !line.is_empty()).map(str::to_string).collect();
        (words.len() <= MAX_WORDS).then(|| PairWords::new(words))
    }

    /// The words the index folder `dir` was made with; `None` when the file is missing or not
    /// intact (the index's pair terms then cannot be trusted).
    pub fn load(dir: &Path) -> Option<PairWords> {
        let bytes = fs::read(dir.join(PAIRS_FILE)).ok()?;
        PairWords::decode(std::str::from_utf8(&bytes).ok()?)
    }

    /// Writes the words of a new index folder, unless another process did first; then the
    /// words in the file are the folder's, whoever wrote them.
    pub fn publish(&self, dir: &Path) -> io::Result<PairWords> {
        let temp = dir.join(format!("{PAIRS_FILE}.tmp-{}", std::process::id()));
        fs::write(&temp, self.encode())?;
        // A link fails where the name exists: the first process's words stand.
        let linked = fs::hard_link(&temp, dir.join(PAIRS_FILE));
        fs::remove_file(&temp)?;
        match linked {
            Ok(()) => Ok(self.clone()),
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists => PairWords::load(dir)
                .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "pair words damaged")),
            Err(err) => Err(err),
        }
    }
}

/// The common words of a sample of the library's articles (the first [`SAMPLE`] its walk finds).
pub fn learn_from_library(library: &Path) -> PairWords {
    let Ok(files) = crate::scan::Library::open(library, crate::scan::LinkPolicy::default()) else {
        return PairWords::default();
    };
    let mut texts: Vec<String> = Vec::new();
    files.walk_within(&[], &mut |file| {
        if let Ok(article) = files.read_article(&file.path) {
            texts.push(super::document::indexed_text(&article).collect::<Vec<_>>().join("\n"));
        }
        texts.len() < SAMPLE
    });
    PairWords::learn(texts.iter().map(String::as_str))
}

/// What a token stream keeps to add pairs: the last word read, while it may start one.
#[derive(Default)]
pub struct PairTracker {
    /// The last word, folded, when it is common.
    previous: Option<String>,
    position: usize,
    offset_from: usize,
    /// The pair the word just read ends.
    pub pair: String,
}

impl PairTracker {
    /// Notes the folded word read at `position` from byte `offset_from`; when it and the word
    /// just before are common, returns the pair they make (in `pair`) as (position, offset_from).
    pub fn after_word(
        &mut self,
        common: &PairWords,
        folded: &str,
        position: usize,
        offset_from: usize,
    ) -> Option<(usize, usize)> {
        let is_common = common.contains(folded.as_bytes());
        let mut made = None;
        if let Some(first) =
            self.previous.as_deref().filter(|_| is_common && self.position.wrapping_add(1) == position)
        {
            self.pair.clear();
            self.pair.push_str(first);
            self.pair.push(PAIR_SEPARATOR);
            self.pair.push_str(folded);
            made = Some((self.position, self.offset_from));
        }
        match (is_common, &mut self.previous) {
            (true, Some(kept)) => {
                kept.clear();
                kept.push_str(folded);
            }
            (true, None) => self.previous = Some(folded.to_string()),
            (false, _) => self.previous = None,
        }
        (self.position, self.offset_from) = (position, offset_from);
        made
    }
}

/// Between a pair term's two words: never inside a word's own term.
const PAIR_SEPARATOR: char = ' ';

/// The pair term of two adjacent folded words.
pub fn pair(first: &str, second: &str) -> String {
    format!("{first}{PAIR_SEPARATOR}{second}")
}

/// Whether an indexed term is a pair of words rather than a word.
pub fn is_pair(term: &[u8]) -> bool {
    term.contains(&(PAIR_SEPARATOR as u8))
}

/// How a phrase of folded words is looked up: (offset, term) units, each word covered by a
/// pair where it and a neighbour are common, by itself otherwise. Exact: a pair term stands
/// where its two words are adjacent, so the units at their offsets match where the words do.
pub fn phrase_units(words: &[String], common: &PairWords) -> Vec<(usize, String)> {
    let is_common: Vec<bool> = words.iter().map(|word| common.contains(word.as_bytes())).collect();
    let mut units = Vec::new();
    let mut covered = vec![false; words.len()];
    for at in 0..words.len().saturating_sub(1) {
        if is_common[at] && is_common[at + 1] && !(covered[at] && covered[at + 1]) {
            // A pair whose words the previous pair and the next both cover adds nothing.
            let next_covers = at + 2 < words.len() && is_common[at + 2];
            if covered[at] && next_covers {
                continue;
            }
            units.push((at, pair(&words[at], &words[at + 1])));
            covered[at] = true;
            covered[at + 1] = true;
        }
    }
    for (at, word) in words.iter().enumerate().filter(|(at, _)| !covered[*at]) {
        units.push((at, word.clone()));
    }
    units.sort_by_key(|(at, _)| *at);
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn common_words_are_those_of_a_fifth_of_the_articles() {
        let texts = ["Hà Nội mưa", "Hà Nội gió", "Huế mưa", "Đà Nẵng", "Vinh", "Sa Pa"];
        let more = ["Hội An", "Cà Mau", "Phú Quốc", "Đồng Tháp"];
        let learned = PairWords::learn(texts.into_iter().chain(more));
        assert_eq!(learned.words, ["ha", "mua", "noi"], "in 2 of 10 articles or more");
        assert!(learned.contains(b"noi") && !learned.contains("nội".as_bytes()) && !learned.contains(b"hue"));
    }

    #[test]
    fn the_file_round_trips_and_a_damaged_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(PairWords::load(dir.path()), None);
        let learned = PairWords::new(words("ha noi mua"));
        assert_eq!(learned.publish(dir.path()).unwrap(), learned);
        assert_eq!(PairWords::load(dir.path()), Some(learned.clone()));
        // A second process's words do not replace the first's.
        assert_eq!(PairWords::new(words("gio")).publish(dir.path()).unwrap(), learned);
        let file = dir.path().join(PAIRS_FILE);
        fs::write(&file, fs::read_to_string(&file).unwrap().replace("mua", "mưa")).unwrap();
        assert_eq!(PairWords::load(dir.path()), None, "the checksum no longer holds");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file left");
    }

    #[test]
    fn a_phrase_is_covered_by_pairs_of_common_words_and_its_rare_words_alone() {
        let common = PairWords::new(words("bo giao duc ha noi"));
        let units = |text: &str| phrase_units(&words(text), &common);
        assert_eq!(units("ha noi"), [(0, "ha noi".to_string())]);
        assert_eq!(units("bo giao duc"), [(0, "bo giao".to_string()), (1, "giao duc".to_string())]);
        assert_eq!(units("gia vang"), [(0, "gia".to_string()), (1, "vang".to_string())]);
        assert_eq!(
            units("gia ha noi vang"),
            [(0, "gia".to_string()), (1, "ha noi".to_string()), (3, "vang".to_string())]
        );
        // Four common words: two pairs cover them (the middle pair adds nothing).
        assert_eq!(units("bo giao ha noi"), [(0, "bo giao".to_string()), (2, "ha noi".to_string())]);
        assert_eq!(units("ha"), [(0, "ha".to_string())]);
    }
}

#[cfg(test)]
#[path = "pairs_tests.rs"]
mod index_tests;
