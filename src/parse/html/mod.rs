//! Saved HTML pages: the article body by reader-mode extraction, metadata from JSON-LD,
//! OpenGraph/`article:` meta, `<title>`, `<h1>`, `<time>` and bylines, related links from
//! related/read-more blocks.

mod author;
mod author_places;
mod blocks;
mod body;
mod combination;
mod dateline;
mod furniture;
mod json_ld;
mod link_runs;
mod meta_furniture;
mod metadata;
mod related;
pub mod single_file;

use std::path::Path;

use dom_query::Document;

use super::saved::Provenance;
use super::SkipReason;
use crate::article::{Article, Format};

/// Which reader-mode extractor reads the body. The extraction bench compares them; newsdesk
/// uses the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extractor {
    /// dom_smoothie, a port of Mozilla's Readability.
    Readability,
    /// rs-trafilatura, a port of trafilatura.
    Trafilatura,
    /// rs-trafilatura, with Readability where it finds too little, and newsdesk's furniture rules.
    #[default]
    Combined,
}

impl Extractor {
    pub const NAMES: [&'static str; 3] = ["readability", "trafilatura", "combined"];

    pub fn name(self) -> &'static str {
        match self {
            Extractor::Readability => "readability",
            Extractor::Trafilatura => "trafilatura",
            Extractor::Combined => "combined",
        }
    }

    pub fn from_name(name: &str) -> Option<Extractor> {
        [Extractor::Readability, Extractor::Trafilatura, Extractor::Combined]
            .into_iter()
            .find(|extractor| extractor.name() == name)
    }
}

pub fn parse(path: &Path, html: &str, extractor: Extractor) -> Result<Article, SkipReason> {
    parse_saved(path, html, extractor, None)
}

/// [`parse`] of a page whose wrapper (MHTML, a web archive) said where it came from; a page
/// without one may say it itself (SingleFile's header comment).
pub fn parse_saved(
    path: &Path,
    html: &str,
    extractor: Extractor,
    wrapper: Option<Provenance>,
) -> Result<Article, SkipReason> {
    // html5ever's scope checks cost the square of the nesting depth: deeper tags are dropped
    // first (see parse/nesting.rs), for the extractors too.
    let html = &super::nesting::cap_nesting(html);
    let document = Document::from(html.as_ref());
    let mut article = Article::new(path, Format::Html, String::new());
    let linked_data = json_ld::read(&document);
    metadata::read(&document, &linked_data, &mut article);
    if let Some(provenance) = wrapper.or_else(|| single_file::header(html)) {
        article.url = article.url.take().or(provenance.url);
        if article.published.is_none() && provenance.saved.is_some() {
            article.published = provenance.saved;
            let saver = provenance.saver;
            article.warnings.push(format!("no publication date: the date {saver} saved the page stands in"));
        }
    }
    article.related = related::links(&document, article.url.as_deref());
    body::read(html, &document, extractor, &mut article);
    Ok(article)
}
