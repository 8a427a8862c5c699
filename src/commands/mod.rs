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
pub mod export;
pub mod highlights;
pub mod index;
pub mod links;
pub mod list;
pub mod manual;
pub mod search;
pub mod show;
pub mod similar;
pub use crate::shown::{shown_address, shown_path, shown_text};
