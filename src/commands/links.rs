//! `newsdesk links FILE [--json]`: the article's related links, each with the saved article it
//! resolves to, and the saved articles that link to it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::common::{open_index, read_for_index, refresh_for_query};
use crate::cli::LibraryArgs;
use crate::index::{ResolvedBy, ResolvedLink};

#[derive(Serialize)]
struct JsonLinks<'a> {
    related: Vec<JsonRelated<'a>>,
    /// Paths as the terminal shows them (see [`super::shown_path`]): a JSON consumer prints them.
    linked_from: Vec<String>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    title: &'a str,
    url: Option<&'a str>,
    category: Option<&'a str>,
    summary: Option<&'a str>,
    resolved: Option<String>,
    resolved_by: Option<&'static str>,
}

fn by_name(by: Option<ResolvedBy>) -> Option<&'static str> {
    by.map(|by| match by {
        ResolvedBy::Url => "url",
        ResolvedBy::Title => "title",
        ResolvedBy::Search => "search",
    })
}

fn json_related(resolved: &ResolvedLink) -> JsonRelated<'_> {
    JsonRelated {
        title: &resolved.link.title,
        url: resolved.link.url.as_deref(),
        category: resolved.link.category.as_deref(),
        summary: resolved.link.summary.as_deref(),
        resolved: resolved.target.as_ref().map(|target| super::shown_path(&target.path)),
        resolved_by: by_name(resolved.by),
    }
}

pub fn run(library: &LibraryArgs, file: &Path, json: bool) -> crate::CommandResult {
    let article = read_for_index(library, file)?;
    let index = open_index(library)?;
    refresh_for_query(&index)?;
    let related = index.resolve_related(&article);
    let linked_from = index.linked_from(&article);
    let mut out = std::io::stdout().lock();
    if json {
        let links = JsonLinks {
            related: related.iter().map(json_related).collect(),
            linked_from: linked_from.iter().map(|summary| super::shown_path(&summary.path)).collect(),
        };
        serde_json::to_writer_pretty(&mut out, &links)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "Related ({}):", related.len())?;
    for (number, resolved) in related.iter().enumerate() {
        writeln!(out, "{:>3}. {}", number + 1, resolved.link.title)?;
        match (&resolved.target, by_name(resolved.by)) {
            (Some(target), Some(by)) => {
                writeln!(out, "     → {} (by {by})", super::shown_path(&target.path))?
            }
            _ => writeln!(out, "     → not in the library")?,
        }
    }
    writeln!(out, "Linked from ({}):", linked_from.len())?;
    for summary in &linked_from {
        writeln!(out, "     {}  {}", super::shown_path(&summary.path), summary.title)?;
    }
    Ok(ExitCode::SUCCESS)
}
