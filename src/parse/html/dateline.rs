//! The date a page shows its reader beside the headline ("Dec 12, 2025 · 4 min read",
//! "By Ann Lee | Updated on July 9, 2025"): read from the text just before and after the
//! `<h1>`, in reading order, script and style skipped.

use dom_query::{Document, NodeRef};

use super::blocks::is_invisible;
use super::furniture::is_furniture;
use crate::article::Published;
use crate::parse::dates;

/// Characters of text read after the headline (a byline and its date, not the article).
const AFTER: usize = 400;
/// Characters read before it (a date above the headline, under the section's name).
const BEFORE: usize = 120;
/// How far up a headline is checked for furniture.
const MAX_ANCESTORS: usize = 64;

/// The text just before and just after the page's headline (its first `<h1>` outside
/// furniture), without the headline itself.
pub fn around_headline(document: &Document) -> Option<(String, String)> {
    let headline = document
        .select("h1")
        .nodes()
        .iter()
        .find(|h1| {
            !h1.ancestors_it(Some(MAX_ANCESTORS)).any(|a| a.is_element() && is_furniture(&a))
                && !h1.text().trim().is_empty()
        })?
        .id;
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

fn tail(text: &str, chars: usize) -> String {
    let count = text.chars().count();
    text.chars().skip(count.saturating_sub(chars)).collect()
}

fn head(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The date shown with the headline: the first after it, else the last before it.
pub fn shown_date(document: &Document) -> Option<Published> {
    let (before, after) = around_headline(document)?;
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
