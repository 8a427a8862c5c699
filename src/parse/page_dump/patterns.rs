//! What single lines of a saved page look like: the closed sets (block headers, widget and
//! advert labels, social networks, role nouns) and the patterns (counts, credits, bylines,
//! source prefixes). Nothing here names a menu item or an outlet: menus are found by their
//! shape, in `classify`.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{ends_sentence, Line};
use crate::text::fold;

/// Site-wide lists: furniture, whatever follows them (folded; `*` ends a prefix).
const SITE_LISTS: &[&str] = &[
    "xem nhieu",
    "doc nhieu",
    "tin moi nhat",
    "tin moi",
    "moi nhat",
    "tieu diem",
    "tin noi bat",
    "tin hot",
    "most read",
    "most viewed",
    "most popular",
    "top stories",
    "features",
    "trending",
    "latest",
    "latest news",
    "sponsored content",
    "more from *",
    "more in *",
    "trending in *",
    "latest from *",
];

/// Tag and keyword lists ("TỪ KHÓA", BBC "Related Topics", Guardian "Explore more on these topics").
const TAG_HEADERS: &[&str] = &[
    "tag",
    "tags",
    "tu khoa",
    "chu de",
    "related topics",
    "explore more on these topics",
    "topics",
    "more about",
    "keywords",
];

/// Share, comment, account and reading widgets: the whole line, folded, counts removed.
const WIDGETS: &[&str] = &[
    "chia se",
    "share",
    "share this post",
    "share this article",
    "share page",
    "copy link",
    "copy link thanh cong",
    "sao chep lien ket",
    "about sharing",
    "close panel",
    "email",
    "facebook",
    "twitter",
    "zalo",
    "messenger",
    "linkedin",
    "whatsapp",
    "print",
    "in bai",
    "luu",
    "save",
    "binh luan",
    "y kien",
    "comment",
    "comments",
    "leave a comment",
    "view more comments",
    "reply",
    "tra loi",
    "thich",
    "like",
    "likes",
    "restacks",
    "theo doi",
    "follow",
    "subscribe",
    "dang ky",
    "sign in",
    "sign up",
    "dang nhap",
    "log in",
    "register",
    "listen",
    "nghe bai viet",
    "reuse this content",
    "gui binh luan",
    "xem them binh luan",
    "minute read",
    "min read",
    "phut doc",
];

/// Words of newsletter, cookie and subscription boxes.
const BOX_WORDS: &[&str] = &[
    "newsletter",
    "newsletters",
    "subscribe",
    "cookie",
    "cookies",
    "privacy",
    "ban tin",
    "nhan tin",
    "dang ky nhan",
];

/// What a line holding [`BOX_WORDS`] contains, before folding.
const BOX_HINTS: &[&str] =
    &["newsletter", "subscri", "cookie", "privacy", "bản tin", "nhận tin", "đăng ký nhận"];

/// Advert labels (the line starts with one).
const ADVERTS: &[&str] = &[
    "quang cao",
    "advertisement",
    "skip advertisement",
    "advertising",
    "sponsored",
    "supported by",
    "tai tro",
    "ads by",
];

const SOCIAL: &[&str] =
    &["facebook", "instagram", "twitter", "tiktok", "youtube", "zalo", "threads", "linkedin", "x"];

static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:\D{1,30}?\s*\(\d+\)|\d+(?:\s+\D{1,20})?|\(\d+\))$").expect("count"));
/// A photo credit: a credit word then a colon, "by" or a slash, or "Credit…" (the word's start
/// is checked apart: a leading `\b` keeps the regex from looking for its words first).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ảnh|photo|photograph|image|picture|credit)(?:\s*(?::|by\b|/)|\.\.\.|…)")
        .expect("credit")
});
/// An agency's photo credit: "REUTERS/Kim Thu".
static AGENCY_PHOTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\p{Lu}{2,}/\p{Lu}").expect("agency"));
static WIRE_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:additional )?reporting(?: and writing)? by|writing by|editing by|compiled by)\b")
        .expect("wire")
});
/// The folded line with counts and punctuation removed, for the closed sets.
fn key(text: &str) -> String {
    let folded = fold(text);
    let kept: String = folded.chars().map(|c| if c.is_alphabetic() || c == '\'' { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn in_set(set: &[&str], key: &str) -> bool {
    set.iter().any(|entry| match entry.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix) && key.len() > prefix.len(),
        None => *entry == key,
    })
}

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
    {
        return Shape::Separator;
    }
    let lower = text.to_lowercase();
    // "Harbourline © 2022": a site's name and year is a copyright line too.
    let short_copyright = line.words <= 6 && text.contains('©');
    if text.starts_with('©') || lower.starts_with("copyright") || short_copyright {
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
    if (line.words <= 6 || call)
        && !ends_sentence(text)
        && (in_set(WIDGETS, &key) || starts_with_widget(&key))
    {
        return Shape::Widget;
    }
    if is_follow_us(&key) {
        return Shape::FollowUs;
    }
    Shape::Other
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
    if in_set(SITE_LISTS, key) && starts_upper {
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
        "xem them binh luan",
        "gui binh luan",
        "share on ",
        "listen to ",
    ]
    .iter()
    .any(|prefix| key.starts_with(prefix))
}

fn is_follow_us(key: &str) -> bool {
    (key.starts_with("follow ") || key.starts_with("theo doi "))
        && key.split(' ').any(|word| SOCIAL.contains(&word) && word != "x")
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

/// A caption with its photo credit ("… Ảnh: Hoài Thương", "… Photograph: …", "REUTERS/…").
pub fn has_credit(text: &str) -> bool {
    text.split_whitespace().count() <= 70 && credit_at(text).is_some()
}

/// Where the first photo credit of `text` starts.
fn credit_at(text: &str) -> Option<usize> {
    let word_start = |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
    let credit = CREDIT.find_iter(text).map(|found| found.start()).find(|&at| word_start(at));
    let agency = || text.contains('/').then(|| AGENCY_PHOTO.find(text).map(|found| found.start())).flatten();
    credit.or_else(agency)
}

/// A credit on a line of its own ("Ảnh: Hoài Thương", "Credit...Jane Doe").
pub fn is_credit_only(text: &str) -> bool {
    credit_at(text).is_some_and(|at| at <= 1) && text.split_whitespace().count() <= 8
}

/// A photographer and outlet on a line of their own: "Corinne Vasquez/CNN".
pub fn is_slash_credit(text: &str) -> bool {
    let Some((name, outlet)) = text.rsplit_once('/') else { return false };
    let capitalised = |part: &str| {
        let words: Vec<&str> = part.split_whitespace().collect();
        !words.is_empty() && words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
    };
    capitalised(name) && capitalised(outlet) && !ends_sentence(text)
}

/// "Updated 2 days ago", "Cập nhật 14/04/2022": a time that is not the publication's.
pub fn is_update_label(text: &str) -> bool {
    // The label is at the start: fold only that.
    let start: String = text.chars().take(16).collect();
    let folded = fold(&start);
    ["cap nhat", "updated", "update", "last modified", "sua doi", "chinh sua"]
        .iter()
        .any(|l| folded.starts_with(l))
}

/// "Published", "Ngày đăng:": a label whose date is on the next line.
pub fn is_publication_label(text: &str) -> bool {
    text.len() <= 24
        && matches!(
            key(text).as_str(),
            "published" | "ngay dang" | "dang luc" | "posted" | "dang ngay" | "first published"
        )
}

/// Tags written on one line: "Từ khóa: a · b · c", "See more on: a, b".
pub fn inline_tags(text: &str) -> Option<Vec<String>> {
    let (label, rest) = text.split_once(':')?;
    let label = key(label);
    if !(in_set(TAG_HEADERS, &label) || label == "see more on" || label == "xem them ve") {
        return None;
    }
    let tags: Vec<String> =
        rest.split(['·', ',', ';', '|']).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect();
    (!tags.is_empty() && tags.len() <= 20).then_some(tags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::page_dump::lines::Page;

    fn shape_of(text: &str) -> Shape {
        shape(&Page::new(text).lines[0])
    }

    #[test]
    fn closed_sets_and_patterns() {
        assert_eq!(shape_of("Most read"), Shape::SiteList);
        assert_eq!(shape_of("More from Reuters"), Shape::SiteList);
        assert_eq!(shape_of("TIN LIÊN QUAN"), Shape::RelatedHeader);
        assert_eq!(shape_of("More on this story"), Shape::RelatedHeader);
        assert_eq!(shape_of("TỪ KHÓA"), Shape::TagHeader);
        assert_eq!(shape_of("Bình luận (0)"), Shape::Count);
        assert_eq!(shape_of("31 Likes"), Shape::Count);
        assert_eq!(shape_of("Advertisement · Scroll to continue"), Shape::Advert);
        assert_eq!(shape_of("Copy link thành công"), Shape::Widget);
        assert_eq!(shape_of("Theo dõi Thanh Niên trên"), Shape::Widget);
        assert_eq!(shape_of("aA"), Shape::FontWidget);
        assert_eq!(shape_of("___"), Shape::Separator);
        assert_eq!(shape_of("Reporting by Ana Belmonte; Editing by Mark Otieno"), Shape::WireCredit);
        assert_eq!(shape_of("Follow BBC Hartshire on Facebook and Instagram."), Shape::FollowUs);
        assert_eq!(shape_of("Share prices fall as rates rise"), Shape::Other);
        assert_eq!(shape_of("SKIP ADVERTISEMENT"), Shape::Advert);
        assert_eq!(shape_of("Harbourline © 2022"), Shape::Copyright);
        assert_eq!(shape_of("Sign up to our free morning headlines email"), Shape::Widget);
        assert!(is_slash_credit("Corinne Vasquez/CNN") && !is_slash_credit("Giá 90.000 đồng/kg"));
        assert_eq!(
            shape_of("The note ran on Page 18. Order Reprints | Today's Paper | Subscribe"),
            Shape::Widget
        );
    }

    #[test]
    fn credits_and_inline_tags() {
        assert!(
            has_credit("Cảnh sát phân luồng. Ảnh: Hoài Thương") && has_credit("Tàu ở cảng. REUTERS/Kim Thu")
        );
        assert!(!has_credit("Giá 90.000 đồng/kg, thấp nhất từ đầu mùa"));
        assert!(is_credit_only("Credit...Jane Doe") && !is_credit_only("Tàu ở cảng. Ảnh: X"));
        assert_eq!(inline_tags("Từ khóa: Chợ nổi · Du lịch").unwrap(), ["Chợ nổi", "Du lịch"]);
    }
}
