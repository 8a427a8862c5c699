//! Related links → saved articles: by normalised URL, else by folded title, else by a title
//! search whose top hit is close enough. And the reverse: who links to an article.

use std::collections::HashSet;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocAddress, Searcher, Term};

use super::analysis::{folded_analyzer, terms};
use super::document::{stored, StoredHit};
use super::keys::{title_key, url_key};
use super::schema::Fields;
use super::types::{ArticleSummary, ResolvedBy, ResolvedLink};
use crate::article::{Article, RelatedLink};

/// A title search resolves a link only when the Dice coefficient of the folded word sets of
/// the link's title and the top hit's title is at least this: 0.8 lets a word or two of a long
/// headline differ ("…ngày 5/9" vs "…hôm nay"), not a different story on the same topic.
pub const TITLE_SIMILARITY_THRESHOLD: f64 = 0.8;
/// Candidates weighed for "linked from" by title search.
const BACKLINK_CANDIDATES: usize = 50;

pub struct Resolver<'a> {
    pub searcher: &'a Searcher,
    pub fields: &'a Fields,
    pub library: &'a std::path::Path,
}

impl Resolver<'_> {
    pub fn resolve(&self, link: &RelatedLink) -> ResolvedLink {
        let (address, by) = match self.find(link) {
            Some((address, by)) => (Some(address), Some(by)),
            None => (None, None),
        };
        let target = address.and_then(|address| self.summary(address));
        ResolvedLink { link: link.clone(), target, by: by.filter(|_| address.is_some()) }
    }

    fn find(&self, link: &RelatedLink) -> Option<(DocAddress, ResolvedBy)> {
        if let Some(key) = link.url.as_deref().and_then(url_key) {
            if let Some(address) = self.first(self.fields.url_key, &key) {
                return Some((address, ResolvedBy::Url));
            }
        }
        let key = title_key(&link.title);
        if key.is_empty() {
            return None;
        }
        if let Some(address) = self.first(self.fields.title_key, &key) {
            return Some((address, ResolvedBy::Title));
        }
        let (_, address) = self.title_search(&link.title, self.fields.title, 1).into_iter().next()?;
        let hit_title = self.summary(address)?.title;
        (title_similarity(&link.title, &hit_title) >= TITLE_SIMILARITY_THRESHOLD)
            .then_some((address, ResolvedBy::Search))
    }

    fn summary(&self, address: DocAddress) -> Option<ArticleSummary> {
        stored::<StoredHit>(self.searcher, self.fields, address, self.library).map(|hit| hit.summary())
    }

    fn article(&self, address: DocAddress) -> Option<Article> {
        stored(self.searcher, self.fields, address, self.library)
    }

    /// The first saved article keyed `key` in `field` (a reference, kept without its text, is
    /// no saved copy).
    fn first(&self, field: Field, key: &str) -> Option<DocAddress> {
        let term = |field, key: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(field, key), IndexRecordOption::Basic))
        };
        let reference = crate::article::Format::Reference.as_str();
        let query = BooleanQuery::new(vec![
            (Occur::Must, term(field, key)),
            (Occur::MustNot, term(self.fields.format, reference)),
        ]);
        self.top(&query, 1).into_iter().next().map(|(_, address)| address)
    }

    fn top(&self, query: &dyn Query, limit: usize) -> Vec<(f32, DocAddress)> {
        self.searcher.search(query, &TopDocs::with_limit(limit).order_by_score()).unwrap_or_default()
    }

    /// Documents whose `field` shares words with `title`, best first.
    fn title_search(&self, title: &str, field: Field, limit: usize) -> Vec<(f32, DocAddress)> {
        let words: HashSet<String> = terms(&mut folded_analyzer(), title).into_iter().collect();
        let should: Vec<(Occur, Box<dyn Query>)> = words
            .iter()
            .map(|word| {
                let term = Term::from_field_text(field, word);
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)) as Box<dyn Query>,
                )
            })
            .collect();
        if should.is_empty() {
            return Vec::new();
        }
        self.top(&BooleanQuery::new(should), limit)
    }

    /// Saved articles with a related link that resolves to `target` (whose path is `target_key`
    /// inside the library).
    pub fn linked_from(&self, target: &Article, target_key: &str) -> Vec<ArticleSummary> {
        let mut candidates: Vec<DocAddress> = Vec::new();
        if let Some(key) = target.url.as_deref().and_then(url_key) {
            let query = TermQuery::new(
                Term::from_field_text(self.fields.related_url, &key),
                IndexRecordOption::Basic,
            );
            candidates.extend(self.top(&query, BACKLINK_CANDIDATES).into_iter().map(|(_, a)| a));
        }
        let key = title_key(&target.title);
        let query =
            TermQuery::new(Term::from_field_text(self.fields.related_title, &key), IndexRecordOption::Basic);
        candidates.extend(self.top(&query, BACKLINK_CANDIDATES).into_iter().map(|(_, a)| a));
        let by_search = self.title_search(&target.title, self.fields.related_text, BACKLINK_CANDIDATES);
        candidates.extend(by_search.into_iter().map(|(_, a)| a));

        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for address in candidates {
            if !seen.insert(address) {
                continue;
            }
            let Some(article) = self.article(address) else { continue };
            // An address: the file and, in a file of many, the member.
            let is_target = |path: &std::path::Path, member: Option<&str>| {
                path.strip_prefix(self.library).ok().map(super::document::relative_key).as_deref()
                    == Some(target_key)
                    && member == target.member.as_deref()
            };
            if is_target(&article.path, article.member.as_deref()) {
                continue;
            }
            let links_here = article.related.iter().any(|link| {
                self.resolve(link).target.is_some_and(|found| is_target(&found.path, found.member.as_deref()))
            });
            if links_here {
                out.push(ArticleSummary::of(&article));
            }
        }
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }
}

/// Dice coefficient of the two titles' folded word sets: 1.0 for the same words.
pub fn title_similarity(a: &str, b: &str) -> f64 {
    let mut analyzer = folded_analyzer();
    let a: HashSet<String> = terms(&mut analyzer, a).into_iter().collect();
    let b: HashSet<String> = terms(&mut analyzer, b).into_iter().collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_of_titles() {
        assert_eq!(title_similarity("Hà Nội mưa to", "ha noi MUA TO!"), 1.0);
        // One word of eleven differs: 2·10/22 ≈ 0.91, above the threshold.
        let a = "Giá vàng hôm nay tăng mạnh sau phiên họp của Fed";
        let b = "Giá vàng hôm nay tăng mạnh sau cuộc họp của Fed";
        assert!(title_similarity(a, b) >= TITLE_SIMILARITY_THRESHOLD);
        // Same topic, different story.
        let c = "Giá vàng hôm nay giảm nhẹ";
        assert!(title_similarity(a, c) < TITLE_SIMILARITY_THRESHOLD);
    }
}
