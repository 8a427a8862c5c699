//! Any query text gives results or a clear message: never a panic, never a hang.

use std::sync::OnceLock;

use crate::support::library::Library;
use crate::support::strategies::hostile_text;
use newsdesk::index::Index;
use proptest::prelude::*;
use serde_json::json;

fn shared() -> &'static (Library, Index) {
    static SHARED: OnceLock<(Library, Index)> = OnceLock::new();
    SHARED.get_or_init(|| {
        let library = Library::new();
        library.json(
            "a.json",
            "Hà Nội mưa lớn",
            "Đường phố ngập. Storm \"quotes\" and a:b",
            json!({"published": "2022-04-14", "tags": ["x"]}),
        );
        library.json("b.json", "Đà Nẵng", "Biển đẹp, trời nắng.", json!({}));
        let index = library.indexed();
        (library, index)
    })
}

/// Pieces the query language gives meaning to, mixed with noise.
fn query_text() -> impl Strategy<Value = String> {
    let cues =
        ["\"", "-", " OR ", "*", ":", "(^", "title:", "after:", "on:2022", "before:2022-04-1", " ", "  "];
    hostile_text(&cues, "[a-zà-ỹđ]{1,8}", 24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn structured_noise_never_panics(query in query_text()) {
        let (_, index) = shared();
        match index.search(&query, 20) {
            Ok(results) => prop_assert!(results.hits.len() <= results.total.max(20)),
            Err(err) => prop_assert!(!err.0.is_empty()),
        }
    }

    #[test]
    fn any_text_never_panics(query in "\\PC{0,200}") {
        let (_, index) = shared();
        let _ = index.search(&query, 5);
    }
}

#[test]
fn very_long_inputs_return_quickly_with_an_answer() {
    let (_, index) = shared();
    for query in ["\"".repeat(10_000), "- *".repeat(3_400), "ha ".repeat(3_400), "đ".repeat(10_000)] {
        let _ = index.search(&query, 20);
    }
}

/// Found by the query fuzzer: an excluded phrase as the whole query tripped a debug assertion
/// inside tantivy's phrase scorer (its release build answers correctly; see Cargo.toml).
#[test]
fn an_excluded_phrase_alone_answers() {
    let (_, index) = shared();
    for query in ["-\"da nang\"", "-\"hà nội\" -\"da nang\""] {
        let results = index.search(query, 10).unwrap();
        assert!(results.hits.iter().all(|hit| hit.article.title != "Đà Nẵng"), "{query}");
    }
    assert!(index.search("-da>o", 10).is_ok());
    let results = index.search("-\"da nang\"", 10).unwrap();
    assert_eq!(results.hits.len(), 1, "only the article without the phrase");
}
