//! What the store keeps, and each change as one transaction.

use crate::article::Address;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{params, OptionalExtension, Row};

use super::{Quote, Store, StoreResult};

/// A highlighted passage of an article, maybe with a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Made where the highlight was made; unique across readers (time, process, counter).
    pub id: String,
    /// The article's key ([`article_key`]).
    pub article: String,
    /// The article's title when the highlight was made (lists need no parse).
    pub title: String,
    pub quote: Quote,
    /// The block of [`super::Passages`] the quote started in.
    pub block: usize,
    pub note: String,
    /// Milliseconds since the Unix epoch.
    pub created: i64,
    pub updated: i64,
    /// Not found in its article when the reader last opened it (kept, and listed as such).
    pub detached: bool,
}

impl Highlight {
    /// Whether its passage, note or article title holds every one of `words` (folded:
    /// lower-cased, accents removed, as [`crate::text::fold`] gives them).
    pub fn matches(&self, words: &[String]) -> bool {
        if words.is_empty() {
            return true;
        }
        let haystack = self.folded();
        words.iter().all(|word| haystack.contains(word.as_str()))
    }

    /// Its passage, note and article title, folded: what filters compare words with.
    pub fn folded(&self) -> String {
        crate::text::fold(&format!("{} {} {}", self.quote.exact, self.note, self.title))
    }
}

/// The indexes of `all` (newest first) with each article's highlights together, the articles in
/// the order of their newest highlight.
pub fn grouped_by_article(all: &[Highlight]) -> Vec<usize> {
    let mut rank: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for h in all {
        let next = rank.len();
        rank.entry(h.article.as_str()).or_insert(next);
    }
    let mut rows: Vec<usize> = (0..all.len()).collect();
    rows.sort_by_key(|&at| rank[all[at].article.as_str()]);
    rows
}

/// What the reader added to one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleAnnotations {
    /// Oldest first.
    pub highlights: Vec<Highlight>,
    pub note: String,
    /// In alphabetical order.
    pub tags: Vec<String>,
}

/// Tags typed in the editor: `word` adds, `-word` removes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TagEdit {
    pub add: Vec<String>,
    pub remove: Vec<String>,
}

impl TagEdit {
    /// Reads `metro -tàu điện`: words separated by spaces or commas, lower-cased.
    pub fn parse(text: &str) -> TagEdit {
        let mut edit = TagEdit::default();
        for word in text.split(|c: char| c.is_whitespace() || c == ',').filter(|word| !word.is_empty()) {
            match word.strip_prefix('-') {
                Some(tag) if !tag.is_empty() => edit.remove.push(tag.to_lowercase()),
                Some(_) => {}
                None => edit.add.push(word.to_lowercase()),
            }
        }
        edit
    }
}

/// Parts a member from its file's path in a key (no path holds a NUL).
const MEMBER: char = '\0';
/// Starts the key of a path that is not UTF-8.
const NOT_UTF8: char = '\0';

/// An article's key in the store, as the read marks key it: its path (a path that is not UTF-8
/// as NUL and the hex of its bytes, so no two paths share a key), then for a member of a file
/// of many a NUL and the member.
pub fn article_key(address: &Address) -> String {
    use std::os::unix::ffi::OsStrExt;
    let path = match address.path.to_str() {
        Some(text) => text.to_string(),
        None => {
            let hex: String =
                address.path.as_os_str().as_bytes().iter().map(|byte| format!("{byte:02x}")).collect();
            format!("{NOT_UTF8}{hex}")
        }
    };
    match &address.member {
        Some(member) => format!("{path}{MEMBER}{member}"),
        None => path,
    }
}

/// The address an [`article_key`] was made from.
pub fn article_address(key: &str) -> Address {
    use std::os::unix::ffi::OsStringExt;
    let (path, rest) = match key.strip_prefix(NOT_UTF8) {
        Some(hex_and_rest) => {
            let (hex, rest) =
                hex_and_rest.split_once(MEMBER).map_or((hex_and_rest, None), |(h, r)| (h, Some(r)));
            let bytes =
                (0..hex.len() / 2).filter_map(|at| u8::from_str_radix(hex.get(at * 2..at * 2 + 2)?, 16).ok());
            (std::path::PathBuf::from(std::ffi::OsString::from_vec(bytes.collect())), rest)
        }
        None => {
            let (path, rest) = key.split_once(MEMBER).map_or((key, None), |(p, r)| (p, Some(r)));
            (std::path::PathBuf::from(path), rest)
        }
    };
    Address { path, member: rest.map(str::to_string) }
}

pub fn now_millis() -> i64 {
    let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}

const HIGHLIGHT_COLUMNS: &str =
    "id, article, title, exact, prefix, suffix, block, note, created, updated, detached";

fn highlight(row: &Row) -> rusqlite::Result<Highlight> {
    Ok(Highlight {
        id: row.get(0)?,
        article: row.get(1)?,
        title: row.get(2)?,
        quote: Quote { exact: row.get(3)?, prefix: row.get(4)?, suffix: row.get(5)? },
        block: row.get::<_, i64>(6)?.max(0) as usize,
        note: row.get(7)?,
        created: row.get(8)?,
        updated: row.get(9)?,
        detached: row.get(10)?,
    })
}

impl Store {
    /// Adds a highlight, or replaces the one with its id (an edited note).
    pub fn put_highlight(&mut self, h: &Highlight) -> StoreResult<()> {
        self.change(|tx| {
            let (exact_folded, note_folded) = (crate::text::fold(&h.quote.exact), crate::text::fold(&h.note));
            tx.execute(
                &format!(
                    // An upsert, not INSERT OR REPLACE: the replaced row's delete trigger
                    // (the text index's) would not fire.
                    "INSERT INTO highlights ({HIGHLIGHT_COLUMNS}, exact_folded, note_folded)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                     ON CONFLICT (id) DO UPDATE SET article = excluded.article, title = excluded.title,
                     exact = excluded.exact, prefix = excluded.prefix, suffix = excluded.suffix,
                     block = excluded.block, note = excluded.note, created = excluded.created,
                     updated = excluded.updated, detached = excluded.detached, exact_folded = excluded.exact_folded,
                     note_folded = excluded.note_folded"
                ),
                params![
                    h.id,
                    h.article,
                    h.title,
                    h.quote.exact,
                    h.quote.prefix,
                    h.quote.suffix,
                    h.block as i64,
                    h.note,
                    h.created,
                    h.updated,
                    h.detached,
                    exact_folded,
                    note_folded
                ],
            )
            .map(drop)
        })
    }

    /// Records which highlights were found in their article and which were not, in one
    /// transaction.
    pub fn set_detached(&mut self, found: &[(String, bool)]) -> StoreResult<()> {
        self.change(|tx| {
            let mut statement = tx.prepare_cached("UPDATE highlights SET detached = ?2 WHERE id = ?1")?;
            for (id, detached) in found {
                statement.execute(params![id, detached])?;
            }
            Ok(())
        })
    }

    /// Deletes a highlight; true when there was one.
    pub fn delete_highlight(&mut self, id: &str) -> StoreResult<bool> {
        self.change(|tx| tx.execute("DELETE FROM highlights WHERE id = ?1", [id]).map(|n| n > 0))
    }

    /// Sets the note on an article (empty: none).
    pub fn set_article_note(&mut self, article: &str, title: &str, note: &str) -> StoreResult<()> {
        self.change(|tx| {
            if note.is_empty() {
                tx.execute("DELETE FROM article_notes WHERE article = ?1", [article])?;
            } else {
                tx.execute(
                    "INSERT INTO article_notes (article, title, note, updated, note_folded)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (article) DO UPDATE SET title = excluded.title, note = excluded.note,
                     updated = excluded.updated, note_folded = excluded.note_folded",
                    params![article, title, note, now_millis(), crate::text::fold(note)],
                )?;
            }
            Ok(())
        })
    }

    /// Adds and removes an article's tags in one transaction; returns its tags now.
    pub fn edit_tags(&mut self, article: &str, edit: &TagEdit) -> StoreResult<Vec<String>> {
        self.change(|tx| {
            for tag in &edit.add {
                tx.execute(
                    "INSERT OR IGNORE INTO tags (article, tag, created) VALUES (?1, ?2, ?3)",
                    params![article, tag, now_millis()],
                )?;
            }
            for tag in &edit.remove {
                tx.execute("DELETE FROM tags WHERE article = ?1 AND tag = ?2", params![article, tag])?;
            }
            Ok(())
        })?;
        self.tags_of(article)
    }

    pub fn tags_of(&self, article: &str) -> StoreResult<Vec<String>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT tag FROM tags WHERE article = ?1 ORDER BY tag")
            .map_err(|err| err.to_string())?;
        let rows = statement.query_map([article], |row| row.get(0)).map_err(|err| err.to_string())?;
        rows.collect::<rusqlite::Result<_>>().map_err(|err| err.to_string())
    }

    /// Every tag in use, most used first (the editor's completion).
    pub fn all_tags(&self) -> StoreResult<Vec<String>> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT tag FROM tags GROUP BY tag ORDER BY count(*) DESC, tag")
            .map_err(|err| err.to_string())?;
        let rows = statement.query_map([], |row| row.get(0)).map_err(|err| err.to_string())?;
        rows.collect::<rusqlite::Result<_>>().map_err(|err| err.to_string())
    }

    /// Everything the reader added to one article.
    pub fn annotations(&self, article: &str) -> StoreResult<ArticleAnnotations> {
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT {HIGHLIGHT_COLUMNS} FROM highlights WHERE article = ?1 ORDER BY created, id"
            ))
            .map_err(fail)?;
        let highlights = statement
            .query_map([article], highlight)
            .map_err(fail)?
            .collect::<rusqlite::Result<_>>()
            .map_err(fail)?;
        let note = self
            .connection
            .query_row("SELECT note FROM article_notes WHERE article = ?1", [article], |row| row.get(0))
            .optional()
            .map_err(fail)?
            .unwrap_or_default();
        Ok(ArticleAnnotations { highlights, note, tags: self.tags_of(article)? })
    }

    /// Every highlight, newest first.
    pub fn all_highlights(&self) -> StoreResult<Vec<Highlight>> {
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self
            .connection
            .prepare_cached(&format!(
                "SELECT {HIGHLIGHT_COLUMNS} FROM highlights ORDER BY created DESC, id DESC"
            ))
            .map_err(fail)?;
        let rows = statement.query_map([], highlight).map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }

    /// Every note on a whole article: (article, title, note), newest first.
    pub fn article_notes(&self) -> StoreResult<Vec<(String, String, String)>> {
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self
            .connection
            .prepare_cached("SELECT article, title, note FROM article_notes ORDER BY updated DESC")
            .map_err(fail)?;
        let rows =
            statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?))).map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }
}

/// An id no other reader makes: the time, the process and a counter.
pub fn fresh_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("{:x}-{:x}-{count:x}", now_millis(), std::process::id())
}
