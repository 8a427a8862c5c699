use std::error::Error;
use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use newsdesk::app::Settings;
use newsdesk::cli::{Cli, Command};
use newsdesk::commands;
use newsdesk::config::Config;
use newsdesk::strings::{self, Lang};

fn main() -> ExitCode {
    newsdesk::timeline::mark("main");
    newsdesk::guard::install_quiet_hook();
    // Until the config is read, its errors speak the locale's language.
    strings::set_process_language(Lang::from_env());
    let cli = Cli::parse();
    let result = match cli.command {
        // These work whatever state the config is in: they help to write or repair it.
        Some(Command::Config { action }) => commands::config::run(action, cli.config.as_deref()),
        Some(Command::Completions { shell }) => commands::manual::completions(shell),
        Some(Command::Man) => commands::manual::man(),
        command => match newsdesk::timeline::span("config", || load(&cli.config)) {
            Ok((config, settings)) => run(command, cli.dir, cli.library, &config, settings),
            Err(err) => Err(err),
        },
    };
    match result {
        Ok(code) => code,
        // `newsdesk list | head`: the reader of the output has all it wanted.
        Err(err) if output_closed(&*err) => ExitCode::SUCCESS,
        Err(err) => {
            // Messages quote paths and other text from outside: shown safely, line by line (a
            // config's problems take a line each).
            let message = format!("{err:#}");
            let lines: Vec<String> = message.lines().map(newsdesk::shown::shown_text).collect();
            let message = strings::fill(strings::text().error_prefix, &[("error", &lines.join("\n"))]);
            let _ = writeln!(io::stderr(), "{message}");
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
        Some(Command::Show { file, member, json, explain }) => {
            commands::show::run(&library, config, &file, member.as_deref(), json, explain)
        }
        Some(Command::List { json }) => commands::list::run(&library, config, json),
        Some(Command::Index { rebuild, verify, watch }) => {
            commands::index::run(&library, config, rebuild, verify, watch)
        }
        Some(Command::Search { mut json, mut limit, query }) => {
            match newsdesk::cli::take_trailing_flags(query, &mut json, &mut limit, &mut library) {
                Ok(query) => commands::search::run(&library, config, &query.join(" "), limit, json),
                Err(err) => Err(err.into()),
            }
        }
        Some(Command::Links { file, member, json }) => {
            commands::links::run(&library, config, &file, member.as_deref(), json)
        }
        Some(Command::Highlights { json, markdown, query }) => {
            commands::highlights::run(&library, config, &query.join(" "), json, markdown)
        }
        Some(Command::Export { file, member, json, .. }) => {
            commands::export::run(&library, config, &file, member.as_deref(), json)
        }
        Some(Command::Similar { file, member, json, limit }) => {
            commands::similar::run(&library, config, &file, member.as_deref(), (limit, json))
        }
        Some(Command::Config { .. } | Command::Completions { .. } | Command::Man) => {
            unreachable!("handled before the config is read")
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
