//! Related links resolved to saved articles (URL, title, close title search) and back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::library::{file_name, Library};
use newsdesk::article::{Article, RelatedLink};
use newsdesk::index::{title_similarity, Index, ResolvedBy, TITLE_SIMILARITY_THRESHOLD};
use serde_json::{json, Value};

fn link(title: &str, url: Option<&str>) -> RelatedLink {
    RelatedLink { url: url.map(str::to_string), ..RelatedLink::titled(title) }
}

fn resolve(index: &Index, links: Vec<RelatedLink>) -> Vec<(Option<String>, Option<ResolvedBy>)> {
    let mut article = Article::new("/elsewhere/x.json", newsdesk::article::Format::Json, "x");
    article.related = links;
    index
        .resolve_related(&article)
        .into_iter()
        .map(|resolved| (resolved.target.map(|t| file_name(&t.path)), resolved.by))
        .collect()
}

#[test]
fn by_url_then_title_then_close_title_and_not_otherwise() {
    let library = Library::new();
    let gold = "Giá vàng hôm nay tăng mạnh sau phiên họp của Fed";
    library.json(
        "gold.json",
        gold,
        "Giá vàng tăng.",
        json!({"url": "https://www.tin.example/kinh-te/gia-vang-123.html"}),
    );
    library.json("rain.json", "Hà Nội: mưa to!", "Mưa.", json!({}));
    let index = library.indexed();

    let close = "Giá vàng hôm nay tăng mạnh sau cuộc họp của Fed";
    let far = "Giá vàng hôm nay tăng mạnh";
    assert!(title_similarity(close, gold) >= TITLE_SIMILARITY_THRESHOLD);
    assert!(title_similarity(far, gold) < TITLE_SIMILARITY_THRESHOLD);
    let found = resolve(
        &index,
        vec![
            link(
                "A different title",
                Some("http://m.tin.example/amp/kinh-te/gia-vang-123.html/?utm_source=fb#top"),
            ),
            link("HÀ NỘI — MƯA TO", None),
            link(close, None),
            link(far, None),
            link("Giá vàng", Some("https://tin.example/kinh-te/gia-vang-999.html")),
        ],
    );
    let gold_name = Some("gold.json".to_string());
    assert_eq!(
        found,
        [
            (gold_name.clone(), Some(ResolvedBy::Url)),
            (Some("rain.json".into()), Some(ResolvedBy::Title)),
            (gold_name, Some(ResolvedBy::Search)),
            (None, None),
            (None, None),
        ]
    );
}

#[test]
fn linked_from_finds_each_way_a_link_can_resolve() {
    let library = Library::new();
    let target = library.json(
        "target.json",
        "Cầu mới thông xe",
        "Cầu mới.",
        json!({"url": "https://news.example/cau-moi"}),
    );
    library.json(
        "by_url.json",
        "A",
        "a",
        json!({"related": [{"title": "x", "url": "https://www.news.example/cau-moi/"}]}),
    );
    library.json("by_title.json", "B", "b", json!({"related": [{"title": "cầu mới thông xe!"}]}));
    library.json("by_search.json", "C", "c", json!({"related": [{"title": "Cầu mới đã thông xe"}]}));
    library.json("unrelated.json", "D", "d", json!({"related": [{"title": "Cầu cũ sửa xong"}]}));
    let index = library.indexed();
    let article = newsdesk::parse::read_article(&target).unwrap();
    let sources: Vec<String> = index.linked_from(&article).iter().map(|s| file_name(&s.path)).collect();
    assert_eq!(sources, ["by_search.json", "by_title.json", "by_url.json"]);
}

/// The sample library: every related link resolves as `sample_expectations.json` says, and
/// "linked from" is the exact reverse.
#[test]
fn sample_library_links_resolve_as_expected() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles");
    let text =
        std::fs::read_to_string(root.parent().unwrap().join("tests/fixtures/sample_expectations.json"))
            .unwrap();
    let expectations: Vec<Value> = serde_json::from_str(&text).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let (index, _) = Index::open(&root, cache.path()).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();

    let mut checked = 0;
    let mut expected_backlinks: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut parsed = BTreeMap::new();
    for entry in &expectations {
        let (path, member) = (entry["path"].as_str().unwrap(), entry["member"].as_str());
        let relative = crate::samples::sample_key(path, member);
        let article = crate::samples::read_sample(&root, path, member).unwrap();
        let resolved = index.resolve_related(&article);
        let wanted = entry["resolves_to"].as_array().unwrap();
        assert_eq!(resolved.len(), wanted.len(), "{relative}: related links");
        for (got, want) in resolved.iter().zip(wanted) {
            let want = want.as_str();
            let got_path = got.target.as_ref().map(|t| sample_name(&root, t));
            assert_eq!(got_path.as_deref(), want, "{relative}: {}", got.link.title);
            if let Some(want) = want {
                expected_backlinks.entry(want.to_string()).or_default().insert(relative.to_string());
            }
            checked += 1;
        }
        parsed.insert(relative, article);
    }
    assert!(checked >= 100, "only {checked} links checked");
    for (relative, article) in &parsed {
        let got: BTreeSet<String> =
            index.linked_from(article).iter().map(|s| sample_name(&root, s)).collect();
        let want: BTreeSet<String> = expected_backlinks.remove(relative).unwrap_or_default();
        assert_eq!(got, want, "linked from {relative}");
    }
}

/// A saved article's name in the sample expectations (see [`crate::samples::sample_key`]).
fn sample_name(root: &Path, summary: &newsdesk::index::ArticleSummary) -> String {
    let relative = summary.path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
    crate::samples::sample_key(&relative, summary.member.as_deref())
}

/// Every sample article is the top hit for its own title, typed with or without accents.
#[test]
fn sample_titles_find_their_article_with_or_without_accents() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles");
    let cache = tempfile::tempdir().unwrap();
    let (index, _) = Index::open(&root, cache.path()).unwrap();
    index.refresh(false, &mut |_| {}).unwrap();
    assert!(index.len() >= 20, "{} articles", index.len());
    for summary in index.articles() {
        for typed in [summary.title.clone(), newsdesk::text::fold(&summary.title)] {
            let query = format!("title:\"{}\"", typed.replace('"', " "));
            let results = index.search(&query, 3).unwrap();
            let top = results.hits.first().map(|hit| hit.article.address());
            assert_eq!(top, Some(summary.address()), "{query}");
        }
    }
}
