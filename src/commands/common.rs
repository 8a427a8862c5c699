//! What several subcommands share: opening the index, bringing it up to date before a query,
//! printing its notes, and the progress of a refresh.

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use super::shown_path;
use crate::cli::LibraryArgs;
use crate::config::Config;
use crate::index::{Index, IndexError, Phase, Progress, RefreshOptions, Scope};
use crate::parse::FurnitureModel;
use crate::paths::Locations;
use crate::scan::LinkPolicy;
use crate::strings::{fill, text};

/// The furniture learned by the index of the library that holds `file` (the `--library` one, or
/// the default), when there is one: a file is read as `index` read it.
pub fn furniture_for(
    library: &LibraryArgs,
    config: &Config,
    file: &std::path::Path,
) -> Option<FurnitureModel> {
    let Locations { library: root, index_dir, .. } = Locations::resolve(library, config).ok()?;
    let (root, file) = (root.canonicalize().ok()?, file.canonicalize().ok()?);
    file.starts_with(&root).then(|| crate::index::load_furniture(&index_dir)).flatten()
}

/// What every JSON row of an article says of it.
#[derive(serde::Serialize)]
pub struct JsonArticle<'a> {
    /// As the terminal shows it (see [`super::shown_path`]): a JSON consumer prints it.
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<&'a str>,
    pub title: &'a str,
    pub published: Option<crate::article::Published>,
}

impl<'a> JsonArticle<'a> {
    pub fn of(summary: &'a crate::index::ArticleSummary) -> JsonArticle<'a> {
        JsonArticle {
            path: shown_path(&summary.path),
            member: summary.member.as_deref(),
            title: &summary.title,
            published: summary.published,
        }
    }
}

/// The article at `file` (and `member`, in a file of many) read as `index` reads it (with its
/// library's furniture); an unreadable one says why.
pub fn read_for_index(
    library: &LibraryArgs,
    config: &crate::config::Config,
    file: &std::path::Path,
    member: Option<&str>,
) -> Result<crate::article::Article, Box<dyn std::error::Error + Send + Sync>> {
    let furniture = furniture_for(library, config, file);
    let context = crate::parse::ParseContext { furniture: furniture.as_ref(), ..Default::default() };
    crate::parse::read_address(file, member, crate::parse::LastLink::Follow, context)
        .map_err(|reason| format!("{}: {reason}", shown_path(file)).into())
}

/// Opens the library's index, printing what opening it did (rebuilds, read-only) on stderr.
pub fn open_index(
    library: &LibraryArgs,
    config: &Config,
) -> Result<Index, Box<dyn std::error::Error + Send + Sync>> {
    let Locations { library: root, index_dir: dir, .. } = Locations::for_index(library, config)?;
    let t = text();
    if !root.is_dir() {
        return Err(fill(t.library_not_folder, &[("path", &shown_path(&root))]).into());
    }
    let (index, notes) = Index::open(&root, &dir).map_err(|err| {
        let args: [(&str, &dyn std::fmt::Display); 2] = [("error", &err), ("path", &shown_path(&dir))];
        fill(t.in_index_folder, &args)
    })?;
    print_notes(&notes);
    Ok(index.with_links(LinkPolicy::following(library.follow_links)))
}

pub fn print_notes(notes: &[String]) {
    for note in notes {
        say!("{}", fill(text().note, &[("text", &crate::shown::shown_text(note))]));
    }
}

/// Brings the index up to date before a query: only the folders whose time changed are looked
/// at, every file with `--refresh`. When another process is updating it, it is read-only, or
/// saving it fails (a full disk), says so and goes on with what is indexed.
pub fn refresh_for_query(index: &Index, library: &LibraryArgs) -> crate::CommandResult {
    let scope = if library.refresh { Scope::Everything } else { Scope::Changed };
    let options = RefreshOptions { rebuild: false, verify: false, scope };
    let mut progress = Reporter::new(false);
    let refreshed = index.refresh_with(&options, &mut |step| progress.report(step));
    progress.finish();
    let t = text();
    match refreshed {
        Ok(summary) => print_notes(&summary.notes),
        Err(IndexError::ReadOnly(_)) => {}
        Err(IndexError::Busy) => print_notes(&[t.busy_searching_indexed.to_string()]),
        // Answer from what is indexed (the error says what happened to the index).
        Err(err) => print_notes(&[fill(t.cannot_update_searching_indexed, &[("why", &err)])]),
    }
    Ok(ExitCode::SUCCESS)
}

/// Plain progress lines are written at every tenth of the files.
const PLAIN_STEPS: usize = 10;

/// The progress of a refresh on stderr: on a terminal a spinner while scanning and saving and a
/// bar with rate, elapsed time and ETA while reading; elsewhere nothing, or for `index` a plain
/// line at each phase and each tenth of the files (a log stays readable).
pub struct Reporter {
    bar: Option<ProgressBar>,
    plain: bool,
    phase: Option<Phase>,
    /// The tenth of the files the last plain line reported.
    step: usize,
}

impl Reporter {
    pub fn new(plain_lines: bool) -> Reporter {
        let on_terminal = std::io::stderr().is_terminal();
        let bar = on_terminal.then(ProgressBar::new_spinner);
        Reporter { bar, plain: plain_lines && !on_terminal, phase: None, step: 0 }
    }

    pub fn report(&mut self, progress: Progress) {
        let t = text();
        let new_phase = self.phase != Some(progress.phase);
        self.phase = Some(progress.phase);
        if let Some(bar) = &self.bar {
            if new_phase {
                start_phase(bar, progress);
            }
            bar.set_length(progress.total as u64);
            bar.set_position(progress.done as u64);
        }
        if !self.plain {
            return;
        }
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("done", &progress.done), ("total", &progress.total)];
        match progress.phase {
            Phase::Scanning if new_phase => say!("{}…", t.progress_scanning),
            Phase::Parsing if progress.total > 0 => {
                let step = progress.done * PLAIN_STEPS / progress.total;
                if new_phase || step > self.step {
                    self.step = step;
                    say!("{}: {}", t.progress_indexing, fill(t.progress_done, &args));
                }
            }
            Phase::Committing if new_phase => say!("{}…", t.progress_saving),
            _ => {}
        }
    }

    pub fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}

fn start_phase(bar: &ProgressBar, progress: Progress) {
    let t = text();
    let spinner = |message: &str| {
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg}… {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(100));
    };
    match progress.phase {
        Phase::Scanning => spinner(t.progress_scanning),
        Phase::Committing => spinner(t.progress_saving),
        Phase::Parsing => {
            bar.disable_steady_tick();
            let template = format!(
                "{{prefix}} [{{bar:30}}] {{pos}}/{{len}} · {{per_sec}} · {{elapsed}} · {} {{eta}}",
                t.progress_eta
            );
            let style =
                ProgressStyle::with_template(&template).unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style.progress_chars("#>-"));
            bar.set_prefix(t.progress_indexing);
            bar.reset_eta();
        }
    }
}
