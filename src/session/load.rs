//! Loading articles for the reader, off the UI thread: parse, resolve the links; a panic becomes
//! a message. A slow file never blocks keys, `q` or a signal.

use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex};

use crate::app::{Action, LoadedArticle};
use crate::article::Address;
use crate::index::Index;
use crate::parse::SkipReason;
use crate::scan::Library;

/// Parses the article at `address` (a member of a file of many is read from its file), then resolves its links unless `wanted` says it is no longer wanted (a newer
/// request superseded it): `None` then. `files`: the library, whose link policy every article
/// read keeps to (`None`: it is missing).
fn load_if_wanted(
    files: Option<&Library>,
    index: Option<&Index>,
    address: &Address,
    wanted: impl Fn() -> bool,
) -> Option<Action> {
    // Read as `index` read it: with the furniture it learned.
    let furniture = index.and_then(Index::furniture);
    let context = crate::parse::ParseContext { furniture: furniture.as_deref(), ..Default::default() };
    let read = match files {
        Some(files) => files.read_address(&address.path, address.member.as_deref(), context),
        None => Err(SkipReason::Unreadable(crate::strings::text().library_folder_missing.into())),
    };
    let mut article = match read {
        Ok(article) => article,
        Err(reason) => {
            return Some(Action::ArticleFailed { address: address.clone(), message: reason.to_string() })
        }
    };
    if !wanted() {
        return None;
    }
    // A reference to its URL (a Pocket or Instapaper entry) lends it its tags, state, highlights.
    if let Some(index) = index {
        article.attach(index.references_of(&article));
    }
    let (related, linked_from) = match index {
        Some(index) => (index.resolve_related(&article), index.linked_from(&article)),
        None => (Vec::new(), Vec::new()),
    };
    let related = if related.is_empty() && index.is_none() {
        article.related.iter().map(crate::index::ResolvedLink::unresolved).collect()
    } else {
        related
    };
    let loaded = LoadedArticle {
        article,
        related,
        linked_from,
        annotations: Default::default(),
        same_story: Vec::new(),
        similar: index.is_none().then(Vec::new),
    };
    Some(Action::ArticleLoaded(Box::new(loaded)))
}

/// Similar articles shown in the related pane.
pub const SIMILAR_SHOWN: usize = 8;

/// The other copies of `loaded`'s story and the saved articles like it, without those its
/// pane shows already (a related link's target, an article linking here).
fn find_similar(index: &Index, loaded: &LoadedArticle) -> Action {
    let article = &loaded.article;
    let same_story = index.same_story(article);
    let shown: std::collections::HashSet<Address> = (loaded.related.iter())
        .filter_map(|link| link.target.as_ref())
        .chain(&loaded.linked_from)
        .chain(&same_story)
        .map(|summary| summary.address())
        .collect();
    let mut similar = index.similar(article, SIMILAR_SHOWN + shown.len());
    similar.retain(|found| !shown.contains(&found.article.address()));
    similar.truncate(SIMILAR_SHOWN);
    Action::SimilarFound { address: article.address(), same_story, similar }
}

/// Runs `work`, turning a panic into its message: a worker reports it instead of dying silently.
pub(crate) fn caught<T>(work: impl FnOnce() -> T) -> Result<T, String> {
    let internal =
        |why: String| crate::strings::fill(crate::strings::text().internal_error, &[("why", &why)]);
    crate::guard::catch(work).map_err(internal)
}

/// Loads articles in worker threads, one per request, and sends each back as an action. Only
/// the newest request is wanted: an older one still parsing is let finish, but its result is
/// dropped, so a file that takes long never holds up the next one. A request for the article
/// already on its way starts nothing new.
pub(crate) struct Loader {
    wanted: Arc<Mutex<Option<Address>>>,
    /// Articles being loaded now.
    in_flight: Arc<Mutex<Vec<Address>>>,
    /// How loaded articles are reported (opened or previewed).
    report: fn(Box<LoadedArticle>) -> Action,
    /// Requests handed to a worker so far.
    pub sent: usize,
}

impl Loader {
    pub fn new(report: fn(Box<LoadedArticle>) -> Action) -> Loader {
        Loader { wanted: Arc::default(), in_flight: Arc::default(), report, sent: 0 }
    }

    pub fn request(
        &mut self,
        address: Address,
        files: Option<&Library>,
        index: Option<&Arc<Index>>,
        results: &Sender<Action>,
    ) {
        *lock(&self.wanted) = Some(address.clone());
        {
            let mut in_flight = lock(&self.in_flight);
            if in_flight.contains(&address) {
                return;
            }
            in_flight.push(address.clone());
        }
        self.sent += 1;
        let (wanted, in_flight, report) =
            (Arc::clone(&self.wanted), Arc::clone(&self.in_flight), self.report);
        let (files, index, results) = (files.cloned(), index.cloned(), results.clone());
        std::thread::spawn(move || loop {
            let is_wanted = || lock(&wanted).as_ref() == Some(&address);
            let loaded = caught(|| load_if_wanted(files.as_ref(), index.as_deref(), &address, is_wanted));
            // Under this lock a new request for the path either sees it in flight (and this
            // thread sees it wanted) or starts a load of its own.
            let mut flying = lock(&in_flight);
            let mut shown = None;
            let action = match loaded {
                _ if !is_wanted() => None,
                // Given up, then asked for again meanwhile: load it again.
                Ok(None) => continue,
                Ok(Some(Action::ArticleLoaded(loaded))) => {
                    shown = Some(loaded.clone());
                    Some(report(loaded))
                }
                Ok(Some(failed)) => Some(failed),
                Err(message) => Some(Action::ArticleFailed { address: address.clone(), message }),
            };
            flying.retain(|other| *other != address);
            drop(flying);
            if let Some(action) = action {
                let _ = results.send(action);
            }
            // The page's own links are on screen: now the library's similar articles, after them
            // (sent even when another article is wanted now: this one may be opened from its
            // preview without loading it again).
            if let (Some(shown), Some(index)) = (shown, index.as_deref()) {
                let found = caught(|| find_similar(index, &shown)).unwrap_or_else(|_| Action::SimilarFound {
                    address: address.clone(),
                    same_story: Vec::new(),
                    similar: Vec::new(),
                });
                let _ = results.send(found);
            }
            return;
        });
    }
}

/// A worker that panicked while holding the lock left plain data: still usable.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
