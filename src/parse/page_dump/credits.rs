//! Photo credits: what makes a line a caption ("… Ảnh: Hoài Thương", "… Photograph: …",
//! "REUTERS/…", "… | Helen Ruiz/AP Photo", "… Kelsey Marr, USA TODAY NETWORK") or a credit on
//! its own line ("Credit...Jane Doe", "Corinne Vasquez/CNN").

use std::sync::LazyLock;

use regex::Regex;

use super::lines::ends_sentence;

/// A photo credit: a credit word then a colon, "by" or a slash, or "Credit…" (the word's start
/// is checked apart: a leading `\b` keeps the regex from looking for its words first).
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ảnh|photo|photograph|image|picture|pic|credit)(?:\s*(?::|by\b|/)|\.\.\.|…)")
        .expect("credit")
});
/// An agency's photo credit: "REUTERS/Kim Thu".
static AGENCY_PHOTO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\p{Lu}{2,}/\p{Lu}").expect("agency"));
/// A credit that ends the caption: "… | Helen Ruiz/AP Photo", "… (AP Photo)".
static PHOTO_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[/(|][^/(|]{0,30}\bphoto\)?$").expect("photo at end"));
/// A credit after the caption's last sentence: "… in March 2020. Kelsey Marr, USA TODAY NETWORK".
static NAME_AND_OUTLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[.!?”\)] (?:\p{Lu}[\p{L}'’.-]*\s){1,3}?\p{Lu}[\p{L}'’.-]*, \p{Lu}[\p{Lu}&\s]{1,30}$")
        .expect("name and outlet")
});
/// A caption with its photo credit ("… Ảnh: Hoài Thương", "… Photograph: …", "REUTERS/…").
pub fn has_credit(text: &str) -> bool {
    text.split_whitespace().count() <= 70 && credit_at(text).is_some()
}

/// Where the first photo credit of `text` starts.
fn credit_at(text: &str) -> Option<usize> {
    let word_start = |at: usize| !text[..at].chars().next_back().is_some_and(char::is_alphanumeric);
    let credit = CREDIT.find_iter(text).map(|found| found.start()).find(|&at| word_start(at));
    let agency = || text.contains('/').then(|| AGENCY_PHOTO.find(text).map(|found| found.start())).flatten();
    // Both look at the line's end: tried only when it could match there.
    let photo_end = || {
        let tail = text.trim_end_matches(')');
        tail.len() > 5
            && tail.is_char_boundary(tail.len() - 5)
            && tail[tail.len() - 5..].eq_ignore_ascii_case("photo")
    };
    let capital_end = || text.chars().next_back().is_some_and(char::is_uppercase) && text.contains(", ");
    let at_end = || {
        let found = if photo_end() { PHOTO_AT_END.find(text) } else { None };
        let found = found.or_else(|| capital_end().then(|| NAME_AND_OUTLET.find(text)).flatten());
        found.map(|found| found.start() + 1)
    };
    credit.or_else(agency).or_else(at_end)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits_in_and_beside_captions() {
        assert!(
            has_credit("Cảnh sát phân luồng. Ảnh: Hoài Thương") && has_credit("Tàu ở cảng. REUTERS/Kim Thu")
        );
        assert!(!has_credit("Giá 90.000 đồng/kg, thấp nhất từ đầu mùa"));
        assert!(is_credit_only("Credit...Jane Doe") && !is_credit_only("Tàu ở cảng. Ảnh: X"));
        assert!(is_slash_credit("Corinne Vasquez/CNN") && !is_slash_credit("Giá 90.000 đồng/kg"));
        assert!(has_credit("A port in Maine. | Helen Ruiz/AP Photo"));
        assert!(has_credit("Sandbags in March 2020. Kelsey Marr, USA TODAY NETWORK"));
        assert!(has_credit("The crane fell at 3am. Pic: Pellham Port Authority"));
        assert!(!has_credit("He said it was the best photo"));
        assert!(!has_credit("Fares rise in May. Transport for London, TFL"));
    }
}
