//! The byline between the title and the first paragraph: "By …", a name with its role, a bare
//! name standing with the header (under the title, beside a date, under a label).

use super::bylines::{by_line, byline, holds_function_word, names_joined_by_dash, normalise_name};
use super::classify::{Class, Reading, Rule};
use super::header::Found;
use super::patterns::{is_publication_label, is_update_label, Shape};
use crate::parse::dates::find_time;

/// A bare name stands with the header: right under the title, under a label ("Posted by",
/// "Text by:"), or within three lines of a date, a reading time or a separator; one away from
/// them is a heading or a call ("Key Takeaways", "Table Of Contents").
fn beside_header(reading: &Reading, title: usize, at: usize) -> bool {
    let header = |other: usize| {
        reading.page.get(other).is_some_and(|line| {
            line.date.is_some()
                || reading.class[other] == Class::Date
                || is_publication_label(line.text)
                || is_update_label(line.text)
                || find_time(line.text).is_some()
                || matches!(reading.shapes[other], Shape::Count | Shape::Separator)
                // "·" between the name and "Follow".
                || !line.text.chars().any(char::is_alphanumeric)
        })
    };
    // "Posted by", "Text by:", "Tác giả:": a label over the name.
    let labelled = at > 0 && {
        let above = reading.page.text(at - 1);
        above.ends_with(':') || ends_in_by(above)
    };
    at == title + 1 || labelled || (at.saturating_sub(3)..=at + 3).any(|other| other != at && header(other))
}

/// A label over a name: the line's last word is "by" ("Posted by", "Written by:").
pub fn ends_in_by(text: &str) -> bool {
    text.trim_end_matches(':').rsplit(' ').next().is_some_and(|word| word.eq_ignore_ascii_case("by"))
}

/// The byline between the title and the first paragraph ("By …", a name with its role, a name
/// beside the date), with the role line under a "By" line.
pub fn read_byline(reading: &mut Reading, title: usize, found: &mut Found) {
    let to = found.first_paragraph.max(title + 1).min(reading.page.len());
    let free = |at: usize| !reading.claimed[at] && reading.furniture_rule(at).is_none();
    // A "By …" line says it is the byline; a bare name above it is a desk or a place.
    let by = (title + 1..to).find(|&at| free(at) && by_line(reading.page.text(at)).is_some());
    for at in by.into_iter().chain(title + 1..to) {
        if !free(at) {
            continue;
        }
        let line = &reading.page.lines[at];
        // "Thanh Hà - Kim Oanh" beside the date line: the authors, joined as the page joins them.
        let beside_date =
            |other: Option<usize>| other.is_some_and(|o| reading.class.get(o) == Some(&Class::Date));
        let joined =
            names_joined_by_dash(line.text) && (beside_date(at.checked_sub(1)) || beside_date(Some(at + 1)));
        let Some(name) = byline(line).or_else(|| joined.then(|| line.text.to_string())) else { continue };
        let rule = if by_line(line.text).is_some() { Rule::BylineBy } else { Rule::BylineName };
        // A bare name stands with the header (under the title, beside a date or a label); one
        // away from them is a heading or a call ("Key Takeaways", "Table Of Contents").
        if rule == Rule::BylineName && (!beside_header(reading, title, at) || holds_function_word(&name)) {
            continue;
        }
        reading.set(at, Class::Byline, rule);
        if found.author.is_none() {
            found.author = Some(normalise_name(&name));
        }
        if rule == Rule::BylineBy {
            let role = reading.page.get(at + 1).filter(|next| {
                next.words <= 6 && !next.ends_sentence() && next.date.is_none() && !next.is_prose()
            });
            if role.is_some() && at + 1 < to && !reading.claimed[at + 1] {
                reading.set(at + 1, Class::Furniture, Rule::BylineRole);
            }
        }
        return;
    }
}
