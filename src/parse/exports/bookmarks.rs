//! A browser's bookmarks, exported as Netscape bookmark HTML (Firefox, Chrome, Pinboard,
//! Raindrop): `<DT><A HREF=… ADD_DATE=… TAGS=…>title</A>` inside `<DL>` lists, a folder's
//! name in the `<H3>` before its list. Every bookmark is a reference; its folder is its
//! category. Read by one pass of a linear-time pattern over the file.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::text_date;
use super::{reference, Emit, Outcome};

/// The file's first line names its format.
pub fn looks_like(head: &str) -> bool {
    head.trim_start().to_uppercase().starts_with("<!DOCTYPE NETSCAPE-BOOKMARK-FILE")
}

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?is)<h3[^>]*>(?P<folder>.*?)</h3>|(?P<open><dl[^>]*>)|(?P<close></dl>)|<a\s(?P<attributes>[^>]*)>(?P<title>.*?)</a>")
        .expect("a valid pattern")
});
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)([a-z_]+)\s*=\s*"([^"]*)""#).expect("a valid pattern"));

pub fn read(name: &str, text: &str, emit: &mut Emit) -> Outcome {
    let mut outcome = Outcome::default();
    let (mut folders, mut pending): (Vec<String>, Option<String>) = (Vec::new(), None);
    let mut count = 0;
    for token in TOKEN.captures_iter(text) {
        if let Some(folder) = token.name("folder") {
            pending = Some(unescape(folder.as_str()));
        } else if token.name("open").is_some() {
            folders.push(pending.take().unwrap_or_default());
        } else if token.name("close").is_some() {
            folders.pop();
        } else if let (Some(attributes), Some(title)) = (token.name("attributes"), token.name("title")) {
            let attribute = |wanted: &str| {
                ATTRIBUTE
                    .captures_iter(attributes.as_str())
                    .find(|found| found[1].eq_ignore_ascii_case(wanted))
                    .map(|found| unescape(&found[2]))
            };
            count += 1;
            let tags = attribute("tags")
                .map(|tags| tags.split(',').map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect())
                .unwrap_or_default();
            let saved = attribute("add_date").and_then(|date| text_date(&date));
            let url = attribute("href").unwrap_or_default();
            let member = format!("{name}#{count}");
            let Some(mut article) =
                reference(member, "bookmarks", &unescape(title.as_str()), &url, tags, saved)
            else {
                outcome.skipped += 1;
                continue;
            };
            article.category = folders.iter().rev().find(|folder| !folder.is_empty()).cloned();
            if !emit(article) {
                break;
            }
        }
    }
    outcome
}

/// The few entities bookmark files use, and no markup.
fn unescape(text: &str) -> String {
    let text = text.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    text.replace("&amp;", "&").trim().to_string()
}
