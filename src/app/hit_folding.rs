//! Search results folded by story: each story at its best hit, the other copies that matched
//! counted on its row; the `copies` key shows them under it (each its own row, opening in place
//! and keeping its own read mark) and folds them again, as the library list does.

use std::collections::HashSet;

use super::App;
use crate::article::Address;
use crate::index::{ArticleSummary, QueryError, SearchResults};

/// A row of the search results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitRow {
    /// Hit `hit`, its copies shown under it when `expanded`.
    Hit { hit: usize, expanded: bool },
    /// Copy `copy` of hit `hit`'s story, shown because that hit is expanded.
    Copy { hit: usize, copy: usize },
}

impl HitRow {
    /// The hit this row shows or sits under.
    pub fn hit(self) -> usize {
        match self {
            HitRow::Hit { hit, .. } | HitRow::Copy { hit, .. } => hit,
        }
    }
}

/// The rows of `results`: every hit, and under each hit whose story is in `expanded`, its copies.
pub fn hit_rows(results: &SearchResults, expanded: &HashSet<String>) -> Vec<HitRow> {
    let mut rows = Vec::with_capacity(results.hits.len());
    for (at, hit) in results.hits.iter().enumerate() {
        let open = !hit.copies.is_empty() && hit.story.as_ref().is_some_and(|story| expanded.contains(story));
        rows.push(HitRow::Hit { hit: at, expanded: open });
        if open {
            rows.extend((0..hit.copies.len()).map(|copy| HitRow::Copy { hit: at, copy }));
        }
    }
    rows
}

/// The article a row shows.
pub fn row_article(results: &SearchResults, row: HitRow) -> Option<&ArticleSummary> {
    let hit = results.hits.get(row.hit())?;
    match row {
        HitRow::Hit { .. } => Some(&hit.article),
        HitRow::Copy { copy, .. } => hit.copies.get(copy),
    }
}

impl App {
    /// A query answered: its rows folded again, the selection kept on its article when the
    /// same query ran again (more hits, or a changed index), else at the top.
    pub(super) fn search_done(
        &mut self,
        query: String,
        limit: usize,
        results: Result<SearchResults, QueryError>,
    ) {
        let same_query = self.search.ran.as_ref().is_some_and(|(ran, _)| *ran == query);
        let selected = same_query.then(|| self.selected_summary().map(|summary| summary.address())).flatten();
        if !same_query {
            self.search.cursor = Default::default();
            self.search.expanded.clear();
        }
        self.search.stale = false;
        self.search.ran = Some((query, limit));
        self.search.results = Some(results);
        self.fold_hits(selected);
    }

    /// The result rows again, the selection moved to `selected`'s row when it is still shown.
    fn fold_hits(&mut self, selected: Option<Address>) {
        let Some(Ok(results)) = &self.search.results else {
            self.search.rows.clear();
            return;
        };
        self.search.rows = hit_rows(results, &self.search.expanded);
        let position = selected.and_then(|address| {
            (self.search.rows.iter()).position(|row| {
                row_article(results, *row).is_some_and(|article| article.address() == address)
            })
        });
        if let Some(position) = position {
            self.search.cursor.selected = position;
        }
    }

    /// The `copies` key in the search results: shows or hides the copies folded under the
    /// selected hit (on a copy, folds its hit's again and selects the hit).
    pub(super) fn toggle_hit_copies(&mut self) {
        let Some(row) = self.search.rows.get(self.search.cursor.selected).copied() else { return };
        let hit = self.hits().and_then(|results| results.hits.get(row.hit()));
        let Some((story, head)) = hit
            .filter(|hit| !hit.copies.is_empty())
            .and_then(|hit| Some((hit.story.clone()?, hit.article.address())))
        else {
            self.notice = Some(self.settings.text.no_copies_matched.into());
            return;
        };
        if !self.search.expanded.remove(&story) {
            self.search.expanded.insert(story);
        }
        self.fold_hits(Some(head));
    }
}
