//! Whether a field newsdesk read names what a page's answer gives: titles after white space and
//! quotes are tidied, authors as sets of people (case and accents aside), snippets as runs of words.

use unicode_normalization::UnicodeNormalization;

/// White space collapsed, curly quotes and apostrophes made straight.
pub fn tidy(text: &str) -> String {
    let straight: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' => '"',
            '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
            other => other,
        })
        .collect();
    straight.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How our title stands to the answer's.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TitleMatch {
    Equal,
    /// The answer is a prefix or a suffix of ours (a site name added, a kicker before it).
    Contains,
    Wrong,
}

pub fn title_match(want: &str, got: &str) -> TitleMatch {
    let (want, got) = (tidy(want), tidy(got));
    if want == got {
        TitleMatch::Equal
    } else if !want.is_empty() && (got.starts_with(&want) || got.ends_with(&want)) {
        TitleMatch::Contains
    } else {
        TitleMatch::Wrong
    }
}

/// Lower case, without accents (đ as d), words only.
pub fn fold(text: &str) -> String {
    let bare: String = text
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    bare.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The people an author field names, folded and sorted.
fn people(field: &str) -> Vec<String> {
    let mut names: Vec<String> = field
        .split([',', ';', '&', '|', '/', '\n'])
        .flat_map(|part| {
            part.split(" and ").flat_map(|p| p.split(" và ")).map(str::to_string).collect::<Vec<_>>()
        })
        .map(|name| {
            let name = fold(&name);
            name.strip_prefix("by ").map(str::to_string).unwrap_or(name)
        })
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Whether our author names the same person or people as the answer (any order).
pub fn same_people(want: &str, got: &str) -> bool {
    let want = people(want);
    !want.is_empty() && want == people(got)
}

/// Whether `snippet`'s words occur in a row in `text` (both folded); its last word may be cut
/// (long snippets are cut at a length, mid-word).
pub fn holds(folded_text: &str, snippet: &str) -> bool {
    let snippet = fold(snippet);
    !snippet.is_empty() && format!(" {folded_text}").contains(&format!(" {snippet}"))
}
