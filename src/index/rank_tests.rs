//! The passes rank as the full query does: the same hits and scores when every match fits, the
//! full query's best hit when only one is asked for.

use std::fs;
use std::path::Path;

use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DocAddress, Searcher};

use super::build::{build, Built, Known};
use super::query::parse;
use super::rank::ranked;
use super::schema::Fields;
use crate::index::Index;

fn write(library: &Path, name: &str, title: &str, body: &str) {
    fs::write(library.join(name), format!("{title}\n\n{body}\n")).unwrap();
}

/// A library folder, its index's cache folder, and the index: all empty.
fn empty_library() -> (tempfile::TempDir, tempfile::TempDir, Index) {
    let library = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (index, _) = Index::open(library.path(), &cache.path().join("index")).unwrap();
    (library, cache, index)
}

/// Folded-only articles that repeat a word many times, one
/// article with the word's accents as typed, one with the words in its title.
fn library() -> (tempfile::TempDir, tempfile::TempDir, Index) {
    let (library, cache, index) = empty_library();
    for round in 0..3 {
        for n in 0..8 {
            let many = "ma ma mà ma mạ ma ".repeat(1 + n % 3);
            let body = format!("Chợ phiên số {n} đợt {round}: {many} người bán rau và cá ven sông.");
            write(library.path(), &format!("cho-{round}-{n}.txt"), &format!("Chợ phiên {round} {n}"), &body);
        }
        index.refresh(false, &mut |_| {}).unwrap();
    }
    let exact = "Một câu chuyện dài về làng, về những mùa gặt, về con má và cánh đồng ven sông.";
    write(library.path(), "con-ma.txt", "Chuyện làng quê", exact);
    let titled = "Bài viết dài về những phiên chợ quê, người bán rau và cá, có nhắc chuyện ma một lần.";
    write(library.path(), "tieu-de.txt", "Chợ ma ven sông", titled);
    index.refresh(false, &mut |_| {}).unwrap();
    (library, cache, index)
}

fn built(query: &str) -> Built {
    let nobody = |_, _: &[String]| Vec::new();
    let all = || super::build::all_articles(&Fields::build().1);
    // The library is empty when its index is made: no common words, no pairs.
    let known = Known { lookup: &nobody, unread: &all, pairs: &Default::default() };
    build(&Fields::build().1, &parse(query).unwrap(), None, &known).unwrap()
}

/// The full query's own ranking: every match scored.
fn full(searcher: &Searcher, query: &dyn Query, limit: usize) -> (Vec<(f32, DocAddress)>, usize) {
    searcher.search(query, &(TopDocs::with_limit(limit).order_by_score(), Count)).unwrap()
}

type Hits = Vec<(f32, DocAddress)>;

/// The passes' best `limit` hits and the full query's, after checking that they agree: the same
/// total, as many hits, each score the full query's (articles of equal score may trade places).
fn ranks_as_full(searcher: &Searcher, built: &Built, limit: usize, query: &str) -> (Hits, Hits) {
    let (expected, total) = full(searcher, built.query.as_ref(), limit);
    let (got, got_total) = ranked(searcher, built, limit).unwrap();
    assert_eq!(got_total, total, "{query}");
    assert_eq!(got.len(), expected.len(), "{query} {limit}");
    for ((score, _), (want, _)) in got.iter().zip(&expected) {
        assert!(close(*score, *want), "{query} {limit}: {score} against {want}");
    }
    (got, expected)
}

fn close(a: f32, b: f32) -> bool {
    (a - b).abs() <= 1e-4 * a.abs().max(1.0)
}

#[test]
fn every_match_fits_then_the_ranking_is_the_full_querys() {
    let (_library, _cache, index) = library();
    let searcher = index.searcher();
    for query in [
        "ma",
        "má",
        "chợ ma",
        "chợ phiên sông",
        "ven sông",
        "\"chợ phiên\"",
        "\"ven sông\" rau",
        "\"bán rau\" \"và cá\"",
        "ma -sông",
        "\"bán rau\" -mạ",
        "ma -\"chợ phiên\" -mà",
        "rau -ma OR mà",
        "sông -sông",
        "chợ OR làng",
        "má OR rau sông",
        "\"ven sông\" OR chợ -mà",
    ] {
        let built = built(query);
        assert!(built.first.is_some(), "{query}: plain words and phrases take the passes");
        let (got, expected) = ranks_as_full(&searcher, &built, 100, query);
        assert!(expected.len() < 100, "{query}: every match fits");
        let addresses = |hits: &[(f32, DocAddress)]| {
            let mut found: Vec<DocAddress> = hits.iter().map(|(_, address)| *address).collect();
            found.sort();
            found
        };
        assert_eq!(addresses(&got), addresses(&expected), "{query}");
    }
}

#[test]
fn the_best_hit_is_the_full_querys_even_when_the_folded_words_rank_it_low() {
    let (_library, _cache, index) = library();
    let searcher = index.searcher();
    // "má" typed with its accent: the article that has it beats the ones repeating "ma".
    // "chợ ma": the article with both words in its title beats longer bodies.
    for (query, folded) in [("má", &["ma"][..]), ("chợ ma", &["cho", "ma"][..])] {
        let built = built(query);
        let (expected, _) = full(&searcher, built.query.as_ref(), 1);
        let (got, _) = ranked(&searcher, &built, 1).unwrap();
        assert_eq!(got[0].1, expected[0].1, "{query}");
        let folded: Vec<Vec<Vec<String>>> = folded.iter().map(|word| vec![vec![word.to_string()]]).collect();
        let folded_only = super::first_pass::all_of(Fields::build().1.text, &folded, &Default::default());
        let (by_folded, _) = full(&searcher, folded_only.as_ref(), 1);
        assert_ne!(by_folded[0].1, expected[0].1, "{query}: the folded words alone rank it lower");
    }
}

#[test]
fn other_shapes_are_ranked_by_the_full_query() {
    let (_library, _cache, index) = library();
    let searcher = index.searcher();
    for query in ["title:chợ", "ma after:2000", "-ma", "chợ OR title:làng", "ma -title:chợ"] {
        let built = built(query);
        assert!(built.first.is_none(), "{query}");
        assert_eq!(
            ranked(&searcher, &built, 5).unwrap(),
            full(&searcher, built.query.as_ref(), 5),
            "{query}"
        );
    }
}

/// A library written in two refreshes: two segments or more, none merged yet.
fn library_in_segments() -> (tempfile::TempDir, tempfile::TempDir, Index) {
    let (library, cache, index) = empty_library();
    for round in 0..2 {
        for n in 0..6 {
            let many = "ma mà sông ".repeat(1 + (n + round) % 4);
            let body = format!("Phiên chợ số {n} đợt {round}: {many} người bán rau và cá ven sông.");
            write(
                library.path(),
                &format!("phien-{round}-{n}.txt"),
                &format!("Chợ ven sông {round} {n}"),
                &body,
            );
        }
        index.refresh(false, &mut |_| {}).unwrap();
    }
    (library, cache, index)
}

#[test]
fn a_library_in_several_segments_ranks_as_the_full_query_does() {
    let (_library, _cache, index) = library_in_segments();
    let searcher = index.searcher();
    assert!(searcher.segment_readers().len() > 1, "the test library has several segments");
    for query in [
        "ma",
        "ven sông",
        "\"bán rau\"",
        "sông -mà",
        "chợ OR rau",
        "ma OR rau -\"ven sông\"",
        "sông -\"bán rau\"",
    ] {
        let built = built(query);
        for limit in [1, 3, 100] {
            ranks_as_full(&searcher, &built, limit, query);
        }
    }
}

#[test]
fn a_word_alone_is_counted_from_its_term() {
    // A term's count is its document frequency; a boolean query around it walks its postings
    // (300k of one word, in memory: 0.3 ms against under 0.02).
    let counted = built("ma").first.expect("passes").counted();
    assert!(counted.downcast_ref::<tantivy::query::TermQuery>().is_some());
    let counted = built("ma -sông").first.expect("passes").counted();
    assert!(counted.downcast_ref::<tantivy::query::BooleanQuery>().is_some());
}

#[test]
fn exclusions_in_segments_with_deleted_articles_rank_as_the_full_query_does() {
    let (library, _cache, index) = library_in_segments();
    // Replaced and removed files leave deleted documents in their segments.
    write(library.path(), "phien-0-2.txt", "Làng mới", "Chợ làng ven sông, bán rau và cá, mà không ma.");
    fs::remove_file(library.path().join("phien-1-3.txt")).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    let searcher = index.searcher();
    for query in [
        "sông -\"số 2\" -\"đợt 1\"",
        "chợ -\"mà không\" -\"số 4\" -\"số 1\"",
        "\"bán rau\" làng -\"số 1\" -\"đợt 0\" -\"số 5\"",
        "ma chợ rau -\"số 2\" -\"đợt 1\"",
        "sông -sông",
    ] {
        let built = built(query);
        assert!(built.first.is_some(), "{query}");
        for limit in [1, 100] {
            ranks_as_full(&searcher, &built, limit, query);
        }
    }
}
