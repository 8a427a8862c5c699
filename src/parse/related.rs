//! Related-article blocks of saved pages: their headers, their items, and titles a page runs
//! together on one line.

use std::collections::HashSet;

use crate::text::fold;

/// Headers of related blocks, folded ("đọc thêm" → "doc them").
const HEADERS: &[&str] = &[
    "doc them",
    "doc tiep",
    "tin lien quan",
    "bai viet lien quan",
    "ban co the quan tam",
    "tin cung chuyen muc",
    "bai lien quan",
    "xem them",
    "tin khac",
    "co the ban quan tam",
    "read more",
    "related",
    "read next",
    "read this next",
    "keep reading",
    "further reading",
    "you may also like",
    "you might also like",
    "more like this",
    "more on this story",
    "more on this topic",
    "see also",
    "go deeper",
    "more stories",
    "also read",
    "read also",
];

/// Headers of blocks that list other stories of the section or the site, not of this story.
const SITE_WIDE_HEADERS: &[&str] =
    &["tin cung chuyen muc", "bai cung chuyen muc", "xem them", "tin khac", "bai khac", "more stories"];

/// A line that is only a related-block header ("Đọc thêm", "Related:", "More on this story").
pub fn is_header(line: &str) -> bool {
    let folded = fold(line.trim().trim_end_matches(':').trim());
    HEADERS.contains(&folded.as_str()) || vietnamese_header(&folded) || english_header(&folded)
}

/// "Related posts", "Related press releases", "More HKFP coverage", "Recommended from the
/// desk": "related" before a noun of a word or two (a tag list's "Related topics" aside),
/// coverage after one, "recommended" before a source.
fn english_header(folded: &str) -> bool {
    let words: Vec<&str> = folded.split_whitespace().collect();
    let tags = |word: &str| matches!(word, "topics" | "topic" | "tags" | "searches" | "search");
    match words.as_slice() {
        ["related", noun @ ..] => (1..=2).contains(&noun.len()) && !noun.iter().any(|w| tags(w)),
        ["more", _, "coverage"] | ["more", _, _, "coverage"] => true,
        // "Recommended for you" is chosen for the reader, not for this story.
        ["recommended", "from" | "by", rest @ ..] => (1..=3).contains(&rest.len()),
        _ => false,
    }
}

/// "Tin liên quan", "Bài cùng chuyên mục", "Các bài viết khác": a noun for articles, then what
/// ties them to this one.
/// The nouns may be joined, by a comma or not ("Các tin, bài viết khác", "Tin bài liên quan"),
/// and "Cùng chuyên mục" goes without them.
fn vietnamese_header(folded: &str) -> bool {
    let mut rest = folded.strip_prefix("cac ").unwrap_or(folded);
    let mut nouns = 0;
    fn noun(rest: &str) -> Option<&str> {
        ["bai viet", "bai", "tin"].iter().find_map(|noun| {
            rest.strip_prefix(noun).filter(|after| after.is_empty() || after.starts_with([' ', ',']))
        })
    }
    while let Some(after) = noun(rest) {
        rest = after.trim_start_matches(',').trim_start();
        nouns += 1;
    }
    let tie = matches!(rest, "lien quan" | "cung chuyen muc" | "cung chu de" | "khac" | "da dang" | "da dua");
    tie && (nouns > 0 || rest.starts_with("cung "))
}

/// A header of a block of links chosen for this story (not a list of the section's news).
pub fn is_story_header(line: &str) -> bool {
    is_header(line) && !SITE_WIDE_HEADERS.contains(&fold(line.trim().trim_end_matches(':').trim()).as_str())
}

/// "Xem thêm" is also the page's "see more" button: once a block has begun, it ends the page.
pub fn is_see_more(line: &str) -> bool {
    fold(line.trim()).starts_with("xem them")
}

/// "Read more: Some title" inside a body, as an inline link; returns the title.
pub fn inline_link(line: &str) -> Option<&str> {
    // "Also Read | Some title": a pipe parts the label from the title as a colon does.
    let (label, rest) = line.split_once(':').or_else(|| line.split_once(" | "))?;
    let rest = rest.trim();
    // "MORE: Some title", "READ: Some title": the short label in capitals of an inline link,
    // never a block's header.
    // "Read more in Daily Maverick: …": the outlet's name may follow the label.
    let named = fold(label.trim()).strip_prefix("read more ").is_some_and(|outlet| {
        let outlet = outlet.strip_prefix("in ").or_else(|| outlet.strip_prefix("on ")).unwrap_or("");
        (1..=4).contains(&outlet.split_whitespace().count())
    });
    let label_ok = is_header(label)
        || named
        || matches!(label.trim(), "MORE" | "READ")
        || matches!(fold(label.trim()).as_str(), "also read" | "read also" | "read" | "see related");
    (label_ok && !rest.is_empty() && rest.len() < 300).then_some(rest)
}

/// `line` is `title` followed by a short category ("Some title Tin tức" then "Some title").
pub fn category_suffix<'a>(line: &'a str, title: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(title)?.strip_prefix(' ')?.trim();
    let words = rest.split_whitespace().count();
    (title.split_whitespace().count() >= 2 && (1..=4).contains(&words)).then_some(rest)
}

/// How a page writes its words, to split titles it ran together: the word pairs it writes
/// (as written), and the capitalised words it writes mid-sentence (names). Built in one pass.
#[derive(Default)]
pub struct PageWords {
    pairs: HashSet<(String, String)>,
    words: HashSet<String>,
    names: HashSet<String>,
    /// Capitalised words the page writes at the start of a sentence.
    starts: HashSet<String>,
}

impl PageWords {
    /// From the page's lines but the ones to split.
    pub fn new<'a>(lines: impl IntoIterator<Item = &'a str>) -> PageWords {
        let mut index = PageWords::default();
        for line in lines {
            let mut previous: Option<&str> = None;
            for word in line.split_whitespace() {
                let bare_word = bare(word);
                let sentence_start = previous.is_none_or(|before| before.ends_with(['.', '!', '?', ':']));
                if sentence_start && starts_upper(word) {
                    index.starts.insert(bare_word.to_string());
                }
                if let Some(before) = previous {
                    index.pairs.insert((bare(before).to_string(), bare_word.to_string()));
                    let mid_sentence = !before.ends_with(['.', '!', '?', ':', '"', '”']);
                    if mid_sentence && starts_upper(word) && !starts_upper(before) {
                        index.names.insert(bare_word.to_string());
                    }
                }
                index.words.insert(bare_word.to_string());
                previous = Some(word);
            }
        }
        index
    }

    /// The page writes "đổi mới" (lower case) somewhere else.
    fn writes_lower(&self, word: &str, next: Option<&str>) -> bool {
        let lower = bare(word).to_lowercase();
        match next {
            Some(next) => self.pairs.contains(&(lower, bare(next).to_string())),
            None => self.words.contains(&lower),
        }
    }
}

/// Splits titles a page ran together on one line. A title starts at a word capitalised
/// mid-line that the page itself writes in lower case elsewhere (checked with the word after
/// it), so "Đổi mới" splits where the page says "đổi mới" while "Mặt trận", capitalised
/// throughout, does not; or at a capitalised word after a lower-case one that the page never
/// writes capitalised mid-sentence (not a name) but does at the start of a sentence, when
/// both titles keep a few words.
pub fn split_run_together(line: &str, page: &PageWords) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut titles = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        let (before, word) = (words[i - 1], words[i]);
        if !starts_upper(word) || before.ends_with([':', ',', ';', '-', '–', '—']) {
            continue;
        }
        let long_enough = i - start >= MIN_TITLE_WORDS && words.len() - i >= MIN_TITLE_WORDS;
        let lower_elsewhere = page.writes_lower(word, words.get(i + 1).copied());
        let not_a_name = !starts_upper(before)
            && words.get(i + 1).is_some_and(|next| !starts_upper(next))
            && page.starts.contains(bare(word))
            && !page.names.contains(bare(word));
        if long_enough && (lower_elsewhere || not_a_name) {
            titles.push(words[start..i].join(" "));
            start = i;
        }
    }
    titles.push(words[start..].join(" "));
    titles
}

/// A title split off a run-together line keeps at least this many words.
const MIN_TITLE_WORDS: usize = 3;

fn starts_upper(word: &str) -> bool {
    word.chars().find(|c| c.is_alphanumeric()).is_some_and(char::is_uppercase)
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whole_lines_only() {
        assert!(is_header("Đọc thêm"));
        assert!(is_header("Các tin, bài viết khác") && is_header("Tin bài liên quan"));
        assert!(is_header("Cùng chuyên mục") && !is_header("Cùng nhau") && !is_header("Tinh khác"));
        assert!(is_header("Các tin đã đưa") && is_header("CÁC TIN, BÀI ĐÃ ĐĂNG"));
        assert!(is_header("Related:"));
        assert!(is_header("MORE ON THIS STORY"));
        assert!(!is_header("Đọc thêm về chính sách mới"));
        assert!(
            is_header("Related posts") && is_header("Related press releases:") && is_header("Keep reading")
        );
        assert!(is_header("More Tân Cảng coverage") && is_header("RECOMMENDED FROM THE DESK"));
        assert!(!is_header("Related topics") && !is_header("Related to the budget, the council said"));
        assert!(!is_header("Recommended for you"));
    }

    #[test]
    fn an_inline_link_names_one_title_after_its_label() {
        assert_eq!(inline_link("Also Read | Giếng cổ được đo lại"), Some("Giếng cổ được đo lại"));
        assert_eq!(inline_link("READ: Ferry fares rise"), Some("Ferry fares rise"));
        assert_eq!(inline_link("Read: Ferry fares rise"), Some("Ferry fares rise"));
        assert_eq!(inline_link("See related: Ferry fares rise"), Some("Ferry fares rise"));
        assert_eq!(inline_link("Pune | Updated: March 14, 2023"), None);
        assert_eq!(inline_link("Read more of the rules | not a link"), None);
    }

    #[test]
    fn splits_where_the_page_writes_the_word_in_lower_case() {
        let page =
            PageWords::new(["Chúng tôi cần đổi mới cách làm và khẳng định vai trò. Hội Nông dân họp."]);
        let line = "Tập huấn cán bộ Hội Nông dân trẻ Đổi mới cách tuyên truyền Khẳng định vai trò ở xã";
        assert_eq!(
            split_run_together(line, &page),
            ["Tập huấn cán bộ Hội Nông dân trẻ", "Đổi mới cách tuyên truyền", "Khẳng định vai trò ở xã"]
        );
    }

    #[test]
    fn splits_before_a_capitalised_word_that_is_no_name() {
        let page = PageWords::new(["Ba tháng sau, thư viện mở cửa ở Tân Giang. Sách về sau."]);
        let line = "Thư viện lên bản vùng cao Ba mươi năm giữ tủ sách Sách mới ở Tân Giang";
        assert_eq!(
            split_run_together(line, &page),
            ["Thư viện lên bản vùng cao", "Ba mươi năm giữ tủ sách", "Sách mới ở Tân Giang"]
        );
        let one = "Nước lên nhanh trong đêm, nhiều khu dân cư ở Huế bị chia cắt";
        assert_eq!(split_run_together(one, &page), [one]);
    }
}
