//! Page dumps: the visible text of a saved news page, furniture and all (menus, widgets, the
//! title's alt text, doubled captions, bylines, related blocks, most-read lists, comments,
//! footers). One parser serves every outlet: it gives every line a class from what the line and
//! its neighbours look like, finds the article as the largest run of prose and its header just
//! above it, and drops what a library taught it is this site's furniture.
//!
//! - `lines`: the page's lines and what each looks like;
//! - `patterns`: closed sets and patterns of single lines;
//! - `credits`: photo credits, in a caption or on a line of their own; `credit_line`: the
//!   header's credits and reading times, never its headline;
//! - `blocks`: related blocks, site-wide lists and tag lists;
//! - `classify`: the passes, and the class of each line; `rules`: the rule that gave it;
//! - `main_run`: where the body is (its run of prose); `run`: the run's edges;
//! - `header`, `header_byline`, `title`, `body`: the article's header (its byline and title
//!   apart) and body; `closing`: what closes the body (a byline, bios);
//! - `build`: the classified lines as an article;
//! - `trail`: breadcrumbs, read once for the kicker, the title and a trail taken as the title;
//! - `tables`: tables copied a cell or a row a line;
//! - `furniture`: furniture learned per site from a library.

mod blocks;
mod body;
mod build;
mod bylines;
mod classify;
mod closed_sets;
mod closing;
mod credit_line;
mod credits;
mod furniture;
mod header;
mod header_byline;
mod lines;
mod main_run;
mod patterns;
mod rules;
mod run;
mod tables;
mod tail_tags;
mod title;
mod title_header;
mod trail;

use std::path::Path;

use super::SkipReason;
use crate::article::Article;
use classify::Reading;
use lines::{date_line, SHORT_CHARS};

pub use furniture::{FurnitureModel, SiteLines, MIN_DUMPS};

/// The top of a page in which a date line or a menu makes it a page dump.
const TOP_LINES: usize = 150;
/// Consecutive lines of one to three words that make a menu (a poem's lines are longer).
const MENU_RUN: usize = 6;

/// Whether a `.txt` reads as a saved page rather than plain text (a title, then paragraphs):
/// a tag list first, a date line, a menu or the font widget near the top, or a block header, a
/// comment count or a caption shown twice anywhere.
pub fn looks_like_page_dump(text: &str) -> bool {
    let mut menu = 0;
    let mut previous = "";
    let first = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    for (index, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        // An image's alt text, then its caption: the same words, the caption with its full stop
        // (a plain article may show its title twice at the top: that is no caption).
        // (The cheap test first: this looks at every line of every plain article.)
        let caption_shown_twice = index >= 2
            && line.strip_prefix(previous).is_some_and(|tail| tail.is_empty() || tail == ".")
            && previous.split_whitespace().count() >= 4
            && previous != first;
        if caption_shown_twice {
            return true;
        }
        previous = line;
        if index < TOP_LINES && line.len() <= SHORT_CHARS {
            let menu_item = lines::words_between_separators(line) <= 3 && !lines::ends_sentence(line);
            menu = if menu_item { menu + 1 } else { 0 };
            if menu >= MENU_RUN || patterns::is_font_widget(line) || date_line(line).is_some() {
                return true;
            }
        }
        // Block headers are short: only those lines are looked at closely.
        if line.len() < 40 && patterns::names_a_block(line) {
            return true;
        }
    }
    false
}

/// The article in a page dump; `furniture` is what the library taught about its site.
pub fn parse(path: &Path, text: &str, furniture: Option<&FurnitureModel>) -> Result<Article, SkipReason> {
    let mut reading = Reading::new(text, furniture);
    reading.classify();
    let found = header_found(&mut reading);
    Ok(build::article(path, &reading, &found))
}

fn header_found(reading: &mut Reading) -> header::Found {
    reading.found.take().unwrap_or_default()
}

/// What learning counts in one page dump (its site and its short lines).
pub fn site_lines(text: &str) -> Option<SiteLines> {
    furniture::site_lines(&lines::Page::new(text))
}

/// One line of the page, as `show --explain` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplainedLine {
    /// 1-based, as an editor shows it.
    pub number: usize,
    pub class: &'static str,
    pub rule: &'static str,
    pub text: String,
}

/// Every non-blank line of the page with its class and the rule (or the learned model) that
/// decided it.
pub fn explain(text: &str, furniture: Option<&FurnitureModel>) -> Vec<ExplainedLine> {
    let mut reading = Reading::new(text, furniture);
    reading.classify();
    (0..reading.page.len())
        .map(|at| ExplainedLine {
            number: reading.page.lines[at].number + 1,
            class: reading.class[at].name(),
            rule: reading.rule[at].describe(),
            text: reading.page.text(at).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_body;
