//! Any string as a search-box query over a small index built once: a result or a message,
//! never a panic, and every highlight inside its snippet.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsdesk::index::Index;

struct Fixture {
    _dir: PathBuf,
    index: Index,
}

/// A temp dir with a few articles and their index, made on the first input.
fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("newsdesk-fuzz-query-{}", std::process::id()));
        let library = dir.join("library");
        std::fs::create_dir_all(&library).expect("fuzz library");
        let articles = [
            ("a.json", r#"{"title": "Mưa lớn ở Hà Nội", "published": "2024-05-02", "category": "Thời tiết", "tags": ["mưa"], "author": "Lê Na", "body": "Nhiều phố ngập sau cơn mưa lớn. Tiếng Việt có dấu."}"#),
            ("b.md", "---\ntitle: Council budget\ndate: 2023-01-09\n---\n\nThe council passed the river budget.\n"),
            ("c.txt", "Đà Nẵng nắng đẹp\n\nBiển xanh, du lịch đông khách, covid-19 qua rồi.\n"),
        ];
        for (name, text) in articles {
            std::fs::write(library.join(name), text).expect("fuzz article");
        }
        let (index, _) = Index::open(&library, &dir.join("index")).expect("fuzz index");
        index.refresh(false, &mut |_| {}).expect("fuzz refresh");
        Fixture { _dir: dir, index }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else { return };
    if let Ok(results) = fixture().index.search(query, 5) {
        for hit in &results.hits {
            for range in &hit.snippet.highlights {
                assert!(range.end <= hit.snippet.text.len() && hit.snippet.text.is_char_boundary(range.start));
            }
        }
    }
});
