//! Furniture learned from a library: the saved pages of one site share their menus, footers,
//! widgets and block headers, whatever words they use. A site is the dumps that share their
//! first and last lines (digits ignored: a footer's year changes). What recurs in at least
//! [`MIN_DUMPS`] of a site's dumps, and in a fifth of them, is furniture for every dump of that
//! site: a short line (a few words: a menu item, a widget, an advert label), or a line that is
//! not prose together with the line beside it (a footer, a newsletter box: furniture comes in
//! runs). A longer line alone is not enough: a headline that several pages link to recurs too,
//! beside other lines each time.
//!
//! Learning needs only each dump's [`SiteLines`] (hashes of its normalised short lines and
//! line pairs), so the index keeps those and re-learns one site when one of its dumps changes.

use std::collections::{HashMap, HashSet};

use xxhash_rust::xxh3::xxh3_64;

use super::lines::{Line, Page};

/// A line must recur in this many dumps of a site to be furniture.
pub const MIN_DUMPS: usize = 3;
/// Hashes of one dump that take part in learning: furniture is at the top and the bottom of a
/// page, and this bounds what the index keeps for a very long one.
const MAX_LINES_FROM_EACH_END: usize = 300;
/// A line this short is learned alone; a longer one only with a neighbour.
const SHORT_WORDS: usize = 4;

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

/// Whether a line may be learned as furniture: not prose, not long.
fn learnable(line: &Line) -> bool {
    !line.is_prose() && line.words <= 24
}

/// What a page offers learning, line by line: the hash of the line alone (short lines), and of
/// the line with the next one (both learnable). Computed once per page.
pub struct Keys {
    single: Vec<Option<u64>>,
    pair: Vec<Option<u64>>,
}

impl Keys {
    pub fn new(page: &Page) -> Keys {
        let normalised: Vec<Option<String>> =
            page.lines.iter().map(|line| learnable(line).then(|| normalise(line.text))).collect();
        let single = page
            .lines
            .iter()
            .zip(&normalised)
            .map(|(line, text)| {
                text.as_ref().filter(|_| line.words <= SHORT_WORDS).map(|t| xxh3_64(t.as_bytes()))
            })
            .collect();
        let pair = (0..normalised.len())
            .map(|at| match (&normalised[at], normalised.get(at + 1)) {
                (Some(this), Some(Some(next))) => Some(xxh3_64(format!("{this}\n{next}").as_bytes())),
                _ => None,
            })
            .collect();
        Keys { single, pair }
    }

    /// Whether line `at` is furniture by `learned`: alone, or with a neighbour.
    pub fn learned(&self, learned: &HashSet<u64>, at: usize) -> bool {
        let known =
            |key: Option<&Option<u64>>| key.copied().flatten().is_some_and(|hash| learned.contains(&hash));
        known(self.single.get(at)) || known(self.pair.get(at)) || (at > 0 && known(self.pair.get(at - 1)))
    }

    fn all(&self) -> impl Iterator<Item = u64> + '_ {
        self.single.iter().zip(&self.pair).flat_map(|(single, pair)| single.iter().chain(pair).copied())
    }
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
    let keys: Vec<u64> = Keys::new(page).all().collect();
    let mut lines = if keys.len() > 2 * MAX_LINES_FROM_EACH_END {
        let (head, tail) = keys.split_at(MAX_LINES_FROM_EACH_END);
        [head, &tail[tail.len() - MAX_LINES_FROM_EACH_END..]].concat()
    } else {
        keys
    };
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

    /// A dump of the site whose related box lists `related` then another title.
    fn dump(menu: &str, related: &str, other: &str) -> Page<'static> {
        let text = format!(
            "BRAWM\n{menu}\nMột câu văn dài đủ tám chữ để thành đoạn văn.\n{related}\n{other}\n\
             Một câu văn khác cũng đủ dài để thành đoạn.\nTòa soạn ở số bảy phố Quỳnh, phường Lạc\n© Brawm 2022\n"
        );
        Page::new(Box::leak(text.into_boxed_str()))
    }

    #[test]
    fn short_lines_and_runs_in_three_dumps_of_a_site_are_learned() {
        let headline = "Chợ hoa Đông Vạn dời về bãi sông ven đô";
        let pages = [
            dump("Thờiloa", headline, "Phố Hàng Vạn cấm xe tải nhỏ từ 5 giờ sáng"),
            dump("Thờiloa", headline, "Nhà vườn ngoại thành vào mùa hoa cúc"),
            dump("Thờiloa", headline, "Những gánh hàng rong sống cùng đêm Đông Vạn"),
        ];
        let dumps: Vec<SiteLines> = pages.iter().map(|page| site_lines(page).unwrap()).collect();
        let model = FurnitureModel::learn(&dumps);
        let learned = model.site(dumps[0].site).unwrap();
        let keys = Keys::new(&pages[0]);
        let texts: Vec<&str> =
            (0..pages[0].len()).filter(|&at| keys.learned(learned, at)).map(|at| pages[0].text(at)).collect();
        // The headline recurs, but beside other lines each time: not furniture. The footer's
        // long line is, with the line under it.
        assert_eq!(texts, ["BRAWM", "Thờiloa", "Tòa soạn ở số bảy phố Quỳnh, phường Lạc", "© Brawm 2022"]);
        assert!(FurnitureModel::learn(&dumps[..2]).is_empty(), "two dumps are not enough");
        assert_ne!(model.fingerprint(dumps[0].site), 0);
    }
}
