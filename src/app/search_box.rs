//! The search box: what is typed, the query its results answer, and the results' rows.

use super::{editor, Cursor, HitRow, FIRST_HITS, MAX_SEARCH_CHARS};
use crate::index::{QueryError, SearchResults};

#[derive(Debug, Clone)]
pub struct SearchBox {
    pub text: String,
    /// The query the shown results answer, and how many hits it asked for.
    pub ran: Option<(String, usize)>,
    /// How many hits the list wants now.
    pub wanted: usize,
    pub results: Option<Result<SearchResults, QueryError>>,
    /// The results' rows: each hit, and the copies of those expanded (see [`HitRow`]).
    pub rows: Vec<HitRow>,
    /// The stories whose copies are shown under their hit.
    pub expanded: std::collections::HashSet<String>,
    /// The selection among `rows`.
    pub cursor: Cursor,
    /// The index changed since the results were found (a refresh, the watch): run the query
    /// again, the selection kept on its article.
    pub stale: bool,
}

impl Default for SearchBox {
    fn default() -> Self {
        SearchBox {
            text: String::new(),
            ran: None,
            wanted: FIRST_HITS,
            results: None,
            rows: Vec::new(),
            expanded: Default::default(),
            cursor: Cursor::default(),
            stale: false,
        }
    }
}

impl SearchBox {
    pub fn is_active(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Appends typed or pasted text: sanitised (no controls or escape sequences), lines joined
    /// by spaces, cut at `MAX_SEARCH_CHARS`. True when some was cut.
    pub fn insert(&mut self, text: &str) -> bool {
        editor::insert(&mut self.text, text, MAX_SEARCH_CHARS)
    }
}
