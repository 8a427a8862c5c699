//! The page's author: JSON-LD `author`, `article:author`, `meta[name=author]`, Yoast's
//! "Written by" label, byline elements, links to the writer's page, "Written by" labels in the
//! text, "By" under the headline and an author box, in that order; the
//! site itself (an `Organization`, the site's name or domain) only when nothing names a writer.

use super::author_places::{author_box_names, author_page_links};
use super::dateline;
use super::json_ld::LinkedData;
use super::metadata::{decode_entities, meta, meta_all};
use crate::parse::dates;
use crate::text::collapse_spaces;
use dom_query::{Document, NodeRef};

const AUTHOR_SELECTOR: &str =
    "[rel=author], .author-name, .byline__name, [itemprop=author] [itemprop=name], \
    [itemprop=author], .author, .byline";

/// Text nodes of a page looked at for a "Written by" label, and labels followed.
const MAX_LABELS: usize = 4;
/// Longest text taken as a name after a label.
const MAX_NAME_CHARS: usize = 120;

/// One place a page names its author.
struct Source {
    names: Vec<String>,
    /// From a field meant for it (JSON-LD, meta): a login ("kirstin boatto") is a name there.
    structured: bool,
    organisation: bool,
}

/// `title`: the headline chosen, whose `<h1>` the byline follows.
pub fn author(
    document: &Document,
    ld: &LinkedData,
    title: &str,
    site: Option<&str>,
    url: Option<&str>,
) -> Option<String> {
    let structured = |names: Vec<String>| Source { names, structured: true, organisation: false };
    let shown = |names: Vec<String>| Source { names, structured: false, organisation: false };
    let meta_authors =
        || meta_all(document, "article:author").into_iter().filter(|a| !a.contains("://")).collect();
    // Yoast writes the author as `twitter:label1` "Written by", `twitter:data1` the name.
    let yoast = || {
        meta(document, "twitter:label1")
            .filter(|label| label.eq_ignore_ascii_case("written by"))
            .and_then(|_| meta(document, "twitter:data1"))
    };
    // In order of trust; each read only when the ones before it name nobody (or only the site):
    // the page's text is walked only when its fields are silent.
    let sources: [&dyn Fn() -> Source; 10] = [
        &|| Source {
            names: ld.authors.clone(),
            structured: true,
            organisation: ld.authors_are_organisations,
        },
        &|| structured(meta_authors()),
        &|| structured(meta(document, "author").into_iter().collect()),
        &|| structured(yoast().into_iter().collect()),
        &|| structured(meta(document, "parsely-author").into_iter().collect()),
        &|| shown(byline_names(document)),
        &|| shown(author_page_links(document)),
        &|| shown(labelled_names(document)),
        &|| shown(by_line_near_headline(document, title)),
        &|| shown(author_box_names(document)),
    ];
    let owners: Vec<String> = site.into_iter().map(squash).chain(url.and_then(domain_name)).collect();
    let mut found = sources.iter().map(|read| read()).filter_map(|source| {
        let names = names_of(&source);
        let is_site = names.iter().all(|name| owners.contains(&squash(name)));
        (!names.is_empty()).then_some((names, source.organisation || is_site))
    });
    let first = found.next()?;
    let names =
        if first.1 { found.find(|(_, organisation)| !organisation).unwrap_or(first).0 } else { first.0 };
    Some(joined_as_shown(document, &names).unwrap_or_else(|| join(&names)))
}

/// Occurrences of the first name tried when looking for the names as the page joins them.
const MAX_JOIN_STARTS: usize = 16;

/// Three names or more as the page's own text lists them ("A, B, and C" or "A, B, C"): the
/// names in order, with only a comma, "and" or "&" between them. Two names stay "A and B".
fn joined_as_shown(document: &Document, names: &[String]) -> Option<String> {
    const JOINTS: [&str; 5] = [", and ", ", & ", ", ", " and ", " & "];
    let (first, rest) = names.split_first()?;
    if rest.len() < 2 {
        return None;
    }
    let text = dateline::visible_text(document);
    let starts = text.match_indices(first.as_str()).map(|(at, _)| at + first.len());
    starts.take(MAX_JOIN_STARTS).find_map(|mut end| {
        let mut shown = first.clone();
        for name in rest {
            // A space before the comma: the comma in an element of its own.
            let after = &text[end..];
            let after = after.strip_prefix(' ').filter(|r| r.starts_with(',')).unwrap_or(after);
            end = text.len() - after.len();
            let joint = JOINTS
                .iter()
                .find(|joint| after.strip_prefix(**joint).is_some_and(|r| r.starts_with(name.as_str())))?;
            shown.push_str(joint);
            shown.push_str(name);
            end += joint.len() + name.len();
        }
        Some(shown)
    })
}

fn names_of(source: &Source) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for raw in &source.names {
        let parts: Vec<&str> = raw.split(" and ").collect();
        // "Center for Drug Evaluation and Research": "and" inside a name keeps it whole.
        let whole = parts
            .iter()
            .any(|p| p.split_whitespace().next().is_some_and(|w| w.starts_with(char::is_lowercase)));
        let parts = if whole { vec![raw.as_str()] } else { parts };
        for part in parts {
            if let Some(name) = clean(part, source.structured) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
}

/// Two names as "A and B", more as "A, B, C" when the page does not list them itself.
fn join(names: &[String]) -> String {
    match names {
        [one, two] => format!("{one} and {two}"),
        _ => names.join(", "),
    }
}

/// Letters and digits, lower case: "The Daily Post" and "thedailypost" compare equal.
pub(super) fn squash(text: &str) -> String {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// `https://www.daily-post.example/a` → "dailypost".
pub(super) fn domain_name(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', ':', '?']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| *l != "www").collect();
    let name = labels.len().checked_sub(2).map_or(labels.first(), |i| labels.get(i))?;
    Some(squash(name))
}

/// The first byline element's text: the others further down name commenters and the authors
/// of related stories, and one beside it is as often the writer's role as a second writer
/// (several writers come from the fields, or the page's own "A, B and C").
fn byline_names(document: &Document) -> Vec<String> {
    let selection = document.select(AUTHOR_SELECTOR);
    selection.nodes().first().map(|first| collapse_spaces(&first.text())).into_iter().collect()
}

/// "By Ann Lee" in the text just after the headline (a byline without markup).
fn by_line_near_headline(document: &Document, title: &str) -> Vec<String> {
    let Some((_, after)) = dateline::around_headline(document, title) else { return Vec::new() };
    let start = ["By ", "by: ", "By: "].iter().find_map(|mark| {
        let at = after.find(mark).filter(|at| *at == 0 || after[..*at].ends_with(' '))?;
        Some(at + mark.len())
    });
    let Some(start) = start else { return Vec::new() };
    let all: Vec<&str> = after[start..].split_whitespace().take(8).collect();
    // "By Ann Lee December 2, 2025": the name stops at a month followed by a day.
    let is_month =
        |word: &str| dates::MONTH_NAMES.contains(&word.trim_end_matches('.').to_lowercase().as_str());
    let date_at = |at: usize| {
        is_month(all[at])
            && all.get(at + 1).is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()))
    };
    let words: Vec<&str> = (0..all.len())
        .take_while(|&at| (all[at].starts_with(char::is_uppercase) || all[at] == "and") && !date_at(at))
        .map(|at| all[at])
        .take(6)
        .collect();
    let name = words.join(" ");
    let name = name.trim_end_matches(" and");
    (words.len() >= 2).then(|| name.to_string()).into_iter().collect()
}

/// Names after a "Written by" label: the rest of its element, else the next element.
fn labelled_names(document: &Document) -> Vec<String> {
    let mut names = Vec::new();
    let root = document.root();
    // Not a form's: a search form's "Author" option labels nothing on the page.
    let labels = root
        .descendants_it()
        .filter(|node| node.is_text() && is_label(&node.text()) && !in_form_control(node));
    // The first label that names someone: later ones label other parts of the page.
    if let Some(name) = labels.take(MAX_LABELS).find_map(|label| text_after(&label)) {
        names.push(name);
    }
    if names.is_empty() {
        // "Written by Ann Lee" as one short text: the label and the name together.
        let texts = root.descendants_it().filter(|node| node.is_text() && labels_a_name(&node.text()));
        names.extend(texts.take(1).map(|node| collapse_spaces(&node.text())));
    }
    names
}

/// Text of a form control (`<option>`, `<button>`, `<label>`).
fn in_form_control(text: &NodeRef) -> bool {
    let parent = text.parent().and_then(|p| p.node_name()).map(|n| n.to_ascii_lowercase());
    parent.is_some_and(|name| matches!(name.as_str(), "option" | "button" | "label" | "select"))
}

/// Labels that name the writer in the next element.
const LABELS: [&str; 8] =
    ["written by", "article by", "posted by", "words by", "author", "authors", "viết bởi", "tác giả"];

fn is_label(text: &str) -> bool {
    let text = collapse_spaces(text).trim_end_matches(':').trim().to_lowercase();
    LABELS.contains(&text.as_str())
}

/// A short text that starts with a "Written by" label and goes on to a name.
fn labels_a_name(text: &str) -> bool {
    let text = collapse_spaces(text);
    let words = text.split_whitespace().count();
    let labelled = ["Written by ", "Article by ", "Words by "].iter().any(|label| text.starts_with(label));
    labelled && (3..=8).contains(&words)
}

fn text_after(label: &NodeRef) -> Option<String> {
    let short = |node: &NodeRef| {
        let text = collapse_spaces(&node.text());
        (!text.is_empty() && text.chars().count() <= MAX_NAME_CHARS).then_some(text)
    };
    let mut sibling = label.next_sibling();
    while let Some(node) = sibling {
        if let Some(text) = short(&node) {
            return Some(text);
        }
        sibling = node.next_sibling();
    }
    label.parent()?.next_element_sibling().and_then(|next| short(&next))
}

/// A byline as a name: "By Jane Doe - June 12, 2025" → "Jane Doe"; `None` for what is not a
/// name (markup, a URL, a form label; a login only from a field meant for the author).
pub fn clean_author(raw: &str) -> Option<String> {
    clean(raw, false)
}

pub(super) fn clean(raw: &str, structured: bool) -> Option<String> {
    let mut name = decode_entities(&collapse_spaces(raw));
    for prefix in ["written by", "posted by", "author:", "by:", "by ", "bởi ", "tác giả:", "author "] {
        if name.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)) {
            name = name[prefix.len()..].trim().to_string();
        }
    }
    // "Text by Hunter Dukes", "Recipe by PJ Hamel": one word, then "by".
    if let Some((head, rest)) = name.split_once(" by ") {
        if !head.contains(' ') && head.starts_with(char::is_uppercase) {
            name = rest.trim().to_string();
        }
    }
    name = unglue_dates(&name);
    // "BySummer Swann": "By" run into the name.
    if let Some(rest) = name.strip_prefix("By").filter(|r| r.starts_with(char::is_uppercase)) {
        name = rest.to_string();
    }
    // What a byline runs into the name: "Jane DoePublished", "Jane Doe is a writer".
    for marker in ["Last Updated", "Updated", "Published", "Posted on", " is a ", " is an ", " is the "] {
        if let Some(at) = name.find(marker).filter(|at| *at > 0) {
            name.truncate(at);
        }
    }
    // What follows the name on a byline: a date, a separator, a role after "|".
    for separator in ["|", " • ", " · ", " on ", " - ", "- ", " – "] {
        if let Some((head, _)) = name.split_once(separator) {
            name = head.trim().to_string();
        }
    }
    if let Some(found) = dates::find_date(&name) {
        name = if found.before.trim().is_empty() { found.after } else { found.before };
    }
    let name = name
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | ':' | '|' | '"' | '“' | '”'))
        .to_string();
    let name = once(&name);
    let words = name.split_whitespace().count();
    let forbidden: &[char] = if structured {
        &['{', '}', '<', '>', '/', '=']
    } else {
        &['{', '}', '<', '>', '*', '@', '/', '=', '[', ']']
    };
    let looks_like_name = (1..=8).contains(&words)
        && name.len() <= 80
        && (structured || name.chars().any(char::is_uppercase))
        && name.chars().any(char::is_alphabetic)
        && !name.contains(forbidden)
        && !name.eq_ignore_ascii_case("author")
        && !name.eq_ignore_ascii_case("admin")
        && !name.eq_ignore_ascii_case("undefined");
    looks_like_name.then_some(name)
}

/// Words of a name written several times (a name has eight at most).
const MAX_REPEATED_WORDS: usize = 32;

/// A name a page repeats in one element (for the phone's layout and the desktop's): "Ann Lee
/// Ann Lee" → "Ann Lee"; the last copy may be cut short by a length limit, two words of it
/// left at least ("Ana Lucía Ortega Ruiz Ana Lucía").
fn once(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    // Each size is checked against every word: a text longer than a name is left as it is.
    if words.len() > MAX_REPEATED_WORDS {
        return name.to_string();
    }
    let repeats = |size: usize| (size..words.len()).all(|at| words[at] == words[at % size]);
    let longest = (words.len() / 2).max(words.len().saturating_sub(2));
    match (1..=longest).find(|&size| repeats(size)) {
        Some(size) => words[..size].join(" "),
        None => name.to_string(),
    }
}

/// A date run into a name ("Luke KimDecember 17, 2025", "Dec 17, 2025Julian Arni"): a space
/// put between them, so the date reads as one.
fn unglue_dates(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let mut previous = ' ';
    for (at, c) in name.char_indices() {
        let month_follows = || {
            let rest = name[at..].to_ascii_lowercase();
            dates::MONTH_NAMES.iter().any(|m| {
                rest.starts_with(m)
                    && rest[m.len()..]
                        .trim_start_matches(['.', ' '])
                        .starts_with(|d: char| d.is_ascii_digit())
            })
        };
        // "jsteinhardt18th Dec 2025": a day, its ordinal, then a month.
        let day_follows = || {
            let rest = name[at..].trim_start_matches(|d: char| d.is_ascii_digit());
            let rest = ["st", "nd", "rd", "th"].iter().find_map(|o| rest.strip_prefix(o)).unwrap_or(rest);
            let rest = rest.strip_prefix(' ').unwrap_or_default().to_ascii_lowercase();
            dates::MONTH_NAMES.iter().any(|m| rest.starts_with(m))
        };
        if (previous.is_ascii_digit() && c.is_uppercase())
            || (previous.is_lowercase() && c.is_uppercase() && month_follows())
            || (previous.is_alphabetic() && c.is_ascii_digit() && day_follows())
        {
            out.push(' ');
        }
        out.push(c);
        previous = c;
    }
    out
}

#[cfg(test)]
#[path = "author_tests.rs"]
mod tests;
