//! Fidelity of the page-dump parser: each dump of a folder against its hand-written
//! `.expected.json` (format in tests/fixtures/page_dumps/README.md), field by field, tallied per
//! field and per outlet. Shared by the suite (`page_dump_fidelity`) and `benches/fidelity.rs`.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use newsdesk::article::{Article, BlockKind};
use newsdesk::parse::FurnitureModel;
use serde::Deserialize;

/// The fields every dump is checked on, in report order.
pub const FIELDS: [&str; 15] = [
    "title",
    "date",
    "author",
    "source",
    "category",
    "tags",
    "lead",
    "headings",
    "captions",
    "related titles",
    "related count",
    "related details",
    "furniture kept out",
    "body first",
    "body last",
];

#[derive(Debug, Clone, Deserialize)]
pub struct Expected {
    pub outlet: String,
    pub title: String,
    pub published: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    pub lead: Option<String>,
    pub headings: Vec<String>,
    pub captions: Vec<String>,
    pub related: Vec<ExpectedLink>,
    pub body_first: Option<String>,
    pub body_last: Option<String>,
    pub furniture: Vec<String>,
    /// Fields the expectation does not pin (the sample library's expectations have no body
    /// first/last, and their furniture is checked in the body only).
    #[serde(skip)]
    pub unpinned: Vec<&'static str>,
    #[serde(skip)]
    pub furniture_in_body_only: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ExpectedLink {
    pub title: String,
    pub category: Option<String>,
    pub published: Option<String>,
    pub summary: Option<String>,
}

/// One field of one dump: right or not, and both sides for the failure list.
#[derive(Debug, Clone)]
pub struct Check {
    pub field: &'static str,
    pub right: bool,
    pub want: String,
    pub got: String,
}

fn check(field: &'static str, want: String, got: String) -> Check {
    Check { field, right: want == got, want, got }
}

fn blocks(article: &Article, kind: BlockKind) -> Vec<String> {
    article.body.iter().filter(|b| b.kind == kind).map(|b| b.text.clone()).collect()
}

/// Paragraph-like blocks: what a reader reads as the article's running text.
fn running_text(article: &Article) -> Vec<&str> {
    let prose = |kind| matches!(kind, BlockKind::Paragraph | BlockKind::Quote | BlockKind::ListItem);
    article.body.iter().filter(|b| prose(b.kind)).map(|b| b.text.as_str()).collect()
}

/// The furniture lines found where the article's own text is: title, lead, body (captions may
/// hold a byline, see the README), related titles.
pub fn furniture_inside(article: &Article, furniture: &[String]) -> Vec<String> {
    let mut texts: Vec<&str> = vec![article.title.as_str()];
    texts.extend(article.lead.as_deref());
    texts.extend(article.body.iter().filter(|b| b.kind != BlockKind::Caption).map(|b| b.text.as_str()));
    texts.extend(article.related.iter().map(|l| l.title.as_str()));
    furniture.iter().filter(|f| texts.iter().any(|t| t.contains(f.as_str()))).cloned().collect()
}

/// Every field of `article` against `expected`.
pub fn checks(expected: &Expected, article: &Article) -> Vec<Check> {
    let debug = |value: &dyn std::fmt::Debug| format!("{value:?}");
    let related_titles: Vec<&str> = article.related.iter().map(|l| l.title.as_str()).collect();
    let want_titles: Vec<&str> = expected.related.iter().map(|l| l.title.as_str()).collect();
    let details = |links: Vec<(Option<String>, Option<String>, Option<String>)>| debug(&links);
    let got_details = article
        .related
        .iter()
        .map(|l| (l.category.clone(), l.published.map(|p| p.to_iso()), l.summary.clone()))
        .collect();
    let want_details = expected
        .related
        .iter()
        .map(|l| (l.category.clone(), l.published.clone(), l.summary.clone()))
        .collect();
    let running = running_text(article);
    let inside = if expected.furniture_in_body_only {
        let body = article.body_text();
        expected.furniture.iter().filter(|f| body.contains(f.as_str())).cloned().collect()
    } else {
        furniture_inside(article, &expected.furniture)
    };
    let all = vec![
        check("title", expected.title.clone(), article.title.clone()),
        check("date", debug(&expected.published), debug(&article.published.map(|p| p.to_iso()))),
        check("author", debug(&expected.author), debug(&article.author)),
        check("source", debug(&expected.source), debug(&article.source)),
        check("category", debug(&expected.category), debug(&article.category)),
        check("tags", debug(&expected.tags), debug(&article.tags)),
        check("lead", debug(&expected.lead), debug(&article.lead)),
        check("headings", debug(&expected.headings), debug(&blocks(article, BlockKind::Heading))),
        check("captions", debug(&expected.captions), debug(&blocks(article, BlockKind::Caption))),
        check("related titles", debug(&want_titles), debug(&related_titles)),
        check("related count", expected.related.len().to_string(), article.related.len().to_string()),
        check("related details", details(want_details), details(got_details)),
        Check {
            field: "furniture kept out",
            right: inside.is_empty(),
            want: "none inside".into(),
            got: debug(&inside),
        },
        check("body first", debug(&expected.body_first), debug(&running.first())),
        check("body last", debug(&expected.body_last), debug(&running.last())),
    ];
    all.into_iter().filter(|c| !expected.unpinned.contains(&c.field)).collect()
}

/// The furniture model `index` would learn from these files.
pub fn learn_from<'a>(paths: impl Iterator<Item = &'a Path>) -> FurnitureModel {
    let lines: Vec<_> = paths
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            newsdesk::parse::site_lines(path, &bytes)
        })
        .collect();
    FurnitureModel::learn(&lines)
}

/// A dump that could not be read: every field it pins is wrong.
pub fn unread(expected: &Expected, reason: &str) -> Vec<Check> {
    FIELDS
        .iter()
        .filter(|field| !expected.unpinned.contains(field))
        .map(|field| Check { field, right: false, want: "the dump read".into(), got: reason.to_string() })
        .collect()
}

/// The dumps of a folder that have expectations, sorted by name.
pub fn expectations(dir: &Path) -> Vec<(PathBuf, Expected)> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return out };
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
        let Some(stem) = name.strip_suffix(".expected.json") else { continue };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected: Expected =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((dir.join(format!("{stem}.txt")), expected));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Right / checked, per field, per outlet and in all; and the failed checks, per file.
#[derive(Default)]
pub struct Tally {
    pub right: usize,
    pub checked: usize,
    pub per_field: BTreeMap<&'static str, (usize, usize)>,
    pub per_outlet: BTreeMap<String, (usize, usize)>,
    pub failures: Vec<(String, Check)>,
}

impl Tally {
    pub fn add(&mut self, name: &str, outlet: &str, checks: Vec<Check>) {
        for check in checks {
            let right = usize::from(check.right);
            self.right += right;
            self.checked += 1;
            let field = self.per_field.entry(check.field).or_default();
            field.0 += right;
            field.1 += 1;
            let by_outlet = self.per_outlet.entry(outlet.to_string()).or_default();
            by_outlet.0 += right;
            by_outlet.1 += 1;
            if !check.right {
                self.failures.push((name.to_string(), check));
            }
        }
    }

    pub fn share(&self) -> f64 {
        if self.checked == 0 {
            return 0.0;
        }
        self.right as f64 / self.checked as f64
    }

    /// The aggregate and per-field figures (nothing that names or quotes a file).
    pub fn summary(&self, label: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{label}: {} / {} fields right ({:.1} %)",
            self.right,
            self.checked,
            100.0 * self.share()
        );
        let _ = writeln!(out, "  per field:");
        for field in FIELDS {
            if let Some((right, checked)) = self.per_field.get(field) {
                let _ = writeln!(out, "    {field:<20} {right:>3} / {checked:<3}");
            }
        }
        out
    }

    /// The summary, then per outlet, then every failed check with both sides.
    pub fn report(&self, label: &str) -> String {
        let mut out = self.summary(label);
        let _ = writeln!(out, "  per outlet:");
        for (outlet, (right, checked)) in &self.per_outlet {
            let _ = writeln!(out, "    {outlet:<20} {right:>3} / {checked:<3}");
        }
        if !self.failures.is_empty() {
            let _ = writeln!(out, "  failed:");
        }
        for (name, check) in &self.failures {
            let _ = writeln!(
                out,
                "    {name} · {}\n      want {}\n      got  {}",
                check.field, check.want, check.got
            );
        }
        out
    }
}
