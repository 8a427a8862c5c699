//! Moving around: focus, n/N matches, the related pane toggle, URLs, and the mouse.

use ratatui::layout::Position;

use super::{inner, App, Effect, Focus, Mode, Pane};
use crate::handoff::{ClipboardText, WebUrl};
use crate::strings::fill;

/// Lines (or items) one wheel notch scrolls.
const WHEEL_STEP: isize = 3;

impl App {
    /// Moves focus among the panes that can be focused; `wrap` goes round at the ends.
    pub(super) fn cycle_focus(&mut self, delta: isize, wrap: bool) {
        let Focus::Pane(current) = self.focus else {
            self.focus = Focus::Pane(Pane::List);
            return;
        };
        let panes: Vec<Pane> = Pane::ALL
            .into_iter()
            .filter(|pane| {
                *pane != Pane::Related || !(self.related_hidden && self.areas().mode != Mode::Narrow)
            })
            .collect();
        let at = panes.iter().position(|pane| *pane == current).unwrap_or(0) as isize;
        let len = panes.len() as isize;
        let next = if wrap { (at + delta).rem_euclid(len) } else { (at + delta).clamp(0, len - 1) };
        self.focus = Focus::Pane(panes[next as usize]);
    }

    pub(super) fn toggle_related(&mut self) {
        self.related_hidden = !self.related_hidden;
        if self.related_hidden
            && self.focus == Focus::Pane(Pane::Related)
            && self.areas().mode != Mode::Narrow
        {
            self.focus = Focus::Pane(Pane::Reader);
        }
    }

    /// To the next library of the config (the loop opens it).
    pub(super) fn switch_library(&mut self) {
        let libraries = &self.settings.libraries;
        if libraries.len() < 2 {
            self.notice = Some(self.settings.text.one_library.into());
            return;
        }
        let current = libraries.iter().position(|(_, path)| *path == self.library);
        let (name, path) = libraries[current.map_or(0, |at| (at + 1) % libraries.len())].clone();
        self.effects.push(Effect::SwitchLibrary(name, path));
    }

    /// n/N: scrolls to the next or previous line holding a query term.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let Some(open) = self.open.as_mut() else { return };
        let lines = &open.doc.match_lines;
        if lines.is_empty() {
            self.notice = Some(self.settings.text.no_matches.into());
            return;
        }
        let index = match (open.current_match, forward) {
            (Some(at), true) => (at + 1) % lines.len(),
            (Some(at), false) => (at + lines.len() - 1) % lines.len(),
            (None, true) => lines.iter().position(|line| *line >= open.scroll).unwrap_or(0),
            (None, false) => lines.iter().rposition(|line| *line < open.scroll).unwrap_or(lines.len() - 1),
        };
        // Two lines of context above the match.
        open.scroll = lines[index].saturating_sub(2);
        open.current_match = Some(index);
        let total = lines.len();
        self.notice =
            Some(fill(self.settings.text.match_position, &[("index", &(index + 1)), ("total", &total)]));
        self.focus = Focus::Pane(Pane::Reader);
    }

    /// The selected related link's URL in the related pane, else the open article's.
    fn url_and_title(&self) -> (Option<String>, Option<String>) {
        if self.focus == Focus::Pane(Pane::Related) {
            if let Some(link) = self.selected_related() {
                return (link.link.url.clone(), Some(link.link.title.clone()));
            }
        }
        match &self.open {
            Some(open) => (open.loaded.article.url.clone(), Some(open.loaded.article.title.clone())),
            None => (None, self.selected_summary().map(|s| s.title.clone())),
        }
    }

    /// Only a parsed http(s) link is handed on; anything else is refused with a message.
    pub(super) fn open_url(&mut self) {
        let t = self.settings.text;
        let Some(url) = self.url_and_title().0 else {
            self.notice = Some(t.nothing_to_open.into());
            return;
        };
        match WebUrl::parse(&url) {
            Ok(url) => {
                self.notice = Some(fill(t.opening, &[("url", &url.as_str())]));
                self.effects.push(Effect::OpenInBrowser(url));
            }
            Err(refusal) => self.notice = Some(t.refusal(&refusal)),
        }
    }

    pub(super) fn copy_url(&mut self) {
        let t = self.settings.text;
        let (copied, text) = match self.url_and_title() {
            (Some(url), _) => (t.copied_url, url),
            (None, Some(title)) => (t.copied_title, title),
            (None, None) => (t.nothing_to_copy, String::new()),
        };
        let notice = match ClipboardText::new(&text) {
            Ok(Some(text)) => {
                self.effects.push(Effect::Copy(text));
                copied.to_string()
            }
            Ok(None) => t.nothing_to_copy.to_string(),
            Err(bytes) => {
                let max = crate::handoff::MAX_CLIPBOARD_BYTES / 1024;
                fill(t.too_long_to_copy, &[("bytes", &bytes), ("max", &max)])
            }
        };
        self.notice = Some(notice);
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        let areas = self.areas();
        let at = Position::new(column, row);
        if areas.search.contains(at) {
            self.focus = Focus::Search;
            return;
        }
        if areas.tabs.contains(at) {
            let third = (column - areas.tabs.x) as usize * Pane::ALL.len() / areas.tabs.width.max(1) as usize;
            self.focus = Focus::Pane(Pane::ALL[third.min(Pane::ALL.len() - 1)]);
            return;
        }
        let Some(pane) = areas.pane_at(column, row) else { return };
        self.focus = Focus::Pane(pane);
        let inside = inner(areas.pane(pane));
        if !inside.contains(at) {
            return;
        }
        let line = (row - inside.y) as usize;
        match pane {
            Pane::List => {
                let item = self.list_cursor().offset + line / self.list_item_height();
                if item < self.list_len() {
                    self.list_cursor_mut().selected = item;
                }
            }
            Pane::Related => {
                if let Some(open) = self.open.as_mut() {
                    let rows = open.related_rows(inside.width as usize);
                    if let Some(entry) = rows.get(open.related.offset + line).and_then(|r| r.entry()) {
                        open.related.selected = entry;
                    }
                }
            }
            Pane::Reader => {}
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, down: bool) {
        let Some(pane) = self.areas().pane_at(column, row) else { return };
        let sign = if down { 1 } else { -1 };
        let focus = self.focus;
        self.focus = Focus::Pane(pane);
        match pane {
            Pane::Reader => self.scroll_reader(sign * WHEEL_STEP),
            Pane::List => self.move_by(sign * WHEEL_STEP),
            Pane::Related => self.move_by(sign),
        }
        // The wheel scrolls without taking the keyboard focus.
        self.focus = focus;
    }
}
