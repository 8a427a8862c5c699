//! `newsdesk index [--rebuild] [--verify] [--watch] [--refresh]`: brings the search index up to
//! date (the folders whose time changed; every file with `--refresh`), with its progress on
//! stderr (a bar on a terminal, plain lines otherwise) and a summary; then, with `--watch`,
//! follows the library's changes.

use std::io::Write;
use std::process::ExitCode;

use super::common::{open_index, print_notes, Reporter};
use super::{shown_path, shown_text};
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::{Followed, Index, LibraryWatch, RefreshOptions, RefreshSummary, Scope};
use crate::strings::{fill, text};

pub fn run(
    library: &LibraryArgs,
    config: &Config,
    rebuild: bool,
    verify: bool,
    watch: bool,
) -> crate::CommandResult {
    let index = open_index(library, config)?;
    let mut progress = Reporter::new(true);
    // The cheap check unless asked for every file: a file edited in place is caught by
    // `--refresh`, the watch and the reader's update in the background.
    let scope = if library.refresh { Scope::Everything } else { Scope::Changed };
    let options = RefreshOptions { rebuild, verify, scope };
    let summary = index.refresh_with(&options, &mut |step| progress.report(step));
    progress.finish();
    let summary = summary?;
    print_notes(&summary.notes);
    writeln!(std::io::stdout().lock(), "{}", summary_line(&index, &summary))?;
    let t = text();
    if !summary.every_file {
        say!("{}", t.index_cheap_check);
    }
    for skipped in &summary.skipped {
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("path", &shown_path(&skipped.path)), ("why", &shown_text(&skipped.reason.to_string()))];
        say!("{}", fill(t.skipped_file, &args));
    }
    if watch {
        follow(&index)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `--watch`: a line for each batch of changes brought in, until interrupted.
fn follow(index: &Index) -> std::io::Result<()> {
    let t = text();
    let watch = LibraryWatch::start(index.library());
    say!("{}", fill(t.watching, &[("library", &shown_path(index.library()))]));
    let mut written = Ok(());
    index.follow(watch, &mut |followed| {
        match followed {
            Followed::Idle => {}
            Followed::Polling(_) | Followed::Rescanning(_) => print_notes(followed.note(t).as_slice()),
            Followed::Refreshed(Ok(summary)) => {
                print_notes(&summary.notes);
                let changed = summary.added + summary.updated + summary.removed + summary.renamed;
                if changed > 0 {
                    written = writeln!(std::io::stdout().lock(), "{}", summary_line(index, &summary));
                }
            }
            Followed::Refreshed(Err(err)) => print_notes(&[fill(t.watch_cannot_update, &[("why", &err)])]),
        }
        written.is_ok()
    });
    written
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
