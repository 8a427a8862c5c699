//! The worst input shapes we know for each format, generated at any size, and the CPU time of
//! parsing them: shared by the scaling test and `cargo bench --bench parse_scaling`.

use std::path::Path;

use newsdesk::parse::parse;

/// One input shape: a file name (its extension picks the parser) and a generator of about `size`
/// bytes.
pub struct Shape {
    pub name: &'static str,
    pub file: &'static str,
    pub generate: fn(usize) -> String,
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

pub fn shapes() -> Vec<Shape> {
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
        Shape {
            name: "mhtml: many tiny parts",
            file: "a.mhtml",
            generate: |n| {
                let head = format!("{MHTML_HEAD}--b\nContent-Type: text/html\n\n<h1>T</h1><p>{PROSE}</p>\n");
                repeat(
                    &head,
                    "--b\nContent-Type: image/png\nContent-Location: https://e.vn/{n}.png\n\nx\n",
                    "--b--\n",
                    n,
                )
            },
        },
        Shape {
            name: "mhtml: many folded header lines",
            file: "a.mhtml",
            generate: |n| {
                let head = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\nX-Long: a";
                let tail = format!("\n\n--b\nContent-Type: text/html\n\n<h1>T</h1><p>{PROSE}</p>\n--b--\n");
                repeat(head, "\n\tword", &tail, n)
            },
        },
        Shape {
            name: "mhtml: quoted-printable soft line breaks",
            file: "a.mhtml",
            generate: |n| {
                let head = format!(
                    "{MHTML_HEAD}--b\nContent-Type: text/html; charset=utf-8\n\
                     Content-Transfer-Encoding: quoted-printable\n\n<h1>T</h1><p>"
                );
                repeat(&head, "Ng=C6=B0=E1=BB=9Di d=C3=A2n =3D=\n", "</p>\n--b--\n", n)
            },
        },
    ]
}

const MHTML_HEAD: &str = "From: <Saved by Blink>\nSnapshot-Content-Location: https://e.vn/a\n\
                          MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"b\"\n\n";

/// CPU time this thread has used, in seconds.
pub fn thread_cpu_seconds() -> f64 {
    let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as f64 + now.tv_nsec as f64 / 1e9
}

/// The least CPU time of `runs` parses: the floor, less disturbed by the machine than one run.
pub fn parse_cost(file: &str, text: &str, runs: usize) -> f64 {
    (0..runs)
        .map(|_| {
            let start = thread_cpu_seconds();
            let _ = std::hint::black_box(parse(Path::new(file), text.as_bytes()));
            thread_cpu_seconds() - start
        })
        .fold(f64::INFINITY, f64::min)
}
