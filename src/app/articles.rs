//! The library list in its sort order: the index's [`Listing`] (columns, no strings) and an
//! order of its rows. A row's title, source and path are read only when it is asked for: the
//! list pane asks for the rows on screen.

use crate::article::Address;
use crate::index::{ArticleSummary, ListOrder, Listing};

#[derive(Debug, Clone, Default)]
pub struct Articles {
    listing: Listing,
    /// The listing's rows in the order shown.
    order: Vec<u32>,
}

impl Articles {
    /// `listing` in `order`.
    pub fn new(listing: Listing, order: ListOrder) -> Articles {
        let order = listing.order(order);
        Articles { listing, order }
    }

    /// Summaries held in memory, newest first (an app without an index, tests).
    pub fn of(summaries: Vec<ArticleSummary>) -> Articles {
        Articles::new(Listing::from_summaries(summaries), ListOrder::Newest)
    }

    pub fn listing(&self) -> &Listing {
        &self.listing
    }

    pub fn sort(&mut self, order: ListOrder) {
        self.order = self.listing.order(order);
    }

    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The listing's row shown at `at`.
    pub fn row(&self, at: usize) -> Option<u32> {
        self.order.get(at).copied()
    }

    /// The summary of the article at `at`, read now.
    pub fn get(&self, at: usize) -> Option<ArticleSummary> {
        self.listing.get(self.row(at)?)
    }

    pub fn address(&self, at: usize) -> Option<Address> {
        self.get(at).map(|summary| summary.address())
    }

    /// Where the article at `address` is shown.
    pub fn position(&self, address: &Address) -> Option<usize> {
        let row = self.listing.row_of(address)?;
        self.order.iter().position(|shown| *shown == row)
    }

    /// Every summary in order, each read as it comes (tests, small libraries).
    pub fn iter(&self) -> impl Iterator<Item = ArticleSummary> + '_ {
        (0..self.len()).filter_map(|at| self.get(at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Format, Published};

    fn summary(number: usize, title: &str, source: Option<&str>, day: Option<u32>) -> ArticleSummary {
        ArticleSummary {
            path: format!("/lib/{number:05}.txt").into(),
            member: None,
            title: title.into(),
            published: day.map(|day| Published::date(chrono::NaiveDate::from_ymd_opt(2024, 1, day).unwrap())),
            category: None,
            source: source.map(str::to_string),
            author: None,
            format: Format::Plain,
        }
    }

    /// A generated list of many articles: titles with accents and case, repeated titles,
    /// sources and dates, undated ones.
    fn many(count: usize) -> Vec<ArticleSummary> {
        let words = ["Hà Nội", "ha noi", "Đà Nẵng", "bóng đá", "Zebra", "an", "Ánh", "đường", "Dương"];
        (0..count)
            .map(|n| {
                let title = format!("{} {}", words[n * 7 % words.len()], words[n * 13 % words.len()]);
                let source = (n % 5 != 0).then(|| words[n * 3 % words.len()]);
                let day = (n % 11 != 0).then_some(1 + (n * 17 % 28) as u32);
                summary(n, &title, source, day)
            })
            .collect()
    }

    #[test]
    fn a_big_list_sorts_by_title_and_source_as_their_folded_strings_do() {
        let summaries = many(20_000);
        let mut articles = Articles::of(summaries.clone());
        articles.sort(ListOrder::Title);
        let titles: Vec<String> = articles.iter().map(|a| crate::text::fold(&a.title)).collect();
        assert!(titles.windows(2).all(|pair| pair[0] <= pair[1]), "not in title order");
        assert_eq!(titles.len(), summaries.len());
        articles.sort(ListOrder::Source);
        let key = |a: &ArticleSummary| {
            let fold = |text: &Option<String>| crate::text::fold(text.as_deref().unwrap_or("\u{10ffff}"));
            (fold(&a.source), fold(&a.category), std::cmp::Reverse(a.published.map(|p| p.to_utc())))
        };
        let keys: Vec<_> = articles.iter().map(|a| key(&a)).collect();
        assert!(keys.windows(2).all(|pair| pair[0] <= pair[1]), "not in source order");
        articles.sort(ListOrder::Newest);
        let dates: Vec<_> = articles.iter().map(|a| a.published.map(|p| p.to_utc())).collect();
        let dated = dates.iter().take_while(|date| date.is_some()).count();
        assert!(dates[dated..].iter().all(Option::is_none), "undated last");
        assert!(dates[..dated].windows(2).all(|pair| pair[0] >= pair[1]), "newest first");
    }

    #[test]
    fn only_the_rows_asked_for_are_read() {
        let mut articles = Articles::of(many(5_000));
        articles.sort(ListOrder::Title);
        articles.sort(ListOrder::Source);
        assert_eq!(articles.listing().fetched(), 0, "sorting reads no summary");
        let shown: Vec<_> = (100..120).filter_map(|at| articles.get(at)).collect();
        assert_eq!(shown.len(), 20);
        assert_eq!(articles.listing().fetched(), 20);
        let address = shown[3].address();
        assert_eq!(articles.position(&address), Some(103));
    }
}
