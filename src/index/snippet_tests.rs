use super::*;

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn highlights_ignore_accents_and_case_on_word_boundaries() {
    let text = "Hà Nội mưa to; HA NOI lạnh. Hanoi khác.";
    let ranges = highlight_ranges(text, &strings(&["ha", "nội"]));
    let found: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(found, ["Hà", "Nội", "HA", "NOI"]);
}

#[test]
fn snippet_centres_on_the_densest_window_and_shifts_ranges() {
    let filler = "lorem ipsum dolor ".repeat(30);
    let body = format!("bão đầu tiên. {filler} Cơn bão số 5 đổ bộ miền Trung hôm qua. {filler}");
    let snippet = snippet(&[&body], None, "", &strings(&["bão", "miền", "trung"]));
    assert!(snippet.text.starts_with('…') && snippet.text.ends_with('…'), "{}", snippet.text);
    let found: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
    assert_eq!(found, ["bão", "miền", "Trung"]);
}

#[test]
fn falls_back_to_the_lead_then_the_title_then_to_the_start() {
    let with_lead = snippet(&["nothing here"], Some("the Lead has it"), "Title", &strings(&["lead"]));
    assert_eq!(with_lead.text, "the Lead has it");
    assert_eq!(with_lead.highlights, vec![4..8]);
    let with_title = snippet(&["nothing here"], Some("nor here"), "Hà Nội hôm nay", &strings(&["noi"]));
    assert_eq!(&with_title.text[with_title.highlights[0].clone()], "Nội");
    let plain = snippet(&["first line\nsecond"], None, "Title", &strings(&["absent"]));
    assert_eq!(plain.text, "first line second");
    assert!(plain.highlights.is_empty());
}

#[test]
fn whitespace_runs_collapse_and_highlights_follow() {
    let found = snippet(&["a  \n\n  b\t\tcơn   bão  tới"], None, "", &strings(&["bao"]));
    assert_eq!(found.text, "a b cơn bão tới");
    assert_eq!(&found.text[found.highlights[0].clone()], "bão");
}

#[test]
fn a_match_after_a_long_unbroken_run_stays_in_the_window() {
    let body = format!("{}-bão-{} end", "y".repeat(300), "z".repeat(300));
    let found = snippet(&[&body], None, "", &strings(&["bão"]));
    assert_eq!(found.highlights.len(), 1);
    assert_eq!(&found.text[found.highlights[0].clone()], "bão");
}

/// Byte range of the `nth` (from 0) occurrence of `piece` in `text`.
fn at(text: &str, piece: &str, nth: usize) -> Range<usize> {
    let start = text.match_indices(piece).nth(nth).expect("piece in text").0;
    start..start + piece.len()
}

#[test]
fn a_phrase_lights_only_where_its_words_follow_one_another_as_one_range() {
    let text = "Hà Nội mưa. Bà nội ở Hà Giang, kết nối với Hà   Nội.";
    let ranges = highlight_ranges(text, &strings(&["hà nội"]));
    assert_eq!(ranges, [at(text, "Hà Nội", 0), at(text, "Hà   Nội", 0)]);
}

#[test]
fn a_phrase_matches_typed_with_accents_or_without() {
    let text = "HÀ NỘI và Ha Noi, không phải hà nam.";
    let expected = [at(text, "HÀ NỘI", 0), at(text, "Ha Noi", 0)];
    assert_eq!(highlight_ranges(text, &strings(&["Hà Nội"])), expected);
    assert_eq!(highlight_ranges(text, &strings(&["ha noi"])), expected);
}

#[test]
fn a_phrase_of_one_word_is_a_word() {
    let text = "Hà Nội và Hà Giang";
    let ranges = highlight_ranges(text, &strings(&["hà"]));
    assert_eq!(ranges, [at(text, "Hà", 0), at(text, "Hà", 1)]);
}

#[test]
fn a_repeated_phrase_lights_each_time() {
    let text = "hà nội hà nội";
    assert_eq!(highlight_ranges(text, &strings(&["hà nội"])), [0..9, 10..19]);
}

#[test]
fn overlapping_matches_merge_into_one_range() {
    let text = "ở hà nội hà nội hà thôi";
    // Twice, sharing the middle "hà": one range over both.
    let ranges = highlight_ranges(text, &strings(&["hà nội hà"]));
    let both = at(text, "hà", 0).start..at(text, "hà", 2).end;
    assert_eq!(ranges, [both]);
    // A word of the query inside a phrase of the query: the phrase's range holds it.
    let ranges = highlight_ranges("nội hà nội", &strings(&["nội", "hà nội"]));
    assert_eq!(ranges, [0..5, 6..15]);
}

#[test]
fn an_english_phrase_and_plain_words_beside_it() {
    let text = "The City Council met; the council of the city voted.";
    assert_eq!(highlight_ranges(text, &strings(&["city council"])), [at(text, "City Council", 0)]);
    let ranges = highlight_ranges(text, &strings(&["city council", "voted"]));
    assert_eq!(ranges, [at(text, "City Council", 0), at(text, "voted", 0)]);
}

#[test]
fn terms_of_a_clause_keep_a_phrase_whole_and_words_apart() {
    let mut exact = crate::index::analysis::exact_analyzer();
    assert_eq!(highlight_terms(&mut exact, "Hà  Nội", true, 16), ["hà nội"]);
    assert_eq!(highlight_terms(&mut exact, "Hà Nội", false, 16), ["hà", "nội"]);
    assert_eq!(highlight_terms(&mut exact, "covid-19", false, 16), ["covid 19"]);
    assert_eq!(highlight_terms(&mut exact, "a b c d", true, 3), ["a b c"]);
    assert!(highlight_terms(&mut exact, " ,; ", true, 16).is_empty());
}

#[test]
fn the_snippet_window_goes_to_the_phrase_not_to_its_stray_words() {
    let filler = "lorem ipsum dolor ".repeat(20);
    let strays = "Bà nội kể chuyện ở Hà Giang, kết nối với nội thành.";
    let body = format!("{strays} {filler} Tối qua, Hà Nội đón đợt rét đầu mùa. {filler}");
    let found = snippet(&[&body], None, "", &strings(&["hà nội"]));
    let lit: Vec<&str> = found.highlights.iter().map(|r| &found.text[r.clone()]).collect();
    assert_eq!(lit, ["Hà Nội"], "{}", found.text);
    assert!(found.text.starts_with('…'), "{}", found.text);
}

#[test]
fn snippet_highlights_a_phrase_across_collapsed_whitespace_and_not_its_strays() {
    let found = snippet(&["Ở Hà\n\nNội, bà nội   kết nối."], None, "", &strings(&["hà nội"]));
    assert_eq!(found.text, "Ở Hà Nội, bà nội kết nối.");
    assert_eq!(found.highlights, [at(&found.text, "Hà Nội", 0)]);
}

#[test]
fn without_the_phrase_the_snippet_is_the_start_unlit() {
    let found = snippet(&["Hà Giang và nội thành."], None, "Bà nội", &strings(&["hà nội"]));
    assert_eq!(found.text, "Hà Giang và nội thành.");
    assert!(found.highlights.is_empty());
}

/// The window chosen from every match (up to the weighed ones), as before reading stopped early.
fn snippet_reading_everything(text: &str, terms_wanted: &[String]) -> Snippet {
    let wanted = folded_terms(terms_wanted);
    let mut found = matches(text, &wanted, MAX_MATCHES_WEIGHED, None);
    found.sort_unstable_by_key(|(range, term)| (range.start, range.end, *term));
    window(text, &found)
}

/// Stopping once a window holds every term changes no snippet: texts of a few words drawn at
/// random (accents, a long word, phrases among the terms), each term set read both ways.
#[test]
fn reading_stops_early_without_changing_the_snippet() {
    let words = ["xe", "máy", "ô", "tô", "Hà", "Nội", "mưa", "to", "dài-dằng-dặc-vô-cùng-tận", "và", "ở"];
    let term_sets = [
        strings(&["xe", "máy"]),
        strings(&["hà nội", "mưa"]),
        strings(&["ô tô", "xe máy", "to"]),
        strings(&["nội", "ha", "o", "xe", "may"]),
        strings(&["mưa to"]),
    ];
    let mut seed = 7u64;
    let mut next = |below: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % below
    };
    let mut stopped_early = 0;
    for _ in 0..400 {
        let length = 20 + next(400);
        let text: Vec<&str> = (0..length).map(|_| words[next(words.len())]).collect();
        let text = text.join(if next(2) == 0 { " " } else { "  \n" });
        for terms in &term_sets {
            let early = snippet(&[&text], None, "", terms);
            assert_eq!(early, snippet_reading_everything(&text, terms), "{text:?} {terms:?}");
            let wanted = folded_terms(terms);
            let width = window_width(&text);
            let everything = matches(&text, &wanted, usize::MAX, None).len();
            stopped_early += usize::from(matches(&text, &wanted, usize::MAX, Some(width)).len() < everything);
        }
    }
    // The early stop is exercised, not only allowed.
    assert!(stopped_early > 100, "{stopped_early}");
}
