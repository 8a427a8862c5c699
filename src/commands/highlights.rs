//! `newsdesk highlights [--json | --markdown] [QUERY]`: every highlight and note, newest first,
//! grouped by article, from the store (read-only: listing never writes it). Each article is read
//! (once) to find its highlights in it: one no longer found is listed as detached, never left out.

use std::collections::HashSet;
use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::{shown_path, shown_text};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::paths::Locations;
use crate::store::{article_address, grouped_by_article, Highlight, Passages, Store, FILE_NAME};

/// A highlight as scripts get it.
#[derive(Serialize)]
pub struct Row<'a> {
    pub id: &'a str,
    /// As the terminal shows it.
    pub path: String,
    /// The article inside a file of many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub title: &'a str,
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    pub block: usize,
    pub note: &'a str,
    /// RFC 3339, UTC.
    pub created: String,
    pub updated: String,
    /// Not found in the article as it is now (changed, or gone).
    pub detached: bool,
}

impl<'a> Row<'a> {
    pub fn of(h: &'a Highlight, detached: bool) -> Row<'a> {
        Row {
            id: &h.id,
            path: shown_path(&article_address(&h.article).path),
            member: article_address(&h.article).member,
            title: &h.title,
            exact: &h.quote.exact,
            prefix: &h.quote.prefix,
            suffix: &h.quote.suffix,
            block: h.block,
            note: &h.note,
            created: time(h.created),
            updated: time(h.updated),
            detached,
        }
    }
}

fn time(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis).map(|t| t.to_rfc3339()).unwrap_or_default()
}

/// The store of this run's state folder, read-only.
/// The notes store when one has been written: none answers a search as an empty one does,
/// without making one in memory.
pub fn existing_store(library: &LibraryArgs, config: &Config) -> Option<Store> {
    let path = Locations::resolve(library, config).ok()?.state_dir.join(FILE_NAME);
    path.is_file().then(|| Store::open_read_only(&path).ok()).flatten()
}

pub fn open_store(library: &LibraryArgs, config: &Config) -> Result<Store, String> {
    let state_dir = Locations::resolve(library, config)?.state_dir;
    Store::open_read_only(&state_dir.join(FILE_NAME))
}

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    query: &str,
    json: bool,
    markdown: bool,
) -> crate::CommandResult {
    let store = open_store(library, config)?;
    let all = store.all_highlights()?;
    let words: Vec<String> = crate::text::fold(query).split_whitespace().map(str::to_string).collect();
    let chosen: Vec<&Highlight> =
        grouped_by_article(&all).into_iter().map(|at| &all[at]).filter(|h| h.matches(&words)).collect();
    let detached = detached_of(library, config, &chosen);
    let is_detached = |h: &Highlight| detached.contains(h.id.as_str());
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<Row> = chosen.iter().map(|h| Row::of(h, is_detached(h))).collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut article: Option<&str> = None;
    for h in chosen {
        if article != Some(h.article.as_str()) {
            article = Some(&h.article);
            let path = article_address(&h.article).shown();
            match markdown {
                true => writeln!(out, "\n## {}\n\n`{path}`\n", shown_text(&h.title))?,
                false => writeln!(out, "{}  {path}", shown_text(&h.title))?,
            }
        }
        let exact = shown_text(&h.quote.exact.replace("\n\n", " ¶ "));
        let note = shown_text(&h.note);
        let mark =
            if is_detached(h) { format!(" {}", crate::strings::text().detached_mark) } else { String::new() };
        match markdown {
            true => {
                writeln!(out, "> {exact}{mark}\n")?;
                if !note.is_empty() {
                    writeln!(out, "{note}\n")?;
                }
            }
            false => {
                writeln!(out, "  “{exact}”{mark}")?;
                if !note.is_empty() {
                    writeln!(out, "    {}{note}", crate::app::NOTE_MARK)?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The ids of `chosen` not found in their article as it reads now (each article read once; one
/// that cannot be read holds none of its highlights).
fn detached_of<'a>(library: &LibraryArgs, config: &Config, chosen: &[&'a Highlight]) -> HashSet<&'a str> {
    let mut detached = HashSet::new();
    let mut by_article: Vec<(&'a str, Vec<&'a Highlight>)> = Vec::new();
    for &h in chosen {
        match by_article.last_mut() {
            Some((article, group)) if *article == h.article => group.push(h),
            _ => by_article.push((&h.article, vec![h])),
        }
    }
    for (article, group) in by_article {
        let address = article_address(article);
        let read = super::common::read_for_index(library, config, &address.path, address.member.as_deref());
        let passages = read.ok().map(|article| Passages::of(&article));
        for h in group {
            if passages.as_ref().and_then(|p| p.anchor(&h.quote, h.block)).is_none() {
                detached.insert(h.id.as_str());
            }
        }
    }
    detached
}
