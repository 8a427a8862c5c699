//! The list's order: newest first, by title, or by source (`s` cycles).

use super::{App, LibraryStatus, SortOrder};
use crate::article::Address;
use crate::index::ListOrder;
use crate::strings::fill;

impl App {
    pub(super) fn library_loaded(&mut self, listing: crate::index::Listing) {
        let selected = self.selected_in_library();
        self.articles = super::Articles::new(listing, self.sort.into());
        self.library_status = LibraryStatus::Ready;
        self.sort_articles(selected);
        // A new list is a new state of the index: results found before may miss an article.
        self.search.stale = self.search.ran.is_some();
    }

    /// Shows a query's results: a new query's from the top, the same query's again (more
    /// hits, or run again on a changed index) with the selection on the same article.
    pub(super) fn search_done(
        &mut self,
        query: String,
        limit: usize,
        results: Result<crate::index::SearchResults, crate::index::QueryError>,
    ) {
        let same = self.search.ran.as_ref().is_some_and(|(ran, _)| *ran == query);
        let selected = self.selected_summary().filter(|_| same).map(|summary| summary.address());
        if !same {
            self.search.cursor = Default::default();
        }
        self.search.stale = false;
        self.search.ran = Some((query, limit));
        self.search.results = Some(results);
        let at = selected.and_then(|address| {
            let hits = &self.hits()?.hits;
            hits.iter()
                .position(|hit| hit.article.path == address.path && hit.article.member == address.member)
        });
        if let Some(at) = at {
            self.search.cursor.selected = at;
        }
    }

    pub(super) fn cycle_sort(&mut self) {
        self.sort = match self.sort {
            SortOrder::Newest => SortOrder::Title,
            SortOrder::Title => SortOrder::Source,
            SortOrder::Source => SortOrder::Newest,
        };
        let selected = self.selected_in_library();
        self.sort_articles(selected);
        let t = self.settings.text;
        let name = match self.sort {
            SortOrder::Newest => t.sort_date,
            SortOrder::Title => t.sort_title,
            SortOrder::Source => t.sort_source,
        };
        self.notice = Some(fill(t.sorted_by, &[("order", &name)]));
    }

    /// Sorts the library (an order of the listing's rows, by their columns), folds it by story
    /// and keeps `selected` selected.
    fn sort_articles(&mut self, selected: Option<Address>) {
        self.articles.sort(self.sort.into());
        self.fold_rows(selected);
    }
}

impl From<SortOrder> for ListOrder {
    fn from(order: SortOrder) -> ListOrder {
        match order {
            SortOrder::Newest => ListOrder::Newest,
            SortOrder::Title => ListOrder::Title,
            SortOrder::Source => ListOrder::Source,
        }
    }
}
