//! The page the project started from, when `../shared/seeds` is beside the checkout. The suite
//! passes without it; the sample library pins the same structure with the project's own text.

use std::path::PathBuf;

use newsdesk::article::BlockKind;
use newsdesk::parse::read_article;

/// The seed page, beside the checkout (or beside the folder of worktrees that holds it).
pub fn seed() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = ["..", "../.."]
        .iter()
        .map(|up| root.join(up).join("shared/seeds/000_07e13b75870fdeba.txt"))
        .find(|path| path.exists());
    if found.is_none() {
        eprintln!("seed page not found beside the checkout: skipping");
    }
    found
}

#[test]
fn seed_page_is_read_exactly() {
    let Some(path) = seed() else { return };
    let article = read_article(&path).unwrap();
    assert_eq!(article.tags, ["Chủ tịch Ủy ban MTTQ Việt Nam TP Hà Nội"]);
    assert!(article.title.starts_with("Lựa chọn các hoạt động trọng tâm"), "{}", article.title);
    assert!(article.title.ends_with("vai trò Mặt trận"));
    assert_eq!(article.category.as_deref(), Some("Tin tức"));
    assert_eq!(article.published.unwrap().to_iso(), "2022-04-14T17:06:00");
    assert_eq!(article.source.as_deref(), Some("TTTĐ"));
    assert_eq!(article.author.as_deref(), Some("Hạnh Nguyên"));
    let lead = article.lead.as_deref().unwrap();
    assert!(lead.starts_with("Nửa đầu nhiệm kỳ") && !lead.contains("TTTĐ"));

    // Body: no font widget, no alt text repeating the title, one block per caption.
    assert!(article.body.iter().all(|b| b.text != "aa" && b.text != article.title));
    let captions: Vec<&str> =
        article.body.iter().filter(|b| b.kind == BlockKind::Caption).map(|b| b.text.as_str()).collect();
    assert_eq!(captions.len(), 3);
    assert_eq!(captions[0], "Quang cảnh hội nghị");
    let headings = article.body.iter().filter(|b| b.kind == BlockKind::Heading).count();
    assert_eq!(headings, 3);
    assert!(!article.body.iter().any(|b| b.text.contains("Rà soát, bồi dưỡng")));

    // Three titles run together after the lead, then the ten "Đọc thêm" items, nothing after "Xem thêm".
    assert_eq!(article.related.len(), 13);
    assert!(article.related[0].title.starts_with("Rà soát, bồi dưỡng"));
    assert!(article.related[0].title.ends_with("hiệu quả hoạt động"));
    assert!(article.related[1].title.starts_with("Đổi mới nội dung,"));
    assert!(article.related[1].title.ends_with("công tác Mặt trận"));
    assert!(article.related[2].title.starts_with("Khẳng định rõ hơn"));
    for item in &article.related[3..] {
        assert_eq!(item.category.as_deref(), Some("Tin tức"), "{}", item.title);
        assert!(item.summary.as_deref().is_some_and(|s| s.len() > 40), "{}", item.title);
    }
    assert!(article.related[3].title.starts_with("Hà Nội triển khai"));
    assert!(article.related[12].title.starts_with("Văn phòng Chính phủ"));
}
