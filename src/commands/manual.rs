//! `newsdesk completions SHELL` and `newsdesk man`: generated from the same clap definitions
//! that parse the arguments, so they cannot drift from them.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use roff::{bold, italic, roman, Roff};

use crate::cli::Cli;

pub fn completions(shell: clap_complete::Shell) -> crate::CommandResult {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, crate::strings::APP_NAME, &mut std::io::stdout().lock());
    Ok(ExitCode::SUCCESS)
}

/// The environment the program reads, for the man page.
const ENVIRONMENT: &[(&str, &str)] = &[
    ("NEWSDESK_CONFIG", "The config file, instead of config.toml in the user's config directory."),
    ("NEWSDESK_LIBRARY", "The library folder, when neither --library nor --library-name is given."),
    ("NEWSDESK_CACHE_DIR", "Where indexes are kept, one per library."),
    ("NEWSDESK_STATE_DIR", "Where the reader keeps read marks and reading positions."),
    (
        "LC_ALL, LC_MESSAGES, LANG",
        "A locale starting with vi selects the Vietnamese interface (the config's language comes first).",
    ),
    ("NO_COLOR", "When set and not empty, no colour is used; bold, reverse and underline remain."),
    ("BROWSER", "The browser the o key starts, unless the config sets open_command; else xdg-open."),
];

/// The roff manual page: clap's sections, every subcommand with its arguments, the
/// environment and the files.
pub fn man() -> crate::CommandResult {
    let mut command = Cli::command();
    // Built, so each subcommand carries the global flags its usage may name.
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = std::io::stdout().lock();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    let mut page = Roff::new();
    commands_section(&mut page, &command);
    page.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        page.control("TP", []).text([bold(*name)]).text([roman(*what)]);
    }
    page.control("SH", ["FILES"]);
    page.control("TP", []).text([italic("~/.config/newsdesk/config.toml")]);
    page.text([roman("The config file; "), bold("newsdesk config default"), roman(" prints every setting.")]);
    page.control("TP", []).text([italic("~/.cache/newsdesk/indexes/")]);
    page.text([roman("The indexes, one per library; always rebuildable from the library.")]);
    page.control("TP", []).text([italic("~/.local/state/newsdesk/reader-state.json")]);
    page.text([roman("Read marks and reading positions.")]);
    page.to_writer(&mut out)?;
    man.render_version_section(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One entry a subcommand (and one for each of its own): its usage, what it does, its arguments.
fn commands_section(page: &mut Roff, command: &clap::Command) {
    page.control("SH", ["COMMANDS"]);
    add_commands(page, command, command.get_name());
}

fn add_commands(page: &mut Roff, command: &clap::Command, path: &str) {
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set() && sub.get_name() != "help") {
        let name = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            add_commands(page, sub, &name);
            continue;
        }
        let usage = sub.clone().bin_name(&name).render_usage().to_string();
        page.control("TP", []).text([bold(usage.trim_start_matches("Usage: "))]);
        page.text([roman(sub.get_about().map(ToString::to_string).unwrap_or_default())]);
        let own = sub.get_arguments().filter(|arg| !arg.is_global_set() && !arg.is_hide_set());
        for arg in own.filter(|arg| !matches!(arg.get_id().as_str(), "help" | "version")) {
            let value = arg.get_value_names().and_then(|names| names.first()).map(ToString::to_string);
            let value = value.unwrap_or_else(|| arg.get_id().to_string().to_uppercase());
            let shown = match (arg.get_long(), arg.get_action().takes_values()) {
                (Some(long), true) => format!("--{long} <{value}>"),
                (Some(long), false) => format!("--{long}"),
                (None, _) => format!("<{value}>"),
            };
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            page.control("RS", []).text([bold(shown), roman("  "), roman(help)]).control("RE", []);
        }
    }
}
