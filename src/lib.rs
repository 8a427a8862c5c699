//! newsdesk: a terminal reader and full-text search for news articles saved on disk.

pub mod app;
pub mod article;
pub mod cli;
pub mod commands;
pub mod guard;
pub mod index;
pub mod parse;
pub mod paths;
pub mod scan;
pub mod text;
pub mod tui;
pub mod ui;

/// Every command's result: an exit code, or an error printed as `newsdesk: …`.
pub type CommandResult = Result<std::process::ExitCode, Box<dyn std::error::Error + Send + Sync>>;
