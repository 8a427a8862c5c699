//! Where a page names its writer without byline markup: a link to the writer's own page, or
//! an author box.

use dom_query::{Document, NodeRef};

use super::author::{clean, squash};
use super::meta_furniture::{is_page, names_word, MetaFurniture};
use crate::text::{collapse_spaces, fold};

/// Links to writers' pages looked at (the byline's come first; a page may list hundreds).
const MAX_AUTHOR_LINKS: usize = 32;

/// Links to the writer's own page (`/author/ann-lee`) whose text is the name the address
/// spells: a byline without byline markup. The first such link and the ones beside it.
pub(super) fn author_page_links(document: &Document) -> Vec<String> {
    let links = document.select("a[href*=\"/author/\"], a[href*=\"/authors/\"]");
    let furniture = MetaFurniture::new(document);
    let named: Vec<(Option<dom_query::NodeId>, String)> = links
        .nodes()
        .iter()
        .take(MAX_AUTHOR_LINKS)
        .filter(|link| !furniture.contains(link))
        .filter_map(|link| {
            let href = link.attr("href")?;
            let slug = href.split(['?', '#']).next()?.trim_end_matches('/').rsplit('/').next()?.to_string();
            let text = collapse_spaces(&link.text());
            let name = clean(&text, false)?;
            (squash(&fold(&name)) == squash(&fold(&slug))).then(|| (link.parent().map(|p| p.id), name))
        })
        .collect();
    let Some((parent, _)) = named.first().cloned() else { return Vec::new() };
    named.into_iter().filter(|(p, _)| *p == parent).map(|(_, name)| name).collect()
}

/// Elements with "author" in their class looked at, and texts read in each.
const MAX_AUTHOR_BOXES: usize = 16;
const MAX_BOX_TEXTS: usize = 8;

/// A writer named only in an author box (a class or id with the word "author":
/// "blog_author-box", "entry-author"; not a commenter's or a related story's, not the page's
/// `<body>` or the article that holds the headline): the box's first short text whose words all
/// start with a capital, read as a name.
pub(super) fn author_box_names(document: &Document) -> Vec<String> {
    let furniture = MetaFurniture::new(document);
    let is_box = |element: &&NodeRef| {
        names_word(element, &["author"])
            && !is_page(element)
            && !furniture.holds_headline(element)
            && !furniture.contains(element)
    };
    let boxes = document.select("[class*=author], [id*=author]");
    let name = boxes.nodes().iter().filter(is_box).take(MAX_AUTHOR_BOXES).find_map(|element| {
        let texts = element.descendants_it().filter(|n| n.is_text()).map(|n| collapse_spaces(&n.text()));
        texts.filter(|t| !t.is_empty()).take(MAX_BOX_TEXTS).find_map(|text| {
            let words: Vec<&str> = text.split_whitespace().collect();
            let capitalised =
                (2..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase));
            capitalised.then(|| clean(&text, false)).flatten()
        })
    });
    name.into_iter().collect()
}
