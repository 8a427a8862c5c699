//! The title's candidates against the header's own lines: a "By" line under a name-shaped
//! headline, and the date or "By" line that closes the header over the body.

use super::bylines::by_line;
use super::classify::Reading;
use super::header::header_furniture;
use super::header_byline::ends_in_by;
use super::title::BY_UNDER_TITLE;

/// How far over the body the header's last line (a date, a byline) may stand to close the header.
const HEADER_OVER_BODY: usize = 6;

/// "Mending Nets in the Harbour" over "By Jane Doe | …": a title-case line with a word in lower
/// case between its capitalised ones (a headline's minor word; a share bar, a credit or a role
/// has none) and a "By" line under it (no paragraph between) is the headline, not a name.
pub fn by_line_under(reading: &Reading, at: usize) -> bool {
    let text = reading.page.text(at);
    let minor_word = text.split_whitespace().skip(1).any(|word| word.starts_with(char::is_lowercase));
    let to = (at + 1 + BY_UNDER_TITLE).min(reading.page.len());
    minor_word
        && (at + 1..to)
            .take_while(|&below| !reading.page.lines[below].is_prose())
            .any(|below| by_line(reading.page.text(below)).is_some() || ends_in_by(reading.page.text(below)))
}

/// The headline stands over its header (a date, a byline): with a candidate alone right over
/// the header's last line, the lines under it (a share bar's call, a tag line, a rating) are not
/// the title. A bare name may be a menu's item: a date or a "By" line closes the header.
pub fn under_header_dropped(reading: &Reading, candidates: &mut Vec<usize>, from: usize, start: usize) {
    let closes_header = |at: usize| {
        let line = &reading.page.lines[at];
        (line.date.is_some() || by_line(line.text).is_some()) && !candidates.contains(&at)
    };
    let Some(last) = (from..start).rfind(|&at| closes_header(at)) else { return };
    if start - last > HEADER_OVER_BODY {
        return;
    }
    // Alone over it: a headline and its dek over the header are the standfirst's case.
    let over = |at: usize| {
        at < last
            && last - at <= 3
            && (at + 1..last).all(|b| header_furniture(reading, b))
            && !candidates.iter().any(|&other| other < at && at - other <= 3)
    };
    let Some(over) = candidates.iter().copied().find(|&at| over(at)) else { return };
    // A longer line right under the date is the headline the date heads (a date-first header);
    // the shorter line over the date is a kicker or a section's label.
    let words = reading.page.lines[over].words;
    let headed = |at: usize| at == last + 1 && reading.page.lines[at].words > words;
    candidates.retain(|&at| at < last || headed(at));
}
