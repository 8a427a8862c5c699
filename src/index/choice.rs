//! A choice of a few words or phrases (`a OR b`) that a conjunction seeks. tantivy's union
//! reads ahead a window of thousands of articles from every alternative and scores each, so in
//! `xe (máy OR ô) tô` the choice's common words were read and scored wherever they occur, not
//! only where the conjunction's rarer word sends it; this one seeks each alternative to the
//! article asked for and scores only the articles the walk stops at. Scores are the sum of the
//! alternatives', as tantivy's union gives them.

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Articles holding one of the alternatives at least.
#[derive(Debug)]
pub struct Choice(Vec<Box<dyn Query>>);

impl Choice {
    pub fn new(alternatives: Vec<Box<dyn Query>>) -> Choice {
        Choice(alternatives)
    }
}

impl Clone for Choice {
    fn clone(&self) -> Self {
        Choice(self.0.iter().map(|alternative| alternative.box_clone()).collect())
    }
}

impl Query for Choice {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self.0.iter().map(|alternative| alternative.weight(scoring));
        Ok(Box::new(ChoiceWeight(weights.collect::<tantivy::Result<_>>()?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for alternative in &self.0 {
            alternative.query_terms(visitor);
        }
    }
}

struct ChoiceWeight(Vec<Box<dyn Weight>>);

impl Weight for ChoiceWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.0.len());
        for weight in &self.0 {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            1 => scorers.pop().expect("one scorer"),
            _ => {
                let doc = scorers.iter().map(|scorer| scorer.doc()).min().unwrap_or(TERMINATED);
                Box::new(ChoiceScorer { scorers, doc })
            }
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut found = Vec::new();
        for weight in &self.0 {
            if let Ok(explained) = weight.explain(reader, doc) {
                found.push(explained);
            }
        }
        if found.is_empty() {
            return Err(tantivy::TantivyError::InvalidArgument(format!("no alternative holds {doc}")));
        }
        let mut explanation =
            Explanation::new("sum of the alternatives held", found.iter().map(Explanation::value).sum());
        found.into_iter().for_each(|detail| explanation.add_detail(detail));
        Ok(explanation)
    }
}

/// The alternatives' scorers, each at or past the current article.
struct ChoiceScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl ChoiceScorer {
    fn settle(&mut self) -> DocId {
        self.doc = self.scorers.iter().map(|scorer| scorer.doc()).min().unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for ChoiceScorer {
    fn advance(&mut self) -> DocId {
        let at = self.doc;
        for scorer in &mut self.scorers {
            if scorer.doc() == at {
                scorer.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() < target {
                scorer.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers.iter().map(|scorer| scorer.size_hint()).fold(0, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|scorer| scorer.cost()).sum()
    }
}

impl Scorer for ChoiceScorer {
    fn score(&mut self) -> Score {
        let at = self.doc;
        let held = self.scorers.iter_mut().filter(|scorer| scorer.doc() == at);
        held.map(|scorer| scorer.score()).sum()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{Field, IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, Searcher};

    use super::*;

    /// Articles of a few words, each word in its own share of them; two segments.
    fn searcher() -> (Searcher, Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for n in 0..600u32 {
            let mut words = vec!["mua"];
            [(2, "xe"), (3, "may"), (5, "to"), (7, "o"), (11, "ven song")]
                .iter()
                .filter(|(every, _)| n % every == 0)
                .for_each(|(_, word)| words.push(word));
            writer.add_document(doc!(text => words.join(" "))).unwrap();
            if n == 300 {
                writer.commit().unwrap();
            }
        }
        writer.commit().unwrap();
        (index.reader().unwrap().searcher(), text)
    }

    fn term(field: Field, word: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(Term::from_field_text(field, word), IndexRecordOption::WithFreqs))
    }

    fn phrase(field: Field, words: &[&str]) -> Box<dyn Query> {
        Box::new(PhraseQuery::new(words.iter().map(|word| Term::from_field_text(field, word)).collect()))
    }

    #[test]
    fn a_sought_choice_finds_and_scores_what_a_union_does() {
        let (searcher, text) = searcher();
        let alternatives = || vec![term(text, "may"), term(text, "o"), phrase(text, &["ven", "song"])];
        let union = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(alternatives().into_iter().map(|q| (Occur::Should, q)).collect()))
        };
        let choice = || -> Box<dyn Query> { Box::new(Choice::new(alternatives())) };
        let within = |inner: Box<dyn Query>| -> Box<dyn Query> {
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, term(text, "xe")),
                (Occur::Must, inner),
                (Occur::Must, term(text, "mua")),
            ]))
        };
        for (union, choice) in [(union(), choice()), (within(union()), within(choice()))] {
            let collect = (TopDocs::with_limit(1000).order_by_score(), Count);
            let (want, want_count) = searcher.search(union.as_ref(), &collect).unwrap();
            let (got, got_count) = searcher.search(choice.as_ref(), &collect).unwrap();
            assert!(want_count > 50);
            assert_eq!(got_count, want_count);
            assert_eq!(got.len(), want.len());
            for ((score, address), (want_score, want_address)) in got.iter().zip(&want) {
                assert_eq!(address, want_address);
                assert!((score - want_score).abs() < 1e-5, "{score} against {want_score}");
                let explained = choice.explain(&searcher, *address).unwrap();
                assert!((explained.value() - score).abs() < 1e-5);
            }
        }
    }
}
