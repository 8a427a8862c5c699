//! The date a page shows its reader beside the headline ("Dec 12, 2025 · 4 min read",
//! "By Ann Lee | Updated on July 9, 2025"): read from the text just before and after the
//! `<h1>`, in reading order, script and style skipped.

use dom_query::{Document, NodeRef};

use super::blocks::is_invisible;
use super::meta_furniture::MetaFurniture;
use crate::article::Published;
use crate::parse::dates;

/// Characters of text read after the headline (a byline and its date, not the article).
const AFTER: usize = 400;
/// Characters read before it (a date above the headline, under the section's name).
const BEFORE: usize = 120;
/// Date elements looked at, and the longest text one may hold (a date and its label).
const MAX_DATE_ELEMENTS: usize = 32;
const MAX_DATE_CHARS: usize = 80;
/// Where a page marks a date as its publication's: a `<time>` without `datetime`, an element
/// whose class names a date ("post-date", "entry-date", "story-date"), a "Published" label.
const DATE_ELEMENTS: &str = "time, [class*=date], [class*=Date]";
/// Labels of a date that is not the publication's.
const NOT_PUBLISHED: [&str; 4] = ["updated", "last updated", "modified", "last modified"];
/// Labels of the date of publication written as an element of their own.
const PUBLISHED_LABELS: [&str; 4] = ["published", "published on", "posted", "posted on"];

/// The text just before and just after the page's headline (the `<h1>` that reads as the
/// `title` chosen, else its first `<h1>`: not a logo `<h1>` above it),
/// without the headline itself.
pub fn around_headline(document: &Document, title: &str) -> Option<(String, String)> {
    let h1s = document.select("h1");
    let candidates: Vec<&NodeRef> = h1s.nodes().iter().filter(|h1| !h1.text().trim().is_empty()).collect();
    let reads_as_title = |h1: &&&NodeRef| {
        let text = h1.text();
        let words = text.split_whitespace();
        !title.is_empty() && words.map(str::to_lowercase).eq(title.split_whitespace().map(str::to_lowercase))
    };
    let headline = candidates.iter().find(reads_as_title).or(candidates.first())?.id;
    let body = document.select("body").nodes().first().cloned()?;
    let (mut before, mut after, mut passed) = (String::new(), String::new(), false);
    // An explicit stack in reading order: depth costs no native stack.
    let mut stack: Vec<NodeRef> = vec![body];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            let text = node.text();
            let into = if passed { &mut after } else { &mut before };
            into.push_str(&text);
            into.push(' ');
            if passed && after.len() >= AFTER {
                break;
            }
            if !passed && before.len() > 4 * BEFORE {
                before = tail(&before, BEFORE);
            }
            continue;
        }
        if !node.is_element() || node.node_name().is_some_and(|n| is_invisible(&n.to_ascii_lowercase())) {
            continue;
        }
        if node.id == headline {
            passed = true;
            continue;
        }
        stack.extend(node.children_it(true));
    }
    let squeeze = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some((squeeze(&tail(&before, BEFORE)), squeeze(&head(&after, AFTER))))
}

/// The body's text in reading order, script and style left out, spaces collapsed.
pub fn visible_text(document: &Document) -> String {
    let Some(body) = document.select("body").nodes().first().cloned() else { return String::new() };
    let mut text = String::new();
    // An explicit stack in reading order: depth costs no native stack.
    let mut stack: Vec<NodeRef> = vec![body];
    while let Some(node) = stack.pop() {
        if node.is_text() {
            text.push_str(&node.text());
            text.push(' ');
            continue;
        }
        // Only what a browser never shows: a button's or a form's text is on the page.
        let unseen = node.node_name().is_some_and(|name| {
            matches!(name.to_ascii_lowercase().as_str(), "script" | "style" | "noscript" | "template")
        });
        if node.is_element() && !unseen {
            stack.extend(node.children_it(true));
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn tail(text: &str, chars: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(chars)).collect()
}

fn head(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The date shown with the headline: the first after it, else the last before it.
pub fn shown_date(document: &Document, title: &str) -> Option<Published> {
    let (before, after) = around_headline(document, title)?;
    dates::find_date(&after).or_else(|| last_date(&before)).map(|found| Published::date(found.published.date))
}

/// The last date in `text` (a few at most: the text is a line long).
fn last_date(text: &str) -> Option<dates::FoundDate> {
    let mut rest = text.to_string();
    let mut last = None;
    for _ in 0..8 {
        let Some(found) = dates::find_date(&rest) else { break };
        rest = found.after.clone();
        last = Some(found);
    }
    last
}

/// The first date element of the page (outside furniture: comments, related stories; a byline
/// box and the headline's own container are not furniture here) whose short text reads as a
/// date and is not labelled as an update; then a text that starts with a "Published (on)"
/// label, or is that label alone with the date in the next text. For pages with no date field
/// and nothing under the headline.
pub fn date_element(document: &Document) -> Option<Published> {
    let elements = document.select(DATE_ELEMENTS);
    let furniture = MetaFurniture::new(document);
    let marked = elements.nodes().iter().take(MAX_DATE_ELEMENTS).find_map(|element| {
        let class = element.attr("class").unwrap_or_default().to_ascii_lowercase();
        if furniture.contains(element) || class.contains("update") || class.contains("modif") {
            return None;
        }
        let text = element.text().split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > MAX_DATE_CHARS {
            return None;
        }
        let found = dates::find_date(&text)?;
        let label = found.before.trim_end_matches([':', ' ']).to_lowercase();
        (!NOT_PUBLISHED.iter().any(|l| label.ends_with(l))).then(|| Published::date(found.published.date))
    });
    marked.or_else(|| {
        let root = document.root();
        let mut texts = root
            .descendants_it()
            .filter(|node| node.is_text())
            .map(|node| node.text().split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|text| !text.is_empty());
        while let Some(text) = texts.next() {
            // "Published" as an element of its own (a label in a meta box), the date in the next.
            let label = text.trim_end_matches(':');
            if PUBLISHED_LABELS.iter().any(|l| label.eq_ignore_ascii_case(l)) {
                let next = texts.next().unwrap_or_default();
                let found =
                    (next.chars().count() <= MAX_DATE_CHARS).then(|| dates::find_date(&next)).flatten();
                if let Some(found) = found {
                    return Some(Published::date(found.published.date));
                }
                continue;
            }
            // "Published on 3 May", "Posted: May 3", "Published May 3, 2024".
            let labelled = ["Published", "Posted"].iter().any(|label| {
                let rest = text.strip_prefix(label).unwrap_or_default();
                [" on ", ": ", " "].iter().any(|joint| rest.starts_with(joint))
            });
            let found = (labelled && text.chars().count() <= MAX_DATE_CHARS).then(|| dates::find_date(&text));
            if let Some(found) = found.flatten() {
                return Some(Published::date(found.published.date));
            }
        }
        None
    })
}
