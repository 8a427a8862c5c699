//! The list's order: newest first, by title, or by source (`s` cycles).

use super::{App, LibraryStatus, SortOrder};
use crate::article::Address;
use crate::index::ListOrder;
use crate::strings::fill;

impl App {
    pub(super) fn library_loaded(&mut self, listing: crate::index::Listing) {
        let selected = self.selected_in_library();
        let order = self.sort.into();
        self.articles = crate::timeline::span("app: sort", || super::Articles::new(listing, order));
        self.library_status = LibraryStatus::Ready;
        crate::timeline::span("app: fold", || self.fold_rows(selected));
        // A new list is a new state of the index: results found before may miss an article.
        self.search.stale = self.search.ran.is_some();
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
