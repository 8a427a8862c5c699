//! Every line of a page dump gets a class and the rule that decided it. The page is read as a
//! whole: first what each line is by itself (widgets, counts, credits, block headers, learned
//! furniture), then the blocks headers open, then where the article is (the largest run of
//! prose), then its header just above that run, its body, and what follows it. Every step is
//! one pass, or looks a constant number of lines around a line: linear in the page.

use super::furniture::{site_of, FurnitureModel, Keys};
use super::lines::Page;
use super::patterns::{has_box_words, shape, Shape};
pub use super::rules::Rule;
use super::tables::Tables;
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
    /// The tables, copied a cell or a row a line.
    pub tables: Tables,
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
        let tables = Tables::find(&page);
        let mut reading = Reading {
            page,
            shapes,
            learned,
            class: vec![Class::Furniture; n],
            rule: vec![Rule::OutsideArticle; n],
            claimed: vec![false; n],
            boxes: vec![false; n],
            tables,
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
