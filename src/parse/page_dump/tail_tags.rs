//! Tags listed under the article without a header ("Wildlife", "Kerala", "Tai Po" a line each):
//! a run of short lines soon after the body whose lines the article itself writes, as written
//! (case and all: "Tai Po" in the text, not "tai po"). A menu or a footer's links are short
//! lines too, but the article does not write their words capitalised mid-sentence.

use super::classify::{Class, Reading, Rule};
use super::lines::Line;

/// The run starts within this many lines of the body's end (a byline, a comments address or an
/// advert label may come between).
const REACH: usize = 4;
/// A run of tags holds at most this many lines.
const MOST_TAGS: usize = 12;
/// A tag is a few words.
const TAG_WORDS: usize = 4;

/// Reads the run, if there is one, from the lines after `end` (the body's end).
pub fn headerless_tags(reading: &mut Reading, title: Option<usize>, from: usize, end: usize) {
    let n = reading.page.len();
    let Some(start) = (end..(end + REACH).min(n)).find(|&at| tag_shaped(reading, at)) else { return };
    let run_end = (start..n.min(start + MOST_TAGS + 1)).find(|&at| !tag_shaped(reading, at)).unwrap_or(n);
    if run_end - start < 2 {
        return;
    }
    // The article's own text: from its title (the header's lead too) to the body's end.
    let mut text = String::new();
    for at in title.unwrap_or(from)..end {
        text.push_str(reading.page.text(at));
        text.push('\n');
    }
    let written: Vec<usize> = (start..run_end).filter(|&at| writes(&text, reading.page.text(at))).collect();
    // The run from its first written line: a name under the body (the byline) may open it.
    let Some(&first) = written.first() else { return };
    let lines = run_end - first;
    if written.len() >= 2 && lines <= MOST_TAGS && written.len() * 3 >= lines * 2 {
        (first..run_end).for_each(|at| reading.set(at, Class::Tag, Rule::TagsTheArticleWrites));
    }
}

/// A line of a few words, no sentence, date, credit or furniture, not read as anything yet (a
/// name under the body read as its byline may be the first tag).
fn tag_shaped(reading: &Reading, at: usize) -> bool {
    let line: &Line = &reading.page.lines[at];
    let free = !reading.claimed[at] || reading.class[at] == Class::Byline;
    free && (1..=TAG_WORDS).contains(&line.words)
        && !line.ends_sentence()
        && line.date.is_none()
        && !line.credit
        && !line.text.contains([':', '|', '@', '©'])
        && reading.furniture_rule(at).is_none()
}

/// `text` holds `phrase` as written, between word boundaries.
fn writes(text: &str, phrase: &str) -> bool {
    let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, found)| {
        boundary(text[..at].chars().next_back()) && boundary(text[at + found.len()..].chars().next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_is_written_between_word_boundaries_as_written() {
        let text = "Residents of Tai Po said the minibus ran late.";
        assert!(writes(text, "Tai Po") && writes(text, "minibus"));
        assert!(!writes(text, "tai po") && !writes(text, "bus"));
    }
}
