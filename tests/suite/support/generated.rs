//! A large ordinary library, generated: articles in every format, Vietnamese and English words
//! drawn from small pools by a seeded generator, so every run builds the same library.

use std::fs;
use std::path::Path;

/// xorshift64: deterministic and good enough to pick words and moments.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "hà nội",
    "sài gòn",
    "đà nẵng",
    "mưa lớn",
    "giao thông",
    "kinh tế",
    "thị trường",
    "học sinh",
    "bệnh viện",
    "nông dân",
    "lúa gạo",
    "điện",
    "nước sạch",
    "cầu mới",
    "đường sắt",
    "du lịch",
    "bão",
    "lũ",
    "giá vàng",
    "xuất khẩu",
    "river",
    "council",
    "budget",
    "harbour",
    "railway",
    "school",
    "harvest",
    "market",
    "storm",
    "museum",
    "festival",
    "bridge",
    "library",
    "election",
];

/// Queries whose complete answers the crash tests compare: common and rare, accented and not.
pub const QUERIES: &[&str] = &[
    "hà nội",
    "ha noi",
    "kinh tế",
    "bão",
    "council budget",
    "\"mưa lớn\"",
    "railway -storm",
    "museum OR harbour",
];

fn sentence(rng: &mut Rng, words: usize) -> String {
    let mut text: String = (0..words).map(|_| rng.pick(WORDS)).collect::<Vec<_>>().join(" ");
    if let Some(first) = text.chars().next() {
        text.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    text.push('.');
    text
}

/// Writes `count` articles (JSON, plain text, Markdown, HTML in turn) in ten folders.
pub fn write_library(root: &Path, count: usize) {
    let mut rng = Rng::new(0x5eed_2000);
    for i in 0..count {
        let folder = root.join(format!("section-{}", i % 10));
        fs::create_dir_all(&folder).expect("library folder");
        let title = format!("{} {i}", sentence(&mut rng, 4).trim_end_matches('.'));
        let paragraphs: Vec<String> = (0..4)
            .map(|_| {
                let words = 12 + rng.below(30);
                sentence(&mut rng, words)
            })
            .collect();
        let day = 1 + i % 28;
        let (name, text) = match i % 4 {
            0 => (
                format!("a{i:04}.json"),
                serde_json::json!({
                    "title": title, "published": format!("2023-05-{day:02}"),
                    "body": paragraphs.join("\n\n"), "tags": [rng.pick(WORDS)],
                })
                .to_string(),
            ),
            1 => (format!("a{i:04}.txt"), format!("{title}\n\n{}\n", paragraphs.join("\n\n"))),
            2 => (
                format!("a{i:04}.md"),
                format!("---\ntitle: \"{title}\"\ndate: 2023-06-{day:02}\n---\n\n{}\n", paragraphs.join("\n\n")),
            ),
            _ => (
                format!("a{i:04}.html"),
                format!(
                    "<!doctype html><html><head><title>{title}</title></head><body><article><h1>{title}</h1>{}</article></body></html>",
                    paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect::<String>()
                ),
            ),
        };
        fs::write(folder.join(name), text).expect("article");
    }
}
