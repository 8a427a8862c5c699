//! The page-dump parser on real pages: each page of the extraction set (the WCXB dev articles)
//! rendered to the text a browser's "select all, copy" gives, then read exactly as `show` reads
//! a saved `.txt` (single-file rules, no learned furniture: each page is its own site), and
//! scored against the page's human-reviewed answer.
//!
//! `cargo bench --bench real_dumps -- DIR [--heldout] [--per-page] [--dump OUT]`
//!
//! Per page: taken as a page dump or not; title (equal after white space and quotes are tidied;
//! the answer as a prefix or suffix of ours counted apart, not as right); author and date where the
//! answer has one (the same people; the same day); body word F1 of lead + body against the answer's
//! `main_content` (without its first line where that is the title); the answer's `without` snippets kept out of
//! the lead + body and its `with` snippets kept in. The last quarter of the pages is held out:
//! `--heldout` prints aggregates only and refuses `--per-page` and `--dump`.

mod support;

use std::path::{Path, PathBuf};

use newsdesk::article::{Article, Format};
use regex::Regex;
use serde_json::Value;
use support::extraction_set::{answer, mean, page, pages, score, set_options, shown_text, Score, SetOptions};
use support::field_match::{fold, holds, same_people, tidy, title_match, TitleMatch};
use support::inner_text::inner_text;

fn options() -> SetOptions {
    set_options("cargo bench --bench real_dumps -- DIR [--heldout] [--per-page] [--dump OUT]", |_, _| false)
}

fn answer_field(answer: &Value, key: &str) -> Option<String> {
    answer.get(key).and_then(Value::as_str).map(tidy).filter(|s| !s.is_empty())
}

fn snippets(answer: &Value, key: &str) -> Vec<String> {
    answer
        .get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect()
}

/// Counts over the pages.
#[derive(Default)]
struct Totals {
    pages: usize,
    dumps: usize,
    title_equal: usize,
    title_contains: usize,
    author: (usize, usize),
    /// Authors given: wrong against the answer's, or given where the answer has none.
    author_given: (usize, usize, usize),
    date: (usize, usize),
    body: Vec<Score>,
    without: (usize, usize),
    with: (usize, usize),
}

fn share(right: usize, of: usize) -> String {
    format!("{:5.1} % ({right}/{of})", 100.0 * right as f64 / of.max(1) as f64)
}

impl Totals {
    fn print(&self) {
        let good = self.body.iter().filter(|s| s.f1 >= 0.8).count();
        println!("  taken as a page dump   {}", share(self.dumps, self.pages));
        println!("  title right            {}", share(self.title_equal, self.pages));
        println!(
            "  title answer ⊂ ours    {} (prefix or suffix; not counted right)",
            share(self.title_contains, self.pages)
        );
        println!(
            "  author right           {} of pages whose answer has one",
            share(self.author.0, self.author.1)
        );
        let (given, wrong, unasked) = self.author_given;
        println!("  author given           {given}: wrong {wrong}, where the answer has none {unasked}");
        println!(
            "  date right             {} of pages whose answer has one",
            share(self.date.0, self.date.1)
        );
        println!(
            "  body F1 mean {:.3} (P {:.3} R {:.3}); pages ≥ 0.8 {}",
            mean(&self.body, |s| s.f1),
            mean(&self.body, |s| s.precision),
            mean(&self.body, |s| s.recall),
            share(good, self.body.len())
        );
        println!("  furniture kept out     {} of `without` snippets", share(self.without.0, self.without.1));
        println!("  content kept in        {} of `with` snippets", share(self.with.0, self.with.1));
    }
}

fn main() {
    let options = options();
    let pattern = Regex::new(r"\w+").expect("regex");
    let ids = pages(&options.dir, options.heldout);
    let part = if options.heldout { "held-out quarter" } else { "tuning three quarters" };
    println!("{} pages ({part}) of {}, rendered as page dumps", ids.len(), options.dir.display());
    let mut totals = Totals::default();
    let mut unanswered = Vec::new();
    for id in &ids {
        let answer = answer(&options.dir, id);
        let main_content = answer["main_content"].as_str().unwrap_or_default();
        let title = answer_field(&answer, "title").unwrap_or_default();
        // The answer's text starts with its title on a few pages only (16 of 709): a first line
        // is left out when it is the title, never a first paragraph.
        let body_answer = match main_content.trim_start().split_once('\n') {
            Some((first, rest)) if !title.is_empty() && tidy(first) == title => rest,
            _ => main_content,
        };
        if main_content.trim().is_empty() {
            unanswered.push(id.clone());
            continue;
        }
        let bytes = page(&options.dir, id);
        let html = newsdesk::parse::decode(&bytes).map(|d| d.text).unwrap_or_default();
        let text = inner_text(&html);
        let path = PathBuf::from(format!("{id}.txt"));
        let article = newsdesk::parse::parse(&path, text.as_bytes())
            .unwrap_or_else(|_| Article::new(path.clone(), Format::Plain, ""));
        let dump = article.format == Format::PageDump;
        let shown = shown_text(&article);
        let folded = fold(&shown);
        totals.pages += 1;
        totals.dumps += dump as usize;
        let mut misses = String::new();
        match title_match(&title, &article.title) {
            TitleMatch::Equal => totals.title_equal += 1,
            TitleMatch::Contains => {
                totals.title_contains += 1;
                misses.push_str(&format!("\n    title ⊃: want {title:?}, got {:?}", article.title));
            }
            TitleMatch::Wrong => {
                misses.push_str(&format!("\n    title: want {title:?}, got {:?}", article.title))
            }
        }
        let given = article.author.as_deref().is_some_and(|a| !a.trim().is_empty());
        totals.author_given.0 += given as usize;
        if let Some(want) = answer_field(&answer, "author") {
            totals.author.1 += 1;
            let got = article.author.clone().unwrap_or_default();
            if same_people(&want, &got) {
                totals.author.0 += 1;
            } else {
                totals.author_given.1 += given as usize;
                misses.push_str(&format!("\n    author: want {want:?}, got {:?}", article.author));
            }
        } else if given {
            totals.author_given.2 += 1;
            misses.push_str(&format!("\n    author: want none, got {:?}", article.author));
        }
        if let Some(want) = answer_field(&answer, "publish_date") {
            totals.date.1 += 1;
            let got = article.published.map(|p| p.date.format("%Y-%m-%d").to_string());
            if got.as_deref() == want.get(..10) {
                totals.date.0 += 1;
            } else {
                misses.push_str(&format!("\n    date: want {want:?}, got {got:?}"));
            }
        }
        let page_score = score(&pattern, &shown, body_answer);
        totals.body.push(page_score);
        for snippet in snippets(&answer, "without") {
            totals.without.1 += 1;
            if holds(&folded, &snippet) {
                misses.push_str(&format!("\n    furniture kept: {snippet:?}"));
            } else {
                totals.without.0 += 1;
            }
        }
        for snippet in snippets(&answer, "with") {
            totals.with.1 += 1;
            if holds(&folded, &snippet) {
                totals.with.0 += 1;
            } else {
                misses.push_str(&format!("\n    content lost: {snippet:?}"));
            }
        }
        if options.per_page {
            let kind = if dump { "dump" } else { "plain" };
            println!(
                "{id} {kind} F1 {:.3} P {:.3} R {:.3}{misses}",
                page_score.f1, page_score.precision, page_score.recall
            );
        }
        if let Some(out) = &options.dump {
            write_dump(out, id, &text, &article);
        }
    }
    println!("aggregates:");
    totals.print();
    if !unanswered.is_empty() {
        println!("left out, their answer has no main_content: {}", unanswered.join(" "));
    }
}

/// The rendered page, and what newsdesk read of it, for a person to compare with the answer.
fn write_dump(out: &Path, id: &str, text: &str, article: &Article) {
    std::fs::write(out.join(format!("{id}.txt")), text).expect("dump");
    let mut read = format!(
        "format\t{:?}\ntitle\t{}\nauthor\t{:?}\ndate\t{:?}\ncategory\t{:?}\nlead\t{:?}\n",
        article.format,
        article.title,
        article.author,
        article.published.map(|p| p.date),
        article.category,
        article.lead
    );
    for block in &article.body {
        read.push_str(&format!("{:?}\t{}\n", block.kind, block.text.replace('\n', " / ")));
    }
    for link in &article.related {
        read.push_str(&format!("related\t{link:?}\n"));
    }
    std::fs::write(out.join(format!("{id}.out")), read).expect("dump");
}
