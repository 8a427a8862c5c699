//! Every user-facing string of the reader, in one place.

pub const APP_NAME: &str = "newsdesk";

// Pane titles
pub const LIST_TITLE: &str = "Library";
pub const RESULTS_TITLE: &str = "Results";
pub const READER_TITLE: &str = "Article";
/// The article pane's title while it previews the list's selection.
pub const PREVIEW_TITLE: &str = "Article (preview: Enter opens)";
/// The article pane's title while another article is on its way.
pub const READER_LOADING_TITLE: &str = "Article (loading…)";
pub const RELATED_TITLE: &str = "Related";
pub const LINKED_FROM: &str = "Linked from";
pub const SAME_STORY: &str = "Same story";
pub const SIMILAR: &str = "Similar in your library";
pub const HELP_TITLE: &str = "Keys (? or Esc to close)";
pub const TAB_NAMES: [&str; 3] = ["List", "Article", "Related"];

// Search line
pub const SEARCH_PROMPT: &str = "/ ";
pub const SEARCH_PLACEHOLDER: &str =
    "press / to search — words, \"phrases\", -not, OR, title:, after:2024-01";

// Empty states
pub const NO_ARTICLE_OPEN: &str = "The article selected in the list shows here; Enter opens it.";
pub const LOADING: &str = "loading…";
pub const NO_RELATED: &str = "No related links in this article.";
pub const NO_LINKED_FROM: &str = "No saved article links here.";
pub const SIMILAR_PENDING: &str = "looking for similar…";
pub const NO_SIMILAR: &str = "No similar saved article.";
pub const NO_HITS: &str = "No article matches this search.";
pub const LIST_EMPTY_INDEXING: &str = "Indexing the library…";
pub const LIST_LOADING: &str = "loading…";
pub const NEEDS_A_TERMINAL: &str =
    "the reader needs a terminal; use `newsdesk list` or `newsdesk search` in scripts";
pub const TOO_SMALL: &str = "Terminal too small for newsdesk: make it at least 40×10.";

/// The friendly screen of a missing or empty library.
pub fn empty_library(library: &str, missing: bool) -> Vec<String> {
    let first = if missing {
        format!("The library folder {library} does not exist.")
    } else {
        format!("There are no articles in {library} yet.")
    };
    vec![
        first,
        String::new(),
        "Put saved news articles there (.txt page dumps, .md, .html, .json),".into(),
        "in any sub-folders, then start newsdesk again, or open another folder:".into(),
        String::new(),
        "    newsdesk path/to/articles".into(),
        "    newsdesk --library path/to/articles".into(),
        "    NEWSDESK_LIBRARY=path/to/articles newsdesk".into(),
        String::new(),
        "Press q to quit.".into(),
    ]
}

// Related links
pub const SAVED_MARK: &str = "●";
pub const UNSAVED_MARK: &str = "○";
pub const UNREAD_MARK: &str = "•";

// Status line
pub fn article_count(count: usize) -> String {
    match count {
        1 => "1 article".into(),
        n => format!("{n} articles"),
    }
}
/// After a hit: its story's other copies that matched, folded under it.
pub fn other_copies(count: usize) -> String {
    match count {
        1 => "+ 1 other copy of this story".into(),
        n => format!("+ {n} other copies of this story"),
    }
}
/// On a hit's line in the reader: its story's other copies, folded under it.
pub fn copies_folded(count: usize) -> String {
    match count {
        1 => "+1 copy".into(),
        n => format!("+{n} copies"),
    }
}
pub fn hit_count(total: usize, took_ms: f64) -> String {
    let noun = if total == 1 { "hit" } else { "hits" };
    format!("{total} {noun} in {took_ms:.1} ms")
}
pub fn indexing(phase: &str, done: usize, total: usize) -> String {
    if total == 0 {
        format!("indexing: {phase}…")
    } else {
        format!("indexing: {phase} {done}/{total}")
    }
}
pub const PHASE_SCANNING: &str = "scanning";
pub const PHASE_PARSING: &str = "reading";
pub const PHASE_COMMITTING: &str = "saving";
pub const INDEX_UP_TO_DATE: &str = "index up to date";
pub fn index_updated(added: usize, updated: usize, removed: usize) -> String {
    format!("index updated: +{added} ~{updated} -{removed}")
}
pub fn index_failed(why: &str) -> String {
    format!("index not updated: {why}")
}
pub fn skipped_files(count: usize) -> String {
    format!("{count} files skipped (run `newsdesk index` for reasons)")
}
pub fn state_not_saved(why: &str) -> String {
    format!("reading positions not saved: {why}")
}
pub fn state_not_loaded(why: &str) -> String {
    format!("reading positions not loaded: {why}")
}
pub fn state_kept_aside(why: &str, aside: &str) -> String {
    format!("reading positions could not be read ({why}); the file is kept as {aside}")
}
pub fn state_busy(lock: &str) -> String {
    format!("another newsdesk holds {lock}; trying again at the next change")
}
pub fn article_failed(path: &str, why: &str) -> String {
    format!("cannot open {path}: {why}")
}
pub fn opening(url: &str) -> String {
    format!("opening {url}")
}
pub fn open_failed(why: &str) -> String {
    format!("cannot open a browser: {why} (set $BROWSER)")
}
/// Why `o` did not open a link.
pub fn link_refused(refusal: &crate::handoff::Refusal) -> String {
    use crate::handoff::Refusal;
    match refusal {
        Refusal::Scheme(scheme) => {
            let scheme: String = scheme.chars().take(20).collect();
            format!("not opened: {scheme}: links never open (only http and https)")
        }
        Refusal::NotAUrl => "not opened: not a web address".into(),
        Refusal::Controls => "not opened: the link hides control characters".into(),
        Refusal::TooLong(bytes) => format!("not opened: the link is too long ({bytes} bytes)"),
    }
}
pub fn too_long_to_copy(bytes: usize) -> String {
    format!(
        "not copied: {bytes} bytes is more than the clipboard takes ({} KB)",
        crate::handoff::MAX_CLIPBOARD_BYTES / 1024
    )
}
pub const COPIED_URL: &str = "URL copied to the clipboard (OSC 52)";
pub const COPIED_TITLE: &str = "title copied to the clipboard (OSC 52)";
pub const NOTHING_TO_OPEN: &str = "no URL to open";
pub const NOTHING_TO_COPY: &str = "nothing to copy";
pub fn searching_title(title: &str) -> String {
    format!("not saved — searching the library for “{title}”")
}
pub fn search_cut(max: usize) -> String {
    format!("the search line holds {max} characters; the rest of the paste was left out")
}
pub const HISTORY_START: &str = "no earlier article";
pub const HISTORY_END: &str = "no later article";
pub const NO_MATCHES: &str = "no search terms in this article";
pub fn match_position(index: usize, total: usize) -> String {
    format!("match {index}/{total}")
}
pub fn sorted_by(order: &str) -> String {
    format!("sorted by {order}")
}
pub const SORT_NEWEST: &str = "date";
pub const SORT_TITLE: &str = "title";
pub const SORT_SOURCE: &str = "source";
pub const POSITION_ALL: &str = "all";
pub const POSITION_TOP: &str = "top";
pub const POSITION_END: &str = "end";

// Key help (the key table refers to these)
pub mod keys {
    pub const QUIT: &str = "quit";
    pub const SUSPEND: &str = "suspend to the shell (fg comes back)";
    pub const HELP: &str = "show or hide this help";
    pub const NEXT_PANE: &str = "next pane";
    pub const PREV_PANE: &str = "previous pane";
    pub const LEFT_PANE: &str = "pane to the left";
    pub const RIGHT_PANE: &str = "pane to the right";
    pub const SEARCH: &str = "search (as you type)";
    pub const UP: &str = "up";
    pub const DOWN: &str = "down";
    pub const PAGE_UP: &str = "page up";
    pub const PAGE_DOWN: &str = "page down";
    pub const TOP: &str = "to the top";
    pub const BOTTOM: &str = "to the end";
    pub const OPEN: &str = "open (a saved link opens in place; an unsaved one is searched)";
    pub const OPEN_ARTICLE: &str = "open the selected article (moving the selection previews it)";
    pub const BACK: &str = "back to the previous article";
    pub const FORWARD: &str = "forward again (Ctrl-i only where the terminal tells it from Tab)";
    pub const NEXT_MATCH: &str = "next search term in the article";
    pub const PREV_MATCH: &str = "previous search term in the article";
    pub const SORT: &str = "sort the list: date, title, source";
    pub const TOGGLE_RELATED: &str = "show or hide the related pane (80–119 columns)";
    pub const OPEN_URL: &str = "open the link's URL (or the article's) in the browser";
    pub const COPY_URL: &str = "copy the URL (or title) with OSC 52";
    pub const RUN_SEARCH: &str = "open the selected hit";
    pub const LEAVE_SEARCH: &str = "leave the search and return to the library";
    pub const DELETE_CHAR: &str = "delete a character";
    pub const DELETE_WORD: &str = "delete a word";
    pub const CLEAR_SEARCH: &str = "clear the search";
    pub const SCOPE_EVERYWHERE: &str = "Everywhere";
    pub const SCOPE_PANES: &str = "List, article and related panes";
    pub const SCOPE_READER: &str = "Article";
    pub const SCOPE_RELATED: &str = "Related links";
    pub const SCOPE_SEARCH: &str = "Search line";
    // One-word hints of the status line
    pub const HINT_OPEN: &str = "open";
    pub const HINT_LIBRARY: &str = "library";
    pub const HINT_NEXT_MATCH: &str = "next match";
    pub const HINT_SEARCH: &str = "search";
    pub const HINT_PANE: &str = "pane";
    pub const HINT_BACK: &str = "back";
    pub const HINT_HELP: &str = "help";
    pub const HINT_QUIT: &str = "quit";
    pub const MOUSE: &str = "Mouse: click selects and focuses; the wheel scrolls the pane under the pointer.";
}
