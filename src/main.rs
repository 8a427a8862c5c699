use std::process::ExitCode;

use clap::Parser;
use newsdesk::app::Settings;
use newsdesk::cli::{Cli, Command};
use newsdesk::commands;
use newsdesk::config::Config;
use newsdesk::strings::{self, Lang};

fn main() -> ExitCode {
    newsdesk::guard::install_quiet_hook();
    // Until the config is read, its errors speak the locale's language.
    strings::set_process_language(Lang::from_env());
    let cli = Cli::parse();
    let result = match cli.command {
        // These work whatever state the config is in: they help to write or repair it.
        Some(Command::Config { action }) => commands::config::run(action, cli.config.as_deref()),
        Some(Command::Completions { shell }) => commands::manual::completions(shell),
        Some(Command::Man) => commands::manual::man(),
        command => match load(&cli.config) {
            Ok((config, settings)) => run(command, cli.dir, cli.library, &config, settings),
            Err(err) => Err(err),
        },
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("{}", strings::fill(strings::text().error_prefix, &[("error", &format!("{err:#}"))]));
            ExitCode::FAILURE
        }
    }
}

/// The whole config, keys included, or its errors: nothing starts on a half-read config.
fn load(
    file: &Option<std::path::PathBuf>,
) -> Result<(Config, Settings), Box<dyn std::error::Error + Send + Sync>> {
    let config = Config::load(file.as_deref())?;
    strings::set_process_language(config.lang());
    let settings = Settings::from_config(&config)?;
    Ok((config, settings))
}

fn run(
    command: Option<Command>,
    dir: Option<std::path::PathBuf>,
    mut library: newsdesk::cli::LibraryArgs,
    config: &Config,
    settings: Settings,
) -> newsdesk::CommandResult {
    match command {
        None => {
            library.library = library.library.or(dir);
            newsdesk::tui::run(&library, config, settings)
        }
        Some(Command::Read { dir: read_dir }) => {
            library.library = library.library.or(read_dir).or(dir);
            newsdesk::tui::run(&library, config, settings)
        }
        Some(Command::Show { file, json }) => commands::show::run(&file, json),
        Some(Command::List { json }) => commands::list::run(&library, config, json),
        Some(Command::Index { rebuild }) => commands::index::run(&library, config, rebuild),
        Some(Command::Search { mut json, mut limit, query }) => {
            match newsdesk::cli::take_trailing_flags(query, &mut json, &mut limit, &mut library) {
                Ok(query) => commands::search::run(&library, config, &query.join(" "), limit, json),
                Err(err) => Err(err.into()),
            }
        }
        Some(Command::Links { file, json }) => commands::links::run(&library, config, &file, json),
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled before the config is read")
        }
    }
}
