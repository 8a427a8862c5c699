//! What several subcommands share: opening the index, bringing it up to date before a query,
//! printing its notes, and the progress bar.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::shown_path;
use crate::cli::LibraryArgs;
use crate::index::{Index, IndexError, Phase, Progress};
use crate::parse::FurnitureModel;
use crate::paths::Locations;
use crate::scan::LinkPolicy;

/// The furniture learned by the index of the library that holds `file` (the `--library` one, or
/// the default), when there is one: a file is read as `index` read it.
pub fn furniture_for(library: &LibraryArgs, file: &std::path::Path) -> Option<FurnitureModel> {
    let Locations { library: root, index_dir } = Locations::resolve(library);
    let (root, file) = (root.canonicalize().ok()?, file.canonicalize().ok()?);
    file.starts_with(&root).then(|| crate::index::load_furniture(&index_dir)).flatten()
}

/// What every JSON row of an article says of it.
#[derive(serde::Serialize)]
pub struct JsonArticle<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    pub path: String,
    pub title: &'a str,
    pub published: Option<crate::article::Published>,
}

impl<'a> JsonArticle<'a> {
    pub fn of(summary: &'a crate::index::ArticleSummary) -> JsonArticle<'a> {
        JsonArticle { path: shown_path(&summary.path), title: &summary.title, published: summary.published }
    }
}

/// `file` read as `index` reads it (with its library's furniture); an unreadable file says why.
pub fn read_for_index(
    library: &LibraryArgs,
    file: &std::path::Path,
) -> Result<crate::article::Article, Box<dyn std::error::Error + Send + Sync>> {
    let furniture = furniture_for(library, file);
    let context = crate::parse::ParseContext { furniture: furniture.as_ref(), ..Default::default() };
    crate::parse::read_article_in(file, context)
        .map_err(|reason| format!("{}: {reason}", shown_path(file)).into())
}

/// Opens the library's index, printing what opening it did (rebuilds, read-only) on stderr.
pub fn open_index(library: &LibraryArgs) -> Result<Index, Box<dyn std::error::Error + Send + Sync>> {
    let Locations { library: root, index_dir: dir } = Locations::for_index(library)?;
    if !root.is_dir() {
        return Err(format!(
            "the library {} is not a folder (give one with --library DIR)",
            shown_path(&root)
        )
        .into());
    }
    let (index, notes) =
        Index::open(&root, &dir).map_err(|err| format!("{err} (index folder {})", shown_path(&dir)))?;
    print_notes(&notes);
    Ok(index.with_links(LinkPolicy::following(library.follow_links)))
}

pub fn print_notes(notes: &[String]) {
    for note in notes {
        say!("note: {}", crate::shown::shown_text(note));
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
            say!("note: another newsdesk is updating the index; searching what is indexed so far");
            Ok(ExitCode::SUCCESS)
        }
        // Answer from what is indexed (the error says what happened to the index).
        Err(err) => {
            say!("note: cannot update the index ({err}); searching what is indexed");
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A one-line progress bar on stderr when it is a terminal (nothing otherwise).
pub fn progress_bar() -> impl FnMut(Progress) {
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
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r\x1b[2K{line}");
        if finished {
            let _ = write!(stderr, "\r\x1b[2K");
        }
        let _ = stderr.flush();
    }
}
