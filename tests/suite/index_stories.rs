//! Similar articles and the same story, on fixtures whose answers are known
//! (`tests/fixtures/stories/README.md`): two outlets' copies of one wire story, an update, a page
//! saved twice — grouped; two stories on one topic — not grouped, but similar.

use std::collections::HashMap;
use std::path::Path;

use newsdesk::index::{ArticleSummary, Index};

use crate::support::library::{file_name, Library};
use crate::support::process::Newsdesk;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/stories");

/// A library holding the story fixtures, indexed.
pub fn stories_library() -> (Library, Index) {
    let library = Library::new();
    for language in ["vi", "vi/ban-luu", "en"] {
        for entry in std::fs::read_dir(Path::new(FIXTURES).join(language)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|ext| ext == "md") {
                let relative = format!("{language}/{}", file_name(&path));
                library.write(&relative, &std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let index = library.indexed();
    (library, index)
}

fn article(library: &Library, relative: &str) -> newsdesk::article::Article {
    newsdesk::parse::read_article(&library.path(relative)).unwrap()
}

/// The relative paths of the other copies of `relative`'s story.
fn copies(library: &Library, index: &Index, relative: &str) -> Vec<String> {
    let mut out: Vec<String> = index
        .same_story(&article(library, relative))
        .iter()
        .map(|summary| summary.path.strip_prefix(library.root.path()).unwrap().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

fn similar(library: &Library, index: &Index, relative: &str) -> Vec<String> {
    index
        .similar(&article(library, relative), 10)
        .iter()
        .map(|found| {
            found.article.path.strip_prefix(library.root.path()).unwrap().to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn two_outlets_an_update_and_a_second_save_are_one_story_each() {
    let (library, index) = stories_library();
    assert_eq!(
        copies(&library, &index, "vi/song-hong-lu-quang-tri.md"),
        ["vi/ban-luu/song-hong-lu-quang-tri.md", "vi/tin-mien-trung-lu-quang-tri.md"]
    );
    assert_eq!(copies(&library, &index, "vi/gia-lua-an-giang.md"), ["vi/gia-lua-an-giang-cap-nhat.md"]);
    assert_eq!(copies(&library, &index, "en/coastline-daily-ferry.md"), ["en/northgate-gazette-ferry.md"]);
    assert_eq!(copies(&library, &index, "en/library-levy-update.md"), ["en/library-levy.md"]);
    assert_eq!(index.story_groups(), 4);
}

#[test]
fn stories_on_one_topic_are_similar_but_not_grouped() {
    let (library, index) = stories_library();
    assert!(copies(&library, &index, "vi/lu-quang-ngai-hoc-sinh.md").is_empty());
    assert!(copies(&library, &index, "en/ferry-fares-council.md").is_empty());
    // The other flood story comes first, one copy of it only, and never the article itself.
    let flood = similar(&library, &index, "vi/lu-quang-ngai-hoc-sinh.md");
    assert!(flood.first().is_some_and(|first| first.contains("lu-quang-tri")), "{flood:?}");
    assert_eq!(flood.iter().filter(|path| path.contains("lu-quang-tri")).count(), 1, "{flood:?}");
    let ferry = similar(&library, &index, "en/northgate-gazette-ferry.md");
    assert_eq!(ferry.first().map(String::as_str), Some("en/ferry-fares-council.md"), "{ferry:?}");
    // Its own copy is the same story, not a similar article.
    assert!(!ferry.iter().any(|path| path.contains("coastline")), "{ferry:?}");
}

/// A copy folded under a hit is described as the article itself would be (its summary read from
/// the index's columns, not its stored text).
#[test]
fn a_folded_copy_is_summarised_as_its_article() {
    let (library, index) = stories_library();
    let results = index.search("Kestrel OR lũ OR lúa", 20).unwrap();
    let copies: Vec<_> = results.hits.iter().flat_map(|hit| &hit.copies).collect();
    assert!(copies.len() >= 2, "{:?}", results.hits);
    for copy in copies {
        let read = article(&library, copy.path.strip_prefix(library.root.path()).unwrap().to_str().unwrap());
        let summary = ArticleSummary::of(&read);
        assert_eq!(
            format!("{copy:?}"),
            format!("{:?}", ArticleSummary { path: copy.path.clone(), ..summary })
        );
    }
}

#[test]
fn list_and_search_carry_the_story_and_search_folds_copies() {
    let (library, index) = stories_library();
    drop(index);
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    let listed = newsdesk.run(&["list", "--json"]);
    listed.assert_success("list --json");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&listed.stdout).unwrap();
    let story: HashMap<String, String> = rows
        .iter()
        .map(|row| {
            let path = row["path"].as_str().unwrap();
            (file_name(Path::new(path)), row["story"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(story["gia-lua-an-giang.md"], story["gia-lua-an-giang-cap-nhat.md"]);
    assert_ne!(story["gia-lua-an-giang.md"], story["lu-quang-ngai-hoc-sinh.md"]);
    assert_ne!(story["northgate-gazette-ferry.md"], story["ferry-fares-council.md"]);

    let found = newsdesk.search_json("Kestrel", 10);
    let hits = found["hits"].as_array().unwrap();
    let ferry_story = &story["northgate-gazette-ferry.md"];
    let wire: Vec<&serde_json::Value> = hits.iter().filter(|hit| hit["story"] == *ferry_story).collect();
    assert_eq!(wire.len(), 1, "one hit for the wire story: {hits:?}");
    assert_eq!(wire[0]["copies"].as_array().unwrap().len(), 1);
    assert!(hits.iter().any(|hit| hit["title"].as_str().unwrap().contains("cheaper ferry fares")));
}

#[test]
fn similar_command_prints_the_closest_first() {
    let (library, index) = stories_library();
    drop(index);
    let newsdesk = Newsdesk::new(library.root.path(), &library.index_dir());
    let file = library.path("en/ferry-fares-council.md");
    let finished = newsdesk.run(&["similar", "--json", "--limit", "3", file.to_str().unwrap()]);
    finished.assert_success("similar --json");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&finished.stdout).unwrap();
    assert!(!rows.is_empty() && rows.len() <= 3);
    assert!(rows[0]["path"].as_str().unwrap().contains("ferry"), "{rows:?}");
    let closeness: Vec<f64> = rows.iter().map(|row| row["closeness"].as_f64().unwrap()).collect();
    assert!(closeness.windows(2).all(|pair| pair[0] >= pair[1]), "{closeness:?}");
}

/// Asked for three hits in a library that saved each of its articles four times: three stories
/// come back, each with its three other copies folded under it (the room kept for copies, twice
/// the hits asked, would hold fewer than two stories).
#[test]
fn copies_do_not_crowd_out_the_hits_asked_for() {
    let library = Library::new();
    let stories = [
        "Chợ rau Ba Đình dọn hàng từ bốn giờ sáng; ban quản lý mở thêm lối cho xe đẩy.",
        "Ở chợ rau ven đê, bà con treo bảng giá mới sau đợt mưa dài làm hỏng nhiều luống cải.",
        "Tiểu thương chợ rau đầu mối phía nam than phiền vì xe tải vào muộn, hàng héo trước trưa.",
        "Một nhóm sinh viên mở quầy chợ rau sạch mỗi chủ nhật, nhận đổi vỏ chai lấy bó rau thơm.",
        "Chợ rau trên sông miền Tây nhộn nhịp trở lại khi nước rút, ghe thuyền chen nhau từ sớm.",
        "Phường lắp mái che cho chợ rau tạm, người bán không còn phải căng bạt mỗi khi trời nắng gắt.",
    ];
    for (number, story) in stories.iter().enumerate() {
        let body = format!("# Chuyện chợ số {number}\n\n{story}\n");
        for copy in 0..4 {
            library.write(&format!("ban-luu-{copy}/cho-{number}.md"), &body);
        }
    }
    let index = library.indexed();
    let results = index.search("chợ rau", 3).unwrap();
    assert_eq!(results.total, 24);
    assert_eq!(results.hits.len(), 3, "three stories asked, three given");
    for hit in &results.hits {
        assert_eq!(hit.copies.len(), 3, "{}", hit.article.path.display());
    }
}
