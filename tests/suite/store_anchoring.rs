//! Highlights found again: after the saved file is edited (a paragraph changed around the
//! passage, one added before it), after it is parsed another way (Markdown become HTML), and
//! one whose passage was removed is detached, never moved to some other text.

use std::path::Path;

use newsdesk::article::Article;
use newsdesk::store::{Passages, Quote};

fn parse(name: &str, text: &str) -> Article {
    newsdesk::parse::parse(Path::new(name), text.as_bytes()).expect("parses")
}

const ORIGINAL: &str = "# Cầu Rồng mở cửa đêm\n\nThành phố cho phép người đi bộ lên cầu vào tối thứ bảy.\n\n\
Cầu phun lửa lúc chín giờ. Người xem đứng hai bên bờ sông.\n\nBuổi diễn kéo dài mười lăm phút.\n";

fn quote_of(article: &Article, passage: &str) -> (Quote, usize) {
    let passages = Passages::of(article);
    let at = passages.text.find(passage).expect("the passage is in the article");
    passages.quote(at..at + passage.len())
}

fn found(article: &Article, quote: &Quote, block: usize) -> Option<String> {
    let passages = Passages::of(article);
    passages.anchor(quote, block).map(|range| passages.text[range].to_string())
}

#[test]
fn a_passage_is_found_after_its_paragraph_changes_around_it_and_blocks_move() {
    let article = parse("/lib/cau.md", ORIGINAL);
    let (quote, block) = quote_of(&article, "Người xem đứng hai bên bờ sông");
    let edited = ORIGINAL
        .replace("Cầu phun lửa lúc chín giờ.", "Cầu phun lửa và nước lúc chín giờ tối.")
        .replace("# Cầu Rồng mở cửa đêm\n\n", "# Cầu Rồng mở cửa đêm\n\nMột đoạn mới thêm vào đầu bài.\n\n");
    let again = parse("/lib/cau.md", &edited);
    let passages = Passages::of(&again);
    let range = passages.anchor(&quote, block).expect("still there");
    assert_eq!(&passages.text[range.clone()], "Người xem đứng hai bên bờ sông");
    assert_eq!(passages.block_of(range.start), block + 1, "a block was added before it");
}

#[test]
fn a_passage_is_found_when_the_same_words_occur_twice_by_its_surroundings() {
    let text = "# Hai lần\n\nGiá vé là mười nghìn đồng cho người lớn.\n\nTrẻ em đi miễn phí; giá vé là mười nghìn đồng cho xe đạp.\n";
    let article = parse("/lib/ve.md", text);
    let passages = Passages::of(&article);
    let second = passages.text.rfind("giá vé là mười nghìn đồng").unwrap();
    let (quote, block) = passages.quote(second..second + "giá vé là mười nghìn đồng".len());
    // The second paragraph moved first: the passage follows its surroundings, not its block.
    let swapped = "# Hai lần\n\nTrẻ em đi miễn phí; giá vé là mười nghìn đồng cho xe đạp.\n\nGiá vé là mười nghìn đồng cho người lớn.\n";
    let again = Passages::of(&parse("/lib/ve.md", swapped));
    let range = again.anchor(&quote, block).unwrap();
    assert!(again.text[range.end..].starts_with(" cho xe đạp"), "{}", &again.text[range.end..]);
}

#[test]
fn a_passage_parsed_from_another_format_is_found() {
    let markdown = parse("/lib/cau.md", ORIGINAL);
    let (quote, block) = quote_of(&markdown, "Buổi diễn kéo dài mười lăm phút");
    let html = "<html><head><title>Cầu Rồng mở cửa đêm</title></head><body><article><h1>Cầu Rồng mở cửa đêm</h1>\
<p>Thành phố cho phép người đi bộ lên cầu vào tối thứ bảy.</p><p>Cầu phun lửa lúc chín giờ. Người xem đứng hai bên bờ sông.</p>\
<p>Buổi diễn kéo dài mười lăm phút.</p></article></body></html>";
    let from_html = parse("/lib/cau.html", html);
    assert_eq!(found(&from_html, &quote, block).as_deref(), Some("Buổi diễn kéo dài mười lăm phút"));
}

#[test]
fn a_removed_or_rewritten_passage_is_detached() {
    let article = parse("/lib/cau.md", ORIGINAL);
    let (quote, block) = quote_of(&article, "Người xem đứng hai bên bờ sông");
    let removed = ORIGINAL.replace("Cầu phun lửa lúc chín giờ. Người xem đứng hai bên bờ sông.\n\n", "");
    assert_eq!(found(&parse("/lib/cau.md", &removed), &quote, block), None);
    let rewritten = ORIGINAL.replace("Người xem đứng hai bên bờ sông", "Khán giả đứng dọc bờ sông");
    assert_eq!(found(&parse("/lib/cau.md", &rewritten), &quote, block), None);
}
