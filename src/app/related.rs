//! The related pane's rows: the open article's related links, then the other copies of its
//! story, similar saved articles and "Linked from". Drawing and mouse hit-tests both use these
//! rows, so a click lands on what is shown.

use super::wrap::wrap;
use super::{App, OpenArticle};
use crate::article::Address;
use crate::index::{ArticleSummary, ResolvedLink, SimilarArticle};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelatedRow {
    /// A line of the title of entry `entry` (related links first, then the same story's other
    /// copies, similar articles and linked-from articles); the first line carries the mark.
    Title {
        entry: usize,
        text: String,
        first: bool,
    },
    /// Its category or date.
    Detail {
        entry: usize,
    },
    /// A line of the selected unsaved link's summary.
    Summary {
        entry: usize,
        text: String,
    },
    /// The heading of a section after the page's own links.
    Heading(Section),
    NoRelated,
    /// Similar articles are still being looked for.
    SimilarPending,
    NoSimilar,
    NoLinkedFrom,
    Blank,
}

/// The sections of the pane after the page's own links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    SameStory,
    Similar,
    LinkedFrom,
}

impl RelatedRow {
    pub fn entry(&self) -> Option<usize> {
        match self {
            RelatedRow::Title { entry, .. }
            | RelatedRow::Detail { entry }
            | RelatedRow::Summary { entry, .. } => Some(*entry),
            _ => None,
        }
    }
}

/// An entry of the related pane: one of the page's links, or a saved article the library
/// found for it.
pub enum Entry<'a> {
    Link(&'a ResolvedLink),
    Saved(&'a ArticleSummary, Section),
}

/// Where an entry of the related pane leads.
pub enum Target<'a> {
    Saved(Address),
    Unsaved { title: &'a str },
}

impl OpenArticle {
    fn similar(&self) -> &[SimilarArticle] {
        self.loaded.similar.as_deref().unwrap_or_default()
    }

    pub fn related_len(&self) -> usize {
        let loaded = &self.loaded;
        loaded.related.len() + loaded.same_story.len() + self.similar().len() + loaded.linked_from.len()
    }

    /// Entry `entry`, counting through the sections in the order they are shown.
    pub fn entry(&self, entry: usize) -> Option<Entry<'_>> {
        let loaded = &self.loaded;
        let mut at = entry;
        if let Some(link) = loaded.related.get(at) {
            return Some(Entry::Link(link));
        }
        at -= loaded.related.len();
        if let Some(copy) = loaded.same_story.get(at) {
            return Some(Entry::Saved(copy, Section::SameStory));
        }
        at -= loaded.same_story.len();
        if let Some(found) = self.similar().get(at) {
            return Some(Entry::Saved(&found.article, Section::Similar));
        }
        at -= self.similar().len();
        loaded.linked_from.get(at).map(|summary| Entry::Saved(summary, Section::LinkedFrom))
    }

    pub fn target(&self, entry: usize) -> Option<Target<'_>> {
        Some(match self.entry(entry)? {
            Entry::Link(link) => match &link.target {
                Some(saved) => Target::Saved(saved.address()),
                None => Target::Unsaved { title: &link.link.title },
            },
            Entry::Saved(summary, _) => Target::Saved(summary.address()),
        })
    }

    /// The rows for a pane `width` columns wide.
    pub fn related_rows(&self, width: usize) -> Vec<RelatedRow> {
        let mut rows = Vec::new();
        let loaded = &self.loaded;
        let related = &loaded.related;
        if related.is_empty() {
            rows.push(RelatedRow::NoRelated);
        }
        for (entry, link) in related.iter().enumerate() {
            push_entry(&mut rows, entry, &link.link.title, width);
            let summary = link.link.summary.as_deref().filter(|s| !s.is_empty());
            if let (true, None, Some(summary)) = (entry == self.related.selected, &link.target, summary) {
                // Summary lines are indented by two columns under the mark.
                for line in wrap(summary, width.saturating_sub(2)) {
                    rows.push(RelatedRow::Summary { entry, text: summary[line].to_string() });
                }
            }
        }
        let mut entry = related.len();
        let mut section =
            |rows: &mut Vec<RelatedRow>, section, titles: Vec<&str>, empty: Option<RelatedRow>| {
                if titles.is_empty() && empty.is_none() {
                    return;
                }
                rows.push(RelatedRow::Blank);
                rows.push(RelatedRow::Heading(section));
                if titles.is_empty() {
                    rows.extend(empty);
                }
                for title in titles {
                    push_entry(rows, entry, title, width);
                    entry += 1;
                }
            };
        section(&mut rows, Section::SameStory, titles(&loaded.same_story), None);
        let similar_empty = match loaded.similar {
            None => RelatedRow::SimilarPending,
            Some(_) => RelatedRow::NoSimilar,
        };
        let similar = self.similar().iter().map(|found| found.article.title.as_str()).collect();
        section(&mut rows, Section::Similar, similar, Some(similar_empty));
        section(&mut rows, Section::LinkedFrom, titles(&loaded.linked_from), Some(RelatedRow::NoLinkedFrom));
        rows
    }
}

fn titles(summaries: &[ArticleSummary]) -> Vec<&str> {
    summaries.iter().map(|summary| summary.title.as_str()).collect()
}

/// The title, wrapped under its two-column mark, and the detail line of one entry.
fn push_entry(rows: &mut Vec<RelatedRow>, entry: usize, title: &str, width: usize) {
    for (number, line) in wrap(title, width.saturating_sub(2)).into_iter().enumerate() {
        rows.push(RelatedRow::Title { entry, text: title[line].to_string(), first: number == 0 });
    }
    rows.push(RelatedRow::Detail { entry });
}

impl App {
    /// Scrolls the related pane so the selected entry's rows are all in view.
    pub(super) fn keep_related_in_view(&mut self) {
        let inner = super::inner(self.areas().related);
        let (width, height) = (inner.width as usize, inner.height as usize);
        let Some(open) = self.open.as_mut() else { return };
        open.related.selected = open.related.selected.min(open.related_len().saturating_sub(1));
        let rows = open.related_rows(width);
        let selected = Some(open.related.selected);
        let first = rows.iter().position(|row| row.entry() == selected).unwrap_or(0);
        let last = rows.iter().rposition(|row| row.entry() == selected).unwrap_or(0);
        let cursor = &mut open.related;
        if last >= cursor.offset + height.max(1) {
            cursor.offset = last + 1 - height.max(1);
        }
        if first < cursor.offset {
            cursor.offset = first;
        }
        cursor.offset = cursor.offset.min(rows.len().saturating_sub(height));
    }
}
