//! Any bytes, under any of the extensions newsdesk reads: parsing returns an article or a
//! reason, never panics, and the article holds no control characters.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 7] = ["a.txt", "a.md", "a.html", "a.json", "a.htm", "a.mhtml", "a.webarchive"];

fuzz_target!(|data: &[u8]| {
    let Some((selector, bytes)) = data.split_first() else { return };
    let name = NAMES[*selector as usize % NAMES.len()];
    if let Ok(article) = newsdesk::parse::parse(Path::new(name), bytes) {
        let json = serde_json::to_string(&article).unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert!(!value.to_string().contains("\\u001b"), "escape character in {name}");
        assert!(!article.title.chars().any(|c| c.is_control()));
    }
});
