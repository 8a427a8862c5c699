//! The store's side of `note:`, `highlight:`, `tag:` and `is:unread`: which articles'
//! annotations hold some text, compared folded (lower-cased, accents removed) as the index
//! compares words, and which articles the reader has read.

use std::collections::BTreeSet;

use super::{Store, StoreResult};

/// What a query looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Annotation {
    /// Notes on highlights and on whole articles.
    Note,
    /// Highlighted passages.
    Highlight,
    /// The reader's own tags.
    Tag,
    /// A note or a highlighted passage (plain queries rank these articles higher).
    Any,
    /// Articles the reader has read (each with a read mark): no text is asked.
    Read,
}

/// An FTS5 query for every one of `parts` (folded words, or phrases) in `columns`: each
/// part's words quoted as a phrase (quotes doubled), so no text is read as query syntax.
fn match_expression(columns: &str, parts: &[String]) -> Option<String> {
    let phrases: Vec<String> = parts
        .iter()
        .map(|part| {
            part.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
        })
        .filter(|phrase| !phrase.is_empty())
        .map(|phrase| format!("\"{}\"", phrase.replace('"', "\"\"")))
        .collect();
    (!phrases.is_empty()).then(|| format!("{{{columns}}} : ({})", phrases.join(" AND ")))
}

impl Store {
    /// The keys of the articles whose annotation of `kind` holds every one of `parts` (each
    /// already folded: a word, or a phrase kept whole).
    pub fn articles_matching(&self, kind: Annotation, parts: &[String]) -> StoreResult<BTreeSet<String>> {
        if kind == Annotation::Read {
            return Ok(self.read_marks()?.into_keys().collect());
        }
        if parts.is_empty() {
            return Ok(BTreeSet::new());
        }
        if kind == Annotation::Tag {
            return self.articles_tagged(parts);
        }
        let highlight_columns = match kind {
            Annotation::Note => "note_folded",
            Annotation::Highlight => "exact_folded",
            _ => "exact_folded note_folded",
        };
        let Some(in_highlights) = match_expression(highlight_columns, parts) else {
            return Ok(BTreeSet::new());
        };
        let mut sql = String::from(
            "SELECT h.article FROM highlights_text JOIN highlights h ON h.rowid = highlights_text.rowid
             WHERE highlights_text MATCH ?1",
        );
        let mut values = vec![in_highlights];
        if kind != Annotation::Highlight {
            sql.push_str(
                " UNION SELECT n.article FROM article_notes_text
                 JOIN article_notes n ON n.rowid = article_notes_text.rowid WHERE article_notes_text MATCH ?2",
            );
            values.extend(match_expression("note_folded", parts));
        }
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self.connection.prepare_cached(&sql).map_err(fail)?;
        let rows = statement.query_map(rusqlite::params_from_iter(values), |row| row.get(0)).map_err(fail)?;
        rows.collect::<rusqlite::Result<_>>().map_err(fail)
    }

    /// Articles with a tag that is, or holds as a word, each of `parts`.
    fn articles_tagged(&self, parts: &[String]) -> StoreResult<BTreeSet<String>> {
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self.connection.prepare_cached("SELECT article, tag FROM tags").map_err(fail)?;
        let rows = statement.query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)));
        let mut found = BTreeSet::new();
        for row in rows.map_err(fail)? {
            let (article, tag) = row.map_err(fail)?;
            let tag = crate::text::fold(&tag);
            let words: Vec<&str> = tag.split(|c: char| !c.is_alphanumeric()).collect();
            if parts.iter().all(|part| tag == *part || words.contains(&part.as_str())) {
                found.insert(article);
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::sample;
    use crate::store::Store;
    use crate::store::TagEdit;

    #[test]
    fn notes_passages_and_tags_are_found_folded() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap().store;
        let mut first = sample("a", "/lib/a.txt", "Cầu Giấy đông xe", 1);
        first.note = "Đọc lại 50%".into();
        store.put_highlight(&first).unwrap();
        store.put_highlight(&sample("b", "/lib/b.txt", "giá vé", 2)).unwrap();
        store.set_article_note("/lib/c.txt", "C", "ghi chú về giá vé").unwrap();
        store.edit_tags("/lib/b.txt", &TagEdit::parse("đọc-sau")).unwrap();
        fn found(store: &Store, kind: Annotation, parts: &[&str]) -> Vec<String> {
            let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            store.articles_matching(kind, &parts).unwrap().into_iter().collect()
        }
        assert_eq!(found(&store, Annotation::Highlight, &["cau giay"]), ["/lib/a.txt"]);
        assert_eq!(found(&store, Annotation::Highlight, &["gia ve"]), ["/lib/b.txt"]);
        assert_eq!(found(&store, Annotation::Note, &["gia ve"]), ["/lib/c.txt"], "an article's note");
        assert_eq!(found(&store, Annotation::Note, &["doc", "lai"]), ["/lib/a.txt"]);
        assert_eq!(found(&store, Annotation::Note, &["50%"]), ["/lib/a.txt"]);
        assert!(found(&store, Annotation::Note, &["5"]).is_empty(), "words, not parts of words");
        assert!(found(&store, Annotation::Note, &["\"doc OR x*"]).is_empty(), "no text is query syntax");
        assert_eq!(found(&store, Annotation::Highlight, &["giay dong"]), ["/lib/a.txt"], "a phrase");
        assert!(found(&store, Annotation::Highlight, &["dong giay"]).is_empty(), "a phrase keeps its order");
        assert_eq!(found(&store, Annotation::Any, &["gia ve"]), ["/lib/b.txt", "/lib/c.txt"]);
        assert_eq!(found(&store, Annotation::Tag, &["doc-sau"]), ["/lib/b.txt"]);
        assert_eq!(found(&store, Annotation::Tag, &["sau"]), ["/lib/b.txt"], "a word of the tag");
        // An edited note and a deleted highlight leave the text index.
        let mut edited = first.clone();
        edited.note = "khác hẳn".into();
        store.put_highlight(&edited).unwrap();
        assert!(store.articles_matching(Annotation::Note, &["doc".into()]).unwrap().is_empty());
        assert_eq!(store.articles_matching(Annotation::Note, &["khac".into()]).unwrap().len(), 1);
        store.delete_highlight("a").unwrap();
        assert!(store.articles_matching(Annotation::Note, &["khac".into()]).unwrap().is_empty());
        store.set_article_note("/lib/c.txt", "C", "").unwrap();
        assert!(store.articles_matching(Annotation::Note, &["gia".into()]).unwrap().is_empty());
        assert!(found(&store, Annotation::Tag, &["sa"]).is_empty());
    }
}
