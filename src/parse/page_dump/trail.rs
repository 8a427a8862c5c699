//! Breadcrumbs ("Home > Garden > Six ways to keep a pond clear", "News | Climate Crisis",
//! "Home / Blog / …", "Home · Farm · …"), read once for every use: the kicker takes the last
//! item as the article's section, the title scores the line a trail ends with, and a trail taken
//! as the headline gives its last item.

use super::lines::{first_letter, words_between_separators};

/// What parts a trail's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marks {
    /// `>`, `›`, `»`.
    Arrows,
    /// " / ".
    Slashes,
    /// `|`.
    Bars,
    /// `·`, two of them at least.
    Dots,
}

/// A line read as a trail: its items in order, and the marks between them.
#[derive(Debug)]
pub struct Trail<'a> {
    pub items: Vec<&'a str>,
    pub marks: Marks,
}

impl<'a> Trail<'a> {
    /// The items of `text`, parted by arrows, else by slashes, bars or dots; `None` with fewer
    /// than two.
    pub fn read(text: &'a str) -> Option<Self> {
        let parted = |marks: Marks| -> Vec<&'a str> {
            match marks {
                Marks::Arrows => text.split(['>', '›', '»']).map(str::trim).collect(),
                Marks::Slashes => text.split(" / ").map(str::trim).collect(),
                Marks::Bars => text.split('|').map(str::trim).collect(),
                Marks::Dots => text.split('·').map(str::trim).collect(),
            }
        };
        let trail = [Marks::Arrows, Marks::Slashes, Marks::Bars]
            .into_iter()
            .map(|marks| Trail { items: parted(marks), marks })
            .find(|trail| trail.items.len() >= 2);
        trail.or_else(|| {
            Some(Trail { items: parted(Marks::Dots), marks: Marks::Dots }).filter(|t| t.items.len() >= 3)
        })
    }

    fn last(&self) -> &'a str {
        self.items.last().copied().unwrap_or_default()
    }

    fn path(&self) -> &[&'a str] {
        &self.items[..self.items.len() - 1]
    }

    /// "Xã hội > Giao thông", "Home / Cities / Pune News": the last item, the article's own
    /// section (the README's convention, counted in the ninth round: five pages against three
    /// samples). Every item is a few words; "Tin tức - Sự kiện" is four (a dash is no word).
    pub fn section(&self) -> Option<&'a str> {
        let short = |item: &&str| (1..=4).contains(&words_between_separators(item));
        // A slash or a bar is also a byline's ("Name / Outlet") or a player's ("0:00 / 0:00"):
        // only labels ("News|Climate Crisis").
        let label = |item: &&str| {
            first_letter(item).is_some_and(char::is_uppercase)
                && !item.ends_with(':')
                && !item.chars().any(|c| c.is_ascii_digit())
        };
        let labels = self.marks == Marks::Arrows || self.items.iter().all(label);
        (self.marks != Marks::Dots && self.items.iter().all(short) && labels).then(|| self.last())
    }

    /// What a trail taken as the headline gives: its last item, when the items before are a
    /// section's names, a few words each without figures ("Why 3 > 2 in the vote" is a headline).
    pub fn as_title(&self) -> Option<&'a str> {
        let section_name = |item: &&str| {
            (1..=6).contains(&item.split_whitespace().count()) && !item.contains(|c: char| c.is_ascii_digit())
        };
        let marked = matches!(self.marks, Marks::Arrows | Marks::Dots);
        (marked && self.path().iter().all(section_name) && self.last().split_whitespace().count() >= 3)
            .then(|| self.last())
    }

    /// The page a trail ends with ("You are here: Home / Blog / …"): its last item, of two words
    /// or more, may be the page's own headline, which the title scores.
    pub fn names_page(&self) -> Option<&'a str> {
        let words = |item: &str| item.split_whitespace().count();
        (self.marks != Marks::Dots
            && self.path().iter().any(|item| words(item) >= 1)
            && words(self.last()) >= 2)
            .then(|| self.last())
    }
}

#[cfg(test)]
mod tests {
    use super::Trail;

    fn headline(text: &str) -> Option<&str> {
        Trail::read(text).and_then(|trail| trail.as_title())
    }

    fn section(text: &str) -> Option<&str> {
        Trail::read(text).and_then(|trail| trail.section())
    }

    #[test]
    fn a_breadcrumb_taken_as_the_headline_ends_with_it() {
        assert_eq!(
            headline("Trang chủ > Đời sống > Chợ hoa ven sông mở lại"),
            Some("Chợ hoa ven sông mở lại")
        );
        assert_eq!(
            headline("Home · Garden · Six ways to keep a pond clear"),
            Some("Six ways to keep a pond clear")
        );
        assert_eq!(headline("Why 3 > 2 in the ferry vote"), None);
        assert_eq!(headline("Ferry fares rise · Council says"), None);
    }

    #[test]
    fn a_breadcrumb_ends_with_the_section() {
        assert_eq!(section("Xã hội > Giao thông"), Some("Giao thông"));
        assert_eq!(section("Home / Cities / Pune News"), Some("Pune News"));
        assert_eq!(section("News|Climate Crisis"), Some("Climate Crisis"));
        assert_eq!(section("0:00 / 0:00"), None);
        assert_eq!(section("Home · Farm · Tools"), None);
    }
}
