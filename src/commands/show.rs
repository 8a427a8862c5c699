//! `newsdesk show FILE [--json]`: one article as parsed.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::article::{Article, BlockKind};
use crate::parse;
use crate::strings::{fill, text};

pub fn run(file: &Path, json: bool) -> crate::CommandResult {
    let article =
        parse::read_article(file).map_err(|reason| format!("{}: {reason}", super::shown_path(file)))?;
    let mut out = std::io::stdout().lock();
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
