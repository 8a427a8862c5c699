//! Every article of `sample-articles/` parses to exactly what `tests/fixtures/sample_expectations.json`
//! says (written by hand from the files, not from the parser's output). A file of many articles
//! (a WARC crawl) has an entry per member, with its `member`.

use std::path::{Path, PathBuf};

use newsdesk::article::{Article, BlockKind};
use newsdesk::parse::{self, LastLink, ParseContext, SkipReason};
use serde::Deserialize;

/// One article's expectations (the fidelity report reads the page dumps' too).
#[derive(Deserialize)]
pub struct Expected {
    pub path: String,
    /// The article's member, in a file of many.
    #[serde(default)]
    pub member: Option<String>,
    pub format: String,
    pub title: String,
    pub published: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub url: Option<String>,
    pub lead: Option<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub related: Vec<ExpectedLink>,
    pub body_must_not_contain: Vec<String>,
}

#[derive(Deserialize, Debug, PartialEq)]
pub struct ExpectedLink {
    pub title: String,
    pub category: Option<String>,
    pub url: Option<String>,
    pub summary: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An article's name in the expectations: its path in the sample library, and `#member` for a
/// member of a file of many.
pub fn sample_key(relative: &str, member: Option<&str>) -> String {
    match member {
        Some(member) => format!("{relative}#{member}"),
        None => relative.to_string(),
    }
}

/// The sample article at `relative` (and `member`), read as `show` reads it.
pub fn read_sample(root: &Path, relative: &str, member: Option<&str>) -> Result<Article, SkipReason> {
    parse::read_address(&root.join(relative), member, LastLink::Follow, ParseContext::default())
}

pub fn expectations() -> Vec<Expected> {
    let text = std::fs::read_to_string(root().join("tests/fixtures/sample_expectations.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn texts(article: &Article, kind: BlockKind) -> Vec<String> {
    article.body.iter().filter(|b| b.kind == kind).map(|b| b.text.clone()).collect()
}

/// Every difference between the article and what is expected of it.
fn differences(expected: &Expected, article: &Article) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |name: &str, want: String, got: String| {
        if want != got {
            out.push(format!("  {name}:\n    want {want}\n    got  {got}"));
        }
    };
    check("format", expected.format.clone(), article.format.as_str().into());
    check("title", expected.title.clone(), article.title.clone());
    check(
        "published",
        format!("{:?}", expected.published),
        format!("{:?}", article.published.map(|p| p.to_iso())),
    );
    check("category", format!("{:?}", expected.category), format!("{:?}", article.category));
    check("author", format!("{:?}", expected.author), format!("{:?}", article.author));
    check("source", format!("{:?}", expected.source), format!("{:?}", article.source));
    check("tags", format!("{:?}", expected.tags), format!("{:?}", article.tags));
    check("url", format!("{:?}", expected.url), format!("{:?}", article.url));
    check("lead", format!("{:?}", expected.lead), format!("{:?}", article.lead));
    check(
        "headings",
        format!("{:?}", expected.headings),
        format!("{:?}", texts(article, BlockKind::Heading)),
    );
    check(
        "captions",
        format!("{:?}", expected.captions),
        format!("{:?}", texts(article, BlockKind::Caption)),
    );
    let related: Vec<ExpectedLink> = article
        .related
        .iter()
        .map(|l| ExpectedLink {
            title: l.title.clone(),
            category: l.category.clone(),
            url: l.url.clone(),
            summary: l.summary.clone(),
        })
        .collect();
    let count = expected.related.len().max(related.len());
    for index in 0..count {
        check(
            &format!("related[{index}]"),
            format!("{:?}", expected.related.get(index)),
            format!("{:?}", related.get(index)),
        );
    }
    let body = article.body_text();
    for furniture in &expected.body_must_not_contain {
        if body.contains(furniture.as_str()) {
            out.push(format!("  body contains {furniture:?}"));
        }
    }
    out
}

#[test]
fn every_sample_article_parses_exactly() {
    let mut failures = Vec::new();
    let expectations = expectations();
    assert!(expectations.len() >= 30, "the sample library has at least 30 articles");
    for expected in &expectations {
        let name = sample_key(&expected.path, expected.member.as_deref());
        match read_sample(&root().join("sample-articles"), &expected.path, expected.member.as_deref()) {
            Ok(article) => {
                let diff = differences(expected, &article);
                if !diff.is_empty() {
                    failures.push(format!("{name}:\n{}", diff.join("\n")));
                }
                if !article.warnings.is_empty() {
                    failures.push(format!("{name}: unexpected warnings {:?}", article.warnings));
                }
            }
            Err(reason) => failures.push(format!("{name}: skipped: {reason}")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} articles differ:\n{}",
        failures.len(),
        expectations.len(),
        failures.join("\n")
    );
}

/// Every sample file, and every member of a file of many, has expectations.
#[test]
fn every_sample_file_has_expectations() {
    let expected: Vec<String> =
        expectations().iter().map(|e| sample_key(&e.path, e.member.as_deref())).collect();
    let scan = newsdesk::scan::scan_library(&root().join("sample-articles")).unwrap();
    assert!(scan.skipped.is_empty(), "{:?}", scan.skipped);
    let mut containers = 0;
    for file in scan.files {
        let relative = file.path.strip_prefix(root().join("sample-articles")).unwrap();
        let relative = relative.to_string_lossy().replace('\\', "/");
        let mut members = Vec::new();
        if matches!(parse::container_kind_at(&file.path, LastLink::Follow), Ok(Some(_))) {
            containers += 1;
            let limits = parse::Limits::default();
            let report = parse::read_members_at(
                &file.path,
                LastLink::Follow,
                ParseContext::default(),
                limits,
                &mut |a| {
                    members.push(a.member);
                    true
                },
            )
            .unwrap();
            assert_eq!(report.stopped, None, "{relative}");
            assert!(members.len() >= 2, "{relative}: a sample crawl holds a few articles");
        } else {
            members.push(None);
        }
        for member in members {
            let key = sample_key(&relative, member.as_deref());
            assert!(expected.contains(&key), "{key} has no expectations");
        }
    }
    assert!(containers >= 1, "the sample library shows a file of many articles");
}
