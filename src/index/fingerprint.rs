//! What an article's text is, in a few bytes, for telling copies of one story apart from other
//! stories: a hash of its folded words (exact duplicates), and a MinHash signature of its word
//! shingles (near duplicates: the same wire story run by two outlets, an update, a page saved
//! twice). Computed once, when the article is indexed, and kept in the index's fast columns.
//!
//! The signature is one-permutation MinHash: each shingle's hash picks one of `BINS` bins by
//! its top bits, and each bin keeps the smallest of the rest; empty bins borrow from the next
//! full one (densification), so a short text still gets a whole signature. Two texts agree in
//! about a Jaccard share of their bins (of their shingle sets). Each bin keeps 16 bits: a chance
//! agreement is 1 in 65,536 per bin.

use super::tokenizer::for_each_folded_word;
use crate::article::Article;

/// Bins of a signature.
pub const BINS: usize = 64;
/// Words in a shingle. Vietnamese words are mostly one syllable: four of them are a phrase that
/// two unrelated articles rarely share, and a rewrite of one story keeps many.
pub const SHINGLE_WORDS: usize = 4;
/// Fewer shingles than this give no signature: the text is too short to judge by shingles
/// (exact duplicates are still found by the text hash).
pub const MIN_SHINGLES: usize = 16;
/// Words read at most: the start of an article carries its story.
const MAX_WORDS: usize = 20_000;

/// An article's text hash and signature (`None`: too short for one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    pub text_hash: u64,
    pub signature: Option<[u16; BINS]>,
}

/// SplitMix64's finaliser: every input bit reaches every output bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The fingerprint of `article`, folded (case and accents ignored): the text hash over its title,
/// lead and body (the same page saved twice), the signature over its lead and body only
/// (outlets and updates retitle a story).
pub fn fingerprint(article: &Article) -> Fingerprint {
    let texts = article.lead.iter().chain(article.body.iter().map(|block| &block.text));
    let mut words: Vec<u64> = Vec::new();
    for text in texts {
        word_hashes(text, &mut words);
        if words.len() >= MAX_WORDS {
            words.truncate(MAX_WORDS);
            break;
        }
    }
    let mut title = Vec::new();
    word_hashes(&article.title, &mut title);
    let text_hash = title.iter().chain(&words).fold(words.len() as u64, |hash, word| mix(hash ^ word));
    Fingerprint { text_hash, signature: signature(&words) }
}

/// Appends the hash of each folded word of `text` to `out`.
fn word_hashes(text: &str, out: &mut Vec<u64>) {
    for_each_folded_word(text, |word| out.push(xxhash_rust::xxh3::xxh3_64(word)));
}

/// The one-permutation MinHash signature of the shingles of `words` (each a word's hash).
pub fn signature(words: &[u64]) -> Option<[u16; BINS]> {
    let shingles = words.len().saturating_sub(SHINGLE_WORDS - 1);
    if shingles < MIN_SHINGLES {
        return None;
    }
    let mut minima = [u64::MAX; BINS];
    for window in words.windows(SHINGLE_WORDS) {
        let shingle = mix(window
            .iter()
            .enumerate()
            .fold(0, |hash, (at, word)| hash ^ word.rotate_left(17 * at as u32)));
        let bin = (shingle >> (64 - BINS.trailing_zeros())) as usize;
        let rest = shingle & (u64::MAX >> BINS.trailing_zeros());
        minima[bin] = minima[bin].min(rest);
    }
    let mut out = [0u16; BINS];
    for bin in 0..BINS {
        // An empty bin takes the next full one's minimum, marked by how far it went.
        let (distance, value) = (0..BINS)
            .map(|step| (step, minima[(bin + step) % BINS]))
            .find(|(_, value)| *value != u64::MAX)?;
        out[bin] = mix(value ^ (distance as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) as u16;
    }
    Some(out)
}

/// The signature as the index stores it (little-endian bins).
pub fn to_bytes(signature: &[u16; BINS]) -> Vec<u8> {
    signature.iter().flat_map(|bin| bin.to_le_bytes()).collect()
}

/// A stored signature read back; `None` for anything but a whole one.
pub fn from_bytes(bytes: &[u8]) -> Option<[u16; BINS]> {
    if bytes.len() != BINS * 2 {
        return None;
    }
    let mut out = [0u16; BINS];
    for (bin, pair) in out.iter_mut().zip(bytes.chunks_exact(2)) {
        *bin = u16::from_le_bytes([pair[0], pair[1]]);
    }
    Some(out)
}

/// The share of bins two signatures agree on: an estimate of their texts' shingle Jaccard.
pub fn resemblance(a: &[u16; BINS], b: &[u16; BINS]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / BINS as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        text.split_whitespace().map(|word| xxhash_rust::xxh3::xxh3_64(word.as_bytes())).collect()
    }

    fn numbered(from: usize, to: usize) -> String {
        (from..to).map(|n| format!("w{n}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn resemblance_follows_the_share_of_shingles_in_common() {
        // 400 words, of which the second text replaces the last 100: 297 of the 497 distinct
        // shingles are shared (Jaccard ≈ 0.6).
        let a = signature(&words(&numbered(0, 400))).unwrap();
        let b = signature(&words(&format!("{} {}", numbered(0, 300), numbered(1000, 1100)))).unwrap();
        let c = signature(&words(&numbered(5000, 5400))).unwrap();
        assert_eq!(resemblance(&a, &a), 1.0);
        let near = resemblance(&a, &b);
        assert!((0.4..=0.8).contains(&near), "{near}");
        assert!(resemblance(&a, &c) < 0.1);
    }

    #[test]
    fn short_texts_have_no_signature_and_bytes_round_trip() {
        assert_eq!(signature(&words(&numbered(0, 10))), None);
        let signature = signature(&words(&numbered(0, 40))).unwrap();
        assert_eq!(from_bytes(&to_bytes(&signature)), Some(signature));
        assert_eq!(from_bytes(&[1, 2, 3]), None);
    }
}
