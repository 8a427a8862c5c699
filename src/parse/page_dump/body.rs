//! The body (from the title to the last paragraph of the largest run of prose) and what follows
//! it. Inside the body: paragraphs, sub-headings, captions (with a credit, shown twice, under
//! the title's alt text, after an "Image caption" label), inline related links and tags, and
//! furniture (adverts and other lines the page repeats, boxes, learned lines). After it: the
//! byline, then furniture. Each line looks at most at its two neighbours.

use super::blocks::inline_tags;
use super::bylines::{author, by_line, names_joined_by_dash};
use super::classify::{Class, Reading, Rule};
use super::credits::{is_credit_line, is_credit_only};
use super::header::Found;
use super::lines::{has_vietnamese_letters, Line};
use super::patterns::{is_update_line, Shape};
use crate::parse::related::inline_link;

/// Sub-headings are at most this long; a longer line without a full stop between paragraphs
/// is a caption.
const MAX_HEADING_WORDS: usize = 12;

/// Reads like a paragraph: a sentence, or long.
fn paragraph_shaped(line: &Line) -> bool {
    line.is_prose() || (line.ends_sentence() && line.words >= 4) || line.words >= 20
}

fn heading_shaped(line: &Line) -> bool {
    line.words <= MAX_HEADING_WORDS
        && !line.ends_sentence()
        && !line.text.ends_with([',', ':', ';'])
        && (line.starts_upper() || line.text.starts_with(['\'', '‘', '"', '“']))
}

pub fn read_body(reading: &mut Reading, found: &mut Found, run: Option<(usize, usize)>) {
    let n = reading.page.len();
    let start = found.title.map_or(0, |title| title + 1);
    let end = match run {
        Some((_, end)) => end + 1,
        // No prose at all: whatever is not furniture after the title is its text.
        None => n,
    };
    let mut caption_next = false;
    let mut at = start;
    while at < end {
        let taken = classify_line(reading, found, at, end, &mut caption_next);
        at += taken.max(1);
    }
    super::closing::after_byline(reading, found, end);
    super::closing::author_bio(reading, found, start, end);
    read_tail(reading, end);
    super::tail_tags::headerless_tags(reading, found.title, found.first_paragraph, end);
    date_under_article(reading, found);
}

/// "Ngày 28/10/2023" under the closing byline, "April 2, 2022 · 12 notes" under a post's tags:
/// with no date in the header, the date line right under the article (its last paragraph, then
/// its byline and tags) is its publication's.
fn date_under_article(reading: &mut Reading, found: &mut Found) {
    if found.published.is_some() || found.title.is_none() {
        return;
    }
    let n = reading.page.len();
    let Some(last) = (0..n).rev().find(|&at| reading.class[at] == Class::Paragraph) else { return };
    let closing = |class: Class| matches!(class, Class::Byline | Class::Tag | Class::TagHeader);
    let Some(at) = (last + 1..n).find(|&at| !closing(reading.class[at])) else { return };
    let Some(date) = reading.page.lines[at].date.as_ref() else { return };
    if reading.class[at] == Class::Furniture && !is_update_line(&reading.page.lines, at) {
        found.published = Some(date.published);
        reading.set(at, Class::Date, Rule::PublicationDate);
    }
}

/// "#giáo dục vùng cao": a hashtag of a few words on a line of its own, beside another.
fn hashtag_line(reading: &Reading, at: usize) -> bool {
    let hashtag = |line: &Line| line.text.starts_with('#') && line.words <= 6 && line.text.len() > 1;
    let beside =
        [at.checked_sub(1), Some(at + 1)].into_iter().flatten().filter_map(|other| reading.page.get(other));
    hashtag(&reading.page.lines[at]) && beside.into_iter().any(hashtag)
}

/// What a caption adds to its alt text: a full stop, or a short credit in capitalised words
/// ("Global News", ". Nguồn: Nhóm nghiên cứu").
fn credit_tail(tail: &str) -> bool {
    let words = tail.trim_start_matches(['.', ' ']);
    let capitalised = words.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    (tail.starts_with(['.', ' ']) && words.is_empty())
        || (capitalised && words.split_whitespace().count() <= 4 && !words.ends_with('.'))
}

/// Classifies line `at` of the body; returns how many lines it took.
fn classify_line(
    reading: &mut Reading,
    found: &Found,
    at: usize,
    end: usize,
    caption_next: &mut bool,
) -> usize {
    let after_alt = std::mem::take(caption_next);
    if reading.claimed[at] {
        *caption_next = reading.class[at] == Class::TitleCopy;
        return 1;
    }
    let line = reading.page.lines[at].clone();
    let next = reading.page.get(at + 1).filter(|_| at + 1 < end).cloned();
    if let Some(rule) = reading.furniture_rule(at) {
        reading.set(at, Class::Furniture, rule);
        return 1;
    }
    if let Some(taken) = super::tables::read_in_body(reading, at, end) {
        return taken;
    }
    if line.date.is_some() {
        reading.set(at, Class::Furniture, Rule::OtherDate);
        return 1;
    }
    if next.as_ref().is_some_and(|next| next.text == line.text) {
        reading.set(at, Class::Caption, Rule::CaptionDoubled);
        reading.set(at + 1, Class::Furniture, Rule::CaptionCopy);
        return 2;
    }
    // "The waiting room …" over "The waiting room … Photo by …", or over itself with a full stop
    // or an unlabelled credit ("… 2023. Global News"): the alt text, then the caption.
    let captioned = |next: &Line| {
        let tail = next.text.strip_prefix(line.text).unwrap_or_default();
        !tail.is_empty() && (next.credit || credit_tail(tail))
    };
    if next.as_ref().is_some_and(captioned) {
        reading.set(at, Class::Furniture, Rule::AltText);
        reading.set(at + 1, Class::Caption, Rule::CaptionUnderAltText);
        return 2;
    }
    if after_alt && line.inner_sentences() == 0 && !line.is_prose() {
        reading.set(at, Class::Caption, Rule::CaptionAfterAlt);
        return 1;
    }
    // "Tin, ảnh: NGỌC HÂN": the byline names the photographer too; it closes the article.
    if line.words <= 8 && by_line(line.text).is_some() && at >= found.first_paragraph {
        reading.set(at, Class::Byline, Rule::BylineBy);
        return 1;
    }
    if line.credit {
        let (class, rule) = if is_credit_only(line.text) {
            (Class::Furniture, Rule::Looks(Shape::ImageSource))
        } else {
            (Class::Caption, Rule::CaptionCredit)
        };
        reading.set(at, class, rule);
        return 1;
    }
    if next.as_ref().is_some_and(|next| is_credit_line(next.text)) && line.inner_sentences() <= 1 {
        reading.set(at, Class::Caption, Rule::CaptionCredit);
        reading.set(at + 1, Class::Furniture, Rule::Looks(Shape::ImageSource));
        return 2;
    }
    if inline_link(line.text).or_else(|| bracketed_link(line.text)).is_some() {
        reading.set(at, Class::RelatedItem, Rule::InlineRelated);
        return 1;
    }
    if inline_tags(line.text).is_some() {
        reading.set(at, Class::Tag, Rule::InlineTags);
        return 1;
    }
    // "License Photo" under a caption: the image's own label (README captions), no sub-heading.
    let after_caption = at > 0 && reading.class[at - 1] == Class::Caption;
    if after_caption && line.words <= 3 && !line.ends_sentence() && names_image(line.text) {
        reading.set(at, Class::Furniture, Rule::Looks(Shape::ImageSource));
        return 1;
    }
    // A paragraph follows, or a list and the words that open it.
    let leads_on = |next: &Line| paragraph_shaped(next) || next.opens_list() || next.list_item();
    // Or a table, its title over it maybe.
    let before_paragraph = next.as_ref().is_some_and(leads_on)
        || reading.tables.starts_at(at + 1)
        || reading.tables.starts_at(at + 2);
    if line.repeats >= 2 && line.words <= 8 && !line.is_prose() {
        reading.set(at, Class::Furniture, Rule::RepeatedInPage);
        return 1;
    }
    // The lead reads as the body's first paragraph: a sub-heading may follow it.
    let after_paragraph = at > 0 && matches!(reading.class[at - 1], Class::Paragraph | Class::Lead);
    if at < found.first_paragraph {
        // Between the title and the first paragraph: the header's widgets and labels, but a
        // sub-heading between the lead and the first paragraph heads the body's first section.
        let first_section = after_paragraph && at + 1 == found.first_paragraph && before_paragraph;
        if first_section && heading_shaped(&line) {
            reading.set(at, Class::Heading, Rule::ShortBetweenParagraphs);
        } else {
            reading.set(at, Class::Furniture, Rule::OutsideArticle);
        }
        return 1;
    }
    if uncredited_caption(reading, at, &line) {
        reading.set(at, Class::Caption, Rule::CaptionShortSentence);
    } else if after_paragraph
        && before_paragraph
        && question_heading(&line)
        && section_follows(reading, at, end)
    {
        reading.set(at, Class::Heading, Rule::ShortBetweenParagraphs);
    } else if paragraph_shaped(&line) {
        reading.set(at, Class::Paragraph, Rule::Prose);
    } else if before_paragraph && heading_shaped(&line) {
        reading.set(at, Class::Heading, Rule::ShortBetweenParagraphs);
    } else if before_paragraph && line.words > MAX_HEADING_WORDS && !line.opens_list() {
        reading.set(at, Class::Caption, Rule::CaptionLong);
    } else if line.words >= 8 {
        reading.set(at, Class::Paragraph, Rule::Prose);
    } else {
        reading.set(at, Class::Furniture, Rule::OrphanInBody);
    }
    1
}

/// A word naming the image (a closed set: the nouns a photo widget's label uses).
fn names_image(text: &str) -> bool {
    text.split_whitespace()
        .any(|word| matches!(word.to_lowercase().as_str(), "photo" | "photos" | "ảnh" | "image" | "gallery"))
}

/// A Vietnamese caption without a credit: one short plain sentence (no quotes) between a
/// paragraph and a longer paragraph or a box. Vietnamese news writes no paragraphs that short
/// without a quote in them; English news does, so English lines are left to be paragraphs.
fn uncredited_caption(reading: &Reading, at: usize, line: &Line) -> bool {
    let words = line.words;
    if !caption_sentence(line) || at == 0 {
        return false;
    }
    let after_paragraph =
        reading.class[at - 1] == Class::Paragraph && reading.page.lines[at - 1].words >= 2 * words;
    let longer = |next: &Line| next.words >= 2 * words && next.is_prose();
    let before_longer = reading.page.get(at + 1).is_some_and(|next| {
        longer(next) || reading.class[at + 1] == Class::RelatedHeader
            // Or a sub-heading and its paragraph.
            || (heading_shaped(next) && reading.page.get(at + 2).is_some_and(longer))
    });
    after_paragraph && before_longer
}

/// "[ Greenway users urged to take care as lambing season begins ]": a link to another article,
/// in square brackets on a line of its own between paragraphs.
pub fn bracketed_link(text: &str) -> Option<&str> {
    let title = text.strip_prefix('[')?.strip_suffix(']')?.trim();
    let words = title.split_whitespace().count();
    ((3..=30).contains(&words) && !title.contains(['[', ']']) && title.starts_with(char::is_uppercase))
        .then_some(title)
}

/// Two paragraphs follow: a section, not a box's one appeal ("Will you support … today?").
fn section_follows(reading: &Reading, at: usize, end: usize) -> bool {
    at + 2 < end && reading.page.get(at + 2).is_some_and(paragraph_shaped)
}

/// "Phụ huynh nên làm gì?", "Will the batteries wear out faster?": a short question alone
/// between paragraphs is a sub-heading (a quoted one is speech).
fn question_heading(line: &Line) -> bool {
    line.words <= 10
        && line.text.ends_with('?')
        && line.inner_sentences() == 0
        && line.starts_upper()
        && !line.text.contains(['“', '”', '"'])
}

/// The shape of a Vietnamese caption without a credit: one plain sentence of a few words ending
/// with a full stop (a question is a sub-heading), no quotes.
pub fn caption_sentence(line: &Line) -> bool {
    (5..=20).contains(&line.words)
        && line.text.trim_end().ends_with('.')
        && line.inner_sentences() == 0
        && !line.text.contains(['“', '”', '"'])
        && has_vietnamese_letters(line.text)
}

/// Lines after a name at the body's end in which the article's close must show.
const SIGN_OFF_REACH: usize = 2;

/// A name after the body signs the article off, rather than heading a menu or a box ("Contact
/// Us", "Recent Posts"), when the article's close follows within two lines: a block read
/// (tags, related links, a site-wide list), furniture by its look (share buttons, a count), a
/// date, a line about the person ("Mara Quint covers …"), or the page's end; or when the name
/// is credited in a caption above ("… Ảnh: Lê Khôi"), whatever follows.
fn signs_off(reading: &Reading, at: usize) -> bool {
    let text = reading.page.text(at);
    // Asked last: it looks at every line above.
    let credited =
        || (0..at).any(|above| reading.page.lines[above].credit && reading.page.text(above).contains(text));
    let surname = text.split_whitespace().last().unwrap_or(text).to_lowercase();
    (at + 1..=at + SIGN_OFF_REACH).any(|next| {
        let Some(line) = reading.page.get(next) else { return true };
        let block = reading.claimed[next]
            && matches!(
                reading.class[next],
                Class::RelatedHeader | Class::RelatedItem | Class::TagHeader | Class::Tag | Class::SiteList
            );
        block
            || hashtag_line(reading, next)
            || inline_tags(line.text).is_some()
            || reading.furniture_rule(next).is_some()
            || line.date.is_some()
            || line.text.to_lowercase().contains(&surname)
    }) || credited()
}

/// After the last paragraph: the author's name, tags and related links already read, and
/// furniture.
fn read_tail(reading: &mut Reading, end: usize) {
    let n = reading.page.len();
    // The byline is the first line after the body that is not furniture by its own look (an
    // advert label may come between).
    let mut first = true;
    // A related box may stand between the body and its byline.
    let mut limit = end + 2;
    for at in end..n {
        if reading.claimed[at] {
            let related = matches!(
                reading.class[at],
                Class::RelatedHeader | Class::RelatedItem | Class::RelatedMeta | Class::RelatedSummary
            );
            if related && first {
                limit = at + 2;
            } else {
                first = false;
            }
            continue;
        }
        let line = &reading.page.lines[at];
        let furniture = reading.furniture_rule(at);
        let name = author(line.text).is_some() || names_joined_by_dash(line.text);
        // Asked last: whether a name signs off looks at the lines above it.
        let signed = || by_line(line.text).is_some() || signs_off(reading, at);
        if first && name && furniture.is_none() && signed() {
            reading.set(at, Class::Byline, Rule::BylineAtEnd);
        } else if inline_link(line.text).is_some() && furniture.is_none() {
            reading.set(at, Class::RelatedItem, Rule::InlineRelated);
        } else if inline_tags(line.text).is_some() {
            reading.set(at, Class::Tag, Rule::InlineTags);
        }
        if hashtag_line(reading, at) {
            reading.set(at, Class::Tag, Rule::HashtagLine);
        }
        first = first && furniture.is_some() && at < limit;
    }
}
