//! The tokeniser against tantivy's own analysers, and the fingerprint's lean pass against both.

use super::*;
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer};

fn collect(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
    }
    out
}

fn run(mode: Mode, text: &str) -> Vec<(String, usize, usize, usize)> {
    collect(&mut TextAnalyzer::from(FoldTokenizer { mode, pairs: None }), text)
}

/// The pipeline this tokeniser replaces, as the reference.
fn reference(fold: bool, text: &str) -> Vec<(String, usize, usize, usize)> {
    let builder =
        TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES));
    let mut analyzer = if fold {
        builder.filter(LowerCaser).filter(AsciiFoldingFilter).build()
    } else {
        builder.filter(LowerCaser).build()
    };
    collect(&mut analyzer, text)
}

#[test]
fn same_tokens_as_simple_tokenizer_lower_caser_and_ascii_folding() {
    let long = "x".repeat(MAX_TOKEN_BYTES);
    let samples = [
        "Đà Nẵng, Hà Nội — TIẾNG VIỆT: mưa lớn; Ông Ưng ở Đắk Lắk!",
        "Ærøskøbing Straße ﬁnance ÇA İstanbul Σίσυφος Москва 東京 ２０２２ x²",
        "covid-19 e-mail 3.5% A1B2 naïve café œuvre",
        &format!("a {long} b"),
        "",
        "  ,;  ",
    ];
    for text in samples {
        assert_eq!(run(Mode::Folded, text), reference(true, text), "{text}");
        assert_eq!(run(Mode::Lower, text), reference(false, text), "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn same_tokens_as_the_reference_on_any_text(text in text_strategy()) {
        proptest::prop_assert_eq!(run(Mode::Folded, &text), reference(true, &text));
        proptest::prop_assert_eq!(run(Mode::Lower, &text), reference(false, &text));
    }
}

/// Latin and Vietnamese letters (where the table works), separators, and anything else.
#[test]
fn decode_reads_each_character_as_chars_does() {
    let text = "aé Nội ỗ ß 中 😀z";
    let mut at = 0;
    for c in text.chars() {
        assert_eq!(decode(text.as_bytes(), at), (c as u32, c.len_utf8()), "{c}");
        at += c.len_utf8();
    }
}

fn text_strategy() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let c = prop_oneof![
        4 => proptest::char::range('\u{20}', '\u{7e}'),
        4 => proptest::char::range('\u{80}', '\u{24f}'),
        4 => proptest::char::range('\u{1e00}', '\u{1eff}'),
        1 => proptest::char::range('\u{300}', '\u{36f}'),
        2 => any::<char>(),
    ];
    proptest::collection::vec(c, 0..80).prop_map(|chars| chars.into_iter().collect())
}

/// The fingerprint's words are the folded analyser's, whatever the text.
fn folded_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_folded_word(text, |word| out.push(String::from_utf8(word.to_vec()).unwrap()));
    out
}

proptest::proptest! {
    #[test]
    fn folded_words_are_the_folded_analysers_tokens(text in text_strategy()) {
        let tokens: Vec<String> = run(Mode::Folded, &text).into_iter().map(|t| t.0).collect();
        proptest::prop_assert_eq!(folded_words(&text), tokens);
    }
}

#[test]
fn folded_words_fold_vietnamese_and_the_slow_letters_alike() {
    let long = "x".repeat(MAX_TOKEN_BYTES);
    let text = format!("Đà Nẵng: Ærøskøbing STRAẞE x² {long} ﬁnance İstanbul 東京 — naïve");
    let tokens: Vec<String> = run(Mode::Folded, &text).into_iter().map(|t| t.0).collect();
    assert_eq!(folded_words(&text), tokens);
    assert_eq!(folded_words("Đà Nẵng, ĐÀ NẴNG"), ["da", "nang", "da", "nang"]);
}

#[test]
fn the_index_form_adds_the_exact_word_where_folding_changed_it() {
    let found: Vec<_> =
        run(Mode::FoldedWithExact, "Má và ma, Hà Noi").into_iter().map(|t| (t.0, t.3)).collect();
    let expected = [("ma", 0), ("má", 0), ("va", 1), ("và", 1), ("ma", 2), ("ha", 3), ("hà", 3), ("noi", 4)];
    assert_eq!(found, expected.map(|(text, at)| (text.to_string(), at)));
}

fn run_with_pairs(common: &str, text: &str) -> Vec<(String, usize, usize, usize)> {
    let pairs = Some(Arc::new(PairWords::learn(std::iter::once(common))));
    collect(&mut TextAnalyzer::from(FoldTokenizer { mode: Mode::FoldedWithExact, pairs }), text)
}

#[test]
fn adjacent_common_words_are_also_one_pair_term_at_the_first_words_place() {
    let long = "x".repeat(MAX_TOKEN_BYTES);
    let text = format!("Hà Nội mưa, huế {long} hà nội");
    let found: Vec<_> = run_with_pairs("ha noi mua", &text).into_iter().map(|t| (t.0, t.1, t.3)).collect();
    let expected = [
        ("ha", 0, 0),
        ("hà", 0, 0),
        ("noi", 4, 1),
        ("nội", 4, 1),
        ("ha noi", 0, 0),
        ("mua", 10, 2),
        ("mưa", 10, 2),
        ("noi mua", 4, 1),
        // "huế" is not common; the long word keeps its place, so "hà" after it starts afresh.
        ("hue", 16, 3),
        ("huế", 16, 3),
        ("ha", 63, 5),
        ("hà", 63, 5),
        ("noi", 67, 6),
        ("nội", 67, 6),
        ("ha noi", 63, 5),
    ];
    assert_eq!(found, expected.map(|(text, from, at)| (text.to_string(), from, at)));
}

proptest::proptest! {
    /// With every word common, the stream is the plain one plus, after each word but the
    /// first, the pair it ends (where no long word came between).
    #[test]
    fn pairs_are_added_and_nothing_else_changes(text in text_strategy()) {
        let plain = run(Mode::FoldedWithExact, &text);
        let with_pairs = run_with_pairs(&text, &text);
        let (pairs, words): (Vec<_>, Vec<_>) = with_pairs.into_iter().partition(|t| t.0.contains(' '));
        proptest::prop_assert_eq!(&words, &plain);
        let folded: Vec<_> = run(Mode::Folded, &text);
        let expected: Vec<_> = folded
            .windows(2)
            .filter(|two| two[0].3 + 1 == two[1].3)
            .map(|two| (format!("{} {}", two[0].0, two[1].0), two[0].1, two[1].2, two[0].3))
            .collect();
        proptest::prop_assert_eq!(pairs, expected);
    }
}
