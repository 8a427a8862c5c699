//! `newsdesk links FILE [--json]`: the article's related links, each with the saved article it
//! resolves to, and the saved articles that link to it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use super::common::{open_index, read_for_index, refresh_for_query};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::{ResolvedBy, ResolvedLink};
use crate::strings::{fill, text};

#[derive(Serialize)]
struct JsonLinks<'a> {
    related: Vec<JsonRelated<'a>>,
    linked_from: Vec<JsonLinkedFrom<'a>>,
}

/// A saved article that links here, by its address.
#[derive(Serialize)]
struct JsonLinkedFrom<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<&'a str>,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    title: &'a str,
    url: Option<&'a str>,
    category: Option<&'a str>,
    summary: Option<&'a str>,
    resolved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_member: Option<&'a str>,
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
        resolved_member: resolved.target.as_ref().and_then(|target| target.member.as_deref()),
        resolved_by: by_name(resolved.by),
    }
}

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    file: &Path,
    member: Option<&str>,
    json: bool,
) -> crate::CommandResult {
    let article = read_for_index(library, config, file, member)?;
    let index = open_index(library, config)?;
    refresh_for_query(&index, library)?;
    let related = index.resolve_related(&article);
    let linked_from = index.linked_from(&article);
    let mut out = std::io::stdout().lock();
    if json {
        let links = JsonLinks {
            related: related.iter().map(json_related).collect(),
            linked_from: linked_from
                .iter()
                .map(|summary| JsonLinkedFrom {
                    path: super::shown_path(&summary.path),
                    member: summary.member.as_deref(),
                    title: &summary.title,
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut out, &links)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let t = text();
    writeln!(out, "{}", fill(t.links_related, &[("n", &related.len())]))?;
    for (number, resolved) in related.iter().enumerate() {
        writeln!(out, "{:>3}. {}", number + 1, resolved.link.title)?;
        let by = resolved.by.map(|by| match by {
            ResolvedBy::Url => t.by_url,
            ResolvedBy::Title => t.by_title,
            ResolvedBy::Search => t.by_search,
        });
        match (&resolved.target, by) {
            (Some(target), Some(by)) => {
                let args: [(&str, &dyn std::fmt::Display); 2] =
                    [("path", &super::shown_address(&target.path, target.member.as_deref())), ("by", &by)];
                writeln!(out, "     {}", fill(t.links_resolved, &args))?
            }
            _ => writeln!(out, "     {}", t.links_not_saved)?,
        }
    }
    writeln!(out, "{}", fill(t.links_linked_from, &[("n", &linked_from.len())]))?;
    for summary in &linked_from {
        let address = super::shown_address(&summary.path, summary.member.as_deref());
        writeln!(out, "     {address}  {}", summary.title)?;
    }
    Ok(ExitCode::SUCCESS)
}
