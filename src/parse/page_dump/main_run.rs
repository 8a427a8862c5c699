//! Where the article is: the largest run of prose, lists and boxes inside it allowed, and the
//! runs beside it that a long list or table of contents parts from it. One pass over the page.

use super::blocks::inline_tags;
use super::classify::{Class, Reading};
use super::closed_sets::boilerplate_header;
use super::patterns::{is_comments_header, Shape};
use super::rules::Rule;

/// Non-prose lines allowed between two paragraphs of one body (images, captions, a box).
const MAX_GAP: usize = 6;
/// Lines between two runs of one body at most: a list or a table of contents inside it.
const MAX_LIST_GAP: usize = 30;

/// A run of prose: its first and last lines, its characters, and whether a boundary stands
/// before it.
struct Run {
    start: usize,
    end: usize,
    chars: usize,
    walled: bool,
}

impl Run {
    /// `other`, next to this run (either side), with only a list between them and no boundary,
    /// is of the same body when it is a body's part itself: two paragraphs or more, not a lone
    /// sentence, and a quarter of the largest run's length (or 300 characters).
    fn joins(&self, other: &Run, best: &Run) -> bool {
        let (before, after) = if other.start < self.start { (other, self) } else { (self, other) };
        !after.walled
            && after.start - before.end <= MAX_LIST_GAP
            && other.end > other.start
            && other.chars * 4 >= best.chars.min(1200)
    }
}

/// Words from which a line between paragraphs reads as a list's item, not a menu's.
const LIST_ITEM_WORDS: usize = 4;
/// Lines between two stamped entries of one thread (comments, teasers) at most.
const THREAD_SPAN: usize = 40;
/// Paragraphs of one entry of a thread at most.
const MAX_ENTRY_PARAGRAPHS: usize = 2;

impl Reading<'_> {
    /// Lines the body cannot cross: a site-wide list, tags, comments, a wire credit, a
    /// separator, the copyright line.
    fn is_boundary(&self, at: usize) -> bool {
        matches!(self.class[at], Class::SiteList | Class::TagHeader | Class::Tag)
            || matches!(self.shapes[at], Shape::Copyright | Shape::WireCredit | Shape::Separator | Shape::FollowUs)
            // A list's header with no items under it ("SPONSORED CONTENT" between paragraphs) is a label.
            || (self.shapes[at] == Shape::SiteList && self.rule[at] != Rule::EmptyHeader)
            || (self.shapes[at] == Shape::Count && self.page.lines[at].text.ends_with(')'))
            || (matches!(self.shapes[at], Shape::Widget | Shape::Other)
                && is_comments_header(self.page.lines[at].text))
            || (self.page.lines[at].words <= 30 && inline_tags(self.page.lines[at].text).is_some())
            || boilerplate_header(self.page.text(at), self.page.get(at + 1).map(|next| next.text))
    }

    /// Site-wide lists between paragraphs ("Trending" and two titles, then the article goes on
    /// for two paragraphs or more): a box the page put inside the body, not the body's end.
    fn lists_between_paragraphs(&self) -> Vec<bool> {
        let n = self.page.len();
        let mut inside = vec![false; n];
        let aside = |at: usize| self.furniture_rule(at).is_some() || self.claimed[at];
        // The list's own buttons ("Arrow", "MORE TRENDING") go with it.
        let button = |at: usize| !self.page.lines[at].is_prose() && self.page.lines[at].words <= 4;
        let mut at = 0;
        while at < n {
            if self.class[at] != Class::SiteList {
                at += 1;
                continue;
            }
            let start = at;
            while at < n && (self.class[at] == Class::SiteList || aside(at) || button(at)) {
                at += 1;
            }
            let before =
                (0..start).rev().find(|&other| !aside(other)).is_some_and(|other| self.is_prose(other));
            let after = at + 1 < n && self.is_prose(at) && self.is_prose(at + 1);
            if before && after {
                inside[start..at].fill(true);
            }
        }
        inside
    }

    /// The stamps of a thread of entries — comments, teasers — each a short line (a name, a
    /// headline) over a line that is a date and little else, over a paragraph or two, the next
    /// stamp right after: the article is over at each. The article's own date has the whole
    /// article under it, and a chronology inside it dates its paragraphs after prose.
    fn thread_stamps(&self) -> Vec<bool> {
        let lines = &self.page.lines;
        let words = |text: &str| text.split_whitespace().count();
        let stamp = |at: usize| {
            let line = &lines[at];
            let dated = line.date.as_ref().is_some_and(|date| words(&date.before) + words(&date.after) <= 3);
            let under_a_label = at > 0 && !lines[at - 1].is_prose() && !lines[at - 1].ends_sentence();
            let over_prose = (at + 1..lines.len().min(at + 4)).any(|next| self.is_prose(next));
            dated && !line.is_prose() && under_a_label && over_prose
        };
        let stamps: Vec<usize> = (0..lines.len()).filter(|&at| stamp(at)).collect();
        let mut marked = vec![false; lines.len()];
        for pair in stamps.windows(2) {
            // An entry is a comment or a teaser's summary: a few paragraphs, not an article.
            let prose_between = || (pair[0] + 1..pair[1]).filter(|&at| self.is_prose(at)).count();
            if pair[1] - pair[0] <= THREAD_SPAN && prose_between() <= MAX_ENTRY_PARAGRAPHS {
                marked[pair[0]] = true;
                marked[pair[1]] = true;
            }
        }
        marked
    }

    /// A line that reads as running text, for finding the body.
    pub fn is_prose(&self, at: usize) -> bool {
        self.page.lines[at].is_prose() && self.furniture_rule(at).is_none() && !self.claimed[at]
    }

    /// A line of words that is no sentence and no furniture by its look: a list's item or a
    /// table's row inside the body ("Helped a ferry firm double its bookings"), which does not
    /// part the paragraphs around it as a menu does (a menu's items are a word or three).
    fn list_item_shaped(&self, at: usize) -> bool {
        let line = &self.page.lines[at];
        line.words >= LIST_ITEM_WORDS && line.date.is_none() && self.furniture_rule(at).is_none()
    }

    /// The largest run of prose (by characters), allowing a few other lines inside it, and the
    /// runs beside it that a longer list or table parts from it (see [`Run::joins`]).
    /// Related boxes are transparent; boundaries end a run.
    pub(super) fn main_run(&self) -> Option<(usize, usize)> {
        let mut runs: Vec<Run> = Vec::new();
        let mut current: Option<Run> = None;
        let mut gap = 0;
        let mut walled = false;
        let inside = self.lists_between_paragraphs();
        let stamps = self.thread_stamps();
        for (at, &in_body) in inside.iter().enumerate() {
            // A table's cells are the article's, whatever each looks like alone ("0", "01/12").
            if self.tables.of(at).is_some() {
                continue;
            }
            if (self.is_boundary(at) && !in_body) || stamps[at] {
                runs.extend(current.take());
                walled = true;
                continue;
            }
            if self.claimed[at] && self.class[at] != Class::Furniture {
                continue;
            }
            if self.is_prose(at) {
                let chars = self.page.lines[at].text.len();
                match current.as_mut() {
                    Some(run) if gap <= MAX_GAP => {
                        run.end = at;
                        run.chars += chars;
                    }
                    _ => {
                        runs.extend(current.take());
                        current =
                            Some(Run { start: at, end: at, chars, walled: std::mem::take(&mut walled) });
                    }
                }
                gap = 0;
            } else if !self.page.lines[at].credit && !self.list_item_shaped(at) {
                gap += 1;
            }
        }
        runs.extend(current);
        let best = (0..runs.len()).rev().max_by_key(|&i| runs[i].chars)?;
        // Widgets, boxes and menus part a body from the page's other prose (a footer's blurb);
        // so does a date line under the article: teasers, comments and posts carry dates, an
        // article's own lists and tables (pros, specs, prices) do not.
        let mut parting = vec![0; self.page.len() + 1];
        for at in 0..self.page.len() {
            let furniture = self.furniture_rule(at).is_some() || self.rule[at] == Rule::WidgetRun;
            let parts = (furniture || self.page.lines[at].date.is_some()) && self.tables.of(at).is_none();
            parting[at + 1] = parting[at] + parts as usize;
        }
        let clear = |a: &Run, b: &Run| {
            let (before, after) = if a.start < b.start { (a, b) } else { (b, a) };
            parting[after.start] == parting[before.end + 1]
        };
        let (mut first, mut last) = (best, best);
        while first > 0
            && runs[first].joins(&runs[first - 1], &runs[best])
            && clear(&runs[first], &runs[first - 1])
        {
            first -= 1;
        }
        while last + 1 < runs.len()
            && runs[last].joins(&runs[last + 1], &runs[best])
            && clear(&runs[last], &runs[last + 1])
        {
            last += 1;
        }
        Some((runs[first].start, runs[last].end))
    }
}
