//! Properties of parsing and sanitising that must hold for any input.

use std::path::Path;

use crate::support::is_forbidden;
use crate::support::strategies::hostile_text;
use newsdesk::article::Article;
use newsdesk::parse::parse;
use newsdesk::text::{clean, sanitize};
use proptest::prelude::*;

fn all_text(article: &Article) -> String {
    let value = serde_json::to_value(article).unwrap();
    let mut out = String::new();
    collect_strings(&value, &mut out);
    out
}

fn collect_strings(value: &serde_json::Value, out: &mut String) {
    match value {
        serde_json::Value::String(s) => out.push_str(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Text that looks like the things parsers look for, with hostile characters mixed in.
fn article_like_text() -> impl Strategy<Value = String> {
    let cues = [
        "Tag\n",
        "Đọc thêm\n",
        "Xem thêm",
        "Tin tức 14/04/2022 17:06\n",
        "Thứ năm, 14/4/2022, 17:06 (GMT+7)\n",
        "aa\n",
        "NSTĐ - ",
        "---\ntitle: x\n---\n",
        "+++\n",
        "<article><p>",
        "</div>",
        "{\"title\": ",
    ];
    hostile_text(&cues, "[a-zA-Zà-ỹÀ-Ỹđ .,:\\-]{0,40}\n?", 30)
}

const NAMES: [&str; 5] = ["a.txt", "a.md", "a.html", "a.json", "a.htm"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn parsing_arbitrary_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2000), format in 0..5usize) {
        if let Ok(article) = parse(Path::new(NAMES[format]), &bytes) {
            prop_assert!(!all_text(&article).chars().any(is_forbidden));
        }
    }

    #[test]
    fn parsed_articles_hold_no_control_characters(text in article_like_text(), format in 0..5usize) {
        if let Ok(article) = parse(Path::new(NAMES[format]), text.as_bytes()) {
            let all = all_text(&article);
            prop_assert!(!all.chars().any(is_forbidden), "{:?}", all);
            prop_assert!(!article.title.is_empty());
        }
    }

    #[test]
    fn sanitising_is_idempotent_and_thorough(text in any::<String>()) {
        let once = clean(&text);
        prop_assert_eq!(clean(&once), once.clone());
        prop_assert_eq!(sanitize(&once), once.clone());
        prop_assert!(!once.chars().any(is_forbidden));
    }
}
