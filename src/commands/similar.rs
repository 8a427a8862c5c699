//! `newsdesk similar FILE [--json] [--limit N]`: the saved articles most like FILE, best first.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::common::{open_index, read_for_index, refresh_for_query, JsonArticle};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::SimilarArticle;
use crate::strings::text;

#[derive(Serialize)]
struct JsonSimilar<'a> {
    #[serde(flatten)]
    article: JsonArticle<'a>,
    /// The score as a share of the article's own score against its words.
    closeness: f32,
}

/// `(limit, json)`: how many to print, and whether as JSON.
pub fn run(
    library: &LibraryArgs,
    config: &Config,
    file: &std::path::Path,
    member: Option<&str>,
    (limit, json): (usize, bool),
) -> crate::CommandResult {
    let article = read_for_index(library, config, file, member)?;
    let index = open_index(library, config)?;
    refresh_for_query(&index, library)?;
    let similar = index.similar(&article, limit);
    let mut out = std::io::stdout().lock();
    if json {
        let rows: Vec<JsonSimilar> = similar.iter().map(json_row).collect();
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    for (rank, found) in similar.iter().enumerate() {
        let date = found.article.published.map(|p| p.date.to_string()).unwrap_or_else(|| "—".into());
        writeln!(out, "{:>3}. {date:<10}  {:.2}  {}", rank + 1, found.closeness, found.article.title)?;
        writeln!(out, "     {}", super::shown_path(&found.article.path))?;
    }
    if similar.is_empty() {
        say!("{}", text().no_similar_found);
    }
    Ok(ExitCode::SUCCESS)
}

fn json_row(found: &SimilarArticle) -> JsonSimilar<'_> {
    JsonSimilar { article: JsonArticle::of(&found.article), closeness: found.closeness }
}
