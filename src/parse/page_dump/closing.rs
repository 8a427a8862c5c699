//! What closes an article inside its run of prose: the byline (the paragraphs after it are the
//! site's) and the authors' bios.

use super::classify::{Class, Reading, Rule};
use super::header::Found;

/// A byline inside the run closes the article: the one or two paragraphs after it ("* Mời bạn
/// đọc vào chuyên mục …") are the site's, not the body's.
pub fn after_byline(reading: &mut Reading, found: &Found, end: usize) {
    let from = found.first_paragraph;
    let Some(byline) = (from..end).rev().find(|&at| reading.class[at] == Class::Byline) else { return };
    let after: Vec<usize> = (byline + 1..end).filter(|&at| reading.class[at] == Class::Paragraph).collect();
    let before = (from..byline).filter(|&at| reading.class[at] == Class::Paragraph).count();
    if after.len() <= 2 && before >= 3 {
        for at in after {
            reading.set(at, Class::Furniture, Rule::AfterByline);
        }
    }
}

/// Paragraphs at the body's end that begin with the author's name and go on in lower case
/// ("Danielle Ortiz covers transportation …", "Mara Quint is a staff writer …"): the author's
/// bio, not the article; with it, what follows it (a note on the site's methods).
const BIO_REACH: usize = 3;

pub fn author_bio(reading: &mut Reading, found: &Found, start: usize, end: usize) {
    // The section's blurb likewise ("Future Tense is a partnership of …" under a "Future Tense" kicker).
    let author = found.author.as_deref();
    let section = found.category.as_deref();
    if author.is_none() && section.is_none() {
        return;
    }
    let paragraphs: Vec<usize> =
        (start..end).rev().filter(|&at| reading.class[at] == Class::Paragraph).take(BIO_REACH).collect();
    let bio = |at: usize| {
        let text = reading.page.text(at);
        let introduces = |name: &&str| {
            let rest = text.strip_prefix(*name).and_then(|rest| rest.strip_prefix(' '));
            rest.is_some_and(|rest| rest.starts_with(char::is_lowercase))
        };
        // A paragraph under a sub-heading is the article's section, whatever word opens it.
        let under_heading = at > 0 && reading.class[at - 1] == Class::Heading;
        // Each author of several ("Theo Lindqvist and Renata Paz") has a bio of their own.
        let named = author.is_some_and(|author| author_names(author).any(|name| introduces(&name)))
            || (section.as_ref().is_some_and(introduces) && !under_heading);
        named && reading.page.lines[at].words <= 50
    };
    let Some(&first) = paragraphs.iter().rev().find(|&&at| bio(at)) else { return };
    for at in first..end {
        if matches!(reading.class[at], Class::Paragraph | Class::Heading) {
            reading.set(at, Class::Furniture, Rule::AuthorBio);
        }
    }
    // "ABOUT THE AUTHOR" over it is the bio's label, not a sub-heading.
    if first > 0 && reading.class[first - 1] == Class::Heading {
        reading.set(first - 1, Class::Furniture, Rule::AuthorBio);
    }
}

/// The names of a byline's authors: "A and B", "A, B và C".
fn author_names(author: &str) -> impl Iterator<Item = &str> {
    author
        .split([',', '&'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" và "))
        .map(str::trim)
}
