//! The one model every layer shares: an article parsed from a saved file.

use std::cmp::Ordering;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The kinds of file newsdesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    PageDump,
    Plain,
    Markdown,
    Html,
    Json,
    /// A page saved by a browser as MHTML (`.mhtml`, `.mht`).
    Mhtml,
    /// A page saved by Safari (`.webarchive`).
    WebArchive,
    /// A page from a web archive's crawl (a WARC record).
    Warc,
    /// An article with its text from a read-it-later service's export (Omnivore, wallabag).
    Export,
    /// A link a read-it-later service or a browser kept without its text (Pocket, Instapaper,
    /// bookmarks): listed as not saved unless the library holds a copy of its URL.
    Reference,
    /// A chapter of an EPUB book (a wallabag, Shiori or Readeck export).
    Epub,
}

impl Format {
    pub const ALL: [Format; 11] = [
        Format::PageDump,
        Format::Plain,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Mhtml,
        Format::WebArchive,
        Format::Warc,
        Format::Export,
        Format::Reference,
        Format::Epub,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::PageDump => "page_dump",
            Format::Plain => "plain",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Mhtml => "mhtml",
            Format::WebArchive => "webarchive",
            Format::Warc => "warc",
            Format::Export => "export",
            Format::Reference => "reference",
            Format::Epub => "epub",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|format| format.as_str() == name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When an article was published: a date, maybe a time, maybe the page's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Published {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub offset: Option<FixedOffset>,
}

impl Published {
    pub fn date(date: NaiveDate) -> Self {
        Published { date, time: None, offset: None }
    }

    pub fn date_time(date: NaiveDate, time: NaiveTime) -> Self {
        Published { date, time: Some(time), offset: None }
    }

    /// The instant for sorting and date ranges: the page's own clock when it names no zone.
    pub fn to_utc(&self) -> DateTime<Utc> {
        let naive = NaiveDateTime::new(self.date, self.time.unwrap_or(NaiveTime::MIN));
        match self.offset.and_then(|zone| zone.from_local_datetime(&naive).single()) {
            Some(zoned) => zoned.with_timezone(&Utc),
            None => Utc.from_utc_datetime(&naive),
        }
    }

    /// ISO 8601: `2022-04-14`, `2022-04-14T17:06:00` or `2022-04-14T17:06:00+07:00`.
    pub fn to_iso(&self) -> String {
        let mut text = self.date.format("%Y-%m-%d").to_string();
        if let Some(time) = self.time {
            text.push_str(&time.format("T%H:%M:%S").to_string());
            if let Some(offset) = self.offset {
                text.push_str(&offset.to_string());
            }
        }
        text
    }

    /// Parses what `to_iso` writes, and RFC 3339 / common ISO variants.
    pub fn parse_iso(text: &str) -> Option<Published> {
        let text = text.trim();
        if let Ok(zoned) = DateTime::parse_from_rfc3339(text) {
            return Some(Published {
                date: zoned.date_naive(),
                time: Some(zoned.time()),
                offset: Some(*zoned.offset()),
            });
        }
        for layout in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
            if let Ok(zoned) = DateTime::parse_from_str(text, layout) {
                return Some(Published {
                    date: zoned.date_naive(),
                    time: Some(zoned.time()),
                    offset: Some(*zoned.offset()),
                });
            }
        }
        for layout in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, layout) {
                return Some(Published::date_time(naive.date(), naive.time()));
            }
        }
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().map(Published::date)
    }

    /// Short human form for lists: `2022-04-14 17:06`.
    pub fn short(&self) -> String {
        match self.time {
            Some(time) => format!("{} {}", self.date.format("%Y-%m-%d"), time.format("%H:%M")),
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The list order: newest first, undated last, ties by title then path so it is stable.
pub fn newest_first(a: (Option<Published>, &str, &Path), b: (Option<Published>, &str, &Path)) -> Ordering {
    b.0.map(|p| p.to_utc())
        .cmp(&a.0.map(|p| p.to_utc()))
        .then_with(|| a.1.cmp(b.1))
        .then_with(|| a.2.cmp(b.2))
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

impl Serialize for Published {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_iso())
    }
}

impl<'de> Deserialize<'de> for Published {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Published::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not an ISO 8601 date: {text:?}")))
    }
}

/// The kinds of body block a reader renders differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Heading,
    Caption,
    Quote,
    ListItem,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block { kind, text: text.into() }
    }

    pub fn paragraph(text: impl Into<String>) -> Self {
        Block::new(BlockKind::Paragraph, text)
    }
}

/// A link to another article, from the page's related / read-more block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelatedLink {
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub published: Option<Published>,
    #[serde(default)]
    pub summary: Option<String>,
}

impl RelatedLink {
    pub fn titled(title: impl Into<String>) -> Self {
        RelatedLink { title: title.into(), url: None, category: None, published: None, summary: None }
    }
}

/// Where an article is: its file, and in a file of many articles the member (see
/// [`Article::member`]). The reader opens, remembers and goes back to addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Address {
    pub path: PathBuf,
    pub member: Option<String>,
}

impl Address {
    /// The article of a file that holds one.
    pub fn file(path: impl Into<PathBuf>) -> Address {
        Address { path: path.into(), member: None }
    }

    /// The member `member` of the file at `path`.
    pub fn member(path: impl Into<PathBuf>, member: impl Into<String>) -> Address {
        Address { path: path.into(), member: Some(member.into()) }
    }

    /// The address made safe to print (see [`crate::shown::shown_address`]).
    pub fn shown(&self) -> String {
        crate::shown::shown_address(&self.path, self.member.as_deref())
    }
}

impl From<&Path> for Address {
    fn from(path: &Path) -> Address {
        Address::file(path)
    }
}

impl From<&PathBuf> for Address {
    fn from(path: &PathBuf) -> Address {
        Address::file(path)
    }
}

impl From<PathBuf> for Address {
    fn from(path: PathBuf) -> Address {
        Address::file(path)
    }
}

impl From<&Address> for Address {
    fn from(address: &Address) -> Address {
        address.clone()
    }
}

/// An article as every layer sees it. `show --json` prints exactly this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Written as text: lossy for a name that is not UTF-8, which a JSON string cannot hold.
    #[serde(serialize_with = "path_as_text")]
    pub path: PathBuf,
    /// Where in its file the article is, when the file holds many (a WARC record's id, a zip
    /// entry's name): the file's path and this are the article's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub format: Format,
    pub title: String,
    pub published: Option<Published>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lead: Option<String>,
    pub body: Vec<Block>,
    pub related: Vec<RelatedLink>,
    pub warnings: Vec<String>,
    /// What a read-it-later service knew of it, when it came from an export.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shelf: Option<Shelf>,
}

/// What a read-it-later service kept of an article besides its text: its state there, when it
/// was saved, and the passages the reader highlighted. Read-only: it comes from the library.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shelf {
    /// The service (or browser) whose export it is: `omnivore`, `wallabag`, `pocket`, …
    pub service: String,
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub starred: bool,
    #[serde(default)]
    pub saved: Option<Published>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub highlights: Vec<Quote>,
}

/// A passage highlighted in a read-it-later service, and the note written beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn path_as_text<S: serde::Serializer>(path: &std::path::Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

impl Article {
    pub fn address(&self) -> Address {
        Address { path: self.path.clone(), member: self.member.clone() }
    }

    /// True when this is the article at `address`.
    pub fn is_at(&self, address: &Address) -> bool {
        self.path == address.path && self.member == address.member
    }

    pub fn new(path: impl Into<PathBuf>, format: Format, title: impl Into<String>) -> Self {
        Article {
            path: path.into(),
            member: None,
            format,
            title: title.into(),
            published: None,
            category: None,
            tags: Vec::new(),
            author: None,
            source: None,
            url: None,
            lead: None,
            body: Vec::new(),
            related: Vec::new(),
            warnings: Vec::new(),
            shelf: None,
        }
    }

    /// Takes on what the references to it (links to the same URL kept by a read-it-later
    /// service) say: their tags, archived and starred states, and highlights.
    pub fn attach(&mut self, references: Vec<Article>) {
        for reference in references {
            for tag in reference.tags {
                if !self.tags.contains(&tag) {
                    self.tags.push(tag);
                }
            }
            let Some(theirs) = reference.shelf else { continue };
            let shelf = self
                .shelf
                .get_or_insert_with(|| Shelf { service: theirs.service.clone(), ..Shelf::default() });
            if !shelf.service.split(", ").any(|service| service == theirs.service) {
                shelf.service = format!("{}, {}", shelf.service, theirs.service);
            }
            shelf.archived |= theirs.archived;
            shelf.starred |= theirs.starred;
            shelf.saved = shelf.saved.or(theirs.saved);
            for quote in theirs.highlights {
                if !shelf.highlights.contains(&quote) {
                    shelf.highlights.push(quote);
                }
            }
        }
    }

    /// The body as plain text, blocks separated by blank lines (for indexing and snippets).
    pub fn body_text(&self) -> String {
        let mut text = String::new();
        for block in &self.body {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&block.text);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_round_trips_through_iso() {
        let date = NaiveDate::from_ymd_opt(2022, 4, 14).unwrap();
        let time = NaiveTime::from_hms_opt(17, 6, 0).unwrap();
        let zoned = Published { date, time: Some(time), offset: FixedOffset::east_opt(7 * 3600) };
        for published in [Published::date(date), Published::date_time(date, time), zoned] {
            assert_eq!(Published::parse_iso(&published.to_iso()), Some(published));
        }
        assert_eq!(zoned.to_iso(), "2022-04-14T17:06:00+07:00");
        assert_eq!(zoned.to_utc().format("%H:%M").to_string(), "10:06");
    }
}
