//! `H`: every highlight and note in the library, newest first, grouped by article (an
//! article's rows together, articles by their newest highlight), filtered as you type.

use super::editor::{LineEditor, Purpose};
use super::{editor, Action, App, Cursor, Effect};
use crate::store::{article_address, grouped_by_article, Highlight};

#[derive(Debug, Clone, Default)]
pub struct HighlightsView {
    /// Newest first, as the store lists them.
    pub all: Vec<Highlight>,
    pub loaded: bool,
    pub filter: String,
    pub cursor: Cursor,
    /// Each of `all`, folded (see [`Highlight::folded`]): a key in the filter folds nothing.
    folded: Vec<String>,
    /// Indexes into `all`: grouped by article, then those the filter keeps.
    grouped: Vec<usize>,
    shown: Vec<usize>,
}

impl HighlightsView {
    /// The rows shown: those matching the filter (accents and case aside, in the quote, the
    /// note or the title), grouped by article in the order of each article's newest one.
    pub fn rows(&self) -> Vec<&Highlight> {
        self.shown.iter().map(|&at| &self.all[at]).collect()
    }

    /// After `all` changed: folded again, grouped again, filtered again.
    pub fn reindex(&mut self) {
        self.folded = self.all.iter().map(Highlight::folded).collect();
        self.grouped = grouped_by_article(&self.all);
        self.refilter();
    }

    /// After the filter changed.
    fn refilter(&mut self) {
        let words: Vec<String> =
            crate::text::fold(&self.filter).split_whitespace().map(str::to_string).collect();
        let folded = &self.folded;
        self.shown = self
            .grouped
            .iter()
            .copied()
            .filter(|&at| words.iter().all(|word| folded[at].contains(word.as_str())))
            .collect();
        let len = self.shown.len();
        self.cursor.clamp(len, usize::MAX / 2);
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
        let len = view.shown.len();
        let page = (self.size.height as isize - 6).max(1);
        match action {
            Action::Up => view.cursor.step(-1, len),
            Action::Down => view.cursor.step(1, len),
            Action::PageUp => view.cursor.step(-page, len),
            Action::PageDown => view.cursor.step(page, len),
            Action::EditInput(c) => {
                editor::insert(&mut view.filter, c.encode_utf8(&mut [0; 4]), editor::MAX_LINE_CHARS);
                view.cursor = Cursor::default();
                view.refilter();
            }
            Action::Paste(text) => {
                editor::insert(&mut view.filter, text, editor::MAX_LINE_CHARS);
                view.cursor = Cursor::default();
                view.refilter();
            }
            Action::EditDeleteChar => {
                view.filter.pop();
                view.refilter();
            }
            Action::EditDeleteWord => {
                editor::delete_word(&mut view.filter);
                view.refilter();
            }
            Action::EditClear => {
                view.filter.clear();
                view.refilter();
            }
            Action::Escape => self.highlights_view = None,
            Action::Activate => {
                let chosen = view
                    .shown
                    .get(view.cursor.selected)
                    .map(|&at| (view.all[at].article.clone(), view.all[at].id.clone()));
                self.highlights_view = None;
                if let Some((article, id)) = chosen {
                    self.pending_passage = Some(id);
                    self.open_address(article_address(&article), true);
                    if self.loading.is_none() {
                        // Open already: no load to wait for.
                        self.scroll_to_pending_passage();
                    }
                }
            }
            Action::DeleteHighlight => {
                if let Some(highlight) = view.shown.get(view.cursor.selected).map(|&at| view.all[at].clone())
                {
                    self.deleted(highlight);
                }
            }
            Action::Annotate => {
                if let Some(h) = view.shown.get(view.cursor.selected).map(|&at| &view.all[at]) {
                    self.editor = Some(LineEditor::new(Purpose::HighlightNote(h.id.clone()), &h.note));
                }
            }
            Action::Undo => self.undo_delete(),
            Action::HighlightsListed(all) => {
                view.all = all.clone();
                view.loaded = true;
                view.reindex();
            }
            Action::Quit | Action::Suspend => return false,
            action if super::update::is_from_user(action) => {}
            _ => return false,
        }
        true
    }
}
