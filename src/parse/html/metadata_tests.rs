use super::*;

#[test]
fn strips_the_site_name_from_titles() {
    let names = |names: &[&str]| names.iter().map(|n| squash(n)).collect::<Vec<_>>();
    assert_eq!(strip_site_name("Tin mới | Báo A", &names(&["Báo A"]), None), "Tin mới");
    assert_eq!(strip_site_name("A - B", &names(&["C"]), None), "A - B");
    // The domain names the site: "Riverbend Gazette" on riverbendgazette.example.
    let domain = domain_name("https://www.riverbendgazette.example/2024/story");
    let strip = |title: &str| strip_site_name(title, &names(&["RBG"]), domain.as_deref());
    assert_eq!(strip("Floods close the ferry – Riverbend Gazette"), "Floods close the ferry");
    assert_eq!(strip("Riverbend Gazette: Floods close the ferry"), "Floods close the ferry");
    // A subtitle that is not the site's stays, and so does a head that only mentions it.
    assert_eq!(strip("Bread at home: a beginner's guide"), "Bread at home: a beginner's guide");
    assert_eq!(
        strip("Riverbend Gazette's year: what we learned"),
        "Riverbend Gazette's year: what we learned"
    );
    // No name known: a short tail goes, a colon's subtitle stays.
    assert_eq!(
        strip_site_name("Long headline about trains | Daily", &[], None),
        "Long headline about trains"
    );
    assert_eq!(strip_site_name("Trains: what changes in May", &[], None), "Trains: what changes in May");
}

#[test]
fn headline_fields_lose_heading_marks_and_double_escapes() {
    assert_eq!(plain_headline("## Night trains return"), "Night trains return");
    assert_eq!(plain_headline("And then&amp;#8230; rain"), "And then… rain");
}

#[test]
fn reads_dates_from_fields() {
    let iso = |field: &str| read_date(field).map(|p| p.to_iso());
    assert_eq!(iso("2025-12-17UTC07:30:00+00:00").as_deref(), Some("2025-12-17"));
    assert_eq!(iso("2024-03-05").as_deref(), Some("2024-03-05"));
    assert_eq!(iso("not a date"), None);
}

fn published_of(html: &str) -> Option<String> {
    let document = Document::from(html);
    published(&document, &LinkedData::default(), "", None).map(|p| p.date.to_string())
}

#[test]
fn a_field_that_is_not_a_date_does_not_hide_the_next() {
    let html = r#"<html><head><meta name="date" content="see below"></head><body>
        <article><header><time datetime="2024-02-09T08:00:00Z">9 Feb</time></header></article></body></html>"#;
    assert_eq!(published_of(html).as_deref(), Some("2024-02-09"));
}

#[test]
fn dublin_core_dates_match_without_case_and_abbr_titles_count() {
    let html = r#"<html><head><meta name="DC.Date" content="2019-06-25"></head><body></body></html>"#;
    assert_eq!(published_of(html).as_deref(), Some("2019-06-25"));
    let html = r#"<html><body><h1>Tea</h1><abbr itemprop="datePublished" title="2021-04-02T10:00:00-05:00">April 2</abbr></body></html>"#;
    assert_eq!(published_of(html).as_deref(), Some("2021-04-02"));
}

#[test]
fn the_date_shown_wins_unless_it_is_the_field_read_the_other_way() {
    let page = |field: &str, shown: &str| {
        format!(
            r#"<html><head><meta property="article:published_time" content="{field}"></head>
            <body><h1>Rain</h1><p>{shown}</p></body></html>"#
        )
    };
    assert_eq!(published_of(&page("2023-01-10", "5 March 2024")).as_deref(), Some("2024-03-05"));
    // The same day shown: the field's time and zone are kept.
    let document = Document::from(page("2024-03-05T09:30:00+07:00", "5 March 2024"));
    let published = published(&document, &LinkedData::default(), "", None).map(|p| p.to_iso());
    assert_eq!(published.as_deref(), Some("2024-03-05T09:30:00+07:00"));
    // "10/12/2023" read day-first is the field's 12 October read month-first.
    let date = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    assert!(swapped(date("2023-10-12"), date("2023-12-10")));
    assert!(!swapped(date("2023-10-12"), date("2023-10-12")));
    assert!(!swapped(date("2023-10-12"), date("2024-12-10")));
}

#[test]
fn finds_dates_in_urls() {
    assert_eq!(
        date_in_url("https://x.example/2023/05/17/story").map(|p| p.to_iso()).as_deref(),
        Some("2023-05-17")
    );
    assert_eq!(date_in_url("https://x.example/a/1234/99/17/"), None);
}
