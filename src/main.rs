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
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("newsdesk: {err:#}");
            ExitCode::FAILURE
        }
    }
}
