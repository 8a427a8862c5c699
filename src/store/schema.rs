//! The store's schema, as migrations: each takes the schema from its version to the next, in
//! one transaction, and `PRAGMA user_version` records how far a store has come.

use rusqlite::Connection;

/// One step: its SQL, then what only Rust can do (filling a new column).
struct Migration {
    sql: &'static str,
    then: Option<fn(&Connection) -> rusqlite::Result<()>>,
}

/// Each entry takes version `i` to `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration { sql: FIRST, then: None },
    // 2: folded (lower-cased, accent-free) copies of quotes and notes, for `note:` and `highlight:`.
    Migration {
        sql: "ALTER TABLE highlights ADD COLUMN exact_folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE highlights ADD COLUMN note_folded TEXT NOT NULL DEFAULT '';
        ALTER TABLE article_notes ADD COLUMN note_folded TEXT NOT NULL DEFAULT '';",
        then: Some(fold_existing),
    },
    // 3: full-text indexes of the folded quotes and notes (FTS5 over the tables' own rows, kept
    // in step by triggers), so `note:` and a plain query's boost look words up, not scan.
    Migration { sql: TEXT_INDEXES, then: None },
    // 4: read marks and reading positions (until now in `reader-state.json`), which files were
    // imported (so the JSON file is imported once), and whether a highlight was last found.
    Migration {
        sql: "ALTER TABLE highlights ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE read_marks (
            article TEXT PRIMARY KEY,
            line INTEGER NOT NULL,
            of INTEGER NOT NULL,
            at INTEGER NOT NULL
        );
        CREATE TABLE imports (
            source TEXT PRIMARY KEY,
            at INTEGER NOT NULL,
            marks INTEGER NOT NULL
        );",
        then: None,
    },
];

const TEXT_INDEXES: &str = "
    CREATE VIRTUAL TABLE highlights_text USING fts5(
        exact_folded, note_folded, content = 'highlights', content_rowid = 'rowid');
    CREATE TRIGGER highlights_text_insert AFTER INSERT ON highlights BEGIN
        INSERT INTO highlights_text (rowid, exact_folded, note_folded)
        VALUES (new.rowid, new.exact_folded, new.note_folded);
    END;
    CREATE TRIGGER highlights_text_delete AFTER DELETE ON highlights BEGIN
        INSERT INTO highlights_text (highlights_text, rowid, exact_folded, note_folded)
        VALUES ('delete', old.rowid, old.exact_folded, old.note_folded);
    END;
    CREATE TRIGGER highlights_text_update AFTER UPDATE ON highlights BEGIN
        INSERT INTO highlights_text (highlights_text, rowid, exact_folded, note_folded)
        VALUES ('delete', old.rowid, old.exact_folded, old.note_folded);
        INSERT INTO highlights_text (rowid, exact_folded, note_folded)
        VALUES (new.rowid, new.exact_folded, new.note_folded);
    END;
    INSERT INTO highlights_text (highlights_text) VALUES ('rebuild');
    CREATE VIRTUAL TABLE article_notes_text USING fts5(
        note_folded, content = 'article_notes', content_rowid = 'rowid');
    CREATE TRIGGER article_notes_text_insert AFTER INSERT ON article_notes BEGIN
        INSERT INTO article_notes_text (rowid, note_folded) VALUES (new.rowid, new.note_folded);
    END;
    CREATE TRIGGER article_notes_text_delete AFTER DELETE ON article_notes BEGIN
        INSERT INTO article_notes_text (article_notes_text, rowid, note_folded)
        VALUES ('delete', old.rowid, old.note_folded);
    END;
    CREATE TRIGGER article_notes_text_update AFTER UPDATE ON article_notes BEGIN
        INSERT INTO article_notes_text (article_notes_text, rowid, note_folded)
        VALUES ('delete', old.rowid, old.note_folded);
        INSERT INTO article_notes_text (rowid, note_folded) VALUES (new.rowid, new.note_folded);
    END;
    INSERT INTO article_notes_text (article_notes_text) VALUES ('rebuild');";

/// Fills the folded columns of rows stored before they existed.
fn fold_existing(connection: &Connection) -> rusqlite::Result<()> {
    let fold = crate::text::fold;
    let rows: Vec<(String, String, String)> = connection
        .prepare("SELECT id, exact, note FROM highlights")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, exact, note) in rows {
        connection.execute(
            "UPDATE highlights SET exact_folded = ?2, note_folded = ?3 WHERE id = ?1",
            (id, fold(&exact), fold(&note)),
        )?;
    }
    let notes: Vec<(String, String)> = connection
        .prepare("SELECT article, note FROM article_notes")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (article, note) in notes {
        connection.execute(
            "UPDATE article_notes SET note_folded = ?2 WHERE article = ?1",
            (article, fold(&note)),
        )?;
    }
    Ok(())
}

const FIRST: &str =
    // 1: highlights (a TextQuoteSelector and its block), notes on articles, the reader's tags.
    "CREATE TABLE highlights (
        id TEXT PRIMARY KEY,
        article TEXT NOT NULL,
        title TEXT NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        block INTEGER NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created INTEGER NOT NULL,
        updated INTEGER NOT NULL
    );
    CREATE INDEX highlights_by_article ON highlights(article);
    CREATE INDEX highlights_by_time ON highlights(created);
    CREATE TABLE article_notes (
        article TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        note TEXT NOT NULL,
        updated INTEGER NOT NULL
    );
    CREATE TABLE tags (
        article TEXT NOT NULL,
        tag TEXT NOT NULL,
        created INTEGER NOT NULL,
        PRIMARY KEY (article, tag)
    );
    CREATE INDEX tags_by_tag ON tags(tag);";

pub const VERSION: i64 = MIGRATIONS.len() as i64;

fn version(connection: &Connection) -> rusqlite::Result<i64> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Brings the store up to [`VERSION`]; a store from a newer newsdesk is refused, untouched.
/// Another reader opening it at the same moment is waited for (up to [`super::BUSY_WAIT`]):
/// SQLite answers "busy" at once where waiting could deadlock, as two first opens can.
pub fn migrate(connection: &Connection) -> Result<(), String> {
    let give_up = std::time::Instant::now() + super::BUSY_WAIT;
    loop {
        check_version(connection)?;
        match apply(connection) {
            Err(err) if super::is_busy(&err) && std::time::Instant::now() < give_up => {
                std::thread::sleep(std::time::Duration::from_millis(10))
            }
            result => return result.map_err(|err| err.to_string()),
        }
    }
}

fn apply(connection: &Connection) -> rusqlite::Result<()> {
    // IMMEDIATE: two readers starting at once do not both migrate.
    connection.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| {
        let from = version(connection)?;
        for (at, migration) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
            connection.execute_batch(migration.sql)?;
            if let Some(then) = migration.then {
                then(connection)?;
            }
            connection.pragma_update(None, "user_version", at as i64 + 1)?;
        }
        Ok(())
    })();
    match result {
        Ok(()) => connection.execute_batch("COMMIT"),
        Err(err) => {
            let _ = connection.execute_batch("ROLLBACK");
            Err(err)
        }
    }
}

/// Refuses a store whose schema is newer than this newsdesk knows.
pub fn check_version(connection: &Connection) -> Result<(), String> {
    let found = version(connection).map_err(|err| err.to_string())?;
    if found > VERSION {
        let why = crate::strings::fill(
            crate::strings::text().store_too_new,
            &[("found", &found), ("known", &VERSION)],
        );
        return Err(why);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_store_gets_its_folded_columns_filled() {
        let connection = Connection::open_in_memory().unwrap();
        connection.execute_batch(FIRST).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
        connection
            .execute(
                "INSERT INTO highlights (id, article, title, exact, prefix, suffix, block, note, created, updated)
                 VALUES ('a', '/x', 'T', 'Cầu Giấy', '', '', 0, 'Đọc LẠI', 1, 1)",
                [],
            )
            .unwrap();
        migrate(&connection).unwrap();
        let folded: (String, String) = connection
            .query_row("SELECT exact_folded, note_folded FROM highlights", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .unwrap();
        assert_eq!(folded, ("cau giay".to_string(), "doc lai".to_string()));
    }

    #[test]
    fn migrating_twice_changes_nothing_and_a_newer_store_is_refused() {
        let connection = Connection::open_in_memory().unwrap();
        migrate(&connection).unwrap();
        assert_eq!(version(&connection).unwrap(), VERSION);
        migrate(&connection).unwrap();
        assert_eq!(version(&connection).unwrap(), VERSION);
        connection.pragma_update(None, "user_version", VERSION + 1).unwrap();
        let err = migrate(&connection).unwrap_err();
        assert!(err.contains(&(VERSION + 1).to_string()), "{err}");
    }
}
