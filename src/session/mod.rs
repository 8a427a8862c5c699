//! The reader without a terminal: the app, the index, the state file and background work.
//! The terminal loop and the UI tests both drive this, so tests run the real thing.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;

mod load;
mod marks;
mod notes;
mod preview;
pub mod state_file;

use crate::app::{Action, App, Effect, IndexStatus, LibraryStatus, RefreshOutcome, Settings};
use crate::config::Config;
use crate::index::{Followed, Index, IndexError, LibraryWatch, Progress, RefreshSummary};
use crate::paths::Locations;
use crate::scan::{Library, LinkPolicy};
use crate::strings::fill;
use load::{caught, Loader};
use preview::PreviewLoader;

/// Progress reports closer together than this are dropped (the phase changing always counts).
const PROGRESS_EVERY: Duration = Duration::from_millis(50);
/// How often the loop looks for the list or a preview while one is on its way.
const SOON: Duration = Duration::from_millis(10);
/// Tests give up waiting for an article after this (a guard against hanging, not a timing).
const LOAD_WAIT_LIMIT: Duration = Duration::from_secs(60);

pub struct Session {
    pub app: App,
    /// The library's files, read keeping to its link policy (`None`: the library is missing).
    files: Option<Library>,
    links: LinkPolicy,
    index: Option<Arc<Index>>,
    state_file: PathBuf,
    /// The last save failed: say so once, not at every change.
    state_save_failed: bool,
    sender: Sender<Action>,
    receiver: Receiver<Action>,
    refresh: Option<JoinHandle<()>>,
    /// Held while the session lives: the watch thread stops once it is gone.
    open: Arc<()>,
    preview: PreviewLoader,
    /// Articles opened (Enter, a related link, the history).
    articles: Loader,
    /// The reader's highlights, notes and tags (`None`: the state folder cannot be used).
    store: Option<crate::store::Store>,
    /// The last store change failed: say so once, not at every change.
    store_failed: bool,
}

impl Session {
    /// Opens the library's index with the default settings, not following links out of it.
    pub fn open(library: &Path, index_dir: &Path, state_file: PathBuf) -> Session {
        Session::open_configured(library, index_dir, state_file, Settings::default(), LinkPolicy::default())
    }

    /// [`Session::open`] following the library's links as `links` says.
    pub fn open_with_links(
        library: &Path,
        index_dir: &Path,
        state_file: PathBuf,
        links: LinkPolicy,
    ) -> Session {
        Session::open_configured(library, index_dir, state_file, Settings::default(), links)
    }

    /// [`Session::open`] with the config's settings.
    pub fn open_with(library: &Path, index_dir: &Path, state_file: PathBuf, settings: Settings) -> Session {
        Session::open_configured(library, index_dir, state_file, settings, LinkPolicy::default())
    }

    /// Opens the library's index; its list is loaded by the worker `start_refresh` starts, so
    /// the first frame does not wait for it.
    pub fn open_configured(
        library: &Path,
        index_dir: &Path,
        state_file: PathBuf,
        settings: Settings,
        links: LinkPolicy,
    ) -> Session {
        let (sender, receiver) = channel();
        let mut session = Session {
            app: App::with_settings(library.to_path_buf(), settings),
            files: Library::open(library, links).ok(),
            links,
            index: None,
            state_file,
            state_save_failed: false,
            sender,
            receiver,
            refresh: None,
            open: Arc::new(()),
            preview: PreviewLoader::default(),
            articles: Loader::new(Action::ArticleLoaded),
            store: None,
            store_failed: false,
        };
        crate::timeline::span("open the store", || session.open_store());
        crate::timeline::span("read marks", || session.load_read_marks());
        if !library.is_dir() {
            session.app.update(Action::LibraryMissing);
            return session;
        }
        match crate::timeline::span("open the index", || Index::open(library, index_dir)) {
            Ok((index, notes)) => {
                let index = index.with_links(links);
                if let Some(note) = notes.last() {
                    session.app.update(Action::Notice(note.clone()));
                }
                session.index = Some(Arc::new(index));
            }
            Err(err) => session.app.update(Action::RefreshDone(Err(err.to_string()))),
        }
        session
    }

    /// The switch key's effect: opens the library `name` with its index where the config keeps
    /// indexes, unless that index would lie inside the library or hold it (the rule `Locations`
    /// keeps at start): then a notice says why and this library stays open.
    pub fn switch_to(&mut self, name: &str, library: &Path, config: &Config) {
        let index_dir = Locations::for_library(library.to_path_buf(), None, config).index_dir;
        if let Err(why) = crate::paths::check_apart(library, &index_dir) {
            self.app.update(Action::Notice(why));
            return;
        }
        let shown = crate::shown::shown_path(library);
        let args: [(&str, &dyn std::fmt::Display); 2] = [("name", &name), ("path", &shown)];
        let notice = fill(self.app.settings.text.library_switched, &args);
        self.switch_library(library, &index_dir, notice);
    }

    /// Closes this library (its reading position saved) and opens another in its place, with
    /// the same settings, link policy and screen; its list and refresh start at once.
    fn switch_library(&mut self, library: &Path, index_dir: &Path, notice: String) {
        self.app.update(Action::Quit);
        self.settle();
        let (settings, size) = (self.app.settings.clone(), self.app.size);
        *self = Session::open_configured(library, index_dir, self.state_file.clone(), settings, self.links);
        self.app.update(Action::Resize { width: size.width, height: size.height });
        self.app.update(Action::Notice(notice));
        self.start_refresh();
    }

    /// Loads the list, then brings the index up to date, in a worker thread; the list, progress
    /// and the new list come back as actions.
    pub fn start_refresh(&mut self) {
        let Some(index) = self.index.clone() else { return };
        self.app.update(Action::RefreshProgress(Progress {
            phase: crate::index::Phase::Scanning,
            done: 0,
            total: 0,
        }));
        let sender = self.sender.clone();
        self.refresh = Some(std::thread::spawn(move || {
            let work = || {
                // The list first, then its stories (grouped now, not when the first article
                // opens); after the refresh both again, together.
                let listing = crate::timeline::span("listing", || index.listing());
                let _ = sender.send(Action::LibraryLoaded(listing.clone()));
                let stories = crate::timeline::span("list stories", || index.list_stories(&listing));
                let _ = sender.send(Action::StoriesGrouped(stories));
                drop(listing);
                refresh(&index, &sender);
            };
            if let Err(why) = caught(work) {
                let _ = sender.send(Action::RefreshDone(Err(why)));
            }
        }));
    }

    /// Follows the library while the reader is open (a thread of its own, ending with the
    /// session): each change saved reaches the list and search within about a second.
    pub fn start_watch(&mut self) {
        let Some(index) = self.index.clone() else { return };
        let sender = self.sender.clone();
        let open = Arc::downgrade(&self.open);
        let t = self.app.settings.text;
        // Started here: a file saved once this returns is caught.
        let watch = LibraryWatch::start(index.library());
        std::thread::spawn(move || {
            let mut report = |followed: Followed| {
                let action = match followed {
                    Followed::Idle => None,
                    Followed::Polling(_) | Followed::Rescanning(_) => followed.note(t).map(Action::Notice),
                    Followed::Refreshed(Ok(summary))
                        if summary.added + summary.updated + summary.removed + summary.renamed > 0 =>
                    {
                        let _ = sender.send(Action::RefreshDone(Ok(outcome_of(summary))));
                        send_listing(&index, &sender);
                        None
                    }
                    Followed::Refreshed(Ok(_) | Err(IndexError::Busy)) => None,
                    Followed::Refreshed(Err(err)) => Some(Action::RefreshDone(Err(err.to_string()))),
                };
                let sent = action.is_none_or(|action| sender.send(action).is_ok());
                sent && open.strong_count() > 0
            };
            let _ = caught(|| index.follow(watch, &mut report));
        });
    }

    /// Waits for a background refresh and applies what it reported (tests).
    pub fn wait_for_refresh(&mut self) {
        if let Some(worker) = self.refresh.take() {
            let _ = worker.join();
        }
        self.settle();
    }

    pub fn is_refreshing(&self) -> bool {
        matches!(self.app.index_status, IndexStatus::Refreshing(_))
    }

    /// How soon the loop should look again without input: the list, an article or a preview
    /// is expected.
    pub fn wake_within(&self, now: Instant) -> Option<Duration> {
        let list_coming = self.index.is_some() && self.app.library_status == LibraryStatus::Loading;
        let article_coming = self.app.loading.is_some() || self.app.preview.is_some();
        match self.preview.due() {
            Some(due) => Some(due.saturating_duration_since(now)),
            None if list_coming || article_coming => Some(SOON),
            None => None,
        }
    }

    /// Hands a preview whose selection has rested to the loader thread.
    pub fn tick(&mut self, now: Instant) {
        let results = &self.sender;
        let (files, index) = (self.files.as_ref(), self.index.as_ref());
        self.preview.tick(now, self.app.preview.as_ref(), files, index, results);
    }

    /// When the pending preview is due (tests drive the debounce with it).
    pub fn preview_due(&self) -> Option<Instant> {
        self.preview.due()
    }

    /// How many previews were handed to a loader thread.
    pub fn previews_loaded(&self) -> usize {
        self.preview.sent()
    }

    /// Lets the pending preview through at once and waits for it (tests).
    pub fn wait_for_preview(&mut self) {
        if let Some(due) = self.preview.due() {
            self.tick(due);
        }
        self.wait_while(|app| app.preview.is_some() || similar_coming(app));
    }

    /// Waits for the article being opened, if any, and its similar articles (tests).
    pub fn wait_for_article(&mut self) {
        self.wait_while(|app| app.loading.is_some() || similar_coming(app));
    }

    /// Applies what the workers send while `busy` holds (or until a limit: a guard against
    /// hanging, not a timing), then settles.
    fn wait_while(&mut self, busy: impl Fn(&App) -> bool) {
        while busy(&self.app) {
            match self.receiver.recv_timeout(LOAD_WAIT_LIMIT) {
                Ok(action) => self.deliver(action),
                Err(_) => break,
            }
        }
        self.settle();
    }

    /// Applies a key press, then everything it leads to.
    pub fn press(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Some(action) = self.app.action_for_key(&key) {
            self.app.update(action);
        }
        self.settle()
    }

    pub fn dispatch(&mut self, action: Action) -> Vec<Effect> {
        self.app.update(action);
        self.settle()
    }

    /// Applies finished background work, runs the search once if its text changed, hands
    /// requested articles to the loaders and saves the read state. Returns the effects only a terminal can do.
    pub fn settle(&mut self) -> Vec<Effect> {
        while let Ok(action) = self.receiver.try_recv() {
            self.deliver(action);
        }
        let mut outside = Vec::new();
        // Twice at most: a change to the notes store asks for the search again.
        for _ in 0..2 {
            if let (Some((query, limit)), Some(index)) = (self.app.pending_query(), &self.index) {
                let results = index.search_with_notes(&query, limit, true, self.store.as_ref());
                self.app.update(Action::SearchDone { query, limit, results });
            }
            let effects = self.app.take_effects();
            if effects.is_empty() {
                break;
            }
            for effect in effects {
                match effect {
                    Effect::LoadArticle(address) => {
                        self.articles.request(address, self.files.as_ref(), self.index.as_ref(), &self.sender)
                    }
                    Effect::Preview(address) => self.preview.request(address, Instant::now()),
                    Effect::Store(change) => self.store_change(change),
                    Effect::ListHighlights => self.list_highlights(),
                    Effect::ListTags => self.list_tags(),
                    other => outside.push(other),
                }
            }
        }
        self.save_read_marks();
        outside
    }
}

/// The open article's similar articles are still being looked for.
fn similar_coming(app: &App) -> bool {
    app.open.as_ref().is_some_and(|open| open.loaded.similar.is_none())
}

fn refresh(index: &Index, sender: &Sender<Action>) {
    let mut last: Option<(Instant, crate::index::Phase)> = None;
    let mut report = |progress: Progress| {
        let due = last.is_none_or(|(at, phase)| phase != progress.phase || at.elapsed() >= PROGRESS_EVERY);
        if due {
            last = Some((Instant::now(), progress.phase));
            let _ = sender.send(Action::RefreshProgress(progress));
        }
    };
    let outcome = index.refresh(false, &mut report).map_err(|err| err.to_string());
    if let Some(note) = outcome.as_ref().ok().and_then(|summary| summary.notes.last()) {
        let _ = sender.send(Action::Notice(note.clone()));
    }
    let outcome = outcome.map(outcome_of);
    let _ = sender.send(Action::RefreshDone(outcome));
    send_listing(index, sender);
}

/// Sends the library's list with its stories, grouped first: no frame shows it unfolded.
fn send_listing(index: &Index, sender: &Sender<Action>) {
    let listing = index.listing();
    let stories = index.list_stories(&listing);
    let _ = sender.send(Action::LibraryLoaded(listing));
    let _ = sender.send(Action::StoriesGrouped(stories));
}

fn outcome_of(summary: RefreshSummary) -> RefreshOutcome {
    RefreshOutcome {
        added: summary.added,
        updated: summary.updated + summary.renamed,
        removed: summary.removed,
        skipped: summary.skipped.len(),
    }
}
