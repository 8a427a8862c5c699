//! `H`: every highlight and note in the library, newest first, grouped by article (an
//! article's rows together, articles by their newest highlight), filtered as you type.

use super::{editor, Action, App, Cursor, Effect};
use crate::store::{article_path, grouped_by_article, Highlight};

#[derive(Debug, Clone, Default)]
pub struct HighlightsView {
    /// Newest first, as the store lists them (`None` until it answers).
    pub all: Vec<Highlight>,
    pub loaded: bool,
    pub filter: String,
    pub cursor: Cursor,
}

impl HighlightsView {
    /// The rows shown: those matching the filter (accents and case aside, in the quote, the
    /// note or the title), grouped by article in the order of each article's newest one.
    pub fn rows(&self) -> Vec<&Highlight> {
        let words: Vec<String> =
            crate::text::fold(&self.filter).split_whitespace().map(str::to_string).collect();
        grouped_by_article(&self.all).into_iter().filter(|h| h.matches(&words)).collect()
    }
}

impl App {
    pub(super) fn show_highlights(&mut self) {
        self.highlights_view = Some(HighlightsView::default());
        self.effects.push(Effect::ListHighlights);
    }

    /// Keys while the view is up; true when the action was used.
    pub(super) fn update_highlights_view(&mut self, action: &Action) -> bool {
        let Some(view) = self.highlights_view.as_mut() else { return false };
        let len = view.rows().len();
        let page = (self.size.height as isize - 6).max(1);
        match action {
            Action::Up => view.cursor.step(-1, len),
            Action::Down => view.cursor.step(1, len),
            Action::PageUp => view.cursor.step(-page, len),
            Action::PageDown => view.cursor.step(page, len),
            Action::EditInput(c) => {
                editor::insert(&mut view.filter, c.encode_utf8(&mut [0; 4]), editor::MAX_LINE_CHARS);
                view.cursor = Cursor::default();
            }
            Action::Paste(text) => {
                editor::insert(&mut view.filter, text, editor::MAX_LINE_CHARS);
                view.cursor = Cursor::default();
            }
            Action::EditDeleteChar => {
                view.filter.pop();
            }
            Action::EditDeleteWord => editor::delete_word(&mut view.filter),
            Action::EditClear => view.filter.clear(),
            Action::Escape => self.highlights_view = None,
            Action::Activate => {
                let chosen = view.rows().get(view.cursor.selected).map(|h| (h.article.clone(), h.id.clone()));
                self.highlights_view = None;
                if let Some((article, id)) = chosen {
                    self.pending_passage = Some(id);
                    self.open_path(article_path(&article), true);
                    if self.loading.is_none() {
                        // Open already: no load to wait for.
                        self.scroll_to_pending_passage();
                    }
                }
            }
            Action::DeleteHighlight => {
                if let Some(highlight) = view.rows().get(view.cursor.selected).map(|h| (*h).clone()) {
                    self.deleted(highlight);
                }
            }
            Action::HighlightsListed(all) => {
                view.all = all.clone();
                view.loaded = true;
            }
            Action::Quit | Action::Suspend => return false,
            action if super::update::is_from_user(action) => {}
            _ => return false,
        }
        if let Some(view) = self.highlights_view.as_mut() {
            let len = view.rows().len();
            view.cursor.clamp(len, usize::MAX / 2);
        }
        true
    }
}
