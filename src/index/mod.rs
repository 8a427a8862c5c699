//! The search index: tantivy in the cache dir, kept in step with the library.
//! Knows nothing of the terminal. This file is the contract the commands and the reader use.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tantivy::{IndexReader, Searcher};

use crate::article::{newest_first, Article};
use crate::guard;
use crate::parse::FurnitureModel;

mod analysis;
mod build;
mod checksum;
mod choice;
mod columns;
mod complete;
mod document;
mod file_jobs;
mod fingerprint;
mod first_pass;
mod fresh;
mod furniture;
mod kept_file;
mod keys;
mod learn;
mod likeness;
mod listing;
mod manifest;
mod mapped;
mod merges;
mod ownership;
mod pairs;
mod permission;
mod pipeline;
mod query;
mod rank;
#[cfg(test)]
mod rank_tests;
mod ranks;
mod ranks_file;
mod read_only;
mod repair;
mod resolve;
mod schema;
mod search;
mod shelves;
mod similar;
mod snippet;
mod split;
mod storage;
mod stories;
mod story_file;
mod tokenizer;
mod types;
mod watch;
mod write;

pub use fresh::{REFRESHING_FILE, SEEN_FILE, VERIFIED_FILE};
pub use furniture::{load_model as load_furniture, MODEL_FILE as FURNITURE_FILE};
pub use keys::{title_key, url_key};
pub use listing::{ListOrder, ListStories, Listing};
pub use ownership::STAMP_FILE;
pub use query::MAX_CLAUSES;
pub use resolve::{title_similarity, TITLE_SIMILARITY_THRESHOLD};
pub use types::{
    ArticleSummary, Hit, IndexError, Phase, Progress, QueryError, RefreshOptions, RefreshSummary, ResolvedBy,
    ResolvedLink, Scope, SearchResults, SimilarArticle, Snippet,
};
pub use watch::{Batch, Followed, LibraryWatch, EVERY_WITHOUT_WATCH};

/// The open tantivy index and its reader: replaced together when a damaged index is rebuilt.
struct Handles {
    index: tantivy::Index,
    reader: IndexReader,
    /// The common words whose pairs the index holds.
    pairs: Arc<pairs::PairWords>,
}

/// The index of one library. `Send + Sync`: the reader shares it with a background refresh.
pub struct Index {
    library: PathBuf,
    /// Which links of the library a refresh follows.
    links: crate::scan::LinkPolicy,
    dir: PathBuf,
    handles: RwLock<Handles>,
    fields: schema::Fields,
    read_only: Option<String>,
    /// One refresh at a time in this process (tantivy's lock guards against other processes).
    refreshing: Mutex<()>,
    /// The furniture learned from the library, once read (a refresh clears it).
    furniture: Mutex<Option<Option<Arc<FurnitureModel>>>>,
    /// The stories of the index's latest state (see [`likeness`]).
    stories: likeness::StoryCache,
}

impl Index {
    /// Opens (or creates) the index of `library` in `index_dir`. Rebuilds on a version-stamp
    /// mismatch or corruption (moving the old one aside); the returned notes say what happened.
    /// Never writes to the library: refuses an index folder that is the library, lies inside it
    /// or holds it, and one that is not newsdesk's. Falls back to read-only when the cache is
    /// not writable.
    pub fn open(library: &Path, index_dir: &Path) -> Result<(Index, Vec<String>), IndexError> {
        crate::paths::check_apart(library, index_dir).map_err(IndexError::Refused)?;
        let (schema, fields) = schema::Fields::build();
        let opened = storage::open(index_dir, &schema, &|| pairs::learn_from_library(library))?;
        let index = Index {
            library: library.to_path_buf(),
            links: crate::scan::LinkPolicy::default(),
            dir: index_dir.to_path_buf(),
            handles: RwLock::new(Handles { index: opened.index, reader: opened.reader, pairs: opened.pairs }),
            fields,
            read_only: opened.read_only,
            refreshing: Mutex::new(()),
            furniture: Mutex::new(None),
            stories: Mutex::new(None),
        };
        Ok((index, opened.notes))
    }

    /// The current committed state, for a search or a listing.
    fn searcher(&self) -> Searcher {
        self.handles.read().unwrap_or_else(PoisonError::into_inner).reader.searcher()
    }

    /// The current committed state and the common words whose pairs it holds, read together
    /// (a rebuild replaces both).
    fn searcher_and_pairs(&self) -> (Searcher, Arc<pairs::PairWords>) {
        let handles = self.handles.read().unwrap_or_else(PoisonError::into_inner);
        (handles.reader.searcher(), Arc::clone(&handles.pairs))
    }

    /// The tantivy index and reader in use now (a rebuild replaces them).
    fn current(&self) -> (tantivy::Index, IndexReader) {
        let handles = self.handles.read().unwrap_or_else(PoisonError::into_inner);
        (handles.index.clone(), handles.reader.clone())
    }

    /// Follows the library's links as `links` says (the default keeps to the library).
    pub fn with_links(mut self, links: crate::scan::LinkPolicy) -> Index {
        self.links = links;
        self
    }

    pub fn library(&self) -> &Path {
        &self.library
    }

    /// The library's files as this index reads them (its link policy applied).
    pub fn files(&self) -> std::io::Result<crate::scan::Library> {
        crate::scan::Library::open(&self.library, self.links)
    }

    /// The folder the index is kept in.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Why the index cannot be updated, when it cannot.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Brings the index up to date with the whole library (incremental: every file stat-ed).
    /// See [`Index::refresh_with`].
    pub fn refresh(
        &self,
        rebuild: bool,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        self.refresh_with(&RefreshOptions { rebuild, verify: false, scope: Scope::Everything }, progress)
    }

    /// Brings the index up to date with the part of the library `options.scope` names. `Busy`
    /// when another process holds the writer. Nothing changed → no commit. The index's files
    /// are first verified against their checksums (reading the whole index) when asked, after
    /// a refresh that did not end cleanly or an I/O error, and when they changed on disk since
    /// they were last known intact: a flipped byte can otherwise misname articles or make
    /// searches fail. An index found damaged (a checksum, or tantivy failing or panicking on
    /// it) is moved aside and rebuilt, with a note in the summary.
    pub fn refresh_with(
        &self,
        options: &RefreshOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<RefreshSummary, IndexError> {
        let summary = self.refresh_verified(options, progress);
        *self.furniture.lock().unwrap_or_else(PoisonError::into_inner) = None;
        // A rebuilt index's reader counts its generations anew.
        *self.stories.lock().unwrap_or_else(PoisonError::into_inner) = None;
        summary
    }

    /// The furniture this library's page dumps taught, to read one of its files as `index`
    /// does (`None` when nothing was learned).
    pub fn furniture(&self) -> Option<Arc<FurnitureModel>> {
        let mut cached = self.furniture.lock().unwrap_or_else(PoisonError::into_inner);
        cached.get_or_insert_with(|| furniture::load_model(&self.dir).map(Arc::new)).clone()
    }

    // Reading a damaged index may panic inside tantivy: the readers below answer with nothing
    // (or a query error) instead, and the next refresh rebuilds the index.

    /// Articles in the index (files that could not be read are not counted).
    pub fn len(&self) -> usize {
        let count = || self.searcher().search(&build::all_articles(&self.fields), &tantivy::collector::Count);
        guard::catch(count).ok().and_then(Result::ok).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every indexed article, newest first (undated last); a reference that attaches to a saved
    /// copy is not listed on its own (see [`Index::references_of`]).
    pub fn articles(&self) -> Vec<ArticleSummary> {
        let read = || {
            let searcher = self.searcher();
            let attached = shelves::attached(&searcher, &self.fields);
            columns::all_summaries(&searcher, &self.library).map(|all| (all, attached))
        };
        let (mut all, attached) = guard::catch(read).ok().and_then(Result::ok).unwrap_or_default();
        if !attached.is_empty() {
            all.retain(|(address, _)| !attached.contains(address));
        }
        let mut all: Vec<ArticleSummary> = all.into_iter().map(|(_, summary)| summary).collect();
        all.sort_by(|a, b| newest_first((a.published, &a.title, &a.path), (b.published, &b.title, &b.path)));
        all
    }

    /// Ranked hits with snippets. Any input returns results or a `QueryError`, never a panic.
    pub fn search(&self, query: &str, limit: usize) -> Result<SearchResults, QueryError> {
        self.run_search(query, limit, false)
    }

    /// [`Index::search`] for a query being typed (the reader's search box): the last word,
    /// unless a space follows it, also matches as the start of a word ("ha no" finds "Hà
    /// Nội"), ranked below whole-word matches; its completions are among the `terms`.
    pub fn search_as_you_type(&self, query: &str, limit: usize) -> Result<SearchResults, QueryError> {
        self.run_search(query, limit, true)
    }

    fn run_search(&self, query: &str, limit: usize, as_you_type: bool) -> Result<SearchResults, QueryError> {
        self.search_with_notes(query, limit, as_you_type, None)
    }

    /// [`Index::search`] (or, `as_you_type`, [`Index::search_as_you_type`]) that also answers
    /// `note:`, `highlight:` and the reader's `tag:`s from the notes store, and ranks articles
    /// whose highlights or notes hold the query's words higher.
    pub fn search_with_notes(
        &self,
        query: &str,
        limit: usize,
        as_you_type: bool,
        notes: Option<&crate::store::Store>,
    ) -> Result<SearchResults, QueryError> {
        let asked = search::Asked { input: query, limit, typing: as_you_type, every_match: false };
        self.searched(asked, notes)
    }

    /// [`Index::search`] with every match scored by the full query, never in passes (see
    /// `rank`): the reference the passes' hits are measured against.
    pub fn search_every_match(&self, query: &str, limit: usize) -> Result<SearchResults, QueryError> {
        self.searched(search::Asked { input: query, limit, typing: false, every_match: true }, None)
    }

    fn searched(
        &self,
        asked: search::Asked,
        notes: Option<&crate::store::Store>,
    ) -> Result<SearchResults, QueryError> {
        let run = || {
            let (searcher, pairs) = self.searcher_and_pairs();
            let stories_of = |addresses: &[tantivy::DocAddress]| {
                crate::timeline::span("search: stories", || self.stories_of_documents(&searcher, addresses))
            };
            search::search(&searcher, &self.fields, &self.library, &stories_of, asked, notes, &pairs)
        };
        guard::catch(run).unwrap_or_else(|panic| {
            // The next refresh verifies the index (and rebuilds it if damaged).
            fresh::forget_verified(&self.dir);
            Err(QueryError(crate::strings::fill(
                crate::strings::text().query_index_unreadable,
                &[("why", &panic)],
            )))
        })
    }

    /// The references (Pocket, Instapaper, bookmarks, an export's link without its page) whose
    /// URL is `article`'s: their tags, state and highlights belong to it.
    pub fn references_of(&self, article: &Article) -> Vec<Article> {
        guard::catch(|| shelves::references_of(&self.searcher(), &self.fields, &self.library, article))
            .unwrap_or_default()
    }

    /// Each related link of `article`, with the saved article it resolves to.
    pub fn resolve_related(&self, article: &Article) -> Vec<ResolvedLink> {
        guard::catch(|| {
            let searcher = self.searcher();
            let resolver =
                resolve::Resolver { searcher: &searcher, fields: &self.fields, library: &self.library };
            article.related.iter().map(|link| resolver.resolve(link)).collect()
        })
        .unwrap_or_else(|_| article.related.iter().map(ResolvedLink::unresolved).collect())
    }

    /// Saved articles whose related links point to `article`.
    pub fn linked_from(&self, article: &Article) -> Vec<ArticleSummary> {
        let Some(key) = document::key_of(&self.library, &article.path) else { return Vec::new() };
        guard::catch(|| {
            let searcher = self.searcher();
            let resolver =
                resolve::Resolver { searcher: &searcher, fields: &self.fields, library: &self.library };
            resolver.linked_from(article, &key)
        })
        .unwrap_or_default()
    }
}

/// Byte ranges in `text` where any of `terms` occurs, accent- and case-insensitively, on word
/// boundaries (so the reader can highlight query terms and jump between them).
pub fn highlight_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    snippet::highlight_ranges(text, terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<Index>();
    }
}
