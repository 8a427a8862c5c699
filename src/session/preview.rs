//! Previews of the list's selection: asked for on every move, loaded off the UI thread once the
//! selection has rested for `DEBOUNCE`, so holding j parses one article, not every one it passes.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::load::{caught, load_article};
use crate::app::Action;
use crate::index::Index;
use crate::scan::Library;

/// How long the selection must rest before its article is loaded. Key repeat is 25–40 ms, so
/// a held key never gets there; a single press is shown after about a frame's wait on top.
pub const DEBOUNCE: Duration = Duration::from_millis(90);

#[derive(Default)]
pub struct PreviewLoader {
    /// The latest request and when it was made.
    pending: Option<(PathBuf, Instant)>,
    worker: Option<Sender<PathBuf>>,
    /// Requests handed to the worker so far.
    pub sent: usize,
}

impl PreviewLoader {
    /// A newer request replaces an older one and restarts the wait.
    pub fn request(&mut self, path: PathBuf, now: Instant) {
        self.pending = Some((path, now));
    }

    /// When the pending request is due.
    pub fn due(&self) -> Option<Instant> {
        self.pending.as_ref().map(|(_, asked)| *asked + DEBOUNCE)
    }

    /// Hands a due request to the worker if the app still `wants` it; the worker sends the
    /// article back on `results` as `PreviewLoaded` (or `ArticleFailed`).
    pub fn tick(
        &mut self,
        now: Instant,
        wants: Option<&Path>,
        (files, index): (Option<&Library>, Option<&Arc<Index>>),
        results: &Sender<Action>,
    ) {
        if self.due().is_none_or(|due| now < due) {
            return;
        }
        let Some((path, _)) = self.pending.take() else { return };
        if wants != Some(path.as_path()) {
            return;
        }
        let worker = self.worker.get_or_insert_with(|| {
            let (requests, inbox) = channel();
            let (files, index, results) = (files.cloned(), index.cloned(), results.clone());
            std::thread::spawn(move || load_previews(files.as_ref(), index.as_deref(), &inbox, &results));
            requests
        });
        if worker.send(path).is_ok() {
            self.sent += 1;
        }
    }
}

/// The worker: loads the newest request, skipping any it has been overtaken by.
fn load_previews(
    files: Option<&Library>,
    index: Option<&Index>,
    inbox: &Receiver<PathBuf>,
    results: &Sender<Action>,
) {
    while let Ok(mut path) = inbox.recv() {
        while let Ok(newer) = inbox.try_recv() {
            path = newer;
        }
        let action = match caught(|| load_article(files, index, &path)) {
            Ok(Action::ArticleLoaded(loaded)) => Action::PreviewLoaded(loaded),
            Ok(failed) => failed,
            Err(message) => Action::ArticleFailed { path, message },
        };
        if results.send(action).is_err() {
            return;
        }
    }
}
