//! Furniture as the metadata sees it. The body's rules (furniture.rs) drop a byline box and
//! whatever sits under a class that names furniture; for the headline's date and author two
//! kinds of ancestor are not furniture:
//! - one that holds the page's headline (`<h1>`): a class on `<body>` or on the story's wrapper
//!   ("has-share-buttons", "story-sidebar-mode") names the page's look, not a box beside the
//!   article;
//! - a byline or author box: it is where the article's date and writer are shown.

use std::collections::HashSet;

use dom_query::{Document, NodeId, NodeRef};

use super::furniture::{is_furniture, split_words};

/// How far up an element is checked (as furniture.rs does).
const MAX_ANCESTORS: usize = 64;
/// `<h1>`s whose ancestors are remembered (a page has one or two).
const MAX_HEADLINES: usize = 8;

pub struct MetaFurniture {
    /// Elements that hold an `<h1>`.
    holds_headline: HashSet<NodeId>,
}

impl MetaFurniture {
    pub fn new(document: &Document) -> MetaFurniture {
        let h1s = document.select("h1");
        let holds_headline = h1s
            .nodes()
            .iter()
            .take(MAX_HEADLINES)
            .flat_map(|h1| h1.ancestors_it(Some(MAX_ANCESTORS)).map(|a| a.id).collect::<Vec<_>>())
            .collect();
        MetaFurniture { holds_headline }
    }

    /// Whether `element` holds an `<h1>` (the page or the article, not a box in it; `<body>`
    /// too when the page has a headline).
    pub fn holds_headline(&self, element: &NodeRef) -> bool {
        self.holds_headline.contains(&element.id)
    }

    /// Whether `node` sits in furniture that is neither the headline's container nor a byline
    /// box (comments, related stories, a sidebar beside the article).
    pub fn contains(&self, node: &NodeRef) -> bool {
        node.ancestors_it(Some(MAX_ANCESTORS)).any(|a| {
            a.is_element() && !self.holds_headline.contains(&a.id) && is_furniture(&a) && !is_byline_box(&a)
        })
    }
}

/// `<body>` or `<html>`: the whole page, whose classes name its look.
pub fn is_page(element: &NodeRef) -> bool {
    element.node_name().is_some_and(|n| n.eq_ignore_ascii_case("body") || n.eq_ignore_ascii_case("html"))
}

/// Whether the element's class or id has one of `words` among its words ("story-byline").
pub fn names_word(element: &NodeRef, words: &[&str]) -> bool {
    let names = [element.attr("class"), element.attr("id")];
    names.iter().flatten().any(|names| split_words(names).iter().any(|w| words.contains(&w.as_str())))
}

/// A byline or author box: its class or id has the word "byline" or "author" (the body's
/// furniture rules drop it; the metadata reads it).
fn is_byline_box(element: &NodeRef) -> bool {
    names_word(element, &["byline", "author"])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date_in_furniture(html: &str) -> bool {
        let document = Document::from(html);
        let furniture = MetaFurniture::new(&document);
        let date = document.select(".date");
        furniture.contains(&date.nodes()[0])
    }

    #[test]
    fn a_class_on_the_headline_container_is_not_furniture() {
        let html = r#"<body class="has-share-buttons"><h1>Rain</h1><p class="date">2 May 2024</p></body>"#;
        assert!(!date_in_furniture(html));
        let html = r#"<body><div class="story sidebar-mode"><h1>Rain</h1><p class="date">2 May 2024</p></div></body>"#;
        assert!(!date_in_furniture(html));
    }

    #[test]
    fn a_byline_box_is_not_furniture_but_comments_are() {
        let html =
            r#"<body><h1>Rain</h1><div class="story-byline"><span class="date">2 May</span></div></body>"#;
        assert!(!date_in_furniture(html));
        let html = r#"<body><h1>Rain</h1><div class="comments"><span class="date">3 May</span></div></body>"#;
        assert!(date_in_furniture(html));
        let html = r#"<body><h1>Rain</h1><aside><span class="date">3 May</span></aside></body>"#;
        assert!(date_in_furniture(html));
    }
}
