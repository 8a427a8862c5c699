//! `newsdesk index [--rebuild] [--verify]`: brings the search index up to date, every file looked
//! at, with a progress bar on a terminal and a summary.

use std::io::Write;
use std::process::ExitCode;

use super::common::{open_index, print_notes, progress_bar};
use super::{shown_path, shown_text};
use crate::cli::LibraryArgs;
use crate::index::{Index, RefreshOptions, RefreshSummary, Scope};

pub fn run(library: &LibraryArgs, rebuild: bool, verify: bool) -> crate::CommandResult {
    let index = open_index(library)?;
    let options = RefreshOptions { rebuild, verify, scope: Scope::Everything };
    let summary = index.refresh_with(&options, &mut progress_bar())?;
    print_notes(&summary.notes);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", summary_line(&index, &summary))?;
    for skipped in &summary.skipped {
        say!("skipped {}: {}", shown_path(&skipped.path), shown_text(&skipped.reason.to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn summary_line(index: &Index, summary: &RefreshSummary) -> String {
    let relearned = match summary.relearned {
        0 => String::new(),
        n => format!(" ({n} page dumps read again with their site's furniture)"),
    };
    format!(
        "{}: {} files seen, {} added, {} updated, {} removed, {} renamed, {} unchanged, {} skipped in {:.2} s{relearned}",
        shown_path(index.library()),
        summary.seen,
        summary.added,
        summary.updated,
        summary.removed,
        summary.renamed,
        summary.unchanged,
        summary.skipped.len(),
        summary.took.as_secs_f64()
    )
}
