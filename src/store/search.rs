//! The store's side of `note:`, `highlight:` and `tag:`: which articles' annotations hold some
//! text, compared folded (lower-cased, accents removed) as the index compares words.

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
}

/// `text` as a LIKE pattern that finds it anywhere (`%`, `_` and `\` escaped).
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

impl Store {
    /// The keys of the articles whose annotation of `kind` holds every one of `parts` (each
    /// already folded: a word, or a phrase kept whole).
    pub fn articles_matching(&self, kind: Annotation, parts: &[String]) -> StoreResult<BTreeSet<String>> {
        if parts.is_empty() {
            return Ok(BTreeSet::new());
        }
        if kind == Annotation::Tag {
            return self.articles_tagged(parts);
        }
        let each = |column: &str| vec![format!("{column} LIKE ? ESCAPE '\\'"); parts.len()].join(" AND ");
        let highlight_columns: &[&str] = match kind {
            Annotation::Note => &["note_folded"],
            Annotation::Highlight => &["exact_folded"],
            _ => &["note_folded", "exact_folded"],
        };
        let mut selects: Vec<String> = highlight_columns
            .iter()
            .map(|column| format!("SELECT article FROM highlights WHERE {}", each(column)))
            .collect();
        if kind != Annotation::Highlight {
            selects.push(format!("SELECT article FROM article_notes WHERE {}", each("note_folded")));
        }
        let sql = selects.join(" UNION ");
        let patterns: Vec<String> = parts.iter().map(|part| contains_pattern(part)).collect();
        let values: Vec<&dyn rusqlite::ToSql> =
            (0..selects.len()).flat_map(|_| patterns.iter().map(|p| p as &dyn rusqlite::ToSql)).collect();
        let fail = |err: rusqlite::Error| err.to_string();
        let mut statement = self.connection.prepare_cached(&sql).map_err(fail)?;
        let rows = statement.query_map(values.as_slice(), |row| row.get(0)).map_err(fail)?;
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
        let find = |kind, parts: &[&str]| {
            let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            store.articles_matching(kind, &parts).unwrap().into_iter().collect::<Vec<_>>()
        };
        assert_eq!(find(Annotation::Highlight, &["cau giay"]), ["/lib/a.txt"]);
        assert_eq!(find(Annotation::Highlight, &["gia ve"]), ["/lib/b.txt"]);
        assert_eq!(find(Annotation::Note, &["gia ve"]), ["/lib/c.txt"], "an article's note");
        assert_eq!(find(Annotation::Note, &["doc", "lai"]), ["/lib/a.txt"]);
        assert_eq!(find(Annotation::Note, &["50%"]), ["/lib/a.txt"]);
        assert!(find(Annotation::Note, &["5_%"]).is_empty(), "LIKE's wildcards are plain characters");
        assert_eq!(find(Annotation::Any, &["gia ve"]), ["/lib/b.txt", "/lib/c.txt"]);
        assert_eq!(find(Annotation::Tag, &["doc-sau"]), ["/lib/b.txt"]);
        assert_eq!(find(Annotation::Tag, &["sau"]), ["/lib/b.txt"], "a word of the tag");
        assert!(find(Annotation::Tag, &["sa"]).is_empty());
    }
}
