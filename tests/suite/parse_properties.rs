//! Properties of parsing and sanitising that must hold for any input.

use std::path::Path;

use newsdesk::article::Article;
use newsdesk::parse::parse;
use newsdesk::text::{clean, sanitize};
use proptest::prelude::*;

/// A character no article field may contain: C0/C1 controls but newline, bidi controls,
/// zero-width characters.
fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

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
    let piece = prop_oneof![
        Just("Tag\n".to_string()),
        Just("Đọc thêm\n".to_string()),
        Just("Xem thêm".to_string()),
        Just("Tin tức 14/04/2022 17:06\n".to_string()),
        Just("Thứ năm, 14/4/2022, 17:06 (GMT+7)\n".to_string()),
        Just("aa\n".to_string()),
        Just("NSTĐ - ".to_string()),
        Just("---\ntitle: x\n---\n".to_string()),
        Just("+++\n".to_string()),
        Just("<article><p>".to_string()),
        Just("</div>".to_string()),
        Just("{\"title\": ".to_string()),
        Just("\u{1b}[2J\u{1b}]0;t\u{7}\u{9b}\u{202e}\u{200b}\t\r".to_string()),
        "[a-zA-Zà-ỹÀ-Ỹđ .,:\\-]{0,40}\n?",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|pieces| pieces.concat())
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
