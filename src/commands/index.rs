//! `newsdesk index [--rebuild]`: brings the search index up to date, with a progress bar on a
//! terminal and a summary. Also opens the index for `search` and `links`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crate::cli::LibraryArgs;
use crate::index::{Index, IndexError, Phase, Progress, RefreshSummary};
use crate::paths;

use super::shown_path;

/// Opens the library's index, printing what opening it did (rebuilds, read-only) on stderr.
pub fn open_index(library: &LibraryArgs) -> Result<Index, Box<dyn std::error::Error + Send + Sync>> {
    let root = paths::library_dir(library.library.as_deref());
    if !root.is_dir() {
        return Err(format!(
            "the library {} is not a folder (give one with --library DIR)",
            shown_path(&root)
        )
        .into());
    }
    let dir: PathBuf = paths::index_dir(&root, library.index_dir.as_deref());
    let (index, notes) =
        Index::open(&root, &dir).map_err(|err| format!("{err} (index folder {})", shown_path(&dir)))?;
    print_notes(&notes);
    Ok(index)
}

fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!("note: {note}");
    }
}

/// Brings the index up to date before a query; when another process is updating it, it is
/// read-only, or saving it fails (a full disk), says so and goes on with what is indexed.
pub fn refresh_for_query(index: &Index) -> crate::CommandResult {
    match index.refresh(false, &mut progress_bar()) {
        Ok(summary) => {
            print_notes(&summary.notes);
            Ok(ExitCode::SUCCESS)
        }
        Err(IndexError::ReadOnly(_)) => Ok(ExitCode::SUCCESS),
        Err(IndexError::Busy) => {
            eprintln!("note: another newsdesk is updating the index; searching what is indexed so far");
            Ok(ExitCode::SUCCESS)
        }
        // Answer from what is indexed (the error says what happened to the index).
        Err(err) => {
            eprintln!("note: cannot update the index ({err}); searching what is indexed");
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn run(library: &LibraryArgs, rebuild: bool) -> crate::CommandResult {
    let index = open_index(library)?;
    let summary = index.refresh(rebuild, &mut progress_bar())?;
    print_notes(&summary.notes);
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", summary_line(&index, &summary))?;
    for skipped in &summary.skipped {
        eprintln!(
            "skipped {}: {}",
            shown_path(&skipped.path),
            super::shown_text(&skipped.reason.to_string())
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn summary_line(index: &Index, summary: &RefreshSummary) -> String {
    format!(
        "{}: {} files seen, {} added, {} updated, {} removed, {} renamed, {} unchanged, {} skipped in {:.2} s",
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

/// A one-line progress bar on stderr when it is a terminal (nothing otherwise).
fn progress_bar() -> impl FnMut(Progress) {
    let on_terminal = std::io::stderr().is_terminal();
    let mut last_drawn: Option<Instant> = None;
    move |progress: Progress| {
        if !on_terminal {
            return;
        }
        let finished = progress.phase == Phase::Committing;
        if !finished && last_drawn.is_some_and(|at| at.elapsed() < Duration::from_millis(80)) {
            return;
        }
        last_drawn = Some(Instant::now());
        let line = match progress.phase {
            Phase::Scanning => "scanning the library…".to_string(),
            Phase::Parsing => {
                const WIDTH: usize = 30;
                let filled = (progress.done * WIDTH).checked_div(progress.total).unwrap_or(WIDTH);
                format!(
                    "indexing [{}{}] {}/{}",
                    "#".repeat(filled),
                    " ".repeat(WIDTH - filled),
                    progress.done,
                    progress.total
                )
            }
            Phase::Committing => "saving the index…".to_string(),
        };
        eprint!("\r\x1b[2K{line}");
        if finished {
            eprint!("\r\x1b[2K");
        }
        let _ = std::io::stderr().flush();
    }
}
