//! Read-it-later exports in the samples (sample-articles/exports): each format's fields, as
//! the parse layer reads them (Omnivore, wallabag, Pocket, Instapaper, browser bookmarks).

use std::path::{Path, PathBuf};

use newsdesk::article::{Article, Format, Quote};
use newsdesk::parse::{read_members_at, ContainerReport, LastLink, Limits, ParseContext};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-articles/exports").join(name)
}

fn members(name: &str) -> (Vec<Article>, ContainerReport) {
    let mut articles = Vec::new();
    let report = read_members_at(
        &sample(name),
        LastLink::Follow,
        ParseContext::default(),
        Limits::default(),
        &mut |a| {
            articles.push(a);
            true
        },
    )
    .unwrap();
    (articles, report)
}

fn find<'a>(articles: &'a [Article], member: &str) -> &'a Article {
    articles.iter().find(|a| a.member.as_deref() == Some(member)).unwrap_or_else(|| {
        let members: Vec<_> = articles.iter().map(|a| a.member.clone()).collect();
        panic!("no member {member:?} among {members:?}")
    })
}

fn quote(text: &str, note: Option<&str>) -> Quote {
    Quote { text: text.into(), note: note.map(String::from) }
}

#[test]
fn omnivore_items_with_a_page_are_articles_and_the_rest_references() {
    let (articles, report) = members("omnivore-export-2024-11-02.zip");
    assert_eq!((report.members, report.skipped, report.stopped), (3, 0, None));
    let bridge = find(&articles, "content/cau-go-lang-chai-duoc-sua.html");
    assert_eq!(bridge.format, Format::Export);
    assert_eq!(bridge.title, "Cây cầu gỗ ở làng chài được dựng lại sau bão");
    assert_eq!(bridge.author.as_deref(), Some("Trần Minh Khoa"));
    assert_eq!(bridge.url.as_deref(), Some("https://tin.example.vn/doi-song/cau-go-lang-chai"));
    assert_eq!(bridge.tags, ["làng chài", "sau bão"]);
    assert_eq!(bridge.published.unwrap().to_iso(), "2024-10-02T22:00:00+00:00");
    assert!(bridge.body_text().contains("chôn cọc sâu hơn"), "{}", bridge.body_text());
    let shelf = bridge.shelf.as_ref().unwrap();
    assert_eq!((shelf.service.as_str(), shelf.archived, shelf.starred), ("omnivore", true, false));
    assert_eq!(shelf.saved.unwrap().to_iso(), "2024-10-03T07:12:00+00:00");
    assert_eq!(
        shelf.highlights,
        [
            quote(
                "Người dân tự góp gỗ và công để dựng lại nhịp cầu bị gió cuốn trôi",
                Some("Hỏi thêm xã về kinh phí sửa cầu.")
            ),
            quote("cây cầu mới được chôn cọc sâu hơn", None),
        ]
    );
    let buses = find(&articles, "content/night-buses-return-to-the-harbour.html");
    assert_eq!(buses.tags, ["transport", "night shift"]);
    assert!(!buses.shelf.as_ref().unwrap().archived);
    let bread = find(&articles, "metadata_0_to_3.json#bread-prices-morning-market");
    assert_eq!(bread.format, Format::Reference);
    assert_eq!(bread.title, "Bread prices at the morning market");
    assert_eq!(bread.url.as_deref(), Some("https://news.example.com/markets/bread-prices"));
    assert!(bread.body.is_empty());
}

#[test]
fn wallabag_entries_carry_their_page_tags_state_and_annotations() {
    let (articles, report) = members("wallabag-export-2024-06.zip");
    assert_eq!((report.members, report.skipped), (2, 0));
    let garden = find(&articles, "wallabag-export.json#41");
    assert_eq!(garden.format, Format::Export);
    assert_eq!(garden.title, "Vườn rau trên sân thượng khu tập thể");
    assert_eq!(garden.author.as_deref(), Some("Lê Thu Hà"));
    assert_eq!(garden.tags, ["vườn", "khu tập thể"]);
    assert_eq!(garden.published.unwrap().to_iso(), "2024-05-19T06:00:00+07:00");
    assert!(garden.body_text().contains("ủ phân từ vỏ rau"));
    let shelf = garden.shelf.as_ref().unwrap();
    assert_eq!((shelf.archived, shelf.starred), (true, true));
    assert_eq!(
        shelf.highlights,
        [quote("các cụ hưu trí thay nhau tưới nước", Some("Hỏi ban quản lý chuyện mái che."))]
    );
    let ferry = find(&articles, "wallabag-export.json#42");
    let shelf = ferry.shelf.as_ref().unwrap();
    assert_eq!((shelf.archived, shelf.starred), (false, false));
    // No publication date: the day it was saved stands in.
    assert_eq!(ferry.published.unwrap().to_iso(), "2024-06-02T19:00:00+00:00");
}

#[test]
fn pocket_rows_are_references_with_tags_status_and_annotations() {
    let (articles, report) = members("pocket-export-2025-07.zip");
    assert_eq!((report.members, report.skipped), (3, 0));
    assert!(articles.iter().all(|a| a.format == Format::Reference && a.body.is_empty()));
    let library = find(&articles, "part_000000.csv#1");
    assert_eq!(library.title, "The central library's first month");
    assert_eq!(library.tags, ["library", "city"]);
    let shelf = library.shelf.as_ref().unwrap();
    assert_eq!((shelf.service.as_str(), shelf.archived), ("pocket", true));
    assert_eq!(shelf.saved.unwrap().date.to_string(), "2023-03-08");
    assert_eq!(shelf.highlights, [quote("The library lent more than 18,000 books in February", None)]);
    let vegetables = find(&articles, "part_000000.csv#2");
    assert_eq!(vegetables.title, "Giá rau tăng sau đợt mưa lớn");
    assert_eq!(vegetables.tags, ["chợ", "giá cả"]);
    assert!(!vegetables.shelf.as_ref().unwrap().archived);
}

#[test]
fn instapaper_rows_keep_folder_state_selection_and_tags() {
    let (articles, report) = members("instapaper-export.csv");
    assert_eq!((report.members, report.skipped), (4, 0));
    let books = find(&articles, "instapaper-export.csv#1");
    assert_eq!(books.title, "Chợ sách cũ cuối tuần");
    assert_eq!(books.tags, ["sách cũ"]);
    assert!(books.shelf.as_ref().unwrap().starred);
    let sundays = find(&articles, "instapaper-export.csv#2");
    assert_eq!(sundays.tags, ["library", "weekend"]);
    assert_eq!(
        sundays.shelf.as_ref().unwrap().highlights,
        [quote("open from ten until four on Sundays", None)]
    );
    assert!(find(&articles, "instapaper-export.csv#3").shelf.as_ref().unwrap().archived);
    // A folder of the reader's own is its category.
    assert_eq!(find(&articles, "instapaper-export.csv#4").category.as_deref(), Some("Food"));
}

#[test]
fn bookmarks_keep_their_folder_tags_and_date() {
    let (articles, _) = members("bookmarks-2024-12.zip");
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Trồng lại rừng ngập mặn ở cửa sông",
            "A coral nursery off the island",
            "Rooftop solar on the school & the clinic"
        ]
    );
    let mangroves = &articles[0];
    assert_eq!(mangroves.member.as_deref(), Some("bookmarks.html#1"));
    assert_eq!(mangroves.category.as_deref(), Some("Tin tức"));
    assert_eq!(mangroves.tags, ["môi trường", "rừng"]);
    assert_eq!(mangroves.url.as_deref(), Some("https://tin.example.vn/moi-truong/rung-ngap-man"));
    assert_eq!(mangroves.shelf.as_ref().unwrap().saved.unwrap().date.to_string(), "2023-11-26");
    // Outside every folder: no category.
    assert_eq!(articles[2].category, None);
}
