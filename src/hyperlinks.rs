//! OSC 8 hyperlinks, written after ratatui has drawn a frame: the text is drawn as usual (so
//! every width ratatui computes stays right), then the cells of each link are written again
//! between an OSC 8 opening and closing sequence, the cursor saved and restored around it.
//! Cells that were a link in the last frame and are not any more are written again plainly
//! (ratatui would not rewrite an unchanged cell, and the terminal would keep its link).

use std::io::{self, Write};

use ratatui::backend::Backend;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use crate::config::LinksMode;
use crate::ui::Hyperlink;

/// Whether to write links: the config's `links`, and for `auto` what the environment says of
/// the terminal (`TERM_PROGRAM`, `TERM`, `VTE_VERSION`…): unknown terminals get none.
pub fn enabled(mode: LinksMode, var: impl Fn(&str) -> Option<String>) -> bool {
    match mode {
        LinksMode::Always => true,
        LinksMode::Never => false,
        LinksMode::Auto => terminal_supports_links(var),
    }
}

fn version(text: &str) -> Vec<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|part| !part.is_empty())
        .filter_map(|n| n.parse().ok())
        .collect()
}

/// Terminals known to support OSC 8 (a closed list; anything else is off under `auto`).
fn terminal_supports_links(var: impl Fn(&str) -> Option<String>) -> bool {
    let program = var("TERM_PROGRAM").unwrap_or_default();
    if program == "tmux" {
        // tmux passes links on from 3.4, to outer terminals that support them.
        return version(&var("TERM_PROGRAM_VERSION").unwrap_or_default()) >= vec![3, 4];
    }
    let term = var("TERM").unwrap_or_default();
    if term.starts_with("screen") || term.starts_with("tmux") || term == "dumb" || term == "linux" {
        return false;
    }
    matches!(program.as_str(), "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Tabby" | "rio")
        || matches!(term.as_str(), "xterm-kitty" | "xterm-ghostty" | "wezterm" | "alacritty" | "contour")
        || term.starts_with("foot")
        // VTE (GNOME Terminal, Tilix…) from 0.50.
        || var("VTE_VERSION").and_then(|v| v.parse::<u32>().ok()).is_some_and(|v| v >= 5000)
        || var("WT_SESSION").is_some()
}

/// The cells of a run as the frame drew them: a wide character's hidden half left out.
fn run_cells(buffer: &Buffer, run: Rect) -> Cells {
    let area = buffer.area;
    let mut cells = Vec::new();
    let mut x = run.x;
    while x < run.right().min(area.right()) && (area.top()..area.bottom()).contains(&run.y) {
        let cell = &buffer[(x, run.y)];
        let width = cell.symbol().width().max(1) as u16;
        if cell.diff_option != CellDiffOption::Skip {
            cells.push((x, run.y, cell.clone()));
        }
        x = x.saturating_add(width);
    }
    cells
}

/// The links written after the last frame.
#[derive(Debug, Default)]
pub struct LinkWriter {
    shown: Vec<(String, Rect)>,
}

/// Cells to write again, where they are.
type Cells = Vec<(u16, u16, Cell)>;

/// What to write after one frame: link groups with their URL, and unlinked cells.
#[derive(Debug, Default)]
pub struct Pending {
    groups: Vec<(Option<String>, Cells)>,
}

impl LinkWriter {
    /// Takes what to write from the frame just drawn (before the terminal is borrowed again).
    pub fn prepare(&mut self, buffer: &Buffer, links: &[Hyperlink]) -> Pending {
        let now: Vec<(String, Rect)> =
            links.iter().flat_map(|link| link.runs.iter().map(|run| (link.url.clone(), *run))).collect();
        let mut groups = Vec::new();
        let gone: Cells = self
            .shown
            .iter()
            .filter(|shown| !now.contains(shown))
            .flat_map(|(_, run)| run_cells(buffer, *run))
            .collect();
        if !gone.is_empty() {
            groups.push((None, gone));
        }
        // A URL is written into an escape sequence: only ones with nothing that could end it.
        for link in links.iter().filter(|link| !link.url.chars().any(|c| c.is_control())) {
            let cells: Vec<_> = link.runs.iter().flat_map(|run| run_cells(buffer, *run)).collect();
            if !cells.is_empty() {
                groups.push((Some(link.url.clone()), cells));
            }
        }
        self.shown = now;
        Pending { groups }
    }

    /// Writes the pending links through the backend that drew the frame.
    pub fn write<B: Backend<Error = io::Error> + Write>(backend: &mut B, pending: Pending) -> io::Result<()> {
        if pending.groups.is_empty() {
            return Ok(());
        }
        // DECSC / DECRC: the cursor (the search line's) goes back where the frame left it.
        backend.write_all(b"\x1b7")?;
        for (url, cells) in &pending.groups {
            if let Some(url) = url {
                write!(backend, "\x1b]8;;{url}\x1b\\")?;
            }
            backend.draw(cells.iter().map(|(x, y, cell)| (*x, *y, cell)))?;
            if url.is_some() {
                backend.write_all(b"\x1b]8;;\x1b\\")?;
            }
        }
        backend.write_all(b"\x1b8")?;
        Backend::flush(backend)
    }
}

#[cfg(test)]
#[path = "hyperlinks_tests.rs"]
mod tests;
