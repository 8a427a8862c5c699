//! Page furniture: the parts of a page around an article that are not the article (share bars,
//! cookie and consent banners, newsletter boxes, comment threads, related and "most read" lists,
//! author boxes, ads, navigation), told by the page's own structure: the element (`nav`,
//! `aside`, `footer`, `form`, `dialog`), its ARIA role and label, and the words of its class
//! and id.

use dom_query::NodeRef;

/// Roles that are never the article.
const FURNITURE_ROLES: &[&str] =
    &["navigation", "complementary", "dialog", "alertdialog", "banner", "contentinfo", "menu", "menubar"];

/// Words of a class or id (split at `-`, `_`, spaces and case changes) that name furniture.
const FURNITURE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "sharedaddy",
    "social",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "paywall",
    "comment",
    "comments",
    "respond",
    "disqus",
    "related",
    "readmore",
    "recommendations",
    "outbrain",
    "taboola",
    "promo",
    "advert",
    "advertisement",
    "ads",
    "ad",
    "sponsored",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "tags",
    "mostread",
    "sidebar",
    "popup",
    "toolbar",
    "pagination",
    "lienquan",
];

/// Pairs of words that name furniture together ("author box", "read more", "most read").
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("author", "box"),
    ("author", "bio"),
    ("author", "wrap"),
    ("author", "info"),
    ("read", "more"),
    ("most", "read"),
    ("most", "popular"),
    ("see", "also"),
    ("more", "stories"),
    ("tin", "lien"),
    ("xem", "nhieu"),
    ("sr", "only"),
    ("visually", "hidden"),
];

/// Whether `element` is furniture, with everything under it. (The metadata's view of furniture
/// around a node is in meta_furniture.rs.)
pub fn is_furniture(element: &NodeRef) -> bool {
    let name = element.node_name().map(|n| n.to_ascii_lowercase()).unwrap_or_default();
    if matches!(name.as_str(), "nav" | "aside" | "footer" | "form" | "dialog" | "menu") {
        return true;
    }
    if element.attr("hidden").is_some() || element.attr("aria-hidden").is_some_and(|v| &*v == "true") {
        return true;
    }
    if element
        .attr("role")
        .is_some_and(|role| FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if element.attr("aria-label").is_some_and(|label| names_furniture(&label)) {
        return true;
    }
    let class = element.attr("class").unwrap_or_default();
    let id = element.attr("id").unwrap_or_default();
    names_furniture(&class) || names_furniture(&id)
}

/// Whether a class list, id or label names furniture.
pub fn names_furniture(names: &str) -> bool {
    let words = split_words(names);
    words.iter().any(|word| FURNITURE_WORDS.contains(&word.as_str()))
        || words.windows(2).any(|pair| FURNITURE_PAIRS.contains(&(pair[0].as_str(), pair[1].as_str())))
}

/// "article-body shareBar" → ["article", "body", "share", "bar"], lower-cased.
pub fn split_words(names: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut previous_lower = false;
    for c in names.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_class_words() {
        assert_eq!(split_words("article-body shareBar"), ["article", "body", "share", "bar"]);
        assert!(names_furniture("social-share top"));
        assert!(names_furniture("c-author_box"));
        assert!(names_furniture("most-read"));
        assert!(!names_furniture("article-body"));
        assert!(!names_furniture("header-image"), "'head' is not 'ad'");
        assert!(!names_furniture("shared-content-text"), "whole words only");
    }
}
