//! WARC throughput: `cargo bench --bench warc -- CORPUS_DIR [--mb N]... [--rounds R] [--dir DIR]
//! [--keep]`. Writes, for each `--mb` (default 1000 and 250), a library holding one `.warc.gz`
//! of about that many MB on disk (a gzip member per record, as crawlers write them): for each
//! article of the corpus (its `.txt` files: the first line the title, the rest paragraphs) a
//! request record, an HTML response (the article in a page with a menu, styles, a script, a
//! related list and a footer) and an image response of incompressible bytes; the corpus is
//! gone through again (new URLs and ids) until the size is reached. Then, `--rounds` times
//! with the sizes interleaved, a fresh `newsdesk index` of each (the release binary, a child
//! process): wall time, CPU, peak RSS (`wait4`), records and pages a second, MB a second on
//! disk and decompressed. The generated folders are deleted after unless `--keep`.

use std::fs;
use std::io::{BufWriter, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use flate2::write::GzEncoder;

mod support;
use support::corpus_articles;

struct Generated {
    dir: PathBuf,
    on_disk: u64,
    decompressed: u64,
    records: u64,
    pages: u64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|arg| arg != "--bench").collect();
    let corpus =
        PathBuf::from(args.first().expect("usage: warc CORPUS_DIR [--mb N]... [--rounds R] [--dir DIR]"));
    let value = |flag: &str| args.iter().position(|arg| arg == flag).and_then(|at| args.get(at + 1)).cloned();
    let mut sizes: Vec<u64> =
        args.windows(2).filter(|pair| pair[0] == "--mb").filter_map(|pair| pair[1].parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1000, 250];
    }
    let rounds: usize = value("--rounds").and_then(|r| r.parse().ok()).unwrap_or(2);
    let base = PathBuf::from(value("--dir").unwrap_or_else(|| "/tmp/newsdesk-warc-bench".into()));
    let articles = corpus_articles(&corpus);
    println!("corpus: {} articles from {}", articles.len(), corpus.display());
    let generated: Vec<Generated> = sizes
        .iter()
        .map(|&mb| {
            let started = Instant::now();
            let made = generate(&base.join(format!("lib-{mb}")), &articles, mb << 20);
            println!(
                "generated {} MB: {} records, {} pages, {:.0} MB decompressed, in {:.0} s",
                made.on_disk >> 20,
                made.records,
                made.pages,
                made.decompressed as f64 / 1_048_576.0,
                started.elapsed().as_secs_f64()
            );
            made
        })
        .collect();
    println!("\n| run | file | records | pages | wall | CPU | records/s | pages/s | MB/s on disk | MB/s decompressed | peak RSS | indexed |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for round in 1..=rounds {
        for made in &generated {
            let run = index_once(made);
            println!(
                "| {round} | {} MB | {} | {} | {:.1} s | {:.1} s | {:.0} | {:.0} | {:.1} | {:.1} | {:.0} MB | {} |",
                made.on_disk >> 20,
                made.records,
                made.pages,
                run.wall,
                run.cpu,
                made.records as f64 / run.wall,
                made.pages as f64 / run.wall,
                made.on_disk as f64 / 1_048_576.0 / run.wall,
                made.decompressed as f64 / 1_048_576.0 / run.wall,
                run.peak_rss_kb as f64 / 1024.0,
                run.indexed,
            );
        }
    }
    if !args.iter().any(|arg| arg == "--keep") {
        for made in &generated {
            let _ = fs::remove_dir_all(&made.dir);
        }
        let _ = fs::remove_dir(&base);
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The page of article `number` (pass `pass`), linking to the next three.
fn page(articles: &[(String, Vec<String>)], number: usize, pass: usize) -> String {
    let (title, paragraphs) = &articles[number];
    let menu: String = (0..24).map(|n| format!("<li><a href=\"/muc-{n}\">Mục {n}</a></li>")).collect();
    let related: String = (1..=3)
        .map(|step| {
            let other = (number + step) % articles.len();
            format!("<li><a href=\"{}\">{}</a></li>", url(other, pass), escape(&articles[other].0))
        })
        .collect();
    let body: String = paragraphs.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
    // Styles and a script as pages carry them, varied a little so gzip cannot fold them away.
    let style: String = (0..40)
        .map(|n| {
            format!(".c{n}-{number}{{margin:{n}px {}px;color:#{:06x}}}", n % 7, n * 2_654_435 % 0xff_ffff)
        })
        .collect();
    let script: String =
        (0..40).map(|n| format!("window.t{n}={};", (number * 7_919 + n * 104_729) % 1_000_003)).collect();
    format!(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta property=\"og:title\" content=\"{t}\"><style>{style}</style><script>{script}</script></head>\
         <body><header><nav><ul>{menu}</ul></nav></header><main><article><h1>{t}</h1>{body}</article>\
         <aside class=\"related\"><h2>Tin liên quan</h2><ul>{related}</ul></aside></main>\
         <footer><p>Báo mẫu — số {number}</p></footer></body></html>",
        t = escape(title)
    )
}

fn url(number: usize, pass: usize) -> String {
    format!("https://bao.example.vn/p{pass}/bai-{number}.html")
}

fn record(kind: &str, id: u64, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{id:012x}>\r\n\
         WARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-01T08:00:00Z\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Writes `dir/crawl.warc.gz` of about `target` bytes (reused when it is there already).
fn generate(dir: &Path, articles: &[(String, Vec<String>)], target: u64) -> Generated {
    fs::create_dir_all(dir.join("library")).unwrap();
    let path = dir.join("library/crawl.warc.gz");
    let mut out = BufWriter::with_capacity(1 << 20, fs::File::create(&path).unwrap());
    let (mut on_disk, mut decompressed, mut records, mut pages, mut id) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let write = |record: Vec<u8>, out: &mut BufWriter<fs::File>| {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(&record).unwrap();
        let member = encoder.finish().unwrap();
        out.write_all(&member).unwrap();
        (member.len() as u64, record.len() as u64)
    };
    'passes: for pass in 0.. {
        for number in 0..articles.len() {
            let uri = url(number, pass);
            let request = format!("GET /p{pass}/bai-{number}.html HTTP/1.1\r\nHost: bao.example.vn\r\n\r\n");
            let html = page(articles, number, pass);
            let mut response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                html.len()
            )
            .into_bytes();
            response.extend_from_slice(html.as_bytes());
            let mut image = b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
            for _ in 0..12 * 1024 / 8 {
                // xorshift64: bytes a compressor cannot shrink, as a photo's.
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                image.extend_from_slice(&state.to_le_bytes());
            }
            let image_uri = format!("https://bao.example.vn/anh/{pass}-{number}.jpg");
            for (kind, uri, content_type, block) in [
                ("request", &uri, "application/http; msgtype=request", request.as_bytes()),
                ("response", &uri, "application/http; msgtype=response", &response[..]),
                ("response", &image_uri, "application/http; msgtype=response", &image[..]),
            ] {
                id += 1;
                let (disk, plain) = write(record(kind, id, uri, content_type, block), &mut out);
                on_disk += disk;
                decompressed += plain;
                records += 1;
            }
            pages += 1;
            if on_disk >= target {
                break 'passes;
            }
        }
    }
    out.flush().unwrap();
    Generated { dir: dir.to_path_buf(), on_disk, decompressed, records, pages }
}

struct Run {
    wall: f64,
    cpu: f64,
    peak_rss_kb: u64,
    indexed: usize,
}

/// A fresh `newsdesk index` of the generated library, as a child process.
// The child is reaped by `wait4` (for its peak RSS), which clippy does not see.
#[allow(clippy::zombie_processes)]
fn index_once(made: &Generated) -> Run {
    let cache = made.dir.join("cache");
    let _ = fs::remove_dir_all(&cache);
    let started = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_newsdesk"))
        .arg("index")
        .env("NEWSDESK_LIBRARY", made.dir.join("library"))
        .env("NEWSDESK_CACHE_DIR", &cache)
        .env("NEWSDESK_CONFIG", "/dev/null")
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("the release binary");
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: the pid is our own unreaped child; status and usage outlive the call.
    let reaped = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    assert!(reaped > 0, "wait4: {}", std::io::Error::last_os_error());
    assert!(std::process::ExitStatus::from_raw(status).success(), "newsdesk index failed");
    let seconds = |time: libc::timeval| time.tv_sec as f64 + time.tv_usec as f64 / 1e6;
    let library = made.dir.join("library");
    let (index, _) =
        newsdesk::index::Index::open(&library, &newsdesk::paths::index_dir(&library, &cache)).unwrap();
    Run {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_rss_kb: usage.ru_maxrss as u64,
        indexed: index.len(),
    }
}
