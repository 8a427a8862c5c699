//! `newsdesk index [--rebuild] [--verify] [--watch]`: brings the search index up to date, every
//! file looked at, with a progress bar on a terminal and a summary; then, with `--watch`, follows
//! the library's changes.

use std::io::Write;
use std::process::ExitCode;

use super::common::{open_index, print_notes, progress_bar};
use super::{shown_path, shown_text};
use crate::cli::LibraryArgs;
use crate::index::{
    Followed, Index, LibraryWatch, RefreshOptions, RefreshSummary, Scope, EVERY_WITHOUT_WATCH,
};
use crate::strings;

pub fn run(library: &LibraryArgs, rebuild: bool, verify: bool, watch: bool) -> crate::CommandResult {
    let index = open_index(library)?;
    let options = RefreshOptions { rebuild, verify, scope: Scope::Everything };
    let summary = index.refresh_with(&options, &mut progress_bar())?;
    print_notes(&summary.notes);
    writeln!(std::io::stdout().lock(), "{}", summary_line(&index, &summary))?;
    for skipped in &summary.skipped {
        say!("skipped {}: {}", shown_path(&skipped.path), shown_text(&skipped.reason.to_string()));
    }
    if watch {
        follow(&index)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--watch`: a line for each batch of changes brought in, until interrupted.
fn follow(index: &Index) -> std::io::Result<()> {
    let watch = LibraryWatch::start(index.library());
    say!("watching {} for changes (Ctrl-C stops)", shown_path(index.library()));
    let mut written = Ok(());
    index.follow(watch, &mut |followed| {
        match followed {
            Followed::Idle => {}
            Followed::Polling(why) => {
                say!("note: {}", shown_text(&strings::watch_polling(&why, EVERY_WITHOUT_WATCH.as_secs())))
            }
            Followed::Rescanning(why) => say!("note: {}", shown_text(&strings::watch_rescanning(&why))),
            Followed::Refreshed(Ok(summary)) => {
                print_notes(&summary.notes);
                let changed = summary.added + summary.updated + summary.removed + summary.renamed;
                if changed > 0 {
                    written = writeln!(std::io::stdout().lock(), "{}", summary_line(index, &summary));
                }
            }
            Followed::Refreshed(Err(err)) => {
                say!("note: cannot update the index ({err}); trying again at the next change")
            }
        }
        written.is_ok()
    });
    written
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
