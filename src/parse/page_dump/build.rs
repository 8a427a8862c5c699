//! The classified lines, in page order, as an article.

use std::cell::OnceCell;
use std::collections::HashSet;
use std::path::Path;

use super::blocks::{in_section, inline_tags, split_tags};
use super::body::bracketed_link;
use super::bylines::{author, normalise_name, source_prefix};
use super::classify::{Class, Reading, Rule};
use super::header::Found;
use super::lines::section_before;
use super::trail::Trail;
use crate::article::{Article, Block, BlockKind, Format, Published, RelatedLink};
use crate::parse::related::{category_suffix, inline_link, split_run_together, PageWords};

/// A related item longer than this may be several titles run together.
const RUN_TOGETHER_WORDS: usize = 16;

pub fn article(path: &Path, reading: &Reading, found: &Found) -> Article {
    let page = &reading.page;
    let mut article = Article::new(path, Format::PageDump, String::new());
    article.published = found.published;
    article.category = found.category.clone();
    article.author = found.author.clone();
    article.source = found.source.clone();
    // How the page writes its words, for splitting run-together titles: built only if needed.
    let words: OnceCell<PageWords> = OnceCell::new();
    let split = |text: &str| {
        let words = words.get_or_init(|| {
            let others = (0..page.len()).filter(|&at| reading.class[at] != Class::RelatedItem);
            PageWords::new(others.map(|at| page.text(at)))
        });
        split_run_together(text, words)
    };
    let mut captions: HashSet<&str> = HashSet::new();
    for at in 0..page.len() {
        let text = page.text(at);
        match reading.class[at] {
            Class::Title => {
                article.title = Trail::read(text).and_then(|t| t.as_title()).unwrap_or(text).to_string()
            }
            Class::Lead => {
                article.lead = Some(source_prefix(text).map_or(text, |(_, rest)| rest).to_string());
            }
            Class::Paragraph => match (reading.rule[at], reading.tables.of(at)) {
                (Rule::TableStart, Some(table)) => {
                    article.body.push(Block::paragraph(reading.tables.text(page, table)))
                }
                (Rule::TableCell, _) => {}
                _ => article.body.push(Block::paragraph(text)),
            },
            Class::Heading => article.body.push(Block::new(BlockKind::Heading, text)),
            Class::Caption => {
                let caption = text.strip_prefix("Image caption,").map_or(text, str::trim);
                let caption = without_button(caption);
                // A caption shown again a few lines on (with a "Buy Now" between) is one caption.
                if captions.insert(caption) {
                    article.body.push(Block::new(BlockKind::Caption, caption));
                }
            }
            Class::Byline if article.author.is_none() => {
                article.author = Some(normalise_name(&author(text).unwrap_or_else(|| text.to_string())));
            }
            Class::Tag => match reading.rule[at] {
                Rule::InlineTags => article.tags.extend(inline_tags(text).unwrap_or_default()),
                Rule::HashtagLine => article.tags.push(text.trim_start_matches('#').to_string()),
                // One tag a line ("Wildlife, animals, biodiversity and ecosystems" is one); a
                // list's tags on its one line are parted by commas or dots.
                Rule::TagItem if tag_lines(reading, at) > 1 => {
                    article.tags.push(text.trim_start_matches('#').trim().to_string())
                }
                Rule::TagItem => article.tags.extend(split_tags(text)),
                _ => article.tags.push(text.to_string()),
            },
            Class::RelatedItem => {
                let titles: Vec<String> = match reading.rule[at] {
                    Rule::ItemWithSection => {
                        let title = page.text(at + 1);
                        let mut link = RelatedLink::titled(title);
                        link.category = category_suffix(text, title).map(str::to_string);
                        article.related.push(link);
                        continue;
                    }
                    Rule::InlineRelated => inline_link(text)
                        .or_else(|| bracketed_link(text))
                        .map(str::to_string)
                        .into_iter()
                        .collect(),
                    Rule::RunTogether => split(text),
                    // A long title with its date in brackets is one title, not several.
                    _ if page.lines[at].words >= RUN_TOGETHER_WORDS && dated_title(text).is_none() => {
                        split(text)
                    }
                    _ => match dated_title(text) {
                        Some((title, date)) => {
                            let mut link = RelatedLink::titled(title);
                            link.published = Some(Published::date(date));
                            article.related.push(link);
                            continue;
                        }
                        None => vec![without_marker(text).to_string()],
                    },
                };
                article.related.extend(titles.into_iter().map(RelatedLink::titled));
            }
            Class::RelatedMeta => {
                if let Some(link) = article.related.last_mut() {
                    match &page.lines[at].date {
                        Some(date) => {
                            link.published = Some(Published::date(date.published.date));
                            let section = section_before(&date.before)
                                .trim_matches(|c: char| c == '·' || c.is_whitespace());
                            if !section.is_empty() && link.category.is_none() {
                                link.category = Some(section.to_string());
                            }
                        }
                        // 'In "Council"': a blog's related post with its category.
                        None => link.category = Some(in_section(text).unwrap_or(text).to_string()),
                    }
                }
            }
            Class::RelatedSummary => {
                if let Some(link) = article.related.last_mut() {
                    link.summary = Some(source_prefix(text).map_or(text, |(_, rest)| rest).to_string());
                }
            }
            _ => {}
        }
    }
    article
}

/// "* Council warned island wharf …": a list's marker is not part of the title.
fn without_marker(text: &str) -> &str {
    text.strip_prefix(['*', '•', '–', '-', '·'])
        .filter(|rest| rest.starts_with(' '))
        .map_or(text, str::trim_start)
}

/// "Enlarge / The heat pump …": the image's button, one word and a slash, before its caption.
fn without_button(caption: &str) -> &str {
    match caption.split_once(" / ") {
        Some((button, rest)) if !button.contains(' ') && button.starts_with(char::is_uppercase) => rest,
        _ => caption,
    }
}

/// "Hỗ trợ giống lúa (12/04/2022)": a related title with its date in brackets at the end.
pub(super) fn dated_title(text: &str) -> Option<(&str, chrono::NaiveDate)> {
    let open = text.strip_suffix(')')?.rfind('(')?;
    let title = text[..open].trim_end();
    let date = crate::parse::dates::find_date(&text[open..])?;
    let bare = date.before.is_empty() && date.after.is_empty() && date.published.time.is_none();
    (bare && title.split_whitespace().count() >= 3).then_some((title, date.published.date))
}

/// How many lines the tag list holding line `at` has.
fn tag_lines(reading: &Reading, at: usize) -> usize {
    let item = |other: &usize| reading.rule[*other] == Rule::TagItem;
    let before = (0..at).rev().take_while(item).count();
    let after = (at..reading.page.len()).take_while(item).count();
    before + after
}
