use super::*;

/// Entries that read the same in both languages: formats with no words.
const SAME_IN_BOTH: &[&str] = &["error_prefix", "config_error", "user_with_uid", "uid_only", "story_copies"];

#[test]
fn every_entry_is_written_in_both_languages() {
    let english = EN.entries();
    let vietnamese = VI.entries();
    assert_eq!(english.len(), vietnamese.len());
    for ((name, en), (_, vi)) in english.iter().zip(&vietnamese) {
        assert!(!en.trim().is_empty(), "{name} is empty in English");
        assert!(!vi.trim().is_empty(), "{name} is empty in Vietnamese");
        if !SAME_IN_BOTH.contains(name) {
            assert_ne!(en, vi, "{name} is not translated: the Vietnamese is the English");
        }
        let (mut en_names, mut vi_names) = (parameters(en), parameters(vi));
        en_names.sort_unstable();
        vi_names.sort_unstable();
        assert_eq!(en_names, vi_names, "{name} takes other parameters in Vietnamese");
    }
}

#[test]
fn counts_have_both_forms_and_english_ones_agree_with_their_number() {
    let names: Vec<&str> = EN.entries().iter().map(|(name, _)| *name).collect();
    for name in names.iter().filter(|name| name.ends_with("_one")) {
        let other = name.replace("_one", "_other");
        assert!(names.contains(&other.as_str()), "{name} has no {other}");
    }
    assert_eq!(EN.count(1, EN.article_count_one, EN.article_count_other), "1 article");
    assert_eq!(EN.count(0, EN.article_count_one, EN.article_count_other), "0 articles");
    assert_eq!(EN.count(2, EN.files_seen_one, EN.files_seen_other), "2 files seen");
    assert_eq!(
        EN.count(1, EN.skipped_files_one, EN.skipped_files_other),
        "1 file skipped (run `newsdesk index` for the reason)"
    );
    assert_eq!(EN.count(21, EN.words_one, EN.words_other), "21 words");
    assert_eq!(VI.count(1, VI.article_count_one, VI.article_count_other), "1 bài");
    assert_eq!(VI.count(5, VI.article_count_one, VI.article_count_other), "5 bài");
}

#[test]
fn fill_puts_values_in_and_leaves_other_braces() {
    assert_eq!(fill("{n} hits in {ms} ms", &[("n", &3), ("ms", &"1.5")]), "3 hits in 1.5 ms");
    assert_eq!(fill("{ fg = \"red\" } {x}", &[("x", &"y")]), "{ fg = \"red\" } y");
    assert_eq!(fill("{a}{a}", &[("a", &"é")]), "éé");
    assert_eq!(parameters("press {key} to {verb} { not one }"), ["key", "verb"]);
}

#[test]
fn the_locale_picks_vietnamese_by_its_code() {
    let locale = |pairs: &'static [(&'static str, &'static str)]| {
        Lang::from_locale(move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, v)| v.to_string()))
    };
    assert_eq!(locale(&[("LANG", "vi_VN.UTF-8")]), Lang::Vi);
    assert_eq!(locale(&[("LANG", "vi_VN.UTF-8"), ("LC_MESSAGES", "en_US.UTF-8")]), Lang::En);
    assert_eq!(locale(&[("LANG", "en_GB.UTF-8"), ("LC_MESSAGES", "vi")]), Lang::Vi);
    assert_eq!(locale(&[("LC_ALL", "C.UTF-8"), ("LANG", "vi_VN")]), Lang::En);
    assert_eq!(locale(&[("LC_ALL", ""), ("LANG", "vi_VN")]), Lang::Vi);
    assert_eq!(locale(&[]), Lang::En);
}
