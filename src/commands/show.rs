//! `newsdesk show FILE [--json | --explain]`: one article as parsed, or how each line of a
//! page dump was read. A file inside the library is read with the furniture the library's
//! index learned for its site.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{shown_path, shown_text};
use crate::article::{Article, BlockKind};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::parse::{self, ExplainedLine, ParseContext};
use crate::strings::{fill, text};

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    file: &Path,
    member: Option<&str>,
    json: bool,
    explain: bool,
) -> crate::CommandResult {
    let failed = |reason: parse::SkipReason| format!("{}: {reason}", shown_path(file));
    let model = super::common::furniture_for(library, config, file);
    let context = ParseContext { furniture: model.as_ref(), ..Default::default() };
    let mut out = std::io::stdout().lock();
    if explain {
        let bytes = parse::read_file(file).map_err(failed)?;
        match parse::explain(file, &bytes, context).map_err(failed)? {
            Some(lines) => out.write_all(render_explained(&lines, model.is_some()).as_bytes())?,
            None => writeln!(out, "{}", fill(text().explain_not_a_dump, &[("file", &shown_path(file))]))?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let many = matches!(parse::container_kind_at(file, parse::LastLink::Follow), Ok(Some(_)));
    if many && member.is_none() {
        return list_members(file, context, json);
    }
    let article = parse::read_address(file, member, parse::LastLink::Follow, context).map_err(failed)?;
    if json {
        // The path as the terminal shows it: a JSON consumer prints it.
        let shown = Article { path: super::shown_path(&article.path).into(), ..article };
        serde_json::to_writer_pretty(&mut out, &shown)?;
        writeln!(out)?;
    } else {
        out.write_all(render_text(&article).as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A file of many articles without `--member`: what is in it, one member a line (or a JSON
/// array of `{member, title, published}`).
fn list_members(file: &Path, context: ParseContext, json: bool) -> crate::CommandResult {
    let mut rows = Vec::new();
    let limits = parse::Limits::default();
    let report = parse::read_members_at(file, parse::LastLink::Follow, context, limits, &mut |article| {
        rows.push(serde_json::json!({
            "member": article.member, "title": article.title, "published": article.published,
        }));
        true
    })
    .map_err(|reason| format!("{}: {reason}", shown_path(file)))?;
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &rows)?;
        writeln!(out)?;
    } else {
        for row in &rows {
            let text = |key: &str| row[key].as_str().unwrap_or_default().to_string();
            writeln!(out, "{}  {}", shown_text(&text("member")), text("title"))?;
        }
        let t = text();
        let template = if rows.len() == 1 { t.members_listed_one } else { t.members_listed_other };
        say!("{}", fill(template, &[("n", &rows.len()), ("path", &shown_path(file))]));
    }
    if let Some(stopped) = report.stopped {
        say!("{}: {stopped}", shown_path(file));
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per line of the page: its number, class, rule and text.
pub fn render_explained(lines: &[ExplainedLine], learned: bool) -> String {
    let t = text();
    let mut out = String::new();
    let how = if learned { t.explain_learned } else { t.explain_single_file };
    let template = if lines.len() == 1 { t.explain_lines_one } else { t.explain_lines_other };
    out.push_str(&fill(template, &[("n", &lines.len()), ("how", &how)]));
    out.push('\n');
    for line in lines {
        out.push_str(&format!(
            "{:>5}  {:<15} {:<54} │ {}\n",
            line.number,
            line.class,
            line.rule,
            shown_text(&line.text)
        ));
    }
    out
}

/// The article as readable plain text.
pub fn render_text(article: &Article) -> String {
    let t = text();
    let mut out = String::new();
    out.push_str(&article.title);
    out.push('\n');
    let meta: Vec<String> = [
        article.published.map(|p| p.short()),
        article.category.clone(),
        article.author.clone(),
        article.source.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !meta.is_empty() {
        out.push_str(&meta.join(" · "));
        out.push('\n');
    }
    if !article.tags.is_empty() {
        out.push_str(&fill(t.show_tags, &[("tags", &article.tags.join(", "))]));
        out.push('\n');
    }
    if let Some(url) = &article.url {
        out.push_str(&format!("{url}\n"));
    }
    if let Some(lead) = &article.lead {
        out.push_str(&format!("\n{lead}\n"));
    }
    for block in &article.body {
        let text = match block.kind {
            BlockKind::Heading => format!("## {}", block.text),
            BlockKind::Caption => format!("[{}]", block.text),
            BlockKind::Quote => format!("> {}", block.text),
            BlockKind::ListItem => format!("• {}", block.text),
            BlockKind::Paragraph => block.text.clone(),
        };
        out.push_str(&format!("\n{text}\n"));
    }
    if !article.related.is_empty() {
        out.push_str(&format!("\n{}\n", fill(t.show_related, &[("n", &article.related.len())])));
        for link in &article.related {
            let extra: Vec<String> =
                [link.category.clone(), link.published.map(|p| p.short()), link.url.clone()]
                    .into_iter()
                    .flatten()
                    .collect();
            if extra.is_empty() {
                out.push_str(&format!("- {}\n", link.title));
            } else {
                out.push_str(&format!("- {} ({})\n", link.title, extra.join(", ")));
            }
        }
    }
    for warning in &article.warnings {
        out.push_str(&format!("\n{}\n", fill(t.show_warning, &[("text", warning)])));
    }
    out
}
