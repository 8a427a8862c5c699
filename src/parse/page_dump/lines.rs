//! A page dump as lines, each with what it looks like: length, words, sentence punctuation,
//! case, blank lines around it, and how often the page repeats it. Computed in one pass (the
//! repetition count in a second one over a hash map), so every later look is O(1).

use std::collections::HashMap;

use super::super::dates::{find_date, FoundDate};

/// One non-blank line of the page.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    /// The line, trimmed.
    pub text: &'a str,
    /// Its number in the file (0-based, blank lines counted).
    pub number: usize,
    pub words: usize,
    pub blank_before: bool,
    pub blank_after: bool,
    /// How many lines of the page are exactly this text (1 when it is unique).
    pub repeats: u32,
    /// A date with little else around it ("Thứ năm, 14/4/2022, 08:15 (GMT+7)", "Tin tức 14/04/2022").
    pub date: Option<FoundDate>,
    /// Carries a photo credit ("… Ảnh: Hoài Thương", "REUTERS/…"): looked for once.
    pub credit: bool,
}

/// Lines longer than this are never date lines, headers or labels: none of the patterns that
/// name them is tried on longer ones.
pub const SHORT_CHARS: usize = 140;

impl Line<'_> {
    /// Ends like a sentence (closing quotes and brackets aside).
    pub fn ends_sentence(&self) -> bool {
        ends_sentence(self.text)
    }

    /// A paragraph rather than a title or a label: a sentence of some length, or long.
    pub fn is_prose(&self) -> bool {
        (self.words >= 8 && self.ends_sentence()) || self.words >= 30
    }

    /// Sentence breaks inside the line ("… tới 6h chiều. Huấn luyện viên …").
    pub fn inner_sentences(&self) -> usize {
        inner_sentences(self.text)
    }

    pub fn starts_upper(&self) -> bool {
        first_letter(self.text).is_some_and(|c| c.is_uppercase() || c.is_numeric())
    }

    /// "Jail Phone Calls Cost Families $1.40 a Minute. A County …": most words capitalised, as
    /// English headlines write them.
    pub fn title_case(&self) -> bool {
        let words: Vec<&str> =
            self.text.split_whitespace().filter(|w| w.starts_with(char::is_alphabetic)).collect();
        let capitalised = words.iter().filter(|w| w.starts_with(char::is_uppercase)).count();
        words.len() >= 4 && capitalised * 4 >= words.len() * 3
    }

    /// Two short sentences, the second closed by a full stop: a headline's form ("Cameras on
    /// Route 7 buses caught 9,000 drivers in bus lanes. Now the fines start.").
    pub fn two_short_sentences(&self) -> bool {
        // A headline in title case may run longer ("… in Their Fields. It’s Refilling the Aquifer, Slowly.").
        (self.words <= 16 || (self.words <= 24 && self.title_case()))
            && self.inner_sentences() == 1
            && self.ends_sentence()
            && self.starts_upper()
            && !self.text.contains(['“', '”', '"'])
    }

    /// Introduces what follows: words of some length ending in a colon ("… ghi nhận các kết quả
    /// sau:").
    pub fn opens_list(&self) -> bool {
        self.words >= 8 && self.text.trim_end().ends_with(':')
    }

    /// A list's item: a dash, a bullet or a number, then some words ("- Gửi mã đặt chỗ giả …",
    /// "2) Trồng mới …").
    pub fn list_item(&self) -> bool {
        let rest = self.text.trim_start_matches(|c: char| c.is_ascii_digit());
        let numbered = rest.len() < self.text.len() && self.text.len() - rest.len() <= 2;
        let marked = match numbered {
            true => rest.starts_with(". ") || rest.starts_with(") "),
            false => ["- ", "– ", "— ", "• ", "+ ", "* "].iter().any(|mark| self.text.starts_with(mark)),
        };
        marked && self.words >= 4
    }

    pub fn is_short(&self) -> bool {
        self.text.len() <= SHORT_CHARS
    }
}

pub fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '”', '’', '\'', ')', '»', ' ']).ends_with(['.', '!', '?', '…'])
}

pub fn inner_sentences(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?') && chars.peek() == Some(&' ') {
            chars.next();
            if chars.peek().is_some_and(|n| n.is_uppercase() || matches!(n, '“' | '"')) {
                count += 1;
            }
        }
    }
    count
}

/// The first letter or digit, past quotes and brackets.
pub fn first_letter(text: &str) -> Option<char> {
    text.chars().find(|c| c.is_alphanumeric())
}

/// Every letter in capitals ("HOÀI THƯƠNG", "TIN LIÊN QUAN").
pub fn all_caps(text: &str) -> bool {
    let mut letters = text.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some() && letters.all(char::is_uppercase)
}

/// Holds letters only Vietnamese writes (ă, ơ, ư, đ, and the tone marks of Latin Extended
/// Additional).
pub fn has_vietnamese_letters(text: &str) -> bool {
    text.chars().any(|c| matches!(c, 'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | '\u{1EA0}'..='\u{1EF9}'))
}

/// The page's non-blank lines, in order.
pub struct Page<'a> {
    pub lines: Vec<Line<'a>>,
}

impl<'a> Page<'a> {
    pub fn new(text: &'a str) -> Page<'a> {
        let mut lines: Vec<Line<'a>> = Vec::new();
        let mut blank_before = false;
        for (number, raw) in text.lines().enumerate() {
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                blank_before = true;
                if let Some(last) = lines.last_mut() {
                    last.blank_after = true;
                }
                continue;
            }
            let date = (trimmed.len() <= SHORT_CHARS).then(|| date_line(trimmed)).flatten();
            lines.push(Line {
                text: trimmed,
                number,
                words: trimmed.split_whitespace().count(),
                blank_before: std::mem::take(&mut blank_before),
                blank_after: false,
                repeats: 1,
                date,
                credit: super::credits::has_credit(trimmed),
            });
        }
        // A page that puts a blank line after (nearly) every line says nothing by its blank
        // lines: read it as one without them.
        let spaced = lines.iter().filter(|line| line.blank_after).count();
        if lines.len() >= 8 && spaced * 10 >= lines.len() * 9 {
            for line in &mut lines {
                line.blank_before = false;
                line.blank_after = false;
            }
        }
        let mut counts: HashMap<&str, u32> = HashMap::with_capacity(lines.len());
        for line in &lines {
            *counts.entry(line.text).or_default() += 1;
        }
        for line in &mut lines {
            line.repeats = counts[line.text];
        }
        Page { lines }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn get(&self, at: usize) -> Option<&Line<'a>> {
        self.lines.get(at)
    }

    pub fn text(&self, at: usize) -> &'a str {
        self.lines.get(at).map_or("", |line| line.text)
    }
}

/// A line that is a date with little else: a category, a byline, a label, a zone.
pub fn date_line(line: &str) -> Option<FoundDate> {
    let found = find_date(line)?;
    // "Published 5:06 a.m. ET April 14, 2022 | Updated 7:12 a.m. …": an update time after the
    // date is part of the date line, however long.
    // "… | Xã hội | Lượt xem: 1.284": what follows the date's own part (a section) is the page's.
    let own_part = found.after.split('|').next().unwrap_or_default();
    let after =
        if super::patterns::is_update_label(&found.after) { 0 } else { words_between_separators(own_part) };
    let extra = words_between_separators(&found.before) + after;
    (extra <= 6).then_some(found)
}

/// The text before a date as a section: "Thứ năm, ngày 14/04/2022" leaves "ngày", the word for
/// "day" (or "at"), which is the date's, not a section's (it still counts as a word of the line:
/// "Ông Duy bỏ trốn từ ngày 22/10/2016." is a sentence, not a date line).
pub fn section_before(before: &str) -> &str {
    let (rest, last) = before.rsplit_once(' ').unwrap_or(("", before));
    if ["ngày", "lúc", "on"].iter().any(|word| last.eq_ignore_ascii_case(word)) {
        rest.trim_matches(|c: char| c.is_whitespace() || ",-–—|·:()".contains(c))
    } else {
        before
    }
}

/// Words, not counting the separators between a date line's parts ("Jenna Moreau · CBC News ·
/// Posted:" is five words).
pub fn words_between_separators(text: &str) -> usize {
    text.split_whitespace().filter(|word| word.chars().any(char::is_alphanumeric)).count()
}

/// A section name: a few words, capitalised, not a sentence, no zone or clock.
pub fn label_shaped(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=4).contains(&words)
        && first_letter(text).is_some_and(char::is_uppercase)
        && !ends_sentence(text)
        && !text.chars().any(|c| c.is_ascii_digit() || c == '(')
}

/// "Science —", "Jakarta ●": a separator with nothing after it parts the label from the line
/// it stands beside (the title, the date); it is no part of the section's name.
pub fn without_separator(text: &str) -> &str {
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "—–-●•|/·".contains(c));
    if trimmed.is_empty() {
        text
    } else {
        trimmed
    }
}

/// "U.S.", "D.C.": letters each closed by a stop.
pub fn abbreviation(text: &str) -> bool {
    let last = text.split_whitespace().last().unwrap_or_default();
    last.len() <= 8 && last.trim_end_matches('.').contains('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_their_neighbours_and_repeats() {
        let page = Page::new("Quảng cáo\n\nMột câu dài có đủ tám chữ trở lên ở đây.\nQuảng cáo\n");
        assert_eq!(page.len(), 3);
        assert_eq!(page.lines[0].repeats, 2);
        assert!(page.lines[0].blank_after && page.lines[1].blank_before);
        assert!(page.lines[1].is_prose() && !page.lines[0].is_prose());
        assert_eq!(page.lines[2].number, 3);
    }

    #[test]
    fn blank_lines_after_every_line_say_nothing() {
        let spaced: String = (0..10).map(|n| format!("Dòng số {n}\n\n")).collect();
        assert!(Page::new(&spaced).lines.iter().all(|l| !l.blank_after && !l.blank_before));
        let some = "Một\n\nHai\nBa\nBốn\nNăm\nSáu\nBảy\nTám\n";
        assert!(Page::new(some).lines[0].blank_after);
    }

    #[test]
    fn sentences_inside_a_line() {
        assert_eq!(inner_sentences("Mỗi ngày mở ba ca. Huấn luyện viên là đoàn viên."), 1);
        assert_eq!(inner_sentences("Giá 1.000 đồng, tăng 2.5%."), 0);
        assert!(all_caps("HOÀI THƯƠNG") && !all_caps("Hoài Thương") && !all_caps("2022"));
        assert_eq!(section_before("ngày"), "");
        assert_eq!(section_before("Tin tức"), "Tin tức");
        assert!(date_line("Ông Duy đã bỏ trốn từ ngày 22/10/2016.").is_none());
        // An update after the date's separator is part of the date line, however long.
        assert!(date_line("June 14, 2023, 4:32 PM EDT / Updated June 14, 2023, 7:10 PM EDT").is_some());
    }

    #[test]
    fn lists_and_the_words_that_open_them() {
        let page = Page::new(
            "Báo cáo của ban quản lý ghi nhận các kết quả chính như sau:\n- Trồng mới 40 ha rừng ven đê;\n12. Lập ba tổ tuần tra mới\nGiá 90.000 đồng/kg:\n2024 là năm được mùa\n",
        );
        let [opens, dash, numbered, short, year] = &page.lines[..] else { panic!("five lines") };
        assert!(opens.opens_list() && !short.opens_list() && !dash.opens_list());
        assert!(dash.list_item() && numbered.list_item() && !opens.list_item() && !year.list_item());
    }
}
