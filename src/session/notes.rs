//! The session's side of highlights, notes and tags: the store opened beside the state file,
//! an article's annotations attached as it arrives, and the app's changes stored.

use super::Session;
use crate::app::{Action, StoreChange};
use crate::store::{article_key, Store};
use crate::strings::fill;

impl Session {
    /// Opens the store in the state folder; what it had to say becomes a notice.
    pub(super) fn open_store(&mut self) {
        let Some(dir) = self.state_file.parent() else { return };
        match Store::open(dir) {
            Ok(opened) => {
                for note in opened.notes {
                    self.app.update(Action::Notice(note));
                }
                self.store = Some(opened.store);
            }
            Err(why) => {
                let notice = fill(self.app.settings.text.store_read_only, &[("why", &why)]);
                self.app.update(Action::Notice(notice));
            }
        }
    }

    /// Applies a worker's result; an article arriving gets its highlights, notes and tags.
    pub(super) fn deliver(&mut self, mut action: Action) {
        if let (Action::ArticleLoaded(loaded) | Action::PreviewLoaded(loaded), Some(store)) =
            (&mut action, self.store.as_ref())
        {
            match store.annotations(&article_key(&loaded.article.address())) {
                Ok(annotations) => loaded.annotations = annotations,
                Err(why) => self.say_not_saved(why),
            }
        }
        self.app.update(action);
    }

    pub(super) fn store_change(&mut self, change: StoreChange) {
        let Some(store) = self.store.as_mut() else { return };
        let result = match change {
            StoreChange::PutHighlight(highlight) => store.put_highlight(&highlight),
            StoreChange::DeleteHighlight(id) => store.delete_highlight(&id).map(drop),
            StoreChange::ArticleNote { article, title, note } => {
                store.set_article_note(&article, &title, &note)
            }
            StoreChange::Tags { article, edit } => store.edit_tags(&article, &edit).map(drop),
            StoreChange::Detached(found) => store.set_detached(&found),
        };
        match result {
            Ok(()) => {
                self.store_failed = false;
                // `note:` and the like answer from the store: the search runs again.
                self.app.search.ran = None;
            }
            Err(why) => self.say_not_saved(why),
        }
    }

    pub(super) fn list_highlights(&mut self) {
        let listed = self.store.as_ref().map_or(Ok(Vec::new()), Store::all_highlights);
        match listed {
            Ok(all) => self.app.update(Action::HighlightsListed(all)),
            Err(why) => self.say_not_saved(why),
        }
    }

    pub(super) fn list_tags(&mut self) {
        if let Some(Ok(tags)) = self.store.as_ref().map(Store::all_tags) {
            self.app.update(Action::TagsKnown(tags));
        }
    }

    /// A store that refuses changes: said once until a change goes through again (a
    /// read-only store said so when it opened).
    fn say_not_saved(&mut self, why: String) {
        let read_only = self.store.as_ref().is_some_and(|store| store.read_only().is_some());
        if !self.store_failed && !read_only {
            let notice = fill(self.app.settings.text.store_not_saved, &[("why", &why)]);
            self.app.update(Action::Notice(notice));
        }
        self.store_failed = true;
    }
}
