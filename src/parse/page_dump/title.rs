//! The title: the headline-shaped line that belongs to the body (near the date, the byline and
//! the lead), not the first short line of the page; and a standfirst under a short headline.

use std::collections::HashSet;

use super::blocks::inline_tags;
use super::bylines::{by_line, byline, byline_in_date, holds_function_word, is_name};
use super::classify::Reading;
use super::credit_line::header_credit;
use super::header::{breadcrumb, header_furniture, WINDOW};
use super::header_byline::ends_in_by;
use super::lines::{self, has_vietnamese_letters, words_between_separators, Line};
use super::patterns::{is_publication_label, is_update_label, Shape};
use super::title_header::{by_line_under, under_header_dropped};
use super::trail::Trail;
use crate::parse::dates::FoundDate;

/// How far under the headline its "By …" line may stand (a standfirst and an image between).
pub(super) const BY_UNDER_TITLE: usize = 6;

/// A date inside a line of words ("Lịch chiếu phim từ 16 đến 22/6/2017"): a headline may hold
/// one. A name, a label or an update time beside a date makes a date line, not a headline.
fn worded(date: &FoundDate) -> bool {
    if byline_in_date(date).is_some() {
        return false;
    }
    let words = words_between_separators;
    let label = |text: &str| is_name(text) || is_update_label(text) || is_publication_label(text);
    let before = if label(&date.before) { 0 } else { words(&date.before) };
    let after = if label(&date.after) { 0 } else { words(&date.after) };
    before + after >= 4
}

/// Could be the headline: a line of a few words, not a sentence, not a date, name, widget or label.
fn headline_shaped(reading: &Reading, at: usize) -> bool {
    shaped(reading, at, true)
}

/// "Keep Your Beds Tidy": a title-case line of a bare name's shape with no headline, dek or
/// name above it (dates and widgets aside) is the page's heading; a byline stands under its
/// headline.
fn heading_in_name_shape(reading: &Reading, at: usize) -> bool {
    let line = &reading.page.lines[at];
    if !is_name(line.text) || lines::all_caps(line.text) {
        return false;
    }
    let skipped = |above: usize| {
        let l = &reading.page.lines[above];
        l.date.is_some() || reading.furniture_rule(above).is_some() || is_publication_label(l.text)
    };
    let above = (at.saturating_sub(BY_UNDER_TITLE)..at).rev().find(|&above| !skipped(above));
    above.is_none_or(|above| {
        let l = &reading.page.lines[above];
        // "By" or "Written by:" alone over the name: its label; a credit with letters after it.
        let label = header_credit(l.text) || ends_in_by(l.text);
        !l.is_prose() && !label && byline(l).is_none() && !shaped(reading, above, false)
    })
}

/// "How To Read A Ferry Timetable (With Examples!)": a line of five words or more in title case
/// holding a function word is a headline, whatever name shape it has.
fn headline_in_title_case(line: &Line) -> bool {
    line.words >= 5
        && holds_function_word(line.text)
        && !lines::all_caps(line.text)
        && by_line(line.text).is_none()
}

/// [`headline_shaped`]'s test. With `name_heading`, a line of a name's shape may pass as the
/// page's heading ([`heading_in_name_shape`]); that test asks this one of the lines above it
/// without, so it never asks itself again.
fn shaped(reading: &Reading, at: usize, name_heading: bool) -> bool {
    let line = &reading.page.lines[at];
    let words_ok = (4..=40).contains(&line.words) || (line.words == 3 && line.text.chars().count() >= 20);
    words_ok
        && !reading.claimed[at]
        && reading.furniture_rule(at).is_none()
        && reading.shapes[at] == Shape::Other
        && line.date.as_ref().is_none_or(worded)
        && (!line.is_prose() || asks_or_exclaims(line) || line.two_short_sentences())
        && (!line.text.trim_end_matches(['"', '”', '’', ')']).ends_with(['.', ':', ';', ',']) || line.two_short_sentences())
        && line.starts_upper()
        && !line.credit
        && (byline(line).is_none()
            || headline_in_title_case(line)
            || by_line_under(reading, at)
            || (name_heading && heading_in_name_shape(reading, at)))
        && !header_credit(line.text)
        && breadcrumb(line).is_none()
        && inline_tags(line.text).is_none()
        && !labelled_field(line.text)
        && !is_update_label(line.text)
        && !(at > 0 && by_line(reading.page.text(at - 1)).is_some())
        // Right under a sentence ("Your browser does not support the audio element."): a widget's
        // or a box's text goes on; a headline stands under a label, a menu or a date.
        && !(at > 0 && {
            let above = &reading.page.lines[at - 1];
            above.is_prose() && !above.two_short_sentences() && !reading.claimed[at - 1]
        })
}

/// "NEWSPAPER SECTION: News": a label in capitals and its value of a few words, a field of the
/// page's header ("WATCH: Crews drain …" is a headline with its label).
fn labelled_field(text: &str) -> bool {
    text.split_once(": ").is_some_and(|(label, value)| {
        label.split_whitespace().count() <= 3
            && lines::all_caps(label)
            && value.split_whitespace().count() <= 3
    })
}

/// "… Apartments or a Park?", "… (With Three Extras!)": a headline may end with a question or
/// exclamation mark, inside its closing bracket too; it is one sentence and no longer than a
/// headline.
fn asks_or_exclaims(line: &Line) -> bool {
    line.words <= 20
        && line.inner_sentences() == 0
        && line.text.trim_end_matches(['"', '”', '’', ')']).ends_with(['?', '!'])
}

/// The headline shown twice in a row right under the date line (the feature image's alt text
/// repeats it): its first copy, not a sentence, may be the title.
fn first_copy_under_date(reading: &Reading, at: usize) -> bool {
    let line = &reading.page.lines[at];
    at > 0
        && reading.page.get(at + 1).is_some_and(|next| next.text == line.text)
        && reading.page.lines[at - 1].date.is_some()
        && !line.ends_sentence()
}

/// A caption shown twice in a row (the image's alt text, then its caption); the headline's own
/// copies stand apart from it.
fn shown_twice_in_a_row(reading: &Reading, at: usize) -> bool {
    let text = reading.page.text(at);
    (at > 0 && reading.page.text(at - 1) == text)
        || reading.page.get(at + 1).is_some_and(|next| next.text == text)
}

fn near(reading: &Reading, at: usize, distance: usize, test: impl Fn(&Line) -> bool) -> bool {
    let from = at.saturating_sub(distance);
    let to = (at + distance + 1).min(reading.page.len());
    (from..to).any(|other| other != at && test(&reading.page.lines[other]))
}

/// The title among the headline-shaped lines above `start` (the body's first paragraph), and
/// a standfirst when the best-looking one is a long line under a shorter headline.
pub fn choose_title(reading: &Reading, start: usize) -> (Option<usize>, Option<usize>) {
    let from = start.saturating_sub(WINDOW);
    let mut candidates: Vec<usize> = (from..start).filter(|&at| headline_shaped(reading, at)).collect();
    // A "By …" line follows the headline: with a headline-shaped line a few lines above it,
    // the lines under it (a share box's call, a widget's label) are not the title.
    let by = (from..start).rfind(|&at| by_line(reading.page.text(at)).is_some());
    if let Some(by) = by {
        if candidates.iter().any(|&at| at < by && by - at <= BY_UNDER_TITLE) {
            candidates.retain(|&at| at < by);
        }
    }
    under_header_dropped(reading, &mut candidates, from, start);
    // The header sits under the menu: a masthead's line above the menu is not the title.
    if let Some(cut) = candidates.last().and_then(|&last| last_menu_line(reading, from, last)) {
        if candidates.iter().any(|&at| at > cut) {
            candidates.retain(|&at| at > cut);
        }
    }
    // A table of contents between the headline and the body: its entries are the body's own
    // sub-headings, shown again below; the headline is not.
    // (A table's entries come in a run; the headline alone may be shown again, by a share box.)
    let below: HashSet<&str> = (start..reading.page.len()).map(|at| reading.page.text(at)).collect();
    let shown_below = |at: usize| at < start && below.contains(reading.page.text(at));
    let entry = |at: usize| shown_below(at) && ((at > 0 && shown_below(at - 1)) || shown_below(at + 1));
    if candidates.iter().any(|&at| !entry(at)) {
        candidates.retain(|&at| !entry(at));
    }
    let Some(&nearest) = candidates.last() else { return (None, None) };
    let crumbed = breadcrumb_ends(reading, start);
    // A headline printed twice in a row, nearest the body (nothing headline-shaped between them)
    // and with no date above it since the candidate before: the page's own heading and its copy
    // (a sticky header, the heading's link). Under the header's date it is the image's caption.
    let nearest_pair = |at: usize| {
        let paired =
            at == nearest || (at + 1 == nearest && reading.page.text(nearest) == reading.page.text(at));
        if !paired || !shown_twice_in_a_row(reading, at) {
            return false;
        }
        let first = if at + 1 == nearest { at } else { at.saturating_sub(1) };
        let above = candidates.iter().copied().rfind(|&other| other < first).unwrap_or(from);
        !(above..first).any(|other| reading.page.lines[other].date.is_some())
    };
    let header_line =
        |line: &Line| line.date.is_some() || is_publication_label(line.text) || byline(line).is_some();
    let openers: Vec<usize> =
        candidates.iter().copied().filter(|&at| opens_header(reading, &candidates, at)).collect();
    // The header's opener has the header under it (a date, a byline), before the next block
    // opens: a table of contents' label opens a block of its own, with none.
    let header_under_opener = |index: usize| {
        let to = openers.get(index + 1).copied().unwrap_or(start);
        (openers[index] + 1..to).any(|at| header_line(&reading.page.lines[at]))
    };
    let opener = (0..openers.len()).rfind(|&index| header_under_opener(index)).map(|index| openers[index]);
    let score = |at: usize| {
        let line = &reading.page.lines[at];
        let mut score = 2.0 * line.words.min(16) as f64 - (start - at) as f64 / 2.0;
        if near(reading, at, 2, |l| l.date.is_some() || is_publication_label(l.text)) {
            score += 10.0;
        }
        if near(reading, at, 2, |l| byline(l).is_some()) {
            score += 8.0;
        }
        if line.repeats >= 2 {
            score += 6.0;
        }
        if at == nearest {
            score += 12.0;
        }
        if crumbed.contains(reading.page.text(at)) {
            score += 12.0;
        }
        if opener == Some(at) {
            score += 12.0;
        }
        // Shown twice in a row: an image's alt text and its caption, but a browser's copy gives
        // no alt text, and a page may print its headline twice (a sticky header): scored down by
        // half what it was (real pages +1, fixtures the same). Its first copy right under the
        // top furniture is the headline's.
        if shown_twice_in_a_row(reading, at)
            && !first_copy_under_date(reading, at)
            && !openers.contains(&at)
            && !nearest_pair(at)
        {
            score -= 15.0;
        }
        score
    };
    let scored = candidates.iter().map(|&at| (score(at), at));
    let best = scored.max_by(|(a, at_a), (b, at_b)| a.total_cmp(b).then(at_a.cmp(at_b))).map(|(_, at)| at);
    let Some(mut best) = best else { return (None, None) };
    // A headline stands by the page's header (a date, a byline): a line with neither near it,
    // under a candidate that has one, is a sub-heading or a call (the run began at a section).
    let headed = |at: usize| near(reading, at, 2, header_line);
    // The header's line must stand between that candidate and the line chosen, a few lines under it.
    let header_under =
        |at: usize| (at + 1..(at + 5).min(best)).any(|below| header_line(&reading.page.lines[below]));
    if !headed(best) && !nearest_pair(best) {
        best = candidates.iter().copied().rfind(|&at| at < best && header_under(at)).unwrap_or(best);
    }
    // A label of a few words under the headline, with only a date between ("Heard on Morning
    // Edition"): the headline is the title.
    let above = candidates.iter().copied().rfind(|&at| at < best);
    if let Some(above) = above {
        let (headline, label) = (&reading.page.lines[above], &reading.page.lines[best]);
        let dated_between = (above + 1..best).any(|at| reading.page.lines[at].date.is_some());
        let only_header_between = (above + 1..best).all(|at| header_furniture(reading, at));
        if best - above <= 3
            && dated_between
            && only_header_between
            && label.words <= 5
            && headline.words >= 2 * label.words
        {
            return (Some(above), None);
        }
    }
    // A long line under a shorter headline, with only dates, bylines and widgets between: the
    // headline is the title, the long line its standfirst.
    let above = candidates.iter().copied().rfind(|&at| at < best);
    if let Some(above) = above {
        let (title, long) = (&reading.page.lines[above], &reading.page.lines[best]);
        let only_header_between = (above + 1..best).all(|at| header_furniture(reading, at));
        // A standfirst is sentence-length; a headline of a few words may sit over it ("The
        // ferry fare fight, explained" then "Why a $1.50 increase has half the island …").
        let much_longer = long.words >= title.words + 4 && long.words >= 15;
        // Right under it, a longer line of a standfirst's length is the standfirst ("Victorian
        // lido reopens …" then "The pool in Wrenmouth closed in 2009 …"); a headline of nine
        // words under a six-word line is the headline under the masthead's tagline.
        // Under a headline of ten words or more, a line of eight or more right under it is its
        // standfirst, shorter or not ("Island ferry returns … from Norway" then "Residents of
        // Inchmora had relied on a passenger-only boat since early March").
        let longer_right_under = best == above + 1
            && title.words >= 6
            && ((long.words > title.words && long.words >= 12) || (title.words >= 10 && long.words >= 8));
        // A section name is in the menu too: a line shown above as well is the kicker.
        let in_menu = title.repeats >= 2 && (0..above).any(|at| reading.page.text(at) == title.text);
        // A Vietnamese sapo is a sentence: a long line without its full stop under a short one
        // is the headline under its section's label ("Thời sự y tế", "Sự kiện: Du lịch vùng cao").
        let headline_under_label = !long.ends_sentence() && has_vietnamese_letters(long.text);
        if best - above <= 4
            && only_header_between
            && (much_longer || longer_right_under)
            && !in_menu
            && !headline_under_label
        {
            return (Some(above), Some(best));
        }
    }
    (Some(best), None)
}

/// The header is a block between the page's top furniture (a menu, a breadcrumb's items, a
/// section's label) and the body: its headline opens it, above a dek, a byline, a reading time,
/// a call or a share bar. A candidate right under a short item (dates and bylines skipped)
/// opens a block; the last one opens the header.
fn opens_header(reading: &Reading, candidates: &[usize], candidate: usize) -> bool {
    let short_item = |at: usize| {
        let line = &reading.page.lines[at];
        (1..=3).contains(&words_between_separators(line.text))
            && line.text.chars().any(char::is_alphabetic)
            && !line.ends_sentence()
    };
    // A trail ("You are here: Home / News / Events") is top furniture, however long.
    let trail = |at: usize| Trail::read(reading.page.text(at)).and_then(|trail| trail.names_page()).is_some();
    let above = (0..candidate).rev().find(|&at| !header_furniture(reading, at));
    !trail(candidate)
        && above.is_some_and(|above| trail(above) || (!candidates.contains(&above) && short_item(above)))
}

/// The pages the breadcrumbs above `start` end with: a breadcrumb ends with the page's own headline.
fn breadcrumb_ends<'a>(reading: &Reading<'a>, start: usize) -> HashSet<&'a str> {
    (0..start)
        .filter(|&at| reading.page.lines[at].is_short())
        .filter_map(|at| Trail::read(reading.page.text(at))?.names_page())
        .collect()
}

/// A menu is a run of this many lines of a few words (a header's widgets are furniture by their
/// look and break it).
const MENU_LINES: usize = 6;

/// The last line of the last menu between `from` and `to`.
fn last_menu_line(reading: &Reading, from: usize, to: usize) -> Option<usize> {
    let mut run = 0;
    let mut last = None;
    for at in from..to {
        let line = &reading.page.lines[at];
        let item = words_between_separators(line.text) <= 4
            && !line.ends_sentence()
            && line.date.is_none()
            && reading.furniture_rule(at).is_none();
        run = if item { run + 1 } else { 0 };
        if run >= MENU_LINES {
            last = Some(at);
        }
    }
    last
}

/// The headline shown again under its byline and date (an image's alt text): the header is
/// read around its first showing.
pub fn first_copy(reading: &Reading, title: usize) -> usize {
    if reading.page.lines[title].repeats < 2 {
        return title;
    }
    let text = reading.page.text(title);
    let mut at = title;
    while at > 0 && title - at < WINDOW {
        at -= 1;
        if reading.page.text(at) == text {
            return at;
        }
        if !header_furniture(reading, at) {
            return title;
        }
    }
    title
}
