//! Every change of the reader's state has a name here; the loop turns keys, mouse, signals and
//! the results of background work into these.

use std::path::PathBuf;

use crate::article::{Address, Article};
use crate::handoff::{ClipboardText, WebUrl};
use crate::index::{ArticleSummary, Progress, QueryError, ResolvedLink, SearchResults, SimilarArticle};

use super::{ReadState, SelectionMove, StoreChange};
use crate::store::{ArticleAnnotations, Highlight};

#[derive(Debug, Clone)]
pub enum Action {
    Quit,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    ToggleHelp,
    FocusNext,
    FocusPrev,
    FocusLeft,
    FocusRight,
    FocusSearch,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Enter: open the selected item.
    Activate,
    /// Esc: close help, leave the search.
    Escape,
    Back,
    Forward,
    NextMatch,
    PrevMatch,
    CycleSort,
    /// Show or hide the other copies of the list's selected story.
    ToggleCopies,
    ToggleRelated,
    OpenUrl,
    CopyUrl,
    /// To the next library of the config.
    SwitchLibrary,
    SearchInput(char),
    /// Text pasted (bracketed paste): one insertion into the search line.
    Paste(String),
    SearchDeleteChar,
    SearchDeleteWord,
    SearchClear,
    Click {
        column: u16,
        row: u16,
    },
    /// The pointer moved with the left button down (a drag selects in the article).
    Drag {
        column: u16,
        row: u16,
    },
    /// The left button came up: a drag's selection stays for Enter or Esc.
    MouseUp,
    Wheel {
        column: u16,
        row: u16,
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// The index's article list (newest first), at start and after each refresh.
    LibraryLoaded(crate::index::Listing),
    /// Each listed article's story (as `list --json` gives it), once the index has grouped them.
    StoriesGrouped(crate::index::ListStories),
    /// The library folder does not exist.
    LibraryMissing,
    SearchDone {
        query: String,
        limit: usize,
        results: Result<SearchResults, QueryError>,
    },
    ArticleLoaded(Box<LoadedArticle>),
    /// The list's selection, loaded to be shown without opening it.
    PreviewLoaded(Box<LoadedArticle>),
    /// The saved articles like an article loaded before (and its other copies): found after it.
    SimilarFound {
        address: Address,
        same_story: Vec<ArticleSummary>,
        similar: Vec<SimilarArticle>,
    },
    ArticleFailed {
        address: Address,
        message: String,
    },
    RefreshProgress(Progress),
    RefreshDone(Result<RefreshOutcome, String>),
    /// The read state as loaded, or as saved (merged with another reader's).
    StateLoaded(ReadState),
    /// Something worth a line in the status bar (a note from the index, a failed save…).
    Notice(String),
    /// `v`: a selection from the top line's first word.
    StartSelection,
    Extend(SelectionMove),
    KeepSelection,
    DropSelection,
    NextHighlight,
    PrevHighlight,
    /// `a`: a note on the selection, the highlight or the article.
    Annotate,
    EditTags,
    DeleteHighlight,
    Undo,
    ShowHighlights,
    /// A character typed into the note or tag line, or the highlights view's filter.
    EditInput(char),
    EditDeleteChar,
    EditDeleteWord,
    EditClear,
    EditComplete,
    EditCommit,
    EditCancel,
    /// Every highlight, newest first, for the highlights view.
    HighlightsListed(Vec<Highlight>),
    /// The tags in use, for completion.
    TagsKnown(Vec<String>),
}

/// An article with its links resolved, ready to show.
#[derive(Debug, Clone)]
pub struct LoadedArticle {
    pub article: Article,
    pub related: Vec<ResolvedLink>,
    pub linked_from: Vec<ArticleSummary>,
    /// What the reader added to it (the session fills it in from the store).
    pub annotations: ArticleAnnotations,
    /// The other copies of its story (another outlet's, a page saved twice, an update).
    pub same_story: Vec<ArticleSummary>,
    /// Saved articles like it; `None` while they are looked for.
    pub similar: Option<Vec<SimilarArticle>>,
}

/// What a finished background refresh reports.
#[derive(Debug, Clone, Default)]
pub struct RefreshOutcome {
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub skipped: usize,
}

/// I/O the app asks the loop to do; its results come back as actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadArticle(Address),
    /// Load this article to preview the list's selection: off the UI thread, and only once the
    /// selection has rested (holding j must not parse every article it passes).
    Preview(Address),
    /// Open this link in the browser (only an http(s) link can be one).
    OpenInBrowser(WebUrl),
    /// Put this text on the clipboard (OSC 52).
    Copy(ClipboardText),
    /// Stop the process until `fg`, giving the terminal back meanwhile.
    Suspend,
    /// Close this library and open another: (its name, its folder).
    SwitchLibrary(String, PathBuf),
    /// Keep this change in the store.
    Store(StoreChange),
    /// List every highlight (answered by `HighlightsListed`).
    ListHighlights,
    /// List the tags in use (answered by `TagsKnown`).
    ListTags,
}
