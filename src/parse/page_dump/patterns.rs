//! What single lines of a saved page look like, checked against the closed sets (`closed_sets`:
//! block headers, widget and advert labels, social networks) and the patterns (counts, credits, bylines,
//! source prefixes). Nothing here names a menu item or an outlet: menus are found by their
//! shape, in `classify`.

use std::sync::LazyLock;

use regex::Regex;

use super::closed_sets::{
    in_set, key, ADVERTS, BOX_HINTS, BOX_WORDS, SITE_LISTS, SOCIAL, SUBSCRIPTION_HINTS, TAG_HEADERS, WIDGETS,
};
use super::lines::{ends_sentence, Line};
use crate::article::Published;
use crate::parse::dates::{find_date, find_time};
use crate::text::fold;

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\D{1,30}?\s*\(\d+\)|\d+(?:\s+\D{1,20})?|\(\d+\)|\D{1,30}?:\s*\d{1,3}(?:[.,]\d{3})*)$")
        .expect("count")
});
static WIRE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:additional )?reporting(?: and writing)? by|writing by|editing by|compiled by|contributing:|.{0,80}\bcontributed (?:to this report|reporting)\.?$)")
        .expect("wire")
});
/// What a short line is by itself, before its neighbours are looked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    SiteList,
    RelatedHeader,
    TagHeader,
    Widget,
    FontWidget,
    Count,
    Advert,
    Copyright,
    WireCredit,
    Separator,
    FollowUs,
    ImageSource,
    CaptionLabel,
    Other,
}

impl Shape {
    pub fn describe(self) -> &'static str {
        match self {
            Shape::SiteList => "header of a site-wide list",
            Shape::RelatedHeader => "header of a related block",
            Shape::TagHeader => "header of a tag list",
            Shape::Widget => "share, comment or account widget",
            Shape::FontWidget => "font-size widget",
            Shape::Count => "a count or reading time",
            Shape::Advert => "advert label",
            Shape::Copyright => "copyright line",
            Shape::WireCredit => "wire credit: the article has ended",
            Shape::Separator => "separator: the article has ended",
            Shape::FollowUs => "follow-us line",
            Shape::ImageSource => "image credit label",
            Shape::CaptionLabel => "caption label",
            Shape::Other => "no pattern",
        }
    }
}

pub fn shape(line: &Line) -> Shape {
    let text = line.text;
    if ends_with_link_bar(text) {
        return Shape::Widget;
    }
    if !line.is_short() {
        return Shape::Other;
    }
    if is_font_widget(text) {
        return Shape::FontWidget;
    }
    if text.chars().count() >= 3 && text.chars().all(|c| matches!(c, '_' | '-' | '—' | '–' | '*' | '=' | '·'))
        || super::closed_sets::release_end(text)
    {
        return Shape::Separator;
    }
    let lower = text.to_lowercase();
    // "Harbourline © 2022": a site's name and year is a copyright line too.
    let short_copyright = line.words <= 6 && text.contains('©');
    if text.starts_with('©')
        || lower.starts_with("copyright")
        || short_copyright
        || is_legal_footer(&lower, line.words)
    {
        return Shape::Copyright;
    }
    if WIRE_CREDIT.is_match(text) {
        return Shape::WireCredit;
    }
    if lower.starts_with("image source") {
        return Shape::ImageSource;
    }
    if lower.starts_with("image caption") {
        return Shape::CaptionLabel;
    }
    let follow = lower.starts_with("follow ") || lower.starts_with("theo dõi ");
    // "Sign up for our free … email": a newsletter's call, longer than a widget label.
    let call = line.words <= 16
        && ["sign up ", "subscribe to ", "đăng ký nhận "].iter().any(|c| lower.starts_with(c));
    if line.words > 6 && !follow && !call {
        return Shape::Other;
    }
    // The closed sets: only short lines (and "follow us" lines) are folded.
    let key = key(text);
    if let Some(header) = header_shape(text, &key, line.words) {
        return header;
    }
    if ADVERTS.iter().any(|advert| key.starts_with(advert)) && line.words <= 6 {
        return Shape::Advert;
    }
    if line.words <= 4 && COUNT.is_match(text) {
        return Shape::Count;
    }
    // A newsletter's call may end with a full stop ("… in your inbox.").
    if (call || (line.words <= 6 && !ends_sentence(text)))
        && (in_set(WIDGETS, &key) || starts_with_widget(&key))
    {
        return Shape::Widget;
    }
    if is_follow_us(&key) {
        return Shape::FollowUs;
    }
    Shape::Other
}

/// The lines a Vietnamese news site must print in its footer (its owner, editor, licence,
/// office): "Cơ quan chủ quản: …", "Giấy phép số 88/GP-BTTTT …". `lower` is the line in lower case.
fn is_legal_footer(lower: &str, words: usize) -> bool {
    const LABELS: &[&str] = &[
        "cơ quan chủ quản",
        "tổng biên tập",
        "phó tổng biên tập",
        "giấy phép",
        "tòa soạn",
        "toà soạn",
        "trụ sở",
        "chịu trách nhiệm",
        "bản quyền thuộc",
    ];
    // The label, at most two words more ("Chịu trách nhiệm nội dung:"), then a colon; or a
    // licence number.
    let labelled = |rest: &str| {
        rest.split_once(':').is_some_and(|(between, _)| between.split_whitespace().count() <= 2)
            || rest.contains("/gp")
    };
    words <= 20 && LABELS.iter().any(|label| lower.strip_prefix(label).is_some_and(labelled))
}

/// "… Order Reprints | Today's Paper | Subscribe": a line that ends in a bar of short links.
fn ends_with_link_bar(text: &str) -> bool {
    let parts: Vec<&str> = text.split(" | ").collect();
    let short = |part: &&str| (1..=3).contains(&part.split_whitespace().count());
    parts.len() >= 3 && parts[parts.len() - 2..].iter().all(short)
}

/// The header of a block: tags, a site-wide list, related links (`key` is the folded line).
fn header_shape(text: &str, key: &str, words: usize) -> Option<Shape> {
    if words > 6 {
        return None;
    }
    if in_set(TAG_HEADERS, key) {
        return Some(Shape::TagHeader);
    }
    let starts_upper = super::lines::first_letter(text).is_some_and(char::is_uppercase);
    // "Đọc nhiều nhất", "Top News Today": a list's header with "most" or "today" after it.
    let list_key = key.strip_suffix(" nhat").or_else(|| key.strip_suffix(" today")).unwrap_or(key);
    // "Popular dishes:" introduces a list of the article's own: a site's list is not a sentence's.
    if in_set(SITE_LISTS, list_key) && starts_upper && !text.ends_with(':') {
        return Some(Shape::SiteList);
    }
    (super::super::related::is_header(text) || key.starts_with("more on ")).then_some(Shape::RelatedHeader)
}

/// Whether a line alone says the text is a saved page: a block header, or a comment count
/// ("Bình luận (0)"). Cheap enough for every short line of every text file.
pub fn names_a_block(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words > 6 {
        return false;
    }
    let key = key(text);
    header_shape(text, &key, words).is_some() || (text.ends_with(')') && words <= 4 && COUNT.is_match(text))
}

/// "Theo dõi Thanh Niên trên", "Xem thêm bình luận": a widget phrase and a few words.
fn starts_with_widget(key: &str) -> bool {
    [
        "theo doi ",
        "follow ",
        "subscribe ",
        "sign in ",
        "sign up ",
        "log in ",
        "xem them binh luan",
        "gui binh luan",
        "share on ",
        "listen to ",
        "skip to ",
        "skip next ",
        "skip navigation",
    ]
    .iter()
    .any(|prefix| key.starts_with(prefix))
}

fn is_follow_us(key: &str) -> bool {
    (key.starts_with("follow ") || key.starts_with("theo doi "))
        && key.split(' ').any(|word| SOCIAL.contains(&word) && word != "x")
}

/// The header of the comments ("Bình luận", "Ý kiến bạn đọc", "Comments"): the article is over
/// when it comes after the body.
pub fn is_comments_header(text: &str) -> bool {
    text.split_whitespace().count() <= 4
        && !ends_sentence(text)
        && matches!(
            key(text).as_str(),
            "binh luan"
                | "y kien"
                | "y kien ban doc"
                | "comments"
                | "comment"
                | "your comments"
                | "reader comments"
                | "readers comments"
                | "readers' comments"
                | "show comments"
                | "view comments"
        )
}

/// The "aa" / "aA" / "A+ A-" font-size widget.
pub fn is_font_widget(text: &str) -> bool {
    text.len() <= 6 && text.to_lowercase().chars().all(|c| matches!(c, 'a' | '+' | '-' | ' ' | '−'))
}

/// A line of a newsletter, cookie or subscription box.
pub fn has_box_words(text: &str) -> bool {
    // Folding is dear: first a look for the words as pages write them.
    let lower = text.to_lowercase();
    if !BOX_HINTS.iter().any(|hint| lower.contains(hint)) {
        return false;
    }
    let padded = format!(" {} ", key(text));
    BOX_WORDS.iter().any(|word| {
        padded
            .match_indices(word)
            .any(|(at, _)| padded[..at].ends_with(' ') && padded[at + word.len()..].starts_with(' '))
    })
}

/// A newsletter's or a subscription's words (not a cookie or privacy notice's, which an article
/// may discuss).
pub fn asks_to_subscribe(text: &str) -> bool {
    let lower = text.to_lowercase();
    SUBSCRIPTION_HINTS.iter().any(|hint| lower.contains(hint))
}

/// The date on line `at` is an update time: its line says so, or the label right before the date
/// does ("Pune | Updated: March 14, …"), or "Updated" stands alone on the line above it.
pub fn is_update_line(lines: &[Line], at: usize) -> bool {
    let line = &lines[at];
    let label_before = line.date.as_ref().is_some_and(|date| {
        date.before
            .rsplit(['|', '·'])
            .next()
            .is_some_and(|part| !part.trim().is_empty() && is_update_label(part))
    });
    let label_above = at > 0 && {
        let above = &lines[at - 1];
        above.words <= 2 && above.date.is_none() && is_update_label(above.text)
    };
    is_update_label(line.text) || label_before || label_above
}

/// "First published on: March 14, 2023 at 08:12 IST" (under the body), "Updated … 9.41am, first
/// published at 5.00am" (on the update's line): the first publication the page names, a date or
/// a time on the day of `line_date`.
pub fn first_published(text: &str, line_date: Option<&Published>) -> Option<Published> {
    const LABEL: &str = "first published";
    let at = text.to_ascii_lowercase().find(LABEL)?;
    let rest = text[at + LABEL.len()..].trim_start_matches([' ', ':']);
    let rest = rest.strip_prefix("on").map_or(rest, |rest| rest.trim_start_matches([' ', ':']));
    if let Some(found) = find_date(rest) {
        return Some(found.published);
    }
    let (time, offset) = find_time(rest.trim_end_matches('.'))?;
    let day = line_date?;
    Some(Published { date: day.date, time: Some(time), offset: offset.or(day.offset) })
}

/// "Updated 2 days ago", "Cập nhật 14/04/2022": a time that is not the publication's.
pub fn is_update_label(text: &str) -> bool {
    // The label is at the start: fold only that.
    // "and last updated 6:10 PM": the joining word and "last" say nothing more.
    // "/ Updated June 14, …": the label after the date's separator.
    let text = text.trim_start_matches(['/', '|', '·', '•', '-', '–', '—', ' ']);
    let start: String = text.chars().take(24).collect();
    let folded = fold(&start);
    let folded = folded.strip_prefix("and ").unwrap_or(&folded);
    let folded = folded.strip_prefix("last ").unwrap_or(folded);
    ["cap nhat", "updated", "update", "last modified", "modified", "sua doi", "chinh sua"]
        .iter()
        .any(|l| folded.starts_with(l))
}

/// "Published", "Ngày đăng:": a label whose date is on the next line.
pub fn is_publication_label(text: &str) -> bool {
    text.len() <= 24
        && matches!(
            key(text).as_str(),
            "published"
                | "published on"
                | "published at"
                | "ngay dang"
                | "dang luc"
                | "posted"
                | "posted on"
                | "posted at"
                | "dang ngay"
                | "first published"
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::page_dump::lines::Page;

    fn shape_of(text: &str) -> Shape {
        shape(&Page::new(text).lines[0])
    }

    #[test]
    fn update_times_and_the_first_publication() {
        let page = Page::new(
            "Updated\nApr 14, 2022, 06:35 PM\nPune | Updated: March 14, 2023 10:42 IST\nApr 14, 2022",
        );
        assert!(is_update_line(&page.lines, 1) && is_update_line(&page.lines, 2));
        assert!(!is_update_line(&page.lines, 3));
        let first = first_published("First published on: March 14, 2023 at 08:12 IST", None).unwrap();
        assert_eq!(
            (first.date.to_string(), first.time.map(|t| t.to_string())),
            ("2023-03-14".into(), Some("08:12:00".into()))
        );
        let day = Published::date(chrono::NaiveDate::from_ymd_opt(2023, 6, 14).unwrap());
        let first =
            first_published("Updated June 14, 2023 — 9.41am, first published at 5.00am", Some(&day)).unwrap();
        assert_eq!(first.time.map(|t| t.to_string()), Some("05:00:00".into()));
        assert!(first_published("Published June 14, 2023", Some(&day)).is_none());
    }

    #[test]
    fn closed_sets_and_patterns() {
        assert_eq!(shape_of("Most read"), Shape::SiteList);
        assert_ne!(shape_of("Popular dishes:"), Shape::SiteList);
        assert_eq!(shape_of("More from Reuters"), Shape::SiteList);
        assert_eq!(shape_of("TIN LIÊN QUAN"), Shape::RelatedHeader);
        assert_eq!(shape_of("More on this story"), Shape::RelatedHeader);
        assert_eq!(shape_of("TỪ KHÓA"), Shape::TagHeader);
        assert_eq!(shape_of("Bình luận (0)"), Shape::Count);
        assert_eq!(shape_of("31 Likes"), Shape::Count);
        assert_eq!(shape_of("Lượt xem: 1.284"), Shape::Count);
        assert_ne!(shape_of("Ngày: 14.04.2022"), Shape::Count);
        assert_eq!(shape_of("Advertisement · Scroll to continue"), Shape::Advert);
        assert_eq!(shape_of("Copy link thành công"), Shape::Widget);
        assert_eq!(shape_of("Theo dõi Thanh Niên trên"), Shape::Widget);
        assert_eq!(shape_of("aA"), Shape::FontWidget);
        assert_eq!(shape_of("___"), Shape::Separator);
        assert_eq!(shape_of("Reporting by Ana Belmonte; Editing by Mark Otieno"), Shape::WireCredit);
        assert_eq!(shape_of("Follow BBC Hartshire on Facebook and Instagram."), Shape::FollowUs);
        assert_eq!(shape_of("Theo dõi Báo Giao thông trên Google News"), Shape::FollowUs);
        assert_eq!(shape_of("Share prices fall as rates rise"), Shape::Other);
        assert_eq!(shape_of("SKIP ADVERTISEMENT"), Shape::Advert);
        assert_eq!(shape_of("Harbourline © 2022"), Shape::Copyright);
        assert_eq!(shape_of("Cơ quan chủ quản: Thành ủy Lạc Hà"), Shape::Copyright);
        assert_eq!(shape_of("Giấy phép số 120/GP-BTTTT"), Shape::Copyright);
        assert_eq!(shape_of("Giấy phép xây dựng được cấp trong ba tháng"), Shape::Other);
        assert_eq!(shape_of("Tòa soạn thử dùng trí tuệ nhân tạo: nhanh hơn"), Shape::Other);
        assert_eq!(shape_of("Đọc nhiều nhất"), Shape::SiteList);
        assert_eq!(shape_of("Top News Today"), Shape::SiteList);
        assert_eq!(shape_of("Bài cùng chuyên mục"), Shape::RelatedHeader);
        assert_eq!(shape_of("Contributing: Aaron Pike, USA TODAY"), Shape::WireCredit);
        assert_eq!(shape_of("ABC News' Theo Brandt contributed to this report."), Shape::WireCredit);
        assert_eq!(shape_of("Sign up to our free morning headlines email"), Shape::Widget);
        assert_eq!(
            shape_of("The note ran on Page 18. Order Reprints | Today's Paper | Subscribe"),
            Shape::Widget
        );
    }
}
