//! One file per subcommand; each prints to stdout and reports skipped files on stderr.

/// A line on stderr. A closed stderr (`2>&1 | head`) is not worth dying of: `eprintln!` would
/// panic.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod common;
pub mod config;
pub mod index;
pub mod links;
pub mod list;
pub mod manual;
pub mod search;
pub mod show;
pub use crate::shown::{shown_path, shown_text};

/// An article's address as a command line takes it back: the path, and `--member M` for an
/// article inside a file of many.
pub fn shown_address(path: &std::path::Path, member: Option<&str>) -> String {
    match member {
        Some(member) => format!("{} --member {}", shown_path(path), shown_text(member)),
        None => shown_path(path),
    }
}
