//! Phrases looked up by pairs find what a walk over the words' positions finds.

use std::fs;
use std::path::Path;

use super::{PairWords, PAIRS_FILE};
use crate::index::Index;

/// Articles where "hà nội", "giáo dục" and "bộ giáo dục" stand together, apart, across a long
/// word, at the end of a title and the start of the text, and with other accents.
fn library(dir: &Path) {
    let long = "x".repeat(60);
    let bodies = [
        ("a", "Hà Nội mưa lớn", "Sáng nay Hà Nội mưa, bộ giáo dục họp ở hà nội."),
        ("b", "Phố cổ", "Người Hà đến Nội Bài; nói chuyện giáo dục và bộ sách."),
        ("c", "Hà", &format!("Nội dung: hà {long} nội, bộ giáo {long} dục.")),
        ("d", "Giá vàng", "Giá vàng ở Hà Nội tăng; hả nói rằng bố giáo dục con."),
        ("e", "Bộ Giáo dục", "Bộ giáo dục và Hà Nội bàn về giáo dục Hà Nội, hà nội."),
        ("f", "Sông Hồng", "Mưa ở Huế, nắng ở Đà Nẵng, gió ở Hà Tĩnh."),
    ];
    for round in 0..4 {
        for (name, title, body) in &bodies {
            fs::write(dir.join(format!("{name}{round}.txt")), format!("{title}\n\n{body} Lần {round}.\n"))
                .unwrap();
        }
    }
}

/// The paths of every hit of `query`, sorted, and the total.
fn hits(index: &Index, query: &str) -> (Vec<String>, usize) {
    let found = index.search_every_match(query, 100).unwrap();
    let articles = found.hits.iter().flat_map(|hit| std::iter::once(&hit.article).chain(&hit.copies));
    let mut paths: Vec<String> =
        articles.map(|article| article.path.file_name().unwrap().to_string_lossy().into()).collect();
    paths.sort();
    (paths, found.total)
}

#[test]
fn phrases_by_pairs_match_where_the_words_stand_together() {
    let library_dir = tempfile::tempdir().unwrap();
    library(library_dir.path());
    let cache = tempfile::tempdir().unwrap();
    // One index learns the common words from the library; the other is made with none.
    let (with_pairs, _) = Index::open(library_dir.path(), &cache.path().join("pairs")).unwrap();
    let plain_dir = cache.path().join("plain");
    fs::create_dir(&plain_dir).unwrap();
    PairWords::default().publish(&plain_dir).unwrap();
    let (plain, _) = Index::open(library_dir.path(), &plain_dir).unwrap();
    for index in [&with_pairs, &plain] {
        index.refresh(false, &mut |_| {}).unwrap();
    }
    let learned = PairWords::load(&cache.path().join("pairs")).unwrap();
    assert!(["ha", "noi", "giao", "duc", "bo"].iter().all(|word| learned.contains(word.as_bytes())));
    assert!(PairWords::load(&plain_dir).unwrap().is_empty());
    let queries = [
        "\"hà nội\"",
        "\"ha noi\"",
        "\"bộ giáo dục\"",
        "\"giáo dục hà nội\"",
        "\"giá vàng ở hà nội\"",
        "title:\"hà nội\"",
        "\"hà nội\" -mưa",
        "\"hà nội\" OR huế",
        "\"hà nội\" \"giáo dục\"",
        "\"nội dung\"",
    ];
    for query in queries {
        let (by_pairs, plain_hits) = (hits(&with_pairs, query), hits(&plain, query));
        assert_eq!(by_pairs, plain_hits, "{query}");
        // The passes count what every match does.
        assert_eq!(with_pairs.search(query, 5).unwrap().total, by_pairs.1, "{query}");
    }
    assert_eq!(hits(&with_pairs, "\"hà nội\"").1, 12, "a, d, e: not b (apart) nor c (a long word between)");
    // A word being typed is completed by words, never by a pair that starts with it.
    let typed = with_pairs.search_as_you_type("giáo dục hà", 5).unwrap();
    assert!(!typed.terms.iter().any(|term| term.starts_with("ha ")), "{:?}", typed.terms);
}

#[test]
fn an_index_without_its_common_words_is_rebuilt() {
    let library_dir = tempfile::tempdir().unwrap();
    library(library_dir.path());
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().join("index");
    let (index, _) = Index::open(library_dir.path(), &dir).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    drop(index);
    fs::remove_file(dir.join(PAIRS_FILE)).unwrap();
    let (index, notes) = Index::open(library_dir.path(), &dir).unwrap();
    assert!(notes.iter().any(|note| note.contains(PAIRS_FILE)), "{notes:?}");
    assert!(PairWords::load(&dir).is_some_and(|words| !words.is_empty()));
    index.refresh(false, &mut |_| {}).unwrap();
    assert_eq!(hits(&index, "\"hà nội\"").1, 12);
}
