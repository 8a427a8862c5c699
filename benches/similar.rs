//! Similar articles and stories: `cargo bench --bench similar -- CORPUS_DIR [--index-dir DIR]
//! [--sample N] [--judge FILE]`. Indexes the corpus (kept in `--index-dir` between runs), then
//! times grouping the stories, `similar` on a sample of articles (wall and thread CPU, p50/p95),
//! and the related pane's whole fill (parse, links, same story, similar), and counts the
//! articles with at least 5 similar ones and the stories of more than one article.
//! `--judge FILE` writes, for judging by hand, the first 50 sampled articles with their top 3
//! and 100 pairs of grouped articles, each with the start of its text. Keep FILE out of the
//! repository: it quotes the corpus.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk::index::Index;

mod support;
use support::{percentile, thread_cpu};

/// Similar articles asked for, as the reader's pane does.
const LIMIT: usize = 8;

struct Args {
    corpus: PathBuf,
    index_dir: Option<PathBuf>,
    sample: usize,
    judge: Option<PathBuf>,
}

fn args() -> Args {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| arg != "--bench").collect();
    let value = |flag: &str| args.iter().position(|arg| arg == flag).and_then(|at| args.get(at + 1)).cloned();
    let flagged: Vec<usize> =
        args.iter().enumerate().filter(|(_, arg)| arg.starts_with("--")).map(|(at, _)| at + 1).collect();
    let corpus = (0..args.len())
        .find(|at| !args[*at].starts_with("--") && !flagged.contains(at))
        .map(|at| PathBuf::from(&args[at]))
        .expect(
            "usage: cargo bench --bench similar -- CORPUS_DIR [--index-dir DIR] [--sample N] [--judge FILE]",
        );
    Args {
        corpus,
        index_dir: value("--index-dir").map(PathBuf::from),
        sample: value("--sample").and_then(|n| n.parse().ok()).unwrap_or(1000),
        judge: value("--judge").map(PathBuf::from),
    }
}

fn main() {
    let args = args();
    let temporary = tempfile::tempdir().expect("temp dir");
    let index_dir = args.index_dir.clone().unwrap_or_else(|| temporary.path().join("index"));
    let (index, _) = Index::open(&args.corpus, &index_dir).expect("open index");
    let started = Instant::now();
    let summary = index.refresh(false, &mut |_| {}).expect("index");
    println!("refresh: {:.1} s ({} added)", started.elapsed().as_secs_f64(), summary.added);

    let started = Instant::now();
    index.prepare_stories();
    let grouping = started.elapsed();
    let by_address = index.stories_by_address();
    let mut groups: HashMap<&String, Vec<&PathBuf>> = HashMap::new();
    for (address, story) in &by_address {
        groups.entry(story).or_default().push(&address.path);
    }
    let mut groups: Vec<Vec<&PathBuf>> = groups.into_values().filter(|members| members.len() > 1).collect();
    groups.iter_mut().for_each(|members| members.sort());
    groups.sort();
    let grouped: usize = groups.iter().map(Vec::len).sum();

    let articles = index.articles();
    let step = (articles.len() / args.sample.max(1)).max(1);
    let sample: Vec<&PathBuf> = articles.iter().step_by(step).map(|summary| &summary.path).collect();
    let files = index.files().expect("library");
    let mut wall = Vec::new();
    let mut cpu = Vec::new();
    let mut pane = Vec::new();
    let mut with_five = 0;
    let mut judged = Vec::new();
    for path in &sample {
        let pane_started = Instant::now();
        let Ok(article) = files.read_article_in(path, Default::default()) else { continue };
        let _ = (index.resolve_related(&article), index.linked_from(&article), index.same_story(&article));
        let (wall_started, cpu_started) = (Instant::now(), thread_cpu());
        let similar = index.similar(&article, LIMIT);
        cpu.push(thread_cpu() - cpu_started);
        wall.push(wall_started.elapsed());
        pane.push(pane_started.elapsed());
        if similar.len() >= 5 {
            with_five += 1;
        }
        if judged.len() < 50 {
            judged.push((
                (*path).clone(),
                similar.into_iter().take(3).map(|found| found.article.path).collect(),
            ));
        }
    }

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("| what | figure |");
    println!("|---|---|");
    println!("| articles | {} |", articles.len());
    println!("| stories of more than one article | {} ({grouped} articles) |", groups.len());
    println!("| grouping the stories (once per index state) | {:.0} ms |", ms(grouping));
    println!("| sampled articles | {} |", wall.len());
    println!(
        "| with ≥ {} similar (limit {LIMIT}) | {with_five} ({:.1} %) |",
        5,
        100.0 * with_five as f64 / wall.len().max(1) as f64
    );
    for (name, samples) in
        [("similar, wall", &wall), ("similar, thread CPU", &cpu), ("pane fill, wall", &pane)]
    {
        println!(
            "| {name} p50 / p95 / max | {:.1} / {:.1} / {:.1} ms |",
            ms(percentile(samples, 50.0)),
            ms(percentile(samples, 95.0)),
            ms(percentile(samples, 100.0))
        );
    }
    if let Some(file) = &args.judge {
        write_judging(file, &judged, &groups).expect("write the judging file");
        println!("for judging: {}", file.display());
    }
}

/// The start of a file's text, on one line.
fn opening(path: &Path, chars: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(chars).collect()
}

fn write_judging(
    file: &Path,
    judged: &[(PathBuf, Vec<PathBuf>)],
    groups: &[Vec<&PathBuf>],
) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(file)?);
    writeln!(out, "# Similar: article, then its top 3\n")?;
    for (number, (path, top)) in judged.iter().enumerate() {
        writeln!(out, "## {}. {}\n{}", number + 1, path.display(), opening(path, 300))?;
        for found in top {
            writeln!(out, "  -> {}: {}", found.display(), opening(found, 200))?;
        }
        writeln!(out)?;
    }
    writeln!(out, "# Same story: 100 grouped pairs\n")?;
    let step = (groups.len() / 100).max(1);
    for (number, members) in groups.iter().step_by(step).take(100).enumerate() {
        writeln!(out, "## pair {} (story of {})", number + 1, members.len())?;
        for member in members.iter().take(2) {
            writeln!(out, "  {}: {}", member.display(), opening(member, 400))?;
        }
        writeln!(out)?;
    }
    out.flush()
}
