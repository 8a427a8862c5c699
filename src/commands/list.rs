//! `newsdesk list [--json]`: every article of the library, newest first.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::common::{open_index, refresh_for_query};
use crate::article::{Format, Published};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::strings::{fill, text};

#[derive(Serialize)]
struct Row<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<&'a str>,
    format: Format,
    title: &'a str,
    published: Option<Published>,
    /// The story it belongs to, as the index grouped it.
    story: Option<String>,
}

/// From the index (brought up to date as a query does), not by reading every file.
pub fn run(library: &LibraryArgs, config: &Config, json: bool) -> crate::CommandResult {
    let index = open_index(library, config)?;
    refresh_for_query(&index, library)?;
    let articles = index.articles();
    let mut stories = if json { index.stories_by_address() } else { Default::default() };
    let mut out = std::io::stdout().lock();
    let rows: Vec<Row> = articles
        .iter()
        .map(|a| Row {
            path: super::shown_path(&a.path),
            member: a.member.as_deref(),
            format: a.format,
            title: &a.title,
            published: a.published,
            story: stories.remove(&a.address()),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for row in &rows {
            let date = row.published.map(|p| p.short()).unwrap_or_else(|| "—".into());
            let address = match row.member {
                Some(member) => format!("{} --member {}", row.path, super::shown_text(member)),
                None => row.path.clone(),
            };
            writeln!(out, "{date:<16}  {:<9}  {}  {address}", row.format.as_str(), row.title)?;
        }
    }
    for skipped in index.skipped() {
        let args: [(&str, &dyn std::fmt::Display); 2] = [
            ("path", &super::shown_path(&skipped.path)),
            ("why", &super::shown_text(&skipped.reason.to_string())),
        ];
        say!("{}", fill(text().skipped_file, &args));
    }
    Ok(ExitCode::SUCCESS)
}
