//! The related pane's rows: the open article's related links, then "Linked from". Drawing and
//! mouse hit-tests both use these rows, so a click lands on what is shown.

use super::wrap::wrap;
use super::{App, OpenArticle};
use crate::article::Address;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RelatedRow {
    /// A line of the title of entry `entry` (related links first, then linked-from articles);
    /// the first line carries the ● / ○ mark.
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
    /// The "Linked from" heading.
    LinkedFromHeading,
    NoRelated,
    NoLinkedFrom,
    Blank,
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

/// Where an entry of the related pane leads.
pub enum Target<'a> {
    Saved(Address),
    Unsaved { title: &'a str },
}

impl OpenArticle {
    pub fn related_len(&self) -> usize {
        self.loaded.related.len() + self.loaded.linked_from.len()
    }

    pub fn target(&self, entry: usize) -> Option<Target<'_>> {
        let related = &self.loaded.related;
        match related.get(entry) {
            Some(link) => Some(match &link.target {
                Some(saved) => Target::Saved(saved.address()),
                None => Target::Unsaved { title: &link.link.title },
            }),
            None => self.loaded.linked_from.get(entry - related.len()).map(|s| Target::Saved(s.address())),
        }
    }

    /// The rows for a pane `width` columns wide.
    pub fn related_rows(&self, width: usize) -> Vec<RelatedRow> {
        let mut rows = Vec::new();
        let related = &self.loaded.related;
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
        rows.push(RelatedRow::Blank);
        rows.push(RelatedRow::LinkedFromHeading);
        if self.loaded.linked_from.is_empty() {
            rows.push(RelatedRow::NoLinkedFrom);
        }
        for index in 0..self.loaded.linked_from.len() {
            let entry = related.len() + index;
            push_entry(&mut rows, entry, &self.loaded.linked_from[index].title, width);
        }
        rows
    }
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
