//! Read marks and reading positions: one row per article read (its key, as highlights key it),
//! the first line shown of how many, and when. Two readers' marks meet here: a change keeps the
//! newer mark of its article, so neither reader's later position is undone by the other's older
//! one. The JSON state file of earlier newsdesks is imported once (the store records it).

use std::collections::BTreeMap;

use rusqlite::{params, OptionalExtension};

use super::{Store, StoreResult};

/// Where an article was left: the first line shown, of how many lines its layout had (0:
/// unknown), and when (milliseconds since the Unix epoch; 0 for marks from before marks had a time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadMark {
    pub line: usize,
    pub of: usize,
    pub at: u64,
}

/// What an import did: how many marks it took in (a mark the store held already is kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    /// Imported before (by this reader or another): nothing done.
    Already,
    Took(usize),
}

/// SQLite integers are signed: a count beyond them is kept as the largest.
fn wide(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    /// Every read mark, by article key.
    pub fn read_marks(&self) -> StoreResult<BTreeMap<String, ReadMark>> {
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement =
            self.connection.prepare_cached("SELECT article, line, of, at FROM read_marks").map_err(fail)?;
        let rows = statement
            .query_map([], |row| {
                let number = |at: usize| row.get::<_, i64>(at).map(|n| n.max(0) as u64);
                let mark = ReadMark { line: number(1)? as usize, of: number(2)? as usize, at: number(3)? };
                Ok((row.get::<_, String>(0)?, mark))
            })
            .map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }

    /// Records `mark` for `article`, unless the store holds a newer one (another reader's).
    pub fn put_read_mark(&mut self, article: &str, mark: ReadMark) -> StoreResult<()> {
        self.change(|tx| upsert(tx, article, mark, true))
    }

    /// Takes in the marks of the JSON state file `source` names, once: in one transaction, the
    /// marks the store does not hold yet and a record that `source` was imported.
    pub fn import_read_marks(
        &mut self,
        source: &str,
        marks: &BTreeMap<String, ReadMark>,
    ) -> StoreResult<Imported> {
        self.change(|tx| {
            let done: Option<i64> = tx
                .query_row("SELECT at FROM imports WHERE source = ?1", [source], |row| row.get(0))
                .optional()?;
            if done.is_some() {
                return Ok(Imported::Already);
            }
            for (article, mark) in marks {
                upsert(tx, article, *mark, false)?;
            }
            tx.execute(
                "INSERT INTO imports (source, at, marks) VALUES (?1, ?2, ?3)",
                params![source, super::now_millis(), marks.len() as i64],
            )?;
            Ok(Imported::Took(marks.len()))
        })
    }

    /// Whether `source` was imported.
    pub fn was_imported(&self, source: &str) -> StoreResult<bool> {
        self.connection
            .query_row("SELECT 1 FROM imports WHERE source = ?1", [source], |_| Ok(()))
            .optional()
            .map(|found| found.is_some())
            .map_err(|err| err.to_string())
    }
}

/// Inserts `mark`; over a stored one only when `replace` and `mark` is not older.
fn upsert(tx: &rusqlite::Transaction, article: &str, mark: ReadMark, replace: bool) -> rusqlite::Result<()> {
    let sql = if replace {
        "INSERT INTO read_marks (article, line, of, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (article) DO UPDATE SET line = excluded.line, of = excluded.of, at = excluded.at
         WHERE excluded.at >= read_marks.at"
    } else {
        "INSERT INTO read_marks (article, line, of, at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (article) DO NOTHING"
    };
    let (line, of) = (wide(mark.line as u64), wide(mark.of as u64));
    tx.prepare_cached(sql)?.execute(params![article, line, of, wide(mark.at)]).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(line: usize, at: u64) -> ReadMark {
        ReadMark { line, of: 100, at }
    }

    #[test]
    fn the_newer_mark_of_an_article_wins_and_marks_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut store = Store::open(dir.path()).unwrap().store;
            store.put_read_mark("/lib/a.txt", mark(5, 20)).unwrap();
            store.put_read_mark("/lib/a.txt", mark(9, 10)).unwrap();
            store.put_read_mark("/lib/crawl.warc\0<urn:1>", mark(3, 30)).unwrap();
        }
        let mut store = Store::open(dir.path()).unwrap().store;
        let marks = store.read_marks().unwrap();
        assert_eq!(marks["/lib/a.txt"], mark(5, 20), "an older mark does not undo a newer one");
        assert_eq!(marks["/lib/crawl.warc\0<urn:1>"], mark(3, 30));
        assert!(!marks.contains_key("/lib/crawl.warc"), "a member's mark is not its file's");
        store.put_read_mark("/lib/a.txt", mark(7, 21)).unwrap();
        assert_eq!(store.read_marks().unwrap()["/lib/a.txt"], mark(7, 21));
        let huge = ReadMark { line: usize::MAX, of: usize::MAX, at: u64::MAX };
        store.put_read_mark("/lib/b.txt", huge).unwrap();
        assert_eq!(store.read_marks().unwrap()["/lib/b.txt"].line, i64::MAX as usize, "kept, not wrapped");
    }

    #[test]
    fn an_import_happens_once_and_keeps_marks_the_store_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap().store;
        store.put_read_mark("/lib/a.txt", mark(40, 1)).unwrap();
        let json =
            BTreeMap::from([("/lib/a.txt".to_string(), mark(2, 99)), ("/lib/b.txt".into(), mark(3, 5))]);
        assert!(!store.was_imported("reader-state.json").unwrap());
        assert_eq!(store.import_read_marks("reader-state.json", &json).unwrap(), Imported::Took(2));
        assert!(store.was_imported("reader-state.json").unwrap());
        let marks = store.read_marks().unwrap();
        assert_eq!(marks["/lib/a.txt"], mark(40, 1), "the store's own mark is kept");
        assert_eq!(marks["/lib/b.txt"], mark(3, 5));
        store.put_read_mark("/lib/b.txt", mark(60, 6)).unwrap();
        assert_eq!(store.import_read_marks("reader-state.json", &json).unwrap(), Imported::Already);
        assert_eq!(store.read_marks().unwrap()["/lib/b.txt"], mark(60, 6), "not imported over");
        assert_eq!(store.read_marks().unwrap().len(), 2);
    }
}
