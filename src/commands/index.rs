//! `newsdesk index [--rebuild]`: brings the search index up to date, with its progress on
//! stderr (a bar on a terminal, plain lines otherwise) and a summary.

use std::io::Write;
use std::process::ExitCode;

use super::common::{open_index, print_notes, Reporter};
use super::{shown_path, shown_text};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::{Index, RefreshSummary};
use crate::strings::{fill, text};

pub fn run(library: &LibraryArgs, config: &Config, rebuild: bool) -> crate::CommandResult {
    let index = open_index(library, config)?;
    let mut progress = Reporter::new(true);
    let summary = index.refresh(rebuild, &mut |step| progress.report(step));
    progress.finish();
    let summary = summary?;
    print_notes(&summary.notes);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", summary_line(&index, &summary))?;
    let t = text();
    for skipped in &summary.skipped {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("path", &shown_path(&skipped.path)), ("why", &shown_text(&skipped.reason.to_string()))];
        say!("{}", fill(t.skipped_file, &args));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn summary_line(index: &Index, summary: &RefreshSummary) -> String {
    let t = text();
    let seen = t.count(summary.seen, t.files_seen_one, t.files_seen_other);
    let seconds = format!("{:.2}", summary.took.as_secs_f64());
    let args: [(&str, &dyn std::fmt::Display); 9] = [
        ("library", &shown_path(index.library())),
        ("seen", &seen),
        ("added", &summary.added),
        ("updated", &summary.updated),
        ("removed", &summary.removed),
        ("renamed", &summary.renamed),
        ("unchanged", &summary.unchanged),
        ("skipped", &summary.skipped.len()),
        ("seconds", &seconds),
    ];
    let mut line = fill(t.index_summary, &args);
    if summary.relearned > 0 {
        line.push(' ');
        line.push_str(&t.count(summary.relearned, t.index_relearned_one, t.index_relearned_other));
    }
    line
}
