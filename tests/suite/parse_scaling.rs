//! No input shape costs more than about linear time: every format, generated at 1, 2, 4 and 8 MB
//! in the worst shapes we know (deep nesting, many short lines, many anchors or headers, one long
//! line), must parse in CPU time that grows about as the size does. Measured as a ratio of the
//! parsing thread's own CPU time (not wall time: other processes do not count), so no absolute
//! threshold: linear work gives 8× from 1 to 8 MB, quadratic 64×; the bound is 20×. The ladder
//! starts at 128 KB and allows 2.5× the size's ratio at each step, so a square fails early.

use std::path::Path;

use newsdesk::parse::parse;

const MB: usize = 1024 * 1024;
const KB: usize = 1024;
/// From 128 KB, so that a square is caught before it reaches sizes where it would run for an hour.
const SIZES: [usize; 7] = [128 * KB, 256 * KB, 512 * KB, MB, 2 * MB, 4 * MB, 8 * MB];
/// From 1 MB to 8 MB: linear is 8, n·log n about 9, quadratic 64.
const MAX_GROWTH: f64 = 20.0;

/// One input shape: a file name (its extension picks the parser) and a generator of about `size`
/// bytes.
struct Shape {
    name: &'static str,
    file: &'static str,
    generate: fn(usize) -> String,
}

/// `unit` repeated until the text reaches `size` bytes, between `head` and `tail`; a `{n}` in
/// `unit` becomes the repetition's number, so no two units are the same.
fn repeat(head: &str, unit: &str, tail: &str, size: usize) -> String {
    let mut text = String::with_capacity(size + 2 * unit.len());
    text.push_str(head);
    let mut number = 0usize;
    while text.len() + unit.len() + tail.len() <= size {
        if unit.contains("{n}") {
            text.push_str(&unit.replace("{n}", &number.to_string()));
        } else {
            text.push_str(unit);
        }
        number += 1;
    }
    text.push_str(tail);
    text
}

const PROSE: &str = "Người dân phường Tân Định đã quen với tiếng còi tàu mỗi sáng, và nhiều người nói rằng họ sẽ nhớ nó khi tuyến đường sắt cũ đóng cửa vào cuối năm nay. ";

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "page dump: many short lines",
            file: "a.txt",
            generate: |n| {
                repeat("Tag\nGiao thông\n\nTiêu đề bài viết thử nghiệm dài vừa phải\n\nTin tức 14/04/2022 17:06\naa\n", "Tin\n", "", n)
            },
        },
        Shape {
            name: "page dump: related headers and items",
            file: "a.txt",
            generate: |n| {
                repeat(
                    "Tag\nX\n\nTiêu đề\n\nTin tức 14/04/2022 17:06\n",
                    "Tin liên quan\nMột tiêu đề bài liên quan khá dài\nĐọc thêm\n",
                    "",
                    n,
                )
            },
        },
        Shape {
            name: "page dump: date lines and prose",
            file: "a.txt",
            generate: |n| {
                repeat(
                    "Tiêu đề\n\nThứ năm, 14/4/2022, 08:15 (GMT+7)\n",
                    "14/04/2022 17:06\nTRẦN VĂN AN\n",
                    "",
                    n,
                )
            },
        },
        Shape {
            name: "page dump: paragraphs",
            file: "a.txt",
            generate: |n| {
                repeat(
                    "Tag\nX\n\nTiêu đề\n\nTin tức 14/04/2022 17:06\n",
                    &format!("{PROSE}{PROSE}\n\n"),
                    "",
                    n,
                )
            },
        },
        Shape {
            name: "page dump: short distinct lines, no prose",
            file: "a.txt",
            generate: |n| {
                repeat("Tag\nGiao thông\n\nTiêu đề\n\nTin tức 14/04/2022 17:06\n", "Dòng số {n}\n\n", "", n)
            },
        },
        Shape {
            name: "plain text: one long line", file: "a.txt", generate: |n| repeat("", "chữ ", "\n", n)
        },
        Shape {
            name: "plain text: many short lines",
            file: "a.txt",
            generate: |n| repeat("Tiêu đề\n\n", "a\n", "", n),
        },
        Shape {
            name: "markdown: nested flow collections in YAML",
            file: "a.md",
            generate: |n| {
                let depth = n / 2;
                format!("---\ntitle: {}{}\n---\nBody.\n", "[".repeat(depth), "]".repeat(depth))
            },
        },
        Shape {
            name: "markdown: long YAML front matter",
            file: "a.md",
            generate: |n| repeat("---\n", "tags: [a, b, c]\nx: &a [*a, *a]\n", "---\nBody.\n", n),
        },
        Shape {
            name: "markdown: nested TOML arrays",
            file: "a.md",
            generate: |n| {
                let depth = n / 2;
                format!("+++\ntags = {}{}\n+++\nBody.\n", "[".repeat(depth), "]".repeat(depth))
            },
        },
        Shape {
            name: "markdown: nested quotes and lists",
            file: "a.md",
            generate: |n| repeat("# Tiêu đề\n\n", "> - > - > - ", "x\n", n),
        },
        Shape {
            name: "markdown: many related links",
            file: "a.md",
            generate: |n| {
                repeat(
                    "# Tiêu đề\n\nMở đầu.\n\n## Đọc thêm\n\n",
                    "- [Một bài liên quan {n}](https://example.vn/a{n})\n",
                    "",
                    n,
                )
            },
        },
        Shape {
            name: "markdown: many headings",
            file: "a.md",
            generate: |n| repeat("# T\n\n", "## Đọc thêm\n\n", "", n),
        },
        Shape {
            name: "html: many anchors in one related block",
            file: "a.html",
            generate: |n| {
                repeat(
                "<html><head><title>T</title></head><body><article><p>Bài viết.</p></article><div class=\"related\">",
                "<a href=\"/bai-viet-lien-quan-{n}\">Một bài liên quan số {n}</a> ",
                "</div></body></html>",
                n,
            )
            },
        },
        Shape {
            name: "html: many related sections",
            file: "a.html",
            generate: |n| {
                repeat(
                    "<html><body><article><p>Bài viết.</p></article>",
                    "<section><h3>Đọc thêm</h3><a href=\"/a{n}\">Một bài liên quan {n}</a></section>",
                    "</body></html>",
                    n,
                )
            },
        },
        Shape {
            name: "html: deep nesting",
            file: "a.html",
            generate: |n| {
                let depth = n / 11;
                format!(
                    "<html><body>{}x{}</body></html>",
                    "<div><span>".repeat(depth / 2),
                    "</span></div>".repeat(depth / 2)
                )
            },
        },
        Shape {
            name: "html: unclosed nesting",
            file: "a.html",
            generate: |n| repeat("<html><body>", "<div><b>", "", n),
        },
        Shape {
            name: "html: many paragraphs",
            file: "a.html",
            generate: |n| {
                repeat(
                    "<html><body><article><h1>T</h1>",
                    &format!("<p>{PROSE}</p>"),
                    "</article></body></html>",
                    n,
                )
            },
        },
        Shape {
            name: "json: deep nesting",
            file: "a.json",
            generate: |n| format!("{{\"title\": \"T\", \"x\": {}{}}}", "[".repeat(n / 2), "]".repeat(n / 2)),
        },
        Shape {
            name: "json: many related links",
            file: "a.json",
            generate: |n| {
                let head = "{\"title\": \"T\", \"body\": \"B\", \"related\": [";
                let mut text = repeat(
                    head,
                    "{\"title\": \"Một bài liên quan {n}\", \"url\": \"https://e.vn/a{n}\"},",
                    "",
                    n,
                );
                text.push_str("{\"title\": \"cuối\"}]}");
                text
            },
        },
    ]
}

/// CPU time this thread has used, in seconds.
fn thread_cpu_seconds() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

/// The least CPU time of `runs` parses: the floor, less disturbed by the machine than one run.
fn parse_cost(file: &str, text: &str, runs: usize) -> f64 {
    (0..runs)
        .map(|_| {
            let start = thread_cpu_seconds();
            let _ = std::hint::black_box(parse(Path::new(file), text.as_bytes()));
            thread_cpu_seconds() - start
        })
        .fold(f64::INFINITY, f64::min)
}

/// Growth over the first size's cost allowed at `size`: linear work grows as the size, and the
/// margin is 2.5× that. From 1 MB to 8 MB it is [`MAX_GROWTH`] (a square would be 64×).
fn allowed_growth(size: usize) -> f64 {
    2.5 * (size / SIZES[0]) as f64
}

/// The CPU cost of parsing `shape` at each of [`SIZES`], smallest first; stops at the first size
/// past its allowed growth, so a square fails in seconds instead of running for an hour.
fn costs_of(shape: &Shape) -> Vec<f64> {
    let mut costs = Vec::new();
    for &size in &SIZES {
        let text = (shape.generate)(size);
        // Small inputs are measured more often: their floor is what the ratios divide by.
        let runs = match size {
            s if s <= 512 * KB => 3,
            s if s <= MB => 2,
            _ => 1,
        };
        costs.push(parse_cost(shape.file, &text, runs));
        if growth(&costs, 0) > allowed_growth(size) {
            break;
        }
    }
    costs
}

/// The last cost over the one at `from` (floored at a tenth of a millisecond).
fn growth(costs: &[f64], from: usize) -> f64 {
    costs[costs.len() - 1] / costs[from].max(1e-4)
}

/// What is wrong with the costs measured, if anything.
fn verdict(costs: &[f64]) -> Option<String> {
    let size = SIZES[costs.len() - 1];
    if growth(costs, 0) > allowed_growth(size) {
        return Some(format!("{:.1}× from {} KB to {} KB", growth(costs, 0), SIZES[0] / KB, size / KB));
    }
    let one_mb = SIZES.iter().position(|&s| s == MB).expect("1 MB is measured");
    (growth(costs, one_mb) > MAX_GROWTH).then(|| format!("{:.1}× from 1 to 8 MB", growth(costs, one_mb)))
}

#[test]
fn every_format_parses_in_about_linear_time() {
    let shapes = shapes();
    // Two threads, each timing its own CPU: the machine's other work does not count.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let failures = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| loop {
                let at = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(shape) = shapes.get(at) else { break };
                let costs = costs_of(shape);
                let shown: Vec<String> = costs.iter().map(|c| format!("{:.1}", c * 1000.0)).collect();
                eprintln!("{:<45} ms: {}", shape.name, shown.join(" "));
                if let Some(why) = verdict(&costs) {
                    failures.lock().unwrap().push(format!(
                        "{}: {why} (ms: {})",
                        shape.name,
                        shown.join(", ")
                    ));
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "grows faster than linear:\n{}", failures.join("\n"));
}

#[test]
fn the_generators_make_what_they_say() {
    for shape in shapes() {
        let text = (shape.generate)(MB);
        assert!(
            text.len() >= MB * 9 / 10 && text.len() <= MB * 11 / 10,
            "{}: {} bytes",
            shape.name,
            text.len()
        );
    }
}
