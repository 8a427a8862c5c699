//! `newsdesk list [--json]`: every article of the library, newest first.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::article::{newest_first, Article, Format, Published};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::paths::Locations;
use crate::strings::{fill, text};
use crate::{parse, scan};

#[derive(Serialize)]
struct Row<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    member: Option<&'a str>,
    format: Format,
    title: &'a str,
    published: Option<Published>,
}

pub fn run(library: &LibraryArgs, config: &Config, json: bool) -> crate::CommandResult {
    let Locations { library: root, index_dir, .. } = Locations::resolve(library, config)?;
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
        if matches!(parse::format_hint(&file.path), Ok(parse::FormatHint::Container(_))) {
            let read = files.read_members(&file.path, context, &mut |article| {
                articles.push(article);
                true
            });
            match read {
                Ok(report) => {
                    if let Some(stopped) = report.stopped {
                        skipped.push((file.path.clone(), fill(text().read_in_part, &[("why", &stopped)])));
                    }
                }
                Err(reason) => skipped.push((file.path.clone(), reason.to_string())),
            }
            continue;
        }
        match files.read_article_in(&file.path, context) {
            Ok(article) => articles.push(article),
            Err(reason) => skipped.push((file.path.clone(), reason.to_string())),
        }
    }
    sort_newest_first(&mut articles);
    let mut out = std::io::stdout().lock();
    let rows: Vec<Row> = articles
        .iter()
        .map(|a| Row {
            path: super::shown_path(&a.path),
            member: a.member.as_deref(),
            format: a.format,
            title: &a.title,
            published: a.published,
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
    skipped.sort();
    for (path, reason) in &skipped {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("path", &super::shown_path(path)), ("why", &super::shown_text(reason))];
        say!("{}", fill(text().skipped_file, &args));
    }
    Ok(ExitCode::SUCCESS)
}

fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by(|a, b| newest_first((a.published, &a.title, &a.path), (b.published, &b.title, &b.path)));
}

/// Why the library cannot be listed; the error's own text may quote the path raw.
fn cannot_open(root: &std::path::Path, err: &std::io::Error) -> String {
    let (t, shown) = (text(), super::shown_path(root));
    match err.kind() {
        std::io::ErrorKind::NotADirectory => fill(t.library_not_folder, &[("path", &shown)]),
        _ => {
            let args: [(&str, &dyn std::fmt::Display); 2] =
                [("path", &shown), ("why", &super::shown_text(&err.to_string()))];
            fill(t.library_unreadable, &args)
        }
    }
}
