//! Related-article blocks of saved pages: their headers, their items, and titles a page runs
//! together on one line.

use crate::article::RelatedLink;
use crate::text::fold;

/// Headers of related blocks, folded ("đọc thêm" → "doc them").
const HEADERS: &[&str] = &[
    "doc them",
    "tin lien quan",
    "tin cung chuyen muc",
    "bai lien quan",
    "xem them",
    "tin khac",
    "co the ban quan tam",
    "read more",
    "related",
    "related articles",
    "related stories",
    "related news",
    "more on this story",
    "see also",
    "more stories",
    "related coverage",
    "you may also like",
    "you might also like",
    "doc tiep",
];

/// Headers of blocks that list other stories of the section or the site, not of this story.
const SITE_WIDE_HEADERS: &[&str] = &["tin cung chuyen muc", "xem them", "tin khac", "more stories"];

/// A line that is only a related-block header ("Đọc thêm", "Related:", "More on this story").
pub fn is_header(line: &str) -> bool {
    let folded = fold(line.trim().trim_end_matches(':').trim());
    HEADERS.contains(&folded.as_str())
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
    let (label, rest) = line.split_once(':')?;
    let rest = rest.trim();
    (is_header(label) && !rest.is_empty() && rest.len() < 300).then_some(rest)
}

/// Parses the non-blank lines of a related section, which may hold several blocks.
/// Understands "Title Category / Title / Summary" items (the page shows the title with its
/// category, then the title again, then a summary), title-only items and title + summary items.
pub fn parse_block(lines: &[&str]) -> Vec<RelatedLink> {
    let mut links: Vec<RelatedLink> = Vec::new();
    let mut started = false;
    let mut index = 0;
    while index < lines.len() {
        let line = lines[index].trim();
        index += 1;
        if is_see_more(line) && (started || !is_header(line)) {
            break;
        }
        if is_header(line) {
            started = true;
            continue;
        }
        started = true;
        if let Some(category) = lines.get(index).and_then(|next| category_suffix(line, next.trim())) {
            let mut link = RelatedLink::titled(lines[index].trim());
            link.category = Some(category.to_string());
            index += 1;
            if let Some(summary) = lines.get(index).map(|s| s.trim()) {
                let next_is_item =
                    lines.get(index + 1).is_some_and(|n| category_suffix(summary, n.trim()).is_some());
                if !next_is_item && !is_header(summary) && !is_see_more(summary) {
                    link.summary = Some(summary.to_string());
                    index += 1;
                }
            }
            links.push(link);
        } else if is_summary(line) && links.last().is_some_and(|link| link.summary.is_none()) {
            if let Some(last) = links.last_mut() {
                last.summary = Some(line.to_string());
            }
        } else {
            links.push(RelatedLink::titled(line));
        }
    }
    links
}

/// `line` is `title` followed by a short category ("Some title Tin tức" then "Some title").
fn category_suffix<'a>(line: &'a str, title: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(title)?.strip_prefix(' ')?.trim();
    let words = rest.split_whitespace().count();
    (title.split_whitespace().count() >= 2 && (1..=4).contains(&words)).then_some(rest)
}

/// A summary reads as a sentence: it ends with one, or it is long.
fn is_summary(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (words >= 8 && line.trim_end_matches(['"', '”', '\'', ')']).ends_with(['.', '…', '!', '?']))
        || words >= 25
}

/// Splits titles a page ran together on one line. A title starts at a word capitalised
/// mid-line that the page itself writes in lower case elsewhere — checked with the word after
/// it, so "Đổi mới" splits where the page says "đổi mới", while "Mặt trận", capitalised
/// throughout, does not.
pub fn split_run_together(line: &str, rest_of_page: &str) -> Vec<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let mut titles = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        if !starts_upper(words[i]) {
            continue;
        }
        let probe = match words.get(i + 1) {
            Some(next) => format!("{} {}", words[i].to_lowercase(), bare(next)),
            None => words[i].to_lowercase(),
        };
        if contains_words(rest_of_page, bare(&probe)) {
            titles.push(words[start..i].join(" "));
            start = i;
        }
    }
    titles.push(words[start..].join(" "));
    titles
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// `needle` occurs in `haystack` as whole words, case-sensitively.
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_whole_lines_only() {
        assert!(is_header("Đọc thêm"));
        assert!(is_header("Related:"));
        assert!(is_header("MORE ON THIS STORY"));
        assert!(!is_header("Đọc thêm về chính sách mới"));
    }

    #[test]
    fn splits_where_the_page_writes_the_word_in_lower_case() {
        let page = "Chúng tôi cần đổi mới cách làm và khẳng định vai trò. Hội Nông dân họp.";
        let line = "Tập huấn cán bộ Hội Nông dân trẻ Đổi mới cách tuyên truyền Khẳng định vai trò ở xã";
        assert_eq!(
            split_run_together(line, page),
            ["Tập huấn cán bộ Hội Nông dân trẻ", "Đổi mới cách tuyên truyền", "Khẳng định vai trò ở xã"]
        );
    }

    #[test]
    fn items_with_category_title_and_summary() {
        let lines = [
            "Đọc thêm",
            "Mở tuyến buýt điện mới Tin tức",
            "Mở tuyến buýt điện mới",
            "Tuyến buýt nối hai quận sẽ chạy từ tháng sau.",
            "Chợ hoa ven sông Xã hội",
            "Chợ hoa ven sông",
            "Chợ mở cửa đến rằm tháng Giêng",
            "Xem thêm",
            "Tin mới nhất",
        ];
        let links = parse_block(&lines);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].title, "Mở tuyến buýt điện mới");
        assert_eq!(links[0].category.as_deref(), Some("Tin tức"));
        assert_eq!(links[1].summary.as_deref(), Some("Chợ mở cửa đến rằm tháng Giêng"));
    }

    #[test]
    fn title_only_and_title_summary_items() {
        let lines = [
            "Tin liên quan",
            "Cầu mới thông xe",
            "Người dân vui mừng khi cây cầu được hoàn thành sau hai năm.",
            "Đường ven hồ",
        ];
        let links = parse_block(&lines);
        assert_eq!(
            links.iter().map(|l| l.title.as_str()).collect::<Vec<_>>(),
            ["Cầu mới thông xe", "Đường ven hồ"]
        );
        assert!(links[0].summary.is_some());
    }
}
