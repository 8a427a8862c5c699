//! Bylines and source prefixes: "By Jane Doe", a name with its role, a name in capitals, the name
//! a date line holds, and the "TTO - " / "(Reuters) - " / "SANTA ILARIA, Oct 11 (Reuters) - "
//! prefix of a lead.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{all_caps, ends_sentence, Line};
use super::patterns::{is_publication_label, is_update_label};
use crate::parse::dates::{find_time, FoundDate};

/// Role nouns a byline may carry after the name ("Transport correspondent"), as pages write them.
pub const ROLES: &[&str] = &[
    "correspondent",
    "reporter",
    "editor",
    "writer",
    "columnist",
    "journalist",
    "producer",
    "photographer",
    "contributor",
    "staff",
    "phóng viên",
    "biên tập viên",
    "cộng tác viên",
];

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by:?|(?:posted|written) by|bởi|tác giả:?|(?:writer|author|reporter)\s*:|(?:tin|bài)(?:,|\s+và)?\s+ảnh:|bài:)\s+(.{2,})$")
        .expect("byline")
});
static SOURCE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?:\p{Lu}[\p{L}\p{M}\s.'’-]{1,40}(?:,[^()]{0,30}?|\s\d{1,2}\s))?\(([^()]{2,30})\)\s*(?:--|[-–—|])|([\p{Lu}][\p{Lu}\s.&]{1,24}?)\s*[-–|])\s+",
    )
    .expect("source prefix")
});

/// The author(s) a byline names, as written: "By Jane Doe", "Jane Doe Transport correspondent",
/// "Jane Doe in Hanoi", "Jane Doe and John Roe", "HOÀI THƯƠNG".
pub fn author(text: &str) -> Option<String> {
    // "Bảo Trâm," with its source on the next line.
    let text = text.strip_suffix(',').unwrap_or(text);
    by_line(text)
        .map(str::to_string)
        .or_else(|| name_with_role(text))
        .or_else(|| names(text))
        .or_else(|| name_with_desk(text))
        .or_else(|| name_with_agency(text))
}

/// "Tiến Khánh (TTXVN)", "Hà Anh (tổng hợp)": a name, then its agency or a note in brackets.
fn name_with_agency(text: &str) -> Option<String> {
    let (name, note) = text.strip_suffix(')')?.rsplit_once(" (")?;
    let note_ok = (2..=30).contains(&note.chars().count()) && note.split_whitespace().count() <= 4;
    (note_ok && is_name(name.trim())).then(|| name.trim().to_string())
}

/// "Minh Khôi/VTV-Cần Thơ", "Thu Hằng/VOV1": a name, a slash, then the outlet or desk.
fn name_with_desk(text: &str) -> Option<String> {
    let (name, desk) = text.split_once('/')?;
    let desk_words = desk.split_whitespace().count();
    let desk_ok =
        (1..=4).contains(&desk_words) && desk.starts_with(char::is_uppercase) && !ends_sentence(desk);
    (desk_ok && is_name(name.trim())).then(|| name.trim().to_string())
}

/// "By Jane Doe", "By DEREK ANSAH, Transport correspondent" → the name as written.
pub fn by_line(text: &str) -> Option<&str> {
    // Bylines are short: the length is checked here, not by a counted repetition in the regex
    // (a large automaton for every line tried).
    if text.chars().count() > 210 {
        return None;
    }
    // "ByMara Lindqvist": the page ran the author's link onto "By".
    if let Some(glued) = text.strip_prefix("By").filter(|rest| rest.starts_with(char::is_uppercase)) {
        return is_name(glued).then_some(glued);
    }
    let name = BYLINE.captures(text)?.get(1)?.as_str().trim();
    // "Posted by Margaret Hale at 9:14 AM": the time is the post's, not the name's.
    let name = match name.rsplit_once(" at ") {
        Some((before, time)) if find_time(time).is_some() => before,
        _ => name,
    };
    // "By Nadia Kessler, a senior reporter covering …": a long byline says who after a comma.
    let long = name.len() > 80;
    // "By Chen Hui-ling / Staff reporter": a slash parts the name from its desk, as a comma does.
    let name = name.split([',', '|', '·', '/']).next().unwrap_or(name).trim();
    if long && !text.contains(',') {
        return None;
    }
    // "By Talia Okonjo@taliaokonjo Apr 14, 2022": the name before its handle ("By: Delfin Navarro
    // - Correspondent / @DNavarroINQ" was cut at the slash above, and its role below).
    if let Some((before_handle, _)) = name.split_once('@') {
        let before_handle = before_handle.trim();
        return is_name(before_handle).then_some(before_handle);
    }
    // "RAY HOLLIS Staff Writer": the name before the role.
    if let Some(short) = name_with_role(name) {
        return name.get(..short.len()).filter(|prefix| *prefix == short);
    }
    names(name).is_some().then_some(name)
}

/// "Jane Doe", "Jane Doe and John Roe", "Jane Doe in Hanoi" (the place dropped).
fn names(text: &str) -> Option<String> {
    let text = match text.split_once(" in ") {
        Some((name, place)) if is_name(name) && is_name(&format!("In {place}")) => name,
        _ => text,
    };
    // "HẢI LĂNG - PHONG ĐIỀN": in capitals, a dash joins two bylines (in title case it may be a
    // route or a place's name).
    let dash = if all_caps(text) { " - " } else { " and " };
    let all_names = text
        .split(" and ")
        .flat_map(|part| part.split(" & "))
        .flat_map(|part| part.split(" và "))
        .flat_map(|part| part.split(dash))
        .all(|part| is_name(part.trim()));
    all_names.then(|| text.to_string())
}

/// "Hoàng Thư - Lò Cương" alone under the last paragraph: names joined by a dash are the
/// article's authors there (above the body the same shape may be a route or two places).
pub fn names_joined_by_dash(text: &str) -> bool {
    let parts: Vec<&str> = text.split(" - ").map(str::trim).collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|part| is_name(part))
}

/// "Hạnh Nguyên", "Jane Doe", "HOÀI THƯƠNG": 2–5 capitalised words and nothing else.
pub fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=5).contains(&words.len())
        && text.chars().count() <= 40
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        // "Written By", "Posted By": a byline's label over the name, not a name.
        && !words.last().is_some_and(|w| matches!(*w, "By" | "BY"))
        && text.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '’'))
}

/// English function words (a closed set) no name holds; those that are Vietnamese syllables
/// written without their accents ("To", "An", "Do") or initials ("A", "I") are left out.
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "for", "with", "from", "into", "about", "your", "our", "my", "its", "their", "we", "you",
    "us", "this", "that", "these", "is", "are", "how", "what", "why", "when", "where", "not", "or",
];

/// "How To Read A Ferry Timetable", "Contact Us", "Table Of Contents": a title-case heading or call
/// holds a function word; a bare name holds none.
pub fn holds_function_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|word| FUNCTION_WORDS.iter().any(|f| word.eq_ignore_ascii_case(f)))
}

/// "Joel Castleford Transport correspondent" → "Joel Castleford".
pub fn name_with_role(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lower = text.to_lowercase();
    if words.len() > 8 || !ROLES.iter().any(|role| lower.contains(role)) {
        return None;
    }
    // "staff writers": a role noun in the plural names it too.
    let folded: Vec<String> = words
        .iter()
        .map(|w| {
            let w = w.trim_matches(',').to_lowercase();
            w.strip_suffix('s').filter(|single| ROLES.contains(single)).map(str::to_string).unwrap_or(w)
        })
        .collect();
    let role_at = (1..words.len()).find(|&at| {
        ROLES.iter().any(|role| {
            let parts: Vec<&str> = role.split(' ').collect();
            folded
                .get(at..at + parts.len())
                .is_some_and(|found| found.iter().zip(&parts).all(|(a, b)| a == b))
        })
    })?;
    // "Transport correspondent": a capitalised word before the role noun is the desk.
    let mut end = role_at;
    if end >= 3 && words[end - 1].chars().next().is_some_and(char::is_uppercase) {
        end -= 1;
    }
    let name = words[..end].join(" ");
    let name = name.trim_end_matches([',', '-', '–']).trim();
    // "SHIGERU NAKAMORI and AYA TSUCHIDA, Nikkei staff writers": names joined as bylines join them.
    names(name)
}

/// A byline in any of its forms, with the name as the page writes it.
pub fn byline(line: &Line) -> Option<String> {
    author(line.text)
}

/// The author a date line names: before the date ("Hạnh Nguyên - 14/04/2022", "by Cole Brennan -
/// 04/14/22 …"), after it ("Posted on … by Ruth Ankers"), or in a part of its own between middle
/// dots ("Jenna Moreau · CBC News · Posted: …", "April 14, 2022 · 9 min · Ines Kovač").
pub fn byline_in_date(date: &FoundDate) -> Option<String> {
    let labelled = |text: &str| is_update_label(text) || is_publication_label(text);
    // "Ngọc Lam • 22/09/2023": the separator between the name and the date is neither's.
    let before = date.before.trim_end_matches(|c: char| c.is_whitespace() || "•·|-–—".contains(c));
    let before = without_trailing_label(before);
    if !before.is_empty() && !labelled(before) {
        if let Some(name) = author(before) {
            return Some(name);
        }
    }
    if let Some(name) = by_line(&date.after) {
        return Some(name.to_string());
    }
    [&date.before, &date.after]
        .into_iter()
        .filter(|text| text.contains('·'))
        .flat_map(|text| text.split('·'))
        .map(str::trim)
        .find_map(|part| if labelled(part) { None } else { author(part) })
}

/// "By Ada QuillPublished:", "Bo Lind Last Updated:": the date's label after the name, glued
/// to it or not (two elements copied without a space), is not the name's.
fn without_trailing_label(text: &str) -> &str {
    let labelled = |label: &str| {
        let label = label.trim_end_matches(':').trim();
        is_update_label(label) || is_publication_label(label)
    };
    text.char_indices()
        .filter(|&(at, c)| at > 0 && c.is_uppercase())
        .find(|&(at, _)| labelled(&text[at..]))
        .map_or(text, |(at, _)| text[..at].trim_end())
}

/// Title case for a name the page wrote in capitals ("MINH TRIẾT" → "Minh Triết", "DEREK ANSAH
/// and LENA ORTIZ" → "Derek Ansah and Lena Ortiz").
pub fn normalise_name(name: &str) -> String {
    // "ALICE WORTHING AND DEV MALHOTRA": the joining word is in capitals too.
    let joiner = |word: &str| matches!(word.to_lowercase().as_str(), "and" | "và" | "-");
    let capitals = name.split_whitespace().filter(|word| !joiner(word)).all(all_caps);
    if !capitals {
        return name.to_string();
    }
    name.split_whitespace()
        .map(|word| {
            if joiner(word) {
                return word.to_lowercase();
            }
            let mut chars = word.chars();
            let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
            first + &chars.as_str().to_lowercase()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits "TTO - …", "(Dân trí) - …", "SANTA ILARIA, Oct 11 (Reuters) - …" into the source and
/// the rest of the line.
pub fn source_prefix(line: &str) -> Option<(&str, &str)> {
    let Some(found) = SOURCE_PREFIX.captures(line) else {
        return site_name_prefix(line)
            .or_else(|| acronym_with_full_stop(line))
            .or_else(|| domain_in_brackets(line));
    };
    let source = found.get(1).or_else(|| found.get(2))?.as_str().trim();
    let rest = &line[found.get(0)?.end()..];
    (!source.is_empty() && !rest.is_empty()).then_some((source, rest))
}

/// "VTV.vn - Hơn 120 hộ…", "Kinhtedothi - Thành phố…": one word in the site's own case, a
/// spaced dash, and a sentence that starts with a capital.
fn site_name_prefix(line: &str) -> Option<(&str, &str)> {
    // "QĐND Online - …": an acronym in capitals may come first.
    let (name, rest) = match line.split_once(' ')? {
        (acronym, rest)
            if acronym.chars().count() >= 2 && all_caps(acronym) && !rest.starts_with(['-', '–', '|']) =>
        {
            let (word, rest) = rest.split_once(' ')?;
            (line.get(..acronym.len() + 1 + word.len())?, rest)
        }
        found => found,
    };
    let rest = rest.strip_prefix(['-', '–', '|'])?.strip_prefix(' ')?;
    let name_ok = (2..=24).contains(&name.chars().count())
        && name.starts_with(char::is_uppercase)
        && name.chars().all(|c| c.is_alphabetic() || c == '.' || c == ' ');
    (name_ok && rest.starts_with(char::is_uppercase)).then_some((name, rest))
}

/// "(Baodautu.vn) Dự án…", "(CMO) Thay vì…": the site's domain or the paper's initials in
/// brackets, no dash, then the sentence.
fn domain_in_brackets(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.strip_prefix('(')?.split_once(") ")?;
    let domain = name.rsplit_once('.').is_some_and(|(site, tld)| {
        (2..=24).contains(&site.chars().count())
            && site.starts_with(char::is_uppercase)
            && site.chars().all(char::is_alphanumeric)
            && (2..=4).contains(&tld.len())
            && tld.chars().all(|c| c.is_ascii_lowercase())
    });
    ((initials(name) || domain) && rest.starts_with(char::is_uppercase)).then_some((name, rest))
}

/// "TGVN. Bắt đầu với…": an acronym in capitals closed by a full stop, then the sentence (a
/// word of a sentence is never all capitals before its stop).
fn acronym_with_full_stop(line: &str) -> Option<(&str, &str)> {
    let (name, rest) = line.split_once(". ")?;
    (initials(name) && rest.starts_with(char::is_uppercase)).then_some((name, rest))
}

/// "TGVN", "ĐTCK", "GD&TĐ": two to eight capitals.
fn initials(name: &str) -> bool {
    (2..=8).contains(&name.chars().count())
        && name.chars().all(|c| c.is_uppercase() || c == '&')
        && name.chars().filter(|c| c.is_uppercase()).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_and_names() {
        assert_eq!(by_line("By DEREK ANSAH, Transport correspondent"), Some("DEREK ANSAH"));
        assert_eq!(normalise_name("ĐOÀN THỊ MỸ DUYÊN"), "Đoàn Thị Mỹ Duyên");
        assert_eq!(
            name_with_role("Joel Castleford Transport correspondent").as_deref(),
            Some("Joel Castleford")
        );
        assert!(!is_name("Theo dõi Thanh Niên trên"));
        assert_eq!(author("Rebecca Holt in Hanoi").as_deref(), Some("Rebecca Holt"));
        assert_eq!(author("By DEREK ANSAH and LENA ORTIZ").as_deref(), Some("DEREK ANSAH and LENA ORTIZ"));
        assert_eq!(normalise_name("DEREK ANSAH and LENA ORTIZ"), "Derek Ansah and Lena Ortiz");
        assert_eq!(normalise_name("DEREK ANSAH AND LENA ORTIZ"), "Derek Ansah and Lena Ortiz");
        assert_eq!(author("HẢI LĂNG - PHONG ĐIỀN").as_deref(), Some("HẢI LĂNG - PHONG ĐIỀN"));
        assert_eq!(normalise_name("HẢI LĂNG - PHONG ĐIỀN"), "Hải Lăng - Phong Điền");
        assert_eq!(author("Hà Nội - Hải Phòng"), None);
        // Only its place (under the body, beside the date) makes this shape the authors.
        assert!(names_joined_by_dash("Hoàng Thư - Lò Cương"));
        assert!(!names_joined_by_dash("Giá cà phê - tăng mạnh"));
        assert_eq!(author("Asia Pacific markets in focus"), None);
        assert_eq!(by_line("By RAY HOLLIS Staff Writer"), Some("RAY HOLLIS"));
        assert_eq!(author("Tin, ảnh: Quàng Minh Đức").as_deref(), Some("Quàng Minh Đức"));
        assert_eq!(author("Bảo Trâm,").as_deref(), Some("Bảo Trâm"));
        assert_eq!(author("Minh Khôi/VTV-Cần Thơ").as_deref(), Some("Minh Khôi"));
        assert_eq!(author("Thu Hằng/VOV1").as_deref(), Some("Thu Hằng"));
        assert_eq!(author("Giá 90.000 đồng/kg"), None);
        assert_eq!(author("Tiến Khánh (TTXVN)").as_deref(), Some("Tiến Khánh"));
        assert_eq!(without_trailing_label("By Ada QuillPublished:"), "By Ada Quill");
        assert_eq!(without_trailing_label("Bo Lind Last Updated:"), "Bo Lind");
        assert_eq!(without_trailing_label("Bo Lind"), "Bo Lind");
        assert!(!is_name("Written By"));
        assert_eq!(author("Hà Anh (tổng hợp)").as_deref(), Some("Hà Anh"));
        assert_eq!(author("Ruth Okafor, Patch Staff").as_deref(), Some("Ruth Okafor"));
        assert_eq!(by_line("By Chen Hui-ling / Staff reporter"), Some("Chen Hui-ling"));
        assert_eq!(by_line("By Tomasz Wierzbicki & Lena Haupt"), Some("Tomasz Wierzbicki & Lena Haupt"));
        let two = "SHIGERU NAKAMORI and AYA TSUCHIDA, Nikkei staff writers";
        assert_eq!(author(two).as_deref(), Some("SHIGERU NAKAMORI and AYA TSUCHIDA"));
        assert_eq!(author("Thu Hằng (Vietnam+)").as_deref(), Some("Thu Hằng"));
        assert_eq!(author("Hội nghị Trung ương (TW)"), None);
        assert_eq!(author("Write to news@example.com"), None);
        assert_eq!(by_line("By: Cody Hammond"), Some("Cody Hammond"));
        assert_eq!(by_line("ByMara Lindqvist"), Some("Mara Lindqvist"));
        assert_eq!(by_line("By: Delfin Navarro - Correspondent / @DNavarroINQ"), Some("Delfin Navarro"));
        assert_eq!(by_line("Byzantine Walls Reopen"), None);
        assert_eq!(by_line("WRITER: Pattama Srisuk"), Some("Pattama Srisuk"));
        assert_eq!(by_line("Posted by Margaret Hale at 9:14 AM"), Some("Margaret Hale"));
        assert_eq!(by_line("By Talia Okonjo@taliaokonjo Apr 14, 2022, 8:00am EDT"), Some("Talia Okonjo"));
        let long = "By Nadia Kessler, a senior reporter covering transportation, batteries, and the grid.";
        assert_eq!(by_line(long), Some("Nadia Kessler"));
        assert_eq!(by_line("By the time the council met on Monday, most of the town had gone home."), None);
    }

    #[test]
    fn source_prefixes_with_and_without_a_dateline() {
        assert_eq!(source_prefix("BRADEN, Mich. (AP) — Rain fell."), Some(("AP", "Rain fell.")));
        assert_eq!(source_prefix("SANTA ILARIA, Oct 11 (Reuters) - A court"), Some(("Reuters", "A court")));
        assert_eq!(source_prefix("May 9 (UPI) -- A ferry ran"), Some(("UPI", "A ferry ran")));
        assert_eq!(source_prefix("TTO - Một bể bơi"), Some(("TTO", "Một bể bơi")));
        assert_eq!(source_prefix("(Dân trí) - Cầu Suối Mơ"), Some(("Dân trí", "Cầu Suối Mơ")));
        assert_eq!(source_prefix("LĐO | Sáng nay, cầu mới"), Some(("LĐO", "Sáng nay, cầu mới")));
        assert_eq!(source_prefix("Harlow, Ohio (CNN) — For the first"), Some(("CNN", "For the first")));
        // A US dateline in capitals is a place, not a source.
        assert_eq!(source_prefix("KELBY — The school board voted"), None);
        // A site's name in its own case, alone before the dash.
        assert_eq!(source_prefix("VTV.vn - Hơn 120 hộ"), Some(("VTV.vn", "Hơn 120 hộ")));
        assert_eq!(source_prefix("Kinhtedothi - Thành phố"), Some(("Kinhtedothi", "Thành phố")));
        assert_eq!(source_prefix("Sáng 14/4 - người dân"), None);
        assert_eq!(source_prefix("GD&TĐ - Mỗi chiều"), Some(("GD&TĐ", "Mỗi chiều")));
        assert_eq!(source_prefix("(ĐTCK) Nhóm cổ phiếu"), Some(("ĐTCK", "Nhóm cổ phiếu")));
        assert_eq!(source_prefix("(Ảnh minh họa) Người dân"), None);
        assert_eq!(source_prefix("TGVN. Bắt đầu với"), Some(("TGVN", "Bắt đầu với")));
        assert_eq!(source_prefix("A. Lincoln spoke"), None);
        assert_eq!(source_prefix("QĐND Online - Trong tuần"), Some(("QĐND Online", "Trong tuần")));
        assert_eq!(source_prefix("(Baodautu.vn) Dự án cảng"), Some(("Baodautu.vn", "Dự án cảng")));
        assert_eq!(source_prefix("(Ảnh minh họa) Dự án cảng"), None);
    }
}
