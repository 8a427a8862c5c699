//! Blocks that a header opens: related links ("Tin liên quan", "More on this story"), site-wide
//! lists ("Most read", "Xem nhiều": furniture) and tag lists ("TỪ KHÓA", "Related Topics").
//! A block holds the lines that follow its header while they look like its items; it ends at
//! the next header, at prose that is not an item's summary, or at furniture, so a box in the
//! middle of the body lets the body go on after it. Each block is read once: linear.

use super::bylines::source_prefix;
use super::classify::{Class, Reading, Rule};
use super::closed_sets::{in_set, key, TAG_HEADERS};
use super::lines::ends_sentence;
use super::lines::Line;
use super::patterns::{is_publication_label, Shape};
use crate::parse::related::{category_suffix, is_see_more};

/// A block never holds more items than this (a page's "related" box has a handful).
const MAX_ITEMS: usize = 24;
/// A tag is a few words (the city paper's can name a whole office).
const MAX_TAG_WORDS: usize = 12;
/// A summary under a related title is one sentence of at most this many words, unless the item
/// repeats its title with its section (the city paper's layout), whose summaries are long.
const MAX_SUMMARY_WORDS: usize = 40;

/// Reads every block of the page, in one pass.
pub fn read_blocks(reading: &mut Reading) {
    let mut at = 0;
    while at < reading.page.len() {
        at = match reading.shapes[at] {
            Shape::RelatedHeader => related_block(reading, at),
            Shape::SiteList => site_list(reading, at),
            Shape::TagHeader => tag_block(reading, at),
            _ => at + 1,
        };
    }
}

/// Whether line `at` ends any block: a header of another block or furniture.
fn ends_block(reading: &Reading, at: usize) -> bool {
    reading.learned[at]
        || !matches!(reading.shapes[at], Shape::Other | Shape::CaptionLabel | Shape::ImageSource)
        || reading.is_box(at)
        || inline_tags(reading.page.text(at)).is_some()
}

/// 'In "Council"' → "Council": a blog's related post with its category.
pub fn in_section(text: &str) -> Option<&str> {
    let quoted = text.strip_prefix("In ")?.trim();
    quoted.strip_prefix(['"', '“'])?.strip_suffix(['"', '”'])
}

/// Could be the title of a linked article.
fn item_shaped(line: &Line) -> bool {
    // "Small towns buy buses. Here’s how it works": a title of two sentences, short, no full stop.
    let sentences_ok = match line.inner_sentences() {
        0 => true,
        1 => line.words <= 16 && (!ends_statement(line.text) || line.title_case()),
        _ => false,
    };
    (3..=40).contains(&line.words) && sentences_ok && line.date.is_none() && !line.credit
}

/// Ends with a full stop (a summary does; a title may end with a question mark).
fn ends_statement(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')', '»']).ends_with(['.', '…', '!'])
}

/// Prose that is not a title: a statement of some length (a question may be a title).
fn reads_on(line: &Line) -> bool {
    (line.words >= 8 && ends_statement(line.text)) || line.words >= 30
}

/// "Tin xem nhiều" between "Trao 500 suất học bổng cho học sinh vùng khó khăn" and another
/// title: a line of a few words, under half the words of every item so far, over a title, is
/// the header of the next block, whatever its words.
fn heads_next_block(line: &Line, next: Option<&Line>, shortest: usize) -> bool {
    shortest != usize::MAX
        && line.words <= 4
        && line.words * 2 < shortest
        && !line.ends_sentence()
        && next.is_some_and(|next| item_shaped(next) && next.words * 2 > shortest)
}

/// "Nguồn: [Link nguồn]" after titles of nine words: a line of a few words, under half the words
/// of every item so far, is no item (the next block's header, or furniture).
fn far_shorter(line: &Line, shortest: usize) -> bool {
    shortest != usize::MAX && line.words <= 4 && line.words * 2 < shortest && !line.ends_sentence()
}

/// Starts with a word in lower case ("for ad-free …"; "iPhone" and "eBay" are names).
fn runs_on_in_lower_case(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(char::is_lowercase) && chars.next().is_some_and(char::is_lowercase)
}

/// A section name under an item ("Kinh doanh").
fn category_shaped(line: &Line) -> bool {
    line.words <= 3 && !line.ends_sentence() && line.date.is_none() && !line.text.contains(':')
}

fn related_block(reading: &mut Reading, header: usize) -> usize {
    // A paragraph under the header ("Read More" under a photo, then the article) is no item.
    let first_item = |next: &Line| {
        item_shaped(next) && !(next.ends_sentence() && next.words > 20) && source_prefix(next.text).is_none()
    };
    // A statement of some length in sentence case over a title that is none: the first item's
    // teaser above its title ("Crews will work … over the Easter break." then the title).
    let statement = |line: &Line| line.words >= 8 && ends_statement(line.text) && !line.title_case();
    let opens = |at: usize| reading.page.get(at).is_some_and(first_item) && !ends_block(reading, at);
    let teaser = reading.page.get(header + 1).is_some_and(statement)
        && !ends_block(reading, header + 1)
        && reading.page.get(header + 2).is_some_and(|title| !statement(title))
        && opens(header + 2);
    let first = if teaser { header + 2 } else { header + 1 };
    if !opens(first) {
        reading.set(header, Class::Furniture, Rule::EmptyHeader);
        return header + 1;
    }
    reading.set(header, Class::RelatedHeader, Rule::RelatedHeader);
    if teaser {
        reading.set(header + 1, Class::Furniture, Rule::ItemTeaser);
    }
    let end = read_items(reading, first, Class::RelatedItem);
    // The teaser was the first item's summary: a sentence under its title is the body going on.
    if teaser && reading.class.get(first + 1) == Some(&Class::RelatedSummary) {
        reading.release(first + 1);
    }
    heading_after_box(reading, header, end);
    end
}

/// The box's last "items" when they are unlike the items before them: shorter than every one of
/// them ("Đọc tiếp", a title or two, then "Ngày thu hoạch được lên lịch trước"), or without the
/// date line every one of them has. Right over the body's next paragraph, in a box between
/// paragraphs (an image's caption may sit over the box), the last is the body's sub-heading;
/// after a dated box's items they are the page's next lines ("Chia sẻ bài viết", a masthead
/// over the footer).
fn heading_after_box(reading: &mut Reading, header: usize, end: usize) {
    let above = |at: usize| {
        let line = &reading.page.lines[at];
        line.is_prose() || line.credit || line.list_item()
    };
    let inside_body = header > 0
        && above(header - 1)
        && reading.page.get(end).is_some_and(|next| next.is_prose() && !reading.claimed[end]);
    let items: Vec<usize> = (header + 1..end).filter(|&at| reading.class[at] == Class::RelatedItem).collect();
    // (An item may be the page's last line: nothing under it.)
    let dated_item = |at: usize| {
        reading.class.get(at + 1) == Some(&Class::RelatedMeta)
            && reading.page.lines.get(at + 1).is_some_and(|line| line.date.is_some())
    };
    let Some(first_undated) = items.iter().position(|&at| !dated_item(at)) else { return };
    let unlike = |at: usize| {
        let line = &reading.page.lines[at];
        // (A list's marker, "* ", says it is one of the items.)
        let marked = line.text.starts_with(['*', '•', '-', '–', '·']);
        reading.rule[at] == Rule::Item && !line.ends_sentence() && !marked
    };
    // A dated box: every item from the first without a date on is no item.
    let trailing = &items[first_undated..];
    if first_undated >= 2 && trailing.len() <= 2 && trailing.iter().all(|&at| unlike(at)) {
        trailing.iter().for_each(|&at| reading.release(at));
        return;
    }
    let Some((&last, before)) = items.split_last() else { return };
    let shortest = before.iter().map(|&at| reading.page.lines[at].words).min().unwrap_or(0);
    let shorter = before.len() >= 2 && reading.page.lines[last].words < shortest;
    if last + 1 == end && inside_body && shorter && unlike(last) {
        reading.release(last);
    }
}

fn site_list(reading: &mut Reading, header: usize) -> usize {
    reading.set(header, Class::SiteList, Rule::SiteListHeader);
    let end = read_items(reading, header + 1, Class::SiteList);
    if end == header + 1 {
        reading.set(header, Class::Furniture, Rule::EmptyHeader);
    }
    end
}

/// What the last item of a block already has.
#[derive(Default)]
struct Item {
    category: bool,
    published: bool,
    summary: bool,
    /// Its title was repeated with its section: summaries may be long.
    with_section: bool,
}

/// Items from `start` while the lines look like items; returns where the block ends.
/// `class` is `RelatedItem` for a related block, `SiteList` for a site-wide one.
fn read_items(reading: &mut Reading, start: usize, class: Class) -> usize {
    let related = class == Class::RelatedItem;
    let mark = |reading: &mut Reading, at: usize, related_class: Class, rule: Rule| {
        let class = if related { related_class } else { Class::SiteList };
        let rule = if related { rule } else { Rule::SiteListItem };
        reading.set(at, class, rule);
    };
    let mut item: Option<Item> = None;
    let mut items = 0;
    let mut summaries = false;
    let mut sections = false;
    // The fewest words of an item so far: a much shorter line over another title heads the next block.
    let mut shortest = usize::MAX;
    let mut at = start;
    while at < reading.page.len() && items < MAX_ITEMS {
        if ends_block(reading, at) || is_see_more(reading.page.text(at)) {
            break;
        }
        let line = &reading.page.lines[at];
        let next = reading.page.get(at + 1);
        // "Title Category" then "Title": the city paper's item with its section.
        if next.is_some_and(|next| category_suffix(line.text, next.text).is_some()) {
            mark(reading, at, Class::RelatedItem, Rule::ItemWithSection);
            mark(reading, at + 1, Class::Furniture, Rule::ItemTitleAgain);
            item = Some(Item { category: true, with_section: true, ..Item::default() });
            items += 1;
            at += 2;
            continue;
        }
        if let Some(current) = item.as_mut() {
            if !current.published && (line.date.is_some() || is_publication_label(line.text)) {
                if line.date.is_some() {
                    current.published = true;
                    current.category = true;
                }
                let rule = if line.date.is_some() { Rule::ItemMeta } else { Rule::PublishedLabel };
                let class = if line.date.is_some() { Class::RelatedMeta } else { Class::Furniture };
                mark(reading, at, class, rule);
                at += 1;
                continue;
            }
            // 'In "Council"' follows the date of a blog's related post.
            let section = !current.category || in_section(line.text).is_some();
            if section && !current.summary && category_shaped(line) {
                // After items that had no section, a short line is the next widget ("Xem theo
                // ngày"), not the last item's section.
                if items >= 2 && !sections {
                    break;
                }
                sections = true;
                current.category = true;
                mark(reading, at, Class::RelatedMeta, Rule::ItemMeta);
                at += 1;
                continue;
            }
            let sentence = (line.words >= 5 && ends_statement(line.text)) || line.words >= 25;
            let one_sentence = line.inner_sentences() == 0 && line.words <= MAX_SUMMARY_WORDS;
            // A box inside the body whose items have no summary: a sentence after its last
            // item is the body going on, not that item's summary.
            let box_without_summaries = items >= 2 && !summaries;
            if !current.summary
                && sentence
                && (one_sentence || current.with_section)
                && !box_without_summaries
            {
                summaries = true;
                current.summary = true;
                mark(reading, at, Class::RelatedSummary, Rule::ItemSummary);
                at += 1;
                continue;
            }
            // Prose after a complete item is the body going on; so is anything that is
            // neither an item nor part of one.
            let next_item = item_shaped(line)
                && (!ends_statement(line.text) || (line.blank_before && line.words <= 20))
                && !(current.summary && !line.blank_before && reads_on(line));
            if !next_item {
                break;
            }
        } else if !item_shaped(line) {
            break;
        }
        // "Get the RNZ app" over "for ad-free news …": a text that runs on in lower case onto
        // the next line is a promotion, no title (a title starts with a capital).
        if runs_on_in_lower_case(line.text) || next.is_some_and(|next| runs_on_in_lower_case(next.text)) {
            break;
        }
        if heads_next_block(line, next, shortest) || far_shorter(line, shortest) {
            break;
        }
        shortest = shortest.min(line.words);
        mark(reading, at, Class::RelatedItem, Rule::Item);
        item = Some(Item::default());
        items += 1;
        at += 1;
    }
    at
}

fn tag_block(reading: &mut Reading, header: usize) -> usize {
    let mut at = header + 1;
    while at < reading.page.len() && at - header <= MAX_ITEMS {
        let line = &reading.page.lines[at];
        let tag_shaped = line.words <= MAX_TAG_WORDS && !line.ends_sentence() && line.date.is_none();
        let last = line.blank_after;
        // A short line over a much longer one after some tags: the next box's header and text.
        // (A footer line under the last tag, a copyright, is no box's text.)
        let box_follows = at > header + 1
            && at + 1 < reading.page.len()
            && reading.furniture_rule(at + 1).is_none()
            && reading.page.get(at + 1).is_some_and(|next| next.words >= 8 && next.words >= 2 * line.words);
        if ends_block(reading, at) || !tag_shaped || box_follows {
            break;
        }
        reading.set(at, Class::Tag, Rule::TagItem);
        at += 1;
        if last {
            break;
        }
    }
    let class = if at > header + 1 { Class::TagHeader } else { Class::Furniture };
    let rule = if at > header + 1 { Rule::TagHeader } else { Rule::EmptyHeader };
    reading.set(header, class, rule);
    at
}

/// Tags written on one line: "Từ khóa: a · b · c", "See more on: a, b".
pub fn inline_tags(text: &str) -> Option<Vec<String>> {
    if text.starts_with('#') {
        return hashtags(text);
    }
    // "Tagged a, b, c": a blog's label without a colon.
    let (label, rest) = match text.split_once(':') {
        Some(split) => split,
        None => ("tagged", text.strip_prefix("Tagged ").filter(|rest| !ends_sentence(rest))?),
    };
    let label = key(label);
    let labels = ["see more on", "xem them ve", "filed under", "tagged", "tagged with"];
    if !(in_set(TAG_HEADERS, &label) || labels.contains(&label.as_str())) {
        return None;
    }
    let tags = split_tags(rest);
    (!tags.is_empty() && tags.len() <= 20).then_some(tags)
}

/// "Shizuoka, railways, aging population": several tags on one line, under a label or a header.
pub fn split_tags(text: &str) -> Vec<String> {
    text.split(['·', ',', ';', '|']).map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
}

/// "#cầu Rạch Lau #sửa chữa cầu": two or more hashtags, each a few words.
fn hashtags(text: &str) -> Option<Vec<String>> {
    let tags: Vec<String> =
        text.split('#').map(str::trim).filter(|t| !t.is_empty()).map(str::to_string).collect();
    let short = tags.iter().all(|t| t.split_whitespace().count() <= 6 && !ends_sentence(t));
    (tags.len() >= 2 && tags.len() <= 20 && short).then_some(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_tags_in_every_form() {
        assert_eq!(inline_tags("Từ khóa: Chợ nổi · Du lịch").unwrap(), ["Chợ nổi", "Du lịch"]);
        assert_eq!(inline_tags("#cầu Rạch Lau #phân luồng").unwrap(), ["cầu Rạch Lau", "phân luồng"]);
        assert_eq!(inline_tags("Filed under: Energy, Congress").unwrap(), ["Energy", "Congress"]);
        assert_eq!(inline_tags("Tagged fire station, planning").unwrap(), ["fire station", "planning"]);
        assert!(inline_tags("#1 in the charts. The band said so.").is_none());
    }
}
