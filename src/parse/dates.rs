//! Dates as news pages write them: "14/04/2022 17:06", "Thứ năm, 14/4/2022, 17:06 (GMT+7)",
//! "14 April 2022", "Thu 14 Apr 2022 17.06 BST", ISO 8601. Vietnamese pages are day/month/year.

use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, NaiveTime};
use regex::Regex;

use crate::article::Published;

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december\
    |jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";

/// Month names and their abbreviations, lower case.
pub const MONTH_NAMES: [&str; 24] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b").expect("date pattern"));
/// "04/14/22 6:00 AM ET": a two-digit year, read only when a time follows (a fraction or a
/// reference number has none).
static NUMERIC_SHORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})/(\d{1,2})/(\d{2})\s+\d{1,2}[:h.]\d{2}").expect("short date"));
static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?\b",
    )
    .expect("iso pattern")
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})\b"))
        .expect("dm pattern")
});
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"))
        .expect("md pattern")
});
static VI_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:ngày\s+)?\b(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})").expect("vi pattern")
});
/// A time after the date: "17:06", "17h06", "17.06", with am/pm and a zone.
static TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,\-–—|·•/@]*(?:lúc\s+|at\s+)?(?P<h>\d{1,2})(?:[:h.](?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ap>[ap]\.?m\.?))?|\s*(?P<ap2>[ap]\.?m\.?))\b")
        .expect("time")
});
static ZONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,.]*[(\[]?\s*(?:(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|(BST|GMT|UTC|ICT|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|AST|ADT|ET|CT|MT|PT|JST|SGT|HKT|KST|IST|PKT|AEST|AEDT|AWST|NZST|NZDT|SAST|EAT|PHT|MYT|WIB|Z))\b\s*[)\]]?")
        .expect("zone")
});
/// A time anywhere: the last one before a date may be its time ("08:15 14/04/2022",
/// "5:06 PM EDT, June 9, 2022").
static ANY_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<h>\d{1,2})[:h](?P<m>\d{2})(?:\s*(?P<ap>[ap]\.?m\.?))?").expect("any time")
});
/// What may come between a time (and its zone) and the date after it.
static TIME_GAP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s,|·–-]*(?:ngày\s*|(?:thứ\s+\S+|chủ\s+nhật)[\s,]*(?:ngày\s*)?|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[\s,]*)?$").expect("gap")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(thứ\s+(hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\b\.?",
    )
    .expect("weekday")
});

/// A date found in a line, and the text around it.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    pub published: Published,
    /// The text before the date, weekday and separators removed ("Tin tức", "Hạnh Nguyên -").
    pub before: String,
    /// The text after the date, time and zone.
    pub after: String,
}

/// Hours and minutes (and seconds), with am/pm: "5:06 PM" → 17:06.
fn clock(found: &regex::Captures) -> Option<NaiveTime> {
    let mut hour: u32 = found.name("h")?.as_str().parse().ok()?;
    // "6 AM ET": a whole hour may be written without its minutes.
    let minute: u32 = found.name("m").map_or(Some(0), |m| m.as_str().parse().ok())?;
    let second: u32 = found.name("s").map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(meridiem) = found.name("ap").or_else(|| found.name("ap2")) {
        let pm = meridiem.as_str().to_lowercase().starts_with('p');
        hour = match (hour, pm) {
            (12, false) => 0,
            (h, true) if h < 12 => h + 12,
            (h, _) => h,
        };
    }
    NaiveTime::from_hms_opt(hour, minute, second)
}

/// A line that is only a time, maybe with its zone ("9:42 PM GMT+7"): the date's line above it
/// lacks one. The zone's offset is taken on `date` (US zones change in summer).
pub fn find_time(line: &str) -> Option<(NaiveTime, Option<FixedOffset>)> {
    if line.len() > 40 {
        return None;
    }
    let found = TIME.captures(line)?;
    let time = clock(&found)?;
    let rest = &line[found.get(0)?.end()..];
    let (offset, rest) = match ZONE.captures(rest) {
        Some(zone) => (zone_offset(&zone, None), &rest[zone.get(0)?.end()..]),
        None => (None, rest),
    };
    rest.trim().is_empty().then_some((time, offset))
}

/// A line that is only a zone ("(GMT+7)"): the date and time on the line above it are in it.
pub fn find_zone(line: &str, date: NaiveDate) -> Option<FixedOffset> {
    let found =
        ZONE.captures(line).filter(|found| found.get(0).is_some_and(|all| all.len() == line.len()))?;
    zone_offset(&found, Some(date))
}

/// The time (and zone) that ends `before`, and where it starts.
fn time_before(before: &str, date: NaiveDate) -> Option<(NaiveTime, Option<FixedOffset>, usize)> {
    let found = ANY_TIME.captures_iter(before).last()?;
    let whole = found.get(0)?;
    let mut rest = &before[whole.end()..];
    let mut offset = None;
    if let Some(zone) = ZONE.captures(rest) {
        offset = zone_offset(&zone, Some(date));
        rest = &rest[zone.get(0)?.end()..];
    }
    TIME_GAP.is_match(rest).then_some((clock(&found)?, offset, whole.start()))
}

/// The first date in `line`, with its time and zone when they follow it (or a time before it).
pub fn find_date(line: &str) -> Option<FoundDate> {
    match run_on_year(line) {
        Some(at) => find_date_in(&format!("{} {}", &line[..at], &line[at..])),
        None => find_date_in(line),
    }
}

/// The longest line in which a year running into a word is looked for.
const MAX_RUN_ON_LINE: usize = 160;

/// Where a year runs into what follows it, two elements of the page copied without a space:
/// a time ("November 29, 20235:02 AM ET") or a word ("June 29, 2020November 12, 2021", a
/// publication and an update; "…, 2016Jane Doe").
fn run_on_year(line: &str) -> Option<usize> {
    year_then_time(line).or_else(|| year_then_word(line))
}

/// The time's start, when the four digits before it look like a year (19xx or 20xx).
fn year_then_time(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let colon = bytes.iter().position(|&b| b == b':')?;
    let digits = bytes[..colon].iter().rev().take_while(|b| b.is_ascii_digit()).count();
    if !(5..=6).contains(&digits) {
        return None;
    }
    let year = colon - digits;
    looks_like_year(&bytes[year..year + 4]).then_some(year + 4)
}

/// Four digits of this century or the last (19xx, 20xx).
fn looks_like_year(four: &[u8]) -> bool {
    matches!(four, [b'1', b'9', ..] | [b'2', b'0', ..]) && four.iter().all(u8::is_ascii_digit)
}

/// The first capital letter right after a year (four digits, 19xx or 20xx, no fifth before), on
/// a line short enough to be a date's (a paragraph's bytes are most of every file's).
fn year_then_word(line: &str) -> Option<usize> {
    if line.len() > MAX_RUN_ON_LINE {
        return None;
    }
    let bytes = line.as_bytes();
    (4..bytes.len()).find(|&at| {
        looks_like_year(&bytes[at - 4..at])
            && (at == 4 || !bytes[at - 5].is_ascii_digit())
            && line[at..].starts_with(char::is_uppercase)
    })
}

fn find_date_in(line: &str) -> Option<FoundDate> {
    let (date, mut start, mut end, mut time, mut offset) = match_date(line)?;
    if time.is_none() {
        if let Some(found) = TIME.captures(&line[end..]) {
            if let Some(parsed) = clock(&found) {
                time = Some(parsed);
                end += found.get(0).map_or(0, |m| m.end());
            }
        }
    }
    if time.is_none() {
        if let Some((parsed, zone, at)) = time_before(&line[..start], date) {
            time = Some(parsed);
            offset = offset.or(zone);
            start = at;
        }
    }
    if let (Some(_), None) = (time, offset) {
        if let Some(found) = ZONE.captures(&line[end..]) {
            offset = zone_offset(&found, Some(date));
            end += found.get(0).map_or(0, |m| m.end());
        }
    }
    let before = WEEKDAY.replace_all(&line[..start], "");
    Some(FoundDate {
        published: Published { date, time, offset: time.and(offset) },
        before: trim_separators(&before).to_string(),
        after: trim_separators(&line[end..]).to_string(),
    })
}

type DateMatch = (NaiveDate, usize, usize, Option<NaiveTime>, Option<FixedOffset>);

fn match_date(line: &str) -> Option<DateMatch> {
    // Every form has a four-digit year: most lines have none, and five regexes with captures
    // on every header line of every file was a twentieth of indexing.
    if !line.as_bytes().windows(4).any(|four| four.iter().all(u8::is_ascii_digit)) {
        return short_year(line);
    }
    if let Some(found) = ISO.captures(line) {
        let date = ymd(&found[1], &found[2], &found[3])?;
        let time = match (found.get(4), found.get(5)) {
            (Some(h), Some(m)) => {
                NaiveTime::from_hms_opt(h.as_str().parse().ok()?, m.as_str().parse().ok()?, 0)
            }
            _ => None,
        };
        let offset = found.get(6).and_then(|zone| parse_offset(zone.as_str()));
        let whole = found.get(0)?;
        return Some((date, whole.start(), whole.end(), time, offset));
    }
    let candidates = [
        // Day first; "04/14/2022" (a US page) has no month 14, so it is month first.
        NUMERIC
            .captures(line)
            .and_then(|c| Some((ymd(&c[3], &c[2], &c[1]).or_else(|| ymd(&c[3], &c[1], &c[2]))?, c.get(0)?))),
        VI_WORDS.captures(line).and_then(|c| Some((ymd(&c[3], &c[2], &c[1])?, c.get(0)?))),
        DAY_MONTH.captures(line).and_then(|c| Some((ymd(&c[3], &month_number(&c[2])?, &c[1])?, c.get(0)?))),
        MONTH_DAY.captures(line).and_then(|c| Some((ymd(&c[3], &month_number(&c[1])?, &c[2])?, c.get(0)?))),
    ];
    let (date, whole) = candidates.into_iter().flatten().min_by_key(|(_, whole)| whole.start())?;
    Some((date, whole.start(), whole.end(), None, None))
}

/// "04/14/22 6:00 AM": month or day first as for four-digit years, in this century.
fn short_year(line: &str) -> Option<DateMatch> {
    if !line.contains('/') {
        return None;
    }
    let found = NUMERIC_SHORT.captures(line)?;
    let year = format!("20{}", &found[3]);
    let date = ymd(&year, &found[2], &found[1]).or_else(|| ymd(&year, &found[1], &found[2]))?;
    let whole = found.get(3)?;
    Some((date, found.get(0)?.start(), whole.end(), None, None))
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn month_number(name: &str) -> Option<String> {
    let prefix: String = name.to_lowercase().chars().take(3).collect();
    let index = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .iter()
        .position(|m| *m == prefix)?;
    Some((index + 1).to_string())
}

/// Whether US daylight saving time is on that day: from the second Sunday of March to the
/// first Sunday of November.
fn us_summer(date: NaiveDate) -> bool {
    use chrono::{Datelike, Weekday};
    let sunday =
        |month: u32, nth: u8| NaiveDate::from_weekday_of_month_opt(date.year(), month, Weekday::Sun, nth);
    match (sunday(3, 2), sunday(11, 1)) {
        (Some(from), Some(to)) => date >= from && date < to,
        _ => false,
    }
}

fn zone_offset(found: &regex::Captures, date: Option<NaiveDate>) -> Option<FixedOffset> {
    if let (Some(sign), Some(hours)) = (found.get(1), found.get(2)) {
        let minutes: i32 = found.get(3).map_or(Some(0), |m| m.as_str().parse().ok())?;
        let seconds = hours.as_str().parse::<i32>().ok()? * 3600 + minutes * 60;
        return FixedOffset::east_opt(if sign.as_str() == "-" { -seconds } else { seconds });
    }
    let summer = date.is_some_and(us_summer);
    if found.get(4)?.as_str().eq_ignore_ascii_case("IST") {
        // India: five and a half hours.
        return FixedOffset::east_opt(5 * 3600 + 1800);
    }
    let hours = match found.get(4)?.as_str().to_uppercase().as_str() {
        "BST" | "CET" => 1,
        "CEST" => 2,
        "ICT" => 7,
        "SGT" | "HKT" | "PHT" | "MYT" => 8,
        "WIB" => 7,
        "PKT" => 5,
        "JST" | "KST" => 9,
        "AEST" => 10,
        "AEDT" => 11,
        "AWST" => 8,
        "NZST" => 12,
        "NZDT" => 13,
        "SAST" => 2,
        "EAT" => 3,
        "AST" => -4,
        "ADT" => -3,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        "ET" => -5 + i32::from(summer),
        "CT" => -6 + i32::from(summer),
        "MT" => -7 + i32::from(summer),
        "PT" => -8 + i32::from(summer),
        _ => 0,
    };
    FixedOffset::east_opt(hours * 3600)
}

/// "+07:00", "+0700", "Z".
fn parse_offset(text: &str) -> Option<FixedOffset> {
    if text.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..4).unwrap_or("0").parse().ok()?;
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}

fn trim_separators(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || ",-–—|·:()".contains(c))
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
