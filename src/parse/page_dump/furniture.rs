//! Furniture learned from a library: the saved pages of one site share their menus, footers,
//! widgets and block headers, whatever words they use. A site is the dumps that share their
//! first and last lines (digits ignored: a footer's year changes); a short line (not prose)
//! that recurs in at least [`MIN_DUMPS`] of a site's dumps, and in a fifth of them, is
//! furniture for every dump of that site.
//!
//! Learning needs only each dump's [`SiteLines`] (hashes of its normalised short lines), so the
//! index keeps those and re-learns one site when one of its dumps changes.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use super::lines::{Line, Page};

/// A line must recur in this many dumps of a site to be furniture.
pub const MIN_DUMPS: usize = 3;
/// Lines of one dump that take part in learning: furniture is at the top and the bottom of a
/// page, and this bounds what the index keeps for a very long one.
const MAX_LINES_FROM_EACH_END: usize = 300;

/// What learning needs from one dump.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLines {
    pub site: u64,
    /// Distinct hashes of the dump's normalised short lines, sorted.
    pub lines: Vec<u64>,
}

/// Lines that are furniture, per site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FurnitureModel {
    sites: HashMap<u64, HashSet<u64>>,
}

/// Lowercased, digits as `#`, spaces collapsed: "© 1997-2022. Mọi …" and "© 1997-2023. Mọi …"
/// are one line.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            if c.is_ascii_digit() {
                out.push('#');
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

pub fn line_hash(text: &str) -> u64 {
    xxh3_64(normalise(text).as_bytes())
}

/// Whether a line may be learned as furniture: not prose, not long.
fn learnable(line: &Line) -> bool {
    !line.is_prose() && line.words <= 24
}

/// The site of a page: its first and last lines.
pub fn site_of(page: &Page) -> Option<u64> {
    let first = page.lines.first()?;
    let last = page.lines.last()?;
    let mut key = normalise(first.text);
    key.push('\n');
    key.push_str(&normalise(last.text));
    Some(xxh3_64(key.as_bytes()))
}

/// The lines of `page` that learning counts.
pub fn site_lines(page: &Page) -> Option<SiteLines> {
    let site = site_of(page)?;
    let candidates: Vec<&Line> = page.lines.iter().filter(|line| learnable(line)).collect();
    let ends = if candidates.len() > 2 * MAX_LINES_FROM_EACH_END {
        let (head, tail) = candidates.split_at(MAX_LINES_FROM_EACH_END);
        [head, &tail[tail.len() - MAX_LINES_FROM_EACH_END..]].concat()
    } else {
        candidates
    };
    let mut lines: Vec<u64> = ends.iter().map(|line| line_hash(line.text)).collect();
    lines.sort_unstable();
    lines.dedup();
    Some(SiteLines { site, lines })
}

impl FurnitureModel {
    /// Learns from every dump of a library (any order).
    pub fn learn<'a>(dumps: impl IntoIterator<Item = &'a SiteLines>) -> FurnitureModel {
        let mut per_site: HashMap<u64, (usize, HashMap<u64, usize>)> = HashMap::new();
        for dump in dumps {
            let (count, lines) = per_site.entry(dump.site).or_default();
            *count += 1;
            for hash in &dump.lines {
                *lines.entry(*hash).or_default() += 1;
            }
        }
        let mut sites = HashMap::new();
        for (site, (dumps, lines)) in per_site {
            let needed = MIN_DUMPS.max(dumps.div_ceil(5));
            let learned: HashSet<u64> =
                lines.into_iter().filter(|(_, seen)| *seen >= needed).map(|(hash, _)| hash).collect();
            if !learned.is_empty() {
                sites.insert(site, learned);
            }
        }
        FurnitureModel { sites }
    }

    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }

    /// The learned lines of one site, when it has any.
    pub fn site(&self, site: u64) -> Option<&HashSet<u64>> {
        self.sites.get(&site)
    }

    /// A fingerprint of what one site learned (0 when nothing): a site whose fingerprint changes
    /// has its dumps parsed again.
    pub fn fingerprint(&self, site: u64) -> u64 {
        let Some(lines) = self.sites.get(&site) else { return 0 };
        let mut sorted: Vec<u64> = lines.iter().copied().collect();
        sorted.sort_unstable();
        let bytes: Vec<u8> = sorted.iter().flat_map(|hash| hash.to_le_bytes()).collect();
        xxh3_64(&bytes) | 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dump(menu: &str, body: &str) -> SiteLines {
        let text =
            format!("BRAWM\n{menu}\nMột câu văn dài đủ tám chữ để thành đoạn văn.\n{body}\n© Brawm 2022\n");
        site_lines(&Page::new(&text)).unwrap()
    }

    #[test]
    fn lines_in_three_dumps_of_a_site_are_learned() {
        let dumps = [dump("Thờiloa", "Tin một"), dump("Thờiloa", "Tin hai"), dump("Thờiloa", "Tin ba")];
        let model = FurnitureModel::learn(&dumps);
        let learned = model.site(dumps[0].site).unwrap();
        assert!(learned.contains(&line_hash("Thờiloa")) && learned.contains(&line_hash("© Brawm 2023")));
        assert!(!learned.contains(&line_hash("Tin một")));
        assert!(!learned.contains(&line_hash("Một câu văn dài đủ tám chữ để thành đoạn văn.")), "prose");
        assert!(FurnitureModel::learn(&dumps[..2]).is_empty(), "two dumps are not enough");
        assert_ne!(model.fingerprint(dumps[0].site), 0);
    }
}
