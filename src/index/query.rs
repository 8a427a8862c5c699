//! The query language, read by hand (never by tantivy's QueryParser): words are ANDed,
//! `"a phrase"`, `-word`, `a OR b`, `title:` `author:` `tag:` `category:` `source:`, and
//! `after:` `before:` `on:` with `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, and `is:archived`,
//! `is:starred` (an article's state in the read-it-later service it came from), `is:unread`
//! (neither read in newsdesk nor archived in its service). Dates are inclusive:
//! `after:2022-04` keeps April 2022 and later, `before:2022` keeps 2022 and earlier.
//! Anything else is text; an unclosed quote runs to the end.

use chrono::{Datelike, NaiveDate};

use super::document::day_number;
use super::types::QueryError;
use crate::strings::{fill, text};

/// More clauses than this is not a search but pasted text: say so instead of working hard.
pub const MAX_CLAUSES: usize = 32;

/// What `is:` asks about.
pub const STATES: [&str; 3] = ["archived", "starred", "unread"];

/// Which fields a text clause looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Any,
    Title,
    Author,
    Tag,
    Category,
    Source,
    /// The reader's notes (`note:`), from the notes store.
    Note,
    /// The reader's highlighted passages (`highlight:`).
    Highlight,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    /// Text to analyse; `phrase` keeps its words together and in order.
    Text { scope: Scope, text: String, phrase: bool },
    /// Publication days, inclusive, as day numbers (`None`: open).
    Days { from: Option<i64>, to: Option<i64> },
    /// A state in a read-it-later service: one of [`STATES`].
    State(&'static str),
}

/// One required (or, negated, excluded) condition: any of its alternatives (`a OR b`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub negated: bool,
    pub alternatives: Vec<Clause>,
}

pub fn parse(input: &str) -> Result<Vec<Item>, QueryError> {
    let chars: Vec<char> = input.chars().collect();
    let mut at = 0;
    let mut items: Vec<Item> = Vec::new();
    let mut pending_or = false;
    while at < chars.len() {
        if chars[at].is_whitespace() {
            at += 1;
            continue;
        }
        let negated = chars[at] == '-' && chars.get(at + 1).is_some_and(|c| !c.is_whitespace());
        if negated || chars[at] == '+' {
            at += 1;
        }
        let (clause, bare_or) = read_clause(&chars, &mut at)?;
        if bare_or && !negated {
            pending_or = !items.is_empty();
            continue;
        }
        let Some(clause) = clause else { continue };
        match items.last_mut() {
            Some(last) if pending_or && !negated && !last.negated => last.alternatives.push(clause),
            _ => items.push(Item { negated, alternatives: vec![clause] }),
        }
        pending_or = false;
        if items.len() > MAX_CLAUSES {
            return Err(QueryError(fill(text().query_too_long, &[("max", &MAX_CLAUSES)])));
        }
    }
    Ok(items)
}

/// Reads one clause at `at`; the flag is set for a bare `OR`.
fn read_clause(chars: &[char], at: &mut usize) -> Result<(Option<Clause>, bool), QueryError> {
    if chars.get(*at) == Some(&'"') {
        let text = read_quoted(chars, at);
        return Ok((Some(Clause::Text { scope: Scope::Any, text, phrase: true }), false));
    }
    let start = *at;
    while *at < chars.len() && !chars[*at].is_whitespace() && chars[*at] != ':' {
        *at += 1;
    }
    let name: String = chars[start..*at].iter().collect();
    if chars.get(*at) != Some(&':') {
        if name == "OR" {
            return Ok((None, true));
        }
        return Ok((Some(Clause::Text { scope: Scope::Any, text: name, phrase: false }), false));
    }
    *at += 1;
    let quoted = chars.get(*at) == Some(&'"');
    let value = if quoted { read_quoted(chars, at) } else { read_word(chars, at) };
    let scope = match name.to_lowercase().as_str() {
        "title" => Scope::Title,
        "author" | "by" => Scope::Author,
        "tag" | "tags" => Scope::Tag,
        "category" | "cat" => Scope::Category,
        "source" | "site" => Scope::Source,
        "note" | "notes" => Scope::Note,
        "highlight" | "highlights" | "hl" => Scope::Highlight,
        date @ ("after" | "before" | "on") => return Ok((date_clause(date, &value)?, false)),
        "is" => return Ok((state_clause(&value)?, false)),
        // Not a field: the whole thing is text ("a:b" searches a and b).
        _ => {
            let text = format!("{name} {value}");
            return Ok((Some(Clause::Text { scope: Scope::Any, text, phrase: quoted }), false));
        }
    };
    Ok((Some(Clause::Text { scope, text: value, phrase: quoted }), false))
}

/// `is:` with one of [`STATES`]; an empty value (still being typed) adds nothing.
fn state_clause(value: &str) -> Result<Option<Clause>, QueryError> {
    if value.is_empty() {
        return Ok(None);
    }
    let wanted = value.to_lowercase();
    match STATES.iter().find(|state| **state == wanted) {
        Some(state) => Ok(Some(Clause::State(state))),
        None => {
            let (quoted, states) = (format!("{value:?}"), STATES.join(", "));
            Err(QueryError(fill(text().query_bad_state, &[("value", &quoted), ("states", &states)])))
        }
    }
}

fn read_word(chars: &[char], at: &mut usize) -> String {
    let start = *at;
    while *at < chars.len() && !chars[*at].is_whitespace() {
        *at += 1;
    }
    chars[start..*at].iter().collect()
}

/// Text between quotes starting at the opening quote; an unclosed quote runs to the end.
fn read_quoted(chars: &[char], at: &mut usize) -> String {
    *at += 1;
    let start = *at;
    while *at < chars.len() && chars[*at] != '"' {
        *at += 1;
    }
    let text = chars[start..*at].iter().collect();
    *at = (*at + 1).min(chars.len());
    text
}

/// `after:`/`before:`/`on:` with a day, month or year. An empty value (still being typed) adds
/// nothing.
fn date_clause(kind: &str, value: &str) -> Result<Option<Clause>, QueryError> {
    if value.is_empty() {
        return Ok(None);
    }
    let (first, last) = date_span(value).ok_or_else(|| {
        let quoted = format!("{value:?}");
        QueryError(fill(text().query_bad_date, &[("field", &kind), ("value", &quoted)]))
    })?;
    let (first, last) = (day_number(first), day_number(last));
    Ok(Some(match kind {
        "after" => Clause::Days { from: Some(first), to: None },
        "before" => Clause::Days { from: None, to: Some(last) },
        _ => Clause::Days { from: Some(first), to: Some(last) },
    }))
}

/// The first and last day of `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
pub fn date_span(value: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = value.split('-').collect();
    let number = |text: &str, digits: usize| -> Option<u32> {
        (text.len() == digits && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok())?
    };
    let year = number(parts.first()?, 4)? as i32;
    match parts.len() {
        1 => Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?)),
        2 => {
            let first = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, number(parts[1], 2)?, number(parts[2], 2)?)?;
            debug_assert_eq!(day.year(), year);
            Some((day, day))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(scope: Scope, text: &str, phrase: bool) -> Clause {
        Clause::Text { scope, text: text.into(), phrase }
    }

    #[test]
    fn is_names_a_state_and_refuses_others() {
        let items = parse("is:Archived -is:starred tag:x").unwrap();
        assert_eq!(items[0].alternatives, vec![Clause::State("archived")]);
        assert!(items[1].negated);
        assert_eq!(items[1].alternatives, vec![Clause::State("starred")]);
        assert!(parse("is:").unwrap().is_empty());
        assert!(parse("is:gone").unwrap_err().0.contains("unread"));
    }

    #[test]
    fn words_phrases_exclusions_and_or() {
        let items = parse(r#"bão "miền Trung" -lũ a OR b"#).unwrap();
        assert_eq!(items.len(), 4);
        assert_eq!(items[1].alternatives, vec![text(Scope::Any, "miền Trung", true)]);
        assert!(items[2].negated);
        assert_eq!(items[3].alternatives, vec![text(Scope::Any, "a", false), text(Scope::Any, "b", false)]);
    }

    #[test]
    fn fields_and_unknown_prefixes() {
        let items = parse(r#"title:"Hà Nội" author:lan tag:x category:y source:z foo:bar"#).unwrap();
        let scopes: Vec<_> = items
            .iter()
            .map(|item| match &item.alternatives[0] {
                Clause::Text { scope, .. } => *scope,
                Clause::Days { .. } | Clause::State(_) => unreachable!(),
            })
            .collect();
        assert_eq!(
            scopes,
            [Scope::Title, Scope::Author, Scope::Tag, Scope::Category, Scope::Source, Scope::Any]
        );
        assert_eq!(items[5].alternatives[0], text(Scope::Any, "foo bar", false));
    }

    #[test]
    fn date_forms_are_inclusive_spans() {
        let day = |y, m, d| day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        let items = parse("on:2022-04 after:2022 before:2022-04-14").unwrap();
        assert_eq!(
            items[0].alternatives[0],
            Clause::Days { from: Some(day(2022, 4, 1)), to: Some(day(2022, 4, 30)) }
        );
        assert_eq!(items[1].alternatives[0], Clause::Days { from: Some(day(2022, 1, 1)), to: None });
        assert_eq!(items[2].alternatives[0], Clause::Days { from: None, to: Some(day(2022, 4, 14)) });
        assert_eq!(date_span("2024-02").unwrap().1, NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
    }

    #[test]
    fn bad_dates_are_clear_errors_and_half_typed_ones_are_ignored() {
        let err = parse("after:2022-13-01").unwrap_err();
        assert!(err.0.contains("after: expects a date"), "{err}");
        assert!(parse("on:22").is_err());
        assert!(parse("bão after:").unwrap().len() == 1);
    }

    #[test]
    fn unbalanced_quotes_and_stray_signs() {
        assert_eq!(parse("\"ha noi").unwrap()[0].alternatives[0], text(Scope::Any, "ha noi", true));
        assert_eq!(parse("- * a:(^").unwrap().len(), 3);
        assert!(parse(&"w ".repeat(MAX_CLAUSES + 1)).is_err());
    }
}
