//! The index's data types: what the commands and the reader get back from it.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;
use std::time::Duration;

use crate::article::{Article, Format, Published, RelatedLink};
use crate::scan::Skipped;

/// An article as the list and the search results show it. Stored as JSON (without the path,
/// which the index keeps as its key) in a fast column, so the list needs no doc store.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ArticleSummary {
    /// The file's path: the library folder joined with its path inside the library.
    #[serde(skip)]
    pub path: PathBuf,
    /// Its place in a file of many articles (see [`Article::member`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub title: String,
    #[serde(default)]
    pub published: Option<Published>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    pub format: Format,
}

impl ArticleSummary {
    pub fn address(&self) -> crate::article::Address {
        crate::article::Address { path: self.path.clone(), member: self.member.clone() }
    }

    /// What the list and the hits show of `article`.
    pub fn of(article: &Article) -> Self {
        ArticleSummary {
            path: article.path.clone(),
            member: article.member.clone(),
            title: article.title.clone(),
            published: article.published,
            category: article.category.clone(),
            source: article.source.clone(),
            author: article.author.clone(),
            format: article.format,
        }
    }
}

/// A saved article like another one, and how close: its score as a share of the other
/// article's score against its own words (1.0 would be the article itself).
#[derive(Debug, Clone)]
pub struct SimilarArticle {
    pub article: ArticleSummary,
    pub closeness: f32,
}

/// A highlighted piece of text: byte ranges of `text` to emphasise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

#[derive(Debug, Clone)]
pub struct Hit {
    pub article: ArticleSummary,
    pub score: f32,
    pub snippet: Snippet,
    /// The story it belongs to (see `list --json`).
    pub story: Option<String>,
    /// Other copies of its story that matched too, folded under it (best first).
    pub copies: Vec<ArticleSummary>,
}

#[derive(Debug, Clone)]
pub struct SearchResults {
    pub query: String,
    /// All matching articles, not only the ones returned.
    pub total: usize,
    pub took: Duration,
    pub hits: Vec<Hit>,
    /// The query's positive terms, for highlighting in the reader with [`highlight_ranges`]: a
    /// phrase is one term, its words joined by spaces.
    pub terms: Vec<String>,
}

/// How a related link found its saved article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResolvedBy {
    Url,
    Title,
    Search,
}

#[derive(Debug, Clone)]
pub struct ResolvedLink {
    pub link: RelatedLink,
    pub target: Option<ArticleSummary>,
    pub by: Option<ResolvedBy>,
}

impl ResolvedLink {
    /// `link` shown as not saved: no index to resolve it with, or none that could be read.
    pub fn unresolved(link: &RelatedLink) -> ResolvedLink {
        ResolvedLink { link: link.clone(), target: None, by: None }
    }
}

/// How much of the library a refresh looks at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every file, stat-ed: catches a file edited in place.
    Everything,
    /// The folders whose modification time changed since the last refresh (none: nothing).
    Changed,
    /// These files and folders (folders recursively), as a watch reports them.
    Paths(Vec<PathBuf>),
}

#[derive(Debug, Clone)]
pub struct RefreshOptions {
    /// Throw the index away and build it anew.
    pub rebuild: bool,
    /// Verify every index file against its checksum first, whatever the record says.
    pub verify: bool,
    pub scope: Scope,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Scanning,
    Parsing,
    Committing,
}

#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Default, Clone)]
pub struct RefreshSummary {
    pub seen: usize,
    pub added: usize,
    pub updated: usize,
    pub removed: usize,
    pub renamed: usize,
    pub unchanged: usize,
    /// Unchanged page dumps parsed again because their site's learned furniture changed.
    pub relearned: usize,
    pub skipped: Vec<Skipped>,
    /// What it cost: files whose metadata the walk read, files read (hashed, parsed), and
    /// whether every file of the index was checked against its checksum.
    pub files_looked_at: usize,
    pub files_read: usize,
    pub verified: bool,
    /// Whether every file of the library was looked at (the full check), not only those in
    /// the folders whose time changed (the cheap check).
    pub every_file: bool,
    pub took: Duration,
    /// What the refresh had to do besides (rebuilding a damaged index), to tell the user.
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub enum IndexError {
    /// Another process holds the writer.
    Busy,
    /// Opened read-only (busy or unwritable cache): refreshing is not possible.
    ReadOnly(String),
    Io(std::io::Error),
    /// The index on disk is damaged (a checksum, a file tantivy cannot decode): rebuildable.
    Damaged(String),
    Tantivy(String),
    /// newsdesk will not use this index folder (it is not newsdesk's, it is the library, it is a
    /// file, another user's): the message says why and what to do.
    Refused(String),
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = crate::strings::text();
        let with = |template: &str, why: &dyn fmt::Display| crate::strings::fill(template, &[("why", why)]);
        f.write_str(&match self {
            IndexError::Busy => t.index_busy.to_string(),
            IndexError::ReadOnly(why) => with(t.index_read_only, why),
            IndexError::Io(err) => with(t.index_io, err),
            IndexError::Damaged(why) => with(t.index_damaged, why),
            IndexError::Tantivy(err) => with(t.index_error, err),
            IndexError::Refused(why) => why.clone(),
        })
    }
}

impl std::error::Error for IndexError {}

/// A bad query, with a message fit to show in place of results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError(pub String);

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for QueryError {}
