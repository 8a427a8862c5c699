//! One file per subcommand; each prints to stdout and reports skipped files on stderr.

mod common;
pub mod config;
pub mod index;
pub mod links;
pub mod list;
pub mod manual;
pub mod search;
pub mod show;
mod shown;

pub use shown::{shown_path, shown_text};
