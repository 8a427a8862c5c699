//! Every line of a page dump gets a class and the rule that decided it. The page is read as a
//! whole: first what each line is by itself (widgets, counts, credits, block headers, learned
//! furniture), then the blocks headers open, then where the article is (the largest run of
//! prose), then its header just above that run, its body, and what follows it. Every step is
//! one pass, or looks a constant number of lines around a line: linear in the page.

use super::blocks::inline_tags;
use super::furniture::{site_of, FurnitureModel, Keys};
use super::lines::Page;
use super::patterns::{has_box_words, is_comments_header, shape, Shape};
pub use super::rules::Rule;
use super::{blocks, body, header, run};

/// What a line of the page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Furniture,
    SiteList,
    Kicker,
    Title,
    TitleCopy,
    Date,
    Byline,
    Lead,
    TagHeader,
    Tag,
    Paragraph,
    Heading,
    Caption,
    RelatedHeader,
    RelatedItem,
    RelatedMeta,
    RelatedSummary,
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Furniture => "furniture",
            Class::SiteList => "site list",
            Class::Kicker => "kicker",
            Class::Title => "title",
            Class::TitleCopy => "title copy",
            Class::Date => "date",
            Class::Byline => "byline",
            Class::Lead => "lead",
            Class::TagHeader => "tag header",
            Class::Tag => "tag",
            Class::Paragraph => "paragraph",
            Class::Heading => "heading",
            Class::Caption => "caption",
            Class::RelatedHeader => "related header",
            Class::RelatedItem => "related item",
            Class::RelatedMeta => "related meta",
            Class::RelatedSummary => "related summary",
        }
    }
}

/// "In partnership with", "Presented by": an advert label that names its sponsor on the next line.
fn sponsor_label(text: &str) -> bool {
    let text = text.trim_end_matches(':').to_lowercase();
    text.ends_with(" with") || text.ends_with(" by")
}

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

/// The page and what is known of each line so far.
pub struct Reading<'a> {
    pub page: Page<'a>,
    pub shapes: Vec<Shape>,
    pub learned: Vec<bool>,
    pub class: Vec<Class>,
    pub rule: Vec<Rule>,
    /// Set once a later step decided the line (blocks, header, body).
    pub claimed: Vec<bool>,
    boxes: Vec<bool>,
    /// What the header gave, once classified.
    pub found: Option<header::Found>,
}

impl<'a> Reading<'a> {
    pub fn new(text: &'a str, furniture: Option<&FurnitureModel>) -> Reading<'a> {
        let page = Page::new(text);
        let n = page.len();
        let shapes: Vec<Shape> = page.lines.iter().map(shape).collect();
        let site = furniture.and_then(|model| model.site(site_of(&page)?));
        let learned = match site {
            Some(set) => {
                let keys = Keys::new(&page);
                (0..n).map(|at| keys.learned(set, at)).collect()
            }
            None => vec![false; n],
        };
        let mut reading = Reading {
            page,
            shapes,
            learned,
            class: vec![Class::Furniture; n],
            rule: vec![Rule::OutsideArticle; n],
            claimed: vec![false; n],
            boxes: vec![false; n],
            found: None,
        };
        reading.find_boxes();
        reading.image_labels();
        reading
    }

    /// "Image caption," and "Image source," alone on a line: the caption or the credit is the
    /// next line; with text after the comma, it is on the same line.
    fn image_labels(&mut self) {
        for at in 0..self.page.len() {
            let alone = self.page.lines[at].words <= 2 && at + 1 < self.page.len();
            match self.shapes[at] {
                Shape::CaptionLabel if alone => {
                    self.set(at, Class::Furniture, Rule::Looks(Shape::CaptionLabel));
                    self.set(at + 1, Class::Caption, Rule::CaptionLabelled);
                }
                Shape::CaptionLabel => self.set(at, Class::Caption, Rule::CaptionLabelled),
                Shape::ImageSource if alone => {
                    self.set(at, Class::Furniture, Rule::Looks(Shape::ImageSource));
                    self.set(at + 1, Class::Furniture, Rule::Looks(Shape::ImageSource));
                }
                Shape::ImageSource => self.set(at, Class::Furniture, Rule::Looks(Shape::ImageSource)),
                _ => {}
            }
        }
    }

    pub fn set(&mut self, at: usize, class: Class, rule: Rule) {
        if at < self.class.len() {
            self.class[at] = class;
            self.rule[at] = rule;
            self.claimed[at] = true;
        }
    }

    /// Gives line `at` back to the later steps (a block took it wrongly).
    pub fn release(&mut self, at: usize) {
        self.class[at] = Class::Furniture;
        self.rule[at] = Rule::OutsideArticle;
        self.claimed[at] = false;
    }

    pub fn is_box(&self, at: usize) -> bool {
        self.boxes.get(at).copied().unwrap_or(false)
    }

    /// Furniture by its own look (or the learned model), whatever its place.
    pub fn furniture_rule(&self, at: usize) -> Option<Rule> {
        if self.learned[at] {
            return Some(Rule::Learned);
        }
        match self.shapes[at] {
            Shape::Widget
            | Shape::FontWidget
            | Shape::Count
            | Shape::Advert
            | Shape::Copyright
            | Shape::WireCredit
            | Shape::Separator
            | Shape::FollowUs
            | Shape::ImageSource => Some(Rule::Looks(self.shapes[at])),
            _ if self.boxes[at] => Some(Rule::Box),
            _ => None,
        }
    }

    /// Newsletter, cookie and subscription boxes: a short line with their words, a longer one
    /// beside another box line or that is no sentence (a call: "Get the biggest stories … with
    /// our free newsletter"), a line between two box lines, and a sponsor's line under its
    /// label ("In partnership with").
    fn find_boxes(&mut self) {
        let n = self.page.len();
        let worded: Vec<bool> =
            self.page.lines.iter().map(|l| l.words <= 40 && has_box_words(l.text)).collect();
        let widget = |at: usize| matches!(self.shapes.get(at), Some(Shape::Widget | Shape::Advert));
        for at in 0..n {
            let beside = |other: Option<usize>| other.is_some_and(|o| o < n && (worded[o] || widget(o)));
            let short = self.page.lines[at].words <= 8;
            let near = beside(at.checked_sub(1)) || beside(Some(at + 1));
            // "Spectator Newsletters" / "Free email updates, from …" / "Sign up": between a box's
            // line and its button too.
            let boxed = |other: usize| worded[other] || widget(other);
            let between = at > 0
                && at + 1 < n
                && (worded[at - 1] || worded[at + 1])
                && boxed(at - 1)
                && boxed(at + 1)
                && !self.page.lines[at].ends_sentence();
            let call = !self.page.lines[at].ends_sentence();
            let sponsor =
                at > 0 && self.shapes[at - 1] == Shape::Advert && sponsor_label(self.page.text(at - 1));
            self.boxes[at] = (worded[at] && (short || near || call)) || between || sponsor;
        }
    }

    /// Runs of short lines holding widgets ("Share / close panel / Share page"): the lines
    /// between two widgets are widgets too.
    fn widget_runs(&mut self) {
        let n = self.page.len();
        let mut start = 0;
        while start < n {
            let short = |at: usize| self.page.lines[at].words <= 3 && !self.page.lines[at].ends_sentence();
            if self.claimed[start] || !short(start) {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < n && !self.claimed[end] && short(end) {
                end += 1;
            }
            // Only the lines between two widgets: a run's ends may be a kicker or a byline.
            let widgets: Vec<usize> = (start..end).filter(|&at| self.furniture_rule(at).is_some()).collect();
            if let (Some(&first), Some(&last)) = (widgets.first(), widgets.last()) {
                for at in first..last {
                    if self.furniture_rule(at).is_none() && self.page.lines[at].date.is_none() {
                        self.set(at, Class::Furniture, Rule::WidgetRun);
                    }
                }
            }
            start = end.max(start + 1);
        }
    }

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
    fn main_run(&self) -> Option<(usize, usize)> {
        let mut runs: Vec<Run> = Vec::new();
        let mut current: Option<Run> = None;
        let mut gap = 0;
        let mut walled = false;
        let inside = self.lists_between_paragraphs();
        for (at, &in_body) in inside.iter().enumerate() {
            if self.is_boundary(at) && !in_body {
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
        // Widgets, boxes and menus part a body from the page's other prose (a footer's blurb).
        let mut furnished = vec![0; self.page.len() + 1];
        for at in 0..self.page.len() {
            let furniture = self.furniture_rule(at).is_some() || self.rule[at] == Rule::WidgetRun;
            furnished[at + 1] = furnished[at] + furniture as usize;
        }
        let clear = |a: &Run, b: &Run| {
            let (before, after) = if a.start < b.start { (a, b) } else { (b, a) };
            furnished[after.start] == furnished[before.end + 1]
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

    /// Classifies every line.
    pub fn classify(&mut self) {
        blocks::read_blocks(self);
        self.widget_runs();
        let trimmed = self.main_run().map(|run| run::trim_edges(self, run));
        let run = trimmed.map(|run| run::after_header(self, run));
        let mut found = header::read_header(self, run, trimmed.map(|(start, _)| start));
        body::read_body(self, &mut found, run);
        self.found = Some(found);
        // Furniture outside the article: say what it looks like, where it says more than its place.
        for at in 0..self.page.len() {
            if self.rule[at] == Rule::OutsideArticle {
                if let Some(rule) = self.furniture_rule(at) {
                    self.rule[at] = rule;
                }
            }
        }
    }
}
