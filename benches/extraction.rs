//! HTML extraction quality and cost on a folder of real pages with answers (the WCXB dev
//! articles: `html/NNNN.html.gz` beside `ground-truth/NNNN.json`).
//!
//! `cargo bench --bench extraction -- DIR [--heldout] [--extractor NAME] [--per-page] [--dump OUT]`
//!
//! Scores word F1 over `\w+` lower-cased multisets, averaged per page, of the text newsdesk
//! shows (lead and body) against the answer's `main_content`; also of the title followed by that
//! text. Metadata: title (exact after whitespace normalisation), author and publication date as
//! the answer gives them (an answer of null wants nothing). Cost: the parsing thread's CPU time
//! per page (p50, p95, max) and the process's peak RSS.
//!
//! The last quarter of the pages by file number is held out: it is scored only with
//! `--heldout`, and `--per-page` refuses it.

mod support;

use std::path::Path;

use newsdesk::article::Article;
use newsdesk::parse::{parse_html_with, Extractor};
use regex::Regex;
use serde_json::Value;
use support::extraction_set::{
    answer as read_answer, mean, page as read_page, pages, score, set_options, shown_text, SetOptions,
};

struct Options {
    set: SetOptions,
    extractor: Extractor,
}

fn options() -> Options {
    let mut extractor = Extractor::default();
    let usage =
        "cargo bench --bench extraction -- DIR [--heldout] [--extractor NAME] [--per-page] [--dump OUT]";
    let set = set_options(usage, |option, args| {
        if option != "--extractor" {
            return false;
        }
        let name = args.next().unwrap_or_default();
        extractor = Extractor::from_name(&name).unwrap_or_else(|| {
            eprintln!("unknown extractor {name:?}; one of {:?}", Extractor::NAMES);
            std::process::exit(2)
        });
        true
    });
    Options { set, extractor }
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The answer's field as text, `None` for null or empty.
fn answer_field(answer: &Value, key: &str) -> Option<String> {
    answer.get(key).and_then(Value::as_str).map(normalise).filter(|s| !s.is_empty())
}

/// Fields right, out of pages.
#[derive(Default)]
struct Tally {
    right: usize,
    pages: usize,
    /// Pages whose answer has the field, and of those the ones right.
    present: usize,
    present_right: usize,
}

impl Tally {
    fn add(&mut self, want: Option<&str>, got: Option<&str>) -> bool {
        let right = want == got;
        self.pages += 1;
        self.right += right as usize;
        if want.is_some() {
            self.present += 1;
            self.present_right += right as usize;
        }
        right
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name:<8} {:5.1} % of pages ({}/{}); {:5.1} % where the answer has one ({}/{})",
            100.0 * self.right as f64 / self.pages.max(1) as f64,
            self.right,
            self.pages,
            100.0 * self.present_right as f64 / self.present.max(1) as f64,
            self.present_right,
            self.present
        )
    }
}

fn thread_cpu_seconds() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let options = options();
    let pattern = Regex::new(r"\w+").expect("regex");
    let ids = pages(&options.set.dir, options.set.heldout);
    let part = if options.set.heldout { "held-out quarter" } else { "tuning three quarters" };
    println!(
        "{} pages ({part}) of {}, extractor {}",
        ids.len(),
        options.set.dir.display(),
        options.extractor.name()
    );
    let (mut body, mut titled) = (Vec::new(), Vec::new());
    let (mut title, mut author, mut date) = (Tally::default(), Tally::default(), Tally::default());
    let (mut errors, mut seconds, mut bytes_read) = (Vec::new(), Vec::new(), 0usize);
    let mut unanswered: Vec<String> = Vec::new();
    for id in &ids {
        let page = read_page(&options.set.dir, id);
        let answer = &read_answer(&options.set.dir, id);
        let main_content = answer["main_content"].as_str().unwrap_or_default();
        if main_content.trim().is_empty() {
            // An answer without text scores nothing whatever is extracted: left out, and said.
            unanswered.push(id.clone());
            continue;
        }
        bytes_read += page.len();
        let start = thread_cpu_seconds();
        let parsed = parse_html_with(Path::new(&format!("{id}.html")), &page, options.extractor);
        seconds.push(thread_cpu_seconds() - start);
        let article = match parsed {
            Ok(article) => article,
            Err(reason) => {
                errors.push(format!("{id}: {reason}"));
                Article::new(format!("{id}.html"), newsdesk::article::Format::Html, "")
            }
        };
        if let Some(dump) = &options.set.dump {
            let lines: Vec<String> = article
                .body
                .iter()
                .map(|b| format!("{:?}\t{}", b.kind, b.text.replace('\n', " / ")))
                .collect();
            let lead = article.lead.as_deref().map(|l| format!("Lead\t{l}\n")).unwrap_or_default();
            std::fs::write(dump.join(format!("{id}.txt")), format!("{lead}{}\n", lines.join("\n")))
                .expect("dump");
        }
        let text = shown_text(&article);
        let page_score = score(&pattern, &text, main_content);
        body.push(page_score);
        titled.push(score(&pattern, &format!("{}\n{text}", article.title), main_content));
        let published = article.published.map(|p| p.date.format("%Y-%m-%d").to_string());
        let fields = [
            ("title", &mut title, answer_field(answer, "title"), Some(normalise(&article.title))),
            ("author", &mut author, answer_field(answer, "author"), article.author.clone()),
            ("date", &mut date, answer_field(answer, "publish_date"), published),
        ];
        let mut misses = String::new();
        for (name, tally, want, got) in fields {
            if !tally.add(want.as_deref(), got.as_deref()) {
                misses.push_str(&format!("\n    {name}: want {want:?}, got {got:?}"));
            }
        }
        if options.set.per_page {
            println!(
                "{id} F1 {:.3} P {:.3} R {:.3}{misses}",
                page_score.f1, page_score.precision, page_score.recall
            );
        }
    }
    seconds.sort_by(f64::total_cmp);
    let total: f64 = seconds.iter().sum();
    println!("body (lead + blocks) against main_content:");
    println!(
        "  F1 {:.3}  precision {:.3}  recall {:.3}",
        mean(&body, |s| s.f1),
        mean(&body, |s| s.precision),
        mean(&body, |s| s.recall)
    );
    println!("title + body against main_content:");
    println!(
        "  F1 {:.3}  precision {:.3}  recall {:.3}",
        mean(&titled, |s| s.f1),
        mean(&titled, |s| s.precision),
        mean(&titled, |s| s.recall)
    );
    let below = |limit: f64| body.iter().filter(|s| s.f1 < limit).count();
    println!("  pages under F1 0.5: {}, under 0.8: {}", below(0.5), below(0.8));
    println!("metadata:");
    println!("  {}", title.line("title"));
    println!("  {}", author.line("author"));
    println!("  {}", date.line("date"));
    if !unanswered.is_empty() {
        println!("left out, their answer has no main_content: {}", unanswered.join(" "));
    }
    println!("errors: {}", errors.len());
    for error in &errors {
        println!("  {error}");
    }
    println!(
        "cost: CPU per page p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {:.1} s for {:.1} MB ({:.0} pages/s on one core); peak RSS {:.0} MiB",
        percentile(&seconds, 0.5) * 1e3,
        percentile(&seconds, 0.95) * 1e3,
        seconds.last().copied().unwrap_or(0.0) * 1e3,
        total,
        bytes_read as f64 / 1e6,
        seconds.len() as f64 / total.max(1e-9),
        peak_rss_mib()
    );
}
