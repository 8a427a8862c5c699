//! newsdesk: a terminal reader and full-text search for news articles saved on disk.
//!
//! The layers, bottom to top; a module imports only from its own layer or the ones below it:
//!
//! 1. `article`, `text`, `shown`, `strings`, `cli`, `config`, `paths`, `guard`, `timeline`, `handoff` — the
//!    shared model, text cleaning, names made safe to print, every user-facing string (one table
//!    per language), arguments, the config file and locations, what is handed to other programs;
//! 2. `parse` — a saved file's bytes to an [`article::Article`] (pure);
//! 3. `scan` — walking the library folder;
//! 4. `index` — tantivy: keeping the index in step with the library, queries, links; `store` —
//!    SQLite: the reader's highlights, notes and tags, and where a highlight is in its article;
//! 5. `app` — the reader's state and its one `update(Action)`;
//! 6. `ui` (drawing `&App`) and `session` (the reader without a terminal: background work,
//!    previews, the state file), side by side;
//! 7. `tui` (the terminal alone) with `hyperlinks` (OSC 8 over a drawn frame), and `commands`
//!    (one file per subcommand); `main` dispatches.

pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod config;
pub mod guard;
pub mod handoff;
pub mod hyperlinks;
pub mod index;
pub mod parse;
pub mod paths;
pub mod scan;
pub mod session;
pub mod shown;
pub mod store;
pub mod strings;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod ui;

/// Every command's result: an exit code, or an error printed as `newsdesk: …`.
pub type CommandResult = Result<std::process::ExitCode, Box<dyn std::error::Error + Send + Sync>>;
