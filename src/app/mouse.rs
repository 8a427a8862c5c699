//! Selecting with the mouse: a left-button drag over the article's text makes the selection
//! `v` makes (whole words), and releasing the button leaves it pending for Enter or Esc.

use super::selection::Selection;
use super::{inner, text_width, App, OpenArticle, Pane};

impl OpenArticle {
    /// The offset in the passages' text under `column` of layout line `line`, if that line shows
    /// some of it (a line past the text's end: its end).
    fn offset_at(&self, line: usize, column: usize) -> Option<usize> {
        let source = self.doc.sources.get(line)?.clone()?;
        let text = self.passages.text.get(source.clone())?;
        let lead = text.trim_start();
        let skipped = text.len() - lead.len();
        // The line may start with a mark of its own (a list's bullet, a quote's bar): the text
        // starts where its first characters are shown.
        let shown: String = self.doc.lines.get(line)?.iter().map(|segment| segment.text.as_str()).collect();
        let probe: String = lead.chars().take(6).collect();
        let indent = shown.find(probe.as_str()).map_or(0, |at| text_width(&shown[..at]));
        let column = column.saturating_sub(indent);
        let mut width = 0;
        for (at, c) in lead.char_indices() {
            width += text_width(c.encode_utf8(&mut [0; 4]));
            if width > column {
                return Some(source.start + skipped + at);
            }
        }
        Some(source.end)
    }
}

impl App {
    /// The text offset under a point of the screen, when it is over the article's text.
    fn article_offset(&self, column: u16, row: u16) -> Option<usize> {
        let open = self.open.as_ref()?;
        let inside = inner(self.areas().reader);
        if self.areas().pane_at(column, row) != Some(Pane::Reader) || inside.is_empty() {
            return None;
        }
        let row = row.clamp(inside.y, inside.bottom() - 1);
        let line = open.scroll + (row - inside.y) as usize;
        // Below the last line of text: the text's end.
        let line = line.min(open.doc.sources.iter().rposition(Option::is_some)?);
        let line = (0..=line).rev().find(|&at| open.doc.sources[at].is_some())?;
        open.offset_at(line, column.saturating_sub(inside.x) as usize)
    }

    /// The left button went down: where a drag would start.
    pub(super) fn press_at(&mut self, column: u16, row: u16) {
        self.drag_from = self.article_offset(column, row);
    }

    /// The pointer moved with the button down: the selection from where it went down to here,
    /// in whole words.
    pub(super) fn drag_to(&mut self, column: u16, row: u16) {
        let (Some(from), Some(to)) = (self.drag_from, self.article_offset(column, row)) else { return };
        let Some(open) = self.open.as_mut() else { return };
        let Some(selection) = Selection::spanning(&open.passages.text, from.min(to), from.max(to)) else {
            return;
        };
        open.selection = Some(selection);
        self.relayout_open();
    }
}
