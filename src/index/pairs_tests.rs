//! Word pairs find what the phrase of words finds: the same articles and totals, with the pairs
//! in use and without them.

use std::fs;
use std::path::Path;

use super::pairs::{self, CommonWords};
use crate::index::Index;

/// Words every article draws from (each common), and words one article in eight holds.
const COMMON: [&str; 6] = ["hà", "nội", "ha", "mưa", "phố", "xe"];
const RARE: [&str; 4] = ["đèo", "cầu", "bến", "chợ"];

/// A library of 160 articles of pseudo-random words: phrases of common words meet in every
/// order, next to each other and apart, across a paragraph's end and inside one.
fn library(at: &Path) {
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    for n in 0..160 {
        let mut paragraphs = Vec::new();
        for _ in 0..3 {
            let words: Vec<&str> = (0..12)
                .map(|_| {
                    if n % 8 == 0 && next(4) == 0 {
                        RARE[next(RARE.len())]
                    } else {
                        COMMON[next(COMMON.len())]
                    }
                })
                .collect();
            paragraphs.push(words.join(" "));
        }
        let title = format!("Bản tin số {n}");
        fs::write(at.join(format!("tin-{n:03}.txt")), format!("{title}\n\n{}\n", paragraphs.join("\n\n")))
            .unwrap();
    }
}

fn found(index: &Index, query: &str, every_match: bool) -> (usize, Vec<String>) {
    let results = if every_match { index.search_every_match(query, 500) } else { index.search(query, 500) };
    let results = results.unwrap();
    let mut paths: Vec<String> = results
        .hits
        .iter()
        .flat_map(|hit| std::iter::once(&hit.article).chain(&hit.copies))
        .map(|article| article.path.display().to_string())
        .collect();
    paths.sort();
    (results.total, paths)
}

const PHRASES: [&str; 10] = [
    "\"hà nội\"",
    "\"ha noi\"",
    "\"nội hà\"",
    "\"mưa phố xe\"",
    "\"phố phố\"",
    "\"xe hà nội mưa\"",
    "\"hà nội\" xe",
    "\"mưa đèo\"",
    "\"hà nội đèo phố xe\"",
    "\"đèo hà\" \"phố mưa xe\"",
];

#[test]
fn pairs_find_what_the_phrase_of_words_finds() {
    let library_dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    library(library_dir.path());
    let dir = cache.path().join("index");
    let (index, _) = Index::open(library_dir.path(), &dir).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    let id =
        pairs::in_use(&index.searcher(), index.fields.pairs_set).expect("one set, every document marked");
    let common = CommonWords::load(&dir, id).expect("its file");
    for word in ["ha", "noi", "mua", "pho", "xe"] {
        assert!(common.contains(word), "{word} is common");
    }
    assert!(
        !common.contains("deo"),
        "a word in a fifth of the words is in fewer articles' share? it is not common"
    );
    // The two-word phrase is one pair term in the text's pass (the rest compares the answers).
    let mut analyzers = super::build::Analyzers {
        exact: super::analysis::exact_analyzer(),
        folded: super::analysis::folded_analyzer(),
    };
    let items = super::query::parse("\"hà nội\"").unwrap();
    let passes = super::first_pass::plain_text(&index.fields, &items, &mut analyzers, &common).unwrap();
    let term = passes.count().downcast_ref::<tantivy::query::TermQuery>().expect("one term");
    assert_eq!(term.term().field(), index.fields.pairs);
    let mut matched = 0;
    for phrase in PHRASES {
        let with_pairs = found(&index, phrase, false);
        let by_words = found(&index, phrase, true);
        assert_eq!(with_pairs, by_words, "{phrase}");
        matched += usize::from(with_pairs.0 > 0 && with_pairs.0 < 160);
    }
    assert!(matched >= 6, "the phrases tell articles apart ({matched})");
    // The set's file gone: phrases walk their words, and find the same.
    fs::remove_file(dir.join(format!("{}{id:016x}", pairs::FILE_PREFIX))).unwrap();
    for phrase in PHRASES {
        assert_eq!(found(&index, phrase, false), found(&index, phrase, true), "{phrase}, without the set");
    }
    // A rebuild learns the set again and keeps only its file.
    index.refresh(true, &mut |_| {}).unwrap();
    let sets: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| pairs::is_set_file(name))
        .collect();
    assert_eq!(sets, [format!("{}{id:016x}", pairs::FILE_PREFIX)]);
}

#[test]
fn pairs_join_adjacent_common_words_of_one_text_only() {
    let articles = (0..100).map(|n| vec!["Hà Nội mưa", if n % 2 == 0 { "phố" } else { "cầu" }]);
    let common = CommonWords::learn(articles);
    assert!(
        common.contains("ha") && common.contains("noi") && common.contains("pho") && common.contains("cau")
    );
    let words = |text: &str| -> Vec<String> { text.split(' ').map(str::to_string).collect() };
    assert_eq!(common.pairs_of(&words("ha noi mua")), ["ha noi", "noi mua"]);
    assert_eq!(common.pairs_of(&words("ha noi deo pho mua")), ["ha noi", "pho mua"]);
    assert!(common.pairs_of(&words("ha deo")).is_empty());
    let few = CommonWords::learn((0..10).map(|_| vec!["Hà Nội"]));
    assert!(!few.contains("ha"), "ten articles say nothing");
}

#[test]
fn only_the_sets_own_names_are_its_files() {
    assert!(pairs::is_set_file("newsdesk-common-words-00ff00ff00ff00ff"));
    assert!(pairs::is_set_file("newsdesk-common-words-00ff00ff00ff00ff.tmp-123"));
    for other in [
        "newsdesk-common-words-",
        "newsdesk-common-words-00ff",
        "newsdesk-common-words-00ff00ff00ff00ffx",
        "newsdesk-common-words-00ff00ff00ff00ff.tmp-",
    ] {
        assert!(!pairs::is_set_file(other), "{other}");
    }
}
