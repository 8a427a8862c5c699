//! `newsdesk export FILE [--markdown | --json]`: one article with what the reader added to it.
//! Markdown (for Obsidian or any notes folder): YAML front matter (title, author, date, URL,
//! source, category, tags: the article's and the reader's), the article with each highlighted
//! passage ==marked== and its note quoted below its paragraph; highlights no longer found in the
//! article are listed at the end with their notes, never left out.

use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::highlights::{open_store, Row};
use super::shown_path;
use crate::article::{Address, Article, BlockKind};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::store::{article_key, ArticleAnnotations, Passages};
use crate::strings::text;

#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct Exported<'a> {
    article: &'a Article,
    note: &'a str,
    tags: &'a [String],
    highlights: Vec<Row<'a>>,
}

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    file: &Path,
    member: Option<&str>,
    json: bool,
) -> crate::CommandResult {
    let article = super::common::read_for_index(library, config, file, member)?;
    // The reader keys an article by its path under the (canonical) library.
    let path = file.canonicalize().unwrap_or_else(|_| file.to_path_buf());
    let key = article_key(&Address { path, member: member.map(str::to_string) });
    let annotations = open_store(library, config)?.annotations(&key)?;
    let mut out = std::io::stdout().lock();
    if json {
        let shown = Article { path: shown_path(&article.path).into(), ..article.clone() };
        let passages = Passages::of(&article);
        let found = |h: &crate::store::Highlight| passages.anchor(&h.quote, h.block).is_some();
        let highlights = annotations.highlights.iter().map(|h| Row::of(h, !found(h))).collect();
        let exported =
            Exported { article: &shown, note: &annotations.note, tags: &annotations.tags, highlights };
        serde_json::to_writer_pretty(&mut out, &exported)?;
        writeln!(out)?;
    } else {
        out.write_all(markdown(&article, &annotations)?.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The article as Markdown with its highlights and notes.
pub fn markdown(article: &Article, annotations: &ArticleAnnotations) -> Result<String, serde_yaml_ng::Error> {
    let t = text();
    let mut tags: Vec<&str> = article.tags.iter().map(String::as_str).collect();
    for tag in &annotations.tags {
        if !tags.contains(&tag.as_str()) {
            tags.push(tag);
        }
    }
    let front = FrontMatter {
        title: &article.title,
        author: article.author.as_deref(),
        date: article.published.map(|p| p.to_iso()),
        url: article.url.as_deref(),
        source: article.source.as_deref(),
        category: article.category.as_deref(),
        tags,
    };
    let mut out = format!("---\n{}---\n\n# {}\n\n", serde_yaml_ng::to_string(&front)?, article.title);
    if !annotations.note.is_empty() {
        out.push_str(&format!("> [!note]\n> {}\n\n", annotations.note));
    }
    let passages = Passages::of(article);
    let anchored: Vec<Option<Range<usize>>> =
        annotations.highlights.iter().map(|h| passages.anchor(&h.quote, h.block)).collect();
    let lead = article.lead.as_deref().filter(|lead| !lead.is_empty()).map(|lead| (lead, None));
    let blocks =
        lead.into_iter().chain(article.body.iter().map(|block| (block.text.as_str(), Some(block.kind))));
    for (number, (text, kind)) in blocks.enumerate() {
        let range = passages.block_range(number);
        let marked = mark(text, range.start, anchored.iter().flatten());
        let line = match kind {
            Some(BlockKind::Heading) => format!("## {marked}"),
            Some(BlockKind::Quote) => format!("> {marked}"),
            Some(BlockKind::ListItem) => format!("- {marked}"),
            Some(BlockKind::Caption) => format!("*{marked}*"),
            Some(BlockKind::Paragraph) | None => marked,
        };
        out.push_str(&line);
        out.push_str("\n\n");
        // Notes of the highlights that end in this block.
        for (h, at) in annotations.highlights.iter().zip(&anchored) {
            let ends_here = at.as_ref().is_some_and(|at| range.contains(&at.end.saturating_sub(1)));
            if ends_here && !h.note.is_empty() {
                out.push_str(&format!("> [!note]\n> {}\n\n", h.note));
            }
        }
    }
    let detached: Vec<_> =
        annotations.highlights.iter().zip(&anchored).filter(|(_, at)| at.is_none()).collect();
    if !detached.is_empty() {
        out.push_str(&format!("## {}\n\n", t.export_detached));
        for (h, _) in detached {
            out.push_str(&format!("> {}\n\n", h.quote.exact.replace("\n\n", "\n>\n> ")));
            if !h.note.is_empty() {
                out.push_str(&format!("{}\n\n", h.note));
            }
        }
    }
    Ok(out)
}

/// `text` (a block starting at `base` in the passages' text) with the parts of `ranges` in it
/// between `==` marks.
fn mark<'a>(text: &str, base: usize, ranges: impl Iterator<Item = &'a Range<usize>>) -> String {
    let local: Vec<Range<usize>> = ranges
        .map(|range| {
            range.start.max(base).saturating_sub(base)..range.end.min(base + text.len()).saturating_sub(base)
        })
        .filter(|range| range.start < range.end)
        .collect();
    crate::app::split_layers(text, 0..text.len(), &[&local])
        .into_iter()
        .map(|(piece, layers)| if layers != 0 { format!("=={piece}==") } else { piece.to_string() })
        .collect()
}
