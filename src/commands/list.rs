//! `newsdesk list [--json]`: every article of the library, newest first.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::article::{newest_first, Article, Format, Published};
use crate::cli::LibraryArgs;
use crate::paths::Locations;
use crate::{parse, scan};

#[derive(Serialize)]
struct Row<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    path: String,
    format: Format,
    title: &'a str,
    published: Option<Published>,
    /// The story it belongs to, as the index grouped it (absent when it is not indexed yet).
    story: Option<String>,
}

pub fn run(library: &LibraryArgs, json: bool) -> crate::CommandResult {
    let Locations { library: root, index_dir } = Locations::resolve(library);
    // Read as `index` read them: with the furniture it learned, when there is an index.
    let furniture = crate::index::load_furniture(&index_dir);
    let context = parse::ParseContext { furniture: furniture.as_ref(), ..Default::default() };
    let files = scan::Library::open(&root, scan::LinkPolicy::following(library.follow_links))
        .map_err(|err| cannot_open(&root, &err))?;
    let scan = files.scan();
    let mut skipped: Vec<(std::path::PathBuf, String)> =
        scan.skipped.iter().map(|s| (s.path.clone(), s.reason.to_string())).collect();
    let mut articles: Vec<Article> = Vec::new();
    for file in &scan.files {
        match files.read_article_in(&file.path, context) {
            Ok(article) => articles.push(article),
            Err(reason) => skipped.push((file.path.clone(), reason.to_string())),
        }
    }
    sort_newest_first(&mut articles);
    let mut stories = if json { indexed_stories(&root, &index_dir) } else { Default::default() };
    let mut out = std::io::stdout().lock();
    let rows: Vec<Row> = articles
        .iter()
        .map(|a| Row {
            path: super::shown_path(&a.path),
            format: a.format,
            title: &a.title,
            published: a.published,
            story: stories.remove(&a.path),
        })
        .collect();
    if json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for row in &rows {
            let date = row.published.map(|p| p.short()).unwrap_or_else(|| "—".into());
            writeln!(out, "{date:<16}  {:<9}  {}  {}", row.format.as_str(), row.title, row.path)?;
        }
    }
    skipped.sort();
    for (path, reason) in &skipped {
        say!("skipped {}: {}", super::shown_path(path), super::shown_text(reason));
    }
    Ok(ExitCode::SUCCESS)
}

/// The stories the library's index grouped, when it has one (`list` never builds one).
fn indexed_stories(
    root: &std::path::Path,
    index_dir: &std::path::Path,
) -> std::collections::HashMap<std::path::PathBuf, String> {
    if !index_dir.join(crate::index::STAMP_FILE).is_file() {
        return Default::default();
    }
    match crate::index::Index::open(root, index_dir) {
        Ok((index, _)) => index.stories_by_path(),
        Err(_) => Default::default(),
    }
}

fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by(|a, b| newest_first((a.published, &a.title, &a.path), (b.published, &b.title, &b.path)));
}

/// Why the library cannot be listed; the error's own text may quote the path raw.
fn cannot_open(root: &std::path::Path, err: &std::io::Error) -> String {
    let shown = super::shown_path(root);
    match err.kind() {
        std::io::ErrorKind::NotADirectory => {
            format!("the library {shown} is not a folder (give one with --library DIR)")
        }
        _ => format!("cannot open the library {shown}: {}", super::shown_text(&err.to_string())),
    }
}
