//! The header's own lines in the shapes a byline's reader leaves alone: a credit with a label
//! ("Fact checked by Ada Quill", "Reviewed by: Bo Lindqvist, CPA"), a name with its letters
//! or role ("Mara Vell, MS, RD"), a reading time ("Reading time: 4 minutes"), a post's
//! section ("Posted in Garden Care"). None of them is the headline.

use super::bylines::{is_name, ROLES};
use super::lines::{all_caps, ends_sentence};

/// The line credits someone or says how long the read is: the header's, never its headline.
pub fn header_credit(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 16 || ends_sentence(text) {
        return false;
    }
    glued_by(text) || labelled_by(&words) || name_with_letters(text) || reading_time(&words) || filed_in(text)
}

/// Separators that end a name in a credit ("Bo Lindqvist, CPA", "Ada Quill • 4 min read").
const SEPARATORS: [char; 6] = [',', '|', '•', '·', '(', ';'];

/// "ByAda Quill Updated on …": the author's link run onto "By", with more after it.
fn glued_by(text: &str) -> bool {
    text.strip_prefix("By")
        .filter(|rest| rest.starts_with(char::is_uppercase))
        .is_some_and(|rest| leading_name(rest).is_some())
}

/// The capitalised words a text starts with (up to four, cut at a separator), when they make
/// a name; and what follows them.
fn leading_name(text: &str) -> Option<(&str, &str)> {
    let cut = text.find(SEPARATORS).unwrap_or(text.len());
    let head = &text[..cut];
    let mut end = 0;
    let mut count = 0;
    for word in head.split_whitespace() {
        if count == 4 || !word.starts_with(char::is_uppercase) {
            break;
        }
        let at = head[end..].find(word).map_or(end, |offset| end + offset) + word.len();
        end = at;
        count += 1;
    }
    let name = head[..end].trim();
    (count >= 2 && is_name(name)).then(|| (name, text[end..].trim()))
}

/// "Fact checked by Ada Quill", "Published on 2 March 2024 by Ada Quill and Bo Lind",
/// "Written By: Ada Quill Senior Editor", "By T. R. Holm • 4 min read": a label of a few words
/// (or a date) before a lower-case "by" (or "By:"), then a name that ends the line or a
/// separator, a number or a date follows. "Stand By Me" is a title's "By"; "Ferry saved by
/// Ada Quill's crew" goes on in words.
fn labelled_by(words: &[&str]) -> bool {
    let Some(at) = words.iter().position(|w| matches!(*w, "by" | "by:" | "By" | "By:" | "BY:")) else {
        return false;
    };
    if words[at] == "By" && at > 0 {
        return false;
    }
    let before = &words[..at];
    let dated = before.iter().any(|w| w.chars().any(|c| c.is_ascii_digit()));
    let colon = words[at].ends_with(':');
    if before.len() > 4 && !dated {
        return false;
    }
    let rest = words[at + 1..].join(" ");
    let Some((_, after)) = names_first(&rest) else { return false };
    // "By T. R. Holm View In Print Edition": a line opening with "By" and a name is a byline
    // whatever widget follows it.
    at == 0
        || after.is_empty()
        || after.starts_with(SEPARATORS)
        || after.chars().next().is_some_and(|c| c.is_ascii_digit())
        || dated
        || colon
}

/// A name, or names joined by "and" / "&", at the start of `text`.
fn names_first(text: &str) -> Option<(&str, &str)> {
    let (name, mut after) = leading_name(text)?;
    for joiner in ["and ", "& "] {
        if let Some(next) = after.strip_prefix(joiner) {
            if let Some((_, rest)) = leading_name(next) {
                after = rest;
            }
        }
    }
    Some((name, after))
}

/// "Mara Vell, MS, RD, FAND", "Ada Quill, Print Managing Editor": a name of two or three
/// words, then after commas its letters (capitals) or its role ("Ten Walks Near Wrenmouth,
/// Ranked" is a headline in title case).
fn name_with_letters(text: &str) -> bool {
    let mut parts = text.split(',').map(str::trim);
    let Some(name) = parts.next() else { return false };
    let rest: Vec<&str> = parts.collect();
    let rest_words: usize = rest.iter().map(|part| part.split_whitespace().count()).sum();
    let letters = |part: &&str| part.len() <= 5 && all_caps(part);
    let role = |part: &&str| part.split_whitespace().any(|w| ROLES.contains(&w.to_lowercase().as_str()));
    is_name(name)
        && name.split_whitespace().count() <= 3
        && !rest.is_empty()
        && rest_words <= 5
        && (rest.iter().all(letters) || rest.iter().any(role))
}

/// "Reading time: 4 minutes", "6 min read", "Reading time about 6 minutes": a number, a word
/// of minutes and a word of reading, in a short line.
fn reading_time(words: &[&str]) -> bool {
    let lower = |w: &&str| w.to_lowercase();
    words.len() <= 7
        && words.iter().any(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
        && words.iter().map(lower).any(|w| w.starts_with("min"))
        && words.iter().map(lower).any(|w| w.starts_with("read"))
}

/// "Posted in Garden Care", "Filed under: Tools": a post's section, as a blog's header gives it.
fn filed_in(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["posted in ", "published in ", "filed under"].iter().any(|label| lower.starts_with(label))
}

#[cfg(test)]
mod tests {
    use super::header_credit;

    #[test]
    fn credits_and_reading_times_are_the_headers() {
        for line in [
            "Fact checked by Ada Quill",
            "Reviewed by: Bo Lindqvist, CPA",
            "Reviewed by Bo Lindqvist, CPA, EA",
            "Written By: Ada Quill Senior Garden Editor",
            "Published on March 2nd, 2024 by Ada Quill and Bo Lind",
            "04/02/2019 by Ada Quill, Member of the Board",
            "ByAda Quill Updated onMarch 2, 2024",
            "By T. R. Holm View In Print Edition",
            "By Harbour Team• 4 mins read",
            "Posted on March 2, 2024 Posted by Ada Quill 12 Comments",
            "Mara Vell, MS, RD, FAND",
            "Ada Quill, Print Managing Editor",
            "Reading time: 4 minutes",
            "Reading time about 6 minutes",
            "Posted in Garden Care",
        ] {
            assert!(header_credit(line), "{line}");
        }
    }

    #[test]
    fn headlines_are_not_credits() {
        for line in [
            "Stand By Me at Forty: A Film Revisited",
            "Ferry saved by Ada Quill's crew returns to Inchmora",
            "Drawn by Hand: A Guide to Ink",
            "How to read a map in ten minutes",
            "Ten Walks Near Wrenmouth, Ranked",
            "Ada Quill, Bo Lind Win Regatta",
            "Lido reopens after Ada Quill campaign",
        ] {
            assert!(!header_credit(line), "{line}");
        }
    }
}
