//! `newsdesk search [--json] [--limit N] QUERY…`: ranked hits with snippets.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use serde::Serialize;

use super::common::{open_index, refresh_for_query, JsonArticle};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::{Hit, SearchResults, Snippet};
use crate::strings::{fill, text};
use crate::timeline::span;

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    total: usize,
    took_ms: f64,
    hits: Vec<JsonHit<'a>>,
}

#[derive(Serialize)]
struct JsonHit<'a> {
    #[serde(flatten)]
    article: JsonArticle<'a>,
    score: f32,
    snippet: &'a str,
    /// The story it belongs to; its other copies among the matches are folded under it.
    story: Option<&'a str>,
    copies: Vec<String>,
}

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    query: &str,
    limit: usize,
    json: bool,
) -> crate::CommandResult {
    let index = span("search: open the index", || open_index(library, config))?;
    span("search: freshness check", || refresh_for_query(&index, library))?;
    // `note:`, `highlight:` and the reader's tags answer from the notes store (read-only).
    let notes = span("search: open the notes store", || super::highlights::existing_store(library, config));
    let results = span("search: query", || index.search_with_notes(query, limit, false, notes.as_ref()))?;
    let written = span("search: output", || write_results(&results, json));
    span("search: drop", || drop((results, notes)));
    // The index's maps and readers are the system's to release at exit: unmapped one by one
    // they cost more CPU than the search's own output (BENCHMARKS.md, issue 12, search6).
    span("search: exit", || std::mem::forget(index));
    written
}

fn write_results(results: &SearchResults, json: bool) -> crate::CommandResult {
    let mut out = std::io::stdout().lock();
    if json {
        let hits = results.hits.iter().map(json_hit).collect();
        let took_ms = results.took.as_secs_f64() * 1000.0;
        serde_json::to_writer_pretty(
            &mut out,
            &JsonResults { query: &results.query, total: results.total, took_ms, hits },
        )?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let bold = std::io::stdout().is_terminal();
    for (rank, hit) in results.hits.iter().enumerate() {
        let date = hit.article.published.map(|p| p.date.to_string()).unwrap_or_else(|| "—".into());
        writeln!(out, "{:>3}. {date:<10}  {}", rank + 1, hit.article.title)?;
        writeln!(out, "     {}", super::shown_address(&hit.article.path, hit.article.member.as_deref()))?;
        if !hit.copies.is_empty() {
            writeln!(
                out,
                "     {}",
                text().count(hit.copies.len(), text().other_copies_one, text().other_copies_other)
            )?;
        }
        if !hit.snippet.text.is_empty() {
            writeln!(out, "     {}", render_snippet(&hit.snippet, bold))?;
        }
    }
    let t = text();
    let ms = format!("{:.1}", results.took.as_secs_f64() * 1000.0);
    let template = if results.total == 1 { t.search_shown_one } else { t.search_shown_other };
    say!("{}", fill(template, &[("shown", &results.hits.len()), ("n", &results.total), ("ms", &ms)]));
    Ok(ExitCode::SUCCESS)
}

fn json_hit(hit: &Hit) -> JsonHit<'_> {
    JsonHit {
        article: JsonArticle::of(&hit.article),
        score: hit.score,
        snippet: &hit.snippet.text,
        story: hit.story.as_deref(),
        copies: hit.copies.iter().map(|copy| super::shown_path(&copy.path)).collect(),
    }
}

/// The snippet's text with its highlights in bold (ANSI) when `bold`.
pub fn render_snippet(snippet: &Snippet, bold: bool) -> String {
    if !bold {
        return snippet.text.clone();
    }
    let mut out = String::new();
    let mut at = 0;
    for range in &snippet.highlights {
        if range.start < at || range.end > snippet.text.len() {
            continue;
        }
        out.push_str(&snippet.text[at..range.start]);
        out.push_str("\x1b[1m");
        out.push_str(&snippet.text[range.clone()]);
        out.push_str("\x1b[0m");
        at = range.end;
    }
    out.push_str(&snippet.text[at..]);
    out
}
