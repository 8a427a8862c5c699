//! The article pane follows the list: moving the selection previews the selected article
//! without opening it. A preview is not marked read and not put in the history until it is
//! opened: Enter, or moving into the article or related pane.

use super::{App, Effect, Focus, LoadedArticle, Pane};
use crate::article::Address;

impl App {
    /// Asks for a preview when the list's selection moved to another article. `list_driven`:
    /// the list or the search line has the keyboard, or the wheel scrolled the list.
    pub(super) fn follow_selection(&mut self, list_driven: bool) {
        let selected = self.selected_summary().map(|summary| summary.address());
        if selected == self.seen_selection {
            return;
        }
        self.seen_selection = selected.clone();
        let Some(address) = selected.filter(|_| list_driven) else { return };
        if self.open_is(&address) || self.loading.as_ref() == Some(&address) {
            // Back on the article already shown: a preview still on its way is not wanted.
            self.preview = None;
            return;
        }
        self.preview = Some(address.clone());
        self.effects.push(Effect::Preview(address));
    }

    pub(super) fn preview_loaded(&mut self, loaded: LoadedArticle) {
        if self.preview.as_ref().is_some_and(|wanted| loaded.article.is_at(wanted)) {
            self.preview = None;
            self.show_article(loaded, true);
        }
    }

    /// Looking at a preview from the article or related pane opens it (unless another article
    /// is on its way to replace it).
    pub(super) fn open_preview_on_focus(&mut self) {
        if matches!(self.focus, Focus::Pane(Pane::Reader | Pane::Related)) && self.loading.is_none() {
            self.open_preview(true);
        }
    }

    /// Turns the preview in the article pane into an opened article: read, and in the history
    /// (`push`: the article opened before it goes onto the back stack).
    pub(super) fn open_preview(&mut self, push: bool) {
        let Some(open) = self.open.as_mut().filter(|open| open.preview) else { return };
        open.preview = false;
        let (address, position) = (open.loaded.article.address(), open.position());
        self.remember(&address, position);
        self.visit(address, push);
    }

    /// Makes `address` the history's current article; `push` keeps the one before it for Back.
    pub(super) fn visit(&mut self, address: Address, push: bool) {
        let history = &mut self.history;
        if let Some(before) = history.current.replace(address.clone()) {
            if push && before != address {
                history.back.push(before);
                history.forward.clear();
            }
        }
    }

    pub(super) fn open_is(&self, address: &Address) -> bool {
        self.open.as_ref().is_some_and(|open| open.loaded.article.is_at(address))
    }
}
