//! Omnivore's export (2024): `metadata_<from>_to_<to>.json`, lists of saved items (title, url,
//! slug, author, labels, state, savedAt, publishedAt), beside `content/<slug>.html` (the
//! article's page) and `highlights/<slug>.md` (its highlights, as Markdown block quotes). An
//! item with its page is an article, its member that page's name; one without is a reference.

use serde_json::Value;

use super::fields::{date, markdown_quotes, tags, text};
use super::{base_name, reference, with_text, Archive, Emit, Files, Outcome};
use crate::article::Shelf;
use crate::parse::ParseContext;

pub fn read(files: &mut dyn Files, context: ParseContext, emit: &mut Emit) -> Outcome {
    let mut outcome = Outcome::default();
    let mut lists: Vec<String> =
        files.names().iter().filter(|name| Archive::Omnivore.is_list(base_name(name))).cloned().collect();
    lists.sort();
    for list in lists {
        let folder = &list[..list.len() - base_name(&list).len()];
        let Some(items) = files.read(&list).and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        else {
            outcome.skipped += 1;
            continue;
        };
        let Value::Array(items) = items else { continue };
        for item in items {
            let Value::Object(item) = item else { continue };
            if !outcome.offer(article(files, folder, &list, &item, context), emit) {
                return outcome;
            }
        }
    }
    outcome
}

fn article(
    files: &mut dyn Files,
    folder: &str,
    list: &str,
    item: &serde_json::Map<String, Value>,
    context: ParseContext,
) -> Option<crate::article::Article> {
    let slug = text(item, "slug").or_else(|| text(item, "id"))?;
    let url = text(item, "url");
    let title = text(item, "title").unwrap_or_default();
    let highlights = files
        .read(&format!("{folder}highlights/{slug}.md"))
        .map(|bytes| markdown_quotes(&crate::text::clean(&String::from_utf8_lossy(&bytes))))
        .unwrap_or_default();
    let shelf = Shelf {
        service: "omnivore".into(),
        archived: text(item, "state").is_some_and(|state| state.eq_ignore_ascii_case("archived")),
        starred: false,
        saved: item.get("savedAt").and_then(date),
        highlights,
    };
    let labels = tags(item.get("labels"));
    let page = format!("{folder}content/{slug}.html");
    let html = files.read(&page).map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
    let Some(html) = html else {
        let member = format!("{list}#{slug}");
        let mut article =
            reference(member, "omnivore", &title, url.as_deref().unwrap_or(""), labels, shelf.saved)?;
        article.shelf = Some(shelf);
        return Some(article);
    };
    let mut article = with_text(page, &html, url, context)?;
    if !title.is_empty() {
        article.title = title;
    }
    article.author = text(item, "author").or(article.author);
    article.published = item.get("publishedAt").and_then(date).or(article.published).or(shelf.saved);
    article.tags = labels;
    article.shelf = Some(shelf);
    crate::parse::finish(&mut article, true).ok()?;
    Some(article)
}
