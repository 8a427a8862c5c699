//! The article's header, read upward from where its body begins: the title is the
//! headline-shaped line that belongs to the body (near the date, the byline and the lead), not
//! the first short line of the page; then the date nearest it, the kicker above it, the byline,
//! the standfirst or lead and its source prefix. Looks at most [`WINDOW`] lines above the body.

use super::body::caption_sentence;
use super::bylines::{byline, byline_in_date, is_name, normalise_name, source_prefix};
use super::classify::{Class, Reading, Rule};
use super::header_byline::read_byline;
use super::lines::{self, Line};
use super::patterns::{first_published, is_publication_label, is_update_label, is_update_line, Shape};
use super::title::{choose_title, first_copy};
use super::trail::Trail;
use crate::article::Published;
use crate::parse::dates::{find_time, find_zone};

/// Lines above the body in which the header is looked for.
pub const WINDOW: usize = 25;

/// What the header gave.
#[derive(Debug, Default)]
pub struct Found {
    pub title: Option<usize>,
    pub lead: Option<usize>,
    /// The first line that may be a body paragraph.
    pub first_paragraph: usize,
    pub published: Option<Published>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}

/// "Xã hội > Giao thông": a short line read as a trail gives the article's section.
pub fn breadcrumb(line: &Line) -> Option<String> {
    let trail = Trail::read(line.text).filter(|_| line.is_short())?;
    trail.section().map(str::to_string)
}

/// A line that is part of the header around the title: a date, a byline, a label, a widget.
pub fn header_furniture(reading: &Reading, at: usize) -> bool {
    let line = &reading.page.lines[at];
    line.date.is_some()
        || reading.furniture_rule(at).is_some()
        || (reading.claimed[at] && reading.class[at] == Class::Furniture)
        || byline(line).is_some()
        || is_publication_label(line.text)
        || find_time(line.text).is_some()
}

/// `top` is where the run of prose began before the header lines inside it were skipped: a
/// headline right above it is the title (the run began with its standfirst).
pub fn read_header(reading: &mut Reading, run: Option<(usize, usize)>, top: Option<usize>) -> Found {
    let n = reading.page.len();
    let start = run.map_or(n, |(start, _)| start);
    let above_top = top.filter(|&top| top < start).map(|top| (top, choose_title(reading, top)));
    let (title, standfirst) = match above_top {
        Some((top, (Some(title), standfirst)))
            if top - title <= 3 && (title + 1..top).all(|at| header_furniture(reading, at)) =>
        {
            (Some(title), standfirst)
        }
        _ => choose_title(reading, start),
    };
    let title = title.map(|title| first_copy(reading, title));
    let mut found = Found { title, first_paragraph: start, ..Found::default() };
    let Some(title) = title else {
        found.first_paragraph = run.map_or(0, |(start, _)| start);
        return found;
    };
    reading.set(title, Class::Title, Rule::Headline);
    let title_text = reading.page.text(title);
    for at in 0..n {
        let free = !reading.claimed[at] || reading.class[at] == Class::RelatedItem;
        if at != title && reading.page.text(at) == title_text && free {
            reading.set(at, Class::TitleCopy, Rule::HeadlineAgain);
        }
    }
    // The lead: the standfirst, or the first paragraph when it carries the source prefix, when
    // no image comes between it and the title, or when the header goes on under it.
    let short = standfirst.is_none().then(|| short_standfirst(reading, title, start)).flatten();
    let standfirst = standfirst.or(short);
    let lead = standfirst.or_else(|| {
        let candidate = (title + 1..=start.min(n.saturating_sub(1))).find(|&at| {
            let line = &reading.page.lines[at];
            !reading.claimed[at] && !header_furniture(reading, at) && !line.credit && line.words >= 10
        })?;
        let prefixed = source_prefix(reading.page.text(candidate)).is_some();
        let image_between = (title + 1..candidate).any(|at| {
            let line = &reading.page.lines[at];
            line.credit
                || matches!(reading.shapes[at], Shape::CaptionLabel | Shape::ImageSource)
                || reading.class[at] == Class::TitleCopy
                || reading.page.get(at + 1).is_some_and(|next| next.text == line.text)
        });
        let header_after = (candidate + 1..(candidate + 4).min(n))
            .take_while(|&at| header_furniture(reading, at))
            .any(|at| byline(&reading.page.lines[at]).is_some() || reading.page.lines[at].date.is_some());
        // An English standfirst sits under the headline; a plain first paragraph under the
        // byline or the date is the body's (a Vietnamese sapo may come after them).
        let under_byline = (title + 1..candidate).any(|at| {
            let line = &reading.page.lines[at];
            let dated_byline = line.date.as_ref().is_some_and(|date| byline_in_date(date).is_some());
            dated_byline || (line.date.is_none() && byline(line).is_some())
        });
        let english = !lines::has_vietnamese_letters(reading.page.text(candidate));
        // The image under it (its alt text or a credited caption) sets it apart as the standfirst.
        let image_under = reading.page.get(candidate + 1).is_some_and(|next| {
            next.credit
                || reading.page.get(candidate + 2).is_some_and(|caption| caption.text.starts_with(next.text))
        });
        let english_body = english && ((under_byline && !image_under) || runs_on(reading, candidate));
        (prefixed || (!image_between && !english_body) || header_after).then_some(candidate)
    });
    if let Some(lead) = lead {
        let rule = match () {
            _ if short == Some(lead) => Rule::ShortStandfirst,
            _ if Some(lead) == standfirst => Rule::Standfirst,
            _ if source_prefix(reading.page.text(lead)).is_some() => Rule::LeadPrefix,
            _ => Rule::LeadFirstParagraph,
        };
        reading.set(lead, Class::Lead, rule);
        found.lead = Some(lead);
        found.source = source_prefix(reading.page.text(lead)).map(|(source, _)| source.to_string());
        if lead >= start {
            let end = run.map_or(n, |(_, end)| end + 1);
            found.first_paragraph = (lead + 1..end).find(|&at| reading.is_prose(at)).unwrap_or(lead + 1);
        }
        run_together_titles(reading, lead);
        caption_under_header(reading, lead, &mut found);
    }
    read_date(reading, title, &mut found);
    read_category(reading, title, &mut found);
    read_byline(reading, title, &mut found);
    found
}

/// The first paragraph goes straight on into the body: the next line is a paragraph, or a
/// sub-heading over one. An English standfirst is set apart by what comes under it (a byline, a
/// date, the image, share buttons); a first paragraph that is not is the body's.
fn runs_on(reading: &Reading, candidate: usize) -> bool {
    let plain = |at: usize| at < reading.page.len() && !reading.claimed[at] && !header_furniture(reading, at);
    let next = candidate + 1;
    if !plain(next) || reading.page.lines[next].credit {
        return false;
    }
    let line = &reading.page.lines[next];
    let heading = line.words <= 12 && !line.ends_sentence() && line.starts_upper();
    reading.is_prose(next) || (heading && plain(next + 1) && reading.is_prose(next + 1))
}

/// "Gas was cheap until it wasn’t" under the headline, then widgets: a line of a few words right
/// under the title, shorter than it and no sentence, with more of the header (no paragraph) under
/// it, is the standfirst.
fn short_standfirst(reading: &Reading, title: usize, start: usize) -> Option<usize> {
    let at = title + 1;
    let line = reading.page.get(at)?;
    let shaped = (5..=20).contains(&line.words)
        && line.words < reading.page.lines[title].words
        && !line.ends_sentence()
        && line.starts_upper()
        && !lines::all_caps(line.text)
        && !line.credit
        // "Ngọc Anh - Hồng Thoan", "PGS, TS. Lê Hoàng Quân": a name line under the title is a byline's.
        && !line.text.split([',', ':']).flat_map(|part| part.split(" - ")).any(|part| is_name(part.trim()));
    let free = !reading.claimed[at] && !header_furniture(reading, at) && reading.shapes[at] == Shape::Other;
    let header_goes_on = at + 1 < start && !reading.page.lines[at + 1].is_prose();
    (shaped && free && header_goes_on).then_some(at)
}

/// A lone sentence between the header's last line (a date, a byline, a reading time) and a much
/// longer paragraph, under a lead: the feature image's caption (a blog's layout).
fn caption_under_header(reading: &mut Reading, lead: usize, found: &mut Found) {
    let at = found.first_paragraph;
    let (Some(line), Some(next)) = (reading.page.get(at), reading.page.get(at + 1)) else { return };
    let after_header = at > lead + 1 && header_furniture(reading, at - 1);
    let lone = (5..=20).contains(&line.words) && line.inner_sentences() == 0 && line.ends_sentence();
    // Right under a Vietnamese sapo, a plain short sentence is the feature image's caption: the
    // body's paragraphs are longer.
    let under_lead = at == lead + 1 && caption_sentence(line);
    if (after_header || under_lead)
        && lone
        && next.is_prose()
        && next.words >= 2 * line.words
        && !reading.claimed[at]
    {
        let rule = if under_lead { Rule::CaptionUnderLead } else { Rule::CaptionLong };
        reading.set(at, Class::Caption, rule);
        found.first_paragraph = at + 1;
    }
}

/// Titles run together on the line right under the lead (the city paper's layout).
fn run_together_titles(reading: &mut Reading, lead: usize) {
    let Some(line) = reading.page.get(lead + 1) else { return };
    let candidate = !reading.page.lines[lead].blank_after
        && !line.ends_sentence()
        && line.words >= 6
        && !reading.claimed[lead + 1]
        && !header_furniture(reading, lead + 1)
        && !line.credit
        // Not the image's alt text over its caption (shown again, or with a credit added).
        && reading.page.get(lead + 2).is_none_or(|next| !next.text.starts_with(line.text));
    if candidate {
        reading.set(lead + 1, Class::RelatedItem, Rule::RunTogether);
    }
}

/// The date line nearest the title, before the first paragraph; a time on the next line
/// completes it. Other dates there, and update times, are not the publication's.
fn read_date(reading: &mut Reading, title: usize, found: &mut Found) {
    let from = title.saturating_sub(4);
    let to = found.first_paragraph.max(title + 1).min(reading.page.len());
    let dates: Vec<usize> =
        (from..to).filter(|&at| reading.page.lines[at].date.is_some() && !reading.claimed[at]).collect();
    let update = |at: usize| is_update_line(&reading.page.lines, at);
    // A date above the title counts as a little further: a masthead shows today's date there.
    let distance = |at: &usize| if *at < title { title - at + 3 } else { at - title };
    let chosen = dates.iter().copied().filter(|&at| !update(at)).min_by_key(distance);
    // "Cập nhật: 14-04-2022 05:46:12" and no other date near the title (above it as below it):
    // the only time the page gives for the article is its publication's.
    let chosen = chosen.or_else(|| dates.iter().copied().min_by_key(distance));
    let rules: Vec<(usize, Rule)> = dates
        .iter()
        .map(|&at| match () {
            _ if Some(at) == chosen => (at, Rule::PublicationDate),
            _ if update(at) => (at, Rule::UpdateTime),
            _ => (at, Rule::OtherDate),
        })
        .collect();
    for (at, rule) in rules {
        reading.set(at, if Some(at) == chosen { Class::Date } else { Class::Furniture }, rule);
    }
    let Some(at) = chosen else { return };
    let Some(date) = reading.page.lines[at].date.clone() else { return };
    let mut published = date.published;
    if published.time.is_none() {
        if let Some((time, offset)) = reading.page.get(at + 1).and_then(|next| find_time(next.text)) {
            published.time = Some(time);
            published.offset = offset;
            reading.set(at + 1, Class::Date, Rule::PublicationDate);
        }
    }
    // "Thứ Hai, 13/03/2023 | 08:15" over "(GMT+7)": the zone on a line of its own.
    if published.time.is_some() && published.offset.is_none() {
        if let Some(offset) = reading.page.get(at + 1).and_then(|next| find_zone(next.text, published.date)) {
            published.offset = Some(offset);
            reading.set(at + 1, Class::Date, Rule::PublicationDate);
        }
    }
    if at > 0 && is_publication_label(reading.page.text(at - 1)) {
        reading.set(at - 1, Class::Furniture, Rule::PublishedLabel);
    }
    // An update time chosen for want of another: the first publication, when the page names it.
    if is_update_line(&reading.page.lines, at) {
        let page = &reading.page.lines;
        if let Some(first) = page.iter().find_map(|line| first_published(line.text, Some(&published))) {
            published = first;
        }
    }
    found.published = Some(published);
    let before = lines::section_before(&date.before);
    let named = byline_in_date(&date);
    if let Some(name) = &named {
        found.author = Some(normalise_name(name));
    }
    // "Issued on: 12/03/2023": a label that a colon ties to the date says what the date is.
    let colon =
        reading.page.text(at).strip_prefix(date.before.as_str()).is_some_and(|rest| rest.starts_with(':'));
    let labelled = is_update_label(before) || is_publication_label(before) || colon;
    // "Issue #112 · Thursday, …": a number is no section.
    let numbered = before.chars().any(|c| c.is_ascii_digit() || c == '#');
    if named.is_none()
        && !before.is_empty()
        && !labelled
        && !numbered
        && before.split_whitespace().count() <= 4
    {
        found.category = Some(lines::without_separator(before).to_string());
    }
    // "14-04-2022 - 08:15 AM | Xã hội": the section after a bar.
    // "…10:32, UK" is a place, not a section: the section stands after a bar or a dash.
    let line = reading.page.text(at);
    let barred = line
        .rfind(date.after.as_str())
        .is_some_and(|end| line[..end].trim_end().ends_with(['|', '·', '-', '–']));
    // "… | Xã hội | Lượt xem: 1.284": the section is the part right after the date.
    let section = date.after.split('|').next().unwrap_or_default().trim();
    if found.category.is_none() && barred && lines::label_shaped(section) && !is_update_label(section) {
        found.category = Some(section.to_string());
    }
}

/// The kicker: a breadcrumb, else the short label nearest above the title (dates skipped).
fn read_category(reading: &mut Reading, title: usize, found: &mut Found) {
    if found.category.is_some() {
        return;
    }
    let from = title.saturating_sub(WINDOW);
    // Dates, counts ("Lượt xem: 1.284") and advert labels may stand between the kicker and the title.
    let above = (from..title).rev().find(|&at| {
        let line = &reading.page.lines[at];
        let date = line.date.is_some() || is_publication_label(line.text) || reading.class[at] == Class::Date;
        !(date || matches!(reading.shapes[at], Shape::Advert | Shape::Count))
    });
    let crumb =
        (from..title).rev().find_map(|at| breadcrumb(&reading.page.lines[at]).map(|crumb| (at, crumb)));
    if let Some((at, crumb)) = crumb {
        found.category = Some(crumb);
        reading.set(at, Class::Kicker, Rule::Breadcrumb);
        return;
    }
    let Some(at) = above else { return };
    // Between a copy of the title above it (a share preview) and the title: the share box.
    if (from..title).any(|copy| copy < at && reading.class[copy] == Class::TitleCopy) {
        return;
    }
    let line = &reading.page.lines[at];
    // "Nông - lâm - ngư nghiệp" is four words; "U.S." ends with its abbreviation's stop.
    let label = (1..=5).contains(&lines::words_between_separators(line.text))
        && (!line.ends_sentence() || lines::abbreviation(line.text))
        && !line.text.ends_with(':')
        && line.starts_upper()
        && (!reading.claimed[at] || reading.rule[at] == Rule::Learned)
        && (reading.furniture_rule(at).is_none() || reading.learned[at]);
    if label && !ends_menu_block(reading, at) {
        found.category = Some(lines::without_separator(line.text).to_string());
        reading.set(at, Class::Kicker, Rule::KickerAboveTitle);
    }
}

/// Short lines above `at` in one block with it (no blank line between) that make it a menu's last
/// item, when a blank line parts it from what follows ("Home / Notes / About / RSS", a blank, the
/// title): a kicker is set apart from the menu, or stands with the title.
const MENU_BLOCK: usize = 3;

fn ends_menu_block(reading: &Reading, at: usize) -> bool {
    let lines = &reading.page.lines;
    let item = |other: usize| {
        lines[other].words <= 3 && !lines[other].ends_sentence() && lines[other].date.is_none()
    };
    let glued = (0..at).rev().take_while(|&other| !lines[other + 1].blank_before && item(other)).count();
    lines[at].blank_after && glued >= MENU_BLOCK
}
