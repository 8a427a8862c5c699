use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use newsdesk::cli::{Cli, Command};
use newsdesk::commands;

fn main() -> ExitCode {
    newsdesk::guard::install_quiet_hook();
    let cli = Cli::parse();
    let mut library = cli.library;
    let result = match cli.command {
        None => {
            library.library = library.library.or(cli.dir);
            newsdesk::tui::run(&library)
        }
        Some(Command::Read { dir }) => {
            library.library = library.library.or(dir).or(cli.dir);
            newsdesk::tui::run(&library)
        }
        Some(Command::Show { file, json, explain }) => commands::show::run(&library, &file, json, explain),
        Some(Command::List { json }) => commands::list::run(&library, json),
        Some(Command::Index { rebuild }) => commands::index::run(&library, rebuild),
        Some(Command::Search { mut json, mut limit, query }) => {
            match newsdesk::cli::take_trailing_flags(query, &mut json, &mut limit, &mut library) {
                Ok(query) => commands::search::run(&library, &query.join(" "), limit, json),
                Err(err) => Err(err.into()),
            }
        }
        Some(Command::Links { file, json }) => commands::links::run(&library, &file, json),
        Some(Command::Similar { file, json, limit }) => commands::similar::run(&library, &file, limit, json),
    };
    match result {
        Ok(code) => code,
        // `newsdesk list | head`: the reader of the output has all it wanted.
        Err(err) if output_closed(&*err) => ExitCode::SUCCESS,
        Err(err) => {
            // Messages quote paths and other text from outside: shown safely.
            let message = newsdesk::shown::shown_text(&format!("{err:#}"));
            let _ = writeln!(io::stderr(), "newsdesk: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Whether `err` (or its cause) is a write to a pipe whose reader has gone.
fn output_closed(err: &(dyn Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(err) = next {
        let kind = err
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| err.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind));
        if kind == Some(io::ErrorKind::BrokenPipe) {
            return true;
        }
        next = err.source();
    }
    false
}
