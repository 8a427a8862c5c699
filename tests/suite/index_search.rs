//! Searching a small library: accents, ranking, phrases, fields, dates, exclusions, snippets.

use crate::support::library::{file_name, hit_names, sorted, Library};
use crate::support::process::Newsdesk;
use crate::support::tmux::Tmux;
use newsdesk::index::{highlight_ranges, Index};
use serde_json::json;

fn library() -> (Library, Index) {
    let library = Library::new();
    library.json(
        "vn/hanoi.json",
        "Hà Nội mưa lớn suốt đêm",
        "Mưa lớn khiến nhiều tuyến phố Hà Nội ngập sâu.\n\nĐội thoát nước làm việc suốt đêm.",
        json!({"published": "2022-04-14T17:06:00+07:00", "category": "Thời sự", "author": "Nguyễn Văn An",
               "source": "Báo Mẫu", "tags": ["thời tiết", "Hà Nội"]}),
    );
    library.json(
        "vn/danang.json",
        "Đà Nẵng đón khách du lịch",
        "Bãi biển Đà Nẵng đông khách. Người dân Hà Nội cũng đến nghỉ hè.",
        json!({"published": "2022-07-02", "category": "Du lịch", "author": "Trần Thị Bình", "source": "Tin Nhanh",
               "tags": ["du lịch"]}),
    );
    library.json(
        "vn/ma_accent.json",
        "Chuyện ở làng",
        "Bà kể chuyện con má ngồi bên hiên.",
        json!({"published": "2021-12-31"}),
    );
    library.json(
        "vn/ma_plain.json",
        "Chuyện ở xóm",
        "Ông kể chuyện con ma ngồi bên hiên.",
        json!({"published": "2023-01-15"}),
    );
    library.json("vn/bao_title.json", "Bão số 5 đổ bộ", "Gió giật mạnh, nhiều cây đổ.", json!({}));
    library.json("vn/bao_body.json", "Tin thời tiết", "Cơn bão đang suy yếu dần trên biển.", json!({}));
    library.write(
        "en/storm.txt",
        "Storm hits the coast\n\nHigh winds and heavy rain.\n\nThe storm damaged the harbour wall. Residents were told to stay indoors.\n",
    );
    let index = library.indexed();
    (library, index)
}

#[test]
fn accents_are_optional() {
    let (_library, index) = library();
    for query in ["ha noi", "Hà Nội", "HÀ NỘI", "hà noi"] {
        assert_eq!(sorted(hit_names(&index, query)), ["danang.json", "hanoi.json"], "{query}");
    }
    assert_eq!(hit_names(&index, "da nang"), ["danang.json"]);
}

#[test]
fn a_query_typed_with_accents_ranks_exact_accents_first() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "má"), ["ma_accent.json", "ma_plain.json"]);
    assert_eq!(sorted(hit_names(&index, "ma")), ["ma_accent.json", "ma_plain.json"]);
    assert_eq!(hit_names(&index, "con má"), ["ma_accent.json", "ma_plain.json"]);
}

#[test]
fn title_matches_rank_above_body_matches() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "bão"), ["bao_title.json", "bao_body.json"]);
}

#[test]
fn phrases_keep_words_together_and_in_order() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "\"mưa lớn\""), ["hanoi.json"]);
    assert_eq!(hit_names(&index, "\"mua lon\""), ["hanoi.json"]);
    assert!(hit_names(&index, "\"lớn mưa\"").is_empty());
    // Unclosed quote: the phrase runs to the end.
    assert_eq!(hit_names(&index, "\"harbour wall"), ["storm.txt"]);
}

#[test]
fn each_field_prefix_searches_its_field_only() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "title:\"Đà Nẵng\""), ["danang.json"]);
    assert_eq!(hit_names(&index, "title:storm"), ["storm.txt"]);
    assert!(hit_names(&index, "title:harbour").is_empty());
    assert_eq!(hit_names(&index, "author:nguyen"), ["hanoi.json"]);
    assert_eq!(hit_names(&index, "tag:\"thoi tiet\""), ["hanoi.json"]);
    assert_eq!(hit_names(&index, "category:\"du lich\""), ["danang.json"]);
    assert_eq!(hit_names(&index, "source:\"tin nhanh\""), ["danang.json"]);
}

#[test]
fn each_date_form_filters_inclusively() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "on:2022-04-14"), ["hanoi.json"]);
    assert_eq!(hit_names(&index, "on:2022-04"), ["hanoi.json"]);
    // Dates alone: newest first.
    assert_eq!(hit_names(&index, "on:2022"), ["danang.json", "hanoi.json"]);
    assert_eq!(hit_names(&index, "after:2022-07-02"), ["ma_plain.json", "danang.json"]);
    assert_eq!(hit_names(&index, "after:2022-07-03"), ["ma_plain.json"]);
    assert_eq!(hit_names(&index, "before:2021-12-31"), ["ma_accent.json"]);
    assert_eq!(hit_names(&index, "before:2021-12"), ["ma_accent.json"]);
    assert_eq!(hit_names(&index, "chuyện after:2022"), ["ma_plain.json"]);
    assert_eq!(hit_names(&index, "after:2022 before:2022"), hit_names(&index, "on:2022"));
}

#[test]
fn exclusions_and_or() {
    let (_library, index) = library();
    assert_eq!(hit_names(&index, "ha noi -mưa"), ["danang.json"]);
    assert_eq!(hit_names(&index, "chuyện -làng"), ["ma_plain.json"]);
    assert_eq!(sorted(hit_names(&index, "storm OR nẵng")), ["danang.json", "storm.txt"]);
    // Only an exclusion: every other article.
    let all_but_storm = hit_names(&index, "-storm");
    assert_eq!(all_but_storm.len(), 6);
    assert!(!all_but_storm.contains(&"storm.txt".to_string()));
}

#[test]
fn hits_carry_snippets_terms_and_the_full_total() {
    let (_library, index) = library();
    let results = index.search("HARBOUR", 10).unwrap();
    let snippet = &results.hits[0].snippet;
    let highlighted: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
    assert_eq!(highlighted, ["harbour"]);
    assert!(snippet.text.contains("damaged the harbour wall"), "{}", snippet.text);
    assert_eq!(results.terms, ["harbour"]);

    let results = index.search("chuyen", 1).unwrap();
    assert_eq!((results.hits.len(), results.total), (1, 2));

    let results = index.search("hà nội", 10).unwrap();
    let body = "Người dân HÀ NOI và ha noi";
    let found: Vec<&str> = highlight_ranges(body, &results.terms).into_iter().map(|r| &body[r]).collect();
    assert_eq!(found, ["HÀ", "NOI", "ha", "noi"]);
}

#[test]
fn bad_input_is_a_clear_error_never_a_panic() {
    let (_library, index) = library();
    for query in ["", "   ", "- *", "\"", "--", "title:", "::::"] {
        let err = index.search(query, 10).unwrap_err();
        assert!(err.0.contains("nothing to search for"), "{query:?}: {err}");
    }
    let err = index.search("storm after:2022-13-01", 10).unwrap_err();
    assert!(err.0.contains("after:"), "{err}");
    assert!(index.search("a:(^", 10).is_ok());
    let long = "mưa ".repeat(2_500);
    assert!(index.search(&long, 10).unwrap_err().0.contains("too long"));
    assert!(index.search(&"x".repeat(10_000), 10).is_err());
}

#[test]
fn articles_lists_newest_first_and_undated_last() {
    let (_library, index) = library();
    let names: Vec<String> = index.articles().iter().map(|a| file_name(&a.path)).collect();
    assert_eq!(&names[..4], ["ma_plain.json", "danang.json", "hanoi.json", "ma_accent.json"]);
    assert_eq!(names.len(), 7);
    assert_eq!(index.len(), 7);
    let hanoi = index.articles().into_iter().find(|a| a.title.starts_with("Hà Nội")).unwrap();
    assert_eq!(hanoi.author.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(hanoi.published.unwrap().to_iso(), "2022-04-14T17:06:00+07:00");
}

#[test]
fn the_word_being_typed_matches_as_a_word_start_below_whole_words() {
    let (_library, index) = library();
    let typed = |query: &str| -> Vec<String> {
        let results = index.search_as_you_type(query, 50).unwrap_or_else(|err| panic!("{query:?}: {err}"));
        results.hits.iter().map(|hit| file_name(&hit.article.path)).collect()
    };
    assert_eq!(sorted(typed("ha no")), ["danang.json", "hanoi.json"]);
    assert!(hit_names(&index, "ha no").is_empty(), "a finished query matches whole words only");
    assert!(typed("ha no ").is_empty(), "a space ends the word");
    // "ma" and "má" as whole words first, then "mạnh" as a completion.
    let ma = typed("ma");
    assert_eq!(sorted(ma[..2].to_vec()), ["ma_accent.json", "ma_plain.json"]);
    assert_eq!(ma[2..], ["bao_title.json"]);
    // The completion is highlighted in the snippet.
    let results = index.search_as_you_type("đổ bộ gi", 10).unwrap();
    let snippet = &results.hits[0].snippet;
    let highlighted: Vec<&str> = snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect();
    assert!(highlighted.contains(&"Gió"), "{highlighted:?} in {:?}", snippet.text);
}

#[test]
fn snippets_fall_back_to_the_lead_and_collapse_whitespace() {
    let library = Library::new();
    library.json(
        "lead.json",
        "Tin sáng",
        "Thời   tiết\n\n\n  hôm nay đẹp.",
        json!({"lead": "Giá vàng tăng mạnh sáng nay."}),
    );
    let index = library.indexed();
    let results = index.search("vang", 5).unwrap();
    let snippet = &results.hits[0].snippet;
    assert_eq!(snippet.text, "Giá vàng tăng mạnh sáng nay.");
    assert_eq!(&snippet.text[snippet.highlights[0].clone()], "vàng");
    let results = index.search("tiet", 5).unwrap();
    assert_eq!(results.hits[0].snippet.text, "Thời tiết hôm nay đẹp.");
}

/// The bold runs of a screen captured with its escapes (`capture-pane -e`).
fn bold_runs(screen: &str) -> Vec<String> {
    let mut runs = Vec::new();
    for piece in screen.split("\x1b[1m").skip(1) {
        runs.push(piece.split('\x1b').next().unwrap_or_default().to_string());
    }
    runs
}

#[test]
fn search_lights_a_quoted_phrase_where_it_occurs_not_its_stray_words() {
    let library = Library::new();
    let filler = "Người đi chợ sớm mua rau và cá. ".repeat(8);
    let body = format!(
        "Bà nội kể chuyện ở Hà Giang, kết nối với nội thành.\n\n{filler}\n\nTối qua, Hà Nội đón đợt rét đầu mùa.\n\n{filler}"
    );
    library.json("vn/ret.json", "Rét đầu mùa", &body, json!({}));
    library.json("vn/strays.json", "Chợ quê", "Bà nội đi chợ Hà Giang, kết nối bạn hàng.", json!({}));
    library.indexed();
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    let found = newsdesk.run(&["search", "--", "\"hà nội\""]);
    found.assert_success("search a phrase");
    assert!(found.stdout.contains("Hà Nội đón đợt rét"), "{}", found.stdout);
    assert!(!found.stdout.contains("Bà nội") && !found.stdout.contains("Chợ quê"), "{}", found.stdout);

    // In a terminal the highlights are bold: the phrase whole, no stray word.
    let bin = env!("CARGO_BIN_EXE_newsdesk");
    let (root, index_dir) = (library.root.path(), library.index_dir());
    let script = format!(
        "{bin} --library {} --index-dir {} search -- '\"hà nội\"'; echo done; sleep 600",
        root.display(),
        index_dir.display()
    );
    let Some(tmux) = Tmux::start("phrase", &["sh", "-c", &script]) else { return };
    tmux.wait_for("the search to print", |screen| screen.lines().any(|line| line == "done"));
    let screen = tmux.run(&["capture-pane", "-p", "-e", "-t", "t"]);
    assert_eq!(bold_runs(&screen), ["Hà Nội"], "{screen}");
}
