//! What newsdesk hands to other programs: a link to a browser, text to the terminal's clipboard.
//! Pure decisions (which argv, which bytes), so they are tested here; `tui` only runs them.

mod browser;
mod clipboard;

pub use browser::{browser_commands, Refusal, WebUrl};
pub use clipboard::{osc52, ClipboardText, MAX_CLIPBOARD_BYTES};
