//! The closed sets a page-dump line is checked against (block headers, widget and advert labels,
//! box words, social networks) and the folded key they are compared on.

use super::lines::ends_sentence;
use crate::text::fold;

/// Site-wide lists: furniture, whatever follows them (folded; `*` ends a prefix).
pub(super) const SITE_LISTS: &[&str] = &[
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
    "top news",
    "popular",
    "popular *",
    "features",
    "trending",
    "latest",
    "latest news",
    "sponsored content",
    "more from *",
    "more in *",
    "trending in *",
    "latest from *",
    "keep reading",
];

/// Tag and keyword lists ("TỪ KHÓA", BBC "Related Topics", Guardian "Explore more on these topics").
pub(super) const TAG_HEADERS: &[&str] = &[
    "tag",
    "tags",
    "tu khoa",
    "chu de",
    "related topics",
    "explore more on these topics",
    "explore the topic",
    "topics",
    "more about",
    "keywords",
    "filed under",
    "labels",
    "topics in this article",
    "related search",
    "related searches",
];

/// Share, comment, account and reading widgets: the whole line, folded, counts removed.
pub(super) const WIDGETS: &[&str] = &[
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
    "y kien ban doc",
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
    "read later",
    "show caption",
    "hide caption",
    "co chu",
    "minute read",
    "min read",
    "phut doc",
];

/// Words of newsletter, cookie and subscription boxes.
pub(super) const BOX_WORDS: &[&str] = &[
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
pub(super) const BOX_HINTS: &[&str] =
    &["newsletter", "subscri", "cookie", "privacy", "bản tin", "nhận tin", "đăng ký nhận"];

/// What a call to subscribe contains, before folding.
pub(super) const SUBSCRIPTION_HINTS: &[&str] = &["newsletter", "subscri", "bản tin", "đăng ký nhận"];

/// Advert labels (the line starts with one).
pub(super) const ADVERTS: &[&str] = &[
    "quang cao",
    "advertisement",
    "skip advertisement",
    "advertising",
    "sponsored",
    "supported by",
    "tai tro",
    "ads by",
    "in partnership with",
    "presented by",
    "article continues below",
    "story continues below",
    "continue reading below",
];

pub(super) const SOCIAL: &[&str] =
    &["facebook", "instagram", "twitter", "tiktok", "youtube", "zalo", "threads", "linkedin", "x", "google"];

/// The folded line with counts and punctuation removed, for the closed sets.
pub(super) fn key(text: &str) -> String {
    let folded = fold(text);
    let kept: String = folded.chars().map(|c| if c.is_alphabetic() || c == '\'' { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn in_set(set: &[&str], key: &str) -> bool {
    set.iter().any(|entry| match entry.strip_suffix('*') {
        Some(prefix) => key.starts_with(prefix) && key.len() > prefix.len(),
        None => *entry == key,
    })
}

/// The end of a press release's text: "ENDS", "-ENDS-", "###", "-30-".
pub(super) fn release_end(text: &str) -> bool {
    let text = text.trim();
    let core = text.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ' '));
    core == "ENDS"
        || (core == "30" && core.len() < text.len())
        || (text.len() >= 3 && text.chars().all(|c| c == '#' || c == ' '))
}

/// What a release or an organisation's page closes with, after the article: "Notes to editors",
/// or "About Westbrook Health" over "Westbrook Health is …" (the name it is about opens the
/// next line).
pub(super) fn boilerplate_header(text: &str, next: Option<&str>) -> bool {
    // Most lines start otherwise: asked before the line is folded.
    let start = text.trim_start().get(..4).unwrap_or("").to_ascii_lowercase();
    if !matches!(start.as_str(), "note" | "edit" | "abou") {
        return false;
    }
    let key = key(text);
    if matches!(key.as_str(), "notes to editors" | "note to editors" | "editor's note" | "editors' note") {
        return next.is_some();
    }
    let Some(name) = text.trim().strip_prefix("About ") else { return false };
    let words = name.split_whitespace().count();
    let capitalised = name.split_whitespace().all(|word| word.starts_with(char::is_uppercase));
    let opens_next = next.is_some_and(|next| next.strip_prefix("The ").unwrap_or(next).starts_with(name));
    (1..=6).contains(&words) && capitalised && !ends_sentence(name) && opens_next
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_ends_and_its_boilerplate_begins() {
        assert!(release_end("ENDS") && release_end("- ENDS -") && release_end("###") && release_end("-30-"));
        assert!(!release_end("30") && !release_end("Ends") && !release_end("# 1"));
        let next = Some("Tân Cảng Health is a nonprofit with three hospitals.");
        assert!(boilerplate_header("About Tân Cảng Health", next));
        assert!(
            boilerplate_header("Notes to editors:", next) && !boilerplate_header("Notes to editors", None)
        );
        assert!(!boilerplate_header("About Tân Cảng Health", Some("The council met on Monday.")));
        assert!(!boilerplate_header("About the author", Some("the author writes on ports.")));
    }
}
