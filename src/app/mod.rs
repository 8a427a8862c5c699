//! The reader's state and its one `update(Action)`. No I/O here: the loop in `tui` runs the
//! effects the app asks for and feeds their results back as actions.

mod action;
mod annotate;
mod articles;
mod document;
mod editor;
mod folding;
mod highlights_view;
mod hit_folding;
mod keymap;
mod layout;
mod mouse;
mod navigate;
mod preview;
mod read_state;
mod reading;
mod related;
mod search_box;
mod selection;
mod settings;
mod sort;
mod update;
mod wrap;

use std::path::PathBuf;

use ratatui::layout::Rect;

use crate::article::Address;
use crate::index::{ArticleSummary, Progress, ResolvedLink, SearchResults};

pub use crate::config::key_label;
pub use action::{Action, Effect, LoadedArticle, RefreshOutcome};
pub use annotate::StoreChange;
pub use articles::Articles;
pub use document::{meta_line, DocLine, Document, Marks, Segment, Tone, NOTE_MARK};
pub use editor::{LineEditor, Purpose, MAX_LINE_CHARS};
pub use folding::{Folding, ListRow, RowKind};
pub use highlights_view::HighlightsView;
pub use hit_folding::{hit_rows, row_article, HitRow};
pub use keymap::{action_names, Binding, KeyContext, KeyMap, Resolved, Scope, BINDINGS};
pub use layout::{inner, mode_for, Areas, Mode, Pane, MIN_HEIGHT, MIN_WIDTH};
pub use read_state::{Mark, Position, ReadState};
pub use related::{Entry, RelatedRow, Section};
pub use search_box::SearchBox;
pub use selection::{Selection, SelectionMove};
pub use settings::Settings;
pub use wrap::{split_highlighted, split_layers, text_width, wrap};

/// Hits fetched for a new query: a screenful or two. Snippets cost, so more are fetched only
/// when the selection comes near the end of those (see `SearchBox::wanted`).
pub const FIRST_HITS: usize = 30;
/// Fetch more hits when the selection is this close to the last one fetched.
const MORE_HITS_MARGIN: usize = 5;
/// The search line holds at most this many characters: a query's cost grows with its words, and
/// a pasted page is not a query.
pub const MAX_SEARCH_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    Pane(Pane),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Newest,
    Title,
    Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LibraryStatus {
    /// Waiting for the first list from the index.
    Loading,
    Ready,
    Missing,
}

#[derive(Debug, Clone)]
pub enum IndexStatus {
    Idle,
    Refreshing(Option<Progress>),
    UpToDate(String),
    Failed(String),
}

/// A selection in a list of items and the first item shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` within `len` items.
    pub fn step(&mut self, delta: isize, len: usize) {
        let last = len.saturating_sub(1) as isize;
        self.selected = (self.selected as isize + delta).clamp(0, last.max(0)) as usize;
    }

    /// Keeps the selection inside `len` and within the `visible` items from the offset.
    pub fn clamp(&mut self, len: usize, visible: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
        let visible = visible.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + visible {
            self.offset = self.selected + 1 - visible;
        }
        self.offset = self.offset.min(len.saturating_sub(visible));
    }
}

/// The article in the reader pane.
#[derive(Debug, Clone)]
pub struct OpenArticle {
    pub loaded: LoadedArticle,
    pub doc: Document,
    pub scroll: usize,
    pub related: Cursor,
    /// Index into `doc.match_lines` of the last n/N jump.
    pub current_match: Option<usize>,
    /// Shown because the list's selection is on it, not opened yet: not read, not in the history.
    pub preview: bool,
    /// The text highlights are anchored in, and where each of `loaded.annotations.highlights`
    /// is in it (`None`: detached).
    pub passages: crate::store::Passages,
    pub anchors: Vec<Option<std::ops::Range<usize>>>,
    /// The selection being made (`v`).
    pub selection: Option<Selection>,
    /// The highlight jumped to last (an index into the highlights).
    pub current_highlight: Option<usize>,
}

impl OpenArticle {
    /// Where the article is, to be remembered.
    pub fn position(&self) -> Position {
        Position { line: self.scroll, of: self.doc.lines.len() }
    }
}

#[derive(Debug, Clone, Default)]
pub struct History {
    pub back: Vec<Address>,
    pub forward: Vec<Address>,
    /// The article opened last (a preview shown since does not count).
    pub current: Option<Address>,
}

#[derive(Debug, Clone)]
pub struct App {
    pub library: PathBuf,
    pub library_status: LibraryStatus,
    /// The library, in `sort` order (its rows' strings read when shown).
    pub articles: Articles,
    pub sort: SortOrder,
    /// The library list's rows: one per story (see [`Folding`]).
    pub folding: Folding,
    /// The selection among `folding.rows`.
    pub list: Cursor,
    pub search: SearchBox,
    pub focus: Focus,
    pub open: Option<OpenArticle>,
    /// An article asked for and not loaded yet.
    pub loading: Option<Address>,
    /// The article asked for as a preview of the list's selection, not loaded yet.
    pub preview: Option<Address>,
    /// The list's selection when the preview last followed it.
    seen_selection: Option<Address>,
    pub history: History,
    pub read_state: ReadState,
    /// The read state changed since it was last saved.
    /// Keys ([`crate::store::article_key`]) of read marks changed since the session last saved.
    pub unsaved_marks: std::collections::BTreeSet<String>,
    /// The first key of a sequence (`]` of `]h`), waiting for the next.
    pub pending_key: Option<crate::config::Press>,
    /// Where the left button went down over the article's text (a drag selects from there).
    drag_from: Option<usize>,
    pub index_status: IndexStatus,
    pub notice: Option<String>,
    pub size: Rect,
    pub show_help: bool,
    pub help_scroll: usize,
    pub related_hidden: bool,
    pub effects: Vec<Effect>,
    pub quit: bool,
    pub settings: Settings,
    /// The note or tag line, while it is open.
    pub editor: Option<LineEditor>,
    /// The view of every highlight (`H`), while it is open.
    pub highlights_view: Option<HighlightsView>,
    /// Tags in use, for completion.
    pub known_tags: Vec<String>,
    /// The highlight deleted last, for `u`.
    pub undo: Option<crate::store::Highlight>,
    /// The highlight to show once its article is loaded (opened from the highlights view).
    pub pending_passage: Option<String>,
}

impl App {
    pub fn new(library: PathBuf) -> App {
        App::with_settings(library, Settings::default())
    }

    pub fn with_settings(library: PathBuf, settings: Settings) -> App {
        App {
            library,
            library_status: LibraryStatus::Loading,
            articles: Articles::default(),
            sort: SortOrder::Newest,
            folding: Folding::default(),
            list: Cursor::default(),
            search: SearchBox::default(),
            focus: Focus::Pane(Pane::List),
            open: None,
            loading: None,
            preview: None,
            seen_selection: None,
            history: History::default(),
            read_state: ReadState::default(),
            unsaved_marks: Default::default(),
            pending_key: None,
            drag_from: None,
            index_status: IndexStatus::Idle,
            notice: None,
            size: Rect::default(),
            show_help: false,
            help_scroll: 0,
            related_hidden: !settings.layout.related,
            effects: Vec::new(),
            quit: false,
            settings,
            editor: None,
            highlights_view: None,
            known_tags: Vec::new(),
            undo: None,
            pending_passage: None,
        }
    }

    /// What the keys act on now.
    pub fn key_context(&self) -> KeyContext {
        let selecting = self.open.as_ref().is_some_and(|open| open.selection.is_some());
        if self.editor.is_some() {
            KeyContext::Editor
        } else if self.highlights_view.is_some() {
            KeyContext::Highlights
        } else if selecting && !self.show_help && self.focus == Focus::Pane(Pane::Reader) {
            KeyContext::Selecting
        } else {
            KeyContext::Normal { focus: self.focus, show_help: self.show_help }
        }
    }

    /// The action of a key press now. The first key of a sequence is kept (and shown in the
    /// status line) until the next press finishes the sequence or cancels it.
    pub fn action_for_key(&mut self, key: &crossterm::event::KeyEvent) -> Option<Action> {
        if key.kind == crossterm::event::KeyEventKind::Release {
            return None;
        }
        let pending = self.pending_key.take();
        match self.settings.keys.resolve(self.key_context(), pending, key) {
            Resolved::Action(action) => Some(action),
            Resolved::Pending(first) => {
                self.pending_key = Some(first);
                None
            }
            Resolved::Nothing => None,
        }
    }

    /// The pane shown when only one fits (the search line shows the list).
    pub fn shown_pane(&self) -> Pane {
        match self.focus {
            Focus::Search => Pane::List,
            Focus::Pane(pane) => pane,
        }
    }

    pub fn areas(&self) -> Areas {
        Areas::compute(self.size, self.shown_pane(), self.related_hidden, &self.settings.layout)
    }

    /// Search results, when a search is active and answered.
    pub fn hits(&self) -> Option<&SearchResults> {
        match &self.search.results {
            Some(Ok(results)) if self.search.is_active() => Some(results),
            _ => None,
        }
    }

    /// The query terms to highlight in the article.
    pub fn terms(&self) -> &[String] {
        self.hits().map(|results| results.terms.as_slice()).unwrap_or(&[])
    }

    /// Rows per list item: title + meta, and a snippet line for hits.
    pub fn list_item_height(&self) -> usize {
        if self.search.is_active() {
            3
        } else {
            2
        }
    }

    /// How many items the list shows now.
    pub fn list_len(&self) -> usize {
        if self.search.is_active() {
            self.hits().map_or(0, |_| self.search.rows.len())
        } else {
            self.folding.rows.len()
        }
    }

    pub fn list_cursor(&self) -> &Cursor {
        if self.search.is_active() {
            &self.search.cursor
        } else {
            &self.list
        }
    }

    fn list_cursor_mut(&mut self) -> &mut Cursor {
        if self.search.is_active() {
            &mut self.search.cursor
        } else {
            &mut self.list
        }
    }

    /// The article the list's selection points at.
    pub fn selected_summary(&self) -> Option<ArticleSummary> {
        let selected = self.list_cursor().selected;
        if self.search.is_active() {
            row_article(self.hits()?, *self.search.rows.get(selected)?).cloned()
        } else {
            self.articles.get(self.folding.rows.get(selected)?.article)
        }
    }

    pub fn selected_related(&self) -> Option<&ResolvedLink> {
        let open = self.open.as_ref()?;
        open.loaded.related.get(open.related.selected)
    }

    /// The query to run now and its hit limit: when the text changed since the last run, or
    /// the list wants more hits than were fetched.
    pub fn pending_query(&self) -> Option<(String, usize)> {
        let text = self.search.text.trim();
        let stale = match &self.search.ran {
            Some((ran, limit)) => self.search.stale || ran != text || *limit < self.search.wanted,
            None => true,
        };
        (!text.is_empty() && stale).then(|| (text.to_string(), self.search.wanted))
    }

    /// Asks for more hits when the selection nears the end of those fetched.
    fn want_more_hits(&mut self) {
        let search = &mut self.search;
        if search.ran.as_ref().is_none_or(|(ran, _)| ran != search.text.trim()) {
            search.wanted = FIRST_HITS;
            return;
        }
        if let Some(Ok(results)) = &search.results {
            let fetched = results.hits.len();
            let hit = search.rows.get(search.cursor.selected).map_or(0, |row| row.hit());
            if results.total > fetched && hit + MORE_HITS_MARGIN >= fetched {
                search.wanted = search.wanted.max(fetched * 2);
            }
        }
    }

    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }
}
