//! What the index knows of articles alike: the saved articles like one (similar), and the
//! copies of one story. The stories are grouped once per state of the index and kept (in
//! memory, and beside the index for the next process: see [`super::story_file`]).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, PoisonError, TryLockError};

use tantivy::{DocAddress, Searcher};

use super::columns::for_each_string;
use super::document::key_path;
use super::document::{key_of, stored, StoredHit};
use super::stories::{story_name, Stories};
use super::types::{ArticleSummary, SimilarArticle};
use super::{build, similar, stories, Index};
use crate::article::{newest_first, Address, Article};
use crate::guard;

/// The stories of one state of the index, by its searcher generation.
pub(super) type StoryCache = std::sync::Mutex<Option<(u64, Arc<Stories>)>>;

/// The stories in `cache` when they are those of `generation`.
fn current(cache: &Option<(u64, Arc<Stories>)>, generation: u64) -> Option<Arc<Stories>> {
    cache.as_ref().filter(|(seen, _)| *seen == generation).map(|(_, stories)| Arc::clone(stories))
}

impl Index {
    /// The stories of the state `searcher` sees: grouped at the first call after a change.
    pub(super) fn stories_of(&self, searcher: &Searcher) -> Arc<Stories> {
        let generation = searcher.generation().generation_id();
        let mut cache = self.stories.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(stories) = current(&cache, generation) {
            return stories;
        }
        let kept =
            crate::timeline::span("stories: kept file", || super::story_file::load(&self.dir, searcher));
        let grouped = Arc::new(kept.unwrap_or_else(|| {
            let grouped =
                crate::timeline::span("stories: grouped", || stories::group(searcher).unwrap_or_default());
            if self.read_only.is_none() {
                // Kept for the next process on this state; a failure only costs that a regroup.
                let _ = super::story_file::save(&self.dir, searcher, &grouped);
            }
            grouped
        }));
        *cache = Some((generation, Arc::clone(&grouped)));
        grouped
    }

    /// The stories of the documents at `addresses` (a search's hits): from this state's stories
    /// when they are in memory, else read for these documents alone from the kept file (a
    /// search in a new process reads a few blocks of it, not the library's stories), else
    /// grouped as [`Index::stories_of`] groups them.
    pub(super) fn stories_of_documents(
        &self,
        searcher: &Searcher,
        addresses: &[DocAddress],
    ) -> HashMap<DocAddress, u64> {
        if addresses.is_empty() {
            // No hits: nothing to fold, and no reason to group the library.
            return HashMap::new();
        }
        let generation = searcher.generation().generation_id();
        // Busy: another thread is loading or grouping them; the kept file answers meanwhile.
        let in_memory = match self.stories.try_lock() {
            Ok(cache) => current(&cache, generation),
            Err(TryLockError::Poisoned(cache)) => current(&cache.into_inner(), generation),
            Err(TryLockError::WouldBlock) => None,
        };
        let of = |stories: &Stories| -> HashMap<DocAddress, u64> {
            addresses.iter().filter_map(|address| Some((*address, stories.story(*address)?))).collect()
        };
        if let Some(stories) = in_memory {
            return of(&stories);
        }
        let kept = || super::story_file::story_ids(&self.dir, searcher, addresses);
        crate::timeline::span("stories: kept ids of the hits", kept)
            .unwrap_or_else(|| of(&self.stories_of(searcher)))
    }

    /// Groups the stories now, so the first article opened does not wait for it.
    pub fn prepare_stories(&self) {
        let _ = guard::catch(|| self.stories_of(&self.searcher()));
    }

    /// How many stories have more than one article.
    pub fn story_groups(&self) -> usize {
        guard::catch(|| self.stories_of(&self.searcher()).groups()).unwrap_or(0)
    }

    fn own_address(&self, searcher: &Searcher, article: &Article) -> Option<DocAddress> {
        let key = key_of(&self.library, &article.path)?;
        build::document_at(searcher, &self.fields, &key, article.member.as_deref())
    }

    fn summary(&self, searcher: &Searcher, address: DocAddress) -> Option<ArticleSummary> {
        stored::<StoredHit>(searcher, &self.fields, address, &self.library).map(|hit| hit.summary())
    }

    /// The saved articles most like `article`, best first: never itself or a copy of its
    /// story, and one article per story.
    pub fn similar(&self, article: &Article, limit: usize) -> Vec<SimilarArticle> {
        guard::catch(|| {
            let searcher = self.searcher();
            let stories = self.stories_of(&searcher);
            let own = self.own_address(&searcher, article);
            let mut seen: HashSet<u64> = own.and_then(|own| stories.story(own)).into_iter().collect();
            // Room for the copies dropped on the way.
            let found = similar::similar(
                &searcher,
                &self.fields,
                article,
                own,
                limit.saturating_mul(2).saturating_add(4),
            );
            found
                .into_iter()
                .filter(|(_, address)| stories.story(*address).is_none_or(|story| seen.insert(story)))
                .take(limit)
                .filter_map(|(closeness, address)| {
                    Some(SimilarArticle { article: self.summary(&searcher, address)?, closeness })
                })
                .collect()
        })
        .unwrap_or_default()
    }

    /// The other articles of `article`'s story, newest first.
    pub fn same_story(&self, article: &Article) -> Vec<ArticleSummary> {
        guard::catch(|| {
            let searcher = self.searcher();
            let Some(own) = self.own_address(&searcher, article) else { return Vec::new() };
            let stories = self.stories_of(&searcher);
            let mut copies: Vec<ArticleSummary> = (stories.copies(own).iter())
                .filter(|address| **address != own)
                .filter_map(|address| self.summary(&searcher, *address))
                .collect();
            copies.sort_by(|a, b| {
                newest_first((a.published, &a.title, &a.path), (b.published, &b.title, &b.path))
            });
            copies
        })
        .unwrap_or_default()
    }

    /// Each indexed article's story id, by address.
    pub fn stories_by_address(&self) -> HashMap<Address, String> {
        guard::catch(|| {
            let searcher = self.searcher();
            let stories = self.stories_of(&searcher);
            let mut members: HashMap<DocAddress, String> = HashMap::new();
            let _ = for_each_string(&searcher, "member", |address, member| {
                members.insert(address, member.to_string());
            });
            let mut out = HashMap::new();
            let _ = for_each_string(&searcher, "path", |address, key| {
                if let Some(story) = stories.story(address) {
                    let path = self.library.join(key_path(key));
                    out.insert(Address { path, member: members.remove(&address) }, story_name(story));
                }
            });
            out
        })
        .unwrap_or_default()
    }
}
