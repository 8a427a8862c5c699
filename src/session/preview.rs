//! Previews of the list's selection: asked for on every move, loaded off the UI thread once the
//! selection has rested for `DEBOUNCE`, so holding j parses one article, not every one it passes.

use std::sync::mpsc::Sender;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::load::Loader;
use crate::app::Action;
use crate::article::Address;
use crate::index::Index;
use crate::scan::Library;

/// How long the selection must rest before its article is loaded. Key repeat is 25–40 ms, so
/// a held key never gets there; a single press is shown after about a frame's wait on top.
pub const DEBOUNCE: Duration = Duration::from_millis(90);

pub struct PreviewLoader {
    /// The latest request and when it was made.
    pending: Option<(Address, Instant)>,
    loader: Loader,
}

impl Default for PreviewLoader {
    fn default() -> Self {
        PreviewLoader { pending: None, loader: Loader::new(Action::PreviewLoaded) }
    }
}

impl PreviewLoader {
    /// A newer request replaces an older one and restarts the wait.
    pub fn request(&mut self, address: Address, now: Instant) {
        self.pending = Some((address, now));
    }

    /// When the pending request is due.
    pub fn due(&self) -> Option<Instant> {
        self.pending.as_ref().map(|(_, asked)| *asked + DEBOUNCE)
    }

    /// Requests handed to a worker so far.
    pub fn sent(&self) -> usize {
        self.loader.sent
    }

    /// Hands a due request to a worker if the app still `wants` it; the article comes back on
    /// `results` as `PreviewLoaded` (or `ArticleFailed`).
    pub fn tick(
        &mut self,
        now: Instant,
        wants: Option<&Address>,
        files: Option<&Library>,
        index: Option<&Arc<Index>>,
        results: &Sender<Action>,
    ) {
        if self.due().is_none_or(|due| now < due) {
            return;
        }
        let Some((address, _)) = self.pending.take() else { return };
        if wants == Some(&address) {
            self.loader.request(address, files, index, results);
        }
    }
}
