//! The list's order: newest first, by title, or by source (`s` cycles).

use super::{App, LibraryStatus, SortOrder};
use crate::article::Address;
use crate::strings::fill;

impl App {
    pub(super) fn library_loaded(&mut self, articles: Vec<crate::index::ArticleSummary>) {
        let selected = self.selected_in_library();
        self.articles = articles;
        self.library_status = LibraryStatus::Ready;
        self.sort_articles(selected);
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

    /// Sorts the library, folds it by story and keeps `selected` selected.
    fn sort_articles(&mut self, selected: Option<Address>) {
        let newest = |a: &crate::index::ArticleSummary| std::cmp::Reverse(a.published.map(|p| p.to_utc()));
        let folded = |text: &Option<String>| crate::text::fold(text.as_deref().unwrap_or("\u{10ffff}"));
        match self.sort {
            SortOrder::Newest => self.articles.sort_by_key(|a| (a.published.is_none(), newest(a))),
            SortOrder::Title => self.articles.sort_by_cached_key(|a| crate::text::fold(&a.title)),
            SortOrder::Source => {
                self.articles.sort_by_cached_key(|a| (folded(&a.source), folded(&a.category), newest(a)))
            }
        }
        self.fold_rows(selected);
    }
}
