//! The session's side of read marks and reading positions: kept in the store, one transaction
//! per change; the JSON state file of earlier newsdesks imported once. Without a usable store
//! the marks are still read (from the store as it is, and the JSON file) and kept in memory,
//! and the reader says once that they are not saved.

use std::collections::BTreeMap;

use super::{state_file, Session};
use crate::app::{Action, Mark, Position, ReadState};
use crate::store::{Imported, ReadMark};
use crate::strings::fill;

impl Session {
    /// Takes in the stored marks, importing the JSON state file first if it never was.
    pub(super) fn load_read_marks(&mut self) {
        let source = state_file::FILE_NAME;
        let writable = self.store.as_ref().filter(|store| store.read_only().is_none()).is_some();
        let imported = self.store.as_ref().is_some_and(|store| store.was_imported(source).unwrap_or(false));
        let mut state = ReadState::default();
        if !imported {
            match state_file::read(&self.state_file) {
                Ok(None) => {}
                Ok(Some(json)) if writable => self.import(&json),
                // Not importable now: shown this run, imported at a start that can write.
                Ok(Some(json)) => state = json,
                Err(why) => self.app.update(Action::Notice(why)),
            }
        }
        match self.store.as_ref().map(|store| store.read_marks()) {
            Some(Ok(stored)) => state.merge(&from_store(stored)),
            Some(Err(why)) => {
                let notice = fill(self.app.settings.text.state_not_loaded, &[("why", &why)]);
                self.app.update(Action::Notice(notice));
            }
            None => {}
        }
        self.app.update(Action::StateLoaded(state));
    }

    fn import(&mut self, json: &ReadState) {
        let Some(store) = self.store.as_mut() else { return };
        let marks: BTreeMap<String, ReadMark> =
            json.articles.iter().map(|(key, mark)| (key.clone(), to_store(*mark))).collect();
        let file = crate::shown::shown_path(&self.state_file);
        match store.import_read_marks(state_file::FILE_NAME, &marks) {
            Ok(Imported::Took(count)) => {
                let args: [(&str, &dyn std::fmt::Display); 2] = [("count", &count), ("file", &file)];
                let notice = fill(self.app.settings.text.state_imported, &args);
                self.app.update(Action::Notice(notice));
            }
            Ok(Imported::Already) => {}
            Err(why) => {
                let notice = fill(self.app.settings.text.state_not_saved, &[("why", &why)]);
                self.app.update(Action::Notice(notice));
            }
        }
    }

    /// Saves the marks changed since the last save, each in its own transaction, then takes in
    /// what other readers stored meanwhile. A mark that could not be saved is tried again at
    /// the next change; the reader is told once.
    pub(super) fn save_read_marks(&mut self) {
        if self.app.unsaved_marks.is_empty() {
            return;
        }
        let not_writable = self.app.settings.text.store_not_writable;
        let result = match self.store.as_mut() {
            None => Err(not_writable.to_string()),
            Some(store) if store.read_only().is_some() => {
                Err(store.read_only().filter(|why| !why.is_empty()).unwrap_or(not_writable).to_string())
            }
            Some(store) => {
                let mut result = Ok(());
                let keys: Vec<String> = self.app.unsaved_marks.iter().cloned().collect();
                for key in keys {
                    let Some(mark) = self.app.read_state.articles.get(&key) else { continue };
                    if let Err(why) = store.put_read_mark(&key, to_store(*mark)) {
                        result = Err(why);
                        break;
                    }
                    self.app.unsaved_marks.remove(&key);
                }
                result.and_then(|()| store.read_marks())
            }
        };
        match result {
            Ok(stored) => {
                self.state_save_failed = false;
                // Another reader's marks show here too; ours stand where they are newer.
                let mut merged = from_store(stored);
                merged.merge(&self.app.read_state);
                self.app.update(Action::StateLoaded(merged));
            }
            Err(why) if !self.state_save_failed => {
                self.state_save_failed = true;
                let notice = fill(self.app.settings.text.state_not_saved, &[("why", &why)]);
                self.app.update(Action::Notice(notice));
            }
            Err(_) => {}
        }
    }
}

fn to_store(mark: Mark) -> ReadMark {
    ReadMark { line: mark.position.line, of: mark.position.of, at: mark.at }
}

fn from_store(stored: BTreeMap<String, ReadMark>) -> ReadState {
    let articles = stored
        .into_iter()
        .map(|(key, mark)| (key, Mark { position: Position { line: mark.line, of: mark.of }, at: mark.at }))
        .collect();
    ReadState { articles }
}
